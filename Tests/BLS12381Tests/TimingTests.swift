import Testing
import Foundation
@testable import BLS12381
import FieldTower

@Suite struct TimingTests {
    /// Reports the time of one verification (meaningful with `swift test -c release`).
    @Test func verificationTime() throws {
        let v = try #require(kzgVectors.first { $0.name == "correct_proof_31ebd010e6098750" })
        let c = try hexBytes(v.commitment), z = try hexBytes(v.z), y = try hexBytes(v.y), p = try hexBytes(v.proof)
        _ = KZG.verifyProof(commitment: c, z: z, y: y, proof: p)  // warm up ([τ]G2 decoding)
        let n = 20
        let start = Date()
        var ok = true
        for _ in 0..<n { ok = ok && KZG.verifyProof(commitment: c, z: z, y: y, proof: p) == true }
        let per = Date().timeIntervalSince(start) / Double(n)
        #expect(ok)
        print("KZG.verifyProof: \(String(format: "%.3f", per * 1000)) ms per verification")

        let t0 = Date()
        for _ in 0..<n { _ = Pairing.productIsOne([(G1.generator, G2.generator), (G1.generator, G2.generator)]) }
        print("2-pair product check: \(String(format: "%.3f", Date().timeIntervalSince(t0) / Double(n) * 1000)) ms")
        let t1 = Date()
        for _ in 0..<n { _ = Compression.decodeG1(c) }
        print("G1 decode + subgroup check: \(String(format: "%.3f", Date().timeIntervalSince(t1) / Double(n) * 1000)) ms")
        let t2 = Date()
        for _ in 0..<n { _ = G2.generator.jacobian.multiplied(by: Scalar.r) }
        print("G2 scalar mul (255-bit): \(String(format: "%.3f", Date().timeIntervalSince(t2) / Double(n) * 1000)) ms")
    }
}
