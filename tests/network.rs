//! The math inside a network against NumPy (tests/data/network_reference.json, from
//! tests/data/make_network_reference.py) and against its own definitions: random
//! numbers drawn bit for bit, the textbook's experiment, gradients by finite
//! differences, and what training shows (XOR learned, the vanishing gradient of a
//! deep sigmoid network, a linear network that cannot separate XOR).

use kasseika::activation::{Scalar, sigmoid};
use kasseika::network::cross_entropy;
use kasseika::network::datasets::{Dataset, DatasetKind, DatasetSpec};
use kasseika::network::distribution::{Activation, Bins, Experiment, LayerStats, WeightScale};
use kasseika::network::mlp::{Architecture, Hidden, Init, Mlp, Output};
use kasseika::network::rng::NumpyRandom;
use kasseika::network::train::{Batch, PlaygroundConfig, Status, Trainer, View};
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("data/network_reference.json")).unwrap()
}

/// A float written as a string (Python's repr): read exactly.
fn float(v: &Value) -> f64 {
    v.as_str().unwrap().parse().unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(float).collect()
}

#[test]
fn random_numbers_are_numpys_bit_for_bit() {
    let r = reference();
    let mut seeds = 0;
    for (seed, values) in r["randn"].as_object().unwrap() {
        let mut rng = NumpyRandom::new(seed.parse().unwrap());
        let want = floats(values);
        assert_eq!(rng.randn_vec(want.len()), want, "randn, seed {seed}");
        seeds += 1;
    }
    assert_eq!(seeds, 5);
    for (seed, values) in r["random_sample"].as_object().unwrap() {
        let mut rng = NumpyRandom::new(seed.parse().unwrap());
        for want in floats(values) {
            assert_eq!(rng.random_sample(), want, "random_sample, seed {seed}");
        }
    }
    for (key, values) in r["permutation"].as_object().unwrap() {
        let (seed, n) = key.split_once(':').unwrap();
        let mut rng = NumpyRandom::new(seed.parse().unwrap());
        let want: Vec<usize> = values
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(
            rng.permutation(n.parse().unwrap()),
            want,
            "permutation {key}"
        );
    }
    // randn(3) then randn(2): the kept second value of the pair crosses calls.
    let mut rng = NumpyRandom::new(5);
    let mut got = rng.randn_vec(3);
    got.extend(rng.randn_vec(2));
    assert_eq!(got, floats(&r["randn_3_then_2"]));
    // A random_sample between two randn does not disturb the kept value.
    let mut rng = NumpyRandom::new(3);
    let got = vec![rng.randn(), rng.random_sample(), rng.randn(), rng.randn()];
    assert_eq!(got, floats(&r["randn_sample_randn"]));
}

fn scale_of(name: &str) -> WeightScale {
    WeightScale::from_name(name).unwrap_or_else(|| WeightScale::Std(name.parse().unwrap()))
}

fn relative(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { (a - b).abs() / b.abs() }
}

/// Every experiment NumPy ran (seed 0: 3 activations x 4 scales; seed 1: three
/// more): the same histograms and saturated counts, means and deviations to
/// 1e-12. The products are summed in another order than OpenBLAS's, so values
/// differ in their last bits; a histogram could differ only by a value within those
/// bits of an edge (none does here).
#[test]
fn the_textbook_experiment_matches_numpy() {
    let r = reference();
    let runs = r["distribution"].as_array().unwrap();
    assert_eq!(runs.len(), 15);
    let mut worst: f64 = 0.0;
    for run in runs {
        let activation = Activation::from_id(run["activation"].as_str().unwrap()).unwrap();
        let scale = scale_of(run["scale"].as_str().unwrap());
        let seed = run["seed"].as_u64().unwrap() as u32;
        let experiment = Experiment {
            activation,
            scale,
            seed,
        };
        let name = format!("{activation:?} {scale:?} seed {seed}");
        let layers = run["layers"].as_array().unwrap();
        let all_bins: Vec<Bins> = layers[0]["histograms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let count = h["count"].as_u64().unwrap() as usize;
                Bins::new(float(&h["lo"]), float(&h["hi"]), count).unwrap()
            })
            .collect();
        let mut seen = 0;
        experiment
            .each_layer(|layer, z| {
                let want = &layers[layer - 1];
                let at = format!("{name}, layer {layer}");
                for (h, &bins) in all_bins.iter().enumerate() {
                    let stats = LayerStats::of(layer, activation, z, bins, &bins.edges());
                    assert_eq!(stats.layer, layer);
                    let (mean, std) = (float(&want["mean"]), float(&want["std"]));
                    worst = worst
                        .max(relative(stats.mean, mean))
                        .max(relative(stats.std, std));
                    assert!(
                        relative(stats.mean, mean) < 1e-12,
                        "{at}: mean {} vs {mean}",
                        stats.mean
                    );
                    assert!(
                        relative(stats.std, std) < 1e-12,
                        "{at}: std {} vs {std}",
                        stats.std
                    );
                    assert_eq!(
                        stats.saturated as u64,
                        want["saturated"].as_u64().unwrap(),
                        "{at}"
                    );
                    let want_hist = &want["histograms"][h];
                    let counts: Vec<u64> =
                        stats.histogram.counts.iter().map(|&c| c.into()).collect();
                    let want_counts: Vec<u64> = want_hist["counts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| c.as_u64().unwrap())
                        .collect();
                    assert_eq!(counts, want_counts, "{at}, bins {bins:?}");
                    assert_eq!(
                        u64::from(stats.histogram.below),
                        want_hist["below"].as_u64().unwrap()
                    );
                    assert_eq!(
                        u64::from(stats.histogram.above),
                        want_hist["above"].as_u64().unwrap()
                    );
                    assert_eq!(stats.total, 100_000);
                }
                seen += 1;
            })
            .unwrap();
        assert_eq!(seen, 5);
        // run() gives what each_layer's numbers give.
        if seed == 1 {
            let stats = experiment.run(all_bins[0]).unwrap();
            assert_eq!(stats.len(), 5);
            assert_eq!(
                stats[4].saturated as u64,
                layers[4]["saturated"].as_u64().unwrap()
            );
        }
    }
    eprintln!("worst relative difference from NumPy: {worst:e}");
}

/// What the lesson explains, read from the numbers: sigmoid with std 1 piles up at
/// 0 and 1, std 0.01 squeezes everything to 0.5, Xavier keeps a spread; ReLU with
/// std 0.01 fades layer after layer while He keeps its spread.
#[test]
fn the_experiment_tells_the_textbooks_story() {
    let run = |activation, scale| {
        Experiment {
            activation,
            scale,
            seed: 0,
        }
        .run(Bins::TEXTBOOK)
        .unwrap()
    };
    let ones = run(Activation::Sigmoid, WeightScale::Std(1.0));
    assert!(ones.iter().all(|l| l.saturated_percent() > 60.0));
    let small = run(Activation::Sigmoid, WeightScale::Std(0.01));
    assert!(
        small
            .iter()
            .all(|l| l.saturated == 0 && l.std < 0.03 && (l.mean - 0.5).abs() < 0.01)
    );
    let xavier = run(Activation::Sigmoid, WeightScale::Xavier);
    assert!(
        xavier
            .iter()
            .all(|l| l.std > 0.1 && l.saturated_percent() < 1.0)
    );
    let relu_small = run(Activation::Relu, WeightScale::Std(0.01));
    assert!(relu_small.windows(2).all(|w| w[1].std < w[0].std / 5.0));
    let he = run(Activation::Relu, WeightScale::He);
    assert!(he.iter().all(|l| (0.7..1.1).contains(&l.std)));
    // ReLU: about half of every layer is exactly 0, whatever the scale.
    assert!(
        he.iter()
            .all(|l| (45.0..55.0).contains(&l.saturated_percent()))
    );
    // Another seed, other numbers (the key that draws again).
    let again = Experiment {
        activation: Activation::Sigmoid,
        scale: WeightScale::Xavier,
        seed: 1,
    }
    .run(Bins::TEXTBOOK)
    .unwrap();
    assert_ne!(again[0].mean, xavier[0].mean);
}

fn arch(hidden: Hidden, layers: usize, width: usize, output: Output) -> Architecture {
    Architecture {
        hidden,
        layers,
        width,
        output,
    }
}

/// The backpropagated gradient against central differences of the loss, for every
/// hidden activation and both outputs, at every parameter.
#[test]
fn gradients_match_finite_differences() {
    let data = Dataset::generate(DatasetSpec {
        points: 12,
        noise: 0.2,
        ..DatasetSpec::new(DatasetKind::Spiral)
    })
    .unwrap();
    for hidden in Hidden::ALL {
        for output in [Output::Softmax, Output::Sigmoid] {
            let mut net = Mlp::new(arch(hidden, 2, 3, output), Init::Std(0.8), 7).unwrap();
            // Biases away from 0 too, so that no pre-activation sits exactly on
            // ReLU's corner (a neuron fed only zeros would, with a zero bias).
            let random = NumpyRandom::new(11).randn_vec(net.parameter_count());
            assert!(net.set_parameters(&random.iter().map(|v| 0.8 * v).collect::<Vec<_>>()));
            let (loss, grads) = net.gradient(&data.points, &data.labels);
            let analytic = grads.flat();
            let params = net.parameters();
            assert_eq!(analytic.len(), params.len());
            let mut probe = net.clone();
            let mut loss_at = |i: usize, v: f64| {
                let mut p = params.clone();
                p[i] = v;
                assert!(probe.set_parameters(&p));
                probe.loss(&data.points, &data.labels)
            };
            assert_eq!(loss_at(0, params[0]), loss);
            for i in 0..params.len() {
                let h = 1e-6;
                let numeric = (loss_at(i, params[i] + h) - loss_at(i, params[i] - h)) / (2.0 * h);
                let err = (numeric - analytic[i]).abs();
                // Central differences with h = 1e-6 are good to about 1e-9 here
                // (rounding of the loss over h); a wrong term is off by far more.
                assert!(
                    err <= 1e-6 * analytic[i].abs() + 1e-9,
                    "{hidden:?} {output:?} parameter {i}: backprop {}, difference {numeric}",
                    analytic[i]
                );
            }
        }
    }
}

/// Both outputs' losses are the cross-entropy of the lesson: softmax with two
/// logits, and sigmoid as softmax of `[0, z]`.
#[test]
fn the_output_loss_is_the_lessons_cross_entropy() {
    let data = Dataset::generate(DatasetSpec::new(DatasetKind::Circle)).unwrap();
    let net = Mlp::new(arch(Hidden::Tanh, 1, 4, Output::Softmax), Init::Std(2.0), 3).unwrap();
    let probabilities = net.predict(&data.points);
    let (loss, _) = net.gradient(&data.points, &data.labels);
    let mut by_hand = 0.0;
    for (p, &label) in probabilities.iter().zip(&data.labels) {
        // p = σ(z1 - z0): the logits [0, logit(p)] have the same softmax.
        let logit = (p / (1.0 - p)).ln();
        by_hand += cross_entropy::loss(&[0.0, logit], usize::from(label)).unwrap();
    }
    by_hand /= data.len() as f64;
    assert!((loss - by_hand).abs() < 1e-12 * loss, "{loss} vs {by_hand}");
    assert_eq!(sigmoid(0.0), 0.5);
}

fn config(kind: DatasetKind, hidden: Hidden, layers: usize, width: usize) -> PlaygroundConfig {
    PlaygroundConfig {
        dataset: DatasetSpec::new(kind),
        architecture: arch(hidden, layers, width, Output::Softmax),
        init: Init::Auto,
        learning_rate: 0.5,
        batch: Batch::Full,
        seed: 0,
    }
}

/// The epochs within which XOR with tanh (one hidden layer of 4, Xavier weights,
/// learning rate 0.5, full batch, 200 points without noise, seeds 0) gets below a
/// loss of 0.05 (it does at epoch 217).
pub const XOR_TANH_EPOCHS: usize = 300;

#[test]
fn xor_with_tanh_is_learned_within_the_stated_epochs() {
    let mut t = Trainer::new(config(DatasetKind::Xor, Hidden::Tanh, 1, 4)).unwrap();
    let start = t.loss();
    assert!((start - std::f64::consts::LN_2).abs() < 0.2, "{start}");
    let mut reached = None;
    while t.epoch() < XOR_TANH_EPOCHS as u64 {
        let step = t.advance(50);
        assert!(step.epochs >= 1);
        if t.history().points().any(|(_, l)| l < 0.05) || t.loss() < 0.05 {
            reached.get_or_insert(t.epoch());
        }
    }
    let reached = reached.unwrap_or_else(|| panic!("loss {} after {} epochs", t.loss(), t.epoch()));
    eprintln!("XOR with tanh: loss < 0.05 by epoch {reached}");
    assert!(t.accuracy() > 0.99);
    // The map puts each quadrant in its class.
    let map = t.decision_map(View::square(1.0), 4, 4).unwrap();
    let p = |c, r| map.at(c, r).unwrap();
    assert!(p(3, 0) > 0.5 && p(0, 3) > 0.5, "quadrants I and III");
    assert!(p(0, 0) < 0.5 && p(3, 3) < 0.5, "quadrants II and IV");
}

/// Ten sigmoid layers: the gradient reaching the first layer is thousands of
/// times smaller than the one reaching the last, and the loss hardly moves; ReLU
/// with He weights, as deep, learns.
#[test]
fn a_deep_sigmoid_network_vanishes_where_relu_learns() {
    let deep = |hidden| PlaygroundConfig {
        learning_rate: 0.1,
        ..config(DatasetKind::Circle, hidden, 10, 8)
    };
    let mut sig = Trainer::new(deep(Hidden::Sigmoid)).unwrap();
    let g = sig.gradient_norms().to_vec();
    assert_eq!(g.len(), 11);
    let ratio = g[10] / g[0];
    eprintln!("sigmoid x10: last / first gradient = {ratio:e}");
    assert!(ratio > 1000.0, "{g:?}");
    let start = sig.loss();
    sig.advance(300);
    assert!(sig.loss() > 0.95 * start, "{start} -> {}", sig.loss());

    let mut relu = Trainer::new(deep(Hidden::Relu)).unwrap();
    let g = relu.gradient_norms().to_vec();
    assert!(g[10] / g[0] < 100.0, "{g:?}");
    relu.advance(300);
    eprintln!("relu x10: loss {} after 300 epochs", relu.loss());
    assert!(relu.loss() < 0.1, "{}", relu.loss());
    assert!(relu.accuracy() > 0.95);
}

/// Identity in every hidden layer makes the whole network one linear map: it
/// cannot separate XOR, the loss stays near ln 2 and the accuracy near chance.
#[test]
fn a_linear_network_cannot_separate_xor() {
    let mut t = Trainer::new(config(DatasetKind::Xor, Hidden::Identity, 3, 8)).unwrap();
    t.advance(2000);
    eprintln!("identity: loss {}, accuracy {}", t.loss(), t.accuracy());
    assert!(t.loss() > 0.66, "{}", t.loss());
    assert!(t.accuracy() < 0.65, "{}", t.accuracy());
}

#[test]
fn training_stops_itself() {
    // A rate far too large for a linear network: the weights grow without bound
    // until the loss is no number, and training stops there.
    let mut wild = config(DatasetKind::Spiral, Hidden::Identity, 4, 16);
    wild.learning_rate = 10.0;
    let mut t = Trainer::new(wild).unwrap();
    let step = t.advance(1000);
    assert_eq!(step.status, Status::Diverged, "{step:?}, loss {}", t.loss());
    assert!(step.epochs < 1000);
    assert_eq!(t.epoch(), step.epochs as u64);
    assert_eq!(t.advance(10).epochs, 0, "nothing more after diverging");
    t.reset();
    assert_eq!((t.epoch(), t.status()), (0, Status::Training));
    // XOR learned to below 0.01: converged, and the call stops at that epoch.
    let mut t = Trainer::new(config(DatasetKind::Xor, Hidden::Tanh, 1, 4)).unwrap();
    let mut steps = 0;
    while !t.status().is_finished() && steps < 200 {
        t.advance(100);
        steps += 1;
    }
    assert_eq!(t.status(), Status::Converged, "loss {}", t.loss());
    assert!(t.loss() < 0.01);
    let before: Vec<(u64, f64)> = t.history().points().collect();
    assert!(
        before[before.len() - 2].1 >= 0.01,
        "stopped at the first epoch below"
    );
    // Going on is allowed.
    assert_eq!(t.advance(5).epochs, 5);
}

#[test]
fn mini_batches_learn_and_are_repeatable() {
    let mut c = config(DatasetKind::Circle, Hidden::Relu, 2, 8);
    c.batch = Batch::Mini(20);
    c.learning_rate = 0.1;
    let mut a = Trainer::new(c).unwrap();
    let mut b = Trainer::new(c).unwrap();
    a.advance(100);
    b.advance(60);
    b.advance(40);
    assert_eq!(a.loss(), b.loss());
    assert_eq!(a.network(), b.network());
    assert!(a.loss() < 0.2, "{}", a.loss());
    a.reset();
    assert_eq!(a.epoch(), 0);
    assert_eq!(a.network(), Trainer::new(c).unwrap().network());
}

#[test]
fn bad_settings_are_refused() {
    let good = config(DatasetKind::Xor, Hidden::Tanh, 1, 4);
    let bad_rate = |r| PlaygroundConfig {
        learning_rate: r,
        ..good
    };
    for r in [0.0, -1.0, f64::NAN, f64::INFINITY, 11.0] {
        assert!(Trainer::new(bad_rate(r)).is_err(), "{r}");
    }
    assert!(
        Trainer::new(PlaygroundConfig {
            batch: Batch::Mini(0),
            ..good
        })
        .is_err()
    );
    let t = Trainer::new(good).unwrap();
    assert!(t.decision_map(View::square(1.0), 1 << 20, 1 << 20).is_err());
    assert!(t.decision_map(View::square(1.0), usize::MAX, 2).is_err());
    let empty = t.decision_map(View::square(1.0), 0, 5).unwrap();
    assert!(empty.probabilities.is_empty());
    let mut t = t;
    assert!(t.set_learning_rate(f64::NAN).is_err());
    assert!(t.set_learning_rate(0.1).is_ok());
    assert_eq!(Hidden::from_id("leaky-relu"), Some(Hidden::LeakyRelu));
    assert_eq!(Hidden::Gelu.scalar(), Scalar::Gelu);
}
