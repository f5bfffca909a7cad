//! The activation functions themselves: pure `f64` math, no interface, no text.
//!
//! Every function propagates NaN (a NaN in gives a NaN out), so that a learner who
//! types `nan` sees the IEEE answer rather than a silently invented 0 — except the
//! step function, which is a comparison, not arithmetic: `NaN > 0` is false, so
//! `step(NaN)` is 0, exactly what the lesson's `(x > 0).astype(int)` gives.
//!
//! # Accuracy
//! Every scalar function and derivative is within 2 ulp of the exact value over
//! [-745, 745] (tests/math.rs checks a table computed with mpmath at 50 digits,
//! tests/data/make_reference.py). Where the textbook formula loses digits, another
//! form is used, and intermediate sums and products are carried in double-double
//! ([`dd`]), so that the only errors are those of `libm`'s exp, expm1, log1p, erf and
//! erfc (each within 1 ulp) and one final rounding:
//! - `softplus(x) = x + log1p(e^-x)` for `x > 0` (no `e^x` overflow), `log1p(e^x)` else;
//! - sigmoid and its derivative use `e^-|x|` only, never `1 - s` for `s` near 1;
//! - `tanh = t / (t + 2)` with `t = expm1(2|x|)` (no cancellation near 0);
//!   `tanh' = 4u / (1 + u)^2` with `u = e^-2|x|` (not `1 - tanh^2`, which is 0 for
//!   `|x| > 19`);
//! - ELU uses `expm1` (`e^x - 1` loses every digit near 0);
//! - GELU's `Φ(x)` comes from `erfc` in the left tail (not `1 + erf`, which is 0
//!   there), with `x / √2` carried in double-double because erfc magnifies an
//!   argument's rounding by `2 z^2`; below -37, where erfc itself is subnormal before
//!   the product with `x` is formed, from the asymptotic series of Mills' ratio;
//! - the derivatives of GELU, GELU (tanh) and SiLU vanish at a negative `x` (the
//!   minimum of the function): around it they are written so that no two large terms
//!   cancel (see each function).

pub(crate) mod dd;

use dd::Dd;

/// The largest `x` for which `e^x` is finite in float64: `ln(f64::MAX)`.
pub const EXP_LIMIT_F64: f64 = 709.782_712_893_384;
/// The largest `x` for which `e^x` is finite in float32: `ln(f32::MAX)`.
pub const EXP_LIMIT_F32: f64 = 88.722_839_052_068_35;

/// The slope of Leaky ReLU for negative inputs.
pub const LEAKY_RELU_SLOPE: f64 = 0.01;

// Constants to double-double precision (mpmath, 60 digits).
const FRAC_1_SQRT_2: Dd = Dd::new(std::f64::consts::FRAC_1_SQRT_2, -4.833646656726457e-17);
const SQRT_2_OVER_PI: Dd = Dd::new(0.7978845608028654, -4.98465440455546e-17);
const GELU_TANH_K: Dd = Dd::new(0.044715, 2.1960211427085595e-18);
const FRAC_1_SQRT_2PI: Dd = Dd::new(0.3989422804014327, -2.49232720227773e-17);
const LN_SQRT_2PI: Dd = Dd::new(0.9189385332046728, -3.8782941580672414e-17);
/// GELU'(x) = 0 here: the minimum of GELU.
const GELU_D_ROOT: Dd = Dd::new(-0.7517915246935645, 1.4956759177009883e-17);
/// SiLU'(x) = 0 here (x = -1 - W(1/e)), and e^x there (= W(1/e)).
const SILU_D_ROOT: Dd = Dd::new(-1.2784645427610737, -1.0946994183093437e-16);
const SILU_D_ROOT_EXP: Dd = Dd::new(0.2784645427610738, -1.5523606315812798e-18);
/// GELU-tanh'(x) = 0 here, and e^v(x) there.
const GELU_TANH_D_ROOT: Dd = Dd::new(-0.7524614220710163, 3.635560509207687e-17);
const GELU_TANH_D_ROOT_EXP: Dd = Dd::new(0.29195521191476714, -8.582607951729513e-18);

/// 10-point Gauss-Legendre rule on [-1, 1]: the positive nodes and their weights.
const GAUSS_NODES: [f64; 5] = [
    0.9739065285171717,
    0.8650633666889845,
    0.6794095682990244,
    0.4333953941292472,
    0.14887433898163122,
];
const GAUSS_WEIGHTS: [f64; 5] = [
    0.06667134430868814,
    0.1494513491505806,
    0.21908636251598204,
    0.26926671930999635,
    0.29552422471475287,
];

/// `e^a` for a double-double `a`, as double-double: `exp(hi) * (1 + lo)`.
pub(crate) fn exp_dd(a: Dd) -> Dd {
    let e = libm::exp(a.hi);
    Dd::prod(e, 1.0).add_f64(e * a.lo)
}

/// `m * e^a`, rounded once even where `e^a` alone would be subnormal (and so would
/// have lost digits before the product): there `e^a = (e^(a/2))^2`.
pub(crate) fn exp_mul(a: Dd, m: Dd) -> f64 {
    if a.hi >= -708.0 {
        return exp_dd(a).mul(m).value();
    }
    let half = libm::exp(a.hi * 0.5);
    let t = m.mul_f64(half).mul(Dd::from(1.0).add_f64(a.lo));
    t.mul_f64(half).value()
}

/// `expm1(a)` for a double-double `a`.
fn expm1_dd(a: Dd) -> Dd {
    Dd::from(libm::expm1(a.hi)).add_f64(a.lo * libm::exp(a.hi))
}

/// Step function: 1 when `x > 0`, else 0 (the perceptron's activation). NaN gives
/// 0: the comparison `NaN > 0` is false, as in NumPy's `(x > 0).astype(int)`.
pub fn step(x: f64) -> f64 {
    if x > 0.0 { 1.0 } else { 0.0 }
}

/// Identity function: the weighted sum passes unchanged.
pub fn identity(x: f64) -> f64 {
    x
}

/// Sigmoid `1 / (1 + e^(-x))`, evaluated so that no intermediate overflows:
/// for negative `x` it uses the equal form `e^x / (1 + e^x)`.
pub fn sigmoid(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x >= 0.0 {
        let e = libm::exp(-x);
        Dd::from(1.0).div(Dd::sum(1.0, e)).value()
    } else {
        let e = libm::exp(x);
        Dd::from(e).div(Dd::sum(1.0, e)).value()
    }
}

/// `σ'(x) = σ(x)(1 - σ(x)) = e^-|x| / (1 + e^-|x|)^2`: the second form keeps every
/// digit in both tails, where `1 - σ(x)` would be 0 or rounded.
fn sigmoid_derivative(x: f64) -> f64 {
    let u = libm::exp(-x.abs());
    Dd::from(u).div(Dd::sum(1.0, u).square()).value()
}

/// ReLU `max(0, x)`.
pub fn relu(x: f64) -> f64 {
    if x > 0.0 || x.is_nan() { x } else { 0.0 }
}

/// Hyperbolic tangent `(e^x - e^-x) / (e^x + e^-x)`, as `t / (t + 2)` with
/// `t = expm1(2|x|)`: no cancellation near 0, and exactly ±1 beyond |x| = 22
/// (from 19.06 on, the nearest float64 to tanh is 1).
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() {
        return x;
    }
    if a > 22.0 {
        return 1.0_f64.copysign(x);
    }
    let t = libm::expm1(2.0 * a);
    Dd::from(t).div(Dd::sum(t, 2.0)).value().copysign(x)
}

/// `tanh'(x) = 1 - tanh^2(x) = 4u / (1 + u)^2` with `u = e^-2|x|`.
fn tanh_derivative(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() {
        return x;
    }
    let u = libm::exp(-2.0 * a);
    if u < 1e-300 {
        // 4u alone: u is subnormal or nearly, so scale before rounding.
        return exp_mul(Dd::from(-2.0 * a), Dd::from(4.0));
    }
    Dd::from(4.0 * u).div(Dd::sum(1.0, u).square()).value()
}

/// Leaky ReLU: `x` for `x > 0`, else `0.01 x` (computed as `x / 100`, which is the
/// float64 nearest to `0.01 x`; `x * 0.01` would round twice).
pub fn leaky_relu(x: f64) -> f64 {
    if x > 0.0 { x } else { x / 100.0 }
}

/// ELU with alpha = 1: `x` for `x > 0`, else `e^x - 1` (as `expm1`, exact near 0).
pub fn elu(x: f64) -> f64 {
    if x > 0.0 { x } else { libm::expm1(x) }
}

/// `Φ(x)`, the standard normal distribution function, as double-double (within
/// about 1 ulp, from libm's erf or erfc). The argument `x / √2` is carried in
/// double-double: erfc(z) magnifies a relative error of z by about `2 z^2`.
fn normal_cdf(x: f64) -> Dd {
    let z = FRAC_1_SQRT_2.mul_f64(x);
    // d/dz erf(z) at z.hi, for the first-order correction by z.lo.
    let slope = std::f64::consts::FRAC_2_SQRT_PI * libm::exp(-z.hi * z.hi);
    if x < -1.0 {
        // Φ(x) = erfc(-z) / 2, which keeps its relative accuracy in the tail.
        Dd::from(libm::erfc(-z.hi))
            .add_f64(z.lo * slope)
            .mul_f64(0.5)
    } else if x <= 1.0 {
        Dd::from(libm::erf(z.hi))
            .add_f64(z.lo * slope)
            .mul_f64(0.5)
            .add_f64(0.5)
    } else {
        Dd::from(libm::erfc(z.hi))
            .add_f64(-z.lo * slope)
            .mul_f64(-0.5)
            .add_f64(1.0)
    }
}

/// `-x^2 / 2 - ln √(2π)`: the exponent of the normal density φ(x).
fn normal_density_exponent(x: f64) -> Dd {
    Dd::prod(x, x).mul_f64(-0.5).sub(LN_SQRT_2PI)
}

/// `φ(x) = e^(-x^2/2) / √(2π)` as double-double (for moderate `x`).
fn normal_density(x: f64) -> Dd {
    exp_dd(Dd::prod(x, x).mul_f64(-0.5)).mul(FRAC_1_SQRT_2PI)
}

/// Below this, GELU and its derivative use the asymptotic series of Mills' ratio
/// rather than libm's erfc: erfc(-x/√2) is subnormal from x = -37.54 on (digits
/// lost before the product with x), and erfc's own error (up to 2 ulp) made GELU
/// 3 ulp off at some points of a dense probe (x = -30.40, -11.886).
const GELU_ASYMPTOTIC_BELOW: f64 = -10.5;

/// `S(x) = -x Φ(x) / φ(x) = 1 - 1/x^2 + 3/x^4 - 15/x^6 + ...` (Abramowitz & Stegun
/// 26.2.12) for `|x| >= 10.5`: the terms alternate and shrink while `k < x^2/2`, and
/// the error is below the first omitted term, which the loop takes under 1e-21
/// (at most 31 terms; the smallest term at 10.5 is 1.6e-24).
fn mills_series(x: f64) -> Dd {
    let r = 1.0 / (x * x);
    let mut term = 1.0_f64;
    let mut tail = 0.0;
    let mut k = 1.0;
    while term.abs() > 1e-21 {
        term *= -(2.0 * k - 1.0) * r;
        tail += term;
        k += 1.0;
    }
    Dd::sum(1.0, tail)
}

/// GELU, exact form: `x Φ(x) = x/2 (1 + erf(x/√2))` (BERT, GPT-2).
pub fn gelu(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == f64::NEG_INFINITY {
        return -0.0;
    }
    if x < GELU_ASYMPTOTIC_BELOW {
        // x Φ(x) = -φ(x) S(x)
        return exp_mul(normal_density_exponent(x), mills_series(x).neg());
    }
    normal_cdf(x).mul_f64(x).value()
}

/// `GELU'(x) = Φ(x) + x φ(x)`. Between -√2 and 0 the two terms cancel (the sum is 0
/// at -0.7518, the minimum of GELU), so there it is the integral of
/// `GELU''(t) = φ(t)(2 - t^2) > 0` from that root to x (10-point Gauss-Legendre, far
/// below an ulp on intervals this short), whose terms all have one sign.
fn gelu_derivative(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        return 1.0;
    }
    if x == f64::NEG_INFINITY {
        return -0.0;
    }
    if x < GELU_ASYMPTOTIC_BELOW {
        // Φ + xφ = φ (S/|x| - |x|) = -|x| φ (1 - S/x^2)
        let s = mills_series(x);
        let t = Dd::from(1.0).sub(s.div(Dd::prod(x, x)));
        return exp_mul(normal_density_exponent(x), t.mul_f64(x));
    }
    if (-std::f64::consts::SQRT_2..0.0).contains(&x) {
        let half = Dd::from(x).sub(GELU_D_ROOT).mul_f64(0.5);
        let mid = GELU_D_ROOT.add(half);
        let f = |t: f64| {
            let t2 = Dd::prod(t, t);
            normal_density(t).mul(Dd::from(2.0).sub(t2))
        };
        let mut sum = Dd::from(0.0);
        for (node, weight) in GAUSS_NODES.iter().zip(GAUSS_WEIGHTS) {
            let offset = half.mul_f64(*node);
            let left = f(mid.sub(offset).value());
            let right = f(mid.add(offset).value());
            sum = sum.add(left.add(right).mul_f64(weight));
        }
        return sum.mul(half).value();
    }
    normal_cdf(x).add(normal_density(x).mul_f64(x)).value()
}

/// `v = 2 √(2/π) (x + 0.044715 x^3)`, so that GELU (tanh) is `x σ(v)`
/// (`(1 + tanh(u)) / 2 = σ(2u)`), in double-double.
fn gelu_tanh_v(x: f64) -> Dd {
    let x3 = Dd::prod(x, x).mul_f64(x);
    x3.mul(GELU_TANH_K)
        .add_f64(x)
        .mul(SQRT_2_OVER_PI)
        .mul_f64(2.0)
}

/// GELU, tanh approximation: `x/2 (1 + tanh(√(2/π)(x + 0.044715 x^3)))` (GPT-2's code,
/// BERT's original code), evaluated as `x σ(v)` with `v = 2√(2/π)(x + 0.044715 x^3)`:
/// `1 + tanh(u)` is all cancellation for negative `u`.
pub fn gelu_tanh(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() > 1e3 {
        // σ(v) is 1 to the last bit, or e^v underflows to 0.
        return if x > 0.0 { x } else { -0.0 };
    }
    let v = gelu_tanh_v(x);
    if v.hi >= 0.0 {
        let e = exp_dd(v.neg());
        Dd::from(x).div(e.add_f64(1.0)).value()
    } else if v.hi >= -708.0 {
        let e = exp_dd(v);
        e.mul_f64(x).div(e.add_f64(1.0)).value()
    } else {
        exp_mul(v, Dd::from(x))
    }
}

/// How far apart the two forms of GELU are at most: `gelu_tanh(x) - gelu(x)` is
/// largest at `x = ±2.6989` ([`GELU_TANH_MAX_GAP_AT`]), where the tanh form is above
/// the exact one by 4.7324e-4 (mpmath, 40 digits); the gap is even in x (both forms
/// satisfy `f(x) - f(-x) = x`).
pub const GELU_TANH_MAX_GAP: f64 = 4.732_355_206_872_848_7e-4;
pub const GELU_TANH_MAX_GAP_AT: f64 = 2.698_941_386_377_27;

/// `GELU-tanh'(x) = σ(v) + x v' σ(v) σ(-v)`. For `v < 0` it is `e^v M / (1 + e^v)^2`
/// with `M = 1 + e^v + x v'`, which is 0 at -0.7525; near there `M` is rewritten
/// around that root `r` as `(x v'(x) - r v'(r)) + e^v(r) expm1(v(x) - v(r))`, two
/// terms with the sign of `x - r`.
fn gelu_tanh_derivative(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() > 1e3 {
        return if x > 0.0 { 1.0 } else { -0.0 };
    }
    let v = gelu_tanh_v(x);
    let x2 = Dd::prod(x, x);
    // x v'(x) = 2√(2/π) (x + 3k x^3)
    let x_dv = x2
        .mul(GELU_TANH_K)
        .mul_f64(3.0)
        .add_f64(1.0)
        .mul_f64(x)
        .mul(SQRT_2_OVER_PI)
        .mul_f64(2.0);
    if v.hi >= 0.0 {
        // (1 + e + x v' e) / (1 + e)^2 with e = e^-v: every term positive.
        let e = exp_dd(v.neg());
        let one_e = e.add_f64(1.0);
        return one_e.add(x_dv.mul(e)).div(one_e.square()).value();
    }
    let r = GELU_TANH_D_ROOT;
    let m = if (2.0 * r.hi..=0.5 * r.hi).contains(&x) {
        // x - r.hi is exact here (Sterbenz).
        let d = Dd::sum(x - r.hi, -r.lo);
        // x^2 + x r + r^2
        let q = x2.add(r.mul_f64(x)).add(r.square());
        let k = GELU_TANH_K;
        let c2 = SQRT_2_OVER_PI.mul_f64(2.0);
        let linear = c2.mul(d).mul(k.mul(q).mul_f64(3.0).add_f64(1.0));
        let dv = c2.mul(d).mul(k.mul(q).add_f64(1.0));
        linear.add(GELU_TANH_D_ROOT_EXP.mul(expm1_dd(dv)))
    } else {
        let e = exp_dd(v);
        x_dv.add_f64(1.0).add(e)
    };
    if v.hi >= -708.0 {
        let e = exp_dd(v);
        e.mul(m).div(e.add_f64(1.0).square()).value()
    } else {
        exp_mul(v, m)
    }
}

/// SiLU (Swish): `x σ(x)` (EfficientNet; inside LLaMA's SwiGLU).
pub fn silu(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x == f64::NEG_INFINITY {
        return -0.0;
    }
    if x >= 0.0 {
        Dd::from(x).div(Dd::sum(1.0, libm::exp(-x))).value()
    } else if x >= -708.0 {
        let e = libm::exp(x);
        Dd::prod(x, e).div(Dd::sum(1.0, e)).value()
    } else {
        exp_mul(Dd::from(x), Dd::from(x))
    }
}

/// `SiLU'(x) = σ(x)(1 + x(1 - σ(x)))`. For `x < 0` it is `e^x N / (1 + e^x)^2` with
/// `N = 1 + x + e^x`, which is 0 at `r = -1 - W(1/e) = -1.2785`; near there
/// `N = (x - r) + e^r expm1(x - r)` exactly (as `1 + r + e^r = 0`), two terms with
/// one sign.
fn silu_derivative(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        return 1.0;
    }
    if x == f64::NEG_INFINITY {
        return -0.0;
    }
    if x >= 0.0 {
        // (1 + e + x e) / (1 + e)^2 with e = e^-x
        let e = libm::exp(-x);
        let one_e = Dd::sum(1.0, e);
        return one_e.add(Dd::prod(x, e)).div(one_e.square()).value();
    }
    let r = SILU_D_ROOT;
    let e = libm::exp(x);
    let n = if (2.0 * r.hi..=0.5 * r.hi).contains(&x) {
        let d = Dd::sum(x - r.hi, -r.lo);
        d.add(SILU_D_ROOT_EXP.mul(expm1_dd(d)))
    } else {
        Dd::sum(1.0, x).add_f64(e)
    };
    if x >= -708.0 {
        Dd::from(e).mul(n).div(Dd::sum(1.0, e).square()).value()
    } else {
        exp_mul(Dd::from(x), n)
    }
}

/// Softplus `ln(1 + e^x)`: `x + log1p(e^-x)` for `x > 0` (no overflow of `e^x`),
/// `log1p(e^x)` otherwise (no loss where `1 + e^x` rounds to 1).
pub fn softplus(x: f64) -> f64 {
    if x.is_nan() || x == f64::INFINITY {
        return x;
    }
    if x > 0.0 {
        Dd::sum(x, libm::log1p(libm::exp(-x))).value()
    } else {
        libm::log1p(libm::exp(x))
    }
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
/// sum is at least 1. An input of `-inf` gets exactly 0 (`e^-inf = 0`); an input of
/// `+inf` or NaN still gives NaN, and so do inputs that are all `-inf`
/// (`-inf - (-inf)`).
pub fn softmax(a: &[f64]) -> Vec<f64> {
    let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exps: Vec<f64> = a.iter().map(|&x| (x - max).exp()).collect();
    let sum: f64 = exps.iter().sum();
    exps.iter().map(|&e| e / sum).collect()
}

/// Softmax computed step by step with the shift `C` chosen by the caller, keeping
/// every intermediate column, in plain float64 exactly as a program would compute
/// it: `shifted = a - C`, `exps = e^(a - C)`, `sum`, `result = exps / sum`.
/// Mathematically every `C` gives the same result; in float64 a too small `C`
/// overflows (`e^(a - C)` = inf, result NaN) and a too large one underflows
/// (every `e^(a - C)` = 0, result 0/0 = NaN). `C = 0` is [`softmax_naive`],
/// `C = max(a)` is [`softmax`] (the same numbers, bit for bit).
#[derive(Debug, Clone, PartialEq)]
pub struct SoftmaxSteps {
    pub shift: f64,
    pub inputs: Vec<f64>,
    pub shifted: Vec<f64>,
    pub exps: Vec<f64>,
    pub sum: f64,
    pub result: Vec<f64>,
}

impl SoftmaxSteps {
    pub fn with_shift(a: &[f64], shift: f64) -> SoftmaxSteps {
        let shifted: Vec<f64> = a.iter().map(|&x| x - shift).collect();
        let exps: Vec<f64> = shifted.iter().map(|&s| s.exp()).collect();
        let sum: f64 = exps.iter().sum();
        let result = exps.iter().map(|&e| e / sum).collect();
        SoftmaxSteps {
            shift,
            inputs: a.to_vec(),
            shifted,
            exps,
            sum,
            result,
        }
    }

    /// `C = 0`: the formula as written.
    pub fn naive(a: &[f64]) -> SoftmaxSteps {
        SoftmaxSteps::with_shift(a, 0.0)
    }

    /// `C = max(a)` (0 for an empty list).
    pub fn stable(a: &[f64]) -> SoftmaxSteps {
        let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        SoftmaxSteps::with_shift(a, if a.is_empty() { 0.0 } else { max })
    }

    /// Whether any column went non-finite (overflow to inf, or NaN).
    pub fn overflowed(&self) -> bool {
        !self.sum.is_finite() || self.result.iter().any(|v| !v.is_finite())
    }
}

/// The maximum, and `Σ e^(a_i - max)` less the 1 of the maximum itself, in
/// double-double; None for an empty list.
fn shifted_sum(a: &[f64]) -> Option<(f64, Dd)> {
    let (imax, &max) = a.iter().enumerate().max_by(|p, q| p.1.total_cmp(q.1))?;
    let mut rest = Dd::from(0.0);
    for (i, &x) in a.iter().enumerate() {
        if i != imax && x != f64::NEG_INFINITY {
            rest = rest.add(exp_dd(Dd::sum(x, -max)));
        }
    }
    Some((max, rest))
}

/// `log1p(s)` for a double-double `s >= 0`.
fn log1p_dd(s: Dd) -> Dd {
    Dd::from(libm::log1p(s.hi)).add_f64(s.lo / (1.0 + s.hi))
}

/// Log-sum-exp `ln Σ e^(a_i)`, as `max + log1p(Σ e^(a_i - max))` (the sum without
/// the maximum's own 1): no overflow for any finite inputs, and full accuracy when
/// one input dominates. Within 2 ulp wherever the result is not near 0 relative to
/// the inputs; where it is (`a = [-0.69, -0.69]`), the error is an ulp of `max`.
/// Empty: -inf (the log of an empty sum). Any NaN: NaN. Any +inf: inf.
pub fn log_sum_exp(a: &[f64]) -> f64 {
    if a.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match shifted_sum(a) {
        None => f64::NEG_INFINITY,
        Some((max, _)) if max.is_infinite() => max,
        Some((max, rest)) => log1p_dd(rest).add_f64(max).value(),
    }
}

/// Log-softmax `a_i - ln Σ e^(a_j)`, the form frameworks use inside the
/// cross-entropy loss: `log(softmax)` would be `log(0) = -inf` wherever softmax
/// underflows, while `a_i - max - log1p(...)` is finite. Each `a_i - max` is kept
/// exact (double-double), so the small results near the maximum keep their digits.
/// NaN, or +inf, or only -inf inputs: every result NaN; an input of -inf alone gives
/// -inf (probability 0).
pub fn log_softmax(a: &[f64]) -> Vec<f64> {
    let Some((max, rest)) = shifted_sum(a) else {
        return Vec::new();
    };
    if a.iter().any(|x| x.is_nan()) || max.is_infinite() {
        return vec![f64::NAN; a.len()];
    }
    let l = log1p_dd(rest);
    // With another input of some weight, every probability is below 1, even where
    // its log rounds to 0 (and e^(a_j - max) may underflow to 0 in `rest`).
    let shared = a.iter().filter(|&&x| x != f64::NEG_INFINITY).count() > 1;
    a.iter()
        .map(|&x| {
            if x == f64::NEG_INFINITY {
                x
            } else {
                let v = Dd::sum(x, -max).sub(l).value();
                // A log-probability below 0 that rounds to 0 keeps its sign.
                if v == 0.0 && shared { -0.0 } else { v }
            }
        })
        .collect()
}

/// The scalar functions a lesson can chart and evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    Step,
    Identity,
    Sigmoid,
    Relu,
    /// Hyperbolic tangent.
    Tanh,
    /// Leaky ReLU with slope [`LEAKY_RELU_SLOPE`] (0.01) for negative inputs.
    LeakyRelu,
    /// ELU with alpha = 1.
    Elu,
    /// GELU, exact (erf) form.
    Gelu,
    /// GELU, tanh approximation.
    GeluTanh,
    /// SiLU, also called Swish.
    Silu,
    Softplus,
}

impl Scalar {
    pub const ALL: [Scalar; 11] = [
        Scalar::Step,
        Scalar::Identity,
        Scalar::Sigmoid,
        Scalar::Relu,
        Scalar::Tanh,
        Scalar::LeakyRelu,
        Scalar::Elu,
        Scalar::Gelu,
        Scalar::GeluTanh,
        Scalar::Silu,
        Scalar::Softplus,
    ];

    /// The name used on the command line (`kasseika eval ID`) and in message ids.
    pub fn id(self) -> &'static str {
        match self {
            Scalar::Step => "step",
            Scalar::Identity => "identity",
            Scalar::Sigmoid => "sigmoid",
            Scalar::Relu => "relu",
            Scalar::Tanh => "tanh",
            Scalar::LeakyRelu => "leaky-relu",
            Scalar::Elu => "elu",
            Scalar::Gelu => "gelu",
            Scalar::GeluTanh => "gelu-tanh",
            Scalar::Silu => "silu",
            Scalar::Softplus => "softplus",
        }
    }

    pub fn from_id(id: &str) -> Option<Scalar> {
        Scalar::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn eval(self, x: f64) -> f64 {
        match self {
            Scalar::Step => step(x),
            Scalar::Identity => identity(x),
            Scalar::Sigmoid => sigmoid(x),
            Scalar::Relu => relu(x),
            Scalar::Tanh => tanh(x),
            Scalar::LeakyRelu => leaky_relu(x),
            Scalar::Elu => elu(x),
            Scalar::Gelu => gelu(x),
            Scalar::GeluTanh => gelu_tanh(x),
            Scalar::Silu => silu(x),
            Scalar::Softplus => softplus(x),
        }
    }

    /// The derivative f'(x). NaN where it is undefined — at 0 for step (a jump),
    /// ReLU and Leaky ReLU (a corner: the slopes from the left and from the right
    /// differ) — which [`Scalar::derivative_defined_at`] tells apart from a NaN
    /// input. At ±inf, the limit. ELU with alpha = 1 has a derivative at 0 (1 from
    /// both sides).
    ///
    /// What libraries use at those points instead ([`Scalar::derivative_by_convention`]),
    /// as read in their code: ReLU'(0) = 0 in PyTorch (derivatives.yaml: relu's
    /// gradient is `threshold_backward(grad, result, 0)`, which is 0 where the
    /// result is <= 0), TensorFlow (`ReluGrad`: `gradients * (features > 0)`) and
    /// JAX (`jax.nn.relu` has a custom JVP `select(x > 0, g, 0)`, documented as
    /// "∇relu(0) = 0" and tested by `testReluGradAtZero`; checked with jax 0.10.2).
    /// Leaky ReLU'(0): 0.01 in PyTorch (`a > 0 ? grad : grad * negval`) and
    /// TensorFlow (`LeakyReluGrad`: `features > 0` selects), but 1 in JAX
    /// (`where(x >= 0, x, slope * x)`; checked with jax 0.10.2). Step: autodiff sees a
    /// constant on each side, 0.
    pub fn derivative(self, x: f64) -> f64 {
        if !self.derivative_defined_at(x) {
            return f64::NAN;
        }
        match self {
            Scalar::Step => {
                if x.is_nan() {
                    x
                } else {
                    0.0
                }
            }
            Scalar::Identity => {
                if x.is_nan() {
                    x
                } else {
                    1.0
                }
            }
            Scalar::Sigmoid | Scalar::Softplus => sigmoid_derivative_or_sigmoid(self, x),
            Scalar::Relu => match () {
                _ if x.is_nan() => x,
                _ if x > 0.0 => 1.0,
                _ => 0.0,
            },
            Scalar::LeakyRelu => match () {
                _ if x.is_nan() => x,
                _ if x > 0.0 => 1.0,
                _ => LEAKY_RELU_SLOPE,
            },
            Scalar::Elu => {
                if x > 0.0 {
                    1.0
                } else {
                    libm::exp(x)
                }
            }
            Scalar::Tanh => tanh_derivative(x),
            Scalar::Gelu => gelu_derivative(x),
            Scalar::GeluTanh => gelu_tanh_derivative(x),
            Scalar::Silu => silu_derivative(x),
        }
    }

    /// Where the derivative does not exist: 0 for step, ReLU and Leaky ReLU.
    pub fn undefined_derivative_at(self) -> Option<f64> {
        match self {
            Scalar::Step | Scalar::Relu | Scalar::LeakyRelu => Some(0.0),
            _ => None,
        }
    }

    /// False exactly where the derivative does not exist (then
    /// [`Scalar::derivative`] is NaN for that reason, not because `x` is NaN).
    pub fn derivative_defined_at(self, x: f64) -> bool {
        self.undefined_derivative_at() != Some(x)
    }

    /// The derivative, with the value autodiff libraries use where it is undefined
    /// (see [`Scalar::derivative`]): 0 for step and ReLU at 0, 0.01 for Leaky ReLU
    /// at 0 (PyTorch, TensorFlow; JAX uses 1).
    pub fn derivative_by_convention(self, x: f64) -> f64 {
        match self {
            Scalar::Step | Scalar::Relu if x == 0.0 => 0.0,
            Scalar::LeakyRelu if x == 0.0 => LEAKY_RELU_SLOPE,
            _ => self.derivative(x),
        }
    }

    /// Whether the function is continuous on the closed interval `[a, b]`
    /// (`a <= b`). Charts use this to draw a jump as a jump, not as a slope.
    pub fn continuous_between(self, a: f64, b: f64) -> bool {
        match self {
            Scalar::Step => !(a <= 0.0 && b > 0.0),
            _ => true,
        }
    }

    /// Whether the derivative is defined and continuous on all of `[a, b]`
    /// (`a <= b`): false when the interval holds the corner or jump at 0 of step,
    /// ReLU or Leaky ReLU. Charts use it to leave a gap in f'.
    pub fn derivative_continuous_between(self, a: f64, b: f64) -> bool {
        match self.undefined_derivative_at() {
            Some(k) => !(a <= k && k <= b),
            None => true,
        }
    }

    /// The largest slope `sup |f'(x)|`: how much one layer can at most pass a
    /// gradient back. Sigmoid 1/4 (at 0), tanh 1 (at 0), ReLU and the ReLU family 1,
    /// GELU 1.1289 (at x = √2, `Φ(√2) + √2 φ(√2)`), GELU (tanh) 1.1290 (at 1.4185), SiLU 1.0998
    /// (at x = 2.3994), softplus 1 (approached, never reached), step 0.
    pub fn max_slope(self) -> f64 {
        match self {
            Scalar::Step => 0.0,
            Scalar::Sigmoid => 0.25,
            Scalar::Identity
            | Scalar::Relu
            | Scalar::Tanh
            | Scalar::LeakyRelu
            | Scalar::Elu
            | Scalar::Softplus => 1.0,
            Scalar::Gelu => MAX_SLOPE_GELU,
            Scalar::GeluTanh => MAX_SLOPE_GELU_TANH,
            Scalar::Silu => MAX_SLOPE_SILU,
        }
    }
}

// sup f' (mpmath; see tests/math.rs, which checks them against the derivatives).
const MAX_SLOPE_GELU: f64 = 1.1289041451851548;
const MAX_SLOPE_GELU_TANH: f64 = 1.1289930686587717;
const MAX_SLOPE_SILU: f64 = 1.099839320128867;

fn sigmoid_derivative_or_sigmoid(f: Scalar, x: f64) -> f64 {
    if f == Scalar::Softplus {
        sigmoid(x)
    } else {
        sigmoid_derivative(x)
    }
}

/// The largest gradient that can pass back through `layers` layers of `f`:
/// `max_slope^layers` (a gradient is multiplied by one local slope per layer; weights
/// of 1 assumed). Sigmoid: `0.25^n`, exact (a power of two) down to 2^-1074 at
/// n = 537, then 0; use [`log10_largest_gradient`] to chart beyond.
pub fn largest_gradient(f: Scalar, layers: u32) -> f64 {
    // Binary exponentiation: for sigmoid every product is a power of two, so the
    // result is exact (and rounds once, to 0, past 2^-1074).
    let (mut base, mut n, mut result) = (f.max_slope(), layers, 1.0);
    while n > 0 {
        if n & 1 == 1 {
            result *= base;
        }
        base *= base;
        n >>= 1;
    }
    result
}

/// `log10` of [`largest_gradient`], which never underflows: `layers * log10(max_slope)`
/// (-inf for step, whose slope is 0).
pub fn log10_largest_gradient(f: Scalar, layers: u32) -> f64 {
    if layers == 0 {
        return 0.0;
    }
    f64::from(layers) * f.max_slope().log10()
}

/// The most layers [`gradient_chain`] follows.
pub const MAX_CHAIN_LAYERS: usize = 10_000;

/// One layer of a [`GradientChain`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChainLayer {
    /// What enters the layer.
    pub input: f64,
    /// `f(input)`, which enters the next layer.
    pub output: f64,
    /// `f'(input)`, the factor this layer puts on the gradient going back.
    pub local_gradient: f64,
    /// The product of the local gradients of this layer and all before it.
    pub product: f64,
}

/// A value passed forward through layers of one function (weights 1, no bias),
/// and the gradient passed back: by the chain rule the product of the local
/// gradients. With sigmoid, x = 2 through 10 layers the product is about 1.4e-7
/// (mpmath: 1.3854505322e-7), below 0.25^10 = 9.5e-7.
#[derive(Debug, Clone, PartialEq)]
pub struct GradientChain {
    pub layers: Vec<ChainLayer>,
}

impl GradientChain {
    /// The gradient reaching the input: the product of all local gradients (1 for no
    /// layers).
    pub fn product(&self) -> f64 {
        self.layers.last().map_or(1.0, |l| l.product)
    }
}

/// `x` through `layers` layers of `f` (at most [`MAX_CHAIN_LAYERS`]), as a framework
/// runs it: where a local gradient is undefined (ReLU at exactly 0, which a negative
/// input sends to the next layer) it takes the value the frameworks use
/// ([`Scalar::derivative_by_convention`]: 0 for ReLU and the step, 0.01 for Leaky
/// ReLU), so a ReLU chain from a negative x has gradient 0, not NaN.
pub fn gradient_chain(f: Scalar, x: f64, layers: usize) -> GradientChain {
    let mut input = x;
    let mut product = 1.0;
    let layers = (0..layers.min(MAX_CHAIN_LAYERS))
        .map(|_| {
            let output = f.eval(input);
            let local_gradient = f.derivative_by_convention(input);
            product *= local_gradient;
            let layer = ChainLayer {
                input,
                output,
                local_gradient,
                product,
            };
            input = output;
            layer
        })
        .collect();
    GradientChain { layers }
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
    fn nan_propagates_through_every_function_but_the_step() {
        for f in Scalar::ALL {
            if f == Scalar::Step {
                // A comparison: `(np.array([np.nan]) > 0).astype(int)` is [0].
                assert_eq!(f.eval(f64::NAN), 0.0);
            } else {
                assert!(f.eval(f64::NAN).is_nan(), "{f:?}");
            }
            assert!(f.derivative(f64::NAN).is_nan(), "{f:?}'");
        }
        assert!(log_sum_exp(&[1.0, f64::NAN]).is_nan());
        assert!(log_softmax(&[1.0, f64::NAN]).iter().all(|v| v.is_nan()));
    }

    #[test]
    fn ids_name_each_function_once() {
        for f in Scalar::ALL {
            assert_eq!(Scalar::from_id(f.id()), Some(f));
        }
        assert_eq!(Scalar::from_id("swish"), None);
    }

    #[test]
    fn the_gelu_gap_is_where_the_doc_says() {
        let gap = |x: f64| gelu_tanh(x) - gelu(x);
        let (worst, at) = (-6000..=6000)
            .map(|k| f64::from(k) / 1000.0)
            .map(|x| (gap(x), x))
            .fold((0.0, 0.0), |a, b| if b.0 > a.0 { b } else { a });
        assert!((worst - GELU_TANH_MAX_GAP).abs() < 1e-9, "{worst} at {at}");
        assert!((at.abs() - GELU_TANH_MAX_GAP_AT).abs() < 1e-3, "{at}");
        assert!((gap(GELU_TANH_MAX_GAP_AT) - GELU_TANH_MAX_GAP).abs() < 1e-15);
        assert!((gap(-GELU_TANH_MAX_GAP_AT) - GELU_TANH_MAX_GAP).abs() < 1e-15);
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
