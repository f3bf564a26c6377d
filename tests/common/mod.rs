//! One valid call per operation of the API, shared by the wiremock tests
//! (`tests/operations.rs`, `tests/errors.rs`) and the Prism conformance test.
//!
//! Each [`Call`] says what the client must put on the wire (method, concrete
//! path, query, exact JSON body: only the fields the call sets) and carries a
//! schema-valid sample response. `run` builds the request through the public
//! API, sends it and returns the response headers (and the raw bytes for
//! binary operations) plus the decoded value, for typed checks.
//!
//! Conventions:
//! - `response` is the JSON body to serve; for binary operations it is a JSON
//!   string whose text is the body; `Value::Null` means "no body" (the
//!   operation answers 204 No Content: `delete_endpoint`).
//! - `query` lists the query parameters as decoded strings, in no
//!   particular order.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use togetherai::types::*;
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
    /// The response is raw bytes (`Response<ByteStream>`).
    pub binary: bool,
    /// Builds the request, sends it, reads the response.
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

/// The result of a successful call.
pub struct Outcome {
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The body, for binary operations.
    pub bytes: Option<Vec<u8>>,
    /// The decoded response (`T` of `Response<T>`; `()` for binary
    /// operations, whose bytes are in `bytes`). Read it with [`Outcome::value`].
    pub decoded: Box<dyn Any + Send>,
}

impl Outcome {
    /// Headers and decoded value of a JSON (or empty) response.
    pub fn json<T: Any + Send>(response: Response<T>) -> Self {
        let headers = response.headers().clone();
        Outcome { headers, bytes: None, decoded: Box::new(response.into_inner()) }
    }

    /// Headers and every byte of a binary response.
    pub async fn binary(response: BinaryResponse) -> Result<Self, Error> {
        let headers = response.headers().clone();
        let bytes = response.bytes().await?.to_vec();
        Ok(Outcome { headers, bytes: Some(bytes), decoded: Box::new(()) })
    }

    /// The decoded response as `T`; panics naming both types on a mismatch.
    pub fn value<T: Any>(&self) -> &T {
        self.decoded
            .downcast_ref::<T>()
            .unwrap_or_else(|| panic!("the decoded value is not a `{}`", std::any::type_name::<T>()))
    }
}

impl std::fmt::Debug for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outcome")
            .field("headers", &self.headers)
            .field("bytes", &self.bytes.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()))
            .finish_non_exhaustive()
    }
}

/// A typify builder turned into its type; panics with the builder's message.
fn built<T, B>(builder: B) -> T
where
    B: TryInto<T>,
    B::Error: std::fmt::Display,
{
    builder.try_into().unwrap_or_else(|e| panic!("invalid {}: {e}", std::any::type_name::<T>()))
}

// Identifiers shared by the samples.
pub const CHAT_MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
pub const FILE_ID: &str = "file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d";
pub const FT_ID: &str = "ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f";
pub const JOB_ID: &str = "job-a15dad11-8d16-4f74-a2b7-6a6e4a8c1f3e";
pub const ENDPOINT_ID: &str = "endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60";
pub const SESSION_ID: &str = "ses_abcDEF123";
pub const HARDWARE_ID: &str = "1x_nvidia_h100_80gb_sxm";

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
            response: chat_response("stop"),
            binary: false,
            run: run_chat_completions,
        },
        Call {
            operation: "completions",
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
            run: run_completions,
        },
        Call {
            operation: "embeddings",
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
            run: run_embeddings,
        },
        Call {
            operation: "models",
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
            run: run_models,
        },
        Call {
            operation: "upload_model",
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
            run: run_upload_model,
        },
        Call {
            operation: "get_job",
            method: "GET",
            path: "/jobs/job-a15dad11-8d16-4f74-a2b7-6a6e4a8c1f3e",
            query: &[],
            body: None,
            response: job_sample(),
            binary: false,
            run: run_get_job,
        },
        Call {
            operation: "list_jobs",
            method: "GET",
            path: "/jobs",
            query: &[],
            body: None,
            response: json!({ "data": [job_sample()] }),
            binary: false,
            run: run_list_jobs,
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
            run: run_images_generations,
        },
        Call {
            operation: "files_list",
            method: "GET",
            path: "/files",
            query: &[],
            body: None,
            response: json!({ "data": [file_sample()] }),
            binary: false,
            run: run_files_list,
        },
        Call {
            operation: "files_retrieve",
            method: "GET",
            path: "/files/file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d",
            query: &[],
            body: None,
            response: file_sample(),
            binary: false,
            run: run_files_retrieve,
        },
        Call {
            operation: "files_delete",
            method: "DELETE",
            path: "/files/file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d",
            query: &[],
            body: None,
            response: json!({ "id": FILE_ID, "deleted": true }),
            binary: false,
            run: run_files_delete,
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
            run: run_files_content,
        },
        Call {
            operation: "fine_tunes_list",
            method: "GET",
            path: "/fine-tunes",
            query: &[],
            body: None,
            response: json!({ "data": [fine_tune_sample("completed")] }),
            binary: false,
            run: run_fine_tunes_list,
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
            response: fine_tune_sample("pending"),
            binary: false,
            run: run_fine_tunes_create,
        },
        Call {
            operation: "fine_tunes_retrieve",
            method: "GET",
            path: "/fine-tunes/ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f",
            query: &[],
            body: None,
            response: fine_tune_sample("running"),
            binary: false,
            run: run_fine_tunes_retrieve,
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
            run: run_fine_tunes_events,
        },
        Call {
            operation: "finetune_download",
            method: "GET",
            path: "/finetune/download",
            query: &[("ft_id", FT_ID), ("checkpoint", "merged")],
            body: None,
            response: json!("model.tar.zst: weights of the merged model (test bytes)"),
            binary: true,
            run: run_finetune_download,
        },
        Call {
            operation: "fine_tunes_cancel",
            method: "POST",
            path: "/fine-tunes/ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f/cancel",
            query: &[],
            body: None,
            response: fine_tune_sample("cancel_requested"),
            binary: false,
            run: run_fine_tunes_cancel,
        },
        Call {
            operation: "rerank",
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
            run: run_rerank,
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
            run: run_audio_speech,
        },
        Call {
            operation: "list_endpoints",
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
            run: run_list_endpoints,
        },
        Call {
            operation: "create_endpoint",
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
            response: endpoint_sample("PENDING"),
            binary: false,
            run: run_create_endpoint,
        },
        Call {
            operation: "get_endpoint",
            method: "GET",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: None,
            response: endpoint_sample("STARTED"),
            binary: false,
            run: run_get_endpoint,
        },
        Call {
            operation: "delete_endpoint",
            method: "DELETE",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: None,
            response: Value::Null,
            binary: false,
            run: run_delete_endpoint,
        },
        Call {
            operation: "update_endpoint",
            method: "PATCH",
            path: "/endpoints/endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60",
            query: &[],
            body: Some(json!({
                "state": "STOPPED",
                "autoscaling": { "min_replicas": 1, "max_replicas": 4 }
            })),
            response: endpoint_sample("STOPPED"),
            binary: false,
            run: run_update_endpoint,
        },
        Call {
            operation: "list_hardware",
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
            run: run_list_hardware,
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
            run: run_tci_execute,
        },
        Call {
            operation: "sessions_list",
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
            run: run_sessions_list,
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

// ---------------------------------------------------------------------------
// Sample responses used more than once.

/// A chat completion whose only choice ends with `finish_reason`.
pub fn chat_response(finish_reason: &str) -> Value {
    json!({
        "id": "chatcmpl-8f2a9d3e",
        "object": "chat.completion",
        "created": 1732540000,
        "model": CHAT_MODEL,
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": "Hello!" },
            "finish_reason": finish_reason
        }],
        "usage": { "prompt_tokens": 19, "completion_tokens": 3, "total_tokens": 22 }
    })
}

fn job_sample() -> Value {
    json!({
        "type": "model_upload",
        "job_id": JOB_ID,
        "status": "Complete",
        "status_updates": [
            { "status": "Queued", "message": "Job is queued", "timestamp": "2025-01-15T10:00:00Z" },
            { "status": "Complete", "message": "Model uploaded", "timestamp": "2025-01-15T10:05:00Z" }
        ],
        "args": {
            "description": "Llama 3.2 1B, uploaded by the SDK tests",
            "modelName": "my-llama-1b",
            "modelSource": "unsloth/Llama-3.2-1B-Instruct"
        },
        "created_at": "2025-01-15T10:00:00Z",
        "updated_at": "2025-01-15T10:05:00Z"
    })
}

fn file_sample() -> Value {
    json!({
        "id": FILE_ID,
        "object": "file",
        "created_at": 1732540000,
        "filename": "train.jsonl",
        "bytes": 2048,
        "purpose": "fine-tune",
        "Processed": true,
        "FileType": "jsonl",
        "LineCount": 100
    })
}

fn fine_tune_sample(status: &str) -> Value {
    json!({
        "id": FT_ID,
        "status": status,
        "training_file": FILE_ID,
        "model": "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
        "model_output_name": "sdk-tests/Meta-Llama-3.1-8B-Instruct-Reference-sdk-test",
        "created_at": "2025-01-15T10:00:00Z",
        "updated_at": "2025-01-15T10:02:00Z",
        "n_epochs": 3,
        "n_checkpoints": 1,
        "batch_size": "max",
        "learning_rate": 0.0001,
        "train_on_inputs": "auto",
        "training_method": { "method": "sft" },
        "training_type": { "type": "Lora", "lora_r": 8, "lora_alpha": 16 },
        // No `lr_scheduler_args`: the spec's oneOf of linear and cosine
        // arguments (two all-optional objects) matches any object twice.
        "lr_scheduler": { "lr_scheduler_type": "linear" }
    })
}

fn endpoint_sample(state: &str) -> Value {
    json!({
        "object": "endpoint",
        "id": ENDPOINT_ID,
        "name": "sdk-tests/llama-3-3-70b-dedicated",
        "display_name": "SDK test endpoint",
        "model": CHAT_MODEL,
        "hardware": HARDWARE_ID,
        "type": "dedicated",
        "owner": "sdk-tests",
        "state": state,
        "autoscaling": { "min_replicas": 1, "max_replicas": 2 },
        "created_at": "2025-01-15T10:00:00Z"
    })
}

// ---------------------------------------------------------------------------
// The calls. Each builds its request through the public API only.

fn run_chat_completions(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let system = ChatCompletionRequestMessagesItem::builder().role("system").content("You are terse.");
        let user = ChatCompletionRequestMessagesItem::builder().role("user").content("Say hello");
        let response = c
            .chat_completions()
            .body(
                ChatCompletionRequest::builder()
                    .model(CHAT_MODEL)
                    .messages(vec![built(system), built(user)])
                    .max_tokens(64)
                    .temperature(0.7),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_completions(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .completions()
            .body_map(|b| {
                b.model("mistralai/Mixtral-8x7B-v0.1")
                    .prompt("The capital of France is")
                    .max_tokens(8)
                    .stop(vec!["\n".to_string()])
            })
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_embeddings(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let input =
            vec!["Our solar system orbits the Milky Way.".to_string(), "Jupiter is the largest planet.".to_string()];
        let response = c
            .embeddings()
            .body(
                EmbeddingsRequest::builder()
                    .model(EmbeddingsRequestModel::TogethercomputerM2Bert80m8kRetrieval)
                    .input(EmbeddingsRequestInput::Array(input)),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_models(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.models().send().await?)) })
}

fn run_upload_model(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .upload_model()
            .body_map(|b| {
                b.model_name("my-llama-1b")
                    .model_source("unsloth/Llama-3.2-1B-Instruct")
                    .description("Llama 3.2 1B, uploaded by the SDK tests")
            })
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_get_job(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.get_job().job_id(JOB_ID).send().await?)) })
}

fn run_list_jobs(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.list_jobs().send().await?)) })
}

fn run_images_generations(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .images_generations()
            .body(
                ImagesGenerationsBody::builder()
                    .model("black-forest-labs/FLUX.1-schnell")
                    .prompt("A lighthouse on a cliff at dusk, oil painting")
                    .steps(4)
                    .n(1)
                    .response_format(ImagesGenerationsBodyResponseFormat::Url),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_files_list(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.files_list().send().await?)) })
}

fn run_files_retrieve(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.files_retrieve().id(FILE_ID).send().await?)) })
}

fn run_files_delete(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.files_delete().id(FILE_ID).send().await?)) })
}

fn run_files_content(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Outcome::binary(c.files_content().id(FILE_ID).send().await?).await })
}

fn run_fine_tunes_list(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.fine_tunes_list().send().await?)) })
}

fn run_fine_tunes_create(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let lora: LoRaTrainingType =
            built(LoRaTrainingType::builder().type_(LoRaTrainingTypeType::Lora).lora_r(8).lora_alpha(16));
        let response = c
            .fine_tunes_create()
            .body(
                FineTunesCreateBody::builder()
                    .training_file(FILE_ID)
                    .model("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")
                    .n_epochs(3)
                    .learning_rate(0.0001)
                    .suffix("sdk-test")
                    .training_type(FineTunesCreateBodyTrainingType::LoRaTrainingType(lora)),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_fine_tunes_retrieve(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.fine_tunes_retrieve().id(FT_ID).send().await?)) })
}

fn run_fine_tunes_events(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.fine_tunes_events().id(FT_ID).send().await?)) })
}

fn run_finetune_download(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c.finetune_download().ft_id(FT_ID).checkpoint("merged").send().await?;
        Outcome::binary(response).await
    })
}

fn run_fine_tunes_cancel(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.fine_tunes_cancel().id(FT_ID).send().await?)) })
}

fn run_rerank(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let documents = [
            "The giant panda is a bear species endemic to China.",
            "The llama is a domesticated South American camelid.",
            "The wombat is native to Australia.",
        ];
        let response = c
            .rerank()
            .body(
                RerankRequest::builder()
                    .model("Salesforce/Llama-Rank-v1")
                    .query("What animals can I find near Peru?")
                    .documents(RerankRequestDocuments::Variant1(documents.map(String::from).to_vec()))
                    .top_n(2)
                    .return_documents(true),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_audio_speech(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .audio_speech()
            .body(
                AudioSpeechRequest::builder()
                    .model("cartesia/sonic")
                    .input("Hello from the Rust SDK.")
                    .voice(AudioSpeechRequestVoice::LaidbackWoman)
                    .response_format(AudioSpeechRequestResponseFormat::Wav)
                    .language(AudioSpeechRequestLanguage::from("en")),
            )
            .send()
            .await?;
        Outcome::binary(response).await
    })
}

fn run_list_endpoints(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.list_endpoints().type_("dedicated").send().await?)) })
}

fn run_create_endpoint(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .create_endpoint()
            .body(
                CreateEndpointRequest::builder()
                    .model(CHAT_MODEL)
                    .hardware(HARDWARE_ID)
                    .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(2))
                    .display_name("SDK test endpoint")
                    .inactive_timeout(30),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_get_endpoint(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.get_endpoint().endpoint_id(ENDPOINT_ID).send().await?)) })
}

fn run_delete_endpoint(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.delete_endpoint().endpoint_id(ENDPOINT_ID).send().await?)) })
}

fn run_update_endpoint(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .update_endpoint()
            .endpoint_id(ENDPOINT_ID)
            .body(
                UpdateEndpointBody::builder()
                    .state(UpdateEndpointBodyState::Stopped)
                    .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(4)),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_list_hardware(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.list_hardware().model(CHAT_MODEL).send().await?)) })
}

fn run_tci_execute(c: &Client) -> RunFuture<'_> {
    Box::pin(async move {
        let response = c
            .tci_execute()
            .body(
                ExecuteRequest::builder()
                    .language(ExecuteRequestLanguage::Python)
                    .code("print(6 * 7)")
                    .session_id(SESSION_ID),
            )
            .send()
            .await?;
        Ok(Outcome::json(response))
    })
}

fn run_sessions_list(c: &Client) -> RunFuture<'_> {
    Box::pin(async move { Ok(Outcome::json(c.sessions_list().send().await?)) })
}

/// What `tracing` logs on this thread while it lives, as text.
pub struct Logs {
    buffer: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

#[derive(Clone)]
struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// Starts capturing everything at `level` and above.
    pub fn capture(level: tracing::Level) -> Logs {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = LogWriter(buffer.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        Logs { buffer, _guard: tracing::subscriber::set_default(subscriber) }
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.buffer.lock().unwrap().clone()).unwrap()
    }
}

/// Reads one HTTP/1.1 request from a test server's socket: its head, lower-
/// cased, and its JSON body (`Null` when there is none). `None` when the
/// client closes first.
pub async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<(String, Value)> {
    use tokio::io::AsyncReadExt;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_lowercase();
    let length: usize =
        head.lines().find_map(|l| l.strip_prefix("content-length:")).map_or(0, |v| v.trim().parse().unwrap());
    while buf.len() < head_end + length {
        let n = socket.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buf.extend_from_slice(&chunk[..n]);
    }
    Some((head, serde_json::from_slice(&buf[head_end..]).unwrap_or(Value::Null)))
}
