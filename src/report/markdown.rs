//! Markdown that holds whatever an id holds: a code span whose fence is longer than
//! any run of backticks inside it (CommonMark ends a span at a run of the same length),
//! padded with a space where the content starts or ends with a backtick or would lose
//! its own spaces, and kept on one line. Every Markdown renderer prints ids and code
//! through [`code`] (or [`cell_code`] in a table), and fenced blocks through [`fence`].

/// `text` as a CommonMark code span: `` `us/aid` ``, ``` ``a`b`` ```. A line break
/// (`\n`, `\r\n` or `\r`) becomes a space, as CommonMark shows it in a span (but
/// it would end a heading or a table row first).
pub fn code(text: &str) -> String {
    let one_line = text.replace("\r\n", " ").replace(['\n', '\r'], " ");
    let ticks = "`".repeat(longest_run(&one_line) + 1);
    // CommonMark strips one space from each end when both ends have one; a backtick at
    // an end would join the fence. A space on each side keeps the text as it is.
    let pad = one_line.starts_with('`')
        || one_line.ends_with('`')
        || (one_line.starts_with(' ') && one_line.ends_with(' ') && one_line.trim() != "")
        || one_line.is_empty();
    let pad = if pad { " " } else { "" };
    format!("{ticks}{pad}{one_line}{pad}{ticks}")
}

/// [`code`] in a table cell: a `|` would end the cell even inside a code span, so it
/// is escaped (GitHub-flavoured tables read `\|` as `|` there).
pub fn cell_code(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// A fenced code block of `info` holding `text`, its fence longer than any run of
/// backticks in `text`.
pub fn fence(info: &str, text: &str) -> String {
    let ticks = "`".repeat((longest_run(text) + 1).max(3));
    format!("{ticks}{info}\n{text}\n{ticks}")
}

/// The length of the longest run of backticks in `text`.
fn longest_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_the_backticks_inside() {
        assert_eq!(code("us/aid"), "`us/aid`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a``"), "``` `a`` ```");
        assert_eq!(code(" a "), "`  a  `");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(cell_code("a|b"), "`a\\|b`");
        assert_eq!(fence("sh", "x ```` y"), "`````sh\nx ```` y\n`````");
        assert_eq!(fence("sh", "x"), "```sh\nx\n```");
    }
}
