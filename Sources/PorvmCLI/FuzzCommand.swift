import ArgumentParser
import Foundation
import Fuzzer
import PoRScenario
import PoRFuzz
import Scenario
import EVM

struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fuzz",
        abstract: "Stateful property fuzzing of contracts set up by a config file.",
        discussion: """
        The config's `setup:` steps (scenario steps) run once; then random call sequences from
        the `actors` to the `targets` run from that state, every property checked after every
        call. A broken property is shrunk to a short sequence and written as a scenario file
        that `porvm scenario` replays (ending in the failing check), with the sequence as JSON.
        Exit 0: the budget ran out and no property broke; 1: a property broke; 2: bad input.
        The same seed gives the same run. Every run writes `summary.json` in `--out`, which
        `porvm fuzz merge FOLDER...` reads (see `porvm fuzz merge --help`). See README.md,
        "Fuzzing contracts".
        """)

    @Argument(help: "The campaign's config file (YAML or JSON).") var config: String?
    @Option(help: "Seed of the random choices (default: from the clock, printed).") var seed: UInt64?
    @Option(name: .customLong("max-seconds"), help: "Stop after this many seconds.") var maxSeconds: Double?
    @Option(name: .customLong("max-calls"), help: "Stop after this many calls (default 50000 when no budget is given).") var maxCalls: Int?
    @Option(help: "Folder for reproducers.") var out = "fuzz-out"
    @Flag(help: "One JSON object on stdout instead of text.") var json = false
    @Flag(name: .customLong("fail-fast"), help: "Stop at the first broken property instead of when the budget runs out.") var failFast = false
    @Option(help: "Corpus folder: its sequences run first, new ones are added (one JSON file per sequence, shared safely by shards).") var corpus: String?
    @Option(help: "Write a Markdown report card to this file.") var report: String?
    @Option(help: "Write the step-through page of each broken property's breaking transaction (its reproducer's last) to this HTML file.") var html: String?
    @Option(help: "Run part I of N of the campaign (0 <= I < N <= 1024); merge the parts with `porvm fuzz merge`.") var shard: String?
    @Option(help: "Threads, each with its own chain, over one corpus and budget (1-64).") var workers = 1
    /// Fresh sequences only, no coverage recorded: the unguided generator, for comparisons.
    @Flag(name: .customLong("no-guidance"), help: .hidden) var noGuidance = false
    @Option(help: "A built-in campaign instead of a config file: `por`, the Proof of Reserve battery (README, \"The Proof of Reserve battery\").") var preset: String?
    @Option(help: "With --preset por: a folder of compiled contracts searched first (repeatable); the rest from Fixtures/.") var artifacts: [String] = []

    func validate() throws {
        if let s = shard, Shard(parsing: s) == nil {
            throw CLIError("fuzz: --shard '\(s)': expected I/N with 0 <= I < N <= \(Shard.maxCount)")
        }
        if !CampaignOptions.workerRange.contains(workers) { throw CLIError("fuzz: --workers must be 1 to 64, got \(workers)") }
        if let m = maxCalls, m < 1 { throw CLIError("fuzz: --max-calls must be at least 1, got \(m)") }
        if let s = maxSeconds, !(s > 0 && s.isFinite) { throw CLIError("fuzz: --max-seconds must be a positive number of seconds") }
        if let p = preset {
            guard p == PoRPreset.name else { throw CLIError("fuzz: --preset \(p): unknown preset (known: \(PoRPreset.name))") }
            if config != nil { throw CLIError("fuzz: give a config file or --preset, not both") }
        } else {
            if !artifacts.isEmpty { throw CLIError("fuzz: --artifacts applies to --preset (a config file names its own artifacts)") }
            if config == nil { throw CLIError("fuzz: missing the config file (or --preset por)") }
        }
    }

    func run() throws {
        let plugins: [ScenarioPlugin] = [PoRSteps(), FuzzSteps()]
        let loaded: FuzzConfig
        let path: String
        do {
            if preset != nil {
                path = "--preset por"
                loaded = try PoRPreset.load(artifacts: artifacts, plugins: plugins)
            } else {
                guard let c = config else { throw CLIError("fuzz: missing the config file") }
                path = c
                loaded = try FuzzConfig.load(c, plugins: plugins, propertyKinds: [PoRPropertyKind()])
            }
        } catch let e as ScenarioError { throw CLIError(e.description) }
        let seed = seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
        let part = shard.flatMap { Shard(parsing: $0) } ?? .whole
        let (persisted, corpusWarnings) = try openCorpus()
        // The out folder is made first, so that a folder that cannot be written is exit 2 before any work.
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw CLIError("fuzz: cannot create the out folder '\(out)': \(error.localizedDescription)")
        }
        // Likewise the report: a placeholder now, the card at the end.
        if let report { try Self.writeReport(nil, to: report) }
        if let html { try FuzzPage.placeholder(html) }
        var options = CampaignOptions(seed: seed, maxCalls: maxCalls, maxSeconds: maxSeconds, workers: workers, guided: !noGuidance,
                                      progress: { line in
            warn(line)
            persisted?.flush(quietly: true)
        })
        options.shard = part
        options.failFast = failFast
        options.corpus = persisted?.corpus
        if !json {
            let count = loaded.properties.count + loaded.hooks.reduce(0) { $0 + $1.propertyNames.count }
            say("fuzz: \(path), seed \(seed)\(part == .whole ? "" : ", shard \(part)"), \(count) properties, \(loaded.targets.count) target functions, \(loaded.actors.count) actors")
            for n in loaded.hooks.flatMap(\.notes) { say("note: \(n)") }
        }
        let outcome: (CampaignResult, [String: String])
        do {
            // The corpus's warnings once the setup ran: an exit 2 stays one line.
            outcome = try Self.campaign(loaded, plugins: plugins, options: options, started: { corpusWarnings.forEach(warn) })
        } catch let e as CampaignError { throw CLIError(e.description) }
        let (result, names) = outcome
        var reproducers: [String: String] = [:]
        var taken = Set<String>()
        for f in result.findings {
            do { reproducers[f.property] = try Reproducer.write(f, config: loaded, names: names, to: out, taken: &taken) } catch {
                throw CLIError("fuzz: cannot write the reproducer in '\(out)': \(error.localizedDescription)")
            }
        }
        let show = { (text: String) in names.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
        // A finding's sequence joins the corpus: a resumed run checks it first (a regression test until fixed).
        for f in result.findings { persisted?.corpus.add(f.sequence) }
        persisted?.flush(quietly: false)
        let summary = FuzzSummary(result, config: path, preset: preset, seed: seed, shard: part, reproducers: reproducers, show: show,
                                  coverage: result.coverage.map { CoverageLine(contract: $0.name, text: $0.coverage.description) },
                                  corpus: persisted.map { Self.absolute($0.store.directory) }, corpusSize: persisted?.corpus.count ?? result.corpusSize)
        do { try summary.write(to: out) } catch {
            throw CLIError("fuzz: cannot write \(FuzzSummary.fileName) in '\(out)': \(error.localizedDescription)")
        }
        if let report { try Self.writeReport(summary, to: report) }
        json ? printJSON(result, seed: seed, reproducers: reproducers, show: show) : printText(result, reproducers: reproducers, show: show)
        if let html {
            let broken = result.properties.compactMap { p in reproducers[p].map { (property: p, path: $0) } }
            let line = try FuzzPage.write(broken, title: "porvm fuzz \(path) --seed \(seed)", to: html)
            json ? warn(line) : say(line)
        }
        if !result.findings.isEmpty { throw ExitStatus(code: 1) }
    }

    /// The `--corpus` folder opened and loaded (bad files are skipped with a warning each).
    private func openCorpus() throws -> (PersistedCorpus?, [String]) {
        guard let dir = corpus else { return (nil, []) }
        do {
            let store = try CorpusStore(dir)
            let (sequences, warnings) = try store.load()
            return (PersistedCorpus(store: store, corpus: Corpus(sequences)), warnings)
        } catch let e as CorpusStoreError { throw CLIError("fuzz: --corpus: \(e.description)") }
    }

    /// Writes the report card of `s` (nil: a placeholder while the run goes on).
    static func writeReport(_ s: FuzzSummary?, to path: String) throws {
        let text = s.map { Report.markdown($0) } ?? "# porvm fuzz report\n\nThe run has not finished.\n"
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CLIError("fuzz: cannot write the report '\(path)': \(error.localizedDescription)")
        }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    static func campaign(_ config: FuzzConfig, plugins: [ScenarioPlugin], options: CampaignOptions,
                         started: @escaping @Sendable () -> Void = {}) throws -> (CampaignResult, [String: String]) {
        try Campaign.runWorkers(config: config, plugins: plugins, options: options, started: started)
    }

    /// `show` writes the actors' and contracts' addresses by name.
    private func printText(_ r: CampaignResult, reproducers: [String: String], show: (String) -> String) {
        say("\(r.calls) calls, \(r.sequences) sequences in \(String(format: "%.2f", r.seconds)) s (\(Int(r.callsPerSecond)) calls/s), corpus \(r.corpusSize)")
        for (name, c) in r.coverage { say("coverage \(name): \(c)") }
        for p in r.properties {
            guard let f = r.findings.first(where: { $0.property == p }) else { say("✓ \(p): holds"); continue }
            say("✗ \(p): broken (\(show(f.message))) after \(f.sequence.calls.count) calls, shrunk from \(f.originalLength) (found at call \(f.atCall)):")
            for (i, c) in f.sequence.calls.enumerated() {
                say("  \(i + 1) \(show(c.text)) → \(show(i < f.outcomes.count ? f.outcomes[i] : "?"))")
            }
            if let path = reproducers[p] { say("  reproducer: \(path)") }
        }
    }

    private func printJSON(_ r: CampaignResult, seed: UInt64, reproducers: [String: String], show: (String) -> String) {
        let props: [[String: Any]] = r.properties.map { p in
            guard let f = r.findings.first(where: { $0.property == p }) else { return ["property": p, "broken": false] }
            return ["property": p, "broken": true, "message": show(f.message), "reproducer": reproducers[p] ?? "", "atCall": f.atCall,
                    "sequence": f.sequence.calls.enumerated().map { i, c in ["call": show(c.text), "outcome": show(i < f.outcomes.count ? f.outcomes[i] : "")] }]
        }
        let o: [String: Any] = ["seed": "\(seed)", "calls": r.calls, "sequences": r.sequences, "seconds": r.seconds,
                                "callsPerSecond": Int(r.callsPerSecond), "properties": props, "corpus": r.corpusSize,
                                "coverage": Dictionary(r.coverage.map { ($0.name, ["branchEdgesSeen": $0.coverage.branchEdgesSeen,
                                    "branchEdgesPossible": $0.coverage.branchEdgesPossible, "jumpEdgesSeen": $0.coverage.jumpEdgesSeen]) },
                                    uniquingKeysWith: { a, _ in a })]
        if let d = try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) { say(String(decoding: d, as: UTF8.self)) }
    }
}

/// The corpus of a run with `--corpus`, and what of it is on disk: sequences are written as
/// they join (each progress tick) and at the end.
final class PersistedCorpus: @unchecked Sendable {
    let store: CorpusStore
    let corpus: Corpus
    private var saved: Int
    private let lock = NSLock()   // progress may come from more than one worker

    init(store: CorpusStore, corpus: Corpus) {
        self.store = store; self.corpus = corpus
        saved = corpus.count
    }

    /// Writes the sequences that joined since the last flush. A failure mid-run (`quietly`) is
    /// retried at the next flush; at the end it is a warning (the run's findings matter more).
    func flush(quietly: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let fresh = corpus.sequences(from: saved)
        do {
            try store.save(fresh)
            saved += fresh.count
        } catch {
            if !quietly { warn("porvm: fuzz: --corpus: \(error)") }
        }
    }
}
