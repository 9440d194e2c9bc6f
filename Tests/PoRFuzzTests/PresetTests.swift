import Foundation
import Testing
import Fuzzer
import EVM
import PoRScenario
import Scenario
@testable import PoRFuzz

/// `porvm fuzz --preset por` against the planted bugs of Contracts/planted (each property below is
/// the one the README's table names, written before the battery) and the shipped contracts.
/// A call budget, not a clock, so that a debug build stays moderate and runs are the same on every machine.
@Suite(.serialized) struct PresetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let plugins: [ScenarioPlugin] = [PoRSteps(), FuzzSteps()]
    static let budget = 2_000

    /// Contracts/planted/README.md's table: bug → the property it breaks.
    static let planted: [(String, String)] = [
        ("mint-off-by-one", "mint within reserves"),
        ("skip-staleness", "mint fails closed"),
        ("burn-blocked-by-pause", "burn always works"),
        ("transferfrom-no-allowance", "ERC-20 accounting"),
        ("breaker-lifts-foreign-pause", "the breaker"),
        ("decimals-scaled-wrong-way", "mint within reserves"),
        ("negative-answer-unsigned", "mint fails closed"),
        ("future-updatedat-accepted", "mint fails closed"),
        ("margin-inverted", "mint within reserves"),
        ("mint-without-minter-check", "only the minter mints"),
    ]

    static func run(_ artifacts: [String], calls: Int = budget, failFast: Bool = false) throws -> (CampaignResult, FuzzConfig, [String: String]) {
        let config = try PoRPreset.load(artifacts: artifacts, plugins: plugins)
        let r: Result<(CampaignResult, [String: String]), Error> = DeepStack.run {
            Result {
                let c = try Campaign(config: config, plugins: plugins, seed: 1)
                var o = CampaignOptions(seed: 1, maxCalls: calls)
                o.failFast = failFast
                return (c.run(o), c.addressNames)
            }
        }
        let (result, names) = try r.get()
        return (result, config, names)
    }

    @Test(arguments: planted) func findsThePlantedBug(_ bug: String, _ property: String) throws {
        // Stops at the first finding; the release binary finds each within 3,000 calls (scripts/fuzz/planted.py).
        let (r, _, _) = try Self.run([Self.root.appendingPathComponent("Fixtures/planted/\(bug)").path], calls: 20_000, failFast: true)
        #expect(r.findings.contains { $0.property == property },
                "\(bug): expected '\(property)' broken, got \(r.findings.map { "\($0.property): \($0.message)" })")
    }

    @Test func shippedContractsHoldEveryProperty() throws {
        let (r, _, _) = try Self.run([])
        #expect(r.calls == Self.budget)
        #expect(r.properties.count == 7)
        #expect(r.findings.isEmpty, "\(r.findings.map { "\($0.property): \($0.message) \($0.sequence.calls.map(\.text))" })")
    }

    /// The planted README's minimal sequence is two calls: the owner's pause, the forwarder's upkeep.
    @Test func shrinksToTheKnownTwoCallMinimum() throws {
        let (r, _, _) = try Self.run([Self.root.appendingPathComponent("Fixtures/planted/breaker-lifts-foreign-pause").path])
        let f = try #require(r.findings.first { $0.property == "the breaker" })
        #expect(f.sequence.calls.map(\.text) == ["token.pause() from owner", "breaker.performUpkeep(0x) from forwarder"])
    }

    /// Same seed, same run: the same calls, sequences and shrunk finding.
    @Test func sameSeedSameRun() throws {
        let planted = [Self.root.appendingPathComponent("Fixtures/planted/burn-blocked-by-pause").path]
        let (a, _, _) = try Self.run(planted, calls: 600)
        let (b, _, _) = try Self.run(planted, calls: 600)
        #expect(a.calls == b.calls && a.sequences == b.sequences)
        #expect(a.findings.map(\.sequence) == b.findings.map(\.sequence))
        #expect(a.findings.map(\.atCall) == b.findings.map(\.atCall))
    }

    /// A battery finding's reproducer, replayed as `porvm scenario` does, fails at its last step.
    @Test func reproducerReplaysAndFails() throws {
        for bug in ["breaker-lifts-foreign-pause", "mint-off-by-one", "burn-blocked-by-pause"] {
            let (r, config, names) = try Self.run([Self.root.appendingPathComponent("Fixtures/planted/\(bug)").path])
            let f = try #require(r.findings.first)
            let dir = NSTemporaryDirectory() + "porfuzz-repro-\(UUID().uuidString)"
            let path = try Reproducer.write(f, config: config, names: names, to: dir)
            var lines: [String] = []
            let runner = ScenarioRunner(plugins: Self.plugins, output: { lines.append($0) })
            let summary = runner.run(try runner.load(path))
            #expect(summary.failed == 1, "\(bug): \(lines)")
            #expect(lines.last { $0.hasPrefix("✗") || $0.hasPrefix("✓") }?.hasPrefix("✗") == true, "\(bug): the last step must be the failing one: \(lines)")
        }
    }

    /// Examples/fuzz/por-preset.yaml is the preset, for reviewers to copy.
    @Test func exampleFileIsThePreset() throws {
        let example = Self.root.appendingPathComponent("Examples/fuzz/por-preset.yaml").path
        let text = try String(contentsOfFile: example, encoding: .utf8)
        #expect(text == PoRPreset.configText(artifacts: [], mocks: "../../Fixtures/mocks"))
        let c = try FuzzConfig.load(example, plugins: Self.plugins, propertyKinds: [PoRPropertyKind()])
        #expect(c.hooks.first?.propertyNames == PoRProperty.allCases.map(\.name))
    }
}
