//! The one module generated code (`OUT_DIR/generated.rs`) reaches into: every
//! path it names outside its own `types` is `crate::contract::...`, and the
//! code generator checks that (`togetherai-codegen`, pass `contract_only`).
//! A change of signature here is a change of the pass that emits the call.
//!
//! Per operation, a builder's `send()` builds its `reqwest::Request`, then
//! calls one `send_*` (or `send_stream`) with the operation's [`Effect`]; a
//! JSON body goes through [`json_body`], and an operation that can stream
//! sets its body's `stream` field through [`stream_flag`].
//!
//! A spec need not use every entry point (one without event streams calls
//! no `send_stream`), so what it leaves unused is not a warning.
#![allow(dead_code, unused_imports)]

pub(crate) use crate::client::Config;
pub(crate) use crate::multipart::{multipart_body, FilePart};
pub(crate) use crate::request::RequestOptions;
pub(crate) use crate::response::{lenient_integer, null_as_default};
pub(crate) use crate::session::{connect, Session};
pub(crate) use crate::{audio::AudioChunk, stream::Accumulate};
pub(crate) use crate::{BinaryResponse, Effect, Error, EventStream, Response, RetryPolicy, UnsupportedOperation};

#[cfg(feature = "conform")]
pub(crate) use crate::conform::{
    answer as conform_answer, Call as ConformCall, Operation as ConformOperation, Request as ConformRequest,
};

use crate::Client;
use progenitor_client::OperationInfo;
use serde::de::DeserializeOwned;
use serde::{Deserializer, Serialize};

/// Sends a request whose 2xx answer is JSON, and decodes it.
pub(crate) async fn send_json<T: DeserializeOwned>(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<Response<T>, Error> {
    let reply = crate::transport::send(client, request, info, options, effect).await?;
    crate::response::json(reply, info)
}

/// Sends a request whose 2xx answer has no body.
pub(crate) async fn send_empty(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<Response<()>, Error> {
    let reply = crate::transport::send(client, request, info, options, effect).await?;
    crate::response::empty(reply)
}

/// Sends a request whose 2xx answer is bytes, returned unread.
pub(crate) async fn send_binary(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<BinaryResponse, Error> {
    // A download (`GET`) can ask for the rest of a body cut short.
    let resume = (request.method() == reqwest::Method::GET).then(|| request.try_clone()).flatten().map(|request| {
        crate::binary::Resume {
            client: client.clone(),
            request,
            operation_id: info.operation_id,
            options: options.clone(),
            effect,
        }
    });
    let opened = crate::transport::open(client, request, info, options, effect, None).await?;
    Ok(BinaryResponse::new(opened, resume))
}

/// Sends a request that asks for `text/event-stream`.
pub(crate) async fn send_stream<T>(
    client: &Client,
    request: reqwest::Request,
    info: &OperationInfo,
    options: &RequestOptions,
    effect: Effect,
) -> Result<EventStream<T>, Error> {
    crate::stream::open(client, request, info, options, effect).await
}

/// The JSON body as sent: the typed body, with the per-request extra
/// fields (`.extra_field()`) when there are any.
pub(crate) fn json_body<B: Serialize>(body: &B, options: &RequestOptions) -> Result<Vec<u8>, Error> {
    crate::request::json_body(body, options)
}

/// An operation builder's JSON body as set so far: a value given whole
/// (`.body(value)`), kept as it came, or a builder while `.body_map()`
/// builds one. `send()` takes the value without converting it twice.
#[derive(Debug, Clone)]
pub(crate) enum Staged<B, T> {
    /// Nothing set yet: an empty builder, made only if it is needed.
    Unset,
    Building(B),
    Built(T),
}

impl<B, T> Staged<B, T>
where
    B: Default,
    T: Into<B> + TryFrom<B>,
    <T as TryFrom<B>>::Error: std::fmt::Display,
{
    /// The body as `f` changes its builder (a whole value becomes one first).
    pub(crate) fn map(self, f: impl FnOnce(B) -> B) -> Self {
        Staged::Building(f(match self {
            Staged::Unset => B::default(),
            Staged::Building(builder) => builder,
            Staged::Built(value) => value.into(),
        }))
    }

    /// The body to send.
    pub(crate) fn value(self) -> Result<T, String> {
        let builder = match self {
            Staged::Built(value) => return Ok(value),
            Staged::Unset => B::default(),
            Staged::Building(builder) => builder,
        };
        T::try_from(builder).map_err(|e| e.to_string())
    }
}

/// The values given to a list setter, each converted: `.stop(["a", "b"])`
/// and `.messages([ChatMessage::user("hi")])` without a `Vec` or a
/// `try_into()` per item. The first that does not convert is the error.
pub(crate) fn try_collect<I, X>(values: I) -> Result<Vec<X>, String>
where
    I: IntoIterator,
    I::Item: TryInto<X>,
    <I::Item as TryInto<X>>::Error: std::fmt::Display,
{
    values.into_iter().map(|v| v.try_into().map_err(|e| e.to_string())).collect()
}

/// The value given to a setter of a free-form object: a `serde_json::Map`,
/// or any JSON value that is an object (`json!({..})`).
pub(crate) fn json_object(value: serde_json::Value) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    match value {
        serde_json::Value::Object(map) => Ok(map),
        other => Err(format!("expected a JSON object, got `{other}`")),
    }
}

/// A body's `stream` field, set for `send_stream()` and cleared for `send()`.
pub(crate) trait StreamField {
    /// Sets the field to ask for a stream (`true`) or not.
    fn set(&mut self, on: bool);
}

impl StreamField for bool {
    fn set(&mut self, on: bool) {
        *self = on;
    }
}

impl StreamField for Option<bool> {
    fn set(&mut self, on: bool) {
        *self = on.then_some(true);
    }
}

/// Sets `field` (the body's `stream`) for a streamed call or a plain one.
pub(crate) fn stream_flag(field: &mut impl StreamField, on: bool) {
    field.set(on);
}

/// `Deserialize` for an open enum (`From<&str>` and `From<String>`): a
/// known value costs no allocation, since the text is matched where the
/// reader holds it (`Cow<str>` would always copy it).
pub(crate) fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct Text<T>(std::marker::PhantomData<T>);
    impl<'de, T: for<'a> From<&'a str> + From<String>> serde::de::Visitor<'de> for Text<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
        fn visit_string<E>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(Text(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::Staged;

    #[test]
    fn a_staged_body_is_converted_only_when_it_was_built_field_by_field() {
        // `i64` as the builder of an `i32`: converting back can fail.
        assert_eq!(Staged::<i64, i32>::Built(7).value(), Ok(7));
        assert_eq!(Staged::<i64, i32>::Building(8).value(), Ok(8));
        assert_eq!(Staged::<i64, i32>::Built(7).map(|b| b * 2).value(), Ok(14));
        assert!(Staged::<i64, i32>::Building(1 << 40).value().unwrap_err().contains("out of range"));
        assert_eq!(Staged::<i64, i32>::Unset.value(), Ok(0));
        assert_eq!(Staged::<i64, i32>::Unset.map(|b| b + 3).value(), Ok(3));
    }
}
