//! Training live: a [`Trainer`] holds a dataset and a network and is advanced a
//! bounded number of epochs at a time (a screen calls it once a frame), keeping
//! what the screen shows: the loss of each epoch (thinned to a bounded history),
//! the epoch count, the gradient reaching each layer, the decision map, and
//! whether training has finished (converged, stalled or diverged), so that the
//! screen can stop its timer.

use super::ConfigError;
use super::datasets::{Dataset, DatasetKind, DatasetSpec, MAX_POINTS};
use super::mlp::{Architecture, Gradients, Hidden, Init, Mlp, Output, Workspace};
use super::rng::NumpyRandom;

/// The largest learning rate accepted.
pub const MAX_LEARNING_RATE: f64 = 10.0;
/// Training has converged when an epoch's loss is below this.
pub const CONVERGED_LOSS: f64 = 0.01;
/// Training has stalled when the loss has not fallen by [`STALL_IMPROVEMENT`]
/// (relative) in this many epochs.
pub const STALL_EPOCHS: u64 = 1000;
pub const STALL_IMPROVEMENT: f64 = 0.01;
/// The most points of the loss history kept (older ones are thinned, see
/// [`LossHistory`]).
pub const HISTORY_POINTS: usize = 512;
/// The most cells of a decision map.
pub const MAX_MAP_CELLS: usize = 1 << 16;

/// Gradient descent on the whole dataset at once, or on mini-batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
    /// One step an epoch, on every point, in their order.
    Full,
    /// Steps on batches of this many points (the last one may be smaller), the
    /// points shuffled each epoch (`np.random.shuffle` on the trainer's generator).
    Mini(usize),
}

/// Everything a playground run is made of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaygroundConfig {
    pub dataset: DatasetSpec,
    pub architecture: Architecture,
    pub init: Init,
    /// Greater than 0, at most [`MAX_LEARNING_RATE`].
    pub learning_rate: f64,
    pub batch: Batch,
    /// Seeds the weights, then the shuffles.
    pub seed: u32,
}

impl PlaygroundConfig {
    /// A place to start: `kind`'s 200 points without noise, 2 hidden layers of 4
    /// tanh neurons (as TensorFlow Playground opens), softmax output, Xavier
    /// weights, learning rate 0.3, full batch, seeds 0.
    pub fn new(kind: DatasetKind) -> PlaygroundConfig {
        PlaygroundConfig {
            dataset: DatasetSpec::new(kind),
            architecture: Architecture {
                hidden: Hidden::Tanh,
                layers: 2,
                width: 4,
                output: Output::Softmax,
            },
            init: Init::Auto,
            learning_rate: 0.3,
            batch: Batch::Full,
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.dataset.validate()?;
        self.architecture.validate()?;
        check_rate(self.learning_rate)?;
        if let Batch::Mini(b) = self.batch
            && !(1..=MAX_POINTS).contains(&b)
        {
            return Err(ConfigError::Batch(b));
        }
        Ok(())
    }
}

fn check_rate(rate: f64) -> Result<(), ConfigError> {
    if rate > 0.0 && rate <= MAX_LEARNING_RATE {
        Ok(())
    } else {
        Err(ConfigError::LearningRate(rate))
    }
}

/// Where training stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Still learning.
    Training,
    /// The loss is below [`CONVERGED_LOSS`].
    Converged,
    /// The loss has hardly moved for [`STALL_EPOCHS`] epochs.
    Stalled,
    /// The loss is not a number any more (the learning rate is too large):
    /// [`Trainer::advance`] does nothing until [`Trainer::reset`].
    Diverged,
}

impl Status {
    /// Whether a screen should stop its timer.
    pub fn is_finished(self) -> bool {
        self != Status::Training
    }
}

/// The loss after each epoch, thinned to at most [`HISTORY_POINTS`] points: it
/// keeps the loss before training and then every `stride`-th epoch; when full, it
/// drops every other point and doubles the stride (so a long run keeps its whole
/// shape in bounded memory).
#[derive(Debug, Clone, PartialEq)]
pub struct LossHistory {
    initial: f64,
    stride: u64,
    /// The loss of epochs `stride`, `2 stride`, ...
    losses: Vec<f64>,
}

impl LossHistory {
    fn new(initial: f64) -> LossHistory {
        LossHistory {
            initial,
            stride: 1,
            losses: Vec::new(),
        }
    }

    fn record(&mut self, epoch: u64, loss: f64) {
        if !epoch.is_multiple_of(self.stride) {
            return;
        }
        if self.losses.len() == HISTORY_POINTS {
            self.losses = self.losses.iter().skip(1).step_by(2).copied().collect();
            self.stride *= 2;
            if !epoch.is_multiple_of(self.stride) {
                return;
            }
        }
        self.losses.push(loss);
    }

    /// `(epoch, loss)`: epoch 0 is the loss before training.
    pub fn points(&self) -> impl Iterator<Item = (u64, f64)> + '_ {
        std::iter::once((0, self.initial)).chain(
            self.losses
                .iter()
                .enumerate()
                .map(|(i, &l)| ((i as u64 + 1) * self.stride, l)),
        )
    }

    /// Epochs between two kept points.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    pub fn len(&self) -> usize {
        self.losses.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

/// What one call of [`Trainer::advance`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advance {
    /// Epochs run (fewer than asked when training finished on the way).
    pub epochs: usize,
    pub status: Status,
}

/// The part of the plane a decision map covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub x: (f64, f64),
    pub y: (f64, f64),
}

impl View {
    /// `[-r, r]^2`.
    pub fn square(r: f64) -> View {
        View {
            x: (-r, r),
            y: (-r, r),
        }
    }
}

/// The probability of class 1 over a grid of cells: `cols x rows`, row 0 at the
/// top (largest y), each value taken at its cell's centre.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionMap {
    pub cols: usize,
    pub rows: usize,
    pub view: View,
    /// Row-major, `rows * cols` values.
    pub probabilities: Vec<f64>,
}

impl DecisionMap {
    /// The centre of cell `(col, row)` in the plane.
    pub fn centre(view: View, cols: usize, rows: usize, col: usize, row: usize) -> [f64; 2] {
        let (x0, x1) = view.x;
        let (y0, y1) = view.y;
        [
            x0 + (col as f64 + 0.5) / cols as f64 * (x1 - x0),
            y1 - (row as f64 + 0.5) / rows as f64 * (y1 - y0),
        ]
    }

    /// The probability of class 1 in cell `(col, row)`; None outside the grid.
    pub fn at(&self, col: usize, row: usize) -> Option<f64> {
        if col >= self.cols || row >= self.rows {
            return None;
        }
        self.probabilities.get(row * self.cols + col).copied()
    }
}

/// A network learning a dataset, advanced epoch by epoch.
#[derive(Debug, Clone)]
pub struct Trainer {
    config: PlaygroundConfig,
    data: Dataset,
    net: Mlp,
    rng: NumpyRandom,
    epoch: u64,
    loss: f64,
    history: LossHistory,
    gradient_norms: Vec<f64>,
    status: Status,
    /// The loss that the next stall is judged against, and its epoch.
    mark: (f64, u64),
    order: Vec<usize>,
    grads: Gradients,
    work: Workspace,
}

impl Trainer {
    /// The dataset drawn, the weights drawn, and the loss and gradient before any
    /// step (one pass over the data).
    pub fn new(config: PlaygroundConfig) -> Result<Trainer, ConfigError> {
        config.validate()?;
        let data = Dataset::generate(config.dataset)?;
        let mut rng = NumpyRandom::new(config.seed);
        let net = Mlp::with_rng(config.architecture, config.init, &mut rng)?;
        let order: Vec<usize> = (0..data.len()).collect();
        let mut grads = net.zero_gradients();
        let mut work = Workspace::new(&net);
        let loss = net.loss_and_gradient(&data.points, &data.labels, &order, &mut grads, &mut work);
        Ok(Trainer {
            config,
            gradient_norms: grads.weight_norms(),
            history: LossHistory::new(loss),
            status: if loss.is_finite() {
                Status::Training
            } else {
                Status::Diverged
            },
            mark: (loss, 0),
            epoch: 0,
            loss,
            data,
            net,
            rng,
            order,
            grads,
            work,
        })
    }

    /// Back to epoch 0 with the same configuration (the same data and weights).
    /// (The learning rate stays as last set.)
    pub fn reset(&mut self) {
        if let Ok(t) = Trainer::new(self.config) {
            *self = t;
        }
    }

    /// Changes the learning rate from the next step on (training goes on).
    pub fn set_learning_rate(&mut self, rate: f64) -> Result<(), ConfigError> {
        check_rate(rate)?;
        self.config.learning_rate = rate;
        Ok(())
    }

    pub fn config(&self) -> &PlaygroundConfig {
        &self.config
    }

    pub fn dataset(&self) -> &Dataset {
        &self.data
    }

    pub fn network(&self) -> &Mlp {
        &self.net
    }

    /// Epochs run so far.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The loss of the last epoch (before any: of the initial weights). Full batch:
    /// the loss of the whole dataset at the weights the epoch started from;
    /// mini-batch: the mean of its batches' losses, each before its step (as Keras
    /// reports it).
    pub fn loss(&self) -> f64 {
        self.loss
    }

    pub fn history(&self) -> &LossHistory {
        &self.history
    }

    /// The norm of each weight layer's gradient at the last step (first hidden
    /// layer first, the output layer last): what reaches each layer.
    pub fn gradient_norms(&self) -> &[f64] {
        &self.gradient_norms
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// Multiply-adds one epoch costs (forward, gradient of the weights, gradient
    /// passed back: about 3 times the forward pass), to size the epochs of a frame.
    pub fn work_per_epoch(&self) -> usize {
        3 * self.data.len() * self.net.multiply_adds()
    }

    /// How many epochs fit in `budget` multiply-adds (at least 1).
    pub fn epochs_within(&self, budget: usize) -> usize {
        (budget / self.work_per_epoch().max(1)).max(1)
    }

    /// Runs at most `max_epochs` epochs; stops early at the epoch where training
    /// finishes (converges, stalls or diverges), so that the screen shows that
    /// moment. Once finished, a call trains again (a learner may go on) except
    /// after divergence, when it does nothing.
    pub fn advance(&mut self, max_epochs: usize) -> Advance {
        let mut epochs = 0;
        while epochs < max_epochs && self.status != Status::Diverged {
            let before = self.status;
            self.run_epoch();
            epochs += 1;
            if self.status.is_finished() && self.status != before {
                break;
            }
        }
        Advance {
            epochs,
            status: self.status,
        }
    }

    fn run_epoch(&mut self) {
        let n = self.data.len();
        let size = match self.config.batch {
            Batch::Full => n,
            Batch::Mini(b) => {
                self.rng.shuffle(&mut self.order);
                b.min(n)
            }
        };
        let mut total = 0.0;
        for batch in self.order.chunks(size) {
            let loss = self.net.loss_and_gradient(
                &self.data.points,
                &self.data.labels,
                batch,
                &mut self.grads,
                &mut self.work,
            );
            total += loss * batch.len() as f64;
            self.net.descend(&self.grads, self.config.learning_rate);
        }
        self.epoch += 1;
        self.loss = total / n as f64;
        self.gradient_norms = self.grads.weight_norms();
        self.history.record(self.epoch, self.loss);
        self.status = self.judge();
    }

    fn judge(&mut self) -> Status {
        let loss = self.loss;
        if !loss.is_finite() || self.gradient_norms.iter().any(|g| !g.is_finite()) {
            return Status::Diverged;
        }
        if loss < self.mark.0 * (1.0 - STALL_IMPROVEMENT) {
            self.mark = (loss, self.epoch);
        }
        if loss < CONVERGED_LOSS {
            Status::Converged
        } else if self.epoch - self.mark.1 >= STALL_EPOCHS {
            Status::Stalled
        } else {
            Status::Training
        }
    }

    /// The share of points the network puts in their own class (probability of
    /// class 1 at least 0.5 means class 1).
    pub fn accuracy(&self) -> f64 {
        let p = self.net.predict(&self.data.points);
        let right = p
            .iter()
            .zip(&self.data.labels)
            .filter(|&(p, &l)| (*p >= 0.5) == (l == 1))
            .count();
        right as f64 / self.data.len() as f64
    }

    /// The network's probability of class 1 over `view`, `cols x rows` cells (at
    /// most [`MAX_MAP_CELLS`]). Costs `cols * rows` forward passes: size the grid
    /// to the screen's cells, not to its dots.
    pub fn decision_map(
        &self,
        view: View,
        cols: usize,
        rows: usize,
    ) -> Result<DecisionMap, ConfigError> {
        let cells = cols.checked_mul(rows).filter(|&c| c <= MAX_MAP_CELLS);
        let Some(cells) = cells else {
            return Err(ConfigError::MapSize { cols, rows });
        };
        let points: Vec<[f64; 2]> = (0..cells)
            .map(|i| DecisionMap::centre(view, cols, rows, i % cols, i / cols))
            .collect();
        let mut probabilities = vec![0.0; cells];
        self.net
            .predict_into(&points, &mut probabilities, &mut Workspace::new(&self.net));
        Ok(DecisionMap {
            cols,
            rows,
            view,
            probabilities,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_keeps_its_shape_in_bounded_memory() {
        let mut h = LossHistory::new(9.0);
        for e in 1..=10_000u64 {
            h.record(e, e as f64);
        }
        assert!(h.len() <= HISTORY_POINTS + 1);
        let points: Vec<(u64, f64)> = h.points().collect();
        assert_eq!(points[0], (0, 9.0));
        // Every kept point is the loss of the epoch it is labelled with.
        assert!(points[1..].iter().all(|&(e, l)| e as f64 == l));
        assert!(points.windows(2).all(|w| w[1].0 - w[0].0 == h.stride()));
        let last = points.last().unwrap().0;
        assert!(10_000 - last < h.stride(), "{last}");
        assert_eq!(h.stride(), 32);
    }

    #[test]
    fn the_starting_configuration_learns_each_dataset() {
        for kind in DatasetKind::ALL {
            let mut t = Trainer::new(PlaygroundConfig::new(kind)).unwrap();
            let start = t.loss();
            let step = t.advance(100);
            assert_eq!((step.epochs, t.epoch()), (100, 100));
            assert!(t.loss() < start, "{kind:?}: {start} -> {}", t.loss());
            assert_eq!(t.history().len(), 101);
            assert_eq!(t.gradient_norms().len(), 3);
        }
    }

    #[test]
    fn map_cells_centre_and_size() {
        let v = View::square(1.0);
        assert_eq!(DecisionMap::centre(v, 2, 2, 0, 0), [-0.5, 0.5]);
        assert_eq!(DecisionMap::centre(v, 2, 2, 1, 1), [0.5, -0.5]);
        let map = DecisionMap {
            cols: 2,
            rows: 1,
            view: v,
            probabilities: vec![0.25, 0.75],
        };
        assert_eq!(
            (map.at(1, 0), map.at(2, 0), map.at(0, 1)),
            (Some(0.75), None, None)
        );
    }
}
