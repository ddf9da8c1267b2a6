//! What each move costs the side that makes it (DESIGN §5 and its settled details):
//! withdrawing a term costs its priority's weight; narrowing it (in time, scope,
//! topics or partition), meeting a divergence or dropping a condition a share of that
//! (half by default); making a `before`
//! condition `concurrent` a smaller share (a quarter); committing to a term the other
//! side requires costs that term's own weight (a red line `commit_red_line`, 8). Red
//! lines never move. The table, and the text that sets it
//! (`red_line=never,core=5,minor=1,narrow=0.5`), as the command line takes it.
//!
//! Costs are kept in hundredths, so that a quarter of a minor term (0.25) is a whole
//! number; [`points`] writes one back as a number.

use super::solver::Cost;
use crate::model::Priority;

/// The cost of each move, in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostTable {
    /// Withdrawing a red line: `None` (the default) never.
    pub red_line: Option<u64>,
    /// Withdrawing a core term (default 4, that is 400 hundredths).
    pub core: u64,
    /// Withdrawing a normal term (2).
    pub normal: u64,
    /// Withdrawing a minor term (1).
    pub minor: u64,
    /// Narrowing a term in time, in hundredths of its withdrawal (default 50: half).
    pub narrow: Option<u64>,
    /// Narrowing a term's scope, likewise (50).
    pub narrow_scope: Option<u64>,
    /// Narrowing a term's topics, likewise (50).
    pub narrow_topics: Option<u64>,
    /// Narrowing a term's categories of a partition parameter, likewise (50).
    pub narrow_partition: Option<u64>,
    /// Meeting a divergence, in hundredths of the moving term's withdrawal (50).
    pub meet: Option<u64>,
    /// Dropping a condition, in hundredths of the withdrawal of the term that holds it (50).
    pub drop: Option<u64>,
    /// Making a `before` condition `concurrent`, likewise (25: a quarter).
    pub concurrent: Option<u64>,
    /// Committing to a red line of the other side (default 8); other terms are
    /// committed to at their withdrawal cost.
    pub commit_red_line: u64,
}

/// Hundredths in one point of cost.
pub const UNIT: u64 = 100;

impl Default for CostTable {
    /// The weights of [`Priority::weight`], red lines never moved; narrowing, meeting
    /// and dropping half, `concurrent` a quarter, committing to a red line 8.
    fn default() -> CostTable {
        CostTable {
            red_line: None,
            core: u64::from(Priority::Core.weight()) * UNIT,
            normal: u64::from(Priority::Normal.weight()) * UNIT,
            minor: u64::from(Priority::Minor.weight()) * UNIT,
            narrow: Some(UNIT / 2),
            narrow_scope: Some(UNIT / 2),
            narrow_topics: Some(UNIT / 2),
            narrow_partition: Some(UNIT / 2),
            meet: Some(UNIT / 2),
            drop: Some(UNIT / 2),
            concurrent: Some(UNIT / 4),
            commit_red_line: 8 * UNIT,
        }
    }
}

/// The names the cost table takes, in the order the help lists them.
pub(crate) const NAMES: [&str; 13] = [
    "red_line",
    "core",
    "normal",
    "minor",
    "narrow",
    "narrow_time",
    "narrow_scope",
    "narrow_topics",
    "narrow_partition",
    "meet",
    "drop",
    "concurrent",
    "commit_red_line",
];

impl CostTable {
    /// Reads `red_line=never,core=5,minor=1,narrow=0.5` over the defaults: costs and
    /// shares are numbers of at most two decimals; `never` for a red line or a move
    /// keeps it from being made. `narrow` sets the share of every narrowing;
    /// `narrow_time`, `narrow_scope`, `narrow_topics` and `narrow_partition` one each
    /// (read in order: a later entry overrides an earlier one).
    pub fn parse(text: &str) -> Result<CostTable, String> {
        let mut table = CostTable::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("bad cost `{part}`: expected `NAME=COST`"))?;
            let (name, value) = (name.trim(), value.trim());
            let number = || {
                hundredths(value).ok_or_else(|| {
                    if well_formed(value) {
                        format!("bad cost `{part}`: `{value}` is too large")
                    } else {
                        format!("bad cost `{part}`: `{value}` is not a number of at most two decimals")
                    }
                })
            };
            match name {
                "red_line" if value == "never" => table.red_line = None,
                "red_line" => table.red_line = Some(number()?),
                "core" => table.core = number()?,
                "normal" => table.normal = number()?,
                "minor" => table.minor = number()?,
                "narrow" | "narrow_time" | "narrow_scope" | "narrow_topics" | "narrow_partition" | "meet"
                | "drop" | "concurrent" => {
                    let share = if value == "never" { None } else { Some(number()?) };
                    match name {
                        "narrow" => {
                            table.narrow = share;
                            table.narrow_scope = share;
                            table.narrow_topics = share;
                            table.narrow_partition = share;
                        }
                        "narrow_time" => table.narrow = share,
                        "narrow_scope" => table.narrow_scope = share,
                        "narrow_topics" => table.narrow_topics = share,
                        "narrow_partition" => table.narrow_partition = share,
                        "meet" => table.meet = share,
                        "drop" => table.drop = share,
                        _ => table.concurrent = share,
                    }
                }
                "commit_red_line" => table.commit_red_line = number()?,
                other => {
                    let hint = crate::vocab::did_you_mean(other, NAMES)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    return Err(format!(
                        "bad cost `{part}`: unknown name `{other}`{hint}; expected a priority (`red_line`, `core`, `normal`, `minor`) or a move (`narrow`, `narrow_time`, `narrow_scope`, `narrow_topics`, `narrow_partition`, `meet`, `drop`, `concurrent`, `commit_red_line`)"
                    ));
                }
            }
        }
        Ok(table)
    }

    /// The cost of withdrawing a term of priority `p`.
    pub fn cost(&self, p: Priority) -> Cost {
        match p {
            Priority::RedLine => self.red_line.map_or(Cost::Forbidden, Cost::Finite),
            Priority::Core => Cost::Finite(self.core),
            Priority::Normal => Cost::Finite(self.normal),
            Priority::Minor => Cost::Finite(self.minor),
        }
    }

    /// A share (in hundredths) of withdrawing a term of priority `p`: a red line
    /// moves no more than it may be withdrawn (never, unless the table prices it), and
    /// a move whose share is `None` (`never`) is not made.
    pub fn share(&self, p: Priority, share: Option<u64>) -> Cost {
        match (self.cost(p), share) {
            (Cost::Finite(c), Some(share)) => Cost::Finite(c.saturating_mul(share).div_ceil(UNIT)),
            _ => Cost::Forbidden,
        }
    }

    /// The cost of committing to a term of priority `p` that the other side requires.
    pub fn commit(&self, p: Priority) -> Cost {
        match p {
            Priority::RedLine => Cost::Finite(self.commit_red_line),
            _ => self.cost(p),
        }
    }
}

/// `4`, `0.5`, `1.25`: a cost in hundredths as a number of points.
pub fn points(hundredths: u64) -> String {
    let (whole, part) = (hundredths / UNIT, hundredths % UNIT);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    }
}

/// A cost in hundredths as a JSON number (a float with at most two decimals).
pub fn as_number(hundredths: u64) -> f64 {
    hundredths as f64 / UNIT as f64
}

/// Whether `text` is written as a cost: digits, then at most two decimals.
fn well_formed(text: &str) -> bool {
    let (whole, part) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !whole.is_empty() && digits(whole) && digits(part) && part.len() <= 2
}

/// `4`, `0.5`, `1.25` read as hundredths; `None` for anything else (a sign, more
/// decimals, a number beyond 2^64 hundredths).
fn hundredths(text: &str) -> Option<u64> {
    if !well_formed(text) {
        return None;
    }
    let (whole, part) = text.split_once('.').unwrap_or((text, ""));
    let whole: u64 = whole.parse().ok()?;
    let part: u64 = if part.is_empty() {
        0
    } else {
        format!("{part:0<2}").parse().ok()?
    };
    whole.checked_mul(UNIT)?.checked_add(part)
}

#[cfg(test)]
mod tests {
    use super::{CostTable, hundredths, points};
    use crate::concede::Cost;
    use crate::model::Priority;

    #[test]
    fn cost_tables() {
        let t = CostTable::parse("core=5, red_line=20").unwrap();
        assert_eq!((t.core, t.red_line, t.normal), (500, Some(2000), 200));
        assert_eq!(CostTable::parse("red_line=never").unwrap().red_line, None);
        assert!(
            CostTable::parse("cor=5")
                .unwrap_err()
                .contains("did you mean `core`?")
        );
        assert!(CostTable::parse("core").unwrap_err().contains("NAME=COST"));
        assert!(CostTable::parse("core=-1").unwrap_err().contains("two decimals"));
        assert_eq!(CostTable::parse("narrow=0.75").unwrap().narrow, Some(75));
        let t = CostTable::parse("narrow=0.75").unwrap();
        assert_eq!(
            (t.narrow_scope, t.narrow_topics, t.narrow_partition),
            (Some(75), Some(75), Some(75))
        );
        let t = CostTable::parse("narrow=0.75,narrow_scope=never,narrow_time=0.25").unwrap();
        assert_eq!(
            (t.narrow, t.narrow_scope, t.narrow_topics),
            (Some(25), None, Some(75))
        );
        assert_eq!(CostTable::parse("drop=never").unwrap().drop, None);
    }

    #[test]
    fn shares_and_points() {
        let t = CostTable::default();
        assert_eq!(t.share(Priority::Minor, t.concurrent), Cost::Finite(25));
        assert_eq!(t.share(Priority::Core, t.narrow), Cost::Finite(200));
        assert_eq!(t.share(Priority::RedLine, t.drop), Cost::Forbidden);
        assert_eq!(t.commit(Priority::RedLine), Cost::Finite(800));
        assert_eq!(
            (points(400), points(50), points(25), points(125)),
            ("4".into(), "0.5".into(), "0.25".into(), "1.25".into())
        );
        assert_eq!(hundredths("1.5"), Some(150));
        assert_eq!(hundredths("1.505"), None);
        assert_eq!(hundredths(".5"), None);
    }
}
