//! Sends one chat completion and prints the reply.
//!
//! ```sh
//! TOGETHER_API_KEY=... cargo run --example chat -- "Why is the sky blue?"
//! ```

use togetherai::types::{ChatCompletionRequest, ChatMessage};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let prompt = std::env::args().nth(1).unwrap_or_else(|| "Say hello in five words.".into());
    let model = std::env::var("TOGETHER_MODEL").unwrap_or_else(|_| "meta-llama/Llama-3.3-70B-Instruct-Turbo".into());
    let client = togetherai::Client::from_env()?;
    let message = ChatMessage::user(prompt);
    let response = client
        .chat_completions()
        .body(ChatCompletionRequest::builder().model(model).messages([message]).max_tokens(256))
        .send()
        .await?;
    for choice in response.choices.iter() {
        if let Some(content) = choice.message.as_ref().and_then(|m| m.content.as_deref()) {
            println!("{content}");
        }
    }
    if let Some(usage) = &response.usage {
        eprintln!("tokens: {} prompt + {} completion", usage.prompt_tokens, usage.completion_tokens);
    }
    Ok(())
}
