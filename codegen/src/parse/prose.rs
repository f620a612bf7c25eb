//! Facts read from description prose: "Possible values are: `a`, `b`", "Inherited from [x](..)", "Read-only".

use super::markdown::{Inline, Link};

/// Phrases that introduce an enumeration of values in a description.
const VALUE_PHRASES: &[&str] = &[
    "possible values are",
    "possible values include",
    "possible values",
    "allowed values in the collection are",
    "allowed values are",
    "allowed values",
    "the value can be one of",
    "supported values are",
];

/// The backticked values listed after "Possible values are:" (or similar), in order, without duplicates.
///
/// Only a contiguous list is taken (`` `a`, `b`, or `c` ``), so a later "Default is `a`." adds nothing.
///
/// ```
/// use graphdoc_codegen::parse::prose::listed_values;
///
/// let text = "The level. Possible values are: `low`, `high`, or `unknownFutureValue`. Default is `low`.";
/// assert_eq!(listed_values(text), ["low", "high", "unknownFutureValue"]);
/// assert_eq!(listed_values("Allowed values: `a`/`b`/`a`."), ["a", "b"]);
/// assert!(listed_values("The name, e.g. `x`.").is_empty());
/// ```
pub fn listed_values(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Most descriptions list nothing: one cheap scan before the phrase searches.
    if !text.contains('`') || !(text.contains("alues") || text.contains("ALUES")) {
        return out;
    }
    for phrase in VALUE_PHRASES {
        let mut from = 0;
        while let Some(i) = find_ci(&text[from..], phrase) {
            let start = from + i + phrase.len();
            from = start;
            for v in backticked_list(&text[start..]) {
                if !out.iter().any(|o| o == v) {
                    out.push(v.to_string());
                }
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

fn backticked_list(mut rest: &str) -> Vec<&str> {
    let mut values = Vec::new();
    rest = rest.trim_start_matches([':', ' ', '.']);
    for lead in ["are", "is", "include", "includes"] {
        if let Some(r) = rest.strip_prefix(lead) {
            rest = r.trim_start_matches([':', ' ']);
        }
    }
    while let Some(r) = rest.strip_prefix('`') {
        let Some(end) = r.find('`') else {
            break;
        };
        let value = r[..end].trim();
        if value.is_empty()
            || value.contains(' ') && !value.chars().all(|c| c.is_alphanumeric() || c == ' ')
        {
            break;
        }
        values.push(value);
        rest = &r[end + 1..];
        // separators: ", ", " or ", ", and ", "/"
        let trimmed = rest.trim_start_matches([',', ' ', '/', ';']);
        let trimmed = trimmed
            .strip_prefix("or ")
            .or_else(|| trimmed.strip_prefix("and "))
            .unwrap_or(trimmed);
        if trimmed.len() == rest.len() {
            break;
        }
        rest = trimmed.trim_start();
    }
    values
}

/// The base named by "Inherited from [x](x.md)" in a description; free text without a link is not inheritance.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{Inline, Link};
/// use graphdoc_codegen::parse::prose::inherited_from;
///
/// let entity = Link { text: "entity".into(), dest: "entity.md".into() };
/// let text = "The id. Read-only. Inherited from entity.".to_string();
/// let cell = Inline { text: text.clone(), links: vec![entity.clone()], all_strong: false };
/// assert_eq!(inherited_from(&cell), Some(&entity));
/// assert_eq!(inherited_from(&Inline { text, ..Inline::default() }), None);
/// ```
pub fn inherited_from(text: &Inline) -> Option<&Link> {
    if text.links.is_empty() {
        return None;
    }
    let i = find_ci(&text.text, "inherited from")?;
    let rest = text.text[i + "inherited from".len()..].trim_start();
    text.links
        .iter()
        .find(|l| !l.text.is_empty() && rest.starts_with(l.text.as_str()))
}

/// "Inherits from [x](x.md)", "is derived from [x](x.md)" in a page's prose.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
/// use graphdoc_codegen::parse::prose::inherits_from;
///
/// let paragraphs = blocks("The drive is derived from the [baseItem](baseitem.md) resource.\n\nSee [x](x.md).\n", 0);
/// let [Block::Paragraph { text: a, .. }, Block::Paragraph { text: b, .. }] = &paragraphs[..] else { panic!() };
/// assert_eq!(inherits_from(a).map(|l| l.dest.as_str()), Some("baseitem.md"));
/// assert_eq!(inherits_from(b), None);
/// ```
pub fn inherits_from(text: &Inline) -> Option<&Link> {
    // Every phrase ends in "from": one scan turns down most paragraphs instead of four.
    if text.links.is_empty() || find_ci(&text.text, "from").is_none() {
        return None;
    }
    for phrase in [
        "inherits from",
        "derived from",
        "derives from",
        "inherits properties from",
    ] {
        if let Some(i) = find_ci(&text.text, phrase) {
            let rest = text.text[i + phrase.len()..].trim_start();
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            if let Some(l) = text
                .links
                .iter()
                .find(|l| !l.text.is_empty() && rest.starts_with(l.text.as_str()))
            {
                return Some(l);
            }
        }
    }
    None
}

/// "Read-only." anywhere in the description ("read only" and "readonly" too).
///
/// ```
/// use graphdoc_codegen::parse::prose::is_read_only;
///
/// assert!(is_read_only("The id. Read-only."));
/// assert!(is_read_only("READ ONLY. Supports $filter."));
/// assert!(is_read_only("Readonly."));
/// assert!(!is_read_only("Ready only when set."));
/// assert!(!is_read_only("Posts in the thread only."));
/// ```
pub fn is_read_only(text: &str) -> bool {
    // One scan for "read", then the three spellings of what follows it.
    let mut from = 0;
    while let Some(i) = find_ci(&text[from..], "read") {
        // `read` is ASCII: the byte after it starts a character.
        let after = &text[from + i + 4..];
        // A word of its own: "thread only" is not about being read-only.
        let word_start = !text.as_bytes()[..from + i]
            .last()
            .is_some_and(u8::is_ascii_alphanumeric);
        if word_start
            && ["-only", " only", "only"]
                .iter()
                .any(|p| starts_with_ci(after, p))
        {
            return true;
        }
        from += i + 1;
    }
    false
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` (lowercase ASCII) in
/// `hay`. Prose is searched for phrases on every row of every page; a lowercase copy per search
/// cost more than the search.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let last_start = h.len().checked_sub(n.len())?;
    // memchr jumps to the candidates (either case of the first letter) many bytes at a time.
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &h[..=last_start])
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `hay.starts_with(prefix)`, ignoring ASCII case, without a lowercase copy. Byte-wise, so it
/// never cuts a character.
pub(crate) fn starts_with_ci(hay: &str, prefix: &str) -> bool {
    hay.as_bytes()
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `s` with ASCII letters lowercased, written into `buf`; `None` when it does not fit. A lookup
/// key without an allocation, for the short names that are looked up for every cell and link.
pub(crate) fn lowercase_in<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let out = buf.get_mut(..s.len())?;
    out.copy_from_slice(s.as_bytes());
    out.make_ascii_lowercase();
    // ASCII lowercasing keeps UTF-8 valid, so this never fails.
    std::str::from_utf8(out).ok()
}

/// `s` lowercased: in `buf` when it fits ([`lowercase_in`]), else in a new string. For lookup
/// keys that are short but not bounded (type names, Type cells).
pub(crate) fn lowercase<'b>(s: &str, buf: &'b mut [u8]) -> std::borrow::Cow<'b, str> {
    match lowercase_in(s, buf) {
        Some(lower) => lower.into(),
        None => s.to_ascii_lowercase().into(),
    }
}

/// `hay.ends_with(suffix)`, ignoring ASCII case, without a lowercase copy. Byte-wise, so it never
/// cuts a character.
pub(crate) fn ends_with_ci(hay: &str, suffix: &str) -> bool {
    hay.len()
        .checked_sub(suffix.len())
        .is_some_and(|at| hay.as_bytes()[at..].eq_ignore_ascii_case(suffix.as_bytes()))
}

/// A `TODO` left by a template (case-sensitive, so `todoTask` is not one).
///
/// ```
/// use graphdoc_codegen::parse::prose::has_todo;
///
/// assert!(has_todo("**TODO: Add Description**"));
/// assert!(!has_todo("A todoTask."));
/// ```
pub fn has_todo(text: &str) -> bool {
    text.contains("TODO")
}

/// `unknownFutureValue` in any case.
///
/// ```
/// use graphdoc_codegen::parse::prose::is_unknown_future_value;
///
/// assert!(is_unknown_future_value("UnknownFutureValue"));
/// assert!(!is_unknown_future_value("unknown"));
/// ```
pub fn is_unknown_future_value(value: &str) -> bool {
    value.eq_ignore_ascii_case("unknownFutureValue")
}

#[cfg(test)]
mod tests {
    #[test]
    fn find_ci_is_ascii_case_insensitive_and_char_safe() {
        use super::find_ci;
        assert_eq!(find_ci("Is READ-only.", "read-only"), Some(3));
        assert_eq!(find_ci("ünïcode Read Only", "read only"), Some(10));
        assert_eq!(find_ci("read", "read-only"), None);
        assert_eq!(find_ci("", "a"), None);
        assert_eq!(find_ci("abc", ""), None);
    }

    #[test]
    fn prefixes_and_suffixes_ignore_ascii_case_and_cut_no_character() {
        use super::{ends_with_ci, starts_with_ci};
        assert!(starts_with_ci("Response", "response"));
        assert!(starts_with_ci("x", ""));
        assert!(!starts_with_ci("res", "response"));
        assert!(!starts_with_ci("?é", "br"));
        assert!(ends_with_ci("Skill VALUES", " values"));
        assert!(!ends_with_ci("values", " values"));
        assert!(!ends_with_ci("é", "e"));
    }

    #[test]
    fn lowercase_in_fits_or_declines() {
        use super::lowercase_in;
        let mut buf = [0u8; 8];
        assert_eq!(lowercase_in("SkillÉ", &mut buf), Some("skillÉ"));
        assert_eq!(lowercase_in("", &mut buf), Some(""));
        assert_eq!(lowercase_in("TooLongName", &mut buf), None);
        assert_eq!(super::lowercase("TooLongName", &mut buf), "toolongname");
        assert!(matches!(
            super::lowercase("Short", &mut buf),
            std::borrow::Cow::Borrowed("short")
        ));
    }

    #[test]
    fn read_only_in_its_spellings() {
        use super::is_read_only;
        for yes in [
            "Read-only.",
            "is READ ONLY",
            "readonly",
            "Ready. Read-Only",
            "x read only",
        ] {
            assert!(is_read_only(yes), "{yes}");
        }
        for no in [
            "",
            "read",
            "Ready only",
            "read-write, only",
            "read -only",
            "rea d-only",
        ] {
            assert!(!is_read_only(no), "{no}");
        }
    }

    use super::*;

    #[test]
    fn possible_values() {
        assert_eq!(
            listed_values("The audiences. Inherited from itemFacet. Possible values are: `me`, `family`, `unknownFutureValue`."),
            ["me", "family", "unknownFutureValue"]
        );
        assert_eq!(
            listed_values(
                "Possible values are `a`, `b`, or `c`. Default is `a`. Use `x` otherwise."
            ),
            ["a", "b", "c"]
        );
        assert_eq!(
            listed_values("Allowed values in the collection are: `askMeAbout`, `ableToMentor`."),
            ["askMeAbout", "ableToMentor"]
        );
        assert_eq!(
            listed_values("Possible values: `on` and `off`."),
            ["on", "off"]
        );
        assert!(listed_values("Possible values are listed in the following table.").is_empty());
        assert!(listed_values("The name, e.g. `x`.").is_empty());
        assert!(listed_values("Possible values are: `a").is_empty());
    }

    #[test]
    fn inheritance_needs_a_link() {
        let with = Inline {
            text: "Created by. Inherited from itemFacet.".into(),
            links: vec![Link {
                text: "itemFacet".into(),
                dest: "../resources/itemfacet.md".into(),
            }],
            all_strong: false,
        };
        assert_eq!(inherited_from(&with).unwrap().text, "itemFacet");
        let without = Inline {
            text: "If this content type is inherited from another scope".into(),
            links: vec![],
            all_strong: false,
        };
        assert!(inherited_from(&without).is_none());
        let prose = Inline {
            text: "The drive resource is derived from baseItem and inherits properties.".into(),
            links: vec![Link {
                text: "baseItem".into(),
                dest: "baseitem.md".into(),
            }],
            all_strong: false,
        };
        assert_eq!(inherits_from(&prose).unwrap().dest, "baseitem.md");
    }

    #[test]
    fn markers() {
        assert!(is_read_only("Identifier. Read-only."));
        assert!(has_todo("**TODO: Add Description**"));
        assert!(!has_todo("todoTask"));
        assert!(is_unknown_future_value("UnknownFutureValue"));
    }
}
