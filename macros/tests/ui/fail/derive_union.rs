#[derive(graphdoc::Patch)]
union Bits {
    int: u32,
    float: f32,
}

fn main() {}
