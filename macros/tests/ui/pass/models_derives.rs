//! `derives`: more derives on every generated struct and enum, by name or by path; enums,
//! which derive `Eq` anyway, do not get it twice.
#![deny(warnings)]

graphdoc::models!("tests/ui/docs", types = ["thing"], derives = [Eq]);

mod by_path {
    graphdoc::models!("tests/ui/docs", types = ["person"], derives = [::core::cmp::Eq]);
}

fn eq<T: Eq>(a: &T, b: &T) -> bool {
    a == b
}

fn main() {
    let thing = Thing { colour: Some(ThingColour::Red), owner: Some(Person::default()), ..Default::default() };
    assert!(eq(&thing, &thing.clone()));
    let ada = by_path::Person { name: Some("Ada".into()), ..Default::default() };
    assert!(eq(&ada, &ada.clone()));
}
