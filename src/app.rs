//! The model and every state change: `Message` in, new state out. Nothing here draws.

use std::sync::Arc;

use tui_input::{Input, InputRequest};

use crate::i18n::{Lang, Localizer};
use crate::lesson::{Evaluation, LessonId};
use crate::ui::Look;
use crate::value_input::{self, InputError, MAX_CHARS};

/// Where the keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Keys move between lessons and scroll.
    Browse,
    /// Keys edit the input box.
    Input,
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
    NextLesson,
    PrevLesson,
    GoTo(LessonId),
    FocusInput,
    LeaveInput,
    Edit(Edit),
    Paste(String),
    Evaluate,
    ScrollUp,
    ScrollDown,
    ScrollPageUp,
    ScrollPageDown,
    ToggleLang,
    ToggleHelp,
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
    pub scroll: u16,
}

impl Page {
    fn new(lesson: LessonId) -> Page {
        Page {
            input: Input::default(),
            examples: lesson.example_evaluations(),
            shown: Shown::Examples,
            error: None,
            scroll: 0,
        }
    }

    /// The evaluations on show, examples or the learner's own.
    pub fn evaluations(&self) -> &[Evaluation] {
        match &self.shown {
            Shown::Examples => &self.examples,
            Shown::Result(one) => std::slice::from_ref(one),
        }
    }

    /// The point marked on the chart: the last value of the last evaluation.
    pub fn probe(&self) -> Option<(f64, f64)> {
        self.evaluations().last().and_then(Evaluation::probe)
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
    pub look: Look,
    pub size: (u16, u16),
    pub pages: Vec<Page>,
    pub running: bool,
}

impl App {
    pub fn new(loc: Arc<Localizer>, lang: Lang, lesson: LessonId, look: Look) -> App {
        App {
            loc,
            lang,
            lesson,
            focus: Focus::Browse,
            help: false,
            look,
            size: (80, 24),
            pages: LessonId::ALL.into_iter().map(Page::new).collect(),
            running: true,
        }
    }

    pub fn page(&self) -> &Page {
        &self.pages[self.lesson.index()]
    }

    fn page_mut(&mut self) -> &mut Page {
        &mut self.pages[self.lesson.index()]
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
            Message::ToggleHelp => self.help = !self.help,
            Message::NextLesson | Message::PrevLesson | Message::GoTo(_) => {
                let to = match msg {
                    Message::NextLesson => self.lesson.next(),
                    Message::PrevLesson => self.lesson.prev(),
                    Message::GoTo(lesson) => Some(lesson),
                    _ => None,
                };
                let Some(to) = to.filter(|&to| to != self.lesson) else {
                    return false;
                };
                self.lesson = to;
                self.help = false;
                self.clamp_scroll();
                if !to.has_input() {
                    self.focus = Focus::Browse;
                }
            }
            Message::FocusInput => {
                if !self.lesson.has_input() || self.focus == Focus::Input {
                    return false;
                }
                self.focus = Focus::Input;
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
            Message::ScrollPageUp => return self.scroll_by(-i32::from(self.text_page())),
            Message::ScrollPageDown => return self.scroll_by(i32::from(self.text_page())),
            Message::ToggleLang => self.toggle_lang(),
        }
        true
    }

    fn edit(&mut self, edit: Edit) -> bool {
        if self.focus != Focus::Input {
            return false;
        }
        let req = match edit {
            Edit::Insert(c) if c.is_control() => return false,
            Edit::Insert(c) => {
                if let Err(e) = self.insert(c) {
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

    /// Inserts pasted text at the cursor: line breaks and tabs become spaces, other
    /// control characters are dropped, and whatever goes past the cap is refused with
    /// the too-long message (what fits is kept).
    fn paste(&mut self, text: &str) -> bool {
        if self.focus != Focus::Input {
            if !self.lesson.has_input() {
                return false;
            }
            self.focus = Focus::Input;
        }
        let mut last_space = false;
        for (i, c) in text.char_indices() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if c.is_control() || (c == ' ' && last_space) {
                continue;
            }
            last_space = c == ' ';
            if let Err(mut e) = self.insert(c) {
                if let InputError::TooLong { chars, .. } = &mut e {
                    *chars += text[i..].chars().count() - 1;
                }
                self.page_mut().error = Some(e);
                break;
            }
        }
        true
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
                    page.shown = Shown::Result(eval);
                }
                page.error = None;
            }
            Err(e) => page.error = Some(e),
        }
    }

    fn toggle_lang(&mut self) {
        let (w, _) = crate::ui::text_size(self);
        let old = crate::ui::lesson_text(self, w);
        let top = usize::from(self.page().scroll);
        let paragraph = old.get(top).map_or(0, |l| l.paragraph);
        let offset_in_paragraph = old[..top.min(old.len())]
            .iter()
            .rev()
            .take_while(|l| l.paragraph == paragraph)
            .count();
        self.lang = self.lang.toggled();
        let new = crate::ui::lesson_text(self, w);
        let start = new.iter().position(|l| l.paragraph == paragraph);
        let len = new.iter().filter(|l| l.paragraph == paragraph).count();
        let scroll = start.map_or(0, |s| s + offset_in_paragraph.min(len.saturating_sub(1)));
        self.page_mut().scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
        self.clamp_scroll();
    }

    /// Rows of lesson text visible at once.
    fn text_page(&self) -> u16 {
        crate::ui::text_size(self).1.max(1)
    }

    /// The last scroll position that still fills the pane. Scrolling needs the
    /// wrapped length of the text, so `update` asks the (pure) layout functions of
    /// `ui` for it; it never draws.
    fn max_scroll(&self) -> u16 {
        let (w, h) = crate::ui::text_size(self);
        let lines = crate::ui::lesson_text(self, w).len();
        u16::try_from(lines.saturating_sub(usize::from(h))).unwrap_or(u16::MAX)
    }

    fn scroll_by(&mut self, delta: i32) -> bool {
        let max = i32::from(self.max_scroll());
        let old = self.page().scroll;
        let new = (i32::from(old) + delta).clamp(0, max);
        let new = u16::try_from(new).unwrap_or(0);
        self.page_mut().scroll = new;
        new != old
    }

    /// Keeps the current lesson's scroll inside its text (other lessons' texts
    /// have other lengths: they are clamped when shown).
    fn clamp_scroll(&mut self) {
        let max = self.max_scroll();
        let page = self.page_mut();
        page.scroll = page.scroll.min(max);
    }
}
