mod empty {
    graphdoc::models!();
}

mod ident {
    graphdoc::models!(docs);
}

mod blank {
    graphdoc::models!("");
}

mod no_equals {
    graphdoc::models!("tests/ui/docs", types ["thing"]);
}

fn main() {}
