//! One valid call per operation of the API, shared by the operation, error
//! and mock tests: each checks specific fields on the wire and specific
//! answers (`cargo xtask conform` calls every operation generically).
//!
//! Each [`Call`] says what the client must put on the wire (method, concrete
//! path, query, exact JSON body: only the fields the call sets) and carries a
//! schema-valid sample response. `run` sends the call's request (from
//! [`super::requests`]) and returns what every call has, the [`Outcome`]:
//! response headers, and the raw bytes of binary operations. Typed checks
//! send the same request themselves and read the decoded value through
//! [`Answer`].
//!
//! Conventions:
//! - `response` is the JSON body to serve; for binary operations it is a JSON
//!   string whose text is the body; `Value::Null` means "no body" (the
//!   operation answers 204 No Content: `endpoints_delete`).
//! - `query` lists the query parameters as decoded strings, in no
//!   particular order.
//!
//! The table is written by hand; `operations::the_table_has_every_generated_operation_once`
//! holds it to `togetherai::OPERATION_EFFECTS`.

use super::requests;
use super::samples::{self, CHAT_MODEL, ENDPOINT_ID, FILE_ID, FT_ID, HARDWARE_ID, JOB_ID, SESSION_ID};
use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;
use togetherai::{BinaryResponse, Client, Error, Response};

/// What `run` returns: a boxed future borrowing the client.
pub type RunFuture<'a> = Pin<Box<dyn Future<Output = Result<Outcome, Error>> + 'a>>;

/// One operation, called once with valid parameters.
pub struct Call {
    /// The client method (`files_retrieve`).
    pub operation: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Concrete path as sent, relative to the base URL (`/files/file-123`).
    pub path: &'static str,
    /// Query parameters the call sets (decoded), in no particular order.
    pub query: &'static [(&'static str, &'static str)],
    /// Exact JSON body the call must send (only the fields it sets).
    pub body: Option<Value>,
    /// A schema-valid sample response; for binary operations a JSON string
    /// holding the bytes as text; `Null` for an empty (204) response.
    pub response: Value,
    /// The response is raw bytes (`BinaryResponse`).
    pub binary: bool,
    /// Sends the request, reads the response.
    pub run: for<'a> fn(&'a Client) -> RunFuture<'a>,
}

impl Call {
    /// The status a server answers this call with on success.
    pub fn success_status(&self) -> u16 {
        if self.response.is_null() {
            204
        } else {
            200
        }
    }

    /// The response body as served: JSON text, the binary text, or nothing.
    pub fn response_bytes(&self) -> Vec<u8> {
        match &self.response {
            Value::Null => Vec::new(),
            Value::String(text) if self.binary => text.as_bytes().to_vec(),
            other => serde_json::to_vec(other).expect("JSON serializes"),
        }
    }
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body)
            .field("binary", &self.binary)
            .finish_non_exhaustive()
    }
}

/// What every successful call has, whatever its operation.
pub struct Outcome {
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The body, for binary operations.
    pub bytes: Option<Vec<u8>>,
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcome")
            .field("headers", &self.headers)
            .field("bytes", &self.bytes.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()))
            .finish()
    }
}

/// A response of either kind, split into its [`Outcome`] and its typed
/// value (the decoded body of a JSON call; `()` for a binary one, whose
/// bytes are in the outcome).
pub trait Answer {
    type Value;
    async fn split(self) -> Result<(Outcome, Self::Value), Error>;
}

impl<T> Answer for Response<T> {
    type Value = T;
    async fn split(self) -> Result<(Outcome, T), Error> {
        let headers = self.headers().clone();
        Ok((Outcome { headers, bytes: None }, self.into_inner()))
    }
}

impl Answer for BinaryResponse {
    type Value = ();
    async fn split(self) -> Result<(Outcome, ()), Error> {
        let headers = self.headers().clone();
        let bytes = self.bytes().await?.to_vec();
        Ok((Outcome { headers, bytes: Some(bytes) }, ()))
    }
}

/// The `run` of the operation's request in [`requests`].
macro_rules! run {
    ($operation:ident) => {
        |c| Box::pin(async move { Ok(requests::$operation(c).send().await?.split().await?.0) })
    };
}

/// Every operation of the API, each exactly once.
pub fn every_operation() -> Vec<Call> {
    vec![
        Call {
            operation: "chat_completions",
            method: "POST",
            path: "/chat/completions",
            query: &[],
            body: Some(json!({
                "model": CHAT_MODEL,
                "messages": [
                    { "role": "system", "content": "You are terse." },
                    { "role": "user", "content": "Say hello" }
                ],
                "max_tokens": 64,
                "temperature": 0.7
            })),
            response: samples::chat_response("stop"),
            binary: false,
            run: run!(chat_completions),
        },
        Call {
            operation: "completions_create",
            method: "POST",
            path: "/completions",
            query: &[],
            body: Some(json!({
                "model": "mistralai/Mixtral-8x7B-v0.1",
                "prompt": "The capital of France is",
                "max_tokens": 8,
                "stop": ["\n"]
            })),
            response: json!({
                "id": "cmpl-8a7b6c5d",
                "object": "text_completion",
                "created": 1732540000,
                "model": "mistralai/Mixtral-8x7B-v0.1",
                "choices": [{ "text": " Paris.", "finish_reason": "stop", "seed": 42 }],
                "usage": { "prompt_tokens": 6, "completion_tokens": 2, "total_tokens": 8 }
            }),
            binary: false,
            run: run!(completions_create),
        },
        Call {
            operation: "embeddings_create",
            method: "POST",
            path: "/embeddings",
            query: &[],
            body: Some(json!({
                "model": "togethercomputer/m2-bert-80M-8k-retrieval",
                "input": ["Our solar system orbits the Milky Way.", "Jupiter is the largest planet."]
            })),
            response: json!({
                "object": "list",
                "model": "togethercomputer/m2-bert-80M-8k-retrieval",
                "data": [
                    { "object": "embedding", "index": 0, "embedding": [0.012, -0.345, 0.678, 0.25] },
                    { "object": "embedding", "index": 1, "embedding": [-0.5, 0.125, 0.0, 1.5] }
                ]
            }),
            binary: false,
            run: run!(embeddings_create),
        },
        Call {
            operation: "models_list",
            method: "GET",
            path: "/models",
            query: &[],
            body: None,
            response: json!([{
                "id": CHAT_MODEL,
                "object": "model",
                "created": 1732540000,
                "type": "chat",
                "display_name": "Llama 3.3 70B Instruct Turbo",
                "organization": "Meta",
                "link": "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct",
                "license": "llama3.3",
                "context_length": 131072,
                "pricing": { "hourly": 0, "input": 0.88, "output": 0.88, "base": 0, "finetune": 0 }
            }, {
                "id": "BAAI/bge-large-en-v1.5",
                "object": "model",
                "created": 1700000000,
                "type": "embedding"
            }]),
            binary: false,
            run: run!(models_list),
        },
        Call {
            operation: "models_create",
            method: "POST",
            path: "/models",
            query: &[],
            body: Some(json!({
                "model_name": "my-llama-1b",
                "model_source": "unsloth/Llama-3.2-1B-Instruct",
                "description": "Llama 3.2 1B, uploaded by the SDK tests"
            })),
            response: json!({
                "data": {
                    "job_id": JOB_ID,
                    "model_name": "my-llama-1b",
                    "model_id": "model-c0e32dfc-637e-47b2-bf4e-e9b2e58c9da7",
                    "model_source": "unsloth/Llama-3.2-1B-Instruct"
                },
                "message": "Processing model weights. Job created."
            }),
            binary: false,
            run: run!(models_create),
        },
        Call {
            operation: "jobs_retrieve",
            method: "GET",
            path: "/jobs/job-a15dad11-8d16-4f74-a2b7-6a6e4a8c1f3e",
            query: &[],
            body: None,
            response: samples::job(),
            binary: false,
            run: run!(jobs_retrieve),
        },
        Call {
            operation: "jobs_list",
            method: "GET",
            path: "/jobs",
            query: &[],
            body: None,
            response: json!({ "data": [samples::job()] }),
            binary: false,
            run: run!(jobs_list),
        },
        Call {
            operation: "images_generations",
            method: "POST",
            path: "/images/generations",
            query: &[],
            body: Some(json!({
                "model": "black-forest-labs/FLUX.1-schnell",
                "prompt": "A lighthouse on a cliff at dusk, oil painting",
                "steps": 4,
                "n": 1,
                "response_format": "url"
            })),
            response: json!({
                "id": "img-9c8b7a6f",
                "model": "black-forest-labs/FLUX.1-schnell",
                "object": "list",
                "data": [{ "index": 0, "url": "https://api.together.ai/imgproxy/lighthouse.png" }]
            }),
            binary: false,
            run: run!(images_generations),
        },
        Call {
            operation: "files_list",
            method: "GET",
            path: "/files",
            query: &[],
            body: None,
            response: json!({ "data": [samples::file()] }),
            binary: false,
            run: run!(files_list),
        },
        Call {
            operation: "files_retrieve",
            method: "GET",
            path: "/files/file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d",
            query: &[],
            body: None,
            response: samples::file(),
            binary: false,
            run: run!(files_retrieve),
        },
        Call {
            operation: "files_delete",
            method: "DELETE",
            path: "/files/file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d",
            query: &[],
            body: None,
            response: json!({ "id": FILE_ID, "deleted": true }),
            binary: false,
            run: run!(files_delete),
        },
        Call {
            operation: "files_content",
            method: "GET",
            path: "/files/file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d/content",
            query: &[],
            body: None,
            response: json!(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]}\n"
            ),
            binary: true,
            run: run!(files_content),
        },
        Call {
            operation: "fine_tunes_list",
            method: "GET",
            path: "/fine-tunes",
            query: &[],
            body: None,
            response: json!({ "data": [samples::fine_tune("completed")] }),
            binary: false,
            run: run!(fine_tunes_list),
        },
        Call {
            operation: "fine_tunes_create",
            method: "POST",
            path: "/fine-tunes",
            query: &[],
            body: Some(json!({
                "training_file": FILE_ID,
                "model": "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
                "n_epochs": 3,
                "learning_rate": 0.0001,
                "suffix": "sdk-test",
                "training_type": { "type": "Lora", "lora_r": 8, "lora_alpha": 16 }
            })),
            response: samples::fine_tune("pending"),
            binary: false,
            run: run!(fine_tunes_create),
        },
        Call {
            operation: "fine_tunes_retrieve",
            method: "GET",
            path: "/fine-tunes/ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f",
            query: &[],
            body: None,
            response: samples::fine_tune("running"),
            binary: false,
            run: run!(fine_tunes_retrieve),
        },
        Call {
            operation: "fine_tunes_events",
            method: "GET",
            path: "/fine-tunes/ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f/events",
            query: &[],
            body: None,
            response: json!({ "data": [{
                "object": "fine-tune-event",
                "created_at": "2025-01-15T10:02:00Z",
                "level": "info",
                "message": "Training started for model meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
                "type": "training_start",
                "param_count": 8030261248_i64,
                "token_count": 0,
                "total_steps": 120,
                "wandb_url": "",
                "step": 0,
                "checkpoint_path": "",
                "model_path": "",
                "training_offset": 0,
                "hash": ""
            }] }),
            binary: false,
            run: run!(fine_tunes_events),
        },
        Call {
            operation: "finetune_download",
            method: "GET",
            path: "/finetune/download",
            query: &[("ft_id", FT_ID), ("checkpoint", "merged")],
            body: None,
            response: json!("model.tar.zst: weights of the merged model (test bytes)"),
            binary: true,
            run: run!(finetune_download),
        },
        Call {
            operation: "fine_tunes_cancel",
            method: "POST",
            path: "/fine-tunes/ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f/cancel",
            query: &[],
            body: None,
            response: samples::fine_tune("cancel_requested"),
            binary: false,
            run: run!(fine_tunes_cancel),
        },
        Call {
            operation: "rerank_create",
            method: "POST",
            path: "/rerank",
            query: &[],
            body: Some(json!({
                "model": "Salesforce/Llama-Rank-v1",
                "query": "What animals can I find near Peru?",
                "documents": [
                    "The giant panda is a bear species endemic to China.",
                    "The llama is a domesticated South American camelid.",
                    "The wombat is native to Australia."
                ],
                "top_n": 2,
                "return_documents": true
            })),
            response: json!({
                "object": "rerank",
                "id": "rr-5f4e3d2c",
                "model": "Salesforce/Llama-Rank-v1",
                "results": [
                    { "index": 1, "relevance_score": 0.9231, "document": { "text": "The llama is a domesticated South American camelid." } },
                    { "index": 0, "relevance_score": 0.0417, "document": { "text": "The giant panda is a bear species endemic to China." } }
                ],
                "usage": { "prompt_tokens": 53, "completion_tokens": 0, "total_tokens": 53 }
            }),
            binary: false,
            run: run!(rerank_create),
        },
        Call {
            operation: "audio_speech",
            method: "POST",
            path: "/audio/speech",
            query: &[],
            body: Some(json!({
                "model": "cartesia/sonic",
                "input": "Hello from the Rust SDK.",
                "voice": "laidback woman",
                "response_format": "wav",
                "language": "en"
            })),
            response: json!("RIFF\u{1}\u{2}\u{3}\u{4}WAVEfmt test-audio-bytes"),
            binary: true,
            run: run!(audio_speech),
        },
        Call {
            operation: "endpoints_list",
            method: "GET",
            path: "/endpoints",
            query: &[("type", "dedicated")],
            body: None,
            response: json!({
                "object": "list",
                "data": [{
                    "object": "endpoint",
                    "id": ENDPOINT_ID,
                    "name": "sdk-tests/llama-3-3-70b-dedicated",
                    "model": CHAT_MODEL,
                    "type": "dedicated",
                    "owner": "sdk-tests",
                    "state": "STARTED",
                    "created_at": "2025-01-15T10:00:00Z"
                }]
            }),
            binary: false,
            run: run!(endpoints_list),
        },
        Call {
            operation: "endpoints_create",
            method: "POST",
            path: "/endpoints",
            query: &[],
            body: Some(json!({
                "model": CHAT_MODEL,
                "hardware": HARDWARE_ID,
                "autoscaling": { "min_replicas": 1, "max_replicas": 2 },
                "display_name": "SDK test endpoint",
                "inactive_timeout": 30
            })),
            response: samples::endpoint("PENDING"),
            binary: false,
            run: run!(endpoints_create),
        },
        Call {
            operation: "endpoints_retrieve",
            method: "GET",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: None,
            response: samples::endpoint("STARTED"),
            binary: false,
            run: run!(endpoints_retrieve),
        },
        Call {
            operation: "endpoints_delete",
            method: "DELETE",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: None,
            response: Value::Null,
            binary: false,
            run: run!(endpoints_delete),
        },
        Call {
            operation: "endpoints_update",
            method: "PATCH",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: Some(json!({
                "state": "STOPPED",
                "autoscaling": { "min_replicas": 1, "max_replicas": 4 }
            })),
            response: samples::endpoint("STOPPED"),
            binary: false,
            run: run!(endpoints_update),
        },
        Call {
            operation: "hardware_list",
            method: "GET",
            path: "/hardware",
            query: &[("model", CHAT_MODEL)],
            body: None,
            response: json!({
                "object": "list",
                "data": [{
                    "object": "hardware",
                    "id": HARDWARE_ID,
                    "pricing": { "cents_per_minute": 5.42 },
                    "specs": { "gpu_type": "h100-80gb", "gpu_link": "sxm", "gpu_memory": 80, "gpu_count": 1 },
                    "availability": { "status": "available" },
                    "updated_at": "2025-01-15T10:00:00Z"
                }]
            }),
            binary: false,
            run: run!(hardware_list),
        },
        Call {
            operation: "tci_execute",
            method: "POST",
            path: "/tci/execute",
            query: &[],
            body: Some(json!({
                "language": "python",
                "code": "print(6 * 7)",
                "session_id": SESSION_ID
            })),
            response: json!({
                "data": {
                    "session_id": SESSION_ID,
                    "outputs": [{ "type": "stdout", "data": "42\n" }]
                },
                "errors": null
            }),
            binary: false,
            run: run!(tci_execute),
        },
        Call {
            operation: "tci_sessions",
            method: "GET",
            path: "/tci/sessions",
            query: &[],
            body: None,
            response: json!({
                "data": { "sessions": [{
                    "id": SESSION_ID,
                    "execute_count": 3,
                    "started_at": "2025-01-15T10:00:00Z",
                    "last_execute_at": "2025-01-15T10:04:30Z",
                    "expires_at": "2025-01-15T11:00:00Z"
                }] }
            }),
            binary: false,
            run: run!(tci_sessions),
        },
    ]
}

/// The call named `operation`; panics when the table has none.
pub fn call(operation: &str) -> Call {
    every_operation()
        .into_iter()
        .find(|c| c.operation == operation)
        .unwrap_or_else(|| panic!("no `{operation}` in every_operation()"))
}
