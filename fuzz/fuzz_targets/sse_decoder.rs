//! Fuzzes `togetherai::sse::Decoder`: network reads cut a stream anywhere
//! (inside a CRLF, a BOM or a UTF-8 character), so the events must never
//! depend on where the cuts fall, and no input may panic or leak a line
//! ending into a field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use togetherai::sse::{Decoder, Event};

/// Pushes each piece in turn, draining `next_event()` after every push.
fn decode<'a>(pieces: impl IntoIterator<Item = &'a [u8]>) -> Vec<Event> {
    let mut decoder = Decoder::new();
    let mut events = Vec::new();
    for piece in pieces {
        decoder.push(piece);
        while let Some(event) = decoder.next_event() {
            events.push(event);
        }
    }
    events
}

fuzz_target!(|input: &[u8]| {
    // Header: byte 0 says how many piece sizes follow (1 to 4); the sizes are
    // used in turn, cyclically, to cut the rest of the input (the stream).
    // A size of 0 is an empty push; sizes [1] push the stream byte by byte.
    let Some((&n, rest)) = input.split_first() else { return };
    let n = (1 + n as usize % 4).min(rest.len());
    let (sizes, stream) = rest.split_at(n);

    let mut pieces = Vec::new();
    let mut tail = stream;
    if sizes.iter().any(|&s| s > 0) {
        for &size in sizes.iter().cycle() {
            if tail.is_empty() {
                break;
            }
            let (piece, after) = tail.split_at(usize::from(size).min(tail.len()));
            pieces.push(piece);
            tail = after;
        }
    } else {
        pieces.push(&[][..]); // all sizes 0: one empty push, then the rest
    }
    pieces.push(tail);

    let whole = decode([stream]);
    assert_eq!(decode(pieces), whole, "cutting the stream changed the events");
    for event in &whole {
        assert!(!event.data.contains('\r'), "CR in data: {event:?}");
        for field in [&event.event, &event.id].into_iter().flatten() {
            assert!(!field.contains(['\r', '\n']), "line ending in a field: {event:?}");
        }
    }
});
