//! Fine-tuning: create a LoRA job, list the jobs, cancel it.

use super::Outcome;
use togetherai::types::LoRaTrainingType;
use togetherai::Client;

pub async fn run(client: &Client, training_file: &str) -> Outcome {
    let job = client
        .fine_tunes_create()
        .model("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")
        .training_file(training_file)
        .n_epochs(1)
        .training_type(LoRaTrainingType::new(8, 16)) // rank 8, alpha 16
        .send()
        .await?;
    let jobs = client.fine_tunes_list().send().await?;
    let cancelled = client.fine_tunes_cancel().id(&job.id).send().await?;
    Ok(format!("created {}, {} job(s) listed, cancelled: {}", job.id, jobs.data.len(), cancelled.status))
}
