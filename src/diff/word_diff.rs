//! Word-level inline diffs of wording, and a similarity ratio of two wordings.

use similar::{ChangeTag, TextDiff};

/// What a piece of an inline diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// In both wordings.
    Same,
    /// In the old wording only.
    Removed,
    /// In the new wording only.
    Added,
}

/// A run of text of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Same, removed or added.
    pub kind: SegmentKind,
    /// The text, with its spaces.
    pub text: String,
}

/// The word diff of two wordings: runs of same text, and between them the removed
/// text followed by the added text. A space between two changed words joins the change.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let tokens: Vec<(ChangeTag, &str)> = diff.iter_all_changes().map(|c| (c.tag(), c.value())).collect();
    let mut out: Vec<Segment> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    for (i, &(tag, value)) in tokens.iter().enumerate() {
        match tag {
            ChangeTag::Delete => removed.push_str(value),
            ChangeTag::Insert => added.push_str(value),
            ChangeTag::Equal => {
                let in_change = !removed.is_empty() || !added.is_empty();
                let next_changes = tokens.get(i + 1).is_some_and(|(t, _)| *t != ChangeTag::Equal);
                if in_change && next_changes && value.trim().is_empty() {
                    // A space between two changes belongs to both sides of the change.
                    removed.push_str(value);
                    added.push_str(value);
                } else {
                    flush(&mut out, &mut removed, &mut added);
                    push(&mut out, SegmentKind::Same, value);
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// Emits a change run: whitespace common to the start (or end) of both sides is same.
fn flush(out: &mut Vec<Segment>, removed: &mut String, added: &mut String) {
    let (old, new) = (std::mem::take(removed), std::mem::take(added));
    let lead = common_len(old.chars(), new.chars());
    let (old_rest, new_rest) = (old.get(lead..).unwrap_or(""), new.get(lead..).unwrap_or(""));
    let trail = common_len(old_rest.chars().rev(), new_rest.chars().rev());
    let old_mid = old_rest.get(..old_rest.len() - trail).unwrap_or("");
    let new_mid = new_rest.get(..new_rest.len() - trail).unwrap_or("");
    push(out, SegmentKind::Same, old.get(..lead).unwrap_or(""));
    push(out, SegmentKind::Removed, old_mid);
    push(out, SegmentKind::Added, new_mid);
    push(
        out,
        SegmentKind::Same,
        old_rest.get(old_rest.len() - trail..).unwrap_or(""),
    );
}

/// The length in bytes of the common run of whitespace at the start of two sequences.
fn common_len(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b)
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

fn push(out: &mut Vec<Segment>, kind: SegmentKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => out.push(Segment {
            kind,
            text: text.to_owned(),
        }),
    }
}

/// How alike two wordings are, word by word, in `0..=1`.
pub fn similarity(old: &str, new: &str) -> f64 {
    f64::from(TextDiff::from_words(old, new).ratio())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.kind {
                SegmentKind::Same => s.text.clone(),
                SegmentKind::Removed => format!("[-{}-]", s.text),
                SegmentKind::Added => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn joins_adjacent_changed_words() {
        let d = word_diff(
            "halt all conflict for 30 days",
            "halt strikes on energy for 30 days",
        );
        assert_eq!(
            render(&d),
            "halt [-all conflict-]{+strikes on energy+} for 30 days"
        );
    }

    #[test]
    fn both_sides_rebuild_the_texts() {
        let (a, b) = ("the US would restart aid", "the US would halt aid now");
        let d = word_diff(a, b);
        let old: String = d
            .iter()
            .filter(|s| s.kind != SegmentKind::Added)
            .map(|s| s.text.as_str())
            .collect();
        let new: String = d
            .iter()
            .filter(|s| s.kind != SegmentKind::Removed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!((old.as_str(), new.as_str()), (a, b));
    }
}
