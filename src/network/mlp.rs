//! A small fully connected network for two classes in the plane, its loss and its
//! gradient by backpropagation, in `f64`.
//!
//! `x (2) -> [a = h W + b, h = f(a)] x layers -> z = h W + b -> softmax or sigmoid`.
//! The hidden activation `f` and its derivative are the course's
//! ([`Scalar::eval`], [`Scalar::derivative_by_convention`]: ReLU'(0) = 0 and Leaky
//! ReLU'(0) = 0.01, as the frameworks take them). The loss is the mean
//! cross-entropy over the batch, from the logits:
//! - softmax output (two logits `z0, z1`): `E = softplus(z_other - z_target)`
//!   (`= -ln softmax(z)_target`, [`super::cross_entropy::loss`] for two classes) and
//!   `∂E/∂z = y - t` with `y_other = σ(z_other - z_target)`;
//! - sigmoid output (one logit `z`, `p = σ(z)` the probability of class 1):
//!   `E = softplus(z)` for class 0, `softplus(-z)` for class 1, and `∂E/∂z = p - t`.
//!
//! Weights are `n_in x n_out` matrices as in NumPy's `h @ W`, drawn layer after
//! layer with `np.random.randn(n_in, n_out) * scale` from the seed; biases start at 0.

use crate::activation::{Scalar, sigmoid, softplus};

use super::ConfigError;
use super::distribution::MAX_STD;
use super::rng::NumpyRandom;

/// The fewest and the most hidden layers.
pub const MIN_LAYERS: usize = 1;
pub const MAX_LAYERS: usize = 10;
/// The fewest and the most neurons in a hidden layer.
pub const MIN_WIDTH: usize = 2;
pub const MAX_WIDTH: usize = 16;
/// Points pushed through the network at once: a batch is summed chunk by chunk,
/// so the buffers hold 32 points whatever the batch (about 100 KB for the largest
/// network, 10 layers of 16; a few KB for a usual one).
pub(crate) const CHUNK: usize = 32;

/// The activation of the hidden layers: the course's functions that make sense
/// there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hidden {
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Gelu,
    Identity,
}

impl Hidden {
    pub const ALL: [Hidden; 6] = [
        Hidden::Sigmoid,
        Hidden::Tanh,
        Hidden::Relu,
        Hidden::LeakyRelu,
        Hidden::Gelu,
        Hidden::Identity,
    ];

    pub fn scalar(self) -> Scalar {
        match self {
            Hidden::Sigmoid => Scalar::Sigmoid,
            Hidden::Tanh => Scalar::Tanh,
            Hidden::Relu => Scalar::Relu,
            Hidden::LeakyRelu => Scalar::LeakyRelu,
            Hidden::Gelu => Scalar::Gelu,
            Hidden::Identity => Scalar::Identity,
        }
    }

    /// As [`Scalar::id`]: `sigmoid`, `tanh`, `relu`, `leaky-relu`, `gelu`, `identity`.
    pub fn id(self) -> &'static str {
        self.scalar().id()
    }

    pub fn from_id(id: &str) -> Option<Hidden> {
        Hidden::ALL.into_iter().find(|h| h.id() == id)
    }

    /// Xavier for the functions symmetric around 0 (sigmoid, tanh, identity), He
    /// for the ReLU family (ReLU, Leaky ReLU, GELU), as the textbook advises.
    pub fn default_init(self) -> Init {
        match self {
            Hidden::Sigmoid | Hidden::Tanh | Hidden::Identity => Init::Xavier,
            Hidden::Relu | Hidden::LeakyRelu | Hidden::Gelu => Init::He,
        }
    }
}

/// How the weights start: `randn * scale`, for every layer alike (as the textbook's
/// `MultiLayerNet` does).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Init {
    /// The activation's [`Hidden::default_init`].
    Auto,
    /// `1 / sqrt(n_in)`.
    Xavier,
    /// `sqrt(2 / n_in)`.
    He,
    /// A given standard deviation, 0 to [`MAX_STD`].
    Std(f64),
}

impl Init {
    fn scale(self, hidden: Hidden, fan_in: usize) -> f64 {
        let n = fan_in as f64;
        match self {
            Init::Auto => hidden.default_init().scale(hidden, fan_in),
            Init::Xavier => (1.0 / n).sqrt(),
            Init::He => (2.0 / n).sqrt(),
            Init::Std(s) => s,
        }
    }
}

/// The output layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// Two neurons, softmax, cross-entropy: the multi-class form with two classes.
    Softmax,
    /// One neuron, sigmoid, binary cross-entropy.
    Sigmoid,
}

impl Output {
    fn neurons(self) -> usize {
        match self {
            Output::Softmax => 2,
            Output::Sigmoid => 1,
        }
    }
}

/// The shape of a network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Architecture {
    pub hidden: Hidden,
    /// Hidden layers, [`MIN_LAYERS`] to [`MAX_LAYERS`].
    pub layers: usize,
    /// Neurons in each hidden layer, [`MIN_WIDTH`] to [`MAX_WIDTH`].
    pub width: usize,
    pub output: Output,
}

impl Architecture {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(MIN_LAYERS..=MAX_LAYERS).contains(&self.layers) {
            return Err(ConfigError::Layers(self.layers));
        }
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&self.width) {
            return Err(ConfigError::Width(self.width));
        }
        Ok(())
    }

    /// Neurons in each layer, input (2) to output (1 or 2).
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![2];
        sizes.extend(std::iter::repeat_n(self.width, self.layers));
        sizes.push(self.output.neurons());
        sizes
    }
}

/// The network's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Mlp {
    arch: Architecture,
    sizes: Vec<usize>,
    /// Layer `l`: `sizes[l] x sizes[l + 1]`, row-major.
    weights: Vec<Vec<f64>>,
    biases: Vec<Vec<f64>>,
}

/// A gradient (or any set of values) shaped like the parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    pub weights: Vec<Vec<f64>>,
    pub biases: Vec<Vec<f64>>,
}

impl Gradients {
    fn zeros_like(net: &Mlp) -> Gradients {
        Gradients {
            weights: net.weights.iter().map(|w| vec![0.0; w.len()]).collect(),
            biases: net.biases.iter().map(|b| vec![0.0; b.len()]).collect(),
        }
    }

    fn clear(&mut self) {
        for v in self.weights.iter_mut().chain(&mut self.biases) {
            v.fill(0.0);
        }
    }

    /// The Euclidean (Frobenius) norm of each layer's weight gradient, first hidden
    /// layer first, output layer last: the size of the gradient reaching the layer.
    pub fn weight_norms(&self) -> Vec<f64> {
        self.weights
            .iter()
            .map(|w| w.iter().map(|g| g * g).sum::<f64>().sqrt())
            .collect()
    }

    /// Every value in the order of [`Mlp::parameters`].
    pub fn flat(&self) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.biases)
            .flat_map(|(w, b)| w.iter().chain(b).copied())
            .collect()
    }
}

/// Buffers for one chunk of points: the pre-activations and outputs of every
/// layer, and the gradient flowing back.
#[derive(Debug, Clone)]
pub(crate) struct Workspace {
    /// `h[0]` the inputs, `h[l]` the outputs of hidden layer `l`.
    h: Vec<Vec<f64>>,
    /// `a[l]` the pre-activations of layer `l + 1` (the last: the logits).
    a: Vec<Vec<f64>>,
    delta: Vec<f64>,
    back: Vec<f64>,
}

impl Workspace {
    pub(crate) fn new(net: &Mlp) -> Workspace {
        let widest = net.sizes.iter().copied().max().unwrap_or(2);
        Workspace {
            h: net.sizes[..net.sizes.len() - 1]
                .iter()
                .map(|&n| vec![0.0; CHUNK * n])
                .collect(),
            a: net.sizes[1..]
                .iter()
                .map(|&n| vec![0.0; CHUNK * n])
                .collect(),
            delta: vec![0.0; CHUNK * widest],
            back: vec![0.0; CHUNK * widest],
        }
    }
}

/// The loss of one point from its logits, and `∂E/∂z` into `dz` scaled by `scale`.
fn output_loss(output: Output, z: &[f64], label: u8, dz: &mut [f64], scale: f64) -> f64 {
    match output {
        Output::Softmax => {
            let (t, o) = if label == 1 { (1, 0) } else { (0, 1) };
            let margin = z[o] - z[t];
            // y_other = σ(z_o - z_t); y_t - 1 = -y_other.
            let y_other = sigmoid(margin);
            dz[o] = y_other * scale;
            dz[t] = -y_other * scale;
            softplus(margin)
        }
        Output::Sigmoid => {
            if label == 1 {
                dz[0] = -sigmoid(-z[0]) * scale;
                softplus(-z[0])
            } else {
                dz[0] = sigmoid(z[0]) * scale;
                softplus(z[0])
            }
        }
    }
}

impl Mlp {
    /// A network with weights drawn from `seed` (`np.random.seed(seed)`, then
    /// `randn(n_in, n_out) * scale` layer after layer), biases 0.
    pub fn new(arch: Architecture, init: Init, seed: u32) -> Result<Mlp, ConfigError> {
        Mlp::with_rng(arch, init, &mut NumpyRandom::new(seed))
    }

    /// As [`Mlp::new`], drawing from `rng` (which goes on to shuffle the batches).
    pub fn with_rng(
        arch: Architecture,
        init: Init,
        rng: &mut NumpyRandom,
    ) -> Result<Mlp, ConfigError> {
        arch.validate()?;
        if let Init::Std(s) = init
            && !(0.0..=MAX_STD).contains(&s)
        {
            return Err(ConfigError::Std(s));
        }
        let sizes = arch.sizes();
        let mut weights = Vec::new();
        let mut biases = Vec::new();
        for pair in sizes.windows(2) {
            let (n_in, n_out) = (pair[0], pair[1]);
            let scale = init.scale(arch.hidden, n_in);
            let mut w = rng.randn_vec(n_in * n_out);
            for v in &mut w {
                *v *= scale;
            }
            weights.push(w);
            biases.push(vec![0.0; n_out]);
        }
        Ok(Mlp {
            arch,
            sizes,
            weights,
            biases,
        })
    }

    pub fn architecture(&self) -> Architecture {
        self.arch
    }

    /// Neurons in each layer, input (2) to output.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Layers with weights: the hidden ones and the output.
    pub fn weight_layers(&self) -> usize {
        self.weights.len()
    }

    /// Weights (`n_in x n_out`, row-major) and biases of layer `l` (0: the first
    /// hidden layer; the last: the output layer); None past the last.
    pub fn layer(&self, l: usize) -> Option<(&[f64], &[f64])> {
        Some((self.weights.get(l)?, self.biases.get(l)?))
    }

    /// Every parameter, layer by layer, weights (row-major) then biases.
    pub fn parameters(&self) -> Vec<f64> {
        self.weights
            .iter()
            .zip(&self.biases)
            .flat_map(|(w, b)| w.iter().chain(b).copied())
            .collect()
    }

    /// Sets every parameter, in the order of [`Mlp::parameters`]; false (and no
    /// change) when the count differs.
    pub fn set_parameters(&mut self, values: &[f64]) -> bool {
        if values.len() != self.parameter_count() {
            return false;
        }
        let mut it = values.iter();
        for (w, b) in self.weights.iter_mut().zip(&mut self.biases) {
            for v in w.iter_mut().chain(b.iter_mut()) {
                *v = *it.next().unwrap_or(&0.0);
            }
        }
        true
    }

    pub fn parameter_count(&self) -> usize {
        self.weights
            .iter()
            .zip(&self.biases)
            .map(|(w, b)| w.len() + b.len())
            .sum()
    }

    /// Multiply-adds for one point through the network (forward only).
    pub fn multiply_adds(&self) -> usize {
        self.weights.iter().map(Vec::len).sum()
    }

    /// The forward pass of `points` (at most [`CHUNK`]) into the workspace; the
    /// logits end in `work.a.last()`.
    fn forward(&self, points: &[[f64; 2]], work: &mut Workspace) {
        let m = points.len();
        for (row, p) in work.h[0].chunks_exact_mut(2).zip(points) {
            row.copy_from_slice(p);
        }
        let f = self.arch.hidden.scalar();
        let last = self.weights.len() - 1;
        for l in 0..=last {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (w, b) = (&self.weights[l], &self.biases[l]);
            let a = &mut work.a[l][..m * n_out];
            let h = &work.h[l][..m * n_in];
            for (hr, ar) in h.chunks_exact(n_in).zip(a.chunks_exact_mut(n_out)) {
                ar.copy_from_slice(b);
                for (&hk, wr) in hr.iter().zip(w.chunks_exact(n_out)) {
                    for (av, &wv) in ar.iter_mut().zip(wr) {
                        *av += hk * wv;
                    }
                }
            }
            if l < last {
                let (a, h) = (&work.a[l][..m * n_out], &mut work.h[l + 1][..m * n_out]);
                for (hv, &av) in h.iter_mut().zip(a) {
                    *hv = f.eval(av);
                }
            }
        }
    }

    /// The probability of class 1 from one point's logits.
    fn probability(&self, z: &[f64]) -> f64 {
        match self.arch.output {
            Output::Softmax => sigmoid(z[1] - z[0]),
            Output::Sigmoid => sigmoid(z[0]),
        }
    }

    /// The probability of class 1 at each point, into `out` (same length).
    pub(crate) fn predict_into(&self, points: &[[f64; 2]], out: &mut [f64], work: &mut Workspace) {
        let k = self.arch.output.neurons();
        for (chunk, out) in points.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
            self.forward(chunk, work);
            let logits = &work.a[self.weights.len() - 1];
            for (o, z) in out.iter_mut().zip(logits.chunks_exact(k)) {
                *o = self.probability(z);
            }
        }
    }

    /// The probability of class 1 at each point.
    pub fn predict(&self, points: &[[f64; 2]]) -> Vec<f64> {
        let mut out = vec![0.0; points.len()];
        self.predict_into(points, &mut out, &mut Workspace::new(self));
        out
    }

    /// The mean loss over `batch` (indices into `points`/`labels`), with the mean
    /// gradient added into `grads` (cleared first). Chunk by chunk, so memory does
    /// not grow with the batch.
    pub(crate) fn loss_and_gradient(
        &self,
        points: &[[f64; 2]],
        labels: &[u8],
        batch: &[usize],
        grads: &mut Gradients,
        work: &mut Workspace,
    ) -> f64 {
        grads.clear();
        if batch.is_empty() {
            return 0.0;
        }
        let scale = 1.0 / batch.len() as f64;
        let f = self.arch.hidden.scalar();
        let last = self.weights.len() - 1;
        let mut total = 0.0;
        let mut chunk_points = [[0.0; 2]; CHUNK];
        for chunk in batch.chunks(CHUNK) {
            let m = chunk.len();
            for (dst, &i) in chunk_points.iter_mut().zip(chunk) {
                *dst = points[i];
            }
            self.forward(&chunk_points[..m], work);
            // Output: ∂E/∂z for each point, into delta.
            let k = self.sizes[last + 1];
            for (r, &i) in chunk.iter().enumerate() {
                let z = &work.a[last][r * k..(r + 1) * k];
                let dz = &mut work.delta[r * k..(r + 1) * k];
                total += output_loss(self.arch.output, z, labels[i], dz, scale);
            }
            for l in (0..=last).rev() {
                let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
                let delta = &work.delta[..m * n_out];
                let h = &work.h[l][..m * n_in];
                let (gw, gb) = (&mut grads.weights[l], &mut grads.biases[l]);
                for (hr, dr) in h.chunks_exact(n_in).zip(delta.chunks_exact(n_out)) {
                    for (&hk, gr) in hr.iter().zip(gw.chunks_exact_mut(n_out)) {
                        for (g, &d) in gr.iter_mut().zip(dr) {
                            *g += hk * d;
                        }
                    }
                    for (g, &d) in gb.iter_mut().zip(dr) {
                        *g += d;
                    }
                }
                if l == 0 {
                    break;
                }
                // Back through W and the activation of layer l.
                let w = &self.weights[l];
                let back = &mut work.back[..m * n_in];
                for (br, dr) in back.chunks_exact_mut(n_in).zip(delta.chunks_exact(n_out)) {
                    for (bv, wr) in br.iter_mut().zip(w.chunks_exact(n_out)) {
                        *bv = wr.iter().zip(dr).map(|(w, d)| w * d).sum();
                    }
                }
                let a = &work.a[l - 1][..m * n_in];
                for (bv, &av) in back.iter_mut().zip(a) {
                    *bv *= f.derivative_by_convention(av);
                }
                std::mem::swap(&mut work.delta, &mut work.back);
            }
        }
        total * scale
    }

    /// The mean loss and gradient over all the points.
    pub fn gradient(&self, points: &[[f64; 2]], labels: &[u8]) -> (f64, Gradients) {
        let mut grads = Gradients::zeros_like(self);
        let batch: Vec<usize> = (0..points.len().min(labels.len())).collect();
        let loss = self.loss_and_gradient(
            points,
            labels,
            &batch,
            &mut grads,
            &mut Workspace::new(self),
        );
        (loss, grads)
    }

    /// The mean loss over all the points.
    pub fn loss(&self, points: &[[f64; 2]], labels: &[u8]) -> f64 {
        self.gradient(points, labels).0
    }

    /// One step of gradient descent: every parameter minus `rate` times its gradient.
    pub(crate) fn descend(&mut self, grads: &Gradients, rate: f64) {
        let params = self.weights.iter_mut().chain(&mut self.biases);
        let grads = grads.weights.iter().chain(&grads.biases);
        for (p, g) in params.zip(grads) {
            for (v, d) in p.iter_mut().zip(g) {
                *v -= rate * d;
            }
        }
    }

    pub(crate) fn zero_gradients(&self) -> Gradients {
        Gradients::zeros_like(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arch(hidden: Hidden, layers: usize, width: usize, output: Output) -> Architecture {
        Architecture {
            hidden,
            layers,
            width,
            output,
        }
    }

    #[test]
    fn shapes_and_draw_order() {
        let a = arch(Hidden::Tanh, 2, 3, Output::Softmax);
        let net = Mlp::new(a, Init::Std(1.0), 0).unwrap();
        assert_eq!(net.sizes(), &[2, 3, 3, 2]);
        assert_eq!(net.parameter_count(), 2 * 3 + 3 + 3 * 3 + 3 + 3 * 2 + 2);
        // np.random.seed(0); W1 = np.random.randn(2, 3) * 1: the first six numbers.
        let mut rng = NumpyRandom::new(0);
        let (w0, b0) = net.layer(0).unwrap();
        assert_eq!(w0, rng.randn_vec(6).as_slice());
        assert_eq!(b0, &[0.0; 3]);
        assert!(net.layer(3).is_none());
        let xavier = Mlp::new(a, Init::Auto, 0).unwrap();
        let scale = (1.0_f64 / 2.0).sqrt();
        assert_eq!(xavier.layer(0).unwrap().0[0], w0[0] * scale);
        let w1 = net.layer(1).unwrap().0[0];
        assert_eq!(xavier.layer(1).unwrap().0[0], w1 * (1.0_f64 / 3.0).sqrt());
        let mut p = net.clone();
        assert!(p.set_parameters(&net.parameters()));
        assert_eq!(p, net);
        assert!(!p.set_parameters(&[1.0]));
    }

    #[test]
    fn bad_shapes_are_refused() {
        for (layers, width) in [(0, 4), (11, 4), (2, 1), (2, 17)] {
            let a = arch(Hidden::Relu, layers, width, Output::Softmax);
            assert!(Mlp::new(a, Init::Auto, 0).is_err(), "{layers} {width}");
        }
        let a = arch(Hidden::Relu, 2, 4, Output::Softmax);
        assert_eq!(Mlp::new(a, Init::Std(-1.0), 0), Err(ConfigError::Std(-1.0)));
        assert!(Mlp::new(a, Init::Std(f64::NAN), 0).is_err());
    }
}
