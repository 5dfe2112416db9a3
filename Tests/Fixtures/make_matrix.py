"""Builds matrix.json: every preset × option × scalar type of the project, each naming the
fixture recorded from that framework's own optimizer, or why the framework cannot express it.

Run from this folder after the recorders (optimizers/record_*.py, mxnet/record_optimizer.py):
    python3 make_matrix.py
"""
import json

DTYPES = ["float32", "float64"]
OPTIONS = [
    "plain", "eps_inside", "eps_outside", "centered", "momentum", "centered_momentum", "nesterov",
    "weight_decay", "decoupled_weight_decay", "rescale_grad", "clip_gradient", "clip_norm", "clip_weights",
    "maximize", "initial_accumulator", "bias_correction", "bias_correction_eps_outside",
    "schedule_step", "schedule_multistep", "schedule_exponential", "schedule_cosine", "schedule_warmup",
    "momentum_schedule", "lr_wd_mult", "param_groups", "everything",
]
# MXNet cells are named after MXNet's own features; these map them onto the project's options.
MXNET_NAMES = {"warmup_cosine": "schedule_warmup", "combined": "everything", "warmup": "warmup_step"}
MXNET_UNSUPPORTED = {
    "eps_inside": "the fused operators have one placement (inside); 'plain' covers it",
    "eps_outside": "the fused operators put eps inside the square root only",
    "momentum": "gamma2 acts only when centered; the preset refuses momentum without centered",
    "centered_momentum": "centered RMSProp always has momentum gamma2: the 'centered' cell",
    "nesterov": "MXNet's RMSProp has no Nesterov momentum",
    "decoupled_weight_decay": "MXNet's RMSProp adds wd to the gradient (coupled) only",
    "clip_norm": "no global-norm clipping in the optimizer",
    "maximize": "MXNet's optimizers have no maximize",
    "initial_accumulator": "the state always starts at 0",
    "bias_correction": "MXNet's RMSProp has no bias correction",
    "bias_correction_eps_outside": "MXNet's RMSProp has no bias correction",
    "momentum_schedule": "momentum needs centered; the schedule cells cover the lr path",
    "param_groups": "MXNet has per-parameter multipliers instead: the 'lr_wd_mult' cell",
}
OTHERS_UNSUPPORTED = {
    "rescale_grad": "no gradient rescaling in this optimizer",
    "clip_weights": "no weight clipping in this optimizer",
    "lr_wd_mult": "no per-parameter multipliers; see 'param_groups'",
}


def cells_of(manifest, prefix, rename=None):
    cells = {}
    for cell in manifest["cells"]:
        option = (rename or {}).get(cell["option"], cell["option"])
        if "file" in cell:
            key = (option, cell["dtype"])
            if not isinstance(cells.get(key), list):
                cells[key] = []
            cells[key].append(prefix + cell["file"])
        else:
            for dtype in DTYPES:
                cells.setdefault((option, dtype), cell["unsupported"])
    return cells


def main():
    matrix = {"options": OPTIONS, "dtypes": DTYPES, "presets": {}}
    sources = {p: cells_of(json.load(open(f"optimizers/{p}/manifest.json")), "optimizers/")
               for p in ["pytorch", "optax", "keras", "tensorflow1"]}
    sources["mxnet"] = cells_of(json.load(open("mxnet/optimizer-manifest.json")), "mxnet/", MXNET_NAMES)
    for preset, cells in sources.items():
        unsupported = MXNET_UNSUPPORTED if preset == "mxnet" else OTHERS_UNSUPPORTED
        rows = {}
        for option in OPTIONS + sorted({o for o, _ in cells} - set(OPTIONS)):
            for dtype in DTYPES:
                found = cells.get((option, dtype), unsupported.get(option))
                if found is None:
                    raise SystemExit(f"{preset} {option} {dtype}: no fixture and no reason")
                rows[f"{option}/{dtype}"] = {"files": sorted(found)} if isinstance(found, list) else {"unsupported": found}
        matrix["presets"][preset] = rows
    with open("matrix.json", "w") as out:
        json.dump(matrix, out, indent=1, sort_keys=True)
        out.write("\n")


main()
