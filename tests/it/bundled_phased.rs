//! The bundled phased agreement (`proposals/gaza-2025-*`, `il-2025-03-02`,
//! `hamas-2025-03-02`): the January 2025 Gaza agreement of three 42-day phases and the
//! two sides' positions of 2 March 2025, when the first phase ended. Its full
//! three-way comparison is a golden file; the findings a negotiator would name are
//! checked one by one on the two positions.

use serde_json::Value;

use crate::support::cli::{Run, armistice};
use crate::support::semantics::relations;

const AGREEMENT: &str = "proposals/gaza-2025-01-15-agreement.json";
const ISRAEL: &str = "proposals/il-2025-03-02.json";
const HAMAS: &str = "proposals/hamas-2025-03-02.json";

#[test]
fn the_three_way_comparison_is_the_golden_report() {
    let run = Run::of(armistice().args(["compare", AGREEMENT, ISRAEL, HAMAS, "--color=never"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    insta::assert_snapshot!(run.stdout);
}

/// Israel's extension of the truce against Hamas's second phase: who leaves the
/// Philadelphi corridor, whether aid enters, a temporary against a permanent
/// ceasefire, Hamas's release of the hostages held up by both, and Israel's right to
/// resume the war only if the talks fail.
#[test]
fn the_positions_of_2_march_show_the_disputes_a_negotiator_names() {
    let run = Run::of(armistice().args(["compare", ISRAEL, HAMAS, "--format", "json"]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let rels = relations(&json);
    let has = |kind: &str, l: &str, r: &str| {
        rels.iter().any(|x| {
            x.0 == kind && x.1 == format!("il-2025-03-02/{l}") && x.2 == format!("hamas-2025-03-02/{r}")
        })
    };
    assert!(has("conflict", "stay", "philadelphi"), "{rels:?}");
    assert!(has("conflict", "aid-halt", "aid"), "{rels:?}");
    assert!(has("diverge", "extension", "permanent"), "{rels:?}");
    assert!(has("conflict", "resume", "permanent"), "{rels:?}");
    let pair = &json["pairs"][0];
    assert_eq!(pair["counts"]["contingent"], 1);
    let contingent: Vec<&str> = pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("contingent_on").is_some())
        .map(|r| r["left"]["term"].as_str().unwrap())
        .collect();
    assert_eq!(contingent, ["il-2025-03-02/resume"]);
    let blocked: Vec<&str> = pair["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["status"] == "blocked")
        .map(|b| b["term"].as_str().unwrap())
        .collect();
    assert_eq!(blocked, ["hamas-2025-03-02/release-all"]);
    // Both positions count from the agreement's entry into force: the windows are
    // dates on one calendar (the extension is 2 March to 20 April 2025).
    let text = Run::of(armistice().args(["compare", ISRAEL, HAMAS, "--color=never"])).stdout;
    assert!(text.contains("days 42–91 (2 March–20 April 2025)"), "{text}");
}

/// `compare --timeline` draws the three texts on one calendar: the agreement's phases
/// as a band, deadlines as marks, the terms in a conflict marked.
#[test]
fn the_timeline_draws_the_phases_deadlines_and_conflicts() {
    let run = Run::of(armistice().args([
        "compare",
        AGREEMENT,
        ISRAEL,
        HAMAS,
        "--timeline",
        "--only",
        "conflicts",
        "--color=never",
    ]));
    assert_eq!(run.code, 1, "{}", run.stderr);
    let timeline = &run.stdout[run.stdout.find("TIMELINE").unwrap()..];
    assert!(timeline.contains("day 0 is 19 January 2025"), "{timeline}");
    assert!(timeline.contains("[phase-1"), "{timeline}");
    assert!(timeline.contains("✗ philadelphi"), "{timeline}");
    assert!(timeline.contains("by day 50"), "{timeline}");
    insta::assert_snapshot!(timeline);
}

#[test]
fn the_timeline_is_drawn_in_the_text_report_only() {
    let run = Run::of(armistice().args(["compare", ISRAEL, HAMAS, "--timeline", "--format", "json"]));
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("the timeline is drawn in the text report only"),
        "{}",
        run.stderr
    );
}

/// A what-if that drops the trigger of Israel's right to resume the war turns the
/// contingent conflict into an unconditional one, and says so.
#[test]
fn dropping_the_trigger_makes_the_contingent_conflict_unconditional() {
    let run = Run::of(armistice().args([
        "whatif",
        ISRAEL,
        HAMAS,
        "--set",
        "il-2025-03-02/resume.requires=[]",
        "--color=never",
    ]));
    assert!(run.code < 2, "{}", run.stderr);
    let resolved = run
        .stdout
        .find("contingent conflict resolved  il-2025-03-02/resume ⟷ hamas-2025-03-02/permanent");
    let introduced = run
        .stdout
        .find("conflict introduced           il-2025-03-02/resume ⟷ hamas-2025-03-02/permanent");
    assert!(resolved.is_some() && introduced.is_some(), "{}", run.stdout);
}
