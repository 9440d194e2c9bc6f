import Foundation
import Testing
import Fuzzer
import PoRScenario
import Scenario
@testable import PoRFuzz

/// A reviewer's own contracts under the battery, from ../shared/solidity-artifacts (solc builds of
/// Chainlink's WERC20Mock and MockV3Aggregator; see its README): the unguarded WERC20Mock must break
/// "mint within reserves" at once; our token fed by MockV3Aggregator must not break anything.
struct ReviewerTokenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/solidity-artifacts").path
    static let present = FileManager.default.fileExists(atPath: shared + "/WERC20Mock.json")
        && FileManager.default.fileExists(atPath: shared + "/MockV3Aggregator.json")
    static let plugins: [ScenarioPlugin] = [PoRSteps(), FuzzSteps()]

    static func run(_ text: String, calls: Int) throws -> CampaignResult {
        let config = try FuzzConfig.load(text: text, path: root.appendingPathComponent("reviewer.yaml").path, plugins: plugins,
                                         propertyKinds: [PoRPropertyKind()])
        return try Campaign.run(config: config, plugins: plugins, options: CampaignOptions(seed: 1, maxCalls: calls))
    }

    @Test(.enabled(if: present, "../shared/solidity-artifacts (WERC20Mock, MockV3Aggregator) is absent"))
    func unguardedTokenBreaksMintWithinReservesAtOnce() throws {
        let r = try Self.run("""
        name: WERC20Mock under the battery
        artifacts: [\(Self.shared)]
        accounts: {alice: {}, bob: {}, attacker: {}}
        setup:
          - deploy: MockV3Aggregator
            as: feed
            args: [8, 10000000000]
          - deploy: WERC20Mock
            as: token
        actors: [deployer, alice, bob, attacker]
        targets: [token]
        properties:
          - por: {token: token, feed: feed, minter: deployer, owner: deployer, burn: "burn(address,uint256)"}

        """, calls: 1_000)
        let f = try #require(r.findings.first { $0.property == "mint within reserves" }, "\(r.findings.map(\.property))")
        // "At once": within the first few sequences (a quarter of a thousand calls, about 10 ms of a release build).
        #expect(f.atCall <= 250, "found only after \(f.atCall) calls")
        #expect(f.sequence.calls.last?.function == "mint(address,uint256)")
    }

    @Test(.enabled(if: present, "../shared/solidity-artifacts (MockV3Aggregator) is absent"))
    func ourTokenOnMockV3AggregatorHolds() throws {
        let r = try Self.run("""
        name: SecureMintToken reading MockV3Aggregator
        artifacts: [\(Self.shared)]
        accounts: {alice: {}, bob: {}, attacker: {}}
        setup:
          - warp: "+100000"
          - setup_por: {heartbeat: 3600}
          - deploy: MockV3Aggregator
            as: mv3
            args: [8, 10000000000]
          - transact: token.setMinter
            args: [owner]
          - transact: token.setFeed
            args: [mv3]
          - transact: breaker.setFeed
            args: [mv3]
        actors: [owner, alice, bob, attacker, forwarder, oracle1]
        targets: [token]
        sequence_length: 50
        properties:
          - por: {token: token, feed: mv3, breaker: breaker, aggregator: feed}

        """, calls: 1_500)
        #expect(r.calls == 1_500)
        #expect(r.findings.isEmpty, "\(r.findings.map { "\($0.property): \($0.message) \($0.sequence.calls.map(\.text))" })")
    }
}
