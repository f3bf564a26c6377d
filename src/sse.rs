//! A server-sent events decoder following the WHATWG event-stream rules:
//! bytes in, in chunks of any size, [`Event`]s out.
//!
//! It knows nothing of JSON or of any operation; [`crate::EventStream`]
//! turns its events into typed chunks. Lines end with LF, CRLF or CR (a CR at
//! the end of one chunk and an LF at the start of the next are one line end);
//! a leading byte-order mark is skipped; bytes are decoded as UTF-8 only per
//! complete line, so a character split between chunks is never broken.

use std::time::Duration;

/// One dispatched event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Event {
    /// The `event` field; `None` means the default type, `message`.
    pub event: Option<String>,
    /// The `data` lines, joined with `\n`.
    pub data: String,
    /// The last `id` seen on the stream so far (it carries over events).
    pub id: Option<String>,
    /// A `retry` field of this event: the reconnection time the server asks for.
    pub retry: Option<Duration>,
}

impl Event {
    /// The event type: the `event` field, or `message`.
    pub fn kind(&self) -> &str {
        self.event.as_deref().unwrap_or("message")
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An incremental decoder. [`Decoder::push`] bytes as they arrive, then take
/// events with [`Decoder::next_event`] until it returns `None`.
#[derive(Debug, Default)]
pub struct Decoder {
    /// Bytes received and not yet consumed as complete lines.
    buf: Vec<u8>,
    /// Start of the first unconsumed line in `buf`.
    pos: usize,
    /// The stream's first bytes have been checked for a BOM.
    past_bom: bool,
    /// The previous line ended with CR: an LF right after it is part of that line end.
    after_cr: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    last_id: Option<String>,
    retry: Option<Duration>,
}

impl Decoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next bytes of the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        } else if self.pos > 4096 && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete event, or `None` until more bytes are pushed.
    pub fn next_event(&mut self) -> Option<Event> {
        if !self.past_bom {
            let head = &self.buf[self.pos..];
            let n = head.len().min(BOM.len());
            if head[..n] != BOM[..n] {
                self.past_bom = true;
            } else if n == BOM.len() {
                self.pos += BOM.len();
                self.past_bom = true;
            } else {
                return None;
            }
        }
        loop {
            if self.after_cr {
                match self.buf.get(self.pos) {
                    None => return None, // the LF may come with the next push
                    Some(b'\n') => self.pos += 1,
                    Some(_) => {}
                }
                self.after_cr = false;
            }
            let rest = &self.buf[self.pos..];
            let end = memchr::memchr2(b'\n', b'\r', rest)?;
            let start = self.pos;
            self.after_cr = rest[end] == b'\r';
            self.pos += end + 1;
            if end == 0 {
                if let Some(event) = self.dispatch() {
                    return Some(event);
                }
                continue;
            }
            self.field(start, start + end);
        }
    }

    /// Processes one non-empty line, `buf[start..end]`.
    fn field(&mut self, start: usize, end: usize) {
        let line = &self.buf[start..end];
        if line[0] == b':' {
            return; // a comment, such as `: keep-alive`
        }
        let (name, value) = match memchr::memchr(b':', line) {
            Some(colon) => {
                let value = &line[colon + 1..];
                (&line[..colon], value.strip_prefix(b" ").unwrap_or(value))
            }
            None => (line, &line[line.len()..]),
        };
        match name {
            b"data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.has_data = true;
                push_utf8(&mut self.data, value);
            }
            b"event" => {
                let mut event = String::new();
                push_utf8(&mut event, value);
                self.event = Some(event);
            }
            b"id" if !value.contains(&0) => {
                let mut id = String::new();
                push_utf8(&mut id, value);
                self.last_id = Some(id);
            }
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                if let Ok(ms) = std::str::from_utf8(value).unwrap_or_default().parse() {
                    self.retry = Some(Duration::from_millis(ms));
                }
            }
            _ => {} // unknown fields are ignored
        }
    }

    /// A blank line: the event gathered so far, if it has data.
    fn dispatch(&mut self) -> Option<Event> {
        let event = self.event.take();
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return None;
        }
        Some(Event { event, data: std::mem::take(&mut self.data), id: self.last_id.clone(), retry })
    }
}

/// Appends bytes as UTF-8, replacing invalid sequences (the WHATWG decoding).
fn push_utf8(out: &mut String, bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(s) => out.push_str(s),
        Err(_) => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_chunks<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Vec<Event> {
        let mut decoder = Decoder::new();
        let mut events = Vec::new();
        for chunk in chunks {
            decoder.push(chunk);
            while let Some(e) = decoder.next_event() {
                events.push(e);
            }
        }
        events
    }

    fn decode(bytes: &[u8]) -> Vec<Event> {
        decode_chunks([bytes])
    }

    fn data(event: &Event) -> &str {
        &event.data
    }

    #[test]
    fn data_lines_are_joined_with_newlines() {
        let events = decode(b"data: a\ndata: b\ndata\n\n");
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].data, "a\nb\n");
        assert_eq!(events[0].kind(), "message");
    }

    #[test]
    fn one_leading_space_is_removed_and_no_more() {
        let events = decode(b"data:x\n\ndata:  y\n\n");
        assert_eq!(events.iter().map(data).collect::<Vec<_>>(), ["x", " y"]);
    }

    #[test]
    fn event_id_and_retry_fields() {
        let events = decode(b"event: error\nid: 7\nretry: 1500\ndata: {}\n\ndata: next\n\n");
        assert_eq!(events[0].event.as_deref(), Some("error"));
        assert_eq!(events[0].id.as_deref(), Some("7"));
        assert_eq!(events[0].retry, Some(Duration::from_millis(1500)));
        // The event type and retry are per event; the id carries over.
        assert_eq!(events[1].kind(), "message");
        assert_eq!(events[1].id.as_deref(), Some("7"));
        assert_eq!(events[1].retry, None);
    }

    #[test]
    fn invalid_retry_and_ids_with_nul_are_ignored() {
        let events = decode(b"retry: 12a\nid: a\0b\ndata: x\n\n");
        assert_eq!(events[0].retry, None);
        assert_eq!(events[0].id, None);
    }

    #[test]
    fn comments_and_unknown_fields_are_ignored() {
        let events = decode(b": keep-alive\n\n:another\nfoo: bar\ndata: x\n\n");
        assert_eq!(events.iter().map(data).collect::<Vec<_>>(), ["x"]);
    }

    #[test]
    fn events_without_data_are_not_dispatched() {
        let events = decode(b"event: ping\n\nid: 3\n\ndata: x\n\n");
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind(), "message", "the type of an undispatched event does not leak");
        assert_eq!(events[0].id.as_deref(), Some("3"));
    }

    #[test]
    fn lf_crlf_and_cr_line_endings() {
        for bytes in [&b"data: a\n\ndata: b\n\n"[..], b"data: a\r\n\r\ndata: b\r\n\r\n", b"data: a\r\rdata: b\r\r"] {
            assert_eq!(decode(bytes).iter().map(data).collect::<Vec<_>>(), ["a", "b"], "{bytes:?}");
        }
        // Mixed, and a CRLF split across chunks is one line end, not two.
        let events = decode_chunks([&b"data: a\r"[..], b"\ndata: b\r\n\r", b"\n"]);
        assert_eq!(events.iter().map(data).collect::<Vec<_>>(), ["a\nb"]);
    }

    #[test]
    fn a_leading_bom_is_skipped_even_split() {
        assert_eq!(decode(b"\xEF\xBB\xBFdata: x\n\n")[0].data, "x");
        let events = decode_chunks([&b"\xEF"[..], b"\xBB", b"\xBFdata: x\n\n"]);
        assert_eq!(events[0].data, "x");
        // Only at the start: later it is data.
        assert_eq!(decode(b"data: \xEF\xBB\xBFx\n\n")[0].data, "\u{FEFF}x");
    }

    #[test]
    fn utf8_split_inside_a_character() {
        let bytes = "data: h\u{e9}llo \u{1F600}\n\n".as_bytes();
        for cut in 0..bytes.len() {
            let events = decode_chunks([&bytes[..cut], &bytes[cut..]]);
            assert_eq!(events[0].data, "h\u{e9}llo \u{1F600}", "cut at {cut}");
        }
        assert_eq!(decode(b"data: \xFF\n\n")[0].data, "\u{FFFD}");
    }

    #[test]
    fn an_unterminated_event_is_not_dispatched() {
        assert!(decode(b"data: partial\n").is_empty());
        assert!(decode(b"data: partial").is_empty());
    }

    #[test]
    fn a_long_stream_reuses_its_buffer() {
        let mut decoder = Decoder::new();
        for i in 0..10_000 {
            decoder.push(format!("data: {i}\n\n").as_bytes());
            assert_eq!(decoder.next_event().unwrap().data, i.to_string());
        }
        assert!(decoder.buf.capacity() < 1024, "{}", decoder.buf.capacity());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Streams built from the grammar's pieces, with every line ending.
        fn stream() -> impl Strategy<Value = Vec<u8>> {
            let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
            let value = "[a-z {}\":,\u{e9}\u{1F600}\\[\\]]{0,12}";
            let line = prop_oneof![
                (value, eol.clone()).prop_map(|(v, e)| format!("data: {v}{e}")),
                (value, eol.clone()).prop_map(|(v, e)| format!("data:{v}{e}")),
                ("[a-z]{1,6}", eol.clone()).prop_map(|(v, e)| format!("event: {v}{e}")),
                ("[0-9]{1,4}", eol.clone()).prop_map(|(v, e)| format!("id: {v}{e}")),
                ("[0-9]{1,4}", eol.clone()).prop_map(|(v, e)| format!("retry: {v}{e}")),
                (value, eol.clone()).prop_map(|(v, e)| format!(": {v}{e}")),
                eol.prop_map(str::to_owned),
            ];
            (any::<bool>(), prop::collection::vec(line, 0..40)).prop_map(|(bom, lines)| {
                let mut bytes = if bom { BOM.to_vec() } else { Vec::new() };
                bytes.extend(lines.concat().into_bytes());
                bytes
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Every way of cutting the same bytes yields the same events.
            #[test]
            fn splitting_never_changes_the_events(
                bytes in stream(),
                cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            ) {
                let whole = decode(&bytes);
                let mut cuts: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
                cuts.sort_unstable();
                let mut chunks = Vec::new();
                let mut last = 0;
                for cut in cuts {
                    chunks.push(&bytes[last..cut]);
                    last = cut;
                }
                chunks.push(&bytes[last..]);
                prop_assert_eq!(decode_chunks(chunks), whole.clone());
                // Byte by byte, the extreme case.
                prop_assert_eq!(decode_chunks(bytes.chunks(1)), whole);
            }
        }
    }
}
