//! What the mock answers a chat or completion request with: a call of an
//! offered tool, JSON for a JSON `response_format` (valid against its
//! schema), the tool's answer read back, or a canned sentence.

use super::schema;
use super::spec::Spec;
use serde_json::{json, Value};

/// The answer a request asks for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reply {
    Text(String),
    /// A call of the named tool with these arguments (JSON text).
    ToolCall {
        id: String,
        name: String,
        arguments: String,
    },
}

impl Reply {
    /// Reads the request: tools offered (and `tool_choice` not `none`)
    /// with no tool answer yet is a tool call; a JSON `response_format` is
    /// JSON; a tool's answer is read back; else the canned sentence.
    pub(crate) fn to(spec: &Spec, body: &Value) -> Reply {
        let messages = body.get("messages").and_then(Value::as_array);
        let last = messages.and_then(|m| m.last());
        let answered = last.and_then(|m| m.get("role")).is_some_and(|r| r == "tool");
        let tools = body.get("tools").and_then(Value::as_array).filter(|t| !t.is_empty());
        let choice = body.get("tool_choice");
        if let (Some(tools), false, false) = (tools, answered, choice.is_some_and(|c| c == "none")) {
            let chosen = choice.and_then(|c| c.pointer("/function/name")).and_then(Value::as_str);
            let tool = tools
                .iter()
                .find(|t| chosen.is_none() || t.pointer("/function/name").and_then(Value::as_str) == chosen)
                .unwrap_or(&tools[0]);
            let name = tool.pointer("/function/name").and_then(Value::as_str).unwrap_or("tool").to_string();
            let parameters = tool.pointer("/function/parameters").cloned().unwrap_or(json!({ "type": "object" }));
            let arguments = schema::synthesize(spec, &parameters).to_string();
            return Reply::ToolCall { id: "call_mock_1".into(), name, arguments };
        }
        if let Some(format) = body.get("response_format") {
            match format.get("type").and_then(Value::as_str) {
                Some("json_object") => return Reply::Text(json!({ "answer": super::CANNED }).to_string()),
                Some("json_schema") => {
                    let schema = format
                        .pointer("/json_schema/schema")
                        .or_else(|| format.get("schema"))
                        .cloned()
                        .unwrap_or(json!({ "type": "object" }));
                    return Reply::Text(schema::synthesize(spec, &schema).to_string());
                }
                _ => {}
            }
        }
        if answered {
            let content = last.and_then(|m| m.get("content")).and_then(Value::as_str).unwrap_or_default();
            return Reply::Text(format!("The tool answered: {content}"));
        }
        Reply::Text(super::CANNED.to_string())
    }

    /// The finish reason that goes with it.
    pub(crate) fn finish_reason(&self) -> &'static str {
        match self {
            Reply::Text(_) => "stop",
            Reply::ToolCall { .. } => "tool_calls",
        }
    }

    /// The message's `tool_calls` (`index` set for a stream's delta).
    pub(crate) fn tool_calls(&self) -> Option<Value> {
        let Reply::ToolCall { id, name, arguments } = self else { return None };
        Some(
            json!([{ "index": 0, "id": id, "type": "function", "function": { "name": name, "arguments": arguments } }]),
        )
    }

    /// The text, split into the pieces a stream sends (words, with their spaces).
    pub(crate) fn pieces(&self) -> Vec<String> {
        let Reply::Text(text) = self else { return vec![String::new()] };
        text.split(' ').enumerate().map(|(i, w)| if i == 0 { w.to_string() } else { format!(" {w}") }).collect()
    }

    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Reply::Text(text) => Some(text),
            Reply::ToolCall { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Spec {
        Spec { doc: json!({ "openapi": "3.0.0", "paths": {} }), operations: Vec::new() }
    }

    #[test]
    fn tools_json_and_tool_answers() {
        let spec = spec();
        let tool = json!({ "type": "function", "function": { "name": "get_weather",
            "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] } } });
        let ask = json!({ "messages": [{ "role": "user", "content": "Weather?" }], "tools": [tool] });
        let Reply::ToolCall { name, arguments, .. } = Reply::to(&spec, &ask) else { panic!("no tool call") };
        assert_eq!(name, "get_weather");
        assert!(serde_json::from_str::<Value>(&arguments).unwrap()["city"].is_string());
        let none = json!({ "messages": [], "tools": [tool], "tool_choice": "none" });
        assert!(matches!(Reply::to(&spec, &none), Reply::Text(_)));
        let answered = json!({ "messages": [{ "role": "tool", "content": "sunny" }], "tools": [tool] });
        assert_eq!(Reply::to(&spec, &answered), Reply::Text("The tool answered: sunny".into()));
        let schema = json!({ "type": "object", "properties": { "n": { "type": "integer" } }, "required": ["n"] });
        let json_mode = json!({ "response_format": { "type": "json_schema", "json_schema": { "schema": schema } } });
        let Reply::Text(text) = Reply::to(&spec, &json_mode) else { panic!() };
        assert!(schema::validate(&spec, &schema, &serde_json::from_str(&text).unwrap(), "").is_ok());
        let object = json!({ "response_format": { "type": "json_object" } });
        assert!(serde_json::from_str::<Value>(Reply::to(&spec, &object).text().unwrap()).unwrap().is_object());
    }
}
