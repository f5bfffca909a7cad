//! How to draw for the terminal at hand, from what the environment says about it:
//! `TERM` (can it draw a screen at all? how many colours, by its terminfo entry?),
//! the locale's character set, `NO_COLOR`, and the command line's choices. Pure
//! functions of the environment, so that an SSH session can ask the same questions of
//! its client's `TERM` and `LANG`.

use std::path::{Path, PathBuf};

use crate::charset::Charset;
use crate::output::{Colors, Rendition};
use crate::ui::{Look, Marker};

/// What a terminfo entry says that matters here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermFacts {
    /// `colors`; 0 when the entry has none.
    pub colors: i32,
    /// Whether the cursor can be put anywhere (`cup`): a screen can be drawn.
    pub cursor_addressing: bool,
    /// Whether it shows italics (`sitm`).
    pub italics: bool,
}

/// The system's terminfo entry for `term`, if there is one, found where ncurses
/// looks (`TERMINFO`, `~/.terminfo`, `TERMINFO_DIRS`, the system folders). Only plain
/// names are looked up (no `/`), and only regular files of a sane size are read, so a
/// `TERM` that came from elsewhere cannot open other files or block on a pipe. The
/// file is read in one go and parsed by termini.
pub fn system_terminfo(term: &str) -> Option<TermFacts> {
    let plain = !term.is_empty()
        && term.len() <= 64
        && !term.starts_with('.')
        && term
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'));
    let first = term.chars().next()?;
    if !plain {
        return None;
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("TERMINFO") {
        dirs.push(dir.into());
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".terminfo"));
    }
    if let Some(list) = std::env::var_os("TERMINFO_DIRS") {
        dirs.extend(std::env::split_paths(&list).filter(|d| !d.as_os_str().is_empty()));
    }
    dirs.extend(
        [
            "/etc/terminfo",
            "/lib/terminfo",
            "/usr/share/terminfo",
            "/usr/lib/terminfo",
        ]
        .map(PathBuf::from),
    );
    for dir in dirs {
        for sub in [first.to_string(), format!("{:x}", u32::from(first))] {
            let path = dir.join(sub).join(term);
            let Ok(meta) = std::fs::metadata(&path) else {
                continue;
            };
            if !meta.is_file() || meta.len() > 1 << 16 {
                continue;
            }
            let bytes = std::fs::read(&path).ok()?;
            let info = termini::TermInfo::parse(&bytes[..]).ok()?;
            return Some(TermFacts {
                colors: info
                    .number_cap(termini::NumberCapability::MaxColors)
                    .unwrap_or(0),
                cursor_addressing: info
                    .raw_string_cap(termini::StringCapability::CursorAddress)
                    .is_some(),
                italics: info
                    .raw_string_cap(termini::StringCapability::EnterItalicsMode)
                    .is_some(),
            });
        }
    }
    None
}

/// There is no screen to draw on: `TERM` is unset, empty, `dumb`, or names a
/// terminal that cannot move its cursor. The value, if any, is kept for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoScreen {
    pub term: Option<String>,
}

/// Reads `TERM` (through `env`) and its terminfo entry (through `terminfo`): what the
/// terminal shows (how many colours, italics), or that it cannot draw a screen. A name
/// without an entry is taken at its word: most terminals show everything.
pub fn screen(
    env: impl Fn(&str) -> Option<String>,
    terminfo: impl Fn(&str) -> Option<TermFacts>,
) -> Result<Rendition, NoScreen> {
    let Some(term) = env("TERM").filter(|t| !t.is_empty()) else {
        return Err(NoScreen { term: None });
    };
    if term == "dumb" {
        return Err(NoScreen { term: Some(term) });
    }
    match terminfo(&term) {
        None => Ok(Rendition::FULL),
        Some(facts) if !facts.cursor_addressing => Err(NoScreen { term: Some(term) }),
        Some(facts) => Ok(Rendition {
            colors: match facts.colors {
                16.. => Colors::Many,
                8..16 => Colors::Eight,
                _ => Colors::None,
            },
            italics: facts.italics,
        }),
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

/// How a session is drawn, in which character set its bytes go both ways, and in
/// which attributes its frames are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawing {
    pub look: Look,
    pub charset: Charset,
    pub rendition: Rendition,
}

/// Everything the environment says about drawing, in one answer: `TERM` and its
/// terminfo entry, `NO_COLOR`, the locale's character set (`LC_ALL`, `LC_CTYPE`,
/// `LANG`), with the command line's `--ascii` and `--chart`. The local terminal asks
/// it of this process's environment; an SSH session asks it of its client's.
pub fn drawing(
    env: impl Fn(&str) -> Option<String>,
    terminfo: impl Fn(&str) -> Option<TermFacts>,
    ascii: bool,
    chart: Option<Marker>,
) -> Result<Drawing, NoScreen> {
    let mut rendition = screen(&env, terminfo)?;
    if no_color(&env) {
        rendition.colors = Colors::None;
    }
    let charset = Charset::from_env(&env);
    Ok(Drawing {
        look: look(ascii, chart, charset, rendition.colors != Colors::None),
        charset,
        rendition,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_of;

    #[test]
    fn one_answer_from_the_whole_environment() {
        let colourful = |_: &str| {
            Some(TermFacts {
                colors: 256,
                cursor_addressing: true,
                italics: true,
            })
        };
        let d = drawing(
            env_of(&[("TERM", "xterm"), ("LANG", "ja_JP.eucJP")]),
            colourful,
            false,
            None,
        )
        .unwrap();
        assert_eq!(d.charset, Charset::EucJp);
        assert!(d.look.ascii && d.look.color);
        let d = drawing(
            env_of(&[("TERM", "xterm"), ("NO_COLOR", "1")]),
            colourful,
            false,
            Some(Marker::Block),
        )
        .unwrap();
        assert!(!d.look.color && d.look.marker == Marker::Block);
        assert_eq!(d.charset, Charset::Utf8);
        assert_eq!(
            drawing(env_of(&[("TERM", "dumb")]), colourful, false, None),
            Err(NoScreen {
                term: Some("dumb".into())
            })
        );
    }

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
