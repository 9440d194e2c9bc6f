import Foundation
import Primitives
import UInt256
import EVM
import Ethereum

/// `--input.txs`: a JSON list of transactions (signed with v/r/s, or unsigned with a
/// `secretKey` that signs them), or one hex string holding the RLP list of signed transactions
/// (typed ones as byte strings, legacy ones as lists), as both reference tools accept.
/// A transaction that cannot be read is rejected with its index; the others still run.
public struct TransactionInput {
    public struct Parsed {
        /// Position in the input, which `rejected` reports.
        public var index: Int
        public var transaction: Transaction
        /// Recovered from the signature; nil when it is invalid (then the transaction is rejected).
        public var sender: Address?
    }

    public var parsed: [Parsed] = []
    /// Input index -> why the transaction could not be read.
    public var unreadable: [(Int, String)] = []

    /// More transactions than any block holds (a 45 M gas block fits ~2,100 plain transfers).
    public static let maxTransactions = 1 << 16

    init(_ json: Any?, chainId: U256) throws(T8nError) {
        if json == nil || json is NSNull { return }
        if let text = json as? String {
            try readRLP(text, chainId: chainId)
            return
        }
        guard let list = json as? [Any] else { throw T8nError("txs must be a JSON list of transactions or an RLP hex string") }
        guard list.count <= Self.maxTransactions else { throw T8nError("txs has more than \(Self.maxTransactions) transactions") }
        for (i, item) in list.enumerated() {
            do {
                let tx = try Self.transaction(fromJSON: item, index: i, chainId: chainId)
                parsed.append(Parsed(index: i, transaction: tx, sender: tx.recoverSender(chainId: chainId)))
            } catch {
                unreadable.append((i, "Failed to parse transaction \(i): \(error.description)"))
            }
        }
    }

    private mutating func readRLP(_ text: String, chainId: U256) throws(T8nError) {
        let bytes = try JSONFields.bytes(text, "txs")
        let items: [RLPItem]
        do {
            guard let list = try RLP.decode(bytes).listValue else { throw T8nError("txs: the RLP is not a list") }
            items = list
        } catch let e as T8nError { throw e } catch { throw T8nError("txs: invalid RLP (\(error))") }
        guard items.count <= Self.maxTransactions else { throw T8nError("txs has more than \(Self.maxTransactions) transactions") }
        for (i, item) in items.enumerated() {
            // A typed transaction is a byte string (type ‖ payload); a legacy one is the list itself.
            let raw = item.bytesValue ?? RLP.encode(item)
            do {
                let tx = try Transaction.decode(raw)
                parsed.append(Parsed(index: i, transaction: tx, sender: tx.recoverSender(chainId: chainId)))
            } catch {
                unreadable.append((i, "Failed to parse transaction \(i): \(error)"))
            }
        }
    }

    /// One JSON transaction. The type is `type` when given, else implied by the fields present
    /// (as the execution specs' `TransactionLoad.read` picks it).
    static func transaction(fromJSON item: Any, index: Int, chainId: U256) throws(T8nError) -> Transaction {
        let f = try JSONFields(item, path: "txs[\(index)]")
        var tx = Transaction()
        if let type = try f.optionalUInt64("type") {
            guard type <= 0xff, let kind = Transaction.Kind(rawValue: UInt8(type)) else {
                throw T8nError("unsupported transaction type \(type)")
            }
            tx.kind = kind
        } else if f.has("authorizationList") {
            tx.kind = .setCode
        } else if f.has("maxFeePerBlobGas") {
            tx.kind = .blob
        } else if f.has("maxFeePerGas") {
            tx.kind = .feeMarket
        } else if f.has("accessList") {
            tx.kind = .accessList
        }
        tx.nonce = try f.word("nonce")
        tx.gasLimit = try f.word("gas")
        tx.value = try f.optionalWord("value") ?? .zero
        tx.data = f.has("input") ? try f.bytes("input") : (f.has("data") ? try f.bytes("data") : [])
        if f.has("to"), let s = f.object["to"] as? String, !s.isEmpty {
            tx.to = try f.address("to")
        }
        switch tx.kind {
        case .legacy, .accessList:
            tx.gasPrice = try f.word("gasPrice")
        case .feeMarket, .blob, .setCode:
            tx.maxFeePerGas = try f.word("maxFeePerGas")
            tx.maxPriorityFeePerGas = try f.word("maxPriorityFeePerGas")
        }
        if tx.kind != .legacy {
            tx.chainId = try f.optionalWord("chainId") ?? chainId
            if let list = f.object["accessList"], !(list is NSNull) {
                tx.accessList = try accessList(list, path: "\(f.path).accessList")
            }
        }
        if tx.kind == .blob {
            tx.maxFeePerBlobGas = try f.word("maxFeePerBlobGas")
            guard let hashes = f.object["blobVersionedHashes"] as? [Any] else {
                throw T8nError("\(f.path).blobVersionedHashes must be a list")
            }
            tx.blobVersionedHashes = try hashes.map { h throws(T8nError) in try JSONFields.word32(h, "\(f.path).blobVersionedHashes") }
            // Without `to` it is read, then rejected by validation (EIP-4844: no creation), as
            // the specs' tool does: it stays in the transactions trie.
        }
        if tx.kind == .setCode {
            guard let list = f.object["authorizationList"] as? [Any] else {
                throw T8nError("\(f.path).authorizationList must be a list")
            }
            tx.authorizationList = try list.enumerated().map { i, a throws(T8nError) in
                try authorization(a, path: "\(f.path).authorizationList[\(i)]")
            }
        }
        let v = try f.optionalWord("v"), yParity = try f.optionalWord("yParity"), yParity2 = try f.optionalWord("y_parity")
        tx.v = v ?? yParity ?? yParity2 ?? .zero
        tx.r = try f.optionalWord("r") ?? .zero
        tx.s = try f.optionalWord("s") ?? .zero
        if f.has("secretKey") && tx.v.isZero && tx.r.isZero && tx.s.isZero {
            let key = try f.bytes("secretKey")
            guard key.count == 32 else { throw T8nError("\(f.path).secretKey must have 32 bytes") }
            // Legacy transactions are signed with EIP-155 unless `protected` is false (both tools).
            let protected = (f.object["protected"] as? Bool) ?? true
            guard tx.sign(privateKey: key, chainId: tx.chainId ?? chainId, eip155: protected) else {
                throw T8nError("\(f.path).secretKey is not a valid secp256k1 key")
            }
        } else if tx.kind == .legacy {
            // EIP-155: v = chainId·2 + 35 or 36 names the chain.
            if tx.v.fitsInUInt64 && tx.v.w0 >= 35 { tx.chainId = U256((tx.v.w0 - 35) / 2) }
        }
        return tx
    }

    /// EIP-7702 tuple, with the keys the specs' tool reads (`v` is the y parity).
    static func authorization(_ json: Any, path: String) throws(T8nError) -> Authorization {
        let g = try JSONFields(json, path: path)
        var parity = U256.zero
        if let v = try g.optionalWord("v") { parity = v } else if let y = try g.optionalWord("yParity") { parity = y }
        guard parity.fitsInUInt64, parity.w0 <= 0xff else { throw T8nError("\(path).v must fit in 8 bits") }
        let nonce = try g.word("nonce")
        guard nonce.fitsInUInt64 else { throw T8nError("\(path).nonce must fit in 64 bits") }
        return Authorization(chainId: try g.word("chainId"), address: try g.address("address"), nonce: nonce.w0,
                             yParity: UInt8(parity.w0), r: try g.word("r"), s: try g.word("s"))
    }

    static func accessList(_ json: Any, path: String) throws(T8nError) -> [AccessListEntry] {
        guard let entries = json as? [Any] else { throw T8nError("\(path) must be a list") }
        return try entries.enumerated().map { i, e throws(T8nError) in
            let g = try JSONFields(e, path: "\(path)[\(i)]")
            let keys = (g.object["storageKeys"] as? [Any]) ?? []
            return AccessListEntry(address: try g.address("address"),
                                   storageKeys: try keys.map { k throws(T8nError) in try JSONFields.word32(k, "\(g.path).storageKeys") })
        }
    }
}
