//! Counterparts, incidental overlaps (case 13) and indirect agreement (case 09), as
//! DESIGN §3 (v2) defines them, on the semantics cases of issue #20
//! (`tests/fixtures/semantics/`), in every output format.

use serde_json::Value;

use crate::support::cli::{Run, plain};

const DIR: &str = "tests/fixtures/semantics";

fn run(args: &[&str]) -> Run {
    Run::of(plain().args(args))
}

/// `compare` of two files of a case in `format`.
fn compare(case: &str, files: [&str; 2], format: &str) -> Run {
    let [a, b] = files.map(|f| format!("{DIR}/{case}/{f}"));
    if format == "html" {
        // The HTML briefing is `armistice report`.
        return run(&["report", &a, &b]);
    }
    run(&["compare", "--color=never", "--format", format, &a, &b])
}

fn json(case: &str, files: [&str; 2]) -> Value {
    serde_json::from_str(&compare(case, files, "json").stdout).unwrap()
}

const CASE_13: &str = "13-incidental-overlap";

#[test]
fn case_13_slivers_are_not_findings() {
    let text = compare(CASE_13, ["a.json", "b.json"], "text");
    assert_eq!(text.code, 0, "{}", text.stderr);
    // The two slivers (no force in the Black Sea × the energy ban) are gone from the
    // text; the counterparts lead: the energy bans agree (a's states no duration, so
    // b's 30 days differ from nothing), the no-force terms agree.
    for sliver in ["a/no-force ⟷ b/energy-ban", "a/energy-ban ⟷ b/no-force"] {
        assert!(!text.stdout.contains(sliver), "{sliver}:\n{}", text.stdout);
    }
    assert!(text.stdout.contains("AGREE     a/energy-ban ⟷ b/energy-ban"));
    assert!(text.stdout.contains("AGREE     a/no-force ⟷ b/no-force"));
    // b/no-force agrees with its counterpart only.
    assert!(
        text.stdout
            .contains("PENDING   b/no-force (agrees with a/no-force)\n")
    );
    // The verdict's counts leave the slivers out.
    assert!(text.stdout.contains("— 2 pending, 1 open, 2 agreed\n"));
    insta::assert_snapshot!(text.stdout);
}

#[test]
fn case_13_slivers_stay_in_json_marked_incidental() {
    let v = json(CASE_13, ["a.json", "b.json"]);
    let pair = &v["pairs"][0];
    let relations = pair["relations"].as_array().unwrap();
    let incidental: Vec<(String, String, bool)> = relations
        .iter()
        .filter(|r| r["incidental"] == true)
        .map(|r| {
            (
                r["left"]["term"].as_str().unwrap().to_owned(),
                r["right"]["term"].as_str().unwrap().to_owned(),
                r["kind"] == "conflict",
            )
        })
        .collect();
    assert_eq!(
        incidental,
        [
            ("a/no-force".to_owned(), "b/energy-ban".to_owned(), false),
            ("a/energy-ban".to_owned(), "b/no-force".to_owned(), false),
        ]
    );
    assert_eq!(relations.len(), 4);
    assert_eq!(pair["counts"]["agree"], 2);
    assert_eq!(pair["counts"]["diverge"], 0);
    let held = pair["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["term"] == "b/no-force")
        .unwrap();
    let agreed: Vec<&str> = held["agreed_with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(agreed, ["a/no-force"]);
}

#[test]
fn case_13_slivers_are_left_out_of_markdown_html_and_the_graph() {
    for format in ["markdown", "html"] {
        let out = compare(CASE_13, ["a.json", "b.json"], format);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert!(out.stdout.contains("energy-ban"), "{format}");
        for sliver in [["no-force", "energy-ban"], ["energy-ban", "no-force"]] {
            let pattern = format!("a/{}</code> ⟷ <code>b/{}", sliver[0], sliver[1]);
            let plain = format!("a/{} ⟷ b/{}", sliver[0], sliver[1]);
            let md = format!("`a/{}` ⟷ `b/{}`", sliver[0], sliver[1]);
            for p in [pattern, plain, md] {
                assert!(!out.stdout.contains(&p), "{format} shows {p}");
            }
        }
    }
    let [a, b] = ["a.json", "b.json"].map(|f| format!("{DIR}/{CASE_13}/{f}"));
    let dot = run(&["graph", &a, &b]);
    assert_eq!(dot.code, 0, "{}", dot.stderr);
    // Two relation edges: the counterparts'.
    assert_eq!(dot.stdout.matches("dir=none").count(), 2, "{}", dot.stdout);
}

/// A conflict is always a finding, a sliver or not: with b's energy ban turned into a
/// permission, the sliver against a/no-force is a conflict and is reported.
#[test]
fn case_13_a_conflicting_sliver_is_reported() {
    let v = json(CASE_13, ["a.json", "b-strikes-allowed.json"]);
    let relations = v["pairs"][0]["relations"].as_array().unwrap();
    let sliver = relations
        .iter()
        .find(|r| r["left"]["term"] == "a/no-force" && r["right"]["term"] == "b/energy-ban")
        .unwrap();
    assert_eq!(sliver["kind"], "conflict");
    assert_eq!(sliver["incidental"], false);
    let text = compare(CASE_13, ["a.json", "b-strikes-allowed.json"], "text");
    assert!(
        text.stdout.contains("CONFLICT  a/no-force ⟷ b/energy-ban"),
        "{}",
        text.stdout
    );
}

const CASE_09: &str = "09-implied-agreement-open";

#[test]
fn case_09_an_implied_agreement_is_reported_with_its_rule() {
    let text = compare(CASE_09, ["a.json", "b.json"], "text");
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout
            .contains("IMPLIED   p/aid ⟹ UA may resupply ⟷ q/resupply")
    );
    assert!(text.stdout.contains("rule aid-enables-resupply"));
    // q/resupply is neither open nor "silent": p implies it.
    assert!(!text.stdout.contains("q/resupply (UA) — open"), "{}", text.stdout);
    assert!(!text.stdout.contains("p is silent"), "{}", text.stdout);
    insta::assert_snapshot!(text.stdout);

    let v = json(CASE_09, ["a.json", "b.json"]);
    let pair = &v["pairs"][0];
    assert_eq!(pair["counts"]["indirect_agree"], 1);
    assert_eq!(pair["counts"]["agree"], 0);
    let r = &pair["relations"][0];
    assert_eq!(
        (r["kind"].as_str(), r["indirect"].as_bool()),
        (Some("agree"), Some(true))
    );
    assert_eq!(r["left"]["chain"][0]["rule"], "aid-enables-resupply");
    let open: Vec<&str> = pair["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["term"].as_str().unwrap())
        .collect();
    assert_eq!(open, ["p/aid"]);

    let md = compare(CASE_09, ["a.json", "b.json"], "markdown");
    assert!(md.stdout.contains("### Indirect agreement: "), "{}", md.stdout);
    let html = compare(CASE_09, ["a.json", "b.json"], "html");
    assert!(html.stdout.contains(">indirect agreement<"), "{}", html.stdout);
    let [a, b] = ["a.json", "b.json"].map(|f| format!("{DIR}/{CASE_09}/{f}"));
    let dot = run(&["graph", &a, &b]);
    assert!(
        dot.stdout
            .contains("label=\"indirect agreement: UA may resupply\""),
        "{}",
        dot.stdout
    );
    let mermaid = run(&["graph", "--format", "mermaid", &a, &b]);
    assert!(
        mermaid.stdout.contains("indirect agreement: UA may resupply"),
        "{}",
        mermaid.stdout
    );
}

/// An indirect agreement meets a condition on the written term: what the other side
/// implies is agreed (docs/semantics.md). Against a `must`, what is implied is only a
/// permission: met in part, pending.
#[test]
fn case_09_an_implied_agreement_meets_a_condition() {
    let v = json(CASE_09, ["a.json", "b-conditioned.json"]);
    let pair = &v["pairs"][0];
    assert_eq!(pair["blocked"].as_array().unwrap().len(), 0, "{pair}");
    let v = json(CASE_09, ["a.json", "b-conditioned-must.json"]);
    let blocked = v["pairs"][0]["blocked"].as_array().unwrap();
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    assert_eq!(blocked[0]["term"], "q/talks");
    assert_eq!(blocked[0]["status"], "pending");
}

/// A real negotiation from the public record (the White House and Kremlin statements of
/// 25 March 2025): no force in the Black Sea and the ban on strikes on energy
/// facilities overlap only on a corner, and no sliver is reported; the energy ban's
/// counterpart is the 30-day moratorium, the Black Sea terms agree and wait on the
/// sanctions the White House only helps with.
#[test]
fn black_sea_statements_give_no_sliver_findings() {
    let case = "black-sea-2025-03-25";
    let files = ["white-house.json", "kremlin.json"];
    let text = compare(case, files, "text");
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        !text
            .stdout
            .contains("black-sea-no-force ⟷ kremlin-2025-03-25/energy"),
        "{}",
        text.stdout
    );
    assert!(
        !text.stdout.contains("energy-ban ⟷ kremlin-2025-03-25/black-sea"),
        "{}",
        text.stdout
    );
    insta::assert_snapshot!(text.stdout);
    let v = json(case, files);
    let incidental = v["pairs"][0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["incidental"] == true)
        .count();
    assert_eq!(incidental, 2);
}
