//! Trimming by bytes, for the short lines, cells and names that parse trims about 1.4 million
//! times on the real reference.
//!
//! `str::trim` and `trim_matches([' ', '\t'])` decode characters and go through a pattern
//! searcher: callgrind put them at about 70 instructions a call, 6.6% of parse. Each function
//! here returns exactly the slice its std counterpart returns (the tests compare them): an
//! ASCII character is one byte, and that byte never occurs inside a multi-byte character, so
//! looking at bytes is enough. On graph-beta-2021 they took parse from 1,490.7 M to 1,458.4 M
//! instructions.

/// Spaces and tabs: the blanks of markdown lines.
pub(crate) const BLANK: &[u8] = b" \t";

/// `set`'s bytes cut from both ends, as `s.trim_matches(chars)` for the same ASCII characters.
#[inline]
pub(crate) fn ascii<'a>(s: &'a str, set: &[u8]) -> &'a str {
    // All cut: std gives the empty slice at the start.
    match ascii_end(ascii_start(s, set), set) {
        "" => &s[..0],
        t => t,
    }
}

/// `s.trim_start_matches(chars)` for the ASCII characters of `set`.
#[inline]
pub(crate) fn ascii_start<'a>(s: &'a str, set: &[u8]) -> &'a str {
    debug_assert!(set.is_ascii(), "a non-ASCII byte could cut a character");
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && set.contains(&bytes[i]) {
        i += 1;
    }
    &s[i..]
}

/// `s.trim_end_matches(chars)` for the ASCII characters of `set`.
#[inline]
pub(crate) fn ascii_end<'a>(s: &'a str, set: &[u8]) -> &'a str {
    debug_assert!(set.is_ascii(), "a non-ASCII byte could cut a character");
    let bytes = s.as_bytes();
    let mut i = bytes.len();
    while i > 0 && set.contains(&bytes[i - 1]) {
        i -= 1;
    }
    &s[..i]
}

/// Whitespace, as `s.trim()`. ASCII whitespace is cut by bytes; only when a non-ASCII character
/// is left at either end (it may be a space such as U+00A0) does `str::trim` look further.
#[inline]
pub(crate) fn ws(s: &str) -> &str {
    let bytes = s.as_bytes();
    let mut start = 0;
    while start < bytes.len() && is_ascii_ws(bytes[start]) {
        start += 1;
    }
    let mut end = bytes.len();
    while end > start && is_ascii_ws(bytes[end - 1]) {
        end -= 1;
    }
    let mut t = &s[start..end];
    if let (Some(&first), Some(&last)) = (t.as_bytes().first(), t.as_bytes().last()) {
        if first >= 0x80 || last >= 0x80 {
            t = t.trim();
        }
    }
    // All whitespace: std gives the empty slice at the start.
    if t.is_empty() {
        &s[..0]
    } else {
        t
    }
}

/// The ASCII characters `char::is_whitespace` takes: tab, line feed, vertical tab, form feed,
/// carriage return and space (`u8::is_ascii_whitespace` leaves out the vertical tab).
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings made of every pairing of these pieces: ASCII and Unicode whitespace at either end
    /// and inside, multi-byte text, and the empty string.
    const PIECES: &[&str] = &[
        "", " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2003}", "\u{85}", "\u{200b}", "a",
        "é", "日本", "a b", "*", "`",
    ];

    #[test]
    fn byte_trims_give_the_slices_std_gives() {
        for a in PIECES {
            for b in PIECES {
                for c in PIECES {
                    let s = format!("{a}{b}{c}");
                    let s = s.as_str();
                    // The same slice, not only an equal one: offsets are computed from them.
                    let same = |ours: &str, std: &str| {
                        assert_eq!((ours, ours.as_ptr()), (std, std.as_ptr()), "{s:?}");
                    };
                    same(ascii(s, BLANK), s.trim_matches([' ', '\t']));
                    same(ascii_start(s, BLANK), s.trim_start_matches([' ', '\t']));
                    same(ascii_end(s, BLANK), s.trim_end_matches([' ', '\t']));
                    same(ascii(s, b" "), s.trim_matches(' '));
                    same(ascii_start(s, b" "), s.trim_start_matches(' '));
                    same(ascii(s, b"*`"), s.trim_matches(['*', '`']));
                    same(ws(s), s.trim());
                }
            }
        }
    }
}
