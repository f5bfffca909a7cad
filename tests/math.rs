//! The math against independent references: a table computed at 50 digits
//! (tests/data/make_reference.py), the worked examples of the brief, and properties.

use kasseika::activation::{
    self, EXP_LIMIT_F32, EXP_LIMIT_F64, Scalar, exp_f32, exp_f64, softmax, softmax_naive,
};
use proptest::prelude::*;

/// Distance in units in the last place between two finite float64 of the same sign.
fn ulps(a: f64, b: f64) -> u64 {
    if a == b {
        return 0;
    }
    let key = |v: f64| {
        let bits = v.to_bits() as i64;
        if bits < 0 { i64::MIN - bits } else { bits }
    };
    key(a).abs_diff(key(b))
}

#[test]
fn within_two_ulp_of_a_fifty_digit_reference() {
    let table = include_str!("data/reference.tsv");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let x: f64 = cols[1].parse().unwrap();
        let want: f64 = cols[2].parse().unwrap();
        let got = match cols[0] {
            "sigmoid" => activation::sigmoid(x),
            "exp" => exp_f64(x),
            other => panic!("unknown function {other}"),
        };
        assert!(
            ulps(got, want) <= 2,
            "{}({x}) = {got:e}, reference {want:e}: {} ulp",
            cols[0],
            ulps(got, want)
        );
        checked += 1;
    }
    assert!(checked > 2000, "the table was read ({checked} rows)");
}

fn close(a: &[f64], b: &[f64], rel: f64) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= rel * y.abs())
}

#[test]
fn the_brief_worked_example() {
    let y = softmax(&[0.3, 2.9, 4.0]);
    // Reference at 40 digits: 0.01821127329554753, 0.2451918129350739, 0.7365969137693786
    assert!(close(
        &y,
        &[
            0.018_211_273_295_547_53,
            0.245_191_812_935_073_9,
            0.736_596_913_769_378_6
        ],
        1e-15
    ));
    assert!(close(&softmax_naive(&[0.3, 2.9, 4.0]), &y, 1e-15));
}

#[test]
fn the_brief_overflow_example() {
    let a = [1010.0, 1000.0, 990.0];
    assert!(softmax_naive(&a).iter().all(|v| v.is_nan()));
    // Reference at 40 digits: 0.9999546000703311, 4.539786860886666e-05, 2.061060046209062e-09
    let y = softmax(&a);
    assert!(close(
        &y,
        &[
            0.999_954_600_070_331_1,
            4.539_786_860_886_666e-5,
            2.061_060_046_209_062e-9
        ],
        1e-14
    ));
    assert!(exp_f64(1000.0).is_infinite());
    assert!(exp_f32(1000.0).is_infinite());
}

#[test]
fn limits_of_exp() {
    assert!(exp_f64(709.78).is_finite());
    assert!(exp_f64(709.79).is_infinite());
    assert!(exp_f32(88.72).is_finite());
    assert!(exp_f32(88.73).is_infinite());
    assert_eq!(format!("{EXP_LIMIT_F64:.2}"), "709.78");
    assert_eq!(format!("{EXP_LIMIT_F32:.2}"), "88.72");
}

#[test]
fn non_finite_inputs_make_even_the_stable_softmax_nan() {
    assert!(softmax(&[f64::INFINITY, 1.0]).iter().all(|v| v.is_nan()));
    assert!(softmax(&[f64::NAN, 1.0]).iter().all(|v| v.is_nan()));
    // -inf alone is fine: its probability is exactly 0.
    assert_eq!(softmax(&[f64::NEG_INFINITY, 1.0]), vec![0.0, 1.0]);
    assert!(softmax(&[]).is_empty());
}

#[test]
fn the_scalar_functions_at_their_landmarks() {
    assert_eq!(Scalar::Step.eval(0.0), 0.0);
    assert_eq!(Scalar::Step.eval(1e-300), 1.0);
    assert_eq!(Scalar::Step.eval(-3.0), 0.0);
    assert_eq!(Scalar::Identity.eval(-2.5), -2.5);
    assert_eq!(Scalar::Sigmoid.eval(0.0), 0.5);
    assert_eq!(Scalar::Sigmoid.eval(40.0), 1.0);
    assert_eq!(Scalar::Sigmoid.eval(-1000.0), 0.0);
    assert_eq!(Scalar::Sigmoid.eval(f64::INFINITY), 1.0);
    assert_eq!(Scalar::Relu.eval(-2.0), 0.0);
    assert_eq!(Scalar::Relu.eval(3.5), 3.5);
    assert_eq!(Scalar::Relu.eval(f64::INFINITY), f64::INFINITY);
}

proptest! {
    #[test]
    fn softmax_is_a_distribution_that_keeps_order(a in prop::collection::vec(-1e3f64..1e3, 1..16)) {
        let y = softmax(&a);
        let sum: f64 = y.iter().sum();
        prop_assert!((sum - 1.0).abs() < 1e-12, "sum {sum}");
        prop_assert!(y.iter().all(|p| (0.0..=1.0).contains(p)));
        for i in 0..a.len() {
            for j in 0..a.len() {
                if a[i] > a[j] {
                    prop_assert!(y[i] >= y[j]);
                }
            }
        }
    }

    #[test]
    fn shifting_inputs_changes_nothing(a in prop::collection::vec(-50f64..50.0, 1..8), c in -50f64..50.0) {
        let shifted: Vec<f64> = a.iter().map(|x| x + c).collect();
        prop_assert!(close(&softmax(&a), &softmax(&shifted), 1e-9)
            || softmax(&a).iter().zip(softmax(&shifted)).all(|(p, q)| (p - q).abs() < 1e-12));
    }

    #[test]
    fn stable_equals_naive_when_nothing_overflows(a in prop::collection::vec(-30f64..30.0, 1..8)) {
        let (s, n) = (softmax(&a), softmax_naive(&a));
        prop_assert!(s.iter().zip(&n).all(|(p, q)| (p - q).abs() <= 1e-14 * q.abs().max(1e-300)));
    }

    #[test]
    fn sigmoid_is_symmetric_and_bounded(x in -700f64..700.0) {
        let s = activation::sigmoid(x);
        prop_assert!((0.0..=1.0).contains(&s));
        prop_assert!((s + activation::sigmoid(-x) - 1.0).abs() < 1e-15);
    }
}
