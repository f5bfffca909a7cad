//! Plain-text output for scripts, screen readers and copying: `list`, `show`,
//! `eval`. No escape codes, no interface.

use fluent_bundle::FluentValue;
use unicode_width::UnicodeWidthStr;

use crate::activation::{self, Scalar};
use crate::i18n::Tr;
use crate::lesson::{Kind, LessonId};
use crate::number::roundtrip;
use crate::output::visible;
use crate::ui::results;
use crate::ui::text::{formula_lines, lesson_lines, prose};
use crate::ui::theme::Theme;
use crate::value_input::{self, InputError};

/// Lesson ids and titles, one a line.
pub fn list(tr: Tr) -> String {
    let id_w = LessonId::ALL
        .iter()
        .map(|l| l.id().len())
        .max()
        .unwrap_or(0);
    LessonId::ALL
        .iter()
        .map(|l| format!("{:<id_w$}  {}\n", l.id(), tr.t(&l.title_id())))
        .collect()
}

fn lines_to_string<'a>(lines: impl IntoIterator<Item = &'a ratatui::text::Line<'a>>) -> String {
    lines
        .into_iter()
        .map(|l| format!("{}\n", l.to_string().trim_end()))
        .collect()
}

/// A lesson as plain text wrapped to `width`: title, formula, explanation, code,
/// and a table of values describing the chart.
pub fn show(tr: Tr, lesson: LessonId, width: usize) -> String {
    let width = width.max(20);
    let theme = Theme::plain();
    let mut out = String::new();
    let title = format!(
        "{} {}",
        tr.f(
            "lesson-position",
            &[
                ("current", (lesson.index() + 1).into()),
                ("total", LessonId::ALL.len().into()),
            ],
        ),
        tr.t(&lesson.title_id())
    );
    out.push_str(&title);
    out.push('\n');
    out.push_str(&"=".repeat(title.width()));
    out.push_str("\n\n");
    out.push_str(&lines_to_string(&formula_lines(
        tr.loc, tr.lang, lesson, width, &theme,
    )));
    out.push('\n');
    // The explanation and the code, as the pane shows them (code is never re-flowed).
    out.push_str(&lines_to_string(
        lesson_lines(tr.loc, tr.lang, lesson, width, &theme)
            .iter()
            .map(|l| &l.line),
    ));
    out.push('\n');
    let evaluations = match lesson.kind() {
        Kind::Intro => {
            out.push_str(&tr.t("intro-diagram"));
            out.push_str("\n\n");
            let caption = prose(&tr.t("intro-diagram-caption"), width, &theme);
            out.push_str(&lines_to_string(caption.iter().map(|(l, _)| l)));
            return out;
        }
        Kind::Scalar(_) => {
            let xs: Vec<f64> = (-5..=5).map(f64::from).collect();
            lesson.evaluate(&xs).into_iter().collect::<Vec<_>>()
        }
        Kind::Softmax | Kind::Overflow => lesson.example_evaluations(),
    };
    out.push_str(&tr.t("show-table-heading"));
    out.push('\n');
    let mut notes = Vec::new();
    for (i, evaluation) in evaluations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let table = results::evaluations(tr, std::slice::from_ref(evaluation), width, &theme);
        out.push_str(&lines_to_string(&table.main));
        for note in table.notes {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    if !notes.is_empty() {
        out.push('\n');
    }
    for note in &notes {
        out.push_str(&lines_to_string(note));
    }
    out
}

/// What `eval` can compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Scalar(Scalar),
    Softmax,
    SoftmaxNaive,
    Exp,
}

impl Function {
    pub const NAMES: [&'static str; 7] = [
        "step",
        "identity",
        "sigmoid",
        "relu",
        "softmax",
        "softmax-naive",
        "exp",
    ];

    pub fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "step" => Function::Scalar(Scalar::Step),
            "identity" => Function::Scalar(Scalar::Identity),
            "sigmoid" => Function::Scalar(Scalar::Sigmoid),
            "relu" => Function::Scalar(Scalar::Relu),
            "softmax" => Function::Softmax,
            "softmax-naive" => Function::SoftmaxNaive,
            "exp" => Function::Exp,
            _ => return None,
        })
    }
}

/// Why `eval` could not compute.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    UnknownFunction(String),
    Input(InputError),
}

/// Parses each argument by the input-box rules (so one argument may hold several
/// values) and numbers bad tokens across all of them.
fn parse_args(args: &[String]) -> Result<Vec<f64>, InputError> {
    let mut values = Vec::new();
    for arg in args {
        match value_input::parse_values(arg) {
            Ok(v) => values.extend(v),
            Err(InputError::Empty) => {}
            Err(InputError::BadToken { token, position }) => {
                return Err(InputError::BadToken {
                    token,
                    position: position + values.len(),
                });
            }
            Err(InputError::Lookalike {
                token,
                position,
                character,
            }) => {
                return Err(InputError::Lookalike {
                    token,
                    position: position + values.len(),
                    character,
                });
            }
            Err(e) => return Err(e),
        }
    }
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(values)
}

/// `input<TAB>result` lines, results in the shortest form that reads back exactly.
pub fn eval(function: &str, args: &[String]) -> Result<String, EvalError> {
    let f = Function::from_name(function)
        .ok_or_else(|| EvalError::UnknownFunction(function.to_string()))?;
    let xs = parse_args(args).map_err(EvalError::Input)?;
    let ys: Vec<f64> = match f {
        Function::Scalar(s) => xs.iter().map(|&x| s.eval(x)).collect(),
        Function::Softmax => activation::softmax(&xs),
        Function::SoftmaxNaive => activation::softmax_naive(&xs),
        Function::Exp => xs.iter().map(|&x| activation::exp_f64(x)).collect(),
    };
    Ok(xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| format!("{}\t{}\n", roundtrip(*x), roundtrip(*y)))
        .collect())
}

/// The localized message for an `eval` error.
pub fn eval_error_message(tr: Tr, error: &EvalError) -> String {
    match error {
        EvalError::UnknownFunction(name) => tr.f(
            "cli-unknown-function",
            &[
                ("function", FluentValue::from(visible(name).into_owned())),
                ("available", Function::NAMES.join(", ").into()),
            ],
        ),
        EvalError::Input(e) => {
            let message = results::error_message(tr, e);
            format!("{message}\n{}", tr.t("error-accepted"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_numbers_tokens_across_arguments() {
        let args = ["1, 2".to_string(), "x".to_string()];
        assert_eq!(
            eval("relu", &args),
            Err(EvalError::Input(InputError::BadToken {
                token: "x".into(),
                position: 3
            }))
        );
        assert_eq!(
            eval("tanh", &args),
            Err(EvalError::UnknownFunction("tanh".into()))
        );
        assert_eq!(
            eval("relu", &["".into()]),
            Err(EvalError::Input(InputError::Empty))
        );
    }
}
