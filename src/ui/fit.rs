//! Fitting text into cells: shown whole, or cut with a visible mark, never cut
//! silently. The marks avoid East Asian ambiguous-width characters (`…`, `→`), which
//! are two cells wide in some Japanese terminals.

use crate::width::{CharWidth, StrWidth};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The mark of a text cut short.
pub fn ellipsis(ascii: bool) -> &'static str {
    if ascii { "..." } else { "⋯" }
}

/// The marks of a code line that goes on past the left and the right edge.
pub fn clip_marks(ascii: bool) -> (&'static str, &'static str) {
    if ascii { ("<", ">") } else { ("«", "»") }
}

/// The longest start of `text` that is at most `width` cells wide.
fn take_cells(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            return &text[..i];
        }
        used += w;
    }
    text
}

/// `text` whole if it fits in `width` cells; else as much as fits followed by the
/// ellipsis; empty if not even the ellipsis fits.
pub fn ellipsize(text: &str, width: usize, ascii: bool) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mark = ellipsis(ascii);
    let Some(room) = width.checked_sub(mark.width()) else {
        return String::new();
    };
    format!("{}{mark}", take_cells(text, room).trim_end())
}

/// Cells `start..start + width` of `line`, styles kept. A wide character cut by
/// either edge becomes a space, so nothing is drawn half.
pub fn slice(line: &Line<'_>, start: usize, width: usize) -> Line<'static> {
    let end = start + width;
    let mut spans = Vec::new();
    let mut x = 0;
    for span in &line.spans {
        let mut content = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if x >= start && x + w <= end {
                content.push(c);
            } else if x < end && x + w > start {
                content.push_str(&" ".repeat((x + w).min(end) - x.max(start)));
            }
            x += w;
        }
        if !content.is_empty() {
            spans.push(Span::styled(content, span.style));
        }
    }
    Line::from(spans)
}

/// A code line `width` cells wide, shifted `shift` cells to the left: never
/// wrapped; a mark shows where it goes on past an edge.
pub fn code_line(
    line: &Line<'_>,
    shift: usize,
    width: usize,
    mark: Style,
    ascii: bool,
) -> Line<'static> {
    let total = line.width();
    if total <= width && shift == 0 {
        return slice(line, 0, width);
    }
    let (left, right) = clip_marks(ascii);
    let left_w = usize::from(shift > 0 && total > 0);
    let right_w = usize::from(total > shift + width);
    let inner = width.saturating_sub(left_w + right_w);
    let mut spans = Vec::new();
    if left_w > 0 {
        spans.push(Span::styled(left, mark));
    }
    spans.extend(slice(line, shift + left_w, inner).spans);
    if right_w > 0 {
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        spans.push(Span::raw(
            " ".repeat(width - right_w - used.min(width - right_w)),
        ));
        spans.push(Span::styled(right, mark));
    }
    Line::from(spans)
}

/// The part of an input box's text that fits in `width` cells with the cursor at
/// cell `cursor` (0 to the text's width) in view: the text, with a mark where it is
/// cut on the left or on the right, and the cursor's cell. A `-` scrolled off the
/// left would otherwise turn `-800` into `800`.
pub fn input_window(text: &str, cursor: usize, width: usize, ascii: bool) -> (String, usize) {
    let total = text.width();
    if total < width {
        return (text.to_string(), cursor.min(total));
    }
    let mark = ellipsis(ascii);
    let m = mark.width();
    // Cells hidden on the left, and the cells of text on show.
    let (skip, room, right) = if cursor + m < width {
        (0, width - m, true)
    } else {
        let room = width.saturating_sub(m).max(1);
        let skip = cursor + 1 - room.min(cursor + 1);
        if skip + room >= total {
            (skip, room, false)
        } else {
            let room = width.saturating_sub(2 * m).max(1);
            (cursor + 1 - room.min(cursor + 1), room, true)
        }
    };
    let mut out = String::new();
    let mut at = 0;
    let mut start = None;
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if at >= skip {
            if used + w > room {
                break;
            }
            start.get_or_insert(at);
            out.push(c);
            used += w;
        }
        at += w;
    }
    let start = start.unwrap_or(total);
    let left = if skip > 0 { mark } else { "" };
    let cursor_x = left.width() + cursor.saturating_sub(start);
    let shown = format!("{left}{out}");
    let shown = if right && start + used < total {
        format!("{shown}{}{mark}", " ".repeat(room.saturating_sub(used)))
    } else {
        shown
    };
    (shown, cursor_x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_or_marked() {
        assert_eq!(ellipsize("Softmax overflow", 16, false), "Softmax overflow");
        assert_eq!(ellipsize("Softmax overflow", 10, true), "Softmax...");
        assert_eq!(
            ellipsize("ソフトマックスのオーバーフロー", 16, false),
            "ソフトマックス⋯"
        );
        assert_eq!(ellipsize("ソフトマックス", 2, true), "");
        for w in 0..20 {
            assert!(ellipsize("ソフトマックスのオーバーフロー", w, false).width() <= w);
        }
    }

    #[test]
    fn the_input_box_marks_where_its_text_is_cut() {
        let text = "40, -800, 1e400, 1e-400, inf, -inf, nan";
        let n = text.width();
        // The cursor at the end: the start is cut, and says so.
        let (shown, x) = input_window(text, n, 20, false);
        assert!(shown.starts_with('⋯'), "{shown:?}");
        assert!(shown.ends_with("nan") && shown.width() <= 20, "{shown:?}");
        assert_eq!(x, shown.width());
        // At the start: the end is cut, and says so.
        let (shown, x) = input_window(text, 0, 20, true);
        assert!(
            shown.starts_with("40, -800") && shown.ends_with("..."),
            "{shown:?}"
        );
        assert_eq!((shown.width(), x), (20, 0));
        // In the middle: both, and the cursor on the character it is at.
        let at = text.find("inf").unwrap() + 1;
        let (shown, x) = input_window(text, at, 8, false);
        assert!(shown.starts_with('⋯') && shown.ends_with('⋯'), "{shown:?}");
        assert_eq!(&shown[shown.char_indices().nth(x).unwrap().0..][..1], "n");
        // Whatever the cursor, the cursor's cell is inside the box, and every
        // character is shown whole (wide ones too).
        let wide = "－２, 40, ".repeat(6);
        for cursor in 0..=wide.width() {
            for width in 4..30 {
                let (shown, x) = input_window(&wide, cursor, width, false);
                assert!(
                    shown.width() <= width && x < width,
                    "{cursor} {width} {shown:?} {x}"
                );
            }
        }
        // What fits is shown as it is.
        assert_eq!(input_window("1, 2", 4, 10, false), ("1, 2".into(), 4));
    }

    #[test]
    fn code_is_clipped_with_marks_and_shifts() {
        let line = Line::raw("exp_a = np.exp(a - c)  # safe");
        let mark = Style::new();
        let shown = |shift| code_line(&line, shift, 12, mark, true).to_string();
        assert_eq!(shown(0), "exp_a = np.>");
        assert_eq!(shown(4), "< = np.exp(>");
        // Shifted as far as it goes, the end shows and nothing marks the right.
        assert_eq!(shown(17), "< c)  # safe");
        assert_eq!(
            code_line(&line, 0, 40, mark, false).to_string(),
            line.to_string()
        );
        let wide = Line::raw("# オーバーフロー対策");
        for shift in 0..12 {
            assert_eq!(
                code_line(&wide, shift, 9, mark, false).width(),
                9,
                "{shift}"
            );
        }
    }
}
