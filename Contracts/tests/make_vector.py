#!/usr/bin/env python3
"""Write Fixtures/vectors/PoRAggregator-transmit.json: a deterministic, signed
end-to-end case (deploy, setConfig, transmit) for other EVMs / harnesses.

Run from the repository root:  ../venv-vyper/bin/python Contracts/tests/make_vector.py [--check]
"""
import json
import sys
from pathlib import Path

import boa
import rlp
from eth_abi import encode
from eth_hash.auto import keccak
from eth_keys import keys

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import Committee, ROOT  # noqa: E402

OUT = ROOT / "Fixtures" / "vectors" / "PoRAggregator-transmit.json"
CHAIN_ID = 1
DEPLOYER_KEY = keys.PrivateKey(b"\x01" * 32)
TIMESTAMP = 1_700_000_000


def build():
    art = json.loads((ROOT / "Fixtures" / "PoRAggregator.json").read_text())
    deployer = DEPLOYER_KEY.public_key.to_checksum_address()
    aggregator = "0x" + keccak(rlp.encode([bytes.fromhex(deployer[2:]), 0]))[12:].hex()
    ctor = [8, "WBTC PoR", 1, 10**30]
    ctor_hex = encode(["uint8", "string", "int192", "int192"], ctor)

    with boa.env.anchor():
        boa.env.evm.patch.chain_id = CHAIN_ID
        boa.env.evm.patch.timestamp = TIMESTAMP
        boa.env.eoa = deployer
        addr, _ = boa.env.deploy_code(bytecode=bytes.fromhex(art["bytecode"][2:]) + ctor_hex,
                                      override_address=aggregator)
        agg = boa.loads_abi(json.dumps(art["abi"]), name="PoRAggregator").at(addr)
        c = Committee(n=4, f=1, seed=0x10)  # signer keys 0x1010…10 .. 0x1313…13
        c.transmitters = [deployer, "0x" + "a1" * 20, "0x" + "a2" * 20, "0x" + "a3" * 20]
        agg.setConfig(c.signers, c.transmitters, 1)
        digest = agg.latestConfigDetails()[2]

        er = (1 << 8) | 1  # epoch 1, round 1
        obs = [150000000000, 150100000000, 150200000000, 150300000000]
        observers = bytes([0, 1, 2, 3])
        signed_by = [0, 2]
        h = Committee.report_hash(digest, er, obs, observers)
        rs, ss, vs = c.sign(h, signed_by)
        assert agg.reportHash(digest, er, obs, observers) == h
        calldata = bytes.fromhex(art["methodIdentifiers"]["transmit(bytes32,uint40,int192[],bytes,bytes32[],bytes32[],bytes32)"]) + encode(
            ["bytes32", "uint40", "int192[]", "bytes", "bytes32[]", "bytes32[]", "bytes32"],
            [digest, er, obs, observers, rs, ss, vs])
        set_config_calldata = bytes.fromhex(art["methodIdentifiers"]["setConfig(address[],address[],uint8)"]) + encode(
            ["address[]", "address[]", "uint8"], [c.signers, c.transmitters, 1])
        boa.env.evm.patch.timestamp = TIMESTAMP + 100
        agg.transmit(digest, er, obs, observers, rs, ss, vs)
        lrd = agg.latestRoundData()

    return {
        "description": "PoRAggregator end-to-end vector: deploy at nonce 0 of the deployer, setConfig, then one "
                       "signed transmit (median of 4 sorted observations = observations[2]). The config digest "
                       "hashes chainId and the aggregator address, so replay with the same chain id and "
                       "address (or recompute the digest and re-sign with the keys below).",
        "chainId": CHAIN_ID,
        "deployer": {"privateKey": "0x" + DEPLOYER_KEY.to_bytes().hex(), "address": deployer},
        "aggregatorAddress": aggregator,
        "constructorArgs": {"decimals": 8, "description": "WBTC PoR", "minAnswer": 1, "maxAnswer": 10**30},
        "constructorArgsHex": "0x" + ctor_hex.hex(),
        "setConfig": {
            "signers": c.signers,
            "signerPrivateKeys": ["0x" + k.to_bytes().hex() for k in c.keys],
            "transmitters": c.transmitters,
            "f": 1,
            "calldata": "0x" + set_config_calldata.hex(),
        },
        "configCount": 1,
        "configDigest": "0x" + digest.hex(),
        "transmit": {
            "sender": deployer,
            "epochAndRound": er,
            "observations": obs,
            "observers": "0x" + observers.hex(),
            "reportHash": "0x" + h.hex(),
            "signedBySignerIndexes": signed_by,
            "rs": ["0x" + r.hex() for r in rs],
            "ss": ["0x" + s.hex() for s in ss],
            "rawVs": "0x" + vs.hex(),
            "calldata": "0x" + calldata.hex(),
            "blockTimestamp": TIMESTAMP + 100,
        },
        "expected": {
            "latestRoundData": [str(x) for x in lrd],
            "replaySameCalldata": "revert Error(string) 'stale report'",
        },
    }


def main():
    text = json.dumps(build(), indent=2, sort_keys=True) + "\n"
    if "--check" in sys.argv:
        if not OUT.is_file() or OUT.read_text() != text:
            print(f"{OUT.relative_to(ROOT)} is out of date")
            sys.exit(1)
        print(f"{OUT.relative_to(ROOT)} up to date")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
