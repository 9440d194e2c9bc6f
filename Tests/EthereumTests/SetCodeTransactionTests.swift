import Testing
import EVM
import EVMCrypto
import Primitives
import UInt256
@testable import Ethereum

// EIP-7702 set-code transactions and EIP-7623's calldata floor at the transaction level.
// Expected values: the EIPs' constants (PER_EMPTY_ACCOUNT_COST 25000, PER_AUTH_BASE_COST 12500,
// MAGIC 0x05, designator 0xef0100 ‖ address; floor 21000 + 10 per token, a non-zero byte 4
// tokens) and, for the hashes, signatures and encodings, the execution specs (ethereum/forks/
// prague: transactions.py `signing_hash_7702`, `encode_transaction`, `recover_sender`,
// `calculate_intrinsic_cost`; vm/eoa_delegation.py `recover_authority`; signatures by coincurve,
// RFC 6979, as the specs' t8n signs).

private let delegate = txTestAddress("0x00000000000000000000000000000000000000d0")
/// secp256k1 key 1 and its address.
private let authorityKey = [UInt8](repeating: 0, count: 31) + [1]
private let authority = txTestAddress("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
private let emptyTarget = txTestAddress("0x00000000000000000000000000000000000000d9")

/// The reference's tuple (chain 1, delegate 0x…d0, nonce 0) signed with key 1.
private let referenceAuthorization = Authorization(
    chainId: U256(1), address: delegate, nonce: 0, yParity: 0,
    r: txTestWord("0x462a391a4eca352513df74ffd45947ba0653a29de4d65e7d799195269a6039c5"),
    s: txTestWord("0x2f2e44a174dffbd2955baf5538452c33ca18d7f561d8e5539385be5996a812b5"))

/// `encode_transaction` of a type-4 transaction (chain 1, nonce 0, fees 1/10, gas 500000, to the
/// authority, data 0x123400, one access-list entry, the tuple above), signed by the usual sender.
private let referenceTxBytes = "0x04f8fd0180010a8307a120947e5f4552091a69125d5dfcb7b8c2659029395bdf8083123400f838f79400000000000000000000000000000000000000d0e1a00000000000000000000000000000000000000000000000000000000000000001f85cf85a019400000000000000000000000000000000000000d08080a0462a391a4eca352513df74ffd45947ba0653a29de4d65e7d799195269a6039c5a02f2e44a174dffbd2955baf5538452c33ca18d7f561d8e5539385be5996a812b501a011f839fff1787349bd644fc5b12e9f04c303ac37c4bacbde79ec0324e6aee40fa075671bef67f2966ec7ed60641b4f2b4c2efc966c15230c4980065263c49cfa44"

@Suite struct SetCodeEncodingTests {
    @Test func authorizationSigningHashSignatureAndAuthority() {
        var auth = Authorization(chainId: U256(1), address: delegate, nonce: 0)
        #expect(Hex.encode(auth.signingHash) == "a66076b38849a1b354c26d16286191081fa39bf9b6c4106f7c9f26b1e98d4bd9")
        let signedOK = auth.sign(privateKey: authorityKey)
        #expect(signedOK)
        #expect(auth == referenceAuthorization)
        #expect(auth.recoverAuthority() == authority)
    }

    @Test func authorityRecoveryRejectsWhatTheEIPRejects() {
        var bad = referenceAuthorization
        bad.s = secp256k1Order &- bad.s          // the high-s twin; with the parity flipped it would recover
        bad.yParity = 1
        #expect(bad.recoverAuthority() == nil)
        bad = referenceAuthorization
        bad.yParity = 2
        #expect(bad.recoverAuthority() == nil)
        bad = referenceAuthorization
        bad.r = .zero
        #expect(bad.recoverAuthority() == nil)
        bad = referenceAuthorization
        bad.r = secp256k1Order
        #expect(bad.recoverAuthority() == nil)
        bad = referenceAuthorization
        bad.s = .zero
        #expect(bad.recoverAuthority() == nil)
        // Another nonce signs another hash: a different (or no) authority.
        bad = referenceAuthorization
        bad.nonce = 1
        #expect(bad.recoverAuthority() != authority)
    }

    @Test func referenceTransactionDecodesEncodesAndRecovers() throws {
        let bytes = txTestBytes(referenceTxBytes)
        let tx = try Transaction.decode(bytes)
        #expect(tx.kind == .setCode)
        #expect(tx.chainId == U256(1))
        #expect(tx.maxPriorityFeePerGas == U256(1) && tx.maxFeePerGas == U256(10))
        #expect(tx.gasLimit == U256(500_000))
        #expect(tx.to == authority)
        #expect(tx.data == [0x12, 0x34, 0x00])
        #expect(tx.accessList == [AccessListEntry(address: delegate, storageKeys: [.one])])
        #expect(tx.authorizationList == [referenceAuthorization])
        #expect(tx.encoded() == bytes)
        #expect(Hex.encode(tx.signingHash(chainId: U256(1))) == "dbdfffa204f9ddf6481c0fe7dcf4882dec8e64794d69ed22fba2c25e3843e8c4")
        #expect(tx.recoverSender(chainId: U256(1)) == stateTestSender)
        // Signing the same fields again reproduces the signature (RFC 6979).
        var unsigned = tx
        unsigned.v = .zero; unsigned.r = .zero; unsigned.s = .zero
        let resigned = unsigned.sign(privateKey: stateTestSecretKey, chainId: U256(1))
        #expect(resigned)
        #expect(unsigned == tx)
    }

    @Test func malformedSetCodeTransactionsDoNotDecode() throws {
        let fields = try #require(RLP.decode(Array(txTestBytes(referenceTxBytes).dropFirst())).listValue)
        func decodes(_ f: [RLPItem]) -> Bool { (try? Transaction.decode([4] + RLP.encode(.list(f)))) != nil }
        #expect(decodes(fields))
        var f = fields
        f[5] = .bytes([])                                      // no `to`: a set-code transaction cannot create
        #expect(!decodes(f))
        f = fields
        f.removeLast()
        #expect(!decodes(f))
        var tuple = try #require(fields[9].listValue?.first?.listValue)
        tuple[2] = .bytes([1] + [UInt8](repeating: 0, count: 8))   // nonce 2^64: beyond the 64-bit field
        f = fields
        f[9] = .list([.list(tuple)])
        #expect(!decodes(f))
        tuple = try #require(fields[9].listValue?.first?.listValue)
        tuple[3] = .bytes([1, 0])                              // y parity 256: beyond the 8-bit field
        f[9] = .list([.list(tuple)])
        #expect(!decodes(f))
        f[9] = .bytes([])                                      // not a list
        #expect(!decodes(f))
    }

    @Test func designatorIsMarkerAndAddress() {
        #expect(Delegation.designator(delegate) == [0xef, 0x01, 0x00] + delegate.bytes)
        #expect(Bytecode(Delegation.designator(delegate)).delegatedAddress == delegate)
        #expect(Bytecode([0xef, 0x01, 0x00] + delegate.bytes + [0]).delegatedAddress == nil)
        #expect(Bytecode([0xef, 0x01, 0x00] + delegate.bytes.dropLast()).delegatedAddress == nil)
        #expect(Bytecode([0xef, 0x01, 0x01] + delegate.bytes).delegatedAddress == nil)
        #expect(Bytecode.empty.delegatedAddress == nil)
    }
}

@Suite struct PragueIntrinsicGasTests {
    @Test func authorizationsAndFloorOfTheReferenceTransaction() throws {
        let tx = try Transaction.decode(txTestBytes(referenceTxBytes))
        // 21000 + data (16 + 16 + 4) + access list (2400 + 1900) + one tuple (25000) = 50336;
        // floor 21000 + 10 × (4 + 4 + 1) = 21090 (the specs' calculate_intrinsic_cost).
        #expect(TransactionProcessor.intrinsicGas(tx, fork: .prague) == 50_336)
        #expect(TransactionProcessor.calldataFloorGas(tx) == 21_090)
    }

    @Test func floorCountsFourTokensPerNonZeroByte() {
        #expect(TransactionProcessor.calldataFloorGas(Transaction()) == 21_000)
        #expect(TransactionProcessor.calldataFloorGas(Transaction(data: [UInt8](repeating: 0, count: 100))) == 22_000)
        #expect(TransactionProcessor.calldataFloorGas(Transaction(data: [UInt8](repeating: 7, count: 100))) == 25_000)
    }
}

// MARK: - applying set-code transactions

private func setCode(_ list: [Authorization], to: Address? = emptyTarget, gasLimit: UInt64 = 100_000,
                     data: [UInt8] = []) -> Transaction {
    var tx = Transaction(kind: .setCode, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20), gasLimit: U256(gasLimit),
                         to: to, data: data, authorizationList: list)
    _ = tx.sign(privateKey: stateTestSecretKey, chainId: U256(1))
    return tx
}

private func signedTuple(_ address: Address, nonce: UInt64 = 0, chainId: UInt64 = 1) -> Authorization {
    var a = Authorization(chainId: U256(chainId), address: address, nonce: nonce)
    _ = a.sign(privateKey: authorityKey)
    return a
}

private func apply(_ tx: Transaction, _ evm: EVM) throws(TransactionError) -> TransactionOutcome {
    try TransactionProcessor.apply(tx, sender: tx.recoverSender(chainId: U256(1)), evm: evm)
}

private func pragueScenario(_ extra: [Address: Account] = [:]) -> ProcessorScenario {
    var s = ProcessorScenario()
    s.fork = .prague
    s.extra = extra
    return s
}

@Suite struct SetCodeProcessingTests {
    @Test func newAuthorityPaysTheFullTupleCost() throws {
        let evm = pragueScenario().makeEVM()
        let out = try apply(setCode([signedTuple(delegate)]), evm)
        #expect(out.gasUsed == 21_000 + 25_000)
        #expect(evm.state.code(authority).bytes == [0xef, 0x01, 0x00] + delegate.bytes)
        #expect(evm.state.nonce(authority) == 1)
    }

    @Test func existingAuthorityIsRefundedWithinTheCap() throws {
        // 46000 used; the 12500 refund is capped at a fifth (EIP-3529): 9200.
        let evm = pragueScenario([authority: Account(balance: U256(1))]).makeEVM()
        let out = try apply(setCode([signedTuple(delegate)]), evm)
        #expect(out.gasUsed == 46_000 - 9_200)
    }

    @Test func zeroAddressClearsTheCode() throws {
        let evm = pragueScenario([authority: Account(nonce: 1, code: Bytecode(Delegation.designator(delegate)))]).makeEVM()
        _ = try apply(setCode([signedTuple(.zero, nonce: 1)]), evm)
        #expect(evm.state.code(authority).isEmpty)
        #expect(evm.state.nonce(authority) == 2)
    }

    @Test func invalidTuplesAreSkippedNotFatal() throws {
        let tuples = [signedTuple(delegate, chainId: 2), signedTuple(delegate, nonce: 1)]
        for t in tuples {
            let evm = pragueScenario().makeEVM()
            let out = try apply(setCode([t]), evm)
            #expect(out.status == .success)
            #expect(out.gasUsed == 46_000)
            #expect(evm.state.code(authority).isEmpty)
            #expect(evm.state.nonce(authority) == 0)
        }
        // An authority with ordinary code does not delegate.
        let evm = pragueScenario([authority: Account(code: Bytecode([0x00]))]).makeEVM()
        _ = try apply(setCode([signedTuple(delegate)]), evm)
        #expect(evm.state.code(authority).bytes == [0x00])
        #expect(evm.state.nonce(authority) == 0)
    }

    @Test func chainIdZeroIsValidEverywhere() throws {
        let evm = pragueScenario().makeEVM()
        _ = try apply(setCode([signedTuple(delegate, chainId: 0)]), evm)
        #expect(evm.state.code(authority).delegatedAddress == delegate)
    }

    @Test func rejections() {
        let evm = pragueScenario().makeEVM()
        #expect(throws: TransactionError.type4EmptyAuthorizationList) { try apply(setCode([]), evm) }
        #expect(throws: TransactionError.type4ContractCreation) { try apply(setCode([signedTuple(delegate)], to: nil), evm) }
        #expect(throws: TransactionError.intrinsicGasTooLow) { try apply(setCode([signedTuple(delegate)], gasLimit: 45_999), evm) }
        let cancun = ProcessorScenario().makeEVM()
        #expect(throws: TransactionError.typeNotSupported) { try apply(setCode([signedTuple(delegate)]), cancun) }
        #expect(evm.state.nonce(stateTestSender) == 0)
    }

    @Test func senderWithADesignatorMaySendFromPrague() throws {
        var s = pragueScenario()
        s.senderCode = Delegation.designator(delegate)
        let tx = setCode([signedTuple(delegate)])
        #expect(try apply(tx, s.makeEVM()).status == .success)
        s.fork = .cancun
        var legacy = Transaction(kind: .feeMarket, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20),
                                 gasLimit: U256(21_000), to: emptyTarget)
        _ = legacy.sign(privateKey: stateTestSecretKey, chainId: U256(1))
        #expect(throws: TransactionError.senderNotEOA) { try apply(legacy, s.makeEVM()) }
    }
}

@Suite struct CalldataFloorTests {
    private func call(_ data: [UInt8], gasLimit: UInt64, fork: Fork) throws(TransactionError) -> TransactionOutcome {
        var s = ProcessorScenario()
        s.fork = fork
        var tx = Transaction(kind: .feeMarket, maxPriorityFeePerGas: U256(1), maxFeePerGas: U256(20),
                             gasLimit: U256(gasLimit), to: emptyTarget, data: data)
        _ = tx.sign(privateKey: stateTestSecretKey, chainId: U256(1))
        return try apply(tx, s.makeEVM())
    }

    @Test func dataHeavyTransactionPaysTheFloorFromPrague() throws {
        let data = [UInt8](repeating: 0xff, count: 100)    // intrinsic 22600, floor 25000
        #expect(try call(data, gasLimit: 30_000, fork: .prague).gasUsed == 25_000)
        #expect(try call(data, gasLimit: 30_000, fork: .cancun).gasUsed == 22_600)
        #expect(try call(data, gasLimit: 25_000, fork: .prague).gasUsed == 25_000)
        #expect(throws: TransactionError.intrinsicGasBelowFloorGasCost) { try call(data, gasLimit: 24_999, fork: .prague) }
        #expect(try call(data, gasLimit: 24_999, fork: .cancun).gasUsed == 22_600)
    }
}
