"""Shows that difffuzz can fail: a porvm that is wrong on purpose is caught and shrunk.

Run: .venv-fuzz/bin/python -m pytest scripts/fuzz/tests (porvm built in .build/release)."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FUZZ = HERE.parent / "difffuzz.py"
PORVM = os.environ.get("PORVM", str(ROOT / ".build" / "release" / "porvm"))

pytestmark = pytest.mark.skipif(not os.access(PORVM, os.X_OK), reason=f"porvm not built at {PORVM}")


def run(tmp_path, *args, env=None):
    return subprocess.run([sys.executable, str(FUZZ), "--out", str(tmp_path), "--quiet", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=600)


def test_real_porvm_agrees(tmp_path):
    r = run(tmp_path, "--porvm", PORVM, "--count", "200", "--seed", "7")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "difffuzz: 200 programs, 0 divergences (seed 7" in r.stdout


@pytest.mark.parametrize("mode", ["gas-exp", "storage"])
def test_wrong_porvm_is_caught_and_shrunk(tmp_path, mode):
    fake = str(HERE / "fake_porvm.py")
    r = run(tmp_path, "--porvm", fake, "--count", "300", "--seed", "3", "--max-divergences", "1",
            env={"REAL_PORVM": PORVM, "FAKE_MODE": mode})
    assert r.returncode == 1, r.stdout + r.stderr
    assert "DIVERGENCE" in r.stderr
    repro = sorted(tmp_path.glob("divergence-*.json"))
    assert repro, list(tmp_path.iterdir())
    data = json.loads(repro[0].read_text())
    main = data["case"]["pre"]["0x0000000000000000000000000000000000c0de00"]["code"]
    original = data["original_case"]["pre"]["0x0000000000000000000000000000000000c0de00"]["code"]
    assert len(main) < len(original)
    if mode == "gas-exp":
        assert any("gasUsed" in d for d in data["differences"])
        # shrunk to the EXP and little else: EXP with its operands (or an EXP inside init code
        # or a called contract, reached by the one unit that remains)
        assert "0a" in main or any("0a" in acc.get("code", "") for acc in data["case"]["pre"].values())
        assert len(data["disassembly"]["0x0000000000000000000000000000000000c0de00"].split()) < \
            len(original) // 2  # far fewer instructions than the original had bytes
    else:
        assert any("storage" in d for d in data["differences"])
    # the reproducer runs as it is through porvm exec (the real one agrees with revm on it)
    case = repro[0].with_suffix("").with_suffix(".case.jsonl")
    out = subprocess.run([PORVM, "exec"], stdin=open(case), capture_output=True, text=True)
    assert out.returncode == 0 and json.loads(out.stdout)["status"] in ("success", "revert", "halt")


def test_missing_pyrevm_or_porvm_is_a_setup_error(tmp_path):
    r = run(tmp_path, "--porvm", str(tmp_path / "no-such-porvm"), "--count", "1")
    assert r.returncode == 2
    assert "setup error" in r.stderr
    env = {"PYTHONPATH": str(tmp_path)}
    (tmp_path / "pyrevm.py").write_text("raise ImportError('hidden for the test')\n")
    r = subprocess.run([sys.executable, str(FUZZ), "--porvm", PORVM, "--count", "1"],
                       capture_output=True, text=True, env={**os.environ, **env})
    assert r.returncode == 2 and "cannot import pyrevm" in r.stderr
