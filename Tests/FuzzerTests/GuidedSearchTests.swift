import Foundation
import Testing
import ABI
import EVM
import Primitives
import Scenario
import UInt256
@testable import Fuzzer

/// Coverage guidance, the corpus and workers on contracts assembled in MagicChainContract.swift,
/// whose expected triggers and edge counts are read off their code.
struct GuidedSearchTests {
    static func magicConfig() throws -> FuzzConfig {
        let dir = try artifactFolder(name: "MagicChain", abi: MagicChain.abi, runtime: MagicChain.runtime)
        return try load(dir, "MagicChain", "properties: [\"t.stage() < 4\"]\nsequence_length: 6\n")
    }

    static func branchyConfig() throws -> FuzzConfig {
        let dir = try artifactFolder(name: "Branchy", abi: Branchy.abi, runtime: Branchy.runtime)
        return try load(dir, "Branchy", "sequence_length: 4\n")
    }

    static func load(_ dir: String, _ name: String, _ extra: String) throws -> FuzzConfig {
        let text = "name: guided\nartifacts: .\naccounts: {alice: {}}\nsetup:\n  - deploy: \(name)\n    as: t\nactors: [alice]\n" + extra
        let path = dir + "/fuzz.yaml"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try FuzzConfig.load(path, plugins: [FuzzSteps()])
    }

    /// The bug's known trigger: the four magic constants, in order.
    static var trigger: [ABIValue] { MagicChain.magic.map { .uint(U256(UInt64($0))) } }

    static func isTrigger(_ f: Finding) -> Bool {
        f.sequence.calls.map(\.function) == Array(repeating: "step(uint256)", count: 4)
            && f.sequence.calls.map { $0.args.first } == trigger.map { Optional($0) }
    }

    static let budget = 40_000

    @Test(arguments: [UInt64(1), 2, 3])
    func guidanceFindsTheChainTheUnguidedGeneratorDoesNot(seed: UInt64) throws {
        let c = try Self.magicConfig()
        let guided = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: seed, maxCalls: Self.budget))
        let f = try #require(guided.findings.first, "guided, seed \(seed): not found in \(Self.budget) calls")
        #expect(Self.isTrigger(f), "\(f.sequence.calls.map(\.text))")
        #expect(f.message == "4 < 4 is false")
        let blind = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: seed, maxCalls: Self.budget, guided: false))
        #expect(blind.findings.isEmpty)
        #expect(blind.calls == Self.budget && blind.corpusSize == 0)
    }

    @Test func theCorpusGrowsAndEachEntryReachedNewEdges() throws {
        let c = try Self.magicConfig()
        let (entries, replayed): ([CallSequence], [[Edge]]) = try DeepStackHelper.run {
            let camp = try Campaign(config: c, plugins: [], seed: 5)
            let options = CampaignOptions(seed: 5, maxCalls: 3_000)
            let shared = SharedSearch(options: options, properties: c.properties.count)
            _ = camp.run(options, shared: shared, reportsProgress: false)
            let entries = shared.corpus.sequences
            return (entries, entries.map { camp.edges(of: $0.calls) })
        }
        // The dispatcher alone gives a first entry; reaching stage 1 at least one more.
        #expect(entries.count >= 2)
        var map = CoverageMap()
        for (e, edges) in zip(entries, replayed) {
            #expect(map.merge(edges) > 0, "\(e.calls.map(\.text)) reached nothing new")
        }
    }

    @Test func coverageMatchesTheBranchSites() throws {
        let c = try Self.branchyConfig()
        #expect(ContractCoverage.branchSites(in: Branchy.runtime) == 3)
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 1, maxCalls: 2_000))
        #expect(r.findings.isEmpty)
        #expect(r.coverage.map(\.name) == ["t"])
        #expect(r.coverage.first?.coverage == ContractCoverage(branchEdgesSeen: 6, branchEdgesPossible: 6, jumpEdgesSeen: 0))
        // Fresh sequences and their mutations reach x == 0, 7, small and >= 2^128: 4 distinct paths at most.
        #expect(r.corpusSize >= 1 && r.corpusSize <= 4)
        let magic = try Campaign.run(config: try Self.magicConfig(), plugins: [], options: CampaignOptions(seed: 1, maxCalls: 500))
        #expect(magic.coverage.first?.coverage.branchEdgesPossible == 2 * (2 + 8))   // 2 dispatch + 2 per stage
    }

    @Test func twoWorkersFindTheSameBug() throws {
        let c = try Self.magicConfig()
        let r = try Campaign.run(config: c, plugins: [], options: CampaignOptions(seed: 1, maxCalls: 2 * Self.budget, workers: 2))
        #expect(r.findings.count == 1)
        let f = try #require(r.findings.first)
        #expect(Self.isTrigger(f), "\(f.sequence.calls.map(\.text))")
        #expect(r.calls <= 2 * Self.budget)
    }

    @Test func oneWorkerIsDeterministic() throws {
        let c = try Self.magicConfig()
        let opts = CampaignOptions(seed: 9, maxCalls: 4_000)
        let a = try Campaign.run(config: c, plugins: [], options: opts)
        let b = try Campaign.run(config: c, plugins: [], options: opts)
        #expect(a.calls == b.calls && a.sequences == b.sequences && a.corpusSize == b.corpusSize)
        #expect(a.coverage.map(\.coverage) == b.coverage.map(\.coverage))
        #expect(a.findings.map(\.sequence) == b.findings.map(\.sequence))
        #expect(a.findings.map(\.atCall) == b.findings.map(\.atCall))
    }

    @Test func workerSeedsDiffer() {
        #expect(Campaign.seed(42, worker: 0) == 42)
        let seeds = (0..<8).map { Campaign.seed(42, worker: $0) }
        #expect(Set(seeds).count == 8)
    }
}
