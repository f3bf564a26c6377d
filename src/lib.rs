#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod audio;
mod binary;
mod client;
#[cfg(feature = "conform")]
pub mod conform;
mod contract;
mod error;
mod headers;
mod idle;
mod meta;
#[cfg(feature = "mock")]
pub mod mock;
mod multipart;
mod request;
mod response;
pub mod retry;
pub mod session;
pub mod sse;
pub mod stream;
mod tls;
mod transport;
mod wav;

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
pub use multipart::FilePart;
/// The `reqwest` this crate is built on, for [`ClientBuilder::http_client`]
/// and header types.
pub use reqwest;
pub use response::Response;
pub use retry::{Effect, RetryPolicy};
pub use session::{Session, SessionEvent};
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
