//! The embedded spec (written by build.rs from the same document the client
//! is generated from, before normalisation) and the routing table built from
//! its `paths`.

use serde_json::{Map, Value};
use std::sync::OnceLock;

/// `{"spec": <document>, "operations": [{"id","method","path"}], "overrides": [{"method","path","media"}]}`.
const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/mock_spec.json"));

/// One operation of the spec.
#[derive(Debug)]
pub(crate) struct Operation {
    /// The operation id, as the client names it.
    pub id: String,
    /// Lower-case HTTP method.
    pub method: String,
    /// Path template (`/files/{id}/content`).
    pub path: String,
    /// Path segments, literal or holding a parameter.
    segments: Vec<Segment>,
    /// The operation object of the spec.
    pub op: Value,
    /// The media type of the 2xx body when the client's OVERRIDES replace it.
    pub override_media: Option<String>,
}

/// The parsed spec and its operations.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The whole document, for `$ref`s.
    pub doc: Value,
    /// Every operation, in spec order.
    pub operations: Vec<Operation>,
}

/// The spec, parsed once.
pub(crate) fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let mut all: Value = serde_json::from_str(EMBEDDED).expect("build.rs writes valid JSON");
        let doc = all["spec"].take();
        let overrides = all["overrides"].as_array().cloned().unwrap_or_default();
        let operations = all["operations"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|o| {
                let s = |k: &str| o[k].as_str().unwrap_or_default().to_string();
                let (id, method, path) = (s("id"), s("method"), s("path"));
                let op = doc["paths"][&path][&method].clone();
                let override_media = overrides
                    .iter()
                    .find(|v| v["method"] == method.as_str() && v["path"] == path.as_str())
                    .and_then(|v| v["media"].as_str())
                    .map(str::to_string);
                let segments = split(&path).map(Segment::of).collect();
                Operation { id, method, path, segments, op, override_media }
            })
            .collect();
        Spec { doc, operations }
    })
}

fn split(path: &str) -> impl Iterator<Item = &str> {
    path.split('/').filter(|s| !s.is_empty())
}

/// One segment of a path template: literal, or a `{parameter}` with the
/// literal text around it (`{id}:stop`, `v{version}.json`).
#[derive(Debug, PartialEq)]
enum Segment {
    Literal(String),
    Parameter { before: String, name: String, after: String },
}

impl Segment {
    fn of(raw: &str) -> Segment {
        let parameter = raw.find('{').and_then(|open| {
            let close = open + raw[open..].find('}')?;
            let (before, name, after) = (&raw[..open], &raw[open + 1..close], &raw[close + 1..]);
            Some(Segment::Parameter { before: before.into(), name: name.into(), after: after.into() })
        });
        parameter.unwrap_or_else(|| Segment::Literal(raw.to_string()))
    }

    /// Whether `part` of a request path matches: the parameter's value,
    /// and how literal the match is (a literal segment beats a parameter
    /// with text around it, which beats a bare one).
    fn matches(&self, part: &str) -> Option<(Option<(String, String)>, usize)> {
        match self {
            Segment::Literal(lit) => (lit == part).then_some((None, 2)),
            Segment::Parameter { before, name, after } => {
                let value = part.strip_prefix(before.as_str())?.strip_suffix(after.as_str())?;
                let affixed = !before.is_empty() || !after.is_empty();
                (!value.is_empty()).then(|| (Some((name.clone(), percent_decode(value))), usize::from(affixed)))
            }
        }
    }
}

impl Spec {
    /// The operation for a request, with its path parameters. A literal
    /// segment wins over a parameter (`/files/{id}` vs `/files/search`).
    pub fn route(&self, method: &str, path: &str) -> Option<(&Operation, Vec<(String, String)>)> {
        let parts: Vec<&str> = split(path).collect();
        type Candidate<'a> = (&'a Operation, Vec<(String, String)>, usize);
        let mut best: Option<Candidate> = None;
        for op in self.operations.iter().filter(|o| o.method.eq_ignore_ascii_case(method)) {
            if op.segments.len() != parts.len() {
                continue;
            }
            let mut params = Vec::new();
            let mut literals = 0;
            let matched = op.segments.iter().zip(&parts).all(|(seg, part)| match seg.matches(part) {
                Some((param, score)) => {
                    literals += score;
                    params.extend(param);
                    true
                }
                None => false,
            });
            if matched && best.as_ref().is_none_or(|b| literals > b.2) {
                best = Some((op, params, literals));
            }
        }
        best.map(|(op, params, _)| (op, params))
    }

    /// Follows `$ref`s (local ones); siblings of a `$ref` are merged over its
    /// target, as OpenAPI 3.1 allows.
    pub fn resolve<'a>(&'a self, schema: &'a Value) -> std::borrow::Cow<'a, Value> {
        let mut current = std::borrow::Cow::Borrowed(schema);
        for _ in 0..32 {
            let Some(r) = current.get("$ref").and_then(Value::as_str) else { break };
            let Some(target) = r.strip_prefix('#').and_then(|p| self.doc.pointer(p)) else { break };
            let siblings: Map<String, Value> = current
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| *k != "$ref")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if siblings.is_empty() {
                current = std::borrow::Cow::Borrowed(target);
            } else {
                let mut merged = target.clone();
                if let Some(m) = merged.as_object_mut() {
                    for (k, v) in siblings {
                        m.insert(k, v);
                    }
                }
                current = std::borrow::Cow::Owned(merged);
            }
        }
        current
    }
}

impl Operation {
    /// The JSON schema of the request body, when it has one.
    pub fn request_schema<'a>(&'a self, spec: &'a Spec) -> Option<Value> {
        let body = spec.resolve(self.op.get("requestBody")?).into_owned();
        let content = body.get("content")?.as_object()?;
        content.iter().find(|(m, _)| is_json(m)).and_then(|(_, media)| media.get("schema")).cloned()
    }

    /// The schema of a `multipart/form-data` request body.
    pub fn form_schema(&self, spec: &Spec) -> Option<Value> {
        let body = spec.resolve(self.op.get("requestBody")?).into_owned();
        let content = body.get("content")?.as_object()?;
        let (_, media) = content.iter().find(|(m, _)| m.starts_with("multipart/form-data"))?;
        Some(media.get("schema").cloned().unwrap_or_else(|| serde_json::json!({ "type": "object" })))
    }

    /// Whether the operation opens a WebSocket session: it answers `101`
    /// and no 2xx (the code generator's rule, `spec::is_websocket`).
    pub fn websocket(&self) -> bool {
        let responses = self.op.get("responses").and_then(Value::as_object);
        responses.is_some_and(|r| r.contains_key("101") && !r.keys().any(|code| code.starts_with('2')))
    }

    /// Whether the request body is required.
    pub fn body_required(&self, spec: &Spec) -> bool {
        self.op.get("requestBody").is_some_and(|b| spec.resolve(b).get("required") == Some(&Value::Bool(true)))
    }

    /// The parameters (path, query, header) of the operation, resolved.
    pub fn parameters(&self, spec: &Spec) -> Vec<Value> {
        let mut all = Vec::new();
        for source in [spec.doc["paths"][&self.path].get("parameters"), self.op.get("parameters")] {
            for p in source.and_then(Value::as_array).into_iter().flatten() {
                all.push(spec.resolve(p).into_owned());
            }
        }
        all
    }

    /// The first 2xx response: its status and its `content` map (resolved).
    pub fn success(&self, spec: &Spec) -> (u16, Map<String, Value>) {
        let responses = self.op.get("responses").and_then(Value::as_object);
        let found = responses.into_iter().flatten().find(|(code, _)| code.starts_with('2'));
        match found {
            Some((code, resp)) => {
                let resp = spec.resolve(resp);
                let content = resp.get("content").and_then(Value::as_object).cloned().unwrap_or_default();
                (code.parse().unwrap_or(200), content)
            }
            None => (200, Map::new()),
        }
    }
}

/// A JSON media type.
pub(crate) fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

/// Decodes `%XX` escapes of a path segment or query component.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_hold_a_parameter_with_text_around_it() {
        let stop = Segment::of("{id}:stop");
        assert_eq!(stop, Segment::Parameter { before: String::new(), name: "id".into(), after: ":stop".into() });
        assert_eq!(stop.matches("s%201:stop"), Some((Some(("id".into(), "s 1".into())), 1)));
        assert_eq!(stop.matches("s1"), None);
        assert_eq!(Segment::of("{id}").matches("s1:stop").map(|m| m.1), Some(0));
        assert_eq!(Segment::of("v{version}.json").matches("v2.json"), Some((Some(("version".into(), "2".into())), 1)));
        assert_eq!(Segment::of("files").matches("files"), Some((None, 2)));
    }
}
