//! `Edm.DateTimeOffset`: a date and time with the UTC offset it was written in.

use std::fmt;
use std::str::FromStr;

use jiff::civil::DateTime;
use jiff::fmt::temporal::{Pieces, PiecesOffset};
use jiff::tz::Offset;
use jiff::Timestamp;

use super::{ParseError, TimeForm};

const EDM_TYPE: &str = "Edm.DateTimeOffset";

/// `Edm.DateTimeOffset`: an RFC 3339 timestamp such as
/// `"2016-12-31T23:58:10.4520456+03:00"` or `"2020-06-15T19:54:14.853Z"`.
///
/// A value keeps the date and time as written ([`datetime`](Self::datetime)),
/// the offset ([`offset`](Self::offset)), whether the offset was written as
/// `Z`, how many fractional-second digits were written (0 to 9) and whether
/// seconds were written at all, so [`Display`](fmt::Display) and
/// serialisation reproduce the text it was parsed from. Lower-case `t` and
/// `z` are accepted and written back in upper case; other spellings jiff
/// accepts (a space separator, `+03` or `+0300` offsets, `-00:00`) are written
/// back in the canonical `+03:00` form. Time zone annotations such as
/// `[Europe/Paris]` are rejected.
///
/// Every date-time jiff's [`civil::DateTime`](jiff::civil::DateTime) holds
/// (years -9999 to 9999) parses with every offset jiff holds (up to
/// ±25:59:59), including .NET's `DateTimeOffset.MaxValue`,
/// `9999-12-31T23:59:59.9999999Z`, which Graph returns for "never" (for
/// example in `inGracePeriodUntilDateTime`). Such a value lies past the last
/// instant a [`Timestamp`] holds (about `9999-12-30T22:00:00Z`), so
/// [`timestamp`](Self::timestamp) clamps it to [`Timestamp::MAX`] (and values
/// before the first instant to [`Timestamp::MIN`]); the value itself, and the
/// text it writes back, are unchanged.
/// A leap second (`23:59:60Z`) is kept the same way: read as second 59,
/// written back as 60.
///
/// Equality and hashing are by written form: `...00Z` and `...00.000Z` are
/// different values for the same instant. Compare
/// [`timestamp`](Self::timestamp) to compare instants.
///
/// ```
/// use graphdoc::time::DateTimeOffset;
/// use graphdoc::jiff::tz::offset;
///
/// let sent: DateTimeOffset = "2016-12-31T23:58:10.4520456+03:00".parse()?;
/// assert_eq!(sent.offset(), offset(3));
/// assert_eq!(sent.timestamp().to_string(), "2016-12-31T20:58:10.4520456Z");
/// assert_eq!(sent.to_string(), "2016-12-31T23:58:10.4520456+03:00");
///
/// let utc = DateTimeOffset::from(sent.timestamp());
/// assert_eq!(utc.to_string(), "2016-12-31T20:58:10.4520456Z");
///
/// let never: DateTimeOffset = "9999-12-31T23:59:59.9999999Z".parse()?;
/// assert_eq!(never.to_string(), "9999-12-31T23:59:59.9999999Z");
/// assert_eq!(never.timestamp(), graphdoc::jiff::Timestamp::MAX);
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTimeOffset {
    /// The local date and time as written, before applying `offset`; kept
    /// rather than a `Timestamp` because it reaches further (see above).
    datetime: DateTime,
    offset: Offset,
    zulu: bool,
    form: TimeForm,
}

impl DateTimeOffset {
    /// The instant `timestamp` as seen at `offset`, written with a numeric
    /// offset (`+00:00` for UTC; `DateTimeOffset::from(timestamp)` writes
    /// `Z`) and as few fractional digits as the value needs.
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    /// use graphdoc::jiff::{tz::offset, Timestamp};
    ///
    /// let instant = Timestamp::from_second(1_600_000_000).unwrap();
    /// let local = DateTimeOffset::new(instant, offset(-7));
    /// assert_eq!(local.to_string(), "2020-09-13T05:26:40-07:00");
    /// ```
    pub fn new(timestamp: Timestamp, offset: Offset) -> Self {
        // Infallible: jiff's `Timestamp` range is the civil range narrowed by
        // the largest offset, so every instant has a date-time at every offset.
        let datetime = offset.to_datetime(timestamp);
        DateTimeOffset {
            datetime,
            offset,
            zulu: false,
            form: TimeForm::minimal(datetime.time()),
        }
    }

    /// The instant, clamped to [`Timestamp::MIN`] ..= [`Timestamp::MAX`].
    ///
    /// A value can lie outside that range by up to 52 hours (twice the largest
    /// offset jiff holds, as `Timestamp`'s range is the civil range narrowed
    /// by that offset at both ends): .NET's
    /// `DateTimeOffset.MaxValue`, `9999-12-31T23:59:59.9999999Z`, is later
    /// than `Timestamp::MAX`, so its instant is given as `Timestamp::MAX`.
    /// Use [`datetime`](Self::datetime) and [`offset`](Self::offset) to see
    /// the value exactly.
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    /// use graphdoc::jiff::Timestamp;
    ///
    /// let sent: DateTimeOffset = "2016-12-31T23:58:10+03:00".parse()?;
    /// assert_eq!(sent.timestamp().to_string(), "2016-12-31T20:58:10Z");
    ///
    /// let never: DateTimeOffset = "9999-12-31T23:59:59.9999999Z".parse()?;
    /// assert_eq!(never.timestamp(), Timestamp::MAX);
    /// let dawn: DateTimeOffset = "-009999-01-01T00:00:00Z".parse()?;
    /// assert_eq!(dawn.timestamp(), Timestamp::MIN);
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn timestamp(&self) -> Timestamp {
        match self.offset.to_timestamp(self.datetime) {
            Ok(timestamp) => timestamp,
            // Only values within about two days of the civil range's ends
            // miss `Timestamp`'s range, so the year says which end was passed.
            Err(_) if self.datetime.year() > 0 => Timestamp::MAX,
            Err(_) => Timestamp::MIN,
        }
    }

    /// The local date and time exactly as written, before applying the
    /// offset.
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    /// use graphdoc::jiff::civil::date;
    ///
    /// let sent: DateTimeOffset = "2016-12-31T23:58:10.4520456+03:00".parse()?;
    /// assert_eq!(sent.datetime(), date(2016, 12, 31).at(23, 58, 10, 452_045_600));
    ///
    /// let never: DateTimeOffset = "9999-12-31T23:59:59.9999999Z".parse()?;
    /// assert_eq!(never.datetime(), date(9999, 12, 31).at(23, 59, 59, 999_999_900));
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn datetime(&self) -> DateTime {
        self.datetime
    }

    /// The offset from UTC the value was written in (zero for `Z`).
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    /// use graphdoc::jiff::tz::{offset, Offset};
    ///
    /// let sent: DateTimeOffset = "2016-12-31T23:58:10-05:00".parse()?;
    /// assert_eq!(sent.offset(), offset(-5));
    /// let utc: DateTimeOffset = "2016-12-31T23:58:10Z".parse()?;
    /// assert_eq!(utc.offset(), Offset::UTC);
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// Whether the offset is written as `Z` rather than numerically.
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    ///
    /// assert!("2021-01-01T00:00:00Z".parse::<DateTimeOffset>()?.is_zulu());
    /// assert!(!"2021-01-01T00:00:00+00:00".parse::<DateTimeOffset>()?.is_zulu());
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn is_zulu(&self) -> bool {
        self.zulu
    }

    /// How many fractional-second digits are written, 0 to 9.
    ///
    /// ```
    /// use graphdoc::time::DateTimeOffset;
    ///
    /// let value: DateTimeOffset = "2021-01-01T00:00:00.0000000Z".parse()?;
    /// assert_eq!(value.fractional_digits(), 7);
    /// # Ok::<(), graphdoc::time::ParseError>(())
    /// ```
    pub fn fractional_digits(&self) -> u8 {
        self.form.digits
    }
}

/// UTC, written with `Z` and as few fractional digits as the value needs.
///
/// ```
/// use graphdoc::time::DateTimeOffset;
/// use graphdoc::jiff::Timestamp;
///
/// let instant = Timestamp::from_millisecond(1_592_250_854_853).unwrap();
/// assert_eq!(DateTimeOffset::from(instant).to_string(), "2020-06-15T19:54:14.853Z");
/// ```
impl From<Timestamp> for DateTimeOffset {
    fn from(timestamp: Timestamp) -> Self {
        DateTimeOffset {
            zulu: true,
            ..DateTimeOffset::new(timestamp, Offset::UTC)
        }
    }
}

/// The instant, clamped like [`DateTimeOffset::timestamp`].
///
/// ```
/// use graphdoc::time::DateTimeOffset;
/// use graphdoc::jiff::Timestamp;
///
/// let sent: DateTimeOffset = "2020-06-15T19:54:14.853Z".parse()?;
/// assert_eq!(Timestamp::from(sent).as_millisecond(), 1_592_250_854_853);
/// let never: DateTimeOffset = "9999-12-31T23:59:59.9999999Z".parse()?;
/// assert_eq!(Timestamp::from(never), Timestamp::MAX);
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
impl From<DateTimeOffset> for Timestamp {
    fn from(value: DateTimeOffset) -> Self {
        value.timestamp()
    }
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T", self.datetime.date())?;
        self.form.write(self.datetime.time(), f)?;
        if self.zulu {
            return f.write_str("Z");
        }
        // jiff's `Offset` display shortens `+03:00` to `+03`; RFC 3339 wants
        // hours and minutes.
        let seconds = self.offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", seconds / 3600, seconds / 60 % 60)?;
        if seconds % 60 != 0 {
            write!(f, ":{:02}", seconds % 60)?;
        }
        Ok(())
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        const EXPECTED: &str = "a date, time and offset such as 2021-01-01T00:00:00Z";

        let pieces = Pieces::parse(s).map_err(ParseError::jiff(EDM_TYPE))?;
        if pieces.time_zone_annotation().is_some() {
            return Err(ParseError::shape(EDM_TYPE, EXPECTED));
        }
        let (Some(time), Some(written_offset)) = (pieces.time(), pieces.offset()) else {
            return Err(ParseError::shape(EDM_TYPE, EXPECTED));
        };
        let offset = written_offset.to_numeric_offset();
        // `Pieces` drops the fraction width and whether seconds were written,
        // so read them from the time part of the text jiff just accepted.
        let form = match s.find(['T', 't', ' ']) {
            Some(separator) => TimeForm::scan(&s[separator + 1..]),
            None => TimeForm::minimal(time),
        };
        Ok(DateTimeOffset {
            datetime: pieces.date().to_datetime(time),
            offset,
            zulu: matches!(written_offset, PiecesOffset::Zulu),
            form,
        })
    }
}

serde_via_str!(
    DateTimeOffset,
    "an RFC 3339 date-time string (Edm.DateTimeOffset)"
);

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::offset;

    const GRAPH_FORMS: &[&str] = &[
        "2016-12-31T23:58:10.4520456+03:00",
        "2020-06-15T19:54:14.853Z",
        "2021-01-01T00:00:00Z",
        "2021-01-01T00:00:00.0000000Z",
        "2019-01-01T00:00:00+00:00",
        "2019-01-01T00:00:00-08:00",
        "2019-01-01T00:00:00.1-05:30",
        "2019-01-01T00:00:00.123456789+14:00",
        "2019-01-01T00:00:00+03:00:30",
        "2021-01-01T00:00Z",
        "2021-01-01T09:30+01:00",
        "0001-01-01T00:00:00Z",
        "9999-12-30T21:59:59.9999999Z",
        // .NET's DateTimeOffset.MaxValue and MinValue, as Graph writes them.
        "9999-12-31T23:59:59.9999999Z",
        "9999-12-31T23:59:59.9999999+00:00",
        "0001-01-01T00:00:00+00:00",
        // A leap second: jiff reads it as second 59; the text writes back as it was.
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.25+01:00",
    ];

    /// Values jiff's `Timestamp` cannot hold, with the end they clamp to.
    const BEYOND_TIMESTAMP: &[(&str, Timestamp)] = &[
        ("9999-12-31T23:59:59.9999999Z", Timestamp::MAX),
        ("9999-12-31T23:59:59-12:00", Timestamp::MAX),
        ("9999-12-31T00:00:00Z", Timestamp::MAX),
        ("9999-12-31T23:59:59.999999999-25:59:59", Timestamp::MAX),
        ("-009999-01-01T00:00:00Z", Timestamp::MIN),
        ("-009999-01-01T00:00:00+01:00", Timestamp::MIN),
        ("-009999-01-01T00:00:00.5+25:59:59", Timestamp::MIN),
    ];

    #[test]
    fn values_beyond_timestamp_parse_round_trip_and_clamp() {
        for &(text, clamped) in BEYOND_TIMESTAMP {
            let json = format!("\"{text}\"");
            let value: DateTimeOffset = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json, "{text}");
            assert_eq!(value.to_string().parse::<DateTimeOffset>().unwrap(), value);
            assert_eq!(value.timestamp(), clamped, "{text}");
            assert_eq!(Timestamp::from(value), clamped, "{text}");
        }
        let max: DateTimeOffset = "9999-12-31T23:59:59.9999999Z".parse().unwrap();
        assert_eq!(
            max.datetime(),
            jiff::civil::date(9999, 12, 31).at(23, 59, 59, 999_999_900)
        );
        assert_eq!(max.offset(), Offset::UTC);
        assert!(max.is_zulu());
        assert_eq!(max.fractional_digits(), 7);
        // Equality stays by written form, not by the clamped instant.
        let also_clamped: DateTimeOffset = "9999-12-31T00:00:00Z".parse().unwrap();
        assert_eq!(max.timestamp(), also_clamped.timestamp());
        assert_ne!(max, also_clamped);
    }

    #[test]
    fn edges_of_timestamp_are_not_clamped() {
        let max = DateTimeOffset::from(Timestamp::MAX);
        assert_eq!(max.timestamp(), Timestamp::MAX);
        assert_eq!(max.to_string().parse::<DateTimeOffset>().unwrap(), max);
        let min = DateTimeOffset::new(Timestamp::MIN, Offset::MIN);
        assert_eq!(min.to_string(), "-009999-01-01T00:00:00-25:59:59");
        assert_eq!(min.timestamp(), Timestamp::MIN);
        let last: DateTimeOffset = "9999-12-30T22:00:00.999999999Z".parse().unwrap();
        assert_eq!(last.timestamp(), Timestamp::MAX);
        let past: DateTimeOffset = "9999-12-30T22:00:01Z".parse().unwrap();
        assert_eq!(past.timestamp(), Timestamp::MAX);
        assert_eq!(past.to_string(), "9999-12-30T22:00:01Z");
    }

    #[test]
    fn graph_forms_round_trip_through_json() {
        for text in GRAPH_FORMS {
            let json = format!("\"{text}\"");
            let value: DateTimeOffset = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
            assert_eq!(value.to_string().parse::<DateTimeOffset>().unwrap(), value);
        }
    }

    #[test]
    fn keeps_instant_offset_and_form() {
        let value: DateTimeOffset = "2016-12-31T23:58:10.4520456+03:00".parse().unwrap();
        assert_eq!(
            value.timestamp(),
            "2016-12-31T20:58:10.4520456Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(value.offset(), offset(3));
        assert!(!value.is_zulu());
        assert_eq!(value.fractional_digits(), 7);
        assert_eq!(
            value.datetime(),
            jiff::civil::date(2016, 12, 31).at(23, 58, 10, 452_045_600)
        );

        let value: DateTimeOffset = "2021-01-01T00:00:00.0000000Z".parse().unwrap();
        assert!(value.is_zulu());
        assert_eq!(value.offset(), Offset::UTC);
        assert_eq!(value.fractional_digits(), 7);
    }

    #[test]
    fn equality_is_by_written_form() {
        let parse = |s: &str| s.parse::<DateTimeOffset>().unwrap();
        let z = parse("2021-01-01T00:00:00Z");
        assert_ne!(z, parse("2021-01-01T00:00:00.0000000Z"));
        assert_ne!(z, parse("2019-01-01T00:00:00+00:00"));
        assert_ne!(z, parse("2021-01-01T03:00:00+03:00"));
        assert_eq!(
            z.timestamp(),
            parse("2021-01-01T03:00:00+03:00").timestamp()
        );
        assert_eq!(z, parse("2021-01-01T00:00:00Z"));
    }

    #[test]
    fn lower_case_and_other_spellings_parse() {
        let cases = [
            ("2021-01-01t00:00:00z", "2021-01-01T00:00:00Z"),
            ("2021-01-01 00:00:00Z", "2021-01-01T00:00:00Z"),
            ("2021-01-01T00:00:00,5Z", "2021-01-01T00:00:00.5Z"),
            ("2021-01-01T00:00:00+03", "2021-01-01T00:00:00+03:00"),
            ("2021-01-01T00:00:00+0300", "2021-01-01T00:00:00+03:00"),
            ("2021-01-01T00:00:00-00:00", "2021-01-01T00:00:00+00:00"),
            ("20210101T000000Z", "2021-01-01T00:00:00Z"),
        ];
        for (input, written) in cases {
            let value: DateTimeOffset = input.parse().unwrap();
            assert_eq!(value.to_string(), written, "{input}");
        }
    }

    #[test]
    fn constructors() {
        let instant: Timestamp = "2020-06-15T19:54:14.853Z".parse().unwrap();
        let utc = DateTimeOffset::from(instant);
        assert_eq!(utc.to_string(), "2020-06-15T19:54:14.853Z");
        assert!(utc.is_zulu());
        assert_eq!(Timestamp::from(utc), instant);

        let local = DateTimeOffset::new(instant, offset(-4));
        assert_eq!(local.to_string(), "2020-06-15T15:54:14.853-04:00");
        assert_eq!(
            DateTimeOffset::new(instant, Offset::UTC).to_string(),
            "2020-06-15T19:54:14.853+00:00"
        );

        let negative = DateTimeOffset::new(
            instant,
            Offset::from_seconds(-(5 * 3600 + 30 * 60 + 15)).unwrap(),
        );
        assert_eq!(negative.to_string(), "2020-06-15T14:23:59.853-05:30:15");
        assert_eq!(
            negative.to_string().parse::<DateTimeOffset>().unwrap(),
            negative
        );

        let whole = DateTimeOffset::from(Timestamp::from_second(0).unwrap());
        assert_eq!(whole.to_string(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn invalid_inputs_are_errors() {
        for text in [
            "",
            "Date",
            "String (timestamp)",
            "2020-13-01T00:00:00Z",
            "2020-06-15",
            "2020-06-15T08:00:00",
            "08:00:00Z",
            "2021-01-01T00:00:00Z[UTC]",
            "2021-01-01T00:00:00+03:00[Europe/Moscow]",
            "2021-01-01T24:00:00Z",
            "2021-01-01T00:00:00.1234567891Z",
            "2021-01-01T00:00:00Z ",
            // Past the civil range or the offset range jiff represents.
            "10000-01-01T00:00:00Z",
            "+010000-01-01T00:00:00Z",
            "-010000-12-31T23:59:59Z",
            "9999-12-31T23:59:59+26:00",
            "9999-12-32T00:00:00Z",
        ] {
            assert!(text.parse::<DateTimeOffset>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<DateTimeOffset>("1609459200").is_err());
    }
}
