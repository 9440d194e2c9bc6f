// Quadratic extension Fp12 = Fp6[w] / (w² − v); an element is c0 + c1·w, and w⁶ = ξ.
// Read as Fp2[w] / (w⁶ − ξ), the Fp2 coefficient of w^i is
//   i=0: c0.c0   i=1: c1.c0   i=2: c0.c1   i=3: c1.c1   i=4: c0.c2   i=5: c1.c2,
// which names the sparse products (mulBy013, mulBy023) and the Frobenius map below.

@frozen
public struct Fp12Of<F: TowerBaseField>: Equatable, Sendable {
    public var c0: Fp6Of<F>
    public var c1: Fp6Of<F>

    @inlinable @inline(__always)
    public init(_ c0: Fp6Of<F>, _ c1: Fp6Of<F>) { self.c0 = c0; self.c1 = c1 }

    @inlinable public static var zero: Fp12Of { Fp12Of(.zero, .zero) }
    @inlinable public static var one: Fp12Of { Fp12Of(.one, .zero) }

    @inlinable public var isOne: Bool { self == Fp12Of.one }

    @inlinable
    public static func == (a: Fp12Of, b: Fp12Of) -> Bool { a.c0 == b.c0 && a.c1 == b.c1 }

    @inlinable
    public static func + (a: Fp12Of, b: Fp12Of) -> Fp12Of { Fp12Of(a.c0 + b.c0, a.c1 + b.c1) }
    @inlinable
    public static func - (a: Fp12Of, b: Fp12Of) -> Fp12Of { Fp12Of(a.c0 - b.c0, a.c1 - b.c1) }

    /// Karatsuba: (a0 + a1w)(b0 + b1w) = (a0b0 + v·a1b1) + ((a0 + a1)(b0 + b1) − a0b0 − a1b1)w.
    @inlinable
    public static func * (a: Fp12Of, b: Fp12Of) -> Fp12Of {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1
        return Fp12Of(t0 + t1.mulByV(), r1)
    }

    @inlinable
    public static func *= (a: inout Fp12Of, b: Fp12Of) { a = a * b }

    /// Complex squaring: (a0 + a1w)² = ((a0 + a1)(a0 + v·a1) − a0a1 − v·a0a1) + 2a0a1·w.
    @inlinable
    public func squared() -> Fp12Of {
        let ab = c0 * c1
        let t = (c0 + c1) * (c0 + c1.mulByV()) - ab - ab.mulByV()
        return Fp12Of(t, ab.doubled())
    }

    /// Conjugation c0 − c1w = the p⁶-power Frobenius; the inverse on the cyclotomic subgroup
    /// (after the easy part of the final exponentiation).
    @inlinable
    public func conjugate() -> Fp12Of { Fp12Of(c0, -c1) }

    @inlinable
    public func inverse() -> Fp12Of {
        let t = (c0.squared() - c1.squared().mulByV()).inverse()
        return Fp12Of(c0 * t, -(c1 * t))
    }

    /// Product with a sparse a + b·w + c·w³: the line shape of a D-type twist (BN254).
    @inlinable
    public func mulBy013(_ a: Fp2Of<F>, _ b: Fp2Of<F>, _ c: Fp2Of<F>) -> Fp12Of {
        let t0 = c0.scaled(by: a)
        let t1 = c1.mulBy01(b, c)
        let r1 = (c0 + c1).mulBy01(a + b, c) - t0 - t1
        return Fp12Of(t0 + t1.mulByV(), r1)
    }

    /// Product with a sparse a + b·w² + c·w³: the line shape of an M-type twist (BLS12-381).
    @inlinable
    public func mulBy023(_ a: Fp2Of<F>, _ b: Fp2Of<F>, _ c: Fp2Of<F>) -> Fp12Of {
        let t0 = c0.mulBy01(a, b)
        let t1 = c1.mulBy1(c)
        let r1 = (c0 + c1).mulBy01(a, b + c) - t0 - t1
        return Fp12Of(t0 + t1.mulByV(), r1)
    }

    /// The p^k-power Frobenius from its coefficients γ_i = ξ^(i(p^k − 1)/6), i = 1…5:
    /// (w^i)^(p^k) = γ_i·w^i, and each Fp2 coefficient is conjugated when k is odd.
    @inlinable
    public func frobenius(conjugating: Bool, _ g: (Fp2Of<F>, Fp2Of<F>, Fp2Of<F>, Fp2Of<F>, Fp2Of<F>)) -> Fp12Of {
        @inline(__always) func f(_ a: Fp2Of<F>) -> Fp2Of<F> { conjugating ? a.conjugate() : a }
        return Fp12Of(Fp6Of(f(c0.c0), f(c0.c1) * g.1, f(c0.c2) * g.3),
                    Fp6Of(f(c1.c0) * g.0, f(c1.c1) * g.2, f(c1.c2) * g.4))
    }

    /// Squaring in the cyclotomic subgroup (Granger–Scott, "Faster squaring in the cyclotomic
    /// subgroup of sixth degree extensions", PKC 2010); only valid there.
    /// View Fp12 = Fp4[t]/(t³ − s), Fp4 = Fp2[s]/(s² − ξ), s = w³, t = w: f = A + B·t + C·t² with
    ///   A = c0.c0 + c1.c1·s,  B = c1.c0 + c0.c2·s,  C = c0.c1 + c1.c2·s,
    /// and f² = (3A² − 2Ā) + (3s·C² + 2B̄)·t + (3B² − 2C̄)·t², where ¯ is s ↦ −s.
    @inlinable
    public func cyclotomicSquared() -> Fp12Of {
        // Fp4 squaring: (x + y s)² = (x² + ξ y²) + ((x + y)² − x² − y²) s.
        @inline(__always)
        func sq4(_ x: Fp2Of<F>, _ y: Fp2Of<F>) -> (Fp2Of<F>, Fp2Of<F>) {
            let t0 = x.squared(), t1 = y.squared()
            return (t0 + t1.mulByXi(), (x + y).squared() - t0 - t1)
        }
        let (a0, a1) = sq4(c0.c0, c1.c1)
        let (b0, b1) = sq4(c1.c0, c0.c2)
        let (cc0, cc1) = sq4(c0.c1, c1.c2)
        // A' = 3A² − 2Ā
        let na0 = (a0 - c0.c0).doubled() + a0
        let na1 = (a1 + c1.c1).doubled() + a1
        // B' = 3s·C² + 2B̄, with s·(x + y s) = ξy + x s
        let sc0 = cc1.mulByXi()
        let nb0 = (sc0 + c1.c0).doubled() + sc0
        let nb1 = (cc0 - c0.c2).doubled() + cc0
        // C' = 3B² − 2C̄
        let nc0 = (b0 - c0.c1).doubled() + b0
        let nc1 = (b1 + c1.c2).doubled() + b1
        return Fp12Of(Fp6Of(na0, nc0, nb1), Fp6Of(nb0, na1, nc1))
    }
}
