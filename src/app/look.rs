//! How the screen is drawn: a setting of the app, like its language.

/// How chart dots are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Marker {
    /// Braille patterns: 2x4 dots a cell (the default).
    #[default]
    Braille,
    /// Half blocks: 1x2 dots a cell, for fonts without braille.
    Block,
    /// Plain ASCII: 1x3 a cell, for any terminal.
    Ascii,
}

/// How the screen is drawn: chart marker, whole-screen ASCII, colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub marker: Marker,
    /// Borders, chart and symbols in plain ASCII.
    pub ascii: bool,
    /// Colour escape codes allowed.
    pub color: bool,
}

impl Default for Look {
    fn default() -> Look {
        Look {
            marker: Marker::Braille,
            ascii: false,
            color: true,
        }
    }
}
