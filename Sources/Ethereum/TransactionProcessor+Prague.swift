import Primitives
import UInt256
import EVM

/// Prague's transaction-level rules: EIP-7702 authorizations and EIP-7623's calldata floor.
extension TransactionProcessor {
    /// EIP-7702: intrinsic gas per authorization tuple.
    static let perEmptyAccountCost: UInt64 = 25_000
    /// EIP-7702: what a tuple costs when its authority already exists (the rest is refunded).
    static let perAuthBaseCost: UInt64 = 12_500
    /// EIP-7623: gas per calldata token at the floor.
    static let totalCostFloorPerToken: UInt64 = 10

    /// EIP-7623: tokens = zero bytes + 4 × non-zero bytes; floor = 21000 + 10 × tokens. A
    /// transaction pays at least this, however little its execution used.
    public static func calldataFloorGas(_ tx: Transaction) -> UInt64 {
        var tokens: UInt64 = 0
        for b in tx.data { tokens += b == 0 ? 1 : 4 }
        return txBaseCost + totalCostFloorPerToken * tokens
    }

    /// EIP-7702 (the specs' `set_delegation`): applies each valid tuple in order, writing
    /// `0xef0100 ‖ address` (or clearing the code for the zero address) and bumping the
    /// authority's nonce. An invalid tuple is skipped. Returns the refund for authorities that
    /// already existed.
    static func setDelegations(_ list: [Authorization], state: WorldState, chainId: U256) -> UInt64 {
        var refund: UInt64 = 0
        for auth in list {
            guard auth.chainId.isZero || auth.chainId == chainId else { continue }   // 0: any chain
            guard auth.nonce < UInt64.max else { continue }                         // EIP-2681's bound
            guard let authority = auth.recoverAuthority() else { continue }
            state.warmAddress(authority)
            let code = state.code(authority)
            guard code.isEmpty || code.delegatedAddress != nil else { continue }     // only EOAs delegate
            guard state.nonce(authority) == auth.nonce else { continue }
            if state.exists(authority) { refund += perEmptyAccountCost - perAuthBaseCost }
            let designator = auth.address == .zero ? Bytecode.empty : Bytecode(Delegation.designator(auth.address))
            state.setCode(authority, designator)
            state.setNonce(authority, auth.nonce + 1)
        }
        return refund
    }
}
