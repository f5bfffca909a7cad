//! Languages: choosing one, loading the Fluent texts strictly, looking messages up.

use std::fmt;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/ftl_files.rs"));

/// Marks a message that could not be found or formatted, so tests can find it on screen.
pub const MISSING: char = '\u{FFFD}';

/// The languages kasseika speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    En,
    Ja,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The code used on the command line and as the folder name under `i18n/`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The other language (the `L` key).
    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::Ja,
            Lang::Ja => Lang::En,
        }
    }

    /// The available codes, for messages: `en, ja`.
    pub fn available() -> String {
        Lang::ALL.map(Lang::code).join(", ")
    }
}

/// A language asked for on the command line that kasseika does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLang(pub String);

/// Picks the language: `--lang` first, then the locale variables in order
/// (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`), then English.
///
/// `env` reads a variable; it is a parameter so that tests never touch the real
/// environment. `C` and `POSIX` mean no preference; a locale in a language we do not
/// have means English.
pub fn negotiate(
    cli: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Lang, UnknownLang> {
    if let Some(asked) = cli {
        return language_of(asked)
            .and_then(|l| Lang::from_code(&l))
            .ok_or_else(|| UnknownLang(asked.to_string()));
    }
    for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        let Some(value) = env(var) else { continue };
        let mut preferences = value
            .split(':')
            .filter(|v| !v.is_empty() && !is_c_locale(v))
            .peekable();
        if preferences.peek().is_none() {
            continue;
        }
        return Ok(preferences
            .filter_map(language_of)
            .find_map(|l| Lang::from_code(&l))
            .unwrap_or(Lang::En));
    }
    Ok(Lang::En)
}

/// `C`, `POSIX`, and their codeset forms (`C.UTF-8`) name no language.
pub fn is_c_locale(value: &str) -> bool {
    let base = value.split(['.', '@']).next().unwrap_or("");
    base == "C" || base == "POSIX"
}

/// The language subtag of a locale name: `ja_JP.UTF-8@mod` -> `ja`.
fn language_of(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next()?.replace('_', "-");
    let id: LanguageIdentifier = base.parse().ok()?;
    Some(id.language.as_str().to_ascii_lowercase())
}

/// Why the embedded texts could not be loaded. Any error is fatal: Fluent drops a
/// broken message silently otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Parse { file: String, errors: Vec<String> },
    Add { file: String, errors: Vec<String> },
    NoFiles { lang: &'static str },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Parse { file, errors } => {
                write!(f, "{file}: Fluent syntax errors: {}", errors.join("; "))
            }
            LoadError::Add { file, errors } => {
                write!(f, "{file}: could not add messages: {}", errors.join("; "))
            }
            LoadError::NoFiles { lang } => write!(f, "no texts for language '{lang}'"),
        }
    }
}

impl std::error::Error for LoadError {}

type Bundle = FluentBundle<FluentResource>;

/// Both languages' messages, shared (it is `Send + Sync`). A language is parsed
/// when it is first needed, or up front with [`Localizer::from_sources`].
pub struct Localizer {
    /// (language, file name, source)
    sources: Vec<(String, String, String)>,
    bundles: [OnceLock<Result<Bundle, LoadError>>; 2],
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Localizer")
    }
}

fn load(sources: &[(String, String, String)], lang: Lang) -> Result<Bundle, LoadError> {
    let langid: LanguageIdentifier = lang.code().parse().expect("static language code");
    let mut bundle = Bundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    let mut any = false;
    for (_, name, source) in sources.iter().filter(|(l, _, _)| l == lang.code()) {
        let file = format!("i18n/{}/{name}", lang.code());
        let resource =
            FluentResource::try_new(source.clone()).map_err(|(_, e)| LoadError::Parse {
                file: file.clone(),
                errors: e.iter().map(ToString::to_string).collect(),
            })?;
        bundle.add_resource(resource).map_err(|e| LoadError::Add {
            file: file.clone(),
            errors: e.iter().map(ToString::to_string).collect(),
        })?;
        any = true;
    }
    if any {
        Ok(bundle)
    } else {
        Err(LoadError::NoFiles { lang: lang.code() })
    }
}

impl Localizer {
    fn unloaded(sources: &[(&str, &str, &str)]) -> Localizer {
        Localizer {
            sources: sources
                .iter()
                .map(|(l, n, s)| (l.to_string(), n.to_string(), s.to_string()))
                .collect(),
            bundles: [OnceLock::new(), OnceLock::new()],
        }
    }

    fn slot(&self, lang: Lang) -> &OnceLock<Result<Bundle, LoadError>> {
        &self.bundles[lang as usize]
    }

    /// Parses `lang` now if it is not parsed yet.
    fn load(&self, lang: Lang) -> Result<&Bundle, &LoadError> {
        self.slot(lang)
            .get_or_init(|| load(&self.sources, lang))
            .as_ref()
    }

    /// The texts built into the binary, both languages checked now.
    pub fn embedded() -> Result<Localizer, LoadError> {
        Localizer::from_sources(FTL_FILES)
    }

    /// The texts built into the binary, `first` parsed now and the other language
    /// when it is first shown (half the start-up work). The embedded texts are
    /// checked by the tests, so the other language cannot fail later.
    pub fn embedded_starting_with(first: Lang) -> Result<Localizer, LoadError> {
        let loc = Localizer::unloaded(FTL_FILES);
        loc.load(first).map_err(Clone::clone)?;
        Ok(loc)
    }

    /// Loads `(language, file name, source)` triples strictly: a syntax error, a
    /// duplicate id, or a language with no files is an error.
    pub fn from_sources(sources: &[(&str, &str, &str)]) -> Result<Localizer, LoadError> {
        let loc = Localizer::unloaded(sources);
        for lang in Lang::ALL {
            loc.load(lang).map_err(Clone::clone)?;
        }
        Ok(loc)
    }

    /// Lookups in one language.
    pub fn tr(&self, lang: Lang) -> Tr<'_> {
        Tr { loc: self, lang }
    }

    /// Whether `id` exists in `lang`.
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        self.load(lang).is_ok_and(|b| b.has_message(id))
    }

    /// A message without arguments.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, &[])
    }

    /// A message with arguments. Numbers are formatted by the caller and passed as
    /// strings unless a plural selector needs the number itself.
    ///
    /// A missing message, or one that fails to format, comes back as `�id` so that
    /// it shows on screen and in tests instead of vanishing.
    pub fn format(&self, lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
        let Ok(bundle) = self.load(lang) else {
            return format!("{MISSING}{id}");
        };
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            return format!("{MISSING}{id}");
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            format!("{MISSING}{id}")
        }
    }
}

/// A [`Localizer`] bound to one language: what drawing code uses.
#[derive(Debug, Clone, Copy)]
pub struct Tr<'a> {
    pub loc: &'a Localizer,
    pub lang: Lang,
}

impl Tr<'_> {
    pub fn t(&self, id: &str) -> String {
        self.loc.text(self.lang, id)
    }

    pub fn f(&self, id: &str, args: &[(&str, FluentValue)]) -> String {
        self.loc.format(self.lang, id, args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env_of;

    #[test]
    fn flag_beats_locale() {
        let env = env_of(&[("LANG", "ja_JP.UTF-8")]);
        assert_eq!(negotiate(Some("en"), &env), Ok(Lang::En));
        assert_eq!(negotiate(None, &env), Ok(Lang::Ja));
    }

    #[test]
    fn unknown_flag_is_an_error() {
        assert_eq!(
            negotiate(Some("fr"), |_| None),
            Err(UnknownLang("fr".into()))
        );
        assert_eq!(
            negotiate(Some("jp"), |_| None),
            Err(UnknownLang("jp".into()))
        );
        assert_eq!(negotiate(Some(""), |_| None), Err(UnknownLang("".into())));
        assert_eq!(negotiate(Some("ja-JP"), |_| None), Ok(Lang::Ja));
    }

    #[test]
    fn locale_variables_in_order() {
        let env = env_of(&[("LANGUAGE", "ja:en"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::Ja));
        let env = env_of(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::En));
        let env = env_of(&[("LC_MESSAGES", "ja_JP.eucJP@mod"), ("LANG", "en_US")]);
        assert_eq!(negotiate(None, env), Ok(Lang::Ja));
        let env = env_of(&[("LANGUAGE", "fr:ja")]);
        assert_eq!(negotiate(None, env), Ok(Lang::Ja));
    }

    #[test]
    fn c_locale_is_no_preference_and_foreign_is_english() {
        let env = env_of(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::Ja));
        let env = env_of(&[("LC_ALL", "C.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::En));
        let env = env_of(&[("LANG", "POSIX")]);
        assert_eq!(negotiate(None, env), Ok(Lang::En));
        let env = env_of(&[("LANG", "fr_FR.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::En));
        let env = env_of(&[("LANGUAGE", ""), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(negotiate(None, env), Ok(Lang::Ja));
        assert_eq!(negotiate(None, |_| None), Ok(Lang::En));
    }

    #[test]
    fn strict_loading_rejects_broken_files() {
        let ok = "hello = Hello";
        let broken = "hello = Hello\nbroken = {\n";
        let dup = "hello = Hello\nhello = Again";
        let sources = |en: &'static str| vec![("en", "a.ftl", en), ("ja", "a.ftl", ok)];
        assert!(Localizer::from_sources(&sources(ok)).is_ok());
        assert!(matches!(
            Localizer::from_sources(&sources(broken)),
            Err(LoadError::Parse { .. })
        ));
        assert!(matches!(
            Localizer::from_sources(&sources(dup)),
            Err(LoadError::Add { .. })
        ));
        assert!(matches!(
            Localizer::from_sources(&[("en", "a.ftl", ok)]),
            Err(LoadError::NoFiles { lang: "ja" })
        ));
        // Indentation with an ideographic space is not indentation: it breaks the file.
        let ideographic = "hello =\n\u{3000}Hello";
        assert!(Localizer::from_sources(&sources(ideographic)).is_err());
    }

    #[test]
    fn missing_messages_and_arguments_are_visible() {
        let src = "greet = Hello, { $name }!";
        let loc = Localizer::from_sources(&[("en", "a.ftl", src), ("ja", "a.ftl", src)]).unwrap();
        assert_eq!(
            loc.format(Lang::En, "greet", &[("name", "Ada".into())]),
            "Hello, Ada!"
        );
        assert_eq!(loc.text(Lang::En, "greet"), "\u{FFFD}greet");
        assert_eq!(loc.text(Lang::En, "nope"), "\u{FFFD}nope");
    }
}
