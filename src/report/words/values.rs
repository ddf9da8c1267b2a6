//! Values in words: numbers, parameter values, windows, scopes, parties, actions, and
//! the one-line statement of a term (`US must not military_aid to UA in kursk`).

use std::fmt::Write as _;

use crate::model::{Date, Modality, ParamValue, Params};
use crate::resolved::{Interval, ResolvedTerm};
use crate::vocab::{ActionId, LabelId, PartyId, Vocab};

/// A number without a needless fraction: `30`, `2.5`.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A parameter value in words: `30`, `30–60`, `at least 30`, `at most 60`, `any`,
/// `all_for_all`, `30 per hostage`, and a set as its members joined with commas.
pub fn value(v: &ParamValue) -> String {
    match v {
        ParamValue::Number(n) => number(*n),
        ParamValue::Range {
            min: Some(a),
            max: Some(b),
        } => format!("{}–{}", number(*a), number(*b)),
        ParamValue::Range {
            min: Some(a),
            max: None,
        } => format!("at least {}", number(*a)),
        ParamValue::Range {
            min: None,
            max: Some(b),
        } => format!("at most {}", number(*b)),
        ParamValue::Range { min: None, max: None } => "any".to_owned(),
        ParamValue::Value(s) => s.clone(),
        ParamValue::Set(s) => s.join(", "),
        ParamValue::Ratio { per, count } => format!("{} per {per}", number(*count)),
    }
}

/// A parameter value where it stands among other parts joined with commas (a term's
/// summary, `old → new`): as [`value`], but a set in braces, `{a, b}`, so that its own
/// commas do not run into the parts around it.
pub fn value_in_list(v: &ParamValue) -> String {
    match v {
        ParamValue::Set(s) => format!("{{{}}}", s.join(", ")),
        _ => value(v),
    }
}

/// A share as a whole percentage, or `—` when there is none.
pub fn share(s: Option<f64>) -> String {
    s.map_or("—".to_owned(), |s| format!("{:.0}%", s * 100.0))
}

/// How burden is weighted, as every report states it.
pub const BURDEN_WEIGHTING: &str = "weighted by priority (red line 8, core 4, normal 2, minor 1) \
times window length in 30-day units (unstated, open-ended and longer windows count as 360 days); \
an endeavour weighs half";

/// What the share column says of a proposal: its share on its own authors, or why
/// there is none (`— (readout: no asymmetry)`).
pub fn burden_share(b: &crate::engine::Burden) -> String {
    match b.kind {
        crate::model::ProposalKind::Position => share(b.own_share()),
        kind => format!("— ({kind}: no asymmetry)"),
    }
}

/// `must`, `must not`, `may`.
pub fn modality(m: Modality) -> &'static str {
    m.in_words()
}

/// A window in words: `days 0–30`, `by day 16`, `duration unstated`.
pub fn window(w: Interval) -> String {
    w.to_string()
}

/// A window in words, and as dates when day 0 is the date `calendar`: `days 42–50
/// (2–10 March 2025)`, `by day 16 (by 4 February 2025)`, `from day 90, open-ended
/// (from 19 April 2025)`. The end date is the day the window ends on, exclusive, as
/// its day is.
pub fn window_on(w: Interval, calendar: Option<Date>) -> String {
    let mut out = w.to_string();
    if let Some(dates) = calendar.and_then(|c| dates(w, c)) {
        let _ = write!(out, " ({dates})");
    }
    out
}

/// The dates of window `w` whose day 0 is `calendar`, in words, if it is stated and
/// its days are dates.
pub fn dates(w: Interval, calendar: Date) -> Option<String> {
    if w.is_unstated() {
        return None;
    }
    let from = calendar.plus_days(w.from)?;
    let Some(to) = w.to() else {
        return Some(format!("from {}", from.in_words()));
    };
    let to = calendar.plus_days(to)?;
    if w.is_deadline() {
        return Some(if w.from == 0 {
            format!("by {}", to.in_words())
        } else {
            format!("from {}, by {}", from.in_words(), to.in_words())
        });
    }
    Some(date_range(from, to))
}

/// Two dates as a range, each part said once: `2–10 March 2025`, `19 January–1 March
/// 2025`, `28 December 2024–3 January 2025`.
fn date_range(from: Date, to: Date) -> String {
    let (f, t) = (from.in_words(), to.in_words());
    if from.year() != to.year() {
        return format!("{f}–{t}");
    }
    let year = format!(" {}", from.year());
    let f = f.strip_suffix(&year).unwrap_or(&f);
    if from.month() == to.month() {
        let day = f.split(' ').next().unwrap_or(f);
        format!("{day}–{t}")
    } else {
        format!("{f}–{t}")
    }
}

/// Party codes joined with commas.
pub fn parties(vocab: &Vocab, parties: &[PartyId]) -> String {
    let mut out = String::new();
    push_joined(&mut out, parties.iter().map(|&p| vocab.party_code(p)));
    out
}

/// The action's id, with a target: `military_aid to UA`.
pub fn action(vocab: &Vocab, action: ActionId, target: Option<PartyId>) -> String {
    match target {
        Some(t) => format!("{} to {}", vocab.action_id(action), vocab.party_code(t)),
        None => vocab.action_id(action).to_owned(),
    }
}

/// Scope labels, or `everywhere`.
pub fn scope(vocab: &Vocab, scope: &[LabelId]) -> String {
    scope_named(scope.iter().map(|&l| vocab.label_id(l)))
}

/// Scope labels given by name joined with commas, or `everywhere` when there are none.
pub fn scope_named<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    push_joined(&mut out, labels);
    if out.is_empty() {
        "everywhere".to_owned()
    } else {
        out
    }
}

/// What a term states: `US must not military_aid to UA in kursk` (its subjects,
/// modality, action with its target, and scope when it has one).
pub fn statement(vocab: &Vocab, t: &ResolvedTerm) -> String {
    let mut out = String::with_capacity(64);
    push_statement(&mut out, vocab, t);
    out
}

/// A term in one line, as a diff shows it: its [`statement`], its window unless it
/// is unstated, and its written parameters: `US must not military_aid to UA, days
/// 0–30, count at least 30`.
///
/// With `calendar`, the date of day 0, the window's dates follow its days.
pub fn term_summary(vocab: &Vocab, t: &ResolvedTerm, params: &Params, calendar: Option<Date>) -> String {
    let mut out = String::with_capacity(64);
    push_statement(&mut out, vocab, t);
    // Writing to a `String` cannot fail.
    if !t.window.is_unstated() {
        let _ = write!(out, ", {}", window_on(t.window, calendar));
    }
    for (name, v) in params.iter() {
        let _ = write!(out, ", {name} {}", value_in_list(v));
    }
    out
}

/// Appends [`statement`] to `out` (a summary of each term of a large diff is made in
/// one buffer).
fn push_statement(out: &mut String, vocab: &Vocab, t: &ResolvedTerm) {
    push_joined(out, t.subjects.iter().map(|&p| vocab.party_code(p)));
    out.push(' ');
    out.push_str(modality(t.modality));
    out.push(' ');
    out.push_str(vocab.action_id(t.action));
    if let Some(target) = t.target {
        out.push_str(" to ");
        out.push_str(vocab.party_code(target));
    }
    push_where(out, vocab, &t.scope);
}

/// Appends what labels say of an action: ` on maritime_ceasefire` for its topics, then
/// ` in kursk` for its scope (a resolved scope holds both, told apart by taxonomy).
pub(crate) fn push_where(out: &mut String, vocab: &Vocab, labels: &[LabelId]) {
    let topics = labels.iter().filter(|&&l| vocab.is_topic(l));
    if topics.clone().next().is_some() {
        out.push_str(" on ");
        push_joined(out, topics.map(|&l| vocab.label_id(l)));
    }
    let places = labels.iter().filter(|&&l| !vocab.is_topic(l));
    if places.clone().next().is_some() {
        out.push_str(" in ");
        push_joined(out, places.map(|&l| vocab.label_id(l)));
    }
}

/// Appends `names` joined with commas.
fn push_joined<'a>(out: &mut String, names: impl IntoIterator<Item = &'a str>) {
    for (k, name) in names.into_iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(min: Option<f64>, max: Option<f64>) -> ParamValue {
        ParamValue::Range { min, max }
    }

    #[test]
    fn values_read_the_same_everywhere() {
        assert_eq!(value(&ParamValue::Number(30.0)), "30");
        assert_eq!(value(&ParamValue::Number(2.5)), "2.5");
        assert_eq!(value(&range(Some(30.0), Some(60.0))), "30–60");
        assert_eq!(value(&range(Some(30.0), None)), "at least 30");
        assert_eq!(value(&range(None, Some(60.0))), "at most 60");
        assert_eq!(value(&range(None, None)), "any");
        let set = ParamValue::Set(vec!["a".into(), "b".into()]);
        assert_eq!(value(&set), "a, b");
        assert_eq!(value_in_list(&set), "{a, b}");
        assert_eq!(value_in_list(&range(Some(30.0), None)), "at least 30");
    }

    #[test]
    fn numbers_drop_a_needless_fraction() {
        assert_eq!(number(1e14), "100000000000000");
        assert_eq!(number(-3.0), "-3");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn an_empty_scope_is_everywhere() {
        assert_eq!(scope_named([]), "everywhere");
        assert_eq!(scope_named(["kursk", "black_sea"]), "kursk, black_sea");
        assert_eq!(share(Some(0.456)), "46%");
        assert_eq!(share(None), "—");
    }
}

#[cfg(test)]
mod date_tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn windows_read_as_days_and_dates() {
        let eif = Date::parse("2025-01-19");
        let w = |from, to| window_on(Interval::new(from, to), eif);
        assert_eq!(w(42, Some(50)), "days 42–50 (2–10 March 2025)");
        assert_eq!(w(0, Some(41)), "days 0–41 (19 January–1 March 2025)");
        assert_eq!(w(0, Some(400)), "days 0–400 (19 January 2025–23 February 2026)");
        assert_eq!(w(90, None), "from day 90, open-ended (from 19 April 2025)");
        assert_eq!(
            window_on(Interval::deadline(0, 16), eif),
            "by day 16 (by 4 February 2025)"
        );
        assert_eq!(window_on(Interval::UNSTATED, eif), "duration unstated");
        assert_eq!(window_on(Interval::new(0, Some(30)), None), "days 0–30");
        // Past the calendar's last year there is no date to give.
        assert_eq!(w(0, Some(3_000_000)), "days 0–3000000");
    }
}
