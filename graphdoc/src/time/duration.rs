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
/// ```
/// use graphdoc::time::Duration;
///
/// let reminder: Duration = "PT1H30M".parse()?;
/// assert_eq!(reminder.span().get_hours(), 1);
/// assert_eq!(reminder.span().get_minutes(), 30);
/// assert_eq!(reminder.to_string(), "PT1H30M");
/// assert_ne!(reminder, "PT90M".parse()?);
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Duration {
    span: Span,
    text: Box<str>,
}

impl Duration {
    /// The duration as a jiff span.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The text the duration is written as.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Written in jiff's canonical ISO 8601 form, e.g. `PT1H30M`.
impl From<Span> for Duration {
    fn from(span: Span) -> Self {
        Duration {
            span,
            text: span.to_string().into(),
        }
    }
}

impl From<Duration> for Span {
    fn from(value: Duration) -> Self {
        value.span
    }
}

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
        let span = SpanParser::new()
            .parse_span(s)
            .map_err(ParseError::jiff(EDM_TYPE))?;
        Ok(Duration {
            span,
            text: s.into(),
        })
    }
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
            assert_eq!(value.span().fieldwise(), span.fieldwise(), "{text}");
            assert_eq!(Span::from(value).fieldwise(), span.fieldwise());
        }
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
            "P99999999999Y",
            "PT0.0000000001S",
            "2020-13-01",
        ] {
            assert!(text.parse::<Duration>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Duration>("3600").is_err());
    }
}
