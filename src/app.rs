//! The model and every state change: `Message` in, new state out. Nothing here draws.
//!
//! Scrolling needs to know how long the reading text is at the current size: the
//! model measures it with [`layout`] and [`text`], the pure typesetting the view
//! paints with. The model never imports the view.

pub mod course;
pub mod layout;
pub mod look;
pub mod review;
pub mod text;
pub mod wrap;

use std::sync::Arc;

use tui_input::{Input, InputRequest};

use crate::activation::{self, Scalar};
use crate::i18n::{Lang, Localizer};
use crate::lesson::{self, Evaluation, Kind, LessonId, MODERN, MODERN_SHOWN, Note};
use crate::number::roundtrip;
use crate::value_input::{self, InputError, MAX_CHARS, MAX_VALUES};

use layout::{Reading, ReadingCache};

/// The notes under the list of functions (how many are shown, why the last one
/// stays): the cursor goes on to them, so that they can be read at any size.
pub const FUNCTION_LIST_NOTES: usize = 2;

/// Different control characters a paste may hold that a remark names, at most.
const MAX_CONTROLS_TOLD: usize = 8;
pub use course::{Course, ExerciseMsg, Feedback, ListMsg, Notice};
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
    /// The lesson's exercises are on show; keys pick, skip and move between them.
    Exercise,
    /// Keys edit the answer box of an exercise.
    Answer,
    /// Keys choose which functions the lesson `modern` draws.
    Functions,
}

/// The pages of the help, one for each place keys go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    Reading,
    Typing,
    Results,
    Functions,
    Exercises,
    Answer,
}

impl HelpPage {
    pub const ALL: [HelpPage; 6] = [
        HelpPage::Reading,
        HelpPage::Typing,
        HelpPage::Results,
        HelpPage::Functions,
        HelpPage::Exercises,
        HelpPage::Answer,
    ];

    /// The page that tells about the keys of `focus`.
    pub fn of(focus: Focus) -> HelpPage {
        match focus {
            Focus::Browse => HelpPage::Reading,
            Focus::Input => HelpPage::Typing,
            Focus::Results => HelpPage::Results,
            Focus::Exercise => HelpPage::Exercises,
            Focus::Answer => HelpPage::Answer,
            Focus::Functions => HelpPage::Functions,
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

impl Edit {
    /// The edit as `tui_input` does it (each box checks an insertion first: its
    /// length, what it keeps).
    pub(crate) fn request(self) -> InputRequest {
        match self {
            Edit::Insert(c) => InputRequest::InsertChar(c),
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
        }
    }
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
    /// The previous, next, first and last value of the results (or function of the
    /// list, while choosing functions).
    SelectPrev,
    SelectNext,
    SelectFirst,
    SelectLast,
    /// Draw the derivatives over the functions, or stop drawing them.
    ToggleDerivative,
    /// Choose which functions the lesson `modern` draws.
    FocusFunctions,
    /// Show or hide the function under the cursor of the list.
    ToggleCurve,
    /// Show or hide the function at this place of the list (0-based, [`MODERN`]).
    ToggleCurveAt(usize),
    /// One more, or one fewer: the layers of the lesson `vanishing`, the shift s
    /// (by [`lesson::SHIFT_STEP`]) of the overflow lesson.
    More,
    Less,
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
    /// The lesson's exercises.
    Exercise(ExerciseMsg),
    /// The list of lessons.
    List(ListMsg),
    /// Opens or closes the review: every exercise tried, the learner's answer,
    /// whether it was right, and why.
    ToggleReview,
    /// Closes the notice on show.
    DismissNotice,
    /// How far the help page on show can scroll at this size (the view measures
    /// it; the front end passes it on after each change).
    HelpRoom(u16),
    /// The screen is drawn smaller than the window it is in: the window's size
    /// (`None`: the screen is the whole window). The front end says why it draws
    /// smaller; the lessons say that it does.
    WindowLarger(Option<(u16, u16)>),
    /// What the store made of the progress last taken with [`App::take_unsaved`]
    /// (the front end saves it and passes the answer on).
    Saved(Box<Result<crate::progress::store::Loaded, crate::progress::store::StoreError>>),
}

/// What the results area shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// The lesson's examples, before the learner evaluated anything.
    Examples,
    /// The learner's last evaluation.
    Result(Evaluation),
}

/// What the input box did not take since the learner last pressed Enter: characters
/// past the length cap, control characters of a paste. Told, never dropped silently.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Untaken {
    /// Characters refused because the box was full.
    pub past_cap: usize,
    /// Control characters left out of a paste (each once, in order).
    pub controls: Vec<char>,
    /// Values read past the most one evaluation takes, left out of it.
    pub values_left_out: usize,
}

impl Untaken {
    pub fn is_empty(&self) -> bool {
        self.past_cap == 0 && self.controls.is_empty() && self.values_left_out == 0
    }

    fn remarks(&self) -> Vec<Remark> {
        let mut out = Vec::new();
        if self.past_cap > 0 {
            out.push(Remark::PastCap {
                count: self.past_cap,
                max: MAX_CHARS,
            });
        }
        if self.values_left_out > 0 {
            out.push(Remark::ValuesLeftOut {
                count: self.values_left_out,
                max: MAX_VALUES,
            });
        }
        if !self.controls.is_empty() {
            out.push(Remark::Controls(self.controls.clone()));
        }
        out
    }
}

/// What the results area tells besides the numbers: one entry for each thing to
/// read, in the order shown. With the results chosen (`r`), the keys that choose a
/// value go on through these, so that every one of them can be read at any size.
#[derive(Debug, Clone, PartialEq)]
pub enum Remark {
    /// `count` characters past the cap of `max` were not taken into the box.
    PastCap { count: usize, max: usize },
    /// Control characters a paste held, left out of the box.
    Controls(Vec<char>),
    /// `count` values past the most one evaluation takes (`max`) were left out:
    /// the results are those of the first `max`.
    ValuesLeftOut { count: usize, max: usize },
    /// Why a result is what it is.
    Note(Note),
    /// What `inf` and `NaN` mean, when either is on show (and which shows).
    NonFinite { inf: bool, nan: bool },
    /// Under an input error: what the box of this lesson accepts.
    Accepted(LessonId),
    /// `+` or `-` went past the end of what the lesson takes (the number of layers
    /// is already `at` the most, or the fewest, there is).
    AtLimit { at: u32, most: bool },
}

/// The remarks that go with `evals`: each one's notes in order (with, in the
/// lesson `modern`, those on the `functions` shown and, if `derivative`, on their
/// derivatives), then what inf and NaN mean if either shows.
pub fn remarks_of(evals: &[Evaluation], functions: &[Scalar], derivative: bool) -> Vec<Remark> {
    let mut out: Vec<Remark> = Vec::new();
    for eval in evals {
        out.extend(eval.notes().into_iter().map(Remark::Note));
        out.extend(
            eval.derivative_notes(functions)
                .into_iter()
                // The lesson `modern` tells about derivatives when it shows them;
                // the lessons of one function always show h'(x).
                .filter(|n| {
                    !n.about_derivative()
                        || derivative
                        || !matches!(eval, Evaluation::Functions { .. })
                })
                .map(Remark::Note),
        );
    }
    let (inf, nan) = evals.iter().fold((false, false), |(i, n), e| {
        let (a, b) = e.shows_non_finite(functions, derivative);
        (i || a, n || b)
    });
    if inf || nan {
        out.push(Remark::NonFinite { inf, nan });
    }
    out
}

/// What is chosen in the results: a value (its index among [`Page::points`]) or a
/// remark (its index among [`Page::remarks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    Value(usize),
    Remark(usize),
}

/// The state of one lesson, kept while the learner visits others.
#[derive(Debug, Clone)]
pub struct Page {
    /// The lesson whose state this is.
    pub lesson: LessonId,
    pub input: Input,
    /// The lesson's examples, evaluated once.
    pub examples: Vec<Evaluation>,
    pub shown: Shown,
    pub error: Option<InputError>,
    /// First line of the explanation on show.
    pub scroll: u16,
    /// How far code lines are shifted sideways, in cells.
    pub shift: u16,
    /// What is chosen in the results: the values first (indices into
    /// [`Page::points`]), then the remarks (see [`Page::chosen`]). The chart marks
    /// the chosen value with its coordinates.
    pub selected: usize,
    /// What the box did not take since Enter was last pressed (told at once).
    pub untaken: Untaken,
    /// What the box had not taken when Enter was last pressed (told with the result).
    pub told: Untaken,
    /// The functions the lesson `modern` draws, in the order of [`MODERN`].
    pub functions: Vec<Scalar>,
    /// The place of the list of functions the cursor is on: a function (below
    /// [`MODERN`]`.len()`), then the notes under the list ([`FUNCTION_LIST_NOTES`]).
    pub function_cursor: usize,
    /// `+` or `-` was pressed at the end of the range: told until the next change.
    pub at_limit: Option<(u32, bool)>,
    /// The chart draws the derivatives too (the same in every page: `d` sets it for
    /// all of them, so the choice follows the learner from lesson to lesson).
    pub derivative: bool,
}

/// Where a value of an evaluation goes on the lesson's chart: `(x, y)` of a function
/// chart (`y` is log10 of `e^x` on the overflow chart, log10 of the gradient on the
/// chart of the lesson `vanishing`), or (bar centre, probability) on the softmax
/// chart. `functions`: those the lesson `modern` shows, each at every x.
pub fn points(eval: &Evaluation, functions: &[Scalar]) -> Vec<(f64, f64)> {
    let log_e = |x: f64| (x, x * std::f64::consts::LOG10_E);
    match eval {
        Evaluation::Scalar { points, .. } => points.clone(),
        Evaluation::Softmax { probs, .. } => probs
            .iter()
            .enumerate()
            .map(|(k, p)| (k as f64 + 0.5, *p))
            .collect(),
        Evaluation::Exp { x, .. } => vec![log_e(*x)],
        Evaluation::Compare { inputs, .. } => {
            // The comparison's rows, then each table of steps (there the point is
            // the shifted exponent `a - s`), then the log-softmax rows.
            let mut out: Vec<(f64, f64)> = inputs.iter().copied().map(log_e).collect();
            for (_, steps) in eval.steps() {
                out.extend(steps.shifted.iter().copied().map(log_e));
            }
            out.extend(inputs.iter().copied().map(log_e));
            out
        }
        // Function by function, as the tables list them: down one function's
        // column (row by row when each has a table of its own), then the next.
        Evaluation::Functions { xs, .. } => functions
            .iter()
            .flat_map(|f| xs.iter().map(move |&x| (x, f.eval(x))))
            .collect(),
        Evaluation::Vanishing { layers, chains, .. } => {
            // One row per function (its largest gradient), then the sigmoid chain
            // layer by layer.
            let n = f64::from(*layers);
            let mut out: Vec<(f64, f64)> = chains
                .iter()
                .map(|(f, _)| (n, activation::log10_largest_gradient(*f, *layers)))
                .collect();
            if let Some((_, chain)) = chains.first() {
                out.extend(
                    chain
                        .layers
                        .iter()
                        .enumerate()
                        .map(|(k, l)| ((k + 1) as f64, l.product.abs().log10())),
                );
            }
            out
        }
    }
}

/// The value chosen when results appear: the last one entered (for examples shown
/// together, the last of the first, which the results show first).
fn default_selection(evals: &[Evaluation], functions: &[Scalar]) -> usize {
    evals.first().map_or(0, |e| match e {
        // The comparison's last row, not the last row of its steps.
        Evaluation::Compare { inputs, .. } => inputs.len().saturating_sub(1),
        // The first comparison of the gradients, above the chain.
        Evaluation::Vanishing { .. } => 0,
        // The last value in the first function's column (its table comes first).
        Evaluation::Functions { xs, .. } => xs.len().saturating_sub(1),
        e => points(e, functions).len().saturating_sub(1),
    })
}

impl Page {
    fn new(lesson: LessonId) -> Page {
        let examples = lesson.example_evaluations();
        let functions = MODERN_SHOWN.to_vec();
        Page {
            lesson,
            input: Input::default(),
            selected: default_selection(&examples, &functions),
            examples,
            shown: Shown::Examples,
            error: None,
            scroll: 0,
            shift: 0,
            untaken: Untaken::default(),
            told: Untaken::default(),
            functions,
            function_cursor: 0,
            at_limit: None,
            derivative: false,
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
        self.evaluations()
            .iter()
            .flat_map(|e| points(e, &self.functions))
            .collect()
    }

    /// The points the chart marks as the values entered: every point, but for a
    /// comparison only its own rows (not those of its steps and of log-softmax),
    /// and for the lesson `vanishing` only the largest gradients.
    pub fn marks(&self) -> Vec<(f64, f64)> {
        self.evaluations()
            .iter()
            .flat_map(|e| {
                let all = points(e, &self.functions);
                let n = match e {
                    Evaluation::Compare { inputs, .. } => inputs.len(),
                    Evaluation::Vanishing { chains, .. } => chains.len(),
                    _ => all.len(),
                };
                all.into_iter().take(n)
            })
            .collect()
    }

    /// How many values the results show (none while an input error is on show).
    pub fn value_count(&self) -> usize {
        if self.error.is_some() {
            0
        } else {
            self.points().len()
        }
    }

    /// What the results tell besides the numbers, in order: what the box did not
    /// take, then (under an error) what it accepts, or the notes on the values.
    pub fn remarks(&self) -> Vec<Remark> {
        let mut out = self.told.remarks();
        for r in self.untaken.remarks() {
            if !out.contains(&r) {
                out.push(r);
            }
        }
        if let Some((at, most)) = self.at_limit {
            out.push(Remark::AtLimit { at, most });
        }
        if self.error.is_some() {
            out.push(Remark::Accepted(self.lesson));
        } else {
            out.extend(remarks_of(
                self.evaluations(),
                &self.functions,
                self.derivative,
            ));
        }
        out
    }

    /// How many things the results keys can choose: the values, then the remarks.
    pub fn stops(&self) -> usize {
        self.value_count() + self.remarks().len()
    }

    /// What is chosen, if the results have anything to choose.
    pub fn chosen(&self) -> Option<Chosen> {
        let values = self.value_count();
        let stops = self.stops();
        if stops == 0 {
            return None;
        }
        let i = self.selected.min(stops - 1);
        Some(if i < values {
            Chosen::Value(i)
        } else {
            Chosen::Remark(i - values)
        })
    }

    /// The value the chart names: the chosen one, or while a remark is chosen, the
    /// last value.
    pub fn chosen_value(&self) -> Option<usize> {
        let n = self.points().len();
        (n > 0).then(|| self.selected.min(n - 1))
    }

    /// The chosen value as (evaluation, value within it).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let mut left = self.chosen_value()?;
        for (i, eval) in self.evaluations().iter().enumerate() {
            let n = points(eval, &self.functions).len();
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
        self.points().get(self.chosen_value()?).copied()
    }

    /// Whether the chart shows this page's values: not while an input error is on
    /// show (the values would be the previous ones, next to the error about new ones).
    pub fn chart_shows_values(&self) -> bool {
        self.error.is_none()
    }

    /// The functions the lesson `modern` draws, in the order of its list.
    pub fn shown_functions(&self) -> &[Scalar] {
        &self.functions
    }

    /// The evaluation a change of the lesson's number starts from: the last one on
    /// show of the kind it changes.
    fn adjustable(&self) -> Option<&Evaluation> {
        self.evaluations()
            .iter()
            .rev()
            .find(|e| matches!(e, Evaluation::Compare { .. } | Evaluation::Vanishing { .. }))
    }
}

/// The text that, typed, evaluates `eval` again (what the input box shows after `+`
/// or `-` changed the evaluation).
fn typed_form(eval: &Evaluation) -> String {
    match eval {
        Evaluation::Compare { inputs, shift, .. } => {
            let mut text: Vec<String> = inputs.iter().map(|&a| roundtrip_short(a)).collect();
            if let Some(c) = shift {
                text.push(format!("s={}", roundtrip_short(*c)));
            }
            text.join(", ")
        }
        Evaluation::Vanishing { layers, x, .. } => {
            if *x == lesson::DEFAULT_CHAIN_X {
                layers.to_string()
            } else {
                format!("{layers}, x={}", roundtrip_short(*x))
            }
        }
        _ => String::new(),
    }
}

/// A number as typed: `1000`, not `1000.0`; `inf`, `nan`.
fn roundtrip_short(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    let s = roundtrip(v);
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
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
    /// The first line of the help page on show (a page taller than the screen
    /// scrolls).
    pub help_scroll: u16,
    /// How far the help page on show can scroll, as the view measured it
    /// ([`Message::HelpRoom`]).
    pub help_room: u16,
    /// The closing screen after the last lesson is on show.
    pub closing: bool,
    pub closing_scroll: u16,
    pub look: Look,
    pub size: (u16, u16),
    /// The window's size when the screen ([`App::size`]) is drawn smaller than it
    /// ([`Message::WindowLarger`]).
    pub window_larger: Option<(u16, u16)>,
    pub pages: Vec<Page>,
    pub running: bool,
    /// Whether the front end can suspend (Ctrl-Z); where it cannot, the help does not
    /// offer it.
    pub can_suspend: bool,
    /// Exercises, the lesson list, the learner's progress and notices.
    pub course: Course,
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
            help_scroll: 0,
            help_room: 0,
            closing: false,
            closing_scroll: 0,
            look,
            size: (80, 24),
            window_larger: None,
            pages: LessonId::ALL.into_iter().map(Page::new).collect(),
            running: true,
            can_suspend: true,
            course: Course::default(),
            reading_cache: ReadingCache::default(),
        }
    }

    /// Tells the app whether its front end can suspend (a terminal with job control
    /// can; a front end that cannot ignores Ctrl-Z, and the help does not offer it).
    pub fn with_suspend(mut self, can: bool) -> App {
        self.can_suspend = can;
        self
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

    /// Whether the charts draw derivatives too.
    pub fn derivative(&self) -> bool {
        self.page().derivative
    }

    /// Whether the screen charts functions whose derivatives `d` draws.
    pub fn has_functions(&self) -> bool {
        !self.closing && self.lesson.has_functions()
    }

    /// Whether the lesson on show has a number that `+` and `-` change.
    pub fn has_adjust(&self) -> bool {
        !self.closing && matches!(self.lesson.kind(), Kind::Vanishing | Kind::Overflow)
    }

    /// Whether the lesson on show has a list of functions to choose from.
    pub fn has_function_list(&self) -> bool {
        !self.closing && self.lesson.kind() == Kind::Modern
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
        let before = self.watch();
        let hook = match &msg {
            Message::Evaluate
            | Message::Quit
            | Message::ToggleLang
            | Message::Resize(..)
            | Message::Exercise(_) => Some(msg.clone()),
            _ => None,
        };
        let changed = self.apply(msg);
        self.after(before, hook.as_ref());
        changed
    }

    /// The keys that scroll the help while it is open (as far as the view said it
    /// can); `None` for the others.
    fn help_keys(&mut self, msg: &Message) -> Option<bool> {
        if !self.help {
            return None;
        }
        let delta: i32 = match msg {
            Message::ScrollUp => -1,
            Message::ScrollDown => 1,
            _ => return None,
        };
        let max = i32::from(self.help_room);
        let old = self.help_scroll;
        let new = (i32::from(old).min(max) + delta).clamp(0, max);
        self.help_scroll = u16::try_from(new).unwrap_or(0);
        Some(self.help_scroll != old)
    }

    fn apply(&mut self, msg: Message) -> bool {
        if let Some(changed) = self.help_keys(&msg) {
            return changed;
        }
        if let Some(changed) = self.review_keys(&msg) {
            return changed;
        }
        if let Some(changed) = self.drill_keys(&msg) {
            return changed;
        }
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
                // From the lesson's input box back to the exercise on show, if any.
                if !self.leave_to_drill() {
                    self.focus = Focus::Browse;
                }
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
            Message::ToggleDerivative => {
                if !self.has_functions() {
                    return false;
                }
                let on = !self.derivative();
                for page in &mut self.pages {
                    page.derivative = on;
                }
            }
            Message::FocusFunctions => {
                if !self.has_function_list() || self.focus == Focus::Functions {
                    return false;
                }
                self.focus = Focus::Functions;
                self.help = false;
            }
            Message::ToggleCurve => {
                let at = self.page().function_cursor;
                return self.toggle_curve(at);
            }
            Message::ToggleCurveAt(at) => return self.toggle_curve(at),
            Message::More => return self.adjust(1.0),
            Message::Less => return self.adjust(-1.0),
            Message::Exercise(_)
            | Message::List(_)
            | Message::ToggleReview
            | Message::DismissNotice
            | Message::Saved(_) => return self.course_update(msg),
            Message::WindowLarger(window) => {
                let changed = window != self.window_larger;
                self.window_larger = window;
                return changed;
            }
            Message::HelpRoom(room) => {
                self.help_room = room;
                let scroll = self.help_scroll.min(room);
                let changed = scroll != self.help_scroll;
                self.help_scroll = scroll;
                return changed;
            }
        }
        true
    }

    /// Shows or hides the function at place `at` of [`MODERN`]; the last one shown
    /// stays.
    fn toggle_curve(&mut self, at: usize) -> bool {
        let Some(&f) = MODERN.get(at) else {
            return false;
        };
        if !self.has_function_list() {
            return false;
        }
        let page = self.page_mut();
        page.function_cursor = at;
        // The value chosen, as (which function, which x), to keep it chosen: the
        // values go function by function.
        let xs = page
            .evaluations()
            .iter()
            .find_map(|e| match e {
                Evaluation::Functions { xs, .. } => Some(xs.len()),
                _ => None,
            })
            .unwrap_or(0)
            .max(1);
        let (chosen, xi) = (
            page.functions.get(page.selected / xs).copied(),
            page.selected % xs,
        );
        if page.functions.contains(&f) {
            if page.functions.len() == 1 {
                // Refused: the cursor goes to the note under the list that says why.
                page.function_cursor = MODERN.len() + 1;
                return true;
            }
            page.functions.retain(|&g| g != f);
        } else {
            page.functions = MODERN
                .iter()
                .copied()
                .filter(|g| *g == f || page.functions.contains(g))
                .collect();
        }
        let column = chosen
            .and_then(|c| page.functions.iter().position(|&g| g == c))
            .unwrap_or(0);
        let n = page.points().len();
        page.selected = (column * xs + xi).min(n.saturating_sub(1));
        true
    }

    /// `+` and `-`: one layer more or fewer in the lesson `vanishing`; the shift C
    /// of the overflow lesson up or down by [`lesson::SHIFT_STEP`] (from max(a), the
    /// stable form's, when none was chosen yet). The input box shows what is
    /// evaluated.
    fn adjust(&mut self, sign: f64) -> bool {
        if !self.has_adjust() {
            return false;
        }
        let functions = self.page().functions.clone();
        let Some(current) = self.page().adjustable().cloned() else {
            return false;
        };
        let next = match current {
            Evaluation::Vanishing {
                layers, x, misread, ..
            } => {
                let to = if sign > 0.0 {
                    (layers + 1).min(lesson::MAX_LAYERS)
                } else {
                    layers.saturating_sub(1).max(1)
                };
                if to == layers {
                    // Already at the end: said, so that the key is not thought broken.
                    let told = Some((layers, sign > 0.0));
                    let page = self.page_mut();
                    let changed = page.at_limit != told;
                    page.at_limit = told;
                    return changed;
                }
                Evaluation::vanishing(to, x, misread)
            }
            Evaluation::Compare {
                inputs,
                naive,
                stable,
                shift,
                mut misread,
            } => {
                let from = shift
                    .unwrap_or_else(|| inputs.iter().copied().fold(f64::NEG_INFINITY, f64::max));
                let from = if from.is_finite() { from } else { 0.0 };
                // The shift is no longer the one typed.
                misread.retain(|m| m.index != lesson::Misread::SETTING);
                Evaluation::Compare {
                    inputs,
                    naive,
                    stable,
                    shift: Some(from + sign * lesson::SHIFT_STEP),
                    misread,
                }
            }
            _ => return false,
        };
        let text = typed_form(&next);
        let page = self.page_mut();
        page.input = Input::new(text);
        page.error = None;
        page.at_limit = None;
        let old_selected = page.selected;
        page.selected = match &next {
            // The row of the largest input in the table of the new shift, so that
            // the results show what changed (and the chart marks its exponent).
            Evaluation::Compare { inputs, .. } => {
                let n = inputs.len();
                let largest = inputs
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(0, |(i, _)| i);
                n + 2 * n + largest
            }
            // The row of the same layer, or the default one.
            _ => {
                let n = points(&next, &functions).len();
                if n > old_selected && old_selected > 0 {
                    old_selected
                } else {
                    default_selection(std::slice::from_ref(&next), &functions)
                }
            }
        };
        page.shown = Shown::Result(next);
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
                self.close_drill();
                self.focus = Focus::Browse;
                self.clamp_scroll();
                true
            }
        }
    }

    fn go_to(&mut self, to: LessonId) -> bool {
        // From the list (or its exercises), a lesson opens as it is read.
        let listed = self.course.list.take().is_some();
        let drilling = self.exercises_open();
        if drilling {
            self.close_drill();
        }
        if to == self.lesson && !self.closing {
            return listed || drilling;
        }
        self.lesson = to;
        self.closing = false;
        self.help = false;
        self.clamp_scroll();
        if !to.has_input() || (self.focus == Focus::Functions && to.kind() != Kind::Modern) {
            self.focus = Focus::Browse;
        }
        true
    }

    /// Moves the selection among the values on show (or the cursor of the list of
    /// functions): `to(selected, count)`.
    fn select(&mut self, to: impl Fn(usize, usize) -> usize) -> bool {
        if !self.has_input() {
            return false;
        }
        if self.focus == Focus::Functions {
            let page = self.page_mut();
            let old = page.function_cursor;
            page.function_cursor = to(
                old.min(MODERN.len() + FUNCTION_LIST_NOTES - 1),
                MODERN.len() + FUNCTION_LIST_NOTES,
            );
            return page.function_cursor != old;
        }
        let n = self.page().stops();
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
        if let Edit::Insert(c) = edit {
            if c.is_control() {
                return false;
            }
            if let Err(e) = self.insert_kept(c) {
                self.page_mut().error = Some(e);
            }
            return true;
        }
        self.page_mut().input.handle(edit.request()).is_some()
    }

    /// Inserts pasted text at the cursor: line breaks (line and paragraph separators
    /// too) and tabs become spaces; other control characters are left out and named
    /// in a remark; invisible ones are written out ([`value_input::kept_in_the_box`]);
    /// whatever goes past the cap is refused with the too-long message and counted
    /// in a remark that stays with the next result (what fits is kept).
    fn paste(&mut self, text: &str) -> bool {
        if self.focus != Focus::Input {
            if !self.has_input() {
                return false;
            }
            self.focus = Focus::Input;
        }
        let mut last_space = false;
        let mut refused = 0;
        for c in text.chars() {
            let c = if matches!(
                c,
                '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                ' '
            } else {
                c
            };
            if c.is_control() {
                let controls = &mut self.page_mut().untaken.controls;
                if !controls.contains(&c) && controls.len() < MAX_CONTROLS_TOLD {
                    controls.push(c);
                }
                continue;
            }
            if c == ' ' && last_space {
                continue;
            }
            last_space = c == ' ';
            // Once the box is full, the rest is only counted.
            if refused > 0 {
                self.page_mut().untaken.past_cap += 1;
                refused += 1;
            } else if self.insert_kept(c).is_err() {
                refused += 1;
            }
        }
        if refused > 0 {
            let len = self.page().input.value().chars().count();
            self.page_mut().error = Some(InputError::TooLong {
                chars: len + refused,
                max: MAX_CHARS,
            });
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

    /// Inserts `c` at the cursor, or refuses it when the box is full (and counts it,
    /// to be told with the next result).
    fn insert(&mut self, c: char) -> Result<(), InputError> {
        let len = self.page().input.value().chars().count();
        if len >= MAX_CHARS {
            self.page_mut().untaken.past_cap += 1;
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
        page.told = std::mem::take(&mut page.untaken);
        page.at_limit = None;
        match lesson.read(page.input.value()) {
            Ok(request) => {
                page.told.values_left_out = request.values.left_out();
                if let Some(eval) = lesson.evaluate_on(&request, page.evaluations()) {
                    page.selected = default_selection(std::slice::from_ref(&eval), &page.functions);
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
