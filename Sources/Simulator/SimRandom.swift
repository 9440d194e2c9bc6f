/// splitmix64: a small, fast generator whose whole output is fixed by the seed, so that a
/// simulation run twice with the same seed produces the same log byte for byte. (The same
/// algorithm as the fuzzer's SeededRandom; kept here so that the simulator does not depend on it.)
public struct SimRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ... bound (inclusive); 0 when bound is 0.
    public mutating func upTo(_ bound: UInt64) -> UInt64 {
        bound == .max ? next() : next() % (bound + 1)
    }
}
