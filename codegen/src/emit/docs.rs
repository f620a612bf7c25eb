//! Doc comments from page descriptions: cleaned so rustdoc renders them as text, never as code or broken links.

/// Turns a description into doc-comment markdown.
///
/// `links` are (text, Rust type name) pairs: the first occurrence of each text becomes an
/// intra-doc link. Everything else that rustdoc would interpret is neutralised: brackets,
/// angle brackets (bare URLs become autolinks), unbalanced backticks, code fences,
/// leading `#` and indentation.
pub fn clean(text: &str, links: &[(String, String)]) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let balanced = collapsed.matches('`').count() % 2 == 0 && !collapsed.contains("```");
    let mut out = String::with_capacity(collapsed.len() + 16);
    let mut linked = vec![false; links.len()];
    let mut rest = collapsed.as_str();
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        // Most of a description needs nothing done: copy such runs whole (this loop was a tenth
        // of emit's time char by char). A run stops wherever the rules below might apply.
        let run = plain_run(rest, in_code, !links.is_empty(), &out);
        if run > 0 {
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        if c == '`' {
            if balanced {
                in_code = !in_code;
                out.push('`');
            } else {
                out.push_str("\\`");
            }
            rest = &rest[1..];
            continue;
        }
        if in_code {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')' || c == '>' || c == '<' || c == '"')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        let at_word_start = !out.chars().last().is_some_and(|p| p.is_alphanumeric());
        if at_word_start && c.is_alphabetic() {
            if let Some((i, (word, rust))) = links.iter().enumerate().find(|(i, (w, _))| {
                !linked[*i]
                    && !w.is_empty()
                    && rest.starts_with(w.as_str())
                    && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
            }) {
                linked[i] = true;
                out.push_str("[`");
                out.push_str(rust);
                out.push_str("`]");
                rest = &rest[word.len()..];
                continue;
            }
        }
        match c {
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
        rest = &rest[c.len_utf8()..];
    }
    out
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
            b'`' | b'[' | b']' | b'<' | b'>' | b'#' | b'*' | b'_' => true,
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

    /// The rules of [`clean`] applied one character at a time, as it was written first: the
    /// reference the run-copying version must match.
    fn clean_by_char(text: &str, links: &[(String, String)]) -> String {
        let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let balanced = collapsed.matches('`').count() % 2 == 0 && !collapsed.contains("```");
        let mut out = String::new();
        let mut linked = vec![false; links.len()];
        let mut rest = collapsed.as_str();
        let mut in_code = false;
        while let Some(c) = rest.chars().next() {
            if c == '`' {
                if balanced {
                    in_code = !in_code;
                    out.push('`');
                } else {
                    out.push_str("\\`");
                }
                rest = &rest[1..];
                continue;
            }
            if in_code {
                out.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
            if rest.starts_with("https://") || rest.starts_with("http://") {
                let end = rest
                    .find(|c: char| {
                        c.is_whitespace() || c == ')' || c == '>' || c == '<' || c == '"'
                    })
                    .unwrap_or(rest.len());
                let url = rest[..end].trim_end_matches(['.', ',', ';']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
            let at_word_start = !out.chars().last().is_some_and(|p| p.is_alphanumeric());
            if at_word_start && c.is_alphabetic() {
                if let Some((i, (word, rust))) = links.iter().enumerate().find(|(i, (w, _))| {
                    !linked[*i]
                        && !w.is_empty()
                        && rest.starts_with(w.as_str())
                        && !rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
                }) {
                    linked[i] = true;
                    out.push_str("[`");
                    out.push_str(rust);
                    out.push_str("`]");
                    rest = &rest[word.len()..];
                    continue;
                }
            }
            match c {
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
            rest = &rest[c.len_utf8()..];
        }
        out
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
}
