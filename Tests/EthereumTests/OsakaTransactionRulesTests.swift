import Testing
import EVM
import Primitives
import UInt256
@testable import Ethereum

// Osaka's two new validity rules, as execution-specs' osaka `validate_transaction` and
// `check_transaction` state them: EIP-7825 (gas limit above 2^24 = 16,777,216 is invalid) and
// EIP-7594 (a blob transaction carries at most 6 blobs, though the block may hold 9).

private let to = txTestAddress("0x1000000000000000000000000000000000000001")
private let blobHash = txTestWord("0x0100000000000000000000000000000000000000000000000000000000000000")

private func osakaEVM(fork: Fork = .osaka) -> EVM {
    let block = BlockEnvironment(number: 1, timestamp: 1000, coinbase: txTestAddress("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba"),
                                 gasLimit: 60_000_000, baseFee: U256(10), chainId: U256(1), excessBlobGas: 0,
                                 blobSchedule: fork.blobSchedule)
    let sender = Account(balance: U256(1_000_000_000_000_000_000))
    return EVM(fork: fork, state: WorldState(accounts: [stateTestSender: sender]), block: block)
}

private func apply(_ tx: Transaction, fork: Fork = .osaka) throws(TransactionError) -> TransactionOutcome {
    var t = tx
    guard t.sign(privateKey: stateTestSecretKey, chainId: U256(1)) else { throw .invalidSignature }
    return try TransactionProcessor.apply(t, sender: t.recoverSender(chainId: U256(1)), evm: osakaEVM(fork: fork))
}

private func call(gasLimit: UInt64) -> Transaction {
    Transaction(kind: .feeMarket, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20), gasLimit: U256(gasLimit), to: to)
}

private func blob(count: Int) -> Transaction {
    Transaction(kind: .blob, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20), gasLimit: U256(21_000), to: to,
                maxFeePerBlobGas: U256(1), blobVersionedHashes: [U256](repeating: blobHash, count: count))
}

@Suite struct OsakaTransactionRulesTests {
    @Test func gasLimitCapIsTwoToTheTwentyFour() throws {
        #expect(TransactionProcessor.maxTransactionGas == 16_777_216)
        #expect(try apply(call(gasLimit: 16_777_216)).gasUsed == 21_000)
        #expect(throws: TransactionError.gasLimitExceedsMaximum) { try apply(call(gasLimit: 16_777_217)) }
        #expect(TransactionError.gasLimitExceedsMaximum.description == "GAS_LIMIT_EXCEEDS_MAXIMUM")
    }

    @Test func gasLimitCapOnlyFromOsaka() throws {
        #expect(try apply(call(gasLimit: 16_777_217), fork: .prague).gasUsed == 21_000)
        #expect(try apply(call(gasLimit: 30_000_000), fork: .cancun).gasUsed == 21_000)
    }

    @Test func sixBlobsPerTransaction() throws {
        #expect(try apply(blob(count: 6)).gasUsed == 21_000)
        #expect(throws: TransactionError.blobCountExceeded) { try apply(blob(count: 7)) }
        #expect(TransactionError.blobCountExceeded.description == "TYPE_3_TX_BLOB_COUNT_EXCEEDED")
        // Prague's limit is the block's (EIP-7691: 9).
        #expect(try apply(blob(count: 7), fork: .prague).gasUsed == 21_000)
        #expect(try apply(blob(count: 9), fork: .prague).gasUsed == 21_000)
        #expect(throws: TransactionError.blobGasLimitExceeded) { try apply(blob(count: 10), fork: .prague) }
    }
}
