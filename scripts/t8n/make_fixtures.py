#!/usr/bin/env python3
"""Write Tests/TransitionTests/Fixtures/*.json: t8n inputs built here, expected outputs from the
execution specs' `ethereum-spec-evm t8n` (never from porvm), for the block-level parts of
`porvm t8n` (issue 13): several transactions with one rejected in the middle, receipts and
cumulative gas, withdrawals, the EIP-4788 and EIP-2935 system calls, EIP-7685 requests (EIP-6110
deposit logs, EIP-7002/7251 queues), base fee and excess blob gas from the parent (EIP-7918 in
Osaka), the proof-of-work reward, RLP transaction input and state-test mode.

    scripts/t8n/make_fixtures.py [--reference PATH] [--check]

--check regenerates into memory and fails when a checked-in file differs. Fails (exit 2), never
skips, when the reference tool is missing.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "TransitionTests", "Fixtures")

KEY = "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"   # 0xa94f5374...
SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
COINBASE = "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"
LOGGER = "0x1000000000000000000000000000000000000001"
REVERTER = "0x1000000000000000000000000000000000000002"
# EIP-4788's contract, as the EIP deploys it.
BEACON_ROOTS = "0x000f3df6d732807ef1319fb7b8bb8522d0beac02"
BEACON_ROOTS_CODE = ("0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff"
                     "810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500")
HISTORY = "0x0000f90827f1c53a10cb7a02335b175320002935"
WITHDRAWAL_REQUESTS = "0x00000961ef480eb55e80d19ad83579a64c007002"
CONSOLIDATION_REQUESTS = "0x0000bbddc7ce488642fb579f8b00f3a590007251"
DEPOSIT = "0x00000000219ab540356cbb839cbe05303d7705fa"
DEPOSIT_TOPIC = "649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5"

# SSTORE(0, 42); MSTORE(0, 7); LOG1(0, 32, 0xaa)
LOGGER_CODE = "0x602a600055600760005260aa60206000a100"
# SSTORE(0, 1); REVERT(0, 0)
REVERTER_CODE = "0x600160005560006000fd"
# Stand-ins for the Prague system contracts (what they return is what matters to the block):
HISTORY_CODE = "0x60003560005500"                                            # SSTORE(0, CALLDATALOAD(0))
WITHDRAWAL_REQUESTS_CODE = "0x7f" + "11" * 32 + "600052604c6000f3"           # RETURN 76 bytes
CONSOLIDATION_REQUESTS_CODE = "0x00"                                         # no requests


def deposit_event_data(index):
    """A DepositEvent's ABI data: five offsets, then each field's length and padded bytes."""
    words = [160, 256, 320, 384, 512]
    data = b"".join(w.to_bytes(32, "big") for w in words)
    for size, fill in ((48, 0xa1), (32, 0xb2), (8, 0xc3), (96, 0xd4), (8, index)):
        data += size.to_bytes(32, "big") + bytes([fill]) * size + b"\0" * ((32 - size % 32) % 32)
    assert len(data) == 576
    return data.hex()


def deposit_code(index):
    # CODECOPY(0, 48, 576); LOG1(0, 576, topic); STOP; then the data
    return "0x" + "6102406030600039" + "7f" + DEPOSIT_TOPIC + "6102406000a1" + "00" + deposit_event_data(index)


def account(balance=0, nonce=0, code=None, storage=None):
    a = {"balance": hex(balance), "nonce": hex(nonce)}
    if code:
        a["code"] = code
    if storage:
        a["storage"] = storage
    return a


def tx(nonce, to, gas=100_000, value=0, data="0x", **fees):
    t = {"nonce": hex(nonce), "to": to, "gas": hex(gas), "value": hex(value), "input": data, "secretKey": KEY,
         "v": "0x0", "r": "0x0", "s": "0x0"}
    if not fees:
        fees = {"gasPrice": "0x0a"}
    t.update(fees)
    return t


def env(number=1, **extra):
    e = {"currentCoinbase": COINBASE, "currentGasLimit": hex(30_000_000), "currentNumber": hex(number),
         "currentTimestamp": "0x3e8", "currentRandom": "0x" + "00" * 31 + "02", "currentDifficulty": "0x0",
         "currentBaseFee": "0x0a", "currentExcessBlobGas": "0x0", "withdrawals": [], "blockHashes": {},
         "parentBeaconBlockRoot": "0x" + "00" * 32}
    e.update(extra)
    return {k: v for k, v in e.items() if v is not None}


FUNDS = 10**20
CASES = {
    # Five transactions: a logging call, one with a nonce too high (rejected, the block goes on),
    # a type-2 call that reverts (included, failed receipt), a type-1 one without gasPrice (cannot
    # be read: rejected at parse time), a type-1 creation; two withdrawals;
    # the EIP-4788 call storing the parent beacon root; BLOCKHASH's parent hash given.
    "cancun_block": dict(fork="Cancun", input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE), REVERTER: account(1, code=REVERTER_CODE),
               BEACON_ROOTS: account(nonce=1, code=BEACON_ROOTS_CODE)},
        env=env(number=5, withdrawals=[
            {"index": "0x0", "validatorIndex": "0x10", "address": LOGGER, "amount": "0x3b9aca00"},
            {"index": "0x1", "validatorIndex": "0x11", "address": "0x2000000000000000000000000000000000000002", "amount": "0x2"}],
            blockHashes={"0x4": "0x" + "44" * 32}, parentBeaconBlockRoot="0x" + "be" * 32),
        txs=[tx(0, LOGGER, value=5),
             tx(7, LOGGER),
             tx(1, REVERTER, maxFeePerGas="0x20", maxPriorityFeePerGas="0x02", accessList=[]),
             tx(2, None, gas=200_000, data="0x6001600055", accessList=[]),
             tx(2, None, gas=200_000, data="0x6001600055", gasPrice="0x0b",
                accessList=[{"address": LOGGER, "storageKeys": ["0x" + "00" * 32]}])])),
    # A blob transaction without `to` is read, then rejected (EIP-4844 forbids creation), and stays
    # in the transactions trie; the next transaction still runs.
    "cancun_blob_creation": dict(fork="Cancun", input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE)},
        env=env(),
        txs=[tx(0, None, maxFeePerGas=hex(10**10), maxPriorityFeePerGas="0x1", accessList=[],
                maxFeePerBlobGas="0x64", blobVersionedHashes=["0x01" + "ab" * 31]),
             tx(0, LOGGER)])),
    # Base fee and excess blob gas derived from the parent's fields; a blob transaction.
    "cancun_parent_fields": dict(fork="Cancun", input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE)},
        env=env(currentBaseFee=None, currentExcessBlobGas=None, parentGasLimit=hex(30_000_000), parentGasUsed=hex(20_000_000),
                parentBaseFee="0x3b9aca00", parentExcessBlobGas=hex(3 * 131072), parentBlobGasUsed=hex(4 * 131072)),
        txs=[tx(0, LOGGER, maxFeePerGas=hex(10**10), maxPriorityFeePerGas="0x1", accessList=[],
                maxFeePerBlobGas="0x64", blobVersionedHashes=["0x01" + "ab" * 31, "0x01" + "cd" * 31])])),
    # EIP-7918: blob gas priced under the execution base fee, so the excess only grows.
    "osaka_excess_blob_gas": dict(fork="Osaka", input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE)},
        env=env(currentBaseFee=None, currentExcessBlobGas=None, parentGasLimit=hex(30_000_000), parentGasUsed=hex(15_000_000),
                parentBaseFee=hex(10**9), parentExcessBlobGas=hex(6 * 131072), parentBlobGasUsed=hex(8 * 131072)),
        txs=[tx(0, LOGGER, maxFeePerGas=hex(10**10), maxPriorityFeePerGas="0x1", accessList=[])])),
    "osaka_excess_blob_gas_below_target": dict(fork="Osaka", input=dict(
        alloc={SENDER: account(FUNDS)},
        env=env(currentBaseFee=None, currentExcessBlobGas=None, parentGasLimit=hex(30_000_000), parentGasUsed=hex(15_000_000),
                parentBaseFee=hex(10**9), parentExcessBlobGas=hex(2 * 131072), parentBlobGasUsed=hex(3 * 131072)),
        txs=[])),
    # Prague: the EIP-2935 call stores the parent hash; a deposit log becomes a type-0 request,
    # the withdrawal queue returns one type-1 request, the consolidation queue none.
    "prague_requests": dict(fork="Prague", input=dict(
        alloc={SENDER: account(FUNDS), HISTORY: account(nonce=1, code=HISTORY_CODE),
               WITHDRAWAL_REQUESTS: account(nonce=1, code=WITHDRAWAL_REQUESTS_CODE),
               CONSOLIDATION_REQUESTS: account(nonce=1, code=CONSOLIDATION_REQUESTS_CODE),
               DEPOSIT: account(nonce=1, code=deposit_code(3)), BEACON_ROOTS: account(nonce=1, code=BEACON_ROOTS_CODE)},
        env=env(number=9, blockHashes={"0x8": "0x" + "88" * 32}, parentBeaconBlockRoot="0x" + "bb" * 32),
        txs=[tx(0, DEPOSIT, gas=200_000), tx(1, LOGGER), tx(2, DEPOSIT, gas=200_000)])),
    # A request system contract without code makes the block invalid (blockException).
    "prague_missing_system_contract": dict(fork="Prague", input=dict(
        alloc={SENDER: account(FUNDS), HISTORY: account(nonce=1, code=HISTORY_CODE)},
        env=env(number=2, blockHashes={"0x1": "0x" + "11" * 32}),
        txs=[tx(0, LOGGER, value=1)])),
    # Proof of work: the block reward (ommers are not compared: the specs' tool fails on them).
    "london_reward": dict(fork="London", reward=None, input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE)},
        env={"currentCoinbase": COINBASE, "currentGasLimit": hex(30_000_000), "currentNumber": "0x10",
             "currentTimestamp": "0x3e8", "currentDifficulty": "0x20000", "currentBaseFee": "0x0a"},
        txs=[tx(0, LOGGER)])),
    "london_reward_set": dict(fork="London", reward=12345, input=dict(
        alloc={SENDER: account(FUNDS)},
        env={"currentCoinbase": COINBASE, "currentGasLimit": hex(30_000_000), "currentNumber": "0x10",
             "currentTimestamp": "0x3e8", "currentDifficulty": "0x20000", "currentBaseFee": "0x0a"},
        txs=[tx(0, LOGGER, value=3)])),
    # Signed transactions as RLP (add11's txbytes, then a legacy and a type-2 one).
    "cancun_rlp_txs": dict(fork="Cancun", input=dict(
        alloc={SENDER: account(FUNDS), "0x095e7baea6a6c7c4c2dfeb977efac326af552d87": account(10**18, code="0x600160010160005500")},
        env=env(),
        txs="0xf865f863800a83061a8094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a0801ba0ffb600e63115a7362e7811894a91d8ba4330e526f22121c994c4692035dfdfd5a06198379fcac8de3dbfac48b165df4bf88e2088f294b61efb9a65fe2281c76e16")),
    # State-test mode: the first transaction only, no withdrawals or system calls.
    "cancun_state_test_mode": dict(fork="Cancun", state_test=True, input=dict(
        alloc={SENDER: account(FUNDS), LOGGER: account(code=LOGGER_CODE), BEACON_ROOTS: account(nonce=1, code=BEACON_ROOTS_CODE)},
        env=env(withdrawals=[{"index": "0x0", "validatorIndex": "0x1", "address": LOGGER, "amount": "0x5"}]),
        txs=[tx(0, LOGGER), tx(1, LOGGER)])),
}


def reference(tool, case):
    args = [tool, "t8n", "--input.alloc", "stdin", "--input.env", "stdin", "--input.txs", "stdin",
            "--output.result", "stdout", "--output.alloc", "stdout", "--state.fork", case["fork"],
            "--state.chainid", "1"]
    if case.get("reward") is not None:
        args.append(f"--state.reward={case['reward']}")
    if case.get("state_test"):
        args.append("--state-test")
    p = subprocess.run(args, input=json.dumps(case["input"]).encode(), capture_output=True, timeout=300)
    if p.returncode != 0:
        raise SystemExit(f"reference failed: {p.stderr.decode()[-400:]}")
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default=os.environ.get("EELS", "ethereum-spec-evm"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    tool = shutil.which(a.reference)
    if not tool:
        print(f"make_fixtures.py: the reference tool '{a.reference}' is missing (pip install ethereum-execution==2.20.0)",
              file=sys.stderr)
        return 2
    os.makedirs(OUT, exist_ok=True)
    stale = []
    for name, case in CASES.items():
        doc = {"_source": "scripts/t8n/make_fixtures.py; expected = ethereum-spec-evm t8n (ethereum-execution 2.20.0)",
               "fork": case["fork"], "chainid": 1, "reward": case.get("reward"), "stateTest": bool(case.get("state_test")),
               "input": case["input"], "expected": reference(tool, case)}
        text = json.dumps(doc, indent=1, sort_keys=True) + "\n"
        path = os.path.join(OUT, name + ".json")
        if a.check:
            if not os.path.exists(path) or open(path).read() != text:
                stale.append(name)
        else:
            with open(path, "w") as f:
                f.write(text)
    if stale:
        print("stale fixtures: " + ", ".join(stale), file=sys.stderr)
        return 1
    print(f"{len(CASES)} fixtures {'checked' if a.check else 'written'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
