//! Inline text the line reader reads itself: the subset of markdown whose reading is certain.
//!
//! Plain text, code spans of one backtick and `[text](dest)` links make up most table cells and
//! paragraphs where facts live. This reads them into the same [`InlineBuilder`] calls that
//! pulldown-cmark's events make, so the result is the same [`Inline`](super::markdown::Inline).
//! Anything else — emphasis, HTML, entities, escapes, images, reference links, tabs — is declined
//! and the section goes to pulldown-cmark.

use super::markdown::InlineBuilder;

/// Bytes that may start markup: the reader looks at these and copies everything between them.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"`[]\\*_<&!\t\r";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Bytes a plain destination ([`plain_destination`]) may not hold: space and ASCII control
/// characters (CommonMark allows neither), and those that make a destination more than text.
const NOT_IN_DEST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i <= b' ' as usize {
        t[i] = true;
        i += 1;
    }
    let bytes = b"\x7f()<>\\&`";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Reads `src` (one line of a paragraph or one table cell, without surrounding spaces) into
/// `b`; false when it holds markup outside the subset (then `b` holds part of it). The page
/// must define no reference links (the line reader reads no such page): `[x]` is then text.
pub(super) fn read(src: &str, b: &mut InlineBuilder) -> bool {
    read_in(src, b, true)
}

/// [`read`], in link text when `links` is false (a link holds no link).
fn read_in(src: &str, b: &mut InlineBuilder, links: bool) -> bool {
    let bytes = src.as_bytes();
    let alnum_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    // Start of the text not yet given to the builder.
    let mut from = 0;
    // `[`s read as text whose `]` is still to come: those with no link after them
    // (`[!NOTE]`), and those a link opens inside (`[!INCLUDE [x](x.md)]`, where the link
    // makes the outer brackets text), with whether that link has been read.
    let mut plain = 0;
    let mut outer = 0;
    let mut link_inside = false;
    let mut i = 0;
    while i < bytes.len() {
        if !SPECIAL[bytes[i] as usize] {
            i += 1;
            continue;
        }
        match bytes[i] {
            // Inside a word, `_` opens and closes nothing.
            b'_' if i > 0 && alnum_at(i - 1) && alnum_at(i + 1) => i += 1,
            // `&` starts an entity only before a name or `#`.
            b'&' if !alnum_at(i + 1) && bytes.get(i + 1) != Some(&b'#') => i += 1,
            b'!' if bytes.get(i + 1) != Some(&b'[') => i += 1,
            b'`' => {
                let Some(len) = code_span(&bytes[i..]) else {
                    return false;
                };
                b.text(&src[from..i]);
                b.code(&src[i + 1..i + len - 1]);
                i += len;
                from = i;
            }
            b'*' => {
                let Some(close) = strong(bytes, i) else {
                    return false;
                };
                b.text(&src[from..i]);
                b.strong_depth += 1;
                if !read_in(&src[i + 2..close], b, links) {
                    return false;
                }
                b.strong_depth -= 1;
                i = close + 2;
                from = i;
            }
            b'[' if links => match brackets(&bytes[i..]) {
                Brackets::Nested => {
                    outer += 1;
                    link_inside = false;
                    i += 1;
                }
                Brackets::Text => {
                    plain += 1;
                    i += 1;
                }
                Brackets::Link(close) => {
                    let Some((text, dest, len)) = link(&src[i..], close) else {
                        return false;
                    };
                    b.text(&src[from..i]);
                    b.open_link(dest.to_string());
                    if !read_in(text, b, false) {
                        return false;
                    }
                    b.close_link();
                    link_inside = true;
                    i += len;
                    from = i;
                }
                _ => return false,
            },
            b']' if plain > 0 => {
                plain -= 1;
                i += 1;
            }
            b']' if outer > 0 && link_inside => {
                outer -= 1;
                i += 1;
            }
            _ => return false,
        }
    }
    b.text(&src[from..]);
    true
}

/// What a `[` opens, as far as the reader takes it.
enum Brackets {
    /// Another `[` opens before it closes.
    Nested,
    /// `[x](`, its `]` at this offset: an inline link, if [`link`] reads it.
    Link(usize),
    /// `[x]` followed by neither `(` nor `[`, no backtick inside (a code span could hide its
    /// real `]`): a shortcut reference, text when the page defines none.
    Text,
    /// Unclosed, `[x][y]`, or a backtick inside.
    Other,
}

fn brackets(bytes: &[u8]) -> Brackets {
    let Some(j) = memchr::memchr2(b']', b'[', &bytes[1..]).map(|j| j + 1) else {
        return Brackets::Other;
    };
    match (bytes[j], bytes.get(j + 1)) {
        (b'[', _) => Brackets::Nested,
        (_, Some(b'(')) => Brackets::Link(j),
        (_, Some(b'[')) => Brackets::Other,
        _ if bytes[1..j].contains(&b'`') => Brackets::Other,
        _ => Brackets::Text,
    }
}

/// `**` at `at` that opens strong emphasis: where its closing `**` starts. Only runs of exactly
/// two that are plainly an opener and plainly a closer (by CommonMark's flanking rules, with
/// ASCII neighbours), with no other `*` between.
fn strong(bytes: &[u8], at: usize) -> Option<usize> {
    let run_of_two = |i: usize| {
        bytes.get(i + 1) == Some(&b'*')
            && bytes.get(i + 2) != Some(&b'*')
            && (i == 0 || bytes[i - 1] != b'*')
    };
    if !run_of_two(at) {
        return None;
    }
    let close = at + 2 + memchr::memchr(b'*', &bytes[at + 2..])?;
    if close == at + 2 || !run_of_two(close) {
        return None;
    }
    let around = |i: usize| {
        (
            i.checked_sub(1).map(|k| bytes[k]),
            bytes.get(i + 2).copied(),
        )
    };
    let (left, right) = flanking(around(at))?;
    let (c_left, c_right) = flanking(around(close))?;
    (left && !right && c_right && !c_left).then_some(close)
}

/// Whether a delimiter run between `before` and `after` (`None`: the edge of the text, which
/// counts as whitespace) is left- and right-flanking; `None` for non-ASCII neighbours, whose
/// Unicode classes are not worth knowing here.
fn flanking((before, after): (Option<u8>, Option<u8>)) -> Option<(bool, bool)> {
    if before.is_some_and(|b| !b.is_ascii()) || after.is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    let space = |c: Option<u8>| c.is_none_or(|c| c == b' ');
    let punct = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_punctuation());
    let left = !space(after) && (!punct(after) || space(before) || punct(before));
    let right = !space(before) && (!punct(before) || space(after) || punct(after));
    Some((left, right))
}

/// `` `code` `` at the start of `bytes`: its length with both backticks. Only single backticks
/// around content that does not start or end with a space (which pulldown-cmark would strip).
fn code_span(bytes: &[u8]) -> Option<usize> {
    let close = 1 + memchr::memchr(b'`', &bytes[1..])?;
    let content = &bytes[1..close];
    let single = bytes.get(close + 1) != Some(&b'`');
    let plain = !content.is_empty()
        && content[0] != b' '
        && content[content.len() - 1] != b' '
        && !content.contains(&b'\t')
        && !content.contains(&b'\r');
    (single && plain).then_some(close + 1)
}

/// `[text](dest)` at the start of `src`, its `]` at `close` (as [`brackets`] found it): text,
/// destination and length. The destination holds no spaces, ASCII control characters (CommonMark
/// allows neither), parentheses, angle brackets, escapes, entities or backticks.
fn link(src: &str, close: usize) -> Option<(&str, &str, usize)> {
    let bytes = src.as_bytes();
    let dest_start = close + 2;
    let dest_end = dest_start + memchr::memchr(b')', &bytes[dest_start..])?;
    let dest = &src[dest_start..dest_end];
    plain_destination(dest).then(|| (&src[1..close], dest, dest_end + 1))
}

/// A link destination pulldown-cmark gives back as written: not empty, and none of
/// [`NOT_IN_DEST`]. The line reader reads only such links, and tab markers with such a target.
pub(super) fn plain_destination(dest: &str) -> bool {
    !dest.is_empty() && !dest.bytes().any(|c| NOT_IN_DEST[c as usize])
}
