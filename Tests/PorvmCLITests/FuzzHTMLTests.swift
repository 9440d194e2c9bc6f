import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm fuzz --html FILE` on planted bugs (Contracts/planted/README.md gives each bug's
/// minimal sequence): the page holds the reproducer's breaking transaction, the last call the
/// fuzzer printed, and that transaction ends as the printed outcome says (ok: the root frame
/// returns or stops; otherwise it reverts with the printed error).
@Suite struct FuzzHTMLTests {
    @Test(arguments: [
        ("breaker-lifts-foreign-pause", "breaker.performUpkeep"),   // pause(); performUpkeep(0x) → ok
        ("burn-blocked-by-pause", "token.burn"),                    // mint; pause(); burn(5) → reverts MintingPaused
    ])
    func pageShowsTheBreakingCall(bug: String, call: String) throws {
        let dir = NSTemporaryDirectory() + "porvm-fuzz-html-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/page.html"
        let planted = FuzzPresetCommandTests.root.appendingPathComponent("Fixtures/planted/" + bug).path
        let r = porvm("fuzz", "--preset", "por", "--artifacts", planted, "--seed", "1", "--max-calls", "1500",
                      "--fail-fast", "--out", dir, "--html", page)
        #expect(r.code == 1, "\(r.out) \(r.err)")
        #expect(r.out.contains { $0.hasPrefix("page: \(page) (1 breaking transaction") }, "\(r.out)")
        // The last call of the shrunk sequence as printed: "  N call from actor → outcome".
        let steps = r.out.filter { $0.range(of: #"^  \d+ "#, options: .regularExpression) != nil }
        let last = try #require(steps.last)
        #expect(last.contains(call), "\(last)")
        let outcome = String(try #require(last.components(separatedBy: " → ").last))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        let start = try #require(html.range(of: "<script type=\"application/json\" data-tx=\"0\">"))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        let d = try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(html.range(of: "data-tx=\"1\"") == nil)
        let meta = try #require(d["meta"] as? [String: Any])
        #expect(meta["label"] as? String == call)
        let root = try #require((meta["frames"] as? [[String: Any]])?.first)
        let n = try #require(d["n"] as? Int), op = try #require(d["op"] as? [Int]), frameAt = try #require(d["frameAt"] as? [Int])
        #expect(n > 0 && frameAt.count >= 2 && frameAt[frameAt.count - 1] == 0, "the last step runs in the root frame")
        if outcome == "ok" {
            #expect(root["ok"] as? Bool == true)
            #expect([0x00, 0xf3].contains(op[n - 1]), "STOP or RETURN")   // Yellow Paper: halting opcodes
        } else {
            #expect(root["ok"] as? Bool == false)
            #expect(op[n - 1] == 0xfd, "REVERT")
            let error = try #require(outcome.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first { $0.first?.isUppercase == true })
            #expect((root["result"] as? String)?.contains(error) == true, "\(outcome) vs \(root["result"] ?? "")")
        }
        // The step-through page is what `porvm view` writes: self-contained.
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func unwritablePageIsExitTwoBeforeTheRun() {
        let dir = NSTemporaryDirectory() + "porvm-fuzz-html-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = porvm("fuzz", "--preset", "por", "--max-calls", "5", "--out", dir, "--html", dir + "/missing/page.html")
        #expect(r.code == 2)
        #expect(r.err.count == 1 && r.err.first?.contains("cannot write the page") == true, "\(r.err)")
    }
}
}
