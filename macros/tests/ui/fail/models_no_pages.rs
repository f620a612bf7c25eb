graphdoc::models!("tests/ui/pages/no-pages");

fn main() {}
