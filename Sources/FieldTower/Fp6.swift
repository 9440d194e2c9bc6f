// Cubic extension Fp6 = Fp2[v] / (v³ − ξ); an element is c0 + c1·v + c2·v².

@frozen
public struct Fp6Of<F: TowerBaseField>: Equatable, Sendable {
    public var c0: Fp2Of<F>
    public var c1: Fp2Of<F>
    public var c2: Fp2Of<F>

    @inlinable @inline(__always)
    public init(_ c0: Fp2Of<F>, _ c1: Fp2Of<F>, _ c2: Fp2Of<F>) { self.c0 = c0; self.c1 = c1; self.c2 = c2 }

    @inlinable public static var zero: Fp6Of { Fp6Of(.zero, .zero, .zero) }
    @inlinable public static var one: Fp6Of { Fp6Of(.one, .zero, .zero) }

    @inlinable public var isZero: Bool { c0.isZero && c1.isZero && c2.isZero }

    @inlinable
    public static func == (a: Fp6Of, b: Fp6Of) -> Bool { a.c0 == b.c0 && a.c1 == b.c1 && a.c2 == b.c2 }

    @inlinable
    public static func + (a: Fp6Of, b: Fp6Of) -> Fp6Of { Fp6Of(a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2) }
    @inlinable
    public static func - (a: Fp6Of, b: Fp6Of) -> Fp6Of { Fp6Of(a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2) }
    @inlinable
    public static prefix func - (a: Fp6Of) -> Fp6Of { Fp6Of(-a.c0, -a.c1, -a.c2) }

    @inlinable
    public func doubled() -> Fp6Of { Fp6Of(c0.doubled(), c1.doubled(), c2.doubled()) }

    /// Karatsuba-style product (Devegili, Ó hÉigeartaigh, Scott, Dahab, "Multiplication and
    /// squaring on pairing-friendly fields", section 4): 6 Fp2 multiplications.
    @inlinable
    public static func * (a: Fp6Of, b: Fp6Of) -> Fp6Of {
        let t0 = a.c0 * b.c0
        let t1 = a.c1 * b.c1
        let t2 = a.c2 * b.c2
        let r0 = ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mulByXi() + t0
        let r1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mulByXi()
        let r2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1
        return Fp6Of(r0, r1, r2)
    }

    /// Squaring, CH-SQR2 of Chung and Hasan.
    @inlinable
    public func squared() -> Fp6Of {
        let s0 = c0.squared()
        let s1 = (c0 * c1).doubled()
        let s2 = (c0 - c1 + c2).squared()
        let s3 = (c1 * c2).doubled()
        let s4 = c2.squared()
        return Fp6Of(s3.mulByXi() + s0, s4.mulByXi() + s1, s1 + s2 + s3 - s0 - s4)
    }

    /// Multiplication by an Fp2 scalar.
    @inlinable
    public func scaled(by s: Fp2Of<F>) -> Fp6Of { Fp6Of(c0 * s, c1 * s, c2 * s) }

    /// Multiplication by v: (c0 + c1v + c2v²)·v = ξc2 + c0·v + c1·v².
    @inlinable
    public func mulByV() -> Fp6Of { Fp6Of(c2.mulByXi(), c0, c1) }

    /// Product with a sparse element b0 + b1·v (b2 = 0).
    @inlinable
    public func mulBy01(_ b0: Fp2Of<F>, _ b1: Fp2Of<F>) -> Fp6Of {
        let t0 = c0 * b0
        let t1 = c1 * b1
        let r0 = ((c1 + c2) * b1 - t1).mulByXi() + t0
        let r1 = (c0 + c1) * (b0 + b1) - t0 - t1
        let r2 = (c0 + c2) * b0 - t0 + t1
        return Fp6Of(r0, r1, r2)
    }

    /// Product with a sparse element b1·v.
    @inlinable
    public func mulBy1(_ b1: Fp2Of<F>) -> Fp6Of {
        Fp6Of((c2 * b1).mulByXi(), c0 * b1, c1 * b1)
    }

    @inlinable
    public func inverse() -> Fp6Of {
        let a = c0.squared() - (c1 * c2).mulByXi()
        let b = c2.squared().mulByXi() - c0 * c1
        let c = c1.squared() - c0 * c2
        let f = c0 * a + (c2 * b + c1 * c).mulByXi()
        let fi = f.inverse()
        return Fp6Of(a * fi, b * fi, c * fi)
    }
}
