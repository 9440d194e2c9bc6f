import Testing
@testable import BN254
import FieldTower

/// Square root in F_p (p ≡ 3 mod 4): a^((p+1)/4), or nil.
func sqrtFp(_ a: Fp) -> Fp? {
    let e = divideSmall([P0 &+ 1, P1, P2, P3], by: 4)  // P0 + 1 does not overflow
    let s = a.pow(e)
    return s.squared() == a ? s : nil
}

/// Square root in F_p2 via the norm: for a = a0 + a1 u, with s = sqrt(a0^2 + a1^2),
/// x0 = sqrt((a0 ± s)/2), x1 = a1 / (2 x0).
func sqrtFp2(_ a: Fp2) -> Fp2? {
    if a.isZero { return a }
    guard let s = sqrtFp(a.c0.squared() + a.c1.squared()) else { return nil }
    for t in [(a.c0 + s).halved(), (a.c0 - s).halved()] {
        if let x0 = sqrtFp(t), !x0.isZero {
            let r = Fp2(x0, a.c1 * x0.doubled().inverse())
            if r.squared() == a { return r }
        }
    }
    return nil
}

func encodeG2Hex(_ x: Fp2, _ y: Fp2) -> String {
    hexString(G2.encode(G2Point(affineX: x, y: y)))
}

let g1Hex = word(1) + word(2)
let g2Hex = hexString(G2.encode(G2.generator))
let pHex = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"
let rHex = "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001"
let zero64 = String(repeating: "0", count: 128)

@Suite struct CurveTests {
    @Test func g1GeneratorOrder() {
        #expect(G1.generator.multiplied(by: groupOrderR).isInfinity)
        #expect(G1.generator.multiplied(by: rMinus1) == -G1.generator)
        #expect(runMul(g1Hex + rHex).map(hexString) == zero64)
        // Scalars are not reduced, but r + 5 must act like 5.
        let r5 = runMul(g1Hex + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000006")
        #expect(r5 != nil && r5 == runMul(g1Hex + word(5)))
    }

    @Test func g1AddMulConsistency() {
        let two = runMul(g1Hex + word(2))
        #expect(two != nil && two == runAdd(g1Hex + g1Hex))
        var g = SplitMix(state: 9)
        for _ in 0..<5 {
            let a = g.next() >> 2, b = g.next() >> 2
            let pa = runMul(g1Hex + word(a))!, pb = runMul(g1Hex + word(b))!
            let sum = runAdd(hexString(pa) + hexString(pb))
            #expect(sum != nil && sum == runMul(g1Hex + word(a + b)))
        }
        // P + (-P) = O
        let p = G1.generator.multiplied(by: (12345, 0, 0, 0))
        #expect(runAdd(hexString(G1.encode(p)) + hexString(G1.encode(-p))).map(hexString) == zero64)
    }

    @Test func g2Generator() {
        let q = G2.generator
        let a = q.affineCoordinates()!
        #expect(G2.isOnCurve(x: a.x, y: a.y))
        #expect(G2.isInSubgroup(q))
        #expect(q.multiplied(by: rMinus1) == -q)
        // b' * ξ == 3
        #expect(G2.b * Fp2(Fp(9), Fp(1)) == Fp2(Fp(3), .zero))
        // decode(encode(Q)) round-trips.
        let bytes = hexBytes(g2Hex)
        let d = bytes.withUnsafeBytes { G2.decode($0) }
        #expect(d != nil && d! == q)
    }

    @Test func invalidG1Inputs() {
        // Coordinate equal to p.
        #expect(runAdd(pHex + word(2) + g1Hex) == nil)
        #expect(runAdd(g1Hex + word(1) + pHex) == nil)
        #expect(runMul(pHex + word(2) + word(3)) == nil)
        // (p, 0) is not accepted as an alias of infinity / (0, 0).
        #expect(runAdd(pHex + word(0)) == nil)
        // x = 0 + p, y = 2 ... and an all-ones coordinate
        #expect(runAdd(String(repeating: "f", count: 64) + word(2)) == nil)
        // Not on curve.
        #expect(runAdd(word(1) + word(1)) == nil)
        #expect(runAdd(g1Hex + word(1) + word(3)) == nil)
        #expect(runMul(word(1) + word(3) + word(1)) == nil)
        #expect(runMul(word(0) + word(1) + word(0)) == nil)
        #expect(runPairing(word(1) + word(3) + g2Hex) == nil)
        #expect(runPairing(pHex + word(2) + g2Hex) == nil)
    }

    @Test func invalidG2Inputs() {
        let g2 = hexBytes(g2Hex)
        // Each coordinate set to p.
        for slot in 0..<4 {
            var b = hexBytes(g1Hex) + g2
            let pb = hexBytes(pHex)
            for i in 0..<32 { b[64 + slot * 32 + i] = pb[i] }
            #expect(runPairing(b) == nil)
        }
        // Not on the twist: y_re + 1.
        var bad = hexBytes(g1Hex) + g2
        bad[191] ^= 1
        #expect(runPairing(bad) == nil)
        // Swapping the real/imaginary order makes it invalid as well.
        let swapped = hexBytes(g1Hex) + Array(g2[32..<64]) + Array(g2[0..<32]) + Array(g2[96..<128]) + Array(g2[64..<96])
        #expect(runPairing(swapped) == nil)
        // Invalid G2 paired with the G1 point at infinity is still invalid.
        var badInf = hexBytes(zero64) + g2
        badInf[191] ^= 1
        #expect(runPairing(badInf) == nil)
    }

    @Test func g2NotInSubgroup() {
        // Find a point on the twist E'(F_p2) by trial; E'(F_p2) has order r·h with a huge
        // cofactor h, so such a point is (overwhelmingly likely, and checked) outside G2.
        var found = 0
        var k: UInt64 = 1
        while found < 3 && k < 100 {
            let x = Fp2(Fp(k), Fp(1))
            if let y = sqrtFp2(x.squared() * x + G2.b) {
                #expect(G2.isOnCurve(x: x, y: y))
                let q = G2Point(affineX: x, y: y)
                #expect(!q.multiplied(by: groupOrderR).isInfinity)
                #expect(runPairing(g1Hex + encodeG2Hex(x, y)) == nil)
                #expect(runPairing(zero64 + encodeG2Hex(x, y)) == nil)
                found += 1
            }
            k += 1
        }
        #expect(found == 3)
    }

    @Test func randomInputsNeverTrap() {
        var g = SplitMix(state: 77)
        for n in 0..<300 {
            let len = Int(g.next() % 400)
            var bytes = [UInt8](repeating: 0, count: len)
            for i in 0..<len { bytes[i] = UInt8(truncatingIfNeeded: g.next()) }
            // Make some coordinates small so they pass the < p check.
            if n % 2 == 0 { for i in stride(from: 0, to: len, by: 32) { bytes[i] = 0 } }
            _ = bytes.withUnsafeBytes { BN254.add(input: $0) }
            _ = bytes.withUnsafeBytes { BN254.mul(input: $0) }
            if len % 192 == 0 { _ = bytes.withUnsafeBytes { BN254.pairingCheck(input: $0) } }
        }
        var b = [UInt8](repeating: 0xff, count: 384)
        #expect(runPairing(b) == nil)
        b = [UInt8](repeating: 0, count: 384)
        #expect(runPairing(b).map(hexString) == String(repeating: "0", count: 63) + "1")
    }
}

@Suite struct SubgroupCheckTests {
    /// The fast (endomorphism) subgroup test must agree with the definition r·Q == O on
    /// G2 points, on random points of E'(F_p2), on points of cofactor order ([r]R) and on
    /// cofactor-cleared points ([h]R, h = 2p − r = #E'(F_p2)/r).
    @Test func subgroupCheckAgreesWithDefinition() {
        // h = 2p - r as limbs.
        var c: UInt64 = 0
        let p2 = [adc(P0, P0, &c), adc(P1, P1, &c), adc(P2, P2, &c), adc(P3, P3, &c)]
        var br: UInt64 = 0
        let h = (sbb(p2[0], groupOrderR.0, &br), sbb(p2[1], groupOrderR.1, &br),
                 sbb(p2[2], groupOrderR.2, &br), sbb(p2[3], groupOrderR.3, &br))
        var checked = 0
        var k: UInt64 = 1
        while checked < 4 && k < 200 {
            let x = Fp2(Fp(k), Fp(k &* 7 &+ 3))
            k += 1
            guard let y = sqrtFp2(x.squared() * x + G2.b) else { continue }
            let rnd = G2Point(affineX: x, y: y)
            let cof = rnd.multiplied(by: groupOrderR)   // order divides h
            let inG2 = rnd.multiplied(by: h)              // order divides r
            #expect(!cof.isInfinity && !inG2.isInfinity)
            #expect(inG2.multiplied(by: groupOrderR).isInfinity)  // confirms #E' = r·h
            for (pt, expected) in [(rnd, false), (cof, false), (inG2, true), (cof + inG2, false)] {
                #expect(G2.isInSubgroup(pt) == expected)
                #expect(G2.isInSubgroupSlow(pt) == expected)
            }
            checked += 1
        }
        #expect(checked == 4)
        var g = SplitMix(state: 12)
        for _ in 0..<5 {
            let q = G2.generator.multiplied(by: (g.next(), g.next(), g.next(), 0))
            #expect(G2.isInSubgroup(q))
        }
        // ψ acts as multiplication by p on G2.
        let q = G2.generator
        #expect(G2.psi(q) == q.multiplied(by: (P0, P1, P2, P3)))
    }
}
