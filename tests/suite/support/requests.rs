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

pub fn completions_create(c: &Client) -> builder::CompletionsCreate<'_> {
    c.completions_create().body_map(|b| {
        b.model("mistralai/Mixtral-8x7B-v0.1")
            .prompt("The capital of France is")
            .max_tokens(8)
            .stop(vec!["\n".to_string()])
    })
}

pub fn embeddings_create(c: &Client) -> builder::EmbeddingsCreate<'_> {
    let input =
        vec!["Our solar system orbits the Milky Way.".to_string(), "Jupiter is the largest planet.".to_string()];
    c.embeddings_create().body(
        EmbeddingsRequest::builder()
            .model(EmbeddingsRequestModel::TogethercomputerM2Bert80m8kRetrieval)
            .input(EmbeddingsRequestInput::Array(input)),
    )
}

pub fn models_list(c: &Client) -> builder::ModelsList<'_> {
    c.models_list()
}

pub fn models_create(c: &Client) -> builder::ModelsCreate<'_> {
    c.models_create().body_map(|b| {
        b.model_name("my-llama-1b")
            .model_source("unsloth/Llama-3.2-1B-Instruct")
            .description("Llama 3.2 1B, uploaded by the SDK tests")
    })
}

pub fn jobs_retrieve(c: &Client) -> builder::JobsRetrieve<'_> {
    c.jobs_retrieve().job_id(JOB_ID)
}

pub fn jobs_list(c: &Client) -> builder::JobsList<'_> {
    c.jobs_list()
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

pub fn rerank_create(c: &Client) -> builder::RerankCreate<'_> {
    let documents = [
        "The giant panda is a bear species endemic to China.",
        "The llama is a domesticated South American camelid.",
        "The wombat is native to Australia.",
    ];
    c.rerank_create().body(
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
            .voice("laidback woman")
            .response_format(AudioSpeechRequestResponseFormat::Wav)
            .language(AudioSpeechRequestLanguage::from("en")),
    )
}

pub fn endpoints_list(c: &Client) -> builder::EndpointsList<'_> {
    c.endpoints_list().type_("dedicated")
}

pub fn endpoints_create(c: &Client) -> builder::EndpointsCreate<'_> {
    c.endpoints_create().body(
        CreateEndpointRequest::builder()
            .model(CHAT_MODEL)
            .hardware(HARDWARE_ID)
            .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(2))
            .display_name("SDK test endpoint")
            .inactive_timeout(30),
    )
}

pub fn endpoints_retrieve(c: &Client) -> builder::EndpointsRetrieve<'_> {
    c.endpoints_retrieve().endpoint_id(ENDPOINT_ID)
}

pub fn endpoints_delete(c: &Client) -> builder::EndpointsDelete<'_> {
    c.endpoints_delete().endpoint_id(ENDPOINT_ID)
}

pub fn endpoints_update(c: &Client) -> builder::EndpointsUpdate<'_> {
    c.endpoints_update().endpoint_id(ENDPOINT_ID).body(
        EndpointsUpdateBody::builder()
            .state(CreateEndpointRequestState::Stopped)
            .autoscaling(Autoscaling::builder().min_replicas(1).max_replicas(4)),
    )
}

pub fn hardware_list(c: &Client) -> builder::HardwareList<'_> {
    c.hardware_list().model(CHAT_MODEL)
}

pub fn tci_execute(c: &Client) -> builder::TciExecute<'_> {
    c.tci_execute().body(
        ExecuteRequest::builder().language(ExecuteRequestLanguage::Python).code("print(6 * 7)").session_id(SESSION_ID),
    )
}

pub fn tci_sessions(c: &Client) -> builder::TciSessions<'_> {
    c.tci_sessions()
}
