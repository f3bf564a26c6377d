//! `cargo xtask diff OLD NEW`: what changed between two OpenAPI specs, each
//! change judged by a rule (see [`rules::RULES`]) for a Rust user of this
//! crate, so a spec update says up front whether it is a breaking release.

mod components;
mod context;
mod load;
mod operations;
mod report;
mod rules;
mod schema;
#[cfg(test)]
mod tests;

pub use load::load;
pub use report::{Format, Report};
pub use rules::Level;

use context::Diff;

/// Every change from `old` to `new`: components first (renames are known
/// before operations refer to them), then operations.
pub fn diff(old: &serde_json::Value, new: &serde_json::Value) -> Report {
    let mut d = Diff::new(old, new);
    d.renames = components::renames(old, new);
    components::compare(&mut d);
    operations::compare(&mut d);
    Report::new(d.changes, d.prose.len())
}

const USAGE: &str = "usage: cargo xtask diff OLD NEW [--format text|markdown|json] [--fail-on breaking|warning|info]
       cargo xtask diff --rules";

/// Runs the `diff` command with its arguments; returns the exit code: 1 when
/// a change at or above `--fail-on` is reported, else 0.
pub fn command(args: &[String]) -> Result<u8, String> {
    let mut specs = Vec::new();
    let mut format = Format::Text;
    let mut fail_on = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rules" => {
                print!("{}", rules::table());
                return Ok(0);
            }
            "--format" => {
                let v = args.next().ok_or("--format needs a value")?;
                format = Format::parse(v).ok_or_else(|| format!("unknown format `{v}`\n{USAGE}"))?;
            }
            "--fail-on" => {
                let v = args.next().ok_or("--fail-on needs a value")?;
                fail_on = Some(Level::parse(v).ok_or_else(|| format!("unknown level `{v}`\n{USAGE}"))?);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(0);
            }
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`\n{USAGE}")),
            spec => specs.push(spec),
        }
    }
    let [old, new] = specs[..] else { return Err(format!("expected two specs, got {}\n{USAGE}", specs.len())) };
    let mut report = diff(&load(old)?, &load(new)?);
    report.old = old.to_string();
    report.new = new.to_string();
    print!("{}", report.render(format));
    Ok(match (fail_on, report.worst()) {
        (Some(threshold), Some(worst)) if worst >= threshold => 1,
        _ => 0,
    })
}
