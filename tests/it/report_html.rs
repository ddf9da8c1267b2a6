//! `armistice report` on the built binary: the HTML briefing of the seed proposals
//! (snapshot), its standalone-ness (no script, no external asset), and hostile user
//! text escaped everywhere it appears.

use crate::support::cli::{Run, armistice};
use crate::support::{RU, US, hostile_pair};

/// `armistice report ARGS`, which must print nothing on standard error: standard
/// output and the exit code.
fn report(args: &[&str]) -> (String, i32) {
    Run::of(armistice().arg("report").args(args)).quiet()
}

#[test]
fn seed_report() {
    let (out, code) = report(&[US, RU]);
    assert_eq!(code, 0, "the page is written: exit 0, conflicts or not");
    insta::assert_snapshot!(out);
}

#[test]
fn seed_report_is_standalone_and_has_every_section() {
    let (out, _) = report(&[US, RU]);
    assert!(out.starts_with("<!DOCTYPE html>"));
    assert!(!out.contains("<script"), "no script");
    for external in ["http://", "https://", "src=", "<link", "@import", "url("] {
        let hits: Vec<&str> = out.lines().filter(|l| l.contains(external)).collect();
        // The SVG namespace is an identifier, not a load.
        assert!(
            hits.iter()
                .all(|l| l.contains("xmlns=\"http://www.w3.org/2000/svg\"")),
            "{external}: {hits:?}"
        );
    }
    assert!(out.contains("Content-Security-Policy"));
    assert!(out.contains("@media print") && out.contains("@media (max-width"));
    for id in [
        "verdict",
        "alignment",
        "timeline",
        "conflicts",
        "blocked",
        "open",
        "burden",
        "sources",
    ] {
        assert!(out.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    assert_eq!(out.matches("<tr class=\"finding k-conflict\">").count(), 2);
    assert_eq!(out.matches("<tr class=\"finding k-indirect\">").count(), 1);
    assert!(out.contains("rule aid-enables-resupply"));
    let chart = &out[out.find("<svg class=\"chart\"").unwrap()..];
    assert_eq!(
        chart[..chart.find("</svg>").unwrap()].matches("<rect ").count(),
        6,
        "one bar per proposal and party"
    );
    assert!(
        out.contains("Source: Institute for the Study of War"),
        "a term's own source"
    );
}

#[test]
fn written_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.html");
    let (out, code) = report(&[US, RU, "-o", path.to_str().unwrap(), "--exit-code"]);
    assert_eq!(code, 1, "with the flag, conflicts exit 1");
    assert!(out.is_empty());
    let (stdout, _) = report(&[US, RU]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = hostile_pair(dir.path());
    let (out, code) = report(&[&a, &b]);
    assert_eq!(code, 0);
    assert!(!out.contains("<script"));
    assert!(!out.contains("<img"));
    let escaped =
        "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=&quot;";
    assert!(
        out.matches(escaped).count() >= 6,
        "title, sources, notes, wording"
    );
    assert_eq!(out.matches("<tr class=\"finding k-conflict\">").count(), 1);
}

#[test]
fn seed_report_lists_the_cheapest_concessions() {
    let (out, _) = report(&[US, RU]);
    let start = out
        .find("<section id=\"concessions\">")
        .expect("a concessions section");
    let section = &out[start..out[start..].find("</section>").map_or(out.len(), |e| start + e)];
    // The cheapest: the US withdraws aid and intelligence (4 + 4), and it unblocks
    // Russia's halt.
    assert!(
        section
            .contains("<td>1</td><td class=\"num\">8</td><td class=\"num\">8</td><td class=\"num\">0</td>"),
        "{section}"
    );
    assert!(
        section.contains("withdraw us-2025-03-11/intel (core, 4); withdraw us-2025-03-11/aid (core, 4)"),
        "{section}"
    );
    assert!(section.contains("<td>ru-2025-03-13/halt</td>"), "{section}");
    // How the cost falls, and the balanced point, in words (issue 24).
    assert!(section.contains("<td>all on us-2025-03-11</td>"), "{section}");
    assert!(
        section.contains("Balanced point: us-2025-03-11 gives up 4 and ru-2025-03-13 4"),
        "{section}"
    );
}
