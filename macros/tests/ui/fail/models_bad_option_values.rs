graphdoc::models!(
    "tests/ui/docs",
    types = "thing",
    derives = [Clone, "Eq"],
    deny = ["sloppy", 3],
);

mod twice {
    graphdoc::models!("tests/ui/docs", deny = ["todo"], deny = ["warnings"], types = []);
}

fn main() {}
