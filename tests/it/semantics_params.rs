//! The semantics cases on parameters (`tests/fixtures/semantics/`, from the cases of
//! issue 20): values compared by meaning, parameter kinds, and terms left to be
//! agreed. Each case is a pair `a.json`, `b.json`, compared by the built binary; the
//! text report is a snapshot and the JSON findings are checked one by one.

use serde_json::Value;

use crate::support::semantics::{compare_files, rel, relations};

/// `armistice compare a.json b.json` of case `name` (with `--vocab vocab.json` when
/// the case has one), as text and as JSON, with the exit code.
fn compare(name: &str) -> (String, Value, i32) {
    let dir = format!("tests/fixtures/semantics/{name}");
    let vocab = format!("{dir}/vocab.json");
    let has_vocab = std::path::Path::new(crate::support::ROOT).join(&vocab).exists();
    compare_files(
        &format!("{dir}/a.json"),
        &format!("{dir}/b.json"),
        has_vocab.then_some(vocab.as_str()),
    )
}

/// Cases 01–03: a set in another order, a number and its one-point range, a value
/// and its one-element set mean the same, so the terms agree and the pair is
/// compatible (0.1.0 said "diverge" and "compatible with open points").
#[test]
fn values_written_differently_but_meaning_the_same_agree() {
    for name in [
        "01-param-set-order",
        "02-param-number-vs-range",
        "03-param-value-vs-set",
    ] {
        let (text, json, code) = compare(name);
        assert_eq!(code, 0, "{name}");
        assert_eq!(relations(&json), vec![rel("agree", "p/pow", "q/pow")], "{name}");
        assert_eq!(json["pairs"][0]["verdict"], "compatible", "{name}");
        insta::assert_snapshot!(name, text);
    }
}

/// Issue 20, item 2: a partition narrows what a term covers. Women and children
/// against the named leaders relate nothing: no conflict, and the halt that requires
/// the release is pending on an open point, not blocked (0.1.0: a conflict blocking
/// it).
#[test]
fn disjoint_categories_relate_nothing() {
    let (text, json, code) = compare("kinds-disjoint-categories");
    assert_eq!(code, 0, "no conflict");
    assert_eq!(relations(&json), vec![rel("agree", "p/halt", "q/halt")]);
    let pair = &json["pairs"][0];
    assert_eq!(pair["counts"]["conflicts"], 0);
    assert_eq!(pair["counts"]["blocked"], 0);
    let open: Vec<&str> = pair["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["term"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["p/release", "q/veto"]);
    insta::assert_snapshot!(text);
}

/// Issue 20, item 3: "an agreed number of prisoners" is existential. Against a veto on
/// the named leaders and against a demand for the prisoners serving life sentences it
/// is to be agreed, naming what the other side excludes or requires; the pair is
/// compatible with open points.
#[test]
fn an_agreed_number_is_to_be_agreed_against_a_veto_or_a_demand() {
    let (text, json, code) = compare("tba-agreed-number");
    assert_eq!(code, 0);
    assert_eq!(
        relations(&json),
        vec![
            rel("to_be_agreed", "p/release", "q/veto"),
            rel("to_be_agreed", "p/release", "q/leaders"),
        ]
    );
    let pair = &json["pairs"][0];
    assert_eq!(pair["verdict"], "compatible with open points");
    assert_eq!(pair["counts"]["to_be_agreed"], 2);
    assert_eq!(
        pair["relations"][0]["differences"],
        serde_json::json!([
            "p/release leaves count to be agreed",
            "q/veto excludes prisoner_category named_leaders"
        ])
    );
    insta::assert_snapshot!(text);
}

/// An existential term still conflicts where every admissible choice would: an agreed
/// number of prisoners against no release at all.
#[test]
fn an_agreed_number_conflicts_with_no_release_at_all() {
    let (_, json, code) = compare("tba-every-choice-conflicts");
    assert_eq!(code, 1);
    assert_eq!(relations(&json), vec![rel("conflict", "p/release", "q/none")]);
}

/// A hostage-and-prisoner exchange from the public record: phase one of the Gaza
/// agreement of January 2025 as each side presented it (categories, a ratio, "an
/// agreed number", a veto on named prisoners, and each side's order of releases). No
/// false conflict: the veto against "an agreed number" is to be agreed, the life
/// sentences it does not name are open; the hostage categories written in another
/// order agree; and the order of releases is the one conflict of the pair, a deadlock.
#[test]
fn gaza_phase_one_has_no_false_conflict() {
    let (text, json, code) = compare("gaza-2025-phase-one");
    let pair = &json["pairs"][0];
    assert_eq!(pair["counts"]["conflicts"], 0, "{text}");
    assert_eq!(pair["counts"]["indirect"], 0);
    assert_eq!(pair["counts"]["blocked"], 0);
    let rels = relations(&json);
    for want in [
        rel(
            "to_be_agreed",
            "il-2025-01-16/veto",
            "hamas-2025-01-15/agreed-number",
        ),
        rel(
            "to_be_agreed",
            "il-2025-01-16/prisoners",
            "hamas-2025-01-15/agreed-number",
        ),
        rel("agree", "il-2025-01-16/hostages", "hamas-2025-01-15/hostages"),
        rel(
            "agree",
            "il-2025-01-16/prisoners",
            "hamas-2025-01-15/women-minors",
        ),
        rel("diverge", "il-2025-01-16/aid", "hamas-2025-01-15/aid"),
    ] {
        assert!(rels.contains(&want), "{want:?} in {rels:?}");
    }
    assert!(
        !rels.iter().any(|r| r.2 == "hamas-2025-01-15/life-sentences"),
        "life sentences and named leaders are other categories: {rels:?}"
    );
    // Who releases first: each side's release waits on the other's.
    assert_eq!(pair["counts"]["deadlocks"], 1);
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

/// The humanitarian pause of November 2023, encoded from the two sides' announcements
/// as a new user would (`tests/fixtures/semantics/gaza-2023-11-truce`): the exchange of
/// 50 hostages for 150 prisoners agrees, the veto on prisoners convicted of murder is
/// open (Hamas says nothing of it), and the findings an analyst would brief are the
/// two real disputes: what follows the pause (a conflict) and who releases first (a
/// deadlock).
#[test]
fn the_november_2023_truce_shows_its_two_disputes_and_nothing_else() {
    let (text, json, code) = compare("gaza-2023-11-truce");
    let pair = &json["pairs"][0];
    let rels = relations(&json);
    let conflicts: Vec<_> = rels.iter().filter(|r| r.0 == "conflict").collect();
    assert_eq!(
        conflicts,
        [&rel(
            "conflict",
            "il-2023-11-22/resume",
            "hamas-2023-11-22/no-resume"
        )],
        "{text}"
    );
    for want in [
        rel("agree", "il-2023-11-22/pause", "hamas-2023-11-22/truce"),
        rel("agree", "il-2023-11-22/hostages", "hamas-2023-11-22/captives"),
        rel("agree", "il-2023-11-22/prisoners", "hamas-2023-11-22/prisoners"),
        rel("diverge", "il-2023-11-22/aid", "hamas-2023-11-22/aid"),
    ] {
        assert!(rels.contains(&want), "{want:?} in {rels:?}");
    }
    assert!(!rels.iter().any(|r| r.1 == "il-2023-11-22/veto"), "{rels:?}");
    assert_eq!(pair["counts"]["deadlocks"], 1);
    let cycle = pair["deadlocks"][0].to_string();
    for term in ["il-2023-11-22/prisoners", "hamas-2023-11-22/captives"] {
        assert!(cycle.contains(term), "{cycle}");
    }
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

/// The January 2025 Gaza ceasefire as each side presented it
/// (`tests/fixtures/semantics/gaza-2025-phase-two-talks`): Israel's right to resume the
/// war applies only if the phase-two talks fail (`requires` with `"on": "failed"`), so
/// its conflict with Hamas's permanent ceasefire is contingent: reported apart, naming
/// the outcome, and not making the pair conflicting. Hamas's truce lapses if the talks
/// fail, the very outcome that brings the right to resume in: the two never apply
/// together, so that pair is no finding (JSON keeps it, marked). The truce's
/// `lapses_if` is shown on each of its findings.
#[test]
fn a_right_to_resume_if_the_talks_fail_is_a_contingent_conflict() {
    let (text, json, code) = compare("gaza-2025-phase-two-talks");
    let pair = &json["pairs"][0];
    assert_eq!(pair["verdict"], "compatible with open points", "{text}");
    assert_eq!(code, 0);
    assert_eq!(pair["counts"]["conflicts"], 0);
    assert_eq!(pair["counts"]["contingent"], 1);
    let contingent: Vec<_> = pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r.get("contingent_on").is_some())
        .map(|r| {
            (
                r["right"]["term"].as_str().unwrap(),
                r["contingent_on"][0]["outcome"].as_str().unwrap(),
                r.get("never_together").is_some(),
            )
        })
        .collect();
    assert_eq!(
        contingent,
        [
            ("hamas-2025-01-15/truce", "failed", true),
            ("hamas-2025-01-15/permanent", "failed", false)
        ]
    );
    assert!(
        text.contains("conflicts only if il-2025-01-18/talks fails"),
        "{text}"
    );
    assert!(!text.contains("resume ⟷ hamas-2025-01-15/truce"), "{text}");
    assert!(
        text.contains("hamas-2025-01-15/truce lapses if hamas-2025-01-15/talks fails"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}
