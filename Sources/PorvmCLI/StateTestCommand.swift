import ArgumentParser
import Conformance
import EVM
import Foundation

struct StateTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statetest",
        abstract: "Run Ethereum GeneralStateTests fixtures and compare post-state roots and logs.",
        discussion: """
        Prints one line per failing case, then `N passed, N failed, N skipped` (skipped: forks
        this EVM does not implement). Exit code 1 if any case failed, 2 on bad arguments.
        """)

    @Argument(help: "Fixture files or folders (searched recursively for .json).") var paths: [String]
    @Option(help: "Run only this fork's cases.") var fork: String?
    @Flag(help: "Write one JSON object per case (name, pass, fork, stateRoot, error) instead of failure lines.") var json = false
    @Option(help: "Worker threads (default: one per core).") var threads: Int?
    @Option(help: "File listing known failures, one 'file test fork d g v' per line ('#' comments); they do not fail the run.")
    var knownFailures: String?

    func run() throws {
        let fork = try self.fork.map(parseFork)
        let files: [String]
        do { files = try StateTestRunner.collectFiles(paths) } catch { throw CLIError("\(error)") }
        let known = try knownFailures.map(KnownFailures.load) ?? KnownFailures()
        var options = StateTestRunner.Options(fork: fork)
        if let threads { guard threads > 0 else { throw CLIError("threads must be positive") }; options.threads = threads }

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
        warn(String(format: "statetest: %d files in %.1f s", files.count, Date().timeIntervalSince(start)))
        say(summary)
        if t.failed > 0 { throw ExitStatus(code: 1) }
    }
}

/// Cases expected to fail, each with a reason in the list file; they are reported but do not fail the run.
struct KnownFailures {
    var keys: Set<String> = []

    static func load(_ path: String) throws -> KnownFailures {
        guard let text = readTextFile(path) else { throw CLIError("cannot read known-failures file '\(path)'") }
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

    func add(_ report: StateTestRunner.FileReport, known: KnownFailures, json: Bool) {
        lock.lock()
        defer { lock.unlock() }
        skipped += report.skipped
        if let error = report.error {
            failed += 1
            warn("ERROR \(report.path): \(error)")
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

    func snapshot() -> (passed: Int, failed: Int, skipped: Int, knownFailed: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (passed, failed, skipped, knownFailed)
    }
}
