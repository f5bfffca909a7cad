//! A box drawn over the screen (the help, the list of lessons, a notice): the room
//! it takes is cleared here, for every such box alike.
//!
//! A wide character (two cells: kana, kanji) of the screen below that the box's
//! left edge cuts in two keeps its first half left of the box and its second half
//! under the box's border. A terminal draws a wide character whole, so it would draw
//! it over the border, and the border would be lost (ratatui's diff skips the cell
//! after a wide character). So a wide character cut by the box's edge is replaced by
//! a space. On the right edge nothing is left to mend: the cell after a wide
//! character is a blank, which stays blank once the box covers the character.

use crate::width::StrWidth;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// Clears `area` for a box drawn over the screen, and replaces by a space each wide
/// character the box's left edge cuts.
pub fn clear(area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    if area.x > buf.area.x {
        for y in area.top()..area.bottom() {
            let cell = &mut buf[(area.x - 1, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// Whether a terminal shows `buf` as it is: no wide character is followed by a
/// cell that holds something (the terminal would draw the wide character over it).
/// Returns the first such cell.
pub fn hidden_cell(buf: &Buffer) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let width = buf[(x, y)].symbol().width().max(1) as u16;
            for covered in x + 1..(x + width).min(area.right()) {
                if buf[(covered, y)].symbol() != " " {
                    return Some((covered, y));
                }
            }
            x += width;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Block, Borders};

    /// Japanese text on every row, a box over it, from each column.
    #[test]
    fn a_wide_character_cut_by_the_left_edge_becomes_a_space() {
        for x in 0..8u16 {
            let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
            for y in 0..4 {
                buf.set_string(0, y, "あいうえおかきくけこ", ratatui::style::Style::new());
            }
            let area = Rect::new(x, 1, 6, 3);
            clear(area, &mut buf);
            Block::new().borders(Borders::ALL).render(area, &mut buf);
            assert_eq!(hidden_cell(&buf), None, "a box at x = {x}");
            // The border is where a terminal draws it: the cell left of the box is a
            // space where it held the first half of a cut character, the character
            // itself where it was whole.
            for y in 1..4 {
                if x % 2 == 1 {
                    assert_eq!(buf[(x - 1, y)].symbol(), " ", "x = {x}: the cut one");
                } else if x >= 2 {
                    assert_ne!(buf[(x - 2, y)].symbol(), " ", "x = {x}: a whole one kept");
                }
                assert!(["┌", "│", "└"].contains(&buf[(x, y)].symbol()));
            }
            // The rows the box does not reach keep their text.
            assert_eq!(buf[(0, 0)].symbol(), "あ");
            assert_eq!(hidden_cell(&buf), None);
        }
    }

    #[test]
    fn without_the_mend_the_border_is_hidden() {
        // The defect this mends: Clear alone leaves the cut character's first half,
        // which a terminal draws over the border.
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 2));
        buf.set_string(0, 0, "あいうえお", ratatui::style::Style::new());
        let area = Rect::new(3, 0, 4, 2);
        Clear.render(area, &mut buf);
        Block::new().borders(Borders::ALL).render(area, &mut buf);
        assert_eq!(hidden_cell(&buf), Some((3, 0)));
    }

    #[test]
    fn tiny_and_outside_areas_do_not_panic() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        for area in [
            Rect::new(0, 0, 0, 0),
            Rect::new(3, 1, 5, 5),
            Rect::new(9, 9, 2, 2),
            Rect::new(0, 0, 4, 2),
        ] {
            clear(area, &mut buf);
        }
    }
}
