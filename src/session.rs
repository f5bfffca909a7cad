//! One learner's session, whatever carries it: bytes in, messages to the [`App`], a
//! frame out when something changed. The local terminal ([`crate::terminal`]) and the
//! SSH server drive the same step; each owns where its bytes come from and where the
//! frames go, and nothing here knows which it is.
//!
//! What is shared is everything that keeps a session alive whatever arrives:
//! - bytes are taken in as they come ([`Session::input`]) and worked through in
//!   slices ([`Session::work`]); a Ctrl-C among them, in any form a terminal sends
//!   it ([`CtrlCWatch`]), quits at once, however much waits before it, and past
//!   [`MAX_BACKLOG`] bytes waiting the rest of a flood is dropped (still watched for
//!   Ctrl-C), so memory stays bounded and the front end never has to stop reading;
//! - the terminal's size is capped at [`MAX_COLS`] x [`MAX_ROWS`] ([`Session::resize`]),
//!   so no window (a `stty rows 30000`, a client's request) makes a frame allocate
//!   without bound.
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Instant;
//! use kasseika::app::App;
//! use kasseika::i18n::{Lang, Localizer};
//! use kasseika::lesson::LessonId;
//! use kasseika::session::{Session, Step};
//! use ratatui::{Terminal, backend::TestBackend};
//!
//! let loc = Arc::new(Localizer::embedded().unwrap());
//! let app = App::new(loc, Lang::En, LessonId::Sigmoid, Default::default());
//! let mut session = Session::new(app, Terminal::new(TestBackend::new(80, 24)).unwrap());
//! session.start().unwrap();
//! assert_eq!(session.input(b"\t0.5\r".to_vec(), Instant::now()), Step::Continue);
//! assert_eq!(session.work(usize::MAX), Step::Continue);
//! session.draw_if_changed().unwrap();
//! assert_eq!(session.input(b"\x03".to_vec(), Instant::now()), Step::Quit);
//! ```

use std::collections::VecDeque;
use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::crossterm::event::Event;
use ratatui::layout::{Rect, Size};

use crate::app::{App, Message};
use crate::charset::Charset;
use crate::i18n::Lang;
use crate::input::{self, CtrlCWatch, Parser};
use crate::keys::{self, Mode};
use crate::output::FrameBackend;
use crate::progress::Progress;

/// The widest and tallest terminal a session draws for, locally and over SSH alike: a
/// larger window is drawn in its top-left corner. A frame of this size takes a few
/// megabytes; one of 30000 x 30000 would take tens of gigabytes.
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// `(cols, rows)` within [`MAX_COLS`] x [`MAX_ROWS`].
pub fn capped_size(cols: u16, rows: u16) -> (u16, u16) {
    (cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// Bytes waiting to be parsed at most, by default; past this a flood is dropped (a
/// Ctrl-C in it still quits). A front end may set its own ([`Session::with_backlog`]).
pub const MAX_BACKLOG: usize = 4 << 20;

/// The parser is fed while fewer events than this wait.
const FEED_BELOW: usize = 4096;

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

/// A backend whose size its front end sets (rather than one that asks a tty).
pub trait SizedBackend: Backend {
    fn set_size(&mut self, size: Size);
}

impl SizedBackend for FrameBackend {
    fn set_size(&mut self, size: Size) {
        FrameBackend::set_size(self, size);
    }
}

impl SizedBackend for TestBackend {
    fn set_size(&mut self, size: Size) {
        self.resize(size.width, size.height);
    }
}

/// Bytes read and not parsed yet, with the moment they came.
#[derive(Debug)]
struct Chunk {
    bytes: Vec<u8>,
    at: Instant,
    /// Bytes after these were dropped: what is unfinished here is resolved, not joined
    /// to what comes after the gap.
    cut_after: bool,
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
    parser: Parser,
    /// Looks for Ctrl-C in every byte as it arrives, before any is parsed.
    watch: CtrlCWatch,
    /// Bytes taken in and not parsed yet: reading runs ahead of the work, so that a
    /// Ctrl-C behind a burst is seen at once.
    backlog: VecDeque<Chunk>,
    backlog_bytes: usize,
    max_backlog: usize,
    /// Bytes of a flood dropped past the backlog's cap.
    dropped: u64,
    /// The input ended: what waits in the parser is resolved once the backlog is done.
    input_ended: bool,
}

impl<B: Backend> std::fmt::Debug for Session<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("lesson", &self.app.lesson)
            .field("dirty", &self.dirty)
            .field("queued", &self.queue.len())
            .field("backlog_bytes", &self.backlog_bytes)
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

impl<B: SizedBackend> Session<B> {
    /// The terminal is now `cols` x `rows`: the backend and the app take the size,
    /// capped at [`MAX_COLS`] x [`MAX_ROWS`], at once (a resize is no key: it does not
    /// wait behind a burst).
    pub fn resize(&mut self, cols: u16, rows: u16) -> Step {
        let (cols, rows) = capped_size(cols, rows);
        self.terminal.backend_mut().set_size(Size::new(cols, rows));
        self.handle(Event::Resize(cols, rows))
    }
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
            parser: Parser::new(),
            watch: CtrlCWatch::new(),
            backlog: VecDeque::new(),
            backlog_bytes: 0,
            max_backlog: MAX_BACKLOG,
            dropped: 0,
            input_ended: false,
        }
    }

    /// Tells the session whether the terminal can show Japanese; when it cannot, the
    /// language key does nothing (the text would be question marks).
    pub fn with_japanese(mut self, shown: bool) -> Session<B> {
        self.japanese = shown;
        self
    }

    /// Reads what the terminal sends in `charset` (and shows Japanese only if it can).
    pub fn with_charset(mut self, charset: Charset) -> Session<B> {
        self.parser = Parser::with_charset(charset);
        self.japanese = charset.shows_japanese();
        self
    }

    /// Keeps at most `bytes` (at least one read's worth) waiting to be parsed.
    pub fn with_backlog(mut self, bytes: usize) -> Session<B> {
        self.max_backlog = bytes;
        self
    }

    /// Takes the terminal's size and draws the first frame.
    pub fn start(&mut self) -> Result<(), B::Error> {
        let size = self.terminal.size()?;
        self.app.update(Message::Resize(size.width, size.height));
        self.dirty = true;
        self.draw_if_changed().map(|_| ())
    }

    /// Takes in `bytes` that arrived at `at`, to be worked through by
    /// [`work`](Session::work). A Ctrl-C among them (byte 3 or an escape sequence
    /// that reads as Ctrl-C, even one begun in an earlier read) quits at once: what
    /// waits before it is dropped, not worked through. Past the backlog's cap the bytes are dropped
    /// (a flood: nobody types megabytes), so a front end never needs to stop reading
    /// to keep memory bounded, and so never stops seeing Ctrl-C.
    pub fn input(&mut self, bytes: Vec<u8>, at: Instant) -> Step {
        if bytes.is_empty() {
            return Step::Continue;
        }
        if self.watch.sees(&bytes, quits_in_every_mode)
            && self.push([input::ctrl_c()]) == Step::Quit
        {
            self.backlog.clear();
            self.backlog_bytes = 0;
            return Step::Quit;
        }
        if let Some(last) = self.backlog.back_mut()
            && self.backlog_bytes + bytes.len() > self.max_backlog
        {
            last.cut_after = true;
            self.dropped += bytes.len() as u64;
            return Step::Continue;
        }
        self.backlog_bytes += bytes.len();
        self.backlog.push_back(Chunk {
            bytes,
            at,
            cut_after: false,
        });
        Step::Continue
    }

    /// The input ended (the terminal or the channel closed it): what waits unfinished
    /// is resolved once every byte before it is worked through.
    pub fn end_input(&mut self) {
        self.input_ended = true;
    }

    /// Bytes waiting to be parsed.
    pub fn backlog_bytes(&self) -> usize {
        self.backlog_bytes
    }

    /// Bytes of floods dropped so far.
    pub fn dropped_bytes(&self) -> u64 {
        self.dropped
    }

    /// When an unfinished escape sequence must be resolved, if one waits and nothing
    /// else does (while bytes wait, there is work to do anyway).
    pub fn deadline(&self) -> Option<Instant> {
        if self.backlog.is_empty() {
            self.parser.deadline()
        } else {
            None
        }
    }

    /// Tells the session the time: an unfinished sequence past its deadline becomes
    /// the keys typed.
    pub fn timeout(&mut self, now: Instant) -> Step {
        if !self.backlog.is_empty() {
            return Step::Continue;
        }
        if self.input_ended {
            self.parser.flush();
        } else {
            self.parser.timeout(now);
        }
        let events: Vec<Event> = self.parser.events().collect();
        self.push(events)
    }

    /// The message an event means now, if any.
    fn message(&self, event: Event) -> Option<Message> {
        match event {
            Event::Key(key) => keys::message_for(key, Mode::of(&self.app)),
            Event::Paste(text) => Some(Message::Paste(text)),
            Event::Resize(w, h) => {
                let (w, h) = capped_size(w, h);
                Some(Message::Resize(w, h))
            }
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

    /// Whether bytes or events wait to be worked through.
    pub fn has_work(&self) -> bool {
        !self.queue.is_empty() || !self.backlog.is_empty()
    }

    /// How many events wait (parsed, not handled).
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Parses waiting bytes while few events wait.
    fn feed(&mut self) -> Step {
        while self.queue.len() < FEED_BELOW
            && let Some(chunk) = self.backlog.pop_front()
        {
            self.backlog_bytes -= chunk.bytes.len();
            self.parser.feed(&chunk.bytes, chunk.at);
            if chunk.cut_after {
                self.parser.flush();
            }
            let events: Vec<Event> = self.parser.events().collect();
            if self.push(events) == Step::Quit {
                return Step::Quit;
            }
        }
        Step::Continue
    }

    /// Works through up to `budget` waiting events (parsing waiting bytes as needed),
    /// so that a front end can look at its input between slices of a long burst. Stops
    /// at a Ctrl-Z (the rest waits for after the resume) and at quitting.
    pub fn work(&mut self, budget: usize) -> Step {
        for _ in 0..budget {
            if self.queue.is_empty() && self.feed() == Step::Quit {
                return Step::Quit;
            }
            let Some(event) = self.queue.pop_front() else {
                break;
            };
            match self.handle(event) {
                Step::Continue => {}
                Step::Quit => {
                    self.queue.clear();
                    self.backlog.clear();
                    self.backlog_bytes = 0;
                    return Step::Quit;
                }
                Step::Suspend => return Step::Suspend,
            }
        }
        if self.feed() == Step::Quit {
            return Step::Quit;
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
        while !self.queue.is_empty() {
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
        self.terminal.draw(|frame| {
            crate::ui::draw(app, frame);
            crate::width::split_voiced_marks(frame.buffer_mut());
        })?;
        Ok(true)
    }

    /// Changes the app outside of a message (progress loaded after the first frame),
    /// and draws at the next frame.
    pub fn change(&mut self, f: impl FnOnce(&mut App)) {
        f(&mut self.app);
        self.dirty = true;
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

    #[test]
    fn keys_that_only_scroll_or_switch_the_language_do_not_typeset_again() {
        use crate::app::layout::typeset_count;
        let mut s = session(LessonId::Sigmoid);
        let before = typeset_count();
        let burst: Vec<u8> = b"jjjk".iter().copied().cycle().take(10_000).collect();
        assert_eq!(s.input(burst, Instant::now()), Step::Continue);
        while s.has_work() {
            assert_eq!(s.work(256), Step::Continue);
        }
        assert!(s.app.page().scroll > 0, "it scrolled");
        assert!(
            typeset_count() - before <= 1,
            "{} typesettings for 10,000 scroll keys",
            typeset_count() - before
        );
        let before = typeset_count();
        s.input(vec![b'L'; 1001], Instant::now());
        while s.has_work() {
            s.work(256);
        }
        assert_eq!(s.app.lang, Lang::Ja, "an odd number of switches");
        assert!(
            typeset_count() - before <= 2,
            "{}",
            typeset_count() - before
        );
    }

    #[test]
    fn a_huge_size_is_capped() {
        let mut s = session(LessonId::Sigmoid);
        s.handle(Event::Resize(65_535, 65_535));
        assert_eq!(s.app.size, (MAX_COLS, MAX_ROWS));
        s.resize(30_000, 30_000);
        s.draw_if_changed().unwrap();
        let size = s.terminal.size().unwrap();
        assert_eq!((size.width, size.height), (MAX_COLS, MAX_ROWS));
        s.resize(90, 30);
        assert_eq!(s.app.size, (90, 30));
    }

    #[test]
    fn past_the_backlog_cap_a_flood_is_dropped_and_ctrl_c_still_quits() {
        let mut s = session(LessonId::Sigmoid).with_backlog(4096);
        let t = Instant::now();
        for _ in 0..1000 {
            assert_eq!(s.input(vec![b'k'; 1000], t), Step::Continue);
            assert!(s.backlog_bytes() <= 4096);
        }
        assert!(s.dropped_bytes() >= 990_000);
        assert_eq!(s.input(b"kk\x03kk".to_vec(), t), Step::Quit);
        assert!(!s.has_work(), "nothing left to do after Ctrl-C");
    }

    /// xterm's and kitty's forms of Ctrl-C quit behind a flood past the cap like byte
    /// 3 does, also when a read cuts them in two. They used to be found only when the
    /// parser reached them, after the flood, or never when they fell past the cap.
    #[test]
    fn ctrl_c_in_its_escape_forms_quits_behind_a_flood_past_the_cap() {
        for form in [&b"\x1b[27;5;99~"[..], b"\x1b[99;5u", b"\x1b[67;6u"] {
            for cut in 0..form.len() {
                let mut s = session(LessonId::Sigmoid).with_backlog(4096);
                let t = Instant::now();
                for _ in 0..100 {
                    assert_eq!(s.input(vec![b'n'; 100_000], t), Step::Continue);
                }
                let (a, b) = form.split_at(cut);
                assert_eq!(s.input([b"nn", a].concat(), t), Step::Continue);
                assert_eq!(s.input(b.to_vec(), t), Step::Quit, "{form:?} cut at {cut}");
                assert!(!s.has_work());
            }
        }
    }

    #[test]
    fn an_unfinished_sequence_before_a_gap_is_resolved_not_joined() {
        let mut s = session(LessonId::Sigmoid).with_backlog(4);
        let t = Instant::now();
        // `ESC [` then a dropped flood, then `B` (which would make `ESC [ B`, Down).
        s.input(b"\x1b[".to_vec(), t);
        s.input(vec![b'j'; 10], t);
        s.input(b"?".to_vec(), t);
        s.input(b"B".to_vec(), t);
        while s.has_work() {
            s.work(256);
        }
        s.timeout(t + crate::input::TIMEOUT * 100);
        s.work(256);
        assert!(s.app.help, "the `?` after the gap counts");
        assert_eq!(s.app.page().scroll, 0, "no Down was made of the pieces");
    }

    #[test]
    fn invisible_characters_pasted_into_the_box_are_shown_and_take_their_width() {
        for (pasted, shown) in [
            ("1\u{2028}\u{2029}2", "> 1 2"),
            ("1\u{fff9}2", "> 1\\u{fff9}2"),
            ("\u{115f}1", "> \\u{115f}1"),
            ("👨\u{200d}👩", "> 👨\\u{200d}👩"),
            ("1\u{ad}2\u{e0001}", "> 1\\u{ad}2\\u{e0001}"),
            ("1\u{fe0f}\u{34f}", "> 1\\u{fe0f}\\u{34f}"),
        ] {
            let mut s = session(LessonId::Sigmoid);
            let bytes = [b"\x1b[200~", pasted.as_bytes(), b"\x1b[201~\r"].concat();
            s.input(bytes, Instant::now());
            while s.has_work() {
                s.work(256);
            }
            s.draw_if_changed().unwrap();
            let buffer = s.terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    !cell.symbol().chars().any(crate::output::is_invisible),
                    "{pasted:?}: {:?} drawn",
                    cell.symbol()
                );
            }
            // Each row as the terminal shows it: a wide character covers the cell
            // after it.
            let rows: Vec<String> = (0..buffer.area.height)
                .map(|y| {
                    let mut row = String::new();
                    let mut covered = 0;
                    for x in 0..buffer.area.width {
                        let symbol = buffer[(x, y)].symbol();
                        if covered > 0 {
                            covered -= 1;
                            continue;
                        }
                        covered = crate::width::StrWidth::width(symbol).saturating_sub(1);
                        row.push_str(symbol);
                    }
                    row
                })
                .collect();
            let row = rows
                .iter()
                .find(|r| r.contains("> "))
                .unwrap_or_else(|| panic!("{pasted:?}: no input box"));
            assert!(row.contains(shown), "{pasted:?}: {row}");
            // The box's right border is in the last column: nothing shifted it.
            let y = rows.iter().position(|r| r == row).unwrap() as u16;
            assert_eq!(
                buffer[(buffer.area.width - 1, y)].symbol(),
                "│",
                "{pasted:?}: {row}"
            );
        }
    }
}
