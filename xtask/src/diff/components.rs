//! Component schemas: added, removed, renamed, and each common one compared
//! once, by name, in the direction(s) it is used in.

use super::context::{component_name, object, resolve, shape, At, Diff, Direction};
use super::operations::operations;
use super::schema;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

fn schemas(doc: &Value) -> &Map<String, Value> {
    object(doc.get("components").unwrap_or(&Value::Null), "schemas")
}

/// Pairs each removed component with an added one of the same shape: the
/// Rust type is renamed, nothing else changes.
pub fn renames(old: &Value, new: &Value) -> BTreeMap<String, String> {
    let (o, n) = (schemas(old), schemas(new));
    let mut added: Vec<(&String, Value)> =
        n.iter().filter(|(k, _)| !o.contains_key(*k)).map(|(k, v)| (k, shape(v))).collect();
    let mut renames = BTreeMap::new();
    for (name, schema) in o.iter().filter(|(k, _)| !n.contains_key(*k)) {
        let s = shape(schema);
        if let Some(i) = added.iter().position(|(_, a)| *a == s) {
            renames.insert(name.clone(), added.remove(i).0.clone());
        }
    }
    renames
}

/// The directions each component is reached in from the operations:
/// parameters and request bodies make it a request schema, responses a
/// response schema. References are followed transitively, each once.
fn directions(doc: &Value) -> BTreeMap<String, BTreeSet<Direction>> {
    let mut seen: BTreeSet<(String, Direction)> = BTreeSet::new();
    for op in operations(doc) {
        let params = [op.item.get("parameters"), op.op.get("parameters")];
        for v in params.into_iter().flatten().chain(op.op.get("requestBody")) {
            reach(doc, v, Direction::Request, &mut seen);
        }
        if let Some(v) = op.op.get("responses") {
            reach(doc, v, Direction::Response, &mut seen);
        }
    }
    let mut out: BTreeMap<String, BTreeSet<Direction>> = BTreeMap::new();
    for (r, dir) in seen {
        if let Some(name) = component_name(&r) {
            out.entry(name).or_default().insert(dir);
        }
    }
    out
}

fn reach(doc: &Value, v: &Value, dir: Direction, seen: &mut BTreeSet<(String, Direction)>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if seen.insert((r.clone(), dir)) {
                    let target = resolve(doc, v);
                    if !std::ptr::eq(target, v) {
                        reach(doc, target, dir, seen);
                    }
                }
            }
            for (k, child) in map {
                if k != "$ref" {
                    reach(doc, child, dir, seen);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| reach(doc, i, dir, seen)),
        _ => {}
    }
}

/// Reports added, removed and renamed components, and compares the common
/// ones. A component is compared in every direction it is reached in, in
/// either version (both when unreached: its type is public all the same);
/// each change keeps the stricter direction's rule.
pub fn compare(d: &mut Diff) {
    let (old, new) = (schemas(d.old), schemas(d.new));
    let renames = d.renames.clone();
    for (from, to) in &renames {
        d.report(
            "schema-renamed",
            &At::component(from),
            format!("renamed to {to}"),
            Some(json!(from)),
            Some(json!(to)),
        );
    }
    for name in old.keys().filter(|k| !new.contains_key(*k) && !renames.contains_key(*k)) {
        d.report("schema-removed", &At::component(name), "removed".into(), None, None);
    }
    let renamed: BTreeSet<&String> = renames.values().collect();
    for name in new.keys().filter(|k| !old.contains_key(*k) && !renamed.contains(k)) {
        d.report("schema-added", &At::component(name), "added".into(), None, None);
    }
    let mut dirs = directions(d.old);
    for (name, ds) in directions(d.new) {
        dirs.entry(name).or_default().extend(ds);
    }
    for (name, o) in old {
        let Some(n) = new.get(name) else { continue };
        let used: Vec<Direction> =
            dirs.get(name).map_or_else(|| Direction::BOTH.to_vec(), |s| s.iter().copied().collect());
        let start = d.changes.len();
        for dir in used {
            schema::compare(d, dir, &At::component(name), o, n);
        }
        d.keep_strictest_since(start);
    }
}
