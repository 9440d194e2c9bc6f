// Shared timing harness: monotonic clock, adaptive iteration counts, best-of-N trials,
// and a checksum sink so the optimiser cannot drop the measured work.

#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#endif

@inline(__always)
func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Results are folded into this and printed at exit, making every result observable.
nonisolated(unsafe) var benchSink: UInt64 = 0

@inline(never)
func consume(_ x: UInt64) {
    benchSink ^= x
}

enum Bench {
    /// Runs `body(n)` (which performs n operations and returns a checksum) with n grown until one
    /// trial takes at least `minTrialNs`, then reports the best of `trials` trials in ns per operation.
    /// Best-of rather than mean: other processes share the cores and only ever add time.
    static func nsPerOp(minTrialNs: UInt64 = 4_000_000, trials: Int = 15, _ body: (Int) -> UInt64) -> Double {
        var n = 64
        while true {
            let t0 = nowNanoseconds()
            consume(body(n))
            let dt = nowNanoseconds() &- t0
            if dt >= minTrialNs / 4 { break }
            n *= 2
        }
        var best = Double.infinity
        for _ in 0..<trials {
            let t0 = nowNanoseconds()
            consume(body(n))
            let dt = nowNanoseconds() &- t0
            best = min(best, Double(dt) / Double(n))
        }
        return best
    }
}

/// Deterministic operand generator (SplitMix64): reproducible runs, no Foundation.
struct BenchRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
}

func fmt(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return String(r)
}
