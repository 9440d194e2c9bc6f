// G1: the curve E(F_p): y^2 = x^3 + 3 (EIP-196), prime order r (cofactor 1), so every
// point on the curve is in G1 and no subgroup check is needed.
//   r = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001 (EIP-197 "curve order")
//   generator (1, 2).

import FieldTower

public typealias G1Point = JacobianPoint<Fp>

public enum G1 {
    public static let b = Fp(3)
    public static let generator = G1Point(affineX: Fp(1), y: Fp(2))

    /// Checks y^2 == x^3 + 3 for an affine point.
    public static func isOnCurve(x: Fp, y: Fp) -> Bool {
        y.squared() == x.squared() * x + b
    }

    /// Decodes 64 bytes (x ‖ y, big-endian). (0, 0) is the point at infinity.
    /// Returns nil for a coordinate >= p or a point not on the curve.
    public static func decode(_ b: UnsafeRawBufferPointer) -> G1Point? {
        guard b.count >= 64,
              let x = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[0..<32])),
              let y = Fp(bigEndian: UnsafeRawBufferPointer(rebasing: b[32..<64])) else { return nil }
        if x.isZero && y.isZero { return .infinity }
        guard isOnCurve(x: x, y: y) else { return nil }
        return G1Point(affineX: x, y: y)
    }

    /// 64-byte big-endian encoding of the affine point; infinity encodes as zeros.
    public static func encode(_ p: G1Point) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 64)
        if let a = p.affineCoordinates() {
            a.x.write(bigEndianTo: &out, at: 0)
            a.y.write(bigEndianTo: &out, at: 32)
        }
        return out
    }
}
