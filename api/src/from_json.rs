//! Reading API types by hand from a `serde_json::Value`, for the pages where
//! serde's derived decoders weigh most (see `candidate_json` and
//! `timeline_json`): what serde reads, field by field, with a fraction of
//! the code. The rules are serde's: missing `Option` fields read as `None`,
//! `#[serde(default)]` fields as their default, unknown keys are ignored,
//! anything else out of place is a refusal (`None`).

use serde_json::Value;

/// A type read by hand from a JSON value: `None` if the value does not hold one.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Option<Self>;
}

/// The field `key` of an object; a missing field reads as `null`.
pub(crate) fn field<T: FromJson>(object: &Value, key: &str) -> Option<T> {
    T::from_json(object.get(key).unwrap_or(&Value::Null))
}

/// A `#[serde(default)]` field: its default when missing.
pub(crate) fn field_or_default<T: FromJson + Default>(object: &Value, key: &str) -> Option<T> {
    object.get(key).map_or(Some(T::default()), T::from_json)
}

pub(crate) fn object(value: &Value) -> Option<&Value> {
    value.is_object().then_some(value)
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_i64()
    }
}

impl FromJson for usize {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_u64().and_then(|n| usize::try_from(n).ok())
    }
}

impl FromJson for u8 {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_u64().and_then(|n| u8::try_from(n).ok())
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

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Option<Self> {
        value.as_array()?.iter().map(T::from_json).collect()
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
