//! The public Rust API of the crate, as a flat list of items with their
//! signatures: of generated code ([`extract`]), of the hand-written modules
//! ([`extract_sources`]), and the difference between two lists: what a spec
//! change means for users of the crate. The committed listing
//! (`codegen/tests/golden/public-api.txt`) makes every change to it a diff.

use quote::ToTokens;
use std::collections::BTreeMap;
use std::path::Path;

/// Item (`struct types::X`, `field types::X.y`, `fn Client::z`...) to its signature.
pub type Api = BTreeMap<String, String>;

/// The public items of generated code.
pub fn extract(code: &str) -> Result<Api, String> {
    let file = syn::parse_file(code).map_err(|e| format!("generated code does not parse: {e}"))?;
    let mut api = Api::new();
    collect(&file.items, "", &mut api);
    Ok(api)
}

/// The public items of the hand-written modules under `src` (from
/// `src/lib.rs` down): those of a `pub mod` under its path, and those of a
/// private one under the path of each module that re-exports them
/// (`pub use crate::wav::WavFormat` in `audio`: `audio::WavFormat`). Methods
/// of private modules stay under the nearest public path; [`crate_api`]
/// keeps those of public types.
pub fn extract_sources(src: &Path) -> Result<Api, String> {
    let mut modules = Vec::new();
    module_files(&src.join("lib.rs"), src, ("", ""), true, &mut modules)?;
    // (module re-exported from, item name, the path it is re-exported at)
    let mut exports = Vec::new();
    for m in modules.iter().filter(|m| m.public) {
        for item in &m.file.items {
            if let syn::Item::Use(u) = item {
                if is_pub(&u.vis) {
                    let mut names = Vec::new();
                    use_names(&u.tree, &mut Vec::new(), &mut names);
                    exports.extend(names.into_iter().map(|(module, name)| (module, name, m.prefix.clone())));
                }
            }
        }
    }
    let mut api = Api::new();
    for m in &modules {
        let mut items = Api::new();
        m.file.items.iter().for_each(|item| item_in(item, &m.prefix, &mut items));
        for (item, sig) in items {
            let (kind, rest) = item.split_once(' ').unwrap_or_default();
            let rest = rest.strip_prefix(m.prefix.as_str()).unwrap_or(rest);
            let name = rest.split(['.', ':']).next().unwrap_or_default();
            let at: Vec<&String> =
                exports.iter().filter(|(module, n, _)| *module == m.name && n == name).map(|(_, _, at)| at).collect();
            if m.public || (at.is_empty() && kind == "fn" && rest.contains("::")) {
                api.insert(item, sig);
            } else {
                at.into_iter().for_each(|at| {
                    api.insert(format!("{kind} {at}{rest}"), sig.clone());
                });
            }
        }
    }
    Ok(api)
}

/// A module file of `src/`: its name, whether it is public, and its items'
/// path (its own when public, else the nearest public one).
struct ModuleFile {
    name: String,
    public: bool,
    prefix: String,
    file: syn::File,
}

fn module_files(
    path: &Path,
    dir: &Path,
    (name, prefix): (&str, &str),
    public: bool,
    out: &mut Vec<ModuleFile>,
) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    for item in &file.items {
        let syn::Item::Mod(m) = item else { continue };
        if m.content.is_some() {
            continue;
        }
        let child = m.ident.to_string();
        let flat = dir.join(format!("{child}.rs"));
        let file = if flat.is_file() { flat } else { dir.join(&child).join("mod.rs") };
        let pub_child = public && is_pub(&m.vis);
        let child_prefix = if pub_child { format!("{prefix}{child}::") } else { prefix.to_string() };
        module_files(&file, &dir.join(&child), (&child, &child_prefix), pub_child, out)?;
    }
    out.push(ModuleFile { name: name.to_string(), public, prefix: prefix.to_string(), file });
    Ok(())
}

/// The `(module, name)` pairs a `use` tree names (`binary::{BinaryResponse, ByteStream}`).
fn use_names(tree: &syn::UseTree, path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
    match tree {
        syn::UseTree::Path(p) => {
            path.push(p.ident.to_string());
            use_names(&p.tree, path, out);
            path.pop();
        }
        syn::UseTree::Name(n) => {
            let module = path.iter().find(|s| *s != "self" && *s != "crate").cloned().unwrap_or_default();
            out.push((module, n.ident.to_string()));
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_names(t, path, out)),
        _ => {}
    }
}

/// The whole crate's API: its generated `code` and the modules under `src`,
/// with the methods of types that are not public left out.
pub fn crate_api(code: &str, src: &Path) -> Result<Api, String> {
    let mut api = extract(code)?;
    api.extend(extract_sources(src)?);
    let types: std::collections::BTreeSet<String> = api
        .keys()
        .filter_map(|k| {
            k.strip_prefix("struct ").or_else(|| k.strip_prefix("enum ")).or_else(|| k.strip_prefix("trait "))
        })
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_string())
        .collect();
    api.retain(|item, _| {
        let Some(path) = item.strip_prefix("fn ") else { return true };
        let mut parts = path.rsplit("::");
        let (_, owner) = (parts.next(), parts.next());
        owner.is_none_or(|t| types.contains(t))
    });
    Ok(api)
}

/// The listing as committed: one item per line, with its signature.
pub fn render(api: &Api) -> String {
    api.iter()
        .map(|(item, sig)| if sig.is_empty() { format!("{item}\n") } else { format!("{item}: {sig}\n") })
        .collect()
}

/// Paths that only make a signature longer.
const NOISE: &[&str] = &[
    "::std::option::",
    "::std::string::",
    "::std::vec::",
    "::std::result::",
    "crate::types::",
    "types::",
    "crate::contract::",
    "crate::",
    "::serde_json::",
];

/// Tokens as compact, readable text: `Option<f64>`, `&self -> u8`.
fn text(tokens: &impl ToTokens) -> String {
    let mut s: String = tokens.to_token_stream().to_string().chars().filter(|c| !c.is_whitespace()).collect();
    for noise in NOISE {
        s = s.replace(noise, "");
    }
    s.replace(",>", ">").replace(",)", ")").replace(',', ", ").replace("->", " -> ")
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

fn collect(items: &[syn::Item], prefix: &str, api: &mut Api) {
    for item in items {
        match item {
            syn::Item::Mod(m) if is_pub(&m.vis) => {
                if let Some((_, inner)) = &m.content {
                    collect(inner, &format!("{prefix}{}::", m.ident), api);
                }
            }
            _ => item_in(item, prefix, api),
        }
    }
}

fn item_in(item: &syn::Item, prefix: &str, api: &mut Api) {
    match item {
        syn::Item::Struct(s) if is_pub(&s.vis) => {
            let name = format!("{prefix}{}", s.ident);
            api.insert(format!("struct {name}"), String::new());
            for field in &s.fields {
                if let (Some(ident), true) = (&field.ident, is_pub(&field.vis)) {
                    api.insert(format!("field {name}.{ident}"), text(&field.ty));
                }
            }
        }
        syn::Item::Enum(e) if is_pub(&e.vis) => {
            let name = format!("{prefix}{}", e.ident);
            api.insert(format!("enum {name}"), String::new());
            for v in &e.variants {
                // Docs are not API: a field's doc changing is no change.
                let mut fields = v.fields.clone();
                fields.iter_mut().for_each(|f| f.attrs.retain(|a| !a.path().is_ident("doc")));
                api.insert(format!("variant {name}::{}", v.ident), text(&fields));
            }
        }
        syn::Item::Fn(f) if is_pub(&f.vis) => {
            let sig = &f.sig;
            api.insert(format!("fn {prefix}{}", sig.ident), format!("{}{}", text(&sig.inputs), text(&sig.output)));
        }
        syn::Item::Trait(t) if is_pub(&t.vis) => {
            api.insert(format!("trait {prefix}{}", t.ident), String::new());
            for member in &t.items {
                if let syn::TraitItem::Fn(f) = member {
                    let sig = &f.sig;
                    let signature = format!("{}{}", text(&sig.inputs), text(&sig.output));
                    api.insert(format!("fn {prefix}{}::{}", t.ident, sig.ident), signature);
                }
            }
        }
        syn::Item::Const(c) if is_pub(&c.vis) => {
            api.insert(format!("const {prefix}{}", c.ident), text(&c.ty));
        }
        syn::Item::Impl(i) if i.trait_.is_none() => {
            let ty = match &*i.self_ty {
                syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
                other => text(other),
            };
            for member in &i.items {
                if let syn::ImplItem::Fn(f) = member {
                    if is_pub(&f.vis) {
                        let sig = &f.sig;
                        let signature = format!("{}{}", text(&sig.inputs), text(&sig.output));
                        api.insert(format!("fn {prefix}{ty}::{}", sig.ident), signature);
                    }
                }
            }
        }
        _ => {}
    }
}

/// Added, removed and changed items between two APIs.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (item, old signature, new signature)
    pub changed: Vec<(String, String, String)>,
}

pub fn diff(old: &Api, new: &Api) -> ApiDiff {
    let mut d = ApiDiff::default();
    for (item, sig) in old {
        match new.get(item) {
            None => d.removed.push(item.clone()),
            Some(new_sig) if new_sig != sig => d.changed.push((item.clone(), sig.clone(), new_sig.clone())),
            Some(_) => {}
        }
    }
    d.added = new.keys().filter(|k| !old.contains_key(*k)).cloned().collect();
    d
}

impl ApiDiff {
    /// The version to release next from `version` (`0.y.z` rules: a breaking
    /// change bumps `y`, an addition `z`). Generated structs and enums are
    /// `#[non_exhaustive]`, so new fields and variants are additions.
    pub fn next_version(&self, version: &str) -> (String, &'static str) {
        let parts: Vec<u64> = version.split('.').map(|p| p.parse().unwrap_or(0)).collect();
        let (major, minor, patch) = (parts[0], parts.get(1).copied().unwrap_or(0), parts.get(2).copied().unwrap_or(0));
        let breaking = !self.removed.is_empty() || !self.changed.is_empty();
        match (breaking, !self.added.is_empty(), major) {
            (true, _, 0) => (format!("0.{}.0", minor + 1), "breaking"),
            (true, _, _) => (format!("{}.0.0", major + 1), "breaking"),
            (false, true, 0) => (format!("0.{minor}.{}", patch + 1), "additions only"),
            (false, true, _) => (format!("{major}.{}.0", minor + 1), "additions only"),
            (false, false, _) => (format!("{major}.{minor}.{}", patch + 1), "no change to the public API"),
        }
    }

    pub fn render(&self, limit: usize) -> String {
        let mut out = format!(
            "public API: {} removed, {} changed, {} added\n",
            self.removed.len(),
            self.changed.len(),
            self.added.len()
        );
        let mut list = |title: &str, lines: Vec<String>| {
            if lines.is_empty() {
                return;
            }
            out.push_str(&format!("{title}:\n"));
            for line in lines.iter().take(limit) {
                out.push_str(&format!("  {line}\n"));
            }
            if lines.len() > limit {
                out.push_str(&format!("  ... and {} more\n", lines.len() - limit));
            }
        };
        list("removed", self.removed.clone());
        list("changed", self.changed.iter().map(|(i, o, n)| format!("{i}: `{o}` -> `{n}`")).collect());
        list("added", self.added.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str = r#"
        pub mod types {
            pub struct Req { pub rate: f64, pub voice: String, hidden: u8 }
            pub enum Kind { A, B(u32) }
            pub enum Model { Llama, Mixtral, Other(String) }
        }
        pub struct Client;
        impl Client { pub fn speech(&self) -> u8 { 0 } pub fn gone(&self) {} fn private(&self) {} }
    "#;
    const NEW: &str = r#"
        pub mod types {
            pub struct Req { pub rate: i64, pub voice: String, pub language: Option<String> }
            pub enum Kind { A, B(u32), C }
            pub enum Model { Llama, Other(String) }
        }
        pub struct Client;
        impl Client { pub fn speech(&self) -> u8 { 0 } pub fn transcribe(&self) {} }
    "#;

    #[test]
    fn items_and_signatures() {
        let api = extract(OLD).unwrap();
        assert_eq!(api.get("field types::Req.rate").map(String::as_str), Some("f64"));
        assert!(!api.contains_key("field types::Req.hidden"), "private fields are not API");
        assert!(api.contains_key("variant types::Model::Mixtral") && api.contains_key("variant types::Model::Other"));
        assert_eq!(api.get("fn Client::speech").map(String::as_str), Some("&self -> u8"));
        assert!(!api.contains_key("fn Client::private"));
    }

    #[test]
    fn differences_and_the_next_version() {
        let d = diff(&extract(OLD).unwrap(), &extract(NEW).unwrap());
        assert_eq!(d.removed, ["fn Client::gone", "variant types::Model::Mixtral"]);
        assert_eq!(d.changed, [("field types::Req.rate".to_string(), "f64".to_string(), "i64".to_string())]);
        assert_eq!(d.added, ["field types::Req.language", "fn Client::transcribe", "variant types::Kind::C"]);
        assert_eq!(d.next_version("0.1.0"), ("0.2.0".to_string(), "breaking"));
        let additive = ApiDiff { added: vec!["x".into()], ..Default::default() };
        assert_eq!(additive.next_version("0.1.0"), ("0.1.1".to_string(), "additions only"));
        assert_eq!(additive.next_version("1.2.3"), ("1.3.0".to_string(), "additions only"));
        assert_eq!(ApiDiff::default().next_version("0.1.0").1, "no change to the public API");
    }
}
