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
            ("completions", "CompletionChunk"),
        ]
    );
    for name in ["FinishReason", "FinetuneEventLevels", "ChatCompletionRequestModel", "AudioSpeechRequestVoice"] {
        assert!(notes.open_enums.contains_key(name), "{name} is not open: {:?}", notes.open_enums.keys());
    }
    let mut found = Vec::new();
    leftovers(&doc, "", &mut found);
    assert!(found.is_empty(), "{found:#?}");
    // Every schema patch changes the vendored spec: none is stale.
    assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    for patch in normalize::PATCHES {
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
    let later =
        ["audio_transcriptions", "audio_translations", "files_upload", "realtime_transcription", "realtime_tts"];
    let object = "/components/schemas/CompletionResponse/properties/object/enum/0";
    let expected: &[(&str, &[&str], &[&str])] = &[
        ("together-2025-04-28.yaml", &[], &[]),
        ("together-2025-12-23.yaml", &later, &[]),
        ("together-2026-04-28.yaml", &later, &[object]),
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
