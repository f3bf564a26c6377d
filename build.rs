//! Generates the client from the OpenAPI spec at build time: parse, normalise
//! (`build/normalize.rs`), generate with progenitor and post-process
//! (`build/generate.rs`), format with prettyplease, write into `OUT_DIR`.

#[path = "build/generate.rs"]
mod generate;
#[path = "build/normalize.rs"]
mod normalize;

use std::path::{Path, PathBuf};
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-env-changed=TOGETHERAI_SPEC");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build");
    let spec = env::var_os("TOGETHERAI_SPEC").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("spec/openapi.yaml"));
    println!("cargo:rerun-if-changed={}", spec.display());
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(e) = run(&spec, &out) {
        eprintln!("error: togetherai cannot generate its client from {}: {e}", spec.display());
        process::exit(1);
    }
}

fn run(spec: &Path, out: &Path) -> Result<(), String> {
    let started = std::time::Instant::now();
    let text = fs::read_to_string(spec).map_err(|e| format!("cannot read the spec: {e}"))?;
    let mut doc = normalize::parse(&text).map_err(|e| e.to_string())?;
    // The mock serves the spec as written; taken before normalising changes it.
    let raw = env::var_os("CARGO_FEATURE_MOCK").is_some().then(|| doc.to_string());
    let notes = normalize::normalize(&mut doc).map_err(|e| e.to_string())?;
    if let Some(raw) = raw {
        write_mock_spec(&raw, &doc, &notes, out)?;
    }
    for line in &notes.log {
        println!("normalize: {line}");
    }
    for warning in &notes.warnings {
        println!("cargo:warning=togetherai: {warning}");
    }
    for u in &notes.unsupported {
        println!(
            "cargo:warning=togetherai: operation `{}` ({} {}) is not generated: {}",
            u.operation_id, u.method, u.path, u.reason
        );
    }
    let code = generate::generate(doc, &notes)?;
    fs::write(out.join("generated.rs"), code).map_err(|e| format!("cannot write the client: {e}"))?;
    fs::write(out.join("normalize.log"), notes.log.join("\n")).map_err(|e| format!("cannot write the log: {e}"))?;
    println!("build.rs took {} ms", started.elapsed().as_millis());
    Ok(())
}

/// For the `mock` feature: the parsed, un-normalised spec, with every
/// operation's id as the client derives it and the OVERRIDES table, as
/// `OUT_DIR/mock_spec.json` (`{"spec", "operations": [{"id","method","path"}], "overrides"}`).
/// `OUT_DIR/mock_spec.json` for the `mock` feature: the spec as written, each
/// operation with the id the client gives it (the normalised document's, and
/// those of the operations it leaves out), and the overrides table.
fn write_mock_spec(raw: &str, doc: &serde_json::Value, notes: &normalize::Notes, out: &Path) -> Result<(), String> {
    let mut operations = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(serde_json::Value::as_object) {
        for (path, item) in paths {
            for method in normalize::METHODS {
                if let Some(id) = item.get(*method).and_then(|op| op.get("operationId")) {
                    operations.push(serde_json::json!({ "id": id, "method": method, "path": path }));
                }
            }
        }
    }
    for u in &notes.unsupported {
        operations.push(serde_json::json!({ "id": u.operation_id, "method": u.method.to_lowercase(), "path": u.path }));
    }
    let overrides: Vec<_> = normalize::OVERRIDES
        .iter()
        .map(|(m, p, media, _)| serde_json::json!({ "method": m, "path": p, "media": media }))
        .collect();
    let (operations, overrides) = (serde_json::Value::from(operations), serde_json::Value::from(overrides));
    let all = format!(r#"{{"spec":{raw},"operations":{operations},"overrides":{overrides}}}"#);
    fs::write(out.join("mock_spec.json"), all).map_err(|e| format!("cannot write the mock spec: {e}"))
}
