import Primitives
/// One part of a campaign split across processes or machines (`--shard I/N`): sequence `k` of
/// the run draws from its own random stream, derived from the seed and `k` alone, and shard `I`
/// runs the sequences with `k mod N == I`. So the shards' unguided sequences are, together,
/// exactly the unsharded run's, with no coordination beyond the seed.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole campaign (`0/1`).
    public static let whole = Shard(uncheckedIndex: 0, count: 1)
    /// The most shards a campaign is split into.
    public static let maxCount = 1024

    private init(uncheckedIndex: Int, count: Int) { index = uncheckedIndex; self.count = count }

    /// `0 <= index < count <= 1024`, else nil.
    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.maxCount, index >= 0, index < count else { return nil }
        self.index = index; self.count = count
    }

    /// `I/N` in decimal (`3/8`), else nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) }),
              let i = Int(parts[0]), let n = Int(parts[1]), parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether sequence `k` of the whole run is this shard's.
    public func owns(_ k: Int) -> Bool { k % count == index }

    /// The `n`-th sequence number this shard runs (0, 1, 2 … for the whole campaign).
    public func sequence(_ n: Int) -> Int { index + n * count }

    /// The random stream of sequence `k` of a run with `seed`: SplitMix64's finaliser over the
    /// seed, then over that mixed with `k`, so neighbouring seeds and neighbouring `k` give
    /// unrelated streams.
    public static func stream(seed: UInt64, sequence k: Int) -> SeededRandom {
        SeededRandom(seed: mix(mix(seed) ^ UInt64(truncatingIfNeeded: k)))
    }

    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
