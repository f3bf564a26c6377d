//! Operations: their ids, the Rust names of components, the corrections of
//! [`OVERRIDES`], the operations progenitor cannot generate, and what each
//! one does on the server.

use super::policy::{Override, QueryBody, INFERENCE, OVERRIDES, QUERY_BODIES};
use super::{Effect, Notes, SpecError, Unsupported};
use crate::spec::{
    collect_refs, esc, is_json, is_websocket, op_id, op_pointer, operations, reachable, unesc, walk, METHODS,
};
use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The name an operation without an `operationId` gets: derived from its
/// method and path alone, so adding an unrelated operation never renames it.
/// `GET /files` is `files_list`, `GET /files/{id}` `files_retrieve`,
/// `POST /fine-tunes/{id}/cancel` `fine_tunes_cancel`.
/// A custom method after a parameter (`/sessions/{id}:stop`) is a literal:
/// `POST /sessions/{id}:stop` is `sessions_stop`.
pub fn derived_operation_id(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // Each segment without its `{parameters}`.
    let literal = |s: &str| {
        let mut out = String::new();
        let mut depth = 0usize;
        for c in s.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                c if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    };
    let owned: Vec<String> =
        segments.iter().map(|s| literal(s)).filter(|l| l.chars().any(char::is_alphanumeric)).collect();
    let literals: Vec<&str> = owned.iter().map(String::as_str).collect();
    let ends_in_param = segments.last().is_some_and(|s| literal(s).chars().all(|c| !c.is_alphanumeric()));
    let single = segments.len() == 1;
    let verb = match method {
        "get" if ends_in_param => "retrieve",
        "get" if single => "list",
        "post" if single => "create",
        "get" | "post" => "",
        "delete" => "delete",
        "patch" => "update",
        "put" => "replace",
        other => other,
    };
    let mut name = literals.join("_").to_snake_case();
    if !verb.is_empty() {
        name = if name.is_empty() { verb.to_string() } else { format!("{name}_{verb}") };
    }
    name
}

/// The name of an operation that opens a WebSocket session
/// ([`websocket_operations`]): its path's words and `connect`, a segment
/// naming the protocol left out (`GET /realtime` is `realtime_connect`,
/// `GET /audio/speech/websocket` `audio_speech_connect`): a session is
/// neither listed nor retrieved.
fn session_operation_id(path: &str) -> String {
    let kept: Vec<&str> = path
        .split('/')
        .filter(|s| !matches!(s.to_ascii_lowercase().as_str(), "websocket" | "websockets" | "ws"))
        .collect();
    let noun = derived_operation_id("post", &kept.join("/"));
    // `post` derives `_create` for a single segment, a verb a session has not.
    let noun = noun.strip_suffix("_create").unwrap_or(&noun);
    if noun.is_empty() || noun == "create" {
        "connect".to_string()
    } else {
        format!("{noun}_connect")
    }
}

/// Names the generated `Client` and its builders' module already have: an
/// operation of one of these names gets `_operation` after it.
const RESERVED_OPERATION_NAMES: &[&str] = &[
    // `Client`'s own methods (progenitor's, and the crate's in `src/client.rs`).
    "new",
    "new_with_client",
    "baseurl",
    "client",
    "inner",
    "api_version",
    "from_env",
    "builder",
    "base_url",
    // What the `builder` module imports, as a builder's type name (snake_case).
    "error",
    "byte_stream",
    "client_info",
    "client_hooks",
    "operation_info",
    "request_builder_ext",
    "response_value",
];

/// Whether `s` is a Rust identifier (not a keyword).
pub(super) fn is_ident(s: &str) -> bool {
    syn::parse_str::<syn::Ident>(s).is_ok()
}

/// The snake_case name progenitor keeps as written: ASCII letters, digits
/// and `_`, starting with a letter, not a keyword nor a name the client
/// already has. Empty when `raw` has no letter or digit.
fn operation_name(raw: &str) -> String {
    let cleaned: String =
        raw.replace('\'', "").chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut id = cleaned.to_snake_case();
    if id.is_empty() {
        return id;
    }
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        id = format!("op_{id}");
    }
    if RESERVED_OPERATION_NAMES.contains(&id.as_str()) {
        id.push_str("_operation");
    }
    if !is_ident(&id) {
        // A keyword (`type`): progenitor's own way, which it keeps.
        id.push('_');
    }
    id
}

/// Gives every operation its Rust name, one convention for all: derived
/// from method and path ([`derived_operation_id`]), noun first, whatever
/// `operationId` the spec writes (`listEndpoints` and an absent id alike:
/// `endpoints_list`, as `files_list`). Upstream ids are verb-first in one
/// place, noun-first in another and absent in a third, and they change
/// between versions while paths do not. The spec's own id is kept in
/// `notes.spec_ids`, for the method's doc alias. Two operations whose paths
/// name them alike differ by verb (`_list`, `_create`); a name another
/// operation already has (once snake_case, or as a builder's type name)
/// gets a number after it, with a warning.
pub(super) fn operation_ids(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let ops = operations(doc);
    let derived: Vec<String> = ops
        .iter()
        .map(|(p, m)| match doc.pointer(&op_pointer(p, m)).is_some_and(is_websocket) && m == "get" {
            true => operation_name(&session_operation_id(p)),
            false => operation_name(&derived_operation_id(m, p)),
        })
        .collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, (path, method)) in ops.iter().enumerate() {
        let at = op_pointer(path, method);
        let original = op_id(doc, path, method);
        let mut id = if derived[i].is_empty() {
            // A path with no literal (`/`, `/{id}`): the spec's id, else the method.
            Some(operation_name(&original)).filter(|w| !w.is_empty()).unwrap_or_else(|| operation_name(method))
        } else {
            let clash = (0..ops.len()).any(|j| ops[j].1 != *method && derived[j] == derived[i]);
            match (clash, method.as_str()) {
                (true, "get") => format!("{}_list", derived[i]),
                (true, "post") => format!("{}_create", derived[i]),
                _ => derived[i].clone(),
            }
        };
        // Builders are named in PascalCase: `a_1b` and `a1b` would be one type.
        let key = |id: &str| id.to_pascal_case();
        if let Some(first) = seen.get(&key(&id)).cloned() {
            let base = id.clone();
            let mut n = 2;
            while seen.contains_key(&key(&id)) {
                id = format!("{base}_{n}");
                n += 1;
            }
            notes.warn(
                "operation_ids",
                format!(
                    "`{at}`: the operationId `{base}` (from `{original}`) is also that of `{first}`: read as `{id}`"
                ),
            );
        }
        seen.insert(key(&id), at.clone());
        if id != original {
            notes.log("operation_ids", format!("{} {path}: `{original}` -> `{id}`", method.to_uppercase()));
            if !original.is_empty() {
                notes.spec_ids.insert(id.clone(), original.clone());
            }
            if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
                op.insert("operationId".into(), Value::String(id));
            }
        }
    }
    Ok(())
}

/// Each operation's method name on the generated `Client`, by JSON pointer
/// (`/paths/~1files/get`): what [`operation_ids`] gives it.
pub fn method_names(doc: &Value) -> BTreeMap<String, String> {
    let ops = operations(doc);
    let mut paths = json!({ "paths": {} });
    for (path, method) in &ops {
        let op = doc.pointer(&op_pointer(path, method)).cloned().unwrap_or_else(|| json!({}));
        paths["paths"].as_object_mut().expect("an object").entry(path.clone()).or_insert_with(|| json!({}))[method] =
            op;
    }
    let _ = operation_ids(&mut paths, &mut Notes::default());
    ops.iter().map(|(p, m)| (op_pointer(p, m), op_id(&paths, p, m))).collect()
}

/// A PascalCase Rust identifier for any string (`"RL.Checkpoint"` is
/// `RlCheckpoint`, `"2x"` is `V2x`, `""` is `Empty`).
pub fn pascal_ident(raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let name = cleaned.to_pascal_case();
    match name.chars().next() {
        None => "Empty".into(),
        Some(c) if c.is_ascii_digit() => format!("V{name}"),
        Some(_) => name,
    }
}

/// Component names become Rust type names (`RL.CheckpointVariant` is
/// `RlCheckpointVariant`, `thing` is `Thing`), so the name a type is
/// generated under is known here; every `$ref` follows. A name that is
/// another's once made a type name (`thing` beside `Thing`) gets a number
/// after it, with a warning.
pub(super) fn component_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") else { return Ok(()) };
    let rust = |name: &str| match pascal_ident(name) {
        // typify would make it `Self_`.
        n if n == "Self" => "SelfType".to_string(),
        n => n,
    };
    // Names that are type names already keep them.
    let mut taken: BTreeSet<String> = schemas.keys().filter(|n| rust(n) == **n).cloned().collect();
    let mut renames = BTreeMap::new();
    for name in schemas.keys().filter(|n| rust(n) != **n) {
        let base = rust(name);
        let mut to = base.clone();
        let mut n = 2;
        while taken.contains(&to) {
            to = format!("{base}{n}");
            n += 1;
        }
        if to != base {
            notes.warn(
                "component_names",
                format!(
                    "`/components/schemas/{}`: the schema name `{name}` is `{base}` as a Rust type, as another schema is: read as `{to}`",
                    esc(name)
                ),
            );
        }
        taken.insert(to.clone());
        renames.insert(name.clone(), to);
    }
    if renames.is_empty() {
        return Ok(());
    }
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return Ok(()) };
    let old = std::mem::take(schemas);
    for (name, schema) in old {
        schemas.insert(renames.get(&name).cloned().unwrap_or(name), schema);
    }
    let refs: BTreeMap<String, String> = renames
        .iter()
        .map(|(from, to)| (format!("#/components/schemas/{}", esc(from)), format!("#/components/schemas/{to}")))
        .collect();
    walk(doc, "", &mut |map, _| {
        if let Some(Value::String(r)) = map.get_mut("$ref") {
            if let Some(to) = refs.get(r.as_str()) {
                *r = to.clone();
            }
        }
    });
    for (from, to) in renames {
        notes.log("component_names", format!("`{from}` -> `{to}`"));
    }
    Ok(())
}

/// Applies [`OVERRIDES`]: the real response body is raw bytes.
pub(super) fn overrides(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for Override { method, path, media, why } in OVERRIDES {
        let Some(responses) = doc.pointer_mut(&format!("{}/responses", op_pointer(path, method))) else {
            continue;
        };
        let Value::Object(responses) = responses else { continue };
        for (code, resp) in responses.iter_mut().filter(|(c, _)| c.starts_with('2')) {
            let Value::Object(resp) = resp else { continue };
            resp.insert("content".into(), json!({ *media: { "schema": { "type": "string", "format": "binary" } } }));
            notes.log("overrides", format!("{} {path} {code}: body is `{media}`: {why}", method.to_uppercase()));
        }
    }
    Ok(())
}

/// [`QUERY_BODIES`]: the JSON body of each listed operation becomes its
/// query parameters, one per top-level property of the body's schema.
pub(super) fn query_bodies(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for QueryBody { method, path, why } in QUERY_BODIES {
        let at = op_pointer(path, method);
        let Some(op) = doc.pointer(&at) else { continue };
        let body = op.get("requestBody").map(|b| crate::spec::resolve(doc, b).clone());
        let media = body.as_ref().and_then(|b| b.get("content")).and_then(Value::as_object).and_then(|c| {
            c.iter().find(|(m, _)| is_json(m)).map(|(_, media)| media.get("schema").cloned().unwrap_or_default())
        });
        let schema = media.as_ref().map(|s| crate::spec::resolve(doc, s).clone());
        let Some(Value::Object(properties)) = schema.as_ref().and_then(|s| s.get("properties")).cloned() else {
            notes.warn(
                "query_bodies",
                format!("query body `{at}` no longer applies: the operation has no JSON object body ({why})"),
            );
            continue;
        };
        let body_required = body.as_ref().and_then(|b| b.get("required")) == Some(&Value::Bool(true));
        let required: Vec<&str> = schema
            .as_ref()
            .and_then(|s| s.get("required"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let parameters: Vec<Value> = properties
            .iter()
            .map(|(name, schema)| {
                let mut p = json!({ "in": "query", "name": name, "schema": schema,
                    "required": body_required && required.contains(&name.as_str()) });
                if let Some(d) = schema.get("description") {
                    p["description"] = d.clone();
                }
                p
            })
            .collect();
        let names: Vec<String> = properties.keys().cloned().collect();
        if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
            op.remove("requestBody");
            let list = op.entry("parameters").or_insert_with(|| json!([]));
            if let Value::Array(list) = list {
                list.extend(parameters);
            }
        }
        notes.log(
            "query_bodies",
            format!(
                "{} {path}: the body's {} sent as query parameters: {why}",
                method.to_uppercase(),
                names.join(", ")
            ),
        );
    }
    Ok(())
}

/// JSON media types progenitor reads only as `application/json`:
/// `application/problem+json`, `application/json; charset=utf-8`,
/// `Application/JSON` become it, in request bodies and responses (the one
/// beside an `application/json` goes); the client sends and reads JSON as
/// `application/json`.
pub(super) fn json_media_types(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut owners = Vec::new();
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        owners.push(format!("{at}/requestBody"));
        if let Some(Value::Object(responses)) = doc.pointer(&format!("{at}/responses")) {
            owners.extend(responses.keys().map(|code| format!("{at}/responses/{}", esc(code))));
        }
    }
    for section in ["requestBodies", "responses"] {
        if let Some(Value::Object(c)) = doc.pointer(&format!("/components/{section}")) {
            owners.extend(c.keys().map(|name| format!("/components/{section}/{}", esc(name))));
        }
    }
    for at in owners {
        let Some(Value::Object(content)) = doc.pointer_mut(&format!("{at}/content")) else { continue };
        let other: Vec<String> = content.keys().filter(|m| is_json(m) && *m != "application/json").cloned().collect();
        for media in other {
            let Some(v) = content.remove(&media) else { continue };
            if content.contains_key("application/json") {
                notes.log("json_media_types", format!("{at}: `{media}` beside `application/json` left out"));
            } else {
                content.insert("application/json".into(), v);
                notes.log("json_media_types", format!("{at}: `{media}` read as `application/json`"));
            }
        }
    }
    Ok(())
}

/// The name progenitor gives a parameter in Rust (its builder's field and
/// setter): snake_case, `_` before a leading digit, `_` after a keyword.
pub(super) fn parameter_name(name: &str) -> String {
    let cleaned: String =
        name.replace('\'', "").chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' }).collect();
    let mut out = cleaned.to_snake_case();
    if out.is_empty() {
        out = "x".into();
    }
    if !out.starts_with(|c: char| c.is_alphabetic()) {
        out = format!("_{out}");
    }
    if !is_ident(&out) {
        out.push('_');
    }
    out
}

/// Names an operation builder has of its own: its fields (`client`,
/// `body`, `options`), its methods (`body_map`, `send`, and the options'
/// `header`...), and the local of its `send()` a parameter's value would be
/// confused with, `header_map` (progenitor renames `url`, `request`,
/// `response` and `result` itself).
const BUILDER_NAMES: &[&str] = &[
    "client",
    "body",
    "body_map",
    "options",
    "send",
    "send_stream",
    "new",
    "header",
    "max_retries",
    "retry_policy",
    "extra_field",
    "header_map",
];

/// What stops one parameter from being generated, if anything.
fn parameter_problem(doc: &Value, p: &Value, name: &str, location: &str) -> Option<String> {
    if location == "cookie" {
        return Some(format!("the cookie parameter `{name}` (progenitor sends no cookies)"));
    }
    if p.get("content").is_some() && p.get("schema").is_none() {
        return Some(format!("the {location} parameter `{name}` is given as `content`, which progenitor cannot send"));
    }
    let schema = p.get("schema").map(|s| crate::spec::resolve(doc, s));
    let object = schema.is_some_and(|s| {
        s.get("type").is_some_and(|t| t == "object") || s.get("properties").is_some_and(Value::is_object)
    });
    if object {
        return Some(format!("the {location} parameter `{name}` is an object, which progenitor cannot send"));
    }
    let rust = parameter_name(name);
    if BUILDER_NAMES.contains(&rust.as_str()) {
        return Some(format!("the {location} parameter `{name}` would be the builder's own `{rust}`"));
    }
    None
}

/// The `format` a file field of a multipart body gets (it was `binary`):
/// typify makes such a string `crate::contract::FilePart` (see
/// `generate::settings`).
pub const FILE_FORMAT: &str = "togetherai-file";

/// An operation whose body is `multipart/form-data` (and not also JSON) is
/// generated as if its body were JSON of the same schema, so that it gets a
/// typed body and setters; `x-togetherai-multipart` on the operation tells
/// the generated `send()` (pass `multipart_bodies`) and the mock to send and
/// read it as a form. Its file fields (`format: binary`, in the schema or a
/// component it reaches) become [`FILE_FORMAT`]; each field's
/// `encoding.contentType` is kept on the operation.
pub(super) fn multipart_bodies(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        let Some(Value::Object(content)) = doc.pointer_mut(&format!("{at}/requestBody/content")) else { continue };
        if content.keys().any(|m| is_json(m)) {
            continue;
        }
        let Some(key) = content.keys().find(|m| m.starts_with("multipart/form-data")).cloned() else { continue };
        let media = content.shift_remove(&key).unwrap_or_default();
        let mut schema = media.get("schema").cloned().unwrap_or_else(|| json!({ "type": "object" }));
        let encoding: Map<String, Value> = media
            .get("encoding")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(field, e)| Some((field.clone(), e.get("contentType")?.clone())))
            .collect();
        // The components the body reaches, then its file fields, there and inline.
        let mut refs = Vec::new();
        collect_refs(&schema, &mut refs);
        let start = refs.iter().filter_map(|r| r.strip_prefix("/components/schemas/")).map(unesc).collect();
        let reached = reachable(doc, start);
        let mut files = 0;
        let mut mark = |v: &mut Value| {
            walk(v, "", &mut |map, _| {
                if map.get("format").and_then(Value::as_str) == Some("binary") {
                    map.insert("format".into(), json!(FILE_FORMAT));
                    files += 1;
                }
            })
        };
        mark(&mut schema);
        for name in &reached {
            if let Some(s) = doc.pointer_mut(&format!("/components/schemas/{}", esc(name))) {
                mark(s);
            }
        }
        if let Some(Value::Object(content)) = doc.pointer_mut(&format!("{at}/requestBody/content")) {
            content.insert("application/json".into(), json!({ "schema": schema }));
        }
        if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
            op.insert("x-togetherai-multipart".into(), Value::Object(encoding));
        }
        notes.log(
            "multipart_bodies",
            format!("{} {path}: a form, typed as its JSON schema ({files} file fields)", method.to_uppercase()),
        );
    }
    Ok(())
}

/// Marks each `GET` that opens a WebSocket session (`101` and no 2xx,
/// [`is_websocket`]) with `x-togetherai-websocket` and gives progenitor a
/// `200` without content in place of the `101`, so it generates the
/// builder with the typed query parameters; the `send()` of that builder
/// opens the session (pass `send_via_contract`, `crate::contract::connect`).
pub(super) fn websocket_operations(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        let Some(Value::Object(op)) = doc.pointer_mut(&at) else { continue };
        if method != "get" || !is_websocket(&Value::Object(op.clone())) {
            continue;
        }
        let Some(Value::Object(responses)) = op.get_mut("responses") else { continue };
        let upgrade = responses.shift_remove("101").unwrap_or_default();
        let description = upgrade.get("description").cloned().unwrap_or_else(|| json!("The session is open."));
        responses.insert("200".into(), json!({ "description": description }));
        op.insert("x-togetherai-websocket".into(), Value::Bool(true));
        notes.log("websocket_operations", format!("GET {path}: a WebSocket session"));
    }
    Ok(())
}

/// Removes operations progenitor cannot generate, recording each with the
/// construct that stops it: a non-JSON request body (a JSON one beside
/// others is the one sent; a multipart one is a form, `multipart_bodies`), a WebSocket upgrade
/// other than a `GET` (`websocket_operations` takes those), a required
/// parameter that cannot be sent (a cookie, an object, one given as
/// `content`, one named like the builder's own fields, two of one Rust
/// name). Such a parameter, when optional, is left out of the operation
/// instead, with a warning.
pub(super) fn unsupported_operations(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        // A JSON body beside others is the one the client sends.
        if let Some(Value::Object(content)) = doc.pointer_mut(&format!("{at}/requestBody/content")) {
            if content.len() > 1 && content.keys().any(|m| is_json(m)) {
                let others: Vec<String> = content.keys().filter(|m| !is_json(m)).cloned().collect();
                content.retain(|m, _| is_json(m));
                notes.log(
                    "unsupported_operations",
                    format!("{} {path}: the body is sent as JSON, not as {}", method.to_uppercase(), others.join(", ")),
                );
            }
        }
        let Some(op) = doc.pointer(&at) else { continue };
        let body_types: Vec<&str> = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .map(|c| c.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let responses = op.get("responses").and_then(Value::as_object);
        let mut reason = if body_types.iter().any(|t| t.starts_with("multipart/")) {
            Some("multipart/form-data request body".to_string())
        } else if let Some(t) = body_types.iter().find(|t| !is_json(t)) {
            Some(format!("`{t}` request body"))
        } else if responses.is_some_and(|r| r.contains_key("101")) {
            Some(format!("WebSocket upgrade (101 response) on `{}`, not `GET`", method.to_uppercase()))
        } else {
            None
        };
        if reason.is_none() {
            reason = parameters(doc, notes, &path, &method);
        }
        if let Some(reason) = reason {
            notes.log("unsupported_operations", format!("{} {path}: {reason}", method.to_uppercase()));
            drop_operation(doc, notes, &path, &method, reason);
        }
    }
    Ok(())
}

/// The parameters of one operation that cannot be generated: the reason
/// the operation cannot, when one of them is required; the optional ones
/// are left out (the path's own parameters first copied into each of its
/// operations, so that the others keep theirs).
fn parameters(doc: &mut Value, notes: &mut Notes, path: &str, method: &str) -> Option<String> {
    let at = op_pointer(path, method);
    let item_at = format!("/paths/{}", esc(path));
    let list =
        |at: &str| doc.pointer(&format!("{at}/parameters")).and_then(Value::as_array).cloned().unwrap_or_default();
    let (own, shared) = (list(&at), list(&item_at));
    let key = |p: &Value| {
        let p = crate::spec::resolve(doc, p);
        let text = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        (text("name"), text("in"))
    };
    // The operation's parameters: its own, and the path's it does not override.
    let mut effective: Vec<(bool, usize, Value)> = own.iter().cloned().enumerate().map(|(i, p)| (true, i, p)).collect();
    let own_keys: BTreeSet<(String, String)> = own.iter().map(key).collect();
    effective.extend(
        shared.iter().cloned().enumerate().filter(|(_, p)| !own_keys.contains(&key(p))).map(|(i, p)| (false, i, p)),
    );
    let mut problems: Vec<(bool, usize, String, bool)> = Vec::new();
    let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
    // Path parameters claim their Rust names first: they cannot be left out.
    effective.sort_by_key(|(_, _, p)| key(p).1 != "path");
    for (own, i, p) in &effective {
        let resolved = crate::spec::resolve(doc, p).clone();
        let (name, location) = key(p);
        let required = resolved.get("required") == Some(&json!(true)) || location == "path";
        let mut problem = parameter_problem(doc, &resolved, &name, &location);
        let rust = parameter_name(&name);
        if problem.is_none() {
            if let Some(first) = rust_names.get(&rust) {
                problem = Some(format!("the {location} parameter `{name}` has the Rust name of `{first}`, `{rust}`"));
            } else {
                rust_names.insert(rust, name.clone());
            }
        }
        if let Some(problem) = problem {
            problems.push((*own, *i, problem, required));
        }
    }
    if let Some((_, _, problem, _)) = problems.iter().find(|(.., required)| *required) {
        return Some(problem.clone());
    }
    if problems.is_empty() {
        return None;
    }
    if problems.iter().any(|(own, ..)| !own) {
        share_parameters(doc, path);
        // Now every parameter is the operation's own: start again.
        return parameters(doc, notes, path, method);
    }
    let mut drop: Vec<usize> = problems.iter().map(|(_, i, ..)| *i).collect();
    drop.sort_unstable();
    for (_, i, problem, _) in &problems {
        notes.warn(
            "unsupported_operations",
            format!(
                "`{at}/parameters/{i}`: {problem}: the optional parameter is left out of `{}`",
                op_id(doc, path, method)
            ),
        );
    }
    if let Some(Value::Array(params)) = doc.pointer_mut(&format!("{at}/parameters")) {
        for i in drop.into_iter().rev() {
            if i < params.len() {
                params.remove(i);
            }
        }
    }
    None
}

/// Copies the parameters of the path item at `path` into each of its
/// operations (those an operation does not override), and removes them
/// from the path item.
fn share_parameters(doc: &mut Value, path: &str) {
    let item_at = format!("/paths/{}", esc(path));
    let Some(Value::Object(item)) = doc.pointer(&item_at).cloned() else { return };
    let Some(Value::Array(shared)) = item.get("parameters").cloned() else { return };
    let snapshot = doc.clone();
    let key = |p: &Value| {
        let p = crate::spec::resolve(&snapshot, p);
        (p.get("name").cloned(), p.get("in").cloned())
    };
    let Some(Value::Object(item)) = doc.pointer_mut(&item_at) else { return };
    item.remove("parameters");
    for (method, op) in item.iter_mut().filter(|(m, _)| METHODS.contains(&m.as_str())) {
        let Value::Object(op) = op else { continue };
        let own = op.entry("parameters").or_insert_with(|| json!([]));
        let Value::Array(own) = own else { continue };
        let keys: Vec<_> = own.iter().map(key).collect();
        for p in shared.iter().filter(|p| !keys.contains(&key(p))) {
            own.push(p.clone());
        }
        let _ = method;
    }
}

/// Security schemes and requirements go: the client sends its API key
/// itself (`src/client.rs`) and progenitor reads neither, so one openapiv3
/// cannot parse (a Swagger 2 `type: basic`) stops nothing.
pub(super) fn security_schemes(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        if components.remove("securitySchemes").is_some() {
            notes.log("security_schemes", "/components/securitySchemes removed: the client authenticates itself");
        }
    }
    if let Value::Object(root) = doc {
        root.remove("security");
    }
    for (path, method) in operations(doc) {
        if let Some(Value::Object(op)) = doc.pointer_mut(&op_pointer(&path, &method)) {
            op.remove("security");
        }
    }
    Ok(())
}

/// Removes an operation, recording why.
fn drop_operation(doc: &mut Value, notes: &mut Notes, path: &str, method: &str, reason: String) {
    let operation_id = op_id(doc, path, method);
    if let Some(Value::Object(item)) = doc.pointer_mut(&format!("/paths/{}", esc(path))) {
        item.remove(method);
    }
    notes.unsupported.push(Unsupported { operation_id, method: method.to_uppercase(), path: path.to_string(), reason });
}

/// Classifies every operation for the retry policy: the method, and for
/// `POST` the `INFERENCE` table.
pub(super) fn retry_effects(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let effect = match method.as_str() {
            "get" | "head" | "options" => Effect::Read,
            "post" if INFERENCE.iter().any(|i| i.path == path) => Effect::Inference,
            _ => Effect::Mutation,
        };
        let id = op_id(doc, &path, &method);
        notes.log("retry_effects", format!("{id}: {effect}"));
        notes.effects.insert(id, effect);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn derived_names_are_readable() {
        assert_eq!(derived_operation_id("get", "/files"), "files_list");
        assert_eq!(derived_operation_id("get", "/files/{id}"), "files_retrieve");
        assert_eq!(derived_operation_id("delete", "/files/{id}"), "files_delete");
        assert_eq!(derived_operation_id("get", "/files/{id}/content"), "files_content");
        assert_eq!(derived_operation_id("post", "/fine-tunes"), "fine_tunes_create");
        assert_eq!(derived_operation_id("post", "/fine-tunes/{id}/cancel"), "fine_tunes_cancel");
        assert_eq!(derived_operation_id("get", "/finetune/download"), "finetune_download");
        assert_eq!(derived_operation_id("post", "/images/generations"), "images_generations");
        assert_eq!(derived_operation_id("patch", "/deployments/{id}"), "deployments_update");
        assert_eq!(derived_operation_id("post", "/sessions/{id}:stop"), "sessions_stop");
        assert_eq!(derived_operation_id("get", "/v{version}.json"), "v_json_list");
    }

    #[test]
    fn operation_ids_fill_snake_case_and_stay_stable() {
        let mut d = json!({ "paths": {
            "/files": { "get": {} },
            "/chat/completions": { "post": { "operationId": "chat-completions" } },
            "/tci/execute": { "post": { "operationId": "tci/execute" } },
            "/secrets": { "get": {} },
            "/deployments/secrets": { "get": {}, "post": {} },
        }});
        run(operation_ids, &mut d);
        let id = |p: &str| d.pointer(p).unwrap().as_str().unwrap().to_string();
        assert_eq!(id("/paths/~1files/get/operationId"), "files_list");
        assert_eq!(id("/paths/~1chat~1completions/post/operationId"), "chat_completions");
        assert_eq!(id("/paths/~1tci~1execute/post/operationId"), "tci_execute");
        assert_eq!(id("/paths/~1deployments~1secrets/get/operationId"), "deployments_secrets_list");
        assert_eq!(id("/paths/~1deployments~1secrets/post/operationId"), "deployments_secrets_create");
        // Adding an unrelated operation renames nothing.
        let mut more =
            json!({ "paths": { "/files": { "get": {} }, "/files/{id}": { "get": {} }, "/other": { "post": {} } } });
        run(operation_ids, &mut more);
        assert_eq!(more.pointer("/paths/~1files/get/operationId").unwrap(), "files_list");
    }

    #[test]
    fn spec_ids_give_way_to_the_path_and_are_kept() {
        let mut d = json!({ "paths": {
            "/endpoints": { "get": { "operationId": "listEndpoints" }, "post": { "operationId": "createEndpoint" } },
            "/endpoints/{endpointId}": { "get": { "operationId": "getEndpoint" } },
            "/": { "get": { "operationId": "lookUp" } },
        }});
        let notes = run(operation_ids, &mut d);
        let id = |p: &str| d.pointer(p).unwrap().as_str().unwrap().to_string();
        assert_eq!(id("/paths/~1endpoints/get/operationId"), "endpoints_list");
        assert_eq!(id("/paths/~1endpoints/post/operationId"), "endpoints_create");
        assert_eq!(id("/paths/~1endpoints~1{endpointId}/get/operationId"), "endpoints_retrieve");
        // No literal in the path: the spec's id.
        assert_eq!(id("/paths/~1/get/operationId"), "look_up");
        assert_eq!(notes.spec_ids["endpoints_list"], "listEndpoints");
        assert_eq!(notes.spec_ids["look_up"], "lookUp");
    }

    #[test]
    fn duplicate_operation_ids_are_numbered() {
        let mut d = json!({ "paths": { "/a-b": { "get": { "operationId": "same" } }, "/a_b": { "get": {} },
            "/c/a1b": { "get": {} }, "/c-a/1b": { "get": {} } } });
        let notes = run(operation_ids, &mut d);
        assert_eq!(d.pointer("/paths/~1a-b/get/operationId").unwrap(), "a_b_list");
        assert_eq!(d.pointer("/paths/~1a_b/get/operationId").unwrap(), "a_b_list_2");
        // One builder type name, `CA1b`.
        assert_eq!(d.pointer("/paths/~1c~1a1b/get/operationId").unwrap(), "c_a1b");
        assert_eq!(d.pointer("/paths/~1c-a~11b/get/operationId").unwrap(), "c_a_1b_2");
        assert_eq!(
            notes.warnings[0],
            "`/paths/~1a_b/get`: the operationId `a_b_list` (from ``) is also that of `/paths/~1a-b/get`: read as `a_b_list_2`"
        );
    }

    #[test]
    fn operation_ids_are_names_progenitor_keeps() {
        let mut d = json!({ "paths": { "/{a}/type": { "get": {} }, "/{b}/2-get thing.now": { "get": {} },
            "/{c}/new": { "get": {} }, "/{d}/error": { "get": {} }, "/{e}": { "get": { "operationId": "é" } } } });
        run(operation_ids, &mut d);
        let id = |p: &str| {
            d.pointer(&format!(
                "/paths/~1{{{p}}}{}/get/operationId",
                match p {
                    "a" => "~1type",
                    "b" => "~12-get thing.now",
                    "c" => "~1new",
                    "d" => "~1error",
                    _ => "",
                }
            ))
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
        };
        assert_eq!(
            [id("a"), id("b"), id("c"), id("d"), id("e")],
            ["type_", "op_2_get_thing_now", "new_operation", "error_operation", "retrieve"]
        );
    }

    #[test]
    fn identifiers_from_any_string() {
        assert_eq!(pascal_ident("RL.CheckpointVariant"), "RlCheckpointVariant");
        assert_eq!(pascal_ident("meta-llama/Llama-3.3-70B"), "MetaLlamaLlama3370b");
        assert_eq!(pascal_ident("2x_h100"), "V2xH100");
        assert_eq!(pascal_ident("[DONE]"), "Done");
        assert_eq!(pascal_ident("--"), "Empty");
    }

    #[test]
    fn component_names_become_type_names() {
        let mut d = doc(json!({ "RL.Checkpoint": { "type": "object" }, "Keep_Me": {},
            "User": { "properties": { "c": { "$ref": "#/components/schemas/RL.Checkpoint" } } } }));
        let notes = run(component_names, &mut d);
        assert!(d.pointer("/components/schemas/RlCheckpoint").is_some());
        assert!(d.pointer("/components/schemas/KeepMe").is_some());
        assert!(notes.warnings.is_empty());
        assert_eq!(
            d.pointer("/components/schemas/User/properties/c/$ref").unwrap(),
            "#/components/schemas/RlCheckpoint"
        );
        // Names that are one type name: the one that is it already keeps it.
        let mut d = doc(json!({ "thing": {}, "Thing": {}, "Self": {} }));
        let notes = run(component_names, &mut d);
        let names: Vec<_> = d.pointer("/components/schemas").unwrap().as_object().unwrap().keys().cloned().collect();
        assert_eq!(names, ["Thing2", "Thing", "SelfType"]);
        assert_eq!(
            notes.warnings,
            ["`/components/schemas/thing`: the schema name `thing` is `Thing` as a Rust type, as another schema is: read as `Thing2`"]
        );
    }

    #[test]
    fn overrides_make_bodies_binary() {
        let mut d = json!({ "paths": { "/files/{id}/content": { "get": { "responses": {
            "200": { "content": { "application/json": { "schema": { "type": "object" } } } } } } } } });
        let notes = run(overrides, &mut d);
        let content = d.pointer("/paths/~1files~1{id}~1content/get/responses/200/content").unwrap();
        assert_eq!(content.as_object().unwrap().keys().collect::<Vec<_>>(), ["application/octet-stream"]);
        assert_eq!(notes.log.len(), 1);
    }

    #[test]
    fn query_bodies_become_query_parameters() {
        let mut d = json!({ "paths": { "/fine-tunes/{id}/metrics": { "get": {
            "parameters": [{ "in": "path", "name": "id", "required": true, "schema": { "type": "string" } }],
            "requestBody": { "required": false, "content": { "application/json": { "schema": { "type": "object",
                "properties": { "global_step_from": { "type": "integer", "description": "From this step." },
                    "logged_at_to": { "type": "string", "format": "date-time" } } } } } },
            "responses": { "200": { "description": "ok" } } } } } });
        let notes = run(query_bodies, &mut d);
        let op = d.pointer("/paths/~1fine-tunes~1{id}~1metrics/get").unwrap();
        assert!(op.get("requestBody").is_none());
        let params = op["parameters"].as_array().unwrap();
        assert_eq!(params.len(), 3);
        assert_eq!(
            params[1],
            json!({ "in": "query", "name": "global_step_from", "required": false,
                "schema": { "type": "integer", "description": "From this step." }, "description": "From this step." })
        );
        assert_eq!(params[2]["schema"]["format"], "date-time");
        assert!(notes.warnings.is_empty() && notes.log.len() == 1);
        // Run again, the body is gone: the entry no longer applies.
        let notes = run(query_bodies, &mut d);
        assert!(notes.warnings[0].contains("no longer applies"), "{:?}", notes.warnings);
        // An operation the spec lacks is no warning.
        assert!(run(query_bodies, &mut json!({ "paths": {} })).warnings.is_empty());
    }

    #[test]
    fn forms_are_typed_as_their_schema_with_file_fields() {
        let mut d = json!({ "paths": {
            "/upload": { "post": { "operationId": "upload", "requestBody": { "content": { "multipart/form-data": {
                "schema": { "type": "object", "properties": {
                    "purpose": { "type": "string" },
                    "file": { "oneOf": [{ "$ref": "#/components/schemas/Binary" }, { "type": "string", "format": "uri" }] },
                    "raw": { "type": "string", "format": "binary" } } },
                "encoding": { "raw": { "contentType": "audio/wav" } } } } } } },
            "/both": { "post": { "operationId": "both", "requestBody": { "content": {
                "application/json": { "schema": { "type": "object" } }, "multipart/form-data": {} } } } },
        }, "components": { "schemas": { "Binary": { "type": "string", "format": "binary" } } } });
        run(multipart_bodies, &mut d);
        let op = d.pointer("/paths/~1upload/post").unwrap();
        let schema = &op["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(schema["properties"]["raw"]["format"], FILE_FORMAT);
        assert_eq!(schema["properties"]["file"]["oneOf"][1]["format"], "uri");
        assert_eq!(d.pointer("/components/schemas/Binary/format").unwrap(), FILE_FORMAT);
        assert_eq!(op["x-togetherai-multipart"], json!({ "raw": "audio/wav" }));
        assert!(op["requestBody"]["content"].get("multipart/form-data").is_none());
        // A JSON body beside a form is the one sent, as before.
        assert!(d.pointer("/paths/~1both/post/x-togetherai-multipart").is_none());
    }

    #[test]
    fn websocket_sessions_are_generated_as_gets_named_connect() {
        let mut d = json!({ "paths": {
            "/realtime": { "get": { "operationId": "realtime", "parameters": [
                { "in": "query", "name": "model", "required": true, "schema": { "type": "string" } }
            ], "responses": { "101": { "description": "switch" }, "400": { "description": "bad" } } } },
            "/audio/speech/websocket": { "get": { "responses": { "101": { "description": "switch" } } } },
            "/ok": { "get": { "responses": { "200": { "description": "ok" } } } },
        }});
        run(operation_ids, &mut d);
        assert_eq!(d.pointer("/paths/~1realtime/get/operationId").unwrap(), "realtime_connect");
        assert_eq!(d.pointer("/paths/~1audio~1speech~1websocket/get/operationId").unwrap(), "audio_speech_connect");
        assert_eq!(d.pointer("/paths/~1ok/get/operationId").unwrap(), "ok_list");
        run(websocket_operations, &mut d);
        let op = d.pointer("/paths/~1realtime/get").unwrap();
        assert_eq!(op["x-togetherai-websocket"], true);
        assert_eq!(op["responses"]["200"], json!({ "description": "switch" }));
        assert!(op["responses"].get("101").is_none() && op["responses"].get("400").is_some());
        assert!(d.pointer("/paths/~1ok/get/x-togetherai-websocket").is_none());
        // What is marked is generated, not left out.
        assert!(run(unsupported_operations, &mut d).unsupported.is_empty());
        assert_eq!(session_operation_id("/v1/ws"), "v1_connect");
        assert_eq!(session_operation_id("/websocket"), "connect");
    }

    #[test]
    fn unsupported_operations_are_recorded() {
        let mut d = json!({ "paths": {
            "/upload": { "post": { "operationId": "upload", "requestBody": { "content": { "multipart/form-data": {} } } } },
            "/ws": { "post": { "operationId": "ws", "responses": { "101": { "description": "switch" } } } },
            "/ok": { "get": { "operationId": "ok", "responses": { "200": { "description": "ok" } } } },
        }});
        let notes = run(unsupported_operations, &mut d);
        let ids: Vec<_> = notes.unsupported.iter().map(|u| (u.operation_id.as_str(), u.reason.as_str())).collect();
        let ws = "WebSocket upgrade (101 response) on `POST`, not `GET`";
        assert_eq!(ids, [("upload", "multipart/form-data request body"), ("ws", ws)]);
        assert!(d.pointer("/paths/~1upload/post").is_none());
        assert!(d.pointer("/paths/~1ok/get").is_some());
    }

    #[test]
    fn retry_effects_come_from_method_and_the_inference_table() {
        let mut d = json!({ "paths": {
            "/chat/completions": { "post": { "operationId": "chat" } },
            "/fine-tunes": { "post": { "operationId": "ft_create" }, "get": { "operationId": "ft_list" } },
            "/files/{id}": { "delete": { "operationId": "file_delete" } },
        } });
        let notes = run(retry_effects, &mut d);
        let effects: Vec<_> = notes.effects.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            effects,
            [
                ("chat", Effect::Inference),
                ("file_delete", Effect::Mutation),
                ("ft_create", Effect::Mutation),
                ("ft_list", Effect::Read)
            ]
        );
        assert_eq!(
            notes.log,
            [
                "retry_effects: chat: Inference",
                "retry_effects: ft_create: Mutation",
                "retry_effects: ft_list: Read",
                "retry_effects: file_delete: Mutation"
            ]
        );
    }
}
