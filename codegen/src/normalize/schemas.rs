//! Schemas made lenient where the API is: names that would clash, defaults
//! and strict formats, closed objects, the scalars of responses, and unions
//! that cannot tell their members apart.

use super::{Notes, SpecError};
use crate::spec::{add_description, resolve, walk_schemas, Responses};
use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The format the response integers carry after `response_scalars`; the
/// generator maps it to `i128`. No spec uses it, and typify names a union's
/// variant after its member's format: `Integer`, as for an integer without one.
pub const WIDE_INTEGER: &str = "integer";

/// An inline schema whose `title` equals a component's name would be
/// generated as a second type of that name; its title goes.
pub(super) fn inline_titles(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let components: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    walk_schemas(doc, &mut |map, at| {
        let is_component_root = at.starts_with("/components/schemas/") && at.matches('/').count() == 3;
        if is_component_root {
            return;
        }
        if let Some(Value::String(title)) = map.get("title") {
            if components.contains(title) || components.contains(&title.to_pascal_case()) {
                notes.log("inline_titles", format!("{at}: dropped title `{title}`"));
                map.remove("title");
            }
        }
    });
    Ok(())
}

/// The Rust field name typify gives a property: its `sanitize(name,
/// Snake)` (`Self` is `self_`, `2x` is `x2x`, `a-b` is `a_b`).
fn typify_field(name: &str) -> String {
    let continues = |c: char| c.is_alphanumeric() || c == '_';
    let cleaned: String = name.replace('\'', "").chars().map(|c| if continues(c) { c } else { '-' }).collect();
    let out = match name {
        "+1" => "plus1".to_string(),
        "-1" => "minus1".to_string(),
        _ => cleaned.to_snake_case(),
    };
    let out = match out.chars().next() {
        None => "x".to_string(),
        Some(c) if c.is_alphabetic() => out,
        Some(_) => format!("x{out}"),
    };
    if syn::parse_str::<syn::Ident>(&out).is_ok() {
        out
    } else {
        format!("{out}_")
    }
}

/// Two properties of one object typify would give one Rust field (`self`
/// and `Self`, `fooBar` and `foo_bar`) would not compile: the later one is
/// left out, with a warning.
pub(super) fn property_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut dropped = Vec::new();
    walk_schemas(doc, &mut |map, at| {
        let Some(Value::Object(props)) = map.get_mut("properties") else { return };
        let mut fields: BTreeMap<String, String> = BTreeMap::new();
        let mut clashes = Vec::new();
        for name in props.keys() {
            let field = typify_field(name);
            match fields.get(&field) {
                Some(first) => clashes.push((name.clone(), first.clone(), field)),
                None => {
                    fields.insert(field, name.clone());
                }
            }
        }
        for (name, first, field) in &clashes {
            props.shift_remove(name);
            dropped.push(format!(
                "`{at}/properties/{}`: the property `{name}` is the Rust field `{field}`, as `{first}` is: left out",
                crate::spec::esc(name)
            ));
        }
        if let Some(Value::Array(required)) = map.get_mut("required") {
            required.retain(|r| !clashes.iter().any(|(name, ..)| r.as_str() == Some(name.as_str())));
        }
    });
    for message in dropped {
        notes.warn("property_names", message);
    }
    Ok(())
}

/// Schema defaults are the server's business: generated types would send them
/// on every request (overriding server defaults), so they move into the docs.
pub(super) fn strip_defaults(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if let Some(d) = map.remove("default") {
            add_description(map, &format!("Server default: `{d}`."));
            notes.log("strip_defaults", format!("{at}: default {d} moved to docs"));
        }
    });
    Ok(())
}

/// The longest example (as compact JSON) that goes into the docs; a longer
/// one (a whole request) would drown the description.
const EXAMPLE_DOC_CHARS: usize = 100;

/// The most enum values listed in a field's docs; a longer list is the type's.
const ENUM_DOC_VALUES: usize = 12;

/// A schema's or parameter's `example` (or first of `examples`), and an
/// enum's values, are added to its description: typify and progenitor
/// document a field, a setter and a parameter with the description alone,
/// and a field whose type is an enum shows its values nowhere else.
/// `example` stays (the mock and `conform` send it).
pub(super) fn example_docs(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut n = 0;
    walk_schemas(doc, &mut |map, _| {
        n += usize::from(document_example(map));
        let values: Vec<String> = match map.get("enum") {
            Some(Value::Array(values)) if values.iter().all(|v| v.is_string()) && values.len() > 1 => {
                values.iter().map(|v| format!("`{}`", v.as_str().unwrap_or_default())).collect()
            }
            _ => return,
        };
        if values.len() <= ENUM_DOC_VALUES && values.iter().all(|v| v.matches('`').count() == 2) {
            add_description(map, &format!("Values: {}.", values.join(", ")));
        }
    });
    let mut parameters: Vec<&mut Value> = Vec::new();
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for item in paths.values_mut().filter_map(Value::as_object_mut) {
            for (key, v) in item.iter_mut() {
                let list = match key.as_str() {
                    "parameters" => Some(v),
                    m if crate::spec::METHODS.contains(&m) => v.get_mut("parameters"),
                    _ => None,
                };
                if let Some(Value::Array(list)) = list {
                    parameters.extend(list);
                }
            }
        }
    }
    for p in parameters.into_iter().filter_map(Value::as_object_mut) {
        n += usize::from(document_example(p));
    }
    notes.log("example_docs", format!("{n} examples added to descriptions"));
    Ok(())
}

/// Adds "Example: `..`." for a short example; whether it did.
fn document_example(map: &mut Map<String, Value>) -> bool {
    let example = match (map.get("example"), map.get("examples")) {
        (Some(e), _) if !e.is_null() => e,
        (None, Some(Value::Array(list))) if !list.is_empty() => &list[0],
        _ => return false,
    };
    let text = example.to_string();
    if text.chars().count() > EXAMPLE_DOC_CHARS || text.contains('`') || text.contains('\n') {
        return false;
    }
    add_description(map, &format!("Example: `{text}`."));
    true
}

/// Responses carry fields no spec lists; no generated type may refuse them.
pub(super) fn open_objects(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if map.get("additionalProperties") == Some(&json!(false)) {
            map.remove("additionalProperties");
            notes.log("open_objects", format!("{at}: additionalProperties: false dropped"));
        }
    });
    Ok(())
}

/// Formats that would make a field a strict Rust type (`uuid::Uuid`,
/// `chrono::DateTime`) stay strings: the spec says `format: uuid` for
/// fine-tune ids that really look like `ft-3b88...`, and a timestamp without
/// a zone would fail the whole response.
pub(super) fn string_formats(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        let strict = map.get("format").and_then(Value::as_str).filter(|f| matches!(*f, "uuid" | "date-time" | "date"));
        if let Some(format) = strict.map(str::to_string) {
            map.remove("format");
            add_description(map, &format!("Format: {format}."));
            notes.log("string_formats", format!("{at}: format {format} kept as a string"));
        }
    });
    Ok(())
}

/// A `pattern` moves into the docs: typify would make the string a
/// newtype checked with `regress` (a crate the client does not depend on),
/// a response would fail on a value the pattern does not allow, and an
/// invalid pattern would stop generation.
pub(super) fn string_patterns(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if let Some(pattern) = map.remove("pattern") {
            let text = pattern.as_str().map_or_else(|| pattern.to_string(), str::to_string);
            add_description(map, &format!("Pattern: `{text}`."));
            notes.log("string_patterns", format!("{at}: pattern moved to docs"));
        }
    });
    Ok(())
}

/// `format: float` numbers are `f64`, not `f32`: an answer printed with more
/// digits than an `f32` holds (`-3.402823669209385e38`) would fail the whole
/// response, and `0.7` sent as an `f32` widens to `0.699999988`.
pub(super) fn float_formats(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if map.get("format").and_then(Value::as_str) == Some("float") {
            map.remove("format");
            notes.log("float_formats", format!("{at}: float -> f64"));
        }
    });
    Ok(())
}

/// A scalar in a response never fails the whole response because of its
/// value: integers become `i128` whatever their format and bounds (the API
/// sends seeds above `i64::MAX`, and a bound or format is a claim the
/// server does not check), and the value lists of numbers and booleans
/// (`enum`, `const`) move into the docs. String value lists are opened by
/// `open_enums`. Request schemas keep all of it.
pub(super) fn response_scalars(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let responses = Responses::of(doc);
    walk_schemas(doc, &mut |map, at| {
        let ty = map.get("type").and_then(Value::as_str).unwrap_or_default().to_string();
        if !matches!(ty.as_str(), "integer" | "number" | "boolean") || !responses.contains(at) {
            return;
        }
        let mut said = Vec::new();
        if let Some(values) = map.remove("enum") {
            said.push(format!("values {values}"));
        }
        if ty == "integer" {
            for key in ["format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] {
                if let Some(v) = map.remove(key) {
                    said.push(format!("{key} {v}"));
                }
            }
            // Extensions would keep the generator from recognising the schema.
            map.retain(|k, _| !k.starts_with("x-"));
            map.insert("format".into(), json!(WIDE_INTEGER));
        }
        if !said.is_empty() {
            add_description(map, &format!("The spec says: {}.", said.join(", ")));
        }
        if ty == "integer" || !said.is_empty() {
            let said = if said.is_empty() { String::new() } else { format!(" ({} dropped)", said.join(", ")) };
            notes.log("response_scalars", format!("{at}: {ty} in a response{said}"));
        }
    });
    Ok(())
}

/// A union decodes untagged, with its first member that accepts the value,
/// and a member ignores fields it does not declare. So a `oneOf`/`anyOf` of
/// objects none of which requires anything matches every object with its
/// first member, silently dropping the others' fields (cosine scheduler
/// arguments decoded as linear ones): it becomes one object with all the
/// members' properties. And a member that requires no more than a later one
/// and declares fewer properties takes the later one's objects and drops
/// their extra fields: the later one moves in front of it.
pub(super) fn ambiguous_unions(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let snapshot = doc.clone();
    walk_schemas(doc, &mut |map, at| {
        for key in ["oneOf", "anyOf"] {
            let Some(Value::Array(members)) = map.get(key) else { continue };
            let resolved: Vec<&Value> = members.iter().map(|m| resolve(&snapshot, m)).collect();
            let loose = |m: &&Value| {
                m.get("properties").is_some_and(Value::is_object)
                    && m.get("required").and_then(Value::as_array).is_none_or(|r| r.is_empty())
                    && m.get("oneOf").is_none()
                    && m.get("anyOf").is_none()
            };
            if resolved.len() < 2 {
                continue;
            }
            if !resolved.iter().all(loose) {
                if let Some(order) = unshadowed(&resolved) {
                    let Some(Value::Array(members)) = map.get_mut(key) else { continue };
                    let old = std::mem::take(members);
                    *members = order.iter().map(|&i| old[i].clone()).collect();
                    notes.log(
                        "ambiguous_unions",
                        format!("{at}/{key}: members reordered {order:?}, none shadowing a later one"),
                    );
                }
                continue;
            }
            let mut properties = Map::new();
            for m in &resolved {
                for (name, schema) in m["properties"].as_object().unwrap() {
                    properties.entry(name.clone()).or_insert_with(|| schema.clone());
                }
            }
            map.remove(key);
            map.insert("type".into(), json!("object"));
            map.insert("properties".into(), Value::Object(properties));
            notes.log("ambiguous_unions", format!("{at}/{key}: members require nothing, merged into one object"));
        }
    });
    Ok(())
}

/// The order of a union's members in which no object member comes before
/// one it shadows (requires a subset of its names, declares a strict subset
/// of its properties, takes unknown fields), when it differs from theirs.
fn unshadowed(members: &[&Value]) -> Option<Vec<usize>> {
    let shape = |m: &Value| -> Option<(BTreeSet<String>, BTreeSet<String>)> {
        let properties = m.get("properties")?.as_object()?;
        if m.get("oneOf").is_some() || m.get("anyOf").is_some() || m.get("additionalProperties") == Some(&json!(false))
        {
            return None;
        }
        let required = m.get("required").and_then(Value::as_array).into_iter().flatten();
        Some((required.filter_map(Value::as_str).map(String::from).collect(), properties.keys().cloned().collect()))
    };
    let shapes: Vec<_> = members.iter().map(|m| shape(m)).collect();
    let shadows = |a: usize, b: usize| match (&shapes[a], &shapes[b]) {
        (Some((ra, pa)), Some((rb, pb))) => ra.is_subset(rb) && pa.is_subset(pb) && pa.len() < pb.len(),
        _ => false,
    };
    let mut order: Vec<usize> = (0..members.len()).collect();
    // Each move puts a member before one with strictly fewer properties: it ends.
    while let Some((i, j)) = (0..order.len())
        .flat_map(|i| (i + 1..order.len()).map(move |j| (i, j)))
        .find(|&(i, j)| shadows(order[i], order[j]))
    {
        let moved = order.remove(j);
        order.insert(i, moved);
    }
    (order.iter().enumerate().any(|(i, &o)| i != o)).then_some(order)
}

/// typify merges the members of an `allOf` through their references, and
/// recurses without end (a stack overflow, which nothing can catch) when a
/// member leads back, through members of `allOf`, `anyOf` and `oneOf` and
/// plain references, to the component it sits in (`Node: {properties: {child: {allOf: [$ref Node,
/// {...}]}}}`, `A: {allOf: [$ref B]}` with `B: {allOf: [$ref A, ...]}`).
/// Such a member goes when the `allOf` is a component's own (its other
/// keywords stay, and a member that is the component itself adds nothing);
/// elsewhere the `allOf` is read as that reference alone, the rest not
/// generated. A member of `anyOf` or `oneOf` that is the component itself
/// (`X = X or string`) adds nothing and goes. Each with a warning.
pub(super) fn recursive_merges(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    // A member's component, directly or through a wrapper made nullable (`allOf: [$ref], nullable`).
    let target = |m: &Value| crate::spec::ref_name(m).map(|name| crate::spec::unesc(&name));
    // One site a round: a fix can end other cycles.
    for _ in 0..64 {
        let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") else { return Ok(()) };
        // What merging each component follows: its `allOf` members, and itself when it is a plain reference.
        let mut merges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        // Each `allOf` that merges something (other members, or keywords beside it).
        let mut sites: Vec<(String, String, Vec<Option<String>>)> = Vec::new();
        let mut copy = Value::Object(schemas.clone());
        walk_schemas_below(&mut copy, &mut |map, at| {
            let Some(component) = at.split('/').nth(1).map(crate::spec::unesc) else { return };
            let at = format!("/components/schemas{at}");
            // Merging goes into the members of unions too.
            for key in ["anyOf", "oneOf"] {
                let members = map.get(key).and_then(Value::as_array).into_iter().flatten();
                merges.entry(component.clone()).or_default().extend(members.filter_map(target));
            }
            if let Some(Value::Array(members)) = map.get("allOf") {
                let targets: Vec<Option<String>> = members.iter().map(target).collect();
                merges.entry(component.clone()).or_default().extend(targets.iter().flatten().cloned());
                let beside = map.keys().any(|k| k != "allOf" && k != "nullable" && !crate::spec::is_prose(k));
                if members.len() > 1 || beside {
                    sites.push((component.clone(), at.clone(), targets));
                }
            }
            if at.matches('/').count() == 3 && map.len() == 1 {
                if let Some(t) = target(&Value::Object(map.clone())) {
                    merges.entry(component).or_default().insert(t);
                }
            }
        });
        let reaches = |from: &str, to: &str| {
            let mut seen = BTreeSet::new();
            let mut pending = vec![from.to_string()];
            while let Some(name) = pending.pop() {
                if name == to {
                    return true;
                }
                if seen.insert(name.clone()) {
                    pending.extend(merges.get(&name).into_iter().flatten().cloned());
                }
            }
            false
        };
        let found = sites.iter().find_map(|(component, at, targets)| {
            let i = targets.iter().position(|t| t.as_deref().is_some_and(|t| reaches(t, component)))?;
            Some((component.clone(), at.clone(), i, targets[i].clone().unwrap_or_default()))
        });
        let Some((component, at, i, back)) = found else { break };
        let Some(Value::Object(site)) = doc.pointer_mut(&at) else { break };
        let own: Vec<String> =
            site.keys().filter(|k| *k != "allOf" && *k != "nullable" && !crate::spec::is_prose(k)).cloned().collect();
        let root = at.matches('/').count() == 3;
        let Some(Value::Array(members)) = site.get_mut("allOf") else { break };
        if root {
            members.remove(i);
            if members.is_empty() {
                site.remove("allOf");
            }
            notes.warn(
                "recursive_merges",
                format!("`{at}/allOf/{i}`: `{back}` leads back to `{component}`, which typify would merge without end: left out"),
            );
        } else {
            let kept = members.remove(i);
            *members = vec![kept];
            for k in &own {
                site.remove(k);
            }
            notes.warn(
                "recursive_merges",
                format!("`{at}/allOf` merges `{back}`, which leads back to `{component}`, which typify would merge without end: read as `{back}` alone"),
            );
        }
    }
    // anyOf, oneOf: the component itself as a member.
    let mut warned = Vec::new();
    if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        for (name, schema) in schemas.iter_mut() {
            for key in ["anyOf", "oneOf"] {
                let Some(Value::Array(members)) = schema.get_mut(key) else { continue };
                let before = members.len();
                members.retain(|m| target(m).as_deref() != Some(name.as_str()));
                if members.len() < before && !members.is_empty() {
                    let at = format!("/components/schemas/{}", crate::spec::esc(name));
                    warned.push(format!("`{at}/{key}`: a member that is `{name}` itself adds nothing: left out"));
                }
            }
        }
    }
    for message in warned {
        notes.warn("recursive_merges", message);
    }
    Ok(())
}

/// [`walk_schemas`] over a map of component schemas (`/Name/...` pointers).
fn walk_schemas_below(schemas: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    let mut doc = json!({ "components": { "schemas": std::mem::take(schemas) } });
    walk_schemas(&mut doc, &mut |map, at| f(map, at.strip_prefix("/components/schemas").unwrap_or(at)));
    if let Some(taken) = doc.pointer_mut("/components/schemas") {
        *schemas = std::mem::take(taken);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn inline_titles_equal_to_components_go() {
        let mut d = doc(json!({
            "ErrorOutput": { "title": "ErrorOutput", "type": "object" },
            "Resp": { "properties": { "e": { "title": "ErrorOutput", "type": "object" }, "f": { "title": "Fresh" } } },
        }));
        run(inline_titles, &mut d);
        assert!(d.pointer("/components/schemas/Resp/properties/e/title").is_none());
        assert_eq!(d.pointer("/components/schemas/Resp/properties/f/title").unwrap(), "Fresh");
        assert_eq!(d.pointer("/components/schemas/ErrorOutput/title").unwrap(), "ErrorOutput");
    }

    #[test]
    fn properties_of_one_rust_field_name_keep_the_first() {
        assert_eq!(typify_field("Self"), "self_");
        assert_eq!(typify_field("2x"), "x2x");
        assert_eq!(typify_field("a-b"), "a_b");
        let mut d = doc(json!({ "A": { "required": ["Self"], "properties": {
            "self": { "type": "string" }, "Self": { "type": "string" }, "fooBar": {}, "foo_bar": {}, "a": {} } } }));
        let notes = run(property_names, &mut d);
        let props = d.pointer("/components/schemas/A/properties").unwrap().as_object().unwrap();
        assert_eq!(props.keys().collect::<Vec<_>>(), ["self", "fooBar", "a"]);
        assert_eq!(d.pointer("/components/schemas/A/required").unwrap(), &json!([]));
        assert_eq!(
            notes.warnings[0],
            "`/components/schemas/A/properties/Self`: the property `Self` is the Rust field `self_`, as `self` is: left out"
        );
    }

    #[test]
    fn defaults_move_to_docs() {
        let mut d = doc(json!({ "Req": { "properties": { "n_epochs": { "type": "integer", "default": 1 },
            "lr": { "type": "number", "default": "0.00001", "description": "Learning rate." } } } }));
        run(strip_defaults, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Req/properties/n_epochs").unwrap(),
            &json!({ "type": "integer", "description": "Server default: `1`." })
        );
        assert_eq!(
            d.pointer("/components/schemas/Req/properties/lr/description").unwrap(),
            "Learning rate.\n\nServer default: `\"0.00001\"`."
        );
    }

    #[test]
    fn examples_and_enum_values_go_to_docs() {
        let long = "x".repeat(EXAMPLE_DOC_CHARS);
        let mut d = doc(json!({ "Req": { "properties": {
            "model": { "type": "string", "description": "Model id.", "example": "meta-llama/Llama-3" },
            "n": { "type": "integer", "examples": [4, 8] },
            "prompt": { "type": "string", "example": long },
            "role": { "type": "string", "enum": ["system", "user"] },
            "one": { "type": "string", "enum": ["only"] } } } }));
        d["paths"] = json!({ "/files": { "get": { "parameters": [
            { "name": "limit", "in": "query", "description": "At most this many.", "example": 10 } ] } } });
        run(example_docs, &mut d);
        let text = |p: &str| d.pointer(&format!("/components/schemas/Req/properties/{p}/description")).cloned();
        assert_eq!(text("model").unwrap(), "Model id.\n\nExample: `\"meta-llama/Llama-3\"`.");
        assert_eq!(text("n").unwrap(), "Example: `4`.");
        assert_eq!(text("prompt"), None, "too long to document");
        assert_eq!(text("role").unwrap(), "Values: `system`, `user`.");
        assert_eq!(text("one"), None, "a one-value enum is filled in, not chosen");
        assert_eq!(d.pointer("/components/schemas/Req/properties/model/example").unwrap(), "meta-llama/Llama-3");
        assert_eq!(
            d.pointer("/paths/~1files/get/parameters/0/description").unwrap(),
            "At most this many.\n\nExample: `10`."
        );
    }

    #[test]
    fn closed_objects_open() {
        let mut d = doc(json!({ "A": { "type": "object", "additionalProperties": false } }));
        run(open_objects, &mut d);
        assert_eq!(d.pointer("/components/schemas/A").unwrap(), &json!({ "type": "object" }));
    }

    #[test]
    fn strict_formats_stay_strings() {
        let mut d = doc(json!({ "A": { "properties": { "id": { "type": "string", "format": "uuid" },
            "at": { "type": "string", "format": "date-time" }, "blob": { "type": "string", "format": "binary" } } } }));
        run(string_formats, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/A/properties/id").unwrap(),
            &json!({ "type": "string", "description": "Format: uuid." })
        );
        assert!(d.pointer("/components/schemas/A/properties/at/format").is_none());
        assert_eq!(d.pointer("/components/schemas/A/properties/blob/format").unwrap(), "binary");
    }

    #[test]
    fn merges_that_lead_back_are_references() {
        let mut d = doc(json!({
            "Node": { "type": "object", "properties": {
                "child": { "allOf": [{ "$ref": "#/components/schemas/Node" }, { "properties": { "z": {} } }] },
                "plain": { "allOf": [{ "$ref": "#/components/schemas/Leaf" }, { "properties": { "y": {} } }] } } },
            "Leaf": { "type": "object" },
            "Word": { "type": "object", "properties": { "w": {} }, "allOf": [{ "$ref": "#/components/schemas/Word" }] },
            "A": { "allOf": [{ "$ref": "#/components/schemas/B" }, { "properties": { "a": {} } }] },
            "B": { "allOf": [{ "$ref": "#/components/schemas/A" }, { "properties": { "b": {} } }] },
            "Tree": { "allOf": [{ "$ref": "#/components/schemas/Leaf" }], "properties": {
                "kids": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } } } },
            "Either": { "anyOf": [{ "$ref": "#/components/schemas/Either" }, { "type": "string" }] },
            "Stream": { "oneOf": [{ "$ref": "#/components/schemas/Leaf" }, { "$ref": "#/components/schemas/Done" }] },
            "Done": { "type": "object", "properties": { "data": {} }, "allOf": [{ "$ref": "#/components/schemas/Stream" }] },
            "Usage": { "type": "object", "properties": { "again": { "allOf": [
                { "allOf": [{ "$ref": "#/components/schemas/Usage" }], "nullable": true }, { "properties": { "y": {} } }] } } },
        }));
        let notes = run(recursive_merges, &mut d);
        let at = |p: &str| d.pointer(&format!("/components/schemas/{p}")).unwrap().clone();
        assert_eq!(at("Node/properties/child"), json!({ "allOf": [{ "$ref": "#/components/schemas/Node" }] }));
        assert_eq!(at("Node/properties/plain/allOf").as_array().unwrap().len(), 2);
        assert_eq!(at("Word"), json!({ "type": "object", "properties": { "w": {} } }));
        assert_eq!(at("A"), json!({ "allOf": [{ "properties": { "a": {} } }] }));
        assert_eq!(at("B/allOf").as_array().unwrap().len(), 2);
        // Recursion through a list is no merge.
        assert!(at("Tree/allOf").is_array());
        assert_eq!(at("Either/anyOf"), json!([{ "type": "string" }]));
        assert_eq!(at("Usage/properties/again/allOf").as_array().unwrap().len(), 1);
        assert!(at("Done").get("allOf").is_none());
        assert_eq!(notes.warnings.len(), 6, "{:#?}", notes.warnings);
    }

    #[test]
    fn patterns_move_to_docs() {
        let mut d = doc(
            json!({ "A": { "type": "string", "pattern": "^[a-z]+$" }, "B": { "type": "string", "pattern": "([" } }),
        );
        run(string_patterns, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/A").unwrap(),
            &json!({ "type": "string", "description": "Pattern: `^[a-z]+$`." })
        );
        assert!(d.pointer("/components/schemas/B/pattern").is_none());
    }

    #[test]
    fn floats_are_f64() {
        let mut d = json!({ "components": { "schemas": { "P": { "properties": {
            "rate": { "type": "number", "format": "float" }, "n": { "type": "integer", "format": "int32" } } } } } });
        run(float_formats, &mut d);
        assert_eq!(d.pointer("/components/schemas/P/properties/rate").unwrap(), &json!({ "type": "number" }));
        assert_eq!(d.pointer("/components/schemas/P/properties/n/format").unwrap(), "int32");
    }

    #[test]
    fn response_scalars_never_fail_on_their_value() {
        let req = json!({ "properties": { "seed": { "type": "integer" }, "n": { "type": "integer", "format": "int32" },
            "flag": { "type": "boolean", "enum": [true] } } });
        let mut d = request_and_response(json!({
            "Req": req,
            "Resp": { "properties": { "seed": { "type": "integer", "minimum": 1 },
                "usage": { "$ref": "#/components/schemas/Usage" },
                "deleted": { "type": "boolean", "enum": [true] },
                "ids": { "type": "array", "items": { "type": "integer", "nullable": true } } } },
            "Usage": { "properties": { "n": { "type": "integer", "format": "int32", "x-go-type": "int" } } },
            "Error": { "properties": { "code": { "type": "integer" } } },
        }));
        run(response_scalars, &mut d);
        let at = |p: &str| d.pointer(&format!("/components/schemas/{p}")).unwrap().clone();
        // Requests keep their formats and values.
        assert_eq!(at("Req"), req);
        assert_eq!(
            at("Resp/properties/seed"),
            json!({ "type": "integer", "format": WIDE_INTEGER, "description": "The spec says: minimum 1." })
        );
        assert_eq!(
            at("Resp/properties/ids/items"),
            json!({ "type": "integer", "nullable": true, "format": WIDE_INTEGER })
        );
        assert_eq!(
            at("Usage/properties/n"),
            json!({ "type": "integer", "format": WIDE_INTEGER, "description": "The spec says: format \"int32\"." })
        );
        assert_eq!(
            at("Resp/properties/deleted"),
            json!({ "type": "boolean", "description": "The spec says: values [true]." })
        );
        // Error bodies are the crate's `Error`, not generated types.
        assert_eq!(at("Error/properties/code"), json!({ "type": "integer" }));
    }

    #[test]
    fn unions_of_loose_objects_merge() {
        let mut d = doc(json!({
            "Args": { "oneOf": [{ "$ref": "#/components/schemas/Linear" }, { "$ref": "#/components/schemas/Cosine" }] },
            "Linear": { "type": "object", "properties": { "min_lr_ratio": { "type": "number" } } },
            "Cosine": { "type": "object", "properties": { "min_lr_ratio": { "type": "number" }, "num_cycles": { "type": "number" } } },
            "Tagged": { "oneOf": [{ "properties": { "a": {} }, "required": ["a"] }, { "properties": { "b": {} } }] },
        }));
        run(ambiguous_unions, &mut d);
        let args = d.pointer("/components/schemas/Args").unwrap();
        assert_eq!(args["properties"].as_object().unwrap().keys().collect::<Vec<_>>(), ["min_lr_ratio", "num_cycles"]);
        assert!(args.get("oneOf").is_none());
        assert!(d.pointer("/components/schemas/Tagged/oneOf").is_some());
    }

    #[test]
    fn a_member_shadowing_a_later_one_goes_behind_it() {
        let r = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
        let mut d = doc(json!({
            "Args": { "oneOf": [r("Linear"), r("Cosine"), r("Other")] },
            "Linear": { "type": "object", "properties": { "min_lr_ratio": { "type": "number" } } },
            "Cosine": { "type": "object", "required": ["min_lr_ratio", "num_cycles"],
                "properties": { "min_lr_ratio": { "type": "number" }, "num_cycles": { "type": "number" } } },
            "Other": { "type": "object", "required": ["kind"], "properties": { "kind": { "type": "string" } } },
            // Closed to unknown fields, the first takes nothing of the second's: left alone.
            "Closed": { "anyOf": [
                { "type": "object", "properties": { "a": {} }, "additionalProperties": false },
                { "type": "object", "required": ["a", "b"], "properties": { "a": {}, "b": {} } }] },
        }));
        run(ambiguous_unions, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Args/oneOf").unwrap(),
            &json!([r("Cosine"), r("Linear"), r("Other")])
        );
        assert!(d.pointer("/components/schemas/Closed/anyOf/0/additionalProperties").is_some());
    }
}
