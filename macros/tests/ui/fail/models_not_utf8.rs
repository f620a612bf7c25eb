graphdoc::models!("tests/ui/pages/not-utf8/cafe.md");

fn main() {}
