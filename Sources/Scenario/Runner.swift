import Foundation
import Primitives
import EVM
import Harness

/// A scenario file read and checked: ready to run.
public struct LoadedScenario: Sendable {
    public let path: String
    public let name: String
    public let stepCount: Int
    let text: String
    let isJSON: Bool
}

/// Passed and failed checks (one step is one check).
public struct ScenarioSummary: Sendable, Equatable {
    public var passed = 0
    public var failed = 0
    public init(passed: Int = 0, failed: Int = 0) { self.passed = passed; self.failed = failed }
    public var line: String { "\(passed) passed, \(failed) failed" }
}

/// Reads, checks and runs scenario files (see README, "Scenarios"). Each step prints one line
/// through `output`: `✓ 3 transact token.mint from minter → …` or `✗ 4 … → expected …, got …`.
public struct ScenarioRunner {
    public var output: (String) -> Void

    public init(output: @escaping (String) -> Void) { self.output = output }

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
        let store = ArtifactStore()
        var step: Int?
        do {
            let doc = try Doc.parse(text: text, isJSON: isJSON)
            let session = try Session(file: path, document: doc, live: false, store: store)
            for (i, s) in session.steps.enumerated() {
                step = i + 1
                _ = try session.run(step: i + 1, s)
            }
            return LoadedScenario(path: path, name: session.name, stepCount: session.steps.count, text: text, isJSON: isJSON)
        } catch let e as FieldError {
            throw ScenarioError(file: path, step: step, field: e.path, line: e.line, message: e.message)
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError(file: path, step: step, message: "\(error)")
        }
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
        let session: Session
        do {
            let doc = try Doc.parse(text: scenario.text, isJSON: scenario.isJSON)
            session = try Session(file: scenario.path, document: doc, live: true, store: ArtifactStore())
        } catch {
            output("✗ 0 setup → \(Self.message(error))")
            summary.failed = max(1, scenario.stepCount)
            return summary
        }
        let steps = session.steps
        var i = 0
        while i < steps.count {
            let n = i + 1
            var outcome: StepOutcome
            do {
                outcome = try session.run(step: n, steps[i])
            } catch {
                outcome = StepOutcome(ok: false, text: Self.message(error))
            }
            output("\(outcome.ok ? "✓" : "✗") \(n) \(session.label)" + (outcome.text.isEmpty ? "" : " → \(outcome.text)"))
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
