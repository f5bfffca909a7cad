//! kasseika (活性化): a terminal course on the activation functions of neural
//! networks, in Japanese and English.
//!
//! The flow runs one way: terminal event -> [`keys`] -> [`app::Message`] ->
//! [`app::App::update`] -> state -> [`ui`] draws from `&App`.

pub mod activation;
pub mod app;
pub mod cli;
pub mod i18n;
pub mod keys;
pub mod lesson;
pub mod number;
pub mod plain;
#[cfg(feature = "serve")]
pub mod serve;
pub mod terminal;
pub mod ui;
pub mod value_input;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::app::App;
use crate::cli::{Cli, Command};
use crate::i18n::{Lang, Localizer, UnknownLang};
use crate::lesson::LessonId;
use crate::ui::{Look, Marker};

/// Status for a usage error (bad flag value, no terminal).
const USAGE: u8 = 2;

/// Whether the locale's character set is UTF-8, from `LC_ALL`, `LC_CTYPE`, `LANG`
/// (the first that is set). `C` and `POSIX` are ASCII; nothing set at all is taken
/// as UTF-8, which is what terminals without a locale almost always are.
pub fn locale_is_utf8(env: impl Fn(&str) -> Option<String>) -> bool {
    let Some(value) = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()))
    else {
        return true;
    };
    let codeset = value
        .split('@')
        .next()
        .and_then(|v| v.split_once('.'))
        .map(|(_, c)| c.to_ascii_lowercase().replace('-', ""));
    match codeset {
        Some(c) => c == "utf8",
        None => false,
    }
}

/// How to draw, from the flags and the environment.
pub fn look(cli: &Cli, env: impl Fn(&str) -> Option<String>) -> Look {
    let ascii = cli.ascii || !locale_is_utf8(&env);
    let marker = match cli.chart {
        Some(c) => c.into(),
        None if ascii => Marker::Ascii,
        None => Marker::Braille,
    };
    Look {
        marker,
        ascii,
        color: env("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Writes `text` to standard output; a closed pipe (`kasseika list | head -1`) is
/// not an error worth a panic.
fn print(text: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Width for plain text: the terminal's, else `COLUMNS`, else 80.
fn output_width(env: impl Fn(&str) -> Option<String>) -> usize {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return usize::from(w);
    }
    env("COLUMNS")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// The whole program: parse the command line, open the lessons.
pub fn run_cli() -> ExitCode {
    let mut cli = Cli::parse();
    // `eval` takes values that start with `-` (`-2`, `-inf`), so clap hands it a
    // `--lang` that follows them as one more value: take it back out.
    if let Some(Command::Eval { values, .. }) = &mut cli.command {
        let (rest, lang) = cli::take_lang_flag(std::mem::take(values));
        *values = rest;
        if lang.is_some() {
            cli.lang = lang;
        }
    }
    let env = |k: &str| std::env::var(k).ok();
    let negotiated = i18n::negotiate(cli.lang.as_deref(), env);
    let first = negotiated
        .clone()
        .or_else(|_| i18n::negotiate(None, env))
        .unwrap_or(Lang::En);
    let loc = match Localizer::embedded_starting_with(first) {
        Ok(loc) => Arc::new(loc),
        Err(e) => {
            eprintln!("kasseika: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lang = match negotiated {
        Ok(lang) => lang,
        Err(UnknownLang(asked)) => {
            let fallback = first;
            eprintln!(
                "kasseika: {}",
                loc.format(
                    fallback,
                    "cli-unknown-lang",
                    &[
                        ("lang", asked.into()),
                        ("available", Lang::available().into()),
                    ],
                )
            );
            return ExitCode::from(USAGE);
        }
    };
    let tr = loc.tr(lang);
    let find_lesson = |id: &str| {
        LessonId::from_id(id).ok_or_else(|| {
            eprintln!(
                "kasseika: {}",
                tr.f(
                    "cli-unknown-lesson",
                    &[
                        ("lesson", id.into()),
                        ("available", LessonId::available().into()),
                    ],
                )
            );
            ExitCode::from(USAGE)
        })
    };
    match &cli.command {
        None => {}
        Some(Command::List) => return print(&plain::list(tr)),
        Some(Command::Show { id }) => {
            return match find_lesson(id) {
                Ok(lesson) => print(&plain::show(tr, lesson, output_width(env))),
                Err(code) => code,
            };
        }
        Some(Command::Eval { function, values }) => {
            return match plain::eval(function, values) {
                Ok(text) => print(&text),
                Err(e) => {
                    eprintln!("kasseika: {}", plain::eval_error_message(tr, &e));
                    ExitCode::from(USAGE)
                }
            };
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve(args)) => {
            let session_lang = cli.lang.is_some().then_some(lang);
            return serve::run(args, loc.clone(), lang, session_lang);
        }
    }
    let lesson = match cli.lesson.as_deref().map(find_lesson) {
        None => LessonId::Intro,
        Some(Ok(lesson)) => lesson,
        Some(Err(code)) => return code,
    };
    if !terminal::is_interactive() {
        eprintln!("kasseika: {}", loc.text(lang, "cli-not-a-terminal"));
        return ExitCode::from(USAGE);
    }
    let look = look(&cli, env);
    let app = App::new(loc.clone(), lang, lesson, look);
    match terminal::run(app) {
        Ok(terminal::Ended::Quit) => ExitCode::SUCCESS,
        Ok(terminal::Ended::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            eprintln!(
                "kasseika: {}",
                loc.format(
                    lang,
                    "cli-terminal-error",
                    &[("error", e.to_string().into())]
                )
            );
            ExitCode::FAILURE
        }
    }
}

/// A made-up environment for tests (they never read or change the real one).
#[cfg(test)]
pub(crate) fn env_of<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(name, _)| *name == k)
            .map(|(_, v)| v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_the_locale() {
        assert!(locale_is_utf8(env_of(&[("LANG", "ja_JP.UTF-8")])));
        assert!(locale_is_utf8(env_of(&[("LANG", "en_US.utf8")])));
        assert!(locale_is_utf8(env_of(&[
            ("LC_ALL", "C.UTF-8"),
            ("LANG", "C")
        ])));
        assert!(!locale_is_utf8(env_of(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env_of(&[
            ("LC_ALL", "POSIX"),
            ("LANG", "ja_JP.UTF-8")
        ])));
        assert!(!locale_is_utf8(env_of(&[("LC_CTYPE", "ja_JP.eucJP")])));
        assert!(locale_is_utf8(env_of(&[
            ("LC_ALL", ""),
            ("LANG", "de_DE.UTF-8@euro")
        ])));
        assert!(locale_is_utf8(env_of(&[])), "nothing set: taken as UTF-8");
    }

    #[test]
    fn look_from_flags_and_environment() {
        let cli = |args: &[&str]| {
            Cli::parse_from(std::iter::once("kasseika").chain(args.iter().copied()))
        };
        let utf8 = [("LANG", "en_US.UTF-8")];
        assert_eq!(look(&cli(&[]), env_of(&utf8)), Look::default());
        let c = look(&cli(&[]), env_of(&[("LANG", "C")]));
        assert!(c.ascii && c.marker == Marker::Ascii && c.color);
        let forced = look(&cli(&["--ascii"]), env_of(&utf8));
        assert!(forced.ascii && forced.marker == Marker::Ascii);
        let block = look(&cli(&["--ascii", "--chart", "block"]), env_of(&utf8));
        assert!(block.ascii && block.marker == Marker::Block);
        assert!(!look(&cli(&[]), env_of(&[("NO_COLOR", "1")])).color);
        assert!(
            look(&cli(&[]), env_of(&[("NO_COLOR", "")])).color,
            "empty NO_COLOR is unset"
        );
    }
}
