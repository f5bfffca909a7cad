//! The cross-entropy error of softmax for a one-hot target: computed stably, its
//! gradient, and what the formula as written gives instead.
//!
//! For logits `a` and the class `K` (0-based, as in NumPy and PyTorch), with
//! `y = softmax(a)` and `t` the one-hot vector of `K`:
//! - the loss `E = -Σ t_k ln y_k = -ln y_K = ln Σ e^(a_i) - a_K` is taken from
//!   [`log_softmax`] (the overflow lesson's shift by `max(a)`, in double-double):
//!   finite for any finite logits, within 2 ulp (tests/math.rs, against mpmath);
//! - the gradient `∂E/∂a = y - t`, computed without the cancellation of `y_K - 1`
//!   (as `-Σ_{i≠K} y_i`), each entry within 2 ulp;
//! - the formula as written, `-np.sum(t * np.log(y))`, on the stable softmax: where
//!   `y_K` underflows to 0 it is `-ln 0 = inf`; where another `y_j` underflows it
//!   is NaN, because `0 * ln 0 = 0 * -inf` is NaN in IEEE arithmetic (NumPy prints
//!   `nan` with a warning); and the textbook's guard `-np.sum(t * np.log(y + 1e-7))`
//!   is finite but never above `-ln 1e-7 = 16.118`, whatever the logits.

use crate::activation::dd::Dd;
use crate::activation::{exp_mul, log_softmax, softmax};

/// The textbook's `delta`, added to `y` before the log.
pub const TEXTBOOK_DELTA: f64 = 1e-7;

/// Why a loss could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossEntropyError {
    /// No logits at all.
    NoLogits,
    /// `target` is not one of the `classes` (0 to `classes - 1`).
    TargetOutOfRange { target: usize, classes: usize },
}

fn check(logits: &[f64], target: usize) -> Result<(), CrossEntropyError> {
    if logits.is_empty() {
        return Err(CrossEntropyError::NoLogits);
    }
    if target >= logits.len() {
        return Err(CrossEntropyError::TargetOutOfRange {
            target,
            classes: logits.len(),
        });
    }
    Ok(())
}

/// `-ln softmax(a)_K`, stably. NaN when a logit is NaN or +inf (as
/// [`log_softmax`]); inf when `a_K` is -inf and another logit is finite.
pub fn loss(logits: &[f64], target: usize) -> Result<f64, CrossEntropyError> {
    check(logits, target)?;
    // 0 - x rather than -x: a log-probability of -0 is a loss of +0.
    Ok(0.0 - log_softmax(logits)[target])
}

/// `softmax(a) - t`: `y_j` for `j ≠ K`, `y_K - 1 = -Σ_{i≠K} y_i` for the target.
/// Every entry from `e^(a_i - max)` in double-double, divided once by the sum.
/// NaN everywhere when a logit is NaN or +inf.
pub fn gradient(logits: &[f64], target: usize) -> Result<Vec<f64>, CrossEntropyError> {
    check(logits, target)?;
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if logits.iter().any(|x| x.is_nan()) || max == f64::INFINITY {
        return Ok(vec![f64::NAN; logits.len()]);
    }
    if max == f64::NEG_INFINITY {
        // Every logit -inf: softmax is 0/0.
        return Ok(vec![f64::NAN; logits.len()]);
    }
    let shifted = |x: f64| Dd::sum(x, -max);
    let term = |x: f64| {
        if x == f64::NEG_INFINITY {
            Dd::from(0.0)
        } else {
            crate::activation::exp_dd(shifted(x))
        }
    };
    let total = logits.iter().fold(Dd::from(0.0), |s, &x| s.add(term(x)));
    let inv = Dd::from(1.0).div(total);
    let share = |x: f64| {
        if x == f64::NEG_INFINITY {
            0.0
        } else {
            exp_mul(shifted(x), inv)
        }
    };
    let mut out: Vec<f64> = logits.iter().map(|&x| share(x)).collect();
    let others = logits
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != target)
        .fold(Dd::from(0.0), |s, (_, &x)| s.add(term(x)));
    let alone = logits
        .iter()
        .enumerate()
        .all(|(i, &x)| i == target || x == f64::NEG_INFINITY);
    out[target] = if alone {
        // No other class can have any probability: y_K is exactly 1.
        0.0
    } else if others.hi >= 1e-290 || others.hi == 0.0 {
        -others.mul(inv).value()
    } else {
        // Far below the largest logit: each share rounded alone (its own
        // subnormal-safe product), then added, exactly in that range.
        -out.iter()
            .enumerate()
            .filter(|&(i, _)| i != target)
            .map(|(_, y)| y)
            .sum::<f64>()
    };
    Ok(out)
}

/// `t_k`: 1 for the target class, 0 for the others.
fn one_hot(k: usize, target: usize) -> f64 {
    if k == target { 1.0 } else { 0.0 }
}

/// `-Σ_k t_k ln y_k` exactly as written (`-np.sum(t * np.log(y))`): `0 * ln y_k`
/// for every other class, so a `y_k` of 0 there makes the sum NaN (`0 * -inf`), and
/// a `y_K` of 0 makes it inf.
pub fn as_written(probabilities: &[f64], target: usize) -> f64 {
    -probabilities
        .iter()
        .enumerate()
        .map(|(k, &y)| one_hot(k, target) * y.ln())
        .sum::<f64>()
}

/// `-ln y_K` (the target's term alone, as `-np.log(y[K])`): inf where `y_K` is 0.
pub fn picked(probabilities: &[f64], target: usize) -> f64 {
    probabilities.get(target).map_or(f64::NAN, |y| -y.ln())
}

/// The textbook's `-np.sum(t * np.log(y + delta))` with `delta = 1e-7`: never
/// inf or NaN for probabilities, and never above 16.118.
pub fn with_delta(probabilities: &[f64], target: usize) -> f64 {
    -probabilities
        .iter()
        .enumerate()
        .map(|(k, &y)| one_hot(k, target) * (y + TEXTBOOK_DELTA).ln())
        .sum::<f64>()
}

/// Everything the lesson shows for one set of logits and a target.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossEntropy {
    pub logits: Vec<f64>,
    pub target: usize,
    /// `softmax(a)`, the overflow lesson's stable softmax (plain float64: a share
    /// below 2^-1074 is 0).
    pub probabilities: Vec<f64>,
    /// `log_softmax(a)`, finite where the probability underflowed.
    pub log_probabilities: Vec<f64>,
    /// The loss from log-softmax ([`loss`]).
    pub loss: f64,
    /// `y - t` ([`gradient`]).
    pub gradient: Vec<f64>,
    /// [`as_written`] on `probabilities`.
    pub as_written: f64,
    /// [`picked`] on `probabilities`.
    pub picked: f64,
    /// [`with_delta`] on `probabilities`.
    pub with_delta: f64,
}

impl CrossEntropy {
    pub fn new(logits: &[f64], target: usize) -> Result<CrossEntropy, CrossEntropyError> {
        let loss = loss(logits, target)?;
        let gradient = gradient(logits, target)?;
        let probabilities = softmax(logits);
        Ok(CrossEntropy {
            logits: logits.to_vec(),
            target,
            log_probabilities: log_softmax(logits),
            loss,
            gradient,
            as_written: as_written(&probabilities, target),
            picked: picked(&probabilities, target),
            with_delta: with_delta(&probabilities, target),
            probabilities,
        })
    }

    /// Whether the formula as written fails here (inf or NaN) while the stable
    /// loss is finite.
    pub fn as_written_fails(&self) -> bool {
        self.loss.is_finite() && !self.as_written.is_finite()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_example() {
        // mpmath (40 digits): -ln softmax([0.3, 2.9, 4.0])[2] = 0.3057144648124521017...
        let ce = CrossEntropy::new(&[0.3, 2.9, 4.0], 2).unwrap();
        let want: f64 = 0.305_714_464_812_452_1;
        assert!(
            ce.loss.to_bits().abs_diff(want.to_bits()) <= 2,
            "{}",
            ce.loss
        );
        assert!((ce.as_written - ce.loss).abs() < 1e-15);
        assert!((ce.picked - ce.loss).abs() < 1e-15);
        let sum: f64 = ce.gradient.iter().sum();
        assert!(sum.abs() < 1e-16, "the gradient sums to 0: {sum}");
        assert!(ce.gradient[2] < 0.0 && ce.gradient[0] > 0.0);
    }

    #[test]
    fn underflow_breaks_the_formula_as_written() {
        // y = softmax([0, 1000]) = [0, 1] in float64.
        let target_lost = CrossEntropy::new(&[0.0, 1000.0], 0).unwrap();
        assert_eq!(target_lost.probabilities, vec![0.0, 1.0]);
        assert_eq!(target_lost.loss, 1000.0);
        assert_eq!(target_lost.as_written, f64::INFINITY);
        assert_eq!(target_lost.picked, f64::INFINITY);
        assert!((target_lost.with_delta - 16.118_095_650_958_32).abs() < 1e-12);
        assert!(target_lost.as_written_fails());
        // The other class underflows: 0 * ln 0 = NaN.
        let other_lost = CrossEntropy::new(&[0.0, 1000.0], 1).unwrap();
        assert_eq!(other_lost.loss.to_bits(), 0.0_f64.to_bits());
        assert!(other_lost.as_written.is_nan());
        assert_eq!(other_lost.picked, -0.0);
        assert!(other_lost.as_written_fails());
        assert_eq!(other_lost.gradient, vec![0.0, -0.0]);
    }

    #[test]
    fn refusals_and_non_finite_logits() {
        assert_eq!(loss(&[], 0), Err(CrossEntropyError::NoLogits));
        assert_eq!(
            loss(&[1.0, 2.0], 2),
            Err(CrossEntropyError::TargetOutOfRange {
                target: 2,
                classes: 2
            })
        );
        assert!(loss(&[f64::NAN, 1.0], 1).unwrap().is_nan());
        assert!(loss(&[f64::INFINITY, 1.0], 0).unwrap().is_nan());
        assert!(
            gradient(&[f64::INFINITY, 1.0], 0)
                .unwrap()
                .iter()
                .all(|g| g.is_nan())
        );
        assert_eq!(loss(&[f64::NEG_INFINITY, 1.0], 0).unwrap(), f64::INFINITY);
        assert_eq!(
            gradient(&[f64::NEG_INFINITY, 1.0], 0).unwrap(),
            vec![-1.0, 1.0]
        );
        // One class: probability 1, loss +0 and gradient +0 (not -0).
        assert_eq!(loss(&[5.0], 0).unwrap().to_bits(), 0.0_f64.to_bits());
        assert_eq!(gradient(&[5.0], 0).unwrap()[0].to_bits(), 0.0_f64.to_bits());
        let g = gradient(&[f64::NEG_INFINITY, 2.0], 1).unwrap();
        assert_eq!((g[0], g[1].to_bits()), (0.0, 0.0_f64.to_bits()));
        // Another class whose share underflows: y_K - 1 is below 0, kept as -0.
        assert_eq!(
            gradient(&[0.0, 1000.0], 1).unwrap()[1].to_bits(),
            (-0.0_f64).to_bits()
        );
    }
}
