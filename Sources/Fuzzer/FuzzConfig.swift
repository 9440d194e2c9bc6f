import Foundation
import ABI
import Harness
import Primitives
import Scenario
import UInt256

/// A campaign's config file (README, "Fuzzing contracts"): a scenario's top level (`name`,
/// `fork`, `genesis`, `artifacts`, `accounts`, plug-in keys) with the steps under `setup:`,
/// and the fuzzer's own keys: `actors`, `targets`, `environment`, `properties`, `sequence_length`.
public struct FuzzConfig {
    public static let hostKeys = ["actors", "targets", "environment", "properties", "sequence_length"]

    public struct Target {
        public var bound: Bound
        public var function: ABIFunction
        /// Actors allowed to call it (indexes into `actors`).
        public var senders: [Int]
    }

    public let path: String
    public let embedded: EmbeddedScenario
    public let actors: [Sender]
    public let targets: [Target]
    public let properties: [Property]
    /// Plug-in properties named under `properties:` (`- por: {…}`), checked by campaign hooks.
    public let hooks: [FuzzHookSpec]
    /// The largest forward warp (seconds) and roll (blocks) of one environment action; 0: none.
    public let maxWarp: UInt64
    public let maxRoll: UInt64
    public let sequenceLength: Int

    public var scope: Scope { embedded.scope }

    /// Every property's name: the listed ones and invariant functions, then each hook's.
    public var propertyNames: [String] { properties.map(\.text) + hooks.flatMap(\.propertyNames) }

    /// Reads and checks a config file. Throws `ScenarioError` (one line: file, field, message).
    public static func load(_ path: String, plugins: [ScenarioPlugin], propertyKinds: [FuzzPropertyKind] = []) throws -> FuzzConfig {
        let data: [UInt8]
        do { data = try BoundedFile.read(path, limit: 4 << 20) } catch {
            throw ScenarioError(file: MessageText.printable(path), message: "cannot read the file (or larger than 4 MiB)")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw ScenarioError(file: MessageText.printable(path), message: "not UTF-8 text") }
        return try load(text: text, path: path, plugins: plugins, propertyKinds: propertyKinds)
    }

    public static func load(text: String, path: String, plugins: [ScenarioPlugin], propertyKinds: [FuzzPropertyKind] = []) throws -> FuzzConfig {
        let runner = ScenarioRunner(plugins: plugins, output: { _ in })
        let e = try runner.loadEmbedded(text: text, path: path, stepsKey: "setup", hostKeys: hostKeys)
        do {
            return try FuzzConfig(path: path, embedded: e, propertyKinds: propertyKinds)
        } catch let f as FieldError {
            throw ScenarioError(file: MessageText.printable(path), field: f.path.map(MessageText.printable), line: f.line,
                                message: MessageText.printable(f.message))
        }
    }

    private init(path: String, embedded: EmbeddedScenario, propertyKinds: [FuzzPropertyKind]) throws {
        self.path = path
        self.embedded = embedded
        let scope = embedded.scope
        let h = embedded.host

        // Actors: default every account of the file (the deployer included).
        var actors: [Sender] = []
        if let list = try h.list("actors") {
            guard !list.isEmpty else { throw FieldError(path: "actors", line: h["actors"]?.line, message: "an empty list of actors") }
            for (i, d) in list.enumerated() { actors.append(try scope.sender(d, path: "actors[\(i)]")) }
        } else {
            actors = scope.accountNames.compactMap { n in scope.accounts[n].map { .account($0, n) } }
        }
        self.actors = actors
        let all = Array(actors.indices)

        // Targets: contract names (every state-changing function) or contract.function, optionally with `from:`.
        var targets: [Target] = []
        func functions(of b: Bound) -> [ABIFunction] {
            b.abi.functions.filter { !$0.isReadOnly && !Self.isInvariantName($0.name) }
        }
        if let list = try h.list("targets") {
            for (i, d) in list.enumerated() {
                let path = "targets[\(i)]"
                var text: String
                var senders = all
                if case .map = d {
                    let f = try Fields(d, path: path, prefix: path + ".")
                    try f.only(["call", "from"], in: "a target")
                    text = try f.string("call", what: "contract or contract.function")
                    if let from = try f.list("from") {
                        senders = try from.enumerated().map { j, s in
                            let n = try Fields.string(s, path: f.path("from[\(j)]"), what: "an actor")
                            guard let k = actors.firstIndex(where: { $0.label == n }) else {
                                throw FieldError(path: f.path("from[\(j)]"), line: s.line, message: "'\(n)' is not an actor (actors: \(actors.map(\.label).joined(separator: ", ")))")
                            }
                            return k
                        }
                    }
                } else {
                    text = try Fields.string(d, path: path, what: "contract or contract.function")
                }
                if let b = scope.contracts[text] {
                    let fs = functions(of: b)
                    guard !fs.isEmpty else { throw FieldError(path: path, line: d.line, message: "\(text) has no state-changing function") }
                    targets += fs.map { Target(bound: b, function: $0, senders: senders) }
                } else {
                    let (b, f) = try Self.function(text, scope: scope, path: path, line: d.line)
                    targets.append(Target(bound: b, function: f, senders: senders))
                }
            }
        } else {
            for n in scope.contractNames { if let b = scope.contracts[n] { targets += functions(of: b).map { Target(bound: b, function: $0, senders: all) } } }
        }
        guard !targets.isEmpty else { throw FieldError(path: "targets", line: h.line, message: "nothing to call: no contract with a state-changing function") }
        self.targets = targets

        // Environment: `{warp: max seconds, roll: max blocks}` per action.
        var maxWarp: UInt64 = 0, maxRoll: UInt64 = 0
        if let env = h["environment"] {
            let f = try Fields(env, path: "environment", prefix: "environment.")
            try f.only(["warp", "roll"], in: "environment")
            if let w = f["warp"] { maxWarp = try Numbers.uint64(w, path: "environment.warp", time: true) }
            if let r = f["roll"] { maxRoll = try Numbers.uint64(r, path: "environment.roll") }
        }
        self.maxWarp = maxWarp
        self.maxRoll = maxRoll

        if let n = h["sequence_length"] {
            sequenceLength = try Numbers.smallInt(n, path: "sequence_length", range: 1...1000)
        } else {
            sequenceLength = 20
        }

        // Properties: listed, plus the invariant functions of every target contract.
        var properties: [Property] = []
        var hooks: [FuzzHookSpec] = []
        if let list = try h.list("properties") {
            for (i, d) in list.enumerated() {
                if case .map = d {
                    // `- por: {…}`: a plug-in's battery.
                    let f = try Fields(d, path: "properties[\(i)]", prefix: "properties[\(i)].")
                    let kinds = propertyKinds.map(\.key)
                    guard f.keys.count == 1, let k = f.keys.first, let kind = propertyKinds.first(where: { $0.key == k }) else {
                        throw FieldError(path: "properties[\(i)]", line: d.line, message: "a property is a string, or one of: \(kinds.isEmpty ? "(none)" : kinds.map { "{\($0): …}" }.joined(separator: ", "))")
                    }
                    let path = "properties[\(i)].\(k)"
                    hooks.append(try kind.parse(try Fields(f.require(k, what: "the \(k) battery's settings"), path: path, prefix: path + "."),
                                                scope: scope, actors: actors, path: path))
                    continue
                }
                let t = try Fields.string(d, path: "properties[\(i)]", what: "a property")
                properties.append(try Property(t, scope: scope, path: "properties[\(i)]", line: d.line))
            }
        }
        var seen = Set(properties.map(\.text))
        var contracts: [String] = []
        for t in targets where !contracts.contains(t.bound.name) { contracts.append(t.bound.name) }
        for n in contracts {
            guard let b = scope.contracts[n] else { continue }
            for f in b.abi.functions where Self.isInvariantName(f.name) && f.inputs.isEmpty && f.outputTypes == [.bool] {
                let p = Property(invariant: f, of: b)
                if seen.insert(p.text).inserted { properties.append(p) }
            }
        }
        self.hooks = hooks
        guard !properties.isEmpty || !hooks.isEmpty else {
            throw FieldError(path: "properties", line: h.line, message: "no property to check: list some, or give a target contract echidna_*/invariant_* functions")
        }
        self.properties = properties
    }

    static func isInvariantName(_ n: String) -> Bool { n.hasPrefix("echidna_") || n.hasPrefix("invariant_") }

    static func function(_ text: String, scope: Scope, path: String, line: Int?) throws -> (Bound, ABIFunction) {
        guard let dot = text.firstIndex(of: "."), let b = scope.contracts[String(text[..<dot])] else {
            throw FieldError(path: path, line: line, message: "'\(text)' is not a contract or contract.function (contracts: \(scope.contractNames.joined(separator: ", ")))")
        }
        let fname = String(text[text.index(after: dot)...])
        let matches = b.abi.functions.filter { $0.name == fname || $0.signature == fname }
        guard matches.count == 1, let f = matches.first else {
            throw FieldError(path: path, line: line, message: matches.isEmpty ? "\(b.name) has no function '\(fname)'"
                             : "\(b.name).\(fname) is overloaded: write its signature (\(matches.map(\.signature).joined(separator: ", ")))")
        }
        return (b, f)
    }
}
