import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm fuzz` end to end on TwoStep (FuzzFixtures/TwoStep.json, assembled and kept in sync by
/// FuzzerTests): a() sets a flag, b(7) with the flag set breaks `echidna_ok()`/`broken() < 1`,
/// c(x) does nothing. Exit codes, the printed finding, the reproducer replayed by `porvm scenario`.
@Suite struct FuzzCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzFixtures").path

    /// A config in a fresh folder, with the artifact folder given absolutely.
    static func config(_ extra: String) throws -> (dir: String, path: String) {
        let dir = NSTemporaryDirectory() + "porvm-fuzzcli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let text = """
        name: two-step
        artifacts: \(fixtures)
        accounts: {alice: {}, bob: {}}
        setup:
          - deploy: TwoStep
            as: t
        actors: [alice, bob]
        sequence_length: 6

        """ + extra
        let path = dir + "/fuzz.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (dir, path)
    }

    @Test func brokenPropertyExitsOneAndTheReproducerReplays() throws {
        let (dir, config) = try Self.config("properties: [\"t.broken() < 1\"]\n")
        let r = porvm("fuzz", config, "--seed", "1", "--max-calls", "20000", "--out", dir + "/found")
        #expect(r.code == 1, "\(r.out) \(r.err)")
        let text = r.out.joined(separator: "\n")
        #expect(text.contains("✗ t.broken() < 1: broken (1 < 1 is false) after 2 calls"), "\(text)")
        #expect(text.contains("1 t.a() from alice → ok") || text.contains("1 t.a() from bob → ok"), "\(text)")
        #expect(text.contains("2 t.b(7) from "), "\(text)")
        let line = try #require(r.out.first { $0.hasPrefix("  reproducer: ") && $0.contains("t_broken") })
        let path = String(line.dropFirst("  reproducer: ".count))
        let replay = porvm("scenario", path)
        // deploy, a(), b(7) pass; the property step fails.
        #expect(replay.code == 1, "\(replay.out) \(replay.err)")
        #expect(replay.out.last == "3 passed, 1 failed", "\(replay.out)")
    }

    @Test func holdingPropertiesExitZero() throws {
        let (dir, config) = try Self.config("targets: [t.a, t.c]\n")
        let r = porvm("fuzz", config, "--seed", "2", "--max-calls", "300", "--json", "--out", dir + "/o")
        #expect(r.code == 0, "\(r.out) \(r.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data((r.out.last ?? "").utf8)) as? [String: Any])
        #expect(o["calls"] as? Int == 300)
        #expect(o["seed"] as? String == "2")
        // TwoStep has 7 JUMPIs (6 in the dispatcher, 1 in b): 14 outcomes. Calling only a() and
        // c() reaches 4: a's dispatch taken and not, b's not taken, c's taken.
        let t = try #require((o["coverage"] as? [String: Any])?["t"] as? [String: Int])
        #expect(t == ["branchEdgesSeen": 4, "branchEdgesPossible": 14, "jumpEdgesSeen": 0])
        #expect((o["corpus"] as? Int ?? 0) >= 1)
        // No reproducer: the out folder holds only the run's summary (what `porvm fuzz merge` reads).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/o") == ["summary.json"])
    }

    @Test func twoWorkersFindTheBug() throws {
        let (dir, config) = try Self.config("properties: [\"t.broken() < 1\"]\n")
        let r = porvm("fuzz", config, "--seed", "3", "--max-calls", "40000", "--workers", "2", "--out", dir + "/found")
        #expect(r.code == 1, "\(r.out) \(r.err)")
        #expect(r.out.joined(separator: "\n").contains("✗ t.broken() < 1: broken (1 < 1 is false) after 2 calls"), "\(r.out)")
        #expect(r.out.contains { $0.hasPrefix("coverage t: ") }, "\(r.out)")
    }

    /// `t.flag() <= 1` always holds (a() sets the flag to 1), so only the budget ends a run, unless
    /// `--fail-fast` stops it once `t.broken() < 1` breaks.
    @Test func failFastStopsAtTheFirstBrokenProperty() throws {
        let (dir, config) = try Self.config("properties: [\"t.broken() < 1\", \"t.flag() <= 1\"]\n")
        func calls(_ r: (code: Int32, out: [String], err: [String])) throws -> Int {
            #expect(r.code == 1, "\(r.out) \(r.err)")
            let o = try #require(try JSONSerialization.jsonObject(with: Data((r.out.last ?? "").utf8)) as? [String: Any])
            return o["calls"] as? Int ?? -1
        }
        #expect(try calls(porvm("fuzz", config, "--seed", "1", "--max-calls", "30000", "--json", "--out", dir + "/o")) == 30000)
        #expect(try calls(porvm("fuzz", config, "--seed", "1", "--max-calls", "30000", "--json", "--out", dir + "/o", "--fail-fast")) < 30000)
    }

    @Test func badInputExitsTwoWithOneLine() throws {
        let (dir, config) = try Self.config("properties: [\"t.flag( <= 1\"]\n")
        for args in [["fuzz", config], ["fuzz", dir + "/none.yaml"], ["fuzz", config, "--workers", "0"], ["fuzz", config, "--workers", "65"],
                     ["fuzz", config, "--preset", "por"], ["fuzz", config, "--max-calls", "0"], ["fuzz"]] {
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(args): \(c.out) \(c.err)")
            #expect(c.err.count == 1 && c.err.first?.hasPrefix("porvm: ") == true, "\(args): \(c.err)")
        }
        let r = porvm("fuzz", config)
        #expect(r.err.first?.contains("fuzz.yaml:9, field 'properties[0]'") == true, "\(r.err)")
    }
}
}
