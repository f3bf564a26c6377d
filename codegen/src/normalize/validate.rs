//! What makes a spec unusable is refused before anything changes it.

use super::{Notes, SpecError};
use crate::spec::dangling_ref;
use serde_json::Value;

/// Refuses a document with a local `$ref` that points nowhere.
pub(super) fn check_refs(doc: &mut Value, _: &mut Notes) -> Result<(), SpecError> {
    match dangling_ref(doc, doc, "") {
        Some((at, r)) => Err(SpecError { at, message: format!("unresolvable $ref `{r}`") }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;
    use serde_json::json;

    #[test]
    fn check_refs_names_the_place() {
        let mut d = doc(json!({ "A": { "properties": { "b": { "$ref": "#/components/schemas/Missing" } } } }));
        let err = check_refs(&mut d, &mut Notes::default()).unwrap_err();
        assert_eq!(err.at, "/components/schemas/A/properties/b");
        assert!(err.message.contains("#/components/schemas/Missing"), "{err}");
        let mut ok = doc(json!({ "A": { "$ref": "#/components/schemas/B" }, "B": { "type": "string" } }));
        check_refs(&mut ok, &mut Notes::default()).unwrap();
    }
}
