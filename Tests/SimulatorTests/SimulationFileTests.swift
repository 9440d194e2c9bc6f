import Testing
import UInt256
@testable import Simulator

@Suite struct SimulationFileTests {
    /// Every key at once, units everywhere.
    static let full = """
    seed: 42
    duration: 3 d
    genesis: 1700000000
    unit: BTC
    feed_decimals: 8
    check_interval: 10 min
    deviation: 0.5%
    heartbeat: 12 h
    automation_interval: 90s
    automation_phase: 30
    contract_heartbeat: 13 hours
    margin_bps: 100
    f: 1
    nodes:
      - {clock_offset: -2 min, latency: 1 min, latency_jitter: 5}
      - faults: [{kind: offline, from: 1 d, until: 2 d}]
      - faults: [{kind: byzantine, fixed: 1 BTC}, {kind: stale_source, from: 1 h}]
      - {faults: [{kind: byzantine, scaled_ppm: 2000000}, {kind: byzantine}]}
    sources:
      - type: bitcoin_custody
        name: vault
        block_interval: 5 min
        confirmations: 3
        holdings: {a: 12.5 BTC, b: "0.00000001"}
        movements:
          - {at: 1 d, kind: deposit, address: a, amount: 2 BTC}
          - {at: 2 d, kind: withdrawal, address: b, amount: 0.00000001 BTC}
    users:
      - {at: 1 h, action: mint, amount: 10 BTC}
      - {at: 2 h, action: redeem, amount: 1_000.25}
    random_users: {mean_interval: 1 h, mint_percent: 40, redeem_percent: 30, min_amount: 0.1 BTC, max_amount: 2 BTC}
    """

    @Test func everyKeyMapsToTheConfigBuiltInSwift() throws {
        let c = try SimulationFile.parse(text: Self.full, path: "full.yaml")
        let sat = U256(100_000_000)
        #expect(c.seed == 42 && c.duration == 3 * 86_400 && c.genesis == 1_700_000_000 && c.feedDecimals == 8)
        #expect(c.checkInterval == 600 && c.rule == UpdateRule(deviationPPM: 5_000, heartbeat: 43_200))
        #expect(c.automationInterval == 90 && c.automationPhase == 30 && c.contractHeartbeat == 46_800 && c.marginBps == 100 && c.f == 1)
        #expect(c.nodes == [
            OracleNode(clockOffset: -120, latency: 60, latencyJitter: 5),
            OracleNode(faults: [.init(.offline, from: 86_400, until: 172_800)]),
            OracleNode(faults: [.init(.byzantine(.fixed(sat)), from: 0), .init(.staleSource, from: 3_600)]),
            OracleNode(faults: [.init(.byzantine(.scaled(ppm: 2_000_000)), from: 0), .init(.byzantine(.random), from: 0)]),
        ])
        let custody = try #require(c.sources.first as? BitcoinCustody)
        #expect(c.sources.count == 1 && custody.name == "vault" && custody.blockInterval == 300 && custody.confirmations == 3)
        #expect(custody.holdings == ["a": U256(1_250_000_000), "b": U256(1)])
        #expect(custody.movements == [.deposit(sat &* U256(2), to: "a", at: 86_400), .withdrawal(U256(1), from: "b", at: 172_800)])
        #expect(c.userEvents == [.init(.mint, sat &* U256(10), at: 3_600), .init(.redeem, U256(100_025_000_000), at: 7_200)])
        #expect(c.randomUsers == .init(meanInterval: 3_600, mintPercent: 40, redeemPercent: 30,
                                       minAmount: U256(10_000_000), maxAmount: sat &* U256(2)))
    }

    @Test func jsonFilesReadTheSameKeys() throws {
        let c = try SimulationFile.parse(text: """
            {"duration": "2 d", "unit": "oz", "feed_decimals": 2, "nodes": 4, "f": 1,
             "sources": [{"type": "bitcoin_custody", "holdings": {"vault": "100 oz"}}]}
            """, path: "gold.json")
        #expect(c.duration == 172_800 && c.nodes.count == 4 && c.f == 1)
        #expect((c.sources.first as? BitcoinCustody)?.holdings == ["vault": U256(10_000)])
    }

    /// (a change to the full file, the field the error must name, its line, words of the message)
    static let badCases: [(String, String, String, Int, String)] = [
        ("duration: 3 d", "duration: 3 fortnights", "duration", 2, "unknown unit"),
        ("duration: 3 d", "duration: 20 w\nduration2: 1", "duration2", 3, "unknown field"),
        ("duration: 3 d", "duration: 300 w", "duration", 2, "over the limit"),
        ("deviation: 0.5%", "deviation: 101%", "deviation", 7, "bad percentage"),
        ("check_interval: 10 min", "check_interval: 0", "check_interval", 6, "must be positive"),
        ("f: 1", "f: -1", "f", 13, "out of range"),
        ("f: 1", "f: 0", "f", 13, "out of range (1 to 10)"),
        ("{clock_offset: -2 min, latency: 1 min, latency_jitter: 5}", "{latency: soon}", "nodes[0].latency", 15, "bad number"),
        ("kind: offline, from: 1 d, until: 2 d", "kind: offline, from: 2 d, until: 1 d", "nodes[1].faults[0].until", 16, "after from"),
        ("{kind: byzantine}", "{kind: lazy}", "nodes[3].faults[1].kind", 18, "offline, stale_source or byzantine"),
        ("type: bitcoin_custody", "type: gold_vault", "sources[0].type", 20, "unknown source type"),
        ("a: 12.5 BTC", "a: 12.5 ETH", "sources[0].holdings.a", 24, "not the file's unit"),
        ("amount: 0.00000001 BTC", "amount: 0.000000001 BTC", "sources[0].movements[1].amount", 27, "at most 8 decimals"),
        ("amount: 0.00000001 BTC", "amount: 1e-8 BTC", "sources[0].movements[1].amount", 27, "bad amount"),
        ("amount: 0.00000001 BTC", "amount: 2 BTC", "sources[0].movements", 26, "exceeds its confirmed balance"),
        ("action: redeem", "action: burn", "users[1].action", 30, "mint, redeem or transfer"),
        ("mint_percent: 40", "mint_percent: 80", "random_users.redeem_percent", 31, "over 100"),
        ("unit: BTC", "unit: [BTC]", "unit", 4, "expected the reserve asset's unit"),
    ]

    @Test(arguments: 0..<badCases.count) func eachBadFieldNamesTheFileLineAndField(_ i: Int) {
        let (from, to, field, line, words) = Self.badCases[i]
        let text = Self.full.replacingOccurrences(of: from, with: to)
        #expect(text != Self.full, "case \(i) changes nothing")
        do {
            _ = try SimulationFile.parse(text: text, path: "bad.yaml")
            Issue.record("case \(i): no error")
        } catch {
            let message = "\(error)"
            #expect(message.hasPrefix("bad.yaml:\(line), field '\(field)': "), "case \(i): \(message)")
            #expect(message.contains(words), "case \(i): \(message)")
        }
    }

    @Test func aRunOfMoreThanAMillionTicksIsRefused() {
        let text = "duration: 12 d\nsources: [{type: bitcoin_custody}]\nrandom_users: {mean_interval: 1, min_amount: 1, max_amount: 2}"
        #expect(throws: (any Error).self) { try SimulationFile.parse(text: text, path: "x.yaml") }
        #expect((try? SimulationFile.parse(text: text.replacingOccurrences(of: "12 d", with: "11 d"), path: "x.yaml")) != nil)
    }

    @Test func aFileWithoutSourcesOrWithBadYAMLIsRefused() {
        #expect(throws: (any Error).self) { try SimulationFile.parse(text: "duration: 1 d", path: "x.yaml") }
        #expect(throws: (any Error).self) { try SimulationFile.parse(text: "duration: [1", path: "x.yaml") }
        #expect(throws: (any Error).self) { try SimulationFile.parse(text: "- 1", path: "x.yaml") }
    }

    @Test func sweepValuesUseTheFileSyntax() throws {
        var c = SimulationConfig()
        try SimulationFile.set("deviation", to: "2.5%", in: &c)
        try SimulationFile.set("heartbeat", to: "6 h", in: &c)
        try SimulationFile.set("check_interval", to: "1 min", in: &c)
        try SimulationFile.set("f", to: "1", in: &c)
        #expect(c.rule == UpdateRule(deviationPPM: 25_000, heartbeat: 21_600) && c.checkInterval == 60 && c.f == 1)
        #expect(throws: (any Error).self) { try SimulationFile.set("margin", to: "1", in: &c) }
        #expect(throws: (any Error).self) { try SimulationFile.set("check_interval", to: "1 s", in: &c) }   // 30 d of 1 s checks: too many
    }
}
