//! Event streams: recorded for the streaming layer and removed from the
//! responses progenitor sees, their deltas made partial, and what a stream
//! folds into made buildable from the chunks alone.

use super::{Notes, SpecError, StreamOp};
use crate::spec::{collect_refs, esc, op_id, op_pointer, operations, ref_name, resolve, string_enum_values, unesc};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Extension marking an event-stream operation: the component name of the
/// schema each event's `data` holds. Nothing reads it back ([`Notes::streams`]
/// is the record); it says in the normalised document what was removed.
pub const STREAM_EXT: &str = "x-togetherai-stream";

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
pub(super) fn event_streams(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    // Each operation is read before it is changed, and components never are.
    let snapshot = doc.clone();
    for (path, method) in operations(doc) {
        let at = op_pointer(&path, &method);
        let Some(op) = snapshot.pointer(&at) else { continue };
        let Some(Value::Object(responses)) = op.get("responses") else { continue };
        for (code, resp) in responses.iter().filter(|(c, _)| c.starts_with('2')) {
            let resp = resolve(&snapshot, resp);
            let Some(stream) = resp.pointer("/content/text~1event-stream") else { continue };
            let data_schema = stream.get("schema").and_then(|s| stream_data_schema(&snapshot, s));
            let operation_id = op_id(&snapshot, &path, &method);
            let content =
                doc.pointer_mut(&format!("{at}/responses/{}/content", esc(code))).and_then(Value::as_object_mut);
            let Some(content) = content else { continue };
            content.remove("text/event-stream");
            let only = content.is_empty();
            if only {
                // Generated as an empty response, whose `send()` becomes `send_stream()`.
                if let Some(Value::Object(response)) = doc.pointer_mut(&format!("{at}/responses/{}", esc(code))) {
                    response.remove("content");
                }
            }
            let body = op.pointer("/requestBody").map(|b| resolve(&snapshot, b));
            let body = body.and_then(|b| b.pointer("/content/application~1json/schema")).map(|s| resolve(&snapshot, s));
            // A `stream` flag the client sets: a boolean (another type is sent as given).
            let flag = body.and_then(|b| b.pointer("/properties/stream")).map(|p| resolve(&snapshot, p));
            let stream_flag = flag.is_some_and(|p| p.get("type").is_some_and(|t| t == "boolean"));
            let audio_field = data_schema.as_ref().and_then(|name| {
                let schema = snapshot.pointer(&format!("/components/schemas/{}", esc(name)))?;
                let required = schema.get("required")?.as_array()?;
                let b64 = schema.pointer("/properties/b64").map(|p| resolve(&snapshot, p))?;
                (b64.get("type")? == "string" && required.iter().any(|r| r == "b64")).then(|| "b64".to_string())
            });
            if let Some(Value::Object(op)) = doc.pointer_mut(&at) {
                op.insert(STREAM_EXT.into(), json!(data_schema));
            }
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

/// How deep `partial_deltas` follows objects inside a delta.
const DELTA_DEPTH: usize = 4;

/// A streamed chunk's `delta` holds only what changed: a tool call's
/// arguments come without its name, the role only in the first chunk. Every
/// field of a delta, and of the objects in it, becomes optional; objects it
/// shares with complete messages (`ToolChoice`) are copied as `<Name>Delta`.
pub(super) fn partial_deltas(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
pub(super) fn folded_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let snapshot = doc.clone();
    let pointers: BTreeMap<String, String> = operations(&snapshot)
        .into_iter()
        .map(|(path, method)| (op_id(&snapshot, &path, &method), op_pointer(&path, &method)))
        .collect();
    // Logged once the streams are no longer borrowed, in the order found.
    let mut log = Vec::new();
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
                log.push(format!(
                    "{at}: `{}` optional, no `{}` chunk carries it",
                    name.as_str().unwrap_or_default(),
                    stream.operation_id
                ));
            }
            keep
        });
    }
    for line in log {
        notes.log("folded_responses", line);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

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
        assert_eq!(
            notes.log,
            ["folded_responses: /components/schemas/Resp: `prompt` optional, no `chat` chunk carries it"]
        );
        assert_eq!(notes.streams[0].response_object.as_deref(), Some("chat.completion"));
        assert!(notes.streams[0].response_message);
    }
}
