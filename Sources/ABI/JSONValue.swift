import Foundation
import Primitives

/// A parsed JSON document of free-form shape (ABIs, the many artifact layouts). Parsing is
/// Foundation's `JSONSerialization` (RFC 8259, strict UTF-8, nesting bounded at 512 levels, errors
/// instead of traps); this type only gives its `Any` tree a Sendable, Equatable shape.
/// Numbers are kept as decimal text: integers exactly up to 64 bits (and up to 38 significant
/// digits through Foundation's `Decimal`), fractions as Foundation's `Double` prints them.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(parsing text: String) throws {
        try self.init(parsing: Array(text.utf8))
    }

    public init(parsing bytes: [UInt8]) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            // Foundation's reason ("Too many nested arrays or dictionaries around character 513.")
            // without the NSError wrapping, on one line.
            let reason = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "malformed JSON"
            throw ABIError.invalidJSON(MessageText.printable(reason))
        }
        self = try JSONValue(foundation: object)
    }

    /// Foundation's tree, at most 512 levels deep (its limit), so the recursion is bounded.
    init(foundation v: Any) throws {
        switch v {
        case is NSNull: self = .null
        case let s as String: self = .string(s)
        case let n as NSNumber:
            self = type(of: n) == JSONValue.booleanClass ? .bool(n.boolValue) : .number(n.stringValue)
        case let a as [Any]: self = .array(try a.map { try JSONValue(foundation: $0) })
        case let o as [String: Any]: self = .object(try o.mapValues { try JSONValue(foundation: $0) })
        default: throw ABIError.invalidJSON("unexpected value \(type(of: v))")
        }
    }

    /// JSON `true`/`false` come back as NSNumbers of Foundation's boolean class.
    private static let booleanClass = type(of: NSNumber(value: true))

    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var string: String? { if case .string(let s) = self { return s }; return nil }
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var object: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
    public var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var numberText: String? { if case .number(let n) = self { return n }; return nil }
    public var int: Int? { numberText.flatMap { Int($0) } }
}
