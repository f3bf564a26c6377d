//! Objects created through the mock, by collection, and what each operation
//! does to them, derived from its method and path shape alone.

use super::spec::{Operation, Spec};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// What an operation does to stored objects, by the shape of its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `POST /<collection>`.
    Create(String),
    /// `GET /<collection>`.
    List(String),
    /// `GET /<collection>/{id}`.
    Get(String, String),
    /// `PATCH /<collection>/{id}`.
    Update(String, String),
    /// `DELETE /<collection>/{id}`.
    Delete(String, String),
    /// `POST /<collection>/{id}/cancel`.
    Cancel(String, String),
    /// Anything else.
    Other,
}

impl Shape {
    /// The shape of `op`, with the id from the request's path parameters.
    pub fn of(op: &Operation, params: &[(String, String)]) -> Shape {
        let segs: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
        let is_param = |s: &str| s.starts_with('{');
        let id = params.last().map(|p| p.1.clone()).unwrap_or_default();
        if segs.iter().all(|s| !is_param(s)) {
            let collection = op.path.clone();
            return match op.method.as_str() {
                "post" => Shape::Create(collection),
                "get" => Shape::List(collection),
                _ => Shape::Other,
            };
        }
        let n = segs.len();
        let prefix = |k: usize| format!("/{}", segs[..k].join("/"));
        let literal_prefix = |k: usize| segs[..k].iter().all(|s| !is_param(s));
        if is_param(segs[n - 1]) && literal_prefix(n - 1) {
            let c = prefix(n - 1);
            return match op.method.as_str() {
                "get" => Shape::Get(c, id),
                "patch" | "put" => Shape::Update(c, id),
                "delete" => Shape::Delete(c, id),
                _ => Shape::Other,
            };
        }
        if n >= 2 && segs[n - 1] == "cancel" && is_param(segs[n - 2]) && literal_prefix(n - 2) && op.method == "post" {
            return Shape::Cancel(prefix(n - 2), id);
        }
        Shape::Other
    }
}

/// Whether `collection` keeps what is created in it: a `POST /<collection>`
/// exists whose JSON response has an `id`.
pub(crate) fn is_stateful(spec: &Spec, collection: &str) -> bool {
    let readable = spec.operations.iter().any(|op| {
        let under = op.path.strip_prefix(collection).and_then(|rest| rest.strip_prefix("/{"));
        op.method == "get" && (op.path == collection || under.is_some_and(|r| r.ends_with('}') && !r.contains('/')))
    });
    readable
        && spec.operations.iter().any(|op| {
            op.method == "post"
                && op.path == collection
                && super::json_schema(spec, op).is_some_and(|s| super::schema::property(spec, &s, "id").is_some())
        })
}

/// The stored objects, by collection, in creation order.
#[derive(Debug, Default)]
pub(crate) struct Store {
    collections: BTreeMap<String, Vec<Map<String, Value>>>,
    next: u64,
}

impl Store {
    /// A new id for an object of `collection` (`fine-tune-mock-000001`).
    pub fn new_id(&mut self, collection: &str) -> String {
        self.next += 1;
        let last = collection.rsplit('/').next().unwrap_or("object");
        let singular = last.strip_suffix('s').unwrap_or(last);
        format!("{singular}-mock-{:06}", self.next)
    }

    /// Stores `object` (which has an `id`).
    pub fn insert(&mut self, collection: &str, object: Map<String, Value>) {
        self.collections.entry(collection.to_string()).or_default().push(object);
    }

    /// Every object of `collection`.
    pub fn list(&self, collection: &str) -> Vec<Map<String, Value>> {
        self.collections.get(collection).cloned().unwrap_or_default()
    }

    /// The object with `id`, to read or change.
    pub fn get_mut(&mut self, collection: &str, id: &str) -> Option<&mut Map<String, Value>> {
        self.collections.get_mut(collection)?.iter_mut().find(|o| o.get("id").and_then(Value::as_str) == Some(id))
    }

    /// Removes the object with `id`; whether it was there.
    pub fn remove(&mut self, collection: &str, id: &str) -> Option<Map<String, Value>> {
        let objects = self.collections.get_mut(collection)?;
        let at = objects.iter().position(|o| o.get("id").and_then(Value::as_str) == Some(id))?;
        Some(objects.remove(at))
    }
}
