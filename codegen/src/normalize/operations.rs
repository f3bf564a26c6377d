//! Operations: their ids, the Rust names of components, the corrections of
//! [`OVERRIDES`], the operations progenitor cannot generate, and what each
//! one does on the server.

use super::policy::{Override, INFERENCE, OVERRIDES};
use super::{Effect, Notes, SpecError, Unsupported};
use crate::spec::{esc, is_json, op_id, op_pointer, operations, walk};
use heck::{ToPascalCase, ToSnakeCase};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The name an operation without an `operationId` gets: derived from its
/// method and path alone, so adding an unrelated operation never renames it.
/// `GET /files` is `files_list`, `GET /files/{id}` `files_retrieve`,
/// `POST /fine-tunes/{id}/cancel` `fine_tunes_cancel`.
pub fn derived_operation_id(method: &str, path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let literals: Vec<&str> = segments.iter().copied().filter(|s| !s.starts_with('{')).collect();
    let ends_in_param = segments.last().is_some_and(|s| s.starts_with('{'));
    let single = segments.len() == 1;
    let verb = match method {
        "get" if ends_in_param => "retrieve",
        "get" if single => "list",
        "post" if single => "create",
        "get" | "post" => "",
        "delete" => "delete",
        "patch" => "update",
        "put" => "replace",
        other => other,
    };
    let mut name = literals.join("_").to_snake_case();
    if !verb.is_empty() {
        name = if name.is_empty() { verb.to_string() } else { format!("{name}_{verb}") };
    }
    name
}

/// Gives every operation a snake_case `operationId`, deriving missing ones
/// from method and path, and refuses duplicates.
pub(super) fn operation_ids(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let ops = operations(doc);
    // Names derived for two operations on one path differ by verb.
    let derived: Vec<String> = ops.iter().map(|(p, m)| derived_operation_id(m, p)).collect();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for (i, (path, method)) in ops.iter().enumerate() {
        let at = op_pointer(path, method);
        let original = op_id(doc, path, method);
        let id = if original.is_empty() {
            let clash = derived.iter().enumerate().any(|(j, d)| j != i && *d == derived[i]);
            match (clash, method.as_str()) {
                (true, "get") => format!("{}_list", derived[i]),
                (true, "post") => format!("{}_create", derived[i]),
                _ => derived[i].clone(),
            }
        } else {
            original.replace(['/', '.', ' '], "_").to_snake_case()
        };
        if let Some(first) = seen.insert(id.clone(), at.clone()) {
            let what = if original.is_empty() { "derived operationId" } else { "duplicate operationId" };
            return Err(SpecError {
                at,
                message: format!("{what} `{id}` (from `{original}`) is already used at {first}"),
            });
        }
        if id != original {
            notes.log("operation_ids", format!("{} {path}: `{original}` -> `{id}`", method.to_uppercase()));
            doc.pointer_mut(&at).unwrap()["operationId"] = Value::String(id);
        }
    }
    Ok(())
}

/// A PascalCase Rust identifier for any string (`"RL.Checkpoint"` is
/// `RlCheckpoint`, `"2x"` is `V2x`, `""` is `Empty`).
pub fn pascal_ident(raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let name = cleaned.to_pascal_case();
    match name.chars().next() {
        None => "Empty".into(),
        Some(c) if c.is_ascii_digit() => format!("V{name}"),
        Some(_) => name,
    }
}

/// Component names become Rust type names (`RL.CheckpointVariant` is
/// `RlCheckpointVariant`), so the name a type is generated under is known
/// here; every `$ref` follows.
pub(super) fn component_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") else { return Ok(()) };
    let mut renames = BTreeMap::new();
    let names: BTreeSet<&String> = schemas.keys().collect();
    for name in schemas.keys() {
        let rust = pascal_ident(name);
        if rust != *name && !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            if names.contains(&rust) || renames.values().any(|r| *r == rust) {
                return Err(SpecError {
                    at: format!("/components/schemas/{}", esc(name)),
                    message: format!("schema name `{name}` clashes with `{rust}` once made a Rust type name"),
                });
            }
            renames.insert(name.clone(), rust);
        }
    }
    if renames.is_empty() {
        return Ok(());
    }
    let schemas = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut).unwrap();
    let old = std::mem::take(schemas);
    for (name, schema) in old {
        schemas.insert(renames.get(&name).cloned().unwrap_or(name), schema);
    }
    let refs: BTreeMap<String, String> = renames
        .iter()
        .map(|(from, to)| (format!("#/components/schemas/{}", esc(from)), format!("#/components/schemas/{to}")))
        .collect();
    walk(doc, "", &mut |map, _| {
        if let Some(Value::String(r)) = map.get_mut("$ref") {
            if let Some(to) = refs.get(r.as_str()) {
                *r = to.clone();
            }
        }
    });
    for (from, to) in renames {
        notes.log("component_names", format!("`{from}` -> `{to}`"));
    }
    Ok(())
}

/// Applies [`OVERRIDES`]: the real response body is raw bytes.
pub(super) fn overrides(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for Override { method, path, media, why } in OVERRIDES {
        let Some(responses) = doc.pointer_mut(&format!("{}/responses", op_pointer(path, method))) else {
            continue;
        };
        let Value::Object(responses) = responses else { continue };
        for (code, resp) in responses.iter_mut().filter(|(c, _)| c.starts_with('2')) {
            resp["content"] = json!({ *media: { "schema": { "type": "string", "format": "binary" } } });
            notes.log("overrides", format!("{} {path} {code}: body is `{media}`: {why}", method.to_uppercase()));
        }
    }
    Ok(())
}

/// Removes operations progenitor cannot generate, recording each with the
/// construct that stops it.
pub(super) fn unsupported_operations(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let op = doc.pointer(&op_pointer(&path, &method)).unwrap();
        let body_types: Vec<&str> = op
            .pointer("/requestBody/content")
            .and_then(Value::as_object)
            .map(|c| c.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let responses = op.get("responses").and_then(Value::as_object);
        let reason = if body_types.iter().any(|t| t.starts_with("multipart/")) {
            Some("multipart/form-data request body".to_string())
        } else if let Some(t) = body_types.iter().find(|t| !is_json(t)) {
            Some(format!("`{t}` request body"))
        } else if responses.is_some_and(|r| r.contains_key("101")) {
            Some("WebSocket upgrade (101 response)".to_string())
        } else {
            None
        };
        if let Some(reason) = reason {
            notes.log("unsupported_operations", format!("{} {path}: {reason}", method.to_uppercase()));
            drop_operation(doc, notes, &path, &method, reason);
        }
    }
    Ok(())
}

/// Removes an operation, recording why.
fn drop_operation(doc: &mut Value, notes: &mut Notes, path: &str, method: &str, reason: String) {
    let operation_id = op_id(doc, path, method);
    if let Some(Value::Object(item)) = doc.pointer_mut(&format!("/paths/{}", esc(path))) {
        item.remove(method);
    }
    notes.unsupported.push(Unsupported { operation_id, method: method.to_uppercase(), path: path.to_string(), reason });
}

/// Classifies every operation for the retry policy: the method, and for
/// `POST` the `INFERENCE` table.
pub(super) fn retry_effects(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    for (path, method) in operations(doc) {
        let effect = match method.as_str() {
            "get" | "head" | "options" => Effect::Read,
            "post" if INFERENCE.iter().any(|i| i.path == path) => Effect::Inference,
            _ => Effect::Mutation,
        };
        let id = op_id(doc, &path, &method);
        notes.log("retry_effects", format!("{id}: {effect}"));
        notes.effects.insert(id, effect);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;

    #[test]
    fn derived_names_are_readable() {
        assert_eq!(derived_operation_id("get", "/files"), "files_list");
        assert_eq!(derived_operation_id("get", "/files/{id}"), "files_retrieve");
        assert_eq!(derived_operation_id("delete", "/files/{id}"), "files_delete");
        assert_eq!(derived_operation_id("get", "/files/{id}/content"), "files_content");
        assert_eq!(derived_operation_id("post", "/fine-tunes"), "fine_tunes_create");
        assert_eq!(derived_operation_id("post", "/fine-tunes/{id}/cancel"), "fine_tunes_cancel");
        assert_eq!(derived_operation_id("get", "/finetune/download"), "finetune_download");
        assert_eq!(derived_operation_id("post", "/images/generations"), "images_generations");
        assert_eq!(derived_operation_id("patch", "/deployments/{id}"), "deployments_update");
    }

    #[test]
    fn operation_ids_fill_snake_case_and_stay_stable() {
        let mut d = json!({ "paths": {
            "/files": { "get": {} },
            "/chat/completions": { "post": { "operationId": "chat-completions" } },
            "/tci/execute": { "post": { "operationId": "tci/execute" } },
            "/secrets": { "get": {} },
            "/deployments/secrets": { "get": {}, "post": {} },
        }});
        run(operation_ids, &mut d);
        let id = |p: &str| d.pointer(p).unwrap().as_str().unwrap().to_string();
        assert_eq!(id("/paths/~1files/get/operationId"), "files_list");
        assert_eq!(id("/paths/~1chat~1completions/post/operationId"), "chat_completions");
        assert_eq!(id("/paths/~1tci~1execute/post/operationId"), "tci_execute");
        assert_eq!(id("/paths/~1deployments~1secrets/get/operationId"), "deployments_secrets_list");
        assert_eq!(id("/paths/~1deployments~1secrets/post/operationId"), "deployments_secrets_create");
        // Adding an unrelated operation renames nothing.
        let mut more =
            json!({ "paths": { "/files": { "get": {} }, "/files/{id}": { "get": {} }, "/other": { "post": {} } } });
        run(operation_ids, &mut more);
        assert_eq!(more.pointer("/paths/~1files/get/operationId").unwrap(), "files_list");
    }

    #[test]
    fn duplicate_operation_ids_are_refused() {
        let mut d = json!({ "paths": { "/a": { "get": { "operationId": "same" } }, "/b": { "get": { "operationId": "same" } } } });
        let err = operation_ids(&mut d, &mut Notes::default()).unwrap_err();
        assert_eq!(err.at, "/paths/~1b/get");
        assert!(err.message.contains("`same`") && err.message.contains("/paths/~1a/get"), "{err}");
    }

    #[test]
    fn identifiers_from_any_string() {
        assert_eq!(pascal_ident("RL.CheckpointVariant"), "RlCheckpointVariant");
        assert_eq!(pascal_ident("meta-llama/Llama-3.3-70B"), "MetaLlamaLlama3370b");
        assert_eq!(pascal_ident("2x_h100"), "V2xH100");
        assert_eq!(pascal_ident("[DONE]"), "Done");
        assert_eq!(pascal_ident("--"), "Empty");
    }

    #[test]
    fn component_names_become_type_names() {
        let mut d = doc(json!({ "RL.Checkpoint": { "type": "object" }, "Keep_Me": {},
            "User": { "properties": { "c": { "$ref": "#/components/schemas/RL.Checkpoint" } } } }));
        run(component_names, &mut d);
        assert!(d.pointer("/components/schemas/RlCheckpoint").is_some());
        assert!(d.pointer("/components/schemas/Keep_Me").is_some());
        assert_eq!(
            d.pointer("/components/schemas/User/properties/c/$ref").unwrap(),
            "#/components/schemas/RlCheckpoint"
        );
    }

    #[test]
    fn overrides_make_bodies_binary() {
        let mut d = json!({ "paths": { "/files/{id}/content": { "get": { "responses": {
            "200": { "content": { "application/json": { "schema": { "type": "object" } } } } } } } } });
        let notes = run(overrides, &mut d);
        let content = d.pointer("/paths/~1files~1{id}~1content/get/responses/200/content").unwrap();
        assert_eq!(content.as_object().unwrap().keys().collect::<Vec<_>>(), ["application/octet-stream"]);
        assert_eq!(notes.log.len(), 1);
    }

    #[test]
    fn unsupported_operations_are_recorded() {
        let mut d = json!({ "paths": {
            "/upload": { "post": { "operationId": "upload", "requestBody": { "content": { "multipart/form-data": {} } } } },
            "/ws": { "get": { "operationId": "ws", "responses": { "101": { "description": "switch" } } } },
            "/ok": { "get": { "operationId": "ok", "responses": { "200": { "description": "ok" } } } },
        }});
        let notes = run(unsupported_operations, &mut d);
        let ids: Vec<_> = notes.unsupported.iter().map(|u| (u.operation_id.as_str(), u.reason.as_str())).collect();
        assert_eq!(ids, [("upload", "multipart/form-data request body"), ("ws", "WebSocket upgrade (101 response)")]);
        assert!(d.pointer("/paths/~1upload/post").is_none());
        assert!(d.pointer("/paths/~1ok/get").is_some());
    }

    #[test]
    fn retry_effects_come_from_method_and_the_inference_table() {
        let mut d = json!({ "paths": {
            "/chat/completions": { "post": { "operationId": "chat" } },
            "/fine-tunes": { "post": { "operationId": "ft_create" }, "get": { "operationId": "ft_list" } },
            "/files/{id}": { "delete": { "operationId": "file_delete" } },
        } });
        let notes = run(retry_effects, &mut d);
        let effects: Vec<_> = notes.effects.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(
            effects,
            [
                ("chat", Effect::Inference),
                ("file_delete", Effect::Mutation),
                ("ft_create", Effect::Mutation),
                ("ft_list", Effect::Read)
            ]
        );
        assert_eq!(
            notes.log,
            [
                "retry_effects: chat: Inference",
                "retry_effects: ft_create: Mutation",
                "retry_effects: ft_list: Read",
                "retry_effects: file_delete: Mutation"
            ]
        );
    }
}
