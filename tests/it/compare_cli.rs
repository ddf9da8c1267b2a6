//! `armistice compare` on the built binary: every output format on the real
//! proposals (snapshots), exit codes, `--only`, `-o`.

use crate::support::cli::{Run, armistice};
use crate::support::{RU, US};

/// `armistice compare ARGS --color=never`.
fn compare(args: &[&str]) -> Run {
    Run::of(armistice().arg("compare").args(args).arg("--color=never"))
}

#[test]
fn seed_text() {
    let Run { stdout, code, .. } = compare(&[US, RU]);
    assert_eq!(code, 1, "conflicts exit 1");
    insta::assert_snapshot!(stdout);
}

#[test]
fn seed_markdown() {
    let Run { stdout, code, .. } = compare(&[US, RU, "--format", "markdown"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn seed_json() {
    let Run { stdout, code, .. } = compare(&[US, RU, "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["schema_version"], 2);
    insta::assert_snapshot!(stdout);
}

#[test]
fn seed_findings_read_back_from_json() {
    let out = compare(&[US, RU, "--format", "json"]).stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pair = &v["pairs"][0];
    assert_eq!(pair["verdict"], "conflicting");
    let rels = pair["relations"].as_array().unwrap();
    let has = |kind: &str, indirect: bool, l: &str, r: &str| {
        rels.iter().any(|x| {
            x["kind"] == kind
                && x["indirect"] == indirect
                && x["left"]["term"] == l
                && x["right"]["term"] == r
        })
    };
    assert!(has(
        "conflict",
        false,
        "us-2025-03-11/aid",
        "ru-2025-03-13/no-aid"
    ));
    assert!(has(
        "conflict",
        false,
        "us-2025-03-11/intel",
        "ru-2025-03-13/no-intel"
    ));
    assert!(has(
        "conflict",
        true,
        "us-2025-03-11/aid",
        "ru-2025-03-13/no-resupply"
    ));
    assert!(has("agree", false, "us-2025-03-11/halt", "ru-2025-03-13/halt"));
    let indirect = rels.iter().find(|x| x["indirect"] == true).unwrap();
    assert_eq!(indirect["left"]["chain"][0]["rule"], "aid-enables-resupply");
    let blocked = pair["blocked"].as_array().unwrap();
    assert!(
        blocked
            .iter()
            .any(|b| b["term"] == "ru-2025-03-13/halt" && b["status"] == "blocked")
    );
    let open: Vec<&str> = pair["open"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["term"].as_str().unwrap())
        .collect();
    for t in [
        "us-2025-03-11/pow",
        "ru-2025-03-13/no-train",
        "ru-2025-03-13/no-reinforce",
    ] {
        assert!(open.contains(&t), "{t} open in {open:?}");
    }
    let burden = v["burden"].as_array().unwrap();
    let ru = burden.iter().find(|b| b["proposal"] == "ru-2025-03-13").unwrap();
    let count = |party: &str| {
        ru["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["party"] == party)
            .unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert!(
        count("UA") + count("US") > 4 * count("RU"),
        "Russia's terms bind Ukraine and the US far more than Russia"
    );
}

#[test]
fn only_filters_sections_but_not_counts_or_exit() {
    let Run { stdout, code, .. } = compare(&[US, RU, "--only", "conflicts", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let pair = &v["pairs"][0];
    assert!(
        pair["relations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["kind"] == "conflict")
    );
    assert!(pair["open"].as_array().unwrap().is_empty());
    assert_eq!(pair["counts"]["open"], 3);
    assert!(v.get("burden").is_none());
}

#[test]
fn same_proposal_twice_under_two_ids_is_compatible() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(US)
        .unwrap()
        .replace("\"id\": \"us-2025-03-11\"", "\"id\": \"copy\"");
    let copy = dir.path().join("copy.json");
    std::fs::write(&copy, text).unwrap();
    let Run { stdout, code, .. } = compare(&[US, copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("COMPATIBLE"));
}

#[test]
fn output_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("brief.md");
    let out = armistice()
        .args(["compare", US, RU, "--format", "markdown", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# Comparison of"));
}

#[test]
fn errors_exit_2() {
    let out = armistice().args(["compare", US]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "one proposal is not enough");
    let out = armistice()
        .args(["compare", US, "no/such/file.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.json"));
    let out = armistice().args(["compare", US, US]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains(&format!("proposal id `us-2025-03-11` is also the id of `{US}`"))
    );
}

/// Robustness case 15: two proposals with the same id are an error that names both
/// files and points at the second one's `id`, in every command that compares them.
#[test]
fn a_duplicate_proposal_id_names_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("copy.json");
    std::fs::copy(US, &copy).unwrap();
    let copy = copy.to_str().unwrap();
    let html = tmp.path().join("brief.html");
    for extra in [
        vec!["compare"],
        vec!["concede"],
        vec!["whatif", "--drop", "us-2025-03-11/halt"],
        vec!["graph"],
        vec!["report", "-o", html.to_str().unwrap()],
    ] {
        let run = Run::of(armistice().args(&extra).args([US, RU, copy, "--color", "never"]));
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "error: proposal id `us-2025-03-11` is also the id of `{US}`\n --> {copy}:3:9\n"
            )),
            "{extra:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("give each proposal compared an id of its own"),
            "{}",
            run.stderr
        );
    }
    assert!(!html.exists());
}

#[test]
fn quiet_prints_nothing_and_keeps_the_exit_code() {
    let out = armistice().args(["compare", US, RU, "--quiet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    // A report far larger than a pipe's buffer, so that writing it meets the closed pipe.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let gen_out = armistice()
        .args(["generate", "--terms", "2000", "--out"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(gen_out.status.success());
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let mut child = Std::new(bin)
        .arg("compare")
        .args([dir.join("a.json"), dir.join("b.json")])
        .arg("--vocab")
        .arg(dir.join("vocab.json"))
        .args(["--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte and close the pipe, as `| head -c1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(matches!(out.status.code(), Some(1) | Some(0)), "{:?}", out.status);
}

/// Regression: `-o /dev/null` once replaced the device with a plain file (the atomic
/// rename). Devices and pipes are written in place; a link keeps pointing at its file.
#[test]
fn output_to_a_pipe_or_through_a_link_keeps_them() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let fifo = dir.join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Opened for reading and writing, a pipe does not wait for the other end, and
    // holds the report (well under a pipe's buffer) until it is read.
    let mut pipe = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let out = armistice()
        .args(["compare", US, RU, "--format", "json", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before reading: a pipe replaced by a file would never be written to.
    assert!(
        std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a pipe"
    );
    let mut buf = vec![0u8; 1 << 16];
    let n = std::io::Read::read(&mut pipe, &mut buf).unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).contains("\"schema_version\": 2"));

    let real = dir.join("real.md");
    let link = dir.join("link.md");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = armistice()
        .args(["compare", US, RU, "--format", "markdown", "--force", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "still a link"
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("# Comparison of")
    );
}

/// Files load in parallel, yet their diagnostics come in the order the files are
/// given: here the first file, much larger, finishes loading last.
#[test]
fn diagnostics_keep_the_order_of_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let term = |id: String, action: &str| {
        serde_json::json!({
            "id": id, "subject": "RU", "modality": "must_not", "action": action,
            "text": "wording", "source": "a test"
        })
    };
    let write = |name: &str, terms: Vec<serde_json::Value>| {
        let path = tmp.path().join(name);
        let p = serde_json::json!({ "id": name.trim_end_matches(".json"), "by": ["RU"], "terms": terms });
        std::fs::write(&path, serde_json::to_string(&p).unwrap()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let mut big: Vec<_> = (0..20_000)
        .map(|i| term(format!("t{i}"), "hostilities"))
        .collect();
    big.push(term("last".into(), "strikez"));
    let big = write("big.json", big);
    let small = write("small.json", vec![term("only".into(), "hostilitiez")]);
    for _ in 0..3 {
        let out = armistice()
            .args(["compare", "--color=never", &big, &small])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        let (first, second) = (err.find("strikez").unwrap(), err.find("hostilitiez").unwrap());
        assert!(first < second, "{err}");
        assert!(err.find("could not load").unwrap() < second, "{err}");
    }
}

/// At most 50 diagnostics are printed for a file, and its errors are among them: an
/// error after thousands of warnings is not hidden behind them.
#[test]
fn an_error_is_not_hidden_behind_many_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    // Each term lacks its wording and source: two warnings a term, then one error.
    let mut terms: Vec<_> = (0..100)
        .map(|i| serde_json::json!({ "id": format!("t{i}"), "subject": "RU", "action": "hostilities" }))
        .collect();
    terms.push(serde_json::json!({ "id": "last", "subject": "RU", "action": "strikez" }));
    let path = tmp.path().join("noisy.json");
    let p = serde_json::json!({ "id": "noisy", "by": ["RU"], "terms": terms });
    std::fs::write(&path, serde_json::to_string(&p).unwrap()).unwrap();
    let out = armistice()
        .args(["check", "--color=never", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown action `strikez`"), "{err}");
    assert_eq!(err.matches("warning: term").count(), 49, "{err}");
    assert!(err.contains("… and 153 more warnings in"), "{err}");
}
