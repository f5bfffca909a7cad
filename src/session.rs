//! One learner's session, whatever carries it: events in, messages to the [`App`], a
//! frame out when something changed. The local terminal ([`crate::terminal`]) and the
//! SSH server drive the same step; each owns its bytes (where they come from, where the
//! frames go) and its [`Terminal`] backend, and nothing here knows which it is.
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Instant;
//! use kasseika::app::App;
//! use kasseika::i18n::{Lang, Localizer};
//! use kasseika::input::Parser;
//! use kasseika::lesson::LessonId;
//! use kasseika::session::{Session, Step};
//! use ratatui::{Terminal, backend::TestBackend};
//!
//! let loc = Arc::new(Localizer::embedded().unwrap());
//! let app = App::new(loc, Lang::En, LessonId::Sigmoid, Default::default());
//! let mut session = Session::new(app, Terminal::new(TestBackend::new(80, 24)).unwrap());
//! session.start().unwrap();
//! let mut parser = Parser::new();
//! parser.feed(b"\t0.5\r", Instant::now());
//! assert_eq!(session.handle_all(parser.events()), Step::Continue);
//! session.draw_if_changed().unwrap();
//! parser.feed(b"\x03", Instant::now());
//! assert_eq!(session.handle_all(parser.events()), Step::Quit);
//! ```

use std::collections::VecDeque;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;

use crate::app::{App, Message};
use crate::i18n::Lang;
use crate::keys::{self, Mode};
use crate::progress::Progress;

/// What the front end does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Keep going.
    Continue,
    /// Ctrl-Z: stop until resumed, if the front end can (a local terminal can; an SSH
    /// session has no job control and goes on).
    Suspend,
    /// The learner quit: restore the terminal and end.
    Quit,
}

/// An [`App`] and the terminal it is drawn on.
pub struct Session<B: Backend> {
    pub app: App,
    pub terminal: Terminal<B>,
    /// Something visible changed since the last frame.
    dirty: bool,
    /// A new size to take before the next frame.
    resize: Option<Rect>,
    /// Whether the terminal can show Japanese (an ASCII locale cannot: `L` is ignored).
    japanese: bool,
    /// Events taken in and not handled yet.
    queue: VecDeque<Event>,
}

impl<B: Backend> std::fmt::Debug for Session<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("lesson", &self.app.lesson)
            .field("dirty", &self.dirty)
            .finish()
    }
}

/// Whether `event` quits whatever the app is doing (Ctrl-C): then nothing before it
/// needs doing.
pub fn quits_in_every_mode(event: &Event) -> bool {
    let Event::Key(key) = event else {
        return false;
    };
    Mode::ALL
        .into_iter()
        .all(|mode| keys::message_for(*key, mode) == Some(Message::Quit))
}

impl<B: Backend> Session<B> {
    pub fn new(app: App, terminal: Terminal<B>) -> Session<B> {
        Session {
            app,
            terminal,
            dirty: true,
            resize: None,
            japanese: true,
            queue: VecDeque::new(),
        }
    }

    /// Tells the session whether the terminal can show Japanese; when it cannot, the
    /// language key does nothing (the text would be question marks).
    pub fn with_japanese(mut self, shown: bool) -> Session<B> {
        self.japanese = shown;
        self
    }

    /// Takes the terminal's size and draws the first frame.
    pub fn start(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        self.app.update(Message::Resize(size.width, size.height));
        self.dirty = true;
        self.draw_if_changed().map(|_| ())
    }

    /// The message an event means now, if any.
    fn message(&self, event: Event) -> Option<Message> {
        match event {
            Event::Key(key) => keys::message_for(key, Mode::of(&self.app)),
            Event::Paste(text) => Some(Message::Paste(text)),
            Event::Resize(w, h) => Some(Message::Resize(w, h)),
            Event::Mouse(_) | Event::FocusGained | Event::FocusLost => None,
        }
    }

    /// Handles one event.
    pub fn handle(&mut self, event: Event) -> Step {
        let Some(message) = self.message(event) else {
            return Step::Continue;
        };
        match message {
            Message::Quit => return Step::Quit,
            Message::Suspend => return Step::Suspend,
            Message::ToggleLang if !self.japanese && self.app.lang == Lang::En => {
                return Step::Continue;
            }
            Message::Resize(w, h) => {
                self.resize = Some(Rect::new(0, 0, w, h));
                self.dirty = true;
            }
            _ => {}
        }
        if self.app.update(message) {
            self.dirty = true;
        }
        // The help may be taller than the screen: the model learns how far it
        // scrolls from the view.
        if self.app.help && self.app.update(crate::ui::help::room(&self.app)) {
            self.dirty = true;
        }
        if self.app.running {
            Step::Continue
        } else {
            Step::Quit
        }
    }

    /// Takes in events to handle in order with [`work`](Session::work). Ctrl-C among
    /// them quits at once: what waits before it is dropped, not worked through.
    pub fn push(&mut self, events: impl IntoIterator<Item = Event>) -> Step {
        for event in events {
            if quits_in_every_mode(&event) {
                self.queue.clear();
                return Step::Quit;
            }
            self.queue.push_back(event);
        }
        Step::Continue
    }

    /// Whether events wait to be handled.
    pub fn has_work(&self) -> bool {
        !self.queue.is_empty()
    }

    /// How many events wait.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Handles up to `budget` waiting events, so that a front end can look at its
    /// input between slices of a long burst. Stops at a Ctrl-Z (the rest waits for
    /// after the resume) and at quitting.
    pub fn work(&mut self, budget: usize) -> Step {
        for _ in 0..budget {
            let Some(event) = self.queue.pop_front() else {
                break;
            };
            match self.handle(event) {
                Step::Continue => {}
                Step::Quit => {
                    self.queue.clear();
                    return Step::Quit;
                }
                Step::Suspend => return Step::Suspend,
            }
        }
        Step::Continue
    }

    /// Handles a batch of events at once, for a front end without job control: a
    /// Ctrl-Z among them is reported after the whole batch is handled.
    pub fn handle_all(&mut self, events: impl IntoIterator<Item = Event>) -> Step {
        if self.push(events) == Step::Quit {
            return Step::Quit;
        }
        let mut step = Step::Continue;
        while self.has_work() {
            match self.work(usize::MAX) {
                Step::Quit => return Step::Quit,
                Step::Suspend => step = Step::Suspend,
                Step::Continue => {}
            }
        }
        step
    }

    /// Draws a frame if anything visible changed since the last one; returns whether
    /// it drew. Idle means no frame: nothing is written.
    pub fn draw_if_changed(&mut self) -> Result<bool, B::Error> {
        if let Some(area) = self.resize.take() {
            self.terminal.resize(area)?;
            self.dirty = true;
        }
        if !self.dirty {
            return Ok(false);
        }
        self.dirty = false;
        let app = &self.app;
        self.terminal.draw(|frame| crate::ui::draw(app, frame))?;
        Ok(true)
    }

    /// Applies a message that did not come from a key (the answer of a save), and
    /// draws at the next frame if it changed anything.
    pub fn apply(&mut self, message: Message) {
        if self.app.update(message) {
            self.dirty = true;
        }
    }

    /// The session is over, however it ended (quit, a signal, a dropped
    /// connection): the app records where the learner was, and the progress to save
    /// last is returned.
    pub fn finish(&mut self) -> Option<Progress> {
        self.app.update(Message::Quit);
        self.app.take_unsaved()
    }

    /// Clears the screen and draws the whole frame again (after the terminal was used
    /// by someone else, as when a suspended session resumes).
    pub fn redraw(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        self.app.update(Message::Resize(size.width, size.height));
        self.resize = Some(Rect::new(0, 0, size.width, size.height));
        self.dirty = true;
        self.draw_if_changed().map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localizer;
    use crate::lesson::LessonId;
    use crate::ui::Look;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::sync::Arc;

    fn session(lesson: LessonId) -> Session<TestBackend> {
        let loc = Arc::new(Localizer::embedded().unwrap());
        let app = App::new(loc, Lang::En, lesson, Look::default());
        let mut s = Session::new(app, Terminal::new(TestBackend::new(80, 24)).unwrap());
        s.start().unwrap();
        s
    }

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn screen(s: &Session<TestBackend>) -> String {
        s.terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect()
    }

    #[test]
    fn ctrl_c_anywhere_in_a_batch_quits_before_the_rest_is_worked_through() {
        let mut s = session(LessonId::Step);
        let mut batch = vec![key('n'); 1000];
        batch.push(ctrl('c'));
        batch.extend(vec![key('n'); 10]);
        assert_eq!(s.handle_all(batch), Step::Quit);
        assert_eq!(s.app.lesson, LessonId::Step, "nothing before it was done");
        assert!(quits_in_every_mode(&ctrl('c')));
        assert!(
            !quits_in_every_mode(&key('q')),
            "q is text in the input box"
        );
    }

    #[test]
    fn a_batch_is_drawn_once_and_idle_draws_nothing() {
        let mut s = session(LessonId::Intro);
        assert!(!s.draw_if_changed().unwrap(), "nothing changed");
        assert_eq!(s.handle_all([key('n'), key('n')]), Step::Continue);
        assert!(s.draw_if_changed().unwrap());
        assert!(!s.draw_if_changed().unwrap());
        assert_eq!(s.app.lesson, LessonId::Identity);
        assert!(screen(&s).contains("Identity"));
    }

    #[test]
    fn suspend_and_quit_are_for_the_front_end() {
        let mut s = session(LessonId::Step);
        assert_eq!(s.handle_all([ctrl('z'), key('n')]), Step::Suspend);
        assert_eq!(
            s.app.lesson,
            LessonId::Identity,
            "the rest of the batch counts"
        );
        assert_eq!(s.handle(key('q')), Step::Quit);
    }

    #[test]
    fn work_is_done_in_slices_and_stops_at_ctrl_z() {
        let mut s = session(LessonId::Intro);
        assert_eq!(
            s.push([key('n'), key('n'), ctrl('z'), key('n')]),
            Step::Continue
        );
        assert_eq!(s.queued(), 4);
        assert_eq!(s.work(1), Step::Continue);
        assert_eq!(s.app.lesson, LessonId::Step);
        assert_eq!(s.work(10), Step::Suspend);
        assert_eq!(s.app.lesson, LessonId::Identity);
        assert!(s.has_work(), "what came after Ctrl-Z waits for the resume");
        assert_eq!(s.work(10), Step::Continue);
        assert_eq!(s.app.lesson, LessonId::Sigmoid);
        assert!(!s.has_work());
        assert_eq!(s.push([key('n'), ctrl('c'), key('n')]), Step::Quit);
        assert!(!s.has_work());
    }

    #[test]
    fn resize_and_paste_reach_the_app() {
        let mut s = session(LessonId::Sigmoid);
        s.handle_all([Event::Resize(100, 30), Event::Paste("1, 2".into())]);
        s.draw_if_changed().unwrap();
        assert_eq!(s.app.size, (100, 30));
        assert_eq!(s.app.page().input.value(), "1, 2");
    }

    #[test]
    fn the_language_key_is_ignored_where_japanese_cannot_be_shown() {
        let mut s = session(LessonId::Step).with_japanese(false);
        s.handle(key('L'));
        assert_eq!(s.app.lang, Lang::En);
        let mut s = session(LessonId::Step);
        s.handle(key('L'));
        assert_eq!(s.app.lang, Lang::Ja);
    }
}
