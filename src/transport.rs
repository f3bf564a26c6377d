//! One call of an operation: as many attempts as the retry policy allows,
//! each through the client's `exec` hook (auth, user agent, default
//! headers), in one `togetherai.request` tracing span. Every generated
//! `send()` and `send_stream()` comes through here.

use crate::error::{ApiError, Error};
use crate::request::RequestOptions;
use crate::retry::{Decision, Effect, Failure};
use crate::Client;
use bytes::Bytes;
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use std::time::Duration;
use tokio::time::Instant;
use tracing::Instrument;

/// A complete 2xx response, body read.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    pub attempts: u32,
}

/// What a call has spent, shared by all its attempts (a stream sent again
/// before its first event included): the deadline of
/// [`crate::RetryPolicy::deadline`], and the attempts made so far, which
/// [`crate::RetryPolicy::max_retries`] counts against. Kept in the
/// extensions of the response a call returns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub deadline: Option<Instant>,
    pub attempts: u32,
}

/// What the call that got `response` spent (one attempt, no deadline, for
/// a response from elsewhere).
pub(crate) fn budget(response: &reqwest::Response) -> Budget {
    response.extensions().get::<Budget>().copied().unwrap_or(Budget { deadline: None, attempts: 1 })
}

/// The attempts it took to get `response`.
pub(crate) fn attempts(response: &reqwest::Response) -> u32 {
    budget(response).attempts
}

/// Sends and reads the whole body (JSON and empty answers): a body cut
/// short is retried like a failed request, within the policy.
pub(crate) async fn send(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<Reply, Error> {
    match run(client, request, info, options, effect, true, None).await? {
        Done::Read(reply) => Ok(reply),
        Done::Open(_) => unreachable!("bodies are read"),
    }
}

/// Sends and returns the response as soon as a 2xx status and its headers
/// are in (event streams, binary bodies); what follows is the caller's.
pub(crate) async fn open(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<reqwest::Response, Error> {
    open_within(client, request, info, options, effect, None).await
}

/// [`open`], going on with what a call has `spent` (`None` starts a call).
pub(crate) async fn open_within(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
    spent: Option<Budget>,
) -> Result<reqwest::Response, Error> {
    match run(client, request, info, options, effect, false, spent).await? {
        Done::Open(response) => Ok(response),
        Done::Read(_) => unreachable!("bodies are left unread"),
    }
}

enum Done {
    Read(Reply),
    Open(reqwest::Response),
}

async fn run(
    client: &Client,
    mut request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
    read_body: bool,
    spent: Option<Budget>,
) -> Result<Done, Error> {
    options.check()?;
    let config = client.inner();
    let policy = options.policy(config.retry_policy());
    for name in options.headers.keys() {
        request.headers_mut().remove(name);
        for value in options.headers.get_all(name) {
            request.headers_mut().append(name, value.clone());
        }
    }
    let span = tracing::debug_span!(
        "togetherai.request",
        operation = info.operation_id,
        method = %request.method(),
        path = request.url().path(),
        ?effect,
    );
    async move {
        let deadline = match spent {
            Some(spent) => spent.deadline,
            None => policy.deadline.map(|d| Instant::now() + d),
        };
        let mut attempt = spent.map_or(0, |s| s.attempts);
        loop {
            attempt += 1;
            let mut this = request.try_clone().expect("bodies are bytes, never streams");
            if let Some(deadline) = deadline {
                let left = deadline.saturating_duration_since(Instant::now());
                *this.timeout_mut() = Some(config.timeout().map_or(left, |t| t.min(left)));
            }
            let sent = Instant::now();
            let result = client.exec(this, info).await;
            let latency_ms = sent.elapsed().as_millis() as u64;
            let (failure, error) = match result {
                Ok(mut response) if response.status().is_success() => {
                    tracing::debug!(attempt, status = response.status().as_u16(), latency_ms, "response");
                    if !read_body {
                        response.extensions_mut().insert(Budget { deadline, attempts: attempt });
                        return Ok(Done::Open(response));
                    }
                    let (status, headers) = (response.status(), response.headers().clone());
                    match response.bytes().await {
                        Ok(body) => return Ok(Done::Read(Reply { status, headers, body, attempts: attempt })),
                        Err(e) => {
                            tracing::debug!(attempt, error = %e, "body cut short");
                            (Failure::Interrupted, Error::Transport { source: e, attempts: attempt })
                        }
                    }
                }
                Ok(response) => {
                    let (status, headers) = (response.status(), response.headers().clone());
                    tracing::debug!(attempt, status = status.as_u16(), latency_ms, "response");
                    let body = response.bytes().await.unwrap_or_default();
                    let error = ApiError::new(info.operation_id, status, headers, body).attempts(attempt);
                    let decision = policy.decide(effect, attempt, &Failure::Status(status, &error.headers));
                    match wait(decision, deadline, attempt) {
                        Some(wait) => {
                            tokio::time::sleep(wait).await;
                            continue;
                        }
                        None => return Err(error.into()),
                    }
                }
                Err(e) => {
                    tracing::debug!(attempt, error = %e, latency_ms, "transport error");
                    let unsent = e.is_connect() || (e.is_request() && !e.is_timeout());
                    let failure = if unsent { Failure::Unsent } else { Failure::Interrupted };
                    (failure, Error::Transport { source: e, attempts: attempt })
                }
            };
            match wait(policy.decide(effect, attempt, &failure), deadline, attempt) {
                Some(wait) => tokio::time::sleep(wait).await,
                None => return Err(error),
            }
        }
    }
    .instrument(span)
    .await
}

/// The wait before the next attempt, or `None` to give up: the policy said
/// stop, the server's wait is over the cap, or the deadline would pass.
pub(crate) fn wait(decision: Decision, deadline: Option<Instant>, attempt: u32) -> Option<Duration> {
    match decision {
        Decision::Stop => None,
        Decision::TooLong(wait) => {
            tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "server's retry wait is over the cap");
            None
        }
        Decision::Retry(wait, from_server) => {
            if deadline.is_some_and(|d| Instant::now() + wait >= d) {
                tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retry would pass the deadline");
                return None;
            }
            tracing::info!(attempt, wait_ms = wait.as_millis() as u64, from_server, "retrying");
            Some(wait)
        }
    }
}
