//! The chart of each lesson: its data (the functions, the values typed, the
//! evaluation on show) turned into the chart widget's curves, bars, guides, marks
//! and labels, at the UI edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::fit;
use super::{chart, function_name_id, theme, tr};
use crate::activation::{EXP_LIMIT_F32, EXP_LIMIT_F64, Scalar};
use crate::app::App;
use crate::lesson::{Evaluation, Kind, Range};
use crate::number::{
    SIGNIFICANT, display, display_cut, display_digits, display_honest, display_pow10_digits,
};

/// Axis ticks labelled with our number format.
fn ticks(values: &[f64]) -> Vec<(f64, String)> {
    values.iter().map(|&v| (v, display(v))).collect()
}

/// A label for each number of digits, most precise first.
fn labels(make: impl Fn(usize) -> String) -> Vec<String> {
    let mut out: Vec<String> = (1..=SIGNIFICANT).rev().map(make).collect();
    out.dedup();
    out
}

/// Ticks of a log-scale axis, at powers of ten given by their exponents: `1`,
/// `1e-5`, `1e300`.
fn powers_of_ten(exponents: &[f64]) -> Vec<(f64, String)> {
    exponents
        .iter()
        .map(|&v| {
            (
                v,
                if v == 0.0 {
                    "1".into()
                } else {
                    format!("1e{v}")
                },
            )
        })
        .collect()
}

/// The labels of a point `(x, y)`, most precise first: numbers as the results
/// write them (never a whole number they are not), then cut with a mark.
fn point_labels(x: f64, y: f64, ascii: bool) -> Vec<String> {
    let mark = fit::ellipsis(ascii);
    let mut out = labels(|d| format!("({}, {})", display_honest(x, d), display_honest(y, d)));
    out.extend(labels(|d| {
        format!("({}, {})", display_cut(x, d, mark), display_cut(y, d, mark))
    }));
    out.dedup();
    out
}

/// The chart of the lesson on show, in `area` (inside the chart pane's border).
pub(super) fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let Some(spec) = app.lesson.chart() else {
        return;
    };
    let page = app.page();
    let axis = |range, ticks, name: &str| chart::Axis {
        range,
        ticks,
        name: tr.t(name),
    };
    // After an input error the chart shows no values: the ones it had are not the
    // ones the error is about.
    let shows = page.chart_shows_values();
    let points = if shows { page.marks() } else { Vec::new() };
    let probe = |labels: Vec<String>| {
        page.probe()
            .filter(|_| shows)
            .map(|(x, y)| chart::Probe { x, y, labels })
    };
    match app.lesson.kind() {
        Kind::Intro => {}
        Kind::Scalar(f) => {
            let label = page
                .probe()
                .map_or_else(Vec::new, |(x, y)| point_labels(x, y, app.look.ascii));
            let names = |id: &str| vec![tr.t(id), tr.t(&format!("{id}-short"))];
            let (h, dh) = if app.derivative() {
                (names("curve-h"), names("curve-dh"))
            } else {
                (Vec::new(), Vec::new())
            };
            let fns = [(f, h, dh)];
            let curves = function_curves(&fns, app.derivative());
            chart::Chart {
                x: axis(spec.x, ticks(spec.x_ticks), "axis-x"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-y"),
                series: chart::Series::Functions(curves.curves()),
                guides: vec![],
                zero_line: true,
                marks: points,
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
        Kind::Modern => {
            let shown = page.shown_functions();
            let label = match (page.selection(), page.probe()) {
                (Some((i, k)), Some((x, y))) if !shown.is_empty() => {
                    // The values go function by function: k / (how many x) is the
                    // function.
                    let xs = match page.evaluations().get(i) {
                        Some(Evaluation::Functions { xs, .. }) => xs.len().max(1),
                        _ => 1,
                    };
                    let f = shown[(k / xs).min(shown.len() - 1)];
                    let name = tr.t(&function_name_id(f, true));
                    point_labels(x, y, app.look.ascii)
                        .into_iter()
                        .map(|l| format!("{name} {l}"))
                        .collect()
                }
                _ => Vec::new(),
            };
            let fns: Vec<(Scalar, Vec<String>, Vec<String>)> = shown
                .iter()
                .map(|&f| {
                    let long = tr.t(&function_name_id(f, false));
                    let short = tr.t(&function_name_id(f, true));
                    let mut names = vec![long, short.clone()];
                    names.dedup();
                    (f, names, vec![format!("{short}'")])
                })
                .collect();
            let curves = function_curves(&fns, app.derivative());
            chart::Chart {
                x: axis(spec.x, ticks(spec.x_ticks), "axis-x"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-y"),
                series: chart::Series::Functions(curves.curves()),
                guides: vec![],
                zero_line: true,
                marks: points,
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
        Kind::Vanishing => vanishing_chart(app, area, buf),
        Kind::Softmax => {
            let (inputs, probs) = match page.evaluations().last() {
                Some(Evaluation::Softmax { inputs, probs, .. }) if shows => {
                    (inputs.clone(), probs.clone())
                }
                _ => (vec![], vec![]),
            };
            let n = probs.len().max(1);
            // The classes the lesson's text names, for as many outputs; else their
            // numbers.
            let classes = probs.len() == SOFTMAX_CLASSES.len();
            let names: Vec<String> = if classes {
                SOFTMAX_CLASSES.iter().map(|id| tr.t(id)).collect()
            } else {
                (1..=probs.len()).map(|k| k.to_string()).collect()
            };
            let shares = probs.iter().map(|&p| percent(p)).collect();
            // The chosen bar's input and probability, after its class's name.
            let label = page
                .selection()
                .and_then(|(_, k)| Some((*inputs.get(k)?, *probs.get(k)?, names.get(k)?)))
                .map_or_else(Vec::new, |(a, y, name)| {
                    point_labels(a, y, app.look.ascii)
                        .into_iter()
                        .map(|l| if classes { format!("{name} {l}") } else { l })
                        .collect()
                });
            let bars = chart::Bars {
                values: probs,
                names,
                shares,
            };
            chart::Chart {
                x: axis(Range::new(0.0, n as f64), vec![], "axis-class"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-prob"),
                series: chart::Series::Bars(bars),
                guides: vec![],
                zero_line: true,
                marks: vec![],
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
        Kind::Overflow => {
            let log_exp = |x: f64| {
                if x <= EXP_LIMIT_F64 {
                    x * std::f64::consts::LOG10_E
                } else {
                    f64::INFINITY
                }
            };
            let continuous = |_, _| true;
            let y_ticks = powers_of_ten(spec.y_ticks);
            let label = page.probe().map_or_else(Vec::new, |(x, _)| {
                labels(|d| {
                    tr.f(
                        "probe-exp",
                        &[
                            ("x", display_digits(x, d).into()),
                            (
                                "value",
                                display_digits(crate::activation::exp_f64(x), d).into(),
                            ),
                        ],
                    )
                })
            });
            let guide = |x, long: &str, short: &str| chart::Guide {
                x,
                labels: vec![tr.t(long), tr.t(short)],
            };
            chart::Chart {
                x: axis(spec.x, ticks(spec.x_ticks), "axis-x"),
                y: axis(spec.y, y_ticks, "axis-exp"),
                series: chart::Series::function(&log_exp, &continuous),
                guides: vec![
                    guide(EXP_LIMIT_F32, "guide-float32", "guide-float32-short"),
                    guide(EXP_LIMIT_F64, "guide-float64", "guide-float64-short"),
                ],
                zero_line: true,
                marks: points,
                probe: probe(label),
                marker: app.look.marker,
                theme: t,
            }
            .render(area, buf);
        }
    }
}

/// The curves of functions (and, with `derivative`, of their derivatives) as the
/// chart draws them: the functions solid and dashed in turn, every derivative
/// dotted, each named as given.
struct FunctionCurves {
    evals: Vec<Box<dyn Fn(f64) -> f64>>,
    continuity: Vec<Box<dyn Fn(f64, f64) -> bool>>,
    specs: Vec<(chart::Pattern, Vec<String>, Vec<f64>)>,
}

impl FunctionCurves {
    fn curves(&self) -> Vec<chart::Curve<'_>> {
        self.evals
            .iter()
            .zip(&self.continuity)
            .zip(&self.specs)
            .map(|((f, c), (pattern, labels, gaps))| chart::Curve {
                f: f.as_ref(),
                continuous: c.as_ref(),
                gaps: gaps.clone(),
                pattern: *pattern,
                labels: labels.clone(),
            })
            .collect()
    }
}

fn function_curves(fns: &[(Scalar, Vec<String>, Vec<String>)], derivative: bool) -> FunctionCurves {
    let mut out = FunctionCurves {
        evals: Vec::new(),
        continuity: Vec::new(),
        specs: Vec::new(),
    };
    for (i, (f, names, _)) in fns.iter().enumerate() {
        let f = *f;
        out.evals.push(Box::new(move |x| f.eval(x)));
        out.continuity
            .push(Box::new(move |a, b| f.continuous_between(a, b)));
        let pattern = if i % 2 == 0 {
            chart::Pattern::Solid
        } else {
            chart::Pattern::Dashed
        };
        out.specs.push((pattern, names.clone(), Vec::new()));
    }
    if derivative {
        for (f, _, names) in fns {
            let f = *f;
            out.evals.push(Box::new(move |x| f.derivative(x)));
            out.continuity
                .push(Box::new(move |a, b| f.derivative_continuous_between(a, b)));
            let gaps = f.undefined_derivative_at().into_iter().collect();
            out.specs
                .push((chart::Pattern::Dotted, names.clone(), gaps));
        }
    }
    out
}

/// The chart of the lesson `vanishing`: over the number of layers, on a log scale,
/// the largest gradient through sigmoid layers (`0.25^n`), and the gradient of one
/// chain from the `x` chosen through layers of each function, as the results' table
/// has them: sigmoid, tanh and ReLU (which is 0 from the first layer on when x <= 0:
/// its line falls off the chart there).
fn vanishing_chart(app: &App, area: Rect, buf: &mut Buffer) {
    let t = theme(app);
    let tr = tr(app);
    let page = app.page();
    let shows = page.chart_shows_values();
    let Some(Evaluation::Vanishing {
        layers, x, chains, ..
    }) = page
        .evaluations()
        .iter()
        .rev()
        .find(|e| matches!(e, Evaluation::Vanishing { .. }))
    else {
        return;
    };
    // Each chain as log10 of its gradient after 0, 1, 2... layers (1 after none).
    let logs: Vec<(Scalar, Vec<f64>)> = chains
        .iter()
        .map(|(f, c)| {
            let after = c.layers.iter().map(|l| l.product.abs().log10());
            (*f, std::iter::once(0.0).chain(after).collect())
        })
        .collect();
    let lowest = logs
        .iter()
        .flat_map(|(_, l)| l.iter().copied())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::min);
    let frame = crate::lesson::VanishingFrame::new(*layers, lowest);
    // A gradient of 0 is drawn below the chart, so that its line falls off it.
    let floor = frame.y.min - frame.y.span();
    let bound = |n: f64| n * 0.25f64.log10();
    let n_max = f64::from(*layers);
    let along = |log: &[f64], n: f64| chain_line(log, n, n_max, floor);
    let chain_of = |f: Scalar| {
        logs.iter()
            .find(|(g, _)| *g == f)
            .map(|(_, l)| l.clone())
            .unwrap_or_default()
    };
    let (sigmoid, tanh, relu) = (
        chain_of(Scalar::Sigmoid),
        chain_of(Scalar::Tanh),
        chain_of(Scalar::Relu),
    );
    let sigmoid_along = |n: f64| along(&sigmoid, n);
    let tanh_along = |n: f64| along(&tanh, n);
    let relu_along = |n: f64| along(&relu, n);
    let always = |_, _| true;
    let names = |id: &str| vec![tr.t(id), tr.t(&format!("{id}-short"))];
    let start = display(*x);
    let chain_names = |f: Scalar| {
        let function = tr.t(&function_name_id(f, true));
        let args = |id: &str| {
            tr.f(
                id,
                &[
                    ("function", function.as_str().into()),
                    ("x", start.as_str().into()),
                ],
            )
        };
        vec![args("curve-chain"), args("curve-chain-short")]
    };
    let curves = vec![
        chart::Curve {
            f: &bound,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Solid,
            labels: names("curve-largest-sigmoid"),
        },
        chart::Curve {
            f: &sigmoid_along,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Dotted,
            labels: chain_names(Scalar::Sigmoid),
        },
        chart::Curve {
            f: &tanh_along,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Dashed,
            labels: chain_names(Scalar::Tanh),
        },
        chart::Curve {
            f: &relu_along,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Sparse,
            labels: chain_names(Scalar::Relu),
        },
    ];
    let y_ticks = powers_of_ten(&frame.y_ticks);
    let points = if shows { page.marks() } else { Vec::new() };
    // The gradient as a number while float64 holds it, as a power of ten beyond.
    let gradient = |log10: f64, d: usize| {
        let v = 10f64.powf(log10);
        if v.is_normal() {
            display_digits(v, d)
        } else {
            display_pow10_digits(log10, d)
        }
    };
    let label = page.probe().map_or_else(Vec::new, |(n, y)| {
        labels(|d| format!("({}, {})", display_digits(n, d), gradient(y, d)))
    });
    let probe = page.probe().filter(|_| shows).map(|(x, y)| chart::Probe {
        x,
        y,
        labels: label,
    });
    chart::Chart {
        x: chart::Axis {
            range: frame.x,
            ticks: ticks(&frame.x_ticks),
            name: tr.t("axis-layers"),
        },
        y: chart::Axis {
            range: frame.y,
            ticks: y_ticks,
            name: tr.t("axis-gradient"),
        },
        series: chart::Series::Functions(curves),
        guides: vec![],
        zero_line: false,
        // The values asked for: the largest gradients through the layers chosen.
        marks: points,
        probe,
        marker: app.look.marker,
        theme: t,
    }
    .render(area, buf);
}

/// The message ids of the classes of the softmax lesson's example, in the order of
/// its inputs (the lesson's text names them: a dog, a cat or a bird).
pub const SOFTMAX_CLASSES: [&str; 3] = ["softmax-class-1", "softmax-class-2", "softmax-class-3"];

/// A probability as a bar's label, in percent: whole percents from 10% to 90%, one
/// decimal below and above; `0%` and `100%` only for exactly 0 and 1 (`<0.1%` and
/// `>99.9%` short of them), so a label never says all or nothing where the value
/// does not.
pub fn percent(p: f64) -> String {
    if !p.is_finite() {
        return display(p);
    }
    let pct = p * 100.0;
    if p == 0.0 {
        "0%".into()
    } else if p == 1.0 {
        "100%".into()
    } else if pct < 0.1 {
        "<0.1%".into()
    } else if pct > 99.9 {
        ">99.9%".into()
    } else if (10.0..=90.0).contains(&pct) {
        format!("{pct:.0}%")
    } else {
        format!("{pct:.1}%")
    }
}

/// The line of a chain of gradients on a log scale at `n` layers (from 0 to
/// `n_max`): between two layers, the line between their points (`log` holds log10
/// of the gradient after 0, 1, 2... layers). A gradient of 0 (log10 -inf) stands at
/// `floor`, below the chart, so that the line falls off the chart there.
fn chain_line(log: &[f64], n: f64, n_max: f64, floor: f64) -> f64 {
    if !(0.0..=n_max).contains(&n) || log.is_empty() {
        return f64::NAN;
    }
    let at = |k: usize| match log[k.min(log.len() - 1)] {
        v if v == f64::NEG_INFINITY => floor,
        v => v,
    };
    let k = n.floor() as usize;
    let (a, b) = (at(k), at(k + 1));
    a + (b - a) * n.fract()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::gradient_chain;

    /// log10 of the gradient of ReLU's chain from `x` after 0, 1, ... `layers` layers.
    fn relu_logs(x: f64, layers: usize) -> Vec<f64> {
        let chain = gradient_chain(Scalar::Relu, x, layers);
        std::iter::once(0.0)
            .chain(chain.layers.iter().map(|l| l.product.abs().log10()))
            .collect()
    }

    /// The ReLU line follows the table: from x <= 0 the gradient is 0 from the
    /// first layer on, and the line falls off the chart after n = 0; from x > 0 it
    /// is 1 at every layer.
    #[test]
    fn the_relu_line_follows_its_chain() {
        let floor = -20.0;
        for x in [-1.0, -0.001, 0.0] {
            let logs = relu_logs(x, 10);
            assert_eq!(chain_line(&logs, 0.0, 10.0, floor), 0.0, "x = {x}");
            for n in [1.0, 2.5, 10.0] {
                assert_eq!(chain_line(&logs, n, 10.0, floor), floor, "x = {x}, n = {n}");
            }
            assert!(
                chain_line(&logs, 0.5, 10.0, floor) < -5.0,
                "falling at once"
            );
        }
        let logs = relu_logs(2.0, 10);
        for n in [0.0, 0.5, 1.0, 7.3, 10.0] {
            assert_eq!(chain_line(&logs, n, 10.0, floor), 0.0, "n = {n}");
        }
        assert!(chain_line(&logs, 10.5, 10.0, floor).is_nan());
        assert!(chain_line(&[], 1.0, 10.0, floor).is_nan());
    }

    #[test]
    fn percentages_never_say_all_or_nothing_where_the_value_does_not() {
        for (p, shown) in [
            (0.018211273, "1.8%"),
            (0.24519181, "25%"),
            (0.73659691, "74%"),
            (0.0, "0%"),
            (1.0, "100%"),
            (0.99995460, ">99.9%"),
            (4.5397869e-05, "<0.1%"),
            (0.999, "99.9%"),
            (0.5, "50%"),
        ] {
            assert_eq!(percent(p), shown, "{p}");
        }
        assert_eq!(percent(f64::NAN), "NaN");
    }
}
