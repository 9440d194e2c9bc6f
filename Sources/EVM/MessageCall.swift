import UInt256

extension EVM {
    /// Prepares the state for a new top-level call, as a transaction would (EIP-2929: sender,
    /// recipient and precompiles start warm; EIP-3651: so does the coinbase), and runs it.
    /// No intrinsic gas, fee or nonce handling: `porvm run` and `porvm bench` call code directly.
    public func call(_ message: Message, inspector: (any Inspector)? = nil) -> CallResult {
        state.beginTransaction()
        state.warmAddress(message.sender)
        state.warmAddress(message.recipient)
        for a in precompileAddresses { state.warmAddress(a) }
        if fork.hasWarmCoinbase { state.warmAddress(block.coinbase) }
        let result = execute(message, inspector: inspector)
        state.finalizeTransaction()
        return result
    }
}
