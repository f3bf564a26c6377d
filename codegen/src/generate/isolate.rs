//! When progenitor (or typify inside it, or a pass) fails on a document,
//! the build still succeeds with what can be generated: the component
//! schemas and then the operations it fails on, each alone, are found by
//! generating reduced documents; such a schema is read as any JSON value
//! (a warning naming it), such an operation is left out (an entry of
//! `notes.unsupported`, which the build prints as a warning), each with
//! progenitor's message. Panics are caught without printing
//! ([`catch`]), so the search makes no noise.

use crate::normalize::{Notes, Unsupported};
use crate::spec::{collect_refs, esc, op_id, op_pointer, operations, reachable, unesc};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

thread_local! {
    /// How deep this thread is in [`catch`]: its panics are recorded, not printed.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// Where the last caught panic happened.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic inside it is an error with its message and place,
/// and is not printed. Other threads' panics print as before: the hook
/// this installs (once) records only on threads inside `catch`.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) > 0 {
                let place = info.location().map(|l| format!("{}:{}", short_path(l.file()), l.line()));
                LOCATION.with(|l| *l.borrow_mut() = place);
            } else {
                previous(info);
            }
        }));
    });
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = LOCATION.with(|l| l.borrow_mut().take());
        let first = message.lines().next().unwrap_or_default().trim_end_matches([' ', '{', '(', ':']);
        let mut short: String = first.chars().take(200).collect();
        if short.len() < first.len() || message.lines().count() > 1 {
            short.push_str(" ...");
        }
        match place {
            Some(place) => format!("{short} (at {place})"),
            None => short,
        }
    })
}

/// `typify-impl-0.8.0/src/merge.rs` of a path into the registry.
fn short_path(file: &str) -> String {
    let parts: Vec<&str> = file.split(['/', '\\']).collect();
    match parts.iter().rposition(|p| *p == "src") {
        Some(i) if i > 0 => parts[i - 1..].join("/"),
        _ => file.to_string(),
    }
}

/// Why an attempt failed.
pub enum Failure {
    /// The document is not one openapiv3 reads: an error naming the place.
    Unreadable(String),
    /// progenitor (or typify) failed: a panic or an error.
    Progenitor(String),
    /// A pass failed, or found other than the spec calls for.
    Passes(String),
}

impl Failure {
    fn message(&self) -> &str {
        match self {
            Failure::Unreadable(m) | Failure::Progenitor(m) | Failure::Passes(m) => m,
        }
    }
}

/// What one successful attempt made.
pub type Made = (syn::File, Vec<(&'static str, usize)>);

/// progenitor on `doc`, and with `passes` the passes on its output.
fn attempt(doc: &Value, notes: &Notes, passes: bool) -> Result<Made, Failure> {
    let spec = super::openapi(doc.clone()).map_err(Failure::Unreadable)?;
    let mut file = super::progenitor_file(&spec, notes).map_err(Failure::Progenitor)?;
    if !passes {
        return Ok((file, Vec::new()));
    }
    let cx = super::Context::new(doc, notes);
    let done = catch(|| super::run_passes(&mut file, &cx))
        .map_err(|panic| Failure::Passes(format!("a pass panicked: {panic}")))?
        .map_err(Failure::Passes)?;
    Ok((file, done))
}

/// How many times the search starts again (each time something was found
/// and changed, and the whole still fails).
const ROUNDS: usize = 4;

/// Generates what can be: see the module's documentation. The document
/// as generated comes back with the code and the passes' counts.
pub fn generate_what_can_be(mut doc: Value, notes: &mut Notes) -> Result<(Value, Made), String> {
    let first = match attempt(&doc, notes, true) {
        Ok(made) => return Ok((doc, made)),
        Err(Failure::Unreadable(e)) => return Err(e),
        Err(f) => f,
    };
    // The schemas progenitor fails on: with no operations, alone, the
    // other schemas as any value (or, failing that, with what they refer to);
    // when a pass failed, with the passes (and notes of no operation).
    let passes = matches!(first, Failure::Passes(_));
    let mut bare_notes = notes.clone();
    bare_notes.streams.clear();
    bare_notes.effects.clear();
    for _ in 0..ROUNDS {
        let bare = only_schemas(&doc, None);
        match attempt(&bare, &bare_notes, passes) {
            Ok(_) => break,
            Err(Failure::Unreadable(e)) => return Err(e),
            Err(_) => {}
        }
        let names: Vec<String> = schema_names(&doc);
        let alone = |group: &[String]| only_schemas(&doc, Some((group, false)));
        let fails = |d: &Value| attempt(d, &bare_notes, passes).is_err();
        let mut culprits = find(&names, &mut |group| fails(&alone(group)));
        let with_refs = |group: &[String]| only_schemas(&doc, Some((group, true)));
        if culprits.is_empty() {
            culprits = find(&names, &mut |group| fails(&with_refs(group)));
        }
        if culprits.is_empty() {
            break;
        }
        let found: Vec<(String, String)> = culprits
            .into_iter()
            .map(|name| {
                let why = attempt(&alone(std::slice::from_ref(&name)), &bare_notes, passes)
                    .err()
                    .or_else(|| attempt(&with_refs(std::slice::from_ref(&name)), &bare_notes, passes).err());
                let why = why.as_ref().map_or("", Failure::message).to_string();
                (name, why)
            })
            .collect();
        for (name, why) in found {
            let at = format!("/components/schemas/{}", esc(&name));
            if let Some(schema) = doc.pointer_mut(&at) {
                let description = schema.get("description").cloned();
                *schema = json!({});
                if let Some(d) = description {
                    schema["description"] = d;
                }
            }
            notes.warn("generate", format!("`{at}` cannot be generated ({why}): read as any JSON value"));
        }
    }
    // The operations it fails on, each with what it refers to.
    let mut last = first;
    for _ in 0..ROUNDS {
        match attempt(&doc, notes, true) {
            Ok(made) => return Ok((doc, made)),
            Err(Failure::Unreadable(e)) => return Err(e),
            Err(f) => last = f,
        }
        let passes = matches!(last, Failure::Passes(_));
        let ops = operations(&doc);
        let reduced = |group: &[(String, String)]| {
            let d = only_operations(&doc, group);
            let ids: BTreeSet<String> = group.iter().map(|(p, m)| op_id(&doc, p, m)).collect();
            let mut n = notes.clone();
            n.streams.retain(|s| ids.contains(&s.operation_id));
            n.effects.retain(|id, _| ids.contains(id));
            (d, n)
        };
        let culprits = find(&ops, &mut |group| {
            let (d, n) = reduced(group);
            attempt(&d, &n, passes).is_err()
        });
        if culprits.is_empty() {
            break;
        }
        let found: Vec<(String, String, String)> = culprits
            .into_iter()
            .map(|(path, method)| {
                let (d, n) = reduced(&[(path.clone(), method.clone())]);
                let why = attempt(&d, &n, passes).err().map(|f| f.message().to_string()).unwrap_or_default();
                (path, method, why)
            })
            .collect();
        for (path, method, why) in found {
            leave_out(&mut doc, notes, &path, &method, &why);
        }
    }
    Err(format!("{} (it fails on the whole document, but on no one operation or schema)", last.message()))
}

/// The items `fails` fails on alone, by halving: a group that does not
/// fail holds none (a failure needing two items in different halves is
/// not found).
fn find<T: Clone>(items: &[T], fails: &mut dyn FnMut(&[T]) -> bool) -> Vec<T> {
    if items.is_empty() || !fails(items) {
        return Vec::new();
    }
    if items.len() == 1 {
        return items.to_vec();
    }
    let (a, b) = items.split_at(items.len() / 2);
    let mut found = find(a, fails);
    found.extend(find(b, fails));
    found
}

fn schema_names(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default()
}

/// `doc` without operations; with `Some((group, false))` only the schemas
/// of `group` as they are and the others as any value, with
/// `Some((group, true))` only those of `group` and those they refer to.
fn only_schemas(doc: &Value, group: Option<(&[String], bool)>) -> Value {
    let mut d = doc.clone();
    if let Value::Object(root) = &mut d {
        root.insert("paths".into(), json!({}));
    }
    let Some((group, with_refs)) = group else { return d };
    let keep: BTreeSet<String> =
        if with_refs { reachable(doc, group.to_vec()) } else { group.iter().cloned().collect() };
    if let Some(Value::Object(schemas)) = d.pointer_mut("/components/schemas") {
        if with_refs {
            schemas.retain(|name, _| keep.contains(name));
        } else {
            for (name, schema) in schemas.iter_mut() {
                if !keep.contains(name) {
                    *schema = json!({});
                }
            }
        }
    }
    d
}

/// `doc` with only the operations of `group`, and the schemas they refer to.
fn only_operations(doc: &Value, group: &[(String, String)]) -> Value {
    let mut d = doc.clone();
    let mut refs = Vec::new();
    if let Some(Value::Object(paths)) = d.get_mut("paths") {
        paths.retain(|path, _| group.iter().any(|(p, _)| p == path));
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            item.retain(|key, _| {
                !crate::spec::METHODS.contains(&key.as_str()) || group.iter().any(|(p, m)| p == path && m == key)
            });
            collect_refs(&Value::Object(item.clone()), &mut refs);
        }
    }
    // What the non-schema components the operations use refer to, too.
    for section in ["parameters", "responses", "requestBodies", "headers"] {
        if let Some(v) = doc.pointer(&format!("/components/{section}")) {
            collect_refs(v, &mut refs);
        }
    }
    let start = refs.iter().filter_map(|r| r.strip_prefix("/components/schemas/")).map(unesc).collect();
    let keep = reachable(doc, start);
    if let Some(Value::Object(schemas)) = d.pointer_mut("/components/schemas") {
        schemas.retain(|name, _| keep.contains(name));
    }
    d
}

/// Leaves an operation out, recording it with progenitor's message.
fn leave_out(doc: &mut Value, notes: &mut Notes, path: &str, method: &str, why: &str) {
    let operation_id = op_id(doc, path, method);
    if let Some(Value::Object(item)) = doc.pointer_mut(&format!("/paths/{}", esc(path))) {
        item.remove(method);
    }
    notes.log.push(format!("generate: {}: left out: {why}", op_pointer(path, method)));
    notes.effects.remove(&operation_id);
    notes.streams.retain(|s| s.operation_id != operation_id);
    let reason = format!("progenitor cannot generate it: {why}");
    notes.unsupported.push(Unsupported { operation_id, method: method.to_uppercase(), path: path.to_string(), reason });
}

/// A JSON pointer for a path serde_path_to_error reports (`paths./a.get` is
/// `/paths/~1a/get`); `/` for the document itself.
pub fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let at: String = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", esc(key))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect();
    if at.is_empty() {
        "/".into()
    } else {
        at
    }
}

/// Where in `doc` the value is that openapiv3 cannot read, from where it
/// said (`at`): serde loses its way inside untagged and flattened types
/// (`ReferenceOr`, a schema), so each part below `at` whose type is known
/// from its place is read again alone, down to the deepest that fails;
/// then, when the message names the value (`invalid type: string "yes"`),
/// the place of that value inside it.
pub fn locate(doc: &Value, at: String, message: &str) -> String {
    let mut at = at;
    for _ in 0..64 {
        let Some(v) = doc.pointer(if at == "/" { "" } else { &at }) else { break };
        let base = if at == "/" { "" } else { at.as_str() };
        let children: Vec<(String, &Value)> = match v {
            Value::Object(map) => map.iter().map(|(k, c)| (format!("{base}/{}", esc(k)), c)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(i, c)| (format!("{base}/{i}"), c)).collect(),
            _ => Vec::new(),
        };
        let deeper = children.into_iter().find_map(|(here, child)| {
            let rel = unreadable_as_placed(&here, child)?;
            Some(if rel == "/" { here } else { format!("{here}{rel}") })
        });
        match deeper {
            Some(d) if d != at => at = d,
            _ => break,
        }
    }
    // The value the message names, inside the place found.
    let named = value_named(message);
    let inside = named.and_then(|named| {
        let v = doc.pointer(if at == "/" { "" } else { &at })?;
        find_value(v, &named, if at == "/" { "" } else { &at })
    });
    inside.unwrap_or(at)
}

/// The place inside `v` (at `at`) openapiv3 cannot read it, when its place
/// says what it must be (a path item, an operation, a parameter, a
/// schema...), as a pointer relative to `at` (`/` for `v` itself).
fn unreadable_as_placed(at: &str, v: &Value) -> Option<String> {
    macro_rules! read_as {
        ($t:ty) => {
            serde_path_to_error::deserialize::<_, $t>(v).err().map(|e| pointer(e.path()))
        };
    }
    let parts: Vec<&str> = at.split('/').skip(1).collect();
    let n = parts.len();
    let last = |i: usize| if n >= i { parts[n - i] } else { "" };
    if v.get("$ref").is_some() {
        return None;
    }
    match (parts.first().copied().unwrap_or_default(), n) {
        ("paths", 2) => return read_as!(openapiv3::PathItem),
        ("paths", 3) if crate::spec::METHODS.contains(&last(1)) => return read_as!(openapiv3::Operation),
        ("components", 3) => {
            return match parts[1] {
                "schemas" => read_as!(openapiv3::Schema),
                "parameters" => read_as!(openapiv3::Parameter),
                "responses" => read_as!(openapiv3::Response),
                "requestBodies" => read_as!(openapiv3::RequestBody),
                "headers" => read_as!(openapiv3::Header),
                "securitySchemes" => read_as!(openapiv3::SecurityScheme),
                _ => None,
            }
        }
        _ => {}
    }
    match (last(2), last(1)) {
        ("parameters", i) if i.parse::<usize>().is_ok() => read_as!(openapiv3::Parameter),
        ("responses", _) if parts.first() == Some(&"paths") => read_as!(openapiv3::Response),
        (_, "requestBody") => read_as!(openapiv3::RequestBody),
        ("content", _) => read_as!(openapiv3::MediaType),
        ("headers", _) => read_as!(openapiv3::Header),
        (_, "schema" | "items" | "additionalProperties" | "not") => read_as!(openapiv3::Schema),
        ("properties" | "allOf" | "anyOf" | "oneOf", _) => read_as!(openapiv3::Schema),
        _ => None,
    }
}

/// The value a serde message names (`invalid type: string "yes", expected
/// a boolean`, ``unknown variant `weird` ``, ``invalid value: integer `-1` ``).
fn value_named(message: &str) -> Option<Value> {
    let quoted = |s: &str, open: char, close: char| {
        let start = s.find(open)? + 1;
        let end = s[start..].find(close)? + start;
        Some(s[start..end].to_string())
    };
    for (prefix, kind) in [
        ("string \"", "string"),
        ("variant `", "string"),
        ("integer `", "number"),
        ("floating point `", "number"),
        ("boolean `", "bool"),
    ] {
        let Some(i) = message.find(prefix) else { continue };
        let rest = &message[i + prefix.len() - 1..];
        let text = if kind == "string" && prefix.starts_with("string") {
            quoted(rest, '"', '"')
        } else {
            quoted(rest, '`', '`')
        }?;
        return match kind {
            "string" => Some(Value::String(text)),
            "number" => serde_json::from_str(&text).ok(),
            _ => Some(Value::Bool(text == "true")),
        };
    }
    None
}

/// The first place inside `v` holding `named`, examples aside.
fn find_value(v: &Value, named: &Value, at: &str) -> Option<String> {
    match v {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "example" | "examples" | "description"))
            .find_map(|(k, c)| find_value(c, named, &format!("{at}/{}", esc(k)))),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, c)| find_value(c, named, &format!("{at}/{i}"))),
        scalar => (scalar == named).then(|| at.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caught_panics_are_errors_with_their_place() {
        let err = catch(|| panic!("not yet implemented: invalid type: unknown\nmore")).unwrap_err();
        assert!(
            err.starts_with("not yet implemented: invalid type: unknown ... (at codegen/src/generate/isolate.rs:"),
            "{err}"
        );
        assert_eq!(catch(|| 2).unwrap(), 2);
        assert_eq!(
            short_path("/root/.cargo/registry/src/index/typify-impl-0.8.0/src/merge.rs"),
            "typify-impl-0.8.0/src/merge.rs"
        );
    }

    #[test]
    fn the_search_finds_each_item_that_fails_alone() {
        let items: Vec<u32> = (0..20).collect();
        let mut tries = 0;
        let found = find(&items, &mut |group| {
            tries += 1;
            group.contains(&3) || group.contains(&17)
        });
        assert_eq!(found, [3, 17]);
        assert!(tries < 20, "{tries}");
    }

    #[test]
    fn reduced_documents_keep_what_they_refer_to() {
        let doc = json!({ "paths": { "/a": { "get": { "responses": { "200": { "content": { "application/json": {
            "schema": { "$ref": "#/components/schemas/A" } } } } } } }, "/b": { "get": {} } },
            "components": { "schemas": { "A": { "properties": { "b": { "$ref": "#/components/schemas/B" } } }, "B": {}, "C": {} } } });
        let d = only_operations(&doc, &[("/a".into(), "get".into())]);
        assert_eq!(
            d.pointer("/components/schemas").unwrap().as_object().unwrap().keys().collect::<Vec<_>>(),
            ["A", "B"]
        );
        assert!(d.pointer("/paths/~1b").is_none());
        let d = only_schemas(&doc, Some((&["A".to_string()], false)));
        assert_eq!(d.pointer("/components/schemas/B").unwrap(), &json!({}));
        assert_eq!(d["paths"], json!({}));
    }

    #[test]
    fn unreadable_places_are_found_below_untagged_types() {
        let doc = json!({ "openapi": "3.0.3", "info": { "title": "t", "version": "1" }, "paths": { "/a": { "get": {
            "deprecated": "yes", "responses": {} } } } });
        let err = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc).unwrap_err();
        let at = locate(&doc, pointer(err.path()), &err.inner().to_string());
        assert_eq!(at, "/paths/~1a/get/deprecated");
        let doc = json!({ "openapi": "3.0.3", "info": { "title": "t", "version": "1" }, "paths": { "/a": { "get": {
            "parameters": [{ "name": "x", "in": "weird", "schema": {} }], "responses": {} } } } });
        let err = serde_path_to_error::deserialize::<_, openapiv3::OpenAPI>(&doc).unwrap_err();
        let at = locate(&doc, pointer(err.path()), &err.inner().to_string());
        assert_eq!(at, "/paths/~1a/get/parameters/0/in", "{}", err.inner());
    }
}
