graphdoc::models!("tests/ui/docs", types = ["thing", "thingy"]);

fn main() {
    let _ = Thing::default();
}
