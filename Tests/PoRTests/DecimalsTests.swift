import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256

/// 4. The feed's answer is in feed decimals and is rescaled to the token's decimals: up by
/// 10^(to - from), or down by 10^(from - to) rounding toward zero (conservative: fractions of a
/// token unit never count as reserves).
@Suite struct DecimalsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var feedDecimals: UInt64
        var tokenDecimals: UInt64
        var observation: Int64
        var testDescription: String { "feed \(feedDecimals) → token \(tokenDecimals)" }
    }

    static let cases: [Case] = [
        Case(feedDecimals: 8, tokenDecimals: 18, observation: 150_200_000_000),              // 1 502 BTC
        Case(feedDecimals: 18, tokenDecimals: 8, observation: 1_502_123_456_789_012_345),    // 1.502… with a remainder
        Case(feedDecimals: 6, tokenDecimals: 18, observation: 1_502_123_456),
        Case(feedDecimals: 18, tokenDecimals: 6, observation: 1_502_123_456_789_012_345),
        Case(feedDecimals: 8, tokenDecimals: 6, observation: 150_212_345_678),
        Case(feedDecimals: 6, tokenDecimals: 8, observation: 1_502_123_456),
        Case(feedDecimals: 8, tokenDecimals: 8, observation: 150_200_000_001),
    ]

    /// The reserves in token units, computed here from the rule above.
    static func expected(_ c: Case) -> U256 {
        let a = U256(UInt64(c.observation))
        if c.tokenDecimals >= c.feedDecimals { return a &* pow10(Int(c.tokenDecimals - c.feedDecimals)) }
        return a.div(pow10(Int(c.feedDecimals - c.tokenDecimals)))
    }

    @Test(arguments: cases)
    func boundaryIsExactInEachDirection(c: Case) throws {
        let chain = Chain()
        chain.warp(T0)
        var settings = PoRDeployment.Settings()
        settings.feedDecimals = c.feedDecimals
        settings.tokenDecimals = c.tokenDecimals
        var por = try PoRDeployment(chain: chain, settings: settings)
        #expect(try por.feed.read("decimals") == u(c.feedDecimals))
        #expect(try por.token.read("decimals") == u(c.tokenDecimals))
        // Three oracles report the same value so that the median is the observation.
        expectSuccess(try por.publish([Answer(c.observation), Answer(c.observation), Answer(c.observation)]))

        let limit = Self.expected(c)
        #expect(try por.token.read("reserves") == u(limit))
        let alice = chain.account("alice")
        expectError(try por.token.transact("mint", alice, limit &+ .one, from: por.minter), "ReservesExceeded", [u(limit &+ .one), u(limit)])
        expectSuccess(try por.token.transact("mint", alice, limit, from: por.minter))
        expectError(try por.token.transact("mint", alice, 1, from: por.minter), "ReservesExceeded", [u(limit &+ .one), u(limit)])
        #expect(try por.token.read("balanceOf", alice) == u(limit))
    }

    /// Spot checks of the scale with literal numbers, so the helper above cannot hide a mistake.
    @Test func literalSpotChecks() {
        #expect(Self.expected(Self.cases[0]) == big("1502000000000000000000"))
        #expect(Self.expected(Self.cases[1]) == U256(150_212_345))
        #expect(Self.expected(Self.cases[3]) == U256(1_502_123))
        #expect(Self.expected(Self.cases[4]) == U256(1_502_123_456))
    }

    /// The decimals are read from the feed at every mint: a feed changing decimals is followed.
    @Test func decimalsAreReadAtEveryMint() throws {
        let bed = try TokenBed(feedDecimals: 8, tokenDecimals: 8, answer: 1_000_000_000)     // 10 units
        #expect(try bed.token.read("reserves") == u(1_000_000_000))
        bed.feed.setDecimals(10)                                                            // same word, 0.1 units
        #expect(try bed.token.read("reserves") == u(10_000_000))
        expectError(try bed.mint(bed.alice, 10_000_001), "ReservesExceeded", [u(10_000_001), u(10_000_000)])
        bed.feed.setDecimals(6)                                                             // 1 000 units
        #expect(try bed.token.read("reserves") == u(100_000_000_000))
        expectSuccess(try bed.mint(bed.alice, 100_000_000_000))
    }
}
