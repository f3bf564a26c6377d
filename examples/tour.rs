//! A guided tour of the SDK: every capability, one step each.
//!
//! ```sh
//! cargo run --example tour                          # offline, against the built-in mock server
//! TOGETHER_API_KEY=... cargo run --example tour     # against the real API (TOGETHER_BASE_URL if set)
//! ```
//!
//! Each step prints what it did; the tour exits non-zero if any step fails.

use futures_util::StreamExt;
use std::io::Write;
use std::time::Instant;
use togetherai::audio::WavFormat;
use togetherai::mock::{MockReply, MockServer};
use togetherai::types::*;
use togetherai::Client;

type Step = Result<String, Box<dyn std::error::Error>>;

const CHAT_MODEL: &str = "meta-llama/Llama-3.3-70B-Instruct-Turbo";

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let mock;
    let client = if std::env::var("TOGETHER_API_KEY").is_ok_and(|k| !k.trim().is_empty()) {
        let client = Client::from_env().expect("TOGETHER_API_KEY is set");
        println!("Using the real Together API at {} (TOGETHER_API_KEY is set).\n", client.base_url());
        mock = None;
        client
    } else {
        let server = MockServer::start().await.expect("the mock server starts on 127.0.0.1");
        println!("No TOGETHER_API_KEY: using the offline mock server at {}.\n", server.url());
        let client = server.client();
        mock = Some(server);
        client
    };
    let out = std::env::temp_dir().join("togetherai-tour");
    std::fs::create_dir_all(&out).expect("a directory for the tour's files");

    let mut failed = 0;
    let mut step = |name: &str, result: Step| match result {
        Ok(summary) => println!("✔ {name}: {summary}"),
        Err(e) => {
            failed += 1;
            println!("✘ {name}: {e}");
        }
    };
    step("chat", chat(&client).await);
    step("streaming chat", stream(&client).await);
    step("embeddings", embeddings(&client).await);
    step("rerank", rerank(&client).await);
    step("image", image(&client, &out).await);
    step("speech", speech(&client, &out).await);
    step("files", files(&client).await);
    step("fine-tuning", fine_tuning(&client).await);
    step("endpoints and hardware", endpoints(&client).await);
    step("code interpreter", code(&client).await);
    if let Some(server) = &mock {
        step("retries (mock only)", retries(server, &client).await);
    }
    println!("\nFiles written to {}.", out.display());
    if failed > 0 {
        println!("{failed} step(s) failed.");
        return std::process::ExitCode::FAILURE;
    }
    println!("All steps passed.");
    std::process::ExitCode::SUCCESS
}

fn user(text: &str) -> ChatMessage {
    ChatMessage::user(text)
}

fn chat_request(text: &str) -> Result<builder::ChatCompletionRequest, error::ConversionError> {
    Ok(ChatCompletionRequest::builder().model(CHAT_MODEL).messages([user(text)]).max_tokens(64))
}

async fn chat(client: &Client) -> Step {
    let reply = client.chat_completions().body(chat_request("Say hello in five words.")?).send().await?;
    let text = reply.choices.first().and_then(|c| c.message.as_ref()).and_then(|m| m.content.clone());
    Ok(format!("{:?} (request id {:?})", text.unwrap_or_default(), reply.request_id()))
}

async fn stream(client: &Client) -> Step {
    let started = Instant::now();
    let mut stream =
        client.chat_completions().body(chat_request("Write a haiku about Rust.")?).send_stream().await?.accumulate();
    print!("  tokens as they arrive: ");
    let mut first = None;
    while let Some(chunk) = stream.next().await {
        for choice in &chunk?.choices {
            first.get_or_insert_with(|| started.elapsed());
            print!("{}", choice.delta.content.as_deref().unwrap_or_default());
            std::io::stdout().flush()?;
        }
    }
    println!();
    let response = stream.response()?;
    let usage = response.usage.as_ref().map(|u| u.total_tokens);
    Ok(format!(
        "first token after {:?}; accumulated message {:?}, {usage:?} tokens",
        first.unwrap_or_default(),
        response.choices.first().and_then(|c| c.message.as_ref()).and_then(|m| m.content.clone()).unwrap_or_default()
    ))
}

async fn embeddings(client: &Client) -> Step {
    let input = vec!["Rust is fast.".to_string(), "Rust is safe.".to_string()];
    let body = EmbeddingsRequest::builder()
        .model(EmbeddingsRequestModel::TogethercomputerM2Bert80m8kRetrieval)
        .input(EmbeddingsRequestInput::Array(input));
    let response = client.embeddings().body(body).send().await?;
    let dims = response.data.first().map_or(0, |d| d.embedding.len());
    Ok(format!("{} vectors of {dims} dimensions", response.data.len()))
}

async fn rerank(client: &Client) -> Step {
    let documents = ["The llama lives in Peru.", "The panda lives in China.", "The wombat lives in Australia."];
    let body = RerankRequest::builder()
        .model("Salesforce/Llama-Rank-v1")
        .query("Which animal lives in South America?")
        .documents(RerankRequestDocuments::Strings(documents.map(String::from).to_vec()))
        .top_n(2);
    let response = client.rerank().body(body).send().await?;
    let ranked: Vec<String> =
        response.results.iter().map(|r| format!("#{} ({:.2})", r.index, r.relevance_score)).collect();
    Ok(format!("best documents {}", ranked.join(", ")))
}

async fn image(client: &Client, out: &std::path::Path) -> Step {
    use base64::Engine;
    let body = ImagesGenerationsBody::builder()
        .model("black-forest-labs/FLUX.1-schnell")
        .prompt("A lighthouse at dusk, oil painting")
        .steps(4)
        .n(1)
        .response_format(ImagesGenerationsBodyResponseFormat::Base64);
    let response = client.images_generations().body(body).send().await?;
    match response.data.first() {
        Some(ImageResponseDataItem::B64Json { b64_json, .. }) => {
            let bytes = base64::engine::general_purpose::STANDARD.decode(b64_json)?;
            let path = out.join("image.png");
            std::fs::write(&path, &bytes)?;
            Ok(format!("{} bytes saved to {}", bytes.len(), path.display()))
        }
        Some(ImageResponseDataItem::Url { url, .. }) => Ok(format!("image at {url}")),
        other => Err(format!("no image in the response: {other:?}").into()),
    }
}

async fn speech(client: &Client, out: &std::path::Path) -> Step {
    let (encoding, rate) = ("pcm_s16le", 24_000.0);
    let body = AudioSpeechRequest::builder()
        .model("cartesia/sonic")
        .input("Hello from the Rust SDK tour.")
        .voice("laidback woman")
        .response_format("raw")
        .response_encoding(encoding)
        .sample_rate(rate);
    let path = out.join("speech.wav");
    let stream = client.audio_speech().body(body).send_stream().await?;
    let bytes = stream.into_audio().save_wav(&path, WavFormat::from_request(encoding, rate)?).await?;
    Ok(format!("{:.2} s of audio streamed to {}", bytes as f64 / (rate * 2.0), path.display()))
}

async fn files(client: &Client) -> Step {
    let files = client.files_list().send().await?;
    let Some(file) = files.data.first() else { return Ok("no files uploaded yet".into()) };
    let content = client.files_content().id(&file.id).send().await?.bytes().await?;
    Ok(format!("{} file(s); {} is {} bytes", files.data.len(), file.filename, content.len()))
}

async fn fine_tuning(client: &Client) -> Step {
    let files = client.files_list().send().await?;
    let training_file = files.data.first().map(|f| f.id.clone()).unwrap_or_else(|| "file-tour".into());
    let body = FineTunesCreateBody::builder()
        .training_file(training_file)
        .model("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")
        .n_epochs(1)
        .suffix("tour");
    let job = client.fine_tunes_create().body(body).send().await?;
    let listed = client.fine_tunes_list().send().await?;
    let events = client.fine_tunes_events().id(&job.id).send().await?;
    let cancelled = client.fine_tunes_cancel().id(&job.id).send().await?;
    Ok(format!(
        "created {} ({}), {} job(s) listed, {} event(s), cancelled: {}",
        job.id,
        job.status,
        listed.data.len(),
        events.data.len(),
        cancelled.status
    ))
}

async fn endpoints(client: &Client) -> Step {
    let hardware = client.list_hardware().model(CHAT_MODEL).send().await?;
    let endpoints = client.list_endpoints().send().await?;
    let names: Vec<&str> = hardware.data.iter().take(3).map(|h| h.id.as_str()).collect();
    Ok(format!(
        "{} hardware option(s) ({}), {} endpoint(s)",
        hardware.data.len(),
        names.join(", "),
        endpoints.data.len()
    ))
}

async fn code(client: &Client) -> Step {
    let body = ExecuteRequest::builder().language(ExecuteRequestLanguage::Python).code("print(6 * 7)");
    let response = client.tci_execute().body(body).send().await?;
    Ok(match response.into_inner() {
        ExecuteResponse::SuccessfulExecution { data, .. } => format!("session {}: {:?}", data.session_id, data.outputs),
        ExecuteResponse::FailedExecution { errors, .. } => format!("the code failed: {errors:?}"),
        other => format!("{other:?}"),
    })
}

async fn retries(server: &MockServer, client: &Client) -> Step {
    server.push_reply("models", MockReply::status(429).header("retry-after-ms", "300"));
    let started = Instant::now();
    let models = client.models().send().await?;
    Ok(format!(
        "a 429 asking for 300 ms was absorbed: {} attempts, {:?} in all, {} models",
        models.attempts(),
        started.elapsed(),
        models.len()
    ))
}
