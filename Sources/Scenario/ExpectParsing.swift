import ABI
import EVM
import Harness
import UInt256
import Primitives

/// Reading the expectations of a step (`expect:` with returns, revert, revert_args, events,
/// gas_below), typed by the ABIs of the contracts known at that step.
extension Scope {
    public func callExpect(_ doc: Doc, path: String, function: ABIFunction?, extraABIs: [ContractABI], allowReturns: Bool) throws -> CallExpect {
        let f = try Fields(doc, path: path, prefix: path + ".")
        try f.only(allowReturns ? ["returns", "revert", "revert_args", "events", "gas_below"]
                   : ["revert", "revert_args", "events", "gas_below"], in: path)
        return try callExpect(f, function: function, extraABIs: extraABIs)
    }

    public func callExpect(_ f: Fields, function: ABIFunction?, extraABIs: [ContractABI]) throws -> CallExpect {
        var e = CallExpect()
        let abis = extraABIs + allABIs
        if let r = f["revert"] {
            e.revert = try revertSpec(r, args: f["revert_args"], path: f.path("revert"), argsPath: f.path("revert_args"), abis: abis)
        } else if let a = f["revert_args"] {
            throw FieldError(path: f.path("revert_args"), line: a.line, message: "revert_args needs revert: <custom error name>")
        }
        if let r = f["returns"] {
            guard let function else { throw FieldError(path: f.path("returns"), line: r.line, message: "returns applies to calls only") }
            if e.revert != nil { throw FieldError(path: f.path("returns"), line: r.line, message: "a call cannot both revert and return") }
            e.returns = try returns(r, function: function, path: f.path("returns"))
        }
        if let ev = f["events"] {
            if e.revert != nil { throw FieldError(path: f.path("events"), line: ev.line, message: "a reverted call emits no events") }
            e.events = try events(ev, path: f.path("events"), abis: abis)
        }
        if let g = f["gas_below"] { e.gasBelow = try Numbers.uint64(g, path: f.path("gas_below")) }
        return e
    }

    private func errors(named name: String, in abis: [ContractABI]) -> [ABIErrorDefinition] {
        var out: [ABIErrorDefinition] = []
        for abi in abis { for e in abi.errors where (e.name == name || e.signature == name) && !out.contains(e) { out.append(e) } }
        return out
    }

    private func knownErrorNames(_ abis: [ContractABI]) -> String {
        let names = Array(Set(abis.flatMap { $0.errors.map(\.name) })).sorted()
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }

    func revertSpec(_ doc: Doc, args: Doc?, path: String, argsPath: String, abis: [ContractABI]) throws -> RevertSpec {
        let s = try Fields.string(doc, path: path, what: "a custom error name, a revert reason or \"panic 0x11\"")
        let t = s.trimmingWhitespace
        func noArgs() throws {
            if let args { throw FieldError(path: argsPath, line: args.line, message: "revert_args applies to custom errors only") }
        }
        if case .scalar(_, true, _) = doc, t.lowercased() == "true" || t.lowercased() == "any" { try noArgs(); return .any }
        if t.lowercased() == "any" { try noArgs(); return .any }
        if t.lowercased().hasPrefix("panic") {
            try noArgs()
            var code = t.dropFirst(5).trimmingWhitespace
            if code.hasPrefix("(") && code.hasSuffix(")") { code = String(code.dropFirst().dropLast()) }
            guard !code.isEmpty else { return .custom(name: "Panic", args: nil) }
            let n: Number
            switch Numbers.parse(code) {
            case .success(let v): n = v
            case .failure(let why): throw FieldError(path: path, line: doc.line, message: "bad panic code \"\(code)\": \(why.text)")
            }
            return .panic(n.magnitude)
        }
        let isIdentifier: (Substring) -> Bool = { w in
            guard let first = w.first, first.isLetter || first == "_" else { return false }
            return w.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        if let open = t.firstIndex(of: "("), t.hasSuffix(")"), isIdentifier(t[..<open]) {
            let name = String(t[..<open])
            let inner = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            let defs = errors(named: name, in: abis)
            guard !defs.isEmpty else {
                throw FieldError(path: path, line: doc.line, message: "no custom error '\(name)' in the scenario's contracts (known: \(knownErrorNames(abis)))")
            }
            if let args { throw FieldError(path: argsPath, line: args.line, message: "arguments are already given in revert: \(s)") }
            // Name(type,type): a signature, no arguments to compare.
            if defs.contains(where: { $0.signature == name + "(" + inner.filter { $0 != " " } + ")" }) && !inner.isEmpty
                && inner.split(separator: ",").allSatisfy({ (try? ABIType($0.trimmingWhitespace)) != nil }) {
                return .custom(name: name, args: nil)
            }
            let parts = inner.trimmingWhitespace.isEmpty ? [] : splitTopLevel(inner)
            guard let def = defs.first(where: { $0.inputs.count == parts.count }) else {
                throw FieldError(path: path, line: doc.line, message: "\(name) takes \(defs[0].inputs.count) argument(s), got \(parts.count)")
            }
            let docs = parts.map { p -> Doc in
                var v = p.trimmingWhitespace
                if v.count >= 2, v.hasPrefix("\"") && v.hasSuffix("\"") || v.hasPrefix("'") && v.hasSuffix("'") { v = String(v.dropFirst().dropLast()) }
                return Doc.scalar(v, plain: true, line: doc.line)
            }
            let values = try Convert.arguments(docs, for: def.inputs, signature: def.signature, path: path, line: doc.line, book: self)
            return .custom(name: name, args: values)
        }
        if isIdentifier(Substring(t)), t.first?.isUppercase == true {
            let defs = errors(named: t, in: abis)
            guard !defs.isEmpty else {
                throw FieldError(path: path, line: doc.line, message: "no custom error '\(t)' in the scenario's contracts (known: \(knownErrorNames(abis))); "
                                 + "a revert reason string must be written exactly")
            }
            guard let args else { return .custom(name: t, args: nil) }
            guard case .list(let items, _) = args else {
                throw FieldError(path: argsPath, line: args.line, message: "expected a list, got \(args.kindDescription)")
            }
            guard let def = defs.first(where: { $0.inputs.count == items.count }) else {
                throw FieldError(path: argsPath, line: args.line, message: "\(t) takes \(defs[0].inputs.count) argument(s), got \(items.count)")
            }
            return .custom(name: t, args: try Convert.arguments(items, for: def.inputs, signature: def.signature, path: argsPath, line: args.line, book: self))
        }
        try noArgs()
        return .message(s)
    }

    /// Splits `a, [b, c], d` at the commas outside brackets.
    private func splitTopLevel(_ s: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for c in s {
            if c == "[" || c == "(" { depth += 1 }
            if c == "]" || c == ")" { depth -= 1 }
            if c == ",", depth == 0 { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        return parts
    }

    private func returns(_ doc: Doc, function: ABIFunction, path: String) throws -> [(index: Int, label: String, value: ABIValue)] {
        let outputs = function.outputs
        guard !outputs.isEmpty else {
            throw FieldError(path: path, line: doc.line, message: "\(function.signature) returns nothing")
        }
        switch doc {
        case .map(let pairs, _):
            return try pairs.map { key, value in
                guard let i = outputs.firstIndex(where: { $0.name == key }) else {
                    let names = outputs.map(\.name).filter { !$0.isEmpty }
                    throw FieldError(path: "\(path).\(key)", line: value.line,
                                     message: "\(function.name) has no output '\(key)'" + (names.isEmpty ? " (its outputs are unnamed; give a list)" : " (outputs: \(names.joined(separator: ", ")))"))
                }
                return (i, key, try Convert.abi(value, outputs[i].type, path: "\(path).\(key)", book: self))
            }
        case .list(let items, _) where items.count == outputs.count:
            return try items.enumerated().map { i, item in (i, "", try Convert.abi(item, outputs[i].type, path: "\(path)[\(i)]", book: self)) }
        default:
            if case .list(let items, _) = doc, outputs.count == 1 {
                switch outputs[0].type {
                case .array, .dynamicArray, .tuple: break
                default:
                    throw FieldError(path: path, line: doc.line, message: "\(function.name) returns 1 value, got a list of \(items.count)")
                }
            }
            guard outputs.count == 1 else {
                let count: String
                if case .list(let items, _) = doc { count = "\(items.count)" } else { count = "1" }
                throw FieldError(path: path, line: doc.line, message: "\(function.name) returns \(outputs.count) values, got \(count)")
            }
            return [(0, "", try Convert.abi(doc, outputs[0].type, path: path, book: self))]
        }
    }

    private func events(_ doc: Doc, path: String, abis: [ContractABI]) throws -> [EventSpec] {
        guard case .list(let items, _) = doc else {
            throw FieldError(path: path, line: doc.line, message: "expected a list of events ({Name: {field: value}}), got \(doc.kindDescription)")
        }
        let all = abis.flatMap(\.events)
        return try items.enumerated().map { i, item in
            let p = "\(path)[\(i)]"
            let name: String
            var fieldDocs: [(key: String, value: Doc)] = []
            switch item {
            case .scalar(let s, _, _) where !item.isNull: name = s
            case .map(let pairs, _) where pairs.count == 1:
                name = pairs[0].key
                if !pairs[0].value.isNull {
                    guard case .map(let fp, _) = pairs[0].value else {
                        throw FieldError(path: "\(p).\(name)", line: item.line, message: "expected a mapping of field → value, got \(pairs[0].value.kindDescription)")
                    }
                    fieldDocs = fp
                }
            default:
                throw FieldError(path: p, line: item.line, message: "expected an event name or {Name: {field: value}}, got \(item.kindDescription)")
            }
            let candidates = all.filter { $0.name == name }
            guard !candidates.isEmpty else {
                let known = Array(Set(all.map(\.name))).sorted()
                throw FieldError(path: p, line: item.line, message: "no event '\(name)' in the scenario's contracts (known: \(known.joined(separator: ", ")))")
            }
            guard let def = candidates.first(where: { d in fieldDocs.allSatisfy { fd in d.inputs.contains { $0.name == fd.key } } }) else {
                let missing = fieldDocs.first { fd in !candidates[0].inputs.contains { $0.name == fd.key } }?.key ?? "?"
                throw FieldError(path: "\(p).\(name).\(missing)", line: item.line,
                                 message: "event \(name) has no field '\(missing)' (fields: \(candidates[0].inputs.map(\.name).joined(separator: ", ")))")
            }
            let fields = try fieldDocs.map { key, value -> EventSpec.Field in
                let param = def.inputs.first { $0.name == key }!  // safe: checked above
                let fp = "\(p).\(name).\(key)"
                switch param.type {
                case .uint, .int, .address, .bool, .fixedBytes: break
                default:
                    if param.indexed {
                        let text = try Fields.string(value, path: fp, what: "a string or hex")
                        var bytes = Array(text.utf8)
                        if case .string = param.type {} else {
                            do { bytes = try ABI.hex(text) } catch { throw FieldError(path: fp, line: value.line, message: "expected 0x hex, got \"\(text)\"") }
                        }
                        return EventSpec.Field(name: key, value: .bytes(bytes), hashedBytes: bytes)
                    }
                }
                return EventSpec.Field(name: key, value: try Convert.abi(value, param.type, path: fp, book: self), hashedBytes: nil)
            }
            return EventSpec(name: name, fields: fields)
        }
    }
}
