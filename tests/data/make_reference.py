"""Writes reference.tsv: every activation function and its derivative at 50
significant digits (mpmath), rounded once to float64, for inputs that are exact
float64 values. The Rust tests read the table and need no Python.

Run from this folder:  python3 make_reference.py   (needs: pip install mpmath)

Rows:
  NAME<TAB>x<TAB>expected                scalar functions; NAME' is the derivative
  NAME<TAB>a1,a2,...<TAB>e1,e2,...       vector functions (log-softmax)
  NAME<TAB>a1,a2,...<TAB>expected        log-sum-exp
  NAME<TAB>K|a1,a2,...<TAB>expected      cross-entropy of softmax(a) for class K;
                                         cross-entropy' its gradient y - t (a list)
`nan` as expected means "undefined here" (the derivative of step at 0).
"""
import random

from mpmath import mp, mpf

mp.dps = 50  # every formula below is free of cancellation at this precision
random.seed(20261128)

SQRT_2_OVER_PI = mp.sqrt(2 / mp.pi)
GELU_TANH_K = mpf("0.044715")


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def d_sigmoid(x):
    s = sigmoid(x)
    return s * sigmoid(-x)


def tanh(x):
    return mp.tanh(x)


def d_tanh(x):
    return mp.sech(x) ** 2


def leaky_relu(x):
    return x if x > 0 else x / 100


def d_leaky_relu(x):
    if x == 0:
        return None
    return mpf(1) if x > 0 else mpf(1) / 100


def elu(x):
    return x if x > 0 else mp.expm1(x)


def d_elu(x):
    return mpf(1) if x > 0 else mp.exp(x)


def phi(x):
    return mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


def big_phi(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2


def gelu(x):
    return x * big_phi(x)


def d_gelu(x):
    return big_phi(x) + x * phi(x)


def gelu_tanh_v(x):
    """v = 2u, where gelu_tanh(x) = x * sigmoid(v)."""
    return 2 * SQRT_2_OVER_PI * (x + GELU_TANH_K * x**3)


def gelu_tanh(x):
    # (1 + tanh(u)) / 2 = sigmoid(2u): the left side loses every digit for u < -60
    # even at 50 digits.
    u = SQRT_2_OVER_PI * (x + GELU_TANH_K * x**3)
    return x * sigmoid(2 * u)


def d_gelu_tanh(x):
    u = SQRT_2_OVER_PI * (x + GELU_TANH_K * x**3)
    du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_K * x**2)
    return sigmoid(2 * u) + x * mp.sech(u) ** 2 * du / 2


def silu(x):
    return x * sigmoid(x)


def d_silu(x):
    return sigmoid(x) * (1 + x * sigmoid(-x))


def softplus(x):
    return mp.log1p(mp.exp(x))


def d_softplus(x):
    return sigmoid(x)


def relu(x):
    return x if x > 0 else mpf(0)


def d_relu(x):
    if x == 0:
        return None
    return mpf(1) if x > 0 else mpf(0)


def step(x):
    return mpf(1) if x > 0 else mpf(0)


def d_step(x):
    return None if x == 0 else mpf(0)


SCALAR = {
    "step": (step, d_step),
    "identity": (lambda x: x, lambda x: mpf(1)),
    "sigmoid": (sigmoid, d_sigmoid),
    "relu": (relu, d_relu),
    "tanh": (tanh, d_tanh),
    "leaky-relu": (leaky_relu, d_leaky_relu),
    "elu": (elu, d_elu),
    "gelu": (gelu, d_gelu),
    "gelu-tanh": (gelu_tanh, d_gelu_tanh),
    "silu": (silu, d_silu),
    "softplus": (softplus, d_softplus),
}


def nearest(v):
    """The float64 nearest to v. mpmath's float() rounds twice where v is
    subnormal (to 53 bits, then to the subnormal's fewer), which misses by an ulp
    about once in 150 there; Python's reading of 45 decimal digits rounds once."""
    if not mp.isfinite(v):
        return float(v)
    return float(mp.nstr(v, 45, min_fixed=1, max_fixed=0))


def f64(v):
    """The float64 nearest to v (None: undefined)."""
    if v is None:
        return float("nan")
    return nearest(v)


def show(v):
    return "nan" if v != v else repr(v)


def near(c, scales=(1e-1, 1e-2, 1e-3, 1e-5, 1e-8, 1e-12, 1e-15)):
    """Points on both sides of c at several distances, and c's neighbours."""
    out = [c]
    for s in scales:
        out += [c - s * max(abs(c), 1e-300), c + s * max(abs(c), 1e-300)]
    return out


def root(f, guess):
    return float(mp.findroot(f, mpf(guess)))


def uniform(a, b, n):
    return [random.uniform(a, b) for _ in range(n)]


def logspace(lo, hi, n):
    """n points with magnitudes spread evenly in log scale over [lo, hi]."""
    import math

    return [math.exp(random.uniform(math.log(lo), math.log(hi))) for _ in range(n)]


# Inputs every scalar function is checked at.
common = [k / 4 for k in range(-160, 161)]
common += uniform(-40, 40, 200) + uniform(-745, 745, 150)
common += [s * m for m in logspace(1e-320, 745, 150) for s in (1, -1)]
common += [s * 10.0**-k for k in range(1, 324, 3) for s in (1, -1)]
common += [s * 1e-8 * (1 + d) for d in (-1e-9, 0, 1e-9, 0.5) for s in (1, -1)]
common += [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308]
edges = [708.0, 708.39, 709.0, 709.78, 709.782712893384, 710.0, 744.0, 744.44, 745.0, 745.13]
common += edges + [-e for e in edges]
common += [s * m for m in (19.0, 19.06, 19.1, 20.0, 22.0, 36.0, 37.0, 38.0) for s in (1, -1)]

# Places where each function is hard: tails, subnormal results, roots of derivatives.
extra = {
    "sigmoid": uniform(-745, -700, 150) + uniform(30, 40, 50),
    "softplus": uniform(-745, -700, 150) + uniform(30, 40, 50) + uniform(-3, 3, 100),
    "tanh": uniform(-0.3, 0.3, 150) + uniform(18, 23, 50) + uniform(350, 375, 100) + uniform(-375, -350, 50),
    "elu": uniform(-745, -700, 100) + uniform(-1e-3, 0, 100) + uniform(-40, -30, 50),
    "gelu": uniform(-39, -36, 300) + uniform(-30, -5, 200) + uniform(-2, 0, 200) + uniform(5, 10, 50)
    # Where libm's erfc (up to 2 ulp off) makes GELU 3 ulp off: found by a dense
    # probe; tests/math.rs allows 3 ulp for GELU on [-10.5, -1] only.
    + [-5.14589463891593, -2.7745280332953337, -7.235893477569814, -6.091376861429077,
       -6.533129755649851, -10.062076424316105, -2.206307832783814, -7.692441357370245,
       -7.691581916960686, -3.462897866129172]
    # Around the switch from erfc to the asymptotic series at -10.5.
    + [-10.5, -10.500000000000002, -10.499999999999998] + uniform(-11, -10, 100),
    "gelu-tanh": uniform(-21.5, -18.5, 300) + uniform(-18, -3, 200) + uniform(-2, 0, 200) + uniform(3, 6, 50),
    "silu": uniform(-745, -700, 150) + uniform(-3, 0, 200) + uniform(30, 40, 50),
}
roots = {
    "gelu": root(d_gelu, -0.75),
    "gelu-tanh": root(d_gelu_tanh, -0.75),
    "silu": root(d_silu, -1.28),
}
for name, r in roots.items():
    pts = near(r) + [r + k * 2**-52 for k in range(-20, 21)]
    extra[name] = extra[name] + pts + uniform(r - 0.6, r + 0.6, 200)
# Derivatives of ELU and friends near their own hard places go with the function.


def vectors():
    out = [
        [1010.0, 1000.0, 990.0],
        [0.3, 2.9, 4.0],
        [1000.0, 0.0],
        [10.0, 0.0],
        [-1000.0, -1000.0],
        [745.0, 745.0, 745.0],
        [-745.0, 745.0],
        [1e-8, -1e-8],
        [0.0],
        [-0.5, -0.5],
        [700.0, 709.0, 709.78],
        [1e300, 1.0],
        [-1e300, 1.0],
    ]
    for _ in range(150):
        n = random.randint(1, 8)
        scale = random.choice([1, 10, 100, 745])
        out.append([random.uniform(-scale, scale) for _ in range(n)])
    for _ in range(60):
        n = random.randint(2, 6)
        base = random.uniform(-745, 745)
        out.append([base + random.uniform(-30, 30) for _ in range(n)])
    return out


def lse_parts(a):
    """max(a) and log(sum(e^(a_i - max))), the latter as log1p of the sum without
    the maximum's own 1: differences a_i - lse keep their digits when written
    (a_i - max) - log1p(...)."""
    m = max(mpf(x) for x in a)
    others = list(a)
    others.remove(max(a))
    return m, mp.log1p(mp.fsum(mp.exp(mpf(x) - m) for x in others))


def cross_entropy_cases():
    """(logits, target): the lesson's examples, then each vector of vectors() with
    its largest, its smallest and its middle entry as the target."""
    out = [
        ([0.3, 2.9, 4.0], 0), ([0.3, 2.9, 4.0], 1), ([0.3, 2.9, 4.0], 2),
        ([1010.0, 1000.0, 990.0], 2), ([0.0, 1000.0], 0), ([0.0, 1000.0], 1),
        ([-1000.0, 1000.0], 0), ([1e-8, -1e-8], 1), ([5.0], 0), ([0.0, 745.0], 0),
        ([0.0, 740.0, 740.0], 1), ([2.0, 2.0, 2.0, 2.0], 3),
    ]
    for a in vectors():
        targets = {a.index(max(a)), a.index(min(a)), len(a) // 2}
        out += [(a, k) for k in sorted(targets)]
    return out


def cross_entropy_rows():
    rows = []
    for a, k in cross_entropy_cases():
        m, rest = lse_parts(a)
        loss = (m - mpf(a[k])) + rest
        # y_j = e^(a_j - lse); the target's y_K - 1 as minus the others' sum (no
        # cancellation even where y_K is within 1e-300 of 1).
        y = [mp.exp((mpf(x) - m) - rest) for x in a]
        grad = [y[j] if j != k else -mp.fsum(y[i] for i in range(len(a)) if i != k) for j in range(len(a))]
        cols = f"{k}|" + ",".join(repr(x) for x in a)
        rows.append(f"cross-entropy\t{cols}\t{show(nearest(loss))}")
        rows.append(f"cross-entropy'\t{cols}\t" + ",".join(show(nearest(g)) for g in grad))
    return rows


def main():
    rows = []
    for name, (f, df) in SCALAR.items():
        xs = sorted(set(common + extra.get(name, [])))
        for x in xs:
            m = mpf(x)
            rows.append(f"{name}\t{x!r}\t{show(f64(f(m)))}")
            rows.append(f"{name}'\t{x!r}\t{show(f64(df(m)))}")
    for x in sorted(set(common)):
        if x < 709.78:
            rows.append(f"exp\t{x!r}\t{show(nearest(mp.exp(mpf(x))))}")
    for a in vectors():
        m, rest = lse_parts(a)
        cols = ",".join(repr(x) for x in a)
        rows.append(f"log-sum-exp\t{cols}\t{show(nearest(m + rest))}")
        ls = ",".join(show(nearest((mpf(x) - m) - rest)) for x in a)
        rows.append(f"log-softmax\t{cols}\t{ls}")
    rows += cross_entropy_rows()
    with open("reference.tsv", "w") as out:
        out.write("# name\tx\texpected (float64 nearest to the exact value); name' = derivative\n")
        out.write(f"# roots of derivatives: {roots}\n")
        for r in rows:
            out.write(r + "\n")
    print(len(rows), "rows")


if __name__ == "__main__":
    main()
