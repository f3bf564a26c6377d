//! Streaming chat: print tokens as they arrive, keep the whole reply.

use super::{Outcome, MODEL};
use futures_util::StreamExt;
use std::io::Write;
use togetherai::types::ChatMessage;
use togetherai::Client;

pub async fn run(client: &Client) -> Outcome {
    let request = client.chat_completions().model(MODEL).messages([ChatMessage::user("Write a haiku about Rust.")]);
    let mut stream = request.send_stream().await?.accumulate();
    while let Some(chunk) = stream.next().await {
        print!("{}", chunk?.text().unwrap_or_default());
        std::io::stdout().flush()?;
    }
    println!();
    let reply = stream.response()?;
    Ok(format!("{} characters, {:?}", reply.text().unwrap_or_default().len(), reply.usage))
}
