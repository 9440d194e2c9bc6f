import ABI
import Primitives
import UInt256

/// Words the generator prefers: boundary values, the actors' and contracts' addresses, and
/// values seen during the run (returned by calls, ± 1), bounded so that it stays cheap.
public struct FuzzDictionary {
    public private(set) var words: [U256] = []
    private var seen: Set<U256> = []
    public static let capacity = 4096

    public init() {
        let max = U256(w0: .max, w1: .max, w2: .max, w3: .max)
        var boundaries: [U256] = [.zero, U256(1), U256(2), max, max &- U256(1), U256(1).shiftedLeft(byBits: 255)]
        // The largest value of every integer width, and of int widths (2^(m-1) - 1), the usual caps.
        for m in stride(from: 8, through: 256, by: 8) {
            boundaries.append(U256(1).shiftedLeft(byBits: m) &- U256(1))
            boundaries.append(U256(1).shiftedLeft(byBits: m - 1) &- U256(1))
        }
        for b in boundaries { add(b) }
    }

    /// Adds a word (and its neighbours when `neighbours`).
    public mutating func add(_ w: U256, neighbours: Bool = false) {
        if seen.count >= Self.capacity { return }
        if seen.insert(w).inserted { words.append(w) }
        if neighbours {
            add(w &+ U256(1))
            add(w &- U256(1))
        }
    }

    public func pick(_ r: inout SeededRandom) -> U256 { words[r.below(words.count)] }
}

/// Arguments from ABI types: small numbers, dictionary words, actors' addresses, random words.
struct ArgumentGenerator {
    var actorAddresses: [Address]

    func value(_ type: ABIType, _ r: inout SeededRandom, _ dict: FuzzDictionary, depth: Int = 0) -> ABIValue {
        switch type {
        case .uint(let m): return .uint(fit(word(&r, dict), bits: m, signed: false))
        case .int(let m): return .int(fit(word(&r, dict), bits: m, signed: true))
        case .address:
            if !actorAddresses.isEmpty, r.chance(80) { return .address(actorAddresses[r.below(actorAddresses.count)]) }
            return .address(Address(word: word(&r, dict)))
        case .bool: return .bool(r.chance(50))
        case .fixedBytes(let n): return .fixedBytes((0..<n).map { _ in UInt8(truncatingIfNeeded: r.next()) })
        case .bytes: return .bytes((0..<r.below(65)).map { _ in UInt8(truncatingIfNeeded: r.next()) })
        case .string: return .string(String((0..<r.below(17)).map { _ in Character(Unicode.Scalar(UInt8(97 + r.below(26)))) }))
        case .array(let t, let k): return .array((0..<k).map { _ in value(t, &r, dict, depth: depth + 1) })
        case .dynamicArray(let t): return .array((0..<(depth > 2 ? 0 : r.below(5))).map { _ in value(t, &r, dict, depth: depth + 1) })
        case .tuple(let ts): return .tuple(ts.map { value($0, &r, dict, depth: depth + 1) })
        }
    }

    private func word(_ r: inout SeededRandom, _ dict: FuzzDictionary) -> U256 {
        switch r.below(10) {
        case 0..<4: return U256(UInt64(r.below(17)))
        case 4..<8: return dict.pick(&r)
        default: return U256(w0: r.next(), w1: r.chance(50) ? r.next() : 0, w2: 0, w3: 0)
        }
    }

    /// Truncates a word to `bits` (sign-extended for signed types), so every value is valid for its type.
    func fit(_ w: U256, bits: Int, signed: Bool) -> U256 {
        guard bits < 256 else { return w }
        let mask = U256(1).shiftedLeft(byBits: bits) &- U256(1)
        let v = w & mask
        if signed, !(v.shiftedRight(byBits: bits - 1) & U256(1)).isZero { return v | ~mask }
        return v
    }
}
