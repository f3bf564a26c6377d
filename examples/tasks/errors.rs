//! Errors: a rate limit (429) and a missing API key.

use super::Outcome;
use togetherai::{Client, Error};

pub async fn run(client: &Client) -> Outcome {
    let rate_limited = match client.models_list().max_retries(0).send().await {
        Err(Error::Api(e)) if e.status == 429 => format!("429: {} (retry after {:?})", e.message(), e.retry_after),
        other => format!("not rate limited: {:?}", other.map(|m| m.len())),
    };
    let no_key = match Client::builder().build() {
        Err(Error::Config(why)) => why,
        Ok(_) => "a client without a key was built".into(),
        Err(e) => e.to_string(),
    };
    Ok(format!("{rate_limited}; without a key: {no_key}"))
}
