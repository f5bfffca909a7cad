//! How to draw for the terminal at hand, from what the environment says about it:
//! `TERM` (can it draw a screen at all? how many colours, by its terminfo entry?),
//! the locale's character set, `NO_COLOR`, and the command line's choices. Pure
//! functions of the environment, so that an SSH session can ask the same questions of
//! its client's `TERM` and `LANG`.

use crate::charset::Charset;
use crate::ui::{Look, Marker};

/// What a terminfo entry says that matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermFacts {
    /// `colors`; 0 when the entry has none.
    pub colors: i32,
    /// Whether the cursor can be put anywhere (`cup`): a screen can be drawn.
    pub cursor_addressing: bool,
}

/// The system's terminfo entry for `term`, if there is one. Only plain names are
/// looked up (no `/`), so a `TERM` that came from elsewhere cannot open other files.
pub fn system_terminfo(term: &str) -> Option<TermFacts> {
    let plain = !term.is_empty()
        && term.len() <= 64
        && !term.starts_with('.')
        && term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    if !plain {
        return None;
    }
    let info = termini::TermInfo::from_name(term).ok()?;
    Some(TermFacts {
        colors: info
            .number_cap(termini::NumberCapability::MaxColors)
            .unwrap_or(0),
        cursor_addressing: info
            .raw_string_cap(termini::StringCapability::CursorAddress)
            .is_some(),
    })
}

/// What `TERM` says about drawing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// A screen can be drawn; `colors` is false when terminfo reports fewer than 8.
    Drawable { colors: bool },
    /// `TERM` is unset, empty, `dumb`, or names a terminal that cannot move its
    /// cursor: there is no screen to draw on. The value, if any, is kept for the message.
    Dumb { term: Option<String> },
}

/// Reads `TERM` (through `env`) and its terminfo entry (through `terminfo`). A name
/// without an entry is taken at its word: most terminals have colour.
pub fn screen(
    env: impl Fn(&str) -> Option<String>,
    terminfo: impl Fn(&str) -> Option<TermFacts>,
) -> Screen {
    let Some(term) = env("TERM").filter(|t| !t.is_empty()) else {
        return Screen::Dumb { term: None };
    };
    if term == "dumb" {
        return Screen::Dumb { term: Some(term) };
    }
    match terminfo(&term) {
        None => Screen::Drawable { colors: true },
        Some(facts) if !facts.cursor_addressing => Screen::Dumb { term: Some(term) },
        Some(facts) => Screen::Drawable {
            colors: facts.colors >= 8,
        },
    }
}

/// Whether `NO_COLOR` asks for no colour (set and not empty).
pub fn no_color(env: impl Fn(&str) -> Option<String>) -> bool {
    env("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// How to draw: ASCII when asked or when the character set is not UTF-8 (box drawing
/// and braille are not in it, or are two columns wide); the chart's marker as asked,
/// else braille (ASCII in an ASCII screen); colour unless `NO_COLOR` or the terminal
/// has fewer than 8 colours.
pub fn look(ascii: bool, chart: Option<Marker>, charset: Charset, colors: bool) -> Look {
    let ascii = ascii || !charset.is_utf8();
    let marker = match chart {
        Some(m) => m,
        None if ascii => Marker::Ascii,
        None => Marker::Braille,
    };
    Look {
        marker,
        ascii,
        color: colors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_of;

    #[test]
    fn look_from_flags_charset_and_colours() {
        assert_eq!(look(false, None, Charset::Utf8, true), Look::default());
        let c = look(false, None, Charset::Ascii, true);
        assert!(c.ascii && c.marker == Marker::Ascii && c.color);
        let euc = look(false, None, Charset::EucJp, true);
        assert!(euc.ascii && euc.marker == Marker::Ascii);
        let forced = look(true, None, Charset::Utf8, true);
        assert!(forced.ascii && forced.marker == Marker::Ascii);
        let block = look(true, Some(Marker::Block), Charset::Utf8, true);
        assert!(block.ascii && block.marker == Marker::Block);
        assert!(!look(false, None, Charset::Utf8, false).color);
        assert!(no_color(env_of(&[("NO_COLOR", "1")])));
        assert!(
            !no_color(env_of(&[("NO_COLOR", "")])),
            "empty NO_COLOR is unset"
        );
        assert!(!no_color(env_of(&[])));
    }
}
