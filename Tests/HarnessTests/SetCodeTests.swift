import Testing
import EVM
import ABI
import UInt256
import Ethereum
@testable import Harness
import Primitives

/// A Prague chain in the harness: EIP-7623's floor on its transactions, and EIP-7702 set-code
/// transactions sent by the harness (an account delegates to a contract and then runs its code
/// as its own). Figures: EIP-7623 (floor 21000 + 10 per token, 4 tokens per non-zero byte),
/// EIP-2028 (16 per non-zero byte), EIP-7702 (25000 per tuple, designator 0xef0100 ‖ address).
@Suite struct SetCodeTests {
    /// Runtime `ADDRESS 0 SSTORE STOP` behind init code that returns it.
    static let storesAddress = Artifact(contractName: "StoresAddress", abi: ContractABI(),
                                        bytecodeHex: "0x6430600055006000526005601bf3")
    static let to = Address(hex: "0x00000000000000000000000000000000000000cc")!

    @Test func pragueChainChargesTheCalldataFloor() throws {
        let data = [UInt8](repeating: 0xff, count: 100)          // intrinsic 22600, floor 25000
        let prague = Chain(fork: .prague)
        #expect(try prague.transact(to: Self.to, data: data).gasUsed == 25_000)
        #expect(try prague.send(ether(1), to: Self.to).gasUsed == 21_000)
        let cancun = Chain(fork: .cancun)
        #expect(try cancun.transact(to: Self.to, data: data).gasUsed == 22_600)
    }

    @Test func accountDelegatesAndRunsTheCodeAsItsOwn() throws {
        let chain = Chain(fork: .prague)
        let target = try chain.deploy(Self.storesAddress)
        let alice = chain.account("alice")
        let auth = try chain.authorization(alice, delegate: target.address)
        let outcome = try chain.setCode([auth])
        #expect(outcome.succeeded)
        #expect(chain.code(at: alice) == [0xef, 0x01, 0x00] + target.address.bytes)
        #expect(chain.nonce(of: alice) == 1)
        #expect(chain.state.storage(alice.address, .zero) == alice.address.word)
        // Later plain calls to alice run the delegate too.
        chain.state.setStorage(alice.address, .zero, .zero)
        try chain.transact(to: alice, data: [])
        #expect(chain.state.storage(alice.address, .zero) == alice.address.word)
    }

    @Test func selfSponsoredDelegationAndClearing() throws {
        let chain = Chain(fork: .prague)
        let target = try chain.deploy(Self.storesAddress)
        let bob = chain.account("bob")
        try chain.setCode([try chain.authorization(bob, delegate: target.address, sender: bob)], from: bob)
        #expect(Bytecode(chain.code(at: bob)).delegatedAddress == target.address)
        #expect(chain.nonce(of: bob) == 2)                       // the transaction's and the tuple's
        try chain.setCode([try chain.authorization(bob, delegate: Address.zero, sender: bob)], from: bob)
        #expect(chain.code(at: bob).isEmpty)
    }

    @Test func setCodeBeforePragueIsRefused() throws {
        let chain = Chain(fork: .cancun)
        let alice = chain.account("alice")
        let auth = try chain.authorization(alice, delegate: Self.to)
        #expect(throws: HarnessError.self) { try chain.setCode([auth]) }
    }
}
