//! Audio: streamed speech as PCM bytes, and WAV headers for raw PCM.
//!
//! Speech requested with `response_format: raw` is headerless PCM in the
//! request's `response_encoding` at its `sample_rate`; [`WavFormat`] writes
//! the header that makes it a playable file. Nothing here assumes a rate or
//! a sample size: both come from the request.

pub use crate::wav::{PcmEncoding, WavFormat};

use crate::binary::ByteStream;
use crate::error::Error;
use crate::stream::EventStream;
use base64::Engine;
use bytes::Bytes;
use futures_core::Stream;
use serde::de::DeserializeOwned;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A streamed chunk that carries base64-encoded audio (generated for every
/// stream whose chunk has a `b64` field).
pub trait AudioChunk {
    /// The chunk's audio, base64-encoded.
    fn audio_base64(&self) -> &str;
}

impl<T: AudioChunk + DeserializeOwned + Send + 'static> EventStream<T> {
    /// The decoded audio bytes, chunk by chunk, through the same
    /// [`ByteStream`] as non-streamed speech. Stream errors (an early close,
    /// an error event) arrive as error items, as on the event stream.
    pub fn into_audio(self) -> ByteStream {
        ByteStream::new(Audio(self))
    }
}

struct Audio<T>(EventStream<T>);

impl<T: AudioChunk + DeserializeOwned> Stream for Audio<T> {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let operation = self.0.operation();
        Pin::new(&mut self.0).poll_next(cx).map(|item| {
            item.map(|chunk| {
                let chunk = chunk?;
                let b64 = chunk.audio_base64();
                base64::engine::general_purpose::STANDARD.decode(b64).map(Bytes::from).map_err(|e| Error::Decode {
                    operation,
                    path: "b64".into(),
                    message: format!("invalid base64: {e}"),
                    excerpt: b64.chars().take(80).collect(),
                    body: Bytes::copy_from_slice(b64.as_bytes()),
                })
            })
        })
    }
}
