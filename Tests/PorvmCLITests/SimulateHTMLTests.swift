import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm simulate --html`: the page is written, the same seed gives the same bytes, the text on
/// stdout is what it is without the option, and `--sweep` refuses it.
@Suite struct SimulateHTMLTests {
    static let wbtc = SimulateCommandTests.wbtc

    func tempPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("porvm-sim-\(UUID()).html").path
    }

    @Test func writesTheSamePageForTheSameSeed() throws {
        let a = tempPath(), b = tempPath()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        let r1 = porvm("simulate", Self.wbtc, "--until", "11 d", "--html", a)
        let r2 = porvm("simulate", Self.wbtc, "--until", "11 d", "--html", b)
        let plain = porvm("simulate", Self.wbtc, "--until", "11 d")
        #expect(r1.code == 0 && r2.code == 0 && r1.err.isEmpty)
        #expect(r1.out == plain.out && !plain.out.isEmpty)
        let pageA = try String(contentsOfFile: a, encoding: .utf8), pageB = try String(contentsOfFile: b, encoding: .utf8)
        #expect(pageA == pageB)
        #expect(pageA.hasPrefix("<!DOCTYPE html>") && pageA.contains("<svg id=\"plot\""))
        // The file's name and unit (wbtc.yaml: "WBTC custody withdrawal", BTC) title the page and label the axis.
        #expect(pageA.contains("<p class=\"name\">WBTC custody withdrawal</p>") && pageA.contains(" BTC</text>"))
        // Every event line printed has its row on the page.
        let rows = pageA.components(separatedBy: "<li class=\"ev ").count - 1
        #expect(rows == plain.out.prefix { !$0.isEmpty }.count)
    }

    @Test func sweepRefusesHTML() {
        let r = porvm("simulate", Self.wbtc, "--sweep", "f=1,2", "--html", "/tmp/porvm-never.html")
        #expect(r.code == 2 && r.err.count == 1 && r.err.first?.contains("--html") == true)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/porvm-never.html"))
    }

    @Test func unwritablePathIsOneLineAndExitTwo() {
        let r = porvm("simulate", Self.wbtc, "--until", "1 h", "--html", "/nonexistent/dir/x.html")
        #expect(r.code == 2 && r.err.count == 1 && r.err.first?.contains("/nonexistent/dir/x.html") == true)
    }
}
}
