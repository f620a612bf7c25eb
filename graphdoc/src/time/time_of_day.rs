//! `Edm.TimeOfDay`: a wall-clock time without date or offset.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Time;
use jiff::fmt::temporal::DateTimeParser;

use super::{ParseError, TimeForm};

const EDM_TYPE: &str = "Edm.TimeOfDay";

/// `Edm.TimeOfDay`: a time of day such as `"08:00:00"`,
/// `"08:00:00.0000000"` or `"13:45"`.
///
/// Keeps how many fractional-second digits were written and whether seconds
/// were written at all, so the text writes back unchanged. Equality and
/// hashing are by written form; compare [`time`](Self::time) to compare
/// times.
///
/// A leap second (`23:59:60`, which jiff's `Time` cannot hold) reads as second
/// 59 in [`time`](Self::time) and writes back as 60.
///
/// ```
/// use graphdoc::time::TimeOfDay;
///
/// let opens: TimeOfDay = "08:00:00.0000000".parse()?;
/// assert_eq!(opens.time(), graphdoc::jiff::civil::time(8, 0, 0, 0));
/// assert_eq!(opens.to_string(), "08:00:00.0000000");
/// assert_eq!("13:45".parse::<TimeOfDay>()?.to_string(), "13:45");
/// # Ok::<(), graphdoc::time::ParseError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TimeOfDay {
    time: Time,
    form: TimeForm,
}

impl TimeOfDay {
    /// The time of day.
    ///
    /// ```
    /// use graphdoc::jiff::civil::time;
    /// use graphdoc::time::TimeOfDay;
    ///
    /// let short: TimeOfDay = "08:30".parse().unwrap();
    /// let long: TimeOfDay = "08:30:00.0000000".parse().unwrap();
    /// assert_eq!(short.time(), time(8, 30, 0, 0));
    /// assert_ne!(short, long);
    /// assert_eq!(short.time(), long.time());
    /// ```
    pub fn time(&self) -> Time {
        self.time
    }

    /// How many fractional-second digits are written, 0 to 9.
    ///
    /// ```
    /// use graphdoc::jiff::civil::time;
    /// use graphdoc::time::TimeOfDay;
    ///
    /// assert_eq!("12:30:15.1230000".parse::<TimeOfDay>().unwrap().fractional_digits(), 7);
    /// assert_eq!("08:00".parse::<TimeOfDay>().unwrap().fractional_digits(), 0);
    /// assert_eq!(TimeOfDay::from(time(8, 0, 0, 500_000_000)).fractional_digits(), 1);
    /// ```
    pub fn fractional_digits(&self) -> u8 {
        self.form.digits
    }
}

/// Written with seconds and as few fractional digits as the value needs.
impl From<Time> for TimeOfDay {
    fn from(time: Time) -> Self {
        TimeOfDay {
            time,
            form: TimeForm::minimal(time),
        }
    }
}

impl From<TimeOfDay> for Time {
    fn from(value: TimeOfDay) -> Self {
        value.time
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.form.write(self.time, f)
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        // jiff's time parser also takes a full date-time, an offset or a
        // leading `T` and drops them; only bare times write back unchanged.
        if !s
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b','))
        {
            return Err(ParseError::shape(EDM_TYPE, "a time such as 08:00:00"));
        }
        let time = DateTimeParser::new()
            .parse_time(s)
            .map_err(ParseError::jiff(EDM_TYPE))?;
        Ok(TimeOfDay {
            time,
            form: TimeForm::scan(s),
        })
    }
}

serde_via_str!(TimeOfDay, "an hh:mm:ss time string (Edm.TimeOfDay)");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        for text in [
            "08:00:00",
            "08:00:00.0000000",
            "13:45",
            "23:59:59.999999999",
            "00:00:00.5",
            "12:30:15.1230000",
            "23:59:60",
            "23:59:60.5",
        ] {
            let json = format!("\"{text}\"");
            let value: TimeOfDay = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
    }

    #[test]
    fn keeps_value_and_form() {
        let value: TimeOfDay = "12:30:15.1230000".parse().unwrap();
        assert_eq!(value.time(), jiff::civil::time(12, 30, 15, 123_000_000));
        assert_eq!(value.fractional_digits(), 7);
        assert_ne!(value, TimeOfDay::from(value.time()));
        assert_eq!(TimeOfDay::from(value.time()).to_string(), "12:30:15.123");
        assert_eq!(
            Time::from(value),
            jiff::civil::time(12, 30, 15, 123_000_000)
        );
        assert_eq!(
            TimeOfDay::from(jiff::civil::time(8, 0, 0, 0)).to_string(),
            "08:00:00"
        );
    }

    #[test]
    fn other_spellings_parse() {
        for (input, written) in [
            ("080000", "08:00:00"),
            ("0800", "08:00"),
            ("08:00:00,25", "08:00:00.25"),
        ] {
            assert_eq!(
                input.parse::<TimeOfDay>().unwrap().to_string(),
                written,
                "{input}"
            );
        }
    }

    #[test]
    fn invalid_inputs_are_errors() {
        for text in [
            "",
            "Date",
            "String (timestamp)",
            "24:00",
            "08:60",
            "08:0",
            "8:00",
            "08:00:00Z",
            "08:00:00+03:00",
            "T08:00:00",
            "2020-06-15T08:00:00",
            "2020-06-15",
            "08:00:00.1234567891",
            "08:00:00.",
            ":",
        ] {
            assert!(text.parse::<TimeOfDay>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<TimeOfDay>("800").is_err());
    }
}
