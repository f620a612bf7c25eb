// Every mistake is reported at once; the patch type is still generated without the bad parts.
#[derive(graphdoc::Patch, Clone, PartialEq)]
#[patch(name = "Not An Ident", colour = "red", skip)]
struct Settings {
    #[patch(skip, attr(doc = "unused"))]
    cache: Vec<u8>,
    #[patch(name = "displayName")]
    name: String,
    #[patch(serde, skip, skip)]
    other: u32,
    #[patch]
    bare: u32,
    #[patch(attr())]
    empty: u32,
}

fn main() {
    let _ = SettingsPatch::default().name("x");
}

#[derive(graphdoc::Patch, Clone, PartialEq)]
#[patch(crate = "graphdoc is here", serde)]
struct Other {
    #[patch(crate = "::graphdoc")]
    a: u32,
}
