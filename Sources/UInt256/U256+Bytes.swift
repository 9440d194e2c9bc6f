// Conversions between U256 and big-endian byte strings (EVM memory, calldata, storage keys).

extension U256 {
    /// Reads exactly 32 big-endian bytes; no alignment requirement.
    @inlinable @inline(__always)
    public init(bigEndian p: UnsafeRawPointer) {
        self.init(w0: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
                  w1: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                  w2: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                  w3: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
    }

    /// The `count` bytes at p as a big-endian integer (PUSHn immediates, short calldata).
    /// count <= 0 gives 0; more than 32 bytes keeps the last 32.
    @inlinable
    public init(bigEndianBytes p: UnsafeRawPointer, count: Int) {
        if count >= 32 {
            self.init(bigEndian: p + (count - 32))
            return
        }
        // Right-align into a zeroed 32-byte buffer, then do the aligned-size load.
        var buf: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        if count > 0 {
            withUnsafeMutableBytes(of: &buf) { b in
                b.baseAddress.map { ($0 + (32 - count)).copyMemory(from: p, byteCount: count) }
            }
        }
        self = withUnsafeBytes(of: &buf) { b in
            b.baseAddress.map { U256(bigEndian: $0) } ?? .zero
        }
    }

    /// Big-endian bytes as an integer; if there are more than 32, the last 32 are used.
    @inlinable
    public init<C: Collection>(bigEndianBytes bytes: C) where C.Element == UInt8 {
        var r = U256.zero
        let n = bytes.count
        var idx = bytes.startIndex
        if n > 32 { idx = bytes.index(idx, offsetBy: n - 32) }
        while idx != bytes.endIndex {
            r = r.shiftedLeft(byBits: 8)
            r.w0 |= UInt64(bytes[idx])
            idx = bytes.index(after: idx)
        }
        self = r
    }

    /// Writes exactly 32 big-endian bytes; no alignment requirement.
    @inlinable @inline(__always)
    public func storeBigEndian(to p: UnsafeMutableRawPointer) {
        p.storeBytes(of: w3.bigEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: w2.bigEndian, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: w1.bigEndian, toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: w0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The 32-byte big-endian encoding.
    @inlinable
    public var bigEndianBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buf, initialized in
            if let base = buf.baseAddress { storeBigEndian(to: base) }
            initialized = 32
        }
    }

    /// Big-endian bytes without leading zeros; zero gives [].
    @inlinable
    public var minimalBigEndianBytes: [UInt8] {
        Array(bigEndianBytes.dropFirst(32 - significantByteCount))
    }
}
