/// Everything that can go wrong in the ABI layer. Thrown, never trapped: every input
/// (type strings, JSON, hex, call data, return data) may come from an untrusted source.
public enum ABIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A type string that is not a canonical (or `uint`/`int`/`tuple` alias) Solidity ABI type.
    case invalidType(String, reason: String)
    /// A signature such as `transfer(address,uint256)` that does not parse.
    case invalidSignature(String, reason: String)
    /// A value that does not fit the type it is encoded as.
    case typeMismatch(expected: String, got: String)
    case valueOutOfRange(type: String, value: String)
    case wrongArgumentCount(function: String, expected: Int, got: Int)
    /// Decoding: the data ends before a value does.
    case truncated(needed: Int, available: Int, at: String)
    /// Decoding: an offset or length that points outside the data or cannot be a size.
    case offsetOutOfRange(offset: String, limit: Int, at: String)
    case lengthOutOfRange(length: String, limit: Int, at: String)
    /// Decoding: bits that must be zero (or a sign extension) are not.
    case dirtyPadding(type: String, at: String)
    case invalidBool(String, at: String)
    case invalidUTF8(at: String)
    /// Decoding: the data needs more work than a well-formed encoding of its size could (overlapping offsets).
    case tooComplex(String)
    case invalidJSON(String)
    case invalidHex(String)
    case unknownFunction(String, available: [String])
    case ambiguousFunction(String, candidates: [String])
    case unknownEvent(String)
    case eventMismatch(String)

    public var description: String {
        switch self {
        case .invalidType(let t, let r): return "invalid ABI type '\(t)': \(r)"
        case .invalidSignature(let s, let r): return "invalid signature '\(s)': \(r)"
        case .typeMismatch(let e, let g): return "type mismatch: expected \(e), got \(g)"
        case .valueOutOfRange(let t, let v): return "value \(v) does not fit in \(t)"
        case .wrongArgumentCount(let f, let e, let g): return "\(f) takes \(e) argument(s), got \(g)"
        case .truncated(let n, let a, let at): return "data truncated at \(at): needs \(n) byte(s), \(a) available"
        case .offsetOutOfRange(let o, let l, let at): return "offset \(o) at \(at) is outside the data (limit \(l))"
        case .lengthOutOfRange(let n, let l, let at): return "length \(n) at \(at) exceeds the data (limit \(l))"
        case .dirtyPadding(let t, let at): return "non-zero padding bits in \(t) value at \(at)"
        case .invalidBool(let v, let at): return "bool at \(at) is \(v), not 0 or 1"
        case .invalidUTF8(let at): return "string at \(at) is not valid UTF-8"
        case .tooComplex(let s): return "encoding too complex to decode: \(s)"
        case .invalidJSON(let s): return "invalid JSON ABI: \(s)"
        case .invalidHex(let s): return "invalid hex: \(s)"
        case .unknownFunction(let n, let a):
            return "no function '\(n)' in the ABI" + (a.isEmpty ? "" : " (available: \(a.joined(separator: ", ")))")
        case .ambiguousFunction(let n, let c):
            return "'\(n)' is overloaded; use the full signature, one of: \(c.joined(separator: ", "))"
        case .unknownEvent(let n): return "no event '\(n)' in the ABI"
        case .eventMismatch(let s): return "log does not match event: \(s)"
        }
    }
}
