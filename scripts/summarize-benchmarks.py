#!/usr/bin/env python3
"""Turns a results folder of scripts/run-benchmarks.sh into the tables of BENCHMARKS.md.

    python3 scripts/summarize-benchmarks.py RESULTS_DIR [--write BENCHMARKS.md]

Without --write the tables are printed. With it, they replace the text between
`<!-- results:begin -->` and `<!-- results:end -->` in the given file.
"""
import json
import os
import re
import statistics
import sys
from collections import defaultdict

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"


def load(folder):
    runs = defaultdict(list)
    with open(os.path.join(folder, "results.jsonl")) as lines:
        for line in lines:
            entry = json.loads(line)
            runs[(entry["case"], entry["impl"])].append(entry["result"])
    return runs


def median(runs, case, impl, key="ns_per_param"):
    values = [r[key] for r in runs.get((case, impl), []) if key in r]
    return statistics.median(values) if values else None


def fmt(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def verdict(value, target):
    if value is None:
        return "not measured"
    return "met" if value >= target else "**not met**"


def tables(folder):
    runs = load(folder)
    out = []
    env_path = os.path.join(folder, "environment.txt")
    if os.path.exists(env_path):
        out.append("Machine and versions of this run:\n")
        out += [f"- {line.strip()}" for line in open(env_path) if line.strip()]
        out.append("")
    rounds = max((len(v) for v in runs.values()), default=0)
    out.append(f"Medians of {rounds} interleaved rounds (each itself the median of 5–50 timed steps). "
               "ns/param: lower is better; GB/s at the bytes the step must move (20 per parameter "
               "for plain RMSProp on Float).\n")

    # Head to head.
    out.append("### One RMSProp step, head to head\n")
    out.append("| case | threads | Swift (d2l bench) | C gcc -O3 | C -march=native | Optax jit+donate | torch.optim.RMSprop |")
    out.append("|---|---|---|---|---|---|---|")
    for size in ("5e7", "2000x1000"):
        for t in ("1", "2"):
            case = f"{size}/{t}"
            cells = []
            for impl in ("swift", "c", "c-native", "optax", "torch"):
                ns = median(runs, case, impl)
                gb = median(runs, case, impl, "gb_per_s")
                cells.append("—" if ns is None else f"{ns:.3f} ns · {gb:.1f} GB/s")
            out.append(f"| {size.replace('x', ' × ')} Float | {t} | " + " | ".join(cells) + " |")
    for t in ("1", "2"):
        ns = median(runs, f"2000x1000/{t}", "swift-tensors")
        c = median(runs, f"2000x1000/{t}", "c-per-tensor")
        out.append(f"| 2000 × 1000, one call per tensor | {t} | {fmt(ns)} ns (`--layout tensors`) | {fmt(c)} ns (2000 calls) | | | |")
    for case in ("5e7/default", "2000x1000/default"):
        entries = runs.get((case, "torch"), [])
        if entries:
            out.append(f"| torch with its default threads ({entries[0]['threads']}), {case.split('/')[0].replace('x', ' × ')} | "
                       f"{entries[0]['threads']} | | | | | {fmt(median(runs, case, 'torch'))} ns |")
    out.append("")

    # Targets.
    out.append("### Against the issue's targets\n")
    out.append("| target | measured | |")
    out.append("|---|---|---|")
    for t in ("1", "2"):
        swift, c = median(runs, f"5e7/{t}", "swift"), median(runs, f"5e7/{t}", "c")
        r = ratio(c, swift)
        out.append(f"| ≥ 85% of the C loop's speed, 5e7, {t} thread{'s' if t == '2' else ''} | "
                   f"{fmt(None if r is None else 100 * r, 0)}% ({fmt(swift)} vs {fmt(c)} ns/param) | {verdict(r, 0.85)} |")
        native = median(runs, f"5e7/{t}", "c-native")
        r = ratio(native, swift)
        out.append(f"| stretch: the -march=native C loop, 5e7, {t} thread{'s' if t == '2' else ''} | "
                   f"{fmt(None if r is None else 100 * r, 0)}% ({fmt(native)} ns/param) | {verdict(r, 1.0)} |")
    for size, target in (("5e7", 2.0), ("2000x1000", 3.0)):
        for t in ("1", "2"):
            swift, torch = median(runs, f"{size}/{t}", "swift"), median(runs, f"{size}/{t}", "torch")
            r = ratio(torch, swift)
            out.append(f"| ≥ {target:g}× torch, {size.replace('x', ' × ')}, {t} thread{'s' if t == '2' else ''} | "
                       f"{fmt(r, 1)}× | {verdict(r, target)} |")
    for size in ("5e7", "2000x1000"):
        for t in ("1", "2"):
            swift, optax = median(runs, f"{size}/{t}", "swift"), median(runs, f"{size}/{t}", "optax")
            r = ratio(optax, swift)
            out.append(f"| ≥ Optax, {size.replace('x', ' × ')}, {t} thread{'s' if t == '2' else ''} | {fmt(r, 2)}× | {verdict(r, 1.0)} |")
    processes = os.path.join(folder, "processes.json")
    if os.path.exists(processes):
        data = {r["command"]: r for r in json.load(open(processes))["results"]}
        swift, mxnet = data.get("swift"), data.get("mxnet")
        if swift and mxnet:
            r = mxnet["median"] / swift["median"]
            out.append(f"| whole process ≥ 100× faster than MXNet | {r:.0f}× ({swift['median'] * 1e3:.0f} ms vs "
                       f"{mxnet['median'] * 1e3:.0f} ms, medians of {len(swift['times'])} runs) | {verdict(r, 100)} |")
    epochs = os.path.join(folder, "epochs.txt")
    if os.path.exists(epochs):
        seconds = defaultdict(lambda: defaultdict(list))
        for line in open(epochs):
            impl, rest = line.split(" ", 1)
            match = re.search(r"loss: [0-9.]+, ([0-9.]+) sec per epoch", rest)
            if match:
                part = "scratch" if len(seconds[impl]["scratch"]) <= len(seconds[impl]["concise"]) else "concise"
                seconds[impl][part].append(float(match.group(1)))
        for part in ("scratch", "concise"):
            s, m = seconds["swift"][part], seconds["mxnet"][part]
            if s and m:
                r = statistics.median(m) / statistics.median(s)
                out.append(f"| sec per epoch ≥ 1000× lower than MXNet ({'train_ch7' if part == 'scratch' else 'train_gluon_ch7'}) | "
                           f"{r:.0f}× ({statistics.median(s) * 1e3:.2f} ms vs {statistics.median(m) * 1e3:.1f} ms) | {verdict(r, 1000)} |")
    out.append("")

    # Variants, other optimizers, mixed precision.
    out.append("### Every variant and the other optimizers (Swift, 5e7 Float, 2 threads)\n")
    out.append("| step | ns/param | GB/s | bytes/param |")
    out.append("|---|---|---|---|")
    for case, label in [("variant/plain", "RMSProp, the book's rule"), ("variant/centered", "centered"),
                        ("variant/momentum", "momentum 0.9"), ("variant/nesterov", "Nesterov 0.9"),
                        ("variant/eps-outside", "ε outside the root"), ("variant/wd-clip", "weight decay + clip by value"),
                        ("variant/clip-norm", "clip by global norm (one extra read pass)"),
                        ("optimizer/adagrad", "Adagrad"), ("optimizer/adam", "Adam"), ("optimizer/sgd", "SGD")]:
        entries = runs.get((case, "swift"), [])
        if entries:
            out.append(f"| {label} | {fmt(median(runs, case, 'swift'))} | {fmt(median(runs, case, 'swift', 'gb_per_s'), 1)} | "
                       f"{entries[0].get('bytes_per_param', '')} |")
    for t in ("1", "2"):
        entries = runs.get((f"mixed/{t}", "swift"), [])
        if entries:
            out.append(f"| mixed precision (Float16 parameters, Float master and state), {t} thread{'s' if t == '2' else ''} | "
                       f"{fmt(median(runs, f'mixed/{t}', 'swift'))} | {fmt(median(runs, f'mixed/{t}', 'swift', 'gb_per_s'), 1)} | "
                       f"{entries[0].get('bytes_per_param', '')} |")
    out.append("")

    suite = os.path.join(folder, "suite.md")
    if os.path.exists(suite) and os.path.getsize(suite) > 0:
        out.append("### The Benchmarks/ suite (ordo-one/benchmark), with malloc counts\n")
        out.append(summarize_suite(open(suite).read()))
    return "\n".join(out).rstrip() + "\n"


def summarize_suite(text):
    """One row per benchmark: p50 of time, GB/s, ps/param and mallocs (per run or per step for training)."""
    rows = ["| benchmark | time p50 | GB/s p50 | ps/param p50 | mallocs p50 |", "|---|---|---|---|---|"]
    name = None
    values = {}

    def flush():
        if name and values:
            mallocs = values.get("malloc", "—")
            if name.startswith("train") and mallocs != "—":
                if "minibatch step" in name:
                    mallocs = f"{mallocs} per step"
                else:
                    mallocs = f"{mallocs} per run of one epoch, all in setting it up (see the minibatch steps)"
            rows.append(f"| {name} | {values.get('time', '—')} | {values.get('gb', '—')} | {values.get('ps', '—')} | {mallocs} |")

    for line in text.splitlines():
        heading = re.match(r"^###\s+(.*\S)\s*$", line)
        if heading:
            flush()
            name, values = heading.group(1).strip(), {}
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and name:
            metric = cells[0]
            p50 = cells[3]
            if metric.startswith("Time (wall clock)"):
                unit = re.search(r"\((\w+)\)\s*\*?$", metric)
                values["time"] = f"{p50} {unit.group(1) if unit else ''}".strip()
            elif metric.startswith("GB/s"):
                # The metric is MB/s (GB/s × 1000); the harness may print it in thousands (K).
                try:
                    number = float(p50.replace(",", ""))
                    values["gb"] = f"{number:.0f}" if "(K)" in metric else f"{number / 1000:.1f}"
                except ValueError:
                    values["gb"] = p50
            elif metric.startswith("ps/param"):
                values["ps"] = p50
            elif metric.startswith("Malloc (total)"):
                try:
                    number = float(p50.replace(",", ""))
                    values["malloc"] = f"{number * (1000 if '(K)' in metric else 1):.0f}"
                except ValueError:
                    values["malloc"] = p50
    flush()
    return "\n".join(rows) + "\n"


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    text = tables(sys.argv[1])
    if len(sys.argv) >= 4 and sys.argv[2] == "--write":
        path = sys.argv[3]
        document = open(path).read()
        if BEGIN not in document or END not in document:
            sys.exit(f"{path} lacks the {BEGIN} … {END} markers")
        before, rest = document.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        with open(path + ".tmp", "w") as file:
            file.write(before + BEGIN + "\n" + text + END + after)
        os.replace(path + ".tmp", path)
        print(f"wrote the tables into {path}")
    else:
        print(text)


if __name__ == "__main__":
    main()
