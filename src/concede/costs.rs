//! What withdrawing a term costs its proposal, by the term's priority: the table and
//! the text that sets it (`red_line=never,core=5,minor=1`), as the command line takes it.

use super::solver::Cost;
use crate::model::Priority;

/// The cost of withdrawing a term of each priority; `red_line: None` never concedes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CostTable {
    /// Red lines: `None` (the default) never conceded.
    pub red_line: Option<u64>,
    /// Core terms.
    pub core: u64,
    /// Normal terms.
    pub normal: u64,
    /// Minor terms.
    pub minor: u64,
}

impl Default for CostTable {
    /// The weights of [`Priority::weight`], red lines never conceded.
    fn default() -> CostTable {
        CostTable {
            red_line: None,
            core: u64::from(Priority::Core.weight()),
            normal: u64::from(Priority::Normal.weight()),
            minor: u64::from(Priority::Minor.weight()),
        }
    }
}

impl CostTable {
    /// Reads `red_line=never,core=5,minor=1` over the defaults.
    pub fn parse(text: &str) -> Result<CostTable, String> {
        let mut table = CostTable::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("bad cost `{part}`: expected `PRIORITY=COST`"))?;
            let (name, value) = (name.trim(), value.trim());
            let number = || {
                value
                    .parse::<u64>()
                    .map_err(|_| format!("bad cost `{part}`: `{value}` is not a whole number"))
            };
            match name {
                "red_line" if value == "never" => table.red_line = None,
                "red_line" => table.red_line = Some(number()?),
                "core" => table.core = number()?,
                "normal" => table.normal = number()?,
                "minor" => table.minor = number()?,
                other => {
                    let names = ["red_line", "core", "normal", "minor"];
                    let hint = crate::vocab::did_you_mean(other, names)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    return Err(format!(
                        "bad cost `{part}`: unknown priority `{other}`{hint}; expected `red_line`, `core`, `normal` or `minor`"
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
}

#[cfg(test)]
mod tests {
    use super::CostTable;

    #[test]
    fn cost_tables() {
        let t = CostTable::parse("core=5, red_line=20").unwrap();
        assert_eq!((t.core, t.red_line, t.normal), (5, Some(20), 2));
        assert_eq!(CostTable::parse("red_line=never").unwrap().red_line, None);
        assert!(
            CostTable::parse("cor=5")
                .unwrap_err()
                .contains("did you mean `core`?")
        );
        assert!(CostTable::parse("core").unwrap_err().contains("PRIORITY=COST"));
        assert!(
            CostTable::parse("core=-1")
                .unwrap_err()
                .contains("not a whole number")
        );
    }
}
