//! The command line: what the flags mean, the help in the learner's language, and
//! the decisions made before the lessons open (language, character set, whether the
//! terminal can draw a screen at all, how to draw). Every word goes out through
//! [`Stdio`], never `println!`.

use std::ffi::OsString;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::app::{App, Notice};
use crate::charset::Charset;
use crate::i18n::{self, Lang, Localizer, Tr, UnknownLang};
use crate::lesson::LessonId;
use crate::look::{self, NoScreen};
use crate::output::{Stdio, WriteError, visible};
use crate::plain;
use crate::progress::report;
use crate::progress::store::{AsideReason, FileStore, Keeper, LearnerId, Loaded};
use crate::terminal;
use crate::ui::Marker;

pub mod generate;

/// kasseika (活性化): learn the activation functions of neural networks in the
/// terminal — step, identity, sigmoid, ReLU, the vanishing gradient, the functions
/// used today, softmax and its overflow, with their derivatives — in Japanese or English. (The help shown is localized at run time: see [`command`].)
#[derive(Debug, Parser)]
#[command(name = "kasseika", version, about, long_about = None)]
pub struct Cli {
    /// Language: en or ja (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; else en)
    #[arg(long, value_name = "LANG", global = true)]
    pub lang: Option<String>,

    /// Lesson to open, by id or number (see `kasseika list`)
    #[arg(long, value_name = "ID")]
    pub lesson: Option<String>,

    /// How charts are drawn
    #[arg(long, value_enum, value_name = "MARKER")]
    pub chart: Option<ChartArg>,

    /// Draw the whole screen in plain ASCII (borders, charts, symbols)
    #[arg(long)]
    pub ascii: bool,

    /// Learn without saving anything: no file is read or written
    #[arg(long)]
    pub no_save: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Plain-text commands, for scripts, screen readers and copying.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the lesson ids and titles
    List,
    /// Print a lesson as plain text: explanation, formula, code, and a table of values
    Show {
        /// Lesson id or number (see `kasseika list`)
        id: String,
    },
    /// Compute without the interface: one line per value, input and result separated by a tab
    Eval {
        /// step, identity, sigmoid, relu, tanh, leaky-relu, elu, gelu, gelu-tanh, silu,
        /// softplus, exp, softmax, softmax-naive, log-softmax or cross-entropy
        function: String,
        /// Print the derivative f'(x) instead of f(x) (scalar functions only; NaN where
        /// f' is undefined: step, relu and leaky-relu at 0)
        #[arg(long)]
        derivative: bool,
        /// cross-entropy: the class of the answer, counted from 0
        #[arg(long, value_name = "K", allow_hyphen_values = true)]
        target: Option<String>,
        /// Numbers, as typed in the input box (full-width digits, `inf` and `1e3` included)
        #[arg(required = true, allow_hyphen_values = true)]
        values: Vec<String>,
    },
    /// Print your saved progress: each lesson and exercise, and where you left off
    Progress {
        /// Start afresh: forget every lesson read and every exercise answered
        /// (asks first)
        #[arg(long)]
        reset: bool,
        /// Reset without asking
        #[arg(long, requires = "reset")]
        yes: bool,
    },
    /// Serve the lessons over SSH: each learner connects with ssh -p 2222 HOST
    #[cfg(feature = "serve")]
    Serve(crate::serve::ServeArgs),
    /// Print the completion script of a shell: bash, zsh or fish
    Completions {
        /// The shell: bash, zsh or fish
        #[arg(value_enum)]
        shell: generate::Shell,
    },
    /// Print the manual page (roff, in English) of kasseika or of one of its commands
    #[command(hide = true)]
    Man {
        /// The command whose page to print (none: kasseika's own)
        command: Option<String>,
    },
}

/// `--chart` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartArg {
    /// Braille dots (2x4 a cell)
    Braille,
    /// Half blocks (1x2 a cell), for fonts without braille
    Block,
    /// Plain ASCII characters
    Ascii,
}

impl From<ChartArg> for Marker {
    fn from(c: ChartArg) -> Marker {
        match c {
            ChartArg::Braille => Marker::Braille,
            ChartArg::Block => Marker::Block,
            ChartArg::Ascii => Marker::Ascii,
        }
    }
}

/// Removes `--lang X` / `--lang=X` from `values`; returns the rest and the last X.
pub fn take_lang_flag(values: Vec<String>) -> (Vec<String>, Option<String>) {
    let mut rest = Vec::new();
    let mut lang = None;
    let mut it = values.into_iter();
    while let Some(v) = it.next() {
        if v == "--lang" {
            lang = it.next().or(lang);
        } else if let Some(l) = v.strip_prefix("--lang=") {
            lang = Some(l.to_string());
        } else {
            rest.push(v);
        }
    }
    (rest, lang)
}

/// The help's section headings in `tr`'s language, for a command with or without
/// subcommands and positional arguments.
fn help_template(tr: Tr, commands: bool, arguments: bool) -> String {
    let mut t = format!(
        "{{about-with-newline}}\n{} {{usage}}\n",
        tr.t("cli-heading-usage")
    );
    if commands {
        t.push_str(&format!(
            "\n{}\n{{subcommands}}\n",
            tr.t("cli-heading-commands")
        ));
    }
    if arguments {
        t.push_str(&format!(
            "\n{}\n{{positionals}}\n",
            tr.t("cli-heading-arguments")
        ));
    }
    t.push_str(&format!("\n{}\n{{options}}\n", tr.t("cli-heading-options")));
    t
}

/// The command line with its help in `tr`'s language (clap's own words replaced).
pub fn command(tr: Tr) -> clap::Command {
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(true)
        .help(tr.t("cli-help-help"));
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(ArgAction::Version)
        .help(tr.t("cli-help-version"));
    let mut cmd = Cli::command()
        .bin_name("kasseika")
        .about(tr.t("cli-about"))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help)
        .arg(version)
        .help_template(help_template(tr, true, false))
        .mut_arg("lang", |a| a.help(tr.t("cli-help-lang")))
        .mut_arg("lesson", |a| {
            a.help(tr.f(
                "cli-help-lesson",
                &[("lessons", LessonId::available().into())],
            ))
        })
        .mut_arg("chart", |a| {
            a.help(tr.t("cli-help-chart")).hide_possible_values(true)
        })
        .mut_arg("ascii", |a| a.help(tr.t("cli-help-ascii")))
        .mut_arg("no_save", |a| a.help(tr.t("cli-help-no-save")))
        .mut_subcommand("progress", |s| {
            s.about(tr.t("cli-progress-about"))
                .help_template(help_template(tr, false, false))
                .mut_arg("reset", |a| a.help(tr.t("cli-progress-reset")))
                .mut_arg("yes", |a| a.help(tr.t("cli-progress-yes")))
        })
        .mut_subcommand("list", |s| {
            s.about(tr.t("cli-list-about"))
                .help_template(help_template(tr, false, false))
        })
        .mut_subcommand("show", |s| {
            s.about(tr.t("cli-show-about"))
                .help_template(help_template(tr, false, true))
                .mut_arg("id", |a| a.help(tr.t("cli-show-id")))
        })
        .mut_subcommand("eval", |s| {
            s.about(tr.t("cli-eval-about"))
                .help_template(help_template(tr, false, true))
                .mut_arg("function", |a| {
                    a.help(tr.f(
                        "cli-eval-function",
                        &[("functions", plain::Function::names().join(", ").into())],
                    ))
                })
                .mut_arg("derivative", |a| a.help(tr.t("cli-eval-derivative")))
                .mut_arg("target", |a| a.help(tr.t("cli-eval-target")))
                .mut_arg("values", |a| a.help(tr.t("cli-eval-values")))
        })
        .mut_subcommand("completions", |s| {
            s.about(tr.t("cli-completions-about"))
                .help_template(help_template(tr, false, true))
                .mut_arg("shell", |a| {
                    a.help(tr.t("cli-completions-shell"))
                        .hide_possible_values(true)
                })
        })
        .mut_subcommand("man", |s| {
            s.about(tr.t("cli-man-about"))
                .help_template(help_template(tr, false, true))
                .mut_arg("command", |a| a.help(tr.t("cli-man-command")))
        });
    #[cfg(feature = "serve")]
    {
        cmd = crate::serve::localize_help(cmd, tr, help_template(tr, false, false));
    }
    // clap adds its `help` command while building: build first, then word it.
    cmd.build();
    #[cfg(feature = "serve")]
    {
        cmd = crate::serve::localize_built_help(cmd, tr);
    }
    cmd.mut_subcommand("help", |s| {
        s.about(tr.t("cli-help-subcommand"))
            .mut_subcommand("help", |s| s.about(tr.t("cli-help-subcommand")))
    })
}

/// Width for plain text: the terminal's, else `COLUMNS`, else 80.
pub fn output_width(env: impl Fn(&str) -> Option<String>) -> usize {
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

/// Status for a usage error (bad flag value, no terminal).
const USAGE: u8 = 2;

/// Says what went wrong on standard error, naming the program once.
fn complain(io: &Stdio, message: &str) {
    io.err_line(&format!("kasseika: {message}"));
}

/// Writes `text` to standard output: a reader that went away is no error; any other
/// failure is said on standard error, with status 1.
fn print(io: &Stdio, tr: Tr, text: &str) -> ExitCode {
    match io.out(text) {
        Ok(()) | Err(WriteError::Closed) => ExitCode::SUCCESS,
        Err(WriteError::Failed(e)) => {
            complain(
                io,
                &tr.f("cli-write-error", &[("error", e.to_string().into())]),
            );
            ExitCode::FAILURE
        }
    }
}

/// A refusal of the command line, in `tr`'s language: what was wrong (with the
/// values as typed, control characters written out), the usage line, and where the
/// help is. clap's own words are used only for what it rarely says, escaped too.
pub fn usage_error(tr: Tr, e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(visible(s).into_owned()),
        Some(ContextValue::Strings(v)) => Some(
            v.iter()
                .map(|s| visible(s).into_owned())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Some(ContextValue::StyledStr(s)) => Some(visible(&s.to_string()).into_owned()),
        _ => None,
    };
    let arg = |k| text(k).unwrap_or_default();
    let sentence = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let commands: Vec<String> = command(tr)
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect();
            Some(tr.f(
                "cli-error-unknown-command",
                &[
                    ("command", arg(ContextKind::InvalidSubcommand).into()),
                    ("commands", commands.join(", ").into()),
                ],
            ))
        }
        ErrorKind::UnknownArgument | ErrorKind::TooManyValues => {
            let argument = text(ContextKind::InvalidValue)
                .filter(|_| e.kind() == ErrorKind::TooManyValues)
                .unwrap_or_else(|| arg(ContextKind::InvalidArg));
            Some(tr.f(
                "cli-error-unexpected-argument",
                &[("argument", argument.into())],
            ))
        }
        ErrorKind::InvalidValue => {
            let option = arg(ContextKind::InvalidArg);
            let value = arg(ContextKind::InvalidValue);
            let values = text(ContextKind::ValidValue);
            let id = match (value.is_empty(), &values) {
                (true, None) => "cli-error-missing-value",
                (true, Some(_)) => "cli-error-missing-value-of",
                (false, None) => "cli-error-invalid-value-any",
                (false, Some(_)) => "cli-error-invalid-value",
            };
            Some(tr.f(
                id,
                &[
                    ("option", option.into()),
                    ("value", value.into()),
                    ("values", values.unwrap_or_default().into()),
                ],
            ))
        }
        ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(e)
                .map(|r| visible(&r.to_string()).into_owned())
                .unwrap_or_default();
            Some(tr.f(
                "cli-error-bad-value",
                &[
                    ("option", arg(ContextKind::InvalidArg).into()),
                    ("value", arg(ContextKind::InvalidValue).into()),
                    ("reason", reason.into()),
                ],
            ))
        }
        ErrorKind::MissingRequiredArgument => Some(tr.f(
            "cli-error-missing-argument",
            &[("arguments", arg(ContextKind::InvalidArg).into())],
        )),
        ErrorKind::ArgumentConflict => {
            let option = arg(ContextKind::InvalidArg);
            match text(ContextKind::PriorArg) {
                Some(other) if other != option => Some(tr.f(
                    "cli-error-conflict",
                    &[("option", option.into()), ("other", other.into())],
                )),
                _ => Some(tr.f("cli-error-repeated", &[("option", option.into())])),
            }
        }
        _ => None,
    };
    let mut lines = Vec::new();
    match sentence {
        Some(mut sentence) => {
            let suggestion = [
                ContextKind::SuggestedSubcommand,
                ContextKind::SuggestedArg,
                ContextKind::SuggestedValue,
            ]
            .into_iter()
            .find_map(text);
            if let Some(suggestion) = suggestion {
                sentence.push(' ');
                sentence
                    .push_str(&tr.f("cli-error-suggestion", &[("suggestion", suggestion.into())]));
            }
            lines.push(format!("kasseika: {sentence}"));
        }
        None => {
            // clap's own sentence: its first line, without its "error: ".
            let rendered = e.render().to_string();
            let detail = rendered
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ");
            lines.push(format!(
                "kasseika: {}",
                tr.f(
                    "cli-error-other",
                    &[("detail", visible(detail).into_owned().into())],
                )
            ));
        }
    }
    if let Some(usage) = text(ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
        lines.push(String::new());
        // The heading ends in its own colon (a full-width one in Japanese, which
        // needs no space after it).
        let heading = tr.t("cli-heading-usage");
        let gap = if heading.ends_with('：') { "" } else { " " };
        lines.push(format!("{heading}{gap}{usage}"));
        let words: Vec<&str> = usage.split_whitespace().collect();
        let program: Vec<&str> = words
            .iter()
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .copied()
            .collect();
        let help = format!("{} --help", program.join(" "));
        lines.push(tr.f("cli-error-help", &[("help", help.into())]));
    }
    lines.join("\n")
}

/// The whole program, from the real command line and environment.
pub fn run_cli() -> ExitCode {
    run(std::env::args_os().collect(), |k| std::env::var(k).ok())
}

/// The command line as text: each argument decoded from the locale's character set
/// (EUC-JP and Shift_JIS as such; anything else as UTF-8, bytes that are not replaced
/// by U+FFFD), so that what a Japanese terminal typed reaches the parser as typed and
/// an argument that is no text is refused by name like any other bad value.
pub fn decode_args(args: &[OsString], charset: Charset) -> Vec<String> {
    use std::os::unix::ffi::OsStrExt;
    args.iter()
        .map(|arg| match charset.decode(arg.as_bytes()) {
            Some(text) => text,
            None => arg.to_string_lossy().into_owned(),
        })
        .collect()
}

/// The whole program: parse the command line, open the lessons or print.
pub fn run(args: Vec<OsString>, env: impl Fn(&str) -> Option<String> + Copy) -> ExitCode {
    let charset = Charset::from_env(env);
    let io = Stdio::new(charset);
    let args = decode_args(&args, charset);
    // The language comes first: the help and clap's refusals are in it too.
    let (_, asked) = take_lang_flag(args.iter().skip(1).cloned().collect());
    let lang_asked = asked.is_some();
    let negotiated = i18n::negotiate(asked.as_deref(), env);
    let mut lang = negotiated
        .clone()
        .or_else(|_| i18n::negotiate(None, env))
        .unwrap_or(Lang::En);
    let japanese_unshowable = lang == Lang::Ja && !charset.shows_japanese();
    if japanese_unshowable {
        lang = Lang::En;
    }
    // Nothing is parsed here: each message is, when it is first needed.
    let loc = match Localizer::embedded() {
        Ok(loc) => Arc::new(loc),
        Err(e) => {
            complain(&io, &e.to_string());
            return ExitCode::FAILURE;
        }
    };
    let tr = loc.tr(lang);
    if japanese_unshowable {
        complain(
            &io,
            &tr.f(
                "cli-japanese-needs-utf8",
                &[("charset", Charset::locale_name(env).into())],
            ),
        );
    }
    // Parsing needs no words: the localized command is built only to say something
    // (the help, the version, a refusal), which keeps start-up short.
    let parsed = Cli::command()
        .bin_name("kasseika")
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let mut cli = match parsed {
        Ok(cli) => cli,
        // The version is the same in every language: no words to look up.
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayVersion => {
            return print(&io, tr, &e.render().to_string());
        }
        Err(e) => {
            use clap::error::ErrorKind;
            let e = command(tr).try_get_matches_from(&args).err().unwrap_or(e);
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    print(&io, tr, &e.render().to_string())
                }
                _ => {
                    io.err_line(&usage_error(tr, &e));
                    ExitCode::from(USAGE)
                }
            };
        }
    };
    // `eval` takes values that start with `-` (`-2`, `-inf`), so clap hands it a
    // `--lang` that follows them as one more value: take it back out.
    // `--derivative` among the values likewise.
    if let Some(Command::Eval {
        values,
        derivative,
        target,
        ..
    }) = &mut cli.command
    {
        let (rest, _) = take_lang_flag(std::mem::take(values));
        let (rest, d) = plain::take_derivative_flag(rest);
        let (rest, t) = plain::take_target_flag(rest);
        *values = rest;
        *derivative |= d;
        if t.is_some() {
            *target = t;
        }
    }
    if let Err(UnknownLang(asked)) = negotiated {
        complain(
            &io,
            &tr.f(
                "cli-unknown-lang",
                &[
                    ("lang", visible(&asked).into_owned().into()),
                    ("available", Lang::available().into()),
                ],
            ),
        );
        return ExitCode::from(USAGE);
    }
    let find_lesson = |id: &str| {
        LessonId::from_id(id)
            .or_else(|| LessonId::from_number(id))
            .ok_or_else(|| {
                complain(
                    &io,
                    &tr.f(
                        "cli-unknown-lesson",
                        &[
                            ("lesson", visible(id).into_owned().into()),
                            ("available", LessonId::available().into()),
                        ],
                    ),
                );
                ExitCode::from(USAGE)
            })
    };
    match &cli.command {
        None => {}
        Some(Command::List) => return print(&io, tr, &plain::list(tr)),
        Some(Command::Show { id }) => {
            return match find_lesson(id) {
                Ok(lesson) => print(&io, tr, &plain::show(tr, lesson, output_width(env))),
                Err(code) => code,
            };
        }
        Some(Command::Progress { reset, yes }) => {
            return progress_command(&io, tr, *reset, *yes);
        }
        Some(Command::Completions { shell }) => {
            return print(&io, tr, &generate::completions(tr, *shell));
        }
        Some(Command::Man { command }) => {
            return match generate::man_page(&loc, command.as_deref()) {
                Ok(page) => print(&io, tr, &page),
                Err(unknown) => {
                    complain(&io, &unknown.message(tr));
                    ExitCode::from(USAGE)
                }
            };
        }
        Some(Command::Eval {
            function,
            values,
            derivative,
            target,
        }) => {
            return match plain::eval_for_target(function, values, *derivative, target.as_deref()) {
                Ok(text) => print(&io, tr, &text),
                Err(e) => {
                    complain(&io, &plain::eval_error_message(tr, &e));
                    ExitCode::from(USAGE)
                }
            };
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve(args)) if args.report || args.db.import_progress.is_some() => {
            let done = if args.report {
                crate::serve::report(args, tr)
            } else {
                crate::serve::import(args, tr)
            };
            return match done {
                Ok((text, problems)) => {
                    let code = print(&io, tr, &text);
                    for problem in &problems {
                        complain(&io, &visible(problem));
                    }
                    if problems.is_empty() {
                        code
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(e) => {
                    complain(&io, &visible(&e));
                    ExitCode::FAILURE
                }
            };
        }
        #[cfg(feature = "serve")]
        Some(Command::Serve(args)) => {
            // `--lang` is also the default of the learners' sessions.
            let sessions = (cli.lang.as_deref()).and_then(|l| i18n::negotiate(Some(l), env).ok());
            return crate::serve::run(args, loc.clone(), lang, sessions);
        }
    }
    let lesson = match cli.lesson.as_deref().map(find_lesson) {
        None => LessonId::Intro,
        Some(Ok(lesson)) => lesson,
        Some(Err(code)) => return code,
    };
    // The refusals name the program in their sentence: no prefix.
    if !terminal::is_interactive() {
        io.err_line(&tr.t("cli-not-a-terminal"));
        return ExitCode::from(USAGE);
    }
    let drawing = match look::drawing(
        env,
        look::system_terminfo,
        cli.ascii,
        cli.chart.map(Marker::from),
    ) {
        Ok(drawing) => drawing,
        Err(NoScreen { term: None }) => {
            io.err_line(&tr.t("cli-no-term"));
            return ExitCode::from(USAGE);
        }
        Err(NoScreen { term: Some(term) }) => {
            io.err_line(&tr.f(
                "cli-dumb-terminal",
                &[("term", visible(&term).into_owned().into())],
            ));
            return ExitCode::from(USAGE);
        }
    };
    // Saved progress: the local file, or nothing on disk with --no-save.
    let mut told = Vec::new();
    let keeper = if cli.no_save {
        Keeper::in_memory()
    } else {
        match FileStore::local_default() {
            Ok(store) => Keeper::new(Arc::new(store), LearnerId::local()),
            Err(e) => {
                told.push(Notice::SaveFailed(e));
                Keeper::in_memory()
            }
        }
    };
    let mut app = App::new(loc.clone(), lang, lesson, drawing.look);
    for notice in told {
        app.tell(notice);
    }
    // The saved progress is loaded by the terminal's store thread, off the way of the
    // first frame. The language the learner last chose with the language key comes
    // after an explicit --lang and before the locale: the locale is the machine's
    // default, the key was this learner's choice.
    let resume = terminal::Resume {
        keep_lesson: cli.lesson.is_some(),
        lang_asked,
        japanese: charset.shows_japanese(),
    };
    match terminal::run(app, resume, charset, drawing.rendition, &keeper) {
        Ok(terminal::Ended::Quit) => ExitCode::SUCCESS,
        Ok(terminal::Ended::Signal(sig)) => ExitCode::from(128u8.saturating_add(sig as u8)),
        Err(e) => {
            complain(
                &io,
                &tr.f("cli-terminal-error", &[("error", e.to_string().into())]),
            );
            ExitCode::FAILURE
        }
    }
}

/// Whether an answer to a yes-or-no question is yes (`y`, `yes`, `はい`, full-width
/// letters too).
pub fn is_yes(answer: &str) -> bool {
    let folded: String = answer
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    matches!(folded.as_str(), "y" | "yes" | "はい")
}

/// `kasseika progress [--reset [--yes]]`: the local learner's progress as text, or
/// a fresh start after asking.
fn progress_command(io: &Stdio, tr: Tr, reset: bool, yes: bool) -> ExitCode {
    use std::io::IsTerminal;
    let store = match FileStore::local_default() {
        Ok(store) => store,
        Err(e) => {
            complain(io, &e.message(tr));
            return ExitCode::FAILURE;
        }
    };
    let path = store.path(&LearnerId::local()).ok();
    let exists = path.as_ref().is_some_and(|p| p.exists());
    let file = path
        .map(|p| visible(&p.display().to_string()).into_owned())
        .unwrap_or_default();
    if !reset {
        // Printing only reads: a file this kasseika cannot read stays where it is.
        return match store.peek(&LearnerId::local()) {
            Ok(Ok(progress)) => {
                let mut text = report::learner(tr, &progress);
                text.push('\n');
                let id = if exists {
                    "progress-file"
                } else {
                    "progress-file-none"
                };
                text.push_str(&tr.f(id, &[("path", file.into())]));
                text.push('\n');
                print(io, tr, &text)
            }
            Ok(Err(why)) => {
                let path = ("file", file.into());
                complain(
                    io,
                    &match why {
                        AsideReason::Corrupt { detail } => tr.f(
                            "progress-peek-corrupt",
                            &[path, ("detail", visible(&detail).into_owned().into())],
                        ),
                        AsideReason::Newer { version } => {
                            tr.f("progress-peek-newer", &[path, ("version", version.into())])
                        }
                        AsideReason::TooLarge => tr.f("progress-peek-too-large", &[path]),
                    },
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                complain(io, &e.message(tr));
                ExitCode::FAILURE
            }
        };
    }
    let keeper = Keeper::new(Arc::new(store), LearnerId::local());
    let tell = |loaded: &Loaded| {
        for notice in &loaded.notices {
            complain(
                io,
                &crate::ui::course::notice_text(tr, &Notice::Store(notice.clone())),
            );
        }
    };
    if !yes {
        if !std::io::stdin().is_terminal() {
            complain(io, &tr.t("progress-reset-needs-yes"));
            return ExitCode::from(USAGE);
        }
        let ask = tr.f("progress-reset-ask", &[("path", file.clone().into())]);
        let _ = crate::output::write_all(
            &mut std::io::stderr().lock(),
            &io.charset.encode(&format!("{ask} ")),
        );
        let mut answer = String::new();
        let read = std::io::stdin().read_line(&mut answer);
        if read.is_err() || !is_yes(&answer) {
            // Declining is the learner's choice, not a failure.
            return print(io, tr, &format!("{}\n", tr.t("progress-reset-kept")));
        }
    }
    match keeper.reset() {
        Ok(loaded) => {
            tell(&loaded);
            print(
                io,
                tr,
                &format!(
                    "{}\n",
                    tr.f("progress-reset-done", &[("path", file.into())])
                ),
            )
        }
        Err(e) => {
            complain(io, &e.message(tr));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_flag_among_values() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            take_lang_flag(v(&["-1", "--lang", "ja", "-inf"])),
            (v(&["-1", "-inf"]), Some("ja".into()))
        );
        assert_eq!(
            take_lang_flag(v(&["--lang=en", "2"])),
            (v(&["2"]), Some("en".into()))
        );
        assert_eq!(take_lang_flag(v(&["2"])), (v(&["2"]), None));
    }

    #[test]
    fn the_command_line_is_well_formed_in_both_languages() {
        Cli::command().debug_assert();
        let loc = Localizer::embedded().unwrap();
        for lang in Lang::ALL {
            let mut cmd = command(loc.tr(lang));
            cmd.clone().debug_assert();
            let help = cmd.render_help().to_string();
            assert!(
                help.contains("--lang") && help.contains("--lesson"),
                "{help}"
            );
            assert!(!help.contains('\u{FFFD}'), "a message is missing:\n{help}");
            for sub in ["list", "show", "eval", "completions", "man", "help"] {
                let sub_help = cmd
                    .find_subcommand_mut(sub)
                    .unwrap()
                    .render_help()
                    .to_string();
                assert!(!sub_help.contains('\u{FFFD}'), "{sub}:\n{sub_help}");
            }
        }
    }

    #[test]
    fn the_help_follows_the_language() {
        let loc = Localizer::embedded().unwrap();
        let ja = command(loc.tr(Lang::Ja)).render_help().to_string();
        assert!(ja.contains("使い方") && ja.contains("オプション"), "{ja}");
        assert!(ja.contains("このヘルプを表示する"), "{ja}");
        assert!(!ja.contains("Usage") && !ja.contains("Print help"), "{ja}");
        let en = command(loc.tr(Lang::En)).render_help().to_string();
        assert!(
            en.contains("Usage") && en.contains("Print this help"),
            "{en}"
        );
    }

    #[test]
    fn parses_like_before() {
        let loc = Localizer::embedded().unwrap();
        let parse = |args: &[&str]| {
            let m = command(loc.tr(Lang::En))
                .try_get_matches_from(std::iter::once("kasseika").chain(args.iter().copied()))
                .unwrap();
            Cli::from_arg_matches(&m).unwrap()
        };
        let cli = parse(&[
            "--lang", "ja", "--lesson", "relu", "--chart", "block", "--ascii",
        ]);
        assert_eq!(cli.lang.as_deref(), Some("ja"));
        assert_eq!(cli.lesson.as_deref(), Some("relu"));
        assert_eq!(cli.chart, Some(ChartArg::Block));
        assert!(cli.ascii);
        let cli = parse(&["eval", "relu", "-1", "--lang", "en"]);
        assert!(matches!(cli.command, Some(Command::Eval { .. })));
        let cli = parse(&["show", "step", "--lang", "ja"]);
        assert_eq!(cli.lang.as_deref(), Some("ja"));
    }
}
