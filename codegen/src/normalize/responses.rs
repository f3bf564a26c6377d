//! Responses as the crate serves them: non-JSON bodies are bytes, and error
//! bodies are the crate's one `Error`.

use super::{Notes, SpecError};
use crate::spec::{is_json, op_pointer, operations};
use serde_json::{json, Value};

/// A 2xx response offered in several non-JSON media types (audio as WAV, MP3
/// or raw) is one byte stream: progenitor accepts a single media type.
pub(super) fn binary_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
pub(super) fn error_responses(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
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
    use crate::normalize::testing::*;

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
