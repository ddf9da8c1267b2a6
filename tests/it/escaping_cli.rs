//! Ids that the output formats and the edit language must survive (robustness cases
//! 07, 08 and 13 of issue #19): `concede`'s `try` lines run as printed, whatever the
//! ids and paths hold.

use std::path::Path;

use crate::support::ROOT;
use crate::support::cli::{Run, armistice};

/// The fixtures of these cases.
const DIR: &str = "tests/fixtures/escaping";

#[test]
fn every_try_line_of_concede_runs_as_printed() {
    // The inputs in a folder and under names a shell must have quoted, read with a
    // vocabulary file: the `try` command has to name all three.
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("it's a dir");
    std::fs::create_dir(&folder).unwrap();
    for (from, to) in [
        ("q-weird.json", "q weird.json"),
        ("q-other.json", "-other $x.json"),
    ] {
        std::fs::copy(Path::new(ROOT).join(DIR).join(from), folder.join(to)).unwrap();
    }
    let vocab = folder.join("vocab `x`.json");
    std::fs::copy(
        Path::new(ROOT).join("tests/fixtures/vocab/extension.json"),
        &vocab,
    )
    .unwrap();
    let run = Run::of(
        armistice()
            .current_dir(&folder)
            .args([
                "concede",
                "q weird.json",
                "./-other $x.json",
                "--color",
                "never",
                "--vocab",
            ])
            .arg(&vocab),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let tries: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("try"))
        .map(str::trim)
        .collect();
    assert!(tries.len() >= 2, "{}", run.stdout);
    // Some package withdraws the terms named with a space, `.` and quotes.
    assert!(
        tries.iter().any(|t| t.contains(r#""we ird.p"/"a b""#)),
        "{tries:?}"
    );
    assert!(tries.iter().all(|t| t.contains("--vocab")), "{tries:?}");
    let bin = assert_cmd::cargo::cargo_bin("armistice");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for line in &tries {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{line} --color never"))
            .current_dir(&folder)
            .env("PATH", &path)
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(code == 0 || code == 1, "`{line}` exited {code}: {stderr}");
        assert!(stderr.is_empty(), "`{line}`: {stderr}");
        // The scenario it ran is the package: every conflict withdrawn.
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("SCENARIO #1"), "{stdout}");
    }
}
