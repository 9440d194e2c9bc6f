#!/usr/bin/env python3
"""A deliberately wrong porvm for difffuzz's self-test: runs the real `porvm exec` (path in
$REAL_PORVM) and alters its answers. FAKE_MODE=gas-exp: one more gas used whenever EXP ran;
FAKE_MODE=storage: a stored value in the post-state is off by one."""
import json
import os
import subprocess
import sys

real = subprocess.Popen([os.environ["REAL_PORVM"]] + sys.argv[1:], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, text=True, bufsize=1)
mode = os.environ.get("FAKE_MODE", "gas-exp")
for line in sys.stdin:
    real.stdin.write(line)
    real.stdin.flush()
    res = json.loads(real.stdout.readline())
    if mode == "gas-exp" and int(res.get("ops", "0"), 16) >> 0x0A & 1:
        res["gasUsed"] += 1
    if mode == "storage":
        for acc in res.get("post", {}).values():
            if acc["storage"]:
                k = sorted(acc["storage"])[0]
                acc["storage"][k] = hex(int(acc["storage"][k], 16) + 1)
                break
    sys.stdout.write(json.dumps(res) + "\n")
    sys.stdout.flush()
real.stdin.close()
real.wait()
