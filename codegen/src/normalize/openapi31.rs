//! OpenAPI 3.1 into the 3.0 progenitor reads, nulls above all: 3.1's type
//! lists, null types and `const` take their 3.0 forms, and every way a spec
//! says "or null" becomes a `nullable` where openapiv3 and typify see it.

use super::{Notes, SpecError};
use crate::spec::{esc, is_prose, walk_schemas};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// progenitor takes only OpenAPI 3.0; the other transforms turn the 3.1
/// constructs it would misread into their 3.0 forms.
pub(super) fn openapi_version(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or_default().to_string();
    if let (false, Value::Object(root)) = (version.starts_with("3.0"), doc) {
        notes.log("openapi_version", format!("`{version}` -> `3.0.3`"));
        root.insert("openapi".into(), json!("3.0.3"));
    }
    Ok(())
}

/// `type: [string, "null"]` (3.1) becomes `type: string, nullable: true`.
pub(super) fn type_arrays(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        let Some(Value::Array(types)) = map.get("type") else { return };
        let nullable = types.iter().any(|t| t == "null");
        let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        match rest.len() {
            0 => {
                map.remove("type");
            }
            1 => {
                map.insert("type".into(), rest[0].clone());
            }
            _ => {
                map.remove("type");
                let alts = rest.into_iter().map(|t| json!({ "type": t })).collect();
                map.insert("anyOf".into(), Value::Array(alts));
            }
        }
        if nullable {
            map.insert("nullable".into(), json!(true));
        }
        notes.log("type_arrays", format!("{at}: type list folded"));
    });
    Ok(())
}

fn is_null_schema(v: &Value) -> bool {
    v.get("type").is_some_and(|t| t == "null") || v.get("enum").is_some_and(|e| *e == json!([null]))
}

/// `anyOf`/`oneOf` with a `{type: "null"}` member loses the member and
/// becomes `nullable`; a lone remaining `$ref` is wrapped in `allOf` so the
/// `nullable` is not lost.
pub(super) fn null_members(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        for key in ["anyOf", "oneOf"] {
            let Some(Value::Array(members)) = map.get_mut(key) else { continue };
            let before = members.len();
            members.retain(|m| !is_null_schema(m));
            if members.len() == before {
                continue;
            }
            let rest = members.clone();
            map.insert("nullable".into(), json!(true));
            if rest.len() == 1 {
                map.remove(key);
                let only = rest.into_iter().next().unwrap();
                if only.get("$ref").is_some() {
                    map.insert("allOf".into(), json!([only]));
                } else if let Value::Object(inner) = only {
                    for (k, v) in inner {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            notes.log("null_members", format!("{at}/{key}: null member -> nullable"));
        }
    });
    Ok(())
}

/// A schema that is only `type: "null"` can hold nothing but null; it becomes
/// an unconstrained nullable schema (3.0 has no null type).
pub(super) fn null_types(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if map.get("type").is_some_and(|t| t == "null") {
            map.remove("type");
            map.insert("nullable".into(), json!(true));
            notes.log("null_types", format!("{at}: `type: null` -> nullable"));
        }
    });
    Ok(())
}

/// `allOf: [X, {nullable: true}]` (the spec's way to make a `$ref` nullable)
/// becomes `allOf: [X]` with `nullable` on the schema itself, where
/// openapiv3 and typify see it: otherwise `"finish_reason": null` fails.
pub(super) fn nullable_all_of(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        let Some(Value::Array(members)) = map.get_mut("allOf") else { return };
        let only_nullable = |m: &Value| {
            m.as_object().is_some_and(|o| {
                o.get("nullable") == Some(&json!(true)) && o.keys().all(|k| k == "nullable" || is_prose(k))
            })
        };
        let before = members.len();
        members.retain(|m| !only_nullable(m));
        if members.len() < before {
            map.insert("nullable".into(), json!(true));
            notes.log("nullable_all_of", format!("{at}: nullable allOf member -> nullable"));
        }
    });
    Ok(())
}

/// A `null` listed among a string enum's values becomes `nullable`
/// (`FinetuneEventLevels`), with the `type` it then needs; `enum: [null]`
/// alone is null only, as `type: null`.
pub(super) fn enum_nulls(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        let Some(Value::Array(values)) = map.get_mut("enum") else { return };
        if values.len() == 1 && values[0].is_null() {
            map.remove("enum");
            map.remove("type");
            map.insert("nullable".into(), json!(true));
            notes.log("enum_nulls", format!("{at}: `enum: [null]` -> nullable"));
        } else if values.iter().any(Value::is_null) && values.len() > 1 {
            values.retain(|v| !v.is_null());
            let strings = values.iter().all(Value::is_string);
            map.insert("nullable".into(), json!(true));
            // `nullable` needs a `type` to extend; without one the values
            // would be checked against `null` alone.
            if strings && !map.contains_key("type") {
                map.insert("type".into(), json!("string"));
            }
            notes.log("enum_nulls", format!("{at}: null enum value -> nullable"));
        }
    });
    Ok(())
}

/// `const: x` (3.1) becomes `enum: [x]`, which openapiv3 keeps.
pub(super) fn const_to_enum(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if let Some(c) = map.remove("const") {
            if map.get("type").is_none() {
                let ty = match &c {
                    Value::String(_) => Some("string"),
                    Value::Bool(_) => Some("boolean"),
                    Value::Number(n) if n.is_i64() || n.is_u64() => Some("integer"),
                    Value::Number(_) => Some("number"),
                    _ => None,
                };
                if let Some(ty) = ty {
                    map.insert("type".into(), json!(ty));
                }
            }
            map.insert("enum".into(), json!([c]));
            notes.log("const_to_enum", format!("{at}: const -> enum"));
        }
    });
    Ok(())
}

/// A component that is itself `nullable` would be generated as a newtype
/// around `Option` (`usage.0.as_ref()`), and an open enum replacing it could
/// not hold null. Nullability moves to every place that refers to it.
pub(super) fn nullable_components(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") else { return Ok(()) };
    let mut nullable = BTreeSet::new();
    for (name, schema) in schemas.iter_mut() {
        if let Some(Value::Object(map)) = Some(schema) {
            if map.get("nullable") == Some(&json!(true)) {
                map.remove("nullable");
                nullable.insert(format!("#/components/schemas/{}", esc(name)));
                notes.log("nullable_components", format!("{name}: nullable moved to its references"));
            }
        }
    }
    if nullable.is_empty() {
        return Ok(());
    }
    walk_schemas(doc, &mut |map, _| {
        let direct = map.get("$ref").and_then(Value::as_str).is_some_and(|r| nullable.contains(r));
        let wrapped = map.get("allOf").and_then(Value::as_array).is_some_and(|all| {
            all.len() == 1 && all[0].get("$ref").and_then(Value::as_str).is_some_and(|r| nullable.contains(r))
        });
        if direct {
            let r = map.remove("$ref").unwrap();
            map.insert("allOf".into(), json!([{ "$ref": r }]));
        }
        if direct || wrapped {
            map.insert("nullable".into(), json!(true));
        }
    });
    Ok(())
}

/// `{$ref, nullable: true}` and other `$ref`s with meaningful siblings become
/// `{allOf: [{$ref}], ...siblings}`: openapiv3 drops everything beside a
/// `$ref`, and a lost `nullable` makes every `"finish_reason": null` fail.
pub(super) fn ref_siblings(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if map.contains_key("$ref") && map.keys().any(|k| k != "$ref" && !is_prose(k)) {
            let r = map.remove("$ref").unwrap();
            map.insert("allOf".into(), json!([{ "$ref": r }]));
            notes.log("ref_siblings", format!("{at}: $ref with siblings -> allOf"));
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn openapi_version_downgrades() {
        let mut d = doc(json!({}));
        run(openapi_version, &mut d);
        assert_eq!(d["openapi"], "3.0.3");
    }

    #[test]
    fn type_arrays_become_nullable() {
        let mut d = doc(json!({ "A": { "type": ["string", "null"] } }));
        run(type_arrays, &mut d);
        assert_eq!(d.pointer("/components/schemas/A").unwrap(), &json!({ "type": "string", "nullable": true }));
    }

    #[test]
    fn null_members_become_nullable() {
        let mut d = doc(json!({ "A": { "anyOf": [{ "$ref": "#/components/schemas/B" }, { "type": "null" }] } }));
        run(null_members, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/A").unwrap(),
            &json!({ "allOf": [{ "$ref": "#/components/schemas/B" }], "nullable": true })
        );
    }

    #[test]
    fn null_types_become_nullable() {
        let mut d = doc(json!({ "A": { "properties": { "errors": { "type": "null" } } } }));
        run(null_types, &mut d);
        assert_eq!(d.pointer("/components/schemas/A/properties/errors").unwrap(), &json!({ "nullable": true }));
    }

    #[test]
    fn nullable_all_of_members_move_to_the_schema() {
        let mut d = json!({ "components": { "schemas": { "C": { "properties": { "f": {
            "allOf": [{ "$ref": "#/components/schemas/F" }, { "nullable": true }] } } } } } });
        run(nullable_all_of, &mut d);
        let f = d.pointer("/components/schemas/C/properties/f").unwrap();
        assert_eq!(f, &json!({ "allOf": [{ "$ref": "#/components/schemas/F" }], "nullable": true }));
    }

    #[test]
    fn enum_nulls_become_nullable() {
        let mut d = doc(json!({ "Level": { "type": "string", "enum": [null, "info", "error"] },
            "Object": { "enum": [null, "local"] } }));
        run(enum_nulls, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Object").unwrap(),
            &json!({ "enum": ["local"], "nullable": true, "type": "string" })
        );
        assert_eq!(
            d.pointer("/components/schemas/Level").unwrap(),
            &json!({ "type": "string", "enum": ["info", "error"], "nullable": true })
        );
    }

    #[test]
    fn const_becomes_enum() {
        let mut d = doc(json!({ "A": { "const": "chat.completion" } }));
        run(const_to_enum, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/A").unwrap(),
            &json!({ "type": "string", "enum": ["chat.completion"] })
        );
    }

    #[test]
    fn nullable_components_move_to_references() {
        let mut d = doc(json!({
            "Usage": { "type": "object", "nullable": true },
            "Resp": { "properties": { "usage": { "$ref": "#/components/schemas/Usage" } } },
        }));
        run(nullable_components, &mut d);
        assert_eq!(d.pointer("/components/schemas/Usage").unwrap(), &json!({ "type": "object" }));
        assert_eq!(
            d.pointer("/components/schemas/Resp/properties/usage").unwrap(),
            &json!({ "allOf": [{ "$ref": "#/components/schemas/Usage" }], "nullable": true })
        );
    }

    #[test]
    fn ref_siblings_are_kept() {
        let mut d = doc(json!({ "A": { "properties": {
            "finish_reason": { "$ref": "#/components/schemas/F", "nullable": true },
            "plain": { "$ref": "#/components/schemas/F", "description": "only prose" },
        } } }));
        run(ref_siblings, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/A/properties/finish_reason").unwrap(),
            &json!({ "allOf": [{ "$ref": "#/components/schemas/F" }], "nullable": true })
        );
        assert!(d.pointer("/components/schemas/A/properties/plain/$ref").is_some());
    }
}
