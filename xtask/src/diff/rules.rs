//! The rules table: every change the diff reports names one of these rules,
//! so the levels live in one place, `--rules` prints them, and a test checks
//! each has a fixture.
//!
//! Levels are judged for a Rust user of this crate: generated structs with
//! typed fields, builders for requests, open enums (unknown values decode).
//! Schema rules come in `request-` and `response-` pairs because the same
//! wire change weighs differently in each direction. A component reachable
//! from both directions is compared in both and each change keeps the stricter
//! of the two rules.

use std::fmt;

/// How much a change matters to a user of the crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Nothing to do: additions, widenings.
    Info,
    /// Compiles, but behaviour or a less-used API surface may change.
    Warning,
    /// Code that compiled against the old crate may not compile or may fail at run time.
    Breaking,
}

impl Level {
    /// Every level, most severe first (the order reports use).
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Warning, Level::Info];

    /// The lowercase name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Breaking => "breaking",
        }
    }

    /// Parses a `--fail-on` value.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == s)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What part of the spec a rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Operation,
    Parameter,
    RequestBody,
    Response,
    Component,
    /// A schema reached from a request body or parameter.
    RequestSchema,
    /// A schema reached from a response.
    ResponseSchema,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Operation => "operation",
            Scope::Parameter => "parameter",
            Scope::RequestBody => "request body",
            Scope::Response => "response",
            Scope::Component => "component",
            Scope::RequestSchema => "request schema",
            Scope::ResponseSchema => "response schema",
        }
    }
}

/// One kind of change and its level.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub level: Level,
    pub scope: Scope,
    pub description: &'static str,
}

const fn rule(id: &'static str, level: Level, scope: Scope, description: &'static str) -> Rule {
    Rule { id, level, scope, description }
}

use Level::{Breaking, Info, Warning};
use Scope::{Component, Operation, Parameter, RequestBody, RequestSchema, Response, ResponseSchema};

/// Every rule. Schema rules are looked up as `{request|response}-{kind}`.
pub const RULES: &[Rule] = &[
    // Operations: the crate has one method per operation, named from its method and path.
    rule("operation-added", Info, Operation, "A new operation: a new client method."),
    rule("operation-removed", Breaking, Operation, "An operation is gone: its client method disappears."),
    rule(
        "operation-moved",
        Breaking,
        Operation,
        "The operationId now lives at another method or path: the method keeps its name but calls another endpoint.",
    ),
    rule(
        "operation-renamed",
        Breaking,
        Operation,
        "Same method and path, another method name: an operation added beside it takes the name, which now says its verb (`_list`, `_create`).",
    ),
    rule(
        "operation-id-changed",
        Info,
        Operation,
        "Same method and path, different operationId: the method keeps its name; only its doc alias changes.",
    ),
    rule("operation-deprecated", Warning, Operation, "The operation is marked deprecated."),
    // Parameters: arguments of the client method (path) or builder setters (query, header).
    rule("parameter-added-required", Breaking, Parameter, "A new required parameter: callers must pass it."),
    rule("parameter-added-optional", Info, Parameter, "A new optional parameter."),
    rule("parameter-removed", Breaking, Parameter, "A parameter is gone: its argument or setter disappears."),
    rule("parameter-became-required", Breaking, Parameter, "An optional parameter is now required."),
    rule("parameter-became-optional", Info, Parameter, "A required parameter is now optional."),
    rule("parameter-deprecated", Warning, Parameter, "The parameter is marked deprecated."),
    rule(
        "path-parameter-renamed",
        Info,
        Parameter,
        "A path parameter has a new name at the same position: the argument is positional, only its name changes.",
    ),
    // Request bodies.
    rule("request-body-added", Info, RequestBody, "A new optional request body."),
    rule("request-body-added-required", Breaking, RequestBody, "A new required request body: callers must send it."),
    rule("request-body-removed", Breaking, RequestBody, "The request body is gone: the body argument disappears."),
    rule("request-body-became-required", Breaking, RequestBody, "The request body is now required."),
    rule("request-body-became-optional", Info, RequestBody, "The request body is now optional."),
    rule("request-media-type-added", Info, RequestBody, "The request body accepts another media type."),
    rule(
        "request-media-type-removed",
        Breaking,
        RequestBody,
        "The request body no longer accepts a media type the crate may send.",
    ),
    // Responses.
    rule("response-added", Info, Response, "A new response status."),
    rule("response-success-removed", Breaking, Response, "A 2xx response is gone: the method's success type changes."),
    rule(
        "response-error-removed",
        Warning,
        Response,
        "A non-2xx (or default) response is gone: the method's error type may change.",
    ),
    rule("response-media-type-added", Info, Response, "A response has another media type."),
    rule(
        "response-json-media-type-removed",
        Breaking,
        Response,
        "A JSON media type of a response is gone: the typed response disappears.",
    ),
    rule(
        "response-media-type-removed",
        Warning,
        Response,
        "A non-JSON media type of a response is gone (the crate hands those out as bytes or streams).",
    ),
    // Components.
    rule("schema-added", Info, Component, "A new component schema: a new Rust type."),
    rule("schema-removed", Breaking, Component, "A component schema is gone: its Rust type disappears."),
    rule(
        "schema-renamed",
        Breaking,
        Component,
        "A component schema has a new name and the same shape: its Rust type is renamed.",
    ),
    // Schemas reached from requests: the crate builds these with builders.
    rule("request-property-added", Info, RequestSchema, "A new optional request field: a new builder setter."),
    rule(
        "request-required-property-added",
        Breaking,
        RequestSchema,
        "A new required request field: requests built without it fail.",
    ),
    rule(
        "request-property-removed",
        Breaking,
        RequestSchema,
        "A request field is gone: its builder setter disappears.",
    ),
    rule(
        "request-property-became-required",
        Breaking,
        RequestSchema,
        "An optional request field is now required: requests without it fail, its type changes from Option<T> to T.",
    ),
    rule(
        "request-property-became-optional",
        Warning,
        RequestSchema,
        "A required request field is now optional: builders are unaffected, but the struct field becomes Option<T>.",
    ),
    rule("request-type-changed", Breaking, RequestSchema, "A request value has another type (or item type)."),
    rule(
        "request-ref-changed",
        Breaking,
        RequestSchema,
        "A request value refers to another component: its Rust type changes.",
    ),
    rule(
        "request-format-changed",
        Warning,
        RequestSchema,
        "A request value has another format (may change the Rust type, e.g. i32 to i64).",
    ),
    rule("request-enum-value-added", Info, RequestSchema, "A request enum accepts a new value."),
    rule(
        "request-enum-value-removed",
        Breaking,
        RequestSchema,
        "A request enum value is gone: its variant disappears and the server rejects it.",
    ),
    rule(
        "request-nullable-added",
        Warning,
        RequestSchema,
        "A request value is now nullable: a required field's type may become Option<T>.",
    ),
    rule(
        "request-nullable-removed",
        Breaking,
        RequestSchema,
        "A request value is no longer nullable: requests sending null fail, Option<T> may become T.",
    ),
    rule(
        "request-member-added",
        Warning,
        RequestSchema,
        "A oneOf/anyOf/allOf member was added to a request schema: the generated enum or struct changes.",
    ),
    rule(
        "request-member-removed",
        Warning,
        RequestSchema,
        "A oneOf/anyOf/allOf member was removed from a request schema: the generated enum or struct changes.",
    ),
    rule(
        "request-default-changed",
        Warning,
        RequestSchema,
        "A request field's default changed: requests that omit it behave differently.",
    ),
    rule(
        "request-additional-properties-changed",
        Warning,
        RequestSchema,
        "A request object now allows or forbids other keys: it may become (or stop being) a map.",
    ),
    rule("request-deprecated", Warning, RequestSchema, "A request field or schema is marked deprecated."),
    rule(
        "request-constraint-changed",
        Warning,
        RequestSchema,
        "A request value's bounds, length, pattern or item count changed: requests valid before may be rejected.",
    ),
    // Schemas reached from responses: the crate deserializes these into typed structs.
    rule("response-property-added", Info, ResponseSchema, "A new response field: a new struct field."),
    rule(
        "response-property-removed",
        Breaking,
        ResponseSchema,
        "A response field is gone: its struct field disappears.",
    ),
    rule(
        "response-property-became-required",
        Breaking,
        ResponseSchema,
        "An optional response field is now required: its type changes from Option<T> to T.",
    ),
    rule(
        "response-property-became-optional",
        Breaking,
        ResponseSchema,
        "A required response field is now optional: its type changes from T to Option<T>.",
    ),
    rule("response-type-changed", Breaking, ResponseSchema, "A response value has another type (or item type)."),
    rule(
        "response-ref-changed",
        Breaking,
        ResponseSchema,
        "A response value refers to another component: its Rust type changes.",
    ),
    rule(
        "response-format-changed",
        Warning,
        ResponseSchema,
        "A response value has another format (may change the Rust type, e.g. i32 to i64).",
    ),
    rule(
        "response-enum-value-added",
        Info,
        ResponseSchema,
        "A response enum has a new value: the crate's enums are open, unknown values still decode.",
    ),
    rule(
        "response-enum-value-removed",
        Warning,
        ResponseSchema,
        "A response enum value is gone: the variant disappears from the Rust enum.",
    ),
    rule(
        "response-nullable-added",
        Breaking,
        ResponseSchema,
        "A response value is now nullable: T becomes Option<T>, and decoding null into T would fail.",
    ),
    rule(
        "response-nullable-removed",
        Breaking,
        ResponseSchema,
        "A response value is no longer nullable: Option<T> may become T.",
    ),
    rule(
        "response-member-added",
        Warning,
        ResponseSchema,
        "A oneOf/anyOf/allOf member was added to a response schema: the generated enum or struct changes.",
    ),
    rule(
        "response-member-removed",
        Warning,
        ResponseSchema,
        "A oneOf/anyOf/allOf member was removed from a response schema: the generated enum or struct changes.",
    ),
    rule(
        "response-default-changed",
        Info,
        ResponseSchema,
        "A response field's documented default changed: the crate never fills in response defaults.",
    ),
    rule(
        "response-additional-properties-changed",
        Warning,
        ResponseSchema,
        "A response object now allows or forbids other keys: it may become (or stop being) a map.",
    ),
    rule("response-deprecated", Warning, ResponseSchema, "A response field or schema is marked deprecated."),
    rule(
        "response-constraint-changed",
        Info,
        ResponseSchema,
        "A response value's bounds, length, pattern or item count changed: informative only.",
    ),
];

/// The rule named `id`. Ids are compile-time constants in this module's
/// callers, so an unknown id is a bug and panics (the rule tests catch it).
pub fn get(id: &str) -> &'static Rule {
    RULES.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("no diff rule `{id}`"))
}

/// The `--rules` listing: one rule a line.
pub fn table() -> String {
    let width = RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in RULES {
        out += &format!("{:width$}  {:8}  {:15}  {}\n", r.id, r.level.name(), r.scope.name(), r.description);
    }
    out
}
