//! Reading answers: `text()` on a response (or stream event) whose
//! `choices` hold text, the first choice's, getters on unions for the
//! fields their members hold, and borrowing getters for the optional
//! fields of what operations answer.

use super::context::Context;
use super::module_mut;
use super::shape;
use super::typify::{inherent_impl, innermost, Types};

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

/// A getter for each field the members of an untagged union hold (one type
/// wherever it appears): `Some` for a member with it, `None` for the rest,
/// so `image.data[0].b64_json()` reads whichever member came back.
pub fn union_getters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut taken = super::typify::inherent_methods(items);
    let mut added: Vec<syn::Item> = Vec::new();
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        if !shape::has_serde_arg(&e.attrs, "untagged") {
            continue;
        }
        // Per member: its fields, and how a match arm reaches them.
        let mut fields: Vec<(String, syn::Type)> = Vec::new();
        let mut members = 0;
        for v in &e.variants {
            let own: Vec<(String, syn::Type)> = match &v.fields {
                syn::Fields::Named(f) => {
                    f.named.iter().filter_map(|f| Some((f.ident.as_ref()?.to_string(), f.ty.clone()))).collect()
                }
                syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => shape::type_name(&f.unnamed[0].ty)
                    .and_then(|t| types.fields.get(&t))
                    .map(|fs| fs.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            members += usize::from(!own.is_empty());
            fields.extend(own);
        }
        if members < 2 {
            continue;
        }
        let mut by_name: std::collections::BTreeMap<String, Vec<syn::Type>> = Default::default();
        for (name, ty) in fields {
            by_name.entry(name).or_default().push(ty);
        }
        let names = taken.entry(e.ident.to_string()).or_default();
        let mut fns: Vec<syn::ImplItemFn> = Vec::new();
        for (name, tys) in by_name {
            let ty = &tys[0];
            if tys.iter().any(|t| quote::quote!(#t).to_string() != quote::quote!(#ty).to_string())
                || !names.insert(name.clone())
            {
                continue;
            }
            let Ok(field) = syn::parse_str::<syn::Ident>(&name) else { continue };
            let arms = e.variants.iter().filter_map(|v| {
                let ident = &v.ident;
                match &v.fields {
                    syn::Fields::Named(f) if f.named.iter().any(|f| f.ident.as_ref() == Some(&field)) => {
                        Some(quote::quote!(Self::#ident { #field, .. } => #field))
                    }
                    syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        let t = shape::type_name(&f.unnamed[0].ty)?;
                        types
                            .fields
                            .get(&t)?
                            .iter()
                            .any(|(n, ..)| *n == name)
                            .then(|| quote::quote!(Self::#ident(member) => &member.#field))
                    }
                    _ => None,
                }
            });
            let (ret, wrap): (syn::Type, syn::Expr) = match shape::first_type_argument(ty, "Option") {
                Some(inner) if shape::is_std_string(inner) => {
                    (syn::parse_quote!(&str), syn::parse_quote!(value.as_deref()))
                }
                Some(inner) => (syn::parse_quote!(&#inner), syn::parse_quote!(value.as_ref())),
                None if shape::is_std_string(ty) => (syn::parse_quote!(&str), syn::parse_quote!(Some(value.as_str()))),
                None => (syn::parse_quote!(&#ty), syn::parse_quote!(Some(value))),
            };
            let doc = format!("`{name}` of whichever member this is, if that member has it.");
            fns.push(syn::parse_quote! {
                #[doc = #doc]
                pub fn #field(&self) -> ::std::option::Option<#ret> {
                    let value = match self { #(#arms,)* _ => return None };
                    #wrap
                }
            });
        }
        added.extend(inherent_impl(&e.ident, fns));
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}

/// Method names a getter must not take: those of the traits generated types
/// implement, which an inherent method would shadow at every call site.
const TRAIT_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "fmt",
    "eq",
    "ne",
    "hash",
    "serialize",
    "deserialize",
    "to_owned",
    "to_string",
    "into",
    "try_into",
    "from",
    "try_from",
    "default",
    "borrow",
    "as_ref",
    "deref",
    "cmp",
    "partial_cmp",
];

/// For each optional field of a type an operation answers with (its
/// response, its stream events, and every type they hold), a getter that
/// borrows it: `Option<&str>` for text, `Option<&[T]>` for a list,
/// `Option<&T>` else, and the value itself for a number or a flag. So
/// `reply.usage().map(|u| u.total_tokens)` and
/// `choice.message().and_then(|m| m.content())` read without `as_ref()`.
/// A type that already has a method of the field's name keeps it.
pub fn field_getters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let answers = super::docs::answer_types(file)?;
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut taken = super::typify::inherent_methods(items);
    let mut added = Vec::new();
    for (ty, fields) in types.fields.iter().filter(|(ty, _)| answers.contains(*ty)) {
        let names = taken.entry(ty.clone()).or_default();
        let mut fns: Vec<syn::ImplItemFn> = Vec::new();
        for (name, fty, _) in fields {
            let Some(inner) = shape::first_type_argument(fty, "Option") else { continue };
            if TRAIT_METHODS.contains(&name.as_str()) || !names.insert(name.clone()) {
                continue;
            }
            let Ok(field) = syn::parse_str::<syn::Ident>(name) else { continue };
            let copy = shape::type_name(inner)
                .is_some_and(|n| matches!(n.as_str(), "bool" | "i64" | "u64" | "i32" | "u32" | "f64" | "f32"));
            let (ret, body): (syn::Type, syn::Expr) = if copy {
                (syn::parse_quote!(#inner), syn::parse_quote!(self.#field))
            } else if shape::is_std_string(inner) {
                (syn::parse_quote!(&str), syn::parse_quote!(self.#field.as_deref()))
            } else if let Some(item) = shape::first_type_argument(inner, "Vec") {
                (syn::parse_quote!(&[#item]), syn::parse_quote!(self.#field.as_deref()))
            } else {
                (syn::parse_quote!(&#inner), syn::parse_quote!(self.#field.as_ref()))
            };
            let doc = format!("`{name}`, if the answer has it.");
            fns.push(syn::parse_quote! {
                #[doc = #doc]
                pub fn #field(&self) -> ::std::option::Option<#ret> {
                    #body
                }
            });
        }
        let ident = quote::format_ident!("{ty}");
        added.extend(inherent_impl(&ident, fns));
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}
