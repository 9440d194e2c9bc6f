import EVM
import Primitives

extension TransactionProcessor {
    /// What a transaction no node would receive may skip: the test harness's impersonated
    /// senders (Foundry's `prank`, anvil's impersonation) and read-only calls (`eth_call`).
    /// `.standard` is a node's transaction; every other rule (intrinsic gas, EIP-3860, nonce,
    /// CREATE address, refund cap, value funds) applies whatever the options.
    public struct Options: Sendable, Equatable {
        /// A transaction whose fee fields are all zero pays no fee and is not held to the base
        /// fee (geth's `NoBaseFee`, as its `eth_call` runs). GASPRICE then reads 0.
        public var noBaseFee = false
        /// Accept a sender with code (EIP-3607 refuses it): impersonating a contract, and
        /// `eth_call` from one (geth skips the check there too).
        public var allowsSenderWithCode = false
        /// When false, a call leaves the sender's nonce alone (Foundry's `prank`); a creation
        /// still takes its address from the nonce and increments it, as the CREATE rule does.
        public var incrementsNonceOfCall = true
        /// `tx.origin` when it is not the sender (Foundry's `prank(sender, origin)`).
        public var origin: Address? = nil
        /// When false, every change is undone after execution (`eth_call`); the outcome
        /// (status, output, gas, logs) is still returned.
        public var commits = true

        public init(noBaseFee: Bool = false, allowsSenderWithCode: Bool = false, incrementsNonceOfCall: Bool = true,
                    origin: Address? = nil, commits: Bool = true) {
            self.noBaseFee = noBaseFee
            self.allowsSenderWithCode = allowsSenderWithCode
            self.incrementsNonceOfCall = incrementsNonceOfCall
            self.origin = origin
            self.commits = commits
        }

        /// A transaction as a node receives it.
        public static let standard = Options()

        /// The transaction pays no fee under these options.
        func isFree(_ tx: Transaction) -> Bool {
            noBaseFee && tx.kind != .blob && tx.gasPrice.isZero && tx.maxFeePerGas.isZero && tx.maxPriorityFeePerGas.isZero
        }
    }
}
