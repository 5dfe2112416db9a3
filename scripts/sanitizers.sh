#!/usr/bin/env bash
# Runs the whole test suite under ThreadSanitizer and AddressSanitizer.
#
#   scripts/sanitizers.sh              both, one after the other
#   scripts/sanitizers.sh thread       swift test --sanitize=thread  (scratch path .build-tsan)
#   scripts/sanitizers.sh address      swift test --sanitize=address (scratch path .build-asan)
#   scripts/sanitizers.sh thread --filter Checkpoint    extra arguments go to swift test
#   LEAKS=1 scripts/sanitizers.sh address               LeakSanitizer too (see below)
#
# Each sanitizer builds into its own scratch folder, so neither disturbs the normal .build.
# Any report fails the run: the sanitizers stop at the first error and the exit status is
# non-zero. The tests that run the d2l executable run the sanitized build of it too.
set -euo pipefail
cd "$(dirname "$0")/.."

which="${1:-both}"
[ $# -gt 0 ] && shift

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
# LeakSanitizer is off unless LEAKS=1: at exit, the Swift test runner reports the storage of
# static test data and of Foundation's bundle list as leaks, which fails every run. With
# LEAKS=1 the d2l processes the tests start are checked too; the suppressions cover the few
# reports from libcurl and FoundationNetworking (see the file).
export ASAN_OPTIONS="halt_on_error=1 detect_stack_use_after_return=1 detect_leaks=${LEAKS:-0} ${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan-suppressions.txt print_suppressions=0 ${LSAN_OPTIONS:-}"

run() {
  local sanitizer="$1" scratch="$2"
  shift 2
  echo "== swift test --sanitize=$sanitizer --scratch-path $scratch $*"
  swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@"
}

case "$which" in
  thread) run thread .build-tsan "$@" ;;
  address) run address .build-asan "$@" ;;
  both)
    run thread .build-tsan "$@"
    run address .build-asan "$@"
    ;;
  *) echo "usage: scripts/sanitizers.sh [thread|address|both] [swift test arguments]" >&2; exit 64 ;;
esac
