//! A function chart drawn with dots: braille (2x4 dots a cell), half blocks (1x2)
//! or ASCII (1x3). A curve is sampled once per dot column, so it is as smooth as
//! the terminal allows at any size; a jump is drawn as a jump; values that are not
//! finite are never plotted. Several curves on one chart are told apart without
//! colour: each has its own dot pattern (solid, dotted, dashed) and its name written
//! beside it, where the name covers no curve.

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

/// How a curve's dots are laid: every dot column, every other one, or two on and
/// two off. Told apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    Solid,
    Dotted,
    Dashed,
}

impl Pattern {
    /// The patterns in the order curves take them.
    pub const ALL: [Pattern; 3] = [Pattern::Solid, Pattern::Dotted, Pattern::Dashed];

    /// Whether dot column `i` is drawn.
    fn draws(self, i: usize) -> bool {
        match self {
            Pattern::Solid => true,
            Pattern::Dotted => i.is_multiple_of(2),
            Pattern::Dashed => (i / 2).is_multiple_of(2),
        }
    }
}

/// One curve `y = f(x)`.
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
pub enum Series<'a> {
    /// Curves; the first is the one the values entered are marked on.
    Functions(Vec<Curve<'a>>),
    /// One bar per value, from the bottom of the y range.
    Bars(Vec<f64>),
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
}

impl Chart<'_> {
    fn frame(&self, area: Rect) -> Option<Frame> {
        let label_w = self
            .y
            .ticks
            .iter()
            .map(|(_, l)| l.width())
            .chain(std::iter::once(self.y.name.width()))
            .max()
            .unwrap_or(0) as u16;
        // Rows: name/probe line, plot, axis line, tick labels.
        let plot_w = area.width.checked_sub(label_w + 2)?;
        let plot_h = area.height.checked_sub(3)?;
        if plot_w < 4 || plot_h < 2 {
            return None;
        }
        Some(Frame {
            label_w,
            plot: Rect::new(area.x + label_w + 1, area.y + 1, plot_w, plot_h),
        })
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
            Series::Bars(values) => {
                let k = values.len().max(1) as f64;
                let bottom = dots.height() as f64 - 1.0;
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
                    if *v > self.y.range.min {
                        dots.vline(i, top.floor(), bottom);
                    }
                }
            }
        }
    }

    fn plot_guides(&self, dots: &mut Dots) {
        let (w, h) = (dots.width(), dots.height());
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
            for dx in (0..w).step_by(4) {
                dots.set(dx, row);
            }
        }
        for guide in &self.guides {
            if self.x.range.contains(guide.x) {
                let col = col_of(guide.x).min(w - 1);
                for dy in (0..h).step_by(2) {
                    dots.set(col, dy);
                }
            }
        }
    }
}

impl Widget for &Chart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        let Some(Frame { label_w, plot }) = self.frame(area) else {
            return;
        };
        let t = &self.theme;
        let ascii = self.marker == Marker::Ascii || t.ascii;

        // Dots: the series over the guides; each curve in dots of its own, to style
        // it and to name it.
        let blank = || {
            Dots::new(
                usize::from(plot.width),
                usize::from(plot.height),
                self.marker,
            )
        };
        let layers: Vec<Dots> = match &self.series {
            Series::Functions(curves) => curves
                .iter()
                .map(|c| {
                    let mut d = blank();
                    self.plot_curve(c, &mut d);
                    d
                })
                .collect(),
            Series::Bars(_) => {
                let mut d = blank();
                self.plot_series(&mut d);
                vec![d]
            }
        };
        let mut curve = blank();
        for layer in &layers {
            for (bits, more) in curve.bits.iter_mut().zip(&layer.bits) {
                *bits |= more;
            }
        }
        let mut guides = blank();
        self.plot_guides(&mut guides);
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
        if let Series::Bars(values) = &self.series {
            for (k, v) in values.iter().enumerate().filter(|(_, v)| !v.is_finite()) {
                let cols: Vec<u16> = (0..plot.width)
                    .filter(|&c| self.bar_at(plot, c) == Some(k))
                    .collect();
                let word = crate::number::display(*v);
                let w = word.width() as u16;
                if let (Some(&first), Some(&last)) = (cols.first(), cols.last())
                    && last + 1 - first >= w
                {
                    let x = plot.x + first + (last + 1 - first - w) / 2;
                    buf.set_stringn(x, plot.bottom() - 1, &word, usize::from(w), t.non_finite());
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
        let label_y = axis_y + 1;
        let mut next_free = area.x;
        for (v, label) in &self.x.ticks {
            if let Some(c) = self.cell_col(plot, *v) {
                let x = plot.x + c;
                buf[(x, axis_y)].set_char(xtick).set_style(t.axis());
                let lw = label.width() as u16;
                let start = x
                    .saturating_sub(lw / 2)
                    .min(area.right().saturating_sub(lw))
                    .max(next_free);
                if start + lw <= area.right() {
                    buf.set_stringn(start, label_y, label, usize::from(lw), t.axis_label());
                    next_free = start + lw + 1;
                }
            }
        }
        // Axis names: y above its axis, x at the end of the tick labels' row.
        buf.set_stringn(
            area.x,
            area.y,
            &self.y.name,
            usize::from(label_w + 1),
            t.axis_name(),
        );
        let xw = self.x.name.width() as u16;
        if next_free + xw <= area.right() {
            buf.set_stringn(
                area.right() - xw,
                label_y,
                &self.x.name,
                usize::from(xw),
                t.axis_name(),
            );
        }

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
        // no other name.
        if let Series::Functions(curves) = &self.series {
            self.name_curves(curves, &layers, (&curve, &guides), plot, &mut taken, buf);
        }

        // Guide labels beside their lines, where they cover no curve and no mark.
        let free = |taken: &[bool], col: u16, row: u16| {
            let (c, r) = (usize::from(col), usize::from(row));
            curve.cell(c, r) == 0 && !taken[r * usize::from(plot.width) + c]
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

        // The probe's coordinates on the top line, right of the axis name: the most
        // precise label that fits whole.
        if let Some(p) = &self.probe {
            let name_w = self.y.name.width() as u16 + 1;
            let room = usize::from(area.width.saturating_sub(name_w));
            if let Some(label) = p.labels.iter().find(|l| l.width() <= room) {
                let lw = label.width() as u16;
                let line = Line::styled(label.as_str(), t.probe_label());
                buf.set_line(area.right() - lw, area.y, &line, lw);
            }
        }
    }
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
    ) {
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
        let sample = |p: Pattern| -> &'static str {
            match (self.marker, p) {
                (Marker::Ascii, Pattern::Solid) => "--",
                (Marker::Ascii, Pattern::Dotted) => "- -",
                (Marker::Ascii, Pattern::Dashed) => "-- --",
                (_, Pattern::Solid) => "\u{2812}\u{2812}",
                (_, Pattern::Dotted) => "\u{2802}\u{2802}",
                (_, Pattern::Dashed) => "\u{2812} \u{2812}",
            }
        };
        for i in unnamed {
            let Some(name) = curves[i]
                .labels
                .iter()
                .find(|n| sample(curves[i].pattern).width() + 1 + n.width() + 2 <= w)
            else {
                continue;
            };
            let piece = sample(curves[i].pattern);
            let lw = piece.width() + 1 + name.width();
            if lw + 2 > w {
                continue;
            }
            let rows: Vec<usize> = (0..h).flat_map(|r| [r, h - 1 - r]).take(h).collect();
            // Where no dot is beside it either (so that it reads as a legend, not
            // as the name of a curve next to it), else anywhere free.
            let free = |row: usize, start: usize, around: bool| {
                let rows = if around {
                    row.saturating_sub(1)..(row + 2).min(h)
                } else {
                    row..row + 1
                };
                rows.clone().all(|r| {
                    (start.saturating_sub(1)..(start + lw + 1).min(w))
                        .all(|c| all.cell(c, r) == 0 && guides.cell(c, r) == 0)
                }) && (start.saturating_sub(1)..(start + lw + 1).min(w))
                    .all(|c| !taken[row * w + c])
            };
            let spot = [true, false].into_iter().find_map(|around| {
                rows.iter().find_map(|&row| {
                    // Not against the y axis: a cell free on its left.
                    (1..=w - lw)
                        .rev()
                        .find(|&start| free(row, start, around))
                        .map(|start| (row, start))
                })
            });
            if let Some((row, start)) = spot {
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
        }
    }

    /// The bar a cell column belongs to, on a bar chart.
    fn bar_at(&self, plot: Rect, col: u16) -> Option<usize> {
        let Series::Bars(values) = &self.series else {
            return None;
        };
        let pos = (f64::from(col) + 0.5) / f64::from(plot.width) * values.len() as f64;
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
            series: Series::Bars(vec![f64::NAN, 0.5, f64::INFINITY]),
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
}
