//! Per-request options every generated builder carries (`.header()`,
//! `.extra_field()`, `.max_retries()`, `.retry_policy()`), and the JSON body
//! they shape.

use crate::error::Error;
use crate::retry::RetryPolicy;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// What one call adds to the client's configuration.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestOptions {
    /// Headers for this request only; they replace the client's defaults.
    pub headers: HeaderMap,
    /// JSON body fields the spec does not know yet; they replace fields of the same name.
    pub extra: Map<String, Value>,
    /// Replaces the client's policy.
    pub retry: Option<RetryPolicy>,
    /// Replaces the policy's `max_retries`.
    pub max_retries: Option<u32>,
    /// A header that could not be converted, reported at send time.
    pub invalid: Option<String>,
}

impl RequestOptions {
    pub(crate) fn header<K, V>(&mut self, name: K, value: V)
    where
        K: TryInto<HeaderName>,
        K::Error: std::fmt::Display,
        V: TryInto<HeaderValue>,
        V::Error: std::fmt::Display,
    {
        match (name.try_into(), value.try_into()) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
            }
            (Err(e), _) => self.invalid = Some(format!("invalid header name: {e}")),
            (_, Err(e)) => self.invalid = Some(format!("invalid header value: {e}")),
        }
    }

    pub(crate) fn extra_field(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.extra.insert(name.into(), value.into());
    }

    /// The policy for this call: the client's, or this request's, with its `max_retries`.
    pub(crate) fn policy(&self, client: &RetryPolicy) -> RetryPolicy {
        let mut policy = self.retry.clone().unwrap_or_else(|| client.clone());
        if let Some(n) = self.max_retries {
            policy.max_retries = n;
        }
        policy
    }

    /// Fails a call whose options could not be built.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match &self.invalid {
            Some(e) => Err(Error::InvalidRequest(e.clone())),
            None => Ok(()),
        }
    }
}

/// What happens to the body's `stream` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreamFlag {
    /// Leave the body as built (operations that cannot stream).
    Keep,
    /// `stream: true`, for `send_stream()`.
    Set,
    /// No `stream`, for a plain `send()` of an operation that can stream.
    Remove,
}

/// The JSON body as sent: the typed body itself when nothing changes it,
/// otherwise its JSON with the stream flag and the extra fields applied.
pub(crate) enum Body<'a, B> {
    Typed(&'a B),
    Json(Value),
}

impl<B: Serialize> Serialize for Body<'_, B> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Body::Typed(body) => body.serialize(serializer),
            Body::Json(value) => value.serialize(serializer),
        }
    }
}

/// The body to send for `body` with `options` (generated code calls this).
pub(crate) fn body<'a, B: Serialize>(
    body: &'a B,
    options: &RequestOptions,
    stream: StreamFlag,
) -> Result<Body<'a, B>, Error> {
    if stream == StreamFlag::Keep && options.extra.is_empty() {
        return Ok(Body::Typed(body));
    }
    // Through text, not `to_value`: an `f32` 0.7 stays 0.7 rather than widening to 0.699999988.
    let encoded =
        serde_json::to_vec(body).map_err(|e| Error::InvalidRequest(format!("cannot encode the body: {e}")))?;
    let mut value: Value = serde_json::from_slice(&encoded).expect("serde_json reads what it writes");
    let Value::Object(fields) = &mut value else {
        return Err(Error::InvalidRequest("extra fields need a JSON object body".into()));
    };
    match stream {
        StreamFlag::Keep => {}
        StreamFlag::Set => {
            fields.insert("stream".into(), Value::Bool(true));
        }
        StreamFlag::Remove => {
            fields.remove("stream");
        }
    }
    fields.extend(options.extra.clone());
    Ok(Body::Json(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Serialize)]
    struct Req {
        model: &'static str,
        temperature: f32,
        #[serde(skip_serializing_if = "Option::is_none")]
        stream: Option<bool>,
    }

    fn text<B: Serialize>(b: &Body<'_, B>) -> String {
        serde_json::to_string(b).unwrap()
    }

    #[test]
    fn untouched_bodies_are_sent_as_typed() {
        let req = Req { model: "m", temperature: 0.7, stream: Some(false) };
        let b = body(&req, &RequestOptions::default(), StreamFlag::Keep).unwrap();
        assert!(matches!(b, Body::Typed(_)));
        assert_eq!(text(&b), r#"{"model":"m","temperature":0.7,"stream":false}"#);
    }

    #[test]
    fn stream_flag_and_extra_fields() {
        let req = Req { model: "m", temperature: 0.7, stream: Some(false) };
        let mut options = RequestOptions::default();
        let sent = |flag, options: &RequestOptions| -> Value {
            serde_json::from_str(&text(&body(&req, options, flag).unwrap())).unwrap()
        };
        assert_eq!(sent(StreamFlag::Set, &options), json!({"model": "m", "temperature": 0.7, "stream": true}));
        assert_eq!(sent(StreamFlag::Remove, &options), json!({"model": "m", "temperature": 0.7}));
        assert!(!text(&body(&req, &options, StreamFlag::Set).unwrap()).contains("0.699"), "an f32 is not widened");
        options.extra_field("reasoning_effort", "high");
        options.extra_field("model", json!("override"));
        assert_eq!(
            sent(StreamFlag::Keep, &options),
            json!({"model": "override", "temperature": 0.7, "stream": false, "reasoning_effort": "high"})
        );
    }

    #[test]
    fn bad_headers_fail_at_send() {
        let mut options = RequestOptions::default();
        options.header("x-ok", "1");
        assert!(options.check().is_ok());
        options.header("bad header", "1");
        assert!(matches!(options.check(), Err(Error::InvalidRequest(m)) if m.contains("header name")));
    }

    #[test]
    fn per_request_retries_override_the_client() {
        let client = RetryPolicy::default();
        let options = RequestOptions { max_retries: Some(0), ..Default::default() };
        assert_eq!(options.policy(&client).max_retries, 0);
        let options = RequestOptions { retry: Some(RetryPolicy::none().max_retries(5)), ..Default::default() };
        assert_eq!(options.policy(&client).max_retries, 5);
    }
}
