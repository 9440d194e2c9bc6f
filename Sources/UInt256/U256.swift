/// The EVM machine word: an unsigned 256-bit integer, arithmetic modulo 2^256.
///
/// Stored as four little-endian 64-bit limbs (`w0` least significant) so that the
/// hot operations compile to straight-line register code with no heap traffic.
/// Signed EVM operations interpret the same bits as two's complement.
@frozen
public struct U256: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var w0: UInt64
    public var w1: UInt64
    public var w2: UInt64
    public var w3: UInt64

    @inlinable @inline(__always)
    public init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    @inlinable @inline(__always)
    public init(_ v: UInt64) {
        self.init(w0: v, w1: 0, w2: 0, w3: 0)
    }

    // Computed rather than stored `static let`: a global constant would go through
    // a lazy-initialisation check on every access in the interpreter loop.
    public static var zero: U256 {
        @inlinable @inline(__always) get { U256(w0: 0, w1: 0, w2: 0, w3: 0) }
    }
    public static var one: U256 {
        @inlinable @inline(__always) get { U256(w0: 1, w1: 0, w2: 0, w3: 0) }
    }
    public static var max: U256 {
        @inlinable @inline(__always) get { U256(w0: ~0, w1: ~0, w2: ~0, w3: ~0) }
    }

    @inlinable
    public var isZero: Bool {
        @inline(__always) get { (w0 | w1 | w2 | w3) == 0 }
    }

    /// Bit 255 set: negative when read as two's complement.
    @inlinable
    public var isNegative: Bool {
        @inline(__always) get { (w3 >> 63) != 0 }
    }

    @inlinable
    public var low64: UInt64 {
        @inline(__always) get { w0 }
    }

    @inlinable
    public var fitsInUInt64: Bool {
        @inline(__always) get { (w1 | w2 | w3) == 0 }
    }

    /// min(self, Int.max): memory offsets and sizes beyond this are out of gas anyway.
    @inlinable
    public var clampedToInt: Int {
        @inline(__always) get {
            if (w1 | w2 | w3) != 0 || w0 > UInt64(Int.max) { return Int.max }
            return Int(truncatingIfNeeded: w0)
        }
    }

    @inlinable
    public var leadingZeroBitCount: Int {
        if w3 != 0 { return w3.leadingZeroBitCount }
        if w2 != 0 { return 64 + w2.leadingZeroBitCount }
        if w1 != 0 { return 128 + w1.leadingZeroBitCount }
        return 192 + w0.leadingZeroBitCount
    }

    /// Number of bytes needed to write the value (0 for zero); EXP charges gas per byte of exponent (EIP-160).
    @inlinable
    public var significantByteCount: Int {
        (256 - leadingZeroBitCount + 7) >> 3
    }

    /// Number of significant bits (0 for zero).
    @inlinable
    public var bitWidth: Int {
        256 - leadingZeroBitCount
    }

    @inlinable @inline(__always)
    public static func == (a: U256, b: U256) -> Bool {
        ((a.w0 ^ b.w0) | (a.w1 ^ b.w1) | (a.w2 ^ b.w2) | (a.w3 ^ b.w3)) == 0
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
        hasher.combine(w1)
        hasher.combine(w2)
        hasher.combine(w3)
    }

    /// Set and Dictionary hash through this, not `hash(into:)`: a keyed multiply-fold of the
    /// limbs (wyhash's "mum" step) instead of SipHash. Storage slots and warm sets are hashed
    /// several times per SLOAD/SSTORE, where SipHash was ~15% of snailtracer's time. The seed is
    /// the table's per-process random seed, so colliding keys cannot be precomputed.
    @inlinable
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: U256.foldHash(w0, w1, w2, w3, seed: UInt64(bitPattern: Int64(seed))))
    }

    /// 128-bit product folded to 64 bits: every input bit reaches every output bit.
    @inlinable @inline(__always)
    public static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return h ^ l
    }

    /// Keyed hash of four words (also used for 20-byte addresses and slot keys).
    @inlinable @inline(__always)
    public static func foldHash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, seed: UInt64) -> UInt64 {
        let k0: UInt64 = 0xa076_1d64_78bd_642f, k1: UInt64 = 0xe703_7ed1_a0b4_28db
        let k2: UInt64 = 0x8ebc_6af0_9c88_c6e3, k3: UInt64 = 0x5899_65cc_7537_4cc3
        let x = mum(a ^ k0 ^ seed, b ^ k1)
        let y = mum(c ^ k2 ^ seed, d ^ k3)
        return mum(x ^ k1, y ^ k0 ^ seed)
    }

    /// Unsigned comparison.
    @inlinable @inline(__always)
    public static func < (a: U256, b: U256) -> Bool {
        // Borrow out of a - b is exactly a < b; branch-free.
        let (_, b0) = a.w0.subtractingReportingOverflow(b.w0)
        let (t1, c1) = a.w1.subtractingReportingOverflow(b.w1)
        let (_, d1) = t1.subtractingReportingOverflow(b0 ? 1 : 0)
        let (t2, c2) = a.w2.subtractingReportingOverflow(b.w2)
        let (_, d2) = t2.subtractingReportingOverflow((c1 || d1) ? 1 : 0)
        let (t3, c3) = a.w3.subtractingReportingOverflow(b.w3)
        let (_, d3) = t3.subtractingReportingOverflow((c2 || d2) ? 1 : 0)
        return c3 || d3
    }

    @inlinable @inline(__always)
    public func signedLess(than b: U256) -> Bool {
        // Flipping the sign bits maps two's-complement order onto unsigned order.
        U256(w0: w0, w1: w1, w2: w2, w3: w3 ^ (1 << 63)) < U256(w0: b.w0, w1: b.w1, w2: b.w2, w3: b.w3 ^ (1 << 63))
    }

    @inlinable @inline(__always)
    public func signedGreater(than b: U256) -> Bool {
        b.signedLess(than: self)
    }
}
