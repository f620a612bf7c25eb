//! What the test files share: a small deterministic random source, so that generated and
//! mutated pages are the same on every run and a failure names a page that can be rebuilt.

/// Marsaglia's xorshift64: deterministic, fast and good enough to pick lines and mutations.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }
}

/// Markup that breaks pages when it lands in the wrong place: junk pages are made of it, and
/// mutated real pages get it inserted.
#[allow(dead_code)] // Not every test file that shares this module builds pages.
pub const PIECES: &[&str] = &[
    "|",
    "||",
    "|:-|",
    "\n",
    "<!--",
    "-->",
    "<!-->",
    "{",
    "}",
    "\"",
    "```",
    "```http\n",
    "# ",
    "## Properties\n",
    "### x values\n",
    "`",
    "[a](",
    ")",
    "Possible values are: `",
    "Inherited from [x](x.md)",
    "\u{a0}",
    "é",
    "PATCH /x\n",
    "HTTP/1.1 ",
    "\r\n",
    "\r",
    "\t",
    "**",
    "Collection(",
    "---\n",
    " collection",
    "\\",
    "&#124;",
    "<br>",
    "> ",
    ">",
    "- ",
    "1. ",
    "    ",
    "\u{feff}",
    "\0",
    "r#",
    "self",
    "::",
    "\"); }",
    "TODO",
    "unknownFutureValue",
    "Edm.",
    "[]",
    "][",
    "![",
    "*",
    "_",
    "~~~",
    "\"@odata.type\": \"#microsoft.graph.",
    "doc_type: enumPageType\n",
];
