//! JSON mode: a reply that is a JSON object, parsed. (`response_format` is
//! typed differently in each spec; a JSON value converts to any of them.)

use super::{Outcome, MODEL};
use togetherai::types::ChatMessage;
use togetherai::Client;

pub async fn run(client: &Client) -> Outcome {
    let reply = client
        .chat_completions()
        .model(MODEL)
        .messages([ChatMessage::user("Name three primary colours, as {\"colours\": [...]}.")])
        .response_format(serde_json::json!({ "type": "json_object" }))
        .send()
        .await?;
    let answer: serde_json::Value = serde_json::from_str(reply.text().unwrap_or("null"))?;
    Ok(answer.to_string())
}
