//! Conformance against Prism, a mock server that validates each request
//! against `spec/openapi.yaml` and answers with schema-valid responses.
//!
//! Every operation of the shared table (`support::calls`) is called with its
//! valid request:
//! - against `PRISM_URL` (`prism mock`, static answers): once each; Prism
//!   must report no request violation and every answer must decode;
//! - against `PRISM_DYNAMIC_URL` (`prism mock --dynamic`, random schema-valid
//!   answers): `PRISM_DYNAMIC_CALLS` times each (default and minimum 20); all
//!   must decode and no request may be flagged.
//!
//! Prism lists what it found wrong in the `sl-violations` response header,
//! each entry with a `location` starting with `request` (our request breaks
//! the spec: asserted to never happen) or `response` (Prism's own answer
//! breaks the spec, an inconsistency of the spec or of Prism's generator:
//! counted and printed, not asserted, since the client has no say in it).
//!
//! Each run also checks that the table covers every operation of the spec
//! that the crate generates, prints a per-operation table, the findings and
//! a summary line (`prism static: N operations, N calls, 0 violations, 0
//! decode failures, ...`), and keeps that report in
//! `target/tmp/prism-{static,dynamic}.txt` for CI logs that capture output.
//!
//! Without the variables each test prints why it is skipped and passes, so a
//! plain `cargo test` stays offline. Start the servers with
//! `bash .ci/prism.sh start static 4010` and `bash .ci/prism.sh start dynamic 4011`.

use crate::support::calls::{every_operation, Call};
use reqwest::header::HeaderMap;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::time::{Duration, Instant};
use togetherai::Error;

const STATIC_ENV: &str = "PRISM_URL";
const DYNAMIC_ENV: &str = "PRISM_DYNAMIC_URL";
const DYNAMIC_CALLS_ENV: &str = "PRISM_DYNAMIC_CALLS";
const MIN_DYNAMIC_CALLS: usize = 20;
/// How much of a body a report quotes.
const BODY_CHARS: usize = 2000;

fn server(var: &str, how: &str) -> Option<String> {
    match std::env::var(var).ok().filter(|v| !v.trim().is_empty()) {
        Some(url) => Some(url.trim().to_string()),
        None => {
            eprintln!(
                "skipped: {var} is unset; start a Prism server with `bash .ci/prism.sh {how}` and set {var} to its URL"
            );
            None
        }
    }
}

/// A client for the server at `url`, once something answers HTTP there.
async fn client(url: &str) -> togetherai::Client {
    if let Err(e) = reqwest::Client::new().get(url).timeout(Duration::from_secs(10)).send().await {
        panic!("nothing answers at {url}: {e}; is the Prism server running (bash .ci/prism.sh start ...)?");
    }
    togetherai::Client::builder()
        .api_key("prism-test-key")
        .base_url(url)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("a client for the Prism server")
}

/// The violations Prism reported in `sl-violations`, split by side.
#[derive(Default)]
struct Violations {
    request: Vec<String>,
    response: Vec<String>,
}

fn violations(headers: &HeaderMap) -> Violations {
    let mut found = Violations::default();
    for value in headers.get_all("sl-violations") {
        let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
        match serde_json::from_str::<Vec<serde_json::Value>>(&text) {
            Ok(items) => {
                for item in items {
                    let location = item["location"].as_array().cloned().unwrap_or_default();
                    let side = location.first().and_then(|s| s.as_str()).unwrap_or("");
                    // Array indices folded to `*`, so that one finding is counted once.
                    let at = location
                        .iter()
                        .skip(1)
                        .map(|s| match s.as_str() {
                            Some(seg) if seg.parse::<usize>().is_ok() => "*".to_string(),
                            Some(seg) => seg.to_string(),
                            None => s.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join(".");
                    let line = format!(
                        "{side} {at}: {} ({})",
                        fold_indices(item["message"].as_str().unwrap_or("?")),
                        item["code"].to_string().trim_matches('"')
                    );
                    if side == "response" {
                        found.response.push(line);
                    } else {
                        found.request.push(line);
                    }
                }
            }
            // Unreadable: count it against the request, so it is looked at.
            Err(e) => found.request.push(format!("unparseable sl-violations header ({e}): {text}")),
        }
    }
    found
}

/// `data.3.level` → `data.*.level`: array indices in Prism's messages.
fn fold_indices(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(dot) = rest.find('.') {
        out.push_str(&rest[..dot]);
        // A property path segment, not a number like `1.5`.
        let after_name = out.chars().next_back().is_some_and(|c| !c.is_ascii_digit());
        out.push('.');
        rest = &rest[dot + 1..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let ends_segment = rest[digits..].chars().next().is_none_or(|c| c == '.' || c.is_whitespace());
        if after_name && digits > 0 && ends_segment {
            out.push('*');
            rest = &rest[digits..];
        }
    }
    out.push_str(rest);
    out
}

fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.chars().count() > BODY_CHARS {
        format!("{}… ({} bytes)", text.chars().take(BODY_CHARS).collect::<String>(), body.len())
    } else {
        text.into_owned()
    }
}

/// What one operation did over all its calls.
#[derive(Default)]
struct OpStats {
    calls: usize,
    decoded: usize,
    request_violations: usize,
    decode_failures: usize,
    error_statuses: usize,
    other_failures: usize,
    /// Calls whose answer Prism itself flagged against the spec.
    response_flagged: usize,
}

#[derive(Default)]
struct Run {
    ops: BTreeMap<&'static str, OpStats>,
    /// Details of each distinct problem, printed once with its count.
    problems: BTreeMap<String, (usize, String)>,
}

impl Run {
    fn problem(&mut self, key: String, detail: impl FnOnce() -> String) {
        let entry = self.problems.entry(key).or_insert_with(|| (0, detail()));
        entry.0 += 1;
    }

    async fn call(&mut self, client: &togetherai::Client, call: &Call) {
        let op = call.operation;
        let result = (call.run)(client).await;
        let headers = match &result {
            Ok(outcome) => Some(&outcome.headers),
            Err(Error::Api(e)) => Some(&e.headers),
            Err(_) => None,
        };
        let found = headers.map(violations).unwrap_or_default();
        let mut stats = self.ops.remove(op).unwrap_or_default();
        stats.calls += 1;
        if !found.request.is_empty() {
            stats.request_violations += 1;
        }
        if !found.response.is_empty() {
            stats.response_flagged += 1;
        }
        match result {
            Ok(outcome) if call.binary && outcome.bytes.is_none() => {
                stats.other_failures += 1;
                self.problem(format!("{op}: binary operation returned no bytes"), String::new);
            }
            Ok(_) => stats.decoded += 1,
            Err(Error::Decode { operation, path, message, body, .. }) => {
                stats.decode_failures += 1;
                self.problem(format!("{op}: DECODE FAILURE in `{operation}` at `{path}`: {message}"), || {
                    format!("first body: {}", excerpt(&body))
                });
            }
            Err(Error::Api(e)) => {
                stats.error_statuses += 1;
                self.problem(
                    format!("{op}: HTTP {} from {} {}: {}", e.status, call.method, call.path, e.message()),
                    || format!("first body: {}", excerpt(&e.body)),
                );
            }
            Err(e) => {
                stats.other_failures += 1;
                self.problem(format!("{op}: {e}"), || format!("{e:?}"));
            }
        }
        self.ops.insert(op, stats);
        for v in found.request {
            self.problem(format!("{op}: REQUEST VIOLATION {v}"), || {
                let body = call.body.as_ref().map_or("(none)".into(), |b| b.to_string());
                format!("request: {} {} query {:?} body {body}", call.method, call.path, call.query)
            });
        }
        for v in found.response {
            self.problem(format!("{op}: response flagged by Prism (not asserted): {v}"), String::new);
        }
    }

    fn total(&self, f: impl Fn(&OpStats) -> usize) -> usize {
        self.ops.values().map(f).sum()
    }

    /// The per-operation table, the problems and the summary line.
    fn report(&self, label: &str, elapsed: Duration) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "--- prism {label}: per operation (calls / decoded / request violations / decode failures / HTTP errors / other / responses flagged by Prism)");
        for (op, s) in &self.ops {
            let _ = writeln!(
                out,
                "  {op:<22} {:>3} {:>3} {:>3} {:>3} {:>3} {:>3} {:>3}",
                s.calls,
                s.decoded,
                s.request_violations,
                s.decode_failures,
                s.error_statuses,
                s.other_failures,
                s.response_flagged
            );
        }
        if !self.problems.is_empty() {
            let _ = writeln!(out, "--- prism {label}: findings (count × what)");
            for (key, (count, detail)) in &self.problems {
                let _ = writeln!(out, "  {count:>3} × {key}");
                if !detail.is_empty() {
                    let _ = writeln!(out, "        {detail}");
                }
            }
        }
        let _ = writeln!(
            out,
            "prism {label}: {} operations, {} calls, {} violations, {} decode failures, {} HTTP error responses, {} other failures; \
             {} responses flagged by Prism against the spec (not asserted); {:.1} s",
            self.ops.len(),
            self.total(|s| s.calls),
            self.total(|s| s.request_violations),
            self.total(|s| s.decode_failures),
            self.total(|s| s.error_statuses),
            self.total(|s| s.other_failures),
            self.total(|s| s.response_flagged),
            elapsed.as_secs_f64(),
        );
        out
    }

    fn failures(&self) -> usize {
        self.total(|s| s.request_violations + s.decode_failures + s.error_statuses + s.other_failures)
    }
}

/// Keeps the report in `target/tmp/prism-LABEL.txt` too, for CI logs that
/// capture test output.
fn save_report(label: &str, report: &str) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-{label}.txt"));
    if let Err(e) = std::fs::write(&path, report) {
        eprintln!("cannot write {}: {e}", path.display());
    }
}

/// Every operation that Prism serves from the spec (method and path) is in
/// the table, unless the crate does not generate it.
fn assert_table_covers_spec(calls: &[Call]) {
    let spec_path = concat!(env!("CARGO_MANIFEST_DIR"), "/spec/openapi.yaml");
    let text = std::fs::read_to_string(spec_path).expect("spec/openapi.yaml");
    let spec: serde_json::Value = serde_yaml::from_str(&text).expect("spec parses");
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let mut in_spec = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in methods {
            if item.get(method).is_some() {
                in_spec.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let unsupported: BTreeSet<_> =
        togetherai::UNSUPPORTED_OPERATIONS.iter().map(|u| (u.method.to_uppercase(), u.path.to_string())).collect();
    // The table has concrete paths (`/files/file-123`), the spec templates.
    let matches = |template: &str, path: &str| {
        let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
        t.len() == p.len()
            && t.iter().zip(&p).all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}') && !p.is_empty()))
    };
    let missing: Vec<_> = in_spec
        .iter()
        .filter(|op| !unsupported.contains(*op))
        .filter(|(method, template)| {
            !calls.iter().any(|c| c.method.eq_ignore_ascii_case(method) && matches(template, c.path))
        })
        .collect();
    assert!(missing.is_empty(), "operations of the spec missing from support::calls's table: {missing:?}");
    let mut names = BTreeSet::new();
    for c in calls {
        assert!(names.insert(c.operation), "operation `{}` appears twice in the table", c.operation);
    }
}

#[tokio::test]
async fn prism_static() {
    let Some(url) = server(STATIC_ENV, "start static 4010") else { return };
    conformance("static", &url, 1).await;
}

#[tokio::test]
async fn prism_dynamic() {
    let Some(url) = server(DYNAMIC_ENV, "start dynamic 4011") else { return };
    let per_op = match std::env::var(DYNAMIC_CALLS_ENV) {
        Ok(n) => n.trim().parse::<usize>().unwrap_or_else(|_| panic!("{DYNAMIC_CALLS_ENV}={n} is not a number")),
        Err(_) => MIN_DYNAMIC_CALLS,
    };
    assert!(per_op >= MIN_DYNAMIC_CALLS, "{DYNAMIC_CALLS_ENV} must be at least {MIN_DYNAMIC_CALLS}");
    conformance("dynamic", &url, per_op).await;
}

/// Calls every operation `per_op` times against the Prism server at `url`,
/// saves and prints the report, and fails on any violation of our requests
/// or any response that does not decode.
async fn conformance(mode: &str, url: &str, per_op: usize) {
    let calls = every_operation();
    assert_table_covers_spec(&calls);
    let client = client(url).await;
    let started = Instant::now();
    let mut run = Run::default();
    for call in &calls {
        for _ in 0..per_op {
            run.call(&client, call).await;
        }
    }
    let report = run.report(mode, started.elapsed());
    save_report(mode, &report);
    println!("{report}");
    for (op, s) in &run.ops {
        assert!(s.calls >= per_op, "{op}: only {} calls", s.calls);
    }
    assert_eq!(
        run.failures(),
        0,
        "Prism {mode} run against {url}: see the findings above (also in target/tmp/prism-{mode}.txt)"
    );
}

#[test]
fn indices_fold_in_prism_messages() {
    assert_eq!(
        fold_indices("Response body property data.0.events.12.level must be string"),
        "Response body property data.*.events.*.level must be string"
    );
    assert_eq!(fold_indices("must be <= 1.5 and data.3"), "must be <= 1.5 and data.*");
    assert_eq!(fold_indices("matrix.0.12 must be number."), "matrix.*.* must be number.");
    assert_eq!(fold_indices("no dots"), "no dots");
}
