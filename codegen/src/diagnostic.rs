//! Diagnostics: every finding of a run, collected and reported together with file, line and column.

use std::fmt;
use std::sync::Arc;

/// How bad a finding is. Only [`Severity::Error`] makes a run fail.
///
/// ```
/// use graphdoc_codegen::{generate, Kind, Options, Severity, Source};
///
/// let ragged = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///               |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|extra|\n";
/// let out = generate(&[Source::new("resources/thing.md", ragged)], &Options::default());
/// assert_eq!((out.diagnostics[0].kind, out.diagnostics[0].severity), (Kind::RaggedRow, Severity::Warning));
/// assert!(!out.has_errors());
/// let out = generate(&[Source::new("resources/bad.md", b"# bad\xff".to_vec())], &Options::default());
/// assert_eq!((out.diagnostics[0].kind, out.diagnostics[0].severity), (Kind::Encoding, Severity::Error));
/// assert!(out.has_errors());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The page was read but something in it was taken leniently or left out of the model.
    Warning,
    /// A page (or part of one) could not be read at all.
    Error,
}

impl Severity {
    /// `"warning"` or `"error"`, as rustc prints them.
    ///
    /// ```
    /// use graphdoc_codegen::Severity;
    /// assert_eq!(Severity::Warning.as_str(), "warning");
    /// assert_eq!(Severity::Error.as_str(), "error");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a diagnostic is about; stable short codes for counting and filtering.
///
/// ```
/// use graphdoc_codegen::Kind;
/// assert_eq!(Kind::RaggedRow.code(), "ragged-row");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A file could not be read.
    Io,
    /// A file is not valid UTF-8; it was read with replacement characters.
    Encoding,
    /// A page has no content.
    EmptyPage,
    /// A page of a kind that should describe a type has no table.
    NoTables,
    /// A table row has more or fewer cells than its header, or only continues the description of
    /// the row above (a line break inside a cell).
    RaggedRow,
    /// Lines that look like a table but are not one in GFM (header and delimiter disagree).
    NotATable,
    /// An annotation comment that could not be read as JSON.
    BadAnnotation,
    /// JSON that needed a lenient repair to be read.
    JsonRepaired,
    /// JSON (an example body) that could not be read.
    BadJson,
    /// A type name that no page defines.
    UnresolvedType,
    /// A Type cell that is not a type (prose, unions).
    UnparsedType,
    /// Two pages disagree about a type.
    TypeConflict,
    /// A type was named by the generator (an enum without a name).
    NamedByGenerator,
    /// A description still holds a TODO.
    Todo,
    /// An example whose values are type-name placeholders rather than real data.
    Placeholder,
    /// A type or member appears twice.
    Duplicate,
    /// An HTTP block that could not be read.
    BadHttp,
    /// A base type that is missing or cyclic.
    BadBaseType,
    /// An identifier had to be changed to be valid Rust.
    Renamed,
    /// An example value of the wrong JSON kind for its documented type (a number where the type
    /// is a string): the generated type cannot read the example.
    ExampleType,
    /// An example value that is not a documented member of its enum (it reads as `Other`).
    UndocumentedValue,
}

impl Kind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// use graphdoc_codegen::Kind;
    /// assert!(Kind::ALL.contains(&Kind::ExampleType));
    /// ```
    pub const ALL: &'static [Kind] = &[
        Kind::Io,
        Kind::Encoding,
        Kind::EmptyPage,
        Kind::NoTables,
        Kind::RaggedRow,
        Kind::NotATable,
        Kind::BadAnnotation,
        Kind::JsonRepaired,
        Kind::BadJson,
        Kind::UnresolvedType,
        Kind::UnparsedType,
        Kind::TypeConflict,
        Kind::NamedByGenerator,
        Kind::Todo,
        Kind::Placeholder,
        Kind::Duplicate,
        Kind::BadHttp,
        Kind::BadBaseType,
        Kind::Renamed,
        Kind::ExampleType,
        Kind::UndocumentedValue,
    ];

    /// The kind with this [`code`](Kind::code).
    ///
    /// ```
    /// use graphdoc_codegen::Kind;
    /// assert_eq!(Kind::from_code("todo"), Some(Kind::Todo));
    /// assert_eq!(Kind::from_code("nope"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// The stable short code of this kind, e.g. `"ragged-row"`.
    ///
    /// ```
    /// use graphdoc_codegen::Kind;
    /// assert_eq!(Kind::UndocumentedValue.code(), "undocumented-value");
    /// assert_eq!(Kind::BadBaseType.code(), "bad-base-type");
    /// assert_eq!(Kind::from_code(Kind::Io.code()), Some(Kind::Io));
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Kind::Io => "io",
            Kind::Encoding => "encoding",
            Kind::EmptyPage => "empty-page",
            Kind::NoTables => "no-tables",
            Kind::RaggedRow => "ragged-row",
            Kind::NotATable => "not-a-table",
            Kind::BadAnnotation => "bad-annotation",
            Kind::JsonRepaired => "json-repaired",
            Kind::BadJson => "bad-json",
            Kind::UnresolvedType => "unresolved-type",
            Kind::UnparsedType => "unparsed-type",
            Kind::TypeConflict => "type-conflict",
            Kind::NamedByGenerator => "named-by-generator",
            Kind::Todo => "todo",
            Kind::Placeholder => "placeholder",
            Kind::Duplicate => "duplicate",
            Kind::BadHttp => "bad-http",
            Kind::BadBaseType => "bad-base-type",
            Kind::Renamed => "renamed",
            Kind::ExampleType => "example-type",
            Kind::UndocumentedValue => "undocumented-value",
        }
    }
}

/// A position in a source file: 1-based line and column (in characters).
///
/// ```
/// use graphdoc_codegen::{parse_pages, Pos, Source};
///
/// // The invalid byte follows `# café`: six characters (seven bytes) into line 2.
/// let (_, diagnostics) = parse_pages(&[Source::new("a.md", b"x\n# caf\xc3\xa9\xff".to_vec())]);
/// assert_eq!(diagnostics[0].pos, Pos { line: 2, col: 7 });
/// assert!(Pos { line: 1, col: 9 } < Pos { line: 2, col: 1 });
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

/// One finding: where, how bad, what kind, and what was done about it.
///
/// `Display` renders it like rustc: `warning[ragged-row]: docs/x.md:12:1: row has 4 cells ...`.
///
/// ```
/// use graphdoc_codegen::{parse_pages, Kind, Pos, Severity, Source};
///
/// let page = "---\ndoc_type: resourcePageType\n---\n# thing resource type\n\n\
///             |Property|Type|Description|\n|:---|:---|:---|\n|name|String|The name.|extra|\n";
/// let (_, diagnostics) = parse_pages(&[Source::new("resources/thing.md", page)]);
/// let d = &diagnostics[0];
/// assert_eq!((&*d.file, d.pos), ("resources/thing.md", Pos { line: 8, col: 1 }));
/// assert_eq!((d.severity, d.kind), (Severity::Warning, Kind::RaggedRow));
/// assert_eq!(d.message, "row has 4 cells, header has 3: the extra cells were kept in the last column");
/// assert!(d.to_string().starts_with("warning[ragged-row]: resources/thing.md:8:1: row has 4 cells"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The file the finding is in, as given in [`crate::Source::path`].
    pub file: Arc<str>,
    /// Where in the file.
    pub pos: Pos,
    /// Error or warning.
    pub severity: Severity,
    /// What kind of finding.
    pub kind: Kind,
    /// Lowercase, no trailing period: what is wrong and what was done instead.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}:{}:{}: {}",
            self.severity.as_str(),
            self.kind.code(),
            self.file,
            self.pos.line,
            self.pos.col,
            self.message
        )
    }
}

/// Collects diagnostics; every stage pushes here instead of returning early.
#[derive(Debug, Default)]
pub(crate) struct Diagnostics {
    pub(crate) items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(
        &mut self,
        file: &Arc<str>,
        pos: Pos,
        severity: Severity,
        kind: Kind,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            file: file.clone(),
            pos,
            severity,
            kind,
            message: message.into(),
        });
    }

    pub(crate) fn warn(
        &mut self,
        file: &Arc<str>,
        pos: Pos,
        kind: Kind,
        message: impl Into<String>,
    ) {
        self.push(file, pos, Severity::Warning, kind, message);
    }
}

/// Turns byte offsets into 1-based line and column (in characters) lazily: positions are asked for
/// roughly in document order, so a cursor that counts newlines forward from the last answer reads
/// each page once at most, and a page nobody asks about is never scanned.
#[derive(Default)]
pub(crate) struct LineIndex {
    /// Byte offset of the start of a line, and that line's 0-based number.
    cursor: std::cell::Cell<(usize, usize)>,
}

impl LineIndex {
    /// Position of byte `offset` in `text` (the text this index was made for).
    pub(crate) fn pos(&self, text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let bytes = text.as_bytes();
        let (mut start, mut line) = self.cursor.get();
        if offset < start {
            (start, line) = (0, 0);
        }
        line += count_newlines(&bytes[start..offset]);
        start = bytes[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
            .max(start);
        self.cursor.set((start, line));
        let col = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        }
    }
}

/// Counts `\n` bytes (never part of a multi-byte character). Summing into a byte per chunk of
/// 255 lets the compiler use vector compares; a `usize` count per byte does not vectorise.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|c| c.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n')) as usize)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nçd|x\n";
        let idx = LineIndex::default();
        assert_eq!(idx.pos(text, 0), Pos { line: 1, col: 1 });
        assert_eq!(idx.pos(text, 3), Pos { line: 2, col: 1 });
        // 'ç' is two bytes but one column
        assert_eq!(idx.pos(text, 6), Pos { line: 2, col: 3 });
        assert_eq!(idx.pos(text, 999), Pos { line: 3, col: 1 });
        // Asking backwards (after a later answer) gives the same positions.
        assert_eq!(idx.pos(text, 6), Pos { line: 2, col: 3 });
        assert_eq!(idx.pos(text, 1), Pos { line: 1, col: 2 });
        assert_eq!(idx.pos(text, 4), Pos { line: 2, col: 2 });
    }

    #[test]
    fn every_kind_is_listed_once_with_its_own_code() {
        let codes: std::collections::BTreeSet<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), Kind::ALL.len());
        for &k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn display_is_rustc_like() {
        let d = Diagnostic {
            file: "docs/a.md".into(),
            pos: Pos { line: 3, col: 7 },
            severity: Severity::Warning,
            kind: Kind::RaggedRow,
            message: "row has 4 cells, header has 3".into(),
        };
        assert_eq!(
            d.to_string(),
            "warning[ragged-row]: docs/a.md:3:7: row has 4 cells, header has 3"
        );
    }
}
