//! The HTML briefing escapes every user string (issue 8): for random strings put in
//! every free-text field and id of two conflicting proposals, the page has exactly the
//! markup it has with plain words, every `&` starts an entity, and the string appears
//! escaped.

use armistice::concede::{self, CostTable, Options};
use armistice::engine;
use armistice::report::html;
use proptest::prelude::*;
use serde_json::json;

use crate::support;

/// The briefing, with its concessions appendix, of a conflicting pair whose every
/// user string is `s` (ids made distinct by a prefix, and without the `/` that ids
/// may not contain).
fn page(s: &str) -> String {
    let id = s.replace('/', "_");
    let a = json!({
        "id": format!("a{id}"), "title": s, "by": ["US"], "source": s, "note": s,
        "terms": [{ "id": format!("aid{id}"), "subject": "US", "action": "military_aid", "target": "UA",
                    "text": s, "note": s, "source": s }]
    });
    let b = json!({
        "id": format!("b{id}"), "title": s, "by": ["RU"], "source": s,
        "terms": [{ "id": format!("no-aid{id}"), "subject": "US", "modality": "must_not",
                    "action": "military_aid", "target": "UA", "text": s }]
    });
    let vocab = support::vocab();
    let analysis = engine::compare(&[support::proposal(a), support::proposal(b)], &vocab).unwrap();
    let options = Options {
        top: 2,
        ..Options::default()
    };
    let c = concede::concessions(
        analysis.clone(),
        &CostTable::default(),
        &options,
        &vocab,
        &mut |_| {},
    )
    .unwrap();
    html::render(&analysis, &vocab, vec![html::concede::appendix(&c)])
}

/// The markup of a page: each tag from `<` to `>` with its attribute names, the
/// attribute values and text left out.
fn tags(page: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        // Attribute values are quoted and escaped: drop them, keep the names.
        let names: String = tag.split('"').step_by(2).collect();
        tags.push(names);
        rest = &rest[end..];
    }
    tags
}

/// Whether every `&` in `page` starts one of the entities the escaper writes.
fn entities_only(page: &str) -> bool {
    page.match_indices('&').all(|(i, _)| {
        ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| page[i..].starts_with(e))
            || page[i..].starts_with("&#") && page[i..].find(';').is_some_and(|end| end < 10)
    })
}

/// Strings rich in markup: tags, quotes, entities, comments, CDATA, and any text.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "\"",
        "'",
        "</script>",
        "<script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x3c;",
        "javascript:",
        " onerror=",
        "<img src=x>",
        "<svg onload=1>",
        "\u{2028}",
        "é",
        "\u{0}",
        " ",
        "x",
        "{{",
        "}}",
        "${",
        "`",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 1..12).prop_map(|v| v.concat()),
        "\\PC{1,40}",
    ]
    .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_user_string_is_escaped(s in hostile()) {
        let plain = page("plain words");
        let hostile = page(&s);
        prop_assert_eq!(tags(&hostile), tags(&plain), "the markup changed with {:?}", s);
        prop_assert!(entities_only(&hostile), "a raw `&` with {:?}", s);
        prop_assert!(hostile.contains(&html::escape::escape(&s)), "{:?} is not on the page", s);
    }
}
