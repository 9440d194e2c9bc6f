// G1: the order-r subgroup of E(Fp): y² = x³ + 4.

import FieldTower

public typealias G1Affine = AffinePoint<Fp>
public typealias G1Projective = JacobianPoint<Fp>

public enum G1 {
    /// The standard generator (IETF draft-irtf-cfrg-pairing-friendly-curves, BLS12-381 section;
    /// also the ZCash bls12_381 crate).
    public static let generator = G1Affine(
        x: Fp.fromHex("0x17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb") ?? .zero,
        y: Fp.fromHex("0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1") ?? .zero)
}
