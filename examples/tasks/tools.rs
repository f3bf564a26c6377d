//! Tool calling: the model asks for a tool, its answer goes back, the model
//! replies with it. Typed tool messages need a spec that has them (2025-12
//! or later, where `ChatMessage` is the spec's union of typed messages); the
//! 2025-04 spec's messages carry a role and content only.

use super::Outcome;
#[cfg(togetherai_alias = "ChatMessage")]
use super::MODEL;
use togetherai::Client;

#[cfg(togetherai_alias = "ChatMessage")]
pub async fn run(client: &Client) -> Outcome {
    use togetherai::types::ChatMessage;
    let weather = serde_json::json!({ "type": "function", "function": { "name": "get_weather",
        "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] } } });
    let mut messages = vec![ChatMessage::user("What is the weather in Paris?")];
    let ask = client.chat_completions().model(MODEL).messages(messages.clone()).tools([weather.clone()]);
    let reply = ask.send().await?;
    let message = reply.choices.first().and_then(|c| c.message.as_ref()).ok_or("no message")?;
    let call = message.tool_calls.first().ok_or("the model called no tool")?;
    let city: serde_json::Value = serde_json::from_str(&call.function.arguments)?;
    messages.push(ChatMessage::try_from(serde_json::to_value(message)?)?);
    messages.push(ChatMessage::tool(format!("18 °C and sunny in {}", city["city"]), &call.id));
    let answer = client.chat_completions().model(MODEL).messages(messages).tools([weather]).send().await?;
    Ok(answer.text().unwrap_or_default().to_string())
}

#[cfg(not(togetherai_alias = "ChatMessage"))]
pub async fn run(_: &Client) -> Outcome {
    Ok("skipped: this spec has no typed tool messages (build with TOGETHERAI_SPEC set to a 2025-12 or later spec)"
        .into())
}
