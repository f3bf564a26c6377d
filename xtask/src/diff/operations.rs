//! Operations and what hangs off them: parameters, request bodies, responses.
//!
//! Operations are matched by method and path template (path parameter names
//! aside, since the crate passes them positionally); an operation whose
//! client method name survives elsewhere has moved rather than gone.

use super::context::{is_true, object, resolve, At, Diff, Direction};
use super::schema;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use togetherai_codegen::normalize::{method_names, METHODS};
use togetherai_codegen::spec::{is_json, op_pointer};

/// One operation of a document.
pub struct Op<'a> {
    pub path: &'a str,
    pub method: &'a str,
    /// The path item, for its shared parameters.
    pub item: &'a Value,
    pub op: &'a Value,
    /// The client method's name.
    pub name: String,
}

impl Op<'_> {
    /// `POST /chat/completions`.
    fn label(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    /// The client method's name, as the build's normalization gives it.
    fn method_name(&self) -> String {
        self.name.clone()
    }

    /// The `operationId` the spec writes, empty without one.
    fn spec_id(&self) -> &str {
        self.op.get("operationId").and_then(Value::as_str).unwrap_or_default()
    }

    /// The path with parameter names blanked: `/files/{}`.
    fn template(&self) -> String {
        path_params(self.path).fold(self.path.to_string(), |p, name| p.replace(&format!("{{{name}}}"), "{}"))
    }
}

fn path_params(path: &str) -> impl Iterator<Item = &str> {
    path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

/// Every operation of a document, in path order.
pub fn operations(doc: &Value) -> Vec<Op<'_>> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return Vec::new() };
    let names = method_names(doc);
    let mut ops = Vec::new();
    for (path, item) in paths {
        let item = resolve(doc, item);
        for method in METHODS {
            if let Some(op) = item.get(*method).filter(|op| op.is_object()) {
                let name = names.get(&op_pointer(path, method)).cloned().unwrap_or_default();
                ops.push(Op { path, method, item, op, name });
            }
        }
    }
    ops
}

/// Reports added, removed, moved and renamed operations, and compares the
/// operations present in both versions.
pub fn compare(d: &mut Diff) {
    let key = |op: &Op| (op.method.to_string(), op.template());
    let old: BTreeMap<_, Op> = operations(d.old).into_iter().map(|op| (key(&op), op)).collect();
    let mut added: BTreeMap<_, Op> = operations(d.new).into_iter().map(|op| (key(&op), op)).collect();
    let mut common = Vec::new();
    for (k, o) in old {
        if let Some(n) = added.remove(&k) {
            common.push((o, n));
        } else if let Some(k2) =
            added.iter().find(|(_, n)| n.method_name() == o.method_name()).map(|(k2, _)| k2.clone())
        {
            let n = added.remove(&k2).expect("found above");
            let message = format!("method {} now calls {}", o.method_name(), n.label());
            d.report(
                "operation-moved",
                &At::operation(&o.label()),
                message,
                Some(json!(o.label())),
                Some(json!(n.label())),
            );
            common.push((o, n));
        } else {
            let message = format!("removed, with method {}", o.method_name());
            d.report("operation-removed", &At::operation(&o.label()), message, None, None);
        }
    }
    for n in added.values() {
        d.report("operation-added", &At::operation(&n.label()), format!("new method {}", n.method_name()), None, None);
    }
    for (o, n) in common {
        operation(d, &o, &n);
    }
}

fn operation(d: &mut Diff, o: &Op, n: &Op) {
    let at = At::operation(&n.label());
    let (on, nn) = (o.method_name(), n.method_name());
    if on != nn {
        d.report("operation-renamed", &at, format!("method {on} → {nn}"), Some(json!(on)), Some(json!(nn)));
    }
    let (oi, ni) = (o.spec_id(), n.spec_id());
    if oi != ni {
        d.report("operation-id-changed", &at, format!("operationId `{oi}` → `{ni}`"), Some(json!(oi)), Some(json!(ni)));
    }
    d.prose(&at, o.op, n.op);
    d.deprecation("operation-deprecated", &at, o.op, n.op);
    parameters(d, &at, o, n);
    request_body(d, &at, o.op.get("requestBody"), n.op.get("requestBody"));
    responses(d, &at, o.op, n.op);
}

fn required(v: &Value) -> bool {
    is_true(v, "required")
}

/// An operation's parameters with the path item's, keyed so that versions
/// match: path parameters by position, others by `in` and name.
fn params<'a>(doc: &'a Value, op: &Op<'a>) -> BTreeMap<String, &'a Value> {
    let positions: Vec<&str> = path_params(op.path).collect();
    let mut out = BTreeMap::new();
    for list in [op.item.get("parameters"), op.op.get("parameters")].into_iter().flatten() {
        for p in list.as_array().map_or(&[][..], Vec::as_slice) {
            let p = resolve(doc, p);
            let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
            let place = p.get("in").and_then(Value::as_str).unwrap_or_default();
            let key = match positions.iter().position(|n| *n == name) {
                Some(i) if place == "path" => format!("path #{i}"),
                _ => format!("{place} {name}"),
            };
            out.insert(key, p);
        }
    }
    out
}

/// The schema of a parameter, given directly or through `content`.
fn param_schema(p: &Value) -> Option<&Value> {
    p.get("schema").or_else(|| p.get("content")?.as_object()?.values().next()?.get("schema"))
}

fn name(p: &Value) -> &str {
    p.get("name").and_then(Value::as_str).unwrap_or_default()
}

fn parameters(d: &mut Diff, at: &At, o: &Op, n: &Op) {
    let (old, new) = (params(d.old, o), params(d.new, n));
    for (k, op) in &old {
        let here = at.join(&format!(" parameter {}", name(op)));
        let Some(np) = new.get(k) else {
            d.report("parameter-removed", &here, "removed".into(), None, None);
            continue;
        };
        let here = at.join(&format!(" parameter {}", name(np)));
        if name(op) != name(np) {
            let message = format!("renamed {} → {}", name(op), name(np));
            d.report("path-parameter-renamed", &here, message, Some(json!(name(op))), Some(json!(name(np))));
        }
        d.requiredness("parameter", &here, required(op), required(np));
        d.deprecation("parameter-deprecated", &here, op, np);
        d.prose(&here, op, np);
        if let (Some(os), Some(ns)) = (param_schema(op), param_schema(np)) {
            schema::compare(d, Direction::Request, &here, os, ns);
        }
    }
    for (k, np) in new.iter().filter(|(k, _)| !old.contains_key(*k)) {
        let here = at.join(&format!(" parameter {}", name(np)));
        let (rule, what) = if required(np) || k.starts_with("path") {
            ("parameter-added-required", "added (required)")
        } else {
            ("parameter-added-optional", "added (optional)")
        };
        d.report(rule, &here, what.into(), None, None);
    }
}

/// Compares the media types of a request body or response: added, removed,
/// and the schemas of the common ones (JSON at the location itself, other
/// media types at `location (media/type)`).
fn media(d: &mut Diff, dir: Direction, at: &At, old: &Value, new: &Value) {
    let (o, n) = (object(old, "content"), object(new, "content"));
    for (m, os) in o {
        let Some(ns) = n.get(m) else {
            let kind = match dir {
                Direction::Response if is_json(m) => "json-media-type-removed",
                _ => "media-type-removed",
            };
            d.report(&dir.rule(kind), at, format!("media type {m} removed"), Some(json!(m)), None);
            continue;
        };
        let here = if m == "application/json" { at.clone() } else { at.join(&format!(" ({m})")) };
        if let (Some(os), Some(ns)) = (os.get("schema"), ns.get("schema")) {
            schema::compare(d, dir, &here, os, ns);
        }
    }
    for m in n.keys().filter(|m| !o.contains_key(*m)) {
        d.report(&dir.rule("media-type-added"), at, format!("media type {m} added"), None, Some(json!(m)));
    }
}

fn request_body(d: &mut Diff, at: &At, old: Option<&Value>, new: Option<&Value>) {
    let at = at.join(" request");
    let (old, new) = (old.map(|b| resolve(d.old, b)), new.map(|b| resolve(d.new, b)));
    match (old, new) {
        (None, None) => {}
        (Some(_), None) => d.report("request-body-removed", &at, "removed".into(), None, None),
        (None, Some(b)) if required(b) => {
            d.report("request-body-added-required", &at, "added (required)".into(), None, None)
        }
        (None, Some(_)) => d.report("request-body-added", &at, "added (optional)".into(), None, None),
        (Some(o), Some(n)) => {
            d.requiredness("request-body", &at, required(o), required(n));
            d.prose(&at, o, n);
            media(d, Direction::Request, &at, o, n);
        }
    }
}

fn responses(d: &mut Diff, at: &At, old: &Value, new: &Value) {
    let (o, n) = (object(old, "responses"), object(new, "responses"));
    for (status, or) in o {
        let here = at.join(&format!(" response {status}"));
        let or = resolve(d.old, or);
        let Some(nr) = n.get(status).map(|r| resolve(d.new, r)) else {
            let rule = if status.starts_with('2') { "response-success-removed" } else { "response-error-removed" };
            d.report(rule, &here, "removed".into(), None, None);
            continue;
        };
        d.prose(&here, or, nr);
        media(d, Direction::Response, &here, or, nr);
    }
    for status in n.keys().filter(|s| !o.contains_key(*s)) {
        d.report("response-added", &at.join(&format!(" response {status}")), "added".into(), None, None);
    }
}
