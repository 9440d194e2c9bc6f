import Foundation
import Testing
import UInt256
@testable import Simulator

@Suite struct ConfigCodingTests {
    func decode(_ json: String) throws -> SimulationConfig {
        try JSONDecoder().decode(SimulationConfig.self, from: Data(json.utf8))
    }

    @Test func emptyObjectGivesTheDefaults() throws {
        let c = try decode("{}")
        #expect(c.duration == 30 * 86_400 && c.checkInterval == 600 && c.automationInterval == 300)
        #expect(c.rule == UpdateRule(deviationPPM: 10_000, heartbeat: 86_400))
        #expect(c.nodes.count == 7 && c.f == 2 && c.sources.isEmpty && c.randomUsers == nil)
    }

    @Test func jsonRunsLikeTheSameConfigBuiltInSwift() throws {
        let w: UInt64 = 3 * 86_400 + 1_234
        let json = """
        {"duration": 345600, "check_interval": 600, "automation_interval": 300,
         "deviation_ppm": 10000, "heartbeat": 86400,
         "sources": [{"type": "bitcoin_custody",
                      "holdings": {"bc1-custody-1": "60000000000", "bc1-custody-2": 40000000000},
                      "movements": [{"time": \(w), "kind": "withdrawal", "address": "bc1-custody-1", "amount": "20000000000"}]}],
         "user_events": [{"time": 3600, "action": "mint", "amount": "90000000000"},
                         {"time": 7200, "action": "mint", "amount": "20000000000"},
                         {"time": 10800, "action": "transfer", "amount": "1000000000"},
                         {"time": \(w + 3_600), "action": "mint", "amount": "100000000"}]}
        """
        let fromJSON = try Simulation(config: try decode(json))
        try fromJSON.run()
        let fromSwift = try Simulation(config: try wbtcConfig(withdrawalAt: w))
        try fromSwift.run()
        #expect(fromJSON.log.lines == fromSwift.log.lines)
        #expect(fromJSON.metrics == fromSwift.metrics)
    }

    @Test func encodeDecodeRoundTrip() throws {
        var c = try wbtcConfig(withdrawalAt: 5_000)
        c.nodes = [OracleNode(clockOffset: -3, latency: 7, latencyJitter: 9, faults: [
            .init(.offline, from: 1, until: 2), .init(.staleSource, from: 3),
            .init(.byzantine(.fixed(btc(1))), from: 4), .init(.byzantine(.scaled(ppm: 2_000_000)), from: 5),
            .init(.byzantine(.random), from: 6, until: 9)])] + Array(repeating: OracleNode(), count: 6)
        c.randomUsers = .init(meanInterval: 60, minAmount: U256(1), maxAmount: btc(2))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let once = try encoder.encode(c)
        let back = try JSONDecoder().decode(SimulationConfig.self, from: once)
        #expect(back.nodes == c.nodes && back.userEvents == c.userEvents && back.randomUsers == c.randomUsers)
        #expect(try encoder.encode(back) == once)
    }

    @Test func badValuesAreDecodingErrors() {
        #expect(throws: DecodingError.self) { try decode(#"{"user_events": [{"time": 1, "action": "mint", "amount": "12.5"}]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"user_events": [{"time": 1, "action": "steal", "amount": "1"}]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"sources": [{"type": "tarot"}]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"nodes": [{"faults": [{"kind": "asleep"}]}]}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"check_interval": -1}"#) }
        // An overdrawn custody address: the ledger's message, as a decoding error.
        #expect(throws: DecodingError.self) {
            try decode(#"{"sources": [{"type": "bitcoin_custody", "holdings": {"a": 1}, "movements": [{"time": 5, "kind": "withdrawal", "address": "a", "amount": 2}]}]}"#)
        }
    }
}
