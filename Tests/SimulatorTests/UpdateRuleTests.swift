import Testing
import UInt256
@testable import Simulator

// The feed update rule as Chainlink documents it: write when |new − last| / last > deviation
// threshold (strictly) or when now − last update ≥ heartbeat. Values below are worked by hand.
@Suite struct UpdateRuleTests {
    let rule = UpdateRule(deviationPPM: 10_000, heartbeat: 86_400)     // 1%, one day
    let oneBTC = U256(100_000_000)                                     // in satoshis

    @Test func nothingWrittenYetIsFirst() {
        #expect(rule.reason(new: oneBTC, last: nil, now: 0) == .first)
        #expect(rule.reason(new: .zero, last: nil, now: 5) == .first)
    }

    @Test func deviationExactlyAtThresholdDoesNotUpdate() {
        // 1% of 100_000_000 is 1_000_000: a move of exactly that is not "greater than".
        #expect(rule.reason(new: U256(101_000_000), last: (oneBTC, 0), now: 600) == nil)
        #expect(rule.reason(new: U256(99_000_000), last: (oneBTC, 0), now: 600) == nil)
    }

    @Test func deviationOneUnitOverUpdates() {
        #expect(rule.reason(new: U256(101_000_001), last: (oneBTC, 0), now: 600) == .deviation)
        #expect(rule.reason(new: U256(98_999_999), last: (oneBTC, 0), now: 600) == .deviation)
    }

    @Test func heartbeatFiresAtTheSecondItExpires() {
        #expect(rule.reason(new: oneBTC, last: (oneBTC, 1_000), now: 1_000 + 86_400) == .heartbeat)
        #expect(rule.reason(new: oneBTC, last: (oneBTC, 1_000), now: 1_000 + 86_399) == nil)
    }

    @Test func deviationTakesPrecedenceWhenBothHold() {
        #expect(rule.reason(new: U256(200_000_000), last: (oneBTC, 0), now: 86_400) == .deviation)
    }

    @Test func lastZero() {
        // Any non-zero figure is an infinite relative move; zero after zero is none.
        #expect(rule.reason(new: U256(1), last: (.zero, 0), now: 600) == .deviation)
        #expect(rule.reason(new: .zero, last: (.zero, 0), now: 600) == nil)
        #expect(rule.reason(new: .zero, last: (.zero, 0), now: 86_400) == .heartbeat)
        // Down to zero from anything is a 100% move.
        #expect(rule.reason(new: .zero, last: (oneBTC, 0), now: 600) == .deviation)
    }

    @Test func zeroThresholdUpdatesOnAnyChange() {
        let any = UpdateRule(deviationPPM: 0, heartbeat: 86_400)
        #expect(any.reason(new: U256(100_000_001), last: (oneBTC, 0), now: 1) == .deviation)
        #expect(any.reason(new: oneBTC, last: (oneBTC, 0), now: 1) == nil)
    }

    @Test func largeFiguresCompareExactly() {
        // 10^50 units (beyond 128 bits): 1% is 10^48.
        let last = U256(decimal: "1" + String(repeating: "0", count: 50))!
        let onePercent = U256(decimal: "1" + String(repeating: "0", count: 48))!
        #expect(rule.reason(new: last &+ onePercent, last: (last, 0), now: 1) == nil)
        #expect(rule.reason(new: last &+ onePercent &+ U256(1), last: (last, 0), now: 1) == .deviation)
        #expect(rule.reason(new: last &- onePercent, last: (last, 0), now: 1) == nil)
        #expect(rule.reason(new: last &- onePercent &- U256(1), last: (last, 0), now: 1) == .deviation)
    }
}
