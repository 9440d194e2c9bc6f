import ABI
import UInt256

/// A signed feed value: `int192` in the aggregator's reports, `int256` in
/// `AggregatorV3Interface`. Held as a two's-complement word so that reserves beyond 64 bits
/// (an 18-decimal feed passes 2^63 at about 9.2 tokens) are expressible; integer literals work.
public struct Answer: Comparable, Hashable, Sendable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    public var word: U256

    public init(word: U256) { self.word = word }

    public init(_ v: Int64) {
        word = v < 0 ? U256(UInt64(bitPattern: v)).signedExtended64 : U256(UInt64(v))
    }

    public init(integerLiteral v: Int64) { self.init(v) }

    /// A non-negative value (e.g. reserves in the feed's units).
    public init(unsigned v: U256) { word = v }

    /// Decimal text with an optional leading '-'; nil when malformed or outside int256.
    public init?(decimal text: String) {
        let negative = text.hasPrefix("-")
        guard let magnitude = U256(decimal: negative ? String(text.dropFirst()) : text) else { return nil }
        let limit = U256.one.shiftedLeft(byBits: 255)          // |int256 min|
        if negative {
            guard !(limit < magnitude) else { return nil }
            word = magnitude.negated
        } else {
            guard magnitude < limit else { return nil }
            word = magnitude
        }
    }

    public var isNegative: Bool { word.isNegative }

    /// The range of the aggregator's `int192` answers.
    public static let int192Max = Answer(word: U256.one.shiftedLeft(byBits: 191) &- .one)
    public static let int192Min = Answer(word: U256.one.shiftedLeft(byBits: 191).negated)

    public static func < (a: Answer, b: Answer) -> Bool { a.word.signedLess(than: b.word) }

    public var description: String { isNegative ? "-" + word.negated.description : word.description }

    /// The value as an ABI `int` argument.
    public var abiValue: ABIValue { .int(word) }

    /// The value if it fits in Int64.
    public var int64: Int64? {
        if isNegative {
            guard word.w1 == .max, word.w2 == .max, word.w3 == .max, word.w0 >> 63 == 1 else { return nil }
            return Int64(bitPattern: word.w0)
        }
        guard word.fitsInUInt64, word.w0 >> 63 == 0 else { return nil }
        return Int64(word.w0)
    }
}

extension U256 {
    /// Sign-extends a value whose low 64 bits hold a negative Int64.
    fileprivate var signedExtended64: U256 { U256(w0: w0, w1: .max, w2: .max, w3: .max) }
}
