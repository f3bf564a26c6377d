//! Constructors from `required`: `X::new(..)` taking every required field
//! (a missing one is a compile error), one constructor per value of a
//! struct's one required enum field (`ChatMessage::user("hi")`), and per
//! member of a union whose members each have a one-value field
//! (`ChatCompletionMessageParam::user("hi")`). One-value fields are filled
//! in, by constructors and typify's builders alike.

use super::context::Context;
use super::typify::{inherent_impl, inherent_methods, innermost, plain, required_fields, typify_builders, Types};
use super::{module_mut, shape};
use heck::ToSnakeCase;
use quote::format_ident;
use std::collections::{BTreeMap, BTreeSet};

/// A required field whose type is an enum of one value starts as that value
/// in typify's builder (`type_` of a LoRA training type is `"Lora"`), not as
/// "no value supplied": nothing to set, nothing to forget.
pub fn one_value_fields(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let types = Types::read(module_mut(&mut file.items, "types")?);
    let Some(builders) = typify_builders(file)? else { return Ok(0) };
    let mut n = 0;
    for item in builders.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        if !shape::implements(i, "Default") {
            continue;
        }
        let ty = shape::type_name(&i.self_ty).unwrap_or_default();
        struct Fill<'a>(&'a Types, &'a str, usize);
        impl syn::visit_mut::VisitMut for Fill<'_> {
            fn visit_field_value_mut(&mut self, fv: &mut syn::FieldValue) {
                let syn::Member::Named(member) = &fv.member else { return };
                if let (true, Some((e, v))) =
                    (shape::is_missing_value(fv), self.0.one_value(self.1, &member.to_string()))
                {
                    fv.expr = syn::parse_quote!(Ok(super::#e::#v));
                    self.2 += 1;
                }
            }
        }
        let mut fill = Fill(&types, &ty, 0);
        syn::visit_mut::VisitMut::visit_item_impl_mut(&mut fill, i);
        n += fill.2;
    }
    Ok(n)
}

/// A struct's constructor arguments: the required fields less the
/// one-value ones, as `(field, type)`.
struct Signature {
    args: Vec<(syn::Ident, syn::Type)>,
    /// `field: value` for every field, the arguments by name.
    fields: Vec<syn::FieldValue>,
}

fn signature(types: &Types, ty: &str, required: &BTreeSet<(String, String)>, fixed: Option<&str>) -> Option<Signature> {
    let mut args = Vec::new();
    let mut fields = Vec::new();
    for (name, fty, _) in types.fields.get(ty)? {
        let ident = syn::parse_str::<syn::Ident>(name).ok()?;
        if Some(name.as_str()) == fixed {
            continue;
        }
        let value: syn::Expr = if let Some((e, v)) = types.one_value(ty, name) {
            syn::parse_quote!(#e::#v)
        } else if required.contains(&(ty.to_string(), name.clone())) {
            args.push((ident.clone(), fty.clone()));
            match shape::first_type_argument(fty, "Vec") {
                Some(_) => syn::parse_quote!(#ident.into_iter().map(::std::convert::Into::into).collect()),
                None => syn::parse_quote!(#ident.into()),
            }
        } else {
            syn::parse_quote!(::std::default::Default::default())
        };
        fields.push(syn::parse_quote!(#ident: #value));
    }
    Some(Signature { args, fields })
}

/// The arguments in the order the spec lists them as required (`model`,
/// then `messages`), the others after, as typify orders fields.
fn in_spec_order(sig: &mut Signature, order: Option<&Vec<String>>) {
    let Some(order) = order else { return };
    let rank = |field: &syn::Ident| {
        let field = field.to_string();
        let field = field.trim_end_matches('_');
        order.iter().position(|p| p.to_snake_case() == field).unwrap_or(usize::MAX)
    };
    sig.args.sort_by_key(|(a, _)| rank(a));
}

/// `a: impl Into<A>`, `list: impl IntoIterator<Item = impl Into<X>>`.
fn parameters(args: &[(syn::Ident, syn::Type)]) -> Vec<syn::FnArg> {
    args.iter()
        .map(|(ident, ty)| match shape::first_type_argument(ty, "Vec") {
            Some(item) => {
                syn::parse_quote!(#ident: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>>)
            }
            None => syn::parse_quote!(#ident: impl ::std::convert::Into<#ty>),
        })
        .collect()
}

/// A method name from a variant (`ImageUrl` is `image_url`), when it is an
/// identifier and not taken.
fn method_name(variant: &str, taken: &mut BTreeSet<String>) -> Option<syn::Ident> {
    let name = variant.to_snake_case();
    let ident = syn::parse_str::<syn::Ident>(&name).ok()?;
    taken.insert(name).then_some(ident)
}

/// `new` for every struct typify gives a builder, a constructor per value of
/// its one required enum field, and a constructor per member of a union of
/// such structs.
pub fn constructors(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let required = match typify_builders(file)? {
        Some(builders) => required_fields(builders),
        None => return Ok(0),
    };
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut taken = inherent_methods(items);
    let mut added: Vec<syn::Item> = Vec::new();
    let mut made: BTreeMap<String, Signature> = BTreeMap::new();
    let with_builder: Vec<String> =
        taken.iter().filter(|(_, m)| m.contains("builder")).map(|(t, _)| t.clone()).collect();
    for ty in &with_builder {
        let Some(mut sig) = signature(&types, ty, &required, None) else { continue };
        in_spec_order(&mut sig, cx.required.get(ty));
        let names = taken.entry(ty.clone()).or_default();
        let ident = format_ident!("{ty}");
        let mut fns: Vec<syn::ImplItemFn> = Vec::new();
        if names.insert("new".into()) {
            let params = parameters(&sig.args);
            let fields = &sig.fields;
            let doc = match sig.args.len() {
                0 => format!("A `{ty}` with no field set (it requires none)."),
                _ => format!(
                    "A `{ty}` from its required fields ({}); set the others with [`{ty}::builder`].",
                    sig.args.iter().map(|(a, _)| format!("`{a}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            fns.push(syn::parse_quote! {
                #[doc = #doc]
                pub fn new(#(#params),*) -> Self { Self { #(#fields),* } }
            });
        }
        // One constructor per value of the one required field that is an enum of several.
        let choices: Vec<&(syn::Ident, syn::Type)> = sig
            .args
            .iter()
            .filter(|(_, t)| plain(t) && types.unit_enums.get(&innermost(t)).is_some_and(|v| v.len() > 1))
            .collect();
        if let [(field, fty)] = choices.as_slice() {
            let e = format_ident!("{}", innermost(fty));
            let rest = signature(&types, ty, &required, Some(&field.to_string()))
                .unwrap_or(Signature { args: vec![], fields: vec![] });
            let params = parameters(&rest.args);
            let fields = &rest.fields;
            for (v, wire) in types.unit_enums.get(&innermost(fty)).into_iter().flatten() {
                let Some(name) = method_name(&v.to_string(), names) else { continue };
                let doc = format!("A `{ty}` whose `{field}` is `{wire}`.");
                fns.push(syn::parse_quote! {
                    #[doc = #doc]
                    pub fn #name(#(#params),*) -> Self { Self { #field: #e::#v, #(#fields),* } }
                });
            }
        }
        added.extend(inherent_impl(&ident, fns));
        made.insert(ty.clone(), sig);
    }
    // Unions whose newtype members are such structs, told apart by a one-value field.
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        if !shape::has_serde_arg(&e.attrs, "untagged") {
            continue;
        }
        let ty = e.ident.to_string();
        // A member's field name is its getter's (`union_getters`), not a constructor's.
        let fields: BTreeSet<String> = e
            .variants
            .iter()
            .filter_map(|v| match &v.fields {
                syn::Fields::Unnamed(f) => shape::type_name(&f.unnamed.first()?.ty),
                _ => None,
            })
            .filter_map(|t| types.fields.get(&t))
            .flatten()
            .map(|(n, ..)| n.clone())
            .collect();
        let names = taken.entry(ty.clone()).or_default();
        let mut fns: Vec<syn::ImplItemFn> = Vec::new();
        for v in &e.variants {
            let syn::Fields::Unnamed(f) = &v.fields else { continue };
            let [member] = f.unnamed.iter().collect::<Vec<_>>()[..] else { continue };
            let Some(member_ty) = shape::type_name(&member.ty) else { continue };
            let Some(sig) = made.get(&member_ty) else { continue };
            let Some(tag) = types.tag(&member_ty) else { continue };
            if fields.contains(&tag.to_snake_case()) {
                continue;
            }
            let Some(name) = method_name(&tag, names) else { continue };
            let params = parameters(&sig.args);
            let args = sig.args.iter().map(|(a, _)| a);
            let (variant, member_ident) = (&v.ident, format_ident!("{member_ty}"));
            let doc = format!("A `{ty}` that is a [`{member_ty}`] (`{tag}`).");
            fns.push(syn::parse_quote! {
                #[doc = #doc]
                pub fn #name(#(#params),*) -> Self { Self::#variant(#member_ident::new(#(#args),*)) }
            });
        }
        added.extend(inherent_impl(&e.ident, fns));
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}
