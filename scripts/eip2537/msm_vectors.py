#!/usr/bin/env python3
"""MSM vectors for EIP-2537 with expected outputs from the reference: py_ecc, the library the
execution specs' Prague BLS12-381 precompiles call (sum of multiply(P_i, k_i), as bls12_g1_msm and
bls12_g2_msm compute it). The EIP's own msm_G*_bls.json files (3.6 MB and 6.5 MB) are too large to
store; these add multi-point cases (k = 2 … 130, crossing the discount table's end at 128, scalars
0, 1, ≥ r and random) beside the EIP's single-point mul_G*_bls.json vectors.

Usage: /work/venv-eels/bin/python scripts/eip2537/msm_vectors.py [Tests/Fixtures/eip2537]
then scripts/eip2537/vectors.py to stamp the gas. Deterministic (fixed seed).
"""
import json
import pathlib
import random
import sys

try:
    from py_ecc.optimized_bls12_381 import G1, G2, Z1, Z2, add, multiply, normalize, curve_order
except ImportError as e:
    sys.exit(f"msm_vectors.py: py_ecc (installed with the execution specs) is required: {e}")

directory = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/eip2537")
rng = random.Random(2537)


def fp(v):
    return "%0128x" % int(v)


def enc1(p):
    if p[2] == 0:
        return "0" * 256
    x, y = normalize(p)
    return fp(x) + fp(y)


def enc2(p):
    if p[2] == p[2].zero():
        return "0" * 512
    x, y = normalize(p)
    return fp(x.coeffs[0]) + fp(x.coeffs[1]) + fp(y.coeffs[0]) + fp(y.coeffs[1])


def scalars(k):
    special = [0, 1, curve_order, curve_order + 1, 2**256 - 1]
    return [special[i] if i < len(special) and k > 2 else rng.randrange(2**256) for i in range(k)]


def vectors(gen, zero, enc, sizes, tag):
    out = []
    for k in sizes:
        points = [multiply(gen, rng.randrange(1, curve_order)) for _ in range(k)]
        if k > 3:
            points[3] = zero  # the point at infinity is a valid input
        ks = scalars(k)
        acc = zero
        data = ""
        for p, s in zip(points, ks):
            acc = add(acc, multiply(p, s))
            data += enc(p) + "%064x" % s
        out.append({"Input": data, "Name": f"eels_{tag}msm_k{k}", "Expected": enc(acc)})
    return out


(directory / "msm_G1_eels.json").write_text(json.dumps(vectors(G1, Z1, enc1, [2, 3, 5, 8, 16, 64, 130], "g1")))
(directory / "msm_G2_eels.json").write_text(json.dumps(vectors(G2, Z2, enc2, [2, 3, 5, 8, 16, 130], "g2")))
print("msm_G1_eels.json, msm_G2_eels.json written")
