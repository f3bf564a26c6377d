//! WebSocket sessions (operations answering `101`), end to end against the
//! mock, which answers the events the spec's prose documents: real-time
//! speech saved as WAV, real-time transcription from a reader, events sent
//! and received, error events, a refused handshake, a session cut short, an
//! idle one. They need a spec with `GET /audio/speech/websocket` and
//! `GET /realtime` (2025-12 or later): CI runs them with each shared spec
//! (`TOGETHERAI_SPEC`).

#[cfg(not(all(togetherai_operation = "audio_speech_connect", togetherai_operation = "realtime_connect")))]
#[test]
fn sessions_need_a_spec_with_websocket_operations() {
    println!(
        "skipped: this spec has no WebSocket operations (build with TOGETHERAI_SPEC set to a 2025-12 or later spec)"
    );
}

#[cfg(all(togetherai_operation = "audio_speech_connect", togetherai_operation = "realtime_connect"))]
mod with_sessions {
    use futures_util::StreamExt;
    use serde_json::json;
    use std::time::Duration;
    use togetherai::audio::{PcmEncoding, WavFormat};
    use togetherai::mock::{MockReply, MockServer};
    use togetherai::session::protocol;
    use togetherai::Error;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("togetherai-sessions-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    async fn transcription(server: &MockServer) -> togetherai::Session {
        let client = server.client();
        let connect = client.realtime_connect().model("openai/whisper-large-v3");
        connect.input_audio_format("pcm_s16le_16000").send().await.unwrap()
    }

    #[tokio::test]
    async fn speech_is_saved_as_wav_with_the_key_and_user_agent_on_the_handshake() {
        let server = MockServer::start().await.unwrap();
        let session = server.client().audio_speech_connect().voice("af_heart").send().await.unwrap();
        assert_eq!(session.operation(), "audio_speech_connect");
        assert!(!format!("{session:?}").contains("mock-key"), "{session:?}");
        let path = temp("speech.wav");
        let format = WavFormat::new(PcmEncoding::S16Le, protocol::SPEECH_SAMPLE_RATE);
        let written = session.speak(["Hello there.", "A second sentence."]).save_wav(&path, format).await.unwrap();
        // Two items of half a second each: 24,000 samples of 2 bytes.
        assert_eq!(written, 2 * 24_000);
        let wav = std::fs::read(&path).unwrap();
        assert_eq!(&wav[..4], b"RIFF");
        assert_eq!(&wav[8..12], b"WAVE");
        assert_eq!(u32::from_le_bytes(wav[24..28].try_into().unwrap()), protocol::SPEECH_SAMPLE_RATE);
        assert_eq!(u32::from_le_bytes(wav[40..44].try_into().unwrap()), 48_000, "data chunk size");
        assert_eq!(wav.len(), 44 + 48_000);
        // The samples are a tone, not silence.
        assert!(wav[44..].chunks(2).any(|s| i16::from_le_bytes([s[0], s[1]]).abs() > 10_000));
        let headers = server.request_headers("audio_speech_connect").unwrap();
        assert!(headers["authorization"].to_str().unwrap().starts_with("Bearer "));
        assert!(headers["user-agent"].to_str().unwrap().starts_with("togetherai-rust/"));
        assert_eq!(headers["upgrade"], "websocket");
        assert!(!path.with_extension("wav.part").exists());
    }

    #[tokio::test]
    async fn transcription_sends_a_reader_in_chunks_and_ends_at_the_transcript() {
        let server = MockServer::start().await.unwrap();
        let session = transcription(&server).await;
        let audio = vec![7u8; 20_000];
        let events: Vec<_> = session.transcribe(std::io::Cursor::new(audio)).collect().await;
        let events: Vec<_> = events.into_iter().map(Result::unwrap).collect();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind()).collect();
        assert_eq!(kinds, [protocol::SESSION_CREATED, protocol::TRANSCRIPT_DELTA, protocol::TRANSCRIPT_COMPLETED]);
        assert_eq!(events[0].get("session").unwrap()["model"], "openai/whisper-large-v3");
        assert_eq!(events[2].text("transcript"), Some("the mock heard 20000 bytes of audio"));
    }

    #[tokio::test]
    async fn events_go_both_ways_and_error_events_are_errors() {
        let server = MockServer::start().await.unwrap();
        let mut session = transcription(&server).await;
        assert_eq!(session.next().await.unwrap().unwrap().kind(), protocol::SESSION_CREATED);
        let update = json!({ "type": "transcription_session.updated", "session": { "turn_detection": null } });
        session.send(&update).await.unwrap();
        assert_eq!(session.next().await.unwrap().unwrap().json(), &update);
        session.send(json!({ "type": "no.such.event" })).await.unwrap();
        match session.next().await.unwrap() {
            Err(Error::StreamEvent(e)) => {
                assert_eq!(e.detail.as_ref().unwrap().code.as_deref(), Some("unknown_event"));
                assert!(e.message().contains("no.such.event"), "{}", e.message());
            }
            other => panic!("expected an error event, got {other:?}"),
        }
        // An event whose type ends in `.failed` is an error too, and the session goes on.
        session.send(json!({ "type": protocol::AUDIO_APPEND, "audio": "not base64!" })).await.unwrap();
        let failed = session.next().await.unwrap().unwrap_err();
        assert!(failed.to_string().contains("not base64"), "{failed}");
        session.send(json!({ "type": protocol::AUDIO_COMMIT })).await.unwrap();
        assert_eq!(session.next().await.unwrap().unwrap().kind(), protocol::TRANSCRIPT_DELTA);
        session.close().await.unwrap();
    }

    #[tokio::test]
    async fn a_refused_handshake_is_the_api_error() {
        let server = MockServer::start().await.unwrap();
        server.push_reply("audio_speech_connect", MockReply::status(401));
        let e = server.client().audio_speech_connect().send().await.unwrap_err();
        assert_eq!(e.status().map(|s| s.as_u16()), Some(401), "{e}");
        assert!(e.api().unwrap().detail.is_some(), "{e:?}");
    }

    #[tokio::test]
    async fn speech_cut_short_is_an_error_and_leaves_no_file() {
        let server = MockServer::start().await.unwrap();
        server.push_reply("audio_speech_connect", MockReply::disconnect_after(3));
        let session = server.client().audio_speech_connect().send().await.unwrap();
        let path = temp("cut.wav");
        let format = WavFormat::new(PcmEncoding::S16Le, protocol::SPEECH_SAMPLE_RATE);
        let e = session.speak(["Hello."]).save_wav(&path, format).await.unwrap_err();
        assert!(matches!(e, Error::StreamClosed { operation: "audio_speech_connect", .. }), "{e:?}");
        assert!(!path.exists() && !path.with_extension("wav.part").exists());
    }

    #[tokio::test]
    async fn an_idle_session_times_out() {
        let server = MockServer::start().await.unwrap();
        let session = server.client().audio_speech_connect().send().await.unwrap();
        let mut session = session.idle_timeout(Duration::from_millis(200));
        assert_eq!(session.next().await.unwrap().unwrap().kind(), protocol::SESSION_CREATED);
        match session.next().await {
            Some(Err(Error::StreamIdle { operation: "audio_speech_connect", events: 1, .. })) => {}
            other => panic!("expected the idle timeout, got {other:?}"),
        }
        assert!(session.next().await.is_none());
    }
}
