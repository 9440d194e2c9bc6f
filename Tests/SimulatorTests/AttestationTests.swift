import Testing
import EVMCrypto
import UInt256
@testable import Simulator

@Suite struct AttestationTests {
    static let auditorKey = [UInt8](repeating: 0x11, count: 32)
    static let forgerKey = [UInt8](repeating: 0x22, count: 32)

    static func gold(until: UInt64 = 86_400, cadence: UInt64 = 3_600, lag: UInt64 = 0, maxAge: UInt64 = 7_200,
                     signing: [UInt64: Attestation.Signing] = [:], valuation: Attestation.Valuation? = nil) throws -> Attestation {
        try Attestation(account: "vault 7", unit: "troy oz", valuation: valuation,
                        holdings: [(0, btc(1_000)), (50_000, btc(1_100))], cadence: cadence, lag: lag,
                        maxAge: maxAge, until: until, auditorKey: auditorKey, forgerKey: forgerKey, signing: signing)
    }

    @Test func statementsAreSignedByTheAuditorAndReadOnlyWhenPublishedAndFresh() throws {
        let a = try Self.gold(lag: 900)
        #expect(a.auditor == Secp256k1.address(ofPrivateKey: Self.auditorKey))
        #expect(a.statements.allSatisfy { $0.signer == a.auditor })
        // As of 0, published at 900: nothing usable before.
        #expect(a.reading(at: 899) == nil)
        #expect(a.reading(at: 900) == btc(1_000))
        // Holdings rise at 50,000; the statement as of 50,400 (published 51,300) is the first to say so.
        #expect(a.reading(at: 51_299) == btc(1_000))
        #expect(a.reading(at: 51_300) == btc(1_100))
        #expect(a.reserves(at: 50_000) == btc(1_100))
        // Last statement as of 86,400: usable while now − asOf <= maxAge.
        #expect(a.reading(at: 86_400 + 7_200) == btc(1_100))
        #expect(a.reading(at: 86_400 + 7_201) == nil)
        // Changing any signed field breaks the signature.
        var tampered = a.statements[3]
        tampered.amount = tampered.amount &+ .one
        #expect(tampered.signer != a.auditor)
    }

    @Test func forgedAndUnsignedStatementsAreRejected() throws {
        let a = try Self.gold(signing: [36_000: .forged, 72_000: .unsigned])
        let forged = try #require(a.statements.first { $0.asOf == 36_000 })
        #expect(forged.signer == Secp256k1.address(ofPrivateKey: Self.forgerKey))
        #expect(forged.signer != a.auditor)
        #expect(a.reading(at: 36_000) == nil && a.reading(at: 39_599) == nil && a.reading(at: 39_600) == btc(1_000))
        #expect(a.statements.first { $0.asOf == 72_000 }?.signature == nil)
        #expect(a.reading(at: 72_000) == nil && a.reading(at: 75_600) == btc(1_100))
    }

    @Test func aForgedStatementMakesTheNodesSitOutAndNeverReachesTheFeed() throws {
        var c = SimulationConfig()
        c.duration = 80_000
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.recordSeries = true
        // The forged statement doubles the figure: had it been used, the 1% deviation rule would write it.
        c.sources = [try Self.gold(signing: [36_000: .forged, 72_000: .unsigned])]
        let sim = try Simulation(config: c)
        try sim.run()
        // Checks every 600 s: 36,000 ... 39,000 and 72,000 ... 75,000 see only the bad statement: 2 × 6.
        #expect(sim.metrics.failedRounds == 12)
        #expect(sim.series.first { $0.time == 36_000 }?.observations.allSatisfy { $0 == nil } == true)
        // Only the first write (1000) and the rise to 1100 (+10%, a deviation) from the statement as of 50,400.
        #expect(sim.metrics.updates[.first] == 1 && sim.metrics.updates[.deviation] == 1)
        #expect(sim.lastUpdate?.answer == btc(1_100) && sim.lastUpdate?.time == 50_400)
    }

    @Test func aStaleAttestationStopsUpdatesAndTheTokenFailsClosed() throws {
        var c = SimulationConfig()
        c.duration = 3 * 86_400
        c.rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)
        c.contractHeartbeat = 90_000
        // Hourly statements until 1d, usable for 2 h: nothing usable after 1d 02:00. Holdings are
        // 1100 from 50,000, so the writes are 1000 at 0, 1100 at 50,400 (deviation), none on the heartbeat
        // at 1d (50,400 + 86,400 = 136,800 is past the last usable reading at 93,600).
        c.sources = [try Self.gold()]
        c.userEvents = [
            .init(.mint, btc(900), at: 3_600),
            .init(.mint, btc(1), at: 50_400 + 90_000),        // feed age exactly the heartbeat: accepted
            .init(.mint, btc(1), at: 50_400 + 90_001),        // one second over: ReservesStale
        ]
        let sim = try Simulation(config: c)
        try sim.run()
        let m = sim.metrics
        #expect(m.updates[.first] == 1 && m.updates[.deviation] == 1 && m.updates[.heartbeat] == nil)
        #expect(sim.lastUpdate?.time == 50_400)
        // No quorum from 94,200 through 258,600 (the end event at 3d comes first): (258,600 − 94,200) / 600 + 1.
        #expect(m.failedRounds == 275)
        // Stale once now − 50,400 > 90,000; the first upkeep after 140,400 on the 300 s cadence is 140,700.
        #expect(m.tripTimes == [140_700])
        #expect(m.mints == 2 && m.mintsRefused == ["ReservesStale": 1])
        #expect(sim.summary.first == "sources: attestation (verified)")
    }

    @Test func unitsAreValuedIntoTheFeedsUnits() throws {
        // 1000 troy oz at 2,000.00000000 USD each (8 decimals) per ounce: 2,000,000 USD.
        let oz = try Attestation(account: "vault", unit: "troy oz", valuation: .init(price: U256(200_000_000_000)),
                                 holdings: [(0, U256(1_000))], cadence: 3_600, maxAge: 7_200, until: 0,
                                 auditorKey: Self.auditorKey)
        #expect(oz.reading(at: 0) == U256(200_000_000_000_000))
        // 2,500 m² appraised at 1,200 USD per 100 m² (USD, 0 decimals): 30,000.
        let m2 = try Attestation(account: "building", unit: "m²", valuation: .init(price: U256(1_200), per: U256(100)),
                                 holdings: [(0, U256(2_500))], cadence: 3_600, maxAge: 7_200, until: 0,
                                 auditorKey: Self.auditorKey)
        #expect(m2.reading(at: 0) == U256(30_000) && m2.reserves(at: 5) == U256(30_000))
        // A product past 2^256 saturates instead of wrapping to a small figure.
        let max = U256(w0: .max, w1: .max, w2: .max, w3: .max)
        #expect(Attestation.Valuation(price: U256(2)).value(max) == max)
    }

    @Test func badConfigurationIsAnError() {
        #expect(throws: SimulationError.self) {
            try Attestation(account: "a", unit: "oz", holdings: [(0, .one)], cadence: 0, maxAge: 1, until: 0, auditorKey: Self.auditorKey)
        }
        #expect(throws: SimulationError.self) {
            try Attestation(account: "a", unit: "oz", holdings: [(0, .one)], cadence: 1, maxAge: 1, until: 0,
                            auditorKey: [UInt8](repeating: 0, count: 32))
        }
        #expect(throws: SimulationError.self) {
            try Attestation(account: "a", unit: "oz", holdings: [(5, .one)], cadence: 1, maxAge: 1, until: 0, auditorKey: Self.auditorKey)
        }
    }

    @Test func selfReportedFiguresAreLabelledAndCanHideAShortfall() throws {
        var c = SimulationConfig()
        c.duration = 86_400
        c.sources = [try SelfReported(held: [(0, btc(1_000))], claimed: [(0, btc(1_500))])]
        c.userEvents = [.init(.mint, btc(1_200), at: 3_600)]
        let sim = try Simulation(config: c)
        try sim.run()
        // The claim (1500) covers the mint, so nothing pauses, while 200 are really unbacked.
        #expect(sim.metrics.mints == 1 && sim.metrics.trips == 0)
        #expect(sim.metrics.maxUnbacked == btc(200))
        #expect(sim.summary.first == "sources: issuer API (self-reported)")
        #expect(sim.log.lines.contains { $0.contains("issuer API is self-reported") })
    }
}
