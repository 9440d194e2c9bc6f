# pragma version ==0.4.3
"""
@title Circulation reader (stateless module)
@notice Reads a Proof of Circulation feed: an AggregatorV3Interface whose
        answer is the token's supply outstanding on other chains. Same calls,
        same checks and the same status codes as reserve_reader (it is read
        through it), with two differences that both err towards counting more
        supply: an answer of exactly 0 is a valid figure (nothing circulates
        elsewhere), and scaling down to fewer decimals rounds up.
"""

from . import reserve_reader


@internal
@pure
def dropped_remainder(amount: uint256, from_decimals: uint256, to_decimals: uint256) -> bool:
    """
    @notice Whether scaling `amount` down from `from_decimals` to `to_decimals`
            drops a non-zero remainder (reserve_reader.scale rounds down).
    """
    if from_decimals <= to_decimals:
        return False
    diff: uint256 = from_decimals - to_decimals
    if diff > reserve_reader.MAX_POW10:
        return amount != 0
    return amount % pow_mod256(10, diff) != 0


@internal
@view
def read(feed: address, heartbeat: uint256, target_decimals: uint8) -> reserve_reader.Reading:
    """
    @notice The supply circulating elsewhere in `target_decimals`, in the
            Reading's `reserves` field (0 unless STATUS_OK). Never reverts
            because of the feed.
    """
    r: reserve_reader.Reading = reserve_reader.read(feed, heartbeat, target_decimals)
    if r.status == reserve_reader.STATUS_NON_POSITIVE and r.answer == 0:
        # Zero circulating elsewhere is a real figure: judge its timestamps as any answer's.
        if r.updatedAt == 0:
            r.status = reserve_reader.STATUS_UPDATED_AT_ZERO
        elif r.updatedAt > block.timestamp:
            r.status = reserve_reader.STATUS_FUTURE
        elif block.timestamp - r.updatedAt > heartbeat:
            r.status = reserve_reader.STATUS_STALE
        else:
            r.status = reserve_reader.STATUS_OK
        return r
    if r.status == reserve_reader.STATUS_OK and self.dropped_remainder(
        convert(r.answer, uint256), convert(r.feedDecimals, uint256), convert(target_decimals, uint256)
    ):
        # floor + 1 cannot overflow: scaling down divides by at least 10.
        r.reserves += 1
    return r
