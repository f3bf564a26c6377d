//! `cargo xtask generate`: the client code build.rs would generate, for
//! reading and review.

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

/// The crate's root directory (xtask lives in it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

pub fn command(args: &[String]) -> Result<u8, String> {
    let mut spec = root().join("spec/openapi.yaml");
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--out" => out = Some(PathBuf::from(args.next().ok_or("--out needs a file")?)),
            other => return Err(format!("unknown argument `{other}` (generate [--spec PATH] [--out FILE])")),
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
