//! Speaks a sentence and writes it to a WAV file, streaming: raw PCM arrives
//! in server-sent events and goes to disk as it comes, under a header written
//! for the encoding and sample rate that were asked for.
//!
//! ```sh
//! TOGETHER_API_KEY=... cargo run --example speech -- "Hello from Rust." hello.wav
//! ```

use togetherai::audio::WavFormat;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let text = args.next().unwrap_or_else(|| "Hello from Rust.".into());
    let path = args.next().unwrap_or_else(|| "speech.wav".into());
    // The sample rate is a number in one spec and an integer in others: an
    // integer literal converts to either.
    let (encoding, sample_rate) = ("pcm_s16le", 24_000);
    let client = togetherai::Client::from_env()?;
    let stream = client
        .audio_speech()
        .model("cartesia/sonic")
        .input(text)
        .voice("laidback woman")
        .response_format("raw")
        .response_encoding(encoding)
        .sample_rate(sample_rate)
        .send_stream()
        .await?;
    let format = WavFormat::from_request(encoding, f64::from(sample_rate))?;
    let bytes = stream.into_audio().save_wav(&path, format).await?;
    println!("wrote {path}: {bytes} bytes of {encoding} at {sample_rate} Hz");
    Ok(())
}
