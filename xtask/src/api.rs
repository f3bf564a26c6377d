//! The public Rust API of generated code, as a flat list of items with
//! their signatures, and the difference between two of them: what a spec
//! change means for users of the crate.

use quote::ToTokens;
use std::collections::BTreeMap;

/// Item (`struct types::X`, `field types::X.y`, `fn Client::z`...) to its signature.
pub type Api = BTreeMap<String, String>;

/// The public items of generated code.
pub fn extract(code: &str) -> Result<Api, String> {
    let file = syn::parse_file(code).map_err(|e| format!("generated code does not parse: {e}"))?;
    let mut api = Api::new();
    collect(&file.items, "", &mut api);
    Ok(api)
}

/// Paths that only make a signature longer.
const NOISE: &[&str] = &[
    "::std::option::",
    "::std::string::",
    "::std::vec::",
    "::std::result::",
    "crate::types::",
    "types::",
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
                api.insert(format!("variant {name}::{}", v.ident), text(&v.fields));
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
        syn::Item::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "open_enum") => {
            open_enum(&m.mac.tokens, prefix, api);
        }
        _ => {}
    }
}

/// `crate::open_enum! { #[doc] Name { Variant = "value", ... } }`: an enum
/// with those variants and `Other`.
fn open_enum(tokens: &proc_macro2::TokenStream, prefix: &str, api: &mut Api) {
    let mut name = None;
    for tree in tokens.clone() {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => name = Some(ident.to_string()),
            proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => {
                let Some(name) = name.take() else { continue };
                let name = format!("{prefix}{name}");
                api.insert(format!("enum {name}"), String::new());
                api.insert(format!("variant {name}::Other"), "(String)".into());
                let mut expect_variant = true;
                for t in g.stream() {
                    match t {
                        proc_macro2::TokenTree::Ident(v) if expect_variant => {
                            api.insert(format!("variant {name}::{v}"), String::new());
                            expect_variant = false;
                        }
                        proc_macro2::TokenTree::Punct(p) if p.as_char() == ',' => expect_variant = true,
                        _ => {}
                    }
                }
            }
            _ => {}
        }
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
            crate::open_enum! { #[doc = "x"] Model { Llama = "llama", Mixtral = "mixtral", } }
        }
        pub struct Client;
        impl Client { pub fn speech(&self) -> u8 { 0 } pub fn gone(&self) {} fn private(&self) {} }
    "#;
    const NEW: &str = r#"
        pub mod types {
            pub struct Req { pub rate: i64, pub voice: String, pub language: Option<String> }
            pub enum Kind { A, B(u32), C }
            crate::open_enum! { #[doc = "x"] Model { Llama = "llama", } }
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

    #[test]
    fn the_shared_specs_api_change() {
        let specs = crate::codegen::root().join("../shared/specs");
        if !specs.is_dir() {
            eprintln!("skipped: {} is absent", specs.display());
            return;
        }
        let api = |name: &str| extract(&crate::codegen::generate_code(&specs.join(name)).unwrap()).unwrap();
        let d = diff(&api("together-2025-04-28.yaml"), &api("together-2025-12-23.yaml"));
        let rate = d.changed.iter().find(|(item, ..)| item == "field types::AudioSpeechRequest.sample_rate");
        assert_eq!(rate.map(|(_, o, n)| (o.as_str(), n.as_str())), Some(("Option<f64>", "Option<i64>")));
        let voice = d.changed.iter().find(|(item, ..)| item == "field types::AudioSpeechRequest.voice");
        assert_eq!(voice.map(|(_, o, n)| (o.as_str(), n.as_str())), Some(("AudioSpeechRequestVoice", "String")));
        assert!(d.added.contains(&"struct types::AudioTranscriptionRequest".to_string()));
        assert!(d.removed.contains(&"enum types::AudioSpeechRequestVoice".to_string()));
        assert_eq!(d.next_version("0.1.0").1, "breaking");
    }
}
