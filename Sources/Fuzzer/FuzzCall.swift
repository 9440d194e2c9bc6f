import ABI
import Primitives
import UInt256

/// One action of a call sequence: a call of a target function by an actor, or an
/// environment action (`warp`/`roll` forward by `by` seconds or blocks).
public struct FuzzCall: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case call, warp, roll }
    public var kind: Kind
    /// The contract's name in the config (`token`).
    public var contract: String?
    /// The function's full signature (`mint(address,uint256)`).
    public var function: String?
    public var args: [ABIValue]
    /// The actor's name.
    public var sender: String?
    /// Wei sent with the call.
    public var value: U256
    /// Seconds (warp) or blocks (roll) moved forward.
    public var by: UInt64

    public static func call(_ contract: String, _ function: String, args: [ABIValue], from sender: String, value: U256 = .zero) -> FuzzCall {
        FuzzCall(kind: .call, contract: contract, function: function, args: args, sender: sender, value: value, by: 0)
    }
    public static func warp(_ seconds: UInt64) -> FuzzCall { FuzzCall(kind: .warp, args: [], value: .zero, by: seconds) }
    public static func roll(_ blocks: UInt64) -> FuzzCall { FuzzCall(kind: .roll, args: [], value: .zero, by: blocks) }

    enum CodingKeys: String, CodingKey { case kind, contract, function, args, sender, value, by }

    public init(kind: Kind, contract: String? = nil, function: String? = nil, args: [ABIValue], sender: String? = nil, value: U256, by: UInt64) {
        self.kind = kind; self.contract = contract; self.function = function; self.args = args
        self.sender = sender; self.value = value; self.by = by
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        contract = try c.decodeIfPresent(String.self, forKey: .contract)
        function = try c.decodeIfPresent(String.self, forKey: .function)
        args = try (c.decodeIfPresent([TaggedValue].self, forKey: .args) ?? []).map(\.value)
        sender = try c.decodeIfPresent(String.self, forKey: .sender)
        let v = try c.decodeIfPresent(String.self, forKey: .value) ?? "0"
        guard let value = U256(decimal: v) else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: c, debugDescription: "bad wei amount '\(v)'")
        }
        self.value = value
        by = try c.decodeIfPresent(UInt64.self, forKey: .by) ?? 0
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        switch kind {
        case .call:
            try c.encodeIfPresent(contract, forKey: .contract)
            try c.encodeIfPresent(function, forKey: .function)
            try c.encode(args.map(TaggedValue.init), forKey: .args)
            try c.encodeIfPresent(sender, forKey: .sender)
            if !value.isZero { try c.encode(value.description, forKey: .value) }
        case .warp, .roll:
            try c.encode(by, forKey: .by)
        }
    }

    /// `token.mint(alice, 7) from minter`, `warp +3600`.
    public var text: String {
        switch kind {
        case .warp: return "warp +\(by)"
        case .roll: return "roll +\(by)"
        case .call:
            let name = function.map { String($0.prefix { $0 != "(" }) } ?? "?"
            var t = "\(contract ?? "?").\(name)(\(args.map(ValueText.text).joined(separator: ", "))) from \(sender ?? "?")"
            if !value.isZero { t += " value \(value)" }
            return t
        }
    }
}

/// A call sequence, as the corpus and the reproducers store it.
public struct CallSequence: Codable, Equatable, Sendable {
    public var calls: [FuzzCall]
    public init(_ calls: [FuzzCall]) { self.calls = calls }
}

/// An ABI value in JSON that decodes without its type: `{"uint": "7"}`, `{"address": "0x…"}`,
/// `{"array": [...]}`. Integers are decimal strings (JSON numbers lose precision past 2^53).
struct TaggedValue: Codable {
    var value: ABIValue
    init(_ v: ABIValue) { value = v }

    private struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch value {
        case .uint(let v): try c.encode(v.description, forKey: Key(stringValue: "uint"))
        case .int(let v): try c.encode(ValueText.signed(v), forKey: Key(stringValue: "int"))
        case .address(let a): try c.encode(a.description, forKey: Key(stringValue: "address"))
        case .bool(let b): try c.encode(b, forKey: Key(stringValue: "bool"))
        case .fixedBytes(let b): try c.encode(Hex.encode(b, prefix: true), forKey: Key(stringValue: "fixedBytes"))
        case .bytes(let b): try c.encode(Hex.encode(b, prefix: true), forKey: Key(stringValue: "bytes"))
        case .string(let s): try c.encode(s, forKey: Key(stringValue: "string"))
        case .array(let items): try c.encode(items.map(TaggedValue.init), forKey: Key(stringValue: "array"))
        case .tuple(let items): try c.encode(items.map(TaggedValue.init), forKey: Key(stringValue: "tuple"))
        }
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard let k = c.allKeys.first, c.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one of uint, int, address, bool, fixedBytes, bytes, string, array, tuple"))
        }
        func bad(_ s: String) -> DecodingError { DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "bad \(k.stringValue) '\(s)'") }
        switch k.stringValue {
        case "uint":
            let s = try c.decode(String.self, forKey: k)
            guard let v = U256(decimal: s) else { throw bad(s) }
            value = .uint(v)
        case "int":
            let s = try c.decode(String.self, forKey: k)
            let neg = s.hasPrefix("-")
            guard let m = U256(decimal: neg ? String(s.dropFirst()) : s) else { throw bad(s) }
            value = .int(neg ? m.negated : m)
        case "address":
            let s = try c.decode(String.self, forKey: k)
            guard let a = Address(hex: s) else { throw bad(s) }
            value = .address(a)
        case "bool": value = .bool(try c.decode(Bool.self, forKey: k))
        case "fixedBytes", "bytes":
            let s = try c.decode(String.self, forKey: k)
            guard let b = Hex.decode(s) else { throw bad(s) }
            value = k.stringValue == "bytes" ? .bytes(b) : .fixedBytes(b)
        case "string": value = .string(try c.decode(String.self, forKey: k))
        case "array": value = .array(try c.decode([TaggedValue].self, forKey: k).map(\.value))
        case "tuple": value = .tuple(try c.decode([TaggedValue].self, forKey: k).map(\.value))
        default: throw bad(k.stringValue)
        }
    }
}

/// ABI values as scenario files write them (decimal integers, 0x hex, true/false).
enum ValueText {
    static func signed(_ v: U256) -> String {
        v.isNegative ? "-" + v.negated.description : v.description
    }

    static func text(_ v: ABIValue) -> String {
        switch v {
        case .uint(let x): return x.description
        case .int(let x): return signed(x)
        case .address(let a): return a.description
        case .bool(let b): return b ? "true" : "false"
        case .fixedBytes(let b), .bytes(let b): return Hex.encode(b, prefix: true)
        case .string(let s): return JSONText.quoted(s)
        case .array(let items), .tuple(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        }
    }

    /// The value as a JSON scenario value.
    static func json(_ v: ABIValue) -> String {
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return JSONText.quoted(s)
        case .array(let items), .tuple(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        default: return "\"" + text(v) + "\""
        }
    }
}
