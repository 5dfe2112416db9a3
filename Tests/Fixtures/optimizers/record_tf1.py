"""Record tf.compat.v1.train.RMSPropOptimizer trajectories (preset "tensorflow1").

Run:  .venv-tf/bin/python Tests/Fixtures/optimizers/record_tf1.py
Graph mode (a tf.Graph and a tf.compat.v1.Session per cell), resource variables
of the cell's dtype, gradients fed through placeholders:
    train = opt.apply_gradients(zip(grad_placeholders, vars), global_step=gs)
    sess.run([train, lr], feed_dict={...})  (lr: the learning-rate tensor used)
Hyperparameters are passed as Python floats, as a TF1 user would.
"""

import os
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import common as C  # noqa: E402

PRESET = "tensorflow1"
v1 = tf.compat.v1

OPTIONS = ["plain", "eps_outside", "eps_inside", "centered", "momentum", "centered_momentum",
           "momentum_schedule", "nesterov", "weight_decay", "decoupled_weight_decay",
           "clip_gradient", "clip_norm", "maximize", "initial_accumulator", "bias_correction",
           "bias_correction_eps_outside", "schedule_step", "schedule_multistep",
           "schedule_exponential", "schedule_cosine", "schedule_warmup", "param_groups", "everything"]

UNSUPPORTED = {
    "eps_outside": "RMSPropOptimizer always adds epsilon inside the square root",
    "eps_inside": "RMSPropOptimizer has one fixed eps placement (inside the square root): the plain cell covers it",
    "nesterov": "RMSPropOptimizer has no Nesterov momentum",
    "weight_decay": "RMSPropOptimizer has no weight decay (TF1 users add an L2 term to the loss)",
    "decoupled_weight_decay": "RMSPropOptimizer has no weight decay",
    "maximize": "RMSPropOptimizer has no maximize option",
    "initial_accumulator": "RMSPropOptimizer always starts the mean square ('rms' slot) at 1.0: every cell shows it",
    "bias_correction": "RMSPropOptimizer has no bias correction",
    "bias_correction_eps_outside": "RMSPropOptimizer has no bias correction",
    "schedule_warmup": "TF1 (tf.compat.v1.train) has no warmup schedule",
    "param_groups": "RMSPropOptimizer has no parameter groups",
}


def r(v):
    return repr(v)


def make_schedule(det, lr, gs):
    k = det["kind"]
    T = v1.train
    if k == "step":
        return (T.exponential_decay(lr, gs, decay_steps=det["every"], decay_rate=det["factor"], staircase=True),
                f"tf.compat.v1.train.exponential_decay({r(lr)}, global_step, decay_steps={det['every']}, decay_rate={r(det['factor'])}, staircase=True)")
    if k == "multistep":
        f = det["factor"]
        values = [lr, lr * f, lr * f * f]
        det["values"] = values
        return (T.piecewise_constant(gs, boundaries=det["milestones"], values=values),
                f"tf.compat.v1.train.piecewise_constant(global_step, boundaries={det['milestones']}, values={values!r})")
    if k == "exponential":
        return (T.exponential_decay(lr, gs, decay_steps=1, decay_rate=det["factor"]),
                f"tf.compat.v1.train.exponential_decay({r(lr)}, global_step, decay_steps=1, decay_rate={r(det['factor'])})")
    if k == "cosine":
        alpha = det["min_lr"] / lr
        det["alpha"] = alpha
        return (T.cosine_decay(lr, gs, decay_steps=det["total"], alpha=alpha),
                f"tf.compat.v1.train.cosine_decay({r(lr)}, global_step, decay_steps={det['total']}, alpha={r(alpha)})")
    raise ValueError(k)


def run_cell(option, problem_name, dtype, attempt=0):
    seed, rng = C.cell_rng(PRESET, option, problem_name, attempt)
    d = C.Draw(rng)
    prob = C.Problem(problem_name, dtype)
    tdt = {"float32": tf.float32, "float64": tf.float64}[dtype]
    lr, rho, eps = d.lr(), d.decay(), d.eps()
    kw = {"decay": rho, "epsilon": eps}
    hp = {"lr": lr, "gamma": rho, "eps": eps, "eps_placement": "inside", "initial_accumulator": 1.0}
    details, clip = None, None
    if option in ("centered", "centered_momentum", "everything"):
        kw["centered"] = True
        hp["centered"] = True
    if option in ("momentum", "centered_momentum", "momentum_schedule", "everything"):
        m = d.momentum()
        kw["momentum"] = m
        hp["momentum"] = m
    if option == "clip_gradient":
        clip = ("value", d.clip())
        hp["clip_gradient"] = clip[1]
    if option in ("clip_norm", "everything"):
        clip = ("norm", d.clip())
        hp["clip_norm"] = clip[1]

    g = tf.Graph()
    with g.as_default():
        gs = v1.train.get_or_create_global_step()
        variables = [v1.get_variable(n, initializer=tf.constant(p), dtype=tdt, use_resource=True)
                     for p, n in zip(prob.initial, prob.names)]
        phs = [v1.placeholder(tdt, shape=p.shape, name=f"grad_{n}") for p, n in zip(prob.initial, prob.names)]
        learning_rate, lr_call = lr, r(lr)
        if option.startswith("schedule_") or option == "momentum_schedule":
            kind = "exponential" if option == "momentum_schedule" else option[len("schedule_"):]
            shp, details = C.draw_schedule(d, kind, lr)
            hp.update(shp)
            learning_rate, lr_call = make_schedule(details, lr, gs)
        opt = v1.train.RMSPropOptimizer(learning_rate, **kw)
        call = f"tf.compat.v1.train.RMSPropOptimizer(learning_rate={lr_call}, {', '.join(f'{k}={r(v)}' for k, v in kw.items())})"
        grads_in = phs
        if clip is not None:
            if clip[0] == "value":
                grads_in = [tf.clip_by_value(t, -clip[1], clip[1]) for t in phs]
                call = f"grads = [tf.clip_by_value(g, {r(-clip[1])}, {r(clip[1])}) for g in grads]; " + call
            else:
                grads_in, _ = tf.clip_by_global_norm(phs, clip[1])
                call = f"grads, _ = tf.clip_by_global_norm(grads, {r(clip[1])}); " + call
        train = opt.apply_gradients(list(zip(grads_in, variables)), global_step=gs)
        lr_used = tf.cast(opt._learning_rate_tensor, tdt)   # the value the kernel receives
        call += "; train = opt.apply_gradients(zip(grads, vars), global_step=global_step); graph mode, resource variables"
        init = v1.global_variables_initializer()
        rms_slots = [opt.get_slot(v, "rms") for v in variables]
    steps, raw = [], []
    with v1.Session(graph=g, config=v1.ConfigProto(intra_op_parallelism_threads=1,
                                                    inter_op_parallelism_threads=1)) as sess:
        sess.run(init)
        rms0 = sess.run(rms_slots)
        assert all(np.all(x == 1.0) for x in rms0), "TF1 rms slot should start at 1.0"
        for k in range(C.STEPS):
            cur = sess.run(variables)
            grads = prob.grads(cur)
            assert int(sess.run(gs)) == k
            _, lr_v = sess.run([train, lr_used], feed_dict=dict(zip(phs, grads)))
            after = [np.asarray(a) for a in sess.run(variables)]
            assert all(a.dtype == prob.dtype for a in after)
            C.check_finite(after)
            raw.append(grads)
            steps.append({"gradients": [C.to_json(x, dtype) for x in grads],
                          "parameters": [C.to_json(a, dtype) for a in after],
                          "lr": float(lr_v)})
    notes, cnt = [], None
    if clip is not None:
        cnt = (C.clip_count_value if clip[0] == "value" else C.clip_count_norm)(raw, clip[1])
        notes.append(f"clipping active on {cnt} of {C.STEPS} steps (judged on the raw gradient)")
    notes.append("Python-float hyperparameters become float32 tensors, then are cast to the variable dtype")
    return {
        "framework": "tensorflow", "framework_version": f"tensorflow {tf.__version__} (tf.compat.v1)",
        "preset": PRESET, "option": option, "problem": problem_name, "dtype": dtype,
        "framework_call": call, "hyperparameters": hp, "schedule": details,
        "seed": seed, "notes": "; ".join(notes),
        "parameter_names": prob.names, "shapes": prob.shapes,
        "initial": [C.to_json(p, dtype) for p in prob.initial],
        "data": prob.data_json(), "steps": steps, "_clip_count": cnt,
    }


def main():
    cells = []
    for option in OPTIONS:
        if option in UNSUPPORTED:
            cells.append(C.unsupported(PRESET, option, UNSUPPORTED[option]))
            continue
        for problem in C.PROBLEMS:
            cells += C.record_both_dtypes(run_cell, PRESET, option, problem,
                                          option in ("clip_gradient", "clip_norm", "everything"))
    C.write_manifest(PRESET, "tensorflow", tf.__version__, cells,
                     {"api": "tf.compat.v1.train.RMSPropOptimizer, graph mode",
                      "python": sys.version.split()[0], "numpy": np.__version__})
    print(f"{PRESET}: {sum('file' in c for c in cells)} files")


if __name__ == "__main__":
    main()
