//! `cargo xtask generate`: the client code build.rs would generate, for
//! reading and review; `--check` and `--bless` for the golden files
//! (`togetherai_codegen::golden`).

use std::path::{Path, PathBuf};

/// Normalises and generates the client for the spec at `path` as build.rs
/// does; what the build would warn about goes to stderr.
pub fn generate_code(path: &Path) -> Result<String, String> {
    let output = togetherai_codegen::run_file(path, false)?;
    for warning in &output.notes.warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    Ok(output.code)
}

pub use togetherai_codegen::golden::workspace_root as root;

pub fn command(args: &[String]) -> Result<u8, String> {
    let mut spec = root().join("spec/openapi.yaml");
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a file")?)),
            "--check" => return golden(false),
            "--bless" => return golden(true),
            other => {
                return Err(format!(
                    "unknown argument `{other}` (generate [--spec PATH] [--out FILE] | --check | --bless)"
                ))
            }
        }
    }
    let code = generate_code(&spec)?;
    match out {
        Some(file) => {
            std::fs::write(&file, &code).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            eprintln!("wrote {} ({} lines) from {}", file.display(), code.lines().count(), spec.display());
        }
        None => print!("{code}"),
    }
    Ok(0)
}

/// Checks the golden files (exit 1 when one is stale), or rewrites them.
fn golden(bless: bool) -> Result<u8, String> {
    use togetherai_codegen::golden::{first_difference, GOLDEN};
    let root = root();
    let mut stale = 0;
    for golden in GOLDEN {
        let Some(want) = golden.stale(&root)? else {
            eprintln!("current: {}", golden.file);
            continue;
        };
        stale += 1;
        let path = root.join(golden.file);
        if bless {
            std::fs::write(&path, &want).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("blessed: {} ({} lines)", golden.file, want.lines().count());
        } else {
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            eprintln!("stale: {}: {}", golden.file, first_difference(&have, &want));
        }
    }
    if stale > 0 && !bless {
        eprintln!("{stale} stale golden files: run `cargo xtask generate --bless` and review the diff");
        return Ok(1);
    }
    Ok(0)
}
