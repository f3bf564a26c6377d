//! Generates the client from the OpenAPI spec (`spec/openapi.yaml`, or the
//! file `TOGETHERAI_SPEC` names) into `OUT_DIR`, with the `togetherai-codegen`
//! crate (see ARCHITECTURE.md).

use std::path::PathBuf;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-env-changed=TOGETHERAI_SPEC");
    let spec = env::var_os("TOGETHERAI_SPEC").map_or_else(|| PathBuf::from("spec/openapi.yaml"), PathBuf::from);
    println!("cargo:rerun-if-changed={}", spec.display());
    // Tests that use the bundled spec's types are left out of a build from
    // another spec (`tests/suite/main.rs`).
    println!("cargo:rustc-check-cfg=cfg(togetherai_other_spec)");
    let bundled = |p: &std::path::Path| p.canonicalize().ok() == PathBuf::from("spec/openapi.yaml").canonicalize().ok();
    if !bundled(&spec) {
        println!("cargo:rustc-cfg=togetherai_other_spec");
    }
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let output = togetherai_codegen::run_file(&spec, env::var_os("CARGO_FEATURE_MOCK").is_some())
        .unwrap_or_else(|e| fail(&format!("togetherai cannot generate its client: {e}")));
    for line in &output.notes.log {
        println!("normalize: {line}");
    }
    // `#[cfg(togetherai_alias = "ChatMessage")]` holds when that name of
    // `policy::NAMES` is an alias of a component of this spec (for
    // `ChatMessage`: the spec's union of typed messages, tool messages among
    // them), for code that needs the component's shape.
    println!("cargo:rustc-check-cfg=cfg(togetherai_alias, values(any()))");
    for alias in output.notes.aliases.keys() {
        println!("cargo:rustc-cfg=togetherai_alias=\"{alias}\"");
    }
    // `#[cfg(togetherai_operation = "files_upload")]` holds when this spec
    // has that operation and it is generated: tests and examples of
    // operations only some specs have.
    println!("cargo:rustc-check-cfg=cfg(togetherai_operation, values(any()))");
    for id in output.notes.effects.keys() {
        println!("cargo:rustc-cfg=togetherai_operation=\"{id}\"");
    }
    for warning in &output.notes.warnings {
        println!("cargo:warning=togetherai: {warning}");
    }
    for u in &output.notes.unsupported {
        let (id, method, path, reason) = (&u.operation_id, &u.method, &u.path, &u.reason);
        println!("cargo:warning=togetherai: operation `{id}` ({method} {path}) is not generated: {reason}");
    }
    let write = |name: &str, text: &str| {
        fs::write(out.join(name), text).unwrap_or_else(|e| fail(&format!("cannot write {name}: {e}")))
    };
    write("generated.rs", &output.code);
    write("normalize.log", &output.notes.log.join("\n"));
    let passes: Vec<String> = output.passes.iter().map(|(name, sites)| format!("{name}: {sites}")).collect();
    write("generate.log", &passes.join("\n"));
    if let Some(mock) = &output.mock_spec {
        write("mock_spec.json", mock);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}
