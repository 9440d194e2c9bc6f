#!/usr/bin/env python3
"""Turn the cases of GeneralStateTests files into `t8n` inputs (issue 13).

One input per case (test x fork x post index): {"alloc", "env", "txs"} as the transition tool
reads them on stdin (geth's `evm t8n` and the execution specs' `ethereum-spec-evm t8n` alike),
plus the fork, chain id and a name. The recipe is the "Reference runner" one of
../shared/ethereum-tests/README.md: alloc = pre, env = env plus `withdrawals: []` and
`blockHashes: {}`, txs = [the transaction with the arrays replaced by the chosen elements].

Usage as a library: `cases(path, forks)` yields dicts; as a script it writes one JSON file per
case into --out (for running either tool by hand).
"""
import argparse
import json
import os
import sys

# The block-level fields a t8n run needs beyond a state test's env (both tools read them).
ZERO_ROOT = "0x" + "00" * 32


def transaction(t, idx):
    """The JSON transaction of one case (unsigned, with `secretKey`: the tool signs it)."""
    d, g, v = idx["data"], idx["gas"], idx["value"]
    tx = {
        "nonce": t["nonce"],
        "gas": t["gasLimit"][g],
        "value": t["value"][v],
        "input": t["data"][d],
        "to": t["to"] if t.get("to") else None,
        "secretKey": t["secretKey"],
        "v": "0x0", "r": "0x0", "s": "0x0",
    }
    # The fields present select the type, as TransactionLoad.read does.
    for k in ("gasPrice", "maxFeePerGas", "maxPriorityFeePerGas", "maxFeePerBlobGas", "blobVersionedHashes"):
        if k in t:
            tx[k] = t[k]
    lists = t.get("accessLists")
    if lists is not None and d < len(lists) and lists[d] is not None:
        tx["accessList"] = lists[d]
    elif "maxFeePerGas" in t:
        tx["accessList"] = []
    auths = t.get("authorizationList")
    if auths is not None:
        tx["authorizationList"] = auths
    if "sender" in t:
        tx["sender"] = t["sender"]
    return tx


def env_of(test, fork, blockchain):
    env = dict(test["env"])
    env["withdrawals"] = []
    env["blockHashes"] = {}
    if blockchain and "parentBeaconBlockRoot" not in env:
        env["parentBeaconBlockRoot"] = ZERO_ROOT
    return env


def cases(path, forks=("Cancun",), blockchain=True):
    """Yields every case of one fixture file for the given forks."""
    with open(path) as f:
        data = json.load(f)
    for name, test in data.items():
        chainid = int((test.get("config") or {}).get("chainid", "0x1"), 16)
        for fork in forks:
            for i, post in enumerate(test.get("post", {}).get(fork, [])):
                yield {
                    "name": f"{os.path.basename(path)}::{name}::{fork}::{i}",
                    "fork": fork,
                    "chainid": chainid,
                    "input": {
                        "alloc": test["pre"],
                        "env": env_of(test, fork, blockchain),
                        "txs": [transaction(test["transaction"], post["indexes"])],
                    },
                    "expect": {"hash": post["hash"], "logs": post["logs"],
                               "rejected": "expectException" in post},
                }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--fork", action="append", help="fork key of `post` (default Cancun)")
    ap.add_argument("--out", required=True, help="folder for one <n>.json per case")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    n = 0
    for p in a.files:
        for c in cases(p, tuple(a.fork or ["Cancun"])):
            with open(os.path.join(a.out, f"{n:06d}.json"), "w") as f:
                json.dump(c, f)
            n += 1
    print(f"{n} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
