//! One valid request per operation, built through the public API only and
//! ready to send: what the table in [`super::calls`] sends, and what the
//! typed checks send to read the decoded value.

use super::samples::{CHAT_MODEL, ENDPOINT_ID, FILE_ID, FT_ID, HARDWARE_ID, JOB_ID, SESSION_ID};
use togetherai::builder;
use togetherai::types::*;
use togetherai::Client;

/// A typify builder turned into its type; panics with the builder's message.
fn built<T, B>(builder: B) -> T
where
    B: TryInto<T>,
    B::Error: std::fmt::Display,
{
    builder.try_into().unwrap_or_else(|e| panic!("invalid {}: {e}", std::any::type_name::<T>()))
}

pub fn chat_completions(c: &Client) -> builder::ChatCompletions<'_> {
    let system = ChatMessage::system("You are terse.");
    let user = ChatMessage::user("Say hello");
    c.chat_completions().body(
        ChatCompletionRequest::builder().model(CHAT_MODEL).messages([system, user]).max_tokens(64).temperature(0.7),
    )
}

pub fn completions(c: &Client) -> builder::Completions<'_> {
    c.completions().body_map(|b| {
        b.model("mistralai/Mixtral-8x7B-v0.1")
            .prompt("The capital of France is")
            .max_tokens(8)
            .stop(vec!["\n".to_string()])
    })
}

pub fn embeddings(c: &Client) -> builder::Embeddings<'_> {
    let input =
        vec!["Our solar system orbits the Milky Way.".to_string(), "Jupiter is the largest planet.".to_string()];
    c.embeddings().body(
        EmbeddingsRequest::builder()
            .model(EmbeddingsRequestModel::TogethercomputerM2Bert80m8kRetrieval)
            .input(EmbeddingsRequestInput::Array(input)),
    )
}

pub fn models(c: &Client) -> builder::Models<'_> {
    c.models()
}

pub fn upload_model(c: &Client) -> builder::UploadModel<'_> {
    c.upload_model().body_map(|b| {
        b.model_name("my-llama-1b")
            .model_source("unsloth/Llama-3.2-1B-Instruct")
            .description("Llama 3.2 1B, uploaded by the SDK tests")
    })
}

pub fn get_job(c: &Client) -> builder::GetJob<'_> {
    c.get_job().job_id(JOB_ID)
}

pub fn list_jobs(c: &Client) -> builder::ListJobs<'_> {
    c.list_jobs()
}

pub fn images_generations(c: &Client) -> builder::ImagesGenerations<'_> {
    c.images_generations().body(
        ImagesGenerationsBody::builder()
            .model("black-forest-labs/FLUX.1-schnell")
            .prompt("A lighthouse on a cliff at dusk, oil painting")
            .steps(4)
            .n(1)
            .response_format(ImagesGenerationsBodyResponseFormat::Url),
    )
}

pub fn files_list(c: &Client) -> builder::FilesList<'_> {
    c.files_list()
}

pub fn files_retrieve(c: &Client) -> builder::FilesRetrieve<'_> {
    c.files_retrieve().id(FILE_ID)
}

pub fn files_delete(c: &Client) -> builder::FilesDelete<'_> {
    c.files_delete().id(FILE_ID)
}

pub fn files_content(c: &Client) -> builder::FilesContent<'_> {
    c.files_content().id(FILE_ID)
}

pub fn fine_tunes_list(c: &Client) -> builder::FineTunesList<'_> {
    c.fine_tunes_list()
}

pub fn fine_tunes_create(c: &Client) -> builder::FineTunesCreate<'_> {
    let lora: LoRaTrainingType =
        built(LoRaTrainingType::builder().type_(LoRaTrainingTypeType::Lora).lora_r(8).lora_alpha(16));
    c.fine_tunes_create().body(
        FineTunesCreateBody::builder()
            .training_file(FILE_ID)
            .model("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference")
            .n_epochs(3)
            .learning_rate(0.0001)
            .suffix("sdk-test")
            .training_type(FineTunesCreateBodyTrainingType::LoRaTrainingType(lora)),
    )
}

pub fn fine_tunes_retrieve(c: &Client) -> builder::FineTunesRetrieve<'_> {
    c.fine_tunes_retrieve().id(FT_ID)
}

pub fn fine_tunes_events(c: &Client) -> builder::FineTunesEvents<'_> {
    c.fine_tunes_events().id(FT_ID)
}

pub fn finetune_download(c: &Client) -> builder::FinetuneDownload<'_> {
    c.finetune_download().ft_id(FT_ID).checkpoint("merged")
}

pub fn fine_tunes_cancel(c: &Client) -> builder::FineTunesCancel<'_> {
    c.fine_tunes_cancel().id(FT_ID)
}

pub fn rerank(c: &Client) -> builder::Rerank<'_> {
    let documents = [
        "The giant panda is a bear species endemic to China.",
        "The llama is a domesticated South American camelid.",
        "The wombat is native to Australia.",
    ];
    c.rerank().body(
        RerankRequest::builder()
            .model("Salesforce/Llama-Rank-v1")
            .query("What animals can I find near Peru?")
            .documents(RerankRequestDocuments::Strings(documents.map(String::from).to_vec()))
            .top_n(2)
            .return_documents(true),
    )
}

pub fn audio_speech(c: &Client) -> builder::AudioSpeech<'_> {
    c.audio_speech().body(
        AudioSpeechRequest::builder()
            .model("cartesia/sonic")
            .input("Hello from the Rust SDK.")
            .voice(AudioSpeechRequestVoice::LaidbackWoman)
            .response_format(AudioSpeechRequestResponseFormat::Wav)
            .language(AudioSpeechRequestLanguage::from("en")),
    )
}

pub fn list_endpoints(c: &Client) -> builder::ListEndpoints<'_> {
    c.list_endpoints().type_("dedicated")
}

pub fn create_endpoint(c: &Client) -> builder::CreateEndpoint<'_> {
    c.create_endpoint().body(
        CreateEndpointRequest::builder()
            .model(CHAT_MODEL)
            .hardware(HARDWARE_ID)
            .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(2))
            .display_name("SDK test endpoint")
            .inactive_timeout(30),
    )
}

pub fn get_endpoint(c: &Client) -> builder::GetEndpoint<'_> {
    c.get_endpoint().endpoint_id(ENDPOINT_ID)
}

pub fn delete_endpoint(c: &Client) -> builder::DeleteEndpoint<'_> {
    c.delete_endpoint().endpoint_id(ENDPOINT_ID)
}

pub fn update_endpoint(c: &Client) -> builder::UpdateEndpoint<'_> {
    c.update_endpoint().endpoint_id(ENDPOINT_ID).body(
        UpdateEndpointBody::builder()
            .state(CreateEndpointRequestState::Stopped)
            .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(4)),
    )
}

pub fn list_hardware(c: &Client) -> builder::ListHardware<'_> {
    c.list_hardware().model(CHAT_MODEL)
}

pub fn tci_execute(c: &Client) -> builder::TciExecute<'_> {
    c.tci_execute().body(
        ExecuteRequest::builder().language(ExecuteRequestLanguage::Python).code("print(6 * 7)").session_id(SESSION_ID),
    )
}

pub fn sessions_list(c: &Client) -> builder::SessionsList<'_> {
    c.sessions_list()
}
