import UInt256

/// A 20-byte account address, stored inline so that it hashes and compares without allocation.
@frozen public struct Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Bytes 0..<8, 8..<16 and 16..<20, each big-endian, so that comparing fields compares bytes.
    public var hi: UInt64
    public var mid: UInt64
    public var lo: UInt32

    @inlinable public init(hi: UInt64, mid: UInt64, lo: UInt32) {
        self.hi = hi; self.mid = mid; self.lo = lo
    }

    public static let zero = Address(hi: 0, mid: 0, lo: 0)

    /// The low 160 bits of a word, as the EVM takes addresses from the stack.
    @inlinable public init(word: U256) {
        lo = UInt32(truncatingIfNeeded: word.w0)
        mid = (word.w0 >> 32) | (word.w1 << 32)
        hi = (word.w1 >> 32) | (UInt64(UInt32(truncatingIfNeeded: word.w2)) << 32)
    }

    @inlinable public var word: U256 {
        U256(w0: UInt64(lo) | (mid << 32), w1: (mid >> 32) | (hi << 32), w2: hi >> 32, w3: 0)
    }

    /// Reads 20 bytes.
    @inlinable public init(bytes p: UnsafeRawPointer) {
        hi = UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))
        mid = UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        lo = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    /// Takes the last 20 bytes of `bytes` (left-padding shorter input with zeros).
    public init(_ bytes: [UInt8]) {
        var padded = [UInt8](repeating: 0, count: 20)
        let n = Swift.min(20, bytes.count)
        for i in 0..<n { padded[20 - n + i] = bytes[bytes.count - n + i] }
        self = padded.withUnsafeBytes { Address(bytes: $0.baseAddress!) } // safe: 20-byte array
    }

    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == 20 else { return nil }
        self.init(bytes)
    }

    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        out.withUnsafeMutableBytes { b in
            b.storeBytes(of: hi.bigEndian, toByteOffset: 0, as: UInt64.self)
            b.storeBytes(of: mid.bigEndian, toByteOffset: 8, as: UInt64.self)
            b.storeBytes(of: lo.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return out
    }

    public var description: String { Hex.encode(bytes, prefix: true) }

    /// Set/Dictionary hashing without SipHash; see `U256._rawHashValue(seed:)`.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: U256.foldHash(hi, mid, UInt64(lo), 0x9e37_79b9, seed: UInt64(bitPattern: Int64(seed))))
    }

    // Written out (and inlinable) so that the EVM's account and warm-set lookups compare and
    // hash inline across the module boundary, as when Address lived in the EVM target.
    @inlinable public static func == (a: Address, b: Address) -> Bool {
        a.hi == b.hi && a.mid == b.mid && a.lo == b.lo
    }

    @inlinable public func hash(into hasher: inout Hasher) {
        hasher.combine(hi); hasher.combine(mid); hasher.combine(lo)
    }

    @inlinable public static func < (a: Address, b: Address) -> Bool {
        (a.hi, a.mid, a.lo) < (b.hi, b.mid, b.lo)
    }
}
