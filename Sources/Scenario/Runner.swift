import Foundation
import Primitives
import EVM
import Harness
import UInt256

/// A scenario file read and checked: every step typed and resolved, ready to run.
public struct LoadedScenario {
    public let path: String
    public let name: String
    public var stepCount: Int { steps.count }
    let fork: Fork
    let genesis: Genesis
    let accounts: [(TestAccount, U256?)]
    let steps: [ScenarioStep]
}

/// Passed and failed checks (one step is one check).
public struct ScenarioSummary: Sendable, Equatable {
    public var passed = 0
    public var failed = 0
    public init(passed: Int = 0, failed: Int = 0) { self.passed = passed; self.failed = failed }
    public var line: String { "\(passed) passed, \(failed) failed" }
}

/// Reads, checks and runs scenario files (see README, "Scenarios") in two passes: every step
/// of a file is read into a typed step and checked against the names bound before it, then
/// (only when the whole file is good) the steps run. Each step prints one line through
/// `output`: `✓ 3 transact token.mint from minter → …` or `✗ 4 … → expected …, got …`.
public struct ScenarioRunner {
    public var output: (String) -> Void
    /// Sees every scenario and step run (tracing, call trees); nil runs them unobserved.
    public var observer: (any ScenarioObserver)?
    let registry: StepRegistry

    /// A runner for the engine's own steps and those of `plugins` (PoR's `setup_por` and
    /// `report`, a fuzzer's…), which cannot replace a built-in step kind.
    public init(plugins: [ScenarioPlugin] = [], output: @escaping (String) -> Void) {
        self.output = output
        registry = StepRegistry([BuiltinSteps()] + plugins)
    }

    /// The scenario files named by `paths`: files as given, folders searched (not recursively)
    /// for `.yaml`, `.yml` and `.json`, in name order.
    public static func collect(_ paths: [String]) throws -> [String] {
        do { return try collectFiles(paths) } catch let e as ScenarioError { throw e.printable }
    }

    private static func collectFiles(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir) else {
                throw ScenarioError(file: p, message: "no such file or folder")
            }
            if isDir.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: p)) ?? [])
                    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
                if names.isEmpty { throw ScenarioError(file: p, message: "no .yaml, .yml or .json files in this folder") }
                files += names.map { (p.hasSuffix("/") ? p : p + "/") + $0 }
            } else {
                files.append(p)
            }
        }
        return files
    }

    /// Reads and checks a file without running it: every step, field, name, function and
    /// value. Throws `ScenarioError` naming the file, step and field.
    public func load(_ path: String) throws -> LoadedScenario {
        do { return try loadFile(path) } catch let e as ScenarioError { throw e.printable }
    }

    private func loadFile(_ path: String) throws -> LoadedScenario {
        let data: [UInt8]
        do { data = try BoundedFile.read(path, limit: Doc.maxFileBytes) } catch {
            throw ScenarioError(file: path, message: error == .cannotRead(path) ? "cannot read the file"
                                : "larger than \(Doc.maxFileBytes >> 20) MiB")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ScenarioError(file: path, message: "not UTF-8 text")
        }
        return try load(text: text, path: path)
    }

    /// Checks scenario text; `path` names it in messages and locates relative `artifacts`.
    public func load(text: String, path: String) throws -> LoadedScenario {
        do { return try check(text: text, path: path) } catch let e as ScenarioError { throw e.printable }
    }

    private func check(text: String, path: String) throws -> LoadedScenario {
        let isJSON = path.lowercased().hasSuffix(".json")
        var step: Int?
        do {
            let doc = try Doc.parse(text: text, isJSON: isJSON)
            let scope = Scope(file: path)
            let top = try TopLevel.read(doc, scope: scope, registry: registry)
            var steps: [ScenarioStep] = []
            for (i, d) in top.steps.enumerated() {
                step = i + 1
                steps.append(try parseStep(d, scope: scope))
            }
            return LoadedScenario(path: path, name: top.name, fork: scope.fork, genesis: scope.genesis,
                                  accounts: scope.genesisAccounts, steps: steps)
        } catch let e as FieldError {
            throw ScenarioError(file: path, step: step, field: e.path, line: e.line, message: e.message)
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError(file: path, step: step, message: "\(error)")
        }
    }

    /// One step: its kind is the one key naming a registered step (`expect` alone is a check).
    func parseStep(_ doc: Doc, scope: Scope) throws -> ScenarioStep {
        var doc = doc
        // A bare word is a step without settings (`- setup_por`).
        if case .scalar(let s, true, let line) = doc, !doc.isNull { doc = .map([(s, .scalar("", plain: true, line: line))], line: line) }
        let f = try Fields(doc, path: "")
        let present = f.keys.filter { registry.plugin(for: $0) != nil && $0 != "expect" }
        guard present.count <= 1 else {
            throw FieldError(path: present[1], line: f.line, message: "a step does one thing; found both '\(present[0])' and '\(present[1])'")
        }
        let kind = present.first ?? (f.has("expect") ? "expect" : "")
        guard let plugin = registry.plugin(for: kind) else {
            let first = f.keys.first ?? ""
            throw FieldError(path: first.isEmpty ? nil : first, line: f.line,
                             message: (first.isEmpty ? "empty step" : "unknown step kind '\(first)'")
                             + " (known: \(registry.kinds.joined(separator: ", ")))")
        }
        return try plugin.parse(kind: kind, step: f, scope: scope)
    }

    /// Runs checked scenarios one after another, printing a header per file and a line per step.
    public func run(_ scenarios: [LoadedScenario]) -> ScenarioSummary {
        var total = ScenarioSummary()
        for s in scenarios {
            let r = run(s)
            total.passed += r.passed
            total.failed += r.failed
        }
        return total
    }

    public func run(_ scenario: LoadedScenario) -> ScenarioSummary {
        DeepStack.run { runOnThisThread(scenario) }
    }

    private func runOnThisThread(_ scenario: LoadedScenario) -> ScenarioSummary {
        var summary = ScenarioSummary()
        output("\(scenario.name) (\(scenario.path))")
        let g = scenario.genesis
        let chain = Chain(fork: scenario.fork, chainId: g.chainId, accountNames: ["deployer"],
                          initialBalance: Scope.defaultBalance, timestamp: g.timestamp, blockNumber: g.block)
        for (account, balance) in scenario.accounts {
            if account.name == "deployer" {
                if let balance { chain.deal(account, balance) }
            } else {
                chain.addAccount(account, balance: balance ?? Scope.defaultBalance)
            }
        }
        let context = ScenarioContext(chain: chain)
        observer?.scenarioWillRun(scenario, chain: chain)
        let steps = scenario.steps
        var i = 0
        while i < steps.count {
            let n = i + 1
            var outcome: StepOutcome
            observer?.stepWillRun(n, label: steps[i].label)
            do {
                outcome = try steps[i].run(in: context)
            } catch {
                outcome = StepOutcome(ok: false, text: Self.message(error))
            }
            output("\(outcome.ok ? "✓" : "✗") \(n) \(steps[i].label)" + (outcome.text.isEmpty ? "" : " → \(outcome.text)"))
            for line in observer?.stepDidRun(n, chain: chain) ?? [] { output(line) }
            if outcome.ok { summary.passed += 1 } else { summary.failed += 1 }
            i += 1
            if outcome.fatal && i < steps.count {
                let rest = steps.count - i
                output("✗ \(i + 1)\(rest > 1 ? "–\(steps.count)" : "") not run: step \(n) failed")
                summary.failed += rest
                break
            }
        }
        return summary
    }

    static func message(_ error: Error) -> String {
        if let f = error as? FieldError { return (f.path.map { "\($0): " } ?? "") + f.message }
        return "\(error)"
    }
}

extension ScenarioError {
    /// The error with the echoed parts (file, field, message) made printable: a malformed file
    /// is reported on one line without the control characters it may hold.
    var printable: ScenarioError {
        ScenarioError(file: MessageText.printable(file), step: step, field: field.map(MessageText.printable),
                      line: line, message: MessageText.printable(message))
    }
}
