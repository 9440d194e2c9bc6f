"""Each planted bug (Contracts/planted/<bug>/) is real: its minimal call sequence breaks the named PoR
property on the planted copy, and the same sequence keeps the property on the original contracts.

The properties are judged by por_model (issue 10's rules), never by the token's own views.
"""
import re

import boa
import pytest

from conftest import CONTRACTS, deploy_feed
from por_model import independent_reserves, now, succeeds

HOUR = 3600
PLANTED = CONTRACTS / "planted"


class World:
    """The PoR preset's setup: mock feed (8 decimals, 100 units), 8-decimal token, breaker as pauser."""

    def __init__(self, bug):
        def source(name):
            planted = PLANTED / bug / f"{name}.vy" if bug else None
            return str(planted if planted and planted.is_file() else CONTRACTS / f"{name}.vy")

        boa.env.time_travel(seconds=10_000)
        self.owner = boa.env.eoa  # also the minter
        self.alice = boa.env.generate_address("alice")
        self.attacker = boa.env.generate_address("attacker")
        self.forwarder = boa.env.generate_address("forwarder")
        self.feed = deploy_feed(8, 100 * 10**8)
        self.token = boa.load(source("SecureMintToken"), "Wrapped BTC", "WBTC", 8, self.feed.address, HOUR, 0)
        self.breaker = boa.load(source("ReserveCircuitBreaker"), self.token.address, self.feed.address, HOUR)
        self.token.setPauser(self.breaker.address)
        self.breaker.setForwarder(self.forwarder)

    def reserves(self):
        t = self.token
        return independent_reserves(t.feed(), t.decimals(), t.heartbeat(), t.marginBps())


# Each scenario runs the bug's minimal call sequence and returns what broke, or None.

def mint_over_reserves_by_one(w):
    limit = w.reserves()
    if succeeds(w.token.mint, w.alice, limit + 1) and w.token.totalSupply() > limit:
        return f"mint within reserves: supply {w.token.totalSupply()} > reserves {limit}"


def mint_when_stale(w):
    boa.env.time_travel(seconds=HOUR + 1)
    assert w.reserves() is None
    if succeeds(w.token.mint, w.alice, 1):
        return "mint fails closed: minted on an answer older than the heartbeat"


def burn_while_paused(w):
    w.token.mint(w.alice, 5)
    w.token.pause()
    if not succeeds(w.token.burn, 5, sender=w.alice):
        return "burn always works: a burn of the whole balance reverted while paused"


def transfer_from_without_allowance(w):
    w.token.mint(w.alice, 5)
    assert w.token.allowance(w.alice, w.attacker) == 0
    if succeeds(w.token.transferFrom, w.alice, w.attacker, 5, sender=w.attacker):
        return "ERC-20 accounting: moved 5 with an allowance of 0"


def breaker_lifts_owner_pause(w):
    w.token.pause()
    succeeds(w.breaker.performUpkeep, b"", sender=w.forwarder)
    if not w.token.paused():
        return "breaker: lifted a pause made by the owner"


def mint_with_feed_decimals_above_token(w):
    w.feed.setDecimals(18)  # 100e8 at 18 decimals = 1e-8 units = 1 base unit of an 8-decimal token
    limit = w.reserves()
    assert limit == 1
    if succeeds(w.token.mint, w.alice, limit + 1):
        return f"mint within reserves: minted {limit + 1} against reserves {limit}"


def mint_on_negative_answer(w):
    w.feed.set(-1, now())
    assert w.reserves() is None
    if succeeds(w.token.mint, w.alice, 1):
        return "mint fails closed: minted on a negative answer"


def mint_on_future_updated_at(w):
    w.feed.set(100 * 10**8, now() + 60)
    assert w.reserves() is None
    if succeeds(w.token.mint, w.alice, 1):
        return "mint fails closed: minted on an updatedAt in the future"


def mint_past_margin(w):
    w.token.setMarginBps(1_000)
    limit = w.reserves()
    assert limit == 90 * 10**8
    if succeeds(w.token.mint, w.alice, limit + 1):
        return f"mint within reserves: minted {limit + 1} against reserves {limit} after a 10% margin"


def attacker_mints(w):
    if succeeds(w.token.mint, w.attacker, 1, sender=w.attacker):
        return "only the minter mints: the attacker minted"


BUGS = {
    "mint-off-by-one": mint_over_reserves_by_one,
    "skip-staleness": mint_when_stale,
    "burn-blocked-by-pause": burn_while_paused,
    "transferfrom-no-allowance": transfer_from_without_allowance,
    "breaker-lifts-foreign-pause": breaker_lifts_owner_pause,
    "decimals-scaled-wrong-way": mint_with_feed_decimals_above_token,
    "negative-answer-unsigned": mint_on_negative_answer,
    "future-updatedat-accepted": mint_on_future_updated_at,
    "margin-inverted": mint_past_margin,
    "mint-without-minter-check": attacker_mints,
}


@pytest.mark.parametrize("bug", sorted(BUGS))
def test_planted_copy_breaks_property(bug):
    assert BUGS[bug](World(bug)) is not None


@pytest.mark.parametrize("bug", sorted(BUGS))
def test_original_keeps_property(bug):
    assert BUGS[bug](World(None)) is None


def test_every_planted_folder_is_tested_and_documented():
    folders = {p.name for p in PLANTED.iterdir() if p.is_dir()}
    assert folders == set(BUGS)
    readme = (PLANTED / "README.md").read_text()
    rows = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.M))
    assert rows == folders
    fixtures = CONTRACTS.parent / "Fixtures" / "planted"
    for bug in folders:
        for src in (PLANTED / bug).glob("*.vy"):
            assert (fixtures / bug / f"{src.stem}.json").is_file(), f"{bug}/{src.stem}: run build-fixtures.py --planted"
