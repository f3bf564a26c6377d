//! What the passes know from the normalised document, read before
//! progenitor sees it: each operation's body and answer, and counts of the
//! constructs some passes rewrite, which say how many sites they must find.

use super::shape::Answer;
use crate::normalize::{Notes, WIDE_INTEGER};
use crate::spec::{is_json, resolve};
use serde_json::Value;
use std::collections::BTreeMap;

/// The data the passes decide from.
pub struct Context<'a> {
    pub notes: &'a Notes,
    /// Every generated operation, in document order.
    pub operations: Vec<Operation>,
    pub facts: Facts,
    /// The aliases of `policy::NAMES` whose component is generated.
    pub aliases: usize,
    /// Each named schema's `required` properties in the spec's order, by
    /// type name (components, and inline schemas named by a `title`).
    pub required: BTreeMap<String, Vec<String>>,
}

/// One generated operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub id: String,
    /// The request has a JSON body.
    pub json_body: bool,
    /// What its first 2xx response carries; `None` without one (an
    /// operation that answers with a redirect).
    pub answer: Option<Answer>,
    /// The names of its parameters (the path's, then its own), as the spec
    /// writes them.
    pub parameters: Vec<String>,
    /// The body is a `multipart/form-data` form (`multipart_bodies`), with
    /// the content type of each field the spec's `encoding` gives one.
    pub multipart: Option<Vec<(String, String)>>,
    /// It opens a WebSocket session (`websocket_operations`).
    pub websocket: bool,
}

/// Counts of constructs in the document's schemas.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facts {
    /// `oneOf`/`anyOf` with a plain string member (text or parts).
    pub text_unions: usize,
    /// Optional properties holding a list.
    pub optional_lists: usize,
    /// Integers of the wide format (`response_scalars`).
    pub wide_integers: usize,
    /// Optional properties of objects that typify makes an `Option` (not
    /// lists, maps or untyped values, which it makes empty by default).
    pub optional_properties: usize,
    /// Schemas typify makes a struct with named fields or an enum: objects
    /// with properties, value lists, unions.
    pub named_types: usize,
}

impl<'a> Context<'a> {
    pub fn new(doc: &Value, notes: &'a Notes) -> Context<'a> {
        let mut facts = Facts::default();
        // Only schemas count: an `anyOf` elsewhere is not a union.
        let mut copy = doc.clone();
        crate::spec::for_each_schema_root(&mut copy, &mut |schema, _| count(schema, &mut facts, false));
        let components = doc.pointer("/components/schemas").and_then(Value::as_object);
        let aliases = notes.aliases.values().filter(|c| components.is_some_and(|s| s.contains_key(*c))).count();
        let mut required = BTreeMap::new();
        crate::spec::for_each_schema_root(&mut copy, &mut |schema, at| {
            let root = at.strip_prefix("/components/schemas/").filter(|n| !n.contains('/')).map(crate::spec::unesc);
            let mut note = |name: String, v: &Value| {
                let names = v.get("required").and_then(Value::as_array);
                let names: Vec<String> =
                    names.into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect();
                required.entry(name).or_insert(names);
            };
            if let Some(name) = root {
                note(name, schema);
            }
            crate::spec::walk(schema, at, &mut |map, _| {
                if let Some(title) = map.get("title").and_then(Value::as_str) {
                    note(heck::ToPascalCase::to_pascal_case(title), &Value::Object(map.clone()));
                }
            });
        });
        Context { notes, operations: operations(doc), facts, aliases, required }
    }

    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, method) in crate::spec::operations(doc) {
        let Some(op) = doc.pointer(&crate::spec::op_pointer(&path, &method)) else { continue };
        let id = crate::spec::op_id(doc, &path, &method);
        let body = op.get("requestBody").map(|b| resolve(doc, b));
        let json_body = body
            .and_then(|b| b.get("content"))
            .and_then(Value::as_object)
            .is_some_and(|c| c.keys().any(|m| is_json(m)));
        let success = op
            .get("responses")
            .and_then(Value::as_object)
            .and_then(|r| r.iter().find(|(code, _)| code.starts_with('2')).map(|(_, r)| resolve(doc, r)));
        let answer = success.map(|r| match r.get("content").and_then(Value::as_object) {
            Some(c) if c.keys().any(|m| is_json(m)) => Answer::Json,
            Some(c) if !c.is_empty() => Answer::Binary,
            _ => Answer::Empty,
        });
        let path_item = doc.pointer(&format!("/paths/{}", crate::spec::esc(&path)));
        let parameters = [path_item.and_then(|p| p.get("parameters")), op.get("parameters")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(|p| resolve(doc, p).get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        let multipart = op
            .get("x-togetherai-multipart")
            .and_then(Value::as_object)
            .map(|encoding| encoding.iter().filter_map(|(f, t)| Some((f.clone(), t.as_str()?.to_string()))).collect());
        let websocket = op.get("x-togetherai-websocket") == Some(&Value::Bool(true));
        out.push(Operation { id, json_body, answer, parameters, multipart, websocket });
    }
    out
}

/// Counts [`Facts`] over every object in a schema (examples skipped).
/// `field`: `v` is a property's schema, or its items, values or members,
/// where an integer is a field `lenient_integers` finds (a response that
/// is an integer or a map of them is not).
fn count(v: &Value, facts: &mut Facts, field: bool) {
    match v {
        Value::Object(map) => {
            if field
                && map.get("format").and_then(Value::as_str) == Some(WIDE_INTEGER)
                && map.get("type") == Some(&"integer".into())
            {
                facts.wide_integers += 1;
            }
            for key in ["oneOf", "anyOf"] {
                // A union typify writes as an untagged enum with a `String`
                // variant: two members or more, all different (it merges
                // repeats), one a plain untitled string (a title names the variant).
                let members: Vec<&Value> = map.get(key).and_then(Value::as_array).into_iter().flatten().collect();
                let distinct = members.iter().enumerate().all(|(i, m)| !members[..i].contains(m));
                let text = |m: &&Value| {
                    m.get("type") == Some(&"string".into()) && m.get("enum").is_none() && m.get("title").is_none()
                };
                if members.len() > 1 && distinct && members.iter().any(text) {
                    facts.text_unions += 1;
                }
            }
            if let Some(properties) = map.get("properties").and_then(Value::as_object) {
                let required: Vec<&str> = map
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                for (name, schema) in properties {
                    if !required.contains(&name.as_str()) {
                        if schema.get("type") == Some(&"array".into()) {
                            facts.optional_lists += 1;
                        } else if is_option(schema) {
                            facts.optional_properties += 1;
                        }
                    }
                }
            }
            let named = map.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty())
                || map.get("enum").and_then(Value::as_array).is_some_and(|e| !e.is_empty())
                || ["oneOf", "anyOf"]
                    .iter()
                    .any(|k| map.get(*k).and_then(Value::as_array).is_some_and(|m| m.len() > 1));
            facts.named_types += usize::from(named);
            for (key, child) in map {
                match key.as_str() {
                    "example" | "examples" => {}
                    "properties" => match child {
                        Value::Object(props) => props.values().for_each(|p| count(p, facts, true)),
                        other => count(other, facts, false),
                    },
                    "items" | "additionalProperties" | "oneOf" | "anyOf" | "allOf" => count(child, facts, field),
                    _ => count(child, facts, false),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| count(i, facts, field)),
        _ => {}
    }
}

/// Whether typify makes an optional property of this schema an `Option`:
/// a scalar, an object with properties, a reference.
fn is_option(schema: &Value) -> bool {
    let scalar =
        matches!(schema.get("type").and_then(Value::as_str), Some("string" | "integer" | "number" | "boolean"));
    let object = schema.get("properties").and_then(Value::as_object).is_some_and(|p| !p.is_empty());
    scalar || object || crate::spec::ref_name(schema).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn operations_and_facts_from_the_document() {
        let doc = json!({
            "paths": {
                "/a": {
                    "post": {
                        "operationId": "a",
                        "requestBody": { "$ref": "#/components/requestBodies/A" },
                        "responses": { "200": { "content": { "application/json": { "schema": {} } } } }
                    },
                    "get": {
                        "operationId": "b",
                        "responses": { "200": { "content": { "application/octet-stream": {} } }, "204": {} }
                    },
                    "delete": { "operationId": "c", "responses": { "204": { "description": "gone" } } }
                }
            },
            "components": {
                "requestBodies": { "A": { "content": { "application/json": { "schema": {} } } } },
                "schemas": {
                    "T": {
                        "required": ["n"],
                        "properties": {
                            "n": { "type": "integer", "format": WIDE_INTEGER },
                            "tags": { "type": "array", "items": { "type": "string" } },
                            "content": { "oneOf": [{ "type": "string" }, { "type": "array" }] },
                            "model": { "anyOf": [{ "type": "string", "enum": ["m"] }] }
                        },
                        "example": { "properties": { "x": { "type": "array" } } }
                    }
                }
            }
        });
        let notes = Notes::default();
        let cx = Context::new(&doc, &notes);
        let ops: Vec<_> = cx.operations.iter().map(|o| (o.id.as_str(), o.json_body, o.answer)).collect();
        assert_eq!(
            ops,
            [("a", true, Some(Answer::Json)), ("b", false, Some(Answer::Binary)), ("c", false, Some(Answer::Empty))]
        );
        assert_eq!(
            cx.facts,
            Facts { text_unions: 1, optional_lists: 1, wide_integers: 1, optional_properties: 0, named_types: 3 }
        );
    }
}
