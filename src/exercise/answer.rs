//! Reading an answer as typed: what a learner's keys (or an input method) produce,
//! folded to ASCII and cut into tokens, read as numbers, fractions and percentages;
//! what cannot be read, as a value ([`AnswerError`]); and how a number was written,
//! which tells a nearly right answer from a wrong one ([`super::Near`]).

use super::{Count, MAX_CHARS, MAX_VALUES, Near, Unit};
use crate::i18n::Tr;
use crate::number;

/// Why an answer could not be read. Nothing here counts as a wrong answer.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    /// Nothing but spaces.
    Empty,
    TooLong {
        chars: usize,
        max: usize,
    },
    /// A character that has no place in an answer (a control character, a
    /// superscript, a letter of another script...).
    Character {
        c: char,
    },
    /// A dash or a long-vowel mark where a minus sign was surely meant (`ー5`).
    NotAMinus {
        c: char,
    },
    /// A token that is not a number (ASCII: the full-width forms are folded first).
    NotANumber {
        token: String,
    },
    /// One number was expected; the answer has `count`.
    OneNumber {
        count: usize,
    },
    /// A find exercise takes `expected` numbers; the answer has `count`.
    Count {
        expected: Count,
        count: usize,
    },
    /// More than `max` numbers.
    TooMany {
        count: usize,
        max: usize,
    },
    /// A percentage, where the answer is not a probability.
    Percent,
    /// A number above 1 (at most 100) without `%`, where the answer is a probability:
    /// `token` as typed (the learner is shown it with `%` and as a decimal).
    OverOne {
        token: String,
    },
    /// A fraction with a zero denominator.
    ZeroDenominator {
        token: String,
    },
    /// Not the number of an option (1 to `options`).
    Choice {
        options: u8,
    },
}

/// `c` as a message shows it: control and invisible characters by code point.
fn shown_char(c: char) -> String {
    if c.is_whitespace() || crate::output::is_invisible(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("{c} (U+{:04X})", u32::from(c))
    }
}

impl AnswerError {
    /// What was wrong and what is accepted, in the learner's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            AnswerError::Empty => tr.t("answer-error-empty"),
            AnswerError::TooLong { chars, max } => tr.f(
                "answer-error-too-long",
                &[("chars", (*chars).into()), ("max", (*max).into())],
            ),
            AnswerError::Character { c } => {
                tr.f("answer-error-character", &[("char", shown_char(*c).into())])
            }
            AnswerError::NotAMinus { c } => tr.f(
                "answer-error-not-a-minus",
                &[("char", shown_char(*c).into())],
            ),
            AnswerError::NotANumber { token } => tr.f(
                "answer-error-not-a-number",
                &[("token", token.clone().into())],
            ),
            AnswerError::OneNumber { count } => {
                tr.f("answer-error-one-number", &[("count", (*count).into())])
            }
            AnswerError::TooMany { count, max } => tr.f(
                "answer-error-count-too-many",
                &[("count", (*count).into()), ("max", (*max).into())],
            ),
            AnswerError::Count { expected, count } => {
                let count = (*count).into();
                match *expected {
                    Count::Exactly(n) => tr.f(
                        "answer-error-count-exactly",
                        &[("count", count), ("expected", n.into())],
                    ),
                    Count::AtLeast(n) => tr.f(
                        "answer-error-count-at-least",
                        &[("count", count), ("expected", n.into())],
                    ),
                }
            }
            AnswerError::Percent => tr.t("answer-error-percent"),
            AnswerError::OverOne { token } => tr.f(
                "answer-error-over-one",
                &[
                    ("token", token.clone().into()),
                    (
                        "decimal",
                        fraction(token)
                            .map(|v| number::display(v / 100.0))
                            .unwrap_or_default()
                            .into(),
                    ),
                ],
            ),
            AnswerError::ZeroDenominator { token } => tr.f(
                "answer-error-zero-denominator",
                &[("token", token.clone().into())],
            ),
            AnswerError::Choice { options } => {
                tr.f("answer-error-choice", &[("options", (*options).into())])
            }
        }
    }
}

/// Characters that look like a minus sign and are typed for one: the long-vowel
/// mark of a Japanese input method (`ー`), hyphens and dashes.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{30FC}' | '\u{FF70}' | '\u{2010}'..='\u{2015}' | '\u{FE63}'
    )
}

/// Folds what the learner typed into ASCII: the full-width forms an input method
/// produces (`０．５`, `５０％`, `１／２`) become their ASCII letters, which is what NFKC
/// does to them; the ideographic space and commas become separators; U+2212 MINUS
/// SIGN becomes `-`. Anything else outside printable ASCII is refused by name, so
/// that `10²` is never read as 102.
pub(super) fn fold(text: &str) -> Result<String, AnswerError> {
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(AnswerError::TooLong {
            chars,
            max: MAX_CHARS,
        });
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let folded = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
            '\u{3000}' | '\t' | '\n' | '\r' => Some(' '),
            '\u{3001}' | '\u{FF64}' => Some(','),
            '\u{2212}' => Some('-'),
            ' '..='~' => Some(c),
            _ => None,
        };
        match folded {
            Some(f) => out.push(f),
            None if is_dash(c) => return Err(AnswerError::NotAMinus { c }),
            None => return Err(AnswerError::Character { c }),
        }
    }
    Ok(out)
}

/// The tokens of a folded answer: split at commas and spaces, with `/` and `%`
/// kept with their numbers (`1 / 2`, `50 %`). One pair of brackets around the whole
/// answer is dropped (`[1010, 1000, 990]`, as the lessons write vectors).
pub(super) fn answer_tokens(folded: &str) -> Vec<String> {
    let trimmed = folded.trim();
    // `x=3`, as the lessons' input boxes take a start value, is the number 3.
    let trimmed = trimmed
        .strip_prefix(['x', 'X'])
        .and_then(|t| t.trim_start().strip_prefix('='))
        .map_or(trimmed, str::trim);
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(trimmed);
    let mut out: Vec<String> = Vec::new();
    for t in inner.split([',', ' ']).filter(|t| !t.is_empty()) {
        let glue = out
            .last()
            .is_some_and(|prev| prev.ends_with('/') || t.starts_with(['/', '%']));
        match out.last_mut() {
            Some(prev) if glue => prev.push_str(t),
            _ => out.push(t.to_string()),
        }
    }
    out
}

/// A float64 as the lessons read one: `1`, `-0.5`, `1e3`, `.5`, `inf`, `nan`.
fn plain_number(token: &str) -> Result<f64, AnswerError> {
    token.parse::<f64>().map_err(|_| AnswerError::NotANumber {
        token: token.to_string(),
    })
}

/// A number or a fraction `a/b`.
pub(super) fn fraction(token: &str) -> Result<f64, AnswerError> {
    let Some((num, den)) = token.split_once('/') else {
        return plain_number(token);
    };
    let whole = |_| AnswerError::NotANumber {
        token: token.to_string(),
    };
    let (num, den) = (
        plain_number(num).map_err(whole)?,
        plain_number(den).map_err(whole)?,
    );
    if den == 0.0 {
        return Err(AnswerError::ZeroDenominator {
            token: token.to_string(),
        });
    }
    Ok(num / den)
}

/// Reads the answer to a [`super::Kind::Number`] question as a value.
///
/// One rule for percentages in every question: where the answer is a probability,
/// `74%` (`74 %`, `７４％`) is 0.74 and a bare number from 0 to 1 is the probability
/// itself; a bare number above 1 (at most 100) is no probability as written, so it is
/// not read at all: the learner is told to write `74%` or `0.74`
/// ([`AnswerError::OverOne`]). Where the answer is not a probability, `%` is told
/// ([`AnswerError::Percent`]).
pub fn parse_number(text: &str, unit: Unit) -> Result<f64, AnswerError> {
    number_token(text, unit).map(|(v, _)| v)
}

/// [`parse_number`], with the token the value was read from (folded to ASCII).
pub(super) fn number_token(text: &str, unit: Unit) -> Result<(f64, String), AnswerError> {
    let tokens = answer_tokens(&fold(text)?);
    let token = match tokens.as_slice() {
        [] => return Err(AnswerError::Empty),
        [one] => one,
        more => return Err(AnswerError::OneNumber { count: more.len() }),
    };
    let v = match token.strip_suffix('%') {
        Some(_) if !unit.is_probability() => return Err(AnswerError::Percent),
        Some(body) => fraction(body)? / 100.0,
        None => {
            let v = fraction(token)?;
            if unit.is_probability() && v > 1.0 && v <= 100.0 {
                // No probability is above 1: surely a percentage without its sign.
                return Err(AnswerError::OverOne {
                    token: token.clone(),
                });
            }
            v
        }
    };
    Ok((v, token.clone()))
}

/// How a number was written: the power of ten of its last digit (`0.63`: -2,
/// `88.7`: -1, `9.5e-7`: -8, `74%`: -2), its significant digits, and whether it has
/// digits after its point. `None` for what is not written in digits (`inf`, `1/2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    last: i32,
    significant: usize,
    fractional: bool,
}

fn written(token: &str) -> Option<Written> {
    let (body, scale) = match token.strip_suffix('%') {
        Some(body) => (body, -2),
        None => (token, 0),
    };
    let body = body.trim_start_matches(['+', '-']);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().ok()?),
        None => (body, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = || int.bytes().chain(frac.bytes());
    if int.len() + frac.len() == 0 || !digits().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_len = i32::try_from(frac.len()).ok()?;
    Some(Written {
        last: exponent.checked_sub(frac_len)?.checked_add(scale)?,
        significant: digits().skip_while(|&b| b == b'0').count(),
        fractional: !frac.is_empty(),
    })
}

/// Whether `v`, written as `token`, is `target` given with fewer digits than a
/// question asking for `tolerance` wants: it is `target` rounded or cut at its last
/// digit written, and that last digit is coarser than the answer's precision. A lone
/// whole digit (`-1`) is too little to agree with anything.
pub(super) fn short_of(token: &str, v: f64, target: f64, tolerance: f64) -> bool {
    let Some(w) = written(token) else {
        return false;
    };
    if w.significant < 2 && !w.fractional {
        return false;
    }
    let unit = 10f64.powi(w.last);
    if !unit.is_normal() || unit <= 2.0 * tolerance {
        return false;
    }
    // `target` rounded, or cut, at the last digit written.
    let (n, k) = (v / unit, target / unit);
    [k.round(), k.trunc()]
        .iter()
        .any(|c| (n - c).abs() <= 1e-6 * c.abs().max(1.0))
}

/// Whether a number of `token` was beyond float64 as written: read as 0 though it
/// has a digit other than 0 (underflow), or as inf though it does not say so
/// (overflow).
pub(super) fn rounded_away(token: &str) -> Option<Near> {
    let token = token.strip_suffix('%').unwrap_or(token);
    token.split('/').find_map(|part| {
        let v = part.parse::<f64>().ok()?;
        let mantissa = part.split(['e', 'E']).next().unwrap_or(part);
        if v == 0.0 && mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            Some(Near::Underflow)
        } else if v.is_infinite() && !part.to_ascii_lowercase().contains("inf") {
            Some(Near::Overflow)
        } else {
            None
        }
    })
}

/// Reads the answer to a [`super::Kind::Choice`] question: the option's number (`2`, `２`,
/// `2)`, `2.`).
pub fn parse_choice(text: &str, options: u8) -> Result<u8, AnswerError> {
    let folded = fold(text)?;
    let tokens = answer_tokens(&folded);
    let token = match tokens.as_slice() {
        [] => return Err(AnswerError::Empty),
        [one] => one.trim_end_matches([')', '.']),
        _ => return Err(AnswerError::Choice { options }),
    };
    match token.parse::<u8>() {
        Ok(n) if (1..=options).contains(&n) && token.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(AnswerError::Choice { options }),
    }
}

/// Reads the answer to a [`super::Kind::Find`] question: `count` numbers (fractions allowed).
pub fn parse_values(text: &str, count: Count) -> Result<Vec<f64>, AnswerError> {
    find_tokens(text, count)?
        .iter()
        .map(|t| fraction(t))
        .collect()
}

/// The tokens of a [`super::Kind::Find`] answer, once their count is right.
pub(super) fn find_tokens(text: &str, count: Count) -> Result<Vec<String>, AnswerError> {
    let tokens = answer_tokens(&fold(text)?);
    if tokens.is_empty() {
        return Err(AnswerError::Empty);
    }
    if tokens.len() > MAX_VALUES {
        return Err(AnswerError::TooMany {
            count: tokens.len(),
            max: MAX_VALUES,
        });
    }
    if !count.admits(tokens.len()) {
        return Err(AnswerError::Count {
            expected: count,
            count: tokens.len(),
        });
    }
    // The numbers to find are inputs, not probabilities: `%` is told, as in every
    // question whose answer is not a probability.
    if tokens.iter().any(|t| t.ends_with('%')) {
        return Err(AnswerError::Percent);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_ascii_and_refuses_lookalikes() {
        assert_eq!(fold("０．５").unwrap(), "0.5");
        assert_eq!(fold("５０％").unwrap(), "50%");
        assert_eq!(fold("１／２").unwrap(), "1/2");
        assert_eq!(fold("－１　２、３").unwrap(), "-1 2,3");
        assert_eq!(fold("\u{2212}2").unwrap(), "-2");
        assert_eq!(
            fold("10²"),
            Err(AnswerError::Character { c: '²' }),
            "a superscript is not a digit"
        );
        assert_eq!(fold("½"), Err(AnswerError::Character { c: '½' }));
        assert_eq!(
            fold("1\u{1b}[2J"),
            Err(AnswerError::Character { c: '\u{1b}' })
        );
    }

    #[test]
    fn tokens_glue_fractions_and_percentages() {
        assert_eq!(answer_tokens("1 / 2"), ["1/2"]);
        assert_eq!(answer_tokens("50 %"), ["50%"]);
        assert_eq!(answer_tokens("[1010, 1000, 990]"), ["1010", "1000", "990"]);
        assert_eq!(answer_tokens("0,5"), ["0", "5"]);
        assert!(answer_tokens("  ").is_empty());
    }

    #[test]
    fn how_a_number_was_written() {
        let w = |t: &str| written(t).map(|w| (w.last, w.significant, w.fractional));
        assert_eq!(w("-0.63"), Some((-2, 2, true)));
        assert_eq!(w("88.7"), Some((-1, 3, true)));
        assert_eq!(w("9.5e-7"), Some((-8, 2, true)));
        assert_eq!(w("74%"), Some((-2, 2, false)));
        assert_eq!(w("-1"), Some((0, 1, false)));
        assert_eq!(w("inf"), None);
        assert_eq!(w("1/2"), None);
        assert_eq!(w("1e99999999999"), None, "no exponent overflow");
        // Rounded or cut at the last digit, and coarser than asked.
        assert!(short_of("-0.63", -0.63, -0.632_120_558_8, 0.0006));
        assert!(short_of("88", 88.0, 88.722_839, 0.006));
        assert!(!short_of("-1", -1.0, -0.632_120_558_8, 0.0006));
        assert!(!short_of("-0.633", -0.633, -0.632_120_558_8, 0.0006));
        assert!(!short_of("0.4", 0.4, 0.5, 1e-6));
        assert_eq!(rounded_away("1e-400"), Some(Near::Underflow));
        assert_eq!(rounded_away("-1e400"), Some(Near::Overflow));
        assert_eq!(rounded_away("0e-400"), None, "0 is 0");
        assert_eq!(rounded_away("-inf"), None, "inf as written");
        assert_eq!(rounded_away("1/1e-400"), Some(Near::Underflow));
    }

    #[test]
    fn control_characters_are_shown_by_code_point() {
        assert_eq!(shown_char('\u{1b}'), "U+001B");
        assert_eq!(shown_char('²'), "² (U+00B2)");
    }
}
