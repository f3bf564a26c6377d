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
    let answers = super::docs::answer_types(file)?;
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
    // Unions whose members are told apart by a one-value field: newtypes of
    // such structs, or struct variants (content parts: `Text { text, type_ }`).
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        if !shape::has_serde_arg(&e.attrs, "untagged") {
            continue;
        }
        let ty = e.ident.to_string();
        // In an answer, a member's field name is its getter's (`union_getters`),
        // not a constructor's; a union only sent is built, so its constructors win.
        let fields: BTreeSet<String> = match answers.contains(&ty) {
            true => e
                .variants
                .iter()
                .flat_map(|v| match &v.fields {
                    syn::Fields::Unnamed(f) => f
                        .unnamed
                        .first()
                        .and_then(|f| shape::type_name(&f.ty))
                        .and_then(|t| types.fields.get(&t))
                        .map(|fs| fs.iter().map(|(n, ..)| n.clone()).collect())
                        .unwrap_or_default(),
                    syn::Fields::Named(f) => {
                        f.named.iter().filter_map(|f| Some(f.ident.as_ref()?.to_string())).collect()
                    }
                    syn::Fields::Unit => Vec::new(),
                })
                .collect(),
            false => BTreeSet::new(),
        };
        let names = taken.entry(ty.clone()).or_default();
        let mut fns: Vec<syn::ImplItemFn> = Vec::new();
        for v in &e.variants {
            let made_fn = match &v.fields {
                syn::Fields::Unnamed(f) => newtype_member(&types, &made, &ty, &v.ident, f),
                syn::Fields::Named(f) => struct_member(&types, &ty, &v.ident, f),
                syn::Fields::Unit => None,
            };
            let Some((tag, build)) = made_fn else { continue };
            if fields.contains(&tag.to_snake_case()) {
                continue;
            }
            let Some(name) = method_name(&tag, names) else { continue };
            let Member { params, body, doc } = build;
            fns.push(syn::parse_quote! {
                #[doc = #doc]
                pub fn #name(#(#params),*) -> Self { #body }
            });
        }
        added.extend(inherent_impl(&e.ident, fns));
    }
    let n = added.len();
    items.extend(added);
    Ok(n)
}

/// A union member's constructor: its parameters, its body and its docs.
struct Member {
    params: Vec<syn::FnArg>,
    body: syn::Expr,
    doc: String,
}

/// The constructor of a newtype member whose struct has `new`, named by its tag.
fn newtype_member(
    types: &Types,
    made: &BTreeMap<String, Signature>,
    ty: &str,
    variant: &syn::Ident,
    f: &syn::FieldsUnnamed,
) -> Option<(String, Member)> {
    let [member] = f.unnamed.iter().collect::<Vec<_>>()[..] else { return None };
    let member_ty = shape::type_name(&member.ty)?;
    let sig = made.get(&member_ty)?;
    let tag = types.tag(&member_ty)?;
    let args = sig.args.iter().map(|(a, _)| a);
    let member_ident = format_ident!("{member_ty}");
    let body = syn::parse_quote!(Self::#variant(#member_ident::new(#(#args),*)));
    let doc = format!("A `{ty}` that is a [`{member_ty}`] (`{tag}`).");
    Some((tag, Member { params: parameters(&sig.args), body, doc }))
}

/// The constructor of a struct variant told apart by a one-value field
/// (`type_`, `role`, `object`, else the only one), named by that value:
/// it takes the variant's required fields, or, with none, all the others.
fn struct_member(types: &Types, ty: &str, variant: &syn::Ident, f: &syn::FieldsNamed) -> Option<(String, Member)> {
    // The one-value fields: (field, enum, its variant, in an Option).
    let one_value = |fty: &syn::Type| {
        let inner = shape::first_type_argument(fty, "Option").unwrap_or(fty);
        let name = shape::type_name(inner).filter(|_| plain(inner))?;
        match types.unit_enums.get(&name)?.as_slice() {
            [(v, _)] => Some((format_ident!("{name}"), v.clone(), !std::ptr::eq(inner, fty))),
            _ => None,
        }
    };
    let tags: Vec<(String, syn::Ident, syn::Ident, bool)> = f
        .named
        .iter()
        .filter_map(|f| {
            let (e, v, optional) = one_value(&f.ty)?;
            Some((f.ident.as_ref()?.to_string(), e, v, optional))
        })
        .collect();
    let pick = ["type_", "role", "object"].iter().find_map(|want| tags.iter().find(|t| t.0 == *want));
    let (tag_field, ..) = match (pick, tags.as_slice()) {
        (Some(t), _) | (None, [t]) => t,
        _ => return None,
    };
    let optional = |f: &syn::Field| {
        shape::first_type_argument(&f.ty, "Option").is_some()
            || f.attrs
                .iter()
                .any(|a| shape::serde_args(a).unwrap_or_default().iter().any(|m| m.path().is_ident("default")))
    };
    let others: Vec<&syn::Field> = f
        .named
        .iter()
        .filter(|f| f.ident.as_ref().is_some_and(|i| i != tag_field) && one_value(&f.ty).is_none())
        .collect();
    let required: Vec<&syn::Field> = others.iter().copied().filter(|f| !optional(f)).collect();
    let taken: Vec<&syn::Field> = if required.is_empty() { others.clone() } else { required };
    let mut args = Vec::new();
    let mut values: Vec<syn::FieldValue> = Vec::new();
    for field in &f.named {
        let ident = field.ident.clone()?;
        let value: syn::Expr = if let Some((_, e, v, wrapped)) = tags.iter().find(|t| ident == t.0) {
            match wrapped {
                true => syn::parse_quote!(::std::option::Option::Some(#e::#v)),
                false => syn::parse_quote!(#e::#v),
            }
        } else if taken.iter().any(|t| t.ident.as_ref() == Some(&ident)) {
            let (arg_ty, wrap) = match shape::first_type_argument(&field.ty, "Option") {
                Some(inner) => (inner.clone(), true),
                None => (field.ty.clone(), false),
            };
            args.push((ident.clone(), arg_ty.clone()));
            let value: syn::Expr = match shape::first_type_argument(&arg_ty, "Vec") {
                Some(_) => syn::parse_quote!(#ident.into_iter().map(::std::convert::Into::into).collect()),
                None => syn::parse_quote!(#ident.into()),
            };
            match wrap {
                true => syn::parse_quote!(::std::option::Option::Some(#value)),
                false => value,
            }
        } else {
            syn::parse_quote!(::std::default::Default::default())
        };
        values.push(syn::parse_quote!(#ident: #value));
    }
    let (_, _, tag_variant, _) = tags.iter().find(|t| t.0 == *tag_field)?;
    let tag = tag_variant.to_string();
    let body = syn::parse_quote!(Self::#variant { #(#values),* });
    let doc = format!("A `{ty}::{variant}`, its `{tag_field}` filled in.");
    Some((tag, Member { params: parameters(&args), body, doc }))
}
