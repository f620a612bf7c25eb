//! `Edm.Duration`: an ISO 8601 duration, kept exactly as written.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use jiff::fmt::temporal::SpanParser;
use jiff::Span;

use super::ParseError;

const EDM_TYPE: &str = "Edm.Duration";

/// `Edm.Duration`: an ISO 8601 duration such as `"PT1H30M"`, `"P30D"` or
/// `"-PT5M"`.
///
/// The parsed [`jiff::Span`] is available from [`span`](Self::span), but a
/// value also keeps its exact text, which [`Display`](fmt::Display) and
/// serialisation write back unchanged. Equality and hashing are by that text:
/// two durations are equal when they are written the same way, so `PT1H` and
/// `PT60M` differ (as `Span` keeps units apart, there is no single right
/// notion of equal length anyway; see [`Span::compare`] for that).
///
/// Any text in the ISO 8601 duration grammar jiff reads parses, even when
/// its numbers are too large for a `Span` (which holds at most 7,304,484
/// days, for instance): .NET's `TimeSpan.MaxValue`,
/// `P10675199DT2H48M5.4775807S`, is what Graph sends for "no limit" (for
/// example as a synchronization job's schedule `interval`). Such a value keeps
/// its text and writes it back, but has no `Span`.
///
/// ```
/// use graphdoc::time::Duration;
///
/// let reminder: Duration = "PT1H30M".parse()?;
/// let span = reminder.span().expect("within jiff's range");
/// assert_eq!((span.get_hours(), span.get_minutes()), (1, 30));
/// assert_eq!(reminder.to_string(), "PT1H30M");
/// assert_ne!(reminder, "PT90M".parse()?);
///
/// let unlimited: Duration = "P10675199DT2H48M5.4775807S".parse()?;
/// assert!(unlimited.span().is_none());
/// assert_eq!(unlimited.to_string(), "P10675199DT2H48M5.4775807S");
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Duration {
    /// `None` when the text is beyond what a `Span` holds.
    span: Option<Span>,
    text: Box<str>,
}

impl Duration {
    /// The duration as a jiff span, or `None` when it is beyond the range of
    /// [`Span`].
    ///
    /// A `Span` holds at most 19,998 years or 7,304,484 days, for instance
    /// (jiff spreads an oversized hour, minute or second count over smaller
    /// units before giving up), while ISO 8601 puts no bound on a duration.
    /// Graph writes .NET's `TimeSpan.MaxValue` as
    /// `P10675199DT2H48M5.4775807S` to mean "no limit"; that text parses (and
    /// is written back unchanged) but has no `Span`, so this returns `None`
    /// for it and for no other kind of value.
    ///
    /// ```
    /// use graphdoc::time::Duration;
    ///
    /// let interval: Duration = "PT40M".parse()?;
    /// assert_eq!(interval.span().map(|span| span.get_minutes()), Some(40));
    ///
    /// let unlimited: Duration = "P10675199DT2H48M5.4775807S".parse()?;
    /// assert!(unlimited.span().is_none());
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn span(&self) -> Option<Span> {
        self.span
    }

    /// The text the duration is written as.
    ///
    /// ```
    /// use graphdoc::time::Duration;
    ///
    /// let interval: Duration = "pt40m".parse()?;
    /// assert_eq!(interval.as_str(), "pt40m");
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Written in jiff's canonical ISO 8601 form, e.g. `PT1H30M`.
///
/// ```
/// use graphdoc::time::Duration;
/// use graphdoc::jiff::ToSpan;
///
/// let reminder = Duration::from(1.hour().minutes(30));
/// assert_eq!(reminder.as_str(), "PT1H30M");
/// ```
impl From<Span> for Duration {
    fn from(span: Span) -> Self {
        Duration {
            span: Some(span),
            text: span.to_string().into(),
        }
    }
}

/// The span, or an error that gives the duration back when it is beyond the
/// range of [`Span`] (see [`Duration::span`]).
///
/// ```
/// use graphdoc::time::Duration;
/// use graphdoc::jiff::{Span, ToSpan};
///
/// let interval: Duration = "PT40M".parse()?;
/// assert_eq!(Span::try_from(interval).unwrap().fieldwise(), 40.minutes().fieldwise());
///
/// let unlimited: Duration = "P10675199DT2H48M5.4775807S".parse()?;
/// let error = Span::try_from(unlimited).unwrap_err();
/// assert_eq!(error.into_duration().as_str(), "P10675199DT2H48M5.4775807S");
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
impl TryFrom<Duration> for Span {
    type Error = SpanRangeError;

    fn try_from(value: Duration) -> Result<Self, SpanRangeError> {
        value.span.ok_or(SpanRangeError(value))
    }
}

/// The error returned when a [`Duration`] beyond the range of [`Span`] is
/// converted into a `Span`. It holds the duration, so nothing is lost.
///
/// ```
/// use graphdoc::time::Duration;
/// use graphdoc::jiff::Span;
///
/// let unlimited: Duration = "P10675199DT2H48M5.4775807S".parse()?;
/// let error = Span::try_from(unlimited.clone()).unwrap_err();
/// assert_eq!(error.duration(), &unlimited);
/// assert_eq!(
///     error.to_string(),
///     "Edm.Duration value P10675199DT2H48M5.4775807S is beyond the range of jiff::Span",
/// );
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanRangeError(Duration);

impl SpanRangeError {
    /// The duration that has no `Span`.
    ///
    /// ```
    /// use graphdoc::time::Duration;
    /// use graphdoc::jiff::Span;
    ///
    /// let unlimited: Duration = "P99999Y".parse()?;
    /// let error = Span::try_from(unlimited).unwrap_err();
    /// assert_eq!(error.duration().as_str(), "P99999Y");
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn duration(&self) -> &Duration {
        &self.0
    }

    /// Gives the duration back.
    ///
    /// ```
    /// use graphdoc::time::Duration;
    /// use graphdoc::jiff::Span;
    ///
    /// let unlimited: Duration = "P99999Y".parse()?;
    /// let error = Span::try_from(unlimited).unwrap_err();
    /// assert_eq!(error.into_duration().to_string(), "P99999Y");
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn into_duration(self) -> Duration {
        self.0
    }
}

impl fmt::Display for SpanRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{EDM_TYPE} value {} is beyond the range of jiff::Span",
            self.0.text
        )
    }
}

impl std::error::Error for SpanRangeError {}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Duration {}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        // `SpanParser` rather than `Span::from_str`, which also accepts jiff's
        // "friendly" format (`1h 30m`) that is not an Edm.Duration.
        let span = match SpanParser::new().parse_span(s) {
            Ok(span) => Some(span),
            // jiff's errors do not say whether the text or its size was at
            // fault, and their wording is no contract; the grammar decides.
            Err(_) if is_iso_duration(s) => None,
            Err(error) => return Err(ParseError::jiff(EDM_TYPE)(error)),
        };
        Ok(Duration {
            span,
            text: s.into(),
        })
    }
}

/// Whether `text` is an ISO 8601 duration as jiff's `SpanParser` reads it,
/// whatever the size of its numbers (each up to `u64::MAX`, as jiff reads
/// them):
///
/// ```text
/// [+-] P [n Y] [n M] [n W] [n D] [T [n H] [n M] [n S]]
/// ```
///
/// with `P`, `T` and the unit letters in either case, at least one unit, at
/// least one unit after `T`, and a fraction (`.` or `,` then 1 to 9 digits)
/// allowed only on the last unit, which must be a time unit.
fn is_iso_duration(text: &str) -> bool {
    let mut rest = text.as_bytes();
    if let [b'+' | b'-', tail @ ..] = rest {
        rest = tail;
    }
    let [b'P' | b'p', tail @ ..] = rest else {
        return false;
    };
    rest = tail;

    let mut units = 0;
    let mut date_units: &[u8] = b"YMWD";
    while let Some(tail) = number(rest) {
        let Some(tail) = designator(tail, &mut date_units) else {
            return false;
        };
        rest = tail;
        units += 1;
    }

    if let [b'T' | b't', tail @ ..] = rest {
        rest = tail;
        let mut time_units: &[u8] = b"HMS";
        let mut after_t = 0;
        while let Some(tail) = number(rest) {
            let (fraction, tail) = match tail {
                [b'.' | b',', tail @ ..] => {
                    let digits = tail.iter().take_while(|b| b.is_ascii_digit()).count();
                    if !(1..=9).contains(&digits) {
                        return false;
                    }
                    (true, &tail[digits..])
                }
                _ => (false, tail),
            };
            let Some(tail) = designator(tail, &mut time_units) else {
                return false;
            };
            rest = tail;
            after_t += 1;
            if fraction {
                break;
            }
        }
        if after_t == 0 {
            return false;
        }
        units += after_t;
    }
    units > 0 && rest.is_empty()
}

/// Skips the unit value at the start of `text`: digits that jiff reads as a
/// `u64` (at most 21 of them, so leading zeros are allowed up to there).
/// `None` when there is no such value; digits left unread then make the
/// caller's final `rest.is_empty()` check fail.
fn number(text: &[u8]) -> Option<&[u8]> {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 21 {
        return None;
    }
    std::str::from_utf8(&text[..digits])
        .ok()?
        .parse::<u64>()
        .ok()?;
    Some(&text[digits..])
}

/// Skips a unit letter from `allowed` (upper case, largest unit first) at the
/// start of `text`, and narrows `allowed` to the smaller units, since each
/// unit appears at most once and in that order.
fn designator<'t>(text: &'t [u8], allowed: &mut &[u8]) -> Option<&'t [u8]> {
    let (letter, tail) = text.split_first()?;
    let position = allowed
        .iter()
        .position(|unit| unit.eq_ignore_ascii_case(letter))?;
    *allowed = &allowed[position + 1..];
    Some(tail)
}

serde_via_str!(Duration, "an ISO 8601 duration string (Edm.Duration)");

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    #[test]
    fn round_trips_through_json() {
        for text in [
            "PT1H",
            "P1D",
            "PT1H30M",
            "P30D",
            "PT0S",
            "P1W",
            "-PT5M",
            "PT1.5S",
            "P1Y2M3DT4H5M6S",
            "pt1h",
            "P0D",
            "PT0.0000001S",
        ] {
            let json = format!("\"{text}\"");
            let value: Duration = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(value.as_str(), text);
        }
    }

    #[test]
    fn parses_spans() {
        let cases = [
            ("PT1H", 1.hour()),
            ("P1D", 1.day()),
            ("PT1H30M", 1.hour().minutes(30)),
            ("P1W", 1.week()),
            ("-PT5M", -5.minutes()),
            ("PT1.5S", 1.second().milliseconds(500)),
            (
                "P1Y2M3DT4H5M6S",
                1.year().months(2).days(3).hours(4).minutes(5).seconds(6),
            ),
        ];
        for (text, span) in cases {
            let value: Duration = text.parse().unwrap();
            assert_eq!(
                value.span().unwrap().fieldwise(),
                span.fieldwise(),
                "{text}"
            );
            assert_eq!(Span::try_from(value).unwrap().fieldwise(), span.fieldwise());
        }
    }

    /// Valid ISO 8601 durations that a `Span` cannot hold.
    const BEYOND_SPAN: &[&str] = &[
        // .NET's TimeSpan.MaxValue and MinValue.
        "P10675199DT2H48M5.4775807S",
        "-P10675199DT2H48M5.4775808S",
        "P99999999999Y",
        "P20000Y",
        "p7304485d",
        // Time units past their own limit spill into smaller units, so only
        // far larger values miss.
        "PT99999999999999H",
        "PT9223372036854775807S",
        "PT18446744073709551615S",
        "P018446744073709551615Y",
        "+P1Y99999999999M",
        "P1W99999999999D",
        "PT99999999999,5M",
        "-PT9223372036854775807.123456789S",
    ];

    #[test]
    fn values_beyond_span_parse_and_round_trip() {
        for text in BEYOND_SPAN {
            let json = format!("\"{text}\"");
            let value: Duration = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(value.as_str(), *text);
            assert!(value.span().is_none(), "{text}");
            let error = Span::try_from(value.clone()).unwrap_err();
            assert_eq!(error.duration(), &value);
            assert!(error.to_string().contains(text), "{error}");
            assert_eq!(error.into_duration(), value);
        }
        assert_ne!(
            "P10675199DT2H48M5.4775807S".parse::<Duration>().unwrap(),
            "p10675199dt2h48m5.4775807s".parse::<Duration>().unwrap()
        );
    }

    #[test]
    fn values_at_the_edge_of_span_have_a_span() {
        for text in ["P19998Y", "P7304484D", "-P7304484D", "PT631107417600S"] {
            let value: Duration = text.parse().unwrap();
            assert!(value.span().is_some(), "{text}");
            assert_eq!(value.as_str(), text);
        }
    }

    /// With numbers too small to leave jiff's range, the grammar check must
    /// accept exactly what jiff accepts, so it neither rejects a duration
    /// jiff could not hold nor lets anything else through.
    #[test]
    fn grammar_matches_jiff_on_small_numbers() {
        /// Calls `check` on `prefix` followed by every string of up to
        /// `max_len` bytes from `alphabet`.
        fn each_string(
            prefix: &str,
            alphabet: &[u8],
            max_len: usize,
            check: &mut impl FnMut(&str),
        ) {
            let mut current = prefix.as_bytes().to_vec();
            fn go(
                alphabet: &[u8],
                left: usize,
                current: &mut Vec<u8>,
                check: &mut impl FnMut(&str),
            ) {
                check(std::str::from_utf8(current).unwrap());
                if left == 0 {
                    return;
                }
                for &byte in alphabet {
                    current.push(byte);
                    go(alphabet, left - 1, current, check);
                    current.pop();
                }
            }
            go(alphabet, max_len, &mut current, check);
        }
        let mut compared = 0;
        let mut accepted = 0;
        let mut check = |text: &str| {
            // Five digits can already exceed a `Span`'s 19,998 years.
            if text
                .as_bytes()
                .windows(5)
                .any(|w| w.iter().all(u8::is_ascii_digit))
            {
                return;
            }
            let jiff = SpanParser::new().parse_span(text).is_ok();
            assert_eq!(is_iso_duration(text), jiff, "{text:?}");
            compared += 1;
            accepted += usize::from(jiff);
        };
        each_string("", b"+-Pp1Tt.,YyMmWwDdHhSs 0", 4, &mut check);
        each_string("P", b"1T.,YMWDHS", 6, &mut check);
        // Whole units in every order, count and case, to reach long valid
        // durations the byte strings above are too short for.
        let tokens = [
            "1Y",
            "2m",
            "3W",
            "0D",
            "T",
            "t",
            "4H",
            "5M",
            "6s",
            "1.5H",
            "0,25m",
            "7.000000001S",
        ];
        for sign in ["", "-", "+"] {
            for designator in ["P", "p"] {
                let mut sequences = vec![String::new()];
                for _ in 0..4 {
                    let mut longer = Vec::new();
                    for sequence in &sequences {
                        check(&format!("{sign}{designator}{sequence}"));
                        longer.extend(tokens.iter().map(|token| format!("{sequence}{token}")));
                    }
                    sequences = longer;
                }
                for sequence in &sequences {
                    check(&format!("{sign}{designator}{sequence}"));
                }
            }
        }
        // The comparison saw both sides of the grammar many times over.
        assert!(compared > 1_000_000, "{compared}");
        assert!(accepted > 1_500, "{accepted}");
    }

    #[test]
    fn equality_is_by_text() {
        let parse = |s: &str| s.parse::<Duration>().unwrap();
        assert_eq!(parse("PT1H"), parse("PT1H"));
        assert_ne!(parse("PT1H"), parse("PT60M"));
        assert_ne!(parse("PT1H"), parse("pt1h"));
        assert_eq!(Duration::from(1.hour().minutes(30)), parse("PT1H30M"));
    }

    #[test]
    fn invalid_inputs_are_errors() {
        for text in [
            "",
            "P",
            "PT",
            "Date",
            "String (timestamp)",
            "1h",
            "1h 30m",
            "P1.5D",
            "PT1H ",
            "PT0.0000000001S",
            "2020-13-01",
            "P000000000000000000001Y ",
            // Grammar errors, also when the numbers are beyond jiff's range.
            "P10675199DT2H48M5.4775807",
            "P10675199DT2H48M5.4775807S ",
            "P10675199D2H",
            "P10675199DT",
            "P10675199.5D",
            "P99999999999D1Y",
            "PT99999999999S1M",
            "PT99999999999.5H1M",
            "PT99999999999.S",
            "PT99999999999.0000000001S",
            "--P99999999999D",
            "P-99999999999D",
            "P99999999999 D",
            "P99999999999d 1h",
            "99999999999d",
            "PT18446744073709551616S",
            "P0000000000000000000001Y",
        ] {
            assert!(text.parse::<Duration>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Duration>("3600").is_err());
    }
}
