//! A batch of chat requests and an evaluation by a judge model: jobs the
//! API runs on an uploaded file, in the 2025-12 and later specs.

use super::Outcome;
use togetherai::Client;

/// Uploads a file of chat requests, starts a batch on it and reads its status.
#[cfg(all(togetherai_operation = "batches_create", togetherai_operation = "files_upload"))]
pub async fn batch(client: &Client, path: &std::path::Path) -> Outcome {
    use togetherai::FilePart;
    let request = serde_json::json!({ "custom_id": "q1", "body": {
        "model": super::MODEL, "messages": [{ "role": "user", "content": "Say hello" }] } });
    std::fs::write(path, format!("{request}\n"))?;
    let file =
        client.files_upload().purpose("batch-api").file_name("batch.jsonl").file(FilePart::path(path)).send().await?;
    let created = client.batches_create().input_file_id(&file.id).endpoint("/v1/chat/completions").send().await?;
    let id = created.job.as_ref().and_then(|j| j.id.clone()).ok_or("the batch has no id")?;
    let job = client.batches_retrieve().id(&id).send().await?;
    let status = job.status.as_ref().map_or("unknown".into(), |s| s.to_string());
    Ok(format!("batch {id} on {}: {status}", file.id))
}

#[cfg(not(all(togetherai_operation = "batches_create", togetherai_operation = "files_upload")))]
pub async fn batch(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no POST /batches or /files/upload (build with a 2025-12 or later spec)".into())
}

/// Uploads a file of answers, has a judge model label them, then reads the job's status.
#[cfg(all(togetherai_operation = "evaluation_create", togetherai_operation = "files_upload"))]
pub async fn evaluation(client: &Client, path: &std::path::Path) -> Outcome {
    use togetherai::types::{EvaluationClassifyParameters, EvaluationJudgeModelConfig, EvaluationTypedRequest};
    use togetherai::FilePart;
    let row = serde_json::json!({ "prompt": "Greet me.", "response": "Hello, nice to meet you!" });
    std::fs::write(path, format!("{row}\n"))?;
    let file =
        client.files_upload().purpose("eval").file_name("answers.jsonl").file(FilePart::path(path)).send().await?;
    let judge = EvaluationJudgeModelConfig::serverless(super::MODEL, "Is the response polite? Say `yes` or `no`.");
    let parameters = EvaluationClassifyParameters::new(judge, ["yes", "no"], ["yes"], &file.id);
    let created = client.evaluation_create().body(EvaluationTypedRequest::classify(parameters)).send().await?;
    let id = created.workflow_id.clone().ok_or("the evaluation has no id")?;
    let status = client.evaluation_status().id(&id).send().await?;
    Ok(format!("evaluation {id}: {}", status.status.as_ref().map_or("unknown".into(), |s| s.to_string())))
}

#[cfg(not(all(togetherai_operation = "evaluation_create", togetherai_operation = "files_upload")))]
pub async fn evaluation(_: &Client, _: &std::path::Path) -> Outcome {
    Ok("skipped: this spec has no POST /evaluation or /files/upload (build with a 2025-12 or later spec)".into())
}
