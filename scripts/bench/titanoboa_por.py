#!/usr/bin/env python3
"""The titanoboa side of issue 10's speed comparison: the PoR battery as a hypothesis state machine.

Runs a hypothesis `RuleBasedStateMachine` over our PoRAggregator + SecureMintToken +
ReserveCircuitBreaker on titanoboa (py-evm, one thread, so one core) and prints calls per second,
the property checks after every call included. `porvm fuzz --preset por` mirrors the same setup,
action mix and checks; run both side by side for the issue's table.

Usage (from the repository root, with vyper 0.4.3, titanoboa and hypothesis installed):
    python scripts/bench/titanoboa_por.py [--seconds S] [--max-examples N] [--steps N] [--seed N]
                                          [--artifacts DIR] [--json]
--seconds stops at the first call after S seconds (default 60); --max-examples bounds the sequences
(default 100000, so the time decides); --steps is calls per sequence (default 50); --artifacts
takes the contracts from a Contracts/planted/<bug> folder where it has them (the rest from Contracts/),
and then the run stops at the first broken property and prints it (exit 1).
Same seed, same sequences: hypothesis is seeded and its example database is off.

Setup (once; each sequence then starts from an anchor of it, like porvm's snapshot + journal):
  mock feed (8 decimals, 100 units, updated now); PoRAggregator (8 decimals, 4 oracles, f = 1,
  answers bounded only by int192); 8-decimal token (heartbeat 3600 s, margin 0, owner = minter),
  reading the mock feed; breaker on the same feed and heartbeat, the token's pauser, with a forwarder.
  Actors: owner (also minter), alice, bob, attacker (unprivileged), forwarder.

Action mix (weights out of 100; one action = one counted call, a warp included; an owner action that sets
token and breaker counts two; a revert is an outcome, not an error; the checks' view calls are counted apart):
  25 mint by the minter to an actor; amount from the dictionary: mintableAmount(), reserves - supply
     (from the model) and both +-1, 0, 1, 2**256 - 1 - supply, a random uint64
   3 mint by the attacker
  12 burn by a holder: its balance, balance - 1, 1, balance + 1
  12 transfer between actors: balance, balance + 1, 0, half
   5 approve: 0, 1, balance, 2**256 - 1
   6 transferFrom / burnFrom by a spender: allowance, allowance + 1, balance
  10 mock feed answer: answer in {0, -1, 1, supply exactly (8 decimals), supply - 1, 100e8, 2**255 - 1,
     -(2**255)}, updatedAt in {now, 0, now - heartbeat, now - heartbeat - 1, now + 60}
   5 signed report to the aggregator (pre-signed, median of 3 observations, 2 signatures): answer in
     {0, -1, 1, 50e8, 100e8, 2**191 - 1}
   4 mock feed faults: setMode(0..8) (revert, short, empty, long, bad round, ...), setDecimals {8, 6, 18}
   6 owner: setMarginBps {0, 100, 9999}, setHeartbeat {1, 3600, 86400}, pause, unpause,
     feed swap of token and breaker {mock, aggregator, zero}
   8 warp: heartbeat - 1, heartbeat, heartbeat + 1, 1, 12 s (by the current heartbeat)
   4 performUpkeep(0x) by the forwarder (1 in 4 by the attacker)

Properties (issue 10's battery; checked after every call; reserves computed by Contracts/tests/
por_model.py from the feed's raw answers, never from the token's reserves()):
  mint within reserves; mint fails closed; only the minter mints; ERC-20 accounting (sum of actors'
  balances == totalSupply; no transfer/transferFrom/burn beyond a balance or allowance); burn always
  works; views never revert (mintableAmount, checkUpkeep, evaluate); the breaker (after performUpkeep:
  paused when short or unusable, not paused by it while covered, lifts only its own pause, only the
  forwarder performs).
"""
import argparse
from importlib import metadata
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Contracts" / "tests"))

import boa  # noqa: E402
from hypothesis import HealthCheck, Phase, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.stateful import RuleBasedStateMachine, get_state_machine_test, rule  # noqa: E402

from conftest import Committee  # noqa: E402
from por_model import independent_reserves, now  # noqa: E402

CONTRACTS = ROOT / "Contracts"
MAX = 2**256 - 1
HEARTBEAT = 3600
WEIGHTS = [("mint", 25), ("mint_attacker", 3), ("burn", 12), ("transfer", 12), ("approve", 5),
           ("transfer_from", 6), ("mock_answer", 10), ("signed_report", 5), ("feed_fault", 4),
           ("owner", 6), ("warp", 8), ("upkeep", 4)]
KINDS = [k for k, w in WEIGHTS for _ in range(w)]
REPORT_ANSWERS = [0, -1, 1, 50 * 10**8, 100 * 10**8, 2**191 - 1]


class Budget(KeyboardInterrupt):
    """The time budget ran out. Hypothesis re-raises a KeyboardInterrupt at once; any other
    exception it replays, and a replay that stops drawing early is reported as flaky."""


class Broken(BaseException):
    """A property broke (reported directly; shrinking on py-evm is not what is measured here)."""


class World:
    def __init__(self, artifacts, steps):
        def source(name):
            p = Path(artifacts) / f"{name}.vy" if artifacts else None
            return str(p if p and p.is_file() else CONTRACTS / f"{name}.vy")

        boa.env.time_travel(seconds=100_000)
        self.owner = boa.env.eoa
        self.alice = boa.env.generate_address("alice")
        self.bob = boa.env.generate_address("bob")
        self.attacker = boa.env.generate_address("attacker")
        self.forwarder = boa.env.generate_address("forwarder")
        self.actors = [self.owner, self.alice, self.bob, self.attacker]
        self.mock = boa.load(str(CONTRACTS / "tests" / "mocks" / "MockFeed.vy"), 8, 100 * 10**8)
        self.agg = boa.load(source("PoRAggregator"), 8, "WBTC PoR", -(2**191) + 1, 2**191 - 1)
        self.committee = Committee(n=4, f=1)
        self.agg.setConfig(self.committee.signers, self.committee.transmitters, 1)
        self.token = boa.load(source("SecureMintToken"), "Wrapped BTC", "WBTC", 8, self.mock.address, HEARTBEAT, 0)
        self.breaker = boa.load(source("ReserveCircuitBreaker"), self.token.address, self.mock.address, HEARTBEAT)
        self.token.setPauser(self.breaker.address)
        self.breaker.setForwarder(self.forwarder)
        # Reports signed once for every round a sequence can reach: no signing while fuzzing.
        digest = self.agg.latestConfigDetails()[2]
        self.reports = {}
        for rnd in range(1, steps + 2):
            for a in REPORT_ANSWERS:
                self.reports[(rnd, a)] = self.committee.transmit_args(digest, rnd, [a, a, a])


WORLD = None
STATS = {"calls": 0, "views": 0, "sequences": 0, "broken": None}
DEADLINE = [float("inf")]


def call(fn, *args, **kwargs):
    STATS["calls"] += 1
    try:
        return True, fn(*args, **kwargs)
    except boa.BoaError:
        return False, None


def view(fn, *args):
    STATS["views"] += 1
    return fn(*args)


class PoRMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.anchor = boa.env.anchor()
        self.anchor.__enter__()
        self.round = 0
        STATS["sequences"] += 1

    def teardown(self):
        self.anchor.__exit__(None, None, None)

    def fail(self, prop, detail):
        STATS["broken"] = {"property": prop, "detail": detail, "calls": STATS["calls"]}
        raise Broken(f"{prop}: {detail}")

    def reserves(self):
        t = WORLD.token
        return independent_reserves(view(t.feed), view(t.decimals), view(t.heartbeat), view(t.marginBps))

    @rule(kind=st.sampled_from(KINDS), data=st.data())
    def act(self, kind, data):
        if time.perf_counter() > DEADLINE[0]:
            raise Budget
        getattr(self, "do_" + kind)(data.draw)
        self.check_always()

    # ---------------------------------------------------------------- actions and per-call checks

    def do_mint(self, draw, sender=None):
        w, t = WORLD, WORLD.token
        sender = sender or w.owner
        to = draw(st.sampled_from(w.actors))
        supply, paused, minter = view(t.totalSupply), view(t.paused), view(t.minter)
        limit = self.reserves()
        room = (limit - supply) if limit is not None and limit >= supply else 0
        amount = draw(st.sampled_from([view(t.mintableAmount), room, room + 1, max(room - 1, 0), 0, 1,
                                       MAX - supply, draw(st.integers(0, 2**64))]))
        ok, _ = call(t.mint, to, amount, sender=sender)
        if not ok:
            return
        if sender != minter:
            self.fail("only the minter mints", f"{sender} minted {amount}")
        if paused or limit is None:
            self.fail("mint fails closed", f"minted {amount} while paused={paused}, feed usable={limit is not None}")
        if view(t.totalSupply) > limit:
            self.fail("mint within reserves", f"supply {view(t.totalSupply)} > reserves {limit}")

    def do_mint_attacker(self, draw):
        self.do_mint(draw, sender=WORLD.attacker)

    def do_burn(self, draw):
        w, t = WORLD, WORLD.token
        holder = draw(st.sampled_from(w.actors))
        bal = view(t.balanceOf, holder)
        amount = draw(st.sampled_from([bal, max(bal - 1, 0), 1, bal + 1]))
        ok, _ = call(t.burn, amount, sender=holder)
        if amount <= bal and not ok:
            self.fail("burn always works", f"burn({amount}) of a balance of {bal} reverted")
        if amount > bal and ok:
            self.fail("ERC-20 accounting", f"burned {amount} from a balance of {bal}")

    def do_transfer(self, draw):
        w, t = WORLD, WORLD.token
        a, b = draw(st.sampled_from(w.actors)), draw(st.sampled_from(w.actors))
        bal = view(t.balanceOf, a)
        amount = draw(st.sampled_from([bal, bal + 1, 0, bal // 2]))
        ok, _ = call(t.transfer, b, amount, sender=a)
        if ok and amount > bal:
            self.fail("ERC-20 accounting", f"transferred {amount} from a balance of {bal}")

    def do_approve(self, draw):
        w, t = WORLD, WORLD.token
        a, s = draw(st.sampled_from(w.actors)), draw(st.sampled_from(w.actors))
        call(t.approve, s, draw(st.sampled_from([0, 1, view(t.balanceOf, a), MAX])), sender=a)

    def do_transfer_from(self, draw):
        w, t = WORLD, WORLD.token
        holder, spender, to = (draw(st.sampled_from(w.actors)) for _ in range(3))
        bal, allowed = view(t.balanceOf, holder), view(t.allowance, holder, spender)
        amount = draw(st.sampled_from([allowed, allowed + 1, bal]))
        if draw(st.booleans()):
            ok, _ = call(t.transferFrom, holder, to, amount, sender=spender)
        else:
            ok, _ = call(t.burnFrom, holder, amount, sender=spender)
        if ok and (amount > bal or (allowed != MAX and amount > allowed)):
            self.fail("ERC-20 accounting", f"moved {amount} with balance {bal}, allowance {allowed}")

    def do_mock_answer(self, draw):
        w = WORLD
        supply = view(w.token.totalSupply)
        answer = draw(st.sampled_from([0, -1, 1, supply, supply - 1, 100 * 10**8, 2**255 - 1, -(2**255)]))
        t = now()
        hb = view(w.token.heartbeat)
        updated = draw(st.sampled_from([t, 0, max(t - hb, 0), max(t - hb - 1, 0), t + 60]))
        call(w.mock.set, answer, updated)

    def do_signed_report(self, draw):
        w = WORLD
        self.round += 1
        args = w.reports[(self.round, draw(st.sampled_from(REPORT_ANSWERS)))]
        call(w.agg.transmit, *args, sender=w.committee.transmitters[0])

    def do_feed_fault(self, draw):
        w = WORLD
        if draw(st.booleans()):
            call(w.mock.setMode, draw(st.integers(0, 8)))
        else:
            call(w.mock.setDecimals, draw(st.sampled_from([8, 6, 18])))

    def do_owner(self, draw):
        w, t = WORLD, WORLD.token
        what = draw(st.sampled_from(["margin", "heartbeat", "pause", "unpause", "feed"]))
        if what == "margin":
            call(t.setMarginBps, draw(st.sampled_from([0, 100, 9999])))
        elif what == "heartbeat":
            hb = draw(st.sampled_from([1, 3600, 86400]))
            call(t.setHeartbeat, hb)
            call(w.breaker.setHeartbeat, hb)
        elif what in ("pause", "unpause"):
            call(getattr(t, what))
        else:
            feed = draw(st.sampled_from([w.mock.address, w.agg.address, "0x" + "00" * 20]))
            call(t.setFeed, feed)
            call(w.breaker.setFeed, feed)

    def do_warp(self, draw):
        hb = view(WORLD.token.heartbeat)
        boa.env.time_travel(seconds=draw(st.sampled_from([max(hb - 1, 1), hb, hb + 1, 1, 12])))
        STATS["calls"] += 1

    def do_upkeep(self, draw):
        w, t, b = WORLD, WORLD.token, WORLD.breaker
        sender = w.attacker if draw(st.integers(0, 3)) == 0 else w.forwarder
        was_paused, by = view(t.paused), view(t.pausedBy)
        ok, _ = call(b.performUpkeep, b"", sender=sender)
        if not ok:
            return
        if sender != view(b.forwarder):
            self.fail("the breaker", "performUpkeep by someone other than the forwarder succeeded")
        feed, hb, dec = view(b.feed), view(b.heartbeat), view(t.decimals)
        covered = independent_reserves(feed, dec, hb, 0)  # the breaker compares unmargined reserves
        short = covered is None or covered < view(t.totalSupply)
        paused = view(t.paused)
        if short and not paused:
            self.fail("the breaker", "reserves short or feed unusable, yet minting is not paused")
        if not short and paused and not was_paused:
            self.fail("the breaker", "paused while reserves cover supply and the feed is usable")
        if was_paused and not paused and by != b.address:
            self.fail("the breaker", f"lifted a pause made by {by}")

    # ---------------------------------------------------------------- after every call

    def check_always(self):
        w, t = WORLD, WORLD.token
        total = sum(view(t.balanceOf, a) for a in w.actors)
        if total != view(t.totalSupply):
            self.fail("ERC-20 accounting", f"sum of balances {total} != totalSupply {view(t.totalSupply)}")
        for name, fn, args in (("mintableAmount", t.mintableAmount, ()),
                               ("checkUpkeep", w.breaker.checkUpkeep, (b"",)),
                               ("evaluate", w.breaker.evaluate, ())):
            try:
                view(fn, *args)
            except boa.BoaError:
                self.fail("views never revert", f"{name}() reverted")


def main():
    global WORLD
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--max-examples", type=int, default=100_000)
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--artifacts", help="a Contracts/planted/<bug> folder")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    WORLD = World(args.artifacts, args.steps)
    setup_s = time.perf_counter() - t0
    s = settings(max_examples=args.max_examples, stateful_step_count=args.steps, deadline=None,
                 database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    test = seed(args.seed)(get_state_machine_test(PoRMachine, settings=s))
    start = time.perf_counter()
    DEADLINE[0] = start + args.seconds
    try:
        test()
    except Budget:
        pass
    except Broken:
        pass
    elapsed = time.perf_counter() - start
    engine = f"titanoboa {metadata.version('titanoboa')} + hypothesis {metadata.version('hypothesis')}"
    out = {"engine": engine, "seed": args.seed,
           "calls": STATS["calls"], "viewCalls": STATS["views"], "sequences": STATS["sequences"],
           "seconds": round(elapsed, 2), "setupSeconds": round(setup_s, 2),
           "callsPerSecond": round(STATS["calls"] / elapsed, 1) if elapsed else 0.0,
           "broken": STATS["broken"]}
    if args.json:
        print(json.dumps(out, sort_keys=True))
    else:
        print(f"{out['engine']}: {out['calls']} calls ({out['viewCalls']} view calls for the checks) "
              f"in {out['sequences']} sequences, {out['seconds']} s: {out['callsPerSecond']} calls/s "
              f"(seed {args.seed}, one core)")
        if STATS["broken"]:
            print(f"broken: {STATS['broken']['property']}: {STATS['broken']['detail']} "
                  f"(after {STATS['broken']['calls']} calls)")
    sys.exit(1 if STATS["broken"] else 0)


if __name__ == "__main__":
    main()
