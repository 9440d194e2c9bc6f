import UInt256

/// When the network writes a new figure on chain (Chainlink's feed update rule): the median
/// moved by more than the deviation threshold relative to the last figure written, or the
/// heartbeat ran out since the last write.
public struct UpdateRule: Sendable, Equatable, Codable {
    /// The deviation threshold in parts per million of the last figure (10_000 = 1%).
    public var deviationPPM: UInt64
    /// Seconds after which a figure is written again even if it did not move.
    public var heartbeat: UInt64

    public init(deviationPPM: UInt64 = 10_000, heartbeat: UInt64 = 86_400) {
        self.deviationPPM = deviationPPM
        self.heartbeat = heartbeat
    }

    public enum Reason: String, Sendable, CaseIterable, Codable {
        /// Nothing written yet.
        case first
        /// |new − last| / last > threshold.
        case deviation
        /// now − last update ≥ heartbeat.
        case heartbeat
    }

    /// Why `new` must be written at `now`, or nil when it need not. Deviation is strictly greater
    /// than the threshold (a move of exactly the threshold does not update). A last figure of
    /// zero makes any non-zero figure an (infinite) deviation and zero no deviation at all.
    public func reason(new: U256, last: (answer: U256, time: UInt64)?, now: UInt64) -> Reason? {
        guard let last else { return .first }
        if deviates(new: new, last: last.answer) { return .deviation }
        if now >= last.time, now - last.time >= heartbeat { return .heartbeat }
        return nil
    }

    /// |new − last| · 10^6 > threshold · last, compared exactly (no division, no overflow).
    public func deviates(new: U256, last: U256) -> Bool {
        if last.isZero { return !new.isZero }
        let change = new < last ? last &- new : new &- last
        let lhs = change.multipliedFullWidth(by: 1_000_000)
        let rhs = last.multipliedFullWidth(by: deviationPPM)
        return lhs.high != rhs.high ? lhs.high > rhs.high : rhs.low < lhs.low
    }
}
