//! A page read by lines where that gives exactly what pulldown-cmark gives, and by pulldown-cmark
//! elsewhere.
//!
//! A page is first cut at its headings (`#` at the start of a line, outside code and HTML).
//! Each section is then read line by line for what the walker uses there: headings, fenced
//! code, HTML comments (annotations), and the extent of paragraphs and tables. Where facts live
//! — before the first H2, Properties, Relationships, Request body, Response, Members,
//! `### x values` — table cells and paragraph text are read too, by [`inline`], which takes
//! plain text, code spans, links and strong emphasis when its reading is certain. On
//! graph-beta-2021 this leaves pulldown-cmark about a fifth of the sections with facts
//! (callgrind: parse went from 2.22 G to 2.03 G instructions).
//!
//! The line reader only takes what it can read exactly as pulldown-cmark would; anything else
//! (lists, setext underlines, HTML, indented code, emphasis it cannot pair, tables it cannot
//! count, quotes of more than one paragraph) sends that section to pulldown-cmark
//! ([`markdown::blocks_into`]), and a page with reference-link definitions or block HTML that
//! could hide a heading is read whole by pulldown-cmark.
//!
//! [`super::Reading::Full`] reads every page with pulldown-cmark only; tests compare both readings
//! block by block on generated pages, page by page on other generated pages and, with
//! `GRAPHDOC_CORPUS`, on every real page.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::markdown::{self, Block, Inline, InlineBuilder, RawRow, RawTable};
use super::{inline, prose, trim};

/// The blocks of [`each_block`], gathered.
#[cfg(test)]
pub(crate) fn blocks(text: &str, base: usize) -> Vec<Block> {
    let mut out = Vec::new();
    each_block(text, base, &mut |b| out.push(b));
    out
}

/// Reads the markdown of `text` (front matter removed; `base` is its offset in the file) into the
/// blocks [`markdown::blocks`] would give for it, skimming sections that hold no facts.
///
/// Each block goes to `sink` as soon as its section is read: the page's blocks are never
/// gathered, so they are used while still in cache and no page-long list is grown.
pub(crate) fn each_block(text: &str, base: usize, sink: &mut impl FnMut(Block)) {
    let Some(sections) = sections(text) else {
        markdown::blocks(text, base).into_iter().for_each(sink);
        return;
    };
    let mut fallback = Vec::new();
    let mut want_paragraphs = true;
    // Whether paragraph text is read in the section at hand, as this reader knows it: after a
    // heading it could not read, unknown until the next H1 or H2.
    let mut want = Some(true);
    // Start of the sections waiting to go to pulldown-cmark together.
    let mut pending: Option<usize> = None;
    let mut skimmed = Vec::new();
    for s in &sections {
        match &s.heading {
            Some(h) if h.level <= 2 => {
                let mut w = true;
                markdown::after_heading(h.level, h.text, &mut w);
                want = Some(w);
            }
            Some(_) => {}
            None if s.start == 0 => {}
            None => want = None,
        }
        let mode = match (s.facts, want) {
            (false, _) => Some(Mode::Skim),
            (true, Some(paragraphs)) => Some(Mode::Facts { paragraphs }),
            (true, None) => None,
        };
        skimmed.clear();
        if mode.is_some_and(|mode| read(text, s, base, mode, &mut skimmed)) {
            if let Some(start) = pending.take() {
                let part = &text[start..s.start];
                markdown::blocks_into(part, base + start, &mut want_paragraphs, &mut fallback);
                fallback.drain(..).for_each(&mut *sink);
            }
            if let Some(h) = &s.heading {
                markdown::after_heading(h.level, h.text, &mut want_paragraphs);
            }
            skimmed.drain(..).for_each(&mut *sink);
            continue;
        }
        pending.get_or_insert(s.start);
    }
    if let Some(start) = pending {
        markdown::blocks_into(
            &text[start..],
            base + start,
            &mut want_paragraphs,
            &mut fallback,
        );
        fallback.into_iter().for_each(sink);
    }
}

// Substring finders, built once: `memmem::find` builds one per call, which costs more than the
// search itself on a short section.
static LINK_DEFINITION: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("]:"));
static COMMENT_OPEN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("<!--"));
static TODO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("TODO"));

/// How a section is read by lines.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// No facts live here: only the extent of paragraphs and tables is kept.
    Skim,
    /// Facts may live here: table cells are read, and paragraph text when `paragraphs`.
    Facts { paragraphs: bool },
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

/// Whether a line that opens an HTML comment (`<!--` at the start of `rest`) also ends it.
/// CommonMark ends the comment's block at the first line holding `-->`, the opener's own dashes
/// included: `<!-->` and `<!--->` are whole comments.
fn comment_ends_where_it_opens(rest: &str) -> bool {
    let after = &rest[4..];
    after.starts_with('>') || after.starts_with("->") || has_comment_end(after)
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
    let rest = trim::ascii_start(line, trim::BLANK);
    let m = rest.bytes().take_while(|&b| b == c).count();
    // Only spaces may follow: pulldown-cmark does not close a fence on `` ```\t ``.
    m >= n && rest[m..].bytes().all(|b| b == b' ')
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
    // As pulldown-cmark cuts it: only spaces end the text, and only spaces open a closing
    // sequence (`# a\t#` is `a\t#`, whose tab sends the heading to pulldown-cmark).
    let mut content = trim::ascii_end(trim::ascii_start(rest, trim::BLANK), b" ");
    // A closing sequence is `#`s preceded by a space (or the whole content).
    let closing = trim::ascii_end(content, b"#");
    if closing.is_empty() {
        content = closing;
    } else if closing.ends_with(' ') {
        content = trim::ascii_end(closing, b" ");
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
    let bytes = content.as_bytes();
    // Called for every H1, most of which hold no `#`.
    if !memchr::memchr_iter(b'#', bytes).any(|i| bytes[i..].starts_with(b"#tab/")) {
        return Some(false);
    }
    let inner = content.strip_prefix('[')?.strip_suffix(')')?;
    // Most H1s of example sections are tab markers: bytes, not `char` patterns, are looked at.
    let close = memchr::memchr(b']', inner.as_bytes())?;
    let (label, dest) = (&inner[..close], inner[close + 1..].strip_prefix('(')?);
    let plain = !label
        .bytes()
        .any(|b| matches!(b, b'[' | b'\\' | b'`' | b'<' | b'&' | b'*' | b'_'))
        && dest.starts_with("#tab/")
        && inline::plain_destination(dest);
    plain.then_some(true)
}

/// The headings where facts live (see [`super::Walker`]): a section under them goes to pulldown-cmark.
/// Headings are compared ignoring ASCII case, as written: every heading of every page comes here.
fn holds_facts(h2: &str, h3: &str) -> bool {
    let has = |h: &str, p: &str| prose::find_ci(h, p).is_some();
    h2.is_empty()
        || has(h2, "propert")
        || prose::starts_with_ci(h2, "relationship")
        || has(h2, "request body")
        || prose::starts_with_ci(h2, "response")
        || h2.eq_ignore_ascii_case("members")
        || prose::ends_with_ci(h3, " values")
}

/// Cuts `text` at its headings; `None` when the page must be read whole by pulldown-cmark.
fn sections(text: &str) -> Option<Vec<Section<'_>>> {
    // Reference-link definitions (`[x]: x.md`, at the top level or inside a quote or list) are
    // resolved across the page, and without them `[x]` is text: 168 of 7,949 real pages have
    // `]:` anywhere, so those are read whole.
    if comment_spans_lines(text) || LINK_DEFINITION.find(text.as_bytes()).is_some() {
        return None;
    }
    let mut out = vec![Section {
        start: 0,
        end: text.len(),
        heading: None,
        facts: true,
    }];
    // The last H2; `None` when it was not plain text.
    let mut h2: Option<&str> = Some("");
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
        let rest = trim::ascii_start(line, trim::BLANK);
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
        // reader does not follow.
        if opens_in_container(rest) {
            return None;
        }
        let fence = fence_open(rest);
        let comment_open = rest.starts_with("<!--");
        let opens_block = fence.is_some() || comment_open;
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
        if comment_open {
            comment = !comment_ends_where_it_opens(rest);
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
        let written = plain.then_some(content);
        // Every heading sets the H3 the walker knows (H1 and H2 clear it, H4 and lower set it).
        let h3 = match level {
            1 => {
                h2 = Some("");
                Some("")
            }
            2 => {
                h2 = written;
                Some("")
            }
            _ => written,
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
    COMMENT_OPEN.find_iter(bytes).any(|at| {
        let line = markdown::line_around(bytes, at);
        let block = at - line.start <= 3 && bytes[line.start..at].iter().all(|&b| b == b' ');
        !block && !has_comment_end(&text[at..line.end])
    })
}

/// `- ```json`, `> <!--`: a fence or comment opened inside a list item or block quote.
fn opens_in_container(rest: &str) -> bool {
    let inner = match rest.as_bytes().first() {
        Some(b'>') => rest.trim_start_matches(['>', ' ', '\t']),
        Some(b'-' | b'*' | b'+') => trim::ascii_start(&rest[1..], trim::BLANK),
        Some(b'0'..=b'9') => match list_number(rest) {
            Some(after) => trim::ascii_start(after, trim::BLANK),
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

/// HTML blocks that do not end at a blank line (`<pre>`, `<script>`, `<?`, `<!X`, CDATA).
fn html_to_end(rest: &str) -> bool {
    let lower = rest.get(..10).unwrap_or(rest).to_ascii_lowercase();
    ["<pre", "<script", "<style", "<textarea", "<?", "<!"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A line of only `-`, `=`, `*` or `_` (and spaces): a setext underline or a thematic break.
fn is_rule_like(rest: &str) -> bool {
    let t = trim::ascii_end(rest, trim::BLANK);
    !t.is_empty()
        && t.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'*' | b'_' | b' ' | b'\t'))
}

/// `---`, `* * *`, `___`: three or more of one of `-`, `*`, `_`, with only spaces or tabs
/// between (indentation already removed).
fn is_thematic_break(rest: &str) -> bool {
    let Some(&c) = rest.as_bytes().first() else {
        return false;
    };
    matches!(c, b'-' | b'*' | b'_')
        && rest.bytes().all(|b| b == c || b == b' ' || b == b'\t')
        && rest.bytes().filter(|&b| b == c).count() >= 3
}

/// A table row without its surrounding spaces and outer pipes.
fn row_inner(line: &str) -> &str {
    let t = trim::ascii(line, trim::BLANK);
    let inner = t.strip_prefix('|').unwrap_or(t);
    inner.strip_suffix('|').unwrap_or(inner)
}

/// `|---|:--:|`: a GFM delimiter row (after its indentation); its cell count.
///
/// Read as pulldown-cmark's `scan_table_head` reads it, which is looser than GFM: spaces and
/// colons may stand anywhere in a cell (`- -`, `-:-`), and a last cell without a trailing pipe
/// may hold colons only. It takes no tab (those in delimiter rows are spaces by now, see
/// [`markdown::untab_delimiter_rows`]).
fn delimiter_cells(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let (mut pipe, body) = match bytes.strip_prefix(b"|") {
        Some(body) => (true, body),
        None => (false, bytes),
    };
    let (mut cells, mut hyphen) = (0, false);
    // The cell being read has a colon or hyphen; it has a hyphen.
    let (mut open, mut hyphen_in_cell) = (false, false);
    for &b in body {
        match b {
            b' ' => {}
            b':' => open = true,
            b'-' => (open, hyphen_in_cell, hyphen) = (true, true, true),
            b'|' => {
                // `||`, or a cell of spaces or colons only, ends no cell: no table.
                if !hyphen_in_cell {
                    return None;
                }
                cells += 1;
                (pipe, open, hyphen_in_cell) = (true, false, false);
            }
            _ => return None,
        }
    }
    cells += usize::from(open);
    (pipe && hyphen).then_some(cells)
}

/// Cells of a header row without code spans or escapes (where every `|` splits), counted as
/// pulldown-cmark's `count_header_cols` counts them: one per pipe, less a leading pipe, plus one
/// unless the last pipe ends the line. So a lone `|` has no cells (it heads no table).
fn header_cells(line: &str) -> Option<usize> {
    if memchr::memchr2(b'`', b'\\', line.as_bytes()).is_some() {
        return None;
    }
    let t = trim::ascii(line, b" \t\x0b\x0c");
    let pipes = memchr::memchr_iter(b'|', t.as_bytes()).count();
    (pipes > 0).then(|| pipes - usize::from(t.starts_with('|')) + usize::from(!t.ends_with('|')))
}

#[derive(Clone, Copy, PartialEq)]
enum Run {
    Paragraph,
    Quote,
    Table,
}

/// Reads a section line by line into `out`; false when it holds something the line reader does
/// not take (then pulldown-cmark reads it).
fn read(text: &str, s: &Section, base: usize, mode: Mode, out: &mut Vec<Block>) -> bool {
    let body = &text[s.start..s.end];
    // A skimmed table has no rows, and a TODO is reported with its row.
    if mode == Mode::Skim && TODO.find(body.as_bytes()).is_some() {
        return false;
    }
    let mut lines = Lines::new(text, s.start, s.end);
    match &s.heading {
        Some(heading) => {
            out.push(Block::Heading {
                level: heading.level,
                text: Inline {
                    text: heading.text.to_string(),
                    links: Vec::new(),
                    all_strong: false,
                },
                offset: base + s.start,
            });
            lines.next();
        }
        // Before the first heading.
        None if s.start == 0 && mode != Mode::Skim => {}
        None => return false,
    }
    // The open paragraph, quote or table: its kind, start, and its first line while it has one.
    let mut run: Option<(Run, usize, Option<&str>)> = None;
    let close = |run: &mut Option<(Run, usize, Option<&str>)>, end, out: &mut Vec<Block>| {
        close(text, run, end, base, mode, out)
    };
    while let Some((start, line)) = lines.next() {
        if is_blank(line) {
            if !close(&mut run, start, out) {
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
        let rest = trim::ascii_start(line, trim::BLANK);
        let kind = run.map(|(k, ..)| k);
        if i > 3 {
            // Indented code, or a continuation line of a paragraph, quote or table. In a quote,
            // pulldown-cmark takes `>` after a tab for the quote's marker (its indentation
            // scan stops inside the tab), so what follows may be a heading: pulldown-cmark
            // reads such a line.
            if kind.is_none() || kind == Some(Run::Quote) && rest.starts_with('>') {
                return false;
            }
            continue;
        }
        if let Some((c, n, info)) = fence_open(rest) {
            if i > 0
                || info.contains(['\\', '&'])
                || kind == Some(Run::Table)
                || !close(&mut run, start, out)
            {
                return false;
            }
            let close_at = lines.skip_fence(c, n);
            // A fence left open runs to the end of the page. When the page ends without a
            // newline, pulldown-cmark drops a last line of spaces from the body: its to say.
            if close_at == text.len() && end < text.len() && !text.ends_with('\n') {
                return false;
            }
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
        if rest.starts_with("<!--") {
            if i > 0 || kind == Some(Run::Table) || !close(&mut run, start, out) {
                return false;
            }
            let mut html_end = end;
            if !comment_ends_where_it_opens(rest) {
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
                if !close(&mut run, start, out) {
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
        // A thematic break (the `---` that ends a DocFX tab group) gives pulldown-cmark a rule,
        // which is not a block. After text it would be a setext underline or end a paragraph,
        // which `sections` leaves to pulldown-cmark.
        if run.is_none() && is_thematic_break(rest) {
            continue;
        }
        if is_rule_like(rest) || is_list_item(rest) {
            return false;
        }
        // pulldown-cmark's blocks start after the indentation.
        let at = start + (line.len() - rest.len());
        match &mut run {
            None if rest.starts_with('>') => {
                if quote_is_special(rest) {
                    return false;
                }
                run = Some((Run::Quote, at, None));
            }
            None => run = Some((Run::Paragraph, at, Some(line))),
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
    close(&mut run, s.end, out)
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

/// A quote line whose content starts a block other than a paragraph, holds a table, or is empty
/// (it ends the quote's paragraph, or there is none).
fn quote_is_special(rest: &str) -> bool {
    let inner = rest.trim_start_matches(['>', ' ', '\t']);
    inner.is_empty()
        || inner.contains('|')
        || inner.starts_with(['<', '#', '`', '~'])
        || is_rule_like(inner)
        || is_list_item(inner)
        || rest.len() - inner.len() > 5
        // A tab after `>` counts in columns: where the text starts is pulldown-cmark's to say.
        || rest[..rest.len() - inner.len()].contains('\t')
}

/// Ends the current paragraph, quote or table at `end`; false when the line reader cannot give
/// what pulldown-cmark would: a paragraph that looks like a broken table (the walker reports
/// it), or text and cells outside [`inline`]'s subset where facts live.
fn close(
    text: &str,
    run: &mut Option<(Run, usize, Option<&str>)>,
    end: usize,
    base: usize,
    mode: Mode,
    out: &mut Vec<Block>,
) -> bool {
    let Some((kind, start, _)) = run.take() else {
        return true;
    };
    let block = match kind {
        Run::Paragraph | Run::Quote => {
            let src = &text[start..end];
            if super::looks_like_broken_table(src) {
                return false;
            }
            // A quote's paragraph starts at its text, after `>` and spaces.
            let offset = match kind {
                Run::Quote => end - trim::ascii_start(&src[1..], b" ").len(),
                _ => start,
            };
            let wanted = mode == Mode::Facts { paragraphs: true };
            // Where facts live, a quote is read even when its text is not wanted: pulldown-cmark
            // gives one block per paragraph in it, and the reader must know there is one.
            let checked = mode != Mode::Skim && kind == Run::Quote;
            let text = if wanted || checked {
                match paragraph(src, kind) {
                    Some(inline) if wanted => inline,
                    Some(_) => Inline::default(),
                    None => return false,
                }
            } else {
                Inline::default()
            };
            Block::Paragraph {
                text,
                offset: base + offset,
                end: base + end,
            }
        }
        Run::Table => match mode {
            Mode::Skim => Block::Table(RawTable {
                offset: base + start,
                header: Vec::new(),
                rows: Vec::new(),
            }),
            Mode::Facts { .. } => match table(text, start, end, base) {
                Some(t) => Block::Table(t),
                None => return false,
            },
        },
    };
    out.push(block);
    true
}

/// The text of a paragraph: its lines without surrounding spaces, joined by a space (what
/// pulldown-cmark's soft and hard breaks become). A quote is read when it is one paragraph
/// with `>` on every line.
fn paragraph(src: &str, kind: Run) -> Option<Inline> {
    let mut b = InlineBuilder::sized(src.len());
    let lines = src.strip_suffix('\n').unwrap_or(src);
    for (n, line) in markdown::split_on(lines, b'\n').enumerate() {
        let mut content = trim::ascii(line, b" ");
        if kind == Run::Quote {
            content = trim::ascii_start(content.strip_prefix('>')?, b" ");
            if content.is_empty() || content.starts_with('>') {
                return None;
            }
        }
        if n > 0 {
            b.text(" ");
        }
        if !inline::read(content, &mut b) {
            return None;
        }
    }
    Some(b.finish())
}

/// A table from its header line at `start` to `end`, as pulldown-cmark's events give it: header
/// cells, and body rows padded or cut to the header's width (their cells empty when the header
/// cannot hold facts).
fn table(text: &str, start: usize, end: usize, base: usize) -> Option<RawTable> {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut want_rows = false;
    let mut at = start;
    for (n, line) in text[start..end].split_inclusive('\n').enumerate() {
        let line_start = at;
        at += line.len();
        let content = line.strip_suffix('\n').unwrap_or(line);
        let rest = trim::ascii_start(content, b" ");
        // Only pulldown-cmark knows where indentation by tabs, escapes and rows of bare pipes end
        // a table. Tabs inside a row are whitespace around cells, which both trim, or text,
        // which [`inline`] declines.
        if content.len() - rest.len() > 3
            || rest.starts_with('\t')
            || memchr::memchr2(b'\r', b'\\', rest.as_bytes()).is_some()
            || rest.bytes().all(|b| matches!(b, b'|' | b' ' | b'\t'))
        {
            return None;
        }
        match n {
            0 => {
                header = cells(rest, None)?;
                want_rows = markdown::header_may_hold_facts(&header);
            }
            1 => {}
            _ => {
                let cells = if want_rows {
                    cells(rest, Some(header.len()))?
                } else {
                    vec![Inline::default(); header.len()]
                };
                rows.push(RawRow {
                    cells,
                    range: base + line_start + (content.len() - rest.len())..base + at,
                });
            }
        }
    }
    Some(RawTable {
        offset: base + start,
        header,
        rows,
    })
}

/// The cells of a table row (without escapes); for a body row, exactly the header's
/// `width` (cut, or padded with empty cells).
fn cells(row: &str, width: Option<usize>) -> Option<Vec<Inline>> {
    let inner = row_inner(row);
    let mut out = Vec::with_capacity(width.unwrap_or(4));
    for cell in markdown::split_on(inner, b'|').take(width.unwrap_or(usize::MAX)) {
        let cell = trim::ascii(cell, trim::BLANK);
        let mut b = InlineBuilder::sized(cell.len());
        if !inline::read(cell, &mut b) {
            return None;
        }
        out.push(b.finish());
    }
    if let Some(width) = width {
        out.resize(width, Inline::default());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADINGS: &[&str] = &[
        "# thing resource type",
        "## Properties",
        "## Relationships",
        "## Request body",
        "## Response",
        "## Members",
        "### level values",
    ];

    /// Inline pieces the line reader takes, and the near misses it must decline (or read the
    /// way pulldown-cmark does).
    const PIECES: &[&str] = &[
        "plain text",
        "Read-only.",
        "`code`",
        "` spaced `",
        "``double``",
        "`unclosed",
        "[thing](thing.md)",
        "[thing](a b)",
        "[thing](<a>)",
        "[thing](a \"t\")",
        "[](empty.md)",
        "[text]",
        "[thing]",
        "[!NOTE]",
        "[!INCLUDE [beta](beta.md)]",
        "[a [b](b.md) c](d.md)",
        "[a `]` b](c.md)",
        "[a `b` c](c.md)",
        "[x][y]",
        "[x][]",
        "[open",
        "close]",
        "**bold**",
        "**Note:**",
        "**Note**:",
        "(**x**)",
        "a**b**c",
        "**a `b** c`",
        "**[thing](thing.md)**",
        "[**thing**](thing.md)",
        "***triple***",
        "** spaced **",
        "**a **b",
        "x **a**b",
        "*em*",
        "_under_",
        "snake_case",
        "&amp;",
        "& co",
        "&#124;",
        "<br>",
        "<br/>",
        "a \\| b",
        "![image](i.png)",
        "wow!",
        "x | y",
        "\u{a0}nbsp\u{a0}",
        "caf\u{e9}**\u{e9}**",
        "tab\there",
        "a\t**b**\tc",
        "**a\t**b",
        "`a`\t[b](b.md)\t",
        "\t",
        "TODO: Add Description",
        "http://example.com",
        "~tilde~",
    ];

    const LINES: &[&str] = &[
        "",
        "",
        "|Property|Type|Description|",
        "|:---|:---|:---|",
        "|**Member**|**Value**|",
        "| Property\t   | Type\t|Description|",
        "|a\t|\tb|\t",
        "|---\t|---|",
        "| --- |\t---|",
        "|\t**a**\t|b\t**c**|",
        "\t|tab|indented|",
        "|---|---|",
        "| a | b |",
        "|",
        "||",
        "| |",
        "   |indented|row|",
        "    |code|row|",
        "<!-- { \"blockType\": \"response\" } -->",
        "```json",
        "{ \"a\": 1 }",
        "```",
        "- a list item",
        "---",
        "***",
        "- - -",
        "_ _ _ _",
        " ***\t",
        "--",
        "-- -",
        "*-*",
        "===",
    ];

    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }
    }

    fn inline(rng: &mut Rng, sep: &str) -> String {
        let n = 1 + rng.below(4);
        (0..n)
            .map(|_| PIECES[rng.below(PIECES.len())])
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// Headings of sections without facts.
    const SKIMMED: &[&str] = &[
        "## Permissions",
        "## HTTP request",
        "## Optional query parameters",
        "## Example",
        "### Request",
    ];

    /// Lists, which send a section to pulldown-cmark.
    const LISTS: &[&str] = &[
        "- a list item",
        "- **Bold** item with `code`",
        "1. a numbered item",
        "2) another",
        "* [thing](thing.md) item",
        "+ plus item",
        "  continued item text",
        "-   spaced item",
        "- - nested",
        "-     indented code item",
        "- <b>html</b> item",
        "-",
    ];

    fn page(rng: &mut Rng, headings: &[&str]) -> String {
        let mut out = String::new();
        for _ in 0..3 + rng.below(40) {
            let line = match rng.below(11) {
                0 => headings[rng.below(headings.len())].to_string(),
                10 => LISTS[rng.below(LISTS.len())].to_string(),
                1 | 2 => format!("|{}|{}|", inline(rng, " "), inline(rng, "|")),
                3 => format!("> {}", inline(rng, " ")),
                4 | 5 => inline(rng, " "),
                // A definition in a quote is one the section cutter does not see.
                6 if rng.below(4) == 0 => "> [thing]: thing.md".to_string(),
                _ => LINES[rng.below(LINES.len())].to_string(),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out
    }

    #[test]
    fn sections_read_by_lines_give_pulldown_cmarks_blocks() {
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let (mut read_by_lines, mut facts) = (0, 0);
        for n in 0..20_000 {
            let text = page(&mut rng, HEADINGS);
            let lines = format!("{:#?}", blocks(&text, 7));
            let full = format!("{:#?}", markdown::blocks(&text, 7));
            assert_eq!(lines, full, "page {n}:\n{text}");
            // Every section of these pages holds facts: count those read without pulldown-cmark.
            for s in sections(&text).unwrap_or_default().iter().skip(1) {
                let mode = Mode::Facts { paragraphs: true };
                facts += 1;
                read_by_lines += usize::from(read(&text, s, 0, mode, &mut Vec::new()));
            }
        }
        // The comparison means something only if the line reader takes many sections.
        assert!(read_by_lines * 5 > facts, "{read_by_lines} of {facts}");
    }

    /// Where no facts live, a table's cells are not read (by design); everything else must be
    /// what pulldown-cmark gives.
    #[test]
    fn skimmed_sections_give_pulldown_cmarks_blocks_but_cells() {
        let without_cells = |blocks: Vec<Block>| {
            let blocks: Vec<Block> = blocks
                .into_iter()
                .map(|b| match b {
                    Block::Table(t) => Block::Table(RawTable {
                        header: Vec::new(),
                        rows: Vec::new(),
                        ..t
                    }),
                    b => b,
                })
                .collect();
            format!("{blocks:#?}")
        };
        let mut rng = Rng(0x0bad_5eed_1234_5678);
        let (mut skimmed, mut sections_seen) = (0, 0);
        for n in 0..20_000 {
            let mut text = page(&mut rng, SKIMMED);
            // Text before the first heading holds facts; start with a section that does not.
            text.insert_str(0, "## Example\n");
            let lines = without_cells(blocks(&text, 7));
            let full = without_cells(markdown::blocks(&text, 7));
            assert_eq!(lines, full, "page {n}:\n{text}");
            for s in sections(&text).unwrap_or_default().iter().skip(1) {
                sections_seen += 1;
                skimmed += usize::from(read(&text, s, 0, Mode::Skim, &mut Vec::new()));
            }
        }
        assert!(skimmed * 5 > sections_seen, "{skimmed} of {sections_seen}");
    }
}
