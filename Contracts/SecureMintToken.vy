# pragma version ==0.4.3
# pragma evm-version cancun
"""
@title SecureMintToken
@notice ERC-20 whose mint is guarded by a Proof of Reserve feed: a mint that
        would take totalSupply above the reserves reported by the feed (scaled
        to this token's decimals, minus a safety margin) reverts, and so does
        every mint while the feed is missing, failing, stale, from the future,
        zero or negative, or while minting is paused. Burning always works.
        Proof of Circulation (optional, off until setCirculationFeed): a second
        feed reports the supply outstanding on other chains, and a mint must
        then keep totalSupply + that supply within the reserves.
@dev Reverts use Solidity-style custom errors (4-byte selector of the
     signature followed by the ABI-encoded arguments) raised with raw_revert.
     Every error is declared below with an `# error:` line; the build script
     adds them to the ABI and checks that the set matches the method_id()
     strings used in the code.
"""

# Custom errors (ABI declarations; raised with raw_revert):
# error: NotOwner(address caller)
# error: NotPendingOwner(address caller)
# error: NotMinter(address caller)
# error: NotOwnerOrPauser(address caller)
# error: MintingPaused()
# error: EnforcedPause()
# error: ExpectedPause()
# error: FeedNotSet()
# error: FeedCallFailed(address feed, bytes4 selector)
# error: FeedMalformedResponse(address feed, bytes4 selector)
# error: NonPositiveReserves(int256 answer)
# error: ReservesUpdatedAtZero()
# error: ReservesFromFuture(uint256 updatedAt, uint256 blockTimestamp)
# error: ReservesStale(uint256 updatedAt, uint256 heartbeat, uint256 blockTimestamp)
# error: ReservesExceeded(uint256 supplyAfterMint, uint256 reserves)
# error: InvalidHeartbeat(uint256 heartbeat)
# error: InvalidMarginBps(uint256 marginBps)
# error: ERC20InvalidSender(address sender)
# error: ERC20InvalidReceiver(address receiver)
# error: ERC20InvalidApprover(address approver)
# error: ERC20InvalidSpender(address spender)
# error: ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)
# error: ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)
# error: CirculationFeedUnusable(address feed, uint8 readingStatus)
# error: ReservesExceededWithCirculation(uint256 supplyAfterMint, uint256 circulating, uint256 reserves)

# ABI parameter names Vyper cannot spell (keywords); the build script writes them:
# abi-inputs: Transfer(from, to, value)
# abi-inputs: transferFrom(from, to, amount)
# abi-inputs: OwnershipTransferRequested(from, to)
# abi-inputs: OwnershipTransferred(from, to)

from .lib import reserve_reader
from .lib import circulation_reader

# ---------------------------------------------------------------- events

event Transfer:
    sender: indexed(address)
    receiver: indexed(address)
    value: uint256

event Approval:
    owner: indexed(address)
    spender: indexed(address)
    value: uint256

event OwnershipTransferRequested:
    sender: indexed(address)
    receiver: indexed(address)

event OwnershipTransferred:
    sender: indexed(address)
    receiver: indexed(address)

event FeedSet:
    previousFeed: indexed(address)
    newFeed: indexed(address)

event HeartbeatSet:
    previousHeartbeat: uint256
    newHeartbeat: uint256

event MarginBpsSet:
    previousMarginBps: uint256
    newMarginBps: uint256

event MinterSet:
    previousMinter: indexed(address)
    newMinter: indexed(address)

event PauserSet:
    previousPauser: indexed(address)
    newPauser: indexed(address)

event Paused:
    account: address

event Unpaused:
    account: address

event CirculationFeedSet:
    previousFeed: indexed(address)
    newFeed: indexed(address)

# ---------------------------------------------------------------- storage

MAX_MARGIN_BPS: constant(uint256) = 9_999
UINT256_MAX: constant(uint256) = max_value(uint256)

name: public(String[64])
symbol: public(String[32])
decimals: public(uint8)
totalSupply: public(uint256)
balanceOf: public(HashMap[address, uint256])
allowance: public(HashMap[address, HashMap[address, uint256]])

owner: public(address)
pendingOwner: public(address)
minter: public(address)
pauser: public(address)

feed: public(address)
heartbeat: public(uint256)
marginBps: public(uint256)

paused: public(bool)
pausedBy: public(address)

# Proof of Circulation: supply of this token on other chains (zero address: not counted).
# Declared last so that the storage slots above stay where they were.
circulationFeed: public(address)


@deploy
def __init__(
    name_: String[64],
    symbol_: String[32],
    decimals_: uint8,
    feed_: address,
    heartbeat_: uint256,
    marginBps_: uint256,
):
    """
    @param name_ token name
    @param symbol_ token symbol
    @param decimals_ token decimals (e.g. 8 like WBTC)
    @param feed_ PoR feed (AggregatorV3Interface); may be zero (then every mint reverts FeedNotSet)
    @param heartbeat_ maximum age in seconds of the feed's updatedAt (> 0)
    @param marginBps_ safety margin in basis points taken off the reserves (0..9999)
    @dev owner and minter are the deployer; no pauser.
    """
    if heartbeat_ == 0:
        raw_revert(concat(method_id("InvalidHeartbeat(uint256)"), abi_encode(heartbeat_)))
    if marginBps_ > MAX_MARGIN_BPS:
        raw_revert(concat(method_id("InvalidMarginBps(uint256)"), abi_encode(marginBps_)))
    self.name = name_
    self.symbol = symbol_
    self.decimals = decimals_
    self.owner = msg.sender
    self.minter = msg.sender
    self.feed = feed_
    self.heartbeat = heartbeat_
    self.marginBps = marginBps_
    log OwnershipTransferred(sender=empty(address), receiver=msg.sender)
    log MinterSet(previousMinter=empty(address), newMinter=msg.sender)
    log FeedSet(previousFeed=empty(address), newFeed=feed_)
    log HeartbeatSet(previousHeartbeat=0, newHeartbeat=heartbeat_)
    log MarginBpsSet(previousMarginBps=0, newMarginBps=marginBps_)


# ---------------------------------------------------------------- access

@internal
@view
def _only_owner():
    if msg.sender != self.owner:
        raw_revert(concat(method_id("NotOwner(address)"), abi_encode(msg.sender)))


@internal
@view
def _only_owner_or_pauser():
    if msg.sender != self.owner and msg.sender != self.pauser:
        raw_revert(concat(method_id("NotOwnerOrPauser(address)"), abi_encode(msg.sender)))


@external
def transferOwnership(to: address):
    """
    @notice Step one of a two-step ownership transfer (owner only).
    """
    self._only_owner()
    self.pendingOwner = to
    log OwnershipTransferRequested(sender=msg.sender, receiver=to)


@external
def acceptOwnership():
    """
    @notice Step two: the proposed owner accepts.
    """
    if msg.sender != self.pendingOwner or msg.sender == empty(address):
        raw_revert(concat(method_id("NotPendingOwner(address)"), abi_encode(msg.sender)))
    previous: address = self.owner
    self.owner = msg.sender
    self.pendingOwner = empty(address)
    log OwnershipTransferred(sender=previous, receiver=msg.sender)


# ---------------------------------------------------------------- configuration (owner)

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
def setMarginBps(newMarginBps: uint256):
    self._only_owner()
    if newMarginBps > MAX_MARGIN_BPS:
        raw_revert(concat(method_id("InvalidMarginBps(uint256)"), abi_encode(newMarginBps)))
    log MarginBpsSet(previousMarginBps=self.marginBps, newMarginBps=newMarginBps)
    self.marginBps = newMarginBps


@external
def setMinter(newMinter: address):
    self._only_owner()
    log MinterSet(previousMinter=self.minter, newMinter=newMinter)
    self.minter = newMinter


@external
def setCirculationFeed(newFeed: address):
    """
    @notice The Proof of Circulation feed (owner only): its answer is this
            token's supply on other chains, read with the same heartbeat and
            decimals rules as the reserve feed. Zero turns the feature off.
    """
    self._only_owner()
    log CirculationFeedSet(previousFeed=self.circulationFeed, newFeed=newFeed)
    self.circulationFeed = newFeed


@external
def setPauser(newPauser: address):
    """
    @notice The pauser (e.g. the ReserveCircuitBreaker) may pause and unpause minting.
    """
    self._only_owner()
    log PauserSet(previousPauser=self.pauser, newPauser=newPauser)
    self.pauser = newPauser


@external
def pause():
    """
    @notice Stop minting (owner or pauser). Transfers and burns go on.
    """
    self._only_owner_or_pauser()
    if self.paused:
        raw_revert(method_id("EnforcedPause()"))
    self.paused = True
    self.pausedBy = msg.sender
    log Paused(account=msg.sender)


@external
def unpause():
    """
    @notice Resume minting (owner or pauser).
    """
    self._only_owner_or_pauser()
    if not self.paused:
        raw_revert(method_id("ExpectedPause()"))
    self.paused = False
    self.pausedBy = empty(address)
    log Unpaused(account=msg.sender)


# ---------------------------------------------------------------- reserves

@internal
@view
def _raise_reading(r: reserve_reader.Reading, feed: address):
    """
    @notice Revert with the custom error matching a failed reading.
    """
    if r.status == reserve_reader.STATUS_NO_FEED:
        raw_revert(method_id("FeedNotSet()"))
    if r.status == reserve_reader.STATUS_CALL_FAILED:
        raw_revert(concat(method_id("FeedCallFailed(address,bytes4)"), abi_encode(feed, r.failedSelector)))
    if r.status == reserve_reader.STATUS_MALFORMED:
        raw_revert(concat(method_id("FeedMalformedResponse(address,bytes4)"), abi_encode(feed, r.failedSelector)))
    if r.status == reserve_reader.STATUS_NON_POSITIVE:
        raw_revert(concat(method_id("NonPositiveReserves(int256)"), abi_encode(r.answer)))
    if r.status == reserve_reader.STATUS_UPDATED_AT_ZERO:
        raw_revert(method_id("ReservesUpdatedAtZero()"))
    if r.status == reserve_reader.STATUS_FUTURE:
        raw_revert(concat(method_id("ReservesFromFuture(uint256,uint256)"), abi_encode(r.updatedAt, block.timestamp)))
    if r.status == reserve_reader.STATUS_STALE:
        raw_revert(concat(
            method_id("ReservesStale(uint256,uint256,uint256)"),
            abi_encode(r.updatedAt, self.heartbeat, block.timestamp),
        ))


@internal
@view
def _read() -> reserve_reader.Reading:
    return reserve_reader.read(self.feed, self.heartbeat, self.decimals)


@internal
@view
def _circulation() -> reserve_reader.Reading:
    """
    @notice The circulation reading; STATUS_OK with 0 when no circulation feed is set.
    """
    cf: address = self.circulationFeed
    if cf == empty(address):
        return empty(reserve_reader.Reading)
    return circulation_reader.read(cf, self.heartbeat, self.decimals)


@external
@view
def circulatingSupply() -> uint256:
    """
    @notice Supply of this token on other chains, in this token's units,
            as counted by mint(): 0 when no circulation feed is set; reverts
            CirculationFeedUnusable(feed, readingStatus) when it is unusable.
    """
    c: reserve_reader.Reading = self._circulation()
    if c.status != reserve_reader.STATUS_OK:
        raw_revert(concat(method_id("CirculationFeedUnusable(address,uint8)"), abi_encode(self.circulationFeed, c.status)))
    return c.reserves


@external
@view
def reserves() -> uint256:
    """
    @notice Reserves usable for minting, in token units: the feed's answer
            scaled to this token's decimals, minus the safety margin.
            Reverts with the same custom errors as mint() when the feed is
            missing, failing or its answer is unusable. Looks at the reserve
            feed only (circulatingSupply() is the other side of the balance).
    """
    r: reserve_reader.Reading = self._read()
    self._raise_reading(r, self.feed)
    return reserve_reader.apply_margin(r.reserves, self.marginBps)


@external
@view
def mintableAmount() -> uint256:
    """
    @notice How much mint() would accept now: reserves() - totalSupply -
            circulatingSupply(), floored at 0; 0 when paused or when either
            feed is unusable (never reverts).
    """
    if self.paused:
        return 0
    r: reserve_reader.Reading = self._read()
    if r.status != reserve_reader.STATUS_OK:
        return 0
    c: reserve_reader.Reading = self._circulation()
    if c.status != reserve_reader.STATUS_OK:
        return 0
    limit: uint256 = reserve_reader.apply_margin(r.reserves, self.marginBps)
    if limit <= self.totalSupply:
        return 0
    room: uint256 = limit - self.totalSupply
    if room <= c.reserves:
        return 0
    return room - c.reserves


# ---------------------------------------------------------------- mint / burn

@external
def mint(to: address, amount: uint256):
    """
    @notice Mint `amount` to `to` (minter only) if the reserves cover the new supply.
    @dev Checks, in order: caller is minter; `to` non-zero; not paused; feed
         set; decimals() and latestRoundData() succeed and are well formed;
         answer > 0; updatedAt != 0; updatedAt <= block.timestamp;
         block.timestamp - updatedAt <= heartbeat; the circulation feed,
         when set, usable; totalSupply + amount <= scaled reserves minus
         margin; then totalSupply + amount + circulating <= the same.
    """
    if msg.sender != self.minter:
        raw_revert(concat(method_id("NotMinter(address)"), abi_encode(msg.sender)))
    if to == empty(address):
        raw_revert(concat(method_id("ERC20InvalidReceiver(address)"), abi_encode(to)))
    if self.paused:
        raw_revert(method_id("MintingPaused()"))

    feed: address = self.feed
    r: reserve_reader.Reading = self._read()
    self._raise_reading(r, feed)
    limit: uint256 = reserve_reader.apply_margin(r.reserves, self.marginBps)
    c: reserve_reader.Reading = self._circulation()
    if c.status != reserve_reader.STATUS_OK:
        raw_revert(concat(method_id("CirculationFeedUnusable(address,uint8)"), abi_encode(self.circulationFeed, c.status)))

    supply: uint256 = self.totalSupply
    if amount > UINT256_MAX - supply:
        raw_revert(concat(method_id("ReservesExceeded(uint256,uint256)"), abi_encode(UINT256_MAX, limit)))
    supply_after: uint256 = supply + amount
    if supply_after > limit:
        raw_revert(concat(method_id("ReservesExceeded(uint256,uint256)"), abi_encode(supply_after, limit)))
    # Supply on other chains is backed by the same reserves (0 when not counted).
    if c.reserves > limit - supply_after:
        raw_revert(concat(
            method_id("ReservesExceededWithCirculation(uint256,uint256,uint256)"),
            abi_encode(supply_after, c.reserves, limit),
        ))

    self.totalSupply = supply_after
    self.balanceOf[to] += amount
    log Transfer(sender=empty(address), receiver=to, value=amount)


@internal
def _burn(holder: address, amount: uint256):
    balance: uint256 = self.balanceOf[holder]
    if balance < amount:
        raw_revert(concat(
            method_id("ERC20InsufficientBalance(address,uint256,uint256)"),
            abi_encode(holder, balance, amount),
        ))
    self.balanceOf[holder] = balance - amount
    self.totalSupply -= amount
    log Transfer(sender=holder, receiver=empty(address), value=amount)


@external
def burn(amount: uint256):
    """
    @notice Burn the caller's tokens. Works while paused and whatever the feed does.
    """
    self._burn(msg.sender, amount)


@external
def burnFrom(account: address, amount: uint256):
    """
    @notice Burn `account`'s tokens using the caller's allowance.
    """
    self._spend_allowance(account, msg.sender, amount)
    self._burn(account, amount)


# ---------------------------------------------------------------- ERC-20

@internal
def _transfer(sender: address, receiver: address, amount: uint256):
    if sender == empty(address):
        raw_revert(concat(method_id("ERC20InvalidSender(address)"), abi_encode(sender)))
    if receiver == empty(address):
        raw_revert(concat(method_id("ERC20InvalidReceiver(address)"), abi_encode(receiver)))
    balance: uint256 = self.balanceOf[sender]
    if balance < amount:
        raw_revert(concat(
            method_id("ERC20InsufficientBalance(address,uint256,uint256)"),
            abi_encode(sender, balance, amount),
        ))
    self.balanceOf[sender] = balance - amount
    self.balanceOf[receiver] += amount
    log Transfer(sender=sender, receiver=receiver, value=amount)


@internal
def _approve(holder: address, spender: address, amount: uint256):
    if holder == empty(address):
        raw_revert(concat(method_id("ERC20InvalidApprover(address)"), abi_encode(holder)))
    if spender == empty(address):
        raw_revert(concat(method_id("ERC20InvalidSpender(address)"), abi_encode(spender)))
    self.allowance[holder][spender] = amount
    log Approval(owner=holder, spender=spender, value=amount)


@internal
def _spend_allowance(holder: address, spender: address, amount: uint256):
    current: uint256 = self.allowance[holder][spender]
    if current == UINT256_MAX:
        return
    if current < amount:
        raw_revert(concat(
            method_id("ERC20InsufficientAllowance(address,uint256,uint256)"),
            abi_encode(spender, current, amount),
        ))
    self.allowance[holder][spender] = current - amount


@external
def transfer(to: address, amount: uint256) -> bool:
    self._transfer(msg.sender, to, amount)
    return True


@external
def approve(spender: address, amount: uint256) -> bool:
    self._approve(msg.sender, spender, amount)
    return True


@external
def transferFrom(sender: address, to: address, amount: uint256) -> bool:
    """
    @dev An allowance of max_value(uint256) is never decreased (infinite approval);
         no Approval event is emitted on spending.
    """
    self._spend_allowance(sender, msg.sender, amount)
    self._transfer(sender, to, amount)
    return True
