import Foundation
import Fuzzer
import PoR
import PoRScenario
import Scenario

/// `porvm fuzz --preset por`: scripts/bench/titanoboa_por.py's World as a config file, so that the
/// two are compared like with like. Mock feed (8 decimals, 100 units, updated now); PoRAggregator
/// (8 decimals, 4 oracles, f = 1, answers within ±(2^191 - 1)); an 8-decimal token (heartbeat
/// 3600 s, margin 0, owner = minter) reading the mock; the breaker on the mock, the token's pauser,
/// with a forwarder. Actors owner, alice, bob, attacker, forwarder (and oracle1, who transmits).
/// Examples/fuzz/por-preset.yaml is the same file, for reviewers to copy and edit.
public enum PoRPreset {
    public static let name = "por"

    /// The preset's config text. `artifacts`: folders searched first for each contract (then
    /// `Fixtures/`, by setup_por); `mocks`: the folder with MockFeed.json.
    public static func configText(artifacts: [String], mocks: String) -> String {
        let folders = (artifacts + [mocks]).map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return """
        name: Proof of Reserve battery (porvm fuzz --preset por)
        description: >
          The PoR feed, token and breaker under titanoboa_por.py's action mix: mints, burns, transfers,
          approvals, mock feed answers and faults, signed reports, owner actions, warps and upkeeps.
        artifacts: [\(folders.joined(separator: ", "))]
        accounts: {alice: {}, bob: {}, attacker: {}}
        setup:
          - warp: "+100000"
          - setup_por: {feed_decimals: 8, token_decimals: 8, heartbeat: 3600, margin_bps: 0, oracles: 4, f: 1,
                        description: "WBTC PoR", min_answer: "-3138550867693340381917894711603833208051177722232017256447",
                        max_answer: "3138550867693340381917894711603833208051177722232017256447"}
          - deploy: MockFeed
            as: mock
            args: [8, 10000000000]
          - transact: token.setMinter
            args: [owner]
          - transact: token.setFeed
            args: [mock]
          - transact: breaker.setFeed
            args: [mock]
        actors: [owner, alice, bob, attacker, forwarder, oracle1]
        targets: [token, mock]
        sequence_length: 50
        properties:
          - por: {token: token, feed: mock, breaker: breaker, aggregator: feed}

        """
    }

    /// The preset as a loaded config: `artifacts` folders first (each must exist), then `Fixtures/`.
    /// Throws `ScenarioError` (a bad folder, the fixtures not found).
    public static func load(artifacts: [String], plugins: [ScenarioPlugin]) throws -> FuzzConfig {
        let fm = FileManager.default
        let folders = try artifacts.map { a -> String in
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: a, isDirectory: &isDir), isDir.boolValue else {
                throw ScenarioError(file: "--artifacts", message: "'\(a)' is not a folder")
            }
            return URL(fileURLWithPath: a).standardizedFileURL.path
        }
        let fixtures: String
        do { fixtures = try FixtureArtifacts.directory() } catch {
            throw ScenarioError(file: "--preset por", message: "\(error) (run from the repository root, or set PORVM_FIXTURES to its Fixtures folder)")
        }
        let mocks = fixtures + "/mocks"
        guard fm.fileExists(atPath: mocks + "/MockFeed.json") else {
            throw ScenarioError(file: "--preset por", message: "\(mocks)/MockFeed.json is missing (scripts/build-fixtures.py builds it)")
        }
        let text = configText(artifacts: folders, mocks: mocks)
        return try FuzzConfig.load(text: text, path: "preset-por.yaml", plugins: plugins, propertyKinds: [PoRPropertyKind()])
    }
}
