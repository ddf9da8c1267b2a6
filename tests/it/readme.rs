//! The README's examples are real: each shown command, run on the bundled proposals,
//! prints exactly what the README shows (on standard error, then standard output; an
//! example cut with `...` lines is compared part by part, in order).

use std::path::Path;

use crate::support::ROOT;
use crate::support::cli::{Run, armistice};

/// The `text` blocks of the README that start with `$ armistice ...`, as (arguments,
/// shown output) pairs.
fn examples() -> Vec<(Vec<String>, String)> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let mut out = Vec::new();
    for block in readme.split("```text\n").skip(1) {
        let Some(body) = block.split("\n```").next() else {
            continue;
        };
        let mut lines = body.lines();
        let Some(first) = lines.next() else { continue };
        let Some(command) = first.strip_prefix("$ armistice ") else {
            continue;
        };
        // A command continued with `\` on the next lines.
        let mut command = command.to_owned();
        let mut rest: Vec<&str> = lines.collect();
        while command.ends_with('\\') {
            command.pop();
            if rest.is_empty() {
                break;
            }
            command.push_str(rest.remove(0).trim());
        }
        let args = command.split_whitespace().map(str::to_owned).collect();
        out.push((args, rest.join("\n")));
    }
    out
}

#[test]
fn readme_examples_print_what_the_readme_shows() {
    let examples = examples();
    assert!(examples.len() >= 4, "found {} examples", examples.len());
    for (args, shown) in examples {
        let out = Run::of(armistice().args(&args).arg("--color=never"));
        // What the user sees: diagnostics on standard error, the report on standard output.
        let actual = out.stderr + &out.stdout;
        // Parts cut with `...` must each appear, in order.
        let mut at = 0;
        for part in shown.split("\n...\n").flat_map(|p| p.split("\n...")) {
            let part = part.trim_end();
            if part.is_empty() {
                continue;
            }
            let found = actual[at..].find(part);
            assert!(
                found.is_some(),
                "`armistice {}`: the README shows\n{part}\nbut the command prints\n{actual}",
                args.join(" ")
            );
            at += found.unwrap_or(0) + part.len();
        }
    }
}
