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
    if env::var_os("CARGO_FEATURE_MOCK").is_some() {
        write_mock_spec(&doc, out)?;
    }
    let notes = normalize::normalize(&mut doc).map_err(|e| e.to_string())?;
    for line in &notes.log {
        println!("normalize: {line}");
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
fn write_mock_spec(doc: &serde_json::Value, out: &Path) -> Result<(), String> {
    let mut ids = doc.clone();
    normalize::TRANSFORMS
        .iter()
        .find(|t| t.name == "operation_ids")
        .map(|t| (t.run)(&mut ids, &mut normalize::Notes::default()))
        .transpose()
        .map_err(|e| e.to_string())?;
    let mut operations = Vec::new();
    if let Some(paths) = ids.get("paths").and_then(serde_json::Value::as_object) {
        for (path, item) in paths {
            for method in normalize::METHODS {
                if let Some(op) = item.get(*method) {
                    let id = op.get("operationId").and_then(serde_json::Value::as_str).map(str::to_string);
                    let id = id.unwrap_or_else(|| normalize::derived_operation_id(method, path));
                    operations.push(serde_json::json!({ "id": id, "method": method, "path": path }));
                }
            }
        }
    }
    let overrides: Vec<_> = normalize::OVERRIDES
        .iter()
        .map(|(m, p, media, _)| serde_json::json!({ "method": m, "path": p, "media": media }))
        .collect();
    let all = serde_json::json!({ "spec": doc, "operations": operations, "overrides": overrides });
    fs::write(out.join("mock_spec.json"), all.to_string()).map_err(|e| format!("cannot write the mock spec: {e}"))
}
