//! Passes over typify's `types` module: what a newer spec or a real
//! response may add never breaks a build or a decode, and building values
//! takes short calls.

use super::context::Context;
use super::{module_mut, shape};
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

fn types(file: &mut syn::File) -> Result<&mut Vec<syn::Item>, String> {
    module_mut(&mut file.items, "types")
}

/// Structs with named fields and enums are `#[non_exhaustive]`: a newer
/// spec adds fields and variants, and users build values with the builders,
/// so adding them is not a breaking change. (typify's `with_attr` is per
/// type name, and the names of inline types are only known once generated.)
pub fn non_exhaustive(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let mut n = 0;
    for item in types(file)? {
        match item {
            syn::Item::Struct(s) if matches!(s.fields, syn::Fields::Named(_)) => {
                s.attrs.push(syn::parse_quote!(#[non_exhaustive]))
            }
            syn::Item::Enum(e) => e.attrs.push(syn::parse_quote!(#[non_exhaustive])),
            _ => continue,
        }
        n += 1;
    }
    Ok(n)
}

/// An untagged union (`oneOf` that typify cannot tell apart by a tag) gains
/// a last `Other(serde_json::Value)` variant, so a shape no spec lists still
/// decodes; its `Display`, which matches every variant, shows it as JSON.
pub fn open_unions(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = types(file)?;
    let mut widened = BTreeSet::new();
    for item in items.iter_mut() {
        let syn::Item::Enum(e) = item else { continue };
        if shape::has_serde_arg(&e.attrs, "untagged") && !e.variants.iter().any(|v| v.ident == "Other") {
            e.variants.push(syn::parse_quote! {
                /// A shape this version of the spec does not describe, kept as JSON.
                Other(::serde_json::Value)
            });
            widened.insert(e.ident.to_string());
        }
    }
    struct DisplayOther;
    impl VisitMut for DisplayOther {
        fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
            m.arms.push(syn::parse_quote!(Self::Other(x) => x.fmt(f),));
        }
    }
    for item in items.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        if shape::implements(i, "Display") && shape::type_name(&i.self_ty).is_some_and(|t| widened.contains(&t)) {
            DisplayOther.visit_item_impl_mut(i);
        }
    }
    Ok(widened.len())
}

/// Applies `f` to the fields of every struct in `types` (and, with
/// `variants`, of every enum variant); the number it changed.
fn for_each_field(
    file: &mut syn::File,
    variants: bool,
    f: &mut dyn FnMut(&mut syn::Field) -> bool,
) -> Result<usize, String> {
    let mut n = 0;
    for item in types(file)? {
        let fields: Vec<&mut syn::Field> = match item {
            syn::Item::Struct(s) => s.fields.iter_mut().collect(),
            syn::Item::Enum(e) if variants => e.variants.iter_mut().flat_map(|v| v.fields.iter_mut()).collect(),
            _ => continue,
        };
        for field in fields {
            n += usize::from(f(field));
        }
    }
    Ok(n)
}

/// Optional list and map fields (`#[serde(default)]`, not `Option`) read an
/// explicit `null` as empty: servers send `"tool_calls": null` where the spec
/// only allows a list or nothing, and one such field would fail a whole chunk.
pub fn null_as_default(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    for_each_field(file, false, &mut |field| {
        if shape::first_type_argument(&field.ty, "Option").is_some()
            || !shape::has_serde_arg(&field.attrs, "default")
            || shape::has_serde_arg(&field.attrs, "deserialize_with")
        {
            return false;
        }
        let Some(attr) = field
            .attrs
            .iter_mut()
            .find(|a| shape::serde_args(a).is_some_and(|args| args.iter().any(|m| m.path().is_ident("default"))))
        else {
            return false;
        };
        let syn::Meta::List(list) = &mut attr.meta else { return false };
        list.tokens.extend(quote!(, deserialize_with = "crate::contract::null_as_default"));
        true
    })
}

/// `i128` inside the wrappers the lenient decoder knows (`Option`, `Vec`, maps).
fn holds_wide_integer(ty: &syn::Type) -> bool {
    let Some(name) = shape::type_name(ty) else { return false };
    let args = shape::type_arguments(ty);
    match (name.as_str(), args.as_slice()) {
        ("i128", []) => true,
        ("Option" | "Vec", [inner]) => holds_wide_integer(inner),
        ("HashMap", [_, value]) => holds_wide_integer(value),
        _ => false,
    }
}

/// Fields holding `i128` (response integers), alone or in `Option`, `Vec`
/// and maps, decode through `crate::contract::lenient_integer`, which also
/// takes integers the JSON reader holds as floats (beyond `u64` inside
/// unions and folded streams, or written `1e19`). It replaces typify's own
/// `deserialize_with`, keeping its meaning: required stays required, and an
/// optional list's `null` reads as empty.
pub fn lenient_integers(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    for_each_field(file, true, &mut |field| {
        if !holds_wide_integer(&field.ty) {
            return false;
        }
        let mut args: Vec<syn::Meta> = Vec::new();
        field.attrs.retain(|attr| match shape::serde_args(attr) {
            Some(list) => {
                args.extend(list);
                false
            }
            None => true,
        });
        // serde lets a plain `Option` field be missing; with a
        // `deserialize_with` it must be told. A required nullable field
        // (typify's `Option::deserialize`) stays required.
        let had_with = args.iter().any(|m| m.path().is_ident("deserialize_with"));
        let optional = shape::first_type_argument(&field.ty, "Option").is_some() && !had_with;
        if optional && !args.iter().any(|m| m.path().is_ident("default")) {
            args.insert(0, syn::parse_quote!(default));
        }
        args.retain(|m| !m.path().is_ident("deserialize_with"));
        args.push(syn::parse_quote!(deserialize_with = "crate::contract::lenient_integer"));
        field.attrs.push(syn::parse_quote!(#[serde(#(#args),*)]));
        true
    })
}

/// Setters of optional fields in typify's builders take the value itself
/// (`.suffix("x")`), not an `Option` of it: an unset field is simply never
/// set. Fields that are required but nullable keep their `Option` setter.
pub fn optional_setters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    // typify writes `types::builder` only when some type has a builder (the
    // expected count says whether one must).
    let types = types(file)?;
    if !types.iter().any(|item| matches!(item, syn::Item::Mod(m) if m.ident == "builder")) {
        return Ok(0);
    }
    let builders = module_mut(types, "builder")?;
    // Optional fields start as `Ok(Default::default())` in the builder's `Default`.
    let optional = super::typify::default_fields(builders, shape::is_optional_default);
    let mut n = 0;
    for item in builders.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        if i.trait_.is_some() {
            continue;
        }
        let ty = shape::type_name(&i.self_ty).unwrap_or_default();
        for member in i.items.iter_mut() {
            if let syn::ImplItem::Fn(f) = member {
                if optional.contains(&(ty.clone(), f.sig.ident.to_string())) && take_the_value(f) {
                    n += 1;
                }
            }
        }
    }
    Ok(n)
}

/// `fn x<T: TryInto<Option<X>>>(value: T)` becomes `fn x<T: TryInto<X>>`
/// storing `Some(value)`.
fn take_the_value(f: &mut syn::ImplItemFn) -> bool {
    let Some(target) = shape::setter_target(f) else { return false };
    let Some(inner) = shape::first_type_argument(target, "Option").cloned() else { return false };
    *target = inner;
    struct WrapSome(bool);
    impl VisitMut for WrapSome {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            if shape::is_value_try_into(e) {
                *e = syn::parse_quote!(value.try_into().map(::std::option::Option::Some));
                self.0 = true;
                return;
            }
            syn::visit_mut::visit_expr_mut(self, e);
        }
    }
    let mut wrap = WrapSome(false);
    wrap.visit_block_mut(&mut f.block);
    wrap.0
}

/// For an untagged enum with a member that is a newtype of `X` (`Binary(AudioFileBinary)`,
/// `AudioFileBinary(FilePart)`; `Url(AudioFileUrl)` of a `String`), `From<X>` for the
/// enum, when no other member holds an `X` and no `From<X>` is there yet (a
/// `String` also gets `From<&str>`): `.file(FilePart::path(..))`, `.file("https://..")`.
pub fn newtype_conversions(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = types(file)?;
    let key = |ty: &syn::Type| quote!(#ty).to_string().replace(' ', "");
    let newtypes: BTreeMap<String, syn::Type> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => match &s.fields {
                syn::Fields::Unnamed(f)
                    if f.unnamed.len() == 1 && matches!(f.unnamed[0].vis, syn::Visibility::Public(_)) =>
                {
                    Some((s.ident.to_string(), f.unnamed[0].ty.clone()))
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    // The types each type already converts from.
    let mut from: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items.iter() {
        let syn::Item::Impl(i) = item else { continue };
        let Some((path, _)) = &i.trait_ else { continue };
        let Some(last) = path.segments.last().filter(|s| s.ident == "From") else { continue };
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else { continue };
        if let (Some(syn::GenericArgument::Type(t)), Some(target)) = (args.args.first(), shape::type_name(&i.self_ty)) {
            from.entry(target).or_default().insert(key(t));
        }
    }
    let mut added: Vec<syn::Item> = Vec::new();
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        if !shape::has_serde_arg(&e.attrs, "untagged") {
            continue;
        }
        // (variant, newtype, inner type) per member that is a newtype.
        let members: Vec<(&syn::Ident, String, &syn::Type)> = e
            .variants
            .iter()
            .filter_map(|v| {
                let syn::Fields::Unnamed(f) = &v.fields else { return None };
                let name = shape::type_name(&f.unnamed.first()?.ty).filter(|_| f.unnamed.len() == 1)?;
                let inner = newtypes.get(&name)?;
                Some((&v.ident, name, inner))
            })
            .collect();
        let ty = &e.ident;
        let has = from.entry(ty.to_string()).or_default();
        for (variant, newtype, inner) in &members {
            let k = key(inner);
            if members.iter().filter(|(_, _, i)| key(i) == k).count() > 1 || !has.insert(k) {
                continue;
            }
            let n = quote::format_ident!("{newtype}");
            added.push(syn::parse_quote! {
                impl ::std::convert::From<#inner> for #ty {
                    fn from(value: #inner) -> Self { Self::#variant(#n(value)) }
                }
            });
            if shape::is_std_string(inner) && has.insert("&str".into()) {
                added.push(syn::parse_quote! {
                    impl ::std::convert::From<&str> for #ty {
                        fn from(value: &str) -> Self { Self::#variant(#n(value.to_owned())) }
                    }
                });
            }
        }
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}

/// `From<&str>` and `From<String>` for typify's untagged enums with a
/// `String` variant holding a string or a newtype of one (a `$ref` to a
/// string schema): message content that is text or parts, so
/// `.content("hello")` works; with a list of strings beside it, also
/// `From<Vec<&str>>` and `From<[&str; N]>` (`.input(["a", "b"])`).
pub fn text_conversions(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = types(file)?;
    let has_from_string: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if shape::is_from_string_impl(i) => shape::type_name(&i.self_ty),
            _ => None,
        })
        .collect();
    let newtypes: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if shape::is_string_newtype(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut added = Vec::new();
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        if has_from_string.contains(&e.ident.to_string()) {
            continue;
        }
        let ty = &e.ident;
        let (owned, borrowed) = if let Some(string) = shape::string_variant(e) {
            let variant = &string.ident;
            (quote!(Self::#variant(value)), quote!(Self::#variant(value.to_owned())))
        } else if let Some((variant, newtype)) = e.variants.iter().find_map(|v| {
            let syn::Fields::Unnamed(f) = &v.fields else { return None };
            let name =
                shape::type_name(&f.unnamed.first()?.ty).filter(|n| f.unnamed.len() == 1 && newtypes.contains(n))?;
            (v.ident == "String").then(|| (&v.ident, quote::format_ident!("{name}")))
        }) {
            (quote!(Self::#variant(#newtype(value))), quote!(Self::#variant(#newtype(value.to_owned()))))
        } else {
            continue;
        };
        let impls: syn::File = syn::parse_quote! {
            impl ::std::convert::From<::std::string::String> for #ty {
                fn from(value: ::std::string::String) -> Self { #owned }
            }
            impl ::std::convert::From<&str> for #ty {
                fn from(value: &str) -> Self { #borrowed }
            }
        };
        added.push(impls.items);
        // Text or a list of texts (embedding inputs): a list of `&str` too.
        let lists: Vec<&syn::Ident> = e
            .variants
            .iter()
            .filter(|v| {
                matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1
                && shape::first_type_argument(&f.unnamed[0].ty, "Vec").is_some_and(shape::is_std_string))
            })
            .map(|v| &v.ident)
            .collect();
        if let [list] = lists[..] {
            let impls: syn::File = syn::parse_quote! {
                impl ::std::convert::From<::std::vec::Vec<&str>> for #ty {
                    fn from(value: ::std::vec::Vec<&str>) -> Self { Self::#list(value.into_iter().map(::std::string::String::from).collect()) }
                }
                impl<const N: usize> ::std::convert::From<[&str; N]> for #ty {
                    fn from(value: [&str; N]) -> Self { Self::#list(value.into_iter().map(::std::string::String::from).collect()) }
                }
            };
            added.push(impls.items);
        }
    }
    let n = added.len();
    items.extend(added.into_iter().flatten());
    Ok(n)
}

/// `TryFrom<serde_json::Value>` for every type that decodes, unless it
/// converts from JSON already (a union with a free-form member): a field
/// takes a JSON value where writing the typed one is longer
/// (`.response_format(json!({"type": "json_object"}))`), checked when the
/// request is sent.
pub fn json_conversions(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = types(file)?;
    let from_json: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if shape::converts_from_json(i) => shape::type_name(&i.self_ty),
            _ => None,
        })
        .collect();
    let mut added: Vec<syn::Item> = Vec::new();
    for item in items.iter() {
        let (ident, attrs) = match item {
            syn::Item::Struct(s) => (&s.ident, &s.attrs),
            syn::Item::Enum(e) => (&e.ident, &e.attrs),
            _ => continue,
        };
        if from_json.contains(&ident.to_string()) || !shape::derives(attrs, "Deserialize") {
            continue;
        }
        added.push(syn::parse_quote! {
            impl ::std::convert::TryFrom<::serde_json::Value> for #ident {
                type Error = ::serde_json::Error;
                #[inline]
                fn try_from(value: ::serde_json::Value) -> ::std::result::Result<Self, ::serde_json::Error> {
                    ::serde_json::from_value(value)
                }
            }
        });
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}

/// A closed enum's `FromStr` error names the type and the values it takes
/// (typify's says "invalid value").
pub fn conversion_errors(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = types(file)?;
    let enums = super::typify::Types::read(items).unit_enums;
    let mut n = 0;
    for item in items.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        let Some(values) = shape::type_name(&i.self_ty)
            .filter(|_| shape::implements(i, "FromStr"))
            .and_then(|t| enums.get(&t).map(|v| (t, v)))
        else {
            continue;
        };
        let (ty, values) = values;
        let listed: Vec<String> = values.iter().map(|(_, wire)| format!("`{wire}`")).collect();
        let message = format!("invalid value for `{ty}`: expected one of {}", listed.join(", "));
        struct Message<'a>(&'a str, bool);
        impl VisitMut for Message<'_> {
            fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
                if lit.value() == "invalid value" {
                    *lit = syn::LitStr::new(self.0, lit.span());
                    self.1 = true;
                }
            }
        }
        let mut m = Message(&message, false);
        m.visit_item_impl_mut(i);
        n += usize::from(m.1);
    }
    Ok(n)
}
