//! The retry policy: which failures are tried again, after how long, and
//! for which operations. The decisions are pure functions of the policy, the
//! operation's [`Effect`] and what came back; `transport.rs` runs the loop.

use crate::headers::{retry_after, should_retry};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::time::Duration;

/// What an operation does on the server, which decides how freely it is
/// retried. Derived at build time from the spec: the HTTP method, plus one
/// table of POST paths that only compute (`INFERENCE` in `codegen/src/normalize/policy.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Effect {
    /// `GET` and `HEAD`: reads, retried under the full policy.
    Read,
    /// A `POST` that computes an answer and changes nothing (chat,
    /// completions, embeddings, images, rerank, speech): the full policy.
    Inference,
    /// Creates, changes or deletes something (fine-tune create and cancel,
    /// endpoints, model upload, code execution, file delete): retried only
    /// when the request cannot have been processed (connection refused,
    /// reset before any response, 429, 503), unless
    /// [`RetryPolicy::retry_mutations`] opts in.
    Mutation,
}

/// How failed requests are retried. [`RetryPolicy::default`] is 2 retries
/// with exponential backoff from 0.5 s to 8 s and full jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt, over the whole call (a stream sent
    /// again before its first event counts); 0 disables retrying.
    pub max_retries: u32,
    /// The backoff before the first retry, doubled for each next one.
    pub initial_backoff: Duration,
    /// The longest backoff.
    pub max_backoff: Duration,
    /// The longest server-requested wait (`retry-after-ms`, `Retry-After`)
    /// that is honoured; a longer one fails at once with the wait in the error.
    pub max_retry_after: Duration,
    /// A limit on the whole call, all attempts and waits included (a stream
    /// sent again before its first event too): each attempt's timeout is at
    /// most what is left. Each attempt also has the client's per-request
    /// timeout.
    pub deadline: Option<Duration>,
    /// Statuses retried (for [`Effect::Mutation`], only 429 and 503 of them).
    pub statuses: Vec<u16>,
    /// Retry [`Effect::Mutation`] operations like the others.
    pub retry_mutations: bool,
}

/// Statuses a mutation is retried on: the server says it did nothing.
const UNPROCESSED_STATUSES: &[u16] = &[429, 503];

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            deadline: None,
            statuses: vec![408, 409, 429, 500, 502, 503, 504],
            retry_mutations: false,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Self::default() }
    }

    /// Sets [`RetryPolicy::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the first and the longest backoff.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Sets [`RetryPolicy::max_retry_after`].
    pub fn max_retry_after(mut self, cap: Duration) -> Self {
        self.max_retry_after = cap;
        self
    }

    /// Sets [`RetryPolicy::deadline`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Sets [`RetryPolicy::retry_mutations`].
    pub fn retry_mutations(mut self, yes: bool) -> Self {
        self.retry_mutations = yes;
        self
    }

    /// The backoff before retry number `retry` (1-based): a uniformly random
    /// wait up to `initial * 2^(retry-1)`, capped ("full jitter").
    pub(crate) fn backoff_for(&self, retry: u32) -> Duration {
        let ceiling =
            self.initial_backoff.saturating_mul(1u32 << (retry.saturating_sub(1)).min(20)).min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// What one attempt ended with, as far as retrying is concerned.
#[derive(Debug)]
pub(crate) enum Failure<'a> {
    /// No response: the connection was refused, or reset before any response byte.
    Unsent,
    /// No complete response: a timeout, or a body cut short. The server may
    /// have processed the request.
    Interrupted,
    /// A complete response with this status and headers.
    Status(StatusCode, &'a HeaderMap),
}

/// Whether to try again, and how long to wait first.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Give up with the failure as it is.
    Stop,
    /// Give up: the server asked for a wait longer than the cap.
    TooLong(Duration),
    /// Wait, then try again. The flag: the wait is the server's.
    Retry(Duration, bool),
}

impl RetryPolicy {
    /// Decides after attempt number `attempt` (1-based) failed.
    pub(crate) fn decide(&self, effect: Effect, attempt: u32, failure: &Failure<'_>) -> Decision {
        if attempt > self.max_retries {
            return Decision::Stop;
        }
        let free = effect != Effect::Mutation || self.retry_mutations;
        let (retry, headers) = match failure {
            Failure::Unsent => (true, None),
            Failure::Interrupted => (free, None),
            Failure::Status(status, headers) => {
                let code = status.as_u16();
                let listed = self.statuses.contains(&code) && (free || UNPROCESSED_STATUSES.contains(&code));
                let retry = match should_retry(headers) {
                    Some(server) => server,
                    None => listed,
                };
                (retry, Some(*headers))
            }
        };
        if !retry {
            return Decision::Stop;
        }
        match headers.and_then(retry_after) {
            Some(wait) if wait > self.max_retry_after => Decision::TooLong(wait),
            Some(wait) => Decision::Retry(wait, true),
            None => Decision::Retry(self.backoff_for(attempt), false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::tests::of as headers;

    fn status(code: u16, h: &HeaderMap) -> Failure<'_> {
        Failure::Status(StatusCode::from_u16(code).unwrap(), h)
    }

    #[test]
    fn statuses_by_effect() {
        let p = RetryPolicy::default();
        let none = HeaderMap::new();
        for code in [408, 409, 429, 500, 502, 503, 504] {
            assert!(matches!(p.decide(Effect::Inference, 1, &status(code, &none)), Decision::Retry(..)), "{code}");
            assert!(matches!(p.decide(Effect::Read, 2, &status(code, &none)), Decision::Retry(..)), "{code}");
            let mutation = p.decide(Effect::Mutation, 1, &status(code, &none));
            assert_eq!(matches!(mutation, Decision::Retry(..)), code == 429 || code == 503, "{code}");
        }
        for code in [400, 401, 403, 404, 422] {
            assert_eq!(p.decide(Effect::Read, 1, &status(code, &none)), Decision::Stop, "{code}");
        }
        let opted = RetryPolicy::default().retry_mutations(true);
        assert!(matches!(opted.decide(Effect::Mutation, 1, &status(500, &none)), Decision::Retry(..)));
    }

    #[test]
    fn transport_failures_by_effect() {
        let p = RetryPolicy::default();
        assert!(matches!(p.decide(Effect::Mutation, 1, &Failure::Unsent), Decision::Retry(..)));
        assert_eq!(p.decide(Effect::Mutation, 1, &Failure::Interrupted), Decision::Stop);
        assert!(matches!(p.decide(Effect::Read, 1, &Failure::Interrupted), Decision::Retry(..)));
    }

    #[test]
    fn attempts_run_out() {
        let p = RetryPolicy::default();
        assert!(matches!(p.decide(Effect::Read, 2, &Failure::Unsent), Decision::Retry(..)));
        assert_eq!(p.decide(Effect::Read, 3, &Failure::Unsent), Decision::Stop);
        assert_eq!(RetryPolicy::none().decide(Effect::Read, 1, &Failure::Unsent), Decision::Stop);
    }

    #[test]
    fn the_server_decides_first() {
        let p = RetryPolicy::default();
        let no = headers(&[("x-should-retry", "false")]);
        assert_eq!(p.decide(Effect::Read, 1, &status(503, &no)), Decision::Stop);
        let yes = headers(&[("x-should-retry", "true")]);
        assert!(matches!(p.decide(Effect::Mutation, 1, &status(400, &yes)), Decision::Retry(..)));
    }

    #[test]
    fn retry_after_forms_and_cap() {
        let p = RetryPolicy::default();
        let h = headers(&[("retry-after-ms", "250"), ("retry-after", "9")]);
        assert_eq!(p.decide(Effect::Read, 1, &status(429, &h)), Decision::Retry(Duration::from_millis(250), true));
        let h = headers(&[("retry-after", "2")]);
        assert_eq!(p.decide(Effect::Read, 1, &status(429, &h)), Decision::Retry(Duration::from_secs(2), true));
        let h = headers(&[("retry-after", "120")]);
        assert_eq!(p.decide(Effect::Read, 1, &status(429, &h)), Decision::TooLong(Duration::from_secs(120)));
        let h = headers(&[("retry-after", "soon")]);
        assert!(matches!(p.decide(Effect::Read, 1, &status(429, &h)), Decision::Retry(_, false)));
    }

    #[test]
    fn backoff_is_jittered_under_an_exponential_ceiling() {
        let p = RetryPolicy::default();
        for retry in 1..=8 {
            let ceiling = Duration::from_millis(500 * (1 << (retry - 1))).min(Duration::from_secs(8));
            let waits: Vec<_> = (0..200).map(|_| p.backoff_for(retry)).collect();
            assert!(waits.iter().all(|w| *w <= ceiling), "retry {retry}");
            assert!(waits.iter().any(|w| *w < ceiling / 2) && waits.iter().any(|w| *w > ceiling / 2), "jitter");
        }
    }
}
