//! Spec normalisation: the small, named transforms that turn a Together
//! OpenAPI document into one progenitor 0.15 generates a correct client from.
//!
//! Every transform works on the raw document (a `serde_json::Value`), before
//! `openapiv3` parses it, because `openapiv3` silently drops what several of
//! them need to see (`$ref` siblings, `const`, 3.1 `type` arrays). Each one
//! logs every change it makes, prefixed with its name, into [`Notes::log`](Notes#structfield.log).
//!
//! Some facts a transform removes from the document are kept in [`Notes`] so
//! that code generation can still serve them: event-stream operations, the
//! open enums, the operations that cannot be generated, what each operation
//! does on the server.
//!
//! The transforms live in files by concern, each beside its unit tests, and
//! run in the one order of [`TRANSFORMS`]: first the lenient reading
//! (`lenient` and `validate`: what a spec writes in a form OpenAPI 3 does
//! not have, but that reads one obvious way, becomes its OpenAPI 3 form
//! with a warning; what cannot be read is refused, naming the place), then
//! `patches`, `operations`, `openapi31` (3.1 and nulls into 3.0),
//! `schemas`, `enums`, `streams`, `responses`. The first [`READING`]
//! transforms are the reading ([`read`]); the document after them is the
//! spec as its author meant it, which the mock serves, and the rest
//! ([`normalize_rest`]) adapt it to progenitor. What they decide as data,
//! each entry with its reason, is in [`policy`]; how they read the document
//! is [`crate::spec`].

mod enums;
mod lenient;
mod names;
mod openapi31;
mod operations;
mod patches;
pub mod policy;
mod responses;
mod schemas;
mod streams;
#[cfg(test)]
mod testing;
mod validate;

pub use crate::spec::METHODS;
pub use operations::{derived_operation_id, method_names, pascal_ident, FILE_FORMAT};
pub use policy::{Change, Inference, Override, Patch, QueryBody, Specs, INFERENCE, OVERRIDES, PATCHES, QUERY_BODIES};
pub use schemas::WIDE_INTEGER;
pub use streams::STREAM_EXT;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// What normalisation learnt besides the rewritten document.
#[derive(Debug, Default, Clone)]
pub struct Notes {
    /// One line per change: `transform: what changed`.
    pub log: Vec<String>,
    /// Operations removed because the pipeline cannot serve them.
    pub unsupported: Vec<Unsupported>,
    /// Operations whose 2xx response may also be an event stream.
    pub streams: Vec<StreamOp>,
    /// String enums that must accept values the spec does not list, by type name.
    pub open_enums: BTreeMap<String, OpenEnum>,
    /// What each operation does on the server, by operation id, for the retry policy.
    pub effects: BTreeMap<String, Effect>,
    /// What a maintainer should look at: each becomes a cargo warning.
    pub warnings: Vec<String>,
    /// Type aliases of `policy::NAMES`: alias name to component name.
    pub aliases: BTreeMap<String, String>,
    /// The `operationId` the spec writes, by the operation's Rust name, where they differ.
    pub spec_ids: BTreeMap<String, String>,
    /// The schemas `open_string_unions` made string enums, by JSON pointer:
    /// `open_enums`, which runs right after (so the pointers still hold),
    /// opens them even with one value, and takes the set.
    open_unions: BTreeSet<String>,
}

/// An operation the generated client does not offer, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub operation_id: String,
    pub method: String,
    pub path: String,
    pub reason: String,
}

/// An operation that can answer with `text/event-stream`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamOp {
    pub operation_id: String,
    /// Component name of the payload in each event's `data` field, when the
    /// spec names one.
    pub data_schema: Option<String>,
    /// The request body has a `stream` property, set to `true` to ask for the stream.
    pub stream_flag: bool,
    /// The payload carries base64 audio in this required string property (`b64`).
    pub audio_field: Option<String>,
    /// The stream is the operation's only 2xx content: no plain `send()`.
    pub only: bool,
    /// The one `object` value of the non-streamed response (`text.completion`),
    /// which the folded stream takes.
    pub response_object: Option<String>,
    /// The non-streamed response's choices hold a `message` (chat), which
    /// each streamed choice's `delta` folds into.
    pub response_message: bool,
}

/// A string enum that also accepts any other string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEnum {
    pub values: Vec<String>,
    pub description: Option<String>,
}

/// What an operation does on the server, which decides how it is retried
/// (`retry_effects`); generated code names it as `crate::contract::Effect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// `GET`, `HEAD`, `OPTIONS`: retried freely.
    Read,
    /// A `POST` in [`INFERENCE`]: computes an answer, changes nothing; retried like a read.
    Inference,
    /// Anything else: retried only when it cannot have been processed.
    Mutation,
}

impl Effect {
    /// The name of the variant, as `crate::contract::Effect` spells it (`Read`).
    pub fn name(self) -> &'static str {
        match self {
            Effect::Read => "Read",
            Effect::Inference => "Inference",
            Effect::Mutation => "Mutation",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A spec the pipeline must refuse, with the place that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// JSON pointer into the document.
    pub at: String,
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at {}: {}", self.at, self.message)
    }
}

impl Notes {
    pub(crate) fn log(&mut self, transform: &str, msg: impl fmt::Display) {
        self.log.push(format!("{transform}: {msg}"));
    }

    /// Logs and warns.
    pub(crate) fn warn(&mut self, transform: &str, msg: impl fmt::Display) {
        self.log(transform, &msg);
        self.warnings.push(msg.to_string());
    }
}

/// A named transform over the whole document.
pub struct Transform {
    pub name: &'static str,
    pub run: fn(&mut Value, &mut Notes) -> Result<(), SpecError>,
}

/// The transforms, in the order they run. Order matters: the reading comes
/// first ([`READING`] of them), and turns any JSON into an OpenAPI 3
/// document or an error, so that the rest can count on its shape (they
/// still never panic on one they do not expect); `check_refs` runs after
/// the Swagger 2 conversions, which write references of their own, and
/// before `path_templates`, which checks the path items it copies, and
/// `schema_types`, which reads what references point to. Then patches see
/// the spec as published, operation ids are settled before anything records
/// them, nulls are folded into `nullable` before enums are opened, what
/// responses carry is read before event streams are removed, and error
/// responses go last (`retry_effects` after them only reads). The strings
/// `open_string_unions` makes are opened by `open_enums`, right after it.
pub const TRANSFORMS: &[Transform] = &[
    Transform { name: "document_shape", run: lenient::document_shape },
    Transform { name: "swagger2_documents", run: lenient::swagger2_documents },
    Transform { name: "swagger2_parameters", run: lenient::swagger2_parameters },
    Transform { name: "check_refs", run: validate::check_refs },
    Transform { name: "path_templates", run: lenient::path_templates },
    Transform { name: "media_types", run: lenient::media_types },
    Transform { name: "schema_types", run: lenient::schema_types },
    Transform { name: "schema_patches", run: patches::schema_patches },
    Transform { name: "operation_ids", run: operations::operation_ids },
    Transform { name: "component_names", run: operations::component_names },
    Transform { name: "policy_names", run: names::policy_names },
    Transform { name: "overrides", run: operations::overrides },
    Transform { name: "query_bodies", run: operations::query_bodies },
    Transform { name: "json_media_types", run: operations::json_media_types },
    Transform { name: "security_schemes", run: operations::security_schemes },
    Transform { name: "multipart_bodies", run: operations::multipart_bodies },
    Transform { name: "websocket_operations", run: operations::websocket_operations },
    Transform { name: "unsupported_operations", run: operations::unsupported_operations },
    Transform { name: "openapi_version", run: openapi31::openapi_version },
    Transform { name: "type_arrays", run: openapi31::type_arrays },
    Transform { name: "null_members", run: openapi31::null_members },
    Transform { name: "null_types", run: openapi31::null_types },
    Transform { name: "nullable_all_of", run: openapi31::nullable_all_of },
    Transform { name: "enum_nulls", run: openapi31::enum_nulls },
    Transform { name: "const_to_enum", run: openapi31::const_to_enum },
    Transform { name: "nullable_components", run: openapi31::nullable_components },
    Transform { name: "ref_siblings", run: openapi31::ref_siblings },
    Transform { name: "member_titles", run: names::member_titles },
    Transform { name: "inline_titles", run: schemas::inline_titles },
    Transform { name: "property_names", run: schemas::property_names },
    Transform { name: "strip_defaults", run: schemas::strip_defaults },
    Transform { name: "example_docs", run: schemas::example_docs },
    Transform { name: "open_objects", run: schemas::open_objects },
    Transform { name: "string_formats", run: schemas::string_formats },
    Transform { name: "string_patterns", run: schemas::string_patterns },
    Transform { name: "float_formats", run: schemas::float_formats },
    Transform { name: "response_scalars", run: schemas::response_scalars },
    Transform { name: "ambiguous_unions", run: schemas::ambiguous_unions },
    Transform { name: "recursive_merges", run: schemas::recursive_merges },
    Transform { name: "open_string_unions", run: enums::open_string_unions },
    Transform { name: "open_enums", run: enums::open_enums },
    Transform { name: "closed_enum_names", run: enums::closed_enum_names },
    Transform { name: "event_streams", run: streams::event_streams },
    Transform { name: "partial_deltas", run: streams::partial_deltas },
    Transform { name: "folded_responses", run: streams::folded_responses },
    Transform { name: "binary_responses", run: responses::binary_responses },
    Transform { name: "error_responses", run: responses::error_responses },
    Transform { name: "retry_effects", run: operations::retry_effects },
];

/// Parses the spec text (YAML or JSON); a syntax error names line and column.
pub fn parse(text: &str) -> Result<Value, SpecError> {
    serde_yaml::from_str(text).map_err(|e| SpecError {
        at: e.location().map_or("the start".into(), |l| format!("line {}, column {}", l.line(), l.column())),
        message: format!("invalid YAML: {e}"),
    })
}

/// How many of [`TRANSFORMS`], from the first, are the lenient reading:
/// `document_shape` to `schema_types`.
pub const READING: usize = 7;

/// Runs every transform in order: [`read`], then [`normalize_rest`].
pub fn normalize(doc: &mut Value) -> Result<Notes, SpecError> {
    let mut notes = read(doc)?;
    normalize_rest(doc, &mut notes)?;
    Ok(notes)
}

/// The lenient reading (the first [`READING`] transforms): afterwards the
/// document is the spec as its author meant it, in OpenAPI 3 form (every
/// parameter has a `schema`, no `type: unknown`, every `$ref` resolves),
/// or this is an error naming the place that cannot be read.
pub fn read(doc: &mut Value) -> Result<Notes, SpecError> {
    let mut notes = Notes::default();
    run(&TRANSFORMS[..READING], doc, &mut notes)?;
    Ok(notes)
}

/// The transforms after the reading, on a document [`read`] has read.
pub fn normalize_rest(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    run(&TRANSFORMS[READING..], doc, notes)
}

fn run(transforms: &[Transform], doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for t in transforms {
        (t.run)(doc, notes).map_err(|e| SpecError { message: format!("{} (found by {})", e.message, t.name), ..e })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn invalid_yaml_names_the_line() {
        let err = parse("openapi: 3.1.0\npaths:\n  /a: [unclosed\n").unwrap_err();
        assert!(err.at.starts_with("line "), "{err}");
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert_eq!(parse("a: 1").unwrap(), json!({ "a": 1 }));
    }
}
