//! Writing a [`Draft`] as a JSONC proposal file: every guessed field followed by a
//! `//` comment with the cue that produced it, and what was left out said in comments.

use std::fmt::Write;

use serde_json::Value;

use super::{Draft, DraftTerm, Field};

/// The proposal file of a draft, with comments, ready for `check`.
pub fn to_jsonc(d: &Draft) -> String {
    let mut out = String::new();
    out.push_str("// Drafted by `armistice draft`: a first encoding to review, not a reading.\n");
    out.push_str("// Every term quotes its sentence; every guessed field says why in a comment.\n");
    let plural = |n: usize, noun: &str| {
        if n == 1 {
            format!("1 {noun}")
        } else {
            format!("{n} {noun}s")
        }
    };
    let _ = writeln!(
        out,
        "// {}, {}.",
        plural(d.sentences, "sentence"),
        plural(d.terms.len(), "term")
    );
    if d.source.is_none() {
        out.push_str("// No source given: add a \"source\" saying where the statement comes from.\n");
    }
    out.push_str("{\n");
    let mut head = vec![
        format!("  \"id\": {}", string(&d.id)),
        format!("  \"by\": {}", compact(&Value::from(d.by.clone()))),
    ];
    if let Some(date) = &d.date {
        head.push(format!("  \"date\": {}", string(date)));
    }
    if let Some(source) = &d.source {
        head.push(format!("  \"source\": {}", string(source)));
    }
    for line in head {
        let _ = writeln!(out, "{line},");
    }
    out.push_str("  \"terms\": [");
    for (i, t) in d.terms.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        term(&mut out, t);
    }
    out.push_str(if d.terms.is_empty() { "]\n" } else { "\n  ]\n" });
    for s in &d.skipped {
        let _ = writeln!(out, "  // no term drafted from: {}", comment(s));
    }
    out.push_str("}\n");
    out
}

fn term(out: &mut String, t: &DraftTerm) {
    let mut lines: Vec<(String, Option<String>)> = vec![
        (format!("\"id\": {}", string(&t.id)), None),
        (format!("\"text\": {}", string(&t.text)), None),
    ];
    let mut field = |name: &str, f: &Field| {
        lines.push((
            format!("{}: {}", string(name), compact(&f.value)),
            Some(f.why.clone()),
        ))
    };
    field("subject", &t.subject);
    field("modality", &t.modality);
    field("action", &t.action);
    for (name, f) in [
        ("target", &t.target),
        ("about", &t.about),
        ("scope", &t.scope),
        ("window", &t.window),
    ] {
        if let Some(f) = f {
            field(name, f);
        }
    }
    if !t.params.is_empty() {
        let mut params = serde_json::Map::new();
        let mut why = Vec::new();
        for (name, f) in &t.params {
            params.insert(name.clone(), f.value.clone());
            why.push(format!("{name} {}", f.why));
        }
        field("params", &Field::new(Value::Object(params), why.join("; ")));
    }
    if let Some(f) = &t.requires {
        field("requires", f);
    }
    out.push_str("    {\n");
    let n = lines.len();
    for (k, (line, why)) in lines.into_iter().enumerate() {
        let comma = if k + 1 < n { "," } else { "" };
        match why.filter(|w| !w.is_empty()) {
            Some(w) => _ = writeln!(out, "      {line}{comma} // {}", comment(&w)),
            None => _ = writeln!(out, "      {line}{comma}"),
        }
    }
    for note in &t.notes {
        let _ = writeln!(out, "      // {}", comment(note));
    }
    out.push_str("    }");
}

fn string(s: &str) -> String {
    Value::from(s).to_string()
}

/// A value on one line, `{"days": 30}` with a space after each colon and comma.
fn compact(v: &Value) -> String {
    match v {
        Value::Array(items) => format!("[{}]", items.iter().map(compact).collect::<Vec<_>>().join(", ")),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", string(k), compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// Text made safe for a `//` comment: on one line, without control characters.
fn comment(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}
