import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm t8n` as a command: files in and out, traces, and bad input as exit code 2. The block is
/// Tests/TransitionTests/Fixtures/cancun_block.json, whose expected output comes from the
/// execution specs' `ethereum-spec-evm t8n`.
@Suite struct T8nCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TransitionTests/Fixtures/cancun_block.json")

    /// Writes the fixture's alloc, env and txs into a fresh folder; returns it and the expected output.
    func prepare() throws -> (URL, [String: Any]) {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixture)) as? [String: Any])
        let input = try #require(doc["input"] as? [String: Any])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t8n-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for key in ["alloc", "env", "txs"] {
            let value = try #require(input[key])
            try JSONSerialization.data(withJSONObject: value).write(to: dir.appendingPathComponent("\(key).json"))
        }
        return (dir, try #require(doc["expected"] as? [String: Any]))
    }

    @Test func filesInFilesOutAndTraces() throws {
        let (dir, expected) = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        let r = porvm("t8n", "--input.alloc", dir.appendingPathComponent("alloc.json").path,
                      "--input.env", dir.appendingPathComponent("env.json").path,
                      "--input.txs", dir.appendingPathComponent("txs.json").path,
                      "--state.fork", "Cancun", "--state.reward", "-1", "--output.basedir", out.path, "--trace")
        #expect(r.code == 0, "\(r.err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("result.json"))) as? [String: Any])
        let theirs = try #require(expected["result"] as? [String: Any])
        for key in ["stateRoot", "txRoot", "receiptsRoot", "logsHash", "gasUsed", "withdrawalsRoot"] {
            #expect(result[key] as? String == theirs[key] as? String, "\(key)")
        }
        let alloc = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("alloc.json")))
        #expect(NSArray(array: [alloc]).isEqual(to: [expected["alloc"] as Any]))

        // One trace per executed transaction, named by block position and hash (the rejected
        // one at position 1 has none); each ends with the summary line.
        let receipts = try #require(theirs["receipts"] as? [[String: Any]])
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("trace-") }.sorted()
        let hashes = receipts.compactMap { $0["transactionHash"] as? String }
        #expect(names == zip([0, 2, 3], hashes).map { "trace-\($0)-\($1).jsonl" })
        for name in names {
            let lines = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
            #expect(lines.first?.hasPrefix("{\"pc\":0,") == true)
            #expect(lines.last?.contains("\"gasUsed\"") == true)
        }
    }

    @Test func stdoutHoldsAllocAndResult() throws {
        let (dir, _) = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = porvm("t8n", "--input.alloc", dir.appendingPathComponent("alloc.json").path,
                      "--input.env", dir.appendingPathComponent("env.json").path,
                      "--input.txs", dir.appendingPathComponent("txs.json").path,
                      "--state.fork", "Cancun", "--output.result", "stdout", "--output.alloc", "stdout")
        #expect(r.code == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.joined(separator: "\n").utf8)) as? [String: Any])
        #expect(o.keys.sorted() == ["alloc", "result"])
    }

    @Test func badInputIsOneLineAndExitTwo() throws {
        let (dir, _) = try prepare()
        defer { try? FileManager.default.removeItem(at: dir) }
        let alloc = dir.appendingPathComponent("alloc.json").path, env = dir.appendingPathComponent("env.json").path
        let txs = dir.appendingPathComponent("txs.json").path
        let bad = dir.appendingPathComponent("bad.json")
        try Data("{\"currentNumber\": ".utf8).write(to: bad)
        let runs: [[String]] = [
            ["--state.fork", "Frontier"],
            ["--input.env", bad.path],
            ["--input.txs", dir.appendingPathComponent("missing.json").path],
            ["--input.txs", "/dev/zero"],
            ["--state.chainid", "x"],
            ["--state.reward", "-2"],
        ]
        for extra in runs {
            var args = ["t8n", "--input.alloc", alloc, "--input.env", env, "--input.txs", txs, "--output.basedir", dir.path]
            args += extra
            let c = Captured()
            let code = Porvm.main(args, console: c.console)
            #expect(code == 2, "\(extra)")
            #expect(c.err.count == 1 && c.err.first?.hasPrefix("porvm: ") == true, "\(extra): \(c.err)")
        }
    }
}
}
