#!/usr/bin/env bash
# Coverage-guided fuzzing of porvm with libFuzzer (Fuzz/ package; see scripts/fuzz/README.md).
#
#   scripts/fuzz/libfuzzer.sh [--seconds-per-target N] [--targets a,b] [--sanitizer address|none]
#                             [--no-build] [--keep-going] [--workers N] [--regressions]
#
# Builds Fuzz/ in release mode with -sanitize=fuzzer(,address), then runs each target for N
# seconds (default 10: six targets, a minute in all, the CI run) on its committed seeds
# (Fuzz/Corpus/<T>), the run-time seeds (Fuzz/.run/seeds/<T>, made by make-libfuzzer-corpus.py)
# and the corpus grown so far (Fuzz/.run/corpus/<T>, where new inputs go). Prints per target:
# executions, exec/s, cov/ft, corpus size. Exits 1 if any target crashed (a Swift trap, an
# ASan report), hung (an input beyond the target's -timeout), ran out of memory (-rss_limit_mb)
# or leaked; the input is saved under Fuzz/.run/artifacts/<T>/ and the command to reproduce it
# is printed. --keep-going keeps fuzzing past crashes (libFuzzer fork mode, -ignore_crashes=1
# etc.) to collect several; the exit status still reports them. --regressions first replays the
# saved inputs of earlier findings (Fuzz/Regressions/<T>/*, each once, with the same limits) and
# fails if any of them still crashes, hangs or runs out of memory.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FUZZ="$ROOT/Fuzz"
RUN="$FUZZ/.run"
SECONDS_PER_TARGET=10
TARGETS="FuzzInterpreter,FuzzRLP,FuzzABI,FuzzStateTest,FuzzScenario,FuzzArtifact"
SANITIZER="${PORVM_FUZZ_SANITIZER:-address}"
BUILD=1
KEEP_GOING=0
WORKERS=1
REGRESSIONS=0

while [ $# -gt 0 ]; do
    case "$1" in
        --seconds-per-target) SECONDS_PER_TARGET="$2"; shift 2 ;;
        --targets) TARGETS="$2"; shift 2 ;;
        --sanitizer) SANITIZER="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep-going) KEEP_GOING=1; shift ;;
        --workers) WORKERS="$2"; shift 2 ;;
        --regressions) REGRESSIONS=1; shift ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

# Per target: max input length, per-input timeout in seconds (beyond it: a hang), RSS limit in MB.
settings() {
    case "$1" in
        FuzzInterpreter) echo "8192 10 2048" ;;
        FuzzRLP)         echo "4096 5 1024" ;;
        FuzzABI)         echo "4096 5 1024" ;;
        FuzzStateTest)   echo "16384 10 2048" ;;
        FuzzScenario)    echo "8192 10 2048" ;;
        FuzzArtifact)    echo "131072 10 2048" ;;
        *) echo "unknown target: $1" >&2; return 1 ;;
    esac
}

case "$SANITIZER" in
    address) SAN="fuzzer,address" ;;
    none)    SAN="fuzzer" ;;
    *) echo "--sanitizer must be address or none" >&2; exit 2 ;;
esac
# Separate build folders so that switching sanitizers does not rebuild everything.
if [ "$SANITIZER" = address ]; then SCRATCH="$FUZZ/.build"; else SCRATCH="$FUZZ/.build/fuzzer-only"; fi

if [ "$BUILD" = 1 ]; then
    echo "== building Fuzz/ (-sanitize=$SAN, release)"
    swift build --package-path "$FUZZ" --scratch-path "$SCRATCH" -c release \
        -Xswiftc "-sanitize=$SAN" 2>&1 | grep -Ev "warning: Cannot export local symbol|^\[" || true
    [ "${PIPESTATUS[0]}" = 0 ] || { echo "build failed" >&2; exit 2; }
fi
BIN="$SCRATCH/release"

# Run-time seeds (larger, from /work/shared): made once.
if [ ! -d "$RUN/seeds" ]; then
    python3 "$ROOT/scripts/fuzz/make-libfuzzer-corpus.py" >/dev/null || echo "(run-time seeds not made; committed seeds only)"
fi

# Swift's crash backtracer would run (slowly) inside every crash; libFuzzer and ASan report instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:allocator_may_return_null=1:symbolize=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$FUZZ/lsan.supp:print_suppressions=0}"
export PORVM_ROOT="$ROOT"
export PORVM_FUZZ_TMP="$RUN/tmp"
mkdir -p "$RUN/tmp" "$RUN/logs"

failed=0
summary=()
IFS=',' read -ra LIST <<< "$TARGETS"

if [ "$REGRESSIONS" = 1 ]; then
    echo "== replaying Fuzz/Regressions"
    for T in "${LIST[@]}"; do
        [ -d "$FUZZ/Regressions/$T" ] || continue
        read -r MAXLEN TIMEOUT RSS <<< "$(settings "$T")" || exit 2
        for f in "$FUZZ/Regressions/$T"/*; do
            if ( cd "$RUN/tmp" && "$BIN/$T" -timeout="$TIMEOUT" -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" \
                    -detect_leaks=1 -close_fd_mask=1 "$f" ) > "$RUN/logs/regression.log" 2>&1; then
                echo "   ok      $T $(basename "$f")"
            else
                kind=$(grep -Eo 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z0-9 -]+' "$RUN/logs/regression.log" | head -1)
                echo "   FAILED  $T $(basename "$f"): $kind"
                summary+=("$(printf '%-16s regression %s FAILED: %s' "$T" "$(basename "$f")" "$kind")")
                failed=1
            fi
        done
    done
fi
for T in "${LIST[@]}"; do
    [ "$SECONDS_PER_TARGET" = 0 ] && break   # --seconds-per-target 0: replay the regressions only
    read -r MAXLEN TIMEOUT RSS <<< "$(settings "$T")" || exit 2
    [ -x "$BIN/$T" ] || { echo "no binary $BIN/$T (build first)" >&2; exit 2; }
    CORPUS="$RUN/corpus/$T"; ART="$RUN/artifacts/$T"; LOG="$RUN/logs/$T.log"
    mkdir -p "$CORPUS" "$ART" "$(dirname "$LOG")"
    SEEDS=("$FUZZ/Corpus/$T"); [ -d "$RUN/seeds/$T" ] && SEEDS+=("$RUN/seeds/$T")
    DICT=(); [ -f "$FUZZ/Dictionaries/$T.dict" ] && DICT=("-dict=$FUZZ/Dictionaries/$T.dict")
    EXTRA=()
    if [ "$KEEP_GOING" = 1 ]; then
        EXTRA=(-fork="$WORKERS" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    elif [ "$WORKERS" -gt 1 ]; then
        EXTRA=(-jobs="$WORKERS" -workers="$WORKERS")
    fi
    before=$(find "$ART" -type f | sort)
    echo "== $T: ${SECONDS_PER_TARGET}s, -max_len=$MAXLEN -timeout=$TIMEOUT -rss_limit_mb=$RSS"
    ( cd "$RUN/tmp" && "$BIN/$T" "$CORPUS" "${SEEDS[@]}" "${DICT[@]}" "${EXTRA[@]}" \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAXLEN" -timeout="$TIMEOUT" \
        -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" -artifact_prefix="$ART/" \
        -print_final_stats=1 -detect_leaks=1 -close_fd_mask=1 ) > "$LOG" 2>&1
    rc=$?
    new=$(comm -13 <(echo "$before") <(find "$ART" -type f | sort) | grep -v '^$')
    execs=$(grep 'stat::number_of_executed_units:' "$LOG" | tail -1 | awk '{print $2}')
    eps=$(grep 'stat::average_exec_per_sec:' "$LOG" | tail -1 | awk '{print $2}')
    covline=$(grep -E '^#[0-9]+' "$LOG" | grep 'cov:' | tail -1)
    cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$covline"); ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<< "$covline")
    if [ "$KEEP_GOING" = 1 ]; then  # fork mode prints its own totals
        execs=$(grep -Eo '^#[0-9]+' "$LOG" | tail -1 | tr -d '#'); eps=$(( ${execs:-0} / SECONDS_PER_TARGET ))
    fi
    ncorp=$(find "$CORPUS" -type f | wc -l); kb=$(du -sk "$CORPUS" | cut -f1)
    status=ok
    if [ "$rc" != 0 ] || [ -n "$new" ]; then
        status="FAILED (exit $rc)"; failed=1
        kind=$(grep -Eo 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer): [a-z0-9 -]+' "$LOG" | head -1)
        echo "   $kind"
        grep -E 'Fatal error|Swift runtime failure|precondition|SUMMARY' "$LOG" | head -3 | sed 's/^/   /'
        for f in $new; do
            echo "   saved: $f"
            echo "   reproduce: SWIFT_BACKTRACE=enable=no PORVM_FUZZ_VERBOSE=1 PORVM_ROOT=$ROOT $BIN/$T $f"
        done
        echo "   log: $LOG"
    fi
    line=$(printf '%-16s %-22s execs %-9s exec/s %-6s cov %-6s ft %-6s corpus %s files, %s KiB' \
        "$T" "$status" "${execs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$ncorp" "$kb")
    echo "   $line"
    summary+=("$line")
done

echo "== summary (${SECONDS_PER_TARGET}s per target, sanitizer: $SAN)"
printf '%s\n' "${summary[@]}"
exit "$failed"
