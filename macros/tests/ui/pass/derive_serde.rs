//! `#[patch(serde)]`: absent fields are not written, `null` reads as "set to None", and a field's
//! `name` is its JSON name; the struct's crate needs serde only for its own derives.
#![deny(warnings)]

#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
#[patch(serde)]
struct Settings {
    #[patch(name = "displayName")]
    display_name: String,
    retries: Option<u32>,
    tags: Vec<String>,
    r#type: Option<String>,
}

fn main() {
    let patch: SettingsPatch = serde_json::from_str(r#"{"retries":null,"displayName":"x"}"#).unwrap();
    assert_eq!(patch, SettingsPatch::default().display_name("x").clear_retries());
    assert_eq!(serde_json::from_str::<SettingsPatch>("{}").unwrap(), SettingsPatch::default());
    let set: SettingsPatch = serde_json::from_str(r#"{"retries":3}"#).unwrap();
    assert_eq!(set.retries, Some(Some(3)));
    assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"retries":3}"#);
    assert_eq!(
        serde_json::to_string(&SettingsPatch::default().tags(vec!["a".to_string()])).unwrap(),
        r#"{"tags":["a"]}"#
    );
    // Raw identifiers: the setter keeps `r#`, the clear setter and the JSON name drop it.
    let typed = SettingsPatch::default().r#type("kind");
    assert_eq!(serde_json::to_string(&typed).unwrap(), r#"{"type":"kind"}"#);
    assert_eq!(SettingsPatch::default().clear_type().r#type, Some(None));
    // `null` for a field that is not optional is an error, not "leave unchanged".
    assert!(serde_json::from_str::<SettingsPatch>(r#"{"tags":null}"#).is_err());
}
