#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md side by side on this machine and writes its tables:
#
#   * `d2l bench` (the library's kernels, through Optimizer.step) for RMSProp and friends;
#   * the C reference loop (Benchmarks/Reference/rmsprop_reference.c), built here with
#     gcc -O3 -fno-math-errno, without and with -march=native, OpenMP for 2 threads;
#   * torch.optim.RMSprop (default settings) and Optax's jit-compiled rmsprop with buffer
#     donation, from the venv .venv-bench (created here when missing);
#   * the whole `d2l rmsprop --no-plots` process against the book's MXNet code of the section
#     (Benchmarks/Reference/mxnet_section.py, run with .venv-mxnet) under hyperfine;
#   * the ordo-one/benchmark suite of Benchmarks/ (times, GB/s and malloc counts).
#
# Each measurement is repeated --rounds times, the implementations interleaved round by round
# so that a busy moment of the machine does not favour one of them; the tables show medians.
#
# usage: scripts/run-benchmarks.sh [--rounds N] [--skip-suite] [--skip-mxnet] [--no-write]
#   --rounds N     repetitions of every head-to-head measurement (default 5)
#   --skip-suite   leave out the ordo-one/benchmark suite (it takes a few minutes)
#   --skip-mxnet   leave out the process comparison with MXNet
#   --no-write     print the tables instead of writing them into BENCHMARKS.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

ROUNDS=5
SUITE=1
MXNET=1
WRITE=1
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2 ;;
        --skip-suite) SUITE=0; shift ;;
        --skip-mxnet) MXNET=0; shift ;;
        --no-write) WRITE=0; shift ;;
        -h|--help) sed -n 2,22p "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
    esac
done
case "$ROUNDS" in ''|*[!0-9]*|0) echo "--rounds takes a positive integer" >&2; exit 64 ;; esac

# shellcheck source=benchmark-results.sh
. scripts/benchmark-results.sh
results_folder results

# --- Tools -------------------------------------------------------------------------------
command -v gcc >/dev/null || { echo "gcc is needed for the C reference loop" >&2; exit 1; }
if ! command -v hyperfine >/dev/null && [ "$MXNET" = 1 ]; then
    log "installing hyperfine (apt)"
    (apt-get install -y -q hyperfine >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q hyperfine >/dev/null; }) \
        || { log "hyperfine unavailable: skipping the process comparison"; MXNET=0; }
fi
VENV="$ROOT/.venv-bench"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import torch, jax, optax' 2>/dev/null; then
    log "creating $VENV with torch, jax[cpu] and optax (pip)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q torch "jax[cpu]" optax
fi
MXNET_PY="$ROOT/.venv-mxnet/bin/python"
if [ "$MXNET" = 1 ] && ! "$MXNET_PY" -c 'import mxnet' 2>/dev/null; then
    log "no MXNet venv (python3 -m venv .venv-mxnet && .venv-mxnet/bin/pip install mxnet==1.9.1 numpy==1.23.5): skipping it"
    MXNET=0
fi

# --- Builds ------------------------------------------------------------------------------
build_d2l
log "building the C reference loop"
mkdir -p "$SCRATCH/reference"
REF_C="$SCRATCH/reference/rmsprop_c"
REF_NATIVE="$SCRATCH/reference/rmsprop_c_native"
gcc -O3 -fno-math-errno -fopenmp -o "$REF_C" Benchmarks/Reference/rmsprop_reference.c -lm
gcc -O3 -fno-math-errno -march=native -fopenmp -o "$REF_NATIVE" Benchmarks/Reference/rmsprop_reference.c -lm

# record CASE IMPLEMENTATION COMMAND...: runs COMMAND, appends its JSON line tagged.
record() {
    local case="$1" impl="$2"
    shift 2
    local line
    if line=$("$@" 2>>"$OUT/stderr.log" | tail -n 1) && [ -n "$line" ]; then
        printf '{"case": "%s", "impl": "%s", "result": %s}\n' "$case" "$impl" "$line" >> "$RESULTS"
    else
        log "failed: $case / $impl ($*)"
    fi
}

PY="$VENV/bin/python"
PEERS="Benchmarks/Reference/peers.py"
BIG=50000000
SMALL=2000000
TENSORS=2000

# --- Head to head ------------------------------------------------------------------------
for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for t in 1 2; do
        cpus=$([ "$t" = 1 ] && echo 0 || echo 0,1)
        record "5e7/$t" "swift" "$D2L" bench --params $BIG --threads $t --steps 10 --format json
        record "5e7/$t" "c" env OMP_NUM_THREADS=$t OMP_PROC_BIND=false "$REF_C" $BIG 10
        record "5e7/$t" "c-native" env OMP_NUM_THREADS=$t "$REF_NATIVE" $BIG 10
        record "5e7/$t" "optax" taskset -c "$cpus" "$PY" "$PEERS" optax --params $BIG --steps 10
        record "5e7/$t" "torch" "$PY" "$PEERS" torch --params $BIG --steps 5 --threads $t
        record "2000x1000/$t" "swift" "$D2L" bench --params $SMALL --tensors $TENSORS --threads $t --steps 50 --format json
        record "2000x1000/$t" "swift-tensors" "$D2L" bench --params $SMALL --tensors $TENSORS --layout tensors --threads $t --steps 50 --format json
        record "2000x1000/$t" "c" env OMP_NUM_THREADS=$t "$REF_C" $SMALL 50
        record "2000x1000/$t" "c-per-tensor" env OMP_NUM_THREADS=$t "$REF_C" $SMALL 50 $TENSORS
        record "2000x1000/$t" "c-native" env OMP_NUM_THREADS=$t "$REF_NATIVE" $SMALL 50
        record "2000x1000/$t" "optax" taskset -c "$cpus" "$PY" "$PEERS" optax --params $SMALL --tensors $TENSORS --steps 20
        record "2000x1000/$t" "torch" "$PY" "$PEERS" torch --params $SMALL --tensors $TENSORS --steps 20 --threads $t
        record "mixed/$t" "swift" "$D2L" bench --params $BIG --dtype mixed --threads $t --steps 10 --format json
    done
    # torch with its own default thread count, as it ships.
    record "5e7/default" "torch" "$PY" "$PEERS" torch --params $BIG --steps 5
    record "2000x1000/default" "torch" "$PY" "$PEERS" torch --params $SMALL --tensors $TENSORS --steps 20
    # Every variant and the other optimizers, 2 threads.
    for variant in "plain:" "centered:--centered" "momentum:--momentum 0.9" "nesterov:--momentum 0.9 --nesterov" \
        "eps-outside:--eps-placement outside" "wd-clip:--weight-decay 1e-4 --clip-gradient 1" "clip-norm:--clip-norm 1"; do
        # shellcheck disable=SC2086
        record "variant/${variant%%:*}" "swift" "$D2L" bench --params $BIG --threads 2 --steps 10 --format json ${variant#*:}
    done
    for optimizer in adagrad adam sgd; do
        record "optimizer/$optimizer" "swift" "$D2L" bench --optimizer $optimizer --params $BIG --threads 2 --steps 10 --format json
    done
done

# --- Whole processes: d2l rmsprop --no-plots against the book's MXNet code ------------------
if [ "$MXNET" = 1 ]; then
    log "processes: d2l rmsprop --no-plots vs MXNet (hyperfine)"
    hyperfine --warmup 1 --runs 10 --export-json "$OUT/processes.json" \
        -n swift "$D2L rmsprop --no-plots" \
        -n mxnet "$MXNET_PY Benchmarks/Reference/mxnet_section.py" >&2
    for round in $(seq 1 "$ROUNDS"); do
        "$D2L" rmsprop --no-plots | grep 'sec per epoch' | sed 's/^/swift /' >> "$OUT/epochs.txt"
        "$MXNET_PY" Benchmarks/Reference/mxnet_section.py 2>/dev/null | grep 'sec per epoch' | sed 's/^/mxnet /' >> "$OUT/epochs.txt"
    done
fi

# --- The ordo-one/benchmark suite ----------------------------------------------------------
if [ "$SUITE" = 1 ]; then
    log "the Benchmarks/ suite (ordo-one/benchmark)"
    (cd Benchmarks && swift package --disable-sandbox benchmark --no-progress --format markdown) > "$OUT/suite.md" 2>>"$OUT/stderr.log" \
        || log "the suite failed; see $OUT/stderr.log"
fi

# --- Versions, machine, tables -------------------------------------------------------------
{
    echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
    echo "cpu flags: $(lscpu | grep -o 'avx512f\|avx2\|f16c\|fma' | sort -u | tr '\n' ' ')"
    echo "swift: $(swift --version 2>&1 | head -n 1)"
    echo "gcc: $(gcc --version | head -n 1)"
    echo "python peers: $("$PY" -c 'import torch, jax, optax; print("torch", torch.__version__, "· jax", jax.__version__, "· optax", optax.__version__, "· torch threads by default", torch.get_num_threads())')"
    [ "$MXNET" = 1 ] && echo "mxnet: $("$MXNET_PY" -c 'import mxnet; print("mxnet", mxnet.__version__)')"
    command -v hyperfine >/dev/null && echo "hyperfine: $(hyperfine --version)"
    echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/environment.txt"

ARGS=("$OUT")
[ "$WRITE" = 1 ] && ARGS+=(--write BENCHMARKS.md)
python3 scripts/summarize-benchmarks.py "${ARGS[@]}"
log "raw results in $OUT"
