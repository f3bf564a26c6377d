//! `cargo xtask update-spec PATH`: the drop-in workflow in one command.
//! Diff the current spec against PATH, generate both, replace
//! `spec/openapi.yaml` and the client committed from it (`generated/`),
//! `cargo check`, and report what changed for users of
//! the crate with a version suggestion, then `conform` the new spec against
//! Prism and report its summary. A failed check restores the old spec and
//! its client.

use crate::{codegen, conform, diff};
use std::path::Path;
use std::process::Command;
use togetherai_codegen::api;

pub fn command(args: &[String]) -> Result<u8, String> {
    let [path] = args else { return Err("usage: cargo xtask update-spec PATH".into()) };
    let root = codegen::root();
    update(&root, Path::new(path), cargo_check, conform_static)
}

/// `cargo xtask conform` on the new spec, static mode: its summary line.
fn conform_static(root: &Path) -> Result<(bool, String), String> {
    let spec = root.join("spec/openapi.yaml");
    let runs = conform::conform(root, &spec, None)?;
    Ok((runs.iter().all(|r| r.passed), conform::summary(&spec, &runs)))
}

/// `cargo check --lib` of the crate on its fast path (the client just
/// committed under `generated/`, its spec's SHA-256 checked); the
/// failure's last lines.
fn cargo_check(root: &Path) -> Result<(), String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--lib", "--quiet", "-p", "togetherai", "--no-default-features", "--features", "rustls"])
        .env_remove("TOGETHERAI_SPEC")
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let tail: Vec<&str> = stderr.lines().rev().take(30).collect();
    Err(tail.into_iter().rev().collect::<Vec<_>>().join("\n"))
}

/// The workflow, with the check and the conformance run passed in (tests
/// use fakes). A conformance failure keeps the new spec and exits 1.
pub fn update(
    root: &Path,
    new_spec: &Path,
    check: impl Fn(&Path) -> Result<(), String>,
    conform: impl Fn(&Path) -> Result<(bool, String), String>,
) -> Result<u8, String> {
    let current = root.join("spec/openapi.yaml");
    let old_text = std::fs::read_to_string(&current).map_err(|e| format!("cannot read {}: {e}", current.display()))?;
    let new_text = std::fs::read_to_string(new_spec).map_err(|e| format!("cannot read {}: {e}", new_spec.display()))?;

    let old_doc = diff::load(&current.to_string_lossy())?;
    let new_doc = diff::load(&new_spec.to_string_lossy())?;
    println!("{}", diff::diff(&old_doc, &new_doc).render(diff::Format::Text));

    let old_api = api::extract(&codegen::generate_code(&current)?)?;
    let new_api =
        api::extract(&codegen::generate_code(new_spec).map_err(|e| format!("the new spec does not generate: {e}"))?)?;
    let changes = api::diff(&old_api, &new_api);

    std::fs::write(&current, &new_text).map_err(|e| format!("cannot write {}: {e}", current.display()))?;
    let committed = write_committed(root)?;
    if let Err(failure) = check(root) {
        std::fs::write(&current, &old_text).map_err(|e| format!("cannot restore {}: {e}", current.display()))?;
        for (path, old) in committed {
            std::fs::write(&path, old).map_err(|e| format!("cannot restore {}: {e}", path.display()))?;
        }
        eprintln!("cargo check failed with the new spec; spec/openapi.yaml and generated/ are restored.\n{failure}");
        return Ok(1);
    }
    println!("spec/openapi.yaml replaced by {}; cargo check passed.\n", new_spec.display());
    print!("{}", changes.render(40));
    let version = crate_version(root)?;
    let (next, why) = changes.next_version(&version);
    println!("\nsuggested version: {version} -> {next} ({why})");
    match conform(root) {
        Ok((passed, summary)) => {
            println!("\n{summary}");
            Ok(if passed { 0 } else { 1 })
        }
        Err(e) => {
            println!("\nconform could not run on the new spec: {e}");
            Ok(1)
        }
    }
}

/// Rewrites what the crate builds from without its `codegen` feature (the
/// client, mock spec, directives and SHA-256 of `spec/openapi.yaml`, under
/// `generated/`); each file with what it held before.
fn write_committed(root: &Path) -> Result<Vec<(std::path::PathBuf, String)>, String> {
    use togetherai_codegen::golden::{Source, GOLDEN};
    let mut before = Vec::new();
    for golden in GOLDEN.iter().filter(|g| matches!(g.source, Source::Build { .. })) {
        let path = root.join(golden.file);
        let text = golden.render(root).map_err(|e| format!("cannot generate {}: {e}", golden.file))?;
        before.push((path.clone(), std::fs::read_to_string(&path).unwrap_or_default()));
        std::fs::create_dir_all(path.parent().expect("a file under the root")).map_err(|e| e.to_string())?;
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(before)
}

fn crate_version(root: &Path) -> Result<String, String> {
    let manifest =
        std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')))
        .map(str::to_owned)
        .ok_or_else(|| "no version in Cargo.toml".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch copy of the files `update` touches.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-update-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("spec")).unwrap();
        std::fs::copy(codegen::root().join("spec/openapi.yaml"), dir.join("spec/openapi.yaml")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\nversion = \"0.1.0\"\n").unwrap();
        dir
    }

    fn fixture() -> std::path::PathBuf {
        codegen::root().join("codegen/tests/fixtures/streams.yaml")
    }

    #[test]
    fn a_failed_check_restores_the_old_spec() {
        let dir = scratch("fail");
        let before = std::fs::read_to_string(dir.join("spec/openapi.yaml")).unwrap();
        let code = update(&dir, &fixture(), |_| Err("error[E0000]: boom".into()), |_| unreachable!()).unwrap();
        assert_eq!(code, 1);
        assert_eq!(std::fs::read_to_string(dir.join("spec/openapi.yaml")).unwrap(), before);
        // The committed client is as it was (here: none).
        assert_eq!(std::fs::read_to_string(dir.join("generated/client.rs")).unwrap(), "");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_passing_check_keeps_the_new_spec() {
        let dir = scratch("pass");
        let conformed = |_: &Path| Ok((true, "conform passed".to_string()));
        assert_eq!(update(&dir, &fixture(), |_| Ok(()), conformed).unwrap(), 0);
        let now = std::fs::read_to_string(dir.join("spec/openapi.yaml")).unwrap();
        assert_eq!(now, std::fs::read_to_string(fixture()).unwrap());
        // The committed client is the new spec's.
        let client = std::fs::read_to_string(dir.join("generated/client.rs")).unwrap();
        assert_eq!(client, togetherai_codegen::run_file(&fixture(), false).unwrap().code);
        assert!(std::fs::read_to_string(dir.join("generated/cargo.txt")).unwrap().contains("togetherai_operation="));
        let digest = std::fs::read_to_string(dir.join("generated/spec.sha256")).unwrap();
        assert_eq!(digest, togetherai_codegen::digest::record(now.as_bytes(), "spec/openapi.yaml"));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_conformance_failure_keeps_the_new_spec_and_fails() {
        let dir = scratch("conform");
        let failed = |_: &Path| Ok((false, "conform FAILED".to_string()));
        assert_eq!(update(&dir, &fixture(), |_| Ok(()), failed).unwrap(), 1);
        let now = std::fs::read_to_string(dir.join("spec/openapi.yaml")).unwrap();
        assert_eq!(now, std::fs::read_to_string(fixture()).unwrap());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
