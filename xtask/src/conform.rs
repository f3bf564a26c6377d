//! `cargo xtask conform [--spec PATH] [--dynamic [N]] [--format text|json]`:
//! whether every operation of a spec works on the wire. Builds the crate
//! from the spec with the `conform` feature (the `togetherai-conform`
//! runner, in `target/conform` so the main build is left alone), starts
//! Prism on the spec, and calls every generated operation through its typed
//! builder: once against `prism mock`, then `N` times (default 20) against
//! `prism mock --dynamic`. Exit 1 on any request Prism flags, any answer
//! that does not decode, any other failure.

use crate::prism;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use togetherai_codegen::normalize;

/// Calls per operation in dynamic mode when `--dynamic` gives no number.
const DYNAMIC_CALLS: usize = 20;

const USAGE: &str = "usage: cargo xtask conform [--spec PATH] [--dynamic [N]] [--format text|json]";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

pub fn command(args: &[String]) -> Result<u8, String> {
    let root = crate::codegen::root();
    let mut spec = root.join("spec/openapi.yaml");
    let (mut dynamic, mut format) = (None, Format::Text);
    let mut args = args.iter().peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => spec = PathBuf::from(args.next().ok_or(USAGE)?),
            "--dynamic" => {
                let n = args.next_if(|a| !a.starts_with("--"));
                dynamic = Some(match n {
                    Some(n) => n.parse().map_err(|_| format!("--dynamic {n}: not a number\n{USAGE}"))?,
                    None => DYNAMIC_CALLS,
                });
            }
            "--format" => {
                format = match args.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    _ => return Err(USAGE.into()),
                }
            }
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let spec = std::fs::canonicalize(&spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let runs = conform(&root, &spec, dynamic)?;
    let passed = runs.iter().all(|r| r.passed);
    match format {
        Format::Text => {
            for run in &runs {
                print!("{}", run.table());
            }
            println!("{}", summary(&spec, &runs));
        }
        Format::Json => {
            // The lines a log shows; standard output is the document.
            for run in &runs {
                eprintln!("{}", run.line());
            }
            eprintln!("{}", summary(&spec, &runs));
            let runs: Vec<_> = runs
                .iter()
                .map(|r| json!({ "mode": r.mode, "calls_per_operation": r.calls, "passed": r.passed, "report": r.report }))
                .collect();
            let out = json!({ "spec": spec, "passed": passed, "runs": runs });
            println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        }
    }
    Ok(if passed { 0 } else { 1 })
}

/// One mode's run: the runner's report.
pub struct Run {
    mode: &'static str,
    calls: usize,
    pub passed: bool,
    report: Value,
}

/// Builds the runner for `spec` and runs it against Prism: static, then
/// dynamic with that many calls per operation when asked.
pub fn conform(root: &Path, spec: &Path, dynamic: Option<usize>) -> Result<Vec<Run>, String> {
    let runner = build(root, spec)?;
    let prism = prism::install(root)?;
    let served = as_read(root, spec)?;
    let mut runs = Vec::new();
    for (mode, calls) in [("static", Some(1)), ("dynamic", dynamic)] {
        let Some(calls) = calls else { continue };
        let server = prism::Server::start(root, &prism, &served, mode == "dynamic")?;
        eprintln!("conform {mode}: {calls} call(s) per operation against {} ({})", server.url, server.log.display());
        let output = Command::new(&runner)
            .args(["--url", &server.url, "--calls", &calls.to_string()])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", runner.display()))?;
        drop(server);
        let code = output.status.code();
        if !matches!(code, Some(0 | 1)) {
            return Err(format!(
                "the conform runner failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| format!("the runner's report: {e}"))?;
        runs.push(Run { mode, calls, passed: code == Some(0), report });
    }
    Ok(runs)
}

/// The spec Prism serves: the file itself, or, when the crate's lenient
/// reading changes it (Swagger 2 leftovers, references that point nowhere:
/// each a build warning), the document as read, written to
/// `target/conform/NAME.read.json`: what the client is built from, and a
/// document Prism can load.
fn as_read(root: &Path, spec: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let mut doc = normalize::parse(&text).map_err(|e| format!("{}: {e}", spec.display()))?;
    let notes = normalize::read(&mut doc).map_err(|e| format!("{}: {e}", spec.display()))?;
    if notes.warnings.is_empty() {
        return Ok(spec.to_path_buf());
    }
    let stem = spec.file_stem().map_or("spec".into(), |s| s.to_string_lossy().into_owned());
    let dir = root.join("target/conform");
    let out = dir.join(format!("{stem}.read.json"));
    let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!(
        "Prism serves the spec as read ({} lenient readings, each a build warning above): {}",
        notes.warnings.len(),
        out.display()
    );
    Ok(out)
}

/// `cargo build -p togetherai-conform` from `spec` (the crate generates its
/// client from it at build time), in `target/conform`.
fn build(root: &Path, spec: &Path) -> Result<PathBuf, String> {
    let target = root.join("target/conform");
    eprintln!("building the conform runner from {}", spec.display());
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--quiet", "-p", "togetherai-conform"])
        .env("TOGETHERAI_SPEC", spec)
        .env("CARGO_TARGET_DIR", &target)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the crate does not build from {} (cargo's messages above)", spec.display()));
    }
    Ok(target.join("debug").join(format!("togetherai-conform{}", std::env::consts::EXE_SUFFIX)))
}

fn count(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or(0)
}

fn total(report: &Value, key: &str) -> u64 {
    report["operations"].as_array().into_iter().flatten().map(|o| count(o, key)).sum()
}

impl Run {
    /// The per-operation table, the findings, and the mode's summary line.
    fn table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n{:<40} {:>5} {:>7} {:>10} {:>6} {:>5} {:>7} {:>7}",
            format!("conform {}: operation", self.mode),
            "calls",
            "decoded",
            "violations",
            "decode",
            "http",
            "other",
            "ms"
        );
        for op in self.report["operations"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "  {:<38} {:>5} {:>7} {:>10} {:>6} {:>5} {:>7} {:>7}",
                op["id"].as_str().unwrap_or("?"),
                count(op, "calls"),
                count(op, "decoded"),
                count(op, "request_violations"),
                count(op, "decode_failures"),
                count(op, "http_errors"),
                count(op, "other_failures"),
                count(op, "millis")
            );
        }
        let findings = self.report["findings"].as_array().cloned().unwrap_or_default();
        if !findings.is_empty() {
            let _ = writeln!(
                out,
                "findings (count × what; `not a failure`: the spec's or Prism's answer breaks the spec):"
            );
            for f in &findings {
                let fails = f["fails"].as_bool().unwrap_or(true);
                let _ = writeln!(
                    out,
                    "  {:>4} × {}: {}{}",
                    count(f, "count"),
                    f["operation"].as_str().unwrap_or("?"),
                    f["what"].as_str().unwrap_or("?"),
                    if fails { "" } else { " (not a failure)" }
                );
                if let Some(detail) = f["detail"].as_str().filter(|d| fails && !d.is_empty()) {
                    let _ = writeln!(out, "         {detail}");
                }
            }
        }
        let skipped = self.report["not_generated"].as_array().cloned().unwrap_or_default();
        if !skipped.is_empty() {
            let _ = writeln!(out, "not generated by this build, so not called ({}):", skipped.len());
            for op in &skipped {
                let _ = writeln!(out, "  {}", op.as_str().unwrap_or("?"));
            }
        }
        let sessions = self.report["not_called"].as_array().cloned().unwrap_or_default();
        if !sessions.is_empty() {
            let _ = writeln!(
                out,
                "WebSocket sessions, not opened: Prism serves none; the mock's session tests open them ({}):",
                sessions.len()
            );
            for op in &sessions {
                let _ = writeln!(out, "  {}", op.as_str().unwrap_or("?"));
            }
        }
        let _ = writeln!(out, "{}", self.line());
        out
    }

    /// `conform static: 28 operations, 28 calls, 0 request violations, ...`.
    fn line(&self) -> String {
        let r = &self.report;
        format!(
            "conform {}: {} operations, {} calls, {} request violations, {} decode failures, {} HTTP errors, \
             {} other failures; {} answers that break the spec and {} flagged by Prism (not failures); {:.1} s",
            self.mode,
            r["operations"].as_array().map_or(0, Vec::len),
            total(r, "calls"),
            total(r, "request_violations"),
            total(r, "decode_failures"),
            total(r, "http_errors"),
            total(r, "other_failures"),
            total(r, "spec_breaks"),
            total(r, "responses_flagged"),
            count(r, "millis") as f64 / 1000.0
        )
    }
}

/// The last line: passed or failed, per mode.
pub fn summary(spec: &Path, runs: &[Run]) -> String {
    let passed = runs.iter().all(|r| r.passed);
    let modes: Vec<String> = runs
        .iter()
        .map(|r| {
            format!(
                "{} {} calls of {} operations, {} violations, {} decode failures",
                r.mode,
                total(&r.report, "calls"),
                r.report["operations"].as_array().map_or(0, Vec::len),
                total(&r.report, "request_violations"),
                total(&r.report, "decode_failures")
            )
        })
        .collect();
    format!("conform {}: {}: {}", if passed { "passed" } else { "FAILED" }, spec.display(), modes.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(passed: bool) -> Run {
        let report = json!({
            "operations": [
                { "id": "models_list", "calls": 2, "decoded": 2, "request_violations": 0, "decode_failures": 0, "millis": 3 },
                { "id": "rerank_create", "calls": 2, "decoded": 1, "request_violations": 1, "decode_failures": 1, "millis": 4 }
            ],
            "findings": [
                { "operation": "rerank_create", "what": "request violation: request body.query: must be string (type)",
                  "count": 1, "detail": "request: {}", "fails": true },
                { "operation": "models_list", "what": "answer flagged by Prism: response body: x", "count": 2,
                  "detail": "", "fails": false }
            ],
            "millis": 1500,
            "not_generated": ["POST /files/upload: multipart/form-data request body"],
            "not_called": ["GET /realtime"]
        });
        Run { mode: "dynamic", calls: 2, passed, report }
    }

    #[test]
    fn the_table_has_each_operation_the_findings_and_the_totals() {
        let table = run(false).table();
        assert!(table.lines().any(|l| l.trim_start().starts_with("rerank_create") && l.contains(" 1 ")), "{table}");
        assert!(table.contains("1 × rerank_create: request violation: request body.query"), "{table}");
        assert!(
            table.contains("2 × models_list: answer flagged by Prism: response body: x (not a failure)"),
            "{table}"
        );
        assert!(table.contains("not generated by this build, so not called (1):\n  POST /files/upload"), "{table}");
        assert!(table.contains("WebSocket sessions, not opened: Prism serves none; the mock's session tests open them (1):\n  GET /realtime"), "{table}");
        let last = table.lines().last().unwrap();
        assert!(
            last.starts_with("conform dynamic: 2 operations, 4 calls, 1 request violations, 1 decode failures"),
            "{last}"
        );
        assert!(last.ends_with("1.5 s"), "{last}");
    }

    #[test]
    fn the_summary_says_passed_or_failed() {
        let spec = Path::new("spec.yaml");
        assert!(summary(spec, &[run(true)]).starts_with("conform passed: spec.yaml: dynamic 4 calls of 2 operations"));
        assert!(summary(spec, &[run(true), run(false)]).starts_with("conform FAILED"));
    }
}
