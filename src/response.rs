//! Response handling shared by every generated operation: non-2xx statuses
//! become [`Error::Api`], JSON bodies decode with the failing path reported.

use crate::error::{readable_excerpt, ApiError, Error};
use progenitor_client::{OperationInfo, ResponseValue};
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Passes a 2xx response through; reads any other into [`Error::Api`].
pub(crate) async fn check_status(
    response: reqwest::Response,
    info: &OperationInfo,
) -> Result<reqwest::Response, Error> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    tracing::debug!(operation = info.operation_id, status = status.as_u16(), "API error");
    Err(ApiError::new(info.operation_id, status, headers, body).into())
}

/// Reads and decodes a JSON body.
pub(crate) async fn json<T: DeserializeOwned>(
    response: reqwest::Response,
    info: &OperationInfo,
) -> Result<ResponseValue<T>, Error> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    let value = decode(&body, info.operation_id)?;
    Ok(ResponseValue::new(value, status, headers))
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
pub(crate) fn decode<T: DeserializeOwned>(body: &bytes::Bytes, operation: &'static str) -> Result<T, Error> {
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

    #[test]
    fn decode_errors_name_the_path() {
        let body = bytes::Bytes::from_static(br#"{"choices":[{"index":0},{"index":"one"}]}"#);
        let Error::Decode { path, operation, excerpt, .. } = decode::<Outer>(&body, "chat").unwrap_err() else {
            panic!("not a decode error")
        };
        assert_eq!(path, "choices[1].index");
        assert_eq!(operation, "chat");
        assert!(excerpt.starts_with(r#"{"choices""#));
    }
}
