//! Activations through the layers: the textbook's experiment on weight
//! initialization, with the same draws as its NumPy code.
//!
//! ```python
//! np.random.seed(seed)
//! x = np.random.randn(1000, 100)
//! for i in range(5):
//!     w = np.random.randn(100, 100) * scale
//!     a = np.dot(x, w)
//!     z = activation(a)
//!     x = z
//! ```
//!
//! For each layer: the mean and the standard deviation of its 100,000 activations
//! (as `np.mean`, `np.std`: the population deviation), how many are saturated, and a
//! histogram counted as `np.histogram(z, count, range=(lo, hi))` counts. Against
//! NumPy with the same seed (tests/network.rs) the random numbers are identical; the
//! products differ in the last bits only, because OpenBLAS sums `np.dot` in another
//! order, so means and deviations agree to about 1e-14 relative (the worst of the 15
//! runs recorded: 9.8e-15) and the histograms are equal (a value would have to lie
//! within a few ulp of a bin edge to land in the neighbouring bin; in those runs,
//! 7.5 million activations counted over 2 or 3 sets of bins each, none does).

use crate::activation::Scalar;

use super::rng::NumpyRandom;

/// Layers in the experiment.
pub const LAYERS: usize = 5;
/// Neurons in each layer (and inputs of each neuron).
pub const NEURONS: usize = 100;
/// Input rows (data) pushed through the layers at once.
pub const SAMPLES: usize = 1000;
/// The largest standard deviation of the weights accepted: beyond it, nothing new
/// is seen (every sigmoid or tanh saturated) and ReLU's values would head for
/// overflow.
pub const MAX_STD: f64 = 1e6;
/// The most histogram bins.
pub const MAX_BINS: usize = 10_000;
/// How close to a bound sigmoid and tanh count as saturated (their slope is at
/// most 0.0475 for sigmoid, 0.0975 for tanh there).
pub const SATURATION_MARGIN: f64 = 0.05;

/// The activation of every layer in the experiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Activation {
    Sigmoid,
    Tanh,
    Relu,
}

impl Activation {
    pub const ALL: [Activation; 3] = [Activation::Sigmoid, Activation::Tanh, Activation::Relu];

    /// The course's function (the same code as every other lesson).
    pub fn scalar(self) -> Scalar {
        match self {
            Activation::Sigmoid => Scalar::Sigmoid,
            Activation::Tanh => Scalar::Tanh,
            Activation::Relu => Scalar::Relu,
        }
    }

    /// `sigmoid`, `tanh`, `relu`, as [`Scalar::id`].
    pub fn id(self) -> &'static str {
        self.scalar().id()
    }

    pub fn from_id(id: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.id() == id)
    }

    /// Saturated: sigmoid within 0.05 of 0 or 1, tanh within 0.05 of -1 or 1 (both
    /// bounds included), ReLU exactly 0 (no gradient passes back at all).
    pub fn saturated(self, z: f64) -> bool {
        match self {
            Activation::Sigmoid => z <= SATURATION_MARGIN || z >= 1.0 - SATURATION_MARGIN,
            Activation::Tanh => z.abs() >= 1.0 - SATURATION_MARGIN,
            Activation::Relu => z == 0.0,
        }
    }
}

/// The standard deviation of the weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeightScale {
    /// A given standard deviation (the textbook tries 1 and 0.01).
    Std(f64),
    /// Xavier (Glorot): `1 / sqrt(n)` for `n` inputs a neuron (the textbook's form).
    Xavier,
    /// He: `sqrt(2 / n)`.
    He,
}

impl WeightScale {
    /// The four the textbook compares, in its order.
    pub const TEXTBOOK: [WeightScale; 4] = [
        WeightScale::Std(1.0),
        WeightScale::Std(0.01),
        WeightScale::Xavier,
        WeightScale::He,
    ];

    /// The factor on `randn` for a neuron of `fan_in` inputs, computed as the
    /// NumPy code writes it (`np.sqrt(1.0 / n)`, `np.sqrt(2.0 / n)`).
    pub fn std(self, fan_in: usize) -> f64 {
        let n = fan_in.max(1) as f64;
        match self {
            WeightScale::Std(s) => s,
            WeightScale::Xavier => (1.0 / n).sqrt(),
            WeightScale::He => (2.0 / n).sqrt(),
        }
    }

    /// `xavier` or `he` (any case); numbers are read by the caller.
    pub fn from_name(name: &str) -> Option<WeightScale> {
        match name.to_ascii_lowercase().as_str() {
            "xavier" | "glorot" => Some(WeightScale::Xavier),
            "he" => Some(WeightScale::He),
            _ => None,
        }
    }

    /// Whether a given deviation is accepted: finite, 0 to [`MAX_STD`].
    pub fn valid(self) -> bool {
        match self {
            WeightScale::Std(s) => (0.0..=MAX_STD).contains(&s),
            _ => true,
        }
    }
}

/// Equal-width histogram bins over `[lo, hi]`, as `np.histogram(z, count,
/// range=(lo, hi))`: every bin holds its left edge, the last also its right one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bins {
    lo: f64,
    hi: f64,
    count: usize,
}

/// Why bins or an experiment were refused.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DistributionError {
    /// `lo < hi`, both finite, 1 to [`MAX_BINS`] bins.
    Bins { lo: f64, hi: f64, count: usize },
    /// A deviation outside 0 to [`MAX_STD`] (or not a number).
    Std(f64),
}

impl Bins {
    /// The textbook's: 30 bins over (0, 1).
    pub const TEXTBOOK: Bins = Bins {
        lo: 0.0,
        hi: 1.0,
        count: 30,
    };

    pub fn new(lo: f64, hi: f64, count: usize) -> Result<Bins, DistributionError> {
        if lo.is_finite() && hi.is_finite() && lo < hi && (1..=MAX_BINS).contains(&count) {
            Ok(Bins { lo, hi, count })
        } else {
            Err(DistributionError::Bins { lo, hi, count })
        }
    }

    pub fn lo(&self) -> f64 {
        self.lo
    }

    pub fn hi(&self) -> f64 {
        self.hi
    }

    pub fn count(&self) -> usize {
        self.count
    }

    /// The `count + 1` edges, as `np.linspace(lo, hi, count + 1)`: `i * step + lo`
    /// with `step = (hi - lo) / count`, the last edge exactly `hi`.
    pub fn edges(&self) -> Vec<f64> {
        let step = (self.hi - self.lo) / self.count as f64;
        let mut edges: Vec<f64> = (0..=self.count)
            .map(|i| i as f64 * step + self.lo)
            .collect();
        edges[self.count] = self.hi;
        edges
    }

    /// The bin of `v` given the [`Bins::edges`], as NumPy finds it: scaled and
    /// truncated, then moved by one where that disagrees with the edges. None
    /// outside `[lo, hi]` (and for NaN).
    fn index(&self, edges: &[f64], v: f64) -> Option<usize> {
        if !(v >= self.lo && v <= self.hi) {
            return None;
        }
        let n = self.count;
        let mut i = (((v - self.lo) / (self.hi - self.lo)) * n as f64) as usize;
        if i >= n {
            i = n - 1;
        }
        if v < edges[i] {
            i -= 1;
        }
        if v >= edges[i + 1] && i != n - 1 {
            i += 1;
        }
        Some(i)
    }
}

/// One layer's histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub bins: Bins,
    /// Activations in each bin.
    pub counts: Vec<u32>,
    /// Activations left of `lo`, and right of `hi` (not counted in any bin).
    pub below: u32,
    pub above: u32,
}

/// One layer's activations in numbers: what the lesson's table and chart show.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerStats {
    /// 1 to 5.
    pub layer: usize,
    pub mean: f64,
    /// The population standard deviation (`np.std`, ddof 0).
    pub std: f64,
    pub min: f64,
    pub max: f64,
    /// Activations saturated ([`Activation::saturated`]).
    pub saturated: usize,
    /// Activations in the layer (100,000).
    pub total: usize,
    pub histogram: Histogram,
}

impl LayerStats {
    /// The share saturated, in percent.
    pub fn saturated_percent(&self) -> f64 {
        self.saturated as f64 * 100.0 / self.total as f64
    }
}

/// One run of the experiment: what the learner picked, and the seed shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Experiment {
    pub activation: Activation,
    pub scale: WeightScale,
    pub seed: u32,
}

impl Experiment {
    /// The five layers, histograms over `bins`. About 50 million multiply-adds
    /// (1000 x 100 x 100 a layer) and 500,000 activations: see
    /// `cargo bench --bench network` for the time. Memory while it runs: two
    /// 1000 x 100 blocks and the weights (1.7 MB), none kept after.
    pub fn run(&self, bins: Bins) -> Result<Vec<LayerStats>, DistributionError> {
        let mut layers = Vec::with_capacity(LAYERS);
        let edges = bins.edges();
        self.each_layer(|layer, z| {
            layers.push(LayerStats::of(layer, self.activation, z, bins, &edges));
        })?;
        Ok(layers)
    }

    /// Runs the experiment and hands each layer's activations (`z` of the NumPy
    /// code: 1000 x 100, row-major) to `visit`, layer 1 first: for statistics of
    /// one's own, or several sets of bins from one run.
    pub fn each_layer(
        &self,
        mut visit: impl FnMut(usize, &[f64]),
    ) -> Result<(), DistributionError> {
        if !self.scale.valid() {
            let WeightScale::Std(s) = self.scale else {
                unreachable!("only a given deviation can be invalid")
            };
            return Err(DistributionError::Std(s));
        }
        let f = self.activation.scalar();
        let std = self.scale.std(NEURONS);
        let mut rng = NumpyRandom::new(self.seed);
        let mut x = rng.randn_vec(SAMPLES * NEURONS);
        let mut w = vec![0.0; NEURONS * NEURONS];
        let mut a = vec![0.0; SAMPLES * NEURONS];
        for layer in 1..=LAYERS {
            rng.fill_randn(&mut w);
            for v in &mut w {
                *v *= std;
            }
            matmul(&x, &w, &mut a);
            for v in &mut a {
                *v = f.eval(*v);
            }
            visit(layer, &a);
            std::mem::swap(&mut x, &mut a);
        }
        Ok(())
    }
}

/// `a = x w` for `x` of [`SAMPLES`] x [`NEURONS`] and `w` of [`NEURONS`] x
/// [`NEURONS`], row-major. Each `a[i][j]` is `Σ_k x[i][k] w[k][j]` summed in the
/// order of `k`, as the plain triple loop sums it; the loop is blocked 4 x 4 so that
/// sixteen sums stay in registers while `k` runs (a load of `w` serves four rows),
/// about four times the speed of the plain loop.
fn matmul(x: &[f64], w: &[f64], a: &mut [f64]) {
    const R: usize = 4;
    const C: usize = 4;
    const _: () = assert!(SAMPLES.is_multiple_of(R) && NEURONS.is_multiple_of(C));
    let (x, w) = (&x[..SAMPLES * NEURONS], &w[..NEURONS * NEURONS]);
    let a = &mut a[..SAMPLES * NEURONS];
    // Plain indexing (not iterator adaptors) keeps unoptimized test builds fast too.
    for i in (0..SAMPLES).step_by(R) {
        for j in (0..NEURONS).step_by(C) {
            let mut acc = [[0.0_f64; C]; R];
            for k in 0..NEURONS {
                let wk = k * NEURONS + j;
                let wv = [w[wk], w[wk + 1], w[wk + 2], w[wk + 3]];
                for (r, row) in acc.iter_mut().enumerate() {
                    let xv = x[(i + r) * NEURONS + k];
                    row[0] += xv * wv[0];
                    row[1] += xv * wv[1];
                    row[2] += xv * wv[2];
                    row[3] += xv * wv[3];
                }
            }
            for (r, row) in acc.iter().enumerate() {
                let at = (i + r) * NEURONS + j;
                a[at..at + C].copy_from_slice(row);
            }
        }
    }
}

/// A sum without the rounding error growing with the count (Neumaier's
/// compensated summation): the 100,000 activations of a layer.
fn sum(values: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut c) = (0.0_f64, 0.0_f64);
    for v in values {
        let t = s + v;
        c += if s.abs() >= v.abs() {
            (s - t) + v
        } else {
            (v - t) + s
        };
        s = t;
    }
    s + c
}

impl LayerStats {
    /// The numbers of one layer's activations `z` (as [`Experiment::each_layer`]
    /// hands them), histogram over `bins` whose [`Bins::edges`] are `edges`.
    pub fn of(layer: usize, f: Activation, z: &[f64], bins: Bins, edges: &[f64]) -> LayerStats {
        let n = z.len() as f64;
        let mean = sum(z.iter().copied()) / n;
        let var = sum(z.iter().map(|v| (v - mean) * (v - mean))) / n;
        let mut counts = vec![0_u32; bins.count];
        let (mut below, mut above) = (0, 0);
        let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut saturated = 0;
        for &v in z {
            match bins.index(edges, v) {
                Some(i) => counts[i] += 1,
                None if v < bins.lo => below += 1,
                None => above += 1,
            }
            min = min.min(v);
            max = max.max(v);
            saturated += usize::from(f.saturated(v));
        }
        LayerStats {
            layer,
            mean,
            std: var.sqrt(),
            min,
            max,
            saturated,
            total: z.len(),
            histogram: Histogram {
                bins,
                counts,
                below,
                above,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_follow_numpys_edges_and_rules() {
        let b = Bins::new(0.0, 1.0, 30).unwrap();
        let e = b.edges();
        assert_eq!(e.len(), 31);
        assert_eq!((e[0], e[30]), (0.0, 1.0));
        // Left edges belong to their bin; the right edge to the last bin.
        assert_eq!(b.index(&e, 0.0), Some(0));
        assert_eq!(b.index(&e, e[1]), Some(1));
        assert_eq!(b.index(&e, 0.5), Some(15));
        assert_eq!(b.index(&e, 1.0), Some(29));
        assert_eq!(b.index(&e, -1e-300), None);
        assert_eq!(b.index(&e, 1.0 + f64::EPSILON), None);
        assert_eq!(b.index(&e, f64::NAN), None);
        // Every edge lands in its own bin even where scaling and truncating would
        // not put it there.
        for lo_hi in [(-1.0, 1.0), (0.0, 5.0), (0.1, 0.7)] {
            for count in [3, 7, 30, 50, 99] {
                let b = Bins::new(lo_hi.0, lo_hi.1, count).unwrap();
                let e = b.edges();
                for (i, &edge) in e.iter().enumerate().take(count) {
                    assert_eq!(b.index(&e, edge), Some(i), "{lo_hi:?} {count} {i}");
                }
            }
        }
        assert!(Bins::new(1.0, 1.0, 3).is_err());
        assert!(Bins::new(0.0, 1.0, 0).is_err());
        assert!(Bins::new(0.0, f64::INFINITY, 3).is_err());
        assert!(Bins::new(f64::NAN, 1.0, 3).is_err());
        assert!(Bins::new(0.0, 1.0, MAX_BINS + 1).is_err());
    }

    #[test]
    fn a_bad_deviation_is_refused_not_run() {
        for s in [f64::NAN, -1.0, f64::INFINITY, 2e6] {
            let e = Experiment {
                activation: Activation::Relu,
                scale: WeightScale::Std(s),
                seed: 0,
            };
            assert!(matches!(
                e.run(Bins::TEXTBOOK),
                Err(DistributionError::Std(_))
            ));
        }
    }

    #[test]
    fn saturation_rules() {
        let s = Activation::Sigmoid;
        assert!(s.saturated(0.05) && s.saturated(0.95) && s.saturated(0.0));
        assert!(!s.saturated(0.06) && !s.saturated(0.5));
        assert!(Activation::Tanh.saturated(-0.95) && !Activation::Tanh.saturated(0.9));
        assert!(Activation::Relu.saturated(0.0) && !Activation::Relu.saturated(1e-300));
        for a in Activation::ALL {
            assert_eq!(Activation::from_id(a.id()), Some(a));
        }
        assert_eq!(WeightScale::from_name("He"), Some(WeightScale::He));
        assert_eq!(WeightScale::Xavier.std(100), 0.1);
    }
}
