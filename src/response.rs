//! Responses: [`Response`], what every JSON operation returns, and the
//! decoding shared by every generated operation (decode errors carry the
//! JSON path that failed).

use crate::error::{readable_excerpt, Error};
use crate::meta::ResponseMeta;
use crate::transport::Reply;
use progenitor_client::OperationInfo;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A decoded response with what came with it: status, headers, the request
/// id, rate-limit headers, the attempts the call took and the body as
/// received. Derefs to the value.
#[derive(Debug, Clone)]
pub struct Response<T> {
    value: T,
    meta: ResponseMeta,
    body: bytes::Bytes,
}

impl<T> Response<T> {
    /// The decoded value.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The body as received, the bytes the value was decoded from: kept,
    /// not copied, for as long as the `Response` lives (`into_inner()`
    /// releases them).
    pub fn body(&self) -> &bytes::Bytes {
        &self.body
    }

    /// The body as JSON, with every field the server sent, those no spec
    /// lists included: `reply.json()["choices"][0]["message"]["reasoning"]`.
    /// Parsed from [`Response::body`] on each call; `Null` for an empty body.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_default()
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.meta.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.meta.headers()
    }

    /// The server's id for the request, to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// One `x-ratelimit-*` header by its suffix: `rate_limit("remaining")`
    /// is `x-ratelimit-remaining`.
    pub fn rate_limit(&self, name: &str) -> Option<&str> {
        self.meta.rate_limit(name)
    }

    /// Every `x-ratelimit-*` header, as (full name, value).
    pub fn rate_limits(&self) -> impl Iterator<Item = (&str, &str)> {
        self.meta.rate_limits()
    }

    /// Attempts the call took: 1, plus the retries.
    pub fn attempts(&self) -> u32 {
        self.meta.attempts()
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> std::ops::DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// Decodes a JSON reply.
pub(crate) fn json<T: DeserializeOwned>(reply: Reply, info: &OperationInfo) -> Result<Response<T>, Error> {
    Ok(Response { value: decode(&reply.body, info.operation_id)?, meta: reply.meta, body: reply.body })
}

/// A reply without a body.
pub(crate) fn empty(reply: Reply) -> Result<Response<()>, Error> {
    Ok(Response { value: (), meta: reply.meta, body: reply.body })
}

/// For fields holding response integers (`i128`, alone or in an `Option`,
/// a `Vec` or a `HashMap`; generated code points `deserialize_with` here):
/// any JSON integer, and a float with an integral value (`1e19`, `5.0`).
/// Integers within the 64-bit ranges are exact; beyond them the JSON reader
/// holds an `f64`, so they are as exact as that (the API's values that large
/// went through a float already). A list's or map's `null` reads as empty,
/// as [`null_as_default`] does.
pub(crate) fn lenient_integer<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: LenientInteger<'de>,
{
    T::lenient(deserializer)
}

/// What [`lenient_integer`] decodes.
pub(crate) trait LenientInteger<'de>: Sized {
    fn lenient<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// One element of a list or map, decoded leniently.
struct Lenient<T>(T);

impl<'de, T: LenientInteger<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::lenient(deserializer).map(Lenient)
    }
}

impl<'de> LenientInteger<'de> for i128 {
    fn lenient<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Integer;
        impl serde::de::Visitor<'_> for Integer {
            type Value = i128;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<i128, E> {
                Ok(v.into())
            }
            fn visit_u64<E>(self, v: u64) -> Result<i128, E> {
                Ok(v.into())
            }
            fn visit_i128<E>(self, v: i128) -> Result<i128, E> {
                Ok(v)
            }
            fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<i128, E> {
                i128::try_from(v).map_err(|_| E::custom(format!("integer {v} is beyond i128")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<i128, E> {
                // The bounds are powers of two, exact as f64.
                let fits = v.fract() == 0.0 && v >= i128::MIN as f64 && v < i128::MAX as f64;
                if fits {
                    Ok(v as i128)
                } else {
                    Err(E::invalid_value(serde::de::Unexpected::Float(v), &self))
                }
            }
        }
        deserializer.deserialize_any(Integer)
    }
}

impl<'de, T: LenientInteger<'de>> LenientInteger<'de> for Option<T> {
    fn lenient<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<Lenient<T>>::deserialize(deserializer)?.map(|v| v.0))
    }
}

impl<'de, T: LenientInteger<'de>> LenientInteger<'de> for Vec<T> {
    fn lenient<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Option::<Vec<Lenient<T>>>::deserialize(deserializer)?.unwrap_or_default();
        Ok(list.into_iter().map(|v| v.0).collect())
    }
}

impl<'de, K, T> LenientInteger<'de> for std::collections::HashMap<K, T>
where
    K: Deserialize<'de> + Eq + std::hash::Hash,
    T: LenientInteger<'de>,
{
    fn lenient<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = Option::<std::collections::HashMap<K, Lenient<T>>>::deserialize(deserializer)?.unwrap_or_default();
        Ok(map.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

/// For optional fields that are lists or maps: `null` reads as empty
/// (generated code points `deserialize_with` here).
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Decodes JSON, reporting the path that failed and an excerpt of the body.
/// Tracking the path costs an allocation for every key read, so only a body
/// that fails is read again to find it (what follows the value is not
/// checked either way).
pub(crate) fn decode<T: DeserializeOwned>(body: &bytes::Bytes, operation: &'static str) -> Result<T, Error> {
    if let Ok(value) = T::deserialize(&mut serde_json::Deserializer::from_slice(body)) {
        return Ok(value);
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| Error::Decode {
        operation,
        path: e.path().to_string(),
        message: e.inner().to_string(),
        excerpt: readable_excerpt(body),
        body: body.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        choices: Vec<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        index: u32,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Wide {
        #[serde(deserialize_with = "lenient_integer")]
        seed: i128,
        #[serde(default, deserialize_with = "lenient_integer")]
        maybe: Option<i128>,
        #[serde(default, deserialize_with = "lenient_integer")]
        ids: Vec<i128>,
        #[serde(default, deserialize_with = "lenient_integer")]
        counts: std::collections::HashMap<String, Option<i128>>,
    }

    /// Inside an untagged union serde buffers the value: numbers beyond
    /// `u64` arrive as floats there.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Union {
        Wide(Wide),
    }

    #[test]
    fn integers_decode_whatever_their_size() {
        let wide = |text: &str| decode::<Wide>(&bytes::Bytes::from(text.to_owned()), "t");
        let w = wide(r#"{"seed": 17786007661749115000, "maybe": null, "ids": null}"#).unwrap();
        assert_eq!(w, Wide { seed: 17_786_007_661_749_115_000, maybe: None, ids: vec![], counts: Default::default() });
        let w = wide(
            r#"{"seed": -18446744073709551616, "maybe": 18446744073709552000, "ids": [1, 2e3], "counts": {"a": 1}}"#,
        )
        .unwrap();
        assert_eq!(w.seed, -(1 << 64));
        // Beyond u64 the reader holds a float: 2^64 here.
        assert_eq!(w.maybe, Some(1 << 64));
        assert_eq!(w.ids, [1, 2000]);
        assert_eq!(w.counts["a"], Some(1));
        // Through a JSON value and a buffered union alike.
        let value: serde_json::Value =
            serde_json::from_str(r#"{"seed": 17786007661749115000, "maybe": 1.8e19}"#).unwrap();
        assert_eq!(serde_json::from_value::<Wide>(value.clone()).unwrap().maybe, Some(18_000_000_000_000_000_000));
        let Union::Wide(u) = serde_json::from_value::<Union>(value).unwrap();
        assert_eq!(u.seed, 17_786_007_661_749_115_000);
        // Required stays required; a fraction or a float beyond i128 is no integer.
        for bad in [r#"{}"#, r#"{"seed": 1.5}"#, r#"{"seed": 1e40}"#, r#"{"seed": "7"}"#] {
            assert!(matches!(wide(bad), Err(Error::Decode { .. })), "{bad}");
        }
    }

    #[test]
    fn decode_errors_name_the_path() {
        let body = bytes::Bytes::from_static(br#"{"choices":[{"index":0},{"index":"one"}]}"#);
        let Error::Decode { path, operation, excerpt, .. } = decode::<Outer>(&body, "chat").unwrap_err() else {
            panic!("not a decode error")
        };
        assert_eq!(path, "choices[1].index");
        assert_eq!(operation, "chat");
        assert!(excerpt.starts_with(r#"{"choices""#));
        // What follows the value is not read, on either path.
        assert!(decode::<Outer>(&bytes::Bytes::from_static(br#"{"choices":[]} trailing"#), "chat").is_ok());
    }
}
