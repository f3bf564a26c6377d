//! Per-request options every generated builder carries (`.header()`,
//! `.extra_field()`, `.max_retries()`, `.retry_policy()`), and the JSON body
//! they shape.

use crate::error::Error;
use crate::retry::RetryPolicy;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};
use std::borrow::Cow;

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
    /// A new body for another attempt, when the body is a stream that can
    /// be sent again (a multipart form of bytes and files).
    pub replay: Option<Replay>,
}

/// Makes a request's body anew, for a retry.
#[derive(Clone)]
pub(crate) struct Replay(std::sync::Arc<dyn Fn() -> reqwest::Body + Send + Sync>);

impl Replay {
    pub(crate) fn new(f: impl Fn() -> reqwest::Body + Send + Sync + 'static) -> Self {
        Replay(std::sync::Arc::new(f))
    }

    /// `request` again, with a new body.
    pub(crate) fn again(&self, request: &reqwest::Request) -> reqwest::Request {
        let mut again = reqwest::Request::new(request.method().clone(), request.url().clone());
        *again.headers_mut() = request.headers().clone();
        *again.timeout_mut() = request.timeout().copied();
        *again.version_mut() = request.version();
        *again.body_mut() = Some((self.0)());
        again
    }
}

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Replay")
    }
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

    /// The policy for this call: the client's, or this request's, with its
    /// `max_retries`; copied only when `max_retries` changes it.
    pub(crate) fn policy<'a>(&'a self, client: &'a RetryPolicy) -> Cow<'a, RetryPolicy> {
        let policy = self.retry.as_ref().unwrap_or(client);
        match self.max_retries {
            Some(n) if n != policy.max_retries => Cow::Owned(policy.clone().max_retries(n)),
            _ => Cow::Borrowed(policy),
        }
    }

    /// Puts this request's headers in `headers`, in place of those of the
    /// same name.
    pub(crate) fn set_headers(&self, headers: &mut HeaderMap) {
        for name in self.headers.keys() {
            headers.remove(name);
            for value in self.headers.get_all(name) {
                headers.append(name, value.clone());
            }
        }
    }

    /// Fails a call whose options could not be built.
    pub(crate) fn check(&self) -> Result<(), Error> {
        match &self.invalid {
            Some(e) => Err(Error::InvalidRequest(e.clone())),
            None => Ok(()),
        }
    }
}

/// The JSON body as sent: the typed body serialised once; with extra
/// fields, its JSON object with them added (they replace fields of the same
/// name).
pub(crate) fn json_body<B: Serialize>(body: &B, options: &RequestOptions) -> Result<Vec<u8>, Error> {
    let encode = |e: serde_json::Error| Error::InvalidRequest(format!("cannot encode the body: {e}"));
    let encoded = serde_json::to_vec(body).map_err(encode)?;
    if options.extra.is_empty() {
        return Ok(encoded);
    }
    // Through text, not `to_value`: an `f32` 0.7 stays 0.7 rather than widening to 0.699999988.
    let mut value: Value = serde_json::from_slice(&encoded).map_err(encode)?;
    let Value::Object(fields) = &mut value else {
        return Err(Error::InvalidRequest("extra fields need a JSON object body".into()));
    };
    fields.extend(options.extra.clone());
    serde_json::to_vec(&value).map_err(encode)
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

    fn sent(req: &Req, options: &RequestOptions) -> Value {
        serde_json::from_slice(&json_body(req, options).unwrap()).unwrap()
    }

    #[test]
    fn untouched_bodies_are_serialised_once_as_typed() {
        let req = Req { model: "m", temperature: 0.7, stream: Some(false) };
        let body = json_body(&req, &RequestOptions::default()).unwrap();
        assert_eq!(body, br#"{"model":"m","temperature":0.7,"stream":false}"#);
    }

    #[test]
    fn extra_fields_replace_and_add() {
        let req = Req { model: "m", temperature: 0.7, stream: None };
        let mut options = RequestOptions::default();
        options.extra_field("reasoning_effort", "high");
        options.extra_field("model", json!("override"));
        assert_eq!(sent(&req, &options), json!({"model": "override", "temperature": 0.7, "reasoning_effort": "high"}));
        let text = String::from_utf8(json_body(&req, &options).unwrap()).unwrap();
        assert!(!text.contains("0.699"), "an f32 is not widened: {text}");
        assert!(matches!(json_body(&[1], &options), Err(Error::InvalidRequest(m)) if m.contains("JSON object")));
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
        let options = RequestOptions { retry: Some(RetryPolicy::none()), max_retries: Some(3), ..Default::default() };
        assert_eq!(*options.policy(&client), RetryPolicy::none().max_retries(3));
        assert!(matches!(RequestOptions::default().policy(&client), Cow::Borrowed(p) if *p == client));
    }

    #[test]
    fn request_headers_replace_those_of_the_same_name() {
        let mut options = RequestOptions::default();
        options.header("x-a", "mine");
        let mut headers = HeaderMap::new();
        headers.append("x-a", HeaderValue::from_static("1"));
        headers.append("x-a", HeaderValue::from_static("2"));
        headers.append("x-b", HeaderValue::from_static("kept"));
        options.set_headers(&mut headers);
        assert_eq!(headers.get_all("x-a").iter().collect::<Vec<_>>(), ["mine"]);
        assert_eq!(headers["x-b"], "kept");
    }
}
