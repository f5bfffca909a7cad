//! Keys to messages: the only place keys are named. One table, [`TABLE`], says what
//! every key does in every mode; [`message_for`] follows it, and the help and the
//! footer are drawn from it, so a key that works is a key that is shown.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, Edit, ExerciseMsg, Focus, HelpPage, ListMsg, Message};
use crate::lesson::LessonId;

/// What the keys currently do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Reading: moving between lessons, scrolling.
    Browse,
    /// Typing in the input box.
    Input,
    /// Choosing a value of the results.
    Results,
    /// Choosing the functions the lesson `modern` draws.
    Functions,
    /// The help is open.
    Help,
    /// A lesson's exercises are on show.
    Exercise,
    /// Typing the answer to an exercise.
    Answer,
    /// The lesson list is open.
    List,
    /// A notice is on show.
    Notice,
    /// The review of the exercises is open.
    Review,
}

impl Mode {
    pub const ALL: [Mode; 10] = [
        Mode::Browse,
        Mode::Input,
        Mode::Results,
        Mode::Functions,
        Mode::Help,
        Mode::Exercise,
        Mode::Answer,
        Mode::List,
        Mode::Notice,
        Mode::Review,
    ];

    pub fn of(app: &App) -> Mode {
        if !app.course.notices.is_empty() {
            Mode::Notice
        } else if app.help {
            Mode::Help
        } else if app.course.review.is_some() {
            Mode::Review
        } else if app.course.list.is_some() {
            Mode::List
        } else {
            match app.focus {
                Focus::Input => Mode::Input,
                Focus::Results => Mode::Results,
                Focus::Functions => Mode::Functions,
                Focus::Browse => Mode::Browse,
                Focus::Exercise => Mode::Exercise,
                Focus::Answer => Mode::Answer,
            }
        }
    }

    /// The mode whose keys a help page tells.
    pub fn of_page(page: HelpPage) -> Mode {
        match page {
            HelpPage::Reading => Mode::Browse,
            HelpPage::Typing => Mode::Input,
            HelpPage::Results => Mode::Results,
            HelpPage::Exercises => Mode::Exercise,
            HelpPage::Answer => Mode::Answer,
            HelpPage::Functions => Mode::Functions,
        }
    }
}

/// A key as the table names it: a key code and the Ctrl/Alt modifiers it needs
/// (Shift is part of the character: `G`, `?`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn key(code: KeyCode) -> Key {
    Key { code, mods: NONE }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(code: KeyCode) -> Key {
    Key { code, mods: CTRL }
}
const fn alt(code: KeyCode) -> Key {
    Key { code, mods: ALT }
}

impl Key {
    /// Whether `event` is this key. Shift is ignored (it is in the character), and
    /// so is the case of a letter held with Ctrl or Alt.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods = event.modifiers & (CTRL | ALT);
        if mods != self.mods {
            return false;
        }
        match (self.code, event.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) if self.mods != NONE => a.eq_ignore_ascii_case(&b),
            (a, b) => a == b,
        }
    }

    /// The event this key sends.
    pub fn event(&self) -> KeyEvent {
        KeyEvent::new(self.code, self.mods)
    }

    /// The key as shown on screen; arrows are words in ASCII mode (their glyphs are
    /// ambiguous width).
    pub fn label(&self, ascii: bool) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".into(),
            KeyCode::Char(c) if self.mods != NONE => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Left if !ascii => "←".into(),
            KeyCode::Right if !ascii => "→".into(),
            KeyCode::Up if !ascii => "↑".into(),
            KeyCode::Down if !ascii => "↓".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            code => format!("{code:?}"),
        };
        let name = match (self.mods, self.code) {
            // Alt letters are shown as typed: Alt-b, not Alt-B.
            (ALT, KeyCode::Char(c)) => c.to_string(),
            _ => name,
        };
        if self.mods == CTRL {
            format!("Ctrl-{name}")
        } else if self.mods == ALT {
            format!("Alt-{name}")
        } else {
            name
        }
    }
}

/// When a footer hint is worth its room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context {
    pub ascii: bool,
    /// The screen has an input box.
    pub has_input: bool,
    /// The closing screen is on show.
    pub closing: bool,
    /// A line of code on show is wider than the reading pane.
    pub code_clipped: bool,
    /// The lesson on show has exercises.
    pub has_exercises: bool,
    /// The reading pane's foot tells the key of the exercises (with how many are
    /// solved): the footer need not.
    pub exercises_told: bool,
    /// The first lesson is on show: there is none before it.
    pub first: bool,
    /// The help page on show is taller than the screen.
    pub help_scrolls: bool,
    /// The lesson charts functions (their derivatives can be drawn).
    pub functions: bool,
    /// The lesson has a number that `+` and `-` change.
    pub adjust: bool,
    /// The lesson has a list of functions to choose from.
    pub function_list: bool,
    /// The exercise on show is a choice with this many options (0: not a choice).
    pub choice: u8,
    /// The exercise on show is solved.
    pub solved: bool,
    /// Both hints of the exercise on show were seen: the hint key shows the answer.
    pub hints_used: bool,
}

/// How a row shows in the footer.
pub struct Footer {
    /// Message id of the short description.
    pub short: &'static str,
    /// Which of the row's keys to show (indices), joined by `/`.
    pub show: &'static [usize],
    /// Hints with a larger number are dropped first when the footer is short of room.
    pub drop: u8,
    /// Shown only when this holds.
    pub when: fn(&Context) -> bool,
    /// Never dropped when this holds: the help's key, and the key of what the
    /// screen asks the learner to do (the footer shortens its words first).
    pub keep: fn(&Context) -> bool,
}

/// One row of the table: keys and what each sends, the modes they work in, and how
/// the help and the footer tell about them.
pub struct Row {
    pub modes: &'static [Mode],
    pub keys: &'static [(Key, Message)],
    /// Message id of the help's description; `None` for the keys that type text.
    pub help: Option<&'static str>,
    pub footer: Option<Footer>,
}

const B: &[Mode] = &[Mode::Browse];
const BR: &[Mode] = &[Mode::Browse, Mode::Results];
const BRF: &[Mode] = &[Mode::Browse, Mode::Results, Mode::Functions];
const I: &[Mode] = &[Mode::Input];
const R: &[Mode] = &[Mode::Results];
const FN: &[Mode] = &[Mode::Functions];
const H: &[Mode] = &[Mode::Help];
const ALL: &[Mode] = &Mode::ALL;
/// Reading, the results, the list of functions and the exercises: the keys that
/// leave the app, change its language, or open the help or the list of lessons.
const BRFX: &[Mode] = &[Mode::Browse, Mode::Results, Mode::Functions, Mode::Exercise];
/// Reading and the exercises: scrolling (the exercise on show, or the lesson).
const BX: &[Mode] = &[Mode::Browse, Mode::Exercise];
/// Jumping to a lesson by its number: while reading and from the list.
const BRL: &[Mode] = &[Mode::Browse, Mode::Results, Mode::List];
const X: &[Mode] = &[Mode::Exercise];
const A: &[Mode] = &[Mode::Answer];
/// On an exercise, its answer box or not.
const XA: &[Mode] = &[Mode::Exercise, Mode::Answer];
/// Editing a line of text: the lab's input box and an exercise's answer box.
const IA: &[Mode] = &[Mode::Input, Mode::Answer];
const LI: &[Mode] = &[Mode::List];
const N: &[Mode] = &[Mode::Notice];
const RV: &[Mode] = &[Mode::Review];
/// The help opens from everywhere but a notice (and the help itself closes with it):
/// `?` is never part of a value or an answer, so the boxes take it as the help's key.
const HELP_FROM: &[Mode] = &[
    Mode::Browse,
    Mode::Results,
    Mode::Functions,
    Mode::Exercise,
    Mode::Input,
    Mode::Answer,
    Mode::List,
    Mode::Review,
];
/// Where Ctrl-C is the only way out besides the mode's own keys.
const IHALNV: &[Mode] = &[
    Mode::Input,
    Mode::Help,
    Mode::Answer,
    Mode::List,
    Mode::Notice,
    Mode::Review,
];

fn always(_: &Context) -> bool {
    true
}
fn has_input(c: &Context) -> bool {
    c.has_input
}
fn not_closing(c: &Context) -> bool {
    !c.closing
}
fn closing(c: &Context) -> bool {
    c.closing
}
fn code_clipped(c: &Context) -> bool {
    c.code_clipped
}
fn help_scrolls(c: &Context) -> bool {
    c.help_scrolls
}
fn not_first(c: &Context) -> bool {
    !c.first
}
fn has_exercises(c: &Context) -> bool {
    c.has_exercises && !c.closing
}
fn functions(c: &Context) -> bool {
    c.functions
}
fn adjust(c: &Context) -> bool {
    c.adjust
}
fn function_list(c: &Context) -> bool {
    c.function_list
}
fn never(_: &Context) -> bool {
    false
}
/// Reading a lesson with exercises whose key the reading pane's foot does not tell:
/// `e` is what the screen asks for.
fn exercises_untold(c: &Context) -> bool {
    has_exercises(c) && !c.exercises_told
}
/// A choice not yet solved: its digits answer it.
fn choosing(c: &Context) -> bool {
    c.choice > 0 && !c.solved
}
/// An exercise solved: on to the next one.
fn solved(c: &Context) -> bool {
    c.solved
}
fn not_solved(c: &Context) -> bool {
    !c.solved
}
/// A solved exercise, or a choice: typing is not what it waits for, but can be had.
fn retype(c: &Context) -> bool {
    c.solved || c.choice > 0
}

const fn footer(short: &'static str, show: &'static [usize], drop: u8) -> Option<Footer> {
    Some(Footer {
        short,
        show,
        drop,
        when: always,
        keep: never,
    })
}

/// A footer hint that is never dropped.
const fn kept(short: &'static str, show: &'static [usize]) -> Option<Footer> {
    Some(Footer {
        short,
        show,
        drop: 0,
        when: always,
        keep: always,
    })
}

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};
use Message as M;

/// Every key, in the order the help tells them.
pub static TABLE: &[Row] = &[
    // Reading (and the keys that work the same with the results chosen).
    Row {
        modes: BR,
        keys: &[
            (ch('n'), M::NextLesson),
            (key(Right), M::NextLesson),
            (key(PageDown), M::NextLesson),
        ],
        help: Some("help-next"),
        footer: Some(Footer {
            short: "key-next",
            show: &[0],
            drop: 1,
            when: not_closing,
            keep: never,
        }),
    },
    Row {
        modes: BR,
        keys: &[
            (ch('p'), M::PrevLesson),
            (key(Left), M::PrevLesson),
            (key(PageUp), M::PrevLesson),
        ],
        help: Some("help-prev"),
        footer: Some(Footer {
            short: "key-prev",
            show: &[0],
            drop: 3,
            when: not_first,
            keep: never,
        }),
    },
    Row {
        modes: BRL,
        keys: &[
            (ch('1'), M::GoTo(LessonId::Intro)),
            (ch('2'), M::GoTo(LessonId::Step)),
            (ch('3'), M::GoTo(LessonId::Identity)),
            (ch('4'), M::GoTo(LessonId::Sigmoid)),
            (ch('5'), M::GoTo(LessonId::Relu)),
            (ch('6'), M::GoTo(LessonId::Vanishing)),
            (ch('7'), M::GoTo(LessonId::Modern)),
            (ch('8'), M::GoTo(LessonId::Softmax)),
            (ch('9'), M::GoTo(LessonId::Overflow)),
        ],
        help: Some("help-goto"),
        footer: Some(Footer {
            short: "key-goto",
            show: &[0, 8],
            drop: 2,
            when: closing,
            keep: never,
        }),
    },
    Row {
        modes: BR,
        keys: &[
            (key(Tab), M::FocusInput),
            (ch('i'), M::FocusInput),
            (key(Enter), M::FocusInput),
        ],
        help: Some("help-input"),
        footer: Some(Footer {
            short: "key-input",
            show: &[0],
            // The input box's title tells its key too.
            drop: 5,
            when: has_input,
            keep: never,
        }),
    },
    Row {
        modes: B,
        keys: &[(ch('r'), M::FocusResults)],
        help: Some("help-results"),
        footer: Some(Footer {
            short: "key-results",
            show: &[0],
            drop: 2,
            when: has_input,
            keep: never,
        }),
    },
    Row {
        modes: BR,
        keys: &[(ch('e'), M::Exercise(ExerciseMsg::Open))],
        help: Some("help-exercises"),
        // The reading pane's foot tells it too, with how many are solved.
        footer: Some(Footer {
            short: "key-exercises",
            show: &[0],
            drop: 5,
            // The reading pane's foot tells it too, with how many are solved, where
            // it has room; where it has not, the footer does, always.
            when: exercises_untold,
            keep: exercises_untold,
        }),
    },
    Row {
        modes: BRFX,
        keys: &[(ch('l'), M::List(ListMsg::Toggle))],
        help: Some("help-list"),
        footer: Some(Footer {
            short: "key-list",
            show: &[0],
            drop: 5,
            when: always,
            // What the closing screen points to: what is left, lesson by lesson.
            keep: closing,
        }),
    },
    Row {
        modes: B,
        keys: &[(ch('v'), M::ToggleReview)],
        help: Some("help-review"),
        footer: Some(Footer {
            short: "key-review",
            show: &[0],
            drop: 4,
            when: closing,
            keep: never,
        }),
    },
    Row {
        modes: BRF,
        keys: &[(ch('d'), M::ToggleDerivative)],
        help: Some("help-derivative"),
        footer: Some(Footer {
            short: "key-derivative",
            show: &[0],
            drop: 1,
            when: functions,
            keep: never,
        }),
    },
    Row {
        modes: B,
        keys: &[(ch('f'), M::FocusFunctions)],
        help: Some("help-functions"),
        footer: Some(Footer {
            short: "key-functions",
            show: &[0],
            drop: 1,
            when: function_list,
            keep: never,
        }),
    },
    Row {
        modes: BR,
        keys: &[(ch('+'), M::More), (ch('-'), M::Less)],
        help: Some("help-adjust"),
        footer: Some(Footer {
            short: "key-adjust",
            show: &[0, 1],
            drop: 1,
            when: adjust,
            keep: never,
        }),
    },
    Row {
        modes: BX,
        keys: &[
            (key(Up), M::ScrollUp),
            (key(Down), M::ScrollDown),
            (ch('k'), M::ScrollUp),
            (ch('j'), M::ScrollDown),
        ],
        help: Some("help-scroll"),
        footer: footer("key-scroll", &[3, 2], 6),
    },
    Row {
        modes: BX,
        keys: &[(ch(' '), M::ScrollPageDown), (ch('b'), M::ScrollPageUp)],
        help: Some("help-page"),
        footer: None,
    },
    Row {
        modes: BX,
        keys: &[
            (ch('g'), M::ScrollTop),
            (key(Home), M::ScrollTop),
            (ch('G'), M::ScrollBottom),
            (key(End), M::ScrollBottom),
        ],
        help: Some("help-top-bottom"),
        footer: None,
    },
    Row {
        modes: B,
        keys: &[(ch('<'), M::ShiftLeft), (ch('>'), M::ShiftRight)],
        help: Some("help-shift"),
        footer: Some(Footer {
            short: "key-shift",
            show: &[0, 1],
            drop: 1,
            when: code_clipped,
            keep: never,
        }),
    },
    Row {
        modes: BRFX,
        keys: &[(ch('L'), M::ToggleLang)],
        help: Some("help-lang"),
        footer: footer("key-lang-target", &[0], 2),
    },
    Row {
        modes: HELP_FROM,
        keys: &[(ch('?'), M::ToggleHelp), (key(F(1)), M::ToggleHelp)],
        help: Some("help-help"),
        // The way to every other key: never dropped.
        footer: kept("key-help", &[0]),
    },
    Row {
        modes: ALL,
        keys: &[(ctrl(KeyCode::Char('z')), M::Suspend)],
        help: Some("help-suspend"),
        footer: None,
    },
    Row {
        modes: BRFX,
        keys: &[(ch('q'), M::Quit), (ctrl(KeyCode::Char('c')), M::Quit)],
        help: Some("help-quit"),
        footer: footer("key-quit", &[0], 0),
    },
    // Choosing a value of the results.
    Row {
        modes: R,
        keys: &[
            (key(Up), M::SelectPrev),
            (key(Down), M::SelectNext),
            (ch('k'), M::SelectPrev),
            (ch('j'), M::SelectNext),
        ],
        help: Some("help-select"),
        footer: kept("key-select", &[0, 1]),
    },
    Row {
        modes: R,
        keys: &[
            (ch('g'), M::SelectFirst),
            (key(Home), M::SelectFirst),
            (ch('G'), M::SelectLast),
            (key(End), M::SelectLast),
        ],
        help: Some("help-select-ends"),
        footer: None,
    },
    Row {
        modes: R,
        keys: &[(key(Esc), M::LeaveInput), (ch('r'), M::LeaveInput)],
        help: Some("help-leave-results"),
        footer: footer("key-leave-results", &[0], 0),
    },
    // Choosing the functions of the lesson `modern`.
    Row {
        modes: FN,
        keys: &[
            (key(Up), M::SelectPrev),
            (key(Down), M::SelectNext),
            (ch('k'), M::SelectPrev),
            (ch('j'), M::SelectNext),
        ],
        help: Some("help-function-move"),
        footer: footer("key-function-move", &[0, 1], 2),
    },
    Row {
        modes: FN,
        keys: &[
            (ch('g'), M::SelectFirst),
            (key(Home), M::SelectFirst),
            (ch('G'), M::SelectLast),
            (key(End), M::SelectLast),
        ],
        help: Some("help-function-ends"),
        footer: None,
    },
    Row {
        modes: FN,
        keys: &[(ch(' '), M::ToggleCurve), (key(Enter), M::ToggleCurve)],
        help: Some("help-function-toggle"),
        footer: kept("key-function-toggle", &[0]),
    },
    Row {
        modes: FN,
        keys: &[
            (ch('1'), M::ToggleCurveAt(0)),
            (ch('2'), M::ToggleCurveAt(1)),
            (ch('3'), M::ToggleCurveAt(2)),
            (ch('4'), M::ToggleCurveAt(3)),
            (ch('5'), M::ToggleCurveAt(4)),
            (ch('6'), M::ToggleCurveAt(5)),
            (ch('7'), M::ToggleCurveAt(6)),
            (ch('8'), M::ToggleCurveAt(7)),
            (ch('9'), M::ToggleCurveAt(8)),
        ],
        help: Some("help-function-digits"),
        footer: footer("key-function-digits", &[0, 8], 1),
    },
    Row {
        modes: FN,
        keys: &[(key(Esc), M::LeaveInput), (ch('f'), M::LeaveInput)],
        help: Some("help-leave-functions"),
        footer: footer("key-leave-results", &[0], 0),
    },
    // Typing in the input box.
    Row {
        modes: I,
        keys: &[(key(Enter), M::Evaluate)],
        help: Some("help-evaluate"),
        footer: kept("key-evaluate", &[0]),
    },
    Row {
        modes: I,
        keys: &[(key(Esc), M::LeaveInput), (key(Tab), M::LeaveInput)],
        help: Some("help-leave"),
        footer: footer("key-leave", &[0], 1),
    },
    // Typing an answer: every character types but `?`, so the keys that act are
    // keys that type nothing.
    Row {
        modes: A,
        keys: &[(key(Enter), M::Exercise(ExerciseMsg::Check))],
        help: Some("help-check"),
        footer: kept("key-check", &[0]),
    },
    Row {
        modes: A,
        keys: &[(key(F(2)), M::Exercise(ExerciseMsg::Hint))],
        help: Some("help-hint"),
        footer: Some(Footer {
            short: "key-hint",
            show: &[0],
            drop: 1,
            when: not_solved,
            keep: never,
        }),
    },
    Row {
        modes: A,
        keys: &[(key(Esc), M::Exercise(ExerciseMsg::Close))],
        help: Some("help-close-exercises"),
        footer: footer("key-back-lesson", &[0], 1),
    },
    Row {
        modes: A,
        keys: &[
            (key(PageDown), M::Exercise(ExerciseMsg::Next)),
            (key(PageUp), M::Exercise(ExerciseMsg::Prev)),
        ],
        help: Some("help-next-prev-exercise"),
        footer: footer("key-exercise-move", &[0, 1], 4),
    },
    Row {
        modes: IA,
        keys: &[
            (key(Left), M::Edit(Edit::Left)),
            (key(Right), M::Edit(Edit::Right)),
        ],
        help: Some("help-move"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[
            (ctrl(Left), M::Edit(Edit::WordLeft)),
            (ctrl(Right), M::Edit(Edit::WordRight)),
            (alt(KeyCode::Char('b')), M::Edit(Edit::WordLeft)),
            (alt(KeyCode::Char('f')), M::Edit(Edit::WordRight)),
        ],
        help: Some("help-move-word"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[
            (key(Home), M::Edit(Edit::Home)),
            (key(End), M::Edit(Edit::End)),
            (ctrl(KeyCode::Char('a')), M::Edit(Edit::Home)),
            (ctrl(KeyCode::Char('e')), M::Edit(Edit::End)),
        ],
        help: Some("help-jump"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[
            (key(Backspace), M::Edit(Edit::Backspace)),
            (key(Delete), M::Edit(Edit::Delete)),
        ],
        help: Some("help-erase"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[
            (ctrl(KeyCode::Char('w')), M::Edit(Edit::DeleteWord)),
            (alt(Backspace), M::Edit(Edit::DeleteWord)),
        ],
        help: Some("help-erase-word"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[
            (ctrl(KeyCode::Char('u')), M::Edit(Edit::DeleteToStart)),
            (ctrl(KeyCode::Char('k')), M::Edit(Edit::DeleteToEnd)),
        ],
        help: Some("help-erase-ends"),
        footer: None,
    },
    Row {
        modes: IA,
        keys: &[(key(Up), M::ScrollUp), (key(Down), M::ScrollDown)],
        help: Some("help-scroll"),
        footer: footer("key-scroll", &[0, 1], 5),
    },
    Row {
        modes: I,
        keys: &[(key(PageDown), M::NextLesson), (key(PageUp), M::PrevLesson)],
        help: Some("help-next-prev"),
        footer: None,
    },
    // The help's own keys (told at the bottom of the help).
    Row {
        modes: H,
        keys: &[
            (key(Right), M::HelpNext),
            (key(Left), M::HelpPrev),
            (key(Tab), M::HelpNext),
            (key(BackTab), M::HelpPrev),
            (ch('n'), M::HelpNext),
            (ch('p'), M::HelpPrev),
            (key(PageDown), M::HelpNext),
            (key(PageUp), M::HelpPrev),
        ],
        help: None,
        footer: footer("key-pages", &[1, 0], 1),
    },
    Row {
        modes: H,
        keys: &[
            (key(Down), M::ScrollDown),
            (key(Up), M::ScrollUp),
            (ch('j'), M::ScrollDown),
            (ch('k'), M::ScrollUp),
        ],
        help: None,
        footer: Some(Footer {
            short: "key-scroll",
            show: &[0, 1],
            // The box's own foot tells its pages, not this.
            drop: 0,
            when: help_scrolls,
            keep: never,
        }),
    },
    Row {
        modes: H,
        keys: &[
            (ch('?'), M::ToggleHelp),
            (key(Esc), M::ToggleHelp),
            (key(Enter), M::ToggleHelp),
            (ch('q'), M::ToggleHelp),
            (key(F(1)), M::ToggleHelp),
        ],
        help: None,
        footer: kept("key-close", &[0, 1]),
    },
    // The exercises: picking, answering, skipping, moving between them.
    Row {
        modes: X,
        keys: &[
            (ch('1'), M::Exercise(ExerciseMsg::Pick(1))),
            (ch('2'), M::Exercise(ExerciseMsg::Pick(2))),
            (ch('3'), M::Exercise(ExerciseMsg::Pick(3))),
            (ch('4'), M::Exercise(ExerciseMsg::Pick(4))),
            (ch('5'), M::Exercise(ExerciseMsg::Pick(5))),
            (ch('6'), M::Exercise(ExerciseMsg::Pick(6))),
            (ch('7'), M::Exercise(ExerciseMsg::Pick(7))),
            (ch('8'), M::Exercise(ExerciseMsg::Pick(8))),
            (ch('9'), M::Exercise(ExerciseMsg::Pick(9))),
        ],
        help: Some("help-pick"),
        // Shown as the choice's own range (`1-4`).
        footer: Some(Footer {
            short: "key-choose",
            show: &[0],
            drop: 0,
            when: choosing,
            keep: choosing,
        }),
    },
    Row {
        modes: X,
        keys: &[
            (key(Enter), M::Exercise(ExerciseMsg::FocusAnswer)),
            (ch('i'), M::Exercise(ExerciseMsg::FocusAnswer)),
        ],
        help: Some("help-answer"),
        footer: Some(Footer {
            short: "key-answer",
            show: &[1],
            drop: 5,
            when: retype,
            keep: never,
        }),
    },
    Row {
        modes: X,
        keys: &[
            (ch('h'), M::Exercise(ExerciseMsg::Hint)),
            (key(F(2)), M::Exercise(ExerciseMsg::Hint)),
        ],
        help: Some("help-hint"),
        footer: Some(Footer {
            short: "key-hint",
            show: &[0],
            drop: 2,
            when: not_solved,
            keep: never,
        }),
    },
    Row {
        modes: X,
        keys: &[(ch('s'), M::Exercise(ExerciseMsg::Skip))],
        help: Some("help-skip"),
        footer: Some(Footer {
            short: "key-skip",
            show: &[0],
            drop: 3,
            when: not_solved,
            keep: never,
        }),
    },
    Row {
        modes: X,
        keys: &[
            (ch('n'), M::Exercise(ExerciseMsg::Next)),
            (key(Right), M::Exercise(ExerciseMsg::Next)),
            (key(PageDown), M::Exercise(ExerciseMsg::Next)),
        ],
        help: Some("help-next-exercise"),
        footer: Some(Footer {
            short: "key-next",
            show: &[0],
            drop: 1,
            when: always,
            // Solved: on to the next one is what is left to do.
            keep: solved,
        }),
    },
    Row {
        modes: X,
        keys: &[
            (ch('p'), M::Exercise(ExerciseMsg::Prev)),
            (key(Left), M::Exercise(ExerciseMsg::Prev)),
            (key(PageUp), M::Exercise(ExerciseMsg::Prev)),
        ],
        help: Some("help-prev-exercise"),
        footer: footer("key-prev", &[0], 4),
    },
    Row {
        modes: X,
        keys: &[
            (key(Esc), M::Exercise(ExerciseMsg::Close)),
            (ch('e'), M::Exercise(ExerciseMsg::Close)),
        ],
        help: Some("help-close-exercises"),
        footer: footer("key-back-lesson", &[0], 1),
    },
    Row {
        modes: XA,
        keys: &[(key(Tab), M::Exercise(ExerciseMsg::Lab))],
        help: Some("help-lab"),
        footer: Some(Footer {
            short: "key-lab",
            show: &[0],
            drop: 3,
            when: has_input,
            keep: never,
        }),
    },
    Row {
        modes: &[Mode::Exercise, Mode::List],
        keys: &[(ch('v'), M::ToggleReview)],
        help: Some("help-review"),
        footer: footer("key-review", &[0], 6),
    },
    // The review's own keys.
    Row {
        modes: RV,
        keys: &[
            (key(Down), M::ScrollDown),
            (key(Up), M::ScrollUp),
            (ch('j'), M::ScrollDown),
            (ch('k'), M::ScrollUp),
            (ch(' '), M::ScrollPageDown),
            (ch('b'), M::ScrollPageUp),
            (key(PageDown), M::ScrollPageDown),
            (key(PageUp), M::ScrollPageUp),
            (ch('g'), M::ScrollTop),
            (key(Home), M::ScrollTop),
            (ch('G'), M::ScrollBottom),
            (key(End), M::ScrollBottom),
        ],
        help: None,
        footer: footer("key-scroll", &[1, 0], 1),
    },
    Row {
        modes: RV,
        keys: &[
            (key(Esc), M::ToggleReview),
            (ch('v'), M::ToggleReview),
            (ch('q'), M::ToggleReview),
        ],
        help: None,
        footer: kept("key-close", &[0]),
    },
    // The lesson list's own keys (told at its bottom and in the footer).
    Row {
        modes: LI,
        keys: &[
            (key(Up), M::List(ListMsg::Prev)),
            (key(Down), M::List(ListMsg::Next)),
            (ch('k'), M::List(ListMsg::Prev)),
            (ch('j'), M::List(ListMsg::Next)),
            (ch('g'), M::List(ListMsg::First)),
            (key(Home), M::List(ListMsg::First)),
            (ch('G'), M::List(ListMsg::Last)),
            (key(End), M::List(ListMsg::Last)),
        ],
        help: None,
        footer: footer("key-select", &[0, 1], 1),
    },
    Row {
        modes: LI,
        keys: &[
            (key(Enter), M::List(ListMsg::Open)),
            (key(Right), M::List(ListMsg::Open)),
            (ch(' '), M::List(ListMsg::Open)),
        ],
        help: None,
        footer: kept("key-open", &[0]),
    },
    Row {
        modes: LI,
        keys: &[(ch('e'), M::List(ListMsg::Exercises))],
        help: None,
        footer: footer("key-exercises", &[0], 2),
    },
    Row {
        modes: LI,
        keys: &[
            (key(Esc), M::List(ListMsg::Toggle)),
            (ch('l'), M::List(ListMsg::Toggle)),
            (ch('q'), M::List(ListMsg::Toggle)),
        ],
        help: None,
        footer: footer("key-close", &[0], 0),
    },
    // A notice's own keys.
    Row {
        modes: N,
        keys: &[
            (key(Enter), M::DismissNotice),
            (key(Esc), M::DismissNotice),
            (ch(' '), M::DismissNotice),
            (ch('q'), M::DismissNotice),
        ],
        help: None,
        footer: kept("key-continue", &[0]),
    },
    Row {
        modes: IHALNV,
        keys: &[(ctrl(KeyCode::Char('c')), M::Quit)],
        help: Some("help-quit"),
        // The help tells it too: the mode's own keys come first.
        footer: footer("key-quit", &[0], 2),
    },
];

/// The message a key press means in `mode`, if any: the first row of [`TABLE`] for
/// `mode` that has the key; in the input box, any other character is typed.
pub fn message_for(key: KeyEvent, mode: Mode) -> Option<Message> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let found = TABLE
        .iter()
        .filter(|row| row.modes.contains(&mode))
        .flat_map(|row| row.keys)
        .find(|(k, _)| k.matches(&key))
        .map(|(_, m)| m.clone());
    if found.is_some() {
        return found;
    }
    let plain = (key.modifiers & (CTRL | ALT)).is_empty();
    match key.code {
        KeyCode::Char(c) if matches!(mode, Mode::Input | Mode::Answer) && plain => {
            Some(Message::Edit(Edit::Insert(c)))
        }
        // On an exercise, what can only start an answer starts typing it (a digit
        // does too, through its own row): a sign, a dot, a bracket, a full-width
        // character of an input method.
        KeyCode::Char(c) if mode == Mode::Exercise && plain && starts_an_answer(c) => {
            Some(Message::Exercise(ExerciseMsg::Type(c)))
        }
        _ => None,
    }
}

/// Whether `c` typed on an exercise starts its answer.
fn starts_an_answer(c: char) -> bool {
    matches!(c, '-' | '+' | '.' | '[') || (!c.is_ascii() && !c.is_control())
}

/// The keys of `keys` as shown: digits in a row as a range (`1-9`), and two keys
/// held with the same Ctrl or Alt as one (`Ctrl-U/K`).
fn labels(keys: &[&Key], ascii: bool) -> Vec<String> {
    let digit = |k: &Key| match (k.code, k.mods) {
        (KeyCode::Char(c), NONE) if c.is_ascii_digit() => Some(c),
        _ => None,
    };
    if keys.len() > 2 && keys.iter().all(|k| digit(k).is_some()) {
        let (first, last) = (digit(keys[0]), digit(keys[keys.len() - 1]));
        if let (Some(a), Some(b)) = (first, last) {
            return vec![format!("{a}-{b}")];
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let key = keys[i];
        match keys.get(i + 1) {
            Some(next) if key.mods != NONE && next.mods == key.mods => {
                let second = Key {
                    mods: NONE,
                    ..**next
                };
                let second = match next.code {
                    KeyCode::Char(c) if key.mods == CTRL => c.to_ascii_uppercase().to_string(),
                    _ => second.label(ascii),
                };
                out.push(format!("{}/{second}", key.label(ascii)));
                i += 2;
            }
            _ => {
                out.push(key.label(ascii));
                i += 1;
            }
        }
    }
    out
}

/// The first key that sends `message` in `mode`, as shown (for hints such as
/// "Tab to type").
pub fn key_for(message: &Message, mode: Mode, ascii: bool) -> String {
    TABLE
        .iter()
        .filter(|row| row.modes.contains(&mode))
        .flat_map(|row| row.keys)
        .find(|(_, m)| m == message)
        .map(|(k, _)| k.label(ascii))
        .unwrap_or_default()
}

/// The keys that jump to lessons, as shown (`1-9`).
pub fn jump_keys() -> String {
    TABLE
        .iter()
        .find(|row| matches!(row.keys.first(), Some((_, Message::GoTo(_)))))
        .map(|row| labels(&row.keys.iter().map(|(k, _)| k).collect::<Vec<_>>(), true).join(" "))
        .unwrap_or_default()
}

/// What a help page tells: its rows (keys as shown, description id), and the keys
/// that work on it as they do while reading (told in one line, not repeated row by
/// row). The first page tells every reading key.
pub struct HelpRows {
    pub rows: Vec<(Vec<String>, &'static str)>,
    pub as_when_reading: Vec<String>,
}

pub fn help_rows(page: HelpPage, ascii: bool) -> HelpRows {
    help_rows_for(page, ascii, true)
}

/// [`help_rows`] for a front end that can or cannot suspend: Ctrl-Z is told only
/// where it works.
pub fn help_rows_for(page: HelpPage, ascii: bool, can_suspend: bool) -> HelpRows {
    let mode = Mode::of_page(page);
    let mut out = HelpRows {
        rows: Vec::new(),
        as_when_reading: Vec::new(),
    };
    for row in TABLE.iter().filter(|row| row.modes.contains(&mode)) {
        let Some(help) = row.help else { continue };
        if !can_suspend && row.keys.iter().all(|(_, m)| *m == Message::Suspend) {
            continue;
        }
        let keys: Vec<&Key> = row.keys.iter().map(|(k, _)| k).collect();
        let same = mode != Mode::Browse
            && row
                .keys
                .iter()
                .all(|(k, m)| message_for(k.event(), Mode::Browse).as_ref() == Some(m));
        if same {
            out.as_when_reading.extend(labels(&keys, ascii));
        } else {
            out.rows.push((labels(&keys, ascii), help));
        }
    }
    out
}

/// A footer hint: keys as shown, the short description id, its drop order, and
/// whether it is never dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub short: &'static str,
    pub drop: u8,
    pub keep: bool,
}

/// The footer's hints for `mode`: the keys of that mode first, then the ones it
/// shares with reading, each in the table's order.
pub fn footer_hints(mode: Mode, context: &Context) -> Vec<Hint> {
    let mut rows: Vec<&Row> = TABLE
        .iter()
        .filter(|row| row.modes.contains(&mode))
        .collect();
    rows.sort_by_key(|row| mode != Mode::Browse && row.modes.contains(&Mode::Browse));
    rows.into_iter()
        .filter_map(|row| {
            let footer = row.footer.as_ref()?;
            if !(footer.when)(context) {
                return None;
            }
            let keys: Vec<String> = footer
                .show
                .iter()
                .filter_map(|&i| row.keys.get(i))
                .map(|(k, _)| k.label(context.ascii))
                .collect();
            // Digits in a row are a range (`1-9`); a choice's are its options'.
            let digits = matches!(row.keys.first(), Some((k, _)) if matches!(k.code, KeyCode::Char(c) if c.is_ascii_digit()));
            let picks = matches!(
                row.keys.first(),
                Some((_, Message::Exercise(ExerciseMsg::Pick(_))))
            );
            let keys = if picks {
                format!("1-{}", context.choice)
            } else {
                keys.join(if digits { "-" } else { "/" })
            };
            Some(Hint {
                keys,
                short: footer.short,
                drop: footer.drop,
                keep: (footer.keep)(context),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODES: [Mode; 10] = Mode::ALL;

    #[test]
    fn every_key_in_the_table_does_what_the_table_says() {
        for row in TABLE {
            for (key, message) in row.keys {
                for mode in row.modes {
                    assert_eq!(
                        message_for(key.event(), *mode).as_ref(),
                        Some(message),
                        "{} in {mode:?}",
                        key.label(false)
                    );
                }
            }
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_mode() {
        for mode in MODES {
            let keys: Vec<&Key> = TABLE
                .iter()
                .filter(|r| r.modes.contains(&mode))
                .flat_map(|r| r.keys.iter().map(|(k, _)| k))
                .collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    assert!(a != b, "{} twice in {mode:?}", a.label(false));
                }
            }
        }
    }

    /// Every key label a help page shows, rows and the "as when reading" line.
    fn shown(page: HelpPage, ascii: bool) -> Vec<String> {
        let h = help_rows(page, ascii);
        h.rows
            .into_iter()
            .flat_map(|(k, _)| k)
            .chain(h.as_when_reading)
            .flat_map(|label| {
                // `Ctrl-U/K` shows Ctrl-U and Ctrl-K.
                match label.split_once('/') {
                    Some((a, b)) if a.len() > 1 && !b.is_empty() => {
                        let prefix = &a[..a.rfind('-').map_or(0, |i| i + 1)];
                        vec![a.to_string(), format!("{prefix}{b}")]
                    }
                    _ => vec![label],
                }
            })
            .collect()
    }

    #[test]
    fn every_key_that_works_is_in_the_help() {
        // Each mode's page shows every key that works in that mode (the help's own
        // keys are told at its bottom, from the footer hints).
        for page in HelpPage::ALL {
            let mode = Mode::of_page(page);
            let labels = shown(page, false);
            for row in TABLE.iter().filter(|r| r.modes.contains(&mode)) {
                for (key, _) in row.keys {
                    let label = key.label(false);
                    // Digits are told as a range (`1-9`).
                    let in_range = |c: char| {
                        labels.iter().any(|l| {
                            let b = l.as_bytes();
                            b.len() == 3 && b[1] == b'-' && (b[0]..=b[2]).contains(&(c as u8))
                        })
                    };
                    let told = labels.contains(&label)
                        || matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit() && in_range(c));
                    assert!(
                        told,
                        "{label} works in {mode:?} but {page:?} does not say so"
                    );
                }
            }
        }
        let reading = shown(HelpPage::Reading, false);
        for key in [
            "Space", "b", "g", "Home", "G", "End", "Ctrl-Z", "1-9", "r", "<", ">", "d", "f", "+",
            "-",
        ] {
            assert!(
                reading.iter().any(|k| k == key),
                "{key} missing: {reading:?}"
            );
        }
        let typing = shown(HelpPage::Typing, true);
        for key in [
            "Ctrl-W", "Ctrl-U", "Ctrl-K", "Ctrl-A", "Alt-b", "Ctrl-C", "F1",
        ] {
            assert!(typing.iter().any(|k| k == key), "{key} missing: {typing:?}");
        }
    }

    #[test]
    fn ctrl_z_is_told_only_where_the_front_end_can_suspend() {
        for page in HelpPage::ALL {
            let told = |can: bool| {
                let h = help_rows_for(page, false, can);
                h.rows
                    .iter()
                    .flat_map(|(k, _)| k)
                    .chain(&h.as_when_reading)
                    .any(|k| k == "Ctrl-Z")
            };
            assert!(told(true), "{page:?}");
            assert!(!told(false), "{page:?}");
            let all = help_rows_for(page, false, true).rows.len();
            let without = help_rows_for(page, false, false).rows.len();
            assert!(without + 1 >= all, "only the Ctrl-Z row goes: {page:?}");
        }
    }

    #[test]
    fn the_keys_the_lesson_texts_name_are_the_tables() {
        for (name, label, message) in crate::app::text::TEXT_KEYS {
            assert_eq!(key_for(&message, Mode::Browse, true), label, "${name}");
            assert_eq!(key_for(&message, Mode::Browse, false), label, "${name}");
        }
    }

    #[test]
    fn the_keys_the_exercise_texts_name_are_the_tables() {
        use crate::app::ExerciseMsg;
        let hint = Message::Exercise(ExerciseMsg::Hint);
        assert_eq!(
            key_for(&hint, Mode::Answer, false),
            crate::app::course::HINT_KEY
        );
        assert!(
            message_for(
                KeyEvent::new(KeyCode::F(2), KeyModifiers::NONE),
                Mode::Exercise
            ) == Some(hint)
        );
        assert_eq!(
            key_for(&Message::Exercise(ExerciseMsg::Open), Mode::Browse, false),
            crate::app::review::EXERCISES_KEY
        );
    }

    #[test]
    fn the_help_key_is_kept_in_every_footer_but_a_notices() {
        for mode in MODES {
            let hints = footer_hints(mode, &Context::default());
            let help = hints.iter().find(|h| h.keys.split('/').any(|k| k == "?"));
            match mode {
                Mode::Notice => assert!(help.is_none()),
                _ => assert!(help.is_some_and(|h| h.keep), "{mode:?}: {hints:?}"),
            }
        }
    }

    #[test]
    fn typing_goes_to_the_input_box() {
        for mode in [Mode::Input, Mode::Answer] {
            for c in ['q', 'n', 'p', 'i', 'L', 'j', 'g', '<', ' ', '１', 'あ'] {
                let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                assert_eq!(message_for(key, mode), Some(Message::Edit(Edit::Insert(c))));
            }
            // No value and no answer has a `?`: it opens the help from the boxes too.
            let key = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
            assert_eq!(message_for(key, mode), Some(Message::ToggleHelp));
        }
        let shifted = KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT);
        assert_eq!(
            message_for(shifted, Mode::Browse),
            Some(Message::ToggleLang)
        );
        // Home and End move the cursor in the box, and jump in the explanation outside it.
        let home = KeyEvent::new(KeyCode::Home, KeyModifiers::NONE);
        assert_eq!(
            message_for(home, Mode::Input),
            Some(Message::Edit(Edit::Home))
        );
        assert_eq!(message_for(home, Mode::Browse), Some(Message::ScrollTop));
    }

    #[test]
    fn ctrl_c_always_quits_and_releases_are_ignored() {
        for c in ['c', 'C'] {
            let key = KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            );
            for mode in MODES {
                assert_eq!(message_for(key, mode), Some(Message::Quit), "{mode:?}");
            }
        }
        let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for mode in MODES {
            assert_eq!(message_for(z, mode), Some(Message::Suspend), "{mode:?}");
        }
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(message_for(release, Mode::Browse), None);
    }

    #[test]
    fn the_footer_shows_only_keys_that_work_there() {
        let context = Context {
            ascii: false,
            has_input: true,
            closing: false,
            code_clipped: true,
            has_exercises: true,
            first: false,
            help_scrolls: true,
            functions: true,
            adjust: true,
            function_list: true,
            exercises_told: false,
            choice: 4,
            solved: false,
            hints_used: false,
        };
        for mode in MODES {
            for hint in footer_hints(mode, &context) {
                let first = hint.keys.split(['/', '-']).next().unwrap_or_default();
                let works = TABLE
                    .iter()
                    .filter(|r| r.modes.contains(&mode))
                    .flat_map(|r| r.keys)
                    .any(|(k, _)| {
                        k.label(false) == first || hint.keys.starts_with(&k.label(false))
                    });
                assert!(works, "{:?} in {mode:?}", hint.keys);
            }
        }
        let closing = Context {
            has_input: false,
            closing: true,
            code_clipped: false,
            ..context
        };
        let shorts: Vec<_> = footer_hints(Mode::Browse, &closing)
            .into_iter()
            .map(|h| h.short)
            .collect();
        assert!(!shorts.contains(&"key-next") && !shorts.contains(&"key-input"));
        assert!(shorts.contains(&"key-prev") && shorts.contains(&"key-goto"));
    }
}
