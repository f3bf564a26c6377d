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
