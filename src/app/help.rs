//! The help typeset: one page of the key table, keys and descriptions in two
//! columns, both wrapped (a key name is never broken). Pure: the model measures it
//! to scroll a page that is taller than the screen; the view paints the same lines.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::wrap::{self, Styled};
use super::{App, HelpPage, Message};
use crate::i18n::Tr;
use crate::keys;

/// The styles of the help; the view's theme provides them.
pub trait HelpStyles {
    fn text(&self) -> Style;
    fn key(&self) -> Style;
    fn dim(&self) -> Style;
}

impl HelpStyles for super::text::Unstyled {
    fn text(&self) -> Style {
        Style::new()
    }
    fn key(&self) -> Style {
        Style::new()
    }
    fn dim(&self) -> Style {
        Style::new()
    }
}

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
/// padding included).
pub fn help_lines(
    tr: Tr,
    page: HelpPage,
    ascii: bool,
    width: u16,
    styles: &impl HelpStyles,
) -> Vec<Line<'static>> {
    let keys::HelpRows {
        rows,
        as_when_reading,
    } = keys::help_rows(page, ascii);
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
                k.push(" ", styles.text());
            }
            k.push_kept(label, styles.key());
        }
        let key_lines = wrap::wrap(&k, key_w, 0);
        let mut d = Styled::new();
        d.push(&tr.t(help_id), styles.text());
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
        also.push(before, styles.dim());
        for (i, label) in as_when_reading.iter().enumerate() {
            if i > 0 {
                also.push(" ", styles.dim());
            }
            also.push_kept(label, styles.key());
        }
        also.push(after, styles.dim());
        lines.push(Line::raw(""));
        lines.extend(wrap::wrap(&also, inner_w.max(1), 0));
    }
    lines
}

impl App {
    /// The help page on show, laid out for the current size: its lines and the
    /// rows its box shows.
    pub fn help_layout(&self) -> (usize, u16) {
        let area = Rect::new(0, 0, self.size.0, self.size.1);
        let lines = help_lines(
            self.loc.tr(self.lang),
            self.help_page,
            self.look.ascii,
            help_width(area.width),
            &super::text::Unstyled,
        )
        .len();
        (lines, help_box(area, lines).height.saturating_sub(2))
    }

    /// How far the help page can scroll: the lines past its box.
    pub fn help_max_scroll(&self) -> u16 {
        let (lines, rows) = self.help_layout();
        u16::try_from(lines.saturating_sub(usize::from(rows))).unwrap_or(u16::MAX)
    }

    /// The keys that scroll the help while it is open; `None` for the others.
    pub(super) fn help_keys(&mut self, msg: &Message) -> Option<bool> {
        if !self.help {
            return None;
        }
        let delta: i32 = match msg {
            Message::ScrollUp => -1,
            Message::ScrollDown => 1,
            _ => return None,
        };
        let max = i32::from(self.help_max_scroll());
        let old = self.help_scroll;
        let new = (i32::from(old).min(max) + delta).clamp(0, max);
        self.help_scroll = u16::try_from(new).unwrap_or(0);
        Some(self.help_scroll != old)
    }
}
