// Points of G1 (over Fp) and G2 (over Fp2) on y² = x³ + b, a = 0. Doubling and addition are
// FieldTower's Jacobian formulas; what is BLS12-381's own: b, affine points with an infinity
// flag (the compressed encoding's view), scalars and the subgroup check.

import FieldTower

/// The fields BLS12-381's points live over, with the constant b of the curve over each.
public protocol CurveField: Field {
    /// The constant b of the curve over this field (4 for G1, 4(1 + u) for the G2 twist).
    static var curveB: Self { get }
}

extension Fp: CurveField {
    /// E: y² = x³ + 4.
    public static let curveB = Fp(4)
}

extension Fp2Of: CurveField where F == Fp {
    /// E': y² = x³ + 4(1 + u).
    public static var curveB: Fp2 { twistB }
}

/// 4(1 + u); a global because generic types (Fp2 is Fp2Of<Fp>) hold no stored statics.
private let twistB = Fp2(Fp(4), Fp(4))

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
        if infinity { return .infinity }
        return JacobianPoint(affineX: x, y: y)
    }

    public static prefix func - (p: AffinePoint) -> AffinePoint {
        if p.infinity { return p }
        return AffinePoint(x: p.x, y: -p.y)
    }
}

extension JacobianPoint where F: CurveField {
    public var isOnCurve: Bool {
        if isInfinity { return true }
        let z2 = z.squared()
        let z6 = z2.squared() * z2
        return y.squared() == x.squared() * x + F.curveB * z6
    }

    public var affine: AffinePoint<F> {
        guard let a = affineCoordinates() else { return .identity }
        return AffinePoint(x: a.x, y: a.y)
    }

    /// k·P by double-and-add (variable time: every scalar here is public).
    public func multiplied(by k: Scalar) -> JacobianPoint {
        var acc = JacobianPoint.infinity
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
        return multiplied(by: .r).isInfinity
    }
}
