import ArgumentParser
import Foundation
import Fuzzer
import PoRScenario
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
        The same seed gives the same run. See README.md, "Fuzzing contracts".
        """)

    @Argument(help: "The campaign's config file (YAML or JSON).") var config: String?
    @Option(help: "Seed of the random choices (default: from the clock, printed).") var seed: UInt64?
    @Option(name: .customLong("max-seconds"), help: "Stop after this many seconds.") var maxSeconds: Double?
    @Option(name: .customLong("max-calls"), help: "Stop after this many calls (default 50000 when no budget is given).") var maxCalls: Int?
    @Option(help: "Folder for reproducers.") var out = "fuzz-out"
    @Flag(help: "One JSON object on stdout instead of text.") var json = false
    @Option(help: "Threads, each with its own chain, over one corpus and budget (1-64).") var workers = 1
    /// Fresh sequences only, no coverage recorded: the unguided generator, for comparisons.
    @Flag(name: .customLong("no-guidance"), help: .hidden) var noGuidance = false
    // Parsed so that they are refused clearly rather than ignored: they come with later work on issue 10.
    @Option(help: .hidden) var corpus: String?
    @Option(help: .hidden) var report: String?
    @Option(help: .hidden) var preset: String?
    @Option(help: .hidden) var shard: String?

    func validate() throws {
        for (name, given) in [("--corpus", corpus != nil), ("--report", report != nil), ("--preset", preset != nil), ("--shard", shard != nil)] where given {
            throw CLIError("fuzz: \(name) is not supported yet")
        }
        if !CampaignOptions.workerRange.contains(workers) { throw CLIError("fuzz: --workers must be 1 to 64, got \(workers)") }
        if let m = maxCalls, m < 1 { throw CLIError("fuzz: --max-calls must be at least 1, got \(m)") }
        if let s = maxSeconds, !(s > 0 && s.isFinite) { throw CLIError("fuzz: --max-seconds must be a positive number of seconds") }
        if config == nil { throw CLIError("fuzz: missing the config file") }
    }

    func run() throws {
        guard let path = config else { throw CLIError("fuzz: missing the config file") }
        let plugins: [ScenarioPlugin] = [PoRSteps(), FuzzSteps()]
        let loaded: FuzzConfig
        do { loaded = try FuzzConfig.load(path, plugins: plugins) } catch let e as ScenarioError { throw CLIError(e.description) }
        let seed = seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
        let options = CampaignOptions(seed: seed, maxCalls: maxCalls, maxSeconds: maxSeconds, workers: workers, guided: !noGuidance,
                                      progress: { warn($0) })
        if !json {
            say("fuzz: \(path), seed \(seed), \(loaded.properties.count) properties, \(loaded.targets.count) target functions, \(loaded.actors.count) actors")
        }
        let outcome: (CampaignResult, [String: String])
        do {
            outcome = try Self.campaign(loaded, plugins: plugins, options: options)
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
        json ? printJSON(result, seed: seed, reproducers: reproducers, show: show) : printText(result, reproducers: reproducers, show: show)
        if !result.findings.isEmpty { throw ExitStatus(code: 1) }
    }

    static func campaign(_ config: FuzzConfig, plugins: [ScenarioPlugin], options: CampaignOptions) throws -> (CampaignResult, [String: String]) {
        try Campaign.runWorkers(config: config, plugins: plugins, options: options)
    }

    /// `show` writes the actors' and contracts' addresses by name.
    private func printText(_ r: CampaignResult, reproducers: [String: String], show: (String) -> String) {
        say("\(r.calls) calls, \(r.sequences) sequences in \(String(format: "%.2f", r.seconds)) s (\(Int(r.callsPerSecond)) calls/s), corpus \(r.corpusSize)")
        for (name, c) in r.coverage { say("coverage \(name): \(c)") }
        for p in r.properties {
            guard let f = r.findings.first(where: { $0.property == p }) else { say("✓ \(p): holds"); continue }
            say("✗ \(p): broken (\(f.message)) after \(f.sequence.calls.count) calls, shrunk from \(f.originalLength):")
            for (i, c) in f.sequence.calls.enumerated() {
                say("  \(i + 1) \(show(c.text)) → \(show(i < f.outcomes.count ? f.outcomes[i] : "?"))")
            }
            if let path = reproducers[p] { say("  reproducer: \(path)") }
        }
    }

    private func printJSON(_ r: CampaignResult, seed: UInt64, reproducers: [String: String], show: (String) -> String) {
        let props: [[String: Any]] = r.properties.map { p in
            guard let f = r.findings.first(where: { $0.property == p }) else { return ["property": p, "broken": false] }
            return ["property": p, "broken": true, "message": f.message, "reproducer": reproducers[p] ?? "",
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
