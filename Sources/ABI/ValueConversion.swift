import Primitives
import UInt256

/// Turns Swift values into `ABIValue`s for a given type, so that contracts can be called
/// with plain literals: `Int`, any fixed-width integer, `U256`, `Address`, `Bool`, `String`
/// (text for `string`; decimal, `-decimal` or `0x` hex for integers; `0x` hex for
/// `address`/`bytes`/`bytesM`), `[UInt8]`, Swift arrays for `T[]`/`T[k]`, arrays or Swift
/// tuples for tuples, and `ABIValue` itself (checked against the type).
extension ABIValue {
    public static func from(_ any: Any, as type: ABIType) throws -> ABIValue {
        func mismatch() -> ABIError { .typeMismatch(expected: type.description, got: "\(Swift.type(of: any)) \(any)") }
        if let v = any as? ABIValue { return try v.checked(as: type) }
        switch type {
        case .uint(let m):
            guard let (neg, mag) = integer(any) else { throw mismatch() }
            guard !neg || mag.isZero, mag.bitWidth <= m else {
                throw ABIError.valueOutOfRange(type: type.description, value: "\(any)")
            }
            return .uint(mag)
        case .int(let m):
            guard let (neg, mag) = integer(any) else { throw mismatch() }
            let w = neg ? mag.negated : mag
            // The magnitude must fit: for negatives up to 2^(m-1), for positives below it.
            guard mag.bitWidth <= m, neg ? w.isNegative || w.isZero : !w.isNegative, ABI.fitsSigned(w, bits: m) else {
                throw ABIError.valueOutOfRange(type: type.description, value: "\(any)")
            }
            return .int(w)
        case .address:
            if let a = any as? Address { return .address(a) }
            if let s = any as? String {
                guard let a = Address(hex: s) else {
                    throw ABIError.typeMismatch(expected: "address (0x + 40 hex digits)", got: "\"\(s)\"")
                }
                return .address(a)
            }
            if let w = any as? U256, w.bitWidth <= 160 { return .address(Address(word: w)) }
            throw mismatch()
        case .bool:
            guard let b = any as? Bool else { throw mismatch() }
            return .bool(b)
        case .fixedBytes(let m):
            if let w = any as? U256, m == 32 { return .fixedBytes(w.bigEndianBytes) }
            let b: [UInt8]
            if let bytes = any as? [UInt8] { b = bytes }
            else if let s = any as? String { b = try ABI.hex(s) }
            else { throw mismatch() }
            guard b.count == m else { throw ABIError.typeMismatch(expected: type.description, got: "\(b.count) byte(s)") }
            return .fixedBytes(b)
        case .bytes:
            if let b = any as? [UInt8] { return .bytes(b) }
            if let s = any as? String { return .bytes(try ABI.hex(s)) }
            throw mismatch()
        case .string:
            guard let s = any as? String else { throw mismatch() }
            return .string(s)
        case .array(let et, let k):
            let items = try sequence(any, type)
            guard items.count == k else { throw ABIError.typeMismatch(expected: type.description, got: "\(items.count) element(s)") }
            return .array(try items.map { try from($0, as: et) })
        case .dynamicArray(let et):
            return .array(try sequence(any, type).map { try from($0, as: et) })
        case .tuple(let ts):
            let items = try sequence(any, type)
            guard items.count == ts.count else { throw ABIError.typeMismatch(expected: type.description, got: "\(items.count) element(s)") }
            return .tuple(try zip(items, ts).map { try from($0, as: $1) })
        }
    }

    /// Elements of a Swift array, or of a Swift tuple (through reflection).
    static func sequence(_ any: Any, _ type: ABIType) throws -> [Any] {
        if let a = any as? [Any] { return a }
        let m = Mirror(reflecting: any)
        if m.displayStyle == .tuple { return m.children.map(\.value) }
        throw ABIError.typeMismatch(expected: type.description, got: "\(Swift.type(of: any))")
    }

    /// (isNegative, magnitude) of an integer-like Swift value.
    static func integer(_ any: Any) -> (Bool, U256)? {
        switch any {
        case let v as U256: return (false, v)
        case let v as Int: return (v < 0, U256(v.magnitude.toUInt64))
        case let v as Int8: return (v < 0, U256(UInt64(v.magnitude)))
        case let v as Int16: return (v < 0, U256(UInt64(v.magnitude)))
        case let v as Int32: return (v < 0, U256(UInt64(v.magnitude)))
        case let v as Int64: return (v < 0, U256(v.magnitude))
        case let v as UInt: return (false, U256(UInt64(v)))
        case let v as UInt8: return (false, U256(UInt64(v)))
        case let v as UInt16: return (false, U256(UInt64(v)))
        case let v as UInt32: return (false, U256(UInt64(v)))
        case let v as UInt64: return (false, U256(v))
        case let s as String:
            var t = Substring(s.trimmingWhitespace)
            let neg = t.hasPrefix("-")
            if neg { t = t.dropFirst() }
            if t.hasPrefix("0x") || t.hasPrefix("0X") {
                guard let v = U256(hex: String(t)) else { return nil }
                return (neg && !v.isZero, v)
            }
            guard let v = U256(decimal: String(t.filter { $0 != "_" })) else { return nil }
            return (neg && !v.isZero, v)
        default: return nil
        }
    }

    /// Checks that a ready-made value fits `type` (lengths, ranges), converting where the
    /// meaning is unambiguous (a non-negative `.int` for a `uint`, bytes for `bytes`).
    public func checked(as type: ABIType) throws -> ABIValue {
        func mismatch() -> ABIError { .typeMismatch(expected: type.description, got: kindName) }
        switch (type, self) {
        case (.uint(let m), .uint(let v)), (.uint(let m), .int(let v)):
            guard !(self.isIntCase && v.isNegative), v.bitWidth <= m else {
                throw ABIError.valueOutOfRange(type: type.description, value: description)
            }
            return .uint(v)
        case (.int(let m), .int(let v)), (.int(let m), .uint(let v)):
            if case .uint = self, v.isNegative { throw ABIError.valueOutOfRange(type: type.description, value: description) }
            guard ABI.fitsSigned(v, bits: m) else { throw ABIError.valueOutOfRange(type: type.description, value: description) }
            return .int(v)
        case (.address, .address), (.bool, .bool), (.string, .string), (.bytes, .bytes):
            return self
        case (.bytes, .fixedBytes(let b)): return .bytes(b)
        case (.fixedBytes(let m), .fixedBytes(let b)), (.fixedBytes(let m), .bytes(let b)):
            guard b.count == m else { throw ABIError.typeMismatch(expected: type.description, got: "\(b.count) byte(s)") }
            return .fixedBytes(b)
        case (.array(let et, let k), .array(let items)):
            guard items.count == k else { throw ABIError.typeMismatch(expected: type.description, got: "\(items.count) element(s)") }
            return .array(try items.map { try $0.checked(as: et) })
        case (.dynamicArray(let et), .array(let items)):
            return .array(try items.map { try $0.checked(as: et) })
        case (.tuple(let ts), .tuple(let items)):
            guard items.count == ts.count else { throw ABIError.typeMismatch(expected: type.description, got: "\(items.count) element(s)") }
            return .tuple(try zip(items, ts).map { try $0.checked(as: $1) })
        default:
            throw mismatch()
        }
    }

    var isIntCase: Bool { if case .int = self { return true }; return false }
}

extension UInt {
    var toUInt64: UInt64 { UInt64(self) }
}
