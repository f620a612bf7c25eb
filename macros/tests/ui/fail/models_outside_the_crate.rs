// `..` may not leave the crate: its package would not contain the pages.
graphdoc::models!("../docs");

mod glob {
    graphdoc::models!("tests/../../*/docs/*.md");
}

fn main() {}
