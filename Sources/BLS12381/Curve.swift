// Short-Weierstrass arithmetic shared by G1 (over Fp) and G2 (over Fp2): y² = x³ + b, a = 0.
// Points are kept in Jacobian coordinates (X, Y, Z) ↔ (X/Z², Y/Z³); Z = 0 is the point at infinity.
// Formulas: "dbl-2009-l" and "add-2007-bl" from the Explicit-Formulas Database
// (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html), written out here.

/// Field operations the curve code needs; Fp and Fp2 conform.
public protocol CurveField: Equatable, Sendable {
    static var zero: Self { get }
    static var one: Self { get }
    /// The constant b of the curve over this field (4 for G1, 4(1 + u) for the G2 twist).
    static var curveB: Self { get }
    var isZero: Bool { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    func squared() -> Self
    func doubled() -> Self
    func inverse() -> Self
}

extension Fp: CurveField {
    /// E: y² = x³ + 4.
    public static let curveB = Fp(4)
}

extension Fp2: CurveField {
    /// E': y² = x³ + 4(1 + u).
    public static let curveB = Fp2(Fp(4), Fp(4))
}

/// A 256-bit unsigned integer (little-endian limbs), used for scalars of the r-order groups.
@frozen
public struct Scalar: Equatable, Sendable {
    public var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    public init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0; self.w1 = w1; self.w2 = w2; self.w3 = w3
    }

    /// BLS_MODULUS r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001
    /// (EIP-4844; the order of G1 and G2).
    public static let r = Scalar(0xffff_ffff_0000_0001, 0x53bd_a402_fffe_5bfe,
                                 0x3339_d808_09a1_d805, 0x73ed_a753_299d_7d48)

    /// Parses 32 big-endian bytes (nil for any other length).
    public static func fromBigEndian(_ bytes: [UInt8]) -> Scalar? {
        guard bytes.count == 32 else { return nil }
        var s = Scalar(0, 0, 0, 0)
        for (i, byte) in bytes.enumerated() {
            let v = UInt64(byte)
            switch i / 8 {
            case 0: s.w3 = (s.w3 << 8) | v
            case 1: s.w2 = (s.w2 << 8) | v
            case 2: s.w1 = (s.w1 << 8) | v
            default: s.w0 = (s.w0 << 8) | v
            }
        }
        return s
    }

    public var isZero: Bool { return (w0 | w1 | w2 | w3) == 0 }

    /// self < other as unsigned integers.
    public func isLess(than o: Scalar) -> Bool {
        if w3 != o.w3 { return w3 < o.w3 }
        if w2 != o.w2 { return w2 < o.w2 }
        if w1 != o.w1 { return w1 < o.w1 }
        return w0 < o.w0
    }

    @inline(__always)
    func bit(_ i: Int) -> Bool {
        let limb: UInt64
        switch i >> 6 {
        case 0: limb = w0
        case 1: limb = w1
        case 2: limb = w2
        default: limb = w3
        }
        return (limb >> UInt64(i & 63)) & 1 == 1
    }

    /// Index of the highest set bit, or −1 for zero.
    var highestBit: Int {
        if w3 != 0 { return 192 + 63 - w3.leadingZeroBitCount }
        if w2 != 0 { return 128 + 63 - w2.leadingZeroBitCount }
        if w1 != 0 { return 64 + 63 - w1.leadingZeroBitCount }
        if w0 != 0 { return 63 - w0.leadingZeroBitCount }
        return -1
    }
}

/// An affine point; `infinity` marks the point at infinity (x, y then unused).
@frozen
public struct AffinePoint<F: CurveField>: Equatable, Sendable {
    public var x: F
    public var y: F
    public var infinity: Bool

    public init(x: F, y: F) {
        self.x = x
        self.y = y
        self.infinity = false
    }

    public static var identity: AffinePoint {
        var p = AffinePoint(x: .zero, y: .zero)
        p.infinity = true
        return p
    }

    /// y² = x³ + b (the point at infinity counts as on the curve).
    public var isOnCurve: Bool {
        if infinity { return true }
        return y.squared() == x.squared() * x + F.curveB
    }

    public var jacobian: JacobianPoint<F> {
        if infinity { return .identity }
        return JacobianPoint(x, y, .one)
    }

    public static prefix func - (p: AffinePoint) -> AffinePoint {
        if p.infinity { return p }
        return AffinePoint(x: p.x, y: -p.y)
    }
}

@frozen
public struct JacobianPoint<F: CurveField>: Sendable {
    public var x: F
    public var y: F
    public var z: F

    @inline(__always)
    public init(_ x: F, _ y: F, _ z: F) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static var identity: JacobianPoint { return JacobianPoint(.one, .one, .zero) }

    public var isIdentity: Bool { return z.isZero }

    public var isOnCurve: Bool {
        if isIdentity { return true }
        let z2 = z.squared()
        let z6 = z2.squared() * z2
        return y.squared() == x.squared() * x + F.curveB * z6
    }

    public var affine: AffinePoint<F> {
        if isIdentity { return .identity }
        let zi = z.inverse()
        let zi2 = zi.squared()
        return AffinePoint(x: x * zi2, y: y * zi2 * zi)
    }

    public static prefix func - (p: JacobianPoint) -> JacobianPoint {
        return JacobianPoint(p.x, -p.y, p.z)
    }

    public func doubled() -> JacobianPoint {
        if isIdentity { return self }
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
        return JacobianPoint(x3, y3, z3)
    }

    public static func + (p: JacobianPoint, q: JacobianPoint) -> JacobianPoint {
        if p.isIdentity { return q }
        if q.isIdentity { return p }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        let u1 = p.x * z2z2
        let u2 = q.x * z1z1
        let s1 = p.y * q.z * z2z2
        let s2 = q.y * p.z * z1z1
        let h = u2 - u1
        let rr = (s2 - s1).doubled()
        if h.isZero {
            return rr.isZero ? p.doubled() : .identity
        }
        let i = h.doubled().squared()
        let j = h * i
        let v = u1 * i
        let x3 = rr.squared() - j - v.doubled()
        let y3 = rr * (v - x3) - (s1 * j).doubled()
        let z3 = ((p.z + q.z).squared() - z1z1 - z2z2) * h
        return JacobianPoint(x3, y3, z3)
    }

    public static func - (p: JacobianPoint, q: JacobianPoint) -> JacobianPoint {
        return p + (-q)
    }

    /// k·P by double-and-add (variable time: every scalar here is public).
    public func multiplied(by k: Scalar) -> JacobianPoint {
        var acc = JacobianPoint.identity
        var i = k.highestBit
        while i >= 0 {
            acc = acc.doubled()
            if k.bit(i) { acc = acc + self }
            i -= 1
        }
        return acc
    }

    /// Membership in the order-r subgroup by the definition r·P = O (points must be on the curve).
    public var isInPrimeOrderSubgroup: Bool {
        return multiplied(by: .r).isIdentity
    }

    /// Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.
    public static func == (p: JacobianPoint, q: JacobianPoint) -> Bool {
        if p.isIdentity || q.isIdentity { return p.isIdentity && q.isIdentity }
        let z1z1 = p.z.squared()
        let z2z2 = q.z.squared()
        return p.x * z2z2 == q.x * z1z1 && p.y * z2z2 * q.z == q.y * z1z1 * p.z
    }
}

extension JacobianPoint: Equatable {}
