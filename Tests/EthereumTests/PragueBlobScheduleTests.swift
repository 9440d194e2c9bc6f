import Testing
import EVM
import Primitives
import UInt256
@testable import Ethereum

// EIP-7691 under Prague: target 6, maximum 9 blobs per block, update fraction 5,007,716, read by
// BLOBBASEFEE and the blob-count check through the block's schedule (set from the fork, as the
// state-test runner and the harness do). Prices: the execution specs' calculate_blob_gas_price
// (ethereum/forks/cancun and prague, vm/gas.py) for excess blob gas 10,000,000: 19 and 7.

private let blobHash = txTestWord("0x0100000000000000000000000000000000000000000000000000000000000000")
private let target = txTestAddress("0x1000000000000000000000000000000000000001")

private func evm(_ fork: Fork, excessBlobGas: UInt64 = 0) -> EVM {
    var s = ProcessorScenario()
    s.fork = fork
    s.excessBlobGas = excessBlobGas
    let e = s.makeEVM()
    e.block.blobSchedule = fork.blobSchedule
    return e
}

private func blobTx(_ count: Int) -> Transaction {
    var tx = Transaction(kind: .blob, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20), gasLimit: U256(21_000),
                         to: target, maxFeePerBlobGas: U256(100),
                         blobVersionedHashes: [U256](repeating: blobHash, count: count))
    _ = tx.sign(privateKey: stateTestSecretKey, chainId: U256(1))
    return tx
}

@Suite struct PragueBlobScheduleTests {
    @Test func scheduleIsEIP7691s() {
        #expect(Fork.prague.blobSchedule == BlobSchedule(target: 6, max: 9, baseFeeUpdateFraction: 5_007_716))
        #expect(Fork.cancun.blobSchedule == BlobSchedule(target: 3, max: 6, baseFeeUpdateFraction: 3_338_477))
    }

    @Test func blobBaseFeeOpcodeUsesThePragueFraction() {
        for (fork, price) in [(Fork.cancun, 19), (.prague, 7)] {
            let e = evm(fork, excessBlobGas: 10_000_000)
            e.state.setAccount(target, Account(code: Bytecode([0x4a, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3])))  // BLOBBASEFEE, return it
            let r = e.execute(Message(gas: 100_000, recipient: target, sender: stateTestSender))
            #expect(r.status == .success)
            #expect(U256(bigEndianBytes: r.output) == U256(UInt64(price)), "\(fork)")
        }
    }

    @Test func blobCountLimitIsNineFromPrague() throws {
        let sender = stateTestSender
        #expect(try TransactionProcessor.apply(blobTx(9), sender: sender, evm: evm(.prague)).status == .success)
        #expect(throws: TransactionError.blobGasLimitExceeded) {
            try TransactionProcessor.apply(blobTx(10), sender: sender, evm: evm(.prague))
        }
        #expect(try TransactionProcessor.apply(blobTx(6), sender: sender, evm: evm(.cancun)).status == .success)
        #expect(throws: TransactionError.blobGasLimitExceeded) {
            try TransactionProcessor.apply(blobTx(7), sender: sender, evm: evm(.cancun))
        }
    }
}
