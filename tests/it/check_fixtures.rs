//! Every bad input has a fixture under `tests/fixtures/bad/`, and the exact output and
//! exit code of `armistice check` on it is a snapshot. A new case is a new file:
//! `NAME.json` is checked as it is; `NAME.args` holds the whole command line instead.

use std::path::Path;

use crate::support::ROOT;
use crate::support::cli::{Run, plain};

#[test]
fn bad_fixtures() {
    let dir = Path::new(ROOT).join("tests/fixtures/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut cases = 0;
    for name in &names {
        let (stem, args) = if let Some(stem) = name.strip_suffix(".args") {
            let line = std::fs::read_to_string(dir.join(name)).unwrap();
            (
                stem,
                line.split_whitespace().map(String::from).collect::<Vec<_>>(),
            )
        } else if let Some(stem) = name.strip_suffix(".json") {
            if names.contains(&format!("{stem}.args")) {
                continue;
            }
            (stem, vec!["check".into(), format!("tests/fixtures/bad/{name}")])
        } else {
            panic!("unexpected file {name} in tests/fixtures/bad");
        };
        let Run { code, stdout, stderr } = Run::of(plain().args(&args));
        assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
        let shown = format!(
            "$ armistice {}\nexit: {code}\n--- stderr\n{stderr}--- stdout\n{stdout}",
            args.join(" ")
        );
        insta::assert_snapshot!(stem, shown);
        cases += 1;
    }
    assert!(cases >= 25, "only {cases} bad-input cases");
}

#[test]
fn every_bad_fixture_but_warnings_exits_2_and_names_a_line() {
    let dir = Path::new(ROOT).join("tests/fixtures/bad");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        if stem == "warnings" || stem == "empty" || stem == "only-a-comment" || stem == "not-utf8" {
            continue;
        }
        let Run { code, stderr, .. } =
            Run::of(plain().args(["check", &format!("tests/fixtures/bad/{name}")]));
        assert_eq!(code, 2, "{name}");
        let located = format!("--> tests/fixtures/bad/{name}:");
        assert!(
            stderr.contains(&located),
            "{name} has no line and column:\n{stderr}"
        );
    }
}
