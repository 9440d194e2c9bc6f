import Testing
@testable import BLS12381
import FieldTower

/// Encodings from the ZCash BLS12-381 serialisation format: the compressed generators as
/// published in zkcrypto/bls12_381 tests and the consensus-specs (G1: the `G1` constant of the
/// polynomial-commitments tests; G2: the first g2_monomial point of the KZG trusted setup).
let g1GeneratorCompressed = "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
let g2GeneratorCompressed = "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"
/// [2]G1, compressed (the "twos polynomial" commitment in the c-kzg verify_kzg_proof vectors,
/// also `H_BYTES` = g·2 in public BLS test suites).
let g1TimesTwoCompressed = "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e"
/// consensus-specs tests: P1_NOT_IN_G1 (on the curve, outside the subgroup) and P1_NOT_ON_CURVE.
let g1NotInSubgroup = "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
let g1NotOnCurve = "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0"

@Suite struct CurveTests {
    @Test func generatorsOnCurveWithOrderR() {
        let g1 = G1.generator.jacobian
        #expect(G1.generator.isOnCurve)
        #expect(g1.isInPrimeOrderSubgroup)
        #expect(!g1.isInfinity)
        let g2 = G2.generator.jacobian
        #expect(G2.generator.isOnCurve)
        #expect(g2.isInPrimeOrderSubgroup)
        #expect(!g2.isInfinity)
    }

    @Test func groupLaw() {
        var rng = TestRNG(state: 5)
        let g = G1.generator.jacobian
        let a = rng.scalar(), b = rng.scalar()
        let pa = g.multiplied(by: a), pb = g.multiplied(by: b)
        #expect(pa + pb == pb + pa)
        #expect((pa + pb) + g == pa + (pb + g))
        #expect(pa + pa == pa.doubled())
        #expect(pa - pa == G1Projective.infinity)
        #expect(pa.isOnCurve && (pa + pb).isOnCurve)
        #expect(pa.affine.jacobian == pa)
        let q = G2.generator.jacobian
        let qa = q.multiplied(by: a), qb = q.multiplied(by: b)
        #expect(qa + qb == qb + qa)
        #expect(qa + qa == qa.doubled())
        #expect((qa + qb).isOnCurve)
        // (r − 1)·G = −G
        var rm1 = Scalar.r
        rm1.w0 -= 1
        #expect(g.multiplied(by: rm1) == -g)
        #expect(q.multiplied(by: rm1) == -q)
    }

    @Test func generatorEncodings() throws {
        let g1 = try #require(Compression.decodeG1(try hexBytes(g1GeneratorCompressed)))
        #expect(g1 == G1.generator)
        #expect(hex(Compression.encodeG1(G1.generator)) == g1GeneratorCompressed)
        let g2 = try #require(Compression.decodeG2(try hexBytes(g2GeneratorCompressed)))
        #expect(g2 == G2.generator)
        #expect(hex(Compression.encodeG2(G2.generator)) == g2GeneratorCompressed)
        let two = try #require(Compression.decodeG1(try hexBytes(g1TimesTwoCompressed)))
        #expect(two.jacobian == G1.generator.jacobian.doubled())
        // Infinity.
        let inf1 = [UInt8(0xc0)] + [UInt8](repeating: 0, count: 47)
        #expect(Compression.decodeG1(inf1)?.infinity == true)
        let inf2 = [UInt8(0xc0)] + [UInt8](repeating: 0, count: 95)
        #expect(Compression.decodeG2(inf2)?.infinity == true)
        // The opposite sign flag gives the negated generator.
        var neg = try hexBytes(g1GeneratorCompressed)
        neg[0] ^= 0x20
        #expect(Compression.decodeG1(neg) == -G1.generator)
    }

    @Test func invalidG1Encodings() throws {
        let gen = try hexBytes(g1GeneratorCompressed)
        // Not in the subgroup / not on the curve (consensus-specs vectors).
        #expect(Compression.decodeG1(try hexBytes(g1NotInSubgroup)) == nil)
        #expect(Compression.decodeG1Unchecked(try hexBytes(g1NotInSubgroup)) != nil)
        #expect(Compression.decodeG1(try hexBytes(g1NotOnCurve)) == nil)
        // Wrong lengths.
        #expect(Compression.decodeG1(Array(gen.dropLast())) == nil)
        #expect(Compression.decodeG1(gen + [0]) == nil)
        #expect(Compression.decodeG1([]) == nil)
        // Compression flag missing (uncompressed-form flag byte).
        var noC = gen
        noC[0] &= 0x7f
        #expect(Compression.decodeG1(noC) == nil)
        // Infinity flag with a non-zero x, with the sign bit, or without compression.
        var infX = [UInt8(0xc0)] + [UInt8](repeating: 0, count: 47)
        infX[47] = 1
        #expect(Compression.decodeG1(infX) == nil)
        #expect(Compression.decodeG1([UInt8(0xe0)] + [UInt8](repeating: 0, count: 47)) == nil)
        #expect(Compression.decodeG1([UInt8(0x40)] + [UInt8](repeating: 0, count: 47)) == nil)
        // Infinity flag on top of a valid x.
        var infG = gen
        infG[0] |= 0x40
        #expect(Compression.decodeG1(infG) == nil)
        // x = p and x = 2^381 − 1 (≥ p).
        let pBytes = try hexBytes("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")
        var xp = pBytes
        xp[0] |= 0x80
        #expect(Compression.decodeG1(xp) == nil)
        #expect(Compression.decodeG1([UInt8(0x9f)] + [UInt8](repeating: 0xff, count: 47)) == nil)
        // x = 0: (0, ±2) is on the curve but has order 3, so it is not in G1.
        let zeroX = [UInt8(0x80)] + [UInt8](repeating: 0, count: 47)
        #expect(Compression.decodeG1Unchecked(zeroX) != nil)
        #expect(Compression.decodeG1(zeroX) == nil)
    }

    @Test func invalidG2Encodings() throws {
        let gen = try hexBytes(g2GeneratorCompressed)
        var noC = gen
        noC[0] &= 0x7f
        #expect(Compression.decodeG2(noC) == nil)
        #expect(Compression.decodeG2(Array(gen.dropLast())) == nil)
        #expect(Compression.decodeG2([UInt8(0xe0)] + [UInt8](repeating: 0, count: 95)) == nil)
        var infX = [UInt8(0xc0)] + [UInt8](repeating: 0, count: 95)
        infX[60] = 1
        #expect(Compression.decodeG2(infX) == nil)
        // x.c0 = p (second half), x.c1 ≥ p (first half).
        let pBytes = try hexBytes("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")
        #expect(Compression.decodeG2(Array(gen[0..<48]) + pBytes) == nil)
        var c1p = pBytes
        c1p[0] |= 0x80
        #expect(Compression.decodeG2(c1p + Array(gen[48..<96])) == nil)
        // Not on the twist / not in G2 by probing x.c0: an Fp2 element is a square iff its norm
        // c0² + c1² is a square in Fp (Euler's criterion), an independent check of Fp2.sqrt; the
        // cofactor of G2 is large, so on-twist probes are essentially never in G2.
        var foundOff = false, foundOnOutside = false
        var probe = gen
        for k in 0..<64 {
            probe[95] = UInt8(k)
            let x = Fp2(try #require(Fp.fromBigEndian(probe[48..<96])), try #require(Fp.fromHex("0x13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")))
            let n = (x.squared() * x + Fp2.curveB).norm()
            let isSquare = n.pow(Fp.expPMinus1Div2) == Fp.one
            #expect((Compression.decodeG2Unchecked(probe) != nil) == isSquare)
            if !isSquare {
                foundOff = true
                #expect(Compression.decodeG2(probe) == nil)
            } else if Compression.decodeG2(probe) == nil {
                foundOnOutside = true
            }
        }
        #expect(foundOff)
        #expect(foundOnOutside)
    }

    /// A twist point outside G2 from the EIP-2537 failure vectors ("bls_pairing_g2_not_in_correct_subgroup",
    /// go-ethereum core/vm precompile tests): x = 2, y = (0x013a59…be73, 0x02d27e…6d4f).
    @Test func g2PointOutsideSubgroup() throws {
        let x = Fp2(Fp(2), .zero)
        let y = Fp2(try #require(Fp.fromHex("0x013a59858b6809fca4d9a3b6539246a70051a3c88899964a42bc9a69cf9acdd9dd387cfa9086b894185b9a46a402be73")),
                    try #require(Fp.fromHex("0x02d27e0ec3356299a346a09ad7dc4ef68a483c3aed53f9139d2f929a3eecebf72082e5e58c6da24ee32e03040c406d4f")))
        let q = G2Affine(x: x, y: y)
        #expect(q.isOnCurve)
        #expect(!q.jacobian.isInPrimeOrderSubgroup)
        // Compressed: x.c1 = 0 with only the compression flag (y.c1 < (p−1)/2, so no sign bit), x.c0 = 2.
        let enc = [UInt8(0x80)] + [UInt8](repeating: 0, count: 47) + [UInt8](repeating: 0, count: 47) + [2]
        #expect(Compression.decodeG2Unchecked(enc) == q)
        #expect(Compression.decodeG2(enc) == nil)
    }
}

