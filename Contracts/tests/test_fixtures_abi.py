"""The Fixtures are current, deployable, and ABI-identical to the Solidity interfaces."""
import json
import subprocess
import sys
from pathlib import Path

import boa
import pytest
from eth_abi import encode

from conftest import ROOT, ZERO, selector

FIX = ROOT / "Fixtures"
SOL = ROOT.parent / "shared" / "solidity-artifacts"


def load(name):
    return json.loads((FIX / f"{name}.json").read_text())


def sigs(abi, kind):
    out = {}
    for e in abi:
        if e.get("type") != kind:
            continue
        key = f'{e["name"]}({",".join(i["type"] for i in e["inputs"])})'
        if kind == "function":
            out[key] = tuple(o["type"] for o in e["outputs"])
        else:
            out[key] = tuple(bool(i.get("indexed")) for i in e["inputs"])
    return out


def test_fixtures_up_to_date():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build-fixtures.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_error_selectors_in_abi():
    for name in ("SecureMintToken", "ReserveCircuitBreaker", "PoRAddressList"):
        art = load(name)
        errs = {f'{e["name"]}({",".join(i["type"] for i in e["inputs"])})' for e in art["abi"] if e["type"] == "error"}
        assert errs == set(art["errorSelectors"])
        for sig, sel in art["errorSelectors"].items():
            assert selector(sig).hex() == sel


def need(name):
    p = SOL / f"{name}.json"
    if not p.is_file():
        pytest.skip("../shared/solidity-artifacts absent")
    return json.loads(p.read_text())["abi"]


def assert_subset(ours, theirs, names_fn, kind):
    o, t = sigs(ours, kind), sigs(theirs, kind)
    for key in names_fn:
        assert key in t, f"{key} not in the Solidity ABI"
        assert key in o, f"{key} missing"
        assert o[key] == t[key], f"{key}: {o[key]} != {t[key]}"


V3 = ["decimals()", "description()", "version()", "getRoundData(uint80)", "latestRoundData()",
      "latestAnswer()", "latestTimestamp()", "latestRound()", "getAnswer(uint256)", "getTimestamp(uint256)"]


def test_aggregator_matches_mock_v3_and_ocr2():
    ours = load("PoRAggregator")["abi"]
    assert_subset(ours, need("MockV3Aggregator"), V3, "function")
    assert_subset(ours, need("MockV3Aggregator"),
                  ["AnswerUpdated(int256,uint256,uint256)", "NewRound(uint256,address,uint256)"], "event")
    assert_subset(ours, need("OCR2Aggregator"), V3 + [
        "latestConfigDetails()", "latestTransmissionDetails()", "minAnswer()", "maxAnswer()", "owner()",
        "typeAndVersion()", "getTransmitters()", "transferOwnership(address)", "acceptOwnership()"], "function")
    assert_subset(ours, need("OCR2Aggregator"), ["AnswerUpdated(int256,uint256,uint256)",
                  "NewRound(uint256,address,uint256)", "OwnershipTransferRequested(address,address)",
                  "OwnershipTransferred(address,address)"], "event")
    # the output names of the v3 tuple follow the interface
    lrd = next(e for e in ours if e.get("name") == "latestRoundData")
    assert [o["name"] for o in lrd["outputs"]] == ["roundId", "answer", "startedAt", "updatedAt", "answeredInRound"]


def test_token_matches_erc20():
    ours = load("SecureMintToken")["abi"]
    theirs = need("WERC20Mock")
    assert_subset(ours, theirs, ["name()", "symbol()", "decimals()", "totalSupply()", "balanceOf(address)",
                                 "allowance(address,address)", "transfer(address,uint256)",
                                 "approve(address,uint256)", "transferFrom(address,address,uint256)",
                                 "mint(address,uint256)"], "function")
    assert_subset(ours, theirs, ["Transfer(address,address,uint256)", "Approval(address,address,uint256)"], "event")
    for ev in ("Transfer", "Approval"):
        a = next(e for e in ours if e.get("name") == ev and e["type"] == "event")
        b = next(e for e in theirs if e.get("name") == ev and e["type"] == "event")
        assert [i["name"] for i in a["inputs"]] == [i["name"] for i in b["inputs"]]


def test_breaker_matches_automation_interface():
    ours = load("ReserveCircuitBreaker")["abi"]
    assert_subset(ours, need("UpkeepMock"), ["checkUpkeep(bytes)", "performUpkeep(bytes)"], "function")


def test_fixture_bytecode_deploys_and_runtime_layout():
    """Creation code from the fixture deploys; on-chain code = deployedBytecode + immutables."""
    art = load("PoRAggregator")
    args = encode(["uint8", "string", "int192", "int192"], [8, "WBTC PoR", 1, 10**30])
    addr, _ = boa.env.deploy_code(bytecode=bytes.fromhex(art["bytecode"][2:]) + args)
    code = boa.env.get_code(addr)
    runtime = bytes.fromhex(art["deployedBytecode"][2:])
    assert code.startswith(runtime) and len(code) > len(runtime)
    agg = boa.loads_abi(json.dumps(art["abi"]), name="PoRAggregator").at(addr)
    assert agg.decimals() == 8 and agg.description() == "WBTC PoR" and agg.latestRoundData() == (0, 0, 0, 0, 0)

    tok = load("SecureMintToken")
    args = encode(["string", "string", "uint8", "address", "uint256", "uint256"],
                  ["Wrapped BTC", "WBTC", 8, ZERO, 3600, 0])
    addr, _ = boa.env.deploy_code(bytecode=bytes.fromhex(tok["bytecode"][2:]) + args)
    assert boa.env.get_code(addr) == bytes.fromhex(tok["deployedBytecode"][2:])  # no immutables


def test_transmit_vector_current_and_self_consistent():
    r = subprocess.run([sys.executable, str(ROOT / "Contracts" / "tests" / "make_vector.py"), "--check"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    from eth_hash.auto import keccak
    from eth_keys import keys
    v = json.loads((FIX / "vectors" / "PoRAggregator-transmit.json").read_text())
    sc = v["setConfig"]
    raw = keccak(encode(["uint256", "address", "uint64", "address[]", "address[]", "uint8"],
                        [v["chainId"], v["aggregatorAddress"], 1, sc["signers"], sc["transmitters"], 1]))
    assert v["configDigest"] == "0x0001" + raw[2:].hex()
    t = v["transmit"]
    h = keccak(encode(["bytes32", "uint40", "int192[]", "bytes"],
                      [bytes.fromhex(v["configDigest"][2:]), t["epochAndRound"], t["observations"],
                       bytes.fromhex(t["observers"][2:])]))
    assert "0x" + h.hex() == t["reportHash"]
    vs = bytes.fromhex(t["rawVs"][2:])
    for i, idx in enumerate(t["signedBySignerIndexes"]):
        sig = keys.Signature(vrs=(vs[i], int(t["rs"][i], 16), int(t["ss"][i], 16)))
        assert sig.recover_public_key_from_msg_hash(h).to_checksum_address() == sc["signers"][idx]
