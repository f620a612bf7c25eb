#[derive(graphdoc::Patch, Clone, PartialEq)]
struct Settings {
    clear_name: bool,
    name: Option<String>,
}

fn main() {}
