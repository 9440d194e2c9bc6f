import UInt256

/// Something outside the chain that holds reserves and that the oracle nodes read: a bitcoin
/// custody ledger today; an auditor's attestation API, an issuer's own API later. Figures are in
/// the feed's units, as functions of true simulated time, so that each node can read the source
/// as it was when its (late or stale) view of it was taken.
public protocol ReserveSource: Sendable {
    /// A short name for the log ("bitcoin custody").
    var name: String { get }
    /// How far a figure from this source can be trusted (self-reported ones are labelled).
    var trust: SourceTrust { get }
    /// What is really held at `time`: the truth the metrics measure exposure against.
    func reserves(at time: UInt64) -> U256
    /// What a node reading the source for `time` may use; nil when nothing usable is published
    /// (no statement yet, a stale or unsigned one). A node without a usable reading of every
    /// source makes no observation in that round. Defaults to the truth (a public ledger).
    func reading(at time: UInt64) -> U256?
    /// The same, counting only the custody addresses in `listed` (the on-chain PoRAddressList as
    /// the node read it at the check); nil: no list. Sources without addresses ignore it.
    func reading(at time: UInt64, listed: Set<String>?) -> U256?
    /// The times at which the truth changes (ascending), so that the engine can follow the true
    /// reserves exactly between events.
    var changeTimes: [UInt64] { get }
}

public enum SourceTrust: String, Sendable {
    /// Anyone can check it (a public ledger) or it is signed by an independent party.
    case verified
    /// The issuer's own figure.
    case selfReported = "self-reported"
}

extension ReserveSource {
    public var trust: SourceTrust { .verified }
    public func reading(at time: UInt64) -> U256? { reserves(at: time) }
    public func reading(at time: UInt64, listed: Set<String>?) -> U256? { reading(at: time) }
}

/// All the sources the network watches; the reserves are their sum.
public struct ReserveBook: Sendable {
    public var sources: [any ReserveSource]
    /// The custody addresses listed on chain at the current check (nil: no address list).
    public var listed: Set<String>?

    public init(_ sources: [any ReserveSource]) { self.sources = sources }

    /// The true reserves at `time`.
    public func total(at time: UInt64) -> U256 {
        var sum = U256.zero
        for s in sources { sum = sum &+ s.reserves(at: time) }
        return sum
    }

    /// What a node reading every source for `time` gets; nil when one offers nothing usable.
    public func reading(at time: UInt64) -> U256? {
        var sum = U256.zero
        for s in sources {
            guard let v = s.reading(at: time, listed: listed) else { return nil }
            sum = sum &+ v
        }
        return sum
    }

    public var changeTimes: [UInt64] {
        Array(Set(sources.flatMap(\.changeTimes))).sorted()
    }
}
