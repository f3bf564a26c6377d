//! The schema corrections of [`PATCHES`], applied to the spec as published.

use super::policy::{Change, Patch, Specs, PATCHES};
use super::{Notes, SpecError};
use crate::spec::dangling_ref;
use serde_json::{json, Value};

/// Applies [`PATCHES`].
pub(super) fn schema_patches(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    apply_patches(doc, notes, PATCHES)
}

fn apply_patches(doc: &mut Value, notes: &mut Notes, patches: &[Patch]) -> Result<(), SpecError> {
    const NAME: &str = "schema_patches";
    for patch in patches {
        let json = |text: &str| {
            serde_json::from_str::<Value>(text)
                .map_err(|e| SpecError { at: patch.at.into(), message: format!("the patch's JSON is invalid: {e}") })
        };
        let value = match &patch.change {
            Change::Properties(text) | Change::Set(text) => Some(json(text)?),
            Change::Optional(_) => None,
        };
        let dangling = value.as_ref().and_then(|v| dangling_ref(doc, v, "")).map(|(_, r)| r);
        let Some(target) = doc.pointer_mut(patch.at) else {
            let scope = match patch.specs {
                Specs::All => None,
                Specs::Until(date) => Some(format!("fixed upstream in {date}")),
                Specs::Since(date) => Some(format!("a schema of specs since {date}")),
            };
            if let Some(scope) = scope {
                notes.log(NAME, format!("`{}`: not in this spec, {scope} ({})", patch.at, patch.why));
                continue;
            }
            notes.warn(
                NAME,
                format!("schema patch `{}` no longer applies: no such place in this spec ({})", patch.at, patch.why),
            );
            continue;
        };
        if let Some(r) = dangling {
            notes.warn(
                NAME,
                format!("schema patch `{}` is skipped: `{r}` is not in this spec ({})", patch.at, patch.why),
            );
            continue;
        }
        let changed: Vec<String> = match (&patch.change, value) {
            (Change::Optional(names), _) => {
                let required = target.get_mut("required").and_then(Value::as_array_mut);
                let mut gone = Vec::new();
                if let Some(required) = required {
                    required.retain(|r| {
                        let drop = names.iter().any(|n| r == n);
                        if drop {
                            gone.push(format!("`{}` optional", r.as_str().unwrap_or_default()));
                        }
                        !drop
                    });
                }
                gone
            }
            (Change::Properties(_), Some(Value::Object(add))) => {
                let properties = target.as_object_mut().map(|t| t.entry("properties").or_insert_with(|| json!({})));
                let Some(properties) = properties.and_then(Value::as_object_mut) else {
                    notes.warn(
                        NAME,
                        format!("schema patch `{}` no longer applies: not a schema ({})", patch.at, patch.why),
                    );
                    continue;
                };
                let mut added = Vec::new();
                for (name, schema) in add {
                    if !properties.contains_key(&name) {
                        added.push(format!("`{name}` added"));
                        properties.insert(name, schema);
                    }
                }
                added
            }
            (Change::Set(_), Some(value)) => {
                if *target == value {
                    Vec::new()
                } else {
                    let was = std::mem::replace(target, value.clone());
                    vec![format!("{was} -> {value}")]
                }
            }
            _ => Vec::new(),
        };
        if changed.is_empty() {
            notes.log(NAME, format!("{}: already as the patch wants", patch.at));
        } else {
            notes.log(NAME, format!("{}: {} ({})", patch.at, changed.join(", "), patch.why));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn schema_patches_apply_warn_and_log() {
        let mut d = doc(json!({
            "Chunk": { "required": ["id", "token"], "properties": { "id": { "type": "string" } } },
            "Reason": { "type": "string" },
        }));
        let patches = [
            Patch {
                at: "/components/schemas/Chunk",
                change: Change::Optional(&["token"]),
                why: "not sent",
                specs: Specs::All,
            },
            Patch {
                at: "/components/schemas/Chunk",
                change: Change::Properties(
                    r##"{"id": {"type": "integer"}, "reason": {"$ref": "#/components/schemas/Reason"}}"##,
                ),
                why: "sent",
                specs: Specs::All,
            },
            Patch {
                at: "/components/schemas/Gone",
                change: Change::Optional(&["x"]),
                why: "fixed upstream",
                specs: Specs::All,
            },
            Patch {
                at: "/components/schemas/Chunk",
                change: Change::Properties(r##"{"b": {"$ref": "#/components/schemas/Missing"}}"##),
                why: "dangling",
                specs: Specs::All,
            },
            Patch {
                at: "/components/schemas/Old",
                change: Change::Optional(&["x"]),
                why: "kept",
                specs: Specs::Until("2026-01-01"),
            },
            Patch {
                at: "/components/schemas/New",
                change: Change::Optional(&["x"]),
                why: "later",
                specs: Specs::Since("2027-01-01"),
            },
            Patch {
                at: "/components/schemas/Reason/type",
                change: Change::Set(r#""string""#),
                why: "same",
                specs: Specs::All,
            },
        ];
        let mut notes = Notes::default();
        apply_patches(&mut d, &mut notes, &patches).unwrap();
        let chunk = d.pointer("/components/schemas/Chunk").unwrap();
        assert_eq!(chunk["required"], json!(["id"]));
        // A property the spec has is never replaced.
        assert_eq!(chunk["properties"]["id"], json!({ "type": "string" }));
        assert_eq!(chunk["properties"]["reason"], json!({ "$ref": "#/components/schemas/Reason" }));
        assert!(chunk["properties"].get("b").is_none());
        assert_eq!(notes.warnings.len(), 2, "{:?}", notes.warnings);
        assert!(notes.warnings[0].contains("/components/schemas/Gone") && notes.warnings[0].contains("fixed upstream"));
        assert!(notes.warnings[1].contains("#/components/schemas/Missing"));
        assert!(notes.log.iter().any(|l| l.contains("/components/schemas/Reason/type: already as the patch wants")));
        // Kept for older specs: gone here, logged, no warning (counted above).
        assert!(notes
            .log
            .iter()
            .any(|l| l.contains("`/components/schemas/Old`: not in this spec, fixed upstream in 2026-01-01")));
        assert!(notes
            .log
            .iter()
            .any(|l| l.contains("`/components/schemas/New`: not in this spec, a schema of specs since 2027")));
        let bad = [Patch { at: "/components/schemas/Chunk", change: Change::Set("{"), why: "typo", specs: Specs::All }];
        let err = apply_patches(&mut d, &mut Notes::default(), &bad).unwrap_err();
        assert_eq!(err.at, "/components/schemas/Chunk");
    }
}
