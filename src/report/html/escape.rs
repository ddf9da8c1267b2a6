//! Escaping, and a small HTML builder that makes it the only way in: markup is
//! written from `&'static str` literals, every other string goes through [`escape`].

/// `s` with the five HTML-significant characters as entities, safe in text and in
/// quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// HTML being written.
#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

impl Html {
    /// An empty document part.
    pub fn new() -> Html {
        Html::default()
    }

    /// Markup written as is: only literals, so no user text can pass unescaped.
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Html {
        self.out.push_str(&escape(s));
        self
    }

    /// An opening tag with attributes; the values are escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// A closing tag.
    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// An element with a class and text content.
    pub fn el(&mut self, tag: &'static str, class: &str, text: &str) -> &mut Html {
        if class.is_empty() {
            self.open(tag, &[]);
        } else {
            self.open(tag, &[("class", class)]);
        }
        self.text(text).close(tag)
    }

    /// Another part, already built with a builder (hence already escaped).
    pub fn append(&mut self, other: Html) -> &mut Html {
        self.out.push_str(&other.out);
        self
    }

    /// The markup written.
    pub fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::{Html, escape};

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
