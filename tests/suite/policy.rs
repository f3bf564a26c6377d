//! The policy tables on the wire, where an operation they name exists in the
//! spec the client is built from (`TOGETHERAI_SPEC`).

#[cfg(not(togetherai_operation = "fine_tunes_metrics"))]
#[test]
fn query_bodies_need_a_spec_with_fine_tune_metrics() {
    println!("skipped: this spec has no `GET /fine-tunes/{{id}}/metrics` (build with a 2026-04 or later spec)");
}

/// `QUERY_BODIES`: the filters the 2026-04 spec puts in the body of a
/// `GET` go as query parameters, and no body is sent.
#[cfg(togetherai_operation = "fine_tunes_metrics")]
#[tokio::test]
async fn fine_tune_metric_filters_go_in_the_query() {
    use togetherai_testkit::{Reply, Server};
    let server = Server::script([Reply::json(200, &serde_json::json!({ "metrics": [{ "train/loss": 0.5 }] }))]);
    let client = togetherai::Client::builder().api_key("k").base_url(server.url()).build().unwrap();
    let reply = client.fine_tunes_metrics().id("ft-1").global_step_from(0).global_step_to(500).send().await.unwrap();
    assert_eq!(serde_json::to_value(&*reply).unwrap()["metrics"][0]["train/loss"], 0.5);
    let sent = &server.requests()[0];
    assert_eq!(sent.method, "GET");
    assert_eq!(sent.target, "/fine-tunes/ft-1/metrics?global_step_from=0&global_step_to=500");
    assert!(sent.body.is_empty() && sent.header("content-type").is_none());
}
