//! Rust SDK for the [Together AI](https://www.together.ai) REST API.
//!
//! Every operation and every request and response type is generated at build
//! time from the vendored OpenAPI spec (`spec/openapi.yaml`, or the file named
//! by `TOGETHERAI_SPEC`), including `send_stream()` for every operation that
//! can answer with server-sent events. This hand-written layer adds
//! configuration, the error type, response decoding, the retry policy
//! ([`RetryPolicy`]), event streams ([`EventStream`]) and byte streams
//! ([`BinaryResponse`], [`ByteStream`], [`audio`]).
//!
//! ```no_run
//! # async fn demo() -> Result<(), togetherai::Error> {
//! use togetherai::types::{ChatCompletionRequest, ChatCompletionRequestMessagesItem};
//!
//! let client = togetherai::Client::from_env()?;
//! let message = ChatCompletionRequestMessagesItem::builder().role("user").content("Say hello");
//! let reply = client
//!     .chat_completions()
//!     .body(
//!         ChatCompletionRequest::builder()
//!             .model("meta-llama/Llama-3.3-70B-Instruct-Turbo")
//!             .messages(vec![message.try_into().expect("role and content are set")])
//!             .max_tokens(64),
//!     )
//!     .send()
//!     .await?;
//! println!("{:?}", reply.choices[0].message);
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod audio;
mod binary;
mod client;
mod error;
#[cfg(feature = "mock")]
pub mod mock;
mod open_enum;
mod request;
mod response;
pub mod retry;
pub mod sse;
pub mod stream;
mod transport;

#[allow(
    missing_docs,
    unused_imports,
    unused_mut,
    irrefutable_let_patterns,
    clippy::all,
    rustdoc::bare_urls,
    rustdoc::broken_intra_doc_links,
    rustdoc::invalid_html_tags
)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));
}

pub use binary::{BinaryResponse, ByteStream};
pub use client::{ClientBuilder, Config, DEFAULT_BASE_URL};
pub use error::{ApiError, Error, ErrorDetail};
pub use generated::{builder, types, Client, OPERATION_EFFECTS, UNSUPPORTED_OPERATIONS};
/// The `reqwest` this crate is built on, for [`ClientBuilder::http_client`]
/// and header types.
pub use reqwest;
pub use response::Response;
pub use retry::{Effect, RetryPolicy};
pub use stream::{Accumulating, EventStream};

/// An operation of the spec that this build of the crate does not generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnsupportedOperation {
    /// The operation's id (derived from method and path when the spec has none).
    pub operation_id: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template, as in the spec.
    pub path: &'static str,
    /// The construct the code generator cannot serve yet.
    pub reason: &'static str,
}

/// The README's examples compile as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
