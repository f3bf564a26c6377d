//! `tracing` output captured as text, per test thread, to check what the
//! client logs (and that the key never shows).
//!
//! One global subscriber serves the whole binary and asks, on every event,
//! whether its thread is capturing. A subscriber set per thread
//! (`set_default`) shares tracing's callsite cache with every other test
//! running at once, and lost events to it.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, Once};
use tracing::subscriber::Interest;
use tracing::{Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

type Buffer = Arc<Mutex<Vec<u8>>>;

thread_local! {
    /// This thread's capture, while one is on: its level and its text.
    static CAPTURE: RefCell<Option<(Level, Buffer)>> = const { RefCell::new(None) };
}

/// What `tracing` logs on this thread while it lives, as text.
pub struct Logs {
    buffer: Buffer,
}

impl Logs {
    /// Starts capturing everything at `level` and above.
    pub fn capture(level: Level) -> Logs {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let text = tracing_subscriber::fmt()
                .with_max_level(Level::TRACE)
                .with_ansi(false)
                .with_writer(|| CaptureWriter)
                .finish();
            tracing::subscriber::set_global_default(CapturingThreads.with_subscriber(text))
                .expect("no other global subscriber");
        });
        let buffer = Buffer::default();
        CAPTURE.with(|capture| *capture.borrow_mut() = Some((level, buffer.clone())));
        Logs { buffer }
    }

    /// Everything logged so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.buffer.lock().unwrap().clone()).unwrap()
    }
}

impl Drop for Logs {
    fn drop(&mut self) {
        CAPTURE.with(|capture| capture.borrow_mut().take());
    }
}

/// Lets spans and events through on a capturing thread only, at the
/// capture's level: decided on each one, never cached per callsite.
struct CapturingThreads;

impl<S: Subscriber> Layer<S> for CapturingThreads {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        CAPTURE.with(|capture| capture.borrow().as_ref().is_some_and(|(level, _)| metadata.level() <= level))
    }
}

/// Appends to this thread's capture.
struct CaptureWriter;

impl std::io::Write for CaptureWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        CAPTURE.with(|capture| {
            if let Some((_, buffer)) = capture.borrow().as_ref() {
                buffer.lock().unwrap().extend_from_slice(bytes);
            }
        });
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
