#!/usr/bin/env bash
# Issue 10, "Scale beyond one machine", on one machine: four shards of Examples/fuzz/por-token.yaml
# run side by side (one process each, one seed, --shard I/4) over one shared corpus folder, each
# with its own --out folder; then `porvm fuzz merge` makes one corpus and one report, checked here.
# Usage: scripts/fuzz/shards-demo.sh [PORVM] [CALLS_PER_SHARD]   (default .build/release/porvm, 3000)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORVM=${1:-.build/release/porvm}
CALLS=${2:-3000}
SHARDS=4
work=$(mktemp -d "${TMPDIR:-/tmp}/porvm-shards.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A sequence a reviewer wrote by hand seeds the shared corpus: every shard replays it first, and
# the merge stores it once, under its content hash.
mkdir -p "$work/corpus"
cat > "$work/corpus/seed-mint-burn.json" <<'JSON'
{"calls": [{"kind": "call", "contract": "token", "function": "mint(address,uint256)",
            "args": [{"address": "0x0000000000000000000000000000000000000000"}, {"uint": "5"}], "sender": "minter"},
           {"kind": "warp", "by": 3600}]}
JSON

pids=()
for i in $(seq 0 $((SHARDS - 1))); do
  "$PORVM" fuzz Examples/fuzz/por-token.yaml --seed 1 --max-calls "$CALLS" --shard "$i/$SHARDS" \
    --corpus "$work/corpus" --out "$work/out-$i" --report "$work/report-$i.md" >"$work/log-$i" 2>&1 &
  pids+=($!)
done
status=0
for p in "${pids[@]}"; do wait "$p" || status=1; done
[ "$status" -eq 0 ] || { echo "shards-demo: a shard failed:" >&2; cat "$work"/log-* >&2; exit 1; }

"$PORVM" fuzz merge "$work"/out-* --out "$work/merged" --report "$work/merged.md"

# The checks: one merged corpus holding each distinct sequence of the shared folder once (the
# hand-written seed renamed to its hash), one summary over the four shards, one report.
python3 - "$work" "$SHARDS" "$CALLS" <<'PY'
import json, os, sys
work, shards, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = json.load(open(f"{work}/merged/summary.json"))
assert s["shards"] == [f"{i}/{shards}" for i in range(shards)], s["shards"]
assert s["calls"] == shards * calls, s["calls"]
assert s["properties"] and not any(p["broken"] for p in s["properties"]), s["properties"]
merged = sorted(f for f in os.listdir(f"{work}/merged/corpus") if f.endswith(".json"))
shared = [f for f in os.listdir(f"{work}/corpus") if f.endswith(".json")]
assert merged and s["corpusSize"] == len(merged), (merged, s["corpusSize"])
assert all(len(f) == 64 + 5 for f in merged), merged
seqs = {json.dumps(json.load(open(f"{work}/merged/corpus/{f}")), sort_keys=True) for f in merged}
want = {json.dumps(json.load(open(f"{work}/corpus/{f}")), sort_keys=True) for f in shared}
assert seqs == want, "merged corpus differs from the shared folder's distinct sequences"
md = open(f"{work}/merged.md").read().splitlines()
heads = [l for l in md if l.startswith("#")]
assert heads[:3] == ["# porvm fuzz report", "## Run", "## Properties"], heads
rows = [l for l in md if l.startswith("| ") and l.endswith(" | passed |")]
assert len(rows) == len(s["properties"]), rows
print(f"shards-demo: {shards} shards, {s['calls']} calls, {int(s['callsPerSecond'])} calls/s together, "
      f"{len(s['properties'])} properties held, merged corpus {len(merged)} sequences")
PY
