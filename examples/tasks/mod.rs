//! The ten everyday tasks and the newer API's jobs, sessions and forms, each written as a user would write it against
//! the generated API; the tour runs them (`cargo run --example tour`). They
//! compile unchanged with each shared spec (`TOGETHERAI_SPEC=...`), except
//! where a task says it needs a newer one.

pub mod batches;
pub mod chat;
pub mod embeddings;
pub mod errors;
pub mod files;
pub mod fine_tuning;
pub mod image;
pub mod json_mode;
pub mod realtime;
pub mod speech;
pub mod streaming;
pub mod tools;
pub mod uploads;

/// What a task reports, or why it failed.
pub type Outcome = Result<String, Box<dyn std::error::Error>>;

/// The chat model the tasks use.
pub const MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
