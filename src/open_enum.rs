//! Open enums: the known values of a string enum plus any other string.
//!
//! Real responses carry enum values no spec lists (`finish_reason:
//! "content_filter"`); a closed enum would fail to decode the whole response.
//! build.rs emits one `open_enum!` per string enum of the spec.

/// Defines an enum of known string values with an `Other(String)` catch-all.
///
/// Equality, ordering and hashing go by the string, so `Other("stop")`
/// equals the `stop` variant.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = concat!("`", $value, "`")] $variant,)*
            /// A value this version of the spec does not list.
            Other(::std::string::String),
        }

        impl $name {
            /// The values the spec lists.
            pub const KNOWN: &'static [&'static str] = &[$($value),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(s) => s,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($value => Self::$variant,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match s.as_str() {
                    $($value => Self::$variant,)*
                    _ => Self::Other(s),
                }
            }
        }

        impl ::std::convert::From<&::std::string::String> for $name {
            fn from(s: &::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::std::cmp::Eq for $name {}

        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // A known value costs no allocation: the text is matched where the
        // reader holds it (`Cow<str>` would always copy it).
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                struct Text;
                impl<'de> ::serde::de::Visitor<'de> for Text {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E>(self, v: &str) -> ::std::result::Result<$name, E> {
                        Ok($name::from(v))
                    }
                    fn visit_string<E>(self, v: ::std::string::String) -> ::std::result::Result<$name, E> {
                        Ok($name::from(v))
                    }
                }
                d.deserialize_str(Text)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::open_enum! {
        /// Test enum.
        Reason { Stop = "stop", ToolCalls = "tool_calls" }
    }

    #[test]
    fn known_and_unknown_values_round_trip() {
        let r: Vec<Reason> = serde_json::from_str(r#"["stop", "content_filter"]"#).unwrap();
        assert_eq!(r[0], Reason::Stop);
        assert_eq!(r[1], Reason::Other("content_filter".into()));
        assert_eq!(r[1].as_str(), "content_filter");
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"["stop","content_filter"]"#);
    }

    #[test]
    fn other_with_a_known_value_equals_the_variant() {
        assert_eq!(Reason::Other("tool_calls".into()), Reason::ToolCalls);
        assert_eq!(Reason::from("tool_calls"), Reason::ToolCalls);
        assert_eq!(Reason::KNOWN, ["stop", "tool_calls"]);
        assert_eq!(Reason::ToolCalls.to_string(), "tool_calls");
    }
}
