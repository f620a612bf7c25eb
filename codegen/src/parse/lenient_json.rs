//! Lenient JSON: reads the not-quite-JSON of real pages and reports each repair.

use serde_json::Value;

/// One repair applied to the input, with the byte offset (into the input text) where it was made.
///
/// Kept so that leniency stays visible: callers can warn about sloppy source pages.
///
/// ```
/// use graphdoc_codegen::parse::lenient_json::{parse, Repair, RepairKind};
///
/// let (_, repairs) = parse("[1, 2, ]").unwrap();
/// assert_eq!(repairs, [Repair { offset: 5, kind: RepairKind::TrailingComma }]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// Byte offset into the original text where the repair was made.
    pub offset: usize,
    /// What was repaired.
    pub kind: RepairKind,
}

/// The defects observed in real pages that can be repaired without guessing.
///
/// ```
/// use graphdoc_codegen::parse::lenient_json::{parse, RepairKind::*};
///
/// let text = "{isCollection: true, // note\n \"a\": \"x\ty\", ...\n} (more)";
/// let (value, repairs) = parse(text).unwrap();
/// assert_eq!(value, serde_json::json!({"isCollection": true, "a": "x\ty"}));
/// let kinds: Vec<_> = repairs.iter().map(|r| r.kind).collect();
/// assert_eq!(kinds, [UnquotedKey, Comment, ControlCharInString, TrailingComma, Ellipsis, TrailingData]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepairKind {
    /// A `,` directly before `}` or `]`.
    TrailingComma,
    /// A `//` or `/* */` comment outside strings.
    Comment,
    /// A `...` / `…` placeholder standing for omitted members or elements.
    Ellipsis,
    /// A raw newline, tab or other control character inside a string literal.
    ControlCharInString,
    /// An identifier used as an object key without quotes.
    UnquotedKey,
    /// Non-whitespace text after the first complete value, which is ignored.
    TrailingData,
}

impl RepairKind {
    /// A lowercase message for diagnostics, so callers need not spell each kind out.
    ///
    /// ```
    /// use graphdoc_codegen::parse::lenient_json::{parse, RepairKind};
    ///
    /// assert_eq!(RepairKind::TrailingComma.describe(), "trailing comma removed");
    /// let (_, repairs) = parse("{a: 1}").unwrap();
    /// assert_eq!(repairs[0].kind.describe(), "unquoted key quoted");
    /// ```
    pub fn describe(self) -> &'static str {
        match self {
            RepairKind::TrailingComma => "trailing comma removed",
            RepairKind::Comment => "comment removed",
            RepairKind::Ellipsis => "ellipsis placeholder removed",
            RepairKind::ControlCharInString => "control character in string escaped",
            RepairKind::UnquotedKey => "unquoted key quoted",
            RepairKind::TrailingData => "trailing data after the value ignored",
        }
    }
}

/// A failure: byte offset into the input and a lowercase message without trailing period.
///
/// The offset refers to the original text (not the repaired one) so diagnostics point
/// at the page the author wrote.
///
/// ```
/// use graphdoc_codegen::parse::lenient_json::parse;
///
/// // Two repairs before the error: the offset still points into `text`.
/// let text = "{a: 1, // one\n \"b\": yes}";
/// let e = parse(text).unwrap_err();
/// assert_eq!(e.offset, text.find("yes").unwrap());
/// assert_eq!(e.message, "expected value");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Byte offset into the original text where reading failed.
    pub offset: usize,
    /// What was wrong there, lowercase, without a trailing period.
    pub message: String,
}

/// Parses `text`: strict JSON first (fast path, no repairs); otherwise a single repair pass then serde_json.
///
/// Only the first value is read; anything after it is reported as [`RepairKind::TrailingData`]
/// rather than failing, because pages often leave stray fences or prose after a body.
/// Defects that would need guessing (missing commas, unquoted values) are errors.
///
/// Error offsets are mapped back from the repaired text byte by byte: copied bytes map
/// exactly, bytes the pass inserted (quotes around a bare key, escape sequences, a comma
/// moved past whitespace) map to the input byte that caused them, and errors at the end
/// of the input point at its end.
///
/// ```
/// use graphdoc_codegen::parse::lenient_json::{parse, RepairKind};
/// use serde_json::json;
///
/// assert_eq!(parse("{\"a\": 1}").unwrap(), (json!({"a": 1}), vec![]));
/// let (v, repairs) = parse("{\"a\": [1, 2,]}\n</code>").unwrap();
/// assert_eq!(v, json!({"a": [1, 2]}));
/// let kinds: Vec<_> = repairs.iter().map(|r| r.kind).collect();
/// assert_eq!(kinds, [RepairKind::TrailingComma, RepairKind::TrailingData]);
/// let text = "{\"a\": 1\n \"b\": 2}";
/// assert_eq!(parse(text).unwrap_err().offset, text.find("\"b\"").unwrap());
/// ```
pub fn parse(text: &str) -> Result<(Value, Vec<Repair>), JsonError> {
    parse_as(text)
}

/// [`parse`] into any deserializable type: a caller that only needs a summary of the value (say,
/// which strings it holds) reads it with a visitor and never builds a `Value` tree.
///
/// ```
/// use graphdoc_codegen::parse::lenient_json::parse_as;
/// let (n, repairs) = parse_as::<Vec<u8>>("[1, 2, // two\n]").unwrap();
/// assert_eq!(n, [1, 2]);
/// assert_eq!(repairs.len(), 2);
/// ```
pub fn parse_as<T: serde::de::DeserializeOwned>(text: &str) -> Result<(T, Vec<Repair>), JsonError> {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        return Ok((value, Vec::new()));
    }

    let Repaired {
        text: fixed,
        segments,
        mut repairs,
    } = repair(text);
    let map = OffsetMap {
        segments: &segments,
        input: text,
    };

    let mut stream = serde_json::Deserializer::from_str(&fixed).into_iter::<T>();
    let value = match stream.next() {
        Some(Ok(value)) => value,
        Some(Err(err)) => return Err(map.error(&fixed, &err)),
        None => {
            let message = if text.bytes().all(is_json_ws) {
                "empty input"
            } else {
                "no json value found"
            };
            return Err(JsonError {
                offset: text.len(),
                message: message.to_owned(),
            });
        }
    };

    let end = stream.byte_offset();
    if let Some(rest) = fixed.as_bytes().get(end..) {
        if let Some(skip) = rest.iter().position(|&b| !is_json_ws(b)) {
            repairs.push(Repair {
                offset: map.to_input(end + skip),
                kind: RepairKind::TrailingData,
            });
        }
    }
    repairs.sort_by_key(|r| r.offset);
    Ok((value, repairs))
}

fn is_json_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_inline_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t')
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || matches!(b, b'_' | b'$' | b'@')
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'@' | b'.' | b'-')
}

/// UTF-8 encoding of `…` (U+2026).
const ELLIPSIS_CHAR: &[u8] = "\u{2026}".as_bytes();

/// Output of the repair pass.
struct Repaired {
    text: String,
    /// `(output offset, input offset)` pairs; each starts a run where both advance together.
    segments: Vec<(usize, usize)>,
    repairs: Vec<Repair>,
}

/// Maps offsets in the repaired text back to the input.
struct OffsetMap<'a> {
    segments: &'a [(usize, usize)],
    input: &'a str,
}

impl OffsetMap<'_> {
    fn to_input(&self, out: usize) -> usize {
        let idx = self.segments.partition_point(|&(o, _)| o <= out);
        let mut offset = match idx.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(o, i)) => i.saturating_add(out - o),
            None => 0,
        };
        offset = offset.min(self.input.len());
        while !self.input.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn error(&self, fixed: &str, err: &serde_json::Error) -> JsonError {
        let full = err.to_string();
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let bare = full.strip_suffix(&suffix).unwrap_or(&full);
        let bare = bare.replace("EOF", "end of input");
        let mut message = String::with_capacity(bare.len());
        let mut chars = bare.chars();
        if let Some(first) = chars.next() {
            message.extend(first.to_lowercase());
            message.push_str(chars.as_str());
        }
        let message = message.trim_end_matches('.').to_owned();

        let offset = if err.is_eof() {
            self.input.len()
        } else {
            let line_start = if err.line() <= 1 {
                0
            } else {
                fixed
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .nth(err.line() - 2)
                    .map_or(fixed.len(), |(i, _)| i + 1)
            };
            let out = line_start
                .saturating_add(err.column().saturating_sub(1))
                .min(fixed.len());
            self.to_input(out)
        };
        JsonError { offset, message }
    }
}

/// What the last significant token was; decides where keys and placeholders may stand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    OpenObject,
    OpenArray,
    Comma,
    Other,
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    out: Vec<u8>,
    segments: Vec<(usize, usize)>,
    repairs: Vec<Repair>,
    stack: Vec<u8>,
    prev: Prev,
    /// Input offset of a comma not yet written: it is emitted just before the next token,
    /// or dropped if that token closes a container.
    pending_comma: Option<usize>,
    /// Whether only whitespace (or comments) came before the current position on this line.
    line_blank: bool,
    /// The first top-level value is complete; the rest is copied verbatim.
    done: bool,
}

fn repair(text: &str) -> Repaired {
    let mut s = Scanner {
        b: text.as_bytes(),
        i: 0,
        out: Vec::with_capacity(text.len() + 16),
        segments: Vec::new(),
        repairs: Vec::new(),
        stack: Vec::new(),
        prev: Prev::Start,
        pending_comma: None,
        line_blank: true,
        done: false,
    };
    s.run();
    // Only whole UTF-8 sequences are copied or dropped (all syntax is ASCII), so this
    // cannot fail; the lossy fallback merely keeps the function total.
    let text = match String::from_utf8(s.out) {
        Ok(t) => t,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    Repaired {
        text,
        segments: s.segments,
        repairs: s.repairs,
    }
}

impl Scanner<'_> {
    /// Writes one byte attributed to input offset `at`.
    fn emit(&mut self, byte: u8, at: usize) {
        let continues = self
            .segments
            .last()
            .is_some_and(|&(o, i)| i + (self.out.len() - o) == at);
        if !continues {
            self.segments.push((self.out.len(), at));
        }
        self.out.push(byte);
    }

    /// Copies input bytes `from..to` unchanged.
    fn copy_range(&mut self, from: usize, to: usize) {
        if from < to {
            self.emit(self.b[from], from);
            self.out.extend_from_slice(&self.b[from + 1..to]);
        }
    }

    fn copy(&mut self) {
        self.copy_range(self.i, self.i + 1);
        self.i += 1;
    }

    fn record(&mut self, offset: usize, kind: RepairKind) {
        self.repairs.push(Repair { offset, kind });
    }

    fn flush_comma(&mut self) {
        if let Some(at) = self.pending_comma.take() {
            self.emit(b',', at);
        }
    }

    fn expect_key(&self) -> bool {
        match self.prev {
            Prev::OpenObject => true,
            Prev::Comma => self.stack.last() == Some(&b'{'),
            _ => false,
        }
    }

    fn run(&mut self) {
        while let Some(&c) = self.b.get(self.i) {
            let start = self.i;
            match c {
                b' ' | b'\t' | b'\r' => {
                    self.copy();
                    continue;
                }
                b'\n' => {
                    self.copy();
                    self.line_blank = true;
                    continue;
                }
                b'/' if matches!(self.b.get(self.i + 1), Some(b'/' | b'*')) => {
                    self.comment();
                    continue;
                }
                _ if self.done => {
                    self.copy_range(self.i, self.b.len());
                    self.i = self.b.len();
                    break;
                }
                b'"' => {
                    self.flush_comma();
                    self.string();
                    self.prev = Prev::Other;
                    if self.stack.is_empty() {
                        self.done = true;
                    }
                }
                b'{' | b'[' => {
                    self.flush_comma();
                    self.stack.push(c);
                    self.copy();
                    self.prev = if c == b'{' {
                        Prev::OpenObject
                    } else {
                        Prev::OpenArray
                    };
                }
                b'}' | b']' => {
                    if let Some(at) = self.pending_comma.take() {
                        self.record(at, RepairKind::TrailingComma);
                    }
                    self.copy();
                    self.prev = Prev::Other;
                    if self.stack.pop().is_some() && self.stack.is_empty() {
                        self.done = true;
                    }
                }
                b',' => {
                    self.flush_comma();
                    self.pending_comma = Some(self.i);
                    self.i += 1;
                    self.prev = Prev::Comma;
                }
                b'.' | 0xE2 => self.ellipsis(),
                _ if is_ident_start(c) => self.identifier(),
                _ => {
                    self.flush_comma();
                    self.copy();
                    self.prev = Prev::Other;
                }
            }
            debug_assert!(self.i > start, "scanner must always advance");
            self.line_blank = false;
        }
        self.flush_comma();
    }

    /// Drops a `//` or `/* */` comment starting at `self.i`.
    fn comment(&mut self) {
        let start = self.i;
        self.record(start, RepairKind::Comment);
        let body = start + 2;
        if self.b[start + 1] == b'/' {
            let end = self.b[body..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(self.b.len(), |p| body + p);
            self.i = end;
        } else {
            let end = self.b[body..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(self.b.len(), |p| body + p + 2);
            // A space keeps the tokens on either side apart (`1/**/2` must not become `12`).
            self.emit(b' ', start);
            self.i = end;
        }
    }

    /// Copies a string literal starting at the opening quote, escaping raw control characters.
    fn string(&mut self) {
        self.copy();
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    self.copy();
                    return;
                }
                b'\\' => {
                    self.copy();
                    // An escaped control character is left raw for serde_json to reject:
                    // guessing its meaning could silently change the text.
                    if self.b.get(self.i).is_some() {
                        self.copy();
                    }
                }
                0x00..=0x1F => {
                    let at = self.i;
                    self.record(at, RepairKind::ControlCharInString);
                    let escaped = match c {
                        b'\n' => "\\n".to_owned(),
                        b'\t' => "\\t".to_owned(),
                        b'\r' => "\\r".to_owned(),
                        _ => format!("\\u{c:04x}"),
                    };
                    for &e in escaped.as_bytes() {
                        self.emit(e, at);
                    }
                    self.i += 1;
                }
                _ => self.copy(),
            }
        }
    }

    /// Handles a run of `.`/`…` at `self.i`: dropped when it is a placeholder, copied otherwise.
    fn ellipsis(&mut self) {
        let b = self.b;
        let start = self.i;
        let mut end = start;
        let (mut dots, mut chars) = (0usize, 0usize);
        loop {
            if b.get(end) == Some(&b'.') {
                dots += 1;
                end += 1;
            } else if b[end..].starts_with(ELLIPSIS_CHAR) {
                chars += 1;
                end += ELLIPSIS_CHAR.len();
            } else {
                break;
            }
        }
        if end == start {
            // A lone 0xE2 lead byte of some other character.
            self.flush_comma();
            self.copy();
            self.prev = Prev::Other;
            return;
        }

        let after = skip(b, end, is_inline_ws);
        let separator_before =
            matches!(self.prev, Prev::OpenObject | Prev::OpenArray | Prev::Comma);

        // Alone on its line, possibly followed by a comma and/or a comment.
        let mut eol = after;
        if b.get(eol) == Some(&b',') {
            eol = skip(b, eol + 1, is_inline_ws);
        }
        let alone_on_line = self.line_blank
            && match b.get(eol) {
                None | Some(b'\n' | b'\r') => true,
                Some(b'/') => matches!(b.get(eol + 1), Some(b'/' | b'*')),
                _ => false,
            };
        // Inline, standing for an element or member: `[ ... ]`, `{ "a": 1, ... }`.
        let next = skip(b, end, is_json_ws);
        let inline = separator_before
            && match b.get(next) {
                Some(b',' | b'}' | b']') => true,
                Some(b'/') => matches!(b.get(next + 1), Some(b'/' | b'*')),
                _ => false,
            };

        if (dots >= 2 || chars >= 1) && (alone_on_line || inline) {
            self.record(start, RepairKind::Ellipsis);
            // The placeholder's own comma is redundant when a separator already precedes it;
            // otherwise it is the separator for what follows and is kept.
            self.i = if separator_before && b.get(after) == Some(&b',') {
                after + 1
            } else {
                end
            };
        } else {
            self.flush_comma();
            self.copy_range(start, end);
            self.i = end;
            self.prev = Prev::Other;
        }
    }

    /// Handles an identifier at `self.i`: quoted when it is a bare object key, copied otherwise.
    fn identifier(&mut self) {
        let b = self.b;
        let start = self.i;
        let end = skip(b, start + 1, is_ident_continue);
        let is_key = self.expect_key() && b.get(skip(b, end, is_json_ws)) == Some(&b':');
        self.flush_comma();
        if is_key {
            self.record(start, RepairKind::UnquotedKey);
            self.emit(b'"', start);
            self.copy_range(start, end);
            self.emit(b'"', end);
        } else {
            self.copy_range(start, end);
        }
        self.i = end;
        self.prev = Prev::Other;
    }
}

/// First index at or after `from` whose byte does not satisfy `pred`.
fn skip(b: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while b.get(i).is_some_and(|&c| pred(c)) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(text: &str) -> (Value, Vec<Repair>) {
        match parse(text) {
            Ok(r) => r,
            Err(e) => panic!("unexpected error {e:?} for {text:?}"),
        }
    }

    fn kinds(repairs: &[Repair]) -> Vec<RepairKind> {
        repairs.iter().map(|r| r.kind).collect()
    }

    fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count() + 1
    }

    #[test]
    fn strict_json_has_no_repairs() {
        let text = r#"{"a": [1, 2.5, "x"], "b": {"c": null, "d": true}}"#;
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": [1, 2.5, "x"], "b": {"c": null, "d": true}}));
        assert!(r.is_empty());
    }

    #[test]
    fn trailing_comma_in_object() {
        let text = "{\"a\": 1,\n}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(
            r,
            vec![Repair {
                offset: 7,
                kind: RepairKind::TrailingComma
            }]
        );
    }

    #[test]
    fn trailing_comma_in_array() {
        let (v, r) = ok("[1, 2, ]");
        assert_eq!(v, json!([1, 2]));
        assert_eq!(
            r,
            vec![Repair {
                offset: 5,
                kind: RepairKind::TrailingComma
            }]
        );
    }

    #[test]
    fn line_comment() {
        let text = "{\n  \"a\": 1 // the a\n}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find("//").unwrap(),
                kind: RepairKind::Comment
            }]
        );
    }

    #[test]
    fn block_comment_separates_tokens() {
        let text = "[1/* one */, /*two*/2]";
        let (v, r) = ok(text);
        assert_eq!(v, json!([1, 2]));
        assert_eq!(kinds(&r), vec![RepairKind::Comment, RepairKind::Comment]);
        assert_eq!(r[0].offset, 2);
        assert_eq!(r[1].offset, 13);
        // Without the inserted space these would merge into one number.
        assert!(parse("[1/**/2]").is_err());
    }

    #[test]
    fn unterminated_block_comment_is_error() {
        let text = "{\"a\": 1 /* never closed";
        let e = parse(text).unwrap_err();
        assert_eq!(e.offset, text.len());
        assert!(e.message.contains("end of input"), "{}", e.message);
    }

    #[test]
    fn ellipsis_line_in_array() {
        let text = "[\n  {\"id\": 1},\n  ...\n]";
        let (v, r) = ok(text);
        assert_eq!(v, json!([{"id": 1}]));
        let at = text.find("...").unwrap();
        assert!(r.contains(&Repair {
            offset: at,
            kind: RepairKind::Ellipsis
        }));
        assert!(r.contains(&Repair {
            offset: text.find("},").unwrap() + 1,
            kind: RepairKind::TrailingComma
        }));
    }

    #[test]
    fn ellipsis_line_with_comma_between_members() {
        let text = "{\n  \"a\": 1,\n  ...,\n  \"b\": 2\n}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1, "b": 2}));
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find("...").unwrap(),
                kind: RepairKind::Ellipsis
            }]
        );
    }

    #[test]
    fn ellipsis_line_after_member_without_comma() {
        // The placeholder's comma is the only separator and must survive.
        let text = "{\n  \"a\": 1\n  ...,\n  \"b\": 2\n}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1, "b": 2}));
        assert_eq!(kinds(&r), vec![RepairKind::Ellipsis]);
    }

    #[test]
    fn unicode_ellipsis_and_inline_placeholder() {
        let text = "{\"value\": [\u{2026}], \"x\": [1, ...]}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"value": [], "x": [1]}));
        assert_eq!(
            kinds(&r),
            vec![
                RepairKind::Ellipsis,
                RepairKind::TrailingComma,
                RepairKind::Ellipsis
            ]
        );
        assert_eq!(r[0].offset, text.find('\u{2026}').unwrap());
        assert_eq!(r[2].offset, text.find("...").unwrap());
    }

    #[test]
    fn ellipsis_as_value_is_error() {
        assert!(parse("{\"a\": ...}").is_err());
    }

    #[test]
    fn control_chars_in_string() {
        let text = "{\"s\": \"a\tb\nc\u{1}\"}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"s": "a\tb\nc\u{1}"}));
        assert_eq!(
            r,
            vec![
                Repair {
                    offset: 8,
                    kind: RepairKind::ControlCharInString
                },
                Repair {
                    offset: 10,
                    kind: RepairKind::ControlCharInString
                },
                Repair {
                    offset: 12,
                    kind: RepairKind::ControlCharInString
                },
            ]
        );
    }

    #[test]
    fn unquoted_key() {
        let text = "{isCollection: true, \"a\": 1, @odata.type : \"x\"}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"isCollection": true, "a": 1, "@odata.type": "x"}));
        assert_eq!(
            r,
            vec![
                Repair {
                    offset: 1,
                    kind: RepairKind::UnquotedKey
                },
                Repair {
                    offset: text.find('@').unwrap(),
                    kind: RepairKind::UnquotedKey
                },
            ]
        );
    }

    #[test]
    fn unquoted_value_is_error() {
        let text = "{\"a\": yes}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.offset, text.find("yes").unwrap());
    }

    #[test]
    fn trailing_data_after_value() {
        let text = "{\"a\": 1}\n```\n";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find('`').unwrap(),
                kind: RepairKind::TrailingData
            }]
        );
    }

    #[test]
    fn trailing_text_is_not_repaired() {
        // Text after the value must not be mangled or produce spurious repairs.
        let text = "{\"a\": 1} note: see \"x\n y\" // and {b: 1,}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(kinds(&r), vec![RepairKind::TrailingData]);
        assert_eq!(r[0].offset, text.find("note").unwrap());
    }

    #[test]
    fn trailing_comment_only_is_comment() {
        let (v, r) = ok("{\"a\": 1} // done");
        assert_eq!(v, json!({"a": 1}));
        assert_eq!(kinds(&r), vec![RepairKind::Comment]);
    }

    #[test]
    fn empty_input_errors() {
        let e = parse("").unwrap_err();
        assert_eq!(e.offset, 0);
        assert_eq!(e.message, "empty input");
        assert!(parse("  \n ").is_err());
        let e = parse("// only a comment").unwrap_err();
        assert_eq!(e.message, "no json value found");
    }

    #[test]
    fn lone_brace_and_unterminated_string_error() {
        for text in ["{", "[", "}", "\"abc", "{\"a\": \"abc", "{\"a\"", ","] {
            let e = parse(text).unwrap_err();
            assert!(e.offset <= text.len());
            assert!(!e.message.is_empty());
            assert!(!e.message.ends_with('.'));
            assert_eq!(e.message, e.message.to_lowercase(), "{}", e.message);
        }
    }

    #[test]
    fn sample_annotation_trailing_comma() {
        let text = r#"{
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.accessReview",
}"#;
        let (v, r) = ok(text);
        assert_eq!(
            v,
            json!({"blockType": "response", "truncated": true, "@odata.type": "microsoft.graph.accessReview"})
        );
        assert_eq!(
            r,
            vec![Repair {
                offset: text.rfind(',').unwrap(),
                kind: RepairKind::TrailingComma
            }]
        );
    }

    #[test]
    fn sample_annotation_unquoted_key() {
        let text = r#"{
  "blockType": "response",
  "truncated": true,
  "@odata.type": "microsoft.graph.mailTips",
  isCollection: true
}"#;
        let (v, r) = ok(text);
        assert_eq!(v["isCollection"], json!(true));
        assert_eq!(v["@odata.type"], json!("microsoft.graph.mailTips"));
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find("isCollection").unwrap(),
                kind: RepairKind::UnquotedKey
            }]
        );
    }

    #[test]
    fn sample_body_with_line_comment() {
        let text = r#"{
  "value": {
    "400723e1-102b-43aa-aba9-f35524827084": true, // property name is user id
    "5d6f1e2a-0000-0000-0000-000000000000": false
  }
}"#;
        let (v, r) = ok(text);
        assert_eq!(
            v["value"]["400723e1-102b-43aa-aba9-f35524827084"],
            json!(true)
        );
        assert_eq!(
            v["value"]["5d6f1e2a-0000-0000-0000-000000000000"],
            json!(false)
        );
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find("//").unwrap(),
                kind: RepairKind::Comment
            }]
        );
    }

    #[test]
    fn sample_body_with_ellipsis_line() {
        let text = r#"{
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
  "value": [
    {
      "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
      "displayName": "Adele Vance"
    },
    ...
  ]
}"#;
        let (v, r) = ok(text);
        assert_eq!(v["value"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            kinds(&r),
            vec![RepairKind::TrailingComma, RepairKind::Ellipsis]
        );
        assert_eq!(r[1].offset, text.find("...").unwrap());
    }

    #[test]
    fn sample_raw_newline_in_suppressions() {
        let text = "<!-- x -->{\n  \"blockType\": \"request\",\n  \"suppressions\": [\"Warning: a\n   b\"]\n}";
        let text = &text["<!-- x -->".len()..];
        let (v, r) = ok(text);
        assert_eq!(v["suppressions"], json!(["Warning: a\n   b"]));
        assert_eq!(
            r,
            vec![Repair {
                offset: text.find("a\n").unwrap() + 1,
                kind: RepairKind::ControlCharInString
            }]
        );
    }

    #[test]
    fn missing_comma_points_at_second_member_line() {
        let text = "{\n  \"id\":\"x\"\n  \"accountEnabled\":true\n}";
        let e = parse(text).unwrap_err();
        assert_eq!(line_of(text, e.offset), 3);
        assert_eq!(e.offset, text.find("\"accountEnabled").unwrap());
        assert!(e.message.contains("expected"), "{}", e.message);
        assert!(!e.message.contains("line"), "{}", e.message);
    }

    #[test]
    fn missing_comma_after_repairs_points_at_right_line() {
        // Repairs earlier in the text (which change lengths) must not shift the error.
        let text = "{\n  a: \"x\ty\", // c\n  /* long\n comment */ \"b\": [1,],\n  \"c\": 1\n  \"d\": 2\n}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.offset, text.find("\"d\"").unwrap());
    }

    #[test]
    fn unterminated_string_after_repairs() {
        let text = "{a: 1, \"b\": \"abc";
        let e = parse(text).unwrap_err();
        assert_eq!(e.offset, text.len());
    }

    #[test]
    fn strings_with_syntax_lookalikes_untouched() {
        let text = r#"{"url": "https://x/y", "c": "/* not */", "t": ",}", "e": "...", "k": "key: 1,]", u: 1}"#;
        let (v, r) = ok(text);
        assert_eq!(v["url"], json!("https://x/y"));
        assert_eq!(v["c"], json!("/* not */"));
        assert_eq!(v["t"], json!(",}"));
        assert_eq!(v["e"], json!("..."));
        assert_eq!(v["k"], json!("key: 1,]"));
        assert_eq!(kinds(&r), vec![RepairKind::UnquotedKey]);
    }

    #[test]
    fn escaped_quotes_keep_string_state() {
        let text = r#"{"a": "say \"hi\" // not a comment \\", "b": 1,}"#;
        let (v, r) = ok(text);
        assert_eq!(v["a"], json!("say \"hi\" // not a comment \\"));
        assert_eq!(kinds(&r), vec![RepairKind::TrailingComma]);
    }

    #[test]
    fn combination_of_repairs() {
        let text =
            "{\n  // heading\n  name: \"a\tb\", /* inline */\n  \"list\": [1, 2, ],\n  ...\n}\n```";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"name": "a\tb", "list": [1, 2]}));
        assert_eq!(
            kinds(&r),
            vec![
                RepairKind::Comment,
                RepairKind::UnquotedKey,
                RepairKind::ControlCharInString,
                RepairKind::Comment,
                RepairKind::TrailingComma,
                RepairKind::TrailingComma,
                RepairKind::Ellipsis,
                RepairKind::TrailingData,
            ]
        );
        let mut sorted = r.clone();
        sorted.sort_by_key(|x| x.offset);
        assert_eq!(r, sorted);
        assert_eq!(r[1].offset, text.find("name").unwrap());
        assert_eq!(r[7].offset, text.find('`').unwrap());
    }

    #[test]
    fn multibyte_characters_next_to_repairs() {
        let text = "{\"é\": \"ü\n😀\", ñ: [\"…\",], \"z\": \u{2026}}";
        // `ñ` is not an ASCII identifier and `…` as a value is not a placeholder: errors.
        let e = parse(text).unwrap_err();
        assert!(text.is_char_boundary(e.offset));

        let text = "{\"é\": \"ü\n😀\",\n\u{2026}\n \"ß\": [\"…\",], x: \"日本\"/*é*/,}";
        let (v, r) = ok(text);
        assert_eq!(v, json!({"é": "ü\n😀", "ß": ["…"], "x": "日本"}));
        for repair in &r {
            assert!(text.is_char_boundary(repair.offset));
        }
        assert_eq!(r[0].kind, RepairKind::ControlCharInString);
        assert_eq!(r[0].offset, text.find('\n').unwrap());
    }

    #[test]
    fn describe_is_lowercase() {
        use RepairKind::*;
        for k in [
            TrailingComma,
            Comment,
            Ellipsis,
            ControlCharInString,
            UnquotedKey,
            TrailingData,
        ] {
            let d = k.describe();
            assert_eq!(d, d.to_lowercase());
            assert!(!d.ends_with('.'));
        }
        assert_eq!(TrailingComma.describe(), "trailing comma removed");
    }

    #[test]
    fn large_input_is_fast_enough() {
        // Pathological shapes for a quadratic scanner: long dot runs, long identifiers,
        // many trailing commas and comments.
        let n = 200_000;
        let mut text = String::from("[");
        for i in 0..n {
            text.push_str(&format!("{i}, // c\n"));
        }
        text.push(']');
        let (v, r) = ok(&text);
        assert_eq!(v.as_array().map(Vec::len), Some(n));
        assert_eq!(r.len(), n + 1);

        let dots = format!("[{}]", ". ".repeat(n));
        assert!(parse(&dots).is_err());
        let dots = format!("[{}x]", ".".repeat(n));
        assert!(parse(&dots).is_err());
        let ident = format!("{{{} 1}}", "a".repeat(n));
        assert!(parse(&ident).is_err());
        let spaces = format!("{{a{}", " ".repeat(n));
        assert!(parse(&spaces).is_err());
        let opens = "/*".repeat(n);
        assert!(parse(&opens).is_err());
    }

    /// Deterministic xorshift generator, so the property test needs no extra crates.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[rustfmt::skip]
    const FRAGMENTS: &[&str] = &[
        "{", "}", "[", "]", ",", ":", "\"", "\\", "/", "*", "//", "/*", "*/", "...", ".", "…",
        "\n", "\r", "\t", " ", "  ", "a", "key", "@odata.type", "1", "-2.5e3", "true", "null",
        "é", "😀", "\u{0}", "\u{1f}", "\"s\"", "\"k\":", "k:", "```", "\\\"", "\\n", "\u{e2}", "\u{2014}",
    ];

    const SAMPLES: &[&str] = &[
        "{\n  \"blockType\": \"response\",\n  \"truncated\": true,\n  \"@odata.type\": \"microsoft.graph.accessReview\",\n}",
        "{\n  \"a\": [1, 2, ...],\n  b: \"x\ny\", // c\n  /* d */ \"e\": {}\n}\n```",
        "[{\"id\": \"é😀\"}, …, {\"id\": \"…\"},]",
    ];

    fn check_total(text: &str) {
        match parse(text) {
            Ok((value, repairs)) => {
                for r in &repairs {
                    assert!(r.offset <= text.len(), "{text:?} {r:?}");
                    assert!(text.is_char_boundary(r.offset), "{text:?} {r:?}");
                }
                if let Ok(strict) = serde_json::from_str::<Value>(text) {
                    assert_eq!(strict, value);
                    assert!(repairs.is_empty());
                }
            }
            Err(e) => {
                assert!(e.offset <= text.len(), "{text:?} {e:?}");
                assert!(text.is_char_boundary(e.offset), "{text:?} {e:?}");
                assert!(serde_json::from_str::<Value>(text).is_err());
            }
        }
    }

    #[test]
    fn never_panics_on_generated_input() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(24);
            let text: String = (0..len)
                .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
                .collect();
            check_total(&text);
        }
        // Mutations of realistic samples: insert, delete or replace at char boundaries.
        for _ in 0..20_000 {
            let mut text = SAMPLES[rng.below(SAMPLES.len())].to_owned();
            for _ in 0..1 + rng.below(4) {
                let bounds: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                let idx = rng.below(bounds.len());
                let at = bounds[idx];
                let later = |k: usize| bounds[(idx + k).min(bounds.len() - 1)];
                let fragment = FRAGMENTS[rng.below(FRAGMENTS.len())];
                match rng.below(3) {
                    0 => text.insert_str(at, fragment),
                    1 => {
                        let to = later(1 + rng.below(8));
                        text.replace_range(at..to, "");
                    }
                    _ => text.replace_range(at..later(1), fragment),
                }
            }
            check_total(&text);
        }
    }
}
