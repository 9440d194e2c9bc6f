import BLS12381

/// EIP-2537 (Prague): BLS12-381 operations at 0x0b–0x11, with the EIP's final gas schedule.
/// Every malformed input (length, padding, value ≥ p, point off the curve, a subgroup check that
/// the EIP requires failing) makes the call fail and consume all gas given to it.
extension Precompiles {
    /// 0x0b: G1 point addition; no subgroup check (EIP-2537).
    public static let blsG1Add = Precompile(
        name: "BLS12_G1ADD", gas: { _ in BLSGas.g1Add }, execute: { BLSPrecompiles.g1Add($0) })
    /// 0x0c: G1 multi-scalar multiplication over (point ‖ scalar) pairs of 160 bytes.
    public static let blsG1MSM = Precompile(
        name: "BLS12_G1MSM", gas: { BLSGas.msm(length: $0.count, pairLength: 160, g1: true) },
        execute: { BLSPrecompiles.g1MSM($0) })
    /// 0x0d: G2 point addition; no subgroup check.
    public static let blsG2Add = Precompile(
        name: "BLS12_G2ADD", gas: { _ in BLSGas.g2Add }, execute: { BLSPrecompiles.g2Add($0) })
    /// 0x0e: G2 multi-scalar multiplication over pairs of 288 bytes.
    public static let blsG2MSM = Precompile(
        name: "BLS12_G2MSM", gas: { BLSGas.msm(length: $0.count, pairLength: 288, g1: false) },
        execute: { BLSPrecompiles.g2MSM($0) })
    /// 0x0f: pairing check over (G1 ‖ G2) pairs of 384 bytes.
    public static let blsPairingCheck = Precompile(
        name: "BLS12_PAIRING_CHECK", gas: { BLSGas.pairing(length: $0.count) },
        execute: { BLSPrecompiles.pairingCheck($0) })
    /// 0x10: Fp to G1 (RFC 9380 map_to_curve and clear_cofactor).
    public static let blsMapFpToG1 = Precompile(
        name: "BLS12_MAP_FP_TO_G1", gas: { _ in BLSGas.mapFpToG1 }, execute: { BLSPrecompiles.mapFpToG1($0) })
    /// 0x11: Fp2 to G2.
    public static let blsMapFp2ToG2 = Precompile(
        name: "BLS12_MAP_FP2_TO_G2", gas: { _ in BLSGas.mapFp2ToG2 }, execute: { BLSPrecompiles.mapFp2ToG2($0) })
}

/// EIP-2537's gas schedule ("Gas burning on error" aside: a failure burns everything anyway, so an
/// input of invalid length is priced at 0 and fails in `execute`).
public enum BLSGas {
    public static let g1Add: UInt64 = 375
    public static let g2Add: UInt64 = 600
    public static let g1Mul: UInt64 = 12_000
    public static let g2Mul: UInt64 = 22_500
    public static let mapFpToG1: UInt64 = 5_500
    public static let mapFp2ToG2: UInt64 = 23_800
    public static let pairingPerPair: UInt64 = 32_600
    public static let pairingBase: UInt64 = 37_700

    /// MSM: k·multiplication cost·discount(k)/1000, the discount taken from the EIP's tables and
    /// capped at their last entry for k > 128.
    public static func msm(length: Int, pairLength: Int, g1: Bool) -> UInt64 {
        guard length > 0, length % pairLength == 0 else { return 0 }
        let k = length / pairLength
        let table = g1 ? BLSDiscount.g1 : BLSDiscount.g2
        let discount = UInt64(k <= table.count ? table[k - 1] : table[table.count - 1])
        return UInt64(k) * (g1 ? g1Mul : g2Mul) * discount / 1000
    }

    public static func pairing(length: Int) -> UInt64 {
        guard length > 0, length % 384 == 0 else { return 0 }
        return pairingPerPair * UInt64(length / 384) + pairingBase
    }
}

/// The operations behind the precompiles, each returning nil for invalid input.
enum BLSPrecompiles {
    static func g1Add(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count == 256,
              let a = PaddedEncoding.g1(input, at: 0), let b = PaddedEncoding.g1(input, at: 128) else { return nil }
        return PaddedEncoding.encode(a.jacobian.adding(b).affine)
    }

    static func g2Add(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count == 512,
              let a = PaddedEncoding.g2(input, at: 0), let b = PaddedEncoding.g2(input, at: 256) else { return nil }
        return PaddedEncoding.encode(a.jacobian.adding(b).affine)
    }

    static func g1MSM(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count > 0, input.count % 160 == 0 else { return nil }
        let k = input.count / 160
        var points = [G1Affine](), scalars = [Scalar]()
        points.reserveCapacity(k); scalars.reserveCapacity(k)
        for i in 0..<k {
            // The subgroup check is required for MSM (EIP-2537), also for a zero scalar.
            guard let p = PaddedEncoding.g1(input, at: 160 * i), SubgroupCheck.isInG1(p),
                  let s = PaddedEncoding.scalar(input, at: 160 * i + 128) else { return nil }
            points.append(p); scalars.append(s)
        }
        // Every point passed the subgroup check, as the endomorphism method needs.
        return PaddedEncoding.encode(GLV.msmG1(points, scalars).affine)
    }

    static func g2MSM(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count > 0, input.count % 288 == 0 else { return nil }
        let k = input.count / 288
        var points = [G2Affine](), scalars = [Scalar]()
        points.reserveCapacity(k); scalars.reserveCapacity(k)
        for i in 0..<k {
            guard let p = PaddedEncoding.g2(input, at: 288 * i), SubgroupCheck.isInG2(p),
                  let s = PaddedEncoding.scalar(input, at: 288 * i + 256) else { return nil }
            points.append(p); scalars.append(s)
        }
        return PaddedEncoding.encode(GLV.msmG2(points, scalars).affine)
    }

    static func pairingCheck(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count > 0, input.count % 384 == 0 else { return nil }
        var pairs = [(G1Affine, G2Affine)]()
        pairs.reserveCapacity(input.count / 384)
        for offset in stride(from: 0, to: input.count, by: 384) {
            // Both points must be in their r-order subgroups, the identity included (EIP-2537).
            guard let p = PaddedEncoding.g1(input, at: offset), SubgroupCheck.isInG1(p),
                  let q = PaddedEncoding.g2(input, at: offset + 128), SubgroupCheck.isInG2(q) else { return nil }
            pairs.append((p, q))
        }
        var out = [UInt8](repeating: 0, count: 32)
        if Pairing.productIsOne(pairs) { out[31] = 1 }
        return out
    }

    static func mapFpToG1(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count == 64, let u = PaddedEncoding.fp(input, at: 0) else { return nil }
        return PaddedEncoding.encode(MapToCurve.mapToG1(u).affine)
    }

    static func mapFp2ToG2(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
        guard input.count == 128, let u = PaddedEncoding.fp2(input, at: 0) else { return nil }
        return PaddedEncoding.encode(MapToCurve.mapToG2(u).affine)
    }
}
