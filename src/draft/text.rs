//! Sentences, clauses and words of a statement (Unicode segmentation), each word with
//! its place in the text, its lowercase form and a crude stem for matching phrases.

use unicode_segmentation::UnicodeSegmentation;

/// A word or a punctuation mark of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    /// Byte offsets in the whole text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// As written, without dots and without a possessive `'s` (`U.S.` is `US`).
    pub(crate) exact: String,
    /// Lowercase of `exact`.
    pub(crate) low: String,
    /// The stem used to match phrases.
    pub(crate) stem: String,
    /// A word (not punctuation).
    pub(crate) word: bool,
    /// Written with a possessive `'s` ("Russia's").
    pub(crate) possessive: bool,
}

/// The sentences of `text`, as byte ranges with surrounding white space trimmed.
/// A line that ends without a full stop (a list item, a heading) ends its sentence.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, s) in text.split_sentence_bound_indices() {
        let mut offset = at;
        for line in s.split_inclusive('\n') {
            // A full stop after a lowercase word and before a number ends a sentence
            // too ("for 42 days. 600 trucks"), which Unicode's rules keep together.
            let mut from = 0;
            let bytes = line.as_bytes();
            for i in 1..bytes.len().saturating_sub(2) {
                if bytes[i] == b'.'
                    && bytes[i - 1].is_ascii_lowercase()
                    && bytes[i + 1] == b' '
                    && bytes[i + 2].is_ascii_digit()
                {
                    push_trimmed(&mut out, offset + from, &line[from..=i]);
                    from = i + 1;
                }
            }
            push_trimmed(&mut out, offset + from, &line[from..]);
            offset += line.len();
        }
    }
    out
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, at: usize, s: &str) {
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let lead = s.len() - s.trim_start().len();
        out.push((at + lead, at + lead + trimmed.len()));
    }
}

/// The tokens of `text[start..end]`, hyphens dropped (`30-day` is `30`, `day`).
pub(crate) fn tokens(text: &str, start: usize, end: usize) -> Vec<Tok> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (at, w) in slice.split_word_bound_indices() {
        if w.trim().is_empty() || w == "-" || w == "‐" {
            continue;
        }
        let word = w.chars().any(char::is_alphanumeric);
        let mut exact: String = w.chars().filter(|&c| c != '.').collect();
        let mut possessive = false;
        for suffix in ["'s", "’s", "'", "’"] {
            if exact.len() > suffix.len() + 1 && exact.ends_with(suffix) {
                exact.truncate(exact.len() - suffix.len());
                possessive = true;
                break;
            }
        }
        let low = exact.to_lowercase();
        let stem = stem(&low);
        out.push(Tok {
            start: start + at,
            end: start + at + w.len(),
            exact,
            low,
            stem,
            word,
            possessive,
        });
    }
    out
}

/// A crude English stem: plural, `-ing` and `-ed` endings and a final `e` removed, so
/// that "released", "releases" and "release" meet.
pub(crate) fn stem(low: &str) -> String {
    let n = low.chars().count();
    let mut s = low.to_owned();
    if n > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if n > 5 && s.ends_with("ing") {
        s.truncate(s.len() - 3);
    } else if n > 4 && s.ends_with("ed") {
        s.truncate(s.len() - 2);
    } else if n > 3 && s.ends_with('s') && !s.ends_with("ss") {
        s.truncate(s.len() - 1);
    }
    if s.chars().count() > 3 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    s
}

/// Words that carry no content for matching phrases: "a halt to the aid" matches
/// "halt aid".
pub(crate) fn is_function_word(low: &str) -> bool {
    matches!(
        low,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "on"
            | "all"
            | "any"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "this"
            | "these"
            | "those"
            | "further"
            | "mutual"
            | "mutually"
            | "other"
            | "such"
            | "additional"
            | "immediately"
            | "also"
            | "fully"
            | "entire"
            | "full"
    )
}

/// A phrase as the stems of its content words.
pub(crate) fn phrase_stems(phrase: &str) -> Vec<String> {
    tokens(phrase, 0, phrase.len())
        .into_iter()
        .filter(|t| t.word && !is_function_word(&t.low))
        .map(|t| t.stem)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet() {
        assert_eq!(stem("released"), stem("release"));
        assert_eq!(stem("releases"), stem("release"));
        assert_eq!(stem("hostilities"), stem("hostility"));
        assert_eq!(stem("sharing"), stem("share"));
    }

    #[test]
    fn sentences_and_tokens() {
        let text = "The U.S. will resume aid. Russia's 30-day halt\nA list item";
        let s = sentences(text);
        assert_eq!(s.len(), 3);
        let t = tokens(text, s[0].0, s[0].1);
        assert_eq!(t[1].exact, "US");
        let t = tokens(text, s[1].0, s[1].1);
        assert_eq!(t[0].exact, "Russia");
        assert_eq!(t[1].low, "30");
        assert_eq!(t[2].low, "day");
    }
}
