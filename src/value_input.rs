//! Reading what the learner typed: one number or a list of them.
//!
//! Full-width forms that a Japanese input method produces (`１０００`, `－３．５`,
//! `１，２`) are folded with NFKC first — but only those: the full-width and half-width
//! forms block (U+FF00–U+FFEF) and the ideographic separators. Other characters that
//! NFKC would turn into digits or signs (`²`, `㊿`, `½`) are refused by name, since
//! `10²` is not 102. Errors are values that say what was wrong; the text itself is
//! never touched here, so the input box keeps it for editing.

use unicode_normalization::UnicodeNormalization;

use crate::output::{is_invisible, push_escaped, visible};

/// The most characters the input box holds.
pub const MAX_CHARS: usize = 200;
/// The most values one evaluation takes (a softmax of 16 classes is plenty to learn from).
pub const MAX_VALUES: usize = 16;

/// What the input box keeps of a character typed or pasted into it: the character
/// itself, or, for one that is not drawn as itself (a control, format or zero-width
/// character, a line or paragraph separator, a variation selector, a Hangul filler),
/// its code written out (`\u{200b}`). So the box shows everything it holds, is as wide
/// on screen as it is measured, and the learner sees what to take out.
pub fn kept_in_the_box(c: char) -> String {
    let mut kept = String::with_capacity(4);
    if is_invisible(c) {
        push_escaped(&mut kept, c);
    } else {
        kept.push(c);
    }
    kept
}

#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    /// Nothing but separators or spaces.
    Empty,
    /// The token at `position` (1-based) is not a number. The token is as typed, with
    /// its control characters made visible.
    BadToken { token: String, position: usize },
    /// The token at `position` holds `character`, which stands for a digit or a sign
    /// without being one (a superscript, a circled number, a fraction...).
    Lookalike {
        token: String,
        position: usize,
        character: char,
    },
    /// More than [`MAX_CHARS`] characters.
    TooLong { chars: usize, max: usize },
    /// More than [`MAX_VALUES`] values.
    TooMany { count: usize, max: usize },
    /// `NAME=VALUE` where the lesson has no setting `NAME`; `names` are the ones it
    /// has (none: it takes numbers only).
    UnknownSetting {
        token: String,
        position: usize,
        names: Vec<&'static str>,
    },
    /// `NAME=VALUE` where `VALUE` is not one number; `example` is the setting
    /// written right (`n=20`).
    BadSetting {
        token: String,
        position: usize,
        example: &'static str,
    },
    /// The same setting given twice.
    SettingTwice { name: &'static str, position: usize },
    /// A number of layers that is not a whole number from 1 to `max`.
    Layers {
        token: String,
        position: usize,
        max: u32,
    },
    /// A second number where the lesson takes one number of layers.
    OneLayerCount { token: String, position: usize },
}

/// What kind of look-alike a character is, for its name in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookalikeKind {
    Superscript,
    Subscript,
    Circled,
    Parenthesized,
    WithFullStop,
    Fraction,
    Roman,
    /// Any other compatibility character.
    Other,
}

/// A character NFKC would fold into something else, outside what is folded here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    pub kind: LookalikeKind,
    /// What NFKC makes of it (`2` for `²`, `50` for `㊿`, `1/2` for `½`).
    pub plain: String,
}

/// Whether `c` is folded by NFKC here: the full-width and half-width forms and the
/// ideographic separators (space and comma).
fn folds(c: char) -> bool {
    matches!(c, '\u{ff00}'..='\u{ffef}' | '\u{3000}' | '\u{3001}')
}

/// If `c` is a compatibility character that is not folded here, what it is.
pub fn lookalike(c: char) -> Option<Lookalike> {
    if c.is_ascii() || folds(c) || c == '\u{2212}' {
        return None;
    }
    let plain: String = std::iter::once(c).nfkc().collect();
    if plain.chars().eq(std::iter::once(c)) {
        return None;
    }
    let kind = match c {
        '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{207f}' => LookalikeKind::Superscript,
        '\u{2080}'..='\u{209f}' => LookalikeKind::Subscript,
        '\u{2460}'..='\u{2473}'
        | '\u{24b6}'..='\u{24ff}'
        | '\u{3251}'..='\u{325f}'
        | '\u{32b1}'..='\u{32bf}' => LookalikeKind::Circled,
        '\u{2474}'..='\u{2487}' => LookalikeKind::Parenthesized,
        '\u{2488}'..='\u{249b}' => LookalikeKind::WithFullStop,
        '\u{bc}'..='\u{be}' | '\u{2150}'..='\u{215f}' | '\u{2189}' => LookalikeKind::Fraction,
        '\u{2160}'..='\u{2188}' => LookalikeKind::Roman,
        _ => LookalikeKind::Other,
    };
    let plain = plain.replace('\u{2044}', "/").replace('\u{2212}', "-");
    Some(Lookalike { kind, plain })
}

/// Whether `c` separates values: `,` `、` `，` `､` and any white space, full-width included.
pub fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c == ',' || c.is_ascii_whitespace();
    }
    c.is_whitespace() || matches!(c, '、' | '，' | '､')
}

/// Splits `text` into the tokens that would be parsed, as typed.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_separator).filter(|t| !t.is_empty())
}

/// Parses one token: the full-width forms folded first, then the usual float syntax
/// (`1`, `-0.5`, `1e3`, `.5`, `inf`, `-inf`, `nan`).
pub fn parse_token(token: &str) -> Option<f64> {
    if token.is_ascii() {
        return token.parse::<f64>().ok();
    }
    let mut folded = String::with_capacity(token.len());
    for c in token.chars() {
        if c == '\u{2212}' {
            folded.push('-');
        } else if folds(c) {
            folded.extend(std::iter::once(c).nfkc());
        } else {
            folded.push(c);
        }
    }
    if folded.is_empty() || folded.chars().any(|c| !c.is_ascii_graphic()) {
        return None;
    }
    folded.parse::<f64>().ok()
}

/// Why `token`, the `position`th, is not a number.
fn token_error(token: &str, position: usize) -> InputError {
    match token.chars().find(|&c| lookalike(c).is_some()) {
        Some(character) => InputError::Lookalike {
            token: visible(token).into_owned(),
            position,
            character,
        },
        None => InputError::BadToken {
            token: visible(token).into_owned(),
            position,
        },
    }
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
            None => return Err(token_error(token, i + 1)),
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
    fn only_full_width_forms_are_folded_and_look_alikes_are_named() {
        for (text, character, kind, plain) in [
            ("10²", '²', LookalikeKind::Superscript, "2"),
            ("⁻2", '⁻', LookalikeKind::Superscript, "-"),
            ("㊿", '㊿', LookalikeKind::Circled, "50"),
            ("①", '①', LookalikeKind::Circled, "1"),
            ("½", '½', LookalikeKind::Fraction, "1/2"),
            ("x₁", '₁', LookalikeKind::Subscript, "1"),
            ("Ⅻ", 'Ⅻ', LookalikeKind::Roman, "XII"),
            ("⑶", '⑶', LookalikeKind::Parenthesized, "(3)"),
            ("⒊", '⒊', LookalikeKind::WithFullStop, "3."),
            ("𝟐", '𝟐', LookalikeKind::Other, "2"),
        ] {
            assert_eq!(
                parse_values(&format!("1 {text}")),
                Err(InputError::Lookalike {
                    token: text.into(),
                    position: 2,
                    character
                }),
                "{text}"
            );
            assert_eq!(
                lookalike(character),
                Some(Lookalike {
                    kind,
                    plain: plain.into()
                })
            );
        }
        // Full-width and half-width forms fold; nothing else needs naming.
        assert_eq!(parse_values("１０，－２").unwrap(), vec![10.0, -2.0]);
        assert_eq!(lookalike('１'), None);
        assert_eq!(lookalike('あ'), None);
        assert_eq!(lookalike('7'), None);
    }

    #[test]
    fn the_box_keeps_invisible_characters_written_out() {
        assert_eq!(kept_in_the_box('1'), "1");
        assert_eq!(kept_in_the_box('あ'), "あ");
        assert_eq!(
            kept_in_the_box('\u{301}'),
            "\u{301}",
            "a combining accent is drawn"
        );
        assert_eq!(kept_in_the_box('\u{ad}'), "\\u{ad}");
        assert_eq!(kept_in_the_box('\u{200d}'), "\\u{200d}");
        assert_eq!(kept_in_the_box('\u{e0001}'), "\\u{e0001}");
    }

    #[test]
    fn control_characters_in_a_bad_token_are_made_visible() {
        assert_eq!(
            parse_values("\x1b]0;pwned\x07"),
            Err(InputError::BadToken {
                token: "\\u{1b}]0;pwned\\u{7}".into(),
                position: 1
            })
        );
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
