// The world-state root, storage roots and the logs hash (Yellow Paper §4.1, §4.3.1).
//
// Both tries are "secure": keys are keccak256 of the address or of the 32-byte slot.
// Keys are hashed into four big-endian words, sorted as words (the same order as bytes),
// and written with their values into one flat buffer for the trie builder: a few
// allocations per trie, none per entry.

import EVM
import EVMCrypto
import Primitives
import UInt256

public enum StateRoot {
    /// Secure trie of keccak(address) -> rlp([nonce, balance, storageRoot, codeHash]).
    /// Every account in the map is included (empty accounts too; removing them is the EVM's job).
    public static func compute(_ state: WorldState) -> [UInt8] {
        let accounts = state.accounts
        if accounts.isEmpty { return MerklePatriciaTrie.emptyRoot }
        var keys: [SecureTrieKey] = []
        keys.reserveCapacity(accounts.count)
        var values: [[UInt8]] = []
        values.reserveCapacity(accounts.count)
        for (address, account) in accounts {
            keys.append(SecureTrieKey(address: address, index: values.count))
            values.append(encodeAccount(account))
        }
        keys.sort()
        var set = TrieEntries()
        set.reserve(count: keys.count, keyBytes: keys.count * 32, valueBytes: keys.count * 110)
        for k in keys {
            k.appendKey(to: &set.keyBytes)
            set.keyStart.append(set.keyBytes.count)
            set.valueBytes.append(contentsOf: values[k.index])
            set.valueStart.append(set.valueBytes.count)
        }
        return MerklePatriciaTrie.root(sorted: set)
    }

    /// Secure trie of keccak(slot as 32 bytes) -> rlp(value as minimal bytes), zero values omitted.
    public static func storageRoot(_ account: Account) -> [UInt8] {
        let storage = account.storage
        if storage.isEmpty { return MerklePatriciaTrie.emptyRoot }
        var keys: [SecureTrieKey] = []
        keys.reserveCapacity(storage.count)
        var values: [U256] = []
        values.reserveCapacity(storage.count)
        for (slot, value) in storage where !value.current.isZero {
            keys.append(SecureTrieKey(slot: slot, index: values.count))
            values.append(value.current)
        }
        if keys.isEmpty { return MerklePatriciaTrie.emptyRoot }
        keys.sort()
        var set = TrieEntries()
        set.reserve(count: keys.count, keyBytes: keys.count * 32, valueBytes: keys.count * 34)
        for k in keys {
            k.appendKey(to: &set.keyBytes)
            set.keyStart.append(set.keyBytes.count)
            // The leaf value is the RLP of the minimal big-endian integer.
            let v = values[k.index]
            let n = v.significantByteCount
            var word: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &word) { w in
                if let base = w.baseAddress { v.storeBigEndian(to: base) }
            }
            withUnsafeBytes(of: &word) { w in
                let minimal = w[(32 - n)...]
                RLP.appendBytes(minimal, to: &set.valueBytes)
            }
            set.valueStart.append(set.valueBytes.count)
        }
        return MerklePatriciaTrie.root(sorted: set)
    }

    /// keccak256(rlp(logs)), each log rlp([address, [topics...], data]).
    /// No logs = 1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347.
    public static func logsHash(_ logs: [Log]) -> [UInt8] {
        let item = RLPItem.list(logs.map { log in
            .list([RLPItem(log.address), .list(log.topics.map { .bytes($0.bigEndianBytes) }), .bytes(log.data)])
        })
        return Keccak256.hash(RLP.encode(item))
    }

    /// rlp([nonce, balance, storageRoot, codeHash]).
    static func encodeAccount(_ account: Account) -> [UInt8] {
        var payload: [UInt8] = []
        payload.reserveCapacity(110)
        RLP.append(RLPItem(account.nonce), to: &payload)
        RLP.append(RLPItem(account.balance), to: &payload)
        payload.append(0xa0)
        payload.append(contentsOf: storageRoot(account))
        payload.append(0xa0)
        let codeHash = account.code.isEmpty ? Bytecode.emptyHash : account.code.hash
        payload.append(contentsOf: codeHash.bigEndianBytes)
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 2)
        RLP.appendHeader(payload.count, offset: 0xc0, to: &out)
        out.append(contentsOf: payload)
        return out
    }
}

/// A keccak256 key as four big-endian words (so that comparing words compares bytes),
/// and the index of its value.
struct SecureTrieKey: Comparable {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64
    var index: Int

    init(digest d: UnsafeRawBufferPointer, index: Int) {
        w0 = UInt64(bigEndian: d.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        w1 = UInt64(bigEndian: d.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        w2 = UInt64(bigEndian: d.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        w3 = UInt64(bigEndian: d.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        self.index = index
    }

    init(address: Address, index: Int) {
        var raw: (UInt64, UInt64, UInt32) = (address.hi.bigEndian, address.mid.bigEndian, address.lo.bigEndian)
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeBytes(of: &raw) { r in
            withUnsafeMutableBytes(of: &digest) { d in
                if let db = d.baseAddress { Keccak256.hash(UnsafeRawBufferPointer(rebasing: r[0..<20]), into: db) }
            }
        }
        self = withUnsafeBytes(of: &digest) { d in SecureTrieKey(digest: d, index: index) }
    }

    init(slot: U256, index: Int) {
        var word: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &word) { w in
            if let base = w.baseAddress { slot.storeBigEndian(to: base) }
        }
        withUnsafeBytes(of: &word) { w in
            withUnsafeMutableBytes(of: &digest) { d in
                if let db = d.baseAddress { Keccak256.hash(w, into: db) }
            }
        }
        self = withUnsafeBytes(of: &digest) { d in SecureTrieKey(digest: d, index: index) }
    }

    func appendKey(to out: inout [UInt8]) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (w0.bigEndian, w1.bigEndian, w2.bigEndian, w3.bigEndian)
        withUnsafeBytes(of: &words) { out.append(contentsOf: $0) }
    }

    static func < (a: SecureTrieKey, b: SecureTrieKey) -> Bool {
        (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3)
    }

    static func == (a: SecureTrieKey, b: SecureTrieKey) -> Bool {
        a.w0 == b.w0 && a.w1 == b.w1 && a.w2 == b.w2 && a.w3 == b.w3
    }
}
