import json
from pathlib import Path

import boa
import pytest
from eth_abi import encode

from conftest import (ZERO, deploy_aggregator, deploy_feed, deploy_token, expect_error, revert_data,
                      Committee, custom_error)

HOUR = 3600
LRD = bytes.fromhex("feaf968c")
DEC = bytes.fromhex("313ce567")


@pytest.fixture
def feed():
    boa.env.time_travel(seconds=10_000)
    return deploy_feed(8, 1000 * 10**8)  # 1000 BTC at 8 decimals, updated now


@pytest.fixture
def token(feed):
    return deploy_token(decimals=8, feed=feed.address, heartbeat=HOUR)


def now():
    return boa.env.evm.patch.timestamp


def test_erc20_metadata_and_constructor(token, feed):
    assert (token.name(), token.symbol(), token.decimals()) == ("Wrapped BTC", "WBTC", 8)
    assert token.totalSupply() == 0
    assert token.owner() == boa.env.eoa and token.minter() == boa.env.eoa and token.pauser() == ZERO
    assert token.feed() == feed.address and token.heartbeat() == HOUR and token.marginBps() == 0
    assert not token.paused()
    expect_error(deploy_token, heartbeat=0, sig="InvalidHeartbeat(uint256)", types=["uint256"], values=[0])
    expect_error(deploy_token, margin=10_000, sig="InvalidMarginBps(uint256)", types=["uint256"], values=[10_000])


def test_boundary_mint_exactly_reserves(token):
    a = boa.env.generate_address()
    token.mint(a, 600 * 10**8)
    token.mint(a, 400 * 10**8)  # exactly the reserves
    assert token.totalSupply() == 1000 * 10**8 == token.balanceOf(a)
    expect_error(token.mint, a, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[1000 * 10**8 + 1, 1000 * 10**8])


def test_one_unit_over_from_empty(token):
    a = boa.env.generate_address()
    expect_error(token.mint, a, 1000 * 10**8 + 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[1000 * 10**8 + 1, 1000 * 10**8])
    token.mint(a, 1000 * 10**8)
    logs = token.get_logs()
    assert [type(l).__name__ for l in logs] == ["Transfer"]
    assert (str(logs[0].sender), str(logs[0].receiver), logs[0].value) == (ZERO, a, 1000 * 10**8)


def test_feed_8_token_18(feed):
    t = deploy_token(decimals=18, feed=feed.address)
    a = boa.env.generate_address()
    t.mint(a, 1000 * 10**18)
    expect_error(t.mint, a, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[1000 * 10**18 + 1, 1000 * 10**18])
    assert t.reserves() == 1000 * 10**18


def test_feed_18_token_8():
    boa.env.time_travel(seconds=10_000)
    f = deploy_feed(18, 1000 * 10**18 + 9_999_999_999)  # fraction below 1e-8 is rounded down
    t = deploy_token(decimals=8, feed=f.address)
    assert t.reserves() == 1000 * 10**8
    a = boa.env.generate_address()
    t.mint(a, 1000 * 10**8)
    expect_error(t.mint, a, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[1000 * 10**8 + 1, 1000 * 10**8])


def test_feed_6_token_6_and_extreme_decimals():
    boa.env.time_travel(seconds=10_000)
    f = deploy_feed(6, 5 * 10**6)
    t = deploy_token(decimals=6, feed=f.address)
    assert t.reserves() == 5 * 10**6
    # scaling up far: saturates instead of overflowing
    f0 = deploy_feed(0, 2)
    t77 = deploy_token(decimals=255, feed=f0.address)
    assert t77.reserves() == 2**256 - 1
    # scaling down far: everything rounds to zero -> mint of 1 refused
    f255 = deploy_feed(255, 10**70)
    t0 = deploy_token(decimals=0, feed=f255.address)
    assert t0.reserves() == 0
    expect_error(t0.mint, boa.env.eoa, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[1, 0])


def test_margin_bps(token):
    token.setMarginBps(250)  # 2.5 %
    assert token.reserves() == 975 * 10**8
    a = boa.env.generate_address()
    token.mint(a, 975 * 10**8)
    expect_error(token.mint, a, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[975 * 10**8 + 1, 975 * 10**8])
    expect_error(token.setMarginBps, 10_000, sig="InvalidMarginBps(uint256)", types=["uint256"], values=[10_000])
    token.setMarginBps(9_999)
    assert token.reserves() == 1000 * 10**8 // 10_000


def test_margin_no_overflow_near_max():
    boa.env.time_travel(seconds=10_000)
    f = deploy_feed(0, 2**255 - 1)
    t = deploy_token(decimals=0, feed=f.address, margin=1)
    r = 2**255 - 1
    assert t.reserves() == r * 9999 // 10000


def test_supply_overflow_reports_reserves_exceeded():
    boa.env.time_travel(seconds=10_000)
    f = deploy_feed(0, 2**255 - 1)
    t = deploy_token(decimals=60, feed=f.address)  # saturates to 2**256-1
    a = boa.env.generate_address()
    t.mint(a, 2**256 - 1)
    expect_error(t.mint, a, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[2**256 - 1, 2**256 - 1])


def test_stale_future_zero_updated_at(token, feed):
    a = boa.env.generate_address()
    t0 = now()
    feed.set(1000 * 10**8, t0 - HOUR)  # exactly heartbeat old: fresh
    token.mint(a, 1)
    feed.set(1000 * 10**8, t0 - HOUR - 1)
    expect_error(token.mint, a, 1, sig="ReservesStale(uint256,uint256,uint256)",
                 types=["uint256"] * 3, values=[t0 - HOUR - 1, HOUR, t0])
    feed.set(1000 * 10**8, t0 + 1)
    expect_error(token.mint, a, 1, sig="ReservesFromFuture(uint256,uint256)",
                 types=["uint256"] * 2, values=[t0 + 1, t0])
    feed.set(1000 * 10**8, 0)
    expect_error(token.mint, a, 1, sig="ReservesUpdatedAtZero()")
    feed.set(1000 * 10**8, t0)
    token.mint(a, 1)
    # heartbeat change applies at once
    boa.env.time_travel(seconds=100)
    token.setHeartbeat(99)
    expect_error(token.mint, a, 1, sig="ReservesStale(uint256,uint256,uint256)",
                 types=["uint256"] * 3, values=[t0, 99, now()])
    expect_error(token.setHeartbeat, 0, sig="InvalidHeartbeat(uint256)", types=["uint256"], values=[0])


def test_zero_and_negative_answer(token, feed):
    a = boa.env.generate_address()
    feed.set(0, now())
    expect_error(token.mint, a, 0, sig="NonPositiveReserves(int256)", types=["int256"], values=[0])
    feed.set(-1, now())
    expect_error(token.mint, a, 1, sig="NonPositiveReserves(int256)", types=["int256"], values=[-1])
    feed.set(-(2**255), now())
    expect_error(token.mint, a, 1, sig="NonPositiveReserves(int256)", types=["int256"], values=[-(2**255)])
    # negative answer with updatedAt 0: the answer is judged first
    feed.set(-5, 0)
    expect_error(token.mint, a, 1, sig="NonPositiveReserves(int256)", types=["int256"], values=[-5])


@pytest.mark.parametrize("mode,sig,selector", [
    (1, "FeedCallFailed(address,bytes4)", LRD),         # reverts with reason
    (8, "FeedCallFailed(address,bytes4)", LRD),         # reverts without data
    (2, "FeedMalformedResponse(address,bytes4)", LRD),  # 64 bytes
    (3, "FeedMalformedResponse(address,bytes4)", LRD),  # empty
    (6, "FeedMalformedResponse(address,bytes4)", LRD),  # 192 bytes
    (7, "FeedMalformedResponse(address,bytes4)", LRD),  # roundId >= 2**80
    (4, "FeedCallFailed(address,bytes4)", DEC),         # decimals() reverts
    (5, "FeedMalformedResponse(address,bytes4)", DEC),  # decimals() = 256
])
def test_broken_feed_fails_closed(token, feed, mode, sig, selector):
    feed.setMode(mode)
    expect_error(token.mint, boa.env.eoa, 1, sig=sig, types=["address", "bytes4"], values=[feed.address, selector])
    assert token.mintableAmount() == 0


def test_feed_without_code_and_unset(token):
    eoa = boa.env.generate_address()
    token.setFeed(eoa)
    expect_error(token.mint, boa.env.eoa, 1, sig="FeedMalformedResponse(address,bytes4)",
                 types=["address", "bytes4"], values=[eoa, DEC])
    token.setFeed(ZERO)
    expect_error(token.mint, boa.env.eoa, 1, sig="FeedNotSet()")
    expect_error(token.reserves, sig="FeedNotSet()")


def test_feed_that_is_not_a_feed(token):
    other = deploy_token()  # has decimals() but no latestRoundData()
    token.setFeed(other.address)
    expect_error(token.mint, boa.env.eoa, 1, sig="FeedCallFailed(address,bytes4)",
                 types=["address", "bytes4"], values=[other.address, LRD])


def test_paused_and_roles(token, feed):
    a, pauser, stranger = (boa.env.generate_address() for _ in range(3))
    token.mint(a, 100)
    expect_error(token.pause, sender=stranger, sig="NotOwnerOrPauser(address)", types=["address"], values=[stranger])
    token.setPauser(pauser)
    token.pause(sender=pauser)
    (p,) = token.get_logs()
    assert type(p).__name__ == "Paused" and str(p.account) == pauser
    assert token.paused() and token.pausedBy() == pauser
    expect_error(token.mint, a, 1, sig="MintingPaused()")
    expect_error(token.pause, sig="EnforcedPause()")
    assert token.mintableAmount() == 0
    # transfers and burns go on while paused
    token.transfer(stranger, 10, sender=a)
    token.burn(5, sender=a)
    assert token.balanceOf(a) == 85 and token.totalSupply() == 95
    token.unpause()  # owner may unpause a pauser's pause
    assert not token.paused() and token.pausedBy() == ZERO
    expect_error(token.unpause, sig="ExpectedPause()")
    token.mint(a, 1)
    # minter role
    expect_error(token.mint, a, 1, sender=stranger, sig="NotMinter(address)", types=["address"], values=[stranger])
    token.setMinter(stranger)
    expect_error(token.mint, a, 1, sig="NotMinter(address)", types=["address"], values=[boa.env.eoa])
    token.mint(a, 1, sender=stranger)
    expect_error(token.mint, ZERO, 1, sender=stranger, sig="ERC20InvalidReceiver(address)",
                 types=["address"], values=[ZERO])
    # owner-only setters
    for fn, arg in [(token.setFeed, ZERO), (token.setHeartbeat, 1), (token.setMarginBps, 1),
                    (token.setMinter, stranger), (token.setPauser, stranger)]:
        expect_error(fn, arg, sender=stranger, sig="NotOwner(address)", types=["address"], values=[stranger])


def test_minter_check_precedes_feed_checks(token, feed):
    feed.setMode(1)
    s = boa.env.generate_address()
    expect_error(token.mint, s, 1, sender=s, sig="NotMinter(address)", types=["address"], values=[s])
    token.pause()
    expect_error(token.mint, s, 1, sig="MintingPaused()")


def test_burn_always_works(token, feed):
    a = boa.env.generate_address()
    token.mint(a, 500)
    for mode in (1, 2, 3, 4, 5):
        feed.setMode(mode)
        token.burn(1, sender=a)
    feed.setMode(0)
    feed.set(-1, 0)
    token.pause()
    token.burn(1, sender=a)
    token.setFeed(ZERO)
    token.burn(1, sender=a)
    assert token.balanceOf(a) == 493 and token.totalSupply() == 493
    expect_error(token.burn, 494, sender=a, sig="ERC20InsufficientBalance(address,uint256,uint256)",
                 types=["address", "uint256", "uint256"], values=[a, 493, 494])
    # burnFrom with allowance
    b = boa.env.generate_address()
    token.approve(b, 10, sender=a)
    token.burnFrom(a, 10, sender=b)
    assert token.allowance(a, b) == 0 and token.totalSupply() == 483
    expect_error(token.burnFrom, a, 1, sender=b, sig="ERC20InsufficientAllowance(address,uint256,uint256)",
                 types=["address", "uint256", "uint256"], values=[b, 0, 1])


def test_erc20_transfer_approve(token):
    a, b, c = (boa.env.generate_address() for _ in range(3))
    token.mint(a, 100)
    assert token.transfer(b, 30, sender=a) is True
    logs = token.get_logs()
    assert (type(logs[0]).__name__, str(logs[0].sender), str(logs[0].receiver), logs[0].value) == ("Transfer", a, b, 30)
    expect_error(token.transfer, c, 71, sender=a, sig="ERC20InsufficientBalance(address,uint256,uint256)",
                 types=["address", "uint256", "uint256"], values=[a, 70, 71])
    expect_error(token.transfer, ZERO, 1, sender=a, sig="ERC20InvalidReceiver(address)", types=["address"], values=[ZERO])
    assert token.approve(c, 50, sender=a) is True
    (ap,) = token.get_logs()
    assert (type(ap).__name__, str(ap.owner), str(ap.spender), ap.value) == ("Approval", a, c, 50)
    expect_error(token.approve, ZERO, 1, sender=a, sig="ERC20InvalidSpender(address)", types=["address"], values=[ZERO])
    assert token.transferFrom(a, b, 20, sender=c) is True
    assert token.allowance(a, c) == 30 and token.balanceOf(b) == 50
    expect_error(token.transferFrom, a, b, 31, sender=c, sig="ERC20InsufficientAllowance(address,uint256,uint256)",
                 types=["address", "uint256", "uint256"], values=[c, 30, 31])
    token.approve(c, 2**256 - 1, sender=a)
    token.transferFrom(a, b, 10, sender=c)
    assert token.allowance(a, c) == 2**256 - 1
    # self-transfer keeps the balance
    token.transfer(a, 5, sender=a)
    assert token.balanceOf(a) == 40 and token.totalSupply() == 100


def test_mintable_amount(token, feed):
    assert token.mintableAmount() == 1000 * 10**8
    token.mint(boa.env.eoa, 999 * 10**8)
    assert token.mintableAmount() == 10**8
    feed.set(10, now())
    assert token.mintableAmount() == 0


def test_ownership_two_step(token):
    o = boa.env.generate_address()
    token.transferOwnership(o)
    expect_error(token.acceptOwnership, sig="NotPendingOwner(address)", types=["address"], values=[boa.env.eoa])
    token.acceptOwnership(sender=o)
    assert token.owner() == o
    expect_error(token.setPauser, o, sig="NotOwner(address)", types=["address"], values=[boa.env.eoa])


def test_with_real_por_aggregator():
    """End to end: PoRAggregator (8 decimals) feeding an 18-decimal token."""
    boa.env.time_travel(seconds=10_000)
    c = Committee()
    agg = deploy_aggregator(8, "WBTC PoR", 1, 10**30)
    t = deploy_token(decimals=18, feed=agg.address)
    expect_error(t.mint, boa.env.eoa, 1, sig="NonPositiveReserves(int256)", types=["int256"], values=[0])
    agg.setConfig(c.signers, c.transmitters, 1)
    d = agg.latestConfigDetails()[2]
    agg.transmit(*c.transmit_args(d, 1, [10 * 10**8, 12 * 10**8, 20 * 10**8]), sender=c.transmitters[0])
    t.mint(boa.env.eoa, 12 * 10**18)
    expect_error(t.mint, boa.env.eoa, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[12 * 10**18 + 1, 12 * 10**18])
    boa.env.time_travel(seconds=HOUR + 1)
    expect_error(t.mint, boa.env.eoa, 1, sig="ReservesStale(uint256,uint256,uint256)",
                 types=["uint256"] * 3, values=[now() - HOUR - 1, HOUR, now()])


SHARED = Path(__file__).resolve().parents[3] / "shared" / "solidity-artifacts" / "MockV3Aggregator_v08.json"


@pytest.mark.skipif(not SHARED.is_file(), reason="../shared solidity artifacts absent")
def test_with_solidity_mock_v3_aggregator():
    """The solc-compiled MockV3Aggregator (0.8.19) as the feed."""
    art = json.loads(SHARED.read_text())
    boa.env.time_travel(seconds=10_000)
    code = bytes.fromhex(art["bytecode"]["object"][2:]) + encode(["uint8", "int256"], [8, 5 * 10**8])
    addr, _ = boa.env.deploy_code(bytecode=code)
    mock = boa.loads_abi(json.dumps(art["abi"]), name="MockV3Aggregator").at(addr)
    t = deploy_token(decimals=8, feed=str(addr))
    t.mint(boa.env.eoa, 5 * 10**8)
    expect_error(t.mint, boa.env.eoa, 1, sig="ReservesExceeded(uint256,uint256)",
                 types=["uint256", "uint256"], values=[5 * 10**8 + 1, 5 * 10**8])
    mock.updateRoundData(7, -3, now(), now())
    expect_error(t.mint, boa.env.eoa, 1, sig="NonPositiveReserves(int256)", types=["int256"], values=[-3])
    mock.updateRoundData(8, 10 * 10**8, now() - HOUR - 1, now())
    expect_error(t.mint, boa.env.eoa, 1, sig="ReservesStale(uint256,uint256,uint256)",
                 types=["uint256"] * 3, values=[now() - HOUR - 1, HOUR, now()])
    mock.updateAnswer(10 * 10**8)
    t.mint(boa.env.eoa, 5 * 10**8)
