// EIP-4844 KZG point evaluation (the check behind precompile 0x0a), following
// verify_kzg_proof / verify_kzg_proof_impl of the consensus-specs deneb polynomial-commitments
// and ethereum/execution-specs src/ethereum/crypto/kzg.py:
//     e(C − [y]G1, −G2) · e(π, [τ]G2 − [z]G2) == 1
// (evaluated in the rearranged form below).

import FieldTower

public enum KZG {
    /// EIP-4844 verify_kzg_proof: true iff e(commitment − [y]G1, G2) == e(proof, [τ]G2 − [z]G2).
    /// nil when any input is malformed: commitment/proof not a valid compressed G1 point
    /// (48 bytes, ZCash flags, x < p, on the curve, in the r-order subgroup; the point at
    /// infinity 0xc0 00..00 is valid), or z / y (32-byte big-endian) not below BLS_MODULUS.
    public static func verifyProof(commitment: [UInt8], z: [UInt8], y: [UInt8], proof: [UInt8]) -> Bool? {
        guard commitment.count == 48, proof.count == 48 else { return nil }
        guard let zs = Scalar.fromBigEndian(z), zs.isLess(than: .r),
              let ys = Scalar.fromBigEndian(y), ys.isLess(than: .r) else { return nil }
        guard let c = Compression.decodeG1(commitment), let pi = Compression.decodeG1(proof) else { return nil }
        guard let tau = TrustedSetup.tauG2 else { return nil }

        // e(C − [y]G1, G2) = e(π, [τ]G2 − [z]G2) = e(π, [τ]G2) · e([z]π, G2)^(−1), so the check is
        //     e(C − [y]G1 + [z]π, −G2) · e(π, [τ]G2) == 1,
        // which keeps both scalar multiplications in G1 and both G2 arguments fixed.
        let lhs = c.jacobian - G1.generator.jacobian.multiplied(by: ys) + pi.jacobian.multiplied(by: zs)
        return Pairing.productIsOne([(lhs.affine, negG2Generator), (pi, tau)])
    }

    static let negG2Generator: G2Affine = -G2.generator
}
