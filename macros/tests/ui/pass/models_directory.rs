//! A directory of pages: every type, enum and patch type, used as generated code is used.
#![deny(warnings)]

use graphdoc::Patch;

graphdoc::models!("tests/ui/docs");

fn main() {
    let json = r#"{"id":"1","displayName":"Lamp","size":3,"colour":"teal","owner":{"name":"Ada","isAdult":true},"extra":1}"#;
    let thing: Thing = serde_json::from_str(json).unwrap();
    assert_eq!(thing.colour, Some(ThingColour::Other("teal".into())));
    assert_eq!(thing.owner.as_ref().unwrap().is_adult, Some(true));
    assert_eq!(thing.additional_data["extra"], 1);
    assert_eq!(serde_json::to_string(&thing).unwrap(), json);

    let mut updated = thing.clone();
    updated.apply(ThingPatch::default().colour(ThingColour::Red).clear_size());
    assert_eq!(updated.colour, Some(ThingColour::Red));
    assert_eq!(updated.size, None);
    assert_eq!(
        serde_json::to_string(&thing.diff(&updated)).unwrap(),
        r#"{"size":null,"colour":"red"}"#
    );
    let _ = Gadget::default().battery;
}
