#!/usr/bin/env python3
"""Runs every case of the standard EVM benchmarks once through `porvm bench` and checks its
output against expected_outputs.json. Usage: check-bench-outputs.py BENCH_DIR PORVM"""
import json, os, subprocess, sys, tempfile

bench_dir, porvm = sys.argv[1], sys.argv[2]
expected = json.load(open(os.path.join(bench_dir, "expected_outputs.json")))
root = os.path.join(bench_dir, "statetest")
passed = failed = 0
for group in sorted(os.listdir(root)):
    for fn in sorted(os.listdir(os.path.join(root, group))):
        if not fn.endswith(".json"):
            continue
        (_, t), = json.load(open(os.path.join(root, group, fn))).items()
        code = t["pre"][t["transaction"]["to"].lower()]["code"][2:]
        labels = t.get("_info", {}).get("labels", {})
        with tempfile.NamedTemporaryFile("w", suffix=".hex", delete=False) as f:
            f.write(code)
        for i, data in enumerate(t["transaction"]["data"]):
            case = f"{group}/{fn[:-5]}/{labels.get(str(i), str(i))}"
            out = subprocess.run([porvm, "bench", "--code", "@" + f.name, "--input", data[2:], "--iterations", "1"],
                                 capture_output=True, text=True)
            got = next((l.split(":", 1)[1].strip() for l in out.stdout.splitlines() if l.startswith("output:")), None)
            if out.returncode == 0 and got == expected.get(case):
                passed += 1
            else:
                failed += 1
                print(f"FAIL {case}: expected {expected.get(case)!r} got {got!r} {out.stderr.strip()[:200]}")
        os.unlink(f.name)
print(f"benchmarks: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
