//! Binary responses (audio, file contents, fine-tune archives) as byte
//! streams: read whole, chunk by chunk, or written to a writer or file in
//! constant memory.

use crate::error::Error;
use crate::meta::ResponseMeta;
use crate::transport::Opened;
use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{HeaderMap, CONTENT_LENGTH, CONTENT_TYPE};
use reqwest::StatusCode;
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncWrite, AsyncWriteExt};

/// A stream of body bytes, as they arrive.
#[must_use = "a stream does nothing unless polled"]
pub struct ByteStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>,
}

impl std::fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ByteStream")
    }
}

impl ByteStream {
    /// Wraps any stream of bytes.
    pub fn new(stream: impl Stream<Item = Result<Bytes, Error>> + Send + 'static) -> Self {
        ByteStream { inner: Box::pin(stream) }
    }

    async fn next_chunk(&mut self) -> Option<Result<Bytes, Error>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }

    /// Reads everything into memory.
    pub async fn bytes(mut self) -> Result<Bytes, Error> {
        let mut all = bytes::BytesMut::new();
        while let Some(chunk) = self.next_chunk().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all.freeze())
    }

    /// Writes each chunk as it arrives; returns the number of bytes written.
    /// Memory use does not grow with the body.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(mut self, writer: &mut W) -> Result<u64, Error> {
        let mut written = 0;
        while let Some(chunk) = self.next_chunk().await {
            let chunk = chunk?;
            writer.write_all(&chunk).await?;
            written += chunk.len() as u64;
        }
        writer.flush().await?;
        Ok(written)
    }

    /// Writes the body to a file, created or truncated; returns its length.
    pub async fn save(self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let mut file = create(path).await?;
        self.write_to(&mut file).await
    }

    /// Writes raw PCM as a WAV file: a header for `format`, then the samples
    /// as they arrive, then the header's sizes once the length is known.
    /// Returns the length of the sample data.
    pub async fn save_wav(self, path: impl AsRef<Path>, format: crate::wav::WavFormat) -> Result<u64, Error> {
        use tokio::io::AsyncSeekExt;
        let mut file = create(path).await?;
        file.write_all(&format.header(0)).await?;
        let len = self.write_to(&mut file).await?;
        if len % 2 == 1 {
            file.write_all(&[0]).await?; // RIFF chunks are padded to even length
        }
        file.seek(std::io::SeekFrom::Start(0)).await?;
        file.write_all(&format.header(u32::try_from(len).unwrap_or(u32::MAX))).await?;
        file.flush().await?;
        Ok(len)
    }
}

/// Each write to a tokio file is a round trip to a blocking thread: network
/// chunks of a few KiB are gathered into writes of this size.
const FILE_BUFFER: usize = 1 << 20;

async fn create(path: impl AsRef<Path>) -> std::io::Result<tokio::io::BufWriter<tokio::fs::File>> {
    Ok(tokio::io::BufWriter::with_capacity(FILE_BUFFER, tokio::fs::File::create(path).await?))
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Transport errors of a body become [`Error::Transport`].
struct Body<S>(S);

impl<S: Stream<Item = reqwest::Result<Bytes>> + Unpin> Stream for Body<S> {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.0).poll_next(cx).map(|item| item.map(|r| r.map_err(Error::from)))
    }
}

/// A 2xx response whose body is bytes, not JSON: audio, a file's content, a
/// fine-tuned model's archive. Nothing is read until asked for.
#[derive(Debug)]
pub struct BinaryResponse {
    meta: ResponseMeta,
    body: ByteStream,
}

impl BinaryResponse {
    /// The response of a call, its body unread.
    pub(crate) fn new(opened: Opened) -> Self {
        let body = ByteStream::new(Body(Box::pin(opened.body.bytes_stream())));
        BinaryResponse { meta: opened.meta, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.meta.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.meta.headers()
    }

    /// The server's id for the request, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// One `x-ratelimit-*` header by its suffix: `rate_limit("remaining")`
    /// is `x-ratelimit-remaining`.
    pub fn rate_limit(&self, name: &str) -> Option<&str> {
        self.meta.rate_limit(name)
    }

    /// Every `x-ratelimit-*` header, as (full name, value).
    pub fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        self.meta.rate_limits()
    }

    /// Attempts the call took before the body started: 1, plus the retries.
    pub fn attempts(&self) -> u32 {
        self.meta.attempts()
    }

    /// The `Content-Type` (`audio/wav`, `application/octet-stream`...).
    pub fn content_type(&self) -> Option<&str> {
        self.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Length`, when the server sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.headers().get(CONTENT_LENGTH)?.to_str().ok()?.parse().ok()
    }

    /// Reads the whole body into memory.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        self.body.bytes().await
    }

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> ByteStream {
        self.body
    }

    /// Writes the body to `writer` chunk by chunk; returns the number of bytes.
    pub async fn write_to<W: AsyncWrite + Unpin + ?Sized>(self, writer: &mut W) -> Result<u64, Error> {
        self.body.write_to(writer).await
    }

    /// Writes the body to a file chunk by chunk; returns its length.
    pub async fn save(self, path: impl AsRef<Path>) -> Result<u64, Error> {
        self.body.save(path).await
    }
}
