//! `togetherai::mock`: every operation through the SDK against the mock,
//! every answer checked against the spec by an independent JSON Schema
//! validator, and the behaviours (validation, streams, audio, collections,
//! faults). Run with `cargo test --test suite -- mock::`.

use crate::support::calls::every_operation;
use crate::support::samples::{CHAT_MODEL, FILE_ID, HARDWARE_ID};
use futures_util::StreamExt;
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};
use togetherai::mock::{MockReply, MockServer};
use togetherai::types::*;
use togetherai::{Client, Error, RetryPolicy};

// ------------------------------------------------------------------ helpers

fn spec_doc() -> Value {
    let path = std::env::var("TOGETHERAI_SPEC").unwrap_or_else(|_| "spec/openapi.yaml".into());
    let text = std::fs::read_to_string(&path).expect("the spec is readable");
    serde_yaml::from_str(&text).expect("the spec parses")
}

/// An OpenAPI schema as JSON Schema 2020-12: `$ref`s into `$defs`,
/// `nullable` as a `null` alternative, `$ref` siblings as `allOf`.
fn convert(v: &Value) -> Value {
    match v {
        Value::Array(items) => Value::Array(items.iter().map(convert).collect()),
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, val) in map {
                match k.as_str() {
                    "nullable" | "discriminator" | "example" | "examples" | "xml" | "externalDocs" | "deprecated" => {}
                    "$ref" => {
                        let r = val.as_str().unwrap().replace("#/components/schemas/", "#/$defs/");
                        out.insert(k.clone(), json!(r));
                    }
                    "properties" => {
                        let props = val.as_object().unwrap().iter().map(|(p, s)| (p.clone(), convert(s))).collect();
                        out.insert(k.clone(), Value::Object(props));
                    }
                    _ => {
                        out.insert(k.clone(), convert(val));
                    }
                }
            }
            // `allOf: [X, {nullable: true}]` makes the whole schema nullable.
            let null_member = map
                .get("allOf")
                .and_then(Value::as_array)
                .is_some_and(|m| m.iter().any(|s| s.get("nullable") == Some(&json!(true))));
            if let Some(Value::Array(members)) = out.get_mut("allOf") {
                for m in members.iter_mut() {
                    if m.as_object().is_some_and(|o| o.is_empty()) {
                        *m = json!({});
                    }
                }
            }
            if out.contains_key("$ref") && out.len() > 1 {
                let r = out.remove("$ref").unwrap();
                let rest = Value::Object(std::mem::take(&mut out));
                out.insert("allOf".into(), json!([{ "$ref": r }, rest]));
            }
            let mut result = Value::Object(out);
            if map.get("nullable") == Some(&json!(true)) || null_member {
                result = json!({ "anyOf": [result, { "type": "null" }] });
            }
            result
        }
        other => other.clone(),
    }
}

/// A validator for `schema` (an OpenAPI schema of `doc`).
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let defs = doc["components"]["schemas"].as_object().unwrap().iter().map(|(k, s)| (k.clone(), convert(s))).collect();
    let root = json!({ "$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": Value::Object(defs), "allOf": [convert(schema)] });
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("the converted schema compiles: {e}"))
}

fn assert_valid(doc: &Value, schema: &Value, value: &Value, what: &str) {
    let v = validator(doc, schema);
    let errors: Vec<String> = v.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\nvalue: {value:#}");
}

/// The spec's operation object for a concrete path.
fn spec_op<'a>(doc: &'a Value, method: &str, path: &str) -> (&'a str, &'a Value) {
    let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut best = None;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let segs: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
        let Some(op) = item.get(method.to_lowercase()) else { continue };
        if segs.len() == parts.len() && segs.iter().zip(&parts).all(|(s, p)| s.starts_with('{') || s == p) {
            let literals = segs.iter().filter(|s| !s.starts_with('{')).count();
            if best.as_ref().is_none_or(|(l, _, _)| literals > *l) {
                best = Some((literals, template.as_str(), op));
            }
        }
    }
    let (_, t, op) = best.unwrap_or_else(|| panic!("no operation for {method} {path}"));
    (t, op)
}

/// `(status, media schema)` of the first 2xx response for `media`.
fn success_schema(doc: &Value, op: &Value, media: &str) -> Option<Value> {
    let (_, resp) = op["responses"].as_object().unwrap().iter().find(|(c, _)| c.starts_with('2'))?;
    resp.pointer(&format!("/content/{}/schema", media.replace('/', "~1"))).cloned().map(|s| resolve(doc, &s))
}

fn resolve(doc: &Value, s: &Value) -> Value {
    match s.get("$ref").and_then(Value::as_str) {
        Some(r) if s.as_object().unwrap().len() == 1 => resolve(doc, doc.pointer(r.trim_start_matches('#')).unwrap()),
        _ => s.clone(),
    }
}

/// The `data` schema of a stream's event member.
fn event_data_schema(doc: &Value, stream: &Value) -> Value {
    for m in stream["oneOf"].as_array().unwrap() {
        let m = resolve(doc, m);
        let data = resolve(doc, &m["properties"]["data"]);
        if data.get("enum").is_none() {
            return m["properties"]["data"].clone();
        }
    }
    panic!("no event member in {stream}")
}

async fn raw(
    server: &MockServer,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<&Value>,
) -> reqwest::Response {
    let http = togetherai::ClientBuilder::http_client_builder().unwrap().build().unwrap();
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut req = http.request(method, format!("{}{path}", server.url())).query(query).bearer_auth("mock");
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.expect("the mock answers")
}

/// The `data` of each event of an SSE body.
fn sse_data(text: &str) -> Vec<String> {
    text.split("\n\n").filter_map(|e| e.strip_prefix("data: ")).map(str::to_string).collect()
}

fn chat_body(stream: bool) -> ChatCompletionRequest {
    let user = ChatMessage::user("Say hello");
    ChatCompletionRequest::builder().model(CHAT_MODEL).messages([user]).stream(stream).try_into().unwrap()
}

fn speech(format: AudioSpeechRequestResponseFormat, encoding: &str, rate: i64) -> AudioSpeechRequest {
    AudioSpeechRequest::builder()
        .model("cartesia/sonic")
        .input("Hello")
        .voice("laidback woman")
        .response_format(format)
        .response_encoding(AudioSpeechRequestResponseEncoding::from(encoding))
        .sample_rate(rate)
        .try_into()
        .unwrap()
}

// -------------------------------------------------------------------- tests

#[tokio::test]
async fn every_operation_succeeds_through_the_sdk() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    let calls = every_operation();
    for call in &calls {
        assert!(
            togetherai::OPERATION_EFFECTS.iter().any(|(id, _)| *id == call.operation),
            "`{}` is not generated",
            call.operation
        );
    }
    // The rest go through the table derived from the spec (`togetherai::conform`,
    // `conform::tests::every_operation_answers_against_the_mock`).
    let started = Instant::now();
    for call in &calls {
        let outcome = (call.run)(&client).await;
        assert!(outcome.is_ok(), "{}: {:?}", call.operation, outcome.err());
        assert_eq!(server.requests(call.operation), 1, "{}", call.operation);
    }
    let rest = togetherai::OPERATION_EFFECTS.len() - calls.len();
    eprintln!("{} operations in {:?} ({rest} more through the conform table)", calls.len(), started.elapsed());
}

#[tokio::test]
async fn every_answer_validates_against_the_spec() {
    let doc = spec_doc();
    let server = MockServer::start().await.unwrap();
    let mut checked = 0;
    for call in every_operation() {
        let response = raw(&server, call.method, call.path, call.query, call.body.as_ref()).await;
        let status = response.status().as_u16();
        assert!((200..300).contains(&status), "{}: {status}", call.operation);
        let media = response.headers().get("content-type").map(|c| c.to_str().unwrap().to_string());
        let bytes = response.bytes().await.unwrap();
        let (_, op) = spec_op(&doc, call.method, call.path);
        match media.as_deref() {
            Some("application/json") => {
                let value: Value = serde_json::from_slice(&bytes).unwrap();
                let schema = success_schema(&doc, op, "application/json").expect("a JSON schema");
                assert_valid(&doc, &schema, &value, call.operation);
                if let Some(model) = call.body.as_ref().and_then(|b| b.get("model")) {
                    if value.get("model").is_some() {
                        assert_eq!(&value["model"], model, "{}: the model is echoed", call.operation);
                    }
                }
                checked += 1;
            }
            None => assert!(bytes.is_empty(), "{}", call.operation),
            Some(_) => assert!(!bytes.is_empty(), "{}", call.operation),
        }
    }
    // Streams: every event of chat and speech against the event's data schema.
    for (path, body) in [
        (
            "/chat/completions",
            json!({ "model": CHAT_MODEL, "messages": [{ "role": "user", "content": "Hi" }], "stream": true }),
        ),
        ("/completions", json!({ "model": CHAT_MODEL, "prompt": "Hi", "stream": true })),
        ("/audio/speech", json!({ "model": "cartesia/sonic", "input": "Hi", "voice": "polite man", "stream": true })),
    ] {
        let response = raw(&server, "POST", path, &[], Some(&body)).await;
        assert_eq!(response.headers()["content-type"], "text/event-stream", "{path}");
        let text = response.text().await.unwrap();
        let events = sse_data(&text);
        let (_, op) = spec_op(&doc, "POST", path);
        let data = event_data_schema(&doc, &success_schema(&doc, op, "text/event-stream").unwrap());
        assert_eq!(events.last().map(String::as_str), Some("[DONE]"), "{path}");
        for e in &events[..events.len() - 1] {
            assert_valid(&doc, &data, &serde_json::from_str(e).unwrap(), path);
            checked += 1;
        }
    }
    eprintln!("{checked} answers validated");
}

#[tokio::test]
async fn a_schema_violation_is_a_400_naming_the_field() {
    let server = MockServer::start().await.unwrap();
    let body = json!({ "model": CHAT_MODEL, "messages": [{ "content": "Hi" }] });
    let response = raw(&server, "POST", "/chat/completions", &[], Some(&body)).await;
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["type"], "invalid_request_error");
    assert_eq!(error["error"]["param"], "messages[0].role", "{error}");

    let body = json!({ "model": CHAT_MODEL, "messages": [{ "role": "user", "content": "Hi" }], "temperature": "hot" });
    let error: Value = raw(&server, "POST", "/chat/completions", &[], Some(&body)).await.json().await.unwrap();
    assert_eq!(error["error"]["param"], "temperature", "{error}");

    let response = raw(&server, "GET", "/finetune/download", &[], None).await;
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["param"], "ft_id", "{error}");

    // Query values are checked against their schemas too.
    for (query, param) in [
        (&[("ft_id", "ft-1"), ("checkpoint_step", "three")][..], "checkpoint_step"),
        (&[("ft_id", "ft-1"), ("checkpoint", "everything")][..], "checkpoint"),
    ] {
        let response = raw(&server, "GET", "/finetune/download", query, None).await;
        assert_eq!(response.status(), 400);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"]["param"], param, "{error}");
    }
    let fine = raw(&server, "GET", "/finetune/download", &[("ft_id", "ft-1"), ("checkpoint_step", "3")], None).await;
    assert_eq!(fine.status(), 200);

    // Through the SDK: an API error with the field.
    let err = server.client().chat_completions().body(json_chat_without_role()).send().await;
    assert!(err.is_err());
}

fn json_chat_without_role() -> ChatCompletionRequest {
    // The typed builder requires the role; build the broken body from JSON.
    serde_json::from_value(json!({ "model": CHAT_MODEL, "messages": [{ "role": "nobody", "content": "Hi" }] }))
        .unwrap_or_else(|_| chat_body(false))
}

#[tokio::test]
async fn streamed_chat_yields_the_words_then_done() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    let chunks: Vec<_> = client.chat_completions().body(chat_body(true)).send_stream().await.unwrap().collect().await;
    assert!(chunks.len() > 3, "{chunks:?}");
    assert!(chunks.iter().all(Result::is_ok), "{chunks:?}");

    let mut stream = client.chat_completions().body(chat_body(true)).send_stream().await.unwrap().accumulate();
    while let Some(chunk) = stream.next().await {
        chunk.unwrap();
    }
    let response = stream.response().unwrap();
    let message = response.choices[0].message.clone().unwrap();
    let content = serde_json::to_value(&message).unwrap()["content"].clone();
    assert_eq!(content, json!("Hello! This is the Together mock server answering."));
    assert!(response.usage.is_some(), "the last chunk carries usage");
}

/// Speech read whole.
async fn spoken(client: &Client, format: AudioSpeechRequestResponseFormat, encoding: &str, rate: i64) -> bytes::Bytes {
    client.audio_speech().body(speech(format, encoding, rate)).send().await.unwrap().bytes().await.unwrap()
}

#[tokio::test]
async fn speech_is_real_audio() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    // WAV: the header says what was asked.
    let wav = spoken(&client, AudioSpeechRequestResponseFormat::Wav, "pcm_s16le", 24_000).await;
    let u16_at = |at: usize| u16::from_le_bytes([wav[at], wav[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(wav[at..at + 4].try_into().unwrap());
    assert_eq!((&wav[0..4], &wav[8..12]), (&b"RIFF"[..], &b"WAVE"[..]));
    assert_eq!((u16_at(20), u16_at(22), u32_at(24), u16_at(34)), (1, 1, 24_000, 16));
    assert_eq!(&wav[36..40], b"data");
    assert_eq!(u32_at(40) as usize, 24_000 / 2 * 2);
    assert_eq!(u32_at(4) as usize, wav.len() - 8);
    // Raw: rate x duration x bytes per sample.
    for (encoding, bytes_per_sample) in [("pcm_f32le", 4), ("pcm_s16le", 2), ("pcm_mulaw", 1), ("pcm_alaw", 1)] {
        let pcm = spoken(&client, AudioSpeechRequestResponseFormat::Raw, encoding, 16_000).await;
        assert_eq!(pcm.len(), 16_000 / 2 * bytes_per_sample, "{encoding}");
    }
    // MP3: MPEG frame sync.
    let mp3 = spoken(&client, AudioSpeechRequestResponseFormat::Mp3, "pcm_f32le", 44_100).await;
    assert_eq!(&mp3[..2], &[0xFF, 0xFB]);
    // Streamed: the same PCM, decoded from base64 events.
    let mut body = speech(AudioSpeechRequestResponseFormat::Raw, "pcm_s16le", 22_050);
    body.stream = Some(true);
    let audio = client.audio_speech().body(body).send_stream().await.unwrap().into_audio().bytes().await.unwrap();
    assert_eq!(audio.len(), 22_050 / 2 * 2);
}

#[tokio::test]
async fn fine_tunes_are_created_listed_read_and_cancelled() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    let created = client
        .fine_tunes_create()
        .body_map(|b| b.training_file(FILE_ID).model("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference").n_epochs(2))
        .send()
        .await
        .unwrap()
        .into_inner();
    let created = serde_json::to_value(&created).unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["model"], "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference");
    let list = serde_json::to_value(client.fine_tunes_list().send().await.unwrap().into_inner()).unwrap();
    let ids: Vec<&str> = list["data"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [id.as_str()]);
    let got = serde_json::to_value(client.fine_tunes_retrieve().id(&id).send().await.unwrap().into_inner()).unwrap();
    assert_eq!((got["id"].as_str(), got["n_epochs"].as_i64()), (Some(id.as_str()), Some(2)));
    let cancelled =
        serde_json::to_value(client.fine_tunes_cancel().id(&id).send().await.unwrap().into_inner()).unwrap();
    assert_eq!(cancelled["status"], "cancelled");
    let got = serde_json::to_value(client.fine_tunes_retrieve().id(&id).send().await.unwrap().into_inner()).unwrap();
    assert_eq!(got["status"], "cancelled");
    // An unknown id is synthesised with that id.
    let other = serde_json::to_value(client.fine_tunes_retrieve().id("ft-unknown").send().await.unwrap().into_inner());
    assert_eq!(other.unwrap()["id"], "ft-unknown");
}

#[tokio::test]
async fn endpoints_are_created_and_deleted() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    let created = client
        .endpoints_create()
        .body_map(|b| {
            b.model(CHAT_MODEL)
                .hardware(HARDWARE_ID)
                .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(2))
        })
        .send()
        .await
        .unwrap()
        .into_inner();
    let id = serde_json::to_value(&created).unwrap()["id"].as_str().unwrap().to_string();
    let ids = |list: Value| -> Vec<String> {
        list["data"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
    };
    let list = serde_json::to_value(client.endpoints_list().send().await.unwrap().into_inner()).unwrap();
    assert_eq!(ids(list), vec![id.clone()]);
    let got =
        serde_json::to_value(client.endpoints_retrieve().endpoint_id(&id).send().await.unwrap().into_inner()).unwrap();
    assert_eq!(got["model"], CHAT_MODEL);
    client.endpoints_delete().endpoint_id(&id).send().await.unwrap();
    let list = serde_json::to_value(client.endpoints_list().send().await.unwrap().into_inner()).unwrap();
    assert!(ids(list).is_empty());
}

#[tokio::test]
async fn a_scripted_429_is_absorbed_by_the_retry_policy() {
    let server = MockServer::start().await.unwrap();
    server.push_reply("chat_completions", MockReply::status(429).header("retry-after-ms", "50"));
    let started = Instant::now();
    let response = server.client().chat_completions().body(chat_body(false)).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert_eq!(server.requests("chat_completions"), 2);
    // Without retries the scripted answer is the error.
    server.push_reply(
        "models_list",
        MockReply::status(503).json(json!({ "error": { "message": "busy", "type": "overloaded" } })),
    );
    let client = togetherai::Client::builder()
        .api_key("k")
        .base_url(server.url())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.models_list().send().await.unwrap_err();
    assert!(matches!(&err, Error::Api(api) if api.status == 503), "{err:?}");
}

#[tokio::test]
async fn disconnect_after_cuts_a_stream() {
    let server = MockServer::start().await.unwrap();
    server.push_reply("chat_completions", MockReply::disconnect_after(2));
    let results: Vec<_> =
        server.client().chat_completions().body(chat_body(true)).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].is_ok() && results[1].is_ok());
    assert!(results[2].is_err(), "{results:?}");
}

#[tokio::test]
async fn latency_delays_answers_and_drop_stops_the_server() {
    let server = MockServer::builder().latency(Duration::from_millis(100)).start().await.unwrap();
    let started = Instant::now();
    server.client().models_list().send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(100));
    let url = server.url().to_string();
    drop(server);
    tokio::time::sleep(Duration::from_millis(20)).await;
    let client =
        togetherai::Client::builder().api_key("k").base_url(url).retry_policy(RetryPolicy::none()).build().unwrap();
    assert!(client.models_list().send().await.is_err());
}

#[tokio::test]
async fn chat_answers_what_the_request_asks_for() {
    let server = MockServer::start().await.unwrap();
    let client = server.client();
    let tool = json!({ "type": "function", "function": { "name": "get_weather",
        "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] } } });
    let ask = || client.chat_completions().model(CHAT_MODEL).messages([ChatMessage::user("Weather in Paris?")]);
    // Tools offered: a call of one, with arguments valid against its parameters.
    let reply = ask().tools([tool.clone()]).send().await.unwrap();
    let choice = &reply.choices[0];
    let call = &choice.message.as_ref().unwrap().tool_calls[0];
    assert_eq!(call.function.name, "get_weather");
    assert!(serde_json::from_str::<Value>(&call.function.arguments).unwrap()["city"].is_string());
    assert_eq!(reply.text(), None);
    // Streamed too: the call comes whole in a delta, with the finish reason.
    let body = json!({ "model": CHAT_MODEL, "stream": true, "tools": [tool],
        "messages": [{ "role": "user", "content": "Weather in Paris?" }] });
    let text = raw(&server, "POST", "/chat/completions", &[], Some(&body)).await.text().await.unwrap();
    let events: Vec<Value> = sse_data(&text).iter().filter_map(|d| serde_json::from_str(d).ok()).collect();
    let delta = &events[0]["choices"][0]["delta"];
    assert_eq!(delta["tool_calls"][0]["function"]["name"], "get_weather", "{text}");
    assert_eq!(events.last().unwrap()["choices"][0]["finish_reason"], "tool_calls");
    // JSON mode: JSON valid against the schema asked for.
    let schema = json!({ "type": "object", "properties": { "colours": { "type": "array", "items": { "type": "string" } } },
        "required": ["colours"] });
    let format = json!({ "type": "json_schema", "json_schema": { "name": "colours", "schema": schema } });
    let reply = ask().response_format(format).send().await.unwrap();
    let answer: Value = serde_json::from_str(reply.text().unwrap()).unwrap();
    assert!(answer["colours"].is_array(), "{answer}");
    // One embedding per input, all of one dimension.
    let embeddings = client.embeddings_create().model("e5").input(["a", "b", "c"]).send().await.unwrap();
    assert_eq!(embeddings.data.len(), 3);
    assert!(embeddings.data.iter().all(|d| d.embedding.len() == embeddings.data[0].embedding.len()));
}

/// A download cut midway is asked for again from where it stopped
/// (`Range`), and the file is byte-exact; one cut too often leaves no file,
/// not even the temporary one.
#[tokio::test]
async fn a_download_cut_midway_resumes_and_a_failed_one_leaves_no_file() {
    let server = MockServer::start().await.unwrap();
    let content: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
    server.set_content("files_content", content.clone());
    server.push_reply("files_content", MockReply::cut_after_bytes(300_000));
    server.push_reply("files_content", MockReply::cut_after_bytes(200_000));
    let dir = std::env::temp_dir().join(format!("togetherai-resume-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("data.jsonl");
    let client = server.client();
    let response = client.files_content().id(FILE_ID).send().await.unwrap();
    assert_eq!(response.content_length(), Some(content.len() as u64));
    assert_eq!(response.save(&path).await.unwrap(), content.len() as u64);
    assert!(std::fs::read(&path).unwrap() == content, "byte-exact after two resumes");
    assert_eq!(server.requests("files_content"), 3, "the call, then a range request per cut");
    assert!(!dir.join("data.jsonl.part").exists());
    // Six cuts: more than `save` asks again for.
    for _ in 0..6 {
        server.push_reply("files_content", MockReply::cut_after_bytes(1_000));
    }
    let failed = dir.join("failed.jsonl");
    let response = client.files_content().id(FILE_ID).send().await.unwrap();
    assert!(matches!(response.save(&failed).await, Err(Error::Transport { .. })));
    assert!(!failed.exists() && !dir.join("failed.jsonl.part").exists());
    std::fs::remove_dir_all(&dir).ok();
}
