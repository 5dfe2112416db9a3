#!/usr/bin/env bash
# Times the RMSProp step with 8-bit state side by side with the Float-state step and with
# bitsandbytes' CPU RMSprop8bit, and prints the table of BENCHMARKS.md's 8-bit section with the
# verdict on each target:
#
#   * `d2l bench --state-precision float32|8bit` on 1 and 2 threads (plain RMSProp, one tensor);
#   * Benchmarks/Reference/bnb_rmsprop8bit.py on 2 threads, from the venv .venv-bnb (created
#     here with torch and bitsandbytes when missing).
#
# The three run in interleaved rounds, so that a busy moment of the machine does not favour one
# of them; the table shows each one's median and range.
#
# usage: scripts/run-8bit-benchmarks.sh [--rounds N] [--params N]
#   --rounds N   rounds (default 5)
#   --params N   parameters in the tensor (default 50000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

ROUNDS=5
PARAMS=50000000
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --params) PARAMS="$2"; shift 2 ;;
        -h|--help) sed -n 2,15p "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
for value in "$ROUNDS" "$PARAMS"; do
    case "$value" in ''|*[!0-9]*|0) echo "--rounds and --params take positive integers" >&2; exit 64 ;; esac
done

# shellcheck source=benchmark-results.sh
. scripts/benchmark-results.sh
results_folder results-8bit

VENV="$ROOT/.venv-bnb"
if ! "$VENV/bin/python" -c 'import torch, bitsandbytes' 2>/dev/null; then
    log "creating $VENV with torch and bitsandbytes (pip)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q torch bitsandbytes
fi
build_d2l

# record IMPLEMENTATION THREADS COMMAND...: appends COMMAND's JSON line for IMPLEMENTATION.
record() {
    local impl="$1" threads="$2"
    shift 2
    local output line
    if output=$("$@" 2>>"$OUT/stderr.log") && line=$(printf '%s\n' "$output" | grep -m 1 '^{"'); then
        printf '{"impl": "%s", "threads": %s, "result": %s}\n' "$impl" "$threads" "$line" >> "$RESULTS"
    else
        log "failed: $impl on $threads threads ($*)"
    fi
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for t in 1 2; do
        for precision in float32 8bit; do
            record "$precision" "$t" "$D2L" bench --params "$PARAMS" --threads "$t" --steps 9 --state-precision "$precision" --format json
        done
    done
    record bitsandbytes 2 "$VENV/bin/python" Benchmarks/Reference/bnb_rmsprop8bit.py --params "$PARAMS" --steps 3 --threads 2
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$RESULTS" "$PARAMS" "$LOAD_BEFORE" "$LOAD_AFTER" "$("$VENV/bin/python" -c 'import bitsandbytes, torch; print(bitsandbytes.__version__, torch.__version__)' 2>/dev/null)" <<'EOF'
import json
import statistics
import sys

path, params, load_before, load_after, versions = sys.argv[1:6]
runs = {}
for line in open(path):
    entry = json.loads(line)
    runs.setdefault((entry["impl"], entry["threads"]), []).append(entry["result"])


def times(impl, threads):
    return [r["ns_per_param"] for r in runs.get((impl, threads), [])]


def median(impl, threads):
    values = times(impl, threads)
    return statistics.median(values) if values else None


def cell(impl, threads):
    values = times(impl, threads)
    if not values:
        return "—"
    return f"{statistics.median(values):.3f} [{min(values):.3f}–{max(values):.3f}]"


def verdict(ratio, target):
    return "—" if ratio is None else ("met" if ratio >= target else "**not met**")


bnb_version, torch_version = (versions.split() + ["?", "?"])[:2]
print(f"{params} parameters, medians [ranges] of {max(map(len, runs.values()), default=0)} interleaved rounds, "
      f"load average {load_before} before and {load_after} after; bitsandbytes {bnb_version}, torch {torch_version}.\n")
print("| step | threads | ns/param | bytes moved per param | state bytes per element |")
print("|---|---|---|---|---|")
for impl, label in (("float32", "Swift, Float state"), ("8bit", "Swift, 8-bit state")):
    for threads in (1, 2):
        first = runs.get((impl, threads), [{}])[0]
        print(f"| {label} | {threads} | {cell(impl, threads)} | {first.get('bytes_per_param', '—')} | "
              f"{first.get('state_bytes_per_param', '—')} |")
print(f"| bitsandbytes `RMSprop8bit` (CPU) | 2 | {cell('bitsandbytes', 2)} | | |")
print()

eight = runs.get(("8bit", 2), [{}])[0]
rows = []
for threads, target in ((2, 1.25), (1, 1.0)):
    float_ns, eight_ns = median("float32", threads), median("8bit", threads)
    ratio = float_ns / eight_ns if float_ns and eight_ns else None
    rows.append((f"≥ {target:g}× the Float step's speed, {threads} thread{'s' if threads == 2 else ''}",
                 "—" if ratio is None else f"{ratio:.2f}× ({eight_ns:.3f} vs {float_ns:.3f} ns)", verdict(ratio, target)))
bnb_ns, eight_ns = median("bitsandbytes", 2), median("8bit", 2)
ratio = bnb_ns / eight_ns if bnb_ns and eight_ns else None
rows.append(("≥ 30× bitsandbytes' RMSprop8bit, 2 threads",
             "—" if ratio is None else f"{ratio:.1f}× ({eight_ns:.3f} vs {bnb_ns:.2f} ns)", verdict(ratio, 30)))
moved = eight.get("bytes_per_param")
rows.append(("≤ 14.1 bytes moved per parameter", str(moved), verdict(None if moved is None else 14.1 / moved, 1)))
state = eight.get("state_bytes_per_param")
rows.append(("≤ 1.02 bytes per state element", str(state), verdict(None if state is None else 1.02 / state, 1)))
print("| target | measured (medians) | |")
print("|---|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
EOF
log "raw results in $OUT"
