// EIP-2537's uncompressed encoding of field elements and points ("Fine points and encoding"):
//   Fp:  64 bytes big-endian; the top 16 bytes must be zero and the value below p;
//   Fp2: c0 ‖ c1 (128 bytes; note: the opposite order to the ZCash compressed form);
//   G1:  x ‖ y (128 bytes), G2: x ‖ y (256 bytes); all-zero is the point at infinity, any other
//        pair must satisfy the curve equation (the subgroup is the caller's concern);
//   scalars: 32 bytes big-endian, any value (not reduced).

import FieldTower

public enum PaddedEncoding {
    public static let fpLength = 64
    public static let g1Length = 128
    public static let g2Length = 256
    public static let scalarLength = 32

    /// An Fp from 64 bytes at `offset`; nil when the padding is not zero or the value is not below p.
    public static func fp(_ input: UnsafeRawBufferPointer, at offset: Int) -> Fp? {
        guard offset >= 0, offset + fpLength <= input.count else { return nil }
        for i in offset..<(offset + 16) where input[i] != 0 { return nil }
        return Fp.fromBigEndian(UnsafeRawBufferPointer(rebasing: input[(offset + 16)..<(offset + fpLength)]))
    }

    /// An Fp2 (c0 ‖ c1) from 128 bytes at `offset`.
    public static func fp2(_ input: UnsafeRawBufferPointer, at offset: Int) -> Fp2? {
        guard let c0 = fp(input, at: offset), let c1 = fp(input, at: offset + fpLength) else { return nil }
        return Fp2(c0, c1)
    }

    /// A G1 point (on the curve, not necessarily in the subgroup) from 128 bytes at `offset`.
    public static func g1(_ input: UnsafeRawBufferPointer, at offset: Int) -> G1Affine? {
        guard let x = fp(input, at: offset), let y = fp(input, at: offset + fpLength) else { return nil }
        if x.isZero && y.isZero { return .identity }
        let p = G1Affine(x: x, y: y)
        return p.isOnCurve ? p : nil
    }

    /// A G2 point (on the twist, not necessarily in the subgroup) from 256 bytes at `offset`.
    public static func g2(_ input: UnsafeRawBufferPointer, at offset: Int) -> G2Affine? {
        guard let x = fp2(input, at: offset), let y = fp2(input, at: offset + 2 * fpLength) else { return nil }
        if x.isZero && y.isZero { return .identity }
        let p = G2Affine(x: x, y: y)
        return p.isOnCurve ? p : nil
    }

    /// A 32-byte big-endian scalar at `offset`.
    public static func scalar(_ input: UnsafeRawBufferPointer, at offset: Int) -> Scalar? {
        guard offset >= 0, offset + scalarLength <= input.count else { return nil }
        @inline(__always) func limb(_ start: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in start..<(start + 8) { v = (v << 8) | UInt64(input[i]) }
            return v
        }
        return Scalar(limb(offset + 24), limb(offset + 16), limb(offset + 8), limb(offset))
    }

    static func appendFp(_ v: Fp, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(0, count: 16))
        out.append(contentsOf: v.bigEndianBytes())
    }

    public static func encode(_ p: G1Affine) -> [UInt8] {
        if p.infinity { return [UInt8](repeating: 0, count: g1Length) }
        var out = [UInt8]()
        out.reserveCapacity(g1Length)
        appendFp(p.x, to: &out)
        appendFp(p.y, to: &out)
        return out
    }

    public static func encode(_ p: G2Affine) -> [UInt8] {
        if p.infinity { return [UInt8](repeating: 0, count: g2Length) }
        var out = [UInt8]()
        out.reserveCapacity(g2Length)
        for v in [p.x.c0, p.x.c1, p.y.c0, p.y.c1] { appendFp(v, to: &out) }
        return out
    }
}
