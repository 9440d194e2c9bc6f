import Testing
@testable import BLS12381
import FieldTower

@Suite struct KZGTests {
    @Test func trustedSetupPointDecodes() throws {
        let tau = try #require(TrustedSetup.tauG2)
        #expect(tau.isOnCurve)
        #expect(tau.jacobian.isInPrimeOrderSubgroup)
        #expect(Compression.encodeG2(tau) == TrustedSetup.tauG2Compressed)
    }

    @Test(arguments: kzgVectors.map { $0.name })
    func officialVector(_ name: String) throws {
        let v = try #require(kzgVectors.first { $0.name == name })
        let result = KZG.verifyProof(commitment: try hexBytes(v.commitment), z: try hexBytes(v.z),
                                     y: try hexBytes(v.y), proof: try hexBytes(v.proof))
        #expect(result == v.expected, "\(v.name)")
    }

    @Test func vectorCoverage() {
        #expect(kzgVectors.filter { $0.expected == true }.count >= 10)
        #expect(kzgVectors.filter { $0.expected == false }.count >= 5)
        #expect(kzgVectors.filter { $0.expected == nil }.count >= 10)
    }

    @Test func malformedLengthsNeverTrap() {
        let c = [UInt8](repeating: 0xc0, count: 1) + [UInt8](repeating: 0, count: 47)
        let s = [UInt8](repeating: 0, count: 32)
        #expect(KZG.verifyProof(commitment: [], z: s, y: s, proof: c) == nil)
        #expect(KZG.verifyProof(commitment: c, z: [], y: s, proof: c) == nil)
        #expect(KZG.verifyProof(commitment: c, z: s, y: [0], proof: c) == nil)
        #expect(KZG.verifyProof(commitment: c, z: s, y: s, proof: Array(c.dropLast())) == nil)
        // All-0xff everything.
        let ff48 = [UInt8](repeating: 0xff, count: 48), ff32 = [UInt8](repeating: 0xff, count: 32)
        #expect(KZG.verifyProof(commitment: ff48, z: s, y: s, proof: c) == nil)
        #expect(KZG.verifyProof(commitment: c, z: ff32, y: s, proof: c) == nil)
        // Zero polynomial: infinity commitment and proof, any z, y = 0.
        #expect(KZG.verifyProof(commitment: c, z: s, y: s, proof: c) == true)
    }
}

@Suite struct StateTestVectorTests {
    @Test func pointEvaluationPrecompileExternalVectors() throws {
        #expect(stateTestPointEvaluationVectors.count >= 100)
        var failures: [String] = []
        for v in stateTestPointEvaluationVectors {
            let input = try hexBytes(v.input)
            guard input.count == 192 else { failures.append(v.name + " (length)"); continue }
            let z = Array(input[32..<64]), y = Array(input[64..<96])
            let commitment = Array(input[96..<144]), proof = Array(input[144..<192])
            let got = KZG.verifyProof(commitment: commitment, z: z, y: y, proof: proof)
            if got != v.expected { failures.append("\(v.name): got \(String(describing: got))") }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
