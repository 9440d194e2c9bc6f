#!/usr/bin/env python3
"""porvm's x86 instructions per call over evmone baseline's, per benchmark case (issue 14).

Runs ../shared/bench/anchors.py --valgrind (timing off) on a porvm binary, then prints for
each case porvm's count, evmone baseline's (the shared table
evmone-baseline-x86-instructions.json, measured with the same protocol) and their ratio, and
the geometric mean of the ratios. valgrind 3.19 needs a `strip --strip-debug` copy of the
release binary.

    scripts/bench/evmone_ratio.py /tmp/porvm-stripped [--filter REGEX] [--json out.json]
    scripts/bench/evmone_ratio.py --from-json anchors.json     # reuse an anchors.py --json file
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

SHARED = os.environ.get("PORVM_SHARED", "/work/shared")
DEFAULT_ANCHORS = os.path.join(SHARED, "bench", "anchors.py")
DEFAULT_BENCH = os.path.join(SHARED, "evm-benchmarks")
TEMPLATE = "{binary} bench --code @{{code_file}} --input '{{input_hex}}' --iterations {{n}}"


def candidate_counts(anchors_doc):
    """Case id -> porvm's instructions per call, from an anchors.py --json document."""
    out = {}
    for case, r in anchors_doc.get("results", {}).items():
        v = r.get("vg-cand")
        if v is not None:
            out[case] = float(v)
    return out


def ratios(porvm, evmone):
    """Rows (case, porvm, evmone, ratio) for every case with both counts, and their geomean.
    Cases missing on either side are left out of the mean (and listed with ratio None)."""
    rows = []
    logs = []
    for case in sorted(set(porvm) | set(evmone)):
        p, e = porvm.get(case), evmone.get(case)
        r = p / e if (p is not None and e) else None
        rows.append((case, p, e, r))
        if r is not None and r > 0:
            logs.append(math.log(r))
    geo = math.exp(sum(logs) / len(logs)) if logs else None
    return rows, geo


def run_anchors(anchors, bench_dir, binary, flt):
    fd, path = tempfile.mkstemp(prefix="evmone-ratio-", suffix=".json")
    os.close(fd)
    cmd = [sys.executable, anchors, bench_dir, "--no-pyrevm", "--pyevm-filter", "", "--valgrind",
           "--no-timing", "--candidate", TEMPLATE.format(binary=binary), "--json", path]
    if flt:
        cmd += ["--filter", flt]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(path) as f:
        doc = json.load(f)
    os.unlink(path)
    return doc


def fmt(v, prec=0):
    if v is None:
        return "-"
    return ("%%.%df" % prec) % v


def render(rows, geo):
    w = max([len(r[0]) for r in rows] + [4]) + 1
    lines = ["case".ljust(w) + "porvm".rjust(14) + "evmone".rjust(14) + "ratio".rjust(8)]
    for case, p, e, r in rows:
        lines.append(case.ljust(w) + fmt(p).rjust(14) + fmt(e).rjust(14) + fmt(r, 2).rjust(8))
    worst = max((r for r in rows if r[3] is not None), key=lambda r: r[3], default=None)
    lines.append("geomean".ljust(w) + " " * 28 + fmt(geo, 3).rjust(8))
    if worst:
        lines.append("max".ljust(w) + " " * 28 + fmt(worst[3], 2).rjust(8) + "  " + worst[0])
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary", nargs="?", help="porvm binary (stripped of debug info for valgrind 3.19)")
    ap.add_argument("--from-json", help="anchors.py --json output to read instead of running anchors.py")
    ap.add_argument("--anchors", default=DEFAULT_ANCHORS)
    ap.add_argument("--bench-dir", default=DEFAULT_BENCH)
    ap.add_argument("--evmone", help="evmone baseline table (default: BENCH_DIR/evmone-baseline-x86-instructions.json)")
    ap.add_argument("--filter", help="regex of case ids (passed to anchors.py)")
    ap.add_argument("--json", help="also write the rows and geomean to this file")
    args = ap.parse_args(argv)
    if not args.binary and not args.from_json:
        ap.error("give a porvm binary or --from-json")
    evmone_path = args.evmone or os.path.join(args.bench_dir, "evmone-baseline-x86-instructions.json")
    with open(evmone_path) as f:
        evmone = {k: float(v) for k, v in json.load(f)["cases"].items()}
    if args.from_json:
        with open(args.from_json) as f:
            doc = json.load(f)
    else:
        doc = run_anchors(args.anchors, args.bench_dir, args.binary, args.filter)
    porvm = candidate_counts(doc)
    if args.filter or args.from_json:
        evmone = {k: v for k, v in evmone.items() if k in porvm}   # compare like with like
    rows, geo = ratios(porvm, evmone)
    print(render(rows, geo))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"cases": {c: {"porvm": p, "evmone": e, "ratio": r} for c, p, e, r in rows},
                       "geomean": geo}, f, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
