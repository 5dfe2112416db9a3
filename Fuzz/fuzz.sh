#!/usr/bin/env bash
# Builds the libFuzzer targets with swiftc -sanitize=fuzzer,address and runs one.
#
#   Fuzz/fuzz.sh parser [SECONDS]          fuzz DelimitedTextParser (default 60 s)
#   Fuzz/fuzz.sh checkpoint [SECONDS]      fuzz Checkpoint.decode and OptimizerSnapshot restore
#   Fuzz/fuzz.sh url [SECONDS]             fuzz CacheFileName, the download's cache file name
#   Fuzz/fuzz.sh parser 0 merge            minimise Fuzz/Corpus/parser in place
#
# New interesting inputs are added to Fuzz/Corpus/<target>; crashes are written to
# Fuzz/Artifacts/<target>/ (not committed). Once fixed, move a crash to
# Fuzz/Regressions/<target>/ (committed): every run replays those first.
set -euo pipefail
cd "$(dirname "$0")"

target="${1:?usage: Fuzz/fuzz.sh parser|checkpoint|url [SECONDS] [merge]}"
seconds="${2:-60}"
mode="${3:-run}"
case "$target" in
  parser) product=FuzzParser; max_len=4096 ;;
  checkpoint) product=FuzzCheckpoint; max_len=16384 ;;
  url) product=FuzzDownloadURL; max_len=512 ;;
  *) echo "unknown target $target: expected parser, checkpoint or url" >&2; exit 64 ;;
esac

swift build -c debug --scratch-path .build --product "$product" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
binary=".build/debug/$product"

corpus="Corpus/$target"
artifacts="Artifacts/$target"
mkdir -p "$corpus" "$artifacts"

if [ "$mode" = merge ]; then
  merged="$(mktemp -d)"
  "$binary" -merge=1 -max_len="$max_len" "$merged" "$corpus"
  rm -f "$corpus"/*
  cp "$merged"/* "$corpus"/
  rm -rf "$merged"
  echo "corpus $corpus: $(ls "$corpus" | wc -l) files"
  exit 0
fi

# Inputs that once crashed a target are replayed first (libFuzzer adds new inputs only to the
# first folder, the corpus).
regressions="Regressions/$target"
mkdir -p "$regressions"
"$binary" "$corpus" "$regressions" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
  -dict="$target.dict" -artifact_prefix="$artifacts/" -print_final_stats=1
