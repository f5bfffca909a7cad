//! Fitting text into cells: shown whole, or cut with a visible mark, never cut
//! silently. The marks avoid East Asian ambiguous-width characters (`…`, `→`), which
//! are two cells wide in some Japanese terminals.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
