# pragma version ==0.4.3
# pragma evm-version cancun
"""
@notice Test double of a PoR feed whose every output, and failure mode, is settable.
"""

MODE_NORMAL: constant(uint8) = 0
MODE_REVERT: constant(uint8) = 1          # latestRoundData() reverts
MODE_SHORT: constant(uint8) = 2           # latestRoundData() returns 64 bytes
MODE_EMPTY: constant(uint8) = 3           # latestRoundData() returns nothing
MODE_DECIMALS_REVERT: constant(uint8) = 4 # decimals() reverts
MODE_DECIMALS_WIDE: constant(uint8) = 5   # decimals() returns 256
MODE_LONG: constant(uint8) = 6            # latestRoundData() returns 192 bytes
MODE_BAD_ROUND: constant(uint8) = 7       # roundId word does not fit uint80
MODE_BARE_REVERT: constant(uint8) = 8      # latestRoundData() reverts with no data

BIG_ROUND: constant(uint256) = 1208925819614629174706176  # 2**80

mode: public(uint8)
dec: public(uint8)
roundId: public(uint256)
answer: public(int256)
startedAt: public(uint256)
updatedAt: public(uint256)


@deploy
def __init__(dec_: uint8, answer_: int256):
    self.dec = dec_
    self.answer = answer_
    self.roundId = 1
    self.startedAt = block.timestamp
    self.updatedAt = block.timestamp


@external
def set(answer_: int256, updatedAt_: uint256):
    self.answer = answer_
    self.updatedAt = updatedAt_
    self.roundId += 1


@external
def setMode(m: uint8):
    self.mode = m


@external
def setDecimals(d: uint8):
    self.dec = d


@external
@view
def decimals() -> uint256:
    if self.mode == MODE_DECIMALS_REVERT:
        raise "decimals broken"
    if self.mode == MODE_DECIMALS_WIDE:
        return 256
    return convert(self.dec, uint256)


@external
@view
@raw_return
def latestRoundData() -> Bytes[192]:
    # @raw_return: the mock controls the exact returned bytes.
    if self.mode == MODE_REVERT:
        raise "feed broken"
    if self.mode == MODE_BARE_REVERT:
        raw_revert(b"")
    data: Bytes[160] = abi_encode(self.roundId, self.answer, self.startedAt, self.updatedAt, self.roundId)
    if self.mode == MODE_SHORT:
        return slice(data, 0, 64)
    if self.mode == MODE_EMPTY:
        return b""
    if self.mode == MODE_LONG:
        return concat(data, convert(0, bytes32))
    if self.mode == MODE_BAD_ROUND:
        return abi_encode(BIG_ROUND, self.answer, self.startedAt, self.updatedAt, convert(1, uint256))
    return data
