//! Names of generated types: no positional `VariantN`, inline list items
//! named in the singular, and the aliases of `policy::NAMES`.

use super::context::Context;
use super::module_mut;
use super::shape;
use super::typify::{innermost, Types};
use heck::{ToPascalCase, ToSnakeCase};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;

/// `pub type Name = Component;` for each alias of `policy::NAMES`.
pub fn type_aliases(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let defined = defined(items);
    let mut n = 0;
    for (alias, component) in &cx.notes.aliases {
        if !defined.contains(component) || defined.contains(alias) {
            continue;
        }
        let (name, target) = (quote::format_ident!("{alias}"), quote::format_ident!("{component}"));
        let doc = format!(
            "The name this crate keeps across spec versions for [`{component}`] (`policy::NAMES`): \
             code written against it compiles with any spec."
        );
        items.push(syn::parse_quote!(#[doc = #doc] pub type #name = #target;));
        n += 1;
    }
    Ok(n)
}

/// `#[doc(alias = "listEndpoints")]` on each `Client` method whose name is
/// not the spec's `operationId` ([`crate::normalize`] names every operation
/// from its path), and the id in snake_case too: docs searched for the
/// spec's name or the old one find the method.
pub fn spec_id_aliases(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let mut n = 0;
    for item in file.items.iter_mut() {
        let syn::Item::Impl(imp) = item else { continue };
        if !shape::is_inherent_impl_of(imp, "Client") {
            continue;
        }
        for member in imp.items.iter_mut() {
            let syn::ImplItem::Fn(f) = member else { continue };
            let name = f.sig.ident.to_string();
            let Some(spec_id) = cx.notes.spec_ids.get(&name) else { continue };
            let mut aliases = vec![spec_id.clone()];
            let snake = spec_id.to_snake_case();
            if snake != *spec_id && snake != name {
                aliases.push(snake);
            }
            // What rustdoc accepts as an alias: no quote, no whitespace.
            aliases.retain(|a| !a.is_empty() && !a.chars().any(|c| c == '"' || c == '\'' || c.is_whitespace()));
            if !aliases.is_empty() {
                f.attrs.push(syn::parse_quote!(#[doc(alias(#(#aliases),*))]));
            }
            n += 1;
        }
    }
    Ok(n)
}

/// The names of the types among `items` (structs, enums, aliases).
pub(super) fn defined(items: &[syn::Item]) -> BTreeSet<String> {
    items.iter().filter_map(defined_name).collect()
}

/// The name of the type an item defines, if it is a struct, enum or alias.
pub(super) fn defined_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }
}

/// Whether a typify name is positional: `Variant3`, or ends so (`FooVariant3`).
fn positional(name: &str) -> Option<&str> {
    let digits = name.trim_end_matches(|c: char| c.is_ascii_digit());
    (digits.len() < name.len() && digits.ends_with("Variant")).then(|| &name[..digits.len() - "Variant".len()])
}

/// The member of a union typify names by position gets a name from the
/// spec: its one-value field (`type: text` is `Text`), else the required
/// field only it has, else its JSON type; the member's type (and the
/// types inside it, named after it) follow: `ContentPartVariant0` is
/// `ContentPartText`. A name that would clash stays as it was.
pub fn variant_names(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let required = required_of(file)?;
    let items = module_mut(&mut file.items, "types")?;
    let mut defined = defined(items);
    let mut variants: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for item in items.iter() {
        let syn::Item::Enum(e) = item else { continue };
        let members: Vec<(&syn::Variant, Option<String>)> = e.variants.iter().map(|v| (v, member_type(v))).collect();
        if !members.iter().any(|(v, _)| positional(&v.ident.to_string()).is_some()) {
            continue;
        }
        let fields_of = |v: &syn::Variant, t: &Option<String>| -> Vec<String> {
            match (&v.fields, t) {
                (syn::Fields::Named(f), _) => {
                    f.named.iter().filter_map(|f| f.ident.as_ref().map(|i| i.to_string())).collect()
                }
                (_, Some(t)) => {
                    types.fields.get(t).map(|f| f.iter().map(|(n, ..)| n.clone()).collect()).unwrap_or_default()
                }
                _ => Vec::new(),
            }
        };
        let mut taken: BTreeSet<String> = e.variants.iter().map(|v| v.ident.to_string()).collect();
        for (v, t) in &members {
            let old = v.ident.to_string();
            if positional(&old).is_none() {
                continue;
            }
            let own = fields_of(v, t);
            let others: BTreeSet<String> =
                members.iter().filter(|(o, _)| o.ident != v.ident).flat_map(|(o, ot)| fields_of(o, ot)).collect();
            let tag = t.as_deref().and_then(|t| types.tag(t));
            let unique = || {
                let req = |f: &String| t.as_ref().is_none_or(|t| required.contains(&(t.clone(), f.clone())));
                own.iter().find(|f| !others.contains(*f) && req(f)).map(|f| f.to_pascal_case())
            };
            let candidates = tag.or_else(unique).map(|n| vec![n]).unwrap_or_else(|| json_type(v, t, &types));
            let Some(name) = candidates.into_iter().find(|n| !taken.contains(n)) else { continue };
            taken.insert(name.clone());
            taken.remove(&old);
            variants.entry(e.ident.to_string()).or_default().insert(old.clone(), name.clone());
            // The member's type, named after the enum and the position
            // (for a variant with fields, the types of its fields).
            if matches!(v.fields, syn::Fields::Named(_)) {
                renames.insert(format!("{}{old}", e.ident), format!("{}{name}", e.ident));
            }
            if let Some(t) = t {
                if let Some(prefix) = positional(t) {
                    let to = format!("{prefix}{name}");
                    if !defined.contains(&to) {
                        defined.insert(to.clone());
                        renames.insert(t.clone(), to);
                    }
                }
            }
        }
    }
    let n = variants.values().map(BTreeMap::len).sum();
    let renames = with_inner_types(&renames, &defined);
    apply(file, &renames, &variants);
    Ok(n)
}

/// `(struct, field)` of the required fields of typify's structs.
fn required_of(file: &mut syn::File) -> Result<BTreeSet<(String, String)>, String> {
    Ok(match super::typify::typify_builders(file)? {
        Some(builders) => super::typify::required_fields(builders),
        None => BTreeSet::new(),
    })
}

/// The type a newtype variant holds.
fn member_type(v: &syn::Variant) -> Option<String> {
    let syn::Fields::Unnamed(f) = &v.fields else { return None };
    (f.unnamed.len() == 1).then(|| shape::type_name(&f.unnamed[0].ty)).flatten()
}

/// A member's JSON type as names to try: `Object` for a struct, `String`
/// for an enum of strings, `Array` for a list, then the plural of what the
/// list holds (`Strings`, `Objects`) when `Array` is taken.
fn json_type(v: &syn::Variant, t: &Option<String>, types: &Types) -> Vec<String> {
    if matches!(v.fields, syn::Fields::Named(_)) {
        return vec!["Object".into()];
    }
    let Some(t) = t else { return Vec::new() };
    if types.fields.contains_key(t) {
        return vec!["Object".into()];
    }
    if types.unit_enums.contains_key(t) {
        return vec!["String".into()];
    }
    let syn::Fields::Unnamed(f) = &v.fields else { return Vec::new() };
    let Some(item) = f.unnamed.first().and_then(|f| shape::first_type_argument(&f.ty, "Vec")) else {
        return Vec::new();
    };
    let plural = match shape::type_name(item).as_deref() {
        Some("String") => "Strings",
        Some("Map") => "Objects",
        Some("i64" | "i128" | "u64" | "i32") => "Integers",
        Some("f64" | "f32") => "Numbers",
        Some("bool") => "Booleans",
        Some("Vec") => "Arrays",
        Some(t) if types.fields.contains_key(t) => "Objects",
        _ => return vec!["Array".into()],
    };
    vec!["Array".into(), plural.into()]
}

/// The renames with the types named after each renamed type (`XVariant0Type`
/// follows `XVariant0`), when none of the new names is taken.
fn with_inner_types(renames: &BTreeMap<String, String>, defined: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = renames.clone();
    for name in defined {
        for (from, to) in renames {
            let Some(rest) = name.strip_prefix(from.as_str()) else { continue };
            if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !out.contains_key(name) {
                let new = format!("{to}{rest}");
                if !defined.contains(&new) {
                    out.insert(name.clone(), new);
                }
            }
        }
    }
    out
}

/// A list field's inline items are named in the singular of the field
/// (`ChatCompletionResponse.choices` holds `ChatCompletionResponseChoice`,
/// not `ChatCompletionResponseChoicesItem`), with the types named after
/// them; a field whose singular is itself (`data`) keeps typify's name.
pub fn item_names(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let items = module_mut(&mut file.items, "types")?;
    let types = Types::read(items);
    let mut defined = defined(items);
    let mut renames = BTreeMap::new();
    for (ty, fields) in &types.fields {
        for (field, fty, _) in fields {
            let item = innermost(fty);
            let word = field.trim_end_matches('_').to_pascal_case();
            if item != format!("{ty}{word}Item") || !holds_list(fty) {
                continue;
            }
            let Some(singular) = singular(&word) else { continue };
            let to = format!("{ty}{singular}");
            if !defined.contains(&to) && !renames.contains_key(&item) {
                defined.insert(to.clone());
                renames.insert(item, to);
            }
        }
    }
    // A name that says its last words twice (`..ImageUrlImageUrl`: the
    // `image_url` property of the `image_url` member) says them once.
    for name in defined.clone() {
        let name = renames.get(&name).cloned().unwrap_or(name);
        if let Some(once) = said_once(&name).filter(|n| !defined.contains(n)) {
            defined.insert(once.clone());
            renames.insert(name, once);
        }
    }
    let n = renames.len();
    let renames = with_inner_types(&renames, &defined);
    apply(file, &renames, &BTreeMap::new());
    Ok(n)
}

/// `XAbAb` as `XAb`: a name whose last one to three words come twice.
fn said_once(name: &str) -> Option<String> {
    let words: Vec<String> = name.to_snake_case().split('_').map(str::to_string).collect();
    (1..=3).rev().find_map(|k| {
        let n = words.len();
        (n > 2 * k && words[n - k..] == words[n - 2 * k..n - k]).then(|| words[..n - k].join("_").to_pascal_case())
    })
}

fn holds_list(ty: &syn::Type) -> bool {
    let ty = shape::first_type_argument(ty, "Option").unwrap_or(ty);
    shape::first_type_argument(ty, "Vec").is_some()
}

/// The singular of a plural English word in PascalCase (its last word), or
/// `None` when it is not a plain plural.
fn singular(word: &str) -> Option<String> {
    let snake = word.to_snake_case();
    let (head, last) = snake.rsplit_once('_').map_or(("", snake.as_str()), |(h, l)| (h, l));
    let one = if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else if ["sses", "uses", "shes", "ches", "xes"].iter().any(|s| last.ends_with(s)) {
        last[..last.len() - 2].to_string()
    } else if last.ends_with('s') && !["ss", "us", "is"].iter().any(|s| last.ends_with(s)) && last.len() > 2 {
        last[..last.len() - 1].to_string()
    } else {
        return None;
    };
    Some(format!("{head}_{one}").to_pascal_case())
}

/// Renames types everywhere in the file (paths, definitions, docs that
/// name them) and variants of the given enums.
fn apply(
    file: &mut syn::File,
    types: &BTreeMap<String, String>,
    variants: &BTreeMap<String, BTreeMap<String, String>>,
) {
    struct Rename<'a> {
        types: &'a BTreeMap<String, String>,
        variants: &'a BTreeMap<String, BTreeMap<String, String>>,
        /// The enum whose impl or definition is being visited.
        current: Option<String>,
    }
    impl Rename<'_> {
        fn variant(&self, of: &str, ident: &mut syn::Ident) {
            if let Some(to) = self.variants.get(of).and_then(|v| v.get(&ident.to_string())) {
                *ident = syn::Ident::new(to, ident.span());
            }
        }
    }
    impl VisitMut for Rename<'_> {
        fn visit_item_enum_mut(&mut self, e: &mut syn::ItemEnum) {
            let name = e.ident.to_string();
            for v in &mut e.variants {
                self.variant(&name, &mut v.ident);
            }
            let outer = self.current.replace(name);
            syn::visit_mut::visit_item_enum_mut(self, e);
            self.current = outer;
        }
        fn visit_item_impl_mut(&mut self, i: &mut syn::ItemImpl) {
            let outer = self.current.take();
            self.current = shape::type_name(&i.self_ty);
            syn::visit_mut::visit_item_impl_mut(self, i);
            self.current = outer;
        }
        fn visit_path_mut(&mut self, p: &mut syn::Path) {
            // `E::VariantN` anywhere, `Self::VariantN` in E's impls.
            let n = p.segments.len();
            if n >= 2 {
                let owner = p.segments[n - 2].ident.to_string();
                let owner = if owner == "Self" { self.current.clone() } else { Some(owner) };
                if let Some(owner) = owner {
                    let mut ident = p.segments[n - 1].ident.clone();
                    self.variant(&owner, &mut ident);
                    p.segments[n - 1].ident = ident;
                }
            }
            syn::visit_mut::visit_path_mut(self, p);
        }
        fn visit_ident_mut(&mut self, ident: &mut syn::Ident) {
            if let Some(to) = self.types.get(&ident.to_string()) {
                *ident = syn::Ident::new(to, ident.span());
            }
        }
        fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
            let syn::Meta::NameValue(nv) = &mut attr.meta else { return };
            if !nv.path.is_ident("doc") {
                return;
            }
            if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &mut nv.value {
                if let Some(text) = rename_words(&s.value(), self.types) {
                    *s = syn::LitStr::new(&text, s.span());
                }
            }
        }
    }
    if types.is_empty() && variants.is_empty() {
        return;
    }
    Rename { types, variants, current: None }.visit_file_mut(file);
}

/// `text` with each whole word that is a renamed type renamed; `None`
/// when it names none (most docs: they are left as they are).
fn rename_words(text: &str, renames: &BTreeMap<String, String>) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let (mut word, mut renamed) = (String::new(), false);
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
            continue;
        }
        match renames.get(&word) {
            Some(to) => {
                out.push_str(to);
                renamed = true;
            }
            None => out.push_str(&word),
        }
        word.clear();
        out.push(c);
    }
    out.pop();
    renamed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_positions() {
        assert_eq!(singular("Choices").as_deref(), Some("Choice"));
        assert_eq!(singular("Entries").as_deref(), Some("Entry"));
        assert_eq!(singular("Statuses").as_deref(), Some("Status"));
        assert_eq!(singular("ToolCalls").as_deref(), Some("ToolCall"));
        assert_eq!(singular("Data"), None);
        assert_eq!(singular("Status"), None);
        assert_eq!(positional("Variant0"), Some(""));
        assert_eq!(positional("FooVariant12"), Some("Foo"));
        assert_eq!(positional("Variants"), None);
        assert_eq!(positional("Foo"), None);
        assert_eq!(said_once("PartImageUrlImageUrl").as_deref(), Some("PartImageUrl"));
        assert_eq!(said_once("PartUrlUrl").as_deref(), Some("PartUrl"));
        assert_eq!(said_once("UrlUrl"), None);
        assert_eq!(said_once("PartImageUrl"), None);
        let renames = BTreeMap::from([("AVariant0".to_string(), "AText".to_string())]);
        assert_eq!(rename_words("`AVariant0`, not AVariant01", &renames).as_deref(), Some("`AText`, not AVariant01"));
        assert_eq!(rename_words("not AVariant01", &renames), None);
    }
}
