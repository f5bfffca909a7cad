//! Exercises: two to five per lesson, checked by the app.
//!
//! Three kinds of question:
//! - [`Kind::Number`]: a number, compared as a value with a tolerance. `0.50`, `.5`,
//!   `1/2`, full-width `０．５` and, where the answer is a probability, `50%` or `５０％`
//!   all mean 0.5.
//! - [`Kind::Choice`]: the number of one of the options.
//! - [`Kind::Find`]: numbers the learner finds with the input box or the chart ("an
//!   input where the naive softmax gives NaN but the stable one does not"), checked by
//!   running them through the real functions of [`crate::activation`], never by
//!   comparing text.
//!
//! [`ExerciseState`] is the state machine the interface drives: [`ExerciseState::answer`]
//! says whether an answer is right (and why), wrong (with a hint that says where to
//! look, and a stronger one from the second wrong answer on) or unreadable (a
//! localized message as a value); [`ExerciseState::skip`] gives up on it for now.
//! What it remembers is an [`ExerciseRecord`], the part that is saved.
//!
//! Texts live in `i18n/*/exercises.ftl`, under ids made from the lesson id and the
//! exercise's name: `ex-sigmoid-half-question`, `-title`, `-hint1`, `-hint2`, `-why`,
//! `-option1`... for choices and `-miss-REASON` for what a wrong find did wrong.

use crate::activation;
use crate::i18n::Tr;
use crate::lesson::LessonId;
use crate::number;
use crate::progress::ExerciseRecord;

/// The most characters an answer may have (the input box holds as many).
pub const MAX_CHARS: usize = 200;
/// The most numbers a [`Kind::Find`] answer takes.
pub const MAX_VALUES: usize = 16;

/// What a [`Kind::Number`] answer measures: a probability may also be written as a
/// percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Plain,
    Probability,
    /// A probability the question asks for as a percentage: a bare number above 1
    /// (`74`) is read as a percentage, as the question asks for one.
    Percentage,
}

impl Unit {
    fn is_probability(self) -> bool {
        matches!(self, Unit::Probability | Unit::Percentage)
    }
}

/// A common wrong answer of a [`Kind::Number`] question with a hint of its own: the
/// answers within `tolerance` of `value` get the message `ex-LESSON-NAME-miss-REASON`.
#[derive(Debug, Clone, Copy)]
pub struct Trap {
    pub value: f64,
    pub tolerance: f64,
    pub reason: &'static str,
}

/// How many numbers a [`Kind::Find`] answer takes (never more than [`MAX_VALUES`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exactly(usize),
    AtLeast(usize),
}

impl Count {
    fn admits(self, n: usize) -> bool {
        match self {
            Count::Exactly(k) => n == k,
            Count::AtLeast(k) => n >= k,
        }
    }
}

/// What a [`Kind::Find`] check made of the learner's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Right,
    /// Right, for the reason `ex-LESSON-NAME-why-REASON` tells (a find answer can be
    /// right in more than one way).
    RightBecause(&'static str),
    /// Wrong (a number or a choice).
    Wrong,
    /// Wrong, and why: the `REASON` of the message `ex-LESSON-NAME-miss-REASON`.
    Miss(&'static str),
    /// A find answer holds NaN, which answers no question but the overflow lesson's:
    /// told as such (`exercise-miss-nan`).
    NotANumber,
}

/// A find exercise's check: the learner's numbers through the real functions.
pub type CheckFn = fn(&[f64]) -> Check;

/// The question and how its answer is checked.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A number within `tolerance` of `answer`.
    Number {
        answer: f64,
        tolerance: f64,
        unit: Unit,
        /// Common wrong answers with a hint of their own.
        traps: &'static [Trap],
    },
    /// One of `options` (numbered from 1); `answer` is the right one.
    Choice { options: u8, answer: u8 },
    /// Numbers that pass `check`; `example` is one answer that does, as typed;
    /// `misses` are the reasons `check` can give for a wrong one, `whys` the other
    /// ways of being right ([`Check::RightBecause`]).
    Find {
        count: Count,
        example: &'static str,
        check: CheckFn,
        misses: &'static [&'static str],
        whys: &'static [&'static str],
        /// The numbers a right answer's why quotes, from the learner's own answer
        /// (`$x`, `$product`): the why speaks of what the learner typed.
        figures: FiguresFn,
    },
}

/// What a right find answer's why quotes of it: named numbers, as shown.
pub type FiguresFn = fn(&[f64]) -> Vec<(&'static str, String)>;

fn no_figures(_: &[f64]) -> Vec<(&'static str, String)> {
    Vec::new()
}

/// One exercise of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Exercise {
    pub lesson: LessonId,
    /// Unique within the lesson; one lowercase word (it is a key in the saved file
    /// and part of the message ids).
    pub name: &'static str,
    pub kind: Kind,
}

const fn number(lesson: LessonId, name: &'static str, answer: f64, tolerance: f64) -> Exercise {
    with_unit(lesson, name, answer, tolerance, Unit::Plain)
}

const fn probability(
    lesson: LessonId,
    name: &'static str,
    answer: f64,
    tolerance: f64,
) -> Exercise {
    with_unit(lesson, name, answer, tolerance, Unit::Probability)
}

const fn with_unit(
    lesson: LessonId,
    name: &'static str,
    answer: f64,
    tolerance: f64,
    unit: Unit,
) -> Exercise {
    Exercise {
        lesson,
        name,
        kind: Kind::Number {
            answer,
            tolerance,
            unit,
            traps: &[],
        },
    }
}

/// The same number question, with common wrong answers that get a hint of their own.
const fn trapped(e: Exercise, traps: &'static [Trap]) -> Exercise {
    match e.kind {
        Kind::Number {
            answer,
            tolerance,
            unit,
            ..
        } => Exercise {
            kind: Kind::Number {
                answer,
                tolerance,
                unit,
                traps,
            },
            ..e
        },
        _ => e,
    }
}

const fn trap(value: f64, tolerance: f64, reason: &'static str) -> Trap {
    Trap {
        value,
        tolerance,
        reason,
    }
}

const fn choice(lesson: LessonId, name: &'static str, options: u8, answer: u8) -> Exercise {
    Exercise {
        lesson,
        name,
        kind: Kind::Choice { options, answer },
    }
}

const fn find(
    lesson: LessonId,
    name: &'static str,
    count: Count,
    example: &'static str,
    (check, misses): (CheckFn, &'static [&'static str]),
) -> Exercise {
    Exercise {
        lesson,
        name,
        kind: Kind::Find {
            count,
            example,
            check,
            misses,
            whys: &[],
            figures: no_figures,
        },
    }
}

/// The same find question, whose why quotes `figures` of the learner's answer.
const fn with_figures(mut e: Exercise, figures: FiguresFn) -> Exercise {
    if let Kind::Find { figures: f, .. } = &mut e.kind {
        *f = figures;
    }
    e
}

/// The same find question, right in more ways than one: `whys` are the reasons of
/// [`Check::RightBecause`] it can give.
const fn with_whys(mut e: Exercise, whys: &'static [&'static str]) -> Exercise {
    if let Kind::Find { whys: w, .. } = &mut e.kind {
        *w = whys;
    }
    e
}

/// Answers that are exact in float64 are checked with this much room.
const EXACT: f64 = 1e-9;

use LessonId as L;

static INTRO: [Exercise; 3] = [
    choice(L::Intro, "regression", 4, 2),
    choice(L::Intro, "linear", 3, 2),
    // x = [1.0, 0.5], w = [0.5, 0.5], b = -1.0: a = -0.25, y = step(a) = 0.
    trapped(
        number(L::Intro, "neuron", 0.0, EXACT),
        &[trap(-0.25, EXACT, "sum"), trap(1.0, EXACT, "fires")],
    ),
];

static STEP: [Exercise; 3] = [
    trapped(
        number(L::Step, "zero", 0.0, EXACT),
        &[trap(1.0, EXACT, "one")],
    ),
    choice(L::Step, "slope", 3, 2),
    find(
        L::Step,
        "tiny",
        Count::Exactly(1),
        "1e-9",
        (step_tiny, &["zero", "large"]),
    ),
];

static IDENTITY: [Exercise; 3] = [
    number(L::Identity, "output", -2.7, EXACT),
    trapped(
        number(L::Identity, "slope", 1.0, EXACT),
        &[trap(3.0, EXACT, "value")],
    ),
    find(
        L::Identity,
        "unbounded",
        Count::Exactly(1),
        "12",
        (identity_unbounded, &["inside", "infinite"]),
    ),
];

static SIGMOID: [Exercise; 4] = [
    probability(L::Sigmoid, "half", 0.5, 1e-6),
    // h(2) = 0.88079707797788244..., asked to two decimal places.
    probability(L::Sigmoid, "two", 0.880_797_08, 0.005),
    trapped(
        number(L::Sigmoid, "slope", 0.25, 1e-6),
        &[trap(0.5, 1e-6, "value")],
    ),
    find(
        L::Sigmoid,
        "rounded",
        Count::Exactly(1),
        "40",
        (sigmoid_rounded, &["below", "infinite"]),
    ),
];

static RELU: [Exercise; 3] = [
    trapped(
        number(L::Relu, "negative", 0.0, EXACT),
        &[trap(-3.0, EXACT, "passed"), trap(3.0, EXACT, "absolute")],
    ),
    choice(L::Relu, "hidden", 3, 2),
    find(
        L::Relu,
        "same",
        Count::Exactly(2),
        "-1, -2",
        (relu_same, &["equal", "differ"]),
    ),
];

static VANISHING: [Exercise; 4] = [
    // 0.25^10 = 9.5367431640625e-07 exactly (a power of two), asked to two
    // significant digits.
    trapped(
        number(L::Vanishing, "ten", 9.536_743_164_062_5e-7, 5e-9),
        &[trap(1e-6, 5e-9, "rounded"), trap(2.5, EXACT, "times")],
    ),
    // 0.25^9 = 3.8e-06 is above one millionth, 0.25^10 below.
    trapped(
        number(L::Vanishing, "million", 10.0, EXACT),
        &[trap(9.0, EXACT, "nine")],
    ),
    choice(L::Vanishing, "tanh", 3, 2),
    with_figures(
        find(
            L::Vanishing,
            "start",
            Count::Exactly(1),
            "3",
            (vanishing_start, &["above", "infinite"]),
        ),
        vanishing_start_figures,
    ),
];

static MODERN: [Exercise; 4] = [
    choice(L::Modern, "gelu", 4, 2),
    // ELU(-1) = e^-1 - 1 = -0.63212055882855768 (mpmath), asked to three places.
    trapped(
        number(L::Modern, "elu", -0.632_120_558_828_557_7, 0.0006),
        &[
            trap(0.632_120_558_828_557_7, 0.0006, "sign"),
            trap(0.367_879_441_171_442_33, 0.0006, "minus"),
        ],
    ),
    // 0 counts too: every framework's convention gives ReLU'(0) = 0 and Leaky
    // ReLU'(0) = 0.01 (JAX: 1), as the lesson says.
    with_whys(
        find(
            L::Modern,
            "dying",
            Count::Exactly(1),
            "-1",
            (modern_dying, &["positive"]),
        ),
        &["convention"],
    ),
    choice(L::Modern, "softplus", 4, 2),
];

static SOFTMAX: [Exercise; 5] = [
    choice(L::Softmax, "classes", 4, 4),
    probability(L::Softmax, "sum", 1.0, 1e-6),
    // softmax([0.3, 2.9, 4.0])[2] = 0.73659691376937856..., asked to a whole percent
    // (so `74` is read as 74%).
    with_unit(L::Softmax, "bird", 0.736_596_91, 0.005, Unit::Percentage),
    find(
        L::Softmax,
        "confident",
        Count::AtLeast(2),
        "5, 0",
        (softmax_confident, &["below", "nan"]),
    ),
    // Two classes: softmax([a, b])[0] = sigmoid(a - b), so h(2) for any a - b = 2.
    with_figures(
        find(
            L::Softmax,
            "two",
            Count::Exactly(2),
            "2, 0",
            (softmax_two, &["differ", "order", "nan"]),
        ),
        softmax_two_figures,
    ),
];

static OVERFLOW: [Exercise; 4] = [
    // ln(largest float32) = 88.722839052068353..., asked to two decimal places.
    trapped(
        number(L::Overflow, "float32", 88.722_839, 0.006),
        &[trap(709.782_712_893_384, 0.006, "float64")],
    ),
    with_figures(
        with_whys(
            find(
                L::Overflow,
                "naive",
                Count::AtLeast(1),
                "1010, 1000, 990",
                (overflow_naive, &["naivefine", "stablenan"]),
            ),
            &["underflow"],
        ),
        largest_input,
    ),
    with_whys(
        find(
            L::Overflow,
            "always",
            Count::AtLeast(1),
            "inf, 1",
            (overflow_always, &["finite", "masked"]),
        ),
        &["nan", "allminus"],
    ),
    choice(L::Overflow, "shift", 4, 1),
];

/// The exercises of `lesson`, in the order they are asked.
pub fn exercises(lesson: LessonId) -> &'static [Exercise] {
    match lesson {
        L::Intro => &INTRO,
        L::Step => &STEP,
        L::Identity => &IDENTITY,
        L::Sigmoid => &SIGMOID,
        L::Relu => &RELU,
        L::Vanishing => &VANISHING,
        L::Modern => &MODERN,
        L::Softmax => &SOFTMAX,
        L::Overflow => &OVERFLOW,
    }
}

/// Every exercise of the course, lesson by lesson.
pub fn all() -> impl Iterator<Item = &'static Exercise> {
    LessonId::ALL.into_iter().flat_map(exercises)
}

/// The exercise `name` of the lesson with id `lesson`.
pub fn find_exercise(lesson: &str, name: &str) -> Option<&'static Exercise> {
    exercises(LessonId::from_id(lesson)?)
        .iter()
        .find(|e| e.name == name)
}

// The checks of the find exercises: the learner's numbers through the real functions.

fn step_tiny(values: &[f64]) -> Check {
    let [x] = values else {
        return Check::Miss("zero");
    };
    if activation::step(*x) != 1.0 {
        Check::Miss("zero")
    } else if *x >= 1e-6 {
        Check::Miss("large")
    } else {
        Check::Right
    }
}

fn identity_unbounded(values: &[f64]) -> Check {
    let [x] = values else {
        return Check::Miss("inside");
    };
    let y = activation::identity(*x);
    if !y.is_finite() {
        Check::Miss("infinite")
    } else if y.abs() <= 5.0 {
        Check::Miss("inside")
    } else {
        Check::Right
    }
}

fn sigmoid_rounded(values: &[f64]) -> Check {
    let [x] = values else {
        return Check::Miss("below");
    };
    // The lesson's code, `1 / (1 + np.exp(-x))`, rounds `1 + e^(-x)` to 1 first and
    // so prints 1.0 from about 36.74 on, before kasseika's own sigmoid (37.43): a
    // learner who checks with it is right too.
    let numpy = 1.0 / (1.0 + (-*x).exp());
    if !x.is_finite() {
        Check::Miss("infinite")
    } else if activation::sigmoid(*x) != 1.0 && numpy != 1.0 {
        Check::Miss("below")
    } else {
        Check::Right
    }
}

fn relu_same(values: &[f64]) -> Check {
    let [a, b] = values else {
        return Check::Miss("differ");
    };
    if a == b {
        Check::Miss("equal")
    } else if activation::relu(*a) != activation::relu(*b) {
        Check::Miss("differ")
    } else {
        Check::Right
    }
}

fn vanishing_start(values: &[f64]) -> Check {
    let [x] = values else {
        return Check::Miss("above");
    };
    if !x.is_finite() {
        Check::Miss("infinite")
    } else if activation::gradient_chain(activation::Scalar::Sigmoid, *x, 10).product() < 1e-7 {
        Check::Right
    } else {
        Check::Miss("above")
    }
}

/// The learner's start, the first layer's slope there and the gradient it gives
/// through 10 layers.
fn vanishing_start_figures(values: &[f64]) -> Vec<(&'static str, String)> {
    let x = values.first().copied().unwrap_or(0.0);
    let product = activation::gradient_chain(activation::Scalar::Sigmoid, x, 10).product();
    vec![
        ("x", number::display(x)),
        (
            "slope",
            number::display_digits(activation::Scalar::Sigmoid.derivative(x), 2),
        ),
        ("product", number::display_digits(product, 2)),
    ]
}

fn modern_dying(values: &[f64]) -> Check {
    use activation::Scalar::{LeakyRelu, Relu};
    let [x] = values else {
        return Check::Miss("positive");
    };
    if Relu.derivative_by_convention(*x) == 0.0 && LeakyRelu.derivative_by_convention(*x) > 0.0 {
        if Relu.derivative_defined_at(*x) {
            Check::Right
        } else {
            // 0: no derivative in mathematics, but the frameworks' convention.
            Check::RightBecause("convention")
        }
    } else {
        Check::Miss("positive")
    }
}

fn softmax_confident(values: &[f64]) -> Check {
    // The softmax lesson computes the naive form, as its code does.
    let y = activation::softmax_naive(values);
    if y.iter().any(|p| p.is_nan()) {
        Check::Miss("nan")
    } else if values.len() >= 2 && y.iter().any(|&p| p > 0.99) {
        Check::Right
    } else {
        Check::Miss("below")
    }
}

/// The two-class softmax as the lesson computes it (naive), against the sigmoid's
/// h(2): right when the first probability is h(2) (a - b = 2).
fn softmax_two(values: &[f64]) -> Check {
    let target = activation::sigmoid(2.0);
    let y = activation::softmax_naive(values);
    let near = |p: f64| (p - target).abs() <= 1e-6;
    match y.as_slice() {
        [p, _] if near(*p) => Check::Right,
        _ if y.iter().any(|p| p.is_nan()) => Check::Miss("nan"),
        [_, q] if near(*q) => Check::Miss("order"),
        _ => Check::Miss("differ"),
    }
}

/// The learner's two inputs, their difference, and the first probability.
fn softmax_two_figures(values: &[f64]) -> Vec<(&'static str, String)> {
    let (a, b) = match values {
        [a, b] => (*a, *b),
        _ => (0.0, 0.0),
    };
    let first = activation::softmax_naive(&[a, b])[0];
    vec![
        ("a", number::display(a)),
        ("b", number::display(b)),
        ("difference", number::display(a - b)),
        ("first", number::display(first)),
    ]
}

/// The largest input, as the overflow exercise's why quotes it (`e^800`).
fn largest_input(values: &[f64]) -> Vec<(&'static str, String)> {
    let largest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    vec![("largest", number::display(largest))]
}

fn overflow_naive(values: &[f64]) -> Check {
    if !activation::softmax_naive(values).iter().any(|p| p.is_nan()) {
        Check::Miss("naivefine")
    } else if activation::softmax(values).iter().any(|p| p.is_nan()) {
        Check::Miss("stablenan")
    } else if values.iter().any(|&a| activation::exp_f64(a).is_infinite()) {
        // inf / inf
        Check::Right
    } else {
        // Every term underflowed to 0: 0 / 0.
        Check::RightBecause("underflow")
    }
}

/// Inputs the stable softmax cannot save: NaN, +inf, or nothing but -inf. An input
/// of -inf alone is no trouble: `e^-inf = 0`, a probability of exactly 0.
fn overflow_always(values: &[f64]) -> Check {
    if !activation::softmax(values).iter().any(|p| p.is_nan()) {
        if values.contains(&f64::NEG_INFINITY) {
            Check::Miss("masked")
        } else {
            Check::Miss("finite")
        }
    } else if values.iter().any(|a| a.is_nan()) {
        Check::RightBecause("nan")
    } else if values.contains(&f64::INFINITY) {
        Check::Right
    } else {
        // Every input is -inf: max(a) is -inf, and -inf - (-inf) is NaN.
        Check::RightBecause("allminus")
    }
}

/// Why an answer could not be read. Nothing here counts as a wrong answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    /// Nothing but spaces.
    Empty,
    TooLong {
        chars: usize,
        max: usize,
    },
    /// A character that has no place in an answer (a control character, a
    /// superscript, a letter of another script...).
    Character {
        c: char,
    },
    /// A dash or a long-vowel mark where a minus sign was surely meant (`ー5`).
    NotAMinus {
        c: char,
    },
    /// A token that is not a number (ASCII: the full-width forms are folded first).
    NotANumber {
        token: String,
    },
    /// One number was expected; the answer has `count`.
    OneNumber {
        count: usize,
    },
    /// A find exercise takes `expected` numbers; the answer has `count`.
    Count {
        expected: Count,
        count: usize,
    },
    /// More than `max` numbers.
    TooMany {
        count: usize,
        max: usize,
    },
    /// A percentage, where the answer is not a probability.
    Percent,
    /// A number above 1 (at most 100) without `%`, where the answer is a probability:
    /// `token` as typed (the learner is shown it with `%` and as a decimal).
    OverOne {
        token: String,
    },
    /// A fraction with a zero denominator.
    ZeroDenominator {
        token: String,
    },
    /// Not the number of an option (1 to `options`).
    Choice {
        options: u8,
    },
}

/// `c` as a message shows it: control and invisible characters by code point.
fn shown_char(c: char) -> String {
    if c.is_whitespace() || crate::output::is_invisible(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("{c} (U+{:04X})", u32::from(c))
    }
}

impl AnswerError {
    /// What was wrong and what is accepted, in the learner's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            AnswerError::Empty => tr.t("answer-error-empty"),
            AnswerError::TooLong { chars, max } => tr.f(
                "answer-error-too-long",
                &[("chars", (*chars).into()), ("max", (*max).into())],
            ),
            AnswerError::Character { c } => {
                tr.f("answer-error-character", &[("char", shown_char(*c).into())])
            }
            AnswerError::NotAMinus { c } => tr.f(
                "answer-error-not-a-minus",
                &[("char", shown_char(*c).into())],
            ),
            AnswerError::NotANumber { token } => tr.f(
                "answer-error-not-a-number",
                &[("token", token.clone().into())],
            ),
            AnswerError::OneNumber { count } => {
                tr.f("answer-error-one-number", &[("count", (*count).into())])
            }
            AnswerError::TooMany { count, max } => tr.f(
                "answer-error-count-too-many",
                &[("count", (*count).into()), ("max", (*max).into())],
            ),
            AnswerError::Count { expected, count } => {
                let count = (*count).into();
                match *expected {
                    Count::Exactly(n) => tr.f(
                        "answer-error-count-exactly",
                        &[("count", count), ("expected", n.into())],
                    ),
                    Count::AtLeast(n) => tr.f(
                        "answer-error-count-at-least",
                        &[("count", count), ("expected", n.into())],
                    ),
                }
            }
            AnswerError::Percent => tr.t("answer-error-percent"),
            AnswerError::OverOne { token } => tr.f(
                "answer-error-over-one",
                &[
                    ("token", token.clone().into()),
                    (
                        "decimal",
                        fraction(token)
                            .map(|v| number::display(v / 100.0))
                            .unwrap_or_default()
                            .into(),
                    ),
                ],
            ),
            AnswerError::ZeroDenominator { token } => tr.f(
                "answer-error-zero-denominator",
                &[("token", token.clone().into())],
            ),
            AnswerError::Choice { options } => {
                tr.f("answer-error-choice", &[("options", (*options).into())])
            }
        }
    }
}

/// Characters that look like a minus sign and are typed for one: the long-vowel
/// mark of a Japanese input method (`ー`), hyphens and dashes.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{30FC}' | '\u{FF70}' | '\u{2010}'..='\u{2015}' | '\u{FE63}'
    )
}

/// Folds what the learner typed into ASCII: the full-width forms an input method
/// produces (`０．５`, `５０％`, `１／２`) become their ASCII letters, which is what NFKC
/// does to them; the ideographic space and commas become separators; U+2212 MINUS
/// SIGN becomes `-`. Anything else outside printable ASCII is refused by name, so
/// that `10²` is never read as 102.
fn fold(text: &str) -> Result<String, AnswerError> {
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(AnswerError::TooLong {
            chars,
            max: MAX_CHARS,
        });
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let folded = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
            '\u{3000}' | '\t' | '\n' | '\r' => Some(' '),
            '\u{3001}' | '\u{FF64}' => Some(','),
            '\u{2212}' => Some('-'),
            ' '..='~' => Some(c),
            _ => None,
        };
        match folded {
            Some(f) => out.push(f),
            None if is_dash(c) => return Err(AnswerError::NotAMinus { c }),
            None => return Err(AnswerError::Character { c }),
        }
    }
    Ok(out)
}

/// The tokens of a folded answer: split at commas and spaces, with `/` and `%`
/// kept with their numbers (`1 / 2`, `50 %`). One pair of brackets around the whole
/// answer is dropped (`[1010, 1000, 990]`, as the lessons write vectors).
fn answer_tokens(folded: &str) -> Vec<String> {
    let trimmed = folded.trim();
    // `x=3`, as the lessons' input boxes take a start value, is the number 3.
    let trimmed = trimmed
        .strip_prefix(['x', 'X'])
        .and_then(|t| t.trim_start().strip_prefix('='))
        .map_or(trimmed, str::trim);
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(trimmed);
    let mut out: Vec<String> = Vec::new();
    for t in inner.split([',', ' ']).filter(|t| !t.is_empty()) {
        let glue = out
            .last()
            .is_some_and(|prev| prev.ends_with('/') || t.starts_with(['/', '%']));
        match out.last_mut() {
            Some(prev) if glue => prev.push_str(t),
            _ => out.push(t.to_string()),
        }
    }
    out
}

/// A float64 as the lessons read one: `1`, `-0.5`, `1e3`, `.5`, `inf`, `nan`.
fn plain_number(token: &str) -> Result<f64, AnswerError> {
    token.parse::<f64>().map_err(|_| AnswerError::NotANumber {
        token: token.to_string(),
    })
}

/// A number or a fraction `a/b`.
fn fraction(token: &str) -> Result<f64, AnswerError> {
    let Some((num, den)) = token.split_once('/') else {
        return plain_number(token);
    };
    let whole = |_| AnswerError::NotANumber {
        token: token.to_string(),
    };
    let (num, den) = (
        plain_number(num).map_err(whole)?,
        plain_number(den).map_err(whole)?,
    );
    if den == 0.0 {
        return Err(AnswerError::ZeroDenominator {
            token: token.to_string(),
        });
    }
    Ok(num / den)
}

/// Reads the answer to a [`Kind::Number`] question as a value.
pub fn parse_number(text: &str, unit: Unit) -> Result<f64, AnswerError> {
    let tokens = answer_tokens(&fold(text)?);
    let token = match tokens.as_slice() {
        [] => return Err(AnswerError::Empty),
        [one] => one,
        more => return Err(AnswerError::OneNumber { count: more.len() }),
    };
    match token.strip_suffix('%') {
        Some(_) if !unit.is_probability() => Err(AnswerError::Percent),
        Some(body) => Ok(fraction(body)? / 100.0),
        None => {
            let v = fraction(token)?;
            if !(unit.is_probability() && v > 1.0 && v <= 100.0) {
                Ok(v)
            } else if unit == Unit::Percentage {
                // The question asks for a percentage: 74 is 74%.
                Ok(v / 100.0)
            } else {
                // No probability is above 1: surely a percentage without its sign.
                Err(AnswerError::OverOne {
                    token: token.clone(),
                })
            }
        }
    }
}

/// Reads the answer to a [`Kind::Choice`] question: the option's number (`2`, `２`,
/// `2)`, `2.`).
pub fn parse_choice(text: &str, options: u8) -> Result<u8, AnswerError> {
    let folded = fold(text)?;
    let tokens = answer_tokens(&folded);
    let token = match tokens.as_slice() {
        [] => return Err(AnswerError::Empty),
        [one] => one.trim_end_matches([')', '.']),
        _ => return Err(AnswerError::Choice { options }),
    };
    match token.parse::<u8>() {
        Ok(n) if (1..=options).contains(&n) && token.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(AnswerError::Choice { options }),
    }
}

/// Reads the answer to a [`Kind::Find`] question: `count` numbers (fractions allowed).
pub fn parse_values(text: &str, count: Count) -> Result<Vec<f64>, AnswerError> {
    let tokens = answer_tokens(&fold(text)?);
    if tokens.is_empty() {
        return Err(AnswerError::Empty);
    }
    if tokens.len() > MAX_VALUES {
        return Err(AnswerError::TooMany {
            count: tokens.len(),
            max: MAX_VALUES,
        });
    }
    if !count.admits(tokens.len()) {
        return Err(AnswerError::Count {
            expected: count,
            count: tokens.len(),
        });
    }
    tokens.iter().map(|t| fraction(t)).collect()
}

/// How strong a hint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hint {
    /// After the first wrong answer: where to look.
    Look,
    /// From the second wrong answer on: nearly the answer.
    Stronger,
}

/// What an answer did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Right; `why` is the message id of the explanation, `figures` the numbers of
    /// the learner's answer it quotes.
    Right {
        why: String,
        figures: Vec<(&'static str, String)>,
    },
    /// Wrong; `wrong` counts the wrong answers so far (1 for the first), `hint` is the
    /// message id of the hint of strength `level`, `miss` (find exercises, common
    /// wrong numbers) the message id of what this answer did. `solved`: the exercise
    /// was solved before and stays solved (no hint then).
    Wrong {
        level: Hint,
        wrong: u32,
        hint: String,
        miss: Option<String>,
        solved: bool,
    },
    /// The answer could not be read; it does not count.
    Invalid(AnswerError),
}

impl Outcome {
    /// The feedback to show, in the learner's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            Outcome::Right { why, figures } => {
                let args: Vec<(&str, fluent_bundle::FluentValue)> = figures
                    .iter()
                    .map(|(name, v)| (*name, v.clone().into()))
                    .collect();
                join(tr, tr.t("exercise-right"), tr.f(why, &args))
            }
            Outcome::Wrong {
                level,
                hint,
                miss,
                solved,
                ..
            } => {
                let mut text = tr.t(match level {
                    _ if *solved => "exercise-wrong-solved",
                    Hint::Look => "exercise-wrong",
                    Hint::Stronger => "exercise-wrong-again",
                });
                if let Some(miss) = miss {
                    text = join(tr, text, tr.t(miss));
                }
                if *solved {
                    return join(tr, text, tr.t("exercise-stays-solved"));
                }
                join(
                    tr,
                    text,
                    tr.f("exercise-hint", &[("hint", tr.t(hint).into())]),
                )
            }
            Outcome::Invalid(e) => e.message(tr),
        }
    }
}

/// Two sentences, one after the other as the language writes them (English puts a
/// space between them, Japanese does not).
pub fn join(tr: Tr, first: String, second: String) -> String {
    tr.f(
        "exercise-join",
        &[("first", first.into()), ("second", second.into())],
    )
}

/// Where an exercise stands, from its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    NotTried,
    /// Answered wrong `wrong` times, not solved, not skipped.
    Tried {
        wrong: u32,
    },
    /// Skipped (after `wrong` wrong answers), not solved since.
    Skipped {
        wrong: u32,
    },
    /// Solved, after `wrong` wrong answers; `seen_answer` when it was skipped (and
    /// its answer shown) before.
    Solved {
        wrong: u32,
        seen_answer: bool,
    },
}

impl Status {
    pub fn of(record: &ExerciseRecord) -> Status {
        let wrong = record.wrong;
        if record.solved {
            Status::Solved {
                wrong,
                seen_answer: record.skipped,
            }
        } else if record.skipped {
            Status::Skipped { wrong }
        } else if wrong > 0 {
            Status::Tried { wrong }
        } else {
            Status::NotTried
        }
    }
}

impl Exercise {
    fn id(&self, part: &str) -> String {
        format!("ex-{}-{}-{part}", self.lesson.id(), self.name)
    }

    /// The lesson id and the name, as the saved file keys them: `sigmoid/half`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.lesson.id(), self.name)
    }

    /// Every message id this exercise needs.
    pub fn message_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = ["title", "question", "hint1", "hint2", "why"]
            .into_iter()
            .map(|p| self.id(p))
            .collect();
        match self.kind {
            Kind::Choice { options, .. } => {
                ids.extend((1..=options).map(|i| self.id(&format!("option{i}"))));
            }
            Kind::Find { misses, whys, .. } => {
                ids.extend(misses.iter().map(|r| self.miss_id(r)));
                ids.extend(whys.iter().map(|r| self.id(&format!("why-{r}"))));
            }
            Kind::Number { traps, .. } => {
                ids.extend(traps.iter().map(|t| self.miss_id(t.reason)));
            }
        }
        ids
    }

    fn miss_id(&self, reason: &str) -> String {
        self.id(&format!("miss-{reason}"))
    }

    /// Whether NaN is a meaningful input: only in the overflow lesson, where it is
    /// what the learner is after. Elsewhere a NaN answer is told as NaN.
    fn takes_nan(&self) -> bool {
        self.lesson == LessonId::Overflow
    }

    /// A short name for lists and reports.
    pub fn title(&self, tr: Tr) -> String {
        tr.t(&self.id("title"))
    }

    pub fn question(&self, tr: Tr) -> String {
        tr.t(&self.id("question"))
    }

    /// The options of a choice, in order (empty for other kinds).
    pub fn options(&self, tr: Tr) -> Vec<String> {
        match self.kind {
            Kind::Choice { options, .. } => (1..=options)
                .map(|i| tr.t(&self.id(&format!("option{i}"))))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The message id of the hint of strength `level`.
    pub fn hint_id(&self, level: Hint) -> String {
        self.id(match level {
            Hint::Look => "hint1",
            Hint::Stronger => "hint2",
        })
    }

    /// The message id of why the answer is what it is.
    pub fn why_id(&self) -> String {
        self.id("why")
    }

    /// The answer and why it is right, for a learner who skipped.
    pub fn reveal(&self, tr: Tr) -> String {
        let answer = match self.kind {
            Kind::Number { answer, .. } => tr.f(
                "exercise-answer-number",
                &[("value", number::display(answer).into())],
            ),
            Kind::Choice { answer, .. } => tr.f(
                "exercise-answer-choice",
                &[
                    ("number", answer.into()),
                    ("option", tr.t(&self.id(&format!("option{answer}"))).into()),
                ],
            ),
            Kind::Find { example, .. } => {
                tr.f("exercise-answer-example", &[("example", example.into())])
            }
        };
        // A why that quotes the answer quotes the example.
        let figures = match self.kind {
            Kind::Find { example, .. } => self.figures(example),
            _ => Vec::new(),
        };
        let args: Vec<(&str, fluent_bundle::FluentValue)> =
            figures.into_iter().map(|(n, v)| (n, v.into())).collect();
        join(tr, answer, tr.f(&self.why_id(), &args))
    }

    /// Checks an answer without remembering anything: `Ok(Check)` when it could be
    /// read.
    pub fn check(&self, text: &str) -> Result<Check, AnswerError> {
        match self.kind {
            Kind::Number {
                answer,
                tolerance,
                unit,
                traps,
            } => {
                let v = parse_number(text, unit)?;
                Ok(if (v - answer).abs() <= tolerance {
                    Check::Right
                } else if let Some(t) = traps.iter().find(|t| (v - t.value).abs() <= t.tolerance) {
                    Check::Miss(t.reason)
                } else {
                    Check::Wrong
                })
            }
            Kind::Choice { options, answer } => Ok(if parse_choice(text, options)? == answer {
                Check::Right
            } else {
                Check::Wrong
            }),
            Kind::Find { count, check, .. } => {
                let values = parse_values(text, count)?;
                if !self.takes_nan() && values.iter().any(|v| v.is_nan()) {
                    return Ok(Check::NotANumber);
                }
                Ok(check(&values))
            }
        }
    }

    /// The numbers of `text` that a right answer's why quotes (find exercises).
    fn figures(&self, text: &str) -> Vec<(&'static str, String)> {
        match self.kind {
            Kind::Find { count, figures, .. } => parse_values(text, count)
                .map(|v| figures(&v))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// One exercise being answered: the catalogue entry and the learner's record.
#[derive(Debug, Clone)]
pub struct ExerciseState {
    exercise: &'static Exercise,
    record: ExerciseRecord,
}

impl ExerciseState {
    pub fn new(exercise: &'static Exercise) -> ExerciseState {
        ExerciseState::with_record(exercise, ExerciseRecord::default())
    }

    /// Picks up where a saved record left off (the hints go on getting stronger).
    pub fn with_record(exercise: &'static Exercise, record: ExerciseRecord) -> ExerciseState {
        ExerciseState { exercise, record }
    }

    pub fn exercise(&self) -> &'static Exercise {
        self.exercise
    }

    /// What is saved.
    pub fn record(&self) -> &ExerciseRecord {
        &self.record
    }

    pub fn status(&self) -> Status {
        Status::of(&self.record)
    }

    /// Checks `text`. A right answer solves the exercise (for good: a wrong answer
    /// afterwards is shown as wrong but does not undo it); a wrong one counts and
    /// gets a hint; an unreadable one changes nothing.
    pub fn answer(&mut self, text: &str) -> Outcome {
        match self.exercise.check(text) {
            Err(e) => Outcome::Invalid(e),
            Ok(right @ (Check::Right | Check::RightBecause(_))) => {
                self.record.solved = true;
                Outcome::Right {
                    why: match right {
                        Check::RightBecause(r) => self.exercise.id(&format!("why-{r}")),
                        _ => self.exercise.why_id(),
                    },
                    figures: self.exercise.figures(text),
                }
            }
            Ok(miss @ (Check::Wrong | Check::Miss(_) | Check::NotANumber)) => {
                let solved = self.record.solved;
                if !solved {
                    self.record.wrong = self.record.wrong.saturating_add(1);
                }
                let wrong = self.record.wrong.max(1);
                let level = if wrong >= 2 {
                    Hint::Stronger
                } else {
                    Hint::Look
                };
                Outcome::Wrong {
                    level,
                    wrong,
                    hint: self.exercise.hint_id(level),
                    miss: match miss {
                        Check::Miss(reason) => Some(self.exercise.miss_id(reason)),
                        Check::NotANumber => Some("exercise-miss-nan".into()),
                        _ => None,
                    },
                    solved,
                }
            }
        }
    }

    /// Leaves the exercise for now. It can still be answered later; until it is
    /// solved, it counts as skipped. Once solved, a look at the answer changes
    /// nothing: it was solved without it.
    pub fn skip(&mut self) {
        if !self.record.solved {
            self.record.skipped = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_ascii_and_refuses_lookalikes() {
        assert_eq!(fold("０．５").unwrap(), "0.5");
        assert_eq!(fold("５０％").unwrap(), "50%");
        assert_eq!(fold("１／２").unwrap(), "1/2");
        assert_eq!(fold("－１　２、３").unwrap(), "-1 2,3");
        assert_eq!(fold("\u{2212}2").unwrap(), "-2");
        assert_eq!(
            fold("10²"),
            Err(AnswerError::Character { c: '²' }),
            "a superscript is not a digit"
        );
        assert_eq!(fold("½"), Err(AnswerError::Character { c: '½' }));
        assert_eq!(
            fold("1\u{1b}[2J"),
            Err(AnswerError::Character { c: '\u{1b}' })
        );
    }

    #[test]
    fn tokens_glue_fractions_and_percentages() {
        assert_eq!(answer_tokens("1 / 2"), ["1/2"]);
        assert_eq!(answer_tokens("50 %"), ["50%"]);
        assert_eq!(answer_tokens("[1010, 1000, 990]"), ["1010", "1000", "990"]);
        assert_eq!(answer_tokens("0,5"), ["0", "5"]);
        assert!(answer_tokens("  ").is_empty());
    }

    #[test]
    fn control_characters_are_shown_by_code_point() {
        assert_eq!(shown_char('\u{1b}'), "U+001B");
        assert_eq!(shown_char('²'), "² (U+00B2)");
    }
}
