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

    /// Evaluates parsed values the way this lesson does. `None` for the intro.
    pub fn evaluate(self, values: &[f64]) -> Option<Evaluation> {
        Some(match self.kind() {
            Kind::Intro => return None,
            Kind::Scalar(f) => Evaluation::Scalar {
                f,
                points: values.iter().map(|&x| (x, f.eval(x))).collect(),
            },
            Kind::Softmax => Evaluation::Softmax {
                inputs: values.to_vec(),
                probs: activation::softmax(values),
            },
            Kind::Overflow => match values {
                [x] => Evaluation::Exp {
                    x: *x,
                    f64: activation::exp_f64(*x),
                    f32: activation::exp_f32(*x),
                },
                _ => Evaluation::Compare {
                    inputs: values.to_vec(),
                    naive: activation::softmax_naive(values),
                    stable: activation::softmax(values),
                },
            },
        })
    }
}

/// The answer to one evaluation, as numbers (formatted only when drawn, so that a
/// language switch redraws it in the other language).
#[derive(Debug, Clone, PartialEq)]
pub enum Evaluation {
    Scalar {
        f: Scalar,
        points: Vec<(f64, f64)>,
    },
    Softmax {
        inputs: Vec<f64>,
        probs: Vec<f64>,
    },
    Exp {
        x: f64,
        f64: f64,
        f32: f64,
    },
    Compare {
        inputs: Vec<f64>,
        naive: Vec<f64>,
        stable: Vec<f64>,
    },
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

    /// Whether any input was `inf` or NaN.
    pub fn has_non_finite_input(&self) -> bool {
        match self {
            Evaluation::Scalar { points, .. } => points.iter().any(|p| !p.0.is_finite()),
            Evaluation::Exp { x, .. } => !x.is_finite(),
            Evaluation::Softmax { inputs, .. } | Evaluation::Compare { inputs, .. } => {
                inputs.iter().any(|v| !v.is_finite())
            }
        }
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
}
