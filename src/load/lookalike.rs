//! Ids that look like other ids: the same text in another Unicode normal form (NFC and
//! NFD `café`), with invisible characters (zero-width spaces and joiners), or with
//! letters of another script that look Latin (Cyrillic `а` in `аid`). Each is shown
//! the same on a screen as another id it is not, so a reader would take two terms (or
//! two proposals) for one. Also ids with bidirectional controls, which reorder the text
//! around them. A careful small check, not the full Unicode confusables table: the
//! letters mapped are the Cyrillic and Greek ones that look like Latin ones.

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is invisible: zero-width, a joiner, a soft hyphen, a byte-order mark.
fn invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Whether `c` is a bidirectional control, which reorders the text around it.
pub(crate) fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The Latin letter a Cyrillic or Greek letter looks like, if any.
fn latin_twin(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' => 'e',
        'һ' => 'h',
        'і' | 'ι' | 'ӏ' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'С' => 'C',
        'Е' | 'Ε' => 'E',
        'Н' | 'Η' => 'H',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'Ѕ' => 'S',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'У' | 'Υ' => 'Y',
        'Ζ' => 'Z',
        other => other,
    }
}

/// What an id looks like: its NFC form without invisible characters or bidirectional
/// controls, each Cyrillic or Greek letter that looks Latin made Latin. Two ids with
/// the same look but different text are look-alikes.
pub(crate) fn look(id: &str) -> String {
    id.nfc()
        .filter(|&c| !invisible(c) && !bidi_control(c))
        .map(latin_twin)
        .collect()
}

/// Why an id may show as another: `None` for a plain id.
pub(crate) fn hidden(id: &str) -> Option<&'static str> {
    if id.chars().any(bidi_control) {
        Some("a bidirectional control, which reorders the text shown around it")
    } else if id.chars().any(invisible) {
        Some("an invisible character (a zero-width space or joiner)")
    } else {
        None
    }
}

/// How a message shows an id whose look misleads: its characters beyond ASCII as
/// `U+XXXX`, so that two look-alikes read differently.
pub(crate) fn spelled(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c.to_string()
            } else {
                format!("<U+{:04X}>", c as u32)
            }
        })
        .collect()
}

/// The warnings about a proposal's ids: an id that hides characters, and a term id that
/// looks like another term's. Linear: only ids beyond ASCII can look like another.
pub(crate) fn warnings(proposal: &crate::model::Proposal) -> Vec<super::Diagnostic> {
    use super::Diagnostic;
    let mut out = Vec::new();
    if let Some(why) = hidden(&proposal.id) {
        out.push(Diagnostic::warning(
            "id",
            format!("proposal id `{}` contains {why}", spelled(&proposal.id)),
        ));
    }
    let plain: crate::collections::FastMap<&str, usize> = proposal
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.id.is_ascii())
        .map(|(i, t)| (&*t.id, i))
        .collect();
    let mut looks: crate::collections::FastMap<String, usize> = crate::collections::FastMap::default();
    for (i, t) in proposal
        .terms
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.id.is_ascii())
    {
        let path = format!("terms[{i}].id");
        if let Some(why) = hidden(&t.id) {
            out.push(Diagnostic::warning(
                path.clone(),
                format!("term id `{}` contains {why}", spelled(&t.id)),
            ));
        }
        let look = look(&t.id);
        let twin = match plain.get(look.as_str()) {
            Some(&j) => Some(j),
            None => looks
                .get(&look)
                .copied()
                .filter(|&j| proposal.terms[j].id != t.id),
        };
        looks.entry(look).or_insert(i);
        if let Some(j) = twin {
            let other = &proposal.terms[j].id;
            out.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "term id `{}` looks like term id `{}` of `terms[{j}]`, but is another",
                        spelled(&t.id),
                        spelled(other)
                    ),
                )
                .with_help("findings would show two terms that read the same: give this one an id that reads differently"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{hidden, look};

    #[test]
    fn look_alikes_look_the_same() {
        assert_eq!(look("caf\u{e9}"), look("cafe\u{301}"));
        assert_eq!(look("a\u{200d}id"), "aid");
        assert_eq!(look("aid\u{200b}"), "aid");
        assert_eq!(look("\u{430}id"), "aid");
        assert_ne!(look("aid"), look("aim"));
        assert!(
            hidden("x\u{202e}y").is_some() && hidden("a\u{200d}id").is_some() && hidden("café").is_none()
        );
    }
}
