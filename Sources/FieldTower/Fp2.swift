// Quadratic extension Fp2 = Fp[u] / (u² + 1); an element is c0 + c1·u. Both BN254 (EIP-197:
// "i² = −1") and BLS12-381 (IETF draft-irtf-cfrg-pairing-friendly-curves) build it this way.

@frozen
public struct Fp2Of<F: TowerBaseField>: Field {
    public var c0: F
    public var c1: F

    @inlinable @inline(__always)
    public init(_ c0: F, _ c1: F) { self.c0 = c0; self.c1 = c1 }

    @inlinable public static var zero: Fp2Of { Fp2Of(.zero, .zero) }
    @inlinable public static var one: Fp2Of { Fp2Of(.one, .zero) }

    @inlinable public var isZero: Bool { c0.isZero && c1.isZero }

    @inlinable @inline(__always)
    public static func == (a: Fp2Of, b: Fp2Of) -> Bool { a.c0 == b.c0 && a.c1 == b.c1 }

    @inlinable @inline(__always)
    public static func + (a: Fp2Of, b: Fp2Of) -> Fp2Of { Fp2Of(a.c0 + b.c0, a.c1 + b.c1) }
    @inlinable @inline(__always)
    public static func - (a: Fp2Of, b: Fp2Of) -> Fp2Of { Fp2Of(a.c0 - b.c0, a.c1 - b.c1) }
    @inlinable @inline(__always)
    public static prefix func - (a: Fp2Of) -> Fp2Of { Fp2Of(-a.c0, -a.c1) }
    @inlinable @inline(__always)
    public static func += (a: inout Fp2Of, b: Fp2Of) { a = a + b }
    @inlinable @inline(__always)
    public static func -= (a: inout Fp2Of, b: Fp2Of) { a = a - b }
    @inlinable @inline(__always)
    public static func *= (a: inout Fp2Of, b: Fp2Of) { a = a * b }

    @inlinable @inline(__always)
    public func doubled() -> Fp2Of { Fp2Of(c0.doubled(), c1.doubled()) }

    /// Karatsuba: (a0 + a1u)(b0 + b1u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)u.
    @inlinable
    public static func * (a: Fp2Of, b: Fp2Of) -> Fp2Of {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let t2 = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2Of(t0 - t1, t2 - t0 - t1)
    }

    /// Multiplication by an element of the base field.
    @inlinable @inline(__always)
    public func scaled(by s: F) -> Fp2Of { Fp2Of(c0 * s, c1 * s) }

    /// (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u.
    @inlinable
    public func squared() -> Fp2Of {
        let a = (c0 + c1) * (c0 - c1)
        let b = c0 * c1
        return Fp2Of(a, b.doubled())
    }

    /// Multiplication by the curve's sextic non-residue ξ.
    @inlinable @inline(__always)
    public func mulByXi() -> Fp2Of { F.mulByXi(self) }

    /// Complex conjugation, which is also the p-power Frobenius map on Fp2.
    @inlinable @inline(__always)
    public func conjugate() -> Fp2Of { Fp2Of(c0, -c1) }

    /// Norm c0² + c1² (in Fp).
    @inlinable
    public func norm() -> F { c0.squared() + c1.squared() }

    /// 1 / (c0 + c1u) = (c0 − c1u) / (c0² + c1²); zero maps to zero.
    @inlinable
    public func inverse() -> Fp2Of {
        let n = norm().inverse()
        return Fp2Of(c0 * n, -(c1 * n))
    }
}
