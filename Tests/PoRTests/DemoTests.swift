import Foundation
import Testing
import PoR

/// `porvm demo`'s library: the story runs, says the right things, says them the same way
/// every time, and its summary agrees with the contracts' rules.
@Suite struct DemoTests {
    typealias A = PoRDemo.Amounts
    static let btc = PoRDemo.btc

    /// Expected amounts are written by Foundation's formatter, not by `DemoFormat` (under test):
    /// thousands grouped with ",", up to 8 decimals, no trailing zeros.
    static let decimalFormatter: NumberFormatter = {
        let f = NumberFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.numberStyle = .decimal
        f.usesGroupingSeparator = true
        f.groupingSeparator = ","
        f.groupingSize = 3
        f.decimalSeparator = "."
        f.minimumFractionDigits = 0
        f.maximumFractionDigits = 8
        return f
    }()
    static func plain(_ units: UInt64) -> String {
        decimalFormatter.string(from: (Decimal(units) / Decimal(100_000_000)) as NSDecimalNumber) ?? "unformattable \(units)"
    }
    static func amount(_ units: UInt64) -> String { plain(units) + " BTC" }
    /// Hundredths of a percent, written with `String(format:)`.
    static func percent(_ hundredths: UInt64) -> String { String(format: "%llu.%02llu%%", hundredths / 100, hundredths % 100) }

    /// The median the feed stores: observations sorted ascending, element count / 2.
    static func median(_ observed: [UInt64]) -> UInt64 { observed.sorted()[observed.count / 2] }

    @Test func runsToCompletionAndNarratesTheKeyFacts() throws {
        let (lines, summary) = try PoRDemo.lines()
        let text = lines.map(\.text).joined(separator: "\n")
        #expect(summary.rows.count == 12)

        // The refused mint, decoded: custom error name and arguments in BTC.
        let supplyAfterRefused = A.aliceMint + A.bobMint + A.refusedMint
        #expect(supplyAfterRefused == 910 * Self.btc)
        let refusal = "ReservesExceeded(supplyAfterMint: \(Self.amount(supplyAfterRefused)), reserves: \(Self.amount(A.droppedReserves)))"
        #expect(refusal == "ReservesExceeded(supplyAfterMint: 910 BTC, reserves: 600 BTC)")
        #expect(Self.amount(100_000_000_000) == "1,000 BTC" && Self.amount(99_995_000_000) == "999.95 BTC")
        #expect(lines.contains { $0.style == .refused && $0.text.contains("reverted with " + refusal) })
        #expect(text.contains("selector 0x") && text.contains("= ReservesExceeded(uint256,uint256)"))
        #expect(lines.contains { $0.style == .refused && $0.text.contains("reverted with MintingPaused()") })

        // The committee: medians of the three reports, the stale oracle outvoted.
        #expect(text.contains("median observations[2] = 1,000 BTC"))
        #expect(text.contains("median observations[2] = 600 BTC"))
        #expect(text.contains("(stale: still the old balance)"))
        #expect(text.contains("feed round 1: answer 1,000 BTC"))
        #expect(text.contains("feed round 2: answer 600 BTC"))
        #expect(text.contains("feed round 3: answer 1,000 BTC"))
        #expect(text.contains("(f + 1 = 2 signatures)"))

        // The automation: the pause and the resume, with their events.
        #expect(text.contains("action 1 (pause), reading 0 (ok), reserves 600 BTC, supply 900 BTC"))
        #expect(text.contains("token.Paused(account: breaker 0x"))
        #expect(text.contains("breaker.CircuitBreakerTripped(reserves: 600 BTC, supply: 900 BTC, readingStatus: 0 (ok))"))
        #expect(text.contains("action 2 (resume), reading 0 (ok), reserves 1,000 BTC, supply 800 BTC"))
        #expect(text.contains("token.Unpaused(account: breaker 0x"))
        #expect(text.contains("breaker.CircuitBreakerReset(reserves: 1,000 BTC, supply: 800 BTC)"))
        #expect(text.contains("minting is paused (paused() = true, pausedBy() = breaker"))
        #expect(text.contains("minting is open again (paused() = false)"))

        // Final supply: minted, minus the redemption, plus the last mint.
        let finalSupply = A.aliceMint + A.bobMint - A.redeem + A.finalMint
        #expect(finalSupply == 850 * Self.btc)
        #expect(text.contains("Final supply \(Self.amount(finalSupply)), reserves \(Self.amount(A.restoredReserves))."))
        #expect(text.contains("Final supply 850 BTC, reserves 1,000 BTC."))
        #expect(summary.rows.last?.supply == finalSupply)

        // Every on-chain action shows its gas; the summary header is there.
        let actions = lines.filter { $0.style == .success || ($0.style == .refused && $0.text.hasPrefix("  ✗")) }
        #expect(actions.count == 19)   // 3 deployments, 4 wiring calls, 3 transmits, 5 mints (2 refused), 2 upkeeps, burn, transfer
        for a in actions { #expect(a.text.range(of: #" gas +[0-9][0-9,]*$"#, options: .regularExpression) != nil, "\(a.text)") }
        #expect(lines.contains { $0.style == .heading && $0.text.hasPrefix("── 10. Summary") })
    }

    @Test func identicalOutputAcrossRuns() throws {
        let first = try PoRDemo.lines()
        let second = try PoRDemo.lines()
        #expect(first.lines.count > 50)
        #expect(first.lines == second.lines)
        #expect(first.summary == second.summary)
        #expect(try first.summary.json() == second.summary.json())
        #expect(first.lines.map { $0.rendered(color: true) } == second.lines.map { $0.rendered(color: true) })
    }

    /// The table's numbers, recomputed from the story's amounts with the contracts' rules:
    /// the feed's answer is the median; a mint succeeds only when not paused and when the
    /// supply after it stays within the reserves (margin 0); the breaker pauses when the
    /// reserves are below the supply and resumes when they cover it; burns always work.
    @Test func summaryAgreesWithTheContractsRules() throws {
        let summary = try PoRDemo.lines().summary
        enum Op { case report([UInt64]), mint(UInt64), upkeep, burn(UInt64), transfer }
        let ops: [Op] = [
            .report(PoRDemo.Observations.first), .mint(A.aliceMint), .mint(A.bobMint),
            .report(PoRDemo.Observations.second), .mint(A.refusedMint), .upkeep,
            .mint(A.pausedMint), .burn(A.redeem), .transfer,
            .report(PoRDemo.Observations.third), .upkeep, .mint(A.finalMint),
        ]
        try #require(summary.rows.count == ops.count)
        var supply: UInt64 = 0, reserves: UInt64 = 0, paused = false
        for (op, row) in zip(ops, summary.rows) {
            var ok = true
            switch op {
            case .report(let observed): reserves = Self.median(observed)
            case .mint(let amount):
                ok = !paused && supply + amount <= reserves
                if ok { supply += amount }
            case .upkeep:
                if reserves < supply && !paused { paused = true } else if reserves >= supply && paused { paused = false } else { ok = false }
            case .burn(let amount): supply -= amount
            case .transfer: break
            }
            #expect(row.supply == supply, "step \(row.number) \(row.step)")
            #expect(row.reserves == reserves, "step \(row.number) \(row.step)")
            #expect(row.paused == paused, "step \(row.number) \(row.step)")
            #expect(row.succeeded == ok, "step \(row.number) \(row.step)")
            let expectedRatio: UInt64? = supply == 0 ? nil : reserves * 10_000 / supply
            #expect(row.collateralRatioHundredthsOfPercent == expectedRatio, "step \(row.number)")
        }
        // The story's turning points, by value.
        #expect(summary.rows.map(\.collateralRatioHundredthsOfPercent) ==
                [nil, 20_000, 11_111, 6_666, 6_666, 6_666, 6_666, 7_500, 7_500, 12_500, 12_500, 11_764])
        #expect(summary.rows.map(\.result) == [
            "round 1", "minted", "minted", "round 2", "refused: ReservesExceeded", "paused",
            "refused: MintingPaused", "burned", "transferred", "round 3", "resumed", "minted"])

        // The printed table shows the same numbers.
        let table = summary.tableLines()
        #expect(table[0].text.contains("supply") && table[0].text.contains("ratio") && table[0].text.contains("paused"))
        for (row, line) in zip(summary.rows, table.dropFirst(2)) {
            let cells = line.text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(cells.first == String(row.number))
            #expect(line.text.contains(row.step))
            let ratio = row.collateralRatioHundredthsOfPercent.map(Self.percent) ?? "—"
            #expect(cells.contains(Self.plain(row.supply)))
            #expect(cells.contains(Self.plain(row.reserves)))
            #expect(cells.contains(ratio), "\(cells) lacks \(ratio)")
            #expect(cells.contains(row.paused ? "yes" : "no"))
            #expect(line.text.hasSuffix(row.result))
            #expect(line.style == (row.succeeded ? .table : .refused))
        }
        #expect(table.contains { $0.text.contains("66.66%") } && table.contains { $0.text.contains("117.64%") })

        // The JSON form carries the same rows.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json().utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == summary.rows.count)
        #expect(steps.last?["supply"] as? String == "850")
        #expect(steps.last?["supplyBaseUnits"] as? String == String(85_000_000_000 as UInt64))
        #expect(steps[4]["collateralRatioPercent"] as? String == "66.66")
        #expect(steps[0]["collateralRatioPercent"] == nil)
        #expect(steps[5]["paused"] as? Bool == true)
    }

    @Test func formatting() {
        #expect(DemoFormat.units(100_000_000_000 as UInt64, decimals: 8) == "1,000")
        #expect(DemoFormat.units(99_995_000_000 as UInt64, decimals: 8) == "999.95")
        #expect(DemoFormat.units(1 as UInt64, decimals: 8) == "0.00000001")
        #expect(DemoFormat.units(0 as UInt64, decimals: 8) == "0")
        #expect(DemoFormat.units(123_456_789 as UInt64, decimals: 0) == "123,456,789")
        #expect(DemoFormat.units(UInt64.max, decimals: 18) == "18.446744073709551615")
        #expect(DemoFormat.grouped("100") == "100" && DemoFormat.grouped("1000") == "1,000")
        #expect(DemoFormat.shortHex("0x5fbdb2315678afecb367f032d93f642f64180aa3") == "0x5fbd…0aa3")
        #expect(DemoFormat.ratio(reserves: 600, supply: 900) == "66.66%")
        #expect(DemoFormat.ratio(reserves: 1_000, supply: 900) == "111.11%")
        #expect(DemoFormat.ratio(reserves: 3, supply: 100) == "3.00%")
        #expect(DemoFormat.ratio(reserves: 1, supply: 0) == "—")
        #expect(DemoFormat.utc(0) == "1970-01-01 00:00:00 UTC")
        #expect(DemoFormat.utc(PoRDemo.startTime) == "2024-01-03 09:00:00 UTC")
        #expect(DemoFormat.utc(951_782_400) == "2000-02-29 00:00:00 UTC")
        #expect(DemoFormat.utc(4_107_587_696) == "2100-03-01 12:34:56 UTC")
        #expect(DemoFormat.clock(PoRDemo.startTime + 3_600 * 6 + 120) == "15:02 UTC")
    }

    @Test func coloursOnlyWhenAsked() throws {
        let lines = try PoRDemo.lines().lines
        #expect(lines.allSatisfy { !$0.rendered(color: false).contains("\u{1B}") && $0.rendered(color: false) == $0.text })
        let refused = try #require(lines.first { $0.style == .refused })
        #expect(refused.rendered(color: true) == "\u{1B}[31m" + refused.text + "\u{1B}[0m")
        #expect(lines.filter { $0.style == .heading }.allSatisfy { $0.rendered(color: true).hasPrefix("\u{1B}[1;36m") })
        #expect(DemoLine.blank.rendered(color: true) == "")
    }
}
