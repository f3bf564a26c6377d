//! The last pass, a check: generated code reaches the hand-written crate
//! only through `crate::contract` (and its own `crate::types`), so the
//! contract module is the whole interface between the two.

use super::context::Context;
use syn::visit::Visit;

/// Fails on any `crate::` path that goes elsewhere; counts the paths checked.
pub fn contract_only(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    struct Paths {
        checked: usize,
        elsewhere: std::collections::BTreeSet<String>,
    }
    impl<'ast> Visit<'ast> for Paths {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            let mut segments = path.segments.iter();
            // A lone `crate` is a visibility, `pub(crate)`.
            if path.segments.len() > 1 && segments.next().is_some_and(|s| s.ident == "crate") {
                self.checked += 1;
                let next = segments.next().map(|s| s.ident.to_string()).unwrap_or_default();
                if next != "contract" && next != "types" {
                    let text: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
                    self.elsewhere.insert(text.join("::"));
                }
            }
            syn::visit::visit_path(self, path);
        }
        // Doc comments name public paths for rustdoc, not for the compiler;
        // serde's `deserialize_with = "crate::..."` is a path in a string.
        fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
            for meta in super::shape::serde_args(attr).unwrap_or_default() {
                let syn::Meta::NameValue(nv) = meta else { continue };
                if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) = &nv.value {
                    if let Ok(path) = s.parse::<syn::Path>() {
                        self.visit_path(&path);
                    }
                }
            }
        }
    }
    let mut paths = Paths { checked: 0, elsewhere: Default::default() };
    paths.visit_file(file);
    if !paths.elsewhere.is_empty() {
        let list: Vec<_> = paths.elsewhere.into_iter().collect();
        return Err(format!("generated code reaches past `crate::contract`: {}", list.join(", ")));
    }
    Ok(paths.checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(file: syn::File) -> Result<usize, String> {
        let (doc, notes) = (serde_json::json!({}), crate::normalize::Notes::default());
        contract_only(&mut { file }, &Context::new(&doc, &notes))
    }

    #[test]
    fn only_the_contract_and_the_types() {
        let ok: syn::File = syn::parse_quote! {
            /// See [`crate::EventStream`].
            fn f() -> crate::contract::Error { let _: crate::types::X; }
            struct S { #[serde(deserialize_with = "crate::contract::lenient_integer")] n: i128 }
        };
        assert_eq!(check(ok), Ok(3));
        let bad: syn::File = syn::parse_quote! {
            struct S { #[serde(deserialize_with = "crate::response::lenient_integer")] n: i128 }
            fn f() { crate::transport::send(); }
        };
        let err = check(bad).unwrap_err();
        assert!(err.ends_with("crate::response::lenient_integer, crate::transport::send"), "{err}");
    }
}
