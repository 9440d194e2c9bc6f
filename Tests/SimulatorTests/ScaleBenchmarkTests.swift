import Foundation
import Testing
import UInt256
@testable import Simulator

@Suite struct ScaleBenchmarkTests {
    /// The issue's scale case: a month of ten-minute checks by 7 nodes reading 3 sources (bitcoin
    /// custody behind an on-chain address list, a signed attestation, an issuer's API) with the
    /// token on 2 chains. Run with SIMULATOR_BENCH=1 (ideally -c release).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SIMULATOR_BENCH"] != nil))
    func monthWithThreeSourcesAndTwoChains() throws {
        var c = SimulationConfig()
        c.duration = 30 * 86_400
        c.nodes = (0..<7).map { OracleNode(latency: UInt64($0) * 30, latencyJitter: 120) }
        let deposits = (1..<30).map { BitcoinCustody.Movement.deposit(btc(10), to: "bc1a", at: UInt64($0) * 86_400) }
        c.sources = [
            try BitcoinCustody(holdings: ["bc1a": btc(5_000), "bc1b": btc(2_000)], movements: deposits),
            try Attestation(account: "vault", unit: "troy oz", holdings: [(0, btc(1_000))], cadence: 3_600, lag: 600,
                            maxAge: 7_200, until: c.duration, auditorKey: [UInt8](repeating: 0x11, count: 32)),
            try SelfReported(held: [(0, btc(500))]),
        ]
        c.addressList = .init(initial: ["bc1a", "bc1b"], changes: [.remove("bc1b", at: 20 * 86_400)])
        var bridges: [SimulationConfig.Circulation.Bridge] = []
        for day in 1..<30 {
            let kind: SimulationConfig.Circulation.Bridge.Kind = day % 2 == 0 ? .toHome : .toRemote
            bridges.append(.init(kind, btc(50), at: UInt64(day) * 86_400 + 7))
        }
        c.circulation = .init(bridges: bridges)
        c.randomUsers = .init(meanInterval: 3_600, minAmount: btc(1), maxAmount: btc(20))
        let start = Date()
        let sim = try Simulation(config: c)
        try sim.run()
        let seconds = Date().timeIntervalSince(start)
        print("scale benchmark: \(sim.eventCount) events (\(sim.metrics.checks) checks) in \(String(format: "%.3f", seconds)) s, \(Int(Double(sim.eventCount) / seconds)) events/s")
        for line in sim.summary { print("  " + line) }
        for line in sim.log.lines where line.contains("breaker") || line.contains("address list") || line.contains("deviation") { print("  " + line) }
        #expect(sim.metrics.checks == 30 * 144)
    }
}
