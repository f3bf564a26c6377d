//! The tables generated beside the client: the operations this build
//! leaves out, and what each generated one does on the server.

use super::context::Context;
use crate::normalize::Effect;
use quote::{format_ident, quote};

/// The `crate::contract::Effect` variant of an operation (`retry_effects`);
/// an operation normalisation did not classify is the strictest, `Mutation`.
pub fn effect(cx: &Context, operation_id: &str) -> syn::Ident {
    format_ident!("{}", cx.notes.effects.get(operation_id).copied().unwrap_or(Effect::Mutation).name())
}

/// `UNSUPPORTED_OPERATIONS` and `OPERATION_EFFECTS`.
pub fn operation_tables(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let unsupported = cx.notes.unsupported.iter().map(|u| {
        let (id, method, path, reason) = (&u.operation_id, &u.method, &u.path, &u.reason);
        quote! {
            crate::contract::UnsupportedOperation { operation_id: #id, method: #method, path: #path, reason: #reason }
        }
    });
    let effects = cx.notes.effects.keys().map(|id| {
        let effect = effect(cx, id);
        quote!((#id, crate::contract::Effect::#effect))
    });
    let tables: syn::File = syn::parse_quote! {
        /// Operations of the spec this build does not generate, each with the
        /// construct that stops it. Each one is also a build warning.
        pub const UNSUPPORTED_OPERATIONS: &[crate::contract::UnsupportedOperation] = &[#(#unsupported),*];

        /// Every generated operation and what it does on the server, which
        /// decides how it is retried ([`crate::Effect`]).
        pub const OPERATION_EFFECTS: &[(&str, crate::contract::Effect)] = &[#(#effects),*];
    };
    let n = tables.items.len();
    file.items.extend(tables.items);
    Ok(n)
}
