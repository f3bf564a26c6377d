//! What the passes assume about progenitor's and typify's output, as
//! predicates on `syn` nodes, one per construct. Each is tested below on
//! real output: progenitor run on `tests/fixtures/shapes.yaml`. When a
//! progenitor upgrade changes a shape, a test here fails, and the pass that
//! relies on it fails the build with its name (see [`super::Pass`]).

use syn::visit::Visit;

/// Whether `item` is an inherent impl (no trait) of a type whose last path
/// segment is `name` (`impl Client`, `impl<'a> Chat<'a>`).
pub fn is_inherent_impl_of(item: &syn::ItemImpl, name: &str) -> bool {
    item.trait_.is_none() && type_name(&item.self_ty).is_some_and(|n| n == name)
}

/// The last path segment of a type (`Chat` for `Chat<'a>`, `Usage` for `types::Usage`).
pub fn type_name(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(p) = ty else { return None };
    p.path.segments.last().map(|s| s.ident.to_string())
}

/// Whether `item` implements the trait whose last path segment is `name`.
pub fn implements(item: &syn::ItemImpl, name: &str) -> bool {
    item.trait_.as_ref().is_some_and(|(p, _)| p.segments.last().is_some_and(|s| s.ident == name))
}

/// Whether a path's segments are exactly `names` (`["ResponseValue", "empty"]`).
pub fn path_is(path: &syn::Path, names: &[&str]) -> bool {
    path.segments.len() == names.len() && path.segments.iter().zip(names).all(|(s, n)| s.ident == n)
}

/// Whether a path's last segments are `names` (`["header", "ACCEPT"]` for `::reqwest::header::ACCEPT`).
pub fn path_ends_with(path: &syn::Path, names: &[&str]) -> bool {
    let n = path.segments.len();
    n >= names.len() && path.segments.iter().skip(n - names.len()).zip(names).all(|(s, n)| s.ident == n)
}

/// Whether `expr` is the plain path `name` (`body`, `value`).
pub fn is_ident_expr(expr: &syn::Expr, name: &str) -> bool {
    matches!(expr, syn::Expr::Path(p) if p.qself.is_none() && p.path.is_ident(name))
}

/// `T` from `Wrapper<T, ...>` when the type's last path segment is `wrapper`.
pub fn first_type_argument<'a>(ty: &'a syn::Type, wrapper: &str) -> Option<&'a syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last().filter(|s| s.ident == wrapper)?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    }
}

/// The type arguments of a type's last path segment.
pub fn type_arguments(ty: &syn::Type) -> Vec<&syn::Type> {
    let syn::Type::Path(p) = ty else { return Vec::new() };
    let Some(syn::PathArguments::AngleBracketed(args)) = p.path.segments.last().map(|s| &s.arguments) else {
        return Vec::new();
    };
    args.args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// The arguments of a `#[serde(...)]` attribute, or `None` for another attribute.
pub fn serde_args(attr: &syn::Attribute) -> Option<Vec<syn::Meta>> {
    if !attr.path().is_ident("serde") {
        return None;
    }
    attr.parse_args_with(syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        .ok()
        .map(|list| list.into_iter().collect())
}

/// Whether the attributes hold the serde argument `name` (`untagged`, `default`, `deserialize_with`).
pub fn has_serde_arg(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().filter_map(serde_args).flatten().any(|m| m.path().is_ident(name))
}

/// progenitor's operation builder: a struct with a `client: &'a super::Client` field.
pub fn is_operation_builder(s: &syn::ItemStruct) -> bool {
    s.fields.iter().any(|f| {
        f.ident.as_ref().is_some_and(|i| i == "client")
            && matches!(&f.ty, syn::Type::Reference(r) if matches!(&*r.elem, syn::Type::Path(p) if path_is(&p.path, &["super", "Client"])))
    })
}

/// The builder's constructor: `fn new(client: &'a super::Client) -> Self`.
pub fn is_builder_constructor(f: &syn::ImplItemFn) -> bool {
    f.sig.ident == "new"
        && f.sig.inputs.len() == 1
        && matches!(f.sig.inputs.first(), Some(syn::FnArg::Typed(t)) if matches!(&*t.pat, syn::Pat::Ident(i) if i.ident == "client"))
}

/// The builder's `async fn send(self)`.
pub fn is_send(f: &syn::ImplItemFn) -> bool {
    f.sig.ident == "send" && f.sig.asyncness.is_some()
}

/// The `operation_id` a `send()` reports in its `OperationInfo { operation_id: "..." }`.
pub fn operation_id(send: &syn::ImplItemFn) -> Option<String> {
    struct Find(Option<String>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_struct(&mut self, e: &'ast syn::ExprStruct) {
            if path_ends_with(&e.path, &["OperationInfo"]) {
                for field in &e.fields {
                    if let (syn::Member::Named(name), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })) =
                        (&field.member, &field.expr)
                    {
                        if name == "operation_id" {
                            self.0 = Some(s.value());
                        }
                    }
                }
            }
            syn::visit::visit_expr_struct(self, e);
        }
    }
    let mut find = Find(None);
    find.visit_impl_item_fn(send);
    find.0
}

/// Whether a node holds the string literal `value` anywhere.
pub fn holds_literal(node: &syn::Stmt, value: &str) -> bool {
    struct Find<'a>(&'a str, bool);
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
            self.1 |= lit.value() == self.0;
        }
    }
    let mut find = Find(value, false);
    find.visit_stmt(node);
    find.1
}

/// Whether a statement calls `client.<method>(..)` (the hooks `pre`, `exec`, `post`).
pub fn calls_client(stmt: &syn::Stmt, method: &str) -> bool {
    struct Find<'a>(&'a str, bool);
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            self.1 |= call.method == self.0 && is_ident_expr(&call.receiver, "client");
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut find = Find(method, false);
    find.visit_stmt(stmt);
    find.1
}

/// The first argument of `client.<method>(arg, ..)` in a statement: the
/// request `client.exec(request, &info)` sends (progenitor names it
/// `_request` when a parameter is called `request`).
pub fn client_call_arg(stmt: &syn::Stmt, method: &str) -> Option<syn::Expr> {
    struct Find<'a>(&'a str, Option<syn::Expr>);
    impl<'ast> Visit<'ast> for Find<'_> {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if self.1.is_none() && call.method == self.0 && is_ident_expr(&call.receiver, "client") {
                self.1 = call.args.first().cloned();
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut find = Find(method, None);
    find.visit_stmt(stmt);
    find.1
}

/// In `return crate::contract::send_*(client, request, ...).await`, the
/// request argument.
pub fn contract_call_request(stmt: &syn::Stmt) -> Option<syn::Expr> {
    struct Find(Option<syn::Expr>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            let contract = matches!(&*call.func, syn::Expr::Path(p)
                if p.path.segments.iter().any(|s| s.ident == "contract")
                    && p.path.segments.last().is_some_and(|s| s.ident.to_string().starts_with("send_")));
            if self.0.is_none() && contract {
                self.0 = call.args.iter().nth(1).cloned();
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut find = Find(None);
    find.visit_stmt(stmt);
    find.0
}

/// `let <name> = ...;`
pub fn binds(stmt: &syn::Stmt, name: &str) -> bool {
    matches!(stmt, syn::Stmt::Local(l) if matches!(&l.pat, syn::Pat::Ident(i) if i.ident == name))
}

/// `let response = result?;` (progenitor names them `_response` and
/// `_result` when parameters are called so): a binding of a plain name to
/// another `?`, which nothing else in a `send()` is.
pub fn is_result_unwrap(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Local(l) = stmt else { return false };
    let plain = |e: &syn::Expr| matches!(e, syn::Expr::Path(p) if p.path.get_ident().is_some());
    matches!(&l.pat, syn::Pat::Ident(_))
        && l.init.as_ref().is_some_and(|i| matches!(&*i.expr, syn::Expr::Try(t) if plain(&t.expr)))
}

/// `let Self { client, ... } = self;`: the builder taken apart.
pub fn destructures_self(stmt: &syn::Stmt) -> bool {
    matches!(stmt, syn::Stmt::Local(syn::Local { pat: syn::Pat::Struct(p), .. }) if p.path.is_ident("Self"))
}

/// What a 2xx answer is, as progenitor decodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `ResponseValue::from_response(response).await`
    Json,
    /// `ResponseValue::stream(response)`
    Binary,
    /// `ResponseValue::empty(response)`
    Empty,
}

/// The status match ending a `send()`
/// (`match response.status().as_u16() { 200u16 => ..., _ => Err(..) }`) and
/// the answer its first 2xx arm decodes.
pub fn status_match(stmt: &syn::Stmt) -> Option<Answer> {
    let syn::Stmt::Expr(syn::Expr::Match(m), None) = stmt else { return None };
    let syn::Expr::MethodCall(scrutinee) = &*m.expr else { return None };
    if scrutinee.method != "as_u16" {
        return None;
    }
    // `200u16 =>`, or `200..=299 =>` for an operation whose success is a redirect.
    let success = |e: &syn::Expr| {
        matches!(e, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. })
            if i.base10_parse::<u16>().is_ok_and(|s| (200..300).contains(&s)))
    };
    let arm = m.arms.iter().find(|a| match &a.pat {
        syn::Pat::Lit(lit) => success(&syn::Expr::Lit(lit.clone())),
        syn::Pat::Range(range) => range.start.as_deref().is_some_and(success),
        _ => false,
    })?;
    struct Find(Option<Answer>);
    impl<'ast> Visit<'ast> for Find {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            if let syn::Expr::Path(p) = &*call.func {
                let answer = [("from_response", Answer::Json), ("stream", Answer::Binary), ("empty", Answer::Empty)]
                    .into_iter()
                    .find(|(f, _)| path_is(&p.path, &["ResponseValue", f]));
                self.0 = self.0.or(answer.map(|(_, a)| a));
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut find = Find(None);
    find.visit_expr(&arm.body);
    find.0
}

/// `<receiver>.json(&body)`: progenitor's JSON request body.
pub fn is_json_body_call(call: &syn::ExprMethodCall) -> bool {
    call.method == "json"
        && call.args.len() == 1
        && matches!(&call.args[0], syn::Expr::Reference(r) if is_ident_expr(&r.expr, "body"))
}

/// `<receiver>.header(::reqwest::header::ACCEPT, ...)`.
pub fn is_accept_header_call(call: &syn::ExprMethodCall) -> bool {
    call.method == "header"
        && matches!(call.args.first(), Some(syn::Expr::Path(p)) if path_ends_with(&p.path, &["header", "ACCEPT"]))
}

/// `<receiver>.headers(<name>)`: progenitor's header map joins the request.
pub fn is_headers_call(call: &syn::ExprMethodCall, name: &str) -> bool {
    call.method == "headers" && call.args.len() == 1 && is_ident_expr(&call.args[0], name)
}

/// In an operation builder: its `body` field, `Result<types::builder::X, String>`.
pub fn is_body_field(field: &syn::Field) -> bool {
    field.ident.as_ref().is_some_and(|i| i == "body") && shape_of_builder_result(&field.ty)
}

fn shape_of_builder_result(ty: &syn::Type) -> bool {
    first_type_argument(ty, "Result")
        .is_some_and(|t| matches!(t, syn::Type::Path(p) if p.path.segments.iter().any(|s| s.ident == "builder")))
}

/// `<receiver>.map(From::from)`: a typed body made a builder again (the body setter).
pub fn is_map_from_from(call: &syn::ExprMethodCall) -> bool {
    call.method == "map"
        && matches!(call.args.first(), Some(syn::Expr::Path(p)) if call.args.len() == 1 && path_is(&p.path, &["From", "from"]))
}

/// `self.body.map(f)`: `body_map` changing the builder.
pub fn is_body_map_call(call: &syn::ExprMethodCall) -> bool {
    call.method == "map"
        && matches!(&*call.receiver, syn::Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "body") && is_ident_expr(&f.base, "self"))
        && call.args.len() == 1
        && is_ident_expr(&call.args[0], "f")
}

/// `body.and_then(|v| X::try_from(v)...)`: `send()` turning the builder into the body.
pub fn is_body_conversion(call: &syn::ExprMethodCall) -> bool {
    call.method == "and_then"
        && is_ident_expr(&call.receiver, "body")
        && matches!(call.args.first(), Some(syn::Expr::Closure(_)))
}

/// `<receiver>.build()`, which ends the request builder chain.
pub fn is_build_call(call: &syn::ExprMethodCall) -> bool {
    call.method == "build" && call.args.is_empty()
}

/// In typify's builder `Default`: `field: Ok(Default::default())`, the mark
/// of an optional field (a required one starts as `Err("no value supplied ...")`).
pub fn is_optional_default(value: &syn::FieldValue) -> bool {
    let syn::Expr::Call(ok) = &value.expr else { return false };
    let is_ok = matches!(&*ok.func, syn::Expr::Path(p) if p.path.is_ident("Ok"));
    is_ok
        && matches!(ok.args.first(), Some(syn::Expr::Call(d))
            if d.args.is_empty() && matches!(&*d.func, syn::Expr::Path(p) if path_ends_with(&p.path, &["Default", "default"])))
}

/// In typify's builder `Default`: `field: Err("no value supplied for ..".to_string())`,
/// the mark of a required field.
pub fn is_missing_value(value: &syn::FieldValue) -> bool {
    let syn::Expr::Call(err) = &value.expr else { return false };
    matches!(&*err.func, syn::Expr::Path(p) if p.path.is_ident("Err")) && err.args.len() == 1
}

/// The builder type `body_map` takes (`X` of `F: FnOnce(types::builder::X) -> ..`).
pub fn body_map_builder(f: &syn::ImplItemFn) -> Option<String> {
    let clause = f.sig.generics.where_clause.as_ref()?;
    clause.predicates.iter().find_map(|predicate| {
        let syn::WherePredicate::Type(p) = predicate else { return None };
        p.bounds.iter().find_map(|bound| {
            let syn::TypeParamBound::Trait(t) = bound else { return None };
            let last = t.path.segments.last().filter(|s| s.ident == "FnOnce")?;
            let syn::PathArguments::Parenthesized(args) = &last.arguments else { return None };
            match &args.inputs.first()?.ty {
                syn::Type::Path(p) if p.path.segments.iter().any(|s| s.ident == "builder") => {
                    p.path.segments.last().map(|s| s.ident.to_string())
                }
                _ => None,
            }
        })
    })
}

/// In a typify builder setter's `where` clause: the `X` of `T: TryInto<X>`.
pub fn setter_target(f: &mut syn::ImplItemFn) -> Option<&mut syn::Type> {
    let clause = f.sig.generics.where_clause.as_mut()?;
    clause.predicates.iter_mut().find_map(|predicate| {
        let syn::WherePredicate::Type(p) = predicate else { return None };
        p.bounds.iter_mut().find_map(|bound| {
            let syn::TypeParamBound::Trait(t) = bound else { return None };
            let last = t.path.segments.last_mut().filter(|s| s.ident == "TryInto")?;
            let syn::PathArguments::AngleBracketed(args) = &mut last.arguments else { return None };
            match args.args.first_mut()? {
                syn::GenericArgument::Type(target) => Some(target),
                _ => None,
            }
        })
    })
}

/// `value.try_into()` in a typify builder setter.
pub fn is_value_try_into(expr: &syn::Expr) -> bool {
    matches!(expr, syn::Expr::MethodCall(c) if c.method == "try_into" && c.args.is_empty() && is_ident_expr(&c.receiver, "value"))
}

/// typify's text member of an untagged union: `String(::std::string::String)`.
pub fn string_variant(e: &syn::ItemEnum) -> Option<&syn::Variant> {
    e.variants.iter().find(|v| {
        v.ident == "String"
            && matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1
                && matches!(&f.unnamed[0].ty, syn::Type::Path(p) if path_is(&p.path, &["std", "string", "String"])))
    })
}

/// `::std::string::String`.
pub fn is_std_string(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if path_is(&p.path, &["std", "string", "String"]))
}

/// `impl From<::serde_json::Value> for X` or `impl TryFrom<::serde_json::Value> for X`.
pub fn converts_from_json(item: &syn::ItemImpl) -> bool {
    let Some((path, _)) = &item.trait_ else { return false };
    let Some(last) = path.segments.last().filter(|s| s.ident == "From" || s.ident == "TryFrom") else { return false };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return false };
    matches!(args.args.first(), Some(syn::GenericArgument::Type(syn::Type::Path(p))) if path_ends_with(&p.path, &["serde_json", "Value"]))
}

/// Whether `#[derive(..)]` among `attrs` names `name` (`Deserialize` for `::serde::Deserialize`).
pub fn derives(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        let mut found = false;
        let _ = a.parse_nested_meta(|meta| {
            found |= meta.path.segments.last().is_some_and(|s| s.ident == name);
            Ok(())
        });
        found
    })
}

/// typify's newtype of a string schema: `pub struct X(pub ::std::string::String);`.
pub fn is_string_newtype(s: &syn::ItemStruct) -> bool {
    matches!(&s.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1
        && matches!(f.unnamed[0].vis, syn::Visibility::Public(_))
        && matches!(&f.unnamed[0].ty, syn::Type::Path(p) if path_is(&p.path, &["std", "string", "String"])))
}

/// `impl From<::std::string::String> for X`.
pub fn is_from_string_impl(item: &syn::ItemImpl) -> bool {
    let Some((path, _)) = &item.trait_ else { return false };
    let Some(last) = path.segments.last().filter(|s| s.ident == "From") else { return false };
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return false };
    matches!(args.args.first(), Some(syn::GenericArgument::Type(syn::Type::Path(p))) if path_is(&p.path, &["std", "string", "String"]))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// progenitor's output for `tests/fixtures/shapes.yaml`, before any pass
    /// (made once per test thread: syntax trees are not `Sync`).
    pub(crate) fn raw() -> &'static syn::File {
        thread_local! {
            static RAW: &'static syn::File = {
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shapes.yaml");
                let mut doc = crate::normalize::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
                let notes = crate::normalize::normalize(&mut doc).unwrap();
                Box::leak(Box::new(super::super::progenitor_output(doc, &notes).unwrap()))
            };
        }
        RAW.with(|raw| *raw)
    }

    pub(crate) fn module<'a>(items: &'a [syn::Item], name: &str) -> &'a [syn::Item] {
        items
            .iter()
            .find_map(|i| match i {
                syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|c| c.1.as_slice()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no module {name}"))
    }

    fn impls(items: &[syn::Item]) -> impl Iterator<Item = &syn::ItemImpl> {
        items.iter().filter_map(|i| match i {
            syn::Item::Impl(i) => Some(i),
            _ => None,
        })
    }

    fn sends() -> Vec<&'static syn::ImplItemFn> {
        impls(module(&raw().items, "builder"))
            .flat_map(|i| &i.items)
            .filter_map(|i| match i {
                syn::ImplItem::Fn(f) if is_send(f) => Some(f),
                _ => None,
            })
            .collect()
    }

    fn send_of(operation: &str) -> &'static syn::ImplItemFn {
        sends().into_iter().find(|s| operation_id(s).as_deref() == Some(operation)).unwrap()
    }

    #[test]
    fn the_client_has_a_constructor_with_a_timeout() {
        let client = impls(&raw().items).find(|i| is_inherent_impl_of(i, "Client")).unwrap();
        assert!(client.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new")));
    }

    #[test]
    fn operation_builders_and_their_parts() {
        let builders = module(&raw().items, "builder");
        let structs: Vec<_> = builders
            .iter()
            .filter_map(|i| match i {
                syn::Item::Struct(s) if is_operation_builder(s) => Some(s.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            structs,
            [
                "ChatCompletions",
                "ThingsRetrieve",
                "ThingsDelete",
                "ThingsDownload",
                "FilesContent",
                "SpeechCreate",
                "UploadsCreate",
                "LiveConnect"
            ]
        );
        let constructors = impls(builders)
            .flat_map(|i| &i.items)
            .filter(|i| matches!(i, syn::ImplItem::Fn(f) if is_builder_constructor(f)))
            .count();
        assert_eq!(constructors, 8);
        let ids: Vec<_> = sends().into_iter().filter_map(operation_id).collect();
        assert_eq!(
            ids,
            [
                "chat_completions",
                "things_retrieve",
                "things_delete",
                "things_download",
                "files_content",
                "speech_create",
                "uploads_create",
                "live_connect"
            ]
        );
    }

    #[test]
    fn send_has_the_hooks_the_version_header_and_a_status_match() {
        for send in sends() {
            let stmts = &send.block.stmts;
            let count = |p: &dyn Fn(&syn::Stmt) -> bool| stmts.iter().filter(|s| p(s)).count();
            assert_eq!(count(&|s| holds_literal(s, "api-version")), 1);
            for hook in ["pre", "exec", "post"] {
                assert_eq!(count(&|s| calls_client(s, hook)), 1, "{hook}");
            }
            assert_eq!(count(&is_result_unwrap), 1);
            assert_eq!(count(&destructures_self), 1);
        }
        let answer = |op| send_of(op).block.stmts.iter().find_map(status_match);
        assert_eq!(answer("chat_completions"), Some(Answer::Json));
        assert_eq!(answer("things_delete"), Some(Answer::Empty));
        assert_eq!(answer("speech_create"), Some(Answer::Binary));
        assert_eq!(answer("things_download"), Some(Answer::Binary), "a redirect's `200..=299` arm");
    }

    #[test]
    fn request_chains_have_accept_json_and_build() {
        struct Calls(Vec<&'static str>);
        impl<'ast> Visit<'ast> for Calls {
            fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                for (p, name) in [
                    (is_json_body_call as fn(&syn::ExprMethodCall) -> bool, "json"),
                    (is_accept_header_call, "accept"),
                    (is_build_call, "build"),
                    (|c| is_headers_call(c, "header_map"), "headers"),
                ] {
                    if p(call) {
                        self.0.push(name);
                    }
                }
                syn::visit::visit_expr_method_call(self, call);
            }
        }
        let calls = |op| {
            let mut c = Calls(Vec::new());
            c.visit_impl_item_fn(send_of(op));
            c.0.sort();
            c.0
        };
        assert_eq!(calls("chat_completions"), ["accept", "build", "headers", "json"]);
        assert_eq!(calls("things_delete"), ["build", "headers"]);
        assert_eq!(calls("speech_create"), ["build", "headers", "json"]);
        assert!(send_of("chat_completions").block.stmts.iter().any(|s| binds(s, "body")));
    }

    #[test]
    fn operation_builders_stage_their_body_as_a_builder() {
        let builders = module(&raw().items, "builder");
        let chat = builders
            .iter()
            .find_map(|i| match i {
                syn::Item::Struct(s) if s.ident == "ChatCompletions" => Some(s),
                _ => None,
            })
            .unwrap();
        assert_eq!(chat.fields.iter().filter(|f| is_body_field(f)).count(), 1);
        struct Calls(Vec<&'static str>);
        impl<'ast> Visit<'ast> for Calls {
            fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
                for (p, name) in [
                    (is_map_from_from as fn(&syn::ExprMethodCall) -> bool, "from"),
                    (is_body_map_call, "body_map"),
                    (is_body_conversion, "and_then"),
                ] {
                    if p(call) {
                        self.0.push(name);
                    }
                }
                syn::visit::visit_expr_method_call(self, call);
            }
        }
        let chat_impl = impls(builders).find(|i| is_inherent_impl_of(i, "ChatCompletions")).unwrap();
        let mut calls = Calls(Vec::new());
        calls.visit_item_impl(chat_impl);
        assert_eq!(calls.0, ["from", "body_map", "and_then"]);
        let body_map = chat_impl
            .items
            .iter()
            .find_map(|i| match i {
                syn::ImplItem::Fn(f) if f.sig.ident == "body_map" => Some(f),
                _ => None,
            })
            .unwrap();
        assert_eq!(body_map_builder(body_map).as_deref(), Some("ChatRequest"));
    }

    #[test]
    fn typify_builders_mark_optional_fields_and_take_try_into() {
        let builders = module(module(&raw().items, "types"), "builder");
        let default = impls(builders)
            .find(|i| implements(i, "Default") && type_name(&i.self_ty).as_deref() == Some("ChatReply"))
            .unwrap();
        struct Fields(Vec<(String, bool)>);
        impl<'ast> Visit<'ast> for Fields {
            fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
                if let syn::Member::Named(n) = &fv.member {
                    self.0.push((n.to_string(), is_optional_default(fv)));
                }
            }
        }
        let mut fields = Fields(Vec::new());
        fields.visit_item_impl(default);
        let optional: Vec<_> = fields.0.iter().filter(|(_, o)| *o).map(|(n, _)| n.as_str()).collect();
        assert_eq!(optional, ["usage", "warnings"]);
        struct Missing(Vec<String>);
        impl<'ast> Visit<'ast> for Missing {
            fn visit_field_value(&mut self, fv: &'ast syn::FieldValue) {
                if let (true, syn::Member::Named(n)) = (is_missing_value(fv), &fv.member) {
                    self.0.push(n.to_string());
                }
            }
        }
        let mut missing = Missing(Vec::new());
        missing.visit_item_impl(default);
        assert!(!missing.0.is_empty() && missing.0.iter().all(|n| !optional.contains(&n.as_str())), "{:?}", missing.0);
        let setters = impls(builders).find(|i| is_inherent_impl_of(i, "ChatReply")).unwrap();
        let mut usage = setters
            .items
            .iter()
            .find_map(|i| match i {
                syn::ImplItem::Fn(f) if f.sig.ident == "usage" => Some(f.clone()),
                _ => None,
            })
            .unwrap();
        let target = setter_target(&mut usage).unwrap();
        assert!(first_type_argument(target, "Option").is_some());
        struct TryInto(bool);
        impl<'ast> Visit<'ast> for TryInto {
            fn visit_expr(&mut self, e: &'ast syn::Expr) {
                self.0 |= is_value_try_into(e);
                syn::visit::visit_expr(self, e);
            }
        }
        let mut found = TryInto(false);
        found.visit_impl_item_fn(&usage);
        assert!(found.0);
    }

    #[test]
    fn typify_unions_and_serde_attributes() {
        let types = module(&raw().items, "types");
        let content = types
            .iter()
            .find_map(|i| match i {
                syn::Item::Enum(e) if e.ident == "Content" => Some(e),
                _ => None,
            })
            .unwrap();
        assert!(has_serde_arg(&content.attrs, "untagged"));
        assert!(string_variant(content).is_some());
        let part = types
            .iter()
            .find_map(|i| match i {
                syn::Item::Enum(e) if e.ident == "Part" => Some(e),
                _ => None,
            })
            .unwrap();
        assert!(!has_serde_arg(&part.attrs, "untagged") && has_serde_arg(&part.attrs, "tag"));
        assert!(impls(types).any(|i| type_name(&i.self_ty).as_deref() == Some("Content") && implements(i, "From")));
        let reply = types
            .iter()
            .find_map(|i| match i {
                syn::Item::Struct(s) if s.ident == "ChatReply" => Some(s),
                _ => None,
            })
            .unwrap();
        let warnings = reply.fields.iter().find(|f| f.ident.as_ref().is_some_and(|i| i == "warnings")).unwrap();
        assert!(has_serde_arg(&warnings.attrs, "default") && !has_serde_arg(&warnings.attrs, "deserialize_with"));
        let created = reply.fields.iter().find(|f| f.ident.as_ref().is_some_and(|i| i == "created")).unwrap();
        assert_eq!(type_name(&created.ty).as_deref(), Some("i128"), "the wide-integer conversion");
    }
}
