#!/usr/bin/env python3
"""Issue 10's speed table: `porvm fuzz --preset por` beside titanoboa + hypothesis, in one run.

Both sides run the same PoR world (mock feed, PoRAggregator, SecureMintToken, ReserveCircuitBreaker),
the same action mix and the same checks after every call (scripts/bench/titanoboa_por.py mirrors the
preset). porvm runs a fixed number of calls with 1 and then 2 workers; titanoboa runs for a fixed time
on one core (it is about three orders of magnitude slower, so a fixed call count would take hours).
Each figure is calls per second including the property checks; the rows alternate between the
engines so that a noisy neighbour hurts both alike, and the best of --rounds is kept.

Usage (from the repository root, after `swift build -c release --product porvm`):
    python3 scripts/bench/fuzz_speed.py [--porvm .build/release/porvm] [--calls 200000]
                                       [--boa-seconds 30] [--rounds 3] [--python PY] [--json]
--python is the interpreter with vyper 0.4.3, titanoboa and hypothesis (default: .venv-vyper/bin/python,
else the current one). A benchmark, not a test: it prints figures and asserts nothing about them.
"""
import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def porvm_run(porvm, calls, workers, seed):
    cmd = [porvm, "fuzz", "--preset", "por", "--seed", str(seed), "--max-calls", str(calls),
           "--workers", str(workers), "--json", "--out", "/tmp/fuzz-speed-out"]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"fuzz_speed: {' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[-400:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    return {"calls": out["calls"], "seconds": out["seconds"], "callsPerSecond": out["calls"] / out["seconds"]}


def boa_run(python, seconds, seed):
    cmd = [python, str(ROOT / "scripts/bench/titanoboa_por.py"), "--seconds", str(seconds), "--seed", str(seed), "--json"]
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"fuzz_speed: titanoboa_por.py exited {p.returncode}: {p.stderr.strip()[-400:]}")
    out = json.loads(p.stdout.strip().splitlines()[-1])
    return {"calls": out["calls"], "seconds": out["seconds"], "callsPerSecond": out["callsPerSecond"], "engine": out["engine"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--porvm", default=str(ROOT / ".build/release/porvm"))
    ap.add_argument("--calls", type=int, default=200_000)
    ap.add_argument("--boa-seconds", type=float, default=30.0)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    default_py = ROOT / ".venv-vyper/bin/python"
    ap.add_argument("--python", default=str(default_py) if default_py.exists() else sys.executable)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not os.access(args.porvm, os.X_OK):
        sys.exit(f"fuzz_speed: no porvm at {args.porvm} (swift build -c release --product porvm)")

    best = {}
    engine = "titanoboa"
    for _ in range(max(args.rounds, 1)):
        rows = [("porvm, 1 worker", lambda: porvm_run(args.porvm, args.calls, 1, args.seed)),
                ("titanoboa, 1 core", lambda: boa_run(args.python, args.boa_seconds, args.seed)),
                ("porvm, 2 workers", lambda: porvm_run(args.porvm, args.calls, 2, args.seed))]
        for name, run in rows:
            r = run()
            engine = r.get("engine", engine)
            if name not in best or r["callsPerSecond"] > best[name]["callsPerSecond"]:
                best[name] = r
    boa = best["titanoboa, 1 core"]["callsPerSecond"]
    one = best["porvm, 1 worker"]["callsPerSecond"]
    table = [{"engine": k, "calls": v["calls"], "seconds": round(v["seconds"], 2),
              "callsPerSecond": round(v["callsPerSecond"], 1),
              "vsTitanoboa": round(v["callsPerSecond"] / boa, 1) if boa else None,
              "vsOneWorker": round(v["callsPerSecond"] / one, 2) if k.startswith("porvm") and one else None}
             for k, v in best.items()]
    if args.json:
        print(json.dumps({"titanoboa": engine, "rounds": args.rounds, "rows": table}, sort_keys=True))
        return
    print(f"PoR preset, seed {args.seed}, best of {args.rounds} (titanoboa side: {engine})")
    print("| engine | calls | seconds | calls/s | × titanoboa | × 1 worker |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in table:
        print(f"| {r['engine']} | {r['calls']:,} | {r['seconds']} | {r['callsPerSecond']:,.0f} | "
              f"{r['vsTitanoboa']} | {r['vsOneWorker'] if r['vsOneWorker'] is not None else ''} |")


if __name__ == "__main__":
    main()
