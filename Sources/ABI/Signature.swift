import Primitives
import UInt256

/// A human-readable signature: `transfer(address,uint256)`, optionally with outputs as
/// `balanceOf(address)(uint256)` or `balanceOf(address) returns (uint256)`. Types are
/// normalised (`uint` → `uint256`), so the selector is that of the canonical form.
public struct FunctionSignature: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var inputs: [ABIType]
    public var outputs: [ABIType]

    public init(name: String, inputs: [ABIType], outputs: [ABIType] = []) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
    }

    public init(_ text: String) throws {
        let t = text.trimmingWhitespace
        guard let open = t.firstIndex(of: "(") else { throw ABIError.invalidSignature(text, reason: "missing '('") }
        let name = String(t[..<open]).trimmingWhitespace
        guard !name.isEmpty, name.utf8.allSatisfy({ c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x24
        }), !(name.first?.isNumber ?? true) else {
            throw ABIError.invalidSignature(text, reason: "bad name '\(name)'")
        }
        // Split "(inputs)" from whatever follows ("", "(outputs)", "returns (outputs)").
        guard let close = FunctionSignature.matchingParen(t, from: open) else {
            throw ABIError.invalidSignature(text, reason: "unbalanced parentheses")
        }
        let inputText = String(t[open...close]).filter { $0 != " " }
        var rest = String(t[t.index(after: close)...]).trimmingWhitespace
        if rest.hasPrefix("returns") { rest = String(rest.dropFirst(7)).trimmingWhitespace }
        do {
            guard case .tuple(let ins) = try ABIType(inputText) else { throw ABIError.invalidSignature(text, reason: "inputs") }
            var outs: [ABIType] = []
            if !rest.isEmpty {
                guard case .tuple(let o) = try ABIType(rest.filter { $0 != " " }) else {
                    throw ABIError.invalidSignature(text, reason: "bad outputs '\(rest)'")
                }
                outs = o
            }
            self.init(name: name, inputs: ins, outputs: outs)
        } catch let e as ABIError {
            if case .invalidSignature = e { throw e }
            throw ABIError.invalidSignature(text, reason: e.description)
        }
    }

    static func matchingParen(_ s: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var i = open
        while i < s.endIndex {
            if s[i] == "(" { depth += 1 }
            if s[i] == ")" { depth -= 1; if depth == 0 { return i } }
            i = s.index(after: i)
        }
        return nil
    }

    /// `name(T1,T2)` in canonical form, as hashed for selectors and topics.
    public var canonical: String { name + "(" + inputs.map(\.description).joined(separator: ",") + ")" }
    public var description: String { canonical }
    public var selector: [UInt8] { Array(Keccak256.hash(Array(canonical.utf8)).prefix(4)) }
    public var topic: U256 { U256(bigEndianBytes: Keccak256.hash(Array(canonical.utf8))) }
}

extension ABI {
    /// First four bytes of keccak256 of the canonical signature: `selector("transfer(address,uint256)")`
    /// is `a9059cbb`. The signature is parsed and normalised first; throws when it does not parse.
    public static func selector(_ signature: String) throws -> [UInt8] {
        try FunctionSignature(signature).selector
    }

    /// topic0 of a non-anonymous event: keccak256 of the canonical signature.
    public static func eventTopic(_ signature: String) throws -> U256 {
        try FunctionSignature(signature).topic
    }

    public static func keccak256(_ bytes: [UInt8]) -> [UInt8] { Keccak256.hash(bytes) }

    /// Strict hex decoding with a thrown `ABIError.invalidHex`.
    public static func hex(_ text: String) throws -> [UInt8] {
        do { return try Hex.decodeStrict(text) } catch { throw ABIError.invalidHex(error.description) }
    }
}
