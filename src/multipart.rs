//! Multipart forms: [`FilePart`], the content of a file field, and the
//! encoder the generated `send()` of an operation whose spec body is
//! `multipart/form-data` calls ([`multipart_body`]).
//!
//! The typed body is serialised once, as for JSON; each top-level field is
//! a part (text as it is, numbers and flags as JSON text, a list as one part
//! per item, an object as JSON) and each `FilePart` a file part. The form is
//! streamed: a file is read in chunks while it is sent, never held whole.

use crate::error::Error;
use crate::request::{Replay, RequestOptions};
use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};

/// How much of a file one chunk of the body holds.
const CHUNK: usize = 64 * 1024;

/// What a progress callback is given: bytes of the file sent, of how many.
type ProgressFn = dyn Fn(u64, u64) + Send + Sync;

/// A one-shot reader, taken by the first attempt that sends it.
type Reader = Arc<Mutex<Option<Box<dyn AsyncRead + Send + Unpin>>>>;

/// The content of a file field of a multipart request (`file` of an
/// upload, of a transcription): bytes in memory, a file on disk, or any
/// `AsyncRead` with its length.
///
/// Bytes and paths can be sent again, so a call that fails in a way its
/// retry policy retries is sent again whole; a reader is read once, and a
/// call with one is never retried.
///
/// ```no_run
/// # async fn f(client: &togetherai::Client) -> Result<(), togetherai::Error> {
/// use togetherai::FilePart;
/// let part = FilePart::path("train.jsonl")
///     .on_progress(|sent, total| eprintln!("{sent} of {total} bytes"));
/// # let _ = part; Ok(()) }
/// ```
#[derive(Clone)]
pub struct FilePart {
    file_name: String,
    content_type: Option<String>,
    source: Source,
    progress: Option<Arc<ProgressFn>>,
}

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    Path(PathBuf),
    Reader(Reader, u64),
}

impl FilePart {
    /// A file of these bytes, called `file_name` in the form.
    pub fn bytes(data: impl Into<Bytes>, file_name: impl Into<String>) -> Self {
        Self::from_source(Source::Bytes(data.into()), file_name.into())
    }

    /// The file at `path`, read while the request is sent (its name in the
    /// form is the path's last component). A file that cannot be read fails
    /// the call with [`Error::InvalidRequest`] before anything is sent.
    pub fn path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        let name = path.file_name().map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
        Self::from_source(Source::Path(path), name)
    }

    /// `length` bytes read from `reader` while the request is sent; a
    /// reader that ends before `length` (or goes beyond it) fails the call.
    /// Sent once: a call with a reader is never retried.
    pub fn reader(reader: impl AsyncRead + Send + Unpin + 'static, length: u64, file_name: impl Into<String>) -> Self {
        let reader: Box<dyn AsyncRead + Send + Unpin> = Box::new(reader);
        Self::from_source(Source::Reader(Arc::new(Mutex::new(Some(reader))), length), file_name.into())
    }

    fn from_source(source: Source, file_name: String) -> Self {
        FilePart { file_name, content_type: None, source, progress: None }
    }

    /// The file's name in the form.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = name.into();
        self
    }

    /// The part's `Content-Type` (else the spec's `encoding` for the field,
    /// else `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Called as the file's bytes are sent, with the bytes sent so far and
    /// the file's length: for a progress bar. Each attempt starts again at 0.
    pub fn on_progress(mut self, f: impl Fn(u64, u64) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(f));
        self
    }

    /// Whether the content can be sent again (bytes, a path), so that a
    /// call with it can be retried.
    pub fn is_replayable(&self) -> bool {
        !matches!(self.source, Source::Reader(..))
    }

    /// The file's length, read from the disk for a path.
    fn length(&self) -> Result<u64, Error> {
        match &self.source {
            Source::Bytes(b) => Ok(b.len() as u64),
            Source::Path(p) => std::fs::metadata(p)
                .map(|m| m.len())
                .map_err(|e| Error::InvalidRequest(format!("cannot read {}: {e}", p.display()))),
            Source::Reader(_, n) => Ok(*n),
        }
    }

    /// A reader of the content from its start; `None` for a reader already taken.
    fn open(&self) -> std::io::Result<Box<dyn AsyncRead + Send + Unpin>> {
        match &self.source {
            Source::Bytes(b) => Ok(Box::new(std::io::Cursor::new(b.clone()))),
            Source::Path(p) => Ok(Box::new(tokio::fs::File::from_std(std::fs::File::open(p)?))),
            Source::Reader(r, _) => r.lock().unwrap_or_else(|e| e.into_inner()).take().ok_or_else(|| {
                std::io::Error::other("the file part's reader was sent once already and cannot be read again")
            }),
        }
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match &self.source {
            Source::Bytes(b) => format!("{} bytes", b.len()),
            Source::Path(p) => p.display().to_string(),
            Source::Reader(_, n) => format!("a reader of {n} bytes"),
        };
        f.debug_struct("FilePart").field("file_name", &self.file_name).field("source", &source).finish()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(data: Vec<u8>) -> Self {
        FilePart::bytes(data, "file")
    }
}

impl From<Bytes> for FilePart {
    fn from(data: Bytes) -> Self {
        FilePart::bytes(data, "file")
    }
}

impl From<&Path> for FilePart {
    fn from(path: &Path) -> Self {
        FilePart::path(path)
    }
}

impl From<PathBuf> for FilePart {
    fn from(path: PathBuf) -> Self {
        FilePart::path(path)
    }
}

thread_local! {
    /// The file parts met while [`multipart_body`] serialises a body.
    static COLLECTED: RefCell<Option<Vec<FilePart>>> = const { RefCell::new(None) };
}

/// What a file part serialises to while a form is encoded: this, then its
/// index among the collected parts.
const MARK: &str = "\u{0}togetherai-file:";

/// Within [`multipart_body`], a mark the encoder replaces with the part;
/// anywhere else (a body logged as JSON), the file's name.
impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let marked = COLLECTED.with(|c| {
            c.borrow_mut().as_mut().map(|parts| {
                parts.push(self.clone());
                format!("{MARK}{}", parts.len() - 1)
            })
        });
        s.serialize_str(marked.as_deref().unwrap_or(&self.file_name))
    }
}

/// From JSON, a string is the file's content (`file` is its name): what a
/// request written as JSON (`conform`, a test) holds in a file field.
impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|text| FilePart::bytes(text.into_bytes(), "file"))
    }
}

/// A form ready to send: its parts, and each time [`Form::body`] is called
/// a new body streaming them.
pub(crate) struct Form {
    boundary: String,
    parts: Vec<(Bytes, Content)>,
    length: u64,
}

enum Content {
    Text(Bytes),
    File(FilePart, u64),
}

/// The form of a typed body: `encoding` is the spec's content type by
/// field. The options gain the means to send the form again (when no part
/// is a reader), which the retry loop uses as a streamed body has no copy.
pub(crate) fn multipart_body<B: Serialize>(
    body: &B,
    mut options: RequestOptions,
    encoding: &[(&str, &str)],
) -> Result<(Arc<Form>, RequestOptions), Error> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            COLLECTED.with(|c| c.borrow_mut().take());
        }
    }
    COLLECTED.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let reset = Reset;
    let value = serde_json::to_value(body).map_err(|e| Error::InvalidRequest(format!("cannot encode the form: {e}")));
    let files = COLLECTED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    let Value::Object(mut fields) = value? else {
        return Err(Error::InvalidRequest("a multipart body must be an object".into()));
    };
    fields.extend(options.extra.clone());
    let boundary = format!("togetherai-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    let mut form = Form { boundary, parts: Vec::new(), length: 0 };
    let type_of = |field: &str| encoding.iter().find(|(f, _)| *f == field).map(|(_, t)| *t);
    for (name, value) in &fields {
        let items = match value {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        for item in items {
            let (file, content) = match item {
                Value::Null => continue,
                Value::String(s) => match s.strip_prefix(MARK).and_then(|i| i.parse::<usize>().ok()) {
                    Some(i) => {
                        let part = files
                            .get(i)
                            .cloned()
                            .ok_or_else(|| Error::InvalidRequest("a file part went missing".into()))?;
                        let length = part.length()?;
                        (Some((part.file_name.clone(), part.content_type.clone())), Content::File(part, length))
                    }
                    None => (None, Content::Text(Bytes::from(s.clone()))),
                },
                Value::Object(_) | Value::Array(_) => (None, Content::Text(Bytes::from(item.to_string()))),
                other => (None, Content::Text(Bytes::from(other.to_string()))),
            };
            let json = matches!(item, Value::Object(_) | Value::Array(_));
            let declared = type_of(name).map(str::to_string);
            let content_type = match &file {
                Some((_, own)) => own.clone().or(declared).or_else(|| Some("application/octet-stream".into())),
                None => declared.or_else(|| json.then(|| "application/json".into())),
            };
            let head = part_head(&form.boundary, name, file.as_ref().map(|(n, _)| n.as_str()), content_type.as_deref());
            let size = match &content {
                Content::Text(t) => t.len() as u64,
                Content::File(_, n) => *n,
            };
            form.length += head.len() as u64 + size + 2;
            form.parts.push((head, content));
        }
    }
    // Files after the other fields: a server that reads the form as it
    // comes has the metadata before the content.
    form.parts.sort_by_key(|(_, c)| matches!(c, Content::File(..)));
    form.length += closing(&form.boundary).len() as u64;
    let form = Arc::new(form);
    if form.parts.iter().all(|(_, c)| !matches!(c, Content::File(f, _) if !f.is_replayable())) {
        let again = Arc::clone(&form);
        options.replay = Some(Replay::new(move || again.body()));
    }
    Ok((form, options))
}

/// `--boundary`, the part's `Content-Disposition` and `Content-Type`.
fn part_head(boundary: &str, name: &str, file_name: Option<&str>, content_type: Option<&str>) -> Bytes {
    // As browsers do: a quote, CR and LF in a name are percent-escaped.
    let quoted = |s: &str| s.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    let mut head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"", quoted(name));
    if let Some(file) = file_name {
        head.push_str(&format!("; filename=\"{}\"", quoted(file)));
    }
    head.push_str("\r\n");
    if let Some(t) = content_type {
        head.push_str(&format!("Content-Type: {t}\r\n"));
    }
    head.push_str("\r\n");
    Bytes::from(head)
}

fn closing(boundary: &str) -> Bytes {
    Bytes::from(format!("--{boundary}--\r\n"))
}

// Called by generated code, when the spec has a form.
#[allow(dead_code)]
impl Form {
    /// `Content-Type` with the boundary, and `Content-Length`.
    pub(crate) fn headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let content_type = format!("multipart/form-data; boundary={}", self.boundary);
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(&content_type).expect("a boundary is ASCII"));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(self.length));
        headers
    }

    /// A body streaming the form from its start.
    pub(crate) fn body(self: &Arc<Self>) -> reqwest::Body {
        reqwest::Body::wrap_stream(Parts { form: Arc::clone(self), at: 0, state: State::Head })
    }
}

/// The body of a form, part by part.
struct Parts {
    form: Arc<Form>,
    at: usize,
    state: State,
}

enum State {
    Head,
    Content,
    Reading { reader: Box<dyn AsyncRead + Send + Unpin>, sent: u64, length: u64 },
    Tail,
    Closed,
}

impl futures_core::Stream for Parts {
    type Item = std::io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            match &mut this.state {
                State::Head if this.at == this.form.parts.len() => {
                    this.state = State::Closed;
                    return Poll::Ready(Some(Ok(closing(&this.form.boundary))));
                }
                State::Head => {
                    this.state = State::Content;
                    return Poll::Ready(Some(Ok(this.form.parts[this.at].0.clone())));
                }
                State::Content => match &this.form.parts[this.at].1 {
                    Content::Text(t) => {
                        this.state = State::Tail;
                        return Poll::Ready(Some(Ok(t.clone())));
                    }
                    Content::File(part, length) => match part.open() {
                        Ok(reader) => this.state = State::Reading { reader, sent: 0, length: *length },
                        Err(e) => {
                            this.state = State::Closed;
                            return Poll::Ready(Some(Err(e)));
                        }
                    },
                },
                State::Reading { reader, sent, length } => {
                    let (before, length) = (*sent, *length);
                    let mut chunk = BytesMut::zeroed(CHUNK.min((length - before).max(1) as usize));
                    let mut buf = ReadBuf::new(&mut chunk);
                    let polled = Pin::new(reader).poll_read(cx, &mut buf);
                    let n = buf.filled().len();
                    let failed = match polled {
                        Poll::Pending => return Poll::Pending,
                        Poll::Ready(Err(e)) => Some(e),
                        Poll::Ready(Ok(())) if n == 0 && before != length => Some(std::io::Error::other(format!(
                            "the file part ended after {before} of its {length} bytes"
                        ))),
                        Poll::Ready(Ok(())) if before + n as u64 > length => {
                            Some(std::io::Error::other(format!("the file part is longer than its {length} bytes")))
                        }
                        Poll::Ready(Ok(())) => None,
                    };
                    if let Some(e) = failed {
                        this.state = State::Closed;
                        return Poll::Ready(Some(Err(e)));
                    }
                    if n == 0 {
                        this.state = State::Tail;
                        continue;
                    }
                    let now = before + n as u64;
                    if let State::Reading { sent, .. } = &mut this.state {
                        *sent = now;
                    }
                    if let Content::File(part, _) = &this.form.parts[this.at].1 {
                        if let Some(progress) = &part.progress {
                            progress(now, length);
                        }
                    }
                    chunk.truncate(n);
                    return Poll::Ready(Some(Ok(chunk.freeze())));
                }
                State::Tail => {
                    this.at += 1;
                    this.state = State::Head;
                    return Poll::Ready(Some(Ok(Bytes::from_static(b"\r\n"))));
                }
                State::Closed => return Poll::Ready(None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Upload {
        purpose: String,
        file: FilePart,
        tags: Vec<String>,
        n: i64,
        meta: Value,
        skipped: Option<String>,
    }

    /// The whole body of a form, chunk by chunk, as it is sent.
    async fn stream(form: &Arc<Form>) -> std::io::Result<Vec<u8>> {
        use futures_core::Stream;
        let mut parts = Parts { form: Arc::clone(form), at: 0, state: State::Head };
        let mut out = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut parts).poll_next(cx)).await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out)
    }

    async fn read(form: &Arc<Form>) -> Vec<u8> {
        stream(form).await.unwrap()
    }

    #[tokio::test]
    async fn a_form_has_a_part_per_field_and_its_declared_length() {
        let upload = Upload {
            purpose: "fine-tune".into(),
            file: FilePart::bytes(&b"{\"a\":1}\n"[..], "t.jsonl"),
            tags: vec!["x".into(), "y".into()],
            n: 3,
            meta: json!({ "k": true }),
            skipped: None,
        };
        let (form, options) =
            multipart_body(&upload, RequestOptions::default(), &[("file", "application/jsonl")]).unwrap();
        assert!(options.replay.is_some(), "bytes can be sent again");
        let body = read(&form).await;
        assert_eq!(body.len() as u64, form.length, "Content-Length is what is sent");
        let text = String::from_utf8(body).unwrap();
        let b = &form.boundary;
        let part =
            |head: &str, content: &str| format!("--{b}\r\nContent-Disposition: form-data; {head}\r\n\r\n{content}\r\n");
        // Fields in the order they serialise (by declaration or by name, as
        // serde_json's `preserve_order` has it), files last.
        let parts_of = |name: &str| match name {
            "meta" => vec![part("name=\"meta\"\r\nContent-Type: application/json", "{\"k\":true}")],
            "n" => vec![part("name=\"n\"", "3")],
            "purpose" => vec![part("name=\"purpose\"", "fine-tune")],
            "tags" => vec![part("name=\"tags\"", "x"), part("name=\"tags\"", "y")],
            _ => vec![],
        };
        let order = serde_json::to_value(&upload).unwrap();
        let mut expected: Vec<String> = order.as_object().unwrap().keys().flat_map(|k| parts_of(k)).collect();
        expected.push(part("name=\"file\"; filename=\"t.jsonl\"\r\nContent-Type: application/jsonl", "{\"a\":1}\n"));
        expected.push(format!("--{b}--\r\n"));
        let expected = expected.concat();
        assert_eq!(text, expected);
        assert_eq!(form.headers()[CONTENT_TYPE].to_str().unwrap(), format!("multipart/form-data; boundary={b}"));
        // The same body again, for a retry; outside a form, a file part is its name.
        assert_eq!(read(&form).await, expected.as_bytes());
        assert_eq!(serde_json::to_value(&upload).unwrap()["file"], "t.jsonl");
    }

    #[tokio::test]
    async fn a_reader_is_read_once_in_chunks_with_progress() {
        let data = vec![7u8; 3 * CHUNK + 5];
        let seen = Arc::new(Mutex::new(Vec::new()));
        let keep = Arc::clone(&seen);
        let file = FilePart::reader(std::io::Cursor::new(data.clone()), data.len() as u64, "big.bin")
            .on_progress(move |sent, total| keep.lock().unwrap().push((sent, total)));
        let upload = Upload { purpose: "p".into(), file, tags: vec![], n: 0, meta: Value::Null, skipped: None };
        let (form, options) = multipart_body(&upload, RequestOptions::default(), &[]).unwrap();
        assert!(options.replay.is_none(), "a reader cannot be sent again");
        let body = read(&form).await;
        assert_eq!(body.len() as u64, form.length);
        let reports = seen.lock().unwrap().clone();
        assert_eq!(reports.len(), 4, "{reports:?}");
        assert_eq!(reports.last(), Some(&(data.len() as u64, data.len() as u64)));
        // A second body finds the reader taken.
        assert!(stream(&form).await.is_err());
    }

    #[test]
    fn names_are_escaped_and_json_decodes_a_file_from_text() {
        let head = part_head("b", "a\"b", Some("x\r\ny.txt"), None);
        assert_eq!(
            &head[..],
            b"--b\r\nContent-Disposition: form-data; name=\"a%22b\"; filename=\"x%0D%0Ay.txt\"\r\n\r\n"
        );
        let part: FilePart = serde_json::from_value(json!("hello")).unwrap();
        assert_eq!((part.length().unwrap(), part.file_name.as_str()), (5, "file"));
        assert!(format!("{part:?}").contains("5 bytes"));
    }
}
