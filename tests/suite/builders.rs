//! Generated request builders read like hand-written ones: optional fields
//! take the value itself, open enums take strings, text content takes `&str`,
//! and what is not set is not sent.

use serde_json::json;
use togetherai::types::{ChatCompletionRequest, ChatMessage, CompletionRequest};

#[test]
fn optional_fields_take_plain_values_and_unset_ones_are_not_sent() {
    let request: CompletionRequest = CompletionRequest::builder()
        .model("acme/new-model")
        .prompt("Once upon a time")
        .max_tokens(16)
        .safety_model("Meta-Llama/Llama-Guard-7b")
        .echo(true)
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({
            "model": "acme/new-model",
            "prompt": "Once upon a time",
            "max_tokens": 16,
            "safety_model": "Meta-Llama/Llama-Guard-7b",
            "echo": true,
        })
    );
    let chat: ChatCompletionRequest = ChatCompletionRequest::builder()
        .model("m")
        .messages(Vec::<ChatMessage>::new())
        .context_length_exceeded_behavior("truncate")
        .try_into()
        .unwrap();
    assert_eq!(serde_json::to_value(&chat).unwrap()["context_length_exceeded_behavior"], "truncate");
}

#[test]
fn messages_take_text() {
    let message: ChatMessage = ChatMessage::user("hi");
    let request: ChatCompletionRequest = ChatCompletionRequest::builder()
        .model("Qwen/Qwen2.5-7B-Instruct-Turbo")
        .messages(vec![message])
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({ "model": "Qwen/Qwen2.5-7B-Instruct-Turbo", "messages": [{ "role": "user", "content": "hi" }] })
    );
}

#[test]
fn a_missing_required_field_is_reported_by_name() {
    let err = ChatCompletionRequest::builder().model("m").try_into().map(|_: ChatCompletionRequest| ()).unwrap_err();
    assert!(err.to_string().contains("messages"), "{err}");
}
