//! Calendar dates as proposal files write them (`YYYY-MM-DD`, proleptic Gregorian),
//! and their day numbers, so that a date window turns into days from entry into force.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar day, years 1 to 9999. Four bytes: a window keeps its dates inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_days(year: i64, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date `year-month-day`, if there is such a day (years 1 to 9999).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= month_days(i64::from(year), month);
        ok.then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` exactly (four, two and two ASCII digits).
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u16> {
            b.get(r)?.iter().try_fold(0u16, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })
        };
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        Date::new(digits(0..4)?, month, day)
    }

    /// Days since 1970-01-01 (negative before), by the days-from-civil algorithm.
    pub fn day_number(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of day number `n` (days since 1970-01-01), if within years 1 to 9999.
    pub fn from_day_number(n: i64) -> Option<Date> {
        // Beyond years 1 to 9999 either way, and far from overflow below.
        if !(-1_000_000..=3_000_000).contains(&n) {
            return None;
        }
        let z = n + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `days` days later (earlier when negative), if within years 1 to 9999.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.day_number() - self.day_number()
    }

    /// The day of the month, the month's English name and the year: `2 March 2025`.
    pub fn in_words(self) -> String {
        let month = MONTHS
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("");
        format!("{} {month} {}", self.day, self.year)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date `YYYY-MM-DD`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_str(V)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A calendar date, `YYYY-MM-DD`.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip_and_know_leap_years() {
        let d = Date::parse("2025-01-19").unwrap();
        assert_eq!(d.day_number(), 20_107);
        assert_eq!(Date::from_day_number(20_107), Some(d));
        assert_eq!(Date::parse("1970-01-01").unwrap().day_number(), 0);
        let feb = Date::parse("2024-02-28").unwrap();
        assert_eq!(feb.plus_days(1), Date::parse("2024-02-29"));
        assert_eq!(feb.plus_days(2), Date::parse("2024-03-01"));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("0000-01-01"), None);
        assert_eq!(Date::parse("2025-1-19"), None);
        assert_eq!(Date::parse("２025-01-19"), None);
        assert_eq!(Date::parse("9999-12-31").unwrap().plus_days(1), None);
        assert_eq!(d.days_until(Date::parse("2025-03-01").unwrap()), 41);
        assert_eq!(Date::parse("2025-03-02").unwrap().in_words(), "2 March 2025");
        for n in [-719_162, -1, 0, 1, 59, 365, 20_000, 2_932_896] {
            assert_eq!(Date::from_day_number(n).map(Date::day_number), Some(n));
        }
        assert_eq!(Date::from_day_number(i64::MAX), None);
        assert_eq!(Date::from_day_number(i64::MIN), None);
        assert_eq!(d.plus_days(i64::MAX), None);
    }
}
