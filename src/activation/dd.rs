//! Double-double arithmetic: a number held as the unevaluated sum `hi + lo` of two
//! `f64` (about 106 bits), built from the error-free transformations of Knuth
//! (two-sum) and of the fused multiply-add (two-product). The activation functions
//! combine the results of `libm`'s exp, expm1, log1p, erf and erfc in this format so
//! that only those primitives and one final rounding contribute error.
//!
//! Only finite values are meant to pass through here: callers answer infinities and
//! NaN before (two-sum of an infinity gives NaN in `lo`).

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dd {
    pub hi: f64,
    pub lo: f64,
}

/// `a + b` exactly, when `|a| >= |b|` (or `a` is 0).
fn fast_two_sum(a: f64, b: f64) -> Dd {
    let s = a + b;
    Dd {
        hi: s,
        lo: b - (s - a),
    }
}

impl Dd {
    pub const fn new(hi: f64, lo: f64) -> Dd {
        Dd { hi, lo }
    }

    pub const fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }

    /// `a + b` exactly (Knuth's two-sum).
    pub fn sum(a: f64, b: f64) -> Dd {
        let s = a + b;
        let bb = s - a;
        Dd {
            hi: s,
            lo: (a - (s - bb)) + (b - bb),
        }
    }

    /// `a * b` exactly (barring underflow), by a fused multiply-add.
    pub fn prod(a: f64, b: f64) -> Dd {
        let p = a * b;
        Dd {
            hi: p,
            lo: a.mul_add(b, -p),
        }
    }

    pub fn value(self) -> f64 {
        self.hi + self.lo
    }

    pub fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }

    pub fn add(self, o: Dd) -> Dd {
        let s = Dd::sum(self.hi, o.hi);
        let t = Dd::sum(self.lo, o.lo);
        let u = fast_two_sum(s.hi, s.lo + t.hi);
        fast_two_sum(u.hi, u.lo + t.lo)
    }

    pub fn add_f64(self, b: f64) -> Dd {
        let s = Dd::sum(self.hi, b);
        fast_two_sum(s.hi, s.lo + self.lo)
    }

    pub fn sub(self, o: Dd) -> Dd {
        self.add(o.neg())
    }

    pub fn mul(self, o: Dd) -> Dd {
        let p = Dd::prod(self.hi, o.hi);
        fast_two_sum(p.hi, p.lo + (self.hi * o.lo + self.lo * o.hi))
    }

    pub fn mul_f64(self, b: f64) -> Dd {
        let p = Dd::prod(self.hi, b);
        fast_two_sum(p.hi, p.lo + self.lo * b)
    }

    pub fn div(self, o: Dd) -> Dd {
        let q1 = self.hi / o.hi;
        let r = self.sub(o.mul_f64(q1));
        let q2 = r.hi / o.hi;
        let r = r.sub(o.mul_f64(q2));
        let q3 = r.hi / o.hi;
        fast_two_sum(q1, q2).add_f64(q3)
    }

    pub fn square(self) -> Dd {
        self.mul(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_free_transformations_are_exact() {
        let s = Dd::sum(1.0, 1e-20);
        assert_eq!((s.hi, s.lo), (1.0, 1e-20));
        let p = Dd::prod(1.0 + f64::EPSILON, 1.0 - f64::EPSILON);
        assert_eq!(p.hi, 1.0);
        assert_eq!(p.lo, -f64::EPSILON * f64::EPSILON);
    }

    #[test]
    fn a_third_to_double_double_precision() {
        let third = Dd::from(1.0).div(Dd::from(3.0));
        let back = third.mul_f64(3.0).sub(Dd::from(1.0));
        assert!(back.value().abs() < 1e-31, "{back:?}");
    }
}
