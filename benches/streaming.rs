//! What the typed chat stream costs. Part 1 serves a 100,000-chunk stream
//! of Together-shaped `chat.completion.chunk` events from a loopback server
//! and reads it, alternating, with the SDK's `send_stream()`, with the
//! cheapest honest hand-written reader (raw `reqwest`, split on blank lines,
//! `serde_json::from_slice` into the same chunk type; also a variant parsing
//! with `from_str` after one UTF-8 check, as the SDK does) and with the
//! `eventsource-stream` crate, reporting the median chunks/s and MB/s of each
//! and the SDK's time relative to the floor: the SDK's own decoder should
//! cost little over parsing the JSON, which dominates. Part 2 measures the
//! time to the first chunk over one kept-alive connection, SDK against raw
//! `reqwest`, so the latency the SDK adds to every call (building and
//! re-encoding the body, hooks, stream setup) is known in microseconds.
//! Run with `cargo bench --bench streaming`.

mod common;

use bytes::Bytes;
use common::mb_per_s;
use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use std::hint::black_box;
use std::time::{Duration, Instant};
use togetherai::reqwest::{self, header};
use togetherai::types::{ChatCompletionChunk, ChatCompletionRequest, ChatMessage, FinishReason};
use togetherai::Client;
use togetherai_testkit::{Reply, Server};

/// Chunks in the throughput stream.
const CHUNKS: usize = 100_000;
/// Timed runs of each reader (after one warm-up run each).
const RUNS: usize = 9;
/// Timed requests of each kind in the time-to-first-chunk part.
const TTFC_ITERATIONS: usize = 1000;

/// The settings, from the environment for profiling runs (say under
/// `valgrind --tool=callgrind`, which counts instructions where wall time
/// is too noisy): `BENCH_CHUNKS`, `BENCH_RUNS`, `BENCH_TTFC` (0 skips part
/// 2) and `BENCH_READERS` (comma-separated first words of the readers'
/// names: `sdk,floor-str`).
struct Settings {
    chunks: usize,
    runs: usize,
    ttfc: usize,
    readers: Vec<Reader>,
}

impl Settings {
    fn from_env() -> Settings {
        let number = |name: &str, default: usize| {
            std::env::var(name).map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name}: not a number")))
        };
        let readers = match std::env::var("BENCH_READERS") {
            Ok(names) => names
                .split(',')
                .map(|n| {
                    let found = Reader::ALL.into_iter().find(|r| r.name().split(' ').next() == Some(n.trim()));
                    found.unwrap_or_else(|| panic!("BENCH_READERS: no reader `{n}`"))
                })
                .collect(),
            Err(_) => Reader::ALL.to_vec(),
        };
        Settings {
            chunks: number("BENCH_CHUNKS", CHUNKS),
            runs: number("BENCH_RUNS", RUNS),
            ttfc: number("BENCH_TTFC", TTFC_ITERATIONS),
            readers,
        }
    }
}
const MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";

fn main() {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let settings = Settings::from_env();
    runtime.block_on(async {
        throughput(&settings).await;
        if settings.ttfc > 0 {
            time_to_first_chunk(settings.ttfc).await;
        }
    });
    println!("\ntotal wall time: {:.1} s", started.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------
// The stream served.

/// The words of the stream's chunks, in turn (escapes and non-ASCII included).
const WORDS: &str = " the| model| answered|,| and| then| it| said|:| \"hello\"|\n\n| caf\u{e9}| don't| 42| tokens|.| \
                     Streaming| works| \u{1F600}| fine";

/// Event `i` of a stream of `chunks`, as Together sends it (`"tool_calls":null` included).
fn chunk_event(i: usize, chunks: usize, word: &str) -> String {
    let word = serde_json::to_string(word).unwrap();
    let token_id = 1000 + (i * 7919) % 120_000;
    let (finish_reason, seed, usage) = if i + 1 == chunks {
        let usage = format!(r#"{{"prompt_tokens":19,"completion_tokens":{chunks},"total_tokens":{}}}"#, chunks + 19);
        (r#""stop""#, "1234567890", usage)
    } else {
        ("null", "null", "null".to_owned())
    };
    format!(
        "data: {{\"id\":\"8f2c4b1e9a7d3c60-SJC\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\
         \"model\":\"{MODEL}\",\"choices\":[{{\"index\":0,\"text\":{word},\"logprobs\":null,\
         \"finish_reason\":{finish_reason},\"seed\":{seed},\"delta\":{{\"token_id\":{token_id},\
         \"role\":\"assistant\",\"content\":{word},\"tool_calls\":null}}}}],\"usage\":{usage}}}\n\n"
    )
}

/// The whole stream, `[DONE]` included.
fn chat_stream(chunks: usize) -> Bytes {
    let words: Vec<&str> = WORDS.split('|').collect();
    let mut out = String::with_capacity(chunks * 400);
    for i in 0..chunks {
        out.push_str(&chunk_event(i, chunks, words[i % words.len()]));
    }
    out.push_str("data: [DONE]\n\n");
    Bytes::from(out)
}

/// A server on its own thread (and core) that answers every chat request
/// with `stream`.
fn chat_server(stream: Bytes) -> Server {
    Server::on_own_thread(move |request| {
        assert_eq!(request.path(), "/chat/completions");
        assert_eq!(request.json()["stream"], true, "a streaming request");
        Reply::new(200).header("content-type", "text/event-stream").send(stream.clone())
    })
}

// ---------------------------------------------------------------------------
// The clients.

/// The SDK client and, for the raw readers, a `reqwest` client configured as
/// the SDK configures its own (same timeouts), plus the request they send.
struct Clients {
    sdk: Client,
    http: reqwest::Client,
    url: String,
    /// The JSON body the SDK sends (`stream: true` included), for raw requests.
    body: Bytes,
}

fn request() -> togetherai::types::builder::ChatCompletionRequest {
    let message = ChatMessage::user("Say something long.");
    ChatCompletionRequest::builder().model(MODEL).messages([message])
}

impl Clients {
    fn new(server: &Server) -> Clients {
        let sdk = Client::builder().api_key("k").base_url(server.url()).build().unwrap();
        let http = togetherai::ClientBuilder::http_client_builder()
            .unwrap()
            .timeout(Duration::from_secs(600))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        let typed: ChatCompletionRequest = request().try_into().unwrap();
        let mut body = serde_json::to_value(typed).unwrap();
        body["stream"] = true.into();
        Clients {
            sdk,
            http,
            url: format!("{}/chat/completions", server.url()),
            body: serde_json::to_vec(&body).unwrap().into(),
        }
    }

    async fn sdk_stream(&self) -> togetherai::EventStream<ChatCompletionChunk> {
        self.sdk.chat_completions().body(request()).send_stream().await.unwrap()
    }

    async fn raw_response(&self) -> reqwest::Response {
        self.http
            .post(&self.url)
            .header(header::AUTHORIZATION, "Bearer k")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "text/event-stream")
            .body(self.body.clone())
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
    }
}

/// The floor's event splitter: the `data: ` payloads of the complete events
/// in `buf`, with `buf` left holding the incomplete rest. It knows only what
/// this stream uses (LF line ends, one `data` line per event).
struct BlankLineSplitter {
    buf: Vec<u8>,
    blank_line: memchr::memmem::Finder<'static>,
}

impl BlankLineSplitter {
    fn new() -> Self {
        BlankLineSplitter { buf: Vec::new(), blank_line: memchr::memmem::Finder::new(b"\n\n") }
    }

    /// Calls `each` with every complete event's data; stops (and returns
    /// `true`) at `[DONE]`.
    fn push(&mut self, bytes: &[u8], mut each: impl FnMut(&[u8])) -> bool {
        self.buf.extend_from_slice(bytes);
        let mut start = 0;
        let mut done = false;
        while let Some(end) = self.blank_line.find(&self.buf[start..]) {
            let event = &self.buf[start..start + end];
            start += end + 2;
            let Some(data) = event.strip_prefix(b"data: ") else { continue };
            if data == b"[DONE]" {
                done = true;
                break;
            }
            each(data);
        }
        self.buf.drain(..start);
        done
    }
}

// ---------------------------------------------------------------------------
// Part 1: throughput.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Reader {
    Sdk,
    Floor,
    /// The floor, but checking UTF-8 once per payload and parsing with
    /// `from_str`, as the SDK does (serde skips its own per-string checks).
    FloorStr,
    EventsourceStream,
}

impl Reader {
    const ALL: [Reader; 4] = [Reader::Sdk, Reader::Floor, Reader::FloorStr, Reader::EventsourceStream];

    fn name(self) -> &'static str {
        match self {
            Reader::Sdk => "sdk (send_stream)",
            Reader::Floor => "floor (split + from_slice)",
            Reader::FloorStr => "floor-str (split + utf8 + from_str)",
            Reader::EventsourceStream => "eventsource-stream 0.2",
        }
    }

    /// Reads one whole stream; returns the chunks and the last of them.
    async fn read(self, clients: &Clients) -> (usize, ChatCompletionChunk) {
        let mut count = 0;
        let mut last = None;
        let mut take = |chunk: ChatCompletionChunk| {
            count += 1;
            last = Some(black_box(chunk));
        };
        match self {
            Reader::Sdk => {
                let mut stream = clients.sdk_stream().await;
                while let Some(chunk) = stream.next().await {
                    take(chunk.unwrap());
                }
            }
            Reader::Floor | Reader::FloorStr => {
                let mut body = clients.raw_response().await.bytes_stream();
                let mut splitter = BlankLineSplitter::new();
                let parse = |data: &[u8]| match self {
                    Reader::FloorStr => serde_json::from_str(std::str::from_utf8(data).unwrap()),
                    _ => serde_json::from_slice(data),
                };
                while let Some(bytes) = body.next().await {
                    let done = splitter.push(&bytes.unwrap(), |data| take(parse(data).unwrap()));
                    if done {
                        break;
                    }
                }
            }
            Reader::EventsourceStream => {
                let mut events = clients.raw_response().await.bytes_stream().eventsource();
                while let Some(event) = events.next().await {
                    let event = event.unwrap();
                    if event.data == "[DONE]" {
                        break;
                    }
                    take(serde_json::from_str(&event.data).unwrap());
                }
            }
        }
        (count, last.expect("at least one chunk"))
    }
}

async fn throughput(settings: &Settings) {
    let (chunks, runs, readers) = (settings.chunks, settings.runs, &settings.readers);
    let stream = chat_stream(chunks);
    let bytes = stream.len() as u64;
    let server = chat_server(stream);
    let clients = Clients::new(&server);
    println!(
        "Throughput: {chunks} chunks, {:.1} MB of text/event-stream ({} B/chunk), {runs} alternating runs each",
        bytes as f64 / 1e6,
        bytes / chunks as u64
    );

    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); readers.len()];
    for run in 0..=runs {
        // Rotate the order so no reader always follows the same one.
        for k in 0..readers.len() {
            let i = (run + k) % readers.len();
            let start = Instant::now();
            let (count, last) = readers[i].read(&clients).await;
            let time = start.elapsed();
            assert_eq!(count, chunks, "{}", readers[i].name());
            assert_eq!(last.choices[0].finish_reason, Some(FinishReason::Stop));
            assert_eq!(last.usage.as_ref().map(|u| u.completion_tokens), Some(chunks as i128));
            if run > 0 {
                times[i].push(time); // run 0 warms up
            }
        }
    }
    let sdk_used = readers.contains(&Reader::Sdk);
    let raw_used = readers.iter().any(|r| *r != Reader::Sdk);
    assert_eq!(
        server.connections(),
        usize::from(sdk_used) + usize::from(raw_used),
        "each client kept its one connection"
    );

    let medians: Vec<Duration> = times.iter().map(|t| quantile(t, 0.5)).collect();
    let floor = readers.iter().position(|r| *r == Reader::Floor);
    println!(
        "\n{:<36} {:>10} {:>10} {:>12} {:>8} {:>16}",
        "reader", "median ms", "min ms", "chunks/s", "MB/s", "time vs floor"
    );
    for (i, reader) in readers.iter().enumerate() {
        let min = times[i].iter().min().unwrap();
        let vs_floor =
            floor.map_or("-".into(), |f| format!("{:.2}x", medians[i].as_secs_f64() / medians[f].as_secs_f64()));
        println!(
            "{:<36} {:>10.1} {:>10.1} {:>12.0} {:>8.1} {:>16}",
            reader.name(),
            medians[i].as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            chunks as f64 / medians[i].as_secs_f64(),
            mb_per_s(bytes, medians[i]),
            vs_floor
        );
    }
    if *readers == Reader::ALL {
        let ratio = |a: usize, b: usize| medians[a].as_secs_f64() / medians[b].as_secs_f64();
        println!(
            "sdk/floor = {:.2}x (target <= 1.2x: {}); sdk/floor-str = {:.2}x; eventsource-stream/floor = {:.2}x",
            ratio(0, 1),
            if ratio(0, 1) <= 1.2 { "met" } else { "MISSED" },
            ratio(0, 2),
            ratio(3, 1)
        );
    }
    println!("(MB = 10^6 bytes of the HTTP body; each time runs from sending the request to the end of the stream)");
}

/// The `q` quantile (0.5 for the median) of some durations.
fn quantile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

// ---------------------------------------------------------------------------
// Part 2: time to first chunk.

async fn time_to_first_chunk(iterations: usize) {
    let server = chat_server(chat_stream(1));
    let clients = Clients::new(&server);
    let mut sdk = Vec::with_capacity(iterations);
    let mut raw = Vec::with_capacity(iterations);
    for i in 0..iterations + 20 {
        let (s, r) = (sdk_first_chunk(&clients).await, raw_first_chunk(&clients).await);
        if i >= 20 {
            sdk.push(s); // the first 20 of each warm up
            raw.push(r);
        }
    }
    assert_eq!(server.connections(), 2, "each client kept its one connection alive");
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let mut paired: Vec<f64> = sdk.iter().zip(&raw).map(|(&s, &r)| us(s) - us(r)).collect();
    paired.sort_by(f64::total_cmp);
    println!(
        "\nTime to first chunk: request sent to first chunk decoded, one kept-alive connection each, \
         {iterations} alternating requests (after 20 warm-up)"
    );
    println!("{:<34} {:>12} {:>12} {:>12}", "client", "median us", "p90 us", "min us");
    for (name, samples) in [("sdk (send_stream + next)", &sdk), ("raw reqwest (send + first event)", &raw)] {
        println!(
            "{:<34} {:>12.1} {:>12.1} {:>12.1}",
            name,
            us(quantile(samples, 0.5)),
            us(quantile(samples, 0.9)),
            us(*samples.iter().min().unwrap())
        );
    }
    let added = us(quantile(&sdk, 0.5)) - us(quantile(&raw, 0.5));
    println!(
        "added by the SDK: {added:.1} us (difference of medians; median of paired differences {:.1} us); \
         target < 1000 us: {}",
        paired[paired.len() / 2],
        if added < 1000.0 { "met" } else { "MISSED" }
    );
}

/// SDK: from building the request to the first chunk; the rest of the
/// stream is then read, untimed, so the connection is reused.
async fn sdk_first_chunk(clients: &Clients) -> Duration {
    let start = Instant::now();
    let mut stream = clients.sdk_stream().await;
    let first = stream.next().await.unwrap().unwrap();
    let time = start.elapsed();
    black_box(first);
    assert!(stream.next().await.is_none());
    time
}

/// Raw `reqwest`: the same, with the body pre-encoded.
async fn raw_first_chunk(clients: &Clients) -> Duration {
    let start = Instant::now();
    let mut body = clients.raw_response().await.bytes_stream();
    let mut splitter = BlankLineSplitter::new();
    let mut first = None;
    while first.is_none() {
        let bytes = body.next().await.unwrap().unwrap();
        splitter.push(&bytes, |data| {
            if first.is_none() {
                first = Some(serde_json::from_slice::<ChatCompletionChunk>(data).unwrap());
            }
        });
    }
    let time = start.elapsed();
    black_box(first);
    while body.next().await.is_some() {}
    time
}
