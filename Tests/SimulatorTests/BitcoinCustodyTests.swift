import Testing
import UInt256
@testable import Simulator

@Suite struct BitcoinCustodyTests {
    @Test func depositCountsAtItsSixthConfirmation() throws {
        // Blocks at multiples of 600 s; a deposit sent at 100 is in the block at 600 (1 confirmation)
        // and has 6 confirmations at the block at 600 + 5 · 600 = 3600.
        let c = try BitcoinCustody(holdings: ["bc1a": btc(10)], movements: [.deposit(btc(5), to: "bc1a", at: 100)],
                                   blockInterval: 600, confirmations: 6)
        #expect(c.reserves(at: 0) == btc(10))
        #expect(c.reserves(at: 3_599) == btc(10))
        #expect(c.reserves(at: 3_600) == btc(15))
        #expect(c.changeTimes == [3_600])
    }

    @Test func withdrawalCountsWhenSent() throws {
        let c = try BitcoinCustody(holdings: ["a": btc(10), "b": btc(3)],
                                   movements: [.withdrawal(btc(4), from: "a", at: 5_000)])
        #expect(c.reserves(at: 4_999) == btc(13))
        #expect(c.reserves(at: 5_000) == btc(9))
        #expect(c.reserves(at: .max) == btc(9))
    }

    @Test func overdrawIsAnErrorNotATrap() {
        #expect(throws: SimulationError.self) {
            try BitcoinCustody(holdings: ["a": btc(1)], movements: [.withdrawal(btc(2), from: "a", at: 10)])
        }
        // Spending a deposit before it is confirmed is refused too.
        #expect(throws: SimulationError.self) {
            try BitcoinCustody(holdings: [:], movements: [.deposit(btc(1), to: "a", at: 0), .withdrawal(btc(1), from: "a", at: 60)])
        }
    }
}
