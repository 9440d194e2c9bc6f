import ArgumentParser
import Conformance
import EVM
import Foundation
import Primitives

struct StateTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statetest",
        abstract: "Run Ethereum GeneralStateTests fixtures and compare post-state roots and logs.",
        discussion: """
        Prints one line per failing case, then `N passed, N failed, N skipped` (skipped: forks
        this EVM does not implement). Exit code 1 if any case failed. Exit code 2 on bad input:
        bad arguments, or a file that cannot be read or is not a state-test fixture (the other
        files still run and are counted; stderr then holds one line naming the first such file).
        """)

    static let maxThreads = 64

    @Argument(help: "Fixture files or folders (searched recursively for .json).") var paths: [String]
    @Option(help: "Run only this fork's cases.") var fork: String?
    @Flag(help: "Write one JSON object per case (name, pass, fork, stateRoot, error) instead of failure lines.") var json = false
    @Option(parsing: .unconditional, help: "Worker threads, 1 to 64 (default: one per core).") var threads: Int?
    @Option(help: "File listing known failures, one 'file test fork d g v' per line ('#' comments); they do not fail the run.")
    var knownFailures: String?
    @Flag(help: "Also run the cases of forks not yet fully implemented (they are skipped otherwise).")
    var unfinishedForks = false

    func run() throws {
        if let threads, !(1...Self.maxThreads).contains(threads) {
            throw CLIError("threads must be between 1 and \(Self.maxThreads)")
        }
        let fork = try self.fork.map(parseFork)
        let files: [String]
        do { files = try StateTestRunner.collectFiles(paths) } catch { throw CLIError("\(error)") }
        let known = try knownFailures.map(KnownFailures.load) ?? KnownFailures()
        var options = StateTestRunner.Options(fork: fork, includesUnfinishedForks: unfinishedForks)
        if let threads { options.threads = threads }

        let tally = Tally()
        let json = self.json
        let start = Date()
        StateTestRunner(options: options).run(files: files) { report in
            tally.add(report, known: known, json: json)
        }
        let t = tally.snapshot()
        var summary = "\(t.passed) passed, \(t.failed) failed"
        if t.skipped > 0 { summary += ", \(t.skipped) skipped" }
        if t.knownFailed > 0 { summary += " (\(t.knownFailed) more failed as known failures)" }
        say(summary)
        if let first = t.malformed.first {
            let more = t.malformed.count > 1 ? " (and \(t.malformed.count - 1) more malformed files)" : ""
            throw CLIError("\(first.path): \(first.error)\(more)")
        }
        warn(String(format: "statetest: %d files in %.1f s", files.count, Date().timeIntervalSince(start)))
        if t.failed > 0 { throw ExitStatus(code: 1) }
    }
}

/// Cases expected to fail, each with a reason in the list file; they are reported but do not fail the run.
struct KnownFailures {
    var keys: Set<String> = []

    static func load(_ path: String) throws -> KnownFailures {
        let text: String
        do { text = try BoundedFile.readText(path) } catch { throw CLIError("known-failures file: \(error)") }
        var k = KnownFailures()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "#", maxSplits: 1).first?.split(separator: " ").map(String.init) ?? []
            guard fields.count >= 6 else { continue }
            k.keys.insert(fields[0..<6].joined(separator: " "))
        }
        return k
    }

    /// Matches on the path relative to its `GeneralStateTests/` folder, so the list holds wherever the archive is unpacked.
    func contains(_ r: CaseResult) -> Bool {
        let file = r.file.range(of: "GeneralStateTests/").map { String(r.file[$0.lowerBound...]) } ?? r.file
        return keys.contains("\(file) \(r.test) \(r.fork) \(r.indexes.data) \(r.indexes.gas) \(r.indexes.value)")
    }
}

/// Counts and prints results from the worker threads, one file at a time.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var passed = 0, failed = 0, skipped = 0, knownFailed = 0
    /// Files that could not be read or decoded: bad input, reported once at the end.
    private var malformed: [(path: String, error: String)] = []

    func add(_ report: StateTestRunner.FileReport, known: KnownFailures, json: Bool) {
        lock.lock()
        defer { lock.unlock() }
        skipped += report.skipped
        if let error = report.error {
            malformed.append((report.path, error))
            return
        }
        for r in report.results {
            if json { say(r.json) }
            if r.pass { passed += 1; continue }
            if known.contains(r) { knownFailed += 1; continue }
            failed += 1
            if !json { say(r.failureLine) }
        }
    }

    func snapshot() -> (passed: Int, failed: Int, skipped: Int, knownFailed: Int, malformed: [(path: String, error: String)]) {
        lock.lock()
        defer { lock.unlock() }
        return (passed, failed, skipped, knownFailed, malformed.sorted { $0.path < $1.path })
    }
}
