import Primitives
import UInt256
import EVM
import EVMCrypto

/// An EIP-2930 access list entry: an address and storage keys to warm before execution.
public struct AccessListEntry: Sendable, Equatable {
    public var address: Address
    public var storageKeys: [U256]
    public init(address: Address, storageKeys: [U256]) {
        self.address = address
        self.storageKeys = storageKeys
    }
}

/// A signed transaction of any type through Prague: legacy (with or without EIP-155),
/// EIP-2930 access list, EIP-1559 fee market, EIP-4844 blob, EIP-7702 set code.
public struct Transaction: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case legacy = 0, accessList = 1, feeMarket = 2, blob = 3, setCode = 4 }

    public var kind: Kind
    /// Typed transactions carry it; legacy ones imply it through `v` (EIP-155), or have none.
    public var chainId: U256?
    public var nonce: U256
    /// Legacy and EIP-2930.
    public var gasPrice: U256
    /// EIP-1559 and EIP-4844.
    public var maxPriorityFeePerGas: U256
    public var maxFeePerGas: U256
    public var gasLimit: U256
    /// nil for contract creation.
    public var to: Address?
    public var value: U256
    public var data: [UInt8]
    public var accessList: [AccessListEntry]
    public var maxFeePerBlobGas: U256
    public var blobVersionedHashes: [U256]
    /// EIP-7702.
    public var authorizationList: [Authorization]
    /// Legacy: 27/28 or EIP-155's chainId·2+35/36; typed: the y parity 0/1.
    public var v: U256
    public var r: U256
    public var s: U256

    public init(kind: Kind = .legacy, chainId: U256? = nil, nonce: U256 = .zero, gasPrice: U256 = .zero,
                maxPriorityFeePerGas: U256 = .zero, maxFeePerGas: U256 = .zero, gasLimit: U256 = .zero,
                to: Address? = nil, value: U256 = .zero, data: [UInt8] = [], accessList: [AccessListEntry] = [],
                maxFeePerBlobGas: U256 = .zero, blobVersionedHashes: [U256] = [],
                authorizationList: [Authorization] = [],
                v: U256 = .zero, r: U256 = .zero, s: U256 = .zero) {
        self.kind = kind
        self.chainId = chainId
        self.nonce = nonce
        self.gasPrice = gasPrice
        self.maxPriorityFeePerGas = maxPriorityFeePerGas
        self.maxFeePerGas = maxFeePerGas
        self.gasLimit = gasLimit
        self.to = to
        self.value = value
        self.data = data
        self.accessList = accessList
        self.maxFeePerBlobGas = maxFeePerBlobGas
        self.blobVersionedHashes = blobVersionedHashes
        self.authorizationList = authorizationList
        self.v = v
        self.r = r
        self.s = s
    }
}

public enum TransactionDecodingError: Error, CustomStringConvertible, Equatable {
    case rlp(RLPError)
    case unsupportedType(UInt8)
    case wrongFieldCount(expected: Int, got: Int)
    case malformedField(String)

    public var description: String {
        switch self {
        case .rlp(let e): return "invalid RLP: \(e)"
        case .unsupportedType(let t): return "unsupported transaction type 0x\(String(t, radix: 16))"
        case .wrongFieldCount(let e, let g): return "expected \(e) fields, got \(g)"
        case .malformedField(let f): return "malformed field \(f)"
        }
    }
}

// MARK: decoding (the bytes as broadcast)

extension Transaction {
    /// Decodes `rlp([...])` (legacy) or `type ‖ rlp([...])` (EIP-2718 typed).
    public static func decode(_ bytes: [UInt8]) throws(TransactionDecodingError) -> Transaction {
        guard let first = bytes.first else { throw .rlp(.truncated) }
        if first >= 0xc0 { return try decodeLegacy(rlpDecode(bytes)) }
        guard let kind = Kind(rawValue: first), kind != .legacy else { throw .unsupportedType(first) }
        return try decodeTyped(kind, rlpDecode(Array(bytes.dropFirst())))
    }

    private static func rlpDecode(_ bytes: [UInt8]) throws(TransactionDecodingError) -> [RLPItem] {
        let item: RLPItem
        do { item = try RLP.decode(bytes) } catch let e as RLPError { throw .rlp(e) } catch { throw .rlp(.truncated) }
        guard let list = item.listValue else { throw .rlp(.expectedList) }
        return list
    }

    private static func field<T>(_ name: String, _ body: () throws -> T) throws(TransactionDecodingError) -> T {
        do { return try body() } catch let e as RLPError { throw .rlp(e) } catch { throw .malformedField(name) }
    }

    private static func decodeTo(_ item: RLPItem) throws(TransactionDecodingError) -> Address? {
        guard let b = item.bytesValue else { throw .malformedField("to") }
        if b.isEmpty { return nil }
        guard b.count == 20 else { throw .malformedField("to") }
        return Address(b)
    }

    private static func decodeLegacy(_ f: [RLPItem]) throws(TransactionDecodingError) -> Transaction {
        guard f.count == 9 else { throw .wrongFieldCount(expected: 9, got: f.count) }
        var tx = Transaction(kind: .legacy)
        tx.nonce = try field("nonce") { try f[0].u256() }
        tx.gasPrice = try field("gasPrice") { try f[1].u256() }
        tx.gasLimit = try field("gasLimit") { try f[2].u256() }
        tx.to = try decodeTo(f[3])
        tx.value = try field("value") { try f[4].u256() }
        guard let data = f[5].bytesValue else { throw .malformedField("data") }
        tx.data = data
        tx.v = try field("v") { try f[6].u256() }
        tx.r = try field("r") { try f[7].u256() }
        tx.s = try field("s") { try f[8].u256() }
        // EIP-155: v = chainId·2 + 35 or 36.
        if tx.v.fitsInUInt64 && tx.v.w0 >= 35 { tx.chainId = U256((tx.v.w0 - 35) / 2) }
        else if !tx.v.fitsInUInt64 { tx.chainId = (tx.v &- U256(35)).shiftedRight(by: .one) }
        return tx
    }

    private static func decodeAccessList(_ item: RLPItem) throws(TransactionDecodingError) -> [AccessListEntry] {
        guard let entries = item.listValue else { throw .malformedField("accessList") }
        var out = [AccessListEntry]()
        for e in entries {
            guard let pair = e.listValue, pair.count == 2, let keys = pair[1].listValue else {
                throw .malformedField("accessList")
            }
            let address = try field("accessList address") { try pair[0].address() }
            var slots = [U256]()
            for k in keys {
                guard let b = k.bytesValue, b.count == 32 else { throw .malformedField("accessList storage key") }
                slots.append(U256(bigEndianBytes: b))
            }
            out.append(AccessListEntry(address: address, storageKeys: slots))
        }
        return out
    }

    private static func decodeTyped(_ kind: Kind, _ f: [RLPItem]) throws(TransactionDecodingError) -> Transaction {
        let expected = [Kind.accessList: 11, .feeMarket: 12, .blob: 14, .setCode: 13][kind] ?? 0
        guard f.count == expected else { throw .wrongFieldCount(expected: expected, got: f.count) }
        var tx = Transaction(kind: kind)
        tx.chainId = try field("chainId") { try f[0].u256() }
        tx.nonce = try field("nonce") { try f[1].u256() }
        var i = 2
        if kind == .accessList {
            tx.gasPrice = try field("gasPrice") { try f[2].u256() }
            i = 3
        } else {
            tx.maxPriorityFeePerGas = try field("maxPriorityFeePerGas") { try f[2].u256() }
            tx.maxFeePerGas = try field("maxFeePerGas") { try f[3].u256() }
            i = 4
        }
        tx.gasLimit = try field("gasLimit") { try f[i].u256() }
        if kind == .blob || kind == .setCode {
            // EIP-4844, EIP-7702: these transactions cannot create a contract; `to` is a plain address.
            tx.to = try field("to") { try f[i + 1].address() }
        } else {
            tx.to = try decodeTo(f[i + 1])
        }
        tx.value = try field("value") { try f[i + 2].u256() }
        guard let data = f[i + 3].bytesValue else { throw .malformedField("data") }
        tx.data = data
        tx.accessList = try decodeAccessList(f[i + 4])
        i += 5
        if kind == .blob {
            tx.maxFeePerBlobGas = try field("maxFeePerBlobGas") { try f[i].u256() }
            guard let hashes = f[i + 1].listValue else { throw .malformedField("blobVersionedHashes") }
            for h in hashes {
                guard let b = h.bytesValue, b.count == 32 else { throw .malformedField("blobVersionedHashes") }
                tx.blobVersionedHashes.append(U256(bigEndianBytes: b))
            }
            i += 2
        }
        if kind == .setCode {                                                   // EIP-7702
            guard let tuples = f[i].listValue else { throw .malformedField("authorizationList") }
            for t in tuples { tx.authorizationList.append(try Authorization.decode(t)) }
            i += 1
        }
        tx.v = try field("yParity") { try f[i].u256() }
        tx.r = try field("r") { try f[i + 1].u256() }
        tx.s = try field("s") { try f[i + 2].u256() }
        return tx
    }
}

// MARK: signing

extension Transaction {
    private var toItem: RLPItem { to.map { RLPItem($0) } ?? .bytes([]) }

    private var accessListItem: RLPItem {
        .list(accessList.map { e in
            .list([RLPItem(e.address), .list(e.storageKeys.map { .bytes($0.bigEndianBytes) })])
        })
    }

    /// The payload fields a signature covers (without v, r, s).
    private func unsignedFields(chainId: U256) -> [RLPItem] {
        switch kind {
        case .legacy:
            return [RLPItem(nonce), RLPItem(gasPrice), RLPItem(gasLimit), toItem, RLPItem(value), .bytes(data)]
        case .accessList:
            return [RLPItem(chainId), RLPItem(nonce), RLPItem(gasPrice), RLPItem(gasLimit), toItem,
                    RLPItem(value), .bytes(data), accessListItem]
        case .feeMarket, .blob, .setCode:
            var f: [RLPItem] = [RLPItem(chainId), RLPItem(nonce), RLPItem(maxPriorityFeePerGas), RLPItem(maxFeePerGas),
                                RLPItem(gasLimit), toItem, RLPItem(value), .bytes(data), accessListItem]
            if kind == .blob {
                f += [RLPItem(maxFeePerBlobGas), .list(blobVersionedHashes.map { .bytes($0.bigEndianBytes) })]
            }
            if kind == .setCode { f.append(.list(authorizationList.map(\.rlpItem))) }   // EIP-7702
            return f
        }
    }

    /// The hash the sender signed (pre-EIP-155 legacy, EIP-155 legacy, or typed).
    public func signingHash(chainId: U256) -> [UInt8] {
        var fields = unsignedFields(chainId: chainId)
        if kind == .legacy {
            if !(v == U256(27) || v == U256(28)) { fields += [RLPItem(chainId), .bytes([]), .bytes([])] }   // EIP-155
            return Keccak256.hash(RLP.encode(.list(fields)))
        }
        return Keccak256.hash([kind.rawValue] + RLP.encode(.list(fields)))
    }

    /// The encoding as broadcast.
    public func encoded() -> [UInt8] {
        let fields = unsignedFields(chainId: chainId ?? .zero) + [RLPItem(v), RLPItem(r), RLPItem(s)]
        let body = RLP.encode(.list(fields))
        return kind == .legacy ? body : [kind.rawValue] + body
    }

    /// secp256k1 group order n; EIP-2 requires s ≤ n/2.
    static let secp256k1N = U256(hex: "0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")! // safe: constant

    /// Recovers the sender from the signature, checking r, s (EIP-2) and v as the spec does.
    /// `chainId` is the chain's: legacy EIP-155 signatures must carry it in v; typed
    /// transactions are recovered over their own `chainId` field (compare it separately).
    public func recoverSender(chainId: U256) -> Address? {
        guard !r.isZero, r < Self.secp256k1N, !s.isZero, !(Self.secp256k1N.shiftedRight(by: .one) < s) else { return nil }
        let recoveryID: Int32
        if kind == .legacy {
            if v == U256(27) || v == U256(28) {
                recoveryID = Int32(v.w0 - 27)
            } else {
                let base = chainId &* U256(2) &+ U256(35)
                guard v == base || v == base &+ .one else { return nil }
                recoveryID = v == base ? 0 : 1
            }
        } else {
            guard v == .zero || v == .one else { return nil }
            recoveryID = Int32(v.w0)
        }
        // A typed transaction signs its own chain id; the legacy EIP-155 one is checked through v above.
        let signedChainId = kind == .legacy ? chainId : (self.chainId ?? .zero)
        guard let a = Secp256k1.recoverAddress(messageHash: signingHash(chainId: signedChainId), recoveryID: recoveryID,
                                               r: r.bigEndianBytes, s: s.bigEndianBytes) else { return nil }
        return Address(a)
    }

    /// Signs with `privateKey` (RFC 6979), filling v, r, s (and `chainId` for typed transactions).
    public mutating func sign(privateKey: [UInt8], chainId: U256, eip155: Bool = true) -> Bool {
        if kind != .legacy { self.chainId = chainId }
        if kind == .legacy {
            v = eip155 ? chainId &* U256(2) &+ U256(35) : U256(27)
            if eip155 { self.chainId = chainId }
        }
        guard let sig = Secp256k1.sign(messageHash: signingHash(chainId: chainId), privateKey: privateKey) else { return false }
        r = U256(bigEndianBytes: sig.r)
        s = U256(bigEndianBytes: sig.s)
        v = kind == .legacy ? v &+ U256(UInt64(sig.recoveryID)) : U256(UInt64(sig.recoveryID))
        return true
    }
}
