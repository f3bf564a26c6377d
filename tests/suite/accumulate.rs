//! `accumulate()` never loses a chunk: random answers (text, several
//! choices, tool calls split across chunks, nulls, usage only at the end,
//! logprobs, seeds beyond `i64`, a last chunk that does not fit the chunk
//! type) are streamed as the API streams them, from
//! the crate's mock server, and the folded response must equal the
//! non-streamed response of the same answer, for chat and for text
//! completions.

use futures_util::StreamExt;
use proptest::prelude::*;
use serde_json::{json, Value};
use togetherai::mock::{MockReply, MockServer};
use togetherai::stream::Accumulate;
use togetherai::types::*;
use togetherai::EventStream;

#[derive(Debug, Clone)]
struct Tool {
    id: String,
    name: String,
    /// The arguments, in the pieces they are streamed in.
    arguments: Vec<String>,
}

#[derive(Debug, Clone)]
struct Choice {
    /// The tokens of the text.
    tokens: Vec<String>,
    tools: Vec<Tool>,
    finish_reason: String,
    /// The finish reason comes in a chunk of its own, with a null delta content.
    finish_apart: bool,
}

#[derive(Debug, Clone)]
struct Answer {
    choices: Vec<Choice>,
    seed: u64,
    logprobs: bool,
    /// Usage comes in a last chunk with no choices.
    usage_apart: bool,
    /// The last chunk does not fit the chunk type (a field it declares comes
    /// with another type): an `Error::Decode` item, folded all the same.
    broken_last: bool,
}

fn token() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z ,.\"\\n\u{e9}\u{1F600}]{0,5}").unwrap()
}

fn tool() -> impl Strategy<Value = Tool> {
    ("call_[a-z0-9]{4,8}", "[a-z_]{1,10}", prop::collection::vec("[{}a-z\":, 0-9]{0,6}", 1..4))
        .prop_map(|(id, name, arguments)| Tool { id, name, arguments })
}

fn choice(tools: bool) -> impl Strategy<Value = Choice> {
    let tool_count = if tools { 0..3usize } else { 0..1 };
    (
        prop::collection::vec(token(), 0..6),
        prop::collection::vec(tool(), tool_count),
        prop::sample::select(vec!["stop", "eos", "length", "tool_calls", "content_filter"]),
        any::<bool>(),
    )
        .prop_map(|(tokens, tools, reason, finish_apart)| Choice {
            tokens,
            tools,
            finish_reason: reason.to_string(),
            finish_apart,
        })
}

fn answer(tools: bool) -> impl Strategy<Value = Answer> {
    (prop::collection::vec(choice(tools), 1..4), any::<u64>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(choices, seed, logprobs, usage_apart, broken_last)| Answer {
            choices,
            seed,
            logprobs,
            usage_apart,
            broken_last,
        },
    )
}

/// The logprob and token id of token `t` of choice `c`.
fn logprob(c: usize, t: usize) -> (f64, u64) {
    (-((c * 7 + t) as f64) / 8.0, (1000 + c * 100 + t) as u64)
}

fn usage(answer: &Answer) -> Value {
    let completion: usize = answer.choices.iter().map(|c| c.tokens.len()).sum();
    json!({"prompt_tokens": 11, "completion_tokens": completion, "total_tokens": 11 + completion})
}

/// The response without streaming: what `send()` decodes.
fn whole(answer: &Answer, chat: bool) -> Value {
    let choices: Vec<Value> = answer
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let text: String = c.tokens.concat();
            let logprobs = if answer.logprobs && !c.tokens.is_empty() {
                let (lp, ids): (Vec<f64>, Vec<u64>) = (0..c.tokens.len()).map(|t| logprob(i, t)).unzip();
                json!({"token_ids": ids, "tokens": c.tokens, "token_logprobs": lp})
            } else {
                Value::Null
            };
            let mut choice =
                json!({"index": i, "finish_reason": c.finish_reason, "seed": answer.seed, "logprobs": logprobs});
            if chat {
                let tool_calls: Vec<Value> = c
                    .tools
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        json!({"index": k, "id": t.id, "type": "function",
                        "function": {"name": t.name, "arguments": t.arguments.concat()}})
                    })
                    .collect();
                let content = if c.tokens.is_empty() { Value::Null } else { json!(text) };
                choice["message"] = json!({"role": "assistant", "content": content, "tool_calls": tool_calls});
            } else {
                choice["text"] = json!(text);
            }
            choice
        })
        .collect();
    let object = if chat { "chat.completion" } else { "text.completion" };
    json!({"id": "gen-1", "object": object, "created": 1_765_000_000, "model": "m", "prompt": [],
        "choices": choices, "usage": usage(answer)})
}

/// The same answer as the API streams it: one chunk per token and per
/// tool-call piece, choices interleaved, nulls where nothing is sent yet.
fn streamed(answer: &Answer, chat: bool) -> String {
    let object = if chat { "chat.completion.chunk" } else { "completion.chunk" };
    let mut per_choice: Vec<Vec<Value>> = Vec::new();
    for (i, c) in answer.choices.iter().enumerate() {
        let mut chunks = Vec::new();
        for (t, piece) in c.tokens.iter().enumerate() {
            let (lp, id) = logprob(i, t);
            let lp = if answer.logprobs { json!(lp) } else { Value::Null };
            let mut delta = json!({"token_id": id, "role": "assistant", "content": piece});
            if chat {
                delta["tool_calls"] = Value::Null;
            }
            chunks.push(
                json!({"index": i, "text": piece, "logprobs": lp, "finish_reason": null, "seed": null, "delta": delta}),
            );
        }
        for (k, tool) in c.tools.iter().enumerate() {
            for (p, piece) in tool.arguments.iter().enumerate() {
                let (id, name) = if p == 0 { (json!(tool.id), json!(tool.name)) } else { (Value::Null, Value::Null) };
                let call =
                    json!({"index": k, "id": id, "type": "function", "function": {"name": name, "arguments": piece}});
                chunks.push(json!({"index": i, "text": "", "logprobs": null, "finish_reason": null, "seed": null,
                    "delta": {"token_id": null, "role": "assistant", "content": null, "tool_calls": [call]}}));
            }
        }
        if c.finish_apart || chunks.is_empty() {
            let text = if chat { Value::Null } else { json!("") };
            chunks.push(json!({"index": i, "text": text, "logprobs": null, "finish_reason": null, "seed": null,
                "delta": {"token_id": null, "role": "assistant", "content": null}}));
        }
        let last = chunks.last_mut().unwrap();
        last["finish_reason"] = json!(c.finish_reason);
        last["seed"] = json!(answer.seed);
        per_choice.push(chunks);
    }
    // Round robin over the choices, as several generations stream together.
    let mut order = Vec::new();
    let longest = per_choice.iter().map(Vec::len).max().unwrap_or(0);
    for step in 0..longest {
        for chunks in &per_choice {
            if let Some(c) = chunks.get(step) {
                order.push(c.clone());
            }
        }
    }
    let mut events: Vec<Value> = order
        .into_iter()
        .map(|choice| {
            json!({"id": "gen-1", "object": object, "created": 1_765_000_000, "model": "m",
            "choices": [choice], "usage": null})
        })
        .collect();
    if answer.usage_apart {
        events.push(json!({"id": "gen-1", "object": object, "created": 1_765_000_000, "model": "m",
            "choices": [], "usage": usage(answer)}));
    } else {
        events.last_mut().unwrap()["usage"] = usage(answer);
    }
    if answer.broken_last {
        // Declared a string and an object; neither is in the response.
        let (field, value) = if chat { ("system_fingerprint", json!(42)) } else { ("token", json!(7)) };
        events.last_mut().unwrap()[field] = value;
    }
    let mut body: String = events.iter().map(|e| format!("data: {e}\n\n")).collect();
    body.push_str("data: [DONE]\n\n");
    body
}

/// Streams `body`, folds it, and returns the folded and the whole response,
/// both typed and serialised back to JSON.
async fn fold<T>(
    server: &MockServer,
    operation: &str,
    opened: impl std::future::Future<Output = Result<EventStream<T>, togetherai::Error>>,
    answer: &Answer,
    chat: bool,
) -> (Value, Value)
where
    T: Accumulate + serde::de::DeserializeOwned,
    T::Response: serde::Serialize,
{
    let body = streamed(answer, chat);
    server.push_reply(operation, MockReply::status(200).header("content-type", "text/event-stream").text(&body));
    let mut stream = opened.await.unwrap().accumulate();
    let mut undecoded = 0;
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(_) => {}
            Err(togetherai::Error::Decode { .. }) => undecoded += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(undecoded, usize::from(answer.broken_last));
    let folded = serde_json::to_value(stream.response().unwrap()).unwrap();
    let expected: T::Response = serde_json::from_value(whole(answer, chat)).unwrap();
    let mut expected = serde_json::to_value(expected).unwrap();
    // The one thing a stream cannot carry: the echoed prompt, `[]` unless
    // `echo` is set (`Some(vec![])` against `None` once typed).
    if folded.get("prompt").is_none() && expected["prompt"] == json!([]) {
        expected.as_object_mut().unwrap().remove("prompt");
    }
    (folded, expected)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn a_folded_chat_stream_is_the_non_streamed_response(answer in answer(true)) {
        let runtime = runtime();
        let (folded, expected) = runtime.block_on(async {
            let server = MockServer::start().await.unwrap();
            let client = server.client();
            let body: ChatCompletionRequest =
                serde_json::from_value(json!({"model": "m", "messages": [{"role": "user", "content": "Hi"}]})).unwrap();
            let opened = client.chat_completions().body(body).send_stream();
            fold(&server, "chat_completions", opened, &answer, true).await
        });
        prop_assert_eq!(folded, expected);
    }

    #[test]
    fn a_folded_completion_stream_is_the_non_streamed_response(answer in answer(false)) {
        let runtime = runtime();
        let (folded, expected) = runtime.block_on(async {
            let server = MockServer::start().await.unwrap();
            let client = server.client();
            let body: CompletionRequest = serde_json::from_value(json!({"model": "m", "prompt": "Hi"})).unwrap();
            let opened = client.completions_create().body(body).send_stream();
            fold(&server, "completions_create", opened, &answer, false).await
        });
        prop_assert_eq!(folded, expected);
    }
}
