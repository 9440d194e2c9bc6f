import Foundation
import Testing
@testable import Fuzzer

/// Merging shard summaries, and the Markdown report card read back by its structure.
struct MergeReportTests {
    static func run(_ shard: String, calls: Int, seconds: Double, broken: [(String, Int)], holding: [String]) -> FuzzSummary {
        let props = holding.map { PropertyOutcome(property: $0, broken: false) } + broken.map { p, n in
            PropertyOutcome(property: p, broken: true, message: "m\(n)", calls: (0..<n).map { "t.a() from alice #\($0)" },
                            outcomes: Array(repeating: "ok", count: n), sequence: CallSequence(Array(repeating: .warp(1), count: n)),
                            reproducer: "out\(shard)/p.scenario.json", shard: shard, seed: "9")
        }
        return FuzzSummary(config: "c.yaml", seeds: ["9"], shards: [shard], calls: calls, sequences: calls / 10, seconds: seconds,
                           callsPerSecond: Double(calls) / seconds, properties: props)
    }

    @Test func mergeAddsUpAndKeepsTheShortestFinding() {
        let runs = [Self.run("0/3", calls: 100, seconds: 2, broken: [("p", 5)], holding: ["q", "r"]),
                    Self.run("1/3", calls: 300, seconds: 3, broken: [("p", 2), ("r", 4)], holding: ["q"]),
                    Self.run("2/3", calls: 200, seconds: 1, broken: [("p", 2)], holding: ["q", "r"])]
        let m = Merge.merge(runs, corpus: "/x", corpusSize: 7)
        #expect(m.calls == 600 && m.sequences == 60)
        #expect(m.seconds == 3)                       // side by side: the longest shard
        #expect(m.callsPerSecond == 50 + 100 + 200)
        #expect(m.seeds == ["9"] && m.shards == ["0/3", "1/3", "2/3"])
        #expect(Set(m.properties.map(\.property)) == ["p", "q", "r"])
        let p = m.properties.first { $0.property == "p" }
        #expect(p?.broken == true && p?.calls?.count == 2 && p?.shard == "1/3")   // shortest; the earlier of equals
        #expect(m.properties.first { $0.property == "r" }?.shard == "1/3")
        #expect(m.properties.first { $0.property == "q" }?.broken == false)
        #expect(m.corpusSize == 7 && m.corpus == "/x")
    }

    @Test func summaryRoundTripsThroughItsFile() throws {
        let dir = NSTemporaryDirectory() + "porvm-summary-\(UUID().uuidString)"
        let s = Self.run("1/2", calls: 10, seconds: 1, broken: [("p", 1)], holding: ["q"])
        try s.write(to: dir)
        #expect(try Merge.summary(in: dir) == s)
        try Data("{\"format\": \"other/9\"}".utf8).write(to: URL(fileURLWithPath: dir + "/summary.json"))
        #expect(throws: Merge.Failure.self) { try Merge.summary(in: dir) }
        #expect(throws: Merge.Failure.self) { try Merge.summary(in: dir + "/missing") }
    }

    /// Table rows of the section under `heading`: cells split on unescaped `|`, header and rule dropped.
    static func table(_ md: String, under heading: String) -> [[String]] {
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let h = lines.firstIndex(of: heading) else { return [] }
        let rows = lines[(h + 1)...].prefix { !$0.hasPrefix("#") }.filter { $0.hasPrefix("|") }
        return rows.dropFirst(2).map { row in
            var cells: [String] = [], cur = "", esc = false
            for ch in row.dropFirst() {
                if esc { cur.append(ch); esc = false } else if ch == "\\" { esc = true } else if ch == "|" {
                    cells.append(cur.trimmingCharacters(in: .whitespaces)); cur = ""
                } else { cur.append(ch) }
            }
            return cells
        }
    }

    @Test func reportStructure() {
        var s = Self.run("0/1", calls: 1234, seconds: 2, broken: [("a | b", 3)], holding: ["t.x() <= 1"])
        s.corpus = "/c"; s.corpusSize = 4
        let md = Report.markdown(s)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(headings == ["# porvm fuzz report", "## Run", "## Properties", "### Broken: a | b", "## Coverage", "## Corpus"])
        let run = Dictionary(uniqueKeysWithValues: Self.table(md, under: "## Run").compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil })
        #expect(run["Config"] == "c.yaml" && run["Seeds"] == "9" && run["Shards"] == "0/1")
        #expect(run["Calls"] == "1234" && run["Calls per second"] == "617" && run["Seconds"] == "2.00")
        #expect(run["Corpus"] == "4 sequences in /c")
        let props = Self.table(md, under: "## Properties")
        #expect(props == [["t.x() <= 1", "passed"], ["a | b", "broken"]])
        // The broken property's numbered sequence and reproducer.
        let section = md.components(separatedBy: "### Broken: a | b")[1].components(separatedBy: "## Coverage")[0]
        #expect(section.split(separator: "\n").filter { $0.first?.isNumber == true }.count == 3)
        #expect(section.contains("Reproducer: `out0/1/p.scenario.json`"))
        #expect(section.contains("Message: m3"))
        #expect(Self.table(md, under: "## Coverage").isEmpty && md.contains("Not measured"))
        // Figures read from another machine's file may be anything finite: no trap converting them.
        let huge = Merge.merge([Self.run("0/2", calls: 1, seconds: 1, broken: [], holding: []),
                                Self.run("1/2", calls: 1, seconds: 1, broken: [], holding: [])].map { var r = $0; r.callsPerSecond = 1e308; return r })
        #expect(huge.callsPerSecond == .infinity)
        #expect(Self.table(Report.markdown(huge), under: "## Run").first { $0.first == "Calls per second" }?.last == "inf")
        s.callsPerSecond = 1e300
        #expect(Self.table(Report.markdown(s), under: "## Run").first { $0.first == "Calls per second" }?.last == "1.000e+300")
        s.coverage = [CoverageLine(contract: "token", text: "12 edges")]
        #expect(Self.table(Report.markdown(s), under: "## Coverage") == [["token", "12 edges"]])
    }
}
