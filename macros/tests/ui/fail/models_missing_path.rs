graphdoc::models!("tests/ui/no-such-folder");

fn main() {}
