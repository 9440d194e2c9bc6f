"""The fuzzer must be able to fail: a fake porvm that crashes, hangs or prints two lines is caught.

Run: python3 -m pytest -q scripts/fuzz/tests
"""
import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("mutate_cli", HERE.parent / "mutate-cli.py")
m = importlib.util.module_from_spec(spec)
sys.modules["mutate_cli"] = m
spec.loader.exec_module(m)


@pytest.mark.parametrize("sub,code,timed_out,stderr,want", [
    ("run", 0, False, "", "ok"),
    ("run", 1, False, "a\nb\n", "ok"),
    ("run", 2, False, "porvm: gas must not be negative\n", "ok"),
    ("run", -11, False, "", "crash"),
    ("run", -4, False, "Fatal error: x\n", "crash"),
    ("run", 132, False, "", "crash"),
    ("run", 134, False, "", "crash"),
    ("run", 5, False, "", "crash"),
    ("run", None, True, "", "hang"),
    ("run", 2, False, "", "baderror"),
    ("run", 2, False, "porvm: one\ntwo\n", "baderror"),
    ("run", 2, False, "Error: not porvm's prefix\n", "baderror"),
    ("run", 2, False, "porvm: bad hex '\x1b[31m'\n", "baderror"),
    ("statetest", 1, False, "ERROR t.json: corrupt JSON\nstatetest: 1 files in 0.0 s\n", "baderror"),
    ("statetest", 1, False, "statetest: 1 files in 0.0 s\n", "ok"),
])
def test_classify(sub, code, timed_out, stderr, want):
    assert m.classify(sub, code, timed_out, stderr)[0] == want


@pytest.mark.parametrize("mode,want_exit,want", [
    ("ok", 0, None), ("usage", 0, None), ("crash", 1, "crash"), ("abort", 1, "crash"), ("weird", 1, "crash"),
    ("hang", 1, "hang"), ("twolines", 1, "baderror"), ("control", 1, "baderror"),
])
def test_fake_porvm(tmp_path, monkeypatch, capsys, mode, want_exit, want):
    fake = tmp_path / "fake-porvm"
    fake.write_text(m.FAKE_PORVM)
    fake.chmod(0o755)
    monkeypatch.setenv("FAKE_PORVM_MODE", mode)
    out = tmp_path / "out"
    code = m.fuzz(str(fake), ["run", "statetest"], seed=3, runs=2, max_seconds=None, out=out, jobs=2,
                  timeout=1.5, mem_mb=0, shared=None, quiet=True)
    assert code == want_exit
    summary = json.loads((out / "summary.json").read_text())
    for sub in ["run", "statetest"]:
        assert summary["counts"][sub]["runs"] == 2
        if want:
            assert summary["counts"][sub][want] == 2
    if want:
        repros = [p for p in out.iterdir() if p.is_dir()]
        assert repros and all((p / "cmd.sh").is_file() and (p / "meta.json").is_file() for p in repros)
        assert {d["subcommand"] for d in summary["distinct"]} == {"run", "statetest"}


def test_setup_error_exit_2(tmp_path):
    assert m.main(["--porvm", str(tmp_path / "missing"), "--runs", "1"]) == 2
    assert m.main(["--porvm", sys.executable, "--subcommands", "nope", "--runs", "1"]) == 2


def test_same_seed_same_cases(tmp_path):
    seeds = m.Seeds(m.REPO, None, tmp_path)
    for sub, gen in m.GENERATORS.items():
        for i in range(5):
            a, b = gen(random.Random(f"9:{sub}:{i}"), seeds), gen(random.Random(f"9:{sub}:{i}"), seeds)
            assert (a.args, a.files, a.env) == (b.args, b.files, b.env)


def test_mutations_reach_the_extremes(tmp_path):
    seeds = m.Seeds(m.REPO, None, tmp_path)
    texts = []
    for i in range(300):
        c = m.gen_scenario(random.Random(f"1:scenario:{i}"), seeds)
        texts.extend(v for v in c.files.values())
    blob = b"\n".join(texts)
    assert b"&a0" in blob or b"&x0" in blob          # YAML alias bombs
    assert b"[[[[[[[[" in blob                        # deep nesting
    assert b"1e309" in blob or b"9223372036854775808" in blob
