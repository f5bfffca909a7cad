//! The activation functions themselves: pure `f64` math, no interface, no text.
//!
//! Every function propagates NaN (a NaN in gives a NaN out), so that a learner who
//! types `nan` sees the IEEE answer rather than a silently invented 0.

/// The largest `x` for which `e^x` is finite in float64: `ln(f64::MAX)`.
pub const EXP_LIMIT_F64: f64 = 709.782_712_893_384;
/// The largest `x` for which `e^x` is finite in float32: `ln(f32::MAX)`.
pub const EXP_LIMIT_F32: f64 = 88.722_839_052_068_35;

/// Step function: 1 when `x > 0`, else 0 (the perceptron's activation).
pub fn step(x: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x > 0.0 {
        1.0
    } else {
        0.0
    }
}

/// Identity function: the weighted sum passes unchanged.
pub fn identity(x: f64) -> f64 {
    x
}

/// Sigmoid `1 / (1 + e^(-x))`, evaluated so that no intermediate overflows:
/// for negative `x` it uses the equal form `e^x / (1 + e^x)`.
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// ReLU `max(0, x)`.
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// `e^x` in float64.
pub fn exp_f64(x: f64) -> f64 {
    x.exp()
}

/// `e^x` computed in float32, as a float32 program would (the input is rounded to
/// float32 first); returned widened to `f64` so that it can be shown beside float64.
pub fn exp_f32(x: f64) -> f64 {
    f64::from((x as f32).exp())
}

/// Softmax exactly as the formula reads: `e^(a_k) / Σ e^(a_i)`.
/// Overflows to `inf / inf = NaN` as soon as any `a_i` is above ~709.78.
pub fn softmax_naive(a: &[f64]) -> Vec<f64> {
    let exps: Vec<f64> = a.iter().map(|&x| x.exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|&e| e / sum).collect()
}

/// Softmax with every input shifted by `-max(a)` first. Mathematically the same
/// result; the largest exponent becomes `e^0 = 1`, so nothing overflows and the
/// sum is at least 1. An input that is itself `inf` or NaN still gives NaN.
pub fn softmax(a: &[f64]) -> Vec<f64> {
    let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = a.iter().map(|&x| (x - max).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|&e| e / sum).collect()
}

/// The scalar functions a lesson can chart and evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    Step,
    Identity,
    Sigmoid,
    Relu,
}

impl Scalar {
    pub fn eval(self, x: f64) -> f64 {
        match self {
            Scalar::Step => step(x),
            Scalar::Identity => identity(x),
            Scalar::Sigmoid => sigmoid(x),
            Scalar::Relu => relu(x),
        }
    }

    /// Whether the function is continuous on the closed interval `[a, b]`
    /// (`a <= b`). Charts use this to draw a jump as a jump, not as a slope.
    pub fn continuous_between(self, a: f64, b: f64) -> bool {
        match self {
            Scalar::Step => !(a <= 0.0 && b > 0.0),
            Scalar::Identity | Scalar::Sigmoid | Scalar::Relu => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_limits_are_the_edges_of_finite() {
        assert!(EXP_LIMIT_F64.exp().is_finite());
        assert!((EXP_LIMIT_F64 + 1e-9).exp().is_infinite());
        assert!(exp_f32(EXP_LIMIT_F32 - 1e-5).is_finite());
        assert!(exp_f32(EXP_LIMIT_F32 + 1e-4).is_infinite());
        assert_eq!(f64::MAX.ln(), EXP_LIMIT_F64);
        assert_eq!(f64::from(f32::MAX).ln(), EXP_LIMIT_F32);
    }

    #[test]
    fn nan_propagates_through_every_function() {
        for f in [
            Scalar::Step,
            Scalar::Identity,
            Scalar::Sigmoid,
            Scalar::Relu,
        ] {
            assert!(f.eval(f64::NAN).is_nan(), "{f:?}");
        }
    }

    #[test]
    fn step_is_discontinuous_only_across_zero() {
        assert!(!Scalar::Step.continuous_between(-0.1, 0.1));
        assert!(!Scalar::Step.continuous_between(0.0, 0.1));
        assert!(Scalar::Step.continuous_between(-0.2, -0.1));
        assert!(Scalar::Step.continuous_between(-0.2, 0.0));
        assert!(Scalar::Step.continuous_between(0.1, 0.2));
    }
}
