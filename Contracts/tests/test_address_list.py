"""PoRAddressList: Chainlink's PoR address list interface, bounds, owner-only edits, removal order.

Expected ranges follow Chainlink's IPoRAddressList documentation: both indexes inclusive, an end
index past the last entry means the last entry, end < start gives an empty array.
"""
import json
import random

import boa
import pytest
from eth_abi import encode

from conftest import CONTRACTS, ROOT, ZERO, custom_error, expect_error, revert_data, selector

U256_MAX = 2**256 - 1
# Real address formats: legacy (base58), P2SH, bech32 v0, bech32m (taproot), an EVM hex address.
BTC = [
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
    "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
    "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
]


def deploy(initial=()):
    return boa.load(str(CONTRACTS / "PoRAddressList.vy"), list(initial))


def chainlink_range(lst, start, end):
    """The interface's documented result, written from its NatSpec, not from the contract."""
    if start > end or start >= len(lst):
        return []
    return lst[start:min(end, len(lst) - 1) + 1]


def raw_revert(contract, sig, types, values):
    """Revert data of a call sent as raw calldata (boa's own error report cannot always render
    this contract's frames, so IndexOutOfRange is read here from the EVM's output directly)."""
    data = selector(sig) + (encode(types, values) if types else b"")
    c = boa.env.execute_code(to_address=contract.address, sender=boa.env.eoa, data=data)
    assert c.is_error, f"{sig} did not revert"
    return bytes(c.output or b"")


def names(contract):
    return [type(l).__name__ for l in contract.get_logs()]


@pytest.fixture
def listed():
    return deploy(BTC)


def test_length_and_ranges_at_the_boundaries(listed):
    n = len(BTC)
    assert listed.getPoRAddressListLength() == n
    cases = [(0, n - 1), (0, n), (0, U256_MAX), (1, 3), (2, 2), (n - 1, n - 1), (n - 1, U256_MAX),
             (n, n), (n, U256_MAX), (3, 2), (1, 0), (U256_MAX, U256_MAX), (U256_MAX, 0), (0, 0)]
    for start, end in cases:
        assert listed.getPoRAddressList(start, end) == chainlink_range(BTC, start, end), (start, end)
    # spot values, independent of the helper above
    assert listed.getPoRAddressList(0, U256_MAX) == BTC
    assert listed.getPoRAddressList(1, 3) == BTC[1:4]
    assert listed.getPoRAddressList(4, 1000) == [BTC[4]]
    assert listed.getPoRAddressList(3, 2) == [] and listed.getPoRAddressList(5, 9) == []


def test_empty_list_never_reverts():
    e = deploy()
    assert e.getPoRAddressListLength() == 0
    for start, end in [(0, 0), (0, U256_MAX), (1, 0), (U256_MAX, U256_MAX)]:
        assert e.getPoRAddressList(start, end) == []


def test_abi_is_chainlinks_interface():
    art = json.loads((ROOT / "Fixtures" / "PoRAddressList.json").read_text())
    fns = {e["name"]: e for e in art["abi"] if e["type"] == "function"}
    length, lst = fns["getPoRAddressListLength"], fns["getPoRAddressList"]
    assert ([i["type"] for i in length["inputs"]], [o["type"] for o in length["outputs"]]) == ([], ["uint256"])
    assert [i["type"] for i in lst["inputs"]] == ["uint256", "uint256"]
    assert [o["type"] for o in lst["outputs"]] == ["string[]"]
    assert lst["stateMutability"] == length["stateMutability"] == "view"
    mid = art["methodIdentifiers"]
    assert mid["getPoRAddressListLength()"] == selector("getPoRAddressListLength()").hex()
    assert mid["getPoRAddressList(uint256,uint256)"] == selector("getPoRAddressList(uint256,uint256)").hex()


def test_add_events_and_rejections(listed):
    a = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
    listed.addAddress(a)
    assert names(listed) == ["AddressAdded"]
    (log,) = listed.get_logs()
    assert (log.addr, log.index) == (a, len(BTC))
    assert listed.getPoRAddressList(len(BTC), len(BTC)) == [a]
    expect_error(listed.addAddress, a, sig="AddressAlreadyListed(string)", types=["string"], values=[a])
    expect_error(listed.addAddress, BTC[0], sig="AddressAlreadyListed(string)", types=["string"], values=[BTC[0]])
    expect_error(listed.addAddress, "", sig="EmptyAddress()")
    for bad, pos in [("bc1 q", 3), (" bc1", 0), ("bc1\n", 3), ("bc1\x7f", 3), ("café", 3), ("\x00", 0)]:
        expect_error(listed.addAddress, bad, sig="InvalidAddressCharacter(uint256)", types=["uint256"], values=[pos])
    assert listed.getPoRAddressListLength() == len(BTC) + 1


def test_length_bounds():
    e = deploy()
    assert e.MAX_ADDRESS_LENGTH() == 90 and e.MAX_ADDRESSES() == 256
    longest = "bc1" + "q" * 87  # 90 characters: BIP-173's limit
    e.addAddress(longest)
    assert e.getPoRAddressList(0, 0) == [longest]
    # 91 bytes: refused by the ABI decoder (empty revert data), before any check of ours
    data = selector("addAddress(string)") + encode(["string"], ["bc1" + "q" * 88])
    c = boa.env.execute_code(to_address=e.address, sender=boa.env.eoa, data=data)
    assert c.is_error and bytes(c.output or b"") == b""
    assert e.getPoRAddressListLength() == 1


def test_list_full_at_max():
    e = deploy([f"addr{i}" for i in range(255)])
    e.addAddress("addr255")
    assert e.getPoRAddressListLength() == 256
    expect_error(e.addAddress, "addr256", sig="AddressListFull(uint256)", types=["uint256"], values=[256])
    got = e.getPoRAddressList(0, U256_MAX)
    assert got == [f"addr{i}" for i in range(256)]
    assert e.getPoRAddressList(250, 300) == [f"addr{i}" for i in range(250, 256)]


def test_only_owner(listed):
    s = boa.env.generate_address("stranger")
    for fn, arg in [(listed.addAddress, "bc1qnew"), (listed.removeAddress, BTC[0]),
                    (listed.removeAddressAt, 0), (listed.transferOwnership, s)]:
        expect_error(fn, arg, sender=s, sig="NotOwner(address)", types=["address"], values=[s])
    assert listed.getPoRAddressList(0, U256_MAX) == BTC
    # two-step ownership
    listed.transferOwnership(s)
    assert listed.pendingOwner() == s and listed.owner() == boa.env.eoa
    expect_error(listed.acceptOwnership, sig="NotPendingOwner(address)", types=["address"], values=[boa.env.eoa])
    listed.acceptOwnership(sender=s)
    assert listed.owner() == s and listed.pendingOwner() == ZERO
    listed.addAddress("bc1qnew", sender=s)
    expect_error(listed.addAddress, "bc1qother", sig="NotOwner(address)", types=["address"], values=[boa.env.eoa])


def test_removal_moves_the_last_entry_into_the_gap(listed):
    # documented order semantics: the last entry takes the removed one's index
    listed.removeAddress(BTC[1])
    assert names(listed) == ["AddressRemoved"]
    (log,) = listed.get_logs()
    assert (log.addr, log.index) == (BTC[1], 1)
    assert listed.getPoRAddressList(0, U256_MAX) == [BTC[0], BTC[4], BTC[2], BTC[3]]
    listed.removeAddressAt(3)  # the last entry: nothing moves
    assert listed.getPoRAddressList(0, U256_MAX) == [BTC[0], BTC[4], BTC[2]]
    listed.removeAddress(BTC[4])  # the moved entry is still found by value
    assert listed.getPoRAddressList(0, U256_MAX) == [BTC[0], BTC[2]]
    expect_error(listed.removeAddress, BTC[4], sig="AddressNotListed(string)", types=["string"], values=[BTC[4]])
    assert raw_revert(listed, "removeAddressAt(uint256)", ["uint256"], [2]) == \
        custom_error("IndexOutOfRange(uint256,uint256)", ["uint256", "uint256"], [2, 2])
    listed.addAddress(BTC[4])  # a removed address may come back, at the end
    assert listed.getPoRAddressList(0, U256_MAX) == [BTC[0], BTC[2], BTC[4]]
    listed.removeAddressAt(0)
    listed.removeAddressAt(0)
    listed.removeAddressAt(0)
    assert listed.getPoRAddressListLength() == 0 and listed.getPoRAddressList(0, U256_MAX) == []
    assert raw_revert(listed, "removeAddressAt(uint256)", ["uint256"], [0]) == \
        custom_error("IndexOutOfRange(uint256,uint256)", ["uint256", "uint256"], [0, 0])
    assert raw_revert(listed, "removeAddressAt(uint256)", ["uint256"], [U256_MAX]) == \
        custom_error("IndexOutOfRange(uint256,uint256)", ["uint256", "uint256"], [U256_MAX, 0])


def test_random_edits_match_the_documented_model():
    rng = random.Random(11)
    pool = [f"bc1q{rng.getrandbits(64):016x}" for _ in range(24)]
    e = deploy()
    model = []
    for _ in range(150):
        op = rng.random()
        a = rng.choice(pool)
        if op < 0.5:
            if a in model:
                assert revert_data(e.addAddress, a) == custom_error("AddressAlreadyListed(string)", ["string"], [a])
            else:
                e.addAddress(a)
                model.append(a)
        elif op < 0.75:
            if a in model:
                e.removeAddress(a)
                i = model.index(a)
                model[i] = model[-1]
                model.pop()
            else:
                assert revert_data(e.removeAddress, a) == custom_error("AddressNotListed(string)", ["string"], [a])
        elif model:
            i = rng.randrange(len(model))
            e.removeAddressAt(i)
            model[i] = model[-1]
            model.pop()
        assert e.getPoRAddressListLength() == len(model)
        s, t = rng.randrange(0, 30), rng.randrange(0, 30)
        assert e.getPoRAddressList(s, t) == chainlink_range(model, s, t)
    assert e.getPoRAddressList(0, U256_MAX) == model
