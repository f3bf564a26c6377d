//! An offline mock Together server, derived from the same spec as the client
//! (feature `mock`).
//!
//! Every operation of the spec answers: requests are validated against the
//! operation's schemas (a violation answers 400 with the API's error shape,
//! naming the field), responses are the spec's example or are synthesised
//! from the response schema, streams are realistic server-sent events, speech
//! is real audio, and collections (`/fine-tunes`, `/endpoints`...) keep what
//! is created in them. Faults are scripted with [`MockServer::push_reply`],
//! [`MockReply::disconnect_after`] and [`MockServerBuilder::latency`].
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let server = togetherai::mock::MockServer::start().await?;
//! let client = server.client();
//! let models = client.models_list().send().await.expect("the mock answers");
//! assert_eq!(server.requests("models_list"), 1);
//! # drop(models); Ok(()) }
//! ```

mod audio;
mod chat;
mod form;
pub(crate) mod schema;
mod session;
pub(crate) mod spec;
mod sse;
mod state;

use bytes::Bytes;
pub use form::FormPart;
use http_body_util::{combinators::BoxBody, BodyExt, Full, StreamBody};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use serde_json::{json, Map, Value};
use spec::{Operation, Spec};
use state::{Shape, Store};
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

type Body = BoxBody<Bytes, std::io::Error>;

/// A mock Together server on `127.0.0.1`, serving until it is dropped.
#[derive(Debug)]
pub struct MockServer {
    url: String,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

/// Configures a [`MockServer`] before it starts.
#[derive(Debug, Clone, Default)]
pub struct MockServerBuilder {
    latency: Duration,
}

/// A scripted answer for one request, served instead of the normal behaviour
/// (see [`MockServer::push_reply`]).
#[derive(Debug, Clone, Default)]
pub struct MockReply {
    status: Option<u16>,
    headers: Vec<(String, String)>,
    body: Option<ReplyBody>,
    disconnect_after: Option<usize>,
    cut_after_bytes: Option<u64>,
}

#[derive(Debug, Clone)]
enum ReplyBody {
    Json(Value),
    Text(String),
}

#[derive(Debug, Default)]
struct Shared {
    latency: Duration,
    replies: Mutex<HashMap<String, VecDeque<MockReply>>>,
    counts: Mutex<HashMap<String, usize>>,
    forms: Mutex<HashMap<String, Vec<FormPart>>>,
    contents: Mutex<HashMap<String, Bytes>>,
    headers: Mutex<HashMap<String, hyper::HeaderMap>>,
    store: Mutex<Store>,
}

impl MockServer {
    /// Starts a server with no latency on `127.0.0.1`, on a free port.
    /// Must be called within a Tokio runtime.
    pub async fn start() -> std::io::Result<MockServer> {
        MockServerBuilder::default().start().await
    }

    /// A builder, to add latency before starting.
    pub fn builder() -> MockServerBuilder {
        MockServerBuilder::default()
    }

    /// The base URL, for [`crate::ClientBuilder::base_url`] (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A client for this server, with a dummy API key.
    pub fn client(&self) -> crate::Client {
        crate::Client::builder()
            .api_key("mock-api-key")
            .base_url(self.url.clone())
            .build()
            .expect("a client with a base URL and a key always builds")
    }

    /// Queues a scripted answer for the next request of `operation_id`.
    /// Scripted answers are used in order, one per request, before the
    /// normal behaviour resumes.
    pub fn push_reply(&self, operation_id: &str, reply: MockReply) {
        lock(&self.shared.replies).entry(operation_id.to_string()).or_default().push_back(reply);
    }

    /// The bytes an operation with a binary answer (`files_content`,
    /// `finetune_download`) sends from now on, in place of the mock's own.
    pub fn set_content(&self, operation_id: &str, content: impl Into<Bytes>) {
        lock(&self.shared.contents).insert(operation_id.to_string(), content.into());
    }

    /// The parts of the last form `operation_id` received and accepted (an
    /// operation whose body is `multipart/form-data`).
    pub fn form(&self, operation_id: &str) -> Option<Vec<FormPart>> {
        lock(&self.shared.forms).get(operation_id).cloned()
    }

    /// The headers of the last request `operation_id` received (a
    /// session's handshake among them).
    pub fn request_headers(&self, operation_id: &str) -> Option<reqwest::header::HeaderMap> {
        lock(&self.shared.headers).get(operation_id).cloned()
    }

    /// How many requests `operation_id` has received (scripted ones included).
    pub fn requests(&self, operation_id: &str) -> usize {
        lock(&self.shared.counts).get(operation_id).copied().unwrap_or(0)
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl MockServerBuilder {
    /// Delays every answer by `latency` (before its first byte).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Binds `127.0.0.1:0` and starts serving. Must be called within a Tokio runtime.
    pub async fn start(self) -> std::io::Result<MockServer> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let _ = spec::spec();
        let shared = Arc::new(Shared { latency: self.latency, ..Shared::default() });
        let accept = tokio::spawn(accept(listener, shared.clone()));
        Ok(MockServer { url, shared, accept })
    }
}

impl MockReply {
    /// An answer with this status (and, unless a body is set, the API's
    /// error shape for error statuses, nothing otherwise).
    pub fn status(status: u16) -> Self {
        MockReply { status: Some(status), ..MockReply::default() }
    }

    /// The normal answer, but a stream's connection is closed after
    /// `events` events, without `[DONE]` (a non-streamed answer is cut
    /// before its body).
    pub fn disconnect_after(events: usize) -> Self {
        MockReply { disconnect_after: Some(events), ..MockReply::default() }
    }

    /// The normal answer, but a binary body (a file's content, a download)
    /// stops after `bytes` bytes with its connection reset, its
    /// `Content-Length` promising all of it: a download cut midway.
    pub fn cut_after_bytes(bytes: u64) -> Self {
        MockReply { cut_after_bytes: Some(bytes), ..MockReply::default() }
    }

    /// Adds a response header (`retry-after-ms: 50`); it replaces the mock's
    /// own header of that name (`content-type: text/event-stream` for a
    /// [`MockReply::text`] body that is an event stream).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// A JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(ReplyBody::Json(body));
        self
    }

    /// A plain-text body.
    pub fn text(mut self, body: &str) -> Self {
        self.body = Some(ReplyBody::Text(body.to_string()));
        self
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| {
                let shared = shared.clone();
                async move { Ok::<_, Infallible>(handle(&shared, req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades()
                .await;
        });
    }
}

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).map_err(|never| match never {}).boxed()
}

/// Numbers the answers' `x-request-id`s.
static REQUEST_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn respond(status: u16, content_type: Option<&str>, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let id = REQUEST_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    r.headers_mut().insert("x-request-id", format!("mock-req-{id}").parse().expect("a valid header"));
    if let Some(ct) = content_type {
        r.headers_mut().insert(hyper::header::CONTENT_TYPE, ct.parse().expect("valid content type"));
    }
    r
}

fn json_response(status: u16, value: &Value) -> Response<Body> {
    respond(status, Some("application/json"), full(serde_json::to_vec(value).expect("JSON serializes")))
}

/// The API's error body.
fn error(status: u16, kind: &str, message: &str, param: Option<&str>) -> Response<Body> {
    let mut e = json!({ "message": message, "type": kind });
    if let Some(p) = param {
        e["param"] = json!(p);
    }
    json_response(status, &json!({ "error": e }))
}

fn invalid(message: &str, param: &str) -> Response<Body> {
    error(400, "invalid_request_error", message, Some(param))
}

/// The JSON schema of an operation's 2xx body, when it is JSON.
pub(crate) fn json_schema(spec: &Spec, op: &Operation) -> Option<Value> {
    if op.override_media.is_some() {
        return None;
    }
    let (_, content) = op.success(spec);
    content.iter().find(|(m, _)| spec::is_json(m)).and_then(|(_, media)| media.get("schema")).cloned()
}

async fn handle(shared: &Shared, mut req: Request<Incoming>) -> Response<Body> {
    if !shared.latency.is_zero() {
        tokio::time::sleep(shared.latency).await;
    }
    let spec = spec::spec();
    let method = req.method().as_str().to_ascii_lowercase();
    let path = req.uri().path().to_string();
    let query: Vec<(String, String)> = req
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (spec::percent_decode(k), spec::percent_decode(v))
        })
        .collect();
    let header = |name| req.headers().get(name).and_then(|v: &hyper::header::HeaderValue| v.to_str().ok());
    let content_type = header(hyper::header::CONTENT_TYPE).unwrap_or_default().to_string();
    // `Range: bytes=N-`, the one form a resumed download asks for.
    let range =
        header(hyper::header::RANGE).and_then(|r| r.strip_prefix("bytes=")?.strip_suffix('-')?.parse::<u64>().ok());
    let Some((op, params)) = spec.route(&method, &path) else {
        return error(404, "not_found", &format!("no operation for {} {path}", method.to_uppercase()), None);
    };
    *lock(&shared.counts).entry(op.id.clone()).or_default() += 1;
    lock(&shared.headers).insert(op.id.clone(), req.headers().clone());
    // A WebSocket handshake: its connection is taken over once answered.
    let key = header(hyper::header::SEC_WEBSOCKET_KEY).map(str::to_string);
    let upgrade = (op.websocket() && key.is_some()).then(|| hyper::upgrade::on(&mut req));
    let bytes = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(e) => return error(400, "invalid_request_error", &format!("cannot read the body: {e}"), None),
    };
    let scripted = lock(&shared.replies).get_mut(&op.id).and_then(VecDeque::pop_front);
    let mut how = How { disconnect: None, cut_after_bytes: None, range };
    if let Some(reply) = scripted {
        match reply.status {
            Some(status) => return scripted_response(status, reply),
            None => (how.disconnect, how.cut_after_bytes) = (reply.disconnect_after, reply.cut_after_bytes),
        }
    }
    let disconnect = how.disconnect;
    // Parameters: query ones present when required, and every query or path
    // value of its schema's type and values.
    for p in op.parameters(spec) {
        let name = p["name"].as_str().unwrap_or_default();
        let given = match p["in"].as_str() {
            Some("query") => query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            Some("path") => params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            _ => continue,
        };
        let Some(text) = given else {
            if p["in"] == "query" && p["required"] == Value::Bool(true) {
                return invalid(&format!("the query parameter `{name}` is required"), name);
            }
            continue;
        };
        if let Some(schema) = p.get("schema") {
            if let Err(v) = schema::validate(spec, schema, &parameter_value(spec, schema, text), name) {
                return invalid(&v.message, &v.param);
            }
        }
    }
    if op.websocket() {
        return match (key, upgrade) {
            (Some(key), Some(upgrade)) => session::open(&key, upgrade, query, disconnect),
            _ => error(426, "invalid_request_error", "this operation opens a WebSocket session", None),
        };
    }
    // Body: a form read as the JSON object its schema describes, or JSON.
    if let Some(schema) = op.form_schema(spec) {
        let parts = match form::parse(&content_type, &bytes) {
            Ok(parts) => parts,
            Err(e) => return invalid(&format!("not a form: {e}"), ""),
        };
        let body = match form::checked(spec, &schema, &parts) {
            Ok(body) => body,
            Err((message, param)) => return invalid(&message, &param),
        };
        lock(&shared.forms).insert(op.id.clone(), parts);
        return answer(shared, spec, op, &params, &body, &how);
    }
    let body = match op.request_schema(spec) {
        Some(schema) if !bytes.is_empty() => {
            let body: Value = match serde_json::from_slice(&bytes) {
                Ok(v) => v,
                Err(e) => return invalid(&format!("the body is not valid JSON: {e}"), ""),
            };
            if let Err(v) = schema::validate(spec, &schema, &body, "") {
                return invalid(&v.message, &v.param);
            }
            body
        }
        Some(_) if op.body_required(spec) => return invalid("a request body is required", ""),
        _ => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    };
    let response = answer(shared, spec, op, &params, &body, &how);
    match disconnect {
        Some(_) if response.headers().get(hyper::header::CONTENT_TYPE).is_none_or(|c| c != "text/event-stream") => {
            let (parts, _) = response.into_parts();
            let cut = StreamBody::new(sse::Frames::failing());
            Response::from_parts(parts, cut.boxed())
        }
        _ => response,
    }
}

/// A parameter's text as the JSON its schema describes: `5` an integer
/// where the schema wants one, `true` a boolean, anything else a string.
fn parameter_value(spec: &Spec, schema: &Value, text: &str) -> Value {
    let schema = spec.resolve(schema);
    let wants = |t: &str| {
        schema.get("type").is_some_and(|ty| ty == t || ty.as_array().is_some_and(|a| a.iter().any(|x| x == t)))
    };
    let parsed =
        if wants("integer") || wants("number") || wants("boolean") { serde_json::from_str(text).ok() } else { None };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

fn scripted_response(status: u16, reply: MockReply) -> Response<Body> {
    let mut response = match reply.body {
        Some(ReplyBody::Json(v)) => json_response(status, &v),
        Some(ReplyBody::Text(t)) => respond(status, Some("text/plain; charset=utf-8"), full(t)),
        None if status >= 400 => {
            let kind = if status == 429 { "rate_limit_exceeded" } else { "mock_error" };
            error(status, kind, &format!("scripted {status} answer from the mock server"), None)
        }
        None => respond(status, None, full(Bytes::new())),
    };
    // A scripted header replaces the mock's own of that name (`content-type`).
    for (k, _) in &reply.headers {
        response.headers_mut().remove(k.as_str());
    }
    for (k, v) in reply.headers {
        if let (Ok(k), Ok(v)) = (hyper::header::HeaderName::try_from(k), hyper::header::HeaderValue::try_from(v)) {
            response.headers_mut().append(k, v);
        }
    }
    response
}

/// The normal answer of `op`.
fn answer(
    shared: &Shared,
    spec: &Spec,
    op: &Operation,
    params: &[(String, String)],
    body: &Value,
    how: &How,
) -> Response<Body> {
    let (status, content) = op.success(spec);
    if let Some(media) = &op.override_media {
        return binary(shared, op, status, media, how);
    }
    let streams = content.contains_key("text/event-stream");
    let only_stream = streams && content.len() == 1;
    let audio = content.keys().any(|m| m.starts_with("audio/"));
    let model = body.get("model").and_then(Value::as_str).unwrap_or("mock-model").to_string();
    if streams && (only_stream || body.get("stream") == Some(&Value::Bool(true))) {
        let events = sse::events(spec, &content["text/event-stream"], body, &model, audio);
        return respond(
            status,
            Some("text/event-stream"),
            StreamBody::new(sse::Frames::new(events, how.disconnect)).boxed(),
        );
    }
    if audio {
        let speech = audio::Speech::from_request(body);
        return match body.get("response_format").and_then(Value::as_str).unwrap_or("wav") {
            "raw" => respond(status, Some("application/octet-stream"), full(speech.pcm())),
            "mp3" => respond(status, Some("audio/mpeg"), full(audio::mp3_silence(8))),
            _ => respond(status, Some("audio/wav"), full(speech.wav())),
        };
    }
    if let Some((media, m)) = content.iter().find(|(m, _)| spec::is_json(m)) {
        let schema = m.get("schema").cloned().unwrap_or(json!({}));
        let example = m.get("example").cloned().or_else(|| {
            let examples = m.get("examples")?.as_object()?;
            examples.values().next().map(|e| spec.resolve(e).get("value").cloned().unwrap_or(Value::Null))
        });
        let mut base = match example {
            Some(e) if schema::validate(spec, &schema, &e, "").is_ok() => e,
            _ => schema::synthesize(spec, &schema),
        };
        echo(spec, &schema, &mut base, body);
        let value = stateful(shared, spec, op, params, body, &schema, base);
        return respond(status, Some(media), full(serde_json::to_vec(&value).expect("JSON serializes")));
    }
    if let Shape::Delete(c, id) = Shape::of(op, params) {
        lock(&shared.store).remove(&c, &id);
    }
    match content.keys().next() {
        Some(media) => binary(shared, op, status, media, how),
        None => respond(status, None, full(Bytes::new())),
    }
}

/// How a request asked to be answered: the faults of a scripted
/// [`MockReply`], and the `Range` it asks for.
struct How {
    disconnect: Option<usize>,
    cut_after_bytes: Option<u64>,
    range: Option<u64>,
}

/// A binary answer: the operation's content ([`MockServer::set_content`],
/// else the mock's own), from the byte a `Range` asks for (`206`), cut
/// short when the script says so.
fn binary(shared: &Shared, op: &Operation, status: u16, media: &str, how: &How) -> Response<Body> {
    let content = lock(&shared.contents).get(&op.id).cloned().unwrap_or_else(|| Bytes::from(binary_content(op)));
    let len = content.len() as u64;
    let (status, body) = match how.range {
        Some(from) if from < len => (206, content.slice(from as usize..)),
        _ => (status, content),
    };
    let total = body.len() as u64;
    let sent = match how.cut_after_bytes {
        Some(cut) if cut < total => StreamBody::new(Cut::new(body.slice(..cut as usize))).boxed(),
        _ => full(body),
    };
    let mut response = respond(status, Some(media), sent);
    let headers = response.headers_mut();
    headers.insert(hyper::header::ACCEPT_RANGES, hyper::header::HeaderValue::from_static("bytes"));
    headers.insert(hyper::header::CONTENT_LENGTH, total.into());
    if status == 206 {
        let range = format!("bytes {}-{}/{len}", len - total, len.saturating_sub(1));
        headers.insert(hyper::header::CONTENT_RANGE, range.parse().expect("ASCII"));
    }
    response
}

/// A body that sends its bytes, then, once they have had time to leave,
/// fails (the connection is reset): hyper drops what it has not written yet.
struct Cut(Option<Bytes>, Option<std::pin::Pin<Box<tokio::time::Sleep>>>);

impl Cut {
    fn new(bytes: Bytes) -> Self {
        Cut(Some(bytes), None)
    }
}

impl futures_core::Stream for Cut {
    type Item = Result<hyper::body::Frame<Bytes>, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        use std::future::Future;
        use std::task::Poll;
        if let Some(bytes) = self.0.take() {
            self.1 = Some(Box::pin(tokio::time::sleep(Duration::from_millis(50))));
            return Poll::Ready(Some(Ok(hyper::body::Frame::data(bytes))));
        }
        match self.1.as_mut().map(|s| s.as_mut().poll(cx)) {
            Some(Poll::Pending) => Poll::Pending,
            _ => Poll::Ready(Some(Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "the mock cut the download",
            )))),
        }
    }
}

/// Bytes for a binary answer.
fn binary_content(op: &Operation) -> Vec<u8> {
    if op.path.contains("files") {
        b"{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"}]}\n"
            .to_vec()
    } else {
        format!("mock bytes of {} ({} {})\n", op.id, op.method.to_uppercase(), op.path).into_bytes()
    }
}

/// The canned answer of chat and completions.
pub(crate) const CANNED: &str = "Hello! This is the Together mock server answering.";

/// Echoes what makes sense from the request: its `model`; in `choices`,
/// the answer it asks for ([`chat::Reply`]: a tool call, JSON, text); one
/// embedding per input; a generated image (a request with a `prompt`) as a
/// URL or bytes of the format asked for.
fn echo(spec: &Spec, schema: &Value, value: &mut Value, body: &Value) {
    if let Some(model) = body.get("model").filter(|m| m.is_string()) {
        let mut o = Map::new();
        o.insert("model".into(), model.clone());
        schema::overlay(spec, schema, value, &o);
    }
    let reply = chat::Reply::to(spec, body);
    if let Some(choices) = value.get_mut("choices").and_then(Value::as_array_mut) {
        for (i, choice) in choices.iter_mut().enumerate() {
            if let Some(c) = choice.as_object_mut() {
                if c.contains_key("index") {
                    c.insert("index".into(), json!(i));
                }
                if c.get("finish_reason").is_some_and(Value::is_string) {
                    c.insert("finish_reason".into(), json!(reply.finish_reason()));
                }
                if c.get("text").is_some_and(Value::is_string) {
                    c.insert("text".into(), json!(reply.text().unwrap_or_default()));
                }
                if let Some(m) = c.get_mut("message").and_then(Value::as_object_mut) {
                    m.insert("role".into(), json!("assistant"));
                    m.insert("content".into(), reply.text().map_or(Value::Null, |t| json!(t)));
                    m.remove("function_call");
                    match reply.tool_calls() {
                        Some(calls) => m.insert("tool_calls".into(), calls),
                        None => m.remove("tool_calls"),
                    };
                }
            }
        }
    }
    let Some(data) = value.get_mut("data").and_then(Value::as_array_mut) else { return };
    let Some(first) = data.first().cloned() else { return };
    if first.get("embedding").is_some() && body.get("input").is_some() {
        // One vector per input, all of one dimension.
        let inputs = body.get("input").and_then(Value::as_array).map_or(1, Vec::len);
        *data = (0..inputs).map(|i| with(&first, "index", json!(i))).collect();
    } else if body.get("prompt").is_some() && (first.get("b64_json").is_some() || first.get("url").is_some()) {
        let url = body.get("response_format").and_then(Value::as_str) == Some("url");
        let format = body.get("output_format").and_then(Value::as_str).unwrap_or("png");
        for item in data.iter_mut() {
            if let Some(o) = item.as_object_mut() {
                o.remove("b64_json");
                o.remove("url");
                let field = if url { "url" } else { "b64_json" };
                let image = if url {
                    json!(format!("https://mock.invalid/image.{format}"))
                } else {
                    json!(image_base64(format))
                };
                o.insert(field.into(), image);
                // Newer specs tag each image with the field it carries.
                if let Some(tag) = o.get_mut("type") {
                    *tag = json!(field);
                }
            }
        }
    }
}

/// `value` with `key` set, when it is an object that has it.
fn with(value: &Value, key: &str, set: Value) -> Value {
    let mut out = value.clone();
    if let Some(o) = out.as_object_mut().filter(|o| o.contains_key(key)) {
        o.insert(key.into(), set);
    }
    out
}

/// A one-pixel image in the format asked for, base64.
fn image_base64(format: &str) -> String {
    use base64::Engine;
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xd9";
    let bytes = match format {
        "jpeg" | "jpg" => JPEG,
        _ => PNG,
    };
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Applies the collection semantics of the operation's path shape.
fn stateful(
    shared: &Shared,
    spec: &Spec,
    op: &Operation,
    params: &[(String, String)],
    body: &Value,
    schema: &Value,
    mut base: Value,
) -> Value {
    let shape = Shape::of(op, params);
    let collection = match &shape {
        Shape::Create(c) | Shape::List(c) => c.clone(),
        Shape::Get(c, _) | Shape::Update(c, _) | Shape::Delete(c, _) | Shape::Cancel(c, _) => c.clone(),
        Shape::Other => return base,
    };
    let id_overlay = |id: &str| {
        let mut o = Map::new();
        for (name, value) in params {
            o.insert(name.clone(), json!(value));
            o.insert(snake(name), json!(value));
        }
        o.insert("id".into(), json!(id));
        o
    };
    if !state::is_stateful(spec, &collection) {
        if let Shape::Get(_, id) | Shape::Update(_, id) | Shape::Delete(_, id) | Shape::Cancel(_, id) = &shape {
            schema::overlay(spec, schema, &mut base, &id_overlay(id));
        }
        return base;
    }
    let mut store = lock(&shared.store);
    let project = |object: &Map<String, Value>, schema: &Value| {
        let mut v = schema::synthesize(spec, schema);
        schema::overlay(spec, schema, &mut v, object);
        v
    };
    match shape {
        Shape::Create(c) => {
            if let Some(b) = body.as_object() {
                schema::overlay(spec, schema, &mut base, b);
            }
            let id = store.new_id(&c);
            schema::overlay(spec, schema, &mut base, &id_overlay(&id));
            let mut stored = body.as_object().cloned().unwrap_or_default();
            stored.extend(base.as_object().cloned().unwrap_or_default());
            store.insert(&c, stored);
            base
        }
        Shape::List(c) => {
            let objects = store.list(&c);
            if let Some(items) =
                schema::property(spec, schema, "data").and_then(|d| spec.resolve(&d).get("items").cloned())
            {
                base["data"] = Value::Array(objects.iter().map(|o| project(o, &items)).collect());
            } else if let Some(items) = spec.resolve(schema).get("items").cloned() {
                base = Value::Array(objects.iter().map(|o| project(o, &items)).collect());
            }
            base
        }
        Shape::Get(c, id) => match store.get_mut(&c, &id) {
            Some(o) => project(o, schema),
            None => {
                schema::overlay(spec, schema, &mut base, &id_overlay(&id));
                base
            }
        },
        Shape::Update(c, id) => match store.get_mut(&c, &id) {
            Some(o) => {
                o.extend(body.as_object().cloned().unwrap_or_default());
                project(o, schema)
            }
            None => {
                schema::overlay(spec, schema, &mut base, &id_overlay(&id));
                base
            }
        },
        Shape::Cancel(c, id) => {
            let mut cancelled = Map::new();
            cancelled.insert("status".into(), json!("cancelled"));
            match store.get_mut(&c, &id) {
                Some(o) => {
                    o.insert("status".into(), json!("cancelled"));
                    project(o, schema)
                }
                None => {
                    schema::overlay(spec, schema, &mut base, &id_overlay(&id));
                    schema::overlay(spec, schema, &mut base, &cancelled);
                    base
                }
            }
        }
        Shape::Delete(c, id) => {
            store.remove(&c, &id);
            schema::overlay(spec, schema, &mut base, &id_overlay(&id));
            base
        }
        Shape::Other => base,
    }
}

/// `jobId` -> `job_id`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_routed() {
        let spec = spec::spec();
        assert!(!spec.operations.is_empty());
        for op in &spec.operations {
            let concrete = op.path.replace('{', "x").replace('}', "");
            let (found, _) = spec.route(&op.method, &concrete).expect("routed");
            assert_eq!(found.id, op.id);
        }
    }

    /// Whatever spec the crate was built from (CI runs this with the newest
    /// upstream one): every operation, called with a body and parameters made
    /// from its schemas, answers 2xx, and JSON answers fit the response schema.
    #[tokio::test]
    async fn every_operation_of_the_spec_answers() {
        let spec = spec::spec();
        let server = MockServer::start().await.unwrap();
        let http = crate::ClientBuilder::http_client_builder().unwrap().build().unwrap();
        // The sessions have tests of their own (`session::tests`).
        for op in spec.operations.iter().filter(|o| !o.websocket()) {
            let mut path = op.path.clone();
            let mut query = Vec::new();
            for p in op.parameters(spec) {
                let name = p["name"].as_str().unwrap_or_default();
                let value = schema::synthesize(spec, p.get("schema").unwrap_or(&Value::Null));
                let value = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
                match p["in"].as_str() {
                    Some("path") => path = path.replace(&format!("{{{name}}}"), &value),
                    Some("query") if p["required"] == Value::Bool(true) => query.push((name.to_owned(), value)),
                    _ => {}
                }
            }
            let method = reqwest::Method::from_bytes(op.method.to_uppercase().as_bytes()).unwrap();
            let mut request = http.request(method, format!("{}{path}", server.url())).query(&query);
            if let Some(body) = op.request_schema(spec) {
                request = request.json(&schema::synthesize(spec, &body));
            } else if let Some(form) = op.form_schema(spec) {
                let (content_type, body) = form::encode(spec, &form, &schema::synthesize(spec, &form));
                request = request.header("content-type", content_type).body(body);
            }
            let response = request.send().await.unwrap();
            let status = response.status();
            let json = response.headers().get("content-type").is_some_and(|c| c == "application/json");
            let body = response.bytes().await.unwrap();
            assert!(status.is_success(), "{} {}: {status} {}", op.method, op.path, String::from_utf8_lossy(&body));
            let (_, content) = op.success(spec);
            let declared = content.iter().find(|(m, _)| spec::is_json(m)).and_then(|(_, m)| m.get("schema"));
            if let (true, Some(declared)) = (json && op.override_media.is_none(), declared) {
                let value: Value = serde_json::from_slice(&body).unwrap();
                schema::validate(spec, declared, &value, "")
                    .unwrap_or_else(|v| panic!("{} {}: answer does not fit its schema: {v:?}", op.method, op.path));
            }
        }
    }

    #[test]
    fn shapes_follow_paths() {
        let spec = spec::spec();
        let shape = |m: &str, p: &str| {
            let (op, params) = spec.route(m, p).unwrap();
            Shape::of(op, &params)
        };
        assert_eq!(shape("post", "/fine-tunes"), Shape::Create("/fine-tunes".into()));
        assert_eq!(shape("post", "/fine-tunes/ft-1/cancel"), Shape::Cancel("/fine-tunes".into(), "ft-1".into()));
        assert_eq!(shape("delete", "/endpoints/e-1"), Shape::Delete("/endpoints".into(), "e-1".into()));
        assert!(state::is_stateful(spec, "/fine-tunes") && state::is_stateful(spec, "/endpoints"));
    }
}
