import Testing
import EVM
import ABI
import UInt256
import Ethereum
@testable import Harness
import Primitives

/// The harness has one transaction path (`TransactionProcessor.apply`): signed, pranked and
/// read-only calls are charged and addressed as the specs say. Expected figures come from the
/// Yellow Paper, the EIPs and other tools' documented vectors, not from our output.
@Suite struct TransactionPathTests {
    /// Init code returning a one-byte runtime (STOP): PUSH1 0 PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN.
    static let tiny = Artifact(contractName: "Tiny", abi: ContractABI(), bytecodeHex: "0x600060005360016000f3")
    static let to = Address(hex: "0x00000000000000000000000000000000000000cc")!

    /// Hardhat's and anvil's account #0 (their documented default key).
    static func hardhatAccount0(_ chain: Chain) throws -> TestAccount {
        try chain.addAccount(name: "hardhat0", privateKey: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
    }

    @Test func hardhatKeyGivesItsDocumentedAddress() throws {
        let chain = Chain()
        #expect(try Self.hardhatAccount0(chain).address == Address(hex: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"))
    }

    /// Yellow Paper: G_transaction = 21000 for a plain transfer, whoever sends it; a signed one
    /// pays it at the effective gas price (EIP-1559: base fee + tip), a pranked one pays nothing.
    @Test(arguments: [Fork.berlin, .london, .cancun])
    func plainTransferCosts21000(fork: Fork) throws {
        let chain = Chain(fork: fork, baseFee: gwei(3))
        chain.priorityFee = gwei(2)
        let alice = chain.account("alice")
        #expect(try chain.send(ether(1), to: Self.to, from: alice).gasUsed == 21_000)
        #expect(chain.balance(of: alice) == chain.initialBalance &- ether(1) &- gwei(5) &* U256(21_000))
        #expect(chain.nonce(of: alice) == 1)

        let bob = chain.account("bob")
        chain.prank(bob)
        #expect(try chain.send(ether(1), to: Self.to).gasUsed == 21_000)
        #expect(chain.balance(of: bob) == chain.initialBalance &- ether(1))
        #expect(chain.balance(of: Self.to) == ether(2))
    }

    /// CREATE address = keccak256(rlp([sender, nonce]))[12:] (Yellow Paper eq. 86). The first
    /// three deployments of a fresh Hardhat/anvil node from account #0 land at these addresses.
    @Test func signedDeploymentsLandAtHardhatsAddresses() throws {
        let chain = Chain()
        let a0 = try Self.hardhatAccount0(chain)
        let expected = ["0x5FbDB2315678afecb367f032d93F642f64180aa3", "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
                        "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"]
        for (nonce, address) in expected.enumerated() {
            #expect(chain.nonce(of: a0) == UInt64(nonce))
            #expect(try chain.deploy(Self.tiny, from: a0).address == Address(hex: address))
        }
        #expect(chain.nonce(of: a0) == 3)
    }

    /// A pranked deployment takes its address from the pranked sender's nonce and increments
    /// it, as CREATE does (viem's documented `getContractAddress` vector); a pranked call leaves
    /// the nonce alone, as Foundry's `prank` does.
    @Test func prankedDeploymentUsesTheSendersNonceAndCallsLeaveIt() throws {
        let chain = Chain()
        let sender = Address(hex: "0xc961145a54C96E3aE9bAA048c4F4D6b04C13916b")!
        chain.setNonce(sender, 69_420)
        chain.prank(sender)
        #expect(try chain.deploy(Self.tiny).address == Address(hex: "0xDf2e056f7062790dF95A472f691670717Ae7b1B6"))
        #expect(chain.nonce(of: sender) == 69_421)
        chain.prank(sender)
        #expect(try chain.send(.zero, to: Self.to).succeeded)
        #expect(chain.nonce(of: sender) == 69_421)
    }

    /// EIP-3529: from London the refund is capped at gasUsed/5 (before: /2), and clearing a
    /// slot refunds 4,800 (before: 15,000). Two slots set to 1 are cleared:
    /// 21,000 + 4·PUSH1 (3) + 2·(cold 2,100 + reset 2,900) = 31,012 gas before the refund.
    static let refundCases: [(Fork, UInt64)] = [(.berlin, 31_012 - 31_012 / 2), (.london, 31_012 - 31_012 / 5),
                                                (.cancun, 31_012 - 31_012 / 5)]

    @Test(arguments: refundCases)
    func refundIsCapped(fork: Fork, expected: UInt64) throws {
        for pranked in [false, true] {
            let chain = Chain(fork: fork)
            let c = Address(hex: "0x0000000000000000000000000000000000c1ea40")!
            chain.etch(c, code: [0x60, 0x00, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x01, 0x55, 0x00])
            chain.store(c, slot: U256(0), value: U256(1))
            chain.store(c, slot: U256(1), value: U256(1))
            let alice = chain.account("alice")
            if pranked { chain.prank(alice) }
            let o = try chain.transact(to: c, from: alice)
            #expect(o.succeeded)
            #expect(o.gasUsed == expected, "pranked: \(pranked)")
            #expect(chain.load(c, slot: U256(0)) == .zero && chain.load(c, slot: U256(1)) == .zero)
            let fee = pranked ? U256.zero : chain.baseFee &* U256(expected)
            #expect(chain.balance(of: alice) == chain.initialBalance &- fee)
        }
    }

    /// A read-only call runs the same checks (intrinsic gas) and charges gas as a transaction
    /// would, then undoes everything: storage, nonce, balances.
    @Test func readOnlyCallsChangeNothing() throws {
        let chain = Chain()
        let c = Address(hex: "0x0000000000000000000000000000000000c1ea41")!
        chain.etch(c, code: [0x60, 0x07, 0x60, 0x00, 0x55, 0x00])      // SSTORE(0, 7)
        let alice = chain.account("alice")
        let o = try chain.call(to: c, data: [], from: alice, value: U256(5))
        #expect(o.succeeded)
        #expect(o.gasUsed == 21_000 + 3 + 3 + 22_100)                   // EIP-2929 cold SSTORE of a zero slot
        #expect(chain.load(c, slot: .zero) == .zero)
        #expect(chain.nonce(of: alice) == 0 && chain.balance(of: alice) == chain.initialBalance)
        #expect(chain.balance(of: c) == .zero)
        #expect(chain.gasReport.isEmpty && chain.logs.isEmpty)
        #expect(throws: HarnessError.self) { try chain.call(to: c, data: [], from: alice, gasLimit: 20_999) }
    }

    /// The transaction rules apply to impersonated senders too: intrinsic gas, EIP-3860's
    /// init code limit (49,152 bytes) — the harness's former copy checked neither for pranks.
    @Test func pranksAreValidatedLikeTransactions() throws {
        let chain = Chain()
        let bob = chain.account("bob")
        chain.prank(bob)
        do {
            try chain.transact(to: Self.to, gasLimit: 20_999)
            Issue.record("a transaction below the intrinsic gas was applied")
        } catch let e as HarnessError {
            guard case .invalidTransaction(.intrinsicGasTooLow, _) = e.kind else { Issue.record("\(e)"); return }
        }
        let big = Artifact(contractName: "Big", abi: ContractABI(),
                           bytecodeHex: "0x" + String(repeating: "00", count: 49_153))
        chain.prank(bob)
        do {
            _ = try chain.deploy(big)
            Issue.record("init code over the EIP-3860 limit was accepted")
        } catch let e as HarnessError {
            guard case .invalidTransaction(.initCodeSizeExceeded, _) = e.kind else { Issue.record("\(e)"); return }
        }
        #expect(chain.nonce(of: bob) == 0)
        // A prank spends no gas fee but the value must be there.
        let poor = Address(hex: "0x00000000000000000000000000000000000000ee")!
        chain.prank(poor)
        #expect(throws: HarnessError.self) { try chain.send(U256(1), to: Self.to) }
    }

    /// EIP-3607 refuses a transaction from an account with code; impersonating a contract (a
    /// prank, a read-only call from it) is allowed, as in Foundry and geth's eth_call.
    @Test func contractsCanBeImpersonatedButNotSignedFor() throws {
        let chain = Chain()
        let who = chain.at(Address(hex: "0x0000000000000000000000000000000000000ca1")!, abi: try abi("who()(address)"))
        chain.etch(who, code: returnsWord(0x33))           // CALLER
        let alice = chain.account("alice")
        chain.etch(alice, code: [0x00])
        #expect(try who.read("who", from: alice) == .address(alice.address))
        chain.prank(alice)
        #expect(try who.transact("who").succeeded)
        do {
            try who.transact("who", from: alice)
            Issue.record("a signed transaction from an account with code was applied")
        } catch let e as HarnessError {
            guard case .invalidTransaction(.senderNotEOA, _) = e.kind else { Issue.record("\(e)"); return }
        }
    }

    /// GASPRICE reads the effective price of a signed transaction (base fee + tip) and 0 for an
    /// impersonated or read-only one, which pays no fee.
    @Test func gasPriceSeenByTheContract() throws {
        let chain = Chain(baseFee: gwei(7))
        chain.priorityFee = gwei(1)
        let p = chain.at(Address(hex: "0x00000000000000000000000000000000000009a5")!, abi: try abi("price()(uint256)"))
        chain.etch(p, code: returnsWord(0x3a))             // GASPRICE
        #expect(try p.transact("price").value == .uint(gwei(8)))
        #expect(try p.read("price") == u(0))
        chain.prank(chain.account("bob"))
        #expect(try p.transact("price").value == u(0))
    }
}
