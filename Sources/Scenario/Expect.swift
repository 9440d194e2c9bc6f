import ABI
import EVM
import Harness
import Primitives
import UInt256

/// What a revert must be.
enum RevertSpec: CustomStringConvertible {
    case any
    case panic(U256)
    /// A custom error by name; arguments checked when given.
    case custom(name: String, args: [ABIValue]?)
    /// `Error(string)` with exactly this message.
    case message(String)

    var description: String { text(Names()) }

    func text(_ names: Names) -> String {
        switch self {
        case .any: return "any revert"
        case .panic(let c): return "Panic(\(c.hexString))"
        case .custom(let n, let a): return n + (a.map { "(" + $0.map(names.show).joined(separator: ", ") + ")" } ?? "")
        case .message(let m): return "Error(\"\(m)\")"
        }
    }

    func matches(_ reason: RevertReason) -> Bool {
        switch (self, reason) {
        case (.any, _): return true
        case (.panic(let c), .panic(let code)): return c == code
        case (.custom(let n, let args), .custom(let name, let sig, let values)):
            guard n == name || n == sig else { return false }
            return args.map { $0 == values } ?? true
        case (.message(let m), .error(let s)): return m == s
        default: return false
        }
    }
}

/// One expected event: its name and the fields to check.
struct EventSpec: CustomStringConvertible {
    struct Field {
        var name: String
        var value: ABIValue
        /// Indexed string/bytes/array: the topic holds keccak256 of these bytes.
        var hashedBytes: [UInt8]?
    }
    var name: String
    var fields: [Field]

    var description: String { text(Names()) }

    func text(_ names: Names) -> String {
        name + "(" + fields.map { "\($0.name): \($0.hashedBytes == nil ? names.show($0.value) : "hash of \($0.value)")" }
            .joined(separator: ", ") + ")"
    }

    func matches(_ ev: DecodedEvent) -> Bool {
        guard ev.name == name else { return false }
        for f in fields {
            guard let actual = ev[f.name] else { return false }
            if let b = f.hashedBytes {
                if actual != .fixedBytes(ABI.keccak256(b)) && actual != .fixedBytes(b) { return false }
            } else if actual != f.value {
                return false
            }
        }
        return true
    }
}

/// Expectations on a call, transaction, deployment or report.
public struct CallExpect {
    var returns: [(index: Int, label: String, value: ABIValue)]?
    var revert: RevertSpec?
    var events: [EventSpec] = []
    var gasBelow: UInt64?

    /// Without expectations: the call must succeed.
    public init() {}

    /// Whether a revert is expected.
    public var expectsRevert: Bool { revert != nil }

    /// Judges an outcome: whether it passed, and the text after the arrow.
    public func judge(_ o: CallOutcome, showValues: Bool, names: Names = Names()) -> (Bool, String) {
        if let revert {
            guard o.reverted else {
                var got = "success"
                if !o.values.isEmpty { got += " returning " + names.render(o.values) }
                return (false, "expected revert \(revert.text(names)), got \(got)")
            }
            let reason = o.revertReason ?? .empty
            guard revert.matches(reason) else {
                return (false, "expected revert \(revert.text(names)), got \(names.renderFailure(o))")
            }
            return (true, "\(names.renderFailure(o)) as expected")
        }
        guard o.succeeded else {
            return (false, "expected success, got \(names.renderFailure(o))")
        }
        var failures: [String] = []
        var notes: [String] = []
        if let returns {
            let mismatch = returns.contains { !(o.values.indices.contains($0.index) && o.values[$0.index] == $0.value) }
            if mismatch {
                let expected = returns.map { ($0.label, names.show($0.value)) }
                let got = returns.map { r in (r.label, o.values.indices.contains(r.index) ? names.show(o.values[r.index]) : "nothing") }
                failures.append("expected returns \(CallExpect.show(expected)), got \(CallExpect.show(got))")
            } else {
                notes.append("returned " + names.render(o.values))
            }
        } else if showValues, !o.values.isEmpty {
            notes.append(names.render(o.values))
        }
        if !events.isEmpty {
            var next = 0
            var missing: EventSpec?
            for spec in events {
                var found = false
                while next < o.events.count {
                    let ev = o.events[next]
                    next += 1
                    if spec.matches(ev) { found = true; break }
                }
                if !found { missing = spec; break }
            }
            if let missing {
                let seen = o.events.isEmpty ? "none" : o.events.map(names.show).joined(separator: "; ")
                failures.append("expected event \(missing.text(names)) (in order), got events: \(seen)")
            } else {
                notes.append("emitted " + events.map(\.name).joined(separator: ", "))
            }
        }
        if let gasBelow {
            if o.gasUsed < gasBelow { notes.append("gas \(o.gasUsed) < \(gasBelow)") }
            else { failures.append("expected gas below \(gasBelow), got \(o.gasUsed)") }
        }
        if !failures.isEmpty { return (false, failures.joined(separator: "; ")) }
        return (true, notes.isEmpty ? "ok (gas \(o.gasUsed))" : notes.joined(separator: ", "))
    }

    /// The expectations with contract addresses replaced (see `ScenarioContext.live`).
    func relocated(_ live: (ABIValue) -> ABIValue) -> CallExpect {
        var e = self
        e.returns = returns?.map { ($0.index, $0.label, live($0.value)) }
        if case .custom(let n, let args?) = revert { e.revert = .custom(name: n, args: args.map(live)) }
        e.events = events.map { ev in
            EventSpec(name: ev.name, fields: ev.fields.map { EventSpec.Field(name: $0.name, value: live($0.value), hashedBytes: $0.hashedBytes) })
        }
        return e
    }

    /// Positional values as `v` or `(a, b)`; named ones as `{name: v, ...}`.
    static func show(_ items: [(label: String, value: String)]) -> String {
        if items.allSatisfy({ $0.label.isEmpty }) {
            return items.count == 1 ? items[0].value : "(" + items.map(\.value).joined(separator: ", ") + ")"
        }
        return "{" + items.map { "\($0.label): \($0.value)" }.joined(separator: ", ") + "}"
    }

}

/// Shows addresses by the scenario's names for them.
public struct Names {
    public var byAddress: [Address: String] = [:]

    public init() {}

    public func show(_ v: ABIValue) -> String {
        switch v {
        case .address(let a): return byAddress[a] ?? a.description
        case .array(let e): return "[" + e.map(show).joined(separator: ", ") + "]"
        case .tuple(let e): return "(" + e.map(show).joined(separator: ", ") + ")"
        case .bytes(let b) where b.count > 32:
            return ABIValue.bytes(Array(b.prefix(16))).description + "…(\(b.count) bytes)"
        default: return v.description
        }
    }

    func show(_ ev: DecodedEvent) -> String {
        ev.name + "(" + zip(ev.names, ev.values).map { $0.isEmpty ? show($1) : "\($0): \(show($1))" }.joined(separator: ", ") + ")"
    }

    public func render(_ values: [ABIValue]) -> String {
        values.count == 1 ? show(values[0]) : "(" + values.map(show).joined(separator: ", ") + ")"
    }

    /// How a failed call ended, each word once: `reverted ReservesExceeded(161, 160)`,
    /// `reverted without data`, `halted: out of gas`.
    public func renderFailure(_ o: CallOutcome) -> String {
        guard o.status == .revert else { return "halted: \(o.status)" }
        if case .empty = o.revertReason ?? .empty { return "reverted without data" }
        return "reverted " + render(o.revertReason ?? .empty)
    }

    func render(_ r: RevertReason) -> String {
        switch r {
        case .panic(let c): return "Panic(\(c.hexString))"
        case .custom(let n, _, let args): return n + "(" + args.map(show).joined(separator: ", ") + ")"
        default: return r.description
        }
    }
}
