import ABI
import EVM
import Harness
import Primitives
import UInt256

/// `porvm demo`: a narrated, deterministic walk-through of the Proof of Reserve guard rails.
///
/// A custodian issues a WBTC-like token (8 decimals) against the bitcoin it holds. An oracle
/// committee (4 oracles, f = 1) reports the reserves to the feed; the token refuses mints past
/// them; a Chainlink Automation-style circuit breaker pauses minting when reserves fall short
/// and resumes it when they are back. Keys come from fixed names, the clock is set with
/// `warp`/`roll`, amounts are constants: every run produces the same lines.
///
/// The demo produces its narration through a callback, one `DemoLine` at a time, and returns
/// the summary (the state read back from the contracts after each step).
public enum PoRDemo {
    /// Decimals of the token and of the feed's answers.
    public static let decimals = 8
    /// One BTC in base units (satoshis).
    public static let btc: UInt64 = 100_000_000
    public static let symbol = "BTC"
    /// 2024-01-03 09:00:00 UTC, the clock when the contracts are deployed.
    public static let startTime: UInt64 = 1_704_272_400
    public static let startBlock: UInt64 = 19_000_000
    /// Seconds per block when the demo moves the clock.
    public static let blockTime: UInt64 = 12

    /// The story's amounts, in base units.
    public enum Amounts {
        public static let initialReserves = 1_000 * btc
        public static let aliceMint = 500 * btc
        public static let bobMint = 400 * btc
        /// What the custodian still holds after 400 BTC left its wallet.
        public static let droppedReserves = 600 * btc
        /// A mint the token refuses because it would exceed the reserves.
        public static let refusedMint = 10 * btc
        /// A mint refused because minting is paused.
        public static let pausedMint = 1 * btc
        /// What alice redeems (burns) while minting is paused.
        public static let redeem = 100 * btc
        /// What bob sends carol while minting is paused.
        public static let transfer = 25 * btc
        public static let restoredReserves = 1_000 * btc
        public static let finalMint = 50 * btc
    }

    /// What each oracle observes (committee order: oracle1…oracle4), per report, in base units.
    /// In the second report oracle4 still sees the old figure: the median ignores it.
    public enum Observations {
        public static let first: [UInt64] = [100_000_000_000, 99_995_000_000, 100_002_000_000, 100_000_000_000]
        public static let second: [UInt64] = [60_000_000_000, 59_998_000_000, 60_000_000_000, 100_000_000_000]
        public static let third: [UInt64] = [100_000_000_000, 100_000_000_000, 99_999_000_000, 100_001_000_000]
    }

    /// Runs the demo on a fresh chain, calling `emit` for every line of narration; `watchers`
    /// see every transaction (`porvm demo --trace DIR`, `--call-tree`).
    /// Throws when the compiled contracts cannot be found (`HarnessError.fileNotFound`) or
    /// when the chain does not behave as the story says (`DemoError`).
    @discardableResult
    public static func run(watchers: [any TransactionWatcher] = [], _ emit: (DemoLine) -> Void) throws -> DemoSummary {
        try withoutActuallyEscaping(emit) { emit in
            let runner = try DemoRunner(emit: emit, watchers: watchers)
            try runner.play()
            return DemoSummary(rows: runner.rows, decimals: decimals, symbol: symbol)
        }
    }

    /// The demo's lines, collected.
    public static func lines() throws -> (lines: [DemoLine], summary: DemoSummary) {
        var lines = [DemoLine]()
        let summary = try run { lines.append($0) }
        return (lines, summary)
    }
}

/// The chain did something the story did not expect (a mint meant to succeed reverted...).
public struct DemoError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}

final class DemoRunner {
    typealias Amounts = PoRDemo.Amounts
    let emit: (DemoLine) -> Void
    let chain: Chain
    let por: PoRDeployment
    let alice: TestAccount, bob: TestAccount, carol: TestAccount
    var rows: [DemoSummaryRow] = []
    var epochAndRound: UInt64 = 0
    var names: [Address: String] = [:]
    var now: UInt64 = PoRDemo.startTime

    static let labelWidth = 58
    /// Width of the section headings (the narration stays within it).
    static let width = 92

    init(emit: @escaping (DemoLine) -> Void, watchers: [any TransactionWatcher]) throws {
        self.emit = emit
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
        settings.heartbeat = 86_400
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

    // MARK: the story

    func play() throws {
        intro()
        try deploySection()
        try firstReportSection()
        try mintingSection()
        try dropSection()
        try refusedMintSection()
        try pauseSection()
        try whilePausedSection()
        try recoverySection()
        try mintAgainSection()
        try summarySection()
    }

    func intro() {
        say(.title, "porvm demo: Proof of Reserve guard rails, step by step")
        say(.text, "A custodian holds bitcoin and issues WBTC, a token backed 1:1 (8 decimals). Three contracts")
        say(.text, "keep the token honest:")
        say(.text, "  • PoRAggregator          the Proof of Reserve feed: oracles sign, the median is the answer")
        say(.text, "  • SecureMintToken        reads the feed on every mint, refuses any mint past the reserves")
        say(.text, "  • ReserveCircuitBreaker  an Automation upkeep that pauses minting when reserves fall short")
        say(.detail, "Everything runs on porvm's own EVM (Cancun) as signed transactions; keys, clock and amounts")
        say(.detail, "are fixed, so every run prints the same thing.")
    }

    func deploySection() throws {
        heading(1, "Setting the stage", at: PoRDemo.startTime)
        say(.text, "The owner deploys the feed, the token and the breaker, and wires them together.")
        for c in [por.feed, por.token, por.breaker] {
            let gas = chain.gasReport["\(c.name).constructor"]?.last ?? 0
            actionLine(true, "deploy \(DemoFormat.left(c.name, 22)) at \(DemoFormat.short(c.address))", gas: gas)
        }
        let committee = por.committee
        wiringLine("PoRAggregator.setConfig", "feed.setConfig: \(committee.oracles.count) oracles, f = \(committee.f)")
        wiringLine("SecureMintToken.setMinter", "token.setMinter(minter \(DemoFormat.short(por.minter.address)))")
        wiringLine("SecureMintToken.setPauser", "token.setPauser(breaker)")
        wiringLine("ReserveCircuitBreaker.setForwarder",
                   "breaker.setForwarder(forwarder \(DemoFormat.short(por.forwarder.address)))")
        say(.detail, "    committee: \(committee.oracles.first?.name ?? "")…\(committee.oracles.last?.name ?? ""), "
            + "f = \(committee.f) (tolerates \(committee.f) faulty oracle\(committee.f == 1 ? "" : "s"))")
        let heartbeat = try uint(por.token.read("heartbeat"))
        let margin = try uint(por.token.read("marginBps"))
        say(.detail, "    token rules: heartbeat \(heartbeat / 3600) h (older reports are refused), safety margin \(margin) bps")
    }

    func firstReportSection() throws {
        heading(2, "The oracles report the reserves", at: PoRDemo.startTime + 600)
        say(.text, "Each oracle checks the custodian's bitcoin addresses and observes the balance. A report")
        say(.text, "carries the sorted observations; f + 1 = 2 oracles sign it; one of them transmits it.")
        let round = try report(PoRDemo.Observations.first, signers: [0, 2], transmitter: 0, explain: true)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
    }

    func mintingSection() throws {
        heading(3, "Minting within the reserves", at: PoRDemo.startTime + 1_800)
        say(.text, "Customers deposit bitcoin; the minter issues WBTC. Each mint checks the feed first.")
        try mint(Amounts.aliceMint, to: alice, expect: .success)
        try stateLine(mintable: true)
        try mint(Amounts.bobMint, to: bob, expect: .success)
        try stateLine(mintable: true)
        let check = try checkUpkeep()
        say(.detail, "    automation checkUpkeep → upkeepNeeded = \(check.needed): reserves cover the supply, nothing to do")
    }

    func dropSection() throws {
        let lost = Amounts.initialReserves - Amounts.droppedReserves
        heading(4, "The reserves drop", at: PoRDemo.startTime + 6 * 3600)
        say(.alert, "  \(btc(lost)) leave the custodian's wallet (a hack, or an undisclosed withdrawal).")
        say(.text, "The custodian now holds \(btc(Amounts.droppedReserves)) while \(DemoFormat.units(try supply(), decimals: PoRDemo.decimals)) WBTC circulate.")
        say(.text, "The next report says so; oracle4 still reports the old balance, and the median outvotes it.")
        let round = try report(PoRDemo.Observations.second, signers: [1, 2], transmitter: 1, stale: 3, explain: false)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
        let s = try supply(), r = try reserves()
        say(.alert, "  reserves \(btc(r)) < supply \(btc(s)): collateral \(DemoFormat.ratio(reserves: r, supply: s)), the token is under-backed")
    }

    func refusedMintSection() throws {
        heading(5, "Guard rail 1: the token refuses to mint", at: PoRDemo.startTime + 6 * 3600 + 120)
        say(.text, "The minter, unaware, tries to issue \(btc(Amounts.refusedMint)) more.")
        try mint(Amounts.refusedMint, to: carol, expect: .refused("ReservesExceeded"))
        say(.detail, "    the token read the feed: supply after the mint would be \(btc(try supply() + Amounts.refusedMint)), above \(btc(try reserves()))")
        say(.detail, "    mintableAmount() = \(btc(try uint(por.token.read("mintableAmount"))))")
    }

    func pauseSection() throws {
        heading(6, "Guard rail 2: the circuit breaker pauses minting", at: PoRDemo.startTime + 6 * 3600 + 300)
        say(.text, "The Automation network simulates checkUpkeep off-chain (an eth_call, no transaction):")
        let check = try checkUpkeep()
        guard check.needed, check.action == 1 else { throw DemoError("checkUpkeep should ask for a pause, got \(check)") }
        say(.text, "It needs an upkeep, so the forwarder sends performUpkeep; the breaker re-checks on-chain.")
        try performUpkeep(check, step: "breaker pauses minting", result: "paused")
        let paused = try por.token.read("paused").boolValue == true
        let by = try por.token.read("pausedBy").address
        guard paused, by == por.breaker.address else { throw DemoError("the token should be paused by the breaker") }
        say(.alert, "  minting is paused (paused() = true, pausedBy() = breaker \(DemoFormat.short(por.breaker.address)))")
    }

    func whilePausedSection() throws {
        heading(7, "While paused", at: PoRDemo.startTime + 7 * 3600)
        say(.text, "No mint goes through now, whatever its size:")
        try mint(Amounts.pausedMint, to: carol, expect: .refused("MintingPaused"))
        say(.text, "Holders are not trapped: they can still redeem (burn) and transfer.")
        let burn = try por.token.transact("burn", U256(Amounts.redeem), from: alice)
        try expect(burn, success: true, "alice burns")
        actionLine(true, "alice redeems \(btc(Amounts.redeem)) (burn)", gas: burn.gasUsed)
        try record("alice redeems \(btc(Amounts.redeem))", result: "burned", outcome: burn)
        let transfer = try por.token.transact("transfer", carol, U256(Amounts.transfer), from: bob)
        try expect(transfer, success: true, "bob transfers")
        actionLine(true, "bob transfers \(btc(Amounts.transfer)) to carol", gas: transfer.gasUsed)
        try record("bob sends carol \(btc(Amounts.transfer))", result: "transferred", outcome: transfer)
        try stateLine(mintable: false)
    }

    func recoverySection() throws {
        heading(8, "The reserves come back", at: PoRDemo.startTime + 24 * 3600)
        say(.text, "Next morning the custodian restores the missing bitcoin; the oracles report it.")
        let round = try report(PoRDemo.Observations.third, signers: [0, 3], transmitter: 2, explain: false)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
        advance(to: now + 60)
        let check = try checkUpkeep()
        guard check.needed, check.action == 2 else { throw DemoError("checkUpkeep should ask for a resume, got \(check)") }
        say(.text, "The reserves cover the supply and the breaker made the pause itself, so it may lift it:")
        try performUpkeep(check, step: "breaker resumes minting", result: "resumed")
        guard try por.token.read("paused").boolValue == false else { throw DemoError("the token should not be paused") }
        say(.alert, "  minting is open again (paused() = false)")
    }

    func mintAgainSection() throws {
        heading(9, "Minting again", at: PoRDemo.startTime + 24 * 3600 + 600)
        try mint(Amounts.finalMint, to: carol, expect: .success)
        try stateLine(mintable: true)
    }

    func summarySection() throws {
        heading(10, "Summary")
        for line in DemoSummary(rows: rows, decimals: PoRDemo.decimals, symbol: PoRDemo.symbol).tableLines() { emit(line) }
        let total = rows.reduce(UInt64(0)) { $0 + $1.gasUsed }
        say(.blank, "")
        say(.text, "The guard rails held:")
        say(.text, "  • the token refused the mint that would have over-issued (ReservesExceeded), by itself;")
        say(.text, "  • the breaker paused minting once the automation saw the shortfall, and resumed it when")
        say(.text, "    the reserves covered the supply again;")
        say(.text, "  • holders could redeem and transfer throughout: a pause stops issuance, not exits.")
        say(.detail, "\(rows.count) steps, \(DemoFormat.gas(total)) gas in their transactions. Final supply \(btc(try supply())), reserves \(btc(try reserves())).")
    }

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
            say(.detail, "    the feed re-hashed the report, recovered both signers with ecrecover, checked they")
            say(.detail, "    belong to the committee, and stored observations[\(sorted.count / 2)] as the new round")
        }
        let latest = try por.feed.readAll("latestRoundData")
        guard latest.count == 5, let id = latest[0].uint64Value, let answer = latest[1].intValue, answer >= 0,
              let updatedAt = latest[3].uint64Value, UInt64(answer) == median else {
            throw DemoError("latestRoundData after the report: \(latest)")
        }
        say(.text, "  feed round \(id): answer \(btc(UInt64(answer))), updatedAt \(DemoFormat.utc(updatedAt)) (latestRoundData)")
        return Round(id: id, answer: UInt64(answer), gas: outcome.gasUsed)
    }

    enum Expectation { case success, refused(String) }

    func mint(_ amount: UInt64, to: TestAccount, expect e: Expectation) throws {
        let outcome = try por.token.transact("mint", to, U256(amount), from: por.minter)
        let label = "minter mints \(btc(amount)) to \(to.name)"
        switch e {
        case .success:
            try expect(outcome, success: true, label)
            actionLine(true, label, gas: outcome.gasUsed)
            try record("mint \(btc(amount)) to \(to.name)", result: "minted", outcome: outcome)
        case .refused(let error):
            try expect(outcome, success: false, label)
            guard case .custom(let name, _, _)? = outcome.revertReason, name == error else {
                throw DemoError("\(label): expected \(error), got \(outcome.revertReason.map(\.description) ?? "success")")
            }
            actionLine(false, label + ": refused", gas: outcome.gasUsed)
            say(.refused, "    reverted with " + describe(outcome.revertReason, abi: por.token.abi))
            say(.detail, "    revert data: \(outcome.output.count) bytes, selector "
                + "\(Hex.encode(outcome.output.prefix(4), prefix: true)) = \(errorSignature(outcome.revertReason))")
            try record("mint \(btc(amount)) to \(to.name)", result: "refused: \(name)", outcome: outcome)
        }
    }

    struct UpkeepCheck: CustomStringConvertible {
        var needed: Bool, action: UInt64, status: UInt64, reserves: UInt64, supply: UInt64, performData: [UInt8]
        var description: String { "needed \(needed), action \(action), status \(status)" }
    }

    static let actions = ["none", "pause", "resume"]
    static let statuses = ["ok", "no feed", "feed call failed", "malformed answer", "answer <= 0",
                           "updatedAt zero", "updatedAt in the future", "stale"]

    func checkUpkeep() throws -> UpkeepCheck {
        let o = try por.breaker.call("checkUpkeep", ABIValue.bytes([]))
        guard o.succeeded, o.values.count == 2, let needed = o.values[0].boolValue, let data = o.values[1].bytesValue else {
            throw DemoError("checkUpkeep failed: \(o)")
        }
        let decoded = try ABI.decode(data, as: [.uint(8), .uint(8), .uint(256), .uint(256)])
        let words = decoded.compactMap(\.uint64Value)
        guard words.count == 4 else { throw DemoError("checkUpkeep performData: \(decoded)") }
        let check = UpkeepCheck(needed: needed, action: words[0], status: words[1], reserves: words[2], supply: words[3], performData: data)
        if needed {
            say(.text, "  checkUpkeep(\"\") → upkeepNeeded = true, performData decodes to")
            say(.text, "    action \(words[0]) \(Self.name(words[0], Self.actions)), reading \(words[1]) \(Self.name(words[1], Self.statuses)), "
                + "reserves \(btc(words[2])), supply \(btc(words[3]))")
        }
        return check
    }

    /// The forwarder performs the upkeep with the performData of `check` (the breaker does not
    /// trust it: it re-evaluates on-chain).
    func performUpkeep(_ check: UpkeepCheck, step: String, result: String) throws {
        let o = try por.breaker.transact("performUpkeep", ABIValue.bytes(check.performData), from: por.forwarder)
        try expect(o, success: true, "performUpkeep")
        actionLine(true, "forwarder calls breaker.performUpkeep", gas: o.gasUsed)
        for e in o.events { say(.detail, "    → " + describe(e)) }
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

    func uint(_ v: ABIValue) throws -> UInt64 {
        guard let x = v.uint64Value else { throw DemoError("expected a small unsigned value, got \(v)") }
        return x
    }

    func stateLine(mintable: Bool) throws {
        let s = try supply(), r = try reserves()
        var text = "    supply \(btc(s)) / reserves \(btc(r)) = collateral \(DemoFormat.ratio(reserves: r, supply: s))"
        if mintable { text += "; mintable now \(btc(try uint(por.token.read("mintableAmount"))))" }
        say(.detail, text)
    }

    func record(_ step: String, result: String, outcome: CallOutcome) throws {
        try record(step, result: result, gas: outcome.gasUsed, succeeded: outcome.succeeded)
    }

    func record(_ step: String, result: String, gas: UInt64, succeeded: Bool = true) throws {
        rows.append(DemoSummaryRow(number: rows.count + 1, step: step, supply: try supply(), reserves: try reserves(),
                                   paused: try por.token.read("paused").boolValue == true,
                                   succeeded: succeeded, result: result, gasUsed: gas))
    }

    func expect(_ o: CallOutcome, success: Bool, _ what: String) throws {
        guard o.succeeded == success else {
            throw DemoError("\(what) should have \(success ? "succeeded" : "been refused"): \(o)")
        }
    }

    // MARK: narration

    func say(_ style: DemoLine.Style, _ text: String) { emit(DemoLine(style, text)) }

    func heading(_ n: Int, _ title: String, at time: UInt64? = nil) {
        if let time { advance(to: time) }
        say(.blank, "")
        let head = "── \(n). \(title) "
        let clock = time == nil ? "" : " \(DemoFormat.clock(now)), block \(DemoFormat.grouped(String(chain.block.number))) ──"
        let fill = max(3, Self.width - head.count - clock.count)
        say(.heading, head + String(repeating: "─", count: fill) + clock)
    }

    func advance(to time: UInt64) {
        now = time
        chain.warp(time)
        chain.roll(PoRDemo.startBlock + (time - PoRDemo.startTime) / PoRDemo.blockTime)
    }

    func actionLine(_ ok: Bool, _ label: String, gas: UInt64) {
        let text = "  \(ok ? "✓" : "✗") " + DemoFormat.left(label, Self.labelWidth) + " gas " + DemoFormat.right(DemoFormat.gas(gas), 9)
        say(ok ? .success : .refused, text)
    }

    func wiringLine(_ key: String, _ label: String) {
        actionLine(true, label, gas: chain.gasReport[key]?.last ?? 0)
    }

    func btc(_ amount: UInt64) -> String { DemoFormat.units(amount, decimals: PoRDemo.decimals) + " " + PoRDemo.symbol }

    func who(_ a: Address) -> String {
        names[a].map { "\($0) \(DemoFormat.short(a))" } ?? DemoFormat.short(a)
    }

    static func name(_ i: UInt64, _ list: [String]) -> String { i < list.count ? "(\(list[Int(i)]))" : "(?)" }

    static let amountNames: Set<String> = ["supplyAfterMint", "reserves", "supply", "value", "balance", "needed", "allowance"]

    /// An argument shown with its name: amounts in BTC, addresses by who they are.
    func argument(_ name: String, _ v: ABIValue) -> String {
        let shown: String
        switch v {
        case .uint(let u) where Self.amountNames.contains(name) && u.fitsInUInt64: shown = btc(u.w0)
        case .address(let a): shown = who(a)
        case .uint(let u) where name == "readingStatus" && u.fitsInUInt64: shown = "\(u.w0) \(Self.name(u.w0, Self.statuses))"
        default: shown = v.description
        }
        return name.isEmpty ? shown : "\(name): \(shown)"
    }

    /// "ReservesExceeded(supplyAfterMint: 910 BTC, reserves: 600 BTC)".
    func describe(_ reason: RevertReason?, abi: ContractABI) -> String {
        guard let reason else { return "(no reason)" }
        guard case .custom(let name, let signature, let args) = reason else { return reason.description }
        let params = abi.errors.first { $0.signature == signature }?.inputs.map(\.name) ?? []
        let shown = args.enumerated().map { i, v in argument(i < params.count ? params[i] : "", v) }
        return name + "(" + shown.joined(separator: ", ") + ")"
    }

    func errorSignature(_ reason: RevertReason?) -> String {
        if case .custom(_, let signature, _)? = reason { return signature }
        return reason?.description ?? "?"
    }

    /// "Paused(account: breaker 0x…)" with the emitter's name in front.
    func describe(_ e: DecodedEvent) -> String {
        let emitter = names[e.address] ?? DemoFormat.short(e.address)
        return "\(emitter).\(e.name)(" + e.fields.map { argument($0.name, $0.value) }.joined(separator: ", ") + ")"
    }
}
