import Foundation
import Testing
@testable import Scenario

/// Issue 9: the chain starts at timestamp 1 and block 1 unless `genesis:` says otherwise, and
/// a scenario may set the chain id. Read back by a contract executing TIMESTAMP, NUMBER and
/// CHAINID (Yellow Paper 0x42, 0x43; EIP-1344 for 0x46).
@Suite struct GenesisTests {
    /// `env()` returns (block.timestamp, block.number, block.chainid):
    /// TIMESTAMP PUSH0 MSTORE, NUMBER PUSH1 32 MSTORE, CHAINID PUSH1 64 MSTORE, PUSH1 96 PUSH0 RETURN.
    static let envRuntime = "425f5243602052466040526060" + "5ff3"
    static let envABI: [[String: Any]] = [[
        "type": "function", "name": "env", "stateMutability": "view", "inputs": [],
        "outputs": [["name": "timestamp", "type": "uint256"], ["name": "number", "type": "uint256"],
                    ["name": "chainid", "type": "uint256"]],
    ]]

    func run(_ genesis: String, expect returns: String, extraSteps: String = "") throws -> (ScenarioSummary, [String]) {
        let folder = try ArtifactFolder()
        defer { folder.remove() }
        try folder.write("Env", abi: Self.envABI, runtime: Self.envRuntime)
        return try runText("""
            name: genesis
            artifacts: \(folder.path)
            \(genesis)
            steps:
              - deploy: Env
              - call: Env.env
                expect: {returns: \(returns)}
            \(extraSteps)
            """)
    }

    @Test func theDefaultChainStartsAtTimestampOneBlockOne() throws {
        let (summary, lines) = try run("", expect: "[1, 1, 31337]")
        #expect(summary == ScenarioSummary(passed: 2, failed: 0), "\(lines)")
    }

    @Test func genesisSetsTimestampBlockAndChainId() throws {
        let (summary, lines) = try run("genesis: {timestamp: 1700000000, block: 19000000, chain_id: 1}",
                                       expect: "[1700000000, 19000000, 1]",
                                       extraSteps: "  - warp: \"+1 hour\"\n  - call: Env.env\n    expect: {returns: {timestamp: 1700003600}}")
        #expect(summary == ScenarioSummary(passed: 4, failed: 0), "\(lines)")
    }

    @Test func genesisTimestampTakesTimeUnits() throws {
        let (summary, lines) = try run("genesis: {timestamp: 2 days}", expect: "[172800, 1, 31337]")
        #expect(summary == ScenarioSummary(passed: 2, failed: 0), "\(lines)")
    }

    @Test(arguments: [
        ("genesis: {chain_id: 0}", "genesis.chain_id", "0 is out of range (1 to 9223372036854775771, EIP-2294)"),
        ("genesis: {chain_id: 9223372036854775772}", "genesis.chain_id", "out of range"),
        ("genesis: {chain_id: -1}", "genesis.chain_id", "out of range"),
        ("genesis: {timestamp: -1}", "genesis.timestamp", "out of range"),
        ("genesis: {timestamp: \"1e20\"}", "genesis.timestamp", "out of range"),
        ("genesis: {block: soon}", "genesis.block", "bad number \"soon\""),
        ("genesis: {height: 1}", "genesis.height", "unknown field 'height' in genesis (allowed: timestamp, block, chain_id)"),
        ("genesis: 5", "genesis", "expected a mapping"),
    ])
    func badGenesisIsMalformed(line: String, field: String, fragment: String) throws {
        let e = try #require(malformed("name: x\n\(line)\nsteps:\n  - warp: 1\n"))
        #expect(e.step == nil && e.field == field, "\(e)")
        #expect(e.message.contains(fragment), "\(e)")
    }
}
