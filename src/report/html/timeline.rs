//! The briefing's timeline (issue 21): an inline SVG with one axis of days for every
//! proposal compared (dates when they share a day 0). Each proposal is a block of
//! rows: its phases as a band, then each term with a stated window as a bar — a
//! deadline as a thin bar ending in a mark, a window without end running to the edge
//! with an arrow head — conflicts in red (contingent ones dashed), and each condition
//! (`requires`) an arrow from the start of the required term's bar to the start of the
//! requiring term's. Static: no script, every label escaped.

use std::fmt::Write;

use super::escape::Html;
use crate::engine::Analysis;
use crate::report::compare::timeline::{Conflict, Row, rows, shared_day_zero};

const WIDTH: i64 = 900;
const LABEL: i64 = 170;
const PLOT: i64 = 700;
const ROW: i64 = 20;
const HEAD: i64 = 24;
const AXIS: i64 = 30;

/// The most bars drawn: past it, a drawing is no longer read (and a page of millions
/// of bars is no longer light); the section then says so.
const MOST_BARS: usize = 2_000;

/// The timeline section, or nothing when no term states a window.
pub(super) fn timeline(h: &mut Html, a: &Analysis) {
    let rows = rows(a);
    let Some((start, end)) = span(&rows) else {
        return;
    };
    let bars: usize = rows.iter().map(|r| r.terms.len()).sum();
    if bars > MOST_BARS {
        h.raw("<section id=\"timeline\">\n<h2>Timeline</h2>\n<p class=\"legend\">")
            .text(&format!(
                "{bars} terms state a window: too many to draw (the timeline draws up to {MOST_BARS}); the text timeline of `armistice compare` draws them all."
            ))
            .raw("</p>\n</section>\n");
        return;
    }
    let day0 = shared_day_zero(a);
    h.raw("<section id=\"timeline\">\n<h2>Timeline</h2>\n<p class=\"legend\">");
    match day0 {
        Some(d) => h.text(&format!("Days from {} (day 0). ", d.in_words())),
        None => h.raw("Days from each proposal's entry into force. "),
    };
    h.raw("Phases as bands; each term with a stated window as a bar; a deadline as a thin bar ending in a mark; ")
        .raw("a window without end runs to the edge; red: in a conflict (dashed: only if an outcome comes); ")
        .raw("arrows: conditions, from the required term to the term that waits on it (dashed: together).</p>\n");
    let lines: i64 = rows
        .iter()
        .map(|r| 1 + i64::from(!r.phases.is_empty()) + i64::try_from(r.terms.len()).unwrap_or(0))
        .sum();
    let height = AXIS + lines * ROW + i64::try_from(rows.len()).unwrap_or(0) * (HEAD - ROW) + 10;
    let x = |d: i64| LABEL + (d - start).clamp(0, end - start) * PLOT / (end - start).max(1);
    let (w, ht, view) = (
        WIDTH.to_string(),
        height.to_string(),
        format!("0 0 {WIDTH} {height}"),
    );
    // On a narrow screen the drawing keeps a readable size and scrolls sideways.
    h.raw("<div class=\"scroll\">");
    h.open(
        "svg",
        &[
            ("class", "timeline"),
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &w),
            ("height", &ht),
            ("viewBox", &view),
            ("role", "img"),
            ("aria-label", "timeline of the terms' windows"),
        ],
    );
    ticks(h, start, end, day0, &x);
    let mut y = AXIS;
    for (pi, row) in rows.iter().enumerate() {
        y += HEAD;
        text(h, "head", 0, y - 6, &row.id);
        if !row.phases.is_empty() {
            for (id, w) in &row.phases {
                let (x0, x1) = (x(w.from), w.to().map_or(LABEL + PLOT, &x));
                rect(h, "phase", x0, y, (x1 - x0).max(2), ROW - 4, None);
                text(h, "phase-label", x0 + 3, y + 12, id);
            }
            y += ROW;
        }
        // Where each drawn term's bar is, for the arrows of conditions.
        let mut placed: Vec<(usize, i64, i64, i64)> = Vec::new();
        for t in &row.terms {
            let w = t.window;
            let x0 = x(w.from);
            let x1 = w.to().map_or(LABEL + PLOT, &x).max(x0 + 3);
            let class = match t.conflict {
                Conflict::Unconditional => "bar conflict",
                Conflict::Contingent => "bar contingent",
                Conflict::None => "bar",
            };
            let tip = format!(
                "{}/{}: {}",
                row.id,
                t.label,
                crate::report::words::window_on(w, day0)
            );
            text(h, "term", 8, y + 12, &t.label);
            if w.is_deadline() {
                rect(h, &format!("{class} deadline"), x0, y + 6, x1 - x0, 4, Some(&tip));
                h.open(
                    "path",
                    &[
                        ("class", "mark"),
                        ("d", &format!("M{x1},{} l-5,-7 l10,0 z", y + 12)),
                    ],
                )
                .close("path");
            } else {
                rect(h, class, x0, y + 2, x1 - x0, ROW - 6, Some(&tip));
                if w.to().is_none() {
                    h.open(
                        "path",
                        &[
                            ("class", "open-end"),
                            (
                                "d",
                                &format!("M{x1},{} l8,{} l-8,{} z", y + 2, (ROW - 6) / 2, (ROW - 6) / 2),
                            ),
                        ],
                    )
                    .close("path");
                }
            }
            placed.push((t.index, x0, x1, y + ROW / 2));
            y += ROW;
            h.spill();
        }
        arrows(h, a, pi, &placed);
    }
    h.raw("</svg></div>\n</section>\n");
}

/// The first and last day drawn: every stated window and phase, from day 0 at the
/// latest; `None` when there is nothing to draw.
fn span(rows: &[Row]) -> Option<(i64, i64)> {
    let windows = rows.iter().flat_map(|p| {
        p.terms
            .iter()
            .map(|t| t.window)
            .chain(p.phases.iter().map(|(_, w)| *w))
    });
    let mut found: Option<(i64, i64)> = None;
    for w in windows {
        let end = w.to().unwrap_or(w.from.saturating_add(1));
        let (lo, hi) = found.unwrap_or((0, 0));
        found = Some((lo.min(w.from), hi.max(end)));
    }
    found.map(|(lo, hi)| (lo, hi.max(lo + 1)))
}

/// Day numbers (and dates) along the top, about every 100 pixels.
fn ticks(h: &mut Html, start: i64, end: i64, day0: Option<crate::model::Date>, x: &dyn Fn(i64) -> i64) {
    let step = nice_step((end - start) / 7);
    let first = start.div_euclid(step) * step;
    let mut d = first;
    while d <= end {
        if d >= start {
            let px = x(d);
            h.open(
                "line",
                &[
                    ("class", "tick"),
                    ("x1", &px.to_string()),
                    ("x2", &px.to_string()),
                    ("y1", "22"),
                    ("y2", "100%"),
                ],
            )
            .close("line");
            // A label too near the right edge would be cut: the line alone.
            if px <= LABEL + PLOT - 70 {
                let mut label = format!("day {d}");
                if let Some(date) = day0.and_then(|z| z.plus_days(d)) {
                    let _ = write!(label, " · {} {}", date.day(), month(date.month()));
                }
                text(h, "tick-label", px + 2, 16, &label);
            }
        }
        d += step;
    }
}

/// A step of 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: i64) -> i64 {
    let mut base = 1i64;
    loop {
        for m in [1, 2, 5] {
            if base.saturating_mul(m) >= rough.max(1) {
                return base.saturating_mul(m);
            }
        }
        base = base.saturating_mul(10);
        if base >= i64::MAX / 10 {
            return base;
        }
    }
}

fn month(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES.get(usize::from(m.saturating_sub(1))).copied().unwrap_or("")
}

/// The conditions among one proposal's drawn terms, as arrows curving out to the left
/// from the start of the required term's bar to the start of the requiring term's.
fn arrows(h: &mut Html, a: &Analysis, proposal: usize, placed: &[(usize, i64, i64, i64)]) {
    let Some(p) = a.proposals.get(proposal) else {
        return;
    };
    // `placed` is in term order: a condition's term is found by halving.
    let at = |t: usize| {
        placed
            .binary_search_by_key(&t, |&(k, ..)| k)
            .ok()
            .and_then(|i| placed.get(i))
    };
    for &(t, x0, _, y) in placed {
        let Some(term) = p.terms.get(t) else { continue };
        for &(req, timing) in term.requires.iter() {
            let Some(&(_, rx0, _, ry)) = at(req) else { continue };
            let class = match timing {
                crate::model::Timing::Before => "condition",
                crate::model::Timing::Concurrent => "condition together",
            };
            // The curve, then its head drawn as a path of its own (a marker would need
            // a `url(#…)` reference, and the page refers to nothing).
            h.open(
                "path",
                &[
                    ("class", class),
                    (
                        "d",
                        &format!("M{rx0},{ry} C{},{ry} {},{y} {},{y}", rx0 - 28, x0 - 28, x0 - 5),
                    ),
                ],
            )
            .close("path");
            h.open(
                "path",
                &[("class", "head"), ("d", &format!("M{x0},{y} l-6,-4 l0,8 z"))],
            )
            .close("path");
        }
    }
}

fn rect(h: &mut Html, class: &str, x: i64, y: i64, w: i64, ht: i64, tip: Option<&str>) {
    h.open(
        "rect",
        &[
            ("class", class),
            ("x", &x.to_string()),
            ("y", &y.to_string()),
            ("width", &w.max(1).to_string()),
            ("height", &ht.to_string()),
            ("rx", "2"),
        ],
    );
    if let Some(t) = tip {
        h.open("title", &[]).text(t).close("title");
    }
    h.close("rect");
}

fn text(h: &mut Html, class: &str, x: i64, y: i64, s: &str) {
    h.open(
        "text",
        &[("class", class), ("x", &x.to_string()), ("y", &y.to_string())],
    )
    .text(s)
    .close("text");
}

#[cfg(test)]
mod tests {
    use super::{MOST_BARS, nice_step};

    /// Past the most bars, the section says why it draws nothing, and the page stays
    /// small.
    #[test]
    fn a_proposal_of_thousands_of_windows_is_not_drawn() {
        let w = crate::generate::generate(&crate::generate::Spec::new(MOST_BARS, 3));
        let vocab = crate::vocab::Vocab::with_extensions(std::slice::from_ref(&w.vocab)).unwrap();
        let resolve = |p: &crate::model::Proposal| crate::load::resolve(p, &vocab).0.unwrap();
        let a = crate::engine::analyze(vec![resolve(&w.a), resolve(&w.b)], &vocab).unwrap();
        let mut h = super::Html::new();
        super::timeline(&mut h, &a);
        let page = h.into_string();
        assert!(page.contains("too many to draw"), "{page}");
        assert!(!page.contains("<svg"));
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(3), 5);
        assert_eq!(nice_step(18), 20);
        assert_eq!(nice_step(126 / 7), 20);
        assert_eq!(nice_step(400), 500);
    }
}
