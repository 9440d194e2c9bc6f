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
    /// Sequences run first, before any generated one (a corpus resumed from `--corpus DIR`).
    public var corpus: Corpus?
    /// Told each generated sequence with its number `k` in the whole (unsharded) run.
    public var onSequence: ((Int, [FuzzCall]) -> Void)?
    /// Stop at the first broken property (Foundry's `--fail-fast`) rather than when the budget ends.
    public var failFast = false
    public init(seed: UInt64 = 0, maxCalls: Int? = nil, maxSeconds: Double? = nil, progress: ((String) -> Void)? = nil) {
        self.seed = seed; self.maxCalls = maxCalls; self.maxSeconds = maxSeconds; self.progress = progress
    }
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
    private var dictionary = FuzzDictionary()
    var random: SeededRandom
    private let seed: UInt64
    private let generator: ArgumentGenerator
    private var targetIndex: [String: Int] = [:]
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
        self.seed = seed
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
        for n in config.scope.contractNames {
            if let b = config.scope.contracts[n] {
                let live = context.live(b.address)
                names[live] = names[live] ?? n
                dictionary.add(live.word)
            }
        }
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

    /// Loads nothing: runs `config` with `options` on a deep stack.
    public static func run(config: FuzzConfig, plugins: [ScenarioPlugin], options: CampaignOptions) throws -> CampaignResult {
        let r: Result<CampaignResult, Error> = DeepStack.run {
            Result { try Campaign(config: config, plugins: plugins, seed: options.seed).run(options) }
        }
        return try r.get()
    }

    // MARK: the loop

    public func run(_ options: CampaignOptions) -> CampaignResult {
        var result = CampaignResult()
        result.properties = propertyNames
        let propertyCount = result.properties.count
        let start = Date()
        var lastProgress = start
        let maxCalls = options.maxCalls ?? (options.maxSeconds == nil ? CampaignOptions.defaultMaxCalls : Int.max)
        var broken = Set<Int>()
        var found: [(Int, CallSequence, Int)] = []   // property, sequence, at call
        let resumed = options.corpus?.sequences ?? []
        var replayed = 0, generated = 0
        // A property false right after the setup breaks with no call at all.
        restore()
        for (k, p) in config.properties.enumerated() where p.violation(in: context) != nil {
            broken.insert(k)
            found.append((k, CallSequence([]), 0))
        }
        outer: while result.calls < maxCalls, broken.count < propertyCount, !(options.failFast && !broken.isEmpty) {
            let elapsed = Date().timeIntervalSince(start)
            if let s = options.maxSeconds, elapsed >= s { break }
            if let p = options.progress, Date().timeIntervalSince(lastProgress) >= 1 {
                lastProgress = Date()
                p("fuzz: \(result.calls) calls, \(Int(Double(result.calls) / max(elapsed, 1e-9))) calls/s, \(result.sequences) sequences, \(broken.count) of \(propertyCount) properties broken")
            }
            var sequence: [FuzzCall] = []
            var live = false
            var drawn: Int?
            if replayed < resumed.count {
                sequence = resumed[replayed].calls
                replayed += 1
            } else {
                // Sequence k draws from its own stream, so that shards split the run exactly (Shard).
                let k = options.shard.sequence(generated)
                generated += 1
                random = Shard.stream(seed: seed, sequence: k)
                drawn = k
                // Without hooks the sequence is drawn whole; hooks choose each action from the live state.
                live = !hooks.isEmpty
                if !live { sequence = generate() }
            }
            let length = live ? 1 + random.below(config.sequenceLength) : sequence.count
            restore()
            beginHooks()
            result.sequences += 1
            defer { if let k = drawn { options.onSequence?(k, sequence) } }
            for i in 0..<length {
                if live { sequence.append(nextAction()) }
                let call = sequence[i]
                for h in hooks { h.before(call) }
                _ = perform(call, learn: true)
                result.calls += 1
                for (k, _, _) in violations(after: call, skipping: broken) {
                    broken.insert(k)
                    found.append((k, CallSequence(Array(sequence[...i])), result.calls))
                }
                if result.calls >= maxCalls || (options.failFast && !broken.isEmpty) { break outer }
            }
        }
        for (k, seq, at) in found {
            let shrunk = shrink(seq, property: k)
            let (outcomes, message, tail) = replay(shrunk, property: k)
            result.findings.append(Finding(property: result.properties[k], message: message ?? "?", sequence: shrunk,
                                           outcomes: outcomes, originalLength: seq.calls.count, atCall: at, tail: tail))
        }
        result.seconds = Date().timeIntervalSince(start)
        return result
    }

    func restore() { try? context.chain.rewind(to: anchor) }

    private func generate() -> [FuzzCall] {
        let n = 1 + random.below(config.sequenceLength)
        var calls: [FuzzCall] = []
        calls.reserveCapacity(n)
        for _ in 0..<n { calls.append(generateOne()) }
        return calls
    }

    func generateOne() -> FuzzCall {
        let env = (config.maxWarp > 0 ? 1 : 0) + (config.maxRoll > 0 ? 1 : 0)
        if env > 0, random.chance(10) {
            let warp = config.maxWarp > 0 && (config.maxRoll == 0 || random.chance(50))
            let m = warp ? config.maxWarp : config.maxRoll
            let by: UInt64 = random.chance(30) ? m : 1 + random.next() % m
            return warp ? .warp(by) : .roll(by)
        }
        let t = config.targets[random.below(config.targets.count)]
        let sender = config.actors[t.senders[random.below(t.senders.count)]].label
        let args = t.function.inputTypes.map { generator.value($0, &random, dictionary) }
        var value = U256.zero
        if t.function.stateMutability == "payable", random.chance(50) {
            value = random.chance(50) ? U256(UInt64(random.below(1000))) : ether(UInt64(random.below(10)))
        }
        return .call(t.bound.name, t.function.signature, args: args, from: sender, value: value)
    }

    /// Performs one action; `learn` adds returned words to the dictionary.
    @discardableResult
    func perform(_ c: FuzzCall, learn: Bool) -> String {
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
                let out = try chain.transact(to: context.live(bound.address), data: data, from: actorAddresses[ai], value: c.value)
                lastSucceeded = out.succeeded
                let values = out.succeeded ? ((try? function.decodeOutput(out.output)) ?? []) : []
                if learn {
                    for v in values { if case .uint(let w) = v { dictionary.add(w, neighbours: true) } }
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
