//! The help typeset: one page of the key table, keys and descriptions in two
//! columns, both wrapped (a key name is never broken). The view paints these lines
//! and measures how far a page taller than the screen can scroll; the front end
//! tells the model ([`Message::HelpRoom`]), which never names the keys.

use crate::width::StrWidth;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap::{self, Styled};
use crate::app::{App, HelpPage, Message};
use crate::i18n::Tr;
use crate::keys;

/// The width of the help's box on a screen `width` cells wide.
pub fn help_width(width: u16) -> u16 {
    width.min(76)
}

/// The help's box on `area` for `lines` lines: in the middle, never over the
/// footer's row (which tells the help's keys).
pub fn help_box(area: Rect, lines: usize) -> Rect {
    let width = help_width(area.width);
    let room = area.height.saturating_sub(1).max(1).min(area.height);
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX).min(room);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (room - height) / 2,
        width,
        height,
    )
}

/// The lines of help page `page`, for a box `width` cells wide (borders and
/// padding included); Ctrl-Z only if the front end `can_suspend`.
pub fn help_lines(
    tr: Tr,
    page: HelpPage,
    ascii: bool,
    can_suspend: bool,
    width: u16,
    t: &Theme,
) -> Vec<Line<'static>> {
    let keys::HelpRows {
        rows,
        as_when_reading,
    } = keys::help_rows_for(page, ascii, can_suspend);
    let inner_w = usize::from(width).saturating_sub(4);
    let keys_natural = rows
        .iter()
        .map(|(k, _)| k.join(" ").width())
        .max()
        .unwrap_or(0);
    let key_w = keys_natural.min(inner_w * 2 / 5).max(1);
    let desc_w = inner_w.saturating_sub(key_w + 2).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (key_labels, help_id) in &rows {
        let mut k = Styled::new();
        for (i, label) in key_labels.iter().enumerate() {
            if i > 0 {
                k.push(" ", t.text());
            }
            k.push_kept(label, t.selected());
        }
        let key_lines = wrap::wrap(&k, key_w, 0);
        let mut d = Styled::new();
        d.push(&tr.t(help_id), t.text());
        let desc_lines = wrap::wrap(&d, desc_w, 0);
        for i in 0..key_lines.len().max(desc_lines.len()) {
            let key_line = key_lines.get(i).cloned().unwrap_or_default();
            let pad = key_w.saturating_sub(key_line.width()) + 2;
            let mut spans = key_line.spans;
            spans.push(Span::raw(" ".repeat(pad)));
            if let Some(desc) = desc_lines.get(i) {
                spans.extend(desc.spans.iter().cloned());
            }
            lines.push(Line::from(spans));
        }
    }
    if !as_when_reading.is_empty() {
        let mut also = Styled::new();
        let text = tr.f("help-also", &[("keys", "\u{0}".into())]);
        let (before, after) = text.split_once('\u{0}').unwrap_or((&text, ""));
        also.push(before, t.dim());
        for (i, label) in as_when_reading.iter().enumerate() {
            if i > 0 {
                also.push(" ", t.dim());
            }
            also.push_kept(label, t.selected());
        }
        also.push(after, t.dim());
        lines.push(Line::raw(""));
        lines.extend(wrap::wrap(&also, inner_w.max(1), 0));
    }
    lines
}

/// How far the help page on show can scroll at the app's size: the lines past its
/// box.
pub fn max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    let lines = help_lines(
        app.loc.tr(app.lang),
        app.help_page,
        app.look.ascii,
        app.can_suspend,
        help_width(area.width),
        &Theme::from(app.look),
    )
    .len();
    let rows = help_box(area, lines).height.saturating_sub(2);
    u16::try_from(lines.saturating_sub(usize::from(rows))).unwrap_or(u16::MAX)
}

/// The message that tells the model how far the help on show can scroll.
pub fn room(app: &App) -> Message {
    Message::HelpRoom(max_scroll(app))
}
