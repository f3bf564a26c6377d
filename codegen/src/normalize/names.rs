//! Names of types: those of [`NAMES`], chosen by hand for the types users
//! write most, and the names of union members, from the spec.

use super::policy::{Naming, NAMES};
use super::{Notes, SpecError};
use crate::spec::{esc, op_pointer, ref_name, unesc};
use heck::ToPascalCase;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Applies [`NAMES`].
pub(super) fn policy_names(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    apply_names(doc, notes, NAMES)
}

/// An inline schema at an entry's pointer takes the name as its `title`
/// (typify's name for it); a reference there records an alias of the
/// component. A pointer that resolves to nothing, or a name a component has,
/// is a warning naming the entry.
fn apply_names(doc: &mut Value, notes: &mut Notes, names: &[Naming]) -> Result<(), SpecError> {
    for entry in names {
        let taken = doc.pointer(&format!("/components/schemas/{}", entry.name)).is_some();
        // The component the pointer starts in: a spec without it (not a
        // Together spec) has nothing to name; one with it lost the place.
        let component: String = entry.at.split('/').take(4).collect::<Vec<_>>().join("/");
        let has_component = doc.pointer(&component).is_some();
        let Some(Value::Object(schema)) = doc.pointer_mut(entry.at) else {
            let message =
                format!("`{}`: nothing there to name `{}` (stale `policy::NAMES` entry)", entry.at, entry.name);
            match has_component {
                true => notes.warn("policy_names", message),
                false => notes.log("policy_names", message),
            }
            continue;
        };
        if taken {
            let message = format!("`{}`: a component is named `{}` already: left as it is", entry.at, entry.name);
            notes.warn("policy_names", message);
            continue;
        }
        match ref_name(&Value::Object(schema.clone())) {
            Some(component) => {
                notes.log("policy_names", format!("{}: `{}` is an alias of `{component}`", entry.at, entry.name));
                notes.aliases.insert(entry.name.to_string(), component);
            }
            None => {
                notes.log("policy_names", format!("{}: named `{}`", entry.at, entry.name));
                schema.insert("title".into(), entry.name.into());
            }
        }
    }
    Ok(())
}

/// The inline object members of a union are named from the spec, not by
/// position (typify's `Variant0`, and `Variant0Type` for what is inside):
/// by their one-value discriminator (`type: [text]` is `Text`; `type`,
/// `role`, `object`, else the only one), else their `title`, else the
/// required property only they have, else their JSON type. Each gets the
/// title `{Union}{Name}` (typify's name for its type, and its variant's
/// after the common prefix), when the names are distinct and free.
pub(super) fn member_titles(doc: &mut Value, notes: &mut Notes) -> Result<(), SpecError> {
    let mut taken: BTreeSet<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    // Outer unions first: their members' titles name what is inside them.
    let mut unions = Vec::new();
    crate::spec::walk_schemas(doc, &mut |map, at| {
        for key in ["oneOf", "anyOf"] {
            if map.get(key).is_some_and(Value::is_array) {
                unions.push((at.to_string(), key));
            }
        }
    });
    unions.sort_by_key(|(at, _)| at.len());
    for (at, key) in unions {
        let Some(Value::Array(members)) = doc.pointer(&format!("{at}/{key}")) else { continue };
        let inline: Vec<usize> = (0..members.len()).filter(|&i| is_inline_object(&members[i])).collect();
        let title = |i: &usize| members[*i].get("title").and_then(Value::as_str);
        // Titles typify takes as they are: each inline member has its own, no component's.
        let titled: BTreeSet<&str> = inline.iter().filter_map(title).collect();
        if inline.is_empty() || (titled.len() == inline.len() && titled.iter().all(|t| !taken.contains(*t))) {
            continue;
        }
        let names: Vec<Option<String>> = inline.iter().map(|&i| member_name(members, i)).collect();
        let distinct: BTreeSet<&String> = names.iter().flatten().collect();
        if names.iter().any(Option::is_none) || distinct.len() < names.len() {
            continue;
        }
        let union = match at.strip_prefix("/components/schemas/") {
            Some(name) if !name.contains('/') => unesc(name).to_pascal_case(),
            _ => inline_type_name(doc, &at),
        };
        let titles: Vec<String> = names.iter().flatten().map(|n| format!("{union}{n}")).collect();
        if titles.iter().any(|t| taken.contains(t)) {
            continue;
        }
        let Some(Value::Array(members)) = doc.pointer_mut(&format!("{at}/{key}")) else { continue };
        for (&i, title) in inline.iter().zip(&titles) {
            if let Some(Value::Object(m)) = members.get_mut(i) {
                m.insert("title".into(), title.clone().into());
                notes.log("member_titles", format!("{at}/{key}/{i}: named `{title}`"));
            }
            taken.insert(title.clone());
        }
    }
    Ok(())
}

/// A member typify would generate as a type of its own: an object, not a reference.
fn is_inline_object(v: &Value) -> bool {
    v.get("$ref").is_none()
        && (v.get("properties").is_some() || v.get("type").and_then(Value::as_str) == Some("object"))
}

/// A member's name: see [`member_titles`].
fn member_name(members: &[Value], i: usize) -> Option<String> {
    let member = members[i].as_object()?;
    let props = member.get("properties").and_then(Value::as_object);
    let one_value = |p: &Value| match (p.get("enum").and_then(Value::as_array), p.get("const")) {
        (Some(values), _) if values.len() == 1 => values[0].as_str().map(str::to_string),
        (_, Some(Value::String(c))) => Some(c.clone()),
        _ => None,
    };
    let tags: Vec<(&String, String)> =
        props.into_iter().flatten().filter_map(|(name, p)| one_value(p).map(|v| (name, v))).collect();
    let tag = ["type", "role", "object"]
        .iter()
        .find_map(|want| tags.iter().find(|(n, _)| n.as_str() == *want))
        .or(if tags.len() == 1 { tags.first() } else { None })
        .map(|(_, v)| v.clone());
    let title = || member.get("title").and_then(Value::as_str).map(str::to_string);
    let unique = || {
        let required: Vec<&str> =
            member.get("required").and_then(Value::as_array)?.iter().filter_map(Value::as_str).collect();
        let others: BTreeSet<&str> = members
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, m)| m.get("properties").and_then(Value::as_object).into_iter().flat_map(Map::keys))
            .map(String::as_str)
            .collect();
        required.into_iter().find(|r| !others.contains(r)).map(str::to_string)
    };
    let json_type = || Some(member.get("type").and_then(Value::as_str).unwrap_or("object").to_string());
    let name = tag.or_else(title).or_else(unique).or_else(json_type)?.to_pascal_case();
    // A name must start with a letter to follow the union's.
    name.starts_with(|c: char| c.is_ascii_alphabetic()).then_some(name)
}

/// The names typify gives a union's variants, when it names them all: a
/// reference's component, a title, a format or JSON type (`Array`,
/// `String`), less the words all share; else it numbers them.
fn typify_variant_names(members: &[Value]) -> Option<Vec<String>> {
    let names: Vec<String> = members
        .iter()
        .map(|m| {
            let name = ref_name(m)
                .filter(|_| m.get("$ref").is_some())
                .or_else(|| m.get("title").and_then(Value::as_str).map(str::to_string))
                .or_else(|| m.get("format").and_then(Value::as_str).map(str::to_string))
                .or_else(|| m.get("type").and_then(Value::as_str).map(str::to_string))?;
            Some(name.to_pascal_case())
        })
        .collect::<Option<_>>()?;
    if names.iter().collect::<BTreeSet<_>>().len() < names.len() {
        return None;
    }
    let words = |n: &str| heck::ToKebabCase::to_kebab_case(n).split('-').map(str::to_string).collect::<Vec<_>>();
    let split: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
    let common = (0..).take_while(|&k| split.iter().all(|w| w.get(k).is_some() && w[k] == split[0][k])).count();
    split.iter().map(|w| (w.len() > common).then(|| w[common..].join("-").to_pascal_case())).collect()
}

/// The Rust type name for an inline schema at `at`, from the operation or
/// component it sits in and the property names on the way (from the
/// nearest inline schema with a `title`, which names it).
pub(super) fn inline_type_name(doc: &Value, at: &str) -> String {
    let parts: Vec<String> = at.split('/').skip(1).map(unesc).collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    if parts.first().map(String::as_str) == Some("components") {
        words.push(parts[2].clone());
        i = 3;
    } else if parts.first().map(String::as_str) == Some("paths") && parts.len() > 2 {
        let id = doc
            .pointer(&op_pointer(&parts[1], &parts[2]))
            .and_then(|o| o.get("operationId"))
            .and_then(Value::as_str)
            .unwrap_or("operation");
        words.push(id.to_string());
        i = 3;
    }
    let start = i;
    while i < parts.len() {
        // An inline schema's title is its name, as typify takes it.
        if i > start {
            let at = format!("/{}", parts[..i].iter().map(|p| esc(p)).collect::<Vec<_>>().join("/"));
            if let Some(title) = doc.pointer(&at).and_then(|s| s.get("title")).and_then(Value::as_str) {
                words = vec![title.to_string()];
            }
        }
        match parts[i].as_str() {
            "properties" if i + 1 < parts.len() => {
                words.push(parts[i + 1].clone());
                i += 2;
                continue;
            }
            "parameters" if i + 1 < parts.len() => {
                let name = doc
                    .pointer(&format!("/{}", parts[..i + 2].iter().map(|p| esc(p)).collect::<Vec<_>>().join("/")))
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or("param");
                words.push(name.to_string());
                i += 2;
                continue;
            }
            "requestBody" => words.push("body".into()),
            "responses" if i + 1 < parts.len() => {
                words.push("response".into());
                i += 2;
                continue;
            }
            "items" => words.push("item".into()),
            "additionalProperties" => words.push("value".into()),
            "anyOf" | "oneOf" | "allOf" if i + 1 < parts.len() => {
                let at = format!("/{}", parts[..=i].iter().map(|p| esc(p)).collect::<Vec<_>>().join("/"));
                let members = doc.pointer(&at).and_then(Value::as_array);
                let named = members.and_then(|m| typify_variant_names(m)).zip(parts[i + 1].parse::<usize>().ok());
                match named.and_then(|(names, k)| names.into_iter().nth(k)) {
                    Some(name) => words.push(name),
                    None => words.push(format!("variant{}", parts[i + 1])),
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    super::operations::pascal_ident(&words.join("_"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::*;
    use serde_json::json;

    const ENTRIES: &[Naming] = &[
        Naming { at: "/components/schemas/Req/properties/items/items", name: "Item", why: "" },
        Naming { at: "/components/schemas/Req/properties/other/items", name: "Other", why: "" },
        Naming { at: "/components/schemas/Req/properties/gone", name: "Ghost", why: "" },
        Naming { at: "/components/schemas/Elsewhere/x", name: "Nowhere", why: "" },
        Naming { at: "/components/schemas/Req", name: "Resp", why: "" },
    ];

    #[test]
    fn inline_schemas_are_named_and_references_aliased() {
        let mut d = doc(json!({
            "Req": { "properties": {
                "items": { "type": "array", "items": { "type": "object" } },
                "other": { "type": "array", "items": { "$ref": "#/components/schemas/Resp" } } } },
            "Resp": { "type": "object" },
        }));
        let mut notes = Notes::default();
        apply_names(&mut d, &mut notes, ENTRIES).unwrap();
        assert_eq!(d.pointer("/components/schemas/Req/properties/items/items/title").unwrap(), "Item");
        assert_eq!(notes.aliases.get("Other").map(String::as_str), Some("Resp"));
        assert!(d.pointer("/components/schemas/Req/properties/other/items/title").is_none());
        assert_eq!(
            notes.warnings,
            [
                "`/components/schemas/Req/properties/gone`: nothing there to name `Ghost` (stale `policy::NAMES` entry)",
                "`/components/schemas/Req`: a component is named `Resp` already: left as it is"
            ]
        );
        assert!(notes.log.iter().any(|l| l.contains("`/components/schemas/Elsewhere/x`: nothing there")));
    }

    #[test]
    fn the_policy_names_resolve_in_the_vendored_spec() {
        let text = std::fs::read_to_string(crate::golden::workspace_root().join("spec/openapi.yaml")).unwrap();
        let mut d = crate::normalize::parse(&text).unwrap();
        let notes = run(policy_names, &mut d);
        assert!(notes.warnings.is_empty(), "{:?}", notes.warnings);
    }
}
