import ABI
import EVM
import Harness
import Primitives
import UInt256

/// Plays one `DemoStory` on a fresh chain: the contracts, the accounts, the clock, and the
/// on-chain steps (reports, mints, upkeeps); the sections are in DemoSections.swift and the
/// wording in DemoNarration.swift.
final class DemoRunner {
    typealias Amounts = PoRDemo.Amounts
    let story: DemoStory
    let emit: (DemoLine) -> Void
    let chain: Chain
    let por: PoRDeployment
    let alice: TestAccount, bob: TestAccount, carol: TestAccount
    var rows: [DemoSummaryRow] = []
    var sections: [DemoSection] = [DemoSection(number: 0, title: "Introduction", time: nil)]
    var epochAndRound: UInt64 = 0
    var names: [Address: String] = [:]
    var now: UInt64 = PoRDemo.startTime
    let headingWidth: Int
    /// The terminal's width, to which the summary table narrows (nil: as wide as it needs).
    let tableWidth: Int?
    /// What happened, for the closing words: custom errors of refused mints, pauses, resumes.
    var refusals: [String] = []
    var pauses = 0, resumes = 0, exits = 0
    /// Why the breaker paused ("the shortfall", "a stale reading").
    var pauseReasons: [String] = []

    static let labelWidth = 58

    init(story: DemoStory, emit: @escaping (DemoLine) -> Void, watchers: [any TransactionWatcher], width: Int?) throws {
        self.story = story
        self.emit = emit
        headingWidth = min(width ?? PoRDemo.headingWidth, PoRDemo.headingWidth)
        tableWidth = width
        chain = Chain(mode: .transactions, timestamp: PoRDemo.startTime, blockNumber: PoRDemo.startBlock)
        chain.watchers = watchers
        alice = chain.account("alice")
        bob = chain.account("bob")
        carol = chain.account("carol")
        var settings = PoRDeployment.Settings()
        settings.feedDecimals = UInt64(PoRDemo.decimals)
        settings.tokenDecimals = UInt64(PoRDemo.decimals)
        settings.committeeSize = 4
        settings.f = 1
        settings.marginBps = 0
        settings.heartbeat = story.heartbeat
        por = try PoRDeployment(chain: chain, settings: settings)
        names[por.owner.address] = "owner"
        names[por.minter.address] = "minter"
        names[por.forwarder.address] = "forwarder"
        for o in por.committee.oracles { names[o.address] = o.name }
        for a in [alice, bob, carol] { names[a.address] = a.name }
        names[por.feed.address] = "feed"
        names[por.token.address] = "token"
        names[por.breaker.address] = "breaker"
    }

    var holders: [TestAccount] { [alice, bob, carol] }

    // MARK: steps

    struct Round { var id: UInt64; var answer: UInt64; var gas: UInt64 }

    /// Oracles observe, sort, sign (the `signers` committee indexes), and `transmitter` sends the report.
    func report(_ observed: [UInt64], signers: [Int], transmitter: Int, stale: Int? = nil, explain: Bool) throws -> Round {
        let oracles = por.committee.oracles
        for (i, value) in observed.enumerated() {
            let note = i == stale ? "   (stale: still the old balance)" : ""
            say(.detail, "    \(DemoFormat.left(oracles[i].name, 8)) \(DemoFormat.short(oracles[i].address)) observes \(DemoFormat.right(btc(value), 14))\(note)")
        }
        // Sorted ascending, each value with the committee index of its observer.
        let sorted = observed.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
        epochAndRound += 1
        let digest = try por.configDigest()
        let signing = signers.map { oracles[$0] }
        let rep = try por.committee.report(configDigest: digest, epochAndRound: epochAndRound,
                                           observations: sorted.map { Answer(unsigned: U256($0.element)) },
                                           signers: signing, observers: sorted.map { UInt8($0.offset) })
        let median = rep.median.word.low64
        say(.text, "  sorted: " + sorted.map { DemoFormat.units($0.element, decimals: PoRDemo.decimals) }.joined(separator: " · ")
            + "  → median observations[\(sorted.count / 2)] = \(btc(median))")
        say(.text, "  report \(DemoFormat.shortHex(Hex.encode(rep.hash, prefix: true))) signed by "
            + signing.map(\.name).joined(separator: " and ")
            + " (f + 1 = \(por.committee.f + 1) signatures)")
        let sender = por.committee.transmitters[transmitter]
        let outcome = try por.feed.transact("transmit", arguments: rep.transmitArguments, from: sender)
        try expect(outcome, success: true, "transmit")
        actionLine(true, "\(sender.name) transmits the report to the feed", gas: outcome.gasUsed)
        if explain {
            say(.detail, "    the feed re-hashed the report, recovered both signers with ecrecover, checked they belong to the committee, and stored observations[\(sorted.count / 2)] as the new round")
        }
        let latest = try por.feed.readAll("latestRoundData")
        guard latest.count == 5, let id = latest[0].uint64Value, let answer = latest[1].intValue, answer >= 0,
              let updatedAt = latest[3].uint64Value, UInt64(answer) == median else {
            throw DemoError("latestRoundData after the report: \(latest)")
        }
        say(.text, "  feed round \(id): answer \(btc(UInt64(answer))), updatedAt \(DemoFormat.utc(updatedAt)) (latestRoundData)")
        return Round(id: id, answer: UInt64(answer), gas: outcome.gasUsed)
    }

    /// The custom error the token's rules give a mint of `amount` now (checked in this order:
    /// the pause, the feed's age against the heartbeat, the reserves), nil when it may mint.
    func expectedRefusal(_ amount: UInt64) throws -> String? {
        if try por.token.read("paused").boolValue == true { return "MintingPaused" }
        if now - min(now, try updatedAt()) > story.heartbeat { return "ReservesStale" }
        if try supply() + amount > reserves() { return "ReservesExceeded" }
        return nil
    }

    /// Mints, and narrates what the token did; throws `DemoError` when the token did otherwise
    /// than its rules say (`expectedRefusal`).
    @discardableResult
    func mint(_ amount: UInt64, to: TestAccount) throws -> Bool {
        let expected = try expectedRefusal(amount)
        let outcome = try por.token.transact("mint", to, U256(amount), from: por.minter)
        let label = "minter mints \(btc(amount)) to \(to.name)"
        guard let expected else {
            try expect(outcome, success: true, label)
            actionLine(true, label, gas: outcome.gasUsed)
            try record("mint \(btc(amount)) to \(to.name)", result: "minted", outcome: outcome)
            return true
        }
        try expect(outcome, success: false, label)
        guard case .custom(let name, _, _)? = outcome.revertReason, name == expected else {
            throw DemoError("\(label): expected \(expected), got \(outcome.revertReason.map(\.description) ?? "success")")
        }
        refusals.append(name)
        actionLine(false, label + ": refused", gas: outcome.gasUsed)
        say(.refused, "    reverted with " + describe(outcome.revertReason, abi: por.token.abi))
        say(.detail, "    revert data: \(outcome.output.count) bytes, selector "
            + "\(Hex.encode(outcome.output.prefix(4), prefix: true)) = \(errorSignature(outcome.revertReason))")
        if name == "ReservesStale" {
            say(.detail, "    the feed's answer is \(DemoFormat.duration(now - min(now, try updatedAt()))) old, "
                + "older than the heartbeat of \(DemoFormat.duration(story.heartbeat))")
        }
        try record("mint \(btc(amount)) to \(to.name)", result: "refused: \(name)", outcome: outcome)
        return false
    }

    struct UpkeepCheck: CustomStringConvertible {
        var needed: Bool, action: UInt64, status: UInt64, reserves: UInt64, supply: UInt64, performData: [UInt8]
        var description: String { "needed \(needed), action \(action), status \(status)" }
    }

    static let actions = ["none", "pause", "resume"]
    static let statuses = ["ok", "no feed", "feed call failed", "malformed answer", "answer <= 0",
                           "updatedAt zero", "updatedAt in the future", "stale"]

    /// The breaker's off-chain check (an eth_call), told by `act(on:)`.
    func checkUpkeep(quiet: Bool = true) throws -> UpkeepCheck {
        let o = try por.breaker.call("checkUpkeep", ABIValue.bytes([]))
        guard o.succeeded, o.values.count == 2, let needed = o.values[0].boolValue, let data = o.values[1].bytesValue else {
            throw DemoError("checkUpkeep failed: \(o)")
        }
        let decoded = try ABI.decode(data, as: [.uint(8), .uint(8), .uint(256), .uint(256)])
        let words = decoded.compactMap(\.uint64Value)
        guard words.count == 4 else { throw DemoError("checkUpkeep performData: \(decoded)") }
        let check = UpkeepCheck(needed: needed, action: words[0], status: words[1], reserves: words[2], supply: words[3], performData: data)
        return check
    }

    /// The forwarder performs the upkeep with the performData of `check` (the breaker does not
    /// trust it: it re-evaluates on-chain).
    func performUpkeep(_ check: UpkeepCheck, step: String, result: String) throws {
        let o = try por.breaker.transact("performUpkeep", ABIValue.bytes(check.performData), from: por.forwarder)
        try expect(o, success: true, "performUpkeep")
        actionLine(true, "forwarder calls breaker.performUpkeep", gas: o.gasUsed)
        for e in o.events { say(.detail, "    → " + describe(e)) }
        if check.action == 1 { pauses += 1 } else if check.action == 2 { resumes += 1 }
        try record(step, result: result, outcome: o)
    }

    // MARK: state

    func supply() throws -> UInt64 { try uint(por.token.read("totalSupply")) }

    /// The feed's latest answer in the token's base units (both have 8 decimals here).
    func reserves() throws -> UInt64 {
        let latest = try por.feed.readAll("latestRoundData")
        guard latest.count == 5, let answer = latest[1].intValue else { throw DemoError("latestRoundData: \(latest)") }
        return UInt64(max(answer, 0))
    }

    func updatedAt() throws -> UInt64 {
        let latest = try por.feed.readAll("latestRoundData")
        guard latest.count == 5, let t = latest[3].uint64Value else { throw DemoError("latestRoundData: \(latest)") }
        return t
    }

    func paused() throws -> Bool { try por.token.read("paused").boolValue == true }

    func balance(_ a: TestAccount) throws -> UInt64 { try uint(por.token.read("balanceOf", a)) }

    func uint(_ v: ABIValue) throws -> UInt64 {
        guard let x = v.uint64Value else { throw DemoError("expected a small unsigned value, got \(v)") }
        return x
    }

    func record(_ step: String, result: String, outcome: CallOutcome) throws {
        try record(step, result: result, gas: outcome.gasUsed, succeeded: outcome.succeeded)
    }

    func record(_ step: String, result: String, gas: UInt64, succeeded: Bool = true) throws {
        rows.append(DemoSummaryRow(number: rows.count + 1, step: step, supply: try supply(), reserves: try reserves(),
                                   paused: try paused(), succeeded: succeeded, result: result, gasUsed: gas,
                                   time: now, section: sections.last?.number ?? 0))
    }

    func expect(_ o: CallOutcome, success: Bool, _ what: String) throws {
        guard o.succeeded == success else {
            throw DemoError("\(what) should have \(success ? "succeeded" : "been refused"): \(o)")
        }
    }

    func advance(to time: UInt64) {
        now = time
        chain.warp(time)
        chain.roll(PoRDemo.startBlock + (time - PoRDemo.startTime) / PoRDemo.blockTime)
    }
}
