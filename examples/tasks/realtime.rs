//! Real-time speech and transcription: WebSocket sessions, in the 2025-12
//! and later specs.

use super::Outcome;
use togetherai::Client;

/// Speaks two sentences over a real-time session and saves them as WAV.
#[cfg(togetherai_operation = "audio_speech_connect")]
pub async fn speech(client: &Client, path: &std::path::Path) -> Outcome {
    use togetherai::audio::{PcmEncoding, WavFormat};
    use togetherai::session::protocol::SPEECH_SAMPLE_RATE;
    let session = client.audio_speech_connect().model("hexgrad/Kokoro-82M").voice("af_heart").send().await?;
    let audio = session.speak(["Hello from Rust.", "This is real-time speech."]);
    let bytes = audio.save_wav(path, WavFormat::new(PcmEncoding::S16Le, SPEECH_SAMPLE_RATE)).await?;
    Ok(format!("{bytes} bytes of audio to {}", path.display()))
}

#[cfg(not(togetherai_operation = "audio_speech_connect"))]
pub async fn speech(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no GET /audio/speech/websocket (build with a 2025-12 or later spec)".into())
}

/// Transcribes the samples of a 16-bit PCM WAV file over a real-time
/// session (its 44-byte header left out: the session takes bare PCM).
#[cfg(togetherai_operation = "realtime_connect")]
pub async fn transcription(client: &Client, wav: &std::path::Path) -> Outcome {
    use futures_util::StreamExt;
    let session =
        client.realtime_connect().model("openai/whisper-large-v3").input_audio_format("pcm_s16le_16000").send().await?;
    let samples = tokio::fs::read(wav).await?.split_off(44);
    let mut events = session.transcribe(std::io::Cursor::new(samples));
    let mut transcript = String::new();
    while let Some(event) = events.next().await {
        if let Some(text) = event?.text("transcript") {
            transcript = text.to_string();
        }
    }
    Ok(transcript)
}

#[cfg(not(togetherai_operation = "realtime_connect"))]
pub async fn transcription(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no GET /realtime (build with a 2025-12 or later spec)".into())
}
