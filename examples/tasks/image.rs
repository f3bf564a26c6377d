//! An image, generated and saved.

use super::Outcome;
use base64::Engine;
use togetherai::Client;

pub async fn run(client: &Client, path: &std::path::Path) -> Outcome {
    let reply = client
        .images_generations()
        .model("black-forest-labs/FLUX.1-schnell")
        .prompt("A lighthouse at dusk, oil painting")
        .steps(4)
        .response_format("base64")
        .send()
        .await?;
    let image = reply.data.first().and_then(|d| d.b64_json()).ok_or("no image in the reply")?;
    let bytes = base64::engine::general_purpose::STANDARD.decode(image)?;
    std::fs::write(path, &bytes)?;
    Ok(format!("{} bytes saved to {}", bytes.len(), path.display()))
}
