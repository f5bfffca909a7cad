//! kasseika (活性化): a terminal course on the activation functions of neural
//! networks, in Japanese and English.
//!
//! The flow runs one way, whatever carries the bytes:
//!
//! ```text
//! bytes -> input::Parser -> events -> session (keys -> app::Message -> App::update)
//!       -> ui draws from &App -> output::FrameWriter -> bytes
//! ```
//!
//! The map of the modules:
//!
//! | layer | modules |
//! | --- | --- |
//! | the subject | [`activation`] (the math), [`network`] (the math inside a network: layers, training, cross-entropy), [`lesson`] (the catalogue, and what float64 shows rounded), [`number`] (how numbers are written), [`value_input`] (what the learner typed) |
//! | the app | [`app`] (model, messages, update), [`keys`] (keys to messages), [`ui`] (drawing only), [`i18n`] (texts) |
//! | the course | [`exercise`] (questions, answers read, hints, nearly right), [`progress`] (what the learner did, what counts as read, the stores) |
//! | the way in and out | [`input`] (bytes to events), [`session`] (events to a frame, for any front end), [`output`] (everything written), [`charset`] (the terminal's character set), [`look`] (what the terminal can draw), [`width`] (the cells text takes) |
//! | front ends | [`terminal`] (this process's terminal), [`cli`] (the command line, with the completions and manual pages made from it), [`plain`] (`list`, `show`, `eval`) |

pub mod activation;
pub mod app;
pub mod charset;
pub mod cli;
pub mod exercise;
pub mod i18n;
pub mod input;
pub mod keys;
pub mod lesson;
pub mod look;
pub mod network;
pub mod number;
pub mod output;
pub mod plain;
pub mod progress;
#[cfg(feature = "serve")]
pub mod serve;
pub mod session;
pub mod terminal;
pub mod ui;
pub mod value_input;
pub mod width;

pub use cli::run_cli;

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
