//! Server-sent event answers: the events of a stream, and the body that
//! writes them one by one.

use super::audio::Speech;
use super::schema;
use super::spec::Spec;
use base64::Engine;
use bytes::Bytes;
use futures_core::Stream;
use hyper::body::Frame;
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// Pause between two events.
const GAP: Duration = Duration::from_millis(2);

/// The `data` schema of a stream's events: the `data` property of the
/// event member of a `oneOf` of events and the `[DONE]` sentinel.
fn data_schema(spec: &Spec, media: &Value) -> Value {
    let Some(schema) = media.get("schema") else { return json!({}) };
    let schema = spec.resolve(schema).into_owned();
    let members: Vec<Value> = match schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
        Some(m) => m.clone(),
        None => vec![schema.clone()],
    };
    for m in &members {
        let m = spec.resolve(m);
        if let Some(data) = m.pointer("/properties/data") {
            let d = spec.resolve(data);
            let sentinel = d.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(&json!("[DONE]")));
            if !sentinel {
                return data.clone();
            }
        }
    }
    schema
}

/// The `data` of every event of the stream, `[DONE]` last.
pub(crate) fn events(spec: &Spec, media: &Value, body: &Value, model: &str, audio: bool) -> Vec<String> {
    let schema = data_schema(spec, media);
    let mut base = schema::synthesize(spec, &schema);
    let mut echo = serde_json::Map::new();
    echo.insert("model".into(), json!(model));
    schema::overlay(spec, &schema, &mut base, &echo);
    let mut out = Vec::new();
    if audio || base.get("b64").is_some() {
        let pcm = Speech::from_request(body).pcm();
        for piece in pcm.chunks(8192) {
            let mut chunk = base.clone();
            chunk["b64"] = json!(base64::engine::general_purpose::STANDARD.encode(piece));
            out.push(chunk.to_string());
        }
    } else if base.pointer("/choices/0").is_some_and(Value::is_object) {
        let reply = super::chat::Reply::to(spec, body);
        let words = reply.pieces();
        let usage = base.get("usage").cloned();
        let resolved = spec.resolve(&schema);
        let usage_required =
            resolved.get("required").and_then(Value::as_array).is_some_and(|r| r.contains(&json!("usage")));
        for (i, text) in words.iter().enumerate() {
            let last = i + 1 == words.len();
            let mut chunk = base.clone();
            let choice = &mut chunk["choices"][0];
            if let Some(c) = choice.as_object_mut() {
                c.insert("index".into(), json!(0));
                if c.contains_key("finish_reason") {
                    c.insert("finish_reason".into(), if last { json!(reply.finish_reason()) } else { Value::Null });
                }
                if c.contains_key("text") {
                    c.insert("text".into(), json!(text));
                }
                if let Some(delta) = c.get_mut("delta").and_then(Value::as_object_mut) {
                    delta.retain(|k, _| k == "role" || k == "content");
                    delta.insert("role".into(), json!("assistant"));
                    match reply.tool_calls() {
                        // A tool call comes whole, in one delta.
                        Some(calls) => {
                            delta.insert("content".into(), Value::Null);
                            delta.insert("tool_calls".into(), calls);
                        }
                        None => {
                            delta.insert("content".into(), json!(text));
                        }
                    }
                }
            }
            if let Some(chunk) = chunk["choices"].as_array_mut() {
                chunk.truncate(1);
            }
            if let Some(o) = chunk.as_object_mut() {
                if o.contains_key("finish_reason") {
                    o.insert("finish_reason".into(), if last { json!("stop") } else { Value::Null });
                }
                if usage_required {
                    o.insert("usage".into(), Value::Null);
                } else {
                    o.remove("usage");
                }
                if last {
                    if let Some(mut usage) = usage.clone() {
                        if usage.is_object() {
                            let prompt = 12;
                            let completion = words.len() as i64;
                            usage["prompt_tokens"] = json!(prompt);
                            usage["completion_tokens"] = json!(completion);
                            usage["total_tokens"] = json!(prompt + completion);
                        }
                        o.insert("usage".into(), usage);
                    }
                }
            }
            out.push(chunk.to_string());
        }
    } else {
        for _ in 0..3 {
            out.push(base.to_string());
        }
    }
    out.push("[DONE]".to_string());
    out
}

/// A streamed body writing one event per frame, optionally failing (which
/// closes the connection) after a number of events.
pub(crate) struct Frames {
    events: VecDeque<Bytes>,
    sent: usize,
    limit: Option<usize>,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
    done: bool,
}

impl Frames {
    /// The events, in order; cut after `limit` of them when set.
    pub fn new(events: Vec<String>, limit: Option<usize>) -> Self {
        let events = events.into_iter().map(|d| Bytes::from(format!("data: {d}\n\n"))).collect();
        Frames { events, sent: 0, limit, timer: None, done: false }
    }

    /// A body that fails at once.
    pub fn failing() -> Self {
        Frames { events: VecDeque::new(), sent: 0, limit: Some(0), timer: None, done: false }
    }
}

impl Stream for Frames {
    type Item = Result<Frame<Bytes>, std::io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        if let Some(timer) = self.timer.as_mut() {
            if timer.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.timer = None;
        }
        if self.limit.is_some_and(|l| self.sent >= l) {
            self.done = true;
            let e = std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "mock: disconnect_after");
            return Poll::Ready(Some(Err(e)));
        }
        match self.events.pop_front() {
            Some(event) => {
                self.sent += 1;
                self.timer = Some(Box::pin(tokio::time::sleep(GAP)));
                Poll::Ready(Some(Ok(Frame::data(event))))
            }
            None => {
                self.done = true;
                Poll::Ready(None)
            }
        }
    }
}
