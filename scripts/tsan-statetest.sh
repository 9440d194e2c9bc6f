#!/usr/bin/env bash
# Runs the official state tests on a porvm built with ThreadSanitizer, on several worker threads,
# and fails on any TSan report (issue 9: data races between parallel statetest workers).
#   scripts/tsan-statetest.sh [FIXTURES_DIR_OR_ARCHIVE] [--threads N]
# Default input: ../shared/ethereum-tests/GeneralStateTests-Cancun.tar.xz. TSan slows porvm
# ~30x: the whole Cancun archive took 35 minutes (2,112 s) on 2 shared cores after a 1.5-minute build.
set -euo pipefail
cd "$(dirname "$0")/.."
INPUT="${1:-../shared/ethereum-tests/GeneralStateTests-Cancun.tar.xz}"
THREADS=2
[ "${2:-}" = "--threads" ] && THREADS="${3:-2}"

swift build -c release --product porvm --scratch-path .build-tsan -Xswiftc -sanitize=thread 2>&1 | tail -1
PORVM=.build-tsan/release/porvm

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ -f "$INPUT" ]; then
  tar -xJf "$INPUT" -C "$scratch"
  DIR="$scratch/GeneralStateTests"
else
  DIR="$INPUT"
fi

# halt_on_error: the first race stops the run with its report; exitcode 66 tells it from a failing case.
TSAN_OPTIONS="halt_on_error=1 exitcode=66" "$PORVM" statetest "$DIR" --threads "$THREADS" \
  --known-failures Tests/known-failures.txt 2> "$scratch/stderr" || status=$?
status=${status:-0}
if grep -q "ThreadSanitizer" "$scratch/stderr"; then
  sed -n '1,60p' "$scratch/stderr" >&2
  echo "tsan-statetest: ThreadSanitizer reported a race" >&2
  exit 1
fi
tail -1 "$scratch/stderr" >&2
echo "tsan-statetest: no ThreadSanitizer report (statetest exit $status)"
exit "$status"
