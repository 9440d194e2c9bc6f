import Primitives
import UInt256
import Ethereum

/// A transaction's receipt (EIP-658 status form, Byzantium on) and the logs bloom
/// (Yellow Paper §4.3.1).
public struct Receipt: Sendable {
    public var kind: Transaction.Kind
    public var transactionHash: [UInt8]
    public var succeeded: Bool
    /// Gas used by the block up to and including this transaction.
    public var cumulativeGasUsed: UInt64
    public var logs: [Log]

    public var bloom: [UInt8] { Self.bloom(logs) }

    /// rlp([status, cumulativeGasUsed, bloom, logs]); typed receipts are prefixed with the
    /// transaction's type byte (EIP-2718), as the receipts trie stores them.
    public var encoded: [UInt8] {
        let item = RLPItem.list([.bytes(succeeded ? [1] : []), RLPItem(cumulativeGasUsed), .bytes(bloom), Self.logsItem(logs)])
        let body = RLP.encode(item)
        return kind == .legacy ? body : [kind.rawValue] + body
    }

    static func logsItem(_ logs: [Log]) -> RLPItem {
        .list(logs.map { log in
            .list([RLPItem(log.address), .list(log.topics.map { .bytes($0.bigEndianBytes) }), .bytes(log.data)])
        })
    }

    /// The 2048-bit bloom: for the address and each topic, three bits, each picked by 11 bits
    /// of the first six bytes of its keccak256.
    public static func bloom(_ logs: [Log]) -> [UInt8] {
        var bloom = [UInt8](repeating: 0, count: 256)
        func add(_ bytes: [UInt8]) {
            let h = Keccak256.hash(bytes)
            for i in stride(from: 0, to: 6, by: 2) {
                let bit = (Int(h[i]) << 8 | Int(h[i + 1])) & 2047
                bloom[255 - bit / 8] |= UInt8(1 << (bit % 8))
            }
        }
        for log in logs {
            add(log.address.bytes)
            for t in log.topics { add(t.bigEndianBytes) }
        }
        return bloom
    }

    /// As the execution specs' t8n lists it in `receipts`.
    var json: JSONOut {
        .object([
            ("transactionHash", .string(Hex.encode(transactionHash, prefix: true))),
            ("succeeded", .bool(succeeded)),
            ("cumulativeGasUsed", .string(U256(cumulativeGasUsed).hexString)),
            ("bloom", .string(Hex.encode(bloom, prefix: true))),
            ("logs", .array(logs.map { log in
                .object([
                    ("address", .string(Hex.encode(log.address.bytes, prefix: true))),
                    ("topics", .array(log.topics.map { .string(Hex.encode($0.bigEndianBytes, prefix: true)) })),
                    ("data", .string(Hex.encode(log.data, prefix: true))),
                ])
            })),
        ])
    }
}

/// The roots of the block's lists: tries keyed by rlp(index), not hashed (Yellow Paper §4.3).
enum ListRoot {
    static func root(_ values: [(index: Int, value: [UInt8])]) -> [UInt8] {
        MerklePatriciaTrie.root(values.map { (key: RLP.encode(RLPItem(UInt64($0.index))), value: $0.value) })
    }
}
