//! Issue 23: any negotiation with the default pack and small extensions. A proposal
//! names its vocabulary files in `$vocab` (relative to itself, merged once per run);
//! extensions add to entries and replace only with `"replace": true`; errors point to
//! the remedy; `init` writes a valid proposal and `terms` lists one; each provision
//! category of the default pack has a fixture that uses it.

use serde_json::Value;

use crate::support::cli::{Run, plain};

const DIR: &str = "tests/fixtures/vocab/dollar-vocab";

fn run(args: &[&str]) -> Run {
    Run::of(plain().args(args).arg("--color=never"))
}

fn at(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Two proposals naming the same `$vocab` file (once as a path, once in a list) are
/// compared with no flag: the extension's party, area and negating alias resolve.
#[test]
fn dollar_vocab_is_read_relative_to_the_file_and_merged_once() {
    let r = run(&["compare", &at("a.json"), &at("b.json")]);
    assert_eq!((r.code, r.stderr.as_str()), (1, ""));
    assert!(r.stdout.contains("CONFLICT  a/leave ⟷ b/stay"), "{}", r.stdout);
    // Without `$vocab` in the files the same terms need the flag: `--vocab` adds more.
    let r = run(&["check", &at("a.json"), "--vocab", &at("talks.vocab.json")]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

/// Two files of a run that define one entry differently: an error naming both, at the
/// later one; a file that changes a default entry without `replace` is told how.
#[test]
fn conflicting_definitions_name_both_files() {
    let r = run(&["compare", &at("a.json"), &at("conflicting.json")]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("conflicting_definitions", r.stderr);
    let r = run(&[
        "check",
        &at("a.json"),
        "--vocab",
        &at("seats-quantity.vocab.json"),
    ]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("changed_default_entry", r.stderr);
}

/// A `$vocab` file that does not exist names the proposal that names it.
#[test]
fn a_missing_vocab_file_names_the_proposal() {
    let r = run(&["check", &at("missing.json")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such.vocab.json"), "{}", r.stderr);
    assert!(r.stderr.contains("named in the `$vocab` of"), "{}", r.stderr);
}

/// An unknown party names the vocabulary in effect and the entry to add; a code in
/// the wrong case and a misspelt action get the name meant.
#[test]
fn unknown_names_point_to_the_remedy() {
    let r = run(&["check", &at("unknown-party.json")]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!("unknown_names", r.stderr);
}

/// A replaced default entry and a code that differs from another only in case are
/// warnings, errors under `--deny-warnings`.
#[test]
fn replacing_a_default_entry_and_a_near_duplicate_code_are_warned_about() {
    let r = run(&["check", &at("a.json"), "--vocab", &at("lowercase.vocab.json")]);
    assert_eq!(r.code, 0);
    insta::assert_snapshot!("warnings", r.stderr);
    let r = run(&[
        "check",
        &at("a.json"),
        "--vocab",
        &at("lowercase.vocab.json"),
        "--deny-warnings",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

/// `init` writes a proposal that checks as written; it will not overwrite a file.
#[test]
fn init_writes_a_valid_proposal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.json");
    let file = file.to_str().unwrap();
    let r = run(&[
        "init", "--id", "co-2016", "--by", "CO", "--by", "FARC", "-o", file,
    ]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let text = std::fs::read_to_string(file).unwrap();
    for part in [
        "\"$schema\"",
        "\"$vocab\"",
        "\"must\"",
        "\"must_not\"",
        "\"may\"",
        "\"endeavour\"",
        "// ",
    ] {
        assert!(text.contains(part), "{part}");
    }
    let r = run(&["check", "--deny-warnings", file]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{text}");
    let r = run(&["init", "-o", file]);
    assert_eq!(r.code, 2, "an existing file is not overwritten");
    let r = run(&["init"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().next(), text.lines().next());
}

/// `terms` in its four formats on a bundled agreement; JSON and CSV give parameters
/// and windows as values.
#[test]
fn terms_lists_a_proposal_in_four_formats() {
    let file = "proposals/am-az-ru-2020-11-10-statement.json";
    for format in ["text", "markdown", "csv"] {
        let r = run(&["terms", file, "--format", format]);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{format}");
        insta::assert_snapshot!(format!("terms_{format}"), r.stdout);
    }
    let r = run(&["terms", file, "--format", "json"]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let peacekeepers = &json["terms"][3];
    assert_eq!(peacekeepers["id"], "peacekeepers");
    assert_eq!(peacekeepers["params"]["people"], 1960.0);
    assert_eq!(peacekeepers["window"], serde_json::json!({"from": 0, "to": 1826}));
    assert_eq!(json["terms"][0]["codes"]["pax"][0], "Ce");
    let r = run(&["terms", &at("unknown-party.json")]);
    assert_eq!(r.code, 2);
}

/// Every provision category of the default pack (DESIGN §6) has a fixture that uses
/// it with the default pack alone, without a warning; and the category's actions
/// carry its PA-X code where PA-X has one.
#[test]
fn every_category_has_a_fixture_that_uses_the_default_pack() {
    let categories = [
        ("ceasefire", Some("CeProv")),
        ("withdrawal-redeployment", Some("SsrFf")),
        ("prisoners-hostages-detainees", Some("TjPrire")),
        ("humanitarian-access", Some("DevHum")),
        ("return-of-displaced", Some("GRef")),
        ("monitoring-verification", Some("ImPK")),
        ("ddr", Some("SsrDdr")),
        ("elections", Some("Ele")),
        ("constitutional-reform", Some("Cons")),
        ("power-sharing", Some("Polps")),
        ("amnesty-transitional-justice", Some("TjAm")),
        ("sanctions", None),
        ("security-guarantees", None),
        ("borders-territory", Some("StBor")),
    ];
    for (name, pax) in categories {
        let file = format!("tests/fixtures/vocab/categories/{name}.json");
        let r = run(&["check", "--deny-warnings", &file]);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{name}");
        let r = run(&["terms", &file, "--format", "json"]);
        let json: Value = serde_json::from_str(&r.success()).unwrap();
        if let Some(code) = pax {
            let coded = json["terms"].as_array().unwrap().iter().any(|t| {
                t["codes"]["pax"]
                    .as_array()
                    .is_some_and(|c| c.iter().any(|x| x == code))
            });
            assert!(coded, "{name}: no term coded {code}");
        }
    }
}
