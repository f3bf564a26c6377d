//! Client configuration end to end: environment, builder options, timeouts.

use serde_json::json;
use std::time::Duration;
use togetherai::{Client, Error};
use togetherai_testkit::{Reply, Request, Server};

/// A server answering every request as `GET /models` with no model.
fn models_server() -> Server {
    Server::script([Reply::json(200, &json!([]))])
}

/// The one request `server` got, checked to be `GET /models`.
fn models_request(server: &Server) -> Request {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    let request = requests.into_iter().next().unwrap();
    assert_eq!((request.method.as_str(), request.path()), ("GET", "/models"));
    request
}

#[tokio::test]
async fn from_env_reads_key_and_base_url() {
    let server = models_server();
    // The only test in this binary that touches these variables.
    std::env::remove_var("TOGETHER_API_KEY");
    let missing = Client::from_env().unwrap_err();
    assert!(matches!(missing, Error::Config(_)));
    assert!(missing.to_string().contains("TOGETHER_API_KEY"), "{missing}");

    std::env::set_var("TOGETHER_API_KEY", "env-key");
    std::env::set_var("TOGETHER_BASE_URL", server.url());
    let client = Client::from_env().unwrap();
    std::env::remove_var("TOGETHER_BASE_URL");
    assert_eq!(client.base_url(), server.url());
    client.models_list().send().await.unwrap();
    assert_eq!(models_request(&server).header("authorization"), Some("Bearer env-key"));
    assert_eq!(Client::from_env().unwrap().base_url(), togetherai::DEFAULT_BASE_URL);
    std::env::remove_var("TOGETHER_API_KEY");
}

#[tokio::test]
async fn builder_options_reach_the_wire() {
    let server = models_server();
    let client = Client::builder()
        .api_key("k")
        .base_url(format!("{}/", server.url()))
        .user_agent_suffix("my-app/1.2")
        .default_header("x-team".parse().unwrap(), "search".parse().unwrap())
        .default_header("x-team".parse().unwrap(), "ranking".parse().unwrap())
        .default_header("accept".parse().unwrap(), "text/plain".parse().unwrap())
        .build()
        .unwrap();
    client.models_list().send().await.unwrap();
    let sent = models_request(&server);
    let ua = sent.header("user-agent").unwrap();
    assert_eq!(ua, format!("togetherai-rust/{} my-app/1.2", env!("CARGO_PKG_VERSION")));
    let teams: Vec<_> = sent.header_values("x-team").collect();
    assert_eq!(teams, ["search", "ranking"]);
    // The operation's own Accept wins over a default header.
    assert_eq!(sent.header_values("accept").collect::<Vec<_>>(), ["application/json"]);
    assert!(sent.header("api-version").is_none());
}

#[tokio::test]
async fn a_caller_supplied_http_client_still_gets_auth_and_agent() {
    let server = models_server();
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-from-reqwest", "yes".parse().unwrap());
    let http = togetherai::ClientBuilder::http_client_builder().unwrap().default_headers(defaults).build().unwrap();
    let client = Client::builder().api_key("own").base_url(server.url()).http_client(http).build().unwrap();
    client.models_list().send().await.unwrap();
    let sent = models_request(&server);
    assert_eq!(sent.header("authorization"), Some("Bearer own"));
    assert_eq!(sent.header("x-from-reqwest"), Some("yes"));
    assert!(sent.header("user-agent").is_some_and(|ua| ua.starts_with("togetherai-rust/")), "{sent:?}");
}

#[tokio::test]
async fn the_total_timeout_applies() {
    let server = Server::script([Reply::json(200, &json!([])).after(Duration::from_secs(5))]);
    let client =
        Client::builder().api_key("k").base_url(server.url()).timeout(Duration::from_millis(200)).build().unwrap();
    let started = std::time::Instant::now();
    let err = client.models_list().send().await.unwrap_err();
    let Error::Transport { source: e, .. } = &err else { panic!("{err:?}") };
    assert!(e.is_timeout(), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}
