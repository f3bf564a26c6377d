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
            types::SuccessfulExecutionDataOutput::Other(v) => format!("other:{}", v["type"]),
            known => format!("{:?}", serde_json::to_value(known).unwrap()["type"]),
        })
        .collect();
    // The stdout and error outputs keep their own variants: the enums that
    // tell them apart stay closed, so only the unknown one falls through.
    assert_eq!(kinds, ["String(\"stdout\")", "String(\"error\")", "other:\"hologram\""]);
    let stdout = serde_json::to_value(&data.outputs[0]).unwrap();
    assert!(!matches!(data.outputs[1], types::SuccessfulExecutionDataOutput::Other(_)));
    assert_eq!(stdout, json!({ "type": "stdout", "data": "hello\n" }));
}

#[test]
fn open_string_fields_take_any_model() {
    let known: types::AudioSpeechRequestModel = "cartesia/sonic".into();
    assert!(!matches!(known, types::AudioSpeechRequestModel::Other(_)), "{known:?}");
    let new: types::AudioSpeechRequestModel = "acme/next-model".into();
    assert_eq!(new, types::AudioSpeechRequestModel::Other("acme/next-model".into()));
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

#[test]
fn integers_beyond_i64_decode_exactly() {
    // Real: seeds are u64 values written through a float.
    let body = br#"{"id": "9060", "object": "chat.completion", "created": 1737555055, "model": "m", "prompt": [],
        "choices": [{"finish_reason": "eos", "seed": 17786007661749115000, "logprobs": null, "index": 0,
            "message": {"role": "assistant", "content": "Hi", "tool_calls": []}}],
        "usage": {"prompt_tokens": 46, "completion_tokens": 548, "total_tokens": 594}}"#;
    let response: types::ChatCompletionResponse = serde_json::from_slice(body).unwrap();
    assert_eq!(response.choices[0].seed, Some(17_786_007_661_749_115_000));
    assert_eq!(response.usage.as_ref().map(|u| u.total_tokens), Some(594));
    let chunk = json!({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
        "choices": [{"index": 0, "finish_reason": "length", "seed": 14687020407684524000u64,
            "delta": {"token_id": 8, "role": "assistant", "content": ")"}}], "usage": null});
    let chunk: types::ChatCompletionChunk = serde_json::from_value(chunk).unwrap();
    assert_eq!(chunk.choices[0].seed, Some(14_687_020_407_684_524_000));
}

#[test]
fn a_response_value_other_than_the_one_the_spec_allows_decodes_and_stays_readable() {
    let completion = json!({"id": "t", "object": "text.completion", "created": 1, "model": "m",
        "choices": [{"text": " Paris", "finish_reason": "stop", "seed": 1, "logprobs": null, "index": 0}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 1, "total_tokens": 6}});
    let decoded: types::CompletionResponse = serde_json::from_value(completion).unwrap();
    assert_eq!(decoded.object.as_str(), "text.completion");
    let chat = json!({"id": "c", "object": "chat.completion.v2", "created": 1, "model": "m",
        "choices": [{"index": 0, "message": {"role": "model", "content": "x"}}]});
    let decoded: types::ChatCompletionResponse = serde_json::from_value(chat).unwrap();
    assert_eq!(decoded.object, types::ChatCompletionResponseObject::Other("chat.completion.v2".into()));
    assert_eq!(decoded.choices[0].message.as_ref().unwrap().role.as_str(), "model");
    // In a request, a one-value enum stays the constant it is.
    let role: types::ChatCompletionSystemMessageParamRole = serde_json::from_value(json!("system")).unwrap();
    assert_eq!(serde_json::to_value(role).unwrap(), "system");
    assert!(serde_json::from_value::<types::ChatCompletionSystemMessageParamRole>(json!("user")).is_err());
}
