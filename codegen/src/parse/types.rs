//! The Type column grammar: `String`, `Edm.Int32`, `[x](x.md) collection`, `Collection(X)`, bare enum names, unions.

use super::markdown::{Inline, Link};
use super::trim;

/// An Edm primitive, whatever spelling the page used.
///
/// ```
/// use graphdoc_codegen::parse::types::{Prim, TypeExpr};
/// use graphdoc_codegen::parse::{markdown::Inline, types::parse_type};
///
/// let cell = Inline { text: "Edm.Int64".into(), ..Inline::default() };
/// assert_eq!(parse_type(&cell), TypeExpr::Prim(Prim::Int64));
/// assert_eq!(Prim::from_name("long"), Some(Prim::Int64));
/// assert_eq!(Prim::Int64.edm_name(), "Int64");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Prim {
    /// `String`, `string`, `Edm.String`.
    String,
    /// `Boolean`, `bool`.
    Boolean,
    /// `Byte`.
    Byte,
    /// `SByte`.
    SByte,
    /// `Int16`.
    Int16,
    /// `Int32`, `int`.
    Int32,
    /// `Int64`, `long`, `Integer` (ApiDoctor reads `Integer` as Int64 too).
    Int64,
    /// `Single`, `Float`.
    Single,
    /// `Double`, `Decimal`, `number`.
    Double,
    /// `Guid`, `GUID`.
    Guid,
    /// `Date`.
    Date,
    /// `DateTimeOffset`, `DateTime`, `Timestamp`.
    DateTimeOffset,
    /// `TimeOfDay`.
    TimeOfDay,
    /// `Duration`.
    Duration,
    /// `Binary`.
    Binary,
    /// `Stream`: media content, not part of JSON bodies; kept as a string.
    Stream,
    /// `Json`, `JSON object`, `object`: untyped JSON.
    Json,
}

impl Prim {
    /// Reads a primitive name in any case, with or without `Edm.`.
    ///
    /// ```
    /// use graphdoc_codegen::parse::types::Prim;
    ///
    /// assert_eq!(Prim::from_name("Edm.Int32"), Some(Prim::Int32));
    /// assert_eq!(Prim::from_name(" DateTime "), Some(Prim::DateTimeOffset));
    /// assert_eq!(Prim::from_name("JSON object"), Some(Prim::Json));
    /// assert_eq!(Prim::from_name("identitySet"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Prim> {
        // Lowercased on the stack: every Type cell asks, and no primitive's name is longer.
        let mut buf = [0u8; 24];
        let lower = super::prose::lowercase_in(trim::ws(name), &mut buf)?;
        let lower = lower.strip_prefix("edm.").unwrap_or(lower);
        Some(match lower {
            "string" | "str" => Prim::String,
            "boolean" | "bool" => Prim::Boolean,
            "byte" => Prim::Byte,
            "sbyte" => Prim::SByte,
            "int16" | "short" => Prim::Int16,
            "int32" | "int" => Prim::Int32,
            "int64" | "long" | "integer" => Prim::Int64,
            "single" | "float" => Prim::Single,
            "double" | "decimal" | "number" => Prim::Double,
            "guid" | "uuid" => Prim::Guid,
            "date" => Prim::Date,
            "datetimeoffset" | "datetime" | "timestamp" => Prim::DateTimeOffset,
            "timeofday" => Prim::TimeOfDay,
            "duration" | "timespan" => Prim::Duration,
            "binary" => Prim::Binary,
            "stream" => Prim::Stream,
            "json" | "object" | "json object" | "untyped json object" | "untyped" => Prim::Json,
            _ => return None,
        })
    }

    /// The Edm name, e.g. `"Int32"`.
    ///
    /// ```
    /// use graphdoc_codegen::parse::types::Prim;
    ///
    /// assert_eq!(Prim::from_name("timestamp").map(Prim::edm_name), Some("DateTimeOffset"));
    /// assert_eq!(Prim::from_name(Prim::Guid.edm_name()), Some(Prim::Guid));
    /// ```
    pub fn edm_name(self) -> &'static str {
        match self {
            Prim::String => "String",
            Prim::Boolean => "Boolean",
            Prim::Byte => "Byte",
            Prim::SByte => "SByte",
            Prim::Int16 => "Int16",
            Prim::Int32 => "Int32",
            Prim::Int64 => "Int64",
            Prim::Single => "Single",
            Prim::Double => "Double",
            Prim::Guid => "Guid",
            Prim::Date => "Date",
            Prim::DateTimeOffset => "DateTimeOffset",
            Prim::TimeOfDay => "TimeOfDay",
            Prim::Duration => "Duration",
            Prim::Binary => "Binary",
            Prim::Stream => "Stream",
            Prim::Json => "Json",
        }
    }
}

/// A type as a Type cell writes it, before any name is resolved.
///
/// ```
/// use graphdoc_codegen::parse::types::{Prim, TypeExpr};
/// use graphdoc_codegen::{parse_pages, Source};
///
/// let md = "# thing resource type\n\n## Properties\n|Property|Type|Description|\n|-|-|-|\n\
///           |tags|String collection|Tags.|\n|kind|Enumeration|Possible values are: `a`, `b`.|\n|where|Location header|x|\n";
/// let (pages, _) = parse_pages(&[Source::new("resources/thing.md", md)]);
/// let types: Vec<&TypeExpr> = pages[0].properties.iter().map(|r| &r.ty).collect();
/// let tags = TypeExpr::Collection(Box::new(TypeExpr::Prim(Prim::String)));
/// assert_eq!(types, [&tags, &TypeExpr::Enumeration, &TypeExpr::Unknown("Location header".into())]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeExpr {
    /// A primitive.
    Prim(Prim),
    /// A named type: linked (`[x](x.md)`, `[x](enums.md#x-values)`) or bare (`skillProficiencyLevel`).
    Named(NamedRef),
    /// `X collection`, `Collection(X)`, `Collection of X`.
    Collection(Box<TypeExpr>),
    /// `Enumeration` with no name: the values are in the description.
    Enumeration,
    /// `[a](a.md) or [b](b.md)`.
    Union(Vec<TypeExpr>),
    /// Text that is not a type (`Location header`, empty cells); the original text is kept.
    Unknown(String),
}

/// A reference to a named type.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{Inline, Link};
/// use graphdoc_codegen::parse::types::{parse_type, NamedRef, TypeExpr};
///
/// let link = Link { text: "chatType".into(), dest: "../resources/chat.md#chatType-values".into() };
/// let cell = Inline { text: "chatType".into(), links: vec![link], all_strong: false };
/// let TypeExpr::Named(r) = parse_type(&cell) else { panic!() };
/// let want = NamedRef { name: "chatType".into(), page: Some("chat".into()), fragment: Some("chattype-values".into()) };
/// assert_eq!(r, want);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedRef {
    /// The name as written (link text or bare name), possibly qualified (`microsoft.graph.x`).
    pub name: String,
    /// For links to pages: the lowercase file stem (`identityset` from `../resources/identitySet.md`).
    pub page: Option<String>,
    /// For links to sections: the fragment (`chattype-values`).
    pub fragment: Option<String>,
}

/// Parses a Type cell.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{Inline, Link};
/// use graphdoc_codegen::parse::types::{parse_type, Prim, TypeExpr};
///
/// let cell = |text: &str| Inline { text: text.into(), ..Inline::default() };
/// assert_eq!(parse_type(&cell("string (url)")), TypeExpr::Prim(Prim::String));
/// let ints = TypeExpr::Union(vec![TypeExpr::Prim(Prim::Int32), TypeExpr::Prim(Prim::Int64)]);
/// assert_eq!(parse_type(&cell("Int32 or Int64")), ints);
/// assert!(matches!(parse_type(&cell("skillLevel enum")), TypeExpr::Named(r) if r.name == "skillLevel"));
/// let link = Link { text: "identitySet".into(), dest: "identityset.md".into() };
/// let linked = Inline { text: "identitySet collection".into(), links: vec![link], all_strong: false };
/// assert!(matches!(parse_type(&linked), TypeExpr::Collection(t) if matches!(*t, TypeExpr::Named(_))));
/// ```
pub fn parse_type(cell: &Inline) -> TypeExpr {
    let text = strip_wrappers(&cell.text);
    parse_text(text, &cell.links)
}

fn parse_text(text: &str, links: &[Link]) -> TypeExpr {
    // Lowercased on the stack when it fits: every Type cell comes here, and most are short.
    let mut buf = [0u8; 96];
    let lower = super::prose::lowercase(text, &mut buf);
    if let Some(inner) = strip_collection(text, &lower) {
        return match parse_text(strip_wrappers(inner), links) {
            TypeExpr::Unknown(_) => TypeExpr::Unknown(text.to_string()),
            t => TypeExpr::Collection(Box::new(t)),
        };
    }
    if links.len() > 1 && (lower.contains(" or ") || lower.contains(',')) {
        return TypeExpr::Union(links.iter().map(link_ref).collect());
    }
    if let Some(link) = links.first() {
        // `[x](x.md)`, `[x](x.md) enum`, `[**x**][x]`, `[itemAnalytics][] resource`
        let rest = trim::ws(text)
            .strip_prefix(link.text.as_str())
            .map(trim::ws);
        if links.len() == 1 && rest.is_some_and(|r| r.is_empty() || is_kind_word(r)) {
            return link_ref(link);
        }
        if links.len() == 1 && Prim::from_name(&link.text).is_some() && rest == Some("") {
            // `[DateTimeOffset](timestamp.md)`: the text names a primitive.
            return TypeExpr::Prim(Prim::from_name(&link.text).unwrap_or(Prim::String));
        }
        return TypeExpr::Unknown(text.to_string());
    }
    if let Some(p) = Prim::from_name(text) {
        return TypeExpr::Prim(p);
    }
    // `string (url)`, `String, maximum size 20`, `` `String` (url) ``: a primitive with a remark.
    if let Some(first) = text.split([' ', ',', '(']).next() {
        if first.len() < text.len() {
            if let Some(p) = Prim::from_name(strip_wrappers(first)) {
                if !lower.contains(" or ") && !lower.contains('/') {
                    return TypeExpr::Prim(p);
                }
            }
        }
    }
    if lower == "enumeration" || lower == "enum" {
        return TypeExpr::Enumeration;
    }
    if let Some(parts) = split_union(text) {
        return TypeExpr::Union(parts.into_iter().map(|p| parse_text(p, &[])).collect());
    }
    // `skillLevel enum`, `error object`
    let name = trim::ws(match text.rsplit_once(' ') {
        Some((name, word)) if is_kind_word(word) => name,
        _ => text,
    });
    if is_type_name(name) {
        return TypeExpr::Named(NamedRef {
            name: name.to_string(),
            page: None,
            fragment: None,
        });
    }
    TypeExpr::Unknown(text.to_string())
}

/// A word after a type's name that says what kind of type it is: `enum`, `type`, `resource`,
/// `object` (`[itemAnalytics][] resource` on three real pages, `error object` on one).
fn is_kind_word(word: &str) -> bool {
    ["enum", "type", "resource", "object"]
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

fn strip_collection<'a>(text: &'a str, lower: &str) -> Option<&'a str> {
    let t = trim::ws(text);
    if lower.ends_with(" collection") {
        return Some(&t[..t.len() - " collection".len()]);
    }
    if lower.starts_with("collection(") && lower.ends_with(')') {
        return Some(&t["collection(".len()..t.len() - 1]);
    }
    if lower.starts_with("collection of ") {
        return Some(&t["collection of ".len()..]);
    }
    None
}

/// `` `String` ``, `**name**`, surrounding spaces.
fn strip_wrappers(text: &str) -> &str {
    let mut t = trim::ws(text);
    loop {
        let before = t;
        for w in ["`", "**", "*", "_"] {
            if t.len() > 2 * w.len() && t.starts_with(w) && t.ends_with(w) {
                t = trim::ws(&t[w.len()..t.len() - w.len()]);
            }
        }
        if t == before {
            return t;
        }
    }
}

/// `string/number`, `String or Int32`.
fn split_union(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = if text.contains(" or ") {
        text.split(" or ").map(str::trim).collect()
    } else if text.contains('/') && !text.contains(' ') {
        text.split('/').map(str::trim).collect()
    } else {
        return None;
    };
    let ok = parts.len() > 1
        && parts
            .iter()
            .all(|p| Prim::from_name(p).is_some() || is_type_name(p));
    ok.then_some(parts)
}

/// A type name: identifier characters and dots (`microsoft.graph.callRecords.clientPlatform`).
///
/// ```
/// use graphdoc_codegen::parse::types::is_type_name;
///
/// assert!(is_type_name("microsoft.graph.callRecords.clientPlatform"));
/// assert!(is_type_name("skill_level2"));
/// assert!(!is_type_name("Location header"));
/// assert!(!is_type_name("microsoft.graph."));
/// assert!(!is_type_name("microsoft..graph"));
/// assert!(!is_type_name("2fa"));
/// ```
pub fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
        && !s.ends_with('.')
        && !s.contains("..")
}

/// The type a link points at: `[x](../resources/x.md)`, `[x](enums.md#x-values)`.
///
/// ```
/// use graphdoc_codegen::parse::markdown::Link;
/// use graphdoc_codegen::parse::types::{link_ref, NamedRef, TypeExpr};
///
/// let link = Link { text: "`identitySet`".into(), dest: "/graph/api/resources/identitySet?view=graph-rest-beta".into() };
/// let want = NamedRef { name: "identitySet".into(), page: Some("identityset".into()), fragment: None };
/// assert_eq!(link_ref(&link), TypeExpr::Named(want));
/// let here = Link { text: "status".into(), dest: "#status-values".into() };
/// assert!(matches!(link_ref(&here), TypeExpr::Named(r) if r.page.is_none() && r.fragment.as_deref() == Some("status-values")));
/// ```
pub fn link_ref(link: &Link) -> TypeExpr {
    let name = strip_wrappers(&link.text).to_string();
    let (path, fragment) = match link.dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_ascii_lowercase())),
        None => (link.dest.as_str(), None),
    };
    let path = path.split('?').next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let page = (!stem.is_empty()).then(|| stem.to_ascii_lowercase());
    TypeExpr::Named(NamedRef {
        name,
        page,
        fragment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, links: &[(&str, &str)]) -> Inline {
        Inline {
            text: text.to_string(),
            links: links
                .iter()
                .map(|(t, d)| Link {
                    text: t.to_string(),
                    dest: d.to_string(),
                })
                .collect(),
            all_strong: false,
        }
    }

    fn named(name: &str, page: Option<&str>) -> TypeExpr {
        TypeExpr::Named(NamedRef {
            name: name.into(),
            page: page.map(Into::into),
            fragment: None,
        })
    }

    #[test]
    fn primitives_in_any_spelling() {
        for (s, p) in [
            ("String", Prim::String),
            ("string", Prim::String),
            ("`DateTimeOffset`", Prim::DateTimeOffset),
            ("Edm.Int32", Prim::Int32),
            ("GUID", Prim::Guid),
            ("int", Prim::Int32),
            ("Integer", Prim::Int64),
            ("datetime", Prim::DateTimeOffset),
            ("Json", Prim::Json),
            ("string (url)", Prim::String),
            ("String, maximum size 20", Prim::String),
            ("`String` (url)", Prim::String),
            ("**Int32**, at most 10", Prim::Int32),
        ] {
            assert_eq!(parse_type(&cell(s, &[])), TypeExpr::Prim(p), "{s}");
        }
        // The longest spelling fits the stack buffer; longer names and non-ASCII ones are no primitive.
        assert_eq!(
            Prim::from_name(" Edm.Untyped JSON object "),
            Some(Prim::Json)
        );
        assert_eq!(Prim::from_name("Edm.Untyped JSON objects!"), None);
        assert_eq!(Prim::from_name("Strïng"), None);
    }

    #[test]
    fn collections_links_and_names() {
        assert_eq!(
            parse_type(&cell("String collection", &[])),
            TypeExpr::Collection(Box::new(TypeExpr::Prim(Prim::String)))
        );
        assert_eq!(
            parse_type(&cell(
                "identitySet collection",
                &[("identitySet", "../resources/identitySet.md")]
            )),
            TypeExpr::Collection(Box::new(named("identitySet", Some("identityset"))))
        );
        assert_eq!(
            parse_type(&cell(
                "Collection(identitySet)",
                &[("identitySet", "identityset.md")]
            )),
            TypeExpr::Collection(Box::new(named("identitySet", Some("identityset"))))
        );
        assert_eq!(
            parse_type(&cell("skillProficiencyLevel", &[])),
            named("skillProficiencyLevel", None)
        );
        assert_eq!(parse_type(&cell("Enumeration", &[])), TypeExpr::Enumeration);
        assert_eq!(
            parse_type(&cell(
                "chatType",
                &[("chatType", "../resources/chat.md#chattype-values")]
            )),
            TypeExpr::Named(NamedRef {
                name: "chatType".into(),
                page: Some("chat".into()),
                fragment: Some("chattype-values".into())
            })
        );
        assert_eq!(
            parse_type(&cell(
                "x",
                &[("x", "/graph/api/resources/x?view=graph-rest-beta")]
            )),
            named("x", Some("x"))
        );
    }

    /// `[itemAnalytics][] resource` (driveitem, listitem, site), `error object`
    /// (workbookoperationerror): a word saying what kind of type the name is.
    #[test]
    fn a_kind_word_after_the_name_is_dropped() {
        let link = [("itemAnalytics", "itemanalytics.md")];
        for text in [
            "itemAnalytics resource",
            "itemAnalytics Resource",
            "itemAnalytics object",
            "itemAnalytics enum",
            "itemAnalytics type",
        ] {
            assert_eq!(
                parse_type(&cell(text, &link)),
                named("itemAnalytics", Some("itemanalytics")),
                "{text}"
            );
        }
        assert_eq!(parse_type(&cell("error object", &[])), named("error", None));
        assert_eq!(
            parse_type(&cell("skillLevel enum", &[])),
            named("skillLevel", None)
        );
        // Any other word leaves the cell unread.
        assert!(matches!(
            parse_type(&cell("itemAnalytics thing", &link)),
            TypeExpr::Unknown(_)
        ));
        assert!(matches!(
            parse_type(&cell("Location header", &[])),
            TypeExpr::Unknown(_)
        ));
    }

    #[test]
    fn unions_and_prose() {
        let t = parse_type(&cell("a or b", &[("a", "a.md"), ("b", "b.md")]));
        assert_eq!(
            t,
            TypeExpr::Union(vec![named("a", Some("a")), named("b", Some("b"))])
        );
        assert!(
            matches!(parse_type(&cell("string/number", &[])), TypeExpr::Union(v) if v.len() == 2)
        );
        assert!(matches!(
            parse_type(&cell("Location header", &[])),
            TypeExpr::Unknown(_)
        ));
        assert!(matches!(parse_type(&cell("", &[])), TypeExpr::Unknown(_)));
        assert!(matches!(
            parse_type(&cell("TODO: x", &[])),
            TypeExpr::Unknown(_)
        ));
    }
}
