import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm view` and `porvm run --html`: the page of the refused mint of Scenarios/trace-por.yaml
/// (step 4) holds the same steps as the EIP-3155 trace `porvm scenario --trace` writes for that
/// transaction (an independent path): as many steps, and at each the same pc, op, gas, cost,
/// depth and the stack rebuilt from the page's diffs.
@Suite struct ViewCommandTests {
    static let scenario = TraceCommandTests.scenario

    func temp(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("porvm-view-\(UUID())-\(name)").path
    }

    /// The data block of transaction `index` of a page.
    func block(_ html: String, _ index: Int) throws -> [String: Any] {
        let start = try #require(html.range(of: "<script type=\"application/json\" data-tx=\"\(index)\">"))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
    }

    @Test func mintPageMatchesTheTrace() throws {
        let dir = temp("trace"), page = temp("mint.html")
        defer { try? FileManager.default.removeItem(atPath: dir); try? FileManager.default.removeItem(atPath: page) }
        #expect(porvm("scenario", Self.scenario, "--trace", dir).code == 0)
        let r = porvm("view", Self.scenario, "--step", "4", "--html", page)
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://"))
        let text = try String(contentsOfFile: dir + "/trace-por-010-step4-token.mint.jsonl", encoding: .utf8)
        let lines = try text.split(separator: "\n").dropLast().map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let d = try block(html, 0)
        let meta = try #require(d["meta"] as? [String: Any])
        #expect(meta["label"] as? String == "token.mint")
        let frames = try #require(meta["frames"] as? [[String: Any]])
        #expect(frames.first?["result"] as? String == "← [Revert] ReservesExceeded(supplyAfterMint: 101, reserves: 100)")
        #expect(frames.first?["call"] as? String == "token::mint(to: alice, amount: 1)")
        let panel = try #require(meta["panel"] as? [[String]])
        #expect(panel.contains(["token supply", "100", "100"]))
        #expect(panel.contains(["token paused", "false", "false"]))

        let n = try #require(d["n"] as? Int)
        #expect(n == lines.count && n > 500)
        let pc = try #require(d["pc"] as? [Int]), op = try #require(d["op"] as? [Int]), cost = try #require(d["cost"] as? [Int])
        let pop = try #require(d["pop"] as? [Int]), npush = try #require(d["npush"] as? [Int]), push = try #require(d["push"] as? [String])
        let frameAt = try #require(d["frameAt"] as? [Int]), gasAt = try #require(d["gasAt"] as? [Int])
        var stacks: [Int: [String]] = [:], frame = 0, gas = 0, p = 0
        var frameChanges = Dictionary(uniqueKeysWithValues: stride(from: 0, to: frameAt.count, by: 2).map { (frameAt[$0], frameAt[$0 + 1]) })
        let gasFixes = Dictionary(uniqueKeysWithValues: stride(from: 0, to: gasAt.count, by: 2).map { (gasAt[$0], gasAt[$0 + 1]) })
        for i in 0..<min(n, lines.count) {
            if let f = frameChanges.removeValue(forKey: i) { frame = f }
            gas = gasFixes[i] ?? (gas - cost[i - 1])
            var s = stacks[frame, default: []]
            s.removeLast(pop[i])
            s += push[p..<(p + npush[i])].map { "0x" + $0 }
            p += npush[i]
            stacks[frame] = s
            let line = lines[i]
            #expect(line["pc"] as? Int == pc[i] && line["op"] as? Int == op[i], "step \(i)")
            #expect(line["gas"] as? String == "0x" + String(gas, radix: 16), "step \(i)")
            #expect(line["gasCost"] as? String == "0x" + String(cost[i], radix: 16), "step \(i)")
            #expect(line["depth"] as? Int == (frames[frame]["depth"] as? Int).map { $0 + 1 }, "step \(i)")
            #expect(line["stack"] as? [String] == s, "step \(i)")
        }
    }

    /// Step 3 mints 100 after a report of 100 (Scenarios/trace-por.yaml): the panel shows the
    /// supply before and after, though the scenario names the token only in that step.
    @Test func panelBeforeAndAfterTheFirstMint() throws {
        let page = temp("mint3.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(porvm("view", Self.scenario, "--step", "3", "--html", page).code == 0)
        let meta = try #require(try block(String(contentsOfFile: page, encoding: .utf8), 0)["meta"] as? [String: Any])
        let panel = try #require(meta["panel"] as? [[String]])
        #expect(panel.contains(["token supply", "0", "100"]))
        #expect(panel.contains(["token paused", "false", "false"]))
        #expect(panel.contains(["feed answer (reserves)", "100", "100"]))
        #expect(panel.contains(["reserves / supply", "—", "1.0000"]))
    }

    /// Step 1 (setup_por) sends seven transactions: each has its own panel, read just before and
    /// after it. The feed's answer first shows once the feed is deployed, the token's supply once
    /// the token is, and each transaction starts where the one before ended.
    @Test func eachTransactionOfAStepHasItsOwnPanel() throws {
        let page = temp("setup.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(porvm("view", Self.scenario, "--step", "1", "--html", page).code == 0)
        let panels = try SimulateTraceTests.panels(try String(contentsOfFile: page, encoding: .utf8))
        #expect(panels.count == 7)
        guard panels.count == 7 else { return }
        #expect(panels[0].isEmpty)                                     // nothing known before the first deploy
        #expect(panels[1].map { $0[0] } == ["PoRAggregator answer (reserves)"])
        #expect(panels[2].contains(["SecureMintToken supply", "0", "0"]))
        for i in 3..<7 { #expect(panels[i].map { $0[1] } == panels[i - 1].map { $0[2] }, "transaction \(i)") }
    }

    /// The refused mint's REVERT (the root frame's last step) maps, through the fixture's Vyper
    /// source map, to the line of Contracts/SecureMintToken.vy that raises ReservesExceeded with
    /// the supply after the mint (found by searching the source, not by its number); the file's
    /// text is on the page once.
    @Test func revertMapsToTheRaisingSourceLine() throws {
        let page = temp("src.html")
        defer { try? FileManager.default.removeItem(atPath: page) }
        #expect(porvm("view", Self.scenario, "--step", "4", "--html", page).code == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let vy = ScenarioCommandTests.scenarios.deletingLastPathComponent().appendingPathComponent("Contracts/SecureMintToken.vy")
        let source = try String(contentsOf: vy, encoding: .utf8).components(separatedBy: "\n")
        let raising = try #require(source.firstIndex { $0.contains("raw_revert") && $0.contains("ReservesExceeded(uint256,uint256)") && $0.contains("supply_after") }) + 1
        let d = try block(html, 0)
        let n = try #require(d["n"] as? Int), op = try #require(d["op"] as? [Int])
        let src = try #require(d["src"] as? [Int]), locations = try #require(d["srcLoc"] as? [[Any]])
        #expect(op[n - 1] == 0xfd)                                  // REVERT ends the transaction
        let id = src[n - 1]
        #expect(id >= 0)
        if id >= 0 {
            #expect((locations[id][0] as? String)?.hasSuffix("SecureMintToken.vy") == true)
            #expect(locations[id][1] as? Int == raising)
        }
        #expect(html.components(separatedBy: "id=\"tx-sources\"").count == 2)
    }

    @Test func wholeScenarioAndRunPages() throws {
        let all = temp("all.html"), loop = temp("loop.html")
        defer { try? FileManager.default.removeItem(atPath: all); try? FileManager.default.removeItem(atPath: loop) }
        #expect(porvm("view", Self.scenario, "--html", all).code == 0)
        let html = try String(contentsOfFile: all, encoding: .utf8)
        // Every transaction of the scenario (TraceCommandTests counts twelve), none of its calls.
        #expect(html.components(separatedBy: "<script type=\"application/json\" data-tx=").count - 1 == 12)
        #expect(html.components(separatedBy: "<option value=").count - 1 == 12)
        // PUSH1 3 PUSH1 4 ADD STOP: four steps, the stack [7] before STOP.
        let r = porvm("run", "--code", "600360040100", "--html", loop)
        #expect(r.code == 0, "\(r.err)")
        let d = try block(try String(contentsOfFile: loop, encoding: .utf8), 0)
        #expect(d["n"] as? Int == 4)
        #expect(d["op"] as? [Int] == [0x60, 0x60, 0x01, 0x00])
        #expect(d["push"] as? [String] == ["3", "4", "7"])
        #expect(d["pop"] as? [Int] == [0, 0, 0, 2])
    }

    @Test func errorsAreOneLine() {
        let missing = porvm("view", Self.scenario, "--step", "99", "--html", temp("x.html"))
        #expect(missing.code == 2 && missing.err.count == 1)
        #expect(missing.err.first?.contains("no step 99") == true)
        let unwritable = porvm("run", "--code", "00", "--html", "/nonexistent-folder/x.html")
        #expect(unwritable.code == 2 && unwritable.err.count == 1)
        #expect(unwritable.err.first?.contains("cannot write") == true)
        // Checked before the run: no --trace lines before the message (found by mutate-cli.py),
        // and `view` runs no scenario step.
        let traced = porvm("run", "--code", "6001600201", "--trace", "--html", "/nonexistent-folder/x.html")
        #expect(traced.code == 2 && traced.err.count == 1, "\(traced.err)")
        let viewUnwritable = porvm("view", Self.scenario, "--html", "/nonexistent-folder/x.html")
        #expect(viewUnwritable.code == 2 && viewUnwritable.err.count == 1 && viewUnwritable.out.isEmpty, "\(viewUnwritable.out)")
        // Step 2 of cheats.yaml only reads a storage slot: no transaction to show.
        let noTx = porvm("view", ScenarioCommandTests.scenarios.appendingPathComponent("cheats.yaml").path, "--step", "2", "--html", temp("y.html"))
        #expect(noTx.code == 2 && noTx.err.count == 1)
        #expect(noTx.err.first?.contains("sent no transaction") == true)
    }
}
}
