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

/// What a body sent through an operation builder's own setters looks like
/// on the wire, next to the same body given whole with `.body(..)`.
async fn sent_bodies(
    by_fields: impl AsyncFnOnce(&togetherai::Client) -> Result<(), togetherai::Error>,
    whole: impl AsyncFnOnce(&togetherai::Client) -> Result<(), togetherai::Error>,
) -> (serde_json::Value, serde_json::Value) {
    use togetherai_testkit::{Reply, Server};
    let reply = || Reply::json(500, &json!({ "error": { "message": "only the request matters" } }));
    let server = Server::script([reply(), reply()]);
    let client = togetherai::Client::builder().api_key("k").base_url(server.url()).max_retries(0).build().unwrap();
    let _ = by_fields(&client).await;
    let _ = whole(&client).await;
    let requests = server.requests();
    (requests[0].json(), requests[1].json())
}

#[tokio::test]
async fn an_operation_builder_takes_its_bodys_fields() {
    let (by_fields, whole) = sent_bodies(
        async |c| {
            let messages = [ChatMessage::system("Be terse."), ChatMessage::user("hi")];
            c.chat_completions().model("m").messages(messages).max_tokens(8).stop(["a", "b"]).send().await.map(drop)
        },
        async |c| {
            let body = ChatCompletionRequest::builder()
                .model("m")
                .messages(vec![ChatMessage::system("Be terse."), ChatMessage::user("hi")])
                .max_tokens(8)
                .stop(vec!["a".to_string(), "b".to_string()]);
            c.chat_completions().body(body).send().await.map(drop)
        },
    )
    .await;
    assert_eq!(by_fields, whole);
    assert_eq!(
        by_fields,
        json!({ "model": "m", "max_tokens": 8, "stop": ["a", "b"], "messages": [
            { "role": "system", "content": "Be terse." }, { "role": "user", "content": "hi" }] })
    );
}

#[test]
fn constructors_take_the_required_fields_and_fill_in_one_value_ones() {
    use togetherai::types::{EmbeddingsRequest, LoRaTrainingType};
    let request = ChatCompletionRequest::new("m", [ChatMessage::assistant(), ChatMessage::tool("42", "call_1")]);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({ "model": "m", "messages": [{ "role": "assistant" }, { "role": "tool", "content": "42", "tool_call_id": "call_1" }] })
    );
    // `type: Lora` is the only value the schema allows: nothing to set.
    let lora = serde_json::to_value(LoRaTrainingType::new(8, 16)).unwrap();
    assert_eq!(
        (lora["type"].as_str(), lora["lora_alpha"].as_i64(), lora["lora_r"].as_i64()),
        (Some("Lora"), Some(16), Some(8))
    );
    let built: LoRaTrainingType = LoRaTrainingType::builder().lora_alpha(16).lora_r(8).try_into().unwrap();
    assert_eq!(serde_json::to_value(built).unwrap(), lora);
    // A content part is built by its `type`, which is filled in.
    use togetherai::types::{
        ChatCompletionUserMessageContentMultimodalItem as Part,
        ChatCompletionUserMessageContentMultimodalItemImageUrl as ImageUrl,
    };
    let parts = [Part::text("What is this?"), Part::image_url(ImageUrl::new("https://x/y.png"))];
    assert_eq!(
        serde_json::to_value(parts).unwrap(),
        json!([{ "type": "text", "text": "What is this?" }, { "type": "image_url", "image_url": { "url": "https://x/y.png" } }])
    );
    let embeddings = EmbeddingsRequest::new("e5", ["a", "b", "c"]);
    assert_eq!(serde_json::to_value(embeddings).unwrap()["input"], json!(["a", "b", "c"]));
}

#[test]
fn answers_read_short_and_json_converts_to_any_type() {
    use togetherai::types::{
        ChatCompletionRequestResponseFormat, ChatCompletionResponse, ImageResponseDataItem, JsonSchema,
        ResponseFormatJsonSchema,
    };
    let reply = json!({ "id": "1", "object": "chat.completion", "created": 1, "model": "m",
        "choices": [{ "index": 0, "message": { "role": "assistant", "content": "Hi there" }, "finish_reason": "stop" }],
        "usage": { "prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5 } });
    let reply: ChatCompletionResponse = serde_json::from_value(reply).unwrap();
    assert_eq!(reply.text(), Some("Hi there"));
    // Optional fields of an answer borrow through getters: text as `&str`, numbers by value.
    assert_eq!(reply.choices[0].message().and_then(|m| m.content()), Some("Hi there"));
    assert_eq!(reply.usage().map(|u| u.total_tokens), Some(5));
    assert!(reply.choices[0].logprobs().is_none());
    let image = ImageResponseDataItem::try_from(json!({ "index": 0, "url": "https://x/y.png" })).unwrap();
    assert_eq!((image.url(), image.b64_json()), (Some("https://x/y.png"), None));
    let format = ChatCompletionRequestResponseFormat::try_from(json!({ "type": "json_object" })).unwrap();
    assert_eq!(serde_json::to_value(format).unwrap()["type"], "json_object");
    // A shape the spec does not describe is kept whole, not refused.
    assert!(matches!(ChatMessage::try_from(json!({ "role": 7 })), Ok(ChatMessage::Other(_))));
    // A free-form object takes a JSON value; one that is no object is refused when built.
    let schema = json!({ "type": "object", "properties": { "n": { "type": "integer" } } });
    let built: JsonSchema = JsonSchema::builder().name("answer").schema(schema.clone()).try_into().unwrap();
    let format = ChatCompletionRequestResponseFormat::from(ResponseFormatJsonSchema::new(built));
    assert_eq!(
        serde_json::to_value(format).unwrap(),
        json!({ "type": "json_schema", "json_schema": { "name": "answer", "schema": schema } })
    );
    let wrong = JsonSchema::builder().name("answer").schema(json!([1])).try_into();
    let wrong: Result<JsonSchema, _> = wrong;
    let message = wrong.unwrap_err().to_string();
    assert!(message.contains("expected a JSON object") || message.contains("expected a map"), "{message}");
}

#[test]
fn a_wrong_value_of_a_closed_enum_says_which_values_it_takes() {
    use togetherai::types::ExecuteRequestLanguage;
    let err = "cobol".parse::<ExecuteRequestLanguage>().unwrap_err().to_string();
    assert!(err.contains("ExecuteRequestLanguage") && err.contains("`python`"), "{err}");
}
