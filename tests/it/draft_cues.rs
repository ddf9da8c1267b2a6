//! `armistice draft`'s cues, one behaviour per test: modality, negation and its scope,
//! demands, passive voice, conditions, windows and parameters, and every draft checks.

use armistice::draft::{Draft, DraftOptions, draft, to_jsonc};
use armistice::load::{SourceFile, load_proposal};
use armistice::vocab::Vocab;
use serde_json::json;

fn drafted(text: &str, by: &[&str]) -> Draft {
    let vocab = Vocab::default_pack().unwrap();
    let options = DraftOptions {
        id: "t".into(),
        by: by.iter().map(|s| s.to_string()).collect(),
        ..DraftOptions::default()
    };
    let d = draft(text, &vocab, &options);
    let (resolved, report) = load_proposal(SourceFile::from_text("t.jsonc", to_jsonc(&d)), &vocab);
    assert!(resolved.is_some() && report.errors() == 0, "{}", to_jsonc(&d));
    d
}

/// (subject, modality, action) of each drafted term.
fn sma(text: &str, by: &[&str]) -> Vec<(serde_json::Value, String, String)> {
    drafted(text, by)
        .terms
        .into_iter()
        .map(|t| {
            (
                t.subject.value,
                t.modality.value.as_str().unwrap().to_owned(),
                t.action.value.as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn one(s: &serde_json::Value, m: &str, a: &str) -> (serde_json::Value, String, String) {
    (s.clone(), m.to_owned(), a.to_owned())
}

#[test]
fn negation_reaches_a_list_and_stops_at_a_verb() {
    assert_eq!(
        sma(
            "Russia and Ukraine would halt all conflict for 30 days and conduct a prisoner exchange.",
            &["US"]
        ),
        vec![
            one(&json!(["RU", "UA"]), "must_not", "hostilities"),
            one(&json!(["RU", "UA"]), "must", "prisoner_exchange")
        ]
    );
    let list = sma(
        "Ukraine must not train, reinforce or resupply its forces.",
        &["RU"],
    );
    assert!(list.iter().all(|(_, m, _)| m == "must_not"), "{list:?}");
    assert_eq!(list.len(), 3);
}

#[test]
fn a_negating_noun_does_not_reach_what_comes_with_it() {
    // "a ceasefire with the release of hostages": the release is an obligation.
    let t = sma("an immediate ceasefire with the release of hostages", &["UN"]);
    assert_eq!(t[1], one(&json!("unspecified"), "must", "release_hostages"));
}

#[test]
fn lifting_a_pause_is_positive_and_abandoning_is_negative() {
    let t = sma(
        "The United States will immediately lift the pause on intelligence sharing.",
        &["US"],
    );
    assert_eq!(t, vec![one(&json!(["US"]), "must", "intelligence_sharing")]);
    let t = sma("Ukraine abandons its plans to join NATO.", &["RU"]);
    assert_eq!(t, vec![one(&json!(["UA"]), "must_not", "nato_membership")]);
}

#[test]
fn endeavour_and_may() {
    let t = sma(
        "The United States remains committed to helping achieve the exchange of prisoners of war.",
        &["US"],
    );
    assert_eq!(t, vec![one(&json!(["US"]), "endeavour", "prisoner_exchange")]);
    let t = sma("Israel reserves the right to resume fighting.", &["IL"]);
    assert_eq!(t, vec![one(&json!(["IL"]), "may", "hostilities")]);
}

#[test]
fn a_demand_binds_the_party_after_it_not_who_demands() {
    let t = sma(
        "Putin demanded a halt to the aid, as well as forcing Ukraine not to train.",
        &["RU"],
    );
    assert_eq!(t[0], one(&json!("unspecified"), "must_not", "military_aid"));
    assert_eq!(t[1], one(&json!(["UA"]), "must_not", "training"));
}

#[test]
fn passive_voice_names_no_actor_unless_by() {
    let t = sma("All hostages will be returned.", &["US"]);
    assert_eq!(t, vec![one(&json!("unspecified"), "must", "release_hostages")]);
    let t = sma(
        "A temporary cessation of military operations by both parties.",
        &["IL", "HAMAS"],
    );
    assert_eq!(t, vec![one(&json!(["IL", "HAMAS"]), "must_not", "hostilities")]);
}

#[test]
fn windows_and_parameters() {
    let d = drafted(
        "Russia and Ukraine will exchange prisoners, 175 for 175, within 14 days.",
        &["RU"],
    );
    assert_eq!(d.terms[0].window.as_ref().unwrap().value, json!({"by": 14}));
    let params: Vec<_> = d.terms[0]
        .params
        .iter()
        .map(|(n, f)| (n.as_str(), f.value.clone()))
        .collect();
    assert_eq!(
        params,
        vec![("count", json!(175)), ("exchange", json!("equal_numbers"))]
    );
    let d = drafted("Negotiations begin no later than day 16.", &["US"]);
    assert_eq!(d.terms[0].window.as_ref().unwrap().value, json!({"by": 16}));
}

#[test]
fn conditions_link_drafted_terms() {
    let d = drafted(
        "All hostages will be released. Once all hostages are returned, Israel will release 250 prisoners.",
        &["US"],
    );
    assert_eq!(d.terms.len(), 2);
    assert_eq!(
        d.terms[1].requires.as_ref().unwrap().value,
        json!([{"term": "release-hostages"}])
    );
    let d = drafted(
        "Talks will be held. If the talks fail, Israel may resume fighting.",
        &["IL"],
    );
    let fight = d
        .terms
        .iter()
        .find(|t| t.action.value == json!("hostilities"))
        .unwrap();
    assert_eq!(
        fight.requires.as_ref().unwrap().value,
        json!([{"term": "negotiations", "on": "failed"}])
    );
    // "in exchange for" is concurrent; a condition on nothing drafted is said, not kept.
    let d = drafted(
        "Hamas releases hostages in exchange for the release of prisoners.",
        &["HAMAS"],
    );
    assert!(d.terms[0].requires.is_none());
    assert!(
        d.terms[0]
            .notes
            .iter()
            .any(|n| n.contains("names no drafted term")),
        "{:?}",
        d.terms[0].notes
    );
}

#[test]
fn every_term_quotes_its_sentence_and_nothing_is_invented() {
    let text = "Peskov spoke to reporters. The US will resume aid to Kyiv; Russia must halt strikes on energy facilities.";
    let d = drafted(text, &["US"]);
    assert_eq!(d.skipped, vec!["Peskov spoke to reporters.".to_owned()]);
    for t in &d.terms {
        assert!(text.contains(&t.text), "{}", t.text);
    }
    assert_eq!(d.terms[1].text, "Russia must halt strikes on energy facilities.");
    assert_eq!(
        d.terms[1].scope.as_ref().unwrap().value,
        json!(["energy_infrastructure"])
    );
    assert!(drafted("", &["US"]).terms.is_empty());
}

#[test]
fn the_jsonc_comments_every_guess() {
    let d = drafted("Russia and Ukraine would halt all conflict for 30 days.", &["US"]);
    let jsonc = to_jsonc(&d);
    insta::assert_snapshot!(jsonc);
}

#[test]
fn a_lexicon_in_a_vocabulary_file_extends_drafting() {
    let extra: armistice::vocab::VocabFile = serde_json::from_value(json!({
        "lexicon": { "actions": { "withdrawal": { "phrases": ["pullout"] } }, "parties": { "RU": ["Shoigu"] } }
    }))
    .unwrap();
    let vocab = Vocab::with_extensions(&[extra]).unwrap();
    let options = DraftOptions {
        id: "t".into(),
        by: vec!["UA".into()],
        ..DraftOptions::default()
    };
    let d = draft("Shoigu will order a pullout.", &vocab, &options);
    assert_eq!(d.terms[0].action.value, json!("withdrawal"));
    assert_eq!(d.terms[0].subject.value, json!(["RU"]));
    let plain = draft(
        "Shoigu will order a pullout.",
        &Vocab::default_pack().unwrap(),
        &options,
    );
    assert!(plain.terms.is_empty());
}

#[test]
fn a_negating_noun_does_not_reach_the_next_item_of_a_list() {
    // "an energy ceasefire, as well as technical negotiations": the talks are held.
    let t = sma(
        "The leaders agreed on an energy and infrastructure ceasefire, as well as technical negotiations on a permanent peace.",
        &["US"],
    );
    assert_eq!(t[1], one(&json!("unspecified"), "must", "negotiations"));
    let d = drafted(
        "The leaders agreed on technical negotiations on a permanent peace.",
        &["US"],
    );
    assert!(d.terms[0].window.is_none(), "{:?}", d.terms[0].window);
}
