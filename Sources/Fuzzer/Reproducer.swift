import Foundation
import ABI
import Primitives
import Scenario

/// For a finding, a scenario file that `porvm scenario` replays (the config's setup, the
/// shrunk calls as transactions, then the broken property as a `property:` step, so that the
/// replay exits 1; for a hook's property, its `ReproducerTail`), and the sequence as JSON beside it.
public enum Reproducer {
    /// Writes `<out>/<property>.scenario.json` and `<out>/<property>.sequence.json`; returns the scenario's path.
    /// `taken`: names already written in this run (two properties may make the same name: `-2` is added).
    public static func write(_ f: Finding, config: FuzzConfig, names: [String: String], to out: String,
                             taken: inout Set<String>) throws -> String {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let stem = String(f.property.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(80))
        var slug = stem
        var n = 1
        while taken.contains(slug) { n += 1; slug = stem + "-\(n)" }
        taken.insert(slug)
        let base = (out.hasSuffix("/") ? out : out + "/") + slug
        let scenario = scenarioText(f, config: config, names: names)
        try Data(scenario.utf8).write(to: URL(fileURLWithPath: base + ".scenario.json"))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(f.sequence).write(to: URL(fileURLWithPath: base + ".sequence.json"))
        return base + ".scenario.json"
    }

    public static func write(_ f: Finding, config: FuzzConfig, names: [String: String], to out: String) throws -> String {
        var taken = Set<String>()
        return try write(f, config: config, names: names, to: out, taken: &taken)
    }

    /// `names`: a live address's hex (as `Address.description`) → its name in the config.
    static func scenarioText(_ f: Finding, config: FuzzConfig, names: [String: String]) -> String {
        var top: [String] = []
        var hasName = false
        for (k, v) in config.embedded.scenarioKeys {
            if k == "name" {
                hasName = true
                top.append("\"name\": " + Doc.quote("reproducer: \(f.property) (from \(v.scalarText ?? "?"))"))
            } else {
                top.append(Doc.quote(k) + ": " + v.json)
            }
        }
        if !hasName { top.insert("\"name\": " + Doc.quote("reproducer: \(f.property)"), at: 0) }
        var steps = config.embedded.setup.map(\.json)
        for (i, c) in f.sequence.calls.enumerated() {
            switch c.kind {
            case .warp: steps.append("{\"warp\": \"+\(c.by)\"}")
            case .roll: steps.append("{\"roll\": \"+\(c.by)\"}")
            case .call:
                var s = "{\"transact\": " + Doc.quote("\(c.contract ?? "").\(c.function ?? "")")
                s += ", \"args\": [" + c.args.map { arg(named($0, names)) }.joined(separator: ", ") + "]"
                s += ", \"from\": " + Doc.quote(c.sender ?? "deployer")
                if !c.value.isZero { s += ", \"value\": \"\(c.value)\"" }
                // A hook's transition property: the last call must do what it did not.
                let last = f.tail.flatMap { i == f.sequence.calls.count - 1 ? $0.lastCall : nil } ?? .asRun
                if last == .mustRevert || last == .asRun && i < f.outcomes.count && f.outcomes[i].hasPrefix("reverted") {
                    s += ", \"expect\": {\"revert\": \"any\"}"
                }
                steps.append(s + "}")
            }
        }
        if let tail = f.tail { steps += tail.steps } else { steps.append("{\"property\": " + Doc.quote(f.property) + "}") }
        return "{\n  " + top.joined(separator: ",\n  ") + ",\n  \"steps\": [\n    " + steps.joined(separator: ",\n    ") + "\n  ]\n}\n"
    }

    /// Addresses of actors and contracts by name (a replay deploys at the same addresses, but names read better).
    static func named(_ v: ABIValue, _ names: [String: String]) -> NamedValue {
        switch v {
        case .address(let a): return names[a.description].map { .name($0) } ?? .value(v)
        case .array(let items): return .list(items.map { named($0, names) })
        case .tuple(let items): return .list(items.map { named($0, names) })
        default: return .value(v)
        }
    }

    enum NamedValue { case name(String), value(ABIValue), list([NamedValue]) }

    static func arg(_ n: NamedValue) -> String {
        switch n {
        case .name(let s): return Doc.quote(s)
        case .value(let v): return ValueText.json(v)
        case .list(let items): return "[" + items.map(arg).joined(separator: ", ") + "]"
        }
    }
}

extension Campaign {
    /// A live address's hex → its name, for reproducers and printing.
    public var addressNames: [String: String] {
        var out: [String: String] = [:]
        for (a, n) in names { out[a.description] = n }
        return out
    }
}
