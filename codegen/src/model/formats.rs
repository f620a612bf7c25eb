//! The text forms of Edm primitives written as JSON strings, as graphdoc's runtime types read
//! them (`graphdoc::time`, `graphdoc::Binary`, `uuid::Uuid`).
//!
//! The generator cannot call the runtime (the runtime re-exports the macros, which use the
//! generator), so these are the same grammars written out once more. They are strict where the
//! OData forms are (`Edm.Date` is `YYYY-MM-DD`), and the corpus suite checks them against the
//! runtime: a value these accept and the runtime refuses shows up there as a generator bug.

use super::Prim;

/// Whether `s` is a valid text form of `p`; primitives that are not strings accept any.
pub(super) fn fits(p: Prim, s: &str) -> bool {
    match p {
        Prim::Guid => is_guid(s),
        Prim::Date => is_date(s),
        Prim::DateTimeOffset => is_date_time_offset(s),
        Prim::TimeOfDay => is_time_of_day(s),
        Prim::Duration => is_duration(s),
        Prim::Binary => is_base64(s),
        _ => true,
    }
}

/// What a value of `p` looks like, for messages.
pub(super) fn example(p: Prim) -> &'static str {
    match p {
        Prim::Guid => "a GUID string",
        Prim::Date => "a date such as `2020-06-15`",
        Prim::DateTimeOffset => "a date, time and offset such as `2021-01-01T00:00:00Z`",
        Prim::TimeOfDay => "a time such as `08:00:00`",
        Prim::Duration => "an ISO 8601 duration such as `PT1H30M`",
        Prim::Binary => "base64 such as `aGVsbG8=`",
        _ => "a string",
    }
}

/// The forms `uuid::Uuid` parses: hyphenated, simple, braced and `urn:uuid:`.
fn is_guid(s: &str) -> bool {
    let s = s.strip_prefix("urn:uuid:").unwrap_or(s);
    let s = s
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s);
    let hex = |part: &str| part.bytes().all(|b| b.is_ascii_hexdigit());
    match s.len() {
        32 => hex(s),
        36 => {
            let parts: Vec<&str> = s.split('-').collect();
            parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| hex(p))
        }
        _ => false,
    }
}

/// Reads `n` ASCII digits from the front of `s`: the number and the rest.
fn digits(s: &[u8], n: usize) -> Option<(u32, &[u8])> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = s[..n]
        .iter()
        .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
    Some((v, &s[n..]))
}

/// `YYYY-MM-DD` with a real day of that month; the rest of the text.
fn date(s: &[u8]) -> Option<&[u8]> {
    let (year, s) = digits(s, 4)?;
    let s = s.strip_prefix(b"-")?;
    let (month, s) = digits(s, 2)?;
    let s = s.strip_prefix(b"-")?;
    let (day, s) = digits(s, 2)?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some(s)
}

/// `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f` (up to nine digits, `.` or `,`); the rest of the text.
fn time(s: &[u8]) -> Option<&[u8]> {
    let (h, s) = digits(s, 2)?;
    let s = s.strip_prefix(b":")?;
    let (m, mut s) = digits(s, 2)?;
    if h > 23 || m > 59 {
        return None;
    }
    if let Some(rest) = s.strip_prefix(b":") {
        let (sec, rest) = digits(rest, 2)?;
        if sec > 60 {
            return None;
        }
        s = rest;
        if let Some(rest) = s.strip_prefix(b".").or_else(|| s.strip_prefix(b",")) {
            let n = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if !(1..=9).contains(&n) {
                return None;
            }
            s = &rest[n..];
        }
    }
    Some(s)
}

fn is_date(s: &str) -> bool {
    date(s.as_bytes()).is_some_and(<[u8]>::is_empty)
}

fn is_time_of_day(s: &str) -> bool {
    time(s.as_bytes()).is_some_and(<[u8]>::is_empty)
}

/// A date, `T` (or a space), a time and an offset (`Z`, `+hh:mm`, `+hhmm` or `+hh`).
fn is_date_time_offset(s: &str) -> bool {
    let Some(rest) = date(s.as_bytes()) else {
        return false;
    };
    let Some(rest) = rest
        .strip_prefix(b"T")
        .or_else(|| rest.strip_prefix(b"t"))
        .or_else(|| rest.strip_prefix(b" "))
    else {
        return false;
    };
    let Some(offset) = time(rest) else {
        return false;
    };
    match offset {
        b"Z" | b"z" => true,
        [b'+' | b'-', rest @ ..] => {
            let Some((h, rest)) = digits(rest, 2) else {
                return false;
            };
            let rest = rest.strip_prefix(b":").unwrap_or(rest);
            h < 26
                && (rest.is_empty() || digits(rest, 2).is_some_and(|(m, r)| m < 60 && r.is_empty()))
        }
        _ => false,
    }
}

/// `[-]P[nY][nM][nW][nD][T[nH][nM][nS]]`, at least one unit, a fraction only on the last one.
fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let Some(s) = s.strip_prefix(['P', 'p']) else {
        return false;
    };
    let (date_part, time_part) = match s.find(['T', 't']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let Some((date_units, date_fraction)) = duration_units(date_part, b"YMWD") else {
        return false;
    };
    match time_part {
        None => date_units > 0,
        Some(t) => matches!(duration_units(t, b"HMS"), Some((n, _)) if n > 0 && !date_fraction),
    }
}

/// Reads `n[.f]U` groups with units in `allowed` order: how many, and whether the last had a
/// fraction (nothing may follow a fraction).
fn duration_units(part: &str, allowed: &[u8]) -> Option<(usize, bool)> {
    let bytes = part.as_bytes();
    let (mut i, mut units, mut next_unit, mut fraction) = (0, 0, 0, false);
    while i < bytes.len() {
        if fraction {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        if matches!(bytes.get(i), Some(b'.' | b',')) {
            i += 1;
            let f = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i == f {
                return None;
            }
            fraction = true;
        }
        let unit = bytes.get(i)?.to_ascii_uppercase();
        next_unit += allowed[next_unit..].iter().position(|u| *u == unit)? + 1;
        units += 1;
        i += 1;
    }
    Some((units, fraction))
}

/// Base64 as `graphdoc::Binary` reads it: the standard or the URL-safe alphabet (not both),
/// padding optional but correct when present, no stray bits in the last symbol.
fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    let standard = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
    let url_safe = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !(standard || url_safe) || padding > 2 {
        return false;
    }
    if padding > 0 && (s.len() % 4 != 0) {
        return false;
    }
    let value = |b: u8| match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        _ => 62,
    };
    match (body.len() % 4, body.bytes().last()) {
        (0, _) => padding == 0,
        (1, _) => false,
        (2, Some(last)) => value(last) & 0b1111 == 0,
        (3, Some(last)) => value(last) & 0b11 == 0,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_in_every_form_uuid_reads() {
        for ok in [
            "67e55044-10b1-426f-9247-bb680e5fe0c8",
            "67e5504410b1426f9247bb680e5fe0c8",
            "{67e55044-10b1-426f-9247-bb680e5fe0c8}",
            "urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8",
        ] {
            assert!(is_guid(ok), "{ok}");
        }
        for bad in ["", "67e55044", "67e55044-10b1-426f-9247-bb680e5fe0cz"] {
            assert!(!is_guid(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        for ok in ["2020-06-15", "2024-02-29", "0001-01-01", "9999-12-31"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "2020-13-01",
            "2020-6-15",
            "2020-06-15T00:00:00Z",
            "Date",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn date_times() {
        for ok in [
            "2016-12-31T23:58:10.4520456+03:00",
            "2020-06-15T19:54:14.853Z",
            "2021-01-01T00:00Z",
            "2019-01-01 00:00:00+0300",
            "2019-01-01T00:00:00-08",
            "9999-12-31T23:59:59.9999999Z",
        ] {
            assert!(is_date_time_offset(ok), "{ok}");
        }
        for bad in [
            "2020-02-04T07:00:00.0000000",
            "1974-07-22",
            "2019-01-10 12:23:23.33333",
            "2020-03-19T12:00:00-01-03.45Z",
            "2020-11-010T20:00:34Z",
            "2021-01-01T00:00:00Z[Europe/Paris]",
        ] {
            assert!(!is_date_time_offset(bad), "{bad}");
        }
    }

    #[test]
    fn times_and_durations() {
        assert!(is_time_of_day("08:00:00"));
        assert!(is_time_of_day("23:59:59.9999999"));
        assert!(is_time_of_day("08:00"));
        assert!(!is_time_of_day("8:00"));
        assert!(!is_time_of_day("08:00:00Z"));
        for ok in [
            "PT1H30M",
            "P30D",
            "-PT5M",
            "P1Y2M3W4DT5H6M7.5S",
            "P10675199DT2H48M5.4775807S",
            "pt1h",
        ] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in [
            "P",
            "PT",
            "1h 30m",
            "PT1.5H30M",
            "P1D2Y",
            "PT1H1H",
            "00:30:00",
            "P1DT",
        ] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn base64() {
        for ok in ["aGVsbG8=", "aGVsbG8", "", "AAAA", "a-_b", "YQ=="] {
            assert!(is_base64(ok), "{ok}");
        }
        for bad in [
            "a0b1c76de9f7=",
            "MIIC...w==",
            "a+b-",
            "YR==",
            "A",
            "====",
            "a===",
            "\"bytes\"",
        ] {
            assert!(!is_base64(bad), "{bad}");
        }
    }
}
