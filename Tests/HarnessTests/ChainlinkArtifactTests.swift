import Testing
import EVM
import ABI
import Primitives
import UInt256
@testable import Harness

/// The real solc artifacts from /work/shared/solidity-artifacts.
@Suite(.enabled(if: Artifacts.available, Artifacts.skipMessage))
struct ChainlinkArtifactTests {
    @Test func mockV3Aggregator() throws {
        for name in ["MockV3Aggregator", "MockV3Aggregator_v08"] {
            let chain = Chain()
            chain.warp(1_795_570_150)
            let feed = try chain.deploy(try Artifacts.load(name), 8, 15_000_000_000_000)
            #expect(try feed.read("decimals") == u(8))
            let round = try feed.readAll("latestRoundData")
            #expect(round == [u(1), .int(U256(15_000_000_000_000)), u(1_795_570_150), u(1_795_570_150), u(1)])
            let o = try feed.call("latestRoundData")
            #expect(o["answer"] == .int(U256(15_000_000_000_000)))

            chain.warp(1_795_570_200)
            let update = try feed.transact("updateAnswer", -5)
            #expect(update.succeeded && update.gasUsed > 21_000)
            #expect(update.events.isEmpty)                    // the mock's updateAnswer emits nothing
            let after = try feed.readAll("latestRoundData")
            #expect(after[0] == u(2) && after[1].intValue == -5 && after[2] == u(1_795_570_200))
            #expect(try feed.readAll("getRoundData", 1)[1] == .int(U256(15_000_000_000_000)))
            #expect(chain.gasReport["\(feed.name).updateAnswer"]?.count == 1)
        }
    }

    @Test func werc20Mock() throws {
        let chain = Chain()
        let (alice, bob, carol) = (chain.account("alice"), chain.account("bob"), chain.account("carol"))
        let token = try chain.deploy(try Artifacts.load("WERC20Mock"))
        #expect(try token.read("symbol") == .string("WERC"))

        chain.expectEmit("Transfer", ["from": Address.zero, "to": alice, "value": 1000])
        try token.transact("mint", alice, 1000, from: bob)                 // unguarded mint: anyone may call
        #expect(try token.read("balanceOf", alice) == u(1000))
        #expect(try token.read("totalSupply") == u(1000))

        let t = try token.transact("transfer", bob, 300, from: alice)
        #expect(t.succeeded && t.value == .bool(true))
        let ev = try #require(t.events.first)
        #expect(ev.name == "Transfer" && ev["from"] == .address(alice.address) && ev["to"] == .address(bob.address) && ev["value"] == u(300))
        #expect(ev.address == token.address)

        try token.transact("approve", carol, 200, from: bob)
        #expect(try token.read("allowance", bob, carol) == u(200))
        chain.expectEmit("Transfer", ["from": bob, "to": carol, "value": 150])
        #expect(try token.transact("transferFrom", bob, carol, 150, from: carol).succeeded)
        #expect(try token.read("balanceOf", carol) == u(150))
        #expect(try token.read("allowance", bob, carol) == u(50))

        let fail = try token.transact("transfer", bob, 10_000, from: alice)
        #expect(fail.reverted)
        #expect(fail.revertReason == .error("ERC20: transfer amount exceeds balance"))
        chain.expectRevert("ERC20: transfer amount exceeds balance")
        try token.transact("transfer", bob, 10_000, from: alice)
        chain.expectRevert("ERC20: insufficient allowance")
        try token.transact("transferFrom", bob, carol, 51, from: carol)

        // WETH-style deposit with value.
        let dep = try token.transact("deposit", from: alice, value: ether(2))
        #expect(dep.events(named: "Deposit").count == 1)
        #expect(token.balance == ether(2))
        #expect(try token.read("balanceOf", alice) == .uint(ether(2) &+ U256(700)))
        // Events were collected on the chain too.
        #expect(chain.events.filter { $0.name == "Transfer" }.count >= 3)
        // A missing expected emit is a failure.
        chain.expectEmit("Transfer", ["value": 999])
        #expect(throws: HarnessError.self) { try token.transact("transfer", bob, 1, from: alice) }
    }

    @Test func linkToken() throws {
        let chain = Chain()
        let link = try chain.deploy(try Artifacts.load("LinkToken"))
        #expect(try link.read("totalSupply") == .uint(U256(1_000_000_000) &* ether(1)))
        #expect(try link.read("balanceOf", chain.deployer) == .uint(U256(1_000_000_000) &* ether(1)))
        let alice = chain.account("alice")
        let o = try link.transact("transfer", alice, ether(5))
        #expect(o.events.first?.signature == "Transfer(address,address,uint256)")
        #expect(try link.read("balanceOf", alice) == .uint(ether(5)))
        // ERC-677 transferAndCall to an EOA.
        let t = try link.transact("transferAndCall", alice, ether(1), [UInt8]([1, 2, 3]))
        #expect(t.succeeded)
        #expect(t.events.contains { $0.signature == "Transfer(address,address,uint256,bytes)" && $0["data"] == .bytes([1, 2, 3]) })
    }

    @Test func eacAggregatorProxyInFrontOfMock() throws {
        let chain = Chain()
        chain.warp(1_795_570_142)
        let mock = try chain.deploy(try Artifacts.load("MockV3Aggregator"), 8, 15_000_000_000_000)
        let proxy = try chain.deploy(try Artifacts.load("EACAggregatorProxy"), mock, Address.zero)
        #expect(try proxy.read("decimals") == u(8))
        #expect(try proxy.read("aggregator") == .address(mock.address))
        let phase1Round1 = (U256.one.shiftedLeft(byBits: 64)) | U256.one
        #expect(try proxy.readAll("latestRoundData") == [.uint(phase1Round1), .int(U256(15_000_000_000_000)), u(1_795_570_142),
                                                         u(1_795_570_142), .uint(phase1Round1)])
        try mock.transact("updateAnswer", 16_000_000_000_000)
        let r = try proxy.readAll("latestRoundData")
        #expect(r[0] == .uint(U256.one.shiftedLeft(byBits: 64) | U256(2)))
        #expect(r[1] == .int(U256(16_000_000_000_000)))
        #expect(try proxy.readAll("getRoundData", phase1Round1)[1] == .int(U256(15_000_000_000_000)))
        // Only the owner may propose a new aggregator.
        chain.expectRevert("Only callable by owner")
        try proxy.transact("proposeAggregator", mock, from: chain.account("alice"))
    }

    @Test func upkeepMock() throws {
        let chain = Chain()
        let upkeep = try chain.deploy(try Artifacts.load("UpkeepMock"))
        try upkeep.transact("setCanCheck", true)
        try upkeep.transact("setPerformData", [UInt8]([0xca, 0xfe]))
        // checkUpkeep is `cannotExecute`: only for tx.origin == 0 (simulation), hence the prank.
        let check = try upkeep.call("checkUpkeep", [UInt8]())
        #expect(check.revertReason == .error("only for simulated backend"))
        chain.prank(chain.deployer, origin: Address.zero)
        let simulated = try upkeep.call("checkUpkeep", [UInt8]())
        #expect(simulated[0] == .bool(true))
        #expect(simulated[1] == .bytes([0xca, 0xfe]))
        try upkeep.transact("setCanPerform", true)
        chain.expectEmit("UpkeepPerformedWith", ["upkeepData": [UInt8]([0xca, 0xfe])])
        try upkeep.transact("performUpkeep", [UInt8]([0xca, 0xfe]))
        try upkeep.transact("setShouldRevertCheck", true)
        try upkeep.transact("setCheckRevertReason", "feed is stale")
        chain.prank(chain.deployer, origin: Address.zero)
        chain.expectRevert("feed is stale")
        try upkeep.call("checkUpkeep", [UInt8]())
    }

    @Test func ocr2TransmitVector() throws {
        let file = try Artifacts.json("OCR2Aggregator")
        let v = try #require(file["validation"]?["transmitVector"])
        let chain = Chain(chainId: UInt64(try #require(v["chainId"]?.int)))
        let ocr = try chain.addAccount(name: "ocr", privateKey: try #require(v["deployer_private_key"]?.string))
        #expect(ocr.address == Address(hex: try #require(v["deployer_and_transmitter"]?.string)))

        let link = try chain.deploy(try Artifacts.load("LinkToken"), from: ocr)
        let args = try #require(v["constructorArgs"])
        #expect(link.address == Address(hex: try #require(args["link"]?.string)))
        let aggregator = try chain.deploy(try Artifacts.load("OCR2Aggregator"), link, 1, try #require(args["maxAnswer"]?.numberText),
                                          Address.zero, Address.zero, 8, try #require(args["description"]?.string), from: ocr)
        #expect(aggregator.address == Address(hex: try #require(v["aggregatorAddress"]?.string)))
        #expect(try aggregator.read("description") == .string("WBTC PoR test"))

        let cfg = try #require(v["setConfig"])
        let strings = { (k: String) in (cfg[k]?.array ?? []).compactMap(\.string) }
        let set = try aggregator.transact("setConfig", strings("signers"), strings("transmitters"), try #require(cfg["f"]?.int),
                                          try #require(cfg["onchainConfig"]?.string), try #require(cfg["offchainConfigVersion"]?.int),
                                          try #require(cfg["offchainConfig"]?.string), from: ocr)
        #expect(set.succeeded, "\(set)")
        let digest = try #require(v["configDigest"]?.string)
        #expect(set.events(named: "ConfigSet").first?["configDigest"] == .fixedBytes(hexBytes(digest)))

        chain.warp(1_795_570_113)
        let calldata = hexBytes(try #require(v["transmit"]?["calldata"]?.string))
        let tx = try chain.transact(to: aggregator, data: calldata, from: ocr)
        #expect(tx.succeeded, "\(tx)")
        #expect(tx.function?.name == "transmit")
        #expect(tx.events(named: "NewTransmission").first?["answer"] == .int(U256(150_200_000_000)))
        let round = try aggregator.readAll("latestRoundData")
        #expect(round[0] == u(1))
        #expect(round[1] == .int(U256(150_200_000_000)))
        #expect(round[2] == u(1_700_000_100))
        #expect(round[3] == u(1_795_570_113))
        // Replaying the same report is rejected.
        chain.expectRevert("stale report")
        try chain.transact(to: aggregator, data: calldata, from: ocr)
    }
}
