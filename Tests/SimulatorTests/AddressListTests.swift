import Testing
import UInt256
@testable import Simulator

@Suite struct AddressListTests {
    @Test func custodyCountsOnlyTheListedAddresses() throws {
        let c = try BitcoinCustody(holdings: ["a": btc(10)], movements: [.deposit(btc(5), to: "b", at: 100),
                                                                        .withdrawal(btc(4), from: "a", at: 5_000)])
        #expect(c.reading(at: 3_599, listed: ["b"]) == .zero)
        #expect(c.reading(at: 3_600, listed: ["b"]) == btc(5))        // sixth confirmation (block 600 + 5 · 600)
        #expect(c.reading(at: 4_999, listed: ["a", "unknown"]) == btc(10))
        #expect(c.reading(at: 5_000, listed: ["a"]) == btc(6))
        #expect(c.reading(at: 5_000, listed: []) == .zero)
        #expect(c.reading(at: 5_000, listed: nil) == btc(11))
    }

    @Test func addressListChangesOnChainReachTheFeedAtTheNextCheck() throws {
        var c = SimulationConfig()
        c.duration = 10_000
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.recordSeries = true
        c.sources = [try BitcoinCustody(holdings: ["bc1a": btc(10), "bc1b": btc(5), "bc1c": btc(3)], movements: [])]
        // bc1c is held but not listed: not counted until it is added.
        c.addressList = .init(initial: ["bc1a", "bc1b"], changes: [.remove("bc1b", at: 3_100), .add("bc1c", at: 7_000)])
        let sim = try Simulation(config: c)
        try sim.run()
        func observed(_ t: UInt64) -> [U256?]? { sim.series.first { $0.time == t }?.observations }
        func all(_ v: U256) -> [U256?] { Array(repeating: v, count: 7) }
        #expect(observed(0) == all(btc(15)))
        // Checks every 600 s: the removal at 3,100 is first seen at 3,600, the addition at 7,000 at 7,200.
        #expect(observed(3_000) == all(btc(15)))
        #expect(observed(3_600) == all(btc(10)))
        #expect(observed(6_600) == all(btc(10)))
        #expect(observed(7_200) == all(btc(13)))
        #expect(sim.metrics.updates[.first] == 1 && sim.metrics.updates[.deviation] == 2)
        #expect(sim.lastUpdate?.answer == btc(13) && sim.lastUpdate?.time == 7_200)
        #expect(sim.log.lines.contains { $0.hasSuffix("address list: removed bc1b") })
        // The true reserves still count everything the custodian holds.
        #expect(sim.series.last?.trueReserves == btc(18))
    }
}
