//! Lenient reading: what a hand-edited or tool-exported spec writes in a
//! form OpenAPI 3 does not have (Swagger 2 leftovers, YAML nulls, type names
//! in the wrong case, a path parameter not declared...) but that reads one
//! obvious way becomes its OpenAPI 3 form, each change a warning naming its
//! JSON pointer; what cannot be read is an error naming it. These
//! transforms, with `check_refs`, are the first of [`TRANSFORMS`](super::TRANSFORMS)
//! ([`READING`](super::READING)): after them the document is the spec as its
//! author meant it, which the mock serves, and any JSON shape has been
//! either read or refused.

use super::{Notes, SpecError};
use crate::spec::{esc, for_each_schema_root, for_each_subschema, is_json, resolve, METHODS};
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// At most this many warnings of one kind per transform; the rest are
/// logged, and counted in one more warning.
const SHOWN: usize = 10;

/// The warnings of one transform, by kind, so that a spec written
/// throughout in one old style gives a few lines, not hundreds.
struct Warnings {
    transform: &'static str,
    kinds: Vec<(&'static str, Vec<String>)>,
}

impl Warnings {
    fn new(transform: &'static str) -> Warnings {
        Warnings { transform, kinds: Vec::new() }
    }

    /// A warning; `kind` says in a few words what it is, for the count.
    fn add(&mut self, kind: &'static str, message: String) {
        match self.kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(message),
            None => self.kinds.push((kind, vec![message])),
        }
    }

    fn emit(self, notes: &mut Notes) {
        for (kind, list) in self.kinds {
            for (i, message) in list.iter().enumerate() {
                if i < SHOWN {
                    notes.warn(self.transform, message);
                } else {
                    notes.log(self.transform, message);
                }
            }
            if list.len() > SHOWN {
                let more = list.len() - SHOWN;
                notes.warn(self.transform, format!("{more} more {kind} (each in normalize.log)"));
            }
        }
    }
}

/// What a JSON value is, for messages.
pub(super) fn what(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn error(at: impl Into<String>, message: impl Into<String>) -> SpecError {
    SpecError { at: at.into(), message: message.into() }
}

/// The keys whose values are data, not spec structure: never rewritten.
fn is_data(key: &str) -> bool {
    matches!(key, "example" | "examples" | "default" | "const" | "enum") || key.starts_with("x-")
}

/// Maps whose values are objects of one kind (properties, media types,
/// responses...): a null value there is an empty object, not an absent key.
fn is_collection(key: &str) -> bool {
    matches!(
        key,
        "properties"
            | "patternProperties"
            | "$defs"
            | "definitions"
            | "content"
            | "responses"
            | "paths"
            | "schemas"
            | "parameters"
            | "requestBodies"
            | "headers"
            | "securitySchemes"
            | "links"
            | "callbacks"
            | "encoding"
    )
}

/// The fields of a path item besides its operations.
const PATH_ITEM_FIELDS: &[&str] = &["summary", "description", "servers", "parameters", "$ref"];

/// The document is a mapping with an `info`, `paths` of path templates
/// starting with `/`, path items and operations that are mappings with
/// lower-case methods, and lists of parameters; YAML's empty values (`null`)
/// are absent keys, or empty objects in a map of objects (`properties`).
pub(super) fn document_shape(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("document_shape");
    let Value::Object(root) = doc else {
        return Err(error("line 1", format!("the document is {}, not a mapping of OpenAPI fields", what(doc))));
    };
    drop_nulls(root, "", "", &mut w);
    if !root.contains_key("openapi") {
        match root.remove("swagger") {
            Some(v) => w.add(
                "old documents",
                format!("`/swagger` is {v}: a Swagger 2 document, read as OpenAPI 3.0 with its Swagger 2 constructs converted"),
            ),
            None => w.add("old documents", "`/openapi` is missing: read as OpenAPI 3.0".to_string()),
        }
        root.insert("openapi".into(), json!("3.0.3"));
    } else if let Some(v) = root.get_mut("openapi").filter(|v| !v.is_string()) {
        w.add("versions", format!("`/openapi` is {}: read as the text `{v}`", what(v)));
        *v = Value::String(v.to_string());
    }
    let info = root.entry("info").or_insert_with(|| {
        w.add("missing fields", "`/info` is missing: read as an API titled `API`, version `0`".to_string());
        json!({})
    });
    if !info.is_object() {
        w.add(
            "missing fields",
            format!("`/info` is {}, not a mapping: read as an API titled `API`, version `0`", what(info)),
        );
        *info = json!({});
    }
    if let Value::Object(info) = info {
        for (key, default) in [("title", "API"), ("version", "0")] {
            match info.get(key) {
                Some(Value::String(_)) => {}
                Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                    let text = v.to_string();
                    w.add("versions", format!("`/info/{key}` is {}: read as the text `{text}`", what(v)));
                    info.insert(key.into(), Value::String(text));
                }
                other => {
                    let was = other.map_or("missing", what);
                    w.add("missing fields", format!("`/info/{key}` is {was}: read as `{default}`"));
                    info.insert(key.into(), json!(default));
                }
            }
        }
    }
    if let Some(v) = root.get("components").filter(|v| !v.is_object()) {
        return Err(error("/components", format!("`components` must be a mapping (it is {})", what(v))));
    }
    if let Some(Value::Object(components)) = root.get("components") {
        if let Some((section, v)) = components.iter().find(|(k, v)| !k.starts_with("x-") && !v.is_object()) {
            return Err(error(
                format!("/components/{}", esc(section)),
                format!("`components/{section}` must be a mapping (it is {})", what(v)),
            ));
        }
    }
    let paths = root.entry("paths").or_insert_with(|| {
        w.add("missing fields", "`/paths` is missing: read as no operations".to_string());
        json!({})
    });
    let Value::Object(paths) = paths else {
        return Err(error("/paths", format!("`paths` must be a mapping of path templates (it is {})", what(paths))));
    };
    let old = std::mem::take(paths);
    for (path, item) in old {
        let mut path = path;
        if !path.starts_with('/') && !path.starts_with("x-") {
            let fixed = format!("/{path}");
            if paths.contains_key(&fixed) {
                return Err(error(
                    format!("/paths/{}", esc(&path)),
                    format!("the path `{path}` does not start with `/`, and `{fixed}` is also in the document"),
                ));
            }
            w.add(
                "paths not starting with `/`",
                format!("`/paths/{}`: the path `{path}` does not start with `/`: read as `{fixed}`", esc(&path)),
            );
            path = fixed;
        }
        if paths.contains_key(&path) {
            return Err(error(format!("/paths/{}", esc(&path)), format!("the path `{path}` is in the document twice")));
        }
        paths.insert(path, item);
    }
    for (path, item) in paths.iter_mut() {
        if path.starts_with("x-") {
            continue;
        }
        let at = format!("/paths/{}", esc(path));
        let Value::Object(item) = item else {
            return Err(error(at, format!("a path item must be a mapping of methods (it is {})", what(item))));
        };
        let keys: Vec<String> = item.keys().cloned().collect();
        for key in keys {
            let lower = key.to_ascii_lowercase();
            if METHODS.contains(&lower.as_str()) && lower != key {
                if item.contains_key(&lower) {
                    return Err(error(
                        format!("{at}/{}", esc(&key)),
                        format!("the method `{key}` is also written `{lower}` on this path"),
                    ));
                }
                let op = item.remove(&key).unwrap_or_default();
                item.insert(lower.clone(), op);
                w.add("methods in upper case", format!("`{at}/{}`: the method `{key}` read as `{lower}`", esc(&key)));
            } else if !METHODS.contains(&key.as_str())
                && !PATH_ITEM_FIELDS.contains(&key.as_str())
                && !key.starts_with("x-")
            {
                w.add(
                    "unknown path item fields",
                    format!(
                        "`{at}/{}`: `{key}` is not an HTTP method or field of an OpenAPI 3.0 path item: ignored",
                        esc(&key)
                    ),
                );
            }
        }
        check_parameter_list(item.get("parameters"), &format!("{at}/parameters"))?;
        for (method, op) in item.iter().filter(|(m, _)| METHODS.contains(&m.as_str())) {
            let at = format!("{at}/{method}");
            let Value::Object(op) = op else {
                return Err(error(at, format!("an operation must be a mapping (it is {})", what(op))));
            };
            check_parameter_list(op.get("parameters"), &format!("{at}/parameters"))?;
            for key in ["responses", "requestBody"] {
                if let Some(v) = op.get(key).filter(|v| !v.is_object()) {
                    return Err(error(format!("{at}/{key}"), format!("`{key}` must be a mapping (it is {})", what(v))));
                }
            }
        }
    }
    w.emit(notes);
    Ok(())
}

fn check_parameter_list(list: Option<&Value>, at: &str) -> Result<(), SpecError> {
    match list {
        None | Some(Value::Array(_)) => {}
        Some(v) => return Err(error(at, format!("`parameters` must be a list (it is {})", what(v)))),
    }
    for (i, p) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
        if !p.is_object() {
            return Err(error(format!("{at}/{i}"), format!("a parameter must be a mapping (it is {})", what(p))));
        }
    }
    Ok(())
}

/// Whether the value of `key` (a keyword of a map that is the value of
/// `parent`) is a mapping in OpenAPI 3 or JSON Schema: `parameters` is one
/// only among the components (a list elsewhere).
fn takes_mapping(key: &str, parent: &str) -> bool {
    match key {
        "parameters" => parent == "components",
        _ => {
            is_collection(key)
                || matches!(
                    key,
                    "components"
                        | "info"
                        | "contact"
                        | "license"
                        | "externalDocs"
                        | "requestBody"
                        | "schema"
                        | "not"
                        | "additionalProperties"
                        | "discriminator"
                        | "mapping"
                        | "xml"
                        | "variables"
                        | "flows"
                        | "scopes"
                )
        }
    }
}

/// Removes null map values (YAML's `key:` with nothing after it) and null
/// list members, outside data (examples, defaults, enums, extensions); in
/// a map of objects (`properties`, `responses`) a null is an empty object.
/// An empty list where a mapping belongs (`properties: []`, a careless
/// exporter's empty collection) is an empty mapping. A schema's `type:
/// null` stays for `schema_types` to read.
fn drop_nulls(map: &mut Map<String, Value>, at: &str, key: &str, w: &mut Warnings) {
    let collection = is_collection(key);
    let empty_lists: Vec<String> = map
        .iter()
        .filter(|(k, v)| {
            v.as_array().is_some_and(Vec::is_empty) && (collection || (!is_data(k) && takes_mapping(k, key)))
        })
        .map(|(k, _)| k.clone())
        .collect();
    for k in empty_lists {
        let here = format!("{at}/{}", esc(&k));
        w.add("empty lists", format!("`{here}` is an empty list where a mapping belongs: read as an empty mapping"));
        map.insert(k, json!({}));
    }
    let nulls: Vec<String> = map
        .iter()
        .filter(|(k, v)| v.is_null() && (collection || (*k != "type" && !is_data(k))))
        .map(|(k, _)| k.clone())
        .collect();
    for k in nulls {
        let here = format!("{at}/{}", esc(&k));
        if collection {
            w.add("empty values", format!("`{here}` is empty (null): read as an empty mapping"));
            map.insert(k, json!({}));
        } else {
            w.add("empty values", format!("`{here}` is empty (null): read as absent"));
            map.remove(&k);
        }
    }
    for (k, child) in map.iter_mut() {
        if is_data(k) && !collection {
            continue;
        }
        let here = format!("{at}/{}", esc(k));
        match child {
            Value::Object(inner) => drop_nulls(inner, &here, if collection { "" } else { k }, w),
            Value::Array(items) if k != "type" => {
                let before = items.len();
                items.retain(|v| !v.is_null());
                if items.len() < before {
                    w.add("empty values", format!("`{here}` has empty (null) members: left out"));
                }
                for (i, item) in items.iter_mut().enumerate() {
                    if let Value::Object(inner) = item {
                        drop_nulls(inner, &format!("{here}/{i}"), "", w);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Swagger 2 leftovers at the document's level: `definitions`, `parameters`
/// and `responses` at the root are the components of OpenAPI 3 (and
/// `$ref`s into them follow), `securityDefinitions` go (the client
/// authenticates itself), a response's `schema` is its content in the
/// media type `produces` names, and a response header's `type` its schema.
pub(super) fn swagger2_documents(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("swagger2_documents");
    let Value::Object(root) = doc else { return Ok(()) };
    for (old, new) in [("definitions", "schemas"), ("parameters", "parameters"), ("responses", "responses")] {
        let Some(Value::Object(moved)) = root.get(old) else { continue };
        let moved = moved.clone();
        root.remove(old);
        let components = root.entry("components").or_insert_with(|| json!({}));
        let Some(section) = components.as_object_mut().map(|c| c.entry(new).or_insert_with(|| json!({}))) else {
            continue;
        };
        let Some(section) = section.as_object_mut() else { continue };
        for (name, v) in moved {
            if section.contains_key(&name) {
                return Err(error(
                    format!("/{old}/{}", esc(&name)),
                    format!("`{name}` is both in `/{old}` (Swagger 2) and in `/components/{new}`"),
                ));
            }
            section.insert(name, v);
        }
        w.add("Swagger 2 sections", format!("`/{old}` (Swagger 2) read as `/components/{new}`"));
    }
    if root.remove("securityDefinitions").is_some() {
        w.add(
            "Swagger 2 sections",
            "`/securityDefinitions` (Swagger 2) left out: the client sends its API key itself".to_string(),
        );
    }
    for key in ["host", "basePath", "schemes"] {
        if root.remove(key).is_some() {
            notes.log("swagger2_documents", format!("`/{key}` (Swagger 2) removed: the client's base URL is its own"));
        }
    }
    let refs = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    rewrite_refs(doc, "", &mut |r, at| {
        let (old, new) = refs.iter().find(|(old, _)| r.starts_with(old))?;
        let fixed = format!("{new}{}", &r[old.len()..]);
        w.add("Swagger 2 `$ref`s", format!("`{at}`: `$ref` `{r}` (Swagger 2) read as `{fixed}`"));
        Some(fixed)
    });
    // Responses with a Swagger 2 `schema`, in the media type the operation
    // (or the document) `produces`.
    let root_produces = media_list(doc.get("produces"));
    let mut responses: Vec<(String, Vec<String>)> = Vec::new();
    for (path, method) in crate::spec::operations(doc) {
        let at = crate::spec::op_pointer(&path, &method);
        let produces =
            doc.pointer(&format!("{at}/produces")).map(|p| media_list(Some(p))).unwrap_or(root_produces.clone());
        if let Some(Value::Object(r)) = doc.pointer(&format!("{at}/responses")) {
            responses.extend(r.keys().map(|code| (format!("{at}/responses/{}", esc(code)), produces.clone())));
        }
        if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
            if op.remove("produces").is_some() {
                notes.log(
                    "swagger2_documents",
                    format!("{at}/produces (Swagger 2) read into the responses' media types"),
                );
            }
        }
    }
    if let Some(Value::Object(r)) = doc.pointer("/components/responses") {
        responses.extend(r.keys().map(|name| (format!("/components/responses/{}", esc(name)), root_produces.clone())));
    }
    for (at, produces) in responses {
        let Some(Value::Object(response)) = doc.pointer_mut(&at) else { continue };
        if response.contains_key("$ref") {
            continue;
        }
        if let Some(schema) = response.remove("schema") {
            if response.contains_key("content") {
                w.add("Swagger 2 response schemas", format!("`{at}/schema` (Swagger 2) beside `content`: left out"));
            } else {
                let media = produces.iter().find(|m| is_json(m)).or(produces.first()).cloned();
                let media = media.unwrap_or_else(|| "application/json".into());
                w.add(
                    "Swagger 2 response schemas",
                    format!("`{at}/schema` (Swagger 2) read as the response's `content` in `{media}`"),
                );
                response.insert("content".into(), json!({ media: { "schema": schema } }));
            }
        }
    }
    if let Some(Value::Object(root)) = Some(doc).filter(|d| d.get("produces").is_some()) {
        root.remove("produces");
        notes.log("swagger2_documents", "/produces (Swagger 2) read into the responses' media types");
    }
    w.emit(notes);
    Ok(())
}

/// The media types of a Swagger 2 `produces` or `consumes` list.
fn media_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Rewrites every `$ref` string in `v` (outside examples and extensions)
/// for which `f` gives a new one.
fn rewrite_refs(v: &mut Value, at: &str, f: &mut dyn FnMut(&str, &str) -> Option<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if let Some(new) = f(r, at) {
                    map.insert("$ref".into(), Value::String(new));
                }
            }
            // Examples are data; `default` is also a response code, where a
            // reference is the document's.
            let skip = |k: &str| matches!(k, "example" | "examples") || k.starts_with("x-");
            for (k, child) in map.iter_mut().filter(|(k, _)| !skip(k)) {
                rewrite_refs(child, &format!("{at}/{}", esc(k)), f);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                rewrite_refs(child, &format!("{at}/{i}"), f);
            }
        }
        _ => {}
    }
}

/// The schema keywords Swagger 2 writes on a parameter, a header or an
/// array's `items` itself.
const SWAGGER2_SCHEMA_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "x-nullable",
];

/// The schema a Swagger 2 parameter, header or items object describes with
/// its own keywords (removed from it).
fn schema_from_keywords(map: &mut Map<String, Value>) -> Value {
    let mut schema = Map::new();
    for key in SWAGGER2_SCHEMA_KEYS {
        if let Some(v) = map.remove(*key) {
            schema.insert(key.to_string(), v);
        }
    }
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.remove("collectionFormat");
        if items.contains_key("type") && !items.contains_key("$ref") {
            let inner = schema_from_keywords(items);
            let rest = std::mem::take(items);
            *items = match inner {
                Value::Object(mut inner) => {
                    inner.extend(rest);
                    inner
                }
                _ => rest,
            };
        }
    }
    if schema.get("type").is_some_and(|t| t == "file") {
        schema.insert("type".into(), json!("string"));
        schema.insert("format".into(), json!("binary"));
    }
    if let Some(nullable) = schema.remove("x-nullable") {
        schema.insert("nullable".into(), nullable);
    }
    Value::Object(schema)
}

/// A parameter or header (`noun`) given Swagger 2 style (`type` on
/// itself), or with neither `schema` nor `content`, gets a `schema`; with
/// both, `content` goes. The message, when it changed anything.
fn swagger2_schema(v: &mut Value, at: &str, noun: &str) -> Option<String> {
    let Value::Object(map) = v else { return None };
    if map.contains_key("$ref") {
        return None;
    }
    let has_schema = map.contains_key("schema");
    let has_content = map.contains_key("content");
    let keywords: Vec<&str> = SWAGGER2_SCHEMA_KEYS.iter().copied().filter(|k| map.contains_key(*k)).collect();
    if has_schema && has_content {
        map.remove("content");
        return Some(format!("`{at}` has both `schema` and `content`: `content` left out"));
    }
    if has_schema || has_content {
        return None;
    }
    if keywords.is_empty() {
        map.insert("schema".into(), json!({ "type": "string" }));
        return Some(format!("`{at}` has neither `schema` nor `content`: read as a string"));
    }
    let described = keywords.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let schema = schema_from_keywords(map);
    map.insert("schema".into(), schema);
    Some(format!("`{at}`: {described} on the {noun} itself (Swagger 2) read as its `schema`"))
}

/// Swagger 2 parameters: `type` (and `format`, `items`, `enum`...) on the
/// parameter itself is its `schema` (`collectionFormat` its `style` and
/// `explode`); an `in: body` parameter is the operation's request body, in
/// the media type `consumes` names; `in: formData` parameters are a form
/// body. A parameter with no `schema` is a string; `in` in another case is
/// read in lower case. A parameter without `name` or `in`, or with an `in`
/// OpenAPI does not have, is refused.
pub(super) fn swagger2_parameters(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("swagger2_parameters");
    let root_consumes = media_list(doc.get("consumes"));
    // Every parameter object, with the list it sits in.
    let mut places: Vec<String> = Vec::new();
    if let Some(Value::Object(components)) = doc.pointer("/components/parameters") {
        places.extend(components.keys().map(|name| format!("/components/parameters/{}", esc(name))));
    }
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            let at = format!("/paths/{}", esc(path));
            let mut lists = vec![format!("{at}/parameters")];
            if let Value::Object(item) = item {
                lists.extend(
                    item.keys().filter(|m| METHODS.contains(&m.as_str())).map(|m| format!("{at}/{m}/parameters")),
                );
            }
            for list in lists {
                if let Some(Value::Array(params)) = doc.pointer(&list) {
                    places.extend((0..params.len()).map(|i| format!("{list}/{i}")));
                }
            }
        }
    }
    for at in &places {
        let Some(Value::Object(p)) = doc.pointer_mut(at) else { continue };
        if p.contains_key("$ref") {
            continue;
        }
        if !p.get("name").is_some_and(Value::is_string) {
            return Err(error(at, "a parameter without a `name`"));
        }
        let location = match p.get("in") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => {
                return Err(error(
                    format!("{at}/in"),
                    format!("a parameter's `in` must be a string (it is {})", what(v)),
                ))
            }
            None => return Err(error(at, "a parameter without `in` (path, query, header or cookie)")),
        };
        let lower = match location.to_ascii_lowercase().as_str() {
            "formdata" => "formData".to_string(),
            l => l.to_string(),
        };
        if !matches!(lower.as_str(), "path" | "query" | "header" | "cookie" | "body" | "formData") {
            return Err(error(
                format!("{at}/in"),
                format!("`in: {location}` is not a parameter location (path, query, header or cookie)"),
            ));
        }
        if lower != location {
            w.add("parameter locations", format!("`{at}/in`: `{location}` read as `{lower}`"));
            p.insert("in".into(), json!(lower));
        }
        if lower == "body" || lower == "formData" {
            continue;
        }
        if let Some(format) = p.remove("collectionFormat").map(|f| text(&f)) {
            let is_array = p.get("type").is_some_and(|t| t == "array");
            let (style, explode) = match format.as_str() {
                "csv" => (None, Some(false)),
                "multi" => (None, Some(true)),
                "ssv" => (Some("spaceDelimited"), None),
                "pipes" => (Some("pipeDelimited"), None),
                _ => (None, None),
            };
            if is_array && lower == "query" && (style.is_some() || explode.is_some()) {
                if let Some(style) = style {
                    p.insert("style".into(), json!(style));
                }
                if let Some(explode) = explode {
                    p.insert("explode".into(), json!(explode));
                }
                w.add(
                    "Swagger 2 parameters",
                    format!("`{at}`: `collectionFormat: {format}` (Swagger 2) read as its style"),
                );
            } else {
                w.add("Swagger 2 parameters", format!("`{at}`: `collectionFormat: {format}` (Swagger 2) left out"));
            }
        } else if p.get("type").is_some_and(|t| t == "array") && lower == "query" && !p.contains_key("schema") {
            // Swagger 2's default for arrays is `csv`, OpenAPI 3's `form` exploded.
            p.insert("explode".into(), json!(false));
        }
        if let Some(message) = doc.pointer_mut(at).and_then(|p| swagger2_schema(p, at, "parameter")) {
            w.add("parameters read as OpenAPI 3", message);
        }
    }
    // Body and form parameters become request bodies.
    let mut body_components = BTreeSet::new();
    let snapshot = doc.clone();
    for (path, method) in crate::spec::operations(&snapshot) {
        let at = crate::spec::op_pointer(&path, &method);
        let item_at = format!("/paths/{}", esc(&path));
        let consumes =
            snapshot.pointer(&format!("{at}/consumes")).map(|c| media_list(Some(c))).unwrap_or(root_consumes.clone());
        // (list pointer, index, resolved parameter)
        let mut found: Vec<(String, usize, Value)> = Vec::new();
        let op_names: BTreeSet<String> = snapshot
            .pointer(&format!("{at}/parameters"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| resolve(&snapshot, p).get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        for list in [format!("{at}/parameters"), format!("{item_at}/parameters")] {
            let Some(Value::Array(params)) = snapshot.pointer(&list) else { continue };
            for (i, p) in params.iter().enumerate() {
                let resolved = resolve(&snapshot, p);
                let name = resolved.get("name").and_then(Value::as_str).unwrap_or_default();
                let location = resolved.get("in").and_then(Value::as_str).unwrap_or_default();
                if !matches!(location, "body" | "formData") {
                    continue;
                }
                if list != format!("{at}/parameters") && op_names.contains(name) {
                    continue;
                }
                if let Some(r) = p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                    body_components.insert(r.to_string());
                }
                found.push((list.clone(), i, resolved.clone()));
            }
        }
        if found.is_empty() {
            continue;
        }
        let first = format!("{}/{}", found[0].0, found[0].1);
        if snapshot.pointer(&format!("{at}/requestBody")).is_some() {
            return Err(error(
                first,
                "an `in: body` or `in: formData` parameter (Swagger 2) beside a `requestBody`: which is the body?",
            ));
        }
        let bodies = found.iter().filter(|(_, _, p)| p["in"] == "body").count();
        let body = if bodies > 0 {
            if found.len() > 1 {
                return Err(error(
                    first,
                    "more than one `in: body` parameter, or one beside `in: formData` ones (Swagger 2)",
                ));
            }
            let p = &found[0].2;
            let media = consumes.iter().find(|m| is_json(m)).or(consumes.first()).cloned();
            let media = media.unwrap_or_else(|| "application/json".into());
            let schema = p.get("schema").cloned().unwrap_or_else(|| json!({}));
            let mut body = json!({ "content": { media.clone(): { "schema": schema } } });
            if p.get("required") == Some(&json!(true)) {
                body["required"] = json!(true);
            }
            if let Some(d) = p.get("description") {
                body["description"] = d.clone();
            }
            w.add(
                "Swagger 2 bodies",
                format!("`{first}`: an `in: body` parameter (Swagger 2) read as the request body, in `{media}`"),
            );
            body
        } else {
            let mut properties = Map::new();
            let mut required = Vec::new();
            let mut file = false;
            for (_, _, p) in &found {
                let mut p = p.as_object().cloned().unwrap_or_default();
                let name = p.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                file |= p.get("type").is_some_and(|t| t == "file");
                if p.get("required") == Some(&json!(true)) {
                    required.push(json!(name));
                }
                let mut schema = match p.remove("schema") {
                    Some(s) => s,
                    None => schema_from_keywords(&mut p),
                };
                if let (Some(d), Value::Object(s)) = (p.get("description"), &mut schema) {
                    s.entry("description").or_insert(d.clone());
                }
                properties.insert(name, schema);
            }
            let multipart = consumes.iter().any(|m| m.starts_with("multipart/")) || (file && consumes.is_empty());
            let media = if multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" };
            let mut schema = json!({ "type": "object", "properties": properties });
            if !required.is_empty() {
                schema["required"] = Value::Array(required);
            }
            w.add(
                "Swagger 2 bodies",
                format!("`{first}`: `in: formData` parameters (Swagger 2) read as a `{media}` request body"),
            );
            json!({ "content": { media: { "schema": schema } } })
        };
        if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
            op.insert("requestBody".into(), body);
        }
        // The parameters go, last first so that the indices hold.
        for (list, i, _) in found.iter().rev() {
            if let Some(Value::Array(params)) = doc.pointer_mut(list) {
                if list.starts_with(&at) && *i < params.len() {
                    params.remove(*i);
                }
            }
        }
    }
    // Path-level body parameters, now read into each operation, and body
    // parameter components.
    let mut removed_item_params = Vec::new();
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let Some(Value::Array(params)) = item.get_mut("parameters") else { continue };
            let before = params.len();
            params.retain(|p| {
                let r = p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#'));
                let location = p.get("in").and_then(Value::as_str);
                !(matches!(location, Some("body" | "formData")) || r.is_some_and(|r| body_components.contains(r)))
            });
            if params.len() < before {
                removed_item_params.push(path.clone());
            }
        }
    }
    for path in removed_item_params {
        notes.log(
            "swagger2_parameters",
            format!("/paths/{}/parameters: body parameters read into each operation", esc(&path)),
        );
    }
    if let Some(Value::Object(components)) = doc.pointer_mut("/components/parameters") {
        let names: Vec<String> = components
            .iter()
            .filter(|(_, p)| matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData")))
            .map(|(k, _)| k.clone())
            .collect();
        for name in names {
            components.remove(&name);
            notes.log(
                "swagger2_parameters",
                format!("/components/parameters/{}: read into the bodies that use it", esc(&name)),
            );
        }
    }
    if let Value::Object(root) = doc {
        root.remove("consumes");
    }
    for (path, method) in crate::spec::operations(doc) {
        if let Some(Value::Object(op)) = doc.pointer_mut(&crate::spec::op_pointer(&path, &method)) {
            op.remove("consumes");
        }
    }
    w.emit(notes);
    Ok(())
}

/// The parameter names of a path template (`/sessions/{id}:stop` has `id`),
/// or what is wrong with it.
pub(super) fn template_names(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("the path template `{path}` has a `}}` without a `{{`"));
        }
        let after = &rest[open + 1..];
        let close = after.find(['{', '}']).filter(|i| after[*i..].starts_with('}'));
        let Some(close) = close else {
            return Err(format!("the path template `{path}` has a `{{` without its `}}`"));
        };
        let name = &after[..close];
        if name.is_empty() || name.contains('/') {
            return Err(format!("the path template `{path}` has an invalid parameter `{{{name}}}`"));
        }
        names.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(names)
}

/// A parameter's `(name, in)`, through its `$ref`.
fn name_and_location(doc: &Value, p: &Value) -> Option<(String, String)> {
    let p = resolve(doc, p);
    Some((p.get("name")?.as_str()?.to_string(), p.get("in")?.as_str()?.to_string()))
}

/// Path templates and their parameters agree: a template that does not
/// parse is refused; a path parameter is required; one the template does
/// not have is left out; one the template has but the operation does not
/// declare is a string; a parameter declared twice (same name and place)
/// is read once, the first.
pub(super) fn path_templates(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("path_templates");
    let paths: Vec<String> =
        doc.get("paths").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
    // What `$ref`s point to; parameters change below only in ways that
    // leave the names and places read from it as they are.
    let snapshot = doc.clone();
    for path in paths.iter().filter(|p| !p.starts_with("x-")) {
        let item_at = format!("/paths/{}", esc(path));
        let names = template_names(path).map_err(|e| error(&item_at, e))?;
        let methods: Vec<String> = doc
            .pointer(&item_at)
            .and_then(Value::as_object)
            .map(|i| i.keys().filter(|m| METHODS.contains(&m.as_str())).cloned().collect())
            .unwrap_or_default();
        let mut lists = vec![format!("{item_at}/parameters")];
        lists.extend(methods.iter().map(|m| format!("{item_at}/{m}/parameters")));
        // Declared twice in one list; path parameters not in the template.
        for list in &lists {
            let Some(Value::Array(params)) = snapshot.pointer(list) else { continue };
            let mut seen = BTreeSet::new();
            let mut drop = Vec::new();
            for (i, p) in params.iter().enumerate() {
                let Some((name, location)) = name_and_location(&snapshot, p) else { continue };
                if !seen.insert((name.clone(), location.clone())) {
                    w.add(
                        "parameters declared twice",
                        format!("`{list}/{i}`: the {location} parameter `{name}` is declared twice: the first is kept"),
                    );
                    drop.push(i);
                } else if location == "path" && !names.contains(&name) {
                    w.add(
                        "path parameters not in the template",
                        format!("`{list}/{i}`: the path parameter `{name}` is not in the template `{path}`: left out"),
                    );
                    drop.push(i);
                }
            }
            if let Some(Value::Array(params)) = doc.pointer_mut(list) {
                for i in drop.into_iter().rev() {
                    params.remove(i);
                }
            }
        }
        // Required, through `$ref`s (a component is fixed once, where it is).
        for list in &lists {
            let count = doc.pointer(list).and_then(Value::as_array).map_or(0, Vec::len);
            for i in 0..count {
                let at = format!("{list}/{i}");
                let Some(p) = doc.pointer(&at) else { continue };
                let target = match p.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
                    Some(r) => r.to_string(),
                    None => at.clone(),
                };
                let Some(Value::Object(param)) = doc.pointer_mut(&target) else { continue };
                if param.get("in").is_some_and(|l| l == "path") && param.get("required") != Some(&json!(true)) {
                    let name = param.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
                    param.insert("required".into(), json!(true));
                    w.add("path parameters not required", format!("`{target}`: the path parameter `{name}` is not `required`: read as required (path parameters always are)"));
                }
            }
        }
        // Template parameters each operation does not declare.
        let declared = |list: &str| -> BTreeSet<String> {
            snapshot
                .pointer(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| name_and_location(&snapshot, p))
                .filter(|(_, l)| l == "path")
                .map(|(n, _)| n)
                .collect()
        };
        let item_declared = declared(&format!("{item_at}/parameters"));
        for method in &methods {
            let list = format!("{item_at}/{method}/parameters");
            let mut have = declared(&list);
            have.extend(item_declared.iter().cloned());
            for name in names.iter().filter(|n| !have.contains(*n)) {
                let Some(Value::Object(op)) = doc.pointer_mut(&format!("{item_at}/{method}")) else { continue };
                let params = op.entry("parameters").or_insert_with(|| json!([]));
                if let Value::Array(params) = params {
                    params
                        .push(json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }));
                }
                w.add("path parameters not declared", format!("`{item_at}/{method}`: `{{{name}}}` in the template is not declared: read as a string path parameter"));
            }
        }
    }
    w.emit(notes);
    Ok(())
}

/// Responses and media types as OpenAPI 3.0 requires them: an operation
/// without `responses` answers something unknown (a `default` response);
/// a response has a `description`; a media type without a `schema` is any
/// JSON value (JSON) or bytes (anything else); `encoding`, which applies to
/// multipart and form request bodies only, goes elsewhere; a request body
/// without `content` has none; a header without a `schema` is a string.
pub(super) fn media_types(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("media_types");
    let mut responses = Vec::new();
    let mut bodies = Vec::new();
    for (path, method) in crate::spec::operations(doc) {
        let at = crate::spec::op_pointer(&path, &method);
        let Some(Value::Object(op)) = doc.pointer_mut(&at) else { continue };
        if !op.contains_key("responses") {
            op.insert("responses".into(), json!({ "default": { "description": "" } }));
            w.add(
                "operations without responses",
                format!("`{at}` has no `responses`: read as one answer of unknown content"),
            );
        }
        if let Some(Value::Object(r)) = op.get("responses") {
            responses.extend(r.keys().map(|code| format!("{at}/responses/{}", esc(code))));
        }
        if op.contains_key("requestBody") {
            bodies.push(format!("{at}/requestBody"));
        }
        if let Some(Value::Array(params)) = op.get("parameters") {
            bodies.extend((0..params.len()).map(|i| format!("{at}/parameters/{i}")));
        }
    }
    let mut headers = Vec::new();
    let components = |section: &str| -> Vec<String> {
        let names = doc.pointer(&format!("/components/{section}")).and_then(Value::as_object);
        names.into_iter().flat_map(|c| c.keys().map(|name| format!("/components/{section}/{}", esc(name)))).collect()
    };
    responses.extend(components("responses"));
    bodies.extend(components("requestBodies"));
    bodies.extend(components("parameters"));
    headers.extend(components("headers"));
    for at in &responses {
        let Some(Value::Object(response)) = doc.pointer_mut(at) else { continue };
        if response.contains_key("$ref") {
            continue;
        }
        if !response.get("description").is_some_and(Value::is_string) {
            response.insert("description".into(), json!(""));
            w.add("responses without a description", format!("`{at}` has no `description`: read as empty"));
        }
        if let Some(Value::Object(h)) = response.get("headers") {
            headers.extend(h.keys().map(|name| format!("{at}/headers/{}", esc(name))));
        }
        media_schemas(response, at, false, &mut w);
    }
    for at in &headers {
        let Some(header) = doc.pointer_mut(at) else { continue };
        if let Some(message) = swagger2_schema(header, at, "header") {
            w.add("headers read as OpenAPI 3", message);
        }
        if let Value::Object(header) = header {
            media_schemas(header, at, false, &mut w);
        }
    }
    for at in &bodies {
        let Some(Value::Object(body)) = doc.pointer_mut(at) else { continue };
        if body.contains_key("$ref") {
            continue;
        }
        let is_body = at.ends_with("/requestBody") || at.starts_with("/components/requestBodies/");
        if is_body && !body.get("content").is_some_and(Value::is_object) {
            body.insert("content".into(), json!({}));
            w.add("request bodies without content", format!("`{at}` has no `content`: read as no body"));
        }
        media_schemas(body, at, is_body, &mut w);
    }
    w.emit(notes);
    Ok(())
}

/// The media types of `content` in `owner` (at `at`), each with a schema,
/// and an `encoding` only in a request body that takes one.
fn media_schemas(owner: &mut Map<String, Value>, at: &str, request: bool, w: &mut Warnings) {
    let Some(Value::Object(content)) = owner.get_mut("content") else { return };
    for (media, m) in content.iter_mut() {
        let here = format!("{at}/content/{}", esc(media));
        let Value::Object(m) = m else { continue };
        if !m.contains_key("schema") {
            let (schema, read) = if is_json(media) {
                (json!({}), "any JSON value")
            } else {
                (json!({ "type": "string", "format": "binary" }), "bytes")
            };
            m.insert("schema".into(), schema);
            w.add("media types without a schema", format!("`{here}` has no `schema`: read as {read}"));
        }
        let takes_encoding =
            request && (media.starts_with("multipart/") || media == "application/x-www-form-urlencoded");
        if !takes_encoding && m.remove("encoding").is_some() {
            w.add(
                "encodings that do not apply",
                format!("`{here}/encoding` applies only to multipart and form request bodies: left out"),
            );
        }
    }
}

/// The JSON Schema types OpenAPI knows.
const TYPES: &[&str] = &["string", "number", "integer", "boolean", "array", "object", "null"];

/// How a `type` value reads.
enum TypeReading {
    /// A type OpenAPI knows, as written.
    Known,
    /// Another spelling of a known type.
    Spelled(&'static str),
    /// Swagger 2's file: bytes.
    File,
    /// Not a type: any JSON value.
    Any,
}

fn read_type(t: &Value) -> TypeReading {
    let Value::String(name) = t else {
        return if t.is_null() { TypeReading::Spelled("null") } else { TypeReading::Any };
    };
    if TYPES.contains(&name.as_str()) {
        return TypeReading::Known;
    }
    let lower = name.trim().to_ascii_lowercase();
    if let Some(known) = TYPES.iter().find(|t| **t == lower) {
        return TypeReading::Spelled(known);
    }
    match lower.as_str() {
        "str" | "text" => TypeReading::Spelled("string"),
        "int" | "long" => TypeReading::Spelled("integer"),
        "float" | "double" | "decimal" => TypeReading::Spelled("number"),
        "bool" => TypeReading::Spelled("boolean"),
        "dict" | "map" => TypeReading::Spelled("object"),
        "list" => TypeReading::Spelled("array"),
        "file" => TypeReading::File,
        _ => TypeReading::Any,
    }
}

/// Keywords that take a boolean, and those that take a count.
const BOOLEANS: &[&str] = &["nullable", "readOnly", "writeOnly", "deprecated", "uniqueItems"];
const COUNTS: &[&str] = &["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
const NUMBERS: &[&str] = &["minimum", "maximum", "multipleOf"];
const TEXTS: &[&str] = &["format", "pattern", "title", "description"];

/// Schemas as JSON Schema has them: `type` names in another case or
/// spelling (`Integer`, `str`) are the type, Swagger 2's `file` is bytes,
/// anything else (`unknown`, `any`) is any JSON value; `x-nullable`
/// (Swagger 2) is `nullable`; a `true` schema is any value, a `false`
/// property can never be present; `items` given as a list (draft 4) is one
/// schema; `required` given as a string is a list of it; keywords of the
/// wrong type go; `enum` values of the wrong type are converted or left
/// out, an empty `enum` is no value list, a mixed untyped one is any
/// value; `not` is not checked; an empty `allOf`/`anyOf`/`oneOf` goes, and
/// an `allOf` of conflicting types is any value; a discriminator mapping
/// to a schema that does not exist goes. A schema that is not a mapping,
/// or a `false` schema elsewhere than a property, is refused.
pub(super) fn schema_types(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut w = Warnings::new("schema_types");
    let components: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    let snapshot = doc.clone();
    let mut failed: Option<SpecError> = None;
    for_each_schema_root(doc, &mut |v, at| {
        if failed.is_none() {
            if let Err(e) = read_schema(v, at, &snapshot, &components, &mut w, notes) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    // Conflicting `allOf` members, once every type reads.
    let snapshot = doc.clone();
    crate::spec::walk_schemas(doc, &mut |map, at| {
        let Some(Value::Array(members)) = map.get("allOf") else { return };
        let mut types: Vec<String> = map.get("type").and_then(Value::as_str).map(str::to_string).into_iter().collect();
        for m in members {
            let m = resolve(&snapshot, m);
            if let Some(t) = m.get("type").and_then(Value::as_str) {
                types.push(t.to_string());
            }
        }
        let numeric = |t: &str| t == "integer" || t == "number";
        let conflict = types.iter().any(|a| types.iter().any(|b| a != b && !(numeric(a) && numeric(b))));
        if conflict {
            let mut distinct: Vec<&String> = types.iter().collect();
            distinct.sort();
            distinct.dedup();
            let list = distinct.iter().map(|t| t.as_str()).collect::<Vec<_>>().join(", ");
            map.retain(|k, _| crate::spec::is_prose(k) || k == "nullable");
            w.add("conflicting allOf types", format!("`{at}/allOf` members have conflicting types ({list}): no value is all of them; read as any JSON value"));
        }
    });
    w.emit(notes);
    Ok(())
}

/// Reads one schema and, parent first, the schemas inside it.
fn read_schema(
    v: &mut Value,
    at: &str,
    doc: &Value,
    components: &BTreeSet<String>,
    w: &mut Warnings,
    notes: &mut Notes,
) -> Result<(), SpecError> {
    match v {
        Value::Bool(true) => {
            *v = json!({});
            notes.log("schema_types", format!("{at}: a `true` schema read as any JSON value"));
            return Ok(());
        }
        Value::Bool(false) => {
            return Err(error(at, "a `false` schema, which no value matches, cannot be generated"));
        }
        Value::Object(_) => {}
        other => return Err(error(at, format!("a schema must be a mapping (it is {})", what(other)))),
    }
    let Value::Object(map) = v else { return Ok(()) };
    if let Some(x) = map.remove("x-nullable") {
        w.add("Swagger 2 schemas", format!("`{at}/x-nullable` (Swagger 2) read as `nullable`"));
        if !map.contains_key("nullable") {
            map.insert("nullable".into(), x);
        }
    }
    for key in BOOLEANS {
        let Some(value) = map.get(*key).filter(|v| !v.is_boolean()) else { continue };
        match value.as_str().map(str::to_ascii_lowercase).as_deref() {
            Some(b @ ("true" | "false")) => {
                w.add("keywords of the wrong type", format!("`{at}/{key}` is the text `{b}`: read as the boolean"));
                let b = b == "true";
                map.insert(key.to_string(), json!(b));
            }
            _ => {
                w.add(
                    "keywords of the wrong type",
                    format!("`{at}/{key}` is {}, not a boolean: left out", what(value)),
                );
                map.remove(*key);
            }
        }
    }
    for key in COUNTS {
        if let Some(value) = map.get(*key).filter(|v| !v.is_u64()) {
            w.add("keywords of the wrong type", format!("`{at}/{key}` is {value}, not a count: left out"));
            map.remove(*key);
        }
    }
    for key in NUMBERS {
        if let Some(value) = map.get(*key).filter(|v| !v.is_number()) {
            w.add("keywords of the wrong type", format!("`{at}/{key}` is {}, not a number: left out", what(value)));
            map.remove(*key);
        }
    }
    for key in ["exclusiveMinimum", "exclusiveMaximum"] {
        if let Some(value) = map.get(key).filter(|v| !v.is_number() && !v.is_boolean()) {
            w.add("keywords of the wrong type", format!("`{at}/{key}` is {}: left out", what(value)));
            map.remove(key);
        }
    }
    for key in TEXTS {
        if let Some(value) = map.get(*key).filter(|v| !v.is_string()) {
            w.add("keywords of the wrong type", format!("`{at}/{key}` is {}, not a string: left out", what(value)));
            map.remove(*key);
        }
    }
    read_types(map, at, w);
    untyped_constraints(map, at, doc, w);
    read_required(map, at, w);
    if let Some(props) = map.get("properties").filter(|p| !p.is_object()) {
        return Err(error(
            format!("{at}/properties"),
            format!("`properties` must be a mapping (it is {})", what(props)),
        ));
    }
    let mut never = Vec::new();
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        never = props.iter().filter(|(_, p)| **p == json!(false)).map(|(k, _)| k.clone()).collect();
        for name in &never {
            props.remove(name);
            w.add(
                "`false` properties",
                format!("`{at}/properties/{}` is `false`: the property can never be present, left out", esc(name)),
            );
        }
    }
    if let Some(Value::Array(required)) = map.get_mut("required") {
        required.retain(|r| r.as_str().is_none_or(|r| !never.iter().any(|n| n == r)));
    }
    match map.get_mut("items") {
        Some(Value::Array(list)) => {
            let list = std::mem::take(list);
            let single = match list.len() {
                0 => json!({}),
                1 => list.into_iter().next().unwrap_or_default(),
                _ => json!({ "anyOf": list }),
            };
            map.insert("items".into(), single);
            w.add("tuple items", format!("`{at}/items` is a list (draft 4 tuple): read as one schema for every item"));
        }
        Some(v) if !v.is_object() && !v.is_boolean() => {
            return Err(error(format!("{at}/items"), format!("`items` must be a schema (it is {})", what(v))));
        }
        _ => {}
    }
    if let Some(v) = map.get("additionalProperties").filter(|v| !v.is_object() && !v.is_boolean()) {
        return Err(error(
            format!("{at}/additionalProperties"),
            format!("`additionalProperties` must be a schema or a boolean (it is {})", what(v)),
        ));
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        match map.get_mut(key) {
            None => {}
            Some(Value::Array(list)) if list.is_empty() => {
                map.remove(key);
                w.add("empty compositions", format!("`{at}/{key}` is empty: left out"));
            }
            Some(Value::Array(_)) => {}
            Some(Value::Object(one)) => {
                let one = Value::Object(std::mem::take(one));
                map.insert(key.into(), json!([one]));
                w.add(
                    "compositions that are not lists",
                    format!("`{at}/{key}` is one schema, not a list: read as a list of it"),
                );
            }
            Some(other) => {
                return Err(error(
                    format!("{at}/{key}"),
                    format!("`{key}` must be a list of schemas (it is {})", what(other)),
                ));
            }
        }
    }
    if map.remove("not").is_some() {
        w.add("`not` constraints", format!("`{at}/not` cannot be generated: the constraint is not checked"));
    }
    read_enum(map, at, w);
    if let Some(d) = map.get_mut("discriminator") {
        match d {
            Value::Object(d) => {
                if let Some(Value::Object(mapping)) = d.get_mut("mapping") {
                    mapping.retain(|value, target| {
                        let ok = match target.as_str() {
                            Some(r) if r.starts_with('#') => doc.pointer(&r[1..]).is_some(),
                            Some(name) => components.contains(name),
                            None => false,
                        };
                        if !ok {
                            w.add("discriminator mappings", format!("`{at}/discriminator/mapping/{}` is {target}, not a schema of this document: left out", esc(value)));
                        }
                        ok
                    });
                }
            }
            other => {
                w.add(
                    "keywords of the wrong type",
                    format!("`{at}/discriminator` is {}, not a mapping: left out", what(other)),
                );
                map.remove("discriminator");
            }
        }
    }
    let mut failed = None;
    for_each_subschema(v, at, &mut |child, here, keyword| {
        if failed.is_some() || (keyword == "additionalProperties" && child.is_boolean()) {
            return;
        }
        if let Err(e) = read_schema(child, here, doc, components, w, notes) {
            failed = Some(e);
        }
    });
    failed.map_or(Ok(()), Err)
}

/// `type`: another spelling of a known type is the type; `file` is bytes;
/// anything else any value. In a list (3.1), each member; YAML's null is `"null"`.
fn read_types(map: &mut Map<String, Value>, at: &str, w: &mut Warnings) {
    let Some(t) = map.get("type").cloned() else { return };
    let mut any = false;
    let mut file = false;
    let mut read = |t: &Value, w: &mut Warnings| -> Option<Value> {
        match read_type(t) {
            TypeReading::Known => Some(t.clone()),
            TypeReading::Spelled(known) => {
                w.add("type names", format!("`{at}/type`: `{}` read as `{known}`", text(t)));
                Some(json!(known))
            }
            TypeReading::File => {
                file = true;
                w.add(
                    "type names",
                    format!("`{at}/type`: `file` (Swagger 2) read as bytes (`type: string, format: binary`)"),
                );
                Some(json!("string"))
            }
            TypeReading::Any => {
                any = true;
                w.add(
                    "type names",
                    format!("`{at}/type`: `{}` is not a JSON Schema type: read as any JSON value", text(t)),
                );
                None
            }
        }
    };
    let fixed = match &t {
        Value::Array(list) => {
            let read: Vec<Value> = list.iter().filter_map(|t| read(t, w)).collect();
            let mut unique: Vec<Value> = Vec::new();
            for t in read {
                if !unique.contains(&t) {
                    unique.push(t);
                }
            }
            Value::Array(unique)
        }
        one => read(one, w).unwrap_or_default(),
    };
    if fixed == json!([]) {
        w.add("type names", format!("`{at}/type` is an empty list: read as any JSON value"));
        map.remove("type");
    } else if any {
        // Any value, with or without null, is any value.
        map.remove("type");
        map.remove("format");
    } else if fixed != t {
        map.insert("type".into(), fixed);
        if file {
            map.insert("format".into(), json!("binary"));
        }
    }
}

/// Keywords that constrain numbers only, and strings only (`format` is
/// either's).
const NUMBER_CONSTRAINTS: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const STRING_CONSTRAINTS: &[&str] = &["minLength", "maxLength", "pattern"];

/// Keywords of objects, and of lists.
const OBJECT_KEYWORDS: &[&str] =
    &["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties"];
const ARRAY_KEYWORDS: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];

/// Keywords that constrain a type of value the schema is not: in a schema
/// without a `type` (or any other way to tell one: a reference, members, a
/// value list, properties, items), which is any value, the constraints of
/// numbers and strings; in a string, those of numbers; in a number, those
/// of strings; in a boolean or null, both and `format`; in any type but
/// object, those of objects (`properties`, `required`...), and in any but
/// array, those of lists; beside members that are all of types other than
/// object (`anyOf: [number, string]`), `required`. They are not checked
/// (typify cannot generate them).
fn untyped_constraints(map: &mut Map<String, Value>, at: &str, doc: &Value, w: &mut Warnings) {
    let told = ["$ref", "allOf", "anyOf", "oneOf", "enum", "const", "properties", "items", "additionalProperties"]
        .iter()
        .any(|k| map.contains_key(*k));
    let ty = map.get("type").and_then(Value::as_str).map(str::to_string);
    let (numbers, strings, format, objects, arrays) = match ty.as_deref() {
        None if map.contains_key("type") => return,
        None if told => (false, false, false, !objects_possible(map, doc), false),
        None => (true, true, true, false, false),
        Some("string") => (true, false, false, true, true),
        Some("integer" | "number") => (false, true, false, true, true),
        Some("object") => (true, true, false, false, true),
        Some("array") => (true, true, false, true, false),
        Some(_) => (true, true, true, true, true),
    };
    let named = ty.as_deref().map_or("no type".to_string(), |t| format!("type {t}"));
    let mut keys: Vec<&str> = Vec::new();
    if numbers {
        keys.extend(NUMBER_CONSTRAINTS);
    }
    if strings {
        keys.extend(STRING_CONSTRAINTS);
    }
    if format {
        keys.push("format");
    }
    if objects {
        keys.extend(if ty.is_some() { OBJECT_KEYWORDS } else { &["required"] });
    }
    if arrays {
        keys.extend(ARRAY_KEYWORDS);
    }
    for key in keys {
        if map.remove(key).is_some() {
            w.add("constraints of another type", format!("`{at}/{key}` in a schema of {named}: not checked"));
        }
    }
}

/// Whether an untyped schema with members may be an object: it says so
/// (`properties`...), or a member (through its reference) is not of
/// another type.
fn objects_possible(map: &Map<String, Value>, doc: &Value) -> bool {
    if OBJECT_KEYWORDS.iter().any(|k| *k != "required" && map.contains_key(*k)) || map.contains_key("$ref") {
        return true;
    }
    let members: Vec<&Value> =
        ["allOf", "anyOf", "oneOf"].iter().filter_map(|k| map.get(*k)?.as_array()).flatten().collect();
    members.is_empty()
        || members.iter().any(|m| {
            let m = resolve(doc, m);
            !matches!(m.get("type").and_then(Value::as_str), Some(t) if t != "object")
        })
}

fn text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// `required`: a string is a list of it; anything else not a list goes, as
/// do members that are not strings, and repeats.
fn read_required(map: &mut Map<String, Value>, at: &str, w: &mut Warnings) {
    match map.get_mut("required") {
        None => {}
        Some(Value::String(name)) => {
            let name = name.clone();
            w.add(
                "`required` that is not a list",
                format!("`{at}/required` is the string `{name}`: read as `[{name}]`"),
            );
            map.insert("required".into(), json!([name]));
        }
        Some(Value::Array(list)) => {
            let before = list.len();
            let mut seen = BTreeSet::new();
            list.retain(|r| r.as_str().is_some_and(|s| seen.insert(s.to_string())));
            if list.len() < before {
                w.add(
                    "`required` that is not a list",
                    format!("`{at}/required` has members that are not names, or repeats: left out"),
                );
            }
        }
        Some(other) => {
            w.add(
                "`required` that is not a list",
                format!("`{at}/required` is {}, not a list of names: left out", what(other)),
            );
            map.remove("required");
        }
    }
    // `required: true` on a property itself (JSON Schema draft 3) is a
    // name in its object's `required`.
    let mut named: Vec<String> = Vec::new();
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, p) in props.iter_mut() {
            let Some(Value::Bool(b)) = p.get("required").cloned() else { continue };
            if let Value::Object(p) = p {
                p.remove("required");
            }
            let here = format!("{at}/properties/{}/required", esc(name));
            w.add(
                "`required` on a property",
                format!("`{here}` is `{b}` on the property itself (draft 3): read into the object's `required`"),
            );
            if b {
                named.push(name.clone());
            }
        }
    }
    if !named.is_empty() {
        let required = map.entry("required").or_insert_with(|| json!([]));
        if let Value::Array(list) = required {
            for name in named {
                if !list.contains(&json!(name)) {
                    list.push(Value::String(name));
                }
            }
        }
    }
}

/// A value of an `enum` or `const` as the schema's type `ty` reads it:
/// itself, converted (`1` in a string schema is `"1"`), or `None`, which
/// is left out: a value of another type, and mappings and lists, which
/// typify cannot check.
fn fitting(ty: Option<&str>, value: &Value) -> Option<Value> {
    match (ty, value) {
        (_, Value::Null) => Some(Value::Null),
        (_, Value::Object(_) | Value::Array(_)) => None,
        (Some("string"), Value::String(_)) => Some(value.clone()),
        (Some("string"), Value::Number(_) | Value::Bool(_)) => Some(json!(value.to_string())),
        (Some("integer"), Value::Number(n)) if n.is_i64() || n.is_u64() => Some(value.clone()),
        (Some("integer"), Value::String(s)) => s.trim().parse::<i64>().ok().map(|n| json!(n)),
        (Some("number"), Value::Number(_)) => Some(value.clone()),
        (Some("number"), Value::String(s)) => {
            s.trim().parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number)
        }
        (Some("boolean"), Value::Bool(_)) => Some(value.clone()),
        (Some("boolean"), Value::String(s)) if s == "true" || s == "false" => Some(json!(s == "true")),
        (Some("integer" | "number" | "boolean" | "object" | "array" | "null"), _) => None,
        _ => Some(value.clone()),
    }
}

/// [`fitting`] for a schema of several types (3.1's `type: [string, "null"]`):
/// as the first type the value fits.
fn fitting_any(types: &[String], value: &Value) -> Option<Value> {
    types.iter().find_map(|t| fitting(Some(t), value))
}

/// The types a schema says, or implies by its keywords (`properties` is
/// an object, `items` an array); none when it does not tell.
fn schema_types_of(map: &Map<String, Value>) -> Option<Vec<String>> {
    match map.get("type") {
        Some(Value::String(t)) => return Some(vec![t.clone()]),
        Some(Value::Array(list)) => return Some(list.iter().filter_map(Value::as_str).map(str::to_string).collect()),
        _ => {}
    }
    let object = ["properties", "additionalProperties", "required"];
    if object.iter().any(|k| map.contains_key(*k)) {
        return Some(vec!["object".into()]);
    }
    map.contains_key("items").then(|| vec!["array".into()])
}

/// `enum` and `const`: one value not in a list is a list of it; an empty
/// list is no list; values not of the schema's type (`1` in a string enum
/// is `"1"`) are converted or left out, as are mappings and lists; repeats
/// go; values of several types without a `type` are any value, the values
/// in the description.
fn read_enum(map: &mut Map<String, Value>, at: &str, w: &mut Warnings) {
    let types = schema_types_of(map);
    let ty = types.as_ref().map(|t| t.join(" or "));
    let fits = |value: &Value| match &types {
        Some(types) => fitting_any(types, value),
        None => fitting(None, value),
    };
    if let Some(c) = map.get("const").cloned() {
        match fits(&c) {
            Some(v) if v == c => {}
            Some(v) => {
                w.add(
                    "enums",
                    format!("`{at}/const`: {c} is not of type {}: read as {v}", ty.as_deref().unwrap_or_default()),
                );
                map.insert("const".into(), v);
            }
            None => {
                w.add("enums", format!("`{at}/const`: {c} cannot be a value of this schema: left out"));
                map.remove("const");
            }
        }
    }
    let Some(values) = map.get("enum") else { return };
    let values = match values {
        Value::Array(list) => list.clone(),
        Value::Object(_) => {
            w.add("enums", format!("`{at}/enum` is a mapping, not a list of values: left out"));
            map.remove("enum");
            return;
        }
        one => {
            w.add("enums", format!("`{at}/enum` is one value, not a list: read as a list of it"));
            vec![one.clone()]
        }
    };
    if values.is_empty() {
        w.add("enums", format!("`{at}/enum` is empty, which no value matches: read as no value list"));
        map.remove("enum");
        return;
    }
    let mut kept: Vec<Value> = Vec::new();
    for value in values {
        let name = ty.as_deref().unwrap_or("any");
        match fits(&value) {
            Some(c) if kept.contains(&c) => w.add("enums", format!("`{at}/enum`: {value} is listed twice: read once")),
            Some(c) => {
                if c != value {
                    w.add("enums", format!("`{at}/enum`: {value} is not of type {name}: read as {c}"));
                }
                kept.push(c);
            }
            None => {
                w.add("enums", format!("`{at}/enum`: {value} cannot be a value of this schema (type {name}): left out"))
            }
        }
    }
    let kinds: BTreeSet<&str> = kept.iter().filter(|v| !v.is_null()).map(what).collect();
    if kept.is_empty() || (ty.is_none() && kinds.len() > 1) {
        let list = kept.iter().map(Value::to_string).collect::<Vec<_>>().join(", ");
        let why = if kept.is_empty() { "none of its values can be one of this schema" } else { "it mixes value types" };
        w.add("enums", format!("`{at}/enum`: {why}: read as no value list"));
        map.remove("enum");
        if !list.is_empty() {
            crate::spec::add_description(map, &format!("Values: {list}."));
        }
        return;
    }
    map.insert("enum".into(), Value::Array(kept));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    /// A document with these paths.
    fn paths(paths: Value) -> Value {
        json!({ "openapi": "3.0.3", "info": { "title": "t", "version": "1" }, "paths": paths })
    }

    fn refused(t: fn(&mut Value, &mut Notes) -> Result<(), SpecError>, mut d: Value) -> SpecError {
        t(&mut d, &mut Notes::default()).unwrap_err()
    }

    #[test]
    fn document_shape_reads_nulls_methods_and_paths() {
        let mut d = json!({ "openapi": "3.1.0", "components": null, "paths": {
            "things": { "GET": { "description": null, "responses": { "200": null } } },
            "/other": { "query": {} } } });
        let notes = run(document_shape, &mut d);
        assert_eq!(d["info"], json!({ "title": "API", "version": "0" }));
        assert!(d.get("components").is_none());
        assert_eq!(d.pointer("/paths/~1things/get").unwrap(), &json!({ "responses": { "200": {} } }));
        for expected in [
            "`/components` is empty (null): read as absent",
            "`/paths/things/GET/description` is empty (null): read as absent",
            "`/paths/things/GET/responses/200` is empty (null): read as an empty mapping",
            "`/paths/things`: the path `things` does not start with `/`: read as `/things`",
            "`/paths/~1things/GET`: the method `GET` read as `get`",
            "`/paths/~1other/query`: `query` is not an HTTP method or field of an OpenAPI 3.0 path item: ignored",
        ] {
            assert!(notes.warnings.iter().any(|w| w == expected), "{expected} not in {:#?}", notes.warnings);
        }
        // Defaults and examples keep their nulls.
        let mut d = doc(json!({ "A": { "type": "string", "default": null, "nullable": true } }));
        run(document_shape, &mut d);
        assert_eq!(d.pointer("/components/schemas/A/default"), Some(&Value::Null));
    }

    #[test]
    fn document_shape_refuses_what_has_no_reading() {
        assert_eq!(refused(document_shape, json!([1])).at, "line 1");
        assert_eq!(refused(document_shape, json!({ "paths": "x" })).at, "/paths");
        assert_eq!(refused(document_shape, paths(json!({ "/a": { "get": "x" } }))).at, "/paths/~1a/get");
        assert_eq!(
            refused(document_shape, paths(json!({ "/a": { "get": { "parameters": {} } } }))).at,
            "/paths/~1a/get/parameters"
        );
        assert_eq!(
            refused(document_shape, paths(json!({ "/a": { "get": { "parameters": [1] } } }))).at,
            "/paths/~1a/get/parameters/0"
        );
        assert_eq!(refused(document_shape, json!({ "components": { "schemas": [1] } })).at, "/components/schemas");
    }

    #[test]
    fn document_shape_reads_an_empty_list_where_a_mapping_belongs_as_an_empty_mapping() {
        let mut d = json!({ "components": { "schemas": {
            "A": { "type": "object", "properties": [], "additionalProperties": [] },
            "B": { "type": "object", "properties": { "p": [], "q": { "type": "array", "items": {}, "enum": [] } } } },
            "parameters": [] },
            "paths": { "/a": { "parameters": [], "get": { "parameters": [], "tags": [], "responses": [] } } } });
        let notes = run(document_shape, &mut d);
        let schemas = &d["components"]["schemas"];
        assert_eq!(schemas["A"], json!({ "type": "object", "properties": {}, "additionalProperties": {} }));
        assert_eq!(schemas["B"]["properties"]["p"], json!({}));
        // Lists that are lists stay: `parameters` of a path item or operation, `tags`, data (`enum`).
        assert_eq!(schemas["B"]["properties"]["q"]["enum"], json!([]));
        assert_eq!(d["components"]["parameters"], json!({}));
        assert_eq!(d.pointer("/paths/~1a/parameters"), Some(&json!([])));
        assert_eq!(d.pointer("/paths/~1a/get"), Some(&json!({ "parameters": [], "tags": [], "responses": {} })));
        for at in [
            "/components/schemas/A/properties",
            "/components/schemas/A/additionalProperties",
            "/components/schemas/B/properties/p",
            "/components/parameters",
            "/paths/~1a/get/responses",
        ] {
            let expected = format!("`{at}` is an empty list where a mapping belongs: read as an empty mapping");
            assert!(notes.warnings.contains(&expected), "{expected} not in {:#?}", notes.warnings);
        }
        assert_eq!(notes.warnings.iter().filter(|w| w.contains("empty list")).count(), 5, "{:#?}", notes.warnings);
    }

    #[test]
    fn swagger2_documents_move_definitions_and_response_schemas() {
        let mut d = json!({ "definitions": { "Thing": { "type": "object" } }, "securityDefinitions": {}, "produces": ["application/json"],
            "paths": { "/a": { "get": { "responses": { "200": { "description": "ok", "schema": { "$ref": "#/definitions/Thing" } } } } } } });
        let notes = run(swagger2_documents, &mut d);
        assert_eq!(d.pointer("/components/schemas/Thing").unwrap(), &json!({ "type": "object" }));
        assert_eq!(
            d.pointer("/paths/~1a/get/responses/200/content/application~1json/schema/$ref").unwrap(),
            "#/components/schemas/Thing"
        );
        assert!(
            d.get("definitions").is_none() && d.get("produces").is_none() && d.get("securityDefinitions").is_none()
        );
        assert_eq!(
            notes.warnings,
            [
                "`/definitions` (Swagger 2) read as `/components/schemas`",
                "`/securityDefinitions` (Swagger 2) left out: the client sends its API key itself",
                "`/paths/~1a/get/responses/200/schema`: `$ref` `#/definitions/Thing` (Swagger 2) read as `#/components/schemas/Thing`",
                "`/paths/~1a/get/responses/200/schema` (Swagger 2) read as the response's `content` in `application/json`",
            ]
        );
    }

    #[test]
    fn swagger2_parameters_get_schemas_and_bodies() {
        let mut d = paths(json!({ "/a/{id}": { "post": { "consumes": ["application/json"], "parameters": [
            { "name": "id", "in": "path", "required": true, "type": "string" },
            { "name": "tags", "in": "Query", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" },
            { "name": "n", "in": "query", "type": "integer", "format": "int32", "default": 3, "x-nullable": true },
            { "name": "bare", "in": "header" },
            { "name": "both", "in": "query", "schema": { "type": "string" }, "content": { "application/json": {} } },
            { "name": "body", "in": "body", "required": true, "schema": { "type": "object" } },
        ] } },
        "/f": { "post": { "parameters": [
            { "name": "file", "in": "formData", "type": "file", "required": true },
            { "name": "purpose", "in": "formData", "type": "string" } ] } } }));
        let notes = run(swagger2_parameters, &mut d);
        let params = d.pointer("/paths/~1a~1{id}/post/parameters").unwrap();
        assert_eq!(params[0], json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }));
        assert_eq!(
            params[1],
            json!({ "name": "tags", "in": "query", "explode": true, "schema": { "type": "array", "items": { "type": "string" } } })
        );
        assert_eq!(
            params[2]["schema"],
            json!({ "type": "integer", "format": "int32", "default": 3, "nullable": true })
        );
        assert_eq!(params[3]["schema"], json!({ "type": "string" }));
        assert!(params[4].get("content").is_none());
        assert_eq!(params.as_array().unwrap().len(), 5);
        assert_eq!(
            d.pointer("/paths/~1a~1{id}/post/requestBody").unwrap(),
            &json!({ "content": { "application/json": { "schema": { "type": "object" } } }, "required": true })
        );
        assert!(d.pointer("/paths/~1a~1{id}/post/consumes").is_none());
        let form = d.pointer("/paths/~1f/post/requestBody/content/multipart~1form-data/schema").unwrap();
        assert_eq!(form["required"], json!(["file"]));
        assert_eq!(form["properties"]["file"], json!({ "type": "string", "format": "binary" }));
        for expected in [
            "`/paths/~1a~1{id}/post/parameters/0`: `type` on the parameter itself (Swagger 2) read as its `schema`",
            "`/paths/~1a~1{id}/post/parameters/1/in`: `Query` read as `query`",
            "`/paths/~1a~1{id}/post/parameters/3` has neither `schema` nor `content`: read as a string",
            "`/paths/~1a~1{id}/post/parameters/4` has both `schema` and `content`: `content` left out",
            "`/paths/~1a~1{id}/post/parameters/5`: an `in: body` parameter (Swagger 2) read as the request body, in `application/json`",
            "`/paths/~1f/post/parameters/0`: `in: formData` parameters (Swagger 2) read as a `multipart/form-data` request body",
        ] {
            assert!(notes.warnings.iter().any(|w| w == expected), "{expected} not in {:#?}", notes.warnings);
        }
        let beside =
            paths(json!({ "/a": { "post": { "requestBody": {}, "parameters": [{ "name": "b", "in": "body" }] } } }));
        assert_eq!(refused(swagger2_parameters, beside).at, "/paths/~1a/post/parameters/0");
        let nowhere = paths(json!({ "/a": { "get": { "parameters": [{ "name": "b", "in": "weird" }] } } }));
        assert_eq!(refused(swagger2_parameters, nowhere).at, "/paths/~1a/get/parameters/0/in");
        let nameless = paths(json!({ "/a": { "get": { "parameters": [{ "in": "query" }] } } }));
        assert_eq!(refused(swagger2_parameters, nameless).at, "/paths/~1a/get/parameters/0");
    }

    #[test]
    fn template_names_and_what_is_wrong_with_them() {
        assert_eq!(template_names("/sessions/{id}:stop").unwrap(), ["id"]);
        assert_eq!(template_names("/a/{x}/v{y}.json").unwrap(), ["x", "y"]);
        assert!(template_names("/a/{id").unwrap_err().contains("without its `}`"));
        assert!(template_names("/a/id}").unwrap_err().contains("without a `{`"));
        assert!(template_names("/a/{}").unwrap_err().contains("invalid parameter"));
    }

    #[test]
    fn path_templates_and_their_parameters_agree() {
        let string = json!({ "type": "string" });
        let mut d = paths(json!({ "/a/{id}:stop": { "post": { "parameters": [
            { "name": "id", "in": "path", "schema": string },
            { "name": "gone", "in": "path", "required": true, "schema": string },
            { "name": "q", "in": "query", "schema": string },
            { "name": "q", "in": "query", "schema": { "type": "integer" } },
        ] } }, "/b/{x}": { "get": {} } }));
        let notes = run(path_templates, &mut d);
        let params = d.pointer("/paths/~1a~1{id}:stop/post/parameters").unwrap().as_array().unwrap();
        assert_eq!(params.len(), 2);
        assert_eq!(params[0]["required"], json!(true));
        assert_eq!(
            d.pointer("/paths/~1b~1{x}/get/parameters/0").unwrap(),
            &json!({ "name": "x", "in": "path", "required": true, "schema": string })
        );
        assert_eq!(
            notes.warnings,
            [
                "`/paths/~1a~1{id}:stop/post/parameters/1`: the path parameter `gone` is not in the template `/a/{id}:stop`: left out",
                "`/paths/~1a~1{id}:stop/post/parameters/3`: the query parameter `q` is declared twice: the first is kept",
                "`/paths/~1a~1{id}:stop/post/parameters/0`: the path parameter `id` is not `required`: read as required (path parameters always are)",
                "`/paths/~1b~1{x}/get`: `{x}` in the template is not declared: read as a string path parameter",
            ]
        );
        assert_eq!(refused(path_templates, paths(json!({ "/a/{b": {} }))).at, "/paths/~1a~1{b");
    }

    #[test]
    fn media_types_have_schemas_and_responses_descriptions() {
        let mut d = paths(json!({ "/a": {
            "get": {},
            "post": { "requestBody": { "required": true }, "responses": { "200": { "content": {
                "application/json": { "encoding": {} }, "audio/wav": {} },
                "headers": { "x-id": {} } } } } } }));
        let notes = run(media_types, &mut d);
        assert_eq!(d.pointer("/paths/~1a/get/responses").unwrap(), &json!({ "default": { "description": "" } }));
        assert_eq!(d.pointer("/paths/~1a/post/requestBody/content").unwrap(), &json!({}));
        let content = d.pointer("/paths/~1a/post/responses/200/content").unwrap();
        assert_eq!(content["application/json"], json!({ "schema": {} }));
        assert_eq!(content["audio/wav"], json!({ "schema": { "type": "string", "format": "binary" } }));
        assert_eq!(
            d.pointer("/paths/~1a/post/responses/200/headers/x-id/schema").unwrap(),
            &json!({ "type": "string" })
        );
        for expected in [
            "`/paths/~1a/get` has no `responses`: read as one answer of unknown content",
            "`/paths/~1a/post/responses/200` has no `description`: read as empty",
            "`/paths/~1a/post/responses/200/content/application~1json` has no `schema`: read as any JSON value",
            "`/paths/~1a/post/responses/200/content/audio~1wav` has no `schema`: read as bytes",
            "`/paths/~1a/post/responses/200/content/application~1json/encoding` applies only to multipart and form request bodies: left out",
            "`/paths/~1a/post/requestBody` has no `content`: read as no body",
            "`/paths/~1a/post/responses/200/headers/x-id` has neither `schema` nor `content`: read as a string",
        ] {
            assert!(notes.warnings.iter().any(|w| w == expected), "{expected} not in {:#?}", notes.warnings);
        }
    }

    #[test]
    fn schema_types_read_types_booleans_lists_and_enums() {
        let mut d = doc(json!({ "A": { "type": "object", "required": "a", "properties": {
            "a": { "type": "unknown", "format": "x" },
            "b": { "type": "Integer" },
            "c": { "type": "str", "x-nullable": true },
            "d": { "type": "file" },
            "e": { "type": ["integer", "any"] },
            "f": true,
            "g": false,
            "h": { "type": "array", "items": [{ "type": "string" }] },
            "i": { "type": "string", "enum": ["a", 1, true, "a", { "x": 1 }] },
            "j": { "enum": ["a", 1] },
            "k": { "enum": [] },
            "l": { "allOf": [] },
            "m": { "not": { "type": "string" } },
            "n": { "allOf": [{ "type": "integer" }, { "$ref": "#/components/schemas/S" }], "description": "N." },
            "o": { "type": "string", "minLength": -1, "nullable": "true" },
            "p": { "type": "string", "required": true },
        } }, "S": { "type": "string" } }));
        let notes = run(schema_types, &mut d);
        let at = |p: &str| d.pointer(&format!("/components/schemas/A/properties/{p}")).unwrap().clone();
        assert_eq!(at("a"), json!({}));
        assert_eq!(at("b"), json!({ "type": "integer" }));
        assert_eq!(at("c"), json!({ "type": "string", "nullable": true }));
        assert_eq!(at("d"), json!({ "type": "string", "format": "binary" }));
        assert_eq!(at("e"), json!({}));
        assert_eq!(at("f"), json!({}));
        assert!(d.pointer("/components/schemas/A/properties/g").is_none());
        assert_eq!(at("h"), json!({ "type": "array", "items": { "type": "string" } }));
        assert_eq!(at("i"), json!({ "type": "string", "enum": ["a", "1", "true"] }));
        assert_eq!(at("j"), json!({ "description": "Values: \"a\", 1." }));
        assert_eq!(at("k"), json!({}));
        assert_eq!(at("l"), json!({}));
        assert_eq!(at("m"), json!({}));
        assert_eq!(at("n"), json!({ "description": "N." }));
        assert_eq!(at("o"), json!({ "type": "string", "nullable": true }));
        assert_eq!(d.pointer("/components/schemas/A/required").unwrap(), &json!(["a", "p"]));
        let schema = "`/components/schemas/A/properties";
        for expected in [
            format!("{schema}/a/type`: `unknown` is not a JSON Schema type: read as any JSON value"),
            format!("{schema}/b/type`: `Integer` read as `integer`"),
            format!("{schema}/c/type`: `str` read as `string`"),
            format!("{schema}/c/x-nullable` (Swagger 2) read as `nullable`"),
            format!("{schema}/d/type`: `file` (Swagger 2) read as bytes (`type: string, format: binary`)"),
            format!("{schema}/g` is `false`: the property can never be present, left out"),
            format!("{schema}/h/items` is a list (draft 4 tuple): read as one schema for every item"),
            format!("{schema}/i/enum`: 1 is not of type string: read as \"1\""),
            format!("{schema}/i/enum`: \"a\" is listed twice: read once"),
            format!("{schema}/i/enum`: {{\"x\":1}} cannot be a value of this schema (type string): left out"),
            format!("{schema}/j/enum`: it mixes value types: read as no value list"),
            format!("{schema}/k/enum` is empty, which no value matches: read as no value list"),
            format!("{schema}/l/allOf` is empty: left out"),
            format!("{schema}/m/not` cannot be generated: the constraint is not checked"),
            format!("{schema}/n/allOf` members have conflicting types (integer, string): no value is all of them; read as any JSON value"),
            format!("{schema}/o/minLength` is -1, not a count: left out"),
            format!("{schema}/o/nullable` is the text `true`: read as the boolean"),
            format!("{schema}/p/required` is `true` on the property itself (draft 3): read into the object's `required`"),
            "`/components/schemas/A/required` is the string `a`: read as `[a]`".to_string(),
        ] {
            assert!(notes.warnings.contains(&expected), "{expected} not in {:#?}", notes.warnings);
        }
        assert_eq!(refused(schema_types, doc(json!({ "A": "x" }))).at, "/components/schemas/A");
        assert_eq!(refused(schema_types, doc(json!({ "A": { "items": false } }))).at, "/components/schemas/A/items");
        assert_eq!(
            refused(schema_types, doc(json!({ "A": { "properties": [] } }))).at,
            "/components/schemas/A/properties"
        );
    }

    #[test]
    fn constraints_and_values_of_another_type_are_not_checked() {
        let mut d = doc(json!({ "A": { "properties": {
            "untyped": { "maximum": 10, "format": "byte", "description": "D." },
            "flag": { "type": "boolean", "minimum": 1, "format": "int32" },
            "text": { "type": "string", "maximum": 3, "format": "byte", "maxLength": 4 },
            "empty": { "type": [], "format": "byte" },
            "nothing": { "type": "null", "enum": ["sft"] },
            "either": { "type": ["integer", "null"], "enum": ["1", null, "x"] },
            "frame": { "anyOf": [{ "type": "number" }, { "type": "string" }], "required": ["name"] },
            "word": { "type": "string", "properties": { "a": {} }, "items": {} },
            "thing": { "type": "object", "items": {}, "required": ["a"] },
            "more": { "allOf": [{ "$ref": "#/components/schemas/B" }], "required": ["a"] },
        } }, "B": { "type": "object" } }));
        let notes = run(schema_types, &mut d);
        let at = |p: &str| d.pointer(&format!("/components/schemas/A/properties/{p}")).unwrap().clone();
        assert_eq!(at("untyped"), json!({ "description": "D." }));
        assert_eq!(at("flag"), json!({ "type": "boolean" }));
        assert_eq!(at("text"), json!({ "type": "string", "format": "byte", "maxLength": 4 }));
        assert_eq!(at("empty"), json!({}));
        assert_eq!(at("nothing"), json!({ "type": "null" }));
        assert_eq!(at("either"), json!({ "type": ["integer", "null"], "enum": [1, null] }));
        assert_eq!(at("frame"), json!({ "anyOf": [{ "type": "number" }, { "type": "string" }] }));
        assert_eq!(at("word"), json!({ "type": "string" }));
        assert_eq!(at("thing"), json!({ "type": "object", "required": ["a"] }));
        assert_eq!(at("more")["required"], json!(["a"]));
        for expected in [
            "`/components/schemas/A/properties/untyped/maximum` in a schema of no type: not checked",
            "`/components/schemas/A/properties/flag/format` in a schema of type boolean: not checked",
            "`/components/schemas/A/properties/text/maximum` in a schema of type string: not checked",
            "`/components/schemas/A/properties/empty/type` is an empty list: read as any JSON value",
            "`/components/schemas/A/properties/nothing/enum`: none of its values can be one of this schema: read as no value list",
        ] {
            assert!(notes.warnings.iter().any(|w| w == expected), "{expected} not in {:#?}", notes.warnings);
        }
    }

    #[test]
    fn many_warnings_of_one_kind_are_counted() {
        let props: Map<String, Value> = (0..15).map(|i| (format!("p{i}"), json!({ "type": "Integer" }))).collect();
        let mut d = doc(json!({ "A": { "properties": props } }));
        let notes = run(schema_types, &mut d);
        assert_eq!(notes.warnings.len(), SHOWN + 1);
        assert_eq!(notes.warnings[SHOWN], "5 more type names (each in normalize.log)");
        assert_eq!(notes.log.len(), 16);
    }
}
