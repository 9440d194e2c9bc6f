import Foundation
import Testing
import ABI
import EVM
import Harness
import PoR
import UInt256
import Primitives

/// `Fixtures/vectors/PoRAggregator-transmit.json` was made outside Swift (Contracts/tests/make_vector.py:
/// Python's eth-account signing, titanoboa running the Vyper contract). The committee's signing, the
/// ABI encoding and the contract's answers here must reproduce it byte for byte.
@Suite struct TransmitVectorTests {
    struct Vector: Decodable {
        struct Deployer: Decodable { var address: String; var privateKey: String }
        struct ConstructorArgs: Decodable {
            var decimals: UInt64; var description: String; var minAnswer: Decimal; var maxAnswer: Decimal
        }
        struct SetConfig: Decodable {
            var calldata: String; var f: Int; var signerPrivateKeys: [String]; var signers: [String]; var transmitters: [String]
        }
        struct Transmit: Decodable {
            var blockTimestamp: UInt64; var calldata: String; var epochAndRound: UInt64; var observations: [Int64]
            var observers: String; var rawVs: String; var reportHash: String; var rs: [String]; var ss: [String]
            var sender: String; var signedBySignerIndexes: [Int]
        }
        struct Expected: Decodable { var latestRoundData: [String]; var replaySameCalldata: String }
        var aggregatorAddress: String
        var chainId: UInt64
        var configDigest: String
        var constructorArgs: ConstructorArgs
        var constructorArgsHex: String
        var deployer: Deployer
        var setConfig: SetConfig
        var transmit: Transmit
        var expected: Expected
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func load() throws -> Vector {
        let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/vectors/PoRAggregator-transmit.json"))
        return try JSONDecoder().decode(Vector.self, from: data)
    }

    static func bytes(_ hex: String) throws -> [UInt8] { try #require(Hex.decode(hex), "bad hex \(hex.prefix(20))") }
    static func address(_ hex: String) throws -> Address { try #require(Address(hex: hex), "bad address \(hex)") }

    /// The committee signs what the vector's oracles signed: same report hash, same (r, s, v).
    @Test func committeeSignsTheVectorsReport() throws {
        let v = try Self.load()
        let oracles = try v.setConfig.signerPrivateKeys.enumerated().map {
            try TestAccount(name: "signer\($0.offset)", privateKey: try Self.bytes($0.element))
        }
        #expect(try oracles.map(\.address) == v.setConfig.signers.map(Self.address))
        let committee = OracleCommittee(oracles: oracles, f: v.setConfig.f)
        let report = try committee.report(
            configDigest: U256(bigEndianBytes: try Self.bytes(v.configDigest)), epochAndRound: v.transmit.epochAndRound,
            observations: v.transmit.observations.map { Answer($0) }, signers: v.transmit.signedBySignerIndexes.map { oracles[$0] })
        #expect(report.hash == (try Self.bytes(v.transmit.reportHash)))
        #expect(report.rs == (try v.transmit.rs.map(Self.bytes)))
        #expect(report.ss == (try v.transmit.ss.map(Self.bytes)))
        #expect(report.rawVs == (try Self.bytes(v.transmit.rawVs)))
        #expect(report.observers == (try Self.bytes(v.transmit.observers)))

        let abi = try FixtureArtifacts.load(FixtureArtifacts.aggregator).abi
        #expect(try abi.encodeCall("transmit", report.transmitArguments) == Self.bytes(v.transmit.calldata))
    }

    /// Replayed on our EVM with the vector's chain id, deployer and timestamp, the contract ends
    /// where the reference run ended.
    @Test func replayReachesTheVectorsRound() throws {
        let v = try Self.load()
        let chain = Chain(chainId: v.chainId)
        let deployer = try chain.addAccount(name: "vector-deployer", privateKey: v.deployer.privateKey)
        #expect(deployer.address == (try Self.address(v.deployer.address)))
        #expect(chain.nonce(of: deployer) == 0)

        let artifact = try FixtureArtifacts.load(FixtureArtifacts.aggregator)
        let c = v.constructorArgs
        let arguments: [Any] = [c.decimals, c.description, try #require(U256(decimal: "\(c.minAnswer)")),
                                try #require(U256(decimal: "\(c.maxAnswer)"))]
        #expect(try artifact.abi.encodeConstructor(arguments) == Self.bytes(v.constructorArgsHex))
        let (deployment, deployed) = try chain.tryDeploy(artifact, arguments: arguments, from: deployer)
        let feed = try #require(deployed, "\(deployment)")
        #expect(feed.address == (try Self.address(v.aggregatorAddress)))

        let setConfig: [Any] = [try v.setConfig.signers.map(Self.address), try v.setConfig.transmitters.map(Self.address),
                                UInt64(v.setConfig.f)]
        #expect(try feed.abi.encodeCall("setConfig", setConfig) == Self.bytes(v.setConfig.calldata))
        expectSuccess(try chain.transact(to: feed.address, data: Self.bytes(v.setConfig.calldata), from: deployer))
        let details = try feed.readAll("latestConfigDetails")
        #expect(details.last?.bytesValue == (try Self.bytes(v.configDigest)))

        chain.warp(v.transmit.blockTimestamp)
        let sender = try Self.address(v.transmit.sender)
        expectSuccess(try chain.transact(to: feed.address, data: Self.bytes(v.transmit.calldata), from: sender))
        let round = try feed.readAll("latestRoundData")
        #expect(round.map { $0.description } == v.expected.latestRoundData)

        #expect(v.expected.replaySameCalldata == "revert Error(string) 'stale report'")
        expectMessage(try chain.transact(to: feed.address, data: Self.bytes(v.transmit.calldata), from: sender), "stale report")
    }
}
