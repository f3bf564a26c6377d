//! Fault injection: a misbehaving HTTP/1.1 server on 127.0.0.1 answers each
//! request with the next step of a script (statuses and headers, resets
//! before or inside a body, slow bodies, streams cut short) and counts the
//! requests, so every test knows exactly how many attempts were made.

mod common;

use futures_util::StreamExt;
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use togetherai::types::*;
use togetherai::{Client, Effect, Error, RetryPolicy, OPERATION_EFFECTS};
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "tk-retry-secret-0042";

/// One answer of the server.
#[derive(Clone)]
enum Reply {
    /// A complete response.
    Answer { status: u16, headers: Vec<(&'static str, String)>, body: Vec<u8> },
    /// The request is read, then the connection is reset: no response byte.
    ResetBeforeHeaders,
    /// Headers promise `len` bytes; `sent` of them come, then a reset.
    ResetMidBody { len: usize, sent: Vec<u8> },
    /// Half the body, a pause, the rest.
    SlowBody { body: Vec<u8>, pause: Duration },
    /// An event stream: these events, then a reset (no `[DONE]`) or the end.
    Events { events: Vec<String>, reset: bool },
    /// An event stream of `: keep-alive` comments every 20 ms for this
    /// long, then a reset: no event ever comes.
    KeepAliveThenReset(Duration),
}

fn status(code: u16) -> Reply {
    Reply::Answer {
        status: code,
        headers: vec![],
        body: json!({"error": {"message": format!("status {code}")}}).to_string().into(),
    }
}

fn with_header(reply: Reply, name: &'static str, value: &str) -> Reply {
    match reply {
        Reply::Answer { status, mut headers, body } => {
            headers.push((name, value.to_owned()));
            Reply::Answer { status, headers, body }
        }
        other => other,
    }
}

fn ok(body: Value) -> Reply {
    Reply::Answer { status: 200, headers: vec![], body: body.to_string().into() }
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    heads: Vec<String>,
    bodies: Vec<Value>,
    at: Vec<Instant>,
}

struct Server {
    client: Client,
    seen: Arc<Mutex<Seen>>,
}

impl Server {
    fn requests(&self) -> usize {
        self.seen.lock().unwrap().heads.len()
    }
}

/// A server answering request number n with `script[n]` (the last step
/// repeats), and a client with a fast policy unless `policy` says otherwise.
async fn server(script: Vec<Reply>, policy: Option<RetryPolicy>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let log = seen.clone();
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let (log, script) = (log.clone(), script.clone());
            tokio::spawn(async move { serve(socket, log, script).await });
        }
    });
    let fast = RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(40));
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("http://{addr}"))
        .timeout(Duration::from_millis(800))
        .retry_policy(policy.unwrap_or(fast))
        .build()
        .unwrap();
    Server { client, seen }
}

/// Reads one request, answers with the script's step for it, closes.
async fn serve(mut socket: TcpStream, log: Arc<Mutex<Seen>>, script: Vec<Reply>) {
    let Some((head, body)) = common::read_request(&mut socket).await else { return };
    let n = {
        let mut seen = log.lock().unwrap();
        seen.heads.push(head);
        seen.bodies.push(body);
        seen.at.push(Instant::now());
        seen.heads.len() - 1
    };
    // A zero linger makes the close a reset (RST), and does not block.
    #[allow(deprecated)]
    let reset = |socket: TcpStream| {
        socket.set_linger(Some(Duration::ZERO)).unwrap();
        drop(socket);
    };
    let head = |status: u16, len: usize, extra: &str| {
        format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {len}\r\nconnection: close\r\n{extra}\r\n")
    };
    match script[n.min(script.len() - 1)].clone() {
        Reply::Answer { status, headers, body } => {
            let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
            let _ = socket.write_all(head(status, body.len(), &extra).as_bytes()).await;
            let _ = socket.write_all(&body).await;
        }
        Reply::ResetBeforeHeaders => return reset(socket),
        Reply::ResetMidBody { len, sent } => {
            let _ = socket.write_all(head(200, len, "").as_bytes()).await;
            let _ = socket.write_all(&sent).await;
            let _ = socket.flush().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
            return reset(socket);
        }
        Reply::SlowBody { body, pause } => {
            let _ = socket.write_all(head(200, body.len(), "").as_bytes()).await;
            let _ = socket.write_all(&body[..body.len() / 2]).await;
            tokio::time::sleep(pause).await;
            let _ = socket.write_all(&body[body.len() / 2..]).await;
        }
        Reply::Events { events, reset: cut } => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            for event in events {
                let _ = socket.write_all(format!("{:x}\r\n{event}\r\n", event.len()).as_bytes()).await;
                let _ = socket.flush().await;
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            if cut {
                reset(socket);
                return;
            }
            let _ = socket.write_all(b"0\r\n\r\n").await;
        }
        Reply::KeepAliveThenReset(length) => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n";
            let _ = socket.write_all(head.as_bytes()).await;
            let until = Instant::now() + length;
            while Instant::now() < until {
                let _ = socket.write_all(b"e\r\n: keep-alive\n\n\r\n").await;
                let _ = socket.flush().await;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            return reset(socket);
        }
    }
    let _ = socket.flush().await;
}

fn sample(operation: &str) -> Value {
    common::every_operation().into_iter().find(|c| c.operation == operation).unwrap().response
}

fn chat(client: &Client) -> togetherai::builder::ChatCompletions<'_> {
    let message = ChatCompletionRequestMessagesItem::builder().role("user").content("hi");
    client
        .chat_completions()
        .body(ChatCompletionRequest::builder().model("m").messages(vec![message.try_into().unwrap()]))
}

fn chunk(content: &str) -> String {
    let chunk = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": null}]});
    format!("data: {chunk}\n\n")
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_succeeds() {
    let s = server(vec![with_header(status(429), "retry-after", "1"), ok(sample("files_list"))], None).await;
    let started = Instant::now();
    let files = s.client.files_list().send().await.unwrap();
    assert_eq!((files.attempts(), s.requests()), (2, 2));
    let seen = s.seen.lock().unwrap();
    let waited = seen.at[1] - seen.at[0];
    assert!(waited >= Duration::from_millis(990), "the server's 1 s was honoured: {waited:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn retry_after_ms_comes_before_retry_after() {
    let first = with_header(with_header(status(429), "retry-after-ms", "150"), "retry-after", "30");
    let s = server(vec![first, ok(sample("files_list"))], None).await;
    s.client.files_list().send().await.unwrap();
    let seen = s.seen.lock().unwrap();
    let waited = seen.at[1] - seen.at[0];
    assert!(waited >= Duration::from_millis(145) && waited < Duration::from_secs(5), "{waited:?}");
}

#[tokio::test]
async fn a_503_storm_exhausts_the_retries_and_says_how_many_attempts() {
    let s = server(vec![status(503)], None).await;
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!(s.requests(), 3, "1 attempt + the default 2 retries");
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!((api.status.as_u16(), api.attempts, err.attempts()), (503, 3, Some(3)));
    assert!(err.to_string().contains("failed after 3 attempts"), "{err}");
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once_and_carries_the_wait() {
    let s = server(vec![with_header(status(429), "retry-after", "120")], None).await;
    let started = Instant::now();
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(s.requests(), 1);
    let api = err.api().unwrap();
    assert_eq!(api.retry_after, Some(Duration::from_secs(120)));
    assert!(err.to_string().contains("retry after 120s"), "{err}");
}

#[tokio::test]
async fn a_reset_before_any_response_byte_is_retried_even_for_a_mutation() {
    let s = server(vec![Reply::ResetBeforeHeaders, ok(sample("fine_tunes_cancel"))], None).await;
    let cancelled = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap();
    assert_eq!((cancelled.attempts(), s.requests()), (2, 2));
}

#[tokio::test]
async fn a_reset_mid_body_is_retried_for_reads_and_inference_only() {
    let body = sample("files_list").to_string().into_bytes();
    let cut = Reply::ResetMidBody { len: body.len(), sent: body[..body.len() / 2].to_vec() };
    let s = server(vec![cut.clone(), ok(sample("files_list"))], None).await;
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![cut.clone(), ok(sample("chat_completions"))], None).await;
    assert_eq!(chat(&s.client).send().await.unwrap().attempts(), 2);

    // The cancel may have happened: it is not sent twice.
    let s = server(vec![cut, ok(sample("fine_tunes_cancel"))], None).await;
    let err = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
    assert_eq!(s.requests(), 1);
}

#[tokio::test]
async fn a_stream_reset_after_chunks_is_an_error_after_them_never_a_replay() {
    let events = vec![chunk("Hel"), chunk("lo")];
    let s =
        server(vec![Reply::Events { events, reset: true }, Reply::Events { events: vec![], reset: false }], None).await;
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[..2].iter().all(Result::is_ok));
    assert!(matches!(results[2], Err(Error::Transport { .. })), "{results:?}");
    assert_eq!(s.requests(), 1, "no replay once chunks were yielded");
}

#[tokio::test]
async fn a_stream_that_fails_before_its_first_event_is_sent_again() {
    let good = Reply::Events { events: vec![chunk("hi"), "data: [DONE]\n\n".into()], reset: false };
    let s = server(vec![Reply::Events { events: vec![": warming up\n\n".into()], reset: true }, good], None).await;
    let mut stream = chat(&s.client).send_stream().await.unwrap();
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.choices[0].delta.content.as_deref(), Some("hi"));
    assert!(stream.next().await.is_none());
    assert_eq!((stream.attempts(), s.requests()), (2, 2));
}

#[tokio::test]
async fn a_stream_is_retried_on_a_retryable_status_before_it_starts() {
    let good = Reply::Events { events: vec![chunk("x"), "data: [DONE]\n\n".into()], reset: false };
    let s = server(vec![status(503), good], None).await;
    let stream = chat(&s.client).send_stream().await.unwrap();
    assert_eq!(stream.attempts(), 2);
    assert_eq!(stream.collect::<Vec<_>>().await.len(), 1);
}

#[tokio::test]
async fn a_slow_body_past_the_timeout_is_retried_then_reported() {
    let slow = Reply::SlowBody { body: sample("files_list").to_string().into_bytes(), pause: Duration::from_secs(3) };
    let s = server(vec![slow.clone(), ok(sample("files_list"))], None).await;
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![slow], None).await;
    let err = s.client.files_list().send().await.unwrap_err();
    let Error::Transport { source, attempts } = &err else { panic!("{err:?}") };
    assert!(source.is_timeout(), "{source:?}");
    assert_eq!((*attempts, s.requests()), (3, 3));
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_and_not_retried() {
    let truncated = Reply::Answer { status: 200, headers: vec![], body: br#"{"data": [{"id": "file-1", "#.to_vec() };
    let s = server(vec![truncated, ok(sample("files_list"))], None).await;
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(matches!(err, Error::Decode { operation: "files_list", .. }), "{err:?}");
    assert_eq!(s.requests(), 1);
}

#[tokio::test]
async fn an_html_502_is_retried_and_reads_as_text_when_it_persists() {
    let html = Reply::Answer {
        status: 502,
        headers: vec![],
        body: b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>".to_vec(),
    };
    let s = server(vec![html.clone(), ok(sample("files_list"))], None).await;
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);

    let s = server(vec![html], None).await;
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!(s.requests(), 3);
    assert_eq!(err.api().unwrap().message(), "502 Bad Gateway nginx");
}

#[tokio::test]
async fn a_mutating_post_after_a_500_is_not_retried_unless_opted_in() {
    let script = vec![status(500), ok(sample("fine_tunes_cancel"))];
    let s = server(script.clone(), None).await;
    let err = s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap_err();
    assert_eq!((err.status().unwrap().as_u16(), err.attempts(), s.requests()), (500, Some(1), 1));

    let s = server(script, None).await;
    let opted =
        RetryPolicy::default().retry_mutations(true).backoff(Duration::from_millis(5), Duration::from_millis(5));
    let cancelled = s.client.fine_tunes_cancel().id("ft-1").retry_policy(opted).send().await.unwrap();
    assert_eq!(cancelled.attempts(), 2);

    // 503 and 429 say the request was not processed: a mutation is retried.
    let s = server(vec![status(503), ok(sample("fine_tunes_cancel"))], None).await;
    assert_eq!(s.client.fine_tunes_cancel().id("ft-1").send().await.unwrap().attempts(), 2);
}

#[tokio::test]
async fn the_server_says_whether_to_retry() {
    let s = server(vec![with_header(status(503), "x-should-retry", "false"), ok(sample("files_list"))], None).await;
    let err = s.client.files_list().send().await.unwrap_err();
    assert_eq!((err.attempts(), s.requests()), (Some(1), 1));

    let s = server(vec![with_header(status(400), "x-should-retry", "true"), ok(sample("files_list"))], None).await;
    assert_eq!(s.client.files_list().send().await.unwrap().attempts(), 2);
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    let policy = RetryPolicy::default().deadline(Duration::from_millis(700));
    let s = server(vec![with_header(status(503), "retry-after", "1"), ok(sample("files_list"))], Some(policy)).await;
    let started = Instant::now();
    let err = s.client.files_list().send().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500), "no wait that would pass the deadline");
    assert_eq!((err.attempts(), s.requests()), (Some(1), 1));

    // The deadline also cuts an attempt short: a 3 s body against 400 ms.
    let policy = RetryPolicy::none().deadline(Duration::from_millis(400));
    let slow = Reply::SlowBody { body: sample("files_list").to_string().into_bytes(), pause: Duration::from_secs(3) };
    let s = server(vec![slow], Some(policy)).await;
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
    let s = server(vec![Reply::KeepAliveThenReset(Duration::from_millis(250))], Some(policy)).await;
    let started = Instant::now();
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    let elapsed = started.elapsed();
    println!("deadline 300 ms, 5 retries: {} ms, {} requests", elapsed.as_millis(), s.requests());
    // The second attempt is cut at the deadline; nothing is sent after it.
    assert!(elapsed >= Duration::from_millis(290) && elapsed < Duration::from_millis(450), "{elapsed:?}");
    assert_eq!(s.requests(), 2);
    assert_eq!(results.len(), 1, "{results:?}");
    let Err(err @ Error::Transport { source, .. }) = &results[0] else { panic!("{results:?}") };
    assert!(source.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), Some(2));

    // Attempts are counted over the whole call too: 2 retries in all,
    // whether they went to the request or to reopening the stream.
    let policy = RetryPolicy::default().max_retries(2).backoff(Duration::from_millis(1), Duration::from_millis(1));
    let s = server(vec![status(503), Reply::KeepAliveThenReset(Duration::from_millis(30))], Some(policy)).await;
    let results: Vec<_> = chat(&s.client).send_stream().await.unwrap().collect().await;
    assert_eq!((s.requests(), results.len()), (3, 1), "{results:?}");
    assert_eq!(results[0].as_ref().unwrap_err().attempts(), Some(3));
}

#[tokio::test]
async fn zero_retries_disable_the_policy_per_client_and_per_request() {
    let s = server(vec![status(503), ok(sample("files_list"))], None).await;
    let err = s.client.files_list().max_retries(0).send().await.unwrap_err();
    assert_eq!((err.attempts(), s.requests()), (Some(1), 1));

    let s = server(vec![status(503), ok(sample("files_list"))], Some(RetryPolicy::none())).await;
    assert!(s.client.files_list().send().await.is_err());
    assert_eq!(s.requests(), 1);
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
        reply = with_header(reply, name, value);
    }
    let s = server(vec![reply], None).await;
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
    let s = server(vec![ok(sample("chat_completions"))], None).await;
    chat(&s.client)
        .header("x-trace-id", "t-1")
        .header("user-agent", "ignored: the client's agent is always sent")
        .extra_field("reasoning", json!({"effort": "high"}))
        .extra_field("model", "override")
        .send()
        .await
        .unwrap();
    let seen = s.seen.lock().unwrap();
    assert!(seen.heads[0].contains("x-trace-id: t-1"), "{}", seen.heads[0]);
    assert_eq!(seen.bodies[0]["reasoning"], json!({"effort": "high"}));
    assert_eq!(seen.bodies[0]["model"], "override");
    assert!(seen.bodies[0]["messages"].is_array());
}

#[test]
fn every_operation_is_classified_from_the_spec() {
    let effect = |id: &str| OPERATION_EFFECTS.iter().find(|(op, _)| *op == id).map(|(_, e)| *e);
    assert_eq!(OPERATION_EFFECTS.len(), common::every_operation().len());
    for (id, expected) in [
        ("chat_completions", Effect::Inference),
        ("completions", Effect::Inference),
        ("embeddings", Effect::Inference),
        ("images_generations", Effect::Inference),
        ("rerank", Effect::Inference),
        ("audio_speech", Effect::Inference),
        ("files_list", Effect::Read),
        ("fine_tunes_list", Effect::Read),
        ("fine_tunes_create", Effect::Mutation),
        ("fine_tunes_cancel", Effect::Mutation),
        ("files_delete", Effect::Mutation),
        ("upload_model", Effect::Mutation),
        ("tci_execute", Effect::Mutation),
        ("create_endpoint", Effect::Mutation),
        ("update_endpoint", Effect::Mutation),
        ("delete_endpoint", Effect::Mutation),
    ] {
        assert_eq!(effect(id), Some(expected), "{id}");
    }
}

#[tokio::test]
async fn retries_are_traced_without_the_key() {
    let logs = common::Logs::capture(tracing::Level::DEBUG);
    let s = server(vec![with_header(status(429), "retry-after-ms", "20"), ok(sample("files_list"))], None).await;
    s.client.files_list().send().await.unwrap();
    let log = logs.text();
    assert!(log.contains("retrying") && log.contains("wait_ms=20") && log.contains("from_server=true"), "{log}");
    assert!(log.contains("attempt=1") && log.contains("attempt=2") && log.contains("status=429"), "{log}");
    assert!(log.contains("togetherai.request") && log.contains("operation=\"files_list\""), "{log}");
    assert!(!log.contains(KEY) && !log.to_lowercase().contains("bearer"), "{log}");
}

#[tokio::test]
async fn binary_bodies_are_retried_before_they_start() {
    let headers = vec![("x-request-id", "req-a".into()), ("x-ratelimit-remaining", "41".into())];
    let audio = Reply::Answer { status: 200, headers, body: vec![7u8; 5000] };
    let s = server(vec![status(502), audio], None).await;
    let request = AudioSpeechRequest::builder().model("cartesia/sonic").input("hi").voice("laidback woman");
    let speech = s.client.audio_speech().body(request).send().await.unwrap();
    assert_eq!((speech.attempts(), speech.request_id()), (2, Some("req-a")));
    assert_eq!(speech.rate_limit("remaining"), Some("41"));
    assert_eq!(speech.bytes().await.unwrap().len(), 5000);
}
