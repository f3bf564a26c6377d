//! Client configuration: [`Client::from_env`], [`Client::builder`], and the
//! hooks every generated operation runs through (auth, user agent, tracing).

use crate::retry::RetryPolicy;
use crate::{Client, Error};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, USER_AGENT};
use std::fmt;
use std::time::Duration;

/// The production API.
pub const DEFAULT_BASE_URL: &str = "https://api.together.xyz/v1";
/// Environment variable holding the API key.
pub const API_KEY_ENV: &str = "TOGETHER_API_KEY";
/// Environment variable overriding the base URL.
pub const BASE_URL_ENV: &str = "TOGETHER_BASE_URL";
/// Default total time for one request, body included: long generations take
/// minutes.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What every request carries besides its own parameters. Built by
/// [`ClientBuilder`]; the API key never shows in `Debug`.
#[derive(Clone)]
pub struct Config {
    authorization: HeaderValue,
    user_agent: HeaderValue,
    headers: HeaderMap,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
    /// The per-attempt timeout, when this crate built the HTTP client.
    timeout: Option<Duration>,
    /// The TLS configuration of calls and sessions (`tls.rs`).
    tls: crate::tls::Tls,
}

impl Config {
    /// The idle timeout new event streams start with.
    pub(crate) fn stream_idle_timeout(&self) -> Option<Duration> {
        self.stream_idle_timeout
    }

    /// The retry policy of every call that does not set its own.
    pub(crate) fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// The per-attempt timeout, when known.
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// How a WebSocket session opens TLS: as the calls do.
    pub(crate) fn websocket_tls(&self) -> Option<tokio_tungstenite::Connector> {
        crate::tls::websocket(&self.tls)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("api_key", &"<redacted>")
            .field("user_agent", &self.user_agent)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Builds a [`Client`]. Start from [`Client::builder`] (nothing set) or
/// [`ClientBuilder::from_env`] (key and base URL from the environment).
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    user_agent_suffix: Option<String>,
    headers: HeaderMap,
    http_client: Option<reqwest::Client>,
    stream_idle_timeout: Option<Duration>,
    retry: RetryPolicy,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("http_client", &self.http_client.is_some())
            .field("stream_idle_timeout", &self.stream_idle_timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

impl Client {
    /// A client configured from `TOGETHER_API_KEY` (required) and
    /// `TOGETHER_BASE_URL` (optional, default [`DEFAULT_BASE_URL`]).
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// A builder with nothing set.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.baseurl()
    }
}

impl ClientBuilder {
    /// A builder with the API key from `TOGETHER_API_KEY` and the base URL
    /// from `TOGETHER_BASE_URL` when set.
    pub fn from_env() -> Result<Self, Error> {
        let key = std::env::var(API_KEY_ENV)
            .ok()
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| Error::Config(format!("{API_KEY_ENV} is not set")))?;
        let mut builder = ClientBuilder::default().api_key(key);
        if let Some(url) = std::env::var(BASE_URL_ENV).ok().filter(|u| !u.trim().is_empty()) {
            builder = builder.base_url(url);
        }
        Ok(builder)
    }

    /// The API key, sent as a bearer token.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The API root, e.g. `http://127.0.0.1:4010` for a mock server.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Total time for one attempt, body included (default 10 minutes).
    /// Ignored with [`ClientBuilder::http_client`]. To bound a whole call,
    /// retries included, see [`RetryPolicy::deadline`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Time to establish a connection (default 10 s).
    /// Ignored with [`ClientBuilder::http_client`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The retry policy for every call (default [`RetryPolicy::default`]:
    /// 2 retries, backoff from 0.5 s to 8 s). Each call can override it.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sets the policy's [`RetryPolicy::max_retries`]; 0 disables retries.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// Fails an event stream with [`Error::StreamIdle`] when no bytes arrive
    /// for this long (default: no idle timeout; the total timeout still
    /// applies). Each stream can override it with
    /// [`EventStream::idle_timeout`](crate::EventStream::idle_timeout).
    pub fn stream_idle_timeout(mut self, idle: Duration) -> Self {
        self.stream_idle_timeout = Some(idle);
        self
    }

    /// Appended to the `User-Agent` (`togetherai-rust/<version> <suffix>`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// Headers sent with every request, added to those already set.
    pub fn default_headers(mut self, headers: HeaderMap) -> Self {
        self.headers.extend(headers);
        self
    }

    /// Use this `reqwest::Client` (proxies, TLS, pools are then its own).
    /// Start it from [`ClientBuilder::http_client_builder`], which has the
    /// crate's TLS configuration: with the `rustls` feature, reqwest has no
    /// crypto provider of its own (`reqwest::Client::new()` panics unless the
    /// process installed one).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// A `reqwest` builder with the TLS configuration the crate's own HTTP
    /// client has (with the `rustls` features: rustls, the crate's crypto
    /// provider, the platform's certificate verifier) and nothing else set:
    /// add proxies, pools or timeouts, then pass the client to
    /// [`ClientBuilder::http_client`]. Fails when the platform's
    /// certificates cannot be loaded.
    pub fn http_client_builder() -> Result<reqwest::ClientBuilder, Error> {
        Ok(crate::tls::reqwest_builder(&crate::tls::config()?))
    }

    /// Builds the client; fails without an API key or with an invalid value.
    pub fn build(self) -> Result<Client, Error> {
        let key = self
            .api_key
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| Error::Config(format!("no API key: set {API_KEY_ENV} or call ClientBuilder::api_key")))?;
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", key.trim()))
            .map_err(|_| Error::Config("the API key contains characters not allowed in a header".into()))?;
        authorization.set_sensitive(true);
        let mut agent = format!("togetherai-rust/{}", env!("CARGO_PKG_VERSION"));
        if let Some(suffix) = self.user_agent_suffix {
            agent = format!("{agent} {suffix}");
        }
        let user_agent = HeaderValue::from_str(&agent)
            .map_err(|_| Error::Config(format!("invalid user agent suffix in `{agent}`")))?;
        let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_string());
        let parsed =
            reqwest::Url::parse(&base_url).map_err(|e| Error::Config(format!("invalid base URL `{base_url}`: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(Error::Config(format!("base URL `{base_url}` is not http(s)")));
        }
        let timeout = self.http_client.is_none().then(|| self.timeout.unwrap_or(DEFAULT_TIMEOUT));
        let tls = crate::tls::config()?;
        let http = match self.http_client {
            Some(client) => client,
            None => crate::tls::reqwest_builder(&tls)
                .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .build()
                .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
        };
        let config = Config {
            authorization,
            user_agent,
            headers: self.headers,
            stream_idle_timeout: self.stream_idle_timeout,
            retry: self.retry,
            timeout,
            tls,
        };
        Ok(Client::new_with_client(base_url.trim_end_matches('/'), http, config))
    }
}

/// One attempt of a call (`transport.rs` runs the attempts): the client's
/// default headers where the request has none of that name, then the API key
/// and the user agent.
impl ClientHooks<Config> for Client {
    async fn exec(&self, mut request: reqwest::Request, _: &OperationInfo) -> reqwest::Result<reqwest::Response> {
        self.inner().sign(request.headers_mut());
        self.client().execute(request).await
    }
}

impl Config {
    /// The client's default headers where `headers` has none of that name
    /// (like reqwest's default headers: what the operation set wins), then
    /// the API key and the user agent. Every call and every WebSocket
    /// handshake goes through here.
    pub(crate) fn sign(&self, headers: &mut HeaderMap) {
        for name in self.headers.keys() {
            if !headers.contains_key(name) {
                for value in self.headers.get_all(name) {
                    headers.append(name, value.clone());
                }
            }
        }
        headers.insert(AUTHORIZATION, self.authorization.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_shows() {
        let secret = "tk-very-secret-123";
        let builder = Client::builder().api_key(secret);
        assert!(!format!("{builder:?}").contains(secret));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains(secret), "{client:?}");
        assert!(!format!("{:?}", client.inner()).contains(secret));
    }

    #[test]
    fn a_missing_key_is_a_config_error() {
        let e = Client::builder().build().unwrap_err();
        assert!(matches!(e, Error::Config(_)));
        assert!(e.to_string().contains(API_KEY_ENV), "{e}");
    }

    #[test]
    fn bad_base_urls_are_refused() {
        let e = Client::builder().api_key("k").base_url("not a url").build().unwrap_err();
        assert!(e.to_string().contains("not a url"), "{e}");
        let c = Client::builder().api_key("k").base_url("http://127.0.0.1:1/v1/").build().unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:1/v1");
        assert_eq!(Client::builder().api_key("k").build().unwrap().base_url(), DEFAULT_BASE_URL);
    }
}
