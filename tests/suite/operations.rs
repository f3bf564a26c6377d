//! Every operation end to end against the scripted server: what goes on
//! the wire (method, path, query, auth and user agent, exact JSON body) and
//! what comes back (decoded value, headers, raw bytes).

use crate::support::calls::{self, Answer, Call, Outcome};
use crate::support::{requests, samples};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use togetherai::types::*;
use togetherai::{Client, Error, OPERATION_EFFECTS};
use togetherai_testkit::{Reply, Request, Server};

const KEY: &str = "test-key";

fn client(server: &Server) -> Client {
    Client::builder().api_key(KEY).base_url(server.url()).build().expect("a valid client")
}

/// The query of a request as sorted (name, value) pairs, decoded.
fn query_of(request: &Request) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://server{}", request.target)).expect("a request target");
    let mut pairs: Vec<_> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    pairs.sort();
    pairs
}

fn expected_query(call: &Call) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = call.query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    pairs.sort();
    pairs
}

/// What a server sends back for `call`: its sample, an `x-request-id`.
fn success_reply(call: &Call) -> Reply {
    let reply = Reply::new(call.success_status()).header("x-request-id", &format!("req-{}", call.operation));
    match (&call.response, call.binary) {
        (Value::Null, _) => reply,
        (_, true) => reply.header("content-type", "application/octet-stream").send(call.response_bytes()),
        (_, false) => reply.header("content-type", "application/json").send(call.response_bytes()),
    }
}

/// A sent request's response, split into its outcome and its typed value.
async fn split<A: Answer>(sent: Result<A, Error>) -> Result<(Outcome, A::Value), Error> {
    sent?.split().await
}

/// Sends the table's request for `operation` through `send` to a server
/// answering with the call's sample, checks the one request field by field
/// and the generic parts of the response, and returns the decoded value for
/// typed checks.
async fn exercise<A: Answer>(operation: &str, send: impl AsyncFnOnce(&Client) -> Result<A, Error>) -> A::Value {
    let call = calls::call(operation);
    let server = Server::script([success_reply(&call)]);

    let result = split(send(&client(&server)).await).await;

    let requests = server.requests();
    let outcome = result.as_ref().map(|(outcome, _)| outcome);
    assert_eq!(
        requests.len(),
        1,
        "{operation}: expected one request, got {requests:#?}; the call returned {outcome:?}"
    );
    let request = &requests[0];
    assert_eq!(request.method, call.method, "{operation}: method");
    assert_eq!(request.path(), call.path, "{operation}: path");
    assert_eq!(query_of(request), expected_query(&call), "{operation}: query");
    assert_eq!(request.header("authorization"), Some("Bearer test-key"), "{operation}: authorization");
    let agent = request.header("user-agent").unwrap_or_default();
    assert!(agent.starts_with("togetherai-rust/"), "{operation}: user agent `{agent}`");
    assert!(request.header("api-version").is_none(), "{operation}: sent an api-version header");
    match &call.body {
        Some(expected) => {
            assert_eq!(request.header("content-type"), Some("application/json"), "{operation}: content type");
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or_else(|e| {
                panic!("{operation}: body is not JSON ({e}): {}", String::from_utf8_lossy(&request.body))
            });
            assert_eq!(&sent, expected, "{operation}: body (only the fields set may be sent)");
        }
        None => {
            assert!(request.body.is_empty(), "{operation}: unexpected body {}", String::from_utf8_lossy(&request.body))
        }
    }

    let (outcome, value) = result.unwrap_or_else(|e| panic!("{operation} failed: {e}\n{e:?}"));
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
    value
}

/// Serves `response` (status 200) to the table's request for `operation`,
/// sent through `send`; checks that that one request came, and no other.
async fn answer<A: Answer>(
    operation: &str,
    response: &Value,
    send: impl AsyncFnOnce(&Client) -> Result<A, Error>,
) -> Result<A::Value, Error> {
    let call = calls::call(operation);
    let server = Server::script([Reply::json(200, response)]);
    let result = split(send(&client(&server)).await).await;
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(|r| (r.method.as_str(), r.path())).collect();
    assert_eq!(sent, [(call.method, call.path)], "{operation}: the one request");
    result.map(|(_, value)| value)
}

/// One test per operation (named after it), with the typed checks of its
/// decoded response, typed; `TESTED` lists them for the coverage test.
macro_rules! operation_tests {
    ($($op:ident => |$value:ident: $type:ty| $check:block)*) => {
        const TESTED: &[&str] = &[$(stringify!($op)),*];
        $(
            #[tokio::test]
            async fn $op() {
                let $value: &$type = &exercise(stringify!($op), async |c: &Client| requests::$op(c).send().await).await;
                $check
            }
        )*
    };
}

operation_tests! {
    chat_completions => |v: ChatCompletionResponse| {
        assert_eq!(v.id, "chatcmpl-8f2a9d3e");
        assert_eq!(v.choices.len(), 1);
        let choice = &v.choices[0];
        assert_eq!(choice.message.as_ref().and_then(|m| m.content.as_deref()), Some("Hello!"));
        assert_eq!(choice.finish_reason, Some(FinishReason::Stop));
        assert_eq!(v.usage.as_ref().map(|u| u.total_tokens), Some(22));
    }
    completions_create => |v: CompletionResponse| {
        assert_eq!(v.choices[0].text.as_deref(), Some(" Paris."));
        assert_eq!(v.choices[0].seed, Some(42));
        assert_eq!(v.choices[0].finish_reason.as_ref().map(|r| r.to_string()), Some("stop".to_string()));
        assert_eq!(v.usage.as_ref().map(|u| (u.prompt_tokens, u.total_tokens)), Some((6, 8)));
    }
    embeddings_create => |v: EmbeddingsResponse| {
        assert_eq!(v.data.len(), 2);
        assert_eq!(v.data[0].embedding.len(), 4);
        assert_eq!(v.data[1].index, 1);
        assert_eq!(v.data[1].embedding, [-0.5, 0.125, 0.0, 1.5]);
    }
    models_list => |v: ModelInfoList| {
        assert_eq!(v.0.len(), 2);
        assert_eq!(v.0[0].id, samples::CHAT_MODEL);
        assert_eq!(v.0[0].type_.to_string(), "chat");
        assert_eq!(v.0[0].context_length, Some(131072));
        assert_eq!(v.0[0].pricing.as_ref().map(|p| p.input), Some(0.88));
        assert_eq!(v.0[1].type_.to_string(), "embedding");
        assert!(v.0[1].pricing.is_none());
    }
    models_create => |v: ModelUploadSuccessResponse| {
        assert_eq!(v.data.job_id, samples::JOB_ID);
        assert_eq!(v.data.model_name, "my-llama-1b");
        assert_eq!(v.message, "Processing model weights. Job created.");
    }
    jobs_retrieve => |v: JobInfoSuccessResponse| {
        assert_eq!(v.job_id, samples::JOB_ID);
        assert_eq!(v.status.to_string(), "Complete");
        assert_eq!(v.status_updates.len(), 2);
        assert_eq!(v.status_updates[1].timestamp, "2025-01-15T10:05:00Z");
        assert_eq!(v.args.model_name.as_deref(), Some("my-llama-1b"));
    }
    jobs_list => |v: JobsInfoSuccessResponse| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].job_id, samples::JOB_ID);
        assert_eq!(v.data[0].created_at, "2025-01-15T10:00:00Z");
    }
    images_generations => |v: ImageResponse| {
        assert_eq!(v.data.len(), 1);
        match &v.data[0] {
            ImageResponseDataItem::Url(image) => {
                assert_eq!(image.index, 0);
                assert_eq!(image.url, "https://api.together.ai/imgproxy/lighthouse.png");
            }
            other => panic!("expected a URL image, got {other:?}"),
        }
    }
    files_list => |v: FileList| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, samples::FILE_ID);
        assert_eq!(v.data[0].bytes, 2048);
        assert_eq!(v.data[0].file_type.to_string(), "jsonl");
    }
    files_retrieve => |v: FileResponse| {
        assert_eq!(v.id, samples::FILE_ID);
        assert_eq!(v.filename, "train.jsonl");
        assert_eq!(v.bytes, 2048);
        assert!(v.processed);
    }
    files_delete => |v: FileDeleteResponse| {
        assert_eq!(v.id.as_deref(), Some(samples::FILE_ID));
        assert_eq!(v.deleted, Some(true));
    }
    files_content => |_v: ()| {
        // The bytes are checked by `exercise`; nothing is decoded.
    }
    fine_tunes_list => |v: FinetuneTruncatedList| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, samples::FT_ID);
        assert_eq!(v.data[0].status.to_string(), "completed");
    }
    fine_tunes_create => |v: FinetuneResponseTruncated| {
        assert_eq!(v.status.to_string(), "pending");
        assert_eq!(v.training_file.as_deref(), Some(samples::FILE_ID));
        match &v.training_type {
            Some(FinetuneResponseTruncatedTrainingType::LoRaTrainingType(lora)) => assert_eq!((lora.lora_r, lora.lora_alpha), (8, 16)),
            other => panic!("expected LoRA training, got {other:?}"),
        }
    }
    fine_tunes_retrieve => |v: FinetuneResponse| {
        assert_eq!(v.id, samples::FT_ID);
        assert_eq!(v.status.to_string(), "running");
        assert_eq!(v.n_epochs, Some(3));
        assert_eq!(v.lr_scheduler.as_ref().map(|s| s.lr_scheduler_type.to_string()), Some("linear".to_string()));
    }
    fine_tunes_events => |v: FinetuneListEvents| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].type_.to_string(), "training_start");
        assert_eq!(v.data[0].level.as_ref().map(|l| l.to_string()), Some("info".to_string()));
        assert_eq!(v.data[0].param_count, 8_030_261_248);
        assert_eq!(v.data[0].total_steps, 120);
    }
    finetune_download => |_v: ()| {}
    fine_tunes_cancel => |v: FinetuneResponseTruncated| {
        assert_eq!(v.status.to_string(), "cancel_requested");
    }
    rerank_create => |v: RerankResponse| {
        assert_eq!(v.results.len(), 2);
        assert_eq!(v.results[0].index, 1);
        assert_eq!(v.results[0].relevance_score, 0.9231);
        assert_eq!(
            v.results[0].document.text.as_deref(),
            Some("The llama is a domesticated South American camelid.")
        );
    }
    audio_speech => |_v: ()| {}
    endpoints_list => |v: EndpointsListResponse| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, samples::ENDPOINT_ID);
        assert_eq!(v.data[0].type_.to_string(), "dedicated");
        assert_eq!(v.data[0].state.to_string(), "STARTED");
    }
    endpoints_create => |v: DedicatedEndpoint| {
        assert_eq!(v.id, samples::ENDPOINT_ID);
        assert_eq!(v.state.to_string(), "PENDING");
        assert_eq!((v.autoscaling.min_replicas, v.autoscaling.max_replicas), (1, 2));
    }
    endpoints_retrieve => |v: DedicatedEndpoint| {
        assert_eq!(v.display_name, "SDK test endpoint");
        assert_eq!(v.state.to_string(), "STARTED");
        assert_eq!(v.created_at, "2025-01-15T10:00:00Z");
    }
    endpoints_delete => |_v: ()| {}
    endpoints_update => |v: DedicatedEndpoint| {
        assert_eq!(v.state.to_string(), "STOPPED");
    }
    hardware_list => |v: HardwareListResponse| {
        assert_eq!(v.data.len(), 1);
        assert_eq!(v.data[0].id, samples::HARDWARE_ID);
        assert_eq!(v.data[0].specs.gpu_count, 1);
        assert_eq!(v.data[0].pricing.cents_per_minute, 5.42);
        assert_eq!(v.data[0].availability.as_ref().map(|a| a.status.to_string()), Some("available".to_string()));
    }
    tci_execute => |v: ExecuteResponse| {
        match v {
            ExecuteResponse::SuccessfulExecution { data, errors } => {
                assert_eq!(data.session_id, samples::SESSION_ID);
                assert!(errors.is_null());
                match &data.outputs[..] {
                    [SuccessfulExecutionDataOutput::StreamOutput { data, type_ }] => {
                        assert_eq!(data, "42\n");
                        assert_eq!(type_.to_string(), "stdout");
                    }
                    other => panic!("expected one stdout output, got {other:?}"),
                }
            }
            other => panic!("expected a successful execution, got {other:?}"),
        }
    }
    tci_sessions => |v: SessionListResponse| {
        let sessions = &v.data.as_ref().expect("data").sessions;
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions[0].id, samples::SESSION_ID);
        assert_eq!(sessions[0].execute_count, 3);
        assert_eq!(sessions[0].expires_at, "2025-01-15T11:00:00Z");
    }
}

/// The operations the build generated, as client methods.
fn generated() -> BTreeSet<&'static str> {
    OPERATION_EFFECTS.iter().map(|(id, _)| *id).collect()
}

/// The hand-written table has one call for each operation of the core API
/// (every one of the 2025-04 spec: chat to the code interpreter), each
/// once, and none for an operation that is not generated. The others are
/// called through the table derived from the spec (`togetherai::conform`,
/// against the mock in the crate's tests and against Prism in CI).
#[test]
fn the_table_has_every_core_operation_once() {
    let table = calls::every_operation();
    let names: Vec<&str> = table.iter().map(|c| c.operation).collect();
    let distinct: BTreeSet<&str> = names.iter().copied().collect();
    let generated = generated();
    assert_eq!(generated.len(), OPERATION_EFFECTS.len(), "an operation twice in OPERATION_EFFECTS");
    assert_eq!(distinct.len(), names.len(), "an operation appears twice: {names:?}");
    let core = [
        "chat_completions",
        "completions_create",
        "embeddings_create",
        "models_list",
        "models_create",
        "jobs_retrieve",
        "jobs_list",
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
        "rerank_create",
        "audio_speech",
        "endpoints_list",
        "endpoints_create",
        "endpoints_retrieve",
        "endpoints_delete",
        "endpoints_update",
        "hardware_list",
        "tci_execute",
        "tci_sessions",
    ];
    let missing: Vec<_> = core.iter().filter(|op| generated.contains(*op) && !distinct.contains(*op)).collect();
    assert!(missing.is_empty(), "core operations with no call: {missing:?}");
    let unknown: Vec<_> = distinct.difference(&generated).collect();
    assert!(unknown.is_empty(), "calls of operations that are not generated: {unknown:?}");
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

/// The table matches the spec: each call matches one operation of the spec
/// and no operation has two; query names are declared and required ones
/// set; body fields are declared properties and required ones are set.
#[test]
fn the_table_follows_the_spec() {
    let spec = spec();
    let table = calls::every_operation();
    let mut seen = 0;
    for (template, item) in spec["paths"].as_object().expect("paths") {
        for (verb, op) in item.as_object().expect("a path item") {
            let upper = verb.to_uppercase();
            let calls: Vec<&Call> =
                table.iter().filter(|c| c.method == upper && matches_template(template, c.path)).collect();
            if calls.is_empty() {
                continue; // not in the core table
            }
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
    assert_eq!(seen, table.len(), "calls matching no operation of the spec");
}

/// Real responses carry values no spec lists and fields it doesn't declare;
/// they decode, and the unknown enum value is kept.
#[tokio::test]
async fn chat_keeps_unknown_finish_reasons_and_ignores_unknown_fields() {
    let mut response = samples::chat_response("content_filter");
    response["system_fingerprint"] = json!("fp_8d1f2e");
    response["choices"][0]["moderation"] = json!({ "flagged": true, "categories": ["violence"] });
    response["choices"][0]["message"]["refusal"] = json!(null);
    response["choices"][0]["message"]["annotations"] = json!([{ "type": "note" }]);
    response["usage"]["cached_tokens"] = json!(5);

    let send = async |c: &Client| requests::chat_completions(c).send().await;
    let v = answer("chat_completions", &response, send).await.unwrap_or_else(|e| panic!("{e}"));

    let reason = v.choices[0].finish_reason.clone().expect("a finish reason");
    assert_eq!(reason, FinishReason::Other("content_filter".into()));
    assert!(matches!(&reason, FinishReason::Other(s) if s == "content_filter"), "{reason:?}");
    assert_eq!(reason.as_str(), "content_filter");
    assert_eq!(v.choices[0].message.as_ref().and_then(|m| m.content.as_deref()), Some("Hello!"));
    assert_eq!(v.usage.as_ref().map(|u| u.total_tokens), Some(22));
    // Serialising the decoded value gives the unknown value back.
    let again = serde_json::to_value(&v).expect("serializes");
    assert_eq!(again["choices"][0]["finish_reason"], "content_filter");
}

/// A known value decodes to its variant, not to `Other`.
#[tokio::test]
async fn known_finish_reasons_decode_to_their_variant() {
    let send = async |c: &Client| requests::chat_completions(c).send().await;
    let v = answer("chat_completions", &samples::chat_response("length"), send).await.unwrap_or_else(|e| panic!("{e}"));
    let reason = v.choices[0].finish_reason.clone();
    assert!(matches!(reason, Some(FinishReason::Length)), "{reason:?}");
}

/// The three kinds of interpreter output are told apart by their `type`
/// (an `error` output must not pass for a stdout/stderr one).
#[tokio::test]
async fn tci_outputs_decode_to_their_kind() {
    let response = json!({
        "data": {
            "session_id": samples::SESSION_ID,
            "outputs": [
                { "type": "stderr", "data": "warning: deprecated\n" },
                { "type": "error", "data": "Traceback (most recent call last): ZeroDivisionError" },
                { "type": "display_data", "data": { "text/plain": "<Figure>", "image/png": "iVBORw0KGgo=" } }
            ]
        },
        "errors": null
    });
    let send = async |c: &Client| requests::tci_execute(c).send().await;
    let v = answer("tci_execute", &response, send).await.unwrap_or_else(|e| panic!("{e}"));
    let ExecuteResponse::SuccessfulExecution { data, .. } = &v else { panic!("not a successful execution: {v:?}") };
    match &data.outputs[..] {
        [SuccessfulExecutionDataOutput::StreamOutput { data: stream, type_: stream_type }, SuccessfulExecutionDataOutput::Error { data: error, type_: error_type }, SuccessfulExecutionDataOutput::DisplayorExecuteOutput { data: display, type_: display_type }] =>
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
    let mut response = calls::call("fine_tunes_retrieve").response;
    response["lr_scheduler"] = json!({
        "lr_scheduler_type": "cosine",
        "lr_scheduler_args": { "min_lr_ratio": 0.1, "num_cycles": 0.5 }
    });
    let send = async |c: &Client| requests::fine_tunes_retrieve(c).send().await;
    let v = answer("fine_tunes_retrieve", &response, send).await.unwrap_or_else(|e| panic!("{e}"));
    let scheduler = &v.lr_scheduler;
    let again = serde_json::to_value(scheduler).expect("serializes");
    assert_eq!(again["lr_scheduler_args"]["num_cycles"], json!(0.5), "decoded as {scheduler:?}");
}

/// The README's table of what the crate covers names every generated
/// operation once, under an area whose count adds up.
#[test]
fn the_readme_covers_every_operation() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let start = readme.find("\n## What it covers").expect("a coverage section");
    let section = &readme[start + 1..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |i| i + 3)];
    let rows: Vec<&str> = section.lines().filter(|l| l.starts_with("| ") && l.contains(" (")).collect();
    let mut named = Vec::new();
    let mut counted = 0;
    for row in &rows {
        let cells: Vec<&str> = row.split(" | ").collect();
        let count: usize =
            cells[0].rsplit_once(" (").and_then(|(_, n)| n.strip_suffix(')')).and_then(|n| n.parse().ok()).unwrap_or(0);
        let ops: Vec<&str> = cells[1].split(", ").map(|o| o.trim_matches('`')).collect();
        assert_eq!(ops.len(), count, "{row}");
        counted += count;
        named.extend(ops);
    }
    let generated = generated();
    let listed: BTreeSet<&str> = named.iter().copied().collect();
    assert_eq!(listed.len(), named.len(), "an operation twice in the README");
    assert_eq!(listed, generated, "the README's coverage table and the generated operations differ");
    assert_eq!(counted, OPERATION_EFFECTS.len());
}
