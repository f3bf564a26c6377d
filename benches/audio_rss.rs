//! Whether saving speech to a file runs in constant memory. A loopback
//! server streams 1 GiB of raw PCM for `/audio/speech`, generated on the fly
//! from one 64 KiB buffer, and the client saves it with `send()` then
//! `BinaryResponse::save`; then it streams 256 MiB of PCM as server-sent
//! events of base64 `b64` chunks (16 KiB of audio each), saved with
//! `send_stream()`, `into_audio()` and `ByteStream::save`. Each path runs
//! three times; each file is checked for size and content, then deleted. The figure that matters is the
//! process's peak resident set (`VmHWM` in `/proc/self/status`), which must
//! stay far below the body sizes (target: under 32 MiB): a reader that
//! buffered the body would show it here. It runs as its own bench binary so
//! the peak is this process's alone; the server runs in the same process, so
//! its (small) memory is included. Run with `cargo bench --bench audio_rss`.

mod common;

use base64::Engine;
use bytes::Bytes;
use common::mb_per_s;
use common::memory::{mib, vm_status, PeakMeter};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};
use togetherai::types::AudioSpeechRequest;
use togetherai::Client;
use togetherai_testkit::{Reply, Server};

const MIB: u64 = 1024 * 1024;
/// The non-streamed body: 1 GiB.
const BINARY_LEN: u64 = 1024 * MIB;
/// Decoded audio in the streamed body: 256 MiB.
const STREAMED_LEN: u64 = 256 * MIB;
/// Audio per streamed event.
const EVENT_AUDIO: usize = 16 * 1024;
/// Runs of each path; the time reported is the median.
const RUNS: usize = 3;
/// The buffer the binary body repeats.
const BUFFER: usize = togetherai_testkit::WRITE_SIZE;

fn main() {
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let pcm = sine_pcm(BUFFER);
    let server = speech_server(pcm.clone());
    let client = Client::builder().api_key("k").base_url(server.url()).build().unwrap();
    let path = std::env::temp_dir().join(format!("togetherai-audio-rss-{}.pcm", std::process::id()));

    println!("Peak RSS saving speech to a file ({})", path.display());
    println!("(the loopback server runs in this process: its memory is included in every figure)");
    let (rss, hwm) = vm_status();
    println!("before any request: VmRSS {}, VmHWM {}\n", mib(rss), mib(hwm));
    println!(
        "{:<40} {:>9} {:>8} {:>9} {:>17} {:>17}",
        "path", "saved MiB", "median s", "MB/s", "peak of the path", "process VmHWM"
    );
    let mut meter = PeakMeter::default();

    // 1. Non-streamed speech: 1 GiB of bytes to a file.
    let expected = Saved { path: &path, len: BINARY_LEN, head: &pcm };
    measure("send() + save(), 1 GiB raw body", &mut meter, &expected, || {
        runtime.block_on(async {
            let response = client.audio_speech().body(speech_request(false)).send().await.unwrap();
            assert_eq!(response.content_length(), Some(BINARY_LEN));
            response.save(&path).await.unwrap()
        })
    });

    // 2. Streamed speech: 256 MiB of audio as base64 events.
    let expected = Saved { path: &path, len: STREAMED_LEN, head: &pcm[..EVENT_AUDIO] };
    let time = measure("send_stream().into_audio().save(), SSE", &mut meter, &expected, || {
        runtime.block_on(async {
            let stream = client.audio_speech().body(speech_request(true)).send_stream().await.unwrap();
            stream.into_audio().save(&path).await.unwrap()
        })
    });
    let wire = streamed_reply(&pcm[..EVENT_AUDIO]).content_length();
    println!(
        "  (SSE: MB/s counts decoded audio; the wire carried {:.0} MB of events, {:.1} MB/s)",
        wire as f64 / 1e6,
        mb_per_s(wire, time)
    );

    assert_eq!(server.connections(), 1, "both requests on one kept-alive connection");
    let (_, process) = meter.read();
    println!(
        "\nprocess peak (VmHWM): {}; target < 32 MiB: {}",
        mib(process),
        if process < 32 * 1024 { "met" } else { "MISSED" }
    );
    println!("(MiB = 2^20 bytes; MB = 10^6 bytes)");
    println!("total wall time: {:.1} s", started.elapsed().as_secs_f64());
}

/// Runs one path (which saves to a file and returns the bytes saved)
/// `RUNS` times, checking and deleting the file after each (untimed); prints
/// its row and returns its median time.
fn measure(name: &str, meter: &mut PeakMeter, expected: &Saved, mut path: impl FnMut() -> u64) -> Duration {
    meter.start_path();
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let saved = path();
        times.push(start.elapsed());
        expected.check(saved);
    }
    times.sort_unstable();
    let time = times[RUNS / 2];
    let (own, process) = meter.read();
    println!(
        "{:<40} {:>9.0} {:>8.2} {:>9.1} {:>17} {:>17}",
        name,
        expected.len as f64 / MIB as f64,
        time.as_secs_f64(),
        mb_per_s(expected.len, time),
        own.map_or("n/a (no reset)".to_owned(), mib),
        mib(process)
    );
    time
}

/// `len` bytes of a 440 Hz tone as 16-bit PCM at 44.1 kHz.
fn sine_pcm(len: usize) -> Bytes {
    let sample = |i: usize| ((i as f64 / 44_100.0 * 440.0 * std::f64::consts::TAU).sin() * 12_000.0) as i16;
    (0..len / 2).flat_map(|i| sample(i).to_le_bytes()).collect::<Vec<u8>>().into()
}

fn speech_request(stream: bool) -> togetherai::types::builder::AudioSpeechRequest {
    let request = AudioSpeechRequest::builder().model("cartesia/sonic").input("x").voice("laidback woman");
    if stream {
        request.response_format("raw")
    } else {
        request
    }
}

/// The streamed answer: `STREAMED_LEN` of audio, `audio` (one event's
/// worth) over and over as base64 events, then `[DONE]`.
fn streamed_reply(audio: &[u8]) -> Reply {
    let b64 = base64::engine::general_purpose::STANDARD.encode(audio);
    let event = format!("data: {{\"object\":\"audio.tts.chunk\",\"model\":\"cartesia/sonic\",\"b64\":\"{b64}\"}}\n\n");
    Reply::new(200)
        .header("content-type", "text/event-stream")
        .send_repeated(event, STREAMED_LEN / audio.len() as u64)
        .send("data: [DONE]\n\n")
}

/// Answers `/audio/speech` from a thread (and core) of its own: events when
/// the request asks for a stream, else the 1 GiB raw body, both made from
/// `pcm`, whose buffer the raw body repeats without ever being held whole.
fn speech_server(pcm: Bytes) -> Server {
    let streamed = streamed_reply(&pcm[..EVENT_AUDIO]);
    Server::on_own_thread(move |request| {
        assert_eq!(request.path(), "/audio/speech");
        if request.json()["stream"] == true {
            streamed.clone()
        } else {
            let raw = Reply::new(200).header("content-type", "application/octet-stream");
            raw.send_repeated(pcm.clone(), BINARY_LEN / pcm.len() as u64)
        }
    })
}

/// What a path must have saved: `len` bytes starting with `head`.
struct Saved<'a> {
    path: &'a Path,
    len: u64,
    head: &'a [u8],
}

impl Saved<'_> {
    /// Checks the count returned, the file's length and its first bytes,
    /// then deletes the file.
    fn check(&self, saved: u64) {
        assert_eq!(saved, self.len, "bytes saved");
        assert_eq!(std::fs::metadata(self.path).unwrap().len(), self.len, "file length");
        let mut head = vec![0; self.head.len()];
        std::fs::File::open(self.path).unwrap().read_exact(&mut head).unwrap();
        assert_eq!(head, self.head, "file content");
        std::fs::remove_file(self.path).unwrap();
    }
}
