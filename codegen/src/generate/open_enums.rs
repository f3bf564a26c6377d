//! Open enums, written out as code: the known values of a string enum plus
//! `Other(String)` for any other, so a value no spec lists
//! (`finish_reason: "content_filter"`) decodes. Equality, ordering and
//! hashing go by the string, so `Other("stop")` equals the `stop` variant.

use super::context::Context;
use crate::normalize::OpenEnum;
use quote::format_ident;
use std::collections::BTreeSet;

/// Writes every open enum normalisation recorded into `types`, where
/// progenitor's `with_replacement` left each name unused.
pub fn open_enums(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let types = super::module_mut(&mut file.items, "types")?;
    let defined: BTreeSet<String> = types
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    for (name, open) in &cx.notes.open_enums {
        // typify wrote a type of this name itself: another schema took the
        // name (a spec whose enum normalisation opened is no longer a string
        // enum where typify meets it). Its type stands, closed, rather than
        // two definitions of one name; the shared specs never get here.
        if defined.contains(name) {
            continue;
        }
        types.extend(open_enum(name, open));
    }
    Ok(cx.notes.open_enums.len())
}

/// The enum `name` and its impls, as items of the `types` module.
fn open_enum(name: &str, open: &OpenEnum) -> Vec<syn::Item> {
    let ty = format_ident!("{}", name);
    let doc = open.description.clone().unwrap_or_else(|| format!("Known values of `{name}`."));
    let mut taken = BTreeSet::new();
    let variants: Vec<syn::Ident> = open.values.iter().map(|v| variant_name(v, &mut taken)).collect();
    let values = &open.values;
    let docs = values.iter().map(|v| format!("`{v}`"));
    let file: syn::File = syn::parse_quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum #ty {
            #(#[doc = #docs] #variants,)*
            /// A value this version of the spec does not list.
            Other(::std::string::String),
        }

        impl #ty {
            /// The values the spec lists.
            pub const KNOWN: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Other(s) => s,
                }
            }
        }

        impl ::std::convert::From<&str> for #ty {
            fn from(s: &str) -> Self {
                match s {
                    #(#values => Self::#variants,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #ty {
            fn from(s: ::std::string::String) -> Self {
                match s.as_str() {
                    #(#values => Self::#variants,)*
                    _ => Self::Other(s),
                }
            }
        }

        impl ::std::convert::From<&::std::string::String> for #ty {
            fn from(s: &::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }

        impl ::std::str::FromStr for #ty {
            type Err = ::std::convert::Infallible;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl ::std::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::AsRef<str> for #ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::cmp::PartialEq for #ty {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl ::std::cmp::PartialEq<str> for #ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl ::std::cmp::PartialEq<&str> for #ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl ::std::cmp::Eq for #ty {}

        impl ::std::hash::Hash for #ty {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state)
            }
        }

        impl ::std::cmp::PartialOrd for #ty {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl ::std::cmp::Ord for #ty {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl ::serde::Serialize for #ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                crate::contract::deserialize_open_enum(d)
            }
        }
    };
    file.items
}

/// A unique Rust variant name for an enum value (`"meta-llama/Llama-3"` is
/// `MetaLlamaLlama3`); `Other` is the catch-all, so a value named so is `OtherValue`.
fn variant_name(value: &str, taken: &mut BTreeSet<String>) -> syn::Ident {
    let mut base = crate::normalize::pascal_ident(value);
    if base == "Other" || base == "Self" {
        base.push_str("Value");
    }
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}{n}");
        n += 1;
    }
    format_ident!("{}", name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(values: &[&str]) -> String {
        let open = OpenEnum { values: values.iter().map(|v| v.to_string()).collect(), description: None };
        let items = open_enum("Reason", &open);
        prettyplease::unparse(&syn::parse_quote!(#(#items)*))
    }

    #[test]
    fn variants_are_unique_rust_names_with_a_catch_all() {
        let code = generated(&["stop", "tool-calls", "tool_calls", "Other", "2x"]);
        for variant in ["Stop,", "ToolCalls,", "ToolCalls2,", "OtherValue,", "V2x,", "Other(::std::string::String)"] {
            assert!(code.contains(variant), "{variant} missing:\n{code}");
        }
        assert!(code.contains(r#"Self::ToolCalls2 => "tool_calls","#), "{code}");
        assert!(code.contains(r#""Other" => Self::OtherValue,"#), "{code}");
        assert!(code.contains("crate::contract::deserialize_open_enum(d)"), "{code}");
    }
}
