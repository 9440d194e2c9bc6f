// Short-Weierstrass points on y² = x³ + b (a = 0) in Jacobian coordinates (x, y) = (X/Z², Y/Z³);
// Z = 0 is the point at infinity. Serves G1 (over Fp) and G2 (the sextic twist, over Fp2) of
// both curves; b never enters doubling or addition, so each curve keeps its own b, encoding and
// scalar multiplication. Formulas: Explicit-Formulas Database, "dbl-2009-l" and "add-2007-bl"
// for a = 0 Jacobian coordinates (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html).

@frozen
public struct JacobianPoint<F: Field>: Equatable, Sendable {
    public var x: F
    public var y: F
    public var z: F

    @inlinable @inline(__always)
    public init(x: F, y: F, z: F) { self.x = x; self.y = y; self.z = z }

    /// Affine point (x, y) lifted with Z = 1.
    @inlinable @inline(__always)
    public init(affineX x: F, y: F) { self.x = x; self.y = y; self.z = F.one }

    @inlinable public static var infinity: JacobianPoint { JacobianPoint(x: F.one, y: F.one, z: F.zero) }

    @inlinable public var isInfinity: Bool { z.isZero }

    @inlinable
    public static prefix func - (p: JacobianPoint) -> JacobianPoint {
        JacobianPoint(x: p.x, y: -p.y, z: p.z)
    }

    /// Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
    @inlinable
    public static func == (a: JacobianPoint, b: JacobianPoint) -> Bool {
        if a.isInfinity || b.isInfinity { return a.isInfinity && b.isInfinity }
        let az2 = a.z.squared(), bz2 = b.z.squared()
        if a.x * bz2 != b.x * az2 { return false }
        return a.y * bz2 * b.z == b.y * az2 * a.z
    }

    @inlinable @inline(__always)
    public func doubled() -> JacobianPoint {
        if z.isZero { return self }
        let a = x.squared()
        let b = y.squared()
        let c = b.squared()
        let d = ((x + b).squared() - a - c).doubled()
        let e = a.doubled() + a
        let f = e.squared()
        let x3 = f - d.doubled()
        let c8 = c.doubled().doubled().doubled()
        let y3 = e * (d - x3) - c8
        let z3 = (y * z).doubled()
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static func + (p: JacobianPoint, q: JacobianPoint) -> JacobianPoint {
        if p.z.isZero { return q }
        if q.z.isZero { return p }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let rr = (s2 - s1).doubled()
        if h.isZero {
            // Same x: P = Q doubles, P = −Q gives infinity.
            return rr.isZero ? p.doubled() : .infinity
        }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = rr.squared() - j - v.doubled()
        let y3 = rr * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    @inlinable
    public static func - (p: JacobianPoint, q: JacobianPoint) -> JacobianPoint { p + (-q) }

    /// Affine coordinates, or nil for the point at infinity.
    @inlinable
    public func affineCoordinates() -> (x: F, y: F)? {
        if z.isZero { return nil }
        if z == F.one { return (x, y) }
        let zi = z.inverse()
        let zi2 = zi.squared()
        return (x * zi2, y * zi2 * zi)
    }
}
