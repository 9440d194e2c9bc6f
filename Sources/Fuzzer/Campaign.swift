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
    /// This run's part of a sharded campaign (`Shard`); the whole campaign by default.
    public var shard = Shard.whole
    /// Sequences run first, before any generated one (a corpus resumed from `--corpus DIR`); the
    /// run's corpus, which new entries join.
    public var corpus: Corpus?
    /// Told each generated sequence with its number `k` in the whole (unsharded) run.
    public var onSequence: ((Int, [FuzzCall]) -> Void)?
    /// Stop at the first broken property (Foundry's `--fail-fast`) rather than when the budget ends.
    public var failFast = false
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
    /// For a hook's (transition) property: how the reproducer ends; nil: a `property:` step.
    public var tail: ReproducerTail? = nil
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
    public init(description: String) { self.description = description }
}

/// One worker's campaign: the setup run once and anchored, then random call sequences from
/// the anchor, every property checked after every call, each broken property shrunk.
public final class Campaign {
    public let config: FuzzConfig
    let context: ScenarioContext
    /// The state after setup; each sequence rewinds to it through the journal (no copy).
    private let anchor: Chain.Anchor
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
    /// Plug-in properties and actions (`CampaignHook`), from the config's `hooks`.
    let hooks: [CampaignHook]
    /// Functions a hook calls that are not targets: contract.signature → (contract, function, selector).
    var extraFunctions: [String: (Bound, ABIFunction, [UInt8])] = [:]
    /// Whether the last `perform`ed call succeeded (what hooks judge).
    private(set) var lastSucceeded = false
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
        anchor = context.chain.anchor()
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
        hooks = config.hooks.map { $0.makeHook() }
        var byName: [String: Address] = [:]
        for (a, addr) in zip(config.actors, actorAddresses) { byName[a.label] = addr }
        let session = HookSession(context: context, actors: byName, actorNames: config.actors.map(\.label), config: config)
        for h in hooks { try h.prepare(session) }
        // A hook's preparation may read the chain: start every sequence from the setup's state.
        restore()
    }

    /// Every property's name: the config's, then the hooks'.
    public var propertyNames: [String] { config.properties.map(\.text) + hooks.flatMap(\.propertyNames) }

    static func key(_ c: String, _ f: String) -> String { c + "." + f }

    /// Loads nothing: runs `config` with `options` (its workers each on a deep stack).
    public static func run(config: FuzzConfig, plugins: [ScenarioPlugin], options: CampaignOptions) throws -> CampaignResult {
        try runWorkers(config: config, plugins: plugins, options: options).0
    }

    // MARK: the loop

    public func run(_ options: CampaignOptions) -> CampaignResult {
        let shared = SharedSearch(options: options, properties: propertyNames.count)
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
        result.properties = propertyNames
        var lastProgress = shared.start
        var found: [(Int, CallSequence, Int)] = []   // property, sequence, at call
        var broken = shared.brokenProperties
        var edgesAfter: [Int] = []   // runEdges.count after each call of the sequence
        // A property false right after the setup breaks with no call at all.
        restore()
        beginHooks()
        for (k, _, _) in violations(after: nil, skipping: broken) where shared.claim(k) {
            found.append((k, CallSequence([]), 0))
        }
        outer: while true {
            if reportsProgress, let p = options.progress, Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                p(progressLine(shared))
            }
            // The next sequence: a resumed corpus entry, else number k of the whole run, drawn from
            // its own stream (so that shards split the run exactly, `Shard`); with hooks, built
            // call by call from the live state unless a corpus entry is mutated.
            var sequence: [FuzzCall] = []
            var live = false
            var drawn: Int?
            switch shared.nextSource() {
            case .resumed(let s):
                sequence = s.calls
            case .drawn(let n):
                let k = options.shard.sequence(n)
                drawn = k
                random = Shard.stream(seed: options.seed, sequence: k)
                if options.guided, hooks.isEmpty || (random.chance(50) && shared.corpus.count > 0) {
                    sequence = nextSequence(shared.corpus)
                } else if hooks.isEmpty {
                    sequence = generate()
                } else {
                    live = true
                }
            }
            let length = live ? 1 + random.below(config.sequenceLength) : sequence.count
            let (before, granted) = shared.take(length)
            if granted == 0 { break }
            if granted < sequence.count { sequence.removeLast(sequence.count - granted) }
            broken = shared.brokenProperties
            restore()
            beginHooks()
            if options.guided { edges.resetRun(); edgesAfter.removeAll(keepingCapacity: true) }
            result.sequences += 1
            defer { if let k = drawn { options.onSequence?(k, sequence) } }
            for i in 0..<granted {
                if live { sequence.append(nextAction()) }
                let call = sequence[i]
                for h in hooks { h.before(call) }
                _ = perform(call, learn: true, record: options.guided)
                if options.guided { edgesAfter.append(edges.runEdges.count) }
                result.calls += 1
                for (k, _, _) in violations(after: call, skipping: broken) {
                    broken[k] = true
                    if shared.claim(k) { found.append((k, CallSequence(Array(sequence[...i])), before + i + 1)) }
                }
                if options.failFast, broken.contains(true) { break outer }
            }
            if options.guided { keepIfNew(sequence, edgesAfter, shared) }
        }
        for (k, seq, at) in found {
            let shrunk = shrink(seq, property: k)
            let (outcomes, message, tail) = replay(shrunk, property: k)
            result.findings.append(Finding(property: result.properties[k], message: message ?? "?", sequence: shrunk,
                                           outcomes: outcomes, originalLength: seq.calls.count, atCall: at, tail: tail))
        }
        return result
    }

    /// Adds the sequence to the corpus when it reached an edge no sequence had, cut after the
    /// last call that reached one (a short entry leaves room to build on its end).
    func keepIfNew(_ sequence: [FuzzCall], _ edgesAfter: [Int], _ shared: SharedSearch) {
        let run = edges.runEdges
        guard let last = shared.lastNewEdge(in: run) else { return }
        let call = edgesAfter.firstIndex { $0 > last } ?? (sequence.count - 1)
        shared.merge(run, of: Array(sequence[...min(call, sequence.count - 1)]))
    }

    /// `fuzz: calls, calls/s, sequences, corpus, coverage per contract, properties broken`.
    func progressLine(_ shared: SharedSearch) -> String {
        let (calls, sequences) = shared.totals
        let elapsed = max(Date().timeIntervalSince(shared.start), 1e-9)
        let cov = coverage(shared.coverage).map { "\($0.name) \($0.coverage.branchEdgesSeen)/\($0.coverage.branchEdgesPossible)" }
        let broken = shared.brokenProperties.filter { $0 }.count
        return "fuzz: \(calls) calls, \(Int(Double(calls) / elapsed)) calls/s, \(sequences) sequences, corpus \(shared.corpus.count)"
            + (cov.isEmpty ? "" : ", coverage " + cov.joined(separator: ", "))
            + ", \(broken) of \(shared.propertyCount) properties broken"
    }

    func restore() { try? context.chain.rewind(to: anchor) }

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
            lastSucceeded = false
            let key = Self.key(c.contract ?? "", c.function ?? "")
            guard let ai = actorIndex[c.sender ?? ""],
                  let (bound, function, selector) = targetIndex[key].map({ (config.targets[$0].bound, config.targets[$0].function, selectors[$0]) })
                    ?? extraFunction(key, contract: c.contract ?? "", signature: c.function ?? "")
            else { return "skipped: not a target or actor of this config" }
            do {
                // Raw call data (selector hashed once per target) from the actor's live address.
                let data = selector + (try ABI.encode(c.args, as: function.inputTypes))
                if record { chain.inspector = edges }
                defer { chain.inspector = nil }
                let out = try chain.transact(to: context.live(bound.address), data: data, from: actorAddresses[ai], value: c.value)
                lastSucceeded = out.succeeded
                let values = out.succeeded ? ((try? function.decodeOutput(out.output)) ?? []) : []
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
        beginHooks()
        for (i, c) in sequence.enumerated() {
            for h in hooks { h.before(c) }
            perform(c, learn: false)
            if violation(of: k, after: c) != nil { return i }
        }
        return nil
    }

    /// The outcome of each call and the property's violation after the last (with a hook's reproducer tail).
    func replay(_ s: CallSequence, property k: Int) -> ([String], String?, ReproducerTail?) {
        restore()
        beginHooks()
        var outcomes: [String] = []
        var last: (String, ReproducerTail?)?
        for c in s.calls {
            for h in hooks { h.before(c) }
            outcomes.append(perform(c, learn: false))
            last = violation(of: k, after: c)
        }
        if s.calls.isEmpty { last = violation(of: k, after: nil) }
        return (outcomes, last?.0, last?.1)
    }
}
