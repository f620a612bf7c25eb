//! `types`: only the named types (any case, simple or qualified) and what they refer to.
#![deny(warnings)]

graphdoc::models!("tests/ui/docs", types = ["THING"]);

mod qualified {
    graphdoc::models!("tests/ui/docs", types = ["#microsoft.graph.gadget"]);
    // `thing` and `person` were not asked for: had they been generated, these would clash.
    pub struct Thing;
    pub struct Person;
}

// `gadget` is not referred to by `thing`: it was not generated, so this name is free.
struct Gadget;

fn main() {
    let thing = Thing { owner: Some(Person::default()), colour: Some(ThingColour::Blue), ..Default::default() };
    let _ = ThingPatch::default().colour(ThingColour::Green);
    let _ = (thing, Gadget, qualified::Gadget::default(), qualified::Thing, qualified::Person);
}
