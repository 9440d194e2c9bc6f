import boa
import pytest
from eth_abi import decode

from conftest import ZERO, deploy_breaker, deploy_feed, deploy_token, expect_error

HOUR = 3600
NONE, PAUSE, RESUME = 0, 1, 2


@pytest.fixture
def setup():
    boa.env.time_travel(seconds=10_000)
    feed = deploy_feed(8, 100 * 10**8)
    token = deploy_token(decimals=18, feed=feed.address)
    breaker = deploy_breaker(token.address, feed.address, HOUR)
    token.setPauser(breaker.address)
    fwd = boa.env.generate_address("forwarder")
    breaker.setForwarder(fwd)
    token.mint(boa.env.eoa, 100 * 10**18)  # fully backed
    return feed, token, breaker, fwd


def now():
    return boa.env.evm.patch.timestamp


def logs_named(contract, name):
    return [l for l in contract.get_logs() if type(l).__name__ == name]


def check(breaker):
    needed, data = breaker.checkUpkeep(b"")
    action, status, reserves, supply = decode(["uint8", "uint8", "uint256", "uint256"], data)
    return needed, action, status, reserves, supply


def test_constructor_and_config(setup):
    feed, token, breaker, fwd = setup
    assert breaker.token() == token.address and breaker.feed() == feed.address
    assert breaker.heartbeat() == HOUR and breaker.forwarder() == fwd and breaker.owner() == boa.env.eoa
    expect_error(deploy_breaker, token.address, feed.address, 0,
                 sig="InvalidHeartbeat(uint256)", types=["uint256"], values=[0])
    s = boa.env.generate_address()
    for fn, arg in [(breaker.setForwarder, s), (breaker.setFeed, s), (breaker.setHeartbeat, 5)]:
        expect_error(fn, arg, sender=s, sig="NotOwner(address)", types=["address"], values=[s])


def test_healthy_no_upkeep(setup):
    feed, token, breaker, fwd = setup
    assert check(breaker) == (False, NONE, 0, 100 * 10**18, 100 * 10**18)
    expect_error(breaker.performUpkeep, b"", sender=fwd, sig="UpkeepNotNeeded()")


def test_pause_on_shortfall_and_resume(setup):
    feed, token, breaker, fwd = setup
    feed.set(99 * 10**8, now())  # reserves fall below supply
    assert check(breaker) == (True, PAUSE, 0, 99 * 10**18, 100 * 10**18)
    # forwarder-only
    s = boa.env.generate_address()
    expect_error(breaker.performUpkeep, b"", sender=s, sig="OnlyForwarder(address)", types=["address"], values=[s])
    expect_error(breaker.performUpkeep, b"", sig="OnlyForwarder(address)", types=["address"], values=[boa.env.eoa])
    breaker.performUpkeep(b"anything", sender=fwd)
    names = [type(l).__name__ for l in breaker.get_logs()]
    assert names == ["Paused", "CircuitBreakerTripped"], names
    (log,) = logs_named(breaker, "CircuitBreakerTripped")
    assert (log.reserves, log.supply, log.readingStatus) == (99 * 10**18, 100 * 10**18, 0)
    assert token.paused() and token.pausedBy() == breaker.address
    assert check(breaker)[:2] == (False, NONE)
    expect_error(breaker.performUpkeep, b"", sender=fwd, sig="UpkeepNotNeeded()")
    # burns bring supply under reserves -> resume
    token.burn(1 * 10**18)
    assert check(breaker) == (True, RESUME, 0, 99 * 10**18, 99 * 10**18)
    breaker.performUpkeep(b"", sender=fwd)
    (log,) = logs_named(breaker, "CircuitBreakerReset")
    assert (log.reserves, log.supply) == (99 * 10**18, 99 * 10**18)
    assert not token.paused()
    assert check(breaker)[:2] == (False, NONE)


@pytest.mark.parametrize("break_it,status", [
    (lambda f: f.set(0, now()), 4),
    (lambda f: f.set(-7, now()), 4),
    (lambda f: f.set(10**12, 0), 5),
    (lambda f: f.set(10**12, now() + 5), 6),
    (lambda f: f.set(10**12, now() - HOUR - 1), 7),
    (lambda f: f.setMode(1), 2),
    (lambda f: f.setMode(3), 3),
    (lambda f: f.setMode(4), 2),
])
def test_unusable_feed_counts_as_short(setup, break_it, status):
    feed, token, breaker, fwd = setup
    break_it(feed)
    needed, action, st, reserves, supply = check(breaker)
    assert (needed, action, st, reserves) == (True, PAUSE, status, 0)
    breaker.performUpkeep(b"", sender=fwd)
    (log,) = logs_named(breaker, "CircuitBreakerTripped")
    assert log.readingStatus == status
    assert token.paused()


def test_stale_by_time(setup):
    feed, token, breaker, fwd = setup
    boa.env.time_travel(seconds=HOUR)
    assert check(breaker)[:2] == (False, NONE)
    boa.env.time_travel(seconds=1)
    assert check(breaker)[:3] == (True, PAUSE, 7)


def test_no_feed_counts_as_short(setup):
    feed, token, breaker, fwd = setup
    breaker.setFeed(ZERO)
    assert check(breaker)[:3] == (True, PAUSE, 1)


def test_perform_rechecks_on_chain(setup):
    """performData from an earlier check is not trusted: state changed since."""
    feed, token, breaker, fwd = setup
    feed.set(50 * 10**8, now())
    needed, data = breaker.checkUpkeep(b"")
    assert needed
    feed.set(200 * 10**8, now())  # recovered before perform
    expect_error(breaker.performUpkeep, data, sender=fwd, sig="UpkeepNotNeeded()")
    assert not token.paused()
    # forged performData claiming "resume" while short: pauses instead, per on-chain state
    feed.set(1, now())
    breaker.performUpkeep(b"\x00" * 31 + b"\x02", sender=fwd)
    assert token.paused()


def test_respects_manual_pause(setup):
    feed, token, breaker, fwd = setup
    token.pause()  # owner pauses for its own reasons; reserves are fine
    assert check(breaker)[:2] == (False, NONE)
    expect_error(breaker.performUpkeep, b"", sender=fwd, sig="UpkeepNotNeeded()")
    assert token.paused() and token.pausedBy() == boa.env.eoa
    # short while manually paused: nothing to do either
    feed.set(1, now())
    assert check(breaker)[:2] == (False, NONE)


def test_owner_unpause_while_short_repauses(setup):
    feed, token, breaker, fwd = setup
    feed.set(1, now())
    breaker.performUpkeep(b"", sender=fwd)
    token.unpause()  # owner overrides
    assert check(breaker)[:2] == (True, PAUSE)
    breaker.performUpkeep(b"", sender=fwd)
    assert token.paused()


def test_breaker_without_pauser_role_reverts(setup):
    feed, token, breaker, fwd = setup
    token.setPauser(ZERO)
    feed.set(1, now())
    expect_error(breaker.performUpkeep, b"", sender=fwd, sig="NotOwnerOrPauser(address)",
                 types=["address"], values=[breaker.address])


def test_unset_forwarder_blocks_everyone(setup):
    feed, token, breaker, fwd = setup
    breaker.setForwarder(ZERO)
    feed.set(1, now())
    expect_error(breaker.performUpkeep, b"", sender=fwd, sig="OnlyForwarder(address)", types=["address"], values=[fwd])


def test_evaluate_view(setup):
    feed, token, breaker, fwd = setup
    assert breaker.evaluate() == (NONE, 0, 100 * 10**18, 100 * 10**18)
