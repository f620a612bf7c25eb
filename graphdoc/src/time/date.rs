//! `Edm.Date`: a calendar date without time or offset.

use std::fmt;
use std::str::FromStr;

use jiff::fmt::temporal::Pieces;

use super::ParseError;

const EDM_TYPE: &str = "Edm.Date";

/// `Edm.Date`: a calendar date such as `"2020-06-15"`.
///
/// jiff writes dates as `YYYY-MM-DD`, which is already the form Graph uses,
/// so this is a thin wrapper around [`jiff::civil::Date`]. Input with a
/// time, offset or annotation is rejected rather than silently truncated.
///
/// ```
/// use graphdoc::time::Date;
///
/// let birthday: Date = "2020-06-15".parse()?;
/// assert_eq!(birthday.date(), graphdoc::jiff::civil::date(2020, 6, 15));
/// assert_eq!(birthday.to_string(), "2020-06-15");
/// assert!("2020-06-15T08:00:00".parse::<Date>().is_err());
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    date: jiff::civil::Date,
}

impl Date {
    /// The calendar date.
    ///
    /// ```
    /// use graphdoc::jiff::civil::{date, Weekday};
    /// use graphdoc::time::Date;
    ///
    /// let leap_day: Date = "2024-02-29".parse().unwrap();
    /// assert_eq!(leap_day.date(), date(2024, 2, 29));
    /// assert_eq!(leap_day.date().weekday(), Weekday::Thursday);
    /// ```
    pub fn date(&self) -> jiff::civil::Date {
        self.date
    }
}

impl From<jiff::civil::Date> for Date {
    fn from(date: jiff::civil::Date) -> Self {
        Date { date }
    }
}

impl From<Date> for jiff::civil::Date {
    fn from(value: Date) -> Self {
        value.date
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.date, f)
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        // `Pieces` rather than `parse_date`: the latter also accepts a full
        // date-time and drops the time, which would not write back.
        let pieces = Pieces::parse(s).map_err(ParseError::jiff(EDM_TYPE))?;
        if pieces.time().is_some()
            || pieces.offset().is_some()
            || pieces.time_zone_annotation().is_some()
        {
            return Err(ParseError::shape(EDM_TYPE, "a date such as 2020-06-15"));
        }
        Ok(Date {
            date: pieces.date(),
        })
    }
}

serde_via_str!(Date, "a YYYY-MM-DD date string (Edm.Date)");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        for text in ["2020-06-15", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let json = format!("\"{text}\"");
            let value: Date = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn accessors() {
        let date = jiff::civil::date(2020, 6, 15);
        let value = Date::from(date);
        assert_eq!(value.date(), date);
        assert_eq!(jiff::civil::Date::from(value.clone()), date);
        assert_eq!("2020-06-15".parse::<Date>().unwrap(), value);
    }

    #[test]
    fn invalid_inputs_are_errors() {
        for text in [
            "",
            "Date",
            "String (timestamp)",
            "2020-13-01",
            "2023-02-29",
            "2020-06",
            "2020-06-15T08:00:00",
            "2020-06-15T08:00:00Z",
            "2020-06-15[UTC]",
            " 2020-06-15",
            "08:00:00",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Date>("20200615").is_err());
    }
}
