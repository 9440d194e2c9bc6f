import Primitives
import UInt256
import ABI

/// Seeded mutation operators: pure functions of their input and the generator's draws, so a
/// seed replays a campaign. Sequences are generic (`[Element]`) for the campaign's call
/// sequences; values are `ABIValue`s kept valid for their `ABIType`. Draws go through
/// `Mutation.below`, not `Int.random(in:using:)`, whose use of the generator the standard
/// library does not promise to keep.
public enum Mutation {
    /// Longest `bytes`/`string` and dynamic array a mutation produces.
    public static let maxDynamicLength = 256
    public static let maxArrayLength = 16

    /// A draw in 0..<n (0 when n <= 1), by multiply-high (Lemire's method without the rejection
    /// step; the bias is below n/2^64).
    @inlinable
    public static func below<R: RandomNumberGenerator>(_ n: Int, _ rng: inout R) -> Int {
        guard n > 1 else { return 0 }
        return Int(truncatingIfNeeded: rng.next().multipliedFullWidth(by: UInt64(n)).high)
    }

    // MARK: sequences

    /// `seq` with `element` inserted at a drawn position; at `maxLength`, it replaces one instead.
    public static func insert<E, R: RandomNumberGenerator>(_ seq: [E], _ element: E, maxLength: Int, _ rng: inout R) -> [E] {
        var out = seq
        if out.count >= max(1, maxLength) {
            if !out.isEmpty { out[below(out.count, &rng)] = element }
            return out
        }
        out.insert(element, at: below(out.count + 1, &rng))
        return out
    }

    /// `seq` without one drawn element; a sequence of one is kept (an empty one tests nothing).
    public static func delete<E, R: RandomNumberGenerator>(_ seq: [E], _ rng: inout R) -> [E] {
        guard seq.count > 1 else { return seq }
        var out = seq
        out.remove(at: below(out.count, &rng))
        return out
    }

    /// A drawn prefix of `a` followed by a drawn suffix of `b`, at most `maxLength` long and
    /// never empty when either input has an element.
    public static func splice<E, R: RandomNumberGenerator>(_ a: [E], _ b: [E], maxLength: Int, _ rng: inout R) -> [E] {
        let i = below(a.count + 1, &rng)
        let j = below(b.count + 1, &rng)
        var out = Array(a[..<i]) + Array(b[j...])
        if out.isEmpty { out = a.isEmpty ? Array(b.prefix(1)) : Array(a.prefix(1)) }
        return Array(out.prefix(max(1, maxLength)))
    }

    /// `seq` with two drawn positions exchanged (unchanged below two elements).
    public static func swap<E, R: RandomNumberGenerator>(_ seq: [E], _ rng: inout R) -> [E] {
        guard seq.count > 1 else { return seq }
        var out = seq
        let i = below(out.count, &rng)
        let j = (i + 1 + below(out.count - 1, &rng)) % out.count   // a different position
        out.swapAt(i, j)
        return out
    }

    public enum SequenceOperator: CaseIterable, Sendable { case insert, delete, splice, swap, mutateElement }

    /// One drawn operator applied to `seq`. `fresh` makes a new element (a new call);
    /// `mutateElement` changes one (its arguments); `donor` is spliced from (another corpus entry).
    public static func mutate<E, R: RandomNumberGenerator>(
        _ seq: [E], donor: [E], maxLength: Int, _ rng: inout R,
        fresh: (inout R) -> E, mutateElement: (E, inout R) -> E
    ) -> (result: [E], applied: SequenceOperator) {
        let op = SequenceOperator.allCases[below(SequenceOperator.allCases.count, &rng)]
        switch op {
        case .insert: return (insert(seq, fresh(&rng), maxLength: maxLength, &rng), op)
        case .delete: return (delete(seq, &rng), op)
        case .splice: return (splice(seq, donor, maxLength: maxLength, &rng), op)
        case .swap: return (swap(seq, &rng), op)
        case .mutateElement:
            guard !seq.isEmpty else { return (insert(seq, fresh(&rng), maxLength: maxLength, &rng), .insert) }
            var out = seq
            let i = below(out.count, &rng)
            out[i] = mutateElement(out[i], &rng)
            return (out, op)
        }
    }

    // MARK: ABI values

    /// `value` (of `type`) changed by one drawn operator: a dictionary value of the type, ±1,
    /// a bit flip, or a boundary of the type; composite values change one part. The result is
    /// always a valid value of `type` (integers wrap within the type's width; lengths stay
    /// within `maxDynamicLength`/`maxArrayLength`). A value that does not match `type` is
    /// replaced by a boundary of it.
    public static func mutate<R: RandomNumberGenerator>(
        _ value: ABIValue, as type: ABIType, dictionary: BytecodeDictionary, _ rng: inout R
    ) -> ABIValue {
        switch (type, value) {
        case (.uint, .uint(let v)), (.int, .int(let v)):
            return mutateWord(v, type: type, dictionary: dictionary, &rng)
        case (.address, .address(let a)):
            return mutateWord(a.word, type: type, dictionary: dictionary, &rng)
        case (.bool, .bool(let b)):
            return .bool(!b)
        case (.fixedBytes(let n), .fixedBytes(let b)) where b.count == n:
            return mutateWord(U256(bigEndianBytes: b), type: type, dictionary: dictionary, &rng)
        case (.bytes, .bytes(let b)):
            return .bytes(mutateBytes(b, &rng))
        case (.string, .string(let s)):
            // Stays printable ASCII so that reproducers read well; the ABI encodes any UTF-8 alike.
            let bytes = mutateBytes(Array(s.utf8), &rng).map { $0 >= 0x20 && $0 < 0x7f ? $0 : 0x20 + $0 % 0x5f }
            return .string(String(decoding: bytes, as: UTF8.self))
        case (.array(let t, let k), .array(let items)) where items.count == k:
            guard k > 0 else { return value }
            var out = items
            let i = below(k, &rng)
            out[i] = mutate(out[i], as: t, dictionary: dictionary, &rng)
            return .array(out)
        case (.dynamicArray(let t), .array(let items)):
            return .array(mutateArray(items, of: t, dictionary: dictionary, &rng))
        case (.tuple(let ts), .tuple(let items)) where items.count == ts.count:
            guard !ts.isEmpty else { return value }
            var out = items
            let i = below(ts.count, &rng)
            out[i] = mutate(out[i], as: ts[i], dictionary: dictionary, &rng)
            return .tuple(out)
        default:
            let b = BytecodeDictionary.boundaries(for: type)
            return b.isEmpty ? value : b[below(b.count, &rng)]
        }
    }

    /// A one-word value of `type` (uint, int, address, bytesN) as its word, mutated.
    static func mutateWord<R: RandomNumberGenerator>(
        _ v: U256, type: ABIType, dictionary: BytecodeDictionary, _ rng: inout R
    ) -> ABIValue {
        let bits = wordBits(type)
        switch below(5, &rng) {
        case 0:                                     // towards the dictionary
            let candidates = dictionary.values(for: type)
            if !candidates.isEmpty { return candidates[below(candidates.count, &rng)] }
            fallthrough
        case 1:                                     // a boundary of the type
            let b = BytecodeDictionary.boundaries(for: type)
            return b[below(b.count, &rng)]
        case 2:
            return word(v &+ .one, as: type)
        case 3:
            return word(v &- .one, as: type)
        default:                                    // one bit within the width
            let bit = below(bits, &rng)
            return word(v ^ U256.one.shiftedLeft(byBits: bit), as: type)
        }
    }

    /// Significant bits of a one-word type (fixed bytes are left-aligned in the ABI, but we
    /// hold them as a number over their n bytes).
    static func wordBits(_ type: ABIType) -> Int {
        switch type {
        case .uint(let m), .int(let m): return max(8, min(256, m))
        case .address: return 160
        case .fixedBytes(let n): return 8 * max(1, min(32, n))
        default: return 256
        }
    }

    /// `v` brought into `type`: truncated to the width (sign-extended for int).
    static func word(_ v: U256, as type: ABIType) -> ABIValue {
        let bits = wordBits(type)
        switch type {
        case .int:
            return .int(v.signExtended(fromByte: U256(UInt64(bits / 8 - 1))))
        case .address:
            return .address(Address(word: v))
        case .fixedBytes(let n):
            let m = v & BytecodeDictionary.mask(bits: bits)
            return .fixedBytes(Array(m.bigEndianBytes.suffix(max(1, min(32, n)))))
        default:
            return .uint(v & BytecodeDictionary.mask(bits: bits))
        }
    }

    static func mutateBytes<R: RandomNumberGenerator>(_ b: [UInt8], _ rng: inout R) -> [UInt8] {
        var out = Array(b.prefix(maxDynamicLength))
        switch below(4, &rng) {
        case 0 where out.count < maxDynamicLength:   // insert a byte
            out.insert(UInt8(truncatingIfNeeded: rng.next()), at: below(out.count + 1, &rng))
        case 1 where !out.isEmpty:                    // delete one
            out.remove(at: below(out.count, &rng))
        case 2 where !out.isEmpty:                    // flip a bit
            let i = below(out.count, &rng)
            out[i] ^= 1 << UInt8(below(8, &rng))
        default:                                      // a length at a word boundary
            let lengths = [0, 1, 31, 32, 33, 64]
            let n = lengths[below(lengths.count, &rng)]
            out = Array(out.prefix(n)) + [UInt8](repeating: 0x41, count: max(0, n - out.count))
        }
        return out
    }

    static func mutateArray<R: RandomNumberGenerator>(
        _ items: [ABIValue], of t: ABIType, dictionary: BytecodeDictionary, _ rng: inout R
    ) -> [ABIValue] {
        var out = Array(items.prefix(maxArrayLength))
        switch below(3, &rng) {
        case 0 where out.count < maxArrayLength:
            let b = BytecodeDictionary.boundaries(for: t)
            out.insert(b[below(b.count, &rng)], at: below(out.count + 1, &rng))
        case 1 where !out.isEmpty:
            out.remove(at: below(out.count, &rng))
        default:
            if out.isEmpty { return out }
            let i = below(out.count, &rng)
            out[i] = mutate(out[i], as: t, dictionary: dictionary, &rng)
        }
        return out
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small generator whose stream a seed fixes, for
/// the mutations' draws.
public struct MutationRNG: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
