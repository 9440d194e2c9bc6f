import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm demo` for a class: wrapped to the terminal, paused between sections, with a
/// teacher's numbers.
@Suite struct DemoClassCommandTests {
    static func collapsed(_ lines: [String]) -> String {
        lines.joined(separator: " ").split(whereSeparator: { $0 == " " }).joined(separator: " ")
    }
    /// The lines outside the summary table (whose cells wrap within their columns instead) and
    /// outside the headings (drawn for the width, with the block number left out when narrow).
    static func prose(_ out: [String]) -> [String] {
        var lines = out
        if let start = out.firstIndex(where: { $0.hasPrefix("── 10. Summary") }),
           let end = out[start...].firstIndex(where: \.isEmpty) {
            lines = Array(out[..<start] + out[end...])
        }
        return lines.filter { !$0.hasPrefix("── ") && !$0.hasPrefix("──") }
    }

    @Test(arguments: [80, 60])
    func linesFitTheWidthAndSayTheSame(width: Int) throws {
        let wide = porvm("demo", "--no-color", "--width", "400")
        let narrow = porvm("demo", "--no-color", "--width", String(width))
        #expect(wide.code == 0 && narrow.code == 0)
        #expect(narrow.out.allSatisfy { $0.count <= width }, "\(narrow.out.filter { $0.count > width })")
        #expect(wide.out.contains { $0.count > 80 })
        #expect(Self.collapsed(Self.prose(narrow.out)) == Self.collapsed(Self.prose(wide.out)))
        // Every section's heading is there, with its title whole.
        let headings = { (out: [String]) in out.filter { $0.hasPrefix("── ") }.map { $0.split(separator: "─").first.map(String.init) ?? "" } }
        #expect(headings(narrow.out) == headings(wide.out) && headings(wide.out).count == 10)
        #expect(narrow.out.count > wide.out.count)
    }

    @Test func widthOutOfRangeIsAUsageError() {
        let r = porvm("demo", "--width", "30")
        #expect(r.code == 2 && r.err.count == 1)
        #expect(r.err.first?.contains("--width") == true)
    }

    /// A reader that stands in for the terminal: `lines` Enters, then EOF.
    final class Keyboard: @unchecked Sendable {
        var lines: Int, reads = 0
        init(_ lines: Int) { self.lines = lines }
        func read() -> String? { reads += 1; guard lines > 0 else { return nil }; lines -= 1; return "" }
    }

    @Test func stepPromptsBetweenSectionsAndStopsWaitingAtEOF() throws {
        defer { DemoCommand.stepInput = { .standard } }
        let keyboard = Keyboard(2)
        DemoCommand.stepInput = { StepPauser(waits: true, readLine: keyboard.read) }
        let r = porvm("demo", "--step", "--no-color")
        #expect(r.code == 0)
        let prompt = StepPauser.prompt.text
        let prompts = r.out.indices.filter { r.out[$0] == prompt }
        // One before each of the ten sections' headings, i.e. after the introduction and each section.
        #expect(prompts.count == 10)
        #expect(prompts.allSatisfy { r.out.indices.contains($0 + 1) && r.out[$0 + 1].hasPrefix("── ") })
        // Two Enters, then EOF: one more read finds it, and no read after.
        #expect(keyboard.reads == 3)
        // Without --step: no prompt.
        #expect(!porvm("demo", "--no-color").out.contains(prompt))
    }

    @Test func stepDoesNotWaitWhenStdinIsNotATerminal() throws {
        defer { DemoCommand.stepInput = { .standard } }
        let keyboard = Keyboard(100)
        DemoCommand.stepInput = { StepPauser(waits: false, readLine: keyboard.read) }
        let r = porvm("demo", "--step", "--no-color")
        #expect(r.code == 0)
        #expect(r.out.filter { $0 == StepPauser.prompt.text }.count == 10)
        #expect(keyboard.reads == 0)
    }

    /// The process's real stdin: when it is not a terminal (a pipe, /dev/null, as under CI),
    /// `--step` must finish without waiting.
    @Test(.enabled(if: isatty(STDIN_FILENO) == 0, "stdin is a terminal: --step would wait for Enter"))
    func stepWithTheRealStdinFinishes() {
        let r = porvm("demo", "--step", "--no-color")
        #expect(r.code == 0)
        #expect(r.out.filter { $0 == StepPauser.prompt.text }.count == 10)
    }

    @Test func teachersNumbersChangeTheOutcome() throws {
        // 1,000 - 50 = 950 BTC left ≥ 900 + 10 minted: no trip.
        let kept = porvm("demo", "--no-color", "--withdrawal", "50")
        #expect(kept.code == 0, "\(kept.err)")
        #expect(Self.collapsed(kept.out).contains("the token is still fully backed"))
        #expect(!kept.out.contains { $0.contains("breaker pauses minting") })
        // 800 - 600 = 200 BTC left < 300 minted: trips.
        let short = porvm("demo", "--no-color", "--reserves", "800 BTC", "--mint", "300", "--withdrawal", "600", "--width", "92")
        #expect(short.code == 0, "\(short.err)")
        #expect(short.out.contains { $0.contains("reserves 200 BTC < supply 300 BTC") })
        #expect(short.out.contains { $0.contains("breaker pauses minting") && $0.contains(" yes ") })
        // A 10-minute heartbeat: the report is 20 minutes old at the first mint.
        let stale = porvm("demo", "--no-color", "--heartbeat", "10 min")
        #expect(stale.code == 0)
        #expect(Self.collapsed(stale.out).contains("heartbeat 10 min (older reports are refused)"))
        #expect(Self.collapsed(stale.out).contains("reverted with ReservesStale("))
    }

    @Test(arguments: [
        (["--withdrawal", "1000"], "--withdrawal"),
        (["--reserves", "300"], "withdrawal"),
        (["--mint", "abc"], "--mint"),
        (["--mint", "0"], "--mint"),
        (["--heartbeat", "10 parsecs"], "--heartbeat"),
        (["--heartbeat", "30"], "--heartbeat"),
        (["--reserves", "-5"], "--reserves"),
    ])
    func badValuesExitTwoWithOneLine(args: [String], names: String) {
        let c = Captured()
        #expect(Porvm.main(["demo"] + args, console: c.console) == 2)
        #expect(c.err.count == 1)
        #expect(c.err.first?.contains(names) == true, "\(c.err)")
        #expect(c.out.isEmpty)
    }

    @Test func storyFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-demo-story-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("story.yaml").path
        try "reserves: 1000 BTC\nmints: [500, 400]\nwithdrawal: 50\nheartbeat: 1 d\n".write(toFile: good, atomically: true, encoding: .utf8)
        let ok = porvm("demo", "--no-color", "--story", good)
        #expect(ok.code == 0, "\(ok.err)")
        #expect(Self.collapsed(ok.out).contains("the token is still fully backed"))
        // The options win over the file.
        let over = porvm("demo", "--no-color", "--story", good, "--withdrawal", "400")
        #expect(Self.collapsed(over.out).contains("the token is under-backed"))

        let cases: [(String, String)] = [
            ("reserves: 1000\nwithdrawl: 5\n", ":2"),                 // unknown key, on line 2
            ("reserves: 1000\nmints: [500, lots]\n", "mints[1]"),
            ("reserves: 100\nwithdrawal: 100\n", "withdrawal"),      // withdrawal must stay below the reserves
            ("heartbeat: 5 s\n", "heartbeat"),
            ("{\"reserves\": \"x\"}", "reserves"),
        ]
        for (i, (text, needle)) in cases.enumerated() {
            let path = dir.appendingPathComponent("bad\(i).\(text.hasPrefix("{") ? "json" : "yaml")").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = porvm("demo", "--story", path)
            #expect(r.code == 2, "\(text)")
            #expect(r.err.count == 1, "\(r.err)")
            #expect(r.err.first?.contains(path) == true && r.err.first?.contains(needle) == true, "\(r.err)")
        }
        let missing = porvm("demo", "--story", dir.appendingPathComponent("none.yaml").path)
        #expect(missing.code == 2 && missing.err.first?.contains("cannot read") == true)
    }
}
}
