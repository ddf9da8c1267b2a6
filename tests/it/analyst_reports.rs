//! Issue 24, reports an analyst would sign: the exit codes of the commands that write
//! a report, the headings of `--help`, ids kept as written in Markdown, and the
//! point-by-point table of N proposals in every format (bundled Gaza proposals).

use crate::support::cli::{Run, armistice, plain};
use crate::support::{RU, US};

/// The bundled phased agreement and the two positions of 2 March 2025.
pub(crate) const GAZA: [&str; 3] = [
    "proposals/gaza-2025-01-15-agreement.json",
    "proposals/il-2025-03-02.json",
    "proposals/hamas-2025-03-02.json",
];

#[test]
fn report_and_graph_exit_0_once_written_and_1_on_findings_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("brief.html");
    for (cmd, out) in [("report", &page), ("graph", &dir.path().join("g.dot"))] {
        let run = Run::of(armistice().arg(cmd).args([US, RU]).arg("-o").arg(out));
        assert_eq!(run.code, 0, "{cmd} wrote what was asked: {}", run.stderr);
        assert!(std::fs::metadata(out).unwrap().len() > 0);
        let run = Run::of(armistice().arg(cmd).args([US, RU, "-q", "--exit-code"]));
        assert_eq!(run.code, 1, "{cmd} --exit-code on a conflicting pair");
        let run = Run::of(armistice().arg(cmd).args([GAZA[0], GAZA[2], "-q", "--exit-code"]));
        assert_eq!(run.code, 0, "{cmd} --exit-code on a pair without conflict");
    }
    // The manual page says so.
    let man = Run::of(armistice().arg("man")).success();
    assert!(man.contains("exit\\-code"), "the manual names the flag");
    assert!(man.contains("once the page is written") && man.contains("once the graph is written"));
}

/// The heading each option of `armistice CMD --help` is listed under.
fn headings(cmd: &str) -> Vec<(String, String)> {
    let help = plain().args([cmd, "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let mut heading = String::new();
    let mut out = Vec::new();
    for line in help.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            heading = line.trim_end_matches(':').to_owned();
        } else if let Some(flag) = line.trim_start().strip_prefix('-') {
            let name = flag.split([' ', ',']).next().unwrap_or_default();
            out.push((format!("-{name}"), heading.clone()));
        }
    }
    out
}

#[test]
fn help_lists_output_flags_under_output_and_only_limits_under_limits() {
    for cmd in [
        "check", "compare", "concede", "diff", "fmt", "graph", "report", "vocab", "whatif", "man", "schema",
    ] {
        let h = headings(cmd);
        assert!(!h.is_empty(), "{cmd}");
        for (flag, heading) in &h {
            if heading == "Limits" {
                assert!(
                    flag.starts_with("--max-") || flag == "--time-limit",
                    "{cmd}: {flag} is not a limit but is listed under Limits"
                );
            }
            if ["-o", "-q", "--color", "--force"].contains(&flag.as_str()) {
                assert_eq!(heading, "Output", "{cmd}: {flag}");
            }
        }
    }
}

#[test]
fn markdown_keeps_ids_as_written() {
    let out = Run::of(armistice().args(["compare", "--format", "markdown"]).args(GAZA)).stdout;
    assert!(out.contains("`il-2025-03-02/stay` is broader"), "{out}");
    for capitalised in ["Il-2025", "Gaza-2025", "Hamas-2025"] {
        assert!(!out.contains(capitalised), "{capitalised}");
    }
}
