//! The only code that knows pulldown-cmark: one pass over a page's events into flat blocks with offsets.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A link inside inline text.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block, Link};
///
/// let b = blocks("Inherits from [entity](../resources/entity.md).\n", 0);
/// let Block::Paragraph { text, .. } = &b[0] else { panic!("{b:?}") };
/// let want = Link { text: "entity".into(), dest: "../resources/entity.md".into() };
/// assert_eq!(text.links, [want]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The link text, as plain text.
    pub text: String,
    /// The destination, as written (reference links are resolved by pulldown-cmark).
    pub dest: String,
}

/// Inline content flattened to text: code spans keep their backticks so that value lists stay visible.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
///
/// let b = blocks("Values: `a`, [**b**](b.md).\n\n**All bold**\n", 0);
/// let Block::Paragraph { text, .. } = &b[0] else { panic!("{b:?}") };
/// assert_eq!(text.text, "Values: `a`, b.");
/// assert_eq!(text.links[0].dest, "b.md");
/// assert!(!text.all_strong);
/// assert!(matches!(&b[1], Block::Paragraph { text, .. } if text.all_strong));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// Plain text; `` `code` `` spans keep their backticks, links keep only their text.
    pub text: String,
    /// Links, in order.
    pub links: Vec<Link>,
    /// True when the whole content is one `**strong**` run.
    pub all_strong: bool,
}

/// A block of a page, in document order.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
///
/// let md = "# [HTTP](#tab/http)\n## Example\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /me\n```\n";
/// let b = blocks(md, 0);
/// assert_eq!(b.len(), 3, "the tab marker is no heading: {b:?}");
/// assert!(matches!(&b[0], Block::Heading { level: 2, text, offset: 20 } if text.text == "Example"));
/// assert!(matches!(&b[1], Block::Html { text, offset: 31 } if text.starts_with("<!-- {")));
/// assert!(matches!(&b[2], Block::Code { lang, text, offset: 67, body_offset: 75 }
///     if lang == "http" && text == "GET /me\n"));
/// ```
#[derive(Clone, Debug)]
pub enum Block {
    /// A heading (tab markers such as `# [HTTP](#tab/http)` are dropped).
    Heading {
        /// 1 to 6.
        level: u8,
        /// Heading text.
        text: Inline,
        /// Byte offset in the page text.
        offset: usize,
    },
    /// A paragraph (its text is empty where [`blocks`] does not read it).
    Paragraph {
        /// Paragraph text.
        text: Inline,
        /// Byte offset in the page text.
        offset: usize,
        /// Byte offset of the end.
        end: usize,
    },
    /// A GFM table.
    Table(RawTable),
    /// A fenced or indented code block.
    Code {
        /// The first word of the info string, lowercased (`http`, `json`, ...).
        lang: String,
        /// The code.
        text: String,
        /// Byte offset of the opening fence.
        offset: usize,
        /// Byte offset of the first line of code.
        body_offset: usize,
    },
    /// An HTML block; annotations `<!-- { ... } -->` come as these.
    Html {
        /// The raw HTML.
        text: String,
        /// Byte offset.
        offset: usize,
    },
}

/// A table as GFM sees it, plus the byte range of each row so ragged rows can be re-read from source.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
///
/// let md = "Intro.\n\n|Property|Type|\n|:---|:---|\n|id|String|\n|name|String|\n";
/// let Block::Table(t) = &blocks(md, 0)[1] else { panic!() };
/// assert_eq!(t.offset, md.find("|Property").unwrap());
/// assert_eq!(t.header.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["Property", "Type"]);
/// assert_eq!(t.rows.len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct RawTable {
    /// Byte offset of the header row.
    pub offset: usize,
    /// Header cells.
    pub header: Vec<Inline>,
    /// Body rows.
    pub rows: Vec<RawRow>,
}

/// One body row of a table.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
///
/// let md = "|Property|Type|Description|\n|-|-|-|\n|id|String|\n";
/// let Block::Table(t) = &blocks(md, 0)[0] else { panic!() };
/// let row = &t.rows[0];
/// let cells: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
/// assert_eq!(cells, ["id", "String", ""]);
/// assert_eq!(&md[row.range.clone()], "|id|String|\n");
/// ```
#[derive(Clone, Debug)]
pub struct RawRow {
    /// Cells as GFM produced them (padded or truncated to the header width); empty in tables
    /// that cannot hold facts (see [`blocks`]).
    pub cells: Vec<Inline>,
    /// Byte range of the row in the page text.
    pub range: std::ops::Range<usize>,
}

/// `s.split(c)` for an ASCII byte `c`, found by memchr: rows and lines are split for every
/// table and paragraph of every page, and most are too short for `str::split` to go fast.
pub(crate) fn split_on(s: &str, c: u8) -> impl Iterator<Item = &str> {
    debug_assert!(c.is_ascii(), "a non-ASCII byte could split a character");
    let mut from = Some(0);
    let mut hits = memchr::memchr_iter(c, s.as_bytes());
    std::iter::from_fn(move || {
        let start = from?;
        match hits.next() {
            Some(i) => {
                from = Some(i + 1);
                Some(&s[start..i])
            }
            None => {
                from = None;
                Some(&s[start..])
            }
        }
    })
}

/// Walks the markdown of `text` (front matter already removed; `base` is its offset in the file)
/// and returns its blocks with offsets relative to the file.
///
/// Only what the parser reads facts from carries text; everything else keeps its place and
/// extent but comes with empty text, which spares building strings no one reads. Paragraphs
/// have text under an H1, before any H2, and under H2s about properties or the response (not
/// `## Permissions`, say). Table cells have text when the header has a Type column or begins
/// with Member, Value or Name; the rows of other tables (permissions, headers) are there with
/// empty cells. Headings, code and HTML blocks always have their text.
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, Block};
///
/// // The markdown starts at byte 100 of its file.
/// let md = "# thing resource type\n\nA thing.\n\n|Property|Type|\n|-|-|\n|id|String|\n";
/// let b = blocks(md, 100);
/// assert_eq!(b.len(), 3);
/// assert!(matches!(&b[0], Block::Heading { level: 1, offset: 100, .. }));
/// assert!(matches!(&b[1], Block::Paragraph { text, offset: 123, end: 132 } if text.text == "A thing."));
/// assert!(matches!(&b[2], Block::Table(t) if t.offset == 133 && t.rows[0].cells[0].text == "id"));
///
/// let skipped = blocks("# x\n\n## Permissions\n\nAsk first.\n\n|Permission|Scope|\n|-|-|\n|Read|All|\n", 0);
/// assert!(matches!(&skipped[2], Block::Paragraph { text, .. } if text.text.is_empty()));
/// assert!(matches!(&skipped[3], Block::Table(t) if t.rows[0].cells[0].text.is_empty()));
/// ```
pub fn blocks(text: &str, base: usize) -> Vec<Block> {
    let mut out = Vec::new();
    blocks_into(text, base, &mut true, &mut out);
    out
}

/// [`blocks`] for a part of a page that starts at a heading: `want_paragraphs` carries whether
/// paragraph text is read (it depends on the last H2) from one part to the next.
pub(crate) fn blocks_into(
    text: &str,
    base: usize,
    want_paragraphs: &mut bool,
    out: &mut Vec<Block>,
) {
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter();
    let mut inline: Option<InlineBuilder> = None;
    let mut table: Option<RawTable> = None;
    let mut row: Option<RawRow> = None;
    let mut code: Option<(String, String, usize, usize)> = None;
    let mut html: Option<(String, usize)> = None;
    let mut heading: Option<(u8, usize)> = None;
    let mut para: Option<(usize, usize)> = None;
    // Body rows are only read for tables whose header can hold types or enum members.
    let mut want_rows = true;
    // Paragraph text is only read where facts live: before the first H2 (namespace, description,
    // "Inherits from"), under Properties and under Response. Elsewhere only its extent is kept.

    for (event, range) in parser {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    heading = Some((heading_level(level), base + range.start));
                    inline = Some(InlineBuilder::sized(range.len()));
                }
                Tag::Paragraph if table.is_none() => {
                    para = Some((base + range.start, base + range.end));
                    inline = (*want_paragraphs).then(|| InlineBuilder::sized(range.len()));
                }
                Tag::Table(_) => {
                    table = Some(RawTable {
                        offset: base + range.start,
                        header: Vec::new(),
                        rows: Vec::new(),
                    })
                }
                Tag::TableRow => {
                    row = Some(RawRow {
                        cells: Vec::new(),
                        range: base + range.start..base + range.end,
                    })
                }
                Tag::TableCell => {
                    inline =
                        (row.is_none() || want_rows).then(|| InlineBuilder::sized(range.len()));
                }
                Tag::CodeBlock(kind) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => code_lang(&info),
                        CodeBlockKind::Indented => String::new(),
                    };
                    let body = text[range.clone()]
                        .find('\n')
                        .map_or(range.start, |i| range.start + i + 1);
                    code = Some((lang, String::new(), base + range.start, base + body));
                }
                Tag::HtmlBlock => html = Some((String::new(), base + range.start)),
                Tag::Link { dest_url, .. } => {
                    if let Some(b) = inline.as_mut() {
                        b.open_link(dest_url.into_string());
                    }
                }
                Tag::Strong => {
                    if let Some(b) = inline.as_mut() {
                        b.strong_depth += 1;
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let (Some((level, offset)), Some(b)) = (heading.take(), inline.take()) {
                        let text = b.finish();
                        if !is_tab_marker(level, &text) {
                            after_heading(level, &text.text, want_paragraphs);
                            out.push(Block::Heading {
                                level,
                                text,
                                offset,
                            });
                        }
                    }
                }
                TagEnd::Paragraph if table.is_none() => {
                    if let Some((offset, end)) = para.take() {
                        out.push(Block::Paragraph {
                            text: inline.take().map(InlineBuilder::finish).unwrap_or_default(),
                            offset,
                            end,
                        });
                    }
                }
                TagEnd::TableHead => {
                    want_rows = table
                        .as_ref()
                        .is_some_and(|t| header_may_hold_facts(&t.header));
                }
                TagEnd::TableCell => {
                    let cell = inline.take().map(InlineBuilder::finish).unwrap_or_default();
                    match row.as_mut() {
                        Some(r) => r.cells.push(cell),
                        None => {
                            if let Some(t) = table.as_mut() {
                                t.header.push(cell)
                            }
                        }
                    }
                }
                TagEnd::TableRow => {
                    if let (Some(r), Some(t)) = (row.take(), table.as_mut()) {
                        t.rows.push(r);
                    }
                }
                TagEnd::Table => {
                    if let Some(t) = table.take() {
                        out.push(Block::Table(t));
                    }
                }
                TagEnd::CodeBlock => out.extend(code.take().map(code_block)),
                TagEnd::HtmlBlock => {
                    if let Some((text, offset)) = html.take() {
                        out.push(Block::Html { text, offset });
                    }
                }
                TagEnd::Link => {
                    if let Some(b) = inline.as_mut() {
                        b.close_link();
                    }
                }
                TagEnd::Strong => {
                    if let Some(b) = inline.as_mut() {
                        b.strong_depth = b.strong_depth.saturating_sub(1);
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((_, buf, _, _)) = code.as_mut() {
                    buf.push_str(&t);
                } else if let Some(b) = inline.as_mut() {
                    b.text(&t);
                }
            }
            Event::Code(t) => {
                if let Some(b) = inline.as_mut() {
                    b.code(&t);
                }
            }
            Event::Html(t) => {
                if let Some((buf, _)) = html.as_mut() {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                // `<br>` separates lines inside cells; other tags are dropped, their text is kept.
                if let Some(b) = inline.as_mut() {
                    let tag = t.trim_start_matches('<').trim_start_matches('/');
                    // Compared by bytes: `<?é ?>` is inline HTML, and `tag[..2]` would cut the `é`.
                    if super::prose::starts_with_ci(tag, "br")
                        || tag.starts_with("li")
                        || tag.starts_with('p')
                    {
                        b.text(" ");
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = inline.as_mut() {
                    b.text(" ");
                }
            }
            _ => {}
        }
    }
    // Unclosed constructs (a fence never closed, an HTML comment to EOF) still reach the output.
    out.extend(code.take().map(code_block));
    if let Some((text, offset)) = html.take() {
        out.push(Block::Html { text, offset });
    }
}

/// The line holding byte `at`: from after the `\n` before it (or the start) to the next `\n`
/// (or the end), without either `\n`.
pub(crate) fn line_around(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
    start..end
}

/// `text` with the tabs inside table delimiter rows (`|---\t|---|`) made spaces, byte for byte, so
/// that offsets stay. pulldown-cmark takes no tab in a delimiter row, so the table would be a
/// paragraph and its rows lost; Microsoft's renderer takes them (5 real pages have such rows).
/// Tabs in a line's indentation are left alone: there they count in columns. Such a line inside
/// fenced code changes too (no real page has one; the check is by lines, before any reading).
///
/// ```
/// use graphdoc_codegen::parse::markdown::{blocks, untab_delimiter_rows, Block};
///
/// let md = "|Property|Type|\n|---\t|---|\n|id|String|\n";
/// assert!(matches!(blocks(md, 0)[0], Block::Paragraph { .. }));
/// let fixed = untab_delimiter_rows(md);
/// assert_eq!(fixed, "|Property|Type|\n|--- |---|\n|id|String|\n");
/// assert!(matches!(blocks(&fixed, 0)[0], Block::Table(_)));
/// ```
pub fn untab_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    // Only lines holding a tab can change, and most pages hold none: look at those lines only.
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(tab) = memchr::memchr(b'\t', &bytes[from..]).map(|i| from + i) {
        let std::ops::Range { start, end } = line_around(bytes, tab);
        let indent =
            text[start..end].len() - text[start..end].trim_start_matches([' ', '\t']).len();
        let content = &text[start + indent..end];
        if content.contains('|')
            && content.contains('-')
            && content.contains('\t')
            && content
                .bytes()
                .all(|b| matches!(b, b'|' | b'-' | b':' | b' ' | b'\t'))
        {
            rows.push(start + indent..end);
        }
        from = end;
    }
    if rows.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for row in rows {
        // A tab and a space are one byte each: offsets stay.
        let fixed = out[row.clone()].replace('\t', " ");
        out.replace_range(row, &fixed);
    }
    std::borrow::Cow::Owned(out)
}

/// The language of a fenced block from its info string: the first word, lowercased
/// (`` ```json {"a": 1} `` → `json`, `` ```http,ignore `` → `http`).
pub(crate) fn code_lang(info: &str) -> String {
    info.split(|c: char| c.is_whitespace() || c == '{' || c == ',')
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether paragraph text is read after a heading (not a tab marker) of `level` with `text`.
pub(crate) fn after_heading(level: u8, text: &str, want_paragraphs: &mut bool) {
    if level == 2 {
        *want_paragraphs = super::prose::find_ci(text, "propert").is_some()
            || super::prose::starts_with_ci(text, "response");
    } else if level == 1 {
        *want_paragraphs = true;
    }
}

fn code_block((lang, text, offset, body_offset): (String, String, usize, usize)) -> Block {
    Block::Code {
        lang,
        text,
        offset,
        body_offset,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Permission, header and method tables never hold types or enum members; their rows are skipped.
pub(super) fn header_may_hold_facts(header: &[Inline]) -> bool {
    let has_type = header.iter().any(|c| super::header_is(&c.text, "type"));
    has_type
        || header.first().is_some_and(|c| {
            ["member", "value", "name"]
                .iter()
                .any(|n| super::header_is(&c.text, n))
        })
}

/// `# [HTTP](#tab/http)` opens a tab of a DocFX tab group; it is not a section.
fn is_tab_marker(level: u8, text: &Inline) -> bool {
    level == 1 && text.links.iter().any(|l| l.dest.starts_with("#tab/"))
}

/// Builds an [`Inline`] from the pieces of inline content, as pulldown-cmark's events give them
/// or as [`super::inline`] reads them.
#[derive(Default)]
pub(super) struct InlineBuilder {
    text: String,
    links: Vec<Link>,
    open: Vec<(usize, String)>,
    pub(super) strong_depth: u32,
    /// Characters written outside any strong run (whitespace aside).
    plain_chars: bool,
    strong_chars: bool,
}

impl InlineBuilder {
    /// A builder for source text of `len` bytes: its text is about as long, so it is allocated
    /// once instead of growing a few bytes at a time.
    pub(super) fn sized(len: usize) -> Self {
        InlineBuilder {
            text: String::with_capacity(len),
            ..InlineBuilder::default()
        }
    }

    pub(super) fn text(&mut self, t: &str) {
        // Non-ASCII bytes and tabs in one pass that the compiler vectorises: no early exit.
        let odd = t
            .bytes()
            .fold(0u8, |acc, b| acc | (b & 0x80) | u8::from(b == b'\t'));
        if odd == 0 {
            self.text.push_str(t);
        } else {
            self.text_slow(t);
        }
        let seen = if self.strong_depth > 0 {
            &mut self.strong_chars
        } else {
            &mut self.plain_chars
        };
        if !*seen && !super::trim::ws(t).is_empty() {
            *seen = true;
        }
    }

    fn text_slow(&mut self, t: &str) {
        for c in t.chars() {
            match c {
                // NBSP and friends are spaces; zero-width characters are nothing.
                '\u{a0}' | '\u{202f}' | '\t' => self.text.push(' '),
                '\u{200b}' | '\u{feff}' | '\u{200f}' | '\u{202c}' | '\u{200e}' => {}
                _ => self.text.push(c),
            }
        }
    }

    /// A code span keeps its backticks, so that value lists stay visible.
    pub(super) fn code(&mut self, t: &str) {
        self.text.push('`');
        self.text(t);
        self.text.push('`');
    }

    pub(super) fn open_link(&mut self, dest: String) {
        self.open.push((self.text.len(), dest));
    }

    pub(super) fn close_link(&mut self) {
        if let Some((start, dest)) = self.open.pop() {
            let text = self.text[start..].trim().to_string();
            self.links.push(Link { text, dest });
        }
    }

    pub(super) fn finish(mut self) -> Inline {
        // Trimmed in place: most texts need no trimming, and none needs a copy.
        let end = self.text.trim_end().len();
        self.text.truncate(end);
        let start = self.text.len() - self.text.trim_start().len();
        self.text.drain(..start);
        Inline {
            text: self.text,
            links: self.links,
            all_strong: self.strong_chars && !self.plain_chars,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_html_with_a_wide_second_character_is_dropped_without_panic() {
        let md = "|Property|Type|Description|\n|:---|:---|:---|\n|id|String|a <?\u{e9} ?> b<BR>c|\n\nText <?\u{e9}x ?> here.\n";
        let b = blocks(md, 0);
        let Block::Table(t) = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(t.rows[0].cells[2].text, "a  b c");
        assert!(matches!(&b[1], Block::Paragraph { text, .. } if text.text == "Text  here."));
    }

    #[test]
    fn line_around_is_the_line_without_its_newlines() {
        let text = b"ab\ncd\n\nef";
        assert_eq!(line_around(text, 0), 0..2);
        assert_eq!(line_around(text, 4), 3..5);
        assert_eq!(line_around(text, 7), 7..9);
        assert_eq!(line_around(text, 8), 7..9);
        // On a `\n` itself: the line that it ends.
        assert_eq!(line_around(text, 2), 0..2);
    }

    #[test]
    fn split_on_splits_as_str_split_does() {
        for s in ["a|b||c", "", "|", "|x|", "é|ü|", "no pipe"] {
            let ours: Vec<&str> = split_on(s, b'|').collect();
            let std: Vec<&str> = s.split('|').collect();
            assert_eq!(ours, std, "{s:?}");
        }
    }

    #[test]
    fn table_cells_keep_code_and_links() {
        let md = "## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|**a**|[identitySet](identityset.md) collection|Values: `x`, `y`.|\n";
        let b = blocks(md, 0);
        let Block::Table(t) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(t.header.len(), 3);
        let row = &t.rows[0];
        assert!(row.cells[0].all_strong);
        assert_eq!(row.cells[0].text, "a");
        assert_eq!(row.cells[1].text, "identitySet collection");
        assert_eq!(row.cells[1].links[0].dest, "identityset.md");
        assert_eq!(row.cells[2].text, "Values: `x`, `y`.");
        assert_eq!(
            &md[row.range.clone()].trim_end(),
            &"|**a**|[identitySet](identityset.md) collection|Values: `x`, `y`.|"
        );
    }

    #[test]
    fn tab_markers_are_not_headings_and_unclosed_things_survive() {
        let md =
            "# [HTTP](#tab/http)\n<!-- {\n \"blockType\": \"request\"\n}-->\n```http\nGET /me\n";
        let b = blocks(md, 10);
        assert!(matches!(&b[0], Block::Html { offset: 30, .. }), "{b:?}");
        assert!(
            matches!(&b[1], Block::Code { lang, text, .. } if lang == "http" && text == "GET /me\n")
        );
        let b = blocks("text\n\n<!-- { \"a\": 1\n", 0);
        assert!(matches!(&b[1], Block::Html { .. }));
    }

    #[test]
    fn reference_links_resolve() {
        let md = "|Property|Type|\n|-|-|\n|a|[identitySet][]|\n\n[identitySet]: identityset.md\n";
        let b = blocks(md, 0);
        let Block::Table(t) = &b[0] else { panic!() };
        assert_eq!(t.rows[0].cells[1].links[0].dest, "identityset.md");
    }
}
