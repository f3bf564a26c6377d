//! What the transforms' unit tests share.

use super::{Notes, SpecError};
use serde_json::{json, Value};

/// A 3.1 document with these components and no operations.
pub(super) fn doc(schemas: Value) -> Value {
    json!({ "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "components": { "schemas": schemas } })
}

/// Runs one transform on `d` with fresh notes, which it returns.
pub(super) fn run(t: fn(&mut Value, &mut Notes) -> Result<(), SpecError>, d: &mut Value) -> Notes {
    let mut notes = Notes::default();
    t(d, &mut notes).unwrap();
    notes
}

/// An operation answering `Resp` and taking `Req`, with these components.
pub(super) fn request_and_response(schemas: Value) -> Value {
    json!({ "paths": { "/a": { "post": { "operationId": "a",
        "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Req" } } } },
        "responses": {
            "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Resp" } } } },
            "400": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } },
        } } } },
        "components": { "schemas": schemas } })
}
