"""Record optax.rmsprop trajectories (preset "optax").

Run:  .venv-ref/bin/python Tests/Fixtures/optimizers/record_optax.py [--check-eager]
float32 cells run with jax_enable_x64 off (JAX's default, so schedules and
Python-float hyperparameters are float32), float64 cells with it on.
Each step: gradient in numpy -> jax.jit(step)(params, state, grads) where
step = tx.update(grads, state, params) followed by optax.apply_updates.
--check-eager also runs every cell op by op (jax.disable_jit) and reports any
difference from the jitted run (nothing is written in that mode).
"""

import sys
import warnings

import jax
import jax.numpy as jnp
import numpy as np
import optax

import common as C

PRESET = "optax"
warnings.filterwarnings("ignore")

OPTIONS = ["plain", "eps_outside", "eps_inside", "centered", "momentum", "centered_momentum",
           "momentum_schedule", "nesterov", "weight_decay", "decoupled_weight_decay", "clip_gradient", "clip_norm",
           "maximize", "initial_accumulator", "bias_correction", "bias_correction_eps_outside",
           "schedule_step", "schedule_multistep", "schedule_exponential", "schedule_cosine",
           "schedule_warmup", "param_groups", "everything"]

UNSUPPORTED = {
    "param_groups": "optax has no parameter groups (optax.multi_transform with two optimizers is the equivalent; not recorded)",
}


def r(v):
    return repr(v)


def make_schedule(det, lr):
    k = det["kind"]
    if k == "step":
        s = optax.exponential_decay(init_value=lr, transition_steps=det["every"],
                                    decay_rate=det["factor"], staircase=True)
        return s, f"optax.exponential_decay(init_value={r(lr)}, transition_steps={det['every']}, decay_rate={r(det['factor'])}, staircase=True)"
    if k == "multistep":
        b = {m: det["factor"] for m in det["milestones"]}
        s = optax.piecewise_constant_schedule(init_value=lr, boundaries_and_scales=b)
        return s, f"optax.piecewise_constant_schedule(init_value={r(lr)}, boundaries_and_scales={b!r})"
    if k == "exponential":
        s = optax.exponential_decay(init_value=lr, transition_steps=1, decay_rate=det["factor"])
        return s, f"optax.exponential_decay(init_value={r(lr)}, transition_steps=1, decay_rate={r(det['factor'])})"
    if k == "cosine":
        alpha = det["min_lr"] / lr
        det["alpha"] = alpha
        s = optax.cosine_decay_schedule(init_value=lr, decay_steps=det["total"], alpha=alpha)
        return s, f"optax.cosine_decay_schedule(init_value={r(lr)}, decay_steps={det['total']}, alpha={r(alpha)})"
    if k == "warmup+cosine":
        w, total = det["warmup"], det["total"]
        det["init_value"] = 0.0
        det["decay_steps"] = w + total
        s = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=lr, warmup_steps=w,
                                               decay_steps=w + total, end_value=det["min_lr"])
        return s, (f"optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value={r(lr)}, warmup_steps={w}, "
                   f"decay_steps={w + total}, end_value={r(det['min_lr'])})")
    raise ValueError(k)


def build(option, d):
    lr, decay, eps = d.lr(), d.decay(), d.eps()
    kw = {"decay": decay, "eps": eps}
    hp = {"lr": lr, "gamma": decay, "eps": eps, "eps_placement": "inside"}
    cell = {"clip": None, "schedule": None, "details": None, "hp": hp}
    if option == "eps_outside" or option == "bias_correction_eps_outside":
        kw["eps_in_sqrt"] = False
        hp["eps_placement"] = "outside"
    if option == "eps_inside":
        kw["eps_in_sqrt"] = True
    if option in ("centered", "centered_momentum", "everything"):
        kw["centered"] = True
        hp["centered"] = True
    if option in ("momentum", "centered_momentum", "momentum_schedule", "nesterov", "everything"):
        m = d.momentum()
        kw["momentum"] = m
        hp["momentum"] = m
    if option in ("nesterov", "everything"):
        kw["nesterov"] = True
        hp["nesterov"] = True
    if option in ("initial_accumulator", "everything"):
        s0 = d.initial_accumulator()
        kw["initial_scale"] = s0
        hp["initial_accumulator"] = s0
    if option in ("bias_correction", "bias_correction_eps_outside", "everything"):
        kw["bias_correction"] = True
        hp["bias_correction"] = True

    learning_rate, lr_call, sched = lr, r(lr), None
    if option.startswith("schedule_") or option == "momentum_schedule":
        kind = "exponential" if option == "momentum_schedule" else option[len("schedule_"):]
        shp, det = C.draw_schedule(d, kind, lr)
        hp.update(shp)
        sched, lr_call = make_schedule(det, lr)
        learning_rate = sched
        cell["details"] = det
    cell["schedule"] = sched

    kws = ", ".join(f"{k}={r(v)}" for k, v in kw.items())
    rms_call = f"optax.rmsprop(learning_rate={lr_call}, {kws})"

    if option == "decoupled_weight_decay":
        wd = d.weight_decay()
        hp["weight_decay"] = wd
        hp["decoupled_weight_decay"] = True
        sk = ", ".join(f"{k}={r(v)}" for k, v in kw.items())
        tx = optax.chain(optax.scale_by_rms(**kw), optax.add_decayed_weights(wd),
                         optax.scale_by_learning_rate(lr))
        call = (f"optax.chain(optax.scale_by_rms({sk}), optax.add_decayed_weights({r(wd)}), "
                f"optax.scale_by_learning_rate({r(lr)}))  # the optax.adamw construction: p -= lr*(rms_update + wd*p)")
        return tx, call, cell
    rms = optax.rmsprop(learning_rate=learning_rate, **kw)
    tx, call = rms, rms_call
    if option == "weight_decay":
        wd = d.weight_decay()
        hp["weight_decay"] = wd
        tx = optax.chain(optax.add_decayed_weights(wd), rms)
        call = f"optax.chain(optax.add_decayed_weights({r(wd)}), {rms_call})"
    elif option in ("clip_gradient", "everything"):
        c = d.clip()
        hp["clip_gradient"] = c
        cell["clip"] = ("value", c)
        tx = optax.chain(optax.clip(c), rms)
        call = f"optax.chain(optax.clip({r(c)}), {rms_call})"
    elif option == "clip_norm":
        c = d.clip()
        hp["clip_norm"] = c
        cell["clip"] = ("norm", c)
        tx = optax.chain(optax.clip_by_global_norm(c), rms)
        call = f"optax.chain(optax.clip_by_global_norm({r(c)}), {rms_call})"
    elif option == "maximize":
        hp["maximize"] = True
        tx = optax.chain(optax.scale(-1.0), rms)
        call = f"optax.chain(optax.scale(-1.0), {rms_call})  # optax has no maximize flag; this is its idiom"
    return tx, call, cell


def schedule_counts(state):
    """Counts held by ScaleByScheduleState in the optimizer state."""
    out = []

    def visit(s):
        if isinstance(s, optax.ScaleByScheduleState):
            out.append(int(s.count))
        elif isinstance(s, (tuple, list)):
            for x in s:
                visit(x)
    visit(state)
    return out


def schedule_count(state):
    """The count of the (single) ScaleByScheduleState in a traced state."""
    found = []

    def visit(s):
        if isinstance(s, optax.ScaleByScheduleState):
            found.append(s.count)
        elif isinstance(s, (tuple, list)):
            for x in s:
                visit(x)
    visit(state)
    assert len(found) == 1
    return found[0]


EAGER = "--check-eager" in sys.argv


def run_cell(option, problem_name, dtype, attempt=0):
    jax.config.update("jax_enable_x64", dtype == "float64")
    seed, rng = C.cell_rng(PRESET, option, problem_name, attempt)
    d = C.Draw(rng)
    prob = C.Problem(problem_name, dtype)
    tx, call, cell = build(option, d)
    call += "; per step: updates, state = tx.update(grads, state, params); params = optax.apply_updates(params, updates) (both under one jax.jit)"
    params = [jnp.asarray(p) for p in prob.initial]
    assert all(p.dtype == prob.dtype for p in params)
    state = tx.init(params)

    sched = cell["schedule"]

    def step(params, state, grads):
        # The schedule is evaluated on the count held in the state, inside the
        # same jit as the update (XLA CSE merges it with the update's own call):
        # a separately evaluated schedule can differ by an ulp (XLA rewrites).
        lr = sched(schedule_count(state)) if sched is not None else jnp.zeros([])
        updates, state = tx.update(grads, state, params)
        return optax.apply_updates(params, updates), state, lr
    jstep = jax.jit(step)

    steps, raw, eager_diff = [], [], 0.0
    eparams, estate = params, state
    for k in range(C.STEPS):
        cur = [np.asarray(p) for p in params]
        grads = prob.grads(cur)
        jg = [jnp.asarray(g) for g in grads]
        if sched is not None:
            counts = schedule_counts(state)
            assert counts == [k], counts           # optax counts updates before this one
        params, state, lr_in = jstep(params, state, jg)
        lr = float(lr_in) if sched is not None else cell["hp"]["lr"]
        after = [np.asarray(p) for p in params]
        assert all(a.dtype == prob.dtype for a in after)
        if EAGER:
            with jax.disable_jit():
                eparams, estate, _ = step(eparams, estate, jg)
            eager_diff = max(eager_diff, max(float(np.max(np.abs(np.asarray(e, np.float64) - a)))
                                             for e, a in zip(eparams, after)))
            eparams = params  # keep comparing single steps from the same point
            estate = state
        C.check_finite(after)
        raw.append(grads)
        steps.append({"gradients": [C.to_json(g, dtype) for g in grads],
                      "parameters": [C.to_json(a, dtype) for a in after],
                      "lr": lr})
    if EAGER:
        print(f"eager-vs-jit {option} {problem_name} {dtype}: max |diff| {eager_diff!r}")
    notes, cnt = [], None
    if cell["clip"] is not None:
        kind, c = cell["clip"]
        cnt = (C.clip_count_value if kind == "value" else C.clip_count_norm)(raw, c)
        notes.append(f"clipping active on {cnt} of {C.STEPS} steps (judged on the raw gradient)")
    notes.append(f"jax_enable_x64={dtype == 'float64'}")
    return {
        "framework": "optax", "framework_version": f"optax {optax.__version__}, jax {jax.__version__}",
        "preset": PRESET, "option": option, "problem": problem_name, "dtype": dtype,
        "framework_call": call, "hyperparameters": cell["hp"], "schedule": cell["details"],
        "seed": seed, "notes": "; ".join(notes),
        "parameter_names": prob.names, "shapes": prob.shapes,
        "initial": [C.to_json(p, dtype) for p in prob.initial],
        "data": prob.data_json(), "steps": steps, "_clip_count": cnt,
    }


def main():
    if EAGER:
        for option in OPTIONS:
            if option in UNSUPPORTED:
                continue
            for problem in C.PROBLEMS:
                for dtype in C.DTYPES:
                    run_cell(option, problem, dtype)
        return
    cells = []
    for option in OPTIONS:
        if option in UNSUPPORTED:
            cells.append(C.unsupported(PRESET, option, UNSUPPORTED[option]))
            continue
        for problem in C.PROBLEMS:
            cells += C.record_both_dtypes(run_cell, PRESET, option, problem,
                                          option in ("clip_gradient", "clip_norm", "everything"))
    C.write_manifest(PRESET, "optax", optax.__version__, cells,
                     {"jax": jax.__version__, "jaxlib": jax.lib.__version__ if hasattr(jax.lib, "__version__") else None,
                      "python": sys.version.split()[0], "numpy": np.__version__})
    print(f"{PRESET}: {sum('file' in c for c in cells)} files")


if __name__ == "__main__":
    main()
