//! Escaping, and a small HTML builder that makes it the only way in: markup is
//! written from `&'static str` literals, every other string goes through [`escape`].

use std::io::{self, Write};

/// `s` with the five HTML-significant characters as entities, safe in text and in
/// quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`], appended to `out`.
fn escape_into(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `i` is a character boundary.
        out.push_str(s.get(last..i).unwrap_or_default());
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(s.get(last..).unwrap_or_default());
}

/// HTML being written: kept whole ([`Html::new`]), or handed on to a writer in
/// pieces as it grows ([`Html::streaming`], with [`Html::spill`] between items), so that a
/// briefing of a million findings never exists whole in memory.
#[derive(Default)]
pub struct Html<'w> {
    out: String,
    /// Where the markup goes, for a page written as it is made.
    sink: Option<&'w mut dyn Write>,
    /// The first error of the sink, returned by [`Html::finish`].
    error: Option<io::Error>,
}

impl std::fmt::Debug for Html<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Html")
            .field("out", &self.out)
            .field("streamed", &self.sink.is_some())
            .finish()
    }
}

impl Html<'static> {
    /// An empty document part, kept whole.
    pub fn new() -> Html<'static> {
        Html::default()
    }
}

impl<'w> Html<'w> {
    /// Markup written to `sink` as it grows: call [`Html::spill`] between items and
    /// [`Html::finish`] at the end.
    pub fn streaming(sink: &'w mut dyn Write) -> Html<'w> {
        Html {
            out: String::with_capacity(Html::PIECE + 4096),
            sink: Some(sink),
            error: None,
        }
    }

    /// The size of a piece handed on to the sink.
    const PIECE: usize = 1 << 16;

    /// Hands the markup written so far on to the sink, if there is one and the markup
    /// has grown past a piece. Called between items, where nothing is half written.
    pub fn spill(&mut self) -> &mut Self {
        if self.out.len() >= Html::PIECE {
            self.hand_on();
        }
        self
    }

    fn hand_on(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.error.is_none()
                && let Err(e) = sink.write_all(self.out.as_bytes())
            {
                self.error = Some(e);
            }
            self.out.clear();
        }
    }

    /// Writes what is left to the sink; the first error the sink gave, if any.
    pub fn finish(mut self) -> io::Result<()> {
        self.hand_on();
        self.error.map_or(Ok(()), Err)
    }

    /// Markup written as is: only literals, so no user text can pass unescaped.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(&mut self.out, s);
        self
    }

    /// An opening tag with attributes; the values are escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// A closing tag.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element with a class and text content.
    pub fn el(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Self {
        if class.is_empty() {
            self.open(tag, &[]);
        } else {
            self.open(tag, &[("class", class)]);
        }
        self.text(text).close(tag)
    }

    /// Another part, already built with a builder (hence already escaped).
    pub fn append(&mut self, other: Html<'_>) -> &mut Self {
        self.out.push_str(&other.out);
        self.spill()
    }

    /// The markup written (what was not handed on to a sink).
    pub fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::{Html, escape};

    #[test]
    fn a_streamed_part_writes_what_a_whole_one_holds() {
        let build = |h: &mut Html<'_>| {
            for i in 0..20_000 {
                h.open("p", &[("id", &i.to_string())])
                    .text("a < b & \"c\"")
                    .close("p")
                    .spill();
            }
        };
        let mut whole = Html::new();
        build(&mut whole);
        let mut written = Vec::new();
        let mut streamed = Html::streaming(&mut written);
        build(&mut streamed);
        streamed.finish().unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), whole.into_string());
    }

    #[test]
    fn escape_neutralises_markup_in_text_and_attributes() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "><img onerror=y>"#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;&gt;&lt;img onerror=y&gt;"
        );
        assert_eq!(escape("plain — text"), "plain — text");
        assert_eq!(escape("&amp;"), "&amp;amp;", "escaping is not undone");
    }

    #[test]
    fn builder_escapes_text_and_attribute_values() {
        let mut h = Html::new();
        h.open("td", &[("title", "a\" onmouseover=\"x")])
            .text("<b>")
            .close("td");
        assert_eq!(
            h.into_string(),
            "<td title=\"a&quot; onmouseover=&quot;x\">&lt;b&gt;</td>"
        );
    }

    #[test]
    fn escaped_text_has_no_markup_characters() {
        let all: String = (0u8..128).map(char::from).collect();
        let e = escape(&all);
        for bad in ['<', '>', '"', '\''] {
            assert!(!e.contains(bad));
        }
        assert_eq!(e.matches('&').count(), 5);
    }
}
