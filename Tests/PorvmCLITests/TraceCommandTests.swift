import Foundation
import Testing
@testable import PorvmCLI

extension CLITests {
/// `porvm scenario --trace DIR` and `--call-tree` on Scenarios/trace-por.yaml: setup_por sends
/// seven transactions (three deployments, setConfig, setMinter, setPauser, setForwarder; see
/// SetupPoRStep), then two reports, two mints and one upkeep: twelve in all.
@Suite struct TraceCommandTests {
    static let scenario = ScenarioCommandTests.scenarios.appendingPathComponent("trace-por.yaml").path

    func tempDir() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("porvm-trace-\(UUID())").path
    }

    func files(_ dir: String, _ ext: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(ext) }.sorted()
    }

    func objects(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func hex(_ v: Any?) -> UInt64? { (v as? String).flatMap { UInt64($0.dropFirst(2), radix: 16) } }

    @Test func oneTraceFilePerTransactionWithStepsAndTheReceiptsGasLast() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = porvm("scenario", Self.scenario, "--trace", dir)
        #expect(r.code == 0, "\(r.err)")
        let traces = files(dir, ".jsonl")
        #expect(traces.count == 12)
        #expect(files(dir, ".pre.json").count == 12)
        #expect(traces.first == "trace-por-001-step1-PoRAggregator.constructor.jsonl")
        #expect(traces.contains("trace-por-010-step4-token.mint.jsonl"))
        for name in traces {
            let lines = try objects(dir + "/" + name)
            #expect(lines.count > 2, "\(name)")
            for step in lines.dropLast() {
                for key in ["pc", "op", "gas", "gasCost", "stack", "depth"] { #expect(step[key] != nil, "\(name): \(key)") }
            }
            #expect(lines.last?["gasUsed"] != nil && lines.last?["pass"] != nil, "\(name)")
        }
        // The refused mint (step 4): its closing line has the receipt's gas the step line prints, and
        // its first step starts with the gas limit less the intrinsic gas (EIP-2028: 21,000, and 4 per
        // zero, 16 per other byte of call data).
        let mint = try objects(dir + "/trace-por-010-step4-token.mint.jsonl")
        let pre = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath:
            dir + "/trace-por-010-step4-token.mint.pre.json"))) as? [String: Any])
        let tx = try #require(pre["tx"] as? [String: Any])
        let data = try #require((tx["data"] as? String).map { Array($0.dropFirst(2).utf8) })
        var intrinsic: UInt64 = 21_000
        for i in stride(from: 0, to: data.count, by: 2) { intrinsic += data[i] == 0x30 && data[i + 1] == 0x30 ? 4 : 16 }
        #expect(hex(mint.first?["gas"]) == (tx["gasLimit"] as? UInt64).map { $0 - intrinsic })
        #expect(mint.last?["pass"] as? Bool == false)
        let line = try #require(r.out.first { $0.hasPrefix("✓ 4 transact token.mint") })
        #expect(line.contains("ReservesExceeded(101, 100)"))
        let receipt = try #require(r.out.first { $0.hasPrefix("✓ 3 transact token.mint") }.flatMap { l in
            l.range(of: "(gas ").map { UInt64(l[$0.upperBound...].prefix { $0.isNumber }) } ?? nil })
        #expect(hex(try objects(dir + "/trace-por-009-step3-token.mint.jsonl").last?["gasUsed"]) == receipt)
    }

    @Test func readOnlyCallsAreTracedOnlyWithTraceCalls() throws {
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("calls-\(UUID()).yaml").path
        try "name: calls\nsteps:\n  - setup_por\n  - call: token.totalSupply\n".write(toFile: scenario, atomically: true, encoding: .utf8)
        let plain = tempDir(), calls = tempDir()
        defer { for p in [scenario, plain, calls] { try? FileManager.default.removeItem(atPath: p) } }
        #expect(porvm("scenario", scenario, "--trace", plain).code == 0)
        #expect(porvm("scenario", scenario, "--trace", calls, "--trace-calls").code == 0)
        #expect(files(plain, ".jsonl").count == 7)
        #expect(files(calls, ".jsonl").count == 8)
        #expect(files(calls, ".jsonl").last?.hasSuffix("-008-step2-token.totalSupply.jsonl") == true)
    }

    @Test func anUnwritableFolderIsOneLineAndExitTwoBeforeAnythingRuns() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-dir-\(UUID())").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        for dir in [file, file + "/sub"] {
            let r = porvm("scenario", Self.scenario, "--trace", dir)
            #expect(r.code == 2)
            #expect(r.out.isEmpty)
            #expect(r.err.count == 1)
            #expect(r.err.first?.contains(dir) == true, "\(r.err)")
        }
    }

    @Test func theFileBoundStopsWritingAndExitsTwo() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = porvm("scenario", Self.scenario, "--trace", dir, "--trace-max-files", "3")
        #expect(r.code == 2)
        #expect(files(dir, ".jsonl").count == 3)
        #expect(r.err.count == 1)
        #expect(r.err.first?.contains("--trace-max-files") == true)
        let tight = tempDir()
        defer { try? FileManager.default.removeItem(atPath: tight) }
        let small = porvm("scenario", Self.scenario, "--trace", tight, "--trace-max-bytes", "1000")
        #expect(small.code == 2)
        #expect(small.err.first?.contains("--trace-max-bytes") == true)
    }

    @Test func theDemoTracesAndShowsTheTreeOfEachAction() {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A wide terminal: the tree's lines stay whole (narrower terminals wrap them).
        let r = porvm("demo", "--no-color", "--width", "400", "--call-tree", "--trace", dir)
        #expect(r.code == 0, "\(r.err)")
        // Section 5: 10 BTC more on a supply of 900 BTC with reserves of 600 BTC (PoRDemo.Observations.second's median).
        let refused = r.out.drop { !$0.contains("✗ minter mints 10 BTC to carol") }.prefix(8)
        #expect(refused.contains { $0.hasSuffix("] SecureMintToken::mint(to: carol, amount: 1000000000)") })
        #expect(refused.contains("      └─ ← [Revert] ReservesExceeded(supplyAfterMint: 91000000000, reserves: 60000000000)"))
        // One trace per transaction the trees show.
        let transactions = r.out.filter { $0.hasPrefix("      tx ") }.count
        #expect(transactions > 10)
        #expect(files(dir, ".jsonl").count == transactions)
        #expect(files(dir, ".jsonl").first == "demo-001-PoRAggregator.constructor.jsonl")
    }

    @Test func callTreeShowsTheRefusedMintsCustomErrorAndTheTrippingEvents() {
        let r = porvm("scenario", Self.scenario, "--call-tree")
        #expect(r.code == 0)
        // Step 4 mints 1 over reserves of 100 (SecureMintToken.vy: ReservesExceeded(supplyAfterMint, reserves)).
        let step4 = r.out.drop { !$0.hasPrefix("✓ 4 ") }.prefix { !$0.hasPrefix("✓ 5 ") }
        #expect(step4.contains { $0.hasPrefix("  tx token.mint from minter (revert, gasUsed ") })
        #expect(step4.contains { $0.contains("] token::mint(to: alice, amount: 1)") })
        #expect(step4.contains { $0.contains("feed::latestRoundData() [staticcall]") })
        #expect(step4.last == "  └─ ← [Revert] ReservesExceeded(supplyAfterMint: 101, reserves: 100)")
        let step6 = r.out.drop { !$0.hasPrefix("✓ 6 ") }
        #expect(step6.contains { $0.contains("emit CircuitBreakerTripped(reserves: 90, supply: 100, readingStatus: 0)") })
        #expect(step6.contains { $0.contains("token::pause()") })
        #expect(step6.contains { $0.contains("emit Paused(account: breaker)") })
    }
}
}
