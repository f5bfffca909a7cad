//! A function chart drawn with dots: braille (2x4 dots a cell), half blocks (1x2)
//! or ASCII (1x3). A curve is sampled once per dot column, so it is as smooth as
//! the terminal allows at any size; a jump is drawn as a jump; values that are not
//! finite are never plotted. Several curves on one chart are told apart without
//! colour: each has its own dot pattern (solid, dotted, dashed, sparse) and its name
//! written beside it, or in a legend, where the name covers no curve: a name never
//! stands in the gaps of a dotted or dashed curve, nor of the axis line. The y axis
//! is laid out so that its ticks are evenly spaced on the screen, and the x axis is
//! named at the start of its labels' row.

use crate::width::StrWidth;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::app::look::Marker;
use crate::lesson::Range;

use super::theme::Theme;

impl Marker {
    /// Dots per cell, across and down.
    fn resolution(self) -> (usize, usize) {
        match self {
            Marker::Braille => (2, 4),
            Marker::Block => (1, 2),
            Marker::Ascii => (1, 3),
        }
    }

    fn glyph(self, bits: u8) -> char {
        match self {
            Marker::Braille => {
                // Bit i of `bits` is dot (i % 2, i / 2); braille numbers them differently.
                const MAP: [u8; 8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80];
                let code = MAP
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .fold(0u32, |acc, (_, b)| acc | u32::from(*b));
                char::from_u32(0x2800 + code).unwrap_or(' ')
            }
            Marker::Block => match bits & 0b11 {
                0b01 => '▀',
                0b10 => '▄',
                0b11 => '█',
                _ => ' ',
            },
            Marker::Ascii => match bits & 0b111 {
                0 => ' ',
                0b001 => '\'',
                0b010 => '-',
                0b100 => '_',
                _ => '|',
            },
        }
    }

    /// The mark of the probe, a cell that stands out without colour.
    fn probe(self) -> char {
        match self {
            Marker::Braille => '⣿',
            Marker::Block => '█',
            Marker::Ascii => 'O',
        }
    }

    /// The mark of the other values entered: smaller than the probe's.
    fn mark(self) -> char {
        match self {
            Marker::Braille => '⠶',
            Marker::Block | Marker::Ascii => 'o',
        }
    }
}

/// A grid of dots, one bit per dot.
struct Dots {
    cols: usize,
    rows: usize,
    cx: usize,
    cy: usize,
    bits: Vec<u8>,
}

impl Dots {
    fn new(cols: usize, rows: usize, marker: Marker) -> Dots {
        let (cx, cy) = marker.resolution();
        Dots {
            cols,
            rows,
            cx,
            cy,
            bits: vec![0; cols * rows],
        }
    }

    fn width(&self) -> usize {
        self.cols * self.cx
    }

    fn height(&self) -> usize {
        self.rows * self.cy
    }

    fn set(&mut self, dx: usize, dy: usize) {
        if dx < self.width() && dy < self.height() {
            let cell = (dy / self.cy) * self.cols + dx / self.cx;
            let bit = (dy % self.cy) * self.cx + dx % self.cx;
            self.bits[cell] |= 1 << bit;
        }
    }

    /// Sets dots `from..=to` (either order) of column `dx`, clipped to the grid.
    fn vline(&mut self, dx: usize, from: f64, to: f64) {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        let max = self.height() as f64 - 1.0;
        if b < 0.0 || a > max {
            return;
        }
        let (a, b) = (a.max(0.0) as usize, b.min(max) as usize);
        for dy in a..=b {
            self.set(dx, dy);
        }
    }

    fn cell(&self, col: usize, row: usize) -> u8 {
        self.bits[row * self.cols + col]
    }
}

/// One axis: its range, its labelled ticks, its name.
#[derive(Debug, Clone)]
pub struct Axis {
    pub range: Range,
    pub ticks: Vec<(f64, String)>,
    pub name: String,
}

/// How a curve's dots are laid: every dot column, every other one, two on and two
/// off, or one in four. Told apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Solid,
    Dotted,
    Dashed,
    Sparse,
}

impl Pattern {
    /// The patterns in the order curves take them.
    pub const ALL: [Pattern; 4] = [
        Pattern::Solid,
        Pattern::Dotted,
        Pattern::Dashed,
        Pattern::Sparse,
    ];

    /// Whether dot column `i` is drawn.
    fn draws(self, i: usize) -> bool {
        match self {
            Pattern::Solid => true,
            Pattern::Dotted => i.is_multiple_of(2),
            Pattern::Dashed => (i / 2).is_multiple_of(2),
            Pattern::Sparse => i.is_multiple_of(4),
        }
    }
}

/// One curve `y = f(x)`.
#[derive(Clone)]
pub struct Curve<'a> {
    pub f: &'a dyn Fn(f64) -> f64,
    /// Whether to join the samples at `a` and `b` (false across a jump).
    pub continuous: &'a dyn Fn(f64, f64) -> bool,
    /// Where the function is not defined (the derivative of ReLU at 0): the dot
    /// column holding such an x stays empty, so the gap shows.
    pub gaps: Vec<f64>,
    pub pattern: Pattern,
    /// Names written beside the curve, longest first: the first that finds room
    /// is drawn. None: the curve is not named (a chart of one curve).
    pub labels: Vec<String>,
}

impl<'a> Curve<'a> {
    /// A solid, unnamed curve.
    pub fn plain(f: &'a dyn Fn(f64) -> f64, continuous: &'a dyn Fn(f64, f64) -> bool) -> Self {
        Curve {
            f,
            continuous,
            gaps: Vec::new(),
            pattern: Pattern::Solid,
            labels: Vec::new(),
        }
    }
}

/// What is plotted.
#[derive(Clone)]
pub enum Series<'a> {
    /// Curves; the first is the one the values entered are marked on.
    Functions(Vec<Curve<'a>>),
    /// One bar per value, from 0 (or the bottom of the y range, if above 0).
    Bars(Bars),
}

/// The bars of a bar chart, each labelled under it with its name and its share
/// (`bird` and `74%`): on one row where both fit under every bar, else on two; where
/// even the names do not fit, with their numbers (every second or third one where
/// those are crowded).
#[derive(Debug, Clone, Default)]
pub struct Bars {
    pub values: Vec<f64>,
    pub names: Vec<String>,
    pub shares: Vec<String>,
}

/// How the bars are labelled at a width: `(row 1, row 2)` of labels, at the centre
/// of the bar they name.
type BarLabels = (Vec<(f64, String)>, Vec<(f64, String)>);

impl Bars {
    /// The labels under bars `bar_w` cells wide.
    fn labels(&self, bar_w: usize) -> BarLabels {
        let n = self.values.len();
        let at = |k: usize| k as f64 + 0.5;
        let fits =
            |labels: &[String]| labels.len() == n && labels.iter().all(|l| l.width() < bar_w);
        let both: Vec<String> = self
            .names
            .iter()
            .zip(&self.shares)
            .map(|(name, share)| format!("{name} {share}"))
            .collect();
        let row = |labels: &[String]| -> Vec<(f64, String)> {
            labels
                .iter()
                .enumerate()
                .map(|(k, l)| (at(k), l.clone()))
                .collect()
        };
        if fits(&both) {
            return (row(&both), Vec::new());
        }
        if fits(&self.names) && fits(&self.shares) {
            return (row(&self.names), row(&self.shares));
        }
        // Their numbers, every `stride`-th where even those are crowded.
        let numbers: Vec<String> = (1..=n).map(|k| k.to_string()).collect();
        let widest = numbers.iter().map(|l| l.width() + 1).max().unwrap_or(1);
        let stride = widest.div_ceil(bar_w.max(1)).max(1);
        let thinned = numbers
            .into_iter()
            .enumerate()
            .filter(|(k, _)| k % stride == 0)
            .map(|(k, l)| (at(k), l))
            .collect();
        (thinned, Vec::new())
    }
}

impl<'a> Series<'a> {
    /// One solid, unnamed curve.
    pub fn function(
        f: &'a dyn Fn(f64) -> f64,
        continuous: &'a dyn Fn(f64, f64) -> bool,
    ) -> Series<'a> {
        Series::Functions(vec![Curve::plain(f, continuous)])
    }
}

/// A dotted vertical line at `x`, labelled beside the line where the label
/// covers neither the curve nor a mark: the first of `labels` (longest first) that
/// finds such a place, or none.
#[derive(Debug, Clone)]
pub struct Guide {
    pub x: f64,
    pub labels: Vec<String>,
}

/// The marked point and the texts that can name it on the top line (most precise
/// first; the first that fits is shown).
#[derive(Debug, Clone)]
pub struct Probe {
    pub x: f64,
    pub y: f64,
    pub labels: Vec<String>,
}

/// The chart widget.
#[derive(Clone)]
pub struct Chart<'a> {
    pub x: Axis,
    pub y: Axis,
    pub series: Series<'a>,
    pub guides: Vec<Guide>,
    /// Dot the line y = 0 lightly when it is inside the chart (not on a log scale,
    /// where y = 0 is the value 1).
    pub zero_line: bool,
    /// The values entered, marked on the curve (the probe among them is drawn as
    /// the probe).
    pub marks: Vec<(f64, f64)>,
    pub probe: Option<Probe>,
    pub marker: Marker,
    pub theme: Theme,
}

/// Where the parts of the chart go inside its area.
struct Frame {
    /// Width of the y tick labels column.
    label_w: u16,
    /// The dot area.
    plot: Rect,
    /// The labels under the x axis: one row, or two (a bar's name and its share).
    x_labels: BarLabels,
}

impl<'a> Chart<'a> {
    #[cfg(test)]
    fn frame(&self, area: Rect) -> Option<Frame> {
        self.frame_with(area, 0)
    }

    /// The frame with `legend_rows` rows kept under the x labels for a legend.
    fn frame_with(&self, area: Rect, legend_rows: u16) -> Option<Frame> {
        let y_w = self
            .y
            .ticks
            .iter()
            .map(|(_, l)| l.width())
            .chain(std::iter::once(self.y.name.width()))
            .max()
            .unwrap_or(0) as u16;
        let layout = |label_w: u16| -> Option<Frame> {
            let plot_w = area.width.checked_sub(label_w + 2)?;
            if plot_w < 4 {
                return None;
            }
            let x_labels = match &self.series {
                Series::Bars(bars) => bars.labels(usize::from(plot_w) / bars.values.len().max(1)),
                Series::Functions(_) => (self.x.ticks.clone(), Vec::new()),
            };
            // Rows: name/probe line, plot, axis line, the rows of x labels.
            let label_rows = if x_labels.1.is_empty() { 1 } else { 2 };
            let plot_h = area.height.checked_sub(2 + label_rows + legend_rows)?;
            if plot_h < 2 {
                return None;
            }
            Some(Frame {
                label_w,
                plot: Rect::new(area.x + label_w + 1, area.y + 1, plot_w, plot_h),
                x_labels,
            })
        };
        // The x axis is named at the start of its labels' row: the column of the y
        // labels widens for the name where the first label would leave it no room.
        let frame = layout(y_w)?;
        let need = self.x_name_room(&frame);
        if need == 0 {
            return Some(frame);
        }
        let wider = layout(y_w + need);
        match wider {
            Some(f) if self.x_name_room(&f) == 0 => Some(f),
            Some(f) => layout(f.label_w + self.x_name_room(&f)).or(Some(frame)),
            None => Some(frame),
        }
    }

    /// How many more cells the y labels' column needs for the x axis's name to
    /// stand before the first x label, with a space between (0: it fits).
    fn x_name_room(&self, frame: &Frame) -> u16 {
        let name_w = self.x.name.width() as u16;
        if name_w == 0 {
            return 0;
        }
        let first = frame.x_labels.0.first().and_then(|(v, l)| {
            let c = self.cell_col(frame.plot, *v)?;
            Some((frame.plot.x + c).saturating_sub(l.width() as u16 / 2))
        });
        let start = first.unwrap_or(frame.plot.x);
        let area_x = frame.plot.x - frame.label_w - 1;
        (area_x + name_w + 1).saturating_sub(start)
    }

    /// The chart laid out in `plot_h` rows: its y range and ticks such that the
    /// ticks are evenly spaced on the screen, each at the middle of its row (see
    /// [`even_ticks`]).
    fn laid_out(&self, plot_h: u16) -> Chart<'a> {
        let (range, ticks) = even_ticks(self.y.range, &self.y.ticks, usize::from(plot_h));
        Chart {
            y: Axis {
                range,
                ticks,
                name: self.y.name.clone(),
            },
            ..self.clone()
        }
    }

    /// Dot row (0 at the top, fractional) of `y`.
    fn dot_row(&self, dots: &Dots, y: f64) -> f64 {
        let r = (self.y.range.max - y) / self.y.range.span() * dots.height() as f64;
        if y == self.y.range.min { r - 0.5 } else { r }
    }

    /// Cell column (relative to the plot) of `x`, if inside the range.
    fn cell_col(&self, plot: Rect, x: f64) -> Option<u16> {
        if !self.x.range.contains(x) {
            return None;
        }
        let c = (x - self.x.range.min) / self.x.range.span() * f64::from(plot.width);
        Some((c as u16).min(plot.width - 1))
    }

    fn cell_row(&self, plot: Rect, y: f64) -> Option<u16> {
        if !self.y.range.contains(y) {
            return None;
        }
        let r = (self.y.range.max - y) / self.y.range.span() * f64::from(plot.height);
        Some((r as u16).min(plot.height - 1))
    }

    /// Dots of `curve`, one sample per dot column.
    fn plot_curve(&self, curve: &Curve, dots: &mut Dots) {
        self.plot_curve_and_solid(curve, dots, None);
    }

    /// Dots of `curve` in its pattern, and (into `solid`) in every dot column: the
    /// cells it passes through, from the same samples.
    fn plot_curve_and_solid(&self, curve: &Curve, dots: &mut Dots, mut solid: Option<&mut Dots>) {
        let n = dots.width();
        let span = self.x.range.span();
        let x_at = |i: usize| self.x.range.min + (i as f64 + 0.5) / n as f64 * span;
        let gap_columns: Vec<usize> = curve
            .gaps
            .iter()
            .filter(|g| self.x.range.contains(**g))
            .map(|g| (((g - self.x.range.min) / span * n as f64) as usize).min(n - 1))
            .collect();
        let mut prev: Option<(f64, f64)> = None;
        for i in 0..n {
            let x = x_at(i);
            let y = (curve.f)(x);
            if !y.is_finite() || gap_columns.contains(&i) {
                prev = None;
                continue;
            }
            let row = self.dot_row(dots, y);
            let from = match prev {
                Some((px, prow)) if (curve.continuous)(px, x) => {
                    // Join to the previous sample, in this column.
                    if (prow.floor() - row.floor()).abs() >= 1.0 {
                        prow + (row - prow).signum()
                    } else {
                        row
                    }
                }
                _ => row,
            };
            if curve.pattern.draws(i) {
                dots.vline(i, from.floor(), row.floor());
            }
            if let Some(solid) = solid.as_deref_mut() {
                solid.vline(i, from.floor(), row.floor());
            }
            prev = Some((x, row));
        }
    }

    fn plot_series(&self, dots: &mut Dots) {
        let n = dots.width();
        match &self.series {
            Series::Functions(curves) => {
                for curve in curves {
                    self.plot_curve(curve, dots);
                }
            }
            Series::Bars(bars) => {
                let values = &bars.values;
                let k = values.len().max(1) as f64;
                // From 0, or the bottom of the range if that is above 0.
                let base = self.y.range.min.max(0.0);
                let bottom = self.dot_row(dots, base).min(dots.height() as f64 - 1.0);
                for i in 0..n {
                    let pos = (i as f64 + 0.5) / n as f64 * k;
                    let frac = pos.fract();
                    let Some(v) = values.get(pos as usize) else {
                        continue;
                    };
                    if !(0.15..0.85).contains(&frac) || !v.is_finite() {
                        continue;
                    }
                    let top = self.dot_row(dots, *v).max(0.0);
                    if *v > base {
                        dots.vline(i, top.floor(), bottom.floor());
                    }
                }
            }
        }
    }

    /// The guides: the x axis (y = 0) one dot in four and each guide line one dot in
    /// two, or (`solid`) every dot of them, the cells no name may cover.
    fn plot_guides(&self, dots: &mut Dots, solid: bool) {
        let (w, h) = (dots.width(), dots.height());
        let (across, down) = if solid { (1, 1) } else { (4, 2) };
        let span_x = self.x.range.span();
        let col_of = |x: f64| ((x - self.x.range.min) / span_x * w as f64) as usize;
        // The x axis (y = 0), one dot in four, when it is inside the chart: sparser
        // than any curve's pattern (a dotted derivative has one in two), so that
        // it is never read as a curve.
        if self.zero_line
            && self.marker != Marker::Ascii
            && self.y.range.contains(0.0)
            && self.y.range.min < 0.0
        {
            let row = self.dot_row(dots, 0.0).floor().max(0.0) as usize;
            for dx in (0..w).step_by(across) {
                dots.set(dx, row);
            }
        }
        for guide in &self.guides {
            if self.x.range.contains(guide.x) {
                let col = col_of(guide.x).min(w - 1);
                for dy in (0..h).step_by(down) {
                    dots.set(col, dy);
                }
            }
        }
    }
}

/// The most rows a chart gives up under its x labels for the names of curves that
/// found no room elsewhere, and the fewest rows of plot it keeps in doing so.
const LEGEND_ROWS: u16 = 2;
const MIN_PLOT_ROWS_FOR_LEGEND: u16 = 3;

impl Widget for &Chart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        // Drawn with no rows given to a legend, then (while a curve on show is left
        // unnamed) with one or two, as long as the plot keeps its rows.
        let mut drawn: Option<(usize, Buffer)> = None;
        for legend_rows in 0..=LEGEND_ROWS {
            let Some(frame) = self.frame_with(area, legend_rows) else {
                break;
            };
            if legend_rows > 0 && frame.plot.height < MIN_PLOT_ROWS_FOR_LEGEND {
                break;
            }
            // The y axis laid out for the plot's rows (its ticks evenly spaced); laid
            // out again if that changed the rows (a tick label of another width can
            // change how bars are labelled).
            let mut laid = self.laid_out(frame.plot.height);
            let Some(mut frame) = laid.frame_with(area, legend_rows) else {
                break;
            };
            if let Some(again) = laid
                .frame_with(area, legend_rows)
                .filter(|f| f.plot.height != frame.plot.height)
            {
                laid = self.laid_out(again.plot.height);
                let Some(f) = laid.frame_with(area, legend_rows) else {
                    break;
                };
                frame = f;
            }
            // Drawn on a copy of the chart's area, kept if it names every curve.
            let mut scratch = Buffer::empty(area);
            for y in area.top()..area.bottom() {
                for x in area.left()..area.right() {
                    scratch[(x, y)] = buf[(x, y)].clone();
                }
            }
            let unnamed = laid.draw(area, frame, &mut scratch);
            if drawn.as_ref().is_none_or(|(fewest, _)| unnamed < *fewest) {
                drawn = Some((unnamed, scratch));
            }
            if unnamed == 0 {
                break;
            }
        }
        if let Some((_, drawn)) = drawn {
            for y in area.top()..area.bottom() {
                for x in area.left()..area.right() {
                    buf[(x, y)] = drawn[(x, y)].clone();
                }
            }
        }
    }
}

impl Chart<'_> {
    /// Draws the chart; returns how many curves on show it could not name.
    fn draw(&self, area: Rect, frame: Frame, buf: &mut Buffer) -> usize {
        let x_name_fits = self.x_name_room(&frame) == 0;
        let Frame {
            label_w,
            plot,
            x_labels,
        } = frame;
        let t = &self.theme;
        let ascii = self.marker == Marker::Ascii || t.ascii;

        // Dots: the series over the guides; each curve in dots of its own, to style
        // it and to name it. Names go by the curves drawn solid (a name in the gaps
        // of a dashed curve would stand on the curve) and by the guides drawn whole.
        let blank = || {
            Dots::new(
                usize::from(plot.width),
                usize::from(plot.height),
                self.marker,
            )
        };
        let (layers, solid_layers): (Vec<Dots>, Vec<Dots>) = match &self.series {
            Series::Functions(curves) => curves
                .iter()
                .map(|c| {
                    let (mut d, mut solid) = (blank(), blank());
                    self.plot_curve_and_solid(c, &mut d, Some(&mut solid));
                    (d, solid)
                })
                .unzip(),
            Series::Bars(_) => {
                let (mut d, mut solid) = (blank(), blank());
                self.plot_series(&mut d);
                self.plot_series(&mut solid);
                (vec![d], vec![solid])
            }
        };
        let union = |layers: &[Dots]| {
            let mut all = blank();
            for layer in layers {
                for (bits, more) in all.bits.iter_mut().zip(&layer.bits) {
                    *bits |= more;
                }
            }
            all
        };
        let curve = union(&layers);
        let occupied = union(&solid_layers);
        let mut guides = blank();
        self.plot_guides(&mut guides, false);
        let mut whole_guides = blank();
        self.plot_guides(&mut whole_guides, true);
        // On a bar chart, the chosen bar (the probe's) is drawn in the probe's style.
        let chosen_bar = match (&self.series, &self.probe) {
            (Series::Bars(_), Some(p)) if p.x.is_finite() && p.x >= 0.0 => Some(p.x as usize),
            _ => None,
        };
        for row in 0..plot.height {
            for col in 0..plot.width {
                let (c, g) = (
                    curve.cell(usize::from(col), usize::from(row)),
                    guides.cell(usize::from(col), usize::from(row)),
                );
                let (bits, style) = if c != 0 {
                    let chosen = chosen_bar.is_some_and(|b| self.bar_at(plot, col) == Some(b));
                    // A cell shared by curves takes the style of the first.
                    let owner = layers
                        .iter()
                        .position(|l| l.cell(usize::from(col), usize::from(row)) != 0)
                        .unwrap_or(0);
                    let (cx, cy) = (usize::from(col), usize::from(row));
                    // ASCII: dots of different flat curves (or a flat curve and
                    // the axis) stacked in one cell are two lines, `=`, not the
                    // `|` of one steep curve (ReLU, GELU and SiLU left of 0 were
                    // drawn `||||||||`).
                    let stacked = self.marker == Marker::Ascii
                        && c.count_ones() > 1
                        && layers.iter().all(|l| l.cell(cx, cy).count_ones() <= 1);
                    if stacked {
                        buf[(plot.x + col, plot.y + row)]
                            .set_char('=')
                            .set_style(if chosen { t.probe() } else { t.curve_n(owner) });
                        continue;
                    }
                    // A curve covers the guides under it: a dot of the axis beside a
                    // flat curve would make it look like another pattern.
                    (c, if chosen { t.probe() } else { t.curve_n(owner) })
                } else if g != 0 && self.marker == Marker::Ascii {
                    // ASCII cannot merge dots: a guide is a column of colons.
                    buf[(plot.x + col, plot.y + row)]
                        .set_char(':')
                        .set_style(t.guide());
                    continue;
                } else {
                    (g, t.guide())
                };
                if bits != 0 {
                    buf[(plot.x + col, plot.y + row)]
                        .set_char(self.marker.glyph(bits))
                        .set_style(style);
                }
            }
        }

        // A bar that is inf or NaN has no height: its word stands at its foot
        // (where it fits), so that an empty chart says why it is empty.
        if let Series::Bars(bars) = &self.series {
            let base = self.y.range.min.max(0.0);
            let foot = self
                .cell_row(plot, base)
                .map_or(plot.bottom() - 1, |r| plot.y + r);
            for (k, v) in bars
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| !v.is_finite())
            {
                let cols: Vec<u16> = (0..plot.width)
                    .filter(|&c| self.bar_at(plot, c) == Some(k))
                    .collect();
                let word = crate::number::display(*v);
                let w = word.width() as u16;
                if let (Some(&first), Some(&last)) = (cols.first(), cols.last())
                    && last + 1 - first >= w
                {
                    let x = plot.x + first + (last + 1 - first - w) / 2;
                    buf.set_stringn(x, foot, &word, usize::from(w), t.non_finite());
                }
            }
        }

        // Axes.
        let axis_x = area.x + label_w;
        let axis_y = plot.bottom();
        let (vert, horiz, corner, ytick, xtick) = if ascii {
            ('|', '-', '+', '+', '+')
        } else {
            ('│', '─', '└', '┤', '┬')
        };
        for y in plot.top()..plot.bottom() {
            buf[(axis_x, y)].set_char(vert).set_style(t.axis());
        }
        buf[(axis_x, axis_y)].set_char(corner).set_style(t.axis());
        for x in plot.left()..plot.right() {
            buf[(x, axis_y)].set_char(horiz).set_style(t.axis());
        }
        for (v, label) in &self.y.ticks {
            if let Some(r) = self.cell_row(plot, *v) {
                let y = plot.y + r;
                buf[(axis_x, y)].set_char(ytick).set_style(t.axis());
                let lw = label.width() as u16;
                buf.set_stringn(axis_x - lw, y, label, usize::from(lw), t.axis_label());
            }
        }
        // The x axis's name at the start of its labels' row, then the labels, each
        // centred on its tick where it does not run into the one before; a second
        // row (a bar's share) the same way.
        let label_y = axis_y + 1;
        let xw = self.x.name.width() as u16;
        let mut next_free = area.x;
        if xw > 0 && x_name_fits {
            buf.set_stringn(
                area.x,
                label_y,
                &self.x.name,
                usize::from(xw),
                t.axis_name(),
            );
            next_free = area.x + xw + 1;
        }
        for (row, labels) in [&x_labels.0, &x_labels.1].into_iter().enumerate() {
            let y = label_y + row as u16;
            if y >= area.bottom() {
                break;
            }
            let mut next = if row == 0 { next_free } else { area.x };
            for (v, label) in labels {
                if let Some(c) = self.cell_col(plot, *v) {
                    let x = plot.x + c;
                    if row == 0 {
                        buf[(x, axis_y)].set_char(xtick).set_style(t.axis());
                    }
                    let lw = label.width() as u16;
                    let start = x
                        .saturating_sub(lw / 2)
                        .min(area.right().saturating_sub(lw))
                        .max(next);
                    if start + lw <= area.right() {
                        buf.set_stringn(start, y, label, usize::from(lw), t.axis_label());
                        next = start + lw + 1;
                    }
                }
            }
        }
        // The y axis's name above it.
        buf.set_stringn(
            area.x,
            area.y,
            &self.y.name,
            usize::from(label_w + 1),
            t.axis_name(),
        );

        // Marks: every value entered, then the probe over them. Cells they take are
        // kept free of labels. A value off the chart is an arrow in the margin
        // beside the plot (the axis, or the column right of the plot), never over
        // the curve or another value's mark.
        let mut taken = vec![false; usize::from(plot.width) * usize::from(plot.height)];
        // On a bar chart the label names the chosen bar; a solid cell would vanish
        // into the bar.
        let probe_at = self
            .probe
            .as_ref()
            .filter(|_| matches!(self.series, Series::Functions(_)))
            .and_then(|p| self.mark_at(plot, p.x, p.y, self.marker.probe()));
        let mut draw = |at: MarkAt, style| match at {
            MarkAt::Plot(c, r, glyph) => {
                taken[usize::from(r) * usize::from(plot.width) + usize::from(c)] = true;
                buf[(plot.x + c, plot.y + r)]
                    .set_char(glyph)
                    .set_style(style);
            }
            MarkAt::Margin(x, y, glyph) => {
                if area.contains(ratatui::layout::Position::new(x, y)) {
                    buf[(x, y)].set_char(glyph).set_style(style);
                }
            }
        };
        for &(x, y) in &self.marks {
            if let Some(at) = self.mark_at(plot, x, y, self.marker.mark())
                && probe_at.is_none_or(|p| p.cell() != at.cell())
            {
                draw(at, t.curve().patch(t.probe()));
            }
        }
        if let Some(at) = probe_at {
            draw(at, t.probe());
        }

        // Each named curve's name beside it, where it covers no curve, no mark and
        // no other name; else in a legend inside the plot.
        let unnamed = match &self.series {
            Series::Functions(curves) => self.name_curves(
                curves,
                &solid_layers,
                (&occupied, &whole_guides),
                plot,
                &mut taken,
                buf,
            ),
            Series::Bars(_) => Vec::new(),
        };

        // Guide labels beside their lines, where they cover no curve and no mark.
        let free = |taken: &[bool], col: u16, row: u16| {
            let (c, r) = (usize::from(col), usize::from(row));
            occupied.cell(c, r) == 0 && !taken[r * usize::from(plot.width) + c]
        };
        for guide in &self.guides {
            let Some(c) = self.cell_col(plot, guide.x) else {
                continue;
            };
            let mut rows: Vec<u16> = vec![0, plot.height - 1];
            rows.extend(1..plot.height.saturating_sub(1));
            let place = guide.labels.iter().find_map(|label| {
                let lw = label.width() as u16;
                rows.iter().find_map(|&r| {
                    let sides = [Some(c + 1), c.checked_sub(lw)];
                    sides.into_iter().flatten().find_map(|start| {
                        let fits = start + lw <= plot.width
                            && (start..start + lw).all(|col| free(&taken, col, r));
                        fits.then_some((label, start, r))
                    })
                })
            });
            if let Some((label, start, r)) = place {
                let lw = label.width() as u16;
                for col in start..start + lw {
                    taken[usize::from(r) * usize::from(plot.width) + usize::from(col)] = true;
                }
                buf.set_stringn(
                    plot.x + start,
                    plot.y + r,
                    label,
                    usize::from(lw),
                    t.guide_label(),
                );
            }
        }

        // A curve on show that found no room inside the plot is named in a legend
        // outside it: on the rows under the x labels (the chart keeps some for it
        // where it has them), else on the top line beside the axis's name, leaving
        // the probe's shortest label its room; not among the x labels, where a name
        // would read as one of them.
        let mut left = 0;
        let probe_room = self
            .probe
            .as_ref()
            .and_then(|p| p.labels.iter().map(|l| l.width()).min())
            .map_or(0, |w| w as u16 + 1);
        if let Series::Functions(curves) = &self.series {
            let label_rows = if x_labels.1.is_empty() { 1 } else { 2 };
            let top_line = Rect::new(area.x, area.y, area.width.saturating_sub(probe_room), 1);
            let places: Vec<(Rect, u16)> = (axis_y + 1 + label_rows..area.bottom())
                .map(|y| (area, y))
                .chain(std::iter::once((top_line, area.y)))
                .collect();
            for i in unnamed {
                let piece = self.legend_sample(curves[i].pattern);
                // The shortest name first: room is short here.
                let spot = curves[i].labels.iter().rev().find_map(|name| {
                    let lw = piece.width() + 1 + name.width();
                    places
                        .iter()
                        .find_map(|&(room, y)| free_run(buf, room, y, lw).map(|x| (x, y, name)))
                });
                match spot {
                    Some((x, y, name)) => {
                        buf.set_stringn(x, y, piece, piece.width(), t.curve_n(i));
                        let nx = x + piece.width() as u16 + 1;
                        buf.set_stringn(nx, y, name, name.width(), t.curve_label(i));
                    }
                    None => left += 1,
                }
            }
        }

        // The probe's coordinates on the top line, right of the axis name and any
        // legend there: the most precise label that fits whole.
        if let Some(p) = &self.probe {
            let used = (area.left()..area.right())
                .rev()
                .find(|&x| buf[(x, area.y)].symbol() != " ")
                .map_or(area.x, |x| x + 2);
            let room = usize::from(area.right().saturating_sub(used));
            if let Some(label) = p.labels.iter().find(|l| l.width() <= room) {
                let lw = label.width() as u16;
                let line = Line::styled(label.as_str(), t.probe_label());
                buf.set_line(area.right() - lw, area.y, &line, lw);
            }
        }
        left
    }
}

/// The most a y range grows (as a share of it) for its ticks to stand evenly.
const MAX_GROWTH: f64 = 0.34;

/// A y range and ticks for a plot `rows` rows tall, such that the ticks stand
/// evenly on the screen, each in the middle of its row: `q` rows apart for a whole
/// `q` of at least 2. The range grows (or shrinks by less than a row) so that a tick
/// interval is `q` rows, by at most [`MAX_GROWTH`], and moves so that its margins
/// above the top tick and below the bottom one keep their proportion (each at least
/// as large as before, less half a row). Where the rows are too few, every second
/// tick (or third...) is kept, 0 among them; where even two are too many, the end
/// ticks of that choice stand as they fall. Ticks not evenly spaced in value, or
/// fewer than three, are left as they are.
pub fn even_ticks(
    range: Range,
    ticks: &[(f64, String)],
    rows: usize,
) -> (Range, Vec<(f64, String)>) {
    let unchanged = || (range, ticks.to_vec());
    let mut inside: Vec<(f64, String)> = ticks
        .iter()
        .filter(|(v, _)| range.contains(*v))
        .cloned()
        .collect();
    inside.sort_by(|a, b| b.0.total_cmp(&a.0));
    let span = range.span();
    if inside.len() < 3 || rows < 3 || span.is_nan() || span <= 0.0 {
        return unchanged();
    }
    let step = inside[0].0 - inside[1].0;
    let even = step > 0.0
        && inside
            .windows(2)
            .all(|p| ((p[0].0 - p[1].0) - step).abs() <= step * 1e-9);
    if !even {
        return unchanged();
    }
    let zero = inside.iter().position(|(v, _)| *v == 0.0).unwrap_or(0);
    for every in 1..inside.len() {
        let kept: Vec<(f64, String)> = inside
            .iter()
            .enumerate()
            .filter(|(k, _)| k % every == zero % every)
            .map(|(_, t)| t.clone())
            .collect();
        if kept.len() < 3 {
            return (range, kept);
        }
        let s = step * every as f64;
        let (top, bottom) = (kept[0].0, kept[kept.len() - 1].0);
        let intervals = kept.len() - 1;
        // Rows per interval, from the most that lets the range hold the old one
        // (less half a row at either end) down to 2.
        let most = ((rows + 1) as f64 * s / span).floor() as usize;
        let most = most.min((rows - 1) / intervals);
        for q in (2..=most).rev() {
            let u = s / q as f64;
            let new_span = rows as f64 * u;
            if new_span / span - 1.0 > MAX_GROWTH {
                break;
            }
            let free = rows - 1 - intervals * q;
            // The top tick's row r: the range's top is `top + (r + 0.5) u`.
            let lowest = ((range.max - top) / u - 1.0).ceil().max(0.0);
            let highest = ((range.min - top) / u + rows as f64)
                .floor()
                .min(free as f64);
            if lowest > highest {
                continue;
            }
            let (above, below) = (range.max - top, bottom - range.min);
            let share = if above + below > 0.0 {
                above / (above + below)
            } else {
                0.5
            };
            let r = (free as f64 * share).round().clamp(lowest, highest);
            let max = top + (r + 0.5) * u;
            return (Range::new(max - new_span, max), kept);
        }
    }
    unchanged()
}

/// The leftmost place on row `y` of `area` where `width` cells are blank, with a
/// blank cell (or the area's edge) either side, and no wide character's second half
/// among them.
fn free_run(buf: &Buffer, area: Rect, y: u16, width: usize) -> Option<u16> {
    let width = u16::try_from(width).ok()?;
    let mut blank: Vec<bool> = (area.left()..area.right())
        .map(|x| buf[(x, y)].symbol() == " ")
        .collect();
    for x in area.left()..area.right() {
        if buf[(x, y)].symbol().width() > 1 {
            for k in 1..buf[(x, y)].symbol().width() as u16 {
                if let Some(b) = blank.get_mut(usize::from(x + k - area.x)) {
                    *b = false;
                }
            }
        }
    }
    let is_blank = |x: i32| x < 0 || x >= i32::from(area.width) || blank[x as usize];
    (0..area.width.checked_sub(width)? + 1).find_map(|start| {
        let s = i32::from(start);
        let clear = (s - 1..s + i32::from(width) + 1).all(is_blank);
        clear.then_some(area.x + start)
    })
}

impl Chart<'_> {
    /// Writes the name of each named curve beside it: on the cell row just above
    /// or below the curve, starting or ending at a column the curve passes through,
    /// covering no dot of any curve, no mark and no other name. Names are looked for
    /// near a column of their own (spread across the chart), first where no other
    /// curve runs right beside the name (so that it cannot be read as that curve's),
    /// then anywhere; a curve whose names find no room stays unnamed.
    fn name_curves(
        &self,
        curves: &[Curve],
        layers: &[Dots],
        (all, guides): (&Dots, &Dots),
        plot: Rect,
        taken: &mut [bool],
        buf: &mut Buffer,
    ) -> Vec<usize> {
        let (w, h) = (usize::from(plot.width), usize::from(plot.height));
        let named: Vec<usize> = (0..curves.len())
            .filter(|&i| !curves[i].labels.is_empty())
            .collect();
        let mut named_cells = vec![false; w * h];
        let mut unnamed = Vec::new();
        for (k, &i) in named.iter().enumerate() {
            let layer = &layers[i];
            // Columns by their distance from this curve's own place.
            let home = w * (k + 1) / (named.len() + 1);
            let mut columns: Vec<usize> = (0..w).collect();
            columns.sort_by_key(|&c| c.abs_diff(home));
            // Only where no other curve and not the axis is beside the name: a name
            // that cannot be read as this curve's alone goes to the legend.
            let place = [true].into_iter().find_map(|strict| {
                curves[i].labels.iter().find_map(|label| {
                    let lw = label.width();
                    if lw == 0 || lw > w {
                        return None;
                    }
                    columns.iter().find_map(|&col| {
                        let rows: Vec<usize> =
                            (0..h).filter(|&r| layer.cell(col, r) != 0).collect();
                        let (top, bottom) = (*rows.first()?, *rows.last()?);
                        let mut spots = Vec::new();
                        for row in [top.checked_sub(1), Some(bottom + 1)].into_iter().flatten() {
                            if row >= h {
                                continue;
                            }
                            for start in
                                [Some(col), (col + 1).checked_sub(lw)].into_iter().flatten()
                            {
                                spots.push((row, start));
                            }
                        }
                        spots
                            .into_iter()
                            .find(|&(row, start)| {
                                let end = start + lw;
                                if end > w {
                                    return false;
                                }
                                // A free cell either side too, so that two names
                                // never run together.
                                let free = (start..end)
                                    .all(|c| all.cell(c, row) == 0 && !taken[row * w + c])
                                    && [start.checked_sub(1), Some(end).filter(|&e| e < w)]
                                        .into_iter()
                                        .flatten()
                                        .all(|c| !named_cells[row * w + c]);
                                // Strict: no other curve, and not the axis, in the
                                // cells around the name (above, below, and at either
                                // end): a name beside the axis reads as its name.
                                let others = |c: usize, r: usize| {
                                    guides.cell(c, r) != 0
                                        || layers
                                            .iter()
                                            .enumerate()
                                            .any(|(j, l)| j != i && l.cell(c, r) != 0)
                                };
                                let clear = !strict
                                    || (row.saturating_sub(1)..(row + 2).min(h)).all(|r| {
                                        (start.saturating_sub(1)..(end + 1).min(w))
                                            .all(|c| !others(c, r))
                                    });
                                free && clear
                            })
                            .map(|(row, start)| (label, row, start))
                    })
                })
            });
            if let Some((label, row, start)) = place {
                let lw = label.width();
                for c in start..start + lw {
                    taken[row * w + c] = true;
                    named_cells[row * w + c] = true;
                }
                buf.set_stringn(
                    plot.x + start as u16,
                    plot.y + row as u16,
                    label,
                    lw,
                    self.theme.curve_label(i),
                );
            } else {
                unnamed.push(i);
            }
        }
        // The legend: each curve not named beside itself, as a piece of its own
        // pattern and its shortest name, on a free run of a row (top first, then
        // bottom), so that every curve is named wherever the chart has room.
        let sample = |p: Pattern| self.legend_sample(p);
        let mut left = Vec::new();
        for i in unnamed {
            if layers[i].bits.iter().all(|&b| b == 0) {
                // Not on show: nothing to name.
                continue;
            }
            let rows: Vec<usize> = (0..h).flat_map(|r| [r, h - 1 - r]).take(h).collect();
            // Where no dot is beside it either (so that it reads as a legend, not
            // as the name of a curve next to it), else anywhere free; the longest
            // name that finds a place.
            let free = |row: usize, start: usize, lw: usize, around: bool| {
                let rows = if around {
                    row.saturating_sub(1)..(row + 2).min(h)
                } else {
                    row..row + 1
                };
                let cols = start.saturating_sub(1)..(start + lw + 1).min(w);
                rows.clone().all(|r| {
                    cols.clone()
                        .all(|c| all.cell(c, r) == 0 && guides.cell(c, r) == 0)
                }) && cols.clone().all(|c| !taken[row * w + c])
            };
            let piece = sample(curves[i].pattern);
            let spot = [true, false].into_iter().find_map(|around| {
                curves[i].labels.iter().find_map(|name| {
                    let lw = piece.width() + 1 + name.width();
                    if lw + 2 > w {
                        return None;
                    }
                    rows.iter().find_map(|&row| {
                        // Not against the y axis: a cell free on its left.
                        (1..=w - lw)
                            .rev()
                            .find(|&start| free(row, start, lw, around))
                            .map(|start| (row, start, name, lw))
                    })
                })
            });
            let Some((row, start, name, lw)) = spot else {
                left.push(i);
                continue;
            };
            for c in start..start + lw {
                taken[row * w + c] = true;
            }
            let (x, y) = (plot.x + start as u16, plot.y + row as u16);
            buf.set_stringn(x, y, piece, piece.width(), self.theme.curve_n(i));
            buf.set_stringn(
                x + piece.width() as u16 + 1,
                y,
                name,
                name.width(),
                self.theme.curve_label(i),
            );
        }
        left
    }

    /// A piece of a curve's pattern, as its legend shows it, in the chart's own
    /// marks (no braille where the chart is drawn in blocks or ASCII).
    fn legend_sample(&self, p: Pattern) -> &'static str {
        match (self.marker, p) {
            (Marker::Ascii, Pattern::Solid) => "--",
            (Marker::Ascii, Pattern::Dotted) => "- -",
            (Marker::Ascii, Pattern::Dashed) => "-- --",
            (Marker::Ascii, Pattern::Sparse) => "-   -",
            (Marker::Block, Pattern::Solid) => "\u{2580}\u{2580}",
            (Marker::Block, Pattern::Dotted) => "\u{2580} \u{2580}",
            (Marker::Block, Pattern::Dashed) => "\u{2580}\u{2580} \u{2580}\u{2580}",
            (Marker::Block, Pattern::Sparse) => "\u{2580}   \u{2580}",
            (_, Pattern::Solid) => "\u{2812}\u{2812}",
            (_, Pattern::Dotted) => "\u{2802}\u{2802}",
            (_, Pattern::Dashed) => "\u{2812} \u{2812}",
            (_, Pattern::Sparse) => "\u{2802} \u{2802}",
        }
    }

    /// The bar a cell column belongs to, on a bar chart.
    fn bar_at(&self, plot: Rect, col: u16) -> Option<usize> {
        let Series::Bars(values) = &self.series else {
            return None;
        };
        let pos = (f64::from(col) + 0.5) / f64::from(plot.width) * values.values.len() as f64;
        Some(pos as usize)
    }

    /// Where a point is marked: `glyph` in its cell on the chart; off the chart, an
    /// arrow pointing its way in the margin beside the plot (`<` on the y axis, `>`
    /// in the column right of the plot, `^` on the line above, `v` on the x axis),
    /// level with it where it can be; none for NaN.
    fn mark_at(&self, plot: Rect, x: f64, y: f64, glyph: char) -> Option<MarkAt> {
        if x.is_nan() || y.is_nan() {
            return None;
        }
        let row = if y > self.y.range.max {
            0
        } else if y < self.y.range.min {
            plot.height - 1
        } else {
            self.cell_row(plot, y)?
        };
        if x < self.x.range.min {
            return Some(MarkAt::Margin(plot.x - 1, plot.y + row, '<'));
        }
        if x > self.x.range.max {
            return Some(MarkAt::Margin(plot.right(), plot.y + row, '>'));
        }
        let col = self.cell_col(plot, x)?;
        if y > self.y.range.max {
            return Some(MarkAt::Margin(plot.x + col, plot.y - 1, '^'));
        }
        if y < self.y.range.min {
            return Some(MarkAt::Margin(plot.x + col, plot.bottom(), 'v'));
        }
        Some(MarkAt::Plot(col, row, glyph))
    }
}

/// Where a mark goes: a cell of the plot (column, row), or a cell of the margin
/// around it (absolute x, y).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MarkAt {
    Plot(u16, u16, char),
    Margin(u16, u16, char),
}

impl MarkAt {
    fn cell(self) -> (bool, u16, u16) {
        match self {
            MarkAt::Plot(c, r, _) => (true, c, r),
            MarkAt::Margin(x, y, _) => (false, x, y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::activation::Scalar;

    fn render(chart: &Chart, w: u16, h: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        chart.render(buf.area, &mut buf);
        buf
    }

    fn chart_of<'a>(
        f: &'a dyn Fn(f64) -> f64,
        continuous: &'a dyn Fn(f64, f64) -> bool,
        marker: Marker,
    ) -> Chart<'a> {
        let axis = |min, max, name: &str| Axis {
            range: Range::new(min, max),
            ticks: vec![(min, format!("{min}")), (max, format!("{max}"))],
            name: name.into(),
        };
        Chart {
            x: axis(-5.0, 5.0, "x"),
            y: axis(-0.1, 1.1, "y"),
            series: Series::function(f, continuous),
            guides: vec![],
            zero_line: true,
            marks: vec![],
            probe: None,
            marker,
            theme: Theme::plain(),
        }
    }

    /// Whether any cell shows braille dots.
    fn has_braille(buf: &Buffer) -> bool {
        buf.content().iter().any(|cell| {
            cell.symbol()
                .chars()
                .all(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
        })
    }

    #[test]
    fn the_step_jumps_without_a_slope() {
        let f = |x| Scalar::Step.eval(x);
        let c = |a, b| Scalar::Step.continuous_between(a, b);
        let chart = chart_of(&f, &c, Marker::Braille);
        let buf = render(&chart, 40, 14);
        let frame = chart.frame(buf.area).unwrap();
        // Every cell of the plot between the two levels, left and right of x = 0,
        // is empty of curve: no column has dots on both levels but the zero line.
        let top = chart.cell_row(frame.plot, 1.0).unwrap() + frame.plot.y;
        let bottom = chart.cell_row(frame.plot, 0.0).unwrap() + frame.plot.y;
        for y in top + 1..bottom {
            for x in frame.plot.left()..frame.plot.right() {
                let s = buf[(x, y)].symbol().to_string();
                // Only the dotted x = 0 guide may cross the gap.
                let zero_col = chart.cell_col(frame.plot, 0.0).unwrap() + frame.plot.x;
                if x != zero_col {
                    assert_eq!(s, " ", "dot at ({x}, {y}) between the levels");
                }
            }
        }
        assert!(has_braille(&buf), "the step is drawn");
    }

    #[test]
    fn one_sample_per_dot_column() {
        let calls = std::cell::Cell::new(0usize);
        let f = |x: f64| {
            calls.set(calls.get() + 1);
            x / 10.0 + 0.5
        };
        let c = |_, _| true;
        let chart = chart_of(&f, &c, Marker::Braille);
        let buf = render(&chart, 40, 14);
        let frame = chart.frame(buf.area).unwrap();
        assert_eq!(calls.get(), usize::from(frame.plot.width) * 2);
        calls.set(0);
        let chart = Chart {
            marker: Marker::Ascii,
            ..chart
        };
        let buf = render(&chart, 40, 14);
        assert_eq!(
            calls.get(),
            usize::from(chart.frame(buf.area).unwrap().plot.width)
        );
    }

    #[test]
    fn non_finite_values_are_not_plotted() {
        let f = |x: f64| if x > 0.0 { f64::NAN } else { f64::INFINITY };
        let c = |_, _| true;
        let chart = chart_of(&f, &c, Marker::Braille);
        let buf = render(&chart, 40, 14);
        let frame = chart.frame(buf.area).unwrap();
        for y in frame.plot.top()..frame.plot.bottom() {
            for x in frame.plot.left()..frame.plot.right() {
                assert_ne!(buf[(x, y)].style(), Theme::plain().curve(), "({x},{y})");
            }
        }
    }

    #[test]
    fn tiny_areas_do_not_panic() {
        let f = |x: f64| x;
        let c = |_, _| true;
        for marker in [Marker::Braille, Marker::Block, Marker::Ascii] {
            let mut chart = chart_of(&f, &c, marker);
            chart.probe = Some(Probe {
                x: 1e9,
                y: f64::NAN,
                labels: vec!["(1e9, NaN)".into()],
            });
            chart.marks = vec![(-1e9, 2.0), (0.0, f64::INFINITY), (f64::NAN, 1.0)];
            for (w, h) in [(0, 0), (1, 1), (3, 2), (8, 5), (12, 6)] {
                render(&chart, w, h);
            }
        }
    }

    #[test]
    fn guide_labels_never_cover_the_curve_or_a_mark() {
        // The overflow chart: e^x on a log scale, the float32 and float64 limits.
        let f = |x: f64| {
            if x <= 709.78 {
                x * std::f64::consts::LOG10_E
            } else {
                f64::INFINITY
            }
        };
        let c = |_, _| true;
        for (w, h) in [(27, 7), (29, 8), (37, 9), (37, 12), (60, 20), (24, 6)] {
            let mut plain = chart_of(&f, &c, Marker::Braille);
            plain.x.range = Range::new(0.0, 800.0);
            plain.y.range = Range::new(0.0, 350.0);
            plain.marks = vec![(300.0, 130.0), (1000.0, 434.0)];
            let without = render(&plain, w, h);
            let guided = Chart {
                guides: vec![
                    Guide {
                        x: 88.72,
                        labels: vec!["float32 の限界".into(), "float32".into()],
                    },
                    Guide {
                        x: 709.78,
                        labels: vec!["float64 の限界".into(), "float64".into()],
                    },
                ],
                ..plain
            };
            let with = render(&guided, w, h);
            let frame = guided.frame(with.area).unwrap();
            for y in frame.plot.top()..frame.plot.bottom() {
                for x in frame.plot.left()..frame.plot.right() {
                    let before = &without[(x, y)];
                    if before.style() == Theme::plain().curve().patch(Theme::plain().probe())
                        || before.symbol() != " " && before.style() == Theme::plain().curve()
                    {
                        assert_ne!(
                            with[(x, y)].style(),
                            Theme::plain().guide_label(),
                            "{w}x{h}: a label covers ({x}, {y})"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_gap_leaves_the_column_of_the_undefined_point_empty() {
        // ReLU's derivative: 0, then 1, undefined at 0.
        let d = |x: f64| Scalar::Relu.derivative(x);
        let c = |a, b| Scalar::Relu.derivative_continuous_between(a, b);
        let mut chart = chart_of(&d, &c, Marker::Braille);
        chart.zero_line = false;
        let Series::Functions(curves) = &mut chart.series else {
            unreachable!()
        };
        curves[0].gaps = vec![0.0];
        let buf = render(&chart, 40, 14);
        let frame = chart.frame(buf.area).unwrap();
        let zero = chart.cell_col(frame.plot, 0.0).unwrap() + frame.plot.x;
        let dots = |x: u16| {
            (frame.plot.top()..frame.plot.bottom())
                .filter(|&y| buf[(x, y)].symbol() != " ")
                .count()
        };
        // The cell of x = 0 holds only the dot column left of 0 (the gap is one dot
        // column wide), and no vertical join between the two levels.
        assert!(dots(zero) <= 1, "a join at 0");
        assert!(dots(zero - 2) == 1 && dots(zero + 2) == 1);
        // Without the gap (and across a jump drawn as continuous) the column would join.
        let joined = |_: f64, _: f64| true;
        let chart = chart_of(&d, &joined, Marker::Braille);
        let buf = render(&chart, 40, 14);
        assert!(
            (frame.plot.top()..frame.plot.bottom())
                .filter(|&y| buf[(zero, y)].symbol() != " ")
                .count()
                > 1
        );
    }

    #[test]
    fn curves_are_told_apart_by_their_dots_and_their_names() {
        let f = |x: f64| x / 10.0 + 0.5;
        let g = |x: f64| 0.9 - x / 20.0;
        let c = |_: f64, _: f64| true;
        for marker in [Marker::Braille, Marker::Block, Marker::Ascii] {
            let mut chart = chart_of(&f, &c, marker);
            chart.zero_line = false;
            chart.series = Series::Functions(vec![
                Curve {
                    labels: vec!["first".into()],
                    ..Curve::plain(&f, &c)
                },
                Curve {
                    pattern: Pattern::Dotted,
                    labels: vec!["second".into()],
                    ..Curve::plain(&g, &c)
                },
            ]);
            let buf = render(&chart, 40, 14);
            let text: String = buf.content().iter().map(|c| c.symbol()).collect();
            assert!(
                text.contains("first") && text.contains("second"),
                "{marker:?}"
            );
            // The dotted curve leaves every other dot column empty: fewer dots.
            let (cx, _) = marker.resolution();
            let count = |curve: &dyn Fn(f64) -> f64, pattern: Pattern| {
                let one = Chart {
                    series: Series::Functions(vec![Curve {
                        pattern,
                        ..Curve::plain(curve, &c)
                    }]),
                    ..chart_of(&f, &c, marker)
                };
                let frame = one.frame(buf.area).unwrap();
                let mut dots = Dots::new(
                    usize::from(frame.plot.width),
                    usize::from(frame.plot.height),
                    marker,
                );
                let Series::Functions(cs) = &one.series else {
                    unreachable!()
                };
                one.plot_curve(&cs[0], &mut dots);
                (0..dots.width())
                    .filter(|&dx| {
                        (0..dots.height()).any(|dy| {
                            let cell = dots.cell(dx / cx, dy / dots.cy);
                            cell & (1 << ((dy % dots.cy) * cx + dx % cx)) != 0
                        })
                    })
                    .collect::<Vec<usize>>()
            };
            let solid = count(&g, Pattern::Solid);
            let dotted = count(&g, Pattern::Dotted);
            let dashed = count(&g, Pattern::Dashed);
            assert!(!dotted.is_empty() && !dashed.is_empty(), "{marker:?}");
            assert!(dotted.iter().all(|i| i % 2 == 0 && solid.contains(i)));
            assert!(dashed.iter().all(|i| (i / 2) % 2 == 0 && solid.contains(i)));
            assert!(dotted.len() * 2 <= solid.len() + 1 && dashed.len() < solid.len());
        }
    }

    #[test]
    fn names_cover_no_curve_and_never_run_together() {
        // Three curves close together: every name that is drawn stands on cells
        // without dots, with a blank cell between it and another name.
        let fs: [&dyn Fn(f64) -> f64; 3] = [&|x| x / 10.0 + 0.5, &|x| x / 10.0 + 0.45, &|_| 0.5];
        let c = |_: f64, _: f64| true;
        for (w, h) in [(27, 7), (37, 12), (60, 20)] {
            let names = ["alpha", "beta", "gamma"];
            let mut chart = chart_of(fs[0], &c, Marker::Braille);
            chart.zero_line = false;
            chart.series = Series::Functions(
                fs.iter()
                    .zip(names)
                    .map(|(f, n)| Curve {
                        labels: vec![n.into(), n[..1].into()],
                        ..Curve::plain(*f, &c)
                    })
                    .collect(),
            );
            let buf = render(&chart, w, h);
            let frame = chart.frame(buf.area).unwrap();
            let Series::Functions(curves) = &mut chart.series else {
                unreachable!()
            };
            for curve in curves.iter_mut() {
                curve.labels.clear();
            }
            let bare = render(&chart, w, h);
            for y in frame.plot.top()..frame.plot.bottom() {
                let row: String = (frame.plot.left()..frame.plot.right())
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect();
                for n in names {
                    assert!(!row.contains(&format!("{n}{}", &n[..1])), "{row}");
                }
                for x in frame.plot.left()..frame.plot.right() {
                    if bare[(x, y)].symbol() != " " {
                        assert_eq!(buf[(x, y)].symbol(), bare[(x, y)].symbol(), "{w}x{h}");
                    }
                }
            }
        }
    }

    #[test]
    fn values_off_the_chart_are_arrows_in_the_margin_not_over_the_curve() {
        // ReLU with -3, 1.5, 4.9 and 40: the arrow for 40 used to take the top-right
        // cell, where the curve ends and where 4.9's mark is.
        let f = |x: f64| Scalar::Relu.eval(x);
        let c = |_, _| true;
        for marker in [Marker::Braille, Marker::Ascii] {
            for (w, h) in [(37, 9), (29, 7), (60, 20)] {
                let mut plain = chart_of(&f, &c, marker);
                plain.y.range = Range::new(-1.0, 5.5);
                let without = render(&plain, w, h);
                let values = [
                    (-3.0, 0.0),
                    (1.5, 1.5),
                    (4.9, 4.9),
                    (40.0, 40.0),
                    (-800.0, -800.0),
                ];
                let marked = Chart {
                    marks: values.to_vec(),
                    ..chart_of(&f, &c, marker)
                };
                let marked = Chart {
                    y: Axis {
                        range: Range::new(-1.0, 5.5),
                        ..marked.y.clone()
                    },
                    ..marked
                };
                let with = render(&marked, w, h);
                let frame = marked.frame(with.area).unwrap();
                let plot = frame.plot;
                let mark_cells: Vec<(u16, u16)> = values[..3]
                    .iter()
                    .filter_map(|&(x, y)| {
                        Some((
                            plot.x + marked.cell_col(plot, x)?,
                            plot.y + marked.cell_row(plot, y)?,
                        ))
                    })
                    .collect();
                for y in plot.top()..plot.bottom() {
                    for x in plot.left()..plot.right() {
                        let glyph = with[(x, y)].symbol();
                        assert!(
                            !["<", ">", "^", "v"].contains(&glyph),
                            "{w}x{h}: an arrow in the plot at ({x}, {y})"
                        );
                        if !mark_cells.contains(&(x, y)) {
                            assert_eq!(
                                without[(x, y)].symbol(),
                                glyph,
                                "{w}x{h}: ({x}, {y}) changed"
                            );
                        }
                    }
                }
                // Every value in the chart has its mark.
                for &(x, y) in &mark_cells {
                    assert_eq!(with[(x, y)].symbol(), marker.mark().to_string(), "{w}x{h}");
                }
                // The values off the chart point their way from the margins.
                let right: String = (plot.top()..plot.bottom())
                    .map(|y| with[(plot.right(), y)].symbol().to_string())
                    .collect();
                let axis: String = (plot.top()..plot.bottom())
                    .map(|y| with[(plot.x - 1, y)].symbol().to_string())
                    .collect();
                assert!(right.starts_with('>'), "{w}x{h}: {right:?}");
                assert!(axis.ends_with('<'), "{w}x{h}: {axis:?}");
            }
        }
    }

    #[test]
    fn a_bar_that_is_not_a_number_says_so() {
        let chart = Chart {
            x: Axis {
                range: Range::new(0.0, 3.0),
                ticks: vec![],
                name: "a".into(),
            },
            y: Axis {
                range: Range::new(0.0, 1.0),
                ticks: vec![(0.0, "0".into()), (1.0, "1".into())],
                name: "y".into(),
            },
            series: Series::Bars(Bars {
                values: vec![f64::NAN, 0.5, f64::INFINITY],
                ..Bars::default()
            }),
            guides: vec![],
            zero_line: true,
            marks: vec![],
            probe: None,
            marker: Marker::Braille,
            theme: Theme::plain(),
        };
        let buf = render(&chart, 30, 8);
        let plot = chart.frame(buf.area).unwrap().plot;
        let row: String = (plot.left()..plot.right())
            .map(|x| buf[(x, plot.bottom() - 1)].symbol().to_string())
            .collect();
        assert!(row.contains("NaN") && row.contains("inf"), "{row:?}");
        // Too narrow a bar for its word: nothing half-written.
        let buf = render(&chart, 10, 8);
        let plot = chart.frame(buf.area).unwrap().plot;
        let row: String = (plot.left()..plot.right())
            .map(|x| buf[(x, plot.bottom() - 1)].symbol().to_string())
            .collect();
        assert!(!row.contains("Na") || row.contains("NaN"), "{row:?}");
    }

    #[test]
    fn glyphs() {
        assert_eq!(Marker::Braille.glyph(0), '\u{2800}');
        assert_eq!(Marker::Braille.glyph(0xFF), '⣿');
        assert_eq!(Marker::Braille.glyph(0b01), '⠁');
        assert_eq!(Marker::Braille.glyph(0b10), '⠈');
        assert_eq!(Marker::Block.glyph(0b11), '█');
        assert_eq!(Marker::Ascii.glyph(0b100), '_');
    }

    /// The modern lesson's functions and their derivatives, as its chart draws
    /// them: solid and dashed in turn, derivatives dotted, each with a long and a
    /// short name.
    fn modern_curves<'a>(
        fs: &'a [Box<dyn Fn(f64) -> f64>],
        continuous: &'a dyn Fn(f64, f64) -> bool,
        names: &[String],
    ) -> Vec<Curve<'a>> {
        let half = fs.len() / 2;
        fs.iter()
            .enumerate()
            .map(|(i, f)| Curve {
                pattern: if i >= half {
                    Pattern::Dotted
                } else if i % 2 == 0 {
                    Pattern::Solid
                } else {
                    Pattern::Dashed
                },
                labels: vec![names[i].clone(), names[i].chars().take(4).collect()],
                ..Curve::plain(f.as_ref(), continuous)
            })
            .collect()
    }

    /// `chart`, laid out for a plot `rows` tall, drawn with `legend_rows` rows
    /// kept for a legend.
    fn draw_laid(chart: &Chart, area: Rect, rows: u16, legend_rows: u16) -> Buffer {
        let laid = chart.laid_out(rows);
        let mut buf = Buffer::empty(area);
        if let Some(frame) = laid.frame_with(area, legend_rows) {
            laid.draw(area, frame, &mut buf);
        }
        buf
    }

    /// `chart` drawn into a `w` x `h` buffer as laid out with `legend_rows` rows
    /// kept for a legend: with its names, without them, and the cells no name may
    /// take (every curve solid, and the axis line's row), and the plot.
    fn drawn_three_ways(
        chart: &Chart,
        w: u16,
        h: u16,
        legend_rows: u16,
    ) -> Option<([Buffer; 3], Rect)> {
        let area = Rect::new(0, 0, w, h);
        let rows = chart.frame_with(area, legend_rows)?.plot.height;
        let plot = chart.laid_out(rows).frame_with(area, legend_rows)?.plot;
        let Series::Functions(curves) = &chart.series else {
            unreachable!()
        };
        let mut bare = chart.clone();
        bare.series = Series::Functions(
            curves
                .iter()
                .map(|c| Curve {
                    labels: vec![],
                    ..c.clone()
                })
                .collect(),
        );
        let zero = |_: f64| 0.0;
        let always = |_: f64, _: f64| true;
        let mut solid = chart.clone();
        let mut solid_curves: Vec<Curve> = curves
            .iter()
            .map(|c| Curve {
                labels: vec![],
                pattern: Pattern::Solid,
                ..c.clone()
            })
            .collect();
        if chart.zero_line {
            solid_curves.push(Curve::plain(&zero, &always));
        }
        solid.series = Series::Functions(solid_curves);
        solid.zero_line = false;
        Some((
            [
                draw_laid(chart, area, rows, legend_rows),
                draw_laid(&bare, area, rows, legend_rows),
                draw_laid(&solid, area, rows, legend_rows),
            ],
            plot,
        ))
    }

    /// No name or legend stands on a cell a curve passes through: not in the gaps
    /// of a dotted or dashed curve (where `GELU'` was written into its own dotted
    /// line), nor on the axis line. Every cell a curve passes through shows what the
    /// chart shows there without names.
    #[test]
    fn no_name_or_legend_stands_on_a_curve() {
        use crate::lesson::MODERN;
        let mut fs: Vec<Box<dyn Fn(f64) -> f64>> = Vec::new();
        let mut names = Vec::new();
        for f in MODERN {
            fs.push(Box::new(move |x| f.eval(x)));
            names.push(f.id().to_string());
        }
        for f in MODERN {
            fs.push(Box::new(move |x| f.derivative(x)));
            names.push(format!("{}'", f.id()));
        }
        let c = |_: f64, _: f64| true;
        for count in [2, 3, 6, 9] {
            let chosen: Vec<Box<dyn Fn(f64) -> f64>> = (0..count)
                .map(|k| {
                    let f = MODERN[k];
                    Box::new(move |x| f.eval(x)) as Box<dyn Fn(f64) -> f64>
                })
                .chain((0..count).map(|k| {
                    let f = MODERN[k];
                    Box::new(move |x| f.derivative(x)) as Box<dyn Fn(f64) -> f64>
                }))
                .collect();
            let chosen_names: Vec<String> = (0..count)
                .map(|k| names[k].clone())
                .chain((0..count).map(|k| names[MODERN.len() + k].clone()))
                .collect();
            for marker in [Marker::Braille, Marker::Block, Marker::Ascii] {
                for (w, h) in [(37, 12), (37, 9), (27, 8), (56, 28), (56, 16), (30, 10)] {
                    let mut chart = chart_of(&|x| x, &c, marker);
                    chart.y.range = Range::new(-1.5, 4.0);
                    chart.y.ticks = (-1..=4).map(|v| (f64::from(v), v.to_string())).collect();
                    chart.x.range = Range::new(-4.0, 4.0);
                    chart.series = Series::Functions(modern_curves(&chosen, &c, &chosen_names));
                    for legend_rows in 0..=LEGEND_ROWS {
                        let Some(([named, bare, solid], plot)) =
                            drawn_three_ways(&chart, w, h, legend_rows)
                        else {
                            continue;
                        };
                        for y in plot.top()..plot.bottom() {
                            for x in plot.left()..plot.right() {
                                if solid[(x, y)].symbol() != " " {
                                    assert_eq!(
                                        named[(x, y)].symbol(),
                                        bare[(x, y)].symbol(),
                                        "{count} functions, {marker:?} {w}x{h}, {legend_rows} legend rows: a name on a curve at ({x}, {y})"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rows of the y ticks on screen, top to bottom.
    fn tick_rows(buf: &Buffer, chart: &Chart) -> Vec<u16> {
        let frame = chart.frame(buf.area).unwrap();
        let axis_x = frame.plot.x - 1;
        (frame.plot.top()..frame.plot.bottom())
            .filter(|&y| ["┤", "+"].contains(&buf[(axis_x, y)].symbol()))
            .collect()
    }

    #[test]
    fn y_ticks_stand_evenly_on_the_screen() {
        let f = |x: f64| x / 4.0;
        let c = |_: f64, _: f64| true;
        // The lessons' axes: sigmoid, ReLU, the modern functions, softmax, the
        // overflow's powers of ten, the vanishing gradient's decades.
        let axes: [(f64, f64, Vec<f64>); 6] = [
            (-0.1, 1.1, vec![0.0, 0.5, 1.0]),
            (-1.0, 5.5, vec![0.0, 2.5, 5.0]),
            (-1.5, 4.0, (-1..=4).map(f64::from).collect()),
            (0.0, 1.0, vec![0.0, 0.5, 1.0]),
            (0.0, 350.0, vec![0.0, 100.0, 200.0, 300.0]),
            (-8.0, 0.5, vec![0.0, -3.0, -6.0]),
        ];
        for (min, max, ticks) in axes {
            for h in 6..40u16 {
                let mut chart = chart_of(&f, &c, Marker::Braille);
                chart.y = Axis {
                    range: Range::new(min, max),
                    ticks: ticks.iter().map(|&v| (v, format!("{v}"))).collect(),
                    name: "y".into(),
                };
                let buf = render(&chart, 40, h);
                let laid = chart.laid_out(chart.frame(buf.area).unwrap().plot.height);
                let rows = tick_rows(&buf, &laid);
                assert!(rows.len() >= 2, "{min}..{max} in {h} rows: {rows:?}");
                let gaps: Vec<u16> = rows.windows(2).map(|p| p[1] - p[0]).collect();
                assert!(
                    gaps.iter().all(|&g| g == gaps[0]),
                    "{min}..{max} in {h} rows: ticks at rows {rows:?}"
                );
                // The range keeps what it showed (less half a row at either end),
                // and grows by at most a third.
                let (new, old) = (laid.y.range, chart.y.range);
                let row = new.span() / f64::from(laid.frame(buf.area).unwrap().plot.height);
                assert!(new.min <= old.min + row / 2.0 + 1e-9, "{new:?} {old:?}");
                assert!(new.max >= old.max - row / 2.0 - 1e-9, "{new:?} {old:?}");
                assert!(new.span() <= old.span() * (1.0 + MAX_GROWTH) + 1e-9);
                // Each label is on its tick's row.
                for (v, label) in &laid.y.ticks {
                    let r = laid
                        .cell_row(laid.frame(buf.area).unwrap().plot, *v)
                        .unwrap();
                    let frame = laid.frame(buf.area).unwrap();
                    let y = frame.plot.y + r;
                    let text: String = (0..frame.plot.x)
                        .map(|x| buf[(x, y)].symbol().to_string())
                        .collect();
                    assert!(
                        text.contains(label.as_str()),
                        "{label} on row {y}: {text:?}"
                    );
                }
            }
        }
        // Ticks not evenly spaced in value are left as they are.
        let uneven = [(0.0, "0".to_string()), (1.0, "1".into()), (3.0, "3".into())];
        assert_eq!(
            even_ticks(Range::new(0.0, 3.0), &uneven, 9),
            (Range::new(0.0, 3.0), uneven.to_vec())
        );
    }
}
