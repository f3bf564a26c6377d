//! `$ref`s read per position: where a reference that points nowhere has
//! one obvious reading it gets it, where it has none the build fails
//! naming the place; and every reference left is one progenitor resolves.

use super::lenient::what;
use super::{Notes, SpecError};
use crate::spec::{esc, for_each_subschema, METHODS};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What a place in the document holds, as far as `$ref`s are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Schema,
    Parameter,
    Response,
    RequestBody,
    Header,
    PathItem,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Schema => "a schema",
            Kind::Parameter => "a parameter",
            Kind::Response => "a response",
            Kind::RequestBody => "a request body",
            Kind::Header => "a header",
            Kind::PathItem => "a path item",
        }
    }

    /// The components section progenitor looks a reference of this kind up in.
    fn section(self) -> Option<&'static str> {
        match self {
            Kind::Schema => Some("schemas"),
            Kind::Parameter => Some("parameters"),
            Kind::Response => Some("responses"),
            Kind::RequestBody => Some("requestBodies"),
            Kind::Header => Some("headers"),
            Kind::PathItem => None,
        }
    }
}

type Places = Vec<(String, Kind)>;

/// Every place of the document that can hold a `$ref`, with its kind, in
/// document order (a place before the places inside it).
fn places(doc: &Value) -> Places {
    fn schema(v: &mut Value, at: &str, out: &mut Places) {
        out.push((at.to_string(), Kind::Schema));
        for_each_subschema(v, at, &mut |child, here, _| schema(child, here, out));
    }
    fn content(v: Option<&mut Value>, at: &str, out: &mut Places) {
        let Some(Value::Object(media)) = v else { return };
        for (m, mt) in media.iter_mut() {
            if let Some(s) = mt.get_mut("schema") {
                schema(s, &format!("{at}/{}/schema", esc(m)), out);
            }
        }
    }
    fn parameter(p: &mut Value, at: &str, kind: Kind, out: &mut Places) {
        out.push((at.to_string(), kind));
        if let Some(s) = p.get_mut("schema") {
            schema(s, &format!("{at}/schema"), out);
        }
        content(p.get_mut("content"), &format!("{at}/content"), out);
    }
    fn response(r: &mut Value, at: &str, out: &mut Places) {
        out.push((at.to_string(), Kind::Response));
        if let Some(Value::Object(headers)) = r.get_mut("headers") {
            for (name, h) in headers.iter_mut() {
                parameter(h, &format!("{at}/headers/{}", esc(name)), Kind::Header, out);
            }
        }
        content(r.get_mut("content"), &format!("{at}/content"), out);
    }
    fn body(b: &mut Value, at: &str, out: &mut Places) {
        out.push((at.to_string(), Kind::RequestBody));
        content(b.get_mut("content"), &format!("{at}/content"), out);
    }
    fn list(v: Option<&mut Value>, at: &str, out: &mut Places) {
        if let Some(Value::Array(params)) = v {
            for (i, p) in params.iter_mut().enumerate() {
                parameter(p, &format!("{at}/{i}"), Kind::Parameter, out);
            }
        }
    }
    let mut out = Vec::new();
    let mut copy = doc.clone();
    if let Some(Value::Object(paths)) = copy.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let at = format!("/paths/{}", esc(path));
            out.push((at.clone(), Kind::PathItem));
            let Value::Object(item) = item else { continue };
            for (key, op) in item.iter_mut() {
                if key == "parameters" {
                    list(Some(op), &format!("{at}/parameters"), &mut out);
                }
                if !METHODS.contains(&key.as_str()) {
                    continue;
                }
                let at = format!("{at}/{key}");
                list(op.get_mut("parameters"), &format!("{at}/parameters"), &mut out);
                if let Some(b) = op.get_mut("requestBody") {
                    body(b, &format!("{at}/requestBody"), &mut out);
                }
                if let Some(Value::Object(responses)) = op.get_mut("responses") {
                    for (code, r) in responses.iter_mut() {
                        response(r, &format!("{at}/responses/{}", esc(code)), &mut out);
                    }
                }
            }
        }
    }
    if let Some(Value::Object(components)) = copy.get_mut("components") {
        for (section, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else { continue };
            for (name, v) in entries.iter_mut() {
                let at = format!("/components/{}/{}", esc(section), esc(name));
                match section.as_str() {
                    "schemas" => schema(v, &at, &mut out),
                    "parameters" => parameter(v, &at, Kind::Parameter, &mut out),
                    "headers" => parameter(v, &at, Kind::Header, &mut out),
                    "responses" => response(v, &at, &mut out),
                    "requestBodies" => body(v, &at, &mut out),
                    "pathItems" => out.push((at, Kind::PathItem)),
                    _ => {}
                }
            }
        }
    }
    out
}

/// The JSON pointer a local `$ref` names, percent-escapes decoded when
/// only the decoded one resolves (`#/components/schemas/a%20b`).
fn target(doc: &Value, r: &str) -> Option<String> {
    let pointer = r.strip_prefix('#')?;
    if doc.pointer(pointer).is_some() {
        return Some(pointer.to_string());
    }
    let decoded = percent_decode(pointer)?;
    doc.pointer(&decoded).is_some().then_some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return None;
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// How many rounds of copying references into other places' schemas (each
/// may bring more) before what is left is read as any value.
const ROUNDS: usize = 8;

/// Reads every `$ref` by its position. In a schema: one that points
/// nowhere, to another document, or is not a string is any JSON value (a
/// warning); one to a schema that is not a component (inside another
/// schema, a parameter's...) is a copy of it, which progenitor can read.
/// Elsewhere (parameters, responses, request bodies, headers, path items),
/// one that points nowhere, to a place of another kind, or round in a
/// circle is refused; one progenitor cannot look up (not a component of
/// its kind, or through another `$ref`) is a copy of what it points to.
/// References outside these places (examples, links) are not read.
pub(super) fn check_refs(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut warned: Vec<String> = Vec::new();
    for round in 0..=ROUNDS {
        let snapshot = doc.clone();
        let places = places(&snapshot);
        let kinds: BTreeMap<&str, Kind> = places.iter().map(|(p, k)| (p.as_str(), *k)).collect();
        let mut changed = false;
        // Inner places first, so that a copy never lands under one already replaced.
        for (at, kind) in places.iter().rev() {
            let Some(Value::Object(map)) = doc.pointer_mut(at) else { continue };
            let Some(r) = map.get("$ref").cloned() else { continue };
            let siblings: Map<String, Value> =
                map.iter().filter(|(k, _)| *k != "$ref").map(|(k, v)| (k.clone(), v.clone())).collect();
            if *kind == Kind::Schema {
                let reading = schema_ref(&snapshot, &kinds, &r, at, round == ROUNDS)?;
                match reading {
                    SchemaRef::Keep(None) => {}
                    SchemaRef::Keep(Some(decoded)) => {
                        map.insert("$ref".into(), json!(format!("#{decoded}")));
                        notes.log(
                            "check_refs",
                            format!("{at}: `$ref` `{}` read as `#{decoded}`", r.as_str().unwrap_or_default()),
                        );
                    }
                    SchemaRef::Any(why) => {
                        map.remove("$ref");
                        warned.push(format!("`{at}`: {why}: read as any JSON value"));
                        changed = true;
                    }
                    SchemaRef::Copy(pointer) => {
                        let copy = snapshot.pointer(&pointer).cloned().unwrap_or_default();
                        let value = if siblings.is_empty() {
                            copy
                        } else {
                            let mut with = siblings.clone();
                            with.insert("allOf".into(), json!([copy]));
                            Value::Object(with)
                        };
                        notes.log(
                            "check_refs",
                            format!(
                                "{at}: `$ref` `{}` to a schema that is not a component: copied in",
                                r.as_str().unwrap_or_default()
                            ),
                        );
                        if let Some(place) = doc.pointer_mut(at) {
                            *place = value;
                        }
                        changed = true;
                    }
                }
                continue;
            }
            let Some(r) = r.as_str() else {
                return Err(SpecError { at: at.clone(), message: format!("`$ref` is {}, not a reference", what(&r)) });
            };
            let (end, hops) =
                follow(&snapshot, &kinds, r, *kind).map_err(|message| SpecError { at: at.clone(), message })?;
            let direct = kind.section().is_some_and(|section| {
                let name = end.strip_prefix(&format!("/components/{section}/")).unwrap_or("/");
                hops == 1 && r == format!("#{end}") && !name.contains(['/', '~', '%'])
            });
            if direct {
                continue;
            }
            let Some(Value::Object(mut copy)) = snapshot.pointer(&end).cloned() else { continue };
            if *kind == Kind::PathItem {
                copy.extend(siblings);
            }
            notes.log(
                "check_refs",
                format!("{at}: `$ref` `{r}` copied in, as progenitor reads only direct component references"),
            );
            if let Some(place) = doc.pointer_mut(at) {
                *place = Value::Object(copy);
            }
            changed = true;
        }
        if !changed {
            break;
        }
    }
    let shown = warned.len().min(10);
    for w in &warned[..shown] {
        notes.warn("check_refs", w);
    }
    for w in &warned[shown..] {
        notes.log("check_refs", w);
    }
    if warned.len() > shown {
        notes.warn(
            "check_refs",
            format!("{} more `$ref`s read as any JSON value (each in normalize.log)", warned.len() - shown),
        );
    }
    Ok(())
}

/// How a schema's `$ref` reads.
enum SchemaRef {
    /// As written, or percent-decoded.
    Keep(Option<String>),
    /// Any JSON value, and why.
    Any(String),
    /// A copy of the schema at this pointer.
    Copy(String),
}

fn schema_ref(
    doc: &Value,
    kinds: &BTreeMap<&str, Kind>,
    r: &Value,
    at: &str,
    last: bool,
) -> Result<SchemaRef, SpecError> {
    let Some(text) = r.as_str() else { return Ok(SchemaRef::Any(format!("`$ref` is {}, not a reference", what(r)))) };
    if !text.starts_with('#') {
        return Ok(SchemaRef::Any(format!("`$ref` `{text}` is in another document, which is not read")));
    }
    let Some(pointer) = target(doc, text) else {
        return Ok(SchemaRef::Any(format!("`$ref` `{text}` points nowhere")));
    };
    let component =
        pointer.strip_prefix("/components/schemas/").is_some_and(|name| !name.is_empty() && !name.contains('/'));
    if component {
        let decoded = (text[1..] != pointer).then_some(pointer);
        return Ok(SchemaRef::Keep(decoded));
    }
    match kinds.get(pointer.as_str()) {
        Some(Kind::Schema) if last => {
            Ok(SchemaRef::Any(format!("`$ref` `{text}` leads through too many schemas that are not components")))
        }
        Some(Kind::Schema) => Ok(SchemaRef::Copy(pointer)),
        other => {
            let found =
                other.map_or_else(|| format!("{}, which is not a schema", place(&pointer)), |k| k.noun().to_string());
            Err(SpecError {
                at: at.to_string(),
                message: format!("`$ref` `{text}` points to {found}, where a schema belongs"),
            })
        }
    }
}

/// A pointer for a message: the document itself for the empty one.
fn place(pointer: &str) -> String {
    if pointer.is_empty() {
        "the whole document".into()
    } else {
        format!("`{pointer}`")
    }
}

/// Follows a non-schema reference to what it finally points to, and the
/// number of references on the way.
fn follow(doc: &Value, kinds: &BTreeMap<&str, Kind>, r: &str, kind: Kind) -> Result<(String, usize), String> {
    let mut seen = BTreeSet::new();
    let mut current = r.to_string();
    loop {
        if !current.starts_with('#') {
            return Err(format!("`$ref` `{current}` is in another document, which is not read"));
        }
        let Some(pointer) = target(doc, &current) else {
            return Err(format!("`$ref` `{current}` points nowhere, where {} belongs", kind.noun()));
        };
        if !seen.insert(pointer.clone()) {
            return Err(format!("`$ref` `{r}` leads round in a circle, back to `#{pointer}`"));
        }
        match kinds.get(pointer.as_str()) {
            Some(k) if *k == kind => {}
            other => {
                let found = other.map_or_else(
                    || format!("{}, which is not {}", place(&pointer), kind.noun()),
                    |k| k.noun().to_string(),
                );
                return Err(format!("`$ref` `{current}` points to {found}, where {} belongs", kind.noun()));
            }
        }
        match doc.pointer(&pointer).and_then(|v| v.get("$ref")) {
            Some(Value::String(next)) => current = next.clone(),
            Some(other) => return Err(format!("`$ref` at `{pointer}` is {}, not a reference", what(other))),
            None => return Ok((pointer, seen.len())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn dangling_schema_refs_read_as_any_value() {
        let mut d =
            doc(json!({ "A": { "properties": { "b": { "$ref": "#/components/schemas/Missing", "description": "B." },
            "c": { "$ref": "other.yaml#/C" }, "d": { "$ref": 5 } } } }));
        let notes = run(check_refs, &mut d);
        assert_eq!(d.pointer("/components/schemas/A/properties/b").unwrap(), &json!({ "description": "B." }));
        assert_eq!(d.pointer("/components/schemas/A/properties/c").unwrap(), &json!({}));
        assert_eq!(d.pointer("/components/schemas/A/properties/d").unwrap(), &json!({}));
        assert_eq!(
            notes.warnings,
            [
                "`/components/schemas/A/properties/d`: `$ref` is a number, not a reference: read as any JSON value",
                "`/components/schemas/A/properties/c`: `$ref` `other.yaml#/C` is in another document, which is not read: read as any JSON value",
                "`/components/schemas/A/properties/b`: `$ref` `#/components/schemas/Missing` points nowhere: read as any JSON value",
            ]
        );
        let mut ok = doc(json!({ "A": { "$ref": "#/components/schemas/B" }, "B": { "type": "string" } }));
        assert!(run(check_refs, &mut ok).warnings.is_empty());
    }

    #[test]
    fn refs_into_schemas_are_copied_and_percent_escapes_decoded() {
        let mut d = doc(json!({
            "A": { "properties": { "n": { "type": "integer" }, "m": { "$ref": "#/components/schemas/A/properties/n" } } },
            "a b": { "type": "string" },
            "C": { "$ref": "#/components/schemas/a%20b" },
        }));
        let notes = run(check_refs, &mut d);
        assert_eq!(d.pointer("/components/schemas/A/properties/m").unwrap(), &json!({ "type": "integer" }));
        assert_eq!(d.pointer("/components/schemas/C/$ref").unwrap(), "#/components/schemas/a b");
        assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    }

    #[test]
    fn other_refs_that_cannot_be_read_name_the_place() {
        let with = |components: Value, param: Value| json!({ "paths": { "/a": { "get": { "parameters": [param], "responses": {} } } }, "components": components });
        let cases = [
            (
                with(json!({}), json!({ "$ref": "#/components/parameters/Missing" })),
                "points nowhere, where a parameter belongs",
            ),
            (
                with(json!({ "schemas": { "S": {} } }), json!({ "$ref": "#/components/schemas/S" })),
                "points to a schema, where a parameter belongs",
            ),
            (
                with(
                    json!({ "parameters": { "A": { "$ref": "#/components/parameters/B" }, "B": { "$ref": "#/components/parameters/A" } } }),
                    json!({ "$ref": "#/components/parameters/A" }),
                ),
                "leads round in a circle",
            ),
        ];
        for (mut d, message) in cases {
            let err = check_refs(&mut d, &mut Notes::default()).unwrap_err();
            assert!(err.at.starts_with("/paths/~1a/get/parameters/0") || err.at.starts_with("/components"), "{err}");
            assert!(err.message.contains(message), "{err}");
        }
        let mut schema_to_param = json!({ "components": { "parameters": { "P": { "name": "p", "in": "query" } },
            "schemas": { "S": { "$ref": "#/components/parameters/P" } } } });
        let err = check_refs(&mut schema_to_param, &mut Notes::default()).unwrap_err();
        assert_eq!(err.at, "/components/schemas/S");
        assert!(err.message.contains("points to a parameter, where a schema belongs"), "{err}");
    }

    #[test]
    fn refs_progenitor_cannot_look_up_are_copied() {
        let mut d = json!({ "paths": {
            "/a": { "get": { "parameters": [{ "name": "x", "in": "query", "schema": {} }], "responses": {} } },
            "/b": { "$ref": "#/paths/~1a" },
            "/c": { "get": { "parameters": [{ "$ref": "#/paths/~1a/get/parameters/0" }, { "$ref": "#/components/parameters/Y" }], "responses": {} } },
        }, "components": { "parameters": { "Y": { "$ref": "#/components/parameters/Z" }, "Z": { "name": "z", "in": "query" } } } });
        run(check_refs, &mut d);
        assert_eq!(d.pointer("/paths/~1b").unwrap(), d.pointer("/paths/~1a").unwrap());
        assert_eq!(d.pointer("/paths/~1c/get/parameters/0/name").unwrap(), "x");
        assert_eq!(d.pointer("/paths/~1c/get/parameters/1/name").unwrap(), "z");
        assert_eq!(percent_decode("a%20b"), Some("a b".into()));
    }
}
