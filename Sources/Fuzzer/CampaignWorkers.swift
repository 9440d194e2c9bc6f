import Foundation
import EVM
import Primitives
import Scenario

/// `--workers N`: N threads, each with its own chain (the setup run once per worker, then
/// anchored) and its own seed, over one `SharedSearch` (corpus, coverage, budget, first
/// broken property). One worker is the single campaign exactly: worker 0 uses the seed itself.
extension Campaign {
    /// Worker `i`'s seed: the seed for worker 0, else the seed and `i` mixed (splitmix64).
    public static func seed(_ seed: UInt64, worker i: Int) -> UInt64 {
        guard i > 0 else { return seed }
        var r = SeededRandom(seed: seed ^ (UInt64(truncatingIfNeeded: i) &* 0xd1b5_4a32_d192_ed03))
        return r.next()
    }

    /// Runs `config` with `options` (`options.workers` threads, each on a deep stack); also
    /// returns the names of the live addresses (hex → name) for printing and reproducers.
    public static func runWorkers(config: FuzzConfig, plugins: [ScenarioPlugin],
                                  options: CampaignOptions,
                                  started: @escaping @Sendable () -> Void = {}) throws -> (CampaignResult, [String: String]) {
        let n = max(CampaignOptions.workerRange.lowerBound, min(options.workers, CampaignOptions.workerRange.upperBound))
        let shared = SharedSearch(options: options, properties: config.propertyNames.count)
        let box = WorkerResults(count: n)
        // The setups run one at a time: they share the config's scope and artifact cache, which
        // are not built for concurrent writers; the searches share only what they read.
        let setup = NSLock()
        DeepStack.concurrentPerform(iterations: n, threads: n) { i in
            do {
                let c = try setup.withLock { try Campaign(config: config, plugins: plugins, seed: seed(options.seed, worker: i)) }
                if i == 0 { started() }
                let r = c.run(options, shared: shared, reportsProgress: i == 0)
                box.set(i, .success((r, c)))
            } catch {
                box.set(i, .failure(error))
            }
        }
        var results: [(CampaignResult, Campaign)] = []
        for r in box.all {
            switch r {
            case .success(let x): results.append(x)
            case .failure(let e): throw e
            case nil: throw CampaignError(description: "\(MessageText.printable(config.path)): a worker did not finish")
            }
        }
        guard let (first, campaign) = results.first else { throw CampaignError(description: "no worker ran") }
        var total = first
        for (r, _) in results.dropFirst() {
            total.calls += r.calls
            total.sequences += r.sequences
            total.findings += r.findings
        }
        // In the order of the properties, as one worker reports them.
        let order = Dictionary(config.propertyNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        total.findings.sort { (order[$0.property] ?? 0) < (order[$1.property] ?? 0) }
        total.seconds = Date().timeIntervalSince(shared.start)
        campaign.summarise(&total, shared)
        return (total, campaign.addressNames)
    }
}

/// One slot per worker, written once by its thread, read after all joined.
private final class WorkerResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<(CampaignResult, Campaign), Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<(CampaignResult, Campaign), Error>) { lock.withLock { slots[i] = r } }
    var all: [Result<(CampaignResult, Campaign), Error>?] { lock.withLock { slots } }
}
