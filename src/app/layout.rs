//! Where the parts of the screen go, and the reading text laid out in its pane: pure
//! functions of the terminal size and the text. The model measures with them (to
//! keep scrolling inside the text); the view paints into the same areas.

use std::cell::Cell;
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding};

use crate::i18n::{Lang, Localizer};

use super::text::{Doc, TextLine, TextStyles, Unstyled, doc_formula, doc_lines};

/// The smallest terminal the layout fits in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    /// The reading pane, borders included.
    pub text: Rect,
    /// Chart, input box and results (or the intro's diagram and outline).
    pub right: Rect,
    pub footer: Rect,
}

/// The regions of `area`, or `None` when it is smaller than the layout needs.
pub fn regions(area: Rect) -> Option<Regions> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [header, main, footer] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ]));
    // Reading text gets a bit over half of a narrow screen and at most ~80 columns
    // on a wide one; the chart takes the rest.
    let text_w = (main.width * 13 / 25).clamp(30, 84);
    let [text, right] = main.layout(&Layout::horizontal([
        Constraint::Length(text_w),
        Constraint::Fill(1),
    ]));
    Some(Regions {
        header,
        text,
        right,
        footer,
    })
}

/// The rows of the answer box of an exercise, borders included.
pub const ANSWER_HEIGHT: u16 = 3;
/// The fewest rows the lesson's text gets below an exercise (borders included):
/// with less room, the exercise keeps it all.
pub const LESSON_BELOW_MIN: u16 = 7;

/// Where an exercise goes: in the reading pane's place, beside the lesson's chart
/// and input box (which stay where they are, to be used while the question is on
/// show). The exercise on top, as tall as its `lines` need (borders included), its
/// answer box below it, and under that the lesson's text where the room allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DrillAreas {
    pub doc: Rect,
    pub answer: Rect,
    pub lesson: Option<Rect>,
}

/// The [`DrillAreas`] of `area` for an exercise of `lines` lines; `None` when the
/// screen is too small for the layout.
pub fn drill_areas(area: Rect, lines: usize) -> Option<DrillAreas> {
    let column = regions(area)?.text;
    let room = column.height.saturating_sub(ANSWER_HEIGHT);
    let wanted = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let doc_h = if room >= wanted.saturating_add(LESSON_BELOW_MIN) {
        wanted
    } else {
        room
    };
    let [doc, answer, lesson] = column.layout(&Layout::vertical([
        Constraint::Length(doc_h),
        Constraint::Length(ANSWER_HEIGHT),
        Constraint::Fill(1),
    ]));
    Some(DrillAreas {
        doc,
        answer,
        lesson: (lesson.height >= LESSON_BELOW_MIN).then_some(lesson),
    })
}

/// The width an exercise is typeset for on a screen of `area` (inside its border
/// and padding).
pub fn drill_width(area: Rect) -> Option<u16> {
    Some(drill_inner(regions(area)?.text).width)
}

/// Inside the exercise's border and padding.
pub fn drill_inner(doc: Rect) -> Rect {
    Block::bordered().padding(Padding::horizontal(1)).inner(doc)
}

/// Where the review of the exercises goes: the room of the reading pane and the
/// lab together; `None` when the screen is too small for the layout.
pub fn review_area(area: Rect) -> Option<Rect> {
    let r = regions(area)?;
    Some(r.text.union(r.right))
}

/// Inside the reading pane's border and padding.
pub fn text_inner(pane: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(pane)
}

/// The reading pane's text laid out: the fixed formula on top, then the lines that
/// scroll.
#[derive(Debug, Clone)]
pub struct Reading {
    pub formula: Vec<Line<'static>>,
    pub lines: Vec<TextLine>,
    /// Width of the text, in cells.
    pub width: usize,
    /// Rows for the scrolling lines.
    pub rows: u16,
}

impl Reading {
    /// Lays `doc` out in the inner area of the reading pane.
    pub fn new(
        loc: &Localizer,
        lang: Lang,
        doc: Doc,
        inner: Rect,
        styles: &impl TextStyles,
    ) -> Reading {
        TYPESET.with(|n| n.set(n.get() + 1));
        let width = usize::from(inner.width).max(1);
        let formula = doc_formula(loc, lang, doc, width, styles);
        // One blank row between the formula and the text.
        let fixed = if formula.is_empty() {
            0
        } else {
            formula.len() + 1
        };
        let fixed = u16::try_from(fixed).unwrap_or(u16::MAX);
        Reading {
            lines: doc_lines(loc, lang, doc, width, styles),
            formula,
            width,
            rows: inner.height.saturating_sub(fixed).max(1),
        }
    }

    /// Lays `doc` out for a terminal of `size`.
    pub fn for_size(
        loc: &Localizer,
        lang: Lang,
        doc: Doc,
        size: (u16, u16),
        styles: &impl TextStyles,
    ) -> Reading {
        let area = Rect::new(0, 0, size.0, size.1);
        let inner = regions(area).map_or(Rect::new(0, 0, 1, 1), |r| text_inner(r.text));
        Reading::new(loc, lang, doc, inner, styles)
    }

    /// The last scroll position that still fills the pane.
    pub fn max_scroll(&self) -> u16 {
        let over = self.lines.len().saturating_sub(usize::from(self.rows));
        u16::try_from(over).unwrap_or(u16::MAX)
    }

    /// The widest code line, in cells.
    pub fn code_width(&self) -> usize {
        self.lines
            .iter()
            .filter(|l| l.code)
            .map(|l| l.line.width())
            .max()
            .unwrap_or(0)
    }

    /// How far code can be shifted sideways until its longest line's end shows.
    pub fn max_shift(&self) -> u16 {
        let over = self.code_width().saturating_sub(self.width);
        u16::try_from(over).unwrap_or(u16::MAX)
    }

    /// How far one press shifts code sideways.
    pub fn shift_step(&self) -> u16 {
        u16::try_from((self.width / 4).max(4)).unwrap_or(4)
    }
}

thread_local! {
    /// How many times this thread typeset a reading text.
    static TYPESET: Cell<usize> = const { Cell::new(0) };
}

/// How many times the calling thread typeset a reading text ([`Reading::new`]): what
/// tests count to show that keys which only scroll do not typeset again.
#[doc(hidden)]
pub fn typeset_count() -> usize {
    TYPESET.with(Cell::get)
}

/// What a measured reading text depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ReadingKey {
    /// The localizer, by address: an app keeps one for its life.
    loc: usize,
    lang: Lang,
    doc: Doc,
    size: (u16, u16),
}

/// The reading texts measured last, so that the keys that scroll, shift code or
/// change the language back and forth do not typeset (wrap) the whole text again for
/// every press: a burst of them is then worked through at the pace of a lookup. A
/// few are kept (the two languages of the lesson on show and of its neighbours); the
/// one used least recently goes first.
#[derive(Default)]
pub struct ReadingCache(Mutex<Vec<(ReadingKey, Arc<Reading>)>>);

/// Reading texts kept.
const KEPT: usize = 4;

impl ReadingCache {
    /// `doc` in `lang` laid out for a terminal of `size`, measured (no styles).
    pub fn get(
        &self,
        loc: &Arc<Localizer>,
        lang: Lang,
        doc: Doc,
        size: (u16, u16),
    ) -> Arc<Reading> {
        let key = ReadingKey {
            loc: Arc::as_ptr(loc) as usize,
            lang,
            doc,
            size,
        };
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = kept.iter().position(|(k, _)| *k == key) {
            let entry = kept.remove(at);
            let reading = entry.1.clone();
            kept.insert(0, entry);
            return reading;
        }
        let reading = Arc::new(Reading::for_size(loc, lang, doc, size, &Unstyled));
        kept.insert(0, (key, reading.clone()));
        kept.truncate(KEPT);
        reading
    }
}

impl Clone for ReadingCache {
    fn clone(&self) -> ReadingCache {
        ReadingCache(Mutex::new(
            self.0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        ))
    }
}

impl std::fmt::Debug for ReadingCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.0.lock().unwrap_or_else(PoisonError::into_inner).len();
        write!(f, "ReadingCache({kept} kept)")
    }
}
