//! Reading what the learner typed: one number or a list of them.
//!
//! Full-width forms that a Japanese input method produces (`１０００`, `－３．５`,
//! `１，２`) are folded with NFKC first. Errors are values that say what was wrong;
//! the text itself is never touched here, so the input box keeps it for editing.

use unicode_normalization::UnicodeNormalization;

/// The most characters the input box holds.
pub const MAX_CHARS: usize = 200;
/// The most values one evaluation takes (a softmax of 16 classes is plenty to learn from).
pub const MAX_VALUES: usize = 16;

#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// Nothing but separators or spaces.
    Empty,
    /// The token (as typed) at `position` (1-based) is not a number.
    BadToken { token: String, position: usize },
    /// More than [`MAX_CHARS`] characters.
    TooLong { chars: usize, max: usize },
    /// More than [`MAX_VALUES`] values.
    TooMany { count: usize, max: usize },
}

/// Whether `c` separates values: `,` `、` `，` and any white space, full-width included.
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c == ',' || c.is_ascii_whitespace();
    }
    if c.is_whitespace() {
        return true;
    }
    let mut folded = std::iter::once(c).nfkc();
    matches!(
        (folded.next(), folded.next()),
        (Some(',' | '、' | '､'), None) | (Some(' '), None)
    )
}

/// Splits `text` into the tokens that would be parsed, as typed.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_separator).filter(|t| !t.is_empty())
}

/// Parses one token: NFKC first, then the usual float syntax
/// (`1`, `-0.5`, `1e3`, `.5`, `inf`, `-inf`, `nan`).
pub fn parse_token(token: &str) -> Option<f64> {
    if token.is_ascii() {
        // NFKC leaves ASCII as it is.
        return token.parse::<f64>().ok();
    }
    let folded: String = token
        .nfkc()
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if folded.is_empty() || folded.chars().any(|c| !c.is_ascii_graphic()) {
        return None;
    }
    folded.parse::<f64>().ok()
}

/// Parses a whole input: one or more values.
pub fn parse_values(text: &str) -> Result<Values, InputError> {
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(InputError::TooLong {
            chars,
            max: MAX_CHARS,
        });
    }
    let mut values = Vec::new();
    for (i, token) in tokens(text).enumerate() {
        match parse_token(token) {
            Some(v) => values.push(v),
            None => {
                return Err(InputError::BadToken {
                    token: token.to_string(),
                    position: i + 1,
                });
            }
        }
    }
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    if values.len() > MAX_VALUES {
        return Err(InputError::TooMany {
            count: values.len(),
            max: MAX_VALUES,
        });
    }
    Ok(Values::new(values, tokens(text)))
}

/// The numbers read from an input, each with the text it was read from (so that a
/// lesson can tell `inf` typed as such from `1e400`, a number too large for float64).
/// Two `Values` are equal when they hold the same numbers, however they were written.
#[derive(Debug, Clone, Default)]
pub struct Values {
    numbers: Vec<f64>,
    written: Vec<String>,
}

impl Values {
    fn new<'a>(numbers: Vec<f64>, written: impl Iterator<Item = &'a str>) -> Values {
        let written = written.map(str::to_string).collect();
        Values { numbers, written }
    }

    pub fn numbers(&self) -> &[f64] {
        &self.numbers
    }

    /// The token the `index`-th number was read from, as typed.
    pub fn written(&self, index: usize) -> Option<&str> {
        self.written.get(index).map(String::as_str)
    }
}

impl std::ops::Deref for Values {
    type Target = [f64];
    fn deref(&self) -> &[f64] {
        &self.numbers
    }
}

impl PartialEq for Values {
    fn eq(&self, other: &Values) -> bool {
        self.numbers == other.numbers
    }
}

impl PartialEq<Vec<f64>> for Values {
    fn eq(&self, other: &Vec<f64>) -> bool {
        &self.numbers == other
    }
}

impl IntoIterator for Values {
    type Item = f64;
    type IntoIter = std::vec::IntoIter<f64>;
    fn into_iter(self) -> Self::IntoIter {
        self.numbers.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_of_the_brief() {
        assert_eq!(parse_values("1").unwrap(), vec![1.0]);
        assert_eq!(parse_values("-0.5").unwrap(), vec![-0.5]);
        assert_eq!(parse_values("1e3").unwrap(), vec![1000.0]);
        assert_eq!(parse_values(".5").unwrap(), vec![0.5]);
        assert_eq!(
            parse_values("inf -inf").unwrap(),
            vec![f64::INFINITY, f64::NEG_INFINITY]
        );
        assert!(parse_values("nan").unwrap()[0].is_nan());
        assert_eq!(
            parse_values("1, 2、3，4 5\t6").unwrap(),
            vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
        );
    }

    #[test]
    fn folds_full_width_input() {
        assert_eq!(parse_values("１０００").unwrap(), vec![1000.0]);
        assert_eq!(parse_values("－３．５").unwrap(), vec![-3.5]);
        assert_eq!(parse_values("１，２").unwrap(), vec![1.0, 2.0]);
        assert_eq!(parse_values("１　２").unwrap(), vec![1.0, 2.0]);
        assert_eq!(parse_values("１ｅ３").unwrap(), vec![1000.0]);
        assert_eq!(parse_values("\u{2212}2").unwrap(), vec![-2.0]);
    }

    #[test]
    fn names_the_bad_token_as_typed() {
        assert_eq!(
            parse_values("1, ２x, 3"),
            Err(InputError::BadToken {
                token: "２x".into(),
                position: 2
            })
        );
        assert_eq!(
            parse_values("ー3"),
            Err(InputError::BadToken {
                token: "ー3".into(),
                position: 1
            })
        );
        assert!(matches!(
            parse_values("0x10"),
            Err(InputError::BadToken { .. })
        ));
        assert!(matches!(
            parse_values("1_000"),
            Err(InputError::BadToken { .. })
        ));
    }

    #[test]
    fn empty_and_caps() {
        assert_eq!(parse_values(""), Err(InputError::Empty));
        assert_eq!(parse_values(" ,、 "), Err(InputError::Empty));
        let many = vec!["1"; MAX_VALUES + 1].join(",");
        assert_eq!(
            parse_values(&many),
            Err(InputError::TooMany {
                count: MAX_VALUES + 1,
                max: MAX_VALUES
            })
        );
        let long = "1".repeat(MAX_CHARS + 1);
        assert_eq!(
            parse_values(&long),
            Err(InputError::TooLong {
                chars: MAX_CHARS + 1,
                max: MAX_CHARS
            })
        );
        assert_eq!(
            parse_values(&vec!["1"; MAX_VALUES].join(","))
                .unwrap()
                .len(),
            MAX_VALUES
        );
    }
}
