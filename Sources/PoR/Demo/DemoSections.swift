import ABI
import EVM
import Harness
import Primitives
import UInt256

/// The story, section by section. The standard story's numbers give the narration of the
/// original demo; other numbers (`DemoStory`) change what the contracts do, and the narration
/// says what they did: a mint is told as minted or refused by its outcome, the breaker as
/// pausing, resuming or idle by its checkUpkeep.
extension DemoRunner {
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
        say(.text, "A custodian holds bitcoin and issues WBTC, a token backed 1:1 (8 decimals). Three contracts keep the token honest:")
        say(.text, "  • PoRAggregator          the Proof of Reserve feed: oracles sign, the median is the answer")
        say(.text, "  • SecureMintToken        reads the feed on every mint, refuses any mint past the reserves")
        say(.text, "  • ReserveCircuitBreaker  an Automation upkeep that pauses minting when reserves fall short")
        say(.detail, "Everything runs on porvm's own EVM (Cancun) as signed transactions; keys, clock and amounts are fixed, so every run prints the same thing.")
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
        say(.detail, "    token rules: heartbeat \(DemoFormat.duration(heartbeat)) (older reports are refused), safety margin \(margin) bps")
    }

    func firstReportSection() throws {
        heading(2, "The oracles report the reserves", at: PoRDemo.startTime + 600)
        say(.text, "Each oracle checks the custodian's bitcoin addresses and observes the balance. A report carries the sorted observations; f + 1 = 2 oracles sign it; one of them transmits it.")
        let round = try report(story.firstObservations, signers: [0, 2], transmitter: 0, explain: true)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
    }

    func mintingSection() throws {
        heading(3, "Minting within the reserves", at: PoRDemo.startTime + 1_800)
        say(.text, "Customers deposit bitcoin; the minter issues WBTC. Each mint checks the feed first.")
        for (i, amount) in story.mints.enumerated() {
            let minted = try mint(amount, to: holders[i % holders.count])
            try stateLine(mintable: minted)
        }
        let check = try checkUpkeep(quiet: true)
        if check.needed {
            say(.text, "The Automation network simulates checkUpkeep off-chain (an eth_call, no transaction):")
            try act(on: check)
        } else {
            say(.detail, "    automation checkUpkeep → upkeepNeeded = \(check.needed): "
                + (try paused() ? "minting is paused already, nothing to do" : "reserves cover the supply, nothing to do"))
        }
    }

    func dropSection() throws {
        heading(4, "The reserves drop", at: PoRDemo.startTime + 6 * 3600)
        say(.alert, "  \(btc(story.withdrawal)) leave the custodian's wallet (a hack, or an undisclosed withdrawal).")
        say(.text, "The custodian now holds \(btc(story.droppedReserves)) while \(DemoFormat.units(try supply(), decimals: PoRDemo.decimals)) WBTC circulate.")
        say(.text, "The next report says so; oracle4 still reports the old balance, and the median outvotes it.")
        let round = try report(story.secondObservations, signers: [1, 2], transmitter: 1, stale: 3, explain: false)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
        let s = try supply(), r = try reserves()
        if r < s {
            say(.alert, "  reserves \(btc(r)) < supply \(btc(s)): collateral \(DemoFormat.ratio(reserves: r, supply: s)), the token is under-backed")
        } else {
            say(.text, "  reserves \(btc(r)) ≥ supply \(btc(s)): collateral \(DemoFormat.ratio(reserves: r, supply: s)), the token is still fully backed")
        }
    }

    func refusedMintSection() throws {
        let time = PoRDemo.startTime + 6 * 3600 + 120
        advance(to: time)
        let amount = Amounts.refusedMint
        let refusal = try expectedRefusal(amount)
        heading(5, refusal == nil ? "Guard rail 1: the token checks every mint" : "Guard rail 1: the token refuses to mint", at: time)
        say(.text, refusal == nil ? "The minter issues \(btc(amount)) more; the token reads the feed first."
            : "The minter, unaware, tries to issue \(btc(amount)) more.")
        if try mint(amount, to: carol) {
            try stateLine(mintable: true)
        } else if refusal == "ReservesExceeded" {
            say(.detail, "    the token read the feed: supply after the mint would be \(btc(try supply() + amount)), above \(btc(try reserves()))")
            say(.detail, "    mintableAmount() = \(btc(try uint(por.token.read("mintableAmount"))))")
        }
    }

    func pauseSection() throws {
        let time = PoRDemo.startTime + 6 * 3600 + 300
        advance(to: time)
        let check = try checkUpkeep(quiet: true)
        let title = !check.needed ? "Guard rail 2: the circuit breaker watches"
            : check.action == 2 ? "Guard rail 2: the circuit breaker resumes minting" : "Guard rail 2: the circuit breaker pauses minting"
        heading(6, title, at: time)
        say(.text, "The Automation network simulates checkUpkeep off-chain (an eth_call, no transaction):")
        if check.needed {
            try act(on: check)
        } else {
            say(.text, "  checkUpkeep(\"\") → upkeepNeeded = false: " + (try paused()
                ? "minting is paused already, nothing to do"
                : "reserves \(btc(check.reserves)) cover supply \(btc(check.supply)), nothing to do"))
        }
    }

    func whilePausedSection() throws {
        let time = PoRDemo.startTime + 7 * 3600
        advance(to: time)
        let wasPaused = try paused()
        heading(7, wasPaused ? "While paused" : "Minting stays open", at: time)
        say(.text, wasPaused ? "No mint goes through now, whatever its size:" : "Minting is not paused; the minter issues \(btc(Amounts.pausedMint)) more:")
        try mint(Amounts.pausedMint, to: carol)
        say(.text, wasPaused ? "Holders are not trapped: they can still redeem (burn) and transfer." : "Holders redeem (burn) and transfer as usual.")
        // A fifth of alice's tokens and a sixteenth of bob's (100 and 25 BTC in the standard story).
        let redeem = try balance(alice) / 5
        if redeem > 0 {
            let burn = try por.token.transact("burn", U256(redeem), from: alice)
            try expect(burn, success: true, "alice burns")
            actionLine(true, "alice redeems \(btc(redeem)) (burn)", gas: burn.gasUsed)
            try record("alice redeems \(btc(redeem))", result: "burned", outcome: burn)
            exits += 1
        }
        let amount = try balance(bob) / 16
        if amount > 0 {
            let transfer = try por.token.transact("transfer", carol, U256(amount), from: bob)
            try expect(transfer, success: true, "bob transfers")
            actionLine(true, "bob transfers \(btc(amount)) to carol", gas: transfer.gasUsed)
            try record("bob sends carol \(btc(amount))", result: "transferred", outcome: transfer)
            exits += 1
        }
        try stateLine(mintable: !(try paused()))
    }

    func recoverySection() throws {
        heading(8, "The reserves come back", at: PoRDemo.startTime + 24 * 3600)
        say(.text, "Next morning the custodian restores the missing bitcoin; the oracles report it.")
        let round = try report(story.thirdObservations, signers: [0, 3], transmitter: 2, explain: false)
        try record("oracles report \(btc(round.answer))", result: "round \(round.id)", gas: round.gas)
        advance(to: now + 60)
        let check = try checkUpkeep(quiet: true)
        if check.needed {
            try act(on: check)
        } else {
            say(.text, "  checkUpkeep(\"\") → upkeepNeeded = false: " + (try paused()
                ? "minting stays paused" : "minting is not paused, there is nothing to lift"))
        }
    }

    func mintAgainSection() throws {
        heading(9, resumes > 0 ? "Minting again" : "Minting on", at: PoRDemo.startTime + 24 * 3600 + 600)
        let minted = try mint(Amounts.finalMint, to: carol)
        try stateLine(mintable: minted)
    }

    func summarySection() throws {
        heading(10, "Summary")
        emitAll(DemoSummary(rows: rows, decimals: PoRDemo.decimals, symbol: PoRDemo.symbol).tableLines(width: tableWidth))
        let total = rows.reduce(UInt64(0)) { $0 + $1.gasUsed }
        say(.blank, "")
        say(.text, "The guard rails held:")
        let exceeded = refusals.filter { $0 == "ReservesExceeded" }.count
        if exceeded > 0 {
            say(.text, "  • the token refused " + (exceeded == 1 ? "the mint" : "the \(exceeded) mints")
                + " that would have over-issued (ReservesExceeded), by itself;")
        } else {
            say(.text, "  • no mint went past the reserves, so the token refused none for that (ReservesExceeded);")
        }
        let stale = refusals.filter { $0 == "ReservesStale" }.count
        if stale > 0 {
            say(.text, "  • the token refused \(stale) mint\(stale == 1 ? "" : "s") on a feed answer older than the heartbeat of "
                + "\(DemoFormat.duration(story.heartbeat)) (ReservesStale);")
        }
        let saw = pauseReasons.joined(separator: " and ")
        if pauses > 0 && resumes > 0 {
            say(.text, "  • the breaker paused minting once the automation saw \(saw), and resumed it when the reserves covered the supply again;")
        } else if pauses > 0 {
            say(.text, "  • the breaker paused minting once the automation saw \(saw); it stays paused;")
        } else {
            say(.text, "  • the breaker never paused minting: at every check the reserves covered the supply;")
        }
        if exits == 0 {
            say(.text, "  • nobody held tokens to redeem or transfer.")
        } else {
            say(.text, pauses > 0 ? "  • holders could redeem and transfer throughout: a pause stops issuance, not exits."
                : "  • holders redeemed and transferred as usual.")
        }
        say(.detail, "\(rows.count) steps, \(DemoFormat.gas(total)) gas in their transactions. Final supply \(btc(try supply())), reserves \(btc(try reserves())).")
    }

    /// Narrates a check that needs an upkeep and has the forwarder perform it: a pause or a resume.
    func act(on check: UpkeepCheck) throws {
        say(.text, "  checkUpkeep(\"\") → upkeepNeeded = true, performData decodes to")
        say(.text, "    action \(check.action) \(Self.name(check.action, Self.actions)), reading \(check.status) \(Self.name(check.status, Self.statuses)), "
            + "reserves \(btc(check.reserves)), supply \(btc(check.supply))")
        if check.action == 1 {
            say(.text, "It needs an upkeep, so the forwarder sends performUpkeep; the breaker re-checks on-chain.")
            try performUpkeep(check, step: "breaker pauses minting", result: "paused")
            let reason = check.status == 0 ? "the shortfall" : "a \(Self.statuses[Int(min(check.status, 7))]) reading"
            if !pauseReasons.contains(reason) { pauseReasons.append(reason) }
            let by = try por.token.read("pausedBy").address
            guard try paused(), by == por.breaker.address else { throw DemoError("the token should be paused by the breaker") }
            say(.alert, "  minting is paused (paused() = true, pausedBy() = breaker \(DemoFormat.short(por.breaker.address)))")
        } else if check.action == 2 {
            say(.text, "The reserves cover the supply and the breaker made the pause itself, so it may lift it:")
            try performUpkeep(check, step: "breaker resumes minting", result: "resumed")
            guard try !paused() else { throw DemoError("the token should not be paused") }
            say(.alert, "  minting is open again (paused() = false)")
        } else {
            throw DemoError("checkUpkeep asks for action \(check.action)")
        }
    }
}
