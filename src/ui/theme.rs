//! Every style in one place. With colour off, styles use only attributes (bold,
//! underline, reverse, dim), so nothing depends on colour alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::app::look::Look;
use crate::app::text::TextStyles;

/// Styles derived from a [`Look`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl From<Look> for Theme {
    fn from(look: Look) -> Theme {
        Theme {
            color: look.color,
            ascii: look.ascii,
        }
    }
}

const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    /// No colour, Unicode symbols: the look of tests that check structure.
    pub fn plain() -> Theme {
        Theme {
            color: false,
            ascii: false,
        }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    fn fg(&self, color: Color) -> Style {
        self.pick(Style::new().fg(color), Style::new())
    }

    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn block_title(&self, focused: bool) -> Style {
        if focused {
            self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
        } else {
            Style::new().bold()
        }
    }

    pub fn app_name(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }
    pub fn title(&self) -> Style {
        Style::new().bold()
    }
    pub fn text(&self) -> Style {
        Style::new()
    }
    pub fn emph(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }
    pub fn formula(&self) -> Style {
        self.pick(Style::new().fg(Color::Magenta).bold(), Style::new().bold())
    }
    pub fn heading(&self) -> Style {
        Style::new().bold().add_modifier(Modifier::UNDERLINED)
    }
    pub fn code(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }
    pub fn axis(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub fn axis_label(&self) -> Style {
        Style::new()
    }
    pub fn axis_name(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    pub fn curve(&self) -> Style {
        self.fg(Color::Cyan)
    }
    /// The `i`-th curve of a plot: the first is [`Theme::curve`]; the others
    /// differ in colour where there is colour (and always in their dot pattern and
    /// their name).
    pub fn curve_n(&self, i: usize) -> Style {
        const COLORS: [Color; 6] = [
            Color::Cyan,
            Color::Green,
            Color::Magenta,
            Color::LightBlue,
            Color::LightRed,
            Color::White,
        ];
        self.fg(COLORS[i % COLORS.len()])
    }
    /// The name written beside the `i`-th curve.
    pub fn curve_label(&self, i: usize) -> Style {
        self.curve_n(i).add_modifier(Modifier::ITALIC)
    }
    pub fn guide(&self) -> Style {
        self.dim()
    }
    pub fn guide_label(&self) -> Style {
        self.pick(Style::new().fg(Color::Red), Style::new().bold())
    }
    pub fn probe(&self) -> Style {
        self.pick(Style::new().fg(Color::Yellow).bold(), Style::new().bold())
    }
    pub fn probe_label(&self) -> Style {
        self.probe()
    }
    /// `inf` and NaN: the word itself, bold and underlined, red where colour is on.
    pub fn non_finite(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).bold().underlined(),
            Style::new().bold().underlined(),
        )
    }
    pub fn error(&self) -> Style {
        self.pick(Style::new().fg(Color::Red).bold(), Style::new().bold())
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Cyan),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
    pub fn selected(&self) -> Style {
        self.pick(Style::new().fg(Color::Cyan).bold(), Style::new().bold())
    }
    pub fn placeholder(&self) -> Style {
        self.dim()
    }
    /// The marks where a code line goes on past the pane's edge: reversed, so they
    /// cannot be read as code.
    pub fn clip_mark(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::REVERSED),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }
}

impl TextStyles for Theme {
    fn text(&self) -> Style {
        Theme::text(self)
    }
    fn emph(&self) -> Style {
        Theme::emph(self)
    }
    fn formula(&self) -> Style {
        Theme::formula(self)
    }
    fn code(&self) -> Style {
        Theme::code(self)
    }
    fn heading(&self) -> Style {
        Theme::heading(self)
    }
}
