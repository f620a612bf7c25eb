//! Every identifier decision: case conversion, keywords, invalid characters and collisions.
//!
//! Nothing a page contains can become code: names are reduced to ASCII identifier characters
//! here, and everything else reaches the output only as string literals (serde renames, docs).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved and weak ones that matter in field position).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield", "union",
];

/// Keeps ASCII letters, digits and `_`; everything else separates words.
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Whether heck would split `name` into words only before its capital letters: ASCII letters,
/// no two capitals side by side (`skillProficiency`, `DisplayName`, not `getURL` or `v2`).
///
/// Most Graph names are such, and for them the conversions below need no word splitting: heck
/// formats character by character, which was a sixth of the model's instructions on the real
/// reference.
/// Everything else goes through heck; a test compares both ways on every short string of
/// letters, digits and separators.
fn is_plain_camel(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.iter().all(u8::is_ascii_alphabetic)
        && !b
            .windows(2)
            .any(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
}

/// heck's `to_upper_camel_case`, with the fast way for [plain camel](is_plain_camel) names.
fn upper_camel(name: &str) -> String {
    if is_plain_camel(name) {
        let mut s = name.to_string();
        s[..1].make_ascii_uppercase();
        s
    } else {
        ascii_words(name).to_upper_camel_case()
    }
}

/// heck's `to_snake_case`, with the fast way for [plain camel](is_plain_camel) names.
fn snake(name: &str) -> String {
    if is_plain_camel(name) {
        let mut s = String::with_capacity(name.len() + 4);
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
        }
        s
    } else {
        ascii_words(name).to_snake_case()
    }
}

/// `skillProficiency` → `SkillProficiency`; `@odata.type` → `OdataType`; `1709` → `V1709`.
///
/// Keywords get a trailing `_` (`Self` → `Self_`); a name with no usable character becomes `Unnamed`.
///
/// ```
/// use graphdoc_codegen::naming::type_name;
///
/// assert_eq!(type_name("skillProficiency"), "SkillProficiency");
/// assert_eq!(type_name("@odata.type"), "OdataType");
/// assert_eq!(type_name("1709"), "V1709");
/// assert_eq!(type_name("self"), "Self_");
/// assert_eq!(type_name("!!"), "Unnamed");
/// ```
pub fn type_name(name: &str) -> String {
    let mut s = upper_camel(name);
    if s.is_empty() {
        s = "Unnamed".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if KEYWORDS.contains(&s.as_str()) {
        s.push('_');
    }
    s
}

/// `displayName` → `display_name`; `type` → `type_`; `@odata.type` → `odata_type`; `1st` → `_1st`.
///
/// ```
/// use graphdoc_codegen::naming::field_name;
///
/// assert_eq!(field_name("displayName"), "display_name");
/// assert_eq!(field_name("type"), "type_");
/// assert_eq!(field_name("@odata.type"), "odata_type");
/// assert_eq!(field_name("1st"), "_1st");
/// assert_eq!(field_name("getURL"), "get_url");
/// assert_eq!(field_name(""), "field");
/// ```
pub fn field_name(name: &str) -> String {
    // heck splits `v10_1709`-style names well once non-identifier characters are spaces.
    let mut s = snake(name);
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) || s == "_" {
        s.push('_');
    }
    s
}

/// Enum variant for a wire value: `limitedWorking` → `LimitedWorking`.
///
/// ```
/// use graphdoc_codegen::naming::variant_name;
///
/// assert_eq!(variant_name("limitedWorking"), "LimitedWorking");
/// assert_eq!(variant_name("Not Ready"), "NotReady");
/// assert_eq!(variant_name("v1.0"), "V10");
/// ```
pub fn variant_name(value: &str) -> String {
    type_name(value)
}

/// Makes `names` unique within one scope: the first of each name keeps it, later repeats get
/// the first free `_2`, `_3`, ... in order (`displayName` and `display_name` both survive), and
/// no name given is taken from its holder by a repeat's suffix. `reserved` names are never handed
/// out.
///
/// ```
/// use graphdoc_codegen::naming::{dedupe, field_name};
///
/// let names = ["displayName", "display_name", "additionalData"].map(field_name).to_vec();
/// assert_eq!(dedupe(names, &["additional_data"]), ["display_name", "display_name_2", "additional_data_2"]);
/// assert_eq!(dedupe(vec!["type_".into(), "type_".into()], &[]), ["type_", "type_2"]);
/// // `a_2` is documented as such: the repeated `a` does not take its name.
/// let names = ["a", "a", "a_2"].map(String::from).to_vec();
/// assert_eq!(dedupe(names, &[]), ["a", "a_3", "a_2"]);
/// ```
pub fn dedupe(names: Vec<String>, reserved: &[&str]) -> Vec<String> {
    dedupe_with(names, reserved, "_")
}

/// [`dedupe`] for UpperCamelCase names: suffixes are appended without `_` (`Other2`), so the
/// result stays camel case.
///
/// ```
/// use graphdoc_codegen::naming::{dedupe_camel, variant_name};
///
/// let names = ["other", "low", "LOW"].map(variant_name).to_vec();
/// assert_eq!(dedupe_camel(names, &["Other"]), ["Other2", "Low", "Low2"]);
/// assert_eq!(dedupe_camel(vec!["Self_".into(), "Self_".into()], &[]), ["Self_", "Self2"]);
/// ```
pub fn dedupe_camel(names: Vec<String>, reserved: &[&str]) -> Vec<String> {
    dedupe_with(names, reserved, "")
}

fn dedupe_with(names: Vec<String>, reserved: &[&str], separator: &str) -> Vec<String> {
    // Almost every scope (a type's fields, an enum's variants) has no repeat: finding that out
    // by sorting borrowed names copies none of them, where claiming each one would.
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.extend_from_slice(reserved);
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w[0] != w[1]) {
        return names;
    }
    // A name that occurs once keeps it, even when a repeat of another would have reached it by
    // counting (`a`, `a`, `a_2` → `a`, `a_3`, `a_2`): a field's name then does not depend on
    // which other fields collide.
    // `taken` starts with the reserved names, so a reserved name is not kept either.
    let mut taken: BTreeSet<String> = reserved.iter().map(|s| s.to_string()).collect();
    let keep: Vec<bool> = names.iter().map(|n| taken.insert(n.clone())).collect();
    names
        .into_iter()
        .zip(keep)
        .map(|(n, keep)| {
            if keep {
                n
            } else {
                claim(n, &mut taken, separator)
            }
        })
        .collect()
}

/// Takes `name` out of the `taken` scope, or the first free `name2`, `name3`, ... (`name_2`
/// with `separator` `"_"`), and records it as taken.
///
/// ```
/// use graphdoc_codegen::naming::claim;
/// use std::collections::BTreeSet;
///
/// let mut taken = BTreeSet::from(["name".to_string(), "name_2".to_string()]);
/// assert_eq!(claim("name".into(), &mut taken, "_"), "name_3");
/// assert_eq!(claim("Name".into(), &mut taken, ""), "Name");
/// assert_eq!(claim("Name".into(), &mut taken, ""), "Name2");
/// assert!(taken.contains("name_3") && taken.contains("Name2"));
/// ```
pub fn claim(name: String, taken: &mut BTreeSet<String>, separator: &str) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    // `Self_` + 2 is `Self2` in camel case (no `_` inside), `type_2` in snake case.
    let (stem, sep) = match (separator, name.ends_with('_')) {
        ("", true) => (name.trim_end_matches('_'), ""),
        (_, true) => (name.as_str(), ""),
        (s, false) => (name.as_str(), s),
    };
    let mut i = 2;
    loop {
        let candidate = format!("{stem}{sep}{i}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        i += 1;
    }
}

/// The name of the patch type of `type_name`. The `_` that escapes a keyword (`Self_`) is
/// dropped: `Self_Patch` would not be camel case.
///
/// ```
/// use graphdoc_codegen::naming::patch_name;
/// assert_eq!(patch_name("SkillProficiency"), "SkillProficiencyPatch");
/// assert_eq!(patch_name("Self_"), "SelfPatch");
/// ```
pub fn patch_name(type_name: &str) -> String {
    format!("{}Patch", type_name.trim_end_matches('_'))
}

/// The name of the enum over a type and the types derived from it: `ItemFacet` → `AnyItemFacet`.
///
/// ```
/// assert_eq!(graphdoc_codegen::naming::any_name("ItemFacet"), "AnyItemFacet");
/// assert_eq!(graphdoc_codegen::naming::any_name("Self_"), "AnySelf");
/// ```
pub fn any_name(type_name: &str) -> String {
    format!("Any{}", type_name.trim_end_matches('_'))
}

/// Whether the string is a valid Rust identifier as generated here (ASCII, not a keyword).
///
/// ```
/// use graphdoc_codegen::naming::{field_name, is_valid_ident};
///
/// assert!(is_valid_ident("display_name") && is_valid_ident("_1st") && is_valid_ident("Thing"));
/// assert!(!is_valid_ident("type") && !is_valid_ident("1st") && !is_valid_ident("a-b") && !is_valid_ident("_"));
/// assert!(is_valid_ident(&field_name("type")));
/// ```
pub fn is_valid_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
        && s != "_"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_case_conversion_agrees_with_heck() {
        // Every string of up to six characters over letters of both cases, a digit and
        // separators: 8^6 strings, covering camel humps, capital runs, digits and word breaks.
        const ALPHABET: [char; 8] = ['a', 'b', 'A', 'B', '1', '_', '-', ' '];
        let mut plain = 0;
        for len in 1..=6u32 {
            for mut n in 0..8usize.pow(len) {
                let mut name = String::new();
                for _ in 0..len {
                    name.push(ALPHABET[n % 8]);
                    n /= 8;
                }
                let words = ascii_words(&name);
                assert_eq!(upper_camel(&name), words.to_upper_camel_case(), "{name:?}");
                assert_eq!(snake(&name), words.to_snake_case(), "{name:?}");
                plain += usize::from(is_plain_camel(&name));
            }
        }
        // The fast way was taken, not only the fallback.
        assert!(plain > 1000, "{plain}");
        for name in [
            "skillProficiency",
            "DisplayName",
            "getURL",
            "odataType",
            "a",
            "Z",
        ] {
            let words = ascii_words(name);
            assert_eq!(upper_camel(name), words.to_upper_camel_case(), "{name}");
            assert_eq!(snake(name), words.to_snake_case(), "{name}");
        }
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("skillProficiency"), "SkillProficiency");
        assert_eq!(type_name("personResponsibility"), "PersonResponsibility");
        assert_eq!(
            type_name("microsoft.graph.callRecords"),
            "MicrosoftGraphCallRecords"
        );
        assert_eq!(type_name("1709"), "V1709");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("!!"), "Unnamed");
        assert_eq!(type_name("naïve"), "NaVe");
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("displayName"), "display_name");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("teamsApp@odata.bind"), "teams_app_odata_bind");
        assert_eq!(field_name("v10_1709"), "v10_1709");
        assert_eq!(field_name("1st"), "_1st");
        assert_eq!(field_name("my-prop name"), "my_prop_name");
        assert_eq!(field_name(""), "field");
        assert_eq!(field_name("\"); panic!(\""), "panic");
    }

    #[test]
    fn variants() {
        assert_eq!(variant_name("limitedWorking"), "LimitedWorking");
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
        assert_eq!(variant_name("Not Ready"), "NotReady");
    }

    #[test]
    fn collisions_are_resolved_in_order() {
        let names = vec![
            field_name("displayName"),
            field_name("display_name"),
            field_name("DisplayName"),
            field_name("additionalData"),
        ];
        assert_eq!(
            dedupe(names, &["additional_data"]),
            [
                "display_name",
                "display_name_2",
                "display_name_3",
                "additional_data_2"
            ]
        );
        assert_eq!(
            dedupe(vec!["type_".into(), "type_".into()], &[]),
            ["type_", "type_2"]
        );
        // Without repeats the names come back as they are (the fast path).
        assert_eq!(
            dedupe(vec!["b".into(), "a".into()], &["additional_data"]),
            ["b", "a"]
        );
        assert_eq!(
            dedupe_camel(vec!["Other".into(), "A".into()], &["Other"]),
            ["Other2", "A"]
        );
    }

    #[test]
    fn validity() {
        for n in ["display_name", "type_", "SkillProficiency", "_1st"] {
            assert!(is_valid_ident(n), "{n}");
        }
        for n in ["type", "", "1a", "a-b", "_"] {
            assert!(!is_valid_ident(n), "{n}");
        }
    }
}
