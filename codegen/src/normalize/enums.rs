//! Open string enums: sets of strings a spec lists but the API extends
//! become named types that also take any other string; the tags that tell
//! a union's members apart stay closed.

use super::{Notes, OpenEnum, SpecError};
use crate::spec::{esc, ref_name, string_enum_values, unesc, walk, walk_schemas, Responses};
use heck::ToPascalCase;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// `anyOf: [{enum: [...]}, {type: string}]` (every `model` and `voice`) is an
/// open set of strings: it becomes one string enum, opened by `open_enums`.
pub(super) fn open_string_unions(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        for key in ["anyOf", "oneOf"] {
            let Some(Value::Array(members)) = map.get(key) else { continue };
            let mut values = Vec::new();
            let mut plain_string = false;
            let all_strings = members.iter().all(|m| {
                if let Some(v) = string_enum_values(m) {
                    values.extend(v);
                    true
                } else if m.get("type").is_some_and(|t| t == "string") && m.get("enum").is_none() {
                    plain_string = true;
                    true
                } else {
                    false
                }
            });
            if !(all_strings && plain_string && !values.is_empty()) {
                continue;
            }
            let mut description = None;
            for m in members {
                description = description.or_else(|| m.get("description").cloned());
            }
            map.remove(key);
            map.insert("type".into(), json!("string"));
            map.insert("enum".into(), json!(values));
            notes.open_unions.insert(at.to_string());
            if let (Some(d), false) = (description, map.contains_key("description")) {
                map.insert("description".into(), d);
            }
            notes.log("open_string_unions", format!("{at}: {key} of enum and string -> open string enum"));
        }
    });
    Ok(())
}

/// Components that are members of a `oneOf`/`anyOf` somewhere.
fn union_members(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk(&mut doc.clone(), "", &mut |map, _| {
        for key in ["oneOf", "anyOf"] {
            if let Some(Value::Array(list)) = map.get(key) {
                out.extend(list.iter().filter_map(ref_name));
            }
        }
    });
    out
}

/// Whether the schema at `at` is a property of a union member: inline
/// (`.../oneOf/1/properties/type`) or of a member component.
fn is_variant_property(at: &str, members: &BTreeSet<String>) -> bool {
    let parts: Vec<&str> = at.split('/').collect();
    let n = parts.len();
    if n < 4 || parts[n - 2] != "properties" {
        return false;
    }
    let inline = matches!(parts[n - 4], "oneOf" | "anyOf") && parts[n - 3].parse::<usize>().is_ok();
    let member = n == 6 && parts[1] == "components" && members.contains(parts[3]);
    inline || member
}

/// Every string enum of two or more values, and every one-value string enum
/// a response carries, becomes a named open enum: its known values plus any
/// other string, so a value the spec does not list (`finish_reason:
/// "content_filter"`) decodes. Inline enums move into `components/schemas`
/// under a name derived from where they sit; the generator replaces each
/// with a type from [`Notes::open_enums`].
pub(super) fn open_enums(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut hoisted: Vec<(String, Map<String, Value>, Value)> = Vec::new();
    let mut taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    // The names progenitor gives an operation's own response and body types.
    for (path, method) in crate::spec::operations(doc) {
        let id = crate::spec::op_id(doc, &path, &method);
        taken.extend(["response", "body"].map(|what| format!("{id}_{what}").to_pascal_case()));
    }
    let snapshot = doc.clone();
    let open_unions = std::mem::take(&mut notes.open_unions);
    // Enums that tell the variants of a union apart stay closed: an open one
    // would make the first variant match everything. The union itself gets
    // a catch-all variant at generation, so unknown tags still decode.
    let members = union_members(&snapshot);
    let mut closed_refs = BTreeSet::new();
    walk_schemas(&mut snapshot.clone(), &mut |map, at| {
        if is_variant_property(at, &members) {
            if let Some(name) = ref_name(&Value::Object(map.clone())) {
                closed_refs.insert(name);
            }
        }
    });
    let responses = Responses::of(&snapshot);
    let mut found: Vec<(String, OpenEnum)> = Vec::new();
    walk_schemas(doc, &mut |map, at| {
        let schema = Value::Object(map.clone());
        let Some(values) = string_enum_values(&schema) else { return };
        let component = at.strip_prefix("/components/schemas/").filter(|rest| !rest.contains('/'));
        let forced = open_unions.contains(at);
        // A single value in a request is a constant to send; in a response
        // it is what the spec expects, and the API sends others
        // (`text.completion` for `text_completion`). As a union's member
        // (`oneOf: [integer, {enum: [max]}]`) it stays: the union's `Other`
        // variant takes what else comes.
        let member = at.rsplit('/').nth(1).is_some_and(|k| k == "oneOf" || k == "anyOf");
        let constant = values.len() < 2 && (member || !responses.contains(at));
        let tag = constant || is_variant_property(at, &members) || component.is_some_and(|c| closed_refs.contains(c));
        if tag && !forced {
            return;
        }
        let description = map.get("description").and_then(Value::as_str).map(str::to_string);
        let open = OpenEnum { values, description };
        if let Some(name) = component {
            found.push((unesc(name), open));
            return;
        }
        let mut keep = Map::new();
        for k in ["nullable", "description", "readOnly", "writeOnly"] {
            if let Some(v) = map.remove(k) {
                keep.insert(k.to_string(), v);
            }
        }
        let mut hoist = std::mem::take(map);
        // One type for enums of one content hoisted from different places
        // (each message's `role`); the first place names it.
        let content: Map<String, Value> =
            hoist.iter().filter(|(k, _)| !crate::spec::is_prose(k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        // (A one-value enum marks its own place: each response's `object`.)
        let several = content.get("enum").and_then(Value::as_array).is_some_and(|v| v.len() > 1);
        let shared = hoisted.iter().find(|(_, c, _)| several && *c == content).map(|(n, ..)| n.clone());
        let name = shared.clone().unwrap_or_else(|| {
            let base = super::names::inline_type_name(&snapshot, at);
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
            taken.insert(name.clone());
            name
        });
        if let Some(d) = keep.get("description") {
            hoist.insert("description".into(), d.clone());
        }
        let reference = json!({ "$ref": format!("#/components/schemas/{name}") });
        if keep.contains_key("nullable") {
            map.insert("allOf".into(), json!([reference]));
        } else {
            map.insert("$ref".into(), reference["$ref"].clone());
        }
        map.extend(keep);
        if shared.is_none() {
            hoisted.push((name.clone(), content, Value::Object(hoist)));
            found.push((name, open));
        }
    });
    if !hoisted.is_empty() {
        let root = match doc {
            Value::Object(root) => root,
            _ => return Ok(()),
        };
        let components = root.entry("components").or_insert_with(|| json!({}));
        let Some(components) = components.as_object_mut() else { return Ok(()) };
        let schemas = components.entry("schemas").or_insert_with(|| json!({}));
        let Some(schemas) = schemas.as_object_mut() else { return Ok(()) };
        for (name, _, schema) in hoisted {
            notes.log("open_enums", format!("inline enum hoisted to #/components/schemas/{name}"));
            schemas.insert(name, schema);
        }
    }
    for (name, open) in found {
        notes.log("open_enums", format!("{name}: open enum of {} values", open.values.len()));
        notes.open_enums.insert(name, open);
    }
    Ok(())
}

/// typify's name for an enum variant of this value: `sanitize(value,
/// Pascal)`, or, when `elided`, with `_` and other non-identifier
/// characters as `X` (its second try when the first names clash).
fn typify_variant(value: &str, elided: bool) -> String {
    let continues = |c: char| c.is_alphanumeric() || c == '_';
    let value = if elided { value.replace(|c| c == '_' || !continues(c), "X") } else { value.to_string() };
    let cleaned: String = value.replace('\'', "").chars().map(|c| if continues(c) { c } else { '-' }).collect();
    let name = match cleaned.as_str() {
        "+1" => "Plus1".to_string(),
        "-1" => "Minus1".to_string(),
        _ => cleaned.to_pascal_case(),
    };
    match name.chars().next() {
        None => "X".into(),
        Some(c) if c.is_alphabetic() => name,
        Some(_) => format!("X{name}"),
    }
}

/// A closed string enum (one `open_enums` left to typify) whose values
/// typify would give one Rust name (`a` and `A`, `` and `-`) cannot be
/// generated: it is read as a string, the values in its description.
pub(super) fn closed_enum_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let open: BTreeSet<String> =
        notes.open_enums.keys().map(|name| format!("/components/schemas/{}", esc(name))).collect();
    let mut changed = Vec::new();
    walk_schemas(doc, &mut |map, at| {
        if open.contains(at) {
            return;
        }
        let Some(values) = string_enum_values(&Value::Object(map.clone())) else { return };
        let unique = |elided: bool| {
            let names: BTreeSet<String> = values.iter().map(|v| typify_variant(v, elided)).collect();
            names.len() == values.len()
        };
        if unique(false) || unique(true) {
            return;
        }
        map.remove("enum");
        crate::spec::add_description(map, &format!("Values: {}.", values.join(", ")));
        changed.push(format!(
            "`{at}/enum`: values typify would give one Rust name (of {}): read as a string",
            values.join(", ")
        ));
    });
    for message in changed {
        notes.warn("closed_enum_names", message);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn enum_or_string_becomes_one_enum() {
        let mut d = doc(json!({ "Req": { "properties": { "model": {
            "anyOf": [{ "type": "string", "enum": ["a/b", "c/d"] }, { "type": "string" }] } } } }));
        let notes = run(open_string_unions, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Req/properties/model").unwrap(),
            &json!({ "type": "string", "enum": ["a/b", "c/d"] })
        );
        assert_eq!(notes.open_unions.iter().collect::<Vec<_>>(), ["/components/schemas/Req/properties/model"]);
        // One known model is still an open set.
        let one = doc(json!({ "Req": { "properties": { "model": {
            "anyOf": [{ "type": "string", "enum": ["a/b"] }, { "type": "string" }] } } } }));
        let mut notes = Notes::default();
        let mut d = one.clone();
        open_string_unions(&mut d, &mut notes).unwrap();
        open_enums(&mut d, &mut notes).unwrap();
        assert_eq!(notes.open_enums["ReqModel"].values, ["a/b"]);
        assert!(notes.open_unions.is_empty());
        // Without the note it would be a request's constant, closed.
        let mut d = one;
        run(open_string_unions, &mut d);
        assert!(run(open_enums, &mut d).open_enums.is_empty());
    }

    #[test]
    fn open_enums_hoist_and_record() {
        let mut d = doc(json!({
            "FinishReason": { "type": "string", "enum": ["stop", "length"] },
            "Req": { "properties": { "model": { "type": "string", "enum": ["a/b", "c"], "nullable": true },
                "object": { "type": "string", "enum": ["list"] } } },
        }));
        let notes = run(open_enums, &mut d);
        assert_eq!(notes.open_enums.keys().collect::<Vec<_>>(), ["FinishReason", "ReqModel"]);
        assert_eq!(notes.open_enums["ReqModel"].values, ["a/b", "c"]);
        assert_eq!(d.pointer("/components/schemas/Req/properties/object/enum").unwrap(), &json!(["list"]));
        assert_eq!(
            d.pointer("/components/schemas/Req/properties/model").unwrap(),
            &json!({ "allOf": [{ "$ref": "#/components/schemas/ReqModel" }], "nullable": true })
        );
        assert_eq!(
            d.pointer("/components/schemas/ReqModel").unwrap(),
            &json!({ "type": "string", "enum": ["a/b", "c"] })
        );
    }

    #[test]
    fn one_value_enums_open_in_responses_only() {
        let mut d = request_and_response(json!({
            "Req": { "properties": { "type": { "type": "string", "enum": ["function"] } } },
            "Resp": { "properties": { "object": { "type": "string", "enum": ["text_completion"] },
                "batch": { "oneOf": [{ "type": "integer" }, { "type": "string", "enum": ["max"] }] },
                "outputs": { "type": "array", "items": { "oneOf": [
                    { "properties": { "type": { "type": "string", "enum": ["stdout"] } } },
                    { "properties": { "type": { "type": "string", "enum": ["error"] } } } ] } } } },
            "Error": {},
        }));
        let notes = run(open_enums, &mut d);
        assert_eq!(notes.open_enums.keys().collect::<Vec<_>>(), ["RespObject"]);
        assert_eq!(notes.open_enums["RespObject"].values, ["text_completion"]);
        assert_eq!(d.pointer("/components/schemas/Req/properties/type/enum").unwrap(), &json!(["function"]));
        assert_eq!(d.pointer("/components/schemas/Resp/properties/batch/oneOf/1/enum").unwrap(), &json!(["max"]));
        // Tags telling union members apart stay closed, in responses too.
        assert!(d.pointer("/components/schemas/Resp/properties/outputs/items/oneOf/0/properties/type/enum").is_some());
    }

    #[test]
    fn closed_enums_whose_values_clash_as_names_are_strings() {
        assert_eq!(typify_variant("tool-calls", false), "ToolCalls");
        assert_eq!(typify_variant("", false), "X");
        assert_eq!(typify_variant("2x", false), "X2x");
        assert_eq!(typify_variant("a_b", true), "AXb");
        let mut d = doc(json!({
            "Clash": { "type": "string", "enum": ["a", "A"] },
            "Elided": { "type": "string", "enum": ["a_b", "aB"] },
            "Fine": { "type": "string", "enum": ["a", "b"] },
        }));
        let notes = run(closed_enum_names, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Clash").unwrap(),
            &json!({ "type": "string", "description": "Values: a, A." })
        );
        assert!(d.pointer("/components/schemas/Elided/enum").is_some());
        assert!(d.pointer("/components/schemas/Fine/enum").is_some());
        assert_eq!(
            notes.warnings,
            ["`/components/schemas/Clash/enum`: values typify would give one Rust name (of a, A): read as a string"]
        );
    }

    #[test]
    fn union_tags_stay_closed() {
        let mut d = doc(json!({
            "Output": { "oneOf": [
                { "$ref": "#/components/schemas/Stream" },
                { "properties": { "type": { "type": "string", "enum": ["error", "fatal"] } } },
            ] },
            "Stream": { "properties": { "type": { "$ref": "#/components/schemas/StreamKind" },
                "level": { "type": "string", "enum": ["a", "b"] } } },
            "StreamKind": { "type": "string", "enum": ["stdout", "stderr"] },
        }));
        let notes = run(open_enums, &mut d);
        assert_eq!(notes.open_enums.keys().collect::<Vec<_>>(), Vec::<&String>::new());
        assert!(d.pointer("/components/schemas/Output/oneOf/1/properties/type/enum").is_some());
    }
}
