//! Results shown as a round value (1, 0, -1, x itself) although their exact value
//! is not: what the tables tag "rounded" and the notes explain, for the values of
//! every function, for softmax, and for the derivatives where they approach 0 or 1.
//! Exact values are computed in logarithms, so that they can be told even when far
//! below float64's range.

use crate::activation::Scalar;

/// Whose value a note speaks of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Subject {
    /// `h(x)` of a scalar lesson.
    H(f64),
    /// The probability `y` of the softmax input `a`.
    Y(f64),
    /// `f(x)` of a function of the lesson `modern`.
    F(Scalar, f64),
    /// `h'(x)`: the derivative of a scalar lesson's function.
    HPrime(f64),
    /// `f'(x)`: the derivative of a function of the lesson `modern`.
    FPrime(Scalar, f64),
}

impl Rounded {
    /// Whose value is rounded.
    pub fn subject(self) -> Subject {
        match self {
            Rounded::ToOne { subject, .. }
            | Rounded::ToZero { subject, .. }
            | Rounded::ToNear { subject, .. } => subject,
        }
    }

    /// The same rounding, told of `subject`.
    pub fn with(self, subject: Subject) -> Rounded {
        match self {
            Rounded::ToOne { gap_log10, .. } => Rounded::ToOne { subject, gap_log10 },
            Rounded::ToZero {
                exact_log10,
                negative,
                ..
            } => Rounded::ToZero {
                subject,
                exact_log10,
                negative,
            },
            Rounded::ToNear {
                shown,
                gap_log10,
                above,
                ..
            } => Rounded::ToNear {
                subject,
                shown,
                gap_log10,
                above,
            },
        }
    }
}

impl Subject {
    /// Whether the subject is a derivative (`h'(x)`, `f'(x)`).
    pub fn is_derivative(self) -> bool {
        matches!(self, Subject::HPrime(_) | Subject::FPrime(..))
    }
}

/// A result shown as exactly 1 or 0 although its exact value is neither. Exact
/// values are kept as base-10 logarithms: they are often far below float64's range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rounded {
    /// Shown as 1; the exact value is `1 - 10^gap_log10`.
    ToOne { subject: Subject, gap_log10: f64 },
    /// Shown as 0; the exact value is `10^exact_log10` (`-10^exact_log10` when
    /// `negative`), too small for float64.
    ToZero {
        subject: Subject,
        exact_log10: f64,
        negative: bool,
    },
    /// Shown as `shown` (-1, or x itself: `tanh(-30) = -1`, `GELU(30) = 30`); the
    /// exact value is `shown + 10^gap_log10` (`above`) or `shown - 10^gap_log10`,
    /// nearer to `shown` than float64 can tell.
    ToNear {
        subject: Subject,
        shown: f64,
        gap_log10: f64,
        above: bool,
    },
}

/// `ln(Σ e^(a_i))` without overflow (the inputs are finite and not empty).
fn log_sum_exp(a: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = a.clone().fold(f64::NEG_INFINITY, f64::max);
    max + a.map(|v| (v - max).exp()).sum::<f64>().ln()
}

/// Results of a softmax (`ys`, in the order of `inputs`) shown as 1 or 0 although
/// the exact softmax of `inputs` is strictly between them.
pub(super) fn rounded_softmax(inputs: &[f64], ys: &[f64]) -> Vec<(usize, Rounded)> {
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
                        negative: false,
                    },
                ));
            }
        }
    }
    out
}

/// Sigmoid results shown as 1 or 0 (`h(40)` is 1 - 4.2e-18, stored as 1).
pub(super) fn rounded_sigmoid(x: f64, y: f64) -> Option<Rounded> {
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
            negative: false,
        })
    } else {
        None
    }
}

/// `ln Phi(-x)` for `x > 0`, without underflow: from erfc while it is a normal
/// float64, then the asymptotic series of the normal tail (Mills' ratio, to
/// `1 - 1/x^2 + 3/x^4`), which is far closer than the digits shown for such `x`.
fn ln_normal_tail(x: f64) -> f64 {
    let tail = 0.5 * libm::erfc(x / std::f64::consts::SQRT_2);
    if tail > 1e-300 {
        return tail.ln();
    }
    let x2 = x * x;
    -x2 / 2.0 - (x * (2.0 * std::f64::consts::PI).sqrt()).ln()
        + (1.0 - 1.0 / x2 + 3.0 / (x2 * x2)).ln()
}

/// A result of the lesson `modern` shown as a round value (1, -1, 0, or x itself)
/// though its exact value is not: the same rule as [`rounded_sigmoid`] for every
/// function (`tanh(30)` is `1 - 1.8e-26`, stored as 1; `GELU(30)` is
/// `30 - 1.5e-196`, stored as 30). `None` where the value is exact or not round.
pub fn rounded_scalar(f: Scalar, x: f64, y: f64) -> Option<Rounded> {
    use std::f64::consts::{LN_2, LOG10_E};
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    let subject = Subject::F(f, x);
    // The natural log of |exact - y|, when y is the value the function nears.
    let gap_ln = match f {
        Scalar::Sigmoid => {
            return rounded_sigmoid(x, y).map(|r| r.with(subject));
        }
        // 1 - tanh|x| = 2 / (e^(2|x|) + 1).
        Scalar::Tanh if y.abs() == 1.0 => {
            let a = x.abs();
            Some(LN_2 - 2.0 * a - (-2.0 * a).exp().ln_1p())
        }
        // ELU(x) + 1 = e^x for x < 0.
        Scalar::Elu if x < 0.0 && y == -1.0 => Some(x),
        // x - GELU(x) = x Phi(-x).
        Scalar::Gelu if x > 0.0 && y == x => Some(x.ln() + ln_normal_tail(x)),
        // x - GELU_tanh(x) = x (1 - tanh u) / 2, with 1 - tanh u = 2 / (e^(2u) + 1).
        Scalar::GeluTanh if x > 0.0 && y == x => {
            let u = (2.0 / std::f64::consts::PI).sqrt() * (x + 0.044715 * x * x * x);
            Some(x.ln() - 2.0 * u - (-2.0 * u).exp().ln_1p())
        }
        // x - SiLU(x) = x sigmoid(-x) = x / (1 + e^x).
        Scalar::Silu if x > 0.0 && y == x => Some(x.ln() - x - (-x).exp().ln_1p()),
        // softplus(x) - x = log(1 + e^-x).
        Scalar::Softplus if x > 0.0 && y == x => Some((-x).exp().ln_1p().ln()),
        // Underflows: GELU, SiLU and softplus of a very negative x.
        Scalar::Gelu | Scalar::Silu | Scalar::Softplus | Scalar::GeluTanh
            if x < 0.0 && y == 0.0 =>
        {
            let a = -x;
            let exact_ln = match f {
                Scalar::Gelu => a.ln() + ln_normal_tail(a),
                Scalar::GeluTanh => {
                    let u = (2.0 / std::f64::consts::PI).sqrt() * (a + 0.044715 * a * a * a);
                    a.ln() - 2.0 * u - (-2.0 * u).exp().ln_1p()
                }
                Scalar::Silu => a.ln() - a - (-a).exp().ln_1p(),
                _ => x,
            };
            return (exact_ln < f64::MIN_POSITIVE.ln()).then_some(Rounded::ToZero {
                subject,
                exact_log10: exact_ln * LOG10_E,
                // GELU and SiLU dip below 0 and come back up towards it from below;
                // softplus stays above 0.
                negative: f != Scalar::Softplus,
            });
        }
        _ => None,
    }?;
    // Rounded when the gap is below half a unit in the last place of y: float64
    // cannot tell the exact value from y.
    let ulp = if y == 0.0 {
        f64::from_bits(1)
    } else {
        let up = f64::from_bits(y.abs().to_bits() + 1);
        up - y.abs()
    };
    if gap_ln >= (ulp / 2.0).ln() {
        return None;
    }
    let gap_log10 = gap_ln * LOG10_E;
    if y == 1.0 {
        return Some(Rounded::ToOne { subject, gap_log10 });
    }
    Some(Rounded::ToNear {
        subject,
        shown: y,
        gap_log10,
        // tanh(-30) and ELU are above -1; GELU, SiLU below x; softplus above.
        above: y < 0.0 || f == Scalar::Softplus,
    })
}

/// `ln |f'(±a) - t|` for `a > 0` large enough that the derivative of GELU, its tanh
/// form or SiLU is on its way to `t` (0 on the left, from below; 1 on the right,
/// from above): the same size on both sides for each of the three.
/// GELU: `a phi(a) - Phi(-a)`; its tanh form, with `u = c (a + k a^3)` and
/// `q = e^(-2u)`: `q / (1 + q) (2 a u' / (1 + q) - 1)`; SiLU, with
/// `p = sigmoid(-a)`: `p (a sigmoid(a) - 1)`.
fn ln_slope_tail(f: Scalar, a: f64) -> Option<f64> {
    use std::f64::consts::PI;
    match f {
        Scalar::Gelu => {
            let phi = (-a * a / 2.0).exp() / (2.0 * PI).sqrt();
            if phi > 1e-300 {
                let tail = 0.5 * libm::erfc(a / std::f64::consts::SQRT_2);
                Some((a * phi - tail).ln())
            } else {
                // Mills' ratio: Phi(-a) / phi(a) = 1/a - 1/a^3 + 3/a^5 - ...
                let mills = 1.0 / a - 1.0 / (a * a * a) + 3.0 / a.powi(5);
                Some(-a * a / 2.0 - (2.0 * PI).sqrt().ln() + (a - mills).ln())
            }
        }
        Scalar::GeluTanh => {
            let c = (2.0 / PI).sqrt();
            let u = c * (a + 0.044715 * a * a * a);
            let du = c * (1.0 + 3.0 * 0.044715 * a * a);
            let q = (-2.0 * u).exp();
            Some(-2.0 * u - q.ln_1p() + (2.0 * a * du / (1.0 + q) - 1.0).ln())
        }
        Scalar::Silu => {
            let e = (-a).exp();
            Some(-a - e.ln_1p() + (a / (1.0 + e) - 1.0).ln())
        }
        _ => None,
    }
}

/// A derivative `d = f'(x)` shown as a round value although its exact value is not:
/// where the derivative approaches 0 or 1 as x grows (`sigmoid'(800)`, `tanh'(400)`,
/// `ELU'(-800)`, `GELU'(-40)` and `SiLU'(-800)` underflow to 0; `GELU'(40)` rounds to
/// 1, `softplus'(40) = sigmoid(40)` too). The same rule as [`rounded_scalar`]:
/// rounded when float64 cannot tell the exact value from the one shown. Leaky ReLU's
/// slopes (0.01 and 1), ReLU's, the step's and the identity's are exact.
pub fn rounded_derivative(f: Scalar, x: f64, d: f64) -> Option<Rounded> {
    use std::f64::consts::{LN_2, LOG10_E};
    if !x.is_finite() || !d.is_finite() {
        return None;
    }
    let subject = Subject::FPrime(f, x);
    let a = x.abs();
    let to_zero = |exact_ln: f64, negative: bool| {
        (d == 0.0 && exact_ln < f64::MIN_POSITIVE.ln()).then_some(Rounded::ToZero {
            subject,
            exact_log10: exact_ln * LOG10_E,
            negative,
        })
    };
    match f {
        // sigmoid'(x) = e^-|x| / (1 + e^-|x|)^2.
        Scalar::Sigmoid => to_zero(-a - 2.0 * (-a).exp().ln_1p(), false),
        // softplus' is the sigmoid itself: 0 on the left, 1 on the right.
        Scalar::Softplus => rounded_sigmoid(x, d).map(|r| r.with(subject)),
        // tanh'(x) = 1 / cosh^2 x = 4 e^(-2|x|) / (1 + e^(-2|x|))^2.
        Scalar::Tanh => to_zero(2.0 * LN_2 - 2.0 * a - 2.0 * (-2.0 * a).exp().ln_1p(), false),
        // ELU'(x) = e^x for x < 0.
        Scalar::Elu if x < 0.0 => to_zero(x, false),
        Scalar::Gelu | Scalar::GeluTanh | Scalar::Silu if x < 0.0 => {
            to_zero(ln_slope_tail(f, a)?, true)
        }
        Scalar::Gelu | Scalar::GeluTanh | Scalar::Silu if x > 0.0 && d == 1.0 => {
            let gap_ln = ln_slope_tail(f, a)?;
            // Half the spacing of float64 just above 1.
            (gap_ln < -53.0 * LN_2).then_some(Rounded::ToNear {
                subject,
                shown: 1.0,
                gap_log10: gap_ln * LOG10_E,
                above: true,
            })
        }
        _ => None,
    }
}
