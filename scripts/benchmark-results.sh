# Sourced by the benchmark scripts (from the package root, with ROOT set to it): the log line,
# the results folder and the release build they share.

log() { printf '== %s\n' "$*" >&2; }

# results_folder KIND: sets SCRATCH (.build-bench), OUT (a new .build-bench/KIND/DATE) and
# RESULTS (its empty results.jsonl).
results_folder() {
    SCRATCH="$ROOT/.build-bench"
    OUT="$SCRATCH/$1/$(date +%Y%m%d-%H%M%S)"
    mkdir -p "$OUT"
    RESULTS="$OUT/results.jsonl"
    : > "$RESULTS"
}

# build_d2l: builds d2l in release mode into SCRATCH and sets D2L to it.
build_d2l() {
    log "building d2l (release)"
    swift build -c release --scratch-path "$SCRATCH" --product d2l >&2
    D2L="$SCRATCH/release/d2l"
}
