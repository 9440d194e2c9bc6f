"""Self-test of evmone_ratio.py on a canned anchors.py --json document: the ratios and their
geometric mean are worked out by hand here, not taken from the script."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import evmone_ratio  # noqa: E402

CANNED = {"results": {
    "main/a": {"vg-cand": 200.0},     # 200 / 100 = 2
    "main/b": {"vg-cand": 50.0},      # 50 / 100 = 0.5
    "micro/c": {"vg-cand": 300.0},    # 300 / 300 = 1
    "micro/d": {},                    # valgrind failed: no count, left out of the mean
}}
EVMONE = {"cases": {"main/a": 100, "main/b": 100, "micro/c": 300, "micro/d": 10}}


def test_ratios_and_geomean():
    rows, geo = evmone_ratio.ratios(evmone_ratio.candidate_counts(CANNED),
                                    {k: float(v) for k, v in EVMONE["cases"].items()})
    by = {c: r for c, _p, _e, r in rows}
    assert by["main/a"] == 2.0 and by["main/b"] == 0.5 and by["micro/c"] == 1.0
    assert by["micro/d"] is None
    assert abs(geo - 1.0) < 1e-12          # (2 * 0.5 * 1) ** (1/3)


def test_uneven_geomean():
    rows, geo = evmone_ratio.ratios({"x": 8.0, "y": 2.0}, {"x": 1.0, "y": 1.0})
    assert abs(geo - 4.0) < 1e-12          # sqrt(8 * 2)


def test_cli_from_json(tmp_path, capsys):
    a = tmp_path / "anchors.json"
    e = tmp_path / "evmone.json"
    out = tmp_path / "out.json"
    a.write_text(json.dumps(CANNED))
    e.write_text(json.dumps(EVMONE))
    assert evmone_ratio.main(["--from-json", str(a), "--evmone", str(e), "--json", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc["cases"]["main/a"]["ratio"] == 2.0
    assert abs(doc["geomean"] - 1.0) < 1e-12
    text = capsys.readouterr().out
    assert "geomean" in text and "2.00" in text and "main/a" in text
