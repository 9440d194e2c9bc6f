"""porvm's traces of the PoR contracts' transactions equal revm's, step for step.

Runs `porvm scenario Scenarios/trace-por.yaml --trace DIR` (porvm from $PORVM, else the
newer of .build/release/porvm and .build/debug/porvm) and replays the report, both mints and the
upkeep on pyrevm. Also proves the comparison can fail: a trace with one gas figure or one
stack item changed must be reported.

    .venv-fuzz/bin/python -m pytest -q scripts/trace/test_compare_revm.py
"""
import glob
import os
import subprocess

import pytest

import compare_revm as c

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def porvm_binary():
    """$PORVM, else the newer of the release and debug builds."""
    if os.environ.get("PORVM"):
        return os.path.join(ROOT, os.environ["PORVM"])
    built = [os.path.join(ROOT, ".build", k, "porvm") for k in ("release", "debug")]
    built = [p for p in built if os.path.isfile(p)]
    return max(built, key=os.path.getmtime) if built else None


@pytest.fixture(scope="module")
def traces(tmp_path_factory):
    porvm = porvm_binary()
    if porvm is None:
        pytest.skip("no porvm binary: build it or set PORVM")
    out = tmp_path_factory.mktemp("traces")
    r = subprocess.run([porvm, "scenario", os.path.join(ROOT, "Scenarios", "trace-por.yaml"), "--trace", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    return str(out)


def one(traces, fragment):
    files = [f for f in glob.glob(os.path.join(traces, "*.jsonl")) if fragment in os.path.basename(f)]
    assert len(files) == 1, f"expected one trace named *{fragment}*, got {files}"
    return files[0]


# The transactions the issue names: a signed report, the mint accepted and refused
# (ReservesExceeded), and the upkeep that trips the breaker (see Scenarios/trace-por.yaml).
@pytest.mark.parametrize("fragment,passes,min_depth", [
    ("step2-feed.transmit", True, 1),          # its ecrecover calls run no steps
    ("step3-token.mint", True, 2),             # reads the feed
    ("step4-token.mint", False, 2),            # ReservesExceeded(101, 100)
    ("step6-breaker.performUpkeep", True, 2),  # pauses the token
])
def test_trace_equals_revm(traces, fragment, passes, min_depth):
    path = one(traces, fragment)
    with open(path) as f:
        lines = f.read().splitlines()
    ours = c.steps(lines)
    assert len(ours) > 100
    assert max(s["depth"] for s in ours) >= min_depth
    assert c.summary(lines)["pass"] is passes
    assert c.check_file(path) is None


def test_setup_transactions_equal_revm(traces):
    """The deployments and configuration calls of setup_por, creations included."""
    files = sorted(glob.glob(os.path.join(traces, "*-step1-*.jsonl")))
    assert len(files) == 7
    for f in files:
        assert c.check_file(f) is None, f


def perturbed(path, tmp_path, edit):
    """A copy of the trace and its pre-state with `edit` applied to the 50th step."""
    with open(path) as f:
        lines = f.read().splitlines()
    obj = c.json.loads(lines[49])
    edit(obj)
    lines[49] = c.json.dumps(obj)
    out = tmp_path / os.path.basename(path)
    out.write_text("\n".join(lines) + "\n")
    pre = path[: -len(".jsonl")] + ".pre.json"
    (tmp_path / os.path.basename(pre)).write_text(open(pre).read())
    return str(out)


def test_a_changed_gas_cost_is_caught(traces, tmp_path):
    path = perturbed(one(traces, "step4-token.mint"), tmp_path,
                     lambda o: o.update(gasCost=hex(int(o["gasCost"], 16) + 1)))
    diff = c.check_file(path)
    assert diff is not None and diff.startswith("step 50 differs in gasCost")


def test_a_changed_stack_item_is_caught(traces, tmp_path):
    def edit(o):
        o["stack"] = o["stack"] + ["0x1"]
    diff = c.check_file(perturbed(one(traces, "step6-breaker.performUpkeep"), tmp_path, edit))
    assert diff is not None and "stack" in diff.splitlines()[0]


def test_a_changed_receipt_gas_is_caught(traces, tmp_path):
    path = one(traces, "step3-token.mint")
    lines = open(path).read().splitlines()
    s = c.json.loads(lines[-1])
    s["gasUsed"] = hex(int(s["gasUsed"], 16) - 1)
    lines[-1] = c.json.dumps(s)
    out = tmp_path / os.path.basename(path)
    out.write_text("\n".join(lines) + "\n")
    pre = path[: -len(".jsonl")] + ".pre.json"
    (tmp_path / os.path.basename(pre)).write_text(open(pre).read())
    diff = c.check_file(str(out))
    assert diff is not None and diff.startswith("summaries differ")


def test_number_formats_are_normalised():
    a = c.steps(['{"pc":1,"op":96,"gas":"0x0a","gasCost":"0x3","stack":["0x00ff"],"depth":1}'])
    b = c.steps(['{"pc":"0x1","op":96,"gas":"10","gasCost":"3","stack":["255"],"depth":"1"}'])
    assert c.compare(a, b) is None
