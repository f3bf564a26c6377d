//! Code generation: progenitor on the normalised spec, then the glue
//! progenitor cannot produce, written as rewrites of its syntax tree:
//!
//! - every `send()` returns `crate::Error` and decodes through the crate's
//!   response layer (errors for every status, decode errors with a path);
//! - no `api-version` header, no `pre`/`post` hooks, no constructor with
//!   progenitor's 15 s total timeout;
//! - generated structs and enums are `#[non_exhaustive]`, text-or-parts
//!   enums convert from strings, optional fields' setters take the value;
//! - one open enum per string enum (`crate::open_enum!`), replacing typify's
//!   closed enums;
//! - binary responses are `crate::BinaryResponse`; every operation that can
//!   answer with an event stream gets `send_stream()` beside `send()`, typed
//!   with the event payload, and the payload type is tied to the JSON
//!   response (`crate::stream::Accumulate`) or to its base64 audio
//!   (`crate::audio::AudioChunk`);
//! - `UNSUPPORTED_OPERATIONS`, the operations this build leaves out.

mod open_enums;

use crate::normalize::{Notes, StreamOp};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::{self, VisitMut};

/// Generates the formatted client source.
pub fn generate(doc: serde_json::Value, notes: &Notes) -> Result<String, String> {
    let spec: openapiv3::OpenAPI =
        serde_json::from_value(doc).map_err(|e| format!("not an OpenAPI 3.0 document after normalisation: {e}"))?;
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_inner_type(quote!(crate::contract::Config))
        .with_hooks(progenitor::HooksMode::Expected);
    for name in notes.open_enums.keys() {
        let impls = [progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr];
        settings.with_replacement(name, format!("crate::types::{name}"), impls.into_iter());
    }
    // Integers in responses (`response_scalars`), decoded by `LenientIntegers`.
    let wide = schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::Integer.into()),
        format: Some(crate::normalize::WIDE_INTEGER.to_string()),
        ..Default::default()
    };
    let impls = [progenitor::TypeImpl::Default, progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr];
    settings.with_conversion(wide, "i128", impls.into_iter());
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator.generate_tokens(&spec).map_err(|e| format!("progenitor: {e}"))?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;

    let mut rewrite = Rewrite {
        streams: notes.streams.iter().map(|s| (s.operation_id.clone(), s)).collect(),
        effects: &notes.effects,
        generated: BTreeSet::new(),
        impls: BTreeMap::new(),
        error: None,
    };
    rewrite.visit_file_mut(&mut file);
    if let Some(e) = rewrite.error {
        return Err(e);
    }
    if let Some(missing) = notes.streams.iter().find(|s| !rewrite.generated.contains(&s.operation_id)) {
        return Err(format!("no builder found for the streaming operation `{}`", missing.operation_id));
    }
    for tokens in rewrite.impls.into_values() {
        file.items.push(syn::parse2(tokens).map_err(|e| format!("stream trait impl: {e}"))?);
    }
    let types = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut(),
            _ => None,
        })
        .ok_or("progenitor generated no `types` module")?;
    mark_non_exhaustive(&mut types.1);
    NullAsDefault.visit_items_mut(&mut types.1);
    for item in types.1.iter_mut() {
        LenientIntegers.visit_item_mut(item);
    }
    for item in types.1.iter_mut() {
        if let syn::Item::Mod(m) = item {
            if m.ident == "builder" {
                optional_setters(m);
            }
        }
    }
    let conversions = string_conversions(&types.1);
    types.1.extend(conversions);
    for (name, open) in &notes.open_enums {
        types.1.extend(open_enums::open_enum(name, open));
    }
    file.items.push(syn::parse2(unsupported(notes)).map_err(|e| e.to_string())?);
    file.items.push(syn::parse2(effects(notes)).map_err(|e| e.to_string())?);
    Ok(prettyplease::unparse(&file))
}

/// Generated structs with named fields and enums are `#[non_exhaustive]`: a
/// newer spec adds fields and variants, and users build values with the
/// generated builders, so adding them is not a breaking change. An untagged
/// union (`oneOf`) gains a last `Other(serde_json::Value)` variant, so a
/// response shape no spec lists still decodes.
fn mark_non_exhaustive(items: &mut [syn::Item]) {
    let mut widened = BTreeSet::new();
    for item in items.iter_mut() {
        match item {
            syn::Item::Struct(s) if matches!(s.fields, syn::Fields::Named(_)) => {
                s.attrs.push(syn::parse_quote!(#[non_exhaustive]))
            }
            syn::Item::Enum(e) => {
                e.attrs.push(syn::parse_quote!(#[non_exhaustive]));
                let untagged = e.attrs.iter().any(|a| compact(a) == "#[serde(untagged)]");
                if untagged && !e.variants.iter().any(|v| v.ident == "Other") {
                    e.variants.push(syn::parse_quote! {
                        /// A shape this version of the spec does not describe, kept as JSON.
                        Other(::serde_json::Value)
                    });
                    widened.insert(e.ident.to_string());
                }
            }
            _ => {}
        }
    }
    // typify's `Display` for such unions matches every variant.
    struct DisplayOther;
    impl VisitMut for DisplayOther {
        fn visit_expr_match_mut(&mut self, m: &mut syn::ExprMatch) {
            m.arms.push(syn::parse_quote!(Self::Other(x) => x.fmt(f),));
        }
    }
    for item in items {
        if let syn::Item::Impl(i) = item {
            let ty = &i.self_ty;
            if implements(i, "Display") && widened.contains(&quote!(#ty).to_string()) {
                DisplayOther.visit_item_impl_mut(i);
            }
        }
    }
}

/// Optional list and map fields (`#[serde(default)]`, not `Option`) read an
/// explicit `null` as empty: servers send `"tool_calls": null` where the spec
/// only allows a list or nothing, and one such field would fail a whole chunk.
struct NullAsDefault;

impl NullAsDefault {
    fn visit_items_mut(&mut self, items: &mut [syn::Item]) {
        for item in items {
            if let syn::Item::Struct(s) = item {
                self.visit_item_struct_mut(s);
            }
        }
    }
}

impl VisitMut for NullAsDefault {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        if first_type_argument(&field.ty, "Option").is_some() {
            return;
        }
        for attr in field.attrs.iter_mut().filter(|a| a.path().is_ident("serde")) {
            let syn::Meta::List(list) = &mut attr.meta else { continue };
            let args = compact(&list.tokens);
            if args.split(',').any(|a| a == "default") && !args.contains("deserialize_with") {
                list.tokens.extend(quote!(, deserialize_with = "crate::contract::null_as_default"));
            }
        }
    }
}

/// Fields holding `i128` (response integers), alone or in `Option`, `Vec`
/// and maps, decode through `crate::response::lenient_integer`, which also
/// takes integers the JSON reader holds as floats (beyond `u64` inside
/// unions and folded streams, or written `1e19`). It replaces typify's own
/// `deserialize_with`, keeping its meaning: required stays required, and an
/// optional list's `null` reads as empty.
struct LenientIntegers;

const LENIENT_INTEGER: &str = "crate::contract::lenient_integer";

impl LenientIntegers {
    /// `i128` inside the wrappers the lenient decoder knows.
    fn holds(ty: &syn::Type) -> bool {
        let syn::Type::Path(p) = ty else { return false };
        let Some(last) = p.path.segments.last() else { return false };
        if last.ident == "i128" {
            return last.arguments.is_none();
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return false };
        let types: Vec<&syn::Type> = args
            .args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect();
        match (last.ident.to_string().as_str(), types.as_slice()) {
            ("Option" | "Vec", [inner]) => Self::holds(inner),
            ("HashMap", [_, value]) => Self::holds(value),
            _ => false,
        }
    }
}

impl VisitMut for LenientIntegers {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        if !Self::holds(&field.ty) {
            return;
        }
        let mut args: Vec<syn::Meta> = Vec::new();
        field.attrs.retain(|attr| {
            let parsed = attr.path().is_ident("serde").then(|| {
                attr.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
            });
            match parsed {
                Some(Ok(list)) => {
                    args.extend(list);
                    false
                }
                _ => true,
            }
        });
        // serde lets a plain `Option` field be missing; with a
        // `deserialize_with` it must be told. A required nullable field
        // (typify's `Option::deserialize`) stays required.
        let had_with = args.iter().any(|m| m.path().is_ident("deserialize_with"));
        let optional = first_type_argument(&field.ty, "Option").is_some() && !had_with;
        if optional && !args.iter().any(|m| m.path().is_ident("default")) {
            args.insert(0, syn::parse_quote!(default));
        }
        args.retain(|m| !m.path().is_ident("deserialize_with"));
        args.push(syn::parse_quote!(deserialize_with = #LENIENT_INTEGER));
        field.attrs.push(syn::parse_quote!(#[serde(#(#args),*)]));
    }
}

/// Setters of optional fields in typify's builders take the value itself
/// (`.suffix("x")`, `.context_length_exceeded_behavior("truncate")`), not an
/// `Option` of it: an unset field is simply never set. Fields that are
/// required but nullable keep their `Option` setter.
fn optional_setters(builders: &mut syn::ItemMod) {
    let Some((_, items)) = builders.content.as_mut() else { return };
    // Optional fields start as `Ok(Default::default())` in the builder's `Default`.
    let mut optional = BTreeSet::new();
    for item in items.iter() {
        let syn::Item::Impl(i) = item else { continue };
        if !implements(i, "Default") {
            continue;
        }
        let ty = &i.self_ty;
        let ty = quote!(#ty).to_string();
        struct Fields<'a>(&'a str, &'a mut BTreeSet<(String, String)>);
        impl<'ast> syn::visit::Visit<'ast> for Fields<'_> {
            fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
                let expr = &fv.expr;
                if compact(expr) == "Ok(Default::default())" {
                    let member = &fv.member;
                    self.1.insert((self.0.to_string(), quote!(#member).to_string()));
                }
            }
        }
        syn::visit::Visit::visit_item_impl(&mut Fields(&ty, &mut optional), i);
    }
    for item in items.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        if i.trait_.is_some() {
            continue;
        }
        let ty = &i.self_ty;
        let ty = quote!(#ty).to_string();
        for member in i.items.iter_mut() {
            if let syn::ImplItem::Fn(f) = member {
                if optional.contains(&(ty.clone(), f.sig.ident.to_string())) {
                    take_the_value(f);
                }
            }
        }
    }
}

/// `fn x<T: TryInto<Option<X>>>(value: T)` becomes `fn x<T: TryInto<X>>`
/// storing `Some(value)`.
fn take_the_value(f: &mut syn::ImplItemFn) {
    let Some(clause) = f.sig.generics.where_clause.as_mut() else { return };
    let mut changed = false;
    for predicate in clause.predicates.iter_mut() {
        let syn::WherePredicate::Type(p) = predicate else { continue };
        for bound in p.bounds.iter_mut() {
            let syn::TypeParamBound::Trait(t) = bound else { continue };
            let Some(last) = t.path.segments.last_mut() else { continue };
            if last.ident != "TryInto" {
                continue;
            }
            let syn::PathArguments::AngleBracketed(args) = &mut last.arguments else { continue };
            let Some(syn::GenericArgument::Type(target)) = args.args.first_mut() else { continue };
            if let Some(inner) = first_type_argument(target, "Option") {
                *target = inner;
                changed = true;
            }
        }
    }
    struct WrapSome;
    impl VisitMut for WrapSome {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            if compact(&*e) == "value.try_into()" {
                *e = syn::parse_quote!(value.try_into().map(::std::option::Option::Some));
                return;
            }
            visit_mut::visit_expr_mut(self, e);
        }
    }
    if changed {
        WrapSome.visit_block_mut(&mut f.block);
    }
}

/// `From<&str>` and `From<String>` for typify's untagged enums with a
/// `String(String)` variant (message content that is text or parts), so
/// `.content("hello")` works.
fn string_conversions(items: &[syn::Item]) -> Vec<syn::Item> {
    let has_from_string: BTreeSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if compact(i).starts_with("impl::std::convert::From<::std::string::String>") => {
                let ty = &i.self_ty;
                Some(quote!(#ty).to_string())
            }
            _ => None,
        })
        .collect();
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(e) if !has_from_string.contains(&e.ident.to_string()) => {
                let string = e.variants.iter().find(|v| {
                    let fields = &v.fields;
                    v.ident == "String" && compact(fields) == "(::std::string::String)"
                })?;
                let (ty, variant) = (&e.ident, &string.ident);
                Some(quote! {
                    impl ::std::convert::From<::std::string::String> for #ty {
                        fn from(value: ::std::string::String) -> Self { Self::#variant(value) }
                    }
                    impl ::std::convert::From<&str> for #ty {
                        fn from(value: &str) -> Self { Self::#variant(value.to_owned()) }
                    }
                })
            }
            _ => None,
        })
        .flat_map(|tokens| syn::parse2::<syn::File>(tokens).expect("valid impls").items)
        .collect()
}

fn unsupported(notes: &Notes) -> TokenStream {
    let entries = notes.unsupported.iter().map(|u| {
        let (id, method, path, reason) = (&u.operation_id, &u.method, &u.path, &u.reason);
        quote! {
            crate::contract::UnsupportedOperation { operation_id: #id, method: #method, path: #path, reason: #reason }
        }
    });
    quote! {
        /// Operations of the spec this build does not generate, each with the
        /// construct that stops it. Each one is also a build warning.
        pub const UNSUPPORTED_OPERATIONS: &[crate::contract::UnsupportedOperation] = &[#(#entries),*];
    }
}

fn effects(notes: &Notes) -> TokenStream {
    let entries = notes.effects.iter().map(|(id, effect)| {
        let effect = format_ident!("{}", effect.name());
        quote!((#id, crate::contract::Effect::#effect))
    });
    quote! {
        /// Every generated operation and what it does on the server, which
        /// decides how it is retried ([`crate::Effect`]).
        pub const OPERATION_EFFECTS: &[(&str, crate::contract::Effect)] = &[#(#entries),*];
    }
}

struct Rewrite<'a> {
    streams: BTreeMap<String, &'a StreamOp>,
    effects: &'a BTreeMap<String, crate::normalize::Effect>,
    /// Streaming operations whose `send_stream()` was written.
    generated: BTreeSet<String>,
    /// Trait impls for payload types, one per type.
    impls: BTreeMap<String, TokenStream>,
    error: Option<String>,
}

impl Rewrite<'_> {
    /// What the operation does on the server (`retry_effects`); unknown means the strictest.
    fn effect(&self, operation_id: &str) -> &'static str {
        self.effects.get(operation_id).copied().unwrap_or(crate::normalize::Effect::Mutation).name()
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        // The generated `Client::new` builds a reqwest client with a 15 s
        // total timeout; the crate's builder replaces it.
        item.items.retain(|i| {
            !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"
            && f.sig.inputs.len() == 2 && quote!(#f).to_string().contains("from_secs"))
        });
        visit_mut::visit_item_impl_mut(self, item);
        if item.trait_.is_some() {
            return;
        }
        let send = item.items.iter().position(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "send"));
        let Some(at) = send else { return };
        let json_body = item.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "send" && compact(f).contains("crate::contract::json_body(")));
        match option_methods(item, json_body) {
            Ok(methods) => item.items.extend(methods),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        let syn::ImplItem::Fn(send) = &mut item.items[at] else { unreachable!() };
        let Some(stream) = operation_id(send).and_then(|id| self.streams.get(&id).copied()) else { return };
        match stream_method(send, stream, self.effect(&stream.operation_id)) {
            Ok((method, impls)) => {
                self.generated.insert(stream.operation_id.clone());
                self.impls.extend(impls);
                if stream.only {
                    item.items[at] = syn::ImplItem::Fn(method);
                } else {
                    if stream.stream_flag {
                        set_stream(send, false);
                    }
                    item.items.insert(at + 1, syn::ImplItem::Fn(method));
                }
            }
            Err(e) => {
                self.error.get_or_insert(format!("{}: {e}", stream.operation_id));
            }
        }
    }

    fn visit_impl_item_fn_mut(&mut self, f: &mut syn::ImplItemFn) {
        if f.sig.ident == "send" && f.sig.asyncness.is_some() {
            let id = operation_id(f).unwrap_or_default();
            let effect = self.effect(&id);
            if let Err(e) = rewrite_send(f, effect) {
                self.error.get_or_insert(format!("{id}: {e}"));
            }
        }
        if f.sig.ident == "new" && compact(&f.sig.inputs).contains("client:&'asuper::Client") {
            // The builder's constructor starts with no per-request options.
            if let Some(syn::Stmt::Expr(syn::Expr::Struct(literal), None)) = f.block.stmts.last_mut() {
                literal.fields.push(syn::parse_quote!(options: ::std::default::Default::default()));
            }
        }
        visit_mut::visit_impl_item_fn_mut(self, f);
    }

    fn visit_item_struct_mut(&mut self, s: &mut syn::ItemStruct) {
        let syn::Fields::Named(fields) = &mut s.fields else { return };
        if fields
            .named
            .iter()
            .any(|f| f.ident.as_ref().is_some_and(|i| i == "client") && compact(&f.ty) == "&'asuper::Client")
        {
            fields.named.push(syn::parse_quote!(options: crate::contract::RequestOptions));
        }
    }
}

/// The `operation_id` a builder's `send()` reports.
fn operation_id(send: &syn::ImplItemFn) -> Option<String> {
    struct Find(Option<String>);
    impl<'ast> syn::visit::Visit<'ast> for Find {
        fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
            let member = &fv.member;
            if let (true, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) =
                (compact(member) == "operation_id", &fv.expr)
            {
                self.0 = Some(s.value());
            }
        }
    }
    let mut find = Find(None);
    syn::visit::Visit::visit_impl_item_fn(&mut find, send);
    find.0
}

/// `send_stream()`, derived from an operation's rewritten `send()`: it asks
/// for `text/event-stream` (and sets `stream: true` when the body has that
/// field) and returns a `crate::EventStream` of the event payload. Also the
/// trait impls that tie the payload to the JSON response or to its audio.
fn stream_method(
    send: &syn::ImplItemFn,
    stream: &StreamOp,
    effect: &str,
) -> Result<(syn::ImplItemFn, Vec<(String, TokenStream)>), String> {
    let chunk: syn::Type = match &stream.data_schema {
        Some(name) => {
            let ident = format_ident!("{}", name);
            syn::parse_quote!(types::#ident)
        }
        None => syn::parse_quote!(::serde_json::Value),
    };
    let mut f = send.clone();
    f.sig.ident = format_ident!("send_stream");
    f.attrs.retain(|a| !a.path().is_ident("doc"));
    let what = match (&stream.data_schema, &stream.audio_field) {
        (Some(name), None) => format!("[`types::{name}`]"),
        (Some(name), Some(_)) => format!("[`types::{name}`] (its audio: [`crate::EventStream::into_audio`])"),
        (None, _) => "JSON value".to_string(),
    };
    let doc = format!(
        "Sends the request{} and yields each event as a {what}, as it arrives; the stream \
         ends after the server's `[DONE]`. See [`crate::EventStream`] for errors and timeouts.",
        if stream.stream_flag { " with `stream: true`" } else { "" }
    );
    f.attrs.push(syn::parse_quote!(#[doc = #doc]));
    f.sig.output =
        syn::parse_quote!(-> ::std::result::Result<crate::contract::EventStream<#chunk>, crate::contract::Error>);

    struct Accept(bool);
    impl VisitMut for Accept {
        fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
            if matches!(lit.value().as_str(), "application/json" | "application/octet-stream") {
                *lit = syn::LitStr::new("text/event-stream", lit.span());
                self.0 = true;
            }
        }
    }
    let mut accept = Accept(false);
    accept.visit_block_mut(&mut f.block);
    if !accept.0 {
        // Binary and empty responses are requested without an Accept header.
        struct AddAccept;
        impl VisitMut for AddAccept {
            fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
                visit_mut::visit_expr_method_call_mut(self, call);
                if call.method == "build" && call.args.is_empty() {
                    let receiver = &call.receiver;
                    *call.receiver = syn::parse_quote! {
                        #receiver.header(
                            ::reqwest::header::ACCEPT,
                            ::reqwest::header::HeaderValue::from_static("text/event-stream"),
                        )
                    };
                }
            }
        }
        AddAccept.visit_block_mut(&mut f.block);
    }
    if stream.stream_flag {
        set_stream(&mut f, true);
    }
    // The last statement, the call, opens the stream instead.
    let effect = format_ident!("{}", effect);
    f.block.stmts.pop().ok_or("send() has no transport call")?;
    f.block.stmts.push(syn::parse_quote!(return crate::contract::send_stream(client, request, &info, &options, crate::contract::Effect::#effect).await;));

    let mut impls = Vec::new();
    let key = compact(&chunk);
    if stream.data_schema.is_some() {
        let response = match &send.sig.output {
            syn::ReturnType::Type(_, ty) => first_type_argument(ty, "Result"),
            _ => None,
        };
        let response = response.and_then(|r| first_type_argument(&r, "Response"));
        if let Some(response) = response.filter(|r| compact(r).starts_with("types::")) {
            let message = stream.response_message;
            let object = match &stream.response_object {
                Some(value) => quote!(::std::option::Option::Some(#value)),
                None => quote!(::std::option::Option::None),
            };
            impls.push((
                format!("{key} Accumulate"),
                quote! {
                    impl crate::contract::Accumulate for #chunk {
                        type Response = #response;
                        const OBJECT: ::std::option::Option<&'static str> = #object;
                        const MESSAGE: bool = #message;
                    }
                },
            ));
        }
        if let Some(field) = &stream.audio_field {
            let field = format_ident!("{}", field);
            impls.push((
                format!("{key} AudioChunk"),
                quote! {
                    impl crate::contract::AudioChunk for #chunk {
                        fn audio_base64(&self) -> &str { &self.#field }
                    }
                },
            ));
        }
    }
    Ok((f, impls))
}

/// Tokens as text without spaces, for comparing against known shapes.
fn compact(tokens: &impl quote::ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

/// Whether `item` implements the trait whose last path segment is `name`.
fn implements(item: &syn::ItemImpl, name: &str) -> bool {
    item.trait_.as_ref().is_some_and(|(p, _)| p.segments.last().is_some_and(|s| s.ident == name))
}

fn mentions(stmt: &syn::Stmt, needle: &str) -> bool {
    compact(stmt).contains(needle)
}

/// Rewrites one builder's `send()`:
/// `Result<ResponseValue<T>, progenitor::Error<E>>` becomes
/// `Result<ResponseValue<T>, crate::Error>`; the status match becomes a call
/// into `crate::response`, which turns every non-2xx into `crate::Error`.
fn rewrite_send(f: &mut syn::ImplItemFn, effect: &str) -> Result<(), String> {
    let syn::ReturnType::Type(_, ty) = &f.sig.output else {
        return Err("send() without a return type".into());
    };
    let ok =
        first_type_argument(ty, "Result").ok_or_else(|| format!("unexpected send() return type `{}`", quote!(#ty)))?;
    let value = first_type_argument(&ok, "ResponseValue").ok_or("send() does not return a ResponseValue")?;
    f.sig.output =
        syn::parse_quote!(-> ::std::result::Result<crate::contract::Response<#value>, crate::contract::Error>);
    let effect = format_ident!("{}", effect);
    let effect = quote!(crate::contract::Effect::#effect);

    let stmts = std::mem::take(&mut f.block.stmts);
    let mut out = Vec::with_capacity(stmts.len());
    for mut stmt in stmts {
        if mentions(&stmt, "\"api-version\"")
            || mentions(&stmt, "client.pre(&mutrequest")
            || mentions(&stmt, "client.post(&result")
            || mentions(&stmt, "client.exec(request,&info)")
            || compact(&stmt) == "letresponse=result?;"
        {
            continue;
        }
        if let syn::Stmt::Local(syn::Local { pat: syn::Pat::Struct(pattern), .. }) = &mut stmt {
            // `let Self { client, body } = self;` takes the options too.
            let syn::Pat::Struct(with) = syn::parse_quote!(Self { options }) else { unreachable!() };
            pattern.fields.extend(with.fields);
        }
        if let syn::Stmt::Expr(syn::Expr::Match(m), None) = &stmt {
            let arm = m.arms.iter().find(|a| compact(a).starts_with('2')).ok_or("send() without a 2xx arm")?;
            let body = &arm.body;
            let body = compact(body);
            let body = body.trim_start_matches('{');
            let call: syn::Stmt = if body.starts_with("ResponseValue::from_response") {
                syn::parse_quote!(return crate::contract::send_json(client, request, &info, &options, #effect).await;)
            } else if body.contains("ResponseValue::stream") {
                f.sig.output = syn::parse_quote!(-> ::std::result::Result<crate::contract::BinaryResponse, crate::contract::Error>);
                syn::parse_quote!(return crate::contract::send_binary(client, request, &info, &options, #effect).await;)
            } else if body.contains("ResponseValue::empty") {
                syn::parse_quote!(return crate::contract::send_empty(client, request, &info, &options, #effect).await;)
            } else {
                return Err(format!("unexpected send() success arm `{body}`"));
            };
            out.push(call);
            continue;
        }
        out.push(stmt);
    }
    f.block.stmts = out;
    json_body(f);
    Ok(())
}

/// Sends the body through `crate::contract::json_body` (`.json(&body)`
/// becomes `.header(CONTENT_TYPE, json).body(json_body(&body, &options)?)`).
fn json_body(f: &mut syn::ImplItemFn) {
    struct Body;
    impl VisitMut for Body {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            visit_mut::visit_expr_mut(self, e);
            let syn::Expr::MethodCall(call) = e else { return };
            if call.method == "json" && call.args.len() == 1 && compact(&call.args[0]) == "&body" {
                let receiver = &call.receiver;
                *e = syn::parse_quote! {
                    #receiver
                        .header(
                            ::reqwest::header::CONTENT_TYPE,
                            ::reqwest::header::HeaderValue::from_static("application/json"),
                        )
                        .body(crate::contract::json_body(&body, &options)?)
                };
            }
        }
    }
    Body.visit_block_mut(&mut f.block);
}

/// Sets the body's `stream` field (`true` for `send_stream()`, cleared for
/// `send()`) right after the body is built.
fn set_stream(f: &mut syn::ImplItemFn, on: bool) {
    let at = f.block.stmts.iter().position(|s| matches!(s, syn::Stmt::Local(l) if compact(&l.pat) == "body"));
    let Some(at) = at else { return };
    if let syn::Stmt::Local(l) = &mut f.block.stmts[at] {
        l.pat = syn::parse_quote!(mut body);
    }
    f.block.stmts.insert(at + 1, syn::parse_quote!(crate::contract::stream_flag(&mut body.stream, #on);));
}

/// What every builder offers beside its parameters: per-request headers,
/// retries and (with a JSON body) extra fields. Refused if the spec already
/// gave the builder a method of the same name.
fn option_methods(item: &syn::ItemImpl, json_body: bool) -> Result<Vec<syn::ImplItem>, String> {
    let mut methods: Vec<syn::ImplItem> = vec![
        syn::parse_quote! {
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
        },
        syn::parse_quote! {
            /// Retries for this request only (0 disables them), within the client's policy.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }
        },
        syn::parse_quote! {
            /// The retry policy for this request only.
            pub fn retry_policy(mut self, policy: crate::contract::RetryPolicy) -> Self {
                self.options.retry = Some(policy);
                self
            }
        },
    ];
    if json_body {
        methods.push(syn::parse_quote! {
            /// Adds a field to the JSON body, for parameters the spec does not
            /// know yet; it replaces a field of the same name.
            pub fn extra_field(mut self, name: impl Into<String>, value: impl Into<::serde_json::Value>) -> Self {
                self.options.extra_field(name, value);
                self
            }
        });
    }
    for method in &methods {
        let syn::ImplItem::Fn(m) = method else { unreachable!() };
        let taken = item.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == m.sig.ident));
        if taken {
            let ty = &item.self_ty;
            return Err(format!("the builder {} already has a method `{}`", quote!(#ty), m.sig.ident));
        }
    }
    Ok(methods)
}

/// `T` from `Wrapper<T, ...>` when the type's last path segment is `wrapper`.
fn first_type_argument(ty: &syn::Type, wrapper: &str) -> Option<syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last().filter(|s| s.ident == wrapper)?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}
