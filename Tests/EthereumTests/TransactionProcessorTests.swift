import Testing
import EVM
import EVMCrypto
import Primitives
import UInt256
@testable import Ethereum

// TransactionProcessor: intrinsic gas, validation (every TransactionError reachable with a
// valid signature, each leaving the state untouched), fee accounting, refunds, blob fees and
// the coinbase's EIP-161 treatment. Expected numbers are the EIPs' formulas; the balances of
// the accounting tests were also obtained by running the same scenarios through the execution
// specs' `process_transaction` (ethereum/forks/cancun and berlin, execution-specs 2.20).

private let sender = stateTestSender
private let coinbase = txTestAddress("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba")
private let recipient = txTestAddress("0x1000000000000000000000000000000000000001")
private let contract = txTestAddress("0xcccccccccccccccccccccccccccccccccccccccc")
private let oneEther = U256(1_000_000_000_000_000_000)
private let validBlobHash = txTestWord("0x0100000000000000000000000000000000000000000000000000000000000000")
/// EIP-4844 GAS_PER_BLOB.
private let gasPerBlob: UInt64 = 131_072

/// 2^k.
private func pow2(_ k: Int) -> U256 { U256.one.shiftedLeft(byBits: k) }

/// A block and a pre-state with the usual sender (1 ether, nonce 0) and `extra` accounts.
struct ProcessorScenario {
    var fork: Fork = .cancun
    var baseFee: UInt64 = 10
    var blockGasLimit: UInt64 = 30_000_000
    var excessBlobGas: UInt64 = 0
    var senderBalance: U256 = oneEther
    var senderNonce: UInt64 = 0
    var senderCode: [UInt8] = []
    var extra: [Address: Account] = [:]

    func makeEVM() -> EVM {
        var accounts = extra
        accounts[sender] = Account(nonce: senderNonce, balance: senderBalance, code: Bytecode(senderCode))
        let block = BlockEnvironment(number: 1, timestamp: 1000, coinbase: coinbase, gasLimit: blockGasLimit,
                                     baseFee: U256(baseFee), chainId: U256(1), excessBlobGas: excessBlobGas)
        return EVM(fork: fork, state: WorldState(accounts: accounts), block: block)
    }
}

/// Signs `tx` with the fixtures' key for chain 1 and returns it with its recovered sender.
private func signed(_ tx: Transaction) -> (Transaction, Address?) {
    var t = tx
    guard t.sign(privateKey: stateTestSecretKey, chainId: U256(1)) else {
        Issue.record("signing failed")
        return (t, nil)
    }
    return (t, t.recoverSender(chainId: U256(1)))
}

/// Everything about the state a rejected transaction must not change.
private struct StateSnapshot: Equatable {
    let root: [UInt8]
    let accounts: [Address: [String]]
    init(_ s: WorldState) {
        root = StateRoot.compute(s)
        accounts = s.accounts.mapValues { a in
            ["\(a.nonce)", Hex.encode(a.balance.bigEndianBytes), Hex.encode(a.code.bytes),
             a.storage.map { "\($0.key):\($0.value.current)" }.sorted().joined(separator: ",")]
        }
    }
}

private func legacy(gasPrice: UInt64 = 10, gasLimit: UInt64 = 21_000, to: Address? = recipient, value: U256 = .zero,
                    data: [UInt8] = [], nonce: U256 = .zero) -> Transaction {
    Transaction(kind: .legacy, nonce: nonce, gasPrice: U256(gasPrice), gasLimit: U256(gasLimit), to: to, value: value, data: data)
}

private func feeMarket(maxPriority: U256 = U256(1), maxFee: U256 = U256(20), gasLimit: UInt64 = 21_000,
                       to: Address? = recipient, value: U256 = .zero, nonce: U256 = .zero) -> Transaction {
    Transaction(kind: .feeMarket, nonce: nonce, maxPriorityFeePerGas: maxPriority, maxFeePerGas: maxFee,
                gasLimit: U256(gasLimit), to: to, value: value)
}

private func blob(hashes: [U256] = [validBlobHash], maxFeePerBlobGas: U256 = U256(1), maxPriority: U256 = U256(1),
                  maxFee: U256 = U256(20), gasLimit: UInt64 = 21_000, to: Address? = recipient, value: U256 = .zero) -> Transaction {
    Transaction(kind: .blob, maxPriorityFeePerGas: maxPriority, maxFeePerGas: maxFee, gasLimit: U256(gasLimit), to: to,
                value: value, maxFeePerBlobGas: maxFeePerBlobGas, blobVersionedHashes: hashes)
}

// MARK: - intrinsic gas

@Suite struct IntrinsicGasTests {
    @Test func baseCostOfAPlainCall() {
        #expect(TransactionProcessor.intrinsicGas(legacy(), fork: .cancun) == 21_000)
        #expect(TransactionProcessor.intrinsicGas(feeMarket(), fork: .london) == 21_000)
    }

    @Test func calldataCostsFourPerZeroAndSixteenPerNonZeroByte() {
        // EIP-2028 (Istanbul on): G_txdatazero = 4, G_txdatanonzero = 16.
        #expect(TransactionProcessor.intrinsicGas(legacy(data: [0, 0, 1, 0xff, 0]), fork: .cancun) == 21_000 + 3 * 4 + 2 * 16)
        #expect(TransactionProcessor.intrinsicGas(legacy(data: [UInt8](repeating: 0, count: 100)), fork: .berlin) == 21_400)
        #expect(TransactionProcessor.intrinsicGas(legacy(data: [UInt8](repeating: 7, count: 100)), fork: .berlin) == 22_600)
    }

    @Test func creationCostAndInitCodeWords() {
        // G_txcreate = 32000; EIP-3860 adds 2 per 32-byte word of init code from Shanghai on.
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil), fork: .cancun) == 53_000)
        let initCode = [UInt8](repeating: 0xff, count: 33)   // two words
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: initCode), fork: .shanghai) == 21_000 + 33 * 16 + 32_000 + 2 * 2)
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: initCode), fork: .cancun) == 53_532)
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: initCode), fork: .paris) == 53_528)
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: initCode), fork: .london) == 53_528)
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: initCode), fork: .berlin) == 53_528)
        // Exactly one word, and 32 vs 33 bytes around the word boundary.
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: [UInt8](repeating: 0, count: 32)), fork: .cancun) == 53_000 + 128 + 2)
        #expect(TransactionProcessor.intrinsicGas(legacy(to: nil, data: [UInt8](repeating: 0, count: 1)), fork: .cancun) == 53_000 + 4 + 2)
        // Calls pay no word cost whatever their data.
        #expect(TransactionProcessor.intrinsicGas(legacy(data: [UInt8](repeating: 0, count: 64)), fork: .cancun) == 21_000 + 256)
    }

    @Test func accessListCosts() {
        // EIP-2930: 2400 per address, 1900 per storage key.
        var tx = Transaction(kind: .accessList, gasPrice: U256(10), gasLimit: U256(100_000), to: recipient)
        tx.accessList = [AccessListEntry(address: recipient, storageKeys: [.zero, .one]),
                         AccessListEntry(address: contract, storageKeys: [U256(9)]),
                         AccessListEntry(address: coinbase, storageKeys: [])]
        #expect(TransactionProcessor.intrinsicGas(tx, fork: .berlin) == 21_000 + 3 * 2_400 + 3 * 1_900)
        // Duplicates are charged each time they appear.
        tx.accessList = [AccessListEntry(address: recipient, storageKeys: [.zero, .zero]),
                         AccessListEntry(address: recipient, storageKeys: [])]
        #expect(TransactionProcessor.intrinsicGas(tx, fork: .cancun) == 21_000 + 2 * 2_400 + 2 * 1_900)
    }

    @Test func fixtureTransactionIntrinsicGas() throws {
        // stEIP2930/manualCreate d=2: creation, 23 bytes (3 zero), one address with one key.
        // The execution specs' calculate_intrinsic_cost gives 57634 for it under Cancun.
        let tx = try Transaction.decode(txTestBytes(fixtureTransactionVectors[2].txbytes))
        #expect(TransactionProcessor.intrinsicGas(tx, fork: .cancun) == 21_000 + 3 * 4 + 20 * 16 + 32_000 + 2 + 2_400 + 1_900)
        #expect(TransactionProcessor.intrinsicGas(tx, fork: .cancun) == 57_634)
    }
}

// MARK: - rejections

struct RejectionCase: CustomTestStringConvertible, Sendable {
    let name: String
    let scenario: @Sendable () -> ProcessorScenario
    let tx: Transaction
    let error: TransactionError
    var testDescription: String { "\(name) → \(error)" }

    init(_ name: String, _ error: TransactionError, _ tx: Transaction,
         _ scenario: @escaping @Sendable () -> ProcessorScenario = { ProcessorScenario() }) {
        self.name = name
        self.error = error
        self.tx = tx
        self.scenario = scenario
    }
}

let rejectionCases: [RejectionCase] = [
    RejectionCase("gas limit one below the intrinsic cost", .intrinsicGasTooLow, legacy(gasLimit: 20_999)),
    RejectionCase("creation without the 32000", .intrinsicGasTooLow, legacy(gasLimit: 52_999, to: nil)),
    RejectionCase("calldata not paid for", .intrinsicGasTooLow, legacy(gasLimit: 21_015, data: [1])),
    RejectionCase("access list not paid for", .intrinsicGasTooLow,
                  Transaction(kind: .accessList, gasPrice: U256(10), gasLimit: U256(23_399), to: recipient,
                              accessList: [AccessListEntry(address: contract, storageKeys: [])])),
    RejectionCase("nonce 2^64-1 (EIP-2681)", .nonceIsMax, legacy(nonce: U256(UInt64.max)),
                  { var s = ProcessorScenario(); s.senderNonce = UInt64.max; return s }),
    RejectionCase("nonce above 2^64", .nonceIsMax, legacy(nonce: pow2(64))),
    RejectionCase("init code of 49153 bytes (EIP-3860)", .initCodeSizeExceeded,
                  legacy(gasLimit: 1_000_000, to: nil, data: [UInt8](repeating: 0, count: 49_153))),
    RejectionCase("init code too large, Shanghai", .initCodeSizeExceeded,
                  legacy(gasLimit: 1_000_000, to: nil, data: [UInt8](repeating: 0, count: 49_153)),
                  { var s = ProcessorScenario(); s.fork = .shanghai; return s }),
    RejectionCase("gas limit above the block's", .gasAllowanceExceeded, legacy(gasLimit: 30_000_001)),
    RejectionCase("gas limit above 2^64", .gasAllowanceExceeded,
                  Transaction(kind: .legacy, gasPrice: U256(10), gasLimit: pow2(64) &+ U256(21_000), to: recipient)),
    RejectionCase("priority fee above max fee", .priorityGreaterThanMaxFeePerGas, feeMarket(maxPriority: U256(21), maxFee: U256(20))),
    RejectionCase("blob: priority fee above max fee", .priorityGreaterThanMaxFeePerGas, blob(maxPriority: U256(21), maxFee: U256(20))),
    RejectionCase("max fee below base fee", .insufficientMaxFeePerGas, feeMarket(maxPriority: .zero, maxFee: U256(9))),
    RejectionCase("legacy gas price below base fee", .insufficientMaxFeePerGas, legacy(gasPrice: 9)),
    RejectionCase("EIP-2930 gas price below base fee", .insufficientMaxFeePerGas,
                  Transaction(kind: .accessList, gasPrice: U256(9), gasLimit: U256(21_000), to: recipient)),
    RejectionCase("blob: max fee below base fee", .insufficientMaxFeePerGas, blob(maxPriority: .zero, maxFee: U256(9))),
    RejectionCase("blob without blobs", .type3ZeroBlobs, blob(hashes: [])),
    RejectionCase("blob hash version 0x00", .type3InvalidBlobVersionedHash, blob(hashes: [.zero])),
    RejectionCase("blob hash version 0x02", .type3InvalidBlobVersionedHash,
                  blob(hashes: [validBlobHash, txTestWord("0x0201000000000000000000000000000000000000000000000000000000000000")])),
    RejectionCase("seven blobs", .blobGasLimitExceeded, blob(hashes: [U256](repeating: validBlobHash, count: 7))),
    RejectionCase("max fee per blob gas below the blob base fee", .insufficientMaxFeePerBlobGas, blob(maxFeePerBlobGas: U256(18)),
                  { var s = ProcessorScenario(); s.excessBlobGas = 10_000_000; return s }),   // blob base fee 19
    RejectionCase("max fee per blob gas zero", .insufficientMaxFeePerBlobGas, blob(maxFeePerBlobGas: .zero)),
    RejectionCase("blob creation", .type3ContractCreation, blob(gasLimit: 60_000, to: nil)),
    RejectionCase("nonce too high", .nonceMismatch, legacy(nonce: .one)),
    RejectionCase("nonce too low", .nonceMismatch, legacy(nonce: .zero),
                  { var s = ProcessorScenario(); s.senderNonce = 1; return s }),
    RejectionCase("balance one below gas·price + value", .insufficientAccountFunds, legacy(value: U256(5)),
                  { var s = ProcessorScenario(); s.senderBalance = U256(21_000 * 10 + 5 - 1); return s }),
    RejectionCase("balance covers effective but not max fee", .insufficientAccountFunds,
                  feeMarket(maxPriority: .one, maxFee: U256(30)),
                  { var s = ProcessorScenario(); s.senderBalance = U256(21_000 * 30 - 1); return s }),
    RejectionCase("balance covers gas but not the blob maximum", .insufficientAccountFunds,
                  blob(maxFeePerBlobGas: U256(5), maxFee: U256(10)),
                  { var s = ProcessorScenario(); s.senderBalance = U256(21_000 * 10 + 131_072 * 5 - 1); return s }),
    RejectionCase("sender without an account", .insufficientAccountFunds, legacy(value: .one),
                  { var s = ProcessorScenario(); s.senderBalance = .zero; return s }),
    // gasLimit · price = 2^16 · 2^240 = 2^256: wraps to 0 in 256 bits; the sender cannot pay it.
    RejectionCase("gas limit · gas price overflows 256 bits", .insufficientAccountFunds,
                  Transaction(kind: .legacy, gasPrice: pow2(240), gasLimit: U256(65_536), to: recipient)),
    RejectionCase("gas limit · max fee overflows 256 bits", .insufficientAccountFunds,
                  feeMarket(maxPriority: .zero, maxFee: pow2(240), gasLimit: 65_536)),
    RejectionCase("gas fee + value overflows 256 bits", .insufficientAccountFunds,
                  legacy(value: U256.zero &- U256(21_000 * 10 - 1))),
    RejectionCase("blob gas · max fee per blob gas overflows 256 bits", .insufficientAccountFunds,
                  blob(maxFeePerBlobGas: pow2(239))),   // 2^17 · 2^239 = 2^256
    RejectionCase("sender has code (EIP-3607)", .senderNotEOA, legacy(),
                  { var s = ProcessorScenario(); s.senderCode = [0x00]; return s }),
    RejectionCase("EIP-1559 transaction in Berlin", .typeNotSupported, feeMarket(),
                  { var s = ProcessorScenario(); s.fork = .berlin; s.baseFee = 0; return s }),
    RejectionCase("blob transaction in Shanghai", .typeNotSupported, blob(),
                  { var s = ProcessorScenario(); s.fork = .shanghai; return s }),
]

@Suite struct TransactionRejectionTests {
    @Test(arguments: rejectionCases)
    func rejectsAndLeavesTheStateUnchanged(_ c: RejectionCase) {
        let evm = c.scenario().makeEVM()
        let (tx, from) = signed(c.tx)
        #expect(from == sender)
        let before = StateSnapshot(evm.state)
        #expect(throws: c.error) { try TransactionProcessor.apply(tx, sender: from, evm: evm) }
        #expect(StateSnapshot(evm.state) == before)
        #expect(evm.state.logs.isEmpty)
    }

    @Test func missingSenderIsAnInvalidSignature() {
        let evm = ProcessorScenario().makeEVM()
        let before = StateSnapshot(evm.state)
        #expect(throws: TransactionError.invalidSignature) { try TransactionProcessor.apply(legacy(), sender: nil, evm: evm) }
        #expect(StateSnapshot(evm.state) == before)
    }

    /// A typed transaction signed for another chain is rejected before any state changes
    /// (clients compare the EIP-2718 payload's chain id with the chain's).
    @Test func typedTransactionForAnotherChainIsRejected() {
        let evm = ProcessorScenario().makeEVM()
        var tx = feeMarket()
        let signedOK = tx.sign(privateKey: stateTestSecretKey, chainId: U256(5))
        #expect(signedOK)
        let from = tx.recoverSender(chainId: U256(1))
        #expect(from == sender)
        let before = StateSnapshot(evm.state)
        #expect(throws: TransactionError.wrongChainId) { try TransactionProcessor.apply(tx, sender: from, evm: evm) }
        #expect(StateSnapshot(evm.state) == before)
    }

    /// The limits are inclusive where the specs say so: each of these is accepted.
    static let boundaryAccepted: [(String, ProcessorScenario, Transaction)] = [
        ("gas limit equal to the intrinsic cost", ProcessorScenario(), legacy(gasLimit: 21_016, data: [1])),
        ("gas limit equal to the block's", ProcessorScenario(), legacy(gasLimit: 30_000_000)),
        ("nonce 2^64-2", { var s = ProcessorScenario(); s.senderNonce = UInt64.max - 1; return s }(),
         legacy(nonce: U256(UInt64.max - 1))),
        ("init code of 49152 bytes", ProcessorScenario(), legacy(gasLimit: 1_000_000, to: nil, data: [UInt8](repeating: 0, count: 49_152))),
        ("init code above 49152 bytes before Shanghai", { var s = ProcessorScenario(); s.fork = .paris; return s }(),
         legacy(gasLimit: 1_000_000, to: nil, data: [UInt8](repeating: 0, count: 49_153))),
        ("max fee equal to base fee", ProcessorScenario(), feeMarket(maxPriority: .zero, maxFee: U256(10))),
        ("priority equal to max fee", ProcessorScenario(), feeMarket(maxPriority: U256(20), maxFee: U256(20))),
        ("gas price equal to base fee", ProcessorScenario(), legacy(gasPrice: 10)),
        ("six blobs", ProcessorScenario(), blob(hashes: [U256](repeating: validBlobHash, count: 6))),
        ("max fee per blob gas equal to the blob base fee",
         { var s = ProcessorScenario(); s.excessBlobGas = 10_000_000; return s }(), blob(maxFeePerBlobGas: U256(19))),
        ("balance exactly gas·price + value", { var s = ProcessorScenario(); s.senderBalance = U256(210_005); return s }(),
         legacy(value: U256(5))),
        ("balance exactly gas·max fee + blobs·max blob fee",
         { var s = ProcessorScenario(); s.senderBalance = U256(21_000 * 10 + 131_072 * 5); return s }(),
         blob(maxFeePerBlobGas: U256(5), maxFee: U256(10))),
    ]

    @Test func boundaryValuesAreAccepted() {
        for (name, scenario, unsigned) in Self.boundaryAccepted {
            let evm = scenario.makeEVM()
            let (tx, from) = signed(unsigned)
            do {
                _ = try TransactionProcessor.apply(tx, sender: from, evm: evm)
            } catch {
                Issue.record("\(name): rejected with \(error)")
            }
        }
    }
}

// MARK: - accounting

@Suite struct TransactionAccountingTests {
    private func total(_ s: WorldState) -> U256 { s.accounts.values.reduce(U256.zero) { $0 &+ $1.balance } }

    /// EIP-1559: priority = min(maxPriority, maxFee − baseFee); effective = priority + baseFee;
    /// sender pays gasUsed·effective, the coinbase gets gasUsed·priority, gasUsed·baseFee is burnt.
    @Test(arguments: [
        // (maxPriority, maxFee, expected sender balance and coinbase balance from the execution specs)
        (UInt64(5), UInt64(30), U256(999_999_999_999_684_000), U256(105_000)),   // tip 5 fits under the cap
        (UInt64(5), UInt64(12), U256(999_999_999_999_747_000), U256(42_000)),    // tip capped to 12 − 10 = 2
    ])
    func feeMarketValueTransfer(_ maxPriority: UInt64, _ maxFee: UInt64, _ senderAfter: U256, _ coinbaseAfter: U256) throws {
        let scenario = ProcessorScenario()   // base fee 10
        let evm = scenario.makeEVM()
        let value = U256(1000)
        let (tx, from) = signed(feeMarket(maxPriority: U256(maxPriority), maxFee: U256(maxFee), gasLimit: 50_000, value: value))
        let supplyBefore = total(evm.state)
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.status == .success)
        #expect(outcome.gasUsed == 21_000)
        let priority = min(maxPriority, maxFee - scenario.baseFee)
        let effective = priority + scenario.baseFee
        #expect(evm.state.balance(sender) == oneEther &- U256(21_000 * effective) &- value)
        #expect(evm.state.balance(sender) == senderAfter)
        #expect(evm.state.nonce(sender) == 1)
        #expect(evm.state.balance(recipient) == value)
        #expect(evm.state.balance(coinbase) == U256(21_000 * priority))
        #expect(evm.state.balance(coinbase) == coinbaseAfter)
        #expect(supplyBefore &- total(evm.state) == U256(21_000 * scenario.baseFee))   // burnt
    }

    @Test func legacyTransactionUnderLondonPaysItsGasPrice() throws {
        var scenario = ProcessorScenario()
        scenario.fork = .london
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 15, gasLimit: 40_000, value: U256(3)))
        let supplyBefore = total(evm.state)
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.gasUsed == 21_000)
        #expect(evm.state.balance(sender) == oneEther &- U256(21_000 * 15 + 3))
        #expect(evm.state.balance(coinbase) == U256(21_000 * 5))
        #expect(supplyBefore &- total(evm.state) == U256(21_000 * 10))
    }

    /// Contract clearing two non-zero slots: PUSH1 0 PUSH1 0 SSTORE PUSH1 0 PUSH1 1 SSTORE STOP.
    private static let clearTwoSlots = txTestBytes("0x6000600055600060015500")

    private func refundScenario(_ fork: Fork) -> ProcessorScenario {
        var s = ProcessorScenario()
        s.fork = fork
        s.baseFee = fork >= .london ? 10 : 0
        s.extra[contract] = Account(nonce: 1, code: Bytecode(Self.clearTwoSlots), storage: [.zero: .one, .one: .one])
        return s
    }

    /// EIP-3529: the refund is at most gasUsed/5. Used before refund: 21000 + 4·3 + 2·(2100 + 2900)
    /// = 31012; the clears earn 2·4800 = 9600, capped at 31012/5 = 6202; charged 24810.
    @Test func refundIsCappedAtAFifthOfGasUsed() throws {
        let evm = refundScenario(.cancun).makeEVM()
        let (tx, from) = signed(feeMarket(maxPriority: .zero, maxFee: U256(10), gasLimit: 50_000, to: contract))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.status == .success)
        #expect(evm.state.storage(contract, .zero) == .zero)
        #expect(evm.state.storage(contract, .one) == .zero)
        #expect(outcome.gasUsed == 31_012 - 31_012 / 5)
        #expect(outcome.gasUsed == 24_810)
        #expect(evm.state.balance(sender) == U256(999_999_999_999_751_900))   // 1e18 − 24810·10
        // The priority fee is zero, so the coinbase receives nothing and is not created.
        #expect(!evm.state.exists(coinbase))
    }

    /// Before London (EIP-3529) the cap is gasUsed/2 and a clear refunds 15000: 30000 capped at 15506.
    @Test func refundCapIsHalfBeforeLondon() throws {
        let evm = refundScenario(.berlin).makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 10, gasLimit: 50_000, to: contract))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.gasUsed == 31_012 - 31_012 / 2)
        #expect(outcome.gasUsed == 15_506)
        #expect(evm.state.balance(sender) == U256(999_999_999_999_844_940))
        #expect(evm.state.balance(coinbase) == U256(155_060))            // no base fee before London
    }

    /// An uncapped refund is paid in full: clearing one slot earns 4800 < (21000 + 6 + 5000)/5.
    @Test func refundBelowTheCapIsPaidInFull() throws {
        var scenario = refundScenario(.cancun)
        scenario.extra[contract] = Account(nonce: 1, code: Bytecode(txTestBytes("0x6000600055600060015500")),
                                           storage: [.zero: .one])      // slot 1 already zero: no-op store
        let evm = scenario.makeEVM()
        let (tx, from) = signed(feeMarket(maxPriority: .zero, maxFee: U256(10), gasLimit: 50_000, to: contract))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        // Slot 0: 2100 + 2900, refund 4800; slot 1 (0 → 0): 2100 + 100. Used 21000 + 12 + 5000 + 2200 = 28212.
        #expect(outcome.gasUsed == 28_212 - 4_800)
    }

    /// EIP-4844: blob gas · blob base fee is taken from the sender and burnt; the coinbase only
    /// gets the execution priority fee. 2 blobs at blob base fee 19 (excess 10,000,000).
    @Test func blobFeeIsBurnt() throws {
        var scenario = ProcessorScenario()
        scenario.excessBlobGas = 10_000_000
        let evm = scenario.makeEVM()
        #expect(evm.block.blobBaseFee == U256(19))   // fake_exponential(1, 10^7, 3338477)
        let (tx, from) = signed(blob(hashes: [validBlobHash, validBlobHash], maxFeePerBlobGas: U256(25),
                                     maxPriority: U256(2), maxFee: U256(20), value: U256(7)))
        let supplyBefore = total(evm.state)
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.gasUsed == 21_000)
        let blobFee = U256(2 * gasPerBlob * 19)
        #expect(evm.state.balance(sender) == oneEther &- U256(21_000 * 12) &- blobFee &- U256(7))
        #expect(evm.state.balance(sender) == U256(999_999_999_994_767_257))
        #expect(evm.state.balance(coinbase) == U256(21_000 * 2))
        #expect(evm.state.balance(recipient) == U256(7))
        #expect(supplyBefore &- total(evm.state) == U256(21_000 * 10) &+ blobFee)
    }

    /// A zero fee leaves a missing coinbase missing, and deletes an existing empty one: the
    /// execution specs set its balance through `modify_state`, which destroys empty accounts.
    @Test func coinbaseWithZeroFeeIsNotCreated() throws {
        let evm = ProcessorScenario().makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 10, value: .one))   // gas price = base fee: no tip
        _ = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(!evm.state.exists(coinbase))
        #expect(evm.state.balance(sender) == U256(999_999_999_999_789_999))
    }

    @Test func existingEmptyCoinbaseWithZeroFeeIsDeleted() throws {
        var scenario = ProcessorScenario()
        scenario.extra[coinbase] = Account()
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 10, value: .one))
        _ = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(!evm.state.exists(coinbase))
    }

    @Test func nonEmptyCoinbaseWithZeroFeeIsKept() throws {
        var scenario = ProcessorScenario()
        scenario.extra[coinbase] = Account(balance: U256(5))
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 10, value: .one))
        _ = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(evm.state.balance(coinbase) == U256(5))
    }

    @Test func coinbaseWithAFeeIsCreated() throws {
        let evm = ProcessorScenario().makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 11))
        _ = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(evm.state.exists(coinbase))
        #expect(evm.state.balance(coinbase) == U256(21_000))
    }

    /// A reverted call still pays for all the gas it used and bumps the nonce, without refunds.
    @Test func revertedCallPaysForGasAndKeepsNoRefund() throws {
        var scenario = ProcessorScenario()
        // Clear slot 0 (refund 4800), then REVERT(0, 0).
        scenario.extra[contract] = Account(nonce: 1, code: Bytecode(txTestBytes("0x600060005560006000fd")),
                                           storage: [.zero: .one])
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 10, gasLimit: 50_000, to: contract, value: U256(9)))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.status == .revert)
        // 21000 + 3·2 + 5000 + 3·2 = 26012, no refund.
        #expect(outcome.gasUsed == 26_012)
        #expect(evm.state.storage(contract, .zero) == .one)
        #expect(evm.state.balance(contract) == .zero)
        #expect(evm.state.nonce(sender) == 1)
        #expect(evm.state.balance(sender) == oneEther &- U256(26_012 * 10))
    }
}

@Suite struct TransactionGasLimitRangeTests {
    /// The execution specs take gas limits as unbounded integers: a block gas limit of 2^64 − 1
    /// admits a transaction with that gas limit, and at gas price 0 any sender can pay for it.
    /// A call to an empty account then uses exactly the intrinsic 21000.
    @Test
    func gasLimitAboveInt64MaxDoesNotTrap() throws {
        var scenario = ProcessorScenario()
        scenario.blockGasLimit = UInt64.max
        scenario.baseFee = 0
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 0, gasLimit: UInt64.max))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.status == .success)
        #expect(outcome.gasUsed == 21_000)
        #expect(evm.state.nonce(sender) == 1)
        #expect(evm.state.balance(sender) == oneEther)
    }

    /// Just below the Int64 range the same transaction is fine (the fixtures' largest block gas
    /// limit is 0x7fffffffffffffff).
    @Test func gasLimitAtInt64MaxWorks() throws {
        var scenario = ProcessorScenario()
        scenario.blockGasLimit = UInt64(Int64.max)
        scenario.baseFee = 0
        let evm = scenario.makeEVM()
        let (tx, from) = signed(legacy(gasPrice: 0, gasLimit: UInt64(Int64.max)))
        let outcome = try TransactionProcessor.apply(tx, sender: from, evm: evm)
        #expect(outcome.status == .success)
        #expect(outcome.gasUsed == 21_000)
        #expect(evm.state.balance(sender) == oneEther)
    }
}
