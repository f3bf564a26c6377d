//! Conformance (feature `conform`): every generated operation, called
//! through the same typed builder a user calls, with a request derived from
//! the spec, and a report of what came back. `cargo xtask conform` runs it
//! against [Prism](https://stoplight.io/open-source/prism), which checks
//! each request against the spec and answers with schema-valid bodies.
//!
//! - [`operations`]: the generated table, one entry per operation (the
//!   glue is generated: it decodes each parameter and the body into the
//!   types the builder's setters take, calls them and `send()`).
//! - [`Request::from_spec`]: the parameters and body of an operation, each
//!   the spec's example when it is valid against its schema, else a value
//!   built from the schema (the mock server's synthesis).
//! - [`run`]: every operation `calls` times, and a [`Report`]: per operation
//!   the calls, the requests Prism flagged (its `sl-violations` header),
//!   the answers that did not decode, and the time taken.
//!
//! Prism flags a request it finds against the spec with an entry whose
//! `location` starts with `request`; an entry starting with `response` is
//! its own answer breaking the spec, which the client has no say in:
//! counted, not failed.

use crate::mock::schema::{synthesize, validate};
use crate::mock::spec::{spec, Spec};
use crate::{BinaryResponse, Client, Error, EventStream, Response};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

/// The future of one generated call.
pub(crate) type Call<'a> = Pin<Box<dyn Future<Output = Result<Answer, Error>> + Send + 'a>>;

/// One generated operation, callable with its request as JSON.
pub struct Operation {
    /// The operation id, as the client names it.
    pub id: &'static str,
    pub(crate) call: for<'a> fn(&'a Client, &'a Request) -> Call<'a>,
}

impl std::fmt::Debug for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation").field("id", &self.id).finish_non_exhaustive()
    }
}

impl Operation {
    /// Calls the operation's typed builder with `request`: each parameter
    /// and the body decoded into the setter's type (a value that does not
    /// decode is [`Error::InvalidRequest`]), then `send()`.
    pub async fn call(&self, client: &Client, request: &Request) -> Result<Answer, Error> {
        (self.call)(client, request).await
    }

    /// `(method, path template)`, as the spec writes them.
    pub fn route(&self) -> (String, String) {
        spec()
            .operations
            .iter()
            .find(|o| o.id == self.id)
            .map(|o| (o.method.to_uppercase(), o.path.clone()))
            .unwrap_or_default()
    }
}

/// Every generated operation, in the spec's order.
pub fn operations() -> &'static [Operation] {
    crate::generated::conform::OPERATIONS
}

/// An operation's request as JSON: parameters by the spec's names, and the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Request {
    /// Each parameter's value, by its name in the spec.
    pub parameters: Map<String, Value>,
    /// The JSON body, for an operation that takes one.
    pub body: Option<Value>,
}

impl Request {
    /// The request the spec describes for the operation `id`: every
    /// parameter (path, query, header) and the JSON body, each the spec's
    /// example when one is valid against its schema, else built from the
    /// schema. `None` for an id the spec lacks.
    pub fn from_spec(id: &str) -> Option<Request> {
        let spec = spec();
        let op = spec.operations.iter().find(|o| o.id == id)?;
        let mut request = Request::default();
        for p in op.parameters(spec) {
            let (Some(name), Some(schema)) = (p.get("name").and_then(Value::as_str), p.get("schema")) else {
                continue;
            };
            // A deprecated parameter is one a client should not send.
            if p.get("deprecated") == Some(&Value::Bool(true)) && p.get("required") != Some(&Value::Bool(true)) {
                continue;
            }
            let examples = p.get("examples").and_then(Value::as_object);
            let candidates =
                p.get("example").into_iter().chain(examples.into_iter().flatten().filter_map(|(_, e)| e.get("value")));
            request.parameters.insert(name.to_string(), example_or_synthesized(spec, schema, candidates));
        }
        // A form (`multipart/form-data`) is written as the JSON object of its
        // schema too: the typed body decodes it, a file field from its text.
        if let Some(schema) = op.request_schema(spec).or_else(|| op.form_schema(spec)) {
            let body = spec.resolve(op.op.get("requestBody").unwrap_or(&Value::Null)).into_owned();
            let media = body["content"].as_object().and_then(|c| {
                c.iter().find(|(m, _)| crate::mock::spec::is_json(m) || m.starts_with("multipart/form-data"))
            });
            let media = media.map(|(_, m)| m.clone()).unwrap_or_default();
            let examples = media.get("examples").and_then(Value::as_object);
            let candidates = media
                .get("example")
                .into_iter()
                .chain(examples.into_iter().flatten().filter_map(|(_, e)| e.get("value")));
            request.body = Some(example_or_synthesized(spec, &schema, candidates));
        }
        Some(request)
    }

    /// Parameter `name` as the type its builder setter takes.
    pub(crate) fn parameter<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, Error> {
        self.parameters.get(name).map(|v| decode(v, &format!("parameter `{name}`"))).transpose()
    }

    /// The body as the type the builder's `body()` takes.
    pub(crate) fn body<T: DeserializeOwned>(&self) -> Result<Option<T>, Error> {
        self.body.as_ref().map(|v| decode(v, "the body")).transpose()
    }
}

fn decode<T: DeserializeOwned>(value: &Value, what: &str) -> Result<T, Error> {
    serde_path_to_error::deserialize(value)
        .map_err(|e| Error::InvalidRequest(format!("{what} does not decode at `{}`: {}", e.path(), e.inner())))
}

/// The first candidate valid against `schema` (the schema's own `example`
/// and `default` after the given ones), else a synthesised value.
fn example_or_synthesized<'a>(spec: &Spec, schema: &'a Value, given: impl Iterator<Item = &'a Value>) -> Value {
    let resolved = spec.resolve(schema).into_owned();
    let own = [resolved.get("example").cloned(), resolved.get("default").cloned()];
    given
        .cloned()
        .chain(own.into_iter().flatten())
        .find(|v| validate(spec, schema, v, "").is_ok())
        .unwrap_or_else(|| synthesize(spec, schema))
}

/// What an operation answered, re-encoded from its typed value.
#[derive(Debug, Clone)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The response headers (Prism's `sl-violations` among them).
    pub headers: HeaderMap,
    /// The typed answer serialised again; `{"bytes": n}` for a binary one
    /// (read to the end), the list of events for a stream.
    pub body: Value,
}

/// A typed answer of a generated `send()`, made an [`Answer`].
pub(crate) trait Answered: Send {
    fn answer(self) -> impl Future<Output = Result<Answer, Error>> + Send;
}

impl<T: Serialize + Send> Answered for Response<T> {
    async fn answer(self) -> Result<Answer, Error> {
        let (status, headers) = (self.status().as_u16(), self.headers().clone());
        let body = serde_json::to_value(self.into_inner())
            .map_err(|e| Error::InvalidRequest(format!("the decoded answer does not encode: {e}")))?;
        Ok(Answer { status, headers, body })
    }
}

impl Answered for BinaryResponse {
    async fn answer(self) -> Result<Answer, Error> {
        let (status, headers) = (self.status().as_u16(), self.headers().clone());
        let bytes = self.bytes().await?;
        Ok(Answer { status, headers, body: serde_json::json!({ "bytes": bytes.len() }) })
    }
}

impl<T: DeserializeOwned + Serialize + Send + Unpin + 'static> Answered for EventStream<T> {
    async fn answer(mut self) -> Result<Answer, Error> {
        use futures_core::Stream;
        let (status, headers) = (self.status().as_u16(), self.headers().clone());
        let mut events = Vec::new();
        while let Some(event) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_next(cx)).await {
            events.push(serde_json::to_value(event?).unwrap_or_default());
        }
        Ok(Answer { status, headers, body: Value::Array(events) })
    }
}

/// A session answers with its first event (`session.created`), then closes.
impl Answered for crate::Session {
    async fn answer(mut self) -> Result<Answer, Error> {
        use futures_util::StreamExt;
        let headers = self.headers().clone();
        let first = self.next().await.transpose()?;
        self.close().await?;
        let body = first.map(crate::SessionEvent::into_json).unwrap_or_default();
        Ok(Answer { status: 101, headers, body })
    }
}

/// What generated glue calls with the result of `send()`.
pub(crate) async fn answer<A: Answered>(sent: Result<A, Error>) -> Result<Answer, Error> {
    sent?.answer().await
}

/// What one operation did over all its calls.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct OperationReport {
    /// The operation id.
    pub id: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template.
    pub path: String,
    /// Calls made.
    pub calls: usize,
    /// Calls that answered 2xx and decoded.
    pub decoded: usize,
    /// Calls whose request Prism flagged against the spec.
    pub request_violations: usize,
    /// Answers that did not decode into the operation's type.
    pub decode_failures: usize,
    /// Answers with an error status (one the operation documents as other
    /// than an error, a redirect without a `Location`, is an answer).
    pub http_errors: usize,
    /// Answers that did not decode and break the operation's own response
    /// schema (the spec's example or default against its type): the spec's
    /// inconsistency, reported, not a failure of the client.
    pub spec_breaks: usize,
    /// Anything else: a request that did not decode into the builder's
    /// types, a connection that failed.
    pub other_failures: usize,
    /// Calls whose answer Prism itself flagged against the spec (not a failure).
    pub responses_flagged: usize,
    /// Wall time of all its calls, in milliseconds.
    pub millis: u64,
}

/// One distinct problem, with how often it was seen.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The operation id.
    pub operation: String,
    /// What was seen, the same text for each occurrence.
    pub what: String,
    /// How many calls saw it.
    pub count: usize,
    /// The request or body behind the first occurrence.
    pub detail: String,
    /// Whether it fails the run (Prism's flags on its own answers do not).
    pub fails: bool,
}

/// A run over every operation.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// Per operation, in the spec's order.
    pub operations: Vec<OperationReport>,
    /// Each distinct problem once.
    pub findings: Vec<Finding>,
    /// Wall time of the run, in milliseconds.
    pub millis: u64,
    /// The spec's operations this build does not generate, so not called:
    /// `METHOD path: reason` ([`crate::UNSUPPORTED_OPERATIONS`]).
    pub not_generated: Vec<String>,
    /// The WebSocket sessions not opened (`run` without `sessions`):
    /// `METHOD path`.
    pub not_called: Vec<String>,
}

impl Report {
    /// No request flagged, every answer decoded, no other failure.
    pub fn passed(&self) -> bool {
        self.findings.iter().all(|f| !f.fails)
    }
}

/// How much of a body a finding quotes.
const DETAIL_CHARS: usize = 2000;

/// Calls every generated operation `calls` times with its request from the
/// spec, against whatever `client` points at. `sessions`: also open the
/// WebSocket sessions (Prism serves none; the mock does), each answering
/// with its first event.
pub async fn run(client: &Client, calls: usize, sessions: bool) -> Report {
    let started = Instant::now();
    let mut findings: BTreeMap<(String, String), Finding> = BTreeMap::new();
    let mut note = |op: &str, what: String, fails: bool, detail: &dyn Fn() -> String| {
        let f = findings.entry((op.to_string(), what.clone())).or_insert_with(|| Finding {
            operation: op.to_string(),
            what,
            count: 0,
            detail: excerpt(&detail()),
            fails,
        });
        f.count += 1;
    };
    let mut report = Report::default();
    for op in operations() {
        let (method, path) = op.route();
        let session = spec().operations.iter().any(|o| o.id == op.id && o.websocket());
        if session && !sessions {
            report.not_called.push(format!("{method} {path}"));
            continue;
        }
        let mut stats = OperationReport { id: op.id.to_string(), method, path, ..Default::default() };
        let request = Request::from_spec(op.id).unwrap_or_default();
        let shown = || format!("request: {}", serde_json::to_string(&request).unwrap_or_default());
        let mut time = Duration::ZERO;
        for _ in 0..calls {
            let at = Instant::now();
            let result = op.call(client, &request).await;
            time += at.elapsed();
            stats.calls += 1;
            let headers = match &result {
                Ok(answer) => Some(&answer.headers),
                Err(Error::Api(e)) => Some(&e.headers),
                Err(_) => None,
            };
            let found = headers.map(violations).unwrap_or_default();
            if !found.request.is_empty() {
                stats.request_violations += 1;
            }
            if !found.response.is_empty() {
                stats.responses_flagged += 1;
            }
            for v in found.request {
                note(op.id, format!("request violation: {v}"), true, &shown);
            }
            for v in found.response {
                note(op.id, format!("answer flagged by Prism: {v}"), false, &String::new);
            }
            match result {
                Ok(_) => stats.decoded += 1,
                Err(Error::Decode { path, message, body, .. }) => {
                    let text = String::from_utf8_lossy(&body).into_owned();
                    match breaks_spec(op.id, &body) {
                        Some(why) => {
                            stats.spec_breaks += 1;
                            let what = format!("the answer breaks the spec ({why}), so it does not decode at `{path}`");
                            note(op.id, what, false, &|| format!("body: {text}"));
                        }
                        None => {
                            stats.decode_failures += 1;
                            let what = format!("decode failure at `{path}`: {message}");
                            note(op.id, what, true, &|| format!("body: {text}"));
                        }
                    }
                }
                Err(Error::Api(e)) if documented(op.id, e.status.as_u16()) => stats.decoded += 1,
                Err(Error::Api(e)) => {
                    stats.http_errors += 1;
                    let body = String::from_utf8_lossy(&e.body).into_owned();
                    note(op.id, format!("HTTP {}: {}", e.status, e.message()), true, &|| {
                        format!("{} / body: {body}", shown())
                    });
                }
                Err(e) => {
                    stats.other_failures += 1;
                    note(op.id, e.to_string(), true, &shown);
                }
            }
        }
        stats.millis = time.as_millis() as u64;
        report.operations.push(stats);
    }
    report.findings = findings.into_values().collect();
    report.millis = started.elapsed().as_millis() as u64;
    report.not_generated =
        crate::UNSUPPORTED_OPERATIONS.iter().map(|u| format!("{} {}: {}", u.method, u.path, u.reason)).collect();
    report
}

/// Whether the operation documents `status` as an answer that is not an
/// error (a `307` with no `Location` reaches the caller as a status).
fn documented(id: &str, status: u16) -> bool {
    let spec = spec();
    let op = spec.operations.iter().find(|o| o.id == id);
    let responses = op.and_then(|o| o.op.get("responses")).and_then(Value::as_object);
    status < 400 && responses.is_some_and(|r| r.contains_key(&status.to_string()))
}

/// Why `body` is valid against none of the operation's 2xx JSON schemas,
/// when it is not; `None` when it is valid against one (or not JSON).
fn breaks_spec(id: &str, body: &[u8]) -> Option<String> {
    let spec = spec();
    let op = spec.operations.iter().find(|o| o.id == id)?;
    let value: Value = serde_json::from_slice(body).ok()?;
    let responses = op.op.get("responses").and_then(Value::as_object)?;
    let mut why = None;
    for (_, response) in responses.iter().filter(|(code, _)| code.starts_with('2')) {
        let response = spec.resolve(response);
        let content = response.get("content").and_then(Value::as_object).into_iter().flatten();
        for (_, media) in content.filter(|(m, _)| crate::mock::spec::is_json(m)) {
            let Some(schema) = media.get("schema") else { continue };
            match validate(spec, schema, &value, "") {
                Ok(()) => return None,
                Err(v) => why = why.or(Some(format!("at `{}`: {}", v.param, v.message))),
            }
        }
    }
    why
}

fn excerpt(text: &str) -> String {
    if text.chars().count() > DETAIL_CHARS {
        format!("{}… ({} bytes)", text.chars().take(DETAIL_CHARS).collect::<String>(), text.len())
    } else {
        text.to_string()
    }
}

/// What Prism reported in `sl-violations`, by side.
#[derive(Debug, Default)]
struct Violations {
    request: Vec<String>,
    response: Vec<String>,
}

fn violations(headers: &HeaderMap) -> Violations {
    let mut found = Violations::default();
    for value in headers.get_all("sl-violations") {
        let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
        let Ok(items) = serde_json::from_str::<Vec<Value>>(&text) else {
            // Unreadable: counted against the request, so it is looked at.
            found.request.push(format!("unreadable sl-violations header: {text}"));
            continue;
        };
        for item in items {
            let location = item["location"].as_array().cloned().unwrap_or_default();
            let side = location.first().and_then(Value::as_str).unwrap_or("");
            // Array indices folded to `*`, so that one finding is counted once.
            let at = location
                .iter()
                .skip(1)
                .map(|s| match s.as_str() {
                    Some(seg) if seg.parse::<usize>().is_ok() => "*".to_string(),
                    Some(seg) => seg.to_string(),
                    None => s.to_string(),
                })
                .collect::<Vec<_>>()
                .join(".");
            let message = fold_indices(item["message"].as_str().unwrap_or("?"));
            let line = format!("{side} {at}: {message} ({})", item["code"].to_string().trim_matches('"'));
            if side == "response" {
                found.response.push(line);
            } else {
                found.request.push(line);
            }
        }
    }
    found
}

/// `data.3.level` → `data.*.level`: array indices in Prism's messages.
fn fold_indices(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(dot) = rest.find('.') {
        out.push_str(&rest[..dot]);
        // A property path segment, not a number like `1.5`.
        let after_name = out.chars().next_back().is_some_and(|c| !c.is_ascii_digit());
        out.push('.');
        rest = &rest[dot + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let ends_segment = rest[digits..].chars().next().is_none_or(|c| c == '.' || c.is_whitespace());
        if after_name && digits > 0 && ends_segment {
            out.push('*');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_fold_in_prism_messages() {
        assert_eq!(
            fold_indices("Response body property data.0.events.12.level must be string"),
            "Response body property data.*.events.*.level must be string"
        );
        assert_eq!(fold_indices("must be <= 1.5 and data.3"), "must be <= 1.5 and data.*");
        assert_eq!(fold_indices("matrix.0.12 must be number."), "matrix.*.* must be number.");
        assert_eq!(fold_indices("no dots"), "no dots");
    }

    #[test]
    fn violations_split_by_side() {
        let mut headers = HeaderMap::new();
        let v = r#"[{"location":["request","body","messages","0","role"],"message":"must be equal to one of the allowed values","code":"enum"},
                   {"location":["response","body","data","3"],"message":"must be string","code":"type"}]"#;
        headers.insert("sl-violations", v.replace('\n', " ").parse().unwrap());
        let found = violations(&headers);
        assert_eq!(found.request, ["request body.messages.*.role: must be equal to one of the allowed values (enum)"]);
        assert_eq!(found.response, ["response body.data.*: must be string (type)"]);
        headers.insert("sl-violations", "not json".parse().unwrap());
        assert_eq!(violations(&headers).request.len(), 1);
    }

    #[test]
    fn every_operation_has_glue_and_a_request() {
        let ids: Vec<_> = operations().iter().map(|o| o.id).collect();
        assert_eq!(ids.len(), crate::OPERATION_EFFECTS.len());
        for id in ids {
            assert!(Request::from_spec(id).is_some(), "{id}");
        }
    }

    /// The spec's requests decode into the typed builders, and the mock
    /// answers every one of them: the glue is exercised offline.
    #[tokio::test]
    async fn every_operation_answers_against_the_mock() {
        let server = crate::mock::MockServer::start().await.expect("mock");
        let report = run(&server.client(), 1, true).await;
        let failing: Vec<_> = report.findings.iter().filter(|f| f.fails).collect();
        assert!(failing.is_empty(), "{failing:#?}");
        assert_eq!(report.operations.iter().map(|o| o.decoded).sum::<usize>(), operations().len());
    }
}
