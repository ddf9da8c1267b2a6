//! Numbers and durations in a sentence: windows ("30-day", "for 30 days", "within 14
//! days", "no later than day 16", "within 72 hours", "permanent") and parameters
//! ("175 for 175", "all for all", "600 trucks ... each day", "50 hostages").

use serde_json::{Value, json};

use super::text::Tok;
use crate::vocab::{ParamKind, Vocab};

/// A window or a parameter value read at a place of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// The token it was read at (for attaching it to the nearest action).
    pub(crate) at: usize,
    /// `None` for a window, else the parameter's id.
    pub(crate) param: Option<String>,
    pub(crate) value: Value,
    /// The words that produced it, for the drafted file's comment.
    pub(crate) cue: String,
}

/// The value of a number written in digits or as a word ("four", "16th").
pub(crate) fn number(low: &str) -> Option<i64> {
    let digits: String = low.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        let rest = &low[digits.len()..];
        if matches!(rest, "" | "st" | "nd" | "rd" | "th") {
            return digits.parse().ok();
        }
        return None;
    }
    let words = [
        ("one", 1),
        ("first", 1),
        ("two", 2),
        ("second", 2),
        ("three", 3),
        ("third", 3),
        ("four", 4),
        ("fourth", 4),
        ("five", 5),
        ("fifth", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("twelve", 12),
        ("fourteen", 14),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("fiftieth", 50),
        ("sixty", 60),
        ("ninety", 90),
        ("hundred", 100),
    ];
    words.iter().find(|(w, _)| *w == low).map(|&(_, n)| n)
}

fn low(toks: &[Tok], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.low.as_str())
}

fn before_has(toks: &[Tok], i: usize, back: usize, words: &[&str]) -> bool {
    (i.saturating_sub(back)..i).any(|j| words.contains(&low(toks, j)))
}

fn cue_text(toks: &[Tok], from: usize, to: usize) -> String {
    toks.get(from..=to.min(toks.len().saturating_sub(1)))
        .unwrap_or_default()
        .iter()
        .map(|t| t.low.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every window and parameter value stated in `toks`.
pub(crate) fn quantities(toks: &[Tok], vocab: &Vocab) -> Vec<Quantity> {
    let mut out = Vec::new();
    let has_param = |id: &str| vocab.merged.params.iter().any(|p| p.id == id);
    let per_day = toks.windows(2).any(|w| {
        matches!(
            (w[0].low.as_str(), w[1].low.as_str()),
            ("per" | "each" | "a", "day")
        )
    }) || toks.iter().any(|t| t.low == "daily");
    for (i, t) in toks.iter().enumerate() {
        if matches!(
            t.low.as_str(),
            "permanent" | "permanently" | "indefinite" | "indefinitely"
        ) {
            out.push(Quantity {
                at: i,
                param: None,
                value: json!("indefinite"),
                cue: t.low.clone(),
            });
            continue;
        }
        // "day 16", "the 16th day" after "no later than" or "by": a deadline.
        if t.low == "day"
            && let Some(n) = number(low(toks, i + 1))
            && (before_has(toks, i, 4, &["than", "by", "until"]) || toks.iter().any(|t| t.low == "latest"))
        {
            let from = i.saturating_sub(3);
            out.push(Quantity {
                at: i,
                param: None,
                value: json!({ "by": n }),
                cue: cue_text(toks, from, i + 1),
            });
            continue;
        }
        let Some(n) = number(&t.low) else { continue };
        let next = low(toks, i + 1);
        let ordinal = t.low.ends_with("th") || t.low.ends_with("st") || t.low.ends_with("nd");
        if next.starts_with("day") {
            let deadline =
                before_has(toks, i, 2, &["within"]) || (ordinal && before_has(toks, i, 4, &["than", "by"]));
            let value = if deadline {
                json!({ "by": n })
            } else {
                json!({ "days": n })
            };
            let from = if deadline {
                i.saturating_sub(3)
            } else {
                i.saturating_sub(1)
            };
            out.push(Quantity {
                at: i,
                param: None,
                value,
                cue: cue_text(toks, from, i + 1),
            });
        } else if next.starts_with("week") {
            out.push(Quantity {
                at: i,
                param: None,
                value: json!({ "days": n * 7 }),
                cue: cue_text(toks, i, i + 1),
            });
        } else if next.starts_with("hour") {
            let value = if before_has(toks, i, 2, &["within"]) {
                json!({ "by": (n + 23) / 24 })
            } else {
                json!({ "hours": n })
            };
            out.push(Quantity {
                at: i,
                param: None,
                value,
                cue: cue_text(toks, i.saturating_sub(1), i + 1),
            });
        } else if next == "for" && number(low(toks, i + 2)).is_some() {
            // "175 for 175": an exchange in equal numbers.
            if has_param("count") {
                out.push(Quantity {
                    at: i,
                    param: Some("count".into()),
                    value: json!(n),
                    cue: cue_text(toks, i, i + 2),
                });
            }
            if number(low(toks, i + 2)) == Some(n) && allows(vocab, "exchange", "equal_numbers") {
                out.push(Quantity {
                    at: i,
                    param: Some("exchange".into()),
                    value: json!("equal_numbers"),
                    cue: cue_text(toks, i, i + 2),
                });
            }
        } else if let Some(q) = unit_quantity(toks, i, n, vocab, per_day) {
            out.push(q);
        }
    }
    for (i, w) in toks.windows(3).enumerate() {
        if w[0].low == "all"
            && w[1].low == "for"
            && w[2].low == "all"
            && allows(vocab, "exchange", "all_for_all")
        {
            out.push(Quantity {
                at: i,
                param: Some("exchange".into()),
                value: json!("all_for_all"),
                cue: "all for all".into(),
            });
        }
    }
    out
}

fn allows(vocab: &Vocab, param: &str, value: &str) -> bool {
    vocab
        .merged
        .params
        .iter()
        .any(|p| p.id == param && p.values.iter().any(|v| v == value))
}

/// A number followed by a quantity parameter's unit ("50 km", "600 trucks ... each
/// day"), or by people or objects (`count`: "50 hostages").
fn unit_quantity(toks: &[Tok], i: usize, n: i64, vocab: &Vocab, per_day: bool) -> Option<Quantity> {
    let ahead: Vec<&Tok> = toks.iter().skip(i + 1).take(3).filter(|t| t.word).collect();
    let first = ahead.first()?;
    for p in &vocab.merged.params {
        let Some(unit) = &p.unit else { continue };
        if p.kind != ParamKind::Quantity || unit == "days" {
            continue;
        }
        let unit_stem = super::text::stem(&unit.to_lowercase());
        if first.stem == unit_stem && (!p.id.ends_with("per_day") || per_day) {
            return Some(amount(toks, i, n, &p.id));
        }
    }
    let people = [
        "hostag",
        "prisoner",
        "detaine",
        "captiv",
        "people",
        "person",
        "civilian",
        "child",
        "children",
        "women",
        "palestinian",
        "israeli",
        "gazan",
        "soldier",
    ];
    let counted = ahead
        .iter()
        .take(2)
        .any(|t| people.iter().any(|p| t.stem.starts_with(p)));
    if counted
        && vocab
            .merged
            .params
            .iter()
            .any(|p| p.id == "count" && p.kind == ParamKind::Quantity)
    {
        return Some(amount(toks, i, n, "count"));
    }
    None
}

/// The value `n` of `param` read at token `i`: a minimum after "at least".
fn amount(toks: &[Tok], i: usize, n: i64, param: &str) -> Quantity {
    let value = if before_has(toks, i, 2, &["least"]) {
        json!({ "min": n })
    } else {
        json!(n)
    };
    Quantity {
        at: i,
        param: Some(param.to_owned()),
        value,
        cue: cue_text(toks, i, i + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::text::tokens;

    fn read(text: &str) -> Vec<(Option<String>, Value)> {
        let v = Vocab::default_pack().unwrap();
        quantities(&tokens(text, 0, text.len()), &v)
            .into_iter()
            .map(|q| (q.param, q.value))
            .collect()
    }

    #[test]
    fn durations_and_deadlines() {
        assert_eq!(read("a 30-day ceasefire"), vec![(None, json!({"days": 30}))]);
        assert_eq!(read("halt for 30 days"), vec![(None, json!({"days": 30}))]);
        assert_eq!(read("within 14 days"), vec![(None, json!({"by": 14}))]);
        assert_eq!(read("no later than day 16"), vec![(None, json!({"by": 16}))]);
        assert_eq!(
            read("no later than the 16th day of the first phase"),
            vec![(None, json!({"by": 16}))]
        );
        assert_eq!(read("within 72 hours"), vec![(None, json!({"by": 3}))]);
        assert_eq!(read("a pause of four days"), vec![(None, json!({"days": 4}))]);
        assert_eq!(read("a permanent ceasefire"), vec![(None, json!("indefinite"))]);
    }

    #[test]
    fn parameters() {
        assert_eq!(
            read("175 for 175"),
            vec![
                (Some("count".into()), json!(175)),
                (Some("exchange".into()), json!("equal_numbers"))
            ]
        );
        assert_eq!(
            read("all for all"),
            vec![(Some("exchange".into()), json!("all_for_all"))]
        );
        assert_eq!(
            read("600 trucks enter each day"),
            vec![(Some("trucks_per_day".into()), json!(600))]
        );
        assert_eq!(
            read("at least 50 hostages"),
            vec![(Some("count".into()), json!({"min": 50}))]
        );
        assert_eq!(
            read("a zone 50 km wide"),
            vec![(Some("distance_km".into()), json!(50))]
        );
    }
}
