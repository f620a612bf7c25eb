//! Serde support for patch fields, where "absent" and "null" mean different things.
//!
//! A patch field has type `Option<Option<T>>` (see [`Patch`](crate::Patch)).
//! Plain serde collapses both an absent member and `null` into `None`; the
//! attribute below keeps them apart:
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
//! struct EventPatch {
//!     #[serde(
//!         default,
//!         deserialize_with = "graphdoc::patch::deserialize_some",
//!         skip_serializing_if = "Option::is_none"
//!     )]
//!     subject: Option<Option<String>>,
//! }
//!
//! let unchanged: EventPatch = serde_json::from_str("{}")?;
//! assert_eq!(unchanged.subject, None);
//!
//! let cleared: EventPatch = serde_json::from_str(r#"{"subject":null}"#)?;
//! assert_eq!(cleared.subject, Some(None));
//! assert_eq!(serde_json::to_string(&cleared)?, r#"{"subject":null}"#);
//!
//! let set: EventPatch = serde_json::from_str(r#"{"subject":"Standup"}"#)?;
//! assert_eq!(set.subject, Some(Some("Standup".to_owned())));
//! # Ok::<(), serde_json::Error>(())
//! ```

use serde::{Deserialize, Deserializer};

/// Deserialises a present member into `Some(_)`: JSON `null` becomes
/// `Some(None)` and a value `v` becomes `Some(Some(v))`.
///
/// Serde only calls this when the member is present, so together with
/// `#[serde(default)]` an absent member stays `None`. Use it as
///
/// ```text
/// #[serde(
///     default,
///     deserialize_with = "::graphdoc::patch::deserialize_some",
///     skip_serializing_if = "Option::is_none"
/// )]
/// field: Option<Option<T>>,
/// ```
///
/// Serialisation needs no helper: `Some(None)` already serialises as `null`.
pub fn deserialize_some<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Deserialises a present member of a patch field whose property cannot be null: a value `v`
/// becomes `Some(v)`, and `null` is an error unless `T` itself reads `null` (as
/// `serde_json::Value` does). With `#[serde(default)]` an absent member stays `None`, so a
/// client's `null` is never mistaken for "leave unchanged".
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct SettingsPatch {
///     #[serde(default, deserialize_with = "graphdoc::patch::deserialize_value")]
///     name: Option<String>,
/// }
///
/// assert_eq!(serde_json::from_str::<SettingsPatch>("{}")?.name, None);
/// assert_eq!(serde_json::from_str::<SettingsPatch>(r#"{"name":"x"}"#)?.name.as_deref(), Some("x"));
/// assert!(serde_json::from_str::<SettingsPatch>(r#"{"name":null}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn deserialize_value<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// Sets `field` from a patch member that names a typed property of the target but is not one
/// of the patch's fields (a read-only `id`, a property the update page does not list), the way
/// generated `apply` methods use it: the value replaces the field when it reads as the field's
/// type (`null` reads as `None`) and is dropped otherwise, since the target has no other place
/// for a member of that name.
///
/// ```
/// let mut web_url = Some("https://a".to_owned());
/// graphdoc::patch::assign(&mut web_url, serde_json::json!("https://b"));
/// assert_eq!(web_url.as_deref(), Some("https://b"));
/// graphdoc::patch::assign(&mut web_url, serde_json::json!(7));
/// assert_eq!(web_url.as_deref(), Some("https://b"));
/// graphdoc::patch::assign(&mut web_url, serde_json::Value::Null);
/// assert_eq!(web_url, None);
/// ```
pub fn assign<T: serde::de::DeserializeOwned>(field: &mut T, value: serde_json::Value) {
    if let Ok(value) = serde_json::from_value(value) {
        *field = value;
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Default, PartialEq, Deserialize, Serialize)]
    struct Sample {
        #[serde(
            default,
            deserialize_with = "crate::patch::deserialize_some",
            skip_serializing_if = "Option::is_none"
        )]
        name: Option<Option<String>>,
        #[serde(
            default,
            deserialize_with = "crate::patch::deserialize_some",
            skip_serializing_if = "Option::is_none"
        )]
        count: Option<Option<i32>>,
    }

    fn round_trip(json: &str) -> Sample {
        let value: Sample = serde_json::from_str(json).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
        value
    }

    #[test]
    fn absent_is_none() {
        assert_eq!(round_trip("{}"), Sample::default());
    }

    #[test]
    fn null_is_some_none() {
        let value = round_trip(r#"{"name":null,"count":null}"#);
        assert_eq!(value.name, Some(None));
        assert_eq!(value.count, Some(None));
    }

    #[test]
    fn value_is_some_some() {
        let value = round_trip(r#"{"name":"x","count":3}"#);
        assert_eq!(value.name, Some(Some("x".to_owned())));
        assert_eq!(value.count, Some(Some(3)));
    }

    #[test]
    fn mixed_members() {
        let value = round_trip(r#"{"count":null}"#);
        assert_eq!(
            value,
            Sample {
                name: None,
                count: Some(None)
            }
        );
    }

    #[test]
    fn wrong_type_is_an_error() {
        assert!(serde_json::from_str::<Sample>(r#"{"count":"three"}"#).is_err());
    }
}
