//! What the API says in response headers: the request id, rate limits
//! (`x-ratelimit-*`), the wait it asks for before a retry (`retry-after-ms`,
//! `Retry-After`) and whether to retry at all (`x-should-retry`). Read
//! alike by responses, errors and the retry policy.

use reqwest::header::{HeaderMap, RETRY_AFTER};
use std::time::{Duration, SystemTime};

/// Response headers that carry the server's id for a request, in the order
/// they are looked up.
const REQUEST_ID: &[&str] = &["x-request-id", "x-together-request-id", "request-id"];

/// The prefix of the rate-limit headers.
const RATE_LIMIT: &str = "x-ratelimit-";

/// The server's id for the request.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID.iter().find_map(|h| headers.get(*h)).and_then(|v| v.to_str().ok())
}

/// One `x-ratelimit-*` header by its suffix.
pub(crate) fn rate_limit<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(format!("{RATE_LIMIT}{name}")).and_then(|v| v.to_str().ok())
}

/// Every `x-ratelimit-*` header, as (full name, value).
pub(crate) fn rate_limits(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with(RATE_LIMIT))
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)))
}

/// `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    if let Some(ms) = headers.get("retry-after-ms").and_then(|v| v.to_str().ok()) {
        if let Ok(ms) = ms.trim().parse::<f64>() {
            if ms.is_finite() && ms >= 0.0 {
                return Some(Duration::from_secs_f64(ms / 1000.0));
            }
        }
    }
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The server's `x-should-retry: true|false`, which wins over the policy.
pub(crate) fn should_retry(headers: &HeaderMap) -> Option<bool> {
    match headers.get("x-should-retry")?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Headers from (name, value) pairs.
    pub(crate) fn of(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (reqwest::header::HeaderName::from_static(k), v.parse().unwrap())).collect()
    }

    #[test]
    fn request_ids_in_order_of_preference() {
        assert_eq!(request_id(&of(&[("request-id", "c"), ("x-together-request-id", "b")])), Some("b"));
        assert_eq!(request_id(&of(&[("x-request-id", "a"), ("request-id", "c")])), Some("a"));
        assert_eq!(request_id(&HeaderMap::new()), None);
    }

    #[test]
    fn rate_limits_by_suffix_and_all_of_them() {
        let h = of(&[("x-ratelimit-remaining", "41"), ("x-ratelimit-limit", "60"), ("x-other", "1")]);
        assert_eq!(rate_limit(&h, "remaining"), Some("41"));
        assert_eq!(rate_limit(&h, "reset"), None);
        let mut all: Vec<_> = rate_limits(&h).collect();
        all.sort();
        assert_eq!(all, [("x-ratelimit-limit", "60"), ("x-ratelimit-remaining", "41")]);
    }

    #[test]
    fn retry_after_forms() {
        let wait = |pairs: &[(&'static str, &str)]| retry_after(&of(pairs));
        assert_eq!(wait(&[("retry-after-ms", "250"), ("retry-after", "9")]), Some(Duration::from_millis(250)));
        assert_eq!(wait(&[("retry-after-ms", "-1"), ("retry-after", "2")]), Some(Duration::from_secs(2)));
        assert_eq!(wait(&[("retry-after", " 1.5 ")]), Some(Duration::from_millis(1500)));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let at = wait(&[("retry-after", &later)]).unwrap();
        assert!(at > Duration::from_secs(28) && at <= Duration::from_secs(30), "{at:?}");
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(30));
        assert_eq!(wait(&[("retry-after", &past)]), Some(Duration::ZERO));
        assert_eq!(wait(&[("retry-after", "soon")]), None);
        assert_eq!(wait(&[]), None);
    }

    #[test]
    fn should_retry_is_true_false_or_unsaid() {
        assert_eq!(should_retry(&of(&[("x-should-retry", " true")])), Some(true));
        assert_eq!(should_retry(&of(&[("x-should-retry", "false")])), Some(false));
        assert_eq!(should_retry(&of(&[("x-should-retry", "maybe")])), None);
        assert_eq!(should_retry(&HeaderMap::new()), None);
    }
}
