import Primitives

/// What the simulator draws on top of `SeededRandom` (Primitives, shared with the fuzzer): the
/// same seed gives the same run, byte for byte.
extension SeededRandom {
    /// 0 ... bound (inclusive); 0 when bound is 0.
    public mutating func upTo(_ bound: UInt64) -> UInt64 {
        bound == .max ? next() : next() % (bound + 1)
    }
}
