import Primitives
import Harness
import PoR
import UInt256

/// A run of the whole Proof of Reserve loop over simulated time: reserves held outside the chain,
/// the oracle network checking them and writing the feed under the update rule, the real
/// contracts on a porvm chain, Automation running the circuit breaker, and the users' actions.
/// Deterministic: the same config and seed give the same log and metrics.
public final class Simulation {
    public let config: SimulationConfig
    public private(set) var log: EventLog
    public private(set) var metrics = Metrics()
    /// Events handled so far.
    public private(set) var eventCount = 0
    public private(set) var now: UInt64 = 0
    /// The network's record of its last write: (answer, time).
    public private(set) var lastUpdate: (answer: U256, time: UInt64)?
    /// The time series, when `config.recordSeries` is set.
    public private(set) var series: [Sample] = []

    private(set) var book: ReserveBook
    let network: OracleNetwork
    let home: HomeChain
    let remote: RemoteChain?
    /// The network's last write of the circulation feed.
    public private(set) var lastCirculation: (answer: U256, time: UInt64)?
    /// The token on the second chain, when there is one.
    public var remoteToken: Contract? { remote?.token }
    /// The contracts the run drives (for inspection after a run).
    public var deployment: PoRDeployment { home.deployment }
    private var queue = EventQueue<Event>()
    private var random: SeededRandom
    private var round: UInt64 = 0
    private var supply = U256.zero
    /// Supply on the home chain, then on the other chain when there is one (as of the last change).
    private var supplyByChain: [U256] = []
    private var paused = false

    enum Event { case check, upkeep, reserveChange, user(Int), randomUser, addressListChange(Int), bridge(Int), end }

    public init(config: SimulationConfig) throws {
        try config.validate()
        self.config = config
        book = ReserveBook(config.sources)
        network = try OracleNetwork(nodes: config.nodes, f: config.f)
        var settings = PoRDeployment.Settings()
        settings.feedDecimals = config.feedDecimals
        settings.tokenDecimals = config.feedDecimals
        settings.heartbeat = config.contractHeartbeat
        settings.marginBps = config.marginBps
        settings.committeeSize = config.nodes.count
        settings.f = config.f
        settings.description = "Proof of Reserves (simulated)"
        home = try HomeChain(settings: settings, genesis: config.genesis)
        if config.circulation != nil {
            remote = try RemoteChain(genesis: config.genesis, decimals: config.feedDecimals, heartbeat: config.contractHeartbeat)
            try home.deployCirculationFeed(decimals: config.feedDecimals)
        } else {
            remote = nil
        }
        supplyByChain = Array(repeating: .zero, count: remote == nil ? 1 : 2)
        random = SeededRandom(seed: config.seed)
        log = EventLog(decimals: config.feedDecimals)
        for s in book.sources where s.trust == .selfReported {
            log.note(0, .source, "source \(s.name) is self-reported: the issuer's own figure, checked by no one")
        }

        for t in book.changeTimes where t <= config.duration { queue.schedule(.reserveChange, at: t) }
        for (i, e) in config.userEvents.enumerated() where e.time <= config.duration { queue.schedule(.user(i), at: e.time) }
        for (i, b) in (config.circulation?.bridges ?? []).enumerated() where b.time <= config.duration { queue.schedule(.bridge(i), at: b.time) }
        if let list = config.addressList {
            try home.deployAddressList(list.initial)
            for (i, c) in list.changes.enumerated() where c.time <= config.duration { queue.schedule(.addressListChange(i), at: c.time) }
        }
        queue.schedule(.check, at: 0)
        queue.schedule(.upkeep, at: config.automationPhase)
        if let u = config.randomUsers { queue.schedule(.randomUser, at: Self.interval(mean: u.meanInterval, &random)) }
        queue.schedule(.end, at: config.duration)
    }

    /// Runs to the end of the configured duration. Contract reverts are part of the story and
    /// logged; a failure of the harness itself (a transaction that could not be sent) is thrown.
    /// `streaming`, when given, receives every log entry as it is noted (those of the setup first).
    public func run(streaming: ((EventLog.Entry) -> Void)? = nil) throws {
        if let streaming {
            log.entries.forEach(streaming)
            log.onEntry = streaming
        }
        defer { log.onEntry = nil }
        while let (t, event) = queue.pop() {
            now = t
            eventCount += 1
            home.warp(to: t)
            remote?.warp(to: t)
            switch event {
            case .check: try check(at: t)
            case .upkeep: try upkeep(at: t)
            case .reserveChange:
                let before = book.total(at: t > 0 ? t - 1 : 0), after = book.total(at: t)
                if before != after { log.note(t, .reserves, "true reserves \(log.amount(after)) (was \(log.amount(before)))") }
            case .user(let i): try user(config.userEvents[i], at: t)
            case .randomUser: try randomUser(at: t)
            case .addressListChange(let i): try addressListChange(i, at: t)
            case .bridge(let i): try bridge(i, at: t)
            case .end:
                metrics.observe(at: t, reserves: book.total(at: t), supply: supply, paused: paused)
                metrics.finish(at: t)
                return
            }
            metrics.observe(at: t, reserves: book.total(at: t), supply: supply, paused: paused)
        }
    }

    /// Watchers of every transaction the run sends from now on, on each chain (a trace folder, a
    /// call-tree recorder); the deployment before the run is not watched.
    public func watch(_ watchers: [any TransactionWatcher]) {
        home.chain.watchers = watchers
        remote?.chain.watchers = watchers
    }

    /// Simulated seconds since the start, from a chain's block timestamp.
    public func simulatedTime(of chain: Chain) -> UInt64 {
        chain.block.timestamp >= config.genesis ? chain.block.timestamp - config.genesis : 0
    }

    /// The closing summary of the metrics.
    public var summary: [String] {
        ["sources: " + book.sources.map { "\($0.name) (\($0.trust.rawValue))" }.joined(separator: ", ")]
            + metrics.summary(decimals: config.feedDecimals)
    }

    private func reschedule(_ e: Event, after interval: UInt64) {
        let (next, overflow) = now.addingReportingOverflow(interval)
        if !overflow, next <= config.duration { queue.schedule(e, at: next) }
    }

    private func check(at t: UInt64) throws {
        reschedule(.check, after: config.checkInterval)
        metrics.checks += 1
        round &+= 1
        book.listed = try home.listedAddresses().map(Set.init)
        try checkCirculation(at: t)
        let observed = network.observations(at: t, book: book, random: &random)
        defer {
            if config.recordSeries {
                series.append(Sample(time: t, trueReserves: book.total(at: t), observations: observed,
                                     answer: lastUpdate?.answer, supply: supply, supplyByChain: supplyByChain,
                                     paused: paused))
            }
        }
        switch network.report(round, from: observed) {
        case .noQuorum(let live, let needed):
            metrics.failedRounds += 1
            log.note(t, .roundFailed, "round \(round) failed: \(live) of \(network.nodes.count) nodes observed, \(needed) needed")
        case .report(let report):
            guard let reason = config.rule.reason(new: report.median, last: lastUpdate, now: t) else { return }
            let outcome = try home.transmit(report)
            guard outcome.succeeded else {
                metrics.transmitReverts += 1
                log.note(t, .reportRefused, "report refused by the feed: \(home.reason(outcome))")
                return
            }
            metrics.updates[reason, default: 0] += 1
            metrics.updateGas += outcome.gasUsed
            let previous = lastUpdate.map { " (was \(log.amount($0.answer)))" } ?? ""
            lastUpdate = (report.median, t)
            log.note(t, .report, "report transmitted (\(reason.rawValue)): \(log.amount(report.median))\(previous) by node \(report.leader + 1), gas \(outcome.gasUsed)")
        }
    }

    /// Supply on every chain.
    private func totalSupply() throws -> U256 {
        supplyByChain = [try home.totalSupply()] + (try remote.map { [try $0.totalSupply()] } ?? [])
        return supplyByChain.reduce(.zero, &+)
    }

    /// The circulation round: every live node reads totalSupply() on the other chain as it is now
    /// (a chain has no stale view to offer), and the report goes to the circulation feed under
    /// the same update rule as the reserves.
    private func checkCirculation(at t: UInt64) throws {
        guard let remote else { return }
        let outside = try remote.totalSupply()
        let observed: [U256?] = network.nodes.map { $0.isOffline(at: t) ? nil : outside }
        let report: OracleNetwork.Report
        switch network.report(round, from: observed) {
        case .noQuorum(let live, let needed):
            metrics.failedCirculationRounds += 1
            return log.note(t, .roundFailed, "circulation round \(round) failed: \(live) of \(network.nodes.count) nodes read the other chain, \(needed) needed")
        case .report(let r): report = r
        }
        guard let reason = config.rule.reason(new: report.median, last: lastCirculation, now: t) else { return }
        let outcome = try home.transmit(report, circulation: true)
        guard outcome.succeeded else {
            metrics.transmitReverts += 1
            log.note(t, .reportRefused, "circulation report refused by its feed: \(home.reason(outcome))")
            return
        }
        metrics.circulationUpdates += 1
        metrics.circulationGas += outcome.gasUsed
        lastCirculation = (report.median, t)
        log.note(t, .circulationReport, "circulation report transmitted (\(reason.rawValue)): \(log.amount(report.median)) on the other chain")
    }

    private func bridge(_ i: Int, at t: UInt64) throws {
        guard let remote, let b = config.circulation?.bridges[i] else { return }
        let amount = log.amount(b.amount)
        switch b.kind {
        case .toRemote:
            let burn = try home.redeem(b.amount)
            guard burn.succeeded else { return log.note(t, .bridge, "bridge of \(amount) to the other chain: burn failed: \(home.reason(burn))") }
            let mint = try remote.mint(b.amount)
            if !mint.succeeded { log.note(t, .bridge, "bridge of \(amount) to the other chain: mint failed: \(home.reason(mint))") }
        case .toHome:
            let burn = try remote.burn(b.amount)
            guard burn.succeeded else { return log.note(t, .bridge, "bridge of \(amount) home: burn failed: \(home.reason(burn))") }
            let mint = try home.mint(b.amount)
            if !mint.succeeded { log.note(t, .bridge, "bridge of \(amount) home: mint refused: \(home.reason(mint))") }
        case .remoteMint:
            let mint = try remote.mint(b.amount)
            log.note(t, .bridge, mint.succeeded ? "unbacked bridge mint of \(amount) on the other chain" : "bridge mint failed: \(home.reason(mint))")
        }
        supply = try totalSupply()
    }

    private func addressListChange(_ i: Int, at t: UInt64) throws {
        guard let change = config.addressList?.changes[i], let outcome = try home.changeAddressList(change) else { return }
        let what = (change.isAddition ? "added " : "removed ") + change.address
        log.note(t, .addressList, outcome.succeeded ? "address list: \(what)" : "address list: \(what) failed: \(home.reason(outcome))")
    }

    private func upkeep(at t: UInt64) throws {
        reschedule(.upkeep, after: config.automationInterval)
        let (result, gas) = try home.upkeep()
        metrics.upkeepGas += gas
        switch result {
        case .none: break
        case .tripped:
            paused = true
            metrics.trips += 1
            metrics.tripTimes.append(t)
            log.note(t, .tripped, "breaker tripped: minting paused (true reserves \(log.amount(book.total(at: t))), supply \(log.amount(supply)))")
        case .reset:
            paused = false
            metrics.resets += 1
            log.note(t, .reset, "breaker reset: minting resumed")
        case .failed(let why):
            log.note(t, .upkeepFailed, "upkeep failed: \(why)")
        }
    }

    /// 1 ... 2 · mean − 1 seconds, uniform (mean `mean`); never 0, so time always moves on.
    static func interval(mean: UInt64, _ random: inout SeededRandom) -> UInt64 {
        1 + random.upTo(min(max(mean, 1), UInt64.max / 2) * 2 - 2)
    }

    private func randomUser(at t: UInt64) throws {
        guard let u = config.randomUsers else { return }
        reschedule(.randomUser, after: Self.interval(mean: u.meanInterval, &random))
        let amount = u.minAmount &+ (u.maxAmount &- u.minAmount).scaledPPM(random.upTo(1_000_000))
        let pick = random.upTo(99)
        let action: SimulationConfig.UserEvent.Action = pick < u.mintPercent ? .mint
            : pick < u.mintPercent + u.redeemPercent ? .redeem : .transfer
        if action == .mint { return try user(.init(.mint, amount, at: t), at: t) }
        let balance = try home.holderBalance()
        if balance.isZero { return }
        try user(.init(action, balance < amount ? balance : amount, at: t), at: t)
    }

    private func user(_ e: SimulationConfig.UserEvent, at t: UInt64) throws {
        let outcome: CallOutcome
        switch e.action {
        case .mint: outcome = try home.mint(e.amount)
        case .redeem: outcome = try home.redeem(e.amount)
        case .transfer: outcome = try home.transfer(e.amount)
        }
        if outcome.succeeded {
            if e.action == .mint { metrics.mints += 1 }
            supply = try totalSupply()
        } else if e.action == .mint {
            let why = home.reason(outcome)
            metrics.mintsRefused[why, default: 0] += 1
            log.note(t, .mintRefused, "mint of \(log.amount(e.amount)) refused: \(why)")
        } else {
            log.note(t, .userFailed, "\(e.action.rawValue) of \(log.amount(e.amount)) failed: \(home.reason(outcome))")
        }
    }
}
