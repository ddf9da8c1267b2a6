//! The edit language names any id: bare when the edit cannot misread it, as a JSON
//! string otherwise (`drop "we ird.p"/"a b"`); the short forms find a term id with `.`
//! or `=` (TABLE rows 20-22, 105 of the robustness review); and every edit's `Display`
//! reads back as the same edit, whatever its ids hold.

use armistice::model::Timing;
use armistice::whatif::{Edit, parse_add, parse_drop, parse_edit, parse_set};
use proptest::prelude::*;
use serde_json::{Value, json};

#[test]
fn any_id_can_be_named_quoted() {
    let drop = |term: &str| Edit::Drop { term: term.into() };
    assert_eq!(
        parse_edit(r#"drop "we ird.p"/"a b""#).unwrap(),
        drop("we ird.p/a b")
    );
    assert_eq!(parse_drop(r#""we ird.p"/"a b""#).unwrap(), drop("we ird.p/a b"));
    assert_eq!(parse_drop("sp ace/a b").unwrap(), drop("sp ace/a b"));
    assert_eq!(drop("we ird.p/a b").to_string(), r#"drop "we ird.p"/"a b""#);
    // A bare name with a space says how to write it.
    let e = parse_edit("drop we ird.p/a b").unwrap_err().to_string();
    assert!(e.contains("JSON string"), "{e}");
    // A term id with `.` beside a term `a` (TABLE row 20), with `=` (row 22).
    let set = |term: &str| Edit::Set {
        term: term.into(),
        field: "modality".into(),
        value: json!("may"),
    };
    assert_eq!(parse_set("dot.p/a.b.modality=may").unwrap(), set("dot.p/a.b"));
    // Term `c.window` beside `c`: `c.window.modality` could be either.
    let e = parse_set("p/c.window.modality=may").unwrap_err().to_string();
    assert!(
        e.contains("ambiguous") && e.contains(r#"`"p"/"c.window".modality`"#),
        "{e}"
    );
    assert_eq!(
        parse_set(r#"p/"c.window".modality=may"#).unwrap(),
        set("p/c.window")
    );
    assert!(parse_set("us/aid.window.days=60").is_ok());
    assert_eq!(
        parse_set(r#""dot.p"/"a.b".modality=may"#).unwrap(),
        set("dot.p/a.b")
    );
    assert_eq!(parse_set("eq=p/a=b.modality=may").unwrap(), set("eq=p/a=b"));
    assert_eq!(
        parse_set("us/aid.text=a.modality=b").unwrap().to_string(),
        "set us/aid text=a.modality=b"
    );
    let add = parse_add(r#"eq=p={"id":"x","subject":"US","action":"military_aid"}"#).unwrap();
    assert_eq!(add.proposal(), "eq=p");
    let add = parse_add(r#""a b"={"id":"x","subject":"US","action":"military_aid"}"#).unwrap();
    assert_eq!(parse_edit(&add.to_string()).unwrap(), add);
    let r = parse_edit(r#"require "a b"/"c d" "e f" concurrent"#).unwrap();
    assert_eq!(r.to_string(), r#"require "a b"/"c d" "e f" concurrent"#);
}

#[test]
fn a_parameter_path_too_deep_says_so() {
    // TABLE row 105: was "unknown field `b`, expected `min` or `max`".
    let e = parse_set("us-2025-03-11/aid.params.a.b.c.d=5")
        .unwrap_err()
        .to_string();
    assert!(e.contains("`params.a.min`"), "{e}");
    assert!(parse_set("us/aid.params.a.min=5").is_ok());
}

/// An id as a proposal file can hold one: anything but `/` and the empty id, often with the characters
/// the edit language splits at.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,6}",
        r#"[a-z .="'`{}\\]{1,8}"#,
        "[ -~]{1,8}",
        "\\PC{1,6}",
        "[\n\t\r\u{1b}a ]{1,4}",
    ]
    .prop_map(|s| s.replace('/', "∕"))
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("may")),
        Just(json!(30)),
        Just(json!({"days": 60})),
        Just(Value::Null),
        "[ -~]{0,8}".prop_map(Value::String),
    ]
}

fn term() -> impl Strategy<Value = String> {
    (id(), id()).prop_map(|(p, t)| format!("{p}/{t}"))
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (
            term(),
            prop::sample::select(vec!["modality", "window.days", "params.count", "text"]),
            value()
        )
            .prop_map(|(term, field, value)| Edit::Set {
                term,
                field: field.into(),
                value
            }),
        term().prop_map(|term| Edit::Drop { term }),
        (id(), id()).prop_map(|(proposal, t)| Edit::Add {
            proposal,
            term: serde_json::from_value(json!({"id": t, "subject": "US", "action": "strikes"})).unwrap(),
        }),
        (term(), id(), any::<bool>()).prop_map(|(term, condition, c)| Edit::Require {
            term,
            condition,
            timing: if c { Timing::Concurrent } else { Timing::Before },
        }),
        (term(), id()).prop_map(|(term, condition)| Edit::Unrequire { term, condition }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The long form an edit prints reads back as the same edit, and so does each short
    /// form written with the same quoting.
    #[test]
    fn every_edit_reads_back_from_its_display(e in edit()) {
        let shown = e.to_string();
        prop_assert!(!shown.contains(['\n', '\r']), "`{shown}` spans lines");
        prop_assert_eq!(parse_edit(&shown), Ok(e.clone()), "`{}` reads back differently", shown);
        if let Some(term) = shown.strip_prefix("drop ") {
            prop_assert_eq!(parse_drop(term), Ok(e.clone()));
        }
    }
}
