/// A Solidity ABI type (the Solidity docs' "Contract ABI Specification", section Types).
/// Parsed from canonical strings such as `uint256`, `bytes32[2][]`, `(address,(bool,string))[]`;
/// `uint`/`int` are read as `uint256`/`int256`. `fixed`/`ufixed` and `function` are not supported.
public indirect enum ABIType: Hashable, Sendable, CustomStringConvertible {
    case uint(Int)              // bits: 8...256, multiple of 8
    case int(Int)
    case address
    case bool
    case fixedBytes(Int)        // 1...32
    case bytes
    case string
    case array(ABIType, Int)    // T[k]
    case dynamicArray(ABIType)  // T[]
    case tuple([ABIType])

    /// Nesting deeper than this is rejected when parsing (protects the stack on hostile strings).
    public static let maxNesting = 64
    /// Static sizes above this are rejected (`uint256[1000000000][1000000000]`).
    public static let maxStaticSize = 1 << 30

    public init(_ text: String) throws {
        var p = TypeParser(text)
        self = try p.parseComplete()
    }

    /// Canonical form, as used in signatures (`uint256`, `(address,bool)[]`).
    public var description: String {
        switch self {
        case .uint(let m): return "uint\(m)"
        case .int(let m): return "int\(m)"
        case .address: return "address"
        case .bool: return "bool"
        case .fixedBytes(let m): return "bytes\(m)"
        case .bytes: return "bytes"
        case .string: return "string"
        case .array(let t, let k): return "\(t)[\(k)]"
        case .dynamicArray(let t): return "\(t)[]"
        case .tuple(let ts): return "(" + ts.map(\.description).joined(separator: ",") + ")"
        }
    }

    /// Dynamic per the spec: bytes, string, T[], and T[k] / tuples containing a dynamic type.
    public var isDynamic: Bool {
        switch self {
        case .bytes, .string, .dynamicArray: return true
        case .array(let t, let k): return k > 0 && t.isDynamic
        case .tuple(let ts): return ts.contains { $0.isDynamic }
        default: return false
        }
    }

    /// Bytes the type takes in the head of an enclosing encoding: 32 for dynamic types (an
    /// offset), the full inline size for static ones. Bounded by `maxStaticSize` at parse time.
    public var headSize: Int {
        if isDynamic { return 32 }
        switch self {
        case .array(let t, let k): return t.headSize * k
        case .tuple(let ts): return ts.reduce(0) { $0 + $1.headSize }
        default: return 32
        }
    }

    /// Nesting depth (1 for elementary types).
    var depth: Int {
        switch self {
        case .array(let t, _), .dynamicArray(let t): return t.depth + 1
        case .tuple(let ts): return (ts.map(\.depth).max() ?? 0) + 1
        default: return 1
        }
    }

    /// Builds a type from a JSON ABI parameter's `type` string and its `components`
    /// (`tuple`, `tuple[]`, `tuple[2][]`...).
    public static func fromJSON(type: String, components: [ABIType]?) throws -> ABIType {
        guard type.hasPrefix("tuple") else { return try ABIType(type) }
        guard let components else { throw ABIError.invalidType(type, reason: "tuple without components") }
        var base = ABIType.tuple(components)
        var rest = Substring(type.dropFirst(5))
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
                throw ABIError.invalidType(type, reason: "unexpected characters after 'tuple'")
            }
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            if inner.isEmpty { base = .dynamicArray(base) }
            else {
                guard inner.allSatisfy({ $0.isASCII && $0.isNumber }), inner.count <= 10, let k = Int(inner) else {
                    throw ABIError.invalidType(type, reason: "bad array size '\(inner)'")
                }
                base = .array(base, k)
            }
            rest = rest[rest.index(after: close)...]
        }
        try base.validateSize(type)
        return base
    }

    func validateSize(_ text: String) throws {
        guard depth <= ABIType.maxNesting else { throw ABIError.invalidType(text, reason: "nested too deeply") }
        guard staticSizeChecked() != nil else { throw ABIError.invalidType(text, reason: "static size too large") }
    }

    /// Head size with overflow checks; nil when above `maxStaticSize`.
    private func staticSizeChecked() -> Int? {
        switch self {
        case .array(let t, let k):
            guard let s = t.staticSizeChecked() else { return nil }
            if t.isDynamic { return 32 }
            let (p, o) = s.multipliedReportingOverflow(by: k)
            return o || p > ABIType.maxStaticSize ? nil : p
        case .tuple(let ts):
            var sum = 0
            for t in ts {
                guard let s = t.staticSizeChecked() else { return nil }
                sum += t.isDynamic ? 32 : s
                if sum > ABIType.maxStaticSize { return nil }
            }
            return isDynamic ? 32 : sum
        case .dynamicArray(let t):
            return t.staticSizeChecked() == nil ? nil : 32
        default: return 32
        }
    }
}

/// Recursive-descent parser over the UTF-8 of a type string.
struct TypeParser {
    let text: String
    let s: [UInt8]
    var i = 0

    init(_ text: String) {
        self.text = text
        self.s = Array(text.utf8)
    }

    mutating func parseComplete() throws -> ABIType {
        let t = try parseType(depth: 0)
        guard i == s.count else { throw fail("unexpected '\(rest)'") }
        try t.validateSize(text)
        return t
    }

    var rest: String { String(decoding: s[min(i, s.count)...], as: UTF8.self) }

    func fail(_ reason: String) -> ABIError { .invalidType(text, reason: reason) }

    mutating func parseType(depth: Int) throws -> ABIType {
        guard depth < ABIType.maxNesting else { throw fail("nested too deeply") }
        var base: ABIType
        if i < s.count && s[i] == UInt8(ascii: "(") {
            i += 1
            var items: [ABIType] = []
            if i < s.count && s[i] == UInt8(ascii: ")") {
                i += 1
            } else {
                while true {
                    items.append(try parseType(depth: depth + 1))
                    guard i < s.count else { throw fail("unclosed '('") }
                    if s[i] == UInt8(ascii: ",") { i += 1; continue }
                    if s[i] == UInt8(ascii: ")") { i += 1; break }
                    throw fail("expected ',' or ')' at '\(rest)'")
                }
            }
            base = .tuple(items)
        } else {
            let start = i
            while i < s.count, isIdentChar(s[i]) { i += 1 }
            let word = String(decoding: s[start..<i], as: UTF8.self)
            base = try elementary(word)
        }
        // Array suffixes, innermost first: `uint8[2][]` is a dynamic array of uint8[2].
        var dims = 0
        while i < s.count && s[i] == UInt8(ascii: "[") {
            i += 1
            let start = i
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 { i += 1 }
            guard i < s.count, s[i] == UInt8(ascii: "]") else { throw fail("bad array suffix at '\(rest)'") }
            let digits = s[start..<i]
            i += 1
            if digits.isEmpty {
                base = .dynamicArray(base)
            } else {
                guard digits.count <= 10, let k = Int(String(decoding: digits, as: UTF8.self)) else {
                    throw fail("array size too large")
                }
                base = .array(base, k)
            }
            dims += 1
            guard depth + dims < ABIType.maxNesting else { throw fail("nested too deeply") }
        }
        return base
    }

    func isIdentChar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == UInt8(ascii: "_")
    }

    func elementary(_ w: String) throws -> ABIType {
        switch w {
        case "": throw fail("missing type name at '\(rest)'")
        case "uint": return .uint(256)
        case "int": return .int(256)
        case "address": return .address
        case "bool": return .bool
        case "bytes": return .bytes
        case "string": return .string
        default: break
        }
        func number(after prefix: String) -> Int? {
            let digits = w.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 3, digits.first != "0",
                  digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(digits)
        }
        if w.hasPrefix("uint") || w.hasPrefix("int") {
            let unsigned = w.hasPrefix("uint")
            guard let m = number(after: unsigned ? "uint" : "int"), m % 8 == 0, (8...256).contains(m) else {
                throw fail("integer width must be 8...256 in steps of 8")
            }
            return unsigned ? .uint(m) : .int(m)
        }
        if w.hasPrefix("bytes") {
            guard let m = number(after: "bytes"), (1...32).contains(m) else { throw fail("bytesM needs 1 <= M <= 32") }
            return .fixedBytes(m)
        }
        if w == "tuple" { throw fail("'tuple' needs components (JSON ABI); write the tuple as (T1,T2)") }
        throw fail("unknown type '\(w)'")
    }
}
