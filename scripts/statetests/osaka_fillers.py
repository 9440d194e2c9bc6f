#!/usr/bin/env python3
"""Writes the Osaka fillers (Fixtures/statefillers/eip7939_clz.json, eip7951_p256verify.json,
eip7883_modexp_gas.json, eip7825_gas_cap.json, eip7594_blob_count.json): the contracts and
transactions of each case, without expected values. scripts/statetests/fill.py then takes the
post-state of every case from ethereum-spec-evm t8n. Issue 13.

usage: osaka_fillers.py   (then: ETHEREUM_SPEC_EVM=... python3 scripts/statetests/fill.py <filler>)
"""
import json, os
OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "Fixtures", "statefillers"))
os.makedirs(OUT, exist_ok=True)
SENDER = "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"
KEY = "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"
ENV = {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x055d4a80",
       "currentNumber": "0x01", "currentTimestamp": "0x03e8",
       "currentRandom": "0x" + "00" * 32, "currentDifficulty": "0x00", "currentBaseFee": "0x07",
       "currentExcessBlobGas": "0x00"}

def acct(code="0x", balance="0x00"):
    return {"balance": balance, "nonce": "0x00", "code": code, "storage": {}}

def w(n): return "%064x" % n

def test(comment, pre, to, data, gas, forks, exceptions=None):
    exceptions = exceptions or {}
    post = {}
    for fork in forks:
        cases = []
        for d in range(len(data)):
            for g in range(len(gas)):
                c = {"indexes": {"data": d, "gas": g, "value": 0}}
                e = exceptions.get((fork, d, g))
                if e: c["expectException"] = e
                cases.append(c)
        post[fork] = cases
    pre = dict(pre)
    pre[SENDER] = acct(balance="0x0de0b6b3a7640000")
    return {"_info": {"comment": comment}, "env": ENV, "config": {"chainid": "0x01"}, "pre": pre,
            "transaction": {"nonce": "0x00", "maxPriorityFeePerGas": "0x01", "maxFeePerGas": "0x0a",
                            "gasLimit": gas, "to": to, "value": ["0x00"], "data": data,
                            "sender": SENDER, "secretKey": KEY, "accessLists": [[] for _ in data]},
            "post": post}

def dump(name, tests):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(tests, f, indent=1)
        f.write("\n")

# --- EIP-7939 CLZ
CLZ_AT = "0x00000000000000000000000000000000000c1a00"
UNDER_AT = "0x00000000000000000000000000000000000c1a01"
# slot 0 = CLZ(first calldata word): PUSH0 CALLDATALOAD CLZ PUSH0 SSTORE
# slot 1 = gas between two GAS readings around PUSH1 1 CLZ POP (3 + 5 + 2, and GAS 2)
clz_code = ("5f351e5f55"
            "5a60011e505a9003600155"
            # slot 2 = 1 when a call to CLZ-on-an-empty-stack fails (stack underflow)
            "5f5f5f5f5f62" + UNDER_AT[-6:] + "5af11560025500")
inputs = [0, 1, 1 << 255, (1 << 256) - 1, (1 << 255) - 1, (1 << 128) - 1, 1 << 64, 0x1234]
dump("eip7939_clz.json", {"clz": test(
    "EIP-7939 CLZ (0x1e): slot 0 = CLZ(first calldata word), slot 1 = gas of PUSH1 CLZ POP GAS between two GAS "
    "readings, slot 2 = 1 when a call to code running CLZ on an empty stack fails. Prague: 0x1e is undefined, "
    "the call fails as an invalid opcode.",
    {CLZ_AT: acct("0x" + clz_code), UNDER_AT: acct("0x1e00")}, CLZ_AT,
    ["0x" + w(x) for x in inputs], ["0x0186a0"], ["Prague", "Osaka"])})

# --- precompile caller: calldata = call gas word ‖ precompile input; slot 0 = success,
# slot 1 = first output word, slot 2 = RETURNDATASIZE, slot 3 = gas from before the pushes to after the call.
def caller(address):
    return ("0x"
            "60203603" "6020" "5f" "37"          # CALLDATACOPY(0, 32, CALLDATASIZE - 32)
            "5a"                                 # GAS (g1)
            "6020" "610200" "60203603" "5f"      # retSize 32, retOffset 0x200, argsSize, argsOffset 0
            "61" + "%04x" % address +            # address
            "5f35" "fa"                          # gas = calldata word 0; STATICCALL
            "5a" "90" "5f55"                     # GAS (g2), SWAP1, slot 0 = success
            "9003" "600355"                      # slot 3 = g1 - g2
            "61020051" "600155"                  # slot 1 = mload(0x200)
            "3d" "600255" "00")                  # slot 2 = RETURNDATASIZE

P256_AT = "0x00000000000000000000000000000000000c1a10"
H = "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
R = "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
S = "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
QX = "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
QY = "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"
N = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
P = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
valid = H + R + S + QX + QY
p256_inputs = [
    (100000, valid), (6900, valid), (6899, valid),
    (100000, H[:-1] + "4" + R + S + QX + QY),          # other hash
    (100000, valid[:-2]), (100000, valid + "00"), (100000, ""),
    (100000, H + w(0) + S + QX + QY), (100000, H + R + N + QX + QY),
    (100000, H + R + S + P + QY), (100000, H + R + S + w(0) + w(0)),
    (100000, H + R + S + QX + QY[:-1] + "f"),          # off the curve
]
dump("eip7951_p256verify.json", {"p256verify": test(
    "EIP-7951 P256VERIFY at 0x100 via STATICCALL with the gas in calldata word 0: the Wycheproof vector #1 of "
    "the EIP's assets (valid) with 100000, 6900 and 6899 gas, then invalid inputs: other hash, 159 and 161 "
    "bytes, empty, r = 0, s = n, qx = p, the point (0, 0), a point off the curve. Slots: 0 success, 1 output "
    "word, 2 RETURNDATASIZE, 3 gas around the call. Prague: 0x100 is an empty account.",
    {P256_AT: acct(caller(0x100))}, P256_AT,
    ["0x" + w(g) + x for g, x in p256_inputs], ["0x0f4240"], ["Prague", "Osaka"])})

MODEXP_AT = "0x00000000000000000000000000000000000c1a05"
def mx(b, e, m, body=""): return w(b) + w(e) + w(m) + body
modexp_inputs = [
    mx(1, 1, 1, "030305"),                                           # 3^3 mod 5
    mx(32, 64, 32, "00" * 31 + "02" + "00" * 31 + "01" + "00" * 32 + "ff" * 32),
    mx(64, 32, 64, "ff" * 64 + "80" + "00" * 31 + "ee" * 64),
    mx(0, 0, 1024),
    mx(1, 33, 1, "02" + "ff" * 33 + "07"),
    mx(1, 1024, 1, "02" + "ff" * 1024 + "07"),
    mx(1024, 1, 1024, "03" * 1024 + "05" + "09" * 1024),
    mx(1025, 1, 1, "02" + "00" * 1024 + "03" + "07"),                # EIP-7823: too long base
    mx(1, 1025, 1, "02"),
    mx(1, 1, 1025, "0203"),
    mx(0, 0, 0),
]
dump("eip7883_modexp_gas.json", {"modexp_gas": test(
    "MODEXP (0x05) via STATICCALL with 2,000,000 gas, priced by EIP-2565 in Prague and EIP-7883 in Osaka, "
    "EIP-7823 rejecting any length above 1024 bytes in Osaka. Inputs: 3^3 mod 5; Blen = Mlen = 32 with a "
    "64-byte exponent; 64-byte numbers with exponent 2^255; Mlen = 1024 alone; 33- and 1024-byte exponents "
    "of 0xff; all three 1024; Blen, Elen, Mlen of 1025 each; nothing. Slots: 0 success, 1 first output word, "
    "2 RETURNDATASIZE, 3 gas around the call.",
    {MODEXP_AT: acct(caller(0x05))}, MODEXP_AT,
    ["0x" + w(2_000_000) + x for x in modexp_inputs], ["0x4c4b40"], ["Prague", "Osaka"])})

CAP_AT = "0x00000000000000000000000000000000000c1a25"
gas = ["0x1000000", "0x1000001", "0x0186a0"]
dump("eip7825_gas_cap.json", {"tx_gas_limit_cap": test(
    "EIP-7825: a transaction may ask for at most 2^24 = 16,777,216 gas from Osaka. The contract stores GAS "
    "in slot 0. Gas limits 2^24 (valid), 2^24 + 1 (invalid in Osaka, valid in Prague), 100000.",
    {CAP_AT: acct("0x5a5f5500")}, CAP_AT, ["0x"], gas, ["Prague", "Osaka"],
    {("Osaka", 0, 1): "TransactionException.GAS_LIMIT_EXCEEDS_MAXIMUM"})})

# --- EIP-7594 blobs per transaction
BLOB_AT = "0x00000000000000000000000000000000000c1a94"
def blob_test():
    t = test("EIP-7594: from Osaka a blob transaction carries at most 6 blobs, though the block may hold 9 "
             "(EIP-7691). The contract stores BLOBHASH(0), BLOBHASH(5) and BLOBHASH(6) in slots 0, 1, 2. "
             "Transactions with 1, 6, 7 and 9 blobs: 7 and 9 are invalid in Osaka, valid in Prague.",
             {BLOB_AT: acct("0x5f495f55600549600155600649600255" + "00")}, BLOB_AT,
             ["0x"], ["0x0186a0"], ["Prague", "Osaka"])
    return t
hashes = ["0x01" + "%062x" % (i + 1) for i in range(9)]
tests = {}
for n in (1, 6, 7, 9):
    t = blob_test()
    t["transaction"]["blobVersionedHashes"] = hashes[:n]
    t["transaction"]["maxFeePerBlobGas"] = "0x0a"
    if n > 6:
        t["post"]["Osaka"][0]["expectException"] = "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED"
    tests["blobs_%d" % n] = t
dump("eip7594_blob_count.json", tests)
