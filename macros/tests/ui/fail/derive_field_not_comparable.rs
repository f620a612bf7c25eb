// `diff` compares and clones fields: a field without `PartialEq` is an error at that field.
struct Opaque;

#[derive(graphdoc::Patch)]
struct Settings {
    name: String,
    handle: Opaque,
}

fn main() {}
