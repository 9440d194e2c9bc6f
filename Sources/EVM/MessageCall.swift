import Primitives
import UInt256

extension EVM {
    /// Prepares the state for a new top-level call, as a transaction would (EIP-2929: sender,
    /// recipient and precompiles start warm; EIP-3651: so does the coinbase), and runs it.
    /// No intrinsic gas, fee or nonce handling: `porvm run` and `porvm bench` call code directly.
    public func call(_ message: Message, inspector: (any Inspector)? = nil) -> CallResult {
        state.beginTransaction()
        warmTransactionAddresses(sender: message.sender, target: message.recipient)
        let result = execute(message, inspector: inspector)
        state.finalizeTransaction()
        return result
    }

    /// The addresses warm from a transaction's start: sender, target and the precompiles
    /// (EIP-2929), and the coinbase (EIP-3651). Access-list entries are the caller's to add.
    public func warmTransactionAddresses(sender: Address, target: Address) {
        state.warmPrecompiles = precompilesWarm
        for a in precompilesApart { state.warmAddress(a) }
        state.warmAddress(sender)
        state.warmAddress(target)
        if fork.hasWarmCoinbase { state.warmAddress(block.coinbase) }
    }
}
