import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `--corpus`, `--report`, `--shard` and `porvm fuzz merge` end to end on TwoStep (a() then b(7)
/// breaks `t.broken() < 1` and `t.echidna_ok()`).
@Suite struct FuzzScaleTests {
    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func corpusFiles(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }
    }

    @Test func aCorpusResumesWithTheFindingReplayedFirst() throws {
        let (dir, config) = try FuzzCommandTests.config("properties: [\"t.broken() < 1\"]\n")
        // A long run finds a() then b(7); its shrunk sequence joins the corpus, beside the
        // sequences that reached new edges.
        let first = porvm("fuzz", config, "--seed", "1", "--max-calls", "20000", "--corpus", dir + "/corpus", "--out", dir + "/o1")
        #expect(first.code == 1, "\(first.out) \(first.err)")
        let files = Self.corpusFiles(dir + "/corpus")
        let kept = files.count
        #expect(kept >= 1)
        let budget = try files.reduce(0) { n, f in n + ((try Self.json(dir + "/corpus/" + f))["calls"] as? [Any] ?? []).count }
        // With as many calls as the corpus holds, a fresh run does not find it...
        let blind = porvm("fuzz", config, "--seed", "3", "--max-calls", "\(budget)", "--out", dir + "/o0")
        #expect(blind.code == 0, "\(blind.out) \(blind.err)")
        // ...resumed from the corpus, whose sequences run first, the same budget breaks it.
        let again = porvm("fuzz", config, "--seed", "3", "--max-calls", "\(budget)", "--corpus", dir + "/corpus", "--out", dir + "/o2", "--json")
        #expect(again.code == 1, "\(again.out) \(again.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data((again.out.last ?? "").utf8)) as? [String: Any])
        #expect((o["calls"] as? Int ?? .max) <= budget)
    }

    @Test func malformedCorpusFilesWarnAndTheRunGoesOn() throws {
        let (dir, config) = try FuzzCommandTests.config("targets: [t.a, t.c]\n")
        try FileManager.default.createDirectory(atPath: dir + "/corpus", withIntermediateDirectories: true)
        try Data("{\"calls\": [{\"kind\": 3}]}".utf8).write(to: URL(fileURLWithPath: dir + "/corpus/bad.json"))
        let r = porvm("fuzz", config, "--seed", "1", "--max-calls", "50", "--corpus", dir + "/corpus", "--out", dir + "/o")
        #expect(r.code == 0, "\(r.out) \(r.err)")
        #expect(r.err.filter { $0.contains("bad.json") }.count == 1, "\(r.err)")
    }

    @Test func badShardAndCorpusExitTwo() throws {
        let (dir, config) = try FuzzCommandTests.config("targets: [t.a, t.c]\n")
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/afile"))
        var cases = ["4/4", "-1/4", "1/0", "0/1025", "a/b", "1", "1/2/3", ""].map { ["fuzz", config, "--shard", $0] }
        cases.append(["fuzz", config, "--corpus", dir + "/afile"])
        cases.append(["fuzz", config, "--corpus", dir + "/afile/sub"])
        // A report that cannot be written is refused before the corpus's warnings are printed: still one line.
        try FileManager.default.createDirectory(atPath: dir + "/corpus", withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: URL(fileURLWithPath: dir + "/corpus/bad.json"))
        cases.append(["fuzz", config, "--corpus", dir + "/corpus", "--report", dir + "/nofolder/r.md"])
        cases.append(["fuzz", config, "--corpus", dir + "/corpus", "--out", dir + "/afile"])
        for args in cases {
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(args): \(c.out) \(c.err)")
            #expect(c.err.count == 1 && c.err.first?.hasPrefix("porvm: ") == true, "\(args): \(c.err)")
        }
    }

    @Test func shardsMergeIntoOneCorpusSummaryAndReport() throws {
        let (dir, config) = try FuzzCommandTests.config("properties: [\"t.broken() < 1\"]\n")
        var codes: [Int32] = []
        for i in 0..<2 {
            let r = porvm("fuzz", config, "--seed", "1", "--max-calls", "20000", "--shard", "\(i)/2", "--corpus", dir + "/corpus",
                          "--out", dir + "/o\(i)", "--report", dir + "/r\(i).md")
            codes.append(r.code)
            let s = try Self.json(dir + "/o\(i)/summary.json")
            #expect(s["shards"] as? [String] == ["\(i)/2"])
            let card = try String(contentsOfFile: dir + "/r\(i).md", encoding: .utf8)
            #expect(card.contains("\n## Properties\n"))
            // The run measured coverage: the Coverage section has a row for the contract t.
            let coverage = card.components(separatedBy: "\n## Coverage\n").last?.components(separatedBy: "\n## ").first ?? ""
            #expect(coverage.split(separator: "\n").contains { $0.hasPrefix("| t | ") && $0.contains("branch edges") }, "\(coverage)")
        }
        #expect(codes == [1, 1])
        let m = porvm("fuzz", "merge", dir + "/o0", dir + "/o1", "--out", dir + "/m", "--report", dir + "/m.md")
        #expect(m.code == 1, "\(m.out) \(m.err)")
        let s = try Self.json(dir + "/m/summary.json")
        #expect(s["shards"] as? [String] == ["0/2", "1/2"])
        let props = try #require(s["properties"] as? [[String: Any]])
        #expect(props.count == 2 && props.allSatisfy { $0["broken"] as? Bool == true })
        // Every finding shrinks to a() then b(7); its reproducer still replays.
        for p in props {
            #expect((p["calls"] as? [String])?.count == 2)
            let path = try #require(p["reproducer"] as? String)
            #expect(porvm("scenario", path).code == 1)
        }
        // The merged corpus: the distinct sequences of the shared folder, each once.
        let shared = Set(Self.corpusFiles(dir + "/corpus"))
        #expect(!shared.isEmpty && Set(Self.corpusFiles(dir + "/m/corpus")) == shared)
        #expect(s["corpusSize"] as? Int == shared.count)
        let md = try String(contentsOfFile: dir + "/m.md", encoding: .utf8)
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("### Broken: ") }.count == 2)
        // A merge's folder is itself a merge input.
        #expect(porvm("fuzz", "merge", dir + "/m", "--out", dir + "/m2").code == 1)
    }

    @Test func holdingShardsMergeToExitZero() throws {
        let (dir, config) = try FuzzCommandTests.config("targets: [t.a, t.c]\n")
        for i in 0..<3 {
            #expect(porvm("fuzz", config, "--seed", "4", "--max-calls", "100", "--shard", "\(i)/3", "--out", dir + "/o\(i)").code == 0)
        }
        let m = porvm("fuzz", "merge", dir + "/o0", dir + "/o1", dir + "/o2", "--out", dir + "/m", "--json")
        #expect(m.code == 0, "\(m.out) \(m.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data((m.out.last ?? "").utf8)) as? [String: Any])
        #expect(o["calls"] as? Int == 300)
    }

    @Test func badMergeInputsExitTwo() throws {
        let dir = NSTemporaryDirectory() + "porvm-merge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/bad", withIntermediateDirectories: true)
        try Data("{\"format\": \"porvm-fuzz-summary/1\", \"calls\": \"many\"}".utf8).write(to: URL(fileURLWithPath: dir + "/bad/summary.json"))
        try FileManager.default.createDirectory(atPath: dir + "/neg", withIntermediateDirectories: true)
        let neg = """
        {"format": "porvm-fuzz-summary/1", "config": "c", "seeds": [], "shards": [], "calls": -1, "sequences": 0,
         "seconds": 0, "callsPerSecond": 0, "properties": [], "coverage": [], "corpusSize": 0}
        """
        try Data(neg.utf8).write(to: URL(fileURLWithPath: dir + "/neg/summary.json"))
        for args in [["fuzz", "merge"], ["fuzz", "merge", dir + "/missing"], ["fuzz", "merge", dir + "/empty"],
                     ["fuzz", "merge", dir + "/bad"], ["fuzz", "merge", dir + "/neg"], ["fuzz", "merge", dir + "/bad/summary.json"],
                     ["fuzz", "merge", dir + "/neg", "--bogus"]] {
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(args): \(c.out) \(c.err)")
            #expect(c.err.count == 1 && c.err.first?.hasPrefix("porvm: ") == true, "\(args): \(c.err)")
        }
    }
}
}
