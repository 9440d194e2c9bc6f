import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `simulate --trace DIR`: chosen transactions of a run traced, named by simulated time.
@Suite struct SimulateTraceTests {
    static let wbtc = SimulateCommandTests.wbtc

    func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("porvm-simtrace-\(UUID())").path
    }

    func traces(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    /// WBTC trips once: the withdrawal at 10 d 00:07:30 (864_450 s, in the file) is written by the
    /// round at 864_600 s, and the upkeep of that second pauses. Automation sends performUpkeep
    /// only when checkUpkeep asks for it, so the window holds exactly that one transaction.
    @Test func theTrippingUpkeepIsTracedAlone() throws {
        let dir = folder()
        let r = porvm("simulate", Self.wbtc, "--trace", dir, "--trace-only", "performUpkeep",
                      "--trace-from", "864450", "--trace-until", "864900")
        #expect(r.code == 0, "\(r.err)")
        let files = try traces(dir)
        #expect(files.count == 1)
        #expect(files.first?.contains("t864600") == true && files.first?.contains("performUpkeep") == true)
        let lines = try String(contentsOfFile: dir + "/" + (files.first ?? ""), encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 10)
        // The EIP-3155 summary closes the file; the pause succeeded.
        let last = try #require(try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any])
        #expect(last["pass"] as? Bool == true)
        #expect(FileManager.default.fileExists(atPath: dir + "/" + (files.first ?? "").replacingOccurrences(of: ".jsonl", with: ".pre.json")))
    }

    /// One trace per report the network transmitted: the JSON output of the same run counts them.
    @Test func everyTransmissionIsTracedOnce() throws {
        let dir = folder()
        let r = porvm("simulate", Self.wbtc, "--until", "3 d", "--trace", dir, "--trace-only", "transmit", "--json")
        #expect(r.code == 0, "\(r.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data((r.out.first ?? "").utf8)) as? [String: Any])
        let m = try #require(o["metrics"] as? [String: Any])
        let sent = (m["update_count"] as? Int ?? -1) + (m["transmit_reverts"] as? Int ?? -1)
        #expect(try traces(dir).count == sent && sent > 0)
    }

    /// The step-through page of the same tripping upkeep: one transaction, labelled with its
    /// simulated time, whose recorded events include the breaker's trip.
    @Test func theTrippingUpkeepAsAStepThroughPage() throws {
        let page = folder() + ".html"
        let r = porvm("simulate", Self.wbtc, "--step-html", page, "--trace-only", "performUpkeep",
                      "--trace-from", "864450", "--trace-until", "864900")
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("ReserveCircuitBreaker.performUpkeep"))
        #expect(html.contains("10d 00:10:00 (864600 s)"))
        #expect(html.contains("CircuitBreakerTripped"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        // The panel around this one transaction, from the file's numbers (8 decimals): supply 600 + 390
        // BTC minted, reserves 400 + 350 + 250 − 50 BTC (already reported), and the pause it sets.
        let panel = try Self.panels(html)
        #expect(panel.count == 1)
        #expect(panel.first?.contains(["SecureMintToken paused", "false", "true"]) == true, "\(panel)")
        #expect(panel.first?.contains(["SecureMintToken supply", "99000000000", "99000000000"]) == true)
        #expect(panel.first?.contains(["PoRAggregator answer (reserves)", "95000000000", "95000000000"]) == true)
    }

    /// The panel of each chosen mint is read just before and just after it: the file's mints of
    /// 600 BTC at 1 h and 390 BTC at 2 h, against reserves of 1,000 BTC.
    @Test func eachMintPageHasItsOwnPanel() throws {
        let page = folder() + ".html"
        let r = porvm("simulate", Self.wbtc, "--step-html", page, "--trace-only", "mint", "--trace-until", "3 h")
        #expect(r.code == 0, "\(r.err)")
        let panels = try Self.panels(try String(contentsOfFile: page, encoding: .utf8))
        #expect(panels.count == 2)
        #expect(panels.first?.contains(["SecureMintToken supply", "0", "60000000000"]) == true, "\(panels)")
        #expect(panels.last?.contains(["SecureMintToken supply", "60000000000", "99000000000"]) == true, "\(panels)")
        #expect(panels.allSatisfy { $0.contains(["PoRAggregator answer (reserves)", "100000000000", "100000000000"]) })
    }

    /// Reading the panels (read-only calls inside the run) leaves the run as it is without them.
    @Test func readingPanelsLeavesTheRunAlone() throws {
        let plain = porvm("simulate", Self.wbtc, "--json")
        let paged = porvm("simulate", Self.wbtc, "--json", "--step-html", folder() + ".html", "--trace-only", "mint,performUpkeep")
        #expect(plain.code == 0 && paged.code == 0, "\(paged.err)")
        #expect(plain.out == paged.out.filter { !$0.hasPrefix("wrote ") } && !plain.out.isEmpty)
    }

    /// The before/after panel of every transaction on a page, in order.
    static func panels(_ html: String) throws -> [[[String]]] {
        var out: [[[String]]] = []
        var rest = html[...]
        while let start = rest.range(of: "<script type=\"application/json\" data-tx=\"") {
            let open = try #require(rest[start.upperBound...].range(of: "\">"))
            let end = try #require(rest[open.upperBound...].range(of: "</script>"))
            let d = try #require(try JSONSerialization.jsonObject(with: Data(rest[open.upperBound..<end.lowerBound].utf8)) as? [String: Any])
            let meta = try #require(d["meta"] as? [String: Any])
            out.append(try #require(meta["panel"] as? [[String]]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test func aPageOverItsBoundOrEmptyIsAnError() throws {
        let over = porvm("simulate", Self.wbtc, "--until", "2 d", "--step-html", folder() + ".html", "--trace-max-files", "2")
        #expect(over.code == 2 && over.err.first?.contains("--step-html: more than 2 transactions chosen") == true)
        let none = porvm("simulate", Self.wbtc, "--until", "2 d", "--step-html", folder() + ".html", "--trace-only", "burn")
        #expect(none.code == 2 && none.err.first?.contains("no transaction of the run was chosen") == true)
    }

    @Test func badTraceOptionsAreOneLineErrors() throws {
        for args in [["--trace-only", "mint"], ["--trace", folder(), "--trace-from", "soon"],
                     ["--trace", folder(), "--trace-from", "2 d", "--trace-until", "1 d"],
                     ["--trace", folder(), "--trace-only", " , "], ["--trace", "/proc/porvm-cannot-write"],
                     ["--trace", folder(), "--sweep", "f=1,2"], ["--step-html", folder() + ".html", "--sweep", "f=1,2"],
                     ["--step-html", "/proc/porvm-cannot-write.html", "--until", "1 h"]] {
            let c = Captured()
            let r = (code: Porvm.main(["simulate", Self.wbtc] + args, console: c.console), out: c.out, err: c.err)
            #expect(r.code == 2 && r.err.count == 1, "\(args): \(r.err)")
        }
    }

    /// The bound on files ends the run with one error line and exit 2, the files written kept.
    @Test func theFileBoundIsAnError() throws {
        let dir = folder()
        let r = porvm("simulate", Self.wbtc, "--until", "2 d", "--trace", dir, "--trace-max-files", "2")
        #expect(r.code == 2 && r.err.count == 1 && r.err.first?.contains("--trace-max-files") == true)
        #expect(try traces(dir).count == 2)
    }
}
}
