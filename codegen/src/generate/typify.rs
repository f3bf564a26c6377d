//! What the passes read off typify's output: its builders (the fields each
//! starts without, its setters), its types (fields, docs, enums of unit
//! variants, newtypes) and the methods each type has.

use super::{module_mut, shape};
use quote::format_ident;
use std::collections::{BTreeMap, BTreeSet};

/// typify's `types::builder` module, when some type has a builder.
pub(super) fn typify_builders(file: &mut syn::File) -> Result<Option<&mut Vec<syn::Item>>, String> {
    let types = module_mut(&mut file.items, "types")?;
    if !types.iter().any(|item| matches!(item, syn::Item::Mod(m) if m.ident == "builder")) {
        return Ok(None);
    }
    module_mut(types, "builder").map(Some)
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

    /// The enum and its one variant, when field `field` of struct `ty` holds
    /// (not in an `Option`, a `Vec` or a `Box`) an enum of one unit variant.
    pub(super) fn one_value(&self, ty: &str, field: &str) -> Option<(syn::Ident, syn::Ident)> {
        let (_, fty, _) = self.fields.get(ty)?.iter().find(|(n, ..)| n == field)?;
        let name = shape::type_name(fty).filter(|_| plain(fty))?;
        match self.unit_enums.get(&name)?.as_slice() {
            [(v, _)] => Some((format_ident!("{name}"), v.clone())),
            _ => None,
        }
    }

    /// The variant of a struct's one-value field that tells it apart in a
    /// union: `type`, then `role`, then `object`, then the only one.
    pub(super) fn tag(&self, ty: &str) -> Option<String> {
        let fields = self.fields.get(ty)?;
        let tags: Vec<(&str, syn::Ident)> =
            fields.iter().filter_map(|(n, ..)| self.one_value(ty, n).map(|(_, v)| (n.as_str(), v))).collect();
        let pick = ["type_", "role", "object"].iter().find_map(|want| tags.iter().find(|(n, _)| n == want));
        match (pick, tags.as_slice()) {
            (Some((_, v)), _) | (None, [(_, v)]) => Some(v.to_string()),
            _ => None,
        }
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

/// `impl Name { fns }`, when there are any.
pub(super) fn inherent_impl(name: &syn::Ident, fns: Vec<syn::ImplItemFn>) -> Option<syn::Item> {
    (!fns.is_empty()).then(|| syn::parse_quote!(impl #name { #(#fns)* }))
}

/// A typify setter: `fn field<T>(mut self, value: T) -> Self`, whatever its bounds.
pub(super) fn is_setter(f: &syn::ImplItemFn) -> bool {
    let mut inputs = f.sig.inputs.iter();
    matches!(inputs.next(), Some(syn::FnArg::Receiver(_)))
        && matches!(inputs.next(), Some(syn::FnArg::Typed(t)) if matches!(&*t.pat, syn::Pat::Ident(p) if p.ident == "value"))
        && inputs.next().is_none()
        && f.sig.generics.params.len() == 1
}

/// A type that is not in an `Option`, a `Vec` or a `Box`.
pub(super) fn plain(ty: &syn::Type) -> bool {
    shape::type_name(ty).is_some_and(|n| n == innermost(ty))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::shape::tests::{module, raw};

    #[test]
    fn setters_are_known_by_their_shape_whatever_their_bounds() {
        let builders = module(module(&raw().items, "types"), "builder");
        let setters: Vec<String> = builders
            .iter()
            .filter_map(|i| match i {
                syn::Item::Impl(i)
                    if i.trait_.is_none() && shape::type_name(&i.self_ty).as_deref() == Some("ChatReply") =>
                {
                    Some(i)
                }
                _ => None,
            })
            .flat_map(|i| &i.items)
            .filter_map(|m| match m {
                syn::ImplItem::Fn(f) if is_setter(f) => Some(f.sig.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(setters, ["choices", "created", "id", "object", "usage", "warnings"]);
        // As `object_setters` leaves one: no `TryInto` left, still a setter.
        let rewritten: syn::ImplItemFn = syn::parse_quote! {
            pub fn schema<T>(mut self, value: T) -> Self where T: ::std::convert::Into<::serde_json::Value> { self }
        };
        assert!(is_setter(&rewritten));
        let not: syn::ImplItemFn = syn::parse_quote!(
            pub fn builder() -> Self {
                Default::default()
            }
        );
        assert!(!is_setter(&not));
    }
}
