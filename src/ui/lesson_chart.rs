//! The chart of each lesson: its data (the functions, the values typed, the
//! evaluation on show) turned into the chart widget's curves, bars, guides, marks
//! and labels, at the UI edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

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
            let bar_labels: Vec<String> = inputs.iter().map(|&a| display(a)).collect();
            // Label bars with the inputs when they fit, else with their numbers
            // (every second or third one when even those are crowded).
            let plot_w = usize::from(area.width).saturating_sub(6);
            let fits = bar_labels.iter().all(|l| (l.width() + 1) * n <= plot_w);
            let bar_labels: Vec<String> = if fits {
                bar_labels
            } else {
                (1..=n).map(|k| k.to_string()).collect()
            };
            let widest = bar_labels.iter().map(|l| l.width() + 1).max().unwrap_or(1);
            let stride = (widest * n).div_ceil(plot_w.max(1)).max(1);
            let x_ticks = bar_labels
                .into_iter()
                .enumerate()
                .filter(|(k, _)| k % stride == 0)
                .map(|(k, label)| (k as f64 + 0.5, label))
                .collect();
            let label = page
                .selection()
                .and_then(|(_, k)| Some((*inputs.get(k)?, *probs.get(k)?)))
                .map_or_else(Vec::new, |(a, y)| point_labels(a, y, app.look.ascii));
            chart::Chart {
                x: axis(Range::new(0.0, n as f64), x_ticks, "axis-class"),
                y: axis(spec.y, ticks(spec.y_ticks), "axis-prob"),
                series: chart::Series::Bars(probs),
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

/// The chart of the lesson `vanishing`: over the number of layers, the largest
/// gradient through them (sigmoid's `0.25^n`; 1 for ReLU and tanh) and the gradient
/// of one chain (sigmoid, from the `x` chosen), on a log scale.
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
    let chain: Vec<f64> = chains
        .first()
        .map(|(_, c)| c.layers.iter().map(|l| l.product.abs().log10()).collect())
        .unwrap_or_default();
    let lowest = chain
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::min);
    let frame = crate::lesson::VanishingFrame::new(*layers, lowest);
    let bound = |n: f64| n * 0.25f64.log10();
    let one = |_: f64| 0.0;
    let n_max = f64::from(*layers);
    // Between two layers, the line between their points.
    let along = |n: f64| {
        if !(0.0..=n_max).contains(&n) {
            return f64::NAN;
        }
        let k = n.floor() as usize;
        let at = |k: usize| {
            if k == 0 {
                0.0
            } else {
                chain.get(k - 1).copied().unwrap_or(f64::NAN)
            }
        };
        let (a, b) = (at(k), at((k + 1).min(chain.len())));
        a + (b - a) * n.fract()
    };
    let always = |_, _| true;
    let names = |id: &str| vec![tr.t(id), tr.t(&format!("{id}-short"))];
    let start = display(*x);
    let curves = vec![
        chart::Curve {
            f: &bound,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Solid,
            labels: names("curve-largest-sigmoid"),
        },
        chart::Curve {
            f: &one,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Dashed,
            labels: names("curve-largest-one"),
        },
        chart::Curve {
            f: &along,
            continuous: &always,
            gaps: vec![],
            pattern: chart::Pattern::Dotted,
            labels: vec![
                tr.f("curve-chain", &[("x", start.as_str().into())]),
                tr.f("curve-chain-short", &[("x", start.as_str().into())]),
            ],
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
