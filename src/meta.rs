//! What every response reports besides its body (status, headers, request
//! id, rate limits, attempts), held once for [`crate::Response`],
//! [`crate::BinaryResponse`] and [`crate::EventStream`], whose accessors
//! read it.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The status and headers of a 2xx response, and the attempts it took.
#[derive(Debug, Clone)]
pub(crate) struct ResponseMeta {
    status: StatusCode,
    headers: HeaderMap,
    attempts: u32,
}

impl ResponseMeta {
    /// Takes the status and headers of `response`, leaving its body to be
    /// read: the headers move rather than being copied.
    pub(crate) fn take(response: &mut reqwest::Response, attempts: u32) -> Self {
        ResponseMeta { status: response.status(), headers: std::mem::take(response.headers_mut()), attempts }
    }

    pub(crate) fn status(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        crate::headers::request_id(&self.headers)
    }

    pub(crate) fn rate_limit(&self, name: &str) -> Option<&str> {
        crate::headers::rate_limit(&self.headers, name)
    }

    pub(crate) fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        crate::headers::rate_limits(&self.headers)
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.attempts
    }
}
