# pragma version ==0.4.3
"""
@title Reserve reader (stateless module)
@notice Reads a Chainlink AggregatorV3Interface feed with low-level static
        calls, never reverting: every failure becomes a status code so that the
        caller can fail closed with its own, distinct reason. Shared by
        SecureMintToken and ReserveCircuitBreaker so that both apply exactly
        the same rules.
"""

# Status codes of a reading (STATUS_OK means `reserves` is usable).
STATUS_OK: constant(uint8) = 0
STATUS_NO_FEED: constant(uint8) = 1            # feed address is zero
STATUS_CALL_FAILED: constant(uint8) = 2        # a feed call reverted / ran out of gas
STATUS_MALFORMED: constant(uint8) = 3          # return data of the wrong size or out of range
STATUS_NON_POSITIVE: constant(uint8) = 4       # answer <= 0 (checked on the signed value)
STATUS_UPDATED_AT_ZERO: constant(uint8) = 5    # updatedAt == 0 (round never completed)
STATUS_FUTURE: constant(uint8) = 6             # updatedAt > block.timestamp
STATUS_STALE: constant(uint8) = 7              # block.timestamp - updatedAt > heartbeat

DECIMALS_SELECTOR: constant(bytes4) = 0x313ce567           # decimals()
LATEST_ROUND_DATA_SELECTOR: constant(bytes4) = 0xfeaf968c  # latestRoundData()

BPS: constant(uint256) = 10_000
MAX_UINT80: constant(uint256) = 2**80 - 1
# 10**77 < 2**256 <= 10**78: any difference of 78 decimals or more saturates/zeroes.
MAX_POW10: constant(uint256) = 77


struct Reading:
    status: uint8
    failedSelector: bytes4      # which call failed (STATUS_CALL_FAILED / STATUS_MALFORMED)
    answer: int256              # raw signed answer as returned by the feed
    updatedAt: uint256
    feedDecimals: uint8
    reserves: uint256           # answer scaled to the target decimals (0 unless STATUS_OK)


@internal
@pure
def scale(amount: uint256, from_decimals: uint256, to_decimals: uint256) -> uint256:
    """
    @notice Rescale `amount` from `from_decimals` to `to_decimals`.
            Scaling down rounds toward zero (conservative for reserves);
            scaling up saturates at max_value(uint256) instead of reverting.
    """
    if from_decimals == to_decimals:
        return amount
    if to_decimals > from_decimals:
        diff: uint256 = to_decimals - from_decimals
        if amount == 0:
            return 0
        if diff > MAX_POW10:
            return max_value(uint256)
        factor: uint256 = pow_mod256(10, diff)
        if amount > max_value(uint256) // factor:
            return max_value(uint256)
        return amount * factor
    diff: uint256 = from_decimals - to_decimals
    if diff > MAX_POW10:
        return 0
    return amount // pow_mod256(10, diff)


@internal
@pure
def apply_margin(amount: uint256, margin_bps: uint256) -> uint256:
    """
    @notice floor(amount * (BPS - margin_bps) / BPS) without overflow.
    """
    keep: uint256 = BPS - margin_bps
    return (amount // BPS) * keep + ((amount % BPS) * keep) // BPS


@internal
@view
def read(feed: address, heartbeat: uint256, target_decimals: uint8) -> Reading:
    """
    @notice Read `latestRoundData()` and `decimals()` of `feed` and judge the
            answer. Never reverts because of the feed.
    @dev Order of checks: no feed, decimals() call, latestRoundData() call,
         answer <= 0, updatedAt == 0, updatedAt in the future, stale.
    """
    r: Reading = empty(Reading)
    if feed == empty(address):
        r.status = STATUS_NO_FEED
        return r

    ok: bool = False
    ret: Bytes[192] = b""

    # decimals() -> uint8: exactly one word whose value fits in 8 bits.
    ok, ret = raw_call(
        feed,
        method_id("decimals()"),
        max_outsize=192,
        is_static_call=True,
        revert_on_failure=False,
    )
    if not ok:
        r.status = STATUS_CALL_FAILED
        r.failedSelector = DECIMALS_SELECTOR
        return r
    if len(ret) != 32:
        r.status = STATUS_MALFORMED
        r.failedSelector = DECIMALS_SELECTOR
        return r
    dec_word: uint256 = convert(slice(ret, 0, 32), uint256)
    if dec_word > 255:
        r.status = STATUS_MALFORMED
        r.failedSelector = DECIMALS_SELECTOR
        return r
    r.feedDecimals = convert(dec_word, uint8)

    # latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    # exactly five words; the two uint80 words must fit in 80 bits.
    ok, ret = raw_call(
        feed,
        method_id("latestRoundData()"),
        max_outsize=192,
        is_static_call=True,
        revert_on_failure=False,
    )
    if not ok:
        r.status = STATUS_CALL_FAILED
        r.failedSelector = LATEST_ROUND_DATA_SELECTOR
        return r
    if len(ret) != 160:
        r.status = STATUS_MALFORMED
        r.failedSelector = LATEST_ROUND_DATA_SELECTOR
        return r
    round_id: uint256 = convert(slice(ret, 0, 32), uint256)
    answered_in_round: uint256 = convert(slice(ret, 128, 32), uint256)
    if round_id > MAX_UINT80 or answered_in_round > MAX_UINT80:
        r.status = STATUS_MALFORMED
        r.failedSelector = LATEST_ROUND_DATA_SELECTOR
        return r
    r.answer = convert(slice(ret, 32, 32), int256)
    r.updatedAt = convert(slice(ret, 96, 32), uint256)

    # Judge the signed answer before any conversion to unsigned.
    if r.answer <= 0:
        r.status = STATUS_NON_POSITIVE
        return r
    if r.updatedAt == 0:
        r.status = STATUS_UPDATED_AT_ZERO
        return r
    if r.updatedAt > block.timestamp:
        r.status = STATUS_FUTURE
        return r
    if block.timestamp - r.updatedAt > heartbeat:
        r.status = STATUS_STALE
        return r

    r.reserves = self.scale(
        convert(r.answer, uint256),
        convert(r.feedDecimals, uint256),
        convert(target_decimals, uint256),
    )
    r.status = STATUS_OK
    return r
