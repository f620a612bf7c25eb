//! Polymorphic values: what the generated `Any…` enums use to pick a type by `@odata.type`.
//!
//! A Graph property typed as a base type (`itemFacet`) may hold any type derived from it
//! (`skillProficiency`, `languageProficiency`, ...); the JSON says which in its `@odata.type`
//! member. For every type with derived types graphdoc emits an enum (`AnyItemFacet`) with one
//! boxed variant per type, whose `Deserialize` reads the members once, looks at
//! `@odata.type` with [`type_key`] and reads them again as the type it names, falling back to the
//! base type when the member is absent or names no known subtype. The tag stays in the value's
//! `additional_data`, so it is written back as read.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The member that names a value's type.
///
/// ```
/// use graphdoc::poly::{type_key, TYPE_MEMBER};
/// use serde_json::{json, Map};
///
/// let mut members = Map::new();
/// members.insert(TYPE_MEMBER.to_string(), json!("#microsoft.graph.user"));
/// assert_eq!(type_key(&members).as_deref(), Some("microsoft.graph.user"));
/// assert_eq!(json!(members), json!({"@odata.type": "#microsoft.graph.user"}));
/// ```
pub const TYPE_MEMBER: &str = "@odata.type";

/// The type named by the `@odata.type` member, as generated enums match it: lower case, without
/// the leading `#` (`"#microsoft.graph.skillProficiency"` → `microsoft.graph.skillproficiency`).
///
/// ```
/// use graphdoc::poly::type_key;
/// use serde_json::json;
///
/// let value = json!({"@odata.type": "#Microsoft.Graph.SkillProficiency", "id": "1"});
/// assert_eq!(type_key(value.as_object().unwrap()).as_deref(), Some("microsoft.graph.skillproficiency"));
/// assert_eq!(type_key(json!({"id": "1"}).as_object().unwrap()), None);
/// ```
pub fn type_key(members: &Map<String, Value>) -> Option<String> {
    let tag = members.get(TYPE_MEMBER)?.as_str()?;
    Some(tag.trim().trim_start_matches('#').to_ascii_lowercase())
}

/// Reads an object and hands its type key and members to `pick`, which reads them as the right
/// type (generated code passes a `match` on the key).
///
/// ```
/// use graphdoc::poly;
/// use serde_json::Value;
///
/// #[derive(Debug, PartialEq)]
/// enum Shape { Circle(Box<Value>), Other(Box<Value>) }
///
/// let mut de = serde_json::Deserializer::from_str(r##"{"@odata.type": "#x.circle", "r": 1}"##);
/// let shape = poly::deserialize(&mut de, |key, value| match key {
///     Some("x.circle") => poly::read(value, Shape::Circle),
///     _ => poly::read(value, Shape::Other),
/// })
/// .unwrap();
/// assert!(matches!(shape, Shape::Circle(_)));
/// ```
pub fn deserialize<'de, D, T>(
    deserializer: D,
    pick: impl FnOnce(Option<&str>, Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let members = Map::<String, Value>::deserialize(deserializer)?;
    let key = type_key(&members);
    pick(key.as_deref(), Value::Object(members)).map_err(D::Error::custom)
}

/// Reads `value` as `T` and wraps it (`read(value, AnyItemFacet::SkillProficiency)`).
///
/// ```
/// let n = graphdoc::poly::read(serde_json::json!(3), Some).unwrap();
/// assert_eq!(n, Some(Box::new(3_u8)));
/// ```
pub fn read<T: DeserializeOwned, E>(
    value: Value,
    wrap: impl FnOnce(Box<T>) -> E,
) -> Result<E, serde_json::Error> {
    serde_json::from_value(value).map(|v| wrap(Box::new(v)))
}

/// Writes a derived value held by a polymorphic enum. Graph needs `@odata.type` to tell a derived
/// value from its base, so `tag` is added when the value's `additional_data` has none (a value
/// built in code); a value read from JSON already carries its own and is written unchanged.
///
/// ```
/// use serde_json::{json, Map};
///
/// let additional = Map::new();
/// let written = graphdoc::poly::serialize_tagged(
///     &json!({"id": "1"}),
///     &additional,
///     "#microsoft.graph.skillProficiency",
///     serde_json::value::Serializer,
/// )
/// .unwrap();
/// assert_eq!(written, json!({"@odata.type": "#microsoft.graph.skillProficiency", "id": "1"}));
/// ```
pub fn serialize_tagged<T: Serialize, S: Serializer>(
    value: &T,
    additional_data: &Map<String, Value>,
    tag: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if additional_data.contains_key(TYPE_MEMBER) {
        return value.serialize(serializer);
    }
    use serde::ser::Error as _;
    let mut written = serde_json::to_value(value).map_err(S::Error::custom)?;
    if let Value::Object(members) = &mut written {
        members.insert(TYPE_MEMBER.to_string(), Value::String(tag.to_string()));
    }
    written.serialize(serializer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_ignore_case_hash_and_spaces() {
        for tag in [
            "#microsoft.graph.user",
            "microsoft.graph.user",
            "#Microsoft.Graph.User",
            " #microsoft.graph.USER ",
        ] {
            let v = json!({ TYPE_MEMBER: tag });
            assert_eq!(
                type_key(v.as_object().unwrap()).as_deref(),
                Some("microsoft.graph.user"),
                "{tag}"
            );
        }
        assert_eq!(
            type_key(json!({ TYPE_MEMBER: 3 }).as_object().unwrap()),
            None
        );
    }

    #[test]
    fn a_non_object_is_an_error_not_a_panic() {
        let mut de = serde_json::Deserializer::from_str("[1]");
        let r: Result<Option<Box<Value>>, _> = deserialize(&mut de, |_, v| read(v, Some));
        assert!(r.is_err());
    }
}
