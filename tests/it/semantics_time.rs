//! Time as issue 21 writes it (`tests/fixtures/time/`): deadlines (`by`), phase names,
//! anchors (`after`, with and without `from_start`), hours, dates against an entry into
//! force, and two proposals compared on the calendar; each compared and snapshotted,
//! with the relation that makes the point asserted. Errors are bad fixtures
//! (`tests/fixtures/bad/`, snapshotted by `check_fixtures`).

use serde_json::Value;

use crate::support::cli::{Run, plain};

const DIR: &str = "tests/fixtures/time";

fn run(args: &[&str]) -> Run {
    Run::of(plain().args(args))
}

/// `compare` of two fixtures: the text (snapshotted by the caller), the JSON's first
/// pair and the whole JSON.
fn compare(a: &str, b: &str) -> (String, Value, Value) {
    let (a, b) = (format!("{DIR}/{a}.json"), format!("{DIR}/{b}.json"));
    let text = run(&["compare", "--color=never", &a, &b]);
    assert!(text.code < 2, "{}", text.stderr);
    let json = run(&["compare", "--format", "json", &a, &b]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    (text.stdout, v["pairs"][0].clone(), v)
}

/// The kind of the relation between the two terms named `term` of a pair.
fn kind_of(pair: &Value, term: &str) -> String {
    pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["left"]["term"].as_str().unwrap().ends_with(&format!("/{term}")))
        .map(|r| r["kind"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| panic!("no relation for {term}: {pair:#}"))
}

fn relation_window<'a>(pair: &'a Value, term: &str) -> &'a Value {
    let r = pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["left"]["term"].as_str().unwrap().ends_with(&format!("/{term}")))
        .unwrap();
    &r["window"]
}

#[test]
fn a_deadline_agrees_with_a_window_that_ends_by_it() {
    let (text, pair, _) = compare("deadline-a", "deadline-early");
    assert_eq!(kind_of(&pair, "talks"), "agree", "{text}");
    assert_eq!(pair["relations"][0]["left"]["window"]["deadline"], true);
    assert_eq!(pair["relations"][0]["left"]["window"]["to"], 16);
    insta::assert_snapshot!(text);
}

#[test]
fn a_deadline_diverges_from_a_window_that_ends_later() {
    let (text, pair, _) = compare("deadline-a", "deadline-late");
    assert_eq!(kind_of(&pair, "talks"), "diverge", "{text}");
    assert!(text.contains("window: by day 16 against days 0–30"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_phase_name_is_the_phases_window() {
    let (text, pair, _) = compare("phases-a", "phases-b");
    // Phase 2 is days 42–84 (after 42 days of phase 1): the same as b's window.
    assert_eq!(kind_of(&pair, "halt"), "agree", "{text}");
    // Phase 3 starts on its explicit day 100.
    assert_eq!(relation_window(&pair, "release")["from"], 100, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn an_anchored_window_starts_at_the_end_or_the_start_of_its_anchor() {
    let (text, pair, _) = compare("after-a", "after-b");
    // `after release, 90 days`: days 30–120 against b's 30–90.
    assert_eq!(kind_of(&pair, "talks"), "diverge", "{text}");
    assert_eq!(pair["relations"][0]["left"]["window"]["from"], 30, "{text}");
    assert_eq!(pair["relations"][0]["left"]["window"]["to"], 120, "{text}");
    // `from_start`: days 0–10, as b's.
    assert_eq!(kind_of(&pair, "monitor"), "agree", "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn hours_are_rounded_up_to_whole_days() {
    let (text, pair, _) = compare("hours-a", "hours-b");
    // 12 hours cover day 0; 72 hours days 0–3.
    assert_eq!(pair["relations"][0]["left"]["window"]["to"], 1, "{text}");
    assert_eq!(pair["relations"][0]["right"]["window"]["to"], 3, "{text}");
    assert_eq!(kind_of(&pair, "lists"), "diverge", "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn dates_are_days_from_entry_into_force_and_reports_give_both() {
    let (text, pair, v) = compare("dates-a", "dates-b");
    // 19 January to 1 March (exclusive) is 41 days; by 10 March is by day 50.
    assert_eq!(kind_of(&pair, "halt"), "agree", "{text}");
    assert_eq!(kind_of(&pair, "withdraw"), "diverge", "{text}");
    let left = &pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["left"]["term"] == "a/halt")
        .unwrap()["left"]["window"];
    assert_eq!(left["from_date"], "2025-01-19");
    assert_eq!(left["to_date"], "2025-03-01");
    assert_eq!(left["text"], "days 0–41 (19 January–1 March 2025)");
    assert_eq!(v["proposals"][0]["entry_into_force"], "2025-01-19");
    // b gives no entry into force: the pair is compared in days, the common windows
    // carry no dates.
    assert!(v["proposals"][1].get("entry_into_force").is_none());
    assert!(relation_window(&pair, "halt").get("from_date").is_none());
    insta::assert_snapshot!(text);
}

#[test]
fn both_entries_into_force_compare_on_the_calendar() {
    let (text, pair, v) = compare("calendar-a", "calendar-b");
    // a: day 10 of 19 January for 32 days; b: 29 January for 32 days: the same dates,
    // different day numbers.
    assert_eq!(kind_of(&pair, "halt"), "agree", "{text}");
    assert_eq!(pair["verdict"], "compatible");
    assert_eq!(v["proposals"][1]["day_0"], "2025-01-19");
    let w = relation_window(&pair, "halt");
    assert_eq!((w["from"].clone(), w["to"].clone()), (10.into(), 42.into()));
    assert_eq!(w["from_date"], "2025-01-29");
    assert!(text.contains("days 10–42 (29 January–2 March 2025)"), "{text}");
    insta::assert_snapshot!(text);
    // Markdown and HTML give the dates too.
    let (a, b) = (format!("{DIR}/calendar-a.json"), format!("{DIR}/calendar-b.json"));
    assert!(
        text.contains("windows on the calendar: day 0 is 19 January 2025; b enters into force on day 10 (29 January 2025)"),
        "{text}"
    );
    let md = run(&["compare", "--format", "markdown", &a, &b]).stdout;
    assert!(md.contains("29 January–2 March 2025"), "{md}");
    assert!(
        md.contains("Windows on the calendar: day 0 is 19 January 2025"),
        "{md}"
    );
    let html = run(&["report", &a, &b]).stdout;
    assert!(html.contains("29 January–2 March 2025"), "{html}");
}

#[test]
fn without_the_calendar_the_same_files_compare_in_days() {
    // calendar-b alone against a copy of calendar-a without its entry into force.
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(format!("{DIR}/calendar-a.json")).unwrap();
    let a = a.replace(r#""entry_into_force": "2025-01-19", "#, "");
    let path = dir.path().join("a.json");
    std::fs::write(&path, a).unwrap();
    let json = run(&[
        "compare",
        "--format",
        "json",
        path.to_str().unwrap(),
        &format!("{DIR}/calendar-b.json"),
    ]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["pairs"][0]["relations"][0]["kind"], "diverge", "{v:#}");
}

#[test]
fn an_anchor_is_a_before_condition_for_deadlocks() {
    let (text, pair, _) = compare("anchor-deadlock-a", "anchor-deadlock-b");
    assert_eq!(pair["counts"]["deadlocks"], 1, "{text}");
    assert_eq!(pair["verdict"], "conflicting", "{text}");
    let cycle = pair["deadlocks"][0].as_array().unwrap();
    let anchor = cycle.iter().find(|e| e["anchor"] == true).unwrap();
    assert_eq!(
        (anchor["from"].as_str(), anchor["to"].as_str()),
        (Some("a/talks"), Some("a/release"))
    );
    assert_eq!(anchor["timing"], "before");
    assert!(text.contains("a/talks —after→ a/release"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn an_anchor_alone_holds_nothing_up() {
    // a/talks is anchored to a/release, on which the other side is silent: were the
    // anchor a condition, a/talks would be pending. It is only an order for deadlocks.
    let (text, pair, _) = compare("anchor-deadlock-a", "talks-only");
    assert_eq!(kind_of(&pair, "talks"), "diverge", "{text}");
    assert_eq!(pair["counts"]["pending"], 0, "{text}");
    assert_eq!(pair["counts"]["blocked"], 0, "{text}");
    assert!(pair["blocked"].as_array().unwrap().is_empty(), "{text}");
    // The same term with a `requires` instead is pending: the check can fail.
    let dir = tempfile::tempdir().unwrap();
    let a = std::fs::read_to_string(format!("{DIR}/anchor-deadlock-a.json")).unwrap();
    let a = a.replace(
        r#""window": { "after": "release", "days": 90 },"#,
        r#""window": { "from": 30, "days": 90 }, "requires": ["release"],"#,
    );
    let path = dir.path().join("a.json");
    std::fs::write(&path, a).unwrap();
    let json = run(&[
        "compare",
        "--format",
        "json",
        path.to_str().unwrap(),
        &format!("{DIR}/talks-only.json"),
    ]);
    let v: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["pairs"][0]["counts"]["pending"], 1, "{v:#}");
}

#[test]
fn diff_of_a_changed_deadline_phase_and_anchor() {
    let (a, b) = (format!("{DIR}/phased-v1.json"), format!("{DIR}/phased-v2.json"));
    let text = run(&["diff", "--color=never", &a, &b]);
    assert_eq!(text.code, 1, "{}", text.stderr);
    assert!(
        text.stdout.contains("by day 16 → by day 50 (deadline later)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("following phase `phase-2`"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("after `release` → the start of `halt`"),
        "{}",
        text.stdout
    );
    insta::assert_snapshot!("diff_text", text.stdout);
    let md = run(&["diff", "--format", "markdown", &a, &b]);
    insta::assert_snapshot!("diff_markdown", md.stdout);
}

#[test]
fn whatif_of_a_changed_deadline() {
    let (a, b) = (
        format!("{DIR}/deadline-a.json"),
        format!("{DIR}/deadline-late.json"),
    );
    let out = run(&["whatif", "--color=never", &a, &b, "--set", "a/talks.window.by=30"]);
    assert!(out.code < 2, "{}", out.stderr);
    // By day 30, the deadline is met by a window of days 0–30: the divergence goes.
    assert!(out.stdout.contains("divergence gone"), "{}", out.stdout);
    assert!(out.stdout.contains("agreement gained"), "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

/// A fixture resolved, after `edit` of its JSON.
fn resolved(name: &str, edit: impl Fn(&mut Value)) -> armistice::resolved::ResolvedProposal {
    let vocab = armistice::vocab::Vocab::default_pack().unwrap();
    let text = std::fs::read_to_string(format!("{DIR}/{name}.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    edit(&mut v);
    let p: armistice::model::Proposal = serde_json::from_value(v).unwrap();
    let (r, diags) = armistice::load::resolve(&p, &vocab);
    r.unwrap_or_else(|| panic!("{diags:?}"))
}

/// An edit of a fixture's JSON.
type Edit = fn(&mut Value);

#[test]
fn reanalyze_is_analyze_on_the_calendar() {
    use armistice::engine::{Baseline, analyze, reanalyze};
    let vocab = armistice::vocab::Vocab::default_pack().unwrap();
    let base = analyze(
        vec![resolved("calendar-a", |_| {}), resolved("calendar-b", |_| {})],
        &vocab,
    )
    .unwrap();
    let edits: [(&str, Edit); 3] = [
        ("a window of b", |v| v["terms"][0]["window"]["days"] = 20.into()),
        ("b's entry into force", |v| {
            v["entry_into_force"] = "2025-01-10".into()
        }),
        ("b's entry into force removed", |v| {
            v.as_object_mut().unwrap().remove("entry_into_force");
        }),
    ];
    for (what, edit) in edits {
        let full = analyze(
            vec![resolved("calendar-a", |_| {}), resolved("calendar-b", edit)],
            &vocab,
        )
        .unwrap();
        let bare = reanalyze(&base, vec![(1, resolved("calendar-b", edit))], &vocab).unwrap();
        let keyed = Baseline::new(base.clone(), &vocab)
            .reanalyze(vec![(1, resolved("calendar-b", edit))], &vocab)
            .unwrap()
            .into_analysis();
        for incremental in [bare, keyed] {
            assert_eq!(incremental.pairs, full.pairs, "{what}");
            assert_eq!(incremental.atoms, full.atoms, "{what}");
            assert_eq!(incremental.burden, full.burden, "{what}");
        }
    }
    // The first edit breaks the agreement on the calendar; the second moves b's day 0
    // before a's (a is then the one shifted); the third compares in days.
    let relation = |a: &armistice::engine::Analysis| a.pairs.first().unwrap().relations.first().unwrap().kind;
    let earlier = analyze(
        vec![resolved("calendar-a", |_| {}), resolved("calendar-b", edits[1].1)],
        &vocab,
    )
    .unwrap();
    assert_eq!(
        earlier.proposals[0].calendar,
        armistice::model::Date::parse("2025-01-10")
    );
    assert_eq!(earlier.proposals[0].terms[0].window.from, 19);
    assert_eq!(relation(&base), armistice::engine::RelationKind::Agree);
    for (what, edit) in [edits[0], edits[2]] {
        let after = analyze(
            vec![resolved("calendar-a", |_| {}), resolved("calendar-b", edit)],
            &vocab,
        )
        .unwrap();
        assert_eq!(
            relation(&after),
            armistice::engine::RelationKind::Diverge,
            "{what}"
        );
    }
}
