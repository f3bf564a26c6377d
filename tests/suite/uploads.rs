//! Operations whose body is a `multipart/form-data` form, end to end
//! against the mock (which reads the form and checks it against the spec):
//! a file from a path, from bytes and from a one-shot reader, progress,
//! retries of what can be sent again, a transcription. They need a spec with
//! `POST /files/upload` (2025-12 or later): CI runs them with each shared
//! spec (`TOGETHERAI_SPEC`).

#[cfg(not(togetherai_operation = "files_upload"))]
#[test]
fn uploads_need_a_spec_with_forms() {
    println!(
        "skipped: this spec has no `POST /files/upload` (build with TOGETHERAI_SPEC set to a 2025-12 or later spec)"
    );
}

#[cfg(togetherai_operation = "files_upload")]
mod with_forms {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::Duration;
    use togetherai::mock::{MockReply, MockServer};
    use togetherai::{Error, FilePart, RetryPolicy};

    /// A training file of `lines` JSON lines.
    fn jsonl(lines: usize) -> Vec<u8> {
        (0..lines).map(|i| format!("{{\"text\": \"line {i}\"}}\n")).collect::<String>().into_bytes()
    }

    /// The last progress report, kept by the callback.
    fn progress() -> (Arc<AtomicU64>, impl Fn(u64, u64) + Send + Sync + 'static) {
        let seen = Arc::new(AtomicU64::new(0));
        let keep = Arc::clone(&seen);
        (seen, move |sent, total| {
            assert!(sent <= total, "{sent} of {total}");
            keep.store(sent, Ordering::SeqCst);
        })
    }

    #[tokio::test]
    async fn a_file_from_a_path_arrives_whole_with_its_fields() {
        let server = MockServer::start().await.unwrap();
        let dir = std::env::temp_dir().join(format!("togetherai-upload-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("train.jsonl");
        let content = jsonl(20_000);
        std::fs::write(&path, &content).unwrap();
        let (seen, report) = progress();
        let reply = server
            .client()
            .files_upload()
            .purpose("fine-tune")
            .file_name("train.jsonl")
            .file(FilePart::path(&path).on_progress(report))
            .send()
            .await
            .unwrap();
        assert!(!reply.id.is_empty());
        assert_eq!(seen.load(Ordering::SeqCst), content.len() as u64, "progress reaches the total");
        let form = server.form("files_upload").expect("the mock read a form");
        let field =
            |name: &str| form.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no `{name}` in {form:?}"));
        assert_eq!(&field("purpose").data[..], b"fine-tune");
        assert_eq!(&field("file_name").data[..], b"train.jsonl");
        let file = field("file");
        assert_eq!(file.file_name.as_deref(), Some("train.jsonl"));
        assert_eq!(file.data.len(), content.len());
        assert!(file.data[..] == content[..], "byte-exact");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[tokio::test]
    async fn a_one_shot_reader_is_sent_once_and_bytes_are_sent_again() {
        let server = MockServer::start().await.unwrap();
        let fast =
            RetryPolicy::default().retry_mutations(true).backoff(Duration::from_millis(1), Duration::from_millis(5));
        let content = jsonl(1_000);
        let (seen, report) = progress();
        let reader = FilePart::reader(std::io::Cursor::new(content.clone()), content.len() as u64, "stream.jsonl")
            .on_progress(report);
        assert!(!reader.is_replayable());
        server.push_reply("files_upload", MockReply::status(503));
        let once = server
            .client()
            .files_upload()
            .purpose("fine-tune")
            .file_name("stream.jsonl")
            .file(reader)
            .retry_policy(fast.clone())
            .send()
            .await;
        assert!(matches!(once, Err(Error::Api(ref e)) if e.status == 503), "{once:?}");
        assert_eq!(server.requests("files_upload"), 1, "a reader is not sent again");
        assert_eq!(seen.load(Ordering::SeqCst), content.len() as u64);
        // The same failure with bytes: sent again, whole.
        server.push_reply("files_upload", MockReply::status(503));
        let part = FilePart::bytes(content.clone(), "bytes.jsonl");
        assert!(part.is_replayable());
        let client = server.client();
        let again = client.files_upload().purpose("fine-tune").file_name("bytes.jsonl").file(part).retry_policy(fast);
        again.send().await.unwrap();
        assert_eq!(server.requests("files_upload"), 3);
        let form = server.form("files_upload").unwrap();
        let file = form.iter().find(|p| p.name == "file").unwrap();
        assert!(file.data[..] == content[..]);
    }

    #[tokio::test]
    async fn a_reader_shorter_than_its_length_fails_the_call() {
        let server = MockServer::start().await.unwrap();
        let part = FilePart::reader(std::io::Cursor::new(b"short".to_vec()), 100, "cut.jsonl");
        let client = server.client();
        let result = client.files_upload().purpose("fine-tune").file_name("cut.jsonl").file(part).send().await;
        assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
    }

    #[cfg(togetherai_operation = "audio_transcriptions")]
    #[tokio::test]
    async fn a_transcription_sends_the_audio_and_its_options() {
        let server = MockServer::start().await.unwrap();
        let wav = vec![0u8; 4096];
        let reply = server
            .client()
            .audio_transcriptions()
            .file(FilePart::bytes(wav.clone(), "speech.wav").content_type("audio/wav"))
            .language("en")
            .send()
            .await
            .unwrap();
        let answer = serde_json::to_value(&*reply).unwrap();
        assert!(answer.get("text").is_some(), "{answer}");
        let form = server.form("audio_transcriptions").unwrap();
        let file = form.iter().find(|p| p.name == "file").unwrap();
        assert_eq!((file.content_type.as_deref(), file.data.len()), (Some("audio/wav"), wav.len()));
        assert_eq!(&form.iter().find(|p| p.name == "language").unwrap().data[..], b"en");
        // A URL instead of a file is a text part.
        let by_url = server.client().audio_transcriptions().file("https://example.com/a.wav").send().await;
        assert!(by_url.is_ok(), "{by_url:?}");
        let form = server.form("audio_transcriptions").unwrap();
        assert_eq!(form[0].file_name, None);
    }
}
