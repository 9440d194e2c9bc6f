import Testing
import UInt256
@testable import Simulator

/// What a run hands to its outputs: the log as it happens, the per-chain series, and the metrics
/// a run's end must not lose.
@Suite struct RunOutputTests {
    /// 7 nodes, 5 of them offline over [1_000, 2_000): the checks at 1_200 and 1_800 see 2 live
    /// nodes where 2f + 1 = 5 are needed, for the reserves and for the other chain's supply alike.
    static func twoChainConfig() -> SimulationConfig {
        var c = SimulationConfig()
        c.duration = 3_000
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.sources = [ConstantSource(value: btc(1_000))]
        c.userEvents = [.init(.mint, btc(900), at: 100)]
        c.circulation = .init(bridges: [.init(.toRemote, btc(400), at: 1_000)])
        var offline = OracleNode()
        offline.faults = [.init(.offline, from: 1_000, until: 2_000)]
        c.nodes = Array(repeating: offline, count: 5) + Array(repeating: OracleNode(), count: 2)
        c.recordSeries = true
        return c
    }

    @Test func streamingDeliversEveryEntryInOrderAsTheLogKeepsThem() throws {
        let sim = try Simulation(config: Self.twoChainConfig())
        var streamed: [EventLog.Entry] = []
        try sim.run { streamed.append($0) }
        #expect(!streamed.isEmpty)
        #expect(streamed == sim.log.entries)
        #expect(zip(streamed, streamed.dropFirst()).allSatisfy { $0.time <= $1.time })
    }

    @Test func circulationRoundsWithoutQuorumAreCountedAndLogged() throws {
        let sim = try Simulation(config: Self.twoChainConfig())
        try sim.run()
        #expect(sim.metrics.failedRounds == 2)
        #expect(sim.metrics.failedCirculationRounds == 2)
        let failed = sim.log.entries.filter { $0.kind == .roundFailed && $0.text.hasPrefix("circulation round") }
        #expect(failed.map(\.time) == [1_200, 1_800])
        #expect(failed.first?.text.hasSuffix("2 of 7 nodes read the other chain, 5 needed") == true)
    }

    @Test func samplesCarryTheSupplyOfEachChain() throws {
        let sim = try Simulation(config: Self.twoChainConfig())
        try sim.run()
        for s in sim.series {
            #expect(s.supplyByChain.count == 2)
            #expect(s.supplyByChain.reduce(.zero, &+) == s.supply)
        }
        // Minted 900 at 100, 400 of it bridged out at 1_000: the check at 1_200 sees 500 + 400.
        #expect(sim.series.first { $0.time == 1_200 }?.supplyByChain == [btc(500), btc(400)])
        #expect(sim.series.first { $0.time == 600 }?.supplyByChain == [btc(900), .zero])
    }

    @Test func aShortfallOpenAtTheEndIsReportedApart() {
        var m = Metrics()
        m.observe(at: 0, reserves: U256(10), supply: U256(5), paused: false)
        m.observe(at: 100, reserves: U256(4), supply: U256(5), paused: false)
        m.observe(at: 500, reserves: U256(4), supply: U256(5), paused: false)
        m.finish(at: 500)
        #expect(m.shortfallOpenAtEnd == 400)
        #expect(m.shortfallToPause.isEmpty && m.shortfallsUnpaused == 0)
        #expect(m.summary(decimals: 0).contains { $0.hasSuffix("still open and unpaused at the end, for 400 s") })
        var paused = Metrics()
        paused.observe(at: 100, reserves: U256(4), supply: U256(5), paused: false)
        paused.observe(at: 300, reserves: U256(4), supply: U256(5), paused: true)
        paused.finish(at: 500)
        #expect(paused.shortfallOpenAtEnd == nil && paused.shortfallToPause == [200])
    }
}
