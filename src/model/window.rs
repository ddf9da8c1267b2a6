//! The time window of a term, in days from entry into force: the common forms kept
//! inline (a range of days, a deadline, hours), the rare ones (dates as written, an
//! anchor to another term) behind a `Box`, so that a `Window` stays 48 bytes.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Date;

/// When a term applies. A term without a window leaves its duration unstated.
#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// `"ceasefire"`: the window of the proposal's general ceasefire, its one
    /// `must_not hostilities` term with no scope or partition.
    Ceasefire,
    /// `"indefinite"`: stated as without end ("permanent"), from entry into force.
    Indefinite,
    /// An explicit range of days: `{"days": 30}`, `{"from": 30, "to": 60}`.
    Range(WindowRange),
    /// A range with at least one bound written as a date (the proposal gives its
    /// entry into force): `{"from": "2025-01-19", "to": "2025-03-01"}`.
    Dates(Box<DateRange>),
    /// A deadline, `{"by": 16}` or `{"by": "2025-02-03"}`: done at some time before that
    /// day; it covers the days from entry into force to it.
    By(Day),
    /// `{"hours": 12}`: a window the text gives in hours, from entry into force.
    Hours(i64),
    /// A phase of the proposal, by its id: `"phase-2"`.
    Phase(Box<str>),
    /// Anchored to another term of the proposal: `{"after": "release", "days": 90}`.
    After(Box<Anchor>),
}

/// A range of days from entry into force: `{"days": 30}` is `[0, 30)`,
/// `{"from": 30, "to": 60}` is `[30, 60)`, `{"from": 30}` has no end.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowRange {
    /// First day, counted from entry into force (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i64>,
    /// Day on which the window ends (exclusive). Absent with `days` absent: no end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<i64>,
    /// Length in days, from `from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
}

/// A day as a window bound: a day number from entry into force, or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// Days from entry into force.
    Number(i64),
    /// A calendar date (the proposal must give its entry into force).
    Date(Date),
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Day::Number(n) => serializer.serialize_i64(*n),
            Day::Date(d) => d.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a day number or a date `YYYY-MM-DD`")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Day, E> {
                Ok(Day::Number(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Day, E> {
                i64::try_from(v)
                    .map(Day::Number)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                Date::parse(v)
                    .map(Day::Date)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A range with dates: as [`WindowRange`], a bound being a day number or a date (`to`
/// exclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// First day (default: entry into force).
    pub from: Option<Day>,
    /// The day the window ends (exclusive).
    pub to: Option<Day>,
    /// Length in days, from `from`.
    pub days: Option<i64>,
}

/// A window anchored to another term's window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// The id of the term of the same proposal it is anchored to.
    pub after: Box<str>,
    /// Counted from the start of that term's window rather than its end.
    pub from_start: bool,
    /// Its length in days; with neither this nor `hours` it runs without end.
    pub days: Option<i64>,
    /// Its length in hours, where the text gives hours.
    pub hours: Option<i64>,
}

/// The keyword for the ceasefire window.
pub(super) const CEASEFIRE: &str = "ceasefire";
/// The keyword for a window stated as without end.
pub(super) const INDEFINITE: &str = "indefinite";
/// The keywords a window may be, for "did you mean".
pub const WINDOW_KEYWORDS: [&str; 2] = [CEASEFIRE, INDEFINITE];

/// Every field a window object may have, in the order files are written in.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<Box<str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from_start: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hours: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<Day>,
}

impl Fields {
    /// The window these fields write, or why they write none.
    fn window(self) -> Result<Window, String> {
        let Fields {
            after,
            from_start,
            from,
            to,
            days,
            hours,
            by,
        } = self;
        let named = |present: [(&'static str, bool); 5]| -> Vec<&'static str> {
            present.iter().filter(|(_, p)| *p).map(|(n, _)| *n).collect()
        };
        if let Some(after) = after {
            let extra = named([
                ("from", from.is_some()),
                ("to", to.is_some()),
                ("by", by.is_some()),
                ("", false),
                ("", false),
            ]);
            if let Some(f) = extra.first() {
                return Err(format!("`after` cannot be combined with `{f}`"));
            }
            if days.is_some() && hours.is_some() {
                return Err("give `days` or `hours` after a term, not both".into());
            }
            return Ok(Window::After(Box::new(Anchor {
                after,
                from_start: from_start.unwrap_or(false),
                days,
                hours,
            })));
        }
        if from_start.is_some() {
            return Err("`from_start` is only for a window `after` a term".into());
        }
        if let Some(by) = by {
            let extra = named([
                ("from", from.is_some()),
                ("to", to.is_some()),
                ("days", days.is_some()),
                ("hours", hours.is_some()),
                ("", false),
            ]);
            return match extra.first() {
                Some(f) => Err(format!("a deadline `by` cannot be combined with `{f}`")),
                None => Ok(Window::By(by)),
            };
        }
        if let Some(h) = hours {
            let extra = named([
                ("from", from.is_some()),
                ("to", to.is_some()),
                ("days", days.is_some()),
                ("", false),
                ("", false),
            ]);
            return match extra.first() {
                Some(f) => Err(format!("`hours` cannot be combined with `{f}`")),
                None => Ok(Window::Hours(h)),
            };
        }
        match (from, to) {
            (Some(Day::Date(_)), _) | (_, Some(Day::Date(_))) => {
                Ok(Window::Dates(Box::new(DateRange { from, to, days })))
            }
            _ => {
                let number = |d: Option<Day>| match d {
                    Some(Day::Number(n)) => Some(n),
                    _ => None,
                };
                Ok(Window::Range(WindowRange {
                    from: number(from),
                    to: number(to),
                    days,
                }))
            }
        }
    }

    /// The fields that write `w`, if it is an object.
    fn of(w: &Window) -> Option<Fields> {
        let f = match w {
            Window::Ceasefire | Window::Indefinite | Window::Phase(_) => return None,
            Window::Range(r) => Fields {
                from: r.from.map(Day::Number),
                to: r.to.map(Day::Number),
                days: r.days,
                ..Fields::default()
            },
            Window::Dates(r) => Fields {
                from: r.from,
                to: r.to,
                days: r.days,
                ..Fields::default()
            },
            Window::By(d) => Fields {
                by: Some(*d),
                ..Fields::default()
            },
            Window::Hours(h) => Fields {
                hours: Some(*h),
                ..Fields::default()
            },
            Window::After(a) => Fields {
                after: Some(a.after.clone()),
                from_start: a.from_start.then_some(true),
                days: a.days,
                hours: a.hours,
                ..Fields::default()
            },
        };
        Some(f)
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Window::Ceasefire => serializer.serialize_str(CEASEFIRE),
            Window::Indefinite => serializer.serialize_str(INDEFINITE),
            Window::Phase(p) => serializer.serialize_str(p),
            other => Fields::of(other).unwrap_or_default().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WindowVisitor;
        impl<'de> Visitor<'de> for WindowVisitor {
            type Value = Window;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "`\"ceasefire\"`, `\"indefinite\"`, a phase id or an object with `from`, `to`, `days`, `by`, `hours` or `after`",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Window, E> {
                match v {
                    CEASEFIRE => Ok(Window::Ceasefire),
                    INDEFINITE => Ok(Window::Indefinite),
                    // A word names a phase (the loader checks that the proposal has it,
                    // suggesting the nearest phase or keyword); anything else, such as
                    // an object written as a string, is not a window at all.
                    _ if !v.is_empty() && v.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') => {
                        Ok(Window::Phase(v.into()))
                    }
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Window, A::Error> {
                Fields::deserialize(MapAccessDeserializer::new(map))?
                    .window()
                    .map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(WindowVisitor)
    }
}

impl JsonSchema for Window {
    fn schema_name() -> Cow<'static, str> {
        "Window".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let date = generator.subschema_for::<Date>();
        let day = json_schema!({ "oneOf": [ { "type": "integer" }, date ] });
        json_schema!({
            "description": "When the term applies, in days from entry into force: \"ceasefire\" (the window of the proposal's general ceasefire term), \"indefinite\" (stated as without end), the id of a phase of the proposal, a range (`from`, `to` exclusive, `days`; days or, with `entry_into_force`, dates), a deadline (`by`: done at some time before that day), `hours` where the text gives hours, or anchored to another term (`after` a term id: from the end of its window, or its start with `from_start`, for `days` or `hours`; without either, without end). Absent: the text states no duration.",
            "oneOf": [
                { "const": CEASEFIRE },
                { "const": INDEFINITE },
                {
                    "type": "string",
                    "description": "The id of a phase of the proposal.",
                    "pattern": "^[\\p{L}\\p{N}_-]+$",
                    "not": { "enum": [CEASEFIRE, INDEFINITE] }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                        "from": day.clone(),
                        "to": day.clone(),
                        "days": { "type": "integer" }
                    }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["by"],
                    "properties": { "by": day }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["hours"],
                    "properties": { "hours": { "type": "integer" } }
                },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["after"],
                    "properties": {
                        "after": { "type": "string" },
                        "from_start": { "type": "boolean" },
                        "days": { "type": "integer" },
                        "hours": { "type": "integer" }
                    }
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Window, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }

    #[test]
    fn every_form_reads_and_writes_back() {
        for s in [
            r#""ceasefire""#,
            r#""phase-2""#,
            r#"{"from":3,"to":9}"#,
            r#"{"from":"2025-01-19","to":"2025-03-01"}"#,
            r#"{"from":2,"to":"2025-03-01"}"#,
            r#"{"by":16}"#,
            r#"{"by":"2025-02-03"}"#,
            r#"{"hours":12}"#,
            r#"{"after":"a","from_start":true,"days":90}"#,
            r#"{"after":"a","hours":12}"#,
        ] {
            let w = read(s).unwrap();
            assert_eq!(serde_json::to_string(&w).unwrap(), s);
        }
        assert!(matches!(read(r#"{"by":16}"#), Ok(Window::By(Day::Number(16)))));
        assert!(matches!(read(r#"{"days":3}"#), Ok(Window::Range(_))));
    }

    #[test]
    fn forms_that_cannot_go_together_are_refused() {
        for (s, says) in [
            (
                r#"{"by":16,"days":3}"#,
                "deadline `by` cannot be combined with `days`",
            ),
            (
                r#"{"after":"a","from":3}"#,
                "`after` cannot be combined with `from`",
            ),
            (r#"{"after":"a","days":1,"hours":2}"#, "not both"),
            (r#"{"from_start":true}"#, "only for a window `after`"),
            (r#"{"hours":3,"to":5}"#, "`hours` cannot be combined with `to`"),
            (r#"{"from":"2025-02-30"}"#, "expected a day number or a date"),
        ] {
            let e = read(s).unwrap_err();
            assert!(e.contains(says), "{s}: {e}");
        }
    }

    #[test]
    fn the_window_stays_small() {
        assert!(std::mem::size_of::<Window>() <= 48);
        assert_eq!(
            std::mem::size_of::<Option<Window>>(),
            std::mem::size_of::<Window>()
        );
    }
}
