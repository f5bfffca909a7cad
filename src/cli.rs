//! The command line.

use clap::{Parser, ValueEnum};

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
