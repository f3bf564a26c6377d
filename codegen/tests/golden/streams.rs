// Generated from codegen/tests/fixtures/streams.yaml by togetherai-codegen: the passes and the sites each changed,
// then the code. Refresh with `cargo xtask generate --bless`, and review the diff.
// client_constructor: 1
// builder_options: 3
// send_via_contract: 3
// json_bodies: 2
// staged_bodies: 2
// stream_methods: 3
// stream_traits: 2
// non_exhaustive: 11
// open_unions: 0
// null_as_default: 0
// lenient_integers: 2
// optional_setters: 8
// text_conversions: 0
// newtype_conversions: 0
// list_setters: 2
// object_setters: 0
// open_enums: 0
// one_value_fields: 0
// setter_docs: 9
// constructors: 11
// answer_text: 2
// json_conversions: 11
// union_getters: 0
// field_getters: 4
// conversion_errors: 0
// field_docs: 0
// type_aliases: 0
// body_setters: 2
// operation_tables: 2
// conform_table: 3
// variant_names: 0
// item_names: 2
// spec_id_aliases: 3
// unreached_types: 1
// answer_builders: 8
// contract_only: 71

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`ChatV2Piece`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatV2Piece {
        pub choices: ::std::vec::Vec<ChatV2PieceChoice>,
        pub id: ::std::string::String,
    }
    ///`ChatV2PieceChoice`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatV2PieceChoice {
        pub delta: ChatV2PieceChoiceDelta,
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub index: ::std::option::Option<i128>,
    }
    ///`ChatV2PieceChoiceDelta`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct ChatV2PieceChoiceDelta {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub content: ::std::option::Option<::std::string::String>,
    }
    ///`ChatV2Reply`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatV2Reply {
        pub choices: ::std::vec::Vec<ChatV2ReplyChoice>,
        pub id: ::std::string::String,
    }
    ///`ChatV2ReplyChoice`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct ChatV2ReplyChoice {
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub index: ::std::option::Option<i128>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<ChatV2ReplyChoiceMessage>,
    }
    ///`ChatV2ReplyChoiceMessage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct ChatV2ReplyChoiceMessage {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub content: ::std::option::Option<::std::string::String>,
    }
    ///`ChatV2Request`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatV2Request {
        pub model: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub stream: ::std::option::Option<bool>,
    }
    impl ChatV2Request {
        pub fn builder() -> builder::ChatV2Request {
            Default::default()
        }
    }
    ///`LogLine`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct LogLine {
        pub line: ::std::string::String,
    }
    ///`SpeakChunk`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct SpeakChunk {
        pub b64: ::std::string::String,
    }
    ///`V2SpeakBody`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct V2SpeakBody {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub stream: ::std::option::Option<bool>,
        pub text: ::std::string::String,
    }
    impl V2SpeakBody {
        pub fn builder() -> builder::V2SpeakBody {
            Default::default()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct ChatV2Request {
            model: ::std::result::Result<::std::string::String, ::std::string::String>,
            stream: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ChatV2Request {
            fn default() -> Self {
                Self {
                    model: Err("no value supplied for model".to_string()),
                    stream: Ok(Default::default()),
                }
            }
        }
        impl ChatV2Request {
            ///Required.
            pub fn model<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.model = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for model: {e}")
                    });
                self
            }
            pub fn stream<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<bool>,
                T::Error: ::std::fmt::Display,
            {
                self.stream = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for stream: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ChatV2Request> for super::ChatV2Request {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ChatV2Request,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    model: value.model?,
                    stream: value.stream?,
                })
            }
        }
        impl ::std::convert::From<super::ChatV2Request> for ChatV2Request {
            fn from(value: super::ChatV2Request) -> Self {
                Self {
                    model: Ok(value.model),
                    stream: Ok(value.stream),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct V2SpeakBody {
            stream: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            text: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for V2SpeakBody {
            fn default() -> Self {
                Self {
                    stream: Ok(Default::default()),
                    text: Err("no value supplied for text".to_string()),
                }
            }
        }
        impl V2SpeakBody {
            pub fn stream<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<bool>,
                T::Error: ::std::fmt::Display,
            {
                self.stream = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for stream: {e}")
                    });
                self
            }
            ///Required.
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<V2SpeakBody> for super::V2SpeakBody {
            type Error = super::error::ConversionError;
            fn try_from(
                value: V2SpeakBody,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    stream: value.stream?,
                    text: value.text?,
                })
            }
        }
        impl ::std::convert::From<super::V2SpeakBody> for V2SpeakBody {
            fn from(value: super::V2SpeakBody) -> Self {
                Self {
                    stream: Ok(value.stream),
                    text: Ok(value.text),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
    impl ChatV2Piece {
        ///A `ChatV2Piece` from its required fields (`id`, `choices`); set the others with [`ChatV2Piece::builder`].
        pub fn new(
            id: impl ::std::convert::Into<::std::string::String>,
            choices: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<ChatV2PieceChoice>,
            >,
        ) -> Self {
            Self {
                choices: choices.into_iter().map(::std::convert::Into::into).collect(),
                id: id.into(),
            }
        }
    }
    impl ChatV2PieceChoice {
        ///A `ChatV2PieceChoice` from its required fields (`delta`); set the others with [`ChatV2PieceChoice::builder`].
        pub fn new(delta: impl ::std::convert::Into<ChatV2PieceChoiceDelta>) -> Self {
            Self {
                delta: delta.into(),
                index: ::std::default::Default::default(),
            }
        }
    }
    impl ChatV2PieceChoiceDelta {
        ///A `ChatV2PieceChoiceDelta` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                content: ::std::default::Default::default(),
            }
        }
    }
    impl ChatV2Reply {
        ///A `ChatV2Reply` from its required fields (`id`, `choices`); set the others with [`ChatV2Reply::builder`].
        pub fn new(
            id: impl ::std::convert::Into<::std::string::String>,
            choices: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<ChatV2ReplyChoice>,
            >,
        ) -> Self {
            Self {
                choices: choices.into_iter().map(::std::convert::Into::into).collect(),
                id: id.into(),
            }
        }
    }
    impl ChatV2ReplyChoice {
        ///A `ChatV2ReplyChoice` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                index: ::std::default::Default::default(),
                message: ::std::default::Default::default(),
            }
        }
    }
    impl ChatV2ReplyChoiceMessage {
        ///A `ChatV2ReplyChoiceMessage` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                content: ::std::default::Default::default(),
            }
        }
    }
    impl ChatV2Request {
        ///A `ChatV2Request` from its required fields (`model`); set the others with [`ChatV2Request::builder`].
        pub fn new(model: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                model: model.into(),
                stream: ::std::default::Default::default(),
            }
        }
    }
    impl LogLine {
        ///A `LogLine` from its required fields (`line`); set the others with [`LogLine::builder`].
        pub fn new(line: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self { line: line.into() }
        }
    }
    impl SpeakChunk {
        ///A `SpeakChunk` from its required fields (`b64`); set the others with [`SpeakChunk::builder`].
        pub fn new(b64: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self { b64: b64.into() }
        }
    }
    impl V2SpeakBody {
        ///A `V2SpeakBody` from its required fields (`text`); set the others with [`V2SpeakBody::builder`].
        pub fn new(text: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                stream: ::std::default::Default::default(),
                text: text.into(),
            }
        }
    }
    impl ChatV2Piece {
        /// The text of the first choice, if it has any.
        pub fn text(&self) -> ::std::option::Option<&str> {
            let choice = self.choices.first()?;
            choice.delta.content.as_deref()
        }
    }
    impl ChatV2Reply {
        /// The text of the first choice, if it has any.
        pub fn text(&self) -> ::std::option::Option<&str> {
            let choice = self.choices.first()?;
            choice.message.as_ref()?.content.as_deref()
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2Piece {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2PieceChoice {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2PieceChoiceDelta {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2Reply {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2ReplyChoice {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2ReplyChoiceMessage {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatV2Request {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for LogLine {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for SpeakChunk {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for V2SpeakBody {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ChatV2PieceChoice {
        ///`index`, if the answer has it.
        pub fn index(&self) -> ::std::option::Option<&i128> {
            self.index.as_ref()
        }
    }
    impl ChatV2PieceChoiceDelta {
        ///`content`, if the answer has it.
        pub fn content(&self) -> ::std::option::Option<&str> {
            self.content.as_deref()
        }
    }
    impl ChatV2ReplyChoice {
        ///`index`, if the answer has it.
        pub fn index(&self) -> ::std::option::Option<&i128> {
            self.index.as_ref()
        }
        ///`message`, if the answer has it.
        pub fn message(&self) -> ::std::option::Option<&ChatV2ReplyChoiceMessage> {
            self.message.as_ref()
        }
    }
    impl ChatV2ReplyChoiceMessage {
        ///`content`, if the answer has it.
        pub fn content(&self) -> ::std::option::Option<&str> {
            self.content.as_deref()
        }
    }
}
#[derive(Clone, Debug)]
/**Client for new streams

Version: 1*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::contract::Config,
}
impl Client {
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::contract::Config,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::contract::Config> for Client {
    fn api_version() -> &'static str {
        "1"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::contract::Config {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::contract::Config>,
    {}
};
impl Client {
    /**Sends a `POST` request to `/v2/chat`

```ignore
let response = client.v2_chat()
    .body(body)
    .send()
    .await;
```*/
    #[doc(alias("chat_v2"))]
    pub fn v2_chat(&self) -> builder::V2Chat<'_> {
        builder::V2Chat::new(self)
    }
    /**Sends a `GET` request to `/v2/jobs/{id}/events`

```ignore
let response = client.v2_jobs_events()
    .id(id)
    .send()
    .await;
```*/
    #[doc(alias("job_events"))]
    pub fn v2_jobs_events(&self) -> builder::V2JobsEvents<'_> {
        builder::V2JobsEvents::new(self)
    }
    /**Sends a `POST` request to `/v2/speak`

```ignore
let response = client.v2_speak()
    .body(body)
    .send()
    .await;
```*/
    #[doc(alias("speak_v2"))]
    pub fn v2_speak(&self) -> builder::V2Speak<'_> {
        builder::V2Speak::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::v2_chat`]

[`Client::v2_chat`]: super::Client::v2_chat*/
    #[derive(Debug, Clone)]
    pub struct V2Chat<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<types::builder::ChatV2Request, types::ChatV2Request>,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> V2Chat<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ChatV2Request>,
            <V as std::convert::TryInto<types::ChatV2Request>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `ChatV2Request` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::ChatV2Request,
            ) -> types::builder::ChatV2Request,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/v2/chat`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::ChatV2Reply>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let mut body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            crate::contract::stream_flag(&mut body.stream, false);
            let url = format!("{}/v2/chat", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .header(
                    ::reqwest::header::CONTENT_TYPE,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .body(crate::contract::json_body(&body, &options)?)
                .build()?;
            let info = OperationInfo {
                operation_id: "v2_chat",
            };
            return crate::contract::send_json(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Mutation,
                )
                .await;
        }
        ///Sends the request with `stream: true` and yields each event as a [`types::ChatV2Piece`], as it arrives; the stream ends after the server's `[DONE]`. See [`crate::EventStream`] for errors and timeouts.
        pub async fn send_stream(
            self,
        ) -> ::std::result::Result<
            crate::contract::EventStream<types::ChatV2Piece>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let mut body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            crate::contract::stream_flag(&mut body.stream, true);
            let url = format!("{}/v2/chat", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("text/event-stream"),
                )
                .header(
                    ::reqwest::header::CONTENT_TYPE,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .body(crate::contract::json_body(&body, &options)?)
                .build()?;
            let info = OperationInfo {
                operation_id: "v2_chat",
            };
            return crate::contract::send_stream(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Mutation,
                )
                .await;
        }
        /// Adds a header to this request only; it replaces a client default of the same name.
        pub fn header<K, V>(mut self, name: K, value: V) -> Self
        where
            K: ::std::convert::TryInto<::reqwest::header::HeaderName>,
            K::Error: ::std::fmt::Display,
            V: ::std::convert::TryInto<::reqwest::header::HeaderValue>,
            V::Error: ::std::fmt::Display,
        {
            self.options.header(name, value);
            self
        }
        /// Retries for this request only (0 disables them), within the client's policy.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = Some(retries);
            self
        }
        /// The retry policy for this request only.
        pub fn retry_policy(mut self, policy: crate::contract::RetryPolicy) -> Self {
            self.options.retry = Some(policy);
            self
        }
        /// Adds a field to the JSON body, for parameters the spec does not
        /// know yet; it replaces a field of the same name.
        pub fn extra_field(
            mut self,
            name: impl Into<String>,
            value: impl Into<::serde_json::Value>,
        ) -> Self {
            self.options.extra_field(name, value);
            self
        }
        ///Required.
        pub fn model<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.model(value))
        }
        pub fn stream<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<bool>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.stream(value))
        }
    }
    /**Builder for [`Client::v2_jobs_events`]

[`Client::v2_jobs_events`]: super::Client::v2_jobs_events*/
    #[derive(Debug, Clone)]
    pub struct V2JobsEvents<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> V2JobsEvents<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                options: ::std::default::Default::default(),
            }
        }
        pub fn id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for id failed"
                        .to_string()
                });
            self
        }
        ///Sends the request and yields each event as a [`types::LogLine`], as it arrives; the stream ends after the server's `[DONE]`. See [`crate::EventStream`] for errors and timeouts.
        pub async fn send_stream(
            self,
        ) -> ::std::result::Result<
            crate::contract::EventStream<types::LogLine>,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/v2/jobs/{}/events", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("text/event-stream"),
                )
                .build()?;
            let info = OperationInfo {
                operation_id: "v2_jobs_events",
            };
            return crate::contract::send_stream(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Read,
                )
                .await;
        }
        /// Adds a header to this request only; it replaces a client default of the same name.
        pub fn header<K, V>(mut self, name: K, value: V) -> Self
        where
            K: ::std::convert::TryInto<::reqwest::header::HeaderName>,
            K::Error: ::std::fmt::Display,
            V: ::std::convert::TryInto<::reqwest::header::HeaderValue>,
            V::Error: ::std::fmt::Display,
        {
            self.options.header(name, value);
            self
        }
        /// Retries for this request only (0 disables them), within the client's policy.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = Some(retries);
            self
        }
        /// The retry policy for this request only.
        pub fn retry_policy(mut self, policy: crate::contract::RetryPolicy) -> Self {
            self.options.retry = Some(policy);
            self
        }
    }
    /**Builder for [`Client::v2_speak`]

[`Client::v2_speak`]: super::Client::v2_speak*/
    #[derive(Debug, Clone)]
    pub struct V2Speak<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<types::builder::V2SpeakBody, types::V2SpeakBody>,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> V2Speak<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::V2SpeakBody>,
            <V as std::convert::TryInto<types::V2SpeakBody>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `V2SpeakBody` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::V2SpeakBody,
            ) -> types::builder::V2SpeakBody,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/v2/speak`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::BinaryResponse,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let mut body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            crate::contract::stream_flag(&mut body.stream, false);
            let url = format!("{}/v2/speak", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::CONTENT_TYPE,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .body(crate::contract::json_body(&body, &options)?)
                .build()?;
            let info = OperationInfo {
                operation_id: "v2_speak",
            };
            return crate::contract::send_binary(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Mutation,
                )
                .await;
        }
        ///Sends the request with `stream: true` and yields each event as a [`types::SpeakChunk`] (its audio: [`crate::EventStream::into_audio`]), as it arrives; the stream ends after the server's `[DONE]`. See [`crate::EventStream`] for errors and timeouts.
        pub async fn send_stream(
            self,
        ) -> ::std::result::Result<
            crate::contract::EventStream<types::SpeakChunk>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let mut body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            crate::contract::stream_flag(&mut body.stream, true);
            let url = format!("{}/v2/speak", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::CONTENT_TYPE,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .body(crate::contract::json_body(&body, &options)?)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("text/event-stream"),
                )
                .build()?;
            let info = OperationInfo {
                operation_id: "v2_speak",
            };
            return crate::contract::send_stream(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Mutation,
                )
                .await;
        }
        /// Adds a header to this request only; it replaces a client default of the same name.
        pub fn header<K, V>(mut self, name: K, value: V) -> Self
        where
            K: ::std::convert::TryInto<::reqwest::header::HeaderName>,
            K::Error: ::std::fmt::Display,
            V: ::std::convert::TryInto<::reqwest::header::HeaderValue>,
            V::Error: ::std::fmt::Display,
        {
            self.options.header(name, value);
            self
        }
        /// Retries for this request only (0 disables them), within the client's policy.
        pub fn max_retries(mut self, retries: u32) -> Self {
            self.options.max_retries = Some(retries);
            self
        }
        /// The retry policy for this request only.
        pub fn retry_policy(mut self, policy: crate::contract::RetryPolicy) -> Self {
            self.options.retry = Some(policy);
            self
        }
        /// Adds a field to the JSON body, for parameters the spec does not
        /// know yet; it replaces a field of the same name.
        pub fn extra_field(
            mut self,
            name: impl Into<String>,
            value: impl Into<::serde_json::Value>,
        ) -> Self {
            self.options.extra_field(name, value);
            self
        }
        pub fn stream<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<bool>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.stream(value))
        }
        ///Required.
        pub fn text<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.text(value))
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
impl crate::contract::Accumulate for types::ChatV2Piece {
    type Response = types::ChatV2Reply;
    const OBJECT: ::std::option::Option<&'static str> = ::std::option::Option::None;
    const MESSAGE: bool = true;
}
impl crate::contract::AudioChunk for types::SpeakChunk {
    fn audio_base64(&self) -> &str {
        &self.b64
    }
}
/// Operations of the spec this build does not generate, each with the
/// construct that stops it. Each one is also a build warning.
pub const UNSUPPORTED_OPERATIONS: &[crate::contract::UnsupportedOperation] = &[];
/// Every generated operation and what it does on the server, which
/// decides how it is retried ([`crate::Effect`]).
pub const OPERATION_EFFECTS: &[(&str, crate::contract::Effect)] = &[
    ("v2_chat", crate::contract::Effect::Mutation),
    ("v2_jobs_events", crate::contract::Effect::Read),
    ("v2_speak", crate::contract::Effect::Mutation),
];
/// Every generated operation, callable with its request as JSON
/// through its typed builder: what `cargo xtask conform` calls
/// (feature `conform`, see `togetherai::conform`).
#[cfg(feature = "conform")]
#[allow(unused_variables)]
pub mod conform {
    use super::types;
    /// One entry per generated operation, in the spec's order.
    pub static OPERATIONS: &[crate::contract::ConformOperation] = &[
        crate::contract::ConformOperation {
            id: "v2_chat",
            call: v2_chat,
        },
        crate::contract::ConformOperation {
            id: "v2_jobs_events",
            call: v2_jobs_events,
        },
        crate::contract::ConformOperation {
            id: "v2_speak",
            call: v2_speak,
        },
    ];
    fn v2_chat<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.v2_chat();
            if let Some(value) = request.body::<types::ChatV2Request>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn v2_jobs_events<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.v2_jobs_events();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send_stream().await).await
        })
    }
    fn v2_speak<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.v2_speak();
            if let Some(value) = request.body::<types::V2SpeakBody>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
}
