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

#[cfg(test)]
mod tests {
    use super::*;

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
