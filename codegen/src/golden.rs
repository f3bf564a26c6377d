//! Output under review: the generated code of the fixture specs and the
//! public API listing of the crate built from the vendored spec, committed
//! under `codegen/tests/golden/`, and what the crate builds from without
//! its `codegen` feature: the vendored spec's client, mock spec, cargo
//! directives and SHA-256, committed under `generated/`. A test and `cargo xtask
//! generate --check` fail when they are stale; `cargo xtask generate
//! --bless` rewrites them, so every change to generated code is a diff in
//! review.

use std::path::{Path, PathBuf};

/// One committed output and where it comes from (paths from the workspace root).
pub struct Golden {
    /// The committed file.
    pub file: &'static str,
    pub source: Source,
}

/// What a golden file holds.
pub enum Source {
    /// The generated code for a fixture spec, with each pass's site count.
    Code { spec: &'static str },
    /// The crate's public API: generated from `spec`, and the hand-written modules under `src/`.
    Api { spec: &'static str },
    /// One of the files build.rs would write for `spec`, which the crate
    /// builds from without the `codegen` feature.
    Build { spec: &'static str, part: Part },
}

/// A file of the build's output ([`crate::Output`]).
#[derive(Clone, Copy)]
pub enum Part {
    /// The client source.
    Code,
    /// The mock feature's spec.
    MockSpec,
    /// The cargo directives ([`crate::cargo_directives`]).
    Directives,
    /// The spec's SHA-256 ([`crate::digest`]): the build without the
    /// `codegen` feature refuses a spec that does not match it.
    Digest,
}

/// The vendored spec, whose build output is committed.
pub const VENDORED: &str = "spec/openapi.yaml";

/// Every golden file.
pub const GOLDEN: &[Golden] = &[
    Golden {
        file: "codegen/tests/golden/shapes.rs",
        source: Source::Code { spec: "codegen/tests/fixtures/shapes.yaml" },
    },
    Golden {
        file: "codegen/tests/golden/streams.rs",
        source: Source::Code { spec: "codegen/tests/fixtures/streams.yaml" },
    },
    Golden {
        file: "codegen/tests/golden/lenient.rs",
        source: Source::Code { spec: "codegen/tests/fixtures/lenient.yaml" },
    },
    Golden { file: "codegen/tests/golden/public-api.txt", source: Source::Api { spec: VENDORED } },
    Golden { file: "generated/client.rs", source: Source::Build { spec: VENDORED, part: Part::Code } },
    Golden { file: "generated/mock_spec.json", source: Source::Build { spec: VENDORED, part: Part::MockSpec } },
    Golden { file: "generated/cargo.txt", source: Source::Build { spec: VENDORED, part: Part::Directives } },
    Golden { file: "generated/spec.sha256", source: Source::Build { spec: VENDORED, part: Part::Digest } },
];

/// The workspace root, from this crate's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen lives in the workspace").to_path_buf()
}

impl Golden {
    /// What the file should hold now.
    pub fn render(&self, root: &Path) -> Result<String, String> {
        match self.source {
            Source::Code { spec } => {
                let output = crate::run_file(&root.join(spec), false)?;
                let passes: Vec<String> = output.passes.iter().map(|(name, n)| format!("// {name}: {n}")).collect();
                Ok(format!(
                    "// Generated from {spec} by togetherai-codegen: the passes and the sites each changed,\n\
                     // then the code. Refresh with `cargo xtask generate --bless`, and review the diff.\n{}\n\n{}",
                    passes.join("\n"),
                    output.code
                ))
            }
            Source::Api { spec } => {
                let output = build_output(&root.join(spec))?;
                Ok(crate::api::render(&crate::api::crate_api(&output.code, &root.join("src"))?))
            }
            Source::Build { spec, part } => {
                let path = root.join(spec);
                Ok(match part {
                    Part::Code => build_output(&path)?.code.clone(),
                    Part::MockSpec => build_output(&path)?.mock_spec.clone().unwrap_or_default(),
                    Part::Directives => crate::cargo_directives(&build_output(&path)?.notes),
                    Part::Digest => {
                        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                        crate::digest::record(&bytes, spec)
                    }
                })
            }
        }
    }

    /// `None` when the committed file is current, else what it should hold.
    pub fn stale(&self, root: &Path) -> Result<Option<String>, String> {
        let want = self.render(root)?;
        let have = std::fs::read_to_string(root.join(self.file)).unwrap_or_default();
        Ok((have != want).then_some(want))
    }
}

/// The build's output for the spec at `path` (with the mock spec), made
/// once per text of the spec: the vendored spec's four golden files come
/// from one run of the pipeline, not four.
fn build_output(path: &Path) -> Result<std::sync::Arc<crate::Output>, String> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static RUNS: OnceLock<Mutex<HashMap<String, Arc<crate::Output>>>> = OnceLock::new();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if let Some(done) = RUNS.get_or_init(Default::default).lock().unwrap().get(&text) {
        return Ok(done.clone());
    }
    let output = Arc::new(crate::run(&text, true).map_err(|e| format!("{}: {e}", path.display()))?);
    RUNS.get_or_init(Default::default).lock().unwrap().insert(text, output.clone());
    Ok(output)
}

/// The first line where two texts differ, for the message of a stale file.
pub fn first_difference(have: &str, want: &str) -> String {
    let (mut a, mut b) = (have.lines(), want.lines());
    for n in 1.. {
        match (a.next(), b.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => {
                return format!("line {n}: committed `{}`, generated `{}`", x.unwrap_or("<end>"), y.unwrap_or("<end>"))
            }
        }
    }
    "only line endings differ".into()
}
