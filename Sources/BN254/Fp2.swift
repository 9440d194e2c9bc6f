// Quadratic extension F_p2 = F_p[u] / (u^2 + 1)  (EIP-197: "i^2 = -1").
// An element is c0 + c1·u. The sextic non-residue used to build F_p6/F_p12 and the
// twist is ξ = 9 + u (EIP-197 / go-ethereum bn256 convention).

@frozen
public struct Fp2: Equatable, Sendable {
    public var c0: Fp
    public var c1: Fp

    @inline(__always)
    public init(_ c0: Fp, _ c1: Fp) { self.c0 = c0; self.c1 = c1 }

    public static let zero = Fp2(.zero, .zero)
    public static let one = Fp2(.one, .zero)

    public var isZero: Bool { c0.isZero && c1.isZero }

    @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 + b.c0, a.c1 + b.c1) }
    @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { Fp2(a.c0 - b.c0, a.c1 - b.c1) }
    @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { Fp2(-a.c0, -a.c1) }
    @inline(__always)
    public func doubled() -> Fp2 { Fp2(c0.doubled(), c1.doubled()) }
    @inline(__always)
    public func halved() -> Fp2 { Fp2(c0.halved(), c1.halved()) }

    /// Karatsuba: 3 base-field multiplications.
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        let v0 = a.c0 * b.c0
        let v1 = a.c1 * b.c1
        let s = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2(v0 - v1, s - v0 - v1)
    }

    @inline(__always)
    public func mul(by s: Fp) -> Fp2 { Fp2(c0 * s, c1 * s) }

    /// (a + bu)^2 = (a+b)(a-b) + 2ab·u.
    public func squared() -> Fp2 {
        let t = c0 * c1
        return Fp2((c0 + c1) * (c0 - c1), t.doubled())
    }

    /// Multiplication by ξ = 9 + u: (a + bu)(9 + u) = (9a - b) + (a + 9b)u.
    @inline(__always)
    public func mulByXi() -> Fp2 {
        let a2 = c0.doubled(), a4 = a2.doubled(), a8 = a4.doubled()
        let b2 = c1.doubled(), b4 = b2.doubled(), b8 = b4.doubled()
        return Fp2(a8 + c0 - c1, c0 + b8 + c1)
    }

    /// Complex conjugation, which is also the p-power Frobenius on F_p2.
    @inline(__always)
    public func conjugate() -> Fp2 { Fp2(c0, -c1) }

    /// 1 / (a + bu) = (a - bu) / (a^2 + b^2). Zero maps to zero.
    public func inverse() -> Fp2 {
        let n = (c0.squared() + c1.squared()).inverse()
        return Fp2(c0 * n, -(c1 * n))
    }

    /// self^e, exponent as little-endian limbs (variable time).
    public func pow(_ e: [UInt64]) -> Fp2 {
        var result = Fp2.one
        for w in e.reversed() {
            var bit = 63
            while bit >= 0 {
                result = result.squared()
                if (w >> UInt64(bit)) & 1 == 1 { result = result * self }
                bit -= 1
            }
        }
        return result
    }
}
