import Foundation
import Primitives
import UInt256

/// One line of `porvm exec` output, written by Foundation's `JSONEncoder` (keys sorted, so the
/// line is the same on every run; scripts/fuzz reads it as JSON, never by position).
struct ExecResult: Encodable {
    /// The case's id echoed: a string, an integer, or null.
    enum ID: Encodable {
        case string(String), int(Int), uint(UInt64), null
        init(_ v: Any?) {
            switch v {
            case let s as String: self = .string(s)
            case let n as Int: self = .int(n)
            case let n as UInt64: self = .uint(n)
            default: self = .null
            }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .int(let n): try c.encode(n)
            case .uint(let n): try c.encode(n)
            case .null: try c.encodeNil()
            }
        }
    }

    struct LogEntry: Encodable {
        var address: String
        var topics: [String]
        var data: String
    }

    struct PostAccount: Encodable {
        var balance: String
        var nonce: UInt64
        var code: String
        var codeHash: String
        var storage: [String: String]
    }

    var id: ID
    var status: String
    var reason: String?
    var gasUsed: UInt64
    var output: String
    var logs: [LogEntry]
    var created: String?
    var post: [String: PostAccount] = [:]
    var ops: String?

    init(id: Any?, status: String, reason: String? = nil, gasUsed: UInt64 = 0, output: [UInt8] = [], logs: [Log] = []) {
        self.id = ID(id)
        self.status = status
        self.reason = reason
        self.gasUsed = gasUsed
        self.output = Hex.encode(output, prefix: true)
        self.logs = ExecResult.entries(logs)
    }

    static func entries(_ logs: [Log]) -> [LogEntry] {
        logs.map { LogEntry(address: $0.address.description, topics: $0.topics.map(word32), data: Hex.encode($0.data, prefix: true)) }
    }

    /// A 32-byte word as 0x and 64 digits (topics, code hashes).
    static func word32(_ w: U256) -> String { Hex.encode(w.bigEndianBytes, prefix: true) }

    /// The JSON line.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and containers always encode; the fallback is unreachable in practice.
        guard let data = try? encoder.encode(self) else { return #"{"status":"rejected","reason":"result not encodable"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
