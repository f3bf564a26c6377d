//! The identifiers and sample responses the calls share: schema-valid
//! answers, the same on every server that serves them.

use serde_json::{json, Value};

pub const CHAT_MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
pub const FILE_ID: &str = "file-6f0c4d2e-1b7a-4a43-9d3c-5e2f8a9b0c1d";
pub const FT_ID: &str = "ft-3b883474-f39c-40d9-9d5a-7f97ba9eeb9f";
pub const JOB_ID: &str = "job-a15dad11-8d16-4f74-a2b7-6a6e4a8c1f3e";
pub const ENDPOINT_ID: &str = "endpoint-e6c4a1b2-6f5b-4d33-9b1a-0c2f3d4e5f60";
pub const SESSION_ID: &str = "ses_abcDEF123";
pub const HARDWARE_ID: &str = "1x_nvidia_h100_80gb_sxm";

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

/// A finished model-upload job.
pub fn job() -> Value {
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

/// An uploaded, processed training file.
pub fn file() -> Value {
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

/// A LoRA fine-tune in `status`.
pub fn fine_tune(status: &str) -> Value {
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

/// A dedicated endpoint in `state`.
pub fn endpoint(state: &str) -> Value {
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
