import EVM
import Ethereum
import Primitives
import UInt256

/// EIP-7702 from the harness (Prague on): a test account signs an authorization, and a set-code
/// transaction (type 4) carries it, so that the account runs a contract's code as its own.
extension Chain {
    /// `account`'s signed authorization to run `delegate`'s code (the zero address clears it), for
    /// this chain (or every chain: `anyChain`). The nonce defaults to the one the tuple must carry
    /// when `sender` sends it: the account's, one more when it sends its own (its nonce rises first).
    public func authorization(_ account: TestAccount, delegate: AddressConvertible, nonce: UInt64? = nil,
                              sender: AddressConvertible? = nil, anyChain: Bool = false) throws -> Authorization {
        let from = sender?.asAddress ?? deployer.address
        let n = nonce ?? state.nonce(account.address) + (from == account.address ? 1 : 0)
        var auth = Authorization(chainId: anyChain ? .zero : chainId, address: delegate.asAddress, nonce: n)
        guard auth.sign(privateKey: account.privateKey) else {
            throw HarnessError.signingFailed("could not sign an authorization for \(account.name)")
        }
        return auth
    }

    /// Sends a set-code transaction carrying `authorizations` to `to` (by default the first
    /// authority, so that its new code runs) with `data`; throws if the fork has no EIP-7702 or
    /// the transaction is invalid. Tuples that fail EIP-7702's checks are skipped, as on chain.
    @discardableResult
    public func setCode(_ authorizations: [Authorization], to: AddressConvertible? = nil, data: [UInt8] = [],
                        from: AddressConvertible? = nil, value: U256 = .zero, gasLimit: UInt64? = nil,
                        fileID: String = #fileID, filePath: String = #filePath, line: Int = #line, column: Int = #column) throws -> CallOutcome {
        let site = CallSite(fileID: fileID, filePath: filePath, line: line, column: column)
        let target = to?.asAddress ?? authorizations.first.flatMap { $0.recoverAuthority() } ?? .zero
        return try run(Request(to: target, data: data, from: from?.asAddress, value: value, gasLimit: gasLimit,
                               readOnly: false, function: nil, label: "setCode", targetABI: known[target]?.abi, site: site,
                               authorizations: authorizations))
    }
}
