//! Fault injection: the scripted server answers each request with the next
//! step of a script (statuses and headers, resets before or inside a body,
//! slow bodies, streams cut short) and records the requests, so every test
//! knows exactly how many attempts were made.

use crate::support::calls;
use crate::support::logs::Logs;
use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use togetherai::types::*;
use togetherai::{Client, Effect, Error, RetryPolicy, OPERATION_EFFECTS};
use togetherai_testkit::{Reply, Server};

const KEY: &str = "tk-retry-secret-0042";

/// A complete answer labelled JSON, whatever the body.
fn answer(status: u16, body: impl Into<Bytes>) -> Reply {
    Reply::new(status).header("content-type", "application/json").send(body)
}

fn status(code: u16) -> Reply {
    Reply::json(code, &json!({"error": {"message": format!("status {code}")}}))
}

fn ok(body: Value) -> Reply {
    Reply::json(200, &body)
}

/// Headers that promise all of `body`; half of it comes, then a reset.
fn reset_mid_body(body: &[u8]) -> Reply {
    let reply = Reply::new(200).header("content-type", "application/json").declared_length(body.len() as u64);
    reply.send(body[..body.len() / 2].to_vec()).pause(Duration::from_millis(20)).reset()
}

/// Half the body, a pause, the rest.
fn slow_body(body: Value, pause: Duration) -> Reply {
    let body = body.to_string().into_bytes();
    let (first, rest) = body.split_at(body.len() / 2);
    answer(200, first.to_vec()).pause(pause).send(rest.to_vec())
}

fn event_stream() -> Reply {
    Reply::new(200).header("content-type", "text/event-stream").chunked()
}

/// An event stream: these events 10 ms apart, then the end, or a reset
/// (no `[DONE]`) when `reset`.
fn events(events: &[String], reset: bool) -> Reply {
    let reply =
        events.iter().fold(event_stream(), |reply, event| reply.send(event.clone()).pause(Duration::from_millis(10)));
    if reset {
        reply.reset()
    } else {
        reply
    }
}

/// An event stream of `: keep-alive` comments every 20 ms for this long,
/// then a reset: no event ever comes.
fn keep_alive_then_reset(length: Duration) -> Reply {
    event_stream().trickle(": keep-alive\n\n", Duration::from_millis(20), Some(length)).reset()
}

/// The scripted server and a client of it.
struct Scripted {
    client: Client,
    server: Server,
}

impl Scripted {
    /// How many requests the server got.
    fn received(&self) -> usize {
        self.server.requests().len()
    }

    /// The time between the arrival of the first and the second request.
    fn wait_between_attempts(&self) -> Duration {
        let requests = self.server.requests();
        requests[1].at - requests[0].at
    }
}

/// A server answering request number n with `script[n]` (the last step
/// repeats), and a client with a fast policy unless `policy` says otherwise.
fn server(script: Vec<Reply>, policy: Option<RetryPolicy>) -> Scripted {
    let server = Server::script(script);
    let fast = RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(40));
    let client = Client::builder()
        .api_key(KEY)
        .base_url(server.url())
        .timeout(Duration::from_millis(800))
        .retry_policy(policy.unwrap_or(fast))
        .build()
        .unwrap();
    Scripted { client, server }
}

fn sample(operation: &str) -> Value {
    calls::call(operation).response
}

fn chat(client: &Client) -> togetherai::builder::ChatCompletions<'_> {
    let message = ChatMessage::user("hi");
    client.chat_completions().body(ChatCompletionRequest::builder().model("m").messages([message]))
}

fn chunk(content: &str) -> String {
    let chunk = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]});
    format!("data: {chunk}\n\n")
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_succeeds() {
    let s = server(vec![status(429).header("retry-after", "1"), ok(sample("files_list"))], None);
    let started = Instant::now();
    let files = s.client.files_list().send().await.unwrap();
    assert_eq!((files.attempts(), s.received()), (2, 2));
    let waited = s.wait_between_attempts();
    assert!(waited >= Duration::from_millis(990), "the server's 1 s was honoured: {waited:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn retry_after_ms_comes_before_retry_after() {
    let first = status(429).header("retry-after-ms", "150").header("retry-after", "30");
    let s = server(vec![first, ok(sample("files_list"))], None);
    s.client.files_list().send().await.unwrap();
    let waited = s.wait_between_attempts();
    assert!(waited >= Duration::from_millis(145) && waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn a_503_storm_exhausts_the_retries_and_says_how_many_attempts() {
    let s = server(vec![status(503)], None);
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!(s.received(), 3, "1 attempt + the default 2 retries");
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!((api.status.as_u16(), api.attempts, err.attempts()), (503, 3, Some(3)));
    assert!(err.to_string().contains("failed after 3 attempts"), "{err}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once_and_carries_the_wait() {
    let s = server(vec![status(429).header("retry-after", "120")], None);
    let started = Instant::now();
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(s.received(), 1);
    let api = err.api().unwrap();
    assert_eq!(api.retry_after, Some(Duration::from_secs(120)));
    assert!(err.to_string().contains("retry after 120s"), "{err}");
}

#[tokio::test]
async fn a_reset_before_any_response_byte_is_retried_even_for_a_mutation() {
    let s = server(vec![Reply::reset_at_once(), ok(sample("fine_tunes_cancel"))], None);
    let cancelled = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap();
    assert_eq!((cancelled.attempts(), s.received()), (2, 2));
}

#[tokio::test]
async fn a_reset_mid_body_is_retried_for_reads_and_inference_only() {
    let cut = reset_mid_body(sample("files_list").to_string().as_bytes());
    let s = server(vec![cut.clone(), ok(sample("files_list"))], None);
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![cut.clone(), ok(sample("chat_completions"))], None);
    assert_eq!(chat(&s.client).send().await.unwrap().attempts(), 2);

    // The cancel may have happened: it is not sent twice.
    let s = server(vec![cut, ok(sample("fine_tunes_cancel"))], None);
    let err = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
    assert_eq!(s.received(), 1);
}

#[tokio::test]
async fn a_stream_reset_after_chunks_is_an_error_after_them_never_a_replay() {
    let chunks = [chunk("Hel"), chunk("lo")];
    let s = server(vec![events(&chunks, true), events(&[], false)], None);
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[..2].iter().all(Result::is_ok));
    assert!(matches!(results[2], Err(Error::Transport { .. })), "{results:?}");
    assert_eq!(s.received(), 1, "no replay once chunks were yielded");
}

#[tokio::test]
async fn a_stream_that_fails_before_its_first_event_is_sent_again() {
    let good = events(&[chunk("hi"), "data: [DONE]\n\n".into()], false);
    let s = server(vec![events(&[": warming up\n\n".into()], true), good], None);
    let mut stream = chat(&s.client).send_stream().await.unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.choices[0].delta.content.as_deref(), Some("hi"));
    assert!(stream.next().await.is_none());
    assert_eq!((stream.attempts(), s.received()), (2, 2));
}

#[tokio::test]
async fn a_stream_is_retried_on_a_retryable_status_before_it_starts() {
    let good = events(&[chunk("x"), "data: [DONE]\n\n".into()], false);
    let s = server(vec![status(503), good], None);
    let stream = chat(&s.client).send_stream().await.unwrap();
    assert_eq!(stream.attempts(), 2);
    assert_eq!(stream.collect::<Vec<_>>().await.len(), 1);
}

#[tokio::test]
async fn a_slow_body_past_the_timeout_is_retried_then_reported() {
    let slow = slow_body(sample("files_list"), Duration::from_secs(3));
    let s = server(vec![slow.clone(), ok(sample("files_list"))], None);
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![slow], None);
    let err = s.client.files_list().send().await.unwrap_err();
    let Error::Transport { source, attempts } = &err else { panic!("{err:?}") };
    assert!(source.is_timeout(), "{source:?}");
    assert_eq!((*attempts, s.received()), (3, 3));
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_and_not_retried() {
    let truncated = answer(200, &br#"{"data": [{"id": "file-1", "#[..]);
    let s = server(vec![truncated, ok(sample("files_list"))], None);
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(matches!(err, Error::Decode { operation: "files_list", .. }), "{err:?}");
    assert_eq!(s.received(), 1);
}

#[tokio::test]
async fn an_html_502_is_retried_and_reads_as_text_when_it_persists() {
    let html = answer(502, &b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"[..]);
    let s = server(vec![html.clone(), ok(sample("files_list"))], None);
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![html], None);
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!(s.received(), 3);
    assert_eq!(err.api().unwrap().message(), "502 Bad Gateway nginx");
}

#[tokio::test]
async fn a_mutating_post_after_a_500_is_not_retried_unless_opted_in() {
    let script = vec![status(500), ok(sample("fine_tunes_cancel"))];
    let s = server(script.clone(), None);
    let err = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap_err();
    assert_eq!((err.status().unwrap().as_u16(), err.attempts(), s.received()), (500, Some(1), 1));

    let s = server(script, None);
    let opted =
        RetryPolicy::default().retry_mutations(true).backoff(Duration::from_millis(5), Duration::from_millis(5));
    let cancelled = s.client.fine_tunes_cancel().id("ft-1").retry_policy(opted).send().await.unwrap();
    assert_eq!(cancelled.attempts(), 2);

    // 503 and 429 say the request was not processed: a mutation is retried.
    let s = server(vec![status(503), ok(sample("fine_tunes_cancel"))], None);
    assert_eq!(s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap().attempts(), 2);
}

#[tokio::test]
async fn the_server_says_whether_to_retry() {
    let s = server(vec![status(503).header("x-should-retry", "false"), ok(sample("files_list"))], None);
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!((err.attempts(), s.received()), (Some(1), 1));

    let s = server(vec![status(400).header("x-should-retry", "true"), ok(sample("files_list"))], None);
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    let policy = RetryPolicy::default().deadline(Duration::from_millis(700));
    let s = server(vec![status(503).header("retry-after", "1"), ok(sample("files_list"))], Some(policy));
    let started = Instant::now();
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "no wait that would pass the deadline");
    assert_eq!((err.attempts(), s.received()), (Some(1), 1));

    // The deadline also cuts an attempt short: a 3 s body against 400 ms.
    let policy = RetryPolicy::none().deadline(Duration::from_millis(400));
    let slow = slow_body(sample("files_list"), Duration::from_secs(3));
    let s = server(vec![slow], Some(policy));
    let started = Instant::now();
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(750), "{:?}", started.elapsed());
    assert!(matches!(&err, Error::Transport { source, .. } if source.is_timeout()), "{err:?}");
}

#[tokio::test]
async fn a_stream_sent_again_keeps_the_calls_deadline_and_attempts() {
    // Keep-alive comments for 250 ms, then a reset, on every attempt; 5
    // retries allowed, but the call has 300 ms in all.
    let policy = RetryPolicy::default()
        .max_retries(5)
        .backoff(Duration::from_millis(1), Duration::from_millis(1))
        .deadline(Duration::from_millis(300));
    let s = server(vec![keep_alive_then_reset(Duration::from_millis(250))], Some(policy));
    let started = Instant::now();
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    let elapsed = started.elapsed();
    println!("deadline 300 ms, 5 retries: {} ms, {} requests", elapsed.as_millis(), s.received());
    // The second attempt is cut at the deadline; nothing is sent after it.
    assert!(elapsed >= Duration::from_millis(290) && elapsed < Duration::from_millis(450), "{elapsed:?}");
    assert_eq!(s.received(), 2);
    assert_eq!(results.len(), 1, "{results:?}");
    let Err(err @ Error::Transport { source, .. }) = &results[0] else { panic!("{results:?}") };
    assert!(source.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), Some(2));

    // Attempts are counted over the whole call too: 2 retries in all,
    // whether they went to the request or to reopening the stream.
    let policy = RetryPolicy::default().max_retries(2).backoff(Duration::from_millis(1), Duration::from_millis(1));
    let s = server(vec![status(503), keep_alive_then_reset(Duration::from_millis(30))], Some(policy));
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    assert_eq!((s.received(), results.len()), (3, 1), "{results:?}");
    assert_eq!(results[0].as_ref().unwrap_err().attempts(), Some(3));
}

#[tokio::test]
async fn zero_retries_disable_the_policy_per_client_and_per_request() {
    let s = server(vec![status(503), ok(sample("files_list"))], None);
    let err = s.client.files_list().max_retries(0).send().await.unwrap_err();
    assert_eq!((err.attempts(), s.received()), (Some(1), 1));

    let s = server(vec![status(503), ok(sample("files_list"))], Some(RetryPolicy::none()));
    assert!(s.client.files_list().send().await.is_err());
    assert_eq!(s.received(), 1);
}

#[tokio::test]
async fn responses_expose_request_id_rate_limits_and_attempts() {
    let mut reply = ok(sample("files_list"));
    for (name, value) in [
        ("x-request-id", "req-77"),
        ("x-ratelimit-limit", "600"),
        ("x-ratelimit-remaining", "599"),
        ("x-ratelimit-reset", "1"),
    ] {
        reply = reply.header(name, value);
    }
    let s = server(vec![reply], None);
    let files = s.client.files_list().send().await.unwrap();
    assert_eq!(files.request_id(), Some("req-77"));
    assert_eq!(files.rate_limit("remaining"), Some("599"));
    let mut limits: Vec<_> = files.rate_limits().collect();
    limits.sort();
    assert_eq!(limits, [("x-ratelimit-limit", "600"), ("x-ratelimit-remaining", "599"), ("x-ratelimit-reset", "1")]);
    assert_eq!(files.attempts(), 1);
}

#[tokio::test]
async fn extra_headers_and_body_fields_reach_the_wire() {
    let s = server(vec![ok(sample("chat_completions"))], None);
    chat(&s.client)
        .header("x-trace-id", "t-1")
        .header("user-agent", "ignored: the client's agent is always sent")
        .extra_field("reasoning", json!({"effort": "high"}))
        .extra_field("model", "override")
        .send()
        .await
        .unwrap();
    let sent = &s.server.requests()[0];
    assert_eq!(sent.header("x-trace-id"), Some("t-1"), "{sent:?}");
    let body = sent.json();
    assert_eq!(body["reasoning"], json!({"effort": "high"}));
    assert_eq!(body["model"], "override");
    assert!(body["messages"].is_array());
}

#[test]
fn every_operation_is_classified_from_the_spec() {
    let effect = |id: &str| OPERATION_EFFECTS.iter().find(|(op, _)| *op == id).map(|(_, e)| *e);
    for (id, expected) in [
        ("chat_completions", Effect::Inference),
        ("completions_create", Effect::Inference),
        ("embeddings_create", Effect::Inference),
        ("images_generations", Effect::Inference),
        ("rerank_create", Effect::Inference),
        ("audio_speech", Effect::Inference),
        ("files_list", Effect::Read),
        ("fine_tunes_list", Effect::Read),
        ("fine_tunes_create", Effect::Mutation),
        ("fine_tunes_cancel", Effect::Mutation),
        ("files_delete", Effect::Mutation),
        ("models_create", Effect::Mutation),
        ("tci_execute", Effect::Mutation),
        ("endpoints_create", Effect::Mutation),
        ("endpoints_update", Effect::Mutation),
        ("endpoints_delete", Effect::Mutation),
    ] {
        assert_eq!(effect(id), Some(expected), "{id}");
    }
}

#[tokio::test]
async fn retries_are_traced_without_the_key() {
    let logs = Logs::capture(tracing::Level::DEBUG);
    let s = server(vec![status(429).header("retry-after-ms", "20"), ok(sample("files_list"))], None);
    s.client.files_list().send().await.unwrap();
    let log = logs.text();
    assert!(log.contains("retrying") && log.contains("wait_ms=20") && log.contains("from_server=true"), "{log}");
    assert!(log.contains("attempt=1") && log.contains("attempt=2") && log.contains("status=429"), "{log}");
    assert!(log.contains("togetherai.request") && log.contains("operation=\"files_list\""), "{log}");
    assert!(!log.contains(KEY) && !log.to_lowercase().contains("bearer"), "{log}");
}

#[tokio::test]
async fn binary_bodies_are_retried_before_they_start() {
    let audio = answer(200, vec![7u8; 5000]).header("x-request-id", "req-a").header("x-ratelimit-remaining", "41");
    let s = server(vec![status(502), audio], None);
    let request = AudioSpeechRequest::builder().model("cartesia/sonic").input("hi").voice("laidback woman");
    let speech = s.client.audio_speech().body(request).send().await.unwrap();
    assert_eq!((speech.attempts(), speech.request_id()), (2, Some("req-a")));
    assert_eq!(speech.rate_limit("remaining"), Some("41"));
    assert_eq!(speech.bytes().await.unwrap().len(), 5000);
}
