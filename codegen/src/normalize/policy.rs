//! Every product decision normalisation applies that is data, each entry
//! with its reason: which `POST`s are retried like reads, which responses
//! are really bytes, and the corrections to schemas the published spec gets
//! wrong, and the names of the few types users write most. Nothing else in
//! the crate holds such tables.

/// `POST` paths that compute an answer and change nothing on the server, so
/// they are retried like reads: a retry costs the computation again but
/// cannot make a second resource. Every other `POST`, and every `PUT`,
/// `PATCH` and `DELETE`, is a mutation: retried only when it cannot have been
/// processed. `GET` and `HEAD` are reads.
pub const INFERENCE: &[Inference] = &[
    Inference { path: "/chat/completions", why: "answers a conversation; stores nothing" },
    Inference { path: "/completions", why: "continues a prompt; stores nothing" },
    Inference { path: "/embeddings", why: "computes vectors for the input; stores nothing" },
    Inference { path: "/images/generations", why: "generates images and hands them back; keeps no resource to list" },
    Inference { path: "/rerank", why: "scores documents against a query; stores nothing" },
    Inference { path: "/audio/speech", why: "synthesises speech from text; stores nothing" },
    Inference { path: "/audio/transcriptions", why: "transcribes the audio sent; stores nothing" },
    Inference { path: "/audio/translations", why: "translates the audio sent into English text; stores nothing" },
    Inference { path: "/moderations", why: "classifies the input; stores nothing" },
];

/// One entry of [`INFERENCE`].
pub struct Inference {
    /// The path, as the spec writes it.
    pub path: &'static str,
    pub why: &'static str,
}

/// Corrections to the spec where it disagrees with the real API: the 2xx
/// body of each operation becomes raw bytes of the entry's media type.
/// Applied only when the operation exists.
pub const OVERRIDES: &[Override] = &[
    Override {
        method: "get",
        path: "/files/{id}/content",
        media: "application/octet-stream",
        why: "returns the file's bytes, not the JSON object the 2025-04 spec declares",
    },
    Override {
        method: "get",
        path: "/finetune/download",
        media: "application/octet-stream",
        why: "returns the model archive, not the JSON object the 2025-04 spec declares",
    },
];

/// One entry of [`OVERRIDES`].
pub struct Override {
    /// The HTTP method, lowercase as in the spec (`get`).
    pub method: &'static str,
    /// The path, as the spec writes it.
    pub path: &'static str,
    /// The media type of the 2xx body.
    pub media: &'static str,
    pub why: &'static str,
}

/// Operations whose JSON body the spec declares where the API reads query
/// parameters: each top-level property of the body becomes an optional (or,
/// when the body requires it, required) query parameter of its schema, and
/// the body goes. Applied only when the operation exists; one whose body is
/// gone (upstream fixed it) is a build warning naming the entry.
pub const QUERY_BODIES: &[QueryBody] = &[QueryBody {
    method: "get",
    path: "/fine-tunes/{id}/metrics",
    why: "the 2026-04 spec puts the filters (`global_step_*`, `logged_at_*`) in a body of a `GET`, \
          which HTTP clients and proxies drop; the official SDK sends them as query parameters",
}];

/// One entry of [`QUERY_BODIES`].
pub struct QueryBody {
    /// The HTTP method, lowercase as in the spec (`get`).
    pub method: &'static str,
    /// The path, as the spec writes it.
    pub path: &'static str,
    pub why: &'static str,
}

/// Corrections to response schemas where the published spec disagrees with
/// what the API sends, one entry each: a JSON pointer into the spec as
/// published, the change, and why. A pointer that no longer resolves in a
/// spec is a build warning naming the entry (so it can go once upstream
/// fixes the schema); one that resolves to what the change would make is
/// logged as already so. An entry upstream has fixed stays while an older
/// spec the crate supports needs it, and one for a schema only newer specs
/// have says so ([`Specs`]): where such an entry's place is gone it is
/// logged, not warned about. Nothing else edits the spec by hand.
pub const PATCHES: &[Patch] = &[
    Patch {
        at: "/components/schemas/CompletionChunk",
        change: Change::Optional(&["token", "finish_reason"]),
        why: "real completion stream events carry neither a top-level `token` nor a top-level \
              `finish_reason`: the text and the finish reason are per choice",
        specs: Specs::All,
    },
    Patch {
        at: "/components/schemas/CompletionChunk",
        change: Change::Properties(
            r#"{"object": {"type": "string", "enum": ["completion.chunk"]}, "created": {"type": "integer"},
                "model": {"type": "string"}}"#,
        ),
        why: "real completion stream events carry `object`, `created` and `model`",
        specs: Specs::All,
    },
    Patch {
        at: "/components/schemas/CompletionChoice",
        change: Change::Properties(
            r##"{"index": {"type": "integer"},
                "finish_reason": {"allOf": [{"$ref": "#/components/schemas/FinishReason"}], "nullable": true},
                "logprobs": {"type": "number", "nullable": true}, "seed": {"type": "integer", "nullable": true},
                "delta": {"type": "object", "properties": {"token_id": {"type": "integer", "nullable": true},
                    "role": {"type": "string"}, "content": {"type": "string", "nullable": true}}}}"##,
        ),
        why: "each choice of a real completion stream event carries its `index`, `finish_reason`, \
              `logprobs`, `seed` and a chat-like `delta` beside `text`",
        specs: Specs::All,
    },
    Patch {
        at: "/components/schemas/CompletionResponse/properties/object/enum/0",
        change: Change::Set(r#""text.completion""#),
        why: "the API sends `text.completion` (as later specs say), not `text_completion`",
        specs: Specs::Until("2025-12-23"),
    },
    Patch {
        at: "/components/schemas/ImageResponseDataB64",
        change: Change::Optional(&["type"]),
        why: "real image answers carry `index` and `b64_json` but no `type` (specs since 2025-12 require \
              it): without this every real image would decode as an unknown shape",
        specs: Specs::Since("2025-12-23"),
    },
    Patch {
        at: "/components/schemas/ImageResponseDataUrl",
        change: Change::Optional(&["type"]),
        why: "as `ImageResponseDataB64`: real image answers carry no `type`",
        specs: Specs::Since("2025-12-23"),
    },
    Patch {
        at: "/components/schemas/FinetuneResponseTruncated/properties/batch_size",
        change: Change::Set(r#"{"oneOf": [{"type": "integer"}, {"type": "string", "enum": ["max"]}]}"#),
        why: "a job echoes the batch size it was created with, `\"max\"` by default (the request and the \
              full `FinetuneResponse` say so; the list, create and cancel answers of specs since 2025-12 say integer only)",
        specs: Specs::Since("2025-12-23"),
    },
];

/// One entry of [`PATCHES`].
pub struct Patch {
    /// JSON pointer into the spec as published (component names as written).
    pub at: &'static str,
    pub change: Change,
    pub why: &'static str,
    /// The upstream specs the entry is for.
    pub specs: Specs,
}

/// Which upstream specs (by date) a [`Patch`] is for.
pub enum Specs {
    /// Every one: its place gone is a warning.
    All,
    /// Those before the one dated here, which fixed it.
    Until(&'static str),
    /// The one dated here, which added the schema, and later ones.
    Since(&'static str),
}

/// What a [`Patch`] does at its pointer.
pub enum Change {
    /// These names leave the schema's `required` list: the API does not send them.
    Optional(&'static [&'static str]),
    /// These properties (a JSON object of schemas) join the schema's
    /// `properties` where it lacks them: the API sends them.
    Properties(&'static str),
    /// The value at the pointer becomes this JSON.
    Set(&'static str),
}

/// Names chosen by hand for the types users write most, so that code using
/// them keeps compiling across spec versions, one entry each: a JSON pointer
/// (component names as the crate names them, which for every Together spec
/// is as published), the name, and why. An inline schema at the pointer is
/// generated under the name; a reference there makes the name an alias of
/// the component (`pub type Name = Component;`). A pointer that no longer
/// resolves is a build warning naming the entry.
pub const NAMES: &[Naming] = &[Naming {
    at: "/components/schemas/ChatCompletionRequest/properties/messages/items",
    name: "ChatMessage",
    why: "every chat call writes its messages; the 2025-04 spec has them inline \
          (`ChatCompletionRequestMessagesItem`), later specs as `ChatCompletionMessageParam`",
}];

/// One entry of [`NAMES`].
pub struct Naming {
    /// JSON pointer to the schema.
    pub at: &'static str,
    /// The Rust type name.
    pub name: &'static str,
    pub why: &'static str,
}
