# pragma version ==0.4.3
# pragma evm-version cancun
"""
@title PoRAggregator
@notice Proof of Reserve feed with Chainlink's AggregatorV3Interface (plus the
        v2 read API). Answers arrive as reports signed off-chain by a committee
        of oracles, in the manner of OCR: the owner configures signers,
        transmitters and the fault tolerance f; a configured transmitter
        submits a report (sorted observations) with exactly f+1 signatures;
        the median becomes the next round's answer.
@dev Signed report hash:
       keccak256(abi.encode(bytes32 configDigest, uint40 epochAndRound,
                            int192[] observations, bytes observers))
     signed raw (no EIP-191 prefix); signature i is (rs[i], ss[i], v) with
     v = 27 + byte i of rawVs (byte 0 is the most significant byte).
     Every rejection reverts with Error(string); see Contracts/README.md.
"""

# ABI output names (the build script writes them into the JSON ABI):
# abi-outputs: latestRoundData(roundId, answer, startedAt, updatedAt, answeredInRound)
# abi-outputs: getRoundData(roundId_, answer, startedAt, updatedAt, answeredInRound)
# abi-outputs: latestConfigDetails(configCount, blockNumber, configDigest)
# abi-outputs: latestTransmissionDetails(configDigest, epoch, round, latestAnswer_, latestTimestamp_)

# ABI parameter names Vyper cannot spell (keywords); the build script writes them:
# abi-inputs: OwnershipTransferRequested(from, to)
# abi-inputs: OwnershipTransferred(from, to)

# ---------------------------------------------------------------- events

event AnswerUpdated:
    current: indexed(int256)
    roundId: indexed(uint256)
    updatedAt: uint256

event NewRound:
    roundId: indexed(uint256)
    startedBy: indexed(address)
    startedAt: uint256

event NewTransmission:
    aggregatorRoundId: indexed(uint32)
    answer: int192
    transmitter: address
    observations: DynArray[int192, MAX_ORACLES]
    observers: Bytes[MAX_ORACLES]
    configDigest: bytes32
    epochAndRound: uint40

event ConfigSet:
    previousConfigBlockNumber: uint32
    configDigest: bytes32
    configCount: uint64
    signers: DynArray[address, MAX_ORACLES]
    transmitters: DynArray[address, MAX_ORACLES]
    f: uint8

event OwnershipTransferRequested:
    sender: indexed(address)
    receiver: indexed(address)

event OwnershipTransferred:
    sender: indexed(address)
    receiver: indexed(address)

# ---------------------------------------------------------------- constants

MAX_ORACLES: constant(uint256) = 31
# Bound of the setConfig arrays: larger than MAX_ORACLES so that n > 31 gets
# a descriptive revert instead of an ABI-decoding failure.
MAX_CONFIG_INPUT: constant(uint256) = 64
CONFIG_DIGEST_PREFIX: constant(uint256) = 1  # top two bytes 0x0001
PREFIX_MASK: constant(uint256) = 2**240 - 1
VERSION: constant(uint256) = 1

struct Round:
    answer: int192
    timestamp: uint64

# ---------------------------------------------------------------- storage

decimals: public(immutable(uint8))
description: public(immutable(String[100]))
minAnswer: public(immutable(int192))
maxAnswer: public(immutable(int192))

owner: public(address)
pendingOwner: public(address)

signers: DynArray[address, MAX_ORACLES]
transmitters: DynArray[address, MAX_ORACLES]
signerIndex: HashMap[address, uint256]         # index + 1; 0 = not a signer
transmitterIndex: HashMap[address, uint256]    # index + 1; 0 = not a transmitter
f: uint8

configCount: uint32
latestConfigBlockNumber: uint32
latestConfigDigest: bytes32
latestEpochAndRound: uint40

latestRoundId: uint32
rounds: HashMap[uint32, Round]


@deploy
def __init__(decimals_: uint8, description_: String[100], minAnswer_: int192, maxAnswer_: int192):
    """
    @param decimals_ decimals of the answers (e.g. 8 for BTC reserves)
    @param description_ human-readable feed name
    @param minAnswer_ lowest median accepted
    @param maxAnswer_ highest median accepted
    @dev The deployer becomes the owner.
    """
    assert minAnswer_ <= maxAnswer_, "minAnswer above maxAnswer"
    decimals = decimals_
    description = description_
    minAnswer = minAnswer_
    maxAnswer = maxAnswer_
    self.owner = msg.sender
    log OwnershipTransferred(sender=empty(address), receiver=msg.sender)


# ---------------------------------------------------------------- ownership

@external
def transferOwnership(to: address):
    assert msg.sender == self.owner, "Only callable by owner"
    assert to != msg.sender, "Cannot transfer to self"
    self.pendingOwner = to
    log OwnershipTransferRequested(sender=msg.sender, receiver=to)


@external
def acceptOwnership():
    assert msg.sender == self.pendingOwner, "Must be proposed owner"
    previous: address = self.owner
    self.owner = msg.sender
    self.pendingOwner = empty(address)
    log OwnershipTransferred(sender=previous, receiver=msg.sender)


# ---------------------------------------------------------------- configuration

@internal
@view
def _config_digest(
    count: uint32,
    signers_: DynArray[address, MAX_CONFIG_INPUT],
    transmitters_: DynArray[address, MAX_CONFIG_INPUT],
    f_: uint8,
) -> bytes32:
    h: uint256 = convert(
        keccak256(abi_encode(chain.id, self, convert(count, uint64), signers_, transmitters_, f_)),
        uint256,
    )
    return convert((h & PREFIX_MASK) | (CONFIG_DIGEST_PREFIX << 240), bytes32)


@external
def setConfig(
    signers_: DynArray[address, MAX_CONFIG_INPUT],
    transmitters_: DynArray[address, MAX_CONFIG_INPUT],
    f_: uint8,
):
    """
    @notice Replace the oracle committee (owner only). Bumps the config count,
            computes a new config digest and forgets the last epoch/round, so
            reports made under the previous configuration no longer verify.
    """
    assert msg.sender == self.owner, "Only callable by owner"
    n: uint256 = len(signers_)
    assert f_ > 0, "f must be positive"
    assert n <= MAX_ORACLES, "too many oracles"
    assert len(transmitters_) == n, "oracle length mismatch"
    assert 3 * convert(f_, uint256) < n, "faulty-oracle f too high"

    # forget the previous committee
    for s: address in self.signers:
        self.signerIndex[s] = 0
    for t: address in self.transmitters:
        self.transmitterIndex[t] = 0
    self.signers = []
    self.transmitters = []

    for i: uint256 in range(n, bound=MAX_ORACLES):
        s: address = signers_[i]
        t: address = transmitters_[i]
        assert s != empty(address), "signer must not be zero"
        assert t != empty(address), "transmitter must not be zero"
        assert self.signerIndex[s] == 0, "repeated signer address"
        assert self.transmitterIndex[t] == 0, "repeated transmitter address"
        self.signerIndex[s] = i + 1
        self.transmitterIndex[t] = i + 1
        self.signers.append(s)
        self.transmitters.append(t)
    self.f = f_

    previous_block: uint32 = self.latestConfigBlockNumber
    count: uint32 = self.configCount + 1
    self.configCount = count
    self.latestConfigBlockNumber = convert(block.number, uint32)
    digest: bytes32 = self._config_digest(count, signers_, transmitters_, f_)
    self.latestConfigDigest = digest
    self.latestEpochAndRound = 0

    log ConfigSet(
        previousConfigBlockNumber=previous_block,
        configDigest=digest,
        configCount=convert(count, uint64),
        signers=self.signers,
        transmitters=self.transmitters,
        f=f_,
    )


@external
@view
def latestConfigDetails() -> (uint32, uint32, bytes32):
    """
    @return configCount, block number of the latest setConfig, config digest
    """
    return self.configCount, self.latestConfigBlockNumber, self.latestConfigDigest


@external
@view
def getSigners() -> DynArray[address, MAX_ORACLES]:
    return self.signers


@external
@view
def getTransmitters() -> DynArray[address, MAX_ORACLES]:
    return self.transmitters


@external
@view
def faultyOracles() -> uint8:
    """
    @return f of the current configuration (0 before the first setConfig)
    """
    return self.f


# ---------------------------------------------------------------- transmit

@external
@view
def reportHash(
    configDigest: bytes32,
    epochAndRound: uint40,
    observations: DynArray[int192, MAX_ORACLES],
    observers: Bytes[MAX_ORACLES],
) -> bytes32:
    """
    @notice The hash the oracles sign (helper for off-chain tooling and tests).
    """
    return keccak256(abi_encode(configDigest, epochAndRound, observations, observers))


@external
def transmit(
    configDigest: bytes32,
    epochAndRound: uint40,
    observations: DynArray[int192, MAX_ORACLES],
    observers: Bytes[MAX_ORACLES],
    rs: DynArray[bytes32, MAX_ORACLES],
    ss: DynArray[bytes32, MAX_ORACLES],
    rawVs: bytes32,
):
    """
    @notice Submit a signed report; its median becomes the next round.
    @param configDigest digest of the configuration the report was made under
    @param epochAndRound (epoch << 8) | round; must exceed the last accepted one
    @param observations the oracles' values, sorted ascending
    @param observers observers[i] is the committee index of whoever made observations[i]
    @param rs r of each signature
    @param ss s of each signature
    @param rawVs byte i (from the most significant) is the recovery id (0/1) of signature i
    """
    assert self.transmitterIndex[msg.sender] != 0, "unauthorized transmitter"
    assert configDigest == self.latestConfigDigest, "config digest mismatch"
    assert epochAndRound > self.latestEpochAndRound, "stale report"

    f_: uint256 = convert(self.f, uint256)
    n: uint256 = len(self.signers)
    assert len(rs) == f_ + 1, "wrong number of signatures"
    assert len(ss) == len(rs), "signatures out of registration"

    count: uint256 = len(observations)
    assert count >= 2 * f_ + 1, "too few observations"
    assert count <= n, "too many observations"
    assert len(observers) == count, "observers length mismatch"

    seen: uint256 = 0
    for i: uint256 in range(count, bound=MAX_ORACLES):
        who: uint256 = convert(slice(observers, i, 1), uint256)
        assert who < n, "observer index out of range"
        bit: uint256 = 1 << who
        assert seen & bit == 0, "duplicate observer"
        seen |= bit
        if i > 0:
            assert observations[i - 1] <= observations[i], "observations not sorted"

    h: bytes32 = keccak256(abi_encode(configDigest, epochAndRound, observations, observers))
    vs: uint256 = convert(rawVs, uint256)
    signed: uint256 = 0
    for i: uint256 in range(len(rs), bound=MAX_ORACLES):
        v: uint256 = ((vs >> (248 - 8 * i)) & 255) + 27
        signer: address = ecrecover(h, v, rs[i], ss[i])
        assert signer != empty(address), "invalid signature"
        idx: uint256 = self.signerIndex[signer]
        assert idx != 0, "unauthorized signer"
        bit: uint256 = 1 << (idx - 1)
        assert signed & bit == 0, "duplicate signer"
        signed |= bit

    median: int192 = observations[count // 2]
    assert median >= minAnswer and median <= maxAnswer, "median out of bounds"

    self.latestEpochAndRound = epochAndRound
    round_id: uint32 = self.latestRoundId + 1
    self.latestRoundId = round_id
    self.rounds[round_id] = Round(answer=median, timestamp=convert(block.timestamp, uint64))

    log NewRound(roundId=convert(round_id, uint256), startedBy=msg.sender, startedAt=block.timestamp)
    log AnswerUpdated(current=convert(median, int256), roundId=convert(round_id, uint256), updatedAt=block.timestamp)
    log NewTransmission(
        aggregatorRoundId=round_id,
        answer=median,
        transmitter=msg.sender,
        observations=observations,
        observers=observers,
        configDigest=configDigest,
        epochAndRound=epochAndRound,
    )


@external
@view
def latestTransmissionDetails() -> (bytes32, uint32, uint8, int192, uint64):
    """
    @return configDigest, epoch, round, latest answer, latest timestamp
    """
    r: Round = self.rounds[self.latestRoundId]
    er: uint256 = convert(self.latestEpochAndRound, uint256)
    return (
        self.latestConfigDigest,
        convert(er >> 8, uint32),
        convert(er & 255, uint8),
        r.answer,
        r.timestamp,
    )


# ---------------------------------------------------------------- reads (v3)

@external
@pure
def version() -> uint256:
    return VERSION


@external
@pure
def typeAndVersion() -> String[32]:
    return "PoRAggregator 1.0.0"


@internal
@view
def _round(round_id: uint256) -> (uint80, int256, uint256, uint256, uint80):
    # Unknown rounds (0, beyond the latest, or past uint32) read as all zeros.
    if round_id == 0 or round_id > convert(self.latestRoundId, uint256):
        return 0, 0, 0, 0, 0
    r: Round = self.rounds[convert(round_id, uint32)]
    ts: uint256 = convert(r.timestamp, uint256)
    rid: uint80 = convert(round_id, uint80)
    return rid, convert(r.answer, int256), ts, ts, rid


@external
@view
def getRoundData(roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    return self._round(convert(roundId, uint256))


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    return self._round(convert(self.latestRoundId, uint256))


# ---------------------------------------------------------------- reads (v2)

@external
@view
def latestAnswer() -> int256:
    return convert(self.rounds[self.latestRoundId].answer, int256)


@external
@view
def latestTimestamp() -> uint256:
    return convert(self.rounds[self.latestRoundId].timestamp, uint256)


@external
@view
def latestRound() -> uint256:
    return convert(self.latestRoundId, uint256)


@external
@view
def getAnswer(roundId: uint256) -> int256:
    if roundId == 0 or roundId > convert(self.latestRoundId, uint256):
        return 0
    return convert(self.rounds[convert(roundId, uint32)].answer, int256)


@external
@view
def getTimestamp(roundId: uint256) -> uint256:
    if roundId == 0 or roundId > convert(self.latestRoundId, uint256):
        return 0
    return convert(self.rounds[convert(roundId, uint32)].timestamp, uint256)
