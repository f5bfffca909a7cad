//! The course around the lessons: each lesson's exercises, the lesson list, the
//! learner's progress and what the learner is told about it. State changes only:
//! saving is the front end's (it takes [`App::take_unsaved`], saves it, and hands
//! the store's answer back as [`Message::Saved`]); drawing is the view's.
//!
//! What is recorded, and when: an answer, a skip, a hint, an evaluation, a change
//! of lesson and quitting record the learner's place and mark the progress unsaved;
//! scrolling and typing do not (the place they change is recorded at the next of
//! those).
//!
//! Read by reading (one half of the rule [`crate::progress::Progress::lesson`]
//! applies): the lesson's last line has been on the screen, and the time spent on
//! it, from message to message, comes to [`reading_time`] of its text. Time counts
//! while the lesson is on show, its exercises too, at most [`MAX_PAUSE`] from one key
//! to the next (a screen left alone is not read any further).

use std::collections::VecDeque;

use ratatui::style::Style;
use ratatui::text::Line;
use tui_input::Input;

use super::text::{TextStyles, Unstyled, inline, prose};
use super::wrap::{Styled, wrap};
use super::{App, Edit, Focus, Message};
use crate::exercise::{self, Exercise, ExerciseState, Kind, Outcome, Status};
use crate::i18n::Tr;
use crate::lesson::LessonId;
use crate::progress::report;
use crate::progress::store::{self, Loaded, StoreError};
use crate::progress::{DrillPlace, Progress, Stamp};

/// How fast a quick reader reads, in cells a second (a Japanese character is two
/// cells): 40 cells is some seven English words, or 20 Japanese characters.
pub const CELLS_PER_SECOND: u64 = 40;

/// The most time one stretch between two keys adds to the time on a lesson.
pub const MAX_PAUSE: u64 = 120_000;

/// The time a quick reader needs for a text of `cells` cells, in milliseconds.
pub fn reading_time(cells: usize) -> u64 {
    u64::try_from(cells)
        .unwrap_or(u64::MAX)
        .saturating_mul(1000)
        / CELLS_PER_SECOND
}

/// The key that asks for a hint (its texts name it; a test holds it to the key
/// table).
pub const HINT_KEY: &str = "F2";

/// What the exercises do (see [`Message::Exercise`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExerciseMsg {
    /// Opens the lesson's exercises where the learner left them (at first, the
    /// first one neither solved nor skipped).
    Open,
    /// Back to the lesson (the exercise and its answer stay as they are).
    Close,
    /// Type in the answer box.
    FocusAnswer,
    /// To the lesson's input box, to try values; the exercise stays on show, and
    /// leaving the box comes back to it.
    Lab,
    /// Check what is in the answer box.
    Check,
    /// A hint, before any wrong answer or after (the next one, stronger); once both
    /// were seen, the answer (as [`ExerciseMsg::Skip`]).
    Hint,
    /// Give up on the exercise for now: its answer and why are shown.
    Skip,
    /// The next exercise; after the last one, the next lesson.
    Next,
    /// The previous exercise; before the first one, back to the lesson.
    Prev,
    /// The option with this number (a choice), or the first digit of an answer.
    Pick(u8),
    /// A character that starts an answer (a sign, a dot, a full-width digit): the
    /// answer box takes it and the keys go on typing.
    Type(char),
}

/// What the lesson list does (see [`Message::List`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMsg {
    /// Opens the list (on the lesson on show), or closes it.
    Toggle,
    Prev,
    Next,
    First,
    Last,
    /// Opens the lesson under the cursor.
    Open,
    /// Opens the exercises of the lesson under the cursor.
    Exercises,
}

/// What the learner is told once, in a box that a key closes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The store could not read a saved file and set it aside.
    Store(store::Notice),
    /// Progress is kept for this session only (an SSH learner the server does not
    /// know by a key).
    SessionOnly,
    /// Progress could not be saved (told again only after a save has worked).
    SaveFailed(StoreError),
}

/// What an exercise said to the learner's last answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Feedback {
    Answered(Outcome),
    /// The learner asked for a hint.
    Hint(exercise::Hint),
    /// The learner skipped it: the answer and why are shown.
    Skipped,
    /// Solved before, come back to: the answer that solved it (if kept) and why.
    Solved(Option<String>),
    /// A paste held control characters, left out of the answer box (named, not
    /// dropped silently).
    Pasted(Vec<char>),
}

/// One lesson's exercises as the learner left them in this session.
#[derive(Debug, Clone, Default)]
pub struct Drill {
    /// The exercise on show; `None` until the learner first opens them.
    pub current: Option<usize>,
    /// Each exercise's answer box.
    pub answers: Vec<Input>,
    /// The answer in the box was checked: it stays on show (selected), and the
    /// first character typed starts a new try in place of it; an editing key
    /// (Backspace, the arrows) edits it instead.
    pub checked: Vec<bool>,
    /// What each exercise said to its last answer.
    pub feedback: Vec<Option<Feedback>>,
    /// The first line of the exercise on show.
    pub scroll: u16,
    /// Scrolled to the end to show an answer's feedback: kept at the end when the
    /// size or the language changes.
    at_end: bool,
}

impl Drill {
    fn new(lesson: LessonId) -> Drill {
        let n = exercise::exercises(lesson).len();
        Drill {
            current: None,
            answers: vec![Input::default(); n],
            checked: vec![false; n],
            feedback: vec![None; n],
            scroll: 0,
            at_end: false,
        }
    }

    pub fn for_all() -> Vec<Drill> {
        LessonId::ALL.into_iter().map(Drill::new).collect()
    }
}

/// The state of the course that the app keeps besides the lessons.
#[derive(Debug, Clone)]
pub struct Course {
    pub progress: Progress,
    /// The lesson's exercises are on show (in the reading pane's place); the keys
    /// are on the exercise, its answer box or the lesson's input box.
    pub drilling: bool,
    /// The review of every exercise tried is open, scrolled to this line.
    pub review: Option<u16>,
    /// When the last message came (the time since is the learner's on the lesson
    /// then on show).
    last_tick: Option<Stamp>,
    /// Changed since the front end last took it to save.
    unsaved: bool,
    /// The last save failed: try again at the latest on quitting.
    retry: bool,
    /// A failed save was told; told again only after one has worked.
    failure_told: bool,
    /// To tell, the first one on show.
    pub notices: VecDeque<Notice>,
    /// By lesson, as [`LessonId::ALL`].
    pub drills: Vec<Drill>,
    /// The lesson list is open, its cursor on this lesson (an index of
    /// [`LessonId::ALL`]).
    pub list: Option<usize>,
    /// The time, for the stamps of the progress (tests set their own).
    pub clock: fn() -> Stamp,
}

impl Default for Course {
    fn default() -> Course {
        Course {
            progress: Progress::new(),
            drilling: false,
            review: None,
            last_tick: None,
            unsaved: false,
            retry: false,
            failure_told: false,
            notices: VecDeque::new(),
            drills: Drill::for_all(),
            list: None,
            clock: Stamp::now,
        }
    }
}

/// What a screen's state was before a message, to see what it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Watch {
    lesson: LessonId,
    closing: bool,
    scroll: u16,
    size: (u16, u16),
    lang: crate::i18n::Lang,
    covered: bool,
    help: (bool, super::HelpPage),
    review: bool,
}

/// The styles of an exercise on screen; the view's theme provides them.
pub trait DrillStyles: TextStyles {
    fn good(&self) -> Style;
    fn bad(&self) -> Style;
    fn dim(&self) -> Style;
    fn key(&self) -> Style;
}

impl DrillStyles for Unstyled {
    fn good(&self) -> Style {
        Style::new()
    }
    fn bad(&self) -> Style {
        Style::new()
    }
    fn dim(&self) -> Style {
        Style::new()
    }
    fn key(&self) -> Style {
        Style::new()
    }
}

/// Where an exercise stands, in a word or two, for its heading.
pub fn status_text(tr: Tr, status: Status) -> String {
    report::status_text(tr, status)
}

/// The text of the feedback, in the learner's language.
pub fn feedback_text(tr: Tr, exercise: &Exercise, feedback: &Feedback) -> String {
    match feedback {
        Feedback::Answered(outcome) => outcome.message(tr),
        Feedback::Hint(level) => {
            let hint = tr.f(
                "exercise-hint",
                &[("hint", tr.t(&exercise.hint_id(*level)).into())],
            );
            if *level == exercise::Hint::Stronger {
                exercise::join(
                    tr,
                    hint,
                    tr.f("exercise-hint-last", &[("key", HINT_KEY.into())]),
                )
            } else {
                hint
            }
        }
        Feedback::Skipped => exercise::join(tr, tr.t("exercise-skipped"), exercise.reveal(tr)),
        Feedback::Solved(answer) => exercise.solved_text(tr, answer.as_deref()),
        Feedback::Pasted(chars) => {
            let shown: Vec<String> = chars
                .iter()
                .map(|c| crate::output::visible(&c.to_string()).into_owned())
                .collect();
            tr.f(
                "note-controls",
                &[
                    ("count", chars.len().into()),
                    ("chars", shown.join(" ").into()),
                ],
            )
        }
    }
}

/// An exercise typeset for `width` cells: heading and state, the question, the
/// options of a choice, and what it said to the last answer.
pub fn drill_lines(
    tr: Tr,
    exercise: &Exercise,
    number: usize,
    status: Status,
    feedback: Option<&Feedback>,
    width: usize,
    styles: &impl DrillStyles,
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut heading = Styled::new();
    heading.push_kept(&format!("{number}. "), styles.heading());
    heading.push(&exercise.title(tr), styles.heading());
    heading.push("  ", styles.text());
    heading.push_kept(&status_text(tr, status), styles.dim());
    out.extend(wrap(&heading, width, 0));
    out.push(Line::raw(""));
    out.extend(
        prose(&exercise.question(tr), width, styles)
            .into_iter()
            .map(|(l, _)| l),
    );
    let options = exercise.options(tr);
    if !options.is_empty() {
        out.push(Line::raw(""));
        for (i, option) in options.iter().enumerate() {
            let mut line = Styled::new();
            let label = format!("{}", i + 1);
            line.push("  ", styles.text());
            line.push_kept(&label, styles.key());
            line.push("  ", styles.text());
            // Expressions in an option stay whole, as in the question.
            line.append(&inline(option, styles));
            out.extend(wrap(&line, width, 5));
        }
    }
    if let Some(feedback) = feedback {
        let style = match feedback {
            Feedback::Answered(Outcome::Right { .. }) | Feedback::Solved(_) => styles.good(),
            Feedback::Answered(Outcome::Invalid(_)) | Feedback::Answered(Outcome::Wrong { .. }) => {
                styles.bad()
            }
            Feedback::Answered(Outcome::Nearly { .. })
            | Feedback::Hint(_)
            | Feedback::Skipped
            | Feedback::Pasted(_) => styles.dim(),
        };
        out.push(Line::raw(""));
        let text = feedback_text(tr, exercise, feedback);
        let mut first = true;
        for (line, _) in prose(&text, width, styles) {
            // The first words (Right!, Not quite.) carry the verdict's style.
            let line = if first {
                first = false;
                let mut spans = line.spans;
                if let Some(span) = spans.first_mut() {
                    span.style = span.style.patch(style);
                }
                Line::from(spans)
            } else {
                line
            };
            out.push(line);
        }
    }
    out
}

impl App {
    /// Whether the exercises are on show (in the reading pane's place, beside the
    /// lesson's chart and input box).
    pub fn exercises_open(&self) -> bool {
        self.course.drilling && !self.closing
    }

    /// Whether the exercise on show waits for a typed answer: a number or numbers
    /// to find, not solved yet. Its answer box then has the keys, letters and all
    /// (`nan`, `inf`); a choice (answered with its digit) and a solved exercise leave
    /// the keys on the exercise, where `n` and `p` move.
    pub fn answer_expected(&self) -> bool {
        self.current_exercise().is_some_and(|(_, e)| {
            !matches!(e.kind, Kind::Choice { .. }) && !self.course.progress.record(e).solved
        })
    }

    /// Where the keys go on the exercise on show: its answer box when a typed answer
    /// is expected, else the exercise.
    fn drill_focus(&self) -> Focus {
        if self.answer_expected() {
            Focus::Answer
        } else {
            Focus::Exercise
        }
    }

    /// Whether both hints of the exercise on show were seen (the hint key then
    /// shows the answer).
    pub fn hints_used_up(&self) -> bool {
        self.current_exercise()
            .is_some_and(|(_, e)| self.course.progress.exercise_state(e).hints_used_up())
    }

    /// Closes the exercises: the keys back on the lesson.
    pub(super) fn close_drill(&mut self) {
        self.course.drilling = false;
        if matches!(self.focus, Focus::Exercise | Focus::Answer | Focus::Input) {
            self.focus = Focus::Browse;
        }
    }

    /// Leaving the lesson's input box: back to the exercise if it is on show.
    pub(super) fn leave_to_drill(&mut self) -> bool {
        if self.exercises_open() && self.focus == Focus::Input {
            self.focus = self.drill_focus();
            return true;
        }
        false
    }

    /// The lesson's exercises.
    pub fn lesson_exercises(&self) -> &'static [Exercise] {
        exercise::exercises(self.lesson)
    }

    pub fn drill(&self) -> &Drill {
        &self.course.drills[self.lesson.index()]
    }

    fn drill_mut(&mut self) -> &mut Drill {
        &mut self.course.drills[self.lesson.index()]
    }

    /// The exercise on show and its place in the lesson's list.
    pub fn current_exercise(&self) -> Option<(usize, &'static Exercise)> {
        let i = self.drill().current?;
        self.lesson_exercises().get(i).map(|e| (i, e))
    }

    /// The answer box of the exercise on show.
    pub fn answer(&self) -> Option<&Input> {
        let (i, _) = self.current_exercise()?;
        self.drill().answers.get(i)
    }

    /// Whether the answer on show was checked (the next character typed replaces it).
    pub fn answer_checked(&self) -> bool {
        self.current_exercise()
            .is_some_and(|(i, _)| self.drill().checked.get(i).copied().unwrap_or(false))
    }

    /// The exercise on show, laid out for the current size: its lines and the rows
    /// they have.
    pub fn drill_layout(&self) -> Option<(Vec<Line<'static>>, u16)> {
        let (i, exercise) = self.current_exercise()?;
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let width = super::layout::drill_width(area)?;
        let lines = drill_lines(
            self.loc.tr(self.lang),
            exercise,
            i + 1,
            self.course.progress.status(exercise),
            self.drill().feedback.get(i).and_then(Option::as_ref),
            usize::from(width),
            &Unstyled,
        );
        let areas = super::layout::drill_areas(area, lines.len())?;
        let rows = super::layout::drill_inner(areas.doc).height;
        Some((lines, rows.max(1)))
    }

    /// The lesson's text below the exercise on show, if there is room for it: its
    /// area and the last line it can scroll to.
    pub fn lesson_below(&self) -> Option<(ratatui::layout::Rect, u16)> {
        let (lines, _) = self.drill_layout()?;
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let below = super::layout::drill_areas(area, lines.len())?.lesson?;
        let reading = self.reading();
        let fixed = if reading.formula.is_empty() {
            0
        } else {
            reading.formula.len() + 1
        };
        let rows = usize::from(super::layout::text_inner(below).height)
            .saturating_sub(fixed)
            .max(1);
        let max = reading.lines.len().saturating_sub(rows);
        Some((below, u16::try_from(max).unwrap_or(u16::MAX)))
    }

    fn drill_max_scroll(&self) -> u16 {
        self.drill_layout().map_or(0, |(lines, rows)| {
            u16::try_from(lines.len().saturating_sub(usize::from(rows))).unwrap_or(u16::MAX)
        })
    }

    /// The progress to save, if it changed since it was last taken (the front end
    /// saves it and hands the store's answer back as [`Message::Saved`]).
    pub fn take_unsaved(&mut self) -> Option<Progress> {
        if !self.course.unsaved {
            return None;
        }
        self.course.unsaved = false;
        Some(self.course.progress.clone())
    }

    /// Whether the progress changed since it was last taken.
    pub fn has_unsaved(&self) -> bool {
        self.course.unsaved
    }

    /// Starts from saved progress: every lesson's place (scroll, what was typed,
    /// evaluated again) and, unless `keep_lesson`, the lesson the learner was in
    /// last. What the store found wrong is told.
    pub fn resume(&mut self, loaded: Loaded, keep_lesson: bool) {
        self.course.progress = loaded.progress;
        // Told that the store's database does not answer: saves failing for that
        // are not told again until one has worked.
        self.course.failure_told |= loaded
            .notices
            .iter()
            .any(|n| matches!(n, store::Notice::Unreachable { .. }));
        self.course
            .notices
            .extend(loaded.notices.into_iter().map(Notice::Store));
        let opened = self.lesson;
        for lesson in LessonId::ALL {
            let Some(place) = self.course.progress.place(lesson).cloned() else {
                continue;
            };
            self.lesson = lesson;
            // The exercise on show and what was typed in its answer box.
            if let Some(mut i) = place
                .drill
                .exercise
                .as_deref()
                .and_then(|name| self.lesson_exercises().iter().position(|e| e.name == name))
            {
                // One solved and left without a new answer: on to the next to do.
                let list = self.lesson_exercises();
                if place.drill.answer.is_empty() && self.course.progress.record(&list[i]).solved {
                    let next = self.course.progress.next_exercise(lesson);
                    i = list
                        .iter()
                        .position(|e| next.is_some_and(|n| std::ptr::eq(n, e)))
                        .unwrap_or(i);
                }
                let drill = self.drill_mut();
                drill.current = Some(i);
                drill.answers[i] = Input::new(place.drill.answer.clone());
            }
            let page = self.page_mut();
            page.scroll = u16::try_from(place.scroll).unwrap_or(u16::MAX);
            if lesson.has_input() && !place.typed.is_empty() {
                page.input = Input::new(place.typed.clone());
                self.evaluate();
                // What was typed but not evaluated then is not an error now.
                let page = self.page_mut();
                if page.error.is_some() {
                    page.error = None;
                    page.shown = super::Shown::Examples;
                }
                page.told = Default::default();
            }
        }
        self.lesson = match self.course.progress.resume() {
            Some(last) if !keep_lesson => last,
            _ => opened,
        };
        // Back in the exercises if the learner left from there (`--lesson` opens the
        // lesson itself).
        let drill = self
            .course
            .progress
            .place(self.lesson)
            .map(|p| p.drill.clone())
            .unwrap_or_default();
        if !keep_lesson && drill.open && self.current_exercise().is_some() {
            self.course.drilling = true;
            self.focus = if drill.typing {
                Focus::Answer
            } else {
                self.drill_focus()
            };
            self.show_solved();
        }
        self.clamp_scroll();
    }

    /// The learner's name as the front end knows it (an SSH user name), kept with
    /// the progress for the teacher's report.
    pub fn set_learner_name(&mut self, name: &str) {
        if self.course.progress.name() != Some(name) {
            let now = (self.course.clock)();
            self.course.progress.set_name(name, now);
            self.course.unsaved = true;
        }
    }

    /// Tells the learner something once (the front end's own notices).
    pub fn tell(&mut self, notice: Notice) {
        self.course.notices.push_back(notice);
    }

    pub(super) fn watch(&self) -> Watch {
        Watch {
            lesson: self.lesson,
            closing: self.closing,
            scroll: self.scroll(),
            size: self.size,
            lang: self.lang,
            covered: self.exercises_open()
                || self.help
                || self.course.list.is_some()
                || self.course.review.is_some()
                || !self.course.notices.is_empty(),
            help: (self.help, self.help_page),
            review: self.course.review.is_some(),
        }
    }

    /// What a message means for the progress, once it is applied.
    pub(super) fn after(&mut self, before: Watch, msg: Option<&Message>) {
        let now = (self.course.clock)();
        // The time since the last message was spent on the lesson then on show.
        let spent = self
            .course
            .last_tick
            .map_or(0, |t| now.millis().saturating_sub(t.millis()))
            .min(MAX_PAUSE);
        self.course.last_tick = Some(now);
        if !before.closing && spent > 0 {
            self.course.progress.add_time(before.lesson, spent);
        }
        let moved = before.lesson != self.lesson || before.closing != self.closing;
        if moved {
            if !before.closing {
                self.record_place(before.lesson, now);
            }
            if !self.closing {
                self.record_place(self.lesson, now);
            }
        }
        match msg {
            Some(Message::Evaluate | Message::Exercise(_)) if !self.closing => {
                self.record_place(self.lesson, now)
            }
            Some(Message::Quit) => {
                if !self.closing {
                    self.record_place(self.lesson, now);
                }
                self.course.unsaved |= self.course.retry;
            }
            Some(Message::ToggleLang) => {
                self.course.progress.set_language(self.lang.code(), now);
                self.course.unsaved = true;
            }
            _ => {}
        }
        // A lesson on show is at least opened.
        if !self.closing
            && self
                .course
                .progress
                .lesson_record(self.lesson.id())
                .is_none()
        {
            self.record_place(self.lesson, now);
        }
        let after = self.watch();
        // Another page of the help, or the help again, starts at its top.
        if after.help != before.help {
            self.help_scroll = 0;
        }
        let changed = after != before || matches!(msg, Some(Message::Resize(..)));
        if changed {
            if self.exercises_open() {
                let max = self.drill_max_scroll();
                let drill = self.drill_mut();
                drill.scroll = if drill.at_end {
                    max
                } else {
                    drill.scroll.min(max)
                };
            }
            if let Some(scroll) = self.course.review {
                self.course.review = Some(scroll.min(self.review_max_scroll()));
            }
        }
        // Whether a lesson is now read changes only with the time spent (at most once
        // a millisecond) or with what is on the screen: a burst of keys in the same
        // millisecond that change neither costs nothing here.
        if spent > 0 || changed {
            if !before.closing && before.lesson != self.lesson {
                self.check_read(before.lesson, now);
            }
            if !self.closing {
                self.check_read(self.lesson, now);
            }
        }
    }

    /// Records where the learner is in `lesson` (scroll, what was typed), unless
    /// nothing changed there since it was last recorded.
    fn record_place(&mut self, lesson: LessonId, now: Stamp) {
        let page = &self.pages[lesson.index()];
        let scroll = u32::from(page.scroll);
        let typed = page.input.value();
        let drill = self.drill_place(lesson);
        let same = self
            .course
            .progress
            .place(lesson)
            .is_some_and(|p| p.scroll == scroll && p.typed == typed && p.drill == drill)
            && self.course.progress.resume() == Some(lesson);
        if !same {
            let typed = typed.to_string();
            self.course
                .progress
                .set_place_in_drill(lesson, scroll, &typed, drill, now);
            self.course.unsaved = true;
        }
    }

    /// Where the learner is in `lesson`'s exercises: the exercise on show, whether
    /// they are open, and the answer being typed (not one already checked).
    fn drill_place(&self, lesson: LessonId) -> DrillPlace {
        let drill = &self.course.drills[lesson.index()];
        let Some(i) = drill.current else {
            return DrillPlace::default();
        };
        let open = lesson == self.lesson && !self.closing && self.exercises_open();
        let checked = drill.checked.get(i).copied().unwrap_or(false);
        DrillPlace {
            exercise: exercise::exercises(lesson)
                .get(i)
                .map(|e| e.name.to_string()),
            open,
            typing: open && self.focus == Focus::Answer,
            answer: match drill.answers.get(i) {
                Some(a) if !checked => a.value().to_string(),
                _ => String::new(),
            },
        }
    }

    /// Whether the last line of the lesson on show is on the screen, in its reading
    /// pane or below its exercise, uncovered.
    fn lesson_end_on_screen(&self) -> bool {
        let covered = self.help
            || self.course.list.is_some()
            || self.course.review.is_some()
            || !self.course.notices.is_empty();
        if self.closing || covered {
            return false;
        }
        if self.exercises_open() {
            return self
                .lesson_below()
                .is_some_and(|(_, max)| self.page().scroll >= max);
        }
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        super::layout::regions(area).is_some() && self.scroll() >= self.reading().max_scroll()
    }

    /// The time a quick reader needs for `lesson`'s text in the language on show.
    pub fn lesson_reading_time(&self, lesson: LessonId) -> u64 {
        let reading = self.reading_cache.get(
            &self.loc,
            self.lang,
            super::text::Doc::Lesson(lesson),
            self.size,
        );
        let cells: usize = reading
            .formula
            .iter()
            .map(Line::width)
            .chain(reading.lines.iter().map(|l| l.line.width()))
            .sum();
        reading_time(cells)
    }

    /// Marks `lesson` read by reading once its last line has been on the screen and
    /// the time spent on it comes to its reading time.
    fn check_read(&mut self, lesson: LessonId, now: Stamp) {
        let Some(record) = self.course.progress.lesson_record(lesson.id()) else {
            return;
        };
        if record.read {
            return;
        }
        let (mut end, time) = (record.end, record.time);
        if !end && lesson == self.lesson && self.lesson_end_on_screen() {
            self.course.progress.mark_end(lesson, now);
            end = true;
        }
        if end && time >= self.lesson_reading_time(lesson) {
            self.course.progress.mark_read(lesson, now);
            self.course.unsaved = true;
        }
    }

    /// The messages of the course: exercises, the list, the review, notices, saves.
    pub(super) fn course_update(&mut self, msg: Message) -> bool {
        match msg {
            Message::Exercise(m) => self.exercise_update(m),
            Message::ToggleReview => self.toggle_review(),
            Message::List(m) => self.list_update(m),
            Message::DismissNotice => self.course.notices.pop_front().is_some(),
            Message::Saved(result) => {
                match *result {
                    Ok(loaded) => {
                        self.course.progress.merge(&loaded.progress);
                        self.course
                            .notices
                            .extend(loaded.notices.into_iter().map(Notice::Store));
                        self.course.retry = false;
                        self.course.failure_told = false;
                    }
                    Err(e) => {
                        self.course.retry = true;
                        if !self.course.failure_told {
                            self.course.failure_told = true;
                            self.course.notices.push_back(Notice::SaveFailed(e));
                        }
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// Keys that act on the exercises while they are open (scrolling, the answer
    /// box); `None` for the others.
    pub(super) fn drill_keys(&mut self, msg: &Message) -> Option<bool> {
        if !self.exercises_open() {
            return None;
        }
        let typing_answer = matches!(self.focus, Focus::Exercise | Focus::Answer);
        let rows = || self.drill_layout().map_or(1, |(_, rows)| i32::from(rows));
        let delta = match msg {
            Message::ScrollUp => -1,
            Message::ScrollDown => 1,
            Message::ScrollPageUp => -rows(),
            Message::ScrollPageDown => rows(),
            Message::ScrollTop => i32::MIN / 2,
            Message::ScrollBottom => i32::MAX / 2,
            Message::Edit(edit) if typing_answer => return Some(self.edit_answer(*edit)),
            Message::Paste(text) if typing_answer => return Some(self.paste_answer(text)),
            _ => return None,
        };
        let scroll = |old: u16, max: u16| {
            let max = i32::from(max);
            let new = (i32::from(old).min(max) + delta).clamp(0, max);
            (u16::try_from(new).unwrap_or(0), new == max && delta > 0)
        };
        let max = self.drill_max_scroll();
        // The exercise scrolls when it is longer than its box; else the lesson's
        // text below it does.
        if max == 0
            && let Some((_, below)) = self.lesson_below()
        {
            let page = self.page_mut();
            let old = page.scroll;
            page.scroll = scroll(old, below).0;
            return Some(page.scroll != old);
        }
        let drill = self.drill_mut();
        let old = drill.scroll;
        (drill.scroll, drill.at_end) = scroll(old, max);
        Some(drill.scroll != old)
    }

    fn answer_mut(&mut self) -> Option<&mut Input> {
        let (i, _) = self.current_exercise()?;
        self.drill_mut().answers.get_mut(i)
    }

    fn edit_answer(&mut self, edit: Edit) -> bool {
        if self.focus != Focus::Answer {
            return false;
        }
        let Some((i, _)) = self.current_exercise() else {
            return false;
        };
        if std::mem::take(&mut self.drill_mut().checked[i])
            && matches!(edit, Edit::Insert(c) if !c.is_control())
        {
            // A new try starts afresh.
            self.drill_mut().answers[i] = Input::default();
        }
        if let Edit::Insert(c) = edit {
            let full = self
                .answer()
                .is_some_and(|a| a.value().chars().count() >= exercise::MAX_CHARS);
            if c.is_control() || full {
                return false;
            }
        }
        self.answer_mut()
            .is_some_and(|input| input.handle(edit.request()).is_some())
    }

    /// A paste goes into the answer box: line breaks become spaces, control
    /// characters are left out, and what goes past the box's length is not taken.
    fn paste_answer(&mut self, text: &str) -> bool {
        if self.current_exercise().is_none() {
            return false;
        }
        self.focus = Focus::Answer;
        let mut controls: Vec<char> = Vec::new();
        for c in text.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if !c.is_control() {
                self.edit_answer(Edit::Insert(c));
            } else if !controls.contains(&c) && controls.len() < super::MAX_CONTROLS_TOLD {
                controls.push(c);
            }
        }
        if !controls.is_empty()
            && let Some((i, _)) = self.current_exercise()
        {
            self.drill_mut().feedback[i] = Some(Feedback::Pasted(controls));
        }
        true
    }

    /// Shows exercise `i`, in the reading pane's place: the keys on its answer box
    /// when a typed answer is expected, else on the exercise. A solved exercise come
    /// back to shows the answer that solved it and why.
    fn show_exercise(&mut self, i: usize) -> bool {
        if self.lesson_exercises().get(i).is_none() {
            return false;
        }
        let drill = self.drill_mut();
        if drill.current != Some(i) {
            drill.scroll = 0;
            drill.at_end = false;
        }
        drill.current = Some(i);
        self.course.drilling = true;
        self.focus = self.drill_focus();
        self.help = false;
        self.course.list = None;
        self.course.review = None;
        self.show_solved();
        true
    }

    /// On a solved exercise with nothing said yet in this session: the answer that
    /// solved it (in its box, checked: a new try replaces it) and why it is right;
    /// on a skipped one, its answer and why again.
    fn show_solved(&mut self) {
        let Some((i, exercise)) = self.current_exercise() else {
            return;
        };
        if self.drill().feedback[i].is_some() {
            return;
        }
        let record = self.course.progress.record(exercise);
        let feedback = if record.solved {
            let answer = record.answer.map(|a| a.value);
            if let Some(text) = answer.as_ref().filter(|t| exercise.is_right(t))
                && self.drill().answers[i].value().is_empty()
            {
                let drill = self.drill_mut();
                drill.answers[i] = Input::new(text.clone());
                drill.checked[i] = true;
            }
            Feedback::Solved(answer)
        } else if record.skipped {
            Feedback::Skipped
        } else {
            return;
        };
        self.drill_mut().feedback[i] = Some(feedback);
    }

    fn exercise_update(&mut self, m: ExerciseMsg) -> bool {
        match m {
            ExerciseMsg::Open => {
                if self.closing || self.lesson_exercises().is_empty() {
                    return false;
                }
                let i = self.drill().current.unwrap_or_else(|| {
                    let next = self.course.progress.next_exercise(self.lesson);
                    self.lesson_exercises()
                        .iter()
                        .position(|e| next.is_some_and(|n| std::ptr::eq(n, e)))
                        .unwrap_or(0)
                });
                self.show_exercise(i)
            }
            ExerciseMsg::Close => {
                if !self.exercises_open() {
                    return false;
                }
                self.close_drill();
                true
            }
            ExerciseMsg::FocusAnswer => {
                if self.focus != Focus::Exercise || !self.exercises_open() {
                    return false;
                }
                self.focus = Focus::Answer;
                true
            }
            ExerciseMsg::Lab => {
                if !self.exercises_open()
                    || !self.lesson.has_input()
                    || !matches!(self.focus, Focus::Exercise | Focus::Answer)
                {
                    return false;
                }
                self.focus = Focus::Input;
                true
            }
            ExerciseMsg::Check => self.focus == Focus::Answer && self.submit(),
            ExerciseMsg::Hint => self.hint(),
            ExerciseMsg::Skip => self.skip(),
            ExerciseMsg::Next => {
                let Some((i, _)) = self.current_exercise() else {
                    return false;
                };
                if i + 1 < self.lesson_exercises().len() {
                    self.show_exercise(i + 1)
                } else {
                    self.close_drill();
                    self.update(Message::NextLesson);
                    true
                }
            }
            ExerciseMsg::Prev => {
                let Some((i, _)) = self.current_exercise() else {
                    return false;
                };
                if i > 0 {
                    self.show_exercise(i - 1)
                } else {
                    self.close_drill();
                    true
                }
            }
            ExerciseMsg::Pick(n) => {
                let Some((i, exercise)) = self.current_exercise() else {
                    return false;
                };
                if self.focus != Focus::Exercise {
                    return false;
                }
                match exercise.kind {
                    Kind::Choice { options, .. } if n >= 1 && n <= options => {
                        self.course.drills[self.lesson.index()].answers[i] =
                            Input::new(n.to_string());
                        self.submit()
                    }
                    Kind::Choice { options, .. } => {
                        // Not an option: said, not ignored.
                        self.drill_mut().feedback[i] = Some(Feedback::Answered(Outcome::Invalid(
                            exercise::AnswerError::Choice { options },
                        )));
                        self.scroll_drill_to_end();
                        true
                    }
                    _ => {
                        // A digit starts the answer.
                        self.focus = Focus::Answer;
                        let digit = char::from(b'0' + n.min(9));
                        self.edit_answer(Edit::Insert(digit))
                    }
                }
            }
            ExerciseMsg::Type(c) => {
                if self.focus != Focus::Exercise || self.current_exercise().is_none() {
                    return false;
                }
                self.focus = Focus::Answer;
                self.edit_answer(Edit::Insert(c))
            }
        }
    }

    /// Checks the answer on show and records what it did.
    fn submit(&mut self) -> bool {
        let Some((i, exercise)) = self.current_exercise() else {
            return false;
        };
        let text = self
            .answer()
            .map(|a| a.value().to_string())
            .unwrap_or_default();
        let mut state: ExerciseState = self.course.progress.exercise_state(exercise);
        let outcome = state.answer(&text);
        if outcome.counts() {
            let now = (self.course.clock)();
            self.course.progress.record_exercise(&state, now);
            self.course.unsaved = true;
        }
        if matches!(outcome, Outcome::Right { .. }) {
            self.focus = Focus::Exercise;
        }
        // A checked answer stays on show, and the next try replaces it; one that
        // could not be read, or nearly right, is kept for editing.
        self.drill_mut().checked[i] = outcome.counts();
        self.drill_mut().feedback[i] = Some(Feedback::Answered(outcome));
        self.scroll_drill_to_end();
        true
    }

    /// A hint on request; once both were seen, the answer (a skip).
    fn hint(&mut self) -> bool {
        let Some((i, exercise)) = self.current_exercise() else {
            return false;
        };
        if !self.exercises_open() {
            return false;
        }
        let mut state = self.course.progress.exercise_state(exercise);
        let Some(level) = state.hint() else {
            return self.skip();
        };
        let now = (self.course.clock)();
        self.course.progress.record_exercise(&state, now);
        self.course.unsaved = true;
        self.drill_mut().feedback[i] = Some(Feedback::Hint(level));
        self.scroll_drill_to_end();
        true
    }

    fn skip(&mut self) -> bool {
        let Some((i, exercise)) = self.current_exercise() else {
            return false;
        };
        let mut state = self.course.progress.exercise_state(exercise);
        if state.record().solved {
            return false;
        }
        state.skip();
        let now = (self.course.clock)();
        self.course.progress.record_exercise(&state, now);
        self.course.unsaved = true;
        self.drill_mut().feedback[i] = Some(Feedback::Skipped);
        self.scroll_drill_to_end();
        true
    }

    /// Scrolls so that the end of the exercise (its feedback) is on show.
    fn scroll_drill_to_end(&mut self) {
        let max = self.drill_max_scroll();
        let drill = self.drill_mut();
        drill.scroll = max;
        drill.at_end = true;
    }

    /// Opens or closes the review of the exercises tried.
    fn toggle_review(&mut self) -> bool {
        if self.course.review.take().is_some() {
            return true;
        }
        // Over the list, if it is open: closing the review goes back to it.
        self.course.review = Some(0);
        self.help = false;
        true
    }

    /// The keys that scroll the review while it is open; `None` for the others.
    pub(super) fn review_keys(&mut self, msg: &Message) -> Option<bool> {
        let old = self.course.review?;
        let rows = i32::from(self.review_rows());
        let delta = match msg {
            Message::ScrollUp => -1,
            Message::ScrollDown => 1,
            Message::ScrollPageUp => -rows,
            Message::ScrollPageDown => rows,
            Message::ScrollTop => i32::MIN / 2,
            Message::ScrollBottom => i32::MAX / 2,
            Message::ToggleReview => return Some(self.toggle_review()),
            _ => return None,
        };
        let max = i32::from(self.review_max_scroll());
        let new = (i32::from(old).min(max) + delta).clamp(0, max);
        let new = u16::try_from(new).unwrap_or(0);
        self.course.review = Some(new);
        Some(new != old)
    }

    /// The review laid out for the current size (measured, not styled), and the
    /// rows it has.
    pub fn review_layout(&self) -> (Vec<Line<'static>>, u16) {
        let area = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let Some(box_area) = super::layout::review_area(area) else {
            return (Vec::new(), 1);
        };
        let inner = super::review::review_inner(box_area);
        let lines = super::review::review_lines(
            self.loc.tr(self.lang),
            &self.course.progress,
            usize::from(inner.width),
            &Unstyled,
        );
        (lines, inner.height.max(1))
    }

    fn review_rows(&self) -> u16 {
        self.review_layout().1
    }

    fn review_max_scroll(&self) -> u16 {
        let (lines, rows) = self.review_layout();
        u16::try_from(lines.len().saturating_sub(usize::from(rows))).unwrap_or(u16::MAX)
    }

    fn list_update(&mut self, m: ListMsg) -> bool {
        let n = LessonId::ALL.len();
        let Some(cursor) = self.course.list else {
            if m != ListMsg::Toggle {
                return false;
            }
            self.course.list = Some(self.lesson.index());
            self.help = false;
            self.course.review = None;
            return true;
        };
        let to = match m {
            ListMsg::Toggle => {
                self.course.list = None;
                return true;
            }
            ListMsg::Prev => cursor.saturating_sub(1),
            ListMsg::Next => (cursor + 1).min(n - 1),
            ListMsg::First => 0,
            ListMsg::Last => n - 1,
            ListMsg::Open | ListMsg::Exercises => {
                self.course.list = None;
                let lesson = LessonId::ALL[cursor.min(n - 1)];
                if self.exercises_open() {
                    self.close_drill();
                }
                self.update(Message::GoTo(lesson));
                if m == ListMsg::Exercises {
                    self.exercise_update(ExerciseMsg::Open);
                }
                return true;
            }
        };
        self.course.list = Some(to);
        to != cursor
    }
}
