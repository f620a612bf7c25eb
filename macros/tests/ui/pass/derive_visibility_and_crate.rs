//! The patch type and its fields have the visibility of the struct and its fields: private
//! fields are set through the public setters. `crate = ".."` finds graphdoc through a re-export.
#![deny(warnings)]

pub mod reexport {
    pub use ::graphdoc as gd;
}

mod settings {
    #[derive(graphdoc::Patch, Clone, Debug, Default, PartialEq)]
    #[patch(crate = "crate::reexport::gd")]
    pub struct Settings {
        pub name: String,
        secret: Option<String>,
    }

    impl Settings {
        pub fn secret(&self) -> Option<&str> {
            self.secret.as_deref()
        }
    }
}

/// A unit struct has an empty patch.
#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
struct Marker;

use reexport::gd::Patch;
use settings::{Settings, SettingsPatch};

fn main() {
    let mut s = Settings::default();
    s.apply(SettingsPatch::default().name("n").secret("s"));
    assert_eq!((s.name.as_str(), s.secret()), ("n", Some("s")));
    let patch = SettingsPatch::default().clear_secret();
    assert_eq!(patch.name, None);
    s.apply(patch);
    assert_eq!(s.secret(), None);
    let mut m = Marker;
    m.apply(Marker.diff(&Marker));
    assert_eq!(m, Marker);
    let _ = MarkerPatch {};
}
