//! Nothing lost (issue 8): no command modifies its inputs, `-o` and `--write-dir` refuse
//! to replace an input or, without `--force`, an existing file, and a process killed
//! while writing leaves the old file or the new one, whole.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant, SystemTime};

use crate::support::cli::{self, Run};
use crate::support::{RU, US};

const README: &str = "proposals/us-2025-03-18-readout.json";
const SCENARIOS: &str = "examples/scenarios/seed.json";
const VOCAB: &str = "tests/fixtures/vocab/extension.json";

/// `armistice ARGS`, stopped after two minutes if it hangs.
fn armistice(args: &[&str]) -> Run {
    Run::of(cli::armistice().args(args).timeout(Duration::from_secs(120)))
}

/// A copy of the bundled inputs in a fresh folder, so that a command that wrongly
/// wrote to an input could not damage the repository.
fn copies() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = [US, RU, README, SCENARIOS, VOCAB]
        .iter()
        .map(|p| {
            let to = dir.path().join(Path::new(p).file_name().unwrap());
            std::fs::copy(p, &to).unwrap();
            to
        })
        .collect();
    (dir, paths)
}

/// The bytes and modification time of each file.
fn state(paths: &[PathBuf]) -> Vec<(Vec<u8>, SystemTime)> {
    paths
        .iter()
        .map(|p| {
            (
                std::fs::read(p).unwrap(),
                std::fs::metadata(p).unwrap().modified().unwrap(),
            )
        })
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn no_command_modifies_its_inputs() {
    let (dir, files) = copies();
    let [us, ru, readout, scenarios, vocab] = [0, 1, 2, 3, 4].map(|i| s(&files[i]).to_owned());
    let out_dir = dir.path().join("out");
    let before = state(&files);
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", &us, &ru, &readout],
        vec!["compare", &us, &ru, "--vocab", &vocab],
        vec!["compare", &us, &ru, "--format", "json"],
        vec!["compare", &us, &ru, "--format", "markdown"],
        vec!["diff", &us, &readout, "--against", &ru],
        vec!["diff", &us, &readout, "--format", "patch"],
        vec![
            "whatif",
            &us,
            &ru,
            "--scenarios",
            &scenarios,
            "--write-dir",
            s(&out_dir),
        ],
        vec!["whatif", &us, &ru, "--drop", "us-2025-03-11/aid"],
        vec!["concede", &us, &ru, "--top", "3"],
        vec!["graph", &us, &ru],
        vec!["report", &us, &ru],
        vec!["fmt", "--check", &us, &ru, &readout],
        vec!["vocab", "--vocab", &vocab],
    ];
    for args in &runs {
        let Run { code, stderr, .. } = armistice(args);
        assert!(code <= 1, "{args:?} failed: {stderr}");
    }
    assert!(
        out_dir.read_dir().unwrap().count() > 0,
        "--write-dir wrote the edited proposals"
    );
    assert!(state(&files) == before, "an input changed");
}

#[test]
fn output_refuses_an_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    std::fs::write(&out, "keep me\n").unwrap();
    let Run { code, stderr, .. } = armistice(&["compare", US, RU, "--format", "markdown", "-o", s(&out)]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("exists; give `--force` to overwrite it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");

    let Run { code, stderr, .. } = armistice(&[
        "compare",
        US,
        RU,
        "--format",
        "markdown",
        "--force",
        "-o",
        s(&out),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# "));
}

#[test]
fn commands_without_inputs_refuse_an_existing_file_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schema.json");
    std::fs::write(&out, "keep me\n").unwrap();
    for args in [vec!["schema"], vec!["man"], vec!["completions", "bash"]] {
        let mut args = args.clone();
        args.extend(["-o", s(&out)]);
        let Run { code, stderr, .. } = armistice(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains("exists; give `--force`"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me\n");
    }
}

#[test]
fn output_never_replaces_an_input_even_with_force() {
    let (dir, files) = copies();
    let [us, ru, readout, scenarios, vocab] = [0, 1, 2, 3, 4].map(|i| s(&files[i]).to_owned());
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&files[0], &link).unwrap();
    // Robustness case 11: a hard link is the input under another name.
    let hard = dir.path().join("hard.json");
    std::fs::hard_link(&files[1], &hard).unwrap();
    let hard_vocab = dir.path().join("hard-vocab.json");
    std::fs::hard_link(&files[4], &hard_vocab).unwrap();
    let before = state(&files);
    let runs: Vec<Vec<&str>> = vec![
        vec!["compare", &us, &ru, "-o", &us],
        vec!["compare", &us, &ru, "-o", s(&link)],
        vec!["compare", &us, &ru, "--vocab", &vocab, "-o", &vocab],
        vec!["diff", &us, &readout, "--against", &ru, "-o", &ru],
        vec!["whatif", &us, &ru, "--scenarios", &scenarios, "-o", &scenarios],
        vec!["concede", &us, &ru, "-o", &ru],
        vec!["graph", &us, &ru, "-o", &us],
        vec!["report", &us, &ru, "-o", &ru],
        vec!["vocab", "--vocab", &vocab, "-o", &vocab],
        vec!["report", &us, &ru, "-o", s(&hard)],
        vec!["compare", &us, &ru, "-o", s(&hard)],
        vec!["vocab", "--vocab", &vocab, "-o", s(&hard_vocab)],
    ];
    for args in runs {
        let mut args = args.clone();
        args.push("--force");
        let Run { code, stderr, .. } = armistice(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("refusing to write"), "{args:?}: {stderr}");
        assert!(stderr.contains("it is an input file"), "{args:?}: {stderr}");
    }
    assert!(state(&files) == before, "an input changed");
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    std::fs::write(&out, "old\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let Run { code, .. } = armistice(&[
        "compare",
        US,
        RU,
        "--format",
        "markdown",
        "--force",
        "-o",
        s(&out),
    ]);
    assert_eq!(code, 1);
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

/// A new output file gets the mode any new file of the user gets (0666 less the umask),
/// not the owner-only mode of a temporary file.
#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "").unwrap();
    let out = dir.path().join("brief.md");
    let Run { code, .. } = armistice(&["compare", US, RU, "--format", "markdown", "-o", s(&out)]);
    assert_eq!(code, 1);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), mode(&plain));
}

/// Whether a temporary file of `name` is in `dir` (a write in progress).
fn writing(dir: &Path, name: &str) -> bool {
    let prefix = format!(".{name}.");
    dir.read_dir()
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
}

/// `armistice fmt` rewrites a large compact file in place; killed at many moments,
/// including while its temporary file is being written, it leaves the file either as
/// it was or formatted, whole.
#[test]
fn a_kill_mid_write_leaves_the_old_file_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let gen_dir = dir.path().join("gen");
    let Run { code, stderr, .. } = armistice(&["generate", "--terms", "5000", "--out", s(&gen_dir)]);
    assert_eq!(code, 0, "{stderr}");
    let old = std::fs::read(gen_dir.join("a.json")).unwrap();
    let reference = dir.path().join("reference.json");
    std::fs::write(&reference, &old).unwrap();
    let Run { code, stderr, .. } = armistice(&["fmt", s(&reference)]);
    assert_eq!(code, 0, "{stderr}");
    let new = std::fs::read(&reference).unwrap();
    assert_ne!(old, new, "formatting changes the compact file");

    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let target = work.join("a.json");
    let mut mid_write = 0;
    for attempt in 0..12 {
        std::fs::write(&target, &old).unwrap();
        for e in work.read_dir().unwrap().flatten() {
            if e.path() != target {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("armistice"))
            .args(["fmt", s(&target)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Odd attempts kill as soon as the temporary file appears; even ones after a
        // delay that grows with the attempt, to land before, during and after the write.
        let start = Instant::now();
        let delay = Duration::from_millis(attempt * 100);
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            let in_write = writing(&work, "a.json");
            if (attempt % 2 == 1 && in_write) || (attempt % 2 == 0 && start.elapsed() >= delay) {
                child.kill().unwrap();
                mid_write += usize::from(in_write);
                break;
            }
            if start.elapsed() > Duration::from_secs(120) {
                child.kill().unwrap();
                break;
            }
        }
        child.wait().unwrap();
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == old || now == new,
            "attempt {attempt}: the file is neither the old one nor the new one"
        );
    }
    eprintln!("{mid_write} of 12 kills landed while the temporary file was being written");
    assert!(
        mid_write > 0,
        "no kill landed while the temporary file was being written"
    );
}

/// A vocabulary file a proposal names in `$vocab` is an input like one given with
/// `--vocab`: `-o` refuses it, even with `--force`.
#[test]
fn output_never_replaces_a_vocabulary_named_in_vocab() {
    let dir = tempfile::tempdir().unwrap();
    let proposals = dir.path().join("proposals");
    let vocabs = dir.path().join("vocab");
    std::fs::create_dir_all(&proposals).unwrap();
    std::fs::create_dir_all(&vocabs).unwrap();
    let mut files = Vec::new();
    for p in [
        "proposals/et-2022-10-position.json",
        "proposals/tplf-2022-09-position.json",
        "vocab/tigray-2022.json",
    ] {
        let to = dir.path().join(p);
        std::fs::copy(p, &to).unwrap();
        files.push(to);
    }
    let before = state(&files);
    let (a, b, v) = (s(&files[0]), s(&files[1]), s(&files[2]));
    for command in ["compare", "report", "graph", "concede"] {
        let Run { code, stderr, .. } = armistice(&[command, a, b, "-o", v, "--force"]);
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(stderr.contains("it is an input file"), "{command}: {stderr}");
    }
    assert!(state(&files) == before, "an input changed");
    // The same command with another output writes it.
    let out = dir.path().join("out.txt");
    let Run { code, stderr, .. } = armistice(&["compare", a, b, "-o", s(&out)]);
    assert!(code <= 1 && out.exists(), "{stderr}");
}
