import Foundation
import Simulator
import Testing
import UInt256
@testable import Views

/// The page of a run holds what the run did: expected values come from the run's own log and
/// metrics (never from a saved page), and the page fetches nothing.
@Suite struct SimulationPageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Every shipped simulation file (wbtc.yaml at least).
    static let files: [String] = {
        let dir = root.appendingPathComponent("Simulations")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
            .map { dir.appendingPathComponent($0).path }
    }()

    static func run(_ config: SimulationConfig) throws -> Simulation {
        var c = config
        c.recordSeries = true
        let sim = try Simulation(config: c)
        try sim.run()
        return sim
    }

    /// The `name="..."` attribute values of the elements whose text starts with `prefix`.
    static func attributes(_ name: String, in html: String, after prefix: String) -> [String] {
        html.components(separatedBy: prefix).dropFirst().compactMap { part -> String? in
            guard let open = part.range(of: "\(name)=\""), let close = part[open.upperBound...].firstIndex(of: "\"") else { return nil }
            let tag = part[..<(part.firstIndex(of: ">") ?? part.endIndex)]
            guard tag.contains("\(name)=\"") else { return nil }
            return String(part[open.upperBound..<close])
        }
    }

    static func section(_ html: String, from start: String, to end: String) -> String {
        guard let a = html.range(of: start), let b = html[a.upperBound...].range(of: end) else { return "" }
        return String(html[a.upperBound..<b.lowerBound])
    }

    static func checkSelfContained(_ html: String) {
        for forbidden in ["http://", "https://", "//cdn", "url(", "@import"] { #expect(!html.contains(forbidden), "\(forbidden)") }
        for part in html.components(separatedBy: "src=").dropFirst() { #expect(part.hasPrefix("\"data:"), "src=\(part.prefix(30))") }
        for part in html.components(separatedBy: "href=").dropFirst() { #expect(part.hasPrefix("\"data:") || part.hasPrefix("\"#")) }
    }

    @Test func shippedFilesGiveCompletePages() throws {
        #expect(Self.files.contains { $0.hasSuffix("wbtc.yaml") })
        for file in Self.files {
            let sim = try Self.run(try SimulationFile.load(file))
            let html = SimulationPage.render(sim, file: file)
            Self.checkSelfContained(html)
            let m = sim.metrics, entries = sim.log.entries
            // One marker per transmitted report, of the reason the metrics counted.
            let markers = Self.section(html, from: "<g id=\"markers\">", to: "</g>")
            let reasons = markers.components(separatedBy: "class=\"update update-").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(reasons.count == entries.filter { $0.kind == .report }.count, "\(file)")
            for r in UpdateRule.Reason.allCases { #expect(reasons.filter { $0 == r.rawValue }.count == m.updates[r] ?? 0, "\(file) \(r)") }
            #expect(Self.attributes("data-t", in: markers, after: "class=\"update ") == entries.filter { $0.kind == .report }.map { "\($0.time)" })
            // One shaded pause per trip, from the trip to the next reset or the end.
            let pauses = Self.section(html, from: "<g id=\"pauses\">", to: "</g>")
            let from = Self.attributes("data-from", in: pauses, after: "<rect ")
            let to = Self.attributes("data-to", in: pauses, after: "<rect ")
            #expect(from == m.tripTimes.map { "\($0)" }, "\(file)")
            let resets = entries.filter { $0.kind == .reset }.map(\.time)
            for (f, t) in zip(from, to) {
                let trip = UInt64(f) ?? 0
                #expect(t == "\(resets.first { $0 > trip } ?? sim.config.duration)")
            }
            // One log row per entry, in order, text escaped.
            let rows = Self.attributes("data-t", in: html, after: "<li class=\"ev ")
            #expect(rows == entries.map { "\($0.time)" })
            #expect(html.contains("<span class=\"text\">\(HTMLPage.escape(entries.first?.text ?? ""))</span>"))
            // The three lines are drawn (non-empty paths).
            for key in ["reserves", "answer", "supply"] {
                let d = Self.attributes("d", in: html, after: "<path class=\"line line-\(key)\"")
                #expect(d.count == 1 && d.first?.hasPrefix("M") == true, "\(file) \(key)")
            }
        }
    }

    @Test func wbtcPageShowsTheWithdrawalPause() throws {
        guard let file = Self.files.first(where: { $0.hasSuffix("wbtc.yaml") }) else { Issue.record("no wbtc.yaml"); return }
        let sim = try Self.run(try SimulationFile.load(file))
        let html = SimulationPage.render(sim, file: "wbtc.yaml")
        // The file's story: one trip after the withdrawal at 864,450 s, never reset.
        #expect(sim.metrics.trips == 1)
        let from = Self.attributes("data-from", in: html, after: "<rect class=\"pause\"")
        #expect(from.count == 1 && (UInt64(from[0]) ?? 0) >= 864_450)
        #expect(html.contains("deviation 1%") && html.contains("heartbeat 1 d") && html.contains("7 nodes, f = 2"))
        print("wbtc.yaml page: \(html.utf8.count) bytes")
    }

    /// Hostile names (file, source) are text on the page, never markup.
    @Test func hostileNamesAreEscaped() throws {
        let hostile = "</script><script>alert(1)</script>"
        var c = SimulationConfig()
        c.duration = 86_400
        c.sources = [try BitcoinCustody(name: hostile, holdings: ["a": U256(100_000_000_000)], movements: [])]
        let sim = try Self.run(c)
        let html = SimulationPage.render(sim, file: hostile, name: hostile, unit: hostile)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains(HTMLPage.escape(hostile)))
        Self.checkSelfContained(html)
    }

    /// A busy run (a supply change almost every check) keeps every line within the bound.
    @Test func pointsStayBounded() throws {
        var c = SimulationConfig()
        c.duration = 3 * 86_400
        c.checkInterval = 60
        c.sources = [try BitcoinCustody(holdings: ["a": U256(100_000_000_000)], movements: [])]
        c.randomUsers = .init(meanInterval: 60, mintPercent: 60, redeemPercent: 40,
                              minAmount: U256(1_000_000), maxAmount: U256(100_000_000))
        let sim = try Self.run(c)
        let changes = StepLine(times: sim.series.map(\.time), values: sim.series.map { Double($0.supply.description) }).points.count
        #expect(changes > SimulationPlots.maxPointsPerLine)      // the bound is exercised
        let html = SimulationPage.render(sim, file: "busy")
        for d in Self.attributes("d", in: html, after: "<path class=\"line ") {
            #expect(d.filter { $0 == "H" }.count <= SimulationPlots.maxPointsPerLine + 1)
        }
        print("busy 3-day run: \(changes) supply changes, page \(html.utf8.count) bytes")
    }
}

@Suite struct TwoChainPageTests {
    /// On two chains each chain's supply has its line beside the total.
    @Test func eachChainHasItsSupplyLine() throws {
        let btc = U256(100_000_000)
        var c = SimulationConfig()
        c.duration = 86_400
        c.sources = [try BitcoinCustody(holdings: ["a": U256(1_000) &* btc], movements: [])]
        c.userEvents = [.init(.mint, U256(500) &* btc, at: 3_600)]
        c.circulation = .init(bridges: [.init(.toRemote, U256(200) &* btc, at: 7_200)])
        let sim = try SimulationPageTests.run(c)
        let html = SimulationPage.render(sim, file: "two chains")
        for key in ["supply", "supply-home", "supply-other"] {
            let d = SimulationPageTests.attributes("d", in: html, after: "<path class=\"line line-\(key)\"")
            #expect(d.count == 1 && d.first?.hasPrefix("M") == true, "\(key)")
        }
        #expect(html.contains("two chains"))
    }
}
