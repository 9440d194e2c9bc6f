"""The PoR battery's reference model, written from issue 10's (and 11's) rules, not from the contracts.

Shared by test_planted.py and scripts/bench/titanoboa_por.py. Reserves are computed here from the
feed's raw `decimals()` and `latestRoundData()` answers; the token's own `reserves()` is never asked.
"""
import boa
from eth_hash.auto import keccak

BPS = 10_000
SEL_DECIMALS = keccak(b"decimals()")[:4]
SEL_LATEST = keccak(b"latestRoundData()")[:4]


def now() -> int:
    return boa.env.evm.patch.timestamp


def static_call(address, data: bytes):
    """(success, returndata) of a read-only call; never raises for a reverting callee."""
    c = boa.env.execute_code(to_address=address, data=data, is_modifying=False)
    return (not c.is_error), bytes(c.output or b"")


def independent_reserves(feed, token_decimals: int, heartbeat: int, margin_bps: int):
    """Reserves usable for minting in token units, or None when a mint must fail closed.

    Rules (issue 10, "The Proof of Reserve battery"): a feed is set and answers well-formed data,
    answer > 0, updatedAt != 0, not in the future, within the heartbeat; the answer is scaled from the
    feed's decimals to the token's, rounding down, then the margin is taken off, rounding down.
    """
    if feed is None or int(str(feed), 16) == 0:
        return None
    ok, dec = static_call(feed, SEL_DECIMALS)
    if not ok or len(dec) != 32 or int.from_bytes(dec, "big") > 255:
        return None
    feed_decimals = int.from_bytes(dec, "big")
    ok, lrd = static_call(feed, SEL_LATEST)
    if not ok or len(lrd) != 160:
        return None
    words = [lrd[i:i + 32] for i in range(0, 160, 32)]
    round_id, answered = int.from_bytes(words[0], "big"), int.from_bytes(words[4], "big")
    if round_id >= 2**80 or answered >= 2**80:
        return None
    answer = int.from_bytes(words[1], "big", signed=True)
    updated_at = int.from_bytes(words[3], "big")
    t = now()
    if answer <= 0 or updated_at == 0 or updated_at > t or t - updated_at > heartbeat:
        return None
    if feed_decimals >= token_decimals:
        scaled = answer // 10 ** (feed_decimals - token_decimals)
    else:
        scaled = min(answer * 10 ** (token_decimals - feed_decimals), 2**256 - 1)
    return scaled * (BPS - margin_bps) // BPS


def independent_circulation(feed, token_decimals: int, heartbeat: int):
    """Supply on other chains in token units that a mint must count: 0 when no circulation feed is set,
    None when one is set but unusable (the mint must fail closed).

    Rules (issue 11, "Supply on other chains", as Contracts/README.md states them): the reserve feed's
    checks, except that an answer of 0 is a valid figure; scaling to fewer decimals rounds up (supply is
    never under-counted), to more decimals saturates.
    """
    if feed is None or int(str(feed), 16) == 0:
        return 0
    ok, dec = static_call(feed, SEL_DECIMALS)
    if not ok or len(dec) != 32 or int.from_bytes(dec, "big") > 255:
        return None
    feed_decimals = int.from_bytes(dec, "big")
    ok, lrd = static_call(feed, SEL_LATEST)
    if not ok or len(lrd) != 160:
        return None
    words = [lrd[i:i + 32] for i in range(0, 160, 32)]
    if int.from_bytes(words[0], "big") >= 2**80 or int.from_bytes(words[4], "big") >= 2**80:
        return None
    answer = int.from_bytes(words[1], "big", signed=True)
    updated_at = int.from_bytes(words[3], "big")
    t = now()
    if answer < 0 or updated_at == 0 or updated_at > t or t - updated_at > heartbeat:
        return None
    if feed_decimals >= token_decimals:
        return -(-answer // 10 ** (feed_decimals - token_decimals))
    return min(answer * 10 ** (token_decimals - feed_decimals), 2**256 - 1)


def succeeds(fn, *args, **kwargs) -> bool:
    """Whether a contract call succeeded (a revert is an outcome, not an error here)."""
    try:
        fn(*args, **kwargs)
        return True
    except boa.BoaError:
        return False
