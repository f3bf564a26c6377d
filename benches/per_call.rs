//! What one non-streamed call costs over doing it by hand. Alternating
//! rounds of the same chat-completions POST against one loopback HTTP/1.1
//! server, each client on its own kept-alive connection:
//!
//! - raw: a `reqwest::Client` configured as the SDK's (same timeouts, the
//!   key and user agent as default headers), the typed request serialised
//!   with `serde_json::to_vec`, the same `Accept` and `Content-Type`, the
//!   body read with `bytes()` and decoded with `serde_json::from_slice` into
//!   the same `ChatCompletionResponse`;
//! - sdk: `client.chat_completions().body(request).send()`.
//!
//! The server checks that both send the same body bytes. It prints the
//! median time per call of each (over every call, and over the rounds'
//! means) and the SDK's ratio to raw. Run with `cargo bench --bench per_call`;
//! `BENCH_CALLS`, `BENCH_ROUNDS` and `BENCH_CLIENTS` (`sdk`, `raw` or both)
//! size it down for `valgrind --tool=callgrind`, where the instructions of
//! a run with one client less those of the other are what the SDK adds.

use std::hint::black_box;
use std::time::{Duration, Instant};
use togetherai::reqwest::{self, header};
use togetherai::types::{ChatCompletionRequest, ChatCompletionResponse, ChatMessage};
use togetherai::Client;
use togetherai_testkit::{Reply, Server};

/// Calls of each client in one round.
const CALLS: usize = 20_000;
/// Timed rounds of each client (after one warm-up round of a tenth).
const ROUNDS: usize = 7;
const MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";
const KEY: &str = "tk-bench";

/// A chat completion as Together sends it (`seed` beyond `i64` and
/// `tool_calls: []` included).
const ANSWER: &str = concat!(
    r#"{"id":"90601b698cd77835","object":"chat.completion","created":1737554812,"#,
    r#""model":"meta-llama/Llama-3.3-70B-Instruct-Turbo","prompt":[],"choices":[{"finish_reason":"eos","#,
    r#""seed":4631959635686359000,"logprobs":null,"index":0,"message":{"role":"assistant","#,
    r#""content":"Hello! I'm doing well, thank you. How can I help you today?","tool_calls":[]}}],"#,
    r#""usage":{"prompt_tokens":46,"completion_tokens":17,"total_tokens":63}}"#
);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Raw,
    Sdk,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Raw => "raw (reqwest + serde_json)",
            Kind::Sdk => "sdk (chat_completions().send())",
        }
    }
}

/// The settings, from the environment for profiling runs.
struct Settings {
    calls: usize,
    rounds: usize,
    kinds: Vec<Kind>,
}

impl Settings {
    fn from_env() -> Settings {
        let number = |name: &str, default: usize| {
            std::env::var(name).map_or(default, |v| v.parse().unwrap_or_else(|_| panic!("{name}: not a number")))
        };
        let kinds = match std::env::var("BENCH_CLIENTS") {
            Ok(names) => names
                .split(',')
                .map(|n| match n.trim() {
                    "raw" => Kind::Raw,
                    "sdk" => Kind::Sdk,
                    other => panic!("BENCH_CLIENTS: no client `{other}`"),
                })
                .collect(),
            Err(_) => vec![Kind::Raw, Kind::Sdk],
        };
        Settings { calls: number("BENCH_CALLS", CALLS), rounds: number("BENCH_ROUNDS", ROUNDS), kinds }
    }
}

fn request() -> togetherai::types::builder::ChatCompletionRequest {
    let message = ChatMessage::user("Hello, how are you?");
    ChatCompletionRequest::builder().model(MODEL).messages([message]).max_tokens(64)
}

/// Both clients, configured alike.
struct Clients {
    sdk: Client,
    http: reqwest::Client,
    url: String,
}

impl Clients {
    fn new(server: &Server) -> Clients {
        let sdk = Client::builder().api_key(KEY).base_url(server.url()).build().unwrap();
        let mut defaults = header::HeaderMap::new();
        let mut auth = header::HeaderValue::from_str(&format!("Bearer {KEY}")).unwrap();
        auth.set_sensitive(true);
        defaults.insert(header::AUTHORIZATION, auth);
        let agent = format!("togetherai-rust/{}", env!("CARGO_PKG_VERSION"));
        defaults.insert(header::USER_AGENT, header::HeaderValue::from_str(&agent).unwrap());
        let http = togetherai::ClientBuilder::http_client_builder()
            .unwrap()
            .timeout(Duration::from_secs(600))
            .connect_timeout(Duration::from_secs(10))
            .default_headers(defaults)
            .build()
            .unwrap();
        Clients { sdk, http, url: format!("{}/chat/completions", server.url()) }
    }

    async fn call(&self, kind: Kind) -> ChatCompletionResponse {
        match kind {
            Kind::Sdk => self.sdk.chat_completions().body(request()).send().await.unwrap().into_inner(),
            Kind::Raw => {
                let typed: ChatCompletionRequest = request().try_into().unwrap();
                let json = header::HeaderValue::from_static("application/json");
                let response = self
                    .http
                    .post(&self.url)
                    .header(header::ACCEPT, json.clone())
                    .header(header::CONTENT_TYPE, json)
                    .body(serde_json::to_vec(&typed).unwrap())
                    .send()
                    .await
                    .unwrap()
                    .error_for_status()
                    .unwrap();
                serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
            }
        }
    }
}

/// Times `calls` calls one by one; returns each call's time.
async fn round(clients: &Clients, kind: Kind, calls: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(calls);
    for _ in 0..calls {
        let start = Instant::now();
        let answer = black_box(clients.call(kind).await);
        times.push(start.elapsed());
        assert_eq!(answer.choices.len(), 1);
    }
    times
}

/// The `q` quantile (0.5 for the median) of some durations.
fn quantile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let started = Instant::now();
    let settings = Settings::from_env();
    let sent: Vec<u8> = serde_json::to_vec(&ChatCompletionRequest::try_from(request()).unwrap()).unwrap();
    let sent_len = sent.len();
    let server = Server::on_own_thread(move |request| {
        assert_eq!(request.path(), "/chat/completions");
        assert!(request.body == sent, "{}", String::from_utf8_lossy(&request.body));
        Reply::new(200).header("content-type", "application/json").send(ANSWER)
    });
    let clients = Clients::new(&server);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (calls, rounds, kinds) = (settings.calls, settings.rounds, &settings.kinds);
    println!(
        "Per call: chat_completions POST, {} B body, {} B answer, {rounds} alternating rounds of {calls} calls each",
        sent_len,
        ANSWER.len()
    );
    let mut calls_of: Vec<Vec<Duration>> = vec![Vec::new(); kinds.len()];
    let mut means: Vec<Vec<Duration>> = vec![Vec::new(); kinds.len()];
    runtime.block_on(async {
        for kind in kinds {
            round(&clients, *kind, calls.div_ceil(10)).await; // warm-up
        }
        for r in 0..rounds {
            // Rotate the order so neither always goes first.
            for k in 0..kinds.len() {
                let i = (r + k) % kinds.len();
                let times = round(&clients, kinds[i], calls).await;
                means[i].push(times.iter().sum::<Duration>() / calls as u32);
                calls_of[i].extend(times);
            }
        }
    });
    assert_eq!(server.connections(), kinds.len(), "each client kept its one connection");

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "\n{:<34} {:>14} {:>18} {:>10} {:>10}",
        "client", "median us/call", "median round mean", "p90 us", "min us"
    );
    for (i, kind) in kinds.iter().enumerate() {
        println!(
            "{:<34} {:>14.2} {:>18.2} {:>10.2} {:>10.2}",
            kind.name(),
            us(quantile(&calls_of[i], 0.5)),
            us(quantile(&means[i], 0.5)),
            us(quantile(&calls_of[i], 0.9)),
            us(*calls_of[i].iter().min().unwrap()),
        );
    }
    if let (Some(raw), Some(sdk)) =
        (kinds.iter().position(|k| *k == Kind::Raw), kinds.iter().position(|k| *k == Kind::Sdk))
    {
        let ratio = |of: &[Vec<Duration>]| us(quantile(&of[sdk], 0.5)) / us(quantile(&of[raw], 0.5));
        let per_call = ratio(&calls_of);
        println!(
            "sdk/raw = {per_call:.3}x per call (target <= 1.02x: {}), {:.3}x by round means; \
             added by the SDK: {:.2} us per call (difference of medians)",
            if per_call <= 1.02 { "met" } else { "MISSED" },
            ratio(&means),
            us(quantile(&calls_of[sdk], 0.5)) - us(quantile(&calls_of[raw], 0.5)),
        );
        let per_round: Vec<String> =
            means[sdk].iter().zip(&means[raw]).map(|(s, r)| format!("{:.3}", us(*s) / us(*r))).collect();
        println!("sdk/raw of each round's means: {}", per_round.join(" "));
    }
    println!("\ntotal wall time: {:.1} s", started.elapsed().as_secs_f64());
}
