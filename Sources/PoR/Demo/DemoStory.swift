import Primitives

/// The numbers of the demo's story, which a teacher may change (`porvm demo --reserves 800
/// --withdrawal 100`, or `--story FILE`): the custodian's reserves, the mints, the withdrawal
/// that drops the reserves, and the token's and breaker's heartbeat. Everything else follows:
/// the oracles' observations are derived from the reserves, and the narration tells what the
/// contracts did with these numbers.
public struct DemoStory: Hashable, Sendable {
    /// The custodian's bitcoin at the start and again after the recovery, in base units.
    public var reserves: UInt64 = PoRDemo.Amounts.initialReserves
    /// The mints of section 3, in order, to alice, bob, carol, alice… (base units).
    public var mints: [UInt64] = [PoRDemo.Amounts.aliceMint, PoRDemo.Amounts.bobMint]
    /// What leaves the custodian's wallet in section 4 (base units).
    public var withdrawal: UInt64 = PoRDemo.Amounts.initialReserves - PoRDemo.Amounts.droppedReserves
    /// Maximum age in seconds of the feed's answer for the token and the breaker.
    public var heartbeat: UInt64 = 86_400

    public init() {}
    public static let standard = DemoStory()

    public static let maxMints = 6
    /// 21 million BTC, every bitcoin there will ever be.
    public static let maxAmount: UInt64 = 21_000_000 * PoRDemo.btc
    /// One minute to thirty days: the story spans a day, so longer would change nothing.
    public static let heartbeats: ClosedRange<UInt64> = 60...(30 * 86_400)
    public static let holders = ["alice", "bob", "carol"]

    /// Reserves after the withdrawal.
    public var droppedReserves: UInt64 { reserves - min(withdrawal, reserves) }

    /// Oracle observations around the true balance (committee order), as in the standard story:
    /// small disagreements that the median irons out.
    public var firstObservations: [UInt64] {
        [reserves, reserves - Self.off(reserves, 20_000), reserves + Self.off(reserves, 50_000), reserves]
    }
    /// After the withdrawal; oracle4 still sees the old balance.
    public var secondObservations: [UInt64] {
        let d = droppedReserves
        return [d, d - Self.off(d, 30_000), d, reserves]
    }
    public var thirdObservations: [UInt64] {
        [reserves, reserves, reserves - Self.off(reserves, 100_000), reserves + Self.off(reserves, 100_000)]
    }

    /// `amount / parts`, in whole hundredths of a BTC when it is that large (readable figures).
    static func off(_ amount: UInt64, _ parts: UInt64) -> UInt64 {
        let cent = PoRDemo.btc / 100, x = amount / parts
        return x >= cent ? x - x % cent : x
    }

    /// One-line complaints about numbers the story cannot tell (`DemoStoryError`).
    public func validate() throws {
        func amount(_ v: UInt64, _ name: String) throws {
            guard v > 0 else { throw DemoStoryError(field: name, "must be more than 0") }
            guard v <= Self.maxAmount else {
                throw DemoStoryError(field: name, "\(Self.btc(v)) is more than the 21,000,000 BTC that will ever exist")
            }
        }
        try amount(reserves, "reserves")
        guard (1...Self.maxMints).contains(mints.count) else {
            throw DemoStoryError(field: "mints", "\(mints.count) mints; 1 to \(Self.maxMints)")
        }
        for (i, m) in mints.enumerated() { try amount(m, "mints[\(i)]") }
        try amount(withdrawal, "withdrawal")
        guard withdrawal < reserves else {
            throw DemoStoryError(field: "withdrawal", "\(Self.btc(withdrawal)) must be less than the reserves (\(Self.btc(reserves))): the custodian keeps some bitcoin")
        }
        guard Self.heartbeats.contains(heartbeat) else {
            throw DemoStoryError(field: "heartbeat", "\(heartbeat) s is out of range (1 min to 30 d)")
        }
    }

    /// "12.5" or "12.5 BTC" in base units; nil for anything else (sign, other units, more than
    /// 8 decimals, past `UInt64`).
    public static func amount(_ text: String) -> UInt64? {
        var t = Substring(text.trimmingWhitespace)
        if let space = t.lastIndex(where: { $0 == " " || $0 == "\t" }) {
            guard t[t.index(after: space)...].uppercased() == PoRDemo.symbol else { return nil }
            t = Substring(t[..<space].trimmingWhitespace)
        }
        let parts = t.filter { $0 != "_" }.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), fraction.count <= PoRDemo.decimals,
              (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = whole + fraction + String(repeating: "0", count: PoRDemo.decimals - fraction.count)
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= 19 else { return nil }
        return significant.isEmpty ? 0 : UInt64(significant)
    }

    static func btc(_ v: UInt64) -> String { DemoFormat.units(v, decimals: PoRDemo.decimals) + " " + PoRDemo.symbol }
}

/// A story number out of range: one line naming the field.
public struct DemoStoryError: Error, CustomStringConvertible, Sendable {
    public let field: String
    public let message: String
    init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "\(field): \(message)" }
}
