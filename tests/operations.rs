//! Every operation end to end against a local wiremock server: what goes on
//! the wire (method, path, query, auth and user agent, exact JSON body) and
//! what comes back (decoded value, headers, raw bytes).

mod common;

use common::{Call, Outcome};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use togetherai::types::*;
use togetherai::Client;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "test-key";

fn client(server: &MockServer) -> Client {
    Client::builder().api_key(KEY).base_url(server.uri()).build().expect("a valid client")
}

/// The query of a request as sorted (name, value) pairs, decoded.
fn query_of(request: &Request) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.sort();
    pairs
}

fn expected_query(call: &Call) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = call.query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    pairs.sort();
    pairs
}

/// What a server sends back for `call`: its sample, an `x-request-id`.
fn success_response(call: &Call) -> ResponseTemplate {
    let template =
        ResponseTemplate::new(call.success_status()).insert_header("x-request-id", format!("req-{}", call.operation));
    match (&call.response, call.binary) {
        (Value::Null, _) => template,
        (_, true) => template.set_body_raw(call.response_bytes(), "application/octet-stream"),
        (_, false) => template.set_body_raw(call.response_bytes(), "application/json"),
    }
}

/// A mock that only answers the exact request `call` must send.
fn strict_mock(call: &Call) -> Mock {
    let expected = expected_query(call);
    let mut mock = Mock::given(method(call.method))
        .and(path(call.path))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(|r: &Request| {
            r.headers
                .get("user-agent")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|ua| ua.starts_with("togetherai-rust/"))
        })
        .and(|r: &Request| !r.headers.contains_key("api-version"))
        .and(move |r: &Request| query_of(r) == expected);
    mock = match &call.body {
        Some(body) => mock.and(header("content-type", "application/json")).and(body_json(body)),
        None => mock.and(|r: &Request| r.body.is_empty()),
    };
    mock.respond_with(success_response(call)).expect(1).named(call.operation)
}

/// Runs the table's call for `operation` against a strict mock, checks the
/// request field by field (for readable failures) and the generic parts of
/// the response, and returns the outcome for typed checks.
async fn exercise(operation: &str) -> Outcome {
    let call = common::call(operation);
    let server = MockServer::start().await;
    strict_mock(&call).mount(&server).await;

    let result = (call.run)(&client(&server)).await;

    let requests = server.received_requests().await.expect("request recording is on");
    assert_eq!(requests.len(), 1, "{operation}: expected one request, got {requests:#?}; the call returned {result:?}");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), call.method, "{operation}: method");
    assert_eq!(request.url.path(), call.path, "{operation}: path");
    assert_eq!(query_of(request), expected_query(&call), "{operation}: query");
    assert_eq!(
        request.headers.get("authorization").and_then(|v| v.to_str().ok()),
        Some("Bearer test-key"),
        "{operation}: authorization"
    );
    let agent = request.headers.get("user-agent").and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(agent.starts_with("togetherai-rust/"), "{operation}: user agent `{agent}`");
    assert!(!request.headers.contains_key("api-version"), "{operation}: sent an api-version header");
    match &call.body {
        Some(expected) => {
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!("{operation}: body is not JSON ({e}): {}", String::from_utf8_lossy(&request.body))
            });
            assert_eq!(&sent, expected, "{operation}: body (only the fields set may be sent)");
        }
        None => {
            assert!(request.body.is_empty(), "{operation}: unexpected body {}", String::from_utf8_lossy(&request.body))
        }
    }

    let outcome = result.unwrap_or_else(|e| panic!("{operation} failed: {e}\n{e:?}"));
    server.verify().await;
    assert_eq!(
        outcome.headers.get("x-request-id").and_then(|v| v.to_str().ok()),
        Some(format!("req-{operation}").as_str()),
        "{operation}: response headers"
    );
    if call.binary {
        let expected = call.response.as_str().expect("binary samples are strings").as_bytes();
        assert_eq!(outcome.bytes.as_deref(), Some(expected), "{operation}: bytes");
    } else {
        assert!(outcome.bytes.is_none(), "{operation}: JSON operations return no raw bytes");
    }
    outcome
}

/// One test per operation (named after it), with the typed checks of its
/// decoded response; `TESTED` lists them for the coverage test.
macro_rules! operation_tests {
    ($($op:ident => |$out:ident| $check:block)*) => {
        const TESTED: &[&str] = &[$(stringify!($op)),*];
        $(
            #[tokio::test]
            async fn $op() {
                let $out = exercise(stringify!($op)).await;
                $check
            }
        )*
    };
}

operation_tests! {
    chat_completions => |out| {
        let v = out.value::<ChatCompletionResponse>();
        assert_eq!(v.id, "chatcmpl-8f2a9d3e");
        assert_eq!(v.choices.len(), 1);
        let choice = &v.choices[0];
        assert_eq!(choice.message.as_ref().and_then(|m| m.content.as_deref()), Some("Hello!"));
        assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
        assert_eq!(v.usage.as_ref().map(|u| u.total_tokens), Some(22));
    }
    completions => |out| {
        let v = out.value::<CompletionResponse>();
        assert_eq!(v.choices[0].text.as_deref(), Some(" Paris."));
        assert_eq!(v.choices[0].seed, Some(42));
        assert_eq!(v.choices[0].finish_reason.as_ref().map(|r| r.to_string()), Some("stop".to_string()));
        assert_eq!(v.usage.as_ref().map(|u| (u.prompt_tokens, u.total_tokens)), Some((6, 8)));
    }
    embeddings => |out| {
        let v = out.value::<EmbeddingsResponse>();
        assert_eq!(v.data.len(), 2);
        assert_eq!(v.data[0].embedding.len(), 4);
        assert_eq!(v.data[1].index, 1);
        assert_eq!(v.data[1].embedding, [-0.5, 0.125, 0.0, 1.5]);
    }
    models => |out| {
        let v = out.value::<ModelInfoList>();
        assert_eq!(v.0.len(), 2);
        assert_eq!(v.0[0].id, common::CHAT_MODEL);
        assert_eq!(v.0[0].type_.to_string(), "chat");
        assert_eq!(v.0[0].context_length, Some(131072));
        assert_eq!(v.0[0].pricing.as_ref().map(|p| p.input), Some(0.88));
        assert_eq!(v.0[1].type_.to_string(), "embedding");
        assert!(v.0[1].pricing.is_none());
    }
    upload_model => |out| {
        let v = out.value::<UploadModelResponse>();
        assert_eq!(v.data.job_id, common::JOB_ID);
        assert_eq!(v.data.model_name, "my-llama-1b");
        assert_eq!(v.message, "Processing model weights. Job created.");
    }
    get_job => |out| {
        let v = out.value::<GetJobResponse>();
        assert_eq!(v.job_id, common::JOB_ID);
        assert_eq!(v.status.to_string(), "Complete");
        assert_eq!(v.status_updates.len(), 2);
        assert_eq!(v.status_updates[1].timestamp, "2025-01-15T10:05:00Z");
        assert_eq!(v.args.model_name.as_deref(), Some("my-llama-1b"));
    }
    list_jobs => |out| {
        let v = out.value::<ListJobsResponse>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].job_id, common::JOB_ID);
        assert_eq!(v.data[0].created_at, "2025-01-15T10:00:00Z");
    }
    images_generations => |out| {
        let v = out.value::<ImageResponse>();
        assert_eq!(v.data.len(), 1);
        match &v.data[0] {
            ImageResponseDataItem::Variant1 { index, url } => {
                assert_eq!(*index, 0);
                assert_eq!(url, "https://api.together.ai/imgproxy/lighthouse.png");
            }
            other => panic!("expected a URL image, got {other:?}"),
        }
    }
    files_list => |out| {
        let v = out.value::<FileList>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, common::FILE_ID);
        assert_eq!(v.data[0].line_count, 100);
        assert_eq!(v.data[0].file_type.to_string(), "jsonl");
    }
    files_retrieve => |out| {
        let v = out.value::<FileResponse>();
        assert_eq!(v.id, common::FILE_ID);
        assert_eq!(v.filename, "train.jsonl");
        assert_eq!(v.bytes, 2048);
        assert!(v.processed);
    }
    files_delete => |out| {
        let v = out.value::<FileDeleteResponse>();
        assert_eq!(v.id.as_deref(), Some(common::FILE_ID));
        assert_eq!(v.deleted, Some(true));
    }
    files_content => |out| {
        // The bytes are checked by `exercise`; nothing is decoded.
        out.value::<()>();
    }
    fine_tunes_list => |out| {
        let v = out.value::<FinetuneList>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, common::FT_ID);
        assert_eq!(v.data[0].status.to_string(), "completed");
    }
    fine_tunes_create => |out| {
        let v = out.value::<FinetuneResponse>();
        assert_eq!(v.status.to_string(), "pending");
        assert_eq!(v.training_file.as_deref(), Some(common::FILE_ID));
        match &v.training_type {
            Some(FinetuneResponseTrainingType::LoRaTrainingType(lora)) => assert_eq!((lora.lora_r, lora.lora_alpha), (8, 16)),
            other => panic!("expected LoRA training, got {other:?}"),
        }
    }
    fine_tunes_retrieve => |out| {
        let v = out.value::<FinetuneResponse>();
        assert_eq!(v.id, common::FT_ID);
        assert_eq!(v.status.to_string(), "running");
        assert_eq!(v.n_epochs, Some(3));
        assert_eq!(v.lr_scheduler.as_ref().map(|s| s.lr_scheduler_type.to_string()), Some("linear".to_string()));
    }
    fine_tunes_events => |out| {
        let v = out.value::<FinetuneListEvents>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].type_.to_string(), "training_start");
        assert_eq!(v.data[0].level.as_ref().map(|l| l.to_string()), Some("info".to_string()));
        assert_eq!(v.data[0].param_count, 8_030_261_248);
        assert_eq!(v.data[0].total_steps, 120);
    }
    finetune_download => |out| {
        out.value::<()>();
    }
    fine_tunes_cancel => |out| {
        let v = out.value::<FinetuneResponse>();
        assert_eq!(v.status.to_string(), "cancel_requested");
    }
    rerank => |out| {
        let v = out.value::<RerankResponse>();
        assert_eq!(v.results.len(), 2);
        assert_eq!(v.results[0].index, 1);
        assert_eq!(v.results[0].relevance_score, 0.9231);
        assert_eq!(
            v.results[0].document.text.as_deref(),
            Some("The llama is a domesticated South American camelid.")
        );
    }
    audio_speech => |out| {
        out.value::<()>();
    }
    list_endpoints => |out| {
        let v = out.value::<ListEndpointsResponse>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, common::ENDPOINT_ID);
        assert_eq!(v.data[0].type_.to_string(), "dedicated");
        assert_eq!(v.data[0].state.to_string(), "STARTED");
    }
    create_endpoint => |out| {
        let v = out.value::<DedicatedEndpoint>();
        assert_eq!(v.id, common::ENDPOINT_ID);
        assert_eq!(v.state.to_string(), "PENDING");
        assert_eq!((v.autoscaling.min_replicas, v.autoscaling.max_replicas), (1, 2));
    }
    get_endpoint => |out| {
        let v = out.value::<DedicatedEndpoint>();
        assert_eq!(v.display_name, "SDK test endpoint");
        assert_eq!(v.state.to_string(), "STARTED");
        assert_eq!(v.created_at, "2025-01-15T10:00:00Z");
    }
    delete_endpoint => |out| {
        out.value::<()>();
    }
    update_endpoint => |out| {
        let v = out.value::<DedicatedEndpoint>();
        assert_eq!(v.state.to_string(), "STOPPED");
    }
    list_hardware => |out| {
        let v = out.value::<ListHardwareResponse>();
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, common::HARDWARE_ID);
        assert_eq!(v.data[0].specs.gpu_count, 1);
        assert_eq!(v.data[0].pricing.cents_per_minute, 5.42);
        assert_eq!(v.data[0].availability.as_ref().map(|a| a.status.to_string()), Some("available".to_string()));
    }
    tci_execute => |out| {
        match out.value::<ExecuteResponse>() {
            ExecuteResponse::SuccessfulExecution { data, errors } => {
                assert_eq!(data.session_id, common::SESSION_ID);
                assert!(errors.is_null());
                match &data.outputs[..] {
                    [SuccessfulExecutionDataOutputsItem::Variant0 { data, type_ }] => {
                        assert_eq!(data, "42\n");
                        assert_eq!(type_.to_string(), "stdout");
                    }
                    other => panic!("expected one stdout output, got {other:?}"),
                }
            }
            other => panic!("expected a successful execution, got {other:?}"),
        }
    }
    sessions_list => |out| {
        let v = out.value::<SessionListResponse>();
        let sessions = &v.data.as_ref().expect("data").sessions;
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions[0].id, common::SESSION_ID);
        assert_eq!(sessions[0].execute_count, 3);
        assert_eq!(sessions[0].expires_at, "2025-01-15T11:00:00Z");
    }
}

/// The 28 operations of the API, as client methods.
const OPERATIONS: [&str; 28] = [
    "chat_completions",
    "completions",
    "embeddings",
    "models",
    "upload_model",
    "get_job",
    "list_jobs",
    "images_generations",
    "files_list",
    "files_retrieve",
    "files_delete",
    "files_content",
    "fine_tunes_list",
    "fine_tunes_create",
    "fine_tunes_retrieve",
    "fine_tunes_events",
    "finetune_download",
    "fine_tunes_cancel",
    "rerank",
    "audio_speech",
    "list_endpoints",
    "create_endpoint",
    "get_endpoint",
    "delete_endpoint",
    "update_endpoint",
    "list_hardware",
    "tci_execute",
    "sessions_list",
];

#[test]
fn the_table_has_every_operation_once() {
    let table = common::every_operation();
    let names: Vec<&str> = table.iter().map(|c| c.operation).collect();
    let distinct: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), 28, "{names:?}");
    assert_eq!(distinct.len(), 28, "an operation appears twice: {names:?}");
    assert_eq!(distinct, OPERATIONS.into_iter().collect::<BTreeSet<_>>());
    assert_eq!(TESTED.iter().copied().collect::<BTreeSet<_>>(), distinct, "one #[tokio::test] per operation");
    assert!(togetherai::UNSUPPORTED_OPERATIONS.is_empty(), "{:?}", togetherai::UNSUPPORTED_OPERATIONS);
}

/// Reads `spec/openapi.yaml` as JSON.
fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yaml")).expect("the spec");
    serde_yaml::from_str(&text).expect("the spec is YAML")
}

/// `/files/{id}` matches `/files/file-1`.
fn matches_template(template: &str, concrete: &str) -> bool {
    let (t, c): (Vec<_>, Vec<_>) = (template.split('/').collect(), concrete.split('/').collect());
    t.len() == c.len() && t.iter().zip(&c).all(|(t, c)| (t.starts_with('{') && !c.is_empty()) || t == c)
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => spec.pointer(r.trim_start_matches('#')).expect("a resolvable $ref"),
        None => schema,
    }
}

/// The table matches the spec: each operation of the spec has exactly one
/// call; query names are declared and required ones set; body fields are
/// declared properties and required ones are set.
#[test]
fn the_table_follows_the_spec() {
    let spec = spec();
    let table = common::every_operation();
    let mut seen = 0;
    for (template, item) in spec["paths"].as_object().expect("paths") {
        for (verb, op) in item.as_object().expect("a path item") {
            let upper = verb.to_uppercase();
            let calls: Vec<&Call> =
                table.iter().filter(|c| c.method == upper && matches_template(template, c.path)).collect();
            assert_eq!(calls.len(), 1, "{upper} {template}: {calls:?}");
            let call = calls[0];
            seen += 1;

            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let query: Vec<&Value> = params.iter().filter(|p| p["in"] == "query").collect();
            for (name, _) in call.query {
                assert!(query.iter().any(|p| p["name"] == *name), "{}: undeclared query `{name}`", call.operation);
            }
            for p in query.iter().filter(|p| p["required"] == true) {
                assert!(call.query.iter().any(|(n, _)| p["name"] == *n), "{}: missing {}", call.operation, p["name"]);
            }

            let schema = &op["requestBody"]["content"]["application/json"]["schema"];
            match (&call.body, schema.is_null()) {
                (None, true) => {}
                (Some(body), false) => {
                    let schema = resolve(&spec, schema);
                    let body = body.as_object().expect("bodies are objects");
                    for key in body.keys() {
                        assert!(schema["properties"].get(key).is_some(), "{}: undeclared `{key}`", call.operation);
                    }
                    for req in schema["required"].as_array().into_iter().flatten() {
                        assert!(body.contains_key(req.as_str().unwrap()), "{}: missing {req}", call.operation);
                    }
                }
                (body, _) => panic!("{}: body {body:?} but the spec's is {schema}", call.operation),
            }
        }
    }
    assert_eq!(seen, table.len(), "the spec has {seen} operations");
}

/// Real responses carry values no spec lists and fields it doesn't declare;
/// they decode, and the unknown enum value is kept.
#[tokio::test]
async fn chat_keeps_unknown_finish_reasons_and_ignores_unknown_fields() {
    let call = common::call("chat_completions");
    let mut response = common::chat_response("content_filter");
    response["system_fingerprint"] = json!("fp_8d1f2e");
    response["choices"][0]["moderation"] = json!({ "flagged": true, "categories": ["violence"] });
    response["choices"][0]["message"]["refusal"] = json!(null);
    response["choices"][0]["message"]["annotations"] = json!([{ "type": "note" }]);
    response["usage"]["cached_tokens"] = json!(5);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&response))
        .expect(1)
        .mount(&server)
        .await;
    let out = (call.run)(&client(&server)).await.unwrap_or_else(|e| panic!("{e}"));

    let v = out.value::<ChatCompletionResponse>();
    let reason = v.choices[0].finish_reason.clone().expect("a finish reason");
    assert_eq!(reason, FinishReason::Other("content_filter".into()));
    assert!(matches!(&reason, FinishReason::Other(s) if s == "content_filter"), "{reason:?}");
    assert_eq!(reason.as_str(), "content_filter");
    assert_eq!(v.choices[0].message.as_ref().and_then(|m| m.content.as_deref()), Some("Hello!"));
    assert_eq!(v.usage.as_ref().map(|u| u.total_tokens), Some(22));
    // Serialising the decoded value gives the unknown value back.
    let again = serde_json::to_value(v).expect("serializes");
    assert_eq!(again["choices"][0]["finish_reason"], "content_filter");
}

/// A known value decodes to its variant, not to `Other`.
#[tokio::test]
async fn known_finish_reasons_decode_to_their_variant() {
    let call = common::call("chat_completions");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(common::chat_response("length")))
        .expect(1)
        .mount(&server)
        .await;
    let out = (call.run)(&client(&server)).await.unwrap_or_else(|e| panic!("{e}"));
    let reason = out.value::<ChatCompletionResponse>().choices[0].finish_reason.clone();
    assert!(matches!(reason, Some(FinishReason::Length)), "{reason:?}");
}

/// Serves `response` (status 200) to the table's call of `operation`.
async fn answer(operation: &str, response: Value) -> Result<Outcome, togetherai::Error> {
    let call = common::call(operation);
    let server = MockServer::start().await;
    Mock::given(method(call.method))
        .and(path(call.path))
        .respond_with(ResponseTemplate::new(200).set_body_json(response))
        .expect(1)
        .mount(&server)
        .await;
    (call.run)(&client(&server)).await
}

/// The three kinds of interpreter output are told apart by their `type`
/// (an `error` output must not pass for a stdout/stderr one).
#[tokio::test]
async fn tci_outputs_decode_to_their_kind() {
    let response = json!({
        "data": {
            "session_id": common::SESSION_ID,
            "outputs": [
                { "type": "stderr", "data": "warning: deprecated\n" },
                { "type": "error", "data": "Traceback (most recent call last): ZeroDivisionError" },
                { "type": "display_data", "data": { "text/plain": "<Figure>", "image/png": "iVBORw0KGgo=" } }
            ]
        },
        "errors": null
    });
    let out = answer("tci_execute", response).await.unwrap_or_else(|e| panic!("{e}"));
    let ExecuteResponse::SuccessfulExecution { data, .. } = out.value::<ExecuteResponse>() else {
        panic!("not a successful execution: {:?}", out.value::<ExecuteResponse>())
    };
    match &data.outputs[..] {
        [SuccessfulExecutionDataOutputsItem::Variant0 { data: stream, type_: stream_type }, SuccessfulExecutionDataOutputsItem::Variant1 { data: error, type_: error_type }, SuccessfulExecutionDataOutputsItem::Variant2 { data: display, type_: display_type }] =>
        {
            assert_eq!((stream.as_str(), stream_type.to_string().as_str()), ("warning: deprecated\n", "stderr"));
            assert!(error.starts_with("Traceback"));
            assert_eq!(error_type.to_string(), "error");
            assert_eq!(display_type.to_string(), "display_data");
            assert_eq!(display.text_plain.as_deref(), Some("<Figure>"));
            assert_eq!(display.image_png.as_deref(), Some("iVBORw0KGgo="));
        }
        other => panic!("outputs decoded as {other:#?}"),
    }
}

// ---------------------------------------------------------------------------
// Where the spec and the real API disagree.

/// `lr_scheduler_args` is a oneOf of two all-optional objects (so no object
/// is valid under exactly one of them: the spec itself is ambiguous); as an
/// untagged enum the linear variant would take every object and drop
/// `num_cycles`. `ambiguous_unions` merges them into one object.
#[tokio::test]
async fn cosine_scheduler_args_keep_num_cycles() {
    let mut response = common::call("fine_tunes_retrieve").response;
    response["lr_scheduler"] = json!({
        "lr_scheduler_type": "cosine",
        "lr_scheduler_args": { "min_lr_ratio": 0.1, "num_cycles": 0.5 }
    });
    let out = answer("fine_tunes_retrieve", response).await.unwrap_or_else(|e| panic!("{e}"));
    let scheduler = &out.value::<FinetuneResponse>().lr_scheduler;
    let again = serde_json::to_value(scheduler).expect("serializes");
    assert_eq!(again["lr_scheduler_args"]["num_cycles"], json!(0.5), "decoded as {scheduler:?}");
}
