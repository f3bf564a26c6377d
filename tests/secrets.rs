//! The API key never shows in logs, `Debug` or errors, whatever happens to a
//! request.

mod common;

use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "tk-SECRET-4c7f9e2a";

#[tokio::test]
async fn the_key_is_sent_but_never_logged_shown_or_reported() {
    let logs = common::Logs::capture(tracing::Level::TRACE);

    let server = MockServer::start().await;
    let auth = format!("Bearer {KEY}");
    Mock::given(method("GET"))
        .and(path("/models"))
        .and(header("authorization", auth.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/hardware"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": { "message": "invalid api key", "type": "authentication_error" } })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/endpoints"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&server)
        .await;

    let client = togetherai::Client::builder().api_key(KEY).base_url(server.uri()).build().unwrap();
    let models = client.models().send().await.unwrap();
    assert!(models.is_empty());
    let api = client.list_hardware().send().await.unwrap_err();
    let decode = client.list_endpoints().send().await.unwrap_err();
    let refused = togetherai::Client::builder()
        .api_key(KEY)
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
        .models()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(api, togetherai::Error::Api(_)), "{api:?}");
    assert!(matches!(decode, togetherai::Error::Decode { .. }), "{decode:?}");
    assert!(matches!(refused, togetherai::Error::Transport { .. }), "{refused:?}");

    let logged = logs.text();
    assert!(logged.contains("togetherai.request"), "the requests were not traced:\n{logged}");
    assert!(logged.contains("operation=\"list_hardware\"") || logged.contains("operation=list_hardware"), "{logged}");
    let shown = [
        logged,
        format!("{client:?}"),
        format!("{api} {api:?}"),
        format!("{decode} {decode:?}"),
        format!("{refused} {refused:?}"),
        format!("{:?}", togetherai::Client::builder().api_key(KEY)),
    ];
    for text in shown {
        assert!(!text.contains(KEY) && !text.contains("SECRET"), "the key leaked into:\n{text}");
    }
}
