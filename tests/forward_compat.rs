//! Real responses drift from the spec: generated types must decode unknown
//! enum values, unknown fields and unknown union shapes, and the nulls the
//! spec only allows through `$ref` siblings.

use serde_json::json;
use togetherai::types;

#[test]
fn stream_chunks_decode_null_and_unknown_finish_reasons() {
    let chunk = |finish_reason: serde_json::Value| {
        json!({
            "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{ "index": 0, "finish_reason": finish_reason, "logprobs": null,
                "delta": { "role": "assistant", "content": "Hi", "reasoning": "new field" } }],
            "usage": null, "brand_new_top_level": { "nested": true },
        })
    };
    let first: types::ChatCompletionChunk = serde_json::from_value(chunk(json!(null))).unwrap();
    assert!(first.choices[0].finish_reason.is_none());
    assert_eq!(first.choices[0].delta.content.as_deref(), Some("Hi"));

    let last: types::ChatCompletionChunk = serde_json::from_value(chunk(json!("content_filter"))).unwrap();
    let reason = last.choices[0].finish_reason.clone().unwrap();
    assert_eq!(reason, types::FinishReason::Other("content_filter".into()));
    assert_eq!(reason.as_str(), "content_filter");
    let stop: types::ChatCompletionChunk = serde_json::from_value(chunk(json!("stop"))).unwrap();
    assert_eq!(stop.choices[0].finish_reason, Some(types::FinishReason::Stop));
}

#[test]
fn unknown_union_shapes_are_kept_as_json() {
    let response = json!({
        "errors": null,
        "data": { "session_id": "s1", "outputs": [
            { "type": "stdout", "data": "hello\n" },
            { "type": "error", "data": "Traceback" },
            { "type": "hologram", "data": { "frames": 3 } },
        ] },
    });
    let decoded: types::ExecuteResponse = serde_json::from_value(response).unwrap();
    let types::ExecuteResponse::SuccessfulExecution { data, .. } = decoded else { panic!("{decoded:?}") };
    let kinds: Vec<String> = data
        .outputs
        .iter()
        .map(|o| match o {
            types::SuccessfulExecutionDataOutputsItem::Other(v) => format!("other:{}", v["type"]),
            known => format!("{:?}", serde_json::to_value(known).unwrap()["type"]),
        })
        .collect();
    // The stdout and error outputs keep their own variants: the enums that
    // tell them apart stay closed, so only the unknown one falls through.
    assert_eq!(kinds, ["String(\"stdout\")", "String(\"error\")", "other:\"hologram\""]);
    let stdout = serde_json::to_value(&data.outputs[0]).unwrap();
    assert!(!matches!(data.outputs[1], types::SuccessfulExecutionDataOutputsItem::Other(_)));
    assert_eq!(stdout, json!({ "type": "stdout", "data": "hello\n" }));
}

#[test]
fn open_string_fields_take_any_model() {
    let known: types::ChatCompletionRequestModel = "Qwen/Qwen2.5-72B-Instruct-Turbo".into();
    assert!(!matches!(known, types::ChatCompletionRequestModel::Other(_)), "{known:?}");
    let new: types::ChatCompletionRequestModel = "acme/next-model".into();
    assert_eq!(new, types::ChatCompletionRequestModel::Other("acme/next-model".into()));
    assert_eq!(serde_json::to_value(&new).unwrap(), json!("acme/next-model"));
}

#[test]
fn event_levels_accept_null_and_new_levels() {
    let levels: Vec<Option<types::FinetuneEventLevels>> =
        serde_json::from_value(json!([null, "info", "debug"])).unwrap();
    assert_eq!(levels[0], None);
    assert_eq!(levels[1].as_ref().map(|l| l.as_str()), Some("info"));
    assert_eq!(levels[2], Some(types::FinetuneEventLevels::Other("debug".into())));
}

#[test]
fn null_lists_and_partial_deltas_decode() {
    // What Together sends: `tool_calls: null` (the spec allows a list or
    // nothing), and a later chunk's delta without `role`, a tool call without its name.
    let chunk = |delta: serde_json::Value| {
        json!({ "id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m", "usage": null,
            "choices": [{ "index": 0, "text": " word", "logprobs": null, "finish_reason": null, "seed": null, "delta": delta }] })
    };
    let first: types::ChatCompletionChunk = serde_json::from_value(chunk(
        json!({ "token_id": 1, "role": "assistant", "content": " word", "tool_calls": null }),
    ))
    .unwrap();
    assert!(first.choices[0].delta.tool_calls.is_empty());
    let later: types::ChatCompletionChunk =
        serde_json::from_value(chunk(json!({ "tool_calls": [{ "index": 0, "function": { "arguments": "{\"a\"" } }] })))
            .unwrap();
    let call = &later.choices[0].delta.tool_calls[0];
    assert_eq!(call.function.as_ref().and_then(|f| f.arguments.as_deref()), Some("{\"a\""));
    assert!(later.choices[0].delta.role.is_none());
}
