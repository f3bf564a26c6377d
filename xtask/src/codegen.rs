//! `cargo xtask generate`: the client code build.rs would generate, for
//! reading and review.

use crate::{generate, normalize};
use std::path::{Path, PathBuf};

/// Normalises and generates the client for the spec at `path`; what the
/// build would warn about goes to stderr.
pub fn generate_code(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut doc = normalize::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let notes = normalize::normalize(&mut doc).map_err(|e| format!("{}: {e}", path.display()))?;
    for warning in &notes.warnings {
        eprintln!("warning: {}: {warning}", path.display());
    }
    generate::generate(doc, &notes).map_err(|e| format!("{}: {e}", path.display()))
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
