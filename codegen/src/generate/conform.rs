//! The `conform` table (behind the crate's `conform` feature): every
//! generated operation, callable with its request as JSON through the same
//! typed builder a user calls. `cargo xtask conform` drives it against
//! Prism; `togetherai::conform` builds the requests from the spec.
//!
//! Per operation, one function decodes each parameter the request holds
//! into the type its builder setter takes (the `X` of `V: TryInto<X>`), and
//! the body into the setter's body type, calls the setter, then `send()`
//! (or `send_stream()` where the stream is the only answer), and hands the
//! typed answer to `crate::contract::conform_answer`, which re-encodes it.

use super::context::Context;
use super::{module_mut, shape};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

/// Adds `pub mod conform { pub static OPERATIONS: ... }`; one site per operation.
pub fn conform_table(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let methods = client_methods(file);
    let fields = builder_fields(file)?;
    let mut entries = Vec::new();
    let mut functions = Vec::new();
    // Every builder's impl: with a `send()`, or a `send_stream()` alone.
    let impls = module_mut(&mut file.items, "builder")?.iter().filter_map(|item| match item {
        syn::Item::Impl(i) => Some(i),
        _ => None,
    });
    for item in impls {
        let Some(builder) = shape::type_name(&item.self_ty) else { continue };
        let Some(id) = item.items.iter().find_map(|m| match m {
            syn::ImplItem::Fn(f) if shape::is_send(f) || f.sig.ident == "send_stream" => shape::operation_id(f),
            _ => None,
        }) else {
            continue;
        };
        let op = cx.operation(&id).ok_or_else(|| format!("`{builder}` sends `{id}`, an operation the spec lacks"))?;
        let method = methods.get(&builder).ok_or_else(|| format!("no `Client` method returns `builder::{builder}`"))?;
        let own = fields.get(&builder).map(Vec::as_slice).unwrap_or_default();
        let mut setters = Vec::new();
        for f in item.items.iter().filter_map(|m| match m {
            syn::ImplItem::Fn(f) => Some(f),
            _ => None,
        }) {
            let name = f.sig.ident.to_string();
            if !own.contains(&name) {
                continue;
            }
            let Some(target) = shape::setter_target(&mut f.clone()).cloned() else { continue };
            let setter = &f.sig.ident;
            if name == "body" {
                setters.push(quote! {
                    if let Some(value) = request.body::<#target>()? { builder = builder.#setter(value); }
                });
                continue;
            }
            let spec_name = op.parameters.iter().find(|p| same_name(p, &name)).ok_or_else(|| {
                format!("`{id}`: builder setter `{name}` matches none of its parameters {:?}", op.parameters)
            })?;
            setters.push(quote! {
                if let Some(value) = request.parameter::<#target>(#spec_name)? { builder = builder.#setter(value); }
            });
        }
        let has_send = item.items.iter().any(|m| matches!(m, syn::ImplItem::Fn(f) if shape::is_send(f)));
        let send = if has_send { format_ident!("send") } else { format_ident!("send_stream") };
        let function = format_ident!("{}", method);
        functions.push(quote! {
            fn #function<'a>(
                client: &'a super::Client,
                request: &'a crate::contract::ConformRequest,
            ) -> crate::contract::ConformCall<'a> {
                Box::pin(async move {
                    #[allow(unused_mut)]
                    let mut builder = client.#function();
                    #(#setters)*
                    crate::contract::conform_answer(builder.#send().await).await
                })
            }
        });
        entries.push(quote! {
            crate::contract::ConformOperation { id: #id, call: #function }
        });
    }
    let n = entries.len();
    let module: syn::Item = syn::parse_quote! {
        /// Every generated operation, callable with its request as JSON
        /// through its typed builder: what `cargo xtask conform` calls
        /// (feature `conform`, see `togetherai::conform`).
        #[cfg(feature = "conform")]
        #[allow(unused_variables)]
        pub mod conform {
            use super::types;
            /// One entry per generated operation, in the spec's order.
            pub static OPERATIONS: &[crate::contract::ConformOperation] = &[#(#entries),*];
            #(#functions)*
        }
    };
    file.items.push(module);
    Ok(n)
}

/// A parameter's name in the spec and a setter's identifier name the same
/// thing when they agree on letters and digits, case aside (`page-size`
/// and `page_size`, `type` and `type_`).
fn same_name(spec_name: &str, ident: &str) -> bool {
    let letters =
        |s: &str| s.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect::<String>();
    letters(spec_name) == letters(ident)
}

/// Each builder's name, by the `Client` method that makes it
/// (`fn chat_completions(&self) -> builder::ChatCompletions<'_>`).
fn client_methods(file: &syn::File) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Impl(i) = item else { continue };
        if !shape::is_inherent_impl_of(i, "Client") {
            continue;
        }
        for m in &i.items {
            let syn::ImplItem::Fn(f) = m else { continue };
            let syn::ReturnType::Type(_, ty) = &f.sig.output else { continue };
            let syn::Type::Path(p) = &**ty else { continue };
            if p.path.segments.len() == 2 && p.path.segments[0].ident == "builder" {
                out.insert(p.path.segments[1].ident.to_string(), f.sig.ident.to_string());
            }
        }
    }
    out
}

/// Each operation builder's fields that hold what the request sets: all
/// but the client and the per-request options.
fn builder_fields(file: &mut syn::File) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut out = BTreeMap::new();
    for item in module_mut(&mut file.items, "builder")?.iter() {
        let syn::Item::Struct(s) = item else { continue };
        if !shape::is_operation_builder(s) {
            continue;
        }
        let names = s
            .fields
            .iter()
            .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
            .filter(|n| n != "client" && n != "options")
            .collect();
        out.insert(s.ident.to_string(), names);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_names_match_setters_by_letters() {
        assert!(same_name("page-size", "page_size"));
        assert!(same_name("type", "type_"));
        assert!(same_name("modelName", "model_name"));
        assert!(!same_name("model", "models"));
    }
}
