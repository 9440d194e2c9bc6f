import Testing
@testable import BLS12381
import FieldTower

@Suite struct PairingTests {
    @Test func nonDegenerateAndOfOrderR() {
        let e = Pairing.pairing(G1.generator, G2.generator)
        #expect(!e.isOne)
        // e lies in the order-r subgroup of Fp12*: e^r = 1.
        var acc = Fp12.one
        let r = Scalar.r
        var i = r.highestBit
        while i >= 0 {
            acc = acc.squared()
            if r.bit(i) { acc = acc * e }
            i -= 1
        }
        #expect(acc.isOne)
    }

    @Test func bilinearity() {
        var rng = TestRNG(state: 2024)
        let a = rng.scalar(), b = rng.scalar()
        let p = G1.generator.jacobian, q = G2.generator.jacobian
        let e = Pairing.pairing(G1.generator, G2.generator)
        // e(2P, Q) = e(P, 2Q) = e(P, Q)²
        let e2 = Pairing.pairing(p.doubled().affine, G2.generator)
        #expect(e2 == e.squared())
        #expect(Pairing.pairing(G1.generator, q.doubled().affine) == e2)
        // e(aP, bQ) = e(bP, aQ) = e(abP, Q)
        let lhs = Pairing.pairing(p.multiplied(by: a).affine, q.multiplied(by: b).affine)
        let rhs = Pairing.pairing(p.multiplied(by: b).affine, q.multiplied(by: a).affine)
        #expect(lhs == rhs)
        // e(P1 + P2, Q) = e(P1, Q)·e(P2, Q)
        let p1 = p.multiplied(by: a), p2 = p.multiplied(by: b)
        #expect(Pairing.pairing((p1 + p2).affine, G2.generator)
                == Pairing.pairing(p1.affine, G2.generator) * Pairing.pairing(p2.affine, G2.generator))
        // Product check: e(aP, Q)·e(−P, aQ) = 1, and ≠ 1 when perturbed.
        #expect(Pairing.productIsOne([(p1.affine, G2.generator), ((-p).affine, q.multiplied(by: a).affine)]))
        #expect(!Pairing.productIsOne([(p1.affine, G2.generator), ((-p).affine, q.multiplied(by: b).affine)]))
        // Identity points contribute 1.
        #expect(Pairing.productIsOne([(.identity, G2.generator), (G1.generator, .identity)]))
        #expect(Pairing.pairing(.identity, G2.generator).isOne)
    }
}
