import Primitives
import UInt256
import EVM

/// Why a transaction is invalid and must not be included (nothing changes in the state).
/// Names follow the execution-spec-tests' `TransactionException`.
public enum TransactionError: Error, Equatable, Sendable, CustomStringConvertible {
    case intrinsicGasTooLow, nonceIsMax, initCodeSizeExceeded, gasAllowanceExceeded, blobGasLimitExceeded
    case gasLimitExceedsMaximum, blobCountExceeded                          // Osaka: EIP-7825, EIP-7594
    case invalidSignature, priorityGreaterThanMaxFeePerGas, insufficientMaxFeePerGas
    case type3ContractCreation, type3ZeroBlobs, type3InvalidBlobVersionedHash, insufficientMaxFeePerBlobGas
    case nonceMismatch, insufficientAccountFunds, senderNotEOA, typeNotSupported, gasLimitTooLarge, wrongChainId
    case intrinsicGasBelowFloorGasCost, type4EmptyAuthorizationList, type4ContractCreation

    public var description: String {
        switch self {
        case .intrinsicGasTooLow: return "INTRINSIC_GAS_TOO_LOW"
        case .gasLimitExceedsMaximum: return "GAS_LIMIT_EXCEEDS_MAXIMUM"
        case .blobCountExceeded: return "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
        case .nonceIsMax: return "NONCE_IS_MAX"
        case .initCodeSizeExceeded: return "INITCODE_SIZE_EXCEEDED"
        case .gasAllowanceExceeded: return "GAS_ALLOWANCE_EXCEEDED"
        case .blobGasLimitExceeded: return "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
        case .invalidSignature: return "INVALID_SIGNATURE"
        case .priorityGreaterThanMaxFeePerGas: return "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"
        case .insufficientMaxFeePerGas: return "INSUFFICIENT_MAX_FEE_PER_GAS"
        case .type3ContractCreation: return "TYPE_3_TX_CONTRACT_CREATION"
        case .type3ZeroBlobs: return "TYPE_3_TX_ZERO_BLOBS"
        case .type3InvalidBlobVersionedHash: return "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"
        case .insufficientMaxFeePerBlobGas: return "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"
        case .nonceMismatch: return "NONCE_MISMATCH"
        case .insufficientAccountFunds: return "INSUFFICIENT_ACCOUNT_FUNDS"
        case .senderNotEOA: return "SENDER_NOT_EOA"
        case .typeNotSupported: return "TYPE_NOT_SUPPORTED"
        case .gasLimitTooLarge: return "GASLIMIT_PRICE_PRODUCT_OVERFLOW"
        case .wrongChainId: return "INVALID_CHAINID"
        case .intrinsicGasBelowFloorGasCost: return "INTRINSIC_GAS_BELOW_FLOOR_GAS_COST"
        case .type4EmptyAuthorizationList: return "TYPE_4_EMPTY_AUTHORIZATION_LIST"
        case .type4ContractCreation: return "TYPE_4_TX_CONTRACT_CREATION"
        }
    }
}

/// The result of an included transaction (it may still have failed during execution).
public struct TransactionOutcome: Sendable {
    public var status: Status
    /// Gas charged after the refund.
    public var gasUsed: UInt64
    public var logs: [Log]
    public var output: [UInt8]
    public var createdAddress: Address?
}

/// Applies one transaction to the EVM's state: validation (the spec's `validate_transaction`
/// and `check_transaction`), up-front fee, execution, refund (EIP-3529), fee to the coinbase.
public enum TransactionProcessor {
    static let txBaseCost: UInt64 = 21_000
    static let txDataZero: UInt64 = 4
    static let txDataNonZero: UInt64 = 16                 // EIP-2028
    static let txCreateCost: UInt64 = 32_000
    static let accessListAddressCost: UInt64 = 2_400      // EIP-2930
    static let accessListStorageKeyCost: UInt64 = 1_900
    static let versionedHashVersionKZG: UInt64 = 0x01
    /// EIP-7825: no transaction may ask for more than 2^24 gas.
    public static let maxTransactionGas: UInt64 = 1 << 24
    /// EIP-7594: at most 6 blobs per transaction, whatever the block allows.
    public static let maxBlobsPerTransaction = 6

    /// Gas charged before execution: base, call data, creation, init code words, access list,
    /// authorizations.
    public static func intrinsicGas(_ tx: Transaction, fork: Fork) -> UInt64 {
        var gas = txBaseCost
        for b in tx.data { gas += b == 0 ? txDataZero : txDataNonZero }
        if tx.to == nil {
            gas += txCreateCost
            if fork.limitsInitCode { gas += UInt64(Gas.initCodeWord) * UInt64((tx.data.count + 31) / 32) }   // EIP-3860
        }
        for e in tx.accessList {
            gas += accessListAddressCost + accessListStorageKeyCost * UInt64(e.storageKeys.count)
        }
        gas += perEmptyAccountCost * UInt64(tx.authorizationList.count)        // EIP-7702
        return gas
    }

    /// Validates and executes `tx` from `sender` (recovered by the caller, or nil when the
    /// signature is invalid). Throws, changing nothing, when the transaction is invalid.
    /// `options` relax rules for transactions no node receives (the test harness's).
    public static func apply(_ tx: Transaction, sender: Address?, evm: EVM, options: Options = .standard,
                             inspector: (any Inspector)? = nil) throws(TransactionError) -> TransactionOutcome {
        let fork = evm.fork, block = evm.block, state = evm.state
        let free = options.isFree(tx)
        switch tx.kind {
        case .legacy, .accessList: break
        case .feeMarket: guard fork.hasFeeMarket else { throw .typeNotSupported }   // EIP-1559
        case .blob: guard fork.hasBlobs else { throw .typeNotSupported }
        case .setCode: guard fork.has(.eip7702) else { throw .typeNotSupported }
        }

        // validate_transaction
        let intrinsic = intrinsicGas(tx, fork: fork)
        if U256(intrinsic) > tx.gasLimit { throw .intrinsicGasTooLow }
        let floor = fork.has(.eip7623) ? calldataFloorGas(tx) : 0
        if U256(floor) > tx.gasLimit { throw .intrinsicGasBelowFloorGasCost }     // EIP-7623
        if !(tx.nonce < U256(UInt64.max)) { throw .nonceIsMax }                    // EIP-2681
        if fork.limitsInitCode && tx.to == nil && tx.data.count > EVM.maxInitCodeSize { throw .initCodeSizeExceeded }
        if fork.capsTransactionGas && tx.gasLimit > U256(maxTransactionGas) { throw .gasLimitExceedsMaximum }  // EIP-7825

        // check_transaction
        guard tx.gasLimit.fitsInUInt64, tx.gasLimit.w0 <= block.gasLimit else { throw .gasAllowanceExceeded }
        let gasLimit = tx.gasLimit.w0
        let blobGas = BlobGas.perBlob * UInt64(tx.blobVersionedHashes.count)
        if UInt64(tx.blobVersionedHashes.count) > block.blobSchedule.max { throw .blobGasLimitExceeded }  // EIP-4844, 7691
        guard let sender else { throw .invalidSignature }
        // Clients reject a typed transaction signed for another chain (EIP-2718 payloads carry it).
        if tx.kind != .legacy, tx.chainId != block.chainId { throw .wrongChainId }

        let baseFee = fork.hasFeeMarket ? block.baseFee : .zero                  // EIP-1559
        let effectiveGasPrice: U256
        var maxGasFee: (U256, Bool)
        if tx.kind == .feeMarket || tx.kind == .blob || tx.kind == .setCode {
            if tx.maxFeePerGas < tx.maxPriorityFeePerGas { throw .priorityGreaterThanMaxFeePerGas }
            if tx.maxFeePerGas < baseFee && !free { throw .insufficientMaxFeePerGas }
            let priority = min(tx.maxPriorityFeePerGas, tx.maxFeePerGas &- baseFee)
            effectiveGasPrice = free ? .zero : priority &+ baseFee
            maxGasFee = multiply(U256(gasLimit), tx.maxFeePerGas)
        } else {
            if tx.gasPrice < baseFee && !free { throw .insufficientMaxFeePerGas }
            effectiveGasPrice = tx.gasPrice
            maxGasFee = multiply(U256(gasLimit), tx.gasPrice)
        }
        var blobFee = U256.zero
        if tx.kind == .blob {
            if tx.to == nil { throw .type3ContractCreation }
            if tx.blobVersionedHashes.isEmpty { throw .type3ZeroBlobs }
            if fork.limitsBlobsPerTransaction && tx.blobVersionedHashes.count > maxBlobsPerTransaction {
                throw .blobCountExceeded                                            // EIP-7594
            }
            for h in tx.blobVersionedHashes where h.w3 >> 56 != versionedHashVersionKZG {
                throw .type3InvalidBlobVersionedHash
            }
            let blobGasPrice = block.blobBaseFee
            if tx.maxFeePerBlobGas < blobGasPrice { throw .insufficientMaxFeePerBlobGas }
            let (maxBlobFee, o1) = multiply(U256(blobGas), tx.maxFeePerBlobGas)
            let (sum, o2) = maxGasFee.0.addingReportingOverflow(maxBlobFee)
            maxGasFee = (sum, maxGasFee.1 || o1 || o2)
            blobFee = U256(blobGas) &* blobGasPrice
        }
        if tx.kind == .setCode {                                                  // EIP-7702
            if tx.to == nil { throw .type4ContractCreation }
            if tx.authorizationList.isEmpty { throw .type4EmptyAuthorizationList }
        }
        let senderNonce = state.nonce(sender)
        guard tx.nonce.fitsInUInt64, tx.nonce.w0 == senderNonce else { throw .nonceMismatch }
        let (required, o3) = maxGasFee.0.addingReportingOverflow(tx.value)
        if maxGasFee.1 || o3 || state.balance(sender) < required { throw .insufficientAccountFunds }
        if !state.code(sender).isEmpty && !options.allowsSenderWithCode                       // EIP-3607
            && !(fork.has(.eip7702) && state.code(sender).delegatedAddress != nil) { throw .senderNotEOA }  // EIP-7702

        // Execution.
        state.beginTransaction()
        let start = state.checkpoint
        let gasFee = U256(gasLimit) &* effectiveGasPrice
        if options.incrementsNonceOfCall || tx.to == nil { state.setNonce(sender, senderNonce + 1) }
        state.setBalance(sender, state.balance(sender) &- gasFee &- blobFee)

        evm.tx = TransactionContext(origin: options.origin ?? sender, gasPrice: effectiveGasPrice, blobHashes: tx.blobVersionedHashes)

        // Gas beyond Int64.max cannot be spent; it is held back and returned as unused.
        let executionGas = Int64(clamping: gasLimit - intrinsic)
        let heldBack = gasLimit - intrinsic - UInt64(executionGas)
        var message: Message
        if let to = tx.to {
            message = Message(kind: .call, gas: executionGas, recipient: to, sender: sender, value: tx.value, input: tx.data)
        } else {
            message = Message(kind: .create, gas: executionGas, recipient: EVM.createAddress(sender: sender, nonce: senderNonce),
                              sender: sender, value: tx.value, input: tx.data)
        }
        evm.warmTransactionAddresses(sender: sender, target: message.recipient)
        for e in tx.accessList {                                                  // EIP-2930
            state.warmAddress(e.address)
            for k in e.storageKeys { state.warmSlot(e.address, k) }
        }
        // EIP-7702: authorizations take effect before the call and stay if it fails.
        let authorizationRefund = tx.kind == .setCode ? setDelegations(tx.authorizationList, state: state, chainId: block.chainId) : 0
        if fork.has(.eip7702), tx.to != nil, let delegate = state.code(message.recipient).delegatedAddress {
            state.warmAddress(delegate)
            message.codeAddress = delegate
            message.disablesPrecompiles = true
        }
        let result = evm.execute(message, inspector: inspector)

        // Refund (EIP-3529: at most a fifth of the gas used; before London, half).
        let gasLeft = UInt64(max(result.gasLeft, 0)) + heldBack
        let usedBeforeRefund = gasLimit - gasLeft
        let refundCap = usedBeforeRefund / (fork.hasReducedRefunds ? 5 : 2)
        let executionRefund = result.status.isSuccess ? UInt64(max(result.gasRefund, 0)) : 0
        let refund = min(refundCap, authorizationRefund + executionRefund)
        let gasUsed = max(usedBeforeRefund - refund, floor)                     // EIP-7623: at least the floor
        state.addBalance(sender, U256(gasLimit - gasUsed) &* effectiveGasPrice)
        let priorityFee = free ? .zero : effectiveGasPrice &- baseFee
        let coinbaseFee = U256(gasUsed) &* priorityFee
        if !coinbaseFee.isZero {
            state.addBalance(block.coinbase, coinbaseFee)
        } else if state.existsAndIsEmpty(block.coinbase) {
            state.markTouched(block.coinbase)            // EIP-161: a zero fee deletes an empty coinbase
        }
        let logs = result.status.isSuccess ? state.logs : []
        if !options.commits { state.revert(to: start) }
        state.finalizeTransaction()
        return TransactionOutcome(status: result.status, gasUsed: gasUsed, logs: logs,
                                  output: result.output, createdAddress: result.createdAddress)
    }

    /// a·b with an overflow flag (fee products may exceed 256 bits).
    static func multiply(_ a: U256, _ b: U256) -> (U256, Bool) {
        let p = a &* b
        let overflow = !a.isZero && p.div(a) != b
        return (p, overflow)
    }
}
