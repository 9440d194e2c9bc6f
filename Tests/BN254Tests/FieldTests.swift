import Testing
@testable import BN254
import FieldTower

func randomFp(_ g: inout SplitMix) -> Fp {
    // Reduce by taking the top limb small enough to be < p.
    Fp(canonical: g.next(), g.next(), g.next(), g.next() & 0x0fff_ffff_ffff_ffff)!
}
func randomFp2(_ g: inout SplitMix) -> Fp2 { Fp2(randomFp(&g), randomFp(&g)) }
func randomFp6(_ g: inout SplitMix) -> Fp6 { Fp6(randomFp2(&g), randomFp2(&g), randomFp2(&g)) }
func randomFp12(_ g: inout SplitMix) -> Fp12 { Fp12(randomFp6(&g), randomFp6(&g)) }

let pLimbs: [UInt64] = [P0, P1, P2, P3]

func pow12(_ a: Fp12, _ e: [UInt64]) -> Fp12 {
    var r = Fp12.one
    for w in e.reversed() {
        for bit in stride(from: 63, through: 0, by: -1) {
            r = r.squared()
            if (w >> UInt64(bit)) & 1 == 1 { r = r * a }
        }
    }
    return r
}

@Suite struct FieldTests {
    @Test func montgomeryConstants() {
        // Fp.one is R mod p: its canonical value must be 1.
        #expect(Fp.one.canonicalLimbs == (1, 0, 0, 0))
        #expect(Fp(7).canonicalLimbs == (7, 0, 0, 0))
        // PInv: p * PInv == -1 mod 2^64.
        #expect(P0 &* PInv == UInt64.max)
        // R^2 is consistent: entering and leaving Montgomery form round-trips.
        let big = Fp(canonical: 0x1234_5678_9abc_def0, 0x0fed_cba9_8765_4321, 0x1111_2222_3333_4444, 0x0102_0304_0506_0708)!
        #expect(big.canonicalLimbs == (0x1234_5678_9abc_def0, 0x0fed_cba9_8765_4321, 0x1111_2222_3333_4444, 0x0102_0304_0506_0708))
        // p - 1 is the largest element, p is rejected.
        let pm1 = Fp(canonical: P0 - 1, P1, P2, P3)!
        #expect(pm1 + Fp.one == Fp.zero)
        #expect(pm1 == -Fp.one)
        #expect(pm1 * pm1 == Fp.one)
        #expect(Fp(canonical: P0, P1, P2, P3) == nil)
        #expect(Fp(canonical: .max, .max, .max, .max) == nil)
    }

    @Test func fpArithmetic() {
        var g = SplitMix(state: 1)
        for _ in 0..<200 {
            let a = randomFp(&g), b = randomFp(&g), c = randomFp(&g)
            #expect((a + b) - b == a)
            #expect(a * (b + c) == a * b + a * c)
            #expect((a * b) * c == a * (b * c))
            #expect(a.halved().doubled() == a)
            #expect(a + (-a) == .zero)
            if !a.isZero { #expect(a * a.inverse() == .one) }
        }
        // 2^-1 * 2 = 1; inverse of zero is zero.
        #expect(Fp(2).inverse() * Fp(2) == .one)
        #expect(Fp.zero.inverse() == .zero)
    }

    /// FieldTower's square-and-multiply `pow` (shared by Fp and Fp2 of both curves) against
    /// products written out, a two-limb exponent against 64 squarings, and Fermat's little
    /// theorem a^(p−1) = 1 across all four limbs.
    @Test func powMatchesRepeatedMultiplication() {
        var g = SplitMix(state: 11)
        for _ in 0..<8 {
            let a = randomFp(&g)
            #expect(a.pow([5]) == a * a * a * a * a)
            var s = a
            for _ in 0..<64 { s = s * s }
            #expect(a.pow([0, 1]) == s)
            if !a.isZero { #expect(a.pow([P0 &- 1, P1, P2, P3]) == .one) }
            let b = randomFp2(&g)
            #expect(b.pow([3]) == b * b * b)
            #expect(b.pow([]) == .one)
        }
    }

    @Test func extensionFields() {
        var g = SplitMix(state: 2)
        let u = Fp2(.zero, .one)
        #expect(u * u == -Fp2.one)
        let xi = Fp2(Fp(9), Fp(1))
        for _ in 0..<30 {
            let a = randomFp2(&g), b = randomFp2(&g)
            #expect(a.squared() == a * a)
            #expect(a.mulByXi() == a * xi)
            #expect(a * a.inverse() == .one)
            #expect((a * b).conjugate() == a.conjugate() * b.conjugate())
            let a6 = randomFp6(&g), b6 = randomFp6(&g)
            #expect((a6 * b6) * a6 == a6 * (b6 * a6))
            #expect(a6.squared() == a6 * a6)
            #expect(a6 * a6.inverse() == .one)
            #expect(a6.mulByV() == a6 * Fp6(.zero, .one, .zero))
            #expect(a6.mulBy01(a, b) == a6 * Fp6(a, b, .zero))
            // v^3 = ξ
            let v = Fp6(.zero, .one, .zero)
            #expect(v * v * v == Fp6(xi, .zero, .zero))
            let a12 = randomFp12(&g), b12 = randomFp12(&g)
            #expect(a12.squared() == a12 * a12)
            #expect(a12 * a12.inverse() == .one)
            #expect((a12 * b12) * a12 == a12 * (b12 * a12))
            let c = randomFp2(&g)
            #expect(a12.mulBy013(a, b, c) == a12 * Fp12(Fp6(a, .zero, .zero), Fp6(b, c, .zero)))
            // w^2 = v
            let w = Fp12(.zero, .one)
            #expect(w * w == Fp12(v, .zero))
        }
    }

    @Test func frobenius() {
        var g = SplitMix(state: 3)
        for _ in 0..<3 {
            let a = randomFp12(&g)
            let ap = pow12(a, pLimbs)
            #expect(a.frobenius() == ap)
            #expect(a.frobenius2() == ap.frobenius())
            #expect(a.frobenius3() == a.frobenius2().frobenius())
            // p^6-power Frobenius equals conjugation.
            #expect(a.frobenius3().frobenius3() == a.conjugate())
        }
    }

    @Test func ateLoopDigits() {
        // Σ d_i 2^i == 6x + 2 = 29793968203157093288, with no two adjacent non-zero digits.
        var lo: UInt64 = 0, hi: Int64 = 0  // two-word signed accumulator
        for (i, d) in ateLoopNAF.enumerated().reversed() {
            _ = i
            // acc = 2*acc + d
            hi = hi << 1 | Int64(lo >> 63)
            lo <<= 1
            if d == 1 { let (s, o) = lo.addingReportingOverflow(1); lo = s; if o { hi += 1 } }
            if d == -1 { let (s, o) = lo.subtractingReportingOverflow(1); lo = s; if o { hi -= 1 } }
        }
        #expect(hi == 1 && lo == 0x9d79_7039_be76_3ba8)
        for i in 1..<ateLoopNAF.count { #expect(ateLoopNAF[i] == 0 || ateLoopNAF[i - 1] == 0) }
    }
}

@Suite struct CyclotomicTests {
    @Test func cyclotomicSquaringMatchesGeneric() {
        var g = SplitMix(state: 11)
        for _ in 0..<10 {
            let r = randomFp12(&g)
            // Project into the cyclotomic subgroup with the easy part of the final exponentiation.
            var f = r.conjugate() * r.inverse()
            f = f.frobenius2() * f
            #expect(f.cyclotomicSquared() == f.squared())
            #expect(f.cyclotomicSquared().cyclotomicSquared() == f.squared().squared())
        }
    }
}
