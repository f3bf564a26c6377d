//! Reading a spec from a file or from git history (`REV:PATH`), so a spec
//! can be compared with any committed version of itself.

use serde_json::{Map, Number, Value};
use std::path::Path;
use std::process::Command;

/// Loads a YAML or JSON spec from a path, or from `REV:PATH` via `git show`
/// when the part before `:` is not an existing path but a valid revision.
pub fn load(spec: &str) -> Result<Value, String> {
    let text = match git_spec(spec) {
        Some((rev, path)) => git_show(rev, path)?,
        None => std::fs::read_to_string(spec).map_err(|e| format!("cannot read {spec}: {e}"))?,
    };
    parse(&text).map_err(|e| format!("{spec}: {e}"))
}

/// Splits `REV:PATH` when it names a git revision rather than a file.
fn git_spec(spec: &str) -> Option<(&str, &str)> {
    let (rev, path) = spec.split_once(':')?;
    if rev.is_empty() || Path::new(spec).exists() || Path::new(rev).exists() {
        return None;
    }
    let verified = Command::new("git")
        .args(["rev-parse", "--quiet", "--verify", &format!("{rev}^{{commit}}")])
        .current_dir(crate::codegen::root())
        .output()
        .is_ok_and(|o| o.status.success());
    verified.then_some((rev, path))
}

fn git_show(rev: &str, path: &str) -> Result<String, String> {
    let out = Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .current_dir(crate::codegen::root())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git show {rev}:{path}: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{rev}:{path} is not UTF-8: {e}"))
}

/// Parses YAML (JSON is YAML) through `serde_yaml::Value`, which accepts
/// what upstream specs contain but JSON cannot hold: numeric keys such as
/// response codes, tagged values, merge keys.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| format!("invalid YAML: {e}"))?;
    yaml.apply_merge().map_err(|e| format!("invalid YAML merge key: {e}"))?;
    Ok(to_json(yaml))
}

fn to_json(v: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().and_then(Number::from_f64).map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(m) => Value::Object(m.into_iter().map(|(k, v)| (key(k), to_json(v))).collect::<Map<_, _>>()),
        Y::Tagged(t) => to_json(t.value),
    }
}

/// A mapping key as a string: `200` is `"200"`, `true` is `"true"`.
fn key(k: serde_yaml::Value) -> String {
    match to_json(k) {
        Value::String(s) => s,
        other => other.to_string(),
    }
}
