"""Tests of the t8n comparison (issue 13): it must catch a changed porvm output, and only allow
the documented differences. The end-to-end tests need `PORVM` (a porvm binary) and `EELS` (the
reference `ethereum-spec-evm`); without them they are reported as skipped, never passed.

data/add11.json is ethereum/tests' GeneralStateTests/stExample/add11.json (commit 4c87ebbf),
copied as data.
"""
import copy
import json
import os
import stat
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import compare  # noqa: E402

PORVM = os.environ.get("PORVM")
EELS = os.environ.get("EELS")
needs_tools = pytest.mark.skipif(not (PORVM and EELS), reason="PORVM and EELS must name porvm and ethereum-spec-evm")

OUTPUT = {
    "alloc": {"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {"balance": "0x10", "nonce": "0x1"}},
    "result": {"stateRoot": "0x01", "gasUsed": "0xa868", "currentBaseFee": "0xa", "currentExcessBlobGas": "0x0",
               "rejected": [{"index": 1, "error": "Failed transaction: NonceMismatchError('nonce too high')"}],
               "receipts": [{"cumulativeGasUsed": "0xa868", "logs": []}]},
}


def test_equal_outputs_agree():
    assert compare.compare(OUTPUT, copy.deepcopy(OUTPUT)) == ("agree", "")


@pytest.mark.parametrize("path,value,where", [
    (("result", "gasUsed"), "0xa869", "result.gasUsed"),
    (("result", "stateRoot"), "0x02", "result.stateRoot"),
    (("alloc", "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b", "balance"), "0x11", "balance"),
    (("result", "currentBaseFee"), None, "result.currentBaseFee"),
])
def test_a_changed_field_is_caught(path, value, where):
    ours = copy.deepcopy(OUTPUT)
    node = ours
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value
    verdict, detail = compare.compare(ours, OUTPUT)
    assert verdict == "differ" and where in detail


def test_receipts_and_rejections_are_compared():
    ours = copy.deepcopy(OUTPUT)
    ours["result"]["receipts"][0]["cumulativeGasUsed"] = "0x1"
    assert compare.compare(ours, OUTPUT)[0] == "differ"
    ours = copy.deepcopy(OUTPUT)
    ours["result"]["rejected"][0]["index"] = 2
    assert compare.compare(ours, OUTPUT)[0] == "differ"
    ours = copy.deepcopy(OUTPUT)
    ours["result"]["rejected"] = []
    assert compare.compare(ours, OUTPUT)[0] == "differ"
    ours = copy.deepcopy(OUTPUT)
    del ours["alloc"]["0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"]
    assert compare.compare(ours, OUTPUT)[0] == "differ"


def test_only_the_documented_differences_are_allowed():
    ours = copy.deepcopy(OUTPUT)
    ours["result"]["blobGasUsed"] = "0x0"
    assert compare.compare(ours, OUTPUT)[0] == "agree"
    ours["result"]["somethingElse"] = "0x0"
    assert compare.compare(ours, OUTPUT)[0] == "differ"
    ours = copy.deepcopy(OUTPUT)
    ours["result"]["rejected"][0]["error"] = "nonce mismatch"
    assert compare.compare(ours, OUTPUT)[0] == "agree-reason-text"
    ours = copy.deepcopy(OUTPUT)
    ours["alloc"]["0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b"]["blobGasUsed"] = "0x0"
    assert compare.compare(ours, OUTPUT)[0] == "differ"


def test_a_porvm_failure_differs():
    assert compare.compare({"error": "porvm exit 2: bad"}, OUTPUT)[0] == "differ"


def run_compare(porvm, reference):
    return subprocess.run([sys.executable, os.path.join(os.path.dirname(HERE), "compare.py"), os.path.join(HERE, "data"),
                           "--porvm", porvm, "--reference", reference, "--jobs", "1"],
                          capture_output=True, text=True, timeout=600)


@needs_tools
def test_porvm_agrees_with_the_reference_on_add11():
    p = run_compare(PORVM, EELS)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "1 agree" in p.stdout


@needs_tools
@pytest.mark.parametrize("jq", [
    'o["result"]["gasUsed"] = "0x1"',
    'o["alloc"][next(iter(o["alloc"]))]["balance"] = "0x1"',
    'o["result"]["receipts"][0]["succeeded"] = False',
])
def test_a_changed_porvm_output_fails_the_run(tmp_path, jq):
    wrapper = tmp_path / "porvm"
    wrapper.write_text(f"""#!{sys.executable}
import json, subprocess, sys
p = subprocess.run([{PORVM!r}] + sys.argv[1:], stdin=sys.stdin, capture_output=True, text=True)
o = json.loads(p.stdout)
{jq}
print(json.dumps(o))
""")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    p = run_compare(str(wrapper), EELS)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "1 differ" in p.stdout


@needs_tools
def test_a_missing_reference_fails():
    p = run_compare(PORVM, "/nonexistent/ethereum-spec-evm")
    assert p.returncode == 2 and "missing" in p.stderr
