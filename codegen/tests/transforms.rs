//! Normalisation on whole specs: the vendored one and the upstream ones in
//! `../shared/specs` (each transform's unit tests sit beside it).

use togetherai_codegen::{normalize, spec};

use serde_json::Value;
use std::path::Path;

fn normalized(path: &Path) -> (Value, normalize::Notes) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut doc = normalize::parse(&text).unwrap();
    let notes = normalize::normalize(&mut doc).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (doc, notes)
}

/// Every place in the document where a construct progenitor misreads survives.
fn leftovers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            if map.get("type").is_some_and(|t| t.is_array() || t == "null") {
                out.push(format!("{at}: 3.1 type"));
            }
            if map.contains_key("const") {
                out.push(format!("{at}: const"));
            }
            if map.contains_key("$ref") && map.keys().any(|k| k == "nullable" || k == "default") {
                out.push(format!("{at}: $ref sibling"));
            }
            if map.get("enum").and_then(Value::as_array).is_some_and(|e| e.len() > 1 && e.iter().any(Value::is_null)) {
                out.push(format!("{at}: null in enum"));
            }
            if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                out.push(format!("{at}: closed object"));
            }
            for (k, child) in map {
                leftovers(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                leftovers(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn operation_ids(doc: &Value) -> Vec<String> {
    spec::operations(doc).iter().map(|(path, method)| spec::op_id(doc, path, method)).collect()
}

#[test]
fn vendored_spec_normalises_completely() {
    let (doc, notes) = normalized(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")));
    assert_eq!(doc["openapi"], "3.0.3");
    let ids = operation_ids(&doc);
    // Every operation of the spec as written, none left out.
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")).unwrap();
    let written = spec::operations(&normalize::parse(&text).unwrap()).len();
    assert_eq!(ids.len(), written, "{ids:?}");
    assert!(notes.unsupported.is_empty(), "{:?}", notes.unsupported);
    for expected in [
        "files_list",
        "files_retrieve",
        "files_delete",
        "files_content",
        "fine_tunes_cancel",
        "fine_tunes_create",
        "finetune_download",
        "images_generations",
        "chat_completions",
        "tci_execute",
    ] {
        assert!(ids.iter().any(|i| i == expected), "{expected} missing from {ids:?}");
    }
    assert!(ids.iter().all(|i| i.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')), "{ids:?}");
    let mut streams: Vec<_> =
        notes.streams.iter().map(|s| (s.operation_id.as_str(), s.data_schema.as_deref().unwrap_or("?"))).collect();
    streams.sort();
    assert_eq!(
        streams,
        [
            ("audio_speech", "AudioSpeechStreamChunk"),
            ("chat_completions", "ChatCompletionChunk"),
            ("completions_create", "CompletionChunk"),
        ]
    );
    for name in ["FinishReason", "FinetuneEventLevels", "CompletionRequestModel", "AudioSpeechRequestModel"] {
        assert!(notes.open_enums.contains_key(name), "{name} is not open: {:?}", notes.open_enums.keys());
    }
    let mut found = Vec::new();
    leftovers(&doc, "", &mut found);
    assert!(found.is_empty(), "{found:#?}");
    // Every schema patch for the vendored spec changes it: none is stale.
    assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    for patch in normalize::PATCHES.iter().filter(|p| !matches!(p.specs, normalize::Specs::Until(_))) {
        let applied = notes.log.iter().any(|l| {
            l.starts_with(&format!("schema_patches: {}: ", patch.at)) && !l.ends_with("already as the patch wants")
        });
        assert!(applied, "{} changes nothing", patch.at);
    }
    // Response integers are wide, request ones stay as they are.
    let wide = |p: &str| doc.pointer(p).unwrap()["format"] == normalize::WIDE_INTEGER;
    assert!(wide("/components/schemas/ChatCompletionChoicesData/items/properties/seed"));
    assert!(wide("/components/schemas/UsageData/properties/total_tokens"));
    assert!(!wide("/components/schemas/ChatCompletionRequest/properties/seed"));
    // Every change is logged, with the transform's name.
    assert!(notes.log.iter().all(|l| normalize::TRANSFORMS.iter().any(|t| l.starts_with(&format!("{}: ", t.name)))));
}

/// The upstream specs in `../shared/specs`, when present.
#[test]
fn upstream_specs_normalise_generate_and_account_for_every_operation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs");
    if !dir.is_dir() {
        println!("skipped: {} is absent (CI provides it)", dir.display());
        return;
    }
    // Per spec: the operations left out, and the schema patches that no
    // longer apply (upstream fixed what they correct).
    // Nothing: forms are generated (`multipart_bodies`), WebSocket sessions
    // too (`websocket_operations`).
    // (Entries kept for older specs or made for newer ones are logged where their place is gone.)
    let expected: &[(&str, &[&str], &[&str])] = &[
        ("together-2025-04-28.yaml", &[], &[]),
        ("together-2025-12-23.yaml", &[], &[]),
        ("together-2026-04-28.yaml", &[], &[]),
    ];
    for (file, unsupported, stale) in expected {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        let original = normalize::parse(&text).unwrap();
        let (doc, notes) = normalized(&dir.join(file));
        let mut left: Vec<_> = notes.unsupported.iter().map(|u| u.operation_id.as_str()).collect();
        left.sort();
        assert_eq!(left, *unsupported, "{file}");
        assert_eq!(notes.warnings.len(), stale.len(), "{file}: {:?}", notes.warnings);
        for (warning, pointer) in notes.warnings.iter().zip(*stale) {
            assert!(warning.contains(&format!("`{pointer}` no longer applies")), "{file}: {warning}");
        }
        // The sessions are the spec's `101` operations.
        let sessions = spec::operations(&original)
            .iter()
            .filter(|(p, m)| original.pointer(&spec::op_pointer(p, m)).is_some_and(spec::is_websocket))
            .count();
        let marked = spec::operations(&doc)
            .iter()
            .filter(|(p, m)| doc.pointer(&spec::op_pointer(p, m)).unwrap()["x-togetherai-websocket"] == true)
            .count();
        assert_eq!((marked, sessions), (sessions, if file.contains("2025-04") { 0 } else { 2 }), "{file}");
        // Nothing vanishes: generated plus unsupported is every operation.
        let total = spec::operations(&original).len();
        assert_eq!(operation_ids(&doc).len() + left.len(), total, "{file}");
        let mut found = Vec::new();
        leftovers(&doc, "", &mut found);
        assert!(found.is_empty(), "{file}: {found:#?}");
        // And every pass finds what it must in the code progenitor writes for it.
        togetherai_codegen::run_file(&dir.join(file), false).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

/// The lenient fixture: each construct read one obvious way is a warning
/// naming its place (and the crate builds from it: CI builds every fixture).
#[test]
fn the_lenient_fixture_warns_naming_each_place() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lenient.yaml");
    let output = togetherai_codegen::run_file(&path, true).unwrap();
    let warnings: Vec<&String> = output.notes.warnings.iter().filter(|w| !w.starts_with("schema patch")).collect();
    let expected = [
        "`/paths/~1sessions/GET/description` is empty (null): read as absent",
        "`/components/schemas/Event/properties/detail` is empty (null): read as an empty mapping",
        "`/components/schemas/Empty/properties` is an empty list where a mapping belongs: read as an empty mapping",
        "`/info/version` is a number: read as the text `1`",
        "`/paths/sessions~1{id}`: the path `sessions/{id}` does not start with `/`: read as `/sessions/{id}`",
        "`/paths/~1sessions/GET`: the method `GET` read as `get`",
        "`/definitions` (Swagger 2) read as `/components/schemas`",
        "`/paths/~1sessions/get/responses/200/schema`: `$ref` `#/definitions/SessionList` (Swagger 2) read as `#/components/schemas/SessionList`",
        "`/paths/~1sessions/get/responses/200/schema` (Swagger 2) read as the response's `content` in `application/json`",
        "`/paths/~1sessions/get/parameters/0`: `type`, `format`, `default`, `minimum` on the parameter itself (Swagger 2) read as its `schema`",
        "`/paths/~1sessions/get/parameters/1`: `type`, `enum` on the parameter itself (Swagger 2) read as its `schema`",
        "`/paths/~1sessions/get/parameters/2`: `type`, `items` on the parameter itself (Swagger 2) read as its `schema`",
        "`/paths/~1sessions/get/parameters/3` has neither `schema` nor `content`: read as a string",
        "`/paths/~1sessions/get/parameters/1/in`: `Query` read as `query`",
        "`/paths/~1sessions/get/parameters/2`: `collectionFormat: csv` (Swagger 2) read as its style",
        "`/paths/~1sessions/post/parameters/0`: an `in: body` parameter (Swagger 2) read as the request body, in `application/json`",
        "`/components/schemas/Session/properties/owner`: `$ref` `#/components/schemas/Owner` points nowhere: read as any JSON value",
        "`/paths/~1sessions~1{id}:stop/post/parameters/1`: the path parameter `reason` is not in the template `/sessions/{id}:stop`: left out",
        "`/paths/~1legacy/get/parameters/0`: the path parameter `id` is not in the template `/legacy`: left out",
        "`/paths/~1sessions~1{id}:stop/post/parameters/0`: the path parameter `id` is not `required`: read as required (path parameters always are)",
        "`/paths/~1sessions~1{id}/get`: `{id}` in the template is not declared: read as a string path parameter",
        "`/paths/~1sessions~1{id}~1events/get/parameters/2`: the query parameter `since` is declared twice: the first is kept",
        "`/paths/~1sessions~1{id}/delete` has no `responses`: read as one answer of unknown content",
        "`/paths/~1sessions/post/responses/201` has no `description`: read as empty",
        "`/paths/~1sessions~1{id}:stop/post/responses/200/content/application~1json/encoding` applies only to multipart and form request bodies: left out",
        "`/paths/~1sessions~1{id}/get/responses/200/content/application~1json` has no `schema`: read as any JSON value",
        "`/paths/~1sessions~1{id}~1events/get/responses/200/headers/x-next-page` has neither `schema` nor `content`: read as a string",
        "`/components/schemas/NewSession/properties/name/required` is `true` on the property itself (draft 3): read into the object's `required`",
        "`/components/schemas/NewSession/properties/secret` is `false`: the property can never be present, left out",
        "`/components/schemas/NewSession/properties/name/type`: `str` read as `string`",
        "`/components/schemas/Session/properties/payload/type`: `unknown` is not a JSON Schema type: read as any JSON value",
        "`/components/schemas/SessionList/properties/total/type`: `Integer` read as `integer`",
        "`/components/schemas/NewSession/properties/budget/allOf` is empty: left out",
        "`/components/schemas/NewSession/properties/mode/enum`: 1 is not of type string: read as \"1\"",
        "`/components/schemas/NewSession/properties/mode/enum`: \"fast\" is listed twice: read once",
        "`/components/schemas/NewSession/properties/priority/enum` is empty, which no value matches: read as no value list",
        "`/components/schemas/Session/properties/note/not` cannot be generated: the constraint is not checked",
        "`/components/schemas/SessionList/required` is the string `data`: read as `[data]`",
        "`/components/schemas/SessionList/properties/data/items` is a list (draft 4 tuple): read as one schema for every item",
        "`/components/schemas/SessionList/properties/total/x-nullable` (Swagger 2) read as `nullable`",
        "`/components/schemas/Session/properties/score/allOf` members have conflicting types (integer, string): no value is all of them; read as any JSON value",
        "`/components/schemas/thing`: the schema name `thing` is `Thing` as a Rust type, as another schema is: read as `Thing2`",
        "`/paths/~1sessions/get/parameters/4`: the cookie parameter `session` (progenitor sends no cookies): the optional parameter is left out of `sessions_list`",
        "`/paths/~1sessions~1{id}~1events/get/parameters/2`: the query parameter `filter` is an object, which progenitor cannot send: the optional parameter is left out of `sessions_events`",
    ];
    for w in expected {
        assert!(warnings.iter().any(|have| *have == w), "missing warning: {w}\nhave: {warnings:#?}");
    }
    // Every warning names its place.
    assert!(warnings.iter().all(|w| w.starts_with("`/")), "{warnings:#?}");
    // Valid constructs progenitor reads otherwise are logged, not warned about.
    for logged in [
        "check_refs: /components/schemas/Session/properties/started: `$ref` `#/components/schemas/Event/properties/at` to a schema that is not a component: copied in",
        "check_refs: /components/schemas/Session/properties/kind: `$ref` `#/components/schemas/session%20kind` read as `#/components/schemas/session kind`",
        "check_refs: /paths/~1legacy: `$ref` `#/paths/~1sessions~1{id}~1events` copied in, as progenitor reads only direct component references",
        "json_media_types: /paths/~1sessions/post/responses/201: `application/problem+json` read as `application/json`",
        "json_media_types: /paths/~1sessions~1{id}~1events/get/responses/200: `application/json; charset=utf-8` read as `application/json`",
    ] {
        assert!(output.notes.log.iter().any(|l| l == logged), "not logged: {logged}");
    }
    // What progenitor fails on is left out, with its message, and nothing else.
    let left: Vec<_> = output.notes.unsupported.iter().map(|u| (u.operation_id.as_str(), u.reason.as_str())).collect();
    assert_eq!(
        left,
        [(
            "search_list",
            "progenitor cannot generate it: progenitor: unexpected or unhandled format in the OpenAPI document unsupported style of query parameter DeepObject"
        )]
    );
    assert!(output.notes.log.iter().any(|l| l == "string_patterns: /components/schemas/Code: pattern moved to docs"));
    // A parameter named `request`: progenitor's request is `_request`, and that is what is sent.
    assert!(
        output.code.contains("send_json(\n                    client,\n                    _request,"),
        "{}",
        output.code
    );
    // The custom method is the literal path, the parameter put in.
    assert!(output.code.contains(r#""{}/sessions/{}:stop", client.baseurl, encode_path(& id.to_string()),"#));
    // The mock serves the spec as read: Swagger 2 parameters with their schema, no `type: unknown`.
    let mock: serde_json::Value = serde_json::from_str(&output.mock_spec.unwrap()).unwrap();
    let spec = &mock["spec"];
    assert_eq!(spec.pointer("/paths/~1sessions/get/parameters/0/schema/type").unwrap(), "integer");
    assert_eq!(spec.pointer("/components/schemas/Session/properties/payload").unwrap(), &serde_json::json!({}));
    assert!(spec.pointer("/paths/~1sessions/post/requestBody").is_some());
}
