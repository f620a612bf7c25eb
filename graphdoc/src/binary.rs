//! `Edm.Binary`: bytes carried in JSON as a base64 string.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// Accepting padded and unpadded input alike costs nothing and matches what
/// services send in practice; trailing bits stay strict so that every
/// accepted padded standard string encodes back to itself.
const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// `Edm.Binary`: a byte string, written as standard base64 with padding.
///
/// Decoding also accepts the URL-safe alphabet (`-`, `_`) and missing
/// padding. Encoding always uses the standard alphabet with padding, so
/// standard padded input writes back unchanged.
///
/// ```
/// use graphdoc::Binary;
///
/// let photo: Binary = serde_json::from_str(r#""aGVsbG8=""#)?;
/// assert_eq!(&*photo, b"hello");
/// assert_eq!(serde_json::to_string(&photo)?, r#""aGVsbG8=""#);
///
/// // URL-safe and unpadded input decode too, and write back in standard form.
/// let other: Binary = "aGVsbG8".parse()?;
/// assert_eq!(other, photo);
/// assert_eq!(other.to_string(), "aGVsbG8=");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Binary(pub Vec<u8>);

impl Deref for Binary {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Binary {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Binary {
    fn from(bytes: Vec<u8>) -> Self {
        Binary(bytes)
    }
}

impl From<Binary> for Vec<u8> {
    fn from(binary: Binary) -> Self {
        binary.0
    }
}

/// Writes standard base64 with padding.
impl fmt::Display for Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

/// Reads standard or URL-safe base64, with or without padding.
impl FromStr for Binary {
    type Err = ParseBinaryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // The two alphabets differ only in `+/` versus `-_`, so either of the
        // latter marks the input as URL-safe; mixing them is an error.
        let engine = if s.contains(['-', '_']) {
            &LENIENT_URL_SAFE
        } else {
            &LENIENT_STANDARD
        };
        engine.decode(s).map(Binary).map_err(ParseBinaryError)
    }
}

serde_via_str!(Binary, "a base64 string (Edm.Binary)");

/// The error returned when text is not valid base64 for [`Binary`].
///
/// ```
/// use graphdoc::{Binary, ParseBinaryError};
///
/// let error: ParseBinaryError = "AB==".parse::<Binary>().unwrap_err();
/// assert!(error.to_string().starts_with("invalid Edm.Binary value: "));
/// assert!("3q2+7w-_".parse::<Binary>().is_err());
/// let from_json = serde_json::from_str::<Binary>(r#""AB==""#).unwrap_err();
/// assert!(from_json.to_string().starts_with(&error.to_string()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseBinaryError(base64::DecodeError);

impl fmt::Display for ParseBinaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid Edm.Binary value: {}", self.0)
    }
}

impl std::error::Error for ParseBinaryError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> String {
        format!("\"{text}\"")
    }

    #[test]
    fn standard_round_trips_exactly() {
        for text in [
            "", "AA==", "AAE=", "AAEC", "aGVsbG8=", "+/+/", "//8=", "3q2+7w==",
        ] {
            let value: Binary = serde_json::from_str(&json(text)).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json(text), "{text}");
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn decodes_bytes() {
        let value: Binary = "3q2+7w==".parse().unwrap();
        assert_eq!(value.0, [0xde, 0xad, 0xbe, 0xef]);
        assert_eq!(&*value, &[0xde, 0xad, 0xbe, 0xef]);
    }

    #[test]
    fn accepts_url_safe_and_unpadded() {
        let expected = Binary(vec![0xde, 0xad, 0xbe, 0xef]);
        for text in ["3q2+7w==", "3q2+7w", "3q2-7w==", "3q2-7w"] {
            assert_eq!(text.parse::<Binary>().unwrap(), expected, "{text}");
        }
        assert_eq!(expected.to_string(), "3q2+7w==");
    }

    #[test]
    fn rejects_invalid() {
        for text in [
            "!",
            "A",
            "AA===",
            "AAA==",
            "3q2+7w-_",
            "aGVsbG8= ",
            "AB==",
            "a b=",
        ] {
            assert!(text.parse::<Binary>().is_err(), "{text}");
        }
        assert!(serde_json::from_str::<Binary>(r#""%%%%""#).is_err());
        assert!(serde_json::from_str::<Binary>("12").is_err());
    }

    #[test]
    fn conversions() {
        let value = Binary::from(vec![1, 2, 3]);
        assert_eq!(value.len(), 3);
        assert_eq!(value.as_ref(), &[1, 2, 3]);
        assert_eq!(Vec::from(value), vec![1, 2, 3]);
        assert_eq!(Binary::default().to_string(), "");
    }
}
