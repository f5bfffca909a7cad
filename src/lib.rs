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
pub mod terminal;
pub mod ui;
pub mod value_input;

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

use crate::app::App;
use crate::cli::Cli;
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

/// The whole program: parse the command line, open the lessons.
pub fn run_cli() -> ExitCode {
    let cli = Cli::parse();
    let env = |k: &str| std::env::var(k).ok();
    let loc = match Localizer::embedded() {
        Ok(loc) => Arc::new(loc),
        Err(e) => {
            eprintln!("kasseika: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lang = match i18n::negotiate(cli.lang.as_deref(), env) {
        Ok(lang) => lang,
        Err(UnknownLang(asked)) => {
            let fallback = i18n::negotiate(None, env).unwrap_or(Lang::En);
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
    let lesson = match cli.lesson.as_deref() {
        None => LessonId::Intro,
        Some(id) => match LessonId::from_id(id) {
            Some(lesson) => lesson,
            None => {
                eprintln!(
                    "kasseika: {}",
                    loc.format(
                        lang,
                        "cli-unknown-lesson",
                        &[
                            ("lesson", id.into()),
                            ("available", LessonId::available().into()),
                        ],
                    )
                );
                return ExitCode::from(USAGE);
            }
        },
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
