//! Text output keeps input from taking over the terminal (robustness case 08 of issue
//! #19): for random ids, titles and wordings full of escape sequences, carriage
//! returns, bells and line breaks, no line of `compare`'s text holds a control
//! character but the styles armistice writes itself, and the report has as many lines
//! as with plain ids (no id forges a line). The case's own file runs through `compare`
//! and `check`.

use armistice::report::compare::{Sections, text};
use armistice::report::style::Painter;
use proptest::prelude::*;
use serde_json::json;

use crate::support::cli::{Run, armistice};
use crate::support::{self, RU};

/// `compare`'s text on a pair (a conflict, an agreement held up by it, open points)
/// whose ids, titles and wordings all carry `s`.
fn report(s: &str, colored: bool) -> String {
    let s = s.replace('/', "_");
    let a = json!({
        "id": format!("a{s}"), "title": s, "by": ["US"], "source": "t",
        "terms": [
            { "id": format!("aid{s}"), "subject": "US", "action": "military_aid", "target": "UA", "text": s },
            { "id": format!("cond{s}"), "subject": "RU", "modality": "must_not", "action": "strikes",
              "requires": [format!("aid{s}")], "text": s },
            { "id": format!("open{s}"), "subject": "UA", "modality": "must_not", "action": "ground_offensive", "text": s }
        ]
    });
    let b = json!({
        "id": format!("b{s}"), "by": ["RU"], "source": "t",
        "terms": [
            { "id": format!("no-aid{s}"), "subject": "US", "modality": "must_not", "action": "military_aid", "target": "UA" },
            { "id": format!("halt{s}"), "subject": "RU", "modality": "must_not", "action": "strikes", "text": s }
        ]
    });
    let c = json!({ "id": format!("c{s}"), "by": ["UA"], "source": "t", "terms": [
        { "id": format!("x{s}"), "subject": "US", "action": "military_aid", "target": "UA" }
    ]});
    let analysis = support::analyze(&[a, b, c]);
    text::render(
        &analysis,
        &support::vocab(),
        &Sections::default(),
        Painter::new(colored),
    )
}

/// `line` without the style sequences armistice writes (SGR bold, dim, underline,
/// strikethrough, colours, reset).
fn unstyled(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let ours = ["0", "1", "2", "4", "9", "31", "32", "33", "34", "35", "36"]
            .iter()
            .map(|p| format!("\u{1b}[{p}m"))
            .find(|seq| after.starts_with(seq.as_str()));
        match ours {
            Some(seq) => rest = &after[seq.len()..],
            None => {
                out.push('\u{1b}');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[2K",
        "\u{1b}[8m",
        "\u{1b}[1m",
        "\u{1b}",
        "\r",
        "\n",
        "\n\nAGREE     a∕b ⟷ c∕d",
        "\u{7}",
        "\u{8}",
        "\t",
        "\u{0}",
        "\u{7f}",
        "\u{9b}",
        "\u{85}",
        "\u{202e}",
        "x",
        " ",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn no_input_reaches_the_terminal_as_a_control(s in hostile(), colored in any::<bool>()) {
        let out = report(&s, colored);
        for line in out.lines() {
            let plain = unstyled(line);
            prop_assert!(
                !plain.chars().any(char::is_control),
                "a control character from {s:?} in {line:?}"
            );
            if !colored {
                prop_assert_eq!(&plain, line);
            }
        }
        prop_assert_eq!(
            out.lines().count(),
            report("plain", colored).lines().count(),
            "{:?} changed the lines of the report:\n{}", s, out
        );
    }
}

#[test]
fn the_case_file_forges_no_line_and_no_escape() {
    // i-newline-id.json: a term id with line breaks and a forged `AGREE` line, a
    // wording with a window-title change, an erase-line and a carriage return, a title
    // with hidden text (case 08).
    const CASE: &str = "tests/fixtures/escaping/i-newline-id.json";
    let run = Run::of(armistice().args(["compare", "--color", "never", CASE, RU]));
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(
        !run.stdout.chars().any(|c| c != '\n' && c.is_control()),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout
            .lines()
            .any(|l| l.starts_with("AGREE     us-2025-03-11∕aid")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("inj/halt␤␤AGREE"), "{}", run.stdout);
    assert!(
        run.stdout.contains("␛]0;pwned␇␛[2K␍FORGED wording␤CONFLICT"),
        "{}",
        run.stdout
    );
    let check = Run::of(armistice().args(["check", CASE]));
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stdout.contains("t␛[8m hidden"), "{}", check.stdout);
    assert!(!check.stdout.contains('\u{1b}'), "{}", check.stdout);
}
