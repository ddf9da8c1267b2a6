//! Robustness case 04: a vocabulary whose actions or scope labels form a chain of
//! 10^5 parents. Each hierarchy is closed once, in linear time; a chain deeper than
//! `--max-hierarchy-depth` stops `vocab` and `compare` with exit 2 naming the flag,
//! instead of taking memory that grows with the square of the chain; and `vocab`'s
//! text stays linear in the vocabulary when the limit is raised.

use std::path::Path;

use crate::support::cli::{Run, plain};

/// A chain of `n` actions (`a1` inside `a0`, ...) and one of `n` scope labels, and two
/// proposals using actions along the chain, written into `dir`.
fn chains(dir: &Path, n: usize) {
    let actions: Vec<String> = (0..n)
        .map(|i| {
            let parent = if i == 0 {
                String::new()
            } else {
                format!(r#", "parent": "a{}""#, i - 1)
            };
            format!(r#"{{"id": "a{i}", "description": "d"{parent}}}"#)
        })
        .collect();
    std::fs::write(
        dir.join("deep-actions.json"),
        format!(r#"{{"actions": [{}]}}"#, actions.join(",")),
    )
    .unwrap();
    let labels: Vec<String> = (0..n)
        .map(|i| {
            let parent = if i == 0 {
                String::new()
            } else {
                format!(r#", "parent": "l{}""#, i - 1)
            };
            format!(r#"{{"id": "l{i}"{parent}}}"#)
        })
        .collect();
    std::fs::write(
        dir.join("deep-labels.json"),
        format!(
            r#"{{"scopes": [{{"id": "deep", "description": "d", "labels": [{}]}}]}}"#,
            labels.join(",")
        ),
    )
    .unwrap();
    let term = |id: String, action: String, modality: &str| {
        format!(
            r#"{{"id": "{id}", "subject": "RU", "modality": "{modality}", "action": "{action}", "text": "x", "source": "s"}}"#
        )
    };
    let step = (n / 10).max(1);
    let a: Vec<String> = (0..10)
        .map(|i| term(format!("t{i}"), format!("a{}", n - 1 - i * step), "must_not"))
        .collect();
    let b: Vec<String> = (0..10)
        .map(|i| term(format!("u{i}"), format!("a{}", i * step), "must"))
        .collect();
    for (name, by, terms) in [("use-a.json", "US", a), ("use-b.json", "RU", b)] {
        let text = format!(
            r#"{{"id": "{}", "by": ["{by}"], "source": "s", "terms": [{}]}}"#,
            &name[..5],
            terms.join(",")
        );
        std::fs::write(dir.join(name), text).unwrap();
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    Run::of(plain().current_dir(dir).args(args))
}

#[test]
fn a_chain_of_100000_stops_at_the_hierarchy_limit_naming_its_flag() {
    let dir = tempfile::tempdir().unwrap();
    chains(dir.path(), 100_000);
    for (args, what) in [
        (
            &["vocab", "-q", "--vocab", "deep-actions.json"][..],
            "action `a64` (inside `a63`) is 65 levels deep, more than the limit of 64",
        ),
        (
            &["vocab", "--vocab", "deep-labels.json"][..],
            "scope label `l64` (inside `l63`) is 65 levels deep",
        ),
        (
            &[
                "compare",
                "-q",
                "--vocab",
                "deep-actions.json",
                "use-a.json",
                "use-b.json",
            ][..],
            "action `a64` (inside `a63`) is 65 levels deep",
        ),
    ] {
        let Run { code, stderr, stdout } = run(dir.path(), args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains(what), "{args:?}: {stderr}");
        assert!(
            stderr.contains("raise the limit with `--max-hierarchy-depth N`"),
            "{stderr}"
        );
        // Located at the parent that goes one level too deep.
        assert!(stderr.contains("[64].parent"), "{stderr}");
    }
}

#[test]
fn under_a_raised_limit_a_deep_chain_is_printed_and_compared_in_linear_space() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3000;
    chains(dir.path(), n);
    let raised = ["--max-hierarchy-depth", "3000"];
    let Run { code, stdout, stderr } = run(
        dir.path(),
        &[&["vocab", "--vocab", "deep-actions.json"][..], &raised].concat(),
    );
    assert_eq!(code, 0, "{stderr}");
    // Indented as a tree down to a point, then each action names its parent.
    assert!(
        stdout.contains("\n  a0: d\n    a1: d\n"),
        "{}",
        &stdout[..400.min(stdout.len())]
    );
    assert!(stdout.contains(&format!("a{} (level {n}, inside a{}): d\n", n - 1, n - 2)));
    let chain = |l: &&str| {
        l.trim_start()
            .strip_prefix('a')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    let longest = stdout.lines().filter(chain).map(str::len).max().unwrap();
    assert!(longest < 80, "a line of {longest} characters");
    // Before, 3000 levels took 9 MB of indentation.
    let default = run(dir.path(), &["vocab"]).stdout.len();
    assert!(stdout.len() - default < n * 60, "{} bytes", stdout.len());

    let labels = run(
        dir.path(),
        &[&["vocab", "--vocab", "deep-labels.json"][..], &raised].concat(),
    );
    assert_eq!(labels.code, 0, "{}", labels.stderr);
    assert!(
        labels
            .stdout
            .contains(&format!("l{} (level {n}, inside l{})\n", n - 1, n - 2))
    );

    let compare = run(
        dir.path(),
        &[
            &[
                "compare",
                "--vocab",
                "deep-actions.json",
                "use-a.json",
                "use-b.json",
                "--color=never",
            ][..],
            &raised,
        ]
        .concat(),
    );
    // Each `must_not` deep in the chain conflicts with the `must` of an action above it.
    assert_eq!(compare.code, 1, "{}", compare.stderr);
    assert!(compare.stdout.contains("CONFLICT"), "{}", compare.stdout);
}

#[test]
fn the_default_pack_prints_as_before() {
    let out = run(Path::new("."), &["vocab", "--color=never"]).stdout;
    assert!(out.contains("\nactions\n  hostilities: "), "{out}");
    assert!(out.contains("\n    strikes: "), "{out}");
}
