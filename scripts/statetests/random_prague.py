#!/usr/bin/env python3
"""Random Prague state tests for EIP-7702 and EIP-7623, filled by the reference and run by porvm.

Each test has a random pre-state (authorities absent, funded, already delegated or holding plain
code), a random set-code (or fee-market) transaction (tuples for random authorities, delegates,
chain ids, nonces and broken signatures; random calldata for the floor) and a contract calling a
delegated account with a random CALL-family opcode. The expected post-state comes from
`ethereum-spec-evm t8n` (through fill.py), never from porvm; porvm must then agree on every case.
Failing tests are kept under --out. Fails, never skips, without the reference tool.

usage: random_prague.py --porvm PATH [--t8n PATH] [--seed N] [--count N] [--out DIR]
"""
import argparse, json, os, random, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fill  # noqa: E402

SENDER_KEY = "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"
SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
# secp256k1 keys 1..4 and their addresses.
KEYS = {"0x" + "00" * 31 + "01": "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf",
        "0x" + "00" * 31 + "02": "0x2b5ad5c4795c026514f8317c7a215e218dccd6cf",
        "0x" + "00" * 31 + "03": "0x6813eb9362372eef6200f3b1dbc3f819671cba69",
        "0x" + "00" * 31 + "04": "0x1eff47bc3a10a45d4b230b5d10e37751fe6aa718"}
D = "0x00000000000000000000000000000000000000d0"
D2 = "0x00000000000000000000000000000000000000d2"
R = "0x0000000000000000000000000000000000000c00"
IDENTITY = "0x0000000000000000000000000000000000000004"
ZERO = "0x" + "00" * 20
# D: SSTORE(0, 0x42); SSTORE(1, ADDRESS); SSTORE(2, CALLER); LOG1(0, 0, ADDRESS). D2: SSTORE(5, 0x99); SSTORE(0, 0).
D_CODE = "0x604260005530600155336002553060006000a100"
D2_CODE = "0x60996005556000600055" + "00"
ENV = {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x055d4a80",
       "currentNumber": "0x01", "currentTimestamp": "0x03e8", "currentRandom": "0x" + "00" * 32,
       "currentDifficulty": "0x00", "currentBaseFee": "0x07", "currentExcessBlobGas": "0x00"}


def caller(rng, target):
    """CALL-family `target` with 131072 gas, then SSTORE(0x10, success), (0x11, GAS), (0x12, RETURNDATASIZE)."""
    op = rng.choice(["f1", "f2", "f4", "fa"])
    value = "6000" if op in ("f1", "f2") else ""
    # retSize 0, retOffset 0, argsSize 0 or 32, argsOffset 0, [value 0], address, gas
    code = "6000" + "6000" + "60%02x" % rng.choice([0, 32]) + "6000" + value + "73" + target[2:] + "62020000" + op
    return "0x" + code + "601055" + "5a601155" + "3d601255" + "00"


def random_test(rng):
    authorities = list(KEYS.items())
    pre = {SENDER: {"balance": "0x0de0b6b3a7640000", "nonce": "0x00", "code": "0x", "storage": {}},
           D: {"balance": "0x00", "nonce": "0x00", "code": D_CODE, "storage": {}},
           D2: {"balance": "0x00", "nonce": "0x00", "code": D2_CODE, "storage": {}}}
    nonces = {SENDER: 0}
    for _, a in authorities:
        kind = rng.choice(["absent", "funded", "delegated", "delegated", "code"])
        if kind == "absent":
            nonces[a] = 0
            continue
        n = rng.choice([0, 1, 2]) if kind != "delegated" else rng.choice([1, 2])
        code = {"funded": "0x", "code": "0x00", "delegated": "0xef0100" + rng.choice([D, D2, IDENTITY])[2:]}[kind]
        pre[a] = {"balance": hex(rng.choice([1, 10**18])), "nonce": hex(n), "code": code, "storage": {}}
        nonces[a] = n
    target = rng.choice([a for _, a in authorities] + [SENDER])
    pre[R] = {"balance": "0x00", "nonce": "0x00", "code": caller(rng, target), "storage": {}}

    tuples = []
    simulated = dict(nonces)
    simulated[SENDER] = 1                      # the transaction's own increment comes first
    for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
        key, a = rng.choice(authorities + [(SENDER_KEY, SENDER)])
        nonce = simulated.get(a, 0) + rng.choice([0, 0, 0, 1, -1])
        nonce = max(nonce, 0)
        t = {"chainId": hex(rng.choice([1, 1, 1, 0, 2])), "address": rng.choice([D, D2, ZERO, IDENTITY, R, rng.choice(authorities)[1]]),
             "nonce": hex(nonce), "secretKey": key}
        broken = rng.random()
        if broken < 0.08:
            t["highS"] = True
        elif broken < 0.12:
            t["v"] = hex(rng.choice([2, 3, 27]))
        tuples.append(t)
        simulated[a] = nonce + 1
    data_len = rng.choice([0, 4, 40, 200, 600])
    data = "0x" + "".join(rng.choice(["00", "ff", "01"]) for _ in range(data_len))
    to = rng.choice([R, R, target, D, rng.choice(authorities)[1]])
    tx = {"nonce": "0x00", "maxPriorityFeePerGas": "0x01", "maxFeePerGas": "0x0a", "to": to, "value": [hex(rng.choice([0, 1]))],
          "data": [data], "gasLimit": [hex(rng.choice([500_000, 500_000, 500_000, 100_000, 60_000]))], "accessLists": [[]],
          "sender": SENDER, "secretKey": SENDER_KEY}
    if tuples or rng.random() < 0.1:
        tx["authorizationList"] = tuples
    return {"env": dict(ENV), "config": {"chainid": "0x01"}, "pre": pre, "transaction": tx,
            "post": {"Prague": [{"indexes": {"data": 0, "gas": 0, "value": 0}}]}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--porvm", required=True)
    ap.add_argument("--t8n", default=os.environ.get("ETHEREUM_SPEC_EVM", "ethereum-spec-evm"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--out", default="random-prague-failures")
    a = ap.parse_args()
    try:
        subprocess.run([a.t8n, "--help"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit(f"cannot run the reference tool '{a.t8n}' (pip install ethereum-execution)")
    rng = random.Random(a.seed)
    filled = {}
    rejected = 0
    for i in range(a.count):
        test = random_test(rng)
        fill.sign_authorizations(a.t8n, test["transaction"])
        result = fill.run_t8n(a.t8n, "Prague", test, fill.case_tx(test["transaction"], {"data": 0, "gas": 0, "value": 0}), 1)
        case = test["post"]["Prague"][0]
        if result.get("rejected"):
            case["expectException"] = result["rejected"][0].get("error", "rejected")
            rejected += 1
        case["hash"], case["logs"] = result["stateRoot"], result["logsHash"]
        filled[f"random_{a.seed}_{i}"] = test
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, f"random_prague_{a.seed}.json")
        with open(path, "w") as f:
            json.dump(filled, f, indent=1)
        p = subprocess.run([a.porvm, "statetest", path, "--unfinished-forks"], capture_output=True, text=True)
        print(p.stdout.strip().splitlines()[-1] if p.stdout.strip() else p.stderr.strip(), f"({rejected} rejected by the reference)")
        if p.returncode != 0:
            os.makedirs(a.out, exist_ok=True)
            kept = os.path.join(a.out, os.path.basename(path))
            with open(kept, "w") as f:
                json.dump(filled, f, indent=1)
            print(p.stdout, file=sys.stderr)
            raise SystemExit(f"porvm disagrees with the reference; tests kept in {kept}")


if __name__ == "__main__":
    main()
