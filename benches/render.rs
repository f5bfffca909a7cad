//! How long one frame takes to build: every lesson, both languages, at 80x24 and
//! 200x60, rendered into a buffer (the work a keystroke costs before any bytes go
//! out). Run: `cargo bench --bench render`.

use std::sync::Arc;

use kasseika::app::{App, Message};
use kasseika::i18n::{Lang, Localizer};
use kasseika::lesson::LessonId;
use kasseika::ui::Look;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

const CASES: [&str; 14] = [
    "intro/en",
    "step/en",
    "identity/en",
    "sigmoid/en",
    "relu/en",
    "softmax/en",
    "overflow/en",
    "intro/ja",
    "step/ja",
    "identity/ja",
    "sigmoid/ja",
    "relu/ja",
    "softmax/ja",
    "overflow/ja",
];

fn app(case: &str, width: u16, height: u16) -> App {
    let (id, lang) = case.split_once('/').unwrap();
    let loc = Arc::new(Localizer::embedded().unwrap());
    let mut app = App::new(
        loc,
        Lang::from_code(lang).unwrap(),
        LessonId::from_id(id).unwrap(),
        Look::default(),
    );
    app.update(Message::Resize(width, height));
    app
}

fn frame(bencher: divan::Bencher, case: &str, width: u16, height: u16) {
    let app = app(case, width, height);
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    bencher.bench_local(|| {
        buf.reset();
        kasseika::ui::render(divan::black_box(&app), area, &mut buf);
    });
}

#[divan::bench(args = CASES)]
fn frame_80x24(bencher: divan::Bencher, case: &str) {
    frame(bencher, case, 80, 24);
}

#[divan::bench(args = CASES)]
fn frame_200x60(bencher: divan::Bencher, case: &str) {
    frame(bencher, case, 200, 60);
}
