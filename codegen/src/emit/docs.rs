//! Doc comments from page descriptions: cleaned so rustdoc renders them as text, never as code or broken links.

use std::borrow::Cow;

/// Turns a description into doc-comment markdown.
///
/// `links` are (text, Rust type name) pairs: the first occurrence of each text becomes an
/// intra-doc link. Everything else that rustdoc would interpret is neutralised: brackets,
/// angle brackets (bare URLs become autolinks), unbalanced backticks, code fences,
/// leading `#` and indentation.
///
/// ```
/// use graphdoc_codegen::emit::docs::clean;
///
/// let links = [("itemFacet".to_string(), "ItemFacet".to_string())];
/// let text = "Inherited from itemFacet; an itemFacet again.\n  See https://aka.ms/x. Use <value> [here].";
/// assert_eq!(
///     clean(text, &links),
///     "Inherited from [`ItemFacet`]; an itemFacet again. See <https://aka.ms/x>. Use &lt;value&gt; \\[here\\]."
/// );
/// assert_eq!(clean("# `one` tick`", &[]), "\\# \\`one\\` tick\\`");
/// ```
pub fn clean(text: &str, links: &[(String, String)]) -> String {
    let collapsed = collapse(text);
    // Backticks that pair in the text may not pair in what rustdoc reads (one inside a URL,
    // which becomes an autolink): then none is a code span.
    clean_with(&collapsed, links, pairs_backticks(&collapsed))
        .or_else(|_| clean_with(&collapsed, links, false))
        .unwrap_or_else(|out| out)
}

/// Whether the backticks of `text` pair up (and open no fence): only then are they code spans.
fn pairs_backticks(text: &str) -> bool {
    text.matches('`').count() % 2 == 0 && !text.contains("```")
}

/// [`clean`] with backticks kept as code spans or not; `Err` when a code span is left open.
fn clean_with(
    collapsed: &str,
    links: &[(String, String)],
    balanced: bool,
) -> Result<String, String> {
    let mut cleaner = Cleaner::new(collapsed, links, balanced);
    let mut rest = collapsed;
    while !rest.is_empty() {
        // Most of a description needs nothing done: copy such runs whole (this loop was a tenth
        // of emit's time char by char). A run stops wherever a rule might apply.
        let run = plain_run(rest, cleaner.in_code, !links.is_empty(), &cleaner.out);
        if run > 0 {
            cleaner.out.push_str(&rest[..run]);
            rest = &rest[run..];
        } else {
            rest = cleaner.step(rest);
        }
    }
    if cleaner.in_code {
        Err(cleaner.out)
    } else {
        Ok(cleaner.out)
    }
}

/// `text` with each run of whitespace made one space and the ends trimmed, as
/// `split_whitespace` and `join(" ")` give it. Most descriptions already are: those are
/// borrowed, which saves the word list and the joined copy.
fn collapse(text: &str) -> Cow<'_, str> {
    let mut after_space = true;
    let collapsed = text.chars().all(|c| {
        let ok = !c.is_whitespace() || c == ' ' && !after_space;
        after_space = c == ' ';
        ok
    }) && (!after_space || text.is_empty());
    if collapsed {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// The state of [`clean`] between characters.
struct Cleaner<'a> {
    links: &'a [(String, String)],
    /// Whether the description's backticks pair up (no fences): then they stay code spans.
    balanced: bool,
    in_code: bool,
    /// Which links have been placed (each once).
    linked: Vec<bool>,
    out: String,
}

impl<'a> Cleaner<'a> {
    fn new(collapsed: &str, links: &'a [(String, String)], balanced: bool) -> Self {
        Cleaner {
            links,
            balanced,
            in_code: false,
            linked: vec![false; links.len()],
            out: String::with_capacity(collapsed.len() + 16),
        }
    }

    /// Applies the rules at the start of `rest` (not empty) and returns what remains.
    fn step<'r>(&mut self, rest: &'r str) -> &'r str {
        let out = &mut self.out;
        let Some(c) = rest.chars().next() else {
            return rest;
        };
        if c == '`' {
            if self.balanced {
                self.in_code = !self.in_code;
                out.push('`');
            } else {
                out.push_str("\\`");
            }
            return &rest[1..];
        }
        if self.in_code {
            out.push(c);
            return &rest[c.len_utf8()..];
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '<' || c == '"')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            return &rest[url.len()..];
        }
        let at_word_start = !out.chars().last().is_some_and(|p| p.is_alphanumeric());
        if at_word_start && c.is_alphabetic() {
            let linked = &mut self.linked;
            if let Some((i, (word, rust))) = self.links.iter().enumerate().find(|(i, (w, _))| {
                !linked[*i]
                    && !w.is_empty()
                    && rest.starts_with(w.as_str())
                    && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) {
                linked[i] = true;
                push_type_link(out, rust);
                let after = &rest[word.len()..];
                // `(x)` right after would be read as the link's destination, `[x]` (even
                // escaped) as its label, and `: x` after a link that starts a line as a link
                // definition.
                return match after.as_bytes().first() {
                    Some(&b @ (b'(' | b':')) => {
                        out.push('\\');
                        out.push(char::from(b));
                        &after[1..]
                    }
                    Some(b'[') => {
                        out.push_str("&#91;");
                        &after[1..]
                    }
                    _ => after,
                };
            }
        }
        match c {
            // Escaped itself, a backslash cannot escape the escape of what follows (`\[`).
            '\\' => out.push_str("\\\\"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '#' if out.is_empty() => out.push_str("\\#"),
            '*' | '_' if out.is_empty() => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        &rest[c.len_utf8()..]
    }
}

/// `text` as a markdown code span, whatever it holds: the fence is one backtick longer than
/// the longest run of backticks inside, line breaks become spaces, and a space pads text that
/// starts or ends with a backtick. For names and paths the pages choose.
///
/// ```
/// use graphdoc_codegen::emit::docs::code;
/// assert_eq!(code("displayName"), "`displayName`");
/// assert_eq!(code("c`[x]`"), "`` c`[x]` ``");
/// assert_eq!(code("v[2]/a.md"), "`v[2]/a.md`");
/// assert_eq!(code(""), "`  `");
/// ```
pub fn code(text: &str) -> String {
    // Almost every name and path: one backtick each side, one allocation (emit calls this for
    // every enum value and every property without a description).
    if !text.is_empty() && !text.contains(['`', '\n', '\r']) {
        return format!("`{text}`");
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let text = text.replace(['\n', '\r'], " ");
    let pad = if text.is_empty() || text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// An intra-doc link to the generated type `name`: ``[`Name`]``, or ``[`type@Default`]`` (shown
/// as `Default`) for a name that a prelude derive macro also has, which rustdoc would otherwise
/// call ambiguous.
///
/// ```
/// use graphdoc_codegen::emit::docs::type_link;
/// assert_eq!(type_link("ItemFacet"), "[`ItemFacet`]");
/// assert_eq!(type_link("Default"), "[`type@Default`]");
/// ```
pub fn type_link(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 9);
    push_type_link(&mut out, name);
    out
}

/// The derive macros of the prelude: a type of one of these names shares it with a macro.
const PRELUDE_DERIVES: &[&str] = &[
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Eq",
    "Hash",
    "Ord",
    "PartialEq",
    "PartialOrd",
];

fn push_type_link(out: &mut String, name: &str) {
    out.push_str("[`");
    if PRELUDE_DERIVES.contains(&name) {
        out.push_str("type@");
    }
    out.push_str(name);
    out.push_str("`]");
}

/// Length of the prefix of `rest` that [`clean`] copies unchanged: up to the next backtick in
/// code; outside it, ASCII other than markup characters, a URL start, or (when there are links
/// to place) a letter starting a word.
fn plain_run(rest: &str, in_code: bool, has_links: bool, out: &str) -> usize {
    let bytes = rest.as_bytes();
    if in_code {
        return memchr::memchr(b'`', bytes).unwrap_or(bytes.len());
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let stop = match b {
            b'`' | b'[' | b']' | b'<' | b'>' | b'#' | b'*' | b'_' | b'\\' => true,
            b'h' => rest[i..].starts_with("http://") || rest[i..].starts_with("https://"),
            _ => !b.is_ascii(),
        };
        let word_start = has_links && b.is_ascii_alphabetic() && {
            let before = match i.checked_sub(1) {
                Some(j) => char::from(bytes[j]),
                None => out.chars().last().unwrap_or(' '),
            };
            !before.is_alphanumeric()
        };
        if stop || word_start {
            break;
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`clean`] without the runs: every character through [`Cleaner::step`], as it was first
    /// written. Copying runs must change nothing.
    fn clean_by_char(text: &str, links: &[(String, String)]) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let by_char = |balanced| {
            let mut cleaner = Cleaner::new(&collapsed, links, balanced);
            let mut rest = collapsed.as_str();
            while !rest.is_empty() {
                rest = cleaner.step(rest);
            }
            (cleaner.out, cleaner.in_code)
        };
        match by_char(pairs_backticks(&collapsed)) {
            (out, false) => out,
            _ => by_char(false).0,
        }
    }

    #[test]
    fn runs_change_nothing() {
        const PIECES: &[&str] = &[
            "itemFacet",
            "itemFacets",
            "Facet",
            "skill",
            "the ",
            " ",
            "  \n",
            ".",
            ", ",
            "`",
            "`code`",
            "\\",
            "https://x.example/a`b ",
            "```",
            "[",
            "]",
            "<",
            ">",
            "#",
            "*",
            "_",
            "h",
            "http",
            "https://x.example/a.",
            "http://y.example)",
            "é",
            "日本",
            "2021",
            "x",
            "\"",
            "-",
            "(",
            ")",
            "\t",
            "\u{a0}",
            "\u{2028}",
        ];
        let links = [
            ("itemFacet".to_string(), "ItemFacet".to_string()),
            ("skill".to_string(), "SkillProficiency".to_string()),
            ("日本".to_string(), "Japan".to_string()),
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = state % 12;
            for k in 0..len {
                let pick = (state >> (k * 5)) as usize % PIECES.len();
                text.push_str(PIECES[pick]);
            }
            for l in [&links[..], &[]] {
                assert_eq!(clean(&text, l), clean_by_char(&text, l), "{text:?}");
            }
        }
    }

    #[test]
    fn links_become_intra_doc_links() {
        let links = vec![("itemFacet".to_string(), "ItemFacet".to_string())];
        assert_eq!(
            clean("Who. Inherited from itemFacet. Values: `me`.", &links),
            "Who. Inherited from [`ItemFacet`]. Values: `me`."
        );
        // Only whole words.
        assert_eq!(clean("itemFacets", &links), "itemFacets");
    }

    #[test]
    fn markdown_and_html_are_neutralised() {
        assert_eq!(clean("a [b] <c>", &[]), "a \\[b\\] &lt;c&gt;");
        assert_eq!(
            clean("see https://x.example/a.", &[]),
            "see <https://x.example/a>."
        );
        assert_eq!(clean("odd ` tick", &[]), "odd \\` tick");
        assert_eq!(
            clean("```rust\nfn main(){}\n```", &[]),
            "\\`\\`\\`rust fn main(){} \\`\\`\\`"
        );
        assert_eq!(clean("# not a heading", &[]), "\\# not a heading");
        assert_eq!(clean("    indented code", &[]), "indented code");
        assert_eq!(
            clean("\"); } fn evil() { (\"", &[]),
            "\"); } fn evil() { (\""
        );
    }

    #[test]
    fn backticks_and_backslashes_never_leave_a_bracket_live() {
        // The URL takes one of the two backticks: the other would open a span that never
        // closes, leaving `[x]` outside code, so neither is a span.
        assert_eq!(
            clean("See https://a.example/x`y and `code [x] here.", &[]),
            "See <https://a.example/x`y> and \\`code \\[x\\] here."
        );
        // A backslash before a bracket cannot undo the bracket's escape.
        assert_eq!(clean("a\\[q] b", &[]), "a\\\\\\[q\\] b");
        assert_eq!(clean("`a\\b`", &[]), "`a\\b`");
    }

    #[test]
    fn a_placed_link_keeps_its_destination_whatever_follows() {
        let links = [("itemFacet".to_string(), "ItemFacet".to_string())];
        // `(deprecated)` is not taken as the destination, nor `: details` at the start as a
        // link definition.
        assert_eq!(
            clean("See itemFacet(deprecated).", &links),
            "See [`ItemFacet`]\\(deprecated)."
        );
        assert_eq!(
            clean("itemFacet: details", &links),
            "[`ItemFacet`]\\: details"
        );
        assert_eq!(clean("itemFacet[x]", &links), "[`ItemFacet`]&#91;x\\]");
        // A type named like a prelude derive is linked in the type namespace.
        let links = [("default".to_string(), "Default".to_string())];
        assert_eq!(clean("A default.", &links), "A [`type@Default`].");
    }
}
