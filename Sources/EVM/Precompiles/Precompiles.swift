import UInt256
import EVMCrypto
import BN254
import BLS12381

/// The precompiled contracts, each with its gas rule and the EIP that defines it.
public enum Precompiles {
    /// 0x01: public key recovery; empty output for an invalid signature.
    public static let ecrecover = Precompile(
        name: "ECRECOVER", gas: { _ in 3000 },
        execute: { Secp256k1.ecrecoverPrecompile(input: $0) })

    /// 0x02.
    public static let sha256 = Precompile(
        name: "SHA256", gas: { PrecompileGas.linear(60, 12, $0.count) },
        execute: { Digest.sha256(Array($0)) })

    /// 0x03: the 20-byte digest, left-padded to 32 bytes.
    public static let ripemd160 = Precompile(
        name: "RIPEMD160", gas: { PrecompileGas.linear(600, 120, $0.count) },
        execute: { [UInt8](repeating: 0, count: 12) + Digest.ripemd160(Array($0)) })

    /// 0x04.
    public static let identity = Precompile(
        name: "IDENTITY", gas: { PrecompileGas.linear(15, 3, $0.count) },
        execute: { Array($0) })

    /// 0x05: EIP-198 with EIP-2565 pricing.
    public static let modexp = Precompile(
        name: "MODEXP", gas: { ModExp.requiredGas(input: $0) },
        execute: { ModExp.run(input: $0) })

    /// 0x06–0x08: alt_bn128 (EIP-196/197) at EIP-1108 prices.
    public static let bn254Add = Precompile(
        name: "ECADD", gas: { _ in 150 }, execute: { BN254.add(input: $0) })
    public static let bn254Mul = Precompile(
        name: "ECMUL", gas: { _ in 6000 }, execute: { BN254.mul(input: $0) })
    public static let bn254Pairing = Precompile(
        name: "ECPAIRING", gas: { 45_000 + 34_000 * UInt64($0.count / 192) },
        execute: { BN254.pairingCheck(input: $0) })

    /// 0x09: EIP-152; one gas per round, invalid input fails before gas is known.
    public static let blake2f = Precompile(
        name: "BLAKE2F", gas: { UInt64(Blake2F.rounds(input: $0) ?? 0) },
        execute: { Blake2F.compress(input: $0) })

    /// 0x0a: EIP-4844 KZG point evaluation.
    public static let pointEvaluation = Precompile(
        name: "POINT_EVALUATION", gas: { _ in 50_000 },
        execute: { PointEvaluation.run(input: $0) })
}

/// EIP-4844 point evaluation: input is versioned_hash ‖ z ‖ y ‖ commitment ‖ proof.
public enum PointEvaluation {
    public static let fieldElementsPerBlob = U256(4096)
    /// BLS12-381 scalar field modulus.
    public static let blsModulus = U256(hex: "0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")! // safe: constant
    static let versionedHashVersionKZG: UInt8 = 0x01

    public static func run(input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count == 192 else { return nil }
        let bytes = Array(input)
        let versionedHash = Array(bytes[0..<32])
        let z = Array(bytes[32..<64]), y = Array(bytes[64..<96])
        let commitment = Array(bytes[96..<144]), proof = Array(bytes[144..<192])
        var expected = Digest.sha256(commitment)
        expected[0] = versionedHashVersionKZG
        guard expected == versionedHash else { return nil }
        guard KZG.verifyProof(commitment: commitment, z: z, y: y, proof: proof) == true else { return nil }
        return fieldElementsPerBlob.bigEndianBytes + blsModulus.bigEndianBytes
    }
}
