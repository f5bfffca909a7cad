//! Inside a network: the math of the lessons that put the activation functions to
//! work. Pure `f64`, no interface, no text, like [`crate::activation`], whose
//! functions and derivatives every layer here uses.
//!
//! | module | what it holds |
//! | --- | --- |
//! | [`rng`] | NumPy's legacy random numbers (`np.random.seed`, `randn`, `permutation`), bit for bit |
//! | [`distribution`] | the textbook's experiment: activations through 5 layers for a weight scale (histograms, mean, deviation, saturation) |
//! | [`datasets`] | XOR, circle and spiral: two classes in the plane, from a seed |
//! | [`mlp`] | a small network, its loss and its gradient by backpropagation |
//! | [`train`] | training live: a trainer advanced a bounded number of epochs at a time, loss history, gradient per layer, decision map, convergence |
//! | [`cross_entropy`] | softmax with its loss for a one-hot target: stable, its gradient `y - t`, and the formula as written |

pub mod cross_entropy;
pub mod datasets;
pub mod distribution;
pub mod mlp;
pub mod rng;
pub mod train;

/// Why a playground setting was refused (the value given, for the message).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ConfigError {
    /// Points in a dataset: [`datasets::MIN_POINTS`] to [`datasets::MAX_POINTS`].
    Points(usize),
    /// Noise: 0 to [`datasets::MAX_NOISE`].
    Noise(f64),
    /// Hidden layers: [`mlp::MIN_LAYERS`] to [`mlp::MAX_LAYERS`].
    Layers(usize),
    /// Neurons a hidden layer: [`mlp::MIN_WIDTH`] to [`mlp::MAX_WIDTH`].
    Width(usize),
    /// A weight deviation: 0 to [`distribution::MAX_STD`].
    Std(f64),
    /// A learning rate: above 0, at most [`train::MAX_LEARNING_RATE`].
    LearningRate(f64),
    /// A mini-batch: 1 to [`datasets::MAX_POINTS`] points.
    Batch(usize),
    /// A decision map of more than [`train::MAX_MAP_CELLS`] cells.
    MapSize { cols: usize, rows: usize },
}
