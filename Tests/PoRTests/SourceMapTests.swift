import Testing
import Foundation
import EVM
import Harness
import PoR
import Primitives

/// Records the pc and opcode of every step run in one contract's frames.
private final class StepLog: Inspector {
    let address: Address
    var steps: [(pc: Int, opcode: UInt8)] = []
    init(address: Address) { self.address = address }
    func step(_ frame: borrowing Frame, opcode: UInt8) {
        if frame.message.codeAddress == address { steps.append((frame.pc, opcode)) }
    }
}

/// The fixtures' source maps (scripts/build-fixtures.py keeps vyper's) against the contract text.
@Suite struct FixtureSourceMapTests {
    /// Contracts/SecureMintToken.vy as the fixture was compiled from, read from disk.
    static func tokenSource() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Contracts/SecureMintToken.vy"), encoding: .utf8)
        return text.components(separatedBy: "\n")
    }

    /// 1-based numbers of the lines containing every one of `needles`.
    static func lines(_ source: [String], containing needles: String...) -> [Int] {
        source.indices.filter { i in needles.allSatisfy { source[i].contains($0) } }.map { $0 + 1 }
    }

    /// Deploys the PoR contracts, reports reserves of 160 and runs a mint of 161 that must revert
    /// with ReservesExceeded; returns the token's steps in that transaction.
    static func revertingMint() throws -> (PoRDeployment, [(pc: Int, opcode: UInt8)]) {
        let chain = Chain(mode: .transactions)
        var por = try PoRDeployment(chain: chain)
        try por.publish([150, 160, 170])
        let log = StepLog(address: por.token.address)
        chain.inspector = log
        let outcome = try por.token.transact("mint", chain.account("alice"), 161, from: por.minter)
        chain.inspector = nil
        #expect(outcome.revertReason?.description == "ReservesExceeded(161, 160)")
        return (por, log.steps)
    }

    @Test func reservesExceededRevertMapsToItsRaise() throws {
        let (por, steps) = try Self.revertingMint()
        let map = try #require(por.token.sourceMap)
        let revert = try #require(steps.last, "the token ran no step")
        #expect(revert.opcode == 0xfd, "the token's last step is REVERT")
        // The raise of ReservesExceeded for supply_after > limit (not the overflow one).
        let expected = Self.lines(try Self.tokenSource(), containing: "raw_revert", "ReservesExceeded(uint256,uint256)", "supply_after")
        #expect(expected.count == 1)
        let at = try #require(map.location(pc: revert.pc))
        #expect(at.file == "Contracts/SecureMintToken.vy")
        #expect([at.line] == expected, "REVERT at pc \(revert.pc) maps to \(at.file):\(at.line) \(at.lineText)")
        #expect(at.lineText.contains("ReservesExceeded"))
    }

    @Test func mintEntryMapsToItsDef() throws {
        let (por, steps) = try Self.revertingMint()
        let map = try #require(por.token.sourceMap)
        let source = try Self.tokenSource()
        let defs = Set(source.indices.filter { source[$0].hasPrefix("def ") }.map { $0 + 1 })
        // The selector dispatch maps to the whole module; the first step on a `def` line is
        // where the called function begins.
        let entry = try #require(steps.lazy.compactMap { map.location(pc: $0.pc) }.first { defs.contains($0.line) })
        #expect([entry.line] == Self.lines(source, containing: "def mint("))
        #expect(entry.file == "Contracts/SecureMintToken.vy")
    }

    @Test func callIntoTheReserveReaderMapsToTheModule() throws {
        let (por, steps) = try Self.revertingMint()
        let map = try #require(por.token.sourceMap)
        let files = Set(steps.compactMap { map.location(pc: $0.pc)?.file })
        #expect(files == ["Contracts/SecureMintToken.vy", "Contracts/lib/reserve_reader.vy"])
        // PUSH data is not an instruction.
        let push = try #require(steps.first { $0.opcode >= 0x60 && $0.opcode <= 0x7f })
        #expect(map.location(pc: push.pc + 1) == nil)
    }

    @Test func everyFixtureCarriesAMapOverItsSources() throws {
        for name in [FixtureArtifacts.aggregator, FixtureArtifacts.token, FixtureArtifacts.breaker] {
            let artifact = try FixtureArtifacts.load(name)
            let map = try #require(artifact.sourceMap, "\(name) has no source map")
            #expect(map.sources.values.contains { $0.name == "Contracts/\(name).vy" })
            #expect(map.count > 100)
        }
    }
}

@Suite struct ChainSourceMapTests {
    @Test func etchDropsTheMapAndAttachingKeepsIt() throws {
        let chain = Chain()
        let por = try PoRDeployment(chain: chain)
        #expect(chain.sourceMap(at: por.token) != nil)
        #expect(chain.sourceMap(at: chain.account("alice")) == nil)
        #expect(chain.sourceLocation(codeAddress: por.token, pc: 0)?.file == "Contracts/SecureMintToken.vy")
        chain.etch(por.token, code: [0x00])
        #expect(chain.sourceMap(at: por.token) == nil)
        let again = chain.at(por.token.address, artifact: try FixtureArtifacts.load(FixtureArtifacts.token))
        #expect(again.sourceMap != nil)
    }
}
