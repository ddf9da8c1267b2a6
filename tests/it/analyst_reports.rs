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
                    flag.starts_with("--max-") || flag.ends_with("time-limit"),
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

#[test]
fn json_gives_values_typed_beside_the_sentences_and_the_table() {
    let (out, _) = compare3(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 2);
    // gaza/aid against hamas/aid: 600 trucks a day on both sides, as numbers.
    let pair = &v["pairs"][1];
    let aid = pair["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["left"]["term"] == "gaza-2025-01-15/aid")
        .unwrap();
    let p = &aid["params"][0];
    assert_eq!(p["name"], "trucks_per_day");
    assert_eq!(p["left"]["kind"], "number");
    assert_eq!(p["left"]["value"], 600.0);
    assert_eq!(p["right"]["value"], 600.0);
    assert_eq!(p["outcome"], "same");
    assert_eq!(aid["left"]["params"][0]["value"]["value"], 600.0);
    // An open point carries its window and its values: the ratio of prisoners.
    let open = pair["open"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["term"] == "gaza-2025-01-15/prisoners-1")
        .unwrap();
    assert_eq!(open["window"]["to"], 42);
    assert_eq!(open["window"]["to_date"], "2025-03-02");
    let ratio = &open["params"].as_array().unwrap()[1]["value"];
    assert_eq!(ratio["kind"], "ratio");
    assert_eq!(ratio["count"], 30.0);
    assert_eq!(ratio["per"], "civilian_hostage");
    // The table, row by row as in text.
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 7);
    let aid_row = points
        .iter()
        .find(|p| p["about"] == "humanitarian_access in gaza")
        .unwrap();
    assert_eq!(aid_row["terms"][1][0], "il-2025-03-02/aid-halt");
    assert_eq!(aid_row["marks"][2]["relations"][0], "conflict");
    assert_eq!(aid_row["marks"][0]["text"], "no direct relation");
}

#[test]
fn values_reach_the_text_and_markdown_findings() {
    let (text, _) = Run::of(plain().args(["compare", GAZA[0], GAZA[2]])).quiet();
    assert!(text.contains("          values: trucks_per_day 600"), "{text}");
    assert!(text.contains(
        "          values: days 0–42 (19 January–2 March 2025), prisoner_category {women, children}, ratio 30 per civilian_hostage"
    ));
    let (md, _) = Run::of(plain().args(["compare", "--format", "markdown", GAZA[0], GAZA[2]])).quiet();
    assert!(
        md.contains("Values of `gaza-2025-01-15/aid`: trucks\\_per\\_day 600."),
        "{md}"
    );
    assert!(md.contains(", count 33, hostage\\_category {women,"), "{md}");
}

#[test]
fn held_up_terms_quote_each_term_they_name() {
    let (text, _) = Run::of(plain().args(["compare", GAZA[1], GAZA[2]])).quiet();
    let blocked = &text[text.find("BLOCKED   hamas-2025-03-02/release-all").unwrap()..];
    let blocked = &blocked[..blocked.find("PENDING").unwrap()];
    for quoted in [
        "hamas-2025-03-02/release-all: \"The remaining captives",
        "hamas-2025-03-02/permanent: \"A permanent ceasefire",
        "hamas-2025-03-02/withdrawal: \"The complete withdrawal",
    ] {
        assert!(blocked.contains(quoted), "{blocked}");
    }
    let pending = &text[text.find("PENDING   il-2025-03-02/half-now").unwrap()..];
    assert!(
        pending.contains("il-2025-03-02/half-now: \"On the first day"),
        "{pending}"
    );
}

/// The width and height of an SVG Graphviz drew, in points.
fn svg_size(svg: &str) -> (f64, f64) {
    let attr = |name: &str| {
        let at = svg.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        svg[at..at + svg[at..].find("pt\"").unwrap()]
            .parse::<f64>()
            .unwrap()
    };
    (attr("width"), attr("height"))
}

#[test]
fn the_graph_of_three_proposals_fits_a_page_width_point_by_point() {
    let (out, code) = Run::of(plain().arg("graph").args(GAZA)).quiet();
    assert_eq!(code, 0);
    // A band per point, and in it a cluster per proposal with terms on the point.
    assert_eq!(out.matches("subgraph cluster_point_").count(), 7 + 17, "{out}");
    assert!(out.contains("label=\"6. withdrawal\""), "{out}");
    assert!(out.contains("label=\"B il-2025-03-02\""), "{out}");
    // Each proposal's terms in one column; the values on the nodes.
    assert_eq!(out.matches("{ rank=same;").count(), 3);
    assert!(out.contains("trucks_per_day 600"));
    if !crate::graph_cli::dot_available() {
        return;
    }
    let svg = crate::graph_cli::dot("svg", &out);
    let (width, _) = svg_size(&svg);
    // 2,110 pt wide with the proposals side by side; now within a page at 96 px to the
    // inch (800 pt is 1,067 px).
    assert!(width <= 800.0, "{width} pt wide");
}

#[test]
fn a_new_deadlock_is_no_unchanged_what_if_and_quotes_follow_set_edits() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let write = |name: &str, v: serde_json::Value| {
        let path = dir.join(name);
        std::fs::write(&path, v.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let p = write(
        "p.json",
        serde_json::json!({ "id": "p", "by": ["US"], "source": "test", "terms": [
            { "text": "exchange", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "requires": ["out"] },
            { "text": "withdraw", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"] },
            { "text": "aid goes on", "id": "aid", "subject": "US", "action": "military_aid", "target": "UA" }
        ]}),
    );
    let q = write(
        "q.json",
        serde_json::json!({ "id": "q", "by": ["RU"], "source": "test", "terms": [
            { "text": "exchange", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange" },
            { "text": "withdraw", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"] },
            { "text": "no aid", "id": "no-aid", "subject": "US", "modality": "must_not", "action": "military_aid", "target": "UA" }
        ]}),
    );
    let run = |args: &[&str]| Run::of(plain().arg("whatif").args([&p, &q]).args(args)).quiet().0;
    let out = run(&["--edit", "require q/out pow"]);
    // The table has a column for every finding kind, the deadlock among them.
    let head = out.lines().nth(1).unwrap();
    for column in [
        "conflicts",
        "contingent",
        "deadlocks",
        "diverge",
        "to agree",
        "compatible",
    ] {
        assert!(head.contains(column), "{head}");
    }
    let cells = |row: &str| -> Vec<String> {
        let line = out.lines().find(|l| l.trim_start().starts_with(row)).unwrap();
        line.split_whitespace().map(str::to_owned).collect()
    };
    assert_eq!(cells("baseline")[4], "0", "no deadlock before");
    assert_eq!(cells("#1")[4], "1", "one deadlock after");
    assert!(
        out.contains("p vs q: conflicting (verdict unchanged; deadlocks 0 → 1)"),
        "{out}"
    );
    let md =
        Run::of(
            plain()
                .arg("whatif")
                .args([&p, &q, "--format", "markdown", "--edit", "require q/out pow"]),
        )
        .quiet()
        .0;
    assert!(
        md.contains("conflicting (verdict unchanged; deadlocks 0 → 1)"),
        "{md}"
    );
    // A `set` of the wording: the gained finding quotes the new wording, the lost one
    // the old.
    let out = run(&[
        "--set",
        "p/aid.modality=must_not",
        "--set",
        "p/aid.text=aid stops",
    ]);
    let gained = &out[out.find("agreement gained").unwrap()..];
    assert!(gained.contains("p/aid: \"aid stops\""), "{out}");
    let lost = &out[out.find("conflict resolved").unwrap()..];
    assert!(lost.contains("p/aid: \"aid goes on\""), "{out}");
}

/// `armistice diff OLD NEW` (text, no colour).
fn diff(old: &str, new: &str) -> String {
    Run::of(plain().args(["diff", old, new])).stdout
}

#[test]
fn diff_aligns_by_coverage_and_never_pairs_unrelated_terms() {
    // Hamas's position to the agreement: the release of the remaining men and soldiers
    // is phase two's release, not phase one's of women, children and the elderly.
    let out = diff(GAZA[2], GAZA[0]);
    assert!(out.contains("ADDED    hostages-1"), "{out}");
    assert!(
        out.contains("CHANGED  hostages-2 (matched to `release-all`"),
        "{out}"
    );
    // Israel's position to the agreement: aid stopped after day 42 is not the aid of
    // phase one turned round ("now commits to humanitarian access").
    let out = diff(GAZA[1], GAZA[0]);
    assert!(out.contains("REMOVED  aid-halt"), "{out}");
    assert!(out.contains("ADDED    aid "), "{out}");
    assert!(!out.contains("now commits to humanitarian access"), "{out}");
    // A veto on one category of prisoners is never the release of another, however
    // alike the wording.
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, v: serde_json::Value| {
        let path = tmp.path().join(name);
        std::fs::write(&path, v.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let old = write(
        "old.json",
        serde_json::json!({ "id": "p", "by": ["IL"], "source": "s", "terms": [
            { "id": "veto", "subject": "IL", "modality": "must_not", "action": "release_prisoners",
              "params": { "prisoner_category": ["named_leaders"] }, "text": "Israel does not release the named leaders" }
        ]}),
    );
    let new = write(
        "new.json",
        serde_json::json!({ "id": "p", "by": ["IL"], "source": "s", "terms": [
            { "id": "release", "subject": "IL", "action": "release_prisoners",
              "params": { "prisoner_category": ["women", "children"] }, "text": "Israel does release the women and children" }
        ]}),
    );
    let out = diff(&old, &new);
    assert!(
        out.contains("REMOVED  veto") && out.contains("ADDED    release"),
        "{out}"
    );
    assert!(!out.contains("now commits"), "{out}");
}

#[test]
fn diff_reports_provenance_changed_on_every_term_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GAZA[2]).unwrap()).unwrap();
    let new = old.clone();
    for (i, t) in old["terms"].as_array_mut().unwrap().iter_mut().enumerate() {
        t["source"] = serde_json::json!(format!("statement {i}"));
    }
    let (po, pn) = (tmp.path().join("old.json"), tmp.path().join("new.json"));
    std::fs::write(&po, old.to_string()).unwrap();
    std::fs::write(&pn, new.to_string()).unwrap();
    let (po, pn) = (po.to_str().unwrap(), pn.to_str().unwrap());
    let out = diff(po, pn);
    assert!(
        out.contains("source    of every term (6): removed (was 6 different values)"),
        "{out}"
    );
    assert_eq!(out.matches("source").count(), 1, "{out}");
    assert!(
        out.contains("0 changed, 0 added, 0 removed, 6 unchanged"),
        "{out}"
    );
    let json = Run::of(plain().args(["diff", "--format", "json", po, pn])).stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["metadata"][0]["every_term"], 6);
    let md = Run::of(plain().args(["diff", "--format", "markdown", po, pn])).stdout;
    assert!(
        md.contains("| source of every term (6) | 6 different values | — |"),
        "{md}"
    );
}

#[test]
fn a_deadlock_quotes_each_term_of_its_cycle() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, v: serde_json::Value| {
        let path = tmp.path().join(name);
        std::fs::write(&path, v.to_string()).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let p = write(
        "p.json",
        serde_json::json!({ "id": "p", "by": ["US"], "source": "test", "terms": [
            { "text": "p exchanges once they withdraw", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "requires": ["out"] },
            { "text": "p wants a withdrawal", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"] }
        ]}),
    );
    let q = write(
        "q.json",
        serde_json::json!({ "id": "q", "by": ["RU"], "source": "test", "terms": [
            { "text": "q wants an exchange", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange" },
            { "text": "q withdraws once they exchange", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "requires": ["pow"] }
        ]}),
    );
    let (out, code) = Run::of(plain().args(["compare", &p, &q])).quiet();
    assert_eq!(code, 1);
    let block = &out[out.find("DEADLOCK").unwrap()..];
    for quote in [
        "p/pow: \"p exchanges once they withdraw\"",
        "p/out: \"p wants a withdrawal\"",
        "q/out: \"q withdraws once they exchange\"",
        "q/pow: \"q wants an exchange\"",
    ] {
        assert!(block.contains(quote), "{block}");
    }
}
