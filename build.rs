//! Puts the client into `OUT_DIR`.
//!
//! By default (the `codegen` feature) it is generated here, on every build
//! whose inputs changed, from `spec/openapi.yaml` or the file
//! `TOGETHERAI_SPEC` names, by the `togetherai-codegen` crate (see
//! ARCHITECTURE.md): drop in a spec and the crate is that spec's client.
//!
//! Without `codegen` (`default-features = false` and a TLS feature) it is
//! the client generated from the vendored spec and committed under
//! `generated/` (kept current by `cargo xtask generate --check`), copied,
//! so the build compiles and runs no generator. That fast path first checks
//! that `spec/openapi.yaml` is the spec `generated/` was made from (its
//! SHA-256, `generated/spec.sha256`, by `togetherai-spec-digest`), and
//! fails naming both ways out when it is not: a changed spec is used or
//! refused, never silently ignored.

use std::path::{Path, PathBuf};
use std::{env, fs, process};

/// The vendored spec.
const SPEC: &str = "spec/openapi.yaml";

fn main() {
    println!("cargo:rerun-if-env-changed=TOGETHERAI_SPEC");
    // Tests that use the bundled spec's types are left out of a build from
    // another spec (`tests/suite/main.rs`).
    println!("cargo:rustc-check-cfg=cfg(togetherai_other_spec)");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    #[cfg(feature = "codegen")]
    generate(&out);
    #[cfg(not(feature = "codegen"))]
    committed(&out);
}

/// The committed output for the vendored spec, copied once the spec is
/// known to be the one it was generated from.
#[cfg(not(feature = "codegen"))]
fn committed(out: &Path) {
    if let Some(spec) = env::var_os("TOGETHERAI_SPEC") {
        fail(&format!(
            "TOGETHERAI_SPEC is set ({}), but this build uses the client committed for the vendored spec \
             (`default-features = false` leaves out the `codegen` feature). Generating from a spec needs \
             `codegen`: keep the default features, or add it: togetherai = {{ version = \"...\", \
             default-features = false, features = [\"rustls\", \"codegen\"] }}",
            Path::new(&spec).display()
        ));
    }
    check_spec_digest();
    for (from, to) in [("client.rs", "generated.rs"), ("mock_spec.json", "mock_spec.json")] {
        let from = Path::new("generated").join(from);
        println!("cargo:rerun-if-changed={}", from.display());
        fs::copy(&from, out.join(to)).unwrap_or_else(|e| fail(&format!("cannot copy {}: {e}", from.display())));
    }
    println!("cargo:rerun-if-changed=generated/cargo.txt");
    let directives = fs::read_to_string("generated/cargo.txt")
        .unwrap_or_else(|e| fail(&format!("cannot read generated/cargo.txt: {e}")));
    print!("{directives}");
}

/// Fails the build unless `spec/openapi.yaml` is the spec whose SHA-256
/// `generated/spec.sha256` records.
#[cfg(not(feature = "codegen"))]
fn check_spec_digest() {
    const RECORD: &str = "generated/spec.sha256";
    println!("cargo:rerun-if-changed={SPEC}");
    println!("cargo:rerun-if-changed={RECORD}");
    let spec = fs::read(SPEC).unwrap_or_else(|e| fail(&format!("cannot read {SPEC}: {e}")));
    let record = fs::read_to_string(RECORD).unwrap_or_else(|e| fail(&format!("cannot read {RECORD}: {e}")));
    let recorded = togetherai_spec_digest::recorded(&record)
        .unwrap_or_else(|| fail(&format!("{RECORD} holds no SHA-256 (it is a line of `sha256sum`)")));
    let actual = togetherai_spec_digest::sha256_hex(&spec);
    if actual != recorded {
        fail(&format!(
            "{SPEC} is not the spec the committed client in generated/ was generated from: its SHA-256 is \
             {actual}, {RECORD} records {recorded}. This build (without the `codegen` feature) would compile \
             the old spec's client, so it stops. Either generate the client from the new spec at build time \
             with the `codegen` feature (a default feature: drop `default-features = false`, or add \
             `features = [\"codegen\"]`), or regenerate generated/ from it with `cargo xtask update-spec \
             {SPEC}` (in the crate's repository)."
        ));
    }
}

/// The client generated from the spec.
#[cfg(feature = "codegen")]
fn generate(out: &Path) {
    let spec = env::var_os("TOGETHERAI_SPEC").map_or_else(|| PathBuf::from(SPEC), PathBuf::from);
    // The spec is all the generation reads besides the generator itself,
    // whose changes cargo tracks as a build dependency's.
    println!("cargo:rerun-if-changed={}", spec.display());
    let bundled = |p: &Path| p.canonicalize().ok() == Path::new(SPEC).canonicalize().ok();
    if !bundled(&spec) {
        println!("cargo:rustc-cfg=togetherai_other_spec");
    }
    let started = std::time::Instant::now();
    let output = togetherai_codegen::run_file(&spec, env::var_os("CARGO_FEATURE_MOCK").is_some())
        .unwrap_or_else(|e| fail(&format!("togetherai cannot generate its client: {e}")));
    let took = started.elapsed();
    for line in &output.notes.log {
        println!("normalize: {line}");
    }
    print!("{}", togetherai_codegen::cargo_directives(&output.notes));
    let write = |name: &str, text: &str| {
        fs::write(out.join(name), text).unwrap_or_else(|e| fail(&format!("cannot write {name}: {e}")))
    };
    write("generated.rs", &output.code);
    write("normalize.log", &output.notes.log.join("\n"));
    // How long generating took (`cargo xtask build-cost` reads it), then each pass and its sites.
    let mut log = vec![format!("generated in {} ms", took.as_millis())];
    log.extend(output.passes.iter().map(|(name, sites)| format!("{name}: {sites}")));
    write("generate.log", &log.join("\n"));
    if let Some(mock) = &output.mock_spec {
        write("mock_spec.json", mock);
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}
