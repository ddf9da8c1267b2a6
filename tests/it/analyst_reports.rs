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

/// `armistice compare ARGS` on the three Gaza proposals, without colour.
fn compare3(args: &[&str]) -> (String, i32) {
    Run::of(plain().arg("compare").args(args).args(GAZA)).quiet()
}

#[test]
fn three_way_point_by_point_text() {
    let (out, code) = compare3(&["--only", "points"]);
    assert_eq!(code, 1, "two pairs conflict");
    insta::assert_snapshot!(out);
}

#[test]
fn three_way_point_by_point_markdown() {
    let (out, _) = compare3(&["--only", "points", "--format", "markdown"]);
    insta::assert_snapshot!(out);
}

#[test]
fn three_way_point_by_point_csv_reads_back_as_a_table() {
    let (out, _) = compare3(&["--format", "csv"]);
    insta::assert_snapshot!(out);
    // Every record has the same number of fields: 2 + 3 proposals + 3 pairs.
    let mut records = 0;
    let mut fields = 0;
    let mut quoted = false;
    for c in out.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields += 1,
            '\n' if !quoted => {
                assert_eq!(fields + 1, 8, "record {records}");
                records += 1;
                fields = 0;
            }
            _ => {}
        }
    }
    assert_eq!(records, 8, "a header and seven points");
}

#[test]
fn the_table_comes_first_and_the_pairwise_detail_below_it() {
    let (out, _) = compare3(&[]);
    let table = out.find("POINT BY POINT").unwrap();
    let first_pair = out
        .find("gaza-2025-01-15 (IL, HAMAS) vs il-2025-03-02 (IL)")
        .unwrap();
    assert!(table < first_pair);
    assert!(out.contains("CONFLICT  gaza-2025-01-15/philadelphi ⟷ il-2025-03-02/stay"));
    // The values reach the table: ratios, quantities, windows with their dates.
    for value in [
        "count 33",
        "ratio 30 per civilian_hostage",
        "trucks_per_day 600",
        "by day 50 (by 10 March 2025)",
    ] {
        assert!(out[table..first_pair].contains(value), "{value}");
    }
    // The Israeli position's stay and Hamas's withdrawal on one row, in conflict.
    let row = &out[out.find("withdrawal\n").unwrap()..];
    let row = &row[..row.find("\n  7.").unwrap()];
    assert!(
        row.contains("B  stay:") && row.contains("C  withdrawal:"),
        "{row}"
    );
    assert!(row.contains("B–C conflict"), "{row}");
    // Two proposals have their pairwise report alone, unless the table is asked for.
    let (two, _) = Run::of(plain().args(["compare", US, RU])).quiet();
    assert!(!two.contains("POINT BY POINT"));
    let (two, _) = Run::of(plain().args(["compare", "--only", "points", US, RU])).quiet();
    assert!(two.contains("POINT BY POINT"));
}
