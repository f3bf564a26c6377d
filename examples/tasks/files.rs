//! Files: list them, read one.

use super::Outcome;
use togetherai::Client;

pub async fn run(client: &Client) -> Outcome {
    let files = client.files_list().send().await?;
    let Some(file) = files.data.first() else { return Ok("no files uploaded yet".into()) };
    let content = client.files_content().id(&file.id).send().await?.bytes().await?;
    Ok(format!("{} file(s); {} is {} bytes", files.data.len(), file.filename, content.len()))
}
