// Fields that differ only by a leading `_` keep distinct setters: `clear_a` and `clear__a`.
#![deny(warnings)]

#[derive(graphdoc::Patch, Clone, Debug, Default, PartialEq)]
struct Pair {
    a: Option<u32>,
    _a: Option<u32>,
}

fn main() {
    use graphdoc::Patch;
    let cleared = PairPatch::default().clear_a().clear__a();
    assert_eq!((cleared.a, cleared._a), (Some(None), Some(None)));
    let mut pair = Pair::default();
    pair.apply(cleared);
    assert_eq!(pair, Pair::default());
}
