import Foundation
import Testing
import PoR
@testable import Views

/// DemoPage from hand-made summaries: hostile text stays text, links only to transactions that
/// exist, and the pause intervals follow the rows' paused flags.
@Suite struct DemoPageTests {
    static let hostile = "</script><img src=x onerror=alert(1)>\"'&"

    /// A row through its Codable form (its memberwise initialiser is internal to PoR).
    static func row(_ number: Int, _ step: String, supply: UInt64, reserves: UInt64, paused: Bool, succeeded: Bool,
                    result: String, time: UInt64) throws -> DemoSummaryRow {
        let object: [String: Any] = ["number": number, "step": step, "supply": supply, "reserves": reserves, "paused": paused,
                                     "succeeded": succeeded, "result": result, "gasUsed": 21_000, "time": time, "section": 1]
        return try JSONDecoder().decode(DemoSummaryRow.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    func summary() throws -> DemoSummary {
        var s = DemoSummary(rows: [
            try Self.row(1, Self.hostile, supply: 5, reserves: 10, paused: false, succeeded: true, result: Self.hostile, time: PoRDemo.startTime + 60),
            try Self.row(2, "pause", supply: 5, reserves: 1, paused: true, succeeded: true, result: "paused", time: PoRDemo.startTime + 600),
            try Self.row(3, "mint 1 to <b>", supply: 5, reserves: 1, paused: true, succeeded: false, result: "refused", time: PoRDemo.startTime + 900),
            try Self.row(4, "resume", supply: 5, reserves: 10, paused: false, succeeded: true, result: "resumed", time: PoRDemo.startTime + 1_200),
        ], decimals: 8, symbol: "<BTC>")
        s.sections = [DemoSection(number: 0, title: "Introduction", time: nil, lines: [DemoLine(.title, Self.hostile)]),
                      DemoSection(number: 1, title: Self.hostile, time: PoRDemo.startTime,
                                  lines: [DemoLine(.success, "  ✓ " + Self.hostile + " gas 1"), DemoLine(.text, Self.hostile)])]
        return s
    }

    @Test func hostileTextIsEscaped() throws {
        let html = DemoPage.render(try summary(), traces: [], links: [:])
        #expect(!html.contains("<img"))
        #expect(!html.contains("</script><img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;"))
        #expect(html.contains("&lt;BTC&gt;"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func linksOnlyToRecordedTransactions() throws {
        // Line 1 (the action) names transaction 3, which the page does not hold: no link.
        let html = DemoPage.render(try summary(), traces: [], links: [1: 3])
        #expect(!html.contains("data-tx=\"3\""))
        #expect(!html.contains("class=\"tx-link\""))
        #expect(html.contains("No transaction was recorded."))
    }

    @Test func everySectionAndItsTable() throws {
        let html = DemoPage.render(try summary(), traces: [], links: [:])
        #expect(html.contains("<section class=\"demo-section\" id=\"section-0\""))
        #expect(html.contains("<section class=\"demo-section\" id=\"section-1\""))
        #expect(html.components(separatedBy: "<table class=\"steps\">").count == 2)
        #expect(html.components(separatedBy: "<tr class=\"refused paused\">").count == 2)
    }

    @Test func pauseRunsFromFirstPausedRowToNextUnpaused() throws {
        // Rows at 60, 600 (paused), 900 (paused), 1200 (not): one pause [600, 1200).
        let plot = DemoPagePlot(try summary())
        #expect(plot.pauses == [.init(from: 600, to: 1_200)])
        #expect(DemoPagePlot.pauses([(0, true), (5, false), (7, true)], end: 10) == [.init(from: 0, to: 5), .init(from: 7, to: 10)])
        #expect(DemoPagePlot.pauses([(0, false)], end: 10).isEmpty)
    }

    @Test func actionLinesAreTiedByFunctionName() {
        #expect(DemoTransactionLinks.isAction(DemoLine(.success, "  ✓ deploy X at 0x1 gas 1")))
        #expect(!DemoTransactionLinks.isAction(DemoLine(.refused, "    reverted with ReservesExceeded(…)")))
        #expect(DemoTransactionLinks.names("SecureMintToken.constructor", in: "  ✓ deploy SecureMintToken   at 0x…"))
        #expect(!DemoTransactionLinks.names("SecureMintToken.constructor", in: "  ✓ deploy PoRAggregator at 0x…"))
        #expect(DemoTransactionLinks.names("PoRAggregator.transmit", in: "  ✓ oracle1 transmits the report"))
        #expect(DemoTransactionLinks.caption("  ✗ minter mints 10 BTC to carol: refused        gas    31,000") == "minter mints 10 BTC to carol: refused")
    }
}
