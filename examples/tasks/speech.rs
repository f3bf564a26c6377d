//! Speech, streamed into a WAV file.

use super::Outcome;
use togetherai::audio::WavFormat;
use togetherai::Client;

pub async fn run(client: &Client, path: &std::path::Path) -> Outcome {
    let speech = client.audio_speech().model("cartesia/sonic").input("Hello from Rust.").voice("laidback woman");
    let speech = speech.response_format("raw").response_encoding("pcm_s16le").sample_rate(24_000);
    let audio = speech.send_stream().await?.into_audio();
    let bytes = audio.save_wav(path, WavFormat::from_request("pcm_s16le", 24_000.0)?).await?;
    Ok(format!("{:.2} s of audio saved to {}", bytes as f64 / 48_000.0, path.display()))
}
