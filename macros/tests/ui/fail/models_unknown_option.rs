graphdoc::models!("tests/ui/docs", typs = ["thing"]);

fn main() {
    // The pages are still generated: the typo is the only error.
    let _ = Thing::default();
}
