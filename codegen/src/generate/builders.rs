//! Passes over the client and progenitor's operation builders: every call
//! goes through the crate's transport (`crate::contract::send_*`) with
//! per-request options, returns `crate::Error`, and sends its JSON body
//! serialised once.

use super::context::Context;
use super::shape::{self, Answer};
use super::{builder_impls, module_mut, send_of, send_of_mut};
use quote::{format_ident, quote};

/// Removes progenitor's `Client::new`: it builds a reqwest client with a
/// 15 s total timeout, which a long completion or download outlives; the
/// crate's `ClientBuilder` replaces it.
pub fn client_constructor(file: &mut syn::File, _: &Context) -> Result<usize, String> {
    let mut removed = 0;
    for item in &mut file.items {
        let syn::Item::Impl(i) = item else { continue };
        if shape::is_inherent_impl_of(i, "Client") {
            let before = i.items.len();
            i.items.retain(|m| !matches!(m, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
            removed += before - i.items.len();
        }
    }
    Ok(removed)
}

/// Every operation builder carries `options: crate::contract::RequestOptions`
/// (set empty by its constructor) and offers `.header()`, `.max_retries()`,
/// `.retry_policy()` and, with a JSON body, `.extra_field()`.
pub fn builder_options(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let builders = module_mut(&mut file.items, "builder")?;
    let mut structs = 0;
    for item in builders.iter_mut() {
        let syn::Item::Struct(s) = item else { continue };
        if shape::is_operation_builder(s) {
            let syn::Fields::Named(fields) = &mut s.fields else { continue };
            fields.named.push(syn::parse_quote!(options: crate::contract::RequestOptions));
            structs += 1;
        }
    }
    let mut done = 0;
    for item in builder_impls(file)? {
        let ty = shape::type_name(&item.self_ty).unwrap_or_default();
        let constructor = item.items.iter_mut().find_map(|m| match m {
            syn::ImplItem::Fn(f) if shape::is_builder_constructor(f) => Some(f),
            _ => None,
        });
        let literal = constructor.and_then(|f| match f.block.stmts.last_mut() {
            Some(syn::Stmt::Expr(syn::Expr::Struct(literal), None)) => Some(literal),
            _ => None,
        });
        let literal =
            literal.ok_or_else(|| format!("the builder {ty} has no `new(client)` ending in `Self {{ .. }}`"))?;
        literal.fields.push(syn::parse_quote!(options: ::std::default::Default::default()));
        let id = send_of(item).and_then(shape::operation_id);
        let id = id.ok_or_else(|| format!("the builder {ty}'s send() has no operation id"))?;
        let json_body = cx.operation(&id).is_some_and(|o| o.json_body);
        for method in option_methods(json_body) {
            let syn::ImplItem::Fn(m) = &method else { continue };
            if item.items.iter().any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == m.sig.ident)) {
                return Err(format!("the builder {ty} already has a method `{}`", m.sig.ident));
            }
            item.items.push(method);
        }
        done += 1;
    }
    if structs != done {
        return Err(format!("{structs} builder structs but {done} builders with a `send()`"));
    }
    Ok(done)
}

/// What every builder offers beside its parameters.
fn option_methods(json_body: bool) -> Vec<syn::ImplItem> {
    let mut methods: Vec<syn::ImplItem> = vec![
        syn::parse_quote! {
            /// Adds a header to this request only; it replaces a client default of the same name.
            pub fn header<K, V>(mut self, name: K, value: V) -> Self
            where
                K: ::std::convert::TryInto<::reqwest::header::HeaderName>,
                K::Error: ::std::fmt::Display,
                V: ::std::convert::TryInto<::reqwest::header::HeaderValue>,
                V::Error: ::std::fmt::Display,
            {
                self.options.header(name, value);
                self
            }
        },
        syn::parse_quote! {
            /// Retries for this request only (0 disables them), within the client's policy.
            pub fn max_retries(mut self, retries: u32) -> Self {
                self.options.max_retries = Some(retries);
                self
            }
        },
        syn::parse_quote! {
            /// The retry policy for this request only.
            pub fn retry_policy(mut self, policy: crate::contract::RetryPolicy) -> Self {
                self.options.retry = Some(policy);
                self
            }
        },
    ];
    if json_body {
        methods.push(syn::parse_quote! {
            /// Adds a field to the JSON body, for parameters the spec does not
            /// know yet; it replaces a field of the same name.
            pub fn extra_field(mut self, name: impl Into<String>, value: impl Into<::serde_json::Value>) -> Self {
                self.options.extra_field(name, value);
                self
            }
        });
    }
    methods
}

/// Rewrites each builder's `send()`:
/// `Result<ResponseValue<T>, progenitor::Error<E>>` becomes
/// `Result<crate::Response<T>, crate::Error>` (bytes: `crate::BinaryResponse`);
/// the `api-version` header, the `pre`/`exec`/`post` hooks and the status
/// match give way to one `crate::contract::send_*` call, which retries and
/// turns every non-2xx into `crate::Error`.
pub fn send_via_contract(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    let mut done = 0;
    for item in builder_impls(file)? {
        let Some(send) = send_of_mut(item) else { continue };
        let id = shape::operation_id(send).ok_or("a send() without an operation id")?;
        let operation = cx.operation(&id).ok_or_else(|| format!("`{id}` is not an operation of the spec"))?;
        let answer = (operation.answer, operation.websocket);
        rewrite_send(send, answer, &super::tables::effect(cx, &id)).map_err(|e| format!("{id}: {e}"))?;
        done += 1;
    }
    Ok(done)
}

/// `answer` is the document's (`None` for an operation whose only success
/// is a redirect, which progenitor decodes as it sees fit): progenitor's
/// status match must agree with it. An operation that opens a WebSocket
/// session (`websocket`, an empty `200` to progenitor) calls
/// `crate::contract::connect` and returns the session.
fn rewrite_send(
    f: &mut syn::ImplItemFn,
    (answer, websocket): (Option<Answer>, bool),
    effect: &syn::Ident,
) -> Result<(), String> {
    let syn::ReturnType::Type(_, ty) = &f.sig.output else { return Err("send() without a return type".into()) };
    let value = shape::first_type_argument(ty, "Result")
        .and_then(|ok| shape::first_type_argument(ok, "ResponseValue"))
        .ok_or_else(|| format!("send() returns `{}`, not `Result<ResponseValue<T>, _>`", quote!(#ty)))?
        .clone();

    let mut removed = [0usize; 5];
    let mut matched = None;
    let mut request: syn::Expr = syn::parse_quote!(request);
    let stmts = std::mem::take(&mut f.block.stmts);
    for mut stmt in stmts {
        if let Some(sent) = shape::client_call_arg(&stmt, "exec") {
            request = sent;
        }
        let drop = [
            shape::holds_literal(&stmt, "api-version"),
            shape::calls_client(&stmt, "pre"),
            shape::calls_client(&stmt, "exec"),
            shape::calls_client(&stmt, "post"),
            shape::is_result_unwrap(&stmt),
        ];
        if let Some(i) = drop.iter().position(|d| *d) {
            removed[i] += 1;
            continue;
        }
        if let (true, syn::Stmt::Local(syn::Local { pat: syn::Pat::Struct(pattern), .. })) =
            (shape::destructures_self(&stmt), &mut stmt)
        {
            // `let Self { client, body } = self;` takes the options too.
            if let syn::Pat::Struct(with) = syn::parse_quote!(Self { options }) {
                pattern.fields.extend(with.fields);
            }
        }
        if let Some(found) = shape::status_match(&stmt) {
            if answer.is_some_and(|a| a != found) {
                return Err(format!("progenitor decodes the answer as {found:?}, the spec says {answer:?}"));
            }
            matched = Some(found);
            if websocket {
                f.block.stmts.push(syn::parse_quote! {
                    return crate::contract::connect(client, #request, &info, &options).await;
                });
                continue;
            }
            let call = format_ident!(
                "{}",
                match found {
                    Answer::Json => "send_json",
                    Answer::Empty => "send_empty",
                    Answer::Binary => "send_binary",
                }
            );
            f.block.stmts.push(syn::parse_quote! {
                return crate::contract::#call(client, #request, &info, &options, crate::contract::Effect::#effect).await;
            });
            continue;
        }
        f.block.stmts.push(stmt);
    }
    drop_empty_header_map(f);
    let names =
        ["the `api-version` header", "`client.pre`", "`client.exec`", "`client.post`", "`let response = result?`"];
    if let Some(i) = removed.iter().position(|n| *n != 1) {
        return Err(format!("send() has {} of {}, where one was expected", removed[i], names[i]));
    }
    let output: syn::Type = match matched.ok_or("send() has no status match with a 2xx arm")? {
        Answer::Empty if websocket => syn::parse_quote!(crate::contract::Session),
        Answer::Json | Answer::Empty => syn::parse_quote!(crate::contract::Response<#value>),
        Answer::Binary => syn::parse_quote!(crate::contract::BinaryResponse),
    };
    f.sig.output = syn::parse_quote!(-> ::std::result::Result<#output, crate::contract::Error>);
    Ok(())
}

/// The header map progenitor builds for the `api-version` header holds
/// nothing once that is gone, unless the operation has header parameters:
/// then it goes, with its `.headers(header_map)`, saving two allocations a call.
fn drop_empty_header_map(f: &mut syn::ImplItemFn) {
    use syn::visit::Visit;
    use syn::visit_mut::VisitMut;
    struct Uses(usize);
    impl<'ast> Visit<'ast> for Uses {
        fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
            self.0 += usize::from(ident == "header_map");
        }
    }
    let mut uses = Uses(0);
    uses.visit_block(&f.block);
    // Its binding and `.headers(header_map)`: nothing put in it.
    if uses.0 != 2 {
        return;
    }
    struct Unchain(bool);
    impl VisitMut for Unchain {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            syn::visit_mut::visit_expr_mut(self, e);
            if let syn::Expr::MethodCall(call) = e {
                if shape::is_headers_call(call, "header_map") {
                    *e = (*call.receiver).clone();
                    self.0 = true;
                }
            }
        }
    }
    let mut unchain = Unchain(false);
    unchain.visit_block_mut(&mut f.block);
    if unchain.0 {
        f.block.stmts.retain(|s| !shape::binds(s, "header_map"));
    }
}

/// `.json(&body)` in each `send()` becomes
/// `.header(CONTENT_TYPE, "application/json").body(crate::contract::json_body(&body, &options)?)`:
/// serialised once, with the per-request extra fields. For a multipart
/// operation (`multipart_bodies`) it becomes the form's headers and body,
/// from `crate::contract::multipart_body`, which also gives the call the
/// means to send the form again on a retry when its files allow it.
pub fn json_bodies(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    use syn::visit_mut::VisitMut;
    struct Body(usize, bool);
    impl VisitMut for Body {
        fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
            syn::visit_mut::visit_expr_mut(self, e);
            let syn::Expr::MethodCall(call) = e else { return };
            if shape::is_json_body_call(call) {
                let receiver = &call.receiver;
                *e = match self.1 {
                    true => syn::parse_quote!(#receiver.headers(multipart.headers()).body(multipart.body())),
                    false => syn::parse_quote! {
                        #receiver
                            .header(
                                ::reqwest::header::CONTENT_TYPE,
                                ::reqwest::header::HeaderValue::from_static("application/json"),
                            )
                            .body(crate::contract::json_body(&body, &options)?)
                    },
                };
                self.0 += 1;
            }
        }
    }
    let mut total = 0;
    for item in builder_impls(file)? {
        let Some(send) = send_of_mut(item) else { continue };
        let id = shape::operation_id(send).unwrap_or_default();
        let multipart = cx.operation(&id).and_then(|o| o.multipart.as_ref());
        let mut body = Body(0, multipart.is_some());
        body.visit_impl_item_fn_mut(send);
        let expected = usize::from(cx.operation(&id).is_some_and(|o| o.json_body));
        if body.0 != expected {
            return Err(format!("{id}: {} `.json(&body)` calls where the spec has {expected} JSON body", body.0));
        }
        if let Some(encoding) = multipart {
            let (fields, types): (Vec<&String>, Vec<&String>) = encoding.iter().map(|(f, t)| (f, t)).unzip();
            let form: syn::Stmt = syn::parse_quote! {
                let (multipart, options) =
                    crate::contract::multipart_body(&body, options, &[#((#fields, #types)),*])?;
            };
            let at = send.block.stmts.iter().position(|s| shape::binds(s, "url"));
            let Some(at) = at else { return Err(format!("{id}: no `let url` in `send()` to put the form before")) };
            send.block.stmts.insert(at, form);
        }
        total += body.0;
    }
    Ok(total)
}

/// A JSON body given whole (`.body(value)`) is kept as it came, not made a
/// builder again and converted back at `send()`: the builder's `body` holds
/// a `crate::contract::Staged` (a builder only while `.body_map()` builds
/// one). Four sites per operation with a body: the field, its start in
/// `new`, the setters, and the conversion in `send()`. A body typify gives
/// no builder (a map, a list, any JSON value) has none of them, and stays
/// as progenitor writes it; the count is of JSON-body operations handled.
pub fn staged_bodies(file: &mut syn::File, cx: &Context) -> Result<usize, String> {
    use syn::visit_mut::VisitMut;
    let builders = module_mut(&mut file.items, "builder")?;
    let mut fields = 0;
    let mut staged_builders = std::collections::BTreeSet::new();
    for item in builders.iter_mut() {
        let syn::Item::Struct(s) = item else { continue };
        let name = s.ident.to_string();
        for field in s.fields.iter_mut().filter(|f| shape::is_body_field(f)) {
            let staged = shape::first_type_argument(&field.ty, "Result").cloned().map(|builder| {
                let mut typed = builder.clone();
                if let syn::Type::Path(p) = &mut typed {
                    p.path.segments = p.path.segments.iter().filter(|s| s.ident != "builder").cloned().collect();
                }
                syn::parse_quote!(::std::result::Result<crate::contract::Staged<#builder, #typed>, ::std::string::String>)
            });
            if let Some(ty) = staged {
                field.ty = ty;
                fields += 1;
                staged_builders.insert(name.clone());
            }
        }
    }
    struct Sites(usize);
    impl VisitMut for Sites {
        fn visit_field_value_mut(&mut self, fv: &mut syn::FieldValue) {
            if matches!(&fv.member, syn::Member::Named(n) if n == "body") && shape::is_optional_default(fv) {
                fv.expr = syn::parse_quote!(Ok(crate::contract::Staged::Unset));
                self.0 += 1;
            }
            syn::visit_mut::visit_field_value_mut(self, fv);
        }
        fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
            syn::visit_mut::visit_expr_method_call_mut(self, call);
            if shape::is_map_from_from(call) {
                call.args[0] = syn::parse_quote!(crate::contract::Staged::Built);
            } else if shape::is_body_map_call(call) {
                call.args[0] = syn::parse_quote!(|body| body.map(f));
            } else if shape::is_body_conversion(call) {
                call.args[0] = syn::parse_quote!(crate::contract::Staged::value);
            } else {
                return;
            }
            self.0 += 1;
        }
    }
    let (mut total, mut with_sites) = (0, 0);
    for item in builder_impls(file)? {
        let ty = shape::type_name(&item.self_ty).unwrap_or_default();
        let id = send_of(item).and_then(shape::operation_id);
        let mut sites = Sites(0);
        sites.visit_item_impl_mut(item);
        let json_body = id.and_then(|id| cx.operation(&id).map(|o| o.json_body)).unwrap_or(false);
        let expected = if json_body && staged_builders.contains(&ty) { 4 } else { 0 };
        if sites.0 != expected {
            return Err(format!("the builder {ty} has {} of the 4 body sites where {expected} were expected", sites.0));
        }
        total += usize::from(json_body);
        with_sites += usize::from(sites.0 > 0);
    }
    if with_sites != fields {
        return Err(format!("{fields} `body` fields but {with_sites} builders using them"));
    }
    Ok(total)
}
