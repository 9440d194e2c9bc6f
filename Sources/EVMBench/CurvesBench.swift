import BN254
import EVM
import Primitives

/// `EVMBench curves`: the pairing-based precompiles through their public entry points, moved
/// here from the unit tests (a timing is not a test). Run `swift run -c release EVMBench curves`.
///
/// - 0x08 BN254 pairing check of two pairs (the `jeff1` input of geth's bn256 vectors);
/// - 0x0a KZG point evaluation (EIP-4844), the `correct_proof_31ebd010e6098750` input of the
///   consensus-spec vectors, as the state tests pass it (versioned hash, z, y, commitment, proof).
enum CurvesBench {
    static let bn254TwoPairs = "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa"
    static let pointEvaluationInput = "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff000000001522a4a7f34e1ea350ae07c29c96c7e79655aa926122e95fe69fcbd932ca49e98f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7a62ad71d14c5719385c0686f1871430475bf3a00f0aa3f7b8dd99a9abc2160744faf0070725e00b60ad9a026a15b1a8c"

    static func run(_ args: [String]) {
        let pairing = Hex.decode(bn254TwoPairs) ?? []
        let evaluation = Hex.decode(pointEvaluationInput) ?? []
        // Both inputs are valid: a bench of the failure path would measure the wrong thing.
        guard pairing.withUnsafeBytes({ BN254.pairingCheck(input: $0) })?.last == 1,
              evaluation.withUnsafeBytes({ PointEvaluation.run(input: $0) }) != nil else {
            print("curves: a bench input no longer verifies; fix the input before timing it")
            exit(1)
        }
        let pairingNs = Bench.nsPerOp(minTrialNs: 50_000_000, trials: 5) { n in
            var sum: UInt64 = 0
            for _ in 0..<n { sum &+= UInt64(pairing.withUnsafeBytes { BN254.pairingCheck(input: $0) }?.last ?? 0) }
            return sum
        }
        let evaluationNs = Bench.nsPerOp(minTrialNs: 50_000_000, trials: 5) { n in
            var sum: UInt64 = 0
            for _ in 0..<n { sum &+= UInt64(evaluation.withUnsafeBytes { PointEvaluation.run(input: $0) }?.count ?? 0) }
            return sum
        }
        print("BN254 pairing check, 2 pairs (0x08):   \(fmt(pairingNs / 1e3)) µs")
        print("KZG point evaluation (0x0a):           \(fmt(evaluationNs / 1e3)) µs")
    }
}
