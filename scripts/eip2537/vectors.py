#!/usr/bin/env python3
"""Stamp the EIP-2537 test vectors in Tests/Fixtures/eip2537 with the gas the execution specs charge.

The vectors (Input, Expected, Name; ExpectedError for the fail-* files) are copied from the EIPs
repository, assets/eip-2537/. Their "Gas" fields went through several drafts of the schedule, so
this script rewrites "Gas" from the final schedule as ethereum-execution (the Prague precompiles
of /work/venv-eels or any installed `ethereum` package) defines it. It fails, never silently passes,
when that package is missing.

Usage: /work/venv-eels/bin/python scripts/eip2537/vectors.py [Tests/Fixtures/eip2537]
"""
import json
import pathlib
import sys

try:
    from ethereum.forks.prague.vm import gas as G
    from ethereum.forks.prague.vm.precompiled_contracts import bls12_381 as B
except ImportError as e:  # the reference is required
    sys.exit(f"vectors.py: the execution specs (python package `ethereum`) are required: {e}")


def msm(n, per, mul, table, cap):
    k = n // per
    return k * int(mul) * (table[k - 1] if k <= 128 else cap) // 1000


GAS = {
    "add_G1_bls": lambda n: int(G.GAS_BLS_G1_ADD),
    "add_G2_bls": lambda n: int(G.GAS_BLS_G2_ADD),
    "mul_G1_bls": lambda n: msm(n, 160, G.GAS_BLS_G1_MUL, B.G1_K_DISCOUNT, B.G1_MAX_DISCOUNT),
    "msm_G1_eels": lambda n: msm(n, 160, G.GAS_BLS_G1_MUL, B.G1_K_DISCOUNT, B.G1_MAX_DISCOUNT),
    "msm_G2_eels": lambda n: msm(n, 288, G.GAS_BLS_G2_MUL, B.G2_K_DISCOUNT, B.G2_MAX_DISCOUNT),
    "msm_G1_bls": lambda n: msm(n, 160, G.GAS_BLS_G1_MUL, B.G1_K_DISCOUNT, B.G1_MAX_DISCOUNT),
    "mul_G2_bls": lambda n: msm(n, 288, G.GAS_BLS_G2_MUL, B.G2_K_DISCOUNT, B.G2_MAX_DISCOUNT),
    "msm_G2_bls": lambda n: msm(n, 288, G.GAS_BLS_G2_MUL, B.G2_K_DISCOUNT, B.G2_MAX_DISCOUNT),
    "pairing_check_bls": lambda n: 32600 * (n // 384) + 37700,
    "map_fp_to_G1_bls": lambda n: int(G.GAS_BLS_G1_MAP),
    "map_fp_to_G1_eels": lambda n: int(G.GAS_BLS_G1_MAP),
    "map_fp2_to_G2_eels": lambda n: int(G.GAS_BLS_G2_MAP),
    "map_fp2_to_G2_bls": lambda n: int(G.GAS_BLS_G2_MAP),
}

directory = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/eip2537")
files = sorted(directory.glob("*.json"))
if not files:
    sys.exit(f"vectors.py: no vector files in {directory}")
for path in files:
    vectors = json.loads(path.read_text())
    out = []
    for v in vectors:
        entry = {"Input": v["Input"], "Name": v["Name"]}
        if path.stem.startswith("fail-"):
            entry["ExpectedError"] = v.get("ExpectedError", "")
        else:
            entry["Expected"] = v["Expected"]
            entry["Gas"] = GAS[path.stem](len(v["Input"]) // 2)
        out.append(entry)
    path.write_text("[\n" + ",\n".join(json.dumps(e) for e in out) + "\n]\n")
    print(f"{path.name}: {len(out)} vectors")
