"""Replay every recorded fixture with a numpy transcription of the rule the
README describes, and report how close it comes (bit-exact or max ULPs).

This never produced a fixture: it only checks the README's description of
each framework's order of operations and dtype casts against what the
frameworks recorded. Needs only numpy:

    .venv-ref/bin/python Tests/Fixtures/optimizers/check_transcriptions.py [preset...]

Transcription variants per preset (the best one is reported):
  pytorch     : "plain"  every op rounded separately;  "fma"  a + b*c contracted
  optax       : "plain" / "fma" (XLA's CPU jit contracts a*b + c into FMA);
                rsqrt is taken as the correctly rounded 1/sqrt(x), which XLA's
                CPU rsqrt is not (it is within 2 ulp in float32, 1 ulp in float64)
  keras, tensorflow1: "plain" (the tensorflow-cpu wheel is built without FMA)
"""

import glob
import json
import math
import os
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------
# exact helpers
# ---------------------------------------------------------------------------

def _round_to(fr, dt):
    """Round a Fraction to the nearest dt value, ties to even."""
    c = dt(float(fr))
    if dt is np.float64:
        return c  # float(Fraction) is correctly rounded
    best = c
    for cand in (np.nextafter(c, dt(-np.inf)), np.nextafter(c, dt(np.inf))):
        dc, db = abs(Fraction(float(cand)) - fr), abs(Fraction(float(best)) - fr)
        if dc < db or (dc == db and (int(np.array(cand).view(np.int32)) & 1) == 0):
            best = cand
    return best


def fma(a, b, c):
    a, b, c = np.broadcast_arrays(np.asarray(a), np.asarray(b), np.asarray(c))
    dt = np.result_type(a, b, c).type
    out = np.empty(a.shape, dtype=dt)
    for i in np.ndindex(a.shape):
        out[i] = _round_to(Fraction(float(a[i])) * Fraction(float(b[i])) + Fraction(float(c[i])), dt)
    return out


def rsqrt_cr(x):
    """Correctly rounded 1/sqrt(x) (via high-precision float math + check)."""
    dt = x.dtype.type
    out = np.empty_like(x)
    for i in np.ndindex(x.shape):
        v = float(x[i])
        import decimal
        decimal.getcontext().prec = 60
        r = decimal.Decimal(1) / decimal.Decimal(v).sqrt()
        out[i] = _round_to(Fraction(r), dt)
    return out


def ulps(a, b):
    a = np.asarray(a)
    b = np.asarray(b, dtype=a.dtype)
    it = np.int32 if a.dtype == np.float32 else np.int64

    def key(x):
        i = x.view(it).astype(np.int64)
        return np.where(i < 0, np.int64(np.iinfo(it).min) - i, i)
    return int(np.max(np.abs(key(a) - key(b))))


class Ops:
    """Elementwise ops in dtype dt; madd(a, b, c) = a*b + c, contracted or not."""

    def __init__(self, dt, contract):
        self.dt, self.contract = dt, contract

    def c(self, v):
        return self.dt(v)

    def madd(self, a, b, c):
        if self.contract:
            return fma(np.asarray(a, self.dt), np.asarray(b, self.dt), np.asarray(c, self.dt))
        return (np.asarray(a, self.dt) * np.asarray(b, self.dt)).astype(self.dt) + np.asarray(c, self.dt)


# ---------------------------------------------------------------------------
# per-preset transcriptions: step(state, params, grads, lr, k) -> params
# ---------------------------------------------------------------------------

def torch_rule(rec, o):
    hp, dt = rec["hyperparameters"], o.dt
    alpha, eps = o.c(hp["gamma"]), o.c(hp["eps"])
    one_m = o.c(1.0 - hp["gamma"])          # 1 - alpha in double, then cast
    wd = hp.get("weight_decay", 0.0)
    mom = hp.get("momentum", 0.0)
    groups = {n: {"lr": None, "wd": wd} for n in rec["parameter_names"]}
    for g in hp.get("param_groups", []):
        for n in g["parameters"]:
            groups[n] = {"lr": g["lr"], "wd": g["weight_decay"]}

    def step(st, ps, gs, lr, k):
        gs = [np.asarray(g, dt) for g in gs]
        if "clip_gradient" in hp:
            c = o.c(hp["clip_gradient"])
            gs = [np.clip(g, -c, c) for g in gs]
        if "clip_norm" in hp:
            norms = [np.sqrt(sum_sq(g, o)) for g in gs]
            total = np.sqrt(sum_sq(np.array(norms, dt), o))
            coef = dt(o.c(hp["clip_norm"]) / (total + o.c(1e-6)))
            coef = min(coef, dt(1.0))
            gs = [(g * coef).astype(dt) for g in gs]
        out = []
        for i, (n, p, g) in enumerate(zip(rec["parameter_names"], ps, gs)):
            grp = groups[n]
            plr = lr if grp["lr"] is None else grp["lr"]
            if hp.get("maximize"):
                g = -g
            if grp["wd"]:
                g = o.madd(o.c(grp["wd"]), p, g)
            s = st.setdefault(("s", i), np.zeros_like(p))
            s = o.madd((one_m * g).astype(dt), g, (s * alpha).astype(dt))
            st[("s", i)] = s
            if hp.get("centered"):
                m = st.setdefault(("m", i), np.zeros_like(p))
                m = o.madd(one_m, (g - m).astype(dt), m)      # lerp, weight < 0.5
                st[("m", i)] = m
                avg = np.sqrt(o.madd(-m, m, s))
            else:
                avg = np.sqrt(s)
            avg = (avg + eps).astype(dt)
            if mom:
                b = st.setdefault(("b", i), np.zeros_like(p))
                b = ((b * o.c(mom)).astype(dt) + (g / avg).astype(dt)).astype(dt)
                st[("b", i)] = b
                p = o.madd(o.c(-plr), b, p)
            else:
                p = (p + ((o.c(-plr) * g).astype(dt) / avg).astype(dt)).astype(dt)
            out.append(p)
        return out
    return step


def sum_sq(g, o):
    acc = o.dt(0)
    for x in np.asarray(g, o.dt).ravel():
        acc = o.madd(x, x, acc)[()] if o.contract else o.dt(acc + o.dt(x * x))
    return o.dt(acc)


def optax_rule(rec, o):
    hp, dt = rec["hyperparameters"], o.dt
    d = hp["gamma"]
    dec, one_m, eps = o.c(d), o.c(1.0 - d), o.c(hp["eps"])
    inside = hp["eps_placement"] == "inside"
    mom = hp.get("momentum")
    s0 = hp.get("initial_accumulator", 0.0)
    decoupled = hp.get("decoupled_weight_decay", False)

    def step(st, ps, gs, lr, k):
        gs = [np.asarray(g, dt) for g in gs]
        if hp.get("maximize"):
            gs = [-g for g in gs]
        if "clip_gradient" in hp:
            c = o.c(hp["clip_gradient"])
            gs = [np.clip(g, -c, c) for g in gs]
        if "clip_norm" in hp:
            n = np.sqrt(dt(sum(sum_sq(g, o) for g in gs)))
            c = o.c(hp["clip_norm"])
            if not n < c:
                gs = [((g / n).astype(dt) * c).astype(dt) for g in gs]
        if "weight_decay" in hp and not decoupled:
            gs = [o.madd(o.c(hp["weight_decay"]), p, g) for p, g in zip(ps, gs)]
        out = []
        for i, (p, g) in enumerate(zip(ps, gs)):
            nu = st.setdefault(("nu", i), np.full_like(p, o.c(s0)))
            nu = o.madd((g * g).astype(dt), one_m, (nu * dec).astype(dt))
            st[("nu", i)] = nu
            nh = nu
            if hp.get("centered"):
                mu = st.setdefault(("mu", i), np.zeros_like(p))
                mu = o.madd(one_m, g, (dec * mu).astype(dt))
                st[("mu", i)] = mu
                mh = mu
            if hp.get("bias_correction"):
                bc = dt(1 - dt(d) ** (k + 1)) if dt is np.float32 else 1 - d ** (k + 1)
                nh = (nu / dt(bc)).astype(dt)
                if hp.get("centered"):
                    mh = (mu / dt(bc)).astype(dt)
            var = o.madd(-mh, mh, nh) if hp.get("centered") else nh
            if inside:
                scale = rsqrt_cr((var + eps).astype(dt))
            else:
                scale = (dt(1) / (np.sqrt(var) + eps).astype(dt)).astype(dt)
            u = (scale * g).astype(dt)
            if decoupled:
                u = o.madd(o.c(hp["weight_decay"]), p, u)
            if mom is None:
                p = o.madd(u, o.c(-lr), p)
            else:
                u = (u * o.c(-lr)).astype(dt)
                t = st.setdefault(("t", i), np.zeros_like(p))
                t = o.madd(o.c(mom), t, u)
                st[("t", i)] = t
                upd = o.madd(o.c(mom), t, u) if hp.get("nesterov") else t
                p = (p + upd).astype(dt)
            out.append(p)
        return out
    return step


def keras_rule(rec, o):
    hp, dt = rec["hyperparameters"], o.dt
    rho, one_m, eps = o.c(hp["gamma"]), o.c(1.0 - hp["gamma"]), o.c(hp["eps"])
    mom = hp.get("momentum", 0.0)

    def step(st, ps, gs, lr, k):
        lr = o.c(lr)
        gs = [np.asarray(g, dt) for g in gs]
        if "clip_gradient" in hp:
            c = o.c(hp["clip_gradient"])
            gs = [np.clip(g, -c, c) for g in gs]
        if "clip_norm" in hp:
            sq = [dt(np.sum((g * g).astype(dt), dtype=dt)) for g in gs]
            n = np.sqrt(dt(np.sum(np.array(sq, dt), dtype=dt)))
            c = hp["clip_norm"]
            scale = (o.c(c) * min((dt(1) / n).astype(dt), o.c(1.0 / c))).astype(dt)
            gs = [(g * scale).astype(dt) for g in gs]
        if "weight_decay" in hp:
            # tf.cast(python_float, float64) goes through a float32 tensor
            w = dt(np.float32(hp["weight_decay"]))
            ps = [(p - ((p * w).astype(dt) * lr).astype(dt)).astype(dt) for p in ps]
        out = []
        for i, (p, g) in enumerate(zip(ps, gs)):
            v = st.setdefault(("v", i), np.zeros_like(p))
            v = ((rho * v).astype(dt) + (one_m * (g * g).astype(dt)).astype(dt)).astype(dt)
            st[("v", i)] = v
            if hp.get("centered"):
                m = st.setdefault(("m", i), np.zeros_like(p))
                m = ((rho * m).astype(dt) + (one_m * g).astype(dt)).astype(dt)
                st[("m", i)] = m
                den = ((v - (m * m).astype(dt)).astype(dt) + eps).astype(dt)
            else:
                den = (v + eps).astype(dt)
            inc = ((lr * g).astype(dt) / np.sqrt(den)).astype(dt)
            if mom:
                b = st.setdefault(("b", i), np.zeros_like(p))
                b = ((o.c(mom) * b).astype(dt) + inc).astype(dt)
                st[("b", i)] = b
                p = (p - b).astype(dt)
            else:
                p = (p - inc).astype(dt)
            out.append(p)
        return out
    return step


def tf1_rule(rec, o):
    hp, dt = rec["hyperparameters"], o.dt
    f32 = np.float32
    rho = dt(f32(hp["gamma"]))          # Python float -> float32 tensor -> cast
    eps = dt(f32(hp["eps"]))
    mom = dt(f32(hp.get("momentum", 0.0)))
    one_m = (dt(1) - rho).astype(dt)

    def step(st, ps, gs, lr, k):
        lr = dt(lr)
        gs = [np.asarray(g, dt) for g in gs]
        if "clip_gradient" in hp:
            c = dt(f32(hp["clip_gradient"])) if dt is np.float32 else dt(hp["clip_gradient"])
            gs = [np.clip(g, -c, c) for g in gs]
        if "clip_norm" in hp:
            half = [dt(np.sum((g * g).astype(dt), dtype=dt) / dt(2)) for g in gs]
            n = np.sqrt(dt(dt(np.sum(np.array(half, dt), dtype=dt)) * dt(2)))
            c = dt(hp["clip_norm"])
            scale = (c * min((dt(1) / n).astype(dt), (dt(1) / c).astype(dt))).astype(dt)
            gs = [(g * scale).astype(dt) for g in gs]
        out = []
        for i, (p, g) in enumerate(zip(ps, gs)):
            ms = st.setdefault(("ms", i), np.ones_like(p))
            ms = (ms + (((g * g).astype(dt) - ms).astype(dt) * one_m).astype(dt)).astype(dt)
            st[("ms", i)] = ms
            if hp.get("centered"):
                mg = st.setdefault(("mg", i), np.zeros_like(p))
                mg = (mg + ((g - mg).astype(dt) * one_m).astype(dt)).astype(dt)
                st[("mg", i)] = mg
                den = ((ms - (mg * mg).astype(dt)).astype(dt) + eps).astype(dt)
            else:
                den = (ms + eps).astype(dt)
            b = st.setdefault(("b", i), np.zeros_like(p))
            b = ((b * mom).astype(dt) + ((g * lr).astype(dt) / np.sqrt(den)).astype(dt)).astype(dt)
            st[("b", i)] = b
            out.append((p - b).astype(dt))
        return out
    return step


RULES = {"pytorch": (torch_rule, (False, True)), "optax": (optax_rule, (False, True)),
         "keras": (keras_rule, (False,)), "tensorflow1": (tf1_rule, (False,))}


def replay(rec, rule, contract):
    dt = np.float32 if rec["dtype"] == "float32" else np.float64
    o = Ops(dt, contract)
    step = rule(rec, o)
    ps = [np.asarray(p, dt) for p in rec["initial"]]
    st, worst, exact_steps, absd = {}, 0, 0, 0.0
    for k, s in enumerate(rec["steps"]):
        with np.errstate(all="ignore"):
            ps = step(st, ps, s["gradients"], s["lr"], k)
        u = max(ulps(p, np.asarray(q, dt)) for p, q in zip(ps, s["parameters"]))
        absd = max(absd, max(float(np.max(np.abs(p.astype(np.float64) - np.asarray(q, np.float64))))
                             for p, q in zip(ps, s["parameters"])))
        worst = max(worst, u)
        exact_steps += (u == 0)
    return worst, exact_steps, absd


def main():
    presets = sys.argv[1:] or list(RULES)
    for preset in presets:
        rule, variants = RULES[preset]
        print(f"== {preset}")
        rows = {}
        for f in sorted(glob.glob(os.path.join(HERE, preset, f"{preset}-*.json"))):
            rec = json.load(open(f))
            res = {("fma" if c else "plain"): replay(rec, rule, c) for c in variants}
            best = min(res, key=lambda v: res[v][0])
            rows[os.path.basename(f)] = (best, res)
            tag = "EXACT" if res[best][0] == 0 else f"max {res[best][0]} ulp, |d| {res[best][2]:.1e}"
            detail = "  ".join(f"{v}: {w} ulp, {e}/30 exact" for v, (w, e, _) in res.items())
            print(f"{os.path.basename(f):58s} best={best:5s} {tag:26s} | {detail}")


if __name__ == "__main__":
    main()
