import Testing
import Harness
import UInt256
@testable import Simulator

@Suite struct StaleSourceTests {
    @Test func staleStatementsStopUpdatesAndTheTokenFailsClosed() throws {
        var c = SimulationConfig()
        c.duration = 3 * 86_400
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.contractHeartbeat = 90_000
        c.automationInterval = 300
        // Hourly statements of 1000 BTC until 1d, usable for 2 h: nothing usable after 1d 02:00.
        c.sources = [StatementStub(figure: btc(1_000), cadence: 3_600, lastStatement: 86_400, maxAge: 7_200)]
        c.userEvents = [
            .init(.mint, btc(900), at: 3_600),
            .init(.mint, btc(1), at: 86_400 + 90_000),        // feed age exactly the heartbeat: accepted
            .init(.mint, btc(1), at: 86_400 + 90_001),        // one second over: ReservesStale
        ]
        let sim = try Simulation(config: c)
        try sim.run()
        let m = sim.metrics
        // Written at 0 (first) and 1d (heartbeat); from 1d 02:10 on no node has a usable reading.
        #expect(m.updates[.first] == 1 && m.updates[.heartbeat] == 1 && m.updates[.deviation] == nil)
        #expect(sim.lastUpdate?.time == 86_400)
        // Rounds without quorum: 1d 02:10 (93,600 + 600) through 3d − 600 (the run ends at 3d, its
        // end event scheduled first): (258,600 − 94,200) / 600 + 1 = 275.
        #expect(m.failedRounds == 275)
        // The reading is stale once now − 86,400 > 90,000; the first upkeep after 176,400 on a
        // 300 s cadence from 0 is 176,700.
        #expect(m.tripTimes == [176_700])
        #expect(m.mints == 2)
        #expect(m.mintsRefused == ["ReservesStale": 1])
        // True reserves never fell short: no shortfall episode, no unbacked supply.
        #expect(m.shortfallToPause.isEmpty && m.maxUnbacked == .zero)
        #expect(sim.summary.first == "sources: attestation stub (verified)")
    }
}
