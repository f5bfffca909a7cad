//! Reading what the learner typed: one number or a list of them.
//!
//! Full-width forms that a Japanese input method produces (`１０００`, `－３．５`,
//! `１，２`) are folded with NFKC first — but only those: the full-width and half-width
//! forms block (U+FF00–U+FFEF) and the ideographic separators. Other characters that
//! NFKC would turn into digits or signs (`²`, `㊿`, `½`) are refused by name, since
//! `10²` is not 102. A minus sign may be any dash an input method types for one
//! (`ー１` is -1). A Python list is read as the lessons' code writes it
//! (`[0.3, 2.9, 4.0]`, `np.array([1, 2])`), and `1,000` is asked about, never
//! silently read as two values. Errors are values that say what was wrong; the
//! text itself is never touched here, so the input box keeps it for editing.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::output::{is_invisible, push_escaped, visible};

/// The most characters the input box holds.
pub const MAX_CHARS: usize = 200;
/// The most values one evaluation takes (a softmax of 16 classes is plenty to learn
/// from): the first ones are kept and evaluated, and the result says how many more
/// were left out ([`Values::left_out`]).
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
    /// The token at `position` holds a bracket of a list that is not written as one
    /// list: `[1, 2` (not closed), `[1, 2], [3]` (two lists), `np.zeros(3)`.
    List { token: String, position: usize },
    /// `1,000`: a comma right after a whole number and right before exactly three
    /// digits, which may be one number with its thousands grouped or two values.
    /// `token` is the whole group as typed; `joined` the one number (`1000`),
    /// `split` the values (`1, 000`).
    Grouping {
        token: String,
        position: usize,
        joined: String,
        split: String,
    },
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

impl InputError {
    /// The same error with the place of its token mapped by `at` (the token's place
    /// in a longer input that this one was a part of).
    pub fn renumbered(self, at: impl Fn(usize) -> usize) -> InputError {
        match self {
            InputError::BadToken { token, position } => InputError::BadToken {
                token,
                position: at(position),
            },
            InputError::Lookalike {
                token,
                position,
                character,
            } => InputError::Lookalike {
                token,
                position: at(position),
                character,
            },
            InputError::List { token, position } => InputError::List {
                token,
                position: at(position),
            },
            InputError::Grouping {
                token,
                position,
                joined,
                split,
            } => InputError::Grouping {
                token,
                position: at(position),
                joined,
                split,
            },
            e => e,
        }
    }
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
    if c.is_ascii() || folds(c) || is_dash(c) {
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

/// Whether `c` is a dash that is typed for a minus sign and read as one: the
/// long-vowel mark a Japanese input method gives for `-` (`ー`, and its half-width
/// form `ｰ`), the hyphens and dashes U+2010 to U+2015, the minus sign U+2212, the
/// small hyphen-minus U+FE63 and the small em dash U+FE58.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{30fc}' | '\u{ff70}' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{fe58}'
    )
}

/// Parses one token: the full-width forms folded first and dashes read as minus
/// signs, then the usual float syntax (`1`, `-0.5`, `1e3`, `.5`, `inf`, `-inf`, `nan`).
pub fn parse_token(token: &str) -> Option<f64> {
    if token.is_ascii() {
        return token.parse::<f64>().ok();
    }
    let mut folded = String::with_capacity(token.len());
    for c in token.chars() {
        if is_dash(c) {
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

/// Whether `c` is a bracket of a list, a tuple or a call, half- or full-width.
fn is_bracket(c: char) -> bool {
    matches!(
        c,
        '[' | ']' | '(' | ')' | '\u{ff3b}' | '\u{ff3d}' | '\u{ff08}' | '\u{ff09}'
    )
}

/// Whether `token` is a number or nothing once its brackets and a call name
/// (`np.array`) are taken out: a piece of a list written otherwise than as one.
fn piece_of_a_list(token: &str) -> bool {
    if !token.chars().any(is_bracket) {
        return false;
    }
    let bare: String = token.chars().filter(|&c| !is_bracket(c)).collect();
    let bare = ARRAY_CALLS
        .iter()
        .find_map(|name| bare.strip_prefix(name))
        .unwrap_or(&bare);
    bare.is_empty() || parse_token(bare).is_some()
}

/// Why `token`, the `position`th, is not a number.
fn token_error(token: &str, position: usize) -> InputError {
    let token_shown = visible(token).into_owned();
    if piece_of_a_list(token) {
        return InputError::List {
            token: token_shown,
            position,
        };
    }
    match token.chars().find(|&c| lookalike(c).is_some()) {
        Some(character) => InputError::Lookalike {
            token: token_shown,
            position,
            character,
        },
        None => InputError::BadToken {
            token: token_shown,
            position,
        },
    }
}

/// The names of the calls that make an array of a list, as NumPy code writes them.
const ARRAY_CALLS: [&str; 6] = [
    "np.array",
    "numpy.array",
    "np.asarray",
    "numpy.asarray",
    "array",
    "asarray",
];

/// The text with one Python list written out of it: the brackets of `[0.3, 2.9,
/// 4.0]`, of a tuple `(1, 2)` and of `np.array([1, 2])` (also `numpy.array`,
/// `np.asarray`, `array`), call name included, become spaces, so that what is left
/// reads as numbers separated by spaces. One list only, one pair of each kind of
/// bracket at most, properly nested: anything else is left as it is, and the token
/// holding a bracket is then named by [`InputError::List`]. Characters keep their
/// places (one space for each), so tokens are numbered as typed.
pub fn without_list(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_bracket) {
        return Cow::Borrowed(text);
    }
    let mut chars: Vec<char> = text.chars().collect();
    // The call names right before an opening parenthesis.
    let mut i = 0;
    while i < chars.len() {
        let call = ARRAY_CALLS.iter().find_map(|name| {
            let n = name.chars().count();
            let matches = chars.len() >= i + n && chars[i..i + n].iter().copied().eq(name.chars());
            // A whole name: not the end of a longer one (`xarray`).
            let starts = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '.');
            let after = chars[(i + n).min(chars.len())..]
                .iter()
                .find(|c| !c.is_whitespace());
            (matches && starts && matches!(after, Some('(' | '\u{ff08}'))).then_some(n)
        });
        match call {
            Some(n) => {
                for c in &mut chars[i..i + n] {
                    *c = ' ';
                }
                i += n;
            }
            None => i += 1,
        }
    }
    let brackets: Vec<(usize, char)> = chars
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, c)| is_bracket(c))
        .collect();
    let kind = |c: char| match c {
        '[' | ']' | '\u{ff3b}' | '\u{ff3d}' => 0,
        _ => 1,
    };
    let opens = |c: char| matches!(c, '[' | '(' | '\u{ff3b}' | '\u{ff08}');
    // Opening brackets, then closing ones in the reverse order, nothing else
    // between two opening (or two closing) brackets but spaces, and a kind at most
    // once: `[...]`, `(...)`, `([...])`, `[(...)]`.
    let half = brackets.len() / 2;
    let well_formed = brackets.len().is_multiple_of(2)
        && half <= 2
        && brackets[..half].iter().all(|&(_, c)| opens(c))
        && brackets[half..].iter().all(|&(_, c)| !opens(c))
        && (0..half).all(|k| kind(brackets[k].1) == kind(brackets[brackets.len() - 1 - k].1))
        && (half < 2 || kind(brackets[0].1) != kind(brackets[1].1))
        && brackets
            .windows(2)
            .enumerate()
            .filter(|(k, _)| *k + 1 != half)
            .all(|(_, pair)| {
                chars[pair[0].0 + 1..pair[1].0]
                    .iter()
                    .all(|c| c.is_whitespace())
            });
    if !well_formed {
        return Cow::Borrowed(text);
    }
    for &(i, _) in &brackets {
        chars[i] = ' ';
    }
    Cow::Owned(chars.into_iter().collect())
}

/// Whether `c` is a digit, half- or full-width.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{ff10}'..='\u{ff19}').contains(&c)
}

/// The first `1,000` of `text`, if any: a comma (`,` or `，`, never `、`) right
/// after a whole number (digits, with no decimal point or exponent before them)
/// and right before exactly three digits, with no space on either side. That is one
/// number with its thousands grouped, or two values: asked, never guessed.
pub fn grouping(text: &str) -> Option<InputError> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let comma = |c: char| c == ',' || c == '\u{ff0c}';
    let digit_at = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_digit(c));
    // Exactly three digits from `k`: no fourth one after them.
    let three_from = |k: usize| (k..k + 3).all(digit_at) && !digit_at(k + 3);
    for k in 1..chars.len() {
        if !comma(chars[k].1) || !digit_at(k - 1) || !three_from(k + 1) {
            continue;
        }
        // The whole number before the comma: the digits back to the token's start
        // (or a sign); a decimal point or an exponent there makes it no grouping.
        let mut start = k - 1;
        while start > 0 && digit_at(start - 1) {
            start -= 1;
        }
        // A sign of its own, at the token's start (not the exponent's of `1e-7`).
        let sign = |c: char| is_dash(c) || matches!(c, '-' | '+' | '\u{ff0b}' | '\u{ff0d}');
        if start > 0 && sign(chars[start - 1].1) {
            start -= 1;
        }
        let opens_a_token =
            |c: char| is_separator(c) || is_bracket(c) || matches!(c, '=' | '\u{ff1d}');
        if start > 0 && !opens_a_token(chars[start - 1].1) {
            continue;
        }
        // The token, from its start (a setting's name included) to its end.
        let mut from = start;
        while from > 0 && !is_separator(chars[from - 1].1) && !is_bracket(chars[from - 1].1) {
            from -= 1;
        }
        let mut end = k + 4;
        while end < chars.len() {
            let c = chars[end].1;
            if comma(c) && three_from(end + 1) {
                end += 4;
            } else if !is_separator(c) && !is_bracket(c) {
                end += 1;
            } else {
                break;
            }
        }
        let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
        let token = &text[byte(from)..byte(end)];
        let position = tokens(&text[..byte(k)]).count();
        let joined: String = token.chars().filter(|&c| !comma(c)).collect();
        let split: String = token
            .chars()
            .flat_map(|c| {
                let space = comma(c).then_some(' ');
                std::iter::once(c).chain(space)
            })
            .collect();
        return Some(InputError::Grouping {
            token: visible(token).into_owned(),
            position,
            joined: visible(&joined).into_owned(),
            split: visible(&split).into_owned(),
        });
    }
    None
}

/// Parses a whole input: one or more values, or one Python list of them
/// ([`without_list`]). Past [`MAX_VALUES`], the first ones are kept and the rest
/// counted ([`Values::left_out`]); every value is read, so an error anywhere is told.
pub fn parse_values(text: &str) -> Result<Values, InputError> {
    let mut values = parse_all(text)?;
    values.keep(MAX_VALUES);
    Ok(values)
}

/// Parses a whole input as [`parse_values`] does, keeping every value (for
/// `kasseika eval`, which takes any number).
pub fn parse_all(text: &str) -> Result<Values, InputError> {
    let chars = text.chars().count();
    if chars > MAX_CHARS {
        return Err(InputError::TooLong {
            chars,
            max: MAX_CHARS,
        });
    }
    let text = without_list(text);
    if let Some(e) = grouping(&text) {
        return Err(e);
    }
    let mut values = Vec::new();
    for (i, token) in tokens(&text).enumerate() {
        match parse_token(token) {
            Some(v) => values.push(v),
            None => return Err(token_error(token, i + 1)),
        }
    }
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(Values::new(values, tokens(&text)))
}

/// The numbers read from an input, each with the text it was read from (so that a
/// lesson can tell `inf` typed as such from `1e400`, a number too large for float64).
/// Two `Values` are equal when they hold the same numbers, however they were written.
#[derive(Debug, Clone, Default)]
pub struct Values {
    numbers: Vec<f64>,
    written: Vec<String>,
    left_out: usize,
}

impl Values {
    fn new<'a>(numbers: Vec<f64>, written: impl Iterator<Item = &'a str>) -> Values {
        let written = written.map(str::to_string).collect();
        Values {
            numbers,
            written,
            left_out: 0,
        }
    }

    /// Keeps the first `max` values; the others are counted in [`Values::left_out`].
    fn keep(&mut self, max: usize) {
        if self.numbers.len() > max {
            self.left_out += self.numbers.len() - max;
            self.numbers.truncate(max);
            self.written.truncate(max);
        }
    }

    /// How many values past [`MAX_VALUES`] were read and left out.
    pub fn left_out(&self) -> usize {
        self.left_out
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
            parse_values("1-2"),
            Err(InputError::BadToken {
                token: "1-2".into(),
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

    #[test]
    fn a_dash_typed_for_a_minus_is_a_minus() {
        // The long-vowel mark a Japanese input method types for `-`, full- and
        // half-width, hyphens, dashes and the minus sign.
        for text in [
            "ー１", "ー1", "ｰ1", "‐1", "‑1", "‒1", "–1", "—1", "―1", "−1", "﹣1", "﹘1", "－１",
        ] {
            assert_eq!(parse_values(text).unwrap(), vec![-1.0], "{text}");
        }
        assert_eq!(parse_values("1eー3, ー.5").unwrap(), vec![0.001, -0.5]);
        assert_eq!(parse_values("ーinf").unwrap(), vec![f64::NEG_INFINITY]);
        // A dash in the middle of a number is still no number.
        assert_eq!(
            parse_values("1ー2"),
            Err(InputError::BadToken {
                token: "1ー2".into(),
                position: 1
            })
        );
        assert_eq!(lookalike('﹣'), None, "read as a minus, not named");
    }

    #[test]
    fn a_python_list_is_read_as_the_code_writes_it() {
        let softmax = vec![0.3, 2.9, 4.0];
        for text in [
            "[0.3, 2.9, 4.0]",
            "[0.3,2.9,4.0]",
            " [ 0.3, 2.9, 4.0, ] ",
            "np.array([0.3, 2.9, 4.0])",
            "numpy.array([0.3, 2.9, 4.0])",
            "np.array ( [0.3, 2.9, 4.0] )",
            "np.asarray([0.3, 2.9, 4.0])",
            "array([0.3, 2.9, 4.0])",
            "(0.3, 2.9, 4.0)",
            "［０．３，　２．９，　４．０］",
            "np.array（［0.3, 2.9, 4.0］）",
        ] {
            assert_eq!(parse_values(text).unwrap(), softmax, "{text}");
        }
        let values = parse_values("[1e400, -2]").unwrap();
        assert_eq!(values.written(0), Some("1e400"), "the token as typed");
        assert_eq!(parse_values("[]"), Err(InputError::Empty));
        assert_eq!(parse_values("np.array([])"), Err(InputError::Empty));
    }

    #[test]
    fn a_list_written_otherwise_is_named_with_how_to_write_one() {
        for (text, token, position) in [
            ("[1, 2", "[1", 1),
            ("1, 2]", "2]", 2),
            ("[1, 2], [3]", "[1", 1),
            ("[[1, 2]]", "[[1", 1),
            ("np.array([1, 2)]", "np.array([1", 1),
            ("((1, 2))", "((1", 1),
            ("[1, (2), 3]", "[1", 1),
        ] {
            assert_eq!(
                parse_values(text),
                Err(InputError::List {
                    token: token.into(),
                    position
                }),
                "{text}"
            );
        }
        // Not a list at all: named as any other token.
        for (text, token) in [("np.zeros(3)", "np.zeros"), ("xarray([1])", "xarray")] {
            assert_eq!(
                parse_values(text),
                Err(InputError::BadToken {
                    token: token.into(),
                    position: 1
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn a_comma_before_three_digits_is_asked_about() {
        for (text, token, position, joined, split) in [
            ("1,000", "1,000", 1, "1000", "1, 000"),
            ("-1,000", "-1,000", 1, "-1000", "-1, 000"),
            ("ー1,000", "ー1,000", 1, "ー1000", "ー1, 000"),
            ("2, 1,000,000", "1,000,000", 2, "1000000", "1, 000, 000"),
            ("1,000.5", "1,000.5", 1, "1000.5", "1, 000.5"),
            ("[1,000, 2]", "1,000", 1, "1000", "1, 000"),
            ("１，０００", "１，０００", 1, "１０００", "１， ０００"),
            ("0,001", "0,001", 1, "0001", "0, 001"),
        ] {
            assert_eq!(
                parse_values(text),
                Err(InputError::Grouping {
                    token: token.into(),
                    position,
                    joined: joined.into(),
                    split: split.into(),
                }),
                "{text}"
            );
        }
        // Not a grouping: a space, another count of digits, a decimal number or an
        // exponent before the comma, the ideographic comma.
        for (text, values) in [
            ("1, 000", vec![1.0, 0.0]),
            ("1 ,000", vec![1.0, 0.0]),
            ("1,00", vec![1.0, 0.0]),
            ("1,0000", vec![1.0, 0.0]),
            ("1,2,3", vec![1.0, 2.0, 3.0]),
            ("0.5,100", vec![0.5, 100.0]),
            ("1e3,100", vec![1000.0, 100.0]),
            ("1e-7,100", vec![1e-7, 100.0]),
            ("1e+7,100", vec![1e7, 100.0]),
            ("1、000", vec![1.0, 0.0]),
            ("inf,100", vec![f64::INFINITY, 100.0]),
        ] {
            assert_eq!(parse_values(text).unwrap(), values, "{text}");
        }
        assert!(matches!(
            parse_values("x1,000"),
            Err(InputError::BadToken { .. })
        ));
        // A setting's value too (`s=1,000` is not s=1 and a value 0).
        assert!(matches!(
            grouping("s=1,000"),
            Some(InputError::Grouping { .. })
        ));
    }

    #[test]
    fn past_the_most_values_the_first_are_kept_and_the_rest_counted() {
        let text: Vec<String> = (1..=MAX_VALUES + 4).map(|k| k.to_string()).collect();
        let values = parse_values(&text.join(" ")).unwrap();
        assert_eq!(values.len(), MAX_VALUES);
        assert_eq!(values[MAX_VALUES - 1], MAX_VALUES as f64);
        assert_eq!(values.left_out(), 4);
        assert_eq!(values.written(MAX_VALUES), None);
        // Every value is still read: a bad one past the most is told.
        let mut bad = text.clone();
        bad.push("x".into());
        assert!(matches!(
            parse_values(&bad.join(" ")),
            Err(InputError::BadToken { position, .. }) if position == MAX_VALUES + 5
        ));
        // `kasseika eval` keeps them all.
        assert_eq!(parse_all(&text.join(" ")).unwrap().len(), MAX_VALUES + 4);
        assert_eq!(parse_values("1 2").unwrap().left_out(), 0);
    }
}
