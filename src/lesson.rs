//! The lesson catalogue: ids, what each lesson evaluates, its chart ranges, its
//! message ids, and evaluating what the learner typed.

use crate::activation::{self, GradientChain, Scalar};
use crate::value_input::{self, InputError, Values};

mod rounded;
pub use rounded::{Rounded, Subject, rounded_derivative, rounded_scalar};
use rounded::{rounded_sigmoid, rounded_softmax};

/// The nine lessons, in order (the order of the variants is the order of the course).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LessonId {
    Intro,
    Step,
    Identity,
    Sigmoid,
    Relu,
    /// The vanishing gradient, to play with: the gradient through n layers.
    Vanishing,
    /// The activation functions used today, compared on one chart.
    Modern,
    Softmax,
    Overflow,
}

/// The functions the lesson `modern` can draw, in the order of its list (the digit
/// that toggles each is its place, from 1).
pub const MODERN: [Scalar; 9] = [
    Scalar::Sigmoid,
    Scalar::Tanh,
    Scalar::Relu,
    Scalar::LeakyRelu,
    Scalar::Elu,
    Scalar::Gelu,
    Scalar::GeluTanh,
    Scalar::Silu,
    Scalar::Softplus,
];

/// The functions the lesson `modern` shows when it opens: ReLU to compare with, and
/// the two that today's Transformers use.
pub const MODERN_SHOWN: [Scalar; 3] = [Scalar::Relu, Scalar::Gelu, Scalar::Silu];

/// The functions whose gradients the lesson `vanishing` follows.
pub const VANISHING: [Scalar; 3] = [Scalar::Sigmoid, Scalar::Tanh, Scalar::Relu];

/// The most layers the lesson `vanishing` takes.
pub const MAX_LAYERS: u32 = 100;
/// The layers and the starting value the lesson `vanishing` opens with.
pub const DEFAULT_LAYERS: u32 = 10;
pub const DEFAULT_CHAIN_X: f64 = 2.0;
/// How far one press of `+` or `-` moves the shift s of the overflow lesson.
pub const SHIFT_STEP: f64 = 100.0;

/// What the input box of a lesson does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// No input: the introduction.
    Intro,
    /// One or more numbers, `f(x)` for each.
    Scalar(Scalar),
    /// A vector; probabilities and their sum.
    Softmax,
    /// A scalar (`e^x` in float64 and float32) or a vector (naive vs stable softmax,
    /// step by step, with a shift `s=` of the learner's own if given).
    Overflow,
    /// The number of layers (and `x=`): the gradient through that many layers.
    Vanishing,
    /// One or more numbers, each shown function at each.
    Modern,
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

/// The frame of the lesson `vanishing`'s chart: the number of layers n from 0 to
/// `x.max` (at least 10, and past the layers chosen), the gradient as log10 from
/// below the lowest curve up to a little above 1 (log10 = 0), ticks every `step`
/// decades.
#[derive(Debug, Clone, PartialEq)]
pub struct VanishingFrame {
    pub x: Range,
    pub y: Range,
    pub x_ticks: Vec<f64>,
    pub y_ticks: Vec<f64>,
}

impl VanishingFrame {
    /// For `layers` layers, where the lowest point charted is `10^lowest_log10`.
    pub fn new(layers: u32, lowest_log10: f64) -> VanishingFrame {
        let x_max = (f64::from(layers.max(10)) / 10.0).ceil() * 10.0;
        // The sigmoid bound at the right edge is charted too.
        let lowest = lowest_log10.min(x_max * 0.25f64.log10());
        let lowest = if lowest.is_finite() { lowest } else { -8.0 };
        let y_min = (lowest - 0.3).floor().min(-1.0);
        // Ticks every `step` decades, at most three below 1.
        let step = [1.0, 2.0, 3.0, 5.0]
            .iter()
            .flat_map(|m| (0..4).map(move |p| m * 10f64.powi(p)))
            .filter(|s| -y_min / s < 4.0)
            .fold(f64::INFINITY, f64::min);
        let y_ticks = (0..)
            .map(|k| -f64::from(k) * step)
            .take_while(|&t| t >= y_min)
            .collect();
        let x_step = x_max / 2.0;
        VanishingFrame {
            x: Range::new(0.0, x_max),
            y: Range::new(y_min, 0.5),
            x_ticks: vec![0.0, x_step, x_max],
            y_ticks,
        }
    }
}

impl LessonId {
    pub const ALL: [LessonId; 9] = [
        LessonId::Intro,
        LessonId::Step,
        LessonId::Identity,
        LessonId::Sigmoid,
        LessonId::Relu,
        LessonId::Vanishing,
        LessonId::Modern,
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
            LessonId::Vanishing => "vanishing",
            LessonId::Modern => "modern",
            LessonId::Softmax => "softmax",
            LessonId::Overflow => "overflow",
        }
    }

    pub fn from_id(id: &str) -> Option<LessonId> {
        LessonId::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The lesson at this place of the course, counted from 1 as the app numbers
    /// them (`3` is the identity function).
    pub fn from_number(text: &str) -> Option<LessonId> {
        let n: usize = text.trim().parse().ok()?;
        LessonId::ALL.get(n.checked_sub(1)?).copied()
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
            LessonId::Vanishing => Kind::Vanishing,
            LessonId::Modern => Kind::Modern,
            LessonId::Softmax => Kind::Softmax,
            LessonId::Overflow => Kind::Overflow,
        }
    }

    pub fn has_input(self) -> bool {
        self.kind() != Kind::Intro
    }

    /// Whether the lesson charts functions of x whose derivatives `d` can draw.
    pub fn has_functions(self) -> bool {
        matches!(self.kind(), Kind::Scalar(_) | Kind::Modern)
    }

    /// The names the lesson's input box takes as settings (`s=1000`, `x=2`), besides
    /// its numbers.
    pub fn settings(self) -> &'static [Setting] {
        match self.kind() {
            Kind::Overflow => &[Setting::Shift],
            Kind::Vanishing => &[Setting::Layers, Setting::Start],
            _ => &[],
        }
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
            LessonId::Modern => Some(ChartSpec {
                x: Range::new(-4.0, 4.0),
                y: Range::new(-1.5, 4.0),
                x_ticks: &[-4.0, 0.0, 4.0],
                // Evenly spaced: the chart keeps every second one where it is short.
                y_ticks: &[-1.0, 0.0, 1.0, 2.0, 3.0, 4.0],
            }),
            // Over the number of layers, the gradient on a log scale (log10): the
            // view frames it for the layers chosen ([`VanishingFrame`]).
            LessonId::Vanishing => Some(ChartSpec {
                x: Range::new(0.0, 10.0),
                y: Range::new(-8.0, 0.5),
                x_ticks: &[0.0, 5.0, 10.0],
                y_ticks: &[0.0, -4.0, -8.0],
            }),
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
            LessonId::Vanishing => &["10"],
            LessonId::Modern => &["-1, 0.5, 2"],
            LessonId::Softmax => &["0.3, 2.9, 4.0"],
            LessonId::Overflow => &["1000", "1010, 1000, 990"],
        }
    }

    /// The examples, evaluated.
    pub fn example_evaluations(self) -> Vec<Evaluation> {
        self.example()
            .iter()
            .filter_map(|text| self.read(text).ok())
            .filter_map(|request| self.evaluate_request(&request))
            .collect()
    }

    /// Reads what the learner typed into this lesson's input box: numbers, and the
    /// settings the lesson takes (`s=1000` in the overflow lesson; the number of
    /// layers and `x=2` in the lesson `vanishing`).
    pub fn read(self, text: &str) -> Result<Request, InputError> {
        let chars = text.chars().count();
        if chars > value_input::MAX_CHARS {
            return Err(InputError::TooLong {
                chars,
                max: value_input::MAX_CHARS,
            });
        }
        let text = value_input::without_list(text);
        if let Some(e) = value_input::grouping(&text) {
            return Err(e);
        }
        let joined = join_settings(&text);
        let mut numbers = Vec::new();
        let mut settings = Settings::default();
        for (i, token) in value_input::tokens(&joined).enumerate() {
            let position = i + 1;
            match split_setting(token) {
                Some((name, value)) => {
                    let setting = self
                        .settings()
                        .iter()
                        .copied()
                        .find(|s| s.matches(name))
                        .ok_or_else(|| InputError::UnknownSetting {
                            token: crate::output::visible(token).into_owned(),
                            position,
                            names: self.settings().iter().map(|s| s.name()).collect(),
                        })?;
                    let parsed = value_input::parse_values(value)
                        .ok()
                        .filter(|v| v.len() == 1)
                        .ok_or_else(|| InputError::BadSetting {
                            token: crate::output::visible(token).into_owned(),
                            position,
                            example: setting.example(),
                        })?;
                    settings.set(setting, parsed[0], token, position)?;
                }
                None => numbers.push((token, position)),
            }
        }
        if self.kind() == Kind::Vanishing {
            // The number of layers may be typed without its name.
            match numbers.as_slice() {
                [] => {}
                [(token, position)] => {
                    let v = value_input::parse_values(token)
                        .map_err(|e| e.renumbered(|_| *position))?;
                    settings.set(Setting::Layers, v[0], token, *position)?;
                }
                [_, (token, position), ..] => {
                    return Err(InputError::OneLayerCount {
                        token: crate::output::visible(token).into_owned(),
                        position: *position,
                    });
                }
            }
            if settings == Settings::default() {
                return Err(InputError::Empty);
            }
            return Ok(Request {
                values: Values::default(),
                settings,
            });
        }
        let rest: Vec<&str> = numbers.iter().map(|(t, _)| *t).collect();
        let values = match value_input::parse_values(&rest.join(" ")) {
            Ok(values) => values,
            // `s=500` alone: a new shift for the vector on show.
            Err(InputError::Empty) if settings != Settings::default() => Values::default(),
            Err(e) => {
                return Err(e.renumbered(|p| numbers.get(p - 1).map_or(p, |(_, q)| *q)));
            }
        };
        Ok(Request { values, settings })
    }

    /// Evaluates a request read by [`LessonId::read`], with no evaluation on show.
    pub fn evaluate_request(self, request: &Request) -> Option<Evaluation> {
        self.evaluate_on(request, &[])
    }

    /// Evaluates a request read by [`LessonId::read`]; what it leaves out is taken
    /// from `on_show`, the evaluations on show: `s=500` alone shifts the vector on
    /// show, `x=0.5` alone keeps the number of layers on show.
    pub fn evaluate_on(self, request: &Request, on_show: &[Evaluation]) -> Option<Evaluation> {
        let settings = &request.settings;
        match self.kind() {
            Kind::Vanishing => {
                let shown = on_show.iter().rev().find_map(|e| match e {
                    Evaluation::Vanishing {
                        layers, x, misread, ..
                    } => Some((*layers, *x, misread.clone())),
                    _ => None,
                });
                let (layers, x, misread) =
                    shown.unwrap_or((DEFAULT_LAYERS, DEFAULT_CHAIN_X, Vec::new()));
                let (x, misread) = match settings.start {
                    Some(start) => (start, settings.start_misread()),
                    None => (x, misread),
                };
                Some(Evaluation::vanishing(
                    settings.layers.unwrap_or(layers),
                    x,
                    misread,
                ))
            }
            Kind::Overflow if settings.shift.is_some() => {
                let (inputs, mut misread) = if request.values.is_empty() {
                    on_show.iter().rev().find_map(|e| match e {
                        Evaluation::Compare {
                            inputs, misread, ..
                        } => Some((inputs.clone(), misread.clone())),
                        Evaluation::Exp { x, misread, .. } => Some((vec![*x], misread.clone())),
                        _ => None,
                    })?
                } else {
                    (request.values.to_vec(), misread(&request.values))
                };
                // The shift as typed: `s=1e400` was read as inf.
                misread.retain(|m| m.index != Misread::SETTING);
                misread.extend(settings.shift_misread());
                Some(Evaluation::Compare {
                    naive: activation::softmax_naive(&inputs),
                    stable: activation::softmax(&inputs),
                    inputs,
                    shift: settings.shift,
                    misread,
                })
            }
            _ if request.values.is_empty() => None,
            _ => self.evaluate(&request.values),
        }
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
            Kind::Modern => Evaluation::Functions {
                xs: numbers.to_vec(),
                misread,
            },
            Kind::Vanishing => {
                // Numbers alone: the first is the number of layers, if it is one.
                let layers = numbers
                    .first()
                    .filter(|n| n.fract() == 0.0 && (1.0..=f64::from(MAX_LAYERS)).contains(*n))
                    .map_or(DEFAULT_LAYERS, |&n| n as u32);
                Evaluation::vanishing(layers, DEFAULT_CHAIN_X, Vec::new())
            }
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
                    shift: None,
                    misread,
                },
            },
        })
    }
}

/// A setting typed as `NAME=VALUE` in a lesson's input box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// `s`, the shift of the overflow lesson's softmax (`e^(a - s)`): the constant C
    /// that multiplies the numerator and the denominator is `e^(-s)`, so that
    /// `log C = -s` (a name of its own, so that C names one thing only).
    Shift,
    /// `n`, the number of layers of the lesson `vanishing`.
    Layers,
    /// `x`, the value the lesson `vanishing` sends through the layers.
    Start,
}

impl Setting {
    /// The name as typed (never translated).
    pub fn name(self) -> &'static str {
        match self {
            Setting::Shift => "s",
            Setting::Layers => "n",
            Setting::Start => "x",
        }
    }

    /// The setting written right, for messages (`n=20`).
    pub fn example(self) -> &'static str {
        match self {
            Setting::Shift => "s=500",
            Setting::Layers => "n=20",
            Setting::Start => "x=0.5",
        }
    }

    /// Whether `typed` names this setting: either case, full-width letters too.
    fn matches(self, typed: &str) -> bool {
        let folded: String = typed
            .chars()
            .map(|c| match c {
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            })
            .collect();
        let folded = folded.trim();
        folded.eq_ignore_ascii_case(self.name())
            || self
                .aliases()
                .iter()
                .any(|a| folded.eq_ignore_ascii_case(a))
    }

    /// Other names taken for this setting, never shown: `C=500` (the shift's name
    /// before it was told apart from the textbook's factor C) still sets `s`.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Setting::Shift => &["C"],
            Setting::Layers | Setting::Start => &[],
        }
    }
}

/// The settings read from an input box (none given: all `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    pub shift: Option<f64>,
    pub layers: Option<u32>,
    pub start: Option<f64>,
    /// How `x=` was written, to tell `1e400` (too large for float64) from `inf`.
    pub start_written: Option<String>,
    /// How `s=` was written, likewise.
    pub shift_written: Option<String>,
}

impl Settings {
    pub fn is_empty(&self) -> bool {
        self.shift.is_none() && self.layers.is_none() && self.start.is_none()
    }

    fn set(
        &mut self,
        setting: Setting,
        value: f64,
        token: &str,
        position: usize,
    ) -> Result<(), InputError> {
        let twice = || InputError::SettingTwice {
            name: setting.name(),
            position,
        };
        match setting {
            Setting::Shift if self.shift.is_some() => return Err(twice()),
            Setting::Layers if self.layers.is_some() => return Err(twice()),
            Setting::Start if self.start.is_some() => return Err(twice()),
            Setting::Shift => {
                self.shift = Some(value);
                self.shift_written = Some(written_value(token));
            }
            Setting::Start => {
                self.start = Some(value);
                self.start_written = Some(written_value(token));
            }
            Setting::Layers => {
                let whole = value.fract() == 0.0 && (1.0..=f64::from(MAX_LAYERS)).contains(&value);
                if !whole {
                    return Err(InputError::Layers {
                        token: crate::output::visible(token).into_owned(),
                        position,
                        max: MAX_LAYERS,
                    });
                }
                self.layers = Some(value as u32);
            }
        }
        Ok(())
    }

    /// `x=` as a misread input, if float64 could not hold it as written.
    fn start_misread(&self) -> Vec<Misread> {
        setting_misread(self.start, self.start_written.as_deref())
    }

    /// `s=` as a misread setting ([`Misread::SETTING`]), if float64 could not hold it
    /// as written (`s=1e400` is read as inf).
    fn shift_misread(&self) -> Vec<Misread> {
        setting_misread(self.shift, self.shift_written.as_deref())
            .into_iter()
            .map(|m| Misread {
                index: Misread::SETTING,
                ..m
            })
            .collect()
    }
}

/// The value of `NAME=VALUE` as typed.
fn written_value(token: &str) -> String {
    let written = token.split(['=', '\u{ff1d}']).next_back().unwrap_or(token);
    written.trim().to_string()
}

/// A setting's value as a misread number, if float64 could not hold it as written.
fn setting_misread(value: Option<f64>, written: Option<&str>) -> Vec<Misread> {
    match (value, written) {
        (Some(v), Some(written)) => {
            let values = value_input::parse_values(written).unwrap_or_default();
            misread(&values)
                .into_iter()
                .map(|m| Misread { value: v, ..m })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// What the learner asked for: numbers and settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub values: Values,
    pub settings: Settings,
}

/// The text with the spaces around each `=` (or `＝`) taken out, so that `s = 1000`
/// is one token, `s=1000`.
fn join_settings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_equals = false;
    for c in text.chars() {
        if c == '=' || c == '\u{ff1d}' {
            let kept = out.trim_end().len();
            out.truncate(kept);
            out.push('=');
            after_equals = true;
        } else if after_equals && c.is_whitespace() {
            continue;
        } else {
            after_equals = false;
            out.push(c);
        }
    }
    out
}

/// `NAME=VALUE` split at its `=`.
fn split_setting(token: &str) -> Option<(&str, &str)> {
    token.split_once('=')
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
    /// Position among the inputs (0-based), or [`Misread::SETTING`].
    pub index: usize,
    /// As typed.
    pub written: String,
    /// What it was read as: `inf`, `-inf` or 0.
    pub value: f64,
}

impl Misread {
    /// The index of a setting's value (`s=1e400`), which is none of the inputs.
    pub const SETTING: usize = usize::MAX;
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
    /// The overflow lesson's vector: the naive and the stable softmax, and, step by
    /// step ([`activation::SoftmaxSteps`]), both and the learner's own `shift` s.
    Compare {
        inputs: Vec<f64>,
        naive: Vec<f64>,
        stable: Vec<f64>,
        shift: Option<f64>,
        misread: Vec<Misread>,
    },
    /// The lesson `modern`: the values typed; which functions are shown is the
    /// page's choice, so a toggle needs no new evaluation.
    Functions { xs: Vec<f64>, misread: Vec<Misread> },
    /// The lesson `vanishing`: `x` through `layers` layers of each function of
    /// [`VANISHING`], its chain of local gradients.
    Vanishing {
        layers: u32,
        x: f64,
        chains: Vec<(Scalar, GradientChain)>,
        misread: Vec<Misread>,
    },
}

impl Evaluation {
    /// `x` through `layers` layers of sigmoid, tanh and ReLU.
    pub fn vanishing(layers: u32, x: f64, misread: Vec<Misread>) -> Evaluation {
        let layers = layers.clamp(1, MAX_LAYERS);
        Evaluation::Vanishing {
            layers,
            x,
            chains: VANISHING
                .iter()
                .map(|&f| (f, activation::gradient_chain(f, x, layers as usize)))
                .collect(),
            misread,
        }
    }

    /// The steps of the softmax of a compared vector: the naive form (s = 0), the
    /// stable one (s = max a) and, if the learner chose one, their own s.
    pub fn steps(&self) -> Vec<(StepsKind, activation::SoftmaxSteps)> {
        let Evaluation::Compare { inputs, shift, .. } = self else {
            return Vec::new();
        };
        let mut out = vec![
            (StepsKind::Naive, activation::SoftmaxSteps::naive(inputs)),
            (StepsKind::Stable, activation::SoftmaxSteps::stable(inputs)),
        ];
        if let Some(c) = shift {
            out.push((
                StepsKind::Chosen,
                activation::SoftmaxSteps::with_shift(inputs, *c),
            ));
        }
        out
    }
}

/// Which shift a table of softmax steps uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepsKind {
    /// s = 0: the formula as written.
    Naive,
    /// s = max(a).
    Stable,
    /// The learner's own s.
    Chosen,
}

/// A floating-point format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Float {
    F64,
    F32,
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
    /// An input is +inf: the stable softmax subtracts `max(a) = inf`, and
    /// `inf - inf = NaN` (and no finite shift saves it either: `inf / inf`).
    InfMinusInf,
    /// Every input is -inf: `max(a)` is -inf itself, and `-inf - (-inf) = NaN`
    /// (a finite shift gives `0 / 0`). One finite input would be enough.
    AllMinusInf,
    /// A result rounded to exactly 1 or 0.
    Rounded(Rounded),
    /// What failed here is explained and mended in that lesson.
    FixTaughtIn(LessonId),
    /// The learner's shift s keeps every `e^(a - s)` a normal float64 and the sum
    /// above 0: the same result as any other such s (up to rounding).
    ShiftSame { c: f64 },
    /// `e^(a - s)` overflows for `overflowed` terms (the largest exponent is
    /// `exponent`): s is too small. Their y is `inf / inf = NaN`, the `finite`
    /// others' `finite / inf = 0`.
    ShiftOverflow {
        c: f64,
        exponent: f64,
        overflowed: usize,
        finite: usize,
    },
    /// Each term fits, but their sum overflows: every y is `finite / inf = 0`.
    ShiftSumOverflow { c: f64 },
    /// Every `e^(a - s)` underflows to 0 (the largest exponent is `exponent`), and
    /// `0 / 0` is NaN: s is too large.
    ShiftUnderflow { c: f64, exponent: f64 },
    /// `lost` terms underflowed to 0 that the stable form keeps.
    ShiftLost { c: f64, lost: usize },
    /// `terms` of the `e^(a - s)` are subnormal, the fewest bits kept being `bits`
    /// (of 53): the y computed from them lost digits; `every`: the sum is subnormal
    /// too, so every y did.
    ShiftSubnormal {
        c: f64,
        terms: usize,
        bits: u32,
        every: bool,
    },
    /// s itself is inf, -inf or NaN; `inputs_finite`: every input is finite (then
    /// what each step gives can be told: `a - inf = -inf`, `e^-inf = 0`...).
    ShiftNotFinite { c: f64, inputs_finite: bool },
    /// The ReLU chain of the lesson `vanishing` from `x <= 0`: ReLU's slope is 0
    /// there (at exactly 0, the frameworks' 0), so no gradient passes.
    ReluStops { x: f64 },
    /// The derivative of `f` does not exist at a value typed (0, for step, ReLU and
    /// Leaky ReLU); libraries use a value by convention.
    NoDerivative { f: Scalar },
    /// Both forms of GELU are on show: how far apart they are at most.
    GeluForms,
}

impl Note {
    /// Whether the note speaks of a derivative (one that does not exist, or one
    /// rounded): the lesson `modern` tells these only while it shows derivatives.
    pub fn about_derivative(&self) -> bool {
        match self {
            Note::NoDerivative { .. } => true,
            Note::Rounded(r) => r.subject().is_derivative(),
            _ => false,
        }
    }
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
            Evaluation::Softmax { .. } | Evaluation::Functions { .. } => None,
            Evaluation::Vanishing { layers, .. } => Some((
                f64::from(*layers),
                activation::log10_largest_gradient(Scalar::Sigmoid, *layers),
            )),
        }
    }

    /// Whether the tables of this evaluation show an infinity, and whether they
    /// show NaN (`functions`: those the lesson `modern` shows; `derivative`: whether
    /// their derivatives are shown too).
    pub fn shows_non_finite(&self, functions: &[Scalar], derivative: bool) -> (bool, bool) {
        let mut values: Vec<f64> = Vec::new();
        match self {
            Evaluation::Scalar { f, points, .. } => {
                for &(x, y) in points {
                    values.extend([x, y]);
                    if f.derivative_defined_at(x) {
                        values.push(f.derivative(x));
                    }
                }
            }
            Evaluation::Softmax { inputs, probs, .. } => {
                values.extend(inputs);
                values.extend(probs);
                values.push(probs.iter().sum());
            }
            Evaluation::Exp { x, f64, f32, .. } => values.extend([*x, *f64, *f32]),
            Evaluation::Compare {
                inputs,
                naive,
                stable,
                ..
            } => {
                values.extend(inputs);
                values.extend(naive);
                values.extend(stable);
                values.extend([naive.iter().sum::<f64>(), stable.iter().sum()]);
                for (_, s) in self.steps() {
                    values.extend(&s.shifted);
                    values.extend(&s.exps);
                    values.extend(&s.result);
                    values.push(s.sum);
                }
                values.extend(activation::log_softmax(inputs));
            }
            Evaluation::Functions { xs, .. } => {
                for &x in xs {
                    values.push(x);
                    for f in functions {
                        values.push(f.eval(x));
                        if derivative && f.derivative_defined_at(x) {
                            values.push(f.derivative(x));
                        }
                    }
                }
            }
            Evaluation::Vanishing { x, chains, .. } => {
                values.push(*x);
                for (_, c) in chains {
                    for l in &c.layers {
                        values.extend([l.input, l.local_gradient, l.product]);
                    }
                }
            }
        }
        (
            values.iter().any(|v| v.is_infinite()),
            values.iter().any(|v| v.is_nan()),
        )
    }

    /// The inputs that float64 could not hold as they were written.
    pub fn misread(&self) -> &[Misread] {
        match self {
            Evaluation::Scalar { misread, .. }
            | Evaluation::Softmax { misread, .. }
            | Evaluation::Exp { misread, .. }
            | Evaluation::Compare { misread, .. }
            | Evaluation::Functions { misread, .. }
            | Evaluation::Vanishing { misread, .. } => misread,
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
            Evaluation::Scalar { .. }
            | Evaluation::Exp { .. }
            | Evaluation::Functions { .. }
            | Evaluation::Vanishing { .. } => vec![],
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
            Evaluation::Functions { xs, .. } => input_notes(xs, misread, false, &mut notes),
            Evaluation::Vanishing { x, .. } => input_notes(&[*x], misread, false, &mut notes),
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
            notes.push(if inputs.contains(&f64::INFINITY) {
                Note::InfMinusInf
            } else {
                Note::AllMinusInf
            });
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
        notes.extend(self.shift_notes());
        if let Evaluation::Vanishing { x, chains, .. } = self
            && chains
                .iter()
                .any(|(f, c)| *f == Scalar::Relu && c.product() == 0.0)
        {
            notes.push(Note::ReluStops { x: *x });
        }
        notes
    }

    /// What the learner's own shift s did: the same result as the stable form, an
    /// overflow, an underflow of every term, terms lost to underflow, terms kept as
    /// subnormal numbers with fewer digits.
    fn shift_notes(&self) -> Vec<Note> {
        let Evaluation::Compare {
            inputs,
            stable,
            shift: Some(c),
            ..
        } = self
        else {
            return Vec::new();
        };
        let c = *c;
        let inputs_finite = inputs.iter().all(|a| a.is_finite());
        if !c.is_finite() {
            return vec![Note::ShiftNotFinite { c, inputs_finite }];
        }
        if !inputs_finite {
            // Said by the notes on the inputs.
            return Vec::new();
        }
        let steps = activation::SoftmaxSteps::with_shift(inputs, c);
        let max = inputs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let overflowed = steps.exps.iter().filter(|e| e.is_infinite()).count();
        if overflowed > 0 {
            return vec![Note::ShiftOverflow {
                c,
                exponent: max - c,
                overflowed,
                finite: steps.exps.len() - overflowed,
            }];
        }
        if steps.sum == 0.0 {
            return vec![Note::ShiftUnderflow {
                c,
                exponent: max - c,
            }];
        }
        if steps.sum.is_infinite() {
            return vec![Note::ShiftSumOverflow { c }];
        }
        let mut notes = Vec::new();
        let lost = steps
            .exps
            .iter()
            .zip(stable)
            .filter(|&(&e, &y)| e == 0.0 && y != 0.0)
            .count();
        if lost > 0 {
            notes.push(Note::ShiftLost { c, lost });
        }
        let subnormal: Vec<u32> = steps
            .exps
            .iter()
            .filter_map(|&e| subnormal_bits_f64(e))
            .collect();
        if !subnormal.is_empty() {
            let sum_bits = subnormal_bits_f64(steps.sum);
            notes.push(Note::ShiftSubnormal {
                c,
                terms: subnormal.len(),
                bits: subnormal.iter().copied().chain(sum_bits).min().unwrap_or(0),
                every: sum_bits.is_some(),
            });
        }
        if notes.is_empty() {
            notes.push(Note::ShiftSame { c });
        }
        notes
    }

    /// Where the derivative of a function on show does not exist at a value typed
    /// (`shown`: the functions of the lesson `modern` on show), and what libraries
    /// use there instead; and, when both forms of GELU are on show, how far apart
    /// they are.
    /// The values of the lesson `modern` shown as a round value though the exact
    /// value is not ([`rounded_scalar`]), by their place among the values (function
    /// by function, as [`crate::app::points`] lists them).
    pub fn rounded_functions(&self, shown: &[Scalar]) -> Vec<(usize, Rounded)> {
        let Evaluation::Functions { xs, .. } = self else {
            return Vec::new();
        };
        shown
            .iter()
            .flat_map(|&f| xs.iter().map(move |&x| (f, x)))
            .enumerate()
            .filter_map(|(i, (f, x))| rounded_scalar(f, x, f.eval(x)).map(|r| (i, r)))
            .collect()
    }

    /// The derivatives shown as a round value though the exact value is not
    /// ([`rounded_derivative`]), by their place among the values: `h'(x)` of a
    /// scalar lesson by its row, the functions of the lesson `modern` as
    /// [`Evaluation::rounded_functions`] counts them.
    pub fn rounded_derivatives(&self, shown: &[Scalar]) -> Vec<(usize, Rounded)> {
        match self {
            Evaluation::Scalar { f, points, .. } => points
                .iter()
                .enumerate()
                .filter_map(|(i, &(x, _))| {
                    rounded_derivative(*f, x, f.derivative(x))
                        .map(|r| (i, r.with(Subject::HPrime(x))))
                })
                .collect(),
            Evaluation::Functions { xs, .. } => shown
                .iter()
                .flat_map(|&f| xs.iter().map(move |&x| (f, x)))
                .enumerate()
                .filter_map(|(i, (f, x))| rounded_derivative(f, x, f.derivative(x)).map(|r| (i, r)))
                .collect(),
            // The chain followed layer by layer (the first): each layer's local
            // gradient `h'(input)`, by its layer.
            Evaluation::Vanishing { chains, .. } => chains
                .first()
                .map(|(f, chain)| {
                    chain
                        .layers
                        .iter()
                        .enumerate()
                        .filter_map(|(k, l)| {
                            rounded_derivative(*f, l.input, l.local_gradient)
                                .map(|r| (k, r.with(Subject::HPrime(l.input))))
                        })
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    pub fn derivative_notes(&self, shown: &[Scalar]) -> Vec<Note> {
        let (fs, xs): (Vec<Scalar>, Vec<f64>) = match self {
            Evaluation::Scalar { f, points, .. } => {
                (vec![*f], points.iter().map(|p| p.0).collect())
            }
            Evaluation::Functions { xs, .. } => (shown.to_vec(), xs.clone()),
            // The chain's local gradients: the first rounded one.
            Evaluation::Vanishing { .. } => {
                return self
                    .rounded_derivatives(shown)
                    .into_iter()
                    .take(1)
                    .map(|(_, r)| Note::Rounded(r))
                    .collect();
            }
            _ => return Vec::new(),
        };
        let mut notes: Vec<Note> = fs
            .iter()
            .filter(|f| xs.iter().any(|&x| !f.derivative_defined_at(x)))
            .map(|&f| Note::NoDerivative { f })
            .collect();
        if matches!(self, Evaluation::Functions { .. })
            && shown.contains(&Scalar::Gelu)
            && shown.contains(&Scalar::GeluTanh)
        {
            notes.push(Note::GeluForms);
        }
        // One note for each function whose value is rounded, its first such value;
        // then the same for the derivatives.
        let mut told = Vec::new();
        for (_, r) in self.rounded_functions(shown) {
            if let Subject::F(f, _) = r.subject()
                && !told.contains(&f)
            {
                told.push(f);
                notes.push(Note::Rounded(r));
            }
        }
        let mut told = Vec::new();
        for (_, r) in self.rounded_derivatives(shown) {
            let f = match r.subject() {
                Subject::FPrime(f, _) => Some(f),
                _ => None,
            };
            if !told.contains(&f) {
                told.push(f);
                notes.push(Note::Rounded(r));
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
    fn the_vanishing_chart_frames_the_layers_and_the_lowest_curve() {
        let ten = VanishingFrame::new(10, -6.86);
        assert_eq!((ten.x.min, ten.x.max), (0.0, 10.0));
        assert_eq!(ten.x_ticks, [0.0, 5.0, 10.0]);
        assert_eq!(ten.y.min, -8.0);
        assert_eq!(ten.y_ticks, [0.0, -3.0, -6.0]);
        // 100 layers: 0.25^100 = 6.2e-61.
        let hundred = VanishingFrame::new(100, 100.0 * 0.25f64.log10());
        assert_eq!((hundred.x.max, hundred.y.min), (100.0, -61.0));
        assert_eq!(hundred.y_ticks, [0.0, -20.0, -40.0, -60.0]);
        // A chain that reached 0 (log10 = -inf) does not take the frame with it.
        let zero = VanishingFrame::new(12, f64::NEG_INFINITY);
        assert!(zero.y.min.is_finite() && zero.x.max == 20.0);
        for f in [ten, hundred, zero] {
            assert!(f.y_ticks.len() <= 4 && f.y_ticks.iter().all(|t| f.y.contains(*t)));
        }
    }

    #[test]
    fn settings_are_read_with_their_spaces_and_in_full_width() {
        assert_eq!(join_settings("1, s = 1000"), "1, s=1000");
        assert_eq!(join_settings("x ＝ 2"), "x=2");
        let read = |lesson: LessonId, text: &str| lesson.read(text).unwrap().settings;
        assert_eq!(read(LessonId::Overflow, "1 2 Ｓ＝５").shift, Some(5.0));
        assert_eq!(read(LessonId::Vanishing, "N = 12").layers, Some(12));
        let s = read(LessonId::Vanishing, "x=1e400");
        assert_eq!((s.start, s.layers), (Some(f64::INFINITY), None));
        // `1e400` was too large to read: the chain says so.
        let Some(Evaluation::Vanishing { misread, .. }) =
            LessonId::Vanishing.evaluate_request(&LessonId::Vanishing.read("x=1e400").unwrap())
        else {
            panic!("a chain");
        };
        assert_eq!(misread.len(), 1);
        assert_eq!(misread[0].written, "1e400");
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
