//! Streams a chat completion, printing tokens as they arrive, then prints the
//! finish reason and token counts of the accumulated response.
//!
//! ```sh
//! TOGETHER_API_KEY=... cargo run --example chat_stream -- "Write a haiku about Rust."
//! ```

use futures_util::StreamExt;
use std::io::Write;
use togetherai::types::{ChatCompletionRequest, ChatMessage};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let prompt = std::env::args().nth(1).unwrap_or_else(|| "Write a haiku about Rust.".into());
    let model = std::env::var("TOGETHER_MODEL").unwrap_or_else(|_| "meta-llama/Llama-3.3-70B-Instruct-Turbo".into());
    let client = togetherai::Client::from_env()?;
    let message = ChatMessage::user(prompt);
    let mut stream = client
        .chat_completions()
        .body(ChatCompletionRequest::builder().model(model).messages([message]).max_tokens(256))
        .send_stream()
        .await?
        // Chunks still come one by one; the whole response is kept as well.
        .accumulate();
    let mut stdout = std::io::stdout();
    while let Some(chunk) = stream.next().await {
        for choice in &chunk?.choices {
            if let Some(text) = choice.delta.content.as_deref() {
                write!(stdout, "{text}")?;
                stdout.flush()?;
            }
        }
    }
    println!();
    let response = stream.response()?;
    if let Some(reason) = response.choices.first().and_then(|c| c.finish_reason.as_ref()) {
        eprintln!("finish reason: {reason}");
    }
    if let Some(usage) = &response.usage {
        eprintln!("tokens: {} prompt + {} completion", usage.prompt_tokens, usage.completion_tokens);
    }
    Ok(())
}
