// Quadratic extension Fp12 = Fp6[w] / (w² − v). Elements are c0 + c1·w; w⁶ = ξ = 1 + u.

@frozen
public struct Fp12: Equatable, Sendable {
    public var c0: Fp6
    public var c1: Fp6

    @inline(__always)
    public init(_ c0: Fp6, _ c1: Fp6) {
        self.c0 = c0
        self.c1 = c1
    }

    public static let zero = Fp12(.zero, .zero)
    public static let one = Fp12(.one, .zero)

    public var isOne: Bool { return self == Fp12.one }

    @inline(__always)
    public static func + (a: Fp12, b: Fp12) -> Fp12 { return Fp12(a.c0 + b.c0, a.c1 + b.c1) }
    @inline(__always)
    public static func - (a: Fp12, b: Fp12) -> Fp12 { return Fp12(a.c0 - b.c0, a.c1 - b.c1) }

    /// Karatsuba: (a0 + a1w)(b0 + b1w) = (a0b0 + v·a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)w.
    @inline(__always)
    public static func * (a: Fp12, b: Fp12) -> Fp12 {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1
        return Fp12(t0 + t1.mulByV(), r1)
    }

    @inline(__always)
    public static func *= (a: inout Fp12, b: Fp12) { a = a * b }

    /// Complex squaring: (a0 + a1w)² = ((a0 + a1)(a0 + v·a1) − a0a1 − v·a0a1) + 2a0a1·w.
    @inline(__always)
    public func squared() -> Fp12 {
        let ab = c0 * c1
        let t = (c0 + c1) * (c0 + c1.mulByV()) - ab - ab.mulByV()
        return Fp12(t, ab.doubled())
    }

    /// Product with a sparse element whose c0 = (b00, b01, 0) and c1 = (0, b11, 0) — the shape
    /// of a Miller-loop line evaluation (see Pairing.swift).
    @inline(__always)
    public func mulByLine(_ b00: Fp2, _ b01: Fp2, _ b11: Fp2) -> Fp12 {
        let t0 = c0.mulBy01(b00, b01)
        let t1 = c1.mulBy1(b11)
        let r1 = (c0 + c1).mulBy01(b00, b01 + b11) - t0 - t1
        return Fp12(t0 + t1.mulByV(), r1)
    }

    /// Conjugation a0 − a1w, which is the p⁶-power Frobenius; equals the inverse on the
    /// cyclotomic subgroup (after the easy part of the final exponentiation).
    @inline(__always)
    public func conjugate() -> Fp12 { return Fp12(c0, -c1) }

    public func inverse() -> Fp12 {
        let t = (c0.squared() - c1.squared().mulByV()).inverse()
        return Fp12(c0 * t, -(c1 * t))
    }

    /// p-power Frobenius: (c0 + c1w)^p = c0^p + c1^p · γ1 · w with γ1 = ξ^((p−1)/6).
    public func frobenius() -> Fp12 {
        return Fp12(c0.frobenius(), c1.frobenius().scaled(by: Frobenius.gamma1))
    }

    public func frobenius(_ n: Int) -> Fp12 {
        var r = self
        for _ in 0..<n { r = r.frobenius() }
        return r
    }

    /// Cyclotomic squaring (Granger–Scott, "Faster squaring in the cyclotomic subgroup of sixth
    /// degree extensions"), valid only for elements of the cyclotomic subgroup.
    public func cyclotomicSquared() -> Fp12 {
        // View the element as three Fp4 = Fp2[w³]-pairs: (c0.c0, c1.c1), (c1.c0, c0.c2), (c0.c1, c1.c2).
        @inline(__always)
        func fp4Square(_ a: Fp2, _ b: Fp2) -> (Fp2, Fp2) {
            // (a + b·s)² with s² = ξ: (a² + ξb², 2ab), computed as in Granger–Scott.
            let t0 = a.squared()
            let t1 = b.squared()
            let r0 = t1.mulByNonResidue() + t0
            let r1 = (a + b).squared() - t0 - t1
            return (r0, r1)
        }
        let z0 = c0.c0, z4 = c0.c1, z3 = c0.c2
        let z2 = c1.c0, z1 = c1.c1, z5 = c1.c2

        let (a0, a1) = fp4Square(z0, z1)
        let (b0, b1) = fp4Square(z2, z3)
        let (d0, d1) = fp4Square(z4, z5)

        // z0' = 3a0 − 2z0, z1' = 3a1 + 2z1
        let n0 = (a0 - z0).doubled() + a0
        let n1 = (a1 + z1).doubled() + a1
        // z2' = 3ξd1 + 2z2, z3' = 3d0 − 2z3
        let xd1 = d1.mulByNonResidue()
        let n2 = (xd1 + z2).doubled() + xd1
        let n3 = (d0 - z3).doubled() + d0
        // z4' = 3b0 − 2z4, z5' = 3b1 + 2z5
        let n4 = (b0 - z4).doubled() + b0
        let n5 = (b1 + z5).doubled() + b1

        return Fp12(Fp6(n0, n4, n3), Fp6(n2, n1, n5))
    }
}
