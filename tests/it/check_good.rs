//! Inputs that must load: the bundled proposals, JSON with comments, a proposal using a
//! `--vocab` extension; and the size limit on inputs. (A byte-order mark is refused: see
//! tests/fixtures/hostile/check/byte-order-mark.)

use crate::support::ROOT;
use crate::support::cli::{self, Run};

/// `armistice check ARGS`, colour decided by the flags.
fn check(args: &[&str]) -> Run {
    Run::of(cli::plain().arg("check").args(args))
}

#[test]
fn bundled_proposals_load_without_errors_or_warnings() {
    let mut paths: Vec<String> = std::fs::read_dir(std::path::Path::new(ROOT).join("proposals"))
        .unwrap()
        .map(|e| format!("proposals/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    paths.sort();
    assert!(paths.len() >= 4, "{paths:?}");
    let mut args: Vec<&str> = paths.iter().map(String::as_str).collect();
    args.push("--deny-warnings");
    let Run { code, stdout, stderr } = check(&args);
    assert_eq!(stderr, "");
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn comments_are_allowed() {
    let Run { code, stdout, stderr } = check(&["tests/fixtures/good/commented.jsonc"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.starts_with("ok  commented "), "{stdout}");
}

#[test]
fn vocab_file_extends_the_default_pack() {
    let file = "tests/fixtures/good/uses-extension.json";
    let Run { code, stderr, .. } = check(&[file]);
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown party `PL`"), "{stderr}");
    assert!(stderr.contains("unknown action `grain_deal`"), "{stderr}");
    let Run { code, stdout, stderr } = check(&["--vocab", "tests/fixtures/vocab/extension.json", file]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(stdout.contains("by PL"), "{stdout}");
}

#[test]
fn files_above_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(armistice::limits::MAX_FILE_BYTES + 1).unwrap(); // sparse: costs no disk
    let Run { code, stderr, .. } = check(&[big.to_str().unwrap()]);
    dir.close().unwrap();
    assert_eq!(code, 2);
    assert!(
        stderr.contains("more than the limit of 1 GiB; raise the limit with `--max-file-size SIZE`"),
        "{stderr}"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let bad = "tests/fixtures/bad/unknown-action.json";
    let plain = check(&[bad]).stderr;
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let coloured = check(&["--color", "always", bad]);
    assert_eq!(coloured.code, 2);
    assert!(coloured.stderr.contains('\u{1b}'), "{}", coloured.stderr);
    let never = check(&["--color", "never", bad]).stderr;
    assert_eq!(never, plain);
}
