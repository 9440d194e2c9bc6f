import Testing
import UInt256
@testable import Simulator

@Suite struct CirculationTests {
    @Test func bridgedSupplyIsCountedOnceAndAnUnbackedBridgeMintPausesTheHomeChain() throws {
        var c = SimulationConfig()
        c.duration = 10_000
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.checkInterval = 600
        c.automationInterval = 300
        c.automationPhase = 0
        c.sources = [ConstantSource(value: btc(1_000))]
        c.userEvents = [
            .init(.mint, btc(900), at: 100),
            // After the bridge and the circulation write at 1,200: 500 here + 400 there, 100 left.
            .init(.mint, btc(101), at: 2_000),        // would exceed 1000 counted once: refused
            .init(.mint, btc(100), at: 2_100),        // exactly 1000: accepted
        ]
        c.circulation = .init(bridges: [.init(.toRemote, btc(400), at: 1_000), .init(.remoteMint, btc(200), at: 5_000)])
        let sim = try Simulation(config: c)
        try sim.run()
        let m = sim.metrics
        #expect(m.mints == 2)
        #expect(m.mintsRefused == ["ReservesExceededWithCirculation": 1])
        #expect(try sim.deployment.token.read("totalSupply").u256 == btc(600))
        #expect(try sim.remoteToken?.read("totalSupply").u256 == btc(600))
        // Circulation writes: 0 at 0 (first), 400 at 1,200 and 600 at 5,400 (deviations).
        #expect(m.circulationUpdates == 3 && m.circulationGas > 0)
        #expect(sim.lastCirculation?.answer == btc(600) && sim.lastCirculation?.time == 5_400)
        // The bridge moved 400 without changing the total (900), so nothing fell short until the
        // unbacked mint at 5,000 (1,200 > 1,000). The next check (every 600 s from 0) is 5,400; it
        // runs before the upkeep at the same second (scheduled at 4,800, the upkeep at 5,100), so
        // the upkeep at 5,400 trips: 400 s, within check interval + automation interval (900 s).
        #expect(m.tripTimes == [5_400])
        #expect(m.shortfallToPause == [400])
        #expect(m.maxUnbacked == btc(200))
    }

    /// A bridge back to the home chain burns on the other chain at once, but the circulation feed
    /// still counts that supply until the next check: the home mint is refused by the secure mint
    /// (500 here + 400 minted + 400 still reported there = 1,300 > 1,000), and the tokens are gone.
    @Test func aBridgeHomeBeforeTheCirculationFeedCatchesUpIsRefused() throws {
        var c = SimulationConfig()
        c.duration = 3_000
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.sources = [ConstantSource(value: btc(1_000))]
        c.userEvents = [.init(.mint, btc(900), at: 100)]
        c.circulation = .init(bridges: [.init(.toRemote, btc(400), at: 1_000), .init(.toHome, btc(400), at: 2_000)])
        let sim = try Simulation(config: c)
        try sim.run()
        #expect(sim.log.lines.contains { $0.hasSuffix("bridge of 400.00000000 home: mint refused: ReservesExceededWithCirculation") })
        #expect(try sim.deployment.token.read("totalSupply").u256 == btc(500))
        #expect(try sim.remoteToken?.read("totalSupply").u256 == .zero)
        // The check at 2,400 sees nothing out there any more: 400 → 0 (a deviation).
        #expect(sim.lastCirculation?.answer == .zero && sim.lastCirculation?.time == 2_400)
    }
}
