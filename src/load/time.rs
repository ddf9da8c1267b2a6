//! Time as a proposal writes it, resolved to days from entry into force: dates
//! (against `entry_into_force`), phases, deadlines (`by`), hours, phase names as
//! windows and windows anchored to another term (`after`), with an error, located and
//! with "did you mean", for each thing that cannot be resolved.
//!
//! Choices (DESIGN §2–§3 leave them open):
//! - hours are rounded up to whole days: `{"hours": 12}` covers day 0, `[0, 1)`, as a
//!   window is a set of whole days throughout the engine;
//! - a window `after` a term whose window has no end (and without `from_start`) has no
//!   start in days: it is resolved as unstated (it relates to any window without a
//!   difference) and a warning says so; after an unstated window it is unstated too;
//! - anchors are followed iteratively (a chain of any length needs no stack), each
//!   anchor's window resolved before the windows anchored to it.

use super::diagnostic::Diagnostic;
use super::window::{self as ceasefire, Ceasefire, range_interval};
use crate::collections::FastMap;
use crate::model::{Anchor, Date, Day, Proposal, WINDOW_KEYWORDS, Window};
use crate::resolved::Interval;
use crate::vocab::Vocab;

/// The windows of a proposal's terms (`None` where one could not be resolved) and its
/// anchors, `(term, the term it is anchored to)`.
pub(super) struct Times {
    pub(super) windows: Vec<Option<Interval>>,
    pub(super) anchors: Vec<(usize, usize)>,
}

/// The phases of a proposal resolved to days, by id (`None`: one in error).
type Phases<'p> = FastMap<&'p str, Option<Interval>>;

/// Resolves every window of `proposal`; `ids` are its term ids (the first of each).
pub(super) fn resolve(
    proposal: &Proposal,
    vocab: &Vocab,
    ids: &FastMap<&str, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Times {
    let eif = proposal.entry_into_force;
    let phases = phases(proposal, diags);
    let ceasefire = ceasefire::general(proposal, vocab, |w| simple(w, eif, &phases).ok());
    let n = proposal.terms.len();
    let mut windows: Vec<Option<Interval>> = vec![None; n];
    let mut anchors = Vec::new();
    // 0: not yet, 1: on the chain being followed, 2: done.
    let mut state = vec![0u8; n];
    for (i, t) in proposal.terms.iter().enumerate() {
        let Some(w) = &t.window else {
            windows[i] = Some(Interval::UNSTATED);
            state[i] = 2;
            continue;
        };
        match w {
            Window::After(a) => {
                if let Some(&to) = ids.get(&*a.after) {
                    anchors.push((i, to));
                }
            }
            Window::Ceasefire => {
                windows[i] = match &ceasefire {
                    Ceasefire::Window(w) => Some(*w),
                    other => {
                        diags.extend(ceasefire::error(proposal, i, other));
                        None
                    }
                };
                state[i] = 2;
            }
            other => {
                windows[i] = match simple(other, eif, &phases) {
                    Ok(w) => Some(w),
                    Err(e) => {
                        diags.push(e.at(i, other, &phases));
                        None
                    }
                };
                state[i] = 2;
            }
        }
    }
    for start in 0..n {
        if state[start] == 2 {
            continue;
        }
        // Follow the anchors from `start` until a resolved window (or a cycle).
        let mut chain = vec![start];
        let mut at = start;
        state[start] = 1;
        let base: Result<(), usize> = loop {
            let Some(Window::After(a)) = proposal.terms[at].window.as_ref() else {
                break Ok(());
            };
            let Some(&next) = ids.get(&*a.after) else {
                diags.push(
                    Diagnostic::error(
                        format!("terms[{at}].window.after"),
                        format!("window after unknown term `{}`", a.after),
                    )
                    .suggest(&a.after, proposal.terms.iter().map(|t| &*t.id)),
                );
                break Err(chain.len() - 1);
            };
            match state[next] {
                2 => break Ok(()),
                1 => {
                    let from = chain.iter().position(|&c| c == next).unwrap_or(0);
                    let cycle: Vec<String> = chain[from..]
                        .iter()
                        .chain(std::iter::once(&next))
                        .map(|&c| format!("`{}`", proposal.terms[c].id))
                        .collect();
                    diags.push(
                        Diagnostic::error(
                            format!("terms[{next}].window.after"),
                            format!("anchor cycle: {}", cycle.join(" after ")),
                        )
                        .with_help("a window cannot start after itself: anchor one of these terms to something else, or give it days"),
                    );
                    break Err(from);
                }
                _ => {
                    state[next] = 1;
                    chain.push(next);
                    at = next;
                }
            }
        };
        // Resolve the chain from its end: each anchor's window is known by then.
        let unresolved = match base {
            Ok(()) => chain.len(),
            Err(from) => from,
        };
        for (k, &t) in chain.iter().enumerate().rev() {
            state[t] = 2;
            if k >= unresolved {
                continue;
            }
            let Some(Window::After(a)) = proposal.terms[t].window.as_ref() else {
                continue;
            };
            let anchor = ids.get(&*a.after).and_then(|&x| windows[x].map(|w| (x, w)));
            windows[t] = match anchor {
                None => None,
                Some((x, w)) => anchored(a, w, t, x, proposal, diags),
            };
        }
    }
    Times { windows, anchors }
}

/// The window of term `t` anchored by `a` to term `x`, whose window is `w`.
fn anchored(
    a: &Anchor,
    w: Interval,
    t: usize,
    x: usize,
    proposal: &Proposal,
    diags: &mut Vec<Diagnostic>,
) -> Option<Interval> {
    if w.is_unstated() {
        return Some(Interval::UNSTATED);
    }
    let start = if a.from_start { Some(w.from) } else { w.to() };
    let Some(start) = start else {
        diags.push(
            Diagnostic::warning(
                format!("terms[{t}].window.after"),
                format!(
                    "window after `{}`, which has no end: its days are unknown and it is compared as unstated",
                    proposal.terms[x].id
                ),
            )
            .with_help("give the anchor an end, or count from its start with `\"from_start\": true`"),
        );
        return Some(Interval::UNSTATED);
    };
    let days = match (a.days, a.hours) {
        (_, Some(h)) => match hours_to_days(h) {
            Ok(d) => Some(d),
            Err(message) => {
                diags.push(Diagnostic::error(format!("terms[{t}].window.hours"), message));
                return None;
            }
        },
        (d, None) => d,
    };
    match range_interval(Some(start), None, days) {
        Ok(w) => Some(w),
        Err((_, message)) => {
            let field = if a.hours.is_some() { "hours" } else { "days" };
            diags.push(Diagnostic::error(format!("terms[{t}].window.{field}"), message));
            None
        }
    }
}

/// Whole days covering `hours` (rounded up), or what is wrong with it.
fn hours_to_days(hours: i64) -> Result<i64, String> {
    if hours <= 0 {
        return Err(format!("window of `{hours}` hours leaves no time"));
    }
    Ok((hours - 1) / 24 + 1)
}

/// What is wrong with a window: the field it is about and the message.
struct Wrong {
    field: &'static str,
    message: String,
    help: Option<String>,
}

impl Wrong {
    fn new(field: &'static str, message: String) -> Wrong {
        Wrong {
            field,
            message,
            help: None,
        }
    }

    /// The diagnostic of term `t`'s window `w`.
    fn at(self, t: usize, w: &Window, phases: &Phases) -> Diagnostic {
        let path = if self.field.is_empty() {
            format!("terms[{t}].window")
        } else {
            format!("terms[{t}].window.{}", self.field)
        };
        let d = Diagnostic::error(path, self.message);
        match (self.help, w) {
            (Some(h), _) => d.with_help(h),
            (None, Window::Phase(name)) => d.suggest(
                name,
                phases.keys().copied().chain(WINDOW_KEYWORDS.iter().copied()),
            ),
            (None, _) => d,
        }
    }
}

/// A window that names no other term, in days.
fn simple(w: &Window, eif: Option<Date>, phases: &Phases) -> Result<Interval, Wrong> {
    let range = |from, to, days| range_interval(from, to, days).map_err(|(f, m)| Wrong::new(f, m));
    match w {
        Window::Indefinite => Ok(Interval::ALWAYS),
        Window::Range(r) => range(r.from, r.to, r.days).map_err(|e| {
            // A window too long with no `to` is about its `days`.
            if e.field == "to" && r.to.is_none() {
                Wrong { field: "days", ..e }
            } else {
                e
            }
        }),
        Window::Dates(r) => {
            let from = r.from.map(|d| day(d, eif, "from")).transpose()?;
            let to = r.to.map(|d| day(d, eif, "to")).transpose()?;
            range(from, to, r.days)
        }
        Window::By(d) => {
            let by = day(*d, eif, "by")?;
            if by <= 0 {
                return Err(Wrong::new(
                    "by",
                    format!("deadline day {by} leaves no time after entry into force"),
                ));
            }
            let w = range(None, Some(by), None).map_err(|e| Wrong { field: "by", ..e })?;
            Ok(Interval::deadline(w.from, by))
        }
        Window::Hours(h) => {
            let days = hours_to_days(*h).map_err(|m| Wrong::new("hours", m))?;
            range(None, None, Some(days)).map_err(|e| Wrong { field: "hours", ..e })
        }
        Window::Phase(name) => match phases.get(&**name) {
            Some(Some(w)) => Ok(*w),
            Some(None) => Err(Wrong {
                field: "",
                message: format!("window `{name}`: that phase could not be resolved"),
                help: Some("see the error on the phase".into()),
            }),
            None => Err(Wrong::new(
                "",
                if phases.is_empty() {
                    format!(
                        "unknown window `{name}`: neither `ceasefire`, `indefinite` nor a phase (the proposal has no `phases`)"
                    )
                } else {
                    format!(
                        "unknown window `{name}`: neither `ceasefire`, `indefinite` nor a phase of the proposal"
                    )
                },
            )),
        },
        // Resolved by the caller.
        Window::Ceasefire | Window::After(_) => Ok(Interval::UNSTATED),
    }
}

/// The day number of `d`, a bound written in field `field`.
fn day(d: Day, eif: Option<Date>, field: &'static str) -> Result<i64, Wrong> {
    match d {
        Day::Number(n) => Ok(n),
        Day::Date(date) => {
            let Some(eif) = eif else {
                return Err(Wrong {
                    field,
                    message: format!("window date `{date}` but the proposal gives no entry into force"),
                    help: Some(
                        "add `\"entry_into_force\": \"YYYY-MM-DD\"` to the proposal (day 0 of every window), or write the day as a number of days"
                            .to_owned(),
                    ),
                });
            };
            let n = eif.days_until(date);
            if n < 0 {
                return Err(Wrong {
                    field,
                    message: format!(
                        "window date `{date}` is before entry into force, `{eif}` ({} days before)",
                        -n
                    ),
                    help: None,
                });
            }
            Ok(n)
        }
    }
}

/// The phases of `proposal` in days: each from its `from`, or from where the one
/// before ends (day 0 for the first).
fn phases<'p>(proposal: &'p Proposal, diags: &mut Vec<Diagnostic>) -> Phases<'p> {
    let eif = proposal.entry_into_force;
    let mut out: Phases = FastMap::default();
    let mut next_start = Some(0i64);
    for (i, p) in proposal.phases.iter().enumerate() {
        let err = |field: &str, message: String| {
            let path = if field.is_empty() {
                format!("phases[{i}]")
            } else {
                format!("phases[{i}].{field}")
            };
            Diagnostic::error(path, message)
        };
        if p.id.trim().is_empty() {
            diags.push(err("id", "empty phase id".into()));
            continue;
        }
        if WINDOW_KEYWORDS.contains(&&*p.id) {
            diags.push(err("id", format!("phase id `{}` is a window keyword", p.id)));
            continue;
        }
        if out.contains_key(&*p.id) {
            diags.push(err("id", format!("duplicate phase id `{}`", p.id)));
            continue;
        }
        let bound = |d: Option<Day>, field| d.map(|d| day(d, eif, field)).transpose();
        let resolved = match (bound(p.from, "from"), bound(p.to, "to")) {
            (Ok(from), Ok(to)) => {
                let from = from.or(next_start);
                if from.is_none() {
                    diags.push(
                        err(
                            "",
                            format!("phase `{}` has no start: the phase before it has no end", p.id),
                        )
                        .with_help("give this phase a `from`, or the one before it `days`"),
                    );
                    None
                } else {
                    match range_interval(from, to, p.days) {
                        Ok(w) => Some(w),
                        Err((field, message)) => {
                            diags.push(err(field, message));
                            None
                        }
                    }
                }
            }
            (Err(e), _) | (_, Err(e)) => {
                let d = err(e.field, e.message);
                diags.push(match e.help {
                    Some(h) => d.with_help(h),
                    None => d,
                });
                None
            }
        };
        next_start = resolved.and_then(Interval::to);
        out.insert(&p.id, resolved);
    }
    out
}

/// The window `"ceasefire"` stands for in `proposal`, if it has one.
pub(super) fn ceasefire_of(proposal: &Proposal, vocab: &Vocab) -> Ceasefire {
    let mut quiet = Vec::new();
    let phases = phases(proposal, &mut quiet);
    ceasefire::general(proposal, vocab, |w| {
        simple(w, proposal.entry_into_force, &phases).ok()
    })
}

/// The phases of `proposal` with their days (`None` for one in error), in file order.
pub fn phase_windows(proposal: &Proposal) -> Vec<(Box<str>, Option<Interval>)> {
    let mut quiet = Vec::new();
    let resolved = phases(proposal, &mut quiet);
    proposal
        .phases
        .iter()
        .map(|p| (p.id.clone(), resolved.get(&*p.id).copied().flatten()))
        .collect()
}
