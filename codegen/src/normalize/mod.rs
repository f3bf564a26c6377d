//! Spec normalisation: the small, named transforms that turn a Together
//! OpenAPI document into one progenitor 0.15 generates a correct client from.
//!
//! Every transform works on the raw document (a `serde_json::Value`), before
//! `openapiv3` parses it, because `openapiv3` silently drops what several of
//! them need to see (`$ref` siblings, `const`, 3.1 `type` arrays). Each one
//! logs every change it makes, prefixed with its name, into [`Notes::log`].
//!
//! Some facts a transform removes from the document are kept in [`Notes`] so
//! that code generation can still serve them: event-stream operations, the
//! open enums, the operations that cannot be generated.

use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// `POST` paths that compute an answer and change nothing on the server, so
/// they are retried like reads. Every other `POST`, and every `PUT`,
/// `PATCH` and `DELETE`, is a mutation: retried only when it cannot have been
/// processed. `GET` and `HEAD` are reads.
pub const INFERENCE: &[&str] = &[
    "/chat/completions",
    "/completions",
    "/embeddings",
    "/images/generations",
    "/rerank",
    "/audio/speech",
    "/audio/transcriptions",
    "/audio/translations",
    "/moderations",
];

/// Corrections to the spec where it disagrees with the real API. Each entry is
/// `(method, path, media type of the 2xx body, why)`; the body becomes raw
/// bytes of that media type. Applied only when the operation exists.
pub const OVERRIDES: &[(&str, &str, &str, &str)] = &[
    (
        "get",
        "/files/{id}/content",
        "application/octet-stream",
        "returns the file's bytes, not the JSON object the 2025-04 spec declares",
    ),
    (
        "get",
        "/finetune/download",
        "application/octet-stream",
        "returns the model archive, not the JSON object the 2025-04 spec declares",
    ),
];

/// Corrections to response schemas where the published spec disagrees with
/// what the API sends, one entry each: a JSON pointer into the spec as
/// published, the change, and why. A pointer that no longer resolves in a
/// spec is a build warning naming the entry (so it can go once upstream
/// fixes the schema); one that resolves to what the change would make is
/// logged as already so. Nothing else edits the spec by hand.
pub const PATCHES: &[Patch] = &[
    Patch {
        at: "/components/schemas/CompletionChunk",
        change: Change::Optional(&["token", "finish_reason"]),
        why: "real completion stream events carry neither a top-level `token` nor a top-level \
              `finish_reason`: the text and the finish reason are per choice",
    },
    Patch {
        at: "/components/schemas/CompletionChunk",
        change: Change::Properties(
            r#"{"object": {"type": "string", "enum": ["completion.chunk"]}, "created": {"type": "integer"},
                "model": {"type": "string"}}"#,
        ),
        why: "real completion stream events carry `object`, `created` and `model`",
    },
    Patch {
        at: "/components/schemas/CompletionChoice",
        change: Change::Properties(
            r##"{"index": {"type": "integer"},
                "finish_reason": {"allOf": [{"$ref": "#/components/schemas/FinishReason"}], "nullable": true},
                "logprobs": {"type": "number", "nullable": true}, "seed": {"type": "integer", "nullable": true},
                "delta": {"type": "object", "properties": {"token_id": {"type": "integer", "nullable": true},
                    "role": {"type": "string"}, "content": {"type": "string", "nullable": true}}}}"##,
        ),
        why: "each choice of a real completion stream event carries its `index`, `finish_reason`, \
              `logprobs`, `seed` and a chat-like `delta` beside `text`",
    },
    Patch {
        at: "/components/schemas/CompletionResponse/properties/object/enum/0",
        change: Change::Set(r#""text.completion""#),
        why: "the API sends `text.completion` (as later specs say), not `text_completion`",
    },
];

/// One entry of [`PATCHES`].
pub struct Patch {
    /// JSON pointer into the spec as published (component names as written).
    pub at: &'static str,
    pub change: Change,
    pub why: &'static str,
}

/// What a [`Patch`] does at its pointer.
pub enum Change {
    /// These names leave the schema's `required` list: the API does not send them.
    Optional(&'static [&'static str]),
    /// These properties (a JSON object of schemas) join the schema's
    /// `properties` where it lacks them: the API sends them.
    Properties(&'static str),
    /// The value at the pointer becomes this JSON.
    Set(&'static str),
}

/// The format the response integers carry after `response_scalars`; the
/// generator maps it to `i128`. No spec uses it, and typify names a union's
/// variant after its member's format: `Integer`, as for an integer without one.
pub const WIDE_INTEGER: &str = "integer";

/// Extension marking an event-stream operation: the component name of the
/// schema each event's `data` holds.
pub const STREAM_EXT: &str = "x-togetherai-stream";

/// Extension marking a string enum that must stay open even with one value.
const OPEN_EXT: &str = "x-togetherai-open";

/// HTTP methods an OpenAPI path item may hold.
pub const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// What normalisation learnt besides the rewritten document.
#[derive(Debug, Default)]
pub struct Notes {
    /// One line per change: `transform: what changed`.
    pub log: Vec<String>,
    /// Operations removed because the pipeline cannot serve them.
    pub unsupported: Vec<Unsupported>,
    /// Operations whose 2xx response may also be an event stream.
    pub streams: Vec<StreamOp>,
    /// String enums that must accept values the spec does not list, by type name.
    pub open_enums: BTreeMap<String, OpenEnum>,
    /// What each operation does on the server (`Read`, `Inference`, `Mutation`), for the retry policy.
    pub effects: BTreeMap<String, &'static str>,
    /// What a maintainer should look at: each becomes a cargo warning.
    pub warnings: Vec<String>,
}

/// An operation the generated client does not offer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub operation_id: String,
    pub method: String,
    pub path: String,
    pub reason: String,
}

/// An operation that can answer with `text/event-stream`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamOp {
    pub operation_id: String,
    /// Component name of the payload in each event's `data` field, when the
    /// spec names one.
    pub data_schema: Option<String>,
    /// The request body has a `stream` property, set to `true` to ask for the stream.
    pub stream_flag: bool,
    /// The payload carries base64 audio in this required string property (`b64`).
    pub audio_field: Option<String>,
    /// The stream is the operation's only 2xx content: no plain `send()`.
    pub only: bool,
    /// The one `object` value of the non-streamed response (`text.completion`),
    /// which the folded stream takes.
    pub response_object: Option<String>,
    /// The non-streamed response's choices hold a `message` (chat), which
    /// each streamed choice's `delta` folds into.
    pub response_message: bool,
}

/// A string enum that also accepts any other string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEnum {
    pub values: Vec<String>,
    pub description: Option<String>,
}

/// A spec the pipeline must refuse, with the place that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// JSON pointer into the document.
    pub at: String,
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.at, self.message)
    }
}

impl Notes {
    fn log(&mut self, transform: &str, msg: impl fmt::Display) {
        self.log.push(format!("{transform}: {msg}"));
    }

    /// Logs and warns.
    fn warn(&mut self, transform: &str, msg: impl fmt::Display) {
        self.log(transform, &msg);
        self.warnings.push(msg.to_string());
    }
}

/// A named transform over the whole document.
pub struct Transform {
    pub name: &'static str,
    pub run: fn(&mut Value, &mut Notes) -> Result<(), SpecError>,
}

/// The transforms, in the order they run. Order matters: patches see the
/// spec as published, operation ids are settled before anything records
/// them, nulls are folded into `nullable` before enums are opened, what
/// responses carry is read before event streams are removed, and error
/// responses go last.
pub const TRANSFORMS: &[Transform] = &[
    Transform { name: "check_refs", run: check_refs },
    Transform { name: "schema_patches", run: schema_patches },
    Transform { name: "operation_ids", run: operation_ids },
    Transform { name: "component_names", run: component_names },
    Transform { name: "overrides", run: overrides },
    Transform { name: "unsupported_operations", run: unsupported_operations },
    Transform { name: "openapi_version", run: openapi_version },
    Transform { name: "type_arrays", run: type_arrays },
    Transform { name: "null_members", run: null_members },
    Transform { name: "null_types", run: null_types },
    Transform { name: "nullable_all_of", run: nullable_all_of },
    Transform { name: "enum_nulls", run: enum_nulls },
    Transform { name: "const_to_enum", run: const_to_enum },
    Transform { name: "nullable_components", run: nullable_components },
    Transform { name: "ref_siblings", run: ref_siblings },
    Transform { name: "inline_titles", run: inline_titles },
    Transform { name: "strip_defaults", run: strip_defaults },
    Transform { name: "open_objects", run: open_objects },
    Transform { name: "string_formats", run: string_formats },
    Transform { name: "float_formats", run: float_formats },
    Transform { name: "response_scalars", run: response_scalars },
    Transform { name: "ambiguous_unions", run: ambiguous_unions },
    Transform { name: "open_string_unions", run: open_string_unions },
    Transform { name: "open_enums", run: open_enums },
    Transform { name: "event_streams", run: event_streams },
    Transform { name: "partial_deltas", run: partial_deltas },
    Transform { name: "folded_responses", run: folded_responses },
    Transform { name: "binary_responses", run: binary_responses },
    Transform { name: "error_responses", run: error_responses },
    Transform { name: "retry_effects", run: retry_effects },
];

/// Parses the spec text (YAML or JSON); a syntax error names line and column.
pub fn parse(text: &str) -> Result<Value, SpecError> {
    serde_yaml::from_str(text).map_err(|e| SpecError {
        at: e.location().map_or("the start".into(), |l| format!("line {}, column {}", l.line(), l.column())),
        message: format!("invalid YAML: {e}"),
    })
}

/// Runs every transform in order.
pub fn normalize(doc: &mut Value) -> Result<Notes, SpecError> {
    let mut notes = Notes::default();
    for t in TRANSFORMS {
        (t.run)(doc, &mut notes)
            .map_err(|e| SpecError { message: format!("{} (found by {})", e.message, t.name), ..e })?;
    }
    Ok(notes)
}

// ---------------------------------------------------------------- helpers

/// Escapes one JSON-pointer segment.
fn esc(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// The segment [`esc`] escaped.
fn unesc(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Visits every object in the document, depth first, children before the
/// object itself, with its JSON pointer.
fn walk(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
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
fn walk_schemas(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
    fn schema(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
        let Value::Object(map) = v else { return };
        for (k, child) in map.iter_mut() {
            let here = format!("{at}/{}", esc(k));
            match k.as_str() {
                "properties" | "patternProperties" => {
                    if let Value::Object(props) = child {
                        for (name, p) in props.iter_mut() {
                            schema(p, &format!("{here}/{}", esc(name)), f);
                        }
                    }
                }
                "items" | "additionalProperties" | "not" => schema(child, &here, f),
                "allOf" | "anyOf" | "oneOf" => {
                    if let Value::Array(list) = child {
                        for (i, s) in list.iter_mut().enumerate() {
                            schema(s, &format!("{here}/{i}"), f);
                        }
                    }
                }
                _ => {}
            }
        }
        f(map, at);
    }
    fn container(v: &mut Value, at: &str, f: &mut dyn FnMut(&mut Map<String, Value>, &str)) {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter_mut() {
                    let here = format!("{at}/{}", esc(k));
                    match k.as_str() {
                        "schema" => schema(child, &here, f),
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
            schema(s, &format!("/components/schemas/{}", esc(name)), f);
        }
    }
    for section in ["/paths", "/components/parameters", "/components/responses", "/components/requestBodies"] {
        if let Some(v) = doc.pointer_mut(section) {
            container(v, section, f);
        }
    }
}

/// Every operation as `(path, method)`, in document order.
fn operations(doc: &Value) -> Vec<(String, String)> {
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

fn op_pointer(path: &str, method: &str) -> String {
    format!("/paths/{}/{method}", esc(path))
}

fn op_id(doc: &Value, path: &str, method: &str) -> String {
    doc.pointer(&op_pointer(path, method))
        .and_then(|op| op.get("operationId"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Removes an operation, recording why.
fn drop_operation(doc: &mut Value, notes: &mut Notes, path: &str, method: &str, reason: String) {
    let operation_id = op_id(doc, path, method);
    if let Some(Value::Object(item)) = doc.pointer_mut(&format!("/paths/{}", esc(path))) {
        item.remove(method);
    }
    notes.unsupported.push(Unsupported { operation_id, method: method.to_uppercase(), path: path.to_string(), reason });
}

/// Appends a sentence to a schema's description.
fn add_description(map: &mut Map<String, Value>, sentence: &str) {
    let text = match map.get("description").and_then(Value::as_str) {
        Some(d) if !d.trim().is_empty() => format!("{}\n\n{sentence}", d.trim_end()),
        _ => sentence.to_string(),
    };
    map.insert("description".into(), Value::String(text));
}

/// Keys that carry no meaning for code generation.
fn is_prose(key: &str) -> bool {
    matches!(key, "description" | "summary" | "example" | "examples" | "externalDocs" | "title")
        || key.starts_with("x-")
}

// ------------------------------------------------------------- validation

/// Refuses a document with a local `$ref` that points nowhere.
fn check_refs(doc: &mut Value, _: &mut Notes) -> Result<(), SpecError> {
    match dangling_ref(doc, doc, "") {
        Some((at, r)) => Err(SpecError { at, message: format!("unresolvable $ref `{r}`") }),
        None => Ok(()),
    }
}

/// The first local `$ref` inside `v` (found at `at`) that does not resolve
/// in `doc`: its JSON pointer and the reference.
fn dangling_ref(doc: &Value, v: &Value, at: &str) -> Option<(String, String)> {
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

/// Applies [`PATCHES`].
fn schema_patches(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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

/// The places a 2xx answer can carry: each 2xx response (or `default`, in
/// an operation without one) and every component reached from them
/// through `$ref`s, event-stream payloads included.
struct Responses(BTreeSet<String>);

impl Responses {
    fn of(doc: &Value) -> Responses {
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
    fn contains(&self, at: &str) -> bool {
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

/// Every local `$ref` inside `v`, as a JSON pointer.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
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

// ------------------------------------------------------------- operations

/// The name an operation without an `operationId` gets: derived from its
/// method and path alone, so adding an unrelated operation never renames it.
/// `GET /files` is `files_list`, `GET /files/{id}` `files_retrieve`,
/// `POST /fine-tunes/{id}/cancel` `fine_tunes_cancel`.
pub fn derived_operation_id(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let literals: Vec<&str> = segments.iter().copied().filter(|s| !s.starts_with('{')).collect();
    let ends_in_param = segments.last().is_some_and(|s| s.starts_with('{'));
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

/// Gives every operation a snake_case `operationId`, deriving missing ones
/// from method and path, and refuses duplicates.
fn operation_ids(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let ops = operations(doc);
    // Names derived for two operations on one path differ by verb.
    let derived: Vec<String> = ops.iter().map(|(p, m)| derived_operation_id(m, p)).collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, (path, method)) in ops.iter().enumerate() {
        let at = op_pointer(path, method);
        let original = op_id(doc, path, method);
        let id = if original.is_empty() {
            let clash = derived.iter().enumerate().any(|(j, d)| j != i && *d == derived[i]);
            match (clash, method.as_str()) {
                (true, "get") => format!("{}_list", derived[i]),
                (true, "post") => format!("{}_create", derived[i]),
                _ => derived[i].clone(),
            }
        } else {
            original.replace(['/', '.', ' '], "_").to_snake_case()
        };
        if let Some(first) = seen.insert(id.clone(), at.clone()) {
            let what = if original.is_empty() { "derived operationId" } else { "duplicate operationId" };
            return Err(SpecError {
                at,
                message: format!("{what} `{id}` (from `{original}`) is already used at {first}"),
            });
        }
        if id != original {
            notes.log("operation_ids", format!("{} {path}: `{original}` -> `{id}`", method.to_uppercase()));
            doc.pointer_mut(&at).unwrap()["operationId"] = Value::String(id);
        }
    }
    Ok(())
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
/// `RlCheckpointVariant`), so the name a type is generated under is known
/// here; every `$ref` follows.
fn component_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") else { return Ok(()) };
    let mut renames = BTreeMap::new();
    let names: BTreeSet<&String> = schemas.keys().collect();
    for name in schemas.keys() {
        let rust = pascal_ident(name);
        if rust != *name && !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            if names.contains(&rust) || renames.values().any(|r| *r == rust) {
                return Err(SpecError {
                    at: format!("/components/schemas/{}", esc(name)),
                    message: format!("schema name `{name}` clashes with `{rust}` once made a Rust type name"),
                });
            }
            renames.insert(name.clone(), rust);
        }
    }
    if renames.is_empty() {
        return Ok(());
    }
    let schemas = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut).unwrap();
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
fn overrides(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (method, path, media, why) in OVERRIDES {
        let Some(responses) = doc.pointer_mut(&format!("{}/responses", op_pointer(path, method))) else {
            continue;
        };
        let Value::Object(responses) = responses else { continue };
        for (code, resp) in responses.iter_mut().filter(|(c, _)| c.starts_with('2')) {
            resp["content"] = json!({ *media: { "schema": { "type": "string", "format": "binary" } } });
            notes.log("overrides", format!("{} {path} {code}: body is `{media}`: {why}", method.to_uppercase()));
        }
    }
    Ok(())
}

/// Removes operations progenitor cannot generate, recording each with the
/// construct that stops it.
fn unsupported_operations(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let op = doc.pointer(&op_pointer(&path, &method)).unwrap();
        let body_types: Vec<&str> = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .map(|c| c.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let responses = op.get("responses").and_then(Value::as_object);
        let reason = if body_types.iter().any(|t| t.starts_with("multipart/")) {
            Some("multipart/form-data request body".to_string())
        } else if let Some(t) = body_types.iter().find(|t| !is_json(t)) {
            Some(format!("`{t}` request body"))
        } else if responses.is_some_and(|r| r.contains_key("101")) {
            Some("WebSocket upgrade (101 response)".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            notes.log("unsupported_operations", format!("{} {path}: {reason}", method.to_uppercase()));
            drop_operation(doc, notes, &path, &method, reason);
        }
    }
    Ok(())
}

pub fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

// ---------------------------------------------------------------- schemas

/// progenitor takes only OpenAPI 3.0; the other transforms turn the 3.1
/// constructs it would misread into their 3.0 forms.
fn openapi_version(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let version = doc.get("openapi").and_then(Value::as_str).unwrap_or_default().to_string();
    if !version.starts_with("3.0") {
        notes.log("openapi_version", format!("`{version}` -> `3.0.3`"));
        doc["openapi"] = json!("3.0.3");
    }
    Ok(())
}

/// `type: [string, "null"]` (3.1) becomes `type: string, nullable: true`.
fn type_arrays(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn null_members(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn null_types(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn nullable_all_of(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
/// (`FinetuneEventLevels`), with the `type` it then needs.
fn enum_nulls(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        let Some(Value::Array(values)) = map.get_mut("enum") else { return };
        if values.iter().any(Value::is_null) && values.len() > 1 {
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
fn const_to_enum(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn nullable_components(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn ref_siblings(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if map.contains_key("$ref") && map.keys().any(|k| k != "$ref" && !is_prose(k)) {
            let r = map.remove("$ref").unwrap();
            map.insert("allOf".into(), json!([{ "$ref": r }]));
            notes.log("ref_siblings", format!("{at}: $ref with siblings -> allOf"));
        }
    });
    Ok(())
}

/// An inline schema whose `title` equals a component's name would be
/// generated as a second type of that name; its title goes.
fn inline_titles(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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

/// Schema defaults are the server's business: generated types would send them
/// on every request (overriding server defaults), so they move into the docs.
fn strip_defaults(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    walk_schemas(doc, &mut |map, at| {
        if let Some(d) = map.remove("default") {
            add_description(map, &format!("Server default: `{d}`."));
            notes.log("strip_defaults", format!("{at}: default {d} moved to docs"));
        }
    });
    Ok(())
}

/// Responses carry fields no spec lists; no generated type may refuse them.
fn open_objects(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn string_formats(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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

/// `format: float` numbers are `f64`, not `f32`: an answer printed with more
/// digits than an `f32` holds (`-3.402823669209385e38`) would fail the whole
/// response, and `0.7` sent as an `f32` widens to `0.699999988`.
fn float_formats(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
fn response_scalars(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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

/// A `oneOf`/`anyOf` of objects none of which requires anything matches
/// every object with its first member, silently dropping the others' fields
/// (cosine scheduler arguments decoded as linear ones). It becomes one object
/// with all the members' properties.
fn ambiguous_unions(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
            if resolved.len() < 2 || !resolved.iter().all(loose) {
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

fn string_enum_values(v: &Value) -> Option<Vec<String>> {
    let values = v.get("enum")?.as_array()?;
    if v.get("type").is_some_and(|t| t != "string") {
        return None;
    }
    values.iter().map(|x| x.as_str().map(str::to_string)).collect()
}

/// `anyOf: [{enum: [...]}, {type: string}]` (every `model` and `voice`) is an
/// open set of strings: it becomes one string enum, opened by `open_enums`.
fn open_string_unions(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
            map.insert(OPEN_EXT.into(), json!(true));
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

/// The Rust type name for an inline schema at `at`, from the operation or
/// component it sits in and the property names on the way.
fn inline_type_name(doc: &Value, at: &str) -> String {
    let parts: Vec<String> = at.split('/').skip(1).map(unesc).collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    if parts.first().map(String::as_str) == Some("components") {
        words.push(parts[2].clone());
        i = 3;
    } else if parts.first().map(String::as_str) == Some("paths") && parts.len() > 2 {
        let id = doc
            .pointer(&op_pointer(&parts[1], &parts[2]))
            .and_then(|o| o.get("operationId"))
            .and_then(Value::as_str)
            .unwrap_or("operation");
        words.push(id.to_string());
        i = 3;
    }
    while i < parts.len() {
        match parts[i].as_str() {
            "properties" if i + 1 < parts.len() => {
                words.push(parts[i + 1].clone());
                i += 2;
                continue;
            }
            "parameters" if i + 1 < parts.len() => {
                let name = doc
                    .pointer(&format!("/{}", parts[..i + 2].iter().map(|p| esc(p)).collect::<Vec<_>>().join("/")))
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("param");
                words.push(name.to_string());
                i += 2;
                continue;
            }
            "requestBody" => words.push("body".into()),
            "responses" if i + 1 < parts.len() => {
                words.push("response".into());
                i += 2;
                continue;
            }
            "items" => words.push("item".into()),
            "additionalProperties" => words.push("value".into()),
            "anyOf" | "oneOf" | "allOf" if i + 1 < parts.len() => {
                words.push(format!("variant{}", parts[i + 1]));
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    words.join("_").to_pascal_case()
}

/// Every string enum of two or more values, and every one-value string enum
/// a response carries, becomes a named open enum: its known values plus any
/// other string, so a value the spec does not list (`finish_reason:
/// "content_filter"`) decodes. Inline enums move into `components/schemas`
/// under a name derived from where they sit; the generator replaces each
/// with a type from [`Notes::open_enums`].
fn open_enums(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut hoisted: Vec<(String, Value)> = Vec::new();
    let mut taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    let snapshot = doc.clone();
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
        let forced = map.remove(OPEN_EXT).is_some();
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
        let base = inline_type_name(&snapshot, at);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        taken.insert(name.clone());
        let mut keep = Map::new();
        for k in ["nullable", "description", "readOnly", "writeOnly"] {
            if let Some(v) = map.remove(k) {
                keep.insert(k.to_string(), v);
            }
        }
        let mut hoist = std::mem::take(map);
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
        hoisted.push((name.clone(), Value::Object(hoist)));
        found.push((name, open));
    });
    if !hoisted.is_empty() {
        let schemas = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut);
        let schemas = match schemas {
            Some(s) => s,
            None => {
                doc["components"]["schemas"] = json!({});
                doc.pointer_mut("/components/schemas").unwrap().as_object_mut().unwrap()
            }
        };
        for (name, schema) in hoisted {
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

// -------------------------------------------------------------- responses

/// Resolves a local `$ref`.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
        Some(p) => doc.pointer(p).unwrap_or(v),
        None => v,
    }
}

fn ref_name(v: &Value) -> Option<String> {
    let r = v.get("$ref").or_else(|| v.pointer("/allOf/0/$ref"))?.as_str()?;
    r.strip_prefix("#/components/schemas/").map(str::to_string)
}

/// The component carried in an event's `data`: the spec models a stream as
/// `oneOf` events, each `{data: X}`, one of which is the `[DONE]` sentinel.
fn stream_data_schema(doc: &Value, schema: &Value) -> Option<String> {
    let schema = resolve(doc, schema);
    let candidates: Vec<&Value> = match schema.get("oneOf").or_else(|| schema.get("anyOf")) {
        Some(Value::Array(members)) => members.iter().collect(),
        _ => vec![schema],
    };
    candidates.into_iter().find_map(|event| {
        let data = resolve(doc, event).pointer("/properties/data")?;
        ref_name(data)
    })
}

/// Operations that can answer with `text/event-stream` beside JSON or bytes:
/// progenitor would silently pick one media type, so the stream is removed
/// here and recorded (with its event payload type) for the streaming layer.
fn event_streams(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    // Each operation is read before it is changed, and components never are.
    let snapshot = doc.clone();
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        let op = snapshot.pointer(&at).unwrap();
        let Some(Value::Object(responses)) = op.get("responses") else { continue };
        for (code, resp) in responses.iter().filter(|(c, _)| c.starts_with('2')) {
            let resp = resolve(&snapshot, resp);
            let Some(stream) = resp.pointer("/content/text~1event-stream") else { continue };
            let data_schema = stream.get("schema").and_then(|s| stream_data_schema(&snapshot, s));
            let operation_id = op_id(&snapshot, &path, &method);
            let content = doc.pointer_mut(&format!("{at}/responses/{code}/content")).and_then(Value::as_object_mut);
            let Some(content) = content else { continue };
            content.remove("text/event-stream");
            let only = content.is_empty();
            if only {
                // Generated as an empty response, whose `send()` becomes `send_stream()`.
                doc.pointer_mut(&format!("{at}/responses/{code}")).unwrap().as_object_mut().unwrap().remove("content");
            }
            let body = op.pointer("/requestBody").map(|b| resolve(&snapshot, b));
            let body = body.and_then(|b| b.pointer("/content/application~1json/schema")).map(|s| resolve(&snapshot, s));
            let stream_flag = body.is_some_and(|b| b.pointer("/properties/stream").is_some());
            let audio_field = data_schema.as_ref().and_then(|name| {
                let schema = snapshot.pointer(&format!("/components/schemas/{}", esc(name)))?;
                let required = schema.get("required")?.as_array()?;
                let b64 = schema.pointer("/properties/b64").map(|p| resolve(&snapshot, p))?;
                (b64.get("type")? == "string" && required.iter().any(|r| r == "b64")).then(|| "b64".to_string())
            });
            doc.pointer_mut(&at).unwrap()[STREAM_EXT] = json!(data_schema);
            notes.log(
                "event_streams",
                format!(
                    "{operation_id}: event stream of {}{}{} recorded",
                    data_schema.as_deref().unwrap_or("untyped data"),
                    if audio_field.is_some() { " (base64 audio)" } else { "" },
                    if only { ", its only response" } else { "" },
                ),
            );
            notes.streams.push(StreamOp {
                operation_id,
                data_schema,
                stream_flag,
                audio_field,
                only,
                response_object: None,
                response_message: false,
            });
            break;
        }
    }
    Ok(())
}

/// Classifies every operation for the retry policy: the method, and for
/// `POST` the `INFERENCE` table.
fn retry_effects(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let effect = match method.as_str() {
            "get" | "head" | "options" => "Read",
            "post" if INFERENCE.contains(&path.as_str()) => "Inference",
            _ => "Mutation",
        };
        let id = op_id(doc, &path, &method);
        notes.log("retry_effects", format!("{id}: {effect}"));
        notes.effects.insert(id, effect);
    }
    Ok(())
}

/// How deep `partial_deltas` follows objects inside a delta.
const DELTA_DEPTH: usize = 4;

/// A streamed chunk's `delta` holds only what changed: a tool call's
/// arguments come without its name, the role only in the first chunk. Every
/// field of a delta, and of the objects in it, becomes optional; objects it
/// shares with complete messages (`ToolChoice`) are copied as `<Name>Delta`.
fn partial_deltas(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let snapshot = doc.clone();
    // The chunk and the components it reaches (`choices: [$ref Choice]`).
    let mut pending: Vec<String> = notes.streams.iter().filter_map(|s| s.data_schema.clone()).collect();
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        let at = format!("/components/schemas/{}", esc(&name));
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(schema) = doc.pointer_mut(&at) else { continue };
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        pending.extend(refs.iter().filter_map(|r| r.strip_prefix("/components/schemas/")).map(unesc));
        let mut log = Vec::new();
        find_deltas(schema, &snapshot, &mut log);
        for line in log {
            notes.log("partial_deltas", format!("{name}: {line}"));
        }
    }
    Ok(())
}

fn find_deltas(v: &mut Value, doc: &Value, log: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if let Some(delta) = map.get_mut("properties").and_then(|p| p.get_mut("delta")) {
                make_partial(delta, doc, 0, "delta", log);
            }
            for (k, child) in map.iter_mut() {
                if k != "properties" {
                    find_deltas(child, doc, log);
                } else if let Value::Object(props) = child {
                    props.iter_mut().filter(|(name, _)| *name != "delta").for_each(|(_, p)| find_deltas(p, doc, log));
                }
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|x| find_deltas(x, doc, log)),
        _ => {}
    }
}

fn make_partial(schema: &mut Value, doc: &Value, depth: usize, at: &str, log: &mut Vec<String>) {
    if depth > DELTA_DEPTH {
        return;
    }
    if let Some(name) = ref_name(schema) {
        let target = doc.pointer(&format!("/components/schemas/{}", esc(&name)));
        let Some(target) = target.filter(|t| t.get("properties").is_some()) else { return };
        let mut copy = target.clone();
        let copy_map = copy.as_object_mut().unwrap();
        copy_map.insert("title".into(), json!(format!("{name}Delta")));
        if schema.get("nullable") == Some(&json!(true)) {
            copy_map.insert("nullable".into(), json!(true));
        }
        *schema = copy;
        log.push(format!("{at}: `{name}` copied as `{name}Delta`"));
    }
    let Value::Object(map) = schema else { return };
    if map.remove("required").is_some() {
        log.push(format!("{at}: every field optional"));
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for (name, p) in props.iter_mut() {
            make_partial(p, doc, depth + 1, &format!("{at}.{name}"), log);
        }
    }
    if let Some(items) = map.get_mut("items") {
        make_partial(items, doc, depth + 1, &format!("{at}[]"), log);
    }
}

/// What a stream folds into (`accumulate()`) is the operation's JSON
/// response, built from the chunks alone: a field the response requires but
/// no chunk carries (`prompt`) cannot be in it, so it becomes optional. The
/// response's one `object` value is recorded for the fold to take.
fn folded_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let snapshot = doc.clone();
    let pointers: BTreeMap<String, String> = operations(&snapshot)
        .into_iter()
        .map(|(path, method)| (op_id(&snapshot, &path, &method), op_pointer(&path, &method)))
        .collect();
    for stream in notes.streams.iter_mut() {
        let (Some(chunk), Some(op)) = (&stream.data_schema, pointers.get(&stream.operation_id)) else { continue };
        let chunk = snapshot.pointer(&format!("/components/schemas/{}", esc(chunk)));
        let carried: BTreeSet<&str> = chunk
            .and_then(|c| c.get("properties"))
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|p| p.keys().map(String::as_str))
            .collect();
        let Some(Value::Object(responses)) = snapshot.pointer(&format!("{op}/responses")) else { continue };
        let json = responses.iter().filter(|(code, _)| code.starts_with('2')).find_map(|(code, r)| {
            let schema = resolve(&snapshot, r).pointer("/content/application~1json/schema")?;
            let at = match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => r.strip_prefix('#')?.to_string(),
                None => format!("{op}/responses/{}/content/application~1json/schema", esc(code)),
            };
            Some(at)
        });
        let Some(at) = json else { continue };
        let Some(Value::Object(response)) = doc.pointer_mut(&at) else { continue };
        let property = |name: &str| response.get("properties").and_then(|p| p.get(name)).map(|s| resolve(&snapshot, s));
        stream.response_object =
            property("object").and_then(string_enum_values).filter(|v| v.len() == 1).map(|v| v[0].clone());
        let choice = property("choices").and_then(|c| c.get("items")).map(|i| resolve(&snapshot, i));
        stream.response_message = choice.is_some_and(|c| c.pointer("/properties/message").is_some());
        let Some(Value::Array(required)) = response.get_mut("required").filter(|_| !carried.is_empty()) else {
            continue;
        };
        required.retain(|name| {
            let keep = name.as_str().is_none_or(|n| carried.contains(n));
            if !keep {
                notes.log.push(format!(
                    "folded_responses: {at}: `{}` optional, no `{}` chunk carries it",
                    name.as_str().unwrap_or_default(),
                    stream.operation_id
                ));
            }
            keep
        });
    }
    Ok(())
}

/// A 2xx response offered in several non-JSON media types (audio as WAV, MP3
/// or raw) is one byte stream: progenitor accepts a single media type.
fn binary_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let at = format!("{}/responses", op_pointer(&path, &method));
        let Some(Value::Object(responses)) = doc.pointer_mut(&at) else { continue };
        for (code, resp) in responses.iter_mut().filter(|(c, _)| c.starts_with('2')) {
            let Some(Value::Object(content)) = resp.get_mut("content") else { continue };
            let binary = content.keys().any(|m| !is_json(m));
            if !binary || (content.len() == 1 && content.contains_key("application/octet-stream")) {
                continue;
            }
            let media: Vec<String> = content.keys().cloned().collect();
            content.clear();
            content.insert(
                "application/octet-stream".into(),
                json!({ "schema": { "type": "string", "format": "binary" } }),
            );
            notes.log(
                "binary_responses",
                format!("{} {path} {code}: {} -> application/octet-stream", method.to_uppercase(), media.join(", ")),
            );
        }
    }
    Ok(())
}

/// Error responses are decoded by the crate's one `Error` type, for every
/// status, whatever the spec documents; keeping them would give progenitor
/// several error types per operation and `default` responses colliding with
/// 2xx types. An operation with no 2xx response keeps its `default` as 200.
fn error_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let at = format!("{}/responses", op_pointer(&path, &method));
        let Some(Value::Object(responses)) = doc.pointer_mut(&at) else { continue };
        let has_success = responses.keys().any(|c| c.starts_with('2') || c.starts_with('3'));
        let removed: Vec<String> = responses
            .keys()
            .filter(|c| !(c.starts_with('2') || c.starts_with('3') || (*c == "default" && !has_success)))
            .cloned()
            .collect();
        for code in &removed {
            responses.remove(code);
        }
        if let Some(d) = responses.remove("default") {
            responses.insert("200".into(), d);
            notes.log("error_responses", format!("{} {path}: default response used as 200", method.to_uppercase()));
        }
        // Several 2xx bodies must share one type; keep the first documented one.
        let success: Vec<String> = responses.keys().filter(|c| c.starts_with('2')).cloned().collect();
        let typed: Vec<&String> = success.iter().filter(|c| responses[*c].get("content").is_some()).collect();
        if typed.len() > 1 {
            let keep = typed[0].clone();
            for c in typed.into_iter().skip(1) {
                if responses[c].get("content") != responses[&keep].get("content") {
                    responses.remove(c);
                    notes.log(
                        "error_responses",
                        format!("{} {path}: {c} dropped, body differs from {keep}", method.to_uppercase()),
                    );
                }
            }
        }
        if !removed.is_empty() {
            notes.log(
                "error_responses",
                format!("{} {path}: {} handled by crate::Error", method.to_uppercase(), removed.join(", ")),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(schemas: Value) -> Value {
        json!({ "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": { "schemas": schemas } })
    }

    fn run(t: fn(&mut Value, &mut Notes) -> Result<(), SpecError>, d: &mut Value) -> Notes {
        let mut notes = Notes::default();
        t(d, &mut notes).unwrap();
        notes
    }

    /// Notes with one streaming operation, `chat`, whose events carry `Chunk`.
    fn chat_stream() -> Notes {
        let mut notes = Notes::default();
        notes.streams.push(StreamOp {
            operation_id: "chat".into(),
            data_schema: Some("Chunk".into()),
            stream_flag: true,
            audio_field: None,
            only: false,
            response_object: None,
            response_message: false,
        });
        notes
    }

    #[test]
    fn invalid_yaml_names_the_line() {
        let err = parse("openapi: 3.1.0\npaths:\n  /a: [unclosed\n").unwrap_err();
        assert!(err.at.starts_with("line "), "{err}");
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert_eq!(parse("a: 1").unwrap(), json!({ "a": 1 }));
    }

    #[test]
    fn check_refs_names_the_place() {
        let mut d = doc(json!({ "A": { "properties": { "b": { "$ref": "#/components/schemas/Missing" } } } }));
        let err = check_refs(&mut d, &mut Notes::default()).unwrap_err();
        assert_eq!(err.at, "/components/schemas/A/properties/b");
        assert!(err.message.contains("#/components/schemas/Missing"), "{err}");
        let mut ok = doc(json!({ "A": { "$ref": "#/components/schemas/B" }, "B": { "type": "string" } }));
        check_refs(&mut ok, &mut Notes::default()).unwrap();
    }

    #[test]
    fn schema_patches_apply_warn_and_log() {
        let mut d = doc(json!({
            "Chunk": { "required": ["id", "token"], "properties": { "id": { "type": "string" } } },
            "Reason": { "type": "string" },
        }));
        let patches = [
            Patch { at: "/components/schemas/Chunk", change: Change::Optional(&["token"]), why: "not sent" },
            Patch {
                at: "/components/schemas/Chunk",
                change: Change::Properties(
                    r##"{"id": {"type": "integer"}, "reason": {"$ref": "#/components/schemas/Reason"}}"##,
                ),
                why: "sent",
            },
            Patch { at: "/components/schemas/Gone", change: Change::Optional(&["x"]), why: "fixed upstream" },
            Patch {
                at: "/components/schemas/Chunk",
                change: Change::Properties(r##"{"b": {"$ref": "#/components/schemas/Missing"}}"##),
                why: "dangling",
            },
            Patch { at: "/components/schemas/Reason/type", change: Change::Set(r#""string""#), why: "same" },
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
        let bad = [Patch { at: "/components/schemas/Chunk", change: Change::Set("{"), why: "typo" }];
        let err = apply_patches(&mut d, &mut Notes::default(), &bad).unwrap_err();
        assert_eq!(err.at, "/components/schemas/Chunk");
    }

    /// An operation answering `Resp` and taking `Req`, with these components.
    fn request_and_response(schemas: Value) -> Value {
        json!({ "paths": { "/a": { "post": { "operationId": "a",
            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Req" } } } },
            "responses": {
                "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Resp" } } } },
                "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
            } } } },
            "components": { "schemas": schemas } })
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
    fn folded_responses_require_only_what_chunks_carry() {
        let mut d = json!({ "paths": { "/chat": { "post": { "operationId": "chat", "responses": { "200": {
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Resp" } } } } } } } },
            "components": { "schemas": {
                "Resp": { "required": ["id", "prompt", "choices"], "properties": {
                    "id": { "type": "string" }, "prompt": { "type": "array" },
                    "object": { "$ref": "#/components/schemas/RespObject" },
                    "choices": { "type": "array", "items": { "properties": { "message": { "type": "object" } } } } } },
                "RespObject": { "type": "string", "enum": ["chat.completion"] },
                "Chunk": { "properties": { "id": { "type": "string" }, "choices": { "type": "array" } } },
            } } });
        let mut notes = chat_stream();
        folded_responses(&mut d, &mut notes).unwrap();
        assert_eq!(d.pointer("/components/schemas/Resp/required").unwrap(), &json!(["id", "choices"]));
        assert_eq!(notes.streams[0].response_object.as_deref(), Some("chat.completion"));
        assert!(notes.streams[0].response_message);
    }

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
    fn duplicate_operation_ids_are_refused() {
        let mut d = json!({ "paths": { "/a": { "get": { "operationId": "same" } }, "/b": { "get": { "operationId": "same" } } } });
        let err = operation_ids(&mut d, &mut Notes::default()).unwrap_err();
        assert_eq!(err.at, "/paths/~1b/get");
        assert!(err.message.contains("`same`") && err.message.contains("/paths/~1a/get"), "{err}");
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
        run(component_names, &mut d);
        assert!(d.pointer("/components/schemas/RlCheckpoint").is_some());
        assert!(d.pointer("/components/schemas/Keep_Me").is_some());
        assert_eq!(
            d.pointer("/components/schemas/User/properties/c/$ref").unwrap(),
            "#/components/schemas/RlCheckpoint"
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
    fn unsupported_operations_are_recorded() {
        let mut d = json!({ "paths": {
            "/upload": { "post": { "operationId": "upload", "requestBody": { "content": { "multipart/form-data": {} } } } },
            "/ws": { "get": { "operationId": "ws", "responses": { "101": { "description": "switch" } } } },
            "/ok": { "get": { "operationId": "ok", "responses": { "200": { "description": "ok" } } } },
        }});
        let notes = run(unsupported_operations, &mut d);
        let ids: Vec<_> = notes.unsupported.iter().map(|u| (u.operation_id.as_str(), u.reason.as_str())).collect();
        assert_eq!(ids, [("upload", "multipart/form-data request body"), ("ws", "WebSocket upgrade (101 response)")]);
        assert!(d.pointer("/paths/~1upload/post").is_none());
        assert!(d.pointer("/paths/~1ok/get").is_some());
    }

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
    fn enum_or_string_becomes_one_enum() {
        let mut d = doc(json!({ "Req": { "properties": { "model": {
            "anyOf": [{ "type": "string", "enum": ["a/b", "c/d"] }, { "type": "string" }] } } } }));
        run(open_string_unions, &mut d);
        assert_eq!(
            d.pointer("/components/schemas/Req/properties/model").unwrap(),
            &json!({ "type": "string", "enum": ["a/b", "c/d"], OPEN_EXT: true })
        );
        // One known model is still an open set.
        let mut one = doc(json!({ "Req": { "properties": { "model": {
            "anyOf": [{ "type": "string", "enum": ["a/b"] }, { "type": "string" }] } } } }));
        run(open_string_unions, &mut one);
        let notes = run(open_enums, &mut one);
        assert_eq!(notes.open_enums["ReqModel"].values, ["a/b"]);
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

    #[test]
    fn event_streams_are_recorded_and_removed() {
        let mut d = json!({ "paths": { "/chat": { "post": { "operationId": "chat", "responses": { "200": { "content": {
            "application/json": { "schema": { "$ref": "#/components/schemas/Resp" } },
            "text/event-stream": { "schema": { "$ref": "#/components/schemas/Stream" } } } } } } } },
            "components": { "schemas": {
                "Stream": { "oneOf": [{ "$ref": "#/components/schemas/Event" }, { "$ref": "#/components/schemas/Done" }] },
                "Event": { "properties": { "data": { "$ref": "#/components/schemas/Chunk" } } },
                "Done": { "properties": { "data": { "type": "string", "enum": ["[DONE]"] } } },
            } } });
        let notes = run(event_streams, &mut d);
        let expected = StreamOp {
            operation_id: "chat".into(),
            data_schema: Some("Chunk".into()),
            stream_flag: false,
            audio_field: None,
            only: false,
            response_object: None,
            response_message: false,
        };
        assert_eq!(notes.streams, [expected]);
        assert!(d.pointer("/paths/~1chat/post/responses/200/content/text~1event-stream").is_none());
        assert_eq!(d.pointer("/paths/~1chat/post/x-togetherai-stream").unwrap(), "Chunk");
    }

    #[test]
    fn stream_only_operations_and_audio_payloads() {
        let mut d = json!({ "paths": { "/speak": { "post": { "operationId": "speak",
            "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Req" } } } },
            "responses": { "200": { "content": { "text/event-stream": { "schema": { "$ref": "#/components/schemas/Event" } } } } } } } },
            "components": { "schemas": {
                "Req": { "properties": { "stream": { "type": "boolean" } } },
                "Event": { "properties": { "data": { "$ref": "#/components/schemas/Chunk" } } },
                "Chunk": { "required": ["b64"], "properties": { "b64": { "type": "string" } } },
            } } });
        let notes = run(event_streams, &mut d);
        let expected = StreamOp {
            operation_id: "speak".into(),
            data_schema: Some("Chunk".into()),
            stream_flag: true,
            audio_field: Some("b64".into()),
            only: true,
            response_object: None,
            response_message: false,
        };
        assert_eq!(notes.streams, [expected]);
        assert!(notes.unsupported.is_empty());
        assert_eq!(d.pointer("/paths/~1speak/post/responses/200").unwrap(), &json!({}));
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
    fn stream_deltas_become_partial() {
        let mut d = json!({ "components": { "schemas": {
            "Chunk": { "required": ["choices"], "properties": { "choices": { "type": "array", "items": {
                "required": ["delta"], "properties": { "delta": { "type": "object", "required": ["role"], "properties": {
                    "role": { "type": "string" },
                    "tool_calls": { "type": "array", "items": { "$ref": "#/components/schemas/Call" } } } } } } },
                "more": { "type": "array", "items": { "$ref": "#/components/schemas/RefChoice" } } } },
            "RefChoice": { "properties": { "delta": { "type": "object", "required": ["role"],
                "properties": { "role": { "type": "string" } } } } },
            "Call": { "type": "object", "required": ["id", "function"], "properties": {
                "id": { "type": "string" },
                "function": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } } } },
        } } });
        let mut notes = chat_stream();
        partial_deltas(&mut d, &mut notes).unwrap();
        // A choice component the chunk refers to has its delta made partial too.
        let delta = d.pointer("/components/schemas/RefChoice/properties/delta").unwrap();
        assert!(delta.get("required").is_none(), "{delta}");
        let delta = d.pointer("/components/schemas/Chunk/properties/choices/items/properties/delta").unwrap();
        assert!(delta.get("required").is_none());
        let call = delta.pointer("/properties/tool_calls/items").unwrap();
        assert_eq!(call["title"], "CallDelta");
        assert!(call.get("required").is_none() && call.pointer("/properties/function/required").is_none());
        // The chunk itself, and the shared component, are unchanged.
        assert_eq!(d.pointer("/components/schemas/Chunk/required").unwrap(), &json!(["choices"]));
        assert_eq!(d.pointer("/components/schemas/Call/required").unwrap(), &json!(["id", "function"]));
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
            [("chat", "Inference"), ("file_delete", "Mutation"), ("ft_create", "Mutation"), ("ft_list", "Read")]
        );
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
    fn binary_media_types_merge() {
        let mut d = json!({ "paths": { "/speech": { "post": { "responses": { "200": { "content": {
            "application/octet-stream": {}, "audio/wav": {}, "audio/mpeg": {} } } } } } } });
        run(binary_responses, &mut d);
        let content = d.pointer("/paths/~1speech/post/responses/200/content").unwrap().as_object().unwrap();
        assert_eq!(content.keys().collect::<Vec<_>>(), ["application/octet-stream"]);
    }

    #[test]
    fn error_responses_go_to_the_crate_error() {
        let mut d = json!({ "paths": {
            "/a": { "get": { "responses": { "200": { "description": "ok" }, "400": {}, "default": {} } } },
            "/b": { "get": { "responses": { "default": { "description": "only" } } } },
        }});
        run(error_responses, &mut d);
        assert_eq!(d.pointer("/paths/~1a/get/responses").unwrap(), &json!({ "200": { "description": "ok" } }));
        assert_eq!(d.pointer("/paths/~1b/get/responses").unwrap(), &json!({ "200": { "description": "only" } }));
    }
}
