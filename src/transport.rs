//! One call of an operation: as many attempts as the retry policy allows,
//! each through the client's `exec` hook (auth, user agent, default
//! headers), in one `togetherai.request` tracing span. Every generated
//! `send()` and `send_stream()` comes through here.

use crate::error::{ApiError, Error};
use crate::meta::ResponseMeta;
use crate::request::RequestOptions;
use crate::retry::{Decision, Effect, Failure};
use crate::Client;
use bytes::Bytes;
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::Instant;
use tracing::Instrument;

/// A complete 2xx response, body read.
#[derive(Debug)]
pub(crate) struct Reply {
    pub meta: ResponseMeta,
    pub body: Bytes,
}

/// A 2xx response whose body is the caller's to read (event streams,
/// binary bodies).
#[derive(Debug)]
pub(crate) struct Opened {
    pub meta: ResponseMeta,
    /// The response, its headers moved to `meta`.
    pub body: reqwest::Response,
    /// The call's deadline, which a stream sent again shares.
    pub deadline: Option<Instant>,
}

/// What a call has spent, shared by all its attempts (a stream sent again
/// before its first event included): the deadline of
/// [`crate::RetryPolicy::deadline`], and the attempts made so far, which
/// [`crate::RetryPolicy::max_retries`] counts against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub deadline: Option<Instant>,
    pub attempts: u32,
}

/// What a call makes of a 2xx response: [`Reply`] reads the body, and a body
/// cut short (the error) is retried like a failed request, within the
/// policy; [`Opened`] hands the response over as it is.
trait Outcome: Sized {
    fn from_success(response: reqwest::Response, spent: Budget) -> impl Future<Output = reqwest::Result<Self>> + Send;
}

impl Outcome for Reply {
    async fn from_success(mut response: reqwest::Response, spent: Budget) -> reqwest::Result<Self> {
        let meta = ResponseMeta::take(&mut response, spent.attempts);
        Ok(Reply { body: response.bytes().await?, meta })
    }
}

impl Outcome for Opened {
    async fn from_success(mut response: reqwest::Response, spent: Budget) -> reqwest::Result<Self> {
        Ok(Opened { meta: ResponseMeta::take(&mut response, spent.attempts), body: response, deadline: spent.deadline })
    }
}

/// Sends and reads the whole body (JSON and empty answers).
pub(crate) fn send<'a>(
    client: &'a Client,
    request: reqwest::Request,
    info: &'a OperationInfo,
    options: &'a RequestOptions,
    effect: Effect,
) -> impl Future<Output = Result<Reply, Error>> + Send + 'a {
    call(client, request, info, options, effect, None)
}

/// Sends and returns the response as soon as a 2xx status and its headers
/// are in (event streams, binary bodies), going on with what a call has
/// `spent` (`None` starts a call).
pub(crate) fn open<'a>(
    client: &'a Client,
    request: reqwest::Request,
    info: &'a OperationInfo,
    options: &'a RequestOptions,
    effect: Effect,
    spent: Option<Budget>,
) -> impl Future<Output = Result<Opened, Error>> + Send + 'a {
    call(client, request, info, options, effect, spent)
}

/// The attempts of one call, until one ends in an `O` or the policy gives up.
/// One future, in the call's span, boxed: the layers above (the contract,
/// the generated `send()`) hold a pointer to it, and a future of about 2 KiB
/// is not copied from one into the next, which cost more than the box.
fn call<'a, O: Outcome + 'a>(
    client: &'a Client,
    mut request: reqwest::Request,
    info: &'a OperationInfo,
    options: &'a RequestOptions,
    effect: Effect,
    spent: Option<Budget>,
) -> Pin<Box<impl Future<Output = Result<O, Error>> + Send + 'a>> {
    let span = tracing::debug_span!(
        "togetherai.request",
        operation = info.operation_id,
        method = %request.method(),
        path = request.url().path(),
        ?effect,
    );
    Box::pin(
        async move {
            options.check()?;
            let config = client.inner();
            let policy = options.policy(config.retry_policy());
            options.set_headers(request.headers_mut());
            let deadline = match spent {
                Some(spent) => spent.deadline,
                None => policy.deadline.map(|d| Instant::now() + d),
            };
            let mut attempt = spent.map_or(0, |s| s.attempts);
            loop {
                attempt += 1;
                // A copy to send again, while the policy allows another attempt
                // (a body that is a stream has none, and is sent once, unless
                // it can be made again: a form of bytes and files). Made
                // before the attempt, as reqwest gives nothing of it back.
                let again = match attempt > policy.max_retries {
                    true => None,
                    false => request.try_clone().or_else(|| options.replay.as_ref().map(|r| r.again(&request))),
                };
                if let Some(deadline) = deadline {
                    let left = deadline.saturating_duration_since(Instant::now());
                    *request.timeout_mut() = Some(config.timeout().map_or(left, |t| t.min(left)));
                }
                let sent = Instant::now();
                let result = client.exec(request, info).await;
                // Read only by the events that are enabled.
                let latency_ms = || sent.elapsed().as_millis() as u64;
                let (decision, error) = match result {
                    Ok(response) if response.status().is_success() => {
                        tracing::debug!(
                            attempt,
                            status = response.status().as_u16(),
                            latency_ms = latency_ms(),
                            "response"
                        );
                        match O::from_success(response, Budget { deadline, attempts: attempt }).await {
                            Ok(done) => return Ok(done),
                            Err(e) => {
                                tracing::debug!(attempt, error = %e, "body cut short");
                                let decision = policy.decide(effect, attempt, &Failure::Interrupted);
                                (decision, Error::Transport { source: e, attempts: attempt })
                            }
                        }
                    }
                    Ok(mut response) => {
                        let (status, headers) = (response.status(), std::mem::take(response.headers_mut()));
                        tracing::debug!(attempt, status = status.as_u16(), latency_ms = latency_ms(), "response");
                        let body = response.bytes().await.unwrap_or_default();
                        let error = ApiError::new(info.operation_id, status, headers, body).attempts(attempt);
                        (policy.decide(effect, attempt, &Failure::Status(status, &error.headers)), error.into())
                    }
                    Err(e) => {
                        tracing::debug!(attempt, error = %e, latency_ms = latency_ms(), "transport error");
                        let unsent = e.is_connect() || (e.is_request() && !e.is_timeout());
                        let failure = if unsent { Failure::Unsent } else { Failure::Interrupted };
                        (policy.decide(effect, attempt, &failure), Error::Transport { source: e, attempts: attempt })
                    }
                };
                let Some(again) = again else { return Err(error) };
                match wait(decision, deadline, attempt) {
                    Some(wait) => {
                        tokio::time::sleep(wait).await;
                        request = again;
                    }
                    None => return Err(error),
                }
            }
        }
        .instrument(span),
    )
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
