// Warnings fail the build only when denied, by kind or all of them.
mod by_kind {
    graphdoc::models!("tests/ui/pages/warnings", deny = ["unresolved-type"]);
}

mod all {
    graphdoc::models!("tests/ui/pages/warnings", deny = ["warnings"]);
}

fn main() {}
