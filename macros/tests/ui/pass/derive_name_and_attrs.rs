//! `#[patch(name = "..")]` names the patch type; `#[patch(attr(..))]` puts attributes on the
//! patch type and its fields; doc comments of fields are copied.
#![deny(warnings, missing_docs)]
//! A crate that documents everything.

use std::collections::HashSet;

/// Settings.
#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
#[patch(name = "SettingsUpdate", serde, attr(derive(Eq, Hash), serde(rename_all = "camelCase", deny_unknown_fields)))]
pub struct Settings {
    /// The name shown.
    pub display_name: String,
    /// How often to try.
    #[patch(attr(serde(alias = "tries")))]
    pub max_retries: Option<u32>,
}

fn main() {
    let mut seen = HashSet::new();
    seen.insert(SettingsUpdate::default().display_name("x"));
    let p: SettingsUpdate = serde_json::from_str(r#"{"tries":2}"#).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"maxRetries":2}"#);
    assert!(serde_json::from_str::<SettingsUpdate>(r#"{"other":1}"#).is_err());
    assert!(!seen.contains(&p));
}
