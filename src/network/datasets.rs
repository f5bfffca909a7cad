//! The playground's data: two classes of points in the plane, drawn from a seed.
//!
//! The points lie in about `[-1, 1]^2` (inputs of the size the weight scales are
//! made for); each class has half of them. Every random number comes from
//! [`NumpyRandom`] seeded with the dataset's seed, in the order written below, so
//! a dataset is the same on every machine and for every learner with that seed.
//! Noise is added after the label is decided, as in TensorFlow Playground: with
//! noise, points stray across the boundary and no network can be right on all.
//! - XOR: classes alternating, class 1 in the first and third quadrants (`x y > 0`),
//!   class 0 in the second and fourth: `x = 0.9 u + 0.1 sign(u)` with `u` uniform
//!   on [-1, 1) (`2 random_sample() - 1`), then `|y| = 0.1 + 0.9 v` with `v` uniform
//!   on [0, 1) and the sign that puts the point in its class's quadrant (no point
//!   nearer an axis than 0.1);
//! - circle: a radius (uniform on [0, 0.5] for class 0, on [0.7, 1] for class 1) and
//!   an angle (uniform on [0, 2π)), classes alternating;
//! - spiral: two arms, point `i` of `m` on each at radius `i / m` and angle
//!   `3.5π i / m` (class 1 turned by π), classes alternating.
//!
//! Then noise: each coordinate plus `noise * randn()`, in the order of the points.

use super::ConfigError;
use super::rng::NumpyRandom;

/// The most points in a dataset.
pub const MAX_POINTS: usize = 1000;
/// The fewest (two of each class).
pub const MIN_POINTS: usize = 4;
/// The largest noise (the standard deviation added to each coordinate).
pub const MAX_NOISE: f64 = 0.5;

/// Which dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DatasetKind {
    Xor,
    Circle,
    Spiral,
}

impl DatasetKind {
    pub const ALL: [DatasetKind; 3] = [DatasetKind::Xor, DatasetKind::Circle, DatasetKind::Spiral];

    pub fn id(self) -> &'static str {
        match self {
            DatasetKind::Xor => "xor",
            DatasetKind::Circle => "circle",
            DatasetKind::Spiral => "spiral",
        }
    }

    pub fn from_id(id: &str) -> Option<DatasetKind> {
        DatasetKind::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatasetSpec {
    pub kind: DatasetKind,
    /// [`MIN_POINTS`] to [`MAX_POINTS`].
    pub points: usize,
    /// 0 to [`MAX_NOISE`].
    pub noise: f64,
    pub seed: u32,
}

impl DatasetSpec {
    /// 200 points without noise, seed 0.
    pub fn new(kind: DatasetKind) -> DatasetSpec {
        DatasetSpec {
            kind,
            points: 200,
            noise: 0.0,
            seed: 0,
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        if !(MIN_POINTS..=MAX_POINTS).contains(&self.points) {
            return Err(ConfigError::Points(self.points));
        }
        if !(0.0..=MAX_NOISE).contains(&self.noise) {
            return Err(ConfigError::Noise(self.noise));
        }
        Ok(())
    }
}

/// Points and their classes (0 or 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub spec: DatasetSpec,
    pub points: Vec<[f64; 2]>,
    pub labels: Vec<u8>,
}

impl Dataset {
    pub fn generate(spec: DatasetSpec) -> Result<Dataset, ConfigError> {
        spec.validate()?;
        let mut rng = NumpyRandom::new(spec.seed);
        let n = spec.points;
        let mut points = Vec::with_capacity(n);
        let mut labels = Vec::with_capacity(n);
        match spec.kind {
            DatasetKind::Xor => {
                for i in 0..n {
                    let class = (i % 2) as u8;
                    let u = 2.0 * rng.random_sample() - 1.0;
                    let x = 0.9 * u + 0.1_f64.copysign(u);
                    let y = 0.1 + 0.9 * rng.random_sample();
                    let same_sign = if class == 1 { 1.0 } else { -1.0 };
                    points.push([x, y.copysign(x) * same_sign]);
                    labels.push(class);
                }
            }
            DatasetKind::Circle => {
                for i in 0..n {
                    let class = (i % 2) as u8;
                    let u = rng.random_sample();
                    let r = if class == 0 { 0.5 * u } else { 0.7 + 0.3 * u };
                    let t = std::f64::consts::TAU * rng.random_sample();
                    points.push([r * t.cos(), r * t.sin()]);
                    labels.push(class);
                }
            }
            DatasetKind::Spiral => {
                let m = n.div_ceil(2) as f64;
                for i in 0..n {
                    let class = (i % 2) as u8;
                    let k = (i / 2) as f64;
                    let r = k / m;
                    let t = 1.75 * std::f64::consts::TAU * k / m
                        + if class == 1 {
                            std::f64::consts::PI
                        } else {
                            0.0
                        };
                    points.push([r * t.sin(), r * t.cos()]);
                    labels.push(class);
                }
            }
        }
        if spec.noise > 0.0 {
            for p in &mut points {
                p[0] += spec.noise * rng.randn();
                p[1] += spec.noise * rng.randn();
            }
        }
        Ok(Dataset {
            spec,
            points,
            labels,
        })
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The smallest square centred on 0 that holds every point (at least
    /// `[-1, 1]^2`): the half-width of the plane to show.
    pub fn extent(&self) -> f64 {
        self.points
            .iter()
            .flat_map(|p| [p[0].abs(), p[1].abs()])
            .fold(1.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_dataset_is_balanced_labelled_and_repeatable() {
        for kind in DatasetKind::ALL {
            let spec = DatasetSpec::new(kind);
            let d = Dataset::generate(spec).unwrap();
            assert_eq!(d.len(), 200);
            assert_eq!(
                d.labels.iter().filter(|&&l| l == 1).count(),
                100,
                "{kind:?}"
            );
            assert_eq!(d, Dataset::generate(spec).unwrap());
            assert!(
                d.points
                    .iter()
                    .all(|p| p[0].abs() <= 1.0 && p[1].abs() <= 1.0)
            );
            assert_eq!(d.extent(), 1.0);
            let other = Dataset::generate(DatasetSpec { seed: 1, ..spec }).unwrap();
            if kind != DatasetKind::Spiral {
                assert_ne!(d.points, other.points, "{kind:?}: the seed matters");
            }
            let noisy = Dataset::generate(DatasetSpec { noise: 0.3, ..spec }).unwrap();
            assert_eq!(noisy.labels, d.labels, "noise moves points, not labels");
            assert_ne!(noisy.points, d.points);
            assert_eq!(DatasetKind::from_id(kind.id()), Some(kind));
        }
    }

    #[test]
    fn labels_follow_the_rule_without_noise() {
        let xor = Dataset::generate(DatasetSpec::new(DatasetKind::Xor)).unwrap();
        for (p, &l) in xor.points.iter().zip(&xor.labels) {
            assert_eq!(l == 1, p[0] * p[1] > 0.0);
            assert!(p[0].abs() >= 0.1 && p[1].abs() >= 0.1);
        }
        let circle = Dataset::generate(DatasetSpec::new(DatasetKind::Circle)).unwrap();
        for (p, &l) in circle.points.iter().zip(&circle.labels) {
            let r = p[0].hypot(p[1]);
            assert!(
                if l == 0 {
                    r <= 0.5 + 1e-12
                } else {
                    r >= 0.7 - 1e-12
                },
                "{r}"
            );
        }
    }

    #[test]
    fn bad_specs_are_refused() {
        let spec = DatasetSpec::new(DatasetKind::Circle);
        for bad in [
            DatasetSpec { points: 3, ..spec },
            DatasetSpec {
                points: MAX_POINTS + 1,
                ..spec
            },
            DatasetSpec {
                noise: -0.1,
                ..spec
            },
            DatasetSpec {
                noise: f64::NAN,
                ..spec
            },
            DatasetSpec { noise: 0.6, ..spec },
        ] {
            assert!(Dataset::generate(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Dataset::generate(DatasetSpec { points: 5, ..spec })
                .unwrap()
                .labels,
            vec![0, 1, 0, 1, 0]
        );
    }
}
