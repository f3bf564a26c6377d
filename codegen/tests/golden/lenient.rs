// Generated from codegen/tests/fixtures/lenient.yaml by togetherai-codegen: the passes and the sites each changed,
// then the code. Refresh with `cargo xtask generate --bless`, and review the diff.
// client_constructor: 1
// builder_options: 8
// send_via_contract: 8
// json_bodies: 1
// staged_bodies: 1
// stream_methods: 0
// stream_traits: 0
// non_exhaustive: 6
// open_unions: 0
// null_as_default: 0
// lenient_integers: 3
// optional_setters: 20
// text_conversions: 0
// newtype_conversions: 0
// list_setters: 1
// object_setters: 0
// open_enums: 3
// one_value_fields: 0
// setter_docs: 6
// constructors: 6
// answer_text: 0
// json_conversions: 9
// union_getters: 0
// field_getters: 5
// conversion_errors: 0
// field_docs: 3
// type_aliases: 0
// body_setters: 1
// operation_tables: 2
// conform_table: 8
// variant_names: 0
// item_names: 0
// spec_id_aliases: 6
// unreached_types: 0
// answer_builders: 5
// contract_only: 117

#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///Pattern: `([`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[serde(transparent)]
    pub struct Code(pub ::std::string::String);
    impl ::std::ops::Deref for Code {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<Code> for ::std::string::String {
        fn from(value: Code) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for Code {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for Code {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for Code {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///`Empty`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[serde(transparent)]
    pub struct Empty(pub ::serde_json::Map<::std::string::String, ::serde_json::Value>);
    impl ::std::ops::Deref for Empty {
        type Target = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
        fn deref(
            &self,
        ) -> &::serde_json::Map<::std::string::String, ::serde_json::Value> {
            &self.0
        }
    }
    impl ::std::convert::From<Empty>
    for ::serde_json::Map<::std::string::String, ::serde_json::Value> {
        fn from(value: Empty) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<
        ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    > for Empty {
        fn from(
            value: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ) -> Self {
            Self(value)
        }
    }
    ///`Event`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct Event {
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub at: ::std::option::Option<i128>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub detail: ::std::option::Option<::serde_json::Value>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub empty: ::std::option::Option<Empty>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub other: ::std::option::Option<Thing>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub thing: ::std::option::Option<Thing2>,
    }
    ///`NewSession`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct NewSession {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub budget: ::std::option::Option<::serde_json::Value>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub labels: ::std::option::Option<::serde_json::Value>,
        ///Values: `fast`, `1`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub mode: ::std::option::Option<crate::types::NewSessionMode>,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub priority: ::std::option::Option<::serde_json::Value>,
    }
    impl NewSession {
        pub fn builder() -> builder::NewSession {
            Default::default()
        }
    }
    ///`Session`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct Session {
        ///Pattern: `([`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code: ::std::option::Option<Code>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub kind: ::std::option::Option<SessionKind>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub owner: ::std::option::Option<::serde_json::Value>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub payload: ::std::option::Option<::serde_json::Value>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub score: ::std::option::Option<::serde_json::Value>,
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub started: ::std::option::Option<i128>,
        ///Values: `running`, `stopped`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub state: ::std::option::Option<crate::types::SessionState>,
    }
    ///`SessionKind`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd
    )]
    #[serde(transparent)]
    pub struct SessionKind(pub ::std::string::String);
    impl ::std::ops::Deref for SessionKind {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<SessionKind> for ::std::string::String {
        fn from(value: SessionKind) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for SessionKind {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for SessionKind {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for SessionKind {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///`SessionList`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug)]
    #[non_exhaustive]
    pub struct SessionList {
        pub data: ::std::vec::Vec<Session>,
        #[serde(
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            deserialize_with = "crate::contract::lenient_integer"
        )]
        pub total: ::std::option::Option<i128>,
    }
    ///`Thing`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct Thing {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub b: ::std::option::Option<::std::string::String>,
    }
    ///`Thing2`
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
    #[non_exhaustive]
    pub struct Thing2 {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub a: ::std::option::Option<::std::string::String>,
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct NewSession {
            budget: ::std::result::Result<
                ::std::option::Option<::serde_json::Value>,
                ::std::string::String,
            >,
            labels: ::std::result::Result<
                ::std::option::Option<::serde_json::Value>,
                ::std::string::String,
            >,
            mode: ::std::result::Result<
                ::std::option::Option<crate::types::NewSessionMode>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            priority: ::std::result::Result<
                ::std::option::Option<::serde_json::Value>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for NewSession {
            fn default() -> Self {
                Self {
                    budget: Ok(Default::default()),
                    labels: Ok(Default::default()),
                    mode: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    priority: Ok(Default::default()),
                }
            }
        }
        impl NewSession {
            pub fn budget<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::serde_json::Value>,
                T::Error: ::std::fmt::Display,
            {
                self.budget = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for budget: {e}")
                    });
                self
            }
            pub fn labels<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::serde_json::Value>,
                T::Error: ::std::fmt::Display,
            {
                self.labels = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for labels: {e}")
                    });
                self
            }
            ///Values: `fast`, `1`.
            pub fn mode<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::types::NewSessionMode>,
                T::Error: ::std::fmt::Display,
            {
                self.mode = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for mode: {e}")
                    });
                self
            }
            ///Required.
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn priority<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::serde_json::Value>,
                T::Error: ::std::fmt::Display,
            {
                self.priority = value
                    .try_into()
                    .map(::std::option::Option::Some)
                    .map_err(|e| {
                        format!("error converting supplied value for priority: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<NewSession> for super::NewSession {
            type Error = super::error::ConversionError;
            fn try_from(
                value: NewSession,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    budget: value.budget?,
                    labels: value.labels?,
                    mode: value.mode?,
                    name: value.name?,
                    priority: value.priority?,
                })
            }
        }
        impl ::std::convert::From<super::NewSession> for NewSession {
            fn from(value: super::NewSession) -> Self {
                Self {
                    budget: Ok(value.budget),
                    labels: Ok(value.labels),
                    mode: Ok(value.mode),
                    name: Ok(value.name),
                    priority: Ok(value.priority),
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
    ///Values: `fast`, `1`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum NewSessionMode {
        ///`fast`
        Fast,
        ///`1`
        V1,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl NewSessionMode {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["fast", "1"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Fast => "fast",
                Self::V1 => "1",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for NewSessionMode {
        fn from(s: &str) -> Self {
            match s {
                "fast" => Self::Fast,
                "1" => Self::V1,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for NewSessionMode {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "fast" => Self::Fast,
                "1" => Self::V1,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for NewSessionMode {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for NewSessionMode {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for NewSessionMode {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for NewSessionMode {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for NewSessionMode {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for NewSessionMode {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for NewSessionMode {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for NewSessionMode {}
    impl ::std::hash::Hash for NewSessionMode {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for NewSessionMode {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for NewSessionMode {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for NewSessionMode {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for NewSessionMode {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `running`, `stopped`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum SessionState {
        ///`running`
        Running,
        ///`stopped`
        Stopped,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl SessionState {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["running", "stopped"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Running => "running",
                Self::Stopped => "stopped",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for SessionState {
        fn from(s: &str) -> Self {
            match s {
                "running" => Self::Running,
                "stopped" => Self::Stopped,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for SessionState {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "running" => Self::Running,
                "stopped" => Self::Stopped,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for SessionState {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for SessionState {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for SessionState {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for SessionState {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for SessionState {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for SessionState {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for SessionState {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for SessionState {}
    impl ::std::hash::Hash for SessionState {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for SessionState {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for SessionState {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for SessionState {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for SessionState {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    ///Values: `asc`, `desc`.
    #[derive(Clone, Debug)]
    #[non_exhaustive]
    pub enum SessionsListOrder {
        ///`asc`
        Asc,
        ///`desc`
        Desc,
        /// A value this version of the spec does not list.
        Other(::std::string::String),
    }
    impl SessionsListOrder {
        /// The values the spec lists.
        pub const KNOWN: &'static [&'static str] = &["asc", "desc"];
        /// The value as sent on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Asc => "asc",
                Self::Desc => "desc",
                Self::Other(s) => s,
            }
        }
    }
    impl ::std::convert::From<&str> for SessionsListOrder {
        fn from(s: &str) -> Self {
            match s {
                "asc" => Self::Asc,
                "desc" => Self::Desc,
                other => Self::Other(other.to_owned()),
            }
        }
    }
    impl ::std::convert::From<::std::string::String> for SessionsListOrder {
        fn from(s: ::std::string::String) -> Self {
            match s.as_str() {
                "asc" => Self::Asc,
                "desc" => Self::Desc,
                _ => Self::Other(s),
            }
        }
    }
    impl ::std::convert::From<&::std::string::String> for SessionsListOrder {
        fn from(s: &::std::string::String) -> Self {
            Self::from(s.as_str())
        }
    }
    impl ::std::str::FromStr for SessionsListOrder {
        type Err = ::std::convert::Infallible;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self::from(s))
        }
    }
    impl ::std::fmt::Display for SessionsListOrder {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    impl ::std::convert::AsRef<str> for SessionsListOrder {
        fn as_ref(&self) -> &str {
            self.as_str()
        }
    }
    impl ::std::cmp::PartialEq for SessionsListOrder {
        fn eq(&self, other: &Self) -> bool {
            self.as_str() == other.as_str()
        }
    }
    impl ::std::cmp::PartialEq<str> for SessionsListOrder {
        fn eq(&self, other: &str) -> bool {
            self.as_str() == other
        }
    }
    impl ::std::cmp::PartialEq<&str> for SessionsListOrder {
        fn eq(&self, other: &&str) -> bool {
            self.as_str() == *other
        }
    }
    impl ::std::cmp::Eq for SessionsListOrder {}
    impl ::std::hash::Hash for SessionsListOrder {
        fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
            self.as_str().hash(state)
        }
    }
    impl ::std::cmp::PartialOrd for SessionsListOrder {
        fn partial_cmp(
            &self,
            other: &Self,
        ) -> ::std::option::Option<::std::cmp::Ordering> {
            Some(self.cmp(other))
        }
    }
    impl ::std::cmp::Ord for SessionsListOrder {
        fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
            self.as_str().cmp(other.as_str())
        }
    }
    impl ::serde::Serialize for SessionsListOrder {
        fn serialize<S: ::serde::Serializer>(
            &self,
            s: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            s.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for SessionsListOrder {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            crate::contract::deserialize_open_enum(d)
        }
    }
    impl Event {
        ///A `Event` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                at: ::std::default::Default::default(),
                detail: ::std::default::Default::default(),
                empty: ::std::default::Default::default(),
                other: ::std::default::Default::default(),
                thing: ::std::default::Default::default(),
            }
        }
    }
    impl NewSession {
        ///A `NewSession` from its required fields (`name`); set the others with [`NewSession::builder`].
        pub fn new(name: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                budget: ::std::default::Default::default(),
                labels: ::std::default::Default::default(),
                mode: ::std::default::Default::default(),
                name: name.into(),
                priority: ::std::default::Default::default(),
            }
        }
    }
    impl Session {
        ///A `Session` from its required fields (`id`); set the others with [`Session::builder`].
        pub fn new(id: impl ::std::convert::Into<::std::string::String>) -> Self {
            Self {
                code: ::std::default::Default::default(),
                id: id.into(),
                kind: ::std::default::Default::default(),
                note: ::std::default::Default::default(),
                owner: ::std::default::Default::default(),
                payload: ::std::default::Default::default(),
                score: ::std::default::Default::default(),
                started: ::std::default::Default::default(),
                state: ::std::default::Default::default(),
            }
        }
    }
    impl SessionList {
        ///A `SessionList` from its required fields (`data`); set the others with [`SessionList::builder`].
        pub fn new(
            data: impl ::std::iter::IntoIterator<
                Item = impl ::std::convert::Into<Session>,
            >,
        ) -> Self {
            Self {
                data: data.into_iter().map(::std::convert::Into::into).collect(),
                total: ::std::default::Default::default(),
            }
        }
    }
    impl Thing {
        ///A `Thing` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                b: ::std::default::Default::default(),
            }
        }
    }
    impl Thing2 {
        ///A `Thing2` with no field set (it requires none).
        pub fn new() -> Self {
            Self {
                a: ::std::default::Default::default(),
            }
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Code {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Empty {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Event {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for NewSession {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for Session {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for SessionKind {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl ::std::convert::TryFrom<::serde_json::Value> for SessionList {
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
    impl ::std::convert::TryFrom<::serde_json::Value> for Thing2 {
        type Error = ::serde_json::Error;
        #[inline]
        fn try_from(
            value: ::serde_json::Value,
        ) -> ::std::result::Result<Self, ::serde_json::Error> {
            ::serde_json::from_value(value)
        }
    }
    impl Event {
        ///`at`, if the answer has it.
        pub fn at(&self) -> ::std::option::Option<&i128> {
            self.at.as_ref()
        }
        ///`detail`, if the answer has it.
        pub fn detail(&self) -> ::std::option::Option<&::serde_json::Value> {
            self.detail.as_ref()
        }
        ///`empty`, if the answer has it.
        pub fn empty(&self) -> ::std::option::Option<&Empty> {
            self.empty.as_ref()
        }
        ///`other`, if the answer has it.
        pub fn other(&self) -> ::std::option::Option<&Thing> {
            self.other.as_ref()
        }
        ///`thing`, if the answer has it.
        pub fn thing(&self) -> ::std::option::Option<&Thing2> {
            self.thing.as_ref()
        }
    }
    impl Session {
        ///`code`, if the answer has it.
        pub fn code(&self) -> ::std::option::Option<&Code> {
            self.code.as_ref()
        }
        ///`kind`, if the answer has it.
        pub fn kind(&self) -> ::std::option::Option<&SessionKind> {
            self.kind.as_ref()
        }
        ///`note`, if the answer has it.
        pub fn note(&self) -> ::std::option::Option<&str> {
            self.note.as_deref()
        }
        ///`owner`, if the answer has it.
        pub fn owner(&self) -> ::std::option::Option<&::serde_json::Value> {
            self.owner.as_ref()
        }
        ///`payload`, if the answer has it.
        pub fn payload(&self) -> ::std::option::Option<&::serde_json::Value> {
            self.payload.as_ref()
        }
        ///`score`, if the answer has it.
        pub fn score(&self) -> ::std::option::Option<&::serde_json::Value> {
            self.score.as_ref()
        }
        ///`started`, if the answer has it.
        pub fn started(&self) -> ::std::option::Option<&i128> {
            self.started.as_ref()
        }
        ///`state`, if the answer has it.
        pub fn state(&self) -> ::std::option::Option<&crate::types::SessionState> {
            self.state.as_ref()
        }
    }
    impl SessionList {
        ///`total`, if the answer has it.
        pub fn total(&self) -> ::std::option::Option<&i128> {
            self.total.as_ref()
        }
    }
    impl Thing {
        ///`b`, if the answer has it.
        pub fn b(&self) -> ::std::option::Option<&str> {
            self.b.as_deref()
        }
    }
    impl Thing2 {
        ///`a`, if the answer has it.
        pub fn a(&self) -> ::std::option::Option<&str> {
            self.a.as_deref()
        }
    }
}
#[derive(Clone, Debug)]
/**Client for lenient

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
    /**Sends a `GET` request to `/sessions`

```ignore
let response = client.sessions_list()
    .limit(limit)
    .order(order)
    .tags(tags)
    .x_request_tag(x_request_tag)
    .send()
    .await;
```*/
    #[doc(alias("sessions/list"))]
    pub fn sessions_list(&self) -> builder::SessionsList<'_> {
        builder::SessionsList::new(self)
    }
    /**Sends a `POST` request to `/sessions`

```ignore
let response = client.sessions_create()
    .body(body)
    .send()
    .await;
```*/
    pub fn sessions_create(&self) -> builder::SessionsCreate<'_> {
        builder::SessionsCreate::new(self)
    }
    /**Sends a `POST` request to `/sessions/{id}:stop`

```ignore
let response = client.sessions_stop()
    .id(id)
    .send()
    .await;
```*/
    pub fn sessions_stop(&self) -> builder::SessionsStop<'_> {
        builder::SessionsStop::new(self)
    }
    /**Sends a `GET` request to `/sessions/{id}`

```ignore
let response = client.sessions_retrieve()
    .id(id)
    .send()
    .await;
```*/
    #[doc(alias("sessions_list"))]
    pub fn sessions_retrieve(&self) -> builder::SessionsRetrieve<'_> {
        builder::SessionsRetrieve::new(self)
    }
    /**Sends a `DELETE` request to `/sessions/{id}`

```ignore
let response = client.sessions_delete()
    .id(id)
    .send()
    .await;
```*/
    #[doc(alias("type"))]
    pub fn sessions_delete(&self) -> builder::SessionsDelete<'_> {
        builder::SessionsDelete::new(self)
    }
    /**Sends a `GET` request to `/sessions/{id}/events`

```ignore
let response = client.sessions_events()
    .id(id)
    .request(request)
    .since(since)
    .send()
    .await;
```*/
    #[doc(alias("session_events"))]
    pub fn sessions_events(&self) -> builder::SessionsEvents<'_> {
        builder::SessionsEvents::new(self)
    }
    /**Sends a `GET` request to `/legacy`

```ignore
let response = client.legacy_list()
    .request(request)
    .since(since)
    .send()
    .await;
```*/
    #[doc(alias("session_events"))]
    pub fn legacy_list(&self) -> builder::LegacyList<'_> {
        builder::LegacyList::new(self)
    }
    /**Sends a `GET` request to `/counts`

```ignore
let response = client.counts_list()
    .send()
    .await;
```*/
    #[doc(alias("counts"))]
    pub fn counts_list(&self) -> builder::CountsList<'_> {
        builder::CountsList::new(self)
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
    /**Builder for [`Client::sessions_list`]

[`Client::sessions_list`]: super::Client::sessions_list*/
    #[derive(Debug, Clone)]
    pub struct SessionsList<'a> {
        client: &'a super::Client,
        limit: Result<Option<::std::num::NonZeroU32>, String>,
        order: Result<Option<crate::types::SessionsListOrder>, String>,
        tags: Result<Option<::std::vec::Vec<::std::string::String>>, String>,
        x_request_tag: Result<Option<::std::string::String>, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsList<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                limit: Ok(None),
                order: Ok(None),
                tags: Ok(None),
                x_request_tag: Ok(None),
                options: ::std::default::Default::default(),
            }
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU32>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU32` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn order<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::types::SessionsListOrder>,
        {
            self.order = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `crate :: types :: SessionsListOrder` for order failed"
                        .to_string()
                });
            self
        }
        pub fn tags<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
        {
            self.tags = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: vec :: Vec < :: std :: string :: String >` for tags failed"
                        .to_string()
                });
            self
        }
        pub fn x_request_tag<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.x_request_tag = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for x_request_tag failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/sessions`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::SessionList>,
            crate::contract::Error,
        > {
            let Self { client, limit, order, tags, x_request_tag, options } = self;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let order = order.map_err(Error::InvalidRequest)?;
            let tags = tags.map_err(Error::InvalidRequest)?;
            let x_request_tag = x_request_tag.map_err(Error::InvalidRequest)?;
            let url = format!("{}/sessions", client.baseurl,);
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            if let Some(value) = x_request_tag {
                header_map.append("x-request-tag", value.to_string().try_into()?);
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
                .query(&progenitor_client::QueryParam::new("order", &order))
                .query(&progenitor_client::QueryParam::new("tags", &tags))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "sessions_list",
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
    /**Builder for [`Client::sessions_create`]

[`Client::sessions_create`]: super::Client::sessions_create*/
    #[derive(Debug, Clone)]
    pub struct SessionsCreate<'a> {
        client: &'a super::Client,
        body: ::std::result::Result<
            crate::contract::Staged<types::builder::NewSession, types::NewSession>,
            ::std::string::String,
        >,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsCreate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                body: Ok(crate::contract::Staged::Unset),
                options: ::std::default::Default::default(),
            }
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::NewSession>,
            <V as std::convert::TryInto<types::NewSession>>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(crate::contract::Staged::Built)
                .map_err(|s| {
                    format!("conversion to `NewSession` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::NewSession,
            ) -> types::builder::NewSession,
        {
            self.body = self.body.map(|body| body.map(f));
            self
        }
        ///Sends a `POST` request to `/sessions`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::Session>,
            crate::contract::Error,
        > {
            let Self { client, body, options } = self;
            let body = body
                .and_then(crate::contract::Staged::value)
                .map_err(Error::InvalidRequest)?;
            let url = format!("{}/sessions", client.baseurl,);
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
                operation_id: "sessions_create",
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
        pub fn budget<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::serde_json::Value>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.budget(value))
        }
        pub fn labels<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::serde_json::Value>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.labels(value))
        }
        ///Values: `fast`, `1`.
        pub fn mode<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<crate::types::NewSessionMode>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.mode(value))
        }
        ///Required.
        pub fn name<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::std::string::String>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.name(value))
        }
        pub fn priority<T>(self, value: T) -> Self
        where
            T: ::std::convert::TryInto<::serde_json::Value>,
            T::Error: ::std::fmt::Display,
        {
            self.body_map(|body| body.priority(value))
        }
    }
    /**Builder for [`Client::sessions_stop`]

[`Client::sessions_stop`]: super::Client::sessions_stop*/
    #[derive(Debug, Clone)]
    pub struct SessionsStop<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsStop<'a> {
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
        ///Sends a `POST` request to `/sessions/{id}:stop`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<types::Session>,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/sessions/{}:stop", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .build()?;
            let info = OperationInfo {
                operation_id: "sessions_stop",
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
    /**Builder for [`Client::sessions_retrieve`]

[`Client::sessions_retrieve`]: super::Client::sessions_retrieve*/
    #[derive(Debug, Clone)]
    pub struct SessionsRetrieve<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsRetrieve<'a> {
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
        ///Sends a `GET` request to `/sessions/{id}`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<::serde_json::Value>,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/sessions/{}", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .build()?;
            let info = OperationInfo {
                operation_id: "sessions_retrieve",
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
    /**Builder for [`Client::sessions_delete`]

[`Client::sessions_delete`]: super::Client::sessions_delete*/
    #[derive(Debug, Clone)]
    pub struct SessionsDelete<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsDelete<'a> {
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
        ///Sends a `DELETE` request to `/sessions/{id}`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<()>,
            crate::contract::Error,
        > {
            let Self { client, id, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/sessions/{}", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut request = client.client.delete(url).build()?;
            let info = OperationInfo {
                operation_id: "sessions_delete",
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
    /**Builder for [`Client::sessions_events`]

[`Client::sessions_events`]: super::Client::sessions_events*/
    #[derive(Debug, Clone)]
    pub struct SessionsEvents<'a> {
        client: &'a super::Client,
        id: Result<::std::string::String, String>,
        request: Result<Option<::std::string::String>, String>,
        since: Result<Option<i64>, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> SessionsEvents<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                id: Err("id was not initialized".to_string()),
                request: Ok(None),
                since: Ok(None),
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
        pub fn request<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.request = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for request failed"
                        .to_string()
                });
            self
        }
        pub fn since<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.since = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for since failed".to_string());
            self
        }
        ///Sends a `GET` request to `/sessions/{id}/events`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<::std::vec::Vec<types::Event>>,
            crate::contract::Error,
        > {
            let Self { client, id, request, since, options } = self;
            let id = id.map_err(Error::InvalidRequest)?;
            let request = request.map_err(Error::InvalidRequest)?;
            let since = since.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/sessions/{}/events", client.baseurl, encode_path(& id.to_string()),
            );
            #[allow(unused_mut)]
            let mut _request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("request", &request))
                .query(&progenitor_client::QueryParam::new("since", &since))
                .build()?;
            let info = OperationInfo {
                operation_id: "sessions_events",
            };
            return crate::contract::send_json(
                    client,
                    _request,
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
    /**Builder for [`Client::legacy_list`]

[`Client::legacy_list`]: super::Client::legacy_list*/
    #[derive(Debug, Clone)]
    pub struct LegacyList<'a> {
        client: &'a super::Client,
        request: Result<Option<::std::string::String>, String>,
        since: Result<Option<i64>, String>,
        options: crate::contract::RequestOptions,
    }
    impl<'a> LegacyList<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                request: Ok(None),
                since: Ok(None),
                options: ::std::default::Default::default(),
            }
        }
        pub fn request<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.request = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for request failed"
                        .to_string()
                });
            self
        }
        pub fn since<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.since = value
                .try_into()
                .map(Some)
                .map_err(|_| "conversion to `i64` for since failed".to_string());
            self
        }
        ///Sends a `GET` request to `/legacy`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<::std::vec::Vec<types::Event>>,
            crate::contract::Error,
        > {
            let Self { client, request, since, options } = self;
            let request = request.map_err(Error::InvalidRequest)?;
            let since = since.map_err(Error::InvalidRequest)?;
            let url = format!("{}/legacy", client.baseurl,);
            #[allow(unused_mut)]
            let mut _request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("request", &request))
                .query(&progenitor_client::QueryParam::new("since", &since))
                .build()?;
            let info = OperationInfo {
                operation_id: "legacy_list",
            };
            return crate::contract::send_json(
                    client,
                    _request,
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
    /**Builder for [`Client::counts_list`]

[`Client::counts_list`]: super::Client::counts_list*/
    #[derive(Debug, Clone)]
    pub struct CountsList<'a> {
        client: &'a super::Client,
        options: crate::contract::RequestOptions,
    }
    impl<'a> CountsList<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                options: ::std::default::Default::default(),
            }
        }
        ///Sends a `GET` request to `/counts`
        pub async fn send(
            self,
        ) -> ::std::result::Result<
            crate::contract::Response<
                ::std::collections::HashMap<::std::string::String, i128>,
            >,
            crate::contract::Error,
        > {
            let Self { client, options } = self;
            let url = format!("{}/counts", client.baseurl,);
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .build()?;
            let info = OperationInfo {
                operation_id: "counts_list",
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
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/// Operations of the spec this build does not generate, each with the
/// construct that stops it. Each one is also a build warning.
pub const UNSUPPORTED_OPERATIONS: &[crate::contract::UnsupportedOperation] = &[
    crate::contract::UnsupportedOperation {
        operation_id: "search_list",
        method: "GET",
        path: "/search",
        reason: "progenitor cannot generate it: progenitor: unexpected or unhandled format in the OpenAPI document unsupported style of query parameter DeepObject",
    },
];
/// Every generated operation and what it does on the server, which
/// decides how it is retried ([`crate::Effect`]).
pub const OPERATION_EFFECTS: &[(&str, crate::contract::Effect)] = &[
    ("counts_list", crate::contract::Effect::Read),
    ("legacy_list", crate::contract::Effect::Read),
    ("sessions_create", crate::contract::Effect::Mutation),
    ("sessions_delete", crate::contract::Effect::Mutation),
    ("sessions_events", crate::contract::Effect::Read),
    ("sessions_list", crate::contract::Effect::Read),
    ("sessions_retrieve", crate::contract::Effect::Read),
    ("sessions_stop", crate::contract::Effect::Mutation),
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
            id: "sessions_list",
            call: sessions_list,
        },
        crate::contract::ConformOperation {
            id: "sessions_create",
            call: sessions_create,
        },
        crate::contract::ConformOperation {
            id: "sessions_stop",
            call: sessions_stop,
        },
        crate::contract::ConformOperation {
            id: "sessions_retrieve",
            call: sessions_retrieve,
        },
        crate::contract::ConformOperation {
            id: "sessions_delete",
            call: sessions_delete,
        },
        crate::contract::ConformOperation {
            id: "sessions_events",
            call: sessions_events,
        },
        crate::contract::ConformOperation {
            id: "legacy_list",
            call: legacy_list,
        },
        crate::contract::ConformOperation {
            id: "counts_list",
            call: counts_list,
        },
    ];
    fn sessions_list<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_list();
            if let Some(value) = request.parameter::<::std::num::NonZeroU32>("limit")? {
                builder = builder.limit(value);
            }
            if let Some(value) = request
                .parameter::<crate::types::SessionsListOrder>("order")?
            {
                builder = builder.order(value);
            }
            if let Some(value) = request
                .parameter::<::std::vec::Vec<::std::string::String>>("tags")?
            {
                builder = builder.tags(value);
            }
            if let Some(value) = request
                .parameter::<::std::string::String>("x-request-tag")?
            {
                builder = builder.x_request_tag(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn sessions_create<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_create();
            if let Some(value) = request.body::<types::NewSession>()? {
                builder = builder.body(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn sessions_stop<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_stop();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn sessions_retrieve<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_retrieve();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn sessions_delete<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_delete();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn sessions_events<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.sessions_events();
            if let Some(value) = request.parameter::<::std::string::String>("id")? {
                builder = builder.id(value);
            }
            if let Some(value) = request.parameter::<::std::string::String>("request")? {
                builder = builder.request(value);
            }
            if let Some(value) = request.parameter::<i64>("since")? {
                builder = builder.since(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn legacy_list<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.legacy_list();
            if let Some(value) = request.parameter::<::std::string::String>("request")? {
                builder = builder.request(value);
            }
            if let Some(value) = request.parameter::<i64>("since")? {
                builder = builder.since(value);
            }
            crate::contract::conform_answer(builder.send().await).await
        })
    }
    fn counts_list<'a>(
        client: &'a super::Client,
        request: &'a crate::contract::ConformRequest,
    ) -> crate::contract::ConformCall<'a> {
        Box::pin(async move {
            #[allow(unused_mut)]
            let mut builder = client.counts_list();
            crate::contract::conform_answer(builder.send().await).await
        })
    }
}
