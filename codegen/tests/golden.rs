//! The committed outputs under `codegen/tests/golden/` are current: the
//! generated code of each fixture spec and the crate's public API listing.

use togetherai_codegen::golden::{first_difference, workspace_root, GOLDEN};

#[test]
fn golden_files_are_current() {
    let root = workspace_root();
    let mut stale = Vec::new();
    for golden in GOLDEN {
        if let Some(want) = golden.stale(&root).unwrap() {
            let have = std::fs::read_to_string(root.join(golden.file)).unwrap_or_default();
            stale.push(format!("{}: {}", golden.file, first_difference(&have, &want)));
        }
    }
    assert!(
        stale.is_empty(),
        "stale golden files (run `cargo xtask generate --bless` and review the diff):\n{}",
        stale.join("\n")
    );
}

/// What the 2025-12 spec changes for users, from the listing's extractor
/// (when `../shared/specs` is present).
#[test]
fn the_shared_specs_api_change() {
    use togetherai_codegen::api::{diff, extract};
    let specs = workspace_root().join("../shared/specs");
    if !specs.is_dir() {
        println!("skipped: {} is absent (CI provides it)", specs.display());
        return;
    }
    let api = |name: &str| extract(&togetherai_codegen::run_file(&specs.join(name), false).unwrap().code).unwrap();
    let d = diff(&api("together-2025-04-28.yaml"), &api("together-2025-12-23.yaml"));
    let rate = d.changed.iter().find(|(item, ..)| item == "field types::AudioSpeechRequest.sample_rate");
    assert_eq!(rate.map(|(_, o, n)| (o.as_str(), n.as_str())), Some(("Option<f64>", "Option<i64>")));
    let voice = d.changed.iter().find(|(item, ..)| item == "field types::AudioSpeechRequest.voice");
    assert_eq!(voice.map(|(_, o, n)| (o.as_str(), n.as_str())), Some(("AudioSpeechRequestVoice", "String")));
    assert!(d.added.contains(&"struct types::AudioTranscriptionRequest".to_string()));
    assert!(d.removed.contains(&"enum types::AudioSpeechRequestVoice".to_string()));
    assert_eq!(d.next_version("0.1.0").1, "breaking");
}
