import Testing
@testable import BLS12381
import FieldTower

/// The curve code behind EIP-2537, each fast path checked against its definition: the endomorphism
/// subgroup checks against r·P = O, windowed and Pippenger multiplication against double-and-add,
/// the maps' outputs against the curve equation and the subgroup. (The EIP's vectors for the
/// precompiles themselves are in EVMTests/BLSPrecompileTests.)
@Suite struct EIP2537CurveTests {
    /// Points on E1 / E2 that are mostly outside the subgroup: the maps before cofactor clearing.
    static func rawG1(_ rng: inout TestRNG) -> G1Affine {
        (MapToCurve.map(rng.fp(), MapToCurve.g1) ?? .infinity).affine
    }
    static func rawG2(_ rng: inout TestRNG) -> G2Affine {
        (MapToCurve.map(rng.fp2(), MapToCurve.g2) ?? .infinity).affine
    }

    @Test func g1SubgroupCheckMatchesDefinition() throws {
        var rng = TestRNG(state: 2537)
        var outside = 0
        for _ in 0..<12 {
            let p = Self.rawG1(&rng)
            #expect(p.isOnCurve)
            let expected = p.jacobian.isInPrimeOrderSubgroup
            #expect(SubgroupCheck.isInG1(p) == expected)
            if !expected { outside += 1 }
            let cleared = p.jacobian.multiplied(byLimbs: MapToCurve.g1HEff).affine
            #expect(SubgroupCheck.isInG1(cleared) && cleared.jacobian.isInPrimeOrderSubgroup)
        }
        #expect(outside > 0)   // the check was exercised on both sides
        // consensus-specs' P1_NOT_IN_G1: on the curve, outside the subgroup.
        let notIn = try #require(Compression.decodeG1Unchecked(try hexBytes(g1NotInSubgroup)))
        #expect(!SubgroupCheck.isInG1(notIn))
        #expect(SubgroupCheck.isInG1(G1.generator) && SubgroupCheck.isInG1(.identity))
    }

    @Test func g2SubgroupCheckMatchesDefinition() {
        var rng = TestRNG(state: 7)
        var outside = 0
        for _ in 0..<6 {
            let p = Self.rawG2(&rng)
            #expect(p.isOnCurve)
            let expected = p.jacobian.isInPrimeOrderSubgroup
            #expect(SubgroupCheck.isInG2(p) == expected)
            if !expected { outside += 1 }
            let cleared = p.jacobian.multiplied(byLimbs: MapToCurve.g2HEff).affine
            #expect(SubgroupCheck.isInG2(cleared) && cleared.jacobian.isInPrimeOrderSubgroup)
        }
        #expect(outside > 0)
        #expect(SubgroupCheck.isInG2(G2.generator) && SubgroupCheck.isInG2(.identity))
        let mixed = (G2.generator.jacobian + Self.rawG2(&rng).jacobian).affine
        #expect(SubgroupCheck.isInG2(mixed) == mixed.jacobian.isInPrimeOrderSubgroup)
    }

    /// The binary-Euclid inverse against Fermat's a^(p−2), and a·a⁻¹ = 1.
    @Test func binaryInverseMatchesFermat() {
        var rng = TestRNG(state: 123)
        var values: [Fp] = [.one, Fp(2), -Fp.one, -Fp(2), Fp(3)]
        for _ in 0..<200 { values.append(rng.fp()) }
        for a in values {
            #expect(a.inverseBinary() == a.inverseFermat())
            #expect(a * a.inverse() == .one)
        }
        #expect(Fp.zero.inverse() == .zero)
    }

    @Test func windowedMultiplicationMatchesDoubleAndAdd() {
        var rng = TestRNG(state: 11)
        let full = Scalar(~0, ~0, ~0, ~0)
        for k in [Scalar(0, 0, 0, 0), Scalar(1, 0, 0, 0), Scalar(15, 0, 0, 0), Scalar(16, 0, 0, 0), .r, full,
                  rng.scalar(), Scalar(rng.next(), rng.next(), rng.next(), rng.next())] {
            #expect(G1.generator.jacobian.multiplied(byLimbs: k.limbs) == G1.generator.jacobian.multiplied(by: k))
            #expect(G2.generator.jacobian.multiplied(byLimbs: k.limbs) == G2.generator.jacobian.multiplied(by: k))
        }
    }

    /// The endomorphism (GLV/GLS) products against double-and-add, scalars ≥ r included.
    @Test func endomorphismMultiplicationMatchesDoubleAndAdd() {
        var rng = TestRNG(state: 17)
        let full = Scalar(~0, ~0, ~0, ~0)
        let rMinus1 = Scalar(Scalar.r.w0 - 1, Scalar.r.w1, Scalar.r.w2, Scalar.r.w3)
        let scalars = [Scalar(0, 0, 0, 0), Scalar(1, 0, 0, 0), rMinus1, .r, full, Scalar(Pairing.xAbs, 0, 0, 0),
                       Scalar(rng.next(), rng.next(), rng.next(), rng.next()), rng.scalar()]
        let g1Points = [G1.generator, G1.generator.jacobian.multiplied(by: rng.scalar()).affine, MapToCurve.mapToG1(rng.fp()).affine]
        let g2Points = [G2.generator, MapToCurve.mapToG2(rng.fp2()).affine]
        for k in scalars {
            for p in g1Points { #expect(GLV.multiplyG1(p, k) == p.jacobian.multiplied(by: k)) }
            for p in g2Points { #expect(GLV.multiplyG2(p, k) == p.jacobian.multiplied(by: k)) }
        }
        #expect(GLV.multiplyG1(.identity, full).isInfinity && GLV.multiplyG2(.identity, full).isInfinity)
        // Sums of a few products, and Pippenger past the thresholds, against the naive sum.
        for n in [3, 17] {
            let ps = (0..<n).map { _ in G1.generator.jacobian.multiplied(by: rng.scalar()).affine }
            let ks = (0..<n).map { _ in Scalar(rng.next(), rng.next(), rng.next(), rng.next()) }
            let naive = zip(ps, ks).reduce(G1Projective.infinity) { $0 + $1.0.jacobian.multiplied(by: $1.1) }
            #expect(GLV.msmG1(ps, ks) == naive, "n = \(n)")
        }
        let qs = [G2.generator, G2.generator.jacobian.doubled().affine], ks2 = [full, rng.scalar()]
        #expect(GLV.msmG2(qs, ks2) == qs[0].jacobian.multiplied(by: full) + qs[1].jacobian.multiplied(by: ks2[1]))
    }

    @Test func pippengerMatchesNaiveSum() {
        var rng = TestRNG(state: 3)
        for n in [1, 2, 3, 7, 20, 70] {
            var points: [G1Affine] = [], scalars: [Scalar] = []
            var expected = G1Projective.infinity
            for i in 0..<n {
                let p = i == 1 ? G1Affine.identity : G1.generator.jacobian.multiplied(by: rng.scalar()).affine
                let k = i == 2 ? Scalar(0, 0, 0, 0) : Scalar(rng.next(), rng.next(), rng.next(), rng.next())
                points.append(p); scalars.append(k)
                expected = expected + p.jacobian.multiplied(by: k)
            }
            #expect(MSM.multiScalarMultiply(points, scalars) == expected, "n = \(n)")
        }
        // A repeated point (bucket additions that double) and G2.
        let q = G2.generator
        let k1 = Scalar(5, 0, 0, 0), k2 = Scalar(7, 0, 0, 0)
        #expect(MSM.multiScalarMultiply([q, q], [k1, k2]) == q.jacobian.multiplied(by: Scalar(12, 0, 0, 0)))
        #expect(MSM.multiScalarMultiply([q, -q], [k1, k1]).isInfinity)
    }

    /// RFC 9380's endomorphism form of G2 cofactor clearing equals multiplication by h_eff.
    @Test func g2CofactorClearingMatchesHEff() {
        var rng = TestRNG(state: 42)
        for _ in 0..<3 {
            let p = Self.rawG2(&rng).jacobian
            #expect(MapToCurve.clearCofactorG2(p) == p.multiplied(byLimbs: MapToCurve.g2HEff))
        }
    }

    @Test func mapsLandInTheSubgroups() {
        var rng = TestRNG(state: 99)
        for u in [Fp.zero, Fp.one, -Fp.one, rng.fp(), rng.fp()] {
            let p = MapToCurve.mapToG1(u).affine
            #expect(p.isOnCurve && SubgroupCheck.isInG1(p) && p.jacobian.isInPrimeOrderSubgroup)
        }
        for u in [Fp2.zero, Fp2.one, rng.fp2()] {
            let p = MapToCurve.mapToG2(u).affine
            #expect(p.isOnCurve && SubgroupCheck.isInG2(p) && p.jacobian.isInPrimeOrderSubgroup)
        }
    }

    /// EIP-2537 encoding: 16 zero bytes then a value below p; all-zero is infinity.
    @Test func paddedEncoding() throws {
        let g = PaddedEncoding.encode(G1.generator)
        #expect(g.count == 128)
        #expect(g.withUnsafeBytes { PaddedEncoding.g1($0, at: 0) } == G1.generator)
        var top = g; top[0] = 1
        top.withUnsafeBytes { #expect(PaddedEncoding.g1($0, at: 0) == nil) }
        var offCurve = g; offCurve[127] ^= 1
        offCurve.withUnsafeBytes { #expect(PaddedEncoding.g1($0, at: 0) == nil) }
        // p itself (not below p) as a field element.
        let p = [UInt8](repeating: 0, count: 16) + (try hexBytes("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"))
        p.withUnsafeBytes { #expect(PaddedEncoding.fp($0, at: 0) == nil) }
        [UInt8](repeating: 0, count: 128).withUnsafeBytes { #expect(PaddedEncoding.g1($0, at: 0)?.infinity == true) }
        let g2 = PaddedEncoding.encode(G2.generator)
        #expect(g2.withUnsafeBytes { PaddedEncoding.g2($0, at: 0) } == G2.generator)
        #expect(PaddedEncoding.encode(G2Affine.identity) == [UInt8](repeating: 0, count: 256))
    }
}
