"""Writes network_reference.json: what NumPy prints for the random numbers and the
experiment that src/network/ reproduces. The Rust tests (tests/network.rs) read the
file and need no Python.

Run from this folder:  python3 make_network_reference.py   (needs: pip install numpy)

What it records:
- np.random.seed(s) then np.random.randn / random_sample / permutation: the legacy
  generator (MT19937, polar Box-Muller with the second value kept for the next call),
  which src/network/rng.rs must draw bit for bit;
- the textbook's experiment (seed 0: every activation and scale; seed 1: one
  scale each, for "another seed, other numbers") on weight initialization (5 layers of 100 neurons,
  x = np.random.randn(1000, 100), then per layer w = np.random.randn(100, 100) * scale,
  a = np.dot(x, w), z = activation(a)) for every activation and scale: per layer the
  mean, the standard deviation, how many activations are saturated and the histogram
  np.histogram gives over the bins named in the row.

Floats are written as Python's repr (the shortest string that reads back as the
same float64), in strings: a JSON reader may round a number on its way in.
"""
import json

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


ACTIVATIONS = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu}
NODE_NUM = 100
SCALES = {
    "1": 1.0,
    "0.01": 0.01,
    "xavier": np.sqrt(1.0 / NODE_NUM),
    "he": np.sqrt(2.0 / NODE_NUM),
}
# The textbook draws every histogram over (0, 1) in 30 bins; tanh spreads over
# (-1, 1), and ReLU's He activations reach past 1, so the table checks those too.
BINS = {
    "sigmoid": [(0.0, 1.0, 30)],
    "tanh": [(-1.0, 1.0, 30), (0.0, 1.0, 30)],
    "relu": [(0.0, 1.0, 30), (0.0, 5.0, 50)],
}


def f(v):
    return repr(float(v))


def saturated(name, z):
    if name == "sigmoid":
        return int(np.count_nonzero((z <= 0.05) | (z >= 0.95)))
    if name == "tanh":
        return int(np.count_nonzero(np.abs(z) >= 0.95))
    return int(np.count_nonzero(z == 0))


def experiment(seed, name, scale_name):
    """The textbook's code (weight_init_activation_histogram.py), seeded."""
    np.random.seed(seed)
    activation = ACTIVATIONS[name]
    x = np.random.randn(1000, NODE_NUM)
    layers = []
    for _ in range(5):
        w = np.random.randn(NODE_NUM, NODE_NUM) * SCALES[scale_name]
        a = np.dot(x, w)
        z = activation(a)
        hist = []
        for lo, hi, count in BINS[name]:
            counts, _ = np.histogram(z.flatten(), count, range=(lo, hi))
            hist.append(
                {
                    "lo": f(lo),
                    "hi": f(hi),
                    "count": count,
                    "counts": [int(c) for c in counts],
                    "below": int(np.count_nonzero(z < lo)),
                    "above": int(np.count_nonzero(z > hi)),
                }
            )
        layers.append(
            {
                "mean": f(np.mean(z)),
                "std": f(np.std(z)),
                "saturated": saturated(name, z),
                "histograms": hist,
            }
        )
        x = z
    return {"seed": seed, "activation": name, "scale": scale_name, "layers": layers}


def draws():
    out = {"randn": {}, "random_sample": {}, "permutation": {}}
    for seed in (0, 1, 42, 1234, 2**32 - 1):
        np.random.seed(seed)
        out["randn"][str(seed)] = [f(v) for v in np.random.randn(25)]
        np.random.seed(seed)
        out["random_sample"][str(seed)] = [f(v) for v in np.random.random_sample(10)]
    for seed, n in ((0, 10), (7, 200), (2024, 3)):
        np.random.seed(seed)
        out["permutation"][f"{seed}:{n}"] = [int(v) for v in np.random.permutation(n)]
    # The second value of a pair waits for the next call, across calls and across
    # other kinds of draw in between.
    np.random.seed(5)
    first = np.random.randn(3)
    second = np.random.randn(2)
    out["randn_3_then_2"] = [f(v) for v in np.concatenate([first, second])]
    np.random.seed(3)
    out["randn_sample_randn"] = [
        f(np.random.randn()),
        f(np.random.random_sample()),
        f(np.random.randn()),
        f(np.random.randn()),
    ]
    return out


def main():
    out = draws()
    out["numpy"] = np.__version__
    out["distribution"] = [experiment(0, name, scale) for name in ACTIVATIONS for scale in SCALES]
    out["distribution"] += [
        experiment(1, "sigmoid", "xavier"),
        experiment(1, "tanh", "0.01"),
        experiment(1, "relu", "he"),
    ]
    with open("network_reference.json", "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(len(out["distribution"]), "experiments, numpy", np.__version__)


if __name__ == "__main__":
    main()
