//! Real traffic as the referee: every response body in `../shared/recordings`
//! (recorded from api.together.xyz by other projects' test suites; its
//! README and `meta.json` say where each comes from) decodes with the
//! generated type of its endpoint, and replays through the client from the
//! crate's mock server: JSON through `send()`, event streams through the
//! SSE decoder and the chunk type, then `send_stream().accumulate()` into
//! the non-streamed response, error bodies as `Error::Api` with the parsed
//! detail. Nothing here knows a file: each is judged by its endpoint, its
//! status and its own content.
//!
//! CI runs this with each of the upstream specs (`TOGETHERAI_SPEC`). It
//! skips, saying so, when `../shared` is absent.

use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use togetherai::mock::{MockReply, MockServer};
use togetherai::sse::Decoder;
use togetherai::types::*;
use togetherai::{Accumulating, Client, Error, EventStream, Response};

/// One recorded response.
struct Recording {
    file: String,
    /// The path under `/v1` (`/chat/completions`).
    path: String,
    stream: bool,
    status: u16,
    content_type: String,
    request_id: Option<String>,
    body: Vec<u8>,
}

fn recordings() -> Option<Vec<Recording>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/recordings");
    let Ok(meta) = std::fs::read_to_string(dir.join("meta.json")) else {
        println!("skipped: {} is absent (CI provides it)", dir.display());
        return None;
    };
    let meta: Vec<Value> = serde_json::from_str(&meta).expect("meta.json is JSON");
    let text = |m: &Value, key: &str| m[key].as_str().unwrap_or_else(|| panic!("{m}: no {key}")).to_string();
    let all = meta
        .iter()
        .map(|m| {
            let file = text(m, "file");
            let endpoint = text(m, "endpoint");
            Recording {
                body: std::fs::read(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}")),
                path: endpoint.strip_prefix("/v1").unwrap_or(&endpoint).to_string(),
                stream: m["stream"].as_bool().unwrap_or(false),
                status: m["status"].as_u64().and_then(|s| s.try_into().ok()).expect("a status"),
                content_type: text(m, "content_type"),
                request_id: m["request_id"].as_str().map(str::to_string),
                file,
            }
        })
        .collect();
    Some(all)
}

/// The operation a recording's endpoint is, as the mock server names it.
fn operation(path: &str) -> &'static str {
    match path {
        "/chat/completions" => "chat_completions",
        "/completions" => "completions_create",
        "/images/generations" => "images_generations",
        other => panic!("no replay for the endpoint `{other}`: add it to this test"),
    }
}

/// Decodes with serde's path in the message. An object that no member of
/// its union takes (kept whole as the union's `Other`) fails too: the
/// published shape missed what the API sent, which wants a patch.
fn decode<T: DeserializeOwned + std::fmt::Debug>(body: &[u8]) -> Result<T, String> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(de).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
    let debug = format!("{value:?}");
    match debug.find("Other(Object {") {
        Some(at) => {
            Err(format!("an object no union member takes: {}…", debug[at..].chars().take(200).collect::<String>()))
        }
        None => Ok(value),
    }
}

/// Every value `typed` holds (its JSON leaves) is in `raw` at the same
/// place, unchanged: decoding lost or altered nothing it kept (a seed
/// beyond `i64`, an enum value no spec lists). Numbers compare as numbers.
fn kept(typed: &Value, raw: &Value, at: &str) -> Result<(), String> {
    match (typed, raw) {
        (Value::Object(t), Value::Object(r)) => {
            t.iter().try_for_each(|(k, v)| kept(v, r.get(k).unwrap_or(&Value::Null), &format!("{at}/{k}")))
        }
        (Value::Array(t), Value::Array(r)) if t.len() == r.len() => {
            t.iter().zip(r).enumerate().try_for_each(|(i, (t, r))| kept(t, r, &format!("{at}/{i}")))
        }
        // A list the server sent as null reads as empty.
        (Value::Array(t), Value::Null) if t.is_empty() => Ok(()),
        (Value::Number(t), Value::Number(r)) if t == r || t.as_f64() == r.as_f64() => Ok(()),
        (t, r) if t == r => Ok(()),
        (t, r) => Err(format!("{at}: decoded {t}, received {r}")),
    }
}

/// The events of a recorded stream, `[DONE]` excluded, and whether it came.
fn events(body: &[u8]) -> (Vec<String>, bool) {
    let mut decoder = Decoder::new();
    decoder.push(body);
    let mut out = Vec::new();
    let mut done = false;
    while let Some(event) = decoder.next_event() {
        if event.data == "[DONE]" {
            done = true;
        } else {
            out.push(event.data);
        }
    }
    (out, done)
}

fn server_reply(r: &Recording) -> MockReply {
    let mut reply = MockReply::status(r.status).header("content-type", &r.content_type);
    if let Some(id) = &r.request_id {
        reply = reply.header("x-request-id", id);
    }
    reply.text(std::str::from_utf8(&r.body).expect("recordings are UTF-8"))
}

fn chat(client: &Client) -> togetherai::builder::ChatCompletions<'_> {
    let body: ChatCompletionRequest =
        serde_json::from_value(json!({"model": "m", "messages": [{"role": "user", "content": "Hello"}]})).unwrap();
    // One recorded answer per call: nothing is retried.
    client.chat_completions().body(body).max_retries(0)
}

fn completion(client: &Client) -> togetherai::builder::CompletionsCreate<'_> {
    let body: CompletionRequest = serde_json::from_value(json!({"model": "m", "prompt": "Hello"})).unwrap();
    client.completions_create().body(body).max_retries(0)
}

/// `send()` on the recording's endpoint: the raw body back, or the error.
async fn send(client: &Client, r: &Recording) -> Result<(Value, bytes::Bytes, Option<String>), Error> {
    fn parts<T: serde::Serialize>(reply: Response<T>) -> (Value, bytes::Bytes, Option<String>) {
        let typed = serde_json::to_value(&*reply).expect("typed values serialise");
        (typed, reply.body().clone(), reply.request_id().map(str::to_string))
    }
    Ok(match operation(&r.path) {
        "chat_completions" => parts(chat(client).send().await?),
        "completions_create" => parts(completion(client).send().await?),
        _ => {
            let body: ImagesGenerationsBody =
                serde_json::from_value(json!({"model": "m", "prompt": "A lighthouse"})).unwrap();
            parts(client.images_generations().body(body).max_retries(0).send().await?)
        }
    })
}

/// What a folded stream must hold, read from its events' JSON alone: per
/// choice the joined delta content (or text), the last finish reason; the
/// last usage.
fn expected_fold(events: &[String]) -> Value {
    let mut choices: Vec<(i64, String, Value)> = Vec::new();
    let mut usage = Value::Null;
    for data in events {
        let chunk: Value = serde_json::from_str(data).unwrap();
        if !chunk["usage"].is_null() {
            usage = chunk["usage"].clone();
        }
        for choice in chunk["choices"].as_array().into_iter().flatten() {
            let index = choice["index"].as_i64().unwrap_or(0);
            let piece = choice["delta"]["content"].as_str().or(choice["text"].as_str()).unwrap_or_default();
            let at = match choices.iter().position(|c| c.0 == index) {
                Some(at) => at,
                None => {
                    choices.push((index, String::new(), Value::Null));
                    choices.len() - 1
                }
            };
            choices[at].1.push_str(piece);
            if !choice["finish_reason"].is_null() {
                choices[at].2 = choice["finish_reason"].clone();
            }
        }
    }
    choices.sort_by_key(|c| c.0);
    json!({ "choices": choices.into_iter().map(|(i, text, reason)| json!([i, text, reason])).collect::<Vec<_>>(), "usage": usage })
}

/// The same, read from a folded response's JSON.
fn folded(response: &Value) -> Value {
    let mut choices: Vec<Value> = response["choices"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let text = c["message"]["content"].as_str().or(c["text"].as_str()).unwrap_or_default();
            json!([c["index"].as_i64().unwrap_or(0), text, c["finish_reason"]])
        })
        .collect();
    choices.sort_by_key(|c| c[0].as_i64());
    json!({ "choices": choices, "usage": response["usage"] })
}

/// Decodes every event with the chunk type, then replays the stream
/// through `send_stream().accumulate()`; returns the folded response as JSON.
async fn stream<T>(opened: Result<EventStream<T>, Error>, events: &[String]) -> Result<Value, String>
where
    T: togetherai::stream::Accumulate + DeserializeOwned + std::fmt::Debug,
    T::Response: serde::Serialize,
{
    for (i, data) in events.iter().enumerate() {
        decode::<T>(data.as_bytes()).map_err(|e| format!("event {i}: {e}"))?;
    }
    let mut stream: Accumulating<T> = opened.map_err(|e| format!("send_stream(): {e}"))?.accumulate();
    let mut items = 0;
    while let Some(item) = stream.next().await {
        item.map_err(|e| format!("item {items}: {e}"))?;
        items += 1;
    }
    if items != events.len() {
        return Err(format!("{items} items for {} events", events.len()));
    }
    let last = stream.get_ref().last_event().map(|e| e.data.clone());
    if last.as_ref() != events.last() {
        return Err(format!("last_event() is {last:?}"));
    }
    let response = stream.response().map_err(|e| format!("response(): {e}"))?;
    let typed = serde_json::to_value(&response).unwrap();
    let raw = Value::Object(stream.json().clone());
    kept(&typed, &raw, "").map_err(|e| format!("the folded response: {e}"))?;
    Ok(raw)
}

async fn check(server: &MockServer, r: &Recording) -> Result<&'static str, String> {
    let client = server.client();
    let op = operation(&r.path);
    server.push_reply(op, server_reply(r));
    if r.status >= 300 {
        let err = match send(&client, r).await {
            Ok(_) => return Err(format!("HTTP {} decoded as a success", r.status)),
            Err(err) => err,
        };
        let Error::Api(api) = &err else { return Err(format!("not Error::Api: {err:?}")) };
        let raw: Value = serde_json::from_slice(&r.body).map_err(|e| format!("not JSON: {e}"))?;
        let detail = api.detail.as_ref().ok_or("no parsed detail")?;
        if api.status.as_u16() != r.status || *api.body != r.body[..] {
            return Err(format!("status {} / body kept: {}", api.status, *api.body == r.body[..]));
        }
        if Some(detail.message.as_str()) != raw["error"]["message"].as_str()
            || detail.kind.as_deref() != raw["error"]["type"].as_str()
        {
            return Err(format!("detail {detail:?} is not {}", raw["error"]));
        }
        return Ok("error");
    }
    if r.stream {
        let (events, done) = events(&r.body);
        if !done {
            return Err("the recording has no [DONE]".into());
        }
        let response = match op {
            "chat_completions" => stream::<ChatCompletionChunk>(chat(&client).send_stream().await, &events).await?,
            "completions_create" => stream::<CompletionChunk>(completion(&client).send_stream().await, &events).await?,
            other => return Err(format!("`{other}` does not stream")),
        };
        let (want, got) = (expected_fold(&events), folded(&response));
        if want != got {
            return Err(format!("folded {got}, the events hold {want}"));
        }
        return Ok("stream");
    }
    let raw: Value = serde_json::from_slice(&r.body).map_err(|e| format!("not JSON: {e}"))?;
    match op {
        "chat_completions" => decode::<ChatCompletionResponse>(&r.body).map(drop),
        "completions_create" => decode::<CompletionResponse>(&r.body).map(drop),
        _ => decode::<ImageResponse>(&r.body).map(drop),
    }?;
    let (typed, body, request_id) = send(&client, r).await.map_err(|e| format!("send(): {e}"))?;
    kept(&typed, &raw, "")?;
    if body != r.body || (r.request_id.is_some() && request_id != r.request_id) {
        return Err(format!("the body or the request id ({request_id:?}) is not what was received"));
    }
    Ok("json")
}

#[tokio::test]
async fn every_recorded_response_decodes_and_replays() {
    let Some(recordings) = recordings() else { return };
    assert!(!recordings.is_empty());
    let server = MockServer::start().await.unwrap();
    let mut failures = Vec::new();
    let mut passed: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in &recordings {
        match check(&server, r).await {
            Ok(kind) => *passed.entry(kind).or_default() += 1,
            Err(e) => failures.push(format!("{} ({} {}): {e}", r.file, r.status, r.path)),
        }
    }
    let spec = std::env::var("TOGETHERAI_SPEC").unwrap_or_else(|_| "spec/openapi.yaml".into());
    let spec = PathBuf::from(&spec).file_name().unwrap().to_string_lossy().into_owned();
    let summary = format!(
        "recordings with {spec}: {} of {} pass ({} JSON decoded and replayed, {} streams folded, {} errors)",
        recordings.len() - failures.len(),
        recordings.len(),
        passed.get("json").unwrap_or(&0),
        passed.get("stream").unwrap_or(&0),
        passed.get("error").unwrap_or(&0),
    );
    println!("{summary}");
    // Also in `target/tmp/recordings-SPEC.txt`, for CI logs that capture output.
    let report = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("recordings-{spec}.txt"));
    std::fs::write(report, format!("{summary}\n")).unwrap();
    assert!(failures.is_empty(), "{summary}; failing:\n{}", failures.join("\n"));
}
