//! Embeddings of three inputs.

use super::Outcome;
use togetherai::Client;

pub async fn run(client: &Client) -> Outcome {
    let inputs = ["Rust is fast.", "Rust is safe.", "Rust is fun."];
    let reply =
        client.embeddings_create().model("togethercomputer/m2-bert-80M-8k-retrieval").input(inputs).send().await?;
    Ok(format!("{} vectors of {} dimensions", reply.data.len(), reply.data[0].embedding.len()))
}
