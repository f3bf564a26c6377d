//! What no user can reach is not compiled: the types no operation reaches
//! (components a spec defines and no operation uses), and the builders of
//! the types no request takes (answers are decoded, not built; a test
//! makes one from JSON with `X::try_from(json!(..))`). Both would cost
//! every build of the crate for nothing: the builders are a third of the
//! generated code.

use super::context::Context;
use super::docs::{mentions, reached};
use super::module_mut;
use super::names::{defined, defined_name};
use std::collections::BTreeSet;
use syn::visit::Visit;

/// Removes every type of `types` no operation reaches through its
/// parameters, body or answer, with its impls and its builder.
pub fn unreached_types(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    // What the operation builders and the client name.
    let mut seeds = BTreeSet::new();
    for item in &file.items {
        match item {
            syn::Item::Mod(m) if m.ident == "builder" => seeds.extend(mentions(&|n| n.visit_item_mod(m))),
            syn::Item::Impl(i) => seeds.extend(mentions(&|n| n.visit_item_impl(i))),
            _ => {}
        }
    }
    let items = module_mut(&mut file.items, "types")?;
    let reached = reached(items, seeds);
    let mut gone: BTreeSet<String> = defined(items).into_iter().filter(|n| !reached.contains(n)).collect();
    // An alias of a reached type stays: `policy::NAMES` chose it for users.
    let kept: Vec<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Type(t) => Some((t.ident.to_string(), mentions(&|n| n.visit_type(&t.ty)))),
            _ => None,
        })
        .filter(|(_, names)| !names.is_disjoint(&reached) && names.is_disjoint(&gone))
        .map(|(name, _)| name)
        .collect();
    for name in kept {
        gone.remove(&name);
    }
    remove_types(items, &gone);
    Ok(gone.len())
}

/// Removes the builder (`X::builder()`, `types::builder::X` and its
/// conversions) of every type no operation's request reaches: every
/// operation builder's fields (its parameters and its body) are the seeds.
pub fn answer_builders(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let mut seeds = BTreeSet::new();
    for item in module_mut(&mut file.items, "builder")?.iter() {
        if let syn::Item::Struct(s) = item {
            seeds.extend(mentions(&|n| n.visit_item_struct(s)));
        }
    }
    let items = module_mut(&mut file.items, "types")?;
    let requests = reached(items, seeds);
    let answers: BTreeSet<String> = defined(items).into_iter().filter(|n| !requests.contains(n)).collect();
    // `impl X { pub fn builder() -> builder::X }`.
    for item in items.iter_mut() {
        let syn::Item::Impl(i) = item else { continue };
        if i.trait_.is_none() && self_name(i).is_some_and(|n| answers.contains(&n)) {
            i.items.retain(|m| !matches!(m, syn::ImplItem::Fn(f) if f.sig.ident == "builder"));
        }
    }
    items.retain(|item| !matches!(item, syn::Item::Impl(i) if i.trait_.is_none() && i.items.is_empty()));
    // typify writes no builder module for a spec without structs.
    let Ok(builders) = module_mut(items, "builder") else { return Ok(0) };
    let before = defined(builders).len();
    remove_types(builders, &answers);
    Ok(before - defined(builders).len())
}

/// The type an impl is for, by its last path segment.
fn self_name(i: &syn::ItemImpl) -> Option<String> {
    match &*i.self_ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Removes the named types from `items` and every impl that names one (its
/// own, and conversions into or out of it; `super::X` counts). A builder
/// module among `items` loses the builders of those types too.
fn remove_types(items: &mut Vec<syn::Item>, gone: &BTreeSet<String>) {
    if gone.is_empty() {
        return;
    }
    items.retain(|item| match item {
        syn::Item::Struct(_) | syn::Item::Enum(_) | syn::Item::Type(_) => {
            defined_name(item).is_none_or(|name| !gone.contains(&name))
        }
        syn::Item::Impl(i) => {
            let header = mentions(&|n| {
                n.visit_type(&i.self_ty);
                if let Some((path, _)) = &i.trait_ {
                    n.visit_path(path);
                }
            });
            header.is_disjoint(gone)
        }
        _ => true,
    });
    for item in items.iter_mut() {
        if let syn::Item::Mod(m) = item {
            if m.ident == "builder" {
                if let Some((_, inner)) = &mut m.content {
                    remove_types(inner, gone);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn answers_lose_their_builders_and_unused_types_go() {
        let spec = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /things:
    post:
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/NewThing" }
      responses:
        "200":
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Thing" }
components:
  schemas:
    NewThing:
      type: object
      required: [part]
      properties: { part: { $ref: "#/components/schemas/Part" } }
    Part: { type: object, properties: { n: { type: integer } } }
    Thing: { type: object, required: [id], properties: { id: { type: string }, part: { $ref: "#/components/schemas/Part" } } }
    Unused: { type: object, properties: { x: { type: string } } }
"##;
        let code = crate::run(spec, false).unwrap().code;
        for kept in ["pub struct NewThing", "pub struct Part", "pub struct Thing", "impl NewThing {", "impl Part {"] {
            assert!(code.contains(kept), "{kept} missing:\n{code}");
        }
        // The request and what it holds keep their builders, the answer has none, `Unused` is gone.
        let builders = &code[code.find("pub mod builder").unwrap()..];
        assert!(builders.contains("pub struct NewThing") && builders.contains("pub struct Part"));
        assert!(!builders[..builders.find("pub mod error").unwrap_or(builders.len())].contains("pub struct Thing"));
        assert!(!code.contains("Unused"), "{code}");
        assert!(code.contains("pub fn builder() -> builder::NewThing {"), "{code}");
        assert!(!code.contains("pub fn builder() -> builder::Thing {"), "{code}");
    }
}
