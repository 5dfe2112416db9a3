"""Record keras.optimizers.RMSprop trajectories (preset "keras"), Keras 3 on the
TensorFlow backend (KERAS_BACKEND=tensorflow, eager execution).

Run:  .venv-tf/bin/python Tests/Fixtures/optimizers/record_keras.py
float32 cells: keras.config.set_floatx("float32") (so the learning-rate variable is
float32); float64 cells: set_floatx("float64") and float64 variables.
Each step: gradient in numpy -> optimizer.apply_gradients(zip(grads, vars)).
Also prints the docstring sanity check (var=10, lr=0.1, loss=var^2/2 -> 9.683772).
"""

import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import common as C  # noqa: E402

PRESET = "keras"
tf.config.threading.set_intra_op_parallelism_threads(1)
tf.config.threading.set_inter_op_parallelism_threads(1)

OPTIONS = ["plain", "eps_outside", "eps_inside", "centered", "momentum", "centered_momentum",
           "momentum_schedule", "nesterov", "weight_decay", "decoupled_weight_decay",
           "clip_gradient", "clip_norm", "maximize", "initial_accumulator", "bias_correction",
           "bias_correction_eps_outside", "schedule_step", "schedule_multistep",
           "schedule_exponential", "schedule_cosine", "schedule_warmup", "param_groups", "everything"]

UNSUPPORTED = {
    "eps_outside": "keras.optimizers.RMSprop always adds epsilon inside the square root",
    "eps_inside": "keras.optimizers.RMSprop has one fixed eps placement (inside the square root): the plain cell covers it",
    "nesterov": "keras.optimizers.RMSprop has no Nesterov momentum",
    "weight_decay": "Keras optimizers only have decoupled weight decay (weight_decay=, p -= p*wd*lr); no coupled L2",
    "maximize": "Keras optimizers have no maximize option",
    "initial_accumulator": "keras.optimizers.RMSprop always starts the velocity (mean square) at 0",
    "bias_correction": "keras.optimizers.RMSprop has no bias correction",
    "bias_correction_eps_outside": "keras.optimizers.RMSprop has no bias correction",
    "param_groups": "Keras optimizers have no parameter groups (only exclude_from_weight_decay)",
}

S = keras.optimizers.schedules


def r(v):
    return repr(v)


def make_schedule(det, lr):
    k = det["kind"]
    if k == "step":
        return (S.ExponentialDecay(lr, decay_steps=det["every"], decay_rate=det["factor"], staircase=True),
                f"keras.optimizers.schedules.ExponentialDecay({r(lr)}, decay_steps={det['every']}, decay_rate={r(det['factor'])}, staircase=True)")
    if k == "multistep":
        f = det["factor"]
        values = [lr, lr * f, lr * f * f]
        det["values"] = values
        return (S.PiecewiseConstantDecay(boundaries=det["milestones"], values=values),
                f"keras.optimizers.schedules.PiecewiseConstantDecay(boundaries={det['milestones']}, values={values!r})")
    if k == "exponential":
        return (S.ExponentialDecay(lr, decay_steps=1, decay_rate=det["factor"]),
                f"keras.optimizers.schedules.ExponentialDecay({r(lr)}, decay_steps=1, decay_rate={r(det['factor'])})")
    if k == "cosine":
        alpha = det["min_lr"] / lr
        det["alpha"] = alpha
        return (S.CosineDecay(lr, decay_steps=det["total"], alpha=alpha),
                f"keras.optimizers.schedules.CosineDecay({r(lr)}, decay_steps={det['total']}, alpha={r(alpha)})")
    if k == "warmup+cosine":
        alpha = det["min_lr"] / lr
        det["alpha"] = alpha
        det["initial_learning_rate"] = 0.0
        return (S.CosineDecay(0.0, decay_steps=det["total"], alpha=alpha, warmup_target=lr,
                              warmup_steps=det["warmup"]),
                f"keras.optimizers.schedules.CosineDecay(0.0, decay_steps={det['total']}, alpha={r(alpha)}, "
                f"warmup_target={r(lr)}, warmup_steps={det['warmup']})")
    raise ValueError(k)


def build(option, d):
    lr, rho, eps = d.lr(), d.decay(), d.eps()
    kw = {"rho": rho, "epsilon": eps}
    hp = {"lr": lr, "gamma": rho, "eps": eps, "eps_placement": "inside"}
    cell = {"clip": None, "details": None, "hp": hp}
    if option in ("centered", "centered_momentum", "everything"):
        kw["centered"] = True
        hp["centered"] = True
    if option in ("momentum", "centered_momentum", "momentum_schedule", "everything"):
        m = d.momentum()
        kw["momentum"] = m
        hp["momentum"] = m
    if option in ("decoupled_weight_decay", "everything"):
        wd = d.weight_decay()
        kw["weight_decay"] = wd
        hp["weight_decay"] = wd
        hp["decoupled_weight_decay"] = True
    if option in ("clip_gradient", "everything"):
        c = d.clip()
        kw["clipvalue"] = c
        hp["clip_gradient"] = c
        cell["clip"] = ("value", c)
    if option == "clip_norm":
        c = d.clip()
        kw["global_clipnorm"] = c
        hp["clip_norm"] = c
        cell["clip"] = ("norm", c)
    learning_rate, lr_call = lr, r(lr)
    if option.startswith("schedule_") or option == "momentum_schedule":
        kind = "exponential" if option == "momentum_schedule" else option[len("schedule_"):]
        shp, det = C.draw_schedule(d, kind, lr)
        hp.update(shp)
        learning_rate, lr_call = make_schedule(det, lr)
        cell["details"] = det
    cell["kw"], cell["learning_rate"] = kw, learning_rate
    cell["call"] = f"keras.optimizers.RMSprop(learning_rate={lr_call}, {', '.join(f'{k}={r(v)}' for k, v in kw.items())})"
    return cell


def run_cell(option, problem_name, dtype, attempt=0):
    keras.config.set_floatx(dtype)
    seed, rng = C.cell_rng(PRESET, option, problem_name, attempt)
    d = C.Draw(rng)
    prob = C.Problem(problem_name, dtype)
    cell = build(option, d)
    opt = keras.optimizers.RMSprop(learning_rate=cell["learning_rate"], **cell["kw"])
    variables = [keras.Variable(p.copy(), dtype=dtype, name=n) for p, n in zip(prob.initial, prob.names)]
    call = cell["call"] + "; per step: opt.apply_gradients(zip(grads, vars)) (eager, TensorFlow backend)"
    steps, raw, lr_dtypes = [], [], set()
    for k in range(C.STEPS):
        cur = [np.asarray(v.numpy()) for v in variables]
        grads = prob.grads(cur)
        assert int(opt.iterations.numpy()) == k
        lr_t = opt.learning_rate                     # what this step will use (schedule(iterations))
        lr_np = np.asarray(lr_t.numpy() if hasattr(lr_t, "numpy") else lr_t)
        lr_dtypes.add(str(lr_np.dtype))
        opt.apply_gradients(zip([tf.constant(g) for g in grads], variables))
        after = [np.asarray(v.numpy()) for v in variables]
        assert all(a.dtype == prob.dtype for a in after)
        C.check_finite(after)
        raw.append(grads)
        steps.append({"gradients": [C.to_json(g, dtype) for g in grads],
                      "parameters": [C.to_json(a, dtype) for a in after],
                      "lr": float(lr_np)})
    notes, cnt = [], None
    if cell["clip"] is not None:
        kind, c = cell["clip"]
        cnt = (C.clip_count_value if kind == "value" else C.clip_count_norm)(raw, c)
        notes.append(f"clipping active on {cnt} of {C.STEPS} steps (judged on the raw gradient)")
    notes.append(f"floatx={dtype}; learning rate held as {'/'.join(sorted(lr_dtypes))}")
    return {
        "framework": "keras", "framework_version": f"keras {keras.__version__} (TensorFlow backend, tensorflow {tf.__version__})",
        "preset": PRESET, "option": option, "problem": problem_name, "dtype": dtype,
        "framework_call": call, "hyperparameters": cell["hp"], "schedule": cell["details"],
        "seed": seed, "notes": "; ".join(notes),
        "parameter_names": prob.names, "shapes": prob.shapes,
        "initial": [C.to_json(p, dtype) for p in prob.initial],
        "data": prob.data_json(), "steps": steps, "_clip_count": cnt,
    }


def docstring_check():
    """The example in keras.optimizers.RMSprop's docstring."""
    keras.config.set_floatx("float32")
    opt = keras.optimizers.RMSprop(learning_rate=0.1)
    var1 = keras.Variable(10.0)
    with tf.GradientTape() as tape:
        loss = (var1 ** 2) / 2.0
    grad = tape.gradient(loss, [var1])
    opt.apply_gradients(zip(grad, [var1]))
    return float(var1.numpy())


def main():
    v = docstring_check()
    print(f"keras docstring check: var=10, lr=0.1, loss=var^2/2 -> {v:.6f} (repr {v!r}); expected 9.683772")
    cells = []
    for option in OPTIONS:
        if option in UNSUPPORTED:
            cells.append(C.unsupported(PRESET, option, UNSUPPORTED[option]))
            continue
        for problem in C.PROBLEMS:
            cells += C.record_both_dtypes(run_cell, PRESET, option, problem,
                                          option in ("clip_gradient", "clip_norm", "everything"))
    C.write_manifest(PRESET, "keras", keras.__version__, cells,
                     {"backend": "tensorflow", "tensorflow": tf.__version__,
                      "docstring_check": {"var": 10.0, "learning_rate": 0.1, "loss": "var**2/2",
                                          "after_one_step": v, "expected": 9.683772},
                      "python": sys.version.split()[0], "numpy": np.__version__})
    print(f"{PRESET}: {sum('file' in c for c in cells)} files")


if __name__ == "__main__":
    main()
