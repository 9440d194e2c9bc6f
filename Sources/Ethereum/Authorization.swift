import Primitives
import UInt256
import EVM
import EVMCrypto

/// One EIP-7702 authorization tuple of a set-code transaction: the authority (recovered from the
/// signature) lets its account run `address`'s code. A tuple that fails any check is skipped,
/// never fatal to the transaction.
public struct Authorization: Sendable, Equatable {
    /// 0 authorizes on every chain.
    public var chainId: U256
    /// The delegate; the zero address clears the authority's code.
    public var address: Address
    /// The authority's nonce the tuple is valid for (a 64-bit field in the encoding).
    public var nonce: UInt64
    /// The signature's y parity; only 0 and 1 recover (an 8-bit field in the encoding).
    public var yParity: UInt8
    public var r: U256
    public var s: U256

    public init(chainId: U256, address: Address, nonce: UInt64, yParity: UInt8 = 0, r: U256 = .zero, s: U256 = .zero) {
        self.chainId = chainId
        self.address = address
        self.nonce = nonce
        self.yParity = yParity
        self.r = r
        self.s = s
    }

    /// EIP-7702: keccak256(MAGIC ‖ rlp([chain_id, address, nonce])), MAGIC = 0x05.
    public var signingHash: [UInt8] {
        Keccak256.hash([0x05] + RLP.encode(.list([RLPItem(chainId), RLPItem(address), RLPItem(nonce)])))
    }

    /// The signer, or nil when the signature is invalid. EIP-7702 (as EIP-2): y parity 0 or 1,
    /// 0 < r < n, 0 < s ≤ n/2.
    public func recoverAuthority() -> Address? {
        let n = Transaction.secp256k1N
        guard yParity <= 1, !r.isZero, r < n, !s.isZero, !(n.shiftedRight(by: .one) < s) else { return nil }
        guard let a = Secp256k1.recoverAddress(messageHash: signingHash, recoveryID: Int32(yParity),
                                               r: r.bigEndianBytes, s: s.bigEndianBytes) else { return nil }
        return Address(a)
    }

    /// Signs the tuple with `privateKey` (RFC 6979), filling y parity, r and s.
    public mutating func sign(privateKey: [UInt8]) -> Bool {
        guard let sig = Secp256k1.sign(messageHash: signingHash, privateKey: privateKey) else { return false }
        yParity = UInt8(truncatingIfNeeded: sig.recoveryID)
        r = U256(bigEndianBytes: sig.r)
        s = U256(bigEndianBytes: sig.s)
        return true
    }

    /// rlp([chain_id, address, nonce, y_parity, r, s]).
    var rlpItem: RLPItem {
        .list([RLPItem(chainId), RLPItem(address), RLPItem(nonce), RLPItem(UInt64(yParity)), RLPItem(r), RLPItem(s)])
    }

    /// Decodes one tuple; the spec's field types bound nonce to 64 bits and y parity to 8.
    static func decode(_ item: RLPItem) throws(TransactionDecodingError) -> Authorization {
        guard let f = item.listValue, f.count == 6 else { throw .malformedField("authorizationList") }
        do {
            let yParity = try f[3].uint64()
            guard yParity <= UInt64(UInt8.max) else { throw TransactionDecodingError.malformedField("authorization yParity") }
            return Authorization(chainId: try f[0].u256(), address: try f[1].address(), nonce: try f[2].uint64(),
                                 yParity: UInt8(yParity), r: try f[4].u256(), s: try f[5].u256())
        } catch let e as RLPError {
            throw .rlp(e)
        } catch let e as TransactionDecodingError {
            throw e
        } catch {
            throw .malformedField("authorizationList")
        }
    }
}
