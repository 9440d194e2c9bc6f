import ArgumentParser
import EVM
import Foundation
import Primitives
import Scenario
import Simulator
import UInt256
import Views

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate the oracle network, the feed and the circuit breaker over time from a file (YAML or JSON).",
        discussion: """
        Prints one line per notable event (report transmitted and why, round failed, mint
        refused and why, breaker tripped or reset), then a summary of the risk metrics.
        The same file and seed give byte-identical output. A malformed file is one line on
        stderr naming the file, line and field, and exit code 2. See README.md, "Simulating
        the oracle network".
        """)

    static let maxSweepValues = 64

    @Argument(help: "The simulation file (.yaml, .yml or .json).") var file: String
    @Option(help: "Seed of the random choices (default: the file's `seed`, else 1).") var seed: UInt64?
    @Option(help: "Stop at this simulated time (`3 d`, `12 h`, seconds) instead of the file's duration.") var until: String?
    @Option(help: "Write the time series (one row per check) to this CSV file.") var csv: String?
    @Option(help: "Write a self-contained page (plots of reserves, reported reserves and supply, updates, pauses, the event log) to this HTML file.") var html: String?
    @Flag(help: "One JSON object on stdout (metrics, events) instead of text.") var json = false
    @Option(help: "KEY=V1,V2,...: run once per value of deviation, heartbeat, check_interval or f; one table row each.") var sweep: String?
    @OptionGroup var tracing: SimulationTraceOptions

    func run() throws {
        var config: SimulationConfig
        var duration: UInt64?
        do {
            duration = try until.map { try SimulationFile.duration($0, option: "--until") }
        } catch let e as FieldError {
            throw CLIError("--until: \(e.message)")
        }
        do {
            config = try SimulationFile.load(file, duration: duration)
            if let seed { config.seed = seed }
        } catch let e as ScenarioError {
            throw CLIError(e.description)
        }
        if let sweep {
            guard csv == nil else { throw CLIError("simulate: --csv applies to a single run, not --sweep") }
            guard html == nil else { throw CLIError("simulate: --html applies to a single run, not --sweep") }
            guard !tracing.isActive else { throw CLIError("simulate: --trace and --step-html apply to a single run, not --sweep") }
            return try runSweep(sweep, config)
        }
        config.recordSeries = csv != nil || json || html != nil
        // Text mode prints each event as the run reaches it; JSON is one object at the end.
        let watcher = try tracing.makeWatcher(stem: TransactionTracing.stem(file))
        let sim = try Self.simulate(config, file: file, watcher: watcher, streaming: json ? nil : { say($0.line) })
        if let pages = watcher?.pages, let path = tracing.stepHTML {
            guard !pages.traces.isEmpty else { throw CLIError("--step-html: no transaction of the run was chosen") }
            try Self.write(TransactionPage.render(pages.traces, title: "porvm simulate " + file), to: path)
        }
        if let e = watcher?.error { throw CLIError(e) }
        if let csv { try Self.write(SimulationOutput.csv(sim), to: csv) }
        if let html {
            try Self.write(SimulationPage.render(sim, file: file, name: config.name, unit: config.unit), to: html)
        }
        if json {
            say(SimulationOutput.json(sim, file: file))
        } else {
            say("")
            for line in sim.summary { say(line) }
        }
    }

    /// Builds and runs one simulation on a deep stack (the EVM recurses per call frame).
    static func simulate(_ config: SimulationConfig, file: String, watcher: SimulationTraceWatcher? = nil,
                         streaming: ((EventLog.Entry) -> Void)? = nil) throws -> Simulation {
        let result: Result<Simulation, Error> = DeepStack.run {
            Result {
                let s = try Simulation(config: config)
                if let watcher {
                    watcher.simulation = s
                    s.watch([watcher])
                }
                try s.run(streaming: streaming)
                return s
            }
        }
        do { return try result.get() } catch { throw CLIError("\(file): \(error)") }
    }

    private func runSweep(_ spec: String, _ base: SimulationConfig) throws {
        guard let eq = spec.firstIndex(of: "="), case let key = String(spec[..<eq]), SimulationFile.sweepKeys.contains(key) else {
            throw CLIError("--sweep '\(spec)': expected KEY=V1,V2,... with KEY one of \(SimulationFile.sweepKeys.joined(separator: ", "))")
        }
        let values = spec[spec.index(after: eq)...].split(separator: ",").map { String($0).trimmingWhitespace }
        guard (1...Self.maxSweepValues).contains(values.count), !values.contains(where: \.isEmpty) else {
            throw CLIError("--sweep: 1 to \(Self.maxSweepValues) non-empty values, got \(values.count)")
        }
        var configs: [SimulationConfig] = []
        for v in values {
            var c = base
            do { try SimulationFile.set(key, to: v, in: &c) } catch let e as FieldError { throw CLIError("--sweep \(key)=\(v): \(e.message)") }
            configs.append(c)
        }
        let results = SweepResults(count: configs.count)
        let threads = max(1, min(ProcessInfo.processInfo.activeProcessorCount, configs.count))
        DeepStack.concurrentPerform(iterations: configs.count, threads: threads) { [configs] i in
            results.set(i, Result { let s = try Simulation(config: configs[i]); try s.run(); return s.metrics })
        }
        var rows: [[String]] = []
        for (i, r) in results.all.enumerated() {
            switch r {
            case .success(let m): rows.append(SimulationOutput.sweepRow(values[i], m, decimals: configs[i].feedDecimals))
            case .failure(let e): throw CLIError("\(file): --sweep \(key)=\(values[i]): \(e)")
            case nil: throw CLIError("--sweep \(key)=\(values[i]): did not run")
            }
        }
        if json {
            say(SimulationOutput.sweepJSON(key: key, values: values, rows: rows))
        } else {
            for line in SimulationOutput.table(header: SimulationOutput.sweepHeader(key), rows: rows) { say(line) }
        }
    }

    static func write(_ text: String, to path: String) throws {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CLIError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

/// The results of a sweep's runs, written from several threads.
private final class SweepResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Metrics, Error>?]
    init(count: Int) { results = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<Metrics, Error>) { lock.lock(); results[i] = r; lock.unlock() }
    var all: [Result<Metrics, Error>?] { lock.lock(); defer { lock.unlock() }; return results }
}
