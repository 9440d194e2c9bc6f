import Testing
import PoR

/// A teacher's numbers: the contracts decide, the narration tells it. Expected outcomes are
/// computed here from the numbers with the contracts' rules (a mint succeeds when the supply
/// after it stays within the reserves, margin 0; the feed's answer is the median; the breaker
/// pauses when reserves < supply; a reading older than the heartbeat is refused), never read
/// from the demo's own output.
@Suite struct DemoStoryTests {
    static let btc = PoRDemo.btc
    /// The story's clock, from the section headings' times: the first report at +10 min, the
    /// mints of section 3 at +30 min, the drop report at +6 h, the refused mint at +6 h 2 min,
    /// the breaker's check at +6 h 5 min.
    static let firstReportAge: UInt64 = 1_800 - 600

    static func story(reserves: UInt64 = 1_000, mints: [UInt64] = [500, 400], withdrawal: UInt64 = 400,
                      heartbeat: UInt64 = 86_400) -> DemoStory {
        var s = DemoStory()
        s.reserves = reserves * btc
        s.mints = mints.map { $0 * btc }
        s.withdrawal = withdrawal * btc
        s.heartbeat = heartbeat
        return s
    }

    @Test func standardStoryIsTheOriginalOne() {
        let s = DemoStory.standard
        #expect(s.firstObservations == PoRDemo.Observations.first)
        #expect(s.secondObservations == PoRDemo.Observations.second)
        #expect(s.thirdObservations == PoRDemo.Observations.third)
        #expect(s.reserves == PoRDemo.Amounts.initialReserves && s.droppedReserves == PoRDemo.Amounts.droppedReserves)
        #expect(s.mints == [PoRDemo.Amounts.aliceMint, PoRDemo.Amounts.bobMint])
    }

    @Test(arguments: [
        (1_000 as UInt64, [500, 400] as [UInt64], 400 as UInt64),   // the standard story: trips
        (1_000, [500, 400], 50),      // 950 left ≥ 900 (+10) minted: no trip
        (1_000, [500, 400], 100),     // 900 left: the 10 BTC mint is refused, no trip (900 ≥ 900)
        (1_000, [500, 400], 101),     // 899 left < 900: trips
        (800, [300], 600),            // 200 left < 300: trips
        (800, [700, 200], 50),        // the 200 BTC mint is refused (900 > 800); 750 ≥ 700 + 10: no trip
    ])
    func breakerTripsAsTheNumbersSay(reserves: UInt64, mints: [UInt64], withdrawal: UInt64) throws {
        let (lines, summary) = try PoRDemo.lines(story: Self.story(reserves: reserves, mints: mints, withdrawal: withdrawal))
        let text = lines.map(\.text).joined(separator: "\n")
        // Section 3: each mint fits or not in the reserves reported first.
        var supply: UInt64 = 0
        var mintResults: [String] = []
        for m in mints {
            if supply + m <= reserves { supply += m; mintResults.append("minted") } else { mintResults.append("refused: ReservesExceeded") }
        }
        // Section 4: the median of the second report is what is left.
        let left = reserves - withdrawal
        // Section 5: 10 BTC more.
        let refusedMintFits = supply + 10 <= left
        if refusedMintFits { supply += 10 }
        let trips = left < supply
        let mintRows = summary.rows.filter { $0.step.hasPrefix("mint ") }
        #expect(Array(mintRows.prefix(mints.count).map(\.result)) == mintResults)
        #expect(mintRows.dropFirst(mints.count).first?.result == (refusedMintFits ? "minted" : "refused: ReservesExceeded"))
        #expect(summary.rows.contains { $0.step == "breaker pauses minting" } == trips)
        #expect(summary.rows.contains { $0.step == "breaker resumes minting" } == trips)
        #expect(text.contains("the token is under-backed") == (left < supply - (refusedMintFits ? 10 : 0)))
        #expect(text.contains("the circuit breaker pauses minting") == trips)
        #expect(text.contains("the circuit breaker watches") == !trips)
        #expect(text.contains("the breaker never paused minting") == !trips)
        #expect(lines.contains { $0.style == .heading && $0.text.hasPrefix("── 7. While paused") } == trips)
        // While paused a mint is refused as paused; otherwise 1 BTC is minted if it fits.
        let seventh = mintRows.dropFirst(mints.count + 1).first
        #expect(seventh?.result == (trips ? "refused: MintingPaused" : supply + 1 <= left ? "minted" : "refused: ReservesExceeded"))
        #expect(summary.rows.last?.paused == false)
    }

    @Test(arguments: [Self.firstReportAge, Self.firstReportAge - 1, 60, 86_400])
    func heartbeatMovesTheStalenessPoint(heartbeat: UInt64) throws {
        let summary = try PoRDemo.lines(story: Self.story(heartbeat: heartbeat)).summary
        let stale = Self.firstReportAge > heartbeat
        let first = try #require(summary.rows.first { $0.step.hasPrefix("mint ") })
        #expect(first.result == (stale ? "refused: ReservesStale" : "minted"), "heartbeat \(heartbeat)")
        // Every refusal for staleness happened when the last report was older than the heartbeat.
        var lastReport: UInt64 = 0
        var pausedBefore = false
        for row in summary.rows {
            if row.step.hasPrefix("oracles report") { lastReport = row.time }
            if row.step.hasPrefix("mint "), !pausedBefore {
                #expect((row.result == "refused: ReservesStale") == (row.time - lastReport > heartbeat), "\(row.step) at \(row.time)")
            }
            pausedBefore = row.paused
        }
        // The breaker sees the same stale reading and pauses at once.
        #expect(summary.rows.contains { $0.step == "breaker pauses minting" && $0.section == 3 } == stale)
    }

    @Test func outOfRangeNumbersAreRefusedWithTheirField() {
        func field(_ s: DemoStory) -> String? {
            do { try s.validate(); return nil } catch let e as DemoStoryError { return e.field } catch { return "other" }
        }
        #expect(field(Self.story()) == nil)
        #expect(field(Self.story(withdrawal: 1_000)) == "withdrawal")
        #expect(field(Self.story(withdrawal: 0)) == "withdrawal")
        #expect(field(Self.story(reserves: 0)) == "reserves")
        #expect(field(Self.story(reserves: 21_000_001)) == "reserves")
        #expect(field(Self.story(mints: [])) == "mints")
        #expect(field(Self.story(mints: [1, 0])) == "mints[1]")
        #expect(field(Self.story(mints: Array(repeating: 1, count: 7))) == "mints")
        #expect(field(Self.story(heartbeat: 59)) == "heartbeat")
        #expect(field(Self.story(heartbeat: 30 * 86_400 + 1)) == "heartbeat")
        #expect(throws: DemoStoryError.self) { try PoRDemo.run(story: Self.story(withdrawal: 2_000)) { _ in } }
    }

    @Test func amounts() {
        #expect(DemoStory.amount("12.5") == 1_250_000_000)
        #expect(DemoStory.amount(" 12.5 BTC ") == 1_250_000_000)
        #expect(DemoStory.amount("1_000 btc") == 100_000_000_000)
        #expect(DemoStory.amount("0.00000001") == 1)
        #expect(DemoStory.amount("0.000000001") == nil)
        #expect(DemoStory.amount("-1") == nil)
        #expect(DemoStory.amount("1e3") == nil)
        #expect(DemoStory.amount("5 ETH") == nil)
        #expect(DemoStory.amount("") == nil)
        #expect(DemoStory.amount("999999999999999999999") == nil)
    }

    /// The story as data for a page: sections in order, each step in the section it happened in,
    /// the clock never going back.
    @Test func sectionsAndTimeSeries() throws {
        let (lines, summary) = try PoRDemo.lines()
        #expect(summary.sections.map(\.number) == Array(0...10))
        #expect(summary.sections.flatMap(\.lines) == lines)
        #expect(summary.sections[5].title == "Guard rail 1: the token refuses to mint")
        #expect(summary.sections[4].time == PoRDemo.startTime + 6 * 3600)
        #expect(summary.rows.map(\.section) == [2, 3, 3, 4, 5, 6, 7, 7, 7, 8, 8, 9])
        #expect(zip(summary.rows, summary.rows.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(summary.rows.first?.time == PoRDemo.startTime + 600)
    }
}
