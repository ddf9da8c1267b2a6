//! `armistice graph` on the built binary: DOT and Mermaid snapshots on the seed
//! proposals, the DOT rendered by the real Graphviz `dot` and read back (nodes and
//! edges), hostile labels, and a deadlock cycle highlighted.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command as Std, Stdio};

use serde_json::{Value, json};

use crate::support::cli::{Run, armistice};
use crate::support::{RU, US};

/// `armistice graph ARGS`, which must print nothing on standard error: standard
/// output and the exit code.
fn graph(args: &[&str]) -> (String, i32) {
    Run::of(armistice().arg("graph").args(args)).quiet()
}

/// Whether Graphviz `dot` can be run. Under CI (`CI` set) its absence fails the test;
/// elsewhere the test is skipped with a note.
pub(crate) fn dot_available() -> bool {
    let ok = Std::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` is missing under CI: run .ci/install-deps"
        );
        eprintln!("note: Graphviz `dot` not found; skipping the rendering check");
    }
    ok
}

/// Runs `dot -T<format>` on `input`.
pub(crate) fn dot(format: &str, input: &str) -> String {
    use std::io::Write;
    let mut child = Std::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "dot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "dot warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Nodes (by their `id`, the term name) and edges (`from`, `to`, label) of a graph
/// as Graphviz reads it back.
fn read_back(dot_text: &str) -> (BTreeSet<String>, BTreeSet<(String, String, String)>, Value) {
    let v: Value = serde_json::from_str(&dot("json", dot_text)).unwrap();
    let objects = v["objects"].as_array().unwrap();
    let name_of = |gvid: &Value| {
        objects
            .iter()
            .find(|o| o["_gvid"] == *gvid)
            .and_then(|o| o["id"].as_str())
            .unwrap()
            .to_owned()
    };
    let nodes = objects
        .iter()
        .filter(|o| o.get("nodes").is_none())
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect();
    // The invisible edges only order the columns of the layout.
    let edges = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["style"] != "invis")
        .map(|e| {
            (
                name_of(&e["tail"]),
                name_of(&e["head"]),
                e["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (nodes, edges, v)
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(v).unwrap()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn seed_dot() {
    let (out, code) = graph(&[US, RU]);
    assert_eq!(code, 0, "the graph is written: exit 0, conflicts or not");
    insta::assert_snapshot!(out);
}

#[test]
fn seed_mermaid() {
    let (out, code) = graph(&[US, RU, "--format", "mermaid"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart LR\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn seed_dot_renders_and_reads_back_with_the_expected_nodes_and_edges() {
    if !dot_available() {
        return;
    }
    let (out, _) = graph(&[US, RU]);
    let svg = dot("svg", &out);
    assert!(svg.contains("<svg") && svg.contains("</svg>"));
    let (nodes, edges, _) = read_back(&out);
    let expected_nodes: BTreeSet<String> = [
        "us-2025-03-11/halt",
        "us-2025-03-11/pow",
        "us-2025-03-11/intel",
        "us-2025-03-11/aid",
        "us-2025-03-11/spare-kursk",
        "ru-2025-03-13/halt",
        "ru-2025-03-13/no-aid",
        "ru-2025-03-13/no-intel",
        "ru-2025-03-13/no-train",
        "ru-2025-03-13/no-reinforce",
        "ru-2025-03-13/no-resupply",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(nodes, expected_nodes);
    let e = |a: &str, b: &str, l: &str| (a.to_owned(), b.to_owned(), l.to_owned());
    let mut expected: BTreeSet<_> = ["no-aid", "no-intel", "no-train", "no-reinforce", "no-resupply"]
        .into_iter()
        .map(|t| e("ru-2025-03-13/halt", &format!("ru-2025-03-13/{t}"), "only after"))
        .collect();
    expected.extend([
        e("us-2025-03-11/aid", "ru-2025-03-13/no-aid", "conflict"),
        e("us-2025-03-11/intel", "ru-2025-03-13/no-intel", "conflict"),
        e(
            "us-2025-03-11/aid",
            "ru-2025-03-13/no-resupply",
            "indirect: UA may resupply",
        ),
        e("us-2025-03-11/spare-kursk", "ru-2025-03-13/halt", "agree"),
        e("us-2025-03-11/halt", "ru-2025-03-13/halt", "agree"),
    ]);
    assert_eq!(edges, expected);
}

#[test]
fn hostile_labels_are_escaped_for_dot_and_mermaid() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let title = "He said \"stop\" \\l <b>now</b>\nline2 | [x] #1";
    let a = write(
        dir,
        "a.json",
        &json!({
            "id": "a", "title": title, "by": ["US"], "source": "test",
            "terms": [{ "id": "t", "subject": "US", "action": "military_aid", "target": "UA", "text": "x" }]
        }),
    );
    let b = write(
        dir,
        "b.json",
        &json!({
            "id": "b", "by": ["RU"], "source": "test",
            "terms": [{ "text": "x", "id": "t", "subject": "US", "modality": "must_not", "action": "military_aid", "target": "UA" }]
        }),
    );
    let (mermaid, _) = graph(&[&a, &b, "--format", "mermaid"]);
    let line = mermaid.lines().find(|l| l.contains("subgraph p0")).unwrap();
    assert_eq!(
        line,
        "  subgraph p0[\"a (US)<br/>He said #quot;stop#quot; #92;l #lt;b#gt;now#lt;/b#gt;<br/>line2 #124; #91;x#93; #35;1\"]"
    );
    assert!(line.contains("#quot;stop#quot;") && line.contains("#lt;b#gt;") && line.contains("#92;l"));
    let (out, code) = graph(&[&a, &b, "--exit-code"]);
    assert_eq!(code, 1);
    assert!(out.contains(r#"He said \"stop\" \\l <b>now</b>\nline2"#), "{out}");
    if !dot_available() {
        return;
    }
    let svg = dot("svg", &out);
    assert!(
        svg.contains("He said &quot;stop&quot; \\l &lt;b&gt;now&lt;/b&gt;"),
        "the title is drawn as written: {svg}"
    );
    assert!(
        svg.contains(">line2 | [x] #1</text>"),
        "the line break is kept: {svg}"
    );
}

/// Robustness case 14: Graphviz expands entities in labels, so `&` is escaped; an id
/// written `x&#8238;yz&amp;` is drawn as written, not with a right-to-left override.
#[test]
fn entities_in_ids_are_drawn_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "ent.json",
        &json!({
            "id": "ent", "by": ["US"], "source": "s",
            "terms": [{ "id": "x&#8238;yz&amp;", "subject": "RU", "modality": "must_not", "action": "hostilities", "text": "x" }]
        }),
    );
    let (out, _) = graph(&[&a, RU]);
    assert!(out.contains("x&amp;#8238;yz&amp;amp;"), "{out}");
    if !dot_available() {
        return;
    }
    let svg = dot("svg", &out);
    assert!(
        !svg.contains('\u{202E}'),
        "no right-to-left override is drawn: {svg}"
    );
    assert!(
        svg.contains("x&amp;#8238;yz&amp;amp;"),
        "the id is drawn as written: {svg}"
    );
}

#[test]
fn a_sequencing_deadlock_is_highlighted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let p = write(
        dir,
        "p.json",
        &json!({ "id": "p", "by": ["US"], "source": "test", "terms": [
            { "text": "x", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange", "requires": ["out"] },
            { "text": "x", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"] }
        ]}),
    );
    let q = write(
        dir,
        "q.json",
        &json!({ "id": "q", "by": ["RU"], "source": "test", "terms": [
            { "text": "x", "id": "pow", "subject": ["RU", "UA"], "action": "prisoner_exchange" },
            { "text": "x", "id": "out", "subject": "RU", "action": "withdrawal", "scope": ["kherson"], "requires": ["pow"] }
        ]}),
    );
    let (out, code) = graph(&[&p, &q, "--exit-code"]);
    assert_eq!(code, 1, "a deadlock is a finding");
    assert_eq!(
        out.matches("DEADLOCK").count(),
        4,
        "all four terms are on the cycle"
    );
    assert_eq!(
        out.matches("penwidth=3.5").count(),
        4,
        "the cycle's four edges: {out}"
    );
    let (mermaid, _) = graph(&[&p, &q, "--format", "mermaid"]);
    assert_eq!(mermaid.matches(" deadlock\n").count(), 4);
    assert_eq!(mermaid.matches("stroke-width:4px").count(), 4);
    if !dot_available() {
        return;
    }
    let (_, edges, v) = read_back(&out);
    assert!(edges.contains(&("p/pow".into(), "p/out".into(), "only after".into())));
    assert!(edges.contains(&("q/out".into(), "q/pow".into(), "only after".into())));
    let thick = v["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["penwidth"] == "3.5" && e["color"] == "#b71c1c")
        .count();
    assert_eq!(thick, 4);
}
