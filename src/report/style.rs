//! Terminal styling: ANSI colours when enabled, plain text otherwise.

use anstyle::{AnsiColor, Style};

/// Styles text for a terminal, or not at all.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    enabled: bool,
}

/// The roles text can play, each with its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A conflict or an error.
    Bad,
    /// An open point, a divergence, a held-up term.
    Warn,
    /// An agreement.
    Good,
    /// A heading or a name.
    Strong,
    /// Secondary text: quotes, sources.
    Dim,
}

impl Painter {
    /// A painter that colours when `enabled`.
    pub fn new(enabled: bool) -> Painter {
        Painter { enabled }
    }

    /// Whether it colours.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// `text` in the style of `role`.
    pub fn paint(&self, role: Role, text: &str) -> String {
        if !self.enabled {
            return text.to_owned();
        }
        let style = match role {
            Role::Bad => Style::new().fg_color(Some(AnsiColor::Red.into())).bold(),
            Role::Warn => Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold(),
            Role::Good => Style::new().fg_color(Some(AnsiColor::Green.into())).bold(),
            Role::Strong => Style::new().bold(),
            Role::Dim => Style::new().dimmed(),
        };
        format!("{}{text}{}", style.render(), style.render_reset())
    }
}
