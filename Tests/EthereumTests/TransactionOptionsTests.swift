import Testing
import EVM
import UInt256
@testable import Ethereum
import Primitives

// TransactionProcessor.Options: what the test harness's impersonated and read-only
// transactions may skip, and that everything else stays the rule. Expected numbers are the
// Yellow Paper's and the EIPs' (21,000 per call; CREATE address from sender and nonce).

private let payer = txTestAddress("0x00000000000000000000000000000000000000a1")
private let target = txTestAddress("0x00000000000000000000000000000000000000b2")
private let coinbaseAddress = txTestAddress("0x00000000000000000000000000000000000000c3")

/// Base fee 10; `payer` holds 1,000 wei at nonce 7; `target` runs `code`.
private func makeEVM(code: [UInt8] = [], payerCode: [UInt8] = []) -> EVM {
    let accounts: [Address: Account] = [
        payer: Account(nonce: 7, balance: U256(1_000), code: Bytecode(payerCode)),
        target: Account(code: Bytecode(code)),
    ]
    let block = BlockEnvironment(coinbase: coinbaseAddress, baseFee: U256(10), chainId: U256(1))
    return EVM(fork: .cancun, state: WorldState(accounts: accounts), block: block)
}

private func call(value: UInt64 = 0, maxFee: UInt64 = 0, to: Address? = target, data: [UInt8] = []) -> Transaction {
    Transaction(kind: .feeMarket, chainId: U256(1), nonce: U256(7), maxFeePerGas: U256(maxFee),
                gasLimit: U256(100_000), to: to, value: U256(value), data: data)
}

private let impersonated = TransactionProcessor.Options(noBaseFee: true, allowsSenderWithCode: true, incrementsNonceOfCall: false)

@Suite struct TransactionOptionsTests {
    @Test func zeroFeeFieldsPayNothingOnlyWithNoBaseFee() throws {
        let evm = makeEVM()
        #expect(throws: TransactionError.insufficientMaxFeePerGas) {
            try TransactionProcessor.apply(call(value: 5), sender: payer, evm: evm)
        }
        let o = try TransactionProcessor.apply(call(value: 5), sender: payer, evm: evm, options: .init(noBaseFee: true))
        #expect(o.status.isSuccess && o.gasUsed == 21_000)
        #expect(evm.state.balance(payer) == U256(995))
        #expect(evm.state.balance(target) == U256(5))
        #expect(!evm.state.exists(coinbaseAddress))
        #expect(evm.state.nonce(payer) == 8)
        // A fee below the base fee is still refused: only all-zero fee fields are free.
        #expect(throws: TransactionError.insufficientMaxFeePerGas) {
            try TransactionProcessor.apply(call(maxFee: 9), sender: payer, evm: evm, options: .init(noBaseFee: true))
        }
    }

    @Test func valueMustStillBeCovered() {
        let evm = makeEVM()
        #expect(throws: TransactionError.insufficientAccountFunds) {
            try TransactionProcessor.apply(call(value: 1_001), sender: payer, evm: evm, options: impersonated)
        }
    }

    @Test func senderWithCodeOnlyWhenAllowed() throws {
        let evm = makeEVM(payerCode: [0x00])
        #expect(throws: TransactionError.senderNotEOA) {
            try TransactionProcessor.apply(call(), sender: payer, evm: evm, options: .init(noBaseFee: true))
        }
        #expect(try TransactionProcessor.apply(call(), sender: payer, evm: evm, options: impersonated).status.isSuccess)
    }

    /// A call leaves the nonce when asked to; a creation always uses and increments it.
    @Test func nonceOfCallsAndCreations() throws {
        let evm = makeEVM()
        _ = try TransactionProcessor.apply(call(), sender: payer, evm: evm, options: impersonated)
        #expect(evm.state.nonce(payer) == 7)
        // Init code returning one byte: PUSH1 1 PUSH1 0 RETURN.
        let o = try TransactionProcessor.apply(call(to: nil, data: [0x60, 0x01, 0x60, 0x00, 0xf3]), sender: payer, evm: evm,
                                               options: impersonated)
        #expect(o.createdAddress == EVM.createAddress(sender: payer, nonce: 7))
        #expect(evm.state.nonce(payer) == 8)
    }

    /// `commits: false` (eth_call): the outcome is the transaction's, the state is left as it was.
    @Test func uncommittedTransactionChangesNothing() throws {
        // SSTORE(0, 1); LOG0(0, 0); STOP
        let evm = makeEVM(code: [0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x00, 0xa0, 0x00])
        let before = StateRoot.compute(evm.state)
        var options = impersonated
        options.commits = false
        let o = try TransactionProcessor.apply(call(value: 3), sender: payer, evm: evm, options: options)
        #expect(o.status.isSuccess && o.logs.count == 1)
        #expect(o.gasUsed == 21_000 + 4 * 3 + 22_100 + 375)     // PUSH1×4, cold SSTORE 0→1, LOG0
        #expect(StateRoot.compute(evm.state) == before)
        #expect(evm.state.storage(target, .zero) == .zero && evm.state.nonce(payer) == 7)
    }

    @Test func originCanDifferFromTheSender() throws {
        // ORIGIN PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
        let evm = makeEVM(code: [0x32, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3])
        var options = impersonated
        options.origin = coinbaseAddress
        let o = try TransactionProcessor.apply(call(), sender: payer, evm: evm, options: options)
        #expect(o.output == [UInt8](repeating: 0, count: 12) + coinbaseAddress.bytes)
    }
}
