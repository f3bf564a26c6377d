//! The pipeline never panics: the shared upstream specs, mutated at random
//! (schemas, parameters and properties removed or retyped, unknown type
//! names, dangling `$ref`s, odd path templates, duplicate names, Swagger 2
//! constructs, values of the wrong type, several mutations per case), each
//! generate code or fail with an error naming a place (a JSON pointer or a
//! line). No mutated spec is compiled.
//!
//! `MUTATION_CASES` sets the number of cases (48 by default, 16 in a debug
//! build, where the pipeline is about eight times slower, so that a plain
//! `cargo test` stays quick; CI runs
//! `MUTATION_CASES=2000 cargo test --release -p togetherai-codegen --test mutations`),
//! spread over `MUTATION_THREADS` threads (the machine's cores by default),
//! case `i` drawing from the seed `MUTATION_SEED + i` (fixed by default, so
//! a run is the same whatever the threads); `MUTATION_SHOW=all` (or
//! `left-out`) prints the cases as they run, and with `MUTATION_DUMP=DIR`
//! writes each thread's current spec there.
//! Without `../shared/specs` beside the workspace the test prints why it
//! skips and passes.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use togetherai_codegen::spec::{esc, operations, schema_pointers, METHODS};

/// One mutation, as drawn: what to do and numbers that pick where and how.
#[derive(Debug, Clone)]
struct Mutation {
    kind: Kind,
    at: u64,
    how: u64,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    RemoveSchema,
    RetypeSchema,
    RemoveProperty,
    ReplaceProperty,
    OddRef,
    OddPath,
    OddParameter,
    Swagger2Parameter,
    Swagger2Response,
    DuplicateName,
    WrongType,
    RemoveKey,
    OddEnum,
    OddRequired,
    OddMethod,
    OddMedia,
    Recursion,
}

const KINDS: &[Kind] = &[
    Kind::RemoveSchema,
    Kind::RetypeSchema,
    Kind::RemoveProperty,
    Kind::ReplaceProperty,
    Kind::OddRef,
    Kind::OddPath,
    Kind::OddParameter,
    Kind::Swagger2Parameter,
    Kind::Swagger2Response,
    Kind::DuplicateName,
    Kind::WrongType,
    Kind::RemoveKey,
    Kind::OddEnum,
    Kind::OddRequired,
    Kind::OddMethod,
    Kind::OddMedia,
    Kind::Recursion,
];

fn mutation() -> impl Strategy<Value = Mutation> {
    (0..KINDS.len(), any::<u64>(), any::<u64>()).prop_map(|(k, at, how)| Mutation { kind: KINDS[k], at, how })
}

fn pick<T: Clone>(items: &[T], n: u64) -> Option<T> {
    (!items.is_empty()).then(|| items[(n % items.len() as u64) as usize].clone())
}

/// Type names, right, wrong and missing.
fn odd_type(n: u64) -> Value {
    let types = [
        json!("unknown"),
        json!("Integer"),
        json!("str"),
        json!("file"),
        json!("any"),
        json!("STRING"),
        json!(5),
        Value::Null,
        json!(["integer", "string"]),
        json!(["null"]),
        json!([]),
        json!("object"),
        json!("array"),
        json!("string"),
        json!("integer"),
        json!("boolean"),
        json!("number"),
        json!("null"),
        json!({ "type": "string" }),
    ];
    pick(&types, n).unwrap_or_default()
}

/// Schemas a property or a parameter may be replaced with.
fn odd_schema(doc: &Value, n: u64) -> Value {
    let component = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .and_then(|s| pick(&s.keys().cloned().collect::<Vec<_>>(), n / 7))
        .unwrap_or_default();
    let schemas = [
        json!({ "type": odd_type(n / 3) }),
        json!(true),
        json!(false),
        json!("x"),
        json!({}),
        json!(null),
        json!({ "$ref": format!("#/components/schemas/{}", esc(&component)) }),
        json!({ "$ref": "#/components/schemas/Missing" }),
        json!({ "enum": [1, "a", true] }),
        json!({ "type": "string", "enum": [] }),
        json!({ "type": "string", "enum": [1, 2, "a", "a"] }),
        json!({ "allOf": [] }),
        json!({ "oneOf": [] }),
        json!({ "allOf": [{ "type": "integer" }, { "type": "string" }] }),
        json!({ "not": { "type": "string" } }),
        json!({ "type": "array" }),
        json!({ "type": "array", "items": [{ "type": "string" }, { "type": "integer" }] }),
        json!({ "type": "object", "additionalProperties": {} }),
        json!({ "type": "object", "additionalProperties": true }),
        json!({ "type": "integer", "default": "abc", "example": "x", "minimum": "low" }),
        json!({ "type": "string", "format": "weird", "pattern": "([" }),
        json!({ "type": "integer", "format": "uint8", "x-nullable": true }),
        json!({ "type": "object", "required": ["ghost"], "properties": { "a": { "type": "string" } } }),
        json!({ "$ref": format!("#/components/schemas/{}", esc(&component)), "nullable": true, "description": "x" }),
        json!({ "type": "object", "properties": { "self": {}, "type": {}, "2x": {}, "a-b": {}, "": {} } }),
        json!({ "anyOf": [{ "type": "string" }, { "type": "object", "properties": { "n": { "type": "integer" } } }] }),
        json!({ "oneOf": [{ "$ref": "#/components/schemas/Missing" }], "discriminator": { "propertyName": "t", "mapping": { "a": "#/components/schemas/Gone" } } }),
        json!({ "type": "string", "nullable": "yes", "readOnly": 1 }),
    ];
    pick(&schemas, n).unwrap_or_default()
}

/// Names that are hard to make Rust names.
fn odd_name(n: u64) -> String {
    let names = [
        "client",
        "type",
        "my-id",
        "2x",
        "",
        "self",
        "body",
        "options",
        "header",
        "url",
        "a.b",
        "with space",
        "Self",
        "new",
        "error",
        "send",
    ];
    pick(&names, n).unwrap_or_default().to_string()
}

/// Every pointer in the document outside examples.
fn all_pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match v {
        Value::Object(map) => {
            for (k, c) in map.iter().filter(|(k, _)| !matches!(k.as_str(), "example" | "examples")) {
                all_pointers(c, &format!("{at}/{}", esc(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, c) in items.iter().enumerate() {
                all_pointers(c, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The parent's pointer and the last key of `at`.
fn split(at: &str) -> Option<(&str, String)> {
    let i = at.rfind('/')?;
    Some((&at[..i], togetherai_codegen::spec::unesc(&at[i + 1..])))
}

fn remove(doc: &mut Value, at: &str) -> bool {
    let Some((parent, key)) = split(at) else { return false };
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => map.shift_remove(&key).is_some(),
        Some(Value::Array(items)) => match key.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

fn set(doc: &mut Value, at: &str, value: Value) -> bool {
    match doc.pointer_mut(at) {
        Some(place) => {
            *place = value;
            true
        }
        None => false,
    }
}

/// Every parameter in the document, as pointers.
fn parameters(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            let Value::Object(item) = item else { continue };
            for (key, op) in item {
                let list = if key == "parameters" { Some(op) } else { op.get("parameters") };
                let base = if key == "parameters" {
                    format!("/paths/{}/parameters", esc(path))
                } else {
                    format!("/paths/{}/{}/parameters", esc(path), esc(key))
                };
                if let Some(Value::Array(params)) = list {
                    out.extend((0..params.len()).map(|i| format!("{base}/{i}")));
                }
            }
        }
    }
    if let Some(Value::Object(c)) = doc.pointer("/components/parameters") {
        out.extend(c.keys().map(|k| format!("/components/parameters/{}", esc(k))));
    }
    out
}

/// Applies `m` to `doc`; what it did, for the failure message.
fn apply(doc: &mut Value, m: &Mutation) -> String {
    let schemas: Vec<String> = schema_pointers(doc).into_iter().collect();
    let components: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    let ops = operations(doc);
    let (at, how) = (m.at, m.how);
    match m.kind {
        Kind::RemoveSchema => {
            let Some(name) = pick(&components, at) else { return "no schema to remove".into() };
            let p = format!("/components/schemas/{}", esc(&name));
            remove(doc, &p);
            format!("removed {p}")
        }
        Kind::RetypeSchema => {
            let Some(p) = pick(&schemas, at) else { return "no schema".into() };
            let t = odd_type(how);
            if let Some(Value::Object(map)) = doc.pointer_mut(&p) {
                map.insert("type".into(), t.clone());
            }
            format!("{p}/type = {t}")
        }
        Kind::RemoveProperty | Kind::ReplaceProperty => {
            let with: Vec<String> = schemas
                .iter()
                .filter(|p| {
                    doc.pointer(p)
                        .and_then(|s| s.get("properties"))
                        .and_then(Value::as_object)
                        .is_some_and(|p| !p.is_empty())
                })
                .cloned()
                .collect();
            let Some(p) = pick(&with, at) else { return "no properties".into() };
            let names: Vec<String> = doc
                .pointer(&format!("{p}/properties"))
                .and_then(Value::as_object)
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            let Some(name) = pick(&names, how) else { return "no property".into() };
            let q = format!("{p}/properties/{}", esc(&name));
            if matches!(m.kind, Kind::RemoveProperty) {
                remove(doc, &q);
                format!("removed {q}")
            } else {
                let s = odd_schema(doc, how / 17);
                set(doc, &q, s.clone());
                format!("{q} = {s}")
            }
        }
        Kind::OddRef => {
            let mut all = Vec::new();
            all_pointers(doc, "", &mut all);
            let refs: Vec<String> = all.into_iter().filter(|p| p.ends_with("/$ref")).collect();
            let Some(p) = pick(&refs, at) else { return "no $ref".into() };
            let odd = pick(
                &[
                    json!("#/components/schemas/Missing"),
                    json!("other.yaml#/components/schemas/X"),
                    json!("#"),
                    json!("#/paths"),
                    json!("#/components/schemas/A%20B"),
                    json!("#/definitions/Missing"),
                    json!(5),
                    json!(""),
                    json!("#/components/parameters/Missing"),
                    json!("#/components/responses/Missing"),
                ],
                how,
            )
            .unwrap_or_default();
            set(doc, &p, odd.clone());
            format!("{p} = {odd}")
        }
        Kind::OddPath => {
            let paths: Vec<String> =
                doc.get("paths").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
            let Some(path) = pick(&paths, at) else { return "no path".into() };
            let new = match how % 9 {
                0 => format!("{path}:stop"),
                1 => path.replacen('/', "//", 1),
                2 => format!("{path}/"),
                3 => path.trim_start_matches('/').to_string(),
                4 => format!("{path}/{{undeclared}}"),
                5 => format!("{path}/{{unclosed"),
                6 => format!("{path}/{{{}}}", odd_name(how / 9)),
                7 => path.to_uppercase(),
                _ => format!("{path}/v{{version}}.json"),
            };
            if let Some(Value::Object(p)) = doc.get_mut("paths") {
                if let Some(item) = p.shift_remove(&path) {
                    p.insert(new.clone(), item);
                }
            }
            format!("path `{path}` -> `{new}`")
        }
        Kind::OddParameter => {
            let params = parameters(doc);
            let Some(p) = pick(&params, at) else { return "no parameter".into() };
            let what = how % 12;
            let Some(Value::Object(param)) = doc.pointer_mut(&p) else { return format!("{p} is not a parameter") };
            let done = match what {
                0 => {
                    param.insert(
                        "in".into(),
                        pick(
                            &[
                                json!("body"),
                                json!("formData"),
                                json!("cookie"),
                                json!("weird"),
                                json!("Query"),
                                json!(3),
                            ],
                            how / 12,
                        )
                        .unwrap_or_default(),
                    );
                    format!("{p}/in = {}", param["in"])
                }
                1 => {
                    param.remove("schema");
                    format!("removed {p}/schema")
                }
                2 => {
                    param.insert("content".into(), json!({ "application/json": { "schema": { "type": "object" } } }));
                    format!("{p}/content added")
                }
                3 => {
                    param.insert("required".into(), json!(false));
                    format!("{p}/required = false")
                }
                4 => {
                    let name = odd_name(how / 12);
                    param.insert("name".into(), json!(name));
                    format!("{p}/name = {name:?}")
                }
                5 => {
                    param.remove("name");
                    format!("removed {p}/name")
                }
                6 => {
                    param.remove("in");
                    format!("removed {p}/in")
                }
                7 => {
                    param.insert("schema".into(), odd_schema(&Value::Null, how / 12));
                    format!("{p}/schema = {}", param["schema"])
                }
                8 => {
                    param.insert("in".into(), json!("path"));
                    format!("{p}/in = path")
                }
                _ => {
                    let copy = Value::Object(param.clone());
                    if let Some((list, _)) = split(&p) {
                        if let Some(Value::Array(items)) = doc.pointer_mut(list) {
                            items.push(copy);
                        }
                    }
                    format!("{p} declared twice")
                }
            };
            done
        }
        Kind::Swagger2Parameter => {
            let params = parameters(doc);
            let Some(p) = pick(&params, at) else { return "no parameter".into() };
            let Some(Value::Object(param)) = doc.pointer_mut(&p) else { return format!("{p} is not a parameter") };
            if let Some(Value::Object(schema)) = param.remove("schema") {
                for (k, v) in schema {
                    param.insert(k, v);
                }
            }
            if how % 3 == 0 {
                param.insert("collectionFormat".into(), json!("csv"));
            }
            if how % 5 == 0 {
                param.insert("x-nullable".into(), json!(true));
            }
            format!("{p} written Swagger 2 style")
        }
        Kind::Swagger2Response => {
            let Some((path, method)) = pick(&ops, at) else { return "no operation".into() };
            let op = format!("/paths/{}/{method}", esc(&path));
            let Some(Value::Object(o)) = doc.pointer_mut(&op) else { return format!("{op} is not an operation") };
            match how % 4 {
                0 => {
                    if let Some(Value::Object(responses)) = o.get_mut("responses") {
                        for r in responses.values_mut() {
                            if let Some(Value::Object(content)) = r.get_mut("content").map(Value::take) {
                                if let Some((_, media)) = content.into_iter().next() {
                                    if let (Some(s), Value::Object(r)) = (media.get("schema").cloned(), r) {
                                        r.remove("content");
                                        r.insert("schema".into(), s);
                                    }
                                }
                            }
                        }
                    }
                    o.insert("produces".into(), json!(["application/json"]));
                    format!("{op}: responses given Swagger 2 `schema`")
                }
                1 => {
                    if let Some(body) = o.remove("requestBody") {
                        let schema = body.pointer("/content/application~1json/schema").cloned().unwrap_or(json!({}));
                        let params = o.entry("parameters").or_insert(json!([]));
                        if let Value::Array(params) = params {
                            params.push(json!({ "name": "body", "in": "body", "required": true, "schema": schema }));
                        }
                        o.insert("consumes".into(), json!(["application/json"]));
                    }
                    format!("{op}: request body as an `in: body` parameter")
                }
                2 => {
                    if let Some(Value::Object(root)) = Some(&mut *doc) {
                        if let Some(Value::Object(components)) = root.get_mut("components") {
                            if let Some(schemas) = components.remove("schemas") {
                                root.insert("definitions".into(), schemas);
                            }
                        }
                    }
                    let mut all = Vec::new();
                    all_pointers(doc, "", &mut all);
                    for p in all.into_iter().filter(|p| p.ends_with("/$ref")) {
                        if let Some(Value::String(r)) = doc.pointer_mut(&p) {
                            *r = r.replace("#/components/schemas/", "#/definitions/");
                        }
                    }
                    "components/schemas moved to Swagger 2 `definitions`".into()
                }
                _ => {
                    o.insert("responses".into(), json!({ "200": { "schema": { "type": "file" } } }));
                    format!("{op}: a Swagger 2 file response")
                }
            }
        }
        Kind::DuplicateName => match how % 4 {
            0 => {
                let (Some(a), Some(b)) = (pick(&ops, at), pick(&ops, how / 4)) else { return "no operations".into() };
                let id =
                    doc.pointer(&format!("/paths/{}/{}/operationId", esc(&a.0), a.1)).cloned().unwrap_or(json!("x"));
                set(doc, &format!("/paths/{}/{}/operationId", esc(&b.0), b.1), id.clone());
                format!("operationId {id} also on {} {}", b.1, b.0)
            }
            1 => {
                let Some(name) = pick(&components, at) else { return "no schema".into() };
                let twin = pick(
                    &[
                        name.to_lowercase(),
                        format!("{name}."),
                        format!("{name}_"),
                        name.replace(|c: char| c.is_uppercase(), "-$0"),
                    ],
                    how / 4,
                )
                .unwrap_or_default();
                let copy = doc.pointer(&format!("/components/schemas/{}", esc(&name))).cloned().unwrap_or_default();
                if let Some(Value::Object(s)) = doc.pointer_mut("/components/schemas") {
                    s.insert(twin.clone(), copy);
                }
                format!("schema `{twin}` beside `{name}`")
            }
            2 => {
                let Some((path, method)) = pick(&ops, at) else { return "no operation".into() };
                let id = odd_name(how / 4);
                set(doc, &format!("/paths/{}/{method}/operationId", esc(&path)), json!(id));
                format!("operationId {id:?} on {method} {path}")
            }
            _ => {
                let Some(name) = pick(&components, at) else { return "no schema".into() };
                let odd = odd_name(how / 4);
                if let Some(Value::Object(s)) = doc.pointer_mut("/components/schemas") {
                    if let Some(v) = s.shift_remove(&name) {
                        s.insert(odd.clone(), v);
                    }
                }
                format!("schema `{name}` renamed `{odd}` (its references dangle)")
            }
        },
        Kind::WrongType => {
            let mut all = Vec::new();
            all_pointers(doc, "", &mut all);
            let Some(p) = pick(&all[1..], at) else { return "empty document".into() };
            let v = pick(&[json!("x"), json!(5), Value::Null, json!([]), json!(true), json!({}), json!([{}])], how)
                .unwrap_or_default();
            set(doc, &p, v.clone());
            format!("{p} = {v}")
        }
        Kind::RemoveKey => {
            let mut all = Vec::new();
            all_pointers(doc, "", &mut all);
            let keys: Vec<String> = all
                .into_iter()
                .filter(|p| {
                    split(p).is_some_and(|(_, k)| {
                        matches!(
                            k.as_str(),
                            "responses"
                                | "description"
                                | "schema"
                                | "items"
                                | "paths"
                                | "info"
                                | "content"
                                | "openapi"
                                | "in"
                                | "name"
                                | "operationId"
                                | "required"
                                | "type"
                                | "properties"
                                | "components"
                                | "parameters"
                        )
                    })
                })
                .collect();
            let Some(p) = pick(&keys, at) else { return "nothing to remove".into() };
            remove(doc, &p);
            format!("removed {p}")
        }
        Kind::OddEnum => {
            let Some(p) = pick(&schemas, at) else { return "no schema".into() };
            let e = pick(
                &[
                    json!([]),
                    json!([1, "a"]),
                    json!(["a", "a"]),
                    json!([null]),
                    json!("one"),
                    json!([{ "a": 1 }, [1]]),
                    json!(["", "-", "Self", "2x", "é"]),
                ],
                how,
            )
            .unwrap_or_default();
            if let Some(Value::Object(map)) = doc.pointer_mut(&p) {
                map.insert("enum".into(), e.clone());
            }
            format!("{p}/enum = {e}")
        }
        Kind::OddRequired => {
            let Some(p) = pick(&schemas, at) else { return "no schema".into() };
            let r = pick(&[json!(["ghost"]), json!("name"), json!(true), json!([1, null]), json!({})], how)
                .unwrap_or_default();
            if let Some(Value::Object(map)) = doc.pointer_mut(&p) {
                map.insert("required".into(), r.clone());
            }
            format!("{p}/required = {r}")
        }
        Kind::OddMethod => {
            let Some((path, method)) = pick(&ops, at) else { return "no operation".into() };
            let item = format!("/paths/{}", esc(&path));
            let new = pick(
                &[
                    "POST".to_string(),
                    method.to_uppercase(),
                    "query".into(),
                    "x-other".into(),
                    (*pick(METHODS, how / 5).unwrap_or("get")).to_string(),
                ],
                how,
            )
            .unwrap_or_default();
            if let Some(Value::Object(i)) = doc.pointer_mut(&item) {
                if let Some(op) = i.shift_remove(&method) {
                    i.insert(new.clone(), op);
                }
            }
            format!("{method} {path} moved to `{new}`")
        }
        Kind::Recursion => {
            let Some(name) = pick(&components, at) else { return "no schema".into() };
            let own = json!({ "$ref": format!("#/components/schemas/{}", esc(&name)) });
            let other = pick(&components, how / 4).unwrap_or_else(|| name.clone());
            let other = json!({ "$ref": format!("#/components/schemas/{}", esc(&other)) });
            let Some(Value::Object(schema)) = doc.pointer_mut(&format!("/components/schemas/{}", esc(&name))) else {
                return format!("schema `{name}` is not a mapping");
            };
            match how % 4 {
                0 => {
                    schema.insert("allOf".into(), json!([own, { "type": "object", "properties": { "x": {} } }]));
                    format!("`{name}` merges itself (allOf)")
                }
                1 => {
                    let props = schema.entry("properties").or_insert(json!({}));
                    if let Value::Object(props) = props {
                        props.insert("again".into(), json!({ "allOf": [own, { "properties": { "y": {} } }] }));
                    }
                    format!("`{name}` has a property merging `{name}` (allOf)")
                }
                2 => {
                    schema.insert("anyOf".into(), json!([own, { "type": "string" }]));
                    format!("`{name}` is itself or a string (anyOf)")
                }
                _ => {
                    schema.insert("allOf".into(), json!([other, { "properties": { "z": {} } }]));
                    format!("`{name}` merges {other}")
                }
            }
        }
        Kind::OddMedia => {
            let Some((path, method)) = pick(&ops, at) else { return "no operation".into() };
            let op = format!("/paths/{}/{method}", esc(&path));
            let media = pick(
                &[
                    "application/problem+json",
                    "application/json; charset=utf-8",
                    "text/plain",
                    "application/xml",
                    "Application/JSON",
                    "*/*",
                ],
                how,
            )
            .unwrap_or_default();
            let Some(Value::Object(o)) = doc.pointer_mut(&op) else { return format!("{op} is not an operation") };
            match how % 3 {
                0 => {
                    if let Some(Value::Object(content)) = o.get_mut("requestBody").and_then(|b| b.get_mut("content")) {
                        content.insert(media.into(), json!({}));
                    }
                    format!("{op}: body also as `{media}`, no schema")
                }
                1 => {
                    if let Some(Value::Object(responses)) = o.get_mut("responses") {
                        for r in responses.values_mut() {
                            if let Some(Value::Object(content)) = r.get_mut("content") {
                                let first = content.keys().next().cloned();
                                if let Some(v) = first.and_then(|k| content.shift_remove(&k)) {
                                    content.insert(media.into(), v);
                                }
                            }
                        }
                    }
                    format!("{op}: responses as `{media}`")
                }
                _ => {
                    if let Some(Value::Object(responses)) = o.get_mut("responses") {
                        for r in responses.values_mut() {
                            if let Some(Value::Object(content)) = r.get_mut("content") {
                                for m in content.values_mut() {
                                    if let Value::Object(m) = m {
                                        m.remove("schema");
                                        m.insert("encoding".into(), json!({ "x": {} }));
                                    }
                                }
                            }
                        }
                    }
                    format!("{op}: response media types without a schema, with an encoding")
                }
            }
        }
    }
}

/// Whether an error names a place: a JSON pointer or a line.
fn names_a_place(err: &str) -> bool {
    let pointer = err.contains("at /") || err.contains("`/");
    let line = err.contains("line ");
    (pointer || line) && !err.contains("panicked")
}

/// What the cases did: generated, refused, generated leaving something out
/// (progenitor failed on part of it), and the time in the pipeline (ms).
static GENERATED: AtomicU64 = AtomicU64::new(0);
static REFUSED: AtomicU64 = AtomicU64::new(0);
static LEFT_OUT: AtomicU64 = AtomicU64::new(0);
static MILLIS: AtomicU64 = AtomicU64::new(0);

/// What generation left out because progenitor failed on it.
fn left_out(output: &togetherai_codegen::Output) -> Vec<String> {
    let operations = output.notes.unsupported.iter().filter(|u| u.reason.starts_with("progenitor"));
    let schemas = output.notes.warnings.iter().filter(|w| w.contains("cannot be generated ("));
    operations.map(|u| format!("{} {}: {}", u.method, u.path, u.reason)).chain(schemas.cloned()).collect()
}

fn case(specs: &[(String, Value)], pick_spec: usize, mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let (name, original) = &specs[pick_spec % specs.len()];
    let mut doc = original.clone();
    let applied: Vec<String> = mutations.iter().map(|m| apply(&mut doc, m)).collect();
    let text = serde_json::to_string(&doc).unwrap_or_default();
    let described = || format!("{name}, mutated:\n  {}", applied.join("\n  "));
    if SHOW.as_deref() == Some("all") {
        // Before it runs: a stack overflow aborts without a word.
        println!("--- {}", described());
        if let Some(dir) = std::env::var_os("MUTATION_DUMP") {
            let file = std::path::Path::new(&dir).join(format!("{:?}.json", std::thread::current().id()));
            std::fs::write(file, &text).ok();
        }
    }
    let started = std::time::Instant::now();
    let result = std::panic::catch_unwind(|| togetherai_codegen::run(&text, true));
    MILLIS.fetch_add(started.elapsed().as_millis() as u64, Ordering::Relaxed);
    let outcome = match &result {
        Ok(Ok(output)) => {
            GENERATED.fetch_add(1, Ordering::Relaxed);
            let left = left_out(output);
            LEFT_OUT.fetch_add(u64::from(!left.is_empty()), Ordering::Relaxed);
            let warnings = output.notes.warnings.len();
            let shown = !left.is_empty() || SHOW.as_deref() == Some("all");
            let left: String = left.iter().map(|l| format!("\n  => left out: {l}")).collect();
            shown.then(|| format!("generated, {warnings} warnings{left}"))
        }
        Ok(Err(e)) => {
            REFUSED.fetch_add(1, Ordering::Relaxed);
            (SHOW.as_deref() == Some("all")).then(|| format!("refused: {e}"))
        }
        Err(_) => Some("PANICKED".into()),
    };
    match (SHOW.as_deref(), outcome) {
        (Some("all"), Some(outcome)) => println!("  {outcome}"),
        (Some(_), Some(outcome)) => println!("--- {}\n  {outcome}", described()),
        _ => {}
    }
    match result {
        Err(_) => Err(TestCaseError::fail(format!("the pipeline panicked on {}", described()))),
        Ok(Ok(output)) if output.code.is_empty() => Err(TestCaseError::fail(format!("no code for {}", described()))),
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) if names_a_place(&e) => Ok(()),
        Ok(Err(e)) => Err(TestCaseError::fail(format!("an error naming no place, `{e}`, on {}", described()))),
    }
}

/// `MUTATION_SHOW=all` prints every case and its outcome, `MUTATION_SHOW=left-out`
/// those where progenitor failed on a schema or an operation.
static SHOW: std::sync::LazyLock<Option<String>> = std::sync::LazyLock::new(|| std::env::var("MUTATION_SHOW").ok());

#[test]
fn mutated_specs_generate_or_name_the_place() {
    let dir = togetherai_codegen::golden::workspace_root().join("../shared/specs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent (CI provides it)", dir.display());
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let specs: Vec<(String, Value)> = files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                togetherai_codegen::normalize::parse(&text).unwrap(),
            )
        })
        .collect();
    if specs.is_empty() {
        println!("skipped: no specs in {}", dir.display());
        return;
    }
    let env = |name: &str, default: u32| std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    let cases = env("MUTATION_CASES", if cfg!(debug_assertions) { 16 } else { 48 });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    let threads = env("MUTATION_THREADS", cores).clamp(1, cases.max(1));
    // Reproducible: case `i` draws from seed `MUTATION_SEED + i`
    // (a run that fails fails again; change the seed to explore further).
    let seed = std::env::var("MUTATION_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(20261201u64);
    let started = std::time::Instant::now();
    // Each thread takes the next case until all are done (cases differ in
    // cost: a fixed share each would leave a core idle).
    let next = std::sync::atomic::AtomicU32::new(0);
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (specs, next) = (&specs, &next);
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(scope, move || {
                        let config =
                            Config { cases: 1, failure_persistence: None, max_shrink_iters: 256, ..Config::default() };
                        let strategy = (any::<usize>(), prop::collection::vec(mutation(), 1..=6));
                        loop {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            if i >= cases {
                                break;
                            }
                            let rng_seed = proptest::test_runner::RngSeed::Fixed(seed + u64::from(i));
                            let mut runner = TestRunner::new(Config { rng_seed, ..config.clone() });
                            if let Err(e) = runner.run(&strategy, |(spec, mutations)| case(specs, spec, &mutations)) {
                                // The others stop after their case.
                                next.store(cases, Ordering::Relaxed);
                                let again = seed + u64::from(i);
                                return Some(format!("case {i} (again: MUTATION_SEED={again} MUTATION_CASES=1): {e}"));
                            }
                        }
                        None
                    })
                    .unwrap()
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|h| h.join().unwrap_or_else(|_| Some("a runner thread panicked".into())))
            .collect()
    });
    let (generated, refused, left) =
        (GENERATED.load(Ordering::Relaxed), REFUSED.load(Ordering::Relaxed), LEFT_OUT.load(Ordering::Relaxed));
    println!(
        "{cases} mutated specs on {threads} threads in {:.1} s ({:.0} ms a run): {generated} generated \
         ({left} leaving out a schema or an operation progenitor fails on), {refused} refused naming the place",
        started.elapsed().as_secs_f64(),
        MILLIS.load(Ordering::Relaxed) as f64 / (generated + refused).max(1) as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Keys and string values for small random documents: the words of
/// OpenAPI, so that every transform meets them in every JSON shape.
const KEYS: &[&str] = &[
    "openapi",
    "info",
    "title",
    "version",
    "paths",
    "/a",
    "/a/{id}",
    "/b/{id}:stop",
    "a",
    "get",
    "post",
    "GET",
    "parameters",
    "requestBody",
    "responses",
    "200",
    "201",
    "default",
    "101",
    "content",
    "application/json",
    "text/event-stream",
    "multipart/form-data",
    "audio/wav",
    "schema",
    "components",
    "schemas",
    "A",
    "B",
    "properties",
    "items",
    "additionalProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "$ref",
    "type",
    "enum",
    "const",
    "required",
    "nullable",
    "format",
    "default",
    "description",
    "in",
    "name",
    "operationId",
    "discriminator",
    "mapping",
    "definitions",
    "produces",
    "consumes",
    "x-nullable",
    "title",
    "data",
    "delta",
    "stream",
    "object",
    "choices",
    "message",
    "b64",
    "encoding",
    "headers",
    "collectionFormat",
    "swagger",
    "minimum",
    "maxLength",
];
const WORDS: &[&str] = &[
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/schemas/A/properties/a",
    "#/definitions/A",
    "#/paths/~1a",
    "#/components/parameters/P",
    "#",
    "other.yaml#/A",
    "string",
    "integer",
    "object",
    "array",
    "null",
    "boolean",
    "number",
    "unknown",
    "Integer",
    "file",
    "path",
    "query",
    "body",
    "formData",
    "cookie",
    "header",
    "a",
    "",
    "3.1.0",
    "3.0.3",
    "application/json",
    "int64",
    "float",
    "uuid",
    "binary",
    "integer",
    "csv",
    "id",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-2i64..300).prop_map(|n| json!(n)),
        prop::sample::select(WORDS).prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 96, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..7)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// Every transform, alone, and the spec helpers take any JSON shape without
/// panicking (an error is fine), and so does the whole pipeline, whose
/// errors name a place: small random documents made of OpenAPI's words.
/// `TRANSFORM_CASES` cases (256 by default).
#[test]
fn every_transform_takes_any_json_shape() {
    let cases = std::env::var("TRANSFORM_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&json_value(), |doc| {
        for t in togetherai_codegen::normalize::TRANSFORMS {
            let mut d = doc.clone();
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                (t.run)(&mut d, &mut togetherai_codegen::normalize::Notes::default())
            }));
            prop_assert!(ran.is_ok(), "transform `{}` panicked on {doc}", t.name);
        }
        let helpers = std::panic::catch_unwind(|| {
            let mut d = doc.clone();
            for (path, method) in operations(&d) {
                togetherai_codegen::spec::op_id(&d, &path, &method);
            }
            togetherai_codegen::spec::Responses::of(&d).contains("/paths/~1a/get/responses/200");
            togetherai_codegen::spec::dangling_ref(&d, &d, "");
            togetherai_codegen::spec::resolve(&d, &d);
            schema_pointers(&d);
            togetherai_codegen::spec::walk_schemas(&mut d, &mut |_, _| {});
        });
        prop_assert!(helpers.is_ok(), "a spec helper panicked on {doc}");
        let text = doc.to_string();
        match std::panic::catch_unwind(|| togetherai_codegen::run(&text, true)) {
            Err(_) => prop_assert!(false, "the pipeline panicked on {doc}"),
            Ok(Err(e)) => prop_assert!(names_a_place(&e), "an error naming no place, `{e}`, on {doc}"),
            Ok(Ok(_)) => {}
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
