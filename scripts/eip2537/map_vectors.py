#!/usr/bin/env python3
"""More MAP_FP_TO_G1 / MAP_FP2_TO_G2 vectors beside the EIP's five each: expected outputs from the
functions the execution specs' Prague precompiles call (py_ecc's clear_cofactor_G*(map_to_curve_G*(u))),
for u = 0, 1, p − 1 and random field elements (fixed seed).

Usage: /work/venv-eels/bin/python scripts/eip2537/map_vectors.py [Tests/Fixtures/eip2537]
then scripts/eip2537/vectors.py to stamp the gas.
"""
import json
import pathlib
import random
import sys

try:
    from py_ecc.bls.hash_to_curve import clear_cofactor_G1, clear_cofactor_G2, map_to_curve_G1, map_to_curve_G2
    from py_ecc.fields import optimized_bls12_381_FQ as FQ, optimized_bls12_381_FQ2 as FQ2
    from py_ecc.optimized_bls12_381 import normalize, field_modulus as P
except ImportError as e:
    sys.exit(f"map_vectors.py: py_ecc (installed with the execution specs) is required: {e}")

directory = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/Fixtures/eip2537")
rng = random.Random(2537_2)
fp = lambda v: "%0128x" % int(v)

g1 = []
for i, u in enumerate([0, 1, P - 1] + [rng.randrange(P) for _ in range(20)]):
    x, y = normalize(clear_cofactor_G1(map_to_curve_G1(FQ(u))))
    g1.append({"Input": fp(u), "Name": f"eels_g1map_{i}", "Expected": fp(x) + fp(y)})
g2 = []
for i, (a, b) in enumerate([(0, 0), (1, 0), (0, 1), (P - 1, P - 1)] + [(rng.randrange(P), rng.randrange(P)) for _ in range(8)]):
    x, y = normalize(clear_cofactor_G2(map_to_curve_G2(FQ2([a, b]))))
    g2.append({"Input": fp(a) + fp(b), "Name": f"eels_g2map_{i}",
               "Expected": fp(x.coeffs[0]) + fp(x.coeffs[1]) + fp(y.coeffs[0]) + fp(y.coeffs[1])})
(directory / "map_fp_to_G1_eels.json").write_text(json.dumps(g1))
(directory / "map_fp2_to_G2_eels.json").write_text(json.dumps(g2))
print(f"map_fp_to_G1_eels.json: {len(g1)}, map_fp2_to_G2_eels.json: {len(g2)}")
