import Testing
import ABI
import EVM
import Harness
import PoR
import Primitives
import UInt256

/// 10. Our Vyper SecureMintToken against real solc bytecode from ../shared/solidity-artifacts:
/// Chainlink's MockV3Aggregator, and the OCR2Aggregator (replaying its signed transmit vector)
/// behind the EACAggregatorProxy that consumers actually read; plus ABI parity of the
/// AggregatorV2V3Interface between our PoRAggregator, the OCR2 aggregator, the proxy and the mock.
@Suite(.enabled(if: SolidityArtifacts.available, SolidityArtifacts.skipMessage))
struct SolidityInteropTests {
    static let btc8: UInt64 = 150_200_000_000          // 1 502 BTC with 8 decimals (the OCR2 vector's answer)

    func deployToken(_ chain: Chain, feed: AddressConvertible, decimals: UInt64, heartbeat: UInt64 = 3_600) throws -> Contract {
        try chain.deploy(FixtureArtifacts.load(FixtureArtifacts.token), "Guarded BTC", "gBTC", decimals, feed, heartbeat, 0)
    }

    @Test(arguments: ["MockV3Aggregator", "MockV3Aggregator_v08"])
    func guardsWithTheSolcMockV3Aggregator(artifact: String) throws {
        let chain = Chain()
        chain.warp(T0)
        let alice = chain.account("alice")
        let mock = try chain.deploy(try SolidityArtifacts.load(artifact), 8, Self.btc8)
        let token8 = try deployToken(chain, feed: mock, decimals: 8)
        let token18 = try deployToken(chain, feed: mock, decimals: 18)

        expectError(try token8.transact("mint", alice, Self.btc8 + 1), "ReservesExceeded", [u(Self.btc8 + 1), u(Self.btc8)])
        expectSuccess(try token8.transact("mint", alice, Self.btc8))
        let r18 = U256(1_502) &* pow10(18)
        expectError(try token18.transact("mint", alice, r18 &+ .one), "ReservesExceeded", [u(r18 &+ .one), u(r18)])
        expectSuccess(try token18.transact("mint", alice, r18))

        // updateAnswer(-1): a negative answer is refused (not read as 2^256 - 1).
        expectSuccess(try mock.transact("updateAnswer", -1))
        expectError(try token8.transact("mint", alice, 1), "NonPositiveReserves", [i(-1)])
        expectSuccess(try mock.transact("updateAnswer", 0))
        expectError(try token8.transact("mint", alice, 1), "NonPositiveReserves", [i(0)])
        // updateRoundData(roundId, answer, timestamp = updatedAt, startedAt): stale and future rounds.
        expectSuccess(try mock.transact("updateRoundData", 10, ABIValue.signed(Int(Self.btc8 * 2)), T0 - 3_601, T0 - 3_601))
        expectError(try token8.transact("mint", alice, 1), "ReservesStale", [u(T0 - 3_601), u(3_600), u(T0)])
        expectSuccess(try mock.transact("updateRoundData", 11, ABIValue.signed(Int(Self.btc8 * 2)), T0 + 1, T0))
        expectError(try token8.transact("mint", alice, 1), "ReservesFromFuture", [u(T0 + 1), u(T0)])
        expectSuccess(try mock.transact("updateRoundData", 12, ABIValue.signed(Int(Self.btc8 * 2)), 0, 0))
        expectError(try token8.transact("mint", alice, 1), "ReservesUpdatedAtZero")
        expectSuccess(try mock.transact("updateRoundData", 13, ABIValue.signed(Int(Self.btc8 * 2)), T0 - 3_600, T0 - 3_600))
        expectSuccess(try token8.transact("mint", alice, Self.btc8))
        expectError(try token8.transact("mint", alice, 1), "ReservesExceeded", [u(Self.btc8 * 2 + 1), u(Self.btc8 * 2)])
    }

    /// Replays OCR2Aggregator.json `validation.transmitVector` (chain id 0, deployer key given,
    /// LINK at nonce 0, aggregator at nonce 1, setConfig, then the signed transmit calldata).
    func replayOCR2(_ chain: Chain) throws -> (aggregator: Contract, ocr: TestAccount, transmitTime: UInt64) {
        let file = try SolidityArtifacts.json("OCR2Aggregator")
        let v = try #require(file["validation"]?["transmitVector"])
        let ocr = try chain.addAccount(name: "ocr", privateKey: try #require(v["deployer_private_key"]?.string))
        let link = try chain.deploy(try SolidityArtifacts.load("LinkToken"), from: ocr)
        let args = try #require(v["constructorArgs"])
        #expect(link.address == Address(hex: try #require(args["link"]?.string)))
        let aggregator = try chain.deploy(try SolidityArtifacts.load("OCR2Aggregator"), link, try #require(args["minAnswer"]?.numberText),
                                          try #require(args["maxAnswer"]?.numberText), Address.zero, Address.zero,
                                          try #require(args["decimals"]?.int), try #require(args["description"]?.string), from: ocr)
        #expect(aggregator.address == Address(hex: try #require(v["aggregatorAddress"]?.string)))
        let cfg = try #require(v["setConfig"])
        let strings = { (k: String) in (cfg[k]?.array ?? []).compactMap(\.string) }
        expectSuccess(try aggregator.transact("setConfig", strings("signers"), strings("transmitters"), try #require(cfg["f"]?.int),
                                              try #require(cfg["onchainConfig"]?.string), try #require(cfg["offchainConfigVersion"]?.int),
                                              try #require(cfg["offchainConfig"]?.string), from: ocr))
        let transmitTime: UInt64 = T0
        chain.warp(transmitTime)
        let calldata = try ABI.hex(try #require(v["transmit"]?["calldata"]?.string))
        expectSuccess(try chain.transact(to: aggregator, data: calldata, from: ocr))
        return (aggregator, ocr, transmitTime)
    }

    @Test func guardsWithTheSolcOCR2AggregatorBehindTheEACProxy() throws {
        let file = try SolidityArtifacts.json("OCR2Aggregator")
        let chain = Chain(chainId: UInt64(try #require(file["validation"]?["transmitVector"]?["chainId"]?.int)))
        #expect(chain.chainId == .zero)
        let (aggregator, ocr, t) = try replayOCR2(chain)
        #expect(try aggregator.read("latestAnswer") == i(Int(Self.btc8)))

        let proxy = try chain.deploy(try SolidityArtifacts.load("EACAggregatorProxy"), aggregator, Address.zero, from: ocr)
        #expect(try proxy.read("decimals") == u(8))
        let round = try proxy.readAll("latestRoundData")
        let phase1Round1 = U256.one.shiftedLeft(byBits: 64) | U256.one        // phaseId 1 << 64 | aggregator round 1
        #expect(round[0] == .uint(phase1Round1) && round[1] == i(Int(Self.btc8)) && round[3] == u(t) && round[4] == .uint(phase1Round1))
        // startedAt is the observations' timestamp, long before the transmit: a consumer that
        // took it for updatedAt would call these reserves stale.
        #expect(round[2].u256! < U256(t - 3_600))  // safe: uint256 output

        let alice = chain.account("alice")
        let token8 = try deployToken(chain, feed: proxy, decimals: 8)
        expectError(try token8.transact("mint", alice, Self.btc8 + 1), "ReservesExceeded", [u(Self.btc8 + 1), u(Self.btc8)])
        expectSuccess(try token8.transact("mint", alice, Self.btc8))
        #expect(try token8.read("totalSupply") == u(Self.btc8))
        expectError(try token8.transact("mint", alice, 1), "ReservesExceeded", [u(Self.btc8 + 1), u(Self.btc8)])

        let token18 = try deployToken(chain, feed: proxy, decimals: 18)
        let r18 = U256(1_502) &* pow10(18)
        #expect(try token18.read("reserves") == u(r18))
        expectError(try token18.transact("mint", alice, r18 &+ .one), "ReservesExceeded", [u(r18 &+ .one), u(r18)])
        expectSuccess(try token18.transact("mint", alice, r18))

        // The proxy's answer ages like any other: stale one second past the heartbeat.
        let token6 = try deployToken(chain, feed: proxy, decimals: 6)
        chain.warp(t + 3_601)
        expectError(try token6.transact("mint", alice, 1), "ReservesStale", [u(t), u(3_600), u(t + 3_601)])
    }

    /// Our PoRAggregator also works behind the solc EACAggregatorProxy (the proxy calls its v3 API).
    @Test func ourAggregatorBehindTheEACProxy() throws {
        let chain = Chain()
        chain.warp(T0)
        var por = try PoRDeployment(chain: chain)
        expectSuccess(try por.publish([1_000, 2_000, 3_000]))
        let proxy = try chain.deploy(try SolidityArtifacts.load("EACAggregatorProxy"), por.feed, Address.zero)
        let phase1Round1 = U256.one.shiftedLeft(byBits: 64) | U256.one
        #expect(try proxy.readAll("latestRoundData") == [.uint(phase1Round1), i(2_000), u(T0), u(T0), .uint(phase1Round1)])
        #expect(try proxy.read("description") == .string("WBTC Proof of Reserves"))
        let token = try deployToken(chain, feed: proxy, decimals: 8)
        expectError(try token.transact("mint", chain.account("alice"), 2_001), "ReservesExceeded", [u(2_001), u(2_000)])
        expectSuccess(try token.transact("mint", chain.account("alice"), 2_000))
    }

    /// The AggregatorV2V3Interface functions of each contract have the selectors and output
    /// types of MockV3Aggregator's ABI (the reference shape consumers compile against).
    @Test(arguments: ["PoRAggregator", "OCR2Aggregator", "EACAggregatorProxy"])
    func abiParityWithMockV3Aggregator(contract: String) throws {
        let reference = try SolidityArtifacts.load("MockV3Aggregator").abi
        let abi = contract == "PoRAggregator" ? try FixtureArtifacts.load(FixtureArtifacts.aggregator).abi
                                              : try SolidityArtifacts.load(contract).abi
        let v3 = ["decimals", "description", "version", "getRoundData", "latestRoundData"]
        let v2 = ["latestAnswer", "latestTimestamp", "latestRound", "getAnswer", "getTimestamp"]
        for name in v3 + v2 {
            let ref = try #require(reference.functions.first { $0.name == name }, "MockV3Aggregator has no \(name)")
            let mine = try #require(abi.functions.first { $0.name == name }, "\(contract) has no \(name)")
            #expect(mine.selector == ref.selector, "\(contract).\(name) selector")
            #expect(mine.outputTypes == ref.outputTypes, "\(contract).\(name) outputs \(mine.outputTypes) vs \(ref.outputTypes)")
            #expect(mine.isReadOnly, "\(contract).\(name) is \(mine.stateMutability)")
        }
        // Literal selectors of AggregatorV3Interface.
        #expect(abi.functions.first { $0.name == "latestRoundData" }?.selector == [0xfe, 0xaf, 0x96, 0x8c])
        #expect(abi.functions.first { $0.name == "decimals" }?.selector == [0x31, 0x3c, 0xe5, 0x67])
        #expect(abi.functions.first { $0.name == "getRoundData" }?.selector == [0x9a, 0x6f, 0xc8, 0xf5])
        // The events consumers index on (AggregatorInterface), where the contract emits them.
        if contract != "EACAggregatorProxy" {
            for e in ["AnswerUpdated", "NewRound"] {
                let ref = try #require(reference.events.first { $0.name == e })
                let mine = try #require(abi.events.first { $0.name == e }, "\(contract) has no event \(e)")
                #expect(mine.topic == ref.topic && mine.inputs.map(\.indexed) == ref.inputs.map(\.indexed), "\(contract).\(e)")
            }
        }
    }
}
