//! Token-building helpers for emit: literals, doc attributes, joined and braced streams.
//!
//! They exist for speed, not convenience: on the real reference emit builds about four million
//! tokens, and the obvious ways (`Literal::string`, interpolating a `TokenStream` into `quote!`)
//! cost most of emit's time. Each helper builds exactly the tokens `quote!` would have built.

use std::cell::{Cell, RefCell};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use rustc_hash::FxHashMap;

/// The `skip_serializing_if` path of every optional field, struct and patch alike.
pub(crate) const IS_NONE: &str = "::core::option::Option::is_none";

/// An identifier from a string that the naming module has already made valid.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `{ ts }` as a group: interpolating a `Group` shares it, interpolating a `TokenStream` copies
/// every token in it.
pub(crate) fn braced(ts: TokenStream) -> Group {
    Group::new(Delimiter::Brace, ts)
}

/// `[ts]` as a group: the bracketed part of an attribute, shareable as [`braced`] says.
pub(crate) fn bracketed(ts: TokenStream) -> Group {
    Group::new(Delimiter::Bracket, ts)
}

/// A stream that `quote!` takes by move; see [`moved`].
pub(crate) struct Moved(Cell<Option<TokenStream>>);

/// Wraps a stream interpolated once so that `quote!` moves its tokens. Interpolating a
/// `TokenStream` itself clones it token by token, each identifier a new allocation: on the
/// real reference, moving the docs, attributes and types of the 29,000 struct and patch fields
/// took emit from 2.39 G to 2.30 G instructions. (Struct field types have since become groups
/// built once per type and shared, `FieldTypes` in the emit module; a patch field's
/// `Option<Option<T>>` around such a group is still moved.) A second interpolation of the same
/// value would be empty, so debug builds refuse it.
pub(crate) fn moved(ts: TokenStream) -> Moved {
    Moved(Cell::new(Some(ts)))
}

impl ToTokens for Moved {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let ts = self.0.take();
        debug_assert!(ts.is_some(), "a moved stream is interpolated once");
        tokens.extend(ts);
    }
}

/// Concatenates owned streams (moved, not copied), with an optional punctuation mark after each.
pub(crate) fn join(items: impl IntoIterator<Item = TokenStream>, sep: Option<char>) -> TokenStream {
    let mut out = TokenStream::new();
    for item in items {
        out.extend(std::iter::once(item));
        if let Some(c) = sep {
            out.extend(std::iter::once(TokenTree::Punct(Punct::new(
                c,
                Spacing::Alone,
            ))));
        }
    }
    out
}

/// A string literal token equal to `Literal::string(s)`.
///
/// `Literal::string` escapes through `char::escape_debug` one character at a time, which was a
/// fifth of emit's time on the real reference (5.8 MB of doc text). Here runs of printable ASCII
/// are copied whole and only the rest goes through the same escaping.
pub(crate) fn str_lit(s: &str) -> Literal {
    quoted("", s)
}

/// `#[doc = "…"]` attributes, one per line, each line with a leading space so prettyplease
/// prints `/// line` comments (an empty line stays empty).
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    doc_attrs_of(text, doc_line)
}

/// `#` and the bracketed group `line_group` gives, for each line of `text`.
fn doc_attrs_of(text: &str, mut line_group: impl FnMut(&str) -> Group) -> TokenStream {
    let mut out = Vec::new();
    for line in text.lines() {
        out.push(TokenTree::Punct(Punct::new('#', Spacing::Alone)));
        out.push(TokenTree::Group(line_group(line)));
    }
    TokenStream::from_iter(out)
}

/// `[doc = " line"]`: the bracketed part of one line's doc attribute.
fn doc_line(line: &str) -> Group {
    let lit = quoted(if line.is_empty() { "" } else { " " }, line);
    let inner = TokenStream::from_iter([
        TokenTree::Ident(ident("doc")),
        TokenTree::Punct(Punct::new('=', Spacing::Alone)),
        TokenTree::Literal(lit),
    ]);
    bracketed(inner)
}

/// What a group in [`Reuse`] is; each kind is keyed by the text it is made from.
#[derive(Clone, Copy)]
pub(crate) enum Piece {
    /// `[doc = " line"]`, by line.
    DocLine,
    /// A struct field's `[serde(rename = "wire", skip_serializing_if = ..)]`, by wire name.
    FieldSerde,
    /// A patch field's `[serde(..)]`: optional or not, renamed or not; by the wire name when
    /// renamed (the attribute is otherwise the same for every field).
    PatchSerde { optional: bool, renamed: bool },
}

impl Piece {
    const COUNT: usize = 6;

    fn index(self) -> usize {
        match self {
            Piece::DocLine => 0,
            Piece::FieldSerde => 1,
            Piece::PatchSerde { optional, renamed } => {
                2 + usize::from(optional) * 2 + usize::from(renamed)
            }
        }
    }
}

/// Groups that recur across the items of one run, each built once and then shared.
///
/// A property's doc lines recur in every type it is flattened into and in enums' member lists,
/// and a wire-name attribute in every type with that property: the real reference's output has
/// 71,499 doc lines, 33,683 of them distinct. Interpolating a group shares its tokens; building
/// it again costs an allocation per identifier and an escape per literal. The tokens are the
/// same either way. (callgrind: emit 1.91 G → 1.78 G instructions, and its tokens take 6% less
/// memory; its time moved less than the VM's noise.)
///
/// A group is keyed by its [`Piece`] and the text it is made from; everything else that goes
/// into it must be the same for the whole run (the emit module's paths, and call-site spans).
/// [`super::patch::emit_patch`] takes a fresh one for each patch type, whose fields carry their
/// own spans.
#[derive(Default)]
pub(crate) struct Reuse {
    groups: RefCell<[FxHashMap<Box<str>, Group>; Piece::COUNT]>,
}

impl Reuse {
    /// The group for `piece` and `key`, built by `build` the first time.
    pub(crate) fn group(&self, piece: Piece, key: &str, build: impl FnOnce() -> Group) -> Group {
        let i = piece.index();
        if let Some(g) = self.groups.borrow()[i].get(key) {
            return g.clone();
        }
        // Built outside the borrow: a builder may ask for other groups.
        let g = build();
        self.groups.borrow_mut()[i].insert(key.into(), g.clone());
        g
    }

    /// [`doc_attrs`], with each line's group shared.
    pub(crate) fn doc_attrs(&self, text: &str) -> TokenStream {
        doc_attrs_of(text, |line| {
            self.group(Piece::DocLine, line, || doc_line(line))
        })
    }
}

/// The string literal of `prefix` followed by `s` (`prefix` needs no escaping), built as
/// [`str_lit`] describes.
fn quoted(prefix: &str, s: &str) -> Literal {
    let mut repr = String::with_capacity(prefix.len() + s.len() + 2);
    repr.push('"');
    repr.push_str(prefix);
    escape_into(&mut repr, s);
    repr.push('"');
    // The lexer cannot refuse what `escape_into` writes (the tests compare the two); should it
    // ever, the literal is built the ordinary way.
    repr.parse()
        .unwrap_or_else(|_| Literal::string(&format!("{prefix}{s}")))
}

/// Appends `s` escaped exactly as proc-macro2's `Literal::string` escapes it.
fn escape_into(repr: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest
        .bytes()
        .position(|b| !(0x20..0x7f).contains(&b) || b == b'"' || b == b'\\')
    {
        repr.push_str(&rest[..i]);
        // Every byte before `i` is ASCII, so `i` starts a character.
        let mut chars = rest[i..].chars();
        let Some(ch) = chars.next() else { break };
        if ch == '\0' {
            // As proc-macro2 does: `\0` before an octal digit would read as an octal escape.
            let digit_next = chars
                .as_str()
                .starts_with(|c: char| ('0'..='7').contains(&c));
            repr.push_str(if digit_next { "\\x00" } else { "\\0" });
        } else {
            repr.extend(ch.escape_debug());
        }
        rest = chars.as_str();
    }
    repr.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn string_literals_match_proc_macro2() {
        let samples = [
            "",
            "plain text",
            "quote \" and backslash \\ and 'apostrophe'",
            "tab\tnewline\ncr\r",
            "nul\0 then digit \x007 and \x00x",
            "control \x01\x1f\x7f",
            "unicode é ß 日本 🎉",
            "combining e\u{301} and zero-width \u{200b} and bidi \u{202e}",
            "\u{feff}bom and \u{85} next line",
            "\"); } fn evil() { (\"",
        ];
        for s in samples {
            assert_eq!(
                str_lit(s).to_string(),
                Literal::string(s).to_string(),
                "{s:?}"
            );
        }
        // Every char up to U+FFFF, in strings of 64 chars, with ASCII between them.
        let all: Vec<char> = (0..=0xffff_u32).filter_map(char::from_u32).collect();
        for chunk in all.chunks(64) {
            let s: String = chunk.iter().flat_map(|c| [*c, 'a']).collect();
            assert_eq!(str_lit(&s).to_string(), Literal::string(&s).to_string());
        }
    }

    #[test]
    fn doc_attrs_match_quote() {
        let text = "First line with \"quotes\".\n\nThird: tab\there, `code`, é.";
        let lines = text.lines().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        });
        let expected = quote!(#(#[doc = #lines])*);
        assert_eq!(doc_attrs(text).to_string(), expected.to_string());
        let reuse = Reuse::default();
        assert_eq!(reuse.doc_attrs(text).to_string(), expected.to_string());
        // The second time, from the shared groups.
        assert_eq!(reuse.doc_attrs(text).to_string(), expected.to_string());
    }

    #[test]
    fn reused_groups_are_built_once_per_piece_and_key() {
        let reuse = Reuse::default();
        let built = Cell::new(0);
        let make = |ts: TokenStream| {
            built.set(built.get() + 1);
            bracketed(ts)
        };
        let a = reuse.group(Piece::FieldSerde, "x", || make(quote!(serde(rename = "x"))));
        let b = reuse.group(Piece::FieldSerde, "x", || make(quote!(wrong)));
        assert_eq!(built.get(), 1);
        assert_eq!(a.to_string(), b.to_string());
        // Another key, or the same key for another piece, is built anew.
        reuse.group(Piece::FieldSerde, "y", || make(quote!(serde(rename = "y"))));
        let c = reuse.group(Piece::DocLine, "x", || make(quote!(doc = " x")));
        assert_eq!(built.get(), 3);
        assert_eq!(c.to_string(), "[doc = \" x\"]");
        let indexes: std::collections::BTreeSet<usize> = [Piece::DocLine, Piece::FieldSerde]
            .into_iter()
            .chain([false, true].into_iter().flat_map(|optional| {
                [false, true]
                    .into_iter()
                    .map(move |renamed| Piece::PatchSerde { optional, renamed })
            }))
            .map(Piece::index)
            .collect();
        assert_eq!(indexes, (0..Piece::COUNT).collect());
    }

    #[test]
    fn moved_streams_interpolate_like_streams() {
        let ty = quote!(::std::vec::Vec<u8>);
        let expected = quote!(pub x: ::core::option::Option<#ty>).to_string();
        let ty = moved(ty);
        assert_eq!(
            quote!(pub x: ::core::option::Option<#ty>).to_string(),
            expected
        );
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "interpolated once")]
    fn moved_streams_refuse_a_second_use() {
        let ty = moved(quote!(u8));
        let _ = quote!(#ty #ty);
    }

    #[test]
    fn join_moves_streams_with_separators() {
        let joined = join([quote!(a: u8), quote!(b: i8)], Some(','));
        assert_eq!(joined.to_string(), quote!(a: u8, b: i8,).to_string());
        assert_eq!(join([quote!(x), quote!(y)], None).to_string(), "x y");
    }
}
