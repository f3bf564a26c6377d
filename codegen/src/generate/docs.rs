//! Docs of the generated types: a field whose schema is a reference, an
//! enum or a union carries its type's description; and what the other
//! passes ask of the types: which ones a set of names reaches.

use super::context::Context;
use super::module_mut;
use super::typify::Types;
use std::collections::{BTreeMap, BTreeSet};
use syn::visit::Visit;

/// A struct field with no docs of its own takes its type's.
pub fn field_docs(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut n = 0;
    for item in items.iter_mut() {
        let syn::Item::Struct(s) = item else { continue };
        let ty = s.ident.to_string();
        let syn::Fields::Named(fields) = &mut s.fields else { continue };
        for f in fields.named.iter_mut() {
            if f.attrs.iter().any(|a| a.path().is_ident("doc")) {
                continue;
            }
            let Some(name) = f.ident.as_ref().map(ToString::to_string) else { continue };
            let docs = types.field_docs(&ty, &name);
            if !docs.is_empty() {
                f.attrs.splice(0..0, docs);
                n += 1;
            }
        }
    }
    Ok(n)
}

/// The types of `items` that `seeds` name, and all they name in turn.
pub(super) fn reached(items: &[syn::Item], seeds: BTreeSet<String>) -> BTreeSet<String> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items {
        let (name, names) = match item {
            syn::Item::Struct(s) => (s.ident.to_string(), mentions(&|n| n.visit_item_struct(s))),
            syn::Item::Enum(e) => (e.ident.to_string(), mentions(&|n| n.visit_item_enum(e))),
            syn::Item::Type(t) => (t.ident.to_string(), mentions(&|n| n.visit_item_type(t))),
            _ => continue,
        };
        edges.entry(name).or_default().extend(names);
    }
    let mut reached = BTreeSet::new();
    let mut pending: Vec<String> = seeds.into_iter().filter(|s| edges.contains_key(s)).collect();
    while let Some(name) = pending.pop() {
        if reached.insert(name.clone()) {
            pending.extend(edges.get(&name).into_iter().flatten().filter(|n| edges.contains_key(*n)).cloned());
        }
    }
    reached
}

/// The types operations answer with: what `send()` and `send_stream()`
/// return, and every type those hold.
pub(super) fn answer_types(file: &mut syn::File) -> Result<BTreeSet<String>, String> {
    let mut seeds = BTreeSet::new();
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        for item in m.content.iter().flat_map(|(_, items)| items) {
            let syn::Item::Impl(imp) = item else { continue };
            for member in &imp.items {
                let syn::ImplItem::Fn(f) = member else { continue };
                if f.sig.ident == "send" || f.sig.ident == "send_stream" {
                    let output = &f.sig.output;
                    seeds.extend(mentions(&|n| n.visit_return_type(output)));
                }
            }
        }
    }
    Ok(reached(module_mut(&mut file.items, "types")?, seeds))
}

/// The type names an item mentions.
pub(super) fn mentions(node: &dyn Fn(&mut Names)) -> BTreeSet<String> {
    let mut names = Names::default();
    node(&mut names);
    names.0
}

#[derive(Default)]
pub(super) struct Names(BTreeSet<String>);

impl<'ast> Visit<'ast> for Names {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        self.0.insert(ident.to_string());
    }
}
