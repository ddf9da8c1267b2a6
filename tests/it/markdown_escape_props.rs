//! Every Markdown output holds ids as text (robustness case 07 of issue #19): for random
//! ids rich in backticks, HTML, table pipes and line breaks, the `compare`, `diff`,
//! `whatif` and `concede` Markdown parses (CommonMark with tables, pulldown-cmark) to no
//! raw HTML at all, and the id comes back whole in a code span. The case's own file runs
//! through the command line.

use armistice::concede::{self, CostTable, Options as ConcedeOptions};
use armistice::diff::{DiffOptions, diff, impact};
use armistice::engine::Analysis;
use armistice::report::compare::Sections;
use armistice::report::{compare, concede as concede_report, diff as diff_report, whatif as whatif_report};
use armistice::whatif::{self, Edit, Scenario};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser};
use serde_json::{Value, json};

use crate::support::cli::{Run, armistice};
use crate::support::{self, RU};

/// Two proposals whose ids and term ids all end in `s`: a conflict (`aid`/`no-aid`),
/// an agreed term held up by it (`cond`/`halt`), an open point (`open`).
fn pair(s: &str) -> (Value, Value) {
    let a = json!({
        "id": format!("a{s}"), "by": ["US"], "source": "t",
        "terms": [
            { "id": format!("aid{s}"), "subject": "US", "action": "military_aid", "target": "UA", "text": s },
            { "id": format!("cond{s}"), "subject": "RU", "modality": "must_not", "action": "strikes",
              "requires": [format!("aid{s}")] },
            { "id": format!("open{s}"), "subject": "UA", "modality": "must_not", "action": "ground_offensive" }
        ]
    });
    let b = json!({
        "id": format!("b{s}"), "by": ["RU"], "source": "t",
        "terms": [
            { "id": format!("no-aid{s}"), "subject": "US", "modality": "must_not", "action": "military_aid", "target": "UA" },
            { "id": format!("halt{s}"), "subject": "RU", "modality": "must_not", "action": "strikes" }
        ]
    });
    (a, b)
}

/// The Markdown of every command on the pair made with `s`.
fn outputs(s: &str) -> Vec<(&'static str, String)> {
    let vocab = support::vocab();
    let (a, b) = pair(s);
    let analysis: Analysis = support::analyze(&[a.clone(), b.clone()]);
    let mut out = vec![(
        "compare",
        compare::markdown::render(&analysis, &vocab, &Sections::default()),
    )];

    // `a` again, its `aid` renamed (matched by similarity), `open` removed, a term added.
    let mut renamed = a.clone();
    renamed["terms"][0]["id"] = json!(format!("aid2{s}"));
    renamed["terms"][1]["requires"] = json!([format!("aid2{s}")]);
    renamed["terms"][2] = json!({ "id": format!("new{s}"), "subject": "UA", "action": "hostilities" });
    let (old, new, other) = (
        support::resolve_json(&a, &vocab),
        support::resolve_json(&renamed, &vocab),
        support::resolve_json(&b, &vocab),
    );
    let mut d = diff(&old, &new, &vocab, &DiffOptions::default());
    d.impact = Some(impact(&old, &new, &other, &d, &vocab).unwrap());
    out.push(("diff", diff_report::markdown::render(&d)));

    let drop = Edit::Drop {
        term: format!("b{s}/no-aid{s}"),
    };
    let w = whatif::evaluate(analysis.clone(), vec![Scenario::command_line(vec![drop])], &vocab);
    out.push(("whatif", whatif_report::markdown::render(&w, &vocab)));

    let options = ConcedeOptions {
        top: 2,
        ..ConcedeOptions::default()
    };
    let c = concede::concessions(analysis, &CostTable::default(), &options, &vocab, &mut |_| {}).unwrap();
    let try_edits = |edits: &[Edit]| {
        let shown: Vec<String> = edits
            .iter()
            .map(|e| whatif::shell_quote(&e.to_string()))
            .collect();
        format!("armistice whatif --edit {}", shown.join(" --edit "))
    };
    out.push(("concede", concede_report::markdown::render(&c, try_edits)));
    out
}

/// The raw HTML in `markdown` as CommonMark with tables reads it, and the text of its
/// code spans.
fn parse(markdown: &str) -> (Vec<String>, Vec<String>) {
    let (mut html, mut code) = (Vec::new(), Vec::new());
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => html.push(h.to_string()),
            Event::Code(c) => code.push(c.to_string()),
            _ => {}
        }
    }
    (html, code)
}

/// Ids rich in what ends a code span or a table cell, or starts HTML.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "`",
        "``",
        "<img src=x onerror=\"document.title='PWNED'\">",
        "<b>",
        "|",
        "\n",
        "\r\n",
        " ",
        "*",
        "_",
        "[x](y)",
        "\\",
        "&lt;",
        "#",
        "x",
        "é",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..10).prop_map(|v| v.concat()),
        "\\PC{1,20}",
    ]
    .prop_map(|s| s.replace('/', "_"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn ids_stay_text_in_every_markdown_output(s in hostile()) {
        // A code span shows a line break as a space.
        let shown = s.replace("\r\n", " ").replace(['\n', '\r'], " ");
        for (command, markdown) in outputs(&s) {
            let (html, code) = parse(&markdown);
            prop_assert!(html.is_empty(), "{command}: raw HTML {html:?} from {s:?}:\n{markdown}");
            let id = format!("aid{shown}");
            prop_assert!(
                code.iter().any(|c| c.contains(&id)),
                "{command}: no code span holds {id:?}: {code:?}\n{markdown}"
            );
        }
    }
}

#[test]
fn the_case_file_renders_no_html() {
    // md-tick2.json has a term id `` a`<img src=x onerror=...>`b `` (case 07).
    let run = Run::of(armistice().args([
        "compare",
        "--format",
        "markdown",
        "tests/fixtures/escaping/md-tick2.json",
        RU,
    ]));
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let (html, code) = parse(&run.stdout);
    assert!(html.is_empty(), "{html:?}\n{}", run.stdout);
    assert!(code.iter().any(|c| c.contains("<img src=x onerror=")), "{code:?}");
}
