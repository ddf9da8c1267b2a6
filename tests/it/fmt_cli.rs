//! `armistice fmt`: the canonical layout is a fixpoint on the seed proposals, is
//! reached from any key order and spacing without changing content (property test),
//! keeps comments or refuses, and `--check`, invalid files and exit codes.

use std::path::PathBuf;

use armistice::fmt::format;
use armistice::model::Proposal;
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::cli::{Run, armistice};
use crate::support::{RU, US};

const SEEDS: [&str; 2] = [US, RU];

/// `armistice fmt ARGS`.
fn fmt(args: &[&str]) -> Run {
    Run::of(armistice().arg("fmt").args(args))
}

/// Writes `text` to `name` in a fresh scratch folder, removed when the guard drops.
fn temp(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn every_proposal_file_is_formatted() {
    let mut all: Vec<String> = std::fs::read_dir("proposals")
        .unwrap()
        .map(|e| e.unwrap().path().to_str().unwrap().to_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    all.sort();
    let mut args = vec!["--check"];
    args.extend(all.iter().map(String::as_str));
    let Run { stdout, stderr, code } = fmt(&args);
    assert_eq!((stdout.as_str(), stderr.as_str(), code), ("", "", 0));
    for s in &all {
        let text = std::fs::read_to_string(s).unwrap();
        assert_eq!(format(&text).unwrap(), text, "{s}");
    }
}

/// Rewrites every object of `v` with its keys in an order drawn from `seed`.
fn shuffle(v: &Value, seed: &mut u64) -> Value {
    match v {
        Value::Object(m) => {
            let mut entries: Vec<(String, Value)> =
                m.iter().map(|(k, v)| (k.clone(), shuffle(v, seed))).collect();
            for i in (1..entries.len()).rev() {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                entries.swap(i, (*seed >> 33) as usize % (i + 1));
            }
            Value::Object(entries.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(|x| shuffle(x, seed)).collect()),
        x => x.clone(),
    }
}

proptest! {
    /// From any key order and spacing, fmt reaches the seed file's own layout; the
    /// content is the same and formatting again changes nothing.
    #[test]
    fn any_layout_formats_to_the_canonical_one(which in 0usize..2, mut seed in any::<u64>(), pretty in any::<bool>()) {
        let canonical = std::fs::read_to_string(SEEDS[which]).unwrap();
        let v: Value = serde_json::from_str(&canonical).unwrap();
        let shuffled = shuffle(&v, &mut seed);
        let text = if pretty {
            serde_json::to_string_pretty(&shuffled).unwrap()
        } else {
            serde_json::to_string(&shuffled).unwrap()
        };
        let once = format(&text).unwrap();
        prop_assert_eq!(&once, &canonical);
        prop_assert_eq!(format(&once).unwrap(), once.clone());
        let before: Proposal = serde_json::from_str(&text).unwrap();
        let after: Proposal = serde_json::from_str(&once).unwrap();
        prop_assert_eq!(before, after);
    }
}

const COMMENTED: &str = r#"// leading file comment
{
  "terms": [ // the terms
    { "text": "x", "action": "hostilities", "subject": [ "RU",
       "UA" ], "id": "halt", "window": {"to": 30, "from": 0}, /* trailing block */
      // before modality
      "modality": "must_not",
      "params": {"b": 1, "a": {"max": 3, "min": 1}},
      "requires": [{"timing": "concurrent", "term": "x"}, "y"],
    },
  ],
  "by": ["US"], "id": "p", // id comment
  /* dangling */
}
// trailing file comment
"#;

#[test]
fn comments_are_kept_with_their_fields() {
    let once = format(COMMENTED).unwrap();
    assert_eq!(format(&once).unwrap(), once, "idempotent with comments");
    for c in [
        "// leading file comment",
        "// the terms",
        "/* trailing block */",
        "// before modality",
        "// id comment",
        "/* dangling */",
        "// trailing file comment",
    ] {
        assert!(once.contains(c), "{c} kept");
    }
    assert!(once.contains("\"id\": \"p\", // id comment\n"));
    assert!(once.contains("// before modality\n      \"modality\": \"must_not\",\n"));
    insta::assert_snapshot!(once);
}

#[test]
fn a_comment_inside_a_field_is_refused_and_the_file_left_alone() {
    let text = "{\"id\": /* x */ \"p\", \"by\": [], \"terms\": []}";
    let (_dir, path) = temp("inside.json", text);
    let Run { stderr, code, .. } = fmt(&[path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the comment on line 1 sits inside a field"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn invalid_files_are_errors_and_never_rewritten() {
    for (name, text, message) in [
        (
            "syntax.json",
            "{\"id\": \"p\", \"by\": [",
            "unexpected end of file",
        ),
        (
            "unknown.json",
            "{\"id\": \"p\", \"by\": [], \"terms\": [], \"x\": 1}",
            "unknown field `x`",
        ),
        (
            "type.json",
            "{\"id\": 1, \"by\": [], \"terms\": []}",
            "= path: id",
        ),
        (
            "dup.json",
            "{\"id\": \"p\", \"id\": \"q\", \"by\": [], \"terms\": []}",
            "duplicate field `id`",
        ),
    ] {
        let (_dir, path) = temp(name, text);
        for check in [false, true] {
            let mut args = vec![path.to_str().unwrap()];
            if check {
                args.push("--check");
            }
            let Run { stderr, code, .. } = fmt(&args);
            assert_eq!(code, 2, "{name}");
            assert!(stderr.contains(message), "{name}: {stderr}");
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }
}

#[test]
fn check_lists_files_that_would_change_and_fmt_rewrites_them() {
    let messy = "{\"terms\": [], \"by\": [\"US\"],\n\"id\": \"p\"}";
    let (_dir, path) = temp("messy.json", messy);
    let p = path.to_str().unwrap();
    let Run { stdout, code, .. } = fmt(&["--check", p, SEEDS[0]]);
    assert_eq!(code, 1);
    assert_eq!(stdout, format!("{p}\n"), "only the file that would change");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check writes nothing"
    );
    let code = fmt(&[p]).code;
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\n  \"id\": \"p\",\n  \"by\": [\"US\"],\n  \"terms\": []\n}\n"
    );
    let Run { stdout, code, .. } = fmt(&["--check", p]);
    assert_eq!((stdout.as_str(), code), ("", 0));
}

#[test]
fn a_missing_file_is_an_error() {
    let Run { stderr, code, .. } = fmt(&["no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read `no/such/file.json`"), "{stderr}");
}

/// Robustness case 5: standard input (a pipe) cannot be rewritten in place; `fmt`
/// says so at once, before reading it, rather than blocking on a full pipe or
/// throwing the text away. `--check` only reads, and takes it.
#[test]
fn a_pipe_is_refused_not_rewritten() {
    let terms: Vec<String> = (0..3000)
        .map(|i| format!(r#"{{"id":"t{i}","subject":"RU","action":"strikes","text":"x"}}"#))
        .collect();
    let ugly = format!(r#"{{"id":"p",   "by":["US"],"terms":[{}]}}"#, terms.join(","));
    assert!(ugly.len() > 150_000, "more than a pipe holds");
    let run = Run::of(
        armistice()
            .args(["fmt", "/dev/stdin"])
            .write_stdin(ugly.clone())
            .timeout(std::time::Duration::from_secs(60)),
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("error: cannot rewrite `/dev/stdin` in place: it is not a regular file\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let check = Run::of(
        armistice()
            .args(["fmt", "--check", "/dev/stdin"])
            .write_stdin(ugly),
    );
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(check.stdout, "/dev/stdin\n");
}

/// A proposal on one line, which `fmt` rewrites.
fn one_line() -> String {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(US).unwrap()).unwrap();
    serde_json::to_string(&v).unwrap()
}

/// Whether the tests run as root (the owner of a file they just made).
#[cfg(unix)]
fn as_root(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).unwrap().uid() == 0
}

/// Robustness case 10: a rewritten file keeps its owner, group and mode, set-user-id
/// and set-group-id bits included (as root, which may set them; otherwise the mode).
#[cfg(unix)]
#[test]
fn fmt_keeps_owner_group_and_mode() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
    let (dir, path) = temp("t.json", &one_line());
    let root = as_root(dir.path());
    let mode = if root { 0o6751 } else { 0o640 };
    if root {
        chown(&path, Some(1234), Some(5678)).unwrap();
    } else {
        println!("not root: the owner and group cannot be given away; only the mode is checked");
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    let before = std::fs::metadata(&path).unwrap();
    let Run { code, stderr, .. } = fmt(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let after = std::fs::metadata(&path).unwrap();
    assert_ne!(
        after.ino(),
        before.ino(),
        "rewritten by renaming a new file over it"
    );
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_eq!(after.mode() & 0o7777, mode, "{:o}", after.mode());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("\n  \"terms\": [")
    );
}

/// Robustness case 10: `fmt` refuses a file the invoking user may not write, although
/// the folder would let it rename another over it; and a group-shared file it may
/// write keeps its owner and group. Run as user `nobody` through `setpriv` when the
/// tests run as root, else with a read-only mode.
#[cfg(unix)]
#[test]
fn fmt_refuses_a_file_the_user_may_not_write_and_keeps_a_shared_files_owner() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
    let text = one_line();
    let (dir, path) = temp("t.json", &text);
    let shared = dir.path().join("shared.json");
    std::fs::write(&shared, &text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let mut cmd = if as_root(dir.path()) {
        let setpriv = std::path::Path::new("/usr/bin/setpriv");
        let reachable = bin
            .ancestors()
            .all(|d| std::fs::metadata(d).map_or(true, |m| !m.is_dir() || m.mode() & 0o001 != 0));
        if !setpriv.exists() || !reachable {
            println!("skipped: root, and no setpriv or a binary user nobody cannot run");
            return;
        }
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        chown(&shared, Some(0), Some(100)).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o666)).unwrap();
        let mut c = assert_cmd::Command::new(setpriv);
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        assert_cmd::Command::new(&bin)
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::metadata(&shared).unwrap();
    let Run { code, stderr, .. } =
        Run::of(cmd.current_dir(dir.path()).args(["fmt", "t.json", "shared.json"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write `t.json`: Permission denied"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o444);
    // The other file is written, and stays its owner's.
    let after = std::fs::metadata(&shared).unwrap();
    assert_ne!(std::fs::read_to_string(&shared).unwrap(), text);
    assert_eq!(
        (after.uid(), after.gid(), after.mode()),
        (before.uid(), before.gid(), before.mode())
    );
}

#[test]
fn time_fields_take_their_places() {
    let (_dir, path) = temp(
        "time.json",
        r#"{ "terms": [ { "window": { "days": 30, "after": "x", "from_start": true }, "text": "t", "id": "y", "subject": "RU", "action": "withdrawal" },
  { "window": { "by": "2025-03-01" }, "id": "x", "subject": "RU", "action": "withdrawal" } ],
  "phases": [{ "days": 42, "id": "phase-1" }, { "to": "2025-04-01", "id": "phase-2" }],
  "entry_into_force": "2025-01-19", "by": ["US"], "id": "p" }"#,
    );
    let run = fmt(&[path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let once = std::fs::read_to_string(&path).unwrap();
    // Entry into force and phases after the date, before the terms; a phase's id
    // first; an anchor's term first, then from_start, then its length.
    assert!(once.contains(
        "\"by\": [\"US\"],\n  \"entry_into_force\": \"2025-01-19\",\n  \"phases\": [{ \"id\": \"phase-1\", \"days\": 42 }, { \"id\": \"phase-2\", \"to\": \"2025-04-01\" }],\n  \"terms\""
    ), "{once}");
    assert!(
        once.contains("\"window\": { \"after\": \"x\", \"from_start\": true, \"days\": 30 }"),
        "{once}"
    );
    insta::assert_snapshot!(once);
}
