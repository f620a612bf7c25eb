//! The derive on the struct of the issue: fields become `Option<T>`, `Option<U>` fields become
//! `Option<Option<U>>`, skipped fields are left alone, and `apply(diff)` closes the gap.
#![deny(warnings)]

use graphdoc::Patch;

#[derive(graphdoc::Patch, Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct Settings {
    name: String,
    retries: Option<u32>,
    #[patch(skip)]
    cache: Vec<u8>,
}

fn main() {
    let patch: SettingsPatch = SettingsPatch::default();
    let SettingsPatch { name, retries } = patch.clone();
    let _: (Option<String>, Option<Option<u32>>) = (name, retries);

    let old = Settings { name: "a".into(), retries: Some(1), cache: vec![1] };
    let new = Settings { name: "b".into(), retries: None, cache: vec![2] };
    let diff = old.diff(&new);
    assert_eq!(diff, SettingsPatch::default().name("b").clear_retries());
    let mut a = old.clone();
    a.apply(diff);
    assert_eq!(a, Settings { cache: vec![1], ..new.clone() });
    assert_eq!(old.diff(&old), SettingsPatch::default());
    a.apply(SettingsPatch::default().retries(5u32));
    assert_eq!(a.retries, Some(5));
    assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"name":"b","retries":5,"cache":[1]}"#);
}
