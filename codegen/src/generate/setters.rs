//! Passes over setters: a list takes any iterable, each setter carries its
//! field's docs, and an operation builder sets its JSON body's fields itself
//! (`client.chat_completions().model(..).messages([..])`).

use super::context::Context;
use super::{builder_impls, module_mut, shape};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

/// typify's `types::builder` module, when some type has a builder.
pub(super) fn typify_builders(file: &mut syn::File) -> Result<Option<&mut Vec<syn::Item>>, String> {
    let types = module_mut(&mut file.items, "types")?;
    if !types.iter().any(|item| matches!(item, syn::Item::Mod(m) if m.ident == "builder")) {
        return Ok(None);
    }
    module_mut(types, "builder").map(Some)
}

/// The setters of typify's builders: `(builder type, setter)` for each
/// inherent method taking `value`.
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
                syn::ImplItem::Fn(f) if shape::setter_target(&mut f.clone()).is_some() => Some((ty.clone(), f)),
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

/// The doc lines of an item (`#[doc = ".."]`).
pub(super) fn docs(attrs: &[syn::Attribute]) -> Vec<syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("doc")).cloned().collect()
}

/// Whether docs say more than the type's name (typify documents an
/// undescribed type as ``/// `Name` ``).
fn says_something(docs: &[syn::Attribute], name: &str) -> bool {
    let text: String = docs.iter().filter_map(doc_text).collect::<Vec<_>>().join("\n");
    let text = text.trim();
    !text.is_empty() && text != format!("`{name}`")
}

/// The text of one `#[doc = ".."]`.
pub(super) fn doc_text(attr: &syn::Attribute) -> Option<String> {
    let syn::Meta::NameValue(nv) = &attr.meta else { return None };
    match &nv.value {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
        _ => None,
    }
}

/// What the passes read off typify's types: each struct's fields (name,
/// type, docs) and each type's own docs.
#[derive(Default)]
pub(super) struct Types {
    pub fields: BTreeMap<String, Vec<(String, syn::Type, Vec<syn::Attribute>)>>,
    pub docs: BTreeMap<String, Vec<syn::Attribute>>,
    /// Enums of unit variants (closed, or open with a last `Other`): name
    /// to variant idents and wire values.
    pub unit_enums: BTreeMap<String, Vec<(syn::Ident, String)>>,
    /// Newtypes (`pub struct X(pub T);`): name to the type they hold.
    pub newtypes: BTreeMap<String, syn::Type>,
}

impl Types {
    pub(super) fn read(items: &[syn::Item]) -> Types {
        let mut out = Types::default();
        for item in items {
            match item {
                syn::Item::Struct(s) => {
                    out.docs.insert(s.ident.to_string(), docs(&s.attrs));
                    if let syn::Fields::Unnamed(one) = &s.fields {
                        if let (1, Some(f)) = (one.unnamed.len(), one.unnamed.first()) {
                            out.newtypes.insert(s.ident.to_string(), f.ty.clone());
                        }
                    }
                    if let syn::Fields::Named(named) = &s.fields {
                        let fields = named
                            .named
                            .iter()
                            .filter_map(|f| Some((f.ident.as_ref()?.to_string(), f.ty.clone(), docs(&f.attrs))))
                            .collect();
                        out.fields.insert(s.ident.to_string(), fields);
                    }
                }
                syn::Item::Enum(e) => {
                    out.docs.insert(e.ident.to_string(), docs(&e.attrs));
                    // Unit variants, and an open enum's last `Other(String)`.
                    let open =
                        e.variants.last().is_some_and(|v| v.ident == "Other" && !matches!(v.fields, syn::Fields::Unit));
                    let known = &e.variants.iter().collect::<Vec<_>>()[..e.variants.len() - usize::from(open)];
                    let units: Option<Vec<_>> = known
                        .iter()
                        .map(|v| matches!(v.fields, syn::Fields::Unit).then(|| (v.ident.clone(), wire_name(v))))
                        .collect();
                    if let Some(units) = units.filter(|u| !u.is_empty()) {
                        out.unit_enums.insert(e.ident.to_string(), units);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The docs of a field: its own, else (a `$ref`, an enum, a union) its type's.
    pub(super) fn field_docs(&self, ty: &str, field: &str) -> Vec<syn::Attribute> {
        let Some((_, fty, own)) = self.fields.get(ty).and_then(|f| f.iter().find(|(n, ..)| n == field)) else {
            return Vec::new();
        };
        if !own.is_empty() {
            return own.clone();
        }
        let inner = innermost(fty);
        match self.docs.get(&inner) {
            Some(d) if says_something(d, &inner) => d.clone(),
            _ => Vec::new(),
        }
    }
}

/// A variant's value on the wire: its `#[serde(rename = "..")]`, else its name.
fn wire_name(v: &syn::Variant) -> String {
    for attr in &v.attrs {
        for meta in shape::serde_args(attr).unwrap_or_default() {
            if let syn::Meta::NameValue(nv) = meta {
                if nv.path.is_ident("rename") {
                    if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = nv.value {
                        return s.value();
                    }
                }
            }
        }
    }
    v.ident.to_string()
}

/// The type a field holds under `Option`, `Vec` and `Box`.
pub(super) fn innermost(ty: &syn::Type) -> String {
    for wrapper in ["Option", "Vec", "Box"] {
        if let Some(inner) = shape::first_type_argument(ty, wrapper) {
            return innermost(inner);
        }
    }
    shape::type_name(ty).unwrap_or_default()
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

/// `(builder type, field)` of each field a typify builder starts without
/// (`Err("no value supplied for ..")` in its `Default`): the required ones.
pub(super) fn required_fields(builders: &[syn::Item]) -> BTreeSet<(String, String)> {
    default_fields(builders, shape::is_missing_value)
}

/// `(builder type, field)` of each field whose start value in a typify
/// builder's `Default` is one `starts` accepts.
pub(super) fn default_fields(
    builders: &[syn::Item],
    starts: fn(&syn::FieldValue) -> bool,
) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for item in builders {
        let syn::Item::Impl(i) = item else { continue };
        if !shape::implements(i, "Default") {
            continue;
        }
        let ty = shape::type_name(&i.self_ty).unwrap_or_default();
        struct Fields<'a>(&'a str, &'a mut BTreeSet<(String, String)>, fn(&syn::FieldValue) -> bool);
        impl<'ast> syn::visit::Visit<'ast> for Fields<'_> {
            fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
                if let (true, syn::Member::Named(member)) = ((self.2)(fv), &fv.member) {
                    self.1.insert((self.0.to_string(), member.to_string()));
                }
            }
        }
        syn::visit::Visit::visit_item_impl(&mut Fields(&ty, &mut out, starts), i);
    }
    out
}

/// The inherent method names of each type among `items`.
pub(super) fn inherent_methods(items: &[syn::Item]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items {
        let syn::Item::Impl(i) = item else { continue };
        if i.trait_.is_some() {
            continue;
        }
        let names = i.items.iter().filter_map(|m| match m {
            syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
            _ => None,
        });
        out.entry(shape::type_name(&i.self_ty).unwrap_or_default()).or_default().extend(names);
    }
    out
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
