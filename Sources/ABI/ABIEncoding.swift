import UInt256

/// Namespace for encoding, decoding, selectors and topics.
public enum ABI {}

extension ABI {
    /// `enc((v1,…,vn))` of the spec: the values as one tuple, heads then tails.
    public static func encode(_ values: [ABIValue], as types: [ABIType]) throws -> [UInt8] {
        guard values.count == types.count else {
            throw ABIError.typeMismatch(expected: "\(types.count) value(s) for (\(types.map(\.description).joined(separator: ",")))",
                                        got: "\(values.count)")
        }
        var out: [UInt8] = []
        try encodeSequence(values, types, into: &out)
        return out
    }

    /// Types given as strings: `ABI.encode([.uint(1)], as: "uint256")`.
    public static func encode(_ values: [ABIValue], as types: String...) throws -> [UInt8] {
        try encode(values, as: types.map { try ABIType($0) })
    }

    /// Selector followed by the encoded arguments.
    public static func encodeCall(_ signature: String, _ values: [ABIValue]) throws -> [UInt8] {
        let sig = try FunctionSignature(signature)
        return sig.selector + (try encode(values, as: sig.inputs))
    }

    /// Heads of all items, then tails; offsets are relative to the start of this sequence.
    static func encodeSequence(_ values: [ABIValue], _ types: [ABIType], into out: inout [UInt8]) throws {
        let start = out.count
        let headLength = types.reduce(0) { $0 + $1.headSize }
        var tails: [(headPosition: Int, value: ABIValue, type: ABIType)] = []
        for (v, t) in zip(values, types) {
            if t.isDynamic {
                tails.append((out.count, v, t))
                out += [UInt8](repeating: 0, count: 32)
            } else {
                try encodeValue(v, t, into: &out)
            }
        }
        assert(out.count - start == headLength)
        for tail in tails {
            let offset = out.count - start
            writeWord(U256(UInt64(offset)), at: tail.headPosition, in: &out)
            try encodeValue(tail.value, tail.type, into: &out)
        }
    }

    static func writeWord(_ w: U256, at p: Int, in out: inout [UInt8]) {
        let b = w.bigEndianBytes
        for i in 0..<32 { out[p + i] = b[i] }
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        let r = bytes.count % 32
        return r == 0 ? bytes : bytes + [UInt8](repeating: 0, count: 32 - r)
    }

    static func encodeValue(_ v: ABIValue, _ t: ABIType, into out: inout [UInt8]) throws {
        func mismatch() -> ABIError { .typeMismatch(expected: t.description, got: v.kindName) }
        switch (t, v) {
        case (.uint(let m), .uint(let x)):
            guard x.bitWidth <= m else { throw ABIError.valueOutOfRange(type: t.description, value: x.description) }
            out += x.bigEndianBytes
        case (.int(let m), .int(let x)):
            guard fitsSigned(x, bits: m) else { throw ABIError.valueOutOfRange(type: t.description, value: v.description) }
            out += x.bigEndianBytes
        case (.address, .address(let a)):
            out += a.word.bigEndianBytes
        case (.bool, .bool(let b)):
            out += (b ? U256.one : U256.zero).bigEndianBytes
        case (.fixedBytes(let m), .fixedBytes(let b)):
            guard b.count == m else { throw ABIError.typeMismatch(expected: t.description, got: "\(b.count) byte(s)") }
            out += padded(b)
        case (.bytes, .bytes(let b)), (.bytes, .fixedBytes(let b)):
            out += U256(UInt64(b.count)).bigEndianBytes
            out += padded(b)
        case (.string, .string(let s)):
            let b = Array(s.utf8)
            out += U256(UInt64(b.count)).bigEndianBytes
            out += padded(b)
        case (.array(let et, let k), .array(let items)):
            guard items.count == k else { throw ABIError.typeMismatch(expected: t.description, got: "\(items.count) element(s)") }
            try encodeSequence(items, Array(repeating: et, count: k), into: &out)
        case (.dynamicArray(let et), .array(let items)):
            out += U256(UInt64(items.count)).bigEndianBytes
            try encodeSequence(items, Array(repeating: et, count: items.count), into: &out)
        case (.tuple(let ts), .tuple(let items)):
            guard items.count == ts.count else { throw ABIError.typeMismatch(expected: t.description, got: "\(items.count) element(s)") }
            try encodeSequence(items, ts, into: &out)
        default:
            throw mismatch()
        }
    }

    /// Whether a sign-extended word is representable in `bits` bits of two's complement.
    static func fitsSigned(_ x: U256, bits: Int) -> Bool {
        if bits >= 256 { return true }
        return x.signExtended(fromByte: U256(UInt64(bits / 8 - 1))) == x
    }
}
