// The bodies of the fuzz targets: each takes the fuzzer's bytes and drives the
// library the way the subcommand of the same name does, through every renderer.
// Shared by the libFuzzer targets (fuzz/fuzz_targets/*.rs, through fuzz/src/lib.rs)
// and by the stable regression test (tests/it/fuzz_regressions.rs, through `include!`),
// so this file has no inner attributes or `//!` comments and uses only `armistice`,
// `serde_json` and `json_patch`.
//
// Inputs that hold several documents separate them with a NUL byte, which no valid
// JSON text contains: `A \0 B [\0 C]`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use armistice::concede::{CostTable, Options, concessions};
use armistice::diff::{DiffOptions, json_patch};
use armistice::engine::{self, Analysis};
use armistice::load::{self, SourceFile};
use armistice::resolved::ResolvedProposal;
use armistice::report::compare::Sections;
use armistice::report::style::Painter;
use armistice::report::{compare, concede as concede_report, diff as diff_report, graph, html};
use armistice::report::whatif as whatif_report;
use armistice::vocab::Vocab;
use armistice::whatif::{self, Scenario};
use serde_json::Value;

/// The proposals the edit target applies its edits to (the README's example pair).
pub const US: &str = include_str!("../../proposals/us-2025-03-11.json");
/// See [`US`].
pub const RU: &str = include_str!("../../proposals/ru-2025-03-13.json");

/// The most scenarios the edit target evaluates (a sweep may expand to 1024, each a
/// full analysis: correct, but it would slow the fuzzer to a crawl).
pub const MAX_EDIT_SCENARIOS: usize = 32;

/// The node budget of the concede target.
pub const CONCEDE_NODES: u64 = 20_000;

/// The default vocabulary, built once.
pub fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| match Vocab::default_pack() {
        Ok(v) => v,
        Err(e) => panic!("the default vocabulary does not load: {e:?}"),
    })
}

/// The documents of an input, split at NUL bytes; `None` unless all are UTF-8 (the
/// CLI refuses a file that is not, before parsing).
pub fn split(data: &[u8]) -> Option<Vec<&str>> {
    data.split(|&b| b == 0).map(|d| std::str::from_utf8(d).ok()).collect()
}

/// What `check` does with one file: parse JSON with comments, type-check, resolve
/// against the vocabulary, render the diagnostics (plain and styled), under
/// `--deny-warnings` too. The resolved proposal when it has no error.
pub fn load_text(name: &str, text: &str) -> Option<ResolvedProposal> {
    let (resolved, mut report) = load::load_proposal(SourceFile::from_text(name, text), vocab());
    let plain = load::render_report(&report, false);
    let _ = load::render_report(&report, true);
    if report.errors() > 0 {
        assert!(plain.contains("error"), "a failed load renders no error:\n{plain}");
    }
    let resolved = resolved.filter(|_| report.errors() == 0);
    report.deny_warnings("a warning, made an error by `--deny-warnings`");
    let _ = load::render_report(&report, false);
    resolved
}

/// The `load` target: arbitrary bytes as one proposal file.
pub fn load(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        load_text("fuzz.json", text);
    }
}

/// Loads every document of the input; `None` unless there are at least `min` and all
/// load without error.
fn load_all(data: &[u8], min: usize, max: usize) -> Option<(Vec<&str>, Vec<ResolvedProposal>)> {
    let docs = split(data)?;
    if docs.len() < min || docs.len() > max {
        return None;
    }
    let loaded = docs
        .iter()
        .enumerate()
        .map(|(i, d)| load_text(&format!("p{i}.json"), d))
        .collect::<Option<Vec<_>>>()?;
    Some((docs, loaded))
}

/// Every renderer of an analysis: what `compare`, `graph` and `report` write.
fn render_analysis(a: &Analysis) {
    let v = vocab();
    let sections = Sections::default();
    let _ = compare::text::render(a, v, &sections, Painter::new(false));
    let _ = compare::text::render(a, v, &sections, Painter::new(true));
    let _ = compare::markdown::render(a, v, &sections);
    let json = compare::json::render(a, v, &sections);
    let json = json.unwrap_or_else(|e| panic!("compare JSON does not render: {e}"));
    assert!(serde_json::from_str::<Value>(&json).is_ok(), "compare JSON is not JSON");
    let g = graph::build(a, v);
    let _ = graph::dot::render(&g);
    let _ = graph::mermaid::render(&g);
    let _ = html::render(a, v, Vec::new());
}

/// The `compare` target: two or three proposals (NUL-separated), analysed and rendered.
pub fn compare(data: &[u8]) {
    let Some((_, proposals)) = load_all(data, 2, 3) else {
        return;
    };
    if let Ok(a) = engine::analyze(proposals, vocab()) {
        render_analysis(&a);
    }
}

/// The `diff` target: OLD, NEW and optionally OTHER (NUL-separated; OTHER defaults to
/// the Russian proposal of 13 March): the diff, its impact against OTHER, and every
/// renderer, the RFC 6902 patch checked to turn OLD's JSON into NEW's.
pub fn diff(data: &[u8]) {
    let Some((docs, mut loaded)) = load_all(data, 2, 3) else {
        return;
    };
    if loaded.len() == 2 {
        let Some(ru) = load_text("ru.json", RU) else {
            return;
        };
        loaded.push(ru);
    }
    let [old, new, other] = loaded.as_slice() else {
        return;
    };
    let v = vocab();
    for opts in [DiffOptions::default(), DiffOptions::ignoring("text,source,note").unwrap_or_default()] {
        let mut d = armistice::diff::diff(old, new, v, &opts);
        if let Ok(impact) = armistice::diff::impact(old, new, other, &d, v) {
            d.impact = Some(impact);
        }
        let _ = diff_report::text::render(&d, false);
        let _ = diff_report::text::render(&d, true);
        let _ = diff_report::markdown::render(&d);
        let json = diff_report::json::render(&d);
        assert!(serde_json::from_str::<Value>(&json).is_ok(), "diff JSON is not JSON");
        let a = file_json(docs[0], old);
        let b = file_json(docs[1], new);
        let ops = json_patch(&a, &b, &d.pairs());
        let rendered = diff_report::patch::render(&ops);
        let patch: json_patch::Patch =
            serde_json::from_str(&rendered).unwrap_or_else(|e| panic!("patch is not RFC 6902: {e}"));
        let mut patched = a.clone();
        json_patch::patch(&mut patched, &patch).unwrap_or_else(|e| panic!("patch does not apply: {e}"));
        assert_eq!(patched, b, "the patch does not turn OLD into NEW:\n{rendered}");
    }
}

/// The JSON of a file as written, or of the proposal as read (as `diff --format patch`).
fn file_json(text: &str, p: &ResolvedProposal) -> Value {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::to_value(&p.proposal).ok())
        .unwrap_or(Value::Null)
}

/// The `edit` target: a scenario file when the input starts with `{`, else one
/// command-line edit per line (`--set X`, `--drop X`, `--add X` as those flags, any
/// other line as `--edit`), applied to the US and Russian proposals of March 2025,
/// evaluated and rendered.
pub fn edit(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scenarios = if text.trim_start().starts_with('{') {
        let file = SourceFile::from_text("scenarios.json", text);
        let parsed = match whatif::scenario::parse_file(&file) {
            Ok(p) => p,
            Err(located) => {
                let report = load::FileReport {
                    file,
                    diagnostics: vec![*located],
                };
                let _ = load::render_report(&report, false);
                return;
            }
        };
        match parsed.expand() {
            Ok(s) => s,
            Err(ds) => {
                let _ = load::render(&file, &ds);
                return;
            }
        }
    } else {
        let edits: Result<Vec<_>, _> = text
            .lines()
            .map(|line| {
                if let Some(v) = line.strip_prefix("--set ") {
                    whatif::parse_set(v)
                } else if let Some(v) = line.strip_prefix("--drop ") {
                    whatif::parse_drop(v)
                } else if let Some(v) = line.strip_prefix("--add ") {
                    whatif::parse_add(v)
                } else {
                    whatif::parse_edit(line)
                }
            })
            .collect();
        match edits {
            Ok(e) if !e.is_empty() => {
                for edit in &e {
                    // The command-line form reads back as the same edit.
                    let shown = edit.to_string();
                    assert_eq!(whatif::parse_edit(&shown), Ok(edit.clone()), "`{shown}` reads back differently");
                }
                vec![Scenario::command_line(e)]
            }
            _ => return,
        }
    };
    let scenarios: Vec<Scenario> = scenarios.into_iter().take(MAX_EDIT_SCENARIOS).collect();
    let (Some(us), Some(ru)) = (load_text("us.json", US), load_text("ru.json", RU)) else {
        return;
    };
    let Ok(baseline) = engine::analyze(vec![us, ru], vocab()) else {
        return;
    };
    let result = whatif::evaluate(baseline, scenarios, vocab());
    for s in &result.scenarios {
        if let whatif::Outcome::Invalid(problems) = &s.outcome {
            for p in problems {
                let _ = whatif_report::problem(p);
            }
        }
    }
    let _ = whatif_report::text::render(&result, vocab(), Painter::new(false));
    let _ = whatif_report::text::render(&result, vocab(), Painter::new(true));
    let _ = whatif_report::markdown::render(&result, vocab());
    let json = whatif_report::json::render(&result).unwrap_or_else(|e| panic!("whatif JSON: {e}"));
    assert!(serde_json::from_str::<Value>(&json).is_ok(), "whatif JSON is not JSON");
}

/// The `concede` target: two or three proposals (NUL-separated), then optionally a
/// `--cost` table, analysed and searched for concessions within a small budget.
pub fn concede(data: &[u8]) {
    let Some(mut docs) = split(data) else {
        return;
    };
    let mut costs = CostTable::default();
    if docs.len() > 2 && docs.last().is_some_and(|d| !d.trim_start().starts_with('{')) {
        let Some(table) = docs.pop() else {
            return;
        };
        match CostTable::parse(table) {
            Ok(c) => costs = c,
            Err(_) => return,
        }
    }
    if docs.len() < 2 || docs.len() > 3 {
        return;
    }
    let Some(proposals) = docs
        .iter()
        .enumerate()
        .map(|(i, d)| load_text(&format!("p{i}.json"), d))
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    let Ok(baseline) = engine::analyze(proposals, vocab()) else {
        return;
    };
    let options = Options {
        top: 3,
        max_nodes: CONCEDE_NODES,
        deadline: Some(Instant::now() + Duration::from_secs(2)),
        ..Options::default()
    };
    let Ok(c) = concessions(baseline, &costs, &options, vocab(), &mut |_| {}) else {
        return;
    };
    // The edits that apply a package, in the form `whatif --edit` reads.
    let try_edits = |edits: &[whatif::Edit]| {
        let shown: Vec<String> = edits.iter().map(|e| whatif::shell_quote(&e.to_string())).collect();
        shown.join(" ")
    };
    let _ = concede_report::text::render(&c, try_edits, Painter::new(false));
    let _ = concede_report::text::render(&c, try_edits, Painter::new(true));
    let _ = concede_report::markdown::render(&c, try_edits);
    let json = concede_report::json::render(&c).unwrap_or_else(|e| panic!("concede JSON: {e}"));
    assert!(serde_json::from_str::<Value>(&json).is_ok(), "concede JSON is not JSON");
    let _ = html::concede::appendix(&c);
}

/// The `report` target: two or three proposals (NUL-separated), analysed, and the
/// outputs meant for a browser checked for what a payload in an id or a wording could
/// smuggle in: the HTML briefing opens no element but the briefing's own and carries
/// no event handler, and the Markdown of `compare` and `diff`, read by a CommonMark
/// parser, holds no raw HTML at all.
pub fn report(data: &[u8]) {
    let Some((_, proposals)) = load_all(data, 2, 3) else {
        return;
    };
    let diff = armistice::diff::diff(&proposals[0], &proposals[1], vocab(), &DiffOptions::default());
    assert_no_markdown_html("diff", &diff_report::markdown::render(&diff));
    let Ok(a) = engine::analyze(proposals, vocab()) else {
        return;
    };
    assert_no_markdown_html("compare", &compare::markdown::render(&a, vocab(), &Sections::default()));
    assert_html_tags_own(&html::render(&a, vocab(), Vec::new()));
}

/// The elements the HTML briefing writes itself.
const BRIEFING_TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "script", "body", "header", "main", "footer",
    "section", "div", "span", "h1", "h2", "h3", "p", "b", "ul", "li", "table", "thead", "tbody", "tr",
    "th", "td", "img", "svg", "g", "rect", "text", "line", "path", "title", "details", "summary",
    "code", "a", "em", "small", "strong", "nav", "figure", "figcaption", "abbr", "br", "q", "blockquote", "bdi",
];

/// Every `<` that opens an element in `page` opens one of the briefing's own, with no
/// `on…` attribute (attribute values in quotes are skipped, as a browser reads them),
/// and there is one script.
fn assert_html_tags_own(page: &str) {
    let mut scripts = 0;
    let bytes = page.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'!') {
            end += 1;
        }
        let name = page[start..end].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        assert!(BRIEFING_TAGS.contains(&name.as_str()), "the briefing opens a `<{name}>` of its input");
        if name == "script" && !closing {
            scripts += 1;
        }
        // The attributes, up to the `>` that ends the tag outside quotes.
        i = end;
        while i < bytes.len() && bytes[i] != b'>' {
            match bytes[i] {
                b'"' | b'\'' => {
                    let quote = bytes[i];
                    i += 1;
                    while i < bytes.len() && bytes[i] != quote {
                        i += 1;
                    }
                    i += 1;
                }
                c if c.is_ascii_alphabetic() => {
                    let at = i;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                        i += 1;
                    }
                    let attribute = page[at..i].to_ascii_lowercase();
                    assert!(!attribute.starts_with("on"), "the briefing's `<{name}>` carries `{attribute}`");
                }
                _ => i += 1,
            }
        }
    }
    assert!(scripts <= 1, "the briefing has {scripts} scripts");
}

/// `markdown`, read as CommonMark, holds no raw HTML.
fn assert_no_markdown_html(what: &str, markdown: &str) {
    use pulldown_cmark::{Event, Parser};
    for event in Parser::new(markdown) {
        if let Event::Html(h) | Event::InlineHtml(h) = event {
            panic!("the {what} Markdown holds raw HTML `{h}`:\n{markdown}");
        }
    }
}

/// The `fmt` target: arbitrary bytes as a proposal file. What `fmt` writes reads back
/// as the same proposal, keeps every comment, and is left as it is by a second `fmt`.
pub fn fmt(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(out) = armistice::fmt::format(text) else {
        return;
    };
    let before = load::parse_proposal(&SourceFile::from_text("in.json", text));
    let after = load::parse_proposal(&SourceFile::from_text("out.json", &out));
    match (before, after) {
        (Ok(b), Ok(a)) => assert_eq!(b, a, "fmt changed the proposal:\n{out}"),
        (Ok(_), Err(e)) => panic!("fmt wrote a file the loader refuses: {e:?}\n{out}"),
        (Err(_), _) => {}
    }
    assert_eq!(comments(text), comments(&out), "fmt lost or changed a comment:\n{out}");
    assert_eq!(armistice::fmt::format(&out).as_deref(), Ok(out.as_str()), "fmt is not idempotent");
}

/// The comments of a JSONC text, sorted.
fn comments(text: &str) -> Vec<String> {
    use jsonc_parser::common::Ranged;
    let collect = jsonc_parser::CollectOptions {
        comments: jsonc_parser::CommentCollectionStrategy::Separate,
        tokens: false,
    };
    let Ok(parsed) = jsonc_parser::parse_to_ast(text, &collect, &jsonc_parser::ParseOptions::default()) else {
        return Vec::new();
    };
    let mut all: Vec<(usize, String)> = parsed
        .comments
        .iter()
        .flat_map(|m| m.values())
        .flat_map(|v| v.iter())
        .map(|c| (c.range().start, c.text().trim_end().to_owned()))
        .collect();
    all.sort();
    all.dedup();
    let mut texts: Vec<String> = all.into_iter().map(|(_, t)| t).collect();
    texts.sort();
    texts
}
