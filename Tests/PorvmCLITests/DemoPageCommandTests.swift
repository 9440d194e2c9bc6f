import Foundation
import Testing
import PoR
@testable import PorvmCLI

extension CLITests {
/// `porvm demo --html`: the page holds every section the terminal prints, links every action
/// line the terminal prints to a recorded transaction of the matching function, shades the
/// pause where the demo's own summary rows say minting was paused, and fetches nothing.
@Suite struct DemoPageCommandTests {
    func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("porvm-demopage-\(UUID())-\(name)").path
    }

    /// Each transaction's data block: its label (`Contract.function`), its first frame's result,
    /// and its before/after panel.
    func blocks(_ html: String) throws -> [Int: (label: String, result: String, panel: [[String]])] {
        var out: [Int: (String, String, [[String]])] = [:]
        var rest = html[...]
        while let start = rest.range(of: "<script type=\"application/json\" data-tx=\"") {
            let digits = rest[start.upperBound...].prefix { $0.isNumber }
            let body = try #require(rest[start.upperBound...].range(of: "\">"))
            let end = try #require(rest[body.upperBound...].range(of: "</script>"))
            let d = try #require(try JSONSerialization.jsonObject(with: Data(rest[body.upperBound..<end.lowerBound].utf8)) as? [String: Any])
            let meta = try #require(d["meta"] as? [String: Any])
            let frames = meta["frames"] as? [[String: Any]] ?? []
            out[try #require(Int(digits))] = (meta["label"] as? String ?? "", frames.first?["result"] as? String ?? "",
                                              meta["panel"] as? [[String]] ?? [])
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The function an action line's transaction must call, from the line's words.
    static func function(of line: String) -> String? {
        let words: [(String, String)] = [("deploy PoRAggregator", "PoRAggregator.constructor"),
            ("deploy SecureMintToken", "SecureMintToken.constructor"), ("deploy ReserveCircuitBreaker", "ReserveCircuitBreaker.constructor"),
            ("setConfig", ".setConfig"), ("setMinter", ".setMinter"), ("setPauser", ".setPauser"), ("setForwarder", ".setForwarder"),
            ("transmits", ".transmit"), ("performUpkeep", ".performUpkeep"), ("mints", ".mint"), ("(burn)", ".burn"), ("transfers", ".transfer")]
        return words.first { line.contains($0.0) }?.1
    }

    @Test func pageHasEverySectionEveryActionAndThePause() throws {
        let page = temp("demo.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        let r = porvm("demo", "--no-color", "--width", "92", "--html", page)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.last?.hasPrefix("wrote \(page)") == true)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let data = try blocks(html)

        // Every section heading of the terminal's narration ("── 3. Minting within the reserves ──…").
        let headings = r.out.compactMap { line -> String? in
            guard line.hasPrefix("── ") else { return nil }
            let title = line.dropFirst(3).prefix { $0 != "─" }
            return title.trimmingCharacters(in: .whitespaces)
        }
        #expect(headings.count == 10)
        for h in headings { #expect(html.contains("<h2>" + HTMLEscape.text(h) + " <span") || html.contains("<h2>" + HTMLEscape.text(h) + "</h2>"), "\(h)") }

        // Every action line: a link to a transaction in the page's data, of the function it names.
        let actions = r.out.filter { $0.hasPrefix("  ✓ ") || $0.hasPrefix("  ✗ ") }
        #expect(actions.count == 19)
        var pausedBy = 0
        for a in actions {
            let anchor = "\">" + HTMLEscape.text(a) + "</a>"
            let end = try #require(html.range(of: anchor), "no link for \(a)")
            let tag = try #require(html[..<end.lowerBound].range(of: "data-tx=\"", options: .backwards))
            let k = try #require(Int(html[tag.upperBound..<end.lowerBound]))
            let tx = try #require(data[k], "line \(a) links transaction \(k), not in the page")
            let function = try #require(Self.function(of: a))
            #expect(tx.label.hasSuffix(function) || tx.label.hasPrefix(function), "\(a) → \(tx.label)")
            if a.contains("mints 10 BTC to carol") {
                #expect(tx.result.contains("ReservesExceeded"), "\(tx.result)")
                // Refused: 900 BTC before and after, in base units.
                #expect(tx.panel.contains(["SecureMintToken supply", "90000000000", "90000000000"]), "\(tx.panel)")
            }
            if a.contains("mints 50 BTC to carol") {   // the last transaction: its after-readings come last
                #expect(tx.panel.contains(["SecureMintToken supply", "80000000000", "85000000000"]), "\(tx.panel)")
            }
            if a.contains("mints 500 BTC to alice") {
                #expect(tx.panel.contains(["SecureMintToken supply", "0", "50000000000"]), "\(tx.panel)")
            }
            if a.contains("performUpkeep"), tx.panel.contains(where: { $0 == ["SecureMintToken paused", "false", "true"] }) { pausedBy += 1 }
            if a.contains("mints 1 BTC to carol") { #expect(tx.result.contains("MintingPaused"), "\(tx.result)") }
        }

        #expect(pausedBy == 1)

        // Recording and reading the panels leaves the story as the terminal tells it without them.
        let plain = porvm("demo", "--no-color", "--width", "92")
        #expect(plain.out == Array(r.out.dropLast()))

        // The pause: from the first paused row to the next unpaused one, in the story's time.
        let rows = try PoRDemo.lines().summary.rows
        let from = try #require(rows.first { $0.paused })
        let to = try #require(rows.first { !$0.paused && $0.number > from.number })
        #expect(html.contains("<rect class=\"pause\" data-from=\"\(from.time - PoRDemo.startTime)\" data-to=\"\(to.time - PoRDemo.startTime)\""))

        // Nothing to fetch: no address outside the page.
        for bad in ["http://", "https://", "src=", "href=\"/", "url("] { #expect(!html.contains(bad), "\(bad)") }
    }

    /// The page's panel readings are the tool's own calls: `--trace-calls` traces the demo's calls
    /// alone, the same files with or without `--html`.
    @Test func panelReadingsAreNotTraced() throws {
        let page = temp("demo.html")
        let a = temp("trace-a"), b = temp("trace-b")
        defer { for p in [page, a, b] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(porvm("demo", "--trace", a, "--trace-calls").code == 0)
        #expect(porvm("demo", "--trace", b, "--trace-calls", "--html", page).code == 0)
        let files = { (d: String) in try FileManager.default.contentsOfDirectory(atPath: d).sorted() }
        #expect(try files(a) == files(b) && !(try files(a)).isEmpty)
    }

    @Test func teacherNumbersAndStory() throws {
        let page = temp("demo.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        let r = porvm("demo", "--reserves", "800", "--withdrawal", "100", "--html", page)
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("<span>reserves 800 BTC</span>") && html.contains("<span>withdrawal 100 BTC</span>"))
    }

    @Test func unwritableFileIsOneLineExitTwo() {
        let r = porvm("demo", "--html", "/nonexistent-porvm-dir/demo.html")
        #expect(r.code == 2)
        #expect(r.err.count == 1 && r.err.first?.contains("/nonexistent-porvm-dir/demo.html") == true, "\(r.err)")
    }
}
}

/// The page's escaping of text, written out here (not the page's own function).
enum HTMLEscape {
    static func text(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
