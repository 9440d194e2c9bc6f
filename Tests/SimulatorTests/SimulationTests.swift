import Foundation
import Testing
import Harness
import UInt256
@testable import Simulator

/// The WBTC case: 1000 BTC in custody, 900 minted, then the custodian withdraws 200 BTC.
func wbtcConfig(withdrawalAt w: UInt64) throws -> SimulationConfig {
    var c = SimulationConfig()
    c.duration = 4 * 86_400
    c.checkInterval = 600
    c.automationInterval = 300
    c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
    c.sources = [try BitcoinCustody(holdings: ["bc1-custody-1": btc(600), "bc1-custody-2": btc(400)],
                                    movements: [.withdrawal(btc(200), from: "bc1-custody-1", at: w)])]
    c.userEvents = [
        .init(.mint, btc(900), at: 3_600),
        .init(.mint, btc(200), at: 7_200),              // 1100 > 1000 reported: refused
        .init(.transfer, btc(10), at: 10_800),
        .init(.mint, btc(1), at: w + 3_600),            // after the pause: refused
    ]
    return c
}

@Suite struct SimulationTests {
    @Test func custodianWithdrawalPausesWithinCheckPlusAutomation() throws {
        let w: UInt64 = 3 * 86_400 + 1_234                 // not on a check or upkeep boundary
        var config = try wbtcConfig(withdrawalAt: w)
        config.recordSeries = true
        let sim = try Simulation(config: config)
        try sim.run()
        let m = sim.metrics

        // From first principles: the next round after w (at most one check interval later) sees
        // 800 BTC, a 20% move > 1%, and transmits; the next upkeep (at most one automation
        // interval after that) finds reserves 800 < supply 900 and pauses.
        #expect(m.trips == 1)
        #expect(m.shortfallToPause.count == 1)
        if let latency = m.shortfallToPause.first {
            #expect(latency <= config.checkInterval + config.automationInterval)
        }
        #expect(try sim.deployment.token.read("paused") == .bool(true))
        // Unbacked while minting was open: 900 supply − 800 reserves.
        #expect(m.maxUnbacked == btc(100))
        // Updates: the first round, heartbeats at 1 d, 2 d, 3 d (on check boundaries, nothing moved
        // before w), one deviation after w; the next heartbeat would be past the 4-day run.
        #expect(m.updates[.first] == 1)
        #expect(m.updates[.heartbeat] == 3)
        #expect(m.updates[.deviation] == 1)
        #expect(m.updateGas > 0 && m.transmitReverts == 0)
        #expect(m.mints == 1)
        #expect(m.mintsRefused == ["ReservesExceeded": 1, "MintingPaused": 1])
        #expect(try sim.deployment.token.read("totalSupply").u256 == btc(900))
        #expect(sim.log.lines.contains { $0.contains("breaker tripped") })
        #expect(sim.log.lines.contains("3d 00:20:34  true reserves 800.00000000 (was 1000.00000000)"))
        #expect(sim.log.lines.filter { $0.contains("report transmitted") }.count == 5)

        // The series: one sample per check. The round at 3d 00:20:00 (before w) still sees and
        // reports 1000; the one at 3d 00:30:00 sees 800 and writes it.
        #expect(sim.series.count == m.checks)
        let before = try #require(sim.series.first { $0.time == 3 * 86_400 + 1_200 })
        let after = try #require(sim.series.first { $0.time == 3 * 86_400 + 1_800 })
        #expect(before.trueReserves == btc(1_000) && before.answer == btc(1_000) && !before.paused)
        #expect(after.trueReserves == btc(800) && after.answer == btc(800))
        #expect(after.observations == Array(repeating: btc(800), count: 7))
        #expect(after.supply == btc(900))
    }

    @Test func randomUsersNeverMintPastTheReserves() throws {
        var c = try wbtcConfig(withdrawalAt: 30 * 86_400)          // after the run: reserves stay 1000
        c.duration = 2 * 86_400
        c.userEvents = []
        c.recordSeries = true
        c.randomUsers = .init(meanInterval: 600, mintPercent: 70, redeemPercent: 20, minAmount: btc(1), maxAmount: btc(50))
        let sim = try Simulation(config: c)
        try sim.run()
        let m = sim.metrics
        // About 288 actions, ~200 mints averaging 25.5 BTC: far more than 1000 BTC is asked for,
        // so the token must refuse some (supply + amount > reported reserves) and never exceed 1000.
        #expect(m.mints > 0)
        #expect((m.mintsRefused["ReservesExceeded"] ?? 0) > 0)
        #expect(sim.series.allSatisfy { !(btc(1_000) < $0.supply) })
        #expect(m.maxUnbacked == .zero && m.trips == 0)
        // ERC-20: every token minted is held by the holder or the transfer recipient.
        let token = sim.deployment.token
        let held = try #require(try token.read("balanceOf", token.chain.account("alice")).u256)
            &+ (try #require(try token.read("balanceOf", token.chain.account("bob")).u256))
        #expect(try token.read("totalSupply").u256 == held)
        #expect(!held.isZero)
    }

    @Test func shortfallBelowTheThresholdWaitsForTheHeartbeat() throws {
        // Fully minted (1000 of 1000), then 5 BTC (0.5%, under the 1% threshold) leave at 1d + 100 s.
        // No round deviates; the figure is only rewritten on the heartbeat due at 2d (last write at
        // 1d), and the upkeep at that same second pauses: 2d − (1d + 100 s) = 86,300 s of exposure,
        // within heartbeat + check interval + automation interval.
        var c = try wbtcConfig(withdrawalAt: 86_400 + 100)
        c.duration = 2 * 86_400 + 600
        c.sources = [try BitcoinCustody(holdings: ["a": btc(1_000)], movements: [.withdrawal(btc(5), from: "a", at: 86_400 + 100)])]
        c.userEvents = [.init(.mint, btc(1_000), at: 3_600)]
        let sim = try Simulation(config: c)
        try sim.run()
        let m = sim.metrics
        #expect(m.updates[.deviation] == nil && m.updates[.heartbeat] == 2)
        #expect(m.shortfallToPause == [86_300])
        #expect(86_300 <= c.rule.heartbeat + c.checkInterval + c.automationInterval)
        #expect(m.maxUnbacked == btc(5))
    }

    @Test func sameSeedSameLogDifferentSeedDifferentLog() throws {
        func run(seed: UInt64) throws -> (log: [String], metrics: Metrics) {
            var c = try wbtcConfig(withdrawalAt: 86_400 + 77)
            c.duration = 2 * 86_400
            c.seed = seed
            c.rule = UpdateRule(deviationPPM: 0, heartbeat: 86_400)      // every move is written
            // Jittery sources and two byzantine nodes with random figures: the seed decides them.
            c.nodes = (0..<5).map { _ in OracleNode(latency: 60, latencyJitter: 3_600) }
                + [OracleNode(faults: [.init(.byzantine(.random), from: 0)]), OracleNode(faults: [.init(.byzantine(.random), from: 0)])]
            let sim = try Simulation(config: c)
            try sim.run()
            return (sim.log.lines, sim.metrics)
        }
        let a = try run(seed: 11), b = try run(seed: 11), other = try run(seed: 12)
        #expect(a.log == b.log)
        #expect(a.metrics == b.metrics)
        #expect(a.log != other.log)
    }

    @Test func outageBelowQuorumIsLoggedAndHeartbeatResumes() throws {
        var c = try wbtcConfig(withdrawalAt: 10 * 86_400)          // after the run: no shortfall
        c.duration = 2 * 86_400
        // Three of seven offline from 0:30 to 1d 01:00: rounds fail (4 < 2f + 1 = 5); the
        // heartbeat due at 1d is written at the first round with quorum, 1d 01:00.
        let down = OracleNode(faults: [.init(.offline, from: 1_800, until: 86_400 + 3_600)])
        c.nodes = [down, down, down, OracleNode(), OracleNode(), OracleNode(), OracleNode()]
        let sim = try Simulation(config: c)
        try sim.run()
        // Rounds at 1800, 2400, ..., 89400: (89400 − 1800) / 600 + 1 = 147 failed.
        #expect(sim.metrics.failedRounds == 147)
        #expect(sim.metrics.updates[.heartbeat] == 1)
        #expect(sim.lastUpdate?.time == 86_400 + 3_600)
        #expect(sim.metrics.trips == 0)
    }

    @Test func byzantineFiguresOutOfRangeStillMakeValidReports() throws {
        // Two byzantine nodes (f = 2 of 7) report 2^255 and the largest U256: the reports the
        // aggregator receives must still be valid (int192, sorted) and the honest median stand.
        var c = try wbtcConfig(withdrawalAt: 10 * 86_400)
        c.duration = 86_400
        c.nodes = Array(repeating: OracleNode(), count: 5) + [
            OracleNode(faults: [.init(.byzantine(.fixed(U256.one.shiftedLeft(byBits: 255))), from: 0)]),
            OracleNode(faults: [.init(.byzantine(.scaled(ppm: .max)), from: 0)])]
        let sim = try Simulation(config: c)
        try sim.run()
        #expect(sim.metrics.transmitReverts == 0 && sim.metrics.updates[.first] == 1)
        #expect(sim.lastUpdate?.answer == btc(1_000))
        #expect(try sim.deployment.feed.read("latestAnswer") == .int(btc(1_000)))
    }

    @Test func badConfigurationsThrow() throws {
        var c = try wbtcConfig(withdrawalAt: 100)
        c.checkInterval = 0
        #expect(throws: SimulationError.self) { try Simulation(config: c) }
        c = try wbtcConfig(withdrawalAt: 100)
        c.sources = []
        #expect(throws: SimulationError.self) { try Simulation(config: c) }
        c = try wbtcConfig(withdrawalAt: 100)
        c.f = 3                                                  // 3 · 3 ≥ 7
        #expect(throws: SimulationError.self) { try Simulation(config: c) }
    }

    /// A month of ten-minute checks by 7 nodes; run with SIMULATOR_BENCH=1 (ideally -c release).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIMULATOR_BENCH"] != nil))
    func monthOfChecksBenchmark() throws {
        var c = try wbtcConfig(withdrawalAt: 20 * 86_400)
        c.duration = 30 * 86_400
        c.nodes = (0..<7).map { OracleNode(latency: UInt64($0) * 30, latencyJitter: 120) }
        let start = Date()
        let sim = try Simulation(config: c)
        try sim.run()
        let seconds = Date().timeIntervalSince(start)
        let perSecond = Double(sim.eventCount) / seconds
        print("simulator benchmark: \(sim.eventCount) events (\(sim.metrics.checks) checks) in \(String(format: "%.3f", seconds)) s, \(Int(perSecond)) events/s")
        #expect(sim.metrics.checks == 30 * 144)
    }
}

@Suite struct ParallelRunTests {
    /// Sweeps will run values in parallel: two runs on separate threads must not disturb each
    /// other (no shared mutable state) and give what a run alone gives.
    @Test func parallelRunsMatchASequentialRun() async throws {
        var c = try wbtcConfig(withdrawalAt: 86_400 + 500)
        c.duration = 2 * 86_400
        c.nodes = (0..<7).map { OracleNode(latency: UInt64($0) * 30, latencyJitter: 600) }
        let config = c
        let alone = try Simulation(config: config)
        try alone.run()
        let logs = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<3 {
                group.addTask {
                    let sim = try Simulation(config: config)
                    try sim.run()
                    return sim.log.lines
                }
            }
            var all: [[String]] = []
            for try await lines in group { all.append(lines) }
            return all
        }
        #expect(logs.count == 3)
        for lines in logs { #expect(lines == alone.log.lines) }
    }
}
