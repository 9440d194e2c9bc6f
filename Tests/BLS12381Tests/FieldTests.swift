import Testing
@testable import BLS12381
import FieldTower

@Suite struct FieldTests {
    @Test func fpRoundTripAndBounds() throws {
        // p itself and p + 1 are not canonical encodings; p − 1 is.
        #expect(Fp.fromHex("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab") == nil)
        #expect(Fp.fromHex("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac") == nil)
        let pm1 = try #require(Fp.fromHex("0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaaa"))
        #expect(pm1 == -Fp.one)
        #expect(pm1 + Fp.one == Fp.zero)
        let g = "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
        #expect(hex(try #require(Fp.fromHex(g)).bigEndianBytes()) == g)
        #expect(Fp(2) * Fp(3) == Fp(6))
    }

    @Test func fpIdentities() {
        var rng = TestRNG(state: 0x1234_5678_9abc_def1)
        for _ in 0..<50 {
            let a = rng.fp(), b = rng.fp(), c = rng.fp()
            #expect((a + b) * c == a * c + b * c)
            #expect(a - b + b == a)
            #expect(a * a.inverse() == Fp.one)
            #expect(a.squared() == a * a)
            let s = a.squared()
            let r = s.sqrt()
            #expect(r != nil && (r == a || r == -a))
        }
        // −1 is a non-residue since p ≡ 3 mod 4.
        #expect((-Fp.one).sqrt() == nil)
    }

    @Test func fp2Identities() {
        var rng = TestRNG(state: 0xdead_beef_cafe_f00d)
        // u² = −1
        let u = Fp2(.zero, .one)
        #expect(u * u == -Fp2.one)
        for _ in 0..<30 {
            let a = rng.fp2(), b = rng.fp2(), c = rng.fp2()
            #expect((a + b) * c == a * c + b * c)
            #expect(a * b == b * a)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse() == Fp2.one)
            #expect(a.mulByXi() == a * Fp2(.one, .one))
            let r = a.squared().sqrt()
            #expect(r != nil && (r == a || r == -a))
        }
        // ξ = 1 + u is not a square (needed for the tower), while u is.
        #expect(Fp2(.one, .one).sqrt() == nil)
        #expect(u.sqrt() != nil)
    }

    @Test func fp6AndFp12Identities() {
        var rng = TestRNG(state: 42)
        let v = Fp6(.zero, .one, .zero)
        #expect(v * v * v == Fp6(Fp2(.one, .one), .zero, .zero))  // v³ = ξ
        let w = Fp12(.zero, .one)
        #expect(w * w == Fp12(v, .zero))                          // w² = v
        for _ in 0..<10 {
            let a = rng.fp6(), b = rng.fp6(), c = rng.fp6()
            #expect((a + b) * c == a * c + b * c)
            #expect(a.squared() == a * a)
            #expect(a * a.inverse() == Fp6.one)
            #expect(a.mulByV() == a * v)
            let b0 = rng.fp2(), b1 = rng.fp2()
            #expect(a.mulBy01(b0, b1) == a * Fp6(b0, b1, .zero))
            #expect(a.mulBy1(b1) == a * Fp6(.zero, b1, .zero))

            let x = rng.fp12(), y = rng.fp12(), z = rng.fp12()
            #expect((x + y) * z == x * z + y * z)
            #expect(x.squared() == x * x)
            #expect(x * x.inverse() == Fp12.one)
            let l0 = rng.fp2(), l1 = rng.fp2(), l2 = rng.fp2()
            #expect(x.mulBy023(l0, l1, l2) == x * Fp12(Fp6(l0, l1, .zero), Fp6(.zero, l2, .zero)))
        }
    }

    @Test func frobenius() {
        var rng = TestRNG(state: 7)
        let p: [UInt64] = [0xb9fe_ffff_ffff_aaab, 0x1eab_fffe_b153_ffff, 0x6730_d2a0_f6b0_f624,
                           0x6477_4b84_f385_12bf, 0x4b1b_a7b6_434b_acd7, 0x1a01_11ea_397f_e69a]
        let a = rng.fp12()
        // Frobenius is x ↦ x^p; check against a direct power, and its orders 6 (conjugation) and 12.
        var ap = Fp12.one
        for limb in p.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                ap = ap.squared()
                if (limb >> UInt64(bit)) & 1 == 1 { ap = ap * a }
            }
        }
        #expect(a.frobenius() == ap)
        #expect(a.frobenius(6) == a.conjugate())
        #expect(a.frobenius(12) == a)
        // On the subfield Fp6 (c1 = 0) the p-power map has order 6.
        let b = Fp12(rng.fp6(), .zero)
        #expect(b.frobenius(3) != b)
        #expect(b.frobenius(6) == b)
    }

    @Test func cyclotomicSquaring() {
        var rng = TestRNG(state: 99)
        for _ in 0..<5 {
            let f = rng.fp12()
            // Map into the cyclotomic subgroup with the easy part f^((p⁶−1)(p²+1)).
            var t = f.conjugate() * f.inverse()
            t = t.frobenius(2) * t
            #expect(t.cyclotomicSquared() == t.squared())
            #expect(t.conjugate() * t == Fp12.one)
        }
    }
}
