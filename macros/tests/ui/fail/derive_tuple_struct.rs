#[derive(graphdoc::Patch)]
struct Point(i32, i32);

fn main() {}
