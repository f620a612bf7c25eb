//! The fast reading of a page (sections read by lines where that is exact) must give exactly
//! what reading it all with pulldown-cmark gives. Pages are generated from lines real pages have, and
//! from the lines that make a line reader go wrong (setext underlines, lists, quotes, HTML,
//! comments that span lines, indented code, reference definitions, broken tables, TODOs).
//! With `GRAPHDOC_CORPUS`, the corpus suite compares the two on every real page too.

use graphdoc_codegen::parse::{parse_page_with, Reading};
use graphdoc_codegen::{Diagnostic, Page};

mod common;
use common::Rng;

/// Reads `text` both ways; fails, showing the page, when the readings differ. Gives the line
/// reader's reading.
fn read_alike(path: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    let skim = parse_page_with(path, text, Reading::Skim);
    let full = parse_page_with(path, text, Reading::Full);
    assert_eq!(
        format!("{skim:#?}"),
        format!("{full:#?}"),
        "the readings differ on {path}: {text:?}"
    );
    skim
}

const LINES: &[&str] = &[
    "",
    "",
    "",
    "# thing resource type",
    "# Update thing",
    "# [HTTP](#tab/http)",
    "# [C#](#tab/csharp)",
    "## Properties",
    "## Relationships",
    "## Permissions",
    "## Methods",
    "## HTTP request",
    "## Request headers",
    "## Request body",
    "## Response",
    "## Example",
    "## Examples",
    "## JSON representation",
    "## Members",
    "## See also ##",
    "### Request",
    "### Example 1: get a thing",
    "### level values",
    "#### Response",
    "##### Request",
    "Namespace: microsoft.graph",
    "A thing that holds other things.",
    "Inherits from [entity](entity.md).",
    "If successful, this method returns a `200 OK` response code and a [thing](thing.md) object.",
    "[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]",
    "Some text with a | pipe",
    "|Property|Type|Description|",
    "|:---|:---|:---|",
    "|---|---|",
    "|level|String|How good. Possible values are: `low`, `high`.|",
    "|id|String|Read-only. Inherited from [entity](entity.md).|",
    "|Permission type|Permissions (from least to most privileged)|",
    "|Application|Thing.Read.All|",
    "|Member|Value|Description|",
    "|low|0|Low.|",
    "|a|b|c|",
    "> [!NOTE]",
    "> A note with a | pipe.",
    "<!-- {",
    "  \"blockType\": \"request\",",
    "  \"name\": \"get_thing\"",
    "}-->",
    "<!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.thing\" } -->",
    "<!-- { \"blockType\": \"ignored\" } -->",
    "<!-- not json -->",
    "```http",
    "```json",
    "```msgraph-interactive",
    "```",
    "GET /me/things/{id}",
    "PATCH /users/{id}/things/{id}",
    "HTTP/1.1 200 OK",
    "Content-type: application/json",
    "{",
    "  \"level\": \"low\",",
    "  \"displayName\": \"String\"",
    "}",
    "`code` at the start",
    "|name|[thing](thing.md) collection|**Note:** read-only. Possible values are: `a_b`, `c`.|",
    "|**Section**||",
    "> **Note:** a [thing](thing.md) with `code`.",
    "[!INCLUDE [beta](../includes/beta.md)]",
    "- a list item",
    "- **Bold** item with `code`",
    "1. a numbered item",
    "* [thing](thing.md) item",
    "  continued item text",
];

/// Lines that send a section (or the whole page) to pulldown-cmark: picked less often, so that
/// most pages have sections the line reader takes.
const RARE: &[&str] = &[
    "   ## indented heading",
    "    ## code, not a heading",
    "---",
    "===",
    "- ```json",
    "> ```http",
    "> ## quoted heading",
    "text <!-- an inline comment",
    "that ends here -->",
    "<pre>",
    "   ```",
    "    ```json",
    "[thing]: thing.md",
    "See [thing][] for more.",
    "<div>",
    "</div>",
    "# **odd** [tab](#tab/x) heading",
    "## **Properties**",
    "***",
    "- a list item",
    "* another item",
    "1. a numbered item",
    "2) another",
    "  - nested item",
    "\tTabbed line",
    "    indented code",
    "# a shell comment or a heading",
    "TODO: Add Description",
    "|Delegated (work or school account)|**TODO: Determine scopes **|",
    "--- | ---",
    ":--|:--",
    "Name | Type",
    "<br/>",
    "-->",
    "````",
    "```json```",
    "~~~json",
    "~~~",
    "-   spaced item",
    "- - nested",
    "-     indented code item",
    "+ plus item",
    "- <b>html</b> item",
    "-",
    ">",
    "> ",
    "a lone\rcarriage return",
    "\r",
    "[thing](../resources /thing.md) with a space",
    "[thing](thing\u{0}.md) with a NUL",
    "<!-->",
    "<!--->",
    "```\t",
    "~~~ \t",
    "# [HTTP](#tab/\u{1}http)",
];

fn page(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.below(2) == 0 {
        out.push_str("---\ndoc_type: resourcePageType\n---\n");
    } else {
        out.push_str("---\ndoc_type: apiPageType\n---\n");
    }
    for _ in 0..5 + rng.below(80) {
        let pool = if rng.below(16) == 0 { RARE } else { LINES };
        out.push_str(pool[rng.below(pool.len())]);
        out.push('\n');
    }
    if rng.below(8) == 0 {
        out.pop();
    }
    out
}

#[test]
fn both_readings_agree_on_generated_pages() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut with_examples = 0;
    for n in 0..20_000 {
        let text = page(&mut rng);
        let path = if n % 2 == 0 {
            "resources/thing.md"
        } else {
            "api/thing-update.md"
        };
        let (page, _) = read_alike(path, &text);
        with_examples += usize::from(!page.examples.is_empty());
    }
    // The generator must reach pages with examples for the comparison to mean something.
    assert!(with_examples > 1_000, "{with_examples}");
}

/// Pages where the readings once differed, cut down from real pages a fuzzer had changed.
#[test]
fn both_readings_agree_where_they_once_differed() {
    let cases = [
        // An empty quote line holds no paragraph: the annotation still belongs to the example.
        (
            "resources/x.md",
            "## JSON representation\n<!--{\"optionalProperties\":[]}-->\n>\n```json\n{}\n```\n",
        ),
        // CommonMark allows no control character in a link destination: this is text.
        ("api/x-update.md", "## Response\n[](\u{0}.md)"),
        ("resources/x.md", "#\n[](\u{0})"),
        // A lone CR ends a line, as LF does.
        ("api/x.md", "## HTTP Request\n\r```\nT"),
        ("api/x.md", "##\n\r#"),
        ("api/x.md", "## s\nl|\r\n-|--"),
        // `<!-->` is a whole comment: the lines after it are markdown.
        ("resources/x.md", "<!-->\n|\n--|"),
        ("api/x.md", "<!-->\n<!--{blockType"),
        ("api/x.md", "#\n<!-->\nE"),
        ("api/x.md", "#\n<!--->\nE"),
        // pulldown-cmark closes no fence on a line with a tab after the backticks.
        ("api/x.md", "```\n```\t\n#"),
        ("api/x.md", "```\n```\t\n```http\nHTTP/"),
        // A fence open at the end of a page without a final newline.
        ("api/x.md", "### Request\n```http\nPOST j\n{\n "),
        ("api/x.md", "### Request\n```http\nPOST j\n{\n  \n\n "),
        // A control character in the destination of a tab marker.
        ("api/x.md", "##\n# [](#tab/\u{0})"),
        // A delimiter row with a space (here a tab, made a space) inside a cell.
        ("resources/x.md", "Property|Type||\n-|-|-\t-\nt"),
        // Only a space opens an ATX closing sequence: this heading's text is `-\t#`.
        ("resources/x.md", "#\t-\t#"),
        // A lone `|` heads no table: pulldown-cmark counts no cell in it.
        ("resources/x.md", "## JSON representation\n|\n| --"),
        // In a quote, `>` after a tab is the quote's marker to pulldown-cmark: a heading follows.
        ("api/x-update.md", "## n\n>]\n\t>#"),
    ];
    for (path, text) in cases {
        read_alike(path, text);
    }
    // The annotation is the example's, and a lone CR counts as a line end in positions.
    let (page, _) = parse_page_with("resources/x.md", cases[0].1, Reading::Skim);
    assert_eq!(page.examples[0].annotation.len(), 1);
    let (page, _) = parse_page_with("api/x.md", "# a\rb\r\r## Properties\r\nx", Reading::Skim);
    assert_eq!(page.h1.as_deref(), Some("a"));
    assert_eq!(page.h1_pos.line, 1);
    assert_eq!(page.description.map(|d| d.text).as_deref(), Some("b"));
}

/// Tiny pages: a few lines of a few bytes that open or shape one kind of block (tables,
/// headings, quotes, fences, comments), now and then beside a line real pages have. Such pages
/// found the last three cases above, which mutated real pages had not found.
#[test]
fn both_readings_agree_on_tiny_pages() {
    const ALPHABETS: &[&[&str]] = &[
        &["|", "-", ":", " ", "\t", "a", "`", "\\"],
        &["#", " ", "\t", "-", "a", "*", "\\"],
        &[">", " ", "\t", "#", "a", "]", "-", "`"],
        &["`", "~", " ", "\t", "a", "{", "}", "\""],
        &["<", "!", "-", ">", " ", "a", "{", "}"],
        &["[", "]", "(", ")", "!", "&", ";", "a", "/", ":", " "],
    ];
    const HEADINGS: &[&str] = &[
        "",
        "## Properties\n",
        "## Request body\n",
        "### Request\n",
        "## JSON representation\n",
        "### x values\n",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for n in 0..30_000 {
        let bytes = ALPHABETS[n % ALPHABETS.len()];
        let mut text = String::from(HEADINGS[rng.below(HEADINGS.len())]);
        for _ in 0..1 + rng.below(4) {
            if rng.below(5) == 0 {
                text.push_str(LINES[rng.below(LINES.len())]);
            }
            for _ in 0..rng.below(6) {
                text.push_str(bytes[rng.below(bytes.len())]);
            }
            text.push('\n');
        }
        let path = if n % 2 == 0 {
            "resources/x.md"
        } else {
            "api/x-update.md"
        };
        read_alike(path, &text);
    }
}

/// Every short line of `|`, `-`, `:`, space and tab under a table header: pulldown-cmark takes a
/// looser delimiter row than GFM (`- -`, `-:-`, a last cell of colons), and tabs in one are made
/// spaces first. A fuzzer found `|- -|` read as text by the line reader and as a table by
/// pulldown-cmark.
#[test]
fn both_readings_agree_on_every_short_delimiter_row() {
    const BYTES: &[u8] = b"|-: \t";
    let mut tables = 0;
    for header in ["|Property|", "Property|Type", "|Property|Type|Description|"] {
        for len in 1..=5u32 {
            for mut n in 0..BYTES.len().pow(len) {
                let mut row = String::new();
                for _ in 0..len {
                    row.push(char::from(BYTES[n % BYTES.len()]));
                    n /= BYTES.len();
                }
                let text = format!("## Properties\n{header}\n{row}\n|x|String|\n");
                let (page, _) = read_alike("resources/x.md", &text);
                tables += usize::from(!page.properties.is_empty());
            }
        }
    }
    // Enough of the rows make tables for the comparison to cover the line reader's tables too.
    assert!(tables > 200, "{tables}");
}

#[test]
fn a_table_under_permissions_is_skimmed_and_properties_are_read() {
    let md = "# thing resource type\n\n## Permissions\n|Permission type|Permissions|\n|:--|:--|\n|Application|Thing.Read.All|\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|level|String|Possible values are: `low`, `high`.|\n\n## Example\n<!-- { \"blockType\": \"request\" } -->\n```http\nPATCH /things/1\n\n{\"level\": \"low\"}\n```\n";
    let (page, diags) = parse_page_with("api/thing-update.md", md, Reading::Skim);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        page.properties.len(),
        0,
        "an api page's properties are not a resource's"
    );
    assert_eq!(page.examples.len(), 1);
    assert_eq!(page.examples[0].block_type, "request");
    assert_eq!(page.examples[0].body_pos.line, 18);
    let (page, _) = parse_page_with("resources/thing.md", md, Reading::Skim);
    assert_eq!(page.properties[0].values, ["low", "high"]);
}
