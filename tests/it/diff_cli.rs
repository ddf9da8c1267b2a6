//! `armistice diff` on the command line: exit codes (0 same in meaning, 1 different,
//! 2 error), formats, `--ignore`, `-o`, and the git diff driver script.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{NEW, OLD, ROOT, RU, US, cli};

/// The binary with colour left to the flags and the terminal: the tests of `--color`
/// here must not meet a `NO_COLOR` from the environment.
fn armistice() -> assert_cmd::Command {
    let mut cmd = cli::armistice();
    cmd.env_remove("NO_COLOR");
    cmd
}

#[test]
fn a_file_against_itself_exits_0() {
    for file in [OLD, NEW, US, RU] {
        for format in ["text", "markdown", "json", "patch"] {
            let out = armistice()
                .args(["diff", file, file, "--format", format])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{file} {format}");
        }
    }
    let out = armistice().args(["diff", US, US]).output().unwrap();
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap(), @"us-2025-03-11 → us-2025-03-11: same in meaning — 0 changed, 0 added, 0 removed, 5 unchanged\n");
}

#[test]
fn different_versions_exit_1_in_every_format() {
    for format in ["text", "markdown", "json", "patch"] {
        armistice()
            .args(["diff", OLD, NEW, "--format", format])
            .assert()
            .code(1);
    }
    armistice().args(["diff", US, RU]).assert().code(1);
}

#[test]
fn the_patch_on_stdout_applies() {
    let out = armistice()
        .args(["diff", US, RU, "--format", "patch"])
        .output()
        .unwrap();
    let patch: json_patch::Patch = serde_json::from_slice(&out.stdout).unwrap();
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join(p)).unwrap()).unwrap()
    };
    let mut doc = read(US);
    json_patch::patch(&mut doc, &patch).unwrap();
    assert_eq!(doc, read(RU));
}

#[test]
fn ignoring_every_changed_field_makes_a_notation_change_clean() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join(US)).unwrap();
    // Same meaning, other spelling and other wording.
    let respelled = text.replace("\"resume_aid\"", "\"military_aid\"").replace(
        "Russia and Ukraine would halt all conflict",
        "Both would stop fighting",
    );
    let path = dir.path().join("respelled.json");
    std::fs::write(&path, respelled).unwrap();
    armistice().args(["diff", US]).arg(&path).assert().code(1);
    let out = armistice()
        .args(["diff", US])
        .arg(&path)
        .args(["--ignore", "text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("action    written must resume_aid → must military_aid (same meaning)"),
        "{stdout}"
    );
}

#[test]
fn errors_exit_2() {
    armistice()
        .args(["diff", US, "no/such/file.json"])
        .assert()
        .code(2);
    armistice()
        .args(["diff", US, RU, "--ignore", "txet"])
        .assert()
        .code(2);
    let out = armistice()
        .args(["diff", US, RU, "--ignore", "txet"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: --ignore: unknown field `txet`; did you mean `text`?\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"id\": \"x\", \"by\": [\"US\"], \"terms\": [{\"id\": \"a\"}]}",
    )
    .unwrap();
    armistice().args(["diff", US]).arg(&bad).assert().code(2);
    armistice()
        .args(["diff", US, RU, "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn output_goes_to_a_file_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diff.md");
    armistice()
        .args(["diff", OLD, NEW, "--format", "text", "--color", "auto", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("mediator-draft → mediator-draft: different"));
    assert!(!written.contains('\u{1b}'));
    let colored = armistice()
        .args(["diff", OLD, NEW, "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(colored.stdout).unwrap().contains("\u{1b}[9m"));
}

fn script() -> PathBuf {
    Path::new(ROOT).join("scripts/git-diff-armistice")
}

#[test]
fn the_git_driver_handles_git_s_seven_arguments() {
    let root = Path::new(ROOT);
    let run = |old: &Path, new: &Path| {
        Command::new(script())
            .env("ARMISTICE", env!("CARGO_BIN_EXE_armistice"))
            .args([
                Path::new("proposals/x.json"),
                old,
                Path::new("abc"),
                Path::new("100644"),
            ])
            .args([new, Path::new("def"), Path::new("100644")])
            .output()
            .unwrap()
    };
    let out = run(&root.join(OLD), &root.join(NEW));
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(
        "armistice diff a/proposals/x.json b/proposals/x.json\nmediator-draft → mediator-draft: different"
    ));
    let added = run(Path::new("/dev/null"), &root.join(NEW));
    assert_eq!(
        String::from_utf8(added.stdout).unwrap(),
        "armistice diff a/proposals/x.json b/proposals/x.json\nnew proposal file\n"
    );
    let deleted = run(&root.join(OLD), Path::new("/dev/null"));
    assert!(
        String::from_utf8(deleted.stdout)
            .unwrap()
            .ends_with("deleted proposal file\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "not json\n").unwrap();
    let fallback = run(&root.join(OLD), &bad);
    assert_eq!(fallback.status.code(), Some(0));
    let stdout = String::from_utf8(fallback.stdout).unwrap();
    assert!(
        stdout.contains("plain diff follows") && stdout.contains("+not json"),
        "{stdout}"
    );
    let usage = Command::new(script()).arg("only-one").output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn git_diff_uses_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(dir.path())
            .env("ARMISTICE", env!("CARGO_BIN_EXE_armistice"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let root = Path::new(ROOT);
    git(&["init", "-q"]);
    git(&["config", "diff.armistice.command", script().to_str().unwrap()]);
    std::fs::create_dir(dir.path().join("proposals")).unwrap();
    std::fs::write(
        dir.path().join(".gitattributes"),
        "proposals/*.json diff=armistice\n",
    )
    .unwrap();
    let file = dir.path().join("proposals/draft.json");
    std::fs::copy(root.join(OLD), &file).unwrap();
    git(&["add", "."]);
    git(&["commit", "-qm", "first"]);
    std::fs::copy(root.join(NEW), &file).unwrap();
    let out = git(&["diff"]);
    assert!(
        out.starts_with("armistice diff a/proposals/draft.json b/proposals/draft.json\n"),
        "{out}"
    );
    assert!(
        out.contains("modality  must → must_not: US now agrees to halt military aid to UA"),
        "{out}"
    );
    git(&["commit", "-qam", "second"]);
    let log = git(&["log", "-p", "--ext-diff", "-1"]);
    assert!(log.contains("ADDED    talks"), "{log}");
}

#[test]
fn parameters_rewritten_in_another_form_are_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, params: &str| {
        let path = dir.path().join(name);
        let text = format!(
            r#"{{ "id": "p", "by": ["US"], "terms": [
  {{ "id": "pow", "subject": "RU", "action": "prisoner_exchange", "text": "x", "source": "s",
    "params": {params} }} ]}}"#
        );
        std::fs::write(&path, text).unwrap();
        path
    };
    let old = write(
        "old.json",
        r#"{"count": 100, "exchange": ["wounded_first", "all_for_all"], "prisoner_category": "women"}"#,
    );
    let same = write(
        "same.json",
        r#"{"count": {"min": 100, "max": 100}, "exchange": ["all_for_all", "wounded_first", "all_for_all"], "prisoner_category": ["women"]}"#,
    );
    let more = write(
        "more.json",
        r#"{"count": {"min": 100, "max": 120}, "exchange": ["all_for_all", "wounded_first"], "prisoner_category": ["women"]}"#,
    );
    let out = armistice().args(["diff"]).arg(&old).arg(&same).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("same in meaning — 0 changed"), "{text}");
    let out = armistice().args(["diff"]).arg(&old).arg(&more).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("count") && !text.contains("exchange"), "{text}");
}
