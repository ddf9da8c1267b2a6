//! The semantics cases on the vocabulary of v2 (issue 20): topics (`about`) narrowing
//! coverage, groups, `any` and `unspecified` subjects, the proposal's `kind` and the
//! burden's asymmetry, and `check`'s warning when a proposal conflicts with itself.
//! Fixtures in `tests/fixtures/semantics/`; the text reports are snapshots and the
//! JSON findings are checked one by one.

use serde_json::Value;

use crate::support::cli::{Run, armistice};
use crate::support::semantics::{compare_files, rel, relations};

const DIR: &str = "tests/fixtures/semantics";

/// `armistice compare` of two fixture files, as text and as JSON, with the exit code.
fn compare(a: &str, b: &str) -> (String, Value, i32) {
    compare_files(&format!("{DIR}/{a}"), &format!("{DIR}/{b}"), None)
}

/// Issue 20, item 5: talks on a maritime ceasefire and talks on navigation relate
/// nothing (0.1.0 had no topics: the two were the same talks); talks on a full
/// ceasefire contain those on a maritime one, and relate on it, the broader side's
/// rest open. Reports say what the talks are on.
#[test]
fn topics_narrow_coverage_like_scope() {
    let (text, json, code) = compare(
        "topics-maritime-vs-navigation/a.json",
        "topics-maritime-vs-navigation/b.json",
    );
    assert_eq!(code, 0);
    assert_eq!(relations(&json), vec![rel("agree", "p/maritime", "q/ceasefire")]);
    let r = &json["pairs"][0]["relations"][0];
    assert_eq!(r["about"], serde_json::json!(["maritime_ceasefire"]));
    assert_eq!(r["coverage"], "right_broader");
    assert!(
        text.contains("US, RU must negotiations on maritime_ceasefire"),
        "{text}"
    );
    assert!(
        text.contains("OPEN      q/navigation (US, RU) — open: p is silent"),
        "{text}"
    );
    insta::assert_snapshot!("topics-maritime-vs-navigation", text);
}

/// Issue 20, item 7: a group is its members (third countries' veto on aid conflicts
/// with the US's aid, on the US alone); `any` binds every party ("no one may strike
/// energy facilities" agrees with Ukraine's halt); `unspecified` is existential
/// ("prisoners shall be released" against Russia's veto on the named leaders is to be
/// agreed, not a conflict).
#[test]
fn groups_any_and_unspecified_subjects() {
    let (text, json, code) = compare(
        "subjects-groups-any-unspecified/a.json",
        "subjects-groups-any-unspecified/b.json",
    );
    assert_eq!(code, 1, "the aid conflict is real");
    assert_eq!(
        relations(&json),
        vec![
            rel("conflict", "p/no-foreign-aid", "q/aid"),
            rel("to_be_agreed", "p/release", "q/keep-leaders"),
            rel("agree", "p/no-energy-strikes", "q/ua-energy"),
        ]
    );
    let subjects = |i: usize| json["pairs"][0]["relations"][i]["subjects"].clone();
    assert_eq!(subjects(0), serde_json::json!(["US"]));
    assert_eq!(subjects(1), serde_json::json!(["RU"]));
    assert_eq!(subjects(2), serde_json::json!(["UA"]));
    assert_eq!(json["pairs"][0]["counts"]["conflicts"], 1);
    assert!(text.contains("OPEN      p/release (unspecified)"), "{text}");
    insta::assert_snapshot!("subjects-groups-any-unspecified", text);
}

/// A subject that names no party, group, `any` or `unspecified` is an error with a
/// suggestion among all of them; `unspecified` stands alone; a topic is not a scope.
#[test]
fn subject_and_topic_errors_name_the_remedy() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.json");
    std::fs::write(
        &file,
        r#"{ "id": "p", "by": ["US"], "terms": [
  { "id": "a", "subject": "third_state", "action": "military_aid", "text": "t", "source": "s" },
  { "id": "b", "subject": ["unspecified", "RU"], "action": "release_prisoners", "text": "t", "source": "s" },
  { "id": "c", "subject": "US", "action": "negotiations", "about": ["maritime_cesefire"], "text": "t", "source": "s" },
  { "id": "d", "subject": "US", "action": "negotiations", "scope": ["navigation"], "text": "t", "source": "s" }
] }"#,
    )
    .unwrap();
    let out = Run::of(armistice().arg("check").arg(&file).arg("--color=never"));
    assert_eq!(out.code, 2);
    for expected in [
        "unknown party `third_state`",
        "did you mean `third_states`?",
        "`unspecified` stands alone",
        "unknown topic `maritime_cesefire`",
        "did you mean `maritime_ceasefire`?",
        "`navigation` is a topic, not a scope label",
        "path: terms[2].about[0]",
    ] {
        assert!(out.stderr.contains(expected), "{expected}:\n{}", out.stderr);
    }
}

/// Issue 20, item 14: `check` warns when a proposal conflicts with itself, naming
/// both terms with their lines; a warning (exit 0), an error with `--deny-warnings`.
#[test]
fn check_warns_when_a_proposal_conflicts_with_itself() {
    let file = format!("{DIR}/self-contradiction/p.json");
    let out = Run::of(armistice().args(["check", &file, "--color=never"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: term `stay-kherson` conflicts with term `withdraw-all` (line 6) of the same proposal"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("path: terms[2]"), "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("conflicts with term").count(),
        1,
        "{}",
        out.stderr
    );
    let denied = Run::of(armistice().args(["check", &file, "--deny-warnings", "--color=never"]));
    assert_eq!(denied.code, 2);
    // The bundled proposals are consistent with themselves.
    for p in std::fs::read_dir(format!("{}/proposals", crate::support::ROOT)).unwrap() {
        let p = p.unwrap().path();
        let out = Run::of(armistice().arg("check").arg(&p).arg("--deny-warnings"));
        assert_eq!(out.code, 0, "{}: {}", p.display(), out.stderr);
    }
}

/// Issue 20, item 15: the asymmetry (share on its own authors) only for a position;
/// every report states the weighting.
#[test]
fn burden_asymmetry_only_for_positions_and_the_weighting_stated() {
    let args = [
        "compare",
        "proposals/us-2025-03-18-readout.json",
        "proposals/ru-2025-03-13.json",
    ];
    let json: Value =
        serde_json::from_str(&Run::of(armistice().args(args).args(["--format", "json"])).stdout).unwrap();
    let burden = json["burden"].as_array().unwrap();
    assert_eq!(burden[0]["proposal_kind"], "readout");
    assert!(burden[0]["own_share"].is_null());
    assert_eq!(burden[1]["proposal_kind"], "position");
    assert!(burden[1]["own_share"].as_f64().unwrap() > 0.0);
    assert!(burden[0]["weighting"].as_str().unwrap().contains("priority"));
    let text = Run::of(armistice().args(args).arg("--color=never")).stdout;
    assert!(text.contains("— (readout: no asymmetry)"), "{text}");
    for format in ["markdown", "text"] {
        let out = Run::of(armistice().args(args).args(["--format", format, "--color=never"])).stdout;
        assert!(
            out.contains("weighted by priority (red line 8"),
            "{format}: {out}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("b.html");
    Run::of(armistice().args(["report", args[1], args[2], "-o"]).arg(&html));
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("weighted by priority (red line 8"));
    assert!(html.contains("no asymmetry"));
}

/// A real negotiation with an unnamed actor, a group and topics: the White House's two
/// statements of 25 March 2025 on the Black Sea. No false conflict: the same wording
/// on navigation and force (no actor named: to be agreed), the same energy talks and
/// good offices of third countries (agreed), and each side's own points open.
#[test]
fn black_sea_statements_of_march_2025() {
    let (text, json, code) = compare(
        "black-sea-2025-03-25/us-ru.json",
        "black-sea-2025-03-25/us-ua.json",
    );
    assert_eq!(code, 0, "{text}");
    let counts = &json["pairs"][0]["counts"];
    assert_eq!(counts["conflicts"], 0);
    assert_eq!(
        relations(&json),
        vec![
            rel(
                "to_be_agreed",
                "us-ru-2025-03-25/navigation",
                "us-ua-2025-03-25/navigation"
            ),
            rel(
                "to_be_agreed",
                "us-ru-2025-03-25/no-force",
                "us-ua-2025-03-25/no-force"
            ),
            rel(
                "agree",
                "us-ru-2025-03-25/energy-measures",
                "us-ua-2025-03-25/energy-measures"
            ),
            rel("agree", "us-ru-2025-03-25/peace", "us-ua-2025-03-25/peace"),
            rel(
                "agree",
                "us-ru-2025-03-25/good-offices",
                "us-ua-2025-03-25/good-offices"
            ),
        ]
    );
    insta::assert_snapshot!("black-sea-2025-03-25", text);
}
