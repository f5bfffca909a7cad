//! The floor for start-up: a minimal ratatui program that draws one braille chart
//! and waits for a key. `benches/terminal.rs` starts it beside kasseika.

use ratatui::crossterm::event::{self, Event};
use ratatui::style::Stylize;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

fn main() -> std::io::Result<()> {
    let points: Vec<(f64, f64)> = (0..200)
        .map(|i| {
            let x = -5.0 + f64::from(i) * 0.05;
            (x, 1.0 / (1.0 + (-x).exp()))
        })
        .collect();
    let mut terminal = ratatui::init();
    let drawn = terminal.draw(|frame| {
        let chart = Chart::new(vec![
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .cyan()
                .data(&points),
        ])
        .block(Block::bordered().title("sigmoid"))
        .x_axis(Axis::default().bounds([-5.0, 5.0]).labels(["-5", "0", "5"]))
        .y_axis(Axis::default().bounds([-0.1, 1.1]).labels(["0", "1"]));
        frame.render_widget(chart, frame.area());
    });
    // Wait for a key, then leave.
    let waited = drawn.and_then(|_| {
        loop {
            if let Event::Key(_) = event::read()? {
                break Ok(());
            }
        }
    });
    ratatui::restore();
    waited
}
