// Generic short-Weierstrass arithmetic for y^2 = x^3 + b (a = 0) in Jacobian coordinates
// (x, y) = (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. Shared by G1 (over F_p) and
// G2 (the sextic twist over F_p2). Formulas: Explicit-Formulas Database,
// "dbl-2009-l" and "add-2007-bl" for a = 0 Jacobian coordinates.

public protocol BNField: Equatable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    var isZero: Bool { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    func squared() -> Self
    func doubled() -> Self
    func inverse() -> Self
}

extension Fp: BNField {}
extension Fp2: BNField {}

@frozen
public struct JacobianPoint<F: BNField>: Sendable {
    public var x: F
    public var y: F
    public var z: F

    @inline(__always)
    public init(x: F, y: F, z: F) { self.x = x; self.y = y; self.z = z }

    /// Affine point (x, y) lifted with Z = 1.
    @inline(__always)
    public init(affineX x: F, y: F) { self.x = x; self.y = y; self.z = F.one }

    public static var infinity: JacobianPoint { JacobianPoint(x: F.one, y: F.one, z: F.zero) }

    public var isInfinity: Bool { z.isZero }

    public static prefix func - (p: JacobianPoint) -> JacobianPoint {
        JacobianPoint(x: p.x, y: -p.y, z: p.z)
    }

    /// Affine coordinates, or nil for the point at infinity.
    public func affine() -> (x: F, y: F)? {
        if z.isZero { return nil }
        if z == F.one { return (x, y) }
        let zi = z.inverse()
        let zi2 = zi.squared()
        return (x * zi2, y * zi2 * zi)
    }

    /// Point equality in projective sense.
    public static func == (a: JacobianPoint, b: JacobianPoint) -> Bool {
        if a.isInfinity || b.isInfinity { return a.isInfinity && b.isInfinity }
        let az2 = a.z.squared(), bz2 = b.z.squared()
        if a.x * bz2 != b.x * az2 { return false }
        return a.y * bz2 * b.z == b.y * az2 * a.z
    }

    @inline(__always)
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
            if rr.isZero { return p.doubled() }
            return .infinity
        }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = rr.squared() - j - v.doubled()
        let y3 = rr * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// Scalar multiplication by a 256-bit integer given as little-endian limbs
    /// (any value, not reduced). Fixed 4-bit window, variable time (inputs are public).
    public func multiplied(by k: (UInt64, UInt64, UInt64, UInt64)) -> JacobianPoint {
        if isInfinity { return self }
        // table[i] = i * self, i = 0..15
        var table = [JacobianPoint](repeating: .infinity, count: 16)
        table[1] = self
        for i in 2..<16 { table[i] = (i & 1 == 0) ? table[i / 2].doubled() : table[i - 1] + self }
        let words = [k.3, k.2, k.1, k.0]
        var acc = JacobianPoint.infinity
        for w in words {
            var shift = 60
            while shift >= 0 {
                acc = acc.doubled().doubled().doubled().doubled()
                let nib = Int((w >> UInt64(shift)) & 0xf)
                if nib != 0 { acc = acc + table[nib] }
                shift -= 4
            }
        }
        return acc
    }
}
