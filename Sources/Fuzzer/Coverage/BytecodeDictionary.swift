import Primitives
import UInt256
import ABI

/// Values worth trying as arguments: the constants the contracts compare against (PUSH
/// operands), and values returned during the run (balances, totalSupply, mintableAmount) with
/// their neighbours. Both lists keep first-seen order and drop duplicates, so a given input
/// gives the same dictionary; both are capped. Boundary values per ABI type come from
/// `boundaries(for:)` and are not stored.
public struct BytecodeDictionary: Sendable {
    /// PUSH operands, in the order found.
    public private(set) var constants: [U256] = []
    /// Values seen during the run and their neighbours, oldest first.
    public private(set) var returned: [U256] = []
    public let constantCap: Int
    public let returnedCap: Int
    private var constantSet: Set<U256> = []
    private var returnedSet: Set<U256> = []

    public init(constantCap: Int = 2048, returnedCap: Int = 256) {
        self.constantCap = max(0, constantCap)
        self.returnedCap = max(0, returnedCap)
    }

    /// Every stored value, constants first.
    public var values: [U256] { constants + returned }

    /// Adds the PUSH operands of `code` (see `constants(in:)`) until the cap.
    public mutating func addConstants(of code: [UInt8]) {
        for v in Self.constants(in: code) {
            guard constants.count < constantCap else { return }
            if constantSet.insert(v).inserted { constants.append(v) }
        }
    }

    /// Adds a value read during the run and v ± 1 (not wrapping past 0 or 2^256-1). When full,
    /// the oldest values make room: late values are the ones the state now holds.
    public mutating func addReturned(_ v: U256) {
        var around = [v]
        if v != .max { around.append(v &+ .one) }
        if !v.isZero { around.append(v &- .one) }
        for x in around where returnedCap > 0 && returnedSet.insert(x).inserted {
            if returned.count == returnedCap { returnedSet.remove(returned.removeFirst()) }
            returned.append(x)
        }
    }

    /// The stored values that fit `type`, as values of it (integers, addresses, fixed bytes).
    public func values(for type: ABIType) -> [ABIValue] {
        values.compactMap { Self.value($0, as: type) }
    }

    /// `v` as a value of `type` when it fits without truncation; nil otherwise or for types that
    /// are not one word.
    public static func value(_ v: U256, as type: ABIType) -> ABIValue? {
        switch type {
        case .uint(let m):
            return v.bitWidth <= m ? .uint(v) : nil
        case .int(let m):
            // Fits when sign-extending from m bits gives v back (a negative was pushed as 2^256 - x).
            return m >= 8 && m <= 256 && v.signExtended(fromByte: U256(UInt64(m / 8 - 1))) == v ? .int(v) : nil
        case .address:
            return v.bitWidth <= 160 ? .address(Address(word: v)) : nil
        case .fixedBytes(let n):
            guard n >= 1, n <= 32, v.significantByteCount <= n else { return nil }
            return .fixedBytes(Array(v.bigEndianBytes.suffix(n)))
        default:
            return nil
        }
    }

    /// PUSH1..PUSH32 operands of `code`, deduplicated in the order found. Skipped as jump targets,
    /// not data: an operand the next instruction jumps to (PUSH then JUMP/JUMPI), and a PUSH2 whose
    /// value is a JUMPDEST of the code (solc's return addresses and internal-function tags).
    /// PUSH0 (EIP-3855) pushes nothing worth storing; a truncated final PUSH reads zeros as the
    /// EVM does.
    public static func constants(in code: [UInt8]) -> [U256] {
        let jumpdests = Self.jumpdests(in: code)
        var seen: Set<U256> = [], out: [U256] = []
        var pc = 0
        while pc < code.count {
            let op = code[pc]
            guard op >= 0x60 && op <= 0x7f else { pc += 1; continue }
            let n = Int(op) - 0x5f
            var bytes = [UInt8](repeating: 0, count: n)
            for i in 0..<n where pc + 1 + i < code.count { bytes[i] = code[pc + 1 + i] }
            let v = U256(bigEndianBytes: bytes)
            let next = pc + 1 + n
            let nextOp: UInt8 = next < code.count ? code[next] : 0
            let isTarget = nextOp == 0x56 || nextOp == 0x57
                || (n == 2 && v.fitsInUInt64 && v.w0 < UInt64(code.count) && jumpdests.contains(Int(v.w0)))
            if !isTarget && seen.insert(v).inserted { out.append(v) }
            pc = next
        }
        return out
    }

    private static func jumpdests(in code: [UInt8]) -> Set<Int> {
        var out: Set<Int> = [], pc = 0
        while pc < code.count {
            let op = code[pc]
            if op == 0x5b { out.insert(pc) }
            if op >= 0x60 && op <= 0x7f { pc += Int(op) - 0x5f }
            pc += 1
        }
        return out
    }

    // MARK: boundaries

    /// Widths around which integers change behaviour (casts in Solidity, packing in storage).
    static let boundaryWidths = [8, 16, 32, 64, 96, 128, 160, 192, 224]

    /// Edge values of `type`, fixed order. Unsigned: 0, 1, 2, max, max-1, 2^k-1, 2^k, 2^k+1 for
    /// the common widths k below the type's, and token-sized powers of ten (10^6, 10^8, 10^18)
    /// that fit. Signed: 0, 1, -1, max, max-1, min, min+1, ±2^k. Composite types: the element's
    /// boundaries, a few of them.
    public static func boundaries(for type: ABIType) -> [ABIValue] {
        switch type {
        case .uint(let m):
            let max = mask(bits: m)
            var words: [U256] = [.zero, .one, U256(2), max, max &- .one]
            for k in boundaryWidths where k < m {
                let p = U256.one.shiftedLeft(byBits: k)
                words += [p &- .one, p, p &+ .one]
            }
            for e in [6, 8, 18] { let p = U256(10).exp(U256(UInt64(e))); if p.bitWidth <= m { words.append(p) } }
            return dedup(words).map { .uint($0) }
        case .int(let m):
            let max = mask(bits: m - 1)              // 2^(m-1) - 1
            let min = max.negated &- .one            // -2^(m-1), sign-extended
            var words: [U256] = [.zero, .one, .max, max, max &- .one, min, min &+ .one]
            for k in boundaryWidths where k < m - 1 {
                let p = U256.one.shiftedLeft(byBits: k)
                words += [p, p.negated]
            }
            return dedup(words).map { .int($0) }
        case .address:
            return [.address(Address(word: .zero)), .address(Address(word: .one)), .address(Address(word: mask(bits: 160)))]
        case .bool:
            return [.bool(false), .bool(true)]
        case .fixedBytes(let n):
            let n = Swift.max(0, Swift.min(32, n))
            var one = [UInt8](repeating: 0, count: n)
            if n > 0 { one[n - 1] = 1 }
            return [.fixedBytes([UInt8](repeating: 0, count: n)), .fixedBytes(one), .fixedBytes([UInt8](repeating: 0xff, count: n))]
        case .bytes:
            return [.bytes([]), .bytes([0]), .bytes([UInt8](repeating: 0xff, count: 32)), .bytes([UInt8](repeating: 0, count: 33))]
        case .string:
            return [.string(""), .string("a"), .string(String(repeating: "a", count: 32)), .string(String(repeating: "a", count: 33))]
        case .array(let t, let k):
            return boundaries(for: t).prefix(4).map { .array([ABIValue](repeating: $0, count: Swift.max(0, k))) }
        case .dynamicArray(let t):
            return [.array([])] + boundaries(for: t).prefix(3).map { .array([$0]) }
        case .tuple(let ts):
            let parts = ts.map { boundaries(for: $0) }
            let rows = parts.map(\.count).max() ?? 0
            return (0..<Swift.min(rows, 8)).map { r in
                .tuple(parts.map { $0.isEmpty ? .bool(false) : $0[r % $0.count] })
            }
        }
    }

    /// 2^bits - 1 (all ones for 256 and above, zero for none).
    static func mask(bits: Int) -> U256 {
        if bits >= 256 { return .max }
        if bits <= 0 { return .zero }
        return U256.one.shiftedLeft(byBits: bits) &- .one
    }

    private static func dedup(_ words: [U256]) -> [U256] {
        var seen: Set<U256> = []
        return words.filter { seen.insert($0).inserted }
    }
}
