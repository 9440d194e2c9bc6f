import Primitives
import UInt256

/// Why a call reverted, decoded from its return data.
public enum RevertReason: Hashable, Sendable, CustomStringConvertible {
    /// No return data (`revert()`, `require(x)` without message, or an exceptional halt).
    case empty
    /// `Error(string)`: `require(x, "reason")` / `revert("reason")`.
    case error(String)
    /// `Panic(uint256)`: assert failures, overflow, division by zero, bad array index...
    case panic(code: U256)
    /// A custom error of a known ABI.
    case custom(name: String, signature: String, arguments: [ABIValue])
    /// Anything else (unknown selector, malformed payload).
    case raw([UInt8])

    public static let errorSelector: [UInt8] = [0x08, 0xc3, 0x79, 0xa0]   // Error(string)
    public static let panicSelector: [UInt8] = [0x4e, 0x48, 0x7b, 0x71]   // Panic(uint256)

    /// Decodes revert data, trying `Error(string)`, `Panic(uint256)`, then the custom errors
    /// of `abis` (first match wins); otherwise `.raw`.
    public init(data: [UInt8], abis: [ContractABI] = []) {
        guard !data.isEmpty else { self = .empty; return }
        guard data.count >= 4 else { self = .raw(data); return }
        let selector = Array(data.prefix(4))
        let body = Array(data.dropFirst(4))
        if selector == RevertReason.errorSelector, let v = try? ABI.decode(body, as: [.string]), let s = v[0].stringValue {
            self = .error(s); return
        }
        if selector == RevertReason.panicSelector, let v = try? ABI.decode(body, as: [.uint(256)]), let c = v[0].u256 {
            self = .panic(code: c); return
        }
        for abi in abis {
            if let e = abi.error(selector: selector), let args = try? ABI.decode(body, as: e.inputs.map(\.type)) {
                self = .custom(name: e.name, signature: e.signature, arguments: args); return
            }
        }
        self = .raw(data)
    }

    /// The message of `Error(string)`, if that is what it is.
    public var message: String? { if case .error(let s) = self { return s }; return nil }

    /// What the Solidity compiler means by a panic code (Solidity docs, "Panic via assert and Error via require").
    public static func panicMeaning(_ code: U256) -> String {
        guard code.fitsInUInt64 else { return "unknown panic code \(code.hexString)" }
        switch code.w0 {
        case 0x00: return "generic compiler inserted panic"
        case 0x01: return "assertion failed"
        case 0x11: return "arithmetic overflow or underflow"
        case 0x12: return "division or modulo by zero"
        case 0x21: return "conversion to an invalid enum value"
        case 0x22: return "access to an incorrectly encoded storage byte array"
        case 0x31: return "pop() on an empty array"
        case 0x32: return "array index out of bounds"
        case 0x41: return "out of memory (allocation too large)"
        case 0x51: return "call to a zero-initialized internal function variable"
        default: return "unknown panic code \(code.hexString)"
        }
    }

    public var description: String {
        switch self {
        case .empty: return "reverted without data"
        case .error(let s): return "Error(\"\(s)\")"
        case .panic(let c): return "Panic(\(c.hexString)): \(RevertReason.panicMeaning(c))"
        case .custom(let n, _, let args): return n + "(" + args.map(\.description).joined(separator: ", ") + ")"
        case .raw(let b): return "revert data " + Hex.encode(b, prefix: true)
        }
    }

    /// Encodes `Error(string)` revert data (for tests and mocks).
    public static func encodeError(_ message: String) -> [UInt8] {
        errorSelector + ((try? ABI.encode([.string(message)], as: [.string])) ?? [])
    }

    public static func encodePanic(_ code: UInt64) -> [UInt8] {
        panicSelector + U256(code).bigEndianBytes
    }
}
