# pragma version ==0.4.3
# pragma evm-version cancun
"""
@title PoRAddressList
@notice The custody addresses of one Proof of Reserve feed, on chain, behind
        Chainlink's PoR address list interface (getPoRAddressListLength,
        getPoRAddressList): the oracle nodes page through the list and sum the
        balances they find, so adding or removing a custody address is an
        on-chain action the nodes pick up at their next check.
@dev Addresses are stored as the strings the nodes query a ledger with
     (bech32 / base58 / hex): at most MAX_ADDRESS_LENGTH bytes (BIP-173's
     limit for a bech32 string is 90 characters), printable ASCII without
     spaces, no duplicates; at most MAX_ADDRESSES entries. Removal moves the
     last entry into the freed index (order is not preserved), so a removal
     costs the same whatever the list's size; the AddressRemoved event names
     the index that changed. Reverts use Solidity-style custom errors.
"""

# Custom errors (ABI declarations; raised with raw_revert):
# error: NotOwner(address caller)
# error: NotPendingOwner(address caller)
# error: EmptyAddress()
# error: InvalidAddressCharacter(uint256 position)
# error: AddressAlreadyListed(string addr)
# error: AddressNotListed(string addr)
# error: IndexOutOfRange(uint256 index, uint256 length)
# error: AddressListFull(uint256 maxLength)

# ABI parameter names Vyper cannot spell (keywords); the build script writes them:
# abi-inputs: OwnershipTransferRequested(from, to)
# abi-inputs: OwnershipTransferred(from, to)

MAX_ADDRESS_LENGTH: public(constant(uint256)) = 90
MAX_ADDRESSES: public(constant(uint256)) = 256

event AddressAdded:
    addr: String[MAX_ADDRESS_LENGTH]
    index: uint256

event AddressRemoved:
    addr: String[MAX_ADDRESS_LENGTH]
    index: uint256          # the freed index, now held by the former last entry (if any)

event OwnershipTransferRequested:
    sender: indexed(address)
    receiver: indexed(address)

event OwnershipTransferred:
    sender: indexed(address)
    receiver: indexed(address)

owner: public(address)
pendingOwner: public(address)
addresses: DynArray[String[MAX_ADDRESS_LENGTH], MAX_ADDRESSES]
# keccak256(address string) -> index + 1 (0: not listed)
position: HashMap[bytes32, uint256]


@deploy
def __init__(initial: DynArray[String[MAX_ADDRESS_LENGTH], MAX_ADDRESSES]):
    """
    @param initial the first custody addresses, listed in this order (may be empty)
    @dev The deployer becomes the owner.
    """
    self.owner = msg.sender
    log OwnershipTransferred(sender=empty(address), receiver=msg.sender)
    for a: String[MAX_ADDRESS_LENGTH] in initial:
        self._add(a)


# ---------------------------------------------------------------- Chainlink PoRAddressList

@external
@view
def getPoRAddressListLength() -> uint256:
    return len(self.addresses)


@external
@view
def getPoRAddressList(startIndex: uint256, endIndex: uint256) -> DynArray[String[MAX_ADDRESS_LENGTH], MAX_ADDRESSES]:
    """
    @notice Entries startIndex..endIndex, both inclusive; an endIndex past the
            last entry means the last entry. Empty when endIndex < startIndex,
            when startIndex is past the last entry, or when the list is empty
            (Chainlink's example reverts on an empty list; nothing reverts here).
    """
    out: DynArray[String[MAX_ADDRESS_LENGTH], MAX_ADDRESSES] = []
    n: uint256 = len(self.addresses)
    if startIndex > endIndex or startIndex >= n:
        return out
    last: uint256 = min(endIndex, n - 1)
    for i: uint256 in range(startIndex, last + 1, bound=MAX_ADDRESSES):
        out.append(self.addresses[i])
    return out


# ---------------------------------------------------------------- owner

@internal
@view
def _only_owner():
    if msg.sender != self.owner:
        raw_revert(concat(method_id("NotOwner(address)"), abi_encode(msg.sender)))


@internal
def _add(a: String[MAX_ADDRESS_LENGTH]):
    if len(a) == 0:
        raw_revert(method_id("EmptyAddress()"))
    raw: Bytes[MAX_ADDRESS_LENGTH] = convert(a, Bytes[MAX_ADDRESS_LENGTH])
    for i: uint256 in range(len(raw), bound=MAX_ADDRESS_LENGTH):
        c: uint256 = convert(slice(raw, i, 1), uint256)
        # '!'..'~': what a ledger API takes in a URL path; no spaces or control bytes.
        if c < 33 or c > 126:
            raw_revert(concat(method_id("InvalidAddressCharacter(uint256)"), abi_encode(i)))
    key: bytes32 = keccak256(a)
    if self.position[key] != 0:
        raw_revert(concat(method_id("AddressAlreadyListed(string)"), abi_encode(a)))
    n: uint256 = len(self.addresses)
    if n == MAX_ADDRESSES:
        raw_revert(concat(method_id("AddressListFull(uint256)"), abi_encode(MAX_ADDRESSES)))
    self.addresses.append(a)
    self.position[key] = n + 1
    log AddressAdded(addr=a, index=n)


@internal
def _remove_at(index: uint256):
    n: uint256 = len(self.addresses)
    if index >= n:
        raw_revert(concat(method_id("IndexOutOfRange(uint256,uint256)"), abi_encode(index, n)))
    removed: String[MAX_ADDRESS_LENGTH] = self.addresses[index]
    if index != n - 1:
        moved: String[MAX_ADDRESS_LENGTH] = self.addresses[n - 1]
        self.addresses[index] = moved
        self.position[keccak256(moved)] = index + 1
    self.addresses.pop()
    self.position[keccak256(removed)] = 0
    log AddressRemoved(addr=removed, index=index)


@external
def addAddress(addr: String[MAX_ADDRESS_LENGTH]):
    """
    @notice Append a custody address (owner only). A string longer than
            MAX_ADDRESS_LENGTH fails ABI decoding (empty revert data).
    """
    self._only_owner()
    self._add(addr)


@external
def removeAddress(addr: String[MAX_ADDRESS_LENGTH]):
    """
    @notice Remove a custody address by value (owner only); the last entry takes its index.
    """
    self._only_owner()
    p: uint256 = self.position[keccak256(addr)]
    if p == 0:
        raw_revert(concat(method_id("AddressNotListed(string)"), abi_encode(addr)))
    self._remove_at(p - 1)


@external
def removeAddressAt(index: uint256):
    """
    @notice Remove the entry at `index` (owner only); the last entry takes its index.
    """
    self._only_owner()
    self._remove_at(index)


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
