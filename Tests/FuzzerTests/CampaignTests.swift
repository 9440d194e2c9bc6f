import Foundation
import Testing
import ABI
import Primitives
import Scenario
import UInt256
@testable import Fuzzer

/// The campaign on TwoStep, whose bug needs exactly a() then b(7) (see TwoStepContract.swift).
struct CampaignTests {
    static func load(_ extra: String = "") throws -> FuzzConfig {
        let dir = try TwoStep.artifactFolder()
        return try FuzzConfig.load(try TwoStep.config(in: dir, extra), plugins: [FuzzSteps()])
    }

    @Test func configDefaults() throws {
        let c = try Self.load("properties: [\"t.broken() < 1\"]\n")
        // Every state-changing function of every deployed contract; the views and echidna_ are not targets.
        #expect(c.targets.map(\.function.signature).sorted() == ["a()", "b(uint256)", "c(uint256)"])
        #expect(c.actors.map(\.label) == ["alice", "bob"])
        // The listed property first, then the auto-discovered invariant function.
        #expect(c.properties.map(\.text) == ["t.broken() < 1", "t.echidna_ok()"])
    }

    @Test func findsAndShrinksToTheTwoCallMinimum() throws {
        let c = try Self.load("properties: [\"t.broken() < 1\"]\n")
        let r = try Campaign.run(config: c, plugins: [FuzzSteps()], options: CampaignOptions(seed: 1, maxCalls: 20_000))
        #expect(r.findings.count == 2)
        for f in r.findings {
            let calls = f.sequence.calls
            #expect(calls.count == 2, "\(f.property): \(calls.map(\.text))")
            #expect(calls.first?.function == "a()")
            #expect(calls.last?.function == "b(uint256)")
            #expect(calls.last?.args == [.uint(U256(7))])
            #expect(f.outcomes == ["ok", "ok"])
        }
        #expect(r.findings.first { $0.property == "t.broken() < 1" }?.message == "1 < 1 is false")
        #expect(r.findings.first { $0.property == "t.echidna_ok()" }?.message == "returned false")
    }

    @Test func sameSeedSameRun() throws {
        let c = try Self.load()
        let opts = CampaignOptions(seed: 42, maxCalls: 3_000)
        let a = try Campaign.run(config: c, plugins: [], options: opts)
        let b = try Campaign.run(config: c, plugins: [], options: opts)
        #expect(a.calls == b.calls && a.sequences == b.sequences)
        #expect(a.findings.map(\.sequence) == b.findings.map(\.sequence))
        #expect(a.findings.map(\.atCall) == b.findings.map(\.atCall))
    }

    @Test func budgetRunsOutWithoutFinding() throws {
        // b is never called, so neither property can break.
        let c = try Self.load("targets: [t.a, t.c]\nproperties: [\"t.flag() <= 1\"]\n")
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 3, maxCalls: 500))
        #expect(r.findings.isEmpty)
        #expect(r.calls == 500)
    }

    @Test func environmentActionsMoveTime() throws {
        // broken() < 1 holds; the timestamp must only grow.
        let c = try Self.load("targets: [t.c]\nenvironment: {warp: 1 hour, roll: 10}\nproperties: [\"t.flag() == 0\"]\n")
        #expect(c.maxWarp == 3600 && c.maxRoll == 10)
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 5, maxCalls: 300))
        #expect(r.findings.isEmpty)
    }

    @Test func reproducerReplaysToTheFailingCheck() throws {
        let dir = try TwoStep.artifactFolder()
        let c = try FuzzConfig.load(try TwoStep.config(in: dir), plugins: [FuzzSteps()])
        let (findings, names): ([Finding], [String: String]) = try DeepStackHelper.run {
            let camp = try Campaign(config: c, plugins: [FuzzSteps()], seed: 7)
            return (camp.run(CampaignOptions(seed: 7, maxCalls: 20_000)).findings, camp.addressNames)
        }
        let f = try #require(findings.first)
        let out = dir + "/out"
        let path = try Reproducer.write(f, config: c, names: names, to: out)
        #expect(FileManager.default.fileExists(atPath: out + "/t_echidna_ok__.sequence.json"))
        let seqData = try Data(contentsOf: URL(fileURLWithPath: out + "/t_echidna_ok__.sequence.json"))
        #expect(try JSONDecoder().decode(CallSequence.self, from: seqData) == f.sequence)
        var lines: [String] = []
        let runner = ScenarioRunner(plugins: [FuzzSteps()], output: { lines.append($0) })
        let summary = runner.run(try runner.load(path))
        // deploy, a(), b(7) pass; the property step fails.
        #expect(summary == ScenarioSummary(passed: 3, failed: 1), "\(lines)")
        #expect(lines.last?.hasPrefix("✗ 4 property t.echidna_ok()") == true, "\(lines)")
    }
}

enum DeepStackHelper {
    static func run<T>(_ body: () throws -> T) throws -> T {
        let r: Result<T, Error> = DeepStackShim.run { Result { try body() } }
        return try r.get()
    }
}

struct SetupStateTests {
    @Test func propertyFalseAfterSetupBreaksWithNoCall() throws {
        // flag() is 0 after the deployment, so `t.flag() == 1` is false before any call.
        let c = try CampaignTests.load("targets: [t.c]\nproperties: [\"t.flag() == 1\"]\n")
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 1, maxCalls: 50))
        let f = try #require(r.findings.first { $0.property == "t.flag() == 1" })
        #expect(f.sequence.calls.isEmpty)
        #expect(f.message == "0 == 1 is false")
    }
}

struct ReproducerNameTests {
    @Test func propertiesWithTheSameFileNameGetDistinctFiles() throws {
        let dir = try TwoStep.artifactFolder()
        let c = try FuzzConfig.load(try TwoStep.config(in: dir, "properties: [\"t.broken() == 0\", \"t.broken() <= 0\"]\n"), plugins: [])
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 1, maxCalls: 20_000))
        var taken = Set<String>()
        let paths = try r.findings.filter { $0.property.hasPrefix("t.broken()") }
            .map { try Reproducer.write($0, config: c, names: [:], to: dir + "/out", taken: &taken) }
        // Both break (broken() becomes 1); "==" and "<=" both become "__" in a file name.
        #expect(paths.map { ($0 as NSString).lastPathComponent }.sorted()
                == ["t_broken______0-2.scenario.json", "t_broken______0.scenario.json"])
    }
}
