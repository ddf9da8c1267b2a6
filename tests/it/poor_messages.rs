//! The poor messages of the second robustness review (`TABLE.md` rows 16-18, 56, 62,
//! 85, 86; row 9 is the fixture `bad/vocab-party-codes`):
//! inputs the binary handled safely but explained badly, each now given a message that
//! says what is wrong and what to do.

use std::path::Path;

use crate::support::cli::{Run, plain};
use crate::support::{ROOT, RU, US};

fn run(dir: &Path, args: &[&str]) -> Run {
    Run::of(plain().current_dir(dir).args(args))
}

/// Row 56: UTF-16 without a byte-order mark passes as UTF-8 full of NULs; it is now
/// named as UTF-16, in either byte order, with the remedy.
#[test]
fn utf16_without_a_bom_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join(US)).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    std::fs::write(dir.path().join("be.json"), be).unwrap();
    std::fs::write(dir.path().join("le.json"), le).unwrap();
    for (file, order) in [("be.json", "big-endian"), ("le.json", "little-endian")] {
        let Run { code, stderr, .. } = run(dir.path(), &["check", file]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "cannot read `{file}`: not UTF-8 text: it looks like UTF-16 ({order})"
            )),
            "{stderr}"
        );
        assert!(stderr.contains("save the file as UTF-8"), "{stderr}");
    }
}

/// Row 62: `-` is a file name (no command reads standard input by it); the message
/// says how to read standard input.
#[test]
fn a_dash_says_how_to_read_standard_input() {
    let Run { code, stderr, .. } = run(Path::new(ROOT), &["compare", "-", US]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read `-`: no such file; to read standard input, give `/dev/stdin`"),
        "{stderr}"
    );
    // And `/dev/stdin` works.
    let text = std::fs::read(Path::new(ROOT).join(RU)).unwrap();
    let out = plain()
        .args(["compare", "-q", "/dev/stdin", US])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Row 85: a proposal id `..` written by `--write-dir` gets a visible file, not a
/// hidden `...command-line.json`. Row 86: `--write-dir` naming a file is refused as
/// not a folder.
#[test]
fn write_dir_names_are_visible_and_a_file_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join(US)).unwrap()).unwrap();
    p["id"] = "..".into();
    let dots = dir.path().join("dots.json");
    std::fs::write(&dots, serde_json::to_string(&p).unwrap()).unwrap();
    let out = dir.path().join("out");
    let ru = Path::new(ROOT).join(RU);
    let args = |write_dir: &Path| {
        vec![
            "whatif".to_owned(),
            dots.to_str().unwrap().to_owned(),
            ru.to_str().unwrap().to_owned(),
            "--drop".to_owned(),
            "../aid".to_owned(),
            "-q".to_owned(),
            "--write-dir".to_owned(),
            write_dir.to_str().unwrap().to_owned(),
        ]
    };
    let Run { code, stderr, .. } = Run::of(plain().args(args(&out)));
    assert_eq!(code, 1, "{stderr}");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["__.command-line.json".to_owned()]);

    let before = std::fs::read_to_string(&dots).unwrap();
    let Run { code, stderr, .. } = Run::of(plain().args(args(&dots)));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write into `{}`: it is not a folder",
            dots.display()
        )),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&dots).unwrap(), before);
}

/// The US proposal's first term under each of `ids`, as a proposal `id`, in `dir`.
fn with_term_ids(dir: &Path, file: &str, id: &str, ids: &[&str]) {
    let mut p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(Path::new(ROOT).join(US)).unwrap()).unwrap();
    let base = p["terms"][0].clone();
    p["id"] = id.into();
    p["terms"] = ids
        .iter()
        .map(|&t| {
            let mut term = base.clone();
            term["id"] = t.into();
            term
        })
        .collect();
    std::fs::write(dir.join(file), serde_json::to_string(&p).unwrap()).unwrap();
}

/// Rows 16 and 17: term ids with a bidirectional override, zero-width characters or a
/// Cyrillic letter beside the id they look like are warned about, naming both ids
/// (their hidden characters spelled out) and the other's place.
#[test]
fn look_alike_term_ids_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    with_term_ids(
        dir.path(),
        "look.json",
        "look",
        &["aid", "a\u{200d}id", "aid\u{200b}", "\u{430}id", "x\u{202e}yz"],
    );
    let Run { code, stderr, .. } = run(dir.path(), &["check", "look.json"]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "warning: term id `a<U+200D>id` contains an invisible character",
        "warning: term id `a<U+200D>id` looks like term id `aid` of `terms[0]`, but is another",
        "warning: term id `aid<U+200B>` looks like term id `aid` of `terms[0]`",
        "warning: term id `<U+0430>id` looks like term id `aid` of `terms[0]`",
        "warning: term id `x<U+202E>yz` contains a bidirectional control",
        "= path: terms[3].id",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    let denied = run(dir.path(), &["check", "--deny-warnings", "look.json"]);
    assert_eq!(denied.code, 2);
    // Plain and unrelated non-ASCII ids are left alone.
    with_term_ids(dir.path(), "fine.json", "fine", &["aid", "café", "помощь"]);
    let Run { code, stderr, .. } = run(dir.path(), &["check", "fine.json"]);
    assert_eq!((code, stderr.contains("warning")), (0, false), "{stderr}");
}

/// Row 18: proposals `café` in NFC and in NFD compared: a warning names both files.
#[test]
fn look_alike_proposal_ids_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    with_term_ids(dir.path(), "nfc.json", "caf\u{e9}", &["halt"]);
    with_term_ids(dir.path(), "nfd.json", "cafe\u{301}", &["halt"]);
    let Run { code, stderr, .. } = run(dir.path(), &["compare", "-q", "nfc.json", "nfd.json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: proposal id `cafe<U+0301>` looks like `caf<U+00E9>`, the id of `nfc.json`, but is another"),
        "{stderr}"
    );
    assert!(stderr.contains("--> nfd.json:"), "{stderr}");
}
