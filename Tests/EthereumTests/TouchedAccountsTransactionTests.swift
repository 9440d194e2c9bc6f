import Testing
import EVM
import UInt256
@testable import Ethereum
import Primitives

// EIP-161 touched accounts at the transaction level (Berlin). Every expected state root and
// post-state here comes from the execution specs' t8n (`ethereum-spec-evm t8n --state.fork
// Berlin`, ethereum-execution 2.20) run on the same pre-state, block and transaction: sender
// 0xa94f… (1 ether, nonce 0), legacy transaction, gas price 10, coinbase 0x2adc…, value 0.

private let emptyAccount = txTestAddress("0x00000000000000000000000000000000000000e1")
private let ripemd = txTestAddress("0x0000000000000000000000000000000000000003")
private let identity = txTestAddress("0x0000000000000000000000000000000000000004")
private let c = txTestAddress("0xcccccccccccccccccccccccccccccccccccccccc")
private let b = txTestAddress("0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")

/// Runs one Berlin transaction over `pre` (plus the sender) and returns the EVM after it.
private func runBerlin(pre: [Address: Account], to: Address, gasLimit: UInt64) throws -> (TransactionOutcome, EVM) {
    var scenario = ProcessorScenario()
    scenario.fork = .berlin
    scenario.extra = pre
    let evm = scenario.makeEVM()
    var tx = Transaction(kind: .legacy, nonce: .zero, gasPrice: U256(10), gasLimit: U256(gasLimit), to: to, value: .zero)
    guard tx.sign(privateKey: stateTestSecretKey, chainId: U256(1)) else { throw TransactionError.invalidSignature }
    let outcome = try TransactionProcessor.apply(tx, sender: tx.recoverSender(chainId: U256(1)), evm: evm)
    return (outcome, evm)
}

private func contract(_ hex: String) -> Account { Account(nonce: 1, code: Bytecode(txTestBytes(hex))) }

/// C: CALL(gas, B, 0, 0, 0, 0, 0); POP; STOP.
private let callB = "0x6000600060006000600073bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb5af15000"

@Suite struct TouchedAccountsTransactionTests {
    /// The example: a zero-value transaction to an existing empty account deletes it.
    @Test func zeroValueTransactionDeletesAnEmptyTarget() throws {
        let (outcome, evm) = try runBerlin(pre: [emptyAccount: Account()], to: emptyAccount, gasLimit: 21_000)
        #expect(outcome.status == .success)
        #expect(!evm.state.exists(emptyAccount))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0xa5898a630f7735e27d26d757c9d6fb86c3cee0345156fd79bf16434e41a5a48a")
    }

    /// C: CALL(gas, 0xe1, 0, …) POP; STATICCALL(gas, 0xe2, …) POP; STOP: both empties deleted.
    @Test func zeroValueCallAndStaticCallDeleteEmptyTargets() throws {
        let e2 = txTestAddress("0x00000000000000000000000000000000000000e2")
        let code = "0x600060006000600060007300000000000000000000000000000000000000e15af150"
                 + "60006000600060007300000000000000000000000000000000000000e25afa5000"
        let (outcome, evm) = try runBerlin(pre: [emptyAccount: Account(), e2: Account(), c: contract(code)], to: c, gasLimit: 100_000)
        #expect(outcome.gasUsed == 0x6681)
        #expect(!evm.state.exists(emptyAccount) && !evm.state.exists(e2))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0x566b34be440c8536bd730286e8b08c57b1502fad0572516183a62f8a10029b5b")
    }

    /// B touches the empty account and reverts: it stays.
    @Test func touchInARevertedFrameIsUndone() throws {
        let bCode = "0x600060006000600060007300000000000000000000000000000000000000e15af15060006000fd"
        let (_, evm) = try runBerlin(pre: [emptyAccount: Account(), c: contract(callB), b: contract(bCode)], to: c, gasLimit: 100_000)
        #expect(evm.state.exists(emptyAccount))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0xf1d1359901f63962d4da4804e6ddf13dc1a4908e567d03c9c075e36de63ff422")
    }

    /// C calls 0x03 with 1 gas (out of gas): the empty account there is deleted anyway.
    @Test func failedCallToRipemdDeletesIt() throws {
        let code = "0x600060006000600060007300000000000000000000000000000000000000036001f15000"
        let (outcome, evm) = try runBerlin(pre: [ripemd: Account(), c: contract(code)], to: c, gasLimit: 100_000)
        #expect(outcome.gasUsed == 0x5284)
        #expect(!evm.state.exists(ripemd))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0x52c1ac430dbb1d64c9da564acc224b759732112a1255b3ac8eea9343f82aae5e")
    }

    /// B's failed call to 0x03 survives B's revert; the same with 0x04 does not.
    @Test(arguments: [
        (ripemd, false, "0x1ac6d0939521d68c13324304b1e938638e1e48a59e46caa5f23783696767ec1c"),
        (identity, true, "0x86caf04d52eed54e84ca10977001fbd478083078aefc71c7e2f0d10487be697c"),
    ])
    func ripemdExemptionSurvivesAnOuterRevert(target: Address, survives: Bool, root: String) throws {
        let bCode = "0x6000600060006000600073" + Hex.encode(target.bytes) + "6001f15060006000fd"
        let (_, evm) = try runBerlin(pre: [target: Account(), c: contract(callB), b: contract(bCode)], to: c, gasLimit: 100_000)
        #expect(evm.state.exists(target) == survives)
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == root)
    }

    /// A transaction to 0x03 that runs out of gas keeps no touch: the account stays.
    @Test func failedTransactionToRipemdKeepsIt() throws {
        let (outcome, evm) = try runBerlin(pre: [ripemd: Account()], to: ripemd, gasLimit: 21_001)
        #expect(!outcome.status.isSuccess)
        #expect(evm.state.exists(ripemd))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0x260ee5339c5e916752e794c5edf9cac983cfb61403067ab66b5234cce87695d0")
    }

    /// C (balance 0) self-destructs to the empty account: both are gone.
    @Test func selfdestructToAnEmptyBeneficiaryDeletesIt() throws {
        let code = "0x7300000000000000000000000000000000000000e1ff"
        let (outcome, evm) = try runBerlin(pre: [emptyAccount: Account(), c: contract(code)], to: c, gasLimit: 100_000)
        #expect(outcome.gasUsed == 0x37de)
        #expect(!evm.state.exists(emptyAccount) && !evm.state.exists(c))
        #expect(Hex.encode(StateRoot.compute(evm.state), prefix: true) == "0xb77aa07046e770a2b539a896794cc0b8d1cea4e40fef9d725c16eb7b3faaab26")
    }
}
