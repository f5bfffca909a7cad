//! NumPy's legacy random numbers (`np.random.seed`, `np.random.randn`,
//! `np.random.random_sample`, `np.random.permutation`), drawn bit for bit as NumPy
//! draws them, so that a lesson's NumPy code with the same seed shows the same
//! numbers (tests/network.rs checks against what NumPy printed,
//! tests/data/make_network_reference.py).
//!
//! The generator is MT19937 ([`rand_mt`]) seeded as `np.random.seed(s)` seeds it
//! (`init_genrand(s)`, for `0 <= s < 2^32`). On it NumPy's `RandomState` builds:
//! - `random_sample`: `(a >> 5) * 2^26 + (b >> 6)` over `2^53`, from two 32-bit words;
//! - `randn`: the polar form of Box-Muller (Marsaglia): draw `x1, x2` uniform on
//!   (-1, 1) until `0 < r2 = x1^2 + x2^2 < 1`, then `f = sqrt(-2 ln(r2) / r2)`; return
//!   `f x2` and keep `f x1` for the next call (across calls: `randn(3)` then
//!   `randn(2)` is `randn(5)`). Seeding forgets the kept value.
//! - `permutation(n)`: `arange(n)` shuffled from the end, each `j` in `0..=i` drawn
//!   by masking 32-bit words to the smallest covering power of two and rejecting.
//!
//! `ln` is the platform's (`f64::ln`, the C library's `log`, which NumPy calls too);
//! the rest is exact IEEE arithmetic, so the numbers agree wherever both use the
//! same C library (glibc's `log` is correctly rounded in practice).

use rand_mt::Mt;

/// NumPy's legacy `RandomState`, seeded as `np.random.seed(seed)`.
#[derive(Clone)]
pub struct NumpyRandom {
    mt: Box<Mt>,
    /// The second value of the last Box-Muller pair, waiting for the next `randn`.
    kept: Option<f64>,
}

impl std::fmt::Debug for NumpyRandom {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NumpyRandom")
            .field("kept", &self.kept)
            .finish_non_exhaustive()
    }
}

impl NumpyRandom {
    /// `np.random.seed(seed)`.
    pub fn new(seed: u32) -> NumpyRandom {
        NumpyRandom {
            mt: Box::new(Mt::new(seed)),
            kept: None,
        }
    }

    /// One 32-bit word of the generator.
    pub fn next_u32(&mut self) -> u32 {
        self.mt.next_u32()
    }

    /// `np.random.random_sample()`: uniform on [0, 1), 53 random bits.
    pub fn random_sample(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }

    /// `np.random.randn()`: one standard normal value (legacy polar Box-Muller).
    pub fn randn(&mut self) -> f64 {
        if let Some(v) = self.kept.take() {
            return v;
        }
        loop {
            let x1 = 2.0 * self.random_sample() - 1.0;
            let x2 = 2.0 * self.random_sample() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.kept = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// `np.random.randn(...)` into `out`, in NumPy's (row-major) order.
    pub fn fill_randn(&mut self, out: &mut [f64]) {
        for v in out {
            *v = self.randn();
        }
    }

    /// `np.random.randn(n)`.
    pub fn randn_vec(&mut self, n: usize) -> Vec<f64> {
        let mut out = vec![0.0; n];
        self.fill_randn(&mut out);
        out
    }

    /// A whole number in `0..=max`, drawn as NumPy's legacy `random_interval`: the
    /// smallest all-ones mask covering `max`, words drawn until one falls in range
    /// (64-bit words, high word first, when `max` needs more than 32 bits).
    pub fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mut mask = max;
        for shift in [1, 2, 4, 8, 16, 32] {
            mask |= mask >> shift;
        }
        if max <= u64::from(u32::MAX) {
            loop {
                let v = u64::from(self.next_u32()) & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.mt.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }

    /// `np.random.shuffle(items)` for a one-dimensional array: from the last item
    /// down to the second, each swapped with one at or before it.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.interval(i as u64) as usize;
            items.swap(i, j);
        }
    }

    /// `np.random.permutation(n)`.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut items: Vec<usize> = (0..n).collect();
        self.shuffle(&mut items);
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_normal_numbers_of_seed_0_are_numpys() {
        // np.random.seed(0); np.random.randn(3): the numbers every NumPy tutorial shows.
        let mut r = NumpyRandom::new(0);
        assert_eq!(
            r.randn_vec(3),
            vec![1.764052345967664, 0.4001572083672233, 0.9787379841057392]
        );
    }

    #[test]
    fn intervals_stay_in_range() {
        let mut r = NumpyRandom::new(9);
        for max in [0, 1, 2, 3, 7, 8, 1000, u64::from(u32::MAX), 1 << 40] {
            for _ in 0..50 {
                assert!(r.interval(max) <= max);
            }
        }
        let mut p = r.permutation(100);
        p.sort_unstable();
        assert_eq!(p, (0..100).collect::<Vec<_>>());
        assert!(r.permutation(0).is_empty());
    }
}
