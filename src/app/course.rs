//! The course around the lessons: each lesson's exercises, the lesson list, the
//! learner's progress and what the learner is told about it. State changes only:
//! saving is the front end's (it takes [`App::take_unsaved`], saves it, and hands
//! the store's answer back as [`Message::Saved`]); drawing is the view's.
//!
//! What is recorded, and when: an answer, a skip, an evaluation, a change of lesson
//! and quitting record the learner's place and mark the progress unsaved; scrolling
//! and typing do not (the place they change is recorded at the next of those). A
//! lesson is read once its last line has been on the screen.

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
use crate::progress::{DrillPlace, Progress, Reading as ReadState, Stamp};

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
    /// Stop typing (the answer stays).
    LeaveAnswer,
    /// Check what is in the answer box.
    Check,
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
    /// The learner skipped it: the answer and why are shown.
    Skipped,
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
        Feedback::Skipped => exercise::join(tr, tr.t("exercise-skipped"), exercise.reveal(tr)),
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
            Feedback::Answered(Outcome::Right { .. }) => styles.good(),
            Feedback::Answered(Outcome::Invalid(_)) | Feedback::Answered(Outcome::Wrong { .. }) => {
                styles.bad()
            }
            Feedback::Skipped | Feedback::Pasted(_) => styles.dim(),
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
    /// Whether the exercises are on show (the reading pane and the lab give them
    /// their room).
    pub fn exercises_open(&self) -> bool {
        matches!(self.focus, Focus::Exercise | Focus::Answer)
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
        let (doc, _) = super::layout::drill_areas(area)?;
        let inner = super::layout::drill_inner(doc);
        let lines = drill_lines(
            self.loc.tr(self.lang),
            exercise,
            i + 1,
            self.course.progress.status(exercise),
            self.drill().feedback.get(i).and_then(Option::as_ref),
            usize::from(inner.width),
            &Unstyled,
        );
        Some((lines, inner.height.max(1)))
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
            self.focus = if drill.typing {
                Focus::Answer
            } else {
                Focus::Exercise
            };
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
                || !self.course.notices.is_empty(),
            help: (self.help, self.help_page),
        }
    }

    /// What a message means for the progress, once it is applied.
    pub(super) fn after(&mut self, before: Watch, msg: Option<&Message>) {
        let now = (self.course.clock)();
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
        if after != before || matches!(msg, Some(Message::Resize(..))) {
            if self.exercises_open() {
                let max = self.drill_max_scroll();
                let drill = self.drill_mut();
                drill.scroll = if drill.at_end {
                    max
                } else {
                    drill.scroll.min(max)
                };
            }
            self.check_read(now);
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

    /// Marks the lesson read once its last line is on the screen.
    fn check_read(&mut self, now: Stamp) {
        let covered = self.exercises_open()
            || self.help
            || self.course.list.is_some()
            || !self.course.notices.is_empty();
        if self.closing
            || covered
            || self.course.progress.lesson(self.lesson).reading == ReadState::Read
        {
            return;
        }
        let reading = self.reading();
        if super::layout::regions(ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1))
            .is_some()
            && self.scroll() >= reading.max_scroll()
        {
            self.course.progress.mark_read(self.lesson, now);
            self.course.unsaved = true;
        }
    }

    /// The messages of the course: exercises, the list, notices, saves.
    pub(super) fn course_update(&mut self, msg: Message) -> bool {
        match msg {
            Message::Exercise(m) => self.exercise_update(m),
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
        let rows = || self.drill_layout().map_or(1, |(_, rows)| i32::from(rows));
        let delta = match msg {
            Message::ScrollUp => -1,
            Message::ScrollDown => 1,
            Message::ScrollPageUp => -rows(),
            Message::ScrollPageDown => rows(),
            Message::ScrollTop => i32::MIN / 2,
            Message::ScrollBottom => i32::MAX / 2,
            Message::Edit(edit) => return Some(self.edit_answer(*edit)),
            Message::Paste(text) => return Some(self.paste_answer(text)),
            _ => return None,
        };
        let max = i32::from(self.drill_max_scroll());
        let drill = self.drill_mut();
        let old = drill.scroll;
        let new = (i32::from(old).min(max) + delta).clamp(0, max);
        drill.scroll = u16::try_from(new).unwrap_or(0);
        drill.at_end = new == max && delta > 0;
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

    /// Shows exercise `i` with the keys on the exercise: `n` `p` always move
    /// between exercises, and what starts an answer (a digit, a sign) starts typing
    /// it.
    fn show_exercise(&mut self, i: usize) -> bool {
        if self.lesson_exercises().get(i).is_none() {
            return false;
        }
        let focus = Focus::Exercise;
        let drill = self.drill_mut();
        if drill.current != Some(i) {
            drill.scroll = 0;
            drill.at_end = false;
        }
        drill.current = Some(i);
        self.focus = focus;
        self.help = false;
        self.course.list = None;
        true
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
                self.focus = Focus::Browse;
                true
            }
            ExerciseMsg::FocusAnswer => {
                if self.focus != Focus::Exercise {
                    return false;
                }
                self.focus = Focus::Answer;
                true
            }
            ExerciseMsg::LeaveAnswer => {
                if self.focus != Focus::Answer {
                    return false;
                }
                self.focus = Focus::Exercise;
                true
            }
            ExerciseMsg::Check => self.focus == Focus::Answer && self.submit(),
            ExerciseMsg::Skip => self.skip(),
            ExerciseMsg::Next => {
                let Some((i, _)) = self.current_exercise() else {
                    return false;
                };
                if i + 1 < self.lesson_exercises().len() {
                    self.show_exercise(i + 1)
                } else {
                    self.focus = Focus::Browse;
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
                    self.focus = Focus::Browse;
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
        if !matches!(outcome, Outcome::Invalid(_)) {
            let now = (self.course.clock)();
            self.course.progress.record_exercise(&state, now);
            self.course.unsaved = true;
        }
        if matches!(outcome, Outcome::Right { .. }) {
            self.focus = Focus::Exercise;
        }
        // A checked answer stays on show, and the next try replaces it; one that
        // could not be read is kept for editing.
        self.drill_mut().checked[i] = !matches!(outcome, Outcome::Invalid(_));
        self.drill_mut().feedback[i] = Some(Feedback::Answered(outcome));
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
        self.focus = Focus::Exercise;
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

    fn list_update(&mut self, m: ListMsg) -> bool {
        let n = LessonId::ALL.len();
        let Some(cursor) = self.course.list else {
            if m != ListMsg::Toggle {
                return false;
            }
            self.course.list = Some(self.lesson.index());
            self.help = false;
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
                    self.focus = Focus::Browse;
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
