"""Shared helpers for the reference-trajectory recorders (record_*.py).

Nothing in here implements RMSProp: every recorder hands the gradients computed
here to its framework's own optimizer and stores what the framework did.

Problems (numpy, in the parameter dtype):
  quadratic2d: f(x) = 0.1*x1^2 + 2*x2^2, x0 = (-5, -2), g = (0.2*x1, 4*x2)
  linreg:      loss = mean((X w + b - y)^2) / 2 over 8 rows, w0 ~ N(0,1) (seed 1), b0 = 0
"""

import json
import math
import os
import zlib

import numpy as np

STEPS = 30
HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = ("float32", "float64")
PROBLEMS = ("quadratic2d", "linreg")


# ----------------------------------------------------------------------------
# problems
# ----------------------------------------------------------------------------

def linreg_data():
    """X (8x3) and y (8) from numpy's default_rng(0), as float64."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 3))
    true_w = np.array([1.5, -2.0, 0.5])
    y = X @ true_w + 0.3 + 0.1 * rng.normal(size=8)
    return X, y


class Problem:
    def __init__(self, name, dtype):
        self.name = name
        self.dtype = np.dtype(dtype)
        dt = self.dtype
        if name == "quadratic2d":
            self.names = ["x"]
            self.initial = [np.array([-5.0, -2.0], dtype=dt)]
            self.coef = np.array([0.2, 4.0], dtype=dt)
        elif name == "linreg":
            X, y = linreg_data()
            self.X = X.astype(dt)
            self.y = y.astype(dt)
            self.names = ["w", "b"]
            w0 = np.random.default_rng(1).normal(size=3).astype(dt)
            self.initial = [w0, np.zeros(1, dtype=dt)]
        else:
            raise ValueError(name)
        self.shapes = [list(p.shape) for p in self.initial]

    def grads(self, params):
        """Gradient in numpy, in the parameter dtype, from the current parameters."""
        dt = self.dtype
        params = [np.asarray(p, dtype=dt) for p in params]
        if self.name == "quadratic2d":
            (x,) = params
            return [(self.coef * x).astype(dt)]
        w, b = params
        n = dt.type(self.X.shape[0])
        r = (self.X @ w + b - self.y).astype(dt)      # residual, (8,)
        gw = (self.X.T @ r / n).astype(dt)
        gb = (np.sum(r, keepdims=True) / n).astype(dt)
        return [gw, gb]

    def data_json(self):
        if self.name != "linreg":
            return None
        return {"X": to_json(self.X, self.dtype), "y": to_json(self.y, self.dtype)}


# ----------------------------------------------------------------------------
# random hyperparameters
# ----------------------------------------------------------------------------

def cell_rng(preset, option, problem, attempt=0):
    """One seeded RNG per (preset, option, problem): float32 and float64 cells
    of the same option share their hyperparameters, so they can be compared.
    attempt > 0 gives a fresh draw (used to pick clip values that clip on some
    steps but not on all)."""
    key = f"{preset}/{option}/{problem}" + (f"#{attempt}" if attempt else "")
    seed = zlib.crc32(key.encode())
    return seed, np.random.default_rng(seed)


def clipping_mixed(count):
    """A clip value is kept when it clipped on some steps and left others alone."""
    return 3 <= count <= STEPS - 3


def record_both_dtypes(run_cell, preset, option, problem, needs_clip):
    """Run the float64 and float32 cells with the same draw. For clipping
    cells, redraw (attempt 1, 2, ...) until clipping is mixed in float64."""
    attempt = 0
    while True:
        rec64 = run_cell(option, problem, "float64", attempt)
        if not needs_clip or clipping_mixed(rec64["_clip_count"]) or attempt >= 60:
            break
        attempt += 1
    rec32 = run_cell(option, problem, "float32", attempt)
    out = []
    for rec in (rec32, rec64):
        rec.pop("_clip_count", None)
        out.append(write_cell(preset, option, problem, rec["dtype"], rec))
    return out


class Draw:
    """Hyperparameter draws; every value is a Python float (binary64)."""

    def __init__(self, rng):
        self.rng = rng

    def lr(self):
        return float(self.rng.uniform(0.001, 0.1))

    def decay(self):
        return float(self.rng.uniform(0.8, 0.999))

    def eps(self):
        return float(math.exp(self.rng.uniform(math.log(1e-8), math.log(1e-4))))

    def momentum(self):
        return float(self.rng.uniform(0.5, 0.95))

    def weight_decay(self):
        return float(self.rng.uniform(1e-4, 1e-1))

    def clip(self):
        return float(self.rng.uniform(0.05, 2.0))

    def initial_accumulator(self):
        return float(self.rng.uniform(0.1, 2.0))

    def uniform(self, a, b):
        return float(self.rng.uniform(a, b))

    def integer(self, a, b):
        """Integer in [a, b]."""
        return int(self.rng.integers(a, b + 1))


def draw_schedule(d, kind, lr):
    """Schedule parameters in project terms. Returns (hyperparameters, details)."""
    if kind == "step":
        every = d.integer(3, 9)
        factor = d.uniform(0.3, 0.9)
        return ({"lr_schedule": f"step:{every}:{factor!r}"},
                {"kind": "step", "every": every, "factor": factor})
    if kind == "multistep":
        s1 = d.integer(3, 12)
        s2 = d.integer(s1 + 3, 25)
        factor = d.uniform(0.3, 0.9)
        return ({"lr_schedule": f"multistep:{s1},{s2}:{factor!r}"},
                {"kind": "multistep", "milestones": [s1, s2], "factor": factor})
    if kind == "exponential":
        factor = d.uniform(0.85, 0.99)
        return ({"lr_schedule": f"exponential:{factor!r}"},
                {"kind": "exponential", "factor": factor})
    if kind == "cosine":
        total = d.integer(18, 26)          # shorter than the run: the tail shows what happens past TOTAL
        min_lr = lr * d.uniform(0.0, 0.2)
        return ({"lr_schedule": f"cosine:{total}:{min_lr!r}"},
                {"kind": "cosine", "total": total, "min_lr": min_lr})
    if kind == "warmup":
        warm = d.integer(3, 8)
        total = d.integer(15, 30 - warm)   # cosine steps after the warmup
        min_lr = lr * d.uniform(0.0, 0.2)
        return ({"lr_schedule": f"cosine:{total}:{min_lr!r}", "warmup": warm},
                {"kind": "warmup+cosine", "warmup": warm, "total": total, "min_lr": min_lr})
    raise ValueError(kind)


SCHEDULES = ("step", "multistep", "exponential", "cosine", "warmup")


# ----------------------------------------------------------------------------
# JSON output
# ----------------------------------------------------------------------------

def to_json(a, dtype):
    """Nested lists of Python floats that read back to the same binary value.

    float32 values are widened exactly to binary64 and written with Python's
    repr, i.e. repr(float(np.float32(v)))."""
    a = np.asarray(a)
    if np.dtype(dtype) == np.float32:
        if a.dtype != np.float32:
            raise TypeError(f"expected float32, got {a.dtype}")
    elif a.dtype != np.float64:
        raise TypeError(f"expected float64, got {a.dtype}")
    return a.astype(np.float64).tolist()


def check_finite(values):
    for v in values:
        if not np.all(np.isfinite(v)):
            raise FloatingPointError("non-finite value in a recorded trajectory")


def write_cell(preset, option, problem, dtype, record):
    """Write one fixture file; return its manifest entry."""
    folder = os.path.join(HERE, preset)
    os.makedirs(folder, exist_ok=True)
    fname = f"{preset}-{option}-{problem}-{dtype}.json"
    order = ["framework", "framework_version", "preset", "option", "problem", "dtype",
             "framework_call", "hyperparameters", "schedule", "seed", "notes",
             "parameter_names", "shapes", "initial", "data"]
    head = {k: record[k] for k in order if k in record and record[k] is not None}
    steps = record["steps"]
    # one step per line: small diffs, readable, and still valid JSON
    text = json.dumps(head, separators=(",", ":"), allow_nan=False)[:-1]
    text += ',"steps":[\n' + ",\n".join(
        json.dumps(s, separators=(",", ":"), allow_nan=False) for s in steps) + "\n]}\n"
    json.loads(text)  # sanity
    with open(os.path.join(folder, fname), "w") as f:
        f.write(text)
    return {"preset": preset, "option": option, "problem": problem, "dtype": dtype,
            "file": f"{preset}/{fname}"}


def write_manifest(preset, framework, version, cells, extra=None):
    m = {"framework": framework, "version": version}
    if extra:
        m.update(extra)
    m["cells"] = cells
    with open(os.path.join(HERE, preset, "manifest.json"), "w") as f:
        json.dump(m, f, indent=1)
        f.write("\n")


def unsupported(preset, option, why, problem=None):
    e = {"preset": preset, "option": option}
    if problem:
        e["problem"] = problem
    e["unsupported"] = why
    return e


def clip_count_value(grads_list, c):
    """How many recorded steps had some |g| > c (raw gradients, before any wd)."""
    return sum(1 for gs in grads_list if any(np.any(np.abs(g) > c) for g in gs))


def clip_count_norm(grads_list, c):
    return sum(1 for gs in grads_list
               if math.sqrt(sum(float(np.sum(np.asarray(g, np.float64) ** 2)) for g in gs)) > c)
