import Foundation
import Yams

/// A scenario file read into a small tree that keeps what the checks need: whether a scalar
/// was quoted, and the line of every node (for error messages).
public indirect enum Doc {
    case scalar(String, plain: Bool, line: Int?)
    case list([Doc], line: Int?)
    case map([(key: String, value: Doc)], line: Int?)

    public var line: Int? {
        switch self {
        case .scalar(_, _, let l), .list(_, let l), .map(_, let l): return l
        }
    }

    /// A plain `~`, `null` or empty scalar (YAML's null; JSON's `null`).
    public var isNull: Bool {
        if case .scalar(let s, true, _) = self { return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL" }
        return false
    }

    public var scalarText: String? { if case .scalar(let s, _, _) = self { return s }; return nil }

    /// What kind of node this is, for "expected X, got Y" messages.
    public var kindDescription: String {
        switch self {
        case .scalar(let s, let plain, _):
            if isNull { return "nothing (null)" }
            return plain ? "`\(s)`" : "\"\(s)\""
        case .list(let items, _): return "a list of \(items.count)"
        case .map: return "a mapping"
        }
    }

    /// Short rendering for step lines.
    public var compact: String {
        switch self {
        case .scalar(let s, _, _): return s
        case .list(let items, _): return "[" + items.map(\.compact).joined(separator: ", ") + "]"
        case .map(let pairs, _): return "{" + pairs.map { "\($0.key): \($0.value.compact)" }.joined(separator: ", ") + "}"
        }
    }

    /// Bounds on what a scenario file may hold, so that no file can exhaust memory: YAML
    /// aliases let 500 bytes name billions of nodes (each alias level multiplies), so the tree
    /// is measured as it is built, aliases expanded, and refused past these.
    static let maxFileBytes = 4 << 20
    static let maxNodes = 100_000
    static let maxScalarBytes = 8 << 20

    /// What is left of the bounds while a tree is built.
    struct Budget {
        var nodes = Doc.maxNodes
        var scalarBytes = Doc.maxScalarBytes

        mutating func take(_ node: Node) throws {
            nodes -= 1
            if case .scalar(let s) = node { scalarBytes -= s.string.utf8.count }
            guard nodes >= 0, scalarBytes >= 0 else {
                throw FieldError(path: nil, line: node.mark?.line, message:
                    "the file expands (YAML aliases included) to more than \(Doc.maxNodes) nodes or \(Doc.maxScalarBytes >> 20) MiB of text")
            }
        }
    }

    /// Reads YAML or JSON text (JSON files are first checked as strict JSON, so that a JSON
    /// mistake is reported as one).
    static func parse(text: String, isJSON: Bool) throws -> Doc {
        if isJSON {
            do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) } catch {
                let ns = error as NSError
                let detail = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
                throw FieldError(path: nil, line: nil, message: "invalid JSON: \(detail)")
            }
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let e as YamlError {
            throw FieldError(path: nil, line: nil, message: (isJSON ? "invalid JSON: " : "invalid YAML: ") + yamlMessage(e))
        } catch {
            throw FieldError(path: nil, line: nil, message: (isJSON ? "invalid JSON: " : "invalid YAML: ") + "\(error)")
        }
        guard let node else { throw FieldError(path: nil, line: nil, message: "the file is empty") }
        var budget = Budget()
        return try convert(node, depth: 0, budget: &budget)
    }

    static func yamlMessage(_ e: YamlError) -> String {
        // Yams' description holds a snippet over several lines; keep the first one.
        let text = "\(e)"
        return text.split(separator: "\n").first.map(String.init) ?? text
    }

    static func convert(_ node: Node, depth: Int, budget: inout Budget) throws -> Doc {
        guard depth < 64 else { throw FieldError(path: nil, line: node.mark?.line, message: "nesting deeper than 64 levels") }
        try budget.take(node)
        switch node {
        case .scalar(let s):
            return .scalar(s.string, plain: s.style == .plain || s.style == .any, line: s.mark?.line)
        case .sequence(let seq):
            var items: [Doc] = []
            for item in seq { items.append(try convert(item, depth: depth + 1, budget: &budget)) }
            return .list(items, line: seq.mark?.line)
        case .mapping(let m):
            var pairs: [(key: String, value: Doc)] = []
            var seen = Set<String>()
            for (k, v) in m {
                guard case .scalar(let ks) = k else {
                    throw FieldError(path: nil, line: k.mark?.line, message: "a mapping key must be a plain name, not a list or mapping")
                }
                if !seen.insert(ks.string).inserted {
                    throw FieldError(path: ks.string, line: ks.mark?.line, message: "duplicate key '\(ks.string)'")
                }
                pairs.append((ks.string, try convert(v, depth: depth + 1, budget: &budget)))
            }
            return .map(pairs, line: m.mark?.line)
        case .alias(let a):
            throw FieldError(path: nil, line: a.mark?.line, message: "unresolved YAML alias")
        }
    }
}

/// A problem in one field of a scenario file: `path` is the field (`args[1]`, `expect.returns`),
/// the line is the file's.
public struct FieldError: Error {
    public var path: String?
    public var line: Int?
    public var message: String

    public init(path: String?, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
}

/// A file could not be read or is malformed: names the file, the step and the field.
public struct ScenarioError: Error, CustomStringConvertible, Sendable {
    public var file: String
    /// 1-based step number, nil for top-level fields.
    public var step: Int?
    public var field: String?
    public var line: Int?
    public var message: String

    public init(file: String, step: Int? = nil, field: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.step = step
        self.field = field
        self.line = line
        self.message = message
    }

    public var description: String {
        var where_ = file
        if let line { where_ += ":\(line)" }
        var parts = [where_]
        if let step { parts.append("step \(step)") }
        if let field { parts.append("field '\(field)'") }
        return parts.joined(separator: ", ") + ": " + message
    }
}

/// A mapping with the lookups the step parsers need; records which keys were read so that
/// unknown keys can be reported.
public struct Fields {
    public let pairs: [(key: String, value: Doc)]
    public let line: Int?
    /// Prefix of the field paths in errors (`expect.` for the keys of `expect`).
    public let prefix: String

    public init(_ doc: Doc, path: String, prefix: String = "") throws {
        guard case .map(let p, let l) = doc else {
            throw FieldError(path: path.isEmpty ? nil : path, line: doc.line, message: "expected a mapping, got \(doc.kindDescription)")
        }
        pairs = p
        line = l
        self.prefix = prefix
    }

    public func path(_ key: String) -> String { prefix + key }
    public var keys: [String] { pairs.map(\.key) }

    public subscript(_ key: String) -> Doc? {
        guard let v = pairs.first(where: { $0.key == key })?.value, !v.isNull else { return nil }
        return v
    }
    public func has(_ key: String) -> Bool { pairs.contains { $0.key == key } }

    public func require(_ key: String, what: String) throws -> Doc {
        guard let v = self[key] else { throw FieldError(path: path(key), line: line, message: "missing \(what)") }
        return v
    }

    public func string(_ key: String, what: String) throws -> String {
        try Fields.string(require(key, what: what), path: path(key), what: what)
    }

    public func optionalString(_ key: String, what: String) throws -> String? {
        guard let v = self[key] else { return nil }
        return try Fields.string(v, path: path(key), what: what)
    }

    public static func string(_ v: Doc, path: String, what: String) throws -> String {
        guard case .scalar(let s, _, _) = v, !v.isNull else {
            throw FieldError(path: path, line: v.line, message: "expected \(what), got \(v.kindDescription)")
        }
        return s
    }

    public func list(_ key: String) throws -> [Doc]? {
        guard let v = self[key] else { return nil }
        guard case .list(let items, _) = v else {
            throw FieldError(path: path(key), line: v.line, message: "expected a list, got \(v.kindDescription)")
        }
        return items
    }

    public func only(_ allowed: [String], in what: String) throws {
        for k in keys where !allowed.contains(k) {
            let line = pairs.first { $0.key == k }?.value.line ?? self.line
            throw FieldError(path: path(k), line: line,
                             message: "unknown field '\(k)' in \(what) (allowed: \(allowed.joined(separator: ", ")))")
        }
    }
}
