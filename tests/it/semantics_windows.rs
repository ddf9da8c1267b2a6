//! Windows and coverage as DESIGN §2–§3 (v2) define them, on the semantics cases of
//! issue 20 (`tests/fixtures/semantics/`): an absent window is unstated (case 12), the
//! other side's windows add up (case 07), `"ceasefire"` is the general ceasefire
//! (case 08), and open, pending and silent say what holds (case 11).

use serde_json::Value;

use crate::support::cli::{Run, plain};

const DIR: &str = "tests/fixtures/semantics";

fn run(args: &[&str]) -> Run {
    Run::of(plain().args(args))
}

/// `compare` of `a` and `b` in case folder `case`: the text, the JSON's first pair,
/// and the exit code.
fn compare(case: &str, a: &str, b: &str) -> (String, Value, i32) {
    let (a, b) = (format!("{DIR}/{case}/{a}"), format!("{DIR}/{case}/{b}"));
    let text = run(&["compare", "--color=never", &a, &b]);
    assert!(text.code < 2, "{}", text.stderr);
    let json = run(&["compare", "--format", "json", &a, &b]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    (text.stdout, v["pairs"][0].clone(), text.code)
}

fn kinds(pair: &Value) -> Vec<(String, String, String)> {
    pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |v: &Value| v.as_str().unwrap().to_owned();
            (s(&r["kind"]), s(&r["left"]["term"]), s(&r["right"]["term"]))
        })
        .collect()
}

fn open_terms(pair: &Value) -> Vec<String> {
    pair["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["term"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn case_12_an_absent_window_is_unstated_and_never_diverges_on_time_alone() {
    let (text, pair, code) = compare("12-unspecified-duration", "a.json", "b.json");
    assert_eq!(code, 0, "{text}");
    assert_eq!(pair["verdict"], "compatible", "{text}");
    assert_eq!(
        kinds(&pair),
        [("agree".into(), "a/energy".into(), "b/energy".into())]
    );
    assert!(
        open_terms(&pair).is_empty(),
        "no remainder in time is open: {text}"
    );
    let r = &pair["relations"][0];
    assert_eq!(r["left"]["window"], Value::Null, "unstated is null in JSON");
    assert_eq!(r["right"]["window"]["to"], 30);
    assert_eq!(r["window"]["to"], 30, "the common part is the stated window");
    assert!(
        text.contains("days 0–30 (duration unstated in a/energy)"),
        "{text}"
    );
    insta::assert_snapshot!(text);
    // Markdown and HTML say it too.
    let (a, b) = (
        format!("{DIR}/12-unspecified-duration/a.json"),
        format!("{DIR}/12-unspecified-duration/b.json"),
    );
    let md = run(&["compare", "--format", "markdown", &a, &b]);
    assert!(
        md.stdout.contains("duration unstated in a/energy"),
        "{}",
        md.stdout
    );
    let html = run(&["report", &a, &b]);
    assert!(html.stdout.contains("duration unstated in a/energy"));
}

#[test]
fn case_12_two_stated_windows_still_diverge_and_indefinite_is_stated() {
    let (a, b) = (
        format!("{DIR}/12-unspecified-duration/a.json"),
        format!("{DIR}/12-unspecified-duration/b.json"),
    );
    // `window=indefinite` states "without end": against 30 days, a divergence on the
    // common part, and the rest is open.
    let out = run(&[
        "whatif",
        "--color=never",
        "--set",
        "a/energy.window=indefinite",
        &a,
        &b,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let changes: Vec<&str> = out.stdout.lines().map(str::trim).collect();
    assert!(
        changes.contains(&"divergence introduced         a/energy ⟷ b/energy"),
        "{}",
        out.stdout
    );
    assert!(
        changes.contains(&"newly open                    a/energy"),
        "{}",
        out.stdout
    );
    // A misspelt keyword: an error with its place and a "did you mean".
    let bad = "tests/fixtures/bad/window-indefinite-misspelt.json";
    let checked = run(&["check", "--color=never", bad]);
    assert_eq!(checked.code, 2);
    assert!(
        checked.stderr.contains("unknown window `indefinit`"),
        "{}",
        checked.stderr
    );
    assert!(
        checked.stderr.contains("did you mean `indefinite`?"),
        "{}",
        checked.stderr
    );
    assert!(
        checked.stderr.contains("window-indefinite-misspelt.json:4:"),
        "{}",
        checked.stderr
    );
}

#[test]
fn case_07_the_other_sides_windows_add_up() {
    let (text, pair, _) = compare("07-open-window-union", "a.json", "b.json");
    // Both divergences stay (two stated windows that differ diverge on the common
    // part); days 0–30 and 30–60 cover p/halt's 60 days: nothing is open.
    assert_eq!(
        kinds(&pair),
        [
            ("diverge".into(), "p/halt".into(), "q/first".into()),
            ("diverge".into(), "p/halt".into(), "q/second".into())
        ]
    );
    assert!(open_terms(&pair).is_empty(), "{text}");
    assert!(!text.contains("the rest of it is open"), "{text}");
    assert!(!text.contains("silent"), "{text}");
    insta::assert_snapshot!(text);
    // With a gap (days 0–30 and 40–60), the rest is open and has its OPEN line.
    let (text, pair, _) = compare("07-open-window-union", "a.json", "b-gap.json");
    assert_eq!(open_terms(&pair), ["p/halt"], "{text}");
    assert!(
        text.contains("p/halt is broader; the rest of it is open"),
        "{text}"
    );
}

#[test]
fn case_08_ceasefire_is_the_general_ceasefire() {
    let (text, pair, code) = compare("08-ceasefire-window-partial-moratorium", "a.json", "b.json");
    assert_eq!(code, 0, "{text}");
    // p/pow takes p/halt's 60 days, not the 10-day energy moratorium listed first.
    assert_eq!(
        kinds(&pair),
        [("agree".into(), "p/pow".into(), "q/pow".into())],
        "{text}"
    );
    assert_eq!(pair["relations"][0]["left"]["window"]["to"], 60);
    assert_eq!(open_terms(&pair), ["p/energy", "p/halt"], "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn case_08_no_or_several_general_ceasefires_are_errors_naming_them() {
    let dir = format!("{DIR}/08-ceasefire-window-partial-moratorium");
    let ambiguous = run(&["check", "--color=never", &format!("{dir}/a-ambiguous.json")]);
    assert_eq!(ambiguous.code, 2);
    insta::assert_snapshot!("case_08_ambiguous", ambiguous.stderr);
    let none = run(&["check", "--color=never", &format!("{dir}/a-none.json")]);
    assert_eq!(none.code, 2);
    insta::assert_snapshot!("case_08_none", none.stderr);
}

#[test]
fn case_11_a_remainder_covered_only_by_a_held_term_is_pending_not_agreed() {
    let case = "11-remainder-open-hidden";
    let (text, pair, _) = compare(case, "a.json", "b.json");
    // b/full, the only term covering all of a/infra, is pending on b/no-aid: a/infra
    // is pending by coverage, named once.
    let held: Vec<(String, Vec<String>)> = pair["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let names = b["by_coverage"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_owned())
                .collect();
            (b["term"].as_str().unwrap().to_owned(), names)
        })
        .collect();
    assert_eq!(
        held,
        [
            ("a/infra".to_owned(), vec!["b/full".to_owned()]),
            ("b/full".to_owned(), vec![])
        ],
        "{text}"
    );
    // Every "the rest of it is open" has its OPEN line, here b/full's.
    assert!(
        text.contains("b/full is broader; the rest of it is open"),
        "{text}"
    );
    assert_eq!(open_terms(&pair), ["b/full", "b/no-aid"], "{text}");
    // a/infra's rest beyond energy is not open: b/full covers it.
    assert!(
        text.contains("a/infra is broader; other terms cover the rest of it"),
        "{text}"
    );
    insta::assert_snapshot!(text);

    // Controls: without the full ceasefire, a/infra's rest is open, with its line;
    // with an unconditional one, a/infra is agreed and nothing is pending.
    let (text, pair, _) = compare(case, "a.json", "b-unconditional.json");
    assert_eq!(open_terms(&pair), ["a/infra"], "{text}");
    assert!(
        text.contains("a/infra is broader; the rest of it is open"),
        "{text}"
    );
    let (text, pair, _) = compare(case, "a.json", "b-full-unconditional.json");
    assert!(pair["blocked"].as_array().unwrap().is_empty(), "{text}");
    assert_eq!(open_terms(&pair), ["b/full"], "{text}");
}

#[test]
fn two_readouts_of_one_call_agree_on_the_energy_ceasefire_whatever_its_duration() {
    // The White House readout of 18 March 2025 states no duration; the Kremlin's says
    // 30 days. The window alone is no divergence; the White House's wider scope
    // (infrastructure, not only energy) is the one remainder, with its OPEN line.
    let kremlin = format!("{DIR}/readouts-2025-03-18/kremlin.json");
    let text = run(&[
        "compare",
        "--color=never",
        "proposals/us-2025-03-18-readout.json",
        &kremlin,
    ]);
    let json = run(&[
        "compare",
        "--format",
        "json",
        "proposals/us-2025-03-18-readout.json",
        &kremlin,
    ]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    let pair = &v["pairs"][0];
    assert_eq!(
        kinds(pair),
        [(
            "agree".into(),
            "us-2025-03-18/energy".into(),
            "kremlin-2025-03-18/energy".into()
        )],
        "{}",
        text.stdout
    );
    assert_eq!(pair["counts"]["diverge"], 0);
    assert!(
        text.stdout
            .contains("days 0–30 (duration unstated in us-2025-03-18/energy)"),
        "{}",
        text.stdout
    );
    assert!(open_terms(pair).contains(&"us-2025-03-18/energy".to_owned()));
}
