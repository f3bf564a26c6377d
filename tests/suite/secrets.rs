//! The API key never shows in logs, `Debug` or errors, whatever happens to a
//! request.

use crate::support::logs::Logs;
use serde_json::json;
use togetherai_testkit::{Reply, Server};

const KEY: &str = "tk-SECRET-4c7f9e2a";

#[tokio::test]
async fn the_key_is_sent_but_never_logged_shown_or_reported() {
    let logs = Logs::capture(tracing::Level::TRACE);

    let server = Server::start(|request| match (request.method.as_str(), request.path()) {
        ("GET", "/models") => Reply::json(200, &json!([])),
        ("GET", "/hardware") => {
            Reply::json(401, &json!({ "error": { "message": "invalid api key", "type": "authentication_error" } }))
        }
        ("GET", "/endpoints") => Reply::new(200).header("content-type", "text/plain").send("{not json"),
        _ => Reply::new(404),
    });

    let client = togetherai::Client::builder().api_key(KEY).base_url(server.url()).build().unwrap();
    let models = client.models_list().send().await.unwrap();
    assert!(models.is_empty());
    let api = client.hardware_list().send().await.unwrap_err();
    let decode = client.endpoints_list().send().await.unwrap_err();
    let refused = togetherai::Client::builder()
        .api_key(KEY)
        .base_url(togetherai_testkit::refused_url())
        .build()
        .unwrap()
        .models_list()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(api, togetherai::Error::Api(_)), "{api:?}");
    assert!(matches!(decode, togetherai::Error::Decode { .. }), "{decode:?}");
    assert!(matches!(refused, togetherai::Error::Transport { .. }), "{refused:?}");
    // The key was sent, once per request, as the bearer token.
    let requests = server.requests();
    let sent: Vec<_> = requests.iter().map(|r| (r.path(), r.header("authorization"))).collect();
    let auth = format!("Bearer {KEY}");
    assert_eq!(sent, ["/models", "/hardware", "/endpoints"].map(|path| (path, Some(auth.as_str()))));

    let logged = logs.text();
    assert!(logged.contains("togetherai.request"), "the requests were not traced:\n{logged}");
    assert!(logged.contains("operation=\"hardware_list\"") || logged.contains("operation=hardware_list"), "{logged}");
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
