//! Reading the wire types from a `serde_json::Value`, as the browser does for
//! every answer of the API and every room view (`#[derive(FromJson)]`, see
//! `api/derive`): what serde reads, field by field, with a fraction of the
//! code. The rules are serde's: missing `Option` fields read as `None`,
//! `#[serde(default)]` fields as their default, unknown keys are ignored but
//! where the type denies them, anything else out of place is a refusal
//! (`None`).

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

pub use mockroom_api_derive::FromJson;

/// A type read by hand from a JSON value: `None` if the value does not hold one.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Option<Self>;
}

/// The field `key` of an object; a missing field reads as `null`.
#[doc(hidden)]
pub fn field<T: FromJson>(object: &Value, key: &str) -> Option<T> {
    T::from_json(object.get(key).unwrap_or(&Value::Null))
}

/// A `#[serde(default)]` field: its default when missing.
#[doc(hidden)]
pub fn field_or_default<T: FromJson + Default>(object: &Value, key: &str) -> Option<T> {
    object.get(key).map_or(Some(T::default()), T::from_json)
}

#[doc(hidden)]
pub fn object(value: &Value) -> Option<&Value> {
    value.is_object().then_some(value)
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            value => T::from_json(value).map(Some),
        }
    }
}

/// A plain loop rather than `collect::<Option<Vec<_>>>()`, whose adapter
/// (`GenericShunt`, with its `try_fold`) was instantiated for every list type.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Option<Self> {
        let items = value.as_array()?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(T::from_json(item)?);
        }
        Some(out)
    }
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Value) -> Option<Self> {
        match value.as_array()?.as_slice() {
            [a, b] => Some((A::from_json(a)?, B::from_json(b)?)),
            _ => None,
        }
    }
}

/// An answer with no body (read as `null`), as serde reads `()`.
impl FromJson for () {
    fn from_json(value: &Value) -> Option<Self> {
        value.is_null().then_some(())
    }
}

/// Integers as serde reads them: a JSON integer in the type's range (not
/// `1.0`, not out of range), through `as_i64` or `as_u64` by signedness.
macro_rules! integers {
    ($($ty:ty => $read:ident),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Value) -> Option<Self> {
                value.$read().and_then(|n| <$ty>::try_from(n).ok())
            }
        }
    )*};
}

integers!(i32 => as_i64, i64 => as_i64, u8 => as_u64, u32 => as_u64, u64 => as_u64, usize => as_u64);

/// serde reads any JSON number as an `f64`.
impl FromJson for f64 {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_f64()
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Option<Self> {
        Some(value.clone())
    }
}

impl FromJson for Uuid {
    fn from_json(value: &Value) -> Option<Self> {
        Uuid::parse_str(value.as_str()?).ok()
    }
}

/// RFC 3339 with any offset, kept in UTC: what the server writes (chrono's
/// serde support, years 0000-9999; the server keeps its times in them).
/// serde reads it with chrono's `FromStr`, which is laxer (`UTC` as the
/// offset, offsets without a colon, signed or longer years) through a
/// general-purpose parser that weighed 8 KB of WASM in every page; the API
/// tests hold the two readers to each other on every answer they receive.
impl FromJson for DateTime<Utc> {
    fn from_json(value: &Value) -> Option<Self> {
        DateTime::parse_from_rfc3339(value.as_str()?)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// The derive's shapes that the view and timeline tests do not reach.
#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::room::{ClientMessage, RoomView};
    use crate::teams::{InviteStatus, Role};

    #[test]
    fn lowercase_variants_read_as_serde_names_them() {
        for role in [Role::Owner, Role::Admin, Role::Interviewer, Role::Candidate] {
            let json = serde_json::to_value(role).expect("serialise");
            assert_eq!(Role::from_json(&json), Some(role), "{json}");
        }
        for status in [
            InviteStatus::Pending,
            InviteStatus::Used,
            InviteStatus::Revoked,
            InviteStatus::Expired,
        ] {
            let json = serde_json::to_value(status).expect("serialise");
            assert_eq!(InviteStatus::from_json(&json), Some(status), "{json}");
        }
        assert_eq!(Role::from_json(&json!("Owner")), None);
    }

    #[test]
    fn a_tagged_newtype_variant_reads_its_struct_from_the_same_object() {
        let json = json!({"audience": "nobody"});
        assert!(serde_json::from_value::<RoomView>(json.clone()).is_err());
        assert!(RoomView::from_json(&json).is_none());
    }

    #[test]
    fn unknown_fields_are_refused_where_serde_refuses_them() {
        let hello = json!({"type": "hello", "version": 2});
        assert!(matches!(
            ClientMessage::from_json(&hello),
            Some(ClientMessage::Hello { version: 2 })
        ));
        let extra = json!({"type": "hello", "version": 2, "extra": true});
        assert!(serde_json::from_value::<ClientMessage>(extra.clone()).is_err());
        assert!(ClientMessage::from_json(&extra).is_none());
    }

    #[test]
    fn integers_read_in_range_only_as_serde_reads_them() {
        for value in [json!(1.0), json!(-1), json!(1u64 << 40), json!("1")] {
            assert_eq!(
                serde_json::from_value::<u32>(value.clone()).ok(),
                u32::from_json(&value),
                "{value}"
            );
        }
        for value in [json!(-5), json!(i64::from(i32::MIN) - 1), json!(u64::MAX)] {
            assert_eq!(
                serde_json::from_value::<i32>(value.clone()).ok(),
                i32::from_json(&value),
                "{value}"
            );
            assert_eq!(
                serde_json::from_value::<i64>(value.clone()).ok(),
                i64::from_json(&value),
                "{value}"
            );
            assert_eq!(
                serde_json::from_value::<u64>(value.clone()).ok(),
                u64::from_json(&value),
                "{value}"
            );
        }
        assert_eq!(f64::from_json(&json!(3)), Some(3.0));
    }

    #[test]
    fn an_empty_answer_reads_as_unit() {
        assert_eq!(<()>::from_json(&Value::Null), Some(()));
        assert_eq!(<()>::from_json(&json!({})), None);
    }
}
