//! RFC 6902 JSON Patch from one proposal file's JSON to another's.
//!
//! Objects are diffed key by key. The top-level `terms` array follows the term
//! alignment (a matched term is patched in place, even when renamed or moved); other
//! arrays follow a longest common subsequence of their elements. Removals go from the
//! end first, so that every index is right when the operation applies.

use serde_json::{Map, Value};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One operation of a JSON Patch. Paths are JSON Pointers (RFC 6901).
#[derive(Debug, Clone, PartialEq)]
pub enum PatchOp {
    /// Inserts `value` at `path` (into an array: before the element there).
    Add {
        /// Where.
        path: String,
        /// What.
        value: Value,
    },
    /// Removes the value at `path`.
    Remove {
        /// Where.
        path: String,
    },
    /// Replaces the value at `path` by `value`.
    Replace {
        /// Where.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Moves the value at `from` to `path`.
    Move {
        /// From where.
        from: String,
        /// To where.
        path: String,
    },
}

/// Above this many elements, a reordered array is replaced whole rather than moved
/// element by element (which costs the square of its length).
const MOVE_LIMIT: usize = 10_000;

/// The patch that turns `old` into `new`. `terms` pairs the elements of the top-level
/// `terms` arrays (old index, new index), as the term alignment matched them; pairs
/// out of bounds or repeated are ignored.
pub fn json_patch(old: &Value, new: &Value, terms: &[(usize, usize)]) -> Vec<PatchOp> {
    let mut ops = Vec::new();
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => objects(a, b, "", Some(terms), &mut ops),
        _ => value(old, new, "", &mut ops),
    }
    ops
}

/// Escapes a key for a JSON Pointer: `~` as `~0`, `/` as `~1`.
pub fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn value(a: &Value, b: &Value, path: &str, ops: &mut Vec<PatchOp>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => objects(x, y, path, None, ops),
        (Value::Array(x), Value::Array(y)) => arrays(x, y, path, &lcs_pairs(x, y), ops),
        _ => ops.push(PatchOp::Replace {
            path: path.to_owned(),
            value: b.clone(),
        }),
    }
}

fn objects(
    a: &Map<String, Value>,
    b: &Map<String, Value>,
    path: &str,
    terms: Option<&[(usize, usize)]>,
    ops: &mut Vec<PatchOp>,
) {
    let child = |k: &str| format!("{path}/{}", pointer_escape(k));
    for k in a.keys() {
        if !b.contains_key(k) {
            ops.push(PatchOp::Remove { path: child(k) });
        }
    }
    for (k, vb) in b {
        match a.get(k) {
            None => ops.push(PatchOp::Add {
                path: child(k),
                value: vb.clone(),
            }),
            Some(va) => match (k.as_str(), terms, va, vb) {
                ("terms", Some(pairs), Value::Array(x), Value::Array(y)) => {
                    arrays(x, y, &child(k), pairs, ops)
                }
                _ => value(va, vb, &child(k), ops),
            },
        }
    }
}

/// Pairs of equal elements along a longest common subsequence, plus the elements of
/// each replaced run paired in order (so that a changed object is patched inside).
fn lcs_pairs(a: &[Value], b: &[Value]) -> Vec<(usize, usize)> {
    let key = |v: &Value| v.to_string();
    let (ka, kb): (Vec<String>, Vec<String>) = (a.iter().map(key).collect(), b.iter().map(key).collect());
    let mut pairs = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        match op {
            DiffOp::Equal { .. } | DiffOp::Replace { .. } => {
                pairs.extend(op.old_range().zip(op.new_range()));
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    pairs
}

/// Turns array `a` into `b`, keeping the paired elements (and patching inside them):
/// removals from the end first, then moves and additions from the front.
fn arrays(a: &[Value], b: &[Value], path: &str, pairs: &[(usize, usize)], ops: &mut Vec<PatchOp>) {
    let mut new_of_old = vec![None; a.len()];
    let mut old_of_new = vec![None; b.len()];
    for &(i, j) in pairs {
        if let (Some(None), Some(None)) = (new_of_old.get(i), old_of_new.get(j)) {
            new_of_old[i] = Some(j);
            old_of_new[j] = Some(i);
        }
    }
    let kept: Vec<usize> = (0..a.len()).filter_map(|i| new_of_old[i]).collect();
    let monotone = kept.windows(2).all(|w| w[0] < w[1]);
    if !monotone && a.len() > MOVE_LIMIT {
        ops.push(PatchOp::Replace {
            path: path.to_owned(),
            value: Value::Array(b.to_vec()),
        });
        return;
    }
    let at = |k: usize| format!("{path}/{k}");
    for i in (0..a.len()).rev() {
        if new_of_old[i].is_none() {
            ops.push(PatchOp::Remove { path: at(i) });
        }
    }
    if monotone {
        // The kept elements are in order: each addition lands before the rest.
        for (j, v) in b.iter().enumerate() {
            if old_of_new[j].is_none() {
                ops.push(PatchOp::Add {
                    path: at(j),
                    value: v.clone(),
                });
            }
        }
    } else {
        // The current array, as the new index each element will have.
        let mut current = kept;
        for (j, v) in b.iter().enumerate() {
            if old_of_new[j].is_some() {
                if let Some(p) = current.iter().position(|&k| k == j)
                    && p != j
                {
                    ops.push(PatchOp::Move {
                        from: at(p),
                        path: at(j),
                    });
                    current.remove(p);
                    current.insert(j.min(current.len()), j);
                }
            } else {
                ops.push(PatchOp::Add {
                    path: at(j),
                    value: v.clone(),
                });
                current.insert(j.min(current.len()), j);
            }
        }
    }
    for (j, vb) in b.iter().enumerate() {
        if let Some(va) = old_of_new[j].and_then(|i| a.get(i)) {
            value(va, vb, &at(j), ops);
        }
    }
}
