import UInt256

/// Something outside the chain that holds reserves and that the oracle nodes read: a bitcoin
/// custody ledger today; an auditor's attestation API or the supply on other chains later.
/// Figures are in the feed's units, as a function of true simulated time, so that each node can
/// read the source as it was when its (late or stale) view of it was taken.
public protocol ReserveSource {
    /// A short name for the log ("bitcoin custody").
    var name: String { get }
    /// The reserves the source shows at `time`.
    func reserves(at time: UInt64) -> U256
    /// The times at which the figure changes (ascending), so that the engine can follow true
    /// reserves exactly between events.
    var changeTimes: [UInt64] { get }
}

/// All the sources the network watches; the reserves are their sum.
public struct ReserveBook {
    public var sources: [any ReserveSource]

    public init(_ sources: [any ReserveSource]) { self.sources = sources }

    public func total(at time: UInt64) -> U256 {
        var sum = U256.zero
        for s in sources { sum = sum &+ s.reserves(at: time) }
        return sum
    }

    public var changeTimes: [UInt64] {
        Array(Set(sources.flatMap(\.changeTimes))).sorted()
    }
}
