//! Only the command line names its flags (ARCHITECTURE.md, `src/cli/`): no file of
//! `src/` outside `src/cli/` writes `--` and the name of a flag of any subcommand, in
//! code, messages or docs. The flags are read from clap, so a new flag is checked
//! without a list to keep up to date; `--` before anything else (CSS custom
//! properties, prose) is not a flag.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use super::Cli;

/// Flags that may be named outside `src/cli/`, by file, and why.
const ALLOWED: [(&str, &str); 1] = [
    // The doc comment of a scenario's `sweep` is the description in the committed
    // JSON Schema of scenario files (schema/scenarios.schema.json), which users of
    // the command line read.
    ("src/whatif/scenario.rs", "max-sweep"),
];

/// The long name of every flag of `cmd` and its subcommands.
fn long_flags(cmd: &clap::Command, out: &mut BTreeSet<String>) {
    out.extend(
        cmd.get_arguments()
            .filter_map(|a| a.get_long())
            .map(str::to_owned),
    );
    for sub in cmd.get_subcommands() {
        long_flags(sub, out);
    }
}

/// Every file below `dir`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The words after each `--` of `line` (letters, digits and `-`): `max-firings` in
/// ``raise it with `--max-firings N` ``.
fn after_dashes(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices("--").map(move |(i, _)| {
        let rest = &line[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        &rest[..end]
    })
}

#[test]
fn only_the_command_line_names_its_flags() {
    let mut cmd = Cli::command();
    cmd.build();
    let mut flags = BTreeSet::new();
    long_flags(&cmd, &mut flags);
    for known in ["max-firings", "deny-warnings", "set", "edit", "against", "help"] {
        assert!(flags.contains(known), "clap lists no `--{known}`: {flags:?}");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), &mut paths);
    let mut found = Vec::new();
    for path in &paths {
        let name = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with("src/cli/") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            for word in after_dashes(line) {
                if flags.contains(word) && !ALLOWED.contains(&(name.as_str(), word)) {
                    found.push(format!("{name}:{}: --{word}", n + 1));
                }
            }
        }
    }
    assert!(paths.len() > 50, "src/ read from {}", root.display());
    assert!(
        found.is_empty(),
        "flags named outside src/cli/ (let the library say what it needs and the command line add the flag, as with cli::limit_flags::raise):\n{}",
        found.join("\n")
    );
}

#[test]
fn words_after_dashes() {
    let words: Vec<&str> =
        after_dashes("`--max-firings N`, --set=x, -- and --, --conflict: #c62828").collect();
    assert_eq!(words, ["max-firings", "set", "", "", "conflict"]);
}
