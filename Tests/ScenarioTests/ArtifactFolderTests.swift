import Foundation
import Testing
@testable import Scenario

/// Writes artifact folders for a test: `<Name>.json` files in the Hardhat shape the harness reads.
struct ArtifactFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("porvm-artifacts-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The package's Fixtures/ folder.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    /// The ABI (as JSON) of one of the shipped contracts.
    static func fixtureABI(_ name: String) throws -> Any {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixtures + "/\(name).json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["abi"])
    }

    /// Creation code returning `runtime` (hex without 0x, under 256 bytes): PUSH1 len, PUSH1 10,
    /// PUSH0, CODECOPY, PUSH1 len, PUSH0, RETURN, then the runtime; constructor arguments
    /// appended after it are ignored.
    static func creationCode(runtime: String) -> String {
        let n = String(format: "%02x", runtime.count / 2)
        return "60\(n)600a5f3960\(n)5ff3" + runtime
    }

    /// Runtime code answering every call with one 32-byte word (PUSH1 v, PUSH0, MSTORE, PUSH1 32, PUSH0, RETURN).
    static func constantRuntime(_ value: UInt8) -> String { String(format: "60%02x5f5260205ff3", value) }

    func write(_ name: String, abi: Any, runtime: String) throws {
        let object: [String: Any] = ["contractName": name, "abi": abi,
                                     "bytecode": "0x" + Self.creationCode(runtime: runtime), "deployedBytecode": "0x" + runtime]
        let data = try JSONSerialization.data(withJSONObject: object)
        try data.write(to: URL(fileURLWithPath: path + "/\(name).json"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Issue 9: setup_por deploys from the file's `artifacts:` folders (Fixtures/ per contract
/// after them), and `artifacts:` takes a list of folders searched in order.
@Suite struct ArtifactFolderTests {
    /// A stand-in SecureMintToken: the real ABI, but code answering every call with `value`
    /// (the real token's totalSupply is 0 after deployment).
    static func modifiedToken(in folder: ArtifactFolder, answering value: UInt8) throws {
        try folder.write("SecureMintToken", abi: try ArtifactFolder.fixtureABI("SecureMintToken"),
                         runtime: ArtifactFolder.constantRuntime(value))
    }

    @Test func setupPoRDeploysTheTokenOfTheArtifactsFolder() throws {
        let folder = try ArtifactFolder()
        defer { folder.remove() }
        try Self.modifiedToken(in: folder, answering: 42)
        let (summary, lines) = try runText("""
            name: modified token
            artifacts: \(folder.path)
            steps:
              - setup_por
              - call: token.totalSupply
                expect: {returns: 42}
              - report: {feed: feed, observations: [150, 160, 170]}
              - call: feed.latestAnswer
                expect: {returns: 160}
            """)
        #expect(summary == ScenarioSummary(passed: 4, failed: 0), "\(lines)")
        // The step line names the artifact that did not come from Fixtures/.
        #expect(lines[1].hasSuffix("; from \(folder.path)/SecureMintToken.json"), "\(lines)")
    }

    @Test func withoutTheFolderTheFixtureTokenIsDeployed() throws {
        // The same steps against Fixtures/ only: the real token has no supply yet.
        let (summary, lines) = try runText("""
            name: fixtures
            steps:
              - setup_por
              - call: token.totalSupply
                expect: {returns: 42}
            """)
        #expect(summary == ScenarioSummary(passed: 1, failed: 1))
        #expect(lines[2] == "✗ 2 call token.totalSupply → expected returns 42, got 0", "\(lines)")
    }

    @Test func foldersAreSearchedInOrderWithFixturesLast() throws {
        let a = try ArtifactFolder(), b = try ArtifactFolder()
        defer { a.remove(); b.remove() }
        try Self.modifiedToken(in: a, answering: 42)
        try Self.modifiedToken(in: b, answering: 7)
        let probeABI: [[String: Any]] = [["type": "function", "name": "answer", "stateMutability": "view", "inputs": [],
                                          "outputs": [["name": "", "type": "uint256"]]]]
        try b.write("Probe", abi: probeABI, runtime: ArtifactFolder.constantRuntime(9))
        func run(_ folders: [String], token: Int) throws -> (ScenarioSummary, [String]) {
            try runText("""
                name: folders
                artifacts: [\(folders.joined(separator: ", "))]
                steps:
                  - setup_por
                  - call: token.totalSupply
                    expect: {returns: \(token)}
                  - deploy: Probe
                  - call: Probe.answer
                    expect: {returns: 9}
                  - deploy: PoRAggregator
                    as: secondFeed
                    args: [8, second, 0, 1000]
                """)
        }
        let (s1, l1) = try run([a.path, b.path], token: 42)
        #expect(s1 == ScenarioSummary(passed: 5, failed: 0), "\(l1)")
        let (s2, l2) = try run([b.path, a.path], token: 7)
        #expect(s2 == ScenarioSummary(passed: 5, failed: 0), "\(l2)")
    }

    @Test func aTokenSetupPoRCannotWireIsRefusedBeforeAnythingRuns() throws {
        let folder = try ArtifactFolder()
        defer { folder.remove() }
        // The real ABI without setMinter: setup_por could not make the minter.
        var abi = try #require(try ArtifactFolder.fixtureABI("SecureMintToken") as? [[String: Any]])
        abi.removeAll { $0["name"] as? String == "setMinter" }
        try folder.write("SecureMintToken", abi: abi, runtime: ArtifactFolder.constantRuntime(1))
        let e = try #require(malformed("name: x\nartifacts: \(folder.path)\nsteps:\n  - warp: 1\n  - setup_por\n"))
        #expect(e.step == 2 && e.field == "setup_por", "\(e)")
        #expect(e.message == "\(folder.path)/SecureMintToken.json has no function 'setMinter', which setup_por needs", "\(e)")
    }

    @Test(arguments: [
        ("artifacts: []\n", "artifacts", "an empty list of folders"),
        ("artifacts: [/nonexistent/porvm-a]\n", "artifacts[0]", "no folder '/nonexistent/porvm-a'"),
        ("artifacts: /nonexistent/porvm-b\n", "artifacts", "no folder '/nonexistent/porvm-b'"),
        ("artifacts: [{a: 1}]\n", "artifacts[0]", "expected a folder"),
    ])
    func badFolderListsAreMalformed(line: String, field: String, fragment: String) throws {
        let e = try #require(malformed("name: x\n" + line + "steps:\n  - warp: 1\n"))
        #expect(e.field == field, "\(e)")
        #expect(e.message.contains(fragment), "\(e)")
    }

    @Test func anUnknownArtifactNamesTheFoldersSearched() throws {
        let folder = try ArtifactFolder()
        defer { folder.remove() }
        let e = try #require(malformed("name: x\nartifacts: [\(folder.path)]\nsteps:\n  - deploy: Nope\n"))
        // The file's folder first, then the PoR plug-in's Fixtures/ (whose contracts are listed).
        #expect(e.message.hasPrefix("no artifact 'Nope' in \(folder.path), "), "\(e)")
        #expect(e.message.contains("Fixtures (available: PoRAddressList, PoRAggregator, ReserveCircuitBreaker, SecureMintToken)"), "\(e)")
    }
}
