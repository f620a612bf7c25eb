//! The law of `#[derive(Patch)]`, checked on generated values: `a.apply(a.diff(&b))` makes `a`
//! equal `b` on every field that is not skipped, leaves skipped fields alone, and `diff` sets
//! exactly the fields that differ. The serde form of a patch reads back as the same patch.

use graphdoc::Patch;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Inner {
    label: String,
    weight: Option<i64>,
}

#[derive(graphdoc::Patch, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[patch(serde)]
struct Record {
    name: String,
    count: u32,
    ratio: f64,
    retries: Option<u32>,
    nickname: Option<String>,
    tags: Vec<String>,
    aliases: Option<Vec<String>>,
    inner: Inner,
    maybe_inner: Option<Inner>,
    json: serde_json::Value,
    #[patch(skip)]
    cache: Vec<u8>,
}

#[derive(graphdoc::Patch, Clone, Debug, PartialEq)]
struct Generic<T> {
    value: T,
    previous: Option<T>,
    #[patch(skip)]
    hits: u64,
}

/// A small deterministic generator (xorshift), so that a failure reproduces exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Small ranges, so that two generated values are often equal and `diff` must leave fields out.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn text(&mut self) -> String {
        ["", "a", "b", "ünï", "\"quoted\"", "null"][self.below(6) as usize].to_string()
    }

    fn option<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> Option<T> {
        (self.below(3) != 0).then(|| f(self))
    }

    fn list(&mut self) -> Vec<String> {
        (0..self.below(3)).map(|_| self.text()).collect()
    }

    fn inner(&mut self) -> Inner {
        Inner {
            label: self.text(),
            weight: self.option(|r| r.below(3) as i64 - 1),
        }
    }

    fn json(&mut self) -> serde_json::Value {
        match self.below(4) {
            0 => serde_json::Value::Null,
            1 => serde_json::json!(self.below(2)),
            2 => serde_json::json!(self.text()),
            _ => serde_json::json!({"k": self.list()}),
        }
    }

    fn record(&mut self) -> Record {
        Record {
            name: self.text(),
            count: self.below(3) as u32,
            // No NaN (not equal to itself, so no patch could make two records equal) and no
            // infinity (JSON has no way to write it: serde_json writes `null`).
            ratio: [0.0, -0.0, 0.5, -1e300][self.below(4) as usize],
            retries: self.option(|r| r.below(3) as u32),
            nickname: self.option(Rng::text),
            tags: self.list(),
            aliases: self.option(Rng::list),
            inner: self.inner(),
            maybe_inner: self.option(Rng::inner),
            json: self.json(),
            cache: (0..self.below(3)).map(|b| b as u8).collect(),
        }
    }
}

const CASES: usize = 2000;

#[test]
fn apply_of_diff_makes_records_equal_and_sets_only_what_differs() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut changed_fields = 0;
    for case in 0..CASES {
        let a = rng.record();
        let b = rng.record();
        let patch = a.diff(&b);

        // Exactly the differing fields are set, each to the value of `b`.
        macro_rules! field_set_iff_differs {
            ($($f:ident),*) => {$(
                assert_eq!(patch.$f.is_some(), a.$f != b.$f, "case {case}: field {}", stringify!($f));
                if let Some(v) = &patch.$f {
                    assert_eq!(v, &b.$f);
                    changed_fields += 1;
                }
            )*};
        }
        field_set_iff_differs!(
            name,
            count,
            ratio,
            retries,
            nickname,
            tags,
            aliases,
            inner,
            maybe_inner,
            json
        );

        // The patch survives JSON, absent and null kept apart.
        let json = serde_json::to_string(&patch).unwrap();
        let back: RecordPatch = serde_json::from_str(&json).unwrap();
        assert_eq!(back, patch, "case {case}: {json}");

        let mut patched = a.clone();
        patched.apply(back);
        assert_eq!(
            patched,
            Record {
                cache: a.cache.clone(),
                ..b.clone()
            },
            "case {case}"
        );
        // Nothing is left to change, and applying the same patch again changes nothing.
        assert_eq!(patched.diff(&patched), RecordPatch::default());
        let again = patched.clone();
        patched.apply(a.diff(&b));
        assert_eq!(patched, again);
    }
    // The generator makes both equal and different fields, so both branches were exercised.
    assert!(
        changed_fields > CASES && changed_fields < CASES * 10,
        "{changed_fields}"
    );
}

#[test]
fn the_law_holds_for_generic_structs() {
    let mut rng = Rng(42);
    for case in 0..CASES {
        let make = |rng: &mut Rng| Generic {
            value: rng.list(),
            previous: rng.option(Rng::list),
            hits: rng.below(10),
        };
        let a = make(&mut rng);
        let b = make(&mut rng);
        let mut patched = a.clone();
        patched.apply(a.diff(&b));
        assert_eq!(
            patched,
            Generic {
                hits: a.hits,
                ..b.clone()
            },
            "case {case}"
        );
    }
}

#[test]
fn json_of_a_patch_says_absent_null_and_value_apart() {
    let patch = RecordPatch::default().clear_retries().count(0u32);
    let json = serde_json::to_value(&patch).unwrap();
    assert_eq!(json, serde_json::json!({"count": 0, "retries": null}));
    // A JSON `null` for a field whose type reads null is a value, not "leave unchanged".
    let back: RecordPatch = serde_json::from_str(r#"{"json": null}"#).unwrap();
    assert_eq!(back.json, Some(serde_json::Value::Null));
    // ... and for a field that cannot be null it is an error.
    assert!(serde_json::from_str::<RecordPatch>(r#"{"name": null}"#).is_err());
}
