//! Error mapping: non-2xx statuses with JSON or HTML bodies, bodies that do
//! not decode, connections that fail, requests that cannot be built; the API
//! key never shows in any of them.

use crate::support::{calls, samples};
use serde_json::json;
use togetherai::{Client, Error};
use togetherai_testkit::{Reply, Server};

/// Distinctive, so a leak is unmistakable.
const SECRET: &str = "tk-ZEBRA-9f8e7d6c5b4a-never-print-me";

const STATUSES: [u16; 7] = [400, 401, 404, 429, 500, 503, 504];

/// `chat_completions` declares error responses in the spec; `files_list`
/// and `tci_execute` declare none.
const OPERATIONS: [&str; 3] = ["chat_completions", "files_list", "tci_execute"];

/// Without retries: these tests are about how one answer maps to an error
/// (`retries` covers retrying).
fn client(base_url: &str) -> Client {
    Client::builder().api_key(SECRET).base_url(base_url).max_retries(0).build().expect("a valid client")
}

fn assert_no_secret(err: &Error) {
    let (display, debug) = (format!("{err}"), format!("{err:?}"));
    assert!(!display.contains(SECRET) && !display.contains("ZEBRA"), "key in Display: {display}");
    assert!(!debug.contains(SECRET) && !debug.contains("ZEBRA"), "key in Debug: {debug}");
}

/// Serves `reply` to the table's call of `operation`; returns the error.
async fn fail(operation: &str, reply: Reply) -> Error {
    let call = calls::call(operation);
    let server = Server::script([reply]);
    let result = (call.run)(&client(&server.url())).await;
    let requests = server.requests();
    // Exactly the call's request, once: no retries.
    let sent: Vec<_> = requests.iter().map(|r| (r.method.as_str(), r.path())).collect();
    assert_eq!(sent, [(call.method, call.path)], "{operation}");
    match result {
        Ok(out) => panic!("{operation}: expected an error, got {out:?}"),
        Err(e) => {
            assert_no_secret(&e);
            e
        }
    }
}

#[tokio::test]
async fn json_error_bodies_become_api_errors() {
    for operation in OPERATIONS {
        for status in STATUSES {
            let message = format!("{operation} failed with {status}: model `x` is not available");
            let body = json!({
                "error": { "message": message, "type": "invalid_request_error", "param": null, "code": format!("code_{status}") }
            });
            let request_id = format!("req-{operation}-{status}");
            let reply = Reply::json(status, &body).header("x-request-id", &request_id).header("retry-after", "7");
            let err = fail(operation, reply).await;
            let context = format!("{operation} {status}: {err:?}");

            assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{context}");
            let Error::Api(api) = &err else { panic!("not an API error: {context}") };
            assert_eq!(api.operation, operation, "{context}");
            assert_eq!(api.status.as_u16(), status, "{context}");
            let detail = api.detail.as_ref().unwrap_or_else(|| panic!("no detail: {context}"));
            assert_eq!(detail.message, message, "{context}");
            assert_eq!(detail.kind.as_deref(), Some("invalid_request_error"), "{context}");
            assert_eq!(detail.param, None, "{context}");
            assert_eq!(detail.code, Some(format!("code_{status}")), "{context}");
            assert_eq!(api.request_id.as_deref(), Some(request_id.as_str()), "{context}");
            assert_eq!(api.headers.get("retry-after").map(|v| v.as_bytes()), Some(&b"7"[..]), "{context}");
            assert_eq!(serde_json::from_slice::<serde_json::Value>(&api.body).ok(), Some(body), "{context}");
            assert_eq!(api.message(), message, "{context}");

            let shown = err.to_string();
            for part in [operation, &status.to_string(), &message, &request_id, "invalid_request_error"] {
                assert!(shown.contains(part), "`{shown}` lacks `{part}`");
            }
            assert!(err.api().is_some());
        }
    }
}

fn nginx_page(status: u16, reason: &str) -> String {
    format!(
        "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n\
         <center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
}

#[tokio::test]
async fn html_bodies_keep_the_raw_body_and_read_as_text() {
    let statuses = STATUSES.iter().copied().chain([502]);
    for (i, status) in statuses.enumerate() {
        let operation = OPERATIONS[i % OPERATIONS.len()];
        let reason = reqwest::StatusCode::from_u16(status).unwrap().canonical_reason().unwrap();
        let page = nginx_page(status, reason);
        let reply = Reply::new(status)
            .header("content-type", "text/html")
            .header("x-request-id", "req-html")
            .send(page.clone());
        let err = fail(operation, reply).await;
        let context = format!("{operation} {status}: {err:?}");

        let Error::Api(api) = &err else { panic!("not an API error: {context}") };
        assert_eq!(api.status.as_u16(), status, "{context}");
        assert!(api.detail.is_none(), "{context}");
        assert_eq!(&api.body[..], page.as_bytes(), "{context}");
        assert_eq!(api.request_id.as_deref(), Some("req-html"), "{context}");

        let message = api.message();
        let shown = err.to_string();
        for text in [&message, &shown] {
            assert!(!text.contains('<') && !text.contains('>'), "markup in `{text}`");
            assert!(!text.contains('\n') && !text.contains('\r'), "line breaks in `{text}`");
            assert!(text.contains(&format!("{status} {reason}")), "`{text}` lacks the title");
            assert!(text.contains("nginx"), "`{text}` lacks the page text");
        }
        assert!(shown.contains(operation) && shown.contains("req-html"), "{shown}");
    }
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error_with_its_path() {
    let mut body = samples::chat_response("stop");
    body["choices"][0]["message"]["content"] = json!(42);
    let raw = serde_json::to_vec(&body).unwrap();
    let err = fail("chat_completions", Reply::json(200, &body)).await;

    let Error::Decode { operation, path, message, excerpt, body: kept } = &err else {
        panic!("not a decode error: {err:?}")
    };
    assert_eq!(*operation, "chat_completions");
    assert_eq!(path, "choices[0].message.content");
    assert!(message.contains("integer `42`"), "{message}");
    assert!(excerpt.starts_with('{') && excerpt.contains("\"content\":42"), "{excerpt}");
    assert_eq!(&kept[..], &raw[..]);
    assert_eq!(err.status(), None);
    let shown = err.to_string();
    assert!(shown.contains("choices[0].message.content") && shown.contains("chat_completions"), "{shown}");

    // A required field missing deeper down names its parent.
    let err = fail("files_list", Reply::json(200, &json!({ "data": [{ "id": "file-1", "object": "file" }] }))).await;
    let Error::Decode { path, message, .. } = &err else { panic!("not a decode error: {err:?}") };
    assert_eq!(path, "data[0]");
    assert!(message.contains("missing field"), "{message}");

    // Not JSON at all, with a 200.
    let html = Reply::new(200).header("content-type", "text/html").send("<html>ok</html>");
    let err = fail("tci_execute", html).await;
    let Error::Decode { operation, excerpt, .. } = &err else { panic!("not a decode error: {err:?}") };
    assert_eq!(*operation, "tci_execute");
    assert_eq!(excerpt, "ok");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let client = client(&togetherai_testkit::refused_url());
    for operation in ["files_list", "tci_execute"] {
        let err = (calls::call(operation).run)(&client).await.expect_err("nothing listens");
        assert_no_secret(&err);
        let Error::Transport { source: inner, .. } = &err else {
            panic!("{operation}: not a transport error: {err:?}")
        };
        assert!(inner.is_connect(), "{operation}: {inner:?}");
        assert_eq!(err.status(), None);
        assert!(err.to_string().starts_with("transport error"), "{err}");
    }
}

#[tokio::test]
async fn requests_missing_required_values_are_refused_before_sending() {
    let server = Server::script([Reply::new(200)]);
    let client = client(&server.url());

    let err = client.files_retrieve().send().await.expect_err("no id");
    assert!(matches!(&err, Error::InvalidRequest(m) if m.contains("id")), "{err:?}");
    assert_no_secret(&err);

    let err =
        client.chat_completions().body_map(|b| b.model(samples::CHAT_MODEL)).send().await.expect_err("no messages");
    assert!(matches!(&err, Error::InvalidRequest(m) if m.contains("messages")), "{err:?}");
    assert_no_secret(&err);
    assert!(server.requests().is_empty(), "sent: {:?}", server.requests());
}

#[test]
fn the_client_never_shows_the_key() {
    let builder = Client::builder().api_key(SECRET).base_url("http://127.0.0.1:9");
    assert!(!format!("{builder:?}").contains(SECRET));
    let client = builder.build().unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(SECRET) && !debug.contains("ZEBRA"), "{debug}");
    assert!(debug.contains("127.0.0.1:9"), "the Debug output is not empty: {debug}");
}
