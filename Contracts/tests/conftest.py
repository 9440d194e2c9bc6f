"""Shared helpers for the titanoboa development tests (not the official Swift tests).

Run: ../venv-vyper/bin/python -m pytest Contracts/tests -q   (from the repository root)
"""
from pathlib import Path

import boa
import pytest
from eth_abi import encode
from eth_hash.auto import keccak
from eth_keys import keys

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = ROOT / "Contracts"
MOCK_FEED = CONTRACTS / "tests" / "mocks" / "MockFeed.vy"
ZERO = "0x" + "00" * 20


def selector(sig: str) -> bytes:
    return keccak(sig.encode())[:4]


def custom_error(sig: str, types=(), values=()) -> bytes:
    return selector(sig) + (encode(list(types), list(values)) if types else b"")


def error_string(reason: str) -> bytes:
    return selector("Error(string)") + encode(["string"], [reason])


def revert_data(fn, *args, **kwargs) -> bytes:
    """Call fn and return the revert data of the outermost frame; fail if it succeeds."""
    try:
        fn(*args, **kwargs)
    except boa.BoaError as e:
        err = e.stack_trace.last_frame.vm_error
        return bytes(err.args[0]) if err.args else b""
    raise AssertionError("call did not revert")


def expect_error(fn, *args, sig, types=(), values=(), **kwargs):
    got = revert_data(fn, *args, **kwargs)
    want = custom_error(sig, types, values)
    assert got == want, f"expected {sig}{tuple(values)} = {want.hex()}, got {got.hex()}"


@pytest.fixture
def deployer():
    return boa.env.eoa


@pytest.fixture(autouse=True)
def isolate():
    with boa.env.anchor():
        yield


def deploy_feed(decimals: int, answer: int):
    return boa.load(str(MOCK_FEED), decimals, answer)


def deploy_token(name="Wrapped BTC", symbol="WBTC", decimals=8, feed=ZERO, heartbeat=3600, margin=0):
    return boa.load(str(CONTRACTS / "SecureMintToken.vy"), name, symbol, decimals, feed, heartbeat, margin)


def deploy_aggregator(decimals=8, description="WBTC PoR", lo=1, hi=10**30):
    return boa.load(str(CONTRACTS / "PoRAggregator.vy"), decimals, description, lo, hi)


def deploy_breaker(token, feed, heartbeat=3600):
    return boa.load(str(CONTRACTS / "ReserveCircuitBreaker.vy"), token, feed, heartbeat)


class Committee:
    """n oracles with deterministic keys; signs reports the way PoRAggregator checks them."""

    def __init__(self, n=4, f=1, seed=0x10):
        self.keys = [keys.PrivateKey(bytes([seed + i]) * 32) for i in range(n)]
        self.signers = [k.public_key.to_checksum_address() for k in self.keys]
        self.transmitters = [boa.env.generate_address(f"tx{i}") for i in range(n)]
        self.f = f

    @staticmethod
    def report_hash(digest: bytes, epoch_and_round: int, observations, observers: bytes) -> bytes:
        return keccak(encode(["bytes32", "uint40", "int192[]", "bytes"],
                             [digest, epoch_and_round, list(observations), observers]))

    def sign(self, h: bytes, indexes):
        rs, ss, vs = [], [], bytearray(32)
        for pos, i in enumerate(indexes):
            sig = self.keys[i].sign_msg_hash(h)
            rs.append(sig.r.to_bytes(32, "big"))
            ss.append(sig.s.to_bytes(32, "big"))
            vs[pos] = sig.v  # 0 or 1
        return rs, ss, bytes(vs)

    def transmit_args(self, digest, epoch_and_round, observations, observers=None, signer_indexes=None):
        observers = bytes(range(len(observations))) if observers is None else observers
        signer_indexes = list(range(self.f + 1)) if signer_indexes is None else signer_indexes
        h = self.report_hash(digest, epoch_and_round, observations, observers)
        rs, ss, vs = self.sign(h, signer_indexes)
        return [digest, epoch_and_round, list(observations), observers, rs, ss, vs]
