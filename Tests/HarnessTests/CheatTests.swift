import Testing
import EVM
import ABI
import Primitives
import UInt256
@testable import Harness

/// Every cheat on hand-assembled contracts (no compiler needed).
@Suite struct CheatTests {
    @Test func warpAndRoll() throws {
        let chain = Chain()
        let clock = chain.at(Address(hex: "0x000000000000000000000000000000000000c10c")!, abi: try abi("now()(uint256)"))
        chain.etch(clock, code: returnsWord(0x42))         // TIMESTAMP
        chain.warp(1_700_000_000)
        #expect(try clock.read("now") == u(1_700_000_000))
        let height = chain.at(Address(hex: "0x000000000000000000000000000000000000b10c")!, abi: try abi("number()(uint256)"))
        chain.etch(height, code: returnsWord(0x43))        // NUMBER
        chain.roll(12_345)
        #expect(try height.read("number") == u(12_345))
        #expect(chain.block.number == 12_345)
    }

    @Test func prankSetsCallerForOneCall() throws {
        let chain = Chain()
        let who = chain.at(Address(hex: "0x0000000000000000000000000000000000000ca1")!, abi: try abi("who()(address)"))
        chain.etch(who, code: returnsWord(0x33))           // CALLER
        let alice = chain.account("alice")
        let stranger = Address(hex: "0x000000000000000000000000000000000000beef")!
        #expect(try who.read("who", from: alice) == .address(alice.address))
        chain.prank(stranger)
        #expect(try who.read("who", from: alice) == .address(stranger))
        #expect(try who.read("who", from: alice) == .address(alice.address))   // only the next call
        chain.startPrank(stranger)
        #expect(try who.read("who") == .address(stranger))
        #expect(try who.transact("who").succeeded)                            // state-changing path too
        #expect(try who.read("who") == .address(stranger))
        chain.stopPrank()
        #expect(try who.read("who") == .address(chain.deployer.address))
        // tx.origin follows the prank's origin.
        let origin = chain.at(Address(hex: "0x0000000000000000000000000000000000000c1a")!, abi: try abi("origin()(address)"))
        chain.etch(origin, code: returnsWord(0x32))        // ORIGIN
        chain.prank(stranger, origin: alice)
        #expect(try origin.read("origin") == .address(alice.address))
    }

    @Test func dealStoreLoadEtch() throws {
        let chain = Chain()
        let a = Address(hex: "0x00000000000000000000000000000000000000aa")!
        chain.deal(a, ether(3))
        #expect(chain.balance(of: a) == ether(3))
        chain.store(a, slot: U256(7), value: U256(99))
        #expect(chain.load(a, slot: U256(7)) == U256(99))
        // SLOAD(7) returned by code etched at the same address.
        chain.etch(a, code: [0x60, 0x07, 0x54] + Array(returnsWord(0x00).dropFirst()))
        let c = chain.at(a, abi: try abi("get()(uint256)"))
        #expect(try c.read("get") == u(99))
        #expect(chain.code(at: a).count == 11)
    }

    @Test func snapshotAndRevert() throws {
        let chain = Chain()
        let bob = chain.account("bob")
        let id = chain.snapshot()
        try chain.send(ether(1), to: Address(hex: "0x00000000000000000000000000000000000000bb")!, from: bob)
        chain.warp(5_000)
        #expect(chain.nonce(of: bob) == 1)
        try chain.revertTo(id)
        #expect(chain.nonce(of: bob) == 0)
        #expect(chain.balance(of: bob) == chain.initialBalance)
        #expect(chain.balance(of: Address(hex: "0x00000000000000000000000000000000000000bb")!) == .zero)
        #expect(chain.block.timestamp == 1)
        // The snapshot survives for another revert; unknown ids are errors.
        try chain.send(ether(1), to: bob, from: chain.deployer)
        try chain.revertTo(id)
        #expect(chain.nonce(of: chain.deployer) == 0)
        #expect(throws: HarnessError.self) { try chain.revertTo(999) }
    }

    @Test func transactionsAreRealAndMessageCallsAreOptional() throws {
        let chain = Chain(baseFee: gwei(2))
        let alice = chain.account("alice")
        let to = Address(hex: "0x00000000000000000000000000000000000000cc")!
        let o = try chain.send(ether(1), to: to, from: alice)
        #expect(o.gasUsed == 21_000)
        #expect(chain.balance(of: alice) == chain.initialBalance &- ether(1) &- gwei(2) &* U256(21_000))
        #expect(chain.nonce(of: alice) == 1)
        // Too poor for the gas: the transaction is invalid, and nothing changes.
        let poor = chain.account("poor")
        chain.deal(poor, U256(1000))
        #expect(throws: HarnessError.self) { try chain.send(U256(1), to: to, from: poor) }
        #expect(chain.balance(of: poor) == U256(1000))
        // Message-call mode: no fee, no nonce for calls.
        chain.mode = .messageCalls
        try chain.send(U256(10), to: to, from: poor)
        #expect(chain.balance(of: poor) == U256(990))
        #expect(chain.nonce(of: poor) == 0)
        #expect(throws: HarnessError.self) { try chain.send(U256(10_000), to: to, from: poor) }
    }

    @Test func configurableChainId() throws {
        let chain = Chain(chainId: 0)
        let c = chain.at(Address(hex: "0x00000000000000000000000000000000000c1d00")!, abi: try abi("id()(uint256)"))
        chain.etch(c, code: returnsWord(0x46))             // CHAINID
        #expect(try c.read("id") == u(0))
        chain.chainId = U256(5)
        #expect(try c.read("id") == u(5))
        #expect(try c.transact("id").succeeded)          // signed with chain id 5
    }

    @Test func expectRevertWithPanicAndCustomErrors() throws {
        let chain = Chain()
        // MSTORE Panic selector at 0, code 0x11 at 4, REVERT(0, 0x24).
        let panic: [UInt8] = [0x7f, 0x4e, 0x48, 0x7b, 0x71] + [UInt8](repeating: 0, count: 28)
            + [0x60, 0x00, 0x52, 0x60, 0x11, 0x60, 0x04, 0x52, 0x60, 0x24, 0x60, 0x00, 0xfd]
        var pabi = try abi("boom()")
        let c = chain.at(Address(hex: "0x0000000000000000000000000000000000000b00")!, abi: pabi)
        chain.etch(c, code: panic)
        let o = try c.transact("boom")
        #expect(o.revertReason == .panic(code: U256(0x11)))
        #expect(o.gasUsed > 21_000)
        chain.expectRevert(panic: 0x11)
        try c.transact("boom")
        chain.expectRevert()
        try c.call("boom")
        chain.expectRevert(panic: 0x12)
        #expect(throws: HarnessError.self) { try c.transact("boom") }
        chain.expectRevert("some reason")
        #expect(throws: HarnessError.self) { try c.transact("boom") }

        // A custom error Oops(uint256 code) = 0x… with code 7: selector then the word.
        pabi.errors = [ABIErrorDefinition(name: "Oops", inputs: [ABIParameter(name: "code", type: .uint(256))])]
        let sel = try ABI.selector("Oops(uint256)")
        let custom: [UInt8] = [0x7f] + sel + [UInt8](repeating: 0, count: 28)
            + [0x60, 0x00, 0x52, 0x60, 0x07, 0x60, 0x04, 0x52, 0x60, 0x24, 0x60, 0x00, 0xfd]
        let d = chain.at(Address(hex: "0x0000000000000000000000000000000000000b01")!, abi: pabi)
        chain.etch(d, code: custom)
        #expect(try d.call("boom").revertReason == .custom(name: "Oops", signature: "Oops(uint256)", arguments: [u(7)]))
        chain.expectRevert("Oops")
        try d.call("boom")
        chain.expectRevert(error: "Oops", 7)
        try d.call("boom")
        chain.expectRevert(error: "Oops", 8)
        #expect(throws: HarnessError.self) { try d.call("boom") }
        // A call that succeeds fails the expectation.
        let ok = chain.at(Address(hex: "0x0000000000000000000000000000000000000b02")!, abi: try abi("ok()"))
        chain.expectRevert()
        #expect(throws: HarnessError.self) { try ok.transact("ok") }
    }

    @Test func wrongArgumentsAreThrown() throws {
        let chain = Chain()
        let c = chain.at(Address(hex: "0x0000000000000000000000000000000000000b03")!, abi: try abi("set(uint8,address)"))
        #expect(throws: HarnessError.self) { try c.transact("set", 1) }
        #expect(throws: HarnessError.self) { try c.transact("set", 256, Address.zero) }
        #expect(throws: HarnessError.self) { try c.transact("set", 1, "nope") }
        #expect(throws: HarnessError.self) { try c.transact("sett", 1, Address.zero) }
        #expect(throws: HarnessError.self) { try chain.addAccount(name: "x", privateKey: "0x00") }
    }

    @Test func expectEmitOnTheNextCall() throws {
        let chain = Chain()
        let topic = try ABI.eventTopic("Value(address,uint256)")
        // MSTORE(0, 42); LOG2(0, 32, topic, CALLER); STOP
        let code: [UInt8] = [0x60, 0x2a, 0x60, 0x00, 0x52, 0x33, 0x7f] + topic.bigEndianBytes + [0x60, 0x20, 0x60, 0x00, 0xa2, 0x00]
        var emitterABI = try abi("poke()")
        emitterABI.events = [ABIEvent(name: "Value", inputs: [ABIParameter(name: "who", type: .address, indexed: true),
                                                             ABIParameter(name: "v", type: .uint(256))])]
        let c = chain.at(Address(hex: "0x0000000000000000000000000000000000000e00")!, abi: emitterABI)
        chain.etch(c, code: code)
        let alice = chain.account("alice")
        chain.expectEmit("Value", ["who": alice, "v": 42], from: c)
        let o = try c.transact("poke", from: alice)
        #expect(o.events == [DecodedEvent(name: "Value", signature: "Value(address,uint256)", address: c.address,
                                          names: ["who", "v"], values: [.address(alice.address), u(42)])])
        #expect(chain.events.count == 1 && chain.logs.count == 1)
        chain.expectEmit("Value", ["v": 43])
        #expect(throws: HarnessError.self) { try c.transact("poke") }
        chain.expectEmit("Value", ["nope": 1])
        #expect(throws: HarnessError.self) { try c.transact("poke") }
        // Read-only calls decode events too, but do not add them to the chain's history.
        let before = chain.events.count
        #expect(try c.call("poke").events.count == 1)
        #expect(chain.events.count == before)
    }
}
