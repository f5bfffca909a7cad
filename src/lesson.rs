//! The lesson catalogue: ids, what each lesson evaluates, its chart ranges, its
//! message ids, and evaluating what the learner typed.

use crate::activation::{self, Scalar};

/// The seven lessons, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonId {
    Intro,
    Step,
    Identity,
    Sigmoid,
    Relu,
    Softmax,
    Overflow,
}

/// What the input box of a lesson does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// No input: the introduction.
    Intro,
    /// One or more numbers, `f(x)` for each.
    Scalar(Scalar),
    /// A vector; probabilities and their sum.
    Softmax,
    /// A scalar (`e^x` in float64 and float32) or a vector (naive vs stable softmax).
    Overflow,
}

/// A closed interval on a chart axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

impl Range {
    pub const fn new(min: f64, max: f64) -> Range {
        Range { min, max }
    }

    pub fn contains(self, v: f64) -> bool {
        v >= self.min && v <= self.max
    }

    pub fn span(self) -> f64 {
        self.max - self.min
    }
}

/// How a lesson's chart is framed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartSpec {
    pub x: Range,
    pub y: Range,
    pub x_ticks: &'static [f64],
    pub y_ticks: &'static [f64],
}

const X5: Range = Range::new(-5.0, 5.0);

impl LessonId {
    pub const ALL: [LessonId; 7] = [
        LessonId::Intro,
        LessonId::Step,
        LessonId::Identity,
        LessonId::Sigmoid,
        LessonId::Relu,
        LessonId::Softmax,
        LessonId::Overflow,
    ];

    /// The id used by `--lesson` and as the prefix of the lesson's message ids.
    pub fn id(self) -> &'static str {
        match self {
            LessonId::Intro => "intro",
            LessonId::Step => "step",
            LessonId::Identity => "identity",
            LessonId::Sigmoid => "sigmoid",
            LessonId::Relu => "relu",
            LessonId::Softmax => "softmax",
            LessonId::Overflow => "overflow",
        }
    }

    pub fn from_id(id: &str) -> Option<LessonId> {
        LessonId::ALL.into_iter().find(|l| l.id() == id)
    }

    /// All ids, for messages: `intro, step, ...`.
    pub fn available() -> String {
        LessonId::ALL.map(LessonId::id).join(", ")
    }

    /// 0-based position.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Option<LessonId> {
        LessonId::ALL.get(self.index() + 1).copied()
    }

    pub fn prev(self) -> Option<LessonId> {
        self.index().checked_sub(1).map(|i| LessonId::ALL[i])
    }

    pub fn kind(self) -> Kind {
        match self {
            LessonId::Intro => Kind::Intro,
            LessonId::Step => Kind::Scalar(Scalar::Step),
            LessonId::Identity => Kind::Scalar(Scalar::Identity),
            LessonId::Sigmoid => Kind::Scalar(Scalar::Sigmoid),
            LessonId::Relu => Kind::Scalar(Scalar::Relu),
            LessonId::Softmax => Kind::Softmax,
            LessonId::Overflow => Kind::Overflow,
        }
    }

    pub fn has_input(self) -> bool {
        self.kind() != Kind::Intro
    }

    /// The chart frame of a scalar-function lesson (the ranges of the brief).
    pub fn chart(self) -> Option<ChartSpec> {
        const UNIT: Range = Range::new(-0.1, 1.1);
        const UNIT_TICKS: &[f64] = &[0.0, 0.5, 1.0];
        const X_TICKS: &[f64] = &[-5.0, 0.0, 5.0];
        let spec = |x, y, y_ticks| ChartSpec {
            x,
            y,
            x_ticks: X_TICKS,
            y_ticks,
        };
        match self {
            LessonId::Step | LessonId::Sigmoid => Some(spec(X5, UNIT, UNIT_TICKS)),
            LessonId::Identity => Some(spec(X5, X5, &[-5.0, 0.0, 5.0])),
            LessonId::Relu => Some(spec(X5, Range::new(-1.0, 5.5), &[0.0, 2.5, 5.0])),
            LessonId::Softmax => Some(ChartSpec {
                // One bar per class: the drawing sets x to 0..n.
                x: Range::new(0.0, 1.0),
                y: Range::new(0.0, 1.0),
                x_ticks: &[],
                y_ticks: &[0.0, 0.5, 1.0],
            }),
            LessonId::Overflow => Some(ChartSpec {
                x: Range::new(0.0, 800.0),
                y: Range::new(0.0, 350.0),
                x_ticks: &[0.0, 400.0, 800.0],
                y_ticks: &[0.0, 100.0, 200.0, 300.0],
            }),
            LessonId::Intro => None,
        }
    }

    /// The example evaluated when the lesson opens, and shown in the empty input box.
    pub fn example(self) -> &'static [&'static str] {
        match self {
            LessonId::Intro => &[],
            LessonId::Step => &["-1, 0, 2"],
            LessonId::Identity => &["-2, 0.5, 3"],
            LessonId::Sigmoid => &["-2, 0, 2"],
            LessonId::Relu => &["-2, 0, 3"],
            LessonId::Softmax => &["0.3, 2.9, 4.0"],
            LessonId::Overflow => &["1000", "1010, 1000, 990"],
        }
    }

    /// The examples, evaluated.
    pub fn example_evaluations(self) -> Vec<Evaluation> {
        self.example()
            .iter()
            .filter_map(|text| crate::value_input::parse_values(text).ok())
            .filter_map(|values| self.evaluate(&values))
            .collect()
    }

    /// Message ids of this lesson's texts.
    pub fn title_id(self) -> String {
        format!("{}-title", self.id())
    }
    pub fn body_id(self) -> String {
        format!("{}-body", self.id())
    }
    pub fn formula_id(self) -> String {
        format!("{}-formula", self.id())
    }
    pub fn code_id(self) -> String {
        format!("{}-code", self.id())
    }
    /// Every message id the lesson needs.
    pub fn message_ids(self) -> [String; 4] {
        [
            self.title_id(),
            self.body_id(),
            self.formula_id(),
            self.code_id(),
        ]
    }

    /// Evaluates values the way this lesson does: exactly what the code on its
    /// screen computes (the softmax lesson shows the naive form, so it computes the
    /// naive form). `None` for the intro.
    pub fn evaluate<I: Inputs + ?Sized>(self, values: &I) -> Option<Evaluation> {
        let numbers = values.numbers();
        let misread = misread(values);
        Some(match self.kind() {
            Kind::Intro => return None,
            Kind::Scalar(f) => Evaluation::Scalar {
                f,
                points: numbers.iter().map(|&x| (x, f.eval(x))).collect(),
                misread,
            },
            Kind::Softmax => Evaluation::Softmax {
                inputs: numbers.to_vec(),
                probs: activation::softmax_naive(numbers),
                misread,
            },
            Kind::Overflow => match numbers {
                [x] => Evaluation::Exp {
                    x: *x,
                    f64: activation::exp_f64(*x),
                    f32: activation::exp_f32(*x),
                    misread,
                },
                _ => Evaluation::Compare {
                    inputs: numbers.to_vec(),
                    naive: activation::softmax_naive(numbers),
                    stable: activation::softmax(numbers),
                    misread,
                },
            },
        })
    }
}

/// Numbers to evaluate and, when they were read from text, how each was written
/// (`1e400` and `inf` are both read as `inf`, for different reasons).
pub trait Inputs {
    fn numbers(&self) -> &[f64];
    /// The text the `index`-th number was read from, if it was read from text.
    fn written(&self, _index: usize) -> Option<&str> {
        None
    }
}

impl Inputs for [f64] {
    fn numbers(&self) -> &[f64] {
        self
    }
}

impl<const N: usize> Inputs for [f64; N] {
    fn numbers(&self) -> &[f64] {
        self
    }
}

impl Inputs for Vec<f64> {
    fn numbers(&self) -> &[f64] {
        self
    }
}

impl Inputs for crate::value_input::Values {
    fn numbers(&self) -> &[f64] {
        crate::value_input::Values::numbers(self)
    }
    fn written(&self, index: usize) -> Option<&str> {
        crate::value_input::Values::written(self, index)
    }
}

/// A number written as finite and non-zero that float64 cannot hold: `1e400` is
/// read as `inf` (overflow), `1e-400` as 0 (underflow).
#[derive(Debug, Clone, PartialEq)]
pub struct Misread {
    /// Position among the inputs (0-based).
    pub index: usize,
    /// As typed.
    pub written: String,
    /// What it was read as: `inf`, `-inf` or 0.
    pub value: f64,
}

/// The digit a character stands for, half- or full-width.
fn digit(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| {
        ('\u{FF10}'..='\u{FF19}')
            .contains(&c)
            .then(|| c as u32 - 0xFF10)
    })
}

fn misread<I: Inputs + ?Sized>(values: &I) -> Vec<Misread> {
    let mut out = Vec::new();
    for (index, &value) in values.numbers().iter().enumerate() {
        let Some(written) = values.written(index) else {
            continue;
        };
        // `inf` and `infinity` have no digits: a token with digits that reads as
        // inf was a finite number too large for float64.
        let overflowed = value.is_infinite() && written.chars().any(|c| digit(c).is_some());
        // A mantissa with a non-zero digit that reads as 0 was too small.
        let mantissa = written.split(['e', 'E', '\u{FF45}', '\u{FF25}']).next();
        let underflowed = value == 0.0
            && mantissa.is_some_and(|m| m.chars().any(|c| digit(c).is_some_and(|d| d != 0)));
        if overflowed || underflowed {
            out.push(Misread {
                index,
                written: written.to_string(),
                value,
            });
        }
    }
    out
}

/// The answer to one evaluation, as numbers (formatted only when drawn, so that a
/// language switch redraws it in the other language).
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluation {
    Scalar {
        f: Scalar,
        points: Vec<(f64, f64)>,
        misread: Vec<Misread>,
    },
    /// The softmax lesson: the naive form, as its code computes it.
    Softmax {
        inputs: Vec<f64>,
        probs: Vec<f64>,
        misread: Vec<Misread>,
    },
    Exp {
        x: f64,
        f64: f64,
        f32: f64,
        misread: Vec<Misread>,
    },
    Compare {
        inputs: Vec<f64>,
        naive: Vec<f64>,
        stable: Vec<f64>,
        misread: Vec<Misread>,
    },
}

/// A floating-point format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Float {
    F64,
    F32,
}

/// Whose value a note speaks of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subject {
    /// `h(x)` of a scalar lesson.
    H(f64),
    /// The probability `y` of the softmax input `a`.
    Y(f64),
}

/// A result shown as exactly 1 or 0 although its exact value is neither. Exact
/// values are kept as base-10 logarithms: they are often far below float64's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rounded {
    /// Shown as 1; the exact value is `1 - 10^gap_log10`.
    ToOne { subject: Subject, gap_log10: f64 },
    /// Shown as 0; the exact value is `10^exact_log10`, too small for float64.
    ToZero { subject: Subject, exact_log10: f64 },
}

/// Why a result is what it is, when floating point made it differ from the exact
/// math or made it `inf` or NaN. Computed from the numbers, never from the text.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A number written as finite (`1e400`) was too large for float64 and was read
    /// as `value` (inf or -inf): the input itself overflowed.
    InputOverflow { written: String, value: f64 },
    /// A number written as non-zero (`1e-400`) was too small for float64 and was
    /// read as 0: the input itself underflowed.
    InputUnderflow { written: String },
    /// An input typed as `inf` or `-inf`: `e^inf = inf` and `e^-inf = 0` exactly,
    /// nothing overflowed or underflowed.
    InputInfinite { value: f64 },
    /// An input is NaN, and NaN in gives NaN out.
    InputNaN,
    /// An input of the step function is NaN: a comparison with NaN is false, so
    /// `x > 0` is false and the step is 0 (what the lesson's NumPy code gives).
    StepOfNaN,
    /// An input of ReLU is NaN: `np.maximum` passes NaN on (Python's `max` would not).
    MaximumOfNaN,
    /// `e^x` is too large for `float` and became inf (in a softmax: `x` is the
    /// largest such input).
    ExpOverflow { x: f64, float: Float },
    /// In a softmax, every term `e^a` overflowed to inf, from `e^largest` down to
    /// `e^smallest`.
    EveryExpOverflows { largest: f64, smallest: f64 },
    /// The sigmoid's code on screen, `1 / (1 + np.exp(-x))`, overflows `np.exp(-x)`
    /// to inf for this `x` and gives 0; the value shown is computed without that.
    SigmoidCodeOverflows { x: f64 },
    /// `e^x` is below the smallest normal number of `float`: it is a subnormal with
    /// only `bits` significant bits, `stored` instead of the exact value.
    Subnormal {
        x: f64,
        float: Float,
        stored: f64,
        bits: u32,
    },
    /// `e^x` is too small for `float` and became 0; `every_term`: in a softmax,
    /// every term is 0 (`x` is then the largest input).
    ExpUnderflow {
        x: f64,
        float: Float,
        every_term: bool,
    },
    /// The naive softmax's sum is inf and some term is inf: `inf / inf = NaN`;
    /// `finite_terms` terms give `finite / inf = 0`.
    InfOverInf { finite_terms: usize },
    /// Each `e^a` fits, but their sum overflows: every `y` is `finite / inf = 0`.
    /// `x` is the largest input.
    SumOverflow { x: f64 },
    /// Every term is 0, so the sum is 0: `0 / 0 = NaN`.
    ZeroOverZero,
    /// The stable softmax subtracts `max(a)`, which is infinite: `inf - inf = NaN`.
    InfMinusInf,
    /// A result rounded to exactly 1 or 0.
    Rounded(Rounded),
    /// What failed here is explained and mended in that lesson.
    FixTaughtIn(LessonId),
}

/// The significant bits of a float64 subnormal (`None` for a normal number or 0).
pub fn subnormal_bits_f64(v: f64) -> Option<u32> {
    (v != 0.0 && v.is_finite() && v.abs() < f64::MIN_POSITIVE).then(|| {
        let mantissa = v.abs().to_bits();
        u64::BITS - mantissa.leading_zeros()
    })
}

/// The significant bits of a float32 subnormal (`v` is a float32 widened).
pub fn subnormal_bits_f32(v: f64) -> Option<u32> {
    let v = v as f32;
    (v != 0.0 && v.is_finite() && v.abs() < f32::MIN_POSITIVE).then(|| {
        let mantissa = v.abs().to_bits();
        u32::BITS - mantissa.leading_zeros()
    })
}

/// `ln(Σ e^(a_i))` without overflow (the inputs are finite and not empty).
fn log_sum_exp(a: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = a.clone().fold(f64::NEG_INFINITY, f64::max);
    max + a.map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// Results of a softmax (`ys`, in the order of `inputs`) shown as 1 or 0 although
/// the exact softmax of `inputs` is strictly between them.
fn rounded_softmax(inputs: &[f64], ys: &[f64]) -> Vec<(usize, Rounded)> {
    if inputs.len() < 2 || !inputs.iter().all(|a| a.is_finite()) {
        return vec![];
    }
    let lse = log_sum_exp(inputs.iter().copied());
    let mut out = Vec::new();
    for (k, (&a, &y)) in inputs.iter().zip(ys).enumerate() {
        let subject = Subject::Y(a);
        if y == 1.0 {
            let others = inputs
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != k)
                .map(|(_, &v)| v);
            let gap_ln = log_sum_exp(others) - lse;
            if gap_ln < -52.0 * std::f64::consts::LN_2 {
                let gap_log10 = gap_ln * std::f64::consts::LOG10_E;
                out.push((k, Rounded::ToOne { subject, gap_log10 }));
            }
        } else if y == 0.0 {
            let exact_ln = a - lse;
            if exact_ln < f64::MIN_POSITIVE.ln() {
                let exact_log10 = exact_ln * std::f64::consts::LOG10_E;
                out.push((
                    k,
                    Rounded::ToZero {
                        subject,
                        exact_log10,
                    },
                ));
            }
        }
    }
    out
}

/// Sigmoid results shown as 1 or 0 (`h(40)` is 1 - 4.2e-18, stored as 1).
fn rounded_sigmoid(x: f64, y: f64) -> Option<Rounded> {
    if !x.is_finite() {
        return None;
    }
    let subject = Subject::H(x);
    if y == 1.0 {
        // 1 - h(x) = h(-x) = 1 / (1 + e^x); its logarithm, without underflow.
        let gap_ln = -x - (-x).exp().ln_1p();
        (gap_ln < -52.0 * std::f64::consts::LN_2).then_some(Rounded::ToOne {
            subject,
            gap_log10: gap_ln * std::f64::consts::LOG10_E,
        })
    } else if y == 0.0 {
        let exact_ln = x - x.exp().ln_1p();
        (exact_ln < f64::MIN_POSITIVE.ln()).then_some(Rounded::ToZero {
            subject,
            exact_log10: exact_ln * std::f64::consts::LOG10_E,
        })
    } else {
        None
    }
}

/// Notes about the inputs themselves: misread numbers, typed infinities, NaN.
fn input_notes(inputs: &[f64], misread: &[Misread], infinities: bool, notes: &mut Vec<Note>) {
    for m in misread {
        notes.push(if m.value == 0.0 {
            Note::InputUnderflow {
                written: m.written.clone(),
            }
        } else {
            Note::InputOverflow {
                written: m.written.clone(),
                value: m.value,
            }
        });
    }
    if infinities {
        let typed = |i: usize| !misread.iter().any(|m| m.index == i);
        for sign in [1.0, -1.0] {
            let value = f64::INFINITY * sign;
            if (0..inputs.len()).any(|i| inputs[i] == value && typed(i)) {
                notes.push(Note::InputInfinite { value });
            }
        }
    }
    if inputs.iter().any(|v| v.is_nan()) {
        notes.push(Note::InputNaN);
    }
}

/// Why the naive softmax `e^(a_k) / Σ e^(a_i)` of `inputs` is NaN or 0.
fn naive_softmax_notes(inputs: &[f64], notes: &mut Vec<Note>) {
    if inputs.iter().any(|a| a.is_nan()) {
        return; // NaN in, NaN out: said by the input notes.
    }
    let exps: Vec<f64> = inputs.iter().map(|a| a.exp()).collect();
    let largest = |pred: &dyn Fn(f64, f64) -> bool| {
        inputs
            .iter()
            .zip(&exps)
            .filter(|&(&a, &e)| a.is_finite() && pred(a, e))
            .map(|(&a, _)| a)
            .reduce(f64::max)
    };
    if let Some(x) = largest(&|_, e| e.is_infinite()) {
        let every_term = inputs.len() > 1
            && inputs
                .iter()
                .zip(&exps)
                .all(|(a, e)| a.is_finite() && e.is_infinite());
        notes.push(if every_term {
            Note::EveryExpOverflows {
                largest: x,
                smallest: inputs.iter().copied().fold(f64::INFINITY, f64::min),
            }
        } else {
            Note::ExpOverflow {
                x,
                float: Float::F64,
            }
        });
    }
    let sum: f64 = exps.iter().sum();
    if sum.is_infinite() {
        if exps.iter().any(|e| e.is_infinite()) {
            let finite_terms = exps.iter().filter(|e| e.is_finite()).count();
            notes.push(Note::InfOverInf { finite_terms });
        } else if let Some(x) = largest(&|_, _| true) {
            notes.push(Note::SumOverflow { x });
        }
    } else if sum == 0.0 {
        if let Some(x) = largest(&|_, e| e == 0.0) {
            notes.push(Note::ExpUnderflow {
                x,
                float: Float::F64,
                every_term: true,
            });
        }
        notes.push(Note::ZeroOverZero);
    }
}

impl Evaluation {
    /// The point to mark on the chart: the last value entered.
    pub fn probe(&self) -> Option<(f64, f64)> {
        match self {
            Evaluation::Scalar { points, .. } => points.last().copied(),
            Evaluation::Exp { x, .. } => Some((*x, x * std::f64::consts::LOG10_E)),
            Evaluation::Compare { inputs, .. } => inputs
                .iter()
                .copied()
                .reduce(f64::max)
                .map(|m| (m, m * std::f64::consts::LOG10_E)),
            Evaluation::Softmax { .. } => None,
        }
    }

    /// Whether an input or a result is inf or NaN (the results then say what those are).
    pub fn shows_non_finite(&self) -> bool {
        let any = |v: &[f64]| v.iter().any(|x| !x.is_finite());
        match self {
            Evaluation::Scalar { points, .. } => points.iter().any(|(x, y)| any(&[*x, *y])),
            Evaluation::Softmax { inputs, probs, .. } => any(inputs) || any(probs),
            Evaluation::Exp { x, f64, f32, .. } => any(&[*x, *f64, *f32]),
            Evaluation::Compare {
                inputs,
                naive,
                stable,
                ..
            } => any(inputs) || any(naive) || any(stable),
        }
    }

    /// The inputs that float64 could not hold as they were written.
    pub fn misread(&self) -> &[Misread] {
        match self {
            Evaluation::Scalar { misread, .. }
            | Evaluation::Softmax { misread, .. }
            | Evaluation::Exp { misread, .. }
            | Evaluation::Compare { misread, .. } => misread,
        }
    }

    /// The rows (0-based, in input order) whose result is shown as exactly 1 or 0
    /// although the exact value is neither: `h(x)` of a scalar lesson, `y` of the
    /// softmax lesson, the stable column of the overflow lesson.
    pub fn rounded(&self) -> Vec<(usize, Rounded)> {
        match self {
            Evaluation::Scalar {
                f: Scalar::Sigmoid,
                points,
                ..
            } => points
                .iter()
                .enumerate()
                .filter_map(|(i, &(x, y))| rounded_sigmoid(x, y).map(|r| (i, r)))
                .collect(),
            Evaluation::Scalar { .. } | Evaluation::Exp { .. } => vec![],
            Evaluation::Softmax { inputs, probs, .. } => rounded_softmax(inputs, probs),
            Evaluation::Compare { inputs, stable, .. } => rounded_softmax(inputs, stable),
        }
    }

    /// Why the results are what they are, in the order a reader needs them: the
    /// inputs, what the computation did, rounding, where to learn more.
    pub fn notes(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        let misread = self.misread();
        match self {
            Evaluation::Scalar { f, points, .. } => {
                let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
                input_notes(&xs, misread, false, &mut notes);
                // What the lesson's code does with NaN: a comparison is false.
                let nan = notes.iter().position(|n| *n == Note::InputNaN);
                match (f, nan) {
                    (Scalar::Step, Some(i)) => notes[i] = Note::StepOfNaN,
                    (Scalar::Relu, Some(i)) => notes[i] = Note::MaximumOfNaN,
                    _ => {}
                }
            }
            Evaluation::Exp { x, f64, f32, .. } => {
                input_notes(&[*x], misread, true, &mut notes);
                if x.is_finite() {
                    if f64.is_infinite() {
                        notes.push(Note::ExpOverflow {
                            x: *x,
                            float: Float::F64,
                        });
                    } else if f32.is_infinite() {
                        notes.push(Note::ExpOverflow {
                            x: *x,
                            float: Float::F32,
                        });
                    }
                    let every_term = false;
                    if *f64 == 0.0 {
                        notes.push(Note::ExpUnderflow {
                            x: *x,
                            float: Float::F64,
                            every_term,
                        });
                    } else if *f32 == 0.0 {
                        notes.push(Note::ExpUnderflow {
                            x: *x,
                            float: Float::F32,
                            every_term,
                        });
                    }
                    // A subnormal keeps fewer digits than the format has.
                    if let Some(bits) = subnormal_bits_f64(*f64) {
                        notes.push(Note::Subnormal {
                            x: *x,
                            float: Float::F64,
                            stored: *f64,
                            bits,
                        });
                    } else if let Some(bits) = subnormal_bits_f32(*f32) {
                        notes.push(Note::Subnormal {
                            x: *x,
                            float: Float::F32,
                            stored: *f32,
                            bits,
                        });
                    }
                }
            }
            Evaluation::Softmax { inputs, .. } | Evaluation::Compare { inputs, .. } => {
                input_notes(inputs, misread, true, &mut notes);
                naive_softmax_notes(inputs, &mut notes);
            }
        }
        if let Evaluation::Compare { inputs, stable, .. } = self
            && stable.iter().any(|v| v.is_nan())
            && !inputs.iter().any(|v| v.is_nan())
        {
            notes.push(Note::InfMinusInf);
        }
        let rounded = self.rounded();
        let first = |one: bool| {
            rounded
                .iter()
                .map(|&(_, r)| r)
                .find(|r| matches!(r, Rounded::ToOne { .. }) == one)
        };
        notes.extend(
            [first(true), first(false)]
                .into_iter()
                .flatten()
                .map(Note::Rounded),
        );
        // What the sigmoid's code on screen does where the value shown is computed
        // another way: its `np.exp(-x)` overflows below -709.78.
        if let Evaluation::Scalar {
            f: Scalar::Sigmoid,
            points,
            ..
        } = self
            && let Some(x) = points
                .iter()
                .map(|p| p.0)
                .filter(|x| x.is_finite() && -x > activation::EXP_LIMIT_F64)
                .reduce(f64::max)
        {
            notes.push(Note::SigmoidCodeOverflows { x });
        }
        // The softmax lesson computes the naive form; when that fails where the
        // stable form would not, the overflow lesson is where it is explained.
        if let Evaluation::Softmax { inputs, probs, .. } = self {
            let failed = probs.iter().any(|p| !p.is_finite())
                || notes.iter().any(|n| matches!(n, Note::SumOverflow { .. }));
            if failed && activation::softmax(inputs).iter().all(|p| p.is_finite()) {
                notes.push(Note::FixTaughtIn(LessonId::Overflow));
            }
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_order() {
        for (i, l) in LessonId::ALL.into_iter().enumerate() {
            assert_eq!(LessonId::from_id(l.id()), Some(l));
            assert_eq!(l.index(), i);
        }
        assert_eq!(LessonId::Intro.prev(), None);
        assert_eq!(LessonId::Overflow.next(), None);
        assert_eq!(LessonId::Step.next(), Some(LessonId::Identity));
        assert_eq!(LessonId::from_id("tanh"), None);
    }

    #[test]
    fn chart_ranges_are_the_briefs() {
        let step = LessonId::Step.chart().unwrap();
        assert_eq!(
            (step.x.min, step.x.max, step.y.min, step.y.max),
            (-5.0, 5.0, -0.1, 1.1)
        );
        let relu = LessonId::Relu.chart().unwrap();
        assert_eq!((relu.y.min, relu.y.max), (-1.0, 5.5));
        let id = LessonId::Identity.chart().unwrap();
        assert_eq!((id.y.min, id.y.max), (-5.0, 5.0));
        assert!(LessonId::Intro.chart().is_none());
    }

    #[test]
    fn overflow_takes_a_scalar_or_a_vector() {
        let Some(Evaluation::Exp { f64, f32, .. }) = LessonId::Overflow.evaluate(&[100.0]) else {
            panic!("scalar gives Exp");
        };
        assert!(f64.is_finite() && f32.is_infinite());
        let Some(Evaluation::Compare { naive, stable, .. }) =
            LessonId::Overflow.evaluate(&[1010.0, 1000.0, 990.0])
        else {
            panic!("vector gives Compare");
        };
        assert!(naive.iter().all(|v| v.is_nan()));
        assert!(stable.iter().all(|v| v.is_finite()));
        assert_eq!(LessonId::Intro.evaluate(&[1.0]), None);
    }

    #[test]
    fn misread_numbers_are_told_from_typed_infinities_by_their_digits() {
        let read = |text: &str| {
            let values = crate::value_input::parse_values(text).unwrap();
            misread(&values)
                .into_iter()
                .map(|m| (m.index, m.written, m.value))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            read("inf, -Infinity, 1e400, -1e309, nan"),
            [
                (2, "1e400".to_string(), f64::INFINITY),
                (3, "-1e309".to_string(), f64::NEG_INFINITY)
            ]
        );
        assert_eq!(
            read("１ｅ４００"),
            [(0, "１ｅ４００".into(), f64::INFINITY)]
        );
        assert_eq!(
            read("0, -0, 0.000, 0e5, 5e-324, 1e-400, ０．１ｅ－４００"),
            [
                (5, "1e-400".into(), 0.0),
                (6, "０．１ｅ－４００".into(), 0.0)
            ]
        );
        // Numbers that were never text have no history.
        assert!(misread([f64::INFINITY, 0.0].as_slice()).is_empty());
    }
}
