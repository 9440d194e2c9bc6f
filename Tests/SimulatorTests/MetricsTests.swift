import Testing
import UInt256
@testable import Simulator

@Suite struct MetricsTests {
    @Test func shortfallEpisodesAndExposure() {
        var m = Metrics()
        m.observe(at: 0, reserves: U256(10), supply: U256(5), paused: false)
        m.observe(at: 100, reserves: U256(4), supply: U256(5), paused: false)     // short by 1 from 100
        m.observe(at: 150, reserves: U256(4), supply: U256(8), paused: false)     // short by 4
        m.observe(at: 400, reserves: U256(4), supply: U256(8), paused: true)      // paused 300 s after 100
        m.observe(at: 450, reserves: U256(2), supply: U256(8), paused: true)      // deeper, but minting is shut
        #expect(m.shortfallToPause == [300])
        #expect(m.maxUnbacked == U256(4))
        m.observe(at: 500, reserves: U256(10), supply: U256(8), paused: true)     // covered again
        m.observe(at: 700, reserves: U256(10), supply: U256(8), paused: false)
        m.observe(at: 800, reserves: U256(7), supply: U256(8), paused: false)     // short, never paused
        m.observe(at: 900, reserves: U256(10), supply: U256(8), paused: false)
        #expect(m.shortfallToPause == [300])
        #expect(m.shortfallsUnpaused == 1)
        #expect(m.maxUnbacked == U256(4))
    }

    @Test func resumedWhileShortStartsANewEpisode() {
        var m = Metrics()
        m.observe(at: 0, reserves: U256(1), supply: U256(5), paused: false)
        m.observe(at: 10, reserves: U256(1), supply: U256(5), paused: true)
        m.observe(at: 20, reserves: U256(1), supply: U256(5), paused: false)
        m.observe(at: 50, reserves: U256(1), supply: U256(5), paused: true)
        #expect(m.shortfallToPause == [10, 30])
    }

    @Test func updateShare() {
        var m = Metrics()
        #expect(m.updateShare == 0)
        m.checks = 8
        m.updates = [.first: 1, .deviation: 1]
        #expect(m.updateShare == 0.25)
    }

    @Test func formatting() {
        #expect(EventLog.clock(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6) == "3d 04:05:06")
        #expect(EventLog.decimal(U256(5), 8) == "0.00000005")
        #expect(EventLog.decimal(U256(1_250_000_000), 8) == "12.50000000")
        #expect(EventLog.decimal(U256(7), 0) == "7")
    }

    @Test func reserveBookSumsSources() throws {
        let a = try BitcoinCustody(holdings: ["x": U256(10)], movements: [.withdrawal(U256(3), from: "x", at: 50)])
        let b = try BitcoinCustody(holdings: ["y": U256(1)], movements: [.withdrawal(U256(1), from: "y", at: 20),
                                                                      .withdrawal(U256(0), from: "y", at: 50)])
        let book = ReserveBook([a, b])
        #expect(book.total(at: 0) == U256(11))
        #expect(book.total(at: 20) == U256(10))
        #expect(book.total(at: 50) == U256(7))
        #expect(book.changeTimes == [20, 50])
    }
}
