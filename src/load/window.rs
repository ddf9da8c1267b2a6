//! Windows resolved to days: an explicit range checked ([`range_interval`]), and the
//! window `"ceasefire"` stands for: that of the proposal's general ceasefire, its
//! `must_not hostilities` term with no scope and no partition (DESIGN §2, Settled
//! details). None is an error; several with different windows are an error naming them.

use super::diagnostic::Diagnostic;
use crate::model::{Modality, Proposal, Term, Window};
use crate::resolved::Interval;
use crate::vocab::{ParamKind, Vocab};

/// What `"ceasefire"` resolves to in one proposal.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Ceasefire {
    /// No general ceasefire term.
    None,
    /// The window of the general ceasefire (unstated when its term states none).
    Window(Interval),
    /// Several general ceasefire terms with different windows: their indices.
    Ambiguous(Vec<usize>),
}

/// The general ceasefire of `proposal`: the window its candidates share, or why there
/// is none. A candidate whose own window is `"ceasefire"`, or not a valid range, says
/// nothing of it; one that states no duration counts only when none states one.
/// `simple` resolves a candidate's window when it names no other term (`None`: it
/// cannot, or it does).
pub(super) fn general(
    proposal: &Proposal,
    vocab: &Vocab,
    simple: impl Fn(&Window) -> Option<Interval>,
) -> Ceasefire {
    let Some((hostilities, _)) = vocab.action("hostilities") else {
        return Ceasefire::None;
    };
    let mut found: Vec<(usize, Interval)> = Vec::new();
    for (i, t) in proposal.terms.iter().enumerate() {
        if !is_candidate(t, hostilities, vocab) {
            continue;
        }
        let window = match &t.window {
            None => Interval::UNSTATED,
            Some(Window::Ceasefire | Window::After(_)) => continue,
            Some(w) => match simple(w) {
                Some(w) => w,
                None => continue,
            },
        };
        found.push((i, window));
    }
    // A candidate that states no duration contradicts none that does (an unstated
    // window differs from no window): the stated ones decide, when there are any.
    if found.iter().any(|(_, w)| !w.is_unstated()) {
        found.retain(|(_, w)| !w.is_unstated());
    }
    match found.first() {
        None => Ceasefire::None,
        Some(&(_, w)) if found.iter().all(|&(_, v)| v == w) => Ceasefire::Window(w),
        Some(_) => Ceasefire::Ambiguous(found.into_iter().map(|(i, _)| i).collect()),
    }
}

/// Whether term `t` is a general ceasefire: a prohibition of `hostilities` itself,
/// everywhere, with no partition parameter.
fn is_candidate(t: &Term, hostilities: crate::vocab::ActionId, vocab: &Vocab) -> bool {
    let Some((action, negate)) = vocab.action(&t.action) else {
        return false;
    };
    let modality = if negate {
        t.modality.negated()
    } else {
        Some(t.modality)
    };
    modality == Some(Modality::MustNot)
        && action == hostilities
        && t.scope.is_empty()
        && !t.params.iter().any(|(name, _)| {
            vocab
                .params
                .get(name)
                .is_some_and(|d| d.kind == ParamKind::Partition)
        })
}

/// The error of term `p` asking for `"ceasefire"` when `ceasefire` gives no window,
/// if it gives none.
pub(super) fn error(proposal: &Proposal, p: usize, ceasefire: &Ceasefire) -> Option<Diagnostic> {
    let at = format!("terms[{p}].window");
    match ceasefire {
        Ceasefire::Window(_) => None,
        Ceasefire::None => Some(
            Diagnostic::error(at, "window `ceasefire` but the proposal has no general ceasefire term")
                .with_help(
                    "the general ceasefire is a `must_not` `hostilities` term with no scope or partition; add one, or give this term a window of its own",
                ),
        ),
        Ceasefire::Ambiguous(candidates) => {
            let named: Vec<String> = candidates
                .iter()
                .filter_map(|&i| {
                    let t = proposal.terms.get(i)?;
                    let w = t.window.as_ref().map_or("unstated".to_owned(), |w| {
                        serde_json::to_string(w).unwrap_or_default()
                    });
                    Some(format!("`{}` (terms[{i}], window {w})", t.id))
                })
                .collect();
            Some(
                Diagnostic::error(
                    at,
                    format!(
                        "window `ceasefire` is ambiguous: the general ceasefire terms {} have different windows",
                        named.join(", ")
                    ),
                )
                .with_help("give those terms one window, or give this term a window of its own"),
            )
        }
    }
}

/// The interval of an explicit window, or what is wrong with it (JSON field, message).
pub(super) fn range_interval(
    from: Option<i64>,
    to: Option<i64>,
    days: Option<i64>,
) -> Result<Interval, (&'static str, String)> {
    let start = from.unwrap_or(0);
    if start < 0 {
        return Err((
            "from",
            format!("window starts on day {start}, before entry into force"),
        ));
    }
    if let Some(d) = days
        && d < 0
    {
        return Err(("days", format!("negative window length `{d}` days")));
    }
    /// Far beyond any negotiation (some 27,000 years), and far from overflow.
    const MAX_DAY: i64 = 10_000_000;
    for (field, value) in [("from", Some(start)), ("to", to), ("days", days)] {
        if let Some(v) = value.filter(|v| *v > MAX_DAY) {
            return Err((
                field,
                format!("window day `{v}` is beyond the largest supported, {MAX_DAY}"),
            ));
        }
    }
    let end = match (to, days) {
        (Some(t), Some(d)) if t != start + d => {
            return Err((
                "days",
                format!("`days` {d} disagrees with `to` {t} (from day {start})"),
            ));
        }
        (Some(t), _) => Some(t),
        (None, Some(d)) => Some(start + d),
        (None, None) => None,
    };
    if let (Some(e), Some(d)) = (end, days)
        && e > MAX_DAY
    {
        return Err((
            "days",
            format!(
                "window ends on day {e} (day {start} and {d} days), beyond the largest supported, {MAX_DAY}"
            ),
        ));
    }
    match end {
        Some(e) if e < start => Err((
            "to",
            format!("window ends on day {e}, before it starts on day {start}"),
        )),
        Some(e) if e == start => Err(("to", format!("window is empty: it starts and ends on day {e}"))),
        _ => Ok(Interval::new(start, end)),
    }
}
