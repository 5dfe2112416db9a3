"""Record torch.optim.RMSprop trajectories (preset "pytorch").

Run:  .venv-ref/bin/python Tests/Fixtures/optimizers/record_torch.py
Each step: gradient computed in numpy (common.Problem) -> p.grad -> optional
torch.nn.utils clipping -> optimizer.step() -> scheduler.step().
"""

import sys
import warnings

import numpy as np
import torch

import common as C

PRESET = "pytorch"
warnings.filterwarnings("ignore", category=UserWarning)
torch.set_num_threads(1)

OPTIONS = ["plain", "eps_outside", "eps_inside", "centered", "momentum", "centered_momentum",
           "momentum_schedule", "nesterov", "weight_decay", "decoupled_weight_decay", "clip_gradient", "clip_norm",
           "maximize", "initial_accumulator", "bias_correction", "bias_correction_eps_outside",
           "schedule_step", "schedule_multistep", "schedule_exponential", "schedule_cosine",
           "schedule_warmup", "param_groups", "everything"]

UNSUPPORTED = {
    "eps_outside": "torch.optim.RMSprop has one fixed eps placement, outside the square root: the plain cell covers it",
    "eps_inside": "torch.optim.RMSprop always adds eps outside the square root (sqrt(v) + eps)",
    "nesterov": "torch.optim.RMSprop has no Nesterov momentum",
    "decoupled_weight_decay": "torch.optim.RMSprop only has coupled L2 weight decay (grad += wd * p)",
    "initial_accumulator": "torch.optim.RMSprop always starts square_avg at 0",
    "bias_correction": "torch.optim.RMSprop has no bias correction",
    "bias_correction_eps_outside": "torch.optim.RMSprop has no bias correction",
}


def fmt_kwargs(kw):
    return ", ".join(f"{k}={v!r}" for k, v in kw.items())


def build(option, problem, d):
    """Return a dict describing the cell: kwargs, hyperparameters, clip, schedule, groups."""
    lr, alpha, eps = d.lr(), d.decay(), d.eps()
    kw = {"lr": lr, "alpha": alpha, "eps": eps}
    hp = {"lr": lr, "gamma": alpha, "eps": eps, "eps_placement": "outside"}
    cell = {"kw": kw, "hp": hp, "clip": None, "sched": None, "groups": None, "details": None}
    if option in ("centered", "centered_momentum", "everything"):
        kw["centered"] = True
        hp["centered"] = True
    if option in ("momentum", "centered_momentum", "momentum_schedule", "everything"):
        m = d.momentum()
        kw["momentum"] = m
        hp["momentum"] = m
    if option in ("weight_decay", "everything", "param_groups"):
        wd = d.weight_decay()
        kw["weight_decay"] = wd
        hp["weight_decay"] = wd
    if option in ("maximize", "everything"):
        kw["maximize"] = True
        hp["maximize"] = True
    if option == "clip_gradient":
        c = d.clip()
        cell["clip"] = ("value", c)
        hp["clip_gradient"] = c
    if option in ("clip_norm", "everything"):
        c = d.clip()
        cell["clip"] = ("norm", c)
        hp["clip_norm"] = c
    if option == "param_groups":
        blr, bwd = d.lr(), d.weight_decay()
        cell["groups"] = {"lr": blr, "weight_decay": bwd}
        hp["param_groups"] = [{"parameters": ["b"], "lr": blr, "weight_decay": bwd}]
    if option.startswith("schedule_") or option == "momentum_schedule":
        kind = "exponential" if option == "momentum_schedule" else option[len("schedule_"):]
        shp, det = C.draw_schedule(d, kind, lr)
        hp.update(shp)
        cell["sched"] = det
        cell["details"] = det
    return cell


def make_scheduler(opt, det):
    k = det["kind"]
    if k == "step":
        return (torch.optim.lr_scheduler.StepLR(opt, step_size=det["every"], gamma=det["factor"]),
                f"torch.optim.lr_scheduler.StepLR(opt, step_size={det['every']}, gamma={det['factor']!r})")
    if k == "multistep":
        return (torch.optim.lr_scheduler.MultiStepLR(opt, milestones=det["milestones"], gamma=det["factor"]),
                f"torch.optim.lr_scheduler.MultiStepLR(opt, milestones={det['milestones']}, gamma={det['factor']!r})")
    if k == "exponential":
        return (torch.optim.lr_scheduler.ExponentialLR(opt, gamma=det["factor"]),
                f"torch.optim.lr_scheduler.ExponentialLR(opt, gamma={det['factor']!r})")
    if k == "cosine":
        return (torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=det["total"], eta_min=det["min_lr"]),
                f"torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max={det['total']}, eta_min={det['min_lr']!r})")
    if k == "warmup+cosine":
        w = det["warmup"]
        start = 1.0 / w
        det["start_factor"] = start
        lin = torch.optim.lr_scheduler.LinearLR(opt, start_factor=start, end_factor=1.0, total_iters=w)
        cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=det["total"], eta_min=det["min_lr"])
        seq = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[lin, cos], milestones=[w])
        return (seq, f"torch.optim.lr_scheduler.SequentialLR(opt, schedulers=["
                     f"LinearLR(opt, start_factor={start!r}, end_factor=1.0, total_iters={w}), "
                     f"CosineAnnealingLR(opt, T_max={det['total']}, eta_min={det['min_lr']!r})], milestones=[{w}])")
    raise ValueError(k)


def run_cell(option, problem_name, dtype, attempt=0):
    seed, rng = C.cell_rng(PRESET, option, problem_name, attempt)
    d = C.Draw(rng)
    prob = C.Problem(problem_name, dtype)
    tdt = {"float32": torch.float32, "float64": torch.float64}[dtype]
    params = [torch.nn.Parameter(torch.tensor(p.copy(), dtype=tdt)) for p in prob.initial]
    cell = build(option, problem_name, d)
    kw = cell["kw"]
    names = prob.names
    if cell["groups"] is not None:
        gw = {"params": [params[0]]}
        gb = {"params": [params[1]], **cell["groups"]}
        opt = torch.optim.RMSprop([gw, gb], **kw)
        call = (f"torch.optim.RMSprop([{{'params': [w]}}, {{'params': [b], {fmt_kwargs(cell['groups'])}}}], "
                f"{fmt_kwargs(kw)})")
    else:
        opt = torch.optim.RMSprop(params, **kw)
        call = f"torch.optim.RMSprop([{', '.join(names)}], {fmt_kwargs(kw)})"
    sched = None
    if cell["sched"] is not None:
        sched, scall = make_scheduler(opt, cell["sched"])
        call += f"; sched = {scall}; per step: opt.step(); sched.step()"
    clip = cell["clip"]
    if clip is not None:
        kind, c = clip
        if kind == "value":
            call = f"torch.nn.utils.clip_grad_value_([{', '.join(names)}], clip_value={c!r}) before each opt.step(); " + call
        else:
            call = f"torch.nn.utils.clip_grad_norm_([{', '.join(names)}], max_norm={c!r}) before each opt.step(); " + call

    steps, raw = [], []
    for k in range(C.STEPS):
        cur = [p.detach().numpy() for p in params]
        grads = prob.grads(cur)
        for p, g in zip(params, grads):
            p.grad = torch.tensor(g.copy(), dtype=tdt)
        if clip is not None:
            if clip[0] == "value":
                torch.nn.utils.clip_grad_value_(params, clip_value=clip[1])
            else:
                torch.nn.utils.clip_grad_norm_(params, max_norm=clip[1])
        lrs = [float(g["lr"]) for g in opt.param_groups]
        opt.step()
        if sched is not None:
            sched.step()
        after = [p.detach().numpy().copy() for p in params]
        C.check_finite(after)
        raw.append(grads)
        rec = {"gradients": [C.to_json(g, dtype) for g in grads],
               "parameters": [C.to_json(a, dtype) for a in after],
               "lr": lrs[0]}
        if len(lrs) > 1:
            rec["group_lrs"] = lrs
        steps.append(rec)

    notes = []
    cnt = None
    if clip is not None:
        cnt = (C.clip_count_value if clip[0] == "value" else C.clip_count_norm)(raw, clip[1])
        notes.append(f"clipping active on {cnt} of {C.STEPS} steps (judged on the raw gradient)")
    return {
        "framework": "torch", "framework_version": torch.__version__,
        "preset": PRESET, "option": option, "problem": problem_name, "dtype": dtype,
        "framework_call": call, "hyperparameters": cell["hp"], "schedule": cell["details"],
        "seed": seed, "notes": "; ".join(notes) or None,
        "parameter_names": names, "shapes": prob.shapes,
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
            if option == "param_groups" and problem == "quadratic2d":
                cells.append(C.unsupported(PRESET, option, "needs two parameters; recorded on linreg only", problem))
                continue
            cells += C.record_both_dtypes(run_cell, PRESET, option, problem,
                                          option in ("clip_gradient", "clip_norm", "everything"))
    C.write_manifest(PRESET, "torch", torch.__version__, cells,
                     {"python": sys.version.split()[0], "numpy": np.__version__})
    print(f"{PRESET}: {sum('file' in c for c in cells)} files")


if __name__ == "__main__":
    main()
