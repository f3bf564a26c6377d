//! Client configuration end to end: environment, builder options, timeouts.

use std::time::Duration;
use togetherai::{Client, Error};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn models_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/models"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    server
}

fn last_request(requests: Vec<Request>) -> Request {
    requests.into_iter().last().expect("the server saw a request")
}

#[tokio::test]
async fn from_env_reads_key_and_base_url() {
    let server = models_server().await;
    // The only test in this binary that touches these variables.
    std::env::remove_var("TOGETHER_API_KEY");
    let missing = Client::from_env().unwrap_err();
    assert!(matches!(missing, Error::Config(_)));
    assert!(missing.to_string().contains("TOGETHER_API_KEY"), "{missing}");

    std::env::set_var("TOGETHER_API_KEY", "env-key");
    std::env::set_var("TOGETHER_BASE_URL", server.uri());
    let client = Client::from_env().unwrap();
    std::env::remove_var("TOGETHER_BASE_URL");
    assert_eq!(client.base_url(), server.uri());
    client.models().send().await.unwrap();
    let sent = last_request(server.received_requests().await.unwrap());
    assert_eq!(sent.headers["authorization"], "Bearer env-key");
    assert_eq!(Client::from_env().unwrap().base_url(), togetherai::DEFAULT_BASE_URL);
    std::env::remove_var("TOGETHER_API_KEY");
}

#[tokio::test]
async fn builder_options_reach_the_wire() {
    let server = models_server().await;
    let client = Client::builder()
        .api_key("k")
        .base_url(format!("{}/", server.uri()))
        .user_agent_suffix("my-app/1.2")
        .default_header("x-team".parse().unwrap(), "search".parse().unwrap())
        .default_header("x-team".parse().unwrap(), "ranking".parse().unwrap())
        .default_header("accept".parse().unwrap(), "text/plain".parse().unwrap())
        .build()
        .unwrap();
    client.models().send().await.unwrap();
    let sent = last_request(server.received_requests().await.unwrap());
    let ua = sent.headers["user-agent"].to_str().unwrap();
    assert_eq!(ua, format!("togetherai-rust/{} my-app/1.2", env!("CARGO_PKG_VERSION")));
    let teams: Vec<_> = sent.headers.get_all("x-team").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(teams, ["search", "ranking"]);
    // The operation's own Accept wins over a default header.
    assert_eq!(sent.headers["accept"], "application/json");
    assert!(sent.headers.get("api-version").is_none());
}

#[tokio::test]
async fn a_caller_supplied_http_client_still_gets_auth_and_agent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/models"))
        .and(header("authorization", "Bearer own"))
        .and(header("x-from-reqwest", "yes"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-from-reqwest", "yes".parse().unwrap());
    let http = reqwest::Client::builder().default_headers(defaults).build().unwrap();
    let client = Client::builder().api_key("own").base_url(server.uri()).http_client(http).build().unwrap();
    client.models().send().await.unwrap();
}

#[tokio::test]
async fn the_total_timeout_applies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/models"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client =
        Client::builder().api_key("k").base_url(server.uri()).timeout(Duration::from_millis(200)).build().unwrap();
    let started = std::time::Instant::now();
    let err = client.models().send().await.unwrap_err();
    let Error::Transport { source: e, .. } = &err else { panic!("{err:?}") };
    assert!(e.is_timeout(), "{e:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}
