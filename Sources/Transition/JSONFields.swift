import Foundation
import Primitives
import UInt256

/// Reading the transition tool's JSON: numbers are `0x` hex strings or decimal (strings or JSON
/// numbers), as the execution specs' `parse_hex_or_int` and geth's `math.HexOrDecimal` accept;
/// byte strings are `0x` hex. Every problem is a `T8nError` naming the field.
struct JSONFields {
    let object: [String: Any]
    /// Where the object sits in the input, for messages ("env", "txs[3]").
    let path: String

    init(_ value: Any?, path: String) throws(T8nError) {
        guard let o = value as? [String: Any] else { throw T8nError("\(path) must be a JSON object") }
        object = o
        self.path = path
    }

    func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

    func word(_ key: String) throws(T8nError) -> U256 {
        guard let v = object[key], !(v is NSNull) else { throw T8nError("\(path).\(key) is missing") }
        return try Self.word(v, "\(path).\(key)")
    }

    func optionalWord(_ key: String) throws(T8nError) -> U256? { has(key) ? try word(key) : nil }

    func uint64(_ key: String) throws(T8nError) -> UInt64 {
        let w = try word(key)
        guard w.fitsInUInt64 else { throw T8nError("\(path).\(key) does not fit in 64 bits") }
        return w.w0
    }

    func optionalUInt64(_ key: String) throws(T8nError) -> UInt64? { has(key) ? try uint64(key) : nil }

    func bytes(_ key: String) throws(T8nError) -> [UInt8] {
        guard let v = object[key], !(v is NSNull) else { throw T8nError("\(path).\(key) is missing") }
        return try Self.bytes(v, "\(path).\(key)")
    }

    func address(_ key: String) throws(T8nError) -> Address {
        guard let v = object[key], !(v is NSNull) else { throw T8nError("\(path).\(key) is missing") }
        return try Self.address(v, "\(path).\(key)")
    }

    /// A hex or decimal number: "0x..." is hex (any number of leading zeros), anything else decimal.
    static func word(_ value: Any, _ field: String) throws(T8nError) -> U256 {
        if let n = value as? NSNumber {   // true and false read as 1 and 0, as Python's int() reads them
            guard n.int64Value >= 0, n.stringValue == String(n.int64Value) else { throw T8nError("\(field): \(n) is not a natural number") }
            return U256(UInt64(n.int64Value))
        }
        guard let s = value as? String else { throw T8nError("\(field) must be a number or a hex string") }
        let t = s.trimmingWhitespace
        if t.hasPrefix("0x") || t.hasPrefix("0X") {
            var digits = Substring(t.dropFirst(2))
            while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
            if digits.isEmpty { return .zero }
            guard digits.count <= 64, let v = U256(hex: String(digits)) else {
                throw T8nError("\(field): bad hex number '\(s.prefix(80))'")
            }
            return v
        }
        guard !t.isEmpty, t.count <= 78, let v = U256(decimal: t) else {
            throw T8nError("\(field): bad number '\(s.prefix(80))'")
        }
        return v
    }

    static func bytes(_ value: Any, _ field: String) throws(T8nError) -> [UInt8] {
        guard let s = value as? String else { throw T8nError("\(field) must be a hex string") }
        do { return try Hex.decodeStrict(s) } catch { throw T8nError("\(field): \(error)") }
    }

    static func address(_ value: Any, _ field: String) throws(T8nError) -> Address {
        let b = try bytes(value, field)
        guard b.count == 20 else { throw T8nError("\(field): an address has 20 bytes, not \(b.count)") }
        return Address(b)
    }

    /// A 32-byte value (hash, storage key, randao) as hex of at most 64 digits, odd counts
    /// allowed (the specs' tool pads them), read as a big-endian number.
    static func word32(_ value: Any, _ field: String) throws(T8nError) -> U256 {
        guard let s = value as? String else { throw T8nError("\(field) must be a hex string") }
        var digits = Substring(s.trimmingWhitespace)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        while digits.count > 1 && digits.first == "0" { digits = digits.dropFirst() }
        if digits.isEmpty { return .zero }
        guard digits.count <= 64, let v = U256(hex: String(digits)) else {
            throw T8nError("\(field): bad 32-byte hex '\(s.prefix(80))'")
        }
        return v
    }
}

/// Parses JSON text into Foundation values; a syntax error is a `T8nError` naming the input.
enum JSONInput {
    static func parse(_ bytes: [UInt8], name: String) throws(T8nError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw T8nError("\(name) is not valid JSON")
        }
    }
}
