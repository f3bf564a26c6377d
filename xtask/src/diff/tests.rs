//! Golden tests: one small fixture per rule, a whole-output snapshot, and
//! facts about the upstream specs in `../shared/specs` when present.

use super::load::parse;
use super::rules::{self, Level, RULES};
use super::{command, diff, load, Format, Report};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

// ------------------------------------------------------------- fixtures

fn spec(paths: Value, schemas: Value) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// A spec with the given paths and no components.
fn ops(paths: Value) -> Value {
    spec(paths, json!({}))
}

/// A spec with one `GET /a` operation.
fn get(op: Value) -> Value {
    ops(json!({"/a": {"get": op}}))
}

/// A spec with one `POST /a` operation.
fn post(op: Value) -> Value {
    ops(json!({"/a": {"post": op}}))
}

/// Two small components `T` and `U` the schema fixtures refer to.
fn shared() -> Value {
    json!({"T": {"type": "string"}, "U": {"type": "integer"}, "V": {"type": "boolean"}})
}

/// Component `S` = `schema`, sent as the body of `POST /s`.
fn req(schema: Value) -> Value {
    let mut schemas = shared();
    schemas["S"] = schema;
    let body =
        json!({"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}});
    spec(json!({"/s": {"post": {"operationId": "send", "requestBody": body, "responses": {}}}}), schemas)
}

/// `GET /s`, returning component `S`.
fn fetch_s() -> Value {
    let media = json!({"application/json": {"schema": {"$ref": "#/components/schemas/S"}}});
    json!({"operationId": "fetch", "responses": {"200": {"description": "ok", "content": media}}})
}

/// Component `S` = `schema`, returned by `GET /s`.
fn resp(schema: Value) -> Value {
    let mut schemas = shared();
    schemas["S"] = schema;
    spec(json!({"/s": {"get": fetch_s()}}), schemas)
}

/// An object schema with properties `props` (and `required`).
fn obj(props: Value, required: &[&str]) -> Value {
    json!({"type": "object", "properties": props, "required": required})
}

fn param(name: &str, required: bool, extra: Value) -> Value {
    let mut p = json!({"name": name, "in": "query", "required": required, "schema": {"type": "integer"}});
    for (k, v) in extra.as_object().expect("an object") {
        p[k] = v.clone();
    }
    p
}

fn json_body(required: bool) -> Value {
    json!({"required": required, "content": {"application/json": {"schema": {"type": "object"}}}})
}

fn content(media: &[&str]) -> Value {
    media
        .iter()
        .map(|m| (m.to_string(), json!({"schema": {"type": "string"}})))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// Schema changes, each made in both directions: (kind, old, new, location).
fn schema_cases() -> Vec<(&'static str, Value, Value, &'static str)> {
    let t = |ty: &str| json!({"type": ty});
    let a = |s: Value| obj(json!({"a": s}), &[]);
    let reference = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    vec![
        ("property-added", a(t("string")), obj(json!({"a": t("string"), "b": t("string")}), &[]), "S.b"),
        ("property-removed", obj(json!({"a": t("string"), "b": t("string")}), &[]), a(t("string")), "S.b"),
        ("property-became-required", a(t("string")), obj(json!({"a": t("string")}), &["a"]), "S.a"),
        ("property-became-optional", obj(json!({"a": t("string")}), &["a"]), a(t("string")), "S.a"),
        ("type-changed", a(t("number")), a(t("integer")), "S.a"),
        ("ref-changed", a(reference("T")), a(reference("U")), "S.a"),
        (
            "format-changed",
            a(json!({"type": "integer", "format": "int32"})),
            a(json!({"type": "integer", "format": "int64"})),
            "S.a",
        ),
        (
            "enum-value-added",
            a(json!({"type": "string", "enum": ["x"]})),
            a(json!({"type": "string", "enum": ["x", "y"]})),
            "S.a",
        ),
        (
            "enum-value-removed",
            a(json!({"type": "string", "enum": ["x", "y"]})),
            a(json!({"type": "string", "enum": ["x"]})),
            "S.a",
        ),
        ("nullable-added", a(t("string")), a(json!({"type": ["string", "null"]})), "S.a"),
        ("nullable-removed", a(json!({"type": "string", "nullable": true})), a(t("string")), "S.a"),
        (
            "member-added",
            a(json!({"oneOf": [reference("T"), reference("U")]})),
            a(json!({"anyOf": [reference("T"), reference("U"), reference("V")]})),
            "S.a",
        ),
        (
            "member-removed",
            a(json!({"anyOf": [reference("T"), reference("U"), reference("V")]})),
            a(json!({"anyOf": [reference("T"), reference("U")]})),
            "S.a",
        ),
        (
            "default-changed",
            a(json!({"type": "integer", "default": 1})),
            a(json!({"type": "integer", "default": 2})),
            "S.a",
        ),
        (
            "additional-properties-changed",
            a(t("object")),
            a(json!({"type": "object", "additionalProperties": false})),
            "S.a",
        ),
        ("deprecated", a(t("string")), a(json!({"type": "string", "deprecated": true})), "S.a"),
        (
            "constraint-changed",
            a(json!({"type": "string", "maxLength": 10})),
            a(json!({"type": "string", "maxLength": 5})),
            "S.a",
        ),
    ]
}

/// One fixture per rule: (rule id, old spec, new spec, expected location).
fn cases() -> Vec<(String, Value, Value, String)> {
    let id = |op: &str| json!({"operationId": op, "responses": {}});
    let with = |extra: Value| {
        let mut op = id("listA");
        for (k, v) in extra.as_object().expect("an object") {
            op[k] = v.clone();
        }
        op
    };
    let params = |ps: Value| with(json!({"parameters": ps}));
    let body = |b: Value| with(json!({"requestBody": b}));
    let responses = |r: Value| with(json!({"responses": r}));
    let ok = |media: &[&str]| json!({"200": {"description": "ok", "content": content(media)}});
    let path_param = |name: &str| json!([{"name": name, "in": "path", "required": true, "schema": {"type": "string"}}]);
    let named = |name: &str| json!({name: {"type": "object", "properties": {"x": {"type": "string"}}}});
    let fixed: Vec<(&str, Value, Value, &str)> = vec![
        ("operation-added", ops(json!({})), get(id("listA")), "GET /a"),
        ("operation-removed", get(id("listA")), ops(json!({})), "GET /a"),
        // Names come from method and path: `/a/{id}` and `/a/{id}/` are both `a_retrieve`.
        (
            "operation-moved",
            ops(json!({"/a/{id}": {"get": id("getA")}})),
            ops(json!({"/a/{id}/": {"get": id("getA")}})),
            "GET /a/{id}",
        ),
        // A POST whose path names it alike makes `x_a` say its verb (the
        // POST's own addition is the one other change this fixture has).
        (
            "operation-renamed",
            ops(json!({"/x/a": {"get": id("listA")}})),
            ops(json!({"/x/a": {"get": id("listA")}, "/x/{id}/a": {"post": id("makeA")}})),
            "GET /x/a",
        ),
        ("operation-id-changed", get(id("listA")), get(id("fetchA")), "GET /a"),
        ("operation-deprecated", get(id("listA")), get(with(json!({"deprecated": true}))), "GET /a"),
        (
            "parameter-added-required",
            get(params(json!([]))),
            get(params(json!([param("limit", true, json!({}))]))),
            "GET /a parameter limit",
        ),
        (
            "parameter-added-optional",
            get(params(json!([]))),
            get(params(json!([param("limit", false, json!({}))]))),
            "GET /a parameter limit",
        ),
        (
            "parameter-removed",
            get(params(json!([param("limit", false, json!({}))]))),
            get(params(json!([]))),
            "GET /a parameter limit",
        ),
        (
            "parameter-became-required",
            get(params(json!([param("limit", false, json!({}))]))),
            get(params(json!([param("limit", true, json!({}))]))),
            "GET /a parameter limit",
        ),
        (
            "parameter-became-optional",
            get(params(json!([param("limit", true, json!({}))]))),
            get(params(json!([param("limit", false, json!({}))]))),
            "GET /a parameter limit",
        ),
        (
            "parameter-deprecated",
            get(params(json!([param("limit", false, json!({}))]))),
            get(params(json!([param("limit", false, json!({"deprecated": true}))]))),
            "GET /a parameter limit",
        ),
        (
            "path-parameter-renamed",
            ops(json!({"/a/{id}": {"get": params(path_param("id"))}})),
            ops(json!({"/a/{a_id}": {"get": params(path_param("a_id"))}})),
            "GET /a/{a_id} parameter a_id",
        ),
        ("request-body-added", post(id("listA")), post(body(json_body(false))), "POST /a request"),
        ("request-body-added-required", post(id("listA")), post(body(json_body(true))), "POST /a request"),
        ("request-body-removed", post(body(json_body(false))), post(id("listA")), "POST /a request"),
        ("request-body-became-required", post(body(json_body(false))), post(body(json_body(true))), "POST /a request"),
        ("request-body-became-optional", post(body(json_body(true))), post(body(json_body(false))), "POST /a request"),
        (
            "request-media-type-added",
            post(body(json!({"content": content(&["application/json"])}))),
            post(body(json!({"content": content(&["application/json", "multipart/form-data"])}))),
            "POST /a request",
        ),
        (
            "request-media-type-removed",
            post(body(json!({"content": content(&["application/json", "multipart/form-data"])}))),
            post(body(json!({"content": content(&["application/json"])}))),
            "POST /a request",
        ),
        (
            "response-added",
            get(responses(ok(&["application/json"]))),
            get(responses(json!({"200": ok(&["application/json"])["200"], "404": {"description": "no"}}))),
            "GET /a response 404",
        ),
        (
            "response-success-removed",
            get(responses(ok(&["application/json"]))),
            get(id("listA")),
            "GET /a response 200",
        ),
        (
            "response-error-removed",
            get(responses(json!({"404": {"description": "no"}}))),
            get(id("listA")),
            "GET /a response 404",
        ),
        (
            "response-media-type-added",
            get(responses(ok(&["application/json"]))),
            get(responses(ok(&["application/json", "text/event-stream"]))),
            "GET /a response 200",
        ),
        (
            "response-json-media-type-removed",
            get(responses(ok(&["application/json", "text/event-stream"]))),
            get(responses(ok(&["text/event-stream"]))),
            "GET /a response 200",
        ),
        (
            "response-media-type-removed",
            get(responses(ok(&["application/json", "text/event-stream"]))),
            get(responses(ok(&["application/json"]))),
            "GET /a response 200",
        ),
        ("schema-added", spec(json!({}), json!({})), spec(json!({}), named("A")), "A"),
        ("schema-removed", spec(json!({}), named("A")), spec(json!({}), json!({})), "A"),
        ("schema-renamed", spec(json!({}), named("A")), spec(json!({}), named("B")), "A"),
        (
            "request-required-property-added",
            req(obj(json!({"a": {"type": "string"}}), &[])),
            req(obj(json!({"a": {"type": "string"}, "b": {"type": "string"}}), &["b"])),
            "S.b",
        ),
    ];
    let mut out: Vec<(String, Value, Value, String)> =
        fixed.into_iter().map(|(r, o, n, at)| (r.to_string(), o, n, at.to_string())).collect();
    for (kind, old, new, at) in schema_cases() {
        out.push((format!("request-{kind}"), req(old.clone()), req(new.clone()), at.to_string()));
        out.push((format!("response-{kind}"), resp(old), resp(new), at.to_string()));
    }
    out
}

/// Each rule's fixture reports exactly that one change, at its location.
#[test]
fn each_rule_fires_alone_on_its_fixture() {
    let mut failures = Vec::new();
    for (rule, old, new, at) in cases() {
        let report = diff(&old, &new);
        let got: Vec<String> = report
            .changes
            .iter()
            .map(|c| format!("{} {} @ {}: {}", c.rule.id, c.level(), c.location, c.message))
            .collect();
        let expected = rules::get(&rule).level;
        let (own, others): (Vec<_>, Vec<_>) = report.changes.iter().partition(|c| c.rule.id == rule);
        let others_expected = rule == "operation-renamed" && others.iter().all(|c| c.rule.id == "operation-added");
        let ok = matches!(own.as_slice(), [c] if c.location == at && c.level() == expected)
            && (others.is_empty() || others_expected);
        if !ok {
            failures.push(format!("{rule} at {at}: got {got:#?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture_and_a_unique_id() {
    let covered: Vec<String> = cases().into_iter().map(|c| c.0).collect();
    let missing: Vec<&str> = RULES.iter().map(|r| r.id).filter(|id| !covered.iter().any(|c| c == id)).collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
    for (i, r) in RULES.iter().enumerate() {
        assert!(RULES[..i].iter().all(|o| o.id != r.id), "duplicate rule {}", r.id);
    }
}

#[test]
fn levels_follow_the_rust_user() {
    let level = |id| rules::get(id).level;
    assert_eq!(level("request-enum-value-removed"), Level::Breaking);
    assert_eq!(level("response-enum-value-removed"), Level::Warning);
    assert_eq!(level("request-enum-value-added"), Level::Info);
    assert_eq!(level("response-enum-value-added"), Level::Info);
    assert_eq!(level("response-nullable-added"), Level::Breaking);
    assert!(Level::Info < Level::Warning && Level::Warning < Level::Breaking);
}

/// A component used in both directions reports each change once, under the
/// stricter direction's rule.
#[test]
fn component_in_both_directions_keeps_the_stricter_rule() {
    let both = |values: Value| {
        let mut doc = req(obj(json!({"a": {"type": "string", "enum": values}}), &[]));
        doc["paths"]["/s"]["get"] = fetch_s();
        doc
    };
    let report = diff(&both(json!(["x", "y"])), &both(json!(["x"])));
    let rules: Vec<&str> = report.changes.iter().map(|c| c.rule.id).collect();
    assert_eq!(rules, ["request-enum-value-removed"]);
}

/// Equal `$ref`s are not descended into; a renamed component referred to
/// from elsewhere is one rename, not a ref change; cycles terminate.
#[test]
fn refs_renames_and_cycles() {
    let node = |name: &str| {
        json!({name: {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": format!("#/components/schemas/{name}")}},
        }}})
    };
    let mut old = req(obj(json!({"n": {"$ref": "#/components/schemas/Node"}}), &[]));
    old["components"]["schemas"]["Node"] = node("Node")["Node"].clone();
    let mut new = req(obj(json!({"n": {"$ref": "#/components/schemas/Tree"}}), &[]));
    // The same shape up to the self reference is a different shape: not a rename.
    new["components"]["schemas"]["Tree"] = node("Tree")["Tree"].clone();
    let rules: Vec<String> = diff(&old, &new).changes.iter().map(|c| format!("{} {}", c.rule.id, c.location)).collect();
    assert_eq!(rules, ["schema-removed Node", "request-ref-changed S.n", "schema-added Tree"]);

    let leaf = json!({"type": "object", "properties": {"x": {"type": "string"}}});
    let mut old = req(obj(json!({"n": {"$ref": "#/components/schemas/Leaf"}}), &[]));
    old["components"]["schemas"]["Leaf"] = leaf.clone();
    let mut new = req(obj(json!({"n": {"$ref": "#/components/schemas/Item"}}), &[]));
    new["components"]["schemas"]["Item"] = leaf;
    let rules: Vec<String> = diff(&old, &new).changes.iter().map(|c| format!("{} {}", c.rule.id, c.location)).collect();
    assert_eq!(rules, ["schema-renamed Leaf"]);
}

/// Parameter schemas go through the request schema rules, at the parameter.
#[test]
fn parameter_schemas_are_compared_as_requests() {
    let op = |ty: &str| {
        json!({"operationId": "listA", "responses": {}, "parameters": [
        {"name": "limit", "in": "query", "schema": {"type": ty}}]})
    };
    let report = diff(&get(op("number")), &get(op("integer")));
    let got: Vec<(&str, &str, &str)> =
        report.changes.iter().map(|c| (c.rule.id, c.location.as_str(), c.message.as_str())).collect();
    assert_eq!(got, [("request-type-changed", "GET /a parameter limit", "type number → integer")]);
    assert_eq!(report.changes[0].operation.as_deref(), Some("GET /a"));
}

#[test]
fn prose_is_counted_not_listed() {
    let doc = |d: &str| req(obj(json!({"a": {"type": "string", "description": d}}), &[]));
    let report = diff(&doc("old words"), &doc("new words"));
    assert!(report.changes.is_empty());
    assert_eq!(report.prose_only, 1);
    assert!(report.render(Format::Text).contains("1 prose-only changes not listed"));
}

// ------------------------------------------------------------- snapshots

fn golden_pair() -> (Value, Value) {
    let old = parse(
        r#"
openapi: 3.0.3
info: {title: t, version: "1", x-date: 2024-01-01}
paths:
  /files:
    get:
      operationId: listFiles
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FileList'}
  /speech:
    post:
      operationId: speak
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/SpeechRequest'}
      responses: {}
components:
  schemas:
    FileList:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {type: string}}
        created: {type: integer, format: int32}
    SpeechRequest:
      type: object
      required: [input]
      properties:
        input: {type: string, description: Text}
        sample_rate: {type: number}
        format: {type: string, enum: [mp3, wav]}
"#,
    )
    .expect("fixture parses");
    let new = parse(
        r#"
openapi: 3.0.3
info: {title: t, version: "2"}
paths:
  /files:
    get:
      operationId: listFiles
      parameters:
        - {name: limit, in: query, required: true, schema: {type: integer}}
      responses:
        200:
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FileList'}
  /transcriptions:
    post:
      operationId: transcribe
      responses: {}
components:
  schemas:
    FileList:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {type: integer}}
        created: {type: integer, format: int64}
        next: {type: string, nullable: true}
    SpeechRequest:
      type: object
      required: [input]
      properties:
        input: {type: string, description: The text to speak}
        sample_rate: {type: integer}
        format: {type: string, enum: [mp3, opus]}
"#,
    )
    .expect("fixture parses");
    (old, new)
}

fn golden_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// The whole text output for a small pair; `UPDATE_GOLDEN=1` rewrites it.
#[test]
fn text_output_snapshot() {
    let (old, new) = golden_pair();
    let mut report = diff(&old, &new);
    report.old = "old.yaml".into();
    report.new = "new.yaml".into();
    let text = report.render(Format::Text);
    let path = golden_path("small.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).expect("golden file is writable");
    }
    let expected = std::fs::read_to_string(&path).expect("golden file exists (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(text, expected, "text output changed; rerun with UPDATE_GOLDEN=1 if intended:\n{text}");
}

#[test]
fn markdown_has_a_table_per_level() {
    let (old, new) = golden_pair();
    let md = diff(&old, &new).render(Format::Markdown);
    for heading in ["### Breaking (", "### Warning (", "### Info ("] {
        assert!(md.contains(heading), "{heading} missing in\n{md}");
    }
    assert_eq!(md.matches("| Location | Change | Rule |").count(), 3);
}

/// The JSON output parses and its summary matches the listed changes.
fn check_json(report: &Report) -> Value {
    let v: Value = serde_json::from_str(&report.render(Format::Json)).expect("JSON output parses");
    for level in ["breaking", "warning", "info"] {
        let listed = v["changes"].as_array().expect("changes").iter().filter(|c| c["level"] == level).count();
        assert_eq!(v["summary"][level], json!(listed), "{level} count");
    }
    assert_eq!(v["summary"]["prose_only"], json!(report.prose_only));
    v
}

#[test]
fn json_output_shape() {
    let (old, new) = golden_pair();
    let v = check_json(&diff(&old, &new));
    let change = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["location"] == "SpeechRequest.sample_rate")
        .expect("sample_rate change");
    assert_eq!(
        *change,
        json!({"rule": "request-type-changed", "level": "breaking", "location": "SpeechRequest.sample_rate",
               "operation": null, "message": "type number → integer", "old": "number", "new": "integer"})
    );
    let param = v["changes"].as_array().expect("changes").iter().find(|c| c["rule"] == "parameter-became-required");
    assert_eq!(param.expect("parameter change")["operation"], "GET /files");
}

// ------------------------------------------------------------- loading and the command

#[test]
fn loads_yaml_with_numeric_keys_and_timestamps() {
    let v = parse("a:\n  200: {when: 2024-01-01T00:00:00Z}\n  true: 1\n  1.5: x\n").expect("parses");
    assert_eq!(v, json!({"a": {"200": {"when": "2024-01-01T00:00:00Z"}, "true": 1, "1.5": "x"}}));
}

#[test]
fn loads_a_git_revision() {
    let head = load("HEAD:spec/openapi.yaml");
    match head {
        Ok(doc) => assert!(doc["paths"].is_object()),
        Err(e) => println!("skipped: no git history here ({e})"),
    }
    assert!(load("no-such-rev-xyz:spec/openapi.yaml").is_err());
}

#[test]
fn fail_on_sets_the_exit_code() {
    let (old, new) = golden_pair();
    let dir = std::env::temp_dir().join(format!("xtask-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (a, b) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&a, old.to_string()).expect("write");
    std::fs::write(&b, new.to_string()).expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec![a.display().to_string(), b.display().to_string(), "--format".into(), "json".into()];
        args.extend(extra.iter().map(|s| s.to_string()));
        command(&args)
    };
    assert_eq!(run(&[]), Ok(0));
    assert_eq!(run(&["--fail-on", "breaking"]), Ok(1));
    assert_eq!(run(&["--fail-on", "info"]), Ok(1));
    assert_eq!(command(&[a.display().to_string(), a.display().to_string(), "--fail-on".into(), "info".into()]), Ok(0));
    assert!(run(&["--fail-on", "severe"]).is_err());
    assert!(command(&[a.display().to_string()]).is_err());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

// ------------------------------------------------------------- upstream specs

/// The shared upstream specs, or `None` (with the reason printed) when absent.
fn shared_spec(name: &str) -> Option<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs").join(name);
    if !path.exists() {
        println!("skipped: {} is absent", path.display());
        return None;
    }
    Some(load(&path.display().to_string()).expect("shared spec loads"))
}

fn find<'r>(report: &'r Report, location: &str, rule: &str) -> &'r super::report::Change {
    report
        .changes
        .iter()
        .find(|c| c.location == location && c.rule.id == rule)
        .unwrap_or_else(|| panic!("no {rule} at {location} in\n{}", report.render(Format::Text)))
}

#[test]
fn upstream_2025_04_to_2025_12() {
    let (Some(old), Some(new)) = (shared_spec("together-2025-04-28.yaml"), shared_spec("together-2025-12-23.yaml"))
    else {
        return;
    };
    let report = diff(&old, &new);
    let rate = find(&report, "AudioSpeechRequest.sample_rate", "request-type-changed");
    assert_eq!((rate.level(), rate.message.as_str()), (Level::Breaking, "type number → integer"));
    let op = find(&report, "POST /audio/transcriptions", "operation-added");
    assert_eq!((op.level(), op.operation.as_deref()), (Level::Info, Some("POST /audio/transcriptions")));
    // `voice` was `anyOf: [string enum of four voices, string]`, it is now a plain string.
    let voice = find(&report, "AudioSpeechRequest.voice", "request-type-changed");
    assert_eq!(voice.level(), Level::Breaking);
    assert_eq!(voice.message, "type anyOf(string enum, string) → string");
    assert_eq!(report.changes.iter().filter(|c| c.location == "AudioSpeechRequest.voice").count(), 1);
    // New model names in the open enum of `model`.
    let model = find(&report, "AudioSpeechRequest.model.anyOf[0]", "request-enum-value-added");
    assert_eq!(model.level(), Level::Info);
    check_json(&report);
    check_json(&diff(&new, &old));
}

#[test]
fn upstream_2025_12_to_2026_04() {
    let (Some(old), Some(new)) = (shared_spec("together-2025-12-23.yaml"), shared_spec("together-2026-04-28.yaml"))
    else {
        return;
    };
    let report = diff(&old, &new);
    // `oneOf` → nullable `anyOf` over the same members: only the nullability changes.
    let at = "POST /fine-tunes request.training_type";
    let rules: Vec<&str> = report.changes.iter().filter(|c| c.location == at).map(|c| c.rule.id).collect();
    assert_eq!(rules, ["request-nullable-added"]);
    check_json(&report);
}
