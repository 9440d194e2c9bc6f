#!/usr/bin/env python3
"""Line-for-line check of porvm's EIP-3155 traces against revm (pyrevm).

`porvm scenario FILE --trace DIR` writes, per transaction, `NAME.jsonl` (the trace, summary
line last) and `NAME.pre.json` (the transaction, the block and the state before it). This
script replays each transaction on pyrevm with its tracer on, from the same pre-state, and
compares every step's pc, op, gas, gasCost, stack and depth (numbers compared as integers,
so "0x0a" and 10 are equal), then the summary lines' gasUsed (the receipt's) and pass. The
first mismatching step is printed with both sides.

    .venv-fuzz/bin/python scripts/trace/compare_revm.py DIR [--match token.mint ...]

pyrevm's tracer prints from Rust straight to the process's stdout, so each replay runs in a
child process (this script with --replay) whose stdout is captured.

Exit codes: 0 all traces equal, 1 a trace differs, 2 setup error (pyrevm missing, no traces...).
"""
import argparse
import glob
import json
import os
import subprocess
import sys

FIELDS = ("pc", "op", "gas", "gasCost", "stack", "depth")
# porvm fork name -> pyrevm spec id
FORKS = {"Cancun": "Cancun", "Shanghai": "Shanghai", "Paris": "Merge", "London": "London", "Berlin": "Berlin"}


def as_int(v):
    if isinstance(v, int):
        return v
    return int(v, 16) if isinstance(v, str) and v.lower().startswith("0x") else int(v)


def steps(lines):
    """The step objects of a trace (lines with a pc), normalised to integers."""
    out = []
    for line in lines:
        line = line.strip()
        if not line.startswith("{"):
            continue
        obj = json.loads(line)
        if "pc" not in obj:
            continue
        out.append({
            "pc": as_int(obj["pc"]), "op": as_int(obj["op"]), "gas": as_int(obj["gas"]),
            "gasCost": as_int(obj["gasCost"]), "stack": [as_int(x) for x in obj["stack"]],
            "depth": as_int(obj["depth"]),
        })
    return out


def compare(ours, theirs):
    """None when the step lists agree, else a description of the first difference."""
    for i, (a, b) in enumerate(zip(ours, theirs)):
        diff = [f for f in FIELDS if a[f] != b[f]]
        if diff:
            return (f"step {i + 1} differs in {', '.join(diff)}\n"
                    f"  porvm: {json.dumps(a)}\n  revm:  {json.dumps(b)}")
    if len(ours) != len(theirs):
        n = min(len(ours), len(theirs))
        extra = ours[n] if len(ours) > n else theirs[n]
        return (f"porvm has {len(ours)} steps, revm {len(theirs)}; the first unmatched step "
                f"({'porvm' if len(ours) > n else 'revm'}): {json.dumps(extra)}")
    return None


def summary(lines):
    """porvm's closing line: gasUsed (the receipt's, refund applied) and pass."""
    for line in reversed(list(lines)):
        line = line.strip()
        if line.startswith("{") and '"gasUsed"' in line:
            obj = json.loads(line)
            return {"gasUsed": as_int(obj["gasUsed"]), "pass": bool(obj["pass"])}
    return None


def compare_summary(ours, theirs):
    if ours is None and theirs is None:   # rejected by both before it ran
        return None
    if ours is None or theirs is None:
        return f"a summary line is missing (porvm: {ours}, revm: {theirs})"
    if ours != theirs:
        return f"summaries differ\n  porvm: {json.dumps(ours)}\n  revm:  {json.dumps(theirs)}"
    return None


def replay(pre_path):
    """Runs the transaction of a .pre.json on pyrevm with tracing on (prints the trace to stdout)."""
    from pyrevm import EVM, Env, BlockEnv, CfgEnv, AccountInfo
    with open(pre_path) as f:
        pre = json.load(f)
    b, tx = pre["block"], pre["tx"]
    # An impersonated sender (a prank, a read-only call) pays no fee: porvm skips the base-fee
    # check for it, which pyrevm cannot, so its block has base fee 0 here (BASEFEE then reads 0).
    if pre["fork"] not in FORKS:
        sys.exit(f"compare_revm: fork {pre['fork']} has no pyrevm spec")
    env = Env(block=BlockEnv(number=b["number"], coinbase=b["coinbase"], timestamp=b["timestamp"],
                             difficulty=as_int(b["difficulty"]), prevrandao=as_int(b["prevRandao"]).to_bytes(32, "big"),
                             basefee=as_int(b["baseFee"]) if tx["signed"] else 0,
                             gas_limit=b["gasLimit"], excess_blob_gas=b["excessBlobGas"]),
              cfg=CfgEnv(chain_id=as_int(b["chainId"])))
    evm = EVM(env=env, spec_id=FORKS[pre["fork"]], gas_limit=b["gasLimit"], tracing=True)
    # Database writes only (see scripts/fuzz/difffuzz.py, make_evm): every account stays cold.
    for a, acc in pre["pre"].items():
        evm.insert_account_info(a, AccountInfo(balance=as_int(acc["balance"]), nonce=acc["nonce"],
                                               code=bytes.fromhex(acc["code"][2:])))
    for a, acc in pre["pre"].items():
        for k, v in acc["storage"].items():
            cp = evm.snapshot()
            evm.insert_account_storage(a, as_int(k), as_int(v))
            evm.revert(cp)
    data = bytes.fromhex(tx["data"][2:])
    try:
        if tx["to"] is None:
            evm.deploy(tx["from"], data, as_int(tx["value"]), tx["gasLimit"])
        else:
            evm.message_call(tx["from"], tx["to"], data, as_int(tx["value"]), tx["gasLimit"], as_int(tx["gasPrice"]))
    except Exception as exc:  # reverts surface as exceptions; the trace was printed all the same
        print(f"revm: {str(exc)[:200]}", file=sys.stderr)
    sys.stdout.flush()
    # The receipt's figures from the execution result: the tracer's own closing line reports a
    # creation's gas before the code deposit (200 gas per byte, Yellow Paper G_codedeposit) is charged.
    r = evm.result
    result = {"gasUsed": r.gas_used, "pass": r.is_success} if r is not None else None
    print(RESULT_MARK + json.dumps(result), file=sys.stderr)


RESULT_MARK = "compare_revm result: "


def revm_trace(pre_path):
    """revm's trace lines of the transaction, and its result ({gasUsed, pass}, None if rejected)."""
    p = subprocess.run([sys.executable, os.path.abspath(__file__), "--replay", pre_path],
                       capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError(f"replay of {pre_path} failed: {p.stderr.strip()[-500:]}")
    results = [l[len(RESULT_MARK):] for l in p.stderr.splitlines() if l.startswith(RESULT_MARK)]
    return p.stdout.splitlines(), json.loads(results[-1]) if results else None


def check_file(trace_path):
    """None when porvm's trace at trace_path equals revm's replay of it, else the difference."""
    pre = trace_path[: -len(".jsonl")] + ".pre.json"
    with open(trace_path) as f:
        lines = f.read().splitlines()
    theirs, result = revm_trace(pre)
    return compare(steps(lines), steps(theirs)) or compare_summary(summary(lines), result)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--replay":
        replay(sys.argv[2])
        return 0
    ap = argparse.ArgumentParser(description="Compare porvm's EIP-3155 traces with revm's (pyrevm).")
    ap.add_argument("dir", help="a folder written by `porvm scenario --trace DIR`")
    ap.add_argument("--match", action="append", default=[],
                    help="only traces whose file name contains this (repeatable)")
    args = ap.parse_args()
    try:
        import pyrevm  # noqa: F401
    except ImportError as exc:
        print(f"compare_revm: setup error: cannot import pyrevm ({exc}); run scripts/fuzz/setup-venv.sh", file=sys.stderr)
        return 2
    files = sorted(glob.glob(os.path.join(args.dir, "*.jsonl")))
    if args.match:
        files = [f for f in files if any(m in os.path.basename(f) for m in args.match)]
    if not files:
        print(f"compare_revm: no traces in {args.dir}", file=sys.stderr)
        return 2
    failed = 0
    for f in files:
        diff = check_file(f)
        name = os.path.basename(f)
        if diff:
            failed += 1
            print(f"✗ {name}: {diff}")
        else:
            print(f"✓ {name}")
    print(f"{len(files) - failed} equal, {failed} different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
