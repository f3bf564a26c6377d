// Generated from codegen/tests/fixtures/shapes.yaml by togetherai-codegen: the passes and the sites each changed,
// then the code. Refresh with `cargo xtask generate --bless`, and review the diff.
// client_constructor: 1
// builder_options: 8
// send_via_contract: 8
// json_bodies: 3
// staged_bodies: 3
// stream_methods: 0
// stream_traits: 0
// non_exhaustive: 11
// open_unions: 1
// null_as_default: 2
// lenient_integers: 5
// optional_setters: 10
// text_conversions: 1
// newtype_conversions: 0
// list_setters: 4
// object_setters: 0
// open_enums: 5
// one_value_fields: 1
// setter_docs: 17
// constructors: 9
// answer_text: 0
// json_conversions: 11
// union_getters: 0
// field_getters: 3
// conversion_errors: 0
// field_docs: 5
// type_aliases: 0
// body_setters: 3
// operation_tables: 2
// conform_table: 8
// variant_names: 0
// item_names: 0
// spec_id_aliases: 4
// unreached_types: 1
// answer_builders: 4
// contract_only: 144

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///`ChatReply`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatReply {
        pub choices: ::std::vec::Vec<Choice>,
        ///The spec says: format "int64", minimum 0.
        #[serde(deserialize_with = "crate::contract::lenient_integer")]
        pub created: i128,
        ///Format: uuid.
        pub id: ::std::string::String,
        ///Known values of `ChatReplyObject`.
        pub object: crate::types::ChatReplyObject,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub usage: ::std::option::Option<Usage>,
        #[serde(
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty",
            deserialize_with = "crate::contract::null_as_default"
        )]
        pub warnings: ::std::vec::Vec<::std::string::String>,
    }
    ///`ChatRequest`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct ChatRequest {
        pub messages: ::std::vec::Vec<Message>,
        ///Values: `small-model`, `big-model`.
        pub model: crate::types::ChatRequestModel,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub seed: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub stop: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
        ///Server default: `0.7`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub temperature: ::std::option::Option<f64>,
    }
    impl ChatRequest {
        pub fn builder() -> builder::ChatRequest {
            Default::default()
        }
    }
    ///`Choice`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct Choice {
        ///Values: `stop`, `length`, `tool_calls`.
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub finish_reason: ::std::option::Option<crate::types::FinishReason>,
        #[serde(deserialize_with = "crate::contract::lenient_integer")]
        pub index: i128,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub logprobs: ::std::option::Option<f64>,
        ///The spec says: format "uint64".
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub seed: ::std::option::Option<i128>,
    }
    ///`Content`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(untagged)]
    #[non_exhaustive]
    pub enum Content {
        String(::std::string::String),
        Array(::std::vec::Vec<Part>),
        /// A shape this version of the spec does not describe, kept as JSON.
        Other(::serde_json::Value),
    }
    impl ::std::convert::From<::std::vec::Vec<Part>> for Content {
        fn from(value: ::std::vec::Vec<Part>) -> Self {
            Self::Array(value)
        }
    }
    ///`Message`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct Message {
        pub content: Content,
        ///Values: `system`, `user`, `assistant`.
        pub role: crate::types::Role,
    }
    impl Message {
        pub fn builder() -> builder::Message {
            Default::default()
        }
    }
    ///`Part`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(tag = "type")]
    #[non_exhaustive]
    pub enum Part {
        ///PartText
        #[serde(rename = "text")]
        Text { text: ::std::string::String },
        ///PartImageUrl
        #[serde(rename = "image_url")]
        ImageUrl { image_url: ::std::string::String },
    }
    ///`SpeechCreateBody`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct SpeechCreateBody {
        ///Values: `wav`, `mp3`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub format: ::std::option::Option<crate::types::SpeechCreateBodyFormat>,
        pub input: ::std::string::String,
    }
    impl SpeechCreateBody {
        pub fn builder() -> builder::SpeechCreateBody {
            Default::default()
        }
    }
    ///`Thing`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct Thing {
        ///Format: date-time.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub created_at: ::std::option::Option<::std::string::String>,
        pub id: ::std::string::String,
        #[serde(
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub tags: ::std::collections::HashMap<::std::string::String, i128>,
    }
    ///`UploadsCreateBody`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct UploadsCreateBody {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub file: ::std::option::Option<crate::contract::FilePart>,
    }
    impl UploadsCreateBody {
        pub fn builder() -> builder::UploadsCreateBody {
            Default::default()
        }
    }
    ///`Usage`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct Usage {
        ///The spec says: format "int32".
        #[serde(deserialize_with = "crate::contract::lenient_integer")]
        pub total_tokens: i128,
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct ChatRequest {
            messages: ::std::result::Result<
                ::std::vec::Vec<super::Message>,
                ::std::string::String,
            >,
            model: ::std::result::Result<
                crate::types::ChatRequestModel,
                ::std::string::String,
            >,
            seed: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            stop: ::std::result::Result<
                ::std::option::Option<::std::vec::Vec<::std::string::String>>,
                ::std::string::String,
            >,
            temperature: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ChatRequest {
            fn default() -> Self {
                Self {
                    messages: Err("no value supplied for messages".to_string()),
                    model: Err("no value supplied for model".to_string()),
                    seed: Ok(Default::default()),
                    stop: Ok(Default::default()),
                    temperature: Ok(Default::default()),
                }
            }
        }
        impl ChatRequest {
            ///Required.
            pub fn messages<T>(mut self, value: T) -> Self
            where
                T: ::std::iter::IntoIterator,
                T::Item: ::std::convert::TryInto<super::Message>,
                <T::Item as ::std::convert::TryInto<
                    super::Message,
                >>::Error: ::std::fmt::Display,
            {
                self.messages = crate::contract::try_collect(value)
                    .map_err(|e| {
                        format!("error converting supplied value for messages: {e}")
                    });
                self
            }
            ///Values: `small-model`, `big-model`.
            ///
            ///Required.
            pub fn model<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::ChatRequestModel>,
                T::Error: ::std::fmt::Display,
            {
                self.model = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for model: {e}")
                    });
                self
            }
            pub fn seed<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.seed = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for seed: {e}")
                    });
                self
            }
            pub fn stop<T>(mut self, value: T) -> Self
            where
                T: ::std::iter::IntoIterator,
                T::Item: ::std::convert::TryInto<::std::string::String>,
                <T::Item as ::std::convert::TryInto<
                    ::std::string::String,
                >>::Error: ::std::fmt::Display,
            {
                self.stop = crate::contract::try_collect(value)
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for stop: {e}")
                    });
                self
            }
            ///Server default: `0.7`.
            pub fn temperature<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<f64>,
                T::Error: ::std::fmt::Display,
            {
                self.temperature = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for temperature: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ChatRequest> for super::ChatRequest {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ChatRequest,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    messages: value.messages?,
                    model: value.model?,
                    seed: value.seed?,
                    stop: value.stop?,
                    temperature: value.temperature?,
                })
            }
        }
        impl ::std::convert::From<super::ChatRequest> for ChatRequest {
            fn from(value: super::ChatRequest) -> Self {
                Self {
                    messages: Ok(value.messages),
                    model: Ok(value.model),
                    seed: Ok(value.seed),
                    stop: Ok(value.stop),
                    temperature: Ok(value.temperature),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Message {
            content: ::std::result::Result<super::Content, ::std::string::String>,
            role: ::std::result::Result<crate::types::Role, ::std::string::String>,
        }
        impl ::std::default::Default for Message {
            fn default() -> Self {
                Self {
                    content: Err("no value supplied for content".to_string()),
                    role: Err("no value supplied for role".to_string()),
                }
            }
        }
        impl Message {
            ///Required.
            pub fn content<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::Content>,
                T::Error: ::std::fmt::Display,
            {
                self.content = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for content: {e}")
                    });
                self
            }
            ///Values: `system`, `user`, `assistant`.
            ///
            ///Required.
            pub fn role<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::Role>,
                T::Error: ::std::fmt::Display,
            {
                self.role = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for role: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Message> for super::Message {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Message,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    content: value.content?,
                    role: value.role?,
                })
            }
        }
        impl ::std::convert::From<super::Message> for Message {
            fn from(value: super::Message) -> Self {
                Self {
                    content: Ok(value.content),
                    role: Ok(value.role),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct SpeechCreateBody {
            format: ::std::result::Result<
                ::std::option::Option<crate::types::SpeechCreateBodyFormat>,
                ::std::string::String,
            >,
            input: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for SpeechCreateBody {
            fn default() -> Self {
                Self {
                    format: Ok(Default::default()),
                    input: Err("no value supplied for input".to_string()),
                }
            }
        }
        impl SpeechCreateBody {
            ///Values: `wav`, `mp3`.
            pub fn format<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::SpeechCreateBodyFormat>,
                T::Error: ::std::fmt::Display,
            {
                self.format = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for format: {e}")
                    });
                self
            }
            ///Required.
            pub fn input<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.input = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for input: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<SpeechCreateBody> for super::SpeechCreateBody {
            type Error = super::error::ConversionError;
            fn try_from(
                value: SpeechCreateBody,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    format: value.format?,
                    input: value.input?,
                })
            }
        }
        impl ::std::convert::From<super::SpeechCreateBody> for SpeechCreateBody {
            fn from(value: super::SpeechCreateBody) -> Self {
                Self {
                    format: Ok(value.format),
                    input: Ok(value.input),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct UploadsCreateBody {
            file: ::std::result::Result<
                ::std::option::Option<crate::contract::FilePart>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for UploadsCreateBody {
            fn default() -> Self {
                Self {
                    file: Ok(Default::default()),
                }
            }
        }
        impl UploadsCreateBody {
            pub fn file<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::contract::FilePart>,
                T::Error: ::std::fmt::Display,
            {
                self.file = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for file: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<UploadsCreateBody> for super::UploadsCreateBody {
            type Error = super::error::ConversionError;
            fn try_from(
                value: UploadsCreateBody,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { file: value.file? })
            }
        }
        impl ::std::convert::From<super::UploadsCreateBody> for UploadsCreateBody {
            fn from(value: super::UploadsCreateBody) -> Self {
                Self { file: Ok(value.file) }
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
    impl ::std::convert::From<::std::string::String> for Content {
        fn from(value: ::std::string::String) -> Self {
            Self::String(value)
        }
    }
    impl ::std::convert::From<&str> for Content {
        fn from(value: &str) -> Self {
            Self::String(value.to_owned())
        }
    }
    ///Known values of `ChatReplyObject`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum ChatReplyObject {
        ///`chat.completion`
        ChatCompletion,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl ChatReplyObject {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["chat.completion"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::ChatCompletion => "chat.completion",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for ChatReplyObject {
        fn from(s: &str) -> Self {
            match s {
                "chat.completion" => Self::ChatCompletion,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for ChatReplyObject {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "chat.completion" => Self::ChatCompletion,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for ChatReplyObject {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for ChatReplyObject {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for ChatReplyObject {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for ChatReplyObject {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for ChatReplyObject {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for ChatReplyObject {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for ChatReplyObject {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for ChatReplyObject {}
    impl ::std::hash::Hash for ChatReplyObject {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for ChatReplyObject {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for ChatReplyObject {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for ChatReplyObject {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ChatReplyObject {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `small-model`, `big-model`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum ChatRequestModel {
        ///`small-model`
        SmallModel,
        ///`big-model`
        BigModel,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl ChatRequestModel {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["small-model", "big-model"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::SmallModel => "small-model",
                Self::BigModel => "big-model",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for ChatRequestModel {
        fn from(s: &str) -> Self {
            match s {
                "small-model" => Self::SmallModel,
                "big-model" => Self::BigModel,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for ChatRequestModel {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "small-model" => Self::SmallModel,
                "big-model" => Self::BigModel,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for ChatRequestModel {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for ChatRequestModel {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for ChatRequestModel {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for ChatRequestModel {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for ChatRequestModel {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for ChatRequestModel {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for ChatRequestModel {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for ChatRequestModel {}
    impl ::std::hash::Hash for ChatRequestModel {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for ChatRequestModel {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for ChatRequestModel {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for ChatRequestModel {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ChatRequestModel {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `stop`, `length`, `tool_calls`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum FinishReason {
        ///`stop`
        Stop,
        ///`length`
        Length,
        ///`tool_calls`
        ToolCalls,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl FinishReason {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["stop", "length", "tool_calls"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Stop => "stop",
                Self::Length => "length",
                Self::ToolCalls => "tool_calls",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for FinishReason {
        fn from(s: &str) -> Self {
            match s {
                "stop" => Self::Stop,
                "length" => Self::Length,
                "tool_calls" => Self::ToolCalls,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for FinishReason {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "stop" => Self::Stop,
                "length" => Self::Length,
                "tool_calls" => Self::ToolCalls,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for FinishReason {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for FinishReason {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for FinishReason {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for FinishReason {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for FinishReason {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for FinishReason {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for FinishReason {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for FinishReason {}
    impl ::std::hash::Hash for FinishReason {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for FinishReason {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for FinishReason {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for FinishReason {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for FinishReason {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `system`, `user`, `assistant`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum Role {
        ///`system`
        System,
        ///`user`
        User,
        ///`assistant`
        Assistant,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl Role {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["system", "user", "assistant"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::System => "system",
                Self::User => "user",
                Self::Assistant => "assistant",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for Role {
        fn from(s: &str) -> Self {
            match s {
                "system" => Self::System,
                "user" => Self::User,
                "assistant" => Self::Assistant,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for Role {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "system" => Self::System,
                "user" => Self::User,
                "assistant" => Self::Assistant,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for Role {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for Role {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for Role {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for Role {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for Role {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for Role {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for Role {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for Role {}
    impl ::std::hash::Hash for Role {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for Role {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for Role {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for Role {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for Role {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `wav`, `mp3`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum SpeechCreateBodyFormat {
        ///`wav`
        Wav,
        ///`mp3`
        Mp3,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl SpeechCreateBodyFormat {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["wav", "mp3"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Wav => "wav",
                Self::Mp3 => "mp3",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for SpeechCreateBodyFormat {
        fn from(s: &str) -> Self {
            match s {
                "wav" => Self::Wav,
                "mp3" => Self::Mp3,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for SpeechCreateBodyFormat {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "wav" => Self::Wav,
                "mp3" => Self::Mp3,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for SpeechCreateBodyFormat {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for SpeechCreateBodyFormat {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for SpeechCreateBodyFormat {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for SpeechCreateBodyFormat {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for SpeechCreateBodyFormat {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for SpeechCreateBodyFormat {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for SpeechCreateBodyFormat {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for SpeechCreateBodyFormat {}
    impl ::std::hash::Hash for SpeechCreateBodyFormat {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for SpeechCreateBodyFormat {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for SpeechCreateBodyFormat {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for SpeechCreateBodyFormat {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for SpeechCreateBodyFormat {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    impl ChatReply {
        ///A `ChatReply` from its required fields (`id`, `choices`, `created`); set the others with [`ChatReply::builder`].
        pub fn new(
            id: impl ::std::convert::Into<::std::string::String>,
            choices: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<Choice>,
            >,
            created: impl ::std::convert::Into<i128>,
        ) -> Self {
            Self {
                choices: choices.into_iter().map(::std::convert::Into::into).collect(),
                created: created.into(),
                id: id.into(),
                object: ChatReplyObject::ChatCompletion,
                usage: ::std::default::Default::default(),
                warnings: ::std::default::Default::default(),
            }
        }
    }
    impl ChatRequest {
        ///A `ChatRequest` from its required fields (`model`, `messages`); set the others with [`ChatRequest::builder`].
        pub fn new(
            model: impl ::std::convert::Into<crate::types::ChatRequestModel>,
            messages: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<Message>,
            >,
        ) -> Self {
            Self {
                messages: messages.into_iter().map(::std::convert::Into::into).collect(),
                model: model.into(),
                seed: ::std::default::Default::default(),
                stop: ::std::default::Default::default(),
                temperature: ::std::default::Default::default(),
            }
        }
        ///A `ChatRequest` whose `model` is `SmallModel`.
        pub fn small_model(
            messages: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<Message>,
            >,
        ) -> Self {
            Self {
                model: ChatRequestModel::SmallModel,
                messages: messages.into_iter().map(::std::convert::Into::into).collect(),
                seed: ::std::default::Default::default(),
                stop: ::std::default::Default::default(),
                temperature: ::std::default::Default::default(),
            }
        }
        ///A `ChatRequest` whose `model` is `BigModel`.
        pub fn big_model(
            messages: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<Message>,
            >,
        ) -> Self {
            Self {
                model: ChatRequestModel::BigModel,
                messages: messages.into_iter().map(::std::convert::Into::into).collect(),
                seed: ::std::default::Default::default(),
                stop: ::std::default::Default::default(),
                temperature: ::std::default::Default::default(),
            }
        }
    }
    impl Choice {
        ///A `Choice` from its required fields (`index`, `finish_reason`); set the others with [`Choice::builder`].
        pub fn new(
            index: impl ::std::convert::Into<i128>,
            finish_reason: impl ::std::convert::Into<
                ::std::option::Option<crate::types::FinishReason>,
            >,
        ) -> Self {
            Self {
                finish_reason: finish_reason.into(),
                index: index.into(),
                logprobs: ::std::default::Default::default(),
                seed: ::std::default::Default::default(),
            }
        }
    }
    impl Message {
        ///A `Message` from its required fields (`role`, `content`); set the others with [`Message::builder`].
        pub fn new(
            role: impl ::std::convert::Into<crate::types::Role>,
            content: impl ::std::convert::Into<Content>,
        ) -> Self {
            Self {
                content: content.into(),
                role: role.into(),
            }
        }
        ///A `Message` whose `role` is `System`.
        pub fn system(content: impl ::std::convert::Into<Content>) -> Self {
            Self {
                role: Role::System,
                content: content.into(),
            }
        }
        ///A `Message` whose `role` is `User`.
        pub fn user(content: impl ::std::convert::Into<Content>) -> Self {
            Self {
                role: Role::User,
                content: content.into(),
            }
        }
        ///A `Message` whose `role` is `Assistant`.
        pub fn assistant(content: impl ::std::convert::Into<Content>) -> Self {
            Self {
                role: Role::Assistant,
                content: content.into(),
            }
        }
    }
    impl SpeechCreateBody {
        ///A `SpeechCreateBody` from its required fields (`input`); set the others with [`SpeechCreateBody::builder`].
        pub fn new(input: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                format: ::std::default::Default::default(),
                input: input.into(),
            }
        }
    }
    impl Thing {
        ///A `Thing` from its required fields (`id`); set the others with [`Thing::builder`].
        pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                created_at: ::std::default::Default::default(),
                id: id.into(),
                tags: ::std::default::Default::default(),
            }
        }
    }
    impl UploadsCreateBody {
        ///A `UploadsCreateBody` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                file: ::std::default::Default::default(),
            }
        }
    }
    impl Usage {
        ///A `Usage` from its required fields (`total_tokens`); set the others with [`Usage::builder`].
        pub fn new(total_tokens: impl ::std::convert::Into<i128>) -> Self {
            Self {
                total_tokens: total_tokens.into(),
            }
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatReply {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for ChatRequest {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Choice {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Content {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Message {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Part {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for SpeechCreateBody {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Thing {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for UploadsCreateBody {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Usage {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ChatReply {
        ///`usage`, if the answer has it.
        pub fn usage(&self) -> ::std::option::Option<&Usage> {
            self.usage.as_ref()
        }
    }
    impl Choice {
        ///`finish_reason`, if the answer has it.
        pub fn finish_reason(
            &self,
        ) -> ::std::option::Option<&crate::types::FinishReason> {
            self.finish_reason.as_ref()
        }
        ///`logprobs`, if the answer has it.
        pub fn logprobs(&self) -> ::std::option::Option<f64> {
            self.logprobs
        }
        ///`seed`, if the answer has it.
        pub fn seed(&self) -> ::std::option::Option<&i128> {
            self.seed.as_ref()
        }
    }
    impl Thing {
        ///`created_at`, if the answer has it.
        pub fn created_at(&self) -> ::std::option::Option<&str> {
            self.created_at.as_deref()
        }
    }
}
#[derive(Clone, Debug)]
/**Client for shapes

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
    /**Sends a `POST` request to `/chat/completions`

```ignore
let response = client.chat_completions()
    .body(body)
    .send()
    .await;
```*/
    #[doc(alias("chat"))]
    pub fn chat_completions(&self) -> builder::ChatCompletions<'_> {
        builder::ChatCompletions::new(self)
    }
    /**Sends a `GET` request to `/things/{id}`

```ignore
let response = client.things_retrieve()
    .id(id)
    .limit(limit)
    .x_trace_id(x_trace_id)
    .send()
    .await;
```*/
    #[doc(alias("things/retrieve"))]
    pub fn things_retrieve(&self) -> builder::ThingsRetrieve<'_> {
        builder::ThingsRetrieve::new(self)
    }
    /**Sends a `DELETE` request to `/things/{id}`

```ignore
let response = client.things_delete()
    .id(id)
    .send()
    .await;
```*/
    pub fn things_delete(&self) -> builder::ThingsDelete<'_> {
        builder::ThingsDelete::new(self)
    }
    /**Sends a `GET` request to `/things/{id}/download`

```ignore
let response = client.things_download()
    .id(id)
    .send()
    .await;
```*/
    pub fn things_download(&self) -> builder::ThingsDownload<'_> {
        builder::ThingsDownload::new(self)
    }
    /**Sends a `GET` request to `/files/{id}/content`

```ignore
let response = client.files_content()
    .id(id)
    .send()
    .await;
```*/
    pub fn files_content(&self) -> builder::FilesContent<'_> {
        builder::FilesContent::new(self)
    }
    /**Sends a `POST` request to `/speech`

```ignore
let response = client.speech_create()
    .body(body)
    .send()
    .await;
```*/
    #[doc(alias("speech"))]
    pub fn speech_create(&self) -> builder::SpeechCreate<'_> {
        builder::SpeechCreate::new(self)
    }
    /**Sends a `POST` request to `/uploads`

```ignore
let response = client.uploads_create()
    .body(body)
    .send()
    .await;
```*/
    #[doc(alias("upload"))]
    pub fn uploads_create(&self) -> builder::UploadsCreate<'_> {
        builder::UploadsCreate::new(self)
    }
    /**Sends a `GET` request to `/live/websocket`

```ignore
let response = client.live_connect()
    .model(model)
    .send()
    .await;
```*/
    pub fn live_connect(&self) -> builder::LiveConnect<'_> {
        builder::LiveConnect::new(self)
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
    /**Builder for [`Client::chat_completions`]

[`Client::chat_completions`]: super::Client::chat_completions*/
    #[derive(Debug, Clone)]
    pub struct ChatCompletions<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<types::builder::ChatRequest, types::ChatRequest>,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> ChatCompletions<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ChatRequest>,
            <V as std::convert::TryInto<types::ChatRequest>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `ChatRequest` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::ChatRequest,
            ) -> types::builder::ChatRequest,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/chat/completions`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::ChatReply>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/chat/completions", client.baseurl,);
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
                operation_id: "chat_completions",
            };
            return crate::contract::send_json(
                    client,
                    request,
                    &info,
                    &options,
                    crate::contract::Effect::Inference,
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
        pub fn messages<T>(self, value: T) -> Self
        where
            T: ::std::iter::IntoIterator,
            T::Item: ::std::convert::TryInto<types::Message>,
            <T::Item as ::std::convert::TryInto<
                types::Message,
            >>::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.messages(value))
        }
        ///Values: `small-model`, `big-model`.
        ///
        ///Required.
        pub fn model<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<crate::types::ChatRequestModel>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.model(value))
        }
        pub fn seed<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<i64>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.seed(value))
        }
        pub fn stop<T>(self, value: T) -> Self
        where
            T: ::std::iter::IntoIterator,
            T::Item: ::std::convert::TryInto<::std::string::String>,
            <T::Item as ::std::convert::TryInto<
                ::std::string::String,
            >>::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.stop(value))
        }
        ///Server default: `0.7`.
        pub fn temperature<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<f64>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.temperature(value))
        }
    }
    /**Builder for [`Client::things_retrieve`]

[`Client::things_retrieve`]: super::Client::things_retrieve*/
    #[derive(Debug, Clone)]
    pub struct ThingsRetrieve<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        limit: Result<Option<i64>, String>,
        x_trace_id: Result<Option<::std::string::String>, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> ThingsRetrieve<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                limit: Ok(None),
                x_trace_id: Ok(None),
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
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for limit failed".to_string());
            self
        }
        pub fn x_trace_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.x_trace_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for x_trace_id failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/things/{id}`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::Thing>,
            crate::contract::Error,
        > {
            let Self { client, id, limit, x_trace_id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let x_trace_id = x_trace_id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/things/{}", client.baseurl, encode_path(& id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            if let Some(value) = x_trace_id {
                header_map.append("x-trace-id", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "things_retrieve",
            };
            return crate::contract::send_json(
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
    /**Builder for [`Client::things_delete`]

[`Client::things_delete`]: super::Client::things_delete*/
    #[derive(Debug, Clone)]
    pub struct ThingsDelete<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> ThingsDelete<'a> {
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
        ///Sends a `DELETE` request to `/things/{id}`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<()>,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/things/{}", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client.client.delete(url).build()?;
            let info = OperationInfo {
                operation_id: "things_delete",
            };
            return crate::contract::send_empty(
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
    }
    /**Builder for [`Client::things_download`]

[`Client::things_download`]: super::Client::things_download*/
    #[derive(Debug, Clone)]
    pub struct ThingsDownload<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> ThingsDownload<'a> {
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
        ///Sends a `GET` request to `/things/{id}/download`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::BinaryResponse,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/things/{}/download", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).build()?;
            let info = OperationInfo {
                operation_id: "things_download",
            };
            return crate::contract::send_binary(
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
    /**Builder for [`Client::files_content`]

[`Client::files_content`]: super::Client::files_content*/
    #[derive(Debug, Clone)]
    pub struct FilesContent<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> FilesContent<'a> {
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
        ///Sends a `GET` request to `/files/{id}/content`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::BinaryResponse,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/files/{}/content", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client.client.get(url).build()?;
            let info = OperationInfo {
                operation_id: "files_content",
            };
            return crate::contract::send_binary(
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
    /**Builder for [`Client::speech_create`]

[`Client::speech_create`]: super::Client::speech_create*/
    #[derive(Debug, Clone)]
    pub struct SpeechCreate<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<
                types::builder::SpeechCreateBody,
                types::SpeechCreateBody,
            >,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SpeechCreate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::SpeechCreateBody>,
            <V as std::convert::TryInto<
                types::SpeechCreateBody,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `SpeechCreateBody` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::SpeechCreateBody,
            ) -> types::builder::SpeechCreateBody,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/speech`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::BinaryResponse,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/speech", client.baseurl,);
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
                operation_id: "speech_create",
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
        ///Values: `wav`, `mp3`.
        pub fn format<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<crate::types::SpeechCreateBodyFormat>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.format(value))
        }
        ///Required.
        pub fn input<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.input(value))
        }
    }
    /**Builder for [`Client::uploads_create`]

[`Client::uploads_create`]: super::Client::uploads_create*/
    #[derive(Debug, Clone)]
    pub struct UploadsCreate<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<
                types::builder::UploadsCreateBody,
                types::UploadsCreateBody,
            >,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> UploadsCreate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::UploadsCreateBody>,
            <V as std::convert::TryInto<
                types::UploadsCreateBody,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `UploadsCreateBody` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::UploadsCreateBody,
            ) -> types::builder::UploadsCreateBody,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/uploads`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<()>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            let (multipart, options) = crate::contract::multipart_body(
                &body,
                options,
                &[],
            )?;
            let url = format!("{}/uploads", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .headers(multipart.headers())
                .body(multipart.body())
                .build()?;
            let info = OperationInfo {
                operation_id: "uploads_create",
            };
            return crate::contract::send_empty(
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
        pub fn file<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<crate::contract::FilePart>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.file(value))
        }
    }
    /**Builder for [`Client::live_connect`]

[`Client::live_connect`]: super::Client::live_connect*/
    #[derive(Debug, Clone)]
    pub struct LiveConnect<'a> {
        client: &'a super::Client,
        model: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> LiveConnect<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                model: Err("model was not initialized".to_string()),
                options: ::std::default::Default::default(),
            }
        }
        pub fn model<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.model = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for model failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/live/websocket`
        pub async fn send(
            self,
        ) -> ::std::result::Result<crate::contract::Session, crate::contract::Error> {
            let Self { client, model, options } = self;
            let model = model.map_err(Error::InvalidRequest)?;
            let url = format!("{}/live/websocket", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .query(&progenitor_client::QueryParam::new("model", &model))
                .build()?;
            let info = OperationInfo {
                operation_id: "live_connect",
            };
            return crate::contract::connect(client, request, &info, &options).await;
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
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Operations of the spec this build does not generate, each with the
/// construct that stops it. Each one is also a build warning.
pub const UNSUPPORTED_OPERATIONS: &[crate::contract::UnsupportedOperation] = &[];
/// Every generated operation and what it does on the server, which
/// decides how it is retried ([`crate::Effect`]).
pub const OPERATION_EFFECTS: &[(&str, crate::contract::Effect)] = &[
    ("chat_completions", crate::contract::Effect::Inference),
    ("files_content", crate::contract::Effect::Read),
    ("live_connect", crate::contract::Effect::Read),
    ("speech_create", crate::contract::Effect::Mutation),
    ("things_delete", crate::contract::Effect::Mutation),
    ("things_download", crate::contract::Effect::Read),
    ("things_retrieve", crate::contract::Effect::Read),
    ("uploads_create", crate::contract::Effect::Mutation),
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
            id: "chat_completions",
            call: chat_completions,
        },
        crate::contract::ConformOperation {
            id: "things_retrieve",
            call: things_retrieve,
        },
        crate::contract::ConformOperation {
            id: "things_delete",
            call: things_delete,
        },
        crate::contract::ConformOperation {
            id: "things_download",
            call: things_download,
        },
        crate::contract::ConformOperation {
            id: "files_content",
            call: files_content,
        },
        crate::contract::ConformOperation {
            id: "speech_create",
            call: speech_create,
        },
        crate::contract::ConformOperation {
            id: "uploads_create",
            call: uploads_create,
        },
        crate::contract::ConformOperation {
            id: "live_connect",
            call: live_connect,
        },
    ];
    fn chat_completions<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.chat_completions();
            if let Some(value) = request.body::<types::ChatRequest>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn things_retrieve<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.things_retrieve();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            if let Some(value) = request.parameter::<i64>("limit")? {
                builder = builder.limit(value);
            }
            if let Some(value) = request
                .parameter::<::std::string::String>("x-trace-id")?
            {
                builder = builder.x_trace_id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn things_delete<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.things_delete();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn things_download<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.things_download();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn files_content<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.files_content();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn speech_create<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.speech_create();
            if let Some(value) = request.body::<types::SpeechCreateBody>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn uploads_create<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.uploads_create();
            if let Some(value) = request.body::<types::UploadsCreateBody>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn live_connect<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.live_connect();
            if let Some(value) = request.parameter::<::std::string::String>("model")? {
                builder = builder.model(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
}
