//! The command line.

use clap::{Parser, Subcommand, ValueEnum};

use crate::ui::Marker;

/// kasseika (活性化): learn the activation functions of neural networks in the
/// terminal — step, identity, sigmoid, ReLU, softmax and softmax overflow — in
/// Japanese or English.
#[derive(Debug, Parser)]
#[command(name = "kasseika", version, about, long_about = None)]
pub struct Cli {
    /// Language: en or ja (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG; else en)
    #[arg(long, value_name = "LANG", global = true)]
    pub lang: Option<String>,

    /// Lesson to open: intro, step, identity, sigmoid, relu, softmax, overflow
    #[arg(long, value_name = "ID")]
    pub lesson: Option<String>,

    /// How charts are drawn
    #[arg(long, value_enum, value_name = "MARKER")]
    pub chart: Option<ChartArg>,

    /// Draw the whole screen in plain ASCII (borders, charts, symbols)
    #[arg(long)]
    pub ascii: bool,

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
        /// Lesson id (see `kasseika list`)
        id: String,
    },
    /// Compute without the interface: one line per value, input and result separated by a tab
    Eval {
        /// step, identity, sigmoid, relu, softmax, softmax-naive or exp
        function: String,
        /// Numbers, as typed in the input box (full-width digits, `inf` and `1e3` included)
        #[arg(required = true, allow_hyphen_values = true)]
        values: Vec<String>,
    },
    /// Serve the lessons over SSH: each learner connects with ssh -p 2222 HOST
    #[cfg(feature = "serve")]
    Serve(crate::serve::ServeArgs),
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
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
