import Foundation
import Primitives
import EVM
import Harness
import UInt256

/// A file of another tool (a fuzzing campaign's config) whose setup is a list of scenario
/// steps: the steps read and checked like a scenario's, the tool's own keys handed back.
public struct EmbeddedScenario {
    public let loaded: LoadedScenario
    /// The names bound once every setup step was read (contracts at stand-in addresses).
    public let scope: Scope
    /// The tool's own top-level keys (those in `hostKeys`), unread.
    public let host: Fields
    /// The setup steps as written (a reproducer repeats them).
    public let setup: [Doc]
    /// The scenario keys as written (`name`, `fork`, `genesis`, `accounts`, …), `artifacts` made absolute.
    public let scenarioKeys: [(key: String, value: Doc)]
}

extension ScenarioRunner {
    /// Reads `text` as a scenario whose steps are under `stepsKey` and whose other top-level
    /// keys are scenario keys or one of `hostKeys`. Throws `ScenarioError` naming file and field.
    public func loadEmbedded(text: String, path: String, stepsKey: String, hostKeys: [String]) throws -> EmbeddedScenario {
        var step: Int?
        do {
            let doc = try Doc.parse(text: text, isJSON: path.lowercased().hasSuffix(".json"))
            guard case .map(let pairs, let line) = doc else {
                throw FieldError(path: nil, line: doc.line, message: "expected a mapping, got \(doc.kindDescription)")
            }
            let allowed = TopLevel.keys + registry.topLevelKeys + [stepsKey] + hostKeys
            for p in pairs where !allowed.contains(p.key) {
                throw FieldError(path: p.key, line: p.value.line, message: "unknown field '\(p.key)' (allowed: \(allowed.joined(separator: ", ")))")
            }
            var own: [(key: String, value: Doc)] = []
            var host: [(key: String, value: Doc)] = []
            var hasName = false
            for p in pairs {
                if hostKeys.contains(p.key) { host.append(p); continue }
                if p.key == "name" { hasName = true }
                own.append(p.key == stepsKey ? (key: "steps", value: p.value) : p)
            }
            if !hasName { own.insert((key: "name", value: .scalar((path as NSString).lastPathComponent, plain: false, line: line)), at: 0) }
            if !own.contains(where: { $0.key == "steps" }) {
                throw FieldError(path: stepsKey, line: line, message: "missing the list of \(stepsKey) steps")
            }
            let scope = Scope(file: path)
            let top = try TopLevel.read(.map(own, line: line), scope: scope, registry: registry)
            var steps: [ScenarioStep] = []
            for (i, d) in top.steps.enumerated() {
                step = i + 1
                steps.append(try parseStep(d, scope: scope))
            }
            step = nil
            let loaded = LoadedScenario(path: path, name: top.name, fork: scope.fork, genesis: scope.genesis,
                                        accounts: scope.genesisAccounts, steps: steps)
            let base = (path as NSString).deletingLastPathComponent
            let keys = own.filter { $0.key != "steps" }.map { p -> (key: String, value: Doc) in
                guard p.key == "artifacts" else { return p }
                return (key: p.key, value: Self.absolute(p.value, base: base))
            }
            return EmbeddedScenario(loaded: loaded, scope: scope, host: try Fields(.map(host, line: line), path: ""),
                                    setup: top.steps, scenarioKeys: keys)
        } catch let e as FieldError {
            throw ScenarioError(file: path, step: step, field: e.path, line: e.line, message: e.message).printable
        } catch let e as ScenarioError {
            throw e.printable
        } catch {
            throw ScenarioError(file: path, step: step, message: "\(error)").printable
        }
    }

    private static func absolute(_ doc: Doc, base: String) -> Doc {
        func fix(_ d: Doc) -> Doc {
            guard case .scalar(let s, let plain, let l) = d, !s.hasPrefix("/") else { return d }
            let abs = URL(fileURLWithPath: base.isEmpty ? s : base + "/" + s).standardizedFileURL.path
            return .scalar(abs, plain: plain, line: l)
        }
        if case .list(let items, let l) = doc { return .list(items.map(fix), line: l) }
        return fix(doc)
    }

    /// Runs a loaded scenario's steps on a new chain and hands back the live context (to go on
    /// from that state). `failure` is the first failed step's line, if any; steps after it do not run.
    /// Call it on a thread with a deep stack (`DeepStack.run`).
    public func start(_ scenario: LoadedScenario, mode: Chain.ExecutionMode = .transactions) -> (context: ScenarioContext, failure: String?) {
        let g = scenario.genesis
        let chain = Chain(fork: scenario.fork, chainId: g.chainId, mode: mode, accountNames: ["deployer"],
                          initialBalance: Scope.defaultBalance, timestamp: g.timestamp, blockNumber: g.block)
        for (account, balance) in scenario.accounts {
            if account.name == "deployer" {
                if let balance { chain.deal(account, balance) }
            } else {
                chain.addAccount(account, balance: balance ?? Scope.defaultBalance)
            }
        }
        let context = ScenarioContext(chain: chain)
        for (i, s) in scenario.steps.enumerated() {
            let outcome: StepOutcome
            do { outcome = try s.run(in: context) } catch { outcome = StepOutcome(ok: false, text: Self.message(error)) }
            if !outcome.ok { return (context, "step \(i + 1) \(s.label) → \(outcome.text)") }
        }
        return (context, nil)
    }
}

extension Doc {
    /// The tree as JSON text (JSON is YAML too): plain scalars that JSON reads as they are
    /// (numbers, booleans, null) stay bare, every other scalar is a JSON string.
    public var json: String {
        switch self {
        case .scalar(let s, let plain, _):
            if plain, isNull { return "null" }
            if plain, s == "true" || s == "false" || (Double(s) != nil && s.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+" })
                                                      && !s.hasPrefix("+") && !s.hasPrefix(".") && !(s.count > 1 && s.hasPrefix("0") && !s.hasPrefix("0."))) {
                return s
            }
            return Doc.quote(s)
        case .list(let items, _): return "[" + items.map(\.json).joined(separator: ", ") + "]"
        case .map(let pairs, _): return "{" + pairs.map { Doc.quote($0.key) + ": " + $0.value.json }.joined(separator: ", ") + "}"
        }
    }

    public static func quote(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])) ?? Array("[\"\"]".utf8).withUnsafeBufferPointer { Data($0) }
        let t = String(decoding: data, as: UTF8.self)
        return String(t.dropFirst().dropLast())
    }
}
