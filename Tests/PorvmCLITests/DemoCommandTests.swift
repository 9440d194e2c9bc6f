import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
@Suite struct DemoCommandTests {
    /// Removes ANSI SGR sequences (`porvm demo` colours its output when stdout is a terminal,
    /// which the test process's stdout may be).
    static func plain(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test func demoExitsZeroAndPrintsTheSummary() throws {
        // 92 columns: the table's rows stay one line each (on narrower terminals their cells wrap).
        let r = porvm("demo", "--width", "92")
        #expect(r.code == 0)
        #expect(r.err.isEmpty, "\(r.err)")
        let out = r.out.map(Self.plain)
        let header = try #require(out.firstIndex { $0.hasPrefix("── 10. Summary") })
        let table = Array(out[header...])
        #expect(table.contains { $0.contains("#") && $0.contains("supply") && $0.contains("reserves") && $0.contains("ratio") && $0.contains("result") })
        #expect(table.contains { $0.contains("mint 10 BTC to carol") && $0.contains("66.66%") && $0.hasSuffix("refused: ReservesExceeded") })
        #expect(table.contains { $0.contains("breaker pauses minting") && $0.contains(" yes ") && $0.hasSuffix("paused") })
        #expect(table.contains { $0.contains("breaker resumes minting") && $0.hasSuffix("resumed") })
        #expect(table.contains { $0.contains("mint 50 BTC to carol") && $0.contains(" 850 ") && $0.contains("117.64%") && $0.hasSuffix("minted") })
        #expect(out.last?.contains("Final supply 850 BTC, reserves 1,000 BTC.") == true)
        #expect(out.contains { $0.contains("reverted with ReservesExceeded(supplyAfterMint: 910 BTC, reserves: 600 BTC)") })
    }

    @Test func noColorIsPlainAndTheSameEveryRun() {
        let first = porvm("demo", "--no-color")
        let second = porvm("demo", "--no-color")
        #expect(first.code == 0 && second.code == 0)
        #expect(first.out.count > 50)
        #expect(first.out == second.out)
        #expect(!first.out.joined().contains("\u{1B}"))
        #expect(first.out.first == "porvm demo: Proof of Reserve guard rails, step by step")
    }

    @Test func jsonPrintsOnlyTheSummary() throws {
        let r = porvm("demo", "--json")
        #expect(r.code == 0)
        #expect(r.out.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data((r.out.first ?? "").utf8))
        let json = try #require(object as? [String: Any])
        #expect(json["symbol"] as? String == "BTC")
        #expect(json["decimals"] as? Int == 8)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 12)
        #expect(steps.map { $0["result"] as? String ?? "" }.filter { $0.hasPrefix("refused") } == ["refused: ReservesExceeded", "refused: MintingPaused"])
        #expect(steps.last?["supply"] as? String == "850")
        #expect(steps.last?["reserves"] as? String == "1000")
        #expect(steps.last?["collateralRatioPercent"] as? String == "117.64")
    }

    @Test func unknownOptionIsAUsageError() {
        let r = porvm("demo", "--fast")
        #expect(r.code == 2)
        #expect(r.err.count == 1)
        #expect(r.err.first?.hasPrefix("porvm: ") == true)
    }
}
}
