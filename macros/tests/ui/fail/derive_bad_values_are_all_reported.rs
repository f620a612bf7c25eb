// A value of the wrong kind is reported, and the keys after it are still read: every problem in
// one build.
#[derive(graphdoc::Patch)]
#[patch(name = SettingsUpdate, colour = "red", crate, serde = true, attr = "x", size)]
pub struct Settings {
    #[patch(name = display_name, sikp, attr())]
    pub name: String,
}

fn main() {}
