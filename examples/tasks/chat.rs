//! Chat: a system and a user message, the reply's text.

use super::{Outcome, MODEL};
use togetherai::types::ChatMessage;
use togetherai::Client;

pub async fn run(client: &Client) -> Outcome {
    let reply = client
        .chat_completions()
        .model(MODEL)
        .messages([ChatMessage::system("You are terse."), ChatMessage::user("Say hello in five words.")])
        .send()
        .await?;
    Ok(reply.text().unwrap_or_default().to_string())
}
