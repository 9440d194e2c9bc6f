import Testing
@testable import BN254
import FieldTower

@Suite struct PrecompileVectorTests {
    @Test(arguments: bn256AddVectors.map { $0.0 })
    func gethAdd(name: String) {
        let v = bn256AddVectors.first { $0.0 == name }!
        let out = runAdd(v.1)
        #expect(out.map(hexString) == v.2)
    }

    @Test(arguments: bn256ScalarMulVectors.map { $0.0 })
    func gethScalarMul(name: String) {
        let v = bn256ScalarMulVectors.first { $0.0 == name }!
        let out = runMul(v.1)
        #expect(out.map(hexString) == v.2)
    }

    @Test(arguments: bn256PairingVectors.map { $0.0 })
    func gethPairing(name: String) {
        let v = bn256PairingVectors.first { $0.0 == name }!
        let out = runPairing(v.1)
        #expect(out.map(hexString) == v.2)
    }

    /// ten_point_match_1 / _2 of bn256Pairing.json: five repetitions of two_point_match_2 / _3.
    @Test func gethTenPointMatch() {
        for base in ["two_point_match_2", "two_point_match_3"] {
            let v = bn256PairingVectors.first { $0.0 == base }!
            let input = String(repeating: v.1, count: 5)
            #expect(input.count == 10 * 384)
            #expect(runPairing(input).map(hexString) == v.2)
        }
    }

    /// fail-bn256Pairing.json expects "bad elliptic curve pairing size"; its inputs are the
    /// ten-point inputs above. We check the size rule on those inputs with a byte removed
    /// or added, and on a few other lengths.
    @Test func pairingBadSize() {
        let base = bn256PairingVectors.first { $0.0 == "two_point_match_2" }!.1
        let ten = hexBytes(String(repeating: base, count: 5))
        #expect(runPairing(Array(ten.dropLast())) == nil)
        #expect(runPairing(ten + [0]) == nil)
        for len in [1, 64, 128, 191, 193, 383] {
            #expect(runPairing([UInt8](repeating: 0, count: len)) == nil)
        }
        // 192 zero bytes: both points at infinity, valid, product is 1.
        #expect(runPairing([UInt8](repeating: 0, count: 192)).map(hexString)
                == String(repeating: "0", count: 63) + "1")
    }
}
