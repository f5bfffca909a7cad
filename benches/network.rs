//! The math inside a network, timed: the textbook's layer experiment (what one key
//! of the `distribution` lesson costs), one training epoch of the playground for a
//! small and the largest network, a decision map the size of a screen, and the
//! cross-entropy of a few logits. Run: `cargo bench --bench network`.

use kasseika::network::cross_entropy;
use kasseika::network::datasets::{DatasetKind, DatasetSpec};
use kasseika::network::distribution::{Activation, Bins, Experiment, WeightScale};
use kasseika::network::mlp::{Architecture, Hidden, Init, Output};
use kasseika::network::train::{Batch, PlaygroundConfig, Trainer, View};

fn main() {
    divan::main();
}

/// 5 layers of 100 neurons, 1,000 inputs: 50 million multiply-adds and 500,000
/// activations.
#[divan::bench(args = ["sigmoid", "tanh", "relu"])]
fn distribution(bencher: divan::Bencher, activation: &str) {
    let experiment = Experiment {
        activation: Activation::from_id(activation).unwrap(),
        scale: WeightScale::Xavier,
        seed: 0,
    };
    bencher.bench(|| experiment.run(divan::black_box(Bins::TEXTBOOK)).unwrap());
}

fn trainer(hidden: &str, layers: usize, width: usize, batch: Batch) -> Trainer {
    Trainer::new(PlaygroundConfig {
        dataset: DatasetSpec::new(DatasetKind::Spiral),
        architecture: Architecture {
            hidden: Hidden::from_id(hidden).unwrap(),
            layers,
            width,
            output: Output::Softmax,
        },
        init: Init::Auto,
        learning_rate: 0.03,
        batch,
        seed: 0,
    })
    .unwrap()
}

const HIDDEN: [&str; 6] = ["sigmoid", "tanh", "relu", "leaky-relu", "gelu", "identity"];

/// One epoch (200 points, full batch) of 2 hidden layers of 8: a usual setting.
#[divan::bench(args = HIDDEN)]
fn epoch_2x8(bencher: divan::Bencher, hidden: &str) {
    let mut t = trainer(hidden, 2, 8, Batch::Full);
    bencher.bench_local(|| t.advance(1));
}

/// One epoch of the largest network: 10 hidden layers of 16.
#[divan::bench(args = HIDDEN)]
fn epoch_10x16(bencher: divan::Bencher, hidden: &str) {
    let mut t = trainer(hidden, 10, 16, Batch::Full);
    bencher.bench_local(|| t.advance(1));
}

/// One epoch in mini-batches of 10 (20 steps, a shuffle).
#[divan::bench]
fn epoch_2x8_minibatch_10(bencher: divan::Bencher) {
    let mut t = trainer("tanh", 2, 8, Batch::Mini(10));
    bencher.bench_local(|| t.advance(1));
}

/// The decision map over one cell of an 80x24 screen's chart area (60 x 20).
#[divan::bench(args = [(2, 8), (10, 16)])]
fn decision_map_60x20(bencher: divan::Bencher, shape: (usize, usize)) {
    let t = trainer("tanh", shape.0, shape.1, Batch::Full);
    bencher.bench(|| t.decision_map(View::square(1.0), 60, 20).unwrap());
}

#[divan::bench]
fn cross_entropy_of_ten_logits(bencher: divan::Bencher) {
    let logits: Vec<f64> = (0..10).map(|i| f64::from(i) * 1.7 - 3.0).collect();
    bencher.bench(|| cross_entropy::CrossEntropy::new(divan::black_box(&logits), 3).unwrap());
}
