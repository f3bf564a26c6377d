//! A guided tour of the SDK: every capability, one step each.
//!
//! ```sh
//! cargo run --example tour                          # offline, against the built-in mock server
//! TOGETHER_API_KEY=... cargo run --example tour     # against the real API (TOGETHER_BASE_URL if set)
//! ```
//!
//! Each step prints what it did; the tour exits non-zero if any step fails.

use std::time::Instant;
use togetherai::mock::{MockReply, MockServer};
use togetherai::types::*;
use togetherai::Client;

#[path = "tasks/mod.rs"]
mod tasks;

type Step = tasks::Outcome;

const CHAT_MODEL: &str = tasks::MODEL;

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
    step("chat", tasks::chat::run(&client).await);
    step("streaming chat", tasks::streaming::run(&client).await);
    step("tool calling", tasks::tools::run(&client).await);
    step("JSON mode", tasks::json_mode::run(&client).await);
    step("embeddings", tasks::embeddings::run(&client).await);
    step("rerank", rerank(&client).await);
    step("image", tasks::image::run(&client, &out.join("image.png")).await);
    step("speech", tasks::speech::run(&client, &out.join("speech.wav")).await);
    step("files", tasks::files::run(&client).await);
    step("upload with progress", tasks::uploads::upload(&client, &out.join("train.jsonl")).await);
    step("transcription", tasks::uploads::transcribe(&client, &out.join("speech.wav")).await);
    step("real-time speech", tasks::realtime::speech(&client, &out.join("realtime.wav")).await);
    step("real-time transcription", tasks::realtime::transcription(&client, &out.join("realtime.wav")).await);
    step("batch", tasks::batches::batch(&client, &out.join("batch.jsonl")).await);
    step("evaluation", tasks::batches::evaluation(&client, &out.join("answers.jsonl")).await);
    step("fine-tuning", fine_tuning(&client).await);
    step("endpoints and hardware", endpoints(&client).await);
    step("code interpreter", code(&client).await);
    if let Some(server) = &mock {
        server.push_reply("models_list", MockReply::status(429).header("retry-after-ms", "300"));
    }
    step("errors", tasks::errors::run(&client).await);
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

async fn rerank(client: &Client) -> Step {
    let documents = ["The llama lives in Peru.", "The panda lives in China.", "The wombat lives in Australia."];
    let body = RerankRequest::builder()
        .model("Salesforce/Llama-Rank-v1")
        .query("Which animal lives in South America?")
        .documents(RerankRequestDocuments::Strings(documents.map(String::from).to_vec()))
        .top_n(2);
    let response = client.rerank_create().body(body).send().await?;
    let ranked: Vec<String> =
        response.results.iter().map(|r| format!("#{} ({:.2})", r.index, r.relevance_score)).collect();
    Ok(format!("best documents {}", ranked.join(", ")))
}

async fn fine_tuning(client: &Client) -> Step {
    let files = client.files_list().send().await?;
    let training_file = files.data.first().map(|f| f.id.clone()).unwrap_or_else(|| "file-tour".into());
    tasks::fine_tuning::run(client, &training_file).await
}

async fn endpoints(client: &Client) -> Step {
    let hardware = client.hardware_list().model(CHAT_MODEL).send().await?;
    let endpoints = client.endpoints_list().send().await?;
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
    server.push_reply("models_list", MockReply::status(429).header("retry-after-ms", "300"));
    let started = Instant::now();
    let models = client.models_list().send().await?;
    Ok(format!(
        "a 429 asking for 300 ms was absorbed: {} attempts, {:?} in all, {} models",
        models.attempts(),
        started.elapsed(),
        models.len()
    ))
}
