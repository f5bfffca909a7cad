//! The model and every state change: `Message` in, new state out. Nothing here draws.
//!
//! Scrolling needs to know how long the reading text is at the current size: the
//! model measures it with [`layout`] and [`text`], the pure typesetting the view
//! paints with. The model never imports the view.

pub mod layout;
pub mod look;
pub mod text;
pub mod wrap;

use std::sync::Arc;

use tui_input::{Input, InputRequest};

use crate::i18n::{Lang, Localizer};
use crate::lesson::{Evaluation, LessonId};
use crate::value_input::{self, InputError, MAX_CHARS};

use layout::{Reading, ReadingCache};
pub use look::{Look, Marker};
use text::Doc;

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Keys move between lessons and scroll.
    Browse,
    /// Keys edit the input box.
    Input,
    /// Keys choose a value in the results (the chart marks it).
    Results,
}

/// The pages of the help, one for each place keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    Reading,
    Typing,
    Results,
}

impl HelpPage {
    pub const ALL: [HelpPage; 3] = [HelpPage::Reading, HelpPage::Typing, HelpPage::Results];

    /// The page that tells about the keys of `focus`.
    pub fn of(focus: Focus) -> HelpPage {
        match focus {
            Focus::Browse => HelpPage::Reading,
            Focus::Input => HelpPage::Typing,
            Focus::Results => HelpPage::Results,
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// An edit of the input box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
}

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The next lesson; after the last one, the closing screen.
    NextLesson,
    /// The previous lesson; from the closing screen, back to the last lesson.
    PrevLesson,
    GoTo(LessonId),
    FocusInput,
    /// Choose among the values of the results with the keys.
    FocusResults,
    /// Back to reading, from the input box or the results.
    LeaveInput,
    Edit(Edit),
    Paste(String),
    Evaluate,
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    /// The top of the explanation.
    ScrollTop,
    /// The bottom of the explanation.
    ScrollBottom,
    /// Shifts code lines sideways (they are never wrapped).
    ShiftLeft,
    ShiftRight,
    /// The previous, next, first and last value of the results.
    SelectPrev,
    SelectNext,
    SelectFirst,
    SelectLast,
    ToggleLang,
    ToggleHelp,
    /// The next and the previous page of the help.
    HelpNext,
    HelpPrev,
    Resize(u16, u16),
    /// Ctrl-Z: stop until `fg`. The app has nothing to do for it; the loop that owns
    /// the terminal suspends (a front end without job control ignores it).
    Suspend,
    Quit,
}

/// What the results area shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// The lesson's examples, before the learner evaluated anything.
    Examples,
    /// The learner's last evaluation.
    Result(Evaluation),
}

/// The state of one lesson, kept while the learner visits others.
#[derive(Debug, Clone)]
pub struct Page {
    pub input: Input,
    /// The lesson's examples, evaluated once.
    pub examples: Vec<Evaluation>,
    pub shown: Shown,
    pub error: Option<InputError>,
    /// First line of the explanation on show.
    pub scroll: u16,
    /// How far code lines are shifted sideways, in cells.
    pub shift: u16,
    /// The value of the results marked on the chart with its coordinates (an index
    /// into [`Page::points`]).
    pub selected: usize,
}

/// Where a value of an evaluation goes on the lesson's chart: `(x, y)` of a function
/// chart (`y` is log10 of `e^x` on the overflow chart), or (bar centre, probability)
/// on the softmax chart.
fn points(eval: &Evaluation) -> Vec<(f64, f64)> {
    let log_e = |x: f64| (x, x * std::f64::consts::LOG10_E);
    match eval {
        Evaluation::Scalar { points, .. } => points.clone(),
        Evaluation::Softmax { probs, .. } => probs
            .iter()
            .enumerate()
            .map(|(k, p)| (k as f64 + 0.5, *p))
            .collect(),
        Evaluation::Exp { x, .. } => vec![log_e(*x)],
        Evaluation::Compare { inputs, .. } => inputs.iter().copied().map(log_e).collect(),
    }
}

/// The value chosen when results appear: the last one entered (for examples shown
/// together, the last of the first, which the results show first).
fn default_selection(evals: &[Evaluation]) -> usize {
    evals
        .first()
        .map_or(0, |e| points(e).len().saturating_sub(1))
}

impl Page {
    fn new(lesson: LessonId) -> Page {
        let examples = lesson.example_evaluations();
        Page {
            input: Input::default(),
            selected: default_selection(&examples),
            examples,
            shown: Shown::Examples,
            error: None,
            scroll: 0,
            shift: 0,
        }
    }

    /// The evaluations on show, examples or the learner's own.
    pub fn evaluations(&self) -> &[Evaluation] {
        match &self.shown {
            Shown::Examples => &self.examples,
            Shown::Result(one) => std::slice::from_ref(one),
        }
    }

    /// Every value on show, as chart points, in the order the results list them.
    pub fn points(&self) -> Vec<(f64, f64)> {
        self.evaluations().iter().flat_map(points).collect()
    }

    /// The selected value as (evaluation, value within it).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let mut left = self.selected;
        for (i, eval) in self.evaluations().iter().enumerate() {
            let n = points(eval).len();
            if left < n {
                return Some((i, left));
            }
            left -= n;
        }
        None
    }

    /// The point marked with its coordinates: the selected value (at first, the last
    /// one entered).
    pub fn probe(&self) -> Option<(f64, f64)> {
        self.points().get(self.selected).copied()
    }

    /// Whether the chart shows this page's values: not while an input error is on
    /// show (the values would be the previous ones, next to the error about new ones).
    pub fn chart_shows_values(&self) -> bool {
        self.error.is_none()
    }
}

/// The whole app: language, place, and each lesson's state.
#[derive(Debug, Clone)]
pub struct App {
    pub loc: Arc<Localizer>,
    pub lang: Lang,
    pub lesson: LessonId,
    pub focus: Focus,
    pub help: bool,
    pub help_page: HelpPage,
    /// The closing screen after the last lesson is on show.
    pub closing: bool,
    pub closing_scroll: u16,
    pub look: Look,
    pub size: (u16, u16),
    pub pages: Vec<Page>,
    pub running: bool,
    /// The reading texts measured last (not state: what `reading` would compute).
    reading_cache: ReadingCache,
}

impl App {
    pub fn new(loc: Arc<Localizer>, lang: Lang, lesson: LessonId, look: Look) -> App {
        App {
            loc,
            lang,
            lesson,
            focus: Focus::Browse,
            help: false,
            help_page: HelpPage::Reading,
            closing: false,
            closing_scroll: 0,
            look,
            size: (80, 24),
            pages: LessonId::ALL.into_iter().map(Page::new).collect(),
            running: true,
            reading_cache: ReadingCache::default(),
        }
    }

    pub fn page(&self) -> &Page {
        &self.pages[self.lesson.index()]
    }

    fn page_mut(&mut self) -> &mut Page {
        &mut self.pages[self.lesson.index()]
    }

    /// What the reading pane shows.
    pub fn doc(&self) -> Doc {
        if self.closing {
            Doc::Closing
        } else {
            Doc::Lesson(self.lesson)
        }
    }

    /// Whether the screen has an input box (a lesson with values to try).
    pub fn has_input(&self) -> bool {
        !self.closing && self.lesson.has_input()
    }

    /// The first line of the reading text on show (before the view clamps it).
    pub fn scroll(&self) -> u16 {
        if self.closing {
            self.closing_scroll
        } else {
            self.page().scroll
        }
    }

    fn scroll_mut(&mut self) -> &mut u16 {
        if self.closing {
            &mut self.closing_scroll
        } else {
            &mut self.page_mut().scroll
        }
    }

    /// The reading text laid out for the current size (measured, not styled; kept
    /// while the language, the text and the size stay the same).
    pub fn reading(&self) -> Arc<Reading> {
        self.reading_cache
            .get(&self.loc, self.lang, self.doc(), self.size)
    }

    /// Applies one message. Returns whether anything visible may have changed, so the
    /// loop draws only then.
    pub fn update(&mut self, msg: Message) -> bool {
        match msg {
            Message::Quit => {
                self.running = false;
                return false;
            }
            Message::Suspend => return false,
            Message::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scroll();
            }
            Message::ToggleHelp => {
                self.help = !self.help;
                self.help_page = HelpPage::of(self.focus);
            }
            Message::HelpNext | Message::HelpPrev => {
                if !self.help {
                    return false;
                }
                let n = HelpPage::ALL.len();
                let step = if msg == Message::HelpNext { 1 } else { n - 1 };
                self.help_page = HelpPage::ALL[(self.help_page.index() + step) % n];
            }
            Message::NextLesson => return self.next_lesson(),
            Message::PrevLesson => {
                if self.closing {
                    self.closing = false;
                    self.help = false;
                    return true;
                }
                return self.lesson.prev().is_some_and(|to| self.go_to(to));
            }
            Message::GoTo(lesson) => return self.go_to(lesson),
            Message::FocusInput => {
                if !self.has_input() || self.focus == Focus::Input {
                    return false;
                }
                self.focus = Focus::Input;
                self.help = false;
            }
            Message::FocusResults => {
                if !self.has_input() || self.focus == Focus::Results {
                    return false;
                }
                self.focus = Focus::Results;
                self.help = false;
            }
            Message::LeaveInput => {
                if self.focus == Focus::Browse {
                    return false;
                }
                self.focus = Focus::Browse;
            }
            Message::Edit(edit) => return self.edit(edit),
            Message::Paste(text) => return self.paste(&text),
            Message::Evaluate => self.evaluate(),
            Message::ScrollUp => return self.scroll_by(-1),
            Message::ScrollDown => return self.scroll_by(1),
            Message::ScrollPageUp => return self.scroll_by(-i32::from(self.reading().rows)),
            Message::ScrollPageDown => return self.scroll_by(i32::from(self.reading().rows)),
            Message::ScrollTop => return self.scroll_by(i32::MIN / 2),
            Message::ScrollBottom => return self.scroll_by(i32::MAX / 2),
            Message::ShiftLeft | Message::ShiftRight => {
                return self.shift(msg == Message::ShiftRight);
            }
            Message::SelectPrev => return self.select(|i, _| i.saturating_sub(1)),
            Message::SelectNext => return self.select(|i, n| (i + 1).min(n - 1)),
            Message::SelectFirst => return self.select(|_, _| 0),
            Message::SelectLast => return self.select(|_, n| n - 1),
            Message::ToggleLang => self.toggle_lang(),
        }
        true
    }

    fn next_lesson(&mut self) -> bool {
        if self.closing {
            return false;
        }
        match self.lesson.next() {
            Some(to) => self.go_to(to),
            None => {
                self.closing = true;
                self.help = false;
                self.focus = Focus::Browse;
                self.clamp_scroll();
                true
            }
        }
    }

    fn go_to(&mut self, to: LessonId) -> bool {
        if to == self.lesson && !self.closing {
            return false;
        }
        self.lesson = to;
        self.closing = false;
        self.help = false;
        self.clamp_scroll();
        if !to.has_input() {
            self.focus = Focus::Browse;
        }
        true
    }

    /// Moves the selection among the values on show: `to(selected, count)`.
    fn select(&mut self, to: impl Fn(usize, usize) -> usize) -> bool {
        if !self.has_input() {
            return false;
        }
        let n = self.page().points().len();
        if n == 0 {
            return false;
        }
        let page = self.page_mut();
        let old = page.selected;
        page.selected = to(old.min(n - 1), n);
        page.selected != old
    }

    fn shift(&mut self, right: bool) -> bool {
        if self.closing {
            return false;
        }
        let reading = self.reading();
        let (max, step) = (reading.max_shift(), reading.shift_step());
        let page = self.page_mut();
        let old = page.shift.min(max);
        page.shift = if right {
            old.saturating_add(step).min(max)
        } else {
            old.saturating_sub(step)
        };
        page.shift != old
    }

    fn edit(&mut self, edit: Edit) -> bool {
        if self.focus != Focus::Input {
            return false;
        }
        let req = match edit {
            Edit::Insert(c) if c.is_control() => return false,
            Edit::Insert(c) => {
                if let Err(e) = self.insert_kept(c) {
                    self.page_mut().error = Some(e);
                }
                return true;
            }
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::DeleteWord => InputRequest::DeletePrevWord,
            Edit::DeleteToStart => InputRequest::DeleteFromStart,
            Edit::DeleteToEnd => InputRequest::DeleteTillEnd,
        };
        self.page_mut().input.handle(req).is_some()
    }

    /// Inserts pasted text at the cursor: line breaks (line and paragraph separators
    /// too) and tabs become spaces, other control characters are dropped, invisible
    /// ones are written out ([`value_input::kept_in_the_box`]), and whatever goes past
    /// the cap is refused with the too-long message (what fits is kept).
    fn paste(&mut self, text: &str) -> bool {
        if self.focus != Focus::Input {
            if !self.has_input() {
                return false;
            }
            self.focus = Focus::Input;
        }
        let mut last_space = false;
        for (i, c) in text.char_indices() {
            let c = if matches!(
                c,
                '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                ' '
            } else {
                c
            };
            if c.is_control() || (c == ' ' && last_space) {
                continue;
            }
            last_space = c == ' ';
            if let Err(mut e) = self.insert_kept(c) {
                if let InputError::TooLong { chars, .. } = &mut e {
                    *chars += text[i..].chars().count() - 1;
                }
                self.page_mut().error = Some(e);
                break;
            }
        }
        true
    }

    /// Inserts what the box keeps of `c` at the cursor.
    fn insert_kept(&mut self, c: char) -> Result<(), InputError> {
        for kept in value_input::kept_in_the_box(c).chars() {
            self.insert(kept)?;
        }
        Ok(())
    }

    /// Inserts `c` at the cursor, or refuses it when the box is full.
    fn insert(&mut self, c: char) -> Result<(), InputError> {
        let len = self.page().input.value().chars().count();
        if len >= MAX_CHARS {
            return Err(InputError::TooLong {
                chars: len + 1,
                max: MAX_CHARS,
            });
        }
        self.page_mut().input.handle(InputRequest::InsertChar(c));
        Ok(())
    }

    fn evaluate(&mut self) {
        let lesson = self.lesson;
        let page = self.page_mut();
        match value_input::parse_values(page.input.value()) {
            Ok(values) => {
                if let Some(eval) = lesson.evaluate(&values) {
                    page.selected = default_selection(std::slice::from_ref(&eval));
                    page.shown = Shown::Result(eval);
                }
                page.error = None;
            }
            Err(e) => page.error = Some(e),
        }
    }

    fn toggle_lang(&mut self) {
        let old = self.reading();
        let top = usize::from(self.scroll());
        let paragraph = old.lines.get(top).map_or(0, |l| l.paragraph);
        let offset_in_paragraph = old.lines[..top.min(old.lines.len())]
            .iter()
            .rev()
            .take_while(|l| l.paragraph == paragraph)
            .count();
        self.lang = self.lang.toggled();
        let new = self.reading();
        let start = new.lines.iter().position(|l| l.paragraph == paragraph);
        let len = new
            .lines
            .iter()
            .filter(|l| l.paragraph == paragraph)
            .count();
        let scroll = start.map_or(0, |s| s + offset_in_paragraph.min(len.saturating_sub(1)));
        *self.scroll_mut() = u16::try_from(scroll).unwrap_or(u16::MAX);
        self.clamp_scroll();
    }

    fn scroll_by(&mut self, delta: i32) -> bool {
        let max = i32::from(self.reading().max_scroll());
        let old = self.scroll();
        let new = (i32::from(old).min(max) + delta).clamp(0, max);
        let new = u16::try_from(new).unwrap_or(0);
        *self.scroll_mut() = new;
        new != old
    }

    /// Keeps the reading text's scroll (and the code's sideways shift) inside the
    /// text (other lessons' texts have other lengths: they are clamped when shown).
    fn clamp_scroll(&mut self) {
        let reading = self.reading();
        let (max, max_shift) = (reading.max_scroll(), reading.max_shift());
        let scroll = self.scroll_mut();
        *scroll = (*scroll).min(max);
        if !self.closing {
            let page = self.page_mut();
            page.shift = page.shift.min(max_shift);
        }
    }
}
