//! An upload with progress and a transcription: forms (`multipart/form-data`),
//! in the 2025-12 and later specs.

use super::Outcome;
use togetherai::Client;

/// Uploads a training file from disk, reporting progress.
#[cfg(togetherai_operation = "files_upload")]
pub async fn upload(client: &Client, path: &std::path::Path) -> Outcome {
    use togetherai::FilePart;
    std::fs::write(path, "{\"text\": \"Rust is fast.\"}\n".repeat(10_000))?;
    let file = FilePart::path(path).on_progress(|sent, total| {
        if sent == total {
            println!("  uploaded {sent} of {total} bytes");
        }
    });
    let reply = client.files_upload().purpose("fine-tune").file_name("train.jsonl").file(file).send().await?;
    Ok(format!("uploaded as {}", reply.id))
}

#[cfg(not(togetherai_operation = "files_upload"))]
pub async fn upload(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no POST /files/upload (build with TOGETHERAI_SPEC set to a 2025-12 or later spec)"
        .into())
}

/// Transcribes a WAV file.
#[cfg(togetherai_operation = "audio_transcriptions")]
pub async fn transcribe(client: &Client, wav: &std::path::Path) -> Outcome {
    use togetherai::FilePart;
    let reply = client.audio_transcriptions().file(FilePart::path(wav)).language("en").send().await?;
    Ok(serde_json::to_value(&*reply)?["text"].as_str().unwrap_or_default().to_string())
}

#[cfg(not(togetherai_operation = "audio_transcriptions"))]
pub async fn transcribe(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no POST /audio/transcriptions (build with a 2025-12 or later spec)".into())
}
