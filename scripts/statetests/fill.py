#!/usr/bin/env python3
"""Fills our own state tests from the reference: each filler (Fixtures/statefillers/*.json) is a
GeneralStateTests file without expected values; every case of it is run through the execution
specs' transition tool (`ethereum-spec-evm t8n`), and its post-state root and logs hash are written
into the filled test (Fixtures/statetests/<same name>). So the expected values never come from
porvm.

An EIP-7702 tuple in `transaction.authorizationList` may give `secretKey` instead of v, r, s: it is
then signed by the reference's own secp256k1 code (the Python next to the tool), and the filled test
carries the signed tuple (`v`, `yParity`, `r`, `s`, `signer`) as execution-spec-tests writes it.
`"highS": true` turns the signature into its high-s twin (s' = n - s, y parity flipped), which
EIP-7702 rejects; `v`, `r`, `s` given beside `secretKey` replace the signature's.

A filler case may say `"expectException": "..."`: the reference must then reject that transaction
(and must accept every other one), else filling fails. `--check` fills into a scratch folder and
fails when the committed tests differ (CI). The script fails, never skips, without the tool.

usage: fill.py [--t8n PATH] [--check] [FILLER...]
"""
import argparse, copy, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
FILLERS = os.path.join(ROOT, "Fixtures", "statefillers")
FILLED = os.path.join(ROOT, "Fixtures", "statetests")
ZERO32 = "0x" + "00" * 32


def case_tx(template, idx):
    """The one transaction of a case: the template with its arrays reduced to the chosen items."""
    tx = {k: v for k, v in template.items() if k not in ("data", "gasLimit", "value", "accessLists")}
    tx["input"] = template["data"][idx["data"]]
    tx["gas"] = template["gasLimit"][idx["gas"]]
    tx["value"] = template["value"][idx["value"]]
    lists = template.get("accessLists")
    if lists is not None and lists[idx["data"]] is not None:
        tx["accessList"] = lists[idx["data"]]
    # Unsigned: the tool signs with secretKey.
    tx.setdefault("v", "0x0"); tx.setdefault("r", "0x0"); tx.setdefault("s", "0x0")
    return tx


SIGN = r"""
import json, sys
import coincurve
from ethereum_rlp import rlp
from ethereum_types.numeric import U64, U256
from ethereum.crypto.hash import keccak256
from ethereum.crypto.elliptic_curve import SECP256K1N
out = []
for t in json.load(sys.stdin):
    h = keccak256(b"\x05" + rlp.encode((U256(int(t["chainId"], 16)), bytes.fromhex(t["address"][2:]), U64(int(t["nonce"], 16)))))
    key = coincurve.PrivateKey(bytes.fromhex(t["secretKey"][2:].rjust(64, "0")))
    sig = key.sign_recoverable(h, hasher=None)
    r, s, v = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:64], "big"), sig[64]
    if t.get("highS"):
        s, v = int(SECP256K1N) - s, 1 - v
    signer = keccak256(key.public_key.format(compressed=False)[1:])[12:]
    out.append({"v": hex(v), "yParity": hex(v), "r": hex(r), "s": hex(s), "signer": "0x" + signer.hex()})
json.dump(out, sys.stdout)
"""


def reference_python(t8n):
    """The interpreter the reference tool runs on (its shebang), which has its secp256k1 library."""
    path = shutil.which(t8n) or t8n
    with open(path, "rb") as f:
        first = f.readline().decode(errors="replace").strip()
    if not first.startswith("#!"):
        raise SystemExit(f"cannot find the Python of '{t8n}' to sign authorizations")
    return first[2:].split()


def sign_authorizations(t8n, template):
    """Signs the tuples that give a secretKey (EIP-7702), in place."""
    tuples = template.get("authorizationList") or []
    todo = [t for t in tuples if "secretKey" in t]
    if not todo:
        return
    p = subprocess.run(reference_python(t8n) + ["-c", SIGN], input=json.dumps(todo), capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"signing authorizations failed: {p.stderr.strip().splitlines()[-1:]}")
    for t, signed in zip(todo, json.loads(p.stdout)):
        del t["secretKey"]
        t.pop("highS", None)
        for k, value in signed.items():     # fields the filler gives win over the signature's
            t.setdefault(k, value)
        t["yParity"] = t["v"]


def run_t8n(t8n, fork, test, tx, chain_id):
    env = dict(test["env"])
    env.setdefault("withdrawals", [])
    env.setdefault("blockHashes", {})
    env.setdefault("parentBeaconBlockRoot", ZERO32)
    with tempfile.TemporaryDirectory() as d:
        for name, value in (("alloc.json", test["pre"]), ("env.json", env), ("txs.json", [tx])):
            with open(os.path.join(d, name), "w") as f:
                json.dump(value, f)
        cmd = [t8n, "t8n", "--input.alloc", "alloc.json", "--input.env", "env.json", "--input.txs", "txs.json",
               "--state.fork", fork, "--state.chainid", str(chain_id), "--state.reward", "-1",
               "--output.basedir", d, "--output.result", "result.json", "--output.alloc", "alloc_out.json"]
        p = subprocess.run(cmd, cwd=d, capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"t8n failed ({fork}): {p.stderr.strip().splitlines()[-1:]}")
        with open(os.path.join(d, "result.json")) as f:
            return json.load(f)


def fill(path, t8n):
    with open(path) as f:
        filler = json.load(f)
    out = {}
    for name, test in filler.items():
        test = copy.deepcopy(test)
        chain_id = int(test.get("config", {}).get("chainid", "0x1"), 16)
        sign_authorizations(t8n, test["transaction"])
        for fork, cases in test["post"].items():
            for c in cases:
                result = run_t8n(t8n, fork, test, case_tx(test["transaction"], c["indexes"]), chain_id)
                rejected = result.get("rejected", [])
                expected = c.get("expectException")
                if expected and not rejected:
                    raise SystemExit(f"{path}: {name} {fork} {c['indexes']}: the reference accepted a "
                                     f"transaction the filler expects rejected ({expected})")
                if rejected and not expected:
                    raise SystemExit(f"{path}: {name} {fork} {c['indexes']}: the reference rejected it: "
                                     f"{rejected[0].get('error')}")
                c["hash"] = result["stateRoot"]
                c["logs"] = result["logsHash"]
        test.setdefault("_info", {})["filled-by"] = "scripts/statetests/fill.py with ethereum-spec-evm t8n"
        out[name] = test
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--t8n", default=os.environ.get("ETHEREUM_SPEC_EVM", "ethereum-spec-evm"))
    ap.add_argument("--check", action="store_true", help="fail when Fixtures/statetests is not what filling gives")
    ap.add_argument("fillers", nargs="*")
    a = ap.parse_args()
    try:
        subprocess.run([a.t8n, "--help"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit(f"cannot run the reference tool '{a.t8n}' (pip install ethereum-execution)")
    fillers = a.fillers or sorted(os.path.join(FILLERS, f) for f in os.listdir(FILLERS) if f.endswith(".json"))
    if not fillers:
        raise SystemExit("no fillers found")
    stale = []
    for path in fillers:
        filled = fill(path, a.t8n)
        target = os.path.join(FILLED, os.path.basename(path))
        text = json.dumps(filled, indent=1, sort_keys=True) + "\n"
        if a.check:
            current = open(target).read() if os.path.exists(target) else None
            if current != text:
                stale.append(target)
        else:
            with open(target, "w") as f:
                f.write(text)
        cases = sum(len(c) for t in filled.values() for c in t["post"].values())
        print(f"{os.path.relpath(target, ROOT)}: {cases} cases", file=sys.stderr)
    if stale:
        raise SystemExit("not what the reference gives (run scripts/statetests/fill.py): " + ", ".join(stale))


if __name__ == "__main__":
    main()
