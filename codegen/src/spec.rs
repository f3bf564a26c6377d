//! Reading and walking an OpenAPI document as JSON: pointers, operations,
//! `$ref`s, the schema walk, and what a 2xx answer can carry. Shared by
//! normalisation and generation; each helper exists here once.

use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// HTTP methods an OpenAPI path item may hold.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Escapes one JSON-pointer segment.
pub fn esc(segment: &str) -> String {
    // Most segments need no escape: one copy, not two replacements.
    if !segment.contains('~') && !segment.contains('/') {
        return segment.to_owned();
    }
    segment.replace('~', "~0").replace('/', "~1")
}

/// The segment [`esc`] escaped.
pub fn unesc(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The JSON pointer of an operation (`/paths/~1files/get`).
pub fn op_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{method}", esc(path))
}

/// Every operation as `(path, method)`, in document order.
pub fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            if let Value::Object(item) = item {
                for m in item.keys().filter(|m| METHODS.contains(&m.as_str())) {
                    out.push((path.clone(), m.clone()));
                }
            }
        }
    }
    out
}

/// An operation's `operationId`, empty when it has none.
pub fn op_id(doc: &Value, path: &str, method: &str) -> String {
    doc.pointer(&op_pointer(path, method))
        .and_then(|op| op.get("operationId"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Resolves a local `$ref`.
pub fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
        Some(p) => doc.pointer(p).unwrap_or(v),
        None => v,
    }
}

/// The component a schema refers to, directly or through its first `allOf`
/// member (a reference made nullable).
pub fn ref_name(v: &Value) -> Option<String> {
    let r = v.get("$ref").or_else(|| v.pointer("/allOf/0/$ref"))?.as_str()?;
    r.strip_prefix("#/components/schemas/").map(str::to_string)
}

/// Whether an operation opens a WebSocket session: it answers `101
/// Switching Protocols` and no 2xx (the messages are the spec's prose).
pub fn is_websocket(op: &Value) -> bool {
    let responses = op.get("responses").and_then(Value::as_object);
    responses.is_some_and(|r| r.contains_key("101") && !r.keys().any(|code| code.starts_with('2')))
}

/// Whether a media type is JSON (`application/json`, `application/problem+json`,
/// `application/json; charset=utf-8`, in any case).
pub fn is_json(media: &str) -> bool {
    let essence = media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// The values of a string enum: an `enum` of strings, typed `string` or untyped.
pub fn string_enum_values(v: &Value) -> Option<Vec<String>> {
    let values = v.get("enum")?.as_array()?;
    if v.get("type").is_some_and(|t| t != "string") {
        return None;
    }
    values.iter().map(|x| x.as_str().map(str::to_string)).collect()
}

/// Keys that carry no meaning for code generation.
pub fn is_prose(key: &str) -> bool {
    matches!(key, "description" | "summary" | "example" | "examples" | "externalDocs" | "title")
        || key.starts_with("x-")
}

/// Appends a sentence to a schema's description.
pub fn add_description(map: &mut Map<String, Value>, sentence: &str) {
    let text = match map.get("description").and_then(Value::as_str) {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{sentence}", d.trim_end()),
        _ => sentence.to_string(),
    };
    map.insert("description".into(), Value::String(text));
}

/// Visits every object in the document, depth first, children before the
/// object itself, with its JSON pointer.
pub fn walk(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                walk(child, &format!("{at}/{}", esc(k)), f);
            }
            f(map, at);
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                walk(child, &format!("{at}/{i}"), f);
            }
        }
        _ => {}
    }
}

/// Visits every schema object: the objects under `components/schemas` and the
/// `schema` of parameters and media types, recursively. Examples are skipped,
/// since their keys are data, not schema keywords.
pub fn walk_schemas(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    walk_schema_values(doc, &mut |v, at| {
        if let Value::Object(map) = v {
            f(map, at)
        }
    });
}

/// Visits every value in a schema position, whatever its JSON type (a
/// boolean schema, or a string where a schema belongs), children before
/// the schema itself, with its JSON pointer: the places [`walk_schemas`]
/// visits, and the non-objects among them.
pub fn walk_schema_values(doc: &mut Value, f: &mut dyn FnMut(&mut Value, &str)) {
    fn schema(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Value, &str)) {
        for_each_subschema(v, at, &mut |child, here, _| schema(child, here, f));
        f(v, at);
    }
    for_each_schema_root(doc, &mut |v, at| schema(v, at, f));
}

/// Visits each root schema position: every component schema and the
/// `schema` of each parameter, header and media type (not the schemas
/// inside them).
pub fn for_each_schema_root(doc: &mut Value, f: &mut dyn FnMut(&mut Value, &str)) {
    fn container(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Value, &str)) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    let here = format!("{at}/{}", esc(k));
                    match k.as_str() {
                        "schema" => f(child, &here),
                        "example" | "examples" => {}
                        _ => container(child, &here, f),
                    }
                }
            }
            Value::Array(items) => {
                for (i, c) in items.iter_mut().enumerate() {
                    container(c, &format!("{at}/{i}"), f);
                }
            }
            _ => {}
        }
    }
    if let Some(Value::Object(schemas)) = doc.pointer_mut("/components/schemas") {
        for (name, s) in schemas.iter_mut() {
            f(s, &format!("/components/schemas/{}", esc(name)));
        }
    }
    for section in ["/paths", "/components/parameters", "/components/responses", "/components/requestBodies"] {
        if let Some(v) = doc.pointer_mut(section) {
            container(v, section, f);
        }
    }
}

/// Visits the schemas directly inside the schema `v` (found at `at`):
/// `properties`, `patternProperties`, `$defs` and `definitions` members,
/// `items`, `additionalProperties`, `not`, and the members of `allOf`,
/// `anyOf`, `oneOf`, each with its pointer and the keyword it is under.
/// Any JSON shape is tolerated: what is not where a schema keyword expects
/// it is not visited.
pub fn for_each_subschema(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Value, &str, &str)) {
    let Value::Object(map) = v else { return };
    for (k, child) in map.iter_mut() {
        let here = format!("{at}/{}", esc(k));
        match k.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" => {
                if let Value::Object(props) = child {
                    for (name, p) in props.iter_mut() {
                        f(p, &format!("{here}/{}", esc(name)), k);
                    }
                }
            }
            "items" | "additionalProperties" | "not" if child.is_object() || child.is_boolean() => f(child, &here, k),
            "allOf" | "anyOf" | "oneOf" => {
                if let Value::Array(list) = child {
                    for (i, s) in list.iter_mut().enumerate() {
                        f(s, &format!("{here}/{i}"), k);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The JSON pointer of every schema position in the document.
pub fn schema_pointers(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut copy = doc.clone();
    walk_schema_values(&mut copy, &mut |_, at| {
        out.insert(at.to_string());
    });
    out
}

/// Every local `$ref` inside `v`, as a JSON pointer.
pub fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(p) = map.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                out.push(p.to_string());
            }
            map.values().for_each(|child| collect_refs(child, out));
        }
        Value::Array(items) => items.iter().for_each(|child| collect_refs(child, out)),
        _ => {}
    }
}

/// The schema components `start` names refer to, directly or not, and `start`.
pub fn reachable(doc: &Value, start: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut pending = start;
    while let Some(name) = pending.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut refs = Vec::new();
        if let Some(schema) = doc.pointer(&format!("/components/schemas/{}", esc(&name))) {
            collect_refs(schema, &mut refs);
        }
        pending.extend(refs.iter().filter_map(|r| r.strip_prefix("/components/schemas/")).map(unesc));
    }
    seen
}

/// The first local `$ref` inside `v` (found at `at`) that does not resolve
/// in `doc`: its JSON pointer and the reference.
pub fn dangling_ref(doc: &Value, v: &Value, at: &str) -> Option<(String, String)> {
    match v {
        Value::Object(map) => {
            let own = map
                .get("$ref")
                .and_then(Value::as_str)
                .filter(|r| r.strip_prefix('#').is_none_or(|p| doc.pointer(p).is_none()));
            // Children first, as the error names the deepest place.
            map.iter()
                .find_map(|(k, child)| dangling_ref(doc, child, &format!("{at}/{}", esc(k))))
                .or_else(|| own.map(|r| (at.to_string(), r.to_string())))
        }
        Value::Array(items) => {
            items.iter().enumerate().find_map(|(i, child)| dangling_ref(doc, child, &format!("{at}/{i}")))
        }
        _ => None,
    }
}

/// The places a 2xx answer can carry: each 2xx response (or `default`, in
/// an operation without one) and every component reached from them
/// through `$ref`s, event-stream payloads included.
pub struct Responses(BTreeSet<String>);

impl Responses {
    /// The places of `doc`.
    pub fn of(doc: &Value) -> Responses {
        let mut places = BTreeSet::new();
        let mut pending = Vec::new();
        for (path, method) in operations(doc) {
            let at = format!("{}/responses", op_pointer(&path, &method));
            let Some(Value::Object(responses)) = doc.pointer(&at) else { continue };
            let success = responses.keys().any(|c| c.starts_with('2'));
            for (code, response) in responses {
                if code.starts_with('2') || (!success && code == "default") {
                    places.insert(format!("{at}/{}", esc(code)));
                    collect_refs(response, &mut pending);
                }
            }
        }
        while let Some(pointer) = pending.pop() {
            if places.insert(pointer.clone()) {
                if let Some(target) = doc.pointer(&pointer) {
                    collect_refs(target, &mut pending);
                }
            }
        }
        Responses(places)
    }

    /// Whether the schema at `at` is inside something a response carries.
    pub fn contains(&self, at: &str) -> bool {
        let mut end = at.len();
        loop {
            if self.0.contains(&at[..end]) {
                return true;
            }
            match at[..end].rfind('/') {
                Some(0) | None => return false,
                Some(i) => end = i,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointer_segments_round_trip() {
        assert_eq!(esc("/files/{id}~x"), "~1files~1{id}~0x");
        assert_eq!(unesc(&esc("/files/{id}~x")), "/files/{id}~x");
        assert_eq!(op_pointer("/chat/completions", "post"), "/paths/~1chat~1completions/post");
    }

    #[test]
    fn references_resolve_directly_or_through_all_of() {
        let doc = json!({ "components": { "schemas": { "A": { "type": "string" } } } });
        let direct = json!({ "$ref": "#/components/schemas/A" });
        let nullable = json!({ "allOf": [{ "$ref": "#/components/schemas/A" }], "nullable": true });
        assert_eq!(resolve(&doc, &direct), &json!({ "type": "string" }));
        assert_eq!(ref_name(&direct).as_deref(), Some("A"));
        assert_eq!(ref_name(&nullable).as_deref(), Some("A"));
        let mut refs = Vec::new();
        collect_refs(&nullable, &mut refs);
        assert_eq!(refs, ["/components/schemas/A"]);
        assert_eq!(
            dangling_ref(&doc, &json!({ "x": { "$ref": "#/nowhere" } }), ""),
            Some(("/x".into(), "#/nowhere".into()))
        );
    }

    #[test]
    fn responses_reach_through_references_and_skip_requests_and_errors() {
        let doc = json!({ "paths": { "/a": { "post": {
            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Req" } } } },
            "responses": {
                "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Resp" } } } },
                "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } } } } },
            "components": { "schemas": {
                "Req": {}, "Error": {},
                "Resp": { "properties": { "usage": { "$ref": "#/components/schemas/Usage" } } }, "Usage": {} } } });
        let responses = Responses::of(&doc);
        assert!(responses.contains("/components/schemas/Usage/properties/n"));
        assert!(responses.contains("/paths/~1a/post/responses/200/content"));
        assert!(!responses.contains("/components/schemas/Req"));
        assert!(!responses.contains("/components/schemas/Error"));
        assert!(!responses.contains("/components/schemas/UsageMore"));
    }
}
