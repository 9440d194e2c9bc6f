// Quadratic extension Fp2 = Fp[u] / (u² + 1). Elements are c0 + c1·u.
// The sextic non-residue used to build Fp6 and the twist is ξ = 1 + u
// (IETF draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 section).

@frozen
public struct Fp2: Equatable, Sendable {
    public var c0: Fp
    public var c1: Fp

    @inline(__always)
    public init(_ c0: Fp, _ c1: Fp) {
        self.c0 = c0
        self.c1 = c1
    }

    public static let zero = Fp2(.zero, .zero)
    public static let one = Fp2(.one, .zero)

    public var isZero: Bool { return c0.isZero && c1.isZero }

    @inline(__always)
    public static func + (a: Fp2, b: Fp2) -> Fp2 { return Fp2(a.c0 + b.c0, a.c1 + b.c1) }
    @inline(__always)
    public static func - (a: Fp2, b: Fp2) -> Fp2 { return Fp2(a.c0 - b.c0, a.c1 - b.c1) }
    @inline(__always)
    public static prefix func - (a: Fp2) -> Fp2 { return Fp2(-a.c0, -a.c1) }
    @inline(__always)
    public static func += (a: inout Fp2, b: Fp2) { a = a + b }
    @inline(__always)
    public static func -= (a: inout Fp2, b: Fp2) { a = a - b }
    @inline(__always)
    public static func *= (a: inout Fp2, b: Fp2) { a = a * b }

    @inline(__always)
    public func doubled() -> Fp2 { return Fp2(c0.doubled(), c1.doubled()) }

    /// Karatsuba: (a0 + a1u)(b0 + b1u) = (a0b0 − a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)u.
    @inline(__always)
    public static func * (a: Fp2, b: Fp2) -> Fp2 {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let t2 = (a.c0 + a.c1) * (b.c0 + b.c1)
        return Fp2(t0 - t1, t2 - t0 - t1)
    }

    /// Multiplication by an element of the base field.
    @inline(__always)
    public func scaled(by s: Fp) -> Fp2 { return Fp2(c0 * s, c1 * s) }

    /// (a0 + a1u)² = (a0 + a1)(a0 − a1) + 2a0a1·u.
    @inline(__always)
    public func squared() -> Fp2 {
        let a = (c0 + c1) * (c0 - c1)
        let b = c0 * c1
        return Fp2(a, b.doubled())
    }

    /// Multiplication by ξ = 1 + u: (c0 − c1) + (c0 + c1)u.
    @inline(__always)
    public func mulByNonResidue() -> Fp2 { return Fp2(c0 - c1, c0 + c1) }

    /// Complex conjugate, which is also the p-power Frobenius map on Fp2.
    @inline(__always)
    public func conjugate() -> Fp2 { return Fp2(c0, -c1) }

    /// Norm c0² + c1² (in Fp).
    public func norm() -> Fp { return c0.squared() + c1.squared() }

    /// Inverse (zero maps to zero): conj(a) / (c0² + c1²).
    public func inverse() -> Fp2 {
        let n = norm().inverse()
        return Fp2(c0 * n, -(c1 * n))
    }

    /// self^e for a little-endian limb exponent (variable time).
    public func pow(_ e: [UInt64]) -> Fp2 {
        var result = Fp2.one
        var i = e.count - 1
        while i >= 0 {
            var bit = 63
            while bit >= 0 {
                result = result.squared()
                if (e[i] >> UInt64(bit)) & 1 == 1 { result = result * self }
                bit -= 1
            }
            i -= 1
        }
        return result
    }

    /// A square root if one exists. Algorithm 9 of Adj and Rodríguez-Henríquez, "Square root
    /// computation over even extension fields" (p ≡ 3 mod 4), followed by an explicit check.
    public func sqrt() -> Fp2? {
        if isZero { return .zero }
        let a1 = pow(Fp.expPMinus3Div4)
        let alpha = a1.squared() * self
        let x0 = a1 * self
        let candidate: Fp2
        if alpha == -Fp2.one {
            // x = u · x0
            candidate = Fp2(-x0.c1, x0.c0)
        } else {
            let b = (Fp2.one + alpha).pow(Fp.expPMinus1Div2)
            candidate = b * x0
        }
        return candidate.squared() == self ? candidate : nil
    }

    /// ZCash serialisation sign: compare c1 unless it is zero, then c0.
    public var isLexicographicallyLargest: Bool {
        if !c1.isZero { return c1.isLexicographicallyLargest }
        return c0.isLexicographicallyLargest
    }
}
