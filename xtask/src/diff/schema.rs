//! Recursive comparison of two versions of one schema, in one direction.
//!
//! `$ref`s are not followed: both sides naming the same component (or a
//! detected rename of it) is no change here, because every component is
//! compared once on its own, by name. That also keeps the recursion finite
//! on cyclic schemas.

use super::context::{is_true, object, schema_ref, shape, show, At, Diff, Direction};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Validation keywords whose changes are reported as constraint changes.
const CONSTRAINTS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
];

const COMPOSITIONS: &[&str] = &["allOf", "oneOf", "anyOf"];

/// Composition keywords compared as one list of members: `oneOf` and `anyOf`
/// both become an untagged Rust enum, so switching between them is no change.
const MEMBER_GROUPS: &[&[&str]] = &[&["allOf"], &["oneOf", "anyOf"]];

const EMPTY: &Value = &Value::Null;

/// Compares `old` and `new`, reporting under `dir`'s rules at `at`.
pub fn compare(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value) {
    d.prose(at, old, new);
    d.deprecation(&dir.rule("deprecated"), at, old, new);
    let (old_null, new_null) = (nullable(old), nullable(new));
    let (old, new) = (unwrap(old), unwrap(new));
    if old_null != new_null {
        let (kind, what) =
            if new_null { ("nullable-added", "now nullable") } else { ("nullable-removed", "no longer nullable") };
        d.report(&dir.rule(kind), at, what.into(), Some(json!(old_null)), Some(json!(new_null)));
    }
    if let (Some(o), Some(n)) = (schema_ref(old), schema_ref(new)) {
        if o != n && d.renames.get(&o) != Some(&n) {
            d.report(&dir.rule("ref-changed"), at, format!("$ref {o} → {n}"), Some(json!(o)), Some(json!(n)));
        }
        return;
    }
    if kind(old) != kind(new) {
        let (o, n) = (describe(old), describe(new));
        d.report(&dir.rule("type-changed"), at, format!("type {o} → {n}"), Some(json!(o)), Some(json!(n)));
        return;
    }
    keyword(d, dir, at, old, new, "format", "format-changed");
    let (od, nd) = (old.get("default").filter(|v| !v.is_null()), new.get("default").filter(|v| !v.is_null()));
    if od != nd {
        let message = format!("default {} → {}", show(od), show(nd));
        d.report(&dir.rule("default-changed"), at, message, od.cloned(), nd.cloned());
    }
    for key in CONSTRAINTS {
        keyword(d, dir, at, old, new, key, "constraint-changed");
    }
    enums(d, dir, at, old, new);
    properties(d, dir, at, old, new);
    if old.get("items").is_some() || new.get("items").is_some() {
        let (o, n) = (old.get("items").unwrap_or(EMPTY), new.get("items").unwrap_or(EMPTY));
        compare(d, dir, &at.join("[]"), o, n);
    }
    additional_properties(d, dir, at, old, new);
    for keys in MEMBER_GROUPS {
        members(d, dir, at, keys, old, new);
    }
}

/// Whether a value may be null: `nullable: true`, a `null` in a type array,
/// or a `{type: null}` member of a oneOf/anyOf.
fn nullable(s: &Value) -> bool {
    is_true(s, "nullable")
        || types(s).contains(&"null")
        || ["oneOf", "anyOf"].iter().any(|k| array(s, k).iter().any(is_null))
}

fn is_null(s: &Value) -> bool {
    s.get("type").and_then(Value::as_str) == Some("null")
}

/// The schema a wrapper stands for: a composition with a single non-null
/// member and nothing else is that member (`allOf: [$ref X]` + `nullable`,
/// `anyOf: [$ref X, {type: null}]`), as it is for the generated Rust type.
fn unwrap(s: &Value) -> &Value {
    if s.get("type").is_some() || s.get("properties").is_some() {
        return s;
    }
    for key in COMPOSITIONS {
        let members = non_null_members(s, key);
        if let [only] = members.as_slice() {
            if COMPOSITIONS.iter().all(|k| k == key || s.get(k).is_none()) {
                return unwrap(only);
            }
        }
    }
    s
}

fn array<'v>(s: &'v Value, key: &str) -> &'v [Value] {
    s.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn non_null_members<'v>(s: &'v Value, key: &str) -> Vec<&'v Value> {
    array(s, key).iter().filter(|m| !is_null(m)).collect()
}

/// The `type` names, a single one or an array.
fn types(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What a schema is, for deciding whether its type changed: the component it
/// refers to, its types (an enum is its own type, as in Rust; an untyped one
/// takes its values' type), `union` for oneOf/anyOf, `allOf`, or
/// `object`/`any` when untyped.
fn kind(s: &Value) -> String {
    if let Some(name) = schema_ref(s) {
        return name;
    }
    let mut ts: Vec<&str> = types(s).into_iter().filter(|t| *t != "null").collect();
    if ts.is_empty() {
        ts = enum_values(s).into_iter().map(json_type).collect();
        ts.dedup();
    }
    ts.sort_unstable();
    let base = if !ts.is_empty() {
        ts.join("|")
    } else if s.get("oneOf").is_some() || s.get("anyOf").is_some() {
        "union".into()
    } else if s.get("allOf").is_some() {
        "allOf".into()
    } else if s.get("properties").is_some() || s.get("additionalProperties").is_some() {
        "object".into()
    } else {
        "any".into()
    };
    if s.get("enum").is_some() || s.get("const").is_some() {
        format!("{base} enum")
    } else {
        base
    }
}

/// The JSON Schema type name of a value.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// [`kind`] with a composition's members spelled out, for messages.
fn describe(s: &Value) -> String {
    let base = kind(s);
    if base != "union" && base != "allOf" {
        return base;
    }
    let key = COMPOSITIONS.iter().find(|k| s.get(**k).is_some()).expect("a union or allOf has its keyword");
    let members: Vec<String> = non_null_members(s, key).into_iter().map(|m| describe(unwrap(m))).collect();
    format!("{key}({})", members.join(", "))
}

/// Reports a change of one scalar keyword (`format`, `default`, `maximum`...).
fn keyword(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value, key: &str, kind: &str) {
    let (o, n) = (old.get(key), new.get(key));
    if o != n {
        d.report(&dir.rule(kind), at, format!("{key} {} → {}", show(o), show(n)), o.cloned(), n.cloned());
    }
}

/// The allowed values (`const` is a one-value enum).
fn enum_values(s: &Value) -> Vec<&Value> {
    match (s.get("enum"), s.get("const")) {
        (Some(Value::Array(vs)), _) => vs.iter().filter(|v| !v.is_null()).collect(),
        (_, Some(c)) => vec![c],
        _ => Vec::new(),
    }
}

fn enums(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value) {
    let (o, n) = (enum_values(old), enum_values(new));
    for v in &o {
        if !n.contains(v) {
            d.report(&dir.rule("enum-value-removed"), at, format!("enum value {v} removed"), Some((*v).clone()), None);
        }
    }
    for v in &n {
        if !o.contains(v) {
            d.report(&dir.rule("enum-value-added"), at, format!("enum value {v} added"), None, Some((*v).clone()));
        }
    }
}

fn required(s: &Value) -> BTreeSet<&str> {
    array(s, "required").iter().filter_map(Value::as_str).collect()
}

fn properties(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value) {
    let (op, np) = (object(old, "properties"), object(new, "properties"));
    let (or, nr) = (required(old), required(new));
    for (name, o) in op {
        let here = at.join(&format!(".{name}"));
        let Some(n) = np.get(name) else {
            d.report(&dir.rule("property-removed"), &here, "removed".into(), None, None);
            continue;
        };
        d.requiredness(&dir.rule("property"), &here, or.contains(name.as_str()), nr.contains(name.as_str()));
        compare(d, dir, &here, o, n);
    }
    for name in np.keys().filter(|k| !op.contains_key(*k)) {
        let here = at.join(&format!(".{name}"));
        let required = nr.contains(name.as_str());
        let kind = match (dir, required) {
            (Direction::Request, true) => "required-property-added",
            _ => "property-added",
        };
        let what = if required { "added (required)" } else { "added (optional)" };
        d.report(&dir.rule(kind), &here, what.into(), None, None);
    }
}

/// `additionalProperties` as a comparable shape: absent, a boolean, or a schema.
fn extra(s: &Value) -> Option<&Value> {
    match s.get("additionalProperties") {
        Some(Value::Object(m)) if m.is_empty() => Some(&Value::Bool(true)),
        other => other,
    }
}

fn additional_properties(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value) {
    match (extra(old), extra(new)) {
        (Some(o @ Value::Object(_)), Some(n @ Value::Object(_))) => compare(d, dir, &at.join(".*"), o, n),
        (o, n) if o != n => {
            let label = |v: Option<&Value>| match v {
                None => "absent".to_string(),
                Some(Value::Object(_)) => "a schema".to_string(),
                Some(other) => other.to_string(),
            };
            let message = format!("additionalProperties {} → {}", label(o), label(n));
            d.report(&dir.rule("additional-properties-changed"), at, message, o.cloned(), n.cloned());
        }
        _ => {}
    }
}

/// Matches the members under `keys` across versions: members equal up to
/// prose (or `$ref`s to a renamed component) pair up; leftover inline
/// members are compared in order when equally many, the rest are added and
/// removed.
fn members(d: &mut Diff, dir: Direction, at: &At, keys: &[&str], old: &Value, new: &Value) {
    let all = |s| keys.iter().flat_map(|k| non_null_members(s, k)).collect::<Vec<_>>();
    let (mut olds, mut news) = (all(old), all(new));
    let key = keys.iter().find(|k| new.get(**k).is_some()).or_else(|| keys.iter().find(|k| old.get(**k).is_some()));
    let key = key.unwrap_or(&keys[0]);
    olds.retain(|o| {
        let k = shape(o);
        let renamed = schema_ref(o).and_then(|r| d.renames.get(&r).cloned());
        let found = news.iter().position(|n| shape(n) == k || (renamed.is_some() && schema_ref(n) == renamed));
        found.map(|i| news.remove(i)).is_none()
    });
    let (old_inline, old_refs): (Vec<&Value>, Vec<&Value>) = olds.into_iter().partition(|m| schema_ref(m).is_none());
    let (new_inline, new_refs): (Vec<&Value>, Vec<&Value>) = news.into_iter().partition(|m| schema_ref(m).is_none());
    let (mut removed, mut added) = (old_refs, new_refs);
    if old_inline.len() == new_inline.len() {
        for (i, (o, n)) in old_inline.into_iter().zip(new_inline).enumerate() {
            compare(d, dir, &at.join(&format!(".{key}[{i}]")), o, n);
        }
    } else {
        removed.extend(old_inline);
        added.extend(new_inline);
    }
    for o in removed {
        let what = describe(unwrap(o));
        d.report(&dir.rule("member-removed"), at, format!("{key} member {what} removed"), Some(json!(what)), None);
    }
    for n in added {
        let what = describe(unwrap(n));
        d.report(&dir.rule("member-added"), at, format!("{key} member {what} added"), None, Some(json!(what)));
    }
}
