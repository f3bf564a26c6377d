//! Validation of values against the spec's schemas (OpenAPI 3.0 and 3.1
//! forms), and deterministic synthesis of schema-valid values.

use super::spec::Spec;
use serde_json::{json, Map, Number, Value};

/// A value that breaks its schema: where (`messages[0].role`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    /// The field path, empty for the whole value.
    pub param: String,
    /// What is wrong.
    pub message: String,
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn fail(path: &str, message: impl Into<String>) -> Result<(), Violation> {
    Err(Violation { param: path.to_string(), message: message.into() })
}

/// The non-null types a schema names (`type: x` or `type: [x, "null"]`).
fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(t)) if t != "null" => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ => Vec::new(),
    }
}

/// Whether `null` is allowed by the schema itself (not by its members).
fn allows_null(schema: &Value) -> bool {
    schema.get("nullable") == Some(&Value::Bool(true))
        || schema.get("type") == Some(&json!("null"))
        || schema.get("type").and_then(Value::as_array).is_some_and(|ts| ts.iter().any(|t| t == "null"))
        || schema.get("enum").and_then(Value::as_array).is_some_and(|e| e.contains(&Value::Null))
        || schema.get("const") == Some(&Value::Null)
        || schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|m| m.iter().any(|s| s.get("nullable") == Some(&Value::Bool(true))))
}

/// Checks `value` against `schema`; the first violation found.
pub(crate) fn validate(spec: &Spec, schema: &Value, value: &Value, path: &str) -> Result<(), Violation> {
    let schema = spec.resolve(schema);
    let schema = schema.as_ref();
    if value.is_null() {
        if allows_null(schema) {
            return Ok(());
        }
        let members = ["oneOf", "anyOf"].iter().filter_map(|k| schema.get(*k)?.as_array()).flatten();
        if members.clone().any(|m| validate(spec, m, value, path).is_ok()) {
            return Ok(());
        }
        let unconstrained = types(schema).is_empty()
            && ["oneOf", "anyOf", "allOf", "enum", "const", "properties"].iter().all(|k| schema.get(*k).is_none());
        return if unconstrained { Ok(()) } else { fail(path, format!("`{}` must not be null", display(path))) };
    }
    let ts = types(schema);
    if !ts.is_empty() && !ts.iter().any(|t| has_type(value, t)) {
        return fail(path, format!("`{}` must be of type {}, got {}", display(path), ts.join(" or "), kind(value)));
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            return fail(path, format!("`{}` must be {c}", display(path)));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            let list: Vec<String> = e.iter().map(Value::to_string).collect();
            return fail(path, format!("`{}` must be one of {}, got {value}", display(path), list.join(", ")));
        }
    }
    if let Some(n) = value.as_f64() {
        let bound = |k: &str| schema.get(k).and_then(Value::as_f64);
        let too_small = bound("minimum").is_some_and(|m| n < m)
            || bound("exclusiveMinimum").is_some_and(|m| n <= m)
            || (schema.get("exclusiveMinimum") == Some(&Value::Bool(true)) && bound("minimum").is_some_and(|m| n <= m));
        let too_big = bound("maximum").is_some_and(|m| n > m)
            || bound("exclusiveMaximum").is_some_and(|m| n >= m)
            || (schema.get("exclusiveMaximum") == Some(&Value::Bool(true)) && bound("maximum").is_some_and(|m| n >= m));
        if too_small || too_big {
            return fail(path, format!("`{}` is out of range: {n}", display(path)));
        }
    }
    if let Some(obj) = value.as_object() {
        for r in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                let at = child(path, r);
                return fail(&at, format!("`{at}` is required"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (k, v) in obj {
            let at = child(path, k);
            match props.and_then(|p| p.get(k)) {
                Some(p) => validate(spec, p, v, &at)?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => return fail(&at, format!("unknown field `{at}`")),
                    Some(extra @ Value::Object(_)) => validate(spec, extra, v, &at)?,
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = value.as_array() {
        let count = |k: &str| schema.get(k).and_then(Value::as_u64);
        if count("minItems").is_some_and(|m| (items.len() as u64) < m) {
            return fail(path, format!("`{}` has too few items", display(path)));
        }
        if count("maxItems").is_some_and(|m| (items.len() as u64) > m) {
            return fail(path, format!("`{}` has too many items", display(path)));
        }
        if let Some(item) = schema.get("items") {
            for (i, v) in items.iter().enumerate() {
                validate(spec, item, v, &format!("{path}[{i}]"))?;
            }
        }
    }
    for m in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        validate(spec, m, value, path)?;
    }
    for key in ["oneOf", "anyOf"] {
        let Some(members) = schema.get(key).and_then(Value::as_array) else { continue };
        let mut best: Option<Violation> = None;
        let mut ok = false;
        for m in members {
            match validate(spec, m, value, path) {
                Ok(()) => {
                    ok = true;
                    break;
                }
                Err(v) => {
                    if best.as_ref().is_none_or(|b| v.param.len() > b.param.len()) {
                        best = Some(v);
                    }
                }
            }
        }
        if !ok {
            return Err(best.unwrap_or(Violation {
                param: path.to_string(),
                message: format!("`{}` matches no allowed form", display(path)),
            }));
        }
    }
    Ok(())
}

fn display(path: &str) -> &str {
    if path.is_empty() {
        "body"
    } else {
        path
    }
}

fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        _ => true,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Items in a synthesised list of numbers.
const VECTOR_LEN: u64 = 8;

/// A deterministic value valid against `schema`: every property filled,
/// strings by `format`, the first enum value, numbers within range, one
/// array item, the first non-null `oneOf`/`anyOf` member.
pub(crate) fn synthesize(spec: &Spec, schema: &Value) -> Value {
    synth(spec, schema, 0, "")
}

fn synth(spec: &Spec, schema: &Value, depth: usize, name: &str) -> Value {
    let schema = spec.resolve(schema);
    let schema = schema.as_ref();
    if depth > 24 {
        return if allows_null(schema) { Value::Null } else { fallback(schema) };
    }
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array).and_then(|e| e.iter().find(|v| !v.is_null())) {
        return e.clone();
    }
    if schema.get("type") == Some(&json!("null")) || schema.get("type") == Some(&json!(["null"])) {
        return Value::Null;
    }
    if let Some(members) = schema.get("allOf").and_then(Value::as_array) {
        let mut merged = Value::Null;
        let mut own = schema.clone();
        own.as_object_mut().map(|o| o.remove("allOf"));
        for m in members.iter().chain(std::iter::once(&own)) {
            let m_resolved = spec.resolve(m);
            let meaningful = m_resolved.as_object().is_some_and(|o| {
                o.keys().any(|k| !matches!(k.as_str(), "nullable" | "description" | "title" | "default" | "deprecated"))
            });
            if !meaningful {
                continue;
            }
            let v = synth(spec, m, depth + 1, name);
            merged = match (merged, v) {
                (Value::Object(mut a), Value::Object(b)) => {
                    a.extend(b);
                    Value::Object(a)
                }
                (Value::Null, v) => v,
                (a, _) => a,
            };
        }
        if !merged.is_null() {
            return merged;
        }
    }
    for key in ["oneOf", "anyOf"] {
        let Some(members) = schema.get(key).and_then(Value::as_array) else { continue };
        if schema.get("properties").is_none() {
            continue;
        }
        // An object with its own properties and alternatives: its
        // properties, narrowed to the first alternative's when the
        // alternatives only differ by what they require.
        let first = members.first().map(|m| spec.resolve(m).into_owned()).unwrap_or(json!({}));
        let only_required = members.iter().all(|m| {
            let m = spec.resolve(m);
            m.get("properties").is_none() && m.get("type").is_none() && m.get("allOf").is_none()
        });
        let mut own = schema.clone();
        if let Some(o) = own.as_object_mut() {
            o.remove("oneOf");
            o.remove("anyOf");
        }
        if only_required {
            let mut required: Vec<Value> = own.get("required").and_then(Value::as_array).cloned().unwrap_or_default();
            required.extend(first.get("required").and_then(Value::as_array).cloned().unwrap_or_default());
            let props = own.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
            let kept: Map<String, Value> = props.into_iter().filter(|(k, _)| required.contains(&json!(k))).collect();
            own["properties"] = Value::Object(kept);
            return synth(spec, &own, depth + 1, name);
        }
        let mut obj = synth(spec, &own, depth + 1, name);
        if let (Some(o), Value::Object(extra)) = (obj.as_object_mut(), synth(spec, &first, depth + 1, name)) {
            o.extend(extra);
        }
        return obj;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(members) = schema.get(key).and_then(Value::as_array) {
            let mut candidates = members
                .iter()
                .filter(|m| {
                    let m = spec.resolve(m);
                    !(m.get("type") == Some(&json!("null")) || m.get("enum") == Some(&json!([null])))
                })
                .map(|m| synth(spec, m, depth + 1, name));
            let Some(first) = candidates.next() else { continue };
            // A `oneOf` value must match exactly one member: when the first
            // member's value also matches another (members that differ by
            // what they require, with no `additionalProperties: false`),
            // the first member whose value is unambiguous.
            if key == "oneOf" && ambiguous(spec, schema, &first) {
                if let Some(v) = candidates.find(|v| !ambiguous(spec, schema, v)) {
                    return v;
                }
            }
            return first;
        }
    }
    let ts = types(schema);
    let t = ts.first().copied().unwrap_or(if schema.get("properties").is_some() {
        "object"
    } else if schema.get("items").is_some() {
        "array"
    } else {
        ""
    });
    match t {
        "object" => {
            let mut obj = Map::new();
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (k, p) in schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if depth > 8 && !required.contains(&k.as_str()) {
                    continue;
                }
                let v = synth(spec, p, depth + 1, k);
                if !required.contains(&k.as_str()) && ambiguous(spec, p, &v) {
                    // An optional `oneOf` whose members all accept the value is left out.
                    continue;
                }
                obj.insert(k.clone(), v);
            }
            Value::Object(obj)
        }
        "array" => {
            let items = schema.get("items").map(|i| spec.resolve(i).into_owned());
            // A list of numbers is a vector (an embedding): a few varied values.
            let vector = items.as_ref().is_some_and(|i| i.get("type") == Some(&json!("number")));
            let least = if vector { VECTOR_LEN } else { 1 };
            let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(least).max(1) as usize;
            let n = schema.get("maxItems").and_then(Value::as_u64).map_or(n, |m| n.min(m as usize));
            match items {
                Some(i) if vector => {
                    let values = (0..n).map(|k| number(&i, ((k as f64) * 0.7).sin() * 0.5));
                    Value::Array(values.map(|x| Number::from_f64(x).map_or(json!(0), Value::Number)).collect())
                }
                Some(i) => Value::Array(vec![synth(spec, &i, depth + 1, name); n]),
                None => Value::Array(vec![json!("mock"); n]),
            }
        }
        "integer" => Value::Number(Number::from(number(schema, 1.0) as i64)),
        "number" => Number::from_f64(number(schema, 0.5)).map_or(json!(0), Value::Number),
        "boolean" => Value::Bool(true),
        "string" => Value::String(string(schema, name)),
        _ => fallback(schema),
    }
}

/// Whether `value` matches more than one member of the schema's `oneOf`.
fn ambiguous(spec: &Spec, schema: &Value, value: &Value) -> bool {
    let schema = spec.resolve(schema);
    let members = schema.get("oneOf").and_then(Value::as_array);
    members.is_some_and(|m| m.iter().filter(|m| validate(spec, m, value, "").is_ok()).count() > 1)
}

fn fallback(schema: &Value) -> Value {
    match types(schema).first().copied() {
        Some("object") => json!({}),
        Some("array") => json!([]),
        Some("integer") | Some("number") => json!(0),
        Some("boolean") => json!(false),
        _ => json!("mock"),
    }
}

fn number(schema: &Value, preferred: f64) -> f64 {
    let bound = |k: &str| schema.get(k).and_then(Value::as_f64);
    let mut n = preferred;
    if let Some(min) = bound("minimum") {
        n = n.max(if schema.get("exclusiveMinimum") == Some(&Value::Bool(true)) { min + 1.0 } else { min });
    }
    if let Some(min) = bound("exclusiveMinimum") {
        n = n.max(min + 1.0);
    }
    if let Some(max) = bound("maximum") {
        n = n.min(if schema.get("exclusiveMaximum") == Some(&Value::Bool(true)) { max - 1.0 } else { max });
    }
    if let Some(max) = bound("exclusiveMaximum") {
        n = n.min(max - 1.0);
    }
    n
}

/// A 1×1 PNG, base64: what base64 fields (`format: byte`, `b64_json`) carry,
/// so clients that decode them get real bytes.
const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

fn string(schema: &Value, name: &str) -> String {
    let s = match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => "2025-01-15T10:00:00Z".to_string(),
        Some("date") => "2025-01-15".to_string(),
        Some("time") => "10:00:00Z".to_string(),
        Some("uri") | Some("url") | Some("uri-reference") => "https://example.com/mock".to_string(),
        Some("email") => "mock@example.com".to_string(),
        Some("uuid") => "00000000-0000-4000-8000-000000000000".to_string(),
        Some("byte") => PNG_BASE64.to_string(),
        Some("ipv4") => "127.0.0.1".to_string(),
        _ if name == "b64_json" || name == "b64" => PNG_BASE64.to_string(),
        _ if name.is_empty() => "mock".to_string(),
        _ => format!("mock-{name}"),
    };
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = schema.get("maxLength").and_then(Value::as_u64).map_or(usize::MAX, |m| m as usize);
    let mut s = s;
    while s.chars().count() < min {
        s.push('x');
    }
    s.chars().take(max).collect()
}

/// `base` with the fields of `overlay` its schema declares and accepts:
/// how stored objects and request echoes enter a response.
pub(crate) fn overlay(spec: &Spec, schema: &Value, base: &mut Value, overlay: &Map<String, Value>) {
    let Some(obj) = base.as_object_mut() else { return };
    for (k, v) in overlay {
        if let Some(p) = property(spec, schema, k) {
            if validate(spec, &p, v, k).is_ok() {
                obj.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The schema of property `name` of an object schema (through `$ref`,
/// `allOf` and the first `oneOf`/`anyOf` member).
pub(crate) fn property(spec: &Spec, schema: &Value, name: &str) -> Option<Value> {
    let schema = spec.resolve(schema);
    if let Some(p) = schema.get("properties").and_then(|p| p.get(name)) {
        return Some(p.clone());
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for m in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            if let Some(p) = property(spec, m, name) {
                return Some(p);
            }
            if key != "allOf" {
                break;
            }
        }
    }
    None
}
