# pragma version ==0.4.3
# pragma evm-version cancun
"""
@title ReserveCircuitBreaker
@notice Chainlink Automation-compatible circuit breaker for a SecureMintToken.
        checkUpkeep (off-chain simulation) says whether minting must be paused
        (reserves short of totalSupply, or the feed unusable) or may be resumed
        (reserves cover totalSupply again and this breaker is the one that
        paused). performUpkeep, callable by the configured forwarder only,
        re-evaluates everything on-chain and acts on that, never on performData.
@dev The breaker must be the token's pauser (token.setPauser(breaker)).
     It only resumes a pause that it made itself (token.pausedBy() == self):
     a pause by the owner or another pauser is left alone.
     Proof of Circulation (optional, off until setCirculationFeed): the supply
     judged is then the token's totalSupply plus the supply on other chains
     that the circulation feed reports; an unusable circulation feed counts
     as short, like an unusable reserve feed.
     Reverts use Solidity-style custom errors raised with raw_revert.
"""

# Custom errors (ABI declarations; raised with raw_revert):
# error: NotOwner(address caller)
# error: NotPendingOwner(address caller)
# error: OnlyForwarder(address caller)
# error: UpkeepNotNeeded()
# error: InvalidHeartbeat(uint256 heartbeat)

# ABI output names (the build script writes them into the JSON ABI):
# abi-outputs: checkUpkeep(upkeepNeeded, performData)
# abi-outputs: evaluate(action, readingStatus, reserves, supply)

# ABI parameter names Vyper cannot spell (keywords); the build script writes them:
# abi-inputs: OwnershipTransferRequested(from, to)
# abi-inputs: OwnershipTransferred(from, to)

from .lib import reserve_reader
from .lib import circulation_reader

interface IPausableToken:
    def decimals() -> uint8: view
    def totalSupply() -> uint256: view
    def paused() -> bool: view
    def pausedBy() -> address: view
    def pause(): nonpayable
    def unpause(): nonpayable

# ---------------------------------------------------------------- events

event CircuitBreakerTripped:
    reserves: uint256
    supply: uint256
    readingStatus: uint8

event CircuitBreakerReset:
    reserves: uint256
    supply: uint256

event ForwarderSet:
    previousForwarder: indexed(address)
    newForwarder: indexed(address)

event FeedSet:
    previousFeed: indexed(address)
    newFeed: indexed(address)

event HeartbeatSet:
    previousHeartbeat: uint256
    newHeartbeat: uint256

event CirculationFeedSet:
    previousFeed: indexed(address)
    newFeed: indexed(address)

event OwnershipTransferRequested:
    sender: indexed(address)
    receiver: indexed(address)

event OwnershipTransferred:
    sender: indexed(address)
    receiver: indexed(address)

# ---------------------------------------------------------------- storage

ACTION_NONE: constant(uint8) = 0
ACTION_PAUSE: constant(uint8) = 1
ACTION_RESUME: constant(uint8) = 2
MAX_UPKEEP_DATA: constant(uint256) = 2048
# Reading status of an unusable circulation feed: this offset plus its own status (9..14).
CIRCULATION_STATUS_OFFSET: constant(uint8) = 7

token: public(immutable(address))
owner: public(address)
pendingOwner: public(address)
forwarder: public(address)
feed: public(address)
heartbeat: public(uint256)
# Proof of Circulation feed (zero: not counted); declared last to keep the slots above.
circulationFeed: public(address)


@deploy
def __init__(token_: address, feed_: address, heartbeat_: uint256):
    """
    @param token_ the SecureMintToken to guard
    @param feed_ the PoR feed to watch (zero counts as reserves short)
    @param heartbeat_ maximum age in seconds of the feed's updatedAt (> 0)
    @dev The deployer becomes the owner; the forwarder starts unset, so
         nobody can perform until the owner calls setForwarder.
    """
    if heartbeat_ == 0:
        raw_revert(concat(method_id("InvalidHeartbeat(uint256)"), abi_encode(heartbeat_)))
    token = token_
    self.owner = msg.sender
    self.feed = feed_
    self.heartbeat = heartbeat_
    log OwnershipTransferred(sender=empty(address), receiver=msg.sender)
    log FeedSet(previousFeed=empty(address), newFeed=feed_)
    log HeartbeatSet(previousHeartbeat=0, newHeartbeat=heartbeat_)


# ---------------------------------------------------------------- owner

@internal
@view
def _only_owner():
    if msg.sender != self.owner:
        raw_revert(concat(method_id("NotOwner(address)"), abi_encode(msg.sender)))


@external
def transferOwnership(to: address):
    self._only_owner()
    self.pendingOwner = to
    log OwnershipTransferRequested(sender=msg.sender, receiver=to)


@external
def acceptOwnership():
    if msg.sender != self.pendingOwner or msg.sender == empty(address):
        raw_revert(concat(method_id("NotPendingOwner(address)"), abi_encode(msg.sender)))
    previous: address = self.owner
    self.owner = msg.sender
    self.pendingOwner = empty(address)
    log OwnershipTransferred(sender=previous, receiver=msg.sender)


@external
def setForwarder(newForwarder: address):
    """
    @notice The Automation forwarder of this upkeep: the only caller of performUpkeep.
    """
    self._only_owner()
    log ForwarderSet(previousForwarder=self.forwarder, newForwarder=newForwarder)
    self.forwarder = newForwarder


@external
def setFeed(newFeed: address):
    self._only_owner()
    log FeedSet(previousFeed=self.feed, newFeed=newFeed)
    self.feed = newFeed


@external
def setHeartbeat(newHeartbeat: uint256):
    self._only_owner()
    if newHeartbeat == 0:
        raw_revert(concat(method_id("InvalidHeartbeat(uint256)"), abi_encode(newHeartbeat)))
    log HeartbeatSet(previousHeartbeat=self.heartbeat, newHeartbeat=newHeartbeat)
    self.heartbeat = newHeartbeat


@external
def setCirculationFeed(newFeed: address):
    """
    @notice The Proof of Circulation feed (normally the token's): supply on
            other chains, read with this breaker's heartbeat. Zero turns it off.
    """
    self._only_owner()
    log CirculationFeedSet(previousFeed=self.circulationFeed, newFeed=newFeed)
    self.circulationFeed = newFeed


# ---------------------------------------------------------------- evaluation

@internal
@view
def _evaluate() -> (uint8, uint8, uint256, uint256):
    """
    @return action (0 none, 1 pause, 2 resume), reading status, reserves, supply
            (totalSupply plus the supply on other chains when that is counted)
    """
    t: IPausableToken = IPausableToken(token)
    token_decimals: uint8 = staticcall t.decimals()
    r: reserve_reader.Reading = reserve_reader.read(self.feed, self.heartbeat, token_decimals)
    supply: uint256 = staticcall t.totalSupply()
    status: uint8 = r.status
    cf: address = self.circulationFeed
    if cf != empty(address):
        c: reserve_reader.Reading = circulation_reader.read(cf, self.heartbeat, token_decimals)
        if c.status != reserve_reader.STATUS_OK:
            if status == reserve_reader.STATUS_OK:
                status = CIRCULATION_STATUS_OFFSET + c.status
        elif c.reserves > max_value(uint256) - supply:
            supply = max_value(uint256)  # saturate: short whatever the reserves
        else:
            supply += c.reserves
    short: bool = status != reserve_reader.STATUS_OK or r.reserves < supply
    is_paused: bool = staticcall t.paused()
    action: uint8 = ACTION_NONE
    if short and not is_paused:
        action = ACTION_PAUSE
    elif not short and is_paused and staticcall t.pausedBy() == self:
        action = ACTION_RESUME
    return action, status, r.reserves, supply


@external
@view
def evaluate() -> (uint8, uint8, uint256, uint256):
    """
    @notice What performUpkeep would do now.
    @return action (0 none, 1 pause, 2 resume), reading status (0 ok, 1 no feed,
            2 call failed, 3 malformed, 4 answer <= 0, 5 updatedAt zero,
            6 updatedAt in the future, 7 stale; 7 + the same code for an unusable
            circulation feed: 9 .. 14), reserves (token units), totalSupply plus
            the supply on other chains when a circulation feed is set
    """
    return self._evaluate()


@external
@view
def checkUpkeep(checkData: Bytes[MAX_UPKEEP_DATA]) -> (bool, Bytes[MAX_UPKEEP_DATA]):
    """
    @notice Automation check. checkData is ignored.
    @return upkeepNeeded, performData = abi.encode(uint8 action, uint8 readingStatus,
            uint256 reserves, uint256 supply) (informational only)
    """
    action: uint8 = 0
    status: uint8 = 0
    reserves: uint256 = 0
    supply: uint256 = 0
    action, status, reserves, supply = self._evaluate()
    return action != ACTION_NONE, abi_encode(action, status, reserves, supply)


@external
def performUpkeep(performData: Bytes[MAX_UPKEEP_DATA]):
    """
    @notice Pause or resume minting according to the on-chain state (forwarder only).
            performData is not trusted: the decision is re-computed here and the
            call reverts with UpkeepNotNeeded() when nothing is to be done.
    """
    if msg.sender != self.forwarder or msg.sender == empty(address):
        raw_revert(concat(method_id("OnlyForwarder(address)"), abi_encode(msg.sender)))
    action: uint8 = 0
    status: uint8 = 0
    reserves: uint256 = 0
    supply: uint256 = 0
    action, status, reserves, supply = self._evaluate()
    if action == ACTION_PAUSE:
        extcall IPausableToken(token).pause()
        log CircuitBreakerTripped(reserves=reserves, supply=supply, readingStatus=status)
    elif action == ACTION_RESUME:
        extcall IPausableToken(token).unpause()
        log CircuitBreakerReset(reserves=reserves, supply=supply)
    else:
        raw_revert(method_id("UpkeepNotNeeded()"))
