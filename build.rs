//! Puts the client into `OUT_DIR`. By default it is the one generated from
//! the vendored spec and committed under `generated/` (kept current by
//! `cargo xtask generate --check`), so a build needs no generator. With the
//! `codegen` feature it is generated here, from `spec/openapi.yaml` or the
//! file `TOGETHERAI_SPEC` names, by the `togetherai-codegen` crate (see
//! ARCHITECTURE.md).

use std::path::{Path, PathBuf};
use std::{env, fs, process};

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

/// The committed output for the vendored spec, copied.
#[cfg(not(feature = "codegen"))]
fn committed(out: &Path) {
    if let Some(spec) = env::var_os("TOGETHERAI_SPEC") {
        fail(&format!(
            "TOGETHERAI_SPEC is set ({}), but generating the client from a spec needs the crate's \
             `codegen` feature: togetherai = {{ version = \"...\", features = [\"codegen\"] }} \
             (or `--features codegen`)",
            Path::new(&spec).display()
        ));
    }
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

/// The client generated from the spec.
#[cfg(feature = "codegen")]
fn generate(out: &Path) {
    let spec = env::var_os("TOGETHERAI_SPEC").map_or_else(|| PathBuf::from("spec/openapi.yaml"), PathBuf::from);
    println!("cargo:rerun-if-changed={}", spec.display());
    let bundled = |p: &Path| p.canonicalize().ok() == Path::new("spec/openapi.yaml").canonicalize().ok();
    if !bundled(&spec) {
        println!("cargo:rustc-cfg=togetherai_other_spec");
    }
    let output = togetherai_codegen::run_file(&spec, env::var_os("CARGO_FEATURE_MOCK").is_some())
        .unwrap_or_else(|e| fail(&format!("togetherai cannot generate its client: {e}")));
    for line in &output.notes.log {
        println!("normalize: {line}");
    }
    print!("{}", togetherai_codegen::cargo_directives(&output.notes));
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
