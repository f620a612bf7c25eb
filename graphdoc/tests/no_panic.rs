//! Feeds many malformed and near-valid strings to every parser: none may panic, and whatever parses must print stably.

use std::fmt::Display;
use std::str::FromStr;

use graphdoc::time::{Date, DateTimeOffset, Duration, TimeOfDay};
use graphdoc::Binary;

const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', ':', '-', '+', '.', ',', 'T', 't', 'Z', 'z', 'P', 'H', 'M', 'S', 'D',
    'W', 'Y', ' ', '=', '/', '_', '[', ']', 'A', 'é', '٣', '０',
];

const SEEDS: &[&str] = &[
    "2016-12-31T23:58:10.4520456+03:00",
    "2020-06-15T19:54:14.853Z",
    "2021-01-01T00:00:00.0000000Z",
    "2019-01-01T00:00:00+00:00",
    "2021-01-01T00:00Z",
    "2020-06-15",
    "08:00:00.0000000",
    "13:45",
    "P1Y2M3DT4H5M6S",
    "-PT5M",
    "PT1.5S",
    // .NET's max values, past jiff's Timestamp and Span ranges.
    "9999-12-31T23:59:59.9999999Z",
    "P10675199DT2H48M5.4775807S",
    "aGVsbG8=",
    "3q2-7w",
];

/// Parses `text` as `T`; if that works, printing and re-parsing must reach a
/// fixed point after one step.
fn check<T: FromStr + Display>(text: &str) {
    if let Ok(value) = text.parse::<T>() {
        let printed = value.to_string();
        let reparsed = printed
            .parse::<T>()
            .unwrap_or_else(|_| panic!("{text:?} printed as {printed:?}, which does not parse"));
        assert_eq!(reparsed.to_string(), printed, "{text:?}");
    }
}

fn check_all(text: &str) {
    check::<DateTimeOffset>(text);
    check::<Date>(text);
    check::<TimeOfDay>(text);
    check::<Duration>(text);
    check::<Binary>(text);
}

#[test]
fn short_strings() {
    check_all("");
    for a in ALPHABET {
        check_all(&a.to_string());
        for b in ALPHABET {
            check_all(&format!("{a}{b}"));
            for c in ALPHABET {
                check_all(&format!("{a}{b}{c}"));
            }
        }
    }
}

#[test]
fn mutations_of_valid_inputs() {
    for seed in SEEDS {
        let chars: Vec<char> = seed.chars().collect();
        for i in 0..=chars.len() {
            let (head, tail) = chars.split_at(i);
            let head: String = head.iter().collect();
            let rest: String = tail.iter().skip(1).collect();
            let tail: String = tail.iter().collect();
            check_all(&head);
            check_all(&tail);
            check_all(&format!("{head}{rest}"));
            for c in ALPHABET {
                check_all(&format!("{head}{c}{tail}"));
                check_all(&format!("{head}{c}{rest}"));
            }
        }
    }
}
