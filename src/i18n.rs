//! Languages: choosing one, loading the Fluent texts (strictly, each message when it
//! is first asked for), looking messages up.

mod entries;

use std::borrow::Cow;
use std::fmt;
use std::sync::{PoisonError, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/ftl_entries.rs"));

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

/// Why texts could not be loaded. Any error is fatal: Fluent drops a broken message
/// silently otherwise.
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

/// Where an entry is in its language's text: (start, length of its id, length).
type Place = (u32, u32, u32);

/// A language's texts: all its files' source, where each entry is in it (sorted by
/// id), and a bundle that gets an entry (and the entries it refers to) the first time
/// one of its messages is asked for.
struct Texts {
    lang: Lang,
    text: Cow<'static, str>,
    index: Cow<'static, [Place]>,
    parsed: RwLock<Option<Parsed>>,
}

struct Parsed {
    bundle: Bundle,
    /// Whether entry `i` is in the bundle (or failed to parse: it is not tried
    /// again).
    done: Vec<bool>,
    count: usize,
}

impl Texts {
    fn new(lang: Lang, text: Cow<'static, str>, index: Cow<'static, [Place]>) -> Texts {
        Texts {
            lang,
            text,
            index,
            parsed: RwLock::new(None),
        }
    }

    /// Entry `i`'s id and source.
    fn entry(&self, i: usize) -> (&str, &str) {
        let (start, id, len) = self.index[i];
        let start = start as usize;
        (
            &self.text[start..start + id as usize],
            &self.text[start..start + len as usize],
        )
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.index
            .binary_search_by(|&(start, len, _)| {
                let start = start as usize;
                self.text[start..start + len as usize].cmp(id)
            })
            .ok()
    }

    /// Runs `f` on a bundle that holds message `id` and all it refers to, parsing
    /// them first if need be. `None` when there is no such message.
    fn with_message<T>(&self, id: &str, f: impl FnOnce(&Bundle) -> T) -> Option<T> {
        {
            let parsed = self.parsed.read().unwrap_or_else(PoisonError::into_inner);
            if let Some(parsed) = parsed.as_ref()
                && parsed.bundle.has_message(id)
            {
                return Some(f(&parsed.bundle));
            }
        }
        let index = self.find(id)?;
        let mut parsed = self.parsed.write().unwrap_or_else(PoisonError::into_inner);
        let parsed = parsed.get_or_insert_with(|| {
            let langid: LanguageIdentifier =
                self.lang.code().parse().expect("static language code");
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            bundle.set_use_isolating(false);
            Parsed {
                bundle,
                done: vec![false; self.index.len()],
                count: 0,
            }
        });
        // The entry, then what it refers to, and so on.
        let mut todo = vec![index];
        while let Some(i) = todo.pop() {
            if std::mem::replace(&mut parsed.done[i], true) {
                continue;
            }
            let Ok(resource) = FluentResource::try_new(self.entry(i).1.to_string()) else {
                continue;
            };
            let mut refs = Vec::new();
            for entry in resource.entries() {
                refer::entry(entry, &mut refs);
            }
            todo.extend(refs.iter().filter_map(|r| self.find(r)));
            if parsed.bundle.add_resource(resource).is_ok() {
                parsed.count += 1;
            }
        }
        parsed.bundle.has_message(id).then(|| f(&parsed.bundle))
    }
}

/// The ids an entry refers to (`{ other-message }`, `{ -term }`).
mod refer {
    use fluent_syntax::ast::{self, Expression, InlineExpression, Pattern, PatternElement};

    pub fn entry(entry: &ast::Entry<&str>, refs: &mut Vec<String>) {
        let (value, attributes) = match entry {
            ast::Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => return,
        };
        value.into_iter().for_each(|p| pattern(p, refs));
        attributes.iter().for_each(|a| pattern(&a.value, refs));
    }

    fn pattern(p: &Pattern<&str>, refs: &mut Vec<String>) {
        for element in &p.elements {
            if let PatternElement::Placeable { expression } = element {
                self::expression(expression, refs);
            }
        }
    }

    fn expression(e: &Expression<&str>, refs: &mut Vec<String>) {
        match e {
            Expression::Inline(i) => inline(i, refs),
            Expression::Select { selector, variants } => {
                inline(selector, refs);
                variants.iter().for_each(|v| pattern(&v.value, refs));
            }
        }
    }

    fn inline(e: &InlineExpression<&str>, refs: &mut Vec<String>) {
        match e {
            InlineExpression::MessageReference { id, .. } => refs.push(id.name.to_string()),
            InlineExpression::TermReference { id, arguments, .. } => {
                refs.push(format!("-{}", id.name));
                arguments.iter().for_each(|a| call(a, refs));
            }
            InlineExpression::FunctionReference { arguments, .. } => call(arguments, refs),
            InlineExpression::Placeable { expression } => self::expression(expression, refs),
            _ => {}
        }
    }

    fn call(arguments: &ast::CallArguments<&str>, refs: &mut Vec<String>) {
        arguments.positional.iter().for_each(|a| inline(a, refs));
        arguments.named.iter().for_each(|a| inline(&a.value, refs));
    }
}

/// Both languages' messages, shared (it is `Send + Sync`). A message is parsed when
/// it is first asked for: starting kasseika parses the few messages its first screen
/// shows, not the two languages' every file.
pub struct Localizer {
    texts: [Texts; 2],
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Localizer")
    }
}

impl Localizer {
    /// The texts built into the binary. Nothing is parsed yet; the build refuses an
    /// id defined twice, and the tests parse every embedded file strictly.
    pub fn embedded() -> Result<Localizer, LoadError> {
        let texts = |lang: Lang| {
            EMBEDDED
                .iter()
                .find(|(code, _, _)| *code == lang.code())
                .map(|(_, text, index)| {
                    Texts::new(lang, Cow::Borrowed(*text), Cow::Borrowed(*index))
                })
                .ok_or(LoadError::NoFiles { lang: lang.code() })
        };
        Ok(Localizer {
            texts: [texts(Lang::En)?, texts(Lang::Ja)?],
        })
    }

    /// Loads `(language, file name, source)` triples strictly, parsing them all now:
    /// a syntax error, a duplicate id, or a language with no files is an error.
    pub fn from_sources(sources: &[(&str, &str, &str)]) -> Result<Localizer, LoadError> {
        let texts = |lang: Lang| -> Result<Texts, LoadError> {
            let mut check = Bundle::new_concurrent(vec![]);
            let mut text = String::new();
            for (_, name, source) in sources.iter().filter(|(l, _, _)| *l == lang.code()) {
                let file = format!("i18n/{}/{name}", lang.code());
                let resource = FluentResource::try_new(source.to_string()).map_err(|(_, e)| {
                    LoadError::Parse {
                        file: file.clone(),
                        errors: e.iter().map(ToString::to_string).collect(),
                    }
                })?;
                check.add_resource(resource).map_err(|e| LoadError::Add {
                    file: file.clone(),
                    errors: e.iter().map(ToString::to_string).collect(),
                })?;
                text.push_str(source);
                text.push('\n');
            }
            let number = |n: usize| u32::try_from(n).expect("texts under 4 GB");
            let mut index: Vec<(&str, Place)> = entries::split(&text)
                .into_iter()
                .map(|span| {
                    let start = span.source.as_ptr() as usize - text.as_ptr() as usize;
                    let place = (
                        number(start),
                        number(span.id.len()),
                        number(span.source.len()),
                    );
                    (span.id, place)
                })
                .collect();
            if index.is_empty() {
                return Err(LoadError::NoFiles { lang: lang.code() });
            }
            index.sort_by(|a, b| a.0.cmp(b.0));
            let index: Vec<Place> = index.into_iter().map(|(_, place)| place).collect();
            Ok(Texts::new(lang, Cow::Owned(text), Cow::Owned(index)))
        };
        Ok(Localizer {
            texts: [texts(Lang::En)?, texts(Lang::Ja)?],
        })
    }

    fn texts(&self, lang: Lang) -> &Texts {
        &self.texts[lang as usize]
    }

    /// How many entries of `lang` have been parsed so far (the start-up's work, for
    /// the tests and benchmarks).
    pub fn parsed(&self, lang: Lang) -> usize {
        let parsed = self.texts(lang).parsed.read();
        let parsed = parsed.unwrap_or_else(PoisonError::into_inner);
        parsed.as_ref().map_or(0, |p| p.count)
    }

    /// Lookups in one language.
    pub fn tr(&self, lang: Lang) -> Tr<'_> {
        Tr { loc: self, lang }
    }

    /// Whether message `id` exists in `lang` (nothing is parsed to tell).
    pub fn has(&self, lang: Lang, id: &str) -> bool {
        !id.starts_with('-') && self.texts(lang).find(id).is_some()
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
        let missing = || format!("{MISSING}{id}");
        if id.starts_with('-') {
            return missing();
        }
        self.texts(lang)
            .with_message(id, |bundle| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut fluent_args = FluentArgs::new();
                for (name, value) in args {
                    fluent_args.set(*name, value.clone());
                }
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                errors.is_empty().then(|| text.into_owned())
            })
            .flatten()
            .unwrap_or_else(missing)
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
    fn nothing_is_parsed_until_a_message_is_asked_for() {
        let loc = Localizer::embedded().unwrap();
        assert_eq!((loc.parsed(Lang::En), loc.parsed(Lang::Ja)), (0, 0));
        assert!(loc.has(Lang::Ja, "app-tagline") && !loc.has(Lang::Ja, "nonexistent"));
        assert_eq!(loc.parsed(Lang::Ja), 0, "has() parses nothing");
        let tagline = loc.text(Lang::En, "app-tagline");
        assert!(!tagline.starts_with(MISSING), "{tagline}");
        assert_eq!((loc.parsed(Lang::En), loc.parsed(Lang::Ja)), (1, 0));
        loc.text(Lang::En, "app-tagline");
        assert_eq!(loc.parsed(Lang::En), 1, "parsed once");
    }

    #[test]
    fn a_message_brings_the_messages_and_terms_it_refers_to() {
        let en = "# a comment\na = { b } and { -t(case: 1) }\n    .attr = { c }\n\nb = B\n-t = T\nc = C\nunused = U\n";
        let loc =
            Localizer::from_sources(&[("en", "a.ftl", en), ("ja", "a.ftl", "a = A")]).unwrap();
        assert_eq!(loc.parsed(Lang::En), 0);
        assert_eq!(loc.text(Lang::En, "a"), "B and T");
        assert_eq!(loc.parsed(Lang::En), 4, "a, b, -t and c");
        assert_eq!(
            loc.text(Lang::En, "-t"),
            "\u{FFFD}-t",
            "a term is no message"
        );
        assert!(!loc.has(Lang::En, "-t") && loc.has(Lang::En, "unused"));
    }

    #[test]
    fn entries_are_cut_where_the_grammar_starts_them() {
        let source = "# comment\n\
            first = One\n    two\n\n    three\n\
            -term = { $x ->\n[a] A\n*[b] B\n}\n\
            ## section\n\
            attrs =\n    .label = L\n\
            last=x";
        let spans = entries::split(source);
        let ids: Vec<&str> = spans.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["first", "-term", "attrs", "last"]);
        assert_eq!(spans[0].source, "first = One\n    two\n\n    three\n");
        assert_eq!(spans[1].source, "-term = { $x ->\n[a] A\n*[b] B\n}\n");
        assert_eq!(spans[3].source, "last=x");
        assert!(entries::split("not an entry\n  x = 1\n").is_empty());
        // Two files defining one id: the build stops (Fluent would drop one).
        let ids = ["a", "b", "b", "c"];
        assert_eq!(entries::twice(&ids), Some("b"));
        assert_eq!(entries::twice(&["a", "b"]), None);
    }

    #[test]
    fn threads_asking_at_once_get_the_same_texts() {
        let loc = std::sync::Arc::new(Localizer::embedded().unwrap());
        let ids = ["app-tagline", "key-quit", "sigmoid-title", "pane-chart"];
        let alone = Localizer::embedded().unwrap();
        let expected: Vec<String> = ids.iter().map(|id| alone.text(Lang::Ja, id)).collect();
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let loc = loc.clone();
                std::thread::spawn(move || {
                    (0..ids.len())
                        .map(|i| ids[(i + t) % ids.len()])
                        .map(|id| (id, loc.text(Lang::Ja, id)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for thread in threads {
            for (id, text) in thread.join().unwrap() {
                let i = ids.iter().position(|x| *x == id).unwrap();
                assert_eq!(text, expected[i]);
            }
        }
        assert_eq!(loc.parsed(Lang::Ja), ids.len());
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
