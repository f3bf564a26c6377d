//! What every comparison shares: the two documents, the detected renames,
//! and the collector the changes are reported into.

use super::report::Change;
use super::rules;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// The direction a schema travels in: it decides which rule a change maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Request,
    Response,
}

impl Direction {
    pub const BOTH: [Direction; 2] = [Direction::Request, Direction::Response];

    /// The rule id for a schema change of `kind` in this direction.
    pub fn rule(self, kind: &str) -> String {
        match self {
            Direction::Request => format!("request-{kind}"),
            Direction::Response => format!("response-{kind}"),
        }
    }
}

/// Where a change is: the location shown to users, and the operation it is in.
#[derive(Clone, Debug)]
pub struct At {
    pub location: String,
    pub operation: Option<String>,
}

impl At {
    /// A component, outside any operation.
    pub fn component(name: &str) -> At {
        At { location: name.to_string(), operation: None }
    }

    /// An operation, labelled `METHOD /path`.
    pub fn operation(label: &str) -> At {
        At { location: label.to_string(), operation: Some(label.to_string()) }
    }

    /// A place inside this one: `suffix` is appended verbatim (`.field`, `[]`, ` response 200`).
    pub fn join(&self, suffix: &str) -> At {
        At { location: format!("{}{suffix}", self.location), operation: self.operation.clone() }
    }
}

/// Keys that only document: their changes are counted, never listed.
pub const PROSE: &[&str] = &["description", "summary", "title", "example", "examples", "externalDocs"];

/// The comparison state.
pub struct Diff<'a> {
    pub old: &'a Value,
    pub new: &'a Value,
    /// Old component name → new name, for components renamed without other change.
    pub renames: BTreeMap<String, String>,
    pub changes: Vec<Change>,
    /// Locations whose prose changed; a set, so a component compared in both
    /// directions counts once.
    pub prose: BTreeSet<String>,
}

impl<'a> Diff<'a> {
    pub fn new(old: &'a Value, new: &'a Value) -> Diff<'a> {
        Diff { old, new, renames: BTreeMap::new(), changes: Vec::new(), prose: BTreeSet::new() }
    }

    /// Reports a change under rule `id`.
    pub fn report(&mut self, id: &str, at: &At, message: String, old: Option<Value>, new: Option<Value>) {
        self.changes.push(Change {
            rule: rules::get(id),
            location: at.location.clone(),
            operation: at.operation.clone(),
            message,
            old,
            new,
        });
    }

    /// Reports `{prefix}-became-required` or `{prefix}-became-optional` when
    /// requiredness changed.
    pub fn requiredness(&mut self, prefix: &str, at: &At, was: bool, is: bool) {
        match (was, is) {
            (false, true) => self.report(&format!("{prefix}-became-required"), at, "now required".into(), None, None),
            (true, false) => self.report(&format!("{prefix}-became-optional"), at, "now optional".into(), None, None),
            _ => {}
        }
    }

    /// Reports rule `id` when `new` is deprecated and `old` was not
    /// (dropping a deprecation needs no action).
    pub fn deprecation(&mut self, id: &str, at: &At, old: &Value, new: &Value) {
        if is_true(new, "deprecated") && !is_true(old, "deprecated") {
            self.report(id, at, "deprecated".into(), None, None);
        }
    }

    /// Notes a prose change between two versions of one node.
    pub fn prose(&mut self, at: &At, old: &Value, new: &Value) {
        if PROSE.iter().any(|k| old.get(k) != new.get(k)) {
            self.prose.insert(at.location.clone());
        }
    }

    /// Keeps, among the changes reported since `start`, only the strictest
    /// one for each (location, message): a component compared as a request
    /// and as a response reports each change once, at its higher level.
    pub fn keep_strictest_since(&mut self, start: usize) {
        let tail = self.changes.split_off(start);
        let mut best: BTreeMap<(String, String), Change> = BTreeMap::new();
        for c in tail {
            let key = (c.location.clone(), c.message.clone());
            match best.get(&key) {
                Some(kept) if kept.level() >= c.level() => {}
                _ => {
                    best.insert(key, c);
                }
            }
        }
        self.changes.extend(best.into_values());
    }
}

/// The object under `key`, or an empty one: absent and empty are the same
/// to every comparison.
pub fn object<'v>(v: &'v Value, key: &str) -> &'v Map<String, Value> {
    static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
    v.get(key).and_then(Value::as_object).unwrap_or(&EMPTY)
}

/// Whether `key` is `true` (`required`, `deprecated`, `nullable`).
pub fn is_true(v: &Value, key: &str) -> bool {
    v.get(key) == Some(&Value::Bool(true))
}

/// Follows a chain of local `$ref`s (`#/components/parameters/X`, ...) to the
/// value, stopping after a bound so a cyclic chain cannot hang; a dangling
/// reference resolves to itself.
pub fn resolve<'v>(doc: &'v Value, mut v: &'v Value) -> &'v Value {
    for _ in 0..32 {
        match v.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')).and_then(|p| doc.pointer(p)) {
            Some(target) => v = target,
            None => break,
        }
    }
    v
}

/// The component name of a `$ref: '#/components/schemas/Name'`.
pub fn schema_ref(v: &Value) -> Option<String> {
    component_name(v.get("$ref")?.as_str()?)
}

/// The component name in a reference string `#/components/schemas/Name`.
pub fn component_name(reference: &str) -> Option<String> {
    let name = reference.strip_prefix("#/components/schemas/")?;
    Some(name.replace("~1", "/").replace("~0", "~"))
}

/// A compact rendering of a JSON value for messages (`"wav"`, `44100`).
pub fn show(v: Option<&Value>) -> String {
    v.map_or_else(|| "none".to_string(), Value::to_string)
}

/// A schema without its prose and `x-` extensions, for telling whether two
/// schemas have the same shape. Keys of a `properties` map are field names,
/// never stripped.
pub fn shape(v: &Value) -> Value {
    shape_of(v, false)
}

fn shape_of(v: &Value, field_names: bool) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| field_names || !(PROSE.contains(&k.as_str()) || k.starts_with("x-")))
                .map(|(k, v)| (k.clone(), shape_of(v, !field_names && k == "properties")))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|i| shape_of(i, false)).collect()),
        other => other.clone(),
    }
}
