//! Room views sent as changes (protocol version 2): the server diffs the view
//! a participant last received against the new one, and the client applies
//! the operations to its copy. An answer update then costs each participant
//! the changed text and a few bytes of bookkeeping instead of the whole room.
//!
//! The operations work on JSON values, so every view field is covered
//! without a hand-written delta per event; [`diff`] and [`apply`] are inverse:
//! `apply(&mut a, &diff(&a, &b))` turns `a` into `b` (property-tested).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One step of a path into a JSON value: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Step {
    Index(usize),
    Key(String),
}

/// A change to a view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum PatchOp {
    /// Replace the value at `path` (an index one past an array's end appends).
    Set { path: Vec<Step>, value: Value },
    /// Edit the string at `path`: remove `delete` bytes at byte offset `at`
    /// and insert `insert` there (offsets in UTF-8 bytes, on char boundaries).
    Splice {
        path: Vec<Step>,
        at: usize,
        delete: usize,
        insert: String,
    },
    /// Shorten the array at `path` to `len` elements.
    Truncate { path: Vec<Step>, len: usize },
    /// Remove key `path`'s last step from the object that holds it.
    Remove { path: Vec<Step> },
}

impl PatchOp {
    /// An operation read by hand from the JSON its `Serialize` writes (`None`
    /// for anything else). The browser reads patches with this: serde's
    /// decoders of an internally tagged enum with untagged steps buffer every
    /// operation and decode it again, which weighed 14 KiB of WASM.
    pub fn from_json(op: &Value) -> Option<PatchOp> {
        let path = op
            .get("path")?
            .as_array()?
            .iter()
            .map(|step| match step {
                Value::Number(n) => n.as_u64().and_then(|i| usize::try_from(i).ok()).map(Step::Index),
                Value::String(key) => Some(Step::Key(key.clone())),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let number = |key: &str| op.get(key)?.as_u64().and_then(|n| usize::try_from(n).ok());
        Some(match op.get("op")?.as_str()? {
            "set" => PatchOp::Set {
                path,
                value: op.get("value")?.clone(),
            },
            "splice" => PatchOp::Splice {
                path,
                at: number("at")?,
                delete: number("delete")?,
                insert: op.get("insert")?.as_str()?.to_owned(),
            },
            "truncate" => PatchOp::Truncate {
                path,
                len: number("len")?,
            },
            "remove" => PatchOp::Remove { path },
            _ => return None,
        })
    }
}

/// Strings shorter than this are replaced whole: a splice would not be smaller.
const SPLICE_FROM: usize = 48;

/// The operations that turn `old` into `new`.
pub fn diff(old: &Value, new: &Value) -> Vec<PatchOp> {
    let mut ops = Vec::new();
    let mut path = Vec::new();
    diff_at(old, new, &mut path, &mut ops);
    ops
}

fn diff_at(old: &Value, new: &Value, path: &mut Vec<Step>, ops: &mut Vec<PatchOp>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => diff_objects(a, b, path, ops),
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                path.push(Step::Index(i));
                diff_at(x, y, path, ops);
                path.pop();
            }
            if b.len() < a.len() {
                ops.push(PatchOp::Truncate {
                    path: path.clone(),
                    len: b.len(),
                });
            }
            for (i, y) in b.iter().enumerate().skip(a.len()) {
                let mut at = path.clone();
                at.push(Step::Index(i));
                ops.push(PatchOp::Set {
                    path: at,
                    value: y.clone(),
                });
            }
        }
        (Value::String(a), Value::String(b)) if a == b => {}
        (Value::String(a), Value::String(b)) if a.len().max(b.len()) >= SPLICE_FROM => {
            let (at, delete, insert) = splice_of(a, b);
            ops.push(PatchOp::Splice {
                path: path.clone(),
                at,
                delete,
                insert: insert.to_owned(),
            });
        }
        (a, b) if a == b => {}
        (_, b) => ops.push(PatchOp::Set {
            path: path.clone(),
            value: b.clone(),
        }),
    }
}

fn diff_objects(a: &Map<String, Value>, b: &Map<String, Value>, path: &mut Vec<Step>, ops: &mut Vec<PatchOp>) {
    for (key, y) in b {
        path.push(Step::Key(key.clone()));
        match a.get(key) {
            Some(x) => diff_at(x, y, path, ops),
            None => ops.push(PatchOp::Set {
                path: path.clone(),
                value: y.clone(),
            }),
        }
        path.pop();
    }
    for key in a.keys().filter(|k| !b.contains_key(*k)) {
        let mut at = path.clone();
        at.push(Step::Key(key.clone()));
        ops.push(PatchOp::Remove { path: at });
    }
}

/// `(at, delete, insert)` replacing the middle of `a` that differs from `b`,
/// keeping their common prefix and suffix, cut on char boundaries.
fn splice_of<'b>(a: &str, b: &'b str) -> (usize, usize, &'b str) {
    let mut prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !a.is_char_boundary(prefix) || !b.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .bytes()
        .rev()
        .zip(b.bytes().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - suffix) || !b.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    (prefix, a.len() - suffix - prefix, &b[prefix..b.len() - suffix])
}

/// Why a patch does not fit the client's copy (it then asks for a full view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchError(pub String);

impl std::fmt::Display for PatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "patch does not apply: {}", self.0)
    }
}

/// Applies `ops` in order to `target`.
pub fn apply(target: &mut Value, ops: &[PatchOp]) -> Result<(), PatchError> {
    for op in ops {
        apply_one(target, op)?;
    }
    Ok(())
}

fn apply_one(target: &mut Value, op: &PatchOp) -> Result<(), PatchError> {
    let bad = |what: &str| PatchError(what.to_owned());
    match op {
        PatchOp::Set { path, value } => {
            let Some((last, parent)) = path.split_last() else {
                *target = value.clone();
                return Ok(());
            };
            match (walk(target, parent)?, last) {
                (Value::Object(map), Step::Key(key)) => {
                    map.insert(key.clone(), value.clone());
                }
                (Value::Array(items), Step::Index(i)) if *i < items.len() => items[*i] = value.clone(),
                (Value::Array(items), Step::Index(i)) if *i == items.len() => items.push(value.clone()),
                _ => return Err(bad("set: no such place")),
            }
        }
        PatchOp::Splice {
            path,
            at,
            delete,
            insert,
        } => {
            let Value::String(s) = walk(target, path)? else {
                return Err(bad("splice: not a string"));
            };
            let end = at.checked_add(*delete).ok_or_else(|| bad("splice: range overflows"))?;
            if end > s.len() || !s.is_char_boundary(*at) || !s.is_char_boundary(end) {
                return Err(bad("splice: range outside the string"));
            }
            s.replace_range(*at..end, insert);
        }
        PatchOp::Truncate { path, len } => match walk(target, path)? {
            Value::Array(items) if *len <= items.len() => items.truncate(*len),
            _ => return Err(bad("truncate: not an array that long")),
        },
        PatchOp::Remove { path } => {
            let Some((Step::Key(key), parent)) = path.split_last() else {
                return Err(bad("remove: path must end in a key"));
            };
            match walk(target, parent)? {
                Value::Object(map) => {
                    map.remove(key);
                }
                _ => return Err(bad("remove: not an object")),
            }
        }
    }
    Ok(())
}

fn walk<'v>(mut at: &'v mut Value, path: &[Step]) -> Result<&'v mut Value, PatchError> {
    for step in path {
        at = match (at, step) {
            (Value::Object(map), Step::Key(key)) => map.get_mut(key),
            (Value::Array(items), Step::Index(i)) => items.get_mut(*i),
            _ => None,
        }
        .ok_or_else(|| PatchError(format!("no {step:?} on the path")))?;
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn round_trip(a: Value, b: Value) -> Vec<PatchOp> {
        let ops = diff(&a, &b);
        // The operations survive the wire too.
        let wire: Vec<PatchOp> = serde_json::from_str(&serde_json::to_string(&ops).expect("encode")).expect("decode");
        // And the browser's reader by hand agrees with serde's.
        let json = serde_json::to_value(&ops).expect("encode");
        let by_hand: Option<Vec<PatchOp>> = json
            .as_array()
            .expect("a list")
            .iter()
            .map(PatchOp::from_json)
            .collect();
        assert_eq!(by_hand.as_ref(), Some(&wire), "{json}");
        let mut patched = a.clone();
        apply(&mut patched, &wire).expect("applies");
        assert_eq!(patched, b, "ops: {ops:?}");
        ops
    }

    #[test]
    fn an_edited_long_string_costs_only_the_change() {
        let text = "fn main() {\n    println!(\"hello\");\n}\n".repeat(50);
        let edited = text.replacen("hello", "hello, wörld", 1);
        let ops = round_trip(json!({"answer": text, "n": 1}), json!({"answer": edited, "n": 1}));
        let wire = serde_json::to_string(&ops).expect("encode");
        assert!(wire.len() < 100, "{wire}");
    }

    #[test]
    fn multibyte_edits_stay_on_char_boundaries() {
        let a = "ééééééééééééééééééééééééééééééééééééééééééééééééééé".to_owned();
        let b = a.replacen('é', "è", 1);
        round_trip(json!(a), json!(b));
        round_trip(json!("aé".repeat(30)), json!("aè".repeat(30)));
        round_trip(json!("€".repeat(40)), json!("€".repeat(41)));
    }

    #[test]
    fn arrays_grow_shrink_and_change() {
        round_trip(json!([1, 2, 3]), json!([1, 5, 3, 4, {"k": "v"}]));
        round_trip(json!([1, 2, 3]), json!([2]));
        round_trip(json!({"a": [1], "b": null}), json!({"a": [], "c": true}));
        assert!(diff(&json!({"x": [1, {"y": "z"}]}), &json!({"x": [1, {"y": "z"}]})).is_empty());
    }

    #[test]
    fn the_reader_by_hand_refuses_what_is_not_an_operation() {
        for bad in [
            json!({"op": "set", "path": [-1], "value": 1}),
            json!({"op": "set", "path": [true], "value": 1}),
            json!({"op": "set", "path": []}),
            json!({"op": "splice", "path": [], "at": 1, "delete": -2, "insert": ""}),
            json!({"op": "move", "path": []}),
            json!({"path": []}),
            json!([1]),
        ] {
            assert_eq!(PatchOp::from_json(&bad), None, "{bad}");
        }
    }

    #[test]
    fn a_patch_that_does_not_fit_is_refused_not_misapplied() {
        let ops = diff(&json!({"a": "x".repeat(60)}), &json!({"a": "y".repeat(60)}));
        let mut other = json!({"a": "short"});
        assert!(apply(&mut other, &ops).is_err());
        let mut missing = json!({});
        assert!(apply(
            &mut missing,
            &[PatchOp::Truncate {
                path: vec![Step::Key("a".into())],
                len: 0
            }]
        )
        .is_err());
    }

    /// Small random JSON values from a seed (no extra dependency).
    fn value(seed: &mut u64, depth: u32) -> Value {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let pick = (*seed >> 33) % if depth == 0 { 4 } else { 6 };
        let n = (*seed >> 40) % 5;
        match pick {
            0 => Value::Null,
            1 => json!(n),
            2 => json!(
                [
                    "",
                    "a",
                    "é€ü",
                    &"lorem ipsum dolor sit amet ".repeat(3),
                    &"lorem ipsum dólor sit amet ".repeat(3)
                ][n as usize]
            ),
            3 => json!(n.is_multiple_of(2)),
            4 => Value::Array((0..n).map(|_| value(seed, depth - 1)).collect()),
            _ => Value::Object(
                (0..n)
                    .map(|i| (format!("k{}", (i * 7 + n) % 4), value(seed, depth - 1)))
                    .collect(),
            ),
        }
    }

    #[test]
    fn diff_then_apply_gives_the_new_value_for_random_pairs() {
        let mut seed = 7;
        for _ in 0..3000 {
            let a = value(&mut seed, 3);
            let b = value(&mut seed, 3);
            round_trip(a.clone(), b.clone());
            round_trip(b, a);
        }
    }
}
