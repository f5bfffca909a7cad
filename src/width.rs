//! How many cells text takes in a terminal: the one measure for everything kasseika
//! lays out, its own texts and what came from outside (the input box, the messages
//! that quote it, paths), so that what is measured is what ratatui places and what
//! terminals draw.
//!
//! It is unicode-width's, with one exception: the half-width katakana voiced marks
//! U+FF9E `ﾞ` and U+FF9F `ﾟ`, which terminals draw in a cell of their own (`ｶﾞ` takes
//! two), as ratatui places them. They are letters that Unicode nonetheless counts as
//! grapheme extenders, and unicode-width gave them no cell before 0.2.3; this measure
//! gives them one whichever version is built.
//!
//! Use [`StrWidth`] and [`CharWidth`] where unicode-width's `UnicodeWidthStr` and
//! `UnicodeWidthChar` would be used: same method, `width()`.
//!
//! ratatui keeps a grapheme cluster in one cell, and to it `ｶﾞ` is one cluster, two
//! cells wide, drawn like a wide character: changed to a narrower one, only its first
//! cell is written again, which clears a wide character in a terminal but leaves the
//! `ﾞ` of `ｶﾞ` on the screen. [`split_voiced_marks`] gives each mark its own cell in
//! a frame before it is compared with the last one, so that each is drawn, and
//! cleared, as the terminal keeps it.

use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The half-width voiced and semi-voiced sound marks.
const VOICED_MARKS: [char; 2] = ['\u{FF9E}', '\u{FF9F}'];

/// Their UTF-8 encodings begin with this byte (as do those of other characters): a
/// text without it holds none of them.
const MARK_LEAD: u8 = 0xEF;

/// The cells of a text in a terminal.
pub trait StrWidth {
    fn width(&self) -> usize;
}

/// The cells of a character on its own in a terminal; `None` for a control
/// character (as unicode-width).
pub trait CharWidth {
    fn width(self) -> Option<usize>;
}

impl StrWidth for str {
    fn width(&self) -> usize {
        let measured = UnicodeWidthStr::width(self);
        if !self.as_bytes().contains(&MARK_LEAD) {
            return measured;
        }
        let marks = self.chars().filter(|c| VOICED_MARKS.contains(c)).count();
        // What unicode-width already gives a mark inside a text: 0 up to 0.2.2, 1 since.
        let given = UnicodeWidthStr::width("\u{FF9E}");
        measured + marks * (1 - given.min(1))
    }
}

impl CharWidth for char {
    fn width(self) -> Option<usize> {
        if VOICED_MARKS.contains(&self) {
            Some(1)
        } else {
            UnicodeWidthChar::width(self)
        }
    }
}

/// Gives each half-width voiced mark in `buf` a cell of its own: `ｶﾞ`, kept by
/// ratatui in one cell two cells wide, becomes `ｶ` and `ﾞ` in two cells of the same
/// style, as terminals draw it. A mark whose cell something else took (an overlay
/// over the cluster's second cell) is left out.
pub fn split_voiced_marks(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() < 4 || !symbol.as_bytes().contains(&MARK_LEAD) {
                x += 1;
                continue;
            }
            // The base with whatever joins it, then each mark with whatever joins it.
            let mut pieces: Vec<String> = vec![String::new()];
            for c in symbol.chars() {
                if VOICED_MARKS.contains(&c) && pieces.last().is_some_and(|p| !p.is_empty()) {
                    pieces.push(String::new());
                }
                if let Some(last) = pieces.last_mut() {
                    last.push(c);
                }
            }
            if pieces.len() == 1 {
                x += 1;
                continue;
            }
            let cell = buf[(x, y)].clone();
            let mut at = x;
            for (i, piece) in pieces.iter().enumerate() {
                if at >= area.right() || (i > 0 && buf[(at, y)].symbol() != " ") {
                    break;
                }
                let mut own = cell.clone();
                own.set_symbol(piece);
                buf[(at, y)] = own;
                at += 1;
            }
            x = at.max(x + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CharWidth, StrWidth, split_voiced_marks};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn the_voiced_marks_take_a_cell_of_their_own() {
        for (text, cells) in [
            ("ｶﾞ", 2),
            ("ﾊﾟ", 2),
            ("1ｶﾞﾊﾟ2", 6),
            ("ﾞ", 1),
            ("ｶﾞﾞ", 3),
            ("ガ", 2),
            // The combining marks stay combining.
            ("ｶ\u{3099}", 1),
            ("か\u{3099}", 2),
            ("e\u{301}", 1),
            ("abc", 3),
            ("あいう", 6),
            ("\u{FEFF}x", 1),
            ("", 0),
        ] {
            assert_eq!(text.width(), cells, "{text:?}");
            assert_eq!(text.to_string().width(), cells, "{text:?}");
        }
        assert_eq!('\u{FF9E}'.width(), Some(1));
        assert_eq!('ｶ'.width(), Some(1));
        assert_eq!('あ'.width(), Some(2));
        assert_eq!('\u{7}'.width(), None);
    }

    /// ratatui places each grapheme by its own measure: it must agree with this one,
    /// or the screen shows a stale cell or a phantom space. With unicode-width 0.2.3
    /// and ratatui-core 0.1.2 it gave `ｶﾞ` three cells.
    #[test]
    fn ratatui_places_text_where_this_measure_says() {
        for text in ["1ｶﾞﾊﾟ2", "ｶﾞｷﾞｸﾞ", "ﾊﾟﾝ", "x\u{FF9E}y", "あｶﾞい", "e\u{301}ﾞ"]
        {
            let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
            let (x, _) = buf.set_stringn(0, 0, text, usize::MAX, Style::default());
            assert_eq!(usize::from(x), text.width(), "{text:?}");
        }
    }

    fn symbols(buf: &Buffer) -> Vec<&str> {
        buf.content().iter().map(|c| c.symbol()).collect()
    }

    #[test]
    fn each_voiced_mark_gets_a_cell_of_its_own() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 1));
        buf.set_stringn(0, 0, "1ｶﾞﾊﾟﾞx", 9, Style::default().bold());
        split_voiced_marks(&mut buf);
        assert_eq!(
            symbols(&buf),
            [
                "1", "ｶ", "\u{FF9E}", "ﾊ", "\u{FF9F}", "\u{FF9E}", "x", " ", " "
            ]
        );
        assert!(
            buf.content()[2]
                .modifier
                .contains(ratatui::style::Modifier::BOLD)
        );
        // Nothing else changes: wide characters, combining marks, a lone mark.
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_stringn(0, 0, "あe\u{301}", 8, Style::default());
        buf.set_stringn(4, 0, "ﾞ", 8, Style::default());
        let before = buf.clone();
        split_voiced_marks(&mut buf);
        assert_eq!(buf, before);
        // A mark after a combining one: the base keeps what joins it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_stringn(0, 0, "e\u{301}ﾞ", 3, Style::default());
        split_voiced_marks(&mut buf);
        assert_eq!(symbols(&buf), ["e\u{301}", "\u{FF9E}", " "]);
        // A second cell that an overlay took keeps the overlay; the mark is left out.
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_stringn(0, 0, "ｶﾞ", 4, Style::default());
        buf[(1, 0)].set_symbol("│");
        split_voiced_marks(&mut buf);
        assert_eq!(symbols(&buf), ["ｶ", "│", " ", " "]);
        // At the right edge.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_stringn(1, 0, "ｶﾞ", 2, Style::default());
        split_voiced_marks(&mut buf);
        assert_eq!(symbols(&buf), [" ", "ｶ", "\u{FF9E}"]);
    }
}
