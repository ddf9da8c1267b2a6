//! The compact timeline of the text comparison (`compare` asked for one, DESIGN §6): one axis of days for
//! every proposal compared, each proposal's phases as a band and each of its terms
//! with a stated window as a bar — a deadline as a line ending in a mark, a window
//! without end as a bar running off the axis — and the terms in a conflict marked
//! (`✗`; `?` when their only conflicts are contingent).

use std::fmt::Write;

use crate::collections::FastMap;
use crate::engine::{Analysis, TermRef};
use crate::model::Date;
use crate::report::style::{Painter, Role};
use crate::report::terminal::one_line as line;
use crate::report::words;
use crate::resolved::Interval;

/// Columns of the axis.
const WIDTH: usize = 60;
/// The widest label: longer term ids are cut with `…`.
const LABEL: usize = 22;

/// The timeline of `analysis`, or a line saying there is nothing to draw.
pub fn render(a: &Analysis, painter: Painter) -> String {
    let rows = rows(a);
    let mut out = String::new();
    let _ = writeln!(out, "{}", painter.paint(Role::Strong, "TIMELINE"));
    let Some(axis) = Axis::of(&rows) else {
        let _ = writeln!(out, "  no term states a window: nothing to draw\n");
        return out;
    };
    let _ = writeln!(out, "  {}; one column = {}", day_zero(a), words_days(axis.scale));
    let label = rows
        .iter()
        .flat_map(|p| p.terms.iter().map(|t| t.label.chars().count()))
        .chain(rows.iter().map(|p| p.id.chars().count()))
        .max()
        .unwrap_or(0)
        .min(LABEL);
    let _ = writeln!(out, "  {:label$}  {}", "", axis.ticks());
    for p in &rows {
        let _ = writeln!(out, "  {}", painter.paint(Role::Strong, &line(&p.id)));
        if !p.phases.is_empty() {
            let _ = writeln!(out, "  {:label$}  {}", "", axis.band(&p.phases));
        }
        for t in &p.terms {
            let (mark, role) = match t.conflict {
                Conflict::Unconditional => ("✗", Role::Bad),
                Conflict::Contingent => ("?", Role::Warn),
                Conflict::None => (" ", Role::Dim),
            };
            let name = cut(&t.label, label.saturating_sub(2));
            let _ = writeln!(
                out,
                "  {} {:width$}  {}",
                painter.paint(role, mark),
                line(&name),
                axis.bar(t.window),
                width = label.saturating_sub(2)
            );
        }
    }
    let _ = writeln!(
        out,
        "  █ window  ─┤ deadline  → without end  ✗ in a conflict  ? in a contingent conflict only\n"
    );
    out
}

/// One proposal's part of the timeline (the HTML briefing draws the same rows).
pub(crate) struct Row {
    /// The proposal's id.
    pub id: String,
    /// Its phases, with their days on the analysis's axis.
    pub phases: Vec<(String, Interval)>,
    /// Its terms with a stated window, in file order.
    pub terms: Vec<TermRow>,
}

/// One term of a [`Row`].
pub(crate) struct TermRow {
    /// The term's index in its proposal.
    pub index: usize,
    /// Its id.
    pub label: String,
    /// Its window.
    pub window: Interval,
    /// The worst conflict it is in, over every pair.
    pub conflict: Conflict,
}

/// The worst conflict a term is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Conflict {
    /// None.
    None,
    /// Contingent conflicts only.
    Contingent,
    /// An unconditional conflict.
    Unconditional,
}

/// The rows of every proposal of `a`: phases shifted to the analysis's day 0, the
/// terms with a stated window, each with its worst conflict.
pub(crate) fn rows(a: &Analysis) -> Vec<Row> {
    // Each term's worst conflict over every pair.
    let mut worst: FastMap<TermRef, Conflict> = FastMap::default();
    for pair in &a.pairs {
        for (i, r) in pair
            .relations
            .iter()
            .enumerate()
            .take_while(|(_, r)| r.is_conflict())
        {
            if pair.lapsed.binary_search(&i).is_ok() {
                continue;
            }
            let kind = if pair.contingent.binary_search(&i).is_ok() {
                Conflict::Contingent
            } else {
                Conflict::Unconditional
            };
            for t in [r.left.term, r.right.term] {
                let w = worst.entry(t).or_insert(Conflict::None);
                *w = (*w).max(kind);
            }
        }
    }
    a.proposals
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            // Phases count from the proposal's own entry into force; its terms, from
            // the analysis's day 0 (the earliest entry into force on a calendar).
            let shift = match (p.calendar, p.proposal.entry_into_force) {
                (Some(day0), Some(own)) => day0.days_until(own),
                _ => 0,
            };
            let phases = crate::load::phase_windows(&p.proposal)
                .into_iter()
                .filter_map(|(id, w)| Some((id.to_string(), w?.shifted(shift))))
                .collect();
            let terms = p
                .terms
                .iter()
                .enumerate()
                .filter(|(_, t)| !t.window.is_unstated())
                .map(|(ti, t)| TermRow {
                    index: ti,
                    label: p
                        .proposal
                        .terms
                        .get(ti)
                        .map(|x| x.id.to_string())
                        .unwrap_or_default(),
                    window: t.window,
                    conflict: worst
                        .get(&TermRef {
                            proposal: pi,
                            term: ti,
                        })
                        .copied()
                        .unwrap_or(Conflict::None),
                })
                .collect();
            Row {
                id: p.id().to_owned(),
                phases,
                terms,
            }
        })
        .collect()
}

/// The date of day 0 when every proposal shares one.
pub(crate) fn shared_day_zero(a: &Analysis) -> Option<Date> {
    let first = a.proposals.first()?.calendar?;
    a.proposals
        .iter()
        .all(|p| p.calendar == Some(first))
        .then_some(first)
}

/// How day 0 reads: a date when every proposal shares one.
fn day_zero(a: &Analysis) -> String {
    match shared_day_zero(a) {
        Some(d) => format!("day 0 is {}", d.in_words()),
        None => "days from each proposal's entry into force".to_owned(),
    }
}

fn words_days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// `text` cut to `width` characters, the last one `…` when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// The days drawn: from `start`, `scale` days a column.
struct Axis {
    start: i64,
    scale: i64,
}

impl Axis {
    /// The axis that holds every stated window and phase, from day 0 at the latest.
    fn of(rows: &[Row]) -> Option<Axis> {
        let windows = rows.iter().flat_map(|p| {
            p.terms
                .iter()
                .map(|t| t.window)
                .chain(p.phases.iter().map(|(_, w)| *w))
        });
        let (mut lo, mut hi, mut any) = (0i64, 0i64, false);
        for w in windows {
            any = true;
            lo = lo.min(w.from);
            hi = hi.max(w.to().unwrap_or(w.from.saturating_add(1)));
        }
        if !any {
            return None;
        }
        let span = hi.saturating_sub(lo).max(1);
        let columns = i64::try_from(WIDTH).unwrap_or(60);
        let scale = (span + columns - 1) / columns;
        Some(Axis {
            start: lo,
            scale: scale.max(1),
        })
    }

    /// The column of day `d`, within the axis.
    fn column(&self, d: i64) -> usize {
        let c = d.saturating_sub(self.start) / self.scale;
        usize::try_from(c.max(0)).unwrap_or(0).min(WIDTH)
    }

    /// The day numbers along the axis, one every 15 columns.
    fn ticks(&self) -> String {
        let mut out = String::new();
        for c in (0..WIDTH).step_by(15) {
            let day = self.start + i64::try_from(c).unwrap_or(0) * self.scale;
            let label = day.to_string();
            while out.chars().count() < c {
                out.push(' ');
            }
            out.push_str(&label);
        }
        out
    }

    /// Phases as a band: `[phase-1     ][phase-2     ]`, each name cut to its width.
    fn band(&self, phases: &[(String, Interval)]) -> String {
        let mut cells = vec![' '; WIDTH + 1];
        for (id, w) in phases {
            let (a, b) = (self.column(w.from), w.to().map_or(WIDTH, |t| self.column(t)));
            let b = b.max(a + 1).min(WIDTH);
            if let Some(c) = cells.get_mut(a) {
                *c = '[';
            }
            for (k, ch) in line(id).chars().take(b.saturating_sub(a + 1)).enumerate() {
                if let Some(c) = cells.get_mut(a + 1 + k) {
                    *c = ch;
                }
            }
            if b > a + 1
                && let Some(c) = cells.get_mut(b - 1)
            {
                *c = ']';
            }
        }
        cells.into_iter().collect::<String>().trim_end().to_owned()
    }

    /// A window's bar.
    fn bar(&self, w: Interval) -> String {
        let mut cells = vec![' '; WIDTH + 1];
        let a = self.column(w.from);
        match w.to() {
            Some(t) => {
                let b = self.column(t).max(a + 1).min(WIDTH);
                let fill = if w.is_deadline() { '─' } else { '█' };
                for c in cells.iter_mut().take(b).skip(a) {
                    *c = fill;
                }
                if w.is_deadline()
                    && let Some(c) = cells.get_mut(b.saturating_sub(1))
                {
                    *c = '┤';
                }
            }
            None => {
                for c in cells.iter_mut().take(WIDTH).skip(a) {
                    *c = '█';
                }
                if let Some(c) = cells.get_mut(WIDTH) {
                    *c = '→';
                }
            }
        }
        let mut s: String = cells.into_iter().collect::<String>().trim_end().to_owned();
        let _ = write!(s, "  {}", words::window(w));
        s
    }
}
