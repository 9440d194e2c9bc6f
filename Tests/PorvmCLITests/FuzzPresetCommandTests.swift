import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm fuzz --preset por` and `por:` properties through the command line: exit codes, the
/// finding printed with its reproducer, which `porvm scenario` replays to a failure (exit 1).
@Suite struct FuzzPresetCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func plantedBugExitsOneAndItsReproducerFailsOnReplay() throws {
        let dir = NSTemporaryDirectory() + "porvm-preset-\(UUID().uuidString)"
        let planted = Self.root.appendingPathComponent("Fixtures/planted/breaker-lifts-foreign-pause").path
        let r = porvm("fuzz", "--preset", "por", "--artifacts", planted, "--seed", "1", "--max-calls", "1500", "--out", dir)
        #expect(r.code == 1, "\(r.out) \(r.err)")
        let text = r.out.joined(separator: "\n")
        #expect(text.contains("✗ the breaker: broken (performUpkeep lifted a pause made by owner) after 2 calls"), "\(text)")
        #expect(text.contains("1 token.pause() from owner → ok") && text.contains("2 breaker.performUpkeep(0x) from forwarder → ok"), "\(text)")
        let line = try #require(r.out.first { $0.hasPrefix("  reproducer: ") })
        let replay = porvm("scenario", String(line.dropFirst("  reproducer: ".count)))
        #expect(replay.code == 1, "\(replay.out) \(replay.err)")
        #expect(replay.out.contains { $0.hasPrefix("✗") && $0.contains("token.paused") }, "\(replay.out)")
    }

    @Test func badPresetInputExitsTwoWithOneLine() throws {
        let dir = NSTemporaryDirectory() + "porvm-preset-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let config = dir + "/bad-por.yaml"
        try Data("""
        name: bad por
        setup:
          - setup_por: {heartbeat: 3600}
        properties:
          - por: {token: token, feed: nofeed}

        """.utf8).write(to: URL(fileURLWithPath: config))
        for (args, message) in [(["fuzz", config], "bad-por.yaml:5, field 'properties[0].por.feed'"),
                                (["fuzz", "--preset", "none"], "unknown preset"),
                                (["fuzz", "--preset", "por", "--artifacts", dir + "/missing"], "is not a folder"),
                                (["fuzz", config, "--artifacts", dir], "--artifacts applies to --preset")] {
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(args): \(c.out) \(c.err)")
            #expect(c.err.count == 1 && c.err.first?.contains(message) == true, "\(args): \(c.err)")
        }
    }
}
}
