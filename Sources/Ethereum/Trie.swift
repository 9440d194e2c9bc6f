// Merkle Patricia Trie root (Yellow Paper appendix D), computed in one pass over the
// sorted keys: no node store, no insertion. A range of sorted keys that share a nibble
// prefix becomes an extension over a branch; a single key becomes a leaf; a key that ends
// where others continue becomes the branch's value. Nodes whose RLP is shorter than 32
// bytes are embedded in their parent, larger ones are referenced by keccak256; the root
// is always hashed.
//
// All node RLP is written into one scratch buffer used as a stack: a node's payload is
// appended after room for its header, the header is filled in, and the finished node is
// replaced in place by its reference (its own bytes, or 0xa0 + hash). Nothing is allocated
// per node. Nodes under construction are kept on an explicit stack rather than the call
// stack, so arbitrarily long keys cannot overflow the thread's stack.

import EVMCrypto
import Primitives

public enum MerklePatriciaTrie {
    /// keccak256(rlp("")): the root of the empty trie.
    public static let emptyRoot: [UInt8] = [
        0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
        0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21,
    ]

    /// Root of the trie holding these (key, value) pairs; empty values are absent. Keys are
    /// raw bytes (already hashed for a secure trie). If a key repeats, its last entry wins
    /// (so an empty value after a non-empty one deletes it).
    /// Empty trie root = 56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421.
    public static func root(_ entries: [(key: [UInt8], value: [UInt8])]) -> [UInt8] {
        if entries.isEmpty { return emptyRoot }
        // Sort by key, ties by position, so the last of equal keys comes last.
        var order = Array(entries.indices)
        order.sort { a, b in
            let c = compare(entries[a].key, entries[b].key)
            return c != 0 ? c < 0 : a < b
        }
        var set = TrieEntries()
        set.reserve(count: entries.count)
        var i = 0
        while i < order.count {
            var j = i + 1
            while j < order.count && entries[order[j]].key == entries[order[i]].key { j += 1 }
            let e = entries[order[j - 1]]
            if !e.value.isEmpty { set.append(key: e.key, value: e.value) }
            i = j
        }
        return root(sorted: set)
    }

    /// Root of a trie whose entries are already sorted by key, with distinct keys and
    /// non-empty values.
    static func root(sorted set: TrieEntries) -> [UInt8] {
        if set.count == 0 { return emptyRoot }
        var b = TrieBuilder(set: set)
        return b.rootHash()
    }

    /// Lexicographic byte comparison: negative, zero or positive.
    @inline(__always)
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                let n = Swift.min(pa.count, pb.count)
                var k = 0
                while k < n {
                    if pa[k] != pb[k] { return Int(pa[k]) - Int(pb[k]) }
                    k += 1
                }
                return pa.count - pb.count
            }
        }
    }
}

/// Keys and values laid end to end, in trie (sorted) order.
struct TrieEntries {
    var keyBytes: [UInt8] = []
    var keyStart: [Int] = [0]
    var valueBytes: [UInt8] = []
    var valueStart: [Int] = [0]

    var count: Int { keyStart.count - 1 }

    mutating func reserve(count n: Int, keyBytes k: Int = 0, valueBytes v: Int = 0) {
        keyStart.reserveCapacity(n + 1)
        valueStart.reserveCapacity(n + 1)
        if k > 0 { keyBytes.reserveCapacity(k) }
        if v > 0 { valueBytes.reserveCapacity(v) }
    }

    mutating func append(key: [UInt8], value: [UInt8]) {
        keyBytes.append(contentsOf: key)
        keyStart.append(keyBytes.count)
        valueBytes.append(contentsOf: value)
        valueStart.append(valueBytes.count)
    }
}

/// Writes the nodes of a sorted, distinct, non-empty entry set.
struct TrieBuilder {
    let keys: [UInt8]
    let keyStart: [Int]
    let values: [UInt8]
    let valueStart: [Int]
    /// The scratch stack of node encodings under construction.
    var buf: [UInt8] = []

    init(set: TrieEntries) {
        keys = set.keyBytes
        keyStart = set.keyStart
        values = set.valueBytes
        valueStart = set.valueStart
        buf.reserveCapacity(1024)
    }

    /// Room left before each node's payload for its list header.
    static let headerRoom = 9

    /// A node under construction: its payload so far sits in `buf` from `payloadStart`,
    /// with `headerRoom` bytes before it starting at `mark`, where its reference will go.
    struct Frame {
        var lo: Int, hi: Int, depth: Int
        var mark: Int, payloadStart: Int
        var isBranch: Bool
        /// Branch only: the first entry not yet placed under a child, and the next child slot.
        var next: Int
        var slot: UInt8
        var hasValue: Bool
    }

    /// Where the finished root node's encoding sits in `buf`.
    var rootBounds: (start: Int, end: Int) = (0, 0)

    /// Builds every node bottom-up with an explicit stack (no recursion, so key length
    /// cannot exhaust the thread's stack) and hashes the root.
    mutating func rootHash() -> [UInt8] {
        var stack: [Frame] = []
        stack.reserveCapacity(72)
        begin(0, keyStart.count - 1, depth: 0, stack: &stack)
        while let top = stack.last {
            if top.isBranch {
                // Children are grouped by their nibble at `depth`; sorted keys make each group contiguous.
                var i = top.next
                var slot = top.slot
                var startedChild = false
                while slot < 16 {
                    if i < top.hi && nibble(i, top.depth) == slot {
                        var j = i + 1
                        while j < top.hi && nibble(j, top.depth) == slot { j += 1 }
                        stack[stack.count - 1].next = j
                        stack[stack.count - 1].slot = slot + 1
                        begin(i, j, depth: top.depth + 1, stack: &stack)
                        startedChild = true
                        break
                    }
                    buf.append(0x80)
                    slot += 1
                }
                if startedChild { continue }
                if top.hasValue { appendValue(top.lo) } else { buf.append(0x80) }
            }
            // A finished branch, or an extension whose child (begun right after it) is done.
            stack.removeLast()
            complete(mark: top.mark, payloadStart: top.payloadStart, isRoot: stack.isEmpty)
        }
        var out = [UInt8](repeating: 0, count: 32)
        let (start, end) = rootBounds
        buf.withUnsafeBytes { b in
            out.withUnsafeMutableBytes { o in
                if let base = b.baseAddress, let ob = o.baseAddress {
                    Keccak256.hash(UnsafeRawBufferPointer(start: base + start, count: end - start), into: ob)
                }
            }
        }
        return out
    }

    @inline(__always) func nibbleCount(_ i: Int) -> Int { (keyStart[i + 1] - keyStart[i]) &* 2 }

    @inline(__always) func nibble(_ i: Int, _ n: Int) -> UInt8 {
        let byte = keys[keyStart[i] + (n >> 1)]
        return n & 1 == 0 ? byte >> 4 : byte & 0x0f
    }

    /// Starts the node for entries lo..<hi, which share their first `depth` nibbles.
    /// A leaf is finished at once; an extension is pushed with its branch above it; a
    /// branch is pushed to have its children built.
    mutating func begin(_ lo: Int, _ hi: Int, depth: Int, stack: inout [Frame]) {
        let mark = buf.count
        for _ in 0..<TrieBuilder.headerRoom { buf.append(0) }
        let payloadStart = buf.count
        if hi - lo == 1 {
            // Leaf: the rest of the key, then the value.
            appendHexPrefix(lo, from: depth, to: nibbleCount(lo), leaf: true)
            appendValue(lo)
            complete(mark: mark, payloadStart: payloadStart, isRoot: stack.isEmpty)
            return
        }
        // Sorted keys: the first and last share the prefix that all of them share.
        let shared = sharedNibbles(lo, hi - 1, from: depth)
        if shared > 0 {
            // Extension over the branch where the keys diverge (the prefix is maximal, so
            // the child begun here is a branch, which only pushes a frame: no deeper nesting).
            appendHexPrefix(lo, from: depth, to: depth + shared, leaf: false)
            stack.append(Frame(lo: lo, hi: hi, depth: depth, mark: mark, payloadStart: payloadStart,
                               isBranch: false, next: lo, slot: 0, hasValue: false))
            begin(lo, hi, depth: depth + shared, stack: &stack)
            return
        }
        // Branch: a key ending here is the branch's value (it sorts first).
        let hasValue = nibbleCount(lo) == depth
        stack.append(Frame(lo: lo, hi: hi, depth: depth, mark: mark, payloadStart: payloadStart,
                           isBranch: true, next: hasValue ? lo + 1 : lo, slot: 0, hasValue: hasValue))
    }

    /// Finishes the node whose payload runs from `payloadStart` to the end of `buf`: writes
    /// its list header, then (unless it is the root) replaces it, from `mark` on, by its
    /// reference: its own RLP if shorter than 32 bytes, else 0xa0 + keccak256.
    mutating func complete(mark: Int, payloadStart: Int, isRoot: Bool) {
        let payloadLength = buf.count - payloadStart
        let h = RLP.headerLength(payloadLength)
        let start = payloadStart - h
        if payloadLength < 56 {
            buf[start] = 0xc0 + UInt8(payloadLength)
        } else {
            buf[start] = 0xf7 + UInt8(h - 1)
            var k = 1
            while k < h {
                buf[start + k] = UInt8(truncatingIfNeeded: UInt(payloadLength) >> (UInt(h - 1 - k) * 8))
                k += 1
            }
        }
        let length = buf.count - start
        if isRoot {
            rootBounds = (start, buf.count)
        } else if length < 32 {
            // Slide the encoding down to `mark` (destination precedes source).
            buf.withUnsafeMutableBytes { b in
                if let base = b.baseAddress { (base + mark).copyMemory(from: base + start, byteCount: length) }
            }
            buf.removeLast(buf.count - (mark + length))
        } else {
            var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &digest) { d in
                buf.withUnsafeBytes { b in
                    if let base = b.baseAddress, let db = d.baseAddress {
                        Keccak256.hash(UnsafeRawBufferPointer(start: base + start, count: length), into: db)
                    }
                }
            }
            buf.removeLast(buf.count - mark)
            buf.append(0xa0)
            withUnsafeBytes(of: &digest) { buf.append(contentsOf: $0) }
        }
    }

    /// How many nibbles keys a and b share from nibble `from` on.
    func sharedNibbles(_ a: Int, _ b: Int, from: Int) -> Int {
        let limit = Swift.min(nibbleCount(a), nibbleCount(b))
        var n = from
        // Whole bytes first when aligned.
        if n & 1 == 1 && n < limit {
            if nibble(a, n) != nibble(b, n) { return 0 }
            n += 1
        }
        let sa = keyStart[a], sb = keyStart[b]
        while n + 1 < limit && keys[sa + (n >> 1)] == keys[sb + (n >> 1)] { n += 2 }
        if n < limit && nibble(a, n) == nibble(b, n) { n += 1 }
        return n - from
    }

    /// Hex-prefix encoding (Yellow Paper appendix C) of key i's nibbles from..<to, as an RLP string.
    mutating func appendHexPrefix(_ i: Int, from: Int, to: Int, leaf: Bool) {
        let count = to - from
        let odd = count & 1 == 1
        let flag: UInt8 = (leaf ? 0x20 : 0x00) | (odd ? 0x10 : 0x00)
        let byteCount = count / 2 + 1
        if byteCount == 1 {
            // A single byte below 0x80 (flags 0x00-0x3f) is its own RLP.
            buf.append(flag | (odd ? nibble(i, from) : 0))
            return
        }
        appendStringHeader(byteCount)
        var n = from
        if odd {
            buf.append(flag | nibble(i, n))
            n += 1
        } else {
            buf.append(flag)
        }
        // n is now at an even offset from `from`; copy nibble pairs.
        let s = keyStart[i]
        if n & 1 == 0 {
            while n < to { buf.append(keys[s + (n >> 1)]); n += 2 }
        } else {
            while n < to { buf.append(nibble(i, n) << 4 | nibble(i, n + 1)); n += 2 }
        }
    }

    @inline(__always) mutating func appendStringHeader(_ length: Int) {
        RLP.appendHeader(length, offset: 0x80, to: &buf)
    }

    /// Value i as an RLP string.
    mutating func appendValue(_ i: Int) {
        let s = valueStart[i], e = valueStart[i + 1]
        if e - s == 1 && values[s] < 0x80 {
            buf.append(values[s])
        } else {
            appendStringHeader(e - s)
            buf.append(contentsOf: values[s..<e])
        }
    }
}
