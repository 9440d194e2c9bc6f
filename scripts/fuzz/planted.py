#!/usr/bin/env python3
"""Issue 10's planted bugs against `porvm fuzz --preset por` (run by .ci/run with the release binary).

For each bug of Contracts/planted/README.md's table, `porvm fuzz --preset por --artifacts
Fixtures/planted/<bug> --seed 1 --max-seconds S --fail-fast` must exit 1 and break the property the table names;
then the unmodified contracts must exit 0 after the same budget. Prints the time each run took.

Usage: scripts/fuzz/planted.py [--porvm .build/release/porvm] [--seconds 60] [--out fuzz-out/planted]
"""
import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def table():
    """(bug, property text) rows of the README's table."""
    rows = []
    for line in (ROOT / "Contracts" / "planted" / "README.md").read_text().splitlines():
        m = re.match(r"\|\s*`([a-z0-9-]+)`\s*\|[^|]*\|[^|]*\|([^|]*)\|", line)
        if m:
            rows.append((m.group(1), m.group(2).strip()))
    return rows


def run(porvm, seconds, out, artifacts=None):
    cmd = [porvm, "fuzz", "--preset", "por", "--seed", "1", "--max-seconds", str(seconds), "--json", "--out", out]
    if artifacts:
        cmd += ["--artifacts", artifacts, "--fail-fast"]   # found is enough; the clean run takes the whole budget
    t0 = time.monotonic()
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds * 3 + 120)
    took = time.monotonic() - t0
    try:
        o = json.loads(p.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        o = None
    return p.returncode, o, took, p.stderr.strip().splitlines()[-1:] if p.stderr.strip() else []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--porvm", default=str(ROOT / ".build" / "release" / "porvm"))
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--out", default="fuzz-out/planted")
    args = ap.parse_args()
    rows = table()
    if len(rows) < 10:
        print(f"planted: only {len(rows)} bugs read from Contracts/planted/README.md", file=sys.stderr)
        return 1
    failures = 0
    for bug, expected in rows:
        code, o, took, err = run(args.porvm, args.seconds, f"{args.out}/{bug}", f"Fixtures/planted/{bug}")
        broken = [p for p in (o or {}).get("properties", []) if p.get("broken")]
        hit = [p["property"] for p in broken if expected.startswith(p["property"])]
        ok = code == 1 and bool(hit)
        failures += not ok
        rate = (o or {}).get("callsPerSecond") or 0
        at = next((p.get("atCall") for p in broken if p["property"] in hit), None)
        found = f"found at call {at} (~{at / rate:.2f} s)" if at is not None and rate else "not found"
        print(f"{'ok  ' if ok else 'FAIL'} {bug:30} {found}; run {took:.1f} s: "
              + (f"broke '{hit[0]}'" if hit else f"exit {code}, broken {[p['property'] for p in broken]}, expected '{expected}' {err}"))
    code, o, took, err = run(args.porvm, args.seconds, f"{args.out}/unmodified")
    broken = [p["property"] for p in (o or {}).get("properties", []) if p.get("broken")]
    ok = code == 0 and not broken
    failures += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {'unmodified contracts':30} {took:6.2f} s, {(o or {}).get('calls', '?')} calls: "
          + ("no finding" if ok else f"exit {code}, broken {broken} {err}"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
