//! Reading answers: `text()` on a response (or stream event) whose
//! `choices` hold text, the first choice's.

use super::context::Context;
use super::module_mut;
use super::setters::{innermost, Types};
use super::shape;

/// How a choice holds its text: `message.content`, `delta.content` or `text`.
fn text_path(types: &Types, choice: &str) -> Option<syn::Expr> {
    let fields = types.fields.get(choice)?;
    let field = |name: &str| fields.iter().find(|(n, ..)| n == name).map(|(_, t, _)| t);
    let text = |ty: &syn::Type| {
        let inner = shape::first_type_argument(ty, "Option").unwrap_or(ty);
        shape::type_name(inner).is_some_and(|n| n == "String")
    };
    let optional = |ty: &syn::Type| shape::first_type_argument(ty, "Option").is_some();
    for holder in ["message", "delta"] {
        let Some(ty) = field(holder) else { continue };
        let inner = innermost(ty);
        let Some(content) = types.fields.get(&inner).and_then(|f| f.iter().find(|(n, ..)| n == "content")) else {
            continue;
        };
        if !text(&content.1) || shape::first_type_argument(ty, "Vec").is_some() {
            continue;
        }
        let h = quote::format_ident!("{holder}");
        let holder: syn::Expr = match optional(ty) {
            true => syn::parse_quote!(choice.#h.as_ref()?),
            false => syn::parse_quote!(choice.#h),
        };
        return Some(match optional(&content.1) {
            true => syn::parse_quote!(#holder.content.as_deref()),
            false => syn::parse_quote!(Some(#holder.content.as_str())),
        });
    }
    let ty = field("text").filter(|t| text(t))?;
    Some(match optional(ty) {
        true => syn::parse_quote!(choice.text.as_deref()),
        false => syn::parse_quote!(Some(choice.text.as_str())),
    })
}

/// `text()` for every struct with a `choices` list whose items hold text
/// (chat and text completions, their stream events), unless it has one.
pub fn answer_text(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut added = Vec::new();
    for (ty, fields) in &types.fields {
        let Some((_, choices, _)) = fields.iter().find(|(n, ..)| n == "choices") else { continue };
        // A list, or a newtype of one (which derefs to it).
        let list = shape::first_type_argument(choices, "Option").unwrap_or(choices);
        let list = shape::type_name(list).and_then(|n| types.newtypes.get(&n)).unwrap_or(list);
        if shape::first_type_argument(list, "Vec").is_none() || fields.iter().any(|(n, ..)| n == "text") {
            continue;
        }
        let Some(path) = text_path(&types, &innermost(list)) else { continue };
        let first: syn::Expr = match shape::first_type_argument(choices, "Option") {
            Some(_) => syn::parse_quote!(self.choices.as_ref()?.first()?),
            None => syn::parse_quote!(self.choices.first()?),
        };
        let ident = quote::format_ident!("{ty}");
        added.push(syn::parse_quote! {
            impl #ident {
                /// The text of the first choice, if it has any.
                pub fn text(&self) -> ::std::option::Option<&str> {
                    let choice = #first;
                    #path
                }
            }
        });
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}
