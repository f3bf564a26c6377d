//! Responses: [`Response`], what every JSON operation returns, and the
//! decoding shared by every generated operation (decode errors carry the
//! JSON path that failed).

use crate::error::{readable_excerpt, Error};
use crate::transport::Reply;
use progenitor_client::OperationInfo;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A decoded response with what came with it: status, headers, the request
/// id, rate-limit headers and the attempts the call took. Derefs to the value.
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
}

impl<T> Response<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The HTTP status.
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
        rate_limit(&self.headers, name)
    }

    /// Every `x-ratelimit-*` header, as (full name, value).
    pub fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        rate_limits(&self.headers)
    }

    /// Attempts the call took: 1, plus the retries.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> std::ops::DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// One `x-ratelimit-*` header by its suffix.
pub(crate) fn rate_limit<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(format!("x-ratelimit-{name}")).and_then(|v| v.to_str().ok())
}

/// Every `x-ratelimit-*` header, as (full name, value).
pub(crate) fn rate_limits(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("x-ratelimit-"))
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
}

/// Decodes a JSON reply.
pub(crate) fn json<T: DeserializeOwned>(reply: Reply, info: &OperationInfo) -> Result<Response<T>, Error> {
    let value = decode(&reply.body, info.operation_id)?;
    Ok(Response { value, status: reply.status, headers: reply.headers, attempts: reply.attempts })
}

/// A reply without a body.
pub(crate) fn empty(reply: Reply) -> Result<Response<()>, Error> {
    Ok(Response { value: (), status: reply.status, headers: reply.headers, attempts: reply.attempts })
}

/// For optional fields that are lists or maps: `null` reads as empty
/// (generated code points `deserialize_with` here).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Decodes JSON, reporting the path that failed and an excerpt of the body.
pub(crate) fn decode<T: DeserializeOwned>(body: &bytes::Bytes, operation: &'static str) -> Result<T, Error> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| Error::Decode {
        operation,
        path: e.path().to_string(),
        message: e.inner().to_string(),
        excerpt: readable_excerpt(body),
        body: body.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        choices: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        index: u32,
    }

    #[test]
    fn decode_errors_name_the_path() {
        let body = bytes::Bytes::from_static(br#"{"choices":[{"index":0},{"index":"one"}]}"#);
        let Error::Decode { path, operation, excerpt, .. } = decode::<Outer>(&body, "chat").unwrap_err() else {
            panic!("not a decode error")
        };
        assert_eq!(path, "choices[1].index");
        assert_eq!(operation, "chat");
        assert!(excerpt.starts_with(r#"{"choices""#));
    }
}
