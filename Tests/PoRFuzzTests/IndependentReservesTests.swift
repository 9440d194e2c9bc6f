import Testing
import UInt256
@testable import PoRFuzz

/// The battery's reserve figure against Contracts/tests/por_model.py: the expected column was
/// printed by por_model.independent_reserves' arithmetic (run in Python on the same raw answers),
/// not by this code.
struct IndependentReservesTests {
    static let t: UInt64 = 1_000_000
    static func w(_ x: U256) -> [UInt8] { x.bigEndianBytes }
    static func w(_ x: UInt64) -> [UInt8] { U256(x).bigEndianBytes }
    static let minusOne = U256(w0: .max, w1: .max, w2: .max, w3: .max)
    static let max255 = U256.one.shiftedLeft(byBits: 255) &- .one
    static func lrd(_ answer: U256, _ updated: UInt64, round: U256 = .one, answeredIn: U256 = .one) -> [UInt8] {
        w(round) + w(answer) + w(updated) + w(updated) + w(answeredIn)
    }

    struct Case: CustomTestStringConvertible {
        var name: String
        var decimals: [UInt8]?
        var latest: [UInt8]?
        var tokenDecimals: UInt64 = 8
        var margin: UInt64 = 0
        var expected: String?   // decimal, nil: unusable
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain 8->8", decimals: w(8), latest: lrd(U256(10_000_000_000), t), expected: "10000000000"),
        Case(name: "18->8 rounds down", decimals: w(18), latest: lrd(U256(decimal: "123456789123456789123") ?? .zero, t), expected: "12345678912"),
        Case(name: "6->18 scales up", decimals: w(6), latest: lrd(U256(5), t), tokenDecimals: 18, expected: "5000000000000"),
        Case(name: "margin 100 bps", decimals: w(8), latest: lrd(U256(999), t), margin: 100, expected: "989"),
        Case(name: "margin 9999 bps", decimals: w(8), latest: lrd(U256(decimal: "100000000000000000007") ?? .zero, t), margin: 9999, expected: "10000000000000000"),
        Case(name: "saturates", decimals: w(0), latest: lrd(max255, t), tokenDecimals: 77,
             expected: "115792089237316195423570985008687907853269984665640564039457584007913129639935"),
        Case(name: "saturated then margin", decimals: w(0), latest: lrd(max255, t), tokenDecimals: 77, margin: 1,
             expected: "115780510028392463804028627910187039062484657667173999983053638249512338326971"),
        Case(name: "exactly heartbeat old", decimals: w(8), latest: lrd(U256(7), t - 3600), expected: "7"),
        Case(name: "one second staler", decimals: w(8), latest: lrd(U256(7), t - 3601), expected: nil),
        Case(name: "future", decimals: w(8), latest: lrd(U256(7), t + 1), expected: nil),
        Case(name: "updatedAt zero", decimals: w(8), latest: lrd(U256(7), 0), expected: nil),
        Case(name: "zero answer", decimals: w(8), latest: lrd(.zero, t), expected: nil),
        Case(name: "negative answer", decimals: w(8), latest: lrd(minusOne, t), expected: nil),
        Case(name: "decimals 256", decimals: w(256), latest: lrd(U256(7), t), expected: nil),
        Case(name: "decimals reverts", decimals: nil, latest: lrd(U256(7), t), expected: nil),
        Case(name: "short answer", decimals: w(8), latest: Array(lrd(U256(7), t).prefix(64)), expected: nil),
        Case(name: "long answer", decimals: w(8), latest: lrd(U256(7), t) + w(0), expected: nil),
        Case(name: "round 2^80", decimals: w(8), latest: lrd(U256(7), t, round: U256.one.shiftedLeft(byBits: 80)), expected: nil),
        Case(name: "answeredInRound 2^80", decimals: w(8), latest: lrd(U256(7), t, answeredIn: U256.one.shiftedLeft(byBits: 80)), expected: nil),
        Case(name: "latestRoundData reverts", decimals: w(8), latest: nil, expected: nil),
        Case(name: "255 decimals to 8", decimals: w(255), latest: lrd(max255, t), expected: "0"),
    ]

    @Test(arguments: cases) func matchesTheModel(_ c: Case) {
        let got = IndependentReserves.compute(decimals: c.decimals, latestRoundData: c.latest, now: U256(Self.t),
                                              tokenDecimals: U256(c.tokenDecimals), heartbeat: U256(3600), marginBps: U256(c.margin))
        #expect(got?.description == c.expected)
    }
}
