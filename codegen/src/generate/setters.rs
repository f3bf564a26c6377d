//! Passes over setters: a list takes any iterable, a free-form object any
//! JSON value, each setter carries its
//! field's docs, and an operation builder sets its JSON body's fields itself
//! (`client.chat_completions().model(..).messages([..])`).

use super::context::Context;
use super::typify::{is_setter, required_fields, typify_builders, Types};
use super::{builder_impls, module_mut, shape};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

/// The setters of typify's builders: `(builder type, setter)` for each
/// inherent method taking `value` (whatever a pass made its bounds).
fn setters_mut(builders: &mut [syn::Item]) -> impl Iterator<Item = (String, &mut syn::ImplItemFn)> {
    builders
        .iter_mut()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() => Some(i),
            _ => None,
        })
        .flat_map(|i| {
            let ty = shape::type_name(&i.self_ty).unwrap_or_default();
            i.items.iter_mut().filter_map(move |m| match m {
                syn::ImplItem::Fn(f) if is_setter(f) => Some((ty.clone(), f)),
                _ => None,
            })
        })
}

/// A setter of a list (`T: TryInto<Vec<X>>`) takes any iterable of values
/// that convert to `X`: `.stop(["a", "b"])`, `.messages([m1, m2])`, a `Vec`
/// as before. Conversion errors surface at `send()`, as for every setter.
pub fn list_setters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let Some(builders) = typify_builders(file)? else { return Ok(0) };
    Ok(setters_mut(builders).filter_map(|(_, f)| take_any_list(f).then_some(())).count())
}

fn take_any_list(f: &mut syn::ImplItemFn) -> bool {
    let Some(item) = shape::setter_target(f).and_then(|t| shape::first_type_argument(t, "Vec")).cloned() else {
        return false;
    };
    let Some(syn::GenericParam::Type(param)) = f.sig.generics.params.first() else { return false };
    let t = param.ident.clone();
    struct Collect(bool);
    impl VisitMut for Collect {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            if shape::is_value_try_into(e) {
                *e = syn::parse_quote!(crate::contract::try_collect(value));
                self.0 = true;
                return;
            }
            syn::visit_mut::visit_expr_mut(self, e);
        }
    }
    let mut collect = Collect(false);
    collect.visit_block_mut(&mut f.block);
    if collect.0 {
        f.sig.generics.where_clause = Some(syn::parse_quote! {
            where
                #t: ::std::iter::IntoIterator,
                #t::Item: ::std::convert::TryInto<#item>,
                <#t::Item as ::std::convert::TryInto<#item>>::Error: ::std::fmt::Display
        });
    }
    collect.0
}

/// A setter of a free-form object (`serde_json::Map`) takes any JSON
/// value, checked to be an object when the request is sent:
/// `.schema(json!({"type": "object"}))` as well as a `Map`.
pub fn object_setters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let Some(builders) = typify_builders(file)? else { return Ok(0) };
    Ok(setters_mut(builders).filter_map(|(_, f)| take_any_json(f).then_some(())).count())
}

fn take_any_json(f: &mut syn::ImplItemFn) -> bool {
    let is_map = shape::setter_target(f)
        .is_some_and(|t| matches!(t, syn::Type::Path(p) if shape::path_ends_with(&p.path, &["serde_json", "Map"])));
    let Some(syn::GenericParam::Type(param)) = f.sig.generics.params.first().filter(|_| is_map) else { return false };
    let t = param.ident.clone();
    struct Object(bool);
    impl VisitMut for Object {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            if shape::is_value_try_into(e) {
                *e = syn::parse_quote!(crate::contract::json_object(value.into()));
                self.0 = true;
                return;
            }
            syn::visit_mut::visit_expr_mut(self, e);
        }
    }
    let mut object = Object(false);
    object.visit_block_mut(&mut f.block);
    if object.0 {
        f.sig.generics.where_clause = Some(syn::parse_quote!(where #t: ::std::convert::Into<::serde_json::Value>));
    }
    object.0
}

/// Each setter of a typify builder carries its field's docs (or those of
/// the type the field holds), and says whether the field is required.
pub fn setter_docs(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let types = Types::read(module_mut(&mut file.items, "types")?);
    let Some(builders) = typify_builders(file)? else { return Ok(0) };
    let required = required_fields(builders);
    let mut n = 0;
    for (ty, f) in setters_mut(builders) {
        let field = f.sig.ident.to_string();
        let mut attrs = types.field_docs(&ty, &field);
        if required.contains(&(ty.clone(), field)) {
            if !attrs.is_empty() {
                attrs.push(syn::parse_quote!(#[doc = ""]));
            }
            attrs.push(syn::parse_quote!(#[doc = "Required."]));
        }
        if !attrs.is_empty() {
            f.attrs.splice(0..0, attrs);
            n += 1;
        }
    }
    Ok(n)
}

/// An operation builder whose JSON body has a typify builder takes the
/// body's fields itself: each setter of the body's builder, delegating to
/// `body_map`, unless the operation builder has a method of that name (a
/// parameter, an option): that field is set through `.body_map(..)`.
pub fn body_setters(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let mut setters: BTreeMap<String, Vec<syn::ImplItemFn>> = BTreeMap::new();
    if let Some(builders) = typify_builders(file)? {
        for (ty, f) in setters_mut(builders) {
            setters.entry(ty).or_default().push(f.clone());
        }
    }
    let mut n = 0;
    for item in builder_impls(file)? {
        // Every builder of a JSON body counts; one whose body has no
        // typify builder (a list, a string) has no fields to take.
        if item.items.iter().any(|m| matches!(m, syn::ImplItem::Fn(f) if f.sig.ident == "body")) {
            n += 1;
        }
        let Some(body) = item.items.iter().find_map(|m| match m {
            syn::ImplItem::Fn(f) if f.sig.ident == "body_map" => shape::body_map_builder(f),
            _ => None,
        }) else {
            continue;
        };
        let own: BTreeSet<String> = item
            .items
            .iter()
            .filter_map(|m| match m {
                syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        for setter in setters.get(&body).into_iter().flatten() {
            if own.contains(&setter.sig.ident.to_string()) {
                continue;
            }
            let mut method = setter.clone();
            // `super::X` in `types::builder` is `types::X` here.
            struct FromTypes;
            impl VisitMut for FromTypes {
                fn visit_path_mut(&mut self, p: &mut syn::Path) {
                    if p.leading_colon.is_none() && p.segments.len() > 1 && p.segments[0].ident == "super" {
                        p.segments[0].ident = syn::Ident::new("types", p.segments[0].ident.span());
                    }
                    syn::visit_mut::visit_path_mut(self, p);
                }
            }
            FromTypes.visit_signature_mut(&mut method.sig);
            let name = &method.sig.ident;
            method.block = syn::parse_quote!({ self.body_map(|body| body.#name(value)) });
            if let Some(syn::FnArg::Receiver(r)) = method.sig.inputs.first_mut() {
                r.mutability = None;
            }
            item.items.push(syn::ImplItem::Fn(method));
        }
    }
    Ok(n)
}
