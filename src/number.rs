//! How numbers are written. Our code formats numbers, never Fluent, so that both
//! languages show exactly the same digits.

/// Significant digits shown on screen: enough that 0.99995460 is not rounded to 1.
pub const SIGNIFICANT: usize = 8;

/// A number for reading: up to eight significant digits, trailing zeros dropped,
/// scientific notation (`4.5397869e-05`) below 1e-4 and from 1e8 on.
/// Non-finite values are spelled `inf`, `-inf` and `NaN`.
pub fn display(v: f64) -> String {
    display_digits(v, SIGNIFICANT)
}

/// [`display`] with at most `digits` significant digits after the point (at least
/// 1): plain from 1e-4 up to 1e8 (integer digits are never dropped), scientific
/// otherwise.
pub fn display_digits(v: f64, digits: usize) -> String {
    format_digits(v, digits, false)
}

fn format_digits(v: f64, digits: usize, force_sci: bool) -> String {
    let digits = digits.clamp(1, 17);
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf" } else { "-inf" }.into();
    }
    if v == 0.0 {
        return "0".into();
    }
    let sci = format!("{:.*e}", digits - 1, v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if !force_sci && (-4..SIGNIFICANT as i32).contains(&exp) {
        let decimals = (digits as i32 - 1 - exp).max(0) as usize;
        trim_zeros(&format!("{v:.decimals$}")).to_string()
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim_zeros(mantissa), exp.abs())
    }
}

/// [`display_digits`], except that a number is never written as a whole number it
/// is not: the float64 just below 1, 0.9999999999999998, written `1` with eight
/// digits, would read as a result rounded to exactly 1 (which is another lesson).
/// Such a number gets as many more digits as it takes (at most 17, which tell every
/// float64 apart).
pub fn display_honest(v: f64, digits: usize) -> String {
    (digits.clamp(1, 17)..=17)
        .map(|d| display_digits(v, d))
        .find(|s| !reads_whole(s, v))
        .unwrap_or_else(|| roundtrip(v))
}

/// [`display_honest`] in at most `digits` significant digits: a number that would
/// need more is cut (not rounded) and followed by `mark`, `0.999` + `⋯` for
/// 0.9999999999999998, so that it never reads as the whole number next to it.
pub fn display_cut(v: f64, digits: usize, mark: &str) -> String {
    let s = display_digits(v, digits);
    if !reads_whole(&s, v) {
        return s;
    }
    let full = display_honest(v, digits);
    let mut out = String::new();
    let mut significant = 0;
    for c in full.chars() {
        if c.is_ascii_digit() && (significant > 0 || c != '0') {
            if significant == digits.max(1) {
                break;
            }
            significant += 1;
        }
        out.push(c);
    }
    format!("{}{mark}", out.trim_end_matches('.'))
}

/// `v` in `digits` significant digits where it needs more: cut (not rounded) and
/// marked, so that a shortened value says so (`0.2⋯` for 0.25, `4.539⋯e-05`; the
/// integer digits are kept). A value that `digits` digits show whole is written as
/// [`display_honest`] writes it.
pub fn display_marked(v: f64, digits: usize, mark: &str) -> String {
    let digits = digits.clamp(1, 17);
    let full = display_honest(v, SIGNIFICANT);
    let short = display_digits(v, digits);
    if short == full || !v.is_finite() {
        return full;
    }
    let (mantissa, exponent) = match full.split_once('e') {
        Some((m, e)) => (m, format!("e{e}")),
        None => (full.as_str(), String::new()),
    };
    let mut out = String::new();
    let mut significant = 0;
    let mut after_point = false;
    for c in mantissa.chars() {
        if c == '.' {
            after_point = true;
        } else if c.is_ascii_digit() && (significant > 0 || c != '0') {
            if significant >= digits && after_point {
                break;
            }
            significant += 1;
        }
        out.push(c);
    }
    format!("{}{mark}{exponent}", out.trim_end_matches('.'))
}

/// Whether `shown` is a whole number (no point, no exponent) that `v` is not.
fn reads_whole(shown: &str, v: f64) -> bool {
    v.is_finite() && !shown.contains(['.', 'e']) && shown.parse::<f64>().is_ok_and(|w| w != v)
}

/// The most precise form of `v` (eight significant digits down to one) that fits in
/// `width` cells, or `None` if not even one digit fits: a number is shown whole or
/// not at all.
pub fn display_fit(v: f64, width: usize) -> Option<String> {
    (1..=SIGNIFICANT)
        .rev()
        .flat_map(|d| [format_digits(v, d, false), format_digits(v, d, true)])
        .find(|s| s.len() <= width)
}

/// `10^log10` written in scientific notation even when it is far beyond float64
/// (`e^1000` is `1.9700711e+434`): the mantissa comes from the fractional part.
pub fn display_pow10(log10: f64) -> String {
    display_pow10_digits(log10, SIGNIFICANT)
}

/// [`display_pow10`] with at most `digits` significant digits.
pub fn display_pow10_digits(log10: f64, digits: usize) -> String {
    let digits = digits.clamp(1, 17);
    if !log10.is_finite() {
        return display(10f64.powf(log10));
    }
    let mut exp = log10.floor();
    let mut mantissa = 10f64.powf(log10 - exp);
    let rounded = format!("{:.*}", digits - 1, mantissa);
    if rounded.starts_with("10") {
        mantissa /= 10.0;
        exp += 1.0;
    }
    let sign = if exp < 0.0 { '-' } else { '+' };
    format!(
        "{}e{sign}{:02}",
        trim_zeros(&format!("{:.*}", digits - 1, mantissa)),
        exp.abs()
    )
}

/// The shortest text that parses back to the same float64 (for scripts).
pub fn roundtrip(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    format!("{v:?}")
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortened_number_is_cut_and_marked() {
        assert_eq!(display_marked(0.25, 1, "~"), "0.2~");
        assert_eq!(display_marked(0.25, 2, "~"), "0.25");
        assert_eq!(display_marked(4.5397868702434395e-05, 4, "~"), "4.539~e-05");
        assert_eq!(display_marked(1234.5678, 2, "~"), "1234~");
        assert_eq!(display_marked(-0.7615941559557649, 4, "~"), "-0.7615~");
        assert_eq!(display_marked(0.9999999999999999, 4, "~"), "0.9999~");
        assert_eq!(display_marked(1.0, 4, "~"), "1");
        assert_eq!(display_marked(f64::NAN, 4, "~"), "NaN");
    }

    #[test]
    fn brief_values_keep_their_digits() {
        assert_eq!(display(0.018_211_273_295_5), "0.018211273");
        assert_eq!(display(0.999_954_602_1), "0.9999546");
        assert_eq!(display(4.539_786_870_2e-5), "4.5397869e-05");
        assert_eq!(display(2.061_060_0e-9), "2.06106e-09");
        assert_eq!(display(709.782_712_893_384), "709.78271");
    }

    #[test]
    fn plain_numbers_stay_plain() {
        assert_eq!(display(1.0), "1");
        assert_eq!(display(-3.5), "-3.5");
        assert_eq!(display(0.5), "0.5");
        assert_eq!(display(1000.0), "1000");
        assert_eq!(display(0.0), "0");
        assert_eq!(display(-0.0), "0");
        assert_eq!(display(12_345_678.0), "12345678");
        assert_eq!(display(123_456_789.0), "1.2345679e+08");
        assert_eq!(display(f64::MAX), "1.7976931e+308");
    }

    #[test]
    fn non_finite_values_are_words() {
        assert_eq!(display(f64::INFINITY), "inf");
        assert_eq!(display(f64::NEG_INFINITY), "-inf");
        assert_eq!(display(f64::NAN), "NaN");
        assert_eq!(roundtrip(f64::NAN), "NaN");
        assert_eq!(roundtrip(f64::INFINITY), "inf");
    }

    #[test]
    fn powers_beyond_float64() {
        // e^1000 = 1.9700711140170469938888793522433e+434
        assert_eq!(
            display_pow10(1000.0 * std::f64::consts::LOG10_E),
            "1.9700711e+434"
        );
        // e^-1000 = 5.0759588975494567652918094795744e-435
        assert_eq!(
            display_pow10(-1000.0 * std::f64::consts::LOG10_E),
            "5.0759589e-435"
        );
        assert_eq!(display_pow10(2.0), "1e+02");
        assert_eq!(display_pow10(f64::INFINITY), "inf");
    }

    #[test]
    fn fewer_digits_for_narrow_columns() {
        assert_eq!(display_digits(4.539_786_870_2e-5, 3), "4.54e-05");
        assert_eq!(display_digits(0.999_954_602_1, 3), "1");
        assert_eq!(display_digits(0.999_954_602_1, 5), "0.99995");
        // Integer digits stay: a typed 1010 is never written 1e+03 to save a digit.
        assert_eq!(display_digits(1010.0, 3), "1010");
        assert_eq!(display_digits(-2.7, 1), "-3");
        assert_eq!(
            display_pow10_digits(1000.0 * std::f64::consts::LOG10_E, 3),
            "1.97e+434"
        );
    }

    #[test]
    fn a_number_fits_whole_or_not_at_all() {
        let v = 4.539_786_870_2e-5;
        assert_eq!(display_fit(v, 13).as_deref(), Some("4.5397869e-05"));
        assert_eq!(display_fit(v, 11).as_deref(), Some("4.53979e-05"));
        assert_eq!(display_fit(v, 5).as_deref(), Some("5e-05"));
        assert_eq!(display_fit(v, 4), None);
        for width in 0..16 {
            if let Some(s) = display_fit(v, width) {
                assert!(s.len() <= width);
                let back: f64 = s.parse().unwrap();
                assert!((back - v).abs() / v < 0.5, "{s} is still the number");
            }
        }
        assert_eq!(display_fit(f64::NAN, 3).as_deref(), Some("NaN"));
        // Scientific notation when the plain form cannot get shorter.
        assert_eq!(display_fit(12_345_678.0, 6).as_deref(), Some("1e+07"));
        assert_eq!(display_fit(12_345_678.0, 8).as_deref(), Some("12345678"));
    }

    #[test]
    fn a_number_is_never_shown_as_a_whole_number_it_is_not() {
        let below_one = 1.0 - f64::EPSILON / 2.0;
        // Eight digits round it to `1`, which reads as exactly 1.
        assert_eq!(display(below_one), "1");
        assert_eq!(display_honest(below_one, 8), "0.9999999999999999");
        assert_eq!(display_honest(0.9999999999999998, 8), "0.9999999999999998");
        assert_eq!(display_honest(4.999_999_999_9, 8), "4.9999999999");
        assert_eq!(display_honest(-0.999_999_999, 3), "-0.999999999");
        assert_eq!(display_honest(12_345_678.4, 8), "12345678.4");
        // Whole numbers, and numbers shown with a point, are as before.
        assert_eq!(display_honest(1.0, 8), "1");
        assert_eq!(display_honest(1010.0, 3), "1010");
        assert_eq!(display_honest(0.999_954_602_1, 8), "0.9999546");
        assert_eq!(display_honest(f64::NAN, 8), "NaN");
        assert_eq!(display_honest(f64::INFINITY, 8), "inf");
        // Cut short, such a number says it goes on.
        assert_eq!(display_cut(0.9999999999999998, 3, "⋯"), "0.999⋯");
        assert_eq!(display_cut(4.999_999_999_9, 1, "..."), "4...");
        assert_eq!(display_honest(0.999_954_602_1, 3), "0.99995");
        assert_eq!(display_cut(0.999_954_602_1, 3, "⋯"), "0.999⋯");
        assert_eq!(display_cut(0.25, 3, "⋯"), "0.25");
    }

    #[test]
    fn roundtrip_parses_back() {
        for v in [
            0.1,
            1.0 / 3.0,
            4.539_786_870_243_439_5e-5,
            1e300,
            -2.5,
            5e-324,
        ] {
            assert_eq!(roundtrip(v).parse::<f64>().unwrap(), v);
        }
    }
}
