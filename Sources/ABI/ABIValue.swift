import Primitives
import UInt256

/// A value of an `ABIType`. Integers are 256-bit words: `.int` holds the two's complement
/// bits sign-extended to 256 (so `-1` is `U256.max` whatever the declared width).
public indirect enum ABIValue: Hashable, Sendable, CustomStringConvertible {
    case uint(U256)
    case int(U256)
    case address(Address)
    case bool(Bool)
    case fixedBytes([UInt8])
    case bytes([UInt8])
    case string(String)
    /// Elements of `T[k]` or `T[]`.
    case array([ABIValue])
    case tuple([ABIValue])

    /// A signed value from a Swift integer.
    public static func signed(_ v: Int) -> ABIValue {
        .int(v < 0 ? U256(UInt64(bitPattern: Int64(v))) | U256(w0: 0, w1: ~0, w2: ~0, w3: ~0) : U256(UInt64(v)))
    }

    public static func unsigned(_ v: UInt64) -> ABIValue { .uint(U256(v)) }

    // MARK: reading back

    /// The word of a `uint`/`int` (two's complement for negatives).
    public var u256: U256? {
        switch self {
        case .uint(let v), .int(let v): return v
        case .address(let a): return a.word
        case .fixedBytes(let b) where b.count == 32: return U256(bigEndianBytes: b)
        default: return nil
        }
    }

    /// As a Swift `Int` when it fits (negative for `int` values).
    public var intValue: Int? {
        switch self {
        case .uint(let v):
            return v.fitsInUInt64 && v.w0 <= UInt64(Int.max) ? Int(v.w0) : nil
        case .int(let v):
            if v.isNegative {
                let m = v.negated
                guard m.fitsInUInt64, m.w0 <= UInt64(Int.max) + 1 else { return nil }
                return m.w0 == UInt64(Int.max) + 1 ? Int.min : -Int(m.w0)
            }
            return v.fitsInUInt64 && v.w0 <= UInt64(Int.max) ? Int(v.w0) : nil
        default: return nil
        }
    }

    public var uint64Value: UInt64? {
        if case .uint(let v) = self, v.fitsInUInt64 { return v.w0 }
        if case .int(let v) = self, v.fitsInUInt64 { return v.w0 }
        return nil
    }

    public var address: Address? { if case .address(let a) = self { return a }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// Contents of `bytes` or `bytesM`.
    public var bytesValue: [UInt8]? {
        switch self {
        case .bytes(let b), .fixedBytes(let b): return b
        default: return nil
        }
    }
    /// Elements of an array or tuple.
    public var elements: [ABIValue]? {
        switch self {
        case .array(let e), .tuple(let e): return e
        default: return nil
        }
    }

    /// Signed decimal for `.int`, decimal for `.uint`, hex for bytes and addresses.
    public var description: String {
        switch self {
        case .uint(let v): return v.description
        case .int(let v): return v.isNegative ? "-" + v.negated.description : v.description
        case .address(let a): return a.description
        case .bool(let b): return b ? "true" : "false"
        case .fixedBytes(let b), .bytes(let b): return Hex.encode(b, prefix: true)
        case .string(let s): return "\"" + s + "\""
        case .array(let e): return "[" + e.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let e): return "(" + e.map(\.description).joined(separator: ", ") + ")"
        }
    }

    /// Short name of the case, for error messages.
    var kindName: String {
        switch self {
        case .uint: return "uint"
        case .int: return "int"
        case .address: return "address"
        case .bool: return "bool"
        case .fixedBytes(let b): return "bytes\(b.count)"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array(let e): return "array of \(e.count)"
        case .tuple(let e): return "tuple of \(e.count)"
        }
    }
}
