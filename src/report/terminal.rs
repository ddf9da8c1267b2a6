//! Text for a terminal that input cannot take over: every control character of an id,
//! a title, a wording or any other string read from a file is shown as a visible
//! picture (`␛`, `␍`, `␇`), as the diagnostics show them (annotate-snippets'
//! replacements, reused here), and a line break inside such a string as `␤`, so that it
//! cannot forge a line of a report. C1 controls (`U+0080`–`U+009F`, which some
//! terminals obey) become `�`.
//!
//! Two places use it: [`one_line`] for a string printed on a line of a text report,
//! and [`guard`] (or a [`crate::report::stream::Spill`] made to guard) on the whole
//! text a text renderer made, which keeps only the line breaks and the styling
//! armistice writes itself.

use std::borrow::Cow;

/// The picture of a line break inside a string.
const NEWLINE: char = '␤';

/// Whether `c` is shown otherwise than as itself: a control character, or one of the
/// invisible characters the diagnostics replace (a zero-width joiner, the bidirectional
/// overrides and isolates).
fn replaced(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200d}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` safe on one line of a terminal: each control character shown as its picture,
/// a line break as `␤`.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(replaced) {
        return Cow::Borrowed(s);
    }
    let pictured: String = s
        .chars()
        .map(|c| match c {
            '\n' => NEWLINE,
            '\u{80}'..='\u{9f}' => char::REPLACEMENT_CHARACTER,
            c => c,
        })
        .collect();
    Cow::Owned(annotate_snippets::normalize_untrusted_str(&pictured))
}

/// The text a renderer made, safe for a terminal: its line breaks kept, every other
/// control character shown by [`one_line`], except, when `colored`, the SGR sequences
/// of the styles armistice itself writes (bold, dim, underline, strikethrough, the
/// eight colours, reset). Any other escape sequence, such as one hiding text or
/// setting the window title, is shown as text.
pub fn guard(text: &str, colored: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && replaced(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let mut rest = line;
        while !rest.is_empty() {
            let (plain, style) = next_style(rest, colored);
            out.push_str(&one_line(&rest[..plain]));
            out.push_str(&rest[plain..plain + style]);
            rest = &rest[plain + style..];
        }
    }
    Cow::Owned(out)
}

/// In `line`: how many bytes come before the first style sequence armistice writes
/// (all of it when there is none, or when not `colored`), and that sequence's length.
fn next_style(line: &str, colored: bool) -> (usize, usize) {
    if colored {
        for (i, _) in line.match_indices('\u{1b}') {
            if let Some(len) = style_len(&line[i..]) {
                return (i, len);
            }
        }
    }
    (line.len(), 0)
}

/// The length of the SGR sequence `text` starts with, when every one of its
/// parameters is a style armistice writes.
fn style_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let end = body.find('m')?;
    let params = &body[..end];
    let ours = |p: &str| {
        matches!(
            p.parse::<u8>(),
            Ok(0 | 1 | 2 | 4 | 9 | 22 | 24 | 29 | 30..=37 | 39 | 90..=97)
        )
    };
    (!params.is_empty() && params.split(';').all(ours)).then_some(2 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_as_pictures() {
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(one_line("a\nb\r\u{1b}[2K\u{7}"), "a␤b␍␛[2K␇");
        assert_eq!(one_line("x\u{9b}31m"), "x�31m");
    }

    #[test]
    fn the_guard_keeps_line_breaks_and_our_styles_only() {
        let text = "\u{1b}[1mA\u{1b}[0m \u{1b}]0;pwned\u{7}\n\u{1b}[8mhidden\u{1b}[0m\n";
        assert_eq!(
            guard(text, true),
            "\u{1b}[1mA\u{1b}[0m ␛]0;pwned␇\n␛[8mhidden\u{1b}[0m\n"
        );
        assert_eq!(guard(text, false), "␛[1mA␛[0m ␛]0;pwned␇\n␛[8mhidden␛[0m\n");
        assert!(matches!(guard("a\nb\n", false), Cow::Borrowed(_)));
    }
}
