//! Code generation: progenitor on the normalised spec, configured by
//! [`settings`], then the named passes of [`PASSES`] over its syntax tree,
//! in order, then prettyplease.
//!
//! Every assumption about progenitor's output is a predicate in [`shape`],
//! tested on real output. Each pass counts the sites it changed, and the
//! spec says how many it must find ([`Expect`]): a pass that finds fewer
//! fails the build naming itself, so a progenitor upgrade that changes a
//! shape cannot silently change what the crate does.

mod builders;
mod conform;
mod constructors;
mod context;
mod contract;
mod docs;
pub mod isolate;
mod names;
mod open_enums;
mod prune;
mod readers;
mod setters;
mod shape;
mod streams;
mod tables;
mod types;
mod typify;

pub use context::Context;

use crate::normalize::Notes;
use quote::quote;

/// The generated client and what each pass did.
pub struct Generated {
    /// The formatted source.
    pub code: String,
    /// Each pass by name, with the sites it changed.
    pub passes: Vec<(&'static str, usize)>,
    /// The document generated from: the normalised one, less what
    /// progenitor could not generate ([`isolate`]).
    pub doc: serde_json::Value,
}

/// A named rewrite of the generated syntax tree.
pub struct Pass {
    pub name: &'static str,
    /// The construct it rewrites, for the message when it finds too few.
    pub finds: &'static str,
    /// Applies the pass; the number of sites changed.
    pub run: fn(&mut syn::File, &Context) -> Result<usize, String>,
    /// How many sites the spec calls for.
    pub expect: fn(&Context) -> Expect,
}

/// How many sites a pass must change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Exactly(usize),
    AtLeast(usize),
}

impl Expect {
    /// At least one site when the spec has `n` of what the pass rewrites.
    pub fn some_if(n: usize) -> Expect {
        Expect::AtLeast(n.min(1))
    }

    fn met_by(self, sites: usize) -> bool {
        match self {
            Expect::Exactly(n) => sites == n,
            Expect::AtLeast(n) => sites >= n,
        }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Exactly(n) => write!(f, "exactly {n}"),
            Expect::AtLeast(n) => write!(f, "at least {n}"),
        }
    }
}

/// The passes, in the order they run: the client first, then each
/// operation's builder (`send()` must be rewritten before `send_stream()` is
/// derived from it), then the types, the added items, and last the check
/// that generated code calls nothing but the contract.
pub const PASSES: &[Pass] = &[
    Pass {
        name: "client_constructor",
        finds: "`Client::new`, whose reqwest client has progenitor's 15 s total timeout",
        run: builders::client_constructor,
        expect: |_| Expect::Exactly(1),
    },
    Pass {
        name: "builder_options",
        finds: "operation builders (struct, `new`, `send`), given per-request options",
        run: builders::builder_options,
        expect: |cx| Expect::Exactly(cx.operations.len()),
    },
    Pass {
        name: "send_via_contract",
        finds: "each builder's `send()`, calling `crate::contract::send_*` instead of progenitor's hooks",
        run: builders::send_via_contract,
        expect: |cx| Expect::Exactly(cx.operations.len()),
    },
    Pass {
        name: "json_bodies",
        finds: "`.json(&body)` in a `send()`, serialised through `crate::contract::json_body`",
        run: builders::json_bodies,
        expect: |cx| Expect::Exactly(cx.operations.iter().filter(|o| o.json_body).count()),
    },
    Pass {
        name: "staged_bodies",
        finds: "the body of each JSON-body builder (field, `new`, setters, `send()`), kept as it was given",
        run: builders::staged_bodies,
        expect: |cx| Expect::Exactly(cx.operations.iter().filter(|o| o.json_body).count()),
    },
    Pass {
        name: "stream_methods",
        finds: "the `send()` of each event-stream operation, given `send_stream()`",
        run: streams::stream_methods,
        expect: |cx| Expect::Exactly(cx.notes.streams.len()),
    },
    Pass {
        name: "stream_traits",
        finds: "event payload types, tied to their JSON response or audio",
        run: streams::stream_traits,
        expect: |cx| Expect::Exactly(streams::trait_impls_expected(cx)),
    },
    Pass {
        name: "non_exhaustive",
        finds: "structs with named fields and enums in `types`",
        run: types::non_exhaustive,
        expect: |cx| Expect::some_if(cx.facts.named_types),
    },
    Pass {
        name: "open_unions",
        finds: "`#[serde(untagged)]` enums, given an `Other(serde_json::Value)` variant",
        run: types::open_unions,
        expect: |cx| Expect::some_if(cx.facts.text_unions),
    },
    Pass {
        name: "null_as_default",
        finds: "`#[serde(default)]` list and map fields, reading `null` as empty",
        run: types::null_as_default,
        expect: |cx| Expect::some_if(cx.facts.optional_lists),
    },
    Pass {
        name: "lenient_integers",
        finds: "`i128` fields (response integers), decoded by `crate::contract::lenient_integer`",
        run: types::lenient_integers,
        expect: |cx| Expect::some_if(cx.facts.wide_integers),
    },
    Pass {
        name: "optional_setters",
        finds: "typify builder setters of optional fields (`Ok(Default::default())`), taking the value",
        run: types::optional_setters,
        expect: |cx| Expect::some_if(cx.facts.optional_properties),
    },
    Pass {
        name: "text_conversions",
        finds: "untagged enums with a `String(String)` variant, given `From<&str>` and `From<String>`",
        run: types::text_conversions,
        expect: |cx| Expect::some_if(cx.facts.text_unions),
    },
    Pass {
        name: "newtype_conversions",
        finds: "untagged unions with a member that is a newtype, given `From` its inner type",
        run: types::newtype_conversions,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "list_setters",
        finds: "typify builder setters of lists (`TryInto<Vec<X>>`), taking any iterable",
        run: setters::list_setters,
        expect: |cx| Expect::some_if(cx.facts.optional_lists),
    },
    Pass {
        name: "object_setters",
        finds: "typify builder setters of free-form objects (`TryInto<serde_json::Map>`), taking any JSON value",
        run: setters::object_setters,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "open_enums",
        finds: "the open enums normalisation recorded, written into `types`",
        run: open_enums::open_enums,
        expect: |cx| Expect::Exactly(cx.notes.open_enums.len()),
    },
    Pass {
        name: "one_value_fields",
        finds: "required fields of a one-value enum in typify builders' `Default`, filled in",
        run: constructors::one_value_fields,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "setter_docs",
        finds: "typify builder setters, given their field's docs and whether it is required",
        run: setters::setter_docs,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "constructors",
        finds: "structs with a typify builder (`new`, one per value of a required enum) and unions of them",
        run: constructors::constructors,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "answer_text",
        finds: "structs whose `choices` hold text (`message.content`, `delta.content`, `text`), given `text()`",
        run: readers::answer_text,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "json_conversions",
        finds: "types that decode, given `TryFrom<serde_json::Value>`",
        run: types::json_conversions,
        expect: |cx| Expect::some_if(cx.facts.named_types),
    },
    Pass {
        name: "union_getters",
        finds: "untagged unions of members with fields, given a getter per field",
        run: readers::union_getters,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "field_getters",
        finds: "the optional fields of the types operations answer with, each given a borrowing getter",
        run: readers::field_getters,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "conversion_errors",
        finds: "closed enums' `FromStr`, whose error names the type and its values",
        run: types::conversion_errors,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "field_docs",
        finds: "struct fields without docs whose type has some",
        run: docs::field_docs,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "type_aliases",
        finds: "the aliases of `policy::NAMES`",
        run: names::type_aliases,
        expect: |cx| Expect::Exactly(cx.aliases),
    },
    Pass {
        name: "body_setters",
        finds: "operation builders with a JSON body (`body_map`), given the body's setters",
        run: setters::body_setters,
        expect: |cx| Expect::Exactly(cx.operations.iter().filter(|o| o.json_body).count()),
    },
    Pass {
        name: "operation_tables",
        finds: "the tables `UNSUPPORTED_OPERATIONS` and `OPERATION_EFFECTS`",
        run: tables::operation_tables,
        expect: |_| Expect::Exactly(2),
    },
    Pass {
        name: "conform_table",
        finds: "operation builders with a `Client` method, each called from JSON in `conform::OPERATIONS`",
        run: conform::conform_table,
        expect: |cx| Expect::Exactly(cx.operations.len()),
    },
    Pass {
        name: "variant_names",
        finds: "union members typify names by position (`VariantN`), named from the spec",
        run: names::variant_names,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "item_names",
        finds: "inline list items typify names `{Type}{Field}Item`, named in the singular",
        run: names::item_names,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "spec_id_aliases",
        finds: "`Client` methods named otherwise than the spec's `operationId`, given it as a doc alias",
        run: names::spec_id_aliases,
        expect: |cx| Expect::Exactly(cx.operations.iter().filter(|o| cx.notes.spec_ids.contains_key(&o.id)).count()),
    },
    Pass {
        name: "unreached_types",
        finds: "types no operation reaches, left out",
        run: prune::unreached_types,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "answer_builders",
        finds: "builders of types no request takes, left out",
        run: prune::answer_builders,
        expect: |_| Expect::AtLeast(0),
    },
    Pass {
        name: "contract_only",
        finds: "paths into the crate, each through `crate::contract` or `crate::types`",
        run: contract::contract_only,
        expect: |_| Expect::AtLeast(1),
    },
];

/// Generates the formatted client source. What progenitor cannot generate
/// is left out, recorded in `notes` ([`isolate`]).
pub fn generate(doc: serde_json::Value, notes: &mut Notes) -> Result<Generated, String> {
    let (doc, (file, passes)) = isolate::generate_what_can_be(doc, notes)?;
    let code =
        isolate::catch(|| prettyplease::unparse(&file)).map_err(|panic| format!("prettyplease panicked: {panic}"))?;
    Ok(Generated { code, passes, doc })
}

/// Runs [`PASSES`] in order, checking each against what the spec calls for.
pub fn run_passes(file: &mut syn::File, cx: &Context) -> Result<Vec<(&'static str, usize)>, String> {
    let mut done = Vec::with_capacity(PASSES.len());
    for pass in PASSES {
        let sites = (pass.run)(file, cx).map_err(|e| format!("pass `{}`: {e}", pass.name))?;
        let expect = (pass.expect)(cx);
        if !expect.met_by(sites) {
            return Err(format!(
                "progenitor's output changed: pass `{}` found {sites} of {} where the spec calls for {expect}",
                pass.name, pass.finds
            ));
        }
        done.push((pass.name, sites));
    }
    Ok(done)
}

/// progenitor's output for the normalised document, before any pass.
pub fn progenitor_output(doc: serde_json::Value, notes: &Notes) -> Result<syn::File, String> {
    progenitor_file(&openapi(doc)?, notes)
}

/// The normalised document as openapiv3 reads it; what it cannot read is an
/// error naming the place (a JSON pointer into the normalised document).
fn openapi(doc: serde_json::Value) -> Result<openapiv3::OpenAPI, String> {
    serde_path_to_error::deserialize(&doc).map_err(|e| {
        let message = e.inner().to_string();
        let at = isolate::locate(&doc, isolate::pointer(e.path()), &message);
        format!("at {at}: not an OpenAPI 3.0 document after normalisation: {message}")
    })
}

/// progenitor's output for a document; a panic in it is an error with its
/// message ([`isolate::catch`]: not printed).
fn progenitor_file(spec: &openapiv3::OpenAPI, notes: &Notes) -> Result<syn::File, String> {
    let mut generator = progenitor::Generator::new(&settings(notes));
    let tokens = isolate::catch(|| generator.generate_tokens(spec))
        .map_err(|panic| format!("progenitor panicked: {panic}"))?
        .map_err(|e| format!("progenitor: {}", e.to_string().lines().next().unwrap_or_default()))?;
    syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))
}

/// progenitor's settings: builders, one `Client`, the crate's `Config` as its
/// inner type with the crate's own hooks, the open enums in place of
/// typify's closed ones, `i128` for response integers and `FilePart` for
/// the file fields of multipart bodies.
fn settings(notes: &Notes) -> progenitor::GenerationSettings {
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_inner_type(quote!(crate::contract::Config))
        .with_hooks(progenitor::HooksMode::Expected);
    for name in notes.open_enums.keys() {
        let impls = [progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr];
        settings.with_replacement(name, format!("crate::types::{name}"), impls.into_iter());
    }
    // Integers in responses (`response_scalars`), decoded by `lenient_integers`.
    let wide = schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::Integer.into()),
        format: Some(crate::normalize::WIDE_INTEGER.to_string()),
        ..Default::default()
    };
    let impls = [progenitor::TypeImpl::Default, progenitor::TypeImpl::Display, progenitor::TypeImpl::FromStr];
    settings.with_conversion(wide, "i128", impls.into_iter());
    // A multipart body's file fields (`multipart_bodies`).
    let file = schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::String.into()),
        format: Some(crate::normalize::FILE_FORMAT.to_string()),
        ..Default::default()
    };
    settings.with_conversion(file, "crate::contract::FilePart", std::iter::empty());
    settings
}

/// The items of the top-level module `name` (`types`, `builder`).
fn module_mut<'a>(items: &'a mut [syn::Item], name: &str) -> Result<&'a mut Vec<syn::Item>, String> {
    items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|c| &mut c.1),
            _ => None,
        })
        .ok_or_else(|| format!("progenitor's output changed: it has no `{name}` module"))
}

/// The impls of progenitor's operation builders: those with a `send()`.
fn builder_impls(file: &mut syn::File) -> Result<impl Iterator<Item = &mut syn::ItemImpl>, String> {
    Ok(module_mut(&mut file.items, "builder")?.iter_mut().filter_map(|item| match item {
        syn::Item::Impl(i) if i.items.iter().any(|m| matches!(m, syn::ImplItem::Fn(f) if shape::is_send(f))) => Some(i),
        _ => None,
    }))
}

/// The index of the builder's `send()` among its items.
fn send_index(item: &syn::ItemImpl) -> Option<usize> {
    item.items.iter().position(|m| matches!(m, syn::ImplItem::Fn(f) if shape::is_send(f)))
}

/// The builder's `send()`.
fn send_of(item: &syn::ItemImpl) -> Option<&syn::ImplItemFn> {
    item.items.iter().find_map(|m| match m {
        syn::ImplItem::Fn(f) if shape::is_send(f) => Some(f),
        _ => None,
    })
}

/// The builder's `send()`, to rewrite.
fn send_of_mut(item: &mut syn::ItemImpl) -> Option<&mut syn::ImplItemFn> {
    item.items.iter_mut().find_map(|m| match m {
        syn::ImplItem::Fn(f) if shape::is_send(f) => Some(f),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pass_changes_what_the_fixture_calls_for() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shapes.yaml");
        let mut doc = crate::normalize::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
        let notes = crate::normalize::normalize(&mut doc).unwrap();
        let cx = Context::new(&doc, &notes);
        let mut file = progenitor_output(doc, &notes).unwrap();
        let done = run_passes(&mut file, &cx).unwrap();
        let names: Vec<_> = done.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, PASSES.iter().map(|p| p.name).collect::<Vec<_>>());
        let sites = |name| done.iter().find(|(n, _)| *n == name).unwrap().1;
        assert_eq!(sites("send_via_contract"), 8);
        assert_eq!(sites("json_bodies"), 3);
        assert_eq!(sites("conform_table"), 8);
        let code = prettyplease::unparse(&file);
        // The form (`POST /uploads`) is sent as one, its file a `FilePart`.
        assert!(code.contains("crate::contract::multipart_body(") && code.contains("crate::contract::FilePart"));
        // The WebSocket session (`GET /live/websocket`, `101`) is opened by its `send()`.
        assert!(code.contains("pub fn live_connect(&self)"), "{code}");
        assert!(code.contains("return crate::contract::connect(client, request, &info, &options).await;"));
        assert!(code.contains("::std::result::Result<crate::contract::Session, crate::contract::Error>"));
        // Each parameter by the spec's name, whatever the setter is called.
        assert!(code.contains(r#".parameter::<::std::string::String>("x-trace-id")?"#), "{code}");
        assert!(sites("open_unions") >= 1 && sites("lenient_integers") >= 1 && sites("optional_setters") >= 1);
    }

    #[test]
    fn a_pass_that_finds_too_few_names_itself() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shapes.yaml");
        let mut doc = crate::normalize::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
        let notes = crate::normalize::normalize(&mut doc).unwrap();
        let cx = Context::new(&doc, &notes);
        let mut file = progenitor_output(doc, &notes).unwrap();
        // As if progenitor stopped writing the client's constructor.
        builders::client_constructor(&mut file, &cx).unwrap();
        let err = run_passes(&mut file, &cx).unwrap_err();
        assert!(err.starts_with("progenitor's output changed: pass `client_constructor` found 0"), "{err}");
    }
}
