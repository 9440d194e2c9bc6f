import UInt256
import Ethereum

/// Rejection reasons worded as the execution specs' t8n words them (`Failed transaction: ` and
/// the exception's repr), so that the two tools' `rejected` lists can be compared as text.
enum RejectionText {
    static let gasAllowance = "Failed transaction: GasUsedExceedsLimitError('gas used exceeds limit')"
    static let blobGasLimit = "Failed transaction: BlobGasLimitExceededError('blob gas limit exceeded')"

    static func of(_ error: Error, tx: Transaction, senderNonce: UInt64, baseFee: U256) -> String {
        guard let e = error as? TransactionError else { return "Failed transaction: \(error)" }
        let text: String
        switch e {
        case .intrinsicGasTooLow: text = "InsufficientTransactionGasError('Insufficient gas')"
        case .nonceIsMax: text = "NonceOverflowError('Nonce too high')"
        case .initCodeSizeExceeded: text = "InitCodeTooLargeError('Code size too large')"
        case .gasAllowanceExceeded: text = "GasUsedExceedsLimitError('gas used exceeds limit')"
        case .blobGasLimitExceeded: text = "BlobGasLimitExceededError('blob gas limit exceeded')"
        case .invalidSignature: text = "InvalidSignatureError('bad signature')"
        case .priorityGreaterThanMaxFeePerGas: text = "PriorityFeeGreaterThanMaxFeeError('priority fee greater than max fee')"
        case .insufficientMaxFeePerGas:
            text = tx.kind == .legacy || tx.kind == .accessList ? "InvalidBlock()"
                : "InsufficientMaxFeePerGasError('Insufficient max fee per gas (\(tx.maxFeePerGas) < \(baseFee))')"
        case .type3ContractCreation: text = "TransactionTypeContractCreationError('transaction type `BlobTransaction` not allowed to create contracts')"
        case .type3ZeroBlobs: text = "NoBlobDataError('no blob data in transaction')"
        case .type3InvalidBlobVersionedHash: text = "InvalidBlobVersionedHashError('invalid blob versioned hash')"
        case .insufficientMaxFeePerBlobGas: text = "InsufficientMaxFeePerBlobGasError('insufficient max fee per blob gas')"
        case .nonceMismatch:
            let low = tx.nonce.fitsInUInt64 && tx.nonce.w0 < senderNonce
            text = "NonceMismatchError('nonce too \(low ? "low" : "high")')"
        case .insufficientAccountFunds: text = "InsufficientBalanceError('insufficient sender balance')"
        case .senderNotEOA: text = "InvalidSenderError('not EOA')"
        case .intrinsicGasBelowFloorGasCost: text = "InsufficientTransactionGasError('Insufficient gas')"   // EIP-7623
        case .gasLimitExceedsMaximum: text = "TransactionGasLimitExceededError('Gas limit too high')"     // EIP-7825
        case .blobCountExceeded:                                                                        // EIP-7594
            text = "BlobCountExceededError('Tx has \(tx.blobVersionedHashes.count) blobs. Max allowed: 6')"
        case .type4EmptyAuthorizationList: text = "EmptyAuthorizationListError('empty authorization list')"  // EIP-7702
        case .type4ContractCreation:
            text = "TransactionTypeContractCreationError('transaction type `SetCodeTransaction` not allowed to create contracts')"
        default: text = "InvalidTransaction('\(e.description)')"
        }
        return "Failed transaction: " + text
    }
}
