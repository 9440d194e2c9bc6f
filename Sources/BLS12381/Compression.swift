// ZCash compressed point serialisation for BLS12-381 (the format Ethereum KZG commitments and
// proofs use; see the zkcrypto/bls12_381 "notes/serialization" document and the consensus-specs
// polynomial-commitments "bytes_to_kzg_commitment" / py_ecc KeyValidate):
//   byte 0 bit 7 (0x80): compression flag, must be 1;
//   byte 0 bit 6 (0x40): point at infinity; then every other bit must be 0;
//   byte 0 bit 5 (0x20): sign of y — set iff y is the lexicographically largest root;
//   the remaining 381 bits: x big-endian (for G2: x.c1 then x.c0), each coordinate < p.

import FieldTower

public enum Compression {
    static let compressionFlag: UInt8 = 0x80
    static let infinityFlag: UInt8 = 0x40
    static let signFlag: UInt8 = 0x20

    /// Decodes and fully validates a 48-byte compressed G1 point: flags, x < p, on the curve,
    /// in the r-order subgroup. Returns nil for anything malformed (never traps).
    public static func decodeG1(_ input: [UInt8]) -> G1Affine? {
        guard let p = decodeG1Unchecked(input) else { return nil }
        if p.infinity { return p }
        return p.jacobian.isInPrimeOrderSubgroup ? p : nil
    }

    /// As `decodeG1` but without the subgroup check (the result is on the curve).
    public static func decodeG1Unchecked(_ input: [UInt8]) -> G1Affine? {
        guard input.count == 48 else { return nil }
        let flags = input[0]
        guard flags & compressionFlag != 0 else { return nil }
        if flags & infinityFlag != 0 {
            // Canonical infinity only: 0xc0 followed by zeros.
            guard flags == compressionFlag | infinityFlag else { return nil }
            for i in 1..<48 where input[i] != 0 { return nil }
            return .identity
        }
        var xb = input
        xb[0] &= 0x1f
        guard let x = Fp.fromBigEndian(xb) else { return nil }
        guard var y = (x.squared() * x + Fp.curveB).sqrt() else { return nil }
        if y.isLexicographicallyLargest != (flags & signFlag != 0) { y = -y }
        return G1Affine(x: x, y: y)
    }

    /// Decodes and fully validates a 96-byte compressed G2 point (x.c1 ‖ x.c0).
    public static func decodeG2(_ input: [UInt8]) -> G2Affine? {
        guard let p = decodeG2Unchecked(input) else { return nil }
        if p.infinity { return p }
        return p.jacobian.isInPrimeOrderSubgroup ? p : nil
    }

    /// As `decodeG2` but without the subgroup check (the result is on the twist).
    public static func decodeG2Unchecked(_ input: [UInt8]) -> G2Affine? {
        guard input.count == 96 else { return nil }
        let flags = input[0]
        guard flags & compressionFlag != 0 else { return nil }
        if flags & infinityFlag != 0 {
            guard flags == compressionFlag | infinityFlag else { return nil }
            for i in 1..<96 where input[i] != 0 { return nil }
            return .identity
        }
        var c1b = Array(input[0..<48])
        c1b[0] &= 0x1f
        guard let c1 = Fp.fromBigEndian(c1b), let c0 = Fp.fromBigEndian(input[48..<96]) else { return nil }
        let x = Fp2(c0, c1)
        guard var y = (x.squared() * x + Fp2.curveB).sqrt() else { return nil }
        if y.isLexicographicallyLargest != (flags & signFlag != 0) { y = -y }
        return G2Affine(x: x, y: y)
    }

    public static func encodeG1(_ p: G1Affine) -> [UInt8] {
        if p.infinity { return [compressionFlag | infinityFlag] + [UInt8](repeating: 0, count: 47) }
        var out = p.x.bigEndianBytes()
        out[0] |= compressionFlag
        if p.y.isLexicographicallyLargest { out[0] |= signFlag }
        return out
    }

    public static func encodeG2(_ p: G2Affine) -> [UInt8] {
        if p.infinity { return [compressionFlag | infinityFlag] + [UInt8](repeating: 0, count: 95) }
        var out = p.x.c1.bigEndianBytes() + p.x.c0.bigEndianBytes()
        out[0] |= compressionFlag
        if p.y.isLexicographicallyLargest { out[0] |= signFlag }
        return out
    }
}
