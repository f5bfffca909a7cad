//! Plain-text output for scripts, screen readers and copying: `list`, `show`,
//! `eval`. No escape codes, no interface.

use crate::width::StrWidth;
use fluent_bundle::FluentValue;

use crate::activation::{self, Scalar};
use crate::i18n::Tr;
use crate::lesson::{self, Kind, LessonId};
use crate::network::cross_entropy;
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
        Kind::Modern => {
            // Every function of the lesson, each in a table of its own (x, f, f').
            out.push_str(&tr.t("show-table-heading"));
            out.push('\n');
            let xs: Vec<f64> = (-4..=4).map(f64::from).collect();
            let mut notes = Vec::new();
            for f in lesson::MODERN {
                out.push('\n');
                out.push_str(&tr.t(&crate::ui::function_name_id(f, false)));
                out.push('\n');
                let view = results::View {
                    derivative: true,
                    functions: std::slice::from_ref(&f),
                };
                let eval = lesson::Evaluation::Functions {
                    xs: xs.clone(),
                    misread: Vec::new(),
                };
                let table =
                    results::evaluations(tr, std::slice::from_ref(&eval), view, width, &theme);
                out.push_str(&lines_to_string(&table.main));
                for note in table.notes {
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
            }
            let both = results::evaluations(
                tr,
                &[lesson::Evaluation::Functions {
                    xs: vec![],
                    misread: vec![],
                }],
                results::View {
                    derivative: true,
                    functions: &lesson::MODERN,
                },
                width,
                &theme,
            );
            for note in both.notes {
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
            if !notes.is_empty() {
                out.push('\n');
            }
            for note in &notes {
                out.push_str(&lines_to_string(note));
            }
            return out;
        }
        Kind::Softmax | Kind::Overflow | Kind::Vanishing => lesson.example_evaluations(),
    };
    out.push_str(&tr.t("show-table-heading"));
    out.push('\n');
    let mut notes = Vec::new();
    for (i, evaluation) in evaluations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let view = results::View {
            derivative: true,
            functions: &lesson::MODERN,
        };
        let table = results::evaluations(tr, std::slice::from_ref(evaluation), view, width, &theme);
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
    LogSoftmax,
    /// The cross-entropy of softmax for the class `--target K`: one loss for the
    /// list; with `--derivative`, its gradient `y - t` for each logit.
    CrossEntropy,
    Exp,
}

impl Function {
    /// The functions of a whole list (each result depends on every input): they
    /// have no derivative in the scalar sense.
    const VECTOR: [(&'static str, Function); 4] = [
        ("softmax", Function::Softmax),
        ("softmax-naive", Function::SoftmaxNaive),
        ("log-softmax", Function::LogSoftmax),
        ("cross-entropy", Function::CrossEntropy),
    ];

    /// Every name `eval` accepts, scalar functions first.
    pub fn names() -> Vec<&'static str> {
        let mut names = Function::scalar_names();
        names.extend(Function::VECTOR.iter().map(|(n, _)| *n));
        names
    }

    /// The names that `--derivative` accepts.
    pub fn scalar_names() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Scalar::ALL.iter().map(|s| s.id()).collect();
        names.push("exp");
        names
    }

    /// The function named `name`; `_` may stand for `-` (`leaky_relu`, as the
    /// lessons' Python names it), and case does not matter.
    pub fn from_name(name: &str) -> Option<Function> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        let name = name.as_str();
        if let Some(s) = Scalar::from_id(name) {
            return Some(Function::Scalar(s));
        }
        if name == "exp" {
            return Some(Function::Exp);
        }
        Function::VECTOR
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }

    /// The names that `--derivative` accepts: the scalar functions, and
    /// cross-entropy (its gradient).
    pub fn derivative_names() -> Vec<&'static str> {
        let mut names = Function::scalar_names();
        names.push("cross-entropy");
        names
    }

    /// Scalar functions map each input alone; their derivative exists.
    pub fn is_scalar(self) -> bool {
        matches!(self, Function::Scalar(_) | Function::Exp)
    }

    /// Whether `--derivative` means something: f'(x), or the gradient of the loss.
    pub fn has_derivative(self) -> bool {
        self.is_scalar() || self == Function::CrossEntropy
    }
}

/// Why `eval` could not compute.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    UnknownFunction(String),
    /// `--derivative` of softmax, softmax-naive or log-softmax.
    NoDerivative(String),
    Input(InputError),
    /// cross-entropy without `--target` (`classes` logits were given).
    MissingTarget {
        classes: usize,
    },
    /// `--target` with another function than cross-entropy.
    TargetUnused(String),
    /// `--target` that is not a whole number (as given).
    TargetNotWhole {
        target: String,
        classes: usize,
    },
    /// `--target` outside 0 to `classes - 1` (as given).
    TargetOutOfRange {
        target: String,
        classes: usize,
    },
}

/// Parses each argument by the input-box rules (so one argument may hold several
/// values) and numbers bad tokens across all of them.
fn parse_args(args: &[String]) -> Result<Vec<f64>, InputError> {
    let mut values = Vec::new();
    for arg in args {
        match value_input::parse_all(arg) {
            Ok(v) => values.extend(v),
            Err(InputError::Empty) => {}
            Err(e) => return Err(e.renumbered(|p| p + values.len())),
        }
    }
    if values.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(values)
}

/// Removes `--target K` / `--target=K` from the values of `eval` (clap hands a
/// flag that follows the values over as more values); returns the rest and the
/// last K.
pub fn take_target_flag(values: Vec<String>) -> (Vec<String>, Option<String>) {
    let mut rest = Vec::new();
    let mut target = None;
    let mut it = values.into_iter();
    while let Some(v) = it.next() {
        if v == "--target" {
            target = it.next().or(target);
        } else if let Some(k) = v.strip_prefix("--target=") {
            target = Some(k.to_string());
        } else {
            rest.push(v);
        }
    }
    (rest, target)
}

/// The class `--target` names, 0 to `classes - 1`: a whole number written as the
/// input box reads numbers (`２` and `2.0` are 2).
fn parse_target(target: &str, classes: usize) -> Result<usize, EvalError> {
    let not_whole = || EvalError::TargetNotWhole {
        target: target.to_string(),
        classes,
    };
    let value = match value_input::parse_values(target).as_deref() {
        Ok([v]) => *v,
        _ => return Err(not_whole()),
    };
    if !value.is_finite() || value.fract() != 0.0 {
        return Err(not_whole());
    }
    if value < 0.0 || value >= classes as f64 {
        return Err(EvalError::TargetOutOfRange {
            target: target.to_string(),
            classes,
        });
    }
    Ok(value as usize)
}

/// Removes `--derivative` from the values of `eval`: they may start with `-`
/// (`-2`, `-inf`), so clap takes a flag that follows them for one more value.
pub fn take_derivative_flag(values: Vec<String>) -> (Vec<String>, bool) {
    let before = values.len();
    let rest: Vec<String> = values.into_iter().filter(|v| v != "--derivative").collect();
    let found = rest.len() != before;
    (rest, found)
}

/// `input<TAB>result` lines, results in the shortest form that reads back exactly.
/// With `derivative`, the result is f'(input) (`NaN` where f' is undefined: step,
/// ReLU and Leaky ReLU at 0).
pub fn eval(function: &str, args: &[String], derivative: bool) -> Result<String, EvalError> {
    eval_for_target(function, args, derivative, None)
}

/// [`eval`], with the `--target` given (cross-entropy only). Cross-entropy prints
/// its loss alone on a line; with `derivative`, `logit<TAB>gradient` lines.
pub fn eval_for_target(
    function: &str,
    args: &[String],
    derivative: bool,
    target: Option<&str>,
) -> Result<String, EvalError> {
    let f = Function::from_name(function)
        .ok_or_else(|| EvalError::UnknownFunction(function.to_string()))?;
    if derivative && !f.has_derivative() {
        return Err(EvalError::NoDerivative(function.to_string()));
    }
    if target.is_some() && f != Function::CrossEntropy {
        return Err(EvalError::TargetUnused(function.to_string()));
    }
    let xs = parse_args(args).map_err(EvalError::Input)?;
    if f == Function::CrossEntropy {
        let classes = xs.len();
        let target = target.ok_or(EvalError::MissingTarget { classes })?;
        let k = parse_target(target, classes)?;
        // parse_target keeps k below the number of logits, which is at least one.
        return Ok(if derivative {
            let g = cross_entropy::gradient(&xs, k).unwrap_or_default();
            lines(&xs, &g)
        } else {
            let loss = cross_entropy::loss(&xs, k).unwrap_or(f64::NAN);
            format!("{}\n", roundtrip(loss))
        });
    }
    let ys: Vec<f64> = match f {
        Function::Scalar(s) if derivative => xs.iter().map(|&x| s.derivative(x)).collect(),
        Function::Scalar(s) => xs.iter().map(|&x| s.eval(x)).collect(),
        Function::Softmax => activation::softmax(&xs),
        Function::SoftmaxNaive => activation::softmax_naive(&xs),
        Function::LogSoftmax => activation::log_softmax(&xs),
        // exp is its own derivative.
        Function::Exp => xs.iter().map(|&x| activation::exp_f64(x)).collect(),
        Function::CrossEntropy => unreachable!("answered above"),
    };
    Ok(lines(&xs, &ys))
}

/// `input<TAB>result` lines.
fn lines(xs: &[f64], ys: &[f64]) -> String {
    xs.iter()
        .zip(ys)
        .map(|(x, y)| format!("{}\t{}\n", roundtrip(*x), roundtrip(*y)))
        .collect()
}

/// A name from the command line, safe to print: control characters shown as
/// escapes (`\u{1b}`, see [`visible`]), and at most 40 characters.
fn shown_name(name: &str) -> String {
    const MAX: usize = 40;
    let head: String = name.chars().take(MAX).collect();
    let mut out = visible(&head).into_owned();
    if name.chars().count() > MAX {
        out.push_str("...");
    }
    out
}

/// The localized message for an `eval` error.
pub fn eval_error_message(tr: Tr, error: &EvalError) -> String {
    match error {
        EvalError::UnknownFunction(name) => tr.f(
            "cli-unknown-function",
            &[
                ("function", FluentValue::from(shown_name(name))),
                ("available", Function::names().join(", ").into()),
            ],
        ),
        EvalError::NoDerivative(name) => tr.f(
            "eval-no-derivative",
            &[
                ("function", FluentValue::from(shown_name(name))),
                ("available", Function::derivative_names().join(", ").into()),
            ],
        ),
        EvalError::MissingTarget { classes } => tr.f(
            "eval-target-missing",
            &[
                ("classes", (*classes).into()),
                ("last", classes.saturating_sub(1).into()),
            ],
        ),
        EvalError::TargetUnused(name) => tr.f(
            "eval-target-unused",
            &[("function", FluentValue::from(shown_name(name)))],
        ),
        EvalError::TargetNotWhole { target, classes } => tr.f(
            "eval-target-not-whole",
            &[
                ("target", FluentValue::from(shown_name(target))),
                ("classes", (*classes).into()),
                ("last", classes.saturating_sub(1).into()),
            ],
        ),
        EvalError::TargetOutOfRange { target, classes } => tr.f(
            "eval-target-out-of-range",
            &[
                ("target", FluentValue::from(shown_name(target))),
                ("classes", (*classes).into()),
                ("last", classes.saturating_sub(1).into()),
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
            eval("relu", &args, false),
            Err(EvalError::Input(InputError::BadToken {
                token: "x".into(),
                position: 3
            }))
        );
        assert_eq!(
            eval("swish", &args, false),
            Err(EvalError::UnknownFunction("swish".into()))
        );
        assert_eq!(
            eval("relu", &["".into()], false),
            Err(EvalError::Input(InputError::Empty))
        );
    }

    #[test]
    fn every_name_is_found_and_the_derivative_only_for_scalar_functions() {
        for name in Function::names() {
            let f = Function::from_name(name).expect(name);
            let target = (f == Function::CrossEntropy).then_some("0");
            let d = eval_for_target(name, &["1".into()], true, target);
            if f.has_derivative() {
                assert!(d.is_ok(), "{name}");
            } else {
                assert_eq!(d, Err(EvalError::NoDerivative(name.into())));
            }
        }
        assert_eq!(Function::names().len(), 11 + 5);
        assert_eq!(
            eval("relu", &["-1 0 2".into()], true),
            Ok("-1.0\t0.0\n0.0\tNaN\n2.0\t1.0\n".into())
        );
        assert_eq!(
            eval("exp", &["1".into()], true),
            eval("exp", &["1".into()], false)
        );
    }

    #[test]
    fn cross_entropy_takes_a_whole_class_in_range() {
        let logits = ["0.3 2.9 4.0".to_string()];
        let ce = |t: Option<&str>| eval_for_target("cross-entropy", &logits, false, t);
        // mpmath: 0.3057144648124521017...; within 2 ulp (tests/math.rs checks 1,000 more).
        let loss: f64 = ce(Some("2")).unwrap().trim().parse().unwrap();
        assert!(
            loss.to_bits()
                .abs_diff(0.305_714_464_812_452_1_f64.to_bits())
                <= 2
        );
        assert_eq!(ce(Some("２")), ce(Some("2")));
        assert_eq!(ce(Some("2.0")), ce(Some("2")));
        assert_eq!(ce(None), Err(EvalError::MissingTarget { classes: 3 }));
        for bad in ["3", "-1", "1e300"] {
            assert_eq!(
                ce(Some(bad)),
                Err(EvalError::TargetOutOfRange {
                    target: bad.into(),
                    classes: 3
                }),
                "{bad}"
            );
        }
        for bad in ["x", "1.5", "nan", "inf", "", "1 2", "10²"] {
            assert_eq!(
                ce(Some(bad)),
                Err(EvalError::TargetNotWhole {
                    target: bad.into(),
                    classes: 3
                }),
                "{bad}"
            );
        }
        assert_eq!(
            eval_for_target("softmax", &logits, false, Some("1")),
            Err(EvalError::TargetUnused("softmax".into()))
        );
        // The logits are read first: a bad one is named before the target.
        assert!(matches!(
            eval_for_target("cross-entropy", &["1 x".into()], false, Some("9")),
            Err(EvalError::Input(_))
        ));
        let gradient = eval_for_target("cross-entropy", &["0 1000".into()], true, Some("0"));
        assert_eq!(gradient, Ok("0.0\t-1.0\n1000.0\t1.0\n".into()));
        assert_eq!(
            take_target_flag(vec!["1".into(), "--target".into(), "2".into(), "3".into()]),
            (vec!["1".into(), "3".into()], Some("2".into()))
        );
        assert_eq!(
            take_target_flag(vec!["--target=1".into(), "4".into()]),
            (vec!["4".into()], Some("1".into()))
        );
    }

    #[test]
    fn names_from_the_command_line_are_made_visible() {
        assert_eq!(shown_name("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            shown_name(&"x".repeat(50)),
            format!("{}...", "x".repeat(40))
        );
        assert_eq!(shown_name("シグモイド"), "シグモイド");
    }
}
