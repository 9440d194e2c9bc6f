import Testing
@testable import BN254
import FieldTower

let oneWord = String(repeating: "0", count: 63) + "1"
let zeroWord = String(repeating: "0", count: 64)

@Suite struct PairingTests {
    let p = G1.generator
    let q = G2.generator

    @Test func nonDegenerateAndOrderR() {
        let e = Pairing.pairing(p, q)
        #expect(!e.isOne)
        #expect(pow12(e, [groupOrderR.0, groupOrderR.1, groupOrderR.2, groupOrderR.3]).isOne)
    }

    @Test func bilinearity() {
        var g = SplitMix(state: 5)
        let a = g.next(), b = g.next()
        let e = Pairing.pairing(p, q)
        let eab = Pairing.pairing(p.multiplied(by: (a, 0, 0, 0)), q.multiplied(by: (b, 0, 0, 0)))
        let (hi, lo) = a.multipliedFullWidth(by: b)
        #expect(eab == pow12(e, [lo, hi]))
        // e(aP, Q) = e(P, aQ)
        #expect(Pairing.pairing(p.multiplied(by: (a, 0, 0, 0)), q) == Pairing.pairing(p, q.multiplied(by: (a, 0, 0, 0))))
        // e(P, Q1 + Q2) = e(P, Q1) e(P, Q2)
        let q1 = q.multiplied(by: (3, 0, 0, 0)), q2 = q.multiplied(by: (b, 0, 0, 0))
        #expect(Pairing.pairing(p, q1 + q2) == Pairing.pairing(p, q1) * Pairing.pairing(p, q2))
    }

    @Test func inversePairsCancel() {
        // e(P, Q) · e(−P, Q) = 1 through the precompile interface.
        var g = SplitMix(state: 6)
        let a = p.multiplied(by: (g.next(), g.next(), 0, 0))
        let bq = q.multiplied(by: (g.next(), 0, 0, 0))
        let input = hexString(G1.encode(a)) + hexString(G2.encode(bq))
                  + hexString(G1.encode(-a)) + hexString(G2.encode(bq))
        #expect(runPairing(input) == hexBytes(oneWord))
        // e(P, Q) · e(P, −Q) = 1 as well, and e(P, Q)·e(P, Q) != 1.
        let input2 = hexString(G1.encode(a)) + hexString(G2.encode(bq))
                   + hexString(G1.encode(a)) + hexString(G2.encode(-bq))
        #expect(runPairing(input2) == hexBytes(oneWord))
        let input3 = hexString(G1.encode(a)) + hexString(G2.encode(bq))
                   + hexString(G1.encode(a)) + hexString(G2.encode(bq))
        #expect(runPairing(input3) == hexBytes(zeroWord))
        // e(aP, bQ) · e(−abP, Q) = 1 with scalars through the precompiles.
        let s: UInt64 = 0x1234_5678, t: UInt64 = 0x9abc_def0
        let lhs = hexString(G1.encode(p.multiplied(by: (s, 0, 0, 0)))) + hexString(G2.encode(q.multiplied(by: (t, 0, 0, 0))))
        let (hi, lo) = s.multipliedFullWidth(by: t)
        let rhs = hexString(G1.encode(-p.multiplied(by: (lo, hi, 0, 0)))) + g2Hex
        #expect(runPairing(lhs + rhs) == hexBytes(oneWord))
    }

    @Test func infinityPairs() {
        // Pairs containing the point at infinity contribute 1.
        #expect(runPairing(zero64 + g2Hex) == hexBytes(oneWord))
        #expect(runPairing(g1Hex + String(repeating: "0", count: 256)) == hexBytes(oneWord))
        #expect(runPairing(g1Hex + g2Hex + zero64 + g2Hex) == hexBytes(zeroWord))
    }
}
