import Primitives

/// JSON as the transition tool writes it: objects keep their key order, and the text is laid
/// out as Python's `json.dump(..., indent=4)` lays it out (the execution specs' t8n output), so
/// that the two tools' files can be compared as text as well as values.
public indirect enum JSONOut: Equatable, Sendable {
    case object([(String, JSONOut)])
    case array([JSONOut])
    case string(String)
    case number(Int)
    case bool(Bool)
    case null

    public static func == (a: JSONOut, b: JSONOut) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONOut? {
        if case .object(let fields) = self { return fields.first { $0.0 == key }?.1 }
        return nil
    }

    public func text(indent: Int = 4) -> String {
        var out = ""
        write(to: &out, level: 0, indent: indent)
        return out
    }

    private func write(to out: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let close = String(repeating: " ", count: level * indent)
        switch self {
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in fields.enumerated() {
                out += pad + JSONText.quoted(k) + ": "
                v.write(to: &out, level: level + 1, indent: indent)
                out += i == fields.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(to: &out, level: level + 1, indent: indent)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .string(let s): out += JSONText.quoted(s)
        case .number(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }
}
