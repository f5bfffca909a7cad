//! Exercises: two to five per lesson, checked by the app.
//!
//! Three kinds of question:
//! - [`Kind::Number`]: a number, compared as a value with a tolerance. `0.50`, `.5`,
//!   `1/2`, full-width `０．５` and, where the answer is a probability, `50%` or `５０％`
//!   all mean 0.5. A number that is nearly right is told so and does not count
//!   ([`Near`]).
//! - [`Kind::Choice`]: the number of one of the options.
//! - [`Kind::Find`]: numbers the learner finds with the input box or the chart ("an
//!   input where the naive softmax gives NaN but the stable one does not"), checked by
//!   running them through the real functions of [`crate::activation`], never by
//!   comparing text.
//!
//! [`ExerciseState`] is the state machine the interface drives: [`ExerciseState::answer`]
//! says whether an answer is right (and why), wrong (with a hint that says where to
//! look, and a stronger one from the second wrong answer on), nearly right or
//! unreadable (a localized message as a value; neither counts);
//! [`ExerciseState::hint`] gives a hint on request; [`ExerciseState::skip`] gives up
//! on it for now.
//! What it remembers is an [`ExerciseRecord`], the part that is saved.
//!
//! Texts live in `i18n/*/exercises.ftl`, under ids made from the lesson id and the
//! exercise's name: `ex-sigmoid-half-question`, `-title`, `-hint1`, `-hint2`, `-why`,
//! `-option1`... for choices and `-miss-REASON` for what a wrong find did wrong.

mod answer;

pub use answer::{AnswerError, parse_choice, parse_number, parse_values};
use answer::{answer_tokens, find_tokens, fold, fraction, number_token, rounded_away, short_of};

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
    /// A probability the question asks for as a percentage (its answer box says
    /// so). It is read as every probability is: `74%` or `0.74` (a bare `74` is
    /// told how to write it, as in every question: see [`parse_number`]).
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
    /// Nearly right: told as such, and not counted as wrong (see [`Near`]).
    Nearly(Near),
}

/// How an answer that is not right can still be nearly right. Either is told, and
/// neither counts as a wrong answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Near {
    /// The number agrees with the answer in every digit typed (the last one rounded
    /// or cut), but the question asks for more digits than were given: `-0.63` for
    /// `-0.632`, `88.7` for `88.72`. Also for the common wrong answers with a hint of
    /// their own ([`Trap`]): they are recognised with as few digits.
    MoreDigits,
    /// A number typed is beyond what float64 holds and was read as 0 (`1e-400`
    /// underflows) ...
    Underflow,
    /// ... or as inf or -inf (`1e400` overflows): the learner's number is not the one
    /// that was checked.
    Overflow,
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
    // softmax([0.3, 2.9, 4.0])[2] = 0.73659691376937856..., asked to a whole percent.
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

/// How strong a hint is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hint {
    /// Asked for first, or after the first wrong answer: where to look.
    Look,
    /// Asked for again, or from the second wrong answer on: nearly the answer.
    Stronger,
}

impl Hint {
    /// The hint of strength `level` (1 or more).
    fn of_level(level: u32) -> Hint {
        if level >= 2 {
            Hint::Stronger
        } else {
            Hint::Look
        }
    }
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
    /// Nearly right ([`Near`]): told why it is not quite the answer; it does not
    /// count. `token` is the number typed that the message is about.
    Nearly { near: Near, token: String },
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
            Outcome::Nearly { near, token } => {
                let token = crate::output::visible(token).into_owned();
                let id = match near {
                    Near::MoreDigits => "exercise-nearly-digits",
                    Near::Underflow => "exercise-nearly-underflow",
                    Near::Overflow => "exercise-nearly-overflow",
                };
                let value = if token.starts_with('-') {
                    "-inf"
                } else {
                    "inf"
                };
                join(
                    tr,
                    tr.f(id, &[("token", token.into()), ("value", value.into())]),
                    tr.t("exercise-not-counted"),
                )
            }
            Outcome::Invalid(e) => e.message(tr),
        }
    }

    /// Whether the answer counts: right or wrong (an unreadable or nearly right one
    /// does not).
    pub fn counts(&self) -> bool {
        matches!(self, Outcome::Right { .. } | Outcome::Wrong { .. })
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
        join(tr, answer, self.why(tr, None))
    }

    /// Why the answer is what it is. A why that quotes the answer quotes `right`
    /// (the learner's own right answer) or else the example; where `right` was right
    /// for a reason of its own ([`Check::RightBecause`]), that reason's why.
    pub fn why(&self, tr: Tr, right: Option<&str>) -> String {
        let right = right.filter(|t| self.is_right(t));
        let id = match right.map(|t| self.check(t)) {
            Some(Ok(Check::RightBecause(r))) => self.id(&format!("why-{r}")),
            _ => self.why_id(),
        };
        let figures = match (self.kind, right) {
            (Kind::Find { .. }, Some(text)) => self.figures(text),
            (Kind::Find { example, .. }, None) => self.figures(example),
            _ => Vec::new(),
        };
        let args: Vec<(&str, fluent_bundle::FluentValue)> =
            figures.into_iter().map(|(n, v)| (n, v.into())).collect();
        tr.f(&id, &args)
    }

    /// What a solved exercise says when the learner comes back to it: the answer
    /// that solved it, if it is known, and why it is right.
    pub fn solved_text(&self, tr: Tr, answer: Option<&str>) -> String {
        let right = answer.filter(|t| self.is_right(t));
        let head = match right {
            Some(text) => tr.f(
                "exercise-solved-with",
                &[("answer", crate::output::visible(text).into_owned().into())],
            ),
            None => tr.t("exercise-solved-before"),
        };
        join(tr, head, self.why(tr, right))
    }

    /// Whether `text` answers this exercise right.
    pub fn is_right(&self, text: &str) -> bool {
        matches!(self.check(text), Ok(Check::Right | Check::RightBecause(_)))
    }

    /// Checks an answer without remembering anything: `Ok(Check)` when it could be
    /// read. A number question: right within its tolerance; then one of its common
    /// wrong answers ([`Trap`], also written with fewer digits); then nearly right
    /// ([`Near`]: a number beyond float64, or the answer with fewer digits than asked);
    /// else wrong. A find question: its check, unless a number typed was beyond
    /// float64 and the check failed (the number checked is not the one typed).
    pub fn check(&self, text: &str) -> Result<Check, AnswerError> {
        match self.kind {
            Kind::Number {
                answer,
                tolerance,
                unit,
                traps,
            } => {
                let (v, token) = number_token(text, unit)?;
                let near = |target: f64, tol: f64| {
                    (v - target).abs() <= tol || short_of(&token, v, target, tol)
                };
                Ok(if (v - answer).abs() <= tolerance {
                    Check::Right
                } else if let Some(t) = traps.iter().find(|t| near(t.value, t.tolerance)) {
                    Check::Miss(t.reason)
                } else if let Some(n) = rounded_away(&token) {
                    Check::Nearly(n)
                } else if v.is_nan() && !self.takes_nan() {
                    Check::NotANumber
                } else if short_of(&token, v, answer, tolerance) {
                    Check::Nearly(Near::MoreDigits)
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
                let tokens = find_tokens(text, count)?;
                let values = tokens
                    .iter()
                    .map(|t| fraction(t))
                    .collect::<Result<Vec<f64>, _>>()?;
                if !self.takes_nan() && values.iter().any(|v| v.is_nan()) {
                    return Ok(Check::NotANumber);
                }
                Ok(match check(&values) {
                    right @ (Check::Right | Check::RightBecause(_)) => right,
                    miss => tokens
                        .iter()
                        .find_map(|t| rounded_away(t))
                        .map_or(miss, Check::Nearly),
                })
            }
        }
    }

    /// The token of `text` a nearly right answer is about: the first number beyond
    /// float64, or the number given with too few digits.
    fn near_token(&self, text: &str, near: Near) -> String {
        let tokens = fold(text).map(|f| answer_tokens(&f)).unwrap_or_default();
        let found = match near {
            Near::MoreDigits => None,
            Near::Underflow | Near::Overflow => tokens
                .iter()
                .find(|t| rounded_away(t) == Some(near))
                .cloned(),
        };
        found
            .or_else(|| tokens.first().cloned())
            .unwrap_or_default()
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
    /// The answer just given, as typed, if it is the one to remember (see
    /// [`ExerciseState::given`]).
    given: Option<String>,
}

impl ExerciseState {
    pub fn new(exercise: &'static Exercise) -> ExerciseState {
        ExerciseState::with_record(exercise, ExerciseRecord::default())
    }

    /// Picks up where a saved record left off (the hints go on getting stronger).
    pub fn with_record(exercise: &'static Exercise, record: ExerciseRecord) -> ExerciseState {
        ExerciseState {
            exercise,
            record,
            given: None,
        }
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

    /// The answer last given that the record keeps (the progress stamps it): every
    /// answer that counts, but once the exercise is solved, right ones only. So a
    /// solved exercise shows the answer that solved it, and one not solved the last
    /// try.
    pub fn given(&self) -> Option<&str> {
        self.given.as_deref()
    }

    /// How strong the hints seen so far were: asked for, or given with wrong answers.
    fn hint_level(&self) -> u32 {
        self.record.hints.max(self.record.wrong.min(2))
    }

    /// Asks for a hint, before any wrong answer or after: the next one (where to
    /// look, then the stronger one). `None` once both were seen: what is left is the
    /// answer ([`ExerciseState::skip`]).
    pub fn hint(&mut self) -> Option<Hint> {
        let level = self.hint_level();
        if level >= 2 {
            return None;
        }
        self.record.hints = level + 1;
        Some(Hint::of_level(level + 1))
    }

    /// Whether both hints were seen (the next request shows the answer).
    pub fn hints_used_up(&self) -> bool {
        self.hint_level() >= 2
    }

    /// Checks `text`. A right answer solves the exercise (for good: a wrong answer
    /// afterwards is shown as wrong but does not undo it); a wrong one counts and
    /// gets a hint, stronger from the second wrong answer on or once a hint was asked
    /// for; an unreadable or nearly right one changes nothing.
    pub fn answer(&mut self, text: &str) -> Outcome {
        self.given = None;
        match self.exercise.check(text) {
            Err(e) => Outcome::Invalid(e),
            Ok(Check::Nearly(near)) => Outcome::Nearly {
                near,
                token: self.exercise.near_token(text, near),
            },
            Ok(right @ (Check::Right | Check::RightBecause(_))) => {
                self.record.solved = true;
                self.given = Some(text.trim().to_string());
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
                    self.given = Some(text.trim().to_string());
                }
                let wrong = self.record.wrong.max(1);
                let level = if wrong >= 2 || self.record.hints >= 1 {
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
