//! The code generator of the `togetherai` crate, shared by its build
//! script, `cargo xtask` and the tests: [`normalize`] turns a Together
//! OpenAPI document into one progenitor reads correctly, [`generate`] runs
//! progenitor on it and applies the crate's passes to the syntax tree;
//! [`spec`] holds the helpers that read and walk the document as JSON.
//! See ARCHITECTURE.md for the layers and the pass list.

pub mod api;
/// The SHA-256 record of `generated/spec.sha256`.
pub use togetherai_spec_digest as digest;
pub mod generate;
pub mod golden;
pub mod normalize;
pub mod spec;

use std::path::Path;

/// What one run of the pipeline makes.
pub struct Output {
    /// The formatted client source (`OUT_DIR/generated.rs`; for the vendored
    /// spec also committed as `generated/client.rs`).
    pub code: String,
    /// What normalisation and generation learnt and did: the log, the
    /// warnings, the operations left out.
    pub notes: normalize::Notes,
    /// Each generation pass by name, with the sites it changed.
    pub passes: Vec<(&'static str, usize)>,
    /// For the `mock` feature: the spec as read (the lenient reading done,
    /// nothing else), with the operation ids the client gives it (see [`mock_spec`]).
    pub mock_spec: Option<String>,
}

/// Runs the pipeline on the spec at `path`; an error names the file.
pub fn run_file(path: &Path, with_mock_spec: bool) -> Result<Output, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    run(&text, with_mock_spec).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs the pipeline on spec text (YAML or JSON). Any input gives the
/// client or an error naming the place that cannot be read: a panic in a
/// transform (a bug) is an error too.
pub fn run(text: &str, with_mock_spec: bool) -> Result<Output, String> {
    let mut doc = normalize::parse(text).map_err(|e| e.to_string())?;
    let bug = |panic| format!("togetherai-codegen panicked on this spec (a bug, please report it): {panic}");
    let mut notes = generate::isolate::catch(|| normalize::read(&mut doc)).map_err(bug)?.map_err(|e| e.to_string())?;
    // The mock serves the spec as its author meant it: as read (Swagger 2
    // leftovers in OpenAPI 3 form), before normalising adapts it to progenitor.
    let read = with_mock_spec.then(|| doc.to_string());
    generate::isolate::catch(|| normalize::normalize_rest(&mut doc, &mut notes))
        .map_err(bug)?
        .map_err(|e| e.to_string())?;
    let generated = generate::generate(doc, &mut notes)?;
    let mock_spec = read.map(|read| mock_spec(&read, &generated.doc, &notes));
    Ok(Output { code: generated.code, passes: generated.passes, notes, mock_spec })
}

/// What the build script tells cargo for a run: the `cfg`s code can test
/// (`togetherai_alias = "ChatMessage"` when that name of `policy::NAMES` is
/// an alias of a component, `togetherai_operation = "files_upload"` for each
/// generated operation) and a warning for each thing the spec made the
/// pipeline leave out or doubt. The same lines whether the code is
/// generated at build time or committed (`generated/cargo.txt`).
pub fn cargo_directives(notes: &normalize::Notes) -> String {
    let mut lines = vec![
        "cargo:rustc-check-cfg=cfg(togetherai_alias, values(any()))".to_string(),
        "cargo:rustc-check-cfg=cfg(togetherai_operation, values(any()))".to_string(),
    ];
    lines.extend(notes.aliases.keys().map(|alias| format!("cargo:rustc-cfg=togetherai_alias=\"{alias}\"")));
    lines.extend(notes.effects.keys().map(|id| format!("cargo:rustc-cfg=togetherai_operation=\"{id}\"")));
    lines.extend(notes.warnings.iter().map(|w| format!("cargo:warning=togetherai: {w}")));
    lines.extend(notes.unsupported.iter().map(|u| {
        let (id, method, path, reason) = (&u.operation_id, &u.method, &u.path, &u.reason);
        format!("cargo:warning=togetherai: operation `{id}` ({method} {path}) is not generated: {reason}")
    }));
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The spec as read ([`normalize::read`]: as its author meant it, in
/// OpenAPI 3 form), each operation with the id the client gives it (the
/// generated document's, and those of the operations it leaves out), and
/// the overrides table: `{"spec", "operations": [{"id","method","path"}], "overrides"}`.
pub fn mock_spec(raw: &str, doc: &serde_json::Value, notes: &normalize::Notes) -> String {
    let mut operations: Vec<_> = spec::operations(doc)
        .into_iter()
        .map(|(path, method)| serde_json::json!({ "id": spec::op_id(doc, &path, &method), "method": method, "path": path }))
        .collect();
    for u in &notes.unsupported {
        operations.push(serde_json::json!({ "id": u.operation_id, "method": u.method.to_lowercase(), "path": u.path }));
    }
    let overrides: Vec<_> = normalize::OVERRIDES
        .iter()
        .map(|o| serde_json::json!({ "method": o.method, "path": o.path, "media": o.media }))
        .collect();
    let (operations, overrides) = (serde_json::Value::from(operations), serde_json::Value::from(overrides));
    format!(r#"{{"spec":{raw},"operations":{operations},"overrides":{overrides}}}"#)
}
