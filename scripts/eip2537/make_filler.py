#!/usr/bin/env python3
"""Writes Fixtures/statefillers/eip2537_bls_precompiles.json: a Prague (and Cancun, where
0x0b-0x11 are empty accounts) state-test filler calling each EIP-2537 precompile through a
contract, with inputs taken from Tests/Fixtures/eip2537 (valid, invalid, and exact-gas / one-short
cases). The contract stores the call's success flag, RETURNDATASIZE, keccak256 of the output and
the gas left, so the post-state root (from the reference t8n, scripts/statetests/fill.py) checks
output and gas. Calldata word 0 = (gas for the call << 160) | precompile address; the rest is the
input.

usage: python3 scripts/eip2537/make_filler.py && \
       ETHEREUM_SPEC_EVM=/work/venv-eels/bin/ethereum-spec-evm python3 scripts/statetests/fill.py \
       Fixtures/statefillers/eip2537_bls_precompiles.json
"""
import json
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
VECTORS = os.path.join(ROOT, "Tests", "Fixtures", "eip2537")

# CALLDATASIZE-32 bytes of input to memory 0; CALL(gas = w >> 160, to = w, 0, 0, size, 0, 0);
# slot 0 = success, slot 1 = RETURNDATASIZE, slot 2 = keccak256(output), slot 3 = GAS.
CODE = ("0x" + "36602090038060206000376000600082600060006000358060a01cf1" + "600055"
        + "3d600155" + "3d60006000" + "3e" + "3d600020600255" + "5a600355" + "00")
CONTRACT = "0x00000000000000000000000000000000000b1500"
SENDER = "0xad03789c8706c6d7a68eedf5907a4f7a27c3dc2e"
SECRET = "0x083fbc7059fce7c4f3eba585469f8d5a95cbf56a1ce34adf172267a1b342f78a"
ALL_GAS = 0xFFFFFFFF  # more than the call can get: CALL passes all but 1/64


def vector(file, name):
    for v in json.load(open(os.path.join(VECTORS, file + ".json"))):
        if v["Name"] == name:
            return v["Input"], v.get("Gas")
    raise SystemExit(f"make_filler.py: no vector {name} in {file}")


def data(address, payload, gas=ALL_GAS):
    return "0x" + "%064x" % ((gas << 160) | address) + payload


cases = []  # (address, file, name, gas override or None, exact-gas pair?)
plan = [
    (0x0b, "add_G1_bls", "bls_g1add_g1+p1", True), (0x0b, "add_G1_bls", "bls_g1add_(g1-g1=0)", False),
    (0x0b, "fail-add_G1_bls", "bls_g1add_point_not_on_curve", False), (0x0b, "fail-add_G1_bls", "bls_g1add_violate_top_bytes", False),
    (0x0c, "mul_G1_bls", "bls_g1mul_(g1+g1=2*g1)", True), (0x0c, "msm_G1_eels", "eels_g1msm_k3", True),
    (0x0c, "fail-mul_G1_bls", "bls_g1mul_g1_not_in_correct_subgroup", False), (0x0c, "fail-msm_G1_bls", "bls_g1msm_short_input", False),
    (0x0d, "add_G2_bls", "bls_g2add_g2+p2", True), (0x0d, "fail-add_G2_bls", "bls_g2add_point_not_on_curve", False),
    (0x0e, "mul_G2_bls", "bls_g2mul_random*g2", True), (0x0e, "msm_G2_eels", "eels_g2msm_k2", False),
    (0x0e, "fail-mul_G2_bls", "derived_g2mul_not_in_subgroup", False),
    (0x0f, "pairing_check_bls", "bls_pairing_e(G1,-G2)=e(-G1,G2)", True), (0x0f, "pairing_check_bls", "bls_pairing_non-degeneracy", False),
    (0x0f, "fail-pairing_check_bls", "bls_pairing_e(G1,G2_not_in_correct_subgroup)", False),
    (0x0f, "fail-pairing_check_bls", "bls_pairing_e(G1_not_in_correct_subgroup,0)", False),
    (0x10, "map_fp_to_G1_bls", "bls_g1map_616263", True), (0x10, "fail-map_fp_to_G1_bls", "bls_invalid_fq_element", False),
    (0x11, "map_fp2_to_G2_bls", "bls_g2map_616263", True), (0x11, "fail-map_fp2_to_G2_bls", "bls_mapg2_top_bytes", False),
]
entries = []
for address, file, name, exact in plan:
    payload, gas = vector(file, name)
    entries.append(data(address, payload))
    if exact:  # exactly the EIP's gas succeeds, one less fails
        entries.append(data(address, payload, gas))
        entries.append(data(address, payload, gas - 1))

indexes = [{"indexes": {"data": i, "gas": 0, "value": 0}} for i in range(len(entries))]
filler = {
    "eip2537_bls_precompiles": {
        "_info": {"comment": "EIP-2537 precompiles called from a contract; inputs from Tests/Fixtures/eip2537 "
                             "(scripts/eip2537/make_filler.py); expected post-states from ethereum-spec-evm t8n"},
        "config": {"chainid": "0x01"},
        "env": {"currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba", "currentGasLimit": "0x055d4a80",
                "currentNumber": "0x01", "currentTimestamp": "0x03e8",
                "currentRandom": "0x" + "00" * 32, "currentDifficulty": "0x00", "currentBaseFee": "0x07",
                "currentExcessBlobGas": "0x00"},
        "pre": {
            CONTRACT: {"nonce": "0x01", "balance": "0x00", "code": CODE, "storage": {}},
            SENDER: {"nonce": "0x00", "balance": "0x3635c9adc5dea00000", "code": "0x", "storage": {}},
        },
        "transaction": {"nonce": "0x00", "gasPrice": "0x0a", "gasLimit": ["0x1c9c380"], "to": CONTRACT,
                        "value": ["0x00"], "data": entries, "sender": SENDER, "secretKey": SECRET},
        "post": {"Cancun": indexes, "Prague": indexes},
    }
}
target = os.path.join(ROOT, "Fixtures", "statefillers", "eip2537_bls_precompiles.json")
with open(target, "w") as f:
    json.dump(filler, f, indent=1)
print(f"{os.path.relpath(target, ROOT)}: {len(entries)} inputs")
