//! Sections that hold no facts are read by lines; pulldown-cmark reads the sections where facts live.
//!
//! Most of a reference page is prose and tables graphdoc never reads (Permissions, HTTP request
//! headers, Methods, the prose and SDK tabs of Examples); on graph-beta-2021 they were 37% of
//! pulldown-cmark's instructions in parse (callgrind, 1.18 G of which 0.43 G went). So a page is first cut at its headings (`#` at the start of a line, outside
//! code and HTML). Sections where facts live — before the first H2, Properties, Relationships,
//! Request body, Response, Members, `### x values` — go to pulldown-cmark as before
//! ([`markdown::blocks_into`]). Every other section is read line by line for what the walker does
//! use there: its heading, fenced code, HTML comments (annotations), and where a paragraph or table
//! is (it ends a pending annotation). The line reader only takes what it can read exactly as
//! pulldown-cmark would; anything else (lists, setext underlines, HTML tags, indented code, TODOs,
//! tables it cannot count) sends that section to pulldown-cmark, and a page with reference-link
//! definitions or block HTML that could hide a heading is read whole by pulldown-cmark.
//!
//! [`super::Reading::Full`] reads every page with pulldown-cmark only; tests compare both readings
//! on generated pages and, with `GRAPHDOC_CORPUS`, on every real page.

use super::markdown::{self, Block, Inline, RawTable};

/// Reads the markdown of `text` (front matter removed; `base` is its offset in the file) into the
/// blocks [`markdown::blocks`] would give for it, skimming sections that hold no facts.
pub(crate) fn blocks(text: &str, base: usize) -> Vec<Block> {
    let Some(sections) = sections(text) else {
        return markdown::blocks(text, base);
    };
    let mut out = Vec::new();
    let mut want_paragraphs = true;
    // Start of the sections waiting to go to pulldown-cmark together.
    let mut pending: Option<usize> = None;
    let mut skimmed = Vec::new();
    for s in &sections {
        if !s.facts {
            skimmed.clear();
            if skim(text, s, base, &mut skimmed) {
                if let Some(start) = pending.take() {
                    let part = &text[start..s.start];
                    markdown::blocks_into(part, base + start, &mut want_paragraphs, &mut out);
                }
                if let Some(h) = &s.heading {
                    markdown::after_heading(h.level, h.text, &mut want_paragraphs);
                }
                out.append(&mut skimmed);
                continue;
            }
        }
        pending.get_or_insert(s.start);
    }
    if let Some(start) = pending {
        markdown::blocks_into(&text[start..], base + start, &mut want_paragraphs, &mut out);
    }
    out
}

/// A part of a page from one heading to the next.
struct Section<'a> {
    start: usize,
    end: usize,
    /// `None` for the part before the first heading.
    heading: Option<Heading<'a>>,
    /// Facts may live here (or the heading is not plain text, so it is not known): pulldown reads it.
    facts: bool,
}

struct Heading<'a> {
    level: u8,
    /// Plain text (see [`plain_heading`]): exactly what pulldown-cmark would give.
    text: &'a str,
}

/// Lines of `text[at..to]`, one at a time, with jumps over fenced code.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    to: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, at: usize, to: usize) -> Self {
        Lines { text, at, to }
    }

    /// The next line: its start offset and text without the `\n`.
    fn next(&mut self) -> Option<(usize, &'a str)> {
        let line = self.peek()?;
        let start = self.at;
        self.at = (start + line.len() + 1).min(self.to);
        Some((start, line))
    }

    fn peek(&self) -> Option<&'a str> {
        if self.at >= self.to {
            return None;
        }
        let bytes = &self.text.as_bytes()[self.at..self.to];
        let end = memchr::memchr(b'\n', bytes).map_or(self.to, |i| self.at + i);
        Some(&self.text[self.at..end])
    }

    /// Skips the content of a fence of `n` × `c` opened on the previous line, and its closing
    /// line: returns where the closing line starts (the end, when the fence is never closed).
    /// Searching for `c` beats reading each line: code rarely holds a backtick or a tilde.
    fn skip_fence(&mut self, c: u8, n: usize) -> usize {
        let bytes = self.text.as_bytes();
        let from = self.at;
        for i in memchr::memchr_iter(c, &bytes[from..self.to]).map(|i| from + i) {
            let line_start = memchr::memrchr(b'\n', &bytes[from..i]).map_or(from, |j| from + j + 1);
            if i - line_start > 3 || bytes[line_start..i].iter().any(|&b| b != b' ') {
                continue;
            }
            let line_end = memchr::memchr(b'\n', &bytes[i..self.to]).map_or(self.to, |j| i + j);
            if fence_closes(&self.text[line_start..line_end], c, n) {
                self.at = (line_end + 1).min(self.to);
                return line_start;
            }
        }
        self.at = self.to;
        self.to
    }
}

/// Where `pat` starts in `line`: memchr on its first byte, which beats setting up a substring
/// searcher for every (short) line.
fn find(line: &str, pat: &str) -> Option<usize> {
    let (hay, pat) = (line.as_bytes(), pat.as_bytes());
    memchr::memchr_iter(pat[0], hay).find(|&i| hay[i..].starts_with(pat))
}

fn has_comment_end(line: &str) -> bool {
    find(line, "-->").is_some()
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ' || b == b'\t')
}

/// Leading spaces; a tab counts as four (it always reaches an indented-code column).
fn indent(line: &str) -> usize {
    let mut n = 0;
    for b in line.bytes() {
        match b {
            b' ' => n += 1,
            b'\t' => n += 4,
            _ => break,
        }
    }
    n
}

/// `rest` (indentation removed) opens a fence: its character and length, and the info string.
fn fence_open(rest: &str) -> Option<(u8, usize, &str)> {
    let c = *rest.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = rest.bytes().take_while(|&b| b == c).count();
    if n < 3 {
        return None;
    }
    let info = &rest[n..];
    if c == b'`' && info.contains('`') {
        return None;
    }
    Some((c, n, info))
}

fn fence_closes(line: &str, c: u8, n: usize) -> bool {
    let i = indent(line);
    if i > 3 {
        return false;
    }
    let rest = &line[line.len() - line.trim_start_matches([' ', '\t']).len()..];
    let m = rest.bytes().take_while(|&b| b == c).count();
    m >= n && is_blank(&rest[m..])
}

/// An ATX heading at column 0: its level and content (closing `#`s removed, trimmed).
fn atx(line: &str) -> Option<(u8, &str)> {
    let n = line.bytes().take_while(|&b| b == b'#').count();
    if n == 0 || n > 6 {
        return None;
    }
    let rest = &line[n..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut content = rest.trim_matches([' ', '\t']);
    // A closing sequence is `#`s preceded by a space (or the whole content).
    let closing = content.trim_end_matches('#');
    if closing.is_empty() {
        content = closing;
    } else if closing.len() < content.len() && closing.ends_with([' ', '\t']) {
        content = closing.trim_end_matches([' ', '\t']);
    }
    Some((n as u8, content))
}

/// Heading text that pulldown-cmark gives back unchanged: no markup, entities, escapes or
/// characters the inline reader rewrites (tabs, non-ASCII spaces).
fn plain_heading(content: &str) -> bool {
    content.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'-'
                    | b':'
                    | b','
                    | b'.'
                    | b'('
                    | b')'
                    | b'\''
                    | b'"'
                    | b'/'
                    | b'?'
                    | b'='
                    | b'+'
                    | b'%'
                    | b';'
                    | b'@'
                    | b'$'
                    | b'{'
                    | b'}'
            )
    })
}

/// `# [HTTP](#tab/http)`: a tab of a DocFX tab group, which [`markdown::blocks`] drops.
/// `Some(false)` when the heading mentions a tab but is not plainly one (the page is read whole).
fn tab_marker(content: &str) -> Option<bool> {
    if !content.contains("#tab/") {
        return Some(false);
    }
    let inner = content.strip_prefix('[')?.strip_suffix(')')?;
    let (label, dest) = inner.split_once("](")?;
    let plain = !label.contains(['[', ']', '\\', '`', '<', '&', '*', '_'])
        && dest.starts_with("#tab/")
        && !dest.contains(['(', ')', ' ', '\t', '\\', '<', '&']);
    plain.then_some(true)
}

/// The headings where facts live (see [`super::Walker`]): a section under them goes to pulldown-cmark.
fn holds_facts(h2: &str, h3: &str) -> bool {
    h2.is_empty()
        || h2.contains("propert")
        || h2.starts_with("relationship")
        || h2.contains("request body")
        || h2.starts_with("response")
        || h2 == "members"
        || h3.ends_with(" values")
}

/// Cuts `text` at its headings; `None` when the page must be read whole by pulldown-cmark.
fn sections(text: &str) -> Option<Vec<Section<'_>>> {
    if comment_spans_lines(text) {
        return None;
    }
    let mut out = vec![Section {
        start: 0,
        end: text.len(),
        heading: None,
        facts: true,
    }];
    // The last H2 (lowercase); `None` when it was not plain text.
    let mut h2: Option<String> = Some(String::new());
    let mut comment = false;
    // An HTML block other than a comment runs to the next blank line.
    let mut html = false;
    // The previous line was text that a `---` or `===` line would turn into a setext heading.
    let mut after_text = false;
    let mut lines = Lines::new(text, 0, text.len());
    while let Some((start, line)) = lines.next() {
        if comment {
            comment = !has_comment_end(line);
            continue;
        }
        if line.as_bytes().first().is_some_and(|&b| plain_start(b)) {
            after_text = true;
            continue;
        }
        if is_blank(line) {
            html = false;
            after_text = false;
            continue;
        }
        let i = indent(line);
        let rest = line.trim_start_matches([' ', '\t']);
        // A heading inside a list item or quote, or a setext heading, changes the section
        // without this reader seeing it.
        if rest.starts_with('#') && i > 3 || after_text && i <= 3 && is_rule_like(rest) {
            return None;
        }
        after_text = true;
        if i > 3 {
            continue;
        }
        // Fences and comments that open after a list marker or `>` belong to a container this
        // reader does not follow, and reference-link definitions are resolved across the page.
        if opens_in_container(rest) || rest.starts_with('[') && is_definition(rest) {
            return None;
        }
        let fence = fence_open(rest);
        let comment_open = rest.strip_prefix("<!--");
        let opens_block = fence.is_some() || comment_open.is_some();
        if html {
            // Whether the tag opened an HTML block (which hides this line) or was text of a
            // paragraph (which this line interrupts) is pulldown-cmark's to say.
            if opens_block || atx(rest).is_some() || html_to_end(rest) {
                return None;
            }
            continue;
        }
        // An indented fence or comment may belong to a list item, whose end (at the next line
        // that is not indented enough) this reader does not follow.
        if i > 0 && opens_block {
            return None;
        }
        if let Some((c, n, _)) = fence {
            lines.skip_fence(c, n);
            after_text = false;
            continue;
        }
        if let Some(after) = comment_open {
            comment = !has_comment_end(after);
            after_text = false;
            continue;
        }
        if rest.starts_with('<') {
            if html_to_end(rest) {
                return None;
            }
            html = true;
            continue;
        }
        let Some((level, content)) = atx(rest) else {
            continue;
        };
        after_text = false;
        if i > 0 {
            return None;
        }
        if level == 1 {
            match tab_marker(content) {
                Some(true) => continue,
                Some(false) => {}
                None => return None,
            }
        }
        let plain = plain_heading(content);
        let lower = plain.then(|| content.to_ascii_lowercase());
        // Every heading sets the H3 the walker knows (H1 and H2 clear it, H4 and lower set it).
        let h3 = match level {
            1 => {
                h2 = Some(String::new());
                Some(String::new())
            }
            2 => {
                h2 = lower;
                Some(String::new())
            }
            _ => lower,
        };
        let facts = match (&h2, &h3) {
            (Some(h2), Some(h3)) => holds_facts(h2, h3),
            _ => true,
        };
        if let Some(last) = out.last_mut() {
            last.end = start;
        }
        out.push(Section {
            start,
            end: text.len(),
            heading: plain.then_some(Heading {
                level,
                text: content,
            }),
            facts,
        });
    }
    Some(out)
}

/// A comment that opens inside a line (not as an HTML block) and ends on a later line: its
/// lines are not markdown, and only pulldown-cmark knows where it ends.
fn comment_spans_lines(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"<!--").any(|at| {
        let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
        let block = at - line_start <= 3 && bytes[line_start..at].iter().all(|&b| b == b' ');
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        !block && !has_comment_end(&text[at..line_end])
    })
}

/// `- ```json`, `> <!--`: a fence or comment opened inside a list item or block quote.
fn opens_in_container(rest: &str) -> bool {
    let inner = match rest.as_bytes().first() {
        Some(b'>') => rest.trim_start_matches(['>', ' ', '\t']),
        Some(b'-' | b'*' | b'+') => rest[1..].trim_start_matches([' ', '\t']),
        Some(b'0'..=b'9') => match list_number(rest) {
            Some(after) => after.trim_start_matches([' ', '\t']),
            None => return false,
        },
        _ => return false,
    };
    inner.len() < rest.len() && (inner.starts_with(['`', '~', '#']) || inner.starts_with("<!--"))
}

/// `12. ` or `3) `: what follows the marker.
fn list_number(rest: &str) -> Option<&str> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = rest[digits..].strip_prefix(['.', ')'])?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(after)
}

fn is_list_item(rest: &str) -> bool {
    match rest.as_bytes().first() {
        Some(b'-' | b'*' | b'+') => rest.len() == 1 || rest[1..].starts_with([' ', '\t']),
        Some(b'0'..=b'9') => list_number(rest).is_some(),
        _ => false,
    }
}

/// `[label]: destination`.
fn is_definition(rest: &str) -> bool {
    rest.find("]:")
        .is_some_and(|i| !rest[1..i].contains(['[', ']']))
}

/// HTML blocks that do not end at a blank line (`<pre>`, `<script>`, `<?`, `<!X`, CDATA).
fn html_to_end(rest: &str) -> bool {
    let lower = rest.get(..10).unwrap_or(rest).to_ascii_lowercase();
    ["<pre", "<script", "<style", "<textarea", "<?", "<!"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A line of only `-`, `=`, `*` or `_` (and spaces): a setext underline or a thematic break.
fn is_rule_like(rest: &str) -> bool {
    let t = rest.trim_end_matches([' ', '\t']);
    !t.is_empty()
        && t.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'*' | b'_' | b' ' | b'\t'))
}

/// A table row without its surrounding spaces and outer pipes.
fn row_inner(line: &str) -> &str {
    let t = line.trim_matches([' ', '\t']);
    let inner = t.strip_prefix('|').unwrap_or(t);
    inner.strip_suffix('|').unwrap_or(inner)
}

/// `|---|:--:|`: a GFM delimiter row; its cell count.
fn delimiter_cells(line: &str) -> Option<usize> {
    if !line.contains('|') {
        return None;
    }
    let inner = row_inner(line);
    let mut n = 0;
    for cell in inner.split('|') {
        let c = cell.trim_matches([' ', '\t']);
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        if c.is_empty() || !c.bytes().all(|b| b == b'-') {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Cells of a header row without code spans or escapes (where every `|` splits).
fn header_cells(line: &str) -> Option<usize> {
    if line.contains(['`', '\\']) {
        return None;
    }
    Some(row_inner(line).matches('|').count() + 1)
}

#[derive(Clone, Copy, PartialEq)]
enum Run {
    Paragraph,
    Quote,
    Table,
}

/// Reads a section without facts line by line into `out`; false when it holds something the
/// line reader does not take (then pulldown-cmark reads it).
fn skim(text: &str, s: &Section, base: usize, out: &mut Vec<Block>) -> bool {
    let Some(heading) = &s.heading else {
        return false;
    };
    let body = &text[s.start..s.end];
    // A TODO is reported with its table cell, which only the table reader finds.
    if memchr::memmem::find(body.as_bytes(), b"TODO").is_some() {
        return false;
    }
    out.push(Block::Heading {
        level: heading.level,
        text: Inline {
            text: heading.text.to_string(),
            links: Vec::new(),
            all_strong: false,
        },
        offset: base + s.start,
    });
    // The open paragraph, quote or table: its kind, start, and its first line while it has one.
    let mut run: Option<(Run, usize, Option<&str>)> = None;
    let mut lines = Lines::new(text, s.start, s.end);
    lines.next();
    while let Some((start, line)) = lines.next() {
        if is_blank(line) {
            if !close(text, &mut run, start, base, out) {
                return false;
            }
            continue;
        }
        // Where a table ends without a blank line is pulldown-cmark's to say.
        if matches!(run, Some((Run::Table, ..))) && !line.contains('|') {
            return false;
        }
        if plain_start(line.as_bytes()[0]) {
            match &mut run {
                None => run = Some((Run::Paragraph, start, Some(line))),
                Some((_, _, first_line)) => *first_line = None,
            }
            continue;
        }
        let end = (start + line.len() + 1).min(text.len());
        let i = indent(line);
        let rest = line.trim_start_matches([' ', '\t']);
        let kind = run.map(|(k, ..)| k);
        if i > 3 {
            // Indented code, or a continuation line of a paragraph, quote or table.
            if kind.is_none() {
                return false;
            }
            continue;
        }
        if let Some((c, n, info)) = fence_open(rest) {
            if i > 0
                || info.contains(['\\', '&'])
                || kind == Some(Run::Table)
                || !close(text, &mut run, start, base, out)
            {
                return false;
            }
            let close_at = lines.skip_fence(c, n);
            // A fence on the last line, without a newline, has no body; pulldown-cmark then
            // puts the body where the fence starts.
            let (body_start, body_offset) = if start + line.len() < s.end {
                (end, end)
            } else {
                (close_at, start)
            };
            out.push(Block::Code {
                lang: markdown::code_lang(info),
                text: text[body_start..close_at].to_string(),
                offset: base + start,
                body_offset: base + body_offset,
            });
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            if i > 0 || kind == Some(Run::Table) || !close(text, &mut run, start, base, out) {
                return false;
            }
            let mut html_end = end;
            if !has_comment_end(after) {
                html_end = s.end;
                while let Some((at, l)) = lines.next() {
                    if has_comment_end(l) {
                        html_end = (at + l.len() + 1).min(s.end);
                        break;
                    }
                }
            }
            out.push(Block::Html {
                text: text[start..html_end].to_string(),
                offset: base + start,
            });
            continue;
        }
        if rest.starts_with(['<', '#']) {
            // Only tab markers can be here (other headings start sections).
            if i == 0 && atx(rest).is_some_and(|(l, c)| l == 1 && tab_marker(c) == Some(true)) {
                if !close(text, &mut run, start, base, out) {
                    return false;
                }
                continue;
            }
            return false;
        }
        if let Some(cells) = delimiter_cells(rest) {
            // The second line of a paragraph whose first line is the header: a table, when
            // their cells agree (else pulldown-cmark decides).
            match run {
                Some((Run::Table, ..)) => continue,
                Some((Run::Paragraph, at, Some(header)))
                    if header.contains('|') && header_cells(header) == Some(cells) =>
                {
                    run = Some((Run::Table, at, None));
                    continue;
                }
                _ => return false,
            }
        }
        if is_rule_like(rest) || is_list_item(rest) {
            return false;
        }
        match &mut run {
            None if rest.starts_with('>') => {
                if quote_is_special(rest) {
                    return false;
                }
                run = Some((Run::Quote, start, None));
            }
            None => run = Some((Run::Paragraph, start, Some(line))),
            Some((Run::Paragraph, _, first_line)) => {
                if rest.starts_with('>') {
                    return false;
                }
                *first_line = None;
            }
            Some((Run::Quote, ..)) => {
                if rest.starts_with('>') && quote_is_special(rest) || rest.starts_with('|') {
                    return false;
                }
            }
            Some((Run::Table, ..)) => {
                if rest.starts_with('>') {
                    return false;
                }
            }
        }
    }
    close(text, &mut run, s.end, base, out)
}

/// A line starting with this byte is text for a paragraph (or a row or quote it continues):
/// it cannot open a heading, fence, comment, list, quote, table delimiter or indented code.
fn plain_start(b: u8) -> bool {
    b.is_ascii_alphabetic()
        || b >= 0x80
        || matches!(
            b,
            b'(' | b')'
                | b'"'
                | b'\''
                | b'!'
                | b'.'
                | b','
                | b';'
                | b'@'
                | b'$'
                | b'%'
                | b'&'
                | b'/'
                | b'?'
                | b'{'
                | b'}'
                | b'\\'
        )
}

/// A quote line whose content starts a block other than a paragraph, or holds a table.
fn quote_is_special(rest: &str) -> bool {
    let inner = rest.trim_start_matches(['>', ' ', '\t']);
    inner.contains('|')
        || inner.starts_with(['<', '#', '`', '~'])
        || is_rule_like(inner)
        || is_list_item(inner)
        || rest.len() - inner.len() > 5
}

/// Ends the current paragraph, quote or table at `end`; false when the paragraph looks like a
/// broken table (only pulldown-cmark's reading tells, and the walker reports it).
fn close(
    text: &str,
    run: &mut Option<(Run, usize, Option<&str>)>,
    end: usize,
    base: usize,
    out: &mut Vec<Block>,
) -> bool {
    let Some((kind, start, _)) = run.take() else {
        return true;
    };
    match kind {
        Run::Paragraph | Run::Quote => {
            if super::looks_like_broken_table(&text[start..end]) {
                return false;
            }
            out.push(Block::Paragraph {
                text: Inline::default(),
                offset: base + start,
                end: base + end,
            });
        }
        Run::Table => out.push(Block::Table(RawTable {
            offset: base + start,
            header: Vec::new(),
            rows: Vec::new(),
        })),
    }
    true
}
