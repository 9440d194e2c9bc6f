import Foundation
import Testing
import UInt256
@testable import Simulator

/// The files in Simulations/: each loads and runs, and its headline is derived here from the
/// file's own parameters (the config it loads to), never from a previous run's output.
@Suite struct ShippedSimulationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ name: String) -> String { root.appendingPathComponent("Simulations/\(name)").path }
    static let files = ["wbtc.yaml", "stablecoin-two-chains.yaml", "tokenized-gold.yaml", "faulty-network.yaml"]

    static func run(_ name: String, series: Bool = false) throws -> (SimulationConfig, Simulation) {
        var c = try SimulationFile.load(path(name))
        c.recordSeries = series
        let sim = try Simulation(config: c)
        try sim.run()
        return (c, sim)
    }

    /// The check times in [lo, hi) on the network's schedule (every `interval` from 0).
    static func checks(from lo: UInt64, to hi: UInt64, every interval: UInt64) -> UInt64 {
        hi <= lo ? 0 : (hi - 1) / interval - (lo == 0 ? 0 : (lo - 1) / interval) + (lo == 0 ? 1 : 0)
    }

    /// The first time at or after `t` on the schedule phase, phase + interval, ...
    static func next(_ t: UInt64, phase: UInt64, every interval: UInt64) -> UInt64 {
        t <= phase ? phase : phase + (t - phase + interval - 1) / interval * interval
    }

    @Test func theChecksCounterCountsScheduleTimes() {
        #expect(Self.checks(from: 0, to: 600, every: 600) == 1)          // 0
        #expect(Self.checks(from: 0, to: 601, every: 600) == 2)          // 0, 600
        #expect(Self.checks(from: 300, to: 3_900, every: 600) == 6)      // 600 ... 3,600
        #expect(Self.checks(from: 600, to: 600, every: 600) == 0)
        #expect(Self.next(874_801, phase: 7_500, every: 300) == 875_100)
    }

    @Test(arguments: files) func eachFileRunsTwiceToTheSameLog(_ name: String) throws {
        let (_, a) = try Self.run(name)
        let (_, b) = try Self.run(name)
        #expect(!a.log.lines.isEmpty)
        #expect(a.log.lines == b.log.lines && a.metrics == b.metrics && a.summary == b.summary)
    }

    /// A bridge mint on the second chain pushes the supply on both chains past the reserves.
    @Test func stablecoinPausesWithinACheckAndAnUpkeepOfTheBridgeMint() throws {
        let (c, sim) = try Self.run("stablecoin-two-chains.yaml")
        let bank = try #require(c.sources.first as? Attestation)
        let bridges = try #require(c.circulation?.bridges)
        let exploit = try #require(bridges.first { $0.kind == .remoteMint })
        let reserves = bank.reserves(at: exploit.time)
        let u = c.userEvents.map(\.amount)
        // The file's story: mints 0 and 1 fit, mint 2 would pass the reserves, mint 3 meets them
        // exactly, redemption 4 brings the supply back; the bridges move supply without changing it.
        #expect(reserves < u[0] &+ u[1] &+ u[2] && u[0] &+ u[1] &+ u[3] == reserves)
        let supplyBefore = u[0] &+ u[1] &+ u[3] &- u[4]
        let m = sim.metrics
        // Minting stays open from the exploit to the pause: the whole excess is unbacked.
        #expect(m.maxUnbacked == supplyBefore &+ exploit.amount &- reserves)
        #expect(m.tripTimes.count == 1)
        let trip = try #require(m.tripTimes.first)
        #expect(trip > exploit.time && trip <= exploit.time + c.checkInterval + c.automationInterval)
        #expect(m.shortfallToPause == [trip - exploit.time])
        #expect(m.mintsRefused == ["ReservesExceededWithCirculation": 1, "MintingPaused": 1])
        // Supply out there: to_remote − to_home + remote_mint, reported to the circulation feed.
        let out = bridges.reduce(U256.zero) { $1.kind == .toHome ? $0 &- $1.amount : $0 &+ $1.amount }
        #expect(try sim.remoteToken?.read("totalSupply").u256 == out)
        #expect(sim.lastCirculation?.answer == out)
        // No round has a reading before the first statement is out, nor while the forged one is
        // the latest (one cadence from its publication).
        let forged = bank.statements.filter { $0.signer != bank.auditor }
        #expect(forged.count == 1)
        let expectedFailed = Self.checks(from: 0, to: bank.lag, every: c.checkInterval)
            + forged.map { Self.checks(from: $0.published, to: $0.published + bank.cadence, every: c.checkInterval) }.reduce(0, +)
        #expect(UInt64(m.failedRounds) == expectedFailed)
        #expect(sim.lastUpdate?.answer == reserves)
    }

    /// The vault stops publishing: the last write is the last heartbeat while a statement is
    /// usable, and from that write + the contracts' heartbeat the token refuses to mint.
    @Test func goldFailsClosedAfterTheAttestationGoesStale() throws {
        let (c, sim) = try Self.run("tokenized-gold.yaml")
        let vault = try #require(c.sources.first as? Attestation)
        let last = try #require(vault.statements.last)
        let ci = c.checkInterval, hb = c.rule.heartbeat, ch = c.contractHeartbeat
        // The schedule lines up (what the arithmetic below assumes): statements come out on
        // check times, once per heartbeat.
        #expect(vault.lag % ci == 0 && vault.cadence == hb && hb % ci == 0)
        let firstWrite = vault.lag                              // the first round with a statement out
        let lastUsable = last.asOf + vault.maxAge               // stops_at + max_age
        let lastWrite = firstWrite + (lastUsable - firstWrite) / hb * hb
        #expect(sim.lastUpdate?.time == lastWrite)
        let m = sim.metrics
        // One write per heartbeat from the first; the rise in holdings (over the threshold) is
        // written as a deviation on the heartbeat's own schedule.
        let rise = try #require(vault.holdings.last?.amount), start = try #require(vault.holdings.first?.amount)
        #expect(c.rule.deviates(new: rise, last: start))
        #expect(UInt64(m.updateCount) == (lastWrite - firstWrite) / hb + 1)
        #expect(m.updates[.first] == 1 && m.updates[.deviation] == 1)
        // Stale once the figure is older than the contracts' heartbeat; the next upkeep pauses.
        let staleFrom = lastWrite + ch + 1
        let trip = Self.next(staleFrom, phase: c.automationPhase, every: c.automationInterval)
        #expect(m.tripTimes == [trip])
        #expect(trip <= lastUsable + ch + c.automationInterval)
        var refused: [String: Int] = [:]
        var accepted = 0
        for u in c.userEvents where u.action == .mint {
            #expect(u.time != trip)
            if u.time < staleFrom { accepted += 1 } else { refused[u.time < trip ? "ReservesStale" : "MintingPaused", default: 0] += 1 }
        }
        #expect(refused["ReservesStale", default: 0] >= 1)
        #expect(m.mints == accepted && m.mintsRefused == refused)
        // Rounds without a reading: before the first statement is out, and after the last one is too old.
        let failed = Self.checks(from: 0, to: vault.lag, every: ci) + Self.checks(from: lastUsable + 1, to: c.duration, every: ci)
        #expect(UInt64(m.failedRounds) == failed)
    }

    /// A byzantine node never sets the answer; an outage below quorum fails rounds, and the
    /// heartbeat fires on either side of it.
    @Test func faultyNetworkHoldsTheMedianAndKeepsTheHeartbeat() throws {
        let (c, sim) = try Self.run("faulty-network.yaml", series: true)
        let ci = c.checkInterval, hb = c.rule.heartbeat, quorum = 2 * c.f + 1
        let byzantine = Set(c.nodes.indices.filter { i in c.nodes[i].faults.contains { if case .byzantine = $0.kind { true } else { false } } })
        #expect(byzantine.count <= c.f && !byzantine.isEmpty)
        // Every answer on chain is a figure some honest node observed; the byzantine figures were seen.
        var honest = Set<U256>(), wrong = Set<U256>()
        for s in sim.series {
            for (i, o) in s.observations.enumerated() { if let o { if byzantine.contains(i) { wrong.insert(o) } else { honest.insert(o) } } }
        }
        #expect(!wrong.isEmpty && wrong.isDisjoint(with: honest))
        #expect(sim.series.allSatisfy { $0.answer.map(honest.contains) ?? true })
        // The rounds without quorum: checks with fewer than 2f + 1 nodes online.
        let times = stride(from: UInt64(0), to: c.duration, by: Int(ci))
        let failing = times.filter { t in c.nodes.filter { !$0.isOffline(at: t) }.count < quorum }
        let outageStart = try #require(failing.first), outageEnd = try #require(failing.last) + ci
        #expect(UInt64(failing.count) == (outageEnd - outageStart) / ci)     // one outage, no gaps
        #expect(sim.metrics.failedRounds == failing.count)
        // The reserves move less than the threshold, so every write but the first is a heartbeat:
        // at hb, 2 hb, ... before the outage; the one due in it at the first round after it; then
        // every hb from there to the end.
        let custody = try #require(c.sources.first as? BitcoinCustody)
        #expect(!c.rule.deviates(new: custody.reserves(at: c.duration), last: custody.reserves(at: 0)))
        let before = (outageStart - 1) / hb
        #expect((before + 1) * hb >= outageStart && (before + 1) * hb < outageEnd)   // a heartbeat falls in the outage
        let after = (c.duration - 1 - outageEnd) / hb
        #expect(sim.metrics.updates == [.first: 1, .heartbeat: Int(before + 1 + after)])
        // The missed heartbeat leaves the figure older than the contracts accept: paused until
        // the network writes again.
        let trip = Self.next(before * hb + c.contractHeartbeat + 1, phase: c.automationPhase, every: c.automationInterval)
        #expect(sim.metrics.tripTimes == [trip] && sim.metrics.resets == 1)
        #expect(sim.log.lines.contains { $0.hasPrefix(EventLog.clock(Self.next(outageEnd, phase: c.automationPhase, every: c.automationInterval)) + "  breaker reset") })
    }
}
