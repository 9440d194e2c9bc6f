// Recursive Length Prefix (Yellow Paper appendix B): the serialization of transactions,
// receipts, trie nodes and accounts.
//
// Decoding is strict: only the one canonical encoding of an item is accepted, the whole
// input must be exactly one item, and hostile input (huge declared lengths, truncation,
// deep nesting) throws instead of trapping or allocating more than the input's size.

import UInt256

/// A decoded RLP value: a byte string or a list of items.
public indirect enum RLPItem: Equatable, Sendable {
    case bytes([UInt8])
    case list([RLPItem])
}

public enum RLPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ends before the item (or its length field) does.
    case truncated
    /// A length written in long form that fits the short form, or a long length with leading zero bytes.
    case nonCanonicalLength
    /// A single byte below 0x80 written as a one-byte string (0x81 0x00..0x7f).
    case nonCanonicalSingleByte
    /// An integer with leading zero bytes (including zero written as 0x00).
    case leadingZeros
    /// Bytes left over after the item (at top level or inside a list's payload).
    case trailingBytes
    /// A list where a byte string was required.
    case expectedBytes
    /// A byte string where a list was required.
    case expectedList
    /// An integer wider than its type, or a byte string of the wrong size.
    case valueTooLarge
    /// A fixed-size field (an address) of the wrong length.
    case wrongLength(expected: Int, actual: Int)
    /// Lists nested deeper than `RLP.maxDepth`.
    case tooDeep

    public var description: String {
        switch self {
        case .truncated: return "RLP: input too short for the declared length"
        case .nonCanonicalLength: return "RLP: non-canonical length encoding"
        case .nonCanonicalSingleByte: return "RLP: single byte below 0x80 must encode as itself"
        case .leadingZeros: return "RLP: integer has leading zero bytes"
        case .trailingBytes: return "RLP: trailing bytes after item"
        case .expectedBytes: return "RLP: expected a byte string, found a list"
        case .expectedList: return "RLP: expected a list, found a byte string"
        case .valueTooLarge: return "RLP: integer too large for its type"
        case .wrongLength(let e, let a): return "RLP: expected \(e) bytes, found \(a)"
        case .tooDeep: return "RLP: lists nested too deeply"
        }
    }
}

extension RLPItem {
    /// An integer as its minimal big-endian bytes (zero is the empty string).
    public init(_ v: U256) { self = .bytes(v.minimalBigEndianBytes) }

    public init(_ v: UInt64) {
        var out: [UInt8] = []
        out.reserveCapacity(8)
        let n = (64 - v.leadingZeroBitCount + 7) / 8
        var i = n
        while i > 0 {
            i -= 1
            out.append(UInt8(truncatingIfNeeded: v >> (UInt64(i) * 8)))
        }
        self = .bytes(out)
    }

    /// An address as its 20 bytes.
    public init(_ a: Address) { self = .bytes(a.bytes) }

    public var bytesValue: [UInt8]? {
        if case .bytes(let b) = self { return b }
        return nil
    }

    public var listValue: [RLPItem]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// The item as an integer: a byte string of at most 32 bytes without leading zeros.
    public func u256() throws(RLPError) -> U256 {
        guard case .bytes(let b) = self else { throw .expectedBytes }
        guard b.count <= 32 else { throw .valueTooLarge }
        if let f = b.first, f == 0 { throw .leadingZeros }
        return U256(bigEndianBytes: b)
    }

    /// The item as an integer: a byte string of at most 8 bytes without leading zeros.
    public func uint64() throws(RLPError) -> UInt64 {
        guard case .bytes(let b) = self else { throw .expectedBytes }
        guard b.count <= 8 else { throw .valueTooLarge }
        if let f = b.first, f == 0 { throw .leadingZeros }
        var v: UInt64 = 0
        for x in b { v = v << 8 | UInt64(x) }
        return v
    }

    /// The item as an address: exactly 20 bytes.
    public func address() throws(RLPError) -> Address {
        guard case .bytes(let b) = self else { throw .expectedBytes }
        guard b.count == 20 else { throw .wrongLength(expected: 20, actual: b.count) }
        return Address(b)
    }
}

public enum RLP {
    /// Deepest list nesting `decode` accepts; bounds the decoder's recursion.
    public static let maxDepth = 1024

    // MARK: encoding

    public static func encode(_ item: RLPItem) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(encodedLength(item))
        append(item, to: &out)
        return out
    }

    /// RLP of a byte string (without building an `RLPItem`).
    public static func encode(bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 9)
        appendBytes(bytes, to: &out)
        return out
    }

    /// The size of `encode(item)`.
    public static func encodedLength(_ item: RLPItem) -> Int {
        switch item {
        case .bytes(let b):
            if b.count == 1 && b[0] < 0x80 { return 1 }
            return headerLength(b.count) + b.count
        case .list(let l):
            let p = payloadLength(l)
            return headerLength(p) + p
        }
    }

    static func payloadLength(_ l: [RLPItem]) -> Int {
        var n = 0
        for x in l { n += encodedLength(x) }
        return n
    }

    @inlinable @inline(__always) public static func headerLength(_ payload: Int) -> Int {
        payload < 56 ? 1 : 1 + byteWidth(payload)
    }

    @inlinable @inline(__always) public static func byteWidth(_ n: Int) -> Int {
        (Int.bitWidth - UInt(n).leadingZeroBitCount + 7) / 8
    }

    // The append/length helpers are public (and inlinable) for the trie and state-root
    // encoders in Ethereum, which build nodes straight into one buffer.

    /// Appends the header of a string (offset 0x80) or list (offset 0xc0) of `length` payload bytes.
    @inlinable @inline(__always) public static func appendHeader(_ length: Int, offset: UInt8, to out: inout [UInt8]) {
        if length < 56 {
            out.append(offset + UInt8(length))
        } else {
            let w = byteWidth(length)
            out.append(offset + 55 + UInt8(w))
            var i = w
            while i > 0 {
                i -= 1
                out.append(UInt8(truncatingIfNeeded: UInt(length) >> (UInt(i) * 8)))
            }
        }
    }

    @inlinable @inline(__always) public static func appendBytes<C: Collection>(_ b: C, to out: inout [UInt8]) where C.Element == UInt8 {
        if b.count == 1, let f = b.first, f < 0x80 {
            out.append(f)
        } else {
            appendHeader(b.count, offset: 0x80, to: &out)
            out.append(contentsOf: b)
        }
    }

    public static func append(_ item: RLPItem, to out: inout [UInt8]) {
        switch item {
        case .bytes(let b):
            appendBytes(b, to: &out)
        case .list(let l):
            appendHeader(payloadLength(l), offset: 0xc0, to: &out)
            for x in l { append(x, to: &out) }
        }
    }

    // MARK: decoding

    /// Decodes exactly one canonically encoded item spanning all of `data`.
    public static func decode(_ data: [UInt8]) throws(RLPError) -> RLPItem {
        var pos = 0
        let item = try decodeItem(data, &pos, end: data.count, depth: 0)
        guard pos == data.count else { throw .trailingBytes }
        return item
    }

    /// Reads the header at `pos`: whether it is a list, and the payload's bounds.
    /// Checks canonical form and that the payload fits before `end`.
    @inline(__always)
    static func header(_ d: [UInt8], _ pos: Int, end: Int) throws(RLPError) -> (isList: Bool, start: Int, length: Int) {
        guard pos < end else { throw .truncated }
        let b = d[pos]
        switch b {
        case 0x00...0x7f:
            return (false, pos, 1)
        case 0x80...0xb7, 0xc0...0xf7:
            let isList = b >= 0xc0
            let len = Int(b - (isList ? 0xc0 : 0x80))
            let start = pos + 1
            guard len <= end - start else { throw .truncated }
            if !isList && len == 1 && d[start] < 0x80 { throw .nonCanonicalSingleByte }
            return (isList, start, len)
        default: // 0xb8...0xbf, 0xf8...0xff: long form
            let isList = b >= 0xf8
            let w = Int(b - (isList ? 0xf7 : 0xb7))      // 1...8 length bytes
            let lenStart = pos + 1
            guard w <= end - lenStart else { throw .truncated }
            guard d[lenStart] != 0 else { throw .nonCanonicalLength }
            var len: UInt64 = 0
            for i in lenStart..<(lenStart + w) { len = len << 8 | UInt64(d[i]) }
            guard len >= 56 else { throw .nonCanonicalLength }
            let start = lenStart + w
            // Compare unsigned: a declared length beyond Int.max is simply truncated input.
            guard len <= UInt64(end - start) else { throw .truncated }
            return (isList, start, Int(len))
        }
    }

    static func decodeItem(_ d: [UInt8], _ pos: inout Int, end: Int, depth: Int) throws(RLPError) -> RLPItem {
        let h = try header(d, pos, end: end)
        let payloadEnd = h.start + h.length
        pos = payloadEnd
        if !h.isList {
            return .bytes(Array(d[h.start..<payloadEnd]))
        }
        guard depth < maxDepth else { throw .tooDeep }
        var items: [RLPItem] = []
        var p = h.start
        while p < payloadEnd {
            items.append(try decodeItem(d, &p, end: payloadEnd, depth: depth + 1))
        }
        return .list(items)
    }
}
