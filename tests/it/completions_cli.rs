//! `armistice completions` and `armistice man` on the built binary: a script for each
//! shell that knows the subcommands, and a manual page that documents them.

use crate::support::cli::run;

const SUBCOMMANDS: [&str; 7] = [
    "check",
    "compare",
    "diff",
    "graph",
    "report",
    "fmt",
    "completions",
];

#[test]
fn completions_for_each_shell_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (out, code) = run(["completions", shell]).quiet();
        assert_eq!(code, 0, "{shell}");
        assert!(out.len() > 1000, "{shell}: a real script");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completes `{sub}`");
        }
        assert!(out.contains("format"), "{shell} completes options");
        if shell != "powershell" {
            assert!(out.contains("mermaid"), "{shell} completes option values");
        }
    }
    let (bash, _) = run(["completions", "bash"]).quiet();
    assert!(bash.contains("complete -F") && bash.contains("armistice"));
    let (fish, _) = run(["completions", "fish"]).quiet();
    assert!(fish.contains("complete -c armistice -n"));
}

#[test]
fn an_unknown_shell_is_an_error() {
    assert_eq!(run(["completions", "tcsh"]).code, 2);
}

#[test]
fn man_page_documents_the_commands() {
    let (out, code) = run(["man"]).quiet();
    assert_eq!(code, 0);
    assert!(out.contains(".TH armistice 1"), "a roff page");
    for sub in SUBCOMMANDS {
        assert!(
            out.contains(&format!("ARMISTICE {}", sub.to_uppercase())),
            "a section for {sub}"
        );
    }
    assert!(out.contains("compare"));
    assert!(out.contains("\\-\\-format"), "options are listed");
}

#[test]
fn man_writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("armistice.1");
    let (out, code) = run(["man", "-o", path.to_str().unwrap()]).quiet();
    assert_eq!((out.as_str(), code), ("", 0));
    assert!(std::fs::read_to_string(&path).unwrap().contains("compare"));
}
