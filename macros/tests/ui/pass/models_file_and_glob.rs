//! One file, and a glob, each relative to the crate; invoked in modules and in a function.
#![deny(warnings)]

mod one {
    graphdoc::models!("tests/ui/docs/resources/person.md");
}

mod globbed {
    graphdoc::models!("tests/ui/docs/*/[pg]*.md");
}

fn main() {
    let _ = one::Person { name: Some("Ada".into()), ..Default::default() };
    let _ = globbed::Person::default();
    let _ = globbed::Gadget::default();
    {
        graphdoc::models!("./tests/ui/docs/resources/../resources/gadget.md");
        assert_eq!(Gadget::default().battery, None);
    }
}
