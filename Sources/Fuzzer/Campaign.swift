import Foundation
import ABI
import EVM
import Harness
import Primitives
import Scenario
import UInt256

/// The budget and seed of a run.
public struct CampaignOptions {
    public var seed: UInt64 = 0
    public var maxCalls: Int?
    public var maxSeconds: Double?
    /// Progress lines (stderr in the tool), about once a second.
    public var progress: ((String) -> Void)?
    /// Threads, each with its own chain, over one corpus and one budget (1...64).
    public var workers = 1
    /// Coverage guidance: record edges, keep sequences that reach new ones and mutate them.
    /// Off, every sequence is fresh (the unguided generator, for comparison).
    public var guided = true
    public init(seed: UInt64 = 0, maxCalls: Int? = nil, maxSeconds: Double? = nil, workers: Int = 1, guided: Bool = true,
                progress: ((String) -> Void)? = nil) {
        self.seed = seed; self.maxCalls = maxCalls; self.maxSeconds = maxSeconds; self.progress = progress
        self.workers = workers; self.guided = guided
    }
    public static let workerRange = 1...64
    /// Without any budget given, a run stops after this many calls.
    public static let defaultMaxCalls = 50_000
}

/// A broken property, with the shrunk sequence that breaks it.
public struct Finding {
    public var property: String
    /// Why it does not hold after the last call (`7 <= 5 is false`, `returned false`).
    public var message: String
    public var sequence: CallSequence
    /// One line per call of `sequence`: `ok`, `reverted: …`.
    public var outcomes: [String]
    /// Length of the sequence before shrinking.
    public var originalLength: Int
    /// Calls made in the run when it was found.
    public var atCall: Int
}

public struct CampaignResult {
    public var calls = 0
    public var sequences = 0
    public var seconds = 0.0
    public var findings: [Finding] = []
    public var properties: [String] = []
    /// Branch coverage of each contract of the config, by name.
    public var coverage: [(name: String, coverage: ContractCoverage)] = []
    /// Sequences in the corpus at the end (each reached a new edge when it joined).
    public var corpusSize = 0
    public var callsPerSecond: Double { seconds > 0 ? Double(calls) / seconds : 0 }
}

/// Why a campaign could not start.
public struct CampaignError: Error, CustomStringConvertible {
    public var description: String
}

/// One worker's campaign: the setup run once and snapshotted, then random call sequences from
/// the snapshot, every property checked after every call, each broken property shrunk.
public final class Campaign {
    public let config: FuzzConfig
    let context: ScenarioContext
    private let snapshot: Int
    var dictionary = FuzzDictionary()
    /// The mutations' dictionary: PUSH constants of the deployed code, values returned.
    var mutationDictionary = BytecodeDictionary()
    var random: SeededRandom
    let generator: ArgumentGenerator
    /// Edges of the current sequence's calls (recorded only while `perform` learns).
    let edges: EdgeCoverage
    /// The config's contracts and their code after the setup, sorted by name.
    let contractCode: [(name: String, code: Bytecode)]
    var targetIndex: [String: Int] = [:]
    private var actorIndex: [String: Int] = [:]
    private let actorAddresses: [Address]
    private let selectors: [[UInt8]]
    /// Live addresses shown by name (actors, contracts).
    let names: [Address: String]

    /// Runs the setup steps; call on a deep stack (`Campaign.run` does).
    public init(config: FuzzConfig, plugins: [ScenarioPlugin], seed: UInt64) throws {
        self.config = config
        let runner = ScenarioRunner(plugins: plugins, output: { _ in })
        let (context, failure) = runner.start(config.embedded.loaded)
        if let failure { throw CampaignError(description: "\(MessageText.printable(config.path)): setup failed: \(failure)") }
        self.context = context
        // Fuzzed calls skip signing (a message call from the actor); the setup ran as the
        // reproducer's will, as signed transactions, so that addresses and state match.
        context.chain.mode = .messageCalls
        snapshot = context.chain.snapshot()
        random = SeededRandom(seed: seed)
        var names: [Address: String] = [:]
        var actorAddresses: [Address] = []
        for (i, a) in config.actors.enumerated() {
            let addr: Address
            switch context.live(a) {
            case .account(let t, _): addr = t.address
            case .impersonated(let x, _): addr = x
            }
            actorAddresses.append(addr)
            names[addr] = names[addr] ?? a.label
            actorIndex[a.label] = i
        }
        var contractCode: [(name: String, code: Bytecode)] = []
        for n in config.scope.contractNames {
            if let b = config.scope.contracts[n] {
                let live = context.live(b.address)
                names[live] = names[live] ?? n
                dictionary.add(live.word)
                let code = context.chain.state.code(live)
                if !code.isEmpty { contractCode.append((n, code)) }
            }
        }
        contractCode.sort { $0.name < $1.name }
        // The constants the code compares against, for fresh arguments and for mutations.
        for (_, code) in contractCode {
            mutationDictionary.addConstants(of: code.bytes)
            for w in BytecodeDictionary.constants(in: code.bytes) { dictionary.add(w) }
        }
        self.contractCode = contractCode
        let state = context.chain.state
        edges = EdgeCoverage(codeHash: { state.account($0).map { $0.code.hash } })
        for a in actorAddresses { dictionary.add(a.word) }
        self.names = names
        self.actorAddresses = actorAddresses
        selectors = config.targets.map(\.function.selector)
        generator = ArgumentGenerator(actorAddresses: actorAddresses)
        for (i, t) in config.targets.enumerated() { targetIndex[Self.key(t.bound.name, t.function.signature)] = i }
    }

    static func key(_ c: String, _ f: String) -> String { c + "." + f }

    /// Loads nothing: runs `config` with `options` (its workers each on a deep stack).
    public static func run(config: FuzzConfig, plugins: [ScenarioPlugin], options: CampaignOptions) throws -> CampaignResult {
        try runWorkers(config: config, plugins: plugins, options: options).0
    }

    // MARK: the loop

    public func run(_ options: CampaignOptions) -> CampaignResult {
        let shared = SharedSearch(options: options, properties: config.properties.count)
        var result = run(options, shared: shared, reportsProgress: true)
        result.seconds = Date().timeIntervalSince(shared.start)
        summarise(&result, shared)
        return result
    }

    /// Coverage per contract and corpus size, from what the workers share.
    func summarise(_ result: inout CampaignResult, _ shared: SharedSearch) {
        result.coverage = coverage(shared.coverage)
        result.corpusSize = shared.corpus.count
    }

    func coverage(_ map: CoverageMap) -> [(name: String, coverage: ContractCoverage)] {
        contractCode.map { ($0.name, map.coverage(of: $0.code)) }
    }

    /// One worker's search over `shared`; its findings (the properties it broke first) shrunk.
    func run(_ options: CampaignOptions, shared: SharedSearch, reportsProgress: Bool) -> CampaignResult {
        var result = CampaignResult()
        result.properties = config.properties.map(\.text)
        var lastProgress = shared.start
        var found: [(Int, CallSequence, Int)] = []   // property, sequence, at call
        var broken = shared.brokenProperties
        var edgesAfter: [Int] = []   // runEdges.count after each call of the sequence
        // A property false right after the setup breaks with no call at all.
        restore()
        for (k, p) in config.properties.enumerated() where !broken[k] && p.violation(in: context) != nil {
            broken[k] = true
            if shared.claim(k) { found.append((k, CallSequence([]), 0)) }
        }
        while true {
            if reportsProgress, let p = options.progress, Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                p(progressLine(shared))
            }
            var sequence = options.guided ? nextSequence(shared.corpus) : generate()
            let (before, granted) = shared.take(sequence.count)
            if granted == 0 { break }
            if granted < sequence.count { sequence.removeLast(sequence.count - granted) }
            broken = shared.brokenProperties
            restore()
            if options.guided { edges.resetRun(); edgesAfter.removeAll(keepingCapacity: true) }
            result.sequences += 1
            for (i, call) in sequence.enumerated() {
                _ = perform(call, learn: true, record: options.guided)
                if options.guided { edgesAfter.append(edges.runEdges.count) }
                result.calls += 1
                for (k, p) in config.properties.enumerated() where !broken[k] {
                    if p.violation(in: context) != nil {
                        broken[k] = true
                        if shared.claim(k) { found.append((k, CallSequence(Array(sequence[...i])), before + i + 1)) }
                    }
                }
            }
            if options.guided { keepIfNew(sequence, edgesAfter, shared) }
        }
        for (k, seq, at) in found {
            let shrunk = shrink(seq, property: k)
            let (outcomes, message) = replay(shrunk, property: k)
            result.findings.append(Finding(property: config.properties[k].text, message: message ?? "?", sequence: shrunk,
                                           outcomes: outcomes, originalLength: seq.calls.count, atCall: at))
        }
        return result
    }

    /// Adds the sequence to the corpus when it reached an edge no sequence had, cut after the
    /// last call that reached one (a short entry leaves room to build on its end).
    func keepIfNew(_ sequence: [FuzzCall], _ edgesAfter: [Int], _ shared: SharedSearch) {
        let run = edges.runEdges
        guard let last = shared.lastNewEdge(in: run) else { return }
        let call = edgesAfter.firstIndex { $0 > last } ?? (sequence.count - 1)
        shared.merge(run, of: Array(sequence[...call]))
    }

    /// `fuzz: calls, calls/s, sequences, corpus, coverage per contract, properties broken`.
    func progressLine(_ shared: SharedSearch) -> String {
        let (calls, sequences) = shared.totals
        let elapsed = max(Date().timeIntervalSince(shared.start), 1e-9)
        let cov = coverage(shared.coverage).map { "\($0.name) \($0.coverage.branchEdgesSeen)/\($0.coverage.branchEdgesPossible)" }
        let broken = shared.brokenProperties.filter { $0 }.count
        return "fuzz: \(calls) calls, \(Int(Double(calls) / elapsed)) calls/s, \(sequences) sequences, corpus \(shared.corpus.count)"
            + (cov.isEmpty ? "" : ", coverage " + cov.joined(separator: ", "))
            + ", \(broken) of \(config.properties.count) properties broken"
    }

    func restore() { try? context.chain.revertTo(snapshot) }

    func generate() -> [FuzzCall] {
        let n = 1 + random.below(config.sequenceLength)
        var calls: [FuzzCall] = []
        calls.reserveCapacity(n)
        for _ in 0..<n { calls.append(freshCall(&random)) }
        return calls
    }

    /// Performs one action; `learn` adds returned words to the dictionary.
    @discardableResult
    func perform(_ c: FuzzCall, learn: Bool, record: Bool = false) -> String {
        let chain = context.chain
        switch c.kind {
        case .warp:
            chain.warp(chain.block.timestamp &+ c.by)
            return "timestamp \(chain.block.timestamp)"
        case .roll:
            chain.roll(chain.block.number &+ c.by)
            return "block \(chain.block.number)"
        case .call:
            guard let ti = targetIndex[Self.key(c.contract ?? "", c.function ?? "")],
                  let ai = actorIndex[c.sender ?? ""] else { return "skipped: not a target or actor of this config" }
            let t = config.targets[ti]
            do {
                // Raw call data (selector hashed once per target) from the actor's live address.
                let data = selectors[ti] + (try ABI.encode(c.args, as: t.function.inputTypes))
                if record { chain.inspector = edges }
                defer { chain.inspector = nil }
                let out = try chain.transact(to: context.live(t.bound.address), data: data, from: actorAddresses[ai], value: c.value)
                let values = out.succeeded ? ((try? t.function.decodeOutput(out.output)) ?? []) : []
                if learn {
                    for v in values {
                        if case .uint(let w) = v { dictionary.add(w, neighbours: true); mutationDictionary.addReturned(w) }
                    }
                }
                if out.succeeded {
                    return values.isEmpty ? "ok" : "ok → " + values.map(ValueText.text).joined(separator: ", ")
                }
                return "reverted" + (out.revertReason.map { ": \($0)" } ?? "")
            } catch {
                return "failed: \(error)"
            }
        }
    }

    /// Whether `sequence` breaks property `k` (checked after every call), and after which call.
    func breaks(_ sequence: [FuzzCall], property k: Int) -> Int? {
        restore()
        let p = config.properties[k]
        for (i, c) in sequence.enumerated() {
            perform(c, learn: false)
            if p.violation(in: context) != nil { return i }
        }
        return nil
    }

    /// The outcome of each call and the property's violation after the last.
    func replay(_ s: CallSequence, property k: Int) -> ([String], String?) {
        restore()
        let outcomes = s.calls.map { perform($0, learn: false) }
        return (outcomes, config.properties[k].violation(in: context))
    }
}
