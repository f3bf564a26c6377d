//! Typed event streams: the body of a `text/event-stream` response, decoded
//! by [`crate::sse`], each event's `data` as the operation's chunk type.
//!
//! Generated `send_stream()` methods return an [`EventStream`]; which chunk
//! type, and which response [`EventStream::accumulate`] folds it into, comes
//! from the spec. Nothing here names a generated type.

use crate::error::{ApiError, Error};
use crate::request::RequestOptions;
use crate::retry::{Decision, Effect, Failure};
use crate::sse::{Decoder, Event};
use crate::{transport, Client};
use bytes::Bytes;
use futures_core::Stream;
use progenitor_client::OperationInfo;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// The `data` of the event that ends a stream.
const DONE: &str = "[DONE]";

type Body = Pin<Box<dyn Stream<Item = reqwest::Result<Bytes>> + Send>>;
type Opening = Pin<Box<dyn Future<Output = Result<reqwest::Response, Error>> + Send>>;

/// What it takes to send a stream's request again, until its first event.
struct Reopen {
    client: Client,
    request: reqwest::Request,
    options: RequestOptions,
    effect: Effect,
}

/// Sends a streaming request (generated `send_stream()` calls this): the
/// retry policy covers the request, and the stream until its first event.
pub(crate) async fn open<T>(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<EventStream<T>, Error> {
    let again =
        request.try_clone().map(|request| Reopen { client: client.clone(), request, options: options.clone(), effect });
    let response = transport::open(client, request, info, options, effect).await?;
    let mut stream = EventStream::new(response, info.operation_id, client.inner.stream_idle_timeout());
    stream.again = again;
    Ok(stream)
}

/// The chunks of a streamed response, each yielded as soon as its event is
/// complete.
///
/// The stream ends (`None`) only after the server's `data: [DONE]`. Anything
/// else that ends it is an error item first: a connection closed early
/// ([`Error::StreamClosed`]), an error the server sent as an event
/// ([`Error::StreamEvent`]), a transport failure, or the idle timeout
/// ([`Error::StreamIdle`]). A chunk that does not decode is an
/// [`Error::Decode`] item and the stream goes on. Dropping the stream closes
/// the connection, which cancels the generation.
#[must_use = "a stream does nothing unless polled"]
pub struct EventStream<T> {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
    decoder: Decoder,
    idle: Option<Duration>,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    events: u64,
    attempts: u32,
    finished: bool,
    /// The chunks folded so far, when accumulating.
    folded: Option<Map<String, Value>>,
    /// How to send the request again while no event has come.
    again: Option<Reopen>,
    /// The request being sent again.
    opening: Option<Opening>,
    chunk: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("events", &self.events)
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl<T> EventStream<T> {
    /// Wraps a 2xx response (generated code calls this after checking the status).
    pub(crate) fn new(response: reqwest::Response, operation: &'static str, idle: Option<Duration>) -> Self {
        let attempts = transport::attempts(&response);
        EventStream {
            operation,
            status: response.status(),
            headers: response.headers().clone(),
            body: Box::pin(response.bytes_stream()),
            decoder: Decoder::new(),
            idle,
            timer: None,
            events: 0,
            attempts,
            finished: false,
            folded: None,
            again: None,
            opening: None,
            chunk: PhantomData,
        }
    }

    /// Fails the stream with [`Error::StreamIdle`] when no bytes arrive for
    /// `idle` (overrides [`crate::ClientBuilder::stream_idle_timeout`]).
    /// Servers send `: keep-alive` comments while a model is busy, and those
    /// count as bytes.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle = Some(idle);
        self.timer = None;
        self
    }

    /// The operation that opened the stream (`chat_completions`).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP status the stream started with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The server's id for the request, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(&self.headers)
    }

    /// One `x-ratelimit-*` header by its suffix: `rate_limit("remaining")`
    /// is `x-ratelimit-remaining`.
    pub fn rate_limit(&self, name: &str) -> Option<&str> {
        crate::response::rate_limit(&self.headers, name)
    }

    /// Every `x-ratelimit-*` header, as (full name, value).
    pub fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        crate::response::rate_limits(&self.headers)
    }

    /// Attempts it took to open the stream (1, plus the retries before any
    /// event; once an event is yielded, nothing is retried).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Chunk events received so far.
    pub fn events_received(&self) -> u64 {
        self.events
    }

    /// Starts sending the request again when the stream failed before its
    /// first event and the policy allows another attempt; otherwise `failure`.
    fn reopen(&mut self, failure: Error) -> Result<(), Error> {
        let Some(again) = self.again.as_ref().filter(|_| self.events == 0) else { return Err(failure) };
        let policy = again.options.policy(again.client.inner.retry_policy());
        let Decision::Retry(wait, _) = policy.decide(again.effect, self.attempts, &Failure::Interrupted) else {
            return Err(failure);
        };
        let Some(request) = again.request.try_clone() else { return Err(failure) };
        tracing::info!(operation = self.operation, attempt = self.attempts, wait_ms = wait.as_millis() as u64, error = %failure, "stream failed before its first event; retrying");
        let (client, effect, operation) = (again.client.clone(), again.effect, self.operation);
        let mut options = again.options.clone();
        options.max_retries = Some(policy.max_retries - self.attempts);
        self.opening = Some(Box::pin(async move {
            tokio::time::sleep(wait).await;
            transport::open(&client, request, &OperationInfo { operation_id: operation }, &options, effect).await
        }));
        Ok(())
    }

    /// An error the server sent as an event.
    fn server_error(&self, data: String) -> Error {
        Error::StreamEvent(Box::new(ApiError::new(self.operation, self.status, self.headers.clone(), data.into())))
    }

    /// What one event means: a chunk, the end, or the server's error.
    fn item(&mut self, event: Event) -> Option<Result<T, Error>>
    where
        T: DeserializeOwned,
    {
        if event.data == DONE {
            self.finished = true;
            return None;
        }
        if event.kind() == "error" || starts_with_error_key(&event.data) {
            self.finished = true;
            return Some(Err(self.server_error(event.data)));
        }
        self.events += 1;
        let decoded = match &mut self.folded {
            None => serde_json::from_str(&event.data),
            // Folded from the JSON, not the typed chunk: fields the spec
            // does not list reach the response too.
            Some(folded) => serde_json::from_str::<Value>(&event.data).and_then(|json| {
                let chunk = T::deserialize(&json)?;
                if let Value::Object(json) = json {
                    fold_chunk(folded, json);
                }
                Ok(chunk)
            }),
        };
        match decoded {
            Ok(chunk) => Some(Ok(chunk)),
            Err(_) if is_error_object(&event.data) => {
                self.finished = true;
                Some(Err(self.server_error(event.data)))
            }
            Err(_) => Some(crate::response::decode(&Bytes::from(event.data), self.operation)),
        }
    }
}

/// `{"error": ...}` as the payload's first key: checked before decoding,
/// because a chunk type whose fields are all optional would accept it.
fn starts_with_error_key(data: &str) -> bool {
    let rest = data.trim_start();
    rest.strip_prefix('{').is_some_and(|r| r.trim_start().starts_with("\"error\""))
}

fn is_error_object(data: &str) -> bool {
    serde_json::from_str::<Map<String, Value>>(data).is_ok_and(|o| o.get("error").is_some_and(|e| !e.is_null()))
}

impl<T: DeserializeOwned> Stream for EventStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.finished {
                return Poll::Ready(None);
            }
            if let Some(opening) = this.opening.as_mut() {
                let response = match opening.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(response) => response,
                };
                this.opening = None;
                match response {
                    Ok(response) => {
                        let retries = transport::attempts(&response);
                        this.attempts += retries;
                        this.status = response.status();
                        this.headers = response.headers().clone();
                        this.body = Box::pin(response.bytes_stream());
                        this.decoder = Decoder::new();
                        this.timer = None;
                    }
                    Err(e) => {
                        this.finished = true;
                        return Poll::Ready(Some(Err(e)));
                    }
                }
            }
            if let Some(event) = this.decoder.next_event() {
                match this.item(event) {
                    Some(item) => return Poll::Ready(Some(item)),
                    None => continue,
                }
            }
            match this.body.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(bytes))) => {
                    this.decoder.push(&bytes);
                    if let (Some(idle), Some(timer)) = (this.idle, this.timer.as_mut()) {
                        timer.as_mut().reset(tokio::time::Instant::now() + idle);
                    }
                }
                Poll::Ready(Some(Err(e))) => {
                    let failure = Error::Transport { source: e, attempts: this.attempts };
                    if let Err(failure) = this.reopen(failure) {
                        this.finished = true;
                        return Poll::Ready(Some(Err(failure)));
                    }
                }
                Poll::Ready(None) => {
                    let failure = Error::StreamClosed { operation: this.operation, events: this.events };
                    if let Err(failure) = this.reopen(failure) {
                        this.finished = true;
                        return Poll::Ready(Some(Err(failure)));
                    }
                }
                Poll::Pending => {
                    let Some(idle) = this.idle else { return Poll::Pending };
                    let timer = this.timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                    if timer.as_mut().poll(cx).is_ready() {
                        this.finished = true;
                        return Poll::Ready(Some(Err(Error::StreamIdle {
                            operation: this.operation,
                            idle,
                            events: this.events,
                        })));
                    }
                    return Poll::Pending;
                }
            }
        }
    }
}

/// A chunk type that folds into its operation's non-streamed response
/// (generated for every streaming operation that also answers with JSON).
pub trait Accumulate: Serialize {
    /// What the same request returns without streaming.
    type Response: DeserializeOwned;
}

impl<T: Accumulate + DeserializeOwned> EventStream<T> {
    /// Reads the whole stream and returns what the call would have returned
    /// without streaming.
    pub async fn collect_response(self) -> Result<T::Response, Error> {
        let mut stream = self.accumulate();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            chunk?;
        }
        stream.response()
    }

    /// Yields the chunks as before and folds them as they pass, so a UI can
    /// print tokens and still get the whole response from
    /// [`Accumulating::response`] at the end.
    pub fn accumulate(mut self) -> Accumulating<T> {
        self.folded.get_or_insert_with(Map::new);
        Accumulating(self)
    }
}

/// An [`EventStream`] that also folds its chunks into the non-streamed
/// response, from their JSON (so fields no spec lists are kept):
///
/// - `choices` are matched by `index`; a choice's `delta` folds into its
///   `message`;
/// - text is appended (`content`, `text`, tool-call `arguments`...);
///   identifying strings (`id`, `name`, `role`, `type`, `model`, `object`)
///   are kept when repeated and appended only when they differ;
/// - lists of objects with an `index` (tool calls) merge by index, other lists
///   are appended;
/// - numbers and `finish_reason` take the last value; `null` changes nothing;
/// - a number `logprobs` is appended to the choice's `logprobs.token_logprobs`,
///   with the delta's content in `tokens` and its `token_id` in `token_ids`;
/// - the chunk's `object` loses its `.chunk` suffix.
#[must_use = "a stream does nothing unless polled"]
#[derive(Debug)]
pub struct Accumulating<T>(EventStream<T>);

impl<T: Accumulate> Accumulating<T> {
    /// The response the chunks received so far add up to.
    pub fn response(&self) -> Result<T::Response, Error> {
        let folded = self.0.folded.as_ref().expect("accumulate() starts the fold");
        let body = Bytes::from(serde_json::to_vec(folded).expect("JSON values serialise"));
        crate::response::decode(&body, self.0.operation)
    }

    /// The stream underneath (status, headers, counts).
    pub fn get_ref(&self) -> &EventStream<T> {
        &self.0
    }
}

impl<T: DeserializeOwned> Stream for Accumulating<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut self.0).poll_next(cx)
    }
}

/// Strings that name something: repeated in several chunks, not appended.
const IDENTIFYING: &[&str] = &["id", "name", "role", "type", "model", "object", "system_fingerprint"];
/// Values each chunk replaces.
const LAST_WINS: &[&str] = &["finish_reason"];

fn fold_chunk(acc: &mut Map<String, Value>, chunk: Map<String, Value>) {
    for (key, value) in chunk {
        match (key.as_str(), value) {
            ("object", Value::String(s)) => {
                let object = s.strip_suffix(".chunk").unwrap_or(&s).to_owned();
                acc.insert(key, Value::String(object));
            }
            ("choices", Value::Array(choices)) => {
                let list = acc.entry(key).or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                let Value::Array(list) = list else { unreachable!() };
                for choice in choices {
                    let Value::Object(choice) = choice else { continue };
                    fold_choice(by_index(list, choice.get("index")), choice);
                }
            }
            (_, value) => merge(acc, key, value),
        }
    }
}

/// The element of `list` with this `index`, appended when missing.
fn by_index<'a>(list: &'a mut Vec<Value>, index: Option<&Value>) -> &'a mut Map<String, Value> {
    let at = list.iter().position(|v| v.get("index") == index && index.is_some());
    let at = at.unwrap_or_else(|| {
        let mut fresh = Map::new();
        if let Some(index) = index {
            fresh.insert("index".into(), index.clone());
        }
        list.push(Value::Object(fresh));
        list.len() - 1
    });
    match &mut list[at] {
        Value::Object(o) => o,
        _ => unreachable!("only objects are pushed"),
    }
}

fn fold_choice(acc: &mut Map<String, Value>, mut choice: Map<String, Value>) {
    if let Some(logprob @ Value::Number(_)) = choice.remove("logprobs") {
        let delta = choice.get("delta");
        let logprobs = acc.entry("logprobs").or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(logprobs) = logprobs {
            let token = delta.and_then(|d| d.get("content")).cloned().unwrap_or(Value::String(String::new()));
            append(logprobs, "token_logprobs", logprob);
            append(logprobs, "tokens", token);
            if let Some(id) = delta.and_then(|d| d.get("token_id")).filter(|id| !id.is_null()) {
                append(logprobs, "token_ids", id.clone());
            }
        }
    }
    for (key, value) in choice {
        if key == "delta" {
            if let Value::Object(mut delta) = value {
                delta.remove("token_id");
                let message = acc.entry("message").or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(message) = message {
                    for (k, v) in delta {
                        merge(message, k, v);
                    }
                }
            }
        } else {
            merge(acc, key, value);
        }
    }
}

fn append(map: &mut Map<String, Value>, key: &str, value: Value) {
    match map.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
        Value::Array(list) => list.push(value),
        other => *other = Value::Array(vec![value]),
    }
}

/// Merges one field of a chunk into the accumulated object.
fn merge(acc: &mut Map<String, Value>, key: String, value: Value) {
    if value.is_null() {
        return;
    }
    let Some(current) = acc.get_mut(&key).filter(|c| !c.is_null()) else {
        acc.insert(key, value);
        return;
    };
    match (current, value) {
        (Value::String(current), Value::String(next)) => {
            if LAST_WINS.contains(&key.as_str()) {
                *current = next;
            } else if !(IDENTIFYING.contains(&key.as_str()) && *current == next) {
                current.push_str(&next);
            }
        }
        (Value::Object(current), Value::Object(next)) => {
            for (k, v) in next {
                merge(current, k, v);
            }
        }
        (Value::Array(current), Value::Array(next)) => {
            for item in next {
                match item {
                    Value::Object(o) if o.contains_key("index") => {
                        let slot = by_index(current, o.get("index"));
                        for (k, v) in o {
                            merge(slot, k, v);
                        }
                    }
                    other => current.push(other),
                }
            }
        }
        (current, next) => *current = next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fold(chunks: &[Value]) -> Value {
        let mut acc = Map::new();
        for c in chunks {
            let Value::Object(c) = c.clone() else { panic!() };
            fold_chunk(&mut acc, c);
        }
        Value::Object(acc)
    }

    #[test]
    fn content_tool_calls_usage_and_finish_reason() {
        let head = json!({"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"});
        let chunk = |choice: Value, usage: Value| {
            let mut c = head.clone();
            c["choices"] = json!([choice]);
            c["usage"] = usage;
            c
        };
        let chunks = [
            chunk(
                json!({"index": 0, "delta": {"role": "assistant", "content": "Hel"}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"role": "assistant", "content": "lo"}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                    "function": {"name": "get_weather", "arguments": "{\"ci"}}]}, "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"tool_calls": [
                    {"index": 0, "function": {"arguments": "ty\": \"Oslo\"}"}},
                    {"index": 1, "id": "call_2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]},
                    "finish_reason": null}),
                json!(null),
            ),
            chunk(
                json!({"index": 0, "delta": {"content": null}, "finish_reason": "tool_calls"}),
                json!({"prompt_tokens": 3, "completion_tokens": 9, "total_tokens": 12}),
            ),
        ];
        assert_eq!(
            fold(&chunks),
            json!({"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
                "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                    "role": "assistant", "content": "Hello", "tool_calls": [
                        {"index": 0, "id": "call_1", "type": "function",
                         "function": {"name": "get_weather", "arguments": "{\"city\": \"Oslo\"}"}},
                        {"index": 1, "id": "call_2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]}}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 9, "total_tokens": 12}})
        );
    }

    #[test]
    fn choices_merge_by_index_and_logprobs_collect() {
        let chunks = [
            json!({"choices": [{"index": 1, "delta": {"content": "b", "token_id": 5}, "logprobs": -0.5}]}),
            json!({"choices": [{"index": 0, "delta": {"content": "a", "token_id": 4}, "logprobs": -0.25}]}),
            json!({"choices": [{"index": 1, "delta": {"content": "c", "token_id": 6}, "logprobs": -1.0}]}),
        ];
        let v = fold(&chunks);
        assert_eq!(v["choices"][0]["message"]["content"], "bc");
        assert_eq!(
            v["choices"][0]["logprobs"],
            json!({"token_logprobs": [-0.5, -1.0], "tokens": ["b", "c"], "token_ids": [5, 6]})
        );
        assert_eq!(v["choices"][1]["index"], 0);
        assert_eq!(v["choices"][1]["message"]["content"], "a");
        assert!(v["choices"][1]["message"].get("token_id").is_none());
    }

    #[test]
    fn identifying_strings_are_not_doubled_but_pieces_join() {
        let mut acc = Map::new();
        merge(&mut acc, "name".into(), json!("get_"));
        merge(&mut acc, "name".into(), json!("weather"));
        merge(&mut acc, "role".into(), json!("assistant"));
        merge(&mut acc, "role".into(), json!("assistant"));
        merge(&mut acc, "content".into(), json!("ha"));
        merge(&mut acc, "content".into(), json!("ha"));
        assert_eq!(Value::Object(acc), json!({"name": "get_weather", "role": "assistant", "content": "haha"}));
    }

    #[test]
    fn error_payloads_are_recognised() {
        assert!(starts_with_error_key(r#" { "error": {"message": "x"}}"#));
        assert!(!starts_with_error_key(r#"{"id": "x", "error": null}"#));
        assert!(is_error_object(r#"{"id": "x", "error": {"message": "late"}}"#));
        assert!(!is_error_object(r#"{"id": "x", "error": null}"#));
        assert!(!is_error_object("[DONE]"));
    }
}
