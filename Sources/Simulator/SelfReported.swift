import UInt256

/// An issuer's own API: the figure it claims, which need not be what it holds. Nothing checks
/// the claim, so the source is labelled self-reported in the summary and the log; the metrics
/// measure exposure against what is really held.
public struct SelfReported: ReserveSource {
    public let name: String
    /// What is really held: (from time, amount), ascending, first at 0.
    public let held: [(time: UInt64, amount: U256)]
    /// What the API says: (from time, amount), ascending, first at 0.
    public let claimed: [(time: UInt64, amount: U256)]

    public init(name: String = "issuer API", held: [(time: UInt64, amount: U256)],
                claimed: [(time: UInt64, amount: U256)]? = nil) throws {
        for (label, steps) in [("held", held), ("claimed", claimed ?? held)] {
            guard steps.first?.time == 0 else { throw SimulationError("\(name): \(label) figures must start at time 0") }
            guard zip(steps, steps.dropFirst()).allSatisfy({ $0.time < $1.time }) else {
                throw SimulationError("\(name): \(label) times must ascend")
            }
        }
        self.name = name
        self.held = held
        self.claimed = claimed ?? held
    }

    public var trust: SourceTrust { .selfReported }
    public func reserves(at time: UInt64) -> U256 { Attestation.amount(held, at: time) }
    public func reading(at time: UInt64) -> U256? { Attestation.amount(claimed, at: time) }
    public var changeTimes: [UInt64] { held.dropFirst().map(\.time) }
}
