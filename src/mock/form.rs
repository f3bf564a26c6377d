//! `multipart/form-data` requests: the parts, checked against the
//! operation's form schema (each name a property of it, a file where only
//! a file will do), and read as the JSON object the schema describes, which
//! is then validated and answered like a JSON body.

use super::spec::Spec;
use bytes::Bytes;
use serde_json::{Map, Value};

/// One part of a form, as received.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormPart {
    /// The field's name.
    pub name: String,
    /// The file name of a file part.
    pub file_name: Option<String>,
    /// The part's `Content-Type`, when it has one.
    pub content_type: Option<String>,
    /// The part's content.
    pub data: Bytes,
}

/// The parts of a body sent with `content_type` (`multipart/form-data; boundary=..`).
pub(crate) fn parse(content_type: &str, body: &Bytes) -> Result<Vec<FormPart>, String> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .filter(|_| content_type.trim_start().starts_with("multipart/form-data"))
        .ok_or_else(|| format!("a form needs `multipart/form-data; boundary=..`, not `{content_type}`"))?;
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body.clone();
    let first = find(&rest, delimiter.as_bytes()).ok_or("the body has no boundary")?;
    rest = rest.slice(first + delimiter.len()..);
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        let rest_after = rest.strip_prefix(b"\r\n").ok_or("a boundary is not followed by CRLF")?;
        rest = rest.slice(rest.len() - rest_after.len()..);
        let end_of_head = find(&rest, b"\r\n\r\n").ok_or("a part has no end of headers")?;
        let head = std::str::from_utf8(&rest[..end_of_head]).map_err(|_| "a part's headers are not UTF-8")?.to_string();
        rest = rest.slice(end_of_head + 4..);
        let next = find(&rest, format!("\r\n{delimiter}").as_bytes()).ok_or("a part has no closing boundary")?;
        let data = rest.slice(..next);
        rest = rest.slice(next + 2 + delimiter.len()..);
        let mut part = FormPart { name: String::new(), file_name: None, content_type: None, data };
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else { continue };
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    part.name = quoted(value, "name").ok_or("a part has no name")?;
                    part.file_name = quoted(value, "filename");
                }
                "content-type" => part.content_type = Some(value.trim().to_string()),
                _ => {}
            }
        }
        parts.push(part);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// `key="value"` of a header value (`form-data; name="file"; filename="a.wav"`).
fn quoted(header: &str, key: &str) -> Option<String> {
    header.split(';').map(str::trim).find_map(|p| {
        let value = p.strip_prefix(key)?.strip_prefix('=')?;
        Some(value.trim_matches('"').replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n"))
    })
}

/// The form as the JSON object `schema` describes: a text part as its
/// property's type (an integer, a number, a flag, else text), repeated parts
/// of a list property as a list, a file part as its text; an error for a
/// part no property names, or a text part where only a file will do.
pub(crate) fn to_json(spec: &Spec, schema: &Value, parts: &[FormPart]) -> Result<Value, (String, String)> {
    let schema = spec.resolve(schema);
    let properties = schema.get("properties").and_then(Value::as_object);
    let mut out = Map::new();
    for part in parts {
        let name = &part.name;
        let property = match properties {
            Some(p) => match p.get(name) {
                Some(s) => spec.resolve(s).into_owned(),
                None => return Err((format!("the form has a field `{name}` the spec does not list"), name.clone())),
            },
            None => Value::Null,
        };
        if part.file_name.is_none() && files(spec, &property, true) {
            return Err((format!("`{name}` must be a file part (with a filename)"), name.clone()));
        }
        let text = String::from_utf8_lossy(&part.data).into_owned();
        let list = property.get("type").and_then(Value::as_str) == Some("array");
        let item = if list { spec.resolve(&property["items"]).into_owned() } else { property };
        let value = match item.get("type").and_then(Value::as_str) {
            _ if part.file_name.is_some() => Value::String(text),
            Some("integer") => text.parse::<i64>().map(Value::from).unwrap_or(Value::String(text)),
            Some("number") => text.parse::<f64>().map(Value::from).unwrap_or(Value::String(text)),
            Some("boolean") => text.parse::<bool>().map(Value::from).unwrap_or(Value::String(text)),
            Some("object") => serde_json::from_str(&text).unwrap_or(Value::String(text)),
            _ => Value::String(text),
        };
        match (list, out.get_mut(name)) {
            (true, Some(Value::Array(items))) => items.push(value),
            (true, _) => {
                out.insert(name.clone(), Value::Array(vec![value]));
            }
            (false, _) => {
                out.insert(name.clone(), value);
            }
        }
    }
    Ok(Value::Object(out))
}

/// The form read as JSON ([`to_json`]) and valid against `schema`, its
/// file fields checked for presence only (their text is no JSON value the
/// schema could judge: a file matches a `binary` member and a `uri` one alike).
pub(crate) fn checked(spec: &Spec, schema: &Value, parts: &[FormPart]) -> Result<Value, (String, String)> {
    let body = to_json(spec, schema, parts)?;
    let mut resolved = spec.resolve(schema).into_owned();
    let files: Vec<&str> = parts.iter().filter(|p| p.file_name.is_some()).map(|p| p.name.as_str()).collect();
    let mut rest = body.clone();
    if let (Value::Object(fields), Value::Object(s)) = (&mut rest, &mut resolved) {
        fields.retain(|k, _| !files.contains(&k.as_str()));
        if let Some(Value::Object(props)) = s.get_mut("properties") {
            props.retain(|k, _| !files.contains(&k.as_str()));
        }
        if let Some(Value::Array(required)) = s.get_mut("required") {
            required.retain(|r| !r.as_str().is_some_and(|r| files.contains(&r)));
        }
    }
    super::schema::validate(spec, &resolved, &rest, "").map_err(|v| (v.message, v.param))?;
    Ok(body)
}

/// Whether the values the schema allows are files (`format: binary`):
/// all of them (`every`), or some.
fn files(spec: &Spec, schema: &Value, every: bool) -> bool {
    let schema = spec.resolve(schema);
    if schema.get("format").and_then(Value::as_str) == Some("binary") {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|k| match schema.get(*k).and_then(Value::as_array) {
        Some(members) if !members.is_empty() => match every {
            true => members.iter().all(|m| files(spec, m, true)),
            false => members.iter().any(|m| files(spec, m, false)),
        },
        _ => false,
    })
}

/// A form of `value`'s fields, a file part for each `schema` property a
/// file can be (for tests that call a form operation with a made-up value):
/// the `Content-Type` and the body.
#[cfg(test)]
pub(crate) fn encode(spec: &Spec, schema: &Value, value: &Value) -> (String, String) {
    let schema = spec.resolve(schema);
    let boundary = "mock-form-boundary";
    let mut body = String::new();
    for (name, v) in value.as_object().into_iter().flatten() {
        let property = schema["properties"].get(name).map(|p| spec.resolve(p).into_owned()).unwrap_or_default();
        let file = files(spec, &property, false);
        for item in match v {
            Value::Array(items) => items.clone(),
            one => vec![one.clone()],
        } {
            let text = match item {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let filename = if file { "; filename=\"f.bin\"" } else { "" };
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{filename}\r\n\r\n{text}\r\n"
            ));
        }
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_come_back_as_sent() {
        let body = Bytes::from_static(
            b"--b1\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n\
              --b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.jsonl\"\r\n\
              Content-Type: application/octet-stream\r\n\r\n{\"x\":1}\r\n--b1\r\n\r\n--b1--\r\n",
        );
        let parts = parse("multipart/form-data; boundary=b1", &body);
        assert!(parts.is_err(), "a part without a name is refused: {parts:?}");
        let body = Bytes::from_static(
            b"--b1\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n\
              --b1\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.jsonl\"\r\n\
              Content-Type: application/octet-stream\r\n\r\n{\"x\":1}\r\n--b1--\r\n",
        );
        let parts = parse("multipart/form-data; boundary=b1", &body).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[0].name.as_str(), &parts[0].data[..]), ("purpose", &b"fine-tune"[..]));
        assert_eq!(parts[1].file_name.as_deref(), Some("a\"b.jsonl"));
        assert_eq!(&parts[1].data[..], b"{\"x\":1}");
        assert!(parse("application/json", &body).is_err());
    }
}
