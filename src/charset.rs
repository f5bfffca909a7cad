//! The terminal's character set, from the locale: what bytes its text must be in.
//!
//! A UTF-8 terminal gets UTF-8. The two Japanese encodings still met on older systems,
//! EUC-JP and Shift_JIS, get their own bytes (through `encoding_rs`), in both
//! directions: what is written is encoded, what is typed is decoded. Anything else
//! (`C`, `POSIX`, Latin-1...) is taken as ASCII: whatever it cannot show is written as
//! `?`, one for each column the character would take, so the layout stays in place.

use crate::width::CharWidth;
use encoding_rs::{EUC_JP, Encoding, SHIFT_JIS};

/// The character set of a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    EucJp,
    ShiftJis,
    /// Any other character set: only ASCII is written.
    Ascii,
}

impl Charset {
    /// The locale's character set, from `LC_ALL`, `LC_CTYPE`, `LANG` (the first that
    /// is set). Nothing set at all is taken as UTF-8, which is what terminals without
    /// a locale almost always are; `ja_JP` without a codeset is EUC-JP (as in glibc).
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Charset {
        let Some(value) = ["LC_ALL", "LC_CTYPE", "LANG"]
            .into_iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))
        else {
            return Charset::Utf8;
        };
        let base = value.split('@').next().unwrap_or("");
        let Some((_, codeset)) = base.split_once('.') else {
            return if base.starts_with("ja_JP") || base == "ja" {
                Charset::EucJp
            } else {
                Charset::Ascii
            };
        };
        let codeset: String = codeset
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match codeset.as_str() {
            "utf8" => Charset::Utf8,
            "eucjp" | "ujis" => Charset::EucJp,
            "sjis" | "shiftjis" | "pck" | "cp932" | "windows31j" | "ms932" => Charset::ShiftJis,
            _ => Charset::Ascii,
        }
    }

    /// The locale's character set as the locale names it (`ISO-8859-1`, from
    /// `en_US.ISO-8859-1`), for messages: `ASCII` for `C` and `POSIX`, the locale
    /// itself when it names no character set. Control characters are written out.
    pub fn locale_name(env: impl Fn(&str) -> Option<String>) -> String {
        let Some(value) = ["LC_ALL", "LC_CTYPE", "LANG"]
            .into_iter()
            .find_map(|k| env(k).filter(|v| !v.is_empty()))
        else {
            return Charset::Utf8.name().into();
        };
        let base = value.split('@').next().unwrap_or("");
        let name = match base.split_once('.') {
            Some((_, codeset)) if !codeset.is_empty() => codeset,
            _ if matches!(base, "C" | "POSIX") => Charset::Ascii.name(),
            _ => base,
        };
        let short: String = name.chars().take(40).collect();
        crate::output::visible(&short).into_owned()
    }

    /// The name shown in messages.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::EucJp => "EUC-JP",
            Charset::ShiftJis => "Shift_JIS",
            Charset::Ascii => "ASCII",
        }
    }

    /// Whether Japanese text can be shown.
    pub fn shows_japanese(self) -> bool {
        self != Charset::Ascii
    }

    /// Whether the terminal takes UTF-8 as it is.
    pub fn is_utf8(self) -> bool {
        self == Charset::Utf8
    }

    fn encoding(self) -> Option<&'static Encoding> {
        match self {
            Charset::EucJp => Some(EUC_JP),
            Charset::ShiftJis => Some(SHIFT_JIS),
            Charset::Utf8 | Charset::Ascii => None,
        }
    }

    /// `text` in this character set. A character the set lacks becomes `?`, once for
    /// each column it takes; so does a narrow non-ASCII character in EUC-JP and
    /// Shift_JIS, whose terminals draw every two-byte character two columns wide.
    pub fn encode<'a>(self, text: &'a str) -> std::borrow::Cow<'a, [u8]> {
        if self == Charset::Utf8 || text.is_ascii() {
            return std::borrow::Cow::Borrowed(text.as_bytes());
        }
        let mut out = Vec::with_capacity(text.len());
        let mut encoder = self.encoding().map(Encoding::new_encoder);
        let mut one = [0u8; 4];
        let mut bytes = [0u8; 8];
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c as u8);
                continue;
            }
            let width = c.width().unwrap_or(0);
            let half_width_kana = ('\u{FF61}'..='\u{FF9F}').contains(&c);
            if let Some(encoder) = encoder.as_mut()
                && (width == 2 || half_width_kana)
            {
                let (result, _, written) = encoder.encode_from_utf8_without_replacement(
                    c.encode_utf8(&mut one),
                    &mut bytes,
                    false,
                );
                if result == encoding_rs::EncoderResult::InputEmpty {
                    out.extend_from_slice(&bytes[..written]);
                    continue;
                }
            }
            out.extend(std::iter::repeat_n(b'?', width));
        }
        std::borrow::Cow::Owned(out)
    }

    /// `bytes` in this character set as text (malformed bytes as U+FFFD); `None` when
    /// the bytes are taken as UTF-8 (see [`Charset::decoder`]).
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        self.encoding()
            .map(|e| e.decode_without_bom_handling(bytes).0.into_owned())
    }

    /// A decoder from this character set to UTF-8, for what the learner types; `None`
    /// when the bytes are taken as UTF-8 already (an ASCII locale on a UTF-8 terminal
    /// is common enough, and ASCII is UTF-8).
    pub fn decoder(self) -> Option<encoding_rs::Decoder> {
        self.encoding()
            .map(Encoding::new_decoder_without_bom_handling)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_of;

    #[test]
    fn charset_from_the_locale() {
        let of = |pairs: &[(&str, &str)]| Charset::from_env(env_of(pairs));
        assert_eq!(of(&[("LANG", "ja_JP.UTF-8")]), Charset::Utf8);
        assert_eq!(of(&[("LANG", "en_US.utf8")]), Charset::Utf8);
        assert_eq!(of(&[("LC_ALL", "C.UTF-8"), ("LANG", "C")]), Charset::Utf8);
        assert_eq!(of(&[("LANG", "C")]), Charset::Ascii);
        assert_eq!(
            of(&[("LC_ALL", "POSIX"), ("LANG", "ja_JP.UTF-8")]),
            Charset::Ascii
        );
        assert_eq!(of(&[("LC_CTYPE", "ja_JP.eucJP")]), Charset::EucJp);
        assert_eq!(of(&[("LANG", "ja_JP.EUC-JP")]), Charset::EucJp);
        assert_eq!(of(&[("LANG", "ja_JP.ujis")]), Charset::EucJp);
        assert_eq!(of(&[("LANG", "ja_JP")]), Charset::EucJp);
        assert_eq!(of(&[("LANG", "ja_JP.SJIS")]), Charset::ShiftJis);
        assert_eq!(of(&[("LANG", "ja_JP.Shift_JIS")]), Charset::ShiftJis);
        assert_eq!(of(&[("LANG", "en_US.ISO-8859-1")]), Charset::Ascii);
        assert_eq!(of(&[("LANG", "en_US")]), Charset::Ascii);
        assert_eq!(
            of(&[("LC_ALL", ""), ("LANG", "de_DE.UTF-8@euro")]),
            Charset::Utf8
        );
        assert_eq!(of(&[]), Charset::Utf8, "nothing set: taken as UTF-8");
    }

    #[test]
    fn the_locales_own_name_for_its_character_set() {
        let of = |pairs: &[(&str, &str)]| Charset::locale_name(env_of(pairs));
        assert_eq!(of(&[("LANG", "en_US.ISO-8859-1")]), "ISO-8859-1");
        assert_eq!(of(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]), "ASCII");
        assert_eq!(of(&[("LANG", "POSIX")]), "ASCII");
        assert_eq!(of(&[("LANG", "de_DE@euro")]), "de_DE");
        assert_eq!(of(&[("LANG", "x.\x1b]0;t\x07")]), "\\u{1b}]0;t\\u{7}");
        assert_eq!(of(&[]), "UTF-8");
    }

    #[test]
    fn japanese_is_encoded_and_what_does_not_fit_keeps_its_width() {
        let text = "\x1b[1;1H活性化 ｶﾅ → ⠿ x";
        assert_eq!(Charset::Utf8.encode(text).as_ref(), text.as_bytes());
        let euc = Charset::EucJp.encode(text);
        let (back, _, bad) = EUC_JP.decode(&euc);
        assert!(!bad);
        assert_eq!(back, "\x1b[1;1H活性化 ｶﾅ ? ? x");
        let sjis = Charset::ShiftJis.encode(text);
        let (back, _, bad) = SHIFT_JIS.decode(&sjis);
        assert!(!bad);
        assert_eq!(back, "\x1b[1;1H活性化 ｶﾅ ? ? x");
        assert_eq!(
            Charset::Ascii.encode(text).as_ref(),
            b"\x1b[1;1H?????? ?? ? ? x"
        );
        // A wide character the encodings lack (a CJK extension B ideograph).
        assert_eq!(Charset::EucJp.encode("\u{20B9F}").as_ref(), b"??");
    }
}
