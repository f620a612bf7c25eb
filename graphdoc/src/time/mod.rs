//! Graph's Edm date and time primitives, backed by [`jiff`] and written back as read.
//!
//! Each type parses with jiff's ISO 8601 / RFC 3339 parsers, exposes the
//! jiff value through an accessor, and is carried in JSON as a string. Unlike
//! the jiff values themselves, these types remember how their text was
//! written (fractional digits, `Z` versus `+00:00`, omitted seconds, the
//! exact duration text), so a value read from Graph serialises back
//! byte-for-byte. Equality follows the written form too; compare the jiff
//! values when only the meaning matters.
//!
//! .NET's "max value" sentinels, which Graph sends for "never" and "no
//! limit", parse and write back too, although they lie past jiff's
//! `Timestamp` and `Span`: [`DateTimeOffset::timestamp`] clamps and
//! [`Duration::span`] is `None` for them.
//!
//! ```
//! use graphdoc::time::{Date, DateTimeOffset, Duration, TimeOfDay};
//!
//! let start: DateTimeOffset = "2021-01-01T00:00:00.0000000Z".parse()?;
//! let plain: DateTimeOffset = "2021-01-01T00:00:00Z".parse()?;
//! assert_ne!(start, plain);
//! assert_eq!(start.timestamp(), plain.timestamp());
//!
//! let day: Date = "2020-06-15".parse()?;
//! let opens: TimeOfDay = "08:00:00.0000000".parse()?;
//! let length: Duration = "PT1H30M".parse()?;
//! assert_eq!(opens.to_string(), "08:00:00.0000000");
//! assert_eq!(length.span().map(|span| span.get_minutes()), Some(30));
//! # let _ = day;
//! # Ok::<(), graphdoc::time::ParseError>(())
//! ```

use std::fmt;

use jiff::civil::Time;

mod date;
mod date_time_offset;
mod duration;
mod time_of_day;

pub use date::Date;
pub use date_time_offset::DateTimeOffset;
pub use duration::{Duration, SpanRangeError};
pub use time_of_day::TimeOfDay;

/// The error returned when text is not a valid value of one of the
/// [`time`](self) types.
///
/// ```
/// use graphdoc::time::{Date, ParseError, TimeOfDay};
///
/// let error: ParseError = "2020-06-15T08:00:00".parse::<Date>().unwrap_err();
/// assert_eq!(error.to_string(), "invalid Edm.Date value: expected a date such as 2020-06-15");
/// let error = "25:00".parse::<TimeOfDay>().unwrap_err();
/// assert!(error.to_string().starts_with("invalid Edm.TimeOfDay value: "));
/// ```
#[derive(Clone, Debug)]
pub struct ParseError {
    edm_type: &'static str,
    reason: Reason,
}

#[derive(Clone, Debug)]
enum Reason {
    Jiff(jiff::Error),
    Shape(&'static str),
}

impl ParseError {
    fn jiff(edm_type: &'static str) -> impl FnOnce(jiff::Error) -> Self {
        move |error| ParseError {
            edm_type,
            reason: Reason::Jiff(error),
        }
    }

    fn shape(edm_type: &'static str, expected: &'static str) -> Self {
        ParseError {
            edm_type,
            reason: Reason::Shape(expected),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} value: ", self.edm_type)?;
        match &self.reason {
            Reason::Jiff(error) => write!(f, "{error}"),
            Reason::Shape(expected) => write!(f, "expected {expected}"),
        }
    }
}

// jiff's message is already part of `Display`, so it is not also reported as
// `source()`; error reporters would otherwise print it twice.
impl std::error::Error for ParseError {}

/// How a time of day was written, which jiff's `Time` does not keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct TimeForm {
    /// Whether seconds were written (`08:00:00`) or omitted (`08:00`).
    seconds: bool,
    /// Number of fractional-second digits written, 0..=9.
    digits: u8,
    /// A leap second was written (`23:59:60`): jiff reads it as second 59,
    /// and it is written back as 60.
    leap: bool,
}

impl TimeForm {
    /// The shortest form with seconds that loses nothing of `time`.
    fn minimal(time: Time) -> Self {
        let mut nanos = time.subsec_nanosecond();
        let mut digits = 9;
        if nanos == 0 {
            digits = 0;
        } else {
            while nanos % 10 == 0 {
                nanos /= 10;
                digits -= 1;
            }
        }
        TimeForm {
            seconds: true,
            digits,
            leap: false,
        }
    }

    /// Reads the form from text that jiff has already accepted, starting at
    /// the hour; scanning stops at anything that follows (an offset).
    fn scan(text: &str) -> Self {
        let bytes = text.as_bytes();
        let whole = bytes
            .iter()
            .take_while(|b| b.is_ascii_digit() || **b == b':')
            .count();
        let whole_digits = bytes[..whole].iter().filter(|b| b.is_ascii_digit());
        let leap = whole_digits.clone().skip(4).take(2).eq(b"60");
        let whole_digits = whole_digits.count();
        let digits = match bytes.get(whole) {
            Some(b'.' | b',') => bytes[whole + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count(),
            _ => 0,
        };
        TimeForm {
            // `hhmmss` and `hh:mm:ss` both carry six digits before any fraction.
            seconds: whole_digits >= 6,
            digits: u8::try_from(digits.min(9)).unwrap_or(9),
            leap,
        }
    }

    /// Writes `hh:mm`, `hh:mm:ss` or `hh:mm:ss.f…` as this form says.
    fn write(self, time: Time, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", time.hour(), time.minute())?;
        if self.seconds {
            let second = if self.leap { 60 } else { time.second() };
            write!(f, ":{second:02}")?;
            if self.digits > 0 {
                let digits = self.digits.min(9);
                let fraction = time.subsec_nanosecond() / 10_i32.pow(u32::from(9 - digits));
                write!(f, ".{fraction:0width$}", width = usize::from(digits))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_form() {
        let form = |nanos| TimeForm::minimal(jiff::civil::time(1, 2, 3, nanos));
        assert_eq!(
            form(0),
            TimeForm {
                seconds: true,
                digits: 0,
                leap: false
            }
        );
        assert_eq!(
            form(500_000_000),
            TimeForm {
                seconds: true,
                digits: 1,
                leap: false
            }
        );
        assert_eq!(
            form(452_045_600),
            TimeForm {
                seconds: true,
                digits: 7,
                leap: false
            }
        );
        assert_eq!(
            form(1),
            TimeForm {
                seconds: true,
                digits: 9,
                leap: false
            }
        );
    }

    #[test]
    fn scanned_form() {
        assert_eq!(
            TimeForm::scan("08:00"),
            TimeForm {
                seconds: false,
                digits: 0,
                leap: false
            }
        );
        assert_eq!(
            TimeForm::scan("08:00:00Z"),
            TimeForm {
                seconds: true,
                digits: 0,
                leap: false
            }
        );
        assert_eq!(
            TimeForm::scan("080000,25+01"),
            TimeForm {
                seconds: true,
                digits: 2,
                leap: false
            }
        );
        assert_eq!(
            TimeForm::scan("23:59:60.5Z"),
            TimeForm {
                seconds: true,
                digits: 1,
                leap: true
            }
        );
        assert!(TimeForm::scan("235960").leap);
        // Minutes of 60 are not a leap second (and jiff refuses them).
        assert!(!TimeForm::scan("23:60").leap);
        assert_eq!(
            TimeForm::scan("08:00:00.0000000+03:00:30.5"),
            TimeForm {
                seconds: true,
                digits: 7,
                leap: false
            }
        );
        assert_eq!(
            TimeForm::scan(""),
            TimeForm {
                seconds: false,
                digits: 0,
                leap: false
            }
        );
    }

    #[test]
    fn error_display() {
        let error = "x".parse::<Date>().unwrap_err();
        assert!(
            error.to_string().starts_with("invalid Edm.Date value: "),
            "{error}"
        );
    }
}
