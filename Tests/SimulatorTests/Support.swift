import UInt256
@testable import Simulator

/// A source whose figure grows by one unit a second from `base` (so that late views differ).
struct LinearSource: ReserveSource {
    var base: UInt64
    var name: String { "linear" }
    func reserves(at time: UInt64) -> U256 { U256(base + time) }
    var changeTimes: [UInt64] { [] }
}

/// A source that never changes.
struct ConstantSource: ReserveSource {
    var value: U256
    var name: String { "constant" }
    func reserves(at time: UInt64) -> U256 { value }
    var changeTimes: [UInt64] { [] }
}

/// n bitcoin in satoshis.
func btc(_ n: UInt64) -> U256 { U256(n) &* U256(100_000_000) }

/// An attestation-like source for tests: statements of `figure` published every `cadence` s from 0
/// until `lastStatement`; a statement older than `maxAge` is not usable.
struct StatementStub: ReserveSource {
    var figure: U256
    var cadence: UInt64
    var lastStatement: UInt64
    var maxAge: UInt64
    var name: String { "attestation stub" }
    func reserves(at time: UInt64) -> U256 { figure }
    func reading(at time: UInt64) -> U256? {
        let latest = min(time / cadence * cadence, lastStatement / cadence * cadence)
        return time - latest <= maxAge ? figure : nil
    }
    var changeTimes: [UInt64] { [] }
}
