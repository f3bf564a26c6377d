//! Binary responses (audio, file contents, fine-tune archives) as byte
//! streams: read whole, chunk by chunk, or written to a writer or file in
//! constant memory.

use crate::error::Error;
use crate::meta::ResponseMeta;
use crate::request::RequestOptions;
use crate::transport::Opened;
use crate::{Client, Effect};
use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{HeaderMap, ACCEPT_RANGES, CONTENT_LENGTH, CONTENT_TYPE};
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

    /// Writes the body to a file, created or replaced; returns its length.
    /// The bytes go to `NAME.part` beside it, renamed once all are in: a
    /// stream that fails leaves no truncated file under the target name.
    pub async fn save(self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let (path, part) = (path.as_ref(), part_of(path.as_ref()));
        let written = async {
            let mut file = create(&part).await?;
            self.write_to(&mut file).await
        };
        settle(&part, path, written.await).await
    }

    /// Writes raw PCM as a WAV file: a header for `format`, then the samples
    /// as they arrive, then the header's sizes once the length is known.
    /// Returns the length of the sample data. As [`save`](Self::save), the
    /// file is written under a temporary name and renamed when whole.
    pub async fn save_wav(self, path: impl AsRef<Path>, format: crate::wav::WavFormat) -> Result<u64, Error> {
        use tokio::io::AsyncSeekExt;
        let (path, part) = (path.as_ref(), part_of(path.as_ref()));
        let written = async {
            let mut file = create(&part).await?;
            file.write_all(&format.header(0)).await?;
            let len = self.write_to(&mut file).await?;
            if len % 2 == 1 {
                file.write_all(&[0]).await?; // RIFF chunks are padded to even length
            }
            file.seek(std::io::SeekFrom::Start(0)).await?;
            file.write_all(&format.header(u32::try_from(len).unwrap_or(u32::MAX))).await?;
            file.flush().await?;
            Ok(len)
        };
        settle(&part, path, written.await).await
    }
}

/// Each write to a tokio file is a round trip to a blocking thread: network
/// chunks of a few KiB are gathered into writes of this size.
const FILE_BUFFER: usize = 1 << 20;

/// Where a file is written before it is complete: `NAME.part` beside it.
fn part_of(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| "download".into());
    name.push(".part");
    path.with_file_name(name)
}

/// The written `part` becomes `path`; after a failure it is removed.
async fn settle(part: &Path, path: &Path, written: Result<u64, Error>) -> Result<u64, Error> {
    match written {
        Ok(n) => {
            tokio::fs::rename(part, path).await?;
            Ok(n)
        }
        Err(e) => {
            let _ = tokio::fs::remove_file(part).await;
            Err(e)
        }
    }
}

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
    resume: Option<Resume>,
}

/// What [`BinaryResponse::save`] needs to ask for the rest of a body cut
/// short: the call again, with a `Range`.
pub(crate) struct Resume {
    pub client: Client,
    pub request: reqwest::Request,
    pub operation_id: &'static str,
    pub options: RequestOptions,
    pub effect: Effect,
}

impl std::fmt::Debug for Resume {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resume").field("operation_id", &self.operation_id).finish_non_exhaustive()
    }
}

/// How many times [`BinaryResponse::save`] asks for the rest of a body.
const RESUMES: u32 = 5;

fn stream_of(opened: Opened) -> (ResponseMeta, ByteStream) {
    (opened.meta, ByteStream::new(Body(Box::pin(opened.body.bytes_stream()))))
}

impl BinaryResponse {
    /// The response of a call, its body unread; with `resume`, a download
    /// cut short can ask for the rest.
    pub(crate) fn new(opened: Opened, resume: Option<Resume>) -> Self {
        let (meta, body) = stream_of(opened);
        BinaryResponse { meta, body, resume }
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
    ///
    /// The bytes go to a temporary file beside `path` (`NAME.part`), renamed
    /// to `path` once the whole body is in: a download that fails leaves no
    /// truncated file under the target name. A body cut short is asked for
    /// again from where it stopped (`Range: bytes=N-`) when the server said
    /// it accepts ranges (`Accept-Ranges: bytes`) and the request was a
    /// `GET`, up to 5 times; a body whose length differs from its
    /// `Content-Length` is an error.
    pub async fn save(self, path: impl AsRef<Path>) -> Result<u64, Error> {
        let (path, part) = (path.as_ref(), part_of(path.as_ref()));
        settle(&part, path, self.save_to(&part).await).await
    }

    async fn save_to(self, part: &Path) -> Result<u64, Error> {
        let total = self.content_length();
        let ranges = self.headers().get(ACCEPT_RANGES).is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"bytes"));
        let operation = self.resume.as_ref().map_or("download", |r| r.operation_id);
        let BinaryResponse { mut body, resume, .. } = self;
        let mut file = create(part).await?;
        let mut written = 0u64;
        let mut resumes = 0;
        loop {
            let cut = loop {
                match body.next_chunk().await {
                    Some(Ok(chunk)) => {
                        file.write_all(&chunk).await?;
                        written += chunk.len() as u64;
                    }
                    Some(Err(e @ Error::Transport { .. })) => break Some(e),
                    Some(Err(e)) => return Err(e),
                    None => break None,
                }
            };
            let Some(error) = cut else { break };
            let Some(resume) = resume.as_ref().filter(|_| ranges && resumes < RESUMES) else { return Err(error) };
            resumes += 1;
            tracing::debug!(operation, written, resumes, "download cut short: asking for the rest");
            let (status, rest) = resume.rest(written).await?;
            if status == StatusCode::OK {
                // The server sent the whole body again: start over.
                file.flush().await?;
                file = create(part).await?;
                written = 0;
            }
            body = rest;
        }
        file.flush().await?;
        if let Some(total) = total.filter(|t| *t != written) {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!("the `{operation}` body has {written} bytes where Content-Length said {total}"),
            )));
        }
        Ok(written)
    }
}

impl Resume {
    /// The body from byte `from` on: a `206` starting there, or a `200`
    /// with all of it (the status says which).
    async fn rest(&self, from: u64) -> Result<(StatusCode, ByteStream), Error> {
        let mut request =
            self.request.try_clone().ok_or_else(|| Error::InvalidRequest("the request cannot be sent again".into()))?;
        let range = reqwest::header::HeaderValue::from_str(&format!("bytes={from}-")).expect("ASCII");
        request.headers_mut().insert(reqwest::header::RANGE, range);
        let info = progenitor_client::OperationInfo { operation_id: self.operation_id };
        let opened = crate::transport::open(&self.client, request, &info, &self.options, self.effect, None).await?;
        let status = opened.meta.status();
        let starts = opened
            .meta
            .headers()
            .get(reqwest::header::CONTENT_RANGE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.strip_prefix("bytes ").is_some_and(|r| r.starts_with(&format!("{from}-"))));
        if status == StatusCode::PARTIAL_CONTENT && !starts {
            return Err(Error::InvalidRequest(format!("asked for bytes from {from}, the server sent another range")));
        }
        Ok((status, stream_of(opened).1))
    }
}
