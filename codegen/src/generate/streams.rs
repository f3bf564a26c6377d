//! Passes for event-stream operations (recorded by normalisation's
//! `event_streams`): `send_stream()` beside `send()` (or instead of it, when
//! the stream is the only answer), typed with the event payload, and the
//! payload tied to the JSON response (`Accumulate`) or to its base64 audio
//! (`AudioChunk`).

use super::context::Context;
use super::{builder_impls, send_index, send_of, shape};
use crate::normalize::StreamOp;
use quote::{format_ident, quote};
use std::collections::BTreeMap;
use syn::visit_mut::VisitMut;

/// Derives `send_stream()` from each streaming operation's rewritten
/// `send()`: it asks for `text/event-stream`, sets the body's `stream`
/// field when it has one (and `send()` clears it), and returns a
/// `crate::EventStream` of the payload.
pub fn stream_methods(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let streams: BTreeMap<&str, &StreamOp> = cx.notes.streams.iter().map(|s| (s.operation_id.as_str(), s)).collect();
    let mut done = 0;
    for item in builder_impls(file)? {
        let Some(at) = send_index(item) else { continue };
        let syn::ImplItem::Fn(send) = &mut item.items[at] else { continue };
        let Some(stream) = shape::operation_id(send).and_then(|id| streams.get(id.as_str()).copied()) else {
            continue;
        };
        let id = &stream.operation_id;
        let method = stream_method(send, stream, &super::tables::effect(cx, id)).map_err(|e| format!("{id}: {e}"))?;
        if stream.only {
            item.items[at] = syn::ImplItem::Fn(method);
        } else {
            if stream.stream_flag {
                set_stream(send, false).map_err(|e| format!("{id}: {e}"))?;
            }
            item.items.insert(at + 1, syn::ImplItem::Fn(method));
        }
        done += 1;
    }
    Ok(done)
}

/// The payload type of a stream's events.
fn chunk_type(stream: &StreamOp) -> syn::Type {
    match &stream.data_schema {
        Some(name) => {
            let ident = format_ident!("{}", name);
            syn::parse_quote!(types::#ident)
        }
        None => syn::parse_quote!(::serde_json::Value),
    }
}

fn stream_method(send: &syn::ImplItemFn, stream: &StreamOp, effect: &syn::Ident) -> Result<syn::ImplItemFn, String> {
    let chunk = chunk_type(stream);
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
    accept_event_stream(&mut f)?;
    if stream.stream_flag {
        set_stream(&mut f, true)?;
    }
    // The last statement, the contract call, opens the stream instead.
    let request = match f.block.stmts.pop() {
        Some(last @ syn::Stmt::Expr(syn::Expr::Return(_), _)) => shape::contract_call_request(&last),
        _ => None,
    };
    let request = request.ok_or("send() does not end in the contract call")?;
    f.block.stmts.push(syn::parse_quote! {
        return crate::contract::send_stream(client, #request, &info, &options, crate::contract::Effect::#effect).await;
    });
    Ok(f)
}

/// The request's `Accept` becomes `text/event-stream`; binary and empty
/// answers have none, so one is added before `.build()`.
fn accept_event_stream(f: &mut syn::ImplItemFn) -> Result<(), String> {
    struct Accept(usize, bool);
    impl VisitMut for Accept {
        fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
            syn::visit_mut::visit_expr_method_call_mut(self, call);
            if shape::is_accept_header_call(call) && call.args.len() == 2 {
                call.args[1] = syn::parse_quote!(::reqwest::header::HeaderValue::from_static("text/event-stream"));
                self.0 += 1;
            } else if self.1 && shape::is_build_call(call) {
                let receiver = &call.receiver;
                *call.receiver = syn::parse_quote! {
                    #receiver.header(
                        ::reqwest::header::ACCEPT,
                        ::reqwest::header::HeaderValue::from_static("text/event-stream"),
                    )
                };
                self.0 += 1;
            }
        }
    }
    let mut replace = Accept(0, false);
    replace.visit_block_mut(&mut f.block);
    if replace.0 == 0 {
        let mut add = Accept(0, true);
        add.visit_block_mut(&mut f.block);
        replace.0 = add.0;
    }
    match replace.0 {
        1 => Ok(()),
        n => Err(format!("{n} places to set `Accept`, where one was expected")),
    }
}

/// Sets the body's `stream` field right after the body is built:
/// `let mut body = ...; crate::contract::stream_flag(&mut body.stream, on);`.
fn set_stream(f: &mut syn::ImplItemFn, on: bool) -> Result<(), String> {
    let at = f.block.stmts.iter().position(|s| shape::binds(s, "body")).ok_or("send() builds no `body`")?;
    if let syn::Stmt::Local(syn::Local { pat: syn::Pat::Ident(p), .. }) = &mut f.block.stmts[at] {
        p.mutability = Some(Default::default());
    }
    f.block.stmts.insert(at + 1, syn::parse_quote!(crate::contract::stream_flag(&mut body.stream, #on);));
    Ok(())
}

/// Whether the stream's operation also answers JSON, which the stream folds into.
fn folds(cx: &Context, stream: &StreamOp) -> bool {
    !stream.only && cx.operation(&stream.operation_id).is_some_and(|o| o.answer == Some(super::shape::Answer::Json))
}

/// One impl per payload type and trait: `Accumulate` for a payload whose
/// operation also answers JSON, `AudioChunk` for one carrying audio.
pub fn trait_impls_expected(cx: &Context) -> usize {
    let mut keys = std::collections::BTreeSet::new();
    for s in &cx.notes.streams {
        if let Some(name) = &s.data_schema {
            if folds(cx, s) {
                keys.insert((name, "Accumulate"));
            }
            if s.audio_field.is_some() {
                keys.insert((name, "AudioChunk"));
            }
        }
    }
    keys.len()
}

/// Writes the impls [`trait_impls_expected`] counts.
pub fn stream_traits(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    // The JSON response type of each operation, from its `send()`.
    let mut responses = BTreeMap::new();
    for item in builder_impls(file)? {
        let Some(send) = send_of(item) else { continue };
        let syn::ReturnType::Type(_, ty) = &send.sig.output else { continue };
        let response = shape::first_type_argument(ty, "Result").and_then(|r| shape::first_type_argument(r, "Response"));
        if let (Some(id), Some(response)) = (shape::operation_id(send), response) {
            responses.insert(id, response.clone());
        }
    }
    let mut impls: BTreeMap<(String, &str), syn::Item> = BTreeMap::new();
    for stream in &cx.notes.streams {
        let Some(name) = &stream.data_schema else { continue };
        let chunk = chunk_type(stream);
        if folds(cx, stream) {
            let response = responses
                .get(&stream.operation_id)
                .ok_or_else(|| format!("{}: no JSON `send()` to fold the stream into", stream.operation_id))?;
            let message = stream.response_message;
            let object = match &stream.response_object {
                Some(value) => quote!(::std::option::Option::Some(#value)),
                None => quote!(::std::option::Option::None),
            };
            impls.entry((name.clone(), "Accumulate")).or_insert(syn::parse_quote! {
                impl crate::contract::Accumulate for #chunk {
                    type Response = #response;
                    const OBJECT: ::std::option::Option<&'static str> = #object;
                    const MESSAGE: bool = #message;
                }
            });
        }
        if let Some(field) = &stream.audio_field {
            let field = format_ident!("{}", field);
            impls.entry((name.clone(), "AudioChunk")).or_insert(syn::parse_quote! {
                impl crate::contract::AudioChunk for #chunk {
                    fn audio_base64(&self) -> &str { &self.#field }
                }
            });
        }
    }
    let n = impls.len();
    file.items.extend(impls.into_values());
    Ok(n)
}
