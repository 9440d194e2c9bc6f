import Foundation
import EVM

/// What the workers of one run share, behind one lock: the call budget, the cumulative coverage
/// and the corpus it feeds, and which properties broke first where. A worker takes its calls a
/// sequence at a time and merges its edges once per sequence, so the lock is taken a few times
/// per sequence, never per instruction.
public final class SharedSearch: @unchecked Sendable {
    public let corpus: Corpus
    public let start: Date
    private let lock = NSLock()
    private let maxCalls: Int
    private let maxSeconds: Double?
    private var callsTaken = 0
    private var sequencesRun = 0
    private var map = CoverageMap()
    private var broken: [Bool]
    private var brokenCount = 0
    private let failFast: Bool
    /// The corpus as the run found it (`--corpus DIR`): replayed first, once per run.
    private let resumed: [CallSequence]
    private var resumedTaken = 0
    private var drawn = 0

    /// The run's corpus is `options.corpus` when given (a persisted one), else a new one.
    public init(options: CampaignOptions, properties: Int) {
        corpus = options.corpus ?? Corpus()
        resumed = corpus.sequences
        start = Date()
        maxCalls = options.maxCalls ?? (options.maxSeconds == nil ? CampaignOptions.defaultMaxCalls : Int.max)
        maxSeconds = options.maxSeconds
        failFast = options.failFast
        broken = Array(repeating: false, count: properties)
    }

    public var propertyCount: Int { broken.count }

    enum Source {
        case resumed(CallSequence)
        /// Sequence number n of this run (over all its workers).
        case drawn(Int)
    }

    /// Where the next sequence comes from: the resumed corpus first, then numbered draws.
    func nextSource() -> Source {
        lock.withLock {
            if resumedTaken < resumed.count {
                resumedTaken += 1
                return .resumed(resumed[resumedTaken - 1])
            }
            drawn += 1
            return .drawn(drawn - 1)
        }
    }

    /// Takes up to `n` calls of the budget for one sequence: the calls made before it (over all
    /// workers) and how many it may make; 0 once the budget, the time or the properties ran out.
    func take(_ n: Int) -> (before: Int, granted: Int) {
        if let s = maxSeconds, Date().timeIntervalSince(start) >= s { return (0, 0) }
        return lock.withLock {
            guard brokenCount < broken.count, !(failFast && brokenCount > 0) else { return (callsTaken, 0) }
            let granted = max(0, min(n, maxCalls - callsTaken))
            let before = callsTaken
            callsTaken += granted
            if granted > 0 { sequencesRun += 1 }
            return (before, granted)
        }
    }

    /// Whether the run should stop (budget, time, or every property broken).
    var isDone: Bool {
        if let s = maxSeconds, Date().timeIntervalSince(start) >= s { return true }
        return lock.withLock { callsTaken >= maxCalls || brokenCount == broken.count }
    }

    /// Records property `k` as broken; true for the first worker to break it (who reports it).
    func claim(_ k: Int) -> Bool {
        lock.withLock {
            guard k < broken.count, !broken[k] else { return false }
            broken[k] = true
            brokenCount += 1
            return true
        }
    }

    /// The properties broken so far (by any worker), by index.
    var brokenProperties: [Bool] { lock.withLock { broken } }

    /// Merges a sequence's edges; one that reached a new edge joins the corpus. Returns how many
    /// edges were new.
    @discardableResult
    func merge(_ edges: [Edge], of sequence: [FuzzCall]) -> Int {
        lock.withLock {
            let added = map.merge(edges)
            if added > 0 { corpus.add(CallSequence(sequence)) }
            return added
        }
    }

    /// The index in `edges` of the last one no worker reached yet.
    func lastNewEdge(in edges: [Edge]) -> Int? { lock.withLock { edges.lastIndex { !map.contains($0) } } }

    /// A copy of the cumulative coverage.
    public var coverage: CoverageMap { lock.withLock { map } }

    /// Calls and sequences made so far over all workers.
    var totals: (calls: Int, sequences: Int) { lock.withLock { (callsTaken, sequencesRun) } }
}
