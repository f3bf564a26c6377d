//! Event streams and binary bodies end to end, against the scripted server
//! writing each piece when the script says so: the tests can hold the server
//! back to prove a chunk is yielded before the next one is even sent, cut
//! the connection, or go silent.

use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::time::Duration;
use togetherai::audio::{PcmEncoding, WavFormat};
use togetherai::types::*;
use togetherai::{Client, Error};
use togetherai_testkit::{Reply, Request, Server, Signal};

const EVENTS: &str = "text/event-stream";
const JSON: &str = "application/json";

/// A chunked `status` answer of `content_type`, one chunk per piece; the
/// tests add holds and endings to it.
fn chunked<P: Into<Bytes>>(status: u16, content_type: &str, pieces: impl IntoIterator<Item = P>) -> Reply {
    pieces.into_iter().fold(Reply::new(status).header("content-type", content_type).chunked(), Reply::send)
}

/// `: keep-alive` comments every 20 ms until the client hangs up.
fn keep_alive(reply: Reply) -> Reply {
    reply.trickle(": keep-alive\n\n", Duration::from_millis(20), None)
}

/// A server for one answer, and a client of it.
fn serve(reply: Reply) -> (Client, Server) {
    let server = Server::script([reply]);
    let client = Client::builder().api_key("test-key").base_url(server.url()).build().unwrap();
    (client, server)
}

/// The one request the server got.
fn received(server: &Server) -> Request {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests[0].clone()
}

fn chunk(id: usize, content: &str) -> String {
    let chunk = json!({"id": "c1", "object": "chat.completion.chunk", "created": 1_732_000_000, "model": "m",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": content, "token_id": id}, "finish_reason": null}]});
    format!("data: {chunk}\n\n")
}

const DONE: &str = "data: [DONE]\n\n";

fn chat(client: &Client) -> togetherai::builder::ChatCompletions<'_> {
    let message = ChatMessage::user("Say hello");
    client.chat_completions().body(ChatCompletionRequest::builder().model("m").messages([message]).stream(false))
}

fn content(chunk: &ChatCompletionChunk) -> String {
    chunk.choices[0].delta.content.clone().unwrap_or_default()
}

/// The next item within a second, or a panic naming what was expected.
async fn next<S: futures_util::Stream + Unpin>(stream: &mut S, what: &str) -> Option<S::Item> {
    tokio::time::timeout(Duration::from_secs(5), stream.next()).await.unwrap_or_else(|_| panic!("no {what} in 5 s"))
}

#[tokio::test]
async fn each_chunk_is_yielded_before_the_server_sends_the_next() {
    let go = Signal::new();
    let (client, server) = serve(chunked(200, EVENTS, [chunk(1, "Hel")]).wait(&go).send(chunk(2, "lo")).send(DONE));
    let mut stream = chat(&client).send_stream().await.unwrap();

    // The server sends nothing more until `go`: this chunk came on its own.
    let first = next(&mut stream, "first chunk").await.unwrap().unwrap();
    assert_eq!(content(&first), "Hel");
    go.fire();
    assert_eq!(content(&next(&mut stream, "second chunk").await.unwrap().unwrap()), "lo");
    assert!(next(&mut stream, "end").await.is_none());
    assert!(stream.next().await.is_none(), "a finished stream stays finished");
    assert_eq!(stream.events_received(), 2);

    let received = received(&server);
    assert!(received.header("accept").is_some_and(|a| a.starts_with(EVENTS)), "{received:?}");
    assert_eq!(received.header("authorization"), Some("Bearer test-key"));
    assert_eq!(received.json()["stream"], true, "send_stream() asks for a stream even when the body said false");
}

#[tokio::test]
async fn plain_send_never_asks_for_a_stream() {
    let response = json!({"id": "c1", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}]});
    let (client, server) = serve(chunked(200, JSON, [response.to_string()]));
    let message = ChatMessage::user("Say hello");
    let body = ChatCompletionRequest::builder().model("m").messages([message]).stream(true);
    let reply = client.chat_completions().body(body).send().await.unwrap();
    assert_eq!(reply.choices[0].message.as_ref().unwrap().content.as_deref(), Some("hi"));
    assert!(received(&server).json().get("stream").is_none());
}

#[tokio::test]
async fn crlf_comments_a_bom_and_odd_write_boundaries() {
    let text = format!(
        "\u{feff}: keep-alive\r\n\r\n{}: still thinking\r\n{}{}",
        chunk(1, "h\u{e9}").replace('\n', "\r\n"),
        chunk(2, " \u{1F600}").replace('\n', "\r\n"),
        DONE.replace('\n', "\r\n")
    );
    // Every write a few bytes long: fields, line ends and characters are cut.
    let (client, _server) = serve(chunked(200, EVENTS, text.as_bytes().chunks(3).map(|c| c.to_vec())));
    let stream = chat(&client).send_stream().await.unwrap();
    let chunks: Vec<_> = stream.map(|c| content(&c.unwrap())).collect().await;
    assert_eq!(chunks, ["h\u{e9}", " \u{1F600}"]);
}

#[tokio::test]
async fn an_error_event_is_a_typed_error_carrying_the_message() {
    let frame = "event: error\ndata: {\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}\n\n";
    let (client, _server) = serve(chunked(200, EVENTS, [chunk(1, "a"), frame.into(), DONE.into()]));
    let mut stream = chat(&client).send_stream().await.unwrap();
    assert!(next(&mut stream, "chunk").await.unwrap().is_ok());
    let err = next(&mut stream, "error").await.unwrap().unwrap_err();
    let Error::StreamEvent(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.message(), "model overloaded");
    assert_eq!(api.detail.as_ref().unwrap().kind.as_deref(), Some("server_error"));
    assert_eq!(err.api().unwrap().operation, "chat_completions");
    assert!(err.to_string().contains("model overloaded"), "{err}");
    assert_eq!(stream.last_event().map(|e| e.kind()), Some("error"), "the event behind the error item");
    assert!(stream.next().await.is_none(), "an error event ends the stream");
}

#[tokio::test]
async fn an_error_payload_without_an_event_type_is_an_error_too() {
    let frames = [chunk(1, "a"), "data: {\"id\": \"x\", \"error\": {\"message\": \"quota\"}}\n\n".into()];
    let (client, _server) = serve(chunked(200, EVENTS, frames));
    let results: Vec<_> = chat(&client).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 2);
    let Err(Error::StreamEvent(api)) = &results[1] else { panic!("{:?}", results[1]) };
    assert_eq!(api.message(), "quota");
}

#[tokio::test]
async fn a_stream_that_ends_without_done_is_an_error() {
    let (client, _server) = serve(chunked(200, EVENTS, [chunk(1, "a"), chunk(2, "b")]));
    let results: Vec<_> = chat(&client).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[..2].iter().all(Result::is_ok));
    assert!(matches!(results[2], Err(Error::StreamClosed { operation: "chat_completions", events: 2 })), "{results:?}");
}

#[tokio::test]
async fn a_connection_cut_mid_stream_is_an_error() {
    let (client, _server) = serve(chunked(200, EVENTS, [chunk(1, "a"), "data: {\"id\"".into()]).cut());
    let results: Vec<_> = chat(&client).send_stream().await.unwrap().collect().await;
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(matches!(results[1], Err(Error::Transport { .. })), "{results:?}");
}

#[tokio::test]
async fn a_non_2xx_start_is_the_ordinary_api_error() {
    let body = r#"{"error":{"message":"rate limited","type":"rate_limit"}}"#;
    let (client, _server) = serve(chunked(429, JSON, [body]));
    // One answer only: retries are `retries`'s subject.
    let err = chat(&client).max_retries(0).send_stream().await.unwrap_err();
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.status.as_u16(), 429);
    assert_eq!(api.message(), "rate limited");
    assert_eq!(api.body, body.as_bytes());
}

#[tokio::test]
async fn a_chunk_that_does_not_decode_is_an_error_item_and_the_stream_goes_on() {
    let frames = ["data: {\"id\": 5}\n\n".to_string(), chunk(1, "ok"), DONE.into()];
    let (client, _server) = serve(chunked(200, EVENTS, frames));
    let results: Vec<_> = chat(&client).send_stream().await.unwrap().collect().await;
    assert!(matches!(&results[0], Err(Error::Decode { operation: "chat_completions", .. })), "{results:?}");
    assert_eq!(content(results[1].as_ref().unwrap()), "ok");
    assert_eq!(results.len(), 2);
}

#[tokio::test]
async fn the_idle_timeout_fails_a_silent_stream() {
    let never = Signal::new();
    let (client, _server) = serve(chunked(200, EVENTS, [chunk(1, "a")]).wait(&never));
    let mut stream = chat(&client).send_stream().await.unwrap().idle_timeout(Duration::from_millis(150));
    assert!(next(&mut stream, "chunk").await.unwrap().is_ok());
    let started = std::time::Instant::now();
    let err = next(&mut stream, "idle error").await.unwrap().unwrap_err();
    assert!(matches!(err, Error::StreamIdle { events: 1, .. }), "{err:?}");
    assert!(started.elapsed() >= Duration::from_millis(140), "{:?}", started.elapsed());
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn keep_alive_comments_hold_off_the_client_idle_timeout() {
    let (_, server) = serve(keep_alive(chunked(200, EVENTS, [chunk(1, "a")])));
    let client = Client::builder()
        .api_key("k")
        .base_url(server.url())
        .stream_idle_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let mut stream = chat(&client).send_stream().await.unwrap();
    assert!(next(&mut stream, "chunk").await.unwrap().is_ok());
    // Comments every 20 ms: 400 ms of them and the 100 ms idle timeout never fires.
    assert!(tokio::time::timeout(Duration::from_millis(400), stream.next()).await.is_err());
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    let closed = Signal::new();
    let (client, _server) = serve(keep_alive(chunked(200, EVENTS, [chunk(1, "a")])).on_hang_up(&closed));
    let mut stream = chat(&client).send_stream().await.unwrap();
    assert!(next(&mut stream, "chunk").await.unwrap().is_ok());
    drop(stream);
    tokio::time::timeout(Duration::from_secs(5), closed.fired()).await.expect("the server saw the close");
}

/// The same answer, once as one JSON response and once as chunks.
fn tool_call_answer() -> (Value, Vec<String>) {
    let head = json!({"id": "c9", "object": "chat.completion.chunk", "created": 7, "model": "m"});
    let with = |choice: Value, usage: Value| {
        let mut c = head.clone();
        c["choices"] = json!([choice]);
        c["usage"] = usage;
        format!("data: {c}\n\n")
    };
    let mut chunks = vec![];
    for (i, piece) in ["Checking", " the", " weather."].iter().enumerate() {
        let delta = json!({"role": "assistant", "content": piece, "token_id": i});
        chunks.push(with(json!({"index": 0, "delta": delta, "finish_reason": null}), Value::Null));
    }
    let call =
        |call: Value| json!({"index": 0, "delta": {"role": "assistant", "tool_calls": [call]}, "finish_reason": null});
    chunks.push(with(
        call(json!({"index": 0, "id": "call_1", "type": "function", "function": {"name": "weather", "arguments": ""}})),
        Value::Null,
    ));
    for part in ["{\"city\":", " \"Oslo\"}"] {
        chunks.push(with(call(json!({"index": 0, "function": {"arguments": part}})), Value::Null));
    }
    let usage = json!({"prompt_tokens": 10, "completion_tokens": 6, "total_tokens": 16});
    chunks
        .push(with(json!({"index": 0, "delta": {"role": "assistant"}, "finish_reason": "tool_calls"}), usage.clone()));
    chunks.push(DONE.into());
    let whole = json!({"id": "c9", "object": "chat.completion", "created": 7, "model": "m", "usage": usage,
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
            "content": "Checking the weather.", "tool_calls": [{"index": 0, "id": "call_1", "type": "function",
            "function": {"name": "weather", "arguments": "{\"city\": \"Oslo\"}"}}]}}]});
    (whole, chunks)
}

#[tokio::test]
async fn the_accumulated_stream_equals_the_non_streaming_response() {
    let (whole, chunks) = tool_call_answer();
    let (client, _server) = serve(chunked(200, JSON, [whole.to_string()]));
    let expected = chat(&client).send().await.unwrap().into_inner();

    let (client, _server) = serve(chunked(200, EVENTS, chunks.clone()));
    let collected = chat(&client).send_stream().await.unwrap().collect_response().await.unwrap();
    assert_eq!(serde_json::to_value(&collected).unwrap(), serde_json::to_value(&expected).unwrap());

    // Alongside consumption: print each piece, get the same result at the end.
    let (client, _server) = serve(chunked(200, EVENTS, chunks));
    let mut stream = chat(&client).send_stream().await.unwrap().accumulate();
    let mut printed = String::new();
    while let Some(chunk) = stream.next().await {
        printed.push_str(&content(&chunk.unwrap()));
        if printed == "Checking" {
            let so_far = stream.response().unwrap().choices[0].message.clone().unwrap();
            assert_eq!(so_far.content.as_deref(), Some("Checking"), "the response so far");
        }
    }
    assert_eq!(printed, "Checking the weather.");
    let message = stream.response().unwrap().choices[0].message.clone().unwrap();
    assert_eq!(message.tool_calls[0].function.arguments, "{\"city\": \"Oslo\"}");
    assert_eq!(serde_json::to_value(stream.response().unwrap()).unwrap(), serde_json::to_value(&expected).unwrap());
}

#[tokio::test]
async fn completions_stream_and_accumulate() {
    // A real completion event: text, finish reason and seed per choice, a
    // chat-like delta, no top-level `token` or `finish_reason`.
    let piece = |text: &str, token_id: u32, finish: Value, seed: Value, usage: Value| {
        let c = json!({"id": "t1", "object": "completion.chunk", "created": 3, "model": "m",
            "choices": [{"index": 0, "text": text, "logprobs": null, "finish_reason": finish, "seed": seed,
                "delta": {"token_id": token_id, "role": "assistant", "content": text}}], "usage": usage});
        format!("data: {c}\n\n")
    };
    let usage = json!({"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5});
    let frames = [
        piece("Once", 7, Value::Null, Value::Null, Value::Null),
        piece(" upon", 8, json!("length"), json!(17_786_007_661_749_115_000u64), usage),
        DONE.into(),
    ];
    let (client, server) = serve(chunked(200, EVENTS, frames));
    let mut stream = client
        .completions_create()
        .body(CompletionRequest::builder().model("m").prompt("Tell a story"))
        .send_stream()
        .await
        .unwrap();
    let first = next(&mut stream, "chunk").await.unwrap().unwrap();
    assert_eq!(first.choices[0].text.as_deref(), Some("Once"));
    let response = stream.collect_response().await.unwrap();
    let choice = &response.choices[0];
    assert_eq!(choice.text.as_deref(), Some(" upon"), "collect_response() folds what is left");
    assert_eq!(choice.finish_reason, Some(FinishReason::Length));
    assert_eq!(choice.seed, Some(17_786_007_661_749_115_000));
    assert_eq!(response.usage.unwrap().total_tokens, 5);
    assert_eq!(response.object.as_str(), "text.completion", "the response's object, not the chunk's");
    assert_eq!((response.created, response.model.as_str()), (3, "m"));
    assert_eq!(received(&server).json()["stream"], true);
}

#[tokio::test]
async fn fields_no_spec_lists_are_reachable() {
    let whole = json!({"id": "c1", "object": "chat.completion", "created": 1, "model": "m", "metadata": {"v": 2},
        "choices": [{"index": 0, "matched_stop": 128009, "finish_reason": "stop",
            "message": {"role": "assistant", "content": "hi", "thinking": "short"}}]});
    let (client, _server) = serve(chunked(200, JSON, [whole.to_string()]));
    let reply = chat(&client).send().await.unwrap();
    assert_eq!(reply.json(), whole);
    assert_eq!(reply.json()["choices"][0]["message"]["thinking"], "short");
    assert_eq!(reply.body(), whole.to_string().as_bytes());

    let odd = r#"{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"matched_stop":2,"delta":{"content":"a","thinking":"t"},"finish_reason":"stop"}]}"#;
    let frames = [format!("data: {odd}\n\n"), DONE.into()];
    let (client, _server) = serve(chunked(200, EVENTS, frames));
    let mut stream = chat(&client).send_stream().await.unwrap().accumulate();
    assert!(stream.get_ref().last_event().is_none());
    next(&mut stream, "chunk").await.unwrap().unwrap();
    let event = stream.get_ref().last_event().unwrap();
    assert_eq!(event.data, odd);
    assert!(next(&mut stream, "end").await.is_none());
    let folded = stream.json();
    assert_eq!(folded["choices"][0]["matched_stop"], 2);
    assert_eq!(folded["choices"][0]["message"]["thinking"], "t");
}

/// Deterministic "audio": every byte value, in an order that is not a counter.
fn pcm(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8).collect()
}

fn speech(client: &Client) -> togetherai::builder::AudioSpeech<'_> {
    client.audio_speech().body(
        AudioSpeechRequest::builder()
            .model("cartesia/sonic")
            .input("hello")
            .voice("laidback woman")
            .response_format("raw")
            .response_encoding("pcm_s16le")
            .sample_rate(24_000),
    )
}

#[tokio::test]
async fn streamed_speech_decodes_to_the_exact_pcm() {
    use base64::Engine;
    let audio = pcm(100_003);
    let mut frames: Vec<String> = Vec::new();
    let mut at = 0;
    for size in [1, 2, 3, 4096, 10_000].into_iter().cycle() {
        if at >= audio.len() {
            break;
        }
        let end = (at + size).min(audio.len());
        let b64 = base64::engine::general_purpose::STANDARD.encode(&audio[at..end]);
        frames
            .push(format!("data: {}\n\n", json!({"object": "audio.tts.chunk", "model": "cartesia/sonic", "b64": b64})));
        at = end;
    }
    frames.push(DONE.into());
    let (client, server) = serve(chunked(200, EVENTS, frames));
    let stream = speech(&client).send_stream().await.unwrap();
    let bytes = stream.into_audio().bytes().await.unwrap();
    assert_eq!(bytes.len(), audio.len());
    assert!(bytes == audio, "decoded audio differs");
    let body = received(&server).json();
    assert_eq!(body["stream"], true);
    assert_eq!(body["response_encoding"], "pcm_s16le");
}

#[tokio::test]
async fn streamed_speech_saves_as_a_wav_with_the_request_format() {
    use base64::Engine;
    let audio = pcm(48_000);
    let frames = audio
        .chunks(4_800)
        .map(|c| {
            let b64 = base64::engine::general_purpose::STANDARD.encode(c);
            format!("data: {}\n\n", json!({"object": "audio.tts.chunk", "model": "cartesia/sonic", "b64": b64}))
        })
        .chain([DONE.into()]);
    let (client, _server) = serve(chunked(200, EVENTS, frames));
    let path = std::env::temp_dir().join(format!("togetherai-test-{}.wav", std::process::id()));
    let format = WavFormat::from_request("pcm_s16le", 24_000.0).unwrap();
    let len = speech(&client).send_stream().await.unwrap().into_audio().save_wav(&path, format).await.unwrap();
    let file = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(len, 48_000);
    let u32_at = |at: usize| u32::from_le_bytes(file[at..at + 4].try_into().unwrap());
    let u16_at = |at: usize| u16::from_le_bytes(file[at..at + 2].try_into().unwrap());
    assert_eq!(&file[..4], b"RIFF");
    assert_eq!(u32_at(4) as usize, file.len() - 8);
    assert_eq!(&file[8..16], b"WAVEfmt ");
    assert_eq!(u16_at(20), 1, "integer PCM");
    assert_eq!(u32_at(24), 24_000, "the request's rate, not a default");
    assert_eq!(u32_at(28), 48_000, "bytes per second");
    assert_eq!(u16_at(34), 16);
    assert_eq!(&file[36..40], b"data");
    assert_eq!(u32_at(40), 48_000);
    assert!(file[44..] == audio[..]);
    assert_eq!(format.encoding, PcmEncoding::S16Le);
}

#[tokio::test]
async fn a_speech_stream_cut_short_fails_the_audio_too() {
    let frame = format!("data: {}\n\n", json!({"object": "audio.tts.chunk", "model": "m", "b64": "AAEC"}));
    let (client, _server) = serve(chunked(200, EVENTS, [frame]));
    let err = speech(&client).send_stream().await.unwrap().into_audio().bytes().await.unwrap_err();
    assert!(matches!(err, Error::StreamClosed { operation: "audio_speech", events: 1 }), "{err:?}");
}

#[tokio::test]
async fn invalid_base64_audio_is_a_decode_error() {
    let frame = format!("data: {}\n\n", json!({"object": "audio.tts.chunk", "model": "m", "b64": "not base64!"}));
    let (client, _server) = serve(chunked(200, EVENTS, [frame, DONE.into()]));
    let err = speech(&client).send_stream().await.unwrap().into_audio().bytes().await.unwrap_err();
    let Error::Decode { operation, path, .. } = &err else { panic!("{err:?}") };
    assert_eq!((*operation, path.as_str()), ("audio_speech", "b64"));
}

#[tokio::test]
async fn speech_as_bytes_as_a_stream_and_to_a_writer() {
    let audio = pcm(70_000);
    let answer = || chunked(200, "audio/wav", audio.chunks(9_000).map(|c| c.to_vec()));

    let (client, server) = serve(answer());
    let response = speech(&client).send().await.unwrap();
    assert_eq!(response.content_type(), Some("audio/wav"));
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.bytes().await.unwrap() == audio);
    assert!(received(&server).json().get("stream").is_none());

    let (client, _server) = serve(answer());
    let mut stream = speech(&client).send().await.unwrap().into_stream();
    let mut chunks = 0;
    let mut all = Vec::new();
    while let Some(piece) = stream.next().await {
        all.extend_from_slice(&piece.unwrap());
        chunks += 1;
    }
    assert!(chunks > 1, "the body arrives in pieces, not buffered whole");
    assert!(all == audio);

    let (client, _server) = serve(answer());
    let mut writer = Vec::new();
    assert_eq!(speech(&client).send().await.unwrap().write_to(&mut writer).await.unwrap(), 70_000);
    assert!(writer == audio);
}

#[tokio::test]
async fn file_content_and_fine_tune_archives_save_to_files() {
    let data = pcm(3 << 20);
    let answer = |content_type| chunked(200, content_type, data.chunks(64 << 10).map(|c| c.to_vec()));
    let path = std::env::temp_dir().join(format!("togetherai-test-{}.bin", std::process::id()));

    let (client, server) = serve(answer("text/plain"));
    assert_eq!(client.files_content().id("file-1").send().await.unwrap().save(&path).await.unwrap(), 3 << 20);
    assert!(std::fs::read(&path).unwrap() == data);
    let request = received(&server);
    assert_eq!((request.method.as_str(), request.target.as_str()), ("GET", "/files/file-1/content"));

    let (client, server) = serve(answer("application/octet-stream"));
    let archive = client.finetune_download().ft_id("ft-1").send().await.unwrap();
    assert_eq!(archive.save(&path).await.unwrap(), 3 << 20);
    assert!(std::fs::read(&path).unwrap() == data);
    let request = received(&server);
    assert_eq!((request.method.as_str(), request.target.as_str()), ("GET", "/finetune/download?ft_id=ft-1"));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn streams_and_bodies_can_move_across_tasks() {
    fn send_static<T: Send + 'static>() {}
    send_static::<togetherai::EventStream<ChatCompletionChunk>>();
    send_static::<togetherai::Accumulating<ChatCompletionChunk>>();
    send_static::<togetherai::BinaryResponse>();
    send_static::<togetherai::ByteStream>();
}
